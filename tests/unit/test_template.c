/* test_template.c — the template language: every example renders through
 * every built-in template to the golden doc dump; template errors are
 * reported at the template's line:col; filters format as documented. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../common/era_fixture.h"
#include "template/template.h"

#define SRC NG_SOURCE_DIR

static char *write_tmp(const char *name, const char *text)
{
	static char path[256];
	snprintf(path, sizeof path, "/tmp/ng-tmpl-%d-%s", (int)getpid(), name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* Renders template text against the minimal record; returns the doc dump
 * (NULL on failure, diagnostics in f->d). */
static const char *render(fixture *f, const char *tmpl)
{
	ng_record *rec = ng_record_load(SRC "/tests/golden/minimal.yaml", f->a, f->d);
	assert_non_null(rec);
	ng_template *t = ng_template_load(write_tmp("t.tmpl", tmpl), f->a, f->d);
	if (!t)
		return NULL;
	ng_doc *doc = ng_doc_new(f->a);
	if (ng_template_build(t, rec, f->era, doc, f->d) != 0)
		return NULL;
	static ng_buf out;
	ng_buf_reset(&out);
	ng_doc_dump(doc, &out);
	return out.data;
}

static int has(const ng_diags *d, int line, int col)
{
	for (size_t i = 0; i < ng_diags_count(d); i++) {
		const ng_diag *g = ng_diags_get(d, i);
		if (strcmp(g->id, "template") == 0 && g->line == line && g->col == col)
			return 1;
	}
	ng_diags_print(d, stderr, 0);
	return 0;
}

static void errors_have_positions(void **state)
{
	static const struct {
		const char *tmpl;
		int line, col;
	} cases[] = {
	    {"@para ok\n@bogus x\n", 2, 1},                /* unknown directive */
	    {"@para {{ letter.title\n", 1, 7},             /* unclosed {{ */
	    {"@para {{ letter.nothing }}\n", 1, 10},       /* missing variable */
	    {"@para {{ letter.title | shout }}\n", 1, 25}, /* unknown filter */
	    {"@row a || b\n", 1, 1},                       /* row outside a table */
	    {"{% if letter.title %}\n@para x\n", 1, 1},    /* no end */
	    {"{% end %}\n", 1, 4},                         /* end without if */
	    {"{% for in x %}\n{% end %}\n", 1, 11},        /* bad for */
	    {"plain text\n", 1, 1},                        /* not a directive */
	    {"@para {{ data_items.groups }}\n", 1, 10},    /* a list as text */
	    {"@para {{ letter.title | date }}\n", 1, 25},  /* not a date */
	    {"{% include \"_nope\" %}\n", 1, 12},          /* missing partial */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fixture *f = *state;
		ng_diags_free(f->d);
		f->d = ng_diags_new();
		assert_null(render(f, cases[i].tmpl));
		if (!has(f->d, cases[i].line, cases[i].col))
			fail_msg("case %zu: no template error at %d:%d", i, cases[i].line,
			         cases[i].col);
	}
}

static void filters_format(void **state)
{
	fixture *f = *state;
	const char *out =
	    render(f, "@left {{ letter.date | date }}\n"
	              "@left {{ letter.date | long }}\n"
	              "@left {{ letter.date | md }}\n"
	              "@left {{ letter.date | short }}\n"
	              "@left {{ data_items.groups.0 | default(\"x\") }}\n"
	              "{% for g in data_items.groups %}\n"
	              "@left {{ loop.index }}/{{ loop.count }} {{ g.items | join(\"・\") }}\n"
	              "{% end %}\n"
	              "@left {{ sender.organization | honorific }}\n"
	              "@left {{ letter.addressee | honorific }}\n"
	              "@left {{ contact.phone | link(\"tel:\") }}\n");
	assert_non_null(out);
	assert_non_null(strstr(out, "| 令和5年7月21日\n"));
	assert_non_null(strstr(out, "| 令和5年7月21日（金）\n"));
	assert_non_null(strstr(out, "| 7月21日（金）\n"));
	assert_non_null(strstr(out, "| 7/21（金）\n"));
	assert_non_null(strstr(out, "| x\n"));
	assert_non_null(strstr(out, "| 1/1 氏名・住所\n"));
	assert_non_null(strstr(out, "| 小林労務 様\n"));
	assert_non_null(strstr(out, "| 顧問先各位\n")); /* 各位 takes no 様 */
	assert_non_null(strstr(out, "link=tel:03-0000-0000 | 03-0000-0000\n"));
}

