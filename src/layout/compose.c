/* compose.c — setting one text into lines to JLReq: character analysis
 * (classes, half-width punctuation, spacing, kinsoku on top of ICU's break
 * opportunities), choosing each line's break (追い込み or 追い出し, optional
 * ぶら下げ, a forced break as the last resort), adjusting the line to its
 * measure in JLReq's priority order, and cutting it into runs. */
#include <math.h>
#include <string.h>

#include "layout_int.h"

#define EPS      0.001
#define MAX_PRIO 5
/* More characters than any line can hold (a line of 43 em holds ~90): a
 * longer stretch without a break is not measured as one line. */
#define MAX_LINE_CHARS 4096

/* ---- analysis */

/* A letter sets a few hundred distinct characters in a few fonts and
 * sizes, thousands of times: each one's class and width are looked up
 * once and kept, by code point, in a direct-mapped table (with a layout
 * cache, kept there for the letters after: a batch's letters share their
 * characters). */
#define CACHE_SLOTS 1024 /* a power of two */

typedef struct chslot {
	uint32_t cp;
	unsigned char font, cls;
	bool full;
	double size, adv;
} chslot;

struct chcache {
	chslot slot[CACHE_SLOTS];
};

/* The class and the font's advance of code point cp (bytes s[0, len)). */
static void lookup_char(lay *l, uint32_t cp, const char *s, size_t len, tch *t)
{
	if (!l->cache && l->reuse)
		l->cache = ng_lcache_chars(l->reuse, l, sizeof *l->cache);
	if (!l->cache)
		l->cache = ng_alloc(l->a, sizeof *l->cache);
	chslot *e = &l->cache->slot[cp & (CACHE_SLOTS - 1)];
	if (!e->full || e->cp != cp || e->font != l->font || e->size != l->size) {
		double adv = l->o->measure(l->o->measure_ctx, l->font, l->size, s, len);
		int cls = ng_jlreq_class(l->jl, cp);
		*e = (chslot){cp, (unsigned char)l->font, (unsigned char)cls, true, l->size, adv};
	}
	t->cls = e->cls;
	t->adv = e->adv;
}

/* A variation selector belongs to the character before it (辻 + U+E0100
 * is one glyph): it joins that tch (never split from it, no gap inside),
 * which is measured again as the glyph the font gives the pair (the
 * cache is by code point alone). Returns whether cp was one. */
static bool join_selector(lay *l, uint32_t cp, const char *s, size_t n)
{
	if (!ng_is_vs(cp) || l->nch < 2)
		return false;
	tch *t = &l->ch[l->nch - 2];
	t->len += n;
	const char *base = s - (l->ch[l->nch - 1].off - t->off);
	t->adv = l->o->measure(l->o->measure_ctx, l->font, l->size, base, t->len);
	t->w = t->adv;
	l->nch--;
	return true;
}

static void analyse_char(lay *l, tch *t, const char *s)
{
	uint32_t cp = 0;
	t->len = ng_utf8_decode(s, l->c->len - t->off, &cp);
	if (t->len && cp >= 0xFE00 && join_selector(l, cp, s, t->len))
		return;
	if (t->len) {
		lookup_char(l, cp, s, t->len, t);
	} else {
		t->len = 1;
		t->cls = ng_jlreq_class(l->jl, cp);
		t->adv = l->o->measure(l->o->measure_ctx, l->font, l->size, s, t->len);
	}
	const ng_jclass *k = ng_jlreq_info(l->jl, t->cls);
	t->space = k->kind == NG_JK_SPACE;
	t->w = t->adv;
	/* JLReq sets brackets and punctuation as half-width glyphs; only a
	 * glyph a full em wide has the ink in one half to set that way. */
	if (k->width == NG_JW_FULL || fabs(t->adv - l->size) > 0.01 * l->size)
		return;
	t->w = t->adv / 2;
	if (k->width == NG_JW_HALF_RIGHT)
		t->shift = -t->adv / 2;
	else if (k->width == NG_JW_HALF_CENTER)
		t->shift = -t->adv / 4;
}

static bool nostart(const lay *l, unsigned flags)
{
	return (flags & NG_JF_NOSTART) || ((flags & NG_JF_NOSTART4) && l->o->strictness >= 4);
}

/* Whether a line may break before character i (class tk, after class
 * pk): ICU's opportunity, then JLReq's 行頭禁則, 行末禁則 and 分離禁止 on
 * top. */
static bool may_break(const lay *l, size_t i, const ng_jspace *sp, const ng_jclass *pk,
                      const ng_jclass *tk)
{
	const tch *t = &l->ch[i];
	bool brk = l->brk[t->off - l->ch[0].off] != 0;
	/* Level 3 lets small kana, ー and iteration marks start a line; ICU's
	 * strict rules (level 4) do not, so the break is given back here. */
	if (l->o->strictness < 4 && (tk->flags & NG_JF_NOSTART4) && pk->kind == NG_JK_JA)
		brk = true;
	if (sp->nobreak || nostart(l, tk->flags) || (pk->flags & NG_JF_NOEND))
		return false;
	/* A space never starts a line: the break goes after it. */
	return brk && !t->space;
}

