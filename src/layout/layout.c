/* layout.c — blocks into a vertical list, and the list into pages. Each
 * block is set line by line (compose.c) into items with their runs, or its
 * lines are copied from a layout cache that holds them; then
 * pagination cuts the list, honouring keeps (a heading with what follows,
 * no orphan or widow line, a table row whole), repeats a table's header
 * rows after a break, and adds the page numbers 「n / N」. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

void ng_layout_defaults(ng_layout_opts *o)
{
	*o = (ng_layout_opts){.page_w = 595.276,
	                      .page_h = 841.890,
	                      .margin_top = 72,
	                      .margin_bottom = 72,
	                      .text_em = 43,
	                      .body_size = 10.5,
	                      .line_factor = 1.75,
	                      .strictness = 4,
	                      .hanging = false,
	                      .wa_space = 0.25,
	                      .wa_min = 0.125,
	                      .wa_max = 0.5,
	                      .window_x = 20 * NG_MM,
	                      .window_y = 14 * NG_MM,
	                      .window_w = 90 * NG_MM,
	                      .window_h = 45 * NG_MM,
	                      .barcode_size = 10,
	                      .seal_size = 18 * NG_MM};
	/* Centre the text block: 43 em of 10.5 pt is 451.5 pt. */
	o->margin_left = (o->page_w - o->text_em * o->body_size) / 2;
}

static double size_of(const lay *l, const ng_block *b)
{
	return b->size > 0 ? b->size : l->o->body_size;
}

static double pitch(const lay *l, double size)
{
	return size * l->o->line_factor;
}

/* Baseline of a line in a box of the pitch: the em box centred, baseline
 * at 0.88 em (IPAex's ascent). */
static double baseline(double size, double pitch_pt)
{
	return (pitch_pt - size) / 2 + size * 0.88;
}

vitem *ng_lay_item(lay *l, double height)
{
	l->items = ng_agrow_raw(l->a, l->items, sizeof *l->items, &l->capitems, l->nitems + 1);
	vitem *it = &l->items[l->nitems++];
	*it = (vitem){.space = l->pending_space,
	              .height = height,
	              .keep = l->keep_next,
	              .run0 = l->nruns,
	              .line0 = l->nlines,
	              .link0 = l->nlinks,
	              .rule0 = l->nrules,
	              .brk = l->break_next};
	l->pending_space = 0;
	l->keep_next = false;
	l->break_next = false;
	return it;
}

/* Closes the counts of the item opened last. */
static void close_item(lay *l, vitem *it)
{
	it->nruns = l->nruns - it->run0;
	it->nlines = l->nlines - it->line0;
	it->nlinks = l->nlinks - it->link0;
	it->nrules = l->nrules - it->rule0;
}

/* A link over line g, in the Link element the line is in; its text is
 * the annotation's description for readers. */
static void add_link(lay *l, const ng_line *g, double top, double h, const char *uri)
{
	l->links = ng_agrow_raw(l->a, l->links, sizeof *l->links, &l->caplinks, l->nlinks + 1);
	l->links[l->nlinks++] =
	    (ng_link){g->x, top, g->width, h, uri, g->elem, ng_strndup(l->a, g->text, g->len)};
}

/* A text box: where and how a content is set. */
typedef struct tbox {
	double x, width, first; /* first: extra indent of the first line, pt */
	ng_align align;
	ng_font_role font;
	double size;
} tbox;

/* A hard line being set: bytes [a, b) of content c in box t. */
typedef struct seg {
	const ng_content *c;
	size_t a, b;
	const tbox *t;
	double fx;   /* extra indent of its first line (t->first on the first) */
	vitem *into; /* the item its lines go into (a table row), or NULL */
} seg;

/* ---- a hard line set before (ng_layout_cache) */

/* Its lines and runs as ng_lay_emit staged them, y within their item;
 * text as offsets from the hard line's first byte, since the content (and
 * so the runs' source positions) is another letter's. */
typedef struct segrec {
	size_t nlines, nruns;
	ng_line *lines; /* run0: index into runs */
	ng_run *runs;
	size_t *line_off, *run_off;
} segrec;

/* Everything the lines depend on besides the run's common inputs: the
 * bytes, the box, the pitch, and where in its item the first line goes
 * (a table cell's lines follow each other in their row's item; other
 * lines start items of their own). Items, keeps and links are not part of
 * the lines: emit_lines makes them each time. */
static void seg_key(const lay *l, lkey *k, const seg *s, double top)
{
	const tbox *t = s->t;
	int align = (int)t->align, font = (int)t->font;
	double lh = pitch(l, t->size);
	ng_lkey_start(k, l, 'S');
	NG_LKEY_PUT(k, t->x);
	NG_LKEY_PUT(k, t->width);
	NG_LKEY_PUT(k, s->fx);
	NG_LKEY_PUT(k, align);
	NG_LKEY_PUT(k, font);
	NG_LKEY_PUT(k, t->size);
	NG_LKEY_PUT(k, lh);
	NG_LKEY_PUT(k, top);
	/* Analysis reads no byte past b: b is a '\n' or the end, and no
	 * UTF-8 sequence runs into a '\n'. */
	ng_lkey_text(k, s->c->text + s->a, s->b - s->a);
}

/* Pieces of one allocation, each aligned for any type. */
static size_t carved(size_t size)
{
	size_t a = _Alignof(max_align_t);
	return (size + a - 1) / a * a;
}

static void *carve(unsigned char **p, size_t size)
{
	void *at = *p;
	*p += carved(size);
	return at;
}

/* Keeps the lines staged since line0 (runs since run0) under k. */
static void seg_put(lay *l, const lkey *k, const seg *s, size_t line0, size_t run0)
{
	size_t nl = l->nlines - line0, nr = l->nruns - run0;
	size_t size = carved(sizeof(segrec)) + carved(nl * sizeof(ng_line)) +
	              carved(nr * sizeof(ng_run)) + carved(nl * sizeof(size_t)) +
	              carved(nr * sizeof(size_t));
	unsigned char *p = ng_lcache_put(l->reuse, k, size);
	if (!p)
		return;
	segrec *r = carve(&p, sizeof *r);
	*r = (segrec){nl,
	              nr,
	              carve(&p, nl * sizeof(ng_line)),
	              carve(&p, nr * sizeof(ng_run)),
	              carve(&p, nl * sizeof(size_t)),
	              carve(&p, nr * sizeof(size_t))};
	const char *base = s->c->text + s->a;
	for (size_t i = 0; i < nl; i++) {
		r->lines[i] = l->lines[line0 + i];
		r->line_off[i] = (size_t)(r->lines[i].text - base);
		r->lines[i].text = NULL;
		r->lines[i].run0 -= run0;
	}
	for (size_t i = 0; i < nr; i++) {
		r->runs[i] = l->runs[run0 + i];
		r->run_off[i] = (size_t)(r->runs[i].text - base);
		r->runs[i].text = NULL;
		r->runs[i].pos = (ng_pos){0};
	}
}

/* Stages line i of r and its runs, as ng_lay_emit would have. */
static void seg_line(lay *l, const seg *s, const segrec *r, size_t i)
{
	ng_line g = r->lines[i];
	size_t run0 = l->nruns;
	l->runs = ng_agrow_raw(l->a, l->runs, sizeof *l->runs, &l->capruns, l->nruns + g.nruns);
	for (size_t k = g.run0; k < g.run0 + g.nruns; k++) {
		ng_run *u = &l->runs[l->nruns++];
		*u = r->runs[k];
		u->text = s->c->text + s->a + r->run_off[k];
		u->pos = ng_content_pos_next(&l->pcur, s->c, s->a + r->run_off[k]);
	}
	g.run0 = run0;
	g.text = s->c->text + s->a + r->line_off[i];
	g.elem = l->elem; /* the cached line may have been another element's */
	l->lines = ng_agrow_raw(l->a, l->lines, sizeof *l->lines, &l->caplines, l->nlines + 1);
	l->lines[l->nlines++] = g;
}

/* Whether lines staged since line0 may be kept: not when they were
 * forced (their warning has to come again). */
static bool keepable(const lay *l, size_t line0)
{
	for (size_t i = line0; i < l->nlines; i++)
		if (l->lines[i].flags & NG_LINE_FORCED)
			return false;
	return true;
}

/* ---- setting text */

/* Emits n lines, composed (v) or kept from before (r); each line is an
 * item unless s->into is given, at y offset *y within it. */
