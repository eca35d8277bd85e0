/* recipient.c — the address block for a 長形3号 window envelope
 * (NG_B_RECIPIENT): set out of the text flow, at the window of page 1
 * (ng_layout_opts.window_*), in the order Japan Post asks for: 〒postcode,
 * the address on one or two lines, the name larger (with 様 or 御中 as
 * given), and the customer barcode (src/postal) under the name. The item
 * is marked fixed; pagination keeps page 1's other text off the window
 * (layout.c, clear_window). Bars are vertical ng_rules as wide as a bar:
 * renderers need nothing new, as a stroked line with PDF's default butt
 * caps is exactly the bar's rectangle. */
#include <math.h>
#include <string.h>

#include "../postal/postal.h"
#include "layout_int.h"

/* Text and barcode start 4 mm in from the window's left edge: the
 * barcode's 2 mm clearance (Japan Post) plus room for the folded sheet to
 * shift in the envelope. */
#define PAD_X (4 * NG_MM)
#define PAD_Y (3 * NG_MM)
#define CLEAR (2 * NG_MM) /* the barcode's clearance from the window edge */
/* Lines of the block sit closer than the body's 1.75: five lines and a
 * barcode have to fit a 45 mm window. */
#define LEADING    1.4
#define NAME_SCALE 1.4         /* the name, larger than the address */
#define MIN_SIZE   8.0         /* the smallest size the address or name shrink to */
#define DESCENT    0.12        /* below the baseline, in em (IPAex; see baseline) */
#define MARK_PAD   (1 * NG_MM) /* between the mark (親展) and its frame */
#define MARK_RULE  0.5         /* the frame's line width */

/* Where the block's lines go. */
typedef struct rbox {
	double x, w;   /* left edge and width of the text */
	double y;      /* top of the next line's box */
	double bottom; /* bottom of the last glyphs set */
} rbox;

/* A word of the address: bytes [a, b); hard: a '\n' before it. */
typedef struct piece {
	size_t a, b;
	bool hard;
} piece;

/* The baseline in a box of the pitch, as layout.c sets body lines. */
static double baseline(double size, double pitch)
{
	return (pitch - size) / 2 + size * (1 - DESCENT);
}

static double width_of(lay *l, const ng_content *c, size_t a, size_t b, ng_font_role font,
                       double size)
{
	double natural, minimum;
	if (ng_lay_analyse(l, c, a, b, font, size) != 0) {
		l->failed = 1;
		return 0;
	}
	ng_lay_extent(l, &natural, &minimum);
	return natural;
}

/* Sets the analysed text (l->ch) as lines of width r->w at size, breaking
 * where JLReq allows if it must. */
static void put_analysed(lay *l, rbox *r, double size)
{
	double lh = size * LEADING;
	cline *v;
	size_t n = l->nch ? ng_lay_break(l, r->w, r->w, false, &v) : 0;
	for (size_t i = 0; i < n; i++) {
		double base = r->y + baseline(size, lh);
		ng_lay_emit(l, &v[i], r->x, r->w, NG_ALIGN_LEFT, base, i ? NG_LINE_CONTINUED : 0);
		r->bottom = base + size * DESCENT;
		r->y += lh;
	}
}

static void put_line(lay *l, rbox *r, const ng_content *c, size_t a, size_t b, ng_font_role font,
                     double size)
{
	if (ng_lay_analyse(l, c, a, b, font, size) != 0) {
		l->failed = 1;
		return;
	}
	put_analysed(l, r, size);
}

/* The end of the hard line (up to '\n') that starts at a. */
static size_t hard_end(const ng_content *c, size_t a)
{
	const char *nl = memchr(c->text + a, '\n', c->len - a);
	return nl ? (size_t)(nl - c->text) : c->len;
}

/* Each hard line of c on a line of its own, all shrunk alike (not below
 * MIN_SIZE) until the widest fits the window. */
