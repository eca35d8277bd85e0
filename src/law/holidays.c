/* holidays.c — Japan's national holidays for any year from 1948 (国民の祝日に
 * 関する法律), computed by the law's rules: fixed days, the Happy Monday
 * days (第2・第3月曜日), 春分の日 and 秋分の日, 振替休日 and 国民の休日. The
 * rules are the table below; what no rule gives comes from
 * data/holidays-jp.tsv: the equinox days as announced (官報, the February
 * before each year) and the one-off days of special laws (大喪の礼, 即位の日,
 * the Olympic moves of 2020 and 2021). For a year after the last announced
 * equinox the equinoxes come from the astronomical formula and the year
 * is provisional: deadlines in it are flagged, not silently trusted. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline.h"

#define HOLIDAYS_FILE      "data/holidays-jp.tsv"
#define HOLIDAYS_MAX_BYTES (1u << 20)

/* The law took effect on 1948-07-20; the formula below holds to 2150. */
enum { FIRST_YEAR = 1948, LAST_YEAR = 2150, FOREVER = 9999 };

typedef enum rule_kind { FIXED, NTH_MONDAY, EQUINOX } rule_kind;

/* One rule: in years from..to, the holiday falls on month/day (FIXED),
 * on the day-th Monday of month (NTH_MONDAY), or on the equinox of month
 * (EQUINOX, 3 or 9). */
static const struct rule {
	rule_kind kind;
	int month, day;
	int from, to;
} rules[] = {
    {FIXED, 1, 1, 1949, FOREVER},       /* 元日 */
    {FIXED, 1, 15, 1949, 1999},         /* 成人の日 */
    {NTH_MONDAY, 1, 2, 2000, FOREVER},  /* 成人の日 (ハッピーマンデー) */
    {FIXED, 2, 11, 1967, FOREVER},      /* 建国記念の日 */
    {FIXED, 2, 23, 2020, FOREVER},      /* 天皇誕生日 (今上) */
    {EQUINOX, 3, 0, 1949, FOREVER},     /* 春分の日 */
    {FIXED, 4, 29, 1949, FOREVER},      /* 天皇誕生日 → みどりの日 → 昭和の日 */
    {FIXED, 5, 3, 1949, FOREVER},       /* 憲法記念日 */
    {FIXED, 5, 4, 2007, FOREVER},       /* みどりの日 */
    {FIXED, 5, 5, 1949, FOREVER},       /* こどもの日 */
    {FIXED, 7, 20, 1996, 2002},         /* 海の日 */
    {NTH_MONDAY, 7, 3, 2003, 2019},     /* 海の日 (2020, 2021: the table) */
    {NTH_MONDAY, 7, 3, 2022, FOREVER},  /* 海の日 */
    {FIXED, 8, 11, 2016, 2019},         /* 山の日 (2020, 2021: the table) */
    {FIXED, 8, 11, 2022, FOREVER},      /* 山の日 */
    {FIXED, 9, 15, 1966, 2002},         /* 敬老の日 */
    {NTH_MONDAY, 9, 3, 2003, FOREVER},  /* 敬老の日 */
    {EQUINOX, 9, 0, 1948, FOREVER},     /* 秋分の日 */
    {FIXED, 10, 10, 1966, 1999},        /* 体育の日 */
    {NTH_MONDAY, 10, 2, 2000, 2019},    /* 体育の日 */
    {NTH_MONDAY, 10, 2, 2022, FOREVER}, /* スポーツの日 (2020, 2021: the table) */
    {FIXED, 11, 3, 1948, FOREVER},      /* 文化の日 */
    {FIXED, 11, 23, 1948, FOREVER},     /* 勤労感謝の日 */
    {FIXED, 12, 23, 1989, 2018},        /* 天皇誕生日 (平成) */
};

/* 振替休日 from 1973-04-12 (the next day; from 2007 the next day that is
 * not a holiday); 国民の休日 (a day between two holidays) from 1986. */
static const ng_date substitute_from = {1973, 4, 12};
enum { KOKUMIN_FROM = 1986, SUBSTITUTE_NEXT_FREE_FROM = 2007 };

/* The equinox day by the formula used for Japan's calendar (海上保安庁,
 * 国立天文台): the day of the month for March or September of year y. */
static int equinox_formula(int y, int month)
{
	double base;
	int shift = y <= 1979 ? 1983 : 1980;
	if (y <= 1979)
		base = month == 3 ? 20.8357 : 23.2588;
	else if (y <= 2099)
		base = month == 3 ? 20.8431 : 23.2488;
	else
		base = month == 3 ? 21.8510 : 24.2488;
	/* (y - shift) / 4 truncates toward zero, as the published formula
	 * does for years before 1983. */
	return (int)floor(base + 0.242194 * (y - 1980) - (y - shift) / 4);
}

