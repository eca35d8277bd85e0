/* era.c — the formatter: how a date, a point in time and a range read in a
 * letter (令和5年6月5日（月）未明, 2023年（令和5年）6月5日, 6/5（月）9時頃,
 * 令和5年6月中旬～現在, 令和元年度, 1月7日20:15～8日1:40) under the letter's
 * conventions and a reference's options. Era names and first days come
 * from the table (eras.c); ICU gives the weekday names and is asked, for
 * every date, whether it knows a later era than the table (then the date
 * is refused rather than written in the old era). The wording (brackets,
 * 時 and 分, 頃, what the end of a range leaves out) is decided here. A call
 * that fails leaves its output buffer as it was. */
#include "era.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../icu/icu.h"
#include "era_int.h"

/* Japan counts Gregorian dates from 1873-01-01 (明治6年); earlier dates
 * cannot be written in its calendar. */
#define MIN_YEAR 1873

/* Date texts parsed before, by a hash of their bytes (direct-mapped);
 * only texts that parsed, and only short ones. */
#define PARSE_MEMO     32
#define PARSE_MEMO_LEN 48
typedef struct parsed {
	size_t len; /* 0: empty */
	char text[PARSE_MEMO_LEN];
	ng_when w;
} parsed;

struct ng_era {
	ng_jcal *cal;
	ng_era_table table;
	ng_datefmt fmt;
	char err[512];
	parsed memo[PARSE_MEMO];
};

/* *line: the table's bad line, 0 when the file or ICU failed. */
static ng_era *era_open(const char *path, char *err, size_t cap, int *line)
{
	*line = 0;
	ng_era *e = ng_xcalloc(1, sizeof *e);
	ng_icu_err ie = {"", ""};
	e->cal = ng_jcal_new(&ie);
	if (!e->cal) {
		if (err && cap)
			snprintf(err, cap, "%s: %s", ie.func, ie.name);
		free(e);
		return NULL;
	}
	int rc = ng_era_table_load(path, e->cal, &e->table, err, cap);
	if (rc != 0) {
		*line = rc > 0 ? rc : 0;
		ng_era_free(e);
		return NULL;
	}
	return e;
}

ng_era *ng_era_new_from(const char *path, char *err, size_t cap)
{
	int line;
	return era_open(path, err, cap, &line);
}

static void default_path(char *path, size_t cap)
{
	snprintf(path, cap, "%s/%s", ng_home_dir(), NG_ERAS_FILE);
}

ng_era *ng_era_new(char *err, size_t cap)
{
	char path[4096];
	int line;
	default_path(path, sizeof path);
	return era_open(path, err, cap, &line);
}

ng_era *ng_era_open(ng_diags *d)
{
	char path[4096], err[512];
	int line;
	default_path(path, sizeof path);
	ng_era *e = era_open(path, err, sizeof err, &line);
	if (e)
		return e;
	/* The message repeats the path and line for a reader of the text
	 * alone; the position is what tools read. */
	ng_pos pos = {line ? ng_diag_intern(d, path) : NULL, line, line ? 1 : 0};
	ng_diag *g = ng_diag_add(d, NG_D_ERA, pos, err);
	ng_diag_hint(d, g,
	             "data/eras.tsv lists each era as NAME<TAB>YYYY-MM-DD (its first day), "
	             "oldest first");
	return NULL;
}

int ng_era_parse(ng_era *e, const char *s, size_t len, ng_when *out, size_t *err_at,
                 const char **err)
{
	if (len == 0 || len > PARSE_MEMO_LEN)
		return ng_when_parse(s, len, out, err_at, err);
	unsigned h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	parsed *m = &e->memo[h % PARSE_MEMO];
	if (m->len == len && memcmp(m->text, s, len) == 0) {
		*out = m->w;
		return 0;
	}
	if (ng_when_parse(s, len, out, err_at, err) != 0)
		return -1;
	m->len = len;
	memcpy(m->text, s, len);
	m->w = *out;
	return 0;
}

