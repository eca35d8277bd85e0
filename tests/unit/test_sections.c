/* test_sections.c — the record's own structure and words (issue 12): no
 * built-in template has a fixed word for the sender or the persons; every
 * text of every example is in the letters that should print it (or the
 * template says it leaves the field out); sections keep the user's order,
 * headings and numbering and replace the template's section for what
 * they cover; check reports a required item no section covers; 追記 stand
 * above the body, newest first; contact windows print by their dates. */
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
#include "record/validate.h"
#include "template/template.h"
#include "template/tmpl.h"

#define SRC NG_SOURCE_DIR

static const char *const builtins[] = {"client-notice", "individual-notice", "public-notice",
                                       "ppc-report"};

/* The file's text (the caller frees it); an unreadable file fails. */
static char *slurp(const char *path)
{
	char *data = NULL;
	size_t len = 0;
	int err = ng_read_file(path, 1 << 22, &data, &len);
	assert_int_equal(err, 0);
	char *copy = malloc(len + 1);
	assert_non_null(copy);
	memcpy(copy, data, len);
	copy[len] = '\0';
	free(data);
	return copy;
}

/* The minimal record with lines after `letter:` and at the end. */
static ng_record *variant(fixture *f, const char *letter_lines, const char *tail)
{
	char *base = slurp(SRC "/tests/golden/minimal.yaml");
	ng_buf b = {0};
	const char *at = strstr(base, "letter:\n") + strlen("letter:\n");
	ng_buf_add(&b, base, (size_t)(at - base));
	ng_buf_adds(&b, letter_lines);
	ng_buf_adds(&b, at);
	ng_buf_adds(&b, tail);
	ng_record *rec = ng_record_parse("variant.yaml", b.data, b.len, f->a, f->d);
	ng_buf_free(&b);
	free(base);
	return rec;
}

/* The letter as plain text (paragraphs unwrapped) through template name. */
static char *letter_text(fixture *f, const ng_record *rec, const char *name)
{
	ng_template *t = ng_template_load(name, f->a, f->d);
	assert_non_null(t);
	ng_doc *doc = ng_doc_new(f->a);
	if (ng_template_build(t, rec, f->era, doc, f->d) != 0) {
		ng_diags_print(f->d, stderr, 0);
		fail_msg("%s failed", name);
	}
	ng_buf out = {0};
	ng_doc_text(doc, &out);
	char *s = ng_strdup(f->a, out.data ? out.data : "");
	ng_buf_free(&out);
	return s;
}

static bool has_code(const ng_diags *d, const char *id)
{
	for (size_t i = 0; i < ng_diags_count(d); i++)
		if (strcmp(ng_diags_get(d, i)->id, id) == 0)
			return true;
	return false;
}

/* ---- words */

/* No built-in template file holds the organisation's words. */
static void templates_hold_no_fixed_words(void **state)
{
	(void)state;
	static const char *const words[] = {"当社",     "弊社", "お客様", "貴社", "御社",  "貴院",
	                                    "貴事務所", "当院", "あなた", "貴殿", "患者様"};
	DIR *dir = opendir(SRC "/templates");
	assert_non_null(dir);
	int n = 0;
	for (struct dirent *e; (e = readdir(dir));) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 5, ".tmpl") != 0)
			continue;
		char path[512];
		snprintf(path, sizeof path, SRC "/templates/%s", e->d_name);
		char *text = slurp(path);
		for (size_t i = 0; i < NG_ARRAY_LEN(words); i++)
			if (strstr(text, words[i]))
				fail_msg("%s holds 「%s」", e->d_name, words[i]);
		free(text);
		n++;
	}
	closedir(dir);
	assert_true(n >= 4);
}

/* A clinic is 当院 and writes to 患者の皆様 in every built-in letter. */
static void clinic_words_in_every_template(void **state)
{
	fixture *f = *state;
	ng_record *rec = variant(f, "", "");
	assert_non_null(rec);
	/* sender.kind: clinic, and nothing else said about words */
	char *base = slurp(SRC "/tests/golden/minimal.yaml");
	ng_buf b = {0};
	const char *at = strstr(base, "  organization: 小林労務\n");
	assert_non_null(at);
	at += strlen("  organization: 小林労務\n");
	ng_buf_add(&b, base, (size_t)(at - base));
	ng_buf_adds(&b, "  kind: clinic\n");
	ng_buf_adds(&b, at);
	rec = ng_record_parse("clinic.yaml", b.data, b.len, f->a, f->d);
	assert_non_null(rec);
	assert_string_equal(rec->words.self.s, "当院");
	assert_string_equal(rec->words.persons.s, "患者の皆様");
	for (size_t i = 0; i < NG_ARRAY_LEN(builtins); i++) {
		char *text = letter_text(f, rec, builtins[i]);
		if (strstr(text, "当社") || strstr(text, "お客様") || strstr(text, "弊社"))
			fail_msg("%s prints a fixed word:\n%s", builtins[i], text);
	}
	/* 患者様 inside a phrase (words.persons_short), 患者の皆様 spoken to */
	assert_non_null(
	    strstr(letter_text(f, rec, "individual-notice"), "当院が取り扱う患者様の個人情報"));
	assert_non_null(strstr(letter_text(f, rec, "individual-notice"), "患者の皆様には多大なる"));
	assert_non_null(strstr(letter_text(f, rec, "individual-notice"), "患者の皆様へのお願い"));
	assert_non_null(strstr(letter_text(f, rec, "public-notice"), "当院が取り扱う"));
	ng_buf_free(&b);
	free(base);
}

/* words.self and words.persons beat the kind's defaults; an unknown kind
 * is an error naming the known ones. */
static void words_override_and_bad_kind(void **state)
{
	fixture *f = *state;
	ng_record *rec = variant(f, "", "words:\n  self: 本法人\n  persons: 利用者の皆様\n");
	assert_non_null(rec);
	char *text = letter_text(f, rec, "individual-notice");
	assert_non_null(strstr(text, "本法人が取り扱う利用者の皆様の個人情報"));
	ng_diags *d = f->d;
	size_t before = ng_diags_count(d);
	char *base = slurp(SRC "/tests/golden/minimal.yaml");
	char *p = strstr(base, "  organization: 小林労務\n");
	ng_buf b = {0};
	ng_buf_add(&b, base, (size_t)(p - base));
	ng_buf_adds(&b, "  kind: hospitl\n");
	ng_buf_adds(&b, p);
	assert_null(ng_record_parse("k.yaml", b.data, b.len, f->a, d));
	assert_true(ng_diags_count(d) > before);
	const ng_diag *g = ng_diags_get(d, before);
	assert_string_equal(g->id, "bad-value");
	assert_int_equal(g->line, 7);
	/* the hint names the Japanese words too */
	assert_non_null(g->hint);
	assert_non_null(strstr(g->hint, "town (町)"));
	ng_buf_free(&b);
	/* the office's name as a user types it: 町役場 is a town */
	ng_buf_add(&b, base, (size_t)(p - base));
	ng_buf_adds(&b, "  kind: 町役場\n");
	ng_buf_adds(&b, p);
	rec = ng_record_parse("k.yaml", b.data, b.len, f->a, d);
	assert_non_null(rec);
	assert_string_equal(rec->words.self.s, "本町");
	assert_string_equal(rec->words.persons.s, "町民の皆様");
	ng_buf_free(&b);
	free(base);
}

/* How a letter calls its client: by the addressee's name (a 事務所 is
 * 貴事務所, stacked lines that agree), 貴社 when the name does not say,
 * words.client over both; the client-notice prints it, never a fixed 貴社. */
