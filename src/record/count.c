/* count.c — a count as notices write it (本人の数 and the like): 1,234名,
 * 約12万事業所, 約1.2万件, 最大12,345件, 1,000名以上, 1,000名未満, 延べ1,200名,
 * 100～200件, 数十件, 300名分（312件）, 300名（312件）,
 * 12,345件（うち、クレジットカード情報6,789件）, …（令和6年5月2日時点）; and
 * the same read back from what people type (ng_count_parse). The number
 * stays a number in the record (規則第7条第4号 reads it, through
 * ng_affected_deciding); the rest is its wording. */
#include "record.h"

#include <string.h>

#define MAN 10000L
#define OKU 100000000L

static void put_grouped(long n, ng_buf *out)
{
	char d[24];
	int len = snprintf(d, sizeof d, "%ld", n);
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			ng_buf_addc(out, ',');
		ng_buf_addc(out, d[i]);
	}
}

/* 万 and 億 as the unit words of large numbers: 450万, 1万2,345, 1億2,000万.
 * An approximate count is rounded to the nearest 万 (約12万). */
static void put_man(long n, bool approx, ng_buf *out)
{
	if (n < MAN) {
		put_grouped(n, out);
		return;
	}
	if (approx)
		n = (n + MAN / 2) / MAN * MAN;
	long oku = n / OKU, man = n / MAN % MAN, rest = n % MAN;
	if (oku)
		ng_buf_printf(out, "%ld億", oku);
	if (man) {
		put_grouped(man, out);
		ng_buf_adds(out, "万");
	}
	if (rest)
		put_grouped(rest, out);
}

/* 1.2万, 12.3万: 万 with one decimal, when the number is a whole
 * thousand below 1億 (an approximate one rounded to it); else as 万. */
static void put_man1(long n, bool approx, ng_buf *out)
{
	if (approx && n >= MAN)
		n = (n + 500) / 1000 * 1000;
	if (n < MAN || n >= OKU || n % 1000 || n % MAN == 0) {
		put_man(n, approx, out);
		return;
	}
	ng_buf_printf(out, "%ld.%ld万", n / MAN, n / 1000 % 10);
}

void ng_count_number(long n, ng_digits digits, bool approx, ng_buf *out)
{
	switch (digits) {
	case NG_DIGITS_MAN1:
		put_man1(n, approx, out);
		break;
	case NG_DIGITS_GROUPED:
		put_grouped(n, out);
		break;
	case NG_DIGITS_PLAIN:
		ng_buf_printf(out, "%ld", n);
		break;
	case NG_DIGITS_MAN:
		put_man(n, approx, out);
		break;
	}
}

static const char *unit_or(const ng_text *t, const char *dflt)
{
	return t->s ? t->s : dflt;
}

static void put_breakdown(const ng_affected *a, const char *unit, ng_buf *out)
{
	if (!a->breakdown.n)
		return;
	ng_buf_adds(out, "（うち、");
	for (size_t i = 0; i < a->breakdown.n; i++) {
		const ng_count_part *p = &a->breakdown.v[i];
		if (i)
			ng_buf_adds(out, "、");
		ng_buf_adds(out, p->label.s);
		ng_count_number(p->count, a->digits, false, out);
		ng_buf_adds(out, unit_or(&p->unit, unit));
	}
	ng_buf_adds(out, "）");
}

/* （令和6年5月2日時点）: an as-of date, without its weekday by the rule.
 * Without an era table (the record's reading, before the letter's
 * calendar is known) it is left for the engine to add. */
static int put_as_of(ng_era *e, const ng_affected *a, ng_buf *out)
{
	if (!a->as_of.set || !e)
		return 0;
	ng_when w = a->as_of.v;
	if (w.start.asof == NG_ASOF_NONE)
		w.start.asof = NG_ASOF_JITEN;
	ng_dateopts o = NG_DATEOPTS_EVENT;
	o.event = false;
	ng_buf_adds(out, "（");
	if (ng_era_format(e, &w, NG_DATE_LONG, &o, out) != 0)
		return -1;
	ng_buf_adds(out, "）");
	return 0;
}

