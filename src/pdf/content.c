/* content.c — one page's content stream: rules and text runs as PDF
 * operators, written directly (libharu's text calls work only with its
 * own font objects). Text is shown as 2-byte CIDs of the letter's
 * embedded fonts, in literal strings of bytes (a third less to write and
 * to deflate than hex, and 14 % fewer bytes after deflating). Numbers are formatted here, not with
 * printf, so that no locale can turn a decimal point into a comma. Each slot has up to two fonts,
 * the batch's shared subset and the letter's own (pdf.c); a run switches between them where its
 * characters do. */
#include <math.h>
#include <stdio.h>

#include "rawobj.h"

/* Decimals kept: a thousandth of a point for positions and sizes; ten
 * times finer for character spacing, which adds up along a line. */
#define POS_DECIMALS   3
#define SPACE_DECIMALS 4

static const char hex_digits[] = "0123456789ABCDEF";

void ng_pdf_hex4(ng_buf *b, uint32_t v)
{
	char s[4] = {hex_digits[v >> 12 & 15], hex_digits[v >> 8 & 15], hex_digits[v >> 4 & 15],
	             hex_digits[v & 15]};
	ng_buf_add(b, s, 4);
}

void ng_pdf_num(ng_buf *b, double v, int decimals)
{
	static const long long scale[] = {1, 10, 100, 1000, 10000, 100000};
	long long q = llround(v * (double)scale[decimals]);
	char s[48], *p = s + sizeof s;
	bool neg = q < 0;
	q = neg ? -q : q;
	int d = decimals;
	while (d > 0 && q % 10 == 0 && q) /* drop trailing zeros */
		q /= 10, d--;
	if (q == 0)
		d = 0;
	for (int i = 0; i < d; i++, q /= 10)
		*--p = (char)('0' + q % 10);
	if (d)
		*--p = '.';
	do
		*--p = (char)('0' + q % 10);
	while (q /= 10);
	if (neg)
		*--p = '-';
	/* Copied a byte at a time: ng_buf_add's memcpy call costs more than
	 * the dozen bytes (content has ~130 numbers a page). */
	char *o = ng_room(b, (size_t)(s + sizeof s - p));
	for (char *end = s + sizeof s; p < end;)
		*o++ = *p++;
	ng_room_done(b, o);
}

/* Appends the bytes of a 16-bit value to a literal string: parentheses
 * and backslash escaped, and CR, which a reader would take for an end of
 * line (PDF 32000 §7.3.4.2: read as LF unless escaped). */
void ng_pdf_str16(ng_buf *b, uint32_t v)
{
	unsigned char two[2] = {(unsigned char)(v >> 8), (unsigned char)v};
	for (int i = 0; i < 2; i++) {
		unsigned char c = two[i];
		if (c == '(' || c == ')' || c == '\\')
			ng_buf_addc(b, '\\');
		if (c == '\r')
			ng_buf_adds(b, "\\r");
		else
			ng_buf_addc(b, (char)c);
	}
}

/* An operator (a string literal), without strlen. */
#define op(b, lit) ng_buf_add((b), (lit), sizeof(lit) - 1)

/* The bytes a literal string escapes (ng_pdf_str16). */
static const bool escaped[256] = {['('] = true, [')'] = true, ['\\'] = true, ['\r'] = true};

/* ng_pdf_str16 for the common case, inline: two bytes that need no
 * escape, with room for them (a letter's first page shows ~700 CIDs and
 * its text layer as many UTF-16 units, each a call before). */
static inline void put16(ng_buf *b, uint32_t v)
{
	unsigned char hi = (unsigned char)(v >> 8), lo = (unsigned char)v;
	if (escaped[hi] || escaped[lo] || b->len + 3 > b->cap) {
		ng_pdf_str16(b, v);
		return;
	}
	b->data[b->len] = (char)hi;
	b->data[b->len + 1] = (char)lo;
	b->len += 2;
	b->data[b->len] = '\0';
}