static void analyse_gap(lay *l, size_t i)
{
	tch *t = &l->ch[i], *p = &l->ch[i - 1];
	const ng_jspace *sp = ng_jlreq_pair(l->jl, p->cls, t->cls);
	double em = l->size;
	t->ga = sp->after * em;
	t->pa = sp->aprio;
	t->gb = sp->before * em;
	t->pb = sp->bprio;
	t->gw = sp->wa ? l->o->wa_space * em : 0;
	t->brk = may_break(l, i, sp, ng_jlreq_info(l->jl, p->cls), ng_jlreq_info(l->jl, t->cls));
	/* Justification spreads space between characters, never inside a
	 * Latin word or number, ―― or …… (分離禁止), nor around a word space,
	 * which stretches by itself. */
	t->letter = !sp->nobreak && !t->space && !p->space;
}

/* A number and its counter or unit are one unit (JAPANESE.md §5, JLReq
 * 分離禁止: never split a number and its unit), and a date or time is set
 * whole: ICU may break between a digit and 月, between 月 and a digit and
 * before a full-width 「（」, which split 「～12 / 月31日」 in a narrow table
 * cell, 「10月7日 / （月）」 in a paragraph and 「（第2 / 報）」 in a title.
 * With these glued the line breaks before the date or after its ～
 * instead. COUNTERS follow a number (the longest that matches is taken,
 * all its characters glued); those marked join, when they follow one, join
 * it to the next number (月日, 時分, 12万3,456). 年 joins its month only in
 * a table cell (CELLS): there a date is set whole, while a paragraph may
 * break 「2025年 / 7月10日」 rather than stretch a line around a date of
 * ten ems that cannot break at all. */
enum { CELLS = 2 };
static const struct counter {
	const char *s;
	unsigned char join;
} COUNTERS[] = {
    {"年度", false}, {"年", CELLS},   {"か月", false}, {"ヶ月", false},   {"カ月", false},
    {"月", true},    {"日間", false}, {"日", false},   {"時間", false},   {"時", true},
    {"分間", false}, {"分", true},    {"秒", false},   {"週間", false},   {"件", false},
    {"名", false},   {"人", false},   {"世帯", false}, {"事業所", false}, {"事務所", false},
    {"社", false},   {"通", false},   {"報", false},   {"号", false},     {"条", false},
    {"項", false},   {"回", false},   {"歳", false},   {"円", false},     {"個", false},
    {"枚", false},   {"台", false},   {"校", false},   {"箇所", false},   {"か所", false},
    {"カ所", false}, {"丁目", false}, {"番地", false}, {"番", false},     {"万", true},
    {"億", true},    {"%", false},    {"％", false},   {"‰", false},      {"℃", false},
    {"°", false},
};

/* A weekday in brackets after a date (「7日（月）」, 「9/11（水）」, 「（月・祝）」)
 * belongs to the date: a line never starts with it. */
static const char *const WEEKDAY_OPEN[] = {"（", "("};
static const char *const WEEKDAY_CLOSE[] = {"）", ")"};
static const char *const WEEKDAYS[] = {"月", "火", "水", "木", "金", "土", "日"};
static const char *const WEEKDAY_EXTRA[] = {"・祝", "・休", ""};

static bool is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static bool is_ideograph(uint32_t cp)
{
	return cp >= 0x4E00 && cp <= 0x9FFF;
}

/* The length of the longest of strs[0, n) that s[0, len) starts with, and
 * its index in *which; 0 when none does. */
static size_t match_any(const char *s, size_t len, const char *const *strs, size_t n, size_t *which)
{
	size_t best = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(strs[i]);
		if (k > best && k <= len && memcmp(s, strs[i], k) == 0) {
			best = k;
			*which = i;
		}
	}
	return best;
}

static size_t match_counter(const char *s, size_t len, const struct counter **out)
{
	size_t best = 0;
	for (size_t i = 0; i < NG_ARRAY_LEN(COUNTERS); i++) {
		size_t k = strlen(COUNTERS[i].s);
		if (k > best && k <= len && memcmp(s, COUNTERS[i].s, k) == 0) {
			best = k;
			*out = &COUNTERS[i];
		}
	}
	return best;
}

