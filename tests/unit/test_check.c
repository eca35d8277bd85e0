/* test_check.c — ng_check_run, the core of `notice-gen check`: the
 * reference example's summary states category 3 and a 確報 due 2023-08-03
 * (令和5年8月3日（木）) for each party, in text and as JSON lines; a record
 * with errors gets no summary and NG_ERR_INPUT; a missing file NG_ERR_IO;
 * the deadline rule follows the record's `deadlines`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "notice_gen.h"
#include "util/util.h"

#define EXAMPLE NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml"

/* Runs a check; the summary goes to *text (caller frees). */
static ng_status check(const char *input, int json, char **text, ng_diags *d)
{
	size_t len = 0;
	FILE *mem = open_memstream(text, &len);
	assert_non_null(mem);
	ng_check_opts o = {.input = input, .summary = mem, .json = json};
	ng_status st = ng_check_run(&o, d);
	fclose(mem);
	return st;
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void example_text(void **state)
{
	(void)state;
	ng_diags *d = ng_diags_new();
	char *text = NULL;
	assert_int_equal(check(EXAMPLE, 0, &text, d), NG_OK);
	assert_int_equal(ng_diags_count(d), 0);
	assert_int_equal(count(text, "令和5年8月3日（木）"), 2);
	assert_int_equal(count(text, "[2023-08-03]"), 2);
	/* The 速報 target is one date (day 5), with the guideline's words. */
	assert_int_equal(count(text, "速報 target: 令和5年6月9日（金）  [2023-06-09]"), 2);
	assert_int_equal(count(text, "速やかに（概ね3～5日以内）"), 2);
	/* Dated 7-21, after the target: the 確報, where 本人の数 (調査中) is
	 * missing for the PPC and the 委託元, not for the persons. */
	assert_non_null(strstr(text, "report (規則第8条): 確報 (dated after"));
	assert_int_equal(count(text, "incomplete, missing 3\n"), 2);
	assert_non_null(strstr(text, "\n    3 "));
	free(text);
	ng_diags_free(d);
}

static void example_json(void **state)
{
	(void)state;
	ng_diags *d = ng_diags_new();
	char *text = NULL;
	assert_int_equal(check(EXAMPLE, 1, &text, d), NG_OK);
	/* One object a line: a summary, two parties, four letter types. */
	assert_int_equal(count(text, "\n"), 7);
	assert_int_equal(count(text, "{\"type\":"), 7);
	assert_non_null(strstr(text, "\"categories\":[3]"));
	assert_int_equal(count(text, "\"final_due\":\"2023-08-03\""), 2);
	assert_int_equal(count(text, "\"final_days\":60"), 2);
	assert_int_equal(count(text, "\"complete\":true"), 2);
	assert_non_null(strstr(text, "\"report\":\"final\",\"report_from\":\"date\""));
	assert_int_equal(count(text, "\"quick_target\":\"2023-06-09\""), 2);
	free(text);
	ng_diags_free(d);
}

static void errors_give_no_summary(void **state)
{
	(void)state;
	ng_diags *d = ng_diags_new();
	char *text = NULL;
	assert_int_equal(check(NG_SOURCE_DIR "/tests/bad/required-harm.yaml", 0, &text, d),
	                 NG_ERR_INPUT);
	assert_string_equal(text, "");
	free(text);
	ng_diags_free(d);
	d = ng_diags_new();
	assert_int_equal(check("/nonexistent/incident.yaml", 0, &text, d), NG_ERR_IO);
	free(text);
	ng_diags_free(d);
}

/* The example with a deadline rule appended. */
static void rule_switch(void **state)
{
	(void)state;
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(ng_read_file(EXAMPLE, 1 << 20, &data, &len), 0);
	char path[] = "/tmp/ng-check-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs(data, f);
	fputs("deadlines:\n  first_day: excluded\n  roll: none\n", f);
	fclose(f);
	free(data);
	ng_diags *d = ng_diags_new();
	char *text = NULL;
	assert_int_equal(check(path, 1, &text, d), NG_OK);
	assert_int_equal(count(text, "\"final_due\":\"2023-08-04\""), 2);
	assert_non_null(strstr(text, "\"first_day\":\"excluded\",\"roll\":\"none\""));
	free(text);
	ng_diags_free(d);
	remove(path);
}

/* The example with its lines matching from replaced by to (sed -E). */
static char *variant(const char *sed_expr)
{
	static char path[64];
	strcpy(path, "/tmp/ng-check-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "sed -E '%s' '%s' > '%s'", sed_expr, EXAMPLE, path);
	assert_int_equal(system(cmd), 0);
	return path;
}

static bool has_code(const ng_diags *d, const char *id)
{
	for (size_t i = 0; i < ng_diags_count(d); i++)
		if (strcmp(ng_diags_get(d, i)->id, id) == 0)
			return true;
	return false;
}

/* 規則第8条: 調査中 is fine in a 速報 (第1項), missing in a 確報 (第2項). */
static void preliminary_and_final(void **state)
{
	(void)state;
	static const struct {
		const char *sed;
		const char *report;
		size_t complete;
	} cases[] = {
	    {"s/^  date: 2023-07-21/  date: 2023-07-21\\n  report: preliminary/", "preliminary", 4},
	    {"s/^  date: 2023-07-21/  date: 2023-07-21\\n  report: 速報/", "preliminary", 4},
	    {"s/^  date: 2023-07-21/  date: 2023-06-08\\n  report: 確報/", "final", 2},
	    /* From the date: by the target (day 5, 6-9) a 速報, after it a 確報. */
	    {"s/^  date: 2023-07-21/  date: 2023-06-09/", "preliminary", 4},
	    {"s/^  date: 2023-07-21/  date: 2023-06-10/", "final", 2},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *path = variant(cases[i].sed);
		ng_diags *d = ng_diags_new();
		char *text = NULL;
		assert_int_equal(check(path, 1, &text, d), NG_OK);
		char want[64];
		snprintf(want, sizeof want, "\"report\":\"%s\"", cases[i].report);
		if (!strstr(text, want) || count(text, "\"complete\":true") != cases[i].complete)
			fail_msg("case %zu: %s", i, text);
		assert_false(has_code(d, "final-investigating"));
		free(text);
		ng_diags_free(d);
		remove(path);
	}
	/* A bad value names the accepted ones. */
	char *path = variant("s/^  date: 2023-07-21/  date: 2023-07-21\\n  report: second/");
	ng_diags *d = ng_diags_new();
	char *text = NULL;
	assert_int_equal(check(path, 0, &text, d), NG_ERR_INPUT);
	assert_true(has_code(d, "bad-value"));
	free(text);
	ng_diags_free(d);
	remove(path);
}

/* A letter dated after the 確報 deadline (2023-08-03) that still says
 * 調査中 warns, at the item; on the day itself it does not. */
static void late_letter_with_open_items(void **state)
{
	(void)state;
	static const char *const dates[] = {"2023-08-03", "2023-08-04"};
	for (int k = 0; k < 2; k++) {
		char sed[128];
		snprintf(sed, sizeof sed,
		         "s/^  date: 2023-07-21/  date: %s/; s/^  audience: individuals/  "
		         "audience: ppc/",
		         dates[k]);
		char *path = variant(sed);
		ng_diags *d = ng_diags_new();
		char *text = NULL;
		assert_int_equal(check(path, 0, &text, d), NG_OK);
		assert_int_equal(has_code(d, "final-investigating"), k == 1);
		for (size_t i = 0; k == 1 && i < ng_diags_count(d); i++) {
			const ng_diag *g = ng_diags_get(d, i);
			if (strcmp(g->id, "final-investigating") == 0) {
				assert_int_equal(g->severity, NG_SEV_WARNING);
				assert_int_equal(g->line, 167); /* affected: 調査中 */
			}
		}
		free(text);
		ng_diags_free(d);
		remove(path);
	}
}

/* The summary and the messages write dates as the letter does: in 西暦
 * for letter.calendar seireki, both for both (和暦 first by default); the
 * JSON keeps its 和暦 keys and adds the letter's writing. */
static void dates_in_the_letters_calendar(void **state)
{
	(void)state;
	static const struct {
		const char *calendar;
		const char *due, *quick;
	} cases[] = {
	    {"seireki", "2023年8月3日（木）", "速報 target: 2023年6月9日（金）  [2023-06-09]"},
	    {"both", "令和5年（2023年）8月3日（木）",
	     "速報 target: 令和5年（2023年）6月9日（金）  [2023-06-09]"},
	    {"wareki", "令和5年8月3日（木）", "速報 target: 令和5年6月9日（金）  [2023-06-09]"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char sed[160];
		/* dated after the 確報 deadline, for the PPC: the late item's message
		 * names the deadline too */
		snprintf(sed, sizeof sed,
		         "s/^  date: 2023-07-21/  date: 2023-08-04\\n  calendar: %s/; "
		         "s/^  audience: individuals/  audience: ppc/",
		         cases[i].calendar);
		char *path = variant(sed);
		ng_diags *d = ng_diags_new();
		char *text = NULL;
		assert_int_equal(check(path, 0, &text, d), NG_OK);
		if (count(text, cases[i].due) != 2 || count(text, cases[i].quick) != 2)
			fail_msg("%s: %s", cases[i].calendar, text);
		assert_int_equal(count(text, "令和5年") > 0, i > 0); /* no 和暦 in a 西暦 letter */
		bool named = false;
		for (size_t k = 0; k < ng_diags_count(d); k++) {
			const ng_diag *g = ng_diags_get(d, k);
			if (strcmp(g->id, "final-investigating") == 0)
				named = strstr(g->message, cases[i].due) != NULL;
		}
		assert_true(named);
		free(text);
		text = NULL;
		ng_diags_free(d);
		d = ng_diags_new();
		assert_int_equal(check(path, 1, &text, d), NG_OK);
		assert_int_equal(count(text, "\"final_due_wareki\":\"令和5年8月3日（木）\""), 2);
		char want[96];
		snprintf(want, sizeof want, "\"final_due_text\":\"%s\"", cases[i].due);
		assert_int_equal(count(text, want), 2);
		free(text);
		ng_diags_free(d);
		remove(path);
	}
}

/* A deadline in a year whose equinoxes the holiday table does not have
 * yet is provisional, and render says so as check does (the table is cut
 * to 2022 in a copy of the program's home, so the example's 2023
 * deadlines fall past it). */
static void render_warns_past_holiday_table(void **state)
{
	(void)state;
	char home[] = "/tmp/ng-home-XXXXXX";
	assert_non_null(mkdtemp(home));
	char cmd[2048];
	snprintf(
	    cmd, sizeof cmd,
	    "cd '%s' && for f in '%s'/*; do [ \"${f##*/}\" = data ] || ln -s \"$f\" .; done && "
	    "mkdir data && for f in '%s'/data/*; do ln -s \"$f\" data/; done && "
	    "rm data/holidays-jp.tsv && grep '^2022-' '%s/data/holidays-jp.tsv' > "
	    "data/holidays-jp.tsv",
	    home, NG_SOURCE_DIR, NG_SOURCE_DIR, NG_SOURCE_DIR);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd,
	         "NOTICE_GEN_HOME='%s' '%s' render '%s' --template ppc-report -o '%s/out.pdf' "
	         "2>'%s/err'",
	         home, NG_BINARY, EXAMPLE, home, home);
	assert_int_equal(system(cmd), 0);
	/* The year as the letter writes its years: the example is in 和暦. */
	snprintf(cmd, sizeof cmd,
	         "grep -c 'incident.yaml:[0-9]*:[0-9]*: warning: holiday table: a deadline falls "
	         "in 令和5年, .* provisional' '%s/err' | grep -qx 2",
	         home);
	if (system(cmd) != 0) {
		snprintf(cmd, sizeof cmd, "cat '%s/err' >&2", home);
		(void)system(cmd);
		fail_msg("no warning naming 令和5年");
	}
	/* A 西暦 letter and check say 2023年. */
	char *path = variant("s/^  date: 2023-07-21/  date: 2023-07-21\\n  calendar: seireki/");
	snprintf(cmd, sizeof cmd,
	         "NOTICE_GEN_HOME='%s' '%s' check '%s' 2>'%s/err2' >/dev/null; "
	         "grep -c 'warning: holiday table: a deadline falls in 2023年, .* provisional' "
	         "'%s/err2' | grep -qx 2 && ! grep -q 令和 '%s/err2'",
	         home, NG_BINARY, path, home, home, home);
	if (system(cmd) != 0) {
		snprintf(cmd, sizeof cmd, "cat '%s/err2' >&2", home);
		(void)system(cmd);
		fail_msg("check does not name 2023年 in a 西暦 letter");
	}
	remove(path);
	/* With the whole table, nothing is said. */
	snprintf(cmd, sizeof cmd,
	         "'%s' render '%s' --template ppc-report -o '%s/out2.pdf' 2>&1 | "
	         "grep -q holiday",
	         NG_BINARY, EXAMPLE, home);
	assert_int_not_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(example_text),
	    cmocka_unit_test(example_json),
	    cmocka_unit_test(errors_give_no_summary),
	    cmocka_unit_test(rule_switch),
	    cmocka_unit_test(preliminary_and_final),
	    cmocka_unit_test(late_letter_with_open_items),
	    cmocka_unit_test(dates_in_the_letters_calendar),
	    cmocka_unit_test(render_warns_past_holiday_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
