/* fuzz_common.h — what several fuzz targets share: a fake fixed-width
 * measure (ASCII half an em, everything else one em, as the layout unit
 * tests use) and a layout context opened once per process. */
#ifndef NG_FUZZ_COMMON_H
#define NG_FUZZ_COMMON_H

#include <stdlib.h>

#include "../common/fake_layout.h"
#include "layout/layout.h"

typedef struct fuzz_layout {
	ng_linebreaker *lb;
	ng_jlreq *jl;
} fuzz_layout;

/* The layout tests' fake measure (../common/fake_layout.h). */
#define fuzz_measure fake_measure

/* Opens the line breaker and JLReq tables, or aborts. */
static void fuzz_layout_open(fuzz_layout *fl)
{
	ng_diags *d = ng_diags_new();
	fl->lb = ng_linebreaker_new(true);
	fl->jl = ng_jlreq_load(NULL, d);
	if (!fl->lb || !fl->jl) {
		ng_diags_print(d, stderr, 0);
		abort();
	}
	ng_diags_free(d);
}

/* Lays doc out on A4 with the defaults and the fake measure (flags: 1
 * hanging punctuation, 2 kinsoku level 3) and dumps the pages. Returns
 * ng_layout's result. */
static int fuzz_lay_out(fuzz_layout *fl, const ng_doc *doc, unsigned flags, ng_arena *a,
                        ng_diags *d)
{
	ng_layout_opts o;
	ng_layout_defaults(&o);
	o.hanging = flags & 1;
	o.strictness = flags & 2 ? 3 : 4;
	o.jlreq = fl->jl;
	o.measure = fuzz_measure;
	ng_pages pages;
	int rc = ng_layout(doc, &o, fl->lb, a, &pages, d);
	if (rc != 0)
		return rc;
	ng_buf dump = {0};
	ng_layout_dump(&pages, &dump);
	ng_buf_free(&dump);
	return 0;
}

#endif
