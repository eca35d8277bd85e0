/* test_era.c — the era module: ICU against data/eras.tsv at every era
 * boundary, 元年, computed weekdays, every style, times, parts of day,
 * dekads, ranges and 現在, and ng_when_parse with its error offsets. */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "era/era.h"

static ng_era *era;
static ng_buf buf;

static int setup(void **state)
{
	(void)state;
	char err[128];
	era = ng_era_new(err, sizeof err);
	return era ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	ng_era_free(era);
	ng_era_free(NULL);
	ng_buf_free(&buf);
	return 0;
}

static ng_date D(int y, int m, int d)
{
	return (ng_date){y, m, d};
}

static const char *date_text(ng_date d, ng_datestyle style, bool weekday)
{
	ng_buf_reset(&buf);
	assert_int_equal(ng_era_date(era, d, style, weekday, &buf), 0);
	return buf.data ? buf.data : "";
}

static ng_when parse_ok(const char *s)
{
	ng_when w;
	size_t at = 0;
	const char *err = NULL;
	if (ng_when_parse(s, strlen(s), &w, &at, &err) != 0)
		fail_msg("'%s': %s at %zu", s, err, at);
	return w;
}

/* The specification s written in style. */
static const char *when_text(const char *s, ng_datestyle style)
{
	ng_when w = parse_ok(s);
	ng_buf_reset(&buf);
	assert_int_equal(ng_era_when(era, &w, style, &buf), 0);
	return buf.data ? buf.data : "";
}

/* ---- Eras */

typedef struct era_row {
	char name[32];
	ng_date first;
} era_row;

static size_t load_eras(era_row *rows, size_t cap)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/data/eras.tsv", ng_home_dir());
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[256];
	size_t n = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		assert_true(n < cap);
		era_row *r = &rows[n++];
		assert_int_equal(sscanf(line, "%31[^\t]\t%d-%d-%d", r->name, &r->first.y,
		                        &r->first.m, &r->first.d),
		                 4);
	}
	fclose(f);
	return n;
}

/* What the table says d is called: era name, 元年 or N年, month, day. */
static void table_name(const era_row *rows, size_t n, ng_date d, char *out, size_t cap)
{
	size_t i = n;
	while (i > 0 && ng_date_cmp(rows[i - 1].first, d) > 0)
		i--;
	assert_true(i > 0);
	int year = d.y - rows[i - 1].first.y + 1;
	char y[16];
	snprintf(y, sizeof y, year == 1 ? "元" : "%d", year);
	snprintf(out, cap, "%s%s年%d月%d日", rows[i - 1].name, y, d.m, d.d);
}

static ng_date day_before(ng_date d)
{
	if (--d.d > 0)
		return d;
	if (--d.m == 0)
		return D(d.y - 1, 12, 31);
	for (d.d = 31; !ng_date_valid(d); d.d--)
		;
	return d;
}

static void check_against_table(const era_row *rows, size_t n, ng_date d)
{
	char want[64];
	table_name(rows, n, d, want, sizeof want);
	assert_string_equal(date_text(d, NG_DATE_LONG, false), want);
}

static void test_eras_tsv_matches_icu(void **state)
{
	(void)state;
	era_row rows[16];
	size_t n = load_eras(rows, NG_ARRAY_LEN(rows));
	assert_true(n >= 5);
	assert_string_equal(rows[0].name, "明治");
	for (size_t i = 0; i < n; i++) {
		if (rows[i].first.y < 1873)
			continue; /* 明治 began before dates can be written */
		check_against_table(rows, n, day_before(rows[i].first));
		check_against_table(rows, n, rows[i].first);
		ng_date second_new_year = D(rows[i].first.y + 1, 1, 1);
		check_against_table(rows, n, second_new_year);
	}
	check_against_table(rows, n, D(1873, 1, 1)); /* 明治6年 */
}

static void test_four_boundaries(void **state)
{
	(void)state;
	assert_string_equal(date_text(D(1989, 1, 7), NG_DATE_LONG, true), "昭和64年1月7日（土）");
	assert_string_equal(date_text(D(1989, 1, 8), NG_DATE_LONG, true), "平成元年1月8日（日）");
	assert_string_equal(date_text(D(2019, 4, 30), NG_DATE_LONG, true), "平成31年4月30日（火）");
	assert_string_equal(date_text(D(2019, 5, 1), NG_DATE_LONG, true), "令和元年5月1日（水）");
	assert_string_equal(date_text(D(2020, 1, 1), NG_DATE_LONG, false), "令和2年1月1日");
}

