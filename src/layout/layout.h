/* layout.h — from block tree to page list. Device independent: text is
 * measured only through the callback in the options, so tests run with a
 * fake fixed-width measure. Line-break opportunities come from ICU
 * (ja@lb=strict) through src/icu. */
#ifndef NG_LAYOUT_H
#define NG_LAYOUT_H

#include "../doc/doc.h"
#include "../icu/icu.h"
#include "pages.h"

typedef struct ng_layout_opts {
	double page_w, page_h;       /* points */
	double margin_top, margin_bottom, margin_left;
	double text_em;              /* text width in ems of the body size */
	double body_size;            /* points */
	double line_factor;          /* line pitch = size × factor (行送り) */
	ng_measure_fn measure;
	void *measure_ctx;
} ng_layout_opts;

/* A4, 10.5 pt, 43 characters a line, pitch 1.75. */
void ng_layout_defaults(ng_layout_opts *o);

/* Lays doc out into *out (allocated from a). lb is a reusable line
 * breaker. Returns 0, or -1 after adding diagnostics. */
int ng_layout(const ng_doc *doc, const ng_layout_opts *o, ng_linebreaker *lb, ng_arena *a,
	      ng_pages *out, ng_diags *d);

/* The page list as text: one line per run, rule and link, numbers in
 * points with two decimals. Stable, for golden tests. */
void ng_layout_dump(const ng_pages *p, ng_buf *out);

#endif