static void client_word_by_name(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *name, *word;
	} names[] = {
	    {"山田社会保険労務士事務所 御中", "貴事務所"},
	    {"株式会社青葉商事 総務部 御中", "貴社"},
	    {"医療法人あおば会 あおばクリニック", "貴院"},
	    {"北斗市役所", "貴市"},
	    {"北斗市", "貴市"},
	    {"社会福祉法人みどり会", "貴会"},
	    {"株式会社あおば商会", "貴社"},
	    {"青葉町立第一小学校\u3000御中", "貴校"},
	    {"顧問先各位", NULL},
	    {"山田 花子 様", NULL},
	};
	for (size_t i = 0; i < NG_ARRAY_LEN(names); i++) {
		const char *got = ng_words_client_for(names[i].name);
		if (names[i].word ? !got || strcmp(got, names[i].word) != 0 : got != NULL)
			fail_msg("「%s」: %s, want %s", names[i].name, got ? got : "(none)",
			         names[i].word ? names[i].word : "(none)");
	}
	/* minimal.yaml writes to 顧問先各位: the name does not say */
	ng_record *rec = variant(f, "", "");
	assert_non_null(rec);
	assert_string_equal(rec->words.client.s, "貴社");
	rec = variant(f, "", "words:\n  client: 貴法人\n");
	assert_non_null(rec);
	assert_string_equal(rec->words.client.s, "貴法人");
	/* stacked lines that agree; lines that do not are 貴社 */
	char *base = slurp(SRC "/tests/golden/minimal.yaml");
	static const struct {
		const char *lines, *word;
	} stacked[] = {
	    {"  addressee: [山田社会保険労務士事務所, 佐藤税理士事務所, 各位]\n", "貴事務所"},
	    {"  addressee: [山田社会保険労務士事務所, 株式会社青葉, 各位]\n", "貴社"},
	    {"  addressee: あおば病院 御中\n", "貴院"},
	};
	for (size_t i = 0; i < NG_ARRAY_LEN(stacked); i++) {
		const char *at = strstr(base, "  addressee: 顧問先各位\n");
		assert_non_null(at);
		ng_buf b = {0};
		ng_buf_add(&b, base, (size_t)(at - base));
		ng_buf_adds(&b, stacked[i].lines);
		ng_buf_adds(&b, at + strlen("  addressee: 顧問先各位\n"));
		rec = ng_record_parse("stacked.yaml", b.data, b.len, f->a, f->d);
		ng_buf_free(&b);
		if (!rec) {
			ng_diags_print(f->d, stderr, 0);
			fail_msg("%s", stacked[i].lines);
		}
		if (strcmp(rec->words.client.s, stacked[i].word) != 0)
			fail_msg("%s: %s, want %s", stacked[i].lines, rec->words.client.s,
			         stacked[i].word);
	}
	free(base);
}

/* ---- sections */

static const char sections_yaml[] = "sections:\n"
                                    "  - heading: はじめに\n"
                                    "    blocks: [冒頭の段落です。]\n"
                                    "  - heading: 原因と対策\n"
                                    "    numbering: （1）\n"
                                    "    covers: [causes]\n"
                                    "    blocks: [原因は設定の誤りでした。]\n"
                                    "    sections:\n"
                                    "      - heading: 詳細\n"
                                    "        blocks: [詳細の段落です。]\n"
                                    "  - heading: 漏えいした項目\n"
                                    "    covers: [data_items]\n";

/* The record's order and headings; a covered item's template section is
 * not made (never twice); a section without blocks gets the template's
 * words for what it covers; numbering styles per section, a nested one
 * without its own in the style after its parent's. */
static void sections_keep_order_and_replace(void **state)
{
	fixture *f = *state;
	ng_record *rec = variant(f, "", sections_yaml);
	assert_non_null(rec);
	char *text = letter_text(f, rec, "individual-notice");
	const char *order[] = {"1. はじめに",
	                       "冒頭の段落です。",
	                       "2. 何が起きたのか",
	                       "（3）原因と対策",
	                       "原因は設定の誤りでした。",
	                       "① 詳細", /* nested: the style after （1）, not （1） again */
	                       "詳細の段落です。",
	                       "（4）漏えいした項目",
	                       "給与計算：氏名、住所",
	                       "5. 二次被害またはそのおそれ"};
	const char *at = text;
	for (size_t i = 0; i < NG_ARRAY_LEN(order); i++) {
		const char *p = strstr(at, order[i]);
		if (!p)
			fail_msg("「%s」 missing or out of order in:\n%s", order[i], text);
		at = p + strlen(order[i]);
	}
	/* the template's own 原因 and 項目 sections are not made */
	assert_null(strstr(text, "原因\n"));
	assert_null(strstr(text, "漏えい等のおそれがあるお客様の情報"));
}

/* A nested heading is never in its parent's style: the reference
 * letter's parties under 【原因】 and under 「2. 本事案の対応経緯」 are
 * numbered one level down (【】 → 1. → （1）), not 【…側の原因】 again; with
 * letter.numbering 1. the levels go 1. → （1） → ①. */
static void nested_headings_next_style(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *letter;
		const char *order[8];
	} cases[] = {
	    {"",
	     {"【概要】", "1. 発生事象", "2. 本事案の対応経緯", "（1）MKシステム側の対応経緯",
	      "（2）小林労務側の対応経緯", "【原因】", "1. MKシステム側の原因",
	      "2. 小林労務側の原因"}},
	    {"  numbering: \"1.\"\n",
	     {"1. 概要", "（1）発生事象", "（2）本事案の対応経緯", "① MKシステム側の対応経緯",
	      "② 小林労務側の対応経緯", "2. 原因", "（1）MKシステム側の原因",
	      "（2）小林労務側の原因"}},
	};
	char *base = slurp(SRC "/examples/shaamu-2023/incident.yaml");
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		ng_buf b = {0};
		const char *at = strstr(base, "letter:\n") + strlen("letter:\n");
		ng_buf_add(&b, base, (size_t)(at - base));
		ng_buf_adds(&b, cases[i].letter);
		ng_buf_adds(&b, at);
		ng_record *rec = ng_record_parse(SRC "/examples/shaamu-2023/incident.yaml", b.data,
		                                 b.len, f->a, f->d);
		ng_buf_free(&b);
		assert_non_null(rec);
		char *text = letter_text(f, rec, "client-notice");
		const char *p = text;
		for (size_t k = 0; k < NG_ARRAY_LEN(cases[i].order); k++) {
			const char *q = strstr(p, cases[i].order[k]);
			if (!q)
				fail_msg("case %zu: 「%s」 missing or out of order in:\n%s", i,
				         cases[i].order[k], text);
			p = q + strlen(cases[i].order[k]);
		}
		assert_null(strstr(text, "側の原因】"));
		assert_null(strstr(text, "側の対応経緯】"));
	}
	free(base);
}

/* On the PPC worksheet (its nine items in a fixed order), a section that
 * covers several items prints its words once, under the first, and the
 * later items point there; a heading that only restates the item's name
 * (「原因」 under 「4. 原因」, 「【公表について】」) is not printed again. */