/* The length of a bracketed weekday at s (「（月）」, 「（月・祝）」), or 0. */
static size_t match_weekday(const char *s, size_t len)
{
	size_t w, k = match_any(s, len, WEEKDAY_OPEN, NG_ARRAY_LEN(WEEKDAY_OPEN), &w), n, i;
	if (!k || !(n = match_any(s + k, len - k, WEEKDAYS, NG_ARRAY_LEN(WEEKDAYS), &i)))
		return 0;
	k += n;
	for (size_t e = 0; e < NG_ARRAY_LEN(WEEKDAY_EXTRA); e++) {
		size_t x = strlen(WEEKDAY_EXTRA[e]);
		if (x <= len - k && memcmp(s + k, WEEKDAY_EXTRA[e], x) == 0 &&
		    (n = match_any(s + k + x, len - k - x, WEEKDAY_CLOSE,
		                   NG_ARRAY_LEN(WEEKDAY_CLOSE), &i)))
			return k + x + n;
	}
	return 0;
}

/* No break at any offset in (from, to] (relative to the text's start a). */
static void glue_span(lay *l, size_t a, size_t from, size_t to)
{
	for (size_t off = from; off < to; off++)
		if (off > a)
			l->brk[off - a] = 0;
}

/* Also glued: the two kanji before a year's number (an era's name is two
 * kanji: 「令和 / 6年」 and 「令 / 和6年」 are split dates) and 第 before
 * its number (第2報). */
static void glue_numbers(lay *l, const ng_content *c, size_t a, size_t b)
{
	bool digit = false, joiner = false, date = false;
	/* The two characters before the number, the last one and where it
	 * started; where the number started. */
	uint32_t before = 0, before2 = 0, prev = 0, prev2 = 0;
	size_t start = a, at2 = a, prev_at = a;
	for (size_t off = a; off < b;) {
		uint32_t cp = 0;
		size_t n = ng_utf8_decode(c->text + off, b - off, &cp);
		n = n ? n : 1;
		const struct counter *k = NULL;
		size_t kn = digit ? match_counter(c->text + off, b - off, &k) : 0;
		size_t wn = digit || date ? match_weekday(c->text + off, b - off) : 0;
		if (wn) {
			/* the weekday goes with the date before it */
			glue_span(l, a, off, off + wn);
			digit = joiner = date = false;
			prev2 = prev;
			prev = 0;
			prev_at = off;
			off += wn;
			continue;
		}
		if (kn) {
			glue_span(l, a, off, off + kn);
			if (strcmp(k->s, "年") == 0 && start > a && is_ideograph(before)) {
				l->brk[start - a] = 0;
				if (at2 > a && is_ideograph(before2))
					l->brk[at2 - a] = 0;
			}
			joiner = k->join == CELLS ? l->cell : k->join;
			date = strcmp(k->s, "日") == 0;
			digit = false;
			prev2 = prev;
			prev = 0;
			prev_at = off;
			off += kn;
			continue;
		}
		if (off > a &&
		    ((joiner && is_digit(cp)) || (is_digit(cp) && prev == 0x7B2C /* 第 */)))
			l->brk[off - a] = 0;
		if (is_digit(cp) && !digit) {
			start = off;
			before = prev;
			before2 = prev2;
			at2 = prev_at;
		}
		joiner = false;
		date = false;
		digit = is_digit(cp) || (digit && (cp == ',' || cp == '.' || cp == '/') &&
		                         off + 1 < b && is_digit((unsigned char)c->text[off + 1]));
		prev2 = prev;
		prev = cp;
		prev_at = off;
		off += n;
	}
}

/* Firm breaks: after a closing bracket, a comma or full stop, a dash or
 * ～, a colon or a space, and before an opening bracket. A short table
 * cell (a name, a date and time, a count) wraps only there when every
 * piece between them fits its column: 「2/29（木） / 9時30分」, never
 * 「さくら内科ク / リニック」 nor 「2/28（水）夕 / 方」. */
static bool firm_break(const lay *l, size_t i)
{
	static const char *const after[] = {"CL", "FS", "CM", "HY", "EX", "MD", "LCL", "WS"};
	static const char *const before[] = {"OP", "LOP"};
	const char *p = ng_jlreq_info(l->jl, l->ch[i - 1].cls)->name;
	const char *t = ng_jlreq_info(l->jl, l->ch[i].cls)->name;
	for (size_t k = 0; k < NG_ARRAY_LEN(after); k++)
		if (strcmp(p, after[k]) == 0)
			return true;
	for (size_t k = 0; k < NG_ARRAY_LEN(before); k++)
		if (strcmp(t, before[k]) == 0)
			return true;
	return false;
}

static void keep_firm_breaks(lay *l)
{
	for (size_t i = 1; i < l->nch; i++)
		if (l->ch[i].brk && !firm_break(l, i))
			l->ch[i].brk = false;
}