/* The two older era changes, as letters write them (with the weekday). */
static void test_meiji_taisho_showa(void **state)
{
	(void)state;
	assert_string_equal(date_text(D(1912, 7, 29), NG_DATE_LONG, true), "明治45年7月29日（月）");
	assert_string_equal(date_text(D(1912, 7, 30), NG_DATE_LONG, true), "大正元年7月30日（火）");
	assert_string_equal(date_text(D(1926, 12, 24), NG_DATE_LONG, true),
	                    "大正15年12月24日（金）");
	assert_string_equal(date_text(D(1926, 12, 25), NG_DATE_LONG, true),
	                    "昭和元年12月25日（土）");
	assert_string_equal(date_text(D(1927, 1, 1), NG_DATE_LONG, true), "昭和2年1月1日（土）");
	/* The month of an era change is named by its first day's era. */
	assert_string_equal(date_text(D(1926, 12, 0), NG_DATE_LONG, true), "大正15年12月");
	assert_string_equal(when_text("1926-12 下旬", NG_DATE_LONG), "大正15年12月下旬");
	assert_string_equal(when_text("1912-07 下旬", NG_DATE_LONG), "明治45年7月下旬");
}

/* 元年 in ranges: the end drops the era year only within the same 元年. */
static void test_gannen_ranges(void **state)
{
	(void)state;
	assert_string_equal(when_text("1912-07-29 ~ 1912-07-30", NG_DATE_LONG),
	                    "明治45年7月29日（月）～大正元年7月30日（火）");
	assert_string_equal(when_text("1926-12-24 ~ 1926-12-25", NG_DATE_LONG),
	                    "大正15年12月24日（金）～昭和元年12月25日（土）");
	assert_string_equal(when_text("2019-05-01 ~ 2019-12-31", NG_DATE_LONG),
	                    "令和元年5月1日（水）～12月31日（火）");
	assert_string_equal(when_text("2019-12-31 ~ 2020-01-01", NG_DATE_LONG),
	                    "令和元年12月31日（火）～令和2年1月1日（水）");
	assert_string_equal(when_text("1989-01-08 ~ 1989-12 下旬", NG_DATE_LONG),
	                    "平成元年1月8日（日）～12月下旬");
}

static void test_before_1873(void **state)
{
	(void)state;
	ng_buf_reset(&buf);
	ng_buf_adds(&buf, "x");
	assert_int_equal(ng_era_date(era, D(1872, 12, 31), NG_DATE_LONG, true, &buf), -1);
	assert_int_equal(ng_era_date(era, D(1868, 9, 8), NG_DATE_MD, true, &buf), -1);
	assert_int_equal(ng_era_date(era, D(2023, 2, 30), NG_DATE_LONG, true, &buf), -1);
	assert_string_equal(buf.data, "x");
	assert_string_equal(date_text(D(1873, 1, 1), NG_DATE_LONG, true), "明治6年1月1日（水）");
	ng_when w = {.start = {.date = D(2023, 6, 5), .hour = -1, .minute = -1},
	             .end_kind = NG_END_POINT,
	             .end = {.date = D(1872, 6, 5), .hour = -1, .minute = -1}};
	ng_buf_reset(&buf);
	ng_buf_adds(&buf, "x");
	assert_int_equal(ng_era_when(era, &w, NG_DATE_LONG, &buf), -1);
	assert_string_equal(buf.data, "x");
}

/* ---- Weekdays */

static void test_weekdays(void **state)
{
	(void)state;
	/* The reference letter printed 6/26 (水); it was a Monday. */
	assert_int_equal(ng_weekday(D(2023, 6, 26)), 1);
	assert_string_equal(date_text(D(2023, 6, 26), NG_DATE_SHORT, true), "6/26（月）");
	assert_string_equal(date_text(D(2023, 7, 21), NG_DATE_LONG, true), "令和5年7月21日（金）");
	assert_int_equal(ng_weekday(D(2023, 7, 21)), 5);
	assert_int_equal(ng_weekday(D(2000, 2, 29)), 2);
	assert_int_equal(ng_weekday(D(1873, 1, 1)), 3);
	assert_int_equal(ng_weekday(D(2023, 6, 0)), -1);
}