static void covering_section_once_on_worksheet(void **state)
{
	fixture *f = *state;
	static const char tail[] = "sections:\n"
	                           "  - heading: 原因\n"
	                           "    covers: [causes]\n"
	                           "    blocks: [設定の誤りが原因でした。]\n"
	                           "  - heading: 【公表について】\n"
	                           "    covers: [publication]\n"
	                           "    blocks: [ウェブサイトで公表しました。]\n"
	                           "  - heading: お客様へのお願い\n"
	                           "    covers: [other, secondary_harm]\n"
	                           "    blocks: [明細をご確認ください。]\n"
	                           "  - heading: 今後の対応\n"
	                           "    covers: [response, prevention]\n"
	                           "    blocks: [個別にご連絡します。]\n";
	ng_record *rec = variant(f, "", tail);
	assert_non_null(rec);
	char *text = letter_text(f, rec, "ppc-report");
	const char *order[] = {"4. 原因\n　【小林労務】調査中\n　設定の誤りが原因でした。",
	                       "5. 二次被害",
	                       "お客様へのお願い\n　明細をご確認ください。",
	                       "6. 本人への対応の実施状況\n今後の対応\n　個別にご連絡します。",
	                       "7. 公表の実施状況\n　ウェブサイトで公表しました。",
	                       "8. 再発防止のための措置\n　（6.に記載）",
	                       "9. その他参考となる事項\n　（5.に記載）"};
	const char *at = text;
	for (size_t i = 0; i < NG_ARRAY_LEN(order); i++) {
		const char *p = strstr(at, order[i]);
		if (!p) {
			fprintf(stderr, "%s", text);
			fail_msg("「%s」 missing or out of order", order[i]);
		}
		at = p + strlen(order[i]);
	}
	/* each section's words once */
	static const char *const once[] = {"明細をご確認ください。", "個別にご連絡します。",
	                                   "お客様へのお願い", "今後の対応", "公表について"};
	for (size_t i = 0; i < NG_ARRAY_LEN(once); i++) {
		const char *p = strstr(text, once[i]);
		size_t seen = 0;
		for (; p; p = strstr(p + 1, once[i]))
			seen++;
		if (seen != (i < 4 ? 1u : 0u))
			fail_msg("「%s」 printed %zu times in:\n%s", once[i], seen, text);
	}
}

/* A window whose hours are each case's hours (YAML) prints its want in
 * the individual notice. */
typedef struct {
	const char *hours, *want;
} hours_case;

static void hours_print_as(fixture *f, const hours_case *cases, size_t n)
{
	char *base = slurp(SRC "/tests/golden/minimal.yaml");
	const char *line = "  phone: 03-0000-0000\n";
	char *p = strstr(base, line);
	for (size_t i = 0; i < n; i++) {
		ng_buf b = {0};
		ng_buf_add(&b, base, (size_t)(p - base) + strlen(line));
		ng_buf_printf(&b,
		              "  windows:\n    - kind: phone\n      phone: 03-0000-1111\n"
		              "      hours: %s\n",
		              cases[i].hours);
		ng_buf_adds(&b, p + strlen(line));
		ng_record *rec = ng_record_parse("win.yaml", b.data, b.len, f->a, f->d);
		ng_buf_free(&b);
		if (!rec) {
			ng_diags_print(f->d, stderr, 0);
			fail_msg("%s: not read", cases[i].hours);
		}
		char *letter = letter_text(f, rec, "individual-notice");
		if (!strstr(letter, cases[i].want))
			fail_msg("%s: want 「%s」 in:\n%s", cases[i].hours, cases[i].want, letter);
	}
	free(base);
}

/* hours given as a map: the note joins the one parenthesis after the
 * hours (no second （…）, no 全角 space, no （（…））). */
static void window_hours_note_in_one_parenthesis(void **state)
{
	fixture *f = *state;
	static const hours_case cases[] = {
	    {"{weekdays: 10:00～20:00, note: \"（8月末まで）\"}",
	     "受付時間：平日 10:00～20:00（土日祝日、年末年始（12/29～1/3）を除く。8月末まで）\n"},
	    {"{weekdays: 10:00～20:00, note: 8月末まで}",
	     "受付時間：平日 10:00～20:00（土日祝日、年末年始（12/29～1/3）を除く。8月末まで）\n"},
	    {"{weekdays: 9:00～17:00, holidays: 9:00～12:00, year_end: 9:00～12:00, note: "
	     "\"（混み合う場合があります）\"}",
	     "受付時間：平日 9:00～17:00、土日祝日 9:00～12:00、年末年始（12/29～1/3） "
	     "9:00～12:00（混み合う場合があります）\n"},
	    {"{note: \"（8月末まで）\"}", "受付時間：8月末まで\n"},
	    {"{note: \"（平日）と（土曜）\"}", "受付時間：（平日）と（土曜）\n"},
	    {"{weekdays: 9:00～17:00}",
	     "受付時間：平日 9:00～17:00（土日祝日、年末年始（12/29～1/3）を除く）\n"},
	};
	hours_print_as(f, cases, NG_ARRAY_LEN(cases));
}

/* Headings in every numbering style; a mark that fills its em (① ■) is
 * followed by a space, which the layout sets at half an em. */
static void numbering_styles(void **state)
{
	(void)state;
	static const struct {
		const char *style, *pre, *post;
		size_t n;
	} cases[] = {{"1.", "3. ", "", 3},    {"1　", "2　", "", 2},   {"（1）", "（12）", "", 12},
	             {"第1", "第4　", "", 4}, {"【】", "【", "】", 7}, {"■", "■ ", "", 1},
	             {"none", "", "", 5},     {"①", "③ ", "", 3},      {"ア", "ウ　", "", 3}};
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		ng_buf pre = {0}, post = {0};
		assert_true(ng_numbering_known(cases[i].style));
		ng_numbering(cases[i].style, cases[i].n, &pre, &post);
		assert_string_equal(pre.len ? pre.data : "", cases[i].pre);
		assert_string_equal(post.len ? post.data : "", cases[i].post);
		ng_buf_free(&pre);
		ng_buf_free(&post);
	}
	assert_false(ng_numbering_known("1-1"));
}

/* A 本人通知 whose causes neither the facts nor a section give: check
 * reports item 4; a section that covers causes states it. */
static void uncovered_required_item(void **state)
{
	fixture *f = *state;
	char *base = slurp(SRC "/tests/golden/minimal.yaml");
	/* the minimal record's only cause is its party's 調査中: drop it */
	char *p = strstr(base, "parties:\n");
	assert_non_null(p);
	*p = '\0';
	static const char *const extra[] = {
	    "sections:\n  - heading: 経緯\n    blocks: [経緯の段落。]\n",
	    "sections:\n  - heading: 原因\n    covers: [causes]\n    blocks: [原因の段落。]\n"};
	for (int k = 0; k < 2; k++) {
		ng_diags *d = ng_diags_new();
		ng_buf b = {0};
		ng_buf_adds(&b, base);
		ng_buf_adds(&b, extra[k]);
		ng_record *rec = ng_record_parse("items.yaml", b.data, b.len, f->a, d);
		assert_int_equal(has_code(d, "required-item"), k == 0);
		if (k == 0) {
			assert_null(rec);
			const ng_diag *g = ng_diags_get(d, 0);
			assert_non_null(strstr(g->message, "item 4"));
		} else {
			assert_non_null(rec);
			assert_int_equal(rec->items[NG_ITEM_CAUSE].state, NG_STATE_KNOWN);
		}
		ng_buf_free(&b);
		ng_diags_free(d);
	}
	free(base);
}

/* A section with its own words over an item the facts also give: the
 * facts are not printed, and a warning says so; covering an item twice
 * is an error; an unknown covers key names the known ones. */
static void covered_facts_and_bad_covers(void **state)
{
	fixture *f = *state;
	ng_diags *d = ng_diags_new();
	fixture g = *f;
	g.d = d;
	ng_record *rec = variant(&g, "",
	                         "sections:\n  - heading: 二次被害\n    covers: [secondary_harm]\n"
	                         "    blocks: [被害は確認されていません。]\n");
	assert_non_null(rec);
	assert_true(has_code(d, "covered"));
	assert_null(
	    strstr(letter_text(&g, rec, "individual-notice"), "情報流出は確認されていません"));
	ng_diags_free(d);
	/* letter.omit naming the item says the record means it (the facts stay
	 * for the PPC report): no warning then. */
	d = ng_diags_new();
	g.d = d;
	rec = variant(&g, "  omit: [secondary_harm]\n",
	              "sections:\n  - heading: 二次被害\n    covers: [secondary_harm]\n"
	              "    blocks: [被害は確認されていません。]\n");
	assert_non_null(rec);
	assert_false(has_code(d, "covered"));
	assert_non_null(
	    strstr(letter_text(&g, rec, "individual-notice"), "被害は確認されていません"));
	ng_diags_free(d);
	d = ng_diags_new();
	g.d = d;
	static const char *const bad[] = {
	    "sections:\n  - heading: A\n    covers: [causes]\n"
	    "  - heading: B\n    covers: [causes]\n",            /* twice */
	    "sections:\n  - heading: A\n    covers: [cause]\n"}; /* no such item */
	for (size_t k = 0; k < 2; k++) {
		ng_diags_free(d);
		d = ng_diags_new();
		g.d = d;
		assert_null(variant(&g, "", bad[k]));
		assert_true(has_code(d, "bad-value"));
	}
	ng_diags_free(d);
}

