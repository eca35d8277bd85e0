/* layout.h — from block tree to page list. Device independent: text is
 * measured only through the callback in the options, so tests run with a
 * fake fixed-width measure. Line-break opportunities come from ICU
 * (ja@lb=strict) through src/icu, refined by the JLReq tables of
 * data/jlreq-*.tsv (src/layout/jlreq.h). */
#ifndef NG_LAYOUT_H
#define NG_LAYOUT_H

#include "../doc/doc.h"
#include "../icu/icu.h"
#include "jlreq.h"
#include "pages.h"

typedef struct ng_layout_opts {
	double page_w, page_h; /* points */
	double margin_top, margin_bottom, margin_left;
	double text_em;        /* text width in ems of the body size */
	double body_size;      /* points */
	double line_factor;    /* line pitch = size × factor (行送り) */
	int strictness;        /* JLReq kinsoku level: 4 (default) or 3 */
	bool hanging;          /* ぶら下げ of 。 and 、 (default off) */
	double wa_space;       /* 和欧間 in em (¼) */
	double wa_min, wa_max; /* how far it may shrink and grow (⅛, ½) */
	/* The window of a 長形3号 envelope on page 1 (points from the sheet's
	 * top-left), where an NG_B_RECIPIENT block is set; no other text on
	 * page 1 comes within 3 mm of it. Default 90 × 45 mm at 20 mm from the
	 * left and 14 mm from the top: check your envelope stock. */
	double window_x, window_y, window_w, window_h;
	double barcode_size;   /* customer barcode, points: 8–11.5 (10) */
	double seal_size;      /* the sender's 角印, points square (18 mm) */
	const ng_jlreq *jlreq; /* class tables; NULL: ng_layout loads them */
	ng_measure_fn measure;
	void *measure_ctx;
} ng_layout_opts;

/* A4, 10.5 pt, 43 characters a line, pitch 1.75, level 4, no hanging;
 * the envelope window as above. */
void ng_layout_defaults(ng_layout_opts *o);

/* Lays doc out into *out (allocated from a). lb is a reusable line
 * breaker (strict). Returns 0, or -1 after adding diagnostics. A text that
 * cannot be broken legally within the measure is broken at the margin
 * with an NG_D_LAYOUT_OVERFLOW warning; nothing is set past the margin. */
int ng_layout(const ng_doc *doc, const ng_layout_opts *o, ng_linebreaker *lb, ng_arena *a,
              ng_pages *out, ng_diags *d);

/* The page list as text, one laid-out line per row:
 *   PAGE LINE x=X y=Y w=WIDTH r=RIGHT FLAGS | TEXT
 * FLAGS: J justified, H hanging, F forced break, C continues the line
 * before, P page number, M list marker, - none. Rules and links follow each page. Numbers
 * in points with two decimals. Stable, for golden tests and users' CI. */
void ng_layout_dump(const ng_pages *p, ng_buf *out);

/* The letter as plain text: each laid-out line (ng_page.lines) on its own
 * row, pages separated by a form feed. Use this rather than the runs: a
 * line is drawn as several runs. */
void ng_layout_text(const ng_pages *p, ng_buf *out);

#endif
