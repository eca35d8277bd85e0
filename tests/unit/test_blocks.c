/* test_blocks.c — the record's block lists (src/record/blocks.c) and how
 * they print (`@blocks`, src/template/tmpl_blocks.c; layout; txt and md):
 * each kind where it should be, markers that count, numbers grouped and
 * right-aligned, an inline list that wraps, a table header repeated after
 * a page break, 別紙 on a new page after 以上, {{…}} references in any
 * text, and bad input reported at file:line:col. */
#include <math.h>
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
#include "record/yaml_tree.h"
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
	    {"attachments:\n  - blocks:\n      - list: [a, {text: b, items: [c]}]\n"
	     "        inline: true\n",
	     "bad-value", 21, 19, "inline"},
	    {"attachments:\n  - blocks:\n      - list: [a]\n        marker: 123456789\n",
	     "bad-value", 22, 17, NULL},
	    {"attachments:\n  - blocks:\n      - table:\n          rows: [[a]]\n"
	     "          widths: [0]\n",
	     "bad-value", 23, 20, NULL},
	    {"attachments:\n  - blocks:\n      - table:\n          rows: [[{text: a, span: 0}, "
	     "b]]\n",
	     "bad-value", 22, 35, NULL},
	    {"attachments:\n  - blocks:\n      - table:\n          rows: [[\"^\", b]]\n",
	     "bad-value", 22, 19, NULL},
	};
	fixture *f = *state;
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		ng_diags_free(f->d);
		f->d = ng_diags_new();
		if (record(f, cases[i].yaml))
			fail_msg("case %zu loaded", i);
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

/* ---- laid out (fake fixed-width measure: 10-em lines, pitch 2 em) */

typedef struct lline {
	size_t page;
	double x, w, r;
	char flags[8];
	const char *text;
} lline;

/* The lines of the layout dump. */
static size_t laid_out(fixture *f, ng_doc *doc, lline *v, size_t cap)
{
	ng_layout_opts o;
	fake_layout_opts(&o, 10, f->fl.jl);
	ng_pages pages;
	if (ng_layout(doc, &o, f->fl.lb, f->a, &pages, f->d) != 0) {
		ng_diags_print(f->d, stderr, 0);
		fail_msg("layout failed");
	}
	ng_buf out = {0};
	ng_layout_dump(&pages, &out);
	size_t n = 0;
	for (char *line = strtok(ng_strdup(f->a, out.data), "\n"); line && n < cap;
	     line = strtok(NULL, "\n")) {
		lline *l = &v[n];
		size_t no;
		double y;
		const char *bar = strstr(line, " | ");
		if (!bar || sscanf(line, "%zu %zu x=%lf y=%lf w=%lf r=%lf %7s", &l->page, &no,
		                   &l->x, &y, &l->w, &l->r, l->flags) != 7)
			continue;
		l->text = bar + 3;
		n++;
	}
	ng_buf_free(&out);
	return n;
}

static const lline *find_line(const lline *v, size_t n, const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].text, text) == 0)
			return &v[i];
	return NULL;
}

/* A table longer than a page: its header rows come again on top of the
 * next page; numbers are grouped and set flush right. */
static void table_header_repeats(void **state)
{
	fixture *f = *state;
	ng_buf y = {0};
	ng_buf_adds(&y, "attachments:\n  - blocks:\n      - table:\n"
	                "          header: [[区分, 件数], [\"\", \"2024\"]]\n          rows:\n");
	for (int i = 1; i <= 60; i++)
		ng_buf_printf(&y, "            - [行%d, %d]\n", i, i * 1000);
	ng_buf_adds(&y, "          total: [合計, 1830000]\n          note: 概数です。\n");
	ng_doc *doc = build(f, y.data, blocks_tmpl);
	ng_buf_free(&y);
	assert_non_null(doc);
	static lline v[400];
	size_t n = laid_out(f, doc, v, NG_ARRAY_LEN(v));
	size_t heads = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].text, "区分") != 0)
			continue;
		heads++;
		/* Both header rows, then a body row. */
		assert_string_equal(v[i + 1].text, "件数");
		assert_string_equal(v[i + 2].text, "2024"); /* a header is not grouped */
		assert_int_equal(v[i + 3].page, v[i].page);
		assert_memory_equal(v[i + 3].text, "行", strlen("行"));
	}
	assert_int_equal(heads, 2);
	const lline *num = find_line(v, n, "12,000");
	assert_non_null(num);
	assert_true(num->x + num->w > num->r - 0.01);
	const lline *total = find_line(v, n, "1,830,000");
	assert_non_null(total);
	assert_true(total->x + total->w > total->r - 0.01);
	/* Numbers line up on the right, text on the left. */
	const lline *small = find_line(v, n, "1,000"), *name = find_line(v, n, "行12");
	const lline *name1 = find_line(v, n, "行1");
	assert_non_null(small);
	assert_true(small->x > num->x + 1);
	assert_true(fabs((small->x + small->w) - (num->x + num->w)) < 0.01);
	assert_non_null(name);
	assert_non_null(name1);
	assert_true(fabs(name->x - name1->x) < 0.01 && name->w > name1->w);
	const lline *note = find_line(v, n, "概数です。");
	assert_non_null(note);
	assert_true(note->page > 1);
}