void ng_era_free(ng_era *e)
{
	if (!e)
		return;
	ng_jcal_free(e->cal);
	ng_era_table_free(&e->table);
	free(e);
}

void ng_era_set_letter(ng_era *e, const ng_datefmt *f)
{
	e->fmt = *f;
}

const ng_datefmt *ng_era_letter(const ng_era *e)
{
	return &e->fmt;
}

const char *ng_era_error(const ng_era *e)
{
	return e->err[0] ? e->err : ng_tr("the date cannot be written");
}

static int era_fail(ng_era *e, const char *msg)
{
	snprintf(e->err, sizeof e->err, "%s", ng_tr(msg));
	return -1;
}

int ng_era_of(ng_era *e, ng_date d, const char **name, int *year)
{
	if (d.y < MIN_YEAR)
		return era_fail(
		    e, N_("dates before 1873-01-01 cannot be written in Japan's calendar"));
	int idx;
	if (ng_era_table_find(&e->table, e->cal, d, &idx, e->err, sizeof e->err) != 0)
		return -1;
	*name = e->table.rows[idx].name;
	*year = d.y - e->table.rows[idx].first.y + 1;
	return 0;
}

/* ---- the options in force */

typedef struct fmt {
	ng_calendar cal;
	bool seireki_first;
	int weekday; /* -1: by the letter's mode and the context */
	ng_timestyle time;
	bool year, full_end, next_day;
	ng_show show;
	bool event;
	ng_wdmode mode;
} fmt;

static fmt resolve(const ng_era *e, const ng_dateopts *o)
{
	const ng_datefmt *l = &e->fmt;
	return (fmt){
	    .cal = o->calendar >= 0 ? (ng_calendar)o->calendar : l->calendar,
	    .seireki_first = o->seireki_first >= 0 ? o->seireki_first == 1 : l->seireki_first,
	    .weekday = o->weekday,
	    .time = o->time >= 0 ? (ng_timestyle)o->time : l->time,
	    .year = o->year == 1,
	    .full_end = o->full_end == 1,
	    .next_day = o->next_day == 1,
	    .show = o->show,
	    .event = o->event,
	    .mode = l->weekday,
	};
}

/* Whether a day carries its weekday: the reference says, else the
 * letter's mode, else the rule — an event's day does, an as-of day
 * (時点, 現在) does not. */
static bool weekday_on(const fmt *f, const ng_point *p)
{
	if (!p->date.d)
		return false;
	if (f->weekday >= 0)
		return f->weekday == 1;
	if (f->mode != NG_WD_AUTO)
		return f->mode == NG_WD_ALWAYS;
	return f->event && p->asof == NG_ASOF_NONE;
}

/* ---- years */

/* The era of a 年度: the one in force on the letter's date when that lies
 * in or after the year (平成31年度 becomes 令和元年度 once 令和 has begun),
 * else on its first day; an era that began after the year's start (which
 * would number it 0) gives way to the one before (昭和63年度 stays). */
static int fiscal_era(ng_era *e, const ng_point *p, const char **name, int *year)
{
	ng_date first = ng_point_first(p), last = ng_point_last(p), at = first;
	ng_date l = e->fmt.letter;
	if (l.y && ng_date_cmp(l, first) > 0)
		at = ng_date_cmp(l, last) < 0 ? l : last;
	if (ng_era_of(e, at, name, year) != 0)
		return -1;
	*year = p->date.y - (at.y - *year);
	if (*year < 1)
		return ng_era_of(e, first, name, year);
	return 0;
}

/* The era and year a point is written in: a day's own, else its first
 * day's (1989-01 中旬 is 平成元年, 2019-05 令和元年). */
static int point_era(ng_era *e, const ng_point *p, const char **name, int *year)
{
	if (p->fiscal)
		return fiscal_era(e, p, name, year);
	return ng_era_of(e, ng_point_first(p), name, year);
}

