/* era.c — the formatter: how a date, a point in time and a range read in a
 * letter (令和5年6月5日（月）未明, 6/5（月）9時頃, 令和5年6月中旬～現在). The
 * Japanese calendar (era, 元年, weekday) comes from src/icu; the wording
 * (brackets, 時 and 分, 頃, what the end of a range leaves out) is decided
 * here. A call that fails leaves its output buffer as it was. */
#include "era.h"

#include <stdio.h>
#include <stdlib.h>

#include "../icu/icu.h"

/* Japan counts Gregorian dates from 1873-01-01 (明治6年); earlier dates
 * cannot be written in its calendar. */
#define MIN_YEAR 1873

struct ng_era {
	ng_jcal *cal;
};

ng_era *ng_era_new(char *err, size_t cap)
{
	ng_icu_err ie = {"", ""};
	ng_jcal *cal = ng_jcal_new(&ie);
	if (!cal) {
		if (err && cap)
			snprintf(err, cap, "%s: %s", ie.func, ie.name);
		return NULL;
	}
	ng_era *e = ng_xmalloc(sizeof *e);
	e->cal = cal;
	return e;
}

void ng_era_free(ng_era *e)
{
	if (!e)
		return;
	ng_jcal_free(e->cal);
	free(e);
}

static void truncate_to(ng_buf *b, size_t len)
{
	b->len = len;
	if (b->data)
		b->data[len] = '\0';
}

static bool writable(ng_date d)
{
	return ng_date_valid(d) && d.y >= MIN_YEAR;
}

/* The day whose era and year stand for a point: the first day of its dekad
 * (1989-01 中旬 is 平成元年) or of its month when it has no day. */
static int first_day(const ng_point *p)
{
	if (p->date.d)
		return p->date.d;
	return p->dekad ? (int)p->dekad * 10 - 9 : 1;
}

static int put_era_year(ng_era *e, const ng_point *p, ng_buf *out)
{
	return ng_jcal_format(e->cal, p->date.y, p->date.m, first_day(p), NG_JCAL_ERA_YEAR, out,
	                      NULL);
}

/* The calendar part of a date in each style, without the weekday. */
static int put_day(ng_era *e, const ng_point *p, ng_datestyle style, ng_buf *out)
{
	ng_date d = p->date;
	switch (style) {
	case NG_DATE_LONG:
		if (d.d)
			return ng_jcal_format(e->cal, d.y, d.m, d.d, NG_JCAL_DATE, out, NULL);
		if (put_era_year(e, p, out) != 0)
			return -1;
		ng_buf_printf(out, "%d月", d.m);
		return 0;
	case NG_DATE_MD:
		if (d.d)
			ng_buf_printf(out, "%d月%d日", d.m, d.d);
		else
			ng_buf_printf(out, "%d月", d.m);
		return 0;
	case NG_DATE_SHORT:
		/* A month without a day has no short form: 6月中旬, not 6/中旬. */
		if (d.d)
			ng_buf_printf(out, "%d/%d", d.m, d.d);
		else
			ng_buf_printf(out, "%d月", d.m);
		return 0;
	case NG_DATE_TIME:
		return 0;
	}
	return -1;
}

/* The weekday, always computed: one kanji in full-width brackets. */
static int put_weekday(ng_era *e, ng_date d, ng_buf *out)
{
	ng_buf_adds(out, "（");
	if (ng_jcal_format(e->cal, d.y, d.m, d.d, NG_JCAL_WEEKDAY, out, NULL) != 0)
		return -1;
	ng_buf_adds(out, "）");
	return 0;
}

static int put_date(ng_era *e, const ng_point *p, ng_datestyle style, bool weekday, ng_buf *out)
{
	if (put_day(e, p, style, out) != 0)
		return -1;
	if (style == NG_DATE_TIME)
		return 0;
	if (!p->date.d) {
		ng_buf_adds(out, ng_dekad_names[p->dekad]);
		return 0;
	}
	return weekday ? put_weekday(e, p->date, out) : 0;
}