/* The PPC worksheet prints a covering section's heading over its own
 * words only (its blocks or its sub-sections'): a section without either
 * (the template's words for the item under the user's heading) leaves no
 * heading over nothing. */
static void ppc_no_heading_over_nothing(void **state)
{
	fixture *f = *state;
	ng_record *rec = variant(f, "",
	                         "sections:\n  - heading: 被害の状況について\n"
	                         "    covers: [secondary_harm]\n");
	assert_non_null(rec);
	const char *ppc = letter_text(f, rec, "ppc-report");
	assert_non_null(strstr(ppc, "情報流出は確認されていません"));
	assert_null(strstr(ppc, "被害の状況について"));
	/* an item the record does not give says so under its heading */
	if (!strstr(ppc, "6. 本人への対応の実施状況\n　未記載"))
		fail_msg("no 未記載 under item 6:\n%s", ppc);
	assert_null(strstr(ppc, "5. 二次被害又はそのおそれの有無及びその内容\n　未記載"));
	/* the letters still print it as the heading of the template's words */
	assert_non_null(strstr(letter_text(f, rec, "individual-notice"), "被害の状況について"));
	/* a covering section whose words are in its sub-sections: the
	 * worksheet prints them under the item (they were dropped) */
	rec = variant(f, "",
	              "sections:\n  - heading: 経緯と原因\n    covers: [causes]\n"
	              "    sections:\n      - heading: 原因の詳細\n"
	              "        blocks: [設定を誤っていたためです。]\n");
	assert_non_null(rec);
	ppc = letter_text(f, rec, "ppc-report");
	const char *order[] = {"4. 原因", "経緯と原因", "原因の詳細", "設定を誤っていたためです。",
	                       "5. 二次被害"};
	const char *at = ppc;
	for (size_t i = 0; i < NG_ARRAY_LEN(order); i++) {
		const char *q = strstr(at, order[i]);
		if (!q)
			fail_msg("「%s」 missing or out of order in:\n%s", order[i], ppc);
		at = q + strlen(order[i]);
	}
}

/* ---- frame, updates, windows */

/* A 西暦 letter that asks for both calendars in one reference puts 西暦
 * first (2024年（令和6年）), unless calendar_first says otherwise; a 和暦
 * letter keeps 和暦 first. */
static void both_calendars_follow_the_letter(void **state)
{
	fixture *f = *state;
	static const char *const lines[] = {"  calendar: seireki\n",
	                                    "  calendar: seireki\n  calendar_first: wareki\n", ""};
	static const char *const want[] = {"2024年（令和6年）4月1日（月）に公開",
	                                   "令和6年（2024年）4月1日（月）に公開",
	                                   "令和6年（2024年）4月1日（月）に公開"};
	for (size_t i = 0; i < NG_ARRAY_LEN(lines); i++) {
		ng_diags *d = ng_diags_new();
		fixture g = *f;
		g.d = d;
		ng_record *rec = variant(&g, lines[i],
		                         "sections:\n  - heading: 経緯\n"
		                         "    blocks: [\"{{2024-04-01 | both}}に公開\"]\n");
		assert_non_null(rec);
		ng_era_set_letter(f->era, &rec->letter.dates); /* as the engine does */
		const char *text = letter_text(&g, rec, "public-notice");
		if (!strstr(text, want[i]))
			fail_msg("「%s」 not in:\n%s", want[i], text);
		ng_diags_free(d);
	}
}

/* 追記 above the body, newest first, the title marked with the newest
 * day; 記/以上 and the date line as the record says; a stacked
 * addressee; the sender at the end. */
static void frame_and_updates(void **state)
{
	fixture *f = *state;
	ng_record *rec = variant(f,
	                         "  kigaki: false\n  date_line: false\n  sender_position: end\n"
	                         "  marking: 【取扱注意】\n  number: 第12号\n",
	                         "updates:\n"
	                         "  - date: 2023-07-25 10:00\n    blocks: [一つ目の追記。]\n"
	                         "  - date: 2023-07-28 9:30\n    heading: 追記（窓口）\n"
	                         "    blocks: [二つ目の追記。]\n");
	assert_non_null(rec);
	char *text = letter_text(f, rec, "individual-notice");
	const char *order[] = {"【取扱注意】",        "第12号",
	                       "顧問先各位",          "お知らせ",
	                       "※令和5年7月28日追記", "【追記（窓口）】令和5年7月28日（金）9時30分",
	                       "二つ目の追記。",      "【追記】令和5年7月25日（火）10時",
	                       "一つ目の追記。",      "このたび、",
	                       "以下のとおり",        "何が起きたのか",
	                       "お問い合わせ窓口",    "小林労務"};
	const char *at = text;
	for (size_t i = 0; i < NG_ARRAY_LEN(order); i++) {
		const char *p = strstr(at, order[i]);
		if (!p)
			fail_msg("「%s」 missing or out of order in:\n%s", order[i], text);
		at = p + strlen(order[i]);
	}
	assert_null(strstr(text, "令和5年7月21日")); /* no date line */
	assert_null(strstr(text, "\n記\n"));
	assert_null(strstr(text, "以上"));
	rec = variant(f, "", "");
	ng_node *to = ng_node_get(ng_node_get(rec->root, "letter"), "addressee");
	assert_string_equal(to->value, "顧問先各位");
	rec = variant(f, "", "");
	char *base = slurp(SRC "/tests/golden/minimal.yaml");
	ng_buf b = {0};
	char *p = strstr(base, "  addressee: 顧問先各位\n");
	ng_buf_add(&b, base, (size_t)(p - base));
	ng_buf_adds(&b, "  addressee:\n    - 株式会社青葉\n    - 株式会社若葉\n    - 各位\n");
	ng_buf_adds(&b, p + strlen("  addressee: 顧問先各位\n"));
	rec = ng_record_parse("stack.yaml", b.data, b.len, f->a, f->d);
	assert_non_null(rec);
	assert_non_null(
	    strstr(letter_text(f, rec, "client-notice"), "株式会社青葉\n株式会社若葉\n各位"));
	ng_buf_free(&b);
	free(base);
}

/* The minimal record with its addressee line replaced by line (may be ""). */
static ng_record *with_addressee(fixture *f, const char *line)
{
	char *base = slurp(SRC "/tests/golden/minimal.yaml");
	const char *old = "  addressee: 顧問先各位\n";
	char *p = strstr(base, old);
	assert_non_null(p);
	ng_buf b = {0};
	ng_buf_add(&b, base, (size_t)(p - base));
	ng_buf_adds(&b, line);
	ng_buf_adds(&b, p + strlen(old));
	ng_diags_free(f->d);
	f->d = ng_diags_new();
	ng_record *rec = ng_record_parse("to.yaml", b.data, b.len, f->a, f->d);
	ng_buf_free(&b);
	free(base);
	return rec;
}

/* A web notice has no addressee line: addressee: none leaves out even
 * the 各位 a public notice falls back to, prints no 「none」 and no PDF
 * subject; without the field the fallback stays; a letter to clients
 * must name its addressee (an error at the field). */
