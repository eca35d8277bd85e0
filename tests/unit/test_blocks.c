/* test_blocks.c — the record's block lists (src/record/blocks.c) and how
 * they print (`@blocks`, src/template/tmpl_blocks.c; layout; txt and md):
 * each kind where it should be, markers that count, numbers grouped and
 * right-aligned, an inline list that wraps, a table header repeated after
 * a page break, 別紙 on a new page after 以上, {{…}} references in any
 * text, and bad input reported at file:line:col. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../common/fake_layout.h"
#include "record/blocks.h"
#include "template/template.h"

/* The minimal record of tests/golden, with more YAML appended. */
static const char base[] = "letter:\n"                                            /* 1 */
                           "  date: 2023-07-21\n"                                 /* 2 */
                           "  title: お知らせ\n"                                  /* 3 */
                           "  addressee: 顧問先各位\n"                            /* 4 */
                           "sender:\n"                                            /* 5 */
                           "  organization: 小林労務\n"                           /* 6 */
                           "overview: 概要です。\n"                               /* 7 */
                           "data_items:\n"                                        /* 8 */
                           "  groups:\n"                                          /* 9 */
                           "    - service: 給与計算\n"                            /* 10 */
                           "      items: [氏名, \"{{2023-06-05 | md}}の住所\"]\n" /* 11 */
                           "secondary_harm: ありません。\n"                       /* 12 */
                           "contact:\n"                                           /* 13 */
                           "  title: 窓口\n"                                      /* 14 */
                           "  phone: 03-0000-0000\n"                              /* 15 */
                           "parties:\n"                                           /* 16 */
                           "  - name: 小林労務\n"                                 /* 17 */
                           "    causes: 調査中\n";                                /* 18 */

typedef struct fixture {
	ng_arena *a;
	ng_diags *d;
	ng_era *era;
	fake_layout fl;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	char err[128];
	f->a = ng_arena_new();
	f->d = ng_diags_new();
	f->era = ng_era_new(err, sizeof err);
	*state = f;
	return f->era && fake_layout_open(&f->fl) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	fixture *f = *state;
	fake_layout_close(&f->fl);
	ng_era_free(f->era);
	ng_diags_free(f->d);
	ng_arena_free(f->a);
	free(f);
	return 0;
}

static ng_record *record(fixture *f, const char *extra)
{
	char *text = ng_aprintf(f->a, "%s%s", base, extra);
	return ng_record_parse("rec.yaml", text, strlen(text), f->a, f->d);
}

/* The doc of the record through a template (a name, or text written to a
 * file); NULL on failure. */
static ng_doc *build(fixture *f, const char *extra, const char *tmpl)
{
	ng_record *rec = record(f, extra);
	if (!rec)
		return NULL;
	const char *name = tmpl;
	if (strchr(tmpl, '\n')) {
		name = ng_aprintf(f->a, "/tmp/ng-blocks-%d.tmpl", (int)getpid());
		FILE *fp = fopen(name, "w");
		assert_non_null(fp);
		fputs(tmpl, fp);
		fclose(fp);
	}
	ng_template *t = ng_template_load(name, f->a, f->d);
	assert_non_null(t);
	ng_doc *doc = ng_doc_new(f->a);
	int rc = ng_template_build(t, rec, f->era, doc, f->d);
	if (name != tmpl)
		unlink(name);
	return rc == 0 ? doc : NULL;
}

static const char *dump(fixture *f, const char *extra, const char *tmpl)
{
	ng_doc *doc = build(f, extra, tmpl);
	if (!doc) {
		ng_diags_print(f->d, stderr, 0);
		return NULL;
	}
	ng_buf out = {0};
	ng_doc_dump(doc, &out);
	const char *s = ng_strdup(f->a, out.data);
	ng_buf_free(&out);
	return s;
}

static const char blocks_tmpl[] = "@para 本文\n{% for a in attachments %}\n@blocks a.blocks\n"
                                  "{% end %}\n@right 以上\n";

/* ---- bad input */

typedef struct bad_case {
	const char *yaml;
	const char *id;
	int line, col;
	const char *hint; /* a part of the hint, or NULL */
} bad_case;

