/* layout.c — line filling, block placement and pagination. Lines break at
 * ICU's opportunities; body paragraphs are justified to both margins
 * except their last line; a heading is kept with the line after it. */
#include "layout.h"

#include <math.h>
#include <string.h>

typedef struct lay {
	const ng_layout_opts *o;
	ng_linebreaker *lb;
	ng_arena *a;
	ng_pages *pages;
	ng_diags *d;
	double y;       /* top of the next line on the current page */
	double width;   /* text width in points */
	double bottom;  /* lowest y a line may reach */
	unsigned char *brk;
	size_t brkcap;
	double *adv;    /* advance of the code point starting at each byte */
	size_t advcap;
	int failed;
} lay;

/* One line of a block: bytes [start, end) of the content's text. */
typedef struct line {
	size_t start, end;
	double width;
	bool last; /* of its paragraph: not justified */
} line;

void ng_layout_defaults(ng_layout_opts *o)
{
	*o = (ng_layout_opts){.page_w = 595.276,
			      .page_h = 841.890,
			      .margin_top = 72,
			      .margin_bottom = 72,
			      .text_em = 43,
			      .body_size = 10.5,
			      .line_factor = 1.75};
	/* Centre the text block: 43 em of 10.5 pt is 451.5 pt. */
	o->margin_left = (o->page_w - o->text_em * o->body_size) / 2;
}

static ng_page *cur_page(lay *l)
{
	return &l->pages->pages[l->pages->npages - 1];
}

static void new_page(lay *l)
{
	ng_pages *p = l->pages;
	p->pages = ng_agrow(l->a, p->pages, sizeof *p->pages, &p->cap, p->npages + 1);
	memset(&p->pages[p->npages++], 0, sizeof(ng_page));
	l->y = l->o->margin_top;
}

static double size_of(const lay *l, const ng_block *b)
{
	return b->size > 0 ? b->size : l->o->body_size;
}

static double pitch(const lay *l, double size)
{
	return size * l->o->line_factor;
}

/* Makes sure height fits below y, starting a page when it does not. */
static void need(lay *l, double height)
{
	if (l->y + height > l->bottom && l->y > l->o->margin_top + 0.01)
		new_page(l);
}

static void *grow_bytes(lay *l, void *arr, size_t *cap, size_t need_n, size_t sz)
{
	return ng_agrow(l->a, arr, sz, cap, need_n);
}

static bool ascii_graphic(char c)
{
	return c > 0x20 && c < 0x7F;
}

/* 分離禁止 (JLReq): a Latin word, a number, a URL, an e-mail address or a
 * phone number is never split, so no break between two visible ASCII
 * characters, whatever UAX #14 allows after a hyphen or a slash. */
static void keep_latin_whole(const char *s, size_t len, unsigned char *brk)
{
	for (size_t i = 1; i < len; i++)
		if (brk[i] && ascii_graphic(s[i - 1]) && ascii_graphic(s[i]))
			brk[i] = 0;
}

/* Break opportunities and per-character advances for a text. */
static int analyse(lay *l, const ng_content *c, ng_font_role font, double size)
{
	l->brk = grow_bytes(l, l->brk, &l->brkcap, c->len + 1, 1);
	l->adv = grow_bytes(l, l->adv, &l->advcap, c->len + 1, sizeof(double));
	if (ng_linebreaker_run(l->lb, c->text, c->len, l->brk) != 0) {
		const ng_icu_err *e = ng_linebreaker_error(l->lb);
		ng_diag_add(l->d, NG_D_ICU, ng_content_pos(c, 0), e->func, e->name);
		return -1;
	}
	keep_latin_whole(c->text, c->len, l->brk);
	for (size_t i = 0; i < c->len;) {
		uint32_t cp;
		size_t n = ng_utf8_decode(c->text + i, c->len - i, &cp);
		if (!n)
			n = 1;
		l->adv[i] = l->o->measure(l->o->measure_ctx, font, size, c->text + i, n);
		for (size_t k = 1; k < n; k++)
			l->adv[i + k] = 0;
		i += n;
	}
	return 0;
}