static void conditionals_and_prose_dates(void **state)
{
	fixture *f = *state;
	const char *out =
	    render(f, "{% if letter.number %}\n@left has number\n{% else %}\n"
	              "@left no number\n{% end %}\n"
	              "{% if not letter.number %}\n@left negated\n{% end %}\n"
	              "{% if letter.title == \"お知らせ\" %}\n@left equal\n{% end %}\n"
	              "{% for p in overview %}\n@para {{ p }}\n{% end %}\n");
	assert_non_null(out);
	assert_null(strstr(out, "has number"));
	assert_non_null(strstr(out, "no number"));
	assert_non_null(strstr(out, "negated"));
	assert_non_null(strstr(out, "equal"));
	/* {{2023-06-05 未明}} inside the record's prose is written in 和暦. */
	assert_non_null(strstr(out, "令和5年6月5日（月）未明、サーバが暗号化されました。"));
}

/* A record whose text names client.COLUMN makes letters only in a batch
 * (examples/school-2024: ■/□ rows from the client list); test_sections
 * renders those through their client list. */
static bool batch_only(const char *yaml)
{
	char *data;
	size_t len;
	if (ng_read_file(yaml, 1 << 22, &data, &len) != 0)
		return false;
	bool yes = strstr(data, "{{client.") != NULL;
	free(data);
	return yes;
}

/* tests/golden/EXAMPLE/doc-TEMPLATE.txt is the doc dump of every example
 * through every built-in template; NG_UPDATE_GOLDEN=1 rewrites them after
 * a deliberate change. */
static void check_golden(fixture *f, const char *example, const char *tname)
{
	ng_record *rec = ng_record_load(
	    ng_aprintf(f->a, "%s/examples/%s/incident.yaml", SRC, example), f->a, f->d);
	assert_non_null(rec);
	ng_template *t = ng_template_load(tname, f->a, f->d);
	assert_non_null(t);
	ng_doc *doc = ng_doc_new(f->a);
	if (ng_template_build(t, rec, f->era, doc, f->d) != 0) {
		ng_diags_print(f->d, stderr, 0);
		fail_msg("%s through %s failed", example, tname);
	}
	ng_buf out = {0};
	ng_doc_dump(doc, &out);
	const char *golden = ng_aprintf(f->a, "%s/tests/golden/%s/doc-%s.txt", SRC, example, tname);
	if (getenv("NG_UPDATE_GOLDEN")) {
		FILE *fp = fopen(golden, "w");
		assert_non_null(fp);
		fwrite(out.data, 1, out.len, fp);
		fclose(fp);
	}
	char *want;
	size_t len;
	if (ng_read_file(golden, 1 << 22, &want, &len) != 0)
		fail_msg("no golden %s (NG_UPDATE_GOLDEN=1 makes it)", golden);
	assert_string_equal(out.data, want);
	free(want);
	ng_buf_free(&out);
}

static void examples_doc_golden(void **state)
{
	fixture *f = *state;
	ng_buf names = {0};
	ng_templates_list(&names, false);
	DIR *dir = opendir(SRC "/examples");
	assert_non_null(dir);
	int n = 0;
	for (struct dirent *e; (e = readdir(dir));) {
		/* examples/ also holds programs (embed.c): only folders with a record */
		const char *yaml = ng_aprintf(f->a, "%s/examples/%s/incident.yaml", SRC, e->d_name);
		if (e->d_name[0] == '.' || access(yaml, R_OK) || batch_only(yaml))
			continue;
		for (char *p = names.data, *nl; p && *p; p = nl + 1) {
			nl = strchr(p, '\n');
			*nl = '\0';
			check_golden(f, e->d_name, p);
			*nl = '\n';
			n++;
		}
	}
	closedir(dir);
	assert_true(n >= 4);
	ng_buf_free(&names);
}

static void list_has_builtins(void **state)
{
	(void)state;
	ng_buf out = {0};
	ng_templates_list(&out, true);
	assert_non_null(strstr(out.data, "client-notice\t"));
	assert_non_null(strstr(out.data, "individual-notice\t"));
	assert_non_null(strstr(out.data, "public-notice\t"));
	assert_non_null(strstr(out.data, "ppc-report\t"));
	assert_null(strstr(out.data, "_sender")); /* partials are not listed */
	ng_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(errors_have_positions),
	    cmocka_unit_test(filters_format),
	    cmocka_unit_test(conditionals_and_prose_dates),
	    cmocka_unit_test(examples_doc_golden),
	    cmocka_unit_test(list_has_builtins),
	};
	return cmocka_run_group_tests(tests, era_setup, era_teardown);
}