static void fit_lines(lay *l, rbox *r, const ng_content *c, ng_font_role font, double size)
{
	double fit = size;
	for (size_t a = 0, b; a <= c->len; a = b + 1) {
		b = hard_end(c, a);
		double w = width_of(l, c, a, b, font, size);
		if (w > r->w)
			fit = fmin(fit, fmax(MIN_SIZE, floor(size * r->w / w * 10) / 10));
	}
	for (size_t a = 0, b; a <= c->len && !l->failed; a = b + 1) {
		b = hard_end(c, a);
		if (b > a)
			put_line(l, r, c, a, b, font, fit);
	}
}

/* Splits the address at blanks (ASCII, U+3000) and newlines. */
static size_t pieces(lay *l, const ng_content *c, piece **out)
{
	size_t n = 0, cap = 0;
	bool hard = false;
	*out = NULL;
	for (size_t i = 0; i < c->len;) {
		size_t gap = c->text[i] == ' ' || c->text[i] == '\n'  ? 1
		             : strncmp(c->text + i, "\u3000", 3) == 0 ? 3
		                                                      : 0;
		if (gap) {
			hard |= c->text[i] == '\n';
			i += gap;
			continue;
		}
		size_t j = i;
		while (j < c->len && c->text[j] != ' ' && c->text[j] != '\n' &&
		       strncmp(c->text + j, "\u3000", 3) != 0)
			j++;
		*out = ng_agrow(l->a, *out, sizeof **out, &cap, n + 1);
		(*out)[n] = (piece){i, j, hard && n > 0};
		n++;
		hard = false;
		i = j;
	}
	return n;
}

/* Packs the pieces into lines no wider than w at size; line k starts at
 * piece first[k]. Returns the number of lines, 0 when one piece alone is
 * wider than w. */
static size_t pack(lay *l, const ng_content *c, const piece *p, size_t n, double size, double w,
                   size_t *first)
{
	size_t lines = 0;
	for (size_t i = 0; i < n && !l->failed; i++) {
		if (lines && !p[i].hard &&
		    width_of(l, c, p[first[lines - 1]].a, p[i].b, NG_FONT_BODY, size) <= w)
			continue;
		if (width_of(l, c, p[i].a, p[i].b, NG_FONT_BODY, size) > w)
			return 0;
		first[lines++] = i;
	}
	return lines;
}

static void put_packed(lay *l, rbox *r, const ng_content *c, const piece *p, size_t n,
                       const size_t *first, size_t lines, double size)
{
	for (size_t k = 0; k < lines; k++) {
		size_t last = k + 1 < lines ? first[k + 1] - 1 : n - 1;
		put_line(l, r, c, p[first[k]].a, p[last].b, NG_FONT_BODY, size);
	}
}

/* The address on one or two lines, broken only between its words (a
 * 番地 and a building name stay whole), shrinking to MIN_SIZE if need be;
 * failing that, more lines, and JLReq breaks inside a word, with a
 * warning. */
static void address_lines(lay *l, rbox *r, const ng_content *c, double size)
{
	piece *p;
	size_t n = pieces(l, c, &p);
	if (!n)
		return;
	size_t *first = ng_alloc(l->a, n * sizeof *first), lines = 0;
	for (double s = size;; s -= 0.5) {
		lines = pack(l, c, p, n, s, r->w, first);
		if (lines && lines <= 2) {
			put_packed(l, r, c, p, n, first, lines, s);
			return;
		}
		if (s - 0.5 < MIN_SIZE)
			break;
	}
	ng_diag_add(l->d, NG_D_RECIPIENT, ng_content_pos(c, 0),
	            ng_tr("the address does not fit the window on two lines"));
	lines = pack(l, c, p, n, MIN_SIZE, r->w, first);
	if (lines)
		put_packed(l, r, c, p, n, first, lines, MIN_SIZE);
	else
		for (size_t a = 0, b; a <= c->len && !l->failed; a = b + 1) {
			b = hard_end(c, a);
			if (b > a)
				put_line(l, r, c, a, b, NG_FONT_BODY, MIN_SIZE);
		}
}