int ng_lay_analyse(lay *l, const ng_content *c, size_t a, size_t b, ng_font_role font, double size)
{
	l->c = c;
	l->pcur = (ng_pos_cursor){0};
	l->font = font;
	l->size = size;
	l->nch = 0;
	l->brk = ng_agrow(l->a, l->brk, 1, &l->capbrk, b - a + 1);
	if (ng_linebreaker_run(l->lb, c->text + a, b - a, l->brk) != 0) {
		const ng_icu_err *e = ng_linebreaker_error(l->lb);
		ng_diag_add(l->d, NG_D_ICU, ng_content_pos(c, a), e->func, e->name);
		return -1;
	}
	glue_numbers(l, c, a, b);
	/* Glued spans: no break inside one nor right after it. */
	for (size_t k = 0; k < c->nspans; k++) {
		const ng_span *g = &c->spans[k];
		for (size_t off = g->start + 1; g->glue && off <= g->start + g->len; off++)
			if (off > a && off < b)
				l->brk[off - a] = 0;
	}
	/* (The next character starts after the last tch: a selector joined to
	 * the one before leaves that one last.) */
	for (size_t i = a; i < b; i = l->ch[l->nch - 1].off + l->ch[l->nch - 1].len) {
		if (l->nch == l->capch)
			l->ch = ng_agrow_raw(l->a, l->ch, sizeof *l->ch, &l->capch, l->nch + 1);
		tch *t = &l->ch[l->nch++];
		memset(t, 0, sizeof *t);
		t->off = i;
		analyse_char(l, t, c->text + i);
	}
	/* A hard line that opens with a mark filling its em and a word space
	 * (a heading's 「① 経緯」「■ 概要」) has half an em there, fixed: the
	 * gap a list's ① or ■ gets before its text, and the half em a （1）
	 * carries; a bare word space (¼ em here) would leave them touching. */
	uint32_t cp0 = 0;
	if (l->nch >= 2 && l->ch[1].space &&
	    ng_utf8_decode(c->text + l->ch[0].off, l->ch[0].len, &cp0) && ng_lay_em_mark(cp0)) {
		l->ch[1].w = size / 2;
		l->ch[1].space = false;
	}
	for (size_t i = 1; i < l->nch; i++)
		analyse_gap(l, i);
	if (l->firm)
		keep_firm_breaks(l);
	l->wid = ng_agrow(l->a, l->wid, sizeof(double), &l->capwid, l->nch + 1);
	l->gap = ng_agrow(l->a, l->gap, sizeof(double), &l->capgap, l->nch + 1);
	return 0;
}

/* ---- adjustable elements of one line */

/* Something in a line that can shrink or stretch: the width of a word
 * space, or one part of the gap before a character. */
typedef struct adj {
	double *at;    /* the width or gap it changes */
	double shrink; /* by at most this much */
	double stretch;
	unsigned char sp, tp; /* priorities; tp 4 is letter spacing */
} adj;

typedef struct linebox {
	size_t s, e;
	double endgap; /* space after the last character */
	adj *v;
	size_t n, cap;
	double natural;
	bool all_letters; /* forced lines letter-space everywhere */
} linebox;

static void push(lay *l, linebox *b, double *at, double shrink, unsigned char sp, double stretch,
                 unsigned char tp)
{
	if (shrink <= 0 && stretch <= 0)
		return;
	if (b->n == b->cap)
		b->v = ng_agrow_raw(l->a, b->v, sizeof *b->v, &b->cap, b->n + 1);
	b->v[b->n++] = (adj){at, shrink > 0 ? shrink : 0, stretch > 0 ? stretch : 0, sp, tp};
}

static void gap_elements(lay *l, linebox *b, size_t i)
{
	const tch *t = &l->ch[i];
	const ng_layout_opts *o = l->o;
	double em = l->size;
	l->gap[i] = t->ga + t->gb + t->gw;
	if (t->pa)
		push(l, b, &l->gap[i], t->ga, t->pa, 0, 0);
	if (t->pb)
		push(l, b, &l->gap[i], t->gb, t->pb, 0, 0);
	if (t->gw > 0)
		push(l, b, &l->gap[i], t->gw - o->wa_min * em, 5, o->wa_max * em - t->gw, 2);
	if (t->letter || b->all_letters)
		push(l, b, &l->gap[i], 0, 0, 1, 4);
}

/* Fills l->wid and l->gap for characters [s, e) ending at break brk and
 * lists what can be adjusted. The gap before the first character is
 * dropped (a line start takes no space before 「 and no 和欧間); at a break
 * the space that belongs to the last character stays at the line end and
 * is the first thing squeezed (priority 2); the 和欧間 goes. */
static void build_line(lay *l, linebox *b, size_t s, size_t e, size_t brk, bool keep_end)
{
	double em = l->size;
	b->s = s;
	b->e = e;
	b->n = 0;
	b->natural = 0;
	b->endgap = keep_end && brk < l->nch && brk == e ? l->ch[brk].ga : 0;
	if (b->endgap > 0)
		push(l, b, &b->endgap, b->endgap, 2, 0, 0);
	for (size_t i = s; i < e; i++) {
		const tch *t = &l->ch[i];
		l->wid[i] = t->w;
		l->gap[i] = 0;
		if (i > s)
			gap_elements(l, b, i);
		/* Latin word spaces go first both ways: down to ¼ em, up by
		 * half an em. */
		if (t->space)
			push(l, b, &l->wid[i], t->w - em / 4, 1, em / 2, 1);
		b->natural += l->wid[i] + l->gap[i];
	}
	b->natural += b->endgap;
}