static void emit_lines(lay *l, const seg *s, const cline *v, const segrec *r, size_t n, double *y)
{
	const tbox *t = s->t;
	double lh = pitch(l, t->size);
	for (size_t i = 0; i < n; i++) {
		vitem *it = s->into;
		double top = s->into ? *y : 0;
		if (!s->into) {
			it = ng_lay_item(l, lh);
			/* No orphan (a paragraph's first line alone at a page
			 * foot) and no widow (its last line alone at a top). */
			it->keep |= (i == 1) || (i > 0 && i + 1 == n);
		}
		double fx = i == 0 ? s->fx : 0;
		if (r)
			seg_line(l, s, r, i);
		else
			ng_lay_emit(l, &v[i], t->x + fx, t->width - fx, t->align,
			            top + baseline(t->size, lh), i > 0 ? NG_LINE_CONTINUED : 0);
		if (s->c->link)
			add_link(l, &l->lines[l->nlines - 1], top, lh, s->c->link);
		if (!s->into)
			close_item(l, it);
		*y += lh;
	}
}

/* Whether bytes [a, b) of c hold glued text: its breaks depend on more
 * than the bytes, so the cache, keyed by the bytes, must not keep them. */
static bool glued(const ng_content *c, size_t a, size_t b)
{
	for (size_t k = 0; k < c->nspans; k++)
		if (c->spans[k].glue && c->spans[k].start < b &&
		    c->spans[k].start + c->spans[k].len >= a)
			return true;
	return false;
}

/* Sets one hard line into lines, or copies them from the cache. */
static void set_segment(lay *l, const seg *s, double *y)
{
	lkey k;
	const segrec *r = NULL;
	ng_layout_cache *reuse = glued(s->c, s->a, s->b) ? NULL : l->reuse;
	if (reuse) {
		seg_key(l, &k, s, s->into ? *y : 0);
		r = ng_lcache_get(reuse, &k);
	}
	if (r) {
		l->pcur = (ng_pos_cursor){0}; /* s->c may be new at an old address */
		emit_lines(l, s, NULL, r, r->nlines, y);
		return;
	}
	size_t ndiags = ng_diags_count(l->d), line0 = l->nlines, run0 = l->nruns;
	const tbox *t = s->t;
	if (ng_lay_analyse(l, s->c, s->a, s->b, t->font, t->size) != 0) {
		l->failed = 1;
		return;
	}
	cline *v;
	size_t n = ng_lay_break(l, t->width - s->fx, t->width, t->align == NG_ALIGN_JUSTIFY, &v);
	emit_lines(l, s, v, NULL, n, y);
	if (reuse && ng_diags_count(l->d) == ndiags && keepable(l, line0))
		seg_put(l, &k, s, line0, run0);
}

/* Sets a content, hard line by hard line ('\n' breaks a line). */
static void set_text(lay *l, const ng_content *c, const tbox *t, vitem *into, double *y)
{
	size_t a = 0;
	bool first = true;
	unsigned outer = l->elem;
	if (c->link) /* the text is a Link inside its element */
		l->elem = ng_lay_elem(l, NG_ROLE_LINK, outer);
	while (a <= c->len && !l->failed) {
		const char *nl = memchr(c->text + a, '\n', c->len - a);
		size_t b = nl ? (size_t)(nl - c->text) : c->len;
		seg s = {c, a, b, t, first ? t->first : 0, into};
		set_segment(l, &s, y);
		first = false;
		a = b + 1;
	}
	l->elem = outer;
}

static tbox block_box(const lay *l, const ng_block *b)
{
	double em = size_of(l, b);
	double indent = b->indent + (b->kind == NG_B_ITEM && b->level > 1 ? b->level - 1 : 0);
	return (tbox){l->o->margin_left + indent * em,
	              l->width - (indent + b->right_indent) * em,
	              b->first_indent * em,
	              b->align,
	              b->font,
	              em};
}

/* Marks drawn across their whole em: circled and parenthesised numbers
 * and letters (①–⑳, ㉑–㊿, ⑴, ⒜ …), ○ ◎ ● ◯, ■ □, ◆ ◇, ▲ △ ▼ ▽, ★ ☆. */
static const struct {
	uint32_t lo, hi;
} em_marks[] = {
    {0x2460, 0x24FF}, /* ① … ⓿: enclosed alphanumerics */
    {0x25A0, 0x25A1}, /* ■ □ */
    {0x25B2, 0x25B3}, /* ▲ △ */
    {0x25BC, 0x25BD}, /* ▼ ▽ */
    {0x25C6, 0x25C7}, /* ◆ ◇ */
    {0x25CB, 0x25CB}, /* ○ */
    {0x25CE, 0x25CF}, /* ◎ ● */
    {0x25EF, 0x25EF}, /* ◯ */
    {0x2605, 0x2606}, /* ★ ☆ */
    {0x3251, 0x325F}, /* ㉑ … ㉟ */
    {0x32B1, 0x32BF}, /* ㊱ … ㊿ */
};

bool ng_lay_em_mark(uint32_t cp)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(em_marks); i++)
		if (cp >= em_marks[i].lo && cp <= em_marks[i].hi)
			return true;
	return false;
}

/* The marker's box: its natural width with the space its last mark
 * carries, rounded up to half ems, at least one em; a Latin marker (1.)
 * gets half an em more so the text does not touch it. */
static double marker_box(lay *l, double em, double natural)
{
	const tch *last = &l->ch[l->nch - 1];
	const ng_jspace *sp = ng_jlreq_pair(l->jl, last->cls, ng_jlreq_find(l->jl, "ID"));
	double w = ceil((natural + sp->after * em) / (em / 2) - 0.01) * (em / 2);
	if (ng_jlreq_info(l->jl, last->cls)->kind == NG_JK_LATIN)
		w += em / 2;
	/* A marker ending in a letter (第一, 第2項's 項, ア) would run into its
	 * text: a full-width space parts them, as after 第1 in a heading. */
	uint32_t cp = 0;
	ng_utf8_decode(l->c->text + last->off, last->len, &cp);
	if ((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF))
		w += em;
	/* A mark that fills its em (①, ○, ●, ■, □ …) would touch its text:
	 * half an em parts them, as the checkbox row's 「■ 氏名」 and the
	 * space a （1） or a ・ carries in its own em. */
	if (ng_lay_em_mark(cp))
		w += em / 2;
	return w < em ? em : w;
}

/* A nested item's box starts at its parent's text (plus its own indent). */
static tbox item_box(const lay *l, const ng_block *b)
{
	tbox t = block_box(l, b);
	int lv = b->level < 1 ? 1 : b->level > 9 ? 9 : b->level;
	if (lv > 1 && l->item_x[lv - 1] > 0) {
		double right = t.x + t.width;
		t.x = l->item_x[lv - 1] + b->indent * t.size;
		t.width = right - t.x;
	}
	return t;
}

/* Remembers where an item's text starts, for the items nested in it. */
static void item_done(lay *l, const ng_block *b, double text_x)
{
	int lv = b->level < 1 ? 1 : b->level > 9 ? 9 : b->level;
	l->item_x[lv] = text_x;
	for (int i = lv + 1; i < 10; i++)
		l->item_x[i] = 0;
}

/* A list item or note: the marker, then the text with a hanging indent
 * (ぶら下げインデント) so wrapped lines align with the text, not the marker.
 * An empty marker sets the text alone in the item's box (a label's value
 * under its label). */
