/* test_deadline.c — report deadlines (src/law): calendar arithmetic, the
 * reference example (known 2023-06-05, category 3: 確報 2023-08-03), the
 * 30-day deadline, both counting rules, a deadline on a weekend, on a
 * national holiday and across New Year; holidays by rule for every year of
 * the law (against the published lists of 2022–2027 and days that test
 * one rule each), provisional years, and bad lines of the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "law/deadline.h"

static ng_holidays holidays;
static ng_arena *arena;

static int setup(void **state)
{
	(void)state;
	arena = ng_arena_new();
	ng_diags *d = ng_diags_new();
	int rc = ng_holidays_load_default(&holidays, arena, d);
	ng_diags_print(d, stderr, 0);
	ng_diags_free(d);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	ng_arena_free(arena);
	return 0;
}

static void assert_date(ng_date got, int y, int m, int d)
{
	if (got.y != y || got.m != m || got.d != d)
		fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", got.y, got.m, got.d, y, m, d);
}

static ng_date D(int y, int m, int d)
{
	return (ng_date){y, m, d};
}

static const ng_day_rule day1_roll = {NG_FIRST_DAY_INCLUDED, NG_ROLL_NEXT_WORKING_DAY, &holidays};
static const ng_day_rule day1_fixed = {NG_FIRST_DAY_INCLUDED, NG_ROLL_NONE, NULL};
static const ng_day_rule next_day_roll = {NG_FIRST_DAY_EXCLUDED, NG_ROLL_NEXT_WORKING_DAY,
                                          &holidays};

static void arithmetic(void **state)
{
	(void)state;
	assert_date(ng_date_add_days(D(2024, 2, 28), 1), 2024, 2, 29);
	assert_date(ng_date_add_days(D(2023, 2, 28), 1), 2023, 3, 1);
	assert_date(ng_date_add_days(D(2023, 12, 31), 1), 2024, 1, 1);
	assert_date(ng_date_add_days(D(2024, 3, 1), -1), 2024, 2, 29);
	assert_int_equal(ng_date_diff(D(2023, 6, 5), D(2023, 8, 3)), 59);
	assert_int_equal(ng_date_diff(D(2000, 1, 1), D(2001, 1, 1)), 366);
}

static void reference_example(void **state)
{
	(void)state;
	ng_deadlines dl;
	ng_deadlines_compute(&day1_roll, D(2023, 6, 5), NG_CATEGORY_BIT(3), &dl);
	assert_int_equal(dl.final_days, 60);
	assert_date(dl.final, 2023, 8, 3);
	assert_date(dl.quick, 2023, 6, 9);
	/* Without category 3: 30 days, day 30 = 2023-07-04 (a Tuesday). */
	ng_deadlines_compute(&day1_roll, D(2023, 6, 5), NG_CATEGORY_BIT(1), &dl);
	assert_int_equal(dl.final_days, 30);
	assert_date(dl.final, 2023, 7, 4);
	/* The day after knowing as day 1: one day later. */
	ng_deadlines_compute(&next_day_roll, D(2023, 6, 5), NG_CATEGORY_BIT(3), &dl);
	assert_date(dl.final, 2023, 8, 4);
}

static void weekend(void **state)
{
	(void)state;
	/* Known Saturday 2023-06-03: day 30 is Sunday 2023-07-02. */
	assert_date(ng_nth_day(&day1_fixed, D(2023, 6, 3), 30), 2023, 7, 2);
	assert_date(ng_nth_day(&day1_roll, D(2023, 6, 3), 30), 2023, 7, 3);
	/* The 速報 target (day 5) is a target, not a deadline: a Saturday
	 * stays a Saturday, while the 確報 deadline moves. */
	ng_deadlines dl;
	ng_deadlines_compute(&day1_roll, D(2023, 6, 6), 0, &dl);
	assert_date(dl.quick, 2023, 6, 10);
	/* Known 2024-12-27: the target is 12-31, in the new-year break, not
	 * 「1/6～1/6」 (both ends of a window moved past it). */
	ng_deadlines_compute(&day1_roll, D(2024, 12, 27), 0, &dl);
	assert_date(dl.quick, 2024, 12, 31);
	ng_deadlines_compute(&next_day_roll, D(2024, 12, 27), 0, &dl);
	assert_date(dl.quick, 2025, 1, 1);
	/* A letter after the target is the 確報 unless the record says. */
	assert_false(ng_report_final_by_date(D(2024, 12, 31), &dl));
	assert_true(ng_report_final_by_date(D(2025, 1, 2), &dl));
	assert_false(ng_working_day(&day1_roll, D(2023, 6, 10)));
	assert_true(ng_working_day(&day1_roll, D(2023, 6, 12)));
}

