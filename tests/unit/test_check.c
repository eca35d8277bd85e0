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
	assert_int_equal(count(text, "令和5年6月7日（水）～令和5年6月9日（金）"), 2);
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
	assert_int_equal(count(text, "\"complete\":true"), 4);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(example_text),
	    cmocka_unit_test(example_json),
	    cmocka_unit_test(errors_give_no_summary),
	    cmocka_unit_test(rule_switch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