static void item_block(lay *l, const ng_block *b)
{
	tbox t = item_box(l, b);
	double em = t.size, lh = pitch(l, em);
	if (b->marker && !*b->marker) {
		unsigned marker_elem, body_elem;
		ng_lay_item_elems(l, b, &marker_elem, &body_elem);
		tbox body = {t.x, t.width, 0, NG_ALIGN_JUSTIFY, b->font, em};
		double y = 0;
		set_text(l, &b->content, &body, NULL, &y);
		item_done(l, b, t.x);
		return;
	}
	ng_content marker = {0};
	ng_content_adds(l->a, &marker, b->marker ? b->marker : "・",
	                ng_content_pos(&b->content, 0));
	if (ng_lay_analyse(l, &marker, 0, marker.len, b->font, em) != 0) {
		l->failed = 1;
		return;
	}
	double nat, min;
	ng_lay_extent(l, &nat, &min);
	double mw = marker_box(l, em, nat);
	cline ml = {0, l->nch, l->nch, mw, false, false, false, true};
	unsigned marker_elem, body_elem;
	ng_lay_item_elems(l, b, &marker_elem, &body_elem);
	l->elem = marker_elem;
	/* The marker shares the first line's item. */
	size_t run0 = l->nruns, line0 = l->nlines;
	ng_lay_emit(l, &ml, t.x, mw, NG_ALIGN_LEFT, baseline(em, lh), NG_LINE_MARKER);
	l->elem = body_elem;
	size_t first_item = l->nitems;
	tbox body = {t.x + mw, t.width - mw, 0, NG_ALIGN_JUSTIFY, b->font, em};
	double y = 0;
	set_text(l, &b->content, &body, NULL, &y);
	if (l->nitems > first_item) {
		/* Widen the first line's item to take in the marker, and only
		 * that: the following lines are items of their own. */
		vitem *it = &l->items[first_item];
		it->nruns += it->run0 - run0;
		it->nlines += it->line0 - line0;
		it->run0 = run0;
		it->line0 = line0;
	}
	item_done(l, b, body.x);
}

/* ---- tables */

/* How a cell's lines may break: anywhere JLReq allows, between phrases
 * (ICU lw=phrase: 「ひなた / 雑貨店」), or at firm breaks only (compose.c:
 * 「2/29（木） / 9時30分」). */
typedef enum cellmode { CM_ANY, CM_PHRASE, CM_FIRM, CM__N } cellmode;

/* natural: the widest cell set in one line (max-content); floor[m]: the
 * widest piece between two breaks of mode m (floor[CM_ANY] is the
 * min-content); minimum: the floor the column got. */
typedef struct colw {
	double natural, floor[CM__N], minimum, width;
	bool done, prose; /* prose: a cell of it has 、 or 。 */
} colw;

/* A short cell (no 、 or 。: a name, a date and time, a count, a label)
 * wraps between phrases or at firm breaks when the pieces fit; prose
 * wraps like any paragraph. */
static bool short_cell(const ng_content *cell)
{
	return !cell->text || (!strstr(cell->text, "、") && !strstr(cell->text, "。"));
}

/* A table cell's text is analysed in mode m, with its dates whole
 * (compose.c); end_cell goes back to paragraphs. */
static void set_mode(lay *l, cellmode m)
{
	l->firm = m == CM_FIRM;
	l->cell = true;
	l->phrase = ng_linebreaker_phrase(l->lb, m == CM_PHRASE);
}

static void end_cell(lay *l)
{
	l->firm = l->cell = false;
	l->phrase = ng_linebreaker_phrase(l->lb, false);
}

/* The layout cache's key of a measure (tag) of a cell: its font, size,
 * width (0 where the measure has none) and text. */
static void cell_key(lkey *k, lay *l, char tag, ng_font_role font, double em, double w,
                     const ng_content *cell)
{
	int f = (int)font;
	ng_lkey_start(k, l, tag);
	NG_LKEY_PUT(k, f);
	NG_LKEY_PUT(k, em);
	NG_LKEY_PUT(k, w);
	ng_lkey_text(k, cell->text, cell->len);
}

/* A cell's natural width and widest unbreakable piece (ng_lay_extent) in
 * mode m, measured once per text, font, size and mode while there is a
 * cache. */
static int cell_extent(lay *l, const ng_content *cell, ng_font_role font, double em, cellmode m,
                       double *nat, double *min)
{
	lkey k;
	int rc = 0;
	set_mode(l, m);
	if (l->reuse) {
		cell_key(&k, l, 'E', font, em, 0, cell);
		const double *v = ng_lcache_get(l->reuse, &k);
		if (v) {
			*nat = v[0];
			*min = v[1];
			end_cell(l);
			return 0;
		}
	}
	if (ng_lay_analyse(l, cell, 0, cell->len, font, em) != 0) {
		rc = -1;
	} else {
		ng_lay_extent(l, nat, min);
		double *v = l->reuse ? ng_lcache_put(l->reuse, &k, 2 * sizeof *v) : NULL;
		if (v) {
			v[0] = *nat;
			v[1] = *min;
		}
	}
	end_cell(l);
	return rc;
}

/* The number of lines of a cell of width w in mode m (0 when it cannot
 * be analysed), kept in the layout cache. */
static size_t cell_lines(lay *l, const ng_content *cell, ng_font_role font, double em, cellmode m,
                         double w)
{
	lkey k;
	size_t n = 0;
	set_mode(l, m);
	if (l->reuse) {
		cell_key(&k, l, 'N', font, em, w, cell);
		const size_t *v = ng_lcache_get(l->reuse, &k);
		if (v) {
			end_cell(l);
			return *v;
		}
	}
	if (ng_lay_analyse(l, cell, 0, cell->len, font, em) == 0) {
		cline *v;
		n = ng_lay_break(l, w, w, false, &v);
		size_t *keep = l->reuse ? ng_lcache_put(l->reuse, &k, sizeof *keep) : NULL;
		if (keep)
			*keep = n;
	}
	end_cell(l);
	return n;
}

/* The mode a cell of width w is set in: the firmest whose pieces fit and
 * that takes no more lines than breaking anywhere (a long title in a
 * timeline is not set ragged in three lines where two would do); a cell
 * more than three times as long as its column is running text, set
 * justified like a paragraph. */
static cellmode cell_mode(lay *l, const ng_content *cell, ng_font_role font, double em, double w)
{
	if (!short_cell(cell))
		return CM_ANY;
	size_t any = 0;
	double nat, min;
	/* The natural width is the same in every mode: known from the firm
	 * breaks, it tells running text (more than three times the column)
	 * before ICU's phrase iterator is opened for it (its dictionary engine
	 * costs a cold letter 8 M instructions). */
	if (cell_extent(l, cell, font, em, CM_FIRM, &nat, &min) != 0 || nat > 3 * w)
		return CM_ANY;
	for (int m = CM_FIRM; m > CM_ANY; m--) {
		if (m != CM_FIRM && cell_extent(l, cell, font, em, (cellmode)m, &nat, &min) != 0)
			continue;
		if (min > w + 0.01)
			continue;
		if (nat <= w + 0.01)
			return (cellmode)m; /* one line in any mode */
		any = any ? any : cell_lines(l, cell, font, em, CM_ANY, w);
		if (cell_lines(l, cell, font, em, (cellmode)m, w) <= any)
			return (cellmode)m;
	}
	return CM_ANY;
}

static int span_at(const ng_block *b, size_t r, size_t c)
{
	return b->cell_span ? b->cell_span[r * b->ncols + c] : 1;
}

/* Columns sized by their own cells: a cell spanning several is left out
 * (the columns it spans hold it). */
static void measure_columns(lay *l, const ng_block *b, colw *cw)
{
	double em = size_of(l, b);
	for (size_t c = 0; c < b->ncols; c++) {
		cw[c] = (colw){0};
		for (size_t r = 0; r < b->nrows; r++) {
			const ng_content *cell = &b->cells[r * b->ncols + c];
			if (span_at(b, r, c) != 1)
				continue;
			/* The phrase floor is measured only when a table needs it
			 * (phrase_floor): ICU's phrase breaking reads a dictionary. */
			for (int m = CM_ANY; m < CM__N; m += 2) {
				double nat, min;
				cw[c].prose |= !short_cell(cell);
				if (m > CM_ANY && !short_cell(cell))
					break; /* prose: floor[m] stays floor[CM_ANY] */
				if (cell_extent(l, cell, b->font, em, (cellmode)m, &nat, &min) !=
				    0) {
					l->failed = 1;
					return;
				}
				cw[c].natural = fmax(cw[c].natural, nat);
				cw[c].floor[m] = fmax(cw[c].floor[m], min);
			}
		}
		cw[c].floor[CM_FIRM] = fmax(cw[c].floor[CM_FIRM], cw[c].floor[CM_ANY]);
		cw[c].floor[CM_PHRASE] = -1; /* not measured yet */
	}
}

/* Column c's floor between phrases, measured when first asked: between
 * its floor anywhere and its firm floor. */