static void put_wareki(const char *name, int year, const char *suffix, ng_buf *out)
{
	ng_buf_adds(out, name);
	if (year == 1) {
		ng_buf_printf(out, "元%s", suffix);
	} else {
		ng_buf_int(out, year);
		ng_buf_adds(out, suffix);
	}
}

/* 令和5年, 2023年, 令和5年（2023年） or 2023年（令和5年）; 年度 for a fiscal
 * year. */
static int put_year(ng_era *e, const fmt *f, const ng_point *p, ng_buf *out)
{
	/* a year's or 年度's edge goes with each of its forms: 2023年度末（令和5年度末） */
	char suffix[32];
	snprintf(suffix, sizeof suffix, "%s%s", p->fiscal ? "年度" : "年",
	         p->date.m ? "" : ng_edge_names[p->edge]);
	const char *name;
	int year;
	if (f->cal != NG_CAL_SEIREKI && point_era(e, p, &name, &year) != 0)
		return -1;
	switch (f->cal) {
	case NG_CAL_WAREKI:
		put_wareki(name, year, suffix, out);
		break;
	case NG_CAL_SEIREKI:
		ng_buf_int(out, p->date.y);
		ng_buf_adds(out, suffix);
		break;
	case NG_CAL_BOTH:
		if (f->seireki_first) {
			ng_buf_printf(out, "%d%s（", p->date.y, suffix);
			put_wareki(name, year, suffix, out);
			ng_buf_adds(out, "）");
		} else {
			put_wareki(name, year, suffix, out);
			ng_buf_printf(out, "（%d%s）", p->date.y, suffix);
		}
		break;
	}
	return 0;
}

int ng_era_year(ng_era *e, ng_date d, ng_buf *out)
{
	ng_dateopts o = NG_DATEOPTS_EVENT;
	fmt f = resolve(e, &o);
	ng_point p = {.date = d, .hour = -1, .minute = -1};
	size_t len = out->len;
	if (put_year(e, &f, &p, out) != 0) {
		out->len = len;
		if (out->data)
			out->data[len] = '\0';
		return -1;
	}
	return 0;
}

/* Whether a and b are written with the same year: the same era year in
 * 和暦, the same Gregorian year in 西暦, both in both. */
static int same_year(ng_era *e, const fmt *f, const ng_point *a, const ng_point *b, bool *same)
{
	*same = a->date.y == b->date.y && a->fiscal == b->fiscal;
	if (!*same || f->cal == NG_CAL_SEIREKI)
		return 0;
	const char *na, *nb;
	int ya, yb;
	if (point_era(e, a, &na, &ya) != 0 || point_era(e, b, &nb, &yb) != 0)
		return -1;
	*same = na == nb && ya == yb;
	return 0;
}

/* ---- one point */

/* Short styles drop the year only within the letter's own (Gregorian)
 * year, or when there is no letter: 6月5日（月） in a letter of the same
 * year, the year in full otherwise. Readers take 4月30日 in a letter of
 * 令和元年 as that calendar year, so an era change inside the year does
 * not force the year. A year or 年度 has no short form. */
/* In 西暦 a numeric date carries its year as notices write it (2024/4/1),
 * so SHORT stays numeric where it needs the year; in 和暦 there is no such
 * form (no R6/4/1), and the date is written in full. */
static bool slash_year(const fmt *f, const ng_point *p)
{
	return f->cal == NG_CAL_SEIREKI && p->date.d;
}

static bool needs_year(const ng_era *e, const fmt *f, const ng_point *p)
{
	return f->year || (e->fmt.letter.y && e->fmt.letter.y != p->date.y);
}

