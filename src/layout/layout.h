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

typedef struct ng_layout_cache ng_layout_cache;

/* The language of the letters' text (ng_pages.lang): PDF /Lang, read by
 * screen readers to pick a Japanese voice. */
#define NG_LETTER_LANG "ja-JP"
/* The alternative text of the sender's 角印 (a Figure): what it is. */
#define NG_SEAL_ALT "社印"

/* The structure role of a block kind's content (tags.c). NG_ROLE_NONE for
 * a kind without one: layout then fails with NG_D_INTERNAL, and
 * test_layout fails for every such kind. */
ng_role ng_layout_block_role(ng_block_kind kind);

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
	/* Lines set before, reused (NULL: none; ignored when jlreq is
	 * NULL). See ng_layout_cache_new. */
	ng_layout_cache *cache;
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

/* A cache of text laid out before, kept across layouts: the letters of a
 * batch repeat most paragraphs word for word. A hard line of a text set
 * with the same bytes, font, size, box (position, width, first-line
 * indent, alignment), line pitch and options, measured by the same
 * function and context with the same JLReq tables and line breaker, is
 * broken into lines once; later layouts copy those lines (x and y within
 * their item; pagination, keeps, links and source positions are done
 * afresh each time). A table's column widths reuse each cell's measured
 * extent the same way. The result is the same, bit for bit, as without
 * the cache. Lines whose layout added a diagnostic (a forced break) are
 * not kept, so the warning comes every time.
 *
 * The measure context, JLReq tables and line breaker are told apart by
 * their addresses: free the cache before any of them, and do not change
 * what they answer while it lives. It stops adding (it never evicts) once
 * it holds max_entries values or would hold more than max_bytes (its
 * table, keys and values), so what it holds depends only on what was laid
 * out, in what order. Not thread-safe; a forked child shares the parent's
 * entries copy-on-write. Free with ng_layout_cache_free (NULL: no-op). */
ng_layout_cache *ng_layout_cache_new(size_t max_bytes, size_t max_entries);
void ng_layout_cache_free(ng_layout_cache *c);

typedef struct ng_layout_cache_stats {
	size_t lookups, hits;  /* since it was made */
	size_t entries, bytes; /* held; bytes: the table, keys and values */
	size_t refused;        /* not added: a cap was reached */
} ng_layout_cache_stats;

/* Zero for NULL. */
ng_layout_cache_stats ng_layout_cache_get_stats(const ng_layout_cache *c);

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