static const char *const bound_names[] = {"", "以下", "未満", "超"};
static const char *const records_open[] = {"分（", "（", "・", "、"};

static void put_records(const ng_affected *a, ng_buf *out)
{
	if (a->records < 0)
		return;
	ng_buf_adds(out, records_open[a->records_sep]);
	ng_count_number(a->records, a->digits, a->approx, out);
	ng_buf_adds(out, unit_or(&a->records_unit, "件"));
	if (a->records_sep <= NG_RECORDS_PAREN)
		ng_buf_adds(out, "）");
}

int ng_affected_text(ng_era *e, const ng_affected *a, ng_buf *out)
{
	size_t mark = out->len;
	const char *unit = unit_or(&a->unit, "名");
	if (a->total)
		ng_buf_adds(out, "延べ");
	if (a->max)
		ng_buf_adds(out, "最大");
	if (a->approx)
		ng_buf_adds(out, "約");
	if (a->vague) {
		ng_buf_adds(out, a->vague);
	} else {
		ng_count_number(a->count, a->digits, a->approx, out);
		if (a->upper) { /* 100～200件: the unit once, after the range */
			ng_buf_adds(out, "～");
			ng_count_number(a->upper, a->digits, a->approx, out);
		}
	}
	ng_buf_adds(out, unit);
	if (a->over)
		ng_buf_adds(out, "以上");
	ng_buf_adds(out, bound_names[a->bound]);
	put_records(a, out);
	put_breakdown(a, unit, out);
	if (put_as_of(e, a, out) != 0) {
		out->len = mark;
		if (out->data)
			out->data[mark] = '\0';
		return -1;
	}
	return 0;
}

/* ---- counts as people type them */

typedef struct clex {
	const char *s;
	size_t len, pos, err_at;
	const char *err;
} clex;

static int cfail(clex *c, size_t at, const char *msg)
{
	c->err_at = at;
	c->err = msg;
	return -1;
}

static bool cmatch(clex *c, const char *lit)
{
	size_t n = strlen(lit);
	if (c->len - c->pos < n || memcmp(c->s + c->pos, lit, n) != 0)
		return false;
	c->pos += n;
	return true;
}

static int cmatch_any(clex *c, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cmatch(c, words[i]))
			return (int)i;
	return -1;
}

/* A digit (ASCII or full-width ０–９) at the cursor: its value, or -1;
 * *bytes its length. */
static int digit_at(const clex *c, size_t at, size_t *bytes)
{
	const unsigned char *u = (const unsigned char *)c->s + at;
	if (at < c->len && u[0] >= '0' && u[0] <= '9')
		return *bytes = 1, u[0] - '0';
	if (at < c->len && c->len - at >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 &&
	    u[2] <= 0x99)
		return *bytes = 3, u[2] - 0x90;
	return -1;
}

static const char *const commas[] = {",", "，"};
static const char *const points[] = {".", "．"};

/* Digits with grouping commas (1,234: every three digits). */
static int plain_number(clex *c, long *v, int *ndigits)
{
	size_t start = c->pos, b;
	int n = 0, group = 0, d;
	bool grouped = false;
	*v = 0;
	for (;;) {
		if ((d = digit_at(c, c->pos, &b)) >= 0) {
			if (n >= 15)
				return cfail(c, start, N_("too many digits"));
			*v = *v * 10 + d, n++, group++;
			c->pos += b;
			continue;
		}
		size_t at = c->pos;
		if (n && digit_at(c, at + 1, &b) < 0 && digit_at(c, at + 3, &b) < 0)
			break; /* a comma that ends the number is not a grouping one */
		if (n && cmatch_any(c, commas, 2) >= 0) {
			if (grouped ? group != 3 : group > 3)
				return cfail(c, at,
				             N_("grouping commas come every three digits (1,234)"));
			grouped = true, group = 0;
			continue;
		}
		break;
	}
	if (!n)
		return cfail(c, c->pos, N_("expected a number"));
	if (grouped && group != 3)
		return cfail(c, c->pos - (size_t)group,
		             N_("grouping commas come every three digits (1,234)"));
	*ndigits = n;
	return 0;
}

