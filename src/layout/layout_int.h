/* layout_int.h — what the layout module's files share: the layout state,
 * the characters of the text being set, composed lines and the vertical
 * list that pagination cuts into pages. Not for use outside src/layout. */
#ifndef NG_LAYOUT_INT_H
#define NG_LAYOUT_INT_H

#include <assert.h>
#include <string.h>

#include "layout.h"

#define NG_MM (72.0 / 25.4) /* points in a millimetre */

/* List nesting the structure tree follows; deeper items join the
 * deepest list. */
#define NG_LIST_DEPTH 8

/* One character of the text being set. Widths in points. */
typedef struct tch {
	size_t off, len; /* bytes in the content's text */
	int cls;         /* JLReq class */
	double adv;      /* the font's advance */
	double w;        /* set width (half an em for half-width marks) */
	double shift;    /* glyph origin relative to the slot */
	bool brk;        /* a line may break before this character */
	bool space;      /* a word space: trimmed at line ends */
	bool letter;     /* the gap before it may be letter-spaced */
	/* The gap before this character (JLReq spacing, in points). */
	double ga, gb, gw; /* after the previous one, before this one, 和欧間 */
	unsigned char pa, pb;
} tch;

/* A composed line: characters [s, e) of the analysed text; the break
 * follows at brk (e < brk when word spaces were trimmed). */
typedef struct cline {
	size_t s, e, brk;
	double measure; /* available width */
	bool justify, hang, forced, last;
} cline;

/* An entry of the vertical list: a line, or a table row. Its runs, lines,
 * links and rules sit in the staging arrays with y relative to its top. */
typedef struct vitem {
	double space; /* above it; dropped at a page top */
	double height;
	bool keep;   /* no page break between it and the item before */
	int table;   /* table number (1…) of a table row, else 0 */
	bool header; /* a table header row, repeated after a page break */
	bool fixed;  /* out of the flow: placed as set, on page 1 (the recipient) */
	bool brk;    /* a forced page break before it */
	size_t run0, nruns, line0, nlines, link0, nlinks, rule0, nrules;
	ng_image image; /* an image set with the item (path NULL: none) */
} vitem;

/* A heading waiting for its page: the item of its first line. */
typedef struct vhead {
	size_t item;
	const char *title;
	int level;
} vhead;

typedef struct lay {
	const ng_layout_opts *o;
	const ng_jlreq *jl;
	ng_linebreaker *lb;
	ng_layout_cache *reuse; /* NULL: nothing kept across layouts */
	ng_arena *a;
	ng_diags *d;
	ng_pages *pages;
	double width; /* text width in points */
	/* the analysed text */
	const ng_content *c;
	ng_pos_cursor pcur; /* the runs' source positions in c, in order */
	ng_font_role font;
	double size;
	tch *ch;
	size_t nch, capch;
	unsigned char *brk;
	size_t capbrk;
	struct chcache *cache; /* compose.c: widths and classes met so far */
	double *wid, *gap;     /* per-line scratch: adjusted widths and gaps */
	size_t capwid, capgap;
	struct adj *adj; /* compose.c: per-line scratch, what a line may adjust */
	size_t capadj;
	/* the vertical list and its staging arrays */
	vitem *items;
	size_t nitems, capitems;
	ng_run *runs;
	size_t nruns, capruns;
	ng_line *lines;
	size_t nlines, caplines;
	ng_link *links;
	size_t nlinks, caplinks;
	ng_rule *rules;
	size_t nrules, caprules;
	vhead *heads;
	size_t nheads, capheads;
	bool window;          /* page 1 keeps text off the envelope window */
	double pending_space; /* space to put above the next item */
	bool keep_next;       /* the next item is kept with the one before */
	bool break_next;      /* the next item starts a new page */
	/* Where the text of the last list item of each level starts (x, in
	 * points; 0: none since the last block that was not an item): a
	 * nested item hangs from its parent's text, whatever the parent's
	 * marker width. */
	double item_x[10];
	int failed;
	bool phrase; /* the line breaker breaks between phrases only (a title) */
	bool firm;   /* breaks only at firm places (ng_lay_analyse): a short table cell */
	bool cell;   /* a table cell: a date is set whole (年 joins its month) */
	/* the structure tree (tags.c): the element lines set now belong to,
	 * and the lists open at each nesting level */
	unsigned elem;
	struct open_list {
		unsigned list, body; /* the L (0: none yet), its last item's LBody */
		unsigned id;         /* ng_block.list of its items */
	} lists[NG_LIST_DEPTH];
	int depth;
} lay;