static int effective_style(ng_era *e, const fmt *f, const ng_point *p, ng_datestyle style,
                           ng_datestyle *out)
{
	*out = style;
	if (style != NG_DATE_MD && style != NG_DATE_SHORT)
		return 0;
	if (style == NG_DATE_SHORT && slash_year(f, p))
		return 0;
	if (p->date.m == 0 || needs_year(e, f, p))
		*out = NG_DATE_LONG;
	return 0;
}

static void put_month_day(const ng_point *p, bool slash, ng_buf *out)
{
	if (p->date.m == 0)
		return;
	if (p->date.d && slash) {
		ng_buf_int(out, p->date.m);
		ng_buf_addc(out, '/');
		ng_buf_int(out, p->date.d);
	} else if (p->date.d) {
		ng_buf_int(out, p->date.m);
		ng_buf_adds(out, "月");
		ng_buf_int(out, p->date.d);
		ng_buf_adds(out, "日");
	} else {
		ng_buf_printf(out, "%d月%s%s", p->date.m, ng_dekad_names[p->dekad],
		              ng_edge_names[p->edge]);
	}
}

/* The weekday, always computed: one kanji in full-width brackets, with
 * ・祝 on a national holiday (JAPANESE.md §4: 「（月・祝）」). */
static int put_weekday(ng_era *e, ng_date d, ng_buf *out)
{
	ng_buf_adds(out, "（");
	ng_icu_err ie = {"", ""};
	if (ng_jcal_format(e->cal, d.y, d.m, d.d, NG_JCAL_WEEKDAY, out, &ie) != 0) {
		snprintf(e->err, sizeof e->err, "ICU: %s: %s", ie.func, ie.name);
		return -1;
	}
	if (e->fmt.holiday && e->fmt.holiday(e->fmt.holiday_ctx, d))
		ng_buf_adds(out, "・祝");
	ng_buf_adds(out, "）");
	return 0;
}

/* The calendar part and weekday; dayonly: a range's end in the start's
 * month (５日（火）). */
static int put_date(ng_era *e, const fmt *f, const ng_point *p, ng_datestyle style, bool dayonly,
                    ng_buf *out)
{
	if (style == NG_DATE_TIME)
		return 0;
	if (dayonly) {
		ng_buf_int(out, p->date.d);
		ng_buf_adds(out, "日");
	} else {
		if (style == NG_DATE_LONG && put_year(e, f, p, out) != 0)
			return -1;
		/* A month without a day has no short form: 6月中旬, not 6/中旬. */
		if (style == NG_DATE_SHORT && slash_year(f, p) && needs_year(e, f, p))
			ng_buf_printf(out, "%d/", p->date.y);
		put_month_day(p, style == NG_DATE_SHORT, out);
	}
	return weekday_on(f, p) ? put_weekday(e, p->date, out) : 0;
}

static void put_hour(const fmt *f, const ng_point *p, ng_buf *out)
{
	int h = p->hour, m = p->minute;
	/* 正午 as written, but 12:00 in the colon style; 24時 (a range's end at
	 * midnight) is 午後12時 on the 12-hour clock, as 明治5年's reckoning
	 * counts the afternoon 午後0時 to 午後12時. */
	if (p->noon && f->time != NG_TIME_COLON) {
		ng_buf_adds(out, "正午");
		return;
	}
	if (h == 24 && f->time == NG_TIME_AMPM) {
		ng_buf_adds(out, p->part == NG_PART_GOGO ? "12時" : "午後12時");
		return;
	}
	switch (f->time) {
	case NG_TIME_COLON:
		ng_buf_printf(out, "%d:%02d", h, m);
		return;
	case NG_TIME_AMPM:
		/* 正午 is 午後0時 and midnight 午前0時 (a 12-hour clock from 0). A
		 * part of day already written (午前, 午後) is not repeated. */
		if (p->part != NG_PART_GOZEN && p->part != NG_PART_GOGO)
			ng_buf_adds(out, h < 12 ? "午前" : "午後");
		h %= 12;
		break;
	case NG_TIME_KANJI:
		break;
	}
	ng_buf_printf(out, "%d時", h);
	if (m > 0)
		ng_buf_printf(out, "%d分", m);
}