/* A number: 1234, 1,234, 12万, 1.2万 (a decimal only before 万 or 億),
 * 1万2,345, 1億2,000万. *digits: how it was written (万 → man, 1.2万 →
 * man1). */
static int count_number(clex *c, long *out, ng_digits *digits)
{
	long v, total = 0;
	int nd;
	if (plain_number(c, &v, &nd) != 0)
		return -1;
	size_t dot = c->pos;
	long tenths = -1;
	if (cmatch_any(c, points, 2) >= 0) {
		size_t b;
		int d = digit_at(c, c->pos, &b);
		if (d < 0)
			return cfail(c, dot, N_("a decimal point only before 万 or 億 (1.2万)"));
		tenths = d;
		c->pos += b;
	}
	*digits = NG_DIGITS_GROUPED;
	static const struct {
		const char *word;
		long unit;
	} scales[] = {{"億", OKU}, {"万", MAN}};
	for (size_t i = 0; i < NG_ARRAY_LEN(scales); i++) {
		size_t at = c->pos;
		if (!cmatch(c, scales[i].word))
			continue;
		if (v > 9999) /* 万 and 億 each take at most four digits */
			return cfail(c, at, N_("at most four digits before 万 or 億 (1億2,000万)"));
		total += v * scales[i].unit + (tenths >= 0 ? tenths * scales[i].unit / 10 : 0);
		*digits = tenths >= 0 ? NG_DIGITS_MAN1 : NG_DIGITS_MAN;
		tenths = -1;
		v = 0;
		size_t b;
		if (digit_at(c, c->pos, &b) < 0)
			continue;
		if (plain_number(c, &v, &nd) != 0)
			return -1;
	}
	if (tenths >= 0)
		return cfail(c, dot, N_("a decimal point only before 万 or 億 (1.2万)"));
	*out = total + v;
	return 0;
}

static const char *const vague_words[] = {"数十万", "数百万", "数千万", "数十", "数百",
                                          "数千",   "数万",   "十数",   "数"};
static const char *const tildes[] = {"～", "~", "〜"};
static const struct {
	const char *word;
	ng_bound bound;
	bool over, approx;
} bound_words[] = {{"以上", NG_BOUND_NONE, true, false},   {"以下", NG_BOUND_AT_MOST, false, false},
                   {"未満", NG_BOUND_UNDER, false, false}, {"超え", NG_BOUND_ABOVE, false, false},
                   {"超", NG_BOUND_ABOVE, false, false},   {"程度", NG_BOUND_NONE, false, true}};
/* What ends a unit word. */
static const char *const unit_stops[] = {"～",   "~",    "〜", "（",   "(",   "）", ")",
                                         "・",   "、",   " ",  "　",   ",",   "，", "以上",
                                         "以下", "未満", "超", "程度", "分（"};

static bool unit_stop(clex *c)
{
	size_t at = c->pos, b;
	if (at >= c->len || digit_at(c, at, &b) >= 0)
		return true;
	int k = cmatch_any(c, unit_stops, NG_ARRAY_LEN(unit_stops));
	c->pos = at;
	return k >= 0;
}

/* A unit: any word up to what follows a count (名, 件, 世帯, 事業所,
 * アカウント …), at most 8 characters; NULL when none. */
static int unit_word(clex *c, ng_arena *ar, ng_text *unit)
{
	size_t start = c->pos;
	int chars = 0;
	while (!unit_stop(c)) {
		c->pos++;
		while (c->pos < c->len && ((unsigned char)c->s[c->pos] & 0xC0) == 0x80)
			c->pos++;
		if (++chars > 8)
			return cfail(c, start, N_("a unit is a word of at most 8 characters"));
	}
	if (c->pos > start)
		unit->s = ng_strndup(ar, c->s + start, c->pos - start);
	return 0;
}

static void count_prefixes(clex *c, ng_affected *a)
{
	for (bool more = true; more;) {
		more = false;
		if (cmatch(c, "延べ") || cmatch(c, "延"))
			a->total = more = true;
		if (cmatch(c, "最大"))
			a->max = more = true;
		if (cmatch(c, "約") || cmatch(c, "およそ"))
			a->approx = more = true;
	}
}