/* Part of day, then the clock, then 頃: 未明, 9時頃, 13時50分, 0時. The clock
 * is a 24-hour one and a full hour drops its minutes. 頃 needs something
 * before it, so in TIME style a bare 頃 is left out. */
static void put_clock(const ng_point *p, ng_datestyle style, ng_buf *out)
{
	ng_buf_adds(out, ng_part_names[p->part]);
	if (p->hour >= 0) {
		ng_buf_printf(out, "%d時", p->hour);
		if (p->minute > 0)
			ng_buf_printf(out, "%d分", p->minute);
	}
	if (p->approx && (style != NG_DATE_TIME || p->hour >= 0 || p->part != NG_PART_NONE))
		ng_buf_adds(out, "頃");
}

static int put_point(ng_era *e, const ng_point *p, ng_datestyle style, ng_buf *out)
{
	if (put_date(e, p, style, true, out) != 0)
		return -1;
	if (p->date.d)
		put_clock(p, style, out);
	return 0;
}

int ng_era_date(ng_era *e, ng_date d, ng_datestyle style, bool weekday, ng_buf *out)
{
	if (!writable(d))
		return -1;
	size_t mark = out->len;
	ng_point p = {.date = d, .hour = -1, .minute = -1};
	if (put_date(e, &p, style, weekday, out) != 0) {
		truncate_to(out, mark);
		return -1;
	}
	return 0;
}

int ng_era_point(ng_era *e, const ng_point *p, ng_datestyle style, ng_buf *out)
{
	if (!writable(p->date))
		return -1;
	size_t mark = out->len;
	if (put_point(e, p, style, out) != 0) {
		truncate_to(out, mark);
		return -1;
	}
	return 0;
}

/* Whether a and b fall in the same year of the same era. */
static int same_era_year(ng_era *e, const ng_point *a, const ng_point *b, bool *same)
{
	int ea, ya, eb, yb;
	if (ng_jcal_era(e->cal, a->date.y, a->date.m, first_day(a), &ea, &ya, NULL) != 0 ||
	    ng_jcal_era(e->cal, b->date.y, b->date.m, first_day(b), &eb, &yb, NULL) != 0)
		return -1;
	*same = ea == eb && ya == yb;
	return 0;
}

/* How the end of a range is written: only its time when it falls on the
 * start's day (6月5日（月）9時～13時); in LONG style without the era year
 * when both ends share it (令和5年6月5日（月）～6月6日（火）), but with its
 * own era in full across an era change (平成31年4月30日（火）～令和元年5月1日（水）).
 * MD and SHORT carry no year to drop. */
static int end_style(ng_era *e, const ng_when *w, ng_datestyle style, ng_datestyle *es)
{
	const ng_point *a = &w->start, *b = &w->end;
	*es = style;
	if (a->date.d && ng_date_cmp(a->date, b->date) == 0 &&
	    (b->hour >= 0 || b->part != NG_PART_NONE)) {
		*es = NG_DATE_TIME;
		return 0;
	}
	if (style != NG_DATE_LONG)
		return 0;
	bool same;
	if (same_era_year(e, a, b, &same) != 0)
		return -1;
	if (same)
		*es = NG_DATE_MD;
	return 0;
}

static int put_end(ng_era *e, const ng_when *w, ng_datestyle style, ng_buf *out)
{
	ng_buf_adds(out, "～");
	if (w->end_kind == NG_END_NOW) {
		ng_buf_adds(out, "現在");
		return 0;
	}
	ng_datestyle es;
	if (end_style(e, w, style, &es) != 0)
		return -1;
	return put_point(e, &w->end, es, out);
}

int ng_era_when(ng_era *e, const ng_when *w, ng_datestyle style, ng_buf *out)
{
	if (!writable(w->start.date) || (w->end_kind == NG_END_POINT && !writable(w->end.date)))
		return -1;
	size_t mark = out->len;
	int rc = put_point(e, &w->start, style, out);
	if (rc == 0 && w->end_kind != NG_END_NONE)
		rc = put_end(e, w, style, out);
	if (rc != 0)
		truncate_to(out, mark);
	return rc;
}