static void no_addressee_line(void **state)
{
	fixture *f = *state;
	ng_record *rec = with_addressee(f, "  audience: public\n  addressee: none\n");
	assert_non_null(rec);
	for (size_t i = 0; i < NG_ARRAY_LEN(builtins); i++) {
		char *text = letter_text(f, rec, builtins[i]);
		if (strstr(text, "各位") || strstr(text, "none"))
			fail_msg("%s: an addressee line in:\n%s", builtins[i], text);
	}
	ng_template *t = ng_template_load("public-notice", f->a, f->d);
	ng_doc *doc = ng_doc_new(f->a);
	assert_int_equal(ng_template_build(t, rec, f->era, doc, f->d), 0);
	assert_null(doc->subject);
	rec = with_addressee(f, "  audience: public\n");
	assert_non_null(rec);
	assert_non_null(strstr(letter_text(f, rec, "public-notice"), "各位"));
	rec = with_addressee(f, "  audience: clients\n  addressee: none\n");
	assert_null(rec);
	assert_true(has_code(f->d, "bad-value"));
	const ng_diag *g = ng_diags_get(f->d, 0);
	assert_int_equal(g->line, 6);
	assert_int_equal(g->col, 14);
}

/* Every letter prints the windows valid on its date and the one that opens
 * later, under 「…まで」/「…以降」; kinds, 内線 and hours by day. */
static void contact_windows_by_date(void **state)
{
	fixture *f = *state;
	ng_record *rec;
	static const char windows[] =
	    "  windows:\n"
	    "    - kind: freedial\n      phone: 0120-000-111\n      until: 2023-07-31\n"
	    "      hours: {weekdays: 9:00～17:00, saturdays: 10:00～12:00}\n"
	    "    - kind: 電話\n      phone: 03-0000-2222\n      extension: \"15\"\n"
	    "      from: 2023-08-01\n"
	    "    - kind: counter\n      place: 本社1階受付\n      until: 2023-07-01\n";
	char *base = slurp(SRC "/tests/golden/minimal.yaml");
	ng_buf b = {0};
	char *p = strstr(base, "  phone: 03-0000-0000\n");
	ng_buf_add(&b, base, (size_t)(p - base) + strlen("  phone: 03-0000-0000\n"));
	ng_buf_adds(&b, windows);
	ng_buf_adds(&b, p + strlen("  phone: 03-0000-0000\n"));
	ng_diags *d = ng_diags_new();
	rec = ng_record_parse("win.yaml", b.data, b.len, f->a, d);
	assert_non_null(rec);
	assert_true(has_code(d, "window-closed"));
	char *letter = letter_text(f, rec, "individual-notice");
	assert_non_null(strstr(letter, "フリーダイヤル：0120-000-111"));
	assert_non_null(strstr(letter, "受付時間：平日 9:00～17:00、土曜 10:00～12:00（日曜・祝日、"
	                               "年末年始（12/29～1/3）を除く）"));
	assert_null(strstr(letter, "本社1階受付"));
	/* Every letter (not only the public notice) says until when a window
	 * runs and which one takes over: a letter is read after its date. */
	for (size_t t = 0; t < NG_ARRAY_LEN(builtins); t++) {
		char *text = letter_text(f, rec, builtins[t]);
		const char *order[] = {"7月31日（月）まで", "フリーダイヤル：0120-000-111",
		                       "8月1日（火）以降", "電話：03-0000-2222（内線 15）"};
		const char *at = text;
		for (size_t i = 0; i < NG_ARRAY_LEN(order); i++) {
			const char *q = strstr(at, order[i]);
			if (!q)
				fail_msg("%s: 「%s」 missing or out of order in:\n%s", builtins[t],
				         order[i], text);
			at = q + strlen(order[i]);
		}
		assert_null(strstr(text, "本社1階受付"));
	}
	ng_diags_free(d);
	ng_buf_free(&b);
	free(base);
}

/* ---- every example's texts are printed */

/* Keys whose values are settings, dates or numbers, not text to print. */
static const char *const not_text[] = {"date",
                                       "when",
                                       "occurred",
                                       "known",
                                       "kind",
                                       "numbering",
                                       "covers",
                                       "marker",
                                       "inline",
                                       "align",
                                       "widths",
                                       "checked",
                                       "template",
                                       "audience",
                                       "report",
                                       "kigaki",
                                       "date_line",
                                       "sender_position",
                                       "omit",
                                       "update",
                                       "seal",
                                       "categories",
                                       "deadlines",
                                       "status",
                                       "approx",
                                       "count",
                                       "from",
                                       "until",
                                       "item_status",
                                       "omitted",
                                       "covered",
                                       "affected",
                                       "updates_latest",
                                       "words",
                                       "page_break",
                                       "total",
                                       "header",
                                       "rows",
                                       "incident",
                                       "calendar",
                                       "scheme",
                                       "current",
                                       "later",
                                       "dated",
                                       "label",
                                       "value",
                                       "same_day",
                                       "timeline_clock",
                                       "parties_handling",
                                       "after"};

static bool skip_key(const char *k)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(not_text); i++)
		if (strcmp(not_text[i], k) == 0)
			return true;
	return false;
}

/* Whether the field at path (dotted, no list indices) is one template t
 * leaves out on purpose, or the record's letter.omit names. */
static bool omitted(const ng_template *t, const ng_record *rec, const char *path)
{
	for (size_t i = 0; i < t->nomits; i++) {
		size_t n = strlen(t->omits[i].field);
		if (strncmp(path, t->omits[i].field, n) == 0 && (!path[n] || path[n] == '.') &&
		    (!t->omits[i].when || tmpl_field_given(rec, t->omits[i].when)))
			return true;
	}
	const ng_node *m = ng_node_get(rec->root, "omitted");
	const char *last = strrchr(path, '.');
	char first[64] = {0};
	snprintf(first, sizeof first, "%.*s", (int)strcspn(path, "."), path);
	if (strcmp(first, "affected_text") == 0) /* item 3 as the letter writes it */
		strcpy(first, "affected");
	return m && (ng_node_get(m, first) || (last && ng_node_get(m, last + 1)) ||
	             (strncmp(path, "parties.causes", 14) == 0 && ng_node_get(m, "causes")));
}

/* Each piece of literal text between {{…}} references (at least two
 * characters, no long digit runs that the letter groups) must be in
 * the letter. */
static int check_text(const char *s, const char *letter, const char *where, ng_buf *why)
{
	int bad = 0;
	while (*s) {
		const char *open = strstr(s, "{{");
		size_t len = open ? (size_t)(open - s) : strlen(s);
		char piece[2048];
		snprintf(piece, sizeof piece, "%.*s", (int)(len < 2000 ? len : 2000), s);
		size_t digits = 0, run = 0;
		for (const char *p = piece; *p; p++)
			run = (*p >= '0' && *p <= '9') ? run + 1 : 0,
			digits = run > digits ? run : digits;
		if (strlen(piece) >= 4 && digits < 4 && !strstr(letter, piece)) {
			ng_buf_printf(why, "  %s: 「%s」\n", where, piece);
			bad++;
		}
		if (!open)
			break;
		const char *close = strstr(open, "}}");
		if (!close)
			break;
		s = close + 2;
	}
	return bad;
}

/* What a template does not print by the record's own rules: a contact
 * window closed before the letter's date (every letter shows those that
 * open later); a party's name, which heads what a letter says about
 * the party (the worksheet lists every party). */
static bool not_due(const ng_node *n, const char *path, const ng_template *t)
{
	if (strcmp(path, "contact.windows") == 0 && n->kind == NG_NODE_MAP)
		return !ng_node_get(n, "current") && !ng_node_get(n, "later");
	return strcmp(path, "parties.name") == 0 && strcmp(t->name, "ppc-report") != 0;
}