static void num(ng_buf *b, double v, int decimals)
{
	ng_pdf_num(b, v, decimals);
	ng_buf_addc(b, ' ');
}

/* ---- rules: page coordinates have y down from the top, PDF's y up */

static void put_rules(ng_buf *b, const ng_page *p, double h, ng_mcids *mc)
{
	double width = -1;
	unsigned open = 0;
	for (size_t i = 0; i < p->nrules; i++) {
		const ng_rule *r = &p->rules[i];
		/* Rules of one element (a barcode's bars) are one marked
		 * sequence; table rules are artifacts. */
		if (mc && (i == 0 || r->elem != open)) {
			if (i)
				op(b, "EMC\n");
			ng_mc_open(b, mc, r->elem);
			open = r->elem;
		}
		if (r->width != width) {
			num(b, r->width, POS_DECIMALS);
			op(b, "w\n");
			width = r->width;
		}
		num(b, r->x1, POS_DECIMALS);
		num(b, h - r->y1, POS_DECIMALS);
		op(b, "m ");
		num(b, r->x2, POS_DECIMALS);
		num(b, h - r->y2, POS_DECIMALS);
		op(b, "l S\n");
	}
	if (mc && p->nrules)
		op(b, "EMC\n");
}

/* ---- text */

/* Fonts are numbered as their resources: k = slot for the shared font,
 * NG_FONT__COUNT + slot for the letter's own. */
typedef struct pen {
	int font;
	double size, space;
} pen;

/* Sets font, size and character spacing only when they change. */
static void text_state(ng_buf *b, pen *pn, int font, const ng_run *r)
{
	if (font != pn->font || r->size != pn->size) {
		op(b, "/F");
		ng_buf_int(b, font + 1);
		ng_buf_addc(b, ' ');
		num(b, r->size, POS_DECIMALS);
		op(b, "Tf\n");
		pn->font = font;
		pn->size = r->size;
	}
	if (r->char_space != pn->space) {
		num(b, r->char_space, SPACE_DECIMALS);
		op(b, "Tc\n");
		pn->space = r->char_space;
	}
}