static const char *const approx_names[] = {"", "頃", "ころ"};
static const char *const asof_names[] = {"", "時点", "現在"};

/* Part of day, then the clock, then 頃: 未明, 9時頃, 13時50分, 0時. 頃 needs
 * something before it, so in TIME style a bare 頃 is left out. */
static void put_clock(const fmt *f, const ng_point *p, ng_datestyle style, ng_buf *out)
{
	if (p->date.d) {
		ng_buf_adds(out, ng_part_names[p->part]);
		if (p->hour >= 0)
			put_hour(f, p, out);
	}
	bool something = style != NG_DATE_TIME || p->hour >= 0 || p->part != NG_PART_NONE;
	if (p->approx && something)
		ng_buf_adds(out, approx_names[p->approx]);
	if (p->asof && something)
		ng_buf_adds(out, asof_names[p->asof]);
}

static bool has_clock(const ng_point *p)
{
	return p->date.d && (p->hour >= 0 || p->part != NG_PART_NONE);
}

static int put_point(ng_era *e, const fmt *f, const ng_point *p, ng_datestyle style, bool dayonly,
                     ng_buf *out)
{
	if (put_date(e, f, p, style, dayonly, out) != 0)
		return -1;
	put_clock(f, p, style, out);
	return 0;
}

/* ---- ranges */

/* How the end of a range is written: only its time when it falls on the
 * start's day (6月5日（月）9時～13時); without the year when both ends
 * share it (令和5年6月5日（月）～6月8日（木）), and without the month too in
 * the same month (2021年3月4日～5日; not in SHORT, 6/5～6/6); with its own
 * era in full across an era change (平成31年4月30日（火）～令和元年5月1日（水））. */
typedef struct end_form {
	ng_datestyle style;
	bool dayonly;
	bool next; /* 翌 and the time: an end on the next day (option next) */
} end_form;

static int end_form_of(ng_era *e, const fmt *f, const ng_when *w, ng_datestyle style, end_form *ef)
{
	const ng_point *a = &w->start, *b = &w->end;
	*ef = (end_form){style, false, false};
	if (a->date.d && ng_date_cmp(a->date, b->date) == 0 && has_clock(b)) {
		ef->style = NG_DATE_TIME;
		return 0;
	}
	/* 20時15分～翌1時40分: across midnight, when the reference asks. */
	if (f->next_day && a->date.d && has_clock(b) &&
	    ng_date_cmp(ng_date_next(a->date), b->date) == 0) {
		*ef = (end_form){NG_DATE_TIME, false, true};
		return 0;
	}
	if (style == NG_DATE_TIME || b->date.m == 0)
		return 0;
	bool same = a->date.y == b->date.y;
	if (style == NG_DATE_LONG && same_year(e, f, a, b, &same) != 0)
		return -1;
	if (style == NG_DATE_LONG && same)
		ef->style = NG_DATE_MD;
	ef->dayonly = same && ef->style == NG_DATE_MD && a->date.m == b->date.m && a->date.d &&
	              b->date.d && !f->full_end;
	return 0;
}

static int put_end(ng_era *e, const fmt *f, const ng_when *w, ng_datestyle style, ng_buf *out)
{
	/* JLReq: ～ is set solid, no space on either side; two days (also)
	 * are joined by ・. */
	ng_buf_adds(out, w->also ? "・" : "～");
	if (w->end_kind == NG_END_NOW) {
		ng_buf_adds(out, "現在");
		return 0;
	}
	if (w->end_kind == NG_END_OPEN)
		return 0;
	end_form ef;
	if (end_form_of(e, f, w, style, &ef) != 0)
		return -1;
	if (ef.next)
		ng_buf_adds(out, "翌");
	return put_point(e, f, &w->end, ef.style, ef.dayonly, out);
}