static double phrase_floor(lay *l, const ng_block *b, colw *cw, size_t c)
{
	if (cw[c].floor[CM_PHRASE] >= 0)
		return cw[c].floor[CM_PHRASE];
	double em = size_of(l, b), floor = cw[c].floor[CM_ANY];
	for (size_t r = 0; r < b->nrows && cw[c].floor[CM_FIRM] > cw[c].floor[CM_ANY]; r++) {
		const ng_content *cell = &b->cells[r * b->ncols + c];
		double nat, min;
		if (span_at(b, r, c) == 1 && short_cell(cell) &&
		    cell_extent(l, cell, b->font, em, CM_PHRASE, &nat, &min) == 0)
			floor = fmax(floor, min);
	}
	return cw[c].floor[CM_PHRASE] = fmin(floor, cw[c].floor[CM_FIRM]);
}

/* Column widths from content, the way browsers size automatic tables
 * (CSS 2.1 §17.5.2.2): every column gets its natural width when all fit;
 * else each gets its floor, and the room above the floors is shared in
 * proportion to how much more each column needs to reach its natural
 * width. A column's floor is the widest piece between its firm breaks (a
 * short name stays whole while a date and time wrap between them); while
 * the floors do not fit, the column that gains most by it falls back to
 * breaking between phrases, then anywhere. When even the widest
 * unbreakable pieces do not fit, the columns share the width in
 * proportion to their natural widths, never below those pieces. */
/* Short columns beside prose (a timeline's dates beside what happened)
 * keep their natural widths while those take at most half the width and
 * the prose columns keep their floors: the prose wraps anyway, the dates
 * need not. The prose columns share the rest by natural width. */
static bool short_beside_prose(colw *cw, size_t n, double avail)
{
	double shorts = 0, floors = 0, prose = 0;
	for (size_t c = 0; c < n; c++) {
		shorts += cw[c].prose ? 0 : cw[c].natural;
		floors += cw[c].prose ? cw[c].floor[CM_ANY] : 0;
		prose += cw[c].prose ? cw[c].natural : 0;
	}
	if (prose == 0 || shorts > avail / 2 || shorts + floors > avail)
		return false;
	for (size_t c = 0; c < n; c++) {
		cw[c].minimum = cw[c].floor[CM_ANY];
		cw[c].width = cw[c].prose
		                  ? fmax(cw[c].minimum, (avail - shorts) * cw[c].natural / prose)
		                  : cw[c].natural;
		cw[c].done = cw[c].width >= cw[c].natural - 0.01;
	}
	return true;
}

static void size_columns(lay *l, const ng_block *b, colw *cw, double avail)
{
	size_t n = b->ncols;
	double nat = 0, sum = 0;
	for (size_t c = 0; c < n; c++)
		nat += cw[c].natural;
	if (nat > avail && short_beside_prose(cw, n, avail))
		return;
	int *mode = ng_xcalloc(n, sizeof *mode);
	for (size_t c = 0; c < n; c++) {
		mode[c] = CM_FIRM;
		sum += cw[c].floor[CM_FIRM];
	}
	while (nat > avail && sum > avail) {
		size_t best = n;
		double gain = 0;
		for (size_t c = 0; c < n; c++) {
			if (mode[c] == CM_FIRM)
				phrase_floor(l, b, cw, c);
			double g =
			    mode[c] > CM_ANY ? cw[c].floor[mode[c]] - cw[c].floor[mode[c] - 1] : 0;
			if (mode[c] > CM_ANY && (best == n || g > gain)) {
				best = c;
				gain = g;
			}
		}
		if (best == n)
			break;
		mode[best]--;
		sum -= gain;
	}
	double need = 0;
	for (size_t c = 0; c < n; c++) {
		cw[c].minimum = cw[c].floor[mode[c]];
		need += cw[c].natural - cw[c].minimum;
	}
	free(mode);
	for (size_t c = 0; c < n; c++) {
		if (nat <= avail)
			cw[c].width = cw[c].natural;
		else if (sum > avail)
			cw[c].width = fmax(cw[c].minimum, avail * cw[c].natural / nat);
		else
			cw[c].width =
			    cw[c].minimum +
			    (need > 0 ? (avail - sum) * (cw[c].natural - cw[c].minimum) / need : 0);
		cw[c].done = cw[c].width >= cw[c].natural - 0.01;
	}
}

/* A cell's widest line broken at width w, kept in the layout cache: a
 * batch's letters share their tables' cells. 0, or -1 (l->failed set). */
static int cell_widest(lay *l, const ng_content *cell, ng_font_role font, double em, double w,
                       double *out)
{
	lkey k;
	int rc = 0;
	set_mode(l, cell_mode(l, cell, font, em, w));
	if (l->reuse) {
		cell_key(&k, l, 'W', font, em, w, cell);
		const double *v = ng_lcache_get(l->reuse, &k);
		if (v) {
			*out = *v;
			end_cell(l);
			return 0;
		}
	}
	if (ng_lay_analyse(l, cell, 0, cell->len, font, em) != 0) {
		l->failed = 1;
		rc = -1;
	} else {
		*out = ng_lay_widest_line(l, w);
		double *v = l->reuse ? ng_lcache_put(l->reuse, &k, sizeof *v) : NULL;
		if (v)
			*v = *out;
	}
	end_cell(l);
	return rc;
}

/* The widest line of column c's cells when broken at width w; w when a
 * cell cannot be analysed (l->failed is set). */
static double wrapped_width(lay *l, const ng_block *b, size_t c, double w)
{
	double em = size_of(l, b), widest = 0;
	for (size_t r = 0; r < b->nrows; r++) {
		const ng_content *cell = &b->cells[r * b->ncols + c];
		if (span_at(b, r, c) != 1)
			continue;
		ng_font_role font = r < b->header_rows ? NG_FONT_HEADING : b->font;
		double v;
		if (cell_widest(l, cell, font, em, w, &v) != 0)
			return w;
		widest = fmax(widest, v);
	}
	return widest;
}

/* A wrapped column is no wider than its widest line: a date range broken
 * after its ～ (「令和6年11月2日（土）～」 over 「12月31日（火）」) would
 * otherwise have its first line stretched across the rest of the share
 * the column got. What a column gives back goes to the other wrapped
 * columns, in proportion to their natural widths, none past its natural
 * width. */
static void fit_wrapped(lay *l, const ng_block *b, colw *cw)
{
	double slack = 0, sum = 0;
	bool *shrunk = ng_alloc(l->a, b->ncols * sizeof *shrunk);
	for (size_t c = 0; c < b->ncols && !l->failed; c++) {
		if (cw[c].done)
			continue;
		double w = fmax(wrapped_width(l, b, c, cw[c].width), cw[c].minimum);
		shrunk[c] = w < cw[c].width - 0.01;
		if (shrunk[c]) {
			slack += cw[c].width - w;
			cw[c].width = w;
		} else
			sum += cw[c].natural;
	}
	/* The slack first makes whole the wrapped columns that need least
	 * (one cell less to wrap each), then widens the others. */
	for (bool again = true; again && slack > 0;) {
		size_t best = b->ncols;
		for (size_t c = 0; c < b->ncols; c++)
			if (!cw[c].done &&
			    (best == b->ncols ||
			     cw[c].natural - cw[c].width < cw[best].natural - cw[best].width))
				best = c;
		again = best < b->ncols && cw[best].natural - cw[best].width <= slack;
		if (again) {
			slack -= cw[best].natural - cw[best].width;
			sum -= shrunk[best] ? 0 : cw[best].natural;
			cw[best].width = cw[best].natural;
			cw[best].done = true;
		}
	}
	for (size_t c = 0; c < b->ncols && sum > 0; c++)
		if (!cw[c].done && !shrunk[c])
			cw[c].width =
			    fmin(cw[c].natural, cw[c].width + slack * cw[c].natural / sum);
}

/* The last column takes whatever the others leave, so its justified lines
 * end at the margin. */
static void column_widths(lay *l, const ng_block *b, colw *cw, double avail)
{
	if (b->col_weights) {
		double sum = 0;
		for (size_t c = 0; c < b->ncols; c++)
			sum += b->col_weights[c];
		for (size_t c = 0; c < b->ncols; c++)
			cw[c].width = avail * b->col_weights[c] / sum;
		return;
	}
	measure_columns(l, b, cw);
	size_columns(l, b, cw, avail);
	fit_wrapped(l, b, cw);
	double used = 0;
	for (size_t c = 0; c + 1 < b->ncols; c++)
		used += cw[c].width;
	cw[b->ncols - 1].width = avail - used;
}