const ng_ext *ng_exts_find(const ng_exts *x, int rslot, uint32_t cp, uint32_t vs)
{
	size_t lo = 0, hi = x ? x->n : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const ng_ext *e = &x->v[mid];
		int c = e->rslot != rslot ? (e->rslot < rslot ? -1 : 1)
		        : e->cp != cp     ? (e->cp < cp ? -1 : 1)
		        : e->vs != vs     ? (e->vs < vs ? -1 : 1)
		                          : 0;
		if (c == 0)
			return e;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* code() for a character outside the shared font: the letter's own
 * font, or its glyph fonts (out of line: the shared font draws nearly
 * every character of a batch's letters). */
static int other_code(const ng_textfont *tf, int slot, uint32_t cp, uint32_t vs, uint16_t *cid)
{
	if (!vs && tf->own && ng_cpset_has(tf->own, cp)) {
		size_t lo = 0, hi = tf->own->n; /* its rank among the few */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (tf->own_cps[mid] < cp)
				lo = mid + 1;
			else
				hi = mid;
		}
		*cid = tf->own_cid[lo];
		return NG_FONT__COUNT + slot;
	}
	const ng_ext *e = ng_exts_find(tf->ext, slot, cp, vs);
	*cid = e ? e->cid : 0;
	return 2 * NG_FONT__COUNT + (e ? e->slot : slot);
}

/* ng_cpset_has, then ng_cpset_rank, in one look at the word, inline:
 * for every character drawn (two calls each before). */
static inline bool shared_rank(const ng_cpset *s, uint32_t cp, size_t *rank)
{
	if (!s || cp >= NG_BMP_SIZE)
		return false;
	uint64_t word = s->bits[cp / 64], bit = (uint64_t)1 << (cp % 64);
	if (!(word & bit))
		return false;
	uint64_t v = word & (bit - 1); /* the members below cp in its word */
	v -= (v >> 1) & 0x5555555555555555u;
	v = (v & 0x3333333333333333u) + ((v >> 2) & 0x3333333333333333u);
	v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
	*rank = s->before[cp / 64] + (size_t)((v * 0x0101010101010101u) >> 56);
	return true;
}

/* The font (numbered as in pen) and CID drawing cp with the variation
 * selector vs (collect() checked the UTF-8 and that every character is in
 * one of the slot's sets or in ext). */
static inline int code(const ng_textfont *tf, int slot, uint32_t cp, uint32_t vs, uint16_t *cid)
{
	size_t rank;
	if (!vs && shared_rank(tf->set, cp, &rank)) {
		*cid = tf->cid[rank];
		return slot;
	}
	return other_code(tf, slot, cp, vs, cid);
}

/* Each run is placed absolutely with Tm at its baseline origin, then
 * shown as strings of CIDs, one per stretch of characters in one font: a
 * font change keeps the pen where the last glyph left it. */
/* put_run for one value of units: whether the letter has variation
 * selectors, so that base + selector is read as one character. Inlined
 * twice with units a constant: an ordinary letter pays nothing for the
 * look past each character. */
static inline __attribute__((always_inline)) void put_run_as(ng_buf *b, pen *pn,
                                                             const ng_textfont *tf, int slot,
                                                             const ng_run *r, double h,
                                                             const bool units)
{
	bool open = false;
	for (size_t i = 0, n; i < r->len; i += n) {
		uint32_t cp, vs = 0;
		uint16_t cid;
		n = units ? ng_utf8_unit(r->text + i, r->len - i, &cp, &vs)
		          : ng_utf8_decode(r->text + i, r->len - i, &cp);
		int font = code(tf, slot, cp, vs, &cid);
		if (open && font != pn->font) {
			op(b, ") Tj\n");
			open = false;
		}
		if (!open) {
			text_state(b, pn, font, r);
			if (i == 0) {
				op(b, "1 0 0 1 ");
				num(b, r->x, POS_DECIMALS);
				num(b, h - r->y, POS_DECIMALS);
				op(b, "Tm\n");
			}
			ng_buf_addc(b, '(');
			open = true;
		}
		put16(b, cid);
	}
	if (open)
		op(b, ") Tj\n");
}

static void put_run(ng_buf *b, pen *pn, const ng_fonts *f, const ng_textfont *tf, const ng_run *r,
                    double h)
{
	int slot = ng_fonts_slot(f, r->font);
	if (tf[slot].units)
		put_run_as(b, pn, &tf[slot], slot, r, h, true);
	else
		put_run_as(b, pn, &tf[slot], slot, r, h, false);
}

/* ---- the text layer: a laid-out line is spaced by JLReq (half-width
 * punctuation, the ¼-em 和欧間, justification), and text extractors read
 * those gaps as spaces ("令和 5 年"). Each line is therefore marked with
 * its exact characters as /ActualText (PDF 32000 §14.9.4), so copying,
 * searching and pdftotext give back what the letter says. */

/* Two bytes of UTF-16BE at p, escaped for a literal string. */
static inline char *w16(char *p, uint32_t v)
{
	unsigned char two[2] = {(unsigned char)(v >> 8), (unsigned char)v};
	for (int i = 0; i < 2; i++) {
		unsigned char c = two[i];
		if (escaped[c]) {
			*p++ = '\\';
			c = c == '\r' ? 'r' : c;
		}
		*p++ = (char)c;
	}
	return p;
}

/* Into room reserved for the whole text: at most two units of four
 * bytes (escaped) for each byte of UTF-8. */
void ng_pdf_utf16(ng_buf *b, const char *s, size_t len)
{
	char *p = ng_room(b, 8 * len);
	for (size_t i = 0, n; i < len; i += n) {
		uint32_t cp = 0;
		n = ng_utf8_decode(s + i, len - i, &cp);
		if (!n)
			n = 1, cp = 0xFFFD;
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			p = w16(p, 0xD800 | (cp >> 10));
			p = w16(p, 0xDC00 | (cp & 0x3FF));
		} else {
			p = w16(p, cp);
		}
	}
	ng_room_done(b, p);
}

