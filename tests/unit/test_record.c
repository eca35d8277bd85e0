/* test_record.c — the record module: the reference example parsed into
 * structs (with the report items, categories and party dates), the
 * tests/bad corpus against its golden diagnostics, invalid UTF-8, a BOM,
 * the size caps, and prose date references. */
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
#include "record/yaml_tree.h"

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
	/* The report items beyond what the letter prints. */
	assert_int_equal(r->letter.audience, NG_AUD_INDIVIDUALS);
	assert_int_equal(r->categories, NG_CATEGORY_BIT(3));
	assert_int_equal(r->affected.state, NG_STATE_INVESTIGATING);
	for (int i = NG_ITEM_OVERVIEW; i < NG_ITEM__END; i++)
		assert_int_not_equal(r->items[i].state, NG_STATE_ABSENT);
	assert_int_equal(r->items[NG_ITEM_COUNT].state, NG_STATE_INVESTIGATING);
	assert_int_equal(r->items[NG_ITEM_PREVENTION].state, NG_STATE_KNOWN);
	assert_true(mk->known.set);
	assert_int_equal(mk->known.v.start.date.d, 5);
	assert_int_equal(mk->occurred.v.start.part, NG_PART_MIMEI);
	assert_int_equal(r->parties.v[1].known.v.start.hour, 19);
	/* Positions are 1-based and point at the value. */
	assert_int_equal(r->letter.date.pos.line, 21);
	assert_int_equal(r->letter.date.pos.col, 9);
	ng_diags_free(d);
	ng_arena_free(a);
}

/* tests/bad: one broken record per file (its first line says what is
 * wrong); tests/bad/expected.txt holds, per file, every diagnostic as
 * "FILE ID LINE:COL". NG_UPDATE_GOLDEN=1 rewrites it from the output. */
#define GOLDEN BAD_DIR "/expected.txt"

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .yaml files of tests/bad, sorted; returns how many. */
static size_t bad_files(char **names, size_t max)
{
	DIR *dir = opendir(BAD_DIR);
	assert_non_null(dir);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dir)) && n < max) {
		size_t len = strlen(e->d_name);
		if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0)
			names[n++] = ng_xstrdup(e->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof *names, cmp_names);
	return n;
}

/* Loads one case; appends its diagnostics to out. Error cases must not
 * load, warning-only cases must. Returns the number of diagnostics. */
static size_t run_case(const char *name, ng_buf *out)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", BAD_DIR, name);
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	ng_record *r = ng_record_load(path, a, d);
	size_t n = ng_diags_count(d);
	for (size_t i = 0; i < n; i++) {
		const ng_diag *g = ng_diags_get(d, i);
		ng_buf_printf(out, "%s %s %d:%d\n", name, g->id, g->line, g->col);
	}
	if (ng_diags_errors(d) > 0 ? r != NULL : r == NULL)
		fail_msg("%s: loaded with errors, or failed without", name);
	ng_diags_free(d);
	ng_arena_free(a);
	return n;
}