static void bad_blocks_are_positioned(void **state)
{
	static const bad_case cases[] = {
	    {"attachments:\n  - blocks:\n      - lst: [a]\n", "unknown-key", 21, 9,
	     "did you mean 'list'"},
	    {"attachments:\n  - blocks:\n      - list: [a]\n        marcker: ○\n", "unknown-key",
	     22, 9, "did you mean 'marker'"},
	    {"attachments:\n  - blocks:\n      - note: [a]\n        inline: true\n", "unknown-key",
	     22, 9, NULL},
	    {"attachments:\n  - blocks:\n      - list: [a]\n        table: {rows: [[a]]}\n",
	     "bad-value", 22, 9, "two blocks"},
	    {"attachments:\n  - blocks:\n      - table:\n          rows: [[a, b], [c]]\n",
	     "bad-value", 22, 26, "first row 2"},
	    {"attachments:\n  - blocks:\n      - table:\n          rows: [[a, 1]]\n"
	     "          align: [left, rihgt]\n",
	     "bad-value", 23, 25, NULL},
	    {"attachments:\n  - blocks:\n      - page_break: maybe\n", "wrong-type", 21, 21, NULL},
	    {"attachments:\n  - blocks:\n      - checks:\n          - {checked: perhaps, text: "
	     "a}\n",
	     "bad-value", 22, 23, NULL},
	    {"attachments:\n  - blocks:\n      - [a, b]\n", "wrong-type", 21, 9, NULL},
	    {"attachments:\n  - blocks:\n      - list:\n          - {txt: a}\n", "unknown-key", 22,
	     14, "did you mean 'text'"},
	    {"attachments:\n  - blocks:\n      - labels:\n          - {label: a}\n",
	     "missing-field", 22, 13, NULL},
	    {"attachments:\n  - title: x\n", "missing-field", 20, 5, NULL},
	};
	fixture *f = *state;
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		ng_diags_free(f->d);
		f->d = ng_diags_new();
		assert_null(record(f, cases[i].yaml));
		bool found = false;
		for (size_t k = 0; k < ng_diags_count(f->d); k++) {
			const ng_diag *g = ng_diags_get(f->d, k);
			if (strcmp(g->id, cases[i].id) == 0 && g->line == cases[i].line &&
			    g->col == cases[i].col && strcmp(g->file, "rec.yaml") == 0 &&
			    (!cases[i].hint || (g->hint && strstr(g->hint, cases[i].hint))))
				found = true;
		}
		if (!found) {
			ng_diags_print(f->d, stderr, 0);
			fail_msg("case %zu: no %s at %d:%d", i, cases[i].id, cases[i].line,
			         cases[i].col);
		}
	}
}

/* ---- into the doc */

static void paragraphs_and_lists(void **state)
{
	fixture *f = *state;
	const char *out = dump(f,
	                       "attachments:\n"
	                       "  - blocks:\n"
	                       "      - 段落は{{2023-06-05}}のことです。\n"
	                       "      - list: [甲, 乙, 丙]\n"
	                       "        marker: ①\n"
	                       "      - list:\n"
	                       "          - 氏名\n"
	                       "          - text: 住所\n"
	                       "            items: [都道府県, 市区町村]\n"
	                       "            marker: （1）\n"
	                       "      - list: [a, b]\n"
	                       "        marker: ア.\n"
	                       "      - list: [x]\n"
	                       "        marker: none\n",
	                       blocks_tmpl);
	assert_non_null(out);
	const char *want[] = {
	    "para justify font=0 indent=0/1 | 段落は令和5年6月5日（月）のことです。\n",
	    "item left font=0 level=1 marker=① | 甲\n",
	    "item left font=0 level=1 marker=② | 乙\n",
	    "item left font=0 level=1 marker=③ | 丙\n",
	    "item left font=0 level=1 marker=・ | 氏名\n",
	    "item left font=0 level=1 marker=・ | 住所\n",
	    "item left font=0 level=2 marker=（1） | 都道府県\n",
	    "item left font=0 level=2 marker=（2） | 市区町村\n",
	    "item left font=0 level=1 marker=ア. | a\n",
	    "item left font=0 level=1 marker=イ. | b\n",
	    "item left font=0 level=1 marker= | x\n",
	    "line right font=0 | 以上\n",
	};
	const char *at = out;
	for (size_t i = 0; i < NG_ARRAY_LEN(want); i++) {
		const char *hit = strstr(at, want[i]);
		if (!hit)
			fail_msg("not (in order): %s in\n%s", want[i], out);
		at = hit + strlen(want[i]);
	}
}