static void holiday(void **state)
{
	(void)state;
	/* Day 30 from 2023-06-18 is Monday 2023-07-17, 海の日. */
	assert_date(ng_nth_day(&day1_roll, D(2023, 6, 18), 30), 2023, 7, 18);
	ng_day_rule no_table = {NG_FIRST_DAY_INCLUDED, NG_ROLL_NEXT_WORKING_DAY, NULL};
	assert_date(ng_nth_day(&no_table, D(2023, 6, 18), 30), 2023, 7, 17);
	/* Golden Week 2024: 5-3 (Fri) .. 5-6 (振替休日). */
	assert_date(ng_nth_day(&day1_roll, D(2024, 4, 4), 30), 2024, 5, 7);
}

static void new_year(void **state)
{
	(void)state;
	/* Day 30 from 2023-12-01 is Saturday 12-30: 12-29..01-03 are closed,
	 * so the next working day is Thursday 2024-01-04. */
	assert_date(ng_nth_day(&day1_fixed, D(2023, 12, 1), 30), 2023, 12, 30);
	assert_date(ng_nth_day(&day1_roll, D(2023, 12, 1), 30), 2024, 1, 4);
	assert_date(ng_nth_day(&next_day_roll, D(2023, 12, 1), 30), 2024, 1, 4);
	/* A 60-day deadline crossing New Year lands on 2024-01-29 (Mon). */
	ng_deadlines dl;
	ng_deadlines_compute(&day1_roll, D(2023, 12, 1), NG_CATEGORY_BIT(3), &dl);
	assert_date(dl.final, 2024, 1, 29);
	/* 12-29 on a weekday is closed too. */
	assert_false(ng_working_day(&day1_fixed, D(2025, 12, 29)));
	assert_false(ng_working_day(&day1_fixed, D(2026, 1, 2)));
}

static void holiday_table(void **state)
{
	(void)state;
	assert_true(ng_holidays_covers(&holidays, 2023));
	assert_true(ng_holidays_covers(&holidays, 1999));
	assert_false(ng_holidays_covers(&holidays, 1947));
	assert_false(ng_holidays_provisional(&holidays, 2027));
	assert_true(ng_holidays_provisional(&holidays, 2028));
	assert_false(ng_working_day(&day1_roll, D(2023, 7, 17)));
	assert_false(ng_working_day(&day1_roll, D(2024, 9, 23))); /* 振替休日 */
	ng_diags *d = ng_diags_new();
	ng_holidays h;
	assert_int_equal(ng_holidays_load("/nonexistent/holidays.tsv", &h, arena, d), -1);
	assert_int_equal(ng_diags_count(d), 1);
	assert_string_equal(ng_diags_get(d, 0)->id, "holidays-table");
	ng_diags_free(d);
}

/* The rules give exactly the holidays 内閣府 published for 2022–2027 (the
 * table this project shipped before the rules, kept as a fixture). */
static void rules_match_published_years(void **state)
{
	(void)state;
	FILE *f = fopen(NG_SOURCE_DIR "/tests/golden/holidays-2022-2027.tsv", "r");
	assert_non_null(f);
	ng_date want[200];
	size_t n = 0;
	char line[256];
	while (fgets(line, sizeof line, f) && n < 200) {
		int y, m, dd;
		if (line[0] != '#' && sscanf(line, "%d-%d-%d", &y, &m, &dd) == 3)
			want[n++] = D(y, m, dd);
	}
	fclose(f);
	assert_true(n > 100);
	size_t k = 0;
	for (int y = 2022; y <= 2027; y++) {
		ng_date v[64];
		size_t got = ng_holidays_of_year(&holidays, y, v);
		for (size_t i = 0; i < got; i++, k++) {
			assert_true(k < n);
			assert_date(v[i], want[k].y, want[k].m, want[k].d);
		}
	}
	assert_int_equal(k, n);
}

/* Rules across the law's history: each year's holidays by rule, checked
 * on days that test one rule each. */
