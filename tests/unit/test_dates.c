/* test_dates.c — dates, times and counts the way notices write them: each
 * calendar (和暦, 西暦, both in either order) with 元年 at both era
 * boundaries, the weekday rules (an event's day, the letter's own date,
 * as-of dates, 付け, months), every precision (year, 年度 across an era
 * change, month, dekad, day), the three time styles, 頃/ころ, 時点, ranges
 * (open, to 現在, same day, same month, across a year, across midnight),
 * the year of short forms against the letter's year, the era table read
 * at run time (a new era, a missing one, a bad line), {{…}} references in
 * prose with options, and counts with every option. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "era/era.h"
#include "record/record.h"

static ng_era *era;
static ng_buf buf;

static int setup(void **state)
{
	(void)state;
	char err[256];
	era = ng_era_new(err, sizeof err);
	if (!era)
		fprintf(stderr, "%s\n", err);
	return era ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	ng_era_free(era);
	ng_buf_free(&buf);
	return 0;
}

/* Resets the letter's conventions before each test. */
static int reset(void **state)
{
	(void)state;
	ng_era_set_letter(era, &(ng_datefmt){0});
	return 0;
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

/* spec written with the option words opts ("md seireki"), as an event's
 * date unless opts says otherwise. */
static const char *fmt_ctx(const char *spec, const char *opts, bool event)
{
	ng_when w = parse_ok(spec);
	ng_dateopts o = NG_DATEOPTS_EVENT;
	o.event = event;
	ng_datestyle style = NG_DATE_LONG;
	for (const char *p = opts; *p;) {
		size_t n = strcspn(p, " ");
		if (n && ng_dateopts_word(&o, &style, p, n) != 0)
			fail_msg("option '%.*s'", (int)n, p);
		p += n;
		p += strspn(p, " ");
	}
	ng_buf_reset(&buf);
	if (ng_era_format(era, &w, style, &o, &buf) != 0)
		fail_msg("'%s' | %s: %s", spec, opts, ng_era_error(era));
	return buf.data ? buf.data : "";
}

static const char *fmt(const char *spec, const char *opts)
{
	return fmt_ctx(spec, opts, true);
}

static void set_letter(ng_calendar cal, bool seireki_first, ng_wdmode wd, ng_timestyle t,
                       ng_date letter)
{
	ng_era_set_letter(era, &(ng_datefmt){.calendar = cal,
	                                     .seireki_first = seireki_first,
	                                     .weekday = wd,
	                                     .time = t,
	                                     .letter = letter});
}

/* ---- 1. calendars and 元年 */

static void test_calendars(void **state)
{
	(void)state;
	assert_string_equal(fmt("2023-06-05", ""), "令和5年6月5日（月）");
	assert_string_equal(fmt("2023-06-05", "seireki"), "2023年6月5日（月）");
	assert_string_equal(fmt("2023-06-05", "both"), "令和5年（2023年）6月5日（月）");
	assert_string_equal(fmt("2019-03-01", "both seireki-first noweekday"),
	                    "2019年（平成31年）3月1日");
	/* The letter's calendar, overridden by a reference. */
	set_letter(NG_CAL_SEIREKI, false, NG_WD_AUTO, NG_TIME_KANJI, (ng_date){0});
	assert_string_equal(fmt("2023-06-05", ""), "2023年6月5日（月）");
	assert_string_equal(fmt("2023-06-05", "wareki"), "令和5年6月5日（月）");
	set_letter(NG_CAL_BOTH, true, NG_WD_AUTO, NG_TIME_KANJI, (ng_date){0});
	assert_string_equal(fmt("2023-06-05", ""), "2023年（令和5年）6月5日（月）");
	assert_string_equal(fmt("2023-06-05", "wareki-first"), "令和5年（2023年）6月5日（月）");
}

static void test_gannen_every_form(void **state)
{
	(void)state;
	assert_string_equal(fmt("2019-05-01", "noweekday"), "令和元年5月1日");
	assert_string_equal(fmt("2019-05-01", "both noweekday"), "令和元年（2019年）5月1日");
	assert_string_equal(fmt("2019-05-01", "both seireki-first noweekday"),
	                    "2019年（令和元年）5月1日");
	assert_string_equal(fmt("2019-04-30", "both"), "平成31年（2019年）4月30日（火）");
	assert_string_equal(fmt("1989-01-07", "both"), "昭和64年（1989年）1月7日（土）");
	assert_string_equal(fmt("1989-01-08", "both"), "平成元年（1989年）1月8日（日）");
	assert_string_equal(fmt("1989-05", ""), "平成元年5月");
	assert_string_equal(fmt("2019", ""), "平成31年");
	assert_string_equal(fmt("2020", "both"), "令和2年（2020年）");
	assert_string_equal(fmt("2019-05 上旬", "seireki"), "2019年5月上旬");
	assert_string_equal(fmt("2019-04-30 ~ 2019-05-01", "both"),
	                    "平成31年（2019年）4月30日（火）～令和元年（2019年）5月1日（水）");
	assert_string_equal(fmt("2019-04-30 ~ 2019-05-01", "seireki"),
	                    "2019年4月30日（火）～5月1日（水）");
	assert_string_equal(fmt("1989-01-07 ~ 1989-01-08", "md"), "1月7日（土）～8日（日）");
}

/* ---- 2. weekday rules */

static void test_weekday_rules(void **state)
{
	(void)state;
	/* An event's day has its weekday; the letter's own date does not. */
	assert_string_equal(fmt_ctx("2023-06-05", "", true), "令和5年6月5日（月）");
	assert_string_equal(fmt_ctx("2023-06-05", "", false), "令和5年6月5日");
	/* An as-of date does not, even as an event. */
	assert_string_equal(fmt("2024-05-02 時点", ""), "令和6年5月2日時点");
	assert_string_equal(fmt("2024-05-02 現在", "seireki"), "2024年5月2日現在");
	/* Months and years never do. */
	assert_string_equal(fmt("2023-06", "weekday"), "令和5年6月");
	/* Per reference. */
	assert_string_equal(fmt("2023-06-05", "noweekday"), "令和5年6月5日");
	assert_string_equal(fmt_ctx("2023-06-05", "weekday", false), "令和5年6月5日（月）");
	/* Per letter: always and never beat the context, a reference beats
	 * the letter. */
	set_letter(NG_CAL_WAREKI, false, NG_WD_NEVER, NG_TIME_KANJI, (ng_date){0});
	assert_string_equal(fmt("2023-06-05", ""), "令和5年6月5日");
	assert_string_equal(fmt("2023-06-05", "weekday"), "令和5年6月5日（月）");
	set_letter(NG_CAL_WAREKI, false, NG_WD_ALWAYS, NG_TIME_KANJI, (ng_date){0});
	assert_string_equal(fmt_ctx("2023-07-21", "", false), "令和5年7月21日（金）");
}

/* ---- 3. precision and times */

static void test_precision(void **state)
{
	(void)state;
	assert_string_equal(fmt("2023", ""), "令和5年");
	assert_string_equal(fmt("2023", "seireki"), "2023年");
	assert_string_equal(fmt("2019-12", "seireki"), "2019年12月");
	assert_string_equal(fmt("2023-06 下旬", "md"), "6月下旬");
	assert_string_equal(fmt("2023-06 中旬頃", ""), "令和5年6月中旬頃");
	assert_string_equal(fmt("2020年度", ""), "令和2年度");
	assert_string_equal(fmt("FY2020", "seireki"), "2020年度");
	assert_string_equal(fmt("2020年度", "both"), "令和2年度（2020年度）");
	/* A year has no short form: md and short write it in full. */
	assert_string_equal(fmt("2023", "md"), "令和5年");
	assert_string_equal(fmt("2023年度", "short"), "令和5年度");
}

static void test_fiscal_year_across_era_change(void **state)
{
	(void)state;
	/* FY2019 (2019-04-01..2020-03-31): 平成31年度 while 平成 lasts,
	 * 令和元年度 once 令和 has begun. */
	set_letter(NG_CAL_WAREKI, false, NG_WD_AUTO, NG_TIME_KANJI, (ng_date){2019, 4, 15});
	assert_string_equal(fmt("2019年度", ""), "平成31年度");
	set_letter(NG_CAL_WAREKI, false, NG_WD_AUTO, NG_TIME_KANJI, (ng_date){2019, 5, 1});
	assert_string_equal(fmt("2019年度", ""), "令和元年度");
	set_letter(NG_CAL_WAREKI, false, NG_WD_AUTO, NG_TIME_KANJI, (ng_date){2024, 1, 10});
	assert_string_equal(fmt("2019年度", ""), "令和元年度");
	assert_string_equal(fmt("2018年度", ""), "平成30年度");
	assert_string_equal(fmt("2019年度", "both seireki-first"), "2019年度（令和元年度）");
	/* FY1988 ended in 平成元年 but was never 平成0年度. */
	assert_string_equal(fmt("1988年度", ""), "昭和63年度");
	assert_string_equal(fmt("1989年度", ""), "平成元年度");
	/* No letter date: the era of the year's first day. */
	reset(state);
	assert_string_equal(fmt("2019年度", ""), "平成31年度");
}

static void test_time_styles(void **state)
{
	(void)state;
	assert_string_equal(fmt("2023-06-05 9:00", "time"), "9時");
	assert_string_equal(fmt("2023-06-05 9:30", "time"), "9時30分");
	assert_string_equal(fmt("2023-06-05 20:05", "time"), "20時5分");
	assert_string_equal(fmt("2023-06-05 9:30", "time ampm"), "午前9時30分");
	assert_string_equal(fmt("2023-06-05 13:30ころ", "time ampm"), "午後1時30分ころ");
	assert_string_equal(fmt("2023-06-05 0:00", "time ampm"), "午前0時");
	assert_string_equal(fmt("2023-06-05 12:00", "time ampm"), "午後0時");
	assert_string_equal(fmt("2023-06-05 9:30", "time colon"), "9:30");
	assert_string_equal(fmt("2023-06-05 20:05", "time colon"), "20:05");
	assert_string_equal(fmt("2023-06-05 18:30 時点", "md colon"), "6月5日18:30時点");
	assert_string_equal(fmt("2023-06-05 9:00頃", "md"), "6月5日（月）9時頃");
	assert_string_equal(fmt("2023-06-05 午前 9:30", "md ampm"), "6月5日（月）午前9時30分");
	/* The letter's time style. */
	set_letter(NG_CAL_WAREKI, false, NG_WD_AUTO, NG_TIME_COLON, (ng_date){0});
	assert_string_equal(fmt("2023-06-05 9:30", "md"), "6月5日（月）9:30");
	assert_string_equal(fmt("2023-06-05 9:30", "md kanji"), "6月5日（月）9時30分");
}

static void test_parts_of_day(void **state)
{
	(void)state;
	static const char *const parts[] = {"未明", "早朝", "午前", "午後", "夕方", "夜"};
	for (size_t i = 0; i < NG_ARRAY_LEN(parts); i++) {
		char spec[64], want[64];
		snprintf(spec, sizeof spec, "2023-06-05 %s", parts[i]);
		snprintf(want, sizeof want, "6月5日（月）%s", parts[i]);
		assert_string_equal(fmt(spec, "md"), want);
	}
}

/* ---- 4. ranges */

static void test_ranges(void **state)
{
	(void)state;
	assert_string_equal(fmt("2023-06-05 ~", "md"), "6月5日（月）～");
	assert_string_equal(fmt("2023-06 中旬 ~ 現在", "md"), "6月中旬～現在");
	assert_string_equal(fmt("2021-03-04 ~ 2021-03-05", "seireki noweekday"),
	                    "2021年3月4日～5日");
	assert_string_equal(fmt("2021-03-04 ~ 2021-03-05", "seireki noweekday fullend"),
	                    "2021年3月4日～3月5日");
	assert_string_equal(fmt("2021-03-30 ~ 2021-04-02", "seireki noweekday"),
	                    "2021年3月30日～4月2日");
	/* The same day: the end's time alone, written either way. */
	assert_string_equal(fmt("2023-06-05 15:00 ~ 2023-06-05 17:00頃", "time"), "15時～17時頃");
	assert_string_equal(fmt("2023-06-05 15:00 ~ 17:00頃", "md"), "6月5日（月）15時～17時頃");
	/* Across a year boundary both years stay, in every style. */
	assert_string_equal(fmt("2023-12-28 ~ 2024-01-05", "md"),
	                    "令和5年12月28日（木）～令和6年1月5日（金）");
	/* short in 西暦 stays numeric with both years (2023/12/28); in 和暦,
	 * which has no numeric year form, it is written in full */
	assert_string_equal(fmt("2023-12-28 ~ 2024-01-05", "short seireki"),
	                    "2023/12/28（木）～2024/1/5（金）");
	assert_string_equal(fmt("2023-12-28 ~ 2024-01-05", "short"),
	                    "令和5年12月28日（木）～令和6年1月5日（金）");
	/* Across midnight. */
	assert_string_equal(fmt("2023-01-07 20:15 ~ 2023-01-08 1:40", "md colon noweekday"),
	                    "1月7日20:15～8日1:40");
	assert_string_equal(fmt("2023-01-07 20:15 ~ 2023-01-08 1:40", "colon"),
	                    "令和5年1月7日（土）20:15～8日（日）1:40");
	assert_string_equal(fmt("2023-01-07 20:15 ~ 2023-01-08 1:40", "md next"),
	                    "1月7日（土）20時15分～翌1時40分");
	assert_string_equal(fmt("2023-01-31 22:00 ~ 2023-02-01 2:00", "md ampm next"),
	                    "1月31日（火）午後10時～翌午前2時");
	/* next only for the next day with a time. */
	assert_string_equal(fmt("2023-01-07 20:15 ~ 2023-01-09 1:40", "md next noweekday"),
	                    "1月7日20時15分～9日1時40分");
	assert_string_equal(fmt("2023-01-07 ~ 2023-01-08", "md next noweekday"), "1月7日～8日");
	/* No space on either side of ～ (JLReq sets it solid). */
	assert_null(strstr(fmt("2023-06-05 ~ 2023-07-01", "md"), " "));
}

/* ---- 5. the year of short forms */

static void test_short_forms_keep_other_years(void **state)
{
	(void)state;
	set_letter(NG_CAL_WAREKI, false, NG_WD_AUTO, NG_TIME_KANJI, (ng_date){2024, 1, 15});
	assert_string_equal(fmt("2024-01-05", "md"), "1月5日（金）");
	assert_string_equal(fmt("2024-01-05", "short"), "1/5（金）");
	assert_string_equal(fmt("2023-12-28", "md"), "令和5年12月28日（木）");
	assert_string_equal(fmt("2023-12-28", "short"), "令和5年12月28日（木）");
	assert_string_equal(fmt("2023-12-28", "short seireki"), "2023/12/28（木）");
	assert_string_equal(fmt("2024-01-05", "short seireki"), "1/5（金）");
	assert_string_equal(fmt("2024-01-05", "short seireki year"), "2024/1/5（金）");
	assert_string_equal(fmt("2023-06", "short seireki"), "2023年6月");
	/* a range in one other year: both ends with it, the end's month kept */
	assert_string_equal(fmt("2023-06-05 ~ 2023-06-07", "short seireki"),
	                    "2023/6/5（月）～2023/6/7（水）");
	assert_string_equal(fmt("2024-01-05", "md year"), "令和6年1月5日（金）");
	/* The letter's calendar year, not its era year: 4月30日 in a letter
	 * of 令和元年 is 2019. */
	set_letter(NG_CAL_WAREKI, false, NG_WD_AUTO, NG_TIME_KANJI, (ng_date){2019, 7, 1});
	assert_string_equal(fmt("2019-04-30", "short"), "4/30（火）");
}

/* ---- 6. day and clock apart (timelines) */

static void test_day_and_clock(void **state)
{
	(void)state;
	assert_string_equal(fmt("2023-06-05 9:00頃", "short day"), "6/5（月）");
	assert_string_equal(fmt("2023-06-05 9:00頃", "clock"), "9時頃");
	assert_string_equal(fmt("2023-06-05", "clock"), "");
	assert_string_equal(fmt("2023-06-05 9:00 ~ 13:00", "clock"), "9時～13時");
	assert_string_equal(fmt("2023-06-05 9:00 ~ 13:00", "short day"), "6/5（月）");
	/* A span of days has its dates in the day column. */
	assert_string_equal(fmt("2023-06-05 ~ 2023-06-06", "short day"), "6/5（月）～6/6（火）");
	assert_string_equal(fmt("2023-06-05 ~ 2023-06-06", "clock"), "");
	assert_string_equal(fmt("2023-06 中旬 ~ 現在", "short day"), "6月中旬～現在");
}

/* A holiday's weekday is （月・祝） when the letter knows its holidays. */
static bool fake_holiday(const void *ctx, ng_date d)
{
	(void)ctx;
	return d.y == 2023 && d.m == 7 && d.d == 17; /* 海の日 */
}

static void test_holiday_weekday(void **state)
{
	(void)state;
	assert_string_equal(fmt("2023-07-17", "md"), "7月17日（月）");
	ng_era_set_letter(era, &(ng_datefmt){.holiday = fake_holiday});
	assert_string_equal(fmt("2023-07-17", "md"), "7月17日（月・祝）");
	assert_string_equal(fmt("2023-07-18", "md"), "7月18日（火）");
	assert_string_equal(fmt("2023-07-17", "md noweekday"), "7月17日");
}

/* ---- 8. the era table */

static char *write_table(const char *name, const char *text)
{
	static char path[256];
	snprintf(path, sizeof path, "/tmp/ng-eras-%d-%s", (int)getpid(), name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static const char base_eras[] = "明治\t1868-01-25\n大正\t1912-07-30\n昭和\t1926-12-25\n"
                                "平成\t1989-01-08\n";

static void test_era_table_at_run_time(void **state)
{
	(void)state;
	char err[256] = "";
	/* A new era is a line of the table, whatever ICU knows. */
	char text[512];
	snprintf(text, sizeof text, "%s令和\t2019-05-01\n試験\t2031-04-01\n", base_eras);
	ng_era *e = ng_era_new_from(write_table("new.tsv", text), err, sizeof err);
	assert_non_null(e);
	ng_when w = parse_ok("2031-04-01");
	ng_dateopts o = NG_DATEOPTS_EVENT;
	o.weekday = 0;
	ng_buf_reset(&buf);
	assert_int_equal(ng_era_format(e, &w, NG_DATE_LONG, &o, &buf), 0);
	assert_string_equal(buf.data, "試験元年4月1日");
	w = parse_ok("2031-03-31");
	ng_buf_reset(&buf);
	assert_int_equal(ng_era_format(e, &w, NG_DATE_LONG, &o, &buf), 0);
	assert_string_equal(buf.data, "令和13年3月31日");
	ng_era_free(e);
	/* An era ICU knows and the table does not: an error naming the table. */
	e = ng_era_new_from(write_table("old.tsv", base_eras), err, sizeof err);
	assert_non_null(e);
	w = parse_ok("2019-04-30");
	ng_buf_reset(&buf);
	assert_int_equal(ng_era_format(e, &w, NG_DATE_LONG, &o, &buf), 0);
	assert_string_equal(buf.data, "平成31年4月30日");
	w = parse_ok("2023-06-05");
	ng_buf_reset(&buf);
	assert_int_equal(ng_era_format(e, &w, NG_DATE_LONG, &o, &buf), -1);
	assert_int_equal(buf.len, 0);
	assert_non_null(strstr(ng_era_error(e), "eras.tsv"));
	assert_non_null(strstr(ng_era_error(e), "平成"));
	/* 西暦 needs no era. */
	w = parse_ok("2023-06-05");
	o.calendar = NG_CAL_SEIREKI;
	assert_int_equal(ng_era_format(e, &w, NG_DATE_LONG, &o, &buf), 0);
	ng_era_free(e);
	/* A bad line is an error at its line, not a silently shorter table. */
	snprintf(text, sizeof text, "# eras\n%s令和 2019-05-01\n", base_eras);
	assert_null(ng_era_new_from(write_table("bad.tsv", text), err, sizeof err));
	assert_non_null(strstr(err, ":6:"));
	snprintf(text, sizeof text, "%s令和\t2019-02-30\n", base_eras);
	assert_null(ng_era_new_from(write_table("bad2.tsv", text), err, sizeof err));
	assert_non_null(strstr(err, ":5:"));
	snprintf(text, sizeof text, "令和\t2019-05-01\n%s", base_eras);
	assert_null(ng_era_new_from(write_table("order.tsv", text), err, sizeof err));
	assert_non_null(strstr(err, "oldest first"));
	assert_null(ng_era_new_from("/nonexistent/eras.tsv", err, sizeof err));
}

/* ---- references in prose */

static const char *expand_first(const char *text, ng_ref *ref)
{
	size_t at = 0;
	const char *err = NULL;
	if (ng_prose_next(text, 0, ref, &at, &err) != 1)
		fail_msg("'%s': %s at %zu", text, err ? err : "no reference", at);
	ng_buf_reset(&buf);
	if (!ref->path_len)
		assert_int_equal(ng_era_format(era, &ref->when, ref->style, &ref->opts, &buf), 0);
	return buf.data ? buf.data : "";
}

static void test_prose_references(void **state)
{
	(void)state;
	ng_ref ref;
	/* 付け and 時点 after a reference: no weekday. */
	assert_string_equal(expand_first("{{2023-06-05}}付けで", &ref), "令和5年6月5日");
	assert_string_equal(expand_first("{{2023-06-05}}付で", &ref), "令和5年6月5日");
	assert_string_equal(expand_first("{{2023-06-05 | md}}現時点", &ref), "6月5日");
	assert_string_equal(expand_first("{{2023-06-05}}時点", &ref), "令和5年6月5日");
	assert_string_equal(expand_first("{{2023-06-05}}に", &ref), "令和5年6月5日（月）");
	/* Options, separated by spaces or commas. */
	assert_string_equal(expand_first("{{2023-06-05 | md, seireki}}", &ref), "6月5日（月）");
	assert_string_equal(expand_first("{{2023-06-05 | seireki noweekday}}", &ref),
	                    "2023年6月5日");
	assert_string_equal(expand_first("{{2023-06-05 9:30 | md colon}}", &ref),
	                    "6月5日（月）9:30");
	/* A field. */
	assert_int_equal(
	    ng_prose_next("対象は{{affected}}です", 0, &ref, &(size_t){0}, &(const char *){NULL}),
	    1);
	assert_int_equal(ref.path_len, strlen("affected"));
	/* An unknown option is an error at the word. */
	size_t at = 0;
	const char *err = NULL;
	assert_int_equal(ng_prose_next("x{{2023-06-05 | md bogus}}", 0, &ref, &at, &err), -1);
	assert_int_equal(at, strlen("x{{2023-06-05 | md "));
}

/* ---- 7. counts */

static const char *count_text(ng_affected a)
{
	ng_buf_reset(&buf);
	assert_int_equal(ng_affected_text(era, &a, &buf), 0);
	return buf.data;
}

static ng_affected count_of(long n)
{
	return (ng_affected){.state = NG_STATE_KNOWN, .count = n, .records = -1};
}

static void test_counts(void **state)
{
	(void)state;
	ng_affected a = count_of(1234);
	assert_string_equal(count_text(a), "1,234名");
	a.digits = NG_DIGITS_PLAIN;
	assert_string_equal(count_text(a), "1234名");
	a = count_of(120000);
	a.approx = true;
	a.digits = NG_DIGITS_MAN;
	a.unit = (ng_text){.s = "事業所"};
	assert_string_equal(count_text(a), "約12万事業所");
	a = count_of(4512345);
	a.approx = true;
	a.digits = NG_DIGITS_MAN;
	a.unit = (ng_text){.s = "人"};
	assert_string_equal(count_text(a), "約451万人");
	a.approx = false;
	assert_string_equal(count_text(a), "451万2,345人");
	a = count_of(123450000);
	a.digits = NG_DIGITS_MAN;
	a.unit = (ng_text){.s = "件"};
	assert_string_equal(count_text(a), "1億2,345万件");
	a = count_of(12345);
	a.max = true;
	a.unit = (ng_text){.s = "件"};
	assert_string_equal(count_text(a), "最大12,345件");
	a = count_of(1000);
	a.over = true;
	a.unit = (ng_text){.s = "社"};
	assert_string_equal(count_text(a), "1,000社以上");
	a = count_of(300);
	a.records = 312;
	assert_string_equal(count_text(a), "300名分（312件）");
	a.records_unit = (ng_text){.s = "通"};
	assert_string_equal(count_text(a), "300名分（312通）");
	ng_count_part parts[2] = {{.label = {.s = "クレジットカード情報"}, .count = 6789},
	                          {.label = {.s = "住所"}, .count = 12, .unit = {.s = "名"}}};
	a = count_of(12345);
	a.unit = (ng_text){.s = "件"};
	a.breakdown.v = parts;
	a.breakdown.n = 1;
	assert_string_equal(count_text(a), "12,345件（うち、クレジットカード情報6,789件）");
	a.breakdown.n = 2;
	assert_string_equal(count_text(a),
	                    "12,345件（うち、クレジットカード情報6,789件、住所12名）");
	a = count_of(1200);
	a.approx = true;
	a.as_of = (ng_whenf){.set = true, .v = parse_ok("2024-05-02")};
	assert_string_equal(count_text(a), "約1,200名（令和6年5月2日時点）");
	a.as_of.v = parse_ok("2024-05-02 18:30 現在");
	assert_string_equal(count_text(a), "約1,200名（令和6年5月2日18時30分現在）");
}

/* ---- 8. the forms people type (issue 13's follow-up): each read into
 * the same date and written in the letter's style */

/* spec and iso must read as the same specification. */
static void same_as(const char *spec, const char *iso)
{
	ng_when a = parse_ok(spec), b = parse_ok(iso);
	a.start.typed_wd = a.start.wd_at = 0;
	if (memcmp(&a.start.date, &b.start.date, sizeof a.start.date) != 0 ||
	    a.start.hour != b.start.hour || a.start.minute != b.start.minute ||
	    a.end_kind != b.end_kind || a.start.fiscal != b.start.fiscal)
		fail_msg("'%s' is not '%s'", spec, iso);
}

static void test_slash_dot_era_forms(void **state)
{
	(void)state;
	same_as("2024/5/2", "2024-05-02");
	same_as("2024/05/02", "2024-05-02");
	same_as("2024.5.2", "2024-05-02");
	same_as("2024-5-2", "2024-05-02");
	same_as("R6.5.2", "2024-05-02");
	same_as("R6/5/2", "2024-05-02");
	same_as("H31.4.30", "2019-04-30");
	same_as("S64.1.7", "1989-01-07");
	same_as("2024-05-02 09:05", "2024-05-02 9:05");
	same_as("2024-05-02T09:05", "2024-05-02 9:05");
	same_as("2024-05-02 09:05:00", "2024-05-02 9:05");
	same_as("2024/5/2 9:05", "2024-05-02 9:05");
	same_as("2024年5月2日", "2024-05-02");
	same_as("令和6年5月2日", "2024-05-02");
	same_as("2024/5", "2024-05");
	/* spaced as a PDF's text layer gives it back (the seed's 「令和 5 年」) */
	same_as("令和 6 年 5 月 2 日", "2024-05-02");
	same_as("2024 年 5 月 2 日 9:05", "2024-05-02 9:05");
	same_as("令和 5 年度", "2023年度");
	/* written in the letter's style, whatever the input */
	assert_string_equal(fmt("2024/5/2", ""), "令和6年5月2日（木）");
	assert_string_equal(fmt("R6.5.2", "seireki"), "2024年5月2日（木）");
	assert_string_equal(fmt("2024-05-02 09:05", "md"), "5月2日（木）9時5分");
	assert_string_equal(fmt("2024-05-02 09:05", "md colon"), "5月2日（木）9:05");
	/* 元年, and an era's first and last days */
	assert_string_equal(fmt("令和元年5月1日", "seireki"), "2019年5月1日（水）");
	assert_string_equal(fmt("平成31年4月30日", "noweekday"), "平成31年4月30日");
	assert_string_equal(fmt("昭和64年1月7日", "seireki noweekday"), "1989年1月7日");
	assert_string_equal(fmt("平成元年1月8日", "seireki noweekday"), "1989年1月8日");
	assert_string_equal(fmt("平成31年度", "seireki"), "2019年度");
	assert_string_equal(fmt("H31.4", ""), "平成31年4月");
}

static void test_kanji_numerals(void **state)
{
	(void)state;
	same_as("令和五年五月二日", "2023-05-02");
	same_as("令和元年五月一日", "2019-05-01");
	same_as("二〇二四年十二月三十一日", "2024-12-31");
	same_as("令和六年十月十日", "2024-10-10");
	same_as("令和五年度", "2023年度");
	assert_string_equal(fmt("令和五年五月二日", ""), "令和5年5月2日（火）");
	assert_string_equal(fmt("令和元年十二月", ""), "令和元年12月");
}

static void test_times_typed(void **state)
{
	(void)state;
	same_as("2024-05-02 15時00分", "2024-05-02 15:00");
	same_as("2024-05-02 9時5分", "2024-05-02 9:05");
	same_as("2024年5月2日9時半", "2024-05-02 9:30");
	same_as("2024-05-02 0時", "2024-05-02 0:00");
	same_as("2024-05-02 正午", "2024-05-02 12:00");
	assert_string_equal(fmt("2024-05-02 15時00分", "time"), "15時");
	assert_string_equal(fmt("2024-05-02 0時", "time ampm"), "午前0時");
	/* 正午 as written, 12:00 in the colon style */
	assert_string_equal(fmt("2024-05-02 正午頃", "md"), "5月2日（木）正午頃");
	assert_string_equal(fmt("2024-05-02 正午", "time ampm"), "正午");
	assert_string_equal(fmt("2024-05-02 正午", "time colon"), "12:00");
	/* 24時: the end of a day, only as a range's end */
	assert_string_equal(fmt("2024-05-02 9:00 ~ 24:00", "md"), "5月2日（木）9時～24時");
	assert_string_equal(fmt("2024-05-02 9時 ~ 24時", "md colon"), "5月2日（木）9:00～24:00");
	assert_string_equal(fmt("2024-05-02 9:00 ~ 24:00", "time ampm"), "午前9時～午後12時");
	/* a range typed in Japanese leaves out what the end shares */
	same_as("2024年5月2日15時～17時", "2024-05-02 15:00 ~ 17:00");
	assert_string_equal(fmt("令和6年5月2日～6日", "md"), "5月2日（木）～6日（月）");
	assert_string_equal(fmt("令和6年5月30日～6月2日", "md noweekday"), "5月30日～6月2日");
}

static void test_typed_weekday(void **state)
{
	(void)state;
	size_t at = 0;
	int typed = -1;
	ng_date day = {0};
	/* right: accepted and checked, the computed one printed */
	static const char *const right[] = {"2024-05-02（木）",  "2024/5/2(木)",
	                                    "2024-05-02 木曜日", "令和6年5月2日（木曜日）",
	                                    "2024/5/2(木) 9:05", "2024-05-03（金・祝）"};
	for (size_t i = 0; i < NG_ARRAY_LEN(right); i++) {
		ng_when w = parse_ok(right[i]);
		if (ng_when_typed_weekday(&w, &at, &typed, &day) != 0)
			fail_msg("'%s': weekday judged wrong", right[i]);
	}
	assert_string_equal(fmt("2024/5/2(木) 9:05", "md"), "5月2日（木）9時5分");
	/* wrong: found, at the typed weekday */
	ng_when w = parse_ok("2024/5/2(水)");
	assert_int_equal(ng_when_typed_weekday(&w, &at, &typed, &day), -1);
	assert_int_equal(at, strlen("2024/5/2"));
	assert_int_equal(typed, 3);
	assert_int_equal(ng_weekday(day), 4);
	w = parse_ok("2024-05-02 ~ 2024-05-06 日曜日");
	assert_int_equal(ng_when_typed_weekday(&w, &at, &typed, &day), -1);
	assert_int_equal(at, strlen("2024-05-02 ~ 2024-05-06 "));
	assert_string_equal(fmt("2024/5/2(水)", "md"), "5月2日（木）");
}

static void test_edges_and_two_days(void **state)
{
	(void)state;
	assert_string_equal(fmt("令和6年5月末", ""), "令和6年5月末");
	assert_string_equal(fmt("2024-05 末", "md"), "5月末");
	assert_string_equal(fmt("2024年5月初め", "seireki"), "2024年5月初め");
	assert_string_equal(fmt("令和5年度末", ""), "令和5年度末");
	assert_string_equal(fmt("2023年度末", "both"), "令和5年度末（2023年度末）");
	assert_string_equal(fmt("2024年末", "both seireki-first"), "2024年末（令和6年末）");
	assert_string_equal(fmt("2024年末", ""), "令和6年末");
	assert_string_equal(fmt("令和6年5月末時点", ""), "令和6年5月末時点");
	/* 末日 is the last day itself */
	same_as("2024年2月末日", "2024-02-29");
	/* for ordering, 年度末 is March of the next year, 月末 the last dekad */
	ng_when w = parse_ok("令和5年度末");
	ng_date f = ng_point_first(&w.start), l = ng_point_last(&w.start);
	assert_true(f.y == 2024 && f.m == 3 && f.d == 1 && l.m == 3 && l.d == 31);
	w = parse_ok("2024-02 末");
	f = ng_point_first(&w.start);
	assert_true(f.m == 2 && f.d == 21 && ng_point_last(&w.start).d == 29);
	/* two days in one reference */
	assert_string_equal(fmt("令和6年6月5日・6日", ""), "令和6年6月5日（水）・6日（木）");
	assert_string_equal(fmt("2024-06-05・2024-06-06", "md noweekday"), "6月5日・6日");
	assert_string_equal(fmt("2024/6/30・7月1日", "md"), "6月30日（日）・7月1日（月）");
	assert_string_equal(fmt("2024/6/5・6日", "short"), "6/5（水）・6/6（木）");
	/* a span of days from a day: the range it covers, the start day 1 */
	same_as("2024-05-02 から3日間", "2024-05-02 ~ 2024-05-04");
	same_as("令和6年5月30日～3日間", "2024-05-30 ~ 2024-06-01");
	same_as("2024/5/2から2024/5/4", "2024-05-02 ~ 2024-05-04");
	assert_string_equal(fmt("令和6年5月2日から3日間", "md"), "5月2日（木）～4日（土）");
}

/* Full-width digits and separators (a Japanese IME's default) read as
 * ASCII; errors and typed weekdays point at the typed (3-byte) text. */
static void test_full_width_digits(void **state)
{
	(void)state;
	same_as("２０２４年５月２日", "2024-05-02");
	same_as("令和６年５月２日", "2024-05-02");
	same_as("２０２４／５／２", "2024-05-02");
	same_as("２０２４－０５－０２", "2024-05-02");
	same_as("２０２４．５．２", "2024-05-02");
	same_as("R６.５.２", "2024-05-02");
	same_as("2024/５/2", "2024-05-02");
	same_as("２０２４／５／２ ９：０５", "2024-05-02 9:05");
	same_as("２０２４年５月２日９時５分", "2024-05-02 9:05");
	same_as("２０２４年５月２日１５時～１７時", "2024-05-02 15:00 ~ 17:00");
	assert_string_equal(fmt("２０２４／５／２", ""), "令和6年5月2日（木）");
	assert_string_equal(fmt("令和６年５月２日　９：０５", "md colon"), "5月2日（木）9:05");
	assert_string_equal(fmt("２０２４／５／２ ９時５分", "seireki"),
	                    "2024年5月2日（木）9時5分");
	/* errors at the typed character's byte */
	static const struct {
		const char *spec, *before, *says;
	} bad[] = {
	    {"２０２４年２月３０日", "２０２４年２月", "day"},
	    {"２０２４／５／２ ２５：００", "２０２４／５／２ ", "hour"},
	    {"５／２", "", "year"},
	    {"２４／５／２", "", "year"},
	    {"２０２４／５／２ｘ", "２０２４／５／２", "unexpected"},
	};
	for (size_t i = 0; i < NG_ARRAY_LEN(bad); i++) {
		ng_when w;
		size_t at = 999;
		const char *err = NULL;
		if (ng_when_parse(bad[i].spec, strlen(bad[i].spec), &w, &at, &err) == 0)
			fail_msg("'%s' was accepted", bad[i].spec);
		if (at != strlen(bad[i].before) || !strstr(err, bad[i].says))
			fail_msg("'%s': \"%s\" at %zu, want \"%s\" at %zu", bad[i].spec, err, at,
			         bad[i].says, strlen(bad[i].before));
	}
	/* a wrong typed weekday, at its byte in the typed text */
	size_t at = 0;
	int typed = -1;
	ng_date day = {0};
	ng_when w = parse_ok("２０２４／５／２（水）");
	assert_int_equal(ng_when_typed_weekday(&w, &at, &typed, &day), -1);
	assert_int_equal(at, strlen("２０２４／５／２"));
	w = parse_ok("２０２４／５／２ ～ ２０２４／５／６ 日曜日");
	assert_int_equal(ng_when_typed_weekday(&w, &at, &typed, &day), -1);
	assert_int_equal(at, strlen("２０２４／５／２ ～ ２０２４／５／６ "));
}

/* The parser's copy of the era names (for dates typed 令和6年, R6.5.2)
 * agrees with data/eras.tsv, row for row. */
static void test_era_inputs_match_table(void **state)
{
	(void)state;
	FILE *f = fopen(NG_SOURCE_DIR "/data/eras.tsv", "r");
	assert_non_null(f);
	char line[256], name[64];
	size_t row = 0;
	int y, m, d;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		assert_int_equal(sscanf(line, "%63[^\t]\t%d-%d-%d", name, &y, &m, &d), 4);
		assert_true(row < ng_era_inputs_n);
		const ng_era_input *e = &ng_era_inputs[row++];
		assert_string_equal(e->name, name);
		assert_true(e->first.y == y && e->first.m == m && e->first.d == d);
	}
	fclose(f);
	assert_int_equal(row, ng_era_inputs_n);
	/* {{R6.5.2}} is a date, not a field named R6; a field stays a field */
	ng_ref ref;
	assert_string_equal(expand_first("{{R6.5.2 | md}}に", &ref), "5月2日（木）");
	assert_int_equal(ref.path_len, 0);
	assert_string_equal(expand_first("{{令和6年5月2日}}付け", &ref), "令和6年5月2日");
	expand_first("{{client.R6}}", &ref);
	assert_int_equal(ref.path_len, strlen("client.R6"));
	/* a blank date before '|' is an empty date, not a read past the text
	 * (found by fuzz_dates) */
	size_t at = 0;
	const char *err = NULL;
	assert_int_equal(ng_prose_next("{{    | md}}", 0, &ref, &at, &err), -1);
	assert_non_null(strstr(err, "empty"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_calendars, reset),
	    cmocka_unit_test_setup(test_gannen_every_form, reset),
	    cmocka_unit_test_setup(test_weekday_rules, reset),
	    cmocka_unit_test_setup(test_precision, reset),
	    cmocka_unit_test_setup(test_fiscal_year_across_era_change, reset),
	    cmocka_unit_test_setup(test_time_styles, reset),
	    cmocka_unit_test_setup(test_parts_of_day, reset),
	    cmocka_unit_test_setup(test_ranges, reset),
	    cmocka_unit_test_setup(test_short_forms_keep_other_years, reset),
	    cmocka_unit_test_setup(test_day_and_clock, reset),
	    cmocka_unit_test_setup(test_holiday_weekday, reset),
	    cmocka_unit_test_setup(test_era_table_at_run_time, reset),
	    cmocka_unit_test_setup(test_prose_references, reset),
	    cmocka_unit_test_setup(test_counts, reset),
	    cmocka_unit_test_setup(test_slash_dot_era_forms, reset),
	    cmocka_unit_test_setup(test_kanji_numerals, reset),
	    cmocka_unit_test_setup(test_times_typed, reset),
	    cmocka_unit_test_setup(test_typed_weekday, reset),
	    cmocka_unit_test_setup(test_edges_and_two_days, reset),
	    cmocka_unit_test_setup(test_full_width_digits, reset),
	    cmocka_unit_test_setup(test_era_inputs_match_table, reset),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