/* ICU's weekday (what letters print) and ng_weekday agree on every day
 * from 1873 to 2100. */
static void test_weekday_agrees_with_icu(void **state)
{
	(void)state;
	static const char *const kanji[7] = {"日", "月", "火", "水", "木", "金", "土"};
	for (ng_date d = D(1873, 1, 1); d.y <= 2100; d.d++) {
		if (!ng_date_valid(d)) {
			d = d.m == 12 ? D(d.y + 1, 1, 1) : D(d.y, d.m + 1, 1);
			if (d.y > 2100)
				break;
		}
		const char *s = date_text(d, NG_DATE_SHORT, true);
		const char *open = strstr(s, "（");
		assert_non_null(open);
		char want[16];
		snprintf(want, sizeof want, "（%s）", kanji[ng_weekday(d)]);
		if (strcmp(open, want) != 0)
			fail_msg("%d-%d-%d: ICU %s, ng_weekday %s", d.y, d.m, d.d, open, want);
	}
}

/* ---- Styles, times, parts, dekads */

static void test_styles(void **state)
{
	(void)state;
	const char *s = "2023-06-05";
	assert_string_equal(when_text(s, NG_DATE_LONG), "令和5年6月5日（月）");
	assert_string_equal(when_text(s, NG_DATE_MD), "6月5日（月）");
	assert_string_equal(when_text(s, NG_DATE_SHORT), "6/5（月）");
	assert_string_equal(when_text(s, NG_DATE_TIME), "");
	assert_string_equal(date_text(D(2023, 7, 21), NG_DATE_LONG, false), "令和5年7月21日");
	assert_string_equal(date_text(D(2023, 7, 21), NG_DATE_MD, false), "7月21日");
	assert_string_equal(date_text(D(2023, 7, 21), NG_DATE_SHORT, false), "7/21");
	assert_string_equal(date_text(D(2023, 7, 0), NG_DATE_LONG, true), "令和5年7月");
	assert_string_equal(date_text(D(2023, 7, 0), NG_DATE_SHORT, true), "7月");
}

static void test_times(void **state)
{
	(void)state;
	assert_string_equal(when_text("2023-06-05 9:00", NG_DATE_LONG), "令和5年6月5日（月）9時");
	assert_string_equal(when_text("2023-06-05 13:50", NG_DATE_TIME), "13時50分");
	assert_string_equal(when_text("2023-06-05 09:05", NG_DATE_TIME), "9時5分");
	assert_string_equal(when_text("2023-06-30 0:00", NG_DATE_SHORT), "6/30（金）0時");
	assert_string_equal(when_text("2023-06-05 9:00頃", NG_DATE_LONG),
	                    "令和5年6月5日（月）9時頃");
	assert_string_equal(when_text("2023-06-05 9:00頃", NG_DATE_TIME), "9時頃");
	assert_string_equal(when_text("2023-06-05 23:59", NG_DATE_MD), "6月5日（月）23時59分");
	/* 頃 on a date alone; in TIME style there is nothing for it to follow. */
	assert_string_equal(when_text("2023-06-05頃", NG_DATE_MD), "6月5日（月）頃");
	assert_string_equal(when_text("2023-06-05頃", NG_DATE_TIME), "");
}

static void test_parts(void **state)
{
	(void)state;
	static const char *const want[NG_PART__COUNT] = {"",   "未明", "早朝", "明朝", "午前",
	                                                 "昼", "午後", "夕方", "夜",   "深夜"};
	for (int p = 0; p < NG_PART__COUNT; p++) {
		assert_string_equal(ng_part_names[p], want[p]);
		if (p == NG_PART_NONE)
			continue;
		char spec[64], text[64];
		snprintf(spec, sizeof spec, "2023-06-05 %s", want[p]);
		assert_int_equal(parse_ok(spec).start.part, p);
		snprintf(text, sizeof text, "令和5年6月5日（月）%s", want[p]);
		assert_string_equal(when_text(spec, NG_DATE_LONG), text);
		assert_string_equal(when_text(spec, NG_DATE_TIME), want[p]);
	}
	assert_string_equal(when_text("2023-06-05 午後", NG_DATE_SHORT), "6/5（月）午後");
	/* Part before the clock when both are given. */
	assert_string_equal(when_text("2023-06-05 3:00頃 未明", NG_DATE_MD),
	                    "6月5日（月）未明3時頃");
}