static void postcode_line(lay *l, rbox *r, const ng_content *pc, double size)
{
	ng_content c = {0};
	ng_pos pos = ng_content_pos(pc, 0);
	if (strncmp(pc->text, "〒", strlen("〒")) != 0)
		ng_content_adds(l->a, &c, "〒", pos);
	ng_content_add(l->a, &c, pc->text, pc->len, pos, false);
	fit_lines(l, r, &c, NG_FONT_BODY, size);
}

/* Adds the barcode's bars as rules with their top-left corner at x, top,
 * in the Figure elem. */
static void add_bars(lay *l, const ng_bar *bars, double x, double top, unsigned elem)
{
	l->rules =
	    ng_agrow(l->a, l->rules, sizeof *l->rules, &l->caprules, l->nrules + NG_POSTAL_BARS);
	for (size_t i = 0; i < NG_POSTAL_BARS; i++) {
		const ng_bar *b = &bars[i];
		double cx = x + b->x + b->w / 2;
		l->rules[l->nrules++] =
		    (ng_rule){cx, top + b->y, cx, top + b->y + b->h, b->w, elem};
	}
}

/* The barcode as a Figure of the address block, its alternative text
 * what it encodes: the postcode and the address number (住所表示番号). */
static unsigned barcode_figure(lay *l, const ng_recipient *rc)
{
	char pc[NG_POSTAL_POSTCODE_LEN + 1] = "";
	ng_buf num = {0};
	ng_postal_postcode(rc->postcode.text, pc);
	ng_postal_address_number(rc->address.text, &num);
	unsigned fig = ng_lay_elem(l, NG_ROLE_FIGURE, l->elem);
	l->pages->elems[fig].alt = ng_aprintf(l->a, "カスタマバーコード %s %.*s", pc, (int)num.len,
	                                      num.data ? num.data : "");
	ng_buf_free(&num);
	return fig;
}

/* The customer barcode under the name, its quiet zone (2 mm) clear of the
 * name, 2 mm clear of the window's edges: moved left, then made smaller
 * (down to the manual's 8 pt) in a narrow window; left out with a warning
 * when it still does not fit or the data is not usable. */
static void barcode(lay *l, const rbox *r, const ng_recipient *rc)
{
	const ng_layout_opts *o = l->o;
	double size = o->barcode_size, x = r->x;
	double right = o->window_x + o->window_w - CLEAR;
	if (x + ng_postal_width(size) > right)
		x = o->window_x + CLEAR;
	if (x + ng_postal_width(size) > right)
		size = fmax(8, size * (right - x) / ng_postal_width(size));
	double top = r->bottom + NG_POSTAL_QUIET;
	ng_pos pos = ng_content_pos(&rc->address, 0);
	if (x + ng_postal_width(size) > right + 0.01 ||
	    top + ng_postal_height(size) > o->window_y + o->window_h - CLEAR) {
		ng_diag_add(l->d, NG_D_RECIPIENT, pos,
		            ng_tr("the customer barcode does not fit the window; it was left out"));
		return;
	}
	ng_bar bars[NG_POSTAL_BARS];
	int st = ng_postal_barcode(rc->postcode.text, rc->address.text, size, bars);
	if (st == NG_POSTAL_BAD_POSTCODE || st == NG_POSTAL_AREA_POSTCODE)
		pos = ng_content_pos(&rc->postcode, 0);
	if (st != NG_POSTAL_OK) {
		ng_diag_add(l->d, NG_D_RECIPIENT, pos,
		            ng_aprintf(l->a, ng_tr("%s; the barcode was left out"),
		                       ng_tr(ng_postal_message(st))));
		return;
	}
	add_bars(l, bars, x, top, barcode_figure(l, rc));
}

