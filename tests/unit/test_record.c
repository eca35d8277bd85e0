/* test_record.c — the record module: the reference example parsed into
 * structs, every tests/bad case reported with its id at its line:col,
 * invalid UTF-8, and prose date references. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "record/record.h"

#define EXAMPLE NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml"
#define BAD_DIR NG_SOURCE_DIR "/tests/bad"

static void example_parses(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	ng_record *r = ng_record_load(EXAMPLE, a, d);
	ng_diags_print(d, stderr, 0);
	assert_non_null(r);
	assert_int_equal(ng_diags_count(d), 0);
	assert_int_equal(r->letter.date.v.y, 2023);
	assert_int_equal(r->letter.date.v.m, 7);
	assert_int_equal(r->letter.date.v.d, 21);
	assert_string_equal(r->letter.addressee.s, "顧問先従業員各位");
	assert_string_equal(r->letter.opening.s, "拝啓");
	assert_string_equal(r->letter.closing.s, "敬具");
	assert_int_equal(r->letter.body.n, 3);
	assert_int_equal(r->parties.n, 2);
	const ng_party *mk = &r->parties.v[0];
	assert_string_equal(mk->name.s, "MKシステム");
	assert_int_equal(mk->timeline.n, 11);
	assert_true(mk->timeline.v[0].when.set);
	assert_int_equal(mk->timeline.v[0].when.v.start.part, NG_PART_GOGO);
	assert_false(mk->timeline.v[5].when.set);
	assert_string_equal(mk->timeline.v[5].label.s, "事案発生直後～現在");
	assert_int_equal(mk->timeline.v[7].when.v.end_kind, NG_END_NOW);
	assert_int_equal(mk->timeline.v[7].when.v.start.dekad, NG_DEKAD_CHUUJUN);
	assert_int_equal(mk->timeline.v[8].when.v.start.hour, 0);
	assert_int_equal(r->parties.v[1].timeline.n, 11);
	assert_int_equal(r->data_items.groups.n, 2);
	assert_int_equal(r->data_items.groups.v[0].items.n, 13);
	assert_int_equal(r->data_items.groups.v[1].items.n, 10);
	assert_string_equal(r->contact.email.s, "kob_kanri-01@kobayashiroumu.jp");
	/* Positions are 1-based and point at the value. */
	assert_int_equal(r->letter.date.pos.line, 21);
	assert_int_equal(r->letter.date.pos.col, 9);
	ng_diags_free(d);
	ng_arena_free(a);
}

/* Each file in tests/bad starts with lines "# expect: ID LINE:COL". */
static int expectations(const char *path, char ids[][32], int lines[], int cols[], int max)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char buf[256];
	int n = 0;
	while (n < max && fgets(buf, sizeof buf, f) &&
	       sscanf(buf, "# expect: %31s %d:%d", ids[n], &lines[n], &cols[n]) == 3)
		n++;
	fclose(f);
	return n;
}

static int has_diag(const ng_diags *d, const char *id, int line, int col)
{
	for (size_t i = 0; i < ng_diags_count(d); i++) {
		const ng_diag *g = ng_diags_get(d, i);
		if (strcmp(g->id, id) == 0 && g->line == line && g->col == col)
			return 1;
	}
	return 0;
}

static void bad_cases_report_position(void **state)
{
	(void)state;
	DIR *dir = opendir(BAD_DIR);
	assert_non_null(dir);
	struct dirent *e;
	int cases = 0;
	while ((e = readdir(dir))) {
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0)
			continue;
		char path[512], ids[8][32];
		int lines[8], cols[8];
		snprintf(path, sizeof path, "%s/%s", BAD_DIR, e->d_name);
		int k = expectations(path, ids, lines, cols, 8);
		assert_true(k > 0);
		ng_arena *a = ng_arena_new();
		ng_diags *d = ng_diags_new();
		ng_record *r = ng_record_load(path, a, d);
		int errors = (int)ng_diags_errors(d);
		for (int i = 0; i < k; i++) {
			if (!has_diag(d, ids[i], lines[i], cols[i])) {
				ng_diags_print(d, stderr, 0);
				fail_msg("%s: no %s at %d:%d", e->d_name, ids[i], lines[i],
					 cols[i]);
			}
		}
		/* A warning-only case still loads; an error case never does. */
		assert_true(errors > 0 ? r == NULL : r != NULL);
		ng_diags_free(d);
		ng_arena_free(a);
		cases++;
	}
	closedir(dir);
	assert_true(cases >= 10);
}

static void invalid_utf8_has_line_col(void **state)
{
	(void)state;
	char path[] = "/tmp/ng-utf8-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	fputs("letter:\n  title: あい\xff\n", f);
	fclose(f);
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	assert_null(ng_record_load(path, a, d));
	assert_true(has_diag(d, "invalid-utf8", 2, 12));
	ng_diags_free(d);
	ng_arena_free(a);
	remove(path);
}

static void prose_references(void **state)
{
	(void)state;
	const char *s = "同日{{2023-06-05 13:50 | time}}に、{{2023-06-06 明朝|md}}まで";
	ng_ref ref;
	size_t err_at = 0;
	const char *err = NULL;
	assert_int_equal(ng_prose_next(s, 0, &ref, &err_at, &err), 1);
	assert_int_equal(ref.start, strlen("同日"));
	assert_int_equal(ref.style, NG_DATE_TIME);
	assert_int_equal(ref.when.start.hour, 13);
	assert_int_equal(ref.when.start.minute, 50);
	assert_int_equal(ng_prose_next(s, ref.end, &ref, &err_at, &err), 1);
	assert_int_equal(ref.style, NG_DATE_MD);
	assert_int_equal(ref.when.start.part, NG_PART_MYOUCHOU);
	assert_int_equal(ng_prose_next(s, ref.end, &ref, &err_at, &err), 0);
	assert_int_equal(ng_prose_next("x{{2023-06-05", 0, &ref, &err_at, &err), -1);
	assert_int_equal(err_at, 1);
	assert_int_equal(ng_prose_next("{{2023-06-05 | weird}}", 0, &ref, &err_at, &err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(example_parses),
	    cmocka_unit_test(bad_cases_report_position),
	    cmocka_unit_test(invalid_utf8_has_line_col),
	    cmocka_unit_test(prose_references),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
