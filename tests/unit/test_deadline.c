/* test_deadline.c — report deadlines (src/law): calendar arithmetic, the
 * reference example (known 2023-06-05, category 3: 確報 2023-08-03), the
 * 30-day deadline, both counting rules, a deadline on a weekend, on a
 * national holiday and across New Year, and the holiday table. */
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
	assert_false(ng_holidays_covers(&holidays, 1999));
	assert_false(ng_working_day(&day1_roll, D(2023, 7, 17)));
	assert_false(ng_working_day(&day1_roll, D(2024, 9, 23))); /* 振替休日 */
	ng_diags *d = ng_diags_new();
	ng_holidays h;
	assert_int_equal(ng_holidays_load("/nonexistent/holidays.tsv", &h, arena, d), -1);
	assert_int_equal(ng_diags_count(d), 1);
	assert_string_equal(ng_diags_get(d, 0)->id, "holidays");
	ng_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(arithmetic), cmocka_unit_test(reference_example),
	    cmocka_unit_test(weekend),    cmocka_unit_test(holiday),
	    cmocka_unit_test(new_year),   cmocka_unit_test(holiday_table),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