static void add_rule(lay *l, double x1, double y1, double x2, double y2)
{
	l->rules = ng_agrow_raw(l->a, l->rules, sizeof *l->rules, &l->caprules, l->nrules + 1);
	l->rules[l->nrules++] = (ng_rule){x1, y1, x2, y2, 0.5, NG_ELEM_ARTIFACT};
}

/* A ruled table's cell: header rows centred, a lone dash centred (it
 * stands for "none", not for a value to line up), else the column's own
 * alignment. */
static ng_align cell_align(const ng_block *b, size_t r, size_t c)
{
	if (!b->ruled)
		return NG_ALIGN_JUSTIFY;
	if (r < b->header_rows || strcmp(b->cells[r * b->ncols + c].text, "－") == 0)
		return NG_ALIGN_CENTER;
	return b->col_align ? b->col_align[c] : NG_ALIGN_JUSTIFY;
}

/* The frame of a ruled table's row: its top and bottom, and a line left
 * of each cell and right of the last, half a gap from the text. Each row
 * draws its own top, so a row that starts a page is closed; a cell joined
 * to the one above (^) has no rule between them, and a cell spanning
 * columns none inside it. The first totals row has a double rule above. */
static void row_frame(lay *l, const ng_block *b, size_t r, const colw *cw, double x0, double gap,
                      double h)
{
	double left = x0 - gap / 2, x = left;
	for (size_t c = 0; c < b->ncols; c++) {
		double next = x + cw[c].width + gap;
		if (span_at(b, r, c) != 0)
			add_rule(l, x, 0, x, h);
		if (span_at(b, r, c) >= 0 || (r > 0 && r == b->header_rows))
			add_rule(l, x, 0, next, 0);
		if (r + 1 == b->nrows || span_at(b, r + 1, c) >= 0 || r + 1 == b->header_rows)
			add_rule(l, x, h, next, h);
		x = next;
	}
	add_rule(l, x, 0, x, h);
	if (b->total_rows && r == b->nrows - b->total_rows)
		add_rule(l, left, 1.5, x, 1.5);
}

/* Row r as a TR of table element table: header rows' cells are TH of
 * their column, the others TD; the cells read left to right (a
 * timeline's date, then its event), row by row. */
/* The width of the cell at row r, column c: its column's, or its
 * span's with the gaps between them. */
static double cell_width(const ng_block *b, size_t r, size_t c, const colw *cw, double gap)
{
	double w = cw[c].width;
	for (int k = 1; k < span_at(b, r, c); k++)
		w += gap + cw[c + (size_t)k].width;
	return w;
}

static void table_row(lay *l, const ng_block *b, size_t r, const colw *cw,
                      const unsigned char *modes, double x0, double gap, int id, unsigned table)
{
	double em = size_of(l, b);
	vitem *it = ng_lay_item(l, 0);
	size_t idx = (size_t)(it - l->items);
	it->table = id;
	it->header = r < b->header_rows;
	unsigned tr = ng_lay_elem(l, NG_ROLE_TR, table);
	double x = x0, tallest = 0;
	for (size_t c = 0; c < b->ncols && !l->failed; c++) {
		int sp = span_at(b, r, c);
		double w = cell_width(b, r, c, cw, gap);
		tbox t = {x, w, 0, sp > 1 ? NG_ALIGN_CENTER : cell_align(b, r, c), b->font, em};
		if (sp != 0) { /* a cell covered by a spanning one is no cell of its own */
			l->elem = ng_lay_elem(l, r < b->header_rows ? NG_ROLE_TH : NG_ROLE_TD, tr);
			if (r < b->header_rows)
				l->pages->elems[l->elem].scope = NG_SCOPE_COLUMN;
		}
		if (it->header)
			t.font = NG_FONT_HEADING;
		double y = 0;
		const ng_content *cell = &b->cells[r * b->ncols + c];
		/* A short cell wrapping at its firm breaks is set ragged: its
		 * lines end where the pieces end. */
		cellmode m = (cellmode)modes[r * b->ncols + c];
		if (m != CM_ANY && t.align == NG_ALIGN_JUSTIFY)
			t.align = NG_ALIGN_LEFT;
		set_mode(l, m);
		if (sp > 0)
			set_text(l, cell, &t, &l->items[idx], &y);
		end_cell(l);
		tallest = fmax(tallest, y);
		x += cw[c].width + gap;
	}
	it = &l->items[idx];
	it->height = b->ruled ? fmax(tallest, pitch(l, em)) : tallest;
	tallest = it->height;
	if (b->ruled)
		row_frame(l, b, r, cw, x0, gap, tallest);
	else if (r + 1 == b->header_rows) {
		/* A rule under the header rows. */
		l->rules =
		    ng_agrow_raw(l->a, l->rules, sizeof *l->rules, &l->caprules, l->nrules + 1);
		l->rules[l->nrules++] =
		    (ng_rule){x0, tallest, x - gap, tallest, 0.5, NG_ELEM_ARTIFACT};
	}
	close_item(l, it);
	/* Header rows stay with the first body row, a row with the next when
	 * a cell of that one is joined to it. */
	l->keep_next = r < b->header_rows;
	/* The totals rows stay with the row above them: a sum alone on a new
	 * page has lost the rows it adds up. */
	if (b->total_rows && r + 1 < b->nrows && r + 1 >= b->nrows - b->total_rows)
		l->keep_next = true;
	for (size_t c = 0; r + 1 < b->nrows && c < b->ncols; c++)
		l->keep_next |= span_at(b, r + 1, c) < 0;
}

static int table_count(const lay *l)
{
	int n = 0;
	for (size_t i = 0; i < l->nitems; i++)
		n = l->items[i].table > n ? l->items[i].table : n;
	return n;
}

/* A ruled table's columns: the widths given (ems), or each column's
 * content; all scaled down together when they do not fit. The table is
 * no wider than its columns: a small table of numbers stays small. */
static void ruled_widths(lay *l, const ng_block *b, colw *cw, double avail)
{
	double em = size_of(l, b), sum = 0;
	if (b->col_em) {
		for (size_t c = 0; c < b->ncols; c++)
			cw[c].width = b->col_em[c] * em;
	} else {
		measure_columns(l, b, cw);
		for (size_t c = 0; c < b->ncols; c++)
			cw[c].width = cw[c].natural;
	}
	for (size_t c = 0; c < b->ncols; c++)
		sum += cw[c].width;
	if (sum <= avail)
		return;
	if (b->col_em) {
		for (size_t c = 0; c < b->ncols; c++)
			cw[c].width *= avail / sum;
		return;
	}
	size_columns(l, b, cw, avail);
	fit_wrapped(l, b, cw);
}

/* ---- a table's measures kept in the layout cache: its columns' widths
 * and its cells' modes, under its shape and every cell's text (a batch's
 * letters repeat their tables, whose measuring asks the cache once per
 * cell, mode and width). */

/* Each cell's mode (cell_mode) at the columns' widths. */
static void cell_modes(lay *l, const ng_block *b, const colw *cw, double gap, unsigned char *modes)
{
	double em = size_of(l, b);
	for (size_t r = 0; r < b->nrows; r++) {
		ng_font_role font = r < b->header_rows ? NG_FONT_HEADING : b->font;
		for (size_t c = 0; c < b->ncols; c++) {
			size_t i = r * b->ncols + c;
			double w = cell_width(b, r, c, cw, gap);
			modes[i] = (unsigned char)(span_at(b, r, c) > 0
			                               ? cell_mode(l, &b->cells[i], font, em, w)
			                               : CM_ANY);
		}
	}
}

/* Puts n bytes at *p when there are any. */
static void put_bytes(char **p, const void *v, size_t n)
{
	if (v && n)
		memcpy(*p, v, n);
	*p += v ? n : 0;
}

/* The key of a table's measures: its size, width and shape, then as its
 * text the given column widths, the spans and each cell's length and
 * bytes (in the letter's arena). */