/* A frame of four rules around [x0, x1] × [y0, y1]. */
static void frame(lay *l, double x0, double y0, double x1, double y1)
{
	l->rules = ng_agrow(l->a, l->rules, sizeof *l->rules, &l->caprules, l->nrules + 4);
	l->rules[l->nrules++] = (ng_rule){x0, y0, x1, y0, MARK_RULE, NG_ELEM_ARTIFACT};
	l->rules[l->nrules++] = (ng_rule){x0, y1, x1, y1, MARK_RULE, NG_ELEM_ARTIFACT};
	l->rules[l->nrules++] = (ng_rule){x0, y0, x0, y1, MARK_RULE, NG_ELEM_ARTIFACT};
	l->rules[l->nrules++] = (ng_rule){x1, y0, x1, y1, MARK_RULE, NG_ELEM_ARTIFACT};
}

/* The mark (親展), framed, right-aligned on the first line of the block:
 * inside the window, so that it shows on the envelope (an envelope's 親展
 * stands beside or above the address). The postcode line is short, so
 * they share it; a mark too wide for that gets a line of its own. */
static void mark_line(lay *l, rbox *r, const ng_recipient *rc, double size)
{
	const ng_content *m = &rc->mark;
	double w = width_of(l, m, 0, m->len, rc->mark_font, size);
	double pc =
	    rc->postcode.len
	        ? width_of(l, &rc->postcode, 0, rc->postcode.len, NG_FONT_BODY, size) + 2 * size
	        : 0;
	if (l->failed || w + 2 * MARK_PAD > r->w)
		return;
	if (ng_lay_analyse(l, m, 0, m->len, rc->mark_font, size) != 0) {
		l->failed = 1;
		return;
	}
	cline *v;
	if (ng_lay_break(l, w + 1, w + 1, false, &v) != 1)
		return;
	double lh = size * LEADING, base = r->y + baseline(size, lh);
	double x = r->x + r->w - w - MARK_PAD;
	ng_lay_emit(l, &v[0], x, w, NG_ALIGN_LEFT, base, 0);
	frame(l, x - MARK_PAD, base - size * (1 - DESCENT) - MARK_PAD, x + w + MARK_PAD,
	      base + size * DESCENT + MARK_PAD);
	if (pc + w + 2 * MARK_PAD > r->w) /* no room beside the postcode */
		r->y += lh + MARK_PAD;
}

static void recipient_lines(lay *l, rbox *r, const ng_block *b)
{
	const ng_recipient *rc = b->recipient;
	double size = b->size > 0 ? b->size : l->o->body_size;
	if (rc->mark.len)
		mark_line(l, r, rc, size);
	if (rc->postcode.len)
		postcode_line(l, r, &rc->postcode, size);
	if (rc->address.len)
		address_lines(l, r, &rc->address, size);
	if (rc->name.len) {
		r->y += size * 0.5; /* the name set apart from the address */
		fit_lines(l, r, &rc->name, NG_FONT_BODY, size * NAME_SCALE);
	}
	if (r->y > l->o->window_y + l->o->window_h)
		ng_diag_add(l->d, NG_D_RECIPIENT, ng_content_pos(&rc->address, 0),
		            ng_tr("the address block is taller than the window"));
	else if (rc->barcode && !l->failed)
		barcode(l, r, rc);
}

void ng_lay_recipient(lay *l, const ng_block *b)
{
	const ng_layout_opts *o = l->o;
	/* Out of the flow: it takes no space and breaks no keep. */
	double space = l->pending_space;
	bool keep = l->keep_next;
	l->pending_space = 0;
	l->keep_next = false;
	size_t idx = (size_t)(ng_lay_item(l, 0) - l->items);
	rbox r = {o->window_x + PAD_X, o->window_w - 2 * PAD_X, o->window_y + PAD_Y, 0};
	recipient_lines(l, &r, b);
	vitem *it = &l->items[idx];
	it->fixed = true;
	it->nruns = l->nruns - it->run0;
	it->nlines = l->nlines - it->line0;
	it->nlinks = l->nlinks - it->link0;
	it->nrules = l->nrules - it->rule0;
	l->pending_space = space;
	l->keep_next = keep;
	l->window = true;
}