/* 100～200件: the upper end, in the same unit. */
static int count_range(clex *c, ng_arena *ar, ng_affected *a)
{
	size_t at = c->pos;
	ng_digits dg;
	ng_text unit = {0};
	if (a->vague)
		return cfail(c, at, N_("a range needs numbers at both ends (100～200件)"));
	if (count_number(c, &a->upper, &dg) != 0 || unit_word(c, ar, &unit) != 0)
		return -1;
	if (a->upper <= a->count)
		return cfail(c, at, N_("a range's upper end must be larger than its lower"));
	if (unit.s && a->unit.s && strcmp(unit.s, a->unit.s) != 0)
		return cfail(c, at, N_("both ends of a range take the same unit"));
	if (unit.s)
		a->unit = unit;
	return 0;
}

static int count_bound(clex *c, ng_affected *a)
{
	size_t at = c->pos;
	for (size_t i = 0; i < NG_ARRAY_LEN(bound_words); i++) {
		if (!cmatch(c, bound_words[i].word))
			continue;
		if (a->upper && !bound_words[i].approx)
			return cfail(c, at, N_("a range takes no 以上, 以下, 未満 or 超"));
		a->bound = bound_words[i].bound;
		a->over |= bound_words[i].over;
		a->approx |= bound_words[i].approx;
		return 0;
	}
	return 0;
}

/* Records beside the persons: 分（312件）, （312件）, ・312件, 、312件. */
static int count_records(clex *c, ng_arena *ar, ng_affected *a)
{
	static const char *const seps[] = {"分（", "（", "(", "・", "、"};
	static const ng_records_sep kinds[] = {NG_RECORDS_BUN, NG_RECORDS_PAREN, NG_RECORDS_PAREN,
	                                       NG_RECORDS_DOT, NG_RECORDS_COMMA};
	size_t at = c->pos;
	int k = cmatch_any(c, seps, NG_ARRAY_LEN(seps));
	if (k < 0)
		return 0;
	if (cmatch(c, "うち"))
		return cfail(c, at,
		             N_("a breakdown (うち、…) is written as data: affected: {count: N, "
		                "breakdown: [{label: …, count: N}]}"));
	ng_digits dg;
	a->records_sep = kinds[k];
	if (count_number(c, &a->records, &dg) != 0 || unit_word(c, ar, &a->records_unit) != 0)
		return -1;
	if (kinds[k] <= NG_RECORDS_PAREN && !cmatch(c, "）") && !cmatch(c, ")"))
		return cfail(c, c->pos, N_("expected ） after the records"));
	return 0;
}

int ng_count_parse(const char *s, size_t len, ng_arena *ar, ng_affected *a, size_t *err_at,
                   const char **err)
{
	clex c = {.s = s, .len = len};
	*a = (ng_affected){.state = NG_STATE_KNOWN, .count = -1, .records = -1};
	count_prefixes(&c, a);
	int v = cmatch_any(&c, vague_words, NG_ARRAY_LEN(vague_words));
	int rc = 0;
	if (v >= 0)
		a->vague = vague_words[v];
	else
		rc = count_number(&c, &a->count, &a->digits);
	if (rc == 0)
		rc = unit_word(&c, ar, &a->unit);
	if (rc == 0 && cmatch_any(&c, tildes, NG_ARRAY_LEN(tildes)) >= 0)
		rc = count_range(&c, ar, a);
	if (rc == 0)
		rc = count_bound(&c, a);
	if (rc == 0)
		rc = count_records(&c, ar, a);
	if (rc == 0 && c.pos < c.len)
		rc = cfail(&c, c.pos, N_("unexpected text after the count"));
	if (rc != 0) {
		*err_at = c.err_at;
		*err = c.err;
	}
	return rc;
}

long ng_affected_deciding(const ng_affected *a)
{
	if (a->state != NG_STATE_KNOWN || a->vague || a->count < 0)
		return -1;
	if (a->upper)
		return a->upper;
	switch (a->bound) {
	case NG_BOUND_UNDER:
		return a->count - 1;
	case NG_BOUND_ABOVE:
		return a->count + 1;
	default:
		return a->count;
	}
}