static void table_key(lay *l, lkey *k, const ng_block *b, double avail)
{
	size_t cells = b->nrows * b->ncols, cols = b->ncols * sizeof(double), len = 0;
	for (size_t i = 0; i < cells; i++)
		len += sizeof b->cells[i].len + b->cells[i].len;
	len += (b->col_weights ? cols : 0) + (b->col_em ? cols : 0) + (b->cell_span ? cells : 0);
	char *text = ng_alloc_raw(l->a, len + 1), *p = text;
	put_bytes(&p, b->col_weights, cols);
	put_bytes(&p, b->col_em, cols);
	put_bytes(&p, b->cell_span, cells);
	for (size_t i = 0; i < cells; i++) {
		put_bytes(&p, &b->cells[i].len, sizeof b->cells[i].len);
		put_bytes(&p, b->cells[i].text, b->cells[i].len);
	}
	int font = (int)b->font;
	unsigned char given = (unsigned char)((b->col_weights != NULL) | (b->col_em != NULL) << 1 |
	                                      (b->cell_span != NULL) << 2);
	double em = size_of(l, b);
	ng_lkey_start(k, l, 'C');
	NG_LKEY_PUT(k, font);
	NG_LKEY_PUT(k, em);
	NG_LKEY_PUT(k, avail);
	NG_LKEY_PUT(k, b->ncols);
	NG_LKEY_PUT(k, b->nrows);
	NG_LKEY_PUT(k, b->header_rows);
	NG_LKEY_PUT(k, b->ruled);
	NG_LKEY_PUT(k, given);
	ng_lkey_text(k, text, len);
}

/* The columns' widths (cw[].width) and the cells' modes of a table,
 * measured or kept from a letter before. */
static void measure_table(lay *l, const ng_block *b, colw *cw, unsigned char *modes, double avail,
                          double gap)
{
	size_t cells = b->nrows * b->ncols, ndiags = ng_diags_count(l->d);
	lkey k;
	if (l->reuse) {
		table_key(l, &k, b, avail);
		const double *v = ng_lcache_get(l->reuse, &k);
		if (v) {
			for (size_t c = 0; c < b->ncols; c++)
				cw[c].width = v[c];
			memcpy(modes, v + b->ncols, cells);
			return;
		}
	}
	if (b->ruled)
		ruled_widths(l, b, cw, avail);
	else
		column_widths(l, b, cw, avail);
	cell_modes(l, b, cw, gap, modes);
	bool keep = l->reuse && !l->failed && ng_diags_count(l->d) == ndiags;
	double *v = keep ? ng_lcache_put(l->reuse, &k, b->ncols * sizeof *v + cells) : NULL;
	if (v) {
		for (size_t c = 0; c < b->ncols; c++)
			v[c] = cw[c].width;
		memcpy(v + b->ncols, modes, cells);
	}
}

/* A table: one em in from the margin, one em between columns; each row is
 * one item of the vertical list, so a row never splits across pages. A
 * ruled table's frame stands at the indent, its text half an em inside. */
static void table_block(lay *l, const ng_block *b)
{
	double em = size_of(l, b), gap = em, inset = b->ruled ? 0.5 : 1;
	double x0 = l->o->margin_left + (b->indent + inset) * em;
	double avail = l->width - (b->indent + 2 * inset - (b->ruled ? 0 : 1)) * em -
	               gap * (double)(b->ncols - 1);
	if (b->ncols == 0 || b->nrows == 0)
		return;
	colw *cw = ng_alloc(l->a, b->ncols * sizeof *cw);
	unsigned char *modes = ng_alloc_raw(l->a, b->nrows * b->ncols);
	measure_table(l, b, cw, modes, avail, gap);
	int id = table_count(l) + 1;
	unsigned table = l->elem;
	for (size_t r = 0; r < b->nrows && !l->failed; r++)
		table_row(l, b, r, cw, modes, x0, gap, id, table);
	l->elem = table;
	l->pending_space += pitch(l, em) * 0.25;
}

/* ---- the sender's seal and the headings' bookmarks */

/* A 角印 stands right of the sender's name and covers about half of its
 * last character (JAPANESE.md §3): the line leaves room for the rest. */
static double seal_room(const lay *l, const ng_block *b)
{
	return l->o->seal_size - size_of(l, b) / 2;
}

static void add_seal(lay *l, const ng_block *b, vitem *it)
{
	if (!it->nlines)
		return;
	const ng_line *g = &l->lines[it->line0 + it->nlines - 1];
	double em = size_of(l, b), s = l->o->seal_size;
	/* Centred on the line's em box (baseline g->y, ascent 0.88 em). */
	double mid = g->y - 0.88 * em + em / 2;
	unsigned fig = ng_lay_elem(l, NG_ROLE_FIGURE, g->elem);
	l->pages->elems[fig].alt = NG_SEAL_ALT;
	it->image = (ng_image){g->x + g->width - em / 2, mid - s / 2, s, s, b->content.image, fig};
}

static void add_head(lay *l, const ng_block *b, size_t item)
{
	l->heads = ng_agrow_raw(l->a, l->heads, sizeof *l->heads, &l->capheads, l->nheads + 1);
	l->heads[l->nheads++] = (vhead){item, b->content.text, b->level > 0 ? b->level : 1};
}

/* A title that wraps is set in lines of even length (the narrowest box
 * that keeps its number of lines, centred in the full one): a subject
 * broken after its last word but one, 「…お詫 / びとお知らせ」, reads badly,
 * and Japanese titles are balanced by hand for that reason. */
static void balance_title(lay *l, const ng_block *b, tbox *t)
{
	const ng_content *c = &b->content;
	if (memchr(c->text, '\n', c->len) || ng_lay_analyse(l, c, 0, c->len, t->font, t->size) != 0)
		return;
	cline *v;
	size_t n = ng_lay_break(l, t->width, t->width, false, &v);
	if (n < 2)
		return;
	double natural, widest;
	ng_lay_extent(l, &natural, &widest);
	/* Never narrower than the widest unbreakable piece: no forced break. */
	double lo = fmax(natural / (double)n, widest), hi = t->width;
	for (int i = 0; i < 16 && hi - lo > 0.25; i++) {
		double mid = (lo + hi) / 2;
		if (ng_lay_break(l, mid, mid, false, &v) <= n)
			hi = mid;
		else
			lo = mid;
	}
	t->x += (t->width - hi) / 2;
	t->width = hi;
}

/* Whether c is one line of t's width, broken as ordinary text (no mandatory
 * break). */
static bool fits_one_line(lay *l, const ng_content *c, const tbox *t)
{
	if (memchr(c->text, '\n', c->len) || ng_lay_analyse(l, c, 0, c->len, t->font, t->size) != 0)
		return false;
	cline *v;
	return ng_lay_break(l, t->width, t->width, false, &v) < 2;
}

/* A title wraps between phrases (「…記録したUSBメモリの / 紛失についての…」,
 * not 「…USBメ / モリ…」) when every phrase fits the line; then it is
 * balanced. The phrase mode stays on while the title is set. The choice
 * and the box are kept in the layout cache: every letter of a batch has
 * the same title, and phrase breaking reads ICU's dictionary. */
static void title_phrases(lay *l, const ng_block *b, tbox *t)
{
	const ng_content *c = &b->content;
	lkey k;
	if (l->reuse) {
		int f = (int)t->font;
		ng_lkey_start(&k, l, 'T');
		NG_LKEY_PUT(&k, f);
		NG_LKEY_PUT(&k, t->size);
		NG_LKEY_PUT(&k, t->x);
		NG_LKEY_PUT(&k, t->width);
		ng_lkey_text(&k, c->text, c->len);
		const double *v = ng_lcache_get(l->reuse, &k);
		if (v) {
			l->phrase = ng_linebreaker_phrase(l->lb, v[2] != 0);
			t->x = v[0];
			t->width = v[1];
			return;
		}
	}
	/* A title that fits on one line with every break open is one line
	 * whatever the breaks: ICU's phrase iterator (whose dictionary
	 * engine costs more to open than the rest of the letter's layout)
	 * is opened only for a title that wraps. */
	l->phrase = ng_linebreaker_phrase(l->lb, false);
	if (!fits_one_line(l, c, t)) {
		l->phrase = ng_linebreaker_phrase(l->lb, true);
		if (l->phrase && ng_lay_analyse(l, c, 0, c->len, t->font, t->size) == 0) {
			double natural, widest;
			ng_lay_extent(l, &natural, &widest);
			if (widest > t->width)
				l->phrase = ng_linebreaker_phrase(l->lb, false);
		}
		balance_title(l, b, t);
	}
	double *v = l->reuse ? ng_lcache_put(l->reuse, &k, 3 * sizeof *v) : NULL;
	if (v) {
		v[0] = t->x;
		v[1] = t->width;
		v[2] = l->phrase;
	}
}