static void bad_cases_match_golden(void **state)
{
	(void)state;
	char *names[256];
	size_t n = bad_files(names, 256);
	assert_true(n >= 40);
	ng_buf got = {0};
	for (size_t i = 0; i < n; i++) {
		if (run_case(names[i], &got) == 0)
			fail_msg("%s: no diagnostic", names[i]);
		free(names[i]);
	}
	const char *update = getenv("NG_UPDATE_GOLDEN");
	if (update && *update)
		assert_int_equal(ng_write_file_atomic(GOLDEN, got.data, got.len, 0644), 0);
	char *want = NULL;
	size_t len = 0;
	assert_int_equal(ng_read_file(GOLDEN, 1 << 20, &want, &len), 0);
	if (strcmp(want, got.data) != 0) {
		fprintf(stderr, "got:\n%s", got.data);
		fail_msg("diagnostics differ from %s (NG_UPDATE_GOLDEN=1 rewrites it)", GOLDEN);
	}
	free(want);
	ng_buf_free(&got);
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

/* Writes text to a temporary file; returns its path (static buffer). */
static const char *temp_record(const char *text, size_t len)
{
	static char path[32];
	strcpy(path, "/tmp/ng-rec-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	fwrite(text, 1, len, f);
	fclose(f);
	return path;
}

static void bom_is_accepted(void **state)
{
	(void)state;
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(
	    ng_read_file(NG_SOURCE_DIR "/tests/golden/minimal.yaml", 1 << 20, &data, &len), 0);
	ng_buf b = {0};
	ng_buf_adds(&b, "\xEF\xBB\xBF");
	ng_buf_add(&b, data, len);
	const char *path = temp_record(b.data, b.len);
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	ng_record *r = ng_record_load(path, a, d);
	ng_diags_print(d, stderr, 0);
	assert_non_null(r);
	assert_int_equal(ng_diags_count(d), 0);
	assert_string_equal(r->letter.title.s, "お知らせ");
	remove(path);
	ng_buf_free(&b);
	free(data);
	ng_diags_free(d);
	ng_arena_free(a);
}

/* Loads text with limits; returns whether a too-large diagnostic came. */
static bool over_cap(const char *text, ng_yaml_limits lim)
{
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	ng_node *root = ng_yaml_load("t.yaml", text, strlen(text), &lim, a, d);
	bool too_large =
	    ng_diags_count(d) == 1 && strcmp(ng_diags_get(d, 0)->id, "too-large") == 0 && !root;
	ng_diags_free(d);
	ng_arena_free(a);
	return too_large;
}

static void caps_are_enforced(void **state)
{
	(void)state;
	ng_yaml_limits lim = {.max_bytes = 64, .max_depth = 3, .max_items = 3};
	assert_false(over_cap("a: [1, 2, 3]\n", lim));
	assert_true(over_cap("a: [1, 2, 3, 4]\n", lim));
	assert_true(over_cap("a: {b: {c: [1]}}\n", lim));
	assert_false(over_cap("a: {b: [1]}\n", lim));
	char big[128];
	memset(big, '#', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_true(over_cap(big, lim));
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

/* A count typed as the letter words it is an error whose hint gives the
 * same count as data; {count: 1,230} (two keys in YAML) says why. */
static void typed_count_hints(void **state)
{
	(void)state;
	/* What does not read as a count: the hint gives the map form; a
	 * count with a problem inside: an error at the problem. */
	static const struct {
		const char *value, *hint;
		int col;
	} cases[] = {
	    {"たくさん", "{count: 1230, approx: true, unit: 世帯}", 11},
	    {"{count: 1,230, unit: 世帯}", "write 1230", 21},
	    {"約1,23名", "約1.2万件", 14},
	    {"100～50件", "100～200件", 15},
	    {"数十～200件", "100～200件", 14},
	    {"300名（312件", "300名分（312件）", 20},
	    {"1.2件", "約1.2万件", 12},
	    {"12345万件", "約1.2万件", 16},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[256];
		snprintf(text, sizeof text,
		         "letter: {date: 2025-09-12, title: t}\nsender: {organization: o}\n"
		         "affected: %s\n",
		         cases[i].value);
		ng_arena *a = ng_arena_new();
		ng_diags *d = ng_diags_new();
		assert_null(ng_record_parse("c.yaml", text, strlen(text), a, d));
		const ng_diag *g = ng_diags_count(d) ? ng_diags_get(d, 0) : NULL;
		assert_non_null(g);
		assert_int_equal(g->line, 3);
		if (g->col != cases[i].col)
			fail_msg("%s: at column %d, want %d", cases[i].value, g->col, cases[i].col);
		if (!g->hint || !strstr(g->hint, cases[i].hint))
			fail_msg("%s: hint '%s', want '%s'", cases[i].value, g->hint ? g->hint : "",
			         cases[i].hint);
		ng_diags_free(d);
		ng_arena_free(a);
	}
}

/* Counts typed as notices word them are read (issue 13's follow-up):
 * each form, its number, and the wording the letter prints. */
static void typed_counts(void **state)
{
	(void)state;
	static const struct {
		const char *value, *text;
		long count, deciding;
	} cases[] = {
	    {"約1230世帯", "約1,230世帯", 1230, 1230},
	    {"最大1,000件以上", "最大1,000件以上", 1000, 1000},
	    {"約1.2万件", "約1.2万件", 12000, 12000},
	    {"約12万事業所", "約12万事業所", 120000, 120000},
	    {"1万2,345件", "1万2,345件", 12345, 12345},
	    {"１，２００名", "1,200名", 1200, 1200},
	    {"数十件", "数十件", -1, -1},
	    {"1,000名未満", "1,000名未満", 1000, 999},
	    {"500人以下", "500人以下", 500, 500},
	    {"1,000名超", "1,000名超", 1000, 1001},
	    {"延べ1,200名", "延べ1,200名", 1200, 1200},
	    {"100～200件", "100～200件", 100, 200},
	    {"800名～1,200名", "800～1,200名", 800, 1200},
	    {"300名（312件）", "300名（312件）", 300, 300},
	    {"300名分（312件）", "300名分（312件）", 300, 300},
	    {"1,200名・3,400件", "1,200名・3,400件", 1200, 1200},
	    {"1200名程度", "約1,200名", 1200, 1200},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ng_arena *a = ng_arena_new();
		ng_affected c;
		size_t at = 0;
		const char *err = NULL;
		if (ng_count_parse(cases[i].value, strlen(cases[i].value), a, &c, &at, &err) != 0)
			fail_msg("%s: refused: %s at %zu", cases[i].value, err, at);
		ng_buf b = {0};
		assert_int_equal(ng_affected_text(NULL, &c, &b), 0);
		if (strcmp(b.data, cases[i].text) != 0)
			fail_msg("%s: worded '%s', want '%s'", cases[i].value, b.data,
			         cases[i].text);
		assert_int_equal(c.count, cases[i].count);
		assert_int_equal(ng_affected_deciding(&c), cases[i].deciding);
		ng_buf_free(&b);
		ng_arena_free(a);
	}
}

/* A key typed by its meaning gets the key of that meaning, not the one
 * nearest in spelling (an update's title is its heading, not 'date'); a
 * bad option word in {{…}} is named, with the option a Japanese word
 * means (西暦 → seireki). */
static void synonym_hints(void **state)
{
	(void)state;
	static const struct {
		const char *tail, *hint;
	} cases[] = {
	    {"updates:\n  - date: 2025-09-12\n    title: 追記\n    blocks: [x]\n",
	     "did you mean 'heading'?"},
	    {"overview: \"{{2024-04-01 | 西暦}}に公開\"\n",
	     "'西暦' is no option word here: write seireki"},
	    {"overview: \"{{2024-04-01 | md bogus}}に公開\"\n", "'bogus' is no option word: the"},
	    {"contact:\n  windows:\n    - phone: 03-0000-0000\n"
	     "      hours: {weekdays: 9:00～17:00, sunday: 9:00～12:00}\n",
	     "did you mean 'sundays'?"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[512];
		snprintf(text, sizeof text,
		         "letter: {date: 2025-09-12, title: t}\nsender: {organization: o}\n%s",
		         cases[i].tail);
		ng_arena *a = ng_arena_new();
		ng_diags *d = ng_diags_new();
		assert_null(ng_record_parse("s.yaml", text, strlen(text), a, d));
		const ng_diag *g = NULL;
		for (size_t k = 0; k < ng_diags_count(d); k++)
			if (strcmp(ng_diags_get(d, k)->id, "unknown-key") == 0 ||
			    strcmp(ng_diags_get(d, k)->id, "bad-when") == 0)
				g = ng_diags_get(d, k);
		assert_non_null(g);
		if (!g->hint || strncmp(g->hint, cases[i].hint, strlen(cases[i].hint)) != 0)
			fail_msg("case %zu: hint '%s', want '%s'", i, g->hint ? g->hint : "",
			         cases[i].hint);
		ng_diags_free(d);
		ng_arena_free(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(example_parses),
	    cmocka_unit_test(bad_cases_match_golden),
	    cmocka_unit_test(invalid_utf8_has_line_col),
	    cmocka_unit_test(prose_references),
	    cmocka_unit_test(typed_count_hints),
	    cmocka_unit_test(typed_counts),
	    cmocka_unit_test(synonym_hints),
	    cmocka_unit_test(bom_is_accepted),
	    cmocka_unit_test(caps_are_enforced),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