/* Counts of 事務所 and 世帯 are numbers too: their column is set flush
 * right (the vendor's 別紙 had 「88事務所」 left under 「312事務所」). */
static void count_units_right_aligned(void **state)
{
	fixture *f = *state;
	const char *y = "attachments:\n  - blocks:\n      - table:\n"
	                "          header: [数, 世帯]\n          rows:\n"
	                "            - [12事務所, 123世帯]\n"
	                "            - [8事務所, 45世帯]\n";
	ng_doc *doc = build(f, y, blocks_tmpl);
	assert_non_null(doc);
	static lline v[64];
	size_t n = laid_out(f, doc, v, NG_ARRAY_LEN(v));
	const char *pairs[][2] = {{"12事務所", "8事務所"}, {"123世帯", "45世帯"}};
	for (size_t i = 0; i < 2; i++) {
		const lline *a = find_line(v, n, pairs[i][0]), *b = find_line(v, n, pairs[i][1]);
		assert_non_null(a);
		assert_non_null(b);
		assert_true(b->x > a->x + 1);
		assert_true(fabs((a->x + a->w) - (b->x + b->w)) < 0.01);
	}
}

/* An inline list is one paragraph that wraps like any other. */
static void inline_list_wraps(void **state)
{
	fixture *f = *state;
	ng_doc *doc =
	    build(f,
	          "attachments:\n  - blocks:\n      - list: [氏名, 住所, 電話番号, "
	          "生年月日, メールアドレス]\n        marker: （1）\n        inline: true\n",
	          blocks_tmpl);
	assert_non_null(doc);
	ng_buf out = {0};
	ng_doc_dump(doc, &out);
	assert_non_null(strstr(out.data, "para justify font=0 | （1）氏名　（2）住所　（3）電話番号"
	                                 "　（4）生年月日　（5）メールアドレス\n"));
	ng_buf_free(&out);
	static lline v[100];
	size_t n = laid_out(f, doc, v, NG_ARRAY_LEN(v));
	size_t cont = 0;
	for (size_t i = 0; i < n; i++) {
		/* A marker is never left at a line end without its item. */
		size_t len = strlen(v[i].text);
		if (len > 3 && strcmp(v[i].text + len - 3, "）") == 0)
			fail_msg("a line ends in a marker: %s", v[i].text);
	}
	for (size_t i = 0; i < n; i++)
		if (strchr(v[i].flags, 'C') &&
		    strstr("（1）氏名　（2）住所　（3）電話番号　（4）生年月日"
		           "　（5）メールアドレス",
		           v[i].text))
			cont++;
	assert_true(cont >= 2);
}

/* 別紙1 starts the page after 以上; a page_break block breaks the page. */
static void attachment_starts_page(void **state)
{
	fixture *f = *state;
	ng_doc *doc = build(f,
	                    "attachments:\n  - title: 製品\n    blocks:\n      - 前\n"
	                    "      - page_break: true\n      - 後\n",
	                    "client-notice");
	assert_non_null(doc);
	static lline v[400];
	size_t n = laid_out(f, doc, v, NG_ARRAY_LEN(v));
	const lline *ijou = find_line(v, n, "以上"), *b1 = find_line(v, n, "別紙1");
	const lline *before = find_line(v, n, "前"), *after = find_line(v, n, "後");
	assert_non_null(ijou);
	assert_non_null(b1);
	assert_non_null(after);
	assert_int_equal(b1->page, ijou->page + 1);
	assert_true(b1 == &v[0] || b1[-1].page != b1->page); /* first on its page */
	assert_int_equal(before->page, b1->page);
	assert_int_equal(after->page, b1->page + 1);
}