static void lay_block(lay *l, const ng_block *b)
{
	double lh = pitch(l, size_of(l, b));
	ng_lay_block_elem(l, b);
	if (l->failed)
		return;
	if (b->kind == NG_B_RECIPIENT) {
		ng_lay_recipient(l, b);
		return;
	}
	if (b->kind == NG_B_SPACE) {
		l->pending_space += b->space * pitch(l, l->o->body_size);
		return;
	}
	if (b->kind == NG_B_BREAK) {
		l->break_next = true;
		return;
	}
	if (b->kind != NG_B_ITEM)
		memset(l->item_x, 0, sizeof l->item_x);
	l->pending_space += b->space * lh;
	size_t first = l->nitems;
	if (b->kind == NG_B_ITEM)
		item_block(l, b);
	else if (b->kind == NG_B_TABLE)
		table_block(l, b);
	else {
		tbox t = block_box(l, b);
		if (b->content.image)
			t.width -= seal_room(l, b);
		if (b->kind == NG_B_TITLE)
			title_phrases(l, b, &t);
		double y = 0;
		set_text(l, &b->content, &t, NULL, &y);
		l->phrase = ng_linebreaker_phrase(l->lb, false);
		if (b->content.image && l->nitems > first)
			add_seal(l, b, &l->items[l->nitems - 1]);
	}
	if (b->kind == NG_B_HEADING && l->nitems > first)
		add_head(l, b, first);
	/* A heading (or a table's introduction) stays with what follows. */
	if (b->keep_with_next && l->nitems > first)
		l->keep_next = true;
}

/* ---- pagination */

typedef struct slot {
	size_t page;
	double top;
} slot;

typedef struct header_copy {
	size_t page, item;
	double top;
} header_copy;

typedef struct paginator {
	lay *l;
	slot *at;
	header_copy *hc;
	size_t nhc, caphc;
	size_t page;
	double y;
} paginator;

/* The table's header rows go on top of a page a table continues on. */
static void repeat_headers(paginator *pg, int table)
{
	lay *l = pg->l;
	for (size_t h = 0; h < l->nitems; h++) {
		if (l->items[h].table != table || !l->items[h].header)
			continue;
		pg->hc = ng_agrow_raw(l->a, pg->hc, sizeof *pg->hc, &pg->caphc, pg->nhc + 1);
		pg->hc[pg->nhc++] = (header_copy){pg->page, h, pg->y};
		pg->y += l->items[h].height;
	}
}

/* Where the page must break when item i does not fit: before the first
 * item of the keep chain that ends at i, unless that chain fills the page. */
static size_t break_before(const lay *l, size_t first, size_t i)
{
	size_t j = i;
	while (j > first && l->items[j].keep)
		j--;
	return j > first ? j : i;
}

/* The horizontal extent of an item's lines and rules; left > right when
 * it has none. */
static void item_extent(const lay *l, const vitem *it, double *left, double *right)
{
	*left = HUGE_VAL;
	*right = -HUGE_VAL;
	for (size_t k = it->line0; k < it->line0 + it->nlines; k++) {
		*left = fmin(*left, l->lines[k].x);
		*right = fmax(*right, l->lines[k].x + l->lines[k].width);
	}
	for (size_t k = it->rule0; k < it->rule0 + it->nrules; k++) {
		*left = fmin(*left, fmin(l->rules[k].x1, l->rules[k].x2));
		*right = fmax(*right, fmax(l->rules[k].x1, l->rules[k].x2));
	}
}

/* Page 1 of a window-envelope letter keeps its text 3 mm off the window
 * (the folded sheet shifts in the envelope, and nothing but the address
 * may show through): an item that would come nearer moves below the
 * window. An item wholly beside it (a right-aligned date) stays. */
static double clear_window(const lay *l, const vitem *it, double top)
{
	const ng_layout_opts *o = l->o;
	double gap = 3 * NG_MM, left, right;
	if (top + it->height <= o->window_y - gap || top >= o->window_y + o->window_h + gap)
		return top;
	item_extent(l, it, &left, &right);
	if (left > right || right <= o->window_x - gap || left >= o->window_x + o->window_w + gap)
		return top;
	return o->window_y + o->window_h + gap;
}

static void paginate(paginator *pg)
{
	lay *l = pg->l;
	double bottom = l->o->page_h - l->o->margin_bottom;
	size_t first = 0;
	pg->y = l->o->margin_top;
	for (size_t i = 0; i < l->nitems;) {
		const vitem *it = &l->items[i];
		if (it->fixed) { /* set in place on page 1 */
			pg->at[i] = (slot){0, 0};
			first += i == first;
			i++;
			continue;
		}
		double top = i == first ? pg->y : pg->y + it->space;
		if (pg->page == 0 && l->window)
			top = clear_window(l, it, top);
		/* A forced break starts a new page, unless the page is still
		 * empty (no blank page for a break at a page top). */
		if (i != first && (it->brk || top + it->height > bottom + 0.01)) {
			if (!it->brk)
				i = break_before(l, first, i);
			first = i;
			pg->page++;
			pg->y = l->o->margin_top;
			if (l->items[i].table && !l->items[i].header)
				repeat_headers(pg, l->items[i].table);
			continue;
		}
		pg->at[i] = (slot){pg->page, top};
		pg->y = top + it->height;
		i++;
	}
}

static ng_page *page_at(lay *l, size_t n)
{
	ng_pages *p = l->pages;
	while (p->npages <= n) {
		p->pages = ng_agrow_raw(l->a, p->pages, sizeof *p->pages, &p->cap, p->npages + 1);
		memset(&p->pages[p->npages++], 0, sizeof(ng_page));
	}
	return &p->pages[n];
}

/* Copies an item's runs, lines, links and rules onto its page at top;
 * as artifacts when it is a copy (a table's header rows repeated on the
 * next page: read once, where they first stand). */
static void place(lay *l, const vitem *it, size_t page, double top, bool copy)
{
	ng_page *pg = page_at(l, page);
	size_t base = pg->nruns;
	pg->runs = ng_agrow_raw(l->a, pg->runs, sizeof *pg->runs, &pg->capruns, base + it->nruns);
	for (size_t k = 0; k < it->nruns; k++) {
		pg->runs[pg->nruns] = l->runs[it->run0 + k];
		pg->runs[pg->nruns++].y += top;
	}
	pg->lines = ng_agrow_raw(l->a, pg->lines, sizeof *pg->lines, &pg->caplines,
	                         pg->nlines + it->nlines);
	for (size_t k = 0; k < it->nlines; k++) {
		ng_line g = l->lines[it->line0 + k];
		g.y += top;
		g.run0 = g.run0 - it->run0 + base;
		if (copy)
			g.elem = NG_ELEM_ARTIFACT;
		pg->lines[pg->nlines++] = g;
	}
	pg->links = ng_agrow_raw(l->a, pg->links, sizeof *pg->links, &pg->caplinks,
	                         pg->nlinks + it->nlinks);
	for (size_t k = 0; k < it->nlinks; k++) {
		pg->links[pg->nlinks] = l->links[it->link0 + k];
		if (copy)
			pg->links[pg->nlinks].elem = NG_ELEM_ARTIFACT;
		pg->links[pg->nlinks++].y += top;
	}
	pg->rules = ng_agrow_raw(l->a, pg->rules, sizeof *pg->rules, &pg->caprules,
	                         pg->nrules + it->nrules);
	for (size_t k = 0; k < it->nrules; k++) {
		ng_rule r = l->rules[it->rule0 + k];
		r.y1 += top;
		r.y2 += top;
		if (copy)
			r.elem = NG_ELEM_ARTIFACT;
		pg->rules[pg->nrules++] = r;
	}
	if (it->image.path) {
		pg->images = ng_agrow_raw(l->a, pg->images, sizeof *pg->images, &pg->capimages,
		                          pg->nimages + 1);
		pg->images[pg->nimages] = it->image;
		if (copy)
			pg->images[pg->nimages].elem = NG_ELEM_ARTIFACT;
		pg->images[pg->nimages++].y += top;
	}
}

/* Bookmarks: each heading where its first line landed. */
static void place_marks(lay *l, const slot *at)
{
	ng_pages *p = l->pages;
	p->marks = ng_alloc(l->a, (l->nheads + 1) * sizeof *p->marks);
	for (size_t i = 0; i < l->nheads; i++) {
		const vhead *h = &l->heads[i];
		p->marks[p->nmarks++] =
		    (ng_mark){h->title, h->level, at[h->item].page, at[h->item].top};
	}
}