static double total(const linebox *b, bool shrink, int prio)
{
	double sum = 0;
	for (size_t i = 0; i < b->n; i++) {
		const adj *a = &b->v[i];
		if (shrink && (prio == 0 || a->sp == prio))
			sum += a->shrink;
		else if (!shrink && a->tp == prio)
			sum += a->stretch;
	}
	return sum;
}

/* Squeezes by over points, priority by priority, each level in proportion
 * to what its elements can give. */
static void shrink_by(linebox *b, double over)
{
	for (int p = 1; p <= MAX_PRIO && over > EPS / 10; p++) {
		double cap = total(b, true, p);
		if (cap <= 0)
			continue;
		double take = over < cap ? over : cap;
		for (size_t i = 0; i < b->n; i++)
			if (b->v[i].sp == p)
				*b->v[i].at -= b->v[i].shrink * take / cap;
		over -= take;
	}
}

/* Stretches by need points: word spaces, then the 和欧間, then all letter
 * gaps evenly (JLReq 3.8.3), which have no limit. A line with no letter
 * gap (one Latin word) stretches its word spaces without limit instead. */
static void stretch_by(linebox *b, double need)
{
	for (int p = 1; p <= 2 && need > EPS / 10; p++) {
		double cap = total(b, false, p);
		if (cap <= 0)
			continue;
		double take = need < cap ? need : cap;
		for (size_t i = 0; i < b->n; i++)
			if (b->v[i].tp == p)
				*b->v[i].at += b->v[i].stretch * take / cap;
		need -= take;
	}
	int level = total(b, false, 4) > 0 ? 4 : 1;
	size_t count = 0;
	for (size_t i = 0; i < b->n; i++)
		count += b->v[i].tp == level;
	for (size_t i = 0; i < b->n && need > EPS / 10; i++)
		if (b->v[i].tp == level)
			*b->v[i].at += need / (double)count;
}

/* ---- measuring candidate lines */

/* The natural width of characters [s, e) set as one line with endgap after
 * it, summed as build_line sums it. */
static double line_natural(const lay *l, size_t s, size_t e, double endgap)
{
	double natural = 0;
	for (size_t i = s; i < e; i++) {
		const tch *t = &l->ch[i];
		natural += t->w + (i > s ? t->ga + t->gb + t->gw : 0);
	}
	return natural + endgap;
}

static double positive(double v)
{
	return v > 0 ? v : 0;
}

/* What character i can give when its line is squeezed, in the order
 * build_line lists it: the parts of the gap before it (none at a line
 * start), then a word space's own width. Returns the number of parts. */
static size_t shrink_parts(const lay *l, size_t i, bool first, double part[4])
{
	const tch *t = &l->ch[i];
	double em = l->size;
	size_t n = 0;
	if (!first && t->pa)
		part[n++] = positive(t->ga);
	if (!first && t->pb)
		part[n++] = positive(t->gb);
	if (!first && t->gw > 0)
		part[n++] = positive(t->gw - l->o->wa_min * em);
	if (t->space)
		part[n++] = positive(t->w - em / 4);
	return n;
}

/* The total shrink of characters [s, e) after a line-end space of endgap
 * (the first thing squeezed, so the first summed). */
static double line_shrink(const lay *l, size_t s, size_t e, double endgap)
{
	double sum = 0 + endgap, part[4];
	for (size_t i = s; i < e; i++)
		for (size_t j = 0, n = shrink_parts(l, i, i == s, part); j < n; j++)
			sum += part[j];
	return sum;
}

/* Line-end spaces (ga > 0) seen in the analysed text, so many that any
 * spacing table fits (data/jlreq-spacing.tsv has two). */
#define MAX_ENDS 4

typedef struct endset {
	double v[MAX_ENDS];
	size_t n;
} endset;

static void collect_ends(const lay *l, endset *es)
{
	es->n = 0;
	for (size_t i = 1; i < l->nch && es->n < MAX_ENDS; i++) {
		size_t j = 0;
		while (j < es->n && es->v[j] != l->ch[i].ga)
			j++;
		if (j == es->n && l->ch[i].ga > 0)
			es->v[es->n++] = l->ch[i].ga;
	}
}

/* A line being filled from character s: running sums over [s, k), so
 * each candidate break costs only the characters since the last one.
 * Every sum adds in the order of build_line and total, so a candidate
 * measures to the last bit as the line built whole would: a different
 * order could tip a tie between two breaks. Shrink sums start with the
 * line-end space, which comes first, hence one sum per value it takes. */
