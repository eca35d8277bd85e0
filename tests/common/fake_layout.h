/* fake_layout.h — what the layout tests and fuzz targets share: a fake
 * fixed-width measure (ASCII half an em, everything else one em) so that
 * positions are exact and font-independent, and the line breaker and JLReq
 * tables opened once per test group. Header-only: each test binary
 * includes it once. */
#ifndef NG_FAKE_LAYOUT_H
#define NG_FAKE_LAYOUT_H

#include "layout/layout.h"

static inline double fake_measure(void *ctx, ng_font_role font, double size, const char *s,
                                  size_t len)
{
	(void)ctx;
	(void)font;
	double w = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp = 0;
		size_t n = ng_utf8_decode(s + i, len - i, &cp);
		w += n && cp < 0x80 ? size / 2 : size;
		i += n ? n : 1;
	}
	return w;
}

/* The test page: a 10-em measure of em-point text at x = 50, tall pages
 * (200 × 1000 pt, 50 pt margins), a line pitch of two ems. */
static inline void fake_layout_opts(ng_layout_opts *o, double em, const ng_jlreq *jl)
{
	ng_layout_defaults(o);
	o->body_size = em;
	o->text_em = 10;
	o->margin_left = 50;
	o->margin_top = 50;
	o->margin_bottom = 50;
	o->page_w = 200;
	o->page_h = 1000;
	o->line_factor = 2;
	o->measure = fake_measure;
	o->jlreq = jl;
}

typedef struct fake_layout {
	ng_linebreaker *lb;
	ng_jlreq *jl;
	ng_diags *diags;
} fake_layout;

/* Returns 0, or -1 when ICU or the tables cannot be opened. */
static inline int fake_layout_open(fake_layout *f)
{
	f->lb = ng_linebreaker_new(true);
	f->diags = ng_diags_new();
	f->jl = ng_jlreq_load(NULL, f->diags);
	return f->lb && f->jl ? 0 : -1;
}

static inline void fake_layout_close(fake_layout *f)
{
	ng_linebreaker_free(f->lb);
	ng_jlreq_free(f->jl);
	ng_diags_free(f->diags);
}

#endif
