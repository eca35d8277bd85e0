/* count.c — a count as notices write it (本人の数 and the like): 1,234名,
 * 約12万事業所, 最大12,345件, 1,000名以上, 300名分（312件）,
 * 12,345件（うち、クレジットカード情報6,789件）, …（令和6年5月2日時点）.
 * The number stays a number in the record (規則第7条第4号 reads it); this
 * is only its wording. */
#include "record.h"

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

void ng_count_number(long n, ng_digits digits, bool approx, ng_buf *out)
{
	switch (digits) {
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

int ng_affected_text(ng_era *e, const ng_affected *a, ng_buf *out)
{
	size_t mark = out->len;
	const char *unit = unit_or(&a->unit, "名");
	if (a->max)
		ng_buf_adds(out, "最大");
	if (a->approx)
		ng_buf_adds(out, "約");
	ng_count_number(a->count, a->digits, a->approx, out);
	ng_buf_adds(out, unit);
	if (a->over)
		ng_buf_adds(out, "以上");
	if (a->records >= 0) {
		ng_buf_adds(out, "分（");
		ng_count_number(a->records, a->digits, a->approx, out);
		ng_buf_printf(out, "%s）", unit_or(&a->records_unit, "件"));
	}
	put_breakdown(a, unit, out);
	if (put_as_of(e, a, out) != 0) {
		out->len = mark;
		if (out->data)
			out->data[mark] = '\0';
		return -1;
	}
	return 0;
}