typedef struct scan {
	const endset *ends;
	size_t s, k;
	double natural;
	double shrink[1 + MAX_ENDS]; /* [0] with no end space, [j] after v[j - 1] */
	double words, wa, letters;   /* stretch of word spaces and 和欧間; letter gaps */
} scan;

static void scan_start(scan *sc, const endset *ends, size_t s)
{
	*sc = (scan){ends, s, s, 0, {0}, 0, 0, 0};
	for (size_t j = 0; j < ends->n; j++)
		sc->shrink[j + 1] = 0 + ends->v[j];
}

/* Adds character k to the sums. Letter gaps count as comfortable up to a
 * quarter em each. */
static void scan_char(const lay *l, scan *sc)
{
	size_t i = sc->k++;
	const tch *t = &l->ch[i];
	bool first = i == sc->s;
	double em = l->size, part[4];
	sc->natural += t->w + (first ? 0 : t->ga + t->gb + t->gw);
	size_t n = shrink_parts(l, i, first, part);
	for (size_t j = 0; j <= sc->ends->n; j++)
		for (size_t p = 0; p < n; p++)
			sc->shrink[j] += part[p];
	if (!first && t->gw > 0)
		sc->wa += positive(l->o->wa_max * em - t->gw);
	if (!first && t->letter)
		sc->letters += em / 4;
	if (t->space)
		sc->words += positive(em / 2);
}

/* The shrink of [s, k) after a line-end space of endgap. */
static double scan_shrink(const lay *l, const scan *sc, double endgap)
{
	if (!(endgap > 0))
		return sc->shrink[0];
	for (size_t j = 0; j < sc->ends->n; j++)
		if (sc->ends->v[j] == endgap)
			return sc->shrink[j + 1];
	return line_shrink(l, sc->s, sc->k, endgap);
}

/* ---- choosing breaks */

typedef struct metrics {
	double natural, minimum, stretch;
} metrics;

static size_t trim_end(const lay *l, size_t s, size_t e)
{
	while (e > s + 1 && l->ch[e - 1].space)
		e--;
	return e;
}

/* The line from the scan's start to break brk. Breaks come in order and
 * trimmed ends never move back, so the scan only moves forward. At a
 * break the space that belongs to the last character stays at the line
 * end (dropped with the word spaces that a break trims). */
static metrics measure_line(const lay *l, scan *sc, size_t brk)
{
	size_t e = trim_end(l, sc->s, brk);
	while (sc->k < e)
		scan_char(l, sc);
	double endgap = brk < l->nch && brk == e ? l->ch[brk].ga : 0;
	double natural = sc->natural + endgap;
	return (metrics){natural, natural - scan_shrink(l, sc, endgap),
	                 sc->words + sc->wa + sc->letters};
}

typedef struct choice {
	size_t brk;
	double cost;
	bool hang;
} choice;

static double stretch_cost(double need, double cap)
{
	if (need <= EPS)
		return 0;
	return cap > 0 ? need / cap : 1e9;
}

/* ぶら下げ: a 。 or 、 that would have to start the next line may hang
 * past the measure instead (only with the option on). */
static bool can_hang(const lay *l, size_t s, size_t brk, double w, double *need)
{
	size_t e = trim_end(l, s, brk);
	int fs = ng_jlreq_find(l->jl, "FS"), cm = ng_jlreq_find(l->jl, "CM");
	if (!l->o->hanging || e < s + 2 || (l->ch[e - 1].cls != fs && l->ch[e - 1].cls != cm))
		return false;
	*need = w - line_natural(l, s, e - 1, 0);
	return *need >= -EPS;
}

/* The best break for a line starting at s in width w: the last legal
 * break whose line fits (追い出し: the line is stretched) or the first one
 * past it when the line can be squeezed to fit (追い込み), whichever needs
 * the smaller adjustment for what it can give; squeezing wins a tie. */
static choice best_break(const lay *l, const endset *ends, size_t s, double w)
{
	choice fit = {0, 1e18, false}, best = {0, 1e18, false};
	scan sc;
	scan_start(&sc, ends, s);
	/* No line holds more than MAX_LINE_CHARS: a 100,000-character run is
	 * neither scanned nor measured whole for each of its lines. */
	for (size_t i = s + 1; i <= l->nch && i - s <= MAX_LINE_CHARS; i++) {
		if (i < l->nch && !l->ch[i].brk)
			continue;
		metrics m = measure_line(l, &sc, i);
		if (m.natural <= w + EPS) {
			double c = i == l->nch ? 0 : stretch_cost(w - m.natural, m.stretch);
			fit = (choice){i, c, false};
			continue;
		}
		double need;
		if (m.minimum <= w + EPS)
			best = (choice){i, (m.natural - w) / (m.natural - m.minimum), false};
		else if (can_hang(l, s, i, w, &need))
			best = (choice){i, stretch_cost(need, m.stretch), true};
		break;
	}
	return fit.brk && fit.cost < best.cost ? fit : best;
}