static int cmp_date(const void *a, const void *b)
{
	return ng_date_cmp(*(const ng_date *)a, *(const ng_date *)b);
}

static bool in_list(const ng_date *v, size_t n, ng_date d)
{
	return bsearch(&d, v, n, sizeof *v, cmp_date) != NULL;
}

/* The announced equinox of the month in year y from the table, or 0. */
static int announced_equinox(const ng_holidays *h, int y, int month)
{
	for (size_t i = 0; h && i < h->nequinox; i++)
		if (h->equinox[i].y == y && h->equinox[i].m == month)
			return h->equinox[i].d;
	return 0;
}

static ng_date rule_day(const ng_holidays *h, const struct rule *r, int y)
{
	ng_date d = {y, r->month, r->day};
	if (r->kind == NTH_MONDAY) {
		int first = ng_weekday((ng_date){y, r->month, 1});
		d.d = 1 + (8 - first) % 7 + 7 * (r->day - 1);
	} else if (r->kind == EQUINOX) {
		d.d = announced_equinox(h, y, r->month);
		if (!d.d)
			d.d = equinox_formula(y, r->month);
	}
	return d;
}

/* Inserts d into the sorted v[0..*n): a year's list is a few dozen days,
 * nearly in order already, where qsort's setup costs more than the sort. */
static void insert_day(ng_date *v, size_t *n, ng_date d)
{
	size_t i = *n;
	for (; i > 0 && ng_date_cmp(v[i - 1], d) > 0; i--)
		v[i] = v[i - 1];
	v[i] = d;
	(*n)++;
}

/* The 国民の祝日 of year y (by rule and the table's one-off days), sorted,
 * into v (cap ≥ 48). */
static size_t base_days(const ng_holidays *h, int y, ng_date *v)
{
	size_t n = 0;
	for (size_t i = 0; i < NG_ARRAY_LEN(rules); i++)
		if (y >= rules[i].from && y <= rules[i].to)
			insert_day(v, &n, rule_day(h, &rules[i], y));
	for (size_t i = 0; h && i < h->n && n < 40; i++)
		if (h->v[i].y == y)
			insert_day(v, &n, h->v[i]);
	return n;
}

static void add_day(ng_date *v, size_t *n, ng_date d)
{
	if (!in_list(v, *n, d) && *n < 64)
		insert_day(v, n, d);
}

/* 国民の休日: a day that is no holiday itself, not a Sunday, with a 祝日
 * the day before and the day after (5/4 until 2006, 2009-09-22, …). */
static void add_kokumin(const ng_date *base, size_t nbase, int y, ng_date *v, size_t *n)
{
	if (y < KOKUMIN_FROM)
		return;
	for (size_t i = 0; i + 1 < nbase; i++) {
		ng_date mid = ng_date_next(base[i]);
		if (ng_date_cmp(ng_date_next(mid), base[i + 1]) == 0 &&
		    !in_list(base, nbase, mid) && ng_weekday(mid) != 0)
			add_day(v, n, mid);
	}
}

/* 振替休日: a 祝日 on a Sunday makes the next day a holiday (from 2007,
 * the next day that is not already one). */
static void add_substitutes(const ng_date *base, size_t nbase, ng_date *v, size_t *n)
{
	for (size_t i = 0; i < nbase; i++) {
		ng_date d = base[i];
		if (ng_weekday(d) != 0 || ng_date_cmp(d, substitute_from) < 0)
			continue;
		ng_date next = ng_date_next(d);
		if (d.y >= SUBSTITUTE_NEXT_FREE_FROM)
			while (in_list(v, *n, next))
				next = ng_date_next(next);
		add_day(v, n, next);
	}
}

size_t ng_holidays_of_year(const ng_holidays *h, int y, ng_date *v)
{
	if (y < FIRST_YEAR || y > LAST_YEAR)
		return 0;
	ng_date base[48];
	size_t nbase = base_days(h, y, base), n = nbase;
	memcpy(v, base, nbase * sizeof *base);
	add_kokumin(base, nbase, y, v, &n);
	add_substitutes(base, nbase, v, &n);
	return n;
}

/* One year's holidays, sorted. */
struct ng_holiday_year {
	size_t n;
	ng_date v[];
};

/* The holidays of year y in first_year..last_year, computed on first
 * use; every later look-up is one binary search. */
static const struct ng_holiday_year *year_of(const ng_holidays *h, int y)
{
	struct ng_holiday_year **slot = &h->years[y - h->first_year];
	if (!*slot) {
		ng_date v[64];
		size_t n = ng_holidays_of_year(h, y, v);
		struct ng_holiday_year *t = ng_alloc(h->arena, sizeof *t + n * sizeof *v);
		t->n = n;
		memcpy(t->v, v, n * sizeof *v);
		*slot = t;
	}
	return *slot;
}