static int walk(const ng_node *n, const char *path, const ng_template *t, const ng_record *rec,
                const char *letter, ng_buf *why)
{
	if (not_due(n, path, t))
		return 0;
	if (n->kind == NG_NODE_SCALAR && strcmp(n->value, "none") == 0)
		return 0; /* marking: none — a setting */
	if (n->kind == NG_NODE_SCALAR)
		return omitted(t, rec, path) ? 0 : check_text(n->value, letter, path, why);
	int bad = 0;
	for (size_t i = 0; i < n->n; i++) {
		if (n->kind == NG_NODE_SEQ) {
			bad += walk(n->items[i], path, t, rec, letter, why);
			continue;
		}
		const char *k = n->keys[i]->value;
		if (skip_key(k))
			continue;
		char sub[256];
		snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", k);
		bad += walk(n->items[i], sub, t, rec, letter, why);
	}
	return bad;
}

/* The letter as `notice-gen render --format txt` writes it (the engine
 * adds what templates print besides the record: deadlines, counts). */
static char *rendered_text(fixture *f, const char *yaml, const char *name)
{
	char out[] = "/tmp/ng-sections-XXXXXX";
	int fd = mkstemp(out);
	assert_true(fd >= 0);
	close(fd);
	ng_render_opts o = {.input = yaml, .output = out, .templ = name, .format = NG_FORMAT_TXT};
	ng_diags *d = ng_diags_new();
	if (ng_render(&o, d) != NG_OK) {
		ng_diags_print(d, stderr, 0);
		fail_msg("%s through %s failed", yaml, name);
	}
	ng_diags_free(d);
	char *text = slurp(out);
	unlink(out);
	char *s = ng_strdup(f->a, text);
	free(text);
	return s;
}

/* The built-in templates that write each audience's letters, and the
 * PPC worksheet every incident needs. */
static const char *const fits[NG_AUD__COUNT][3] = {
    [NG_AUD_INDIVIDUALS] = {"individual-notice", "public-notice", "ppc-report"},
    [NG_AUD_CLIENTS] = {"client-notice", "ppc-report", NULL},
    [NG_AUD_PPC] = {"ppc-report", NULL, NULL},
    [NG_AUD_PUBLIC] = {"public-notice", "individual-notice", "ppc-report"},
};

static void examples_print_every_text(void **state)
{
	fixture *f = *state;
	DIR *dir = opendir(SRC "/examples");
	assert_non_null(dir);
	int bad = 0, letters = 0;
	ng_buf why = {0};
	for (struct dirent *e; (e = readdir(dir));) {
		const char *yaml = ng_aprintf(f->a, "%s/examples/%s/incident.yaml", SRC, e->d_name);
		if (e->d_name[0] == '.' || access(yaml, R_OK) != 0)
			continue;
		char *raw = slurp(yaml);
		bool batch_only = strstr(raw, "{{client.") != NULL;
		free(raw);
		if (batch_only)
			continue; /* school-2024: batch_checks below */
		ng_record *rec = ng_record_load(yaml, f->a, f->d);
		assert_non_null(rec);
		for (size_t i = 0; i < 3; i++) {
			const char *name = fits[rec->letter.audience][i];
			if (!name)
				continue;
			ng_template *t = ng_template_load(name, f->a, f->d);
			char *letter = rendered_text(f, yaml, name);
			ng_buf_printf(&why, "%s through %s:\n", e->d_name, name);
			bad += walk(rec->root, "", t, rec, letter, &why);
			letters++;
		}
	}
	closedir(dir);
	assert_true(letters >= 12);
	if (bad)
		fail_msg("%d texts not printed:\n%s", bad, why.data);
	ng_buf_free(&why);
}