/* The same blocks as plain text and Markdown. */
static void text_and_markdown(void **state)
{
	fixture *f = *state;
	ng_doc *doc =
	    build(f,
	          "attachments:\n  - blocks:\n"
	          "      - list:\n          - text: 住所\n            items: [都道府県]\n"
	          "        marker: ①\n"
	          "      - table:\n          header: [区分, 件数]\n"
	          "          rows: [[従業員, 1234], [退職者, \"-\"]]\n"
	          "      - note: 注記です。\n"
	          "      - labels: [{label: 期間, value: 一週間}]\n"
	          "      - checks: [{checked: true, text: 年金}, {checked: no, text: 保険}]\n",
	          blocks_tmpl);
	assert_non_null(doc);
	ng_buf t = {0}, m = {0};
	ng_doc_text(doc, &t);
	ng_doc_markdown(doc, &m);
	const char *want_t[] = {"①住所\n",      "　・都道府県\n", "区分　件数\n", "従業員　1,234\n",
	                        "退職者　－\n", "※注記です。\n",  "（1）期間\n",  "　一週間\n",
	                        "■ 年金\n",     "□ 保険\n"};
	for (size_t i = 0; i < NG_ARRAY_LEN(want_t); i++)
		if (!strstr(t.data, want_t[i]))
			fail_msg("text lacks %s:\n%s", want_t[i], t.data);
	const char *want_m[] = {"①住所  \n",
	                        "  - 都道府県\n",
	                        "| 区分 | 件数 |\n|---|---:|\n",
	                        "| 従業員 | 1,234 |\n",
	                        "※注記です。  \n",
	                        "■ 年金  \n"};
	for (size_t i = 0; i < NG_ARRAY_LEN(want_m); i++)
		if (!strstr(m.data, want_m[i]))
			fail_msg("markdown lacks %s:\n%s", want_m[i], m.data);
	ng_buf_free(&t);
	ng_buf_free(&m);
}

/* A checkbox's mark from the batch row (client.*), as a batch view puts
 * the row into the tree. */
static void checks_from_row(void **state)
{
	fixture *f = *state;
	ng_record *rec = record(f, "attachments:\n  - blocks:\n      - checks:\n"
	                           "          - {checked: \"{{client.pension}}\", text: 年金}\n"
	                           "          - {checked: \"{{client.health}}\", text: 健保}\n");
	assert_non_null(rec);
	const char *row_yaml = "pension: ○\nhealth: \"\"\n";
	ng_node *row = ng_yaml_load("row", row_yaml, strlen(row_yaml), NULL, f->a, f->d);
	assert_non_null(row);
	ng_node_put_node(f->a, (ng_node *)rec->root, "client", row);
	const char *path = ng_aprintf(f->a, "/tmp/ng-blocks-c-%d.tmpl", (int)getpid());
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(blocks_tmpl, fp);
	fclose(fp);
	ng_template *t = ng_template_load(path, f->a, f->d);
	unlink(path);
	assert_non_null(t);
	ng_doc *doc = ng_doc_new(f->a);
	assert_int_equal(ng_template_build(t, rec, f->era, doc, f->d), 0);
	ng_buf out = {0};
	ng_doc_dump(doc, &out);
	assert_non_null(strstr(out.data, "marker=■  | 年金\n"));
	assert_non_null(strstr(out.data, "marker=□  | 健保\n"));
	ng_buf_free(&out);
}

/* Every kind of block at once (the one in docs/record.md's spirit). */
static const char rich[] =
    "attachments:\n"
    "  - title: 対象となる製品\n"
    "    blocks:\n"
    "      - 以下の製品をご利用のお客様が対象です。{{2023-06-05}}時点の情報です。\n"
    "      - list: [給与計算ソフト, 勤怠管理ソフト, 年末調整ソフト]\n"
    "        marker: ①\n"
    "      - list:\n"
    "          - 氏名\n"
    "          - text: 住所\n"
    "            items: [都道府県, 市区町村]\n"
    "            marker: ○\n"
    "          - 電話番号\n"
    "      - list: [氏名, 住所, 電話番号, 生年月日, メールアドレス, 基礎年金番号, "
    "雇用保険被保険者番号, 給与額, 扶養家族の氏名]\n"
    "        marker: （1）\n"
    "        inline: true\n"
    "      - table:\n"
    "          header: [[区分, 件数, 人数], [\" \", （件）, （名）]]\n"
    "          rows:\n"
    "            - [従業員, 1234, 1200]\n"
    "            - [退職者, \"-\", 35]\n"
    "            - [役員, \"\", 3]\n"
    "          total: [合計, 1234, 1238]\n"
    "          note: 件数は{{2023-07-01}}時点のものです。\n"
    "      - note:\n"
    "          - 対象者には個別にご連絡します。\n"
    "          - text: 以下の方は対象外です。\n"
    "            items: [2020年以降に入社した方]\n"
    "      - labels:\n"
    "          - label: 対象期間\n"
    "            value: \"{{2023-06-01 ~ 2023-06-05}}\"\n"
    "          - label: 対象となる方\n"
    "            value: 給与計算サービスをご契約の事業所の従業員の方\n"
    "      - checks:\n"
    "          - checked: true\n"
    "            text: 厚生年金\n"
    "          - checked: false\n"
    "            text: 雇用保険\n"
    "      - page_break: true\n"
    "      - paragraph: 改ページ後の段落です。\n";