bool ng_holiday(const ng_holidays *h, ng_date d)
{
	if (h && h->years) {
		if (d.y < h->first_year || d.y > h->last_year)
			return false;
		const struct ng_holiday_year *t = year_of(h, d.y);
		return in_list(t->v, t->n, d);
	}
	ng_date v[64];
	size_t n = ng_holidays_of_year(h, d.y, v);
	return in_list(v, n, d);
}

/* ---- the table */

static const char *const equinox_names[] = {"春分の日", "秋分の日"};
static const int equinox_months[] = {3, 9};

/* Reads one line; 1 for a row, 0 for a blank or comment line, -1 when
 * malformed. */
static int parse_line(const char *line, size_t len, ng_date *out, bool *equinox)
{
	if (len == 0 || *line == '#')
		return 0;
	int y, m, d, used = 0;
	char buf[16] = {0};
	if (len < 12 || line[10] != '\t')
		return -1;
	memcpy(buf, line, 10);
	if (sscanf(buf, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10)
		return -1;
	*out = (ng_date){y, m, d};
	*equinox = false;
	for (int i = 0; i < 2; i++) {
		if (len - 11 != strlen(equinox_names[i]) ||
		    memcmp(line + 11, equinox_names[i], len - 11) != 0)
			continue;
		*equinox = true;
		if (m != equinox_months[i])
			return -1;
	}
	return ng_date_valid(*out) && d > 0 && y >= FIRST_YEAR && y <= LAST_YEAR ? 1 : -1;
}

static void add_row(ng_holidays *h, size_t *cap, size_t *ecap, ng_date d, bool equinox, ng_arena *a)
{
	if (equinox) {
		h->equinox = ng_agrow(a, h->equinox, sizeof *h->equinox, ecap, h->nequinox + 1);
		h->equinox[h->nequinox++] = d;
		if (d.m == 3 && d.y > h->announced_last)
			h->announced_last = d.y;
		return;
	}
	h->v = ng_agrow(a, h->v, sizeof *h->v, cap, h->n + 1);
	h->v[h->n++] = d;
}

static int parse_table(const char *file, const char *data, size_t len, ng_holidays *h, ng_arena *a,
                       ng_diags *d)
{
	size_t cap = 0, ecap = 0;
	int lineno = 0;
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(data + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - data) : len, l = end - at;
		if (l && data[end - 1] == '\r')
			l--;
		lineno++;
		ng_date day;
		bool equinox;
		int k = parse_line(data + at, l, &day, &equinox);
		if (k < 0) {
			ng_diag *g = ng_diag_add(d, NG_D_HOLIDAYS_TABLE, (ng_pos){file, lineno, 1},
			                         ng_tr("expected YYYY-MM-DD<TAB>name (1948–2150)"));
			ng_diag_hint(d, g,
			             "春分の日 rows must be in March, 秋分の日 rows in September");
			return -1;
		}
		if (k > 0)
			add_row(h, &cap, &ecap, day, equinox, a);
		at = end + 1;
	}
	if (h->n)
		qsort(h->v, h->n, sizeof *h->v, cmp_date);
	return 0;
}

int ng_holidays_load(const char *path, ng_holidays *h, ng_arena *a, ng_diags *d)
{
	*h = (ng_holidays){0};
	char *data = NULL;
	size_t len = 0;
	int err = ng_read_file(path, HOLIDAYS_MAX_BYTES, &data, &len);
	const char *file = ng_diag_intern(d, path);
	if (err) {
		ng_diag_add(d, NG_D_HOLIDAYS_TABLE, (ng_pos){file, 0, 0}, ng_strerror(err));
		return -1;
	}
	int rc = parse_table(file, data, len, h, a, d);
	free(data);
	h->first_year = FIRST_YEAR;
	h->last_year = LAST_YEAR;
	if (rc == 0) {
		h->years = ng_alloc(a, (size_t)(LAST_YEAR - FIRST_YEAR + 1) * sizeof *h->years);
		h->arena = a;
	}
	return rc;
}

int ng_holidays_load_default(ng_holidays *h, ng_arena *a, ng_diags *d)
{
	char *path = ng_aprintf(a, "%s/%s", ng_home_dir(), HOLIDAYS_FILE);
	return ng_holidays_load(path, h, a, d);
}

bool ng_holidays_covers(const ng_holidays *h, int year)
{
	return h && year >= h->first_year && year <= h->last_year;
}

bool ng_holidays_provisional(const ng_holidays *h, int year)
{
	return !h || year > h->announced_last;
}