/* The marked content around one line (or a list marker and its text). */
typedef struct span {
	size_t end;   /* the run after its last; 0: none open */
	size_t split; /* where the second element's runs start (0: none) */
	unsigned second;
	int depth; /* EMCs that close it */
} span;

static void actual_text(ng_buf *b, const ng_line *ln, const ng_line *with)
{
	op(b, "/ActualText (\xFE\xFF");
	ng_pdf_utf16(b, ln->text, ln->len);
	if (with)
		ng_pdf_utf16(b, with->text, with->len);
	op(b, ")");
}

/* Begins a line's span; a list marker and the text after it on the same
 * baseline are one span, so that 「・項目」 reads without a gap.
 *
 * Tagged, the span is also the line's marked content, with the MCID of
 * its element. The tag stays /Span whatever the element's role (the
 * structure tree says the role): poppler applies /ActualText only to
 * /Span. A marker and its text in two elements (a list's Lbl and LBody)
 * are two marked sequences inside one ActualText span; an artifact's span
 * sits inside /Artifact. */
static void begin_line(ng_buf *b, const ng_page *p, size_t *next, const ng_line *ln, ng_mcids *mc,
                       span *sp)
{
	const ng_line *with = NULL;
	if ((ln->flags & NG_LINE_MARKER) && *next < p->nlines) {
		const ng_line *t = &p->lines[*next];
		if (fabs(t->y - ln->y) < 0.01 && t->run0 == ln->run0 + ln->nruns)
			with = t, (*next)++;
	}
	*sp = (span){with ? with->run0 + with->nruns : ln->run0 + ln->nruns, 0, 0, 1};
	bool two = mc && with && with->elem != ln->elem;
	if (mc && ln->elem == NG_ELEM_ARTIFACT) {
		op(b, "/Artifact BMC\n");
		sp->depth++;
	}
	if (!mc || ln->elem == NG_ELEM_ARTIFACT || two)
		op(b, "/Span <<");
	else
		ng_mc_tag(b, mc, ln->elem);
	actual_text(b, ln, with);
	op(b, ">> BDC\n");
	if (two) {
		ng_mc_open(b, mc, ln->elem);
		sp->depth++;
		sp->split = with->run0;
		sp->second = with->elem;
	}
}

/* At the first run of a span's second element: its own marked content. */
static void split_line(ng_buf *b, ng_mcids *mc, span *sp)
{
	op(b, "EMC\n");
	ng_mc_open(b, mc, sp->second);
	sp->split = 0;
}

/* The line whose runs start at run i, if any (lines are in run order). */
static const ng_line *line_at(const ng_page *p, size_t *next, size_t i)
{
	while (*next < p->nlines && p->lines[*next].nruns == 0)
		(*next)++;
	if (*next < p->nlines && p->lines[*next].run0 == i)
		return &p->lines[(*next)++];
	return NULL;
}

void ng_content_page(ng_buf *b, const ng_fonts *f, const ng_textfont *tf, const ng_page *p,
                     double h, ng_mcids *mc)
{
	put_rules(b, p, h, mc);
	pen pn = {.font = -1}; /* each page starts with a fresh text state */
	bool open = false;
	size_t next = 0;
	span sp = {0};
	for (size_t i = 0; i < p->nruns; i++) {
		if (!open)
			op(b, "BT\n");
		open = true;
		const ng_line *ln = line_at(p, &next, i);
		if (ln && ln->len)
			begin_line(b, p, &next, ln, mc, &sp);
		if (mc && !sp.end && p->runs[i].len)
			mc->bad++; /* text outside every line: it would go untagged */
		if (sp.split && i == sp.split)
			split_line(b, mc, &sp);
		if (p->runs[i].len)
			put_run(b, &pn, f, tf, &p->runs[i], h);
		if (sp.end && i + 1 == sp.end) {
			for (int k = 0; k < sp.depth; k++)
				op(b, "EMC\n");
			sp = (span){0};
		}
	}
	if (open)
		op(b, "ET\n");
}