static void markers_count(void **state)
{
	fixture *f = *state;
	assert_string_equal(ng_marker_text(f->a, "①", 3), "③");
	assert_string_equal(ng_marker_text(f->a, "①", 21), "㉑");
	assert_string_equal(ng_marker_text(f->a, "（1）", 12), "（12）");
	assert_string_equal(ng_marker_text(f->a, "1.", 10), "10.");
	assert_string_equal(ng_marker_text(f->a, "（ア）", 6), "（カ）");
	assert_string_equal(ng_marker_text(f->a, "第一", 23), "第二十三");
	assert_string_equal(ng_marker_text(f->a, "１．", 12), "１２．");
	assert_string_equal(ng_marker_text(f->a, "a)", 2), "b)");
	assert_string_equal(ng_marker_text(f->a, "○", 5), "○");
	assert_string_equal(ng_marker_text(f->a, "none", 5), "");
	assert_false(ng_marker_valid(" ・"));
	assert_false(ng_marker_valid("123456789"));
}

/* {{…}} inside data_items printed through join was literal text. */
static void references_in_joined_items(void **state)
{
	fixture *f = *state;
	const char *out = dump(f, "",
	                       "{% for g in data_items.groups %}\n"
	                       "@para {{ g.items | join(\"、\") }}\n{% end %}\n");
	assert_non_null(out);
	assert_non_null(strstr(out, "| 氏名、6月5日（月）の住所\n"));
	assert_null(strstr(out, "{{"));
}

/* A {{field}} in the record's text names a field; a missing one is an
 * error at the record's line:col. */
static void field_references(void **state)
{
	fixture *f = *state;
	const char *out = dump(f,
	                       "other: 窓口は{{contact.title}}、{{letter.date | date}}付けです。\n"
	                       "attachments:\n  - blocks: [\"{{sender.organization}}の別紙\"]\n",
	                       "@para {{ other }}\n{% for a in attachments %}\n"
	                       "@blocks a.blocks\n{% end %}\n");
	assert_non_null(out);
	assert_non_null(strstr(out, "| 窓口は窓口、令和5年7月21日付けです。\n"));
	assert_non_null(strstr(out, "| 小林労務の別紙\n"));
	ng_diags_free(f->d);
	f->d = ng_diags_new();
	assert_null(build(f, "other: 値は{{client.pension}}です。\n", "@para {{ other }}\n"));
	bool found = false;
	for (size_t k = 0; k < ng_diags_count(f->d); k++) {
		const ng_diag *g = ng_diags_get(f->d, k);
		found |= strcmp(g->file, "rec.yaml") == 0 && g->line == 19 && g->col == 10;
	}
	assert_true(found);
}

/* 別紙 come after 以上, each after a page break, titled 別紙1, 別紙2. */
static void attachments_after_ijou(void **state)
{
	fixture *f = *state;
	const char *out = dump(f,
	                       "attachments:\n"
	                       "  - title: 対象となる製品\n"
	                       "    blocks: [一つ目]\n"
	                       "  - blocks: [二つ目]\n",
	                       "client-notice");
	assert_non_null(out);
	const char *ijou = strstr(out, "| 以上\n");
	assert_non_null(ijou);
	const char *b1 = strstr(ijou, "break\nline left font=1 | 別紙1\n"
	                              "line center font=1 | 対象となる製品\n");
	assert_non_null(b1);
	assert_non_null(strstr(b1, "| 一つ目\nbreak\nline left font=1 | 別紙2\nspace"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(bad_blocks_are_positioned, setup, teardown),
	    cmocka_unit_test_setup_teardown(paragraphs_and_lists, setup, teardown),
	    cmocka_unit_test_setup_teardown(markers_count, setup, teardown),
	    cmocka_unit_test_setup_teardown(references_in_joined_items, setup, teardown),
	    cmocka_unit_test_setup_teardown(field_references, setup, teardown),
	    cmocka_unit_test_setup_teardown(attachments_after_ijou, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