static void test_dekads(void **state)
{
	(void)state;
	assert_string_equal(ng_dekad_names[NG_DEKAD_JOUJUN], "上旬");
	assert_string_equal(ng_dekad_names[NG_DEKAD_GEJUN], "下旬");
	assert_string_equal(when_text("2023-06 中旬", NG_DATE_LONG), "令和5年6月中旬");
	assert_string_equal(when_text("2023-06 中旬", NG_DATE_MD), "6月中旬");
	assert_string_equal(when_text("2023-06中旬", NG_DATE_SHORT), "6月中旬");
	assert_string_equal(when_text("2023-06 上旬", NG_DATE_TIME), "");
	/* The era of a dekad is that of its first day. */
	assert_string_equal(when_text("1989-01 上旬", NG_DATE_LONG), "昭和64年1月上旬");
	assert_string_equal(when_text("1989-01 中旬", NG_DATE_LONG), "平成元年1月中旬");
	assert_string_equal(when_text("2019-05 上旬", NG_DATE_LONG), "令和元年5月上旬");
}

/* ---- Ranges */

static void test_ranges(void **state)
{
	(void)state;
	const char *r = "2023-06-05 ~ 2023-06-06";
	/* Within one month the end keeps only its day (2021年3月4日～5日). */
	assert_string_equal(when_text(r, NG_DATE_LONG), "令和5年6月5日（月）～6日（火）");
	assert_string_equal(when_text(r, NG_DATE_MD), "6月5日（月）～6日（火）");
	assert_string_equal(when_text(r, NG_DATE_SHORT), "6/5（月）～6/6（火）");
	assert_string_equal(when_text("2023-12-28 ~ 2024-01-05", NG_DATE_LONG),
	                    "令和5年12月28日（木）～令和6年1月5日（金）");
	assert_string_equal(when_text("2023-06 上旬 ~ 2023-06 中旬", NG_DATE_LONG),
	                    "令和5年6月上旬～6月中旬");
	/* The same day: the end keeps only its time. */
	assert_string_equal(when_text("2023-06-05 9:00 ~ 2023-06-05 13:50", NG_DATE_LONG),
	                    "令和5年6月5日（月）9時～13時50分");
	assert_string_equal(when_text("2023-06-05 未明 ~ 2023-06-05 午前", NG_DATE_SHORT),
	                    "6/5（月）未明～午前");
}

static void test_range_across_eras(void **state)
{
	(void)state;
	assert_string_equal(when_text("2019-04-30 ~ 2019-05-01", NG_DATE_LONG),
	                    "平成31年4月30日（火）～令和元年5月1日（水）");
	assert_string_equal(when_text("1989-01-07 ~ 1989-01-08", NG_DATE_LONG),
	                    "昭和64年1月7日（土）～平成元年1月8日（日）");
	assert_string_equal(when_text("2019-04 下旬 ~ 2019-05 上旬", NG_DATE_LONG),
	                    "平成31年4月下旬～令和元年5月上旬");
	assert_string_equal(when_text("2019-04-30 ~ 2019-05-01", NG_DATE_SHORT),
	                    "4/30（火）～5/1（水）");
}

static void test_until_now(void **state)
{
	(void)state;
	assert_string_equal(when_text("2023-06 中旬 ~ 現在", NG_DATE_LONG), "令和5年6月中旬～現在");
	assert_string_equal(when_text("2023-06 中旬 ～ 現在", NG_DATE_MD), "6月中旬～現在");
	assert_string_equal(when_text("2023-06-05 未明〜現在", NG_DATE_SHORT),
	                    "6/5（月）未明～現在");
	assert_int_equal(parse_ok("2023-06-05~現在").end_kind, NG_END_NOW);
}

/* ---- Parsing */