static size_t next_cp(const char *s, size_t len, size_t i)
{
	do
		i++;
	while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

static bool is_space(const char *s, size_t i)
{
	return s[i] == ' ';
}

/* Width of bytes [a, b) without trailing spaces. */
static double span_width(const lay *l, const char *s, size_t a, size_t *b)
{
	while (*b > a && is_space(s, *b - 1))
		(*b)--;
	double w = 0;
	for (size_t i = a; i < *b; i++)
		w += l->adv[i];
	return w;
}

/* Greedy line filling. first_w and rest_w are the available widths.
 * Fills lines (arena array) and returns their count. */
static size_t fill_lines(lay *l, const ng_content *c, double first_w, double rest_w, line **out)
{
	size_t cap = 0, n = 0;
	line *v = NULL;
	size_t start = 0;
	while (start < c->len) {
		double avail = n == 0 ? first_w : rest_w, w = 0;
		size_t i = start, last_brk = 0;
		while (i < c->len) {
			if (c->text[i] == '\n')
				break;
			size_t nx = next_cp(c->text, c->len, i);
			if (i > start && l->brk[i])
				last_brk = i;
			if (w + l->adv[i] > avail + 0.001 && i > start && !is_space(c->text, i))
				break;
			w += l->adv[i];
			i = nx;
		}
		size_t end = i;
		bool hard = i < c->len && c->text[i] == '\n';
		if (i < c->len && !hard && l->brk[i] == 0) {
			if (last_brk > start) {
				end = last_brk;
			} else {
				ng_diag_add(l->d, NG_D_LAYOUT_OVERFLOW, ng_content_pos(c, start),
					    ng_strndup(l->a, c->text + start, end - start));
			}
		}
		v = ng_agrow(l->a, v, sizeof *v, &cap, n + 1);
		size_t vis_end = end;
		v[n].width = span_width(l, c->text, start, &vis_end);
		v[n].start = start;
		v[n].end = vis_end;
		v[n].last = end >= c->len || hard;
		n++;
		start = end + (hard ? 1 : 0);
		while (start < c->len && is_space(c->text, start))
			start++;
	}
	*out = v;
	return n;
}

static ng_run *add_run(lay *l)
{
	ng_page *p = cur_page(l);
	p->runs = ng_agrow(l->a, p->runs, sizeof *p->runs, &p->capruns, p->nruns + 1);
	ng_run *r = &p->runs[p->nruns++];
	memset(r, 0, sizeof *r);
	return r;
}

static void add_link(lay *l, double x, double y, double w, double h, const char *uri)
{
	ng_page *p = cur_page(l);
	p->links = ng_agrow(l->a, p->links, sizeof *p->links, &p->caplinks, p->nlinks + 1);
	p->links[p->nlinks++] = (ng_link){x, y, w, h, uri};
}

/* Baseline of a line whose box starts at top: the em box centred in the
 * pitch, baseline at 0.88 em (IPAex's ascent). */
static double baseline(double top, double size, double pitch_pt)
{
	return top + (pitch_pt - size) / 2 + size * 0.88;
}

typedef struct placement {
	double x;      /* left edge of the line box */
	double width;  /* its width */
	ng_align align;
} placement;

static void place_line(lay *l, const ng_block *b, const ng_content *c, const line *ln,
		       const placement *pl, double top)
{
	double size = size_of(l, b);
	ng_run *r = add_run(l);
	r->font = b->font;
	r->size = size;
	r->text = c->text + ln->start;
	r->len = ln->end - ln->start;
	r->width = ln->width;
	r->pos = ng_content_pos(c, ln->start);
	r->y = baseline(top, size, pitch(l, size));
	double slack = pl->width - ln->width;
	switch (pl->align) {
	case NG_ALIGN_RIGHT:
		r->x = pl->x + slack;
		break;
	case NG_ALIGN_CENTER:
		r->x = pl->x + slack / 2;
		break;
	case NG_ALIGN_JUSTIFY: {
		r->x = pl->x;
		size_t chars = ng_utf8_count(r->text, r->len);
		/* 両端揃え: spread the slack over the gaps between characters;
		 * a paragraph's last line stays flush left. */
		if (!ln->last && chars > 1 && slack > 0 && slack < size * chars * 0.5)
			r->char_space = slack / (double)(chars - 1);
		break;
	}
	default:
		r->x = pl->x;
	}
	if (c->link)
		add_link(l, r->x, top, ln->width, pitch(l, size), c->link);
}

/* Lays out a text block: lines, then each line on the page. */
static void text_block(lay *l, const ng_block *b, const ng_content *c, double x, double width,
		       double first_extra)
{
	double size = size_of(l, b), em = size, lh = pitch(l, size);
	if (analyse(l, c, b->font, size) != 0) {
		l->failed = 1;
		return;
	}
	line *lines;
	size_t n = fill_lines(l, c, width - first_extra * em, width, &lines);
	for (size_t i = 0; i < n; i++) {
		/* No single line left behind at a page end (orphan) when
		 * the paragraph has more. */
		need(l, lh * (i == 0 && n > 1 ? 2 : 1));
		double fx = i == 0 ? first_extra * em : 0;
		placement pl = {x + fx, width - fx, b->align};
		place_line(l, b, c, &lines[i], &pl, l->y);
		l->y += lh;
	}
}

static void item_block(lay *l, const ng_block *b)
{
	double em = size_of(l, b);
	double x = l->o->margin_left + (b->indent + (b->level > 1 ? b->level - 1 : 0)) * em;
	ng_content marker = {0};
	ng_content_adds(l->a, &marker, b->marker ? b->marker : "・", ng_content_pos(&b->content, 0));
	if (analyse(l, &marker, b->font, em) != 0)
		return;
	double mw = 0;
	for (size_t i = 0; i < marker.len; i++)
		mw += l->adv[i];
	double lh = pitch(l, em);
	need(l, lh);
	double top = l->y;
	line ml = {0, marker.len, mw, true};
	placement pl = {x, mw, NG_ALIGN_LEFT};
	place_line(l, b, &marker, &ml, &pl, top);
	/* The text hangs after the marker (ぶら下げインデント). */
	ng_block body = *b;
	body.align = NG_ALIGN_JUSTIFY;
	double right = l->o->margin_left + l->width;
	text_block(l, &body, &b->content, x + mw, right - x - mw, 0);
}

/* Width of the widest line a cell's text would need unbroken. */
static double natural_width(lay *l, const ng_content *c, ng_font_role font, double size)
{
	return l->o->measure(l->o->measure_ctx, font, size, c->text, c->len);
}

static void table_block(lay *l, const ng_block *b)
{
	double em = size_of(l, b), lh = pitch(l, em);
	double x0 = l->o->margin_left + em; /* tables sit one em in */
	double avail = l->width - em, gap = em;
	/* First column as wide as its widest cell, at most 40 % of the table. */
	double c0 = 0;
	for (size_t r = 0; r < b->nrows; r++) {
		double w = natural_width(l, &b->cells[r * b->ncols], b->font, em);
		if (w > c0)
			c0 = w;
	}
	if (c0 > avail * 0.4)
		c0 = avail * 0.4;
	ng_block cell = *b;
	for (size_t r = 0; r < b->nrows; r++) {
		const ng_content *when = &b->cells[r * b->ncols];
		const ng_content *what = &b->cells[r * b->ncols + 1];
		need(l, lh);
		double top = l->y;
		cell.align = NG_ALIGN_LEFT;
		text_block(l, &cell, when, x0, c0, 0);
		double y_after0 = l->y;
		l->y = top;
		/* The row's second cell starts where the first did, even if
		 * the first cell ended on a new page. */
		size_t page_before = l->pages->npages;
		cell.align = NG_ALIGN_JUSTIFY;
		text_block(l, &cell, what, x0 + c0 + gap, avail - c0 - gap, 0);
		if (l->pages->npages == page_before && y_after0 > l->y)
			l->y = y_after0;
	}
	l->y += lh * 0.25;
}

static void lay_block(lay *l, const ng_block *b, const ng_block *next)
{
	double em = size_of(l, b), lh = pitch(l, em);
	if (b->kind == NG_B_SPACE) {
		l->y += b->space * pitch(l, l->o->body_size);
		if (l->y > l->bottom)
			new_page(l);
		return;
	}
	l->y += b->space * lh;
	if (b->keep_with_next && next) {
		/* A heading needs its own line and two of what follows. */
		need(l, lh + 2 * pitch(l, size_of(l, next)));
	}
	double x = l->o->margin_left + b->indent * em;
	double w = l->width - (b->indent + b->right_indent) * em;
	switch (b->kind) {
	case NG_B_ITEM:
		item_block(l, b);
		break;
	case NG_B_TABLE:
		table_block(l, b);
		break;
	default:
		text_block(l, b, &b->content, x, w, b->first_indent);
	}
}

/* 「n / N」 centred in the footer when there is more than one page. */
static void page_numbers(lay *l)
{
	ng_pages *p = l->pages;
	if (p->npages < 2)
		return;
	double size = l->o->body_size * 0.9;
	for (size_t i = 0; i < p->npages; i++) {
		char *text = ng_aprintf(l->a, "%zu / %zu", i + 1, p->npages);
		ng_page *pg = &p->pages[i];
		pg->runs = ng_agrow(l->a, pg->runs, sizeof *pg->runs, &pg->capruns, pg->nruns + 1);
		ng_run *r = &pg->runs[pg->nruns++];
		memset(r, 0, sizeof *r);
		r->font = NG_FONT_BODY;
		r->size = size;
		r->text = text;
		r->len = strlen(text);
		r->width = l->o->measure(l->o->measure_ctx, NG_FONT_BODY, size, text, r->len);
		r->x = (p->width - r->width) / 2;
		r->y = p->height - l->o->margin_bottom / 2;
	}
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
	lay l = {.o = o, .lb = lb, .a = a, .pages = out, .d = d};
	l.width = o->text_em * o->body_size;
	l.bottom = o->page_h - o->margin_bottom;
	new_page(&l);
	for (size_t i = 0; i < doc->n && !l.failed; i++)
		lay_block(&l, &doc->v[i], i + 1 < doc->n ? &doc->v[i + 1] : NULL);
	page_numbers(&l);
	return l.failed ? -1 : 0;
}

void ng_layout_dump(const ng_pages *p, ng_buf *out)
{
	ng_buf_printf(out, "pages %zu size %.2f x %.2f\n", p->npages, p->width, p->height);
	for (size_t i = 0; i < p->npages; i++) {
		const ng_page *pg = &p->pages[i];
		for (size_t j = 0; j < pg->nruns; j++) {
			const ng_run *r = &pg->runs[j];
			ng_buf_printf(out, "%zu run x=%.2f y=%.2f w=%.2f cs=%.3f font=%d size=%.2f | ",
				      i + 1, r->x, r->y, r->width, r->char_space, (int)r->font,
				      r->size);
			ng_buf_add(out, r->text, r->len);
			ng_buf_addc(out, '\n');
		}
		for (size_t j = 0; j < pg->nlinks; j++) {
			const ng_link *k = &pg->links[j];
			ng_buf_printf(out, "%zu link x=%.2f y=%.2f w=%.2f h=%.2f | %s\n", i + 1,
				      k->x, k->y, k->w, k->h, k->uri);
		}
	}
}