static void rules_through_history(void **state)
{
	(void)state;
	static const struct {
		ng_date d;
		bool holiday;
	} days[] = {
	    {{1948, 9, 23}, true},  /* 秋分の日, the law's first year */
	    {{1948, 1, 1}, false},  /* before the law */
	    {{1966, 9, 15}, true},  /* 敬老の日 (fixed) */
	    {{1973, 4, 30}, true},  /* the first 振替休日 (4/29 Sunday) */
	    {{1973, 2, 12}, false}, /* 2/11 Sunday, before 振替休日 existed */
	    {{1988, 5, 4}, true},   /* 国民の休日 */
	    {{1989, 2, 24}, true},  /* 大喪の礼 (table) */
	    {{1989, 4, 29}, true},  /* みどりの日 */
	    {{1989, 12, 23}, true}, /* 天皇誕生日 (平成) */
	    {{1999, 1, 15}, true},  /* 成人の日 (fixed) */
	    {{2000, 1, 10}, true},  /* 成人の日 (2nd Monday) */
	    {{2000, 1, 15}, false},  {{2002, 7, 20}, true}, /* 海の日 (fixed) */
	    {{2003, 7, 21}, true},                          /* 海の日 (3rd Monday) */
	    {{2006, 5, 4}, true},                           /* 国民の休日 */
	    {{2008, 5, 6}, true},  /* 5/4 Sunday: 振替 to the next free day */
	    {{2009, 9, 22}, true}, /* 国民の休日 (Silver Week) */
	    {{2015, 9, 22}, true},   {{2016, 8, 11}, true}, /* 山の日 */
	    {{2018, 12, 24}, true},                         /* 12/23 Sunday → 振替 */
	    {{2019, 4, 30}, true}, /* 国民の休日 around 即位の日 */
	    {{2019, 5, 1}, true},    {{2019, 5, 2}, true},
	    {{2019, 5, 6}, true},                           /* 5/5 Sunday → 振替 */
	    {{2019, 12, 23}, false},                        /* no 天皇誕生日 in 2019 */
	    {{2020, 2, 23}, true},   {{2020, 2, 24}, true}, /* 振替 */
	    {{2020, 7, 23}, true},                          /* Olympic moves (table) */
	    {{2020, 7, 20}, false},  {{2020, 10, 12}, false},
	    {{2021, 8, 9}, true},  /* 山の日 8/8 Sunday → 振替 */
	    {{2028, 5, 3}, true},  /* 憲法記念日 in a provisional year */
	    {{2032, 9, 21}, true}, /* 国民の休日 between 敬老の日 and 秋分の日 */
	    {{2150, 11, 3}, true},
	};
	for (size_t i = 0; i < NG_ARRAY_LEN(days); i++)
		if (ng_holiday(&holidays, days[i].d) != days[i].holiday)
			fail_msg("%04d-%02d-%02d: want %s", days[i].d.y, days[i].d.m, days[i].d.d,
			         days[i].holiday ? "a holiday" : "no holiday");
	/* The equinox formula agrees with every announced year in the table. */
	ng_date v[64];
	for (int y = 2022; y <= 2027; y++) {
		size_t n = ng_holidays_of_year(NULL, y, v), m = 0;
		ng_date w[64];
		m = ng_holidays_of_year(&holidays, y, w);
		assert_int_equal(n + 6 * (y == 2020 || y == 2021), m);
	}
}

static void bad_table_lines(void **state)
{
	(void)state;
	static const char *const bad[] = {
	    "2024-03-20 春分の日\n",           /* a space, not a tab */
	    "2024-09-22\t春分の日\n",          /* 春分 in September */
	    "2024-02-30\t休日\n",              /* no such day */
	    "1900-01-01\t休日\n",              /* before the law */
	    "# ok\n2024-03-20\t春分の日\nx\n", /* line 3 */
	};
	static const int lines[] = {1, 1, 1, 1, 3};
	for (size_t i = 0; i < NG_ARRAY_LEN(bad); i++) {
		char path[64];
		snprintf(path, sizeof path, "/tmp/ng-holidays-%zu.tsv", i);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(bad[i], f);
		fclose(f);
		ng_diags *d = ng_diags_new();
		ng_holidays h;
		assert_int_equal(ng_holidays_load(path, &h, arena, d), -1);
		assert_int_equal(ng_diags_count(d), 1);
		assert_string_equal(ng_diags_get(d, 0)->id, "holidays-table");
		assert_int_equal(ng_diags_get(d, 0)->line, lines[i]);
		assert_int_equal(ng_diags_get(d, 0)->severity, NG_SEV_ERROR);
		ng_diags_free(d);
		remove(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(arithmetic),
	    cmocka_unit_test(reference_example),
	    cmocka_unit_test(weekend),
	    cmocka_unit_test(holiday),
	    cmocka_unit_test(new_year),
	    cmocka_unit_test(holiday_table),
	    cmocka_unit_test(rules_match_published_years),
	    cmocka_unit_test(rules_through_history),
	    cmocka_unit_test(bad_table_lines),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