static void test_parse_fields(void **state)
{
	(void)state;
	ng_when w = parse_ok("2023-06-05 9:00頃 午前");
	assert_int_equal(w.start.date.y, 2023);
	assert_int_equal(w.start.date.m, 6);
	assert_int_equal(w.start.date.d, 5);
	assert_int_equal(w.start.hour, 9);
	assert_int_equal(w.start.minute, 0);
	assert_true(w.start.approx);
	assert_int_equal(w.start.part, NG_PART_GOZEN);
	assert_int_equal(w.start.dekad, NG_DEKAD_NONE);
	assert_int_equal(w.end_kind, NG_END_NONE);
	w = parse_ok("2023-6-5");
	assert_int_equal(w.start.hour, -1);
	assert_int_equal(w.start.minute, -1);
	assert_int_equal(w.start.date.m, 6);
	w = parse_ok("2023-06 下旬");
	assert_int_equal(w.start.date.d, 0);
	assert_int_equal(w.start.dekad, NG_DEKAD_GEJUN);
	/* Any of the three tildes, spaces (even U+3000) optional. */
	const char *ranges[] = {"2023-06-05~2023-06-06", "2023-06-05 ～ 2023-06-06",
	                        "2023-06-05　〜　2023-06-06", " 2023-06-05 ~2023-06-06 "};
	for (size_t i = 0; i < NG_ARRAY_LEN(ranges); i++) {
		w = parse_ok(ranges[i]);
		assert_int_equal(w.end_kind, NG_END_POINT);
		assert_int_equal(w.end.date.d, 6);
		assert_int_equal(w.end.hour, -1);
	}
	parse_ok("2024-02-29");
	parse_ok("2000-02-29");
	parse_ok("2023-06 中旬 ~ 2023-06-15");
	parse_ok("2023-06-05 13:00 ~ 2023-06-05");
}

typedef struct bad_case {
	const char *spec;
	size_t at;
	const char *says; /* a word the message must contain */
} bad_case;

static const bad_case bad_cases[] = {
    {"2023-02-30", 8, "day"},
    {"2023-02-29", 8, "day"},
    {"1900-02-29", 8, "day"},
    {"2023-13-01", 5, "month"},
    {"2023-00-01", 5, "month"},
    {"2023-06-05 25:00", 11, "hour"},
    {"2023-06-05 9:60", 13, "minutes"},
    {"2023-06-05 9時5", 16, "分"},
    {"2023-06-05 9", 12, ":"},
    {"2023-06-05 24:00", 11, "24"},
    {"2023-06-05 9:05:30", 16, "seconds"},
    {"2023-06-06 ~ 2023-06-05", 13, "before"},
    {"2023-06-05 13:00 ~ 2023-06-05 9:00", 19, "before"},
    {"2023-06-05 午後 ~ 2023-06-05 午前", 20, "before"},
    {"2023-06 下旬 ~ 2023-06 上旬", 17, "before"},
    {"2023-06-05 未明x", 17, "unexpected"},
    {"2023-06-05 ~ 現在 です", 20, "unexpected"},
    {"2023-06-05 ~ 明日", 13, "現在"},
    {"2023-06-05 13:00 ~ 9:00", 19, "before"},
    {"2023-06 ~ 9:00", 10, "day"},
    {"2023-06 初旬", 8, "上旬"},
    {"1872-12-31", 0, "1873"},
    /* full-width digits are read; the offset is the typed text's byte */
    {"２０２３-06-31", 16, "day"},
    {"２０２３／１３／１", 15, "month"},
    {"令和5年6月31日", 14, "day"},
    {"平成31年5月1日", 0, "era"},
    {"令和元年4月", 0, "era"},
    {"令和0年5月1日", 6, "元年"},
    {"23-06-05", 0, "year"},
    {"5/2", 0, "year"},
    {"5月2日", 0, "year"},
    {"2024/5/2（水）x", 17, "unexpected"},
    {"2024-06-05・04", 13, "・"},
    {"2024-06-05 9:00・6日", 18, "・"},
    {"2024-06-05 9:00 ~ 3日間", 18, "3日間"},
    {"2024-06-05 ~ 1日間", 13, "366"},
    {"2023-006-05", 5, "digits"},
    {"", 0, "empty"},
    {"   ", 3, "empty"},
};