/* Adds item it's counts to page n's room. */
static void count_item(ng_page *room, const vitem *it)
{
	room->capruns += it->nruns;
	room->caplines += it->nlines;
	room->caplinks += it->nlinks;
	room->caprules += it->nrules;
	room->capimages += it->image.path != NULL;
}

/* Makes room on each page for its items (and the table header rows
 * repeated on it), so that place copies them without growing: the
 * counts first, then one array each. A page number's line and runs may
 * grow them later. */
static void make_room(lay *l, const paginator *pg)
{
	size_t n = 1;
	for (size_t i = 0; i < l->nitems; i++)
		n = pg->at[i].page + 1 > n ? pg->at[i].page + 1 : n;
	for (size_t i = 0; i < pg->nhc; i++)
		n = pg->hc[i].page + 1 > n ? pg->hc[i].page + 1 : n;
	ng_page *room = ng_alloc(l->a, n * sizeof *room);
	for (size_t i = 0; i < l->nitems; i++)
		count_item(&room[pg->at[i].page], &l->items[i]);
	for (size_t i = 0; i < pg->nhc; i++)
		count_item(&room[pg->hc[i].page], &l->items[pg->hc[i].item]);
	for (size_t i = 0; i < n; i++) {
		ng_page *p = page_at(l, i);
		p->runs =
		    ng_agrow_raw(l->a, p->runs, sizeof *p->runs, &p->capruns, room[i].capruns);
		p->lines =
		    ng_agrow_raw(l->a, p->lines, sizeof *p->lines, &p->caplines, room[i].caplines);
		p->links =
		    ng_agrow_raw(l->a, p->links, sizeof *p->links, &p->caplinks, room[i].caplinks);
		p->rules =
		    ng_agrow_raw(l->a, p->rules, sizeof *p->rules, &p->caprules, room[i].caprules);
		p->images = ng_agrow_raw(l->a, p->images, sizeof *p->images, &p->capimages,
		                         room[i].capimages);
	}
}

static void build_pages(lay *l)
{
	paginator pg = {l, ng_alloc(l->a, (l->nitems + 1) * sizeof(slot)), NULL, 0, 0, 0, 0};
	paginate(&pg);
	make_room(l, &pg);
	size_t h = 0;
	for (size_t i = 0; i < l->nitems; i++) {
		while (h < pg.nhc && pg.hc[h].page <= pg.at[i].page) {
			place(l, &l->items[pg.hc[h].item], pg.hc[h].page, pg.hc[h].top, true);
			h++;
		}
		place(l, &l->items[i], pg.at[i].page, pg.at[i].top, false);
	}
	place_marks(l, pg.at);
}

/* A page number's line and runs as ng_lay_emit staged them, kept in the
 * layout cache under its text, size and the page's width (every letter
 * of a batch has the same); texts as offsets into the number's text. */
typedef struct footrun {
	ng_run run;
	size_t off;
} footrun;

typedef struct footrec {
	ng_line line;
	size_t line_off, nruns;
	footrun runs[];
} footrec;

static void put_page_number(lay *l, const lkey *k, const ng_content *c)
{
	footrec *r = l->nlines == 1
	                 ? ng_lcache_put(l->reuse, k, sizeof *r + l->nruns * sizeof *r->runs)
	                 : NULL;
	if (!r)
		return;
	r->line = l->lines[0];
	r->line_off = (size_t)(r->line.text - c->text);
	r->nruns = l->nruns;
	for (size_t i = 0; i < l->nruns; i++)
		r->runs[i] = (footrun){l->runs[i], (size_t)(l->runs[i].text - c->text)};
}

/* Stages the line of page number c (centred on the page), set or kept. */
static int set_page_number(lay *l, const ng_content *c, double size)
{
	ng_pages *p = l->pages;
	lkey k;
	const footrec *r = NULL;
	if (l->reuse) {
		ng_lkey_start(&k, l, 'F');
		NG_LKEY_PUT(&k, size);
		NG_LKEY_PUT(&k, p->width);
		ng_lkey_text(&k, c->text, c->len);
		r = ng_lcache_get(l->reuse, &k);
	}
	if (r) {
		l->runs = ng_agrow_raw(l->a, l->runs, sizeof *l->runs, &l->capruns, r->nruns);
		for (size_t i = 0; i < r->nruns; i++) {
			l->runs[i] = r->runs[i].run;
			l->runs[i].text = c->text + r->runs[i].off;
		}
		l->lines = ng_agrow_raw(l->a, l->lines, sizeof *l->lines, &l->caplines, 1);
		l->lines[0] = r->line;
		l->lines[0].text = c->text + r->line_off;
		l->nruns = r->nruns;
		l->nlines = 1;
		return 0;
	}
	if (ng_lay_analyse(l, c, 0, c->len, NG_FONT_BODY, size) != 0)
		return -1;
	cline ln = {0, l->nch, l->nch, p->width, false, false, false, true};
	ng_lay_emit(l, &ln, 0, p->width, NG_ALIGN_CENTER, 0, NG_LINE_FOOTER);
	if (l->reuse)
		put_page_number(l, &k, c);
	return 0;
}

/* 「n / N」 centred in the footer when there is more than one page. */
static void page_numbers(lay *l)
{
	ng_pages *p = l->pages;
	if (p->npages < 2)
		return;
	double size = l->o->body_size * 0.9;
	for (size_t i = 0; i < p->npages; i++) {
		ng_content c = {0};
		char number[48];
		snprintf(number, sizeof number, "%zu / %zu", i + 1, p->npages);
		ng_content_adds(l->a, &c, number, (ng_pos){0});
		l->nruns = l->nlines = 0;
		l->elem = NG_ELEM_ARTIFACT; /* pagination, not the letter's text */
		if (set_page_number(l, &c, size) != 0)
			return;
		vitem it = {.run0 = 0, .line0 = 0, .nruns = l->nruns, .nlines = l->nlines};
		place(l, &it, i, p->height - l->o->margin_bottom / 2, false);
	}
}

/* The staging arrays start as long as the last layout's through the
 * same cache (a batch's letters are alike): no copy each time one
 * doubles. */
static void presize(lay *l)
{
	const lay_sizes *s = ng_lcache_sizes(l->reuse);
	ng_pages *p = l->pages;
	l->items = ng_agrow_raw(l->a, NULL, sizeof *l->items, &l->capitems, s->items);
	l->runs = ng_agrow_raw(l->a, NULL, sizeof *l->runs, &l->capruns, s->runs);
	l->lines = ng_agrow_raw(l->a, NULL, sizeof *l->lines, &l->caplines, s->lines);
	l->links = ng_agrow_raw(l->a, NULL, sizeof *l->links, &l->caplinks, s->links);
	l->rules = ng_agrow_raw(l->a, NULL, sizeof *l->rules, &l->caprules, s->rules);
	p->elems = ng_agrow_raw(l->a, NULL, sizeof *p->elems, &p->capelems, s->elems);
}

int ng_layout(const ng_doc *doc, const ng_layout_opts *o, ng_linebreaker *lb, ng_arena *a,
              ng_pages *out, ng_diags *d)
{
	memset(out, 0, sizeof *out);
	out->width = o->page_w;
	out->height = o->page_h;
	out->title = doc->title;
	out->author = doc->author;
	out->subject = doc->subject;
	out->date_epoch = doc->date_epoch;
	ng_jlreq *own = o->jlreq ? NULL : ng_jlreq_load(NULL, d);
	if (!o->jlreq && !own)
		return -1;
	/* Tables loaded here die with this call: nothing is kept under
	 * their address. */
	lay l = {.o = o,
	         .jl = o->jlreq ? o->jlreq : own,
	         .lb = lb,
	         .reuse = o->jlreq ? o->cache : NULL,
	         .a = a,
	         .pages = out,
	         .d = d};
	l.width = o->text_em * o->body_size;
	out->lang = NG_LETTER_LANG;
	if (l.reuse)
		presize(&l);
	ng_lay_elem(&l, NG_ROLE_DOCUMENT, 0);
	for (size_t i = 0; i < doc->n && !l.failed; i++)
		lay_block(&l, &doc->v[i]);
	if (l.reuse)
		*ng_lcache_sizes(l.reuse) =
		    (lay_sizes){l.nitems, l.nruns, l.nlines, l.nlinks, l.nrules, out->nelems};
	if (!l.failed) {
		build_pages(&l);
		page_numbers(&l);
	}
	ng_jlreq_free(own);
	return l.failed ? -1 : 0;
}