/* No line break in any block kind breaks a kinsoku rule: no line it makes
 * starts with a character that may not start a line (、。）ー small kana
 * at level 4) nor ends with one that may not end it (（「). */
static void kinsoku_in_blocks(void **state)
{
	fixture *f = *state;
	ng_doc *doc = build(f, rich, "client-notice");
	assert_non_null(doc);
	static lline v[600];
	size_t n = laid_out(f, doc, v, NG_ARRAY_LEN(v)), checked = 0;
	for (size_t i = 0; i < n; i++) {
		if (strchr(v[i].flags, 'P') || !*v[i].text)
			continue;
		const char *t = v[i].text;
		size_t len = strlen(t), k = len;
		uint32_t first = 0, last = 0;
		ng_utf8_decode(t, len, &first);
		while (k > 0 && ((unsigned char)t[k - 1] & 0xC0) == 0x80)
			k--;
		ng_utf8_decode(t + k - 1, len - k + 1, &last);
		const ng_jclass *fc = ng_jlreq_info(f->fl.jl, ng_jlreq_class(f->fl.jl, first));
		const ng_jclass *lc = ng_jlreq_info(f->fl.jl, ng_jlreq_class(f->fl.jl, last));
		/* Only where a line was broken: a cell's lone － is its text. */
		bool broken_before = strchr(v[i].flags, 'C') != NULL;
		bool broken_after = i + 1 < n && strchr(v[i + 1].flags, 'C');
		if (broken_before && (fc->flags & (NG_JF_NOSTART | NG_JF_NOSTART4)))
			fail_msg("line starts with a no-start character: %s", t);
		if (broken_after && (lc->flags & NG_JF_NOEND))
			fail_msg("line ends with a no-end character: %s", t);
		checked += broken_before;
	}
	assert_true(checked > 10);
}

/* The record's sections and updates hold block lists too: every built-in
 * template that prints them prints their lists, notes and tables. */
static void sections_and_updates_print_blocks(void **state)
{
	static const char *const names[] = {"client-notice", "individual-notice", "public-notice"};
	fixture *f = *state;
	for (size_t i = 0; i < NG_ARRAY_LEN(names); i++) {
		const char *out = dump(f,
		                       "sections:\n  - heading: 経緯\n    blocks:\n"
		                       "      - list: [甲, 乙]\n        marker: ①\n"
		                       "      - table: {rows: [[従業員, 1234]]}\n"
		                       "updates:\n  - date: 2023-07-22 10:00\n    heading: 追記\n"
		                       "    blocks:\n      - note: 追記の注記\n",
		                       names[i]);
		if (!out)
			fail_msg("%s failed", names[i]);
		assert_non_null(strstr(out, "marker=① | 甲\n"));
		assert_non_null(strstr(out, "  row | 従業員 | 1,234\n"));
		assert_non_null(strstr(out, "marker=※ | 追記の注記\n"));
	}
}

/* Header cells may span columns ({text, span}) and join the cell above
 * (^): the spanning cell is as wide as its columns, and no rule runs
 * between joined cells. */