/* The school's letters, one per row: each row's ■/□ marks. */
static void school_batch_marks(void **state)
{
	(void)state;
	char dir[] = "/tmp/ng-school-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
	         "'%s' batch '%s/examples/school-2024/incident.yaml' --clients "
	         "'%s/examples/school-2024/clients.csv' -o '%s/out' --quiet --jobs 1",
	         NG_BINARY, SRC, SRC, dir);
	assert_int_equal(system(cmd), 0);
	/* grades, health, home per row of clients.csv */
	static const char *const want[3][3] = {{"■定期考査", "□保健調査票", "■住所"},
	                                       {"■定期考査", "■保健調査票", "□住所"},
	                                       {"□定期考査", "■保健調査票", "■住所"}};
	for (int row = 0; row < 3; row++) {
		snprintf(cmd, sizeof cmd, "pdftotext %s/out/%06d-*.pdf - | tr -d ' \n'", dir,
		         row + 1);
		FILE *p = popen(cmd, "r");
		assert_non_null(p);
		ng_buf text = {0};
		char chunk[4096];
		for (size_t n; (n = fread(chunk, 1, sizeof chunk, p)) > 0;)
			ng_buf_add(&text, chunk, n);
		assert_int_equal(pclose(p), 0);
		assert_non_null(text.data);
		for (int k = 0; k < 3; k++)
			if (!strstr(text.data, want[row][k]))
				fail_msg("row %d: no 「%s」 in\n%s", row + 1, want[row][k],
				         text.data);
		/* a letter to one guardian calls the reader by the school's word
		 * for one (words.reader), not 保護者の皆様 */
		assert_non_null(strstr(text.data, "本校が取り扱う保護者様の個人情報"));
		assert_null(strstr(text.data, "保護者の皆様"));
		/* The window shows the name: it is not printed again below. */
		static const char *const names[3] = {
		    "浜田一郎さんの保護者様", "岬まどかさんの保護者様", "大桟橋健太さんの保護者様"};
		const char *at = strstr(text.data, names[row]);
		assert_non_null(at);
		if (strstr(at + 1, names[row]))
			fail_msg("row %d: 「%s」 printed twice", row + 1, names[row]);
		ng_buf_free(&text);
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* The y of the first layout line holding text (page 1), or -1. */
static double line_y(const char *dump, const char *text)
{
	for (const char *l = dump; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		const char *bar = strstr(l, " | "), *nl = strchr(l, '\n');
		double y;
		if (!bar || (nl && bar > nl) || strncmp(l, "1 ", 2) != 0 ||
		    sscanf(l, "%*d %*d x=%*f y=%lf", &y) != 1)
			continue;
		size_t len = nl ? (size_t)(nl - bar) : strlen(bar);
		char line[4096];
		snprintf(line, sizeof line, "%.*s", (int)(len < 4000 ? len : 4000), bar);
		if (strstr(line, text))
			return y;
	}
	return -1;
}

/* In --dump layout the 追記 stand under the title and above the body,
 * the newer first (y grows down the page). */
static void updates_in_layout(void **state)
{
	(void)state;
	char out[] = "/tmp/ng-sections-XXXXXX";
	int fd = mkstemp(out);
	assert_true(fd >= 0);
	close(fd);
	ng_render_opts o = {.input = SRC "/examples/shop-card-2025/incident.yaml",
	                    .output = out,
	                    .dump = NG_DUMP_LAYOUT};
	ng_diags *d = ng_diags_new();
	assert_int_equal(ng_render(&o, d), NG_OK);
	ng_diags_free(d);
	char *dump = slurp(out);
	unlink(out);
	double title = line_y(dump, "（第2報）"), mark = line_y(dump, "※令和7年6月10日追記");
	double newer = line_y(dump, "【追記（カード会社による再発行手数料について）】");
	double older = line_y(dump, "【追記（お問い合わせ窓口の受付時間の延長）】");
	double body = line_y(dump, "このたび、当店が取り扱う");
	assert_true(title > 0 && mark > title && newer > mark && older > newer && body > older);
	free(dump);
}

/* ---- the words of issue 12's follow-up, heading levels, placement, hours */

/* Fails unless each of want[0..n) is in text, in that order. */
static void in_order(const char *text, const char *const *want, size_t n)
{
	const char *at = text;
	for (size_t i = 0; i < n; i++) {
		const char *p = strstr(at, want[i]);
		if (!p)
			fail_msg("「%s」 missing or out of order in:\n%s", want[i], text);
		at = p + strlen(want[i]);
	}
}

static size_t count_of(const char *text, const char *what)
{
	size_t n = 0;
	for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* words.name: the first {{ words.self }} of running text introduces the
 * sender once (「さくら内科クリニック（以下「当院」といいます。）」), a
 * heading's never does; a letter whose own body never names the sender
 * says that the name is not printed. */
static void words_name_introduces_once(void **state)
{
	fixture *f = *state;
	ng_record *rec = variant(f, "", "words:\n  self: 当院\n  name: さくら内科クリニック\n");
	assert_non_null(rec);
	for (size_t i = 0; i < 2; i++) {
		const char *tname = i ? "public-notice" : "individual-notice";
		char *text = letter_text(f, rec, tname);
		if (count_of(text, "さくら内科クリニック（以下「当院」といいます。）") != 1)
			fail_msg("%s: not introduced once:\n%s", tname, text);
		assert_non_null(strstr(text, "このたび、さくら内科クリニック（以下「当院」"));
	}
	/* the record's own body without {{words.self}}: said, not silent */
	rec = variant(f, "  body: [本文です。]\n",
	              "words:\n  self: 当院\n  name: さくら内科クリニック\n");
	assert_non_null(rec);
	size_t before = ng_diags_count(f->d);
	char *text = letter_text(f, rec, "public-notice");
	assert_null(strstr(text, "以下「当院」"));
	bool said = false;
	for (size_t k = before; k < ng_diags_count(f->d); k++) {
		const ng_diag *g = ng_diags_get(f->d, k);
		said |= strcmp(g->id, "not-printed") == 0 && strstr(g->message, "words.name");
	}
	assert_true(said);
	/* ... and with {{words.self}} in that body, the body introduces it */
	rec = variant(f, "  body: [\"このたび、{{words.self}}において事故がありました。\"]\n",
	              "words:\n  self: 当院\n  name: さくら内科クリニック\n");
	assert_non_null(rec);
	text = letter_text(f, rec, "individual-notice");
	assert_non_null(
	    strstr(text, "このたび、さくら内科クリニック（以下「当院」といいます。）において"));
}

/* A letter to one person calls its reader words.reader (by sender.kind:
 * a clinic's 患者様, a city's あなた; or the addressee's name), one to
 * many words.persons; inside a phrase words.persons_short (患者様の). */
static void reader_of_one_person(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *kind, *addressee, *words, *want[3];
	} cases[] = {
	    {"clinic",
	     "山田 太郎 様",
	     "",
	     {"当院が取り扱う患者様の個人情報", "患者様には多大なる", "患者様へのお願い"}},
	    {"city",
	     "山田 太郎 様",
	     "",
	     {"本市が取り扱うあなたの個人情報", "あなたには多大なる", "あなたへのお願い"}},
	    {"office",
	     "山田 太郎 様",
	     "",
	     {"当事務所が取り扱う貴殿の個人情報", "貴殿には多大なる", "貴殿へのお願い"}},
	    {"clinic",
	     "山田 太郎 様",
	     "words:\n  reader: name\n",
	     {"当院が取り扱う山田太郎様の個人情報", "山田太郎様には多大なる",
	      "山田太郎様へのお願い"}},
	    {"city",
	     "市民の皆様",
	     "",
	     {"本市が取り扱う市民の皆様の個人情報", "市民の皆様には多大なる",
	      "市民の皆様へのお願い"}},
	    {"clinic",
	     "患者各位",
	     "",
	     {"当院が取り扱う患者様の個人情報", "患者の皆様には多大なる", "患者の皆様へのお願い"}},
	};
	char *base = slurp(SRC "/tests/golden/minimal.yaml");
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		ng_buf b = {0};
		const char *to = strstr(base, "  addressee: 顧問先各位\n");
		const char *org = strstr(base, "  organization: 小林労務\n");
		assert_non_null(to);
		assert_non_null(org);
		ng_buf_add(&b, base, (size_t)(to - base));
		ng_buf_printf(&b, "  addressee: %s\n", cases[i].addressee);
		const char *after_to = to + strlen("  addressee: 顧問先各位\n");
		ng_buf_add(&b, after_to,
		           (size_t)(org - after_to) + strlen("  organization: 小林労務\n"));
		ng_buf_printf(&b, "  kind: %s\n", cases[i].kind);
		ng_buf_adds(&b, org + strlen("  organization: 小林労務\n"));
		ng_buf_adds(&b, cases[i].words);
		ng_record *rec = ng_record_parse("reader.yaml", b.data, b.len, f->a, f->d);
		ng_buf_free(&b);
		assert_non_null(rec);
		char *text = letter_text(f, rec, "individual-notice");
		for (size_t k = 0; k < 3; k++)
			if (!strstr(text, cases[i].want[k]))
				fail_msg("case %zu: no 「%s」 in:\n%s", i, cases[i].want[k], text);
	}
	free(base);
}

/* Sections nested three deep (four allowed): each level its own
 * numbering (1. → （1） → ① → ア), a heading one em further in at each
 * level and its own outline level, a deep section's paragraphs starting
 * where its heading starts; the client-notice's flush headings and the
 * PPC worksheet print every level too. */
static void three_heading_levels(void **state)
{
	fixture *f = *state;
	const char *tail =
	    "sections:\n"
	    "  - heading: 経緯\n    covers: [overview]\n    sections:\n"
	    "      - heading: 発覚まで\n        sections:\n"
	    "          - heading: 委託先の対応\n            blocks: [委託先の段落。]\n"
	    "            sections:\n"
	    "              - heading: 夜間の対応\n"
	    "                blocks: [夜間の段落。]\n"
	    "          - heading: 当社の対応\n            blocks: [当社の段落。]\n";
	ng_record *rec = variant(f, "", tail);
	assert_non_null(rec);
	ng_template *t = ng_template_load("individual-notice", f->a, f->d);
	ng_doc *doc = ng_doc_new(f->a);
	assert_int_equal(ng_template_build(t, rec, f->era, doc, f->d), 0);
	ng_buf dump = {0};
	ng_doc_dump(doc, &dump);
	static const char *const want[] = {
	    "level=2 | 1. 経緯",
	    "level=3 indent=1/0 | （1）発覚まで",
	    "level=4 indent=2/0 | ① 委託先の対応",
	    "para justify font=0 indent=1/1 | 委託先の段落。",
	    "level=5 indent=3/0 | ア　夜間の対応",
	    "para justify font=0 indent=2/1 | 夜間の段落。",
	    "level=4 indent=2/0 | ② 当社の対応",
	};
	in_order(dump.data, want, NG_ARRAY_LEN(want));
	ng_buf_free(&dump);
	static const char *const client[] = {"【経緯】",       "1. 発覚まで",  "（1）委託先の対応",
	                                     "委託先の段落。", "① 夜間の対応", "夜間の段落。",
	                                     "（2）当社の対応"};
	in_order(letter_text(f, rec, "client-notice"), client, NG_ARRAY_LEN(client));
	static const char *const ppc[] = {"委託先の対応", "委託先の段落。", "夜間の対応",
	                                  "夜間の段落。", "当社の段落。"};
	in_order(letter_text(f, rec, "ppc-report"), ppc, NG_ARRAY_LEN(ppc));
}

/* after: contact places a section below the contact window, numbered on
 * from it, in every letter with a body of sections. */