/* No legal break fits: break at the last character that fits (a long URL),
 * at least one character, and warn (once per unbreakable run: warn is
 * false on the lines that continue it). The warning quotes the run's first
 * characters only: enough to find it, not the letter's text. */
static size_t forced_break(lay *l, size_t s, double w, bool warn)
{
	enum { QUOTE_CHARS = 24 };
	/* The longest line from s that fits, by bisection (widths grow with
	 * the line): a run of 100,000 characters, or of zero-width marks, must
	 * not be measured once per character. */
	size_t i = s + 1, hi = l->nch - s > MAX_LINE_CHARS ? s + MAX_LINE_CHARS : l->nch;
	while (i < hi) {
		size_t mid = i + (hi - i + 1) / 2;
		if (line_natural(l, s, mid, 0) > w + EPS)
			hi = mid - 1;
		else
			i = mid;
	}
	if (!warn)
		return i;
	const ng_content *c = l->c;
	size_t k = i - s > QUOTE_CHARS ? s + QUOTE_CHARS : i;
	size_t a = l->ch[s].off, z = l->ch[k - 1].off + l->ch[k - 1].len;
	ng_diag_add(l->d, NG_D_LAYOUT_OVERFLOW, ng_content_pos(c, a),
	            ng_aprintf(l->a, "%.*s%s", (int)(z - a), c->text + a, k < i ? "…" : ""));
	return i;
}

/* A paragraph does not end in a line of one character and its 。 (「…しまし
 * / た。」, JAPANESE.md §7): the line before it breaks at its previous
 * opportunity, so that at least two characters carry over, and is
 * justified a little looser. Not when that line was forced or hangs, nor
 * when it would lose more than a quarter of its width. */
static void no_lone_last_char(const lay *l, cline *v, size_t n)
{
	int fs = ng_jlreq_find(l->jl, "FS"), cm = ng_jlreq_find(l->jl, "CM");
	cline *last = &v[n - 1], *prev = &v[n - 2];
	if (last->e - last->s != 2 || prev->forced || prev->hang || !prev->justify ||
	    (l->ch[last->e - 1].cls != fs && l->ch[last->e - 1].cls != cm))
		return;
	size_t p = prev->brk - 1;
	while (p > prev->s + 1 && !l->ch[p].brk)
		p--;
	if (p <= prev->s + 1 || !l->ch[p].brk || l->ch[p].space ||
	    line_natural(l, prev->s, p, 0) < 0.75 * prev->measure ||
	    line_natural(l, p, last->e, 0) > last->measure + EPS)
		return;
	prev->e = trim_end(l, prev->s, p);
	prev->brk = p;
	last->s = p;
}

size_t ng_lay_break(lay *l, double first_w, double rest_w, bool justify, cline **out)
{
	size_t n = 0, cap = 0, s = 0;
	cline *v = NULL;
	endset ends;
	collect_ends(l, &ends);
	while (s < l->nch && l->ch[s].space)
		s++;
	while (s < l->nch) {
		double w = n == 0 ? first_w : rest_w;
		choice c = best_break(l, &ends, s, w);
		bool forced = c.brk == 0;
		if (forced)
			c.brk = forced_break(l, s, w, !(n && v[n - 1].forced));
		v = ng_agrow_raw(l->a, v, sizeof *v, &cap, n + 1);
		v[n++] = (cline){s,      trim_end(l, s, c.brk), c.brk, w, justify, c.hang,
		                 forced, c.brk == l->nch};
		s = c.brk;
		while (s < l->nch && l->ch[s].space)
			s++;
	}
	if (justify && n >= 2)
		no_lone_last_char(l, v, n);
	*out = v;
	return n;
}

void ng_lay_extent(lay *l, double *natural, double *minimum)
{
	*natural = *minimum = 0;
	if (!l->nch)
		return;
	*natural = line_natural(l, 0, l->nch, 0);
	for (size_t s = 0, i = 1; i <= l->nch; i++) {
		if (i < l->nch && !l->ch[i].brk)
			continue;
		double w = line_natural(l, s, trim_end(l, s, i), 0);
		if (w > *minimum)
			*minimum = w;
		s = i;
	}
}

double ng_lay_widest_line(lay *l, double w)
{
	cline *v = NULL;
	size_t n = ng_lay_break(l, w, w, true, &v);
	double widest = 0;
	for (size_t i = 0; i < n; i++)
		widest = fmax(widest, line_natural(l, v[i].s, v[i].e, 0));
	return widest;
}

/* ---- setting a line */

static double set_width(const lay *l, const linebox *b, const cline *ln)
{
	double w = b->endgap;
	for (size_t i = ln->s; i < ln->e; i++)
		w += l->wid[i] + l->gap[i];
	return w;
}

