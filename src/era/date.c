/* date.c — calendar facts that need no ICU: the wording tables for parts of
 * day and dekads, proleptic Gregorian validity, weekday and order, and the
 * days a vague point (a year, 年度, a month, a dekad) spans. */
#include "era.h"

const char *const ng_part_names[NG_PART__COUNT] = {
    [NG_PART_NONE] = "",         [NG_PART_MIMEI] = "未明",   [NG_PART_SOUCHOU] = "早朝",
    [NG_PART_MYOUCHOU] = "明朝", [NG_PART_GOZEN] = "午前",   [NG_PART_HIRU] = "昼",
    [NG_PART_GOGO] = "午後",     [NG_PART_YUUGATA] = "夕方", [NG_PART_YORU] = "夜",
    [NG_PART_SHINYA] = "深夜",
};

const char *const ng_dekad_names[4] = {
    [NG_DEKAD_NONE] = "",
    [NG_DEKAD_JOUJUN] = "上旬",
    [NG_DEKAD_CHUUJUN] = "中旬",
    [NG_DEKAD_GEJUN] = "下旬",
};

const char *const ng_edge_names[3] = {
    [NG_EDGE_NONE] = "",
    [NG_EDGE_START] = "初め",
    [NG_EDGE_END] = "末",
};

const char *const ng_weekday_names[7] = {"日", "月", "火", "水", "木", "金", "土"};

/* The eras a date may be typed in (data/eras.tsv's rows, with the Latin
 * initial of forms such as R6.5.2). */
const ng_era_input ng_era_inputs[] = {
    {"明治", 'M', {1868, 1, 25}}, {"大正", 'T', {1912, 7, 30}}, {"昭和", 'S', {1926, 12, 25}},
    {"平成", 'H', {1989, 1, 8}},  {"令和", 'R', {2019, 5, 1}},
};
const size_t ng_era_inputs_n = sizeof ng_era_inputs / sizeof ng_era_inputs[0];

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return days[m - 1] + (m == 2 && is_leap(y));
}

/* Years 1–9999; d == 0 (the month as a whole) and m == d == 0 (the year)
 * are valid. */
bool ng_date_valid(ng_date d)
{
	if (d.m == 0 && d.d == 0)
		return d.y >= 1 && d.y <= 9999;
	if (d.y < 1 || d.y > 9999 || d.m < 1 || d.m > 12)
		return false;
	return d.d >= 0 && d.d <= month_days(d.y, d.m);
}

/* Sakamoto's method: January and February count as months 13 and 14 of the
 * year before, so the leap day falls at the end of the counted year. Returns
 * -1 for a date without a day (d == 0). */
int ng_weekday(ng_date d)
{
	static const unsigned char month_offset[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	if (d.d == 0)
		return -1;
	int y = d.y - (d.m < 3);
	return (y + y / 4 - y / 100 + y / 400 + month_offset[d.m - 1] + d.d) % 7;
}

static int cmp_int(int a, int b)
{
	return (a > b) - (a < b);
}

int ng_date_cmp(ng_date a, ng_date b)
{
	if (a.y != b.y)
		return cmp_int(a.y, b.y);
	if (a.m != b.m)
		return cmp_int(a.m, b.m);
	return cmp_int(a.d, b.d);
}

/* 年度 runs from April 1 to March 31 of the next year (会計年度, 学校年度). */
enum { FISCAL_FIRST_MONTH = 4 };

/* The month an edge of a year or 年度 means: 年初め January, 年末
 * December, 年度初め April, 年度末 March; 0 for no edge. */
static int edge_month(const ng_point *p, ng_date *in)
{
	if (p->date.m || !p->edge)
		return 0;
	bool end = p->edge == NG_EDGE_END;
	if (p->fiscal)
		*in = end ? (ng_date){p->date.y + 1, FISCAL_FIRST_MONTH - 1, 0}
		          : (ng_date){p->date.y, FISCAL_FIRST_MONTH, 0};
	else
		*in = (ng_date){p->date.y, end ? 12 : 1, 0};
	return 1;
}

/* A month's 初め spans its 上旬 and its 末 its 下旬 (for ordering only: the
 * words are vaguer than a dekad, never narrower). */
static ng_dekad dekad_of(const ng_point *p)
{
	if (p->edge)
		return p->edge == NG_EDGE_START ? NG_DEKAD_JOUJUN : NG_DEKAD_GEJUN;
	return p->dekad;
}

ng_date ng_point_first(const ng_point *p)
{
	ng_date d = p->date;
	if (edge_month(p, &d))
		return (ng_date){d.y, d.m, 1};
	if (p->fiscal)
		return (ng_date){d.y, FISCAL_FIRST_MONTH, 1};
	if (d.m == 0)
		return (ng_date){d.y, 1, 1};
	ng_dekad k = dekad_of(p);
	if (d.d == 0) /* 上旬 1–10, 中旬 11–20, 下旬 21–end */
		d.d = k ? (int)k * 10 - 9 : 1;
	return d;
}

ng_date ng_point_last(const ng_point *p)
{
	ng_date d = p->date;
	if (edge_month(p, &d))
		return (ng_date){d.y, d.m, month_days(d.y, d.m)};
	if (p->fiscal)
		return (ng_date){d.y + 1, FISCAL_FIRST_MONTH - 1, 31};
	if (d.m == 0)
		return (ng_date){d.y, 12, 31};
	ng_dekad k = dekad_of(p);
	if (d.d == 0)
		d.d = k && k != NG_DEKAD_GEJUN ? (int)k * 10 : month_days(d.y, d.m);
	return d;
}

ng_date ng_date_next(ng_date d)
{
	if (d.d < month_days(d.y, d.m))
		return (ng_date){d.y, d.m, d.d + 1};
	return d.m < 12 ? (ng_date){d.y, d.m + 1, 1} : (ng_date){d.y + 1, 1, 1};
}