static void section_after_contact(void **state)
{
	fixture *f = *state;
	ng_record *rec = variant(f, "",
	                         "sections:\n"
	                         "  - heading: 今後の対応\n    after: contact\n"
	                         "    blocks: [再発防止に努めます。]\n"
	                         "  - heading: 経緯\n    covers: [overview]\n");
	assert_non_null(rec);
	static const char *const indiv[] = {"1. 経緯",    "お問い合わせ窓口",     "03-0000-0000",
	                                    "今後の対応", "再発防止に努めます。", "以上"};
	char *text = letter_text(f, rec, "individual-notice");
	in_order(text, indiv, NG_ARRAY_LEN(indiv));
	/* numbered after the contact window's heading */
	const char *contact = strstr(text, "お問い合わせ窓口");
	const char *later = strstr(text, "今後の対応");
	assert_true(contact && later && later > contact);
	assert_true(later - 3 > text && later[-2] == '.');
	static const char *const pub[] = {"お問い合わせ窓口", "今後の対応", "再発防止に努めます。"};
	in_order(letter_text(f, rec, "public-notice"), pub, NG_ARRAY_LEN(pub));
	/* a closing note without a heading: parted from the window's lines */
	rec = variant(f, "", "sections:\n  - after: contact\n    blocks: [今後とも努めます。]\n");
	assert_non_null(rec);
	ng_template *t = ng_template_load("individual-notice", f->a, f->d);
	ng_doc *doc = ng_doc_new(f->a);
	assert_int_equal(ng_template_build(t, rec, f->era, doc, f->d), 0);
	ng_buf dump = {0};
	ng_doc_dump(doc, &dump);
	static const char *const note[] = {"03-0000-0000", "space 0.5\npara",
	                                   "| 今後とも努めます。", "以上"};
	in_order(dump.data, note, NG_ARRAY_LEN(note));
	ng_buf_free(&dump);
}

/* In a batch each row's letter calls its own reader (words.reader: name;
 * a company row is many: 患者様 in a phrase) and introduces the clinic
 * once, also in the letters after the first (whose unchanged pieces are
 * copied: the first mention is each letter's own). */
static void reader_by_row_in_batch(void **state)
{
	(void)state;
	char dir[] = "/tmp/ng-reader-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
	         "printf 'id,name,kind\nP1,白樺 花子,person\nP2,山田{{2023-06-05}} 太郎,person\n"
	         "P3,みどり商事 総務部,company\n' > '%s/list.csv' && "
	         "'%s' batch '%s/examples/dental-booking-2025/incident.yaml' --clients "
	         "'%s/list.csv' -o '%s/out' --quiet --jobs 1",
	         dir, NG_BINARY, SRC, dir, dir);
	assert_int_equal(system(cmd), 0);
	/* a row's name is data: its {{…}} printed as typed, never a date */
	static const char *const want[3] = {
	    "白樺花子様の個人情報", "山田{{2023-06-05}}太郎様の個人情報", "患者様の個人情報"};
	for (int row = 0; row < 3; row++) {
		snprintf(cmd, sizeof cmd, "pdftotext %s/out/%06d-*.pdf - | tr -d ' \n'", dir,
		         row + 1);
		FILE *p = popen(cmd, "r");
		assert_non_null(p);
		ng_buf text = {0};
		char chunk[4096];
		for (size_t n; (n = fread(chunk, 1, sizeof chunk, p)) > 0;)
			ng_buf_add(&text, chunk, n);
		assert_int_equal(pclose(p), 0);
		assert_non_null(text.data);
		if (!strstr(text.data, want[row]))
			fail_msg("row %d: no 「%s」 in\n%s", row + 1, want[row], text.data);
		if (count_of(text.data, "しらかば歯科医院（以下「当院」といいます。）") != 1)
			fail_msg("row %d: the clinic not introduced once:\n%s", row + 1, text.data);
		ng_buf_free(&text);
	}
	/* One reader word for every row: the letters after the first copy the
	 * opening; each still introduces the clinic itself, never a warning
	 * that it did not. */
	snprintf(cmd, sizeof cmd,
	         "grep -v 'reader: name' '%s/examples/dental-booking-2025/incident.yaml' > "
	         "'%s/same.yaml' && '%s' batch '%s/same.yaml' --clients '%s/list.csv' -o "
	         "'%s/same' --jobs 1 2>'%s/err.txt' && ! grep -q words.name '%s/err.txt' && "
	         "for f in '%s'/same/*.pdf; do pdftotext \"$f\" - | tr -d ' \\n' | "
	         "grep -o 'しらかば歯科医院（以下' | wc -l | grep -qx 1 || exit 1; done",
	         SRC, dir, NG_BINARY, dir, dir, dir, dir, dir, dir);
	if (system(cmd) != 0)
		fail_msg("letters after the first: the clinic not introduced once (%s)", cmd);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Hours of some weeks of the month (第2・第4土曜) and open Sundays with
 * the holidays closed (祝日を除く), printed as notices write them. */
static void window_hours_weeks_and_holidays(void **state)
{
	fixture *f = *state;
	static const hours_case cases[] = {
	    {"{weekdays: 9:00～17:00, saturdays: {weeks: [4, 2], time: 9:00～12:00}}",
	     "受付時間：平日 9:00～17:00、第2・第4土曜 9:00～12:00（日曜・祝日、年末年始"
	     "（12/29～1/3）を除く）\n"},
	    {"{weekdays: 9:00～18:00, saturdays: 10:00～17:00, sundays: 10:00～17:00}",
	     "受付時間：平日 9:00～18:00、土日 "
	     "10:00～17:00（祝日、年末年始（12/29～1/3）を除く）\n"},
	    {"{weekdays: 9:00～17:00, sundays: {weeks: [1], time: 9:00～12:00}}",
	     "受付時間：平日 9:00～17:00、第1日曜 9:00～12:00（土曜・祝日、年末年始"
	     "（12/29～1/3）を除く）\n"},
	    {"{weekdays: 9:00～17:00, saturdays: 9:00～12:00, sundays: closed, holidays: "
	     "9:00～12:00}",
	     "受付時間：平日 9:00～17:00、土曜 9:00～12:00、祝日 9:00～12:00（日曜、年末年始"
	     "（12/29～1/3）を除く）\n"},
	};
	hours_print_as(f, cases, NG_ARRAY_LEN(cases));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(templates_hold_no_fixed_words),
	    cmocka_unit_test(clinic_words_in_every_template),
	    cmocka_unit_test(words_override_and_bad_kind),
	    cmocka_unit_test(client_word_by_name),
	    cmocka_unit_test(sections_keep_order_and_replace),
	    cmocka_unit_test(nested_headings_next_style),
	    cmocka_unit_test(numbering_styles),
	    cmocka_unit_test(uncovered_required_item),
	    cmocka_unit_test(covered_facts_and_bad_covers),
	    cmocka_unit_test(covering_section_once_on_worksheet),
	    cmocka_unit_test(window_hours_note_in_one_parenthesis),
	    cmocka_unit_test(frame_and_updates),
	    cmocka_unit_test(ppc_no_heading_over_nothing),
	    cmocka_unit_test(no_addressee_line),
	    cmocka_unit_test(contact_windows_by_date),
	    cmocka_unit_test(examples_print_every_text),
	    cmocka_unit_test(school_batch_marks),
	    cmocka_unit_test(updates_in_layout),
	    cmocka_unit_test(words_name_introduces_once),
	    cmocka_unit_test(reader_of_one_person),
	    cmocka_unit_test(three_heading_levels),
	    cmocka_unit_test(section_after_contact),
	    cmocka_unit_test(reader_by_row_in_batch),
	    cmocka_unit_test(window_hours_weeks_and_holidays),
	    cmocka_unit_test(both_calendars_follow_the_letter), /* last: sets the letter dates */
	};
	return cmocka_run_group_tests(tests, era_setup, era_teardown);
}