/* Widths and gaps of the line after adjustment; returns the set width. */
static double set_line(lay *l, linebox *b, const cline *ln, ng_align align)
{
	bool justify = ln->justify && align == NG_ALIGN_JUSTIFY;
	/* A line's end space counts only where the line is justified; a
	 * right-aligned or centred line aligns its ink. */
	bool keep_end = justify && !ln->last && !ln->hang;
	b->all_letters = ln->forced;
	build_line(l, b, ln->s, ln->e, ln->brk, keep_end);
	double target = ln->measure;
	if (ln->hang)
		target += l->wid[ln->e - 1];
	if (b->natural > target + EPS)
		shrink_by(b, b->natural - target);
	else if (justify && !ln->last && b->natural < target - EPS)
		stretch_by(b, target - b->natural);
	double w = set_width(l, b, ln);
	/* A line that is one Latin word (a URL alone on its line) has no gap
	 * JLReq would stretch: space its letters rather than leave it short. */
	if (justify && !ln->last && w < target - EPS && !b->all_letters && ln->e > ln->s + 1) {
		b->all_letters = true;
		build_line(l, b, ln->s, ln->e, ln->brk, keep_end);
		stretch_by(b, target - b->natural);
		w = set_width(l, b, ln);
	}
	return ln->hang ? w - l->wid[ln->e - 1] : w;
}

static ng_run *stage_run(lay *l)
{
	l->runs = ng_agrow_raw(l->a, l->runs, sizeof *l->runs, &l->capruns, l->nruns + 1);
	ng_run *r = &l->runs[l->nruns++];
	memset(r, 0, sizeof *r);
	return r;
}

static ng_run *start_run(lay *l, size_t i, double gx, double base)
{
	ng_run *r = stage_run(l);
	r->x = gx;
	r->y = base;
	r->font = l->font;
	r->size = l->size;
	r->text = l->c->text + l->ch[i].off;
	r->pos = ng_content_pos_next(&l->pcur, l->c, l->ch[i].off);
	return r;
}

/* Origin of glyph i given the slot (pen) position before it. */
static double origin(const lay *l, size_t i, double *slot)
{
	*slot += l->gap[i];
	double gx = *slot + l->ch[i].shift;
	*slot += l->wid[i];
	return gx;
}

/* Cuts the line into runs. Every adjustment (a half-width mark, the
 * 和欧間, justification) is carried as the character spacing after a glyph,
 * and a run is a stretch of glyphs followed by the same spacing. The pen
 * then never jumps between runs, so text extractors (pdftotext) read the
 * line exactly as written — no spaces where the typesetting left gaps. */
static void make_runs(lay *l, const cline *ln, double x, double base)
{
	ng_run *r = NULL;
	double slot = x;
	double gx = origin(l, ln->s, &slot);
	for (size_t i = ln->s; i < ln->e; i++) {
		const tch *t = &l->ch[i];
		double next = i + 1 < ln->e ? origin(l, i + 1, &slot) : 0;
		double cs = i + 1 < ln->e ? next - gx - t->adv : r ? r->char_space : 0;
		if (fabs(cs) < EPS / 10)
			cs = 0;
		if (!r || fabs(cs - r->char_space) > EPS / 10) {
			r = start_run(l, i, gx, base);
			r->char_space = cs;
		}
		r->len += t->len;
		r->width += t->adv;
		gx = next;
	}
}

double ng_lay_emit(lay *l, const cline *ln, double x, double box_w, ng_align align, double base,
                   unsigned flags)
{
	/* The adjustable elements' array is the layout's, reused line after
	 * line (an array per line was ~300 KB of fresh memory a letter). */
	linebox b = {.v = l->adj, .cap = l->capadj};
	double w = set_line(l, &b, ln, align);
	l->adj = b.v;
	l->capadj = b.cap;
	if (align == NG_ALIGN_RIGHT)
		x += box_w - w;
	else if (align == NG_ALIGN_CENTER)
		x += (box_w - w) / 2;
	size_t run0 = l->nruns;
	make_runs(l, ln, x - l->gap[ln->s], base);
	l->lines = ng_agrow_raw(l->a, l->lines, sizeof *l->lines, &l->caplines, l->nlines + 1);
	ng_line *g = &l->lines[l->nlines++];
	size_t a = l->ch[ln->s].off, z = l->ch[ln->e - 1].off + l->ch[ln->e - 1].len;
	bool justified = align == NG_ALIGN_JUSTIFY && ln->justify && !ln->last;
	*g = (ng_line){x,
	               base,
	               w,
	               x + (align == NG_ALIGN_JUSTIFY || align == NG_ALIGN_LEFT ? ln->measure : w),
	               flags | (justified ? NG_LINE_JUSTIFIED : 0) |
	                   (ln->hang ? NG_LINE_HANGING : 0) | (ln->forced ? NG_LINE_FORCED : 0),
	               run0,
	               l->nruns - run0,
	               l->c->text + a,
	               z - a,
	               l->elem};
	return w;
}