/* A range across a year boundary keeps both years: short styles become
 * LONG for both ends. */
static int range_style(ng_era *e, const fmt *f, const ng_when *w, ng_datestyle *style)
{
	if (effective_style(e, f, &w->start, *style, style) != 0)
		return -1;
	if (w->end_kind != NG_END_POINT || (*style != NG_DATE_MD && *style != NG_DATE_SHORT))
		return 0;
	ng_datestyle es;
	if (effective_style(e, f, &w->end, *style, &es) != 0)
		return -1;
	if (*style == NG_DATE_SHORT && slash_year(f, &w->start) && slash_year(f, &w->end))
		return 0; /* 2024/12/28（土）～2025/1/5（日）: put_when keeps both years */
	if (w->start.date.y != w->end.date.y || es == NG_DATE_LONG)
		*style = NG_DATE_LONG;
	return 0;
}

/* ---- what a reference shows: all, the day, or the clock */

static bool one_day(const ng_when *w)
{
	if (!w->start.date.d)
		return false;
	return w->end_kind == NG_END_NONE ||
	       (w->end_kind == NG_END_POINT && ng_date_cmp(w->start.date, w->end.date) == 0);
}

static int put_when(ng_era *e, const fmt *f, const ng_when *w, ng_datestyle style, ng_buf *out)
{
	if (f->show != NG_SHOW_ALL && one_day(w)) {
		if (f->show == NG_SHOW_CLOCK) {
			style = NG_DATE_TIME;
		} else {
			ng_point day = {.date = w->start.date, .hour = -1, .minute = -1};
			if (effective_style(e, f, &day, style, &style) != 0)
				return -1;
			return put_date(e, f, &day, style, false, out);
		}
	} else if (f->show == NG_SHOW_CLOCK) {
		return 0; /* a longer span has its dates in the day column */
	}
	if (range_style(e, f, w, &style) != 0)
		return -1;
	/* a numeric range across a year keeps both years, as the long one does */
	fmt g = *f;
	if (style == NG_DATE_SHORT && w->end_kind == NG_END_POINT && w->end.date.m &&
	    w->start.date.y != w->end.date.y)
		g.year = true;
	if (put_point(e, &g, &w->start, style, false, out) != 0)
		return -1;
	return w->end_kind == NG_END_NONE ? 0 : put_end(e, &g, w, style, out);
}

static bool writable(ng_date d)
{
	return ng_date_valid(d) && d.y >= MIN_YEAR;
}

int ng_era_format(ng_era *e, const ng_when *w, ng_datestyle style, const ng_dateopts *o,
                  ng_buf *out)
{
	e->err[0] = '\0';
	if (!writable(w->start.date) || (w->end_kind == NG_END_POINT && !writable(w->end.date)))
		return era_fail(e, N_("the date does not exist or is before 1873-01-01"));
	fmt f = resolve(e, o);
	size_t mark = out->len;
	if (put_when(e, &f, w, style, out) != 0) {
		out->len = mark;
		if (out->data)
			out->data[mark] = '\0';
		return -1;
	}
	return 0;
}

int ng_era_date(ng_era *e, ng_date d, ng_datestyle style, bool weekday, ng_buf *out)
{
	ng_when w = {.start = {.date = d, .hour = -1, .minute = -1}};
	ng_dateopts o = NG_DATEOPTS_EVENT;
	o.weekday = weekday;
	return ng_era_format(e, &w, style, &o, out);
}

int ng_era_point(ng_era *e, const ng_point *p, ng_datestyle style, ng_buf *out)
{
	ng_when w = {.start = *p};
	ng_dateopts o = NG_DATEOPTS_EVENT;
	return ng_era_format(e, &w, style, &o, out);
}

int ng_era_when(ng_era *e, const ng_when *w, ng_datestyle style, ng_buf *out)
{
	ng_dateopts o = NG_DATEOPTS_EVENT;
	return ng_era_format(e, w, style, &o, out);
}