static void test_parse_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < NG_ARRAY_LEN(bad_cases); i++) {
		const bad_case *c = &bad_cases[i];
		ng_when w;
		size_t at = 999;
		const char *err = NULL;
		if (ng_when_parse(c->spec, strlen(c->spec), &w, &at, &err) == 0)
			fail_msg("'%s' was accepted", c->spec);
		assert_non_null(err);
		if (at != c->at || !strstr(err, c->says))
			fail_msg("'%s': \"%s\" at %zu, want \"%s\" at %zu", c->spec, err, at,
			         c->says, c->at);
	}
}

/* ng_era_parse remembers what it parsed: for many texts (more than its
 * slots, so that they collide), asked three times over, the same answer
 * as ng_when_parse field for field; a bad text fails every time with
 * ng_when_parse's error, also right after a good text in its slot. */
static void test_parse_memo(void **state)
{
	(void)state;
	char texts[100][32];
	for (int i = 0; i < 100; i++)
		snprintf(texts[i], sizeof texts[i], "2023-%02d-%02d %d:%02d頃", i % 12 + 1,
		         i % 28 + 1, i % 24, i % 60);
	for (int k = 0; k < 3; k++)
		for (int i = 0; i < 100; i++) {
			ng_when a, b;
			size_t at;
			const char *err;
			memset(&a, 0x55, sizeof a);
			memset(&b, 0x55, sizeof b);
			assert_int_equal(ng_when_parse(texts[i], strlen(texts[i]), &a, &at, &err),
			                 0);
			assert_int_equal(
			    ng_era_parse(era, texts[i], strlen(texts[i]), &b, &at, &err), 0);
			assert_memory_equal(&a, &b, sizeof a);
		}
	for (size_t i = 0; i < NG_ARRAY_LEN(bad_cases); i++)
		for (int k = 0; k < 2; k++) {
			const bad_case *c = &bad_cases[i];
			ng_when w;
			size_t at = 999;
			const char *err = NULL;
			assert_int_equal(
			    ng_era_parse(era, texts[0], strlen(texts[0]), &w, &at, &err), 0);
			if (ng_era_parse(era, c->spec, strlen(c->spec), &w, &at, &err) == 0)
				fail_msg("'%s' was accepted", c->spec);
			assert_int_equal(at, c->at);
			assert_non_null(strstr(err, c->says));
		}
}

/* ---- Proleptic helpers */

static void test_date_helpers(void **state)
{
	(void)state;
	assert_true(ng_date_valid(D(2024, 2, 29)));
	assert_false(ng_date_valid(D(2023, 2, 29)));
	assert_true(ng_date_valid(D(2023, 6, 0)));
	assert_false(ng_date_valid(D(2023, 4, 31)));
	assert_false(ng_date_valid(D(0, 1, 1)));
	assert_true(ng_date_cmp(D(2023, 6, 5), D(2023, 6, 6)) < 0);
	assert_true(ng_date_cmp(D(2023, 6, 0), D(2023, 6, 1)) < 0);
	assert_true(ng_date_cmp(D(2024, 1, 1), D(2023, 12, 31)) > 0);
	assert_int_equal(ng_date_cmp(D(2023, 6, 5), D(2023, 6, 5)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_eras_tsv_matches_icu),
	    cmocka_unit_test(test_four_boundaries),
	    cmocka_unit_test(test_meiji_taisho_showa),
	    cmocka_unit_test(test_gannen_ranges),
	    cmocka_unit_test(test_before_1873),
	    cmocka_unit_test(test_weekdays),
	    cmocka_unit_test(test_weekday_agrees_with_icu),
	    cmocka_unit_test(test_styles),
	    cmocka_unit_test(test_times),
	    cmocka_unit_test(test_parts),
	    cmocka_unit_test(test_dekads),
	    cmocka_unit_test(test_ranges),
	    cmocka_unit_test(test_range_across_eras),
	    cmocka_unit_test(test_until_now),
	    cmocka_unit_test(test_parse_fields),
	    cmocka_unit_test(test_parse_errors),
	    cmocka_unit_test(test_parse_memo),
	    cmocka_unit_test(test_date_helpers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