/* compose.c: analyses text[a, b) of content c in a font and size
 * (break opportunities, JLReq classes, widths, spacing). 0 or -1. */
/* Whether cp is a mark drawn across its whole em (①, ■, ○ …). */
bool ng_lay_em_mark(uint32_t cp);
int ng_lay_analyse(lay *l, const ng_content *c, size_t a, size_t b, ng_font_role font, double size);
/* Breaks the analysed text into lines of width first_w (first line) and
 * rest_w. Returns the number of lines (arena array in *out). */
size_t ng_lay_break(lay *l, double first_w, double rest_w, bool justify, cline **out);
/* Sets a composed line: appends its runs and an ng_line to the staging
 * arrays. x is the left edge of the line's box, box_w its width (where
 * right and centred lines align), base the baseline relative to the item
 * top. Returns the set width. */
double ng_lay_emit(lay *l, const cline *ln, double x, double box_w, ng_align align, double base,
                   unsigned flags);
/* The natural width of the analysed text set on one line, and the width of
 * its widest unbreakable piece. */
void ng_lay_extent(lay *l, double *natural, double *minimum);

/* The natural width of the widest line when the analysed text is broken
 * into lines of width w. */
double ng_lay_widest_line(lay *l, double w);

/* cache.c: a key is a run's common inputs (ng_lkey_start), then the
 * caller's fixed-size fields (ng_lkey_put, at most LKEY_HEAD bytes in
 * all), then a text (ng_lkey_text, not copied: it must outlive the key). */
#define LKEY_HEAD 160

typedef struct lkey {
	unsigned char head[LKEY_HEAD];
	size_t nhead;
	const char *text;
	size_t len;
	uint64_t hash;
} lkey;

void ng_lkey_start(lkey *k, const lay *l, char tag);
static inline void ng_lkey_put(lkey *k, const void *p, size_t n)
{
	/* Callers add a few fixed-size fields: more is a bug, not input. */
	assert(n <= sizeof k->head - k->nhead);
	memcpy(k->head + k->nhead, p, n);
	k->nhead += n;
}
#define NG_LKEY_PUT(k, v) ng_lkey_put((k), &(v), sizeof(v))
void ng_lkey_text(lkey *k, const char *text, size_t len);
/* How long the staging arrays of the last layout through a cache grew
 * (the next one starts them that long). */
typedef struct lay_sizes {
	size_t items, runs, lines, links, rules, elems;
} lay_sizes;
lay_sizes *ng_lcache_sizes(ng_layout_cache *c);
/* compose.c's table of characters' measures (size bytes, the same every
 * call), kept for the layouts after: zeroed when first given and when
 * the measure, its context or the JLReq tables differ from the last
 * layout's. NULL when the byte cap is reached. */
void *ng_lcache_chars(ng_layout_cache *c, const lay *l, size_t size);
/* The value stored under k, or NULL. */
const void *ng_lcache_get(ng_layout_cache *c, const lkey *k);
/* Room for a value of vsize bytes (zeroed, aligned for any type) stored
 * under k, to be filled before the next call; NULL when a cap is reached
 * or k is held already. */
void *ng_lcache_put(ng_layout_cache *c, const lkey *k, size_t vsize);

/* layout.c: starts a new vertical item and returns it. */
vitem *ng_lay_item(lay *l, double height);

/* tags.c: the structure tree. Appends an element of role under parent
 * and returns its index. */
unsigned ng_lay_elem(lay *l, ng_role role, unsigned parent);
/* The element a block's content goes in (opening lists, headings by
 * level…); sets l->elem. Adds NG_D_INTERNAL for a kind without a role. */
void ng_lay_block_elem(lay *l, const ng_block *b);
/* An item's marker (Lbl) and body (LBody) elements, or the Note both go
 * in (marker ※). */
void ng_lay_item_elems(lay *l, const ng_block *b, unsigned *marker, unsigned *body);
/* Closes open lists (a block other than a list item follows). */
void ng_lay_end_lists(lay *l);

/* recipient.c: the window-envelope block (NG_B_RECIPIENT) as a fixed item
 * at the window of page 1; sets l->window. */
void ng_lay_recipient(lay *l, const ng_block *b);

#endif