static void spanning_header_cells(void **state)
{
	fixture *f = *state;
	ng_doc *doc = build(f,
	                    "attachments:\n  - blocks:\n      - table:\n          header:\n"
	                    "            - [区分, {text: 件数, span: 2}]\n"
	                    "            - [\"^\", 個人, 法人]\n"
	                    "          rows: [[従業員, 1234, 5]]\n",
	                    blocks_tmpl);
	assert_non_null(doc);
	ng_buf out = {0};
	ng_doc_dump(doc, &out);
	assert_non_null(
	    strstr(out.data, "  row | 区分 | 件数 <span=2>\n  row | ^ | 個人 | 法人\n"));
	ng_buf_free(&out);
	static lline v[100];
	size_t n = laid_out(f, doc, v, NG_ARRAY_LEN(v));
	const lline *span = find_line(v, n, "件数"), *right = find_line(v, n, "法人");
	const lline *left = find_line(v, n, "個人"), *kubun = find_line(v, n, "区分");
	assert_non_null(span);
	assert_non_null(right);
	assert_non_null(left);
	/* Centred over both columns, not over the first alone. */
	double mid = span->x + span->w / 2, l = left->x + left->w / 2, r = right->x + right->w / 2;
	assert_true(mid > l + 1 && mid < r - 1);
	/* No rule under 区分: its column is joined to the row below. */
	ng_layout_opts o;
	fake_layout_opts(&o, 10, f->fl.jl);
	ng_pages pages;
	assert_int_equal(ng_layout(doc, &o, f->fl.lb, f->a, &pages, f->d), 0);
	const ng_page *pg = &pages.pages[0];
	double ytop = 0;
	for (size_t i = 0; i < pg->nlines; i++)
		if (strncmp(pg->lines[i].text, "個人", strlen("個人")) == 0)
			ytop = pg->lines[i].y;
	size_t crossing = 0;
	for (size_t i = 0; i < pg->nrules; i++) {
		const ng_rule *ru = &pg->rules[i];
		/* A horizontal rule between the header rows under 区分. */
		if (ru->y1 == ru->y2 && ru->y1 < ytop && ru->y1 > ytop - 20 && ru->x1 < kubun->x &&
		    ru->x2 > kubun->x)
			crossing++;
	}
	assert_int_equal(crossing, 0);
}

/* A template that never reads attachments is reported (not-printed) at
 * the record's attachments; the built-in ones read them. */
static void attachments_not_printed_reported(void **state)
{
	fixture *f = *state;
	ng_record *rec = record(f, "attachments:\n  - blocks: [別紙の本文]\n");
	assert_non_null(rec);
	const char *path = ng_aprintf(f->a, "/tmp/ng-blocks-o-%d.tmpl", (int)getpid());
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("@para {{ letter.title }}\n", fp);
	fclose(fp);
	ng_template *mine = ng_template_load(path, f->a, f->d);
	unlink(path);
	assert_non_null(mine);
	ng_diags *d = ng_diags_new();
	ng_template_report_omits(mine, rec, d);
	bool found = false;
	for (size_t k = 0; k < ng_diags_count(d); k++) {
		const ng_diag *g = ng_diags_get(d, k);
		found |= strcmp(g->id, "not-printed") == 0 && g->line == 20 && g->col == 5;
	}
	assert_true(found);
	ng_diags_free(d);
	static const char *const names[] = {"client-notice", "individual-notice", "public-notice",
	                                    "ppc-report"};
	for (size_t i = 0; i < NG_ARRAY_LEN(names); i++) {
		ng_template *t = ng_template_load(names[i], f->a, f->d);
		assert_non_null(t);
		d = ng_diags_new();
		ng_template_report_omits(t, rec, d);
		for (size_t k = 0; k < ng_diags_count(d); k++)
			if (strstr(ng_diags_get(d, k)->message, "attachments"))
				fail_msg("%s: %s", names[i], ng_diags_get(d, k)->message);
		ng_diags_free(d);
	}
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
	    cmocka_unit_test_setup_teardown(table_header_repeats, setup, teardown),
	    cmocka_unit_test_setup_teardown(count_units_right_aligned, setup, teardown),
	    cmocka_unit_test_setup_teardown(inline_list_wraps, setup, teardown),
	    cmocka_unit_test_setup_teardown(attachment_starts_page, setup, teardown),
	    cmocka_unit_test_setup_teardown(text_and_markdown, setup, teardown),
	    cmocka_unit_test_setup_teardown(checks_from_row, setup, teardown),
	    cmocka_unit_test_setup_teardown(kinsoku_in_blocks, setup, teardown),
	    cmocka_unit_test_setup_teardown(attachments_not_printed_reported, setup, teardown),
	    cmocka_unit_test_setup_teardown(spanning_header_cells, setup, teardown),
	    cmocka_unit_test_setup_teardown(sections_and_updates_print_blocks, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
