/* test_letter_dates.c — dates and counts through whole letters: every
 * built-in template renders every documented form of 'affected' (a plain
 * number, 調査中, and the map with each option) and prints its wording;
 * the letter's date conventions (calendar, order, weekday, time style)
 * reach every date of a letter, with no weekday on the letter's own date
 * or before 付け; a grouped timeline prints a day once under a header
 * row; a deadline in a year whose equinoxes are not announced warns at
 * render; an era ICU knows and data/eras.tsv does not stops the letter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/engine.h"

static const char *const templates[] = {"client-notice", "individual-notice", "public-notice",
                                        "ppc-report"};

/* A record every built-in template can print; %s: extra letter fields,
 * the affected value, extra text for the overview. */
static const char base[] = "letter:\n"
                           "  date: %s\n"
                           "  audience: clients\n"
                           "  addressee: 株式会社小林 御中\n"
                           "  title: 個人情報の漏えいのおそれについて\n"
                           "%s"
                           "sender:\n"
                           "  organization: 小林労務\n"
                           "overview: \"{{2023-06-05 未明}}、サーバが暗号化されました。%s\"\n"
                           "parties:\n"
                           "  - name: 小林労務\n"
                           "    occurred: 2023-06-05 未明\n"
                           "    known: %s\n"
                           "    causes: 調査中\n"
                           "    timeline:\n"
                           "      - when: 2023-06-05 9:00\n"
                           "        what: 遮断\n"
                           "      - when: 2023-06-05 13:50\n"
                           "        what: 第一報\n"
                           "      - when: 2023-06-06\n"
                           "        what: 報告\n"
                           "categories: [3]\n"
                           "data_items:\n"
                           "  groups:\n"
                           "    - service: 給与計算\n"
                           "      items: [氏名, 住所]\n"
                           "secondary_harm: 確認されていません。\n"
                           "response: 本書面により通知しています。\n"
                           "publication: 調査中\n"
                           "prevention: 調査中\n"
                           "other: 調査中\n"
                           "affected: %s\n"
                           "contact:\n"
                           "  title: お問い合わせ窓口\n"
                           "  phone: 03-0000-0000\n";

typedef struct letter {
	ng_buf text;
	ng_diags *d;
	ng_status st;
} letter;

static char path[64];

static void write_record(const char *date, const char *letter_extra, const char *affected,
                         const char *overview_extra, const char *known)
{
	snprintf(path, sizeof path, "/tmp/ng-letter-dates-%d.yaml", (int)getpid());
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, base, date, letter_extra, overview_extra, known, affected);
	fclose(f);
}

/* Renders the record at path with template name as text. */
static void render(const char *name, letter *out)
{
	ng_buf_reset(&out->text);
	out->d = ng_diags_new();
	ng_engine *e = ng_engine_open(path, out->d, &out->st);
	if (!e)
		return;
	ng_letter_in in = {.templ = ng_engine_template(e, name, out->d), .format = NG_FORMAT_TXT};
	ng_letter_out lo = {0};
	out->st = in.templ ? ng_engine_letter(e, &in, &lo, out->d) : NG_ERR_INPUT;
	if (out->st == NG_OK)
		ng_buf_add(&out->text, lo.bytes.data, lo.bytes.len);
	ng_buf_free(&lo.bytes);
	ng_engine_free(e);
}

static void done(letter *l)
{
	ng_diags_free(l->d);
	l->d = NULL;
}

static void expect_ok(letter *l, const char *what)
{
	if (l->st != NG_OK) {
		ng_diags_print(l->d, stderr, 0);
		fail_msg("%s: status %d", what, (int)l->st);
	}
}

static bool has_diag(const ng_diags *d, const char *id)
{
	for (size_t i = 0; i < ng_diags_count(d); i++)
		if (strcmp(ng_diags_get(d, i)->id, id) == 0)
			return true;
	return false;
}

/* Every documented form of affected, and what a letter prints for it. */
static const struct {
	const char *yaml, *printed;
} counts[] = {
    {"1200", "1,200名"},
    {"調査中", "調査中"},
    {"{count: 1200, approx: true}", "約1,200名"},
    {"{count: 1234, unit: 人}", "1,234人"},
    {"{count: 12345, unit: 件, max: true}", "最大12,345件"},
    {"{count: 1000, unit: 社, over: true}", "1,000社以上"},
    {"{count: 300, records: 312}", "300名分（312件）"},
    {"{count: 300, records: 312, records_unit: 通}", "300名分（312通）"},
    {"{count: 120000, approx: true, unit: 事業所, digits: man}", "約12万事業所"},
    {"{count: 1234, digits: plain}", "1234名"},
    {"{count: 1234, digits: grouped}", "1,234名"},
    {"{count: 12345, unit: 件, breakdown: [{label: クレジットカード情報, count: 6789}]}",
     "12,345件（うち、クレジットカード情報6,789件）"},
    {"{count: 1200, as_of: 2023-07-20}", "1,200名（令和5年7月20日時点）"},
    {"{count: 1200, note: 精査中}", "1,200名（精査中）"},
    {"{status: investigating, note: 現在確認中です。}", "現在確認中です。"},
    /* typed as notices word them */
    {"約1.2万件", "約1.2万件"},
    {"数十件", "数十件"},
    {"1,000名未満", "1,000名未満"},
    {"延べ1,200名", "延べ1,200名"},
    {"100～200件", "100～200件"},
    {"300名（312件）", "300名（312件）"},
    {"{count: 100～200, unit: 件, as_of: 令和5年6月末}", "100～200件（令和5年6月末時点）"},
    {"{count: 約1.2万, unit: 件, note: 精査中}", "約1.2万件（精査中）"},
    {"{count: 12345, approx: true, digits: man1}", "約1.2万名"},
};

static void every_template_every_count(void **state)
{
	(void)state;
	letter l = {0};
	for (size_t i = 0; i < NG_ARRAY_LEN(counts); i++) {
		write_record("2023-07-21", "", counts[i].yaml, "", "2023-06-05");
		for (size_t t = 0; t < NG_ARRAY_LEN(templates); t++) {
			render(templates[t], &l);
			char what[256];
			snprintf(what, sizeof what, "%s with affected: %s", templates[t],
			         counts[i].yaml);
			expect_ok(&l, what);
			if (!strstr(l.text.data, counts[i].printed))
				fail_msg("%s: no 「%s」 in the letter", what, counts[i].printed);
			done(&l);
		}
	}
	/* The same wording anywhere in the record's text through {{affected}}. */
	write_record("2023-07-21", "", "{count: 1200, approx: true}", "対象は{{affected}}です。",
	             "2023-06-05");
	for (size_t t = 0; t < NG_ARRAY_LEN(templates); t++) {
		render(templates[t], &l);
		expect_ok(&l, templates[t]);
		assert_non_null(strstr(l.text.data, "対象は約1,200名です。"));
		done(&l);
	}
	ng_buf_free(&l.text);
}

static void letter_conventions(void **state)
{
	(void)state;
	letter l = {0};
	write_record("2023-07-21",
	             "  calendar: both\n  calendar_first: seireki\n  time_style: colon\n", "1200",
	             "{{2023-06-06}}付けで報告し、{{2023-06-06 18:30 | md}}に公表。", "2023-06-05");
	for (size_t t = 0; t < NG_ARRAY_LEN(templates); t++) {
		render(templates[t], &l);
		expect_ok(&l, templates[t]);
		/* The letter's own date: both calendars, no weekday. */
		assert_non_null(strstr(l.text.data, "2023年（令和5年）7月21日"));
		assert_null(strstr(l.text.data, "7月21日（"));
		assert_non_null(strstr(l.text.data, "2023年（令和5年）6月5日（月）未明、"));
		assert_non_null(strstr(l.text.data, "2023年（令和5年）6月6日付けで"));
		assert_non_null(strstr(l.text.data, "6月6日（火）18:30に公表"));
		done(&l);
	}
	write_record("2023-07-21", "  calendar: seireki\n  weekday: never\n", "1200", "",
	             "2023-06-05");
	render("client-notice", &l);
	expect_ok(&l, "seireki, weekday: never");
	assert_non_null(strstr(l.text.data, "2023年6月5日未明、"));
	assert_null(strstr(l.text.data, "令和"));
	assert_null(strstr(l.text.data, "（月）"));
	done(&l);
	ng_buf_free(&l.text);
}

static void grouped_timeline(void **state)
{
	(void)state;
	letter l = {0};
	write_record("2023-07-21", "  timeline: grouped\n  timeline_header: true\n", "1200", "",
	             "2023-06-05");
	render("client-notice", &l);
	expect_ok(&l, "grouped");
	assert_non_null(strstr(l.text.data, "日付　時刻　内容\n"
	                                    "6/5（月）　9時　遮断\n"
	                                    "　13時50分　第一報\n"
	                                    "6/6（火）　　報告\n"));
	done(&l);
	/* Flat, with a header. */
	write_record("2023-07-21", "  timeline_header: true\n", "1200", "", "2023-06-05");
	render("public-notice", &l);
	expect_ok(&l, "flat");
	assert_non_null(strstr(l.text.data, "日時　内容\n"
	                                    "6/5（月）9時　遮断\n"
	                                    "6/5（月）13時50分　第一報\n"));
	done(&l);
	ng_buf_free(&l.text);
}

/* A deadline in 2028, whose equinoxes are not announced in the table,
 * warns at render as check does; the deadline itself still skips
 * 2028-05-03 (憲法記念日) by rule. */
static void provisional_year_warns_at_render(void **state)
{
	(void)state;
	letter l = {0};
	write_record("2028-04-05", "", "1200", "", "2028-04-04");
	render("ppc-report", &l);
	expect_ok(&l, "2028");
	assert_true(has_diag(l.d, "holidays"));
	/* known 2028-04-04 + 60 days (category 3) = 2028-06-02 (Fri). */
	assert_non_null(strstr(l.text.data, "令和10年6月2日（金）"));
	done(&l);
	write_record("2023-07-21", "", "1200", "", "2023-06-05");
	render("ppc-report", &l);
	expect_ok(&l, "2023");
	assert_false(has_diag(l.d, "holidays"));
	done(&l);
	ng_buf_free(&l.text);
}

/* A program home whose data/eras.tsv ends with 平成: a letter of 2023 is
 * an error at its date, with the table named. */
static void unknown_era_stops_the_letter(void **state)
{
	(void)state;
	char home[] = "/tmp/ng-era-home-XXXXXX";
	assert_non_null(mkdtemp(home));
	char cmd[1024];
	snprintf(
	    cmd, sizeof cmd,
	    "cd '%s' && for f in '%s'/*; do [ \"${f##*/}\" = data ] || ln -s \"$f\" .; done && "
	    "mkdir data && for f in '%s'/data/*; do ln -s \"$f\" data/; done && "
	    "rm data/eras.tsv && grep -v '^令和' '%s/data/eras.tsv' > data/eras.tsv",
	    home, NG_SOURCE_DIR, NG_SOURCE_DIR, NG_SOURCE_DIR);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(setenv("NOTICE_GEN_HOME", home, 1), 0);
	letter l = {0};
	write_record("2023-07-21", "", "1200", "", "2023-06-05");
	render("client-notice", &l);
	assert_int_not_equal(l.st, NG_OK);
	const ng_diag *g = NULL;
	for (size_t i = 0; i < ng_diags_count(l.d); i++)
		if (strcmp(ng_diags_get(l.d, i)->id, "era") == 0)
			g = ng_diags_get(l.d, i);
	assert_non_null(g);
	assert_int_equal(g->line, 2);
	assert_non_null(strstr(g->message, "eras.tsv"));
	done(&l);
	/* A letter in 西暦 needs no era. */
	write_record("2023-07-21", "  calendar: seireki\n", "1200", "", "2023-06-05");
	render("client-notice", &l);
	expect_ok(&l, "seireki");
	assert_non_null(strstr(l.text.data, "2023年7月21日"));
	done(&l);
	/* A bad line of the table is an error at that line. */
	snprintf(cmd, sizeof cmd, "printf '# eras\\n明治 1868-01-25\\n' > '%s/data/eras.tsv'",
	         home);
	assert_int_equal(system(cmd), 0);
	write_record("2023-07-21", "", "1200", "", "2023-06-05");
	render("client-notice", &l);
	assert_int_equal(l.st, NG_ERR_INPUT);
	g = NULL;
	for (size_t i = 0; i < ng_diags_count(l.d); i++)
		if (strcmp(ng_diags_get(l.d, i)->id, "era") == 0)
			g = ng_diags_get(l.d, i);
	assert_non_null(g);
	assert_non_null(g->file);
	assert_non_null(strstr(g->file, "eras.tsv"));
	assert_int_equal(g->line, 2);
	assert_int_equal(g->col, 1);
	done(&l);
	unsetenv("NOTICE_GEN_HOME");
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
	assert_int_equal(system(cmd), 0);
	ng_buf_free(&l.text);
}

/* The number decides 規則第7条第4号 (more than 1,000), whatever its
 * wording: category 4 beside 1,000 draws a warning, beside 1,000以上 or
 * 約1,000 it does not; 1,001 without category 4 does. */
static void count_decides_category_4(void **state)
{
	(void)state;
	static const struct {
		const char *affected, *categories;
		bool warns;
	} cases[] = {
	    {"1000", "[3, 4]", true},
	    {"{count: 1000, over: true}", "[3, 4]", false},
	    {"{count: 1000, approx: true}", "[3, 4]", false},
	    {"{count: 1000, max: true}", "[3, 4]", true},
	    {"{count: 1001, unit: 人, digits: man}", "[3]", true},
	    {"{count: 1001}", "[3, 4]", false},
	    /* typed: a range by its upper end, 未満 one less, 超 one more */
	    {"800～1,200名", "[3]", true},
	    {"800～1,200名", "[3, 4]", false},
	    {"1,000名超", "[3]", true},
	    {"1,001名未満", "[3, 4]", true},
	    {"1,000名以下", "[3, 4]", true},
	    {"延べ1,200名", "[3]", true},
	};
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		write_record("2023-07-21", "", cases[i].affected, "", "2023-06-05");
		char cmd[512];
		snprintf(cmd, sizeof cmd, "sed -i 's/^categories: \\[3\\]$/categories: %s/' '%s'",
		         cases[i].categories, path);
		assert_int_equal(system(cmd), 0);
		ng_arena *a = ng_arena_new();
		ng_diags *d = ng_diags_new();
		assert_non_null(ng_record_load(path, a, d));
		if (has_diag(d, "category-count") != cases[i].warns)
			fail_msg("affected: %s, categories: %s: want %s", cases[i].affected,
			         cases[i].categories, cases[i].warns ? "a warning" : "none");
		ng_diags_free(d);
		ng_arena_free(a);
	}
}

/* 数十件: no number decides category 4, and check and render say so
 * (count-undecided), with or without category 4; nothing else warns. */
static void vague_count_undecided(void **state)
{
	(void)state;
	write_record("2023-07-21", "", "数十件", "", "2023-06-05");
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	assert_non_null(ng_record_load(path, a, d));
	assert_true(has_diag(d, "count-undecided"));
	assert_false(has_diag(d, "category-count"));
	ng_diags_free(d);
	ng_arena_free(a);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "'%s' check '%s' 2>&1 | grep -q 'category 4 is not decided'",
	         NG_BINARY, path);
	assert_int_equal(system(cmd), 0);
}

/* The category-4 warnings speak of the count in its own unit: 1,230世帯
 * is more than 1,000 世帯, not "persons" (the hint says category 4 counts
 * persons); a count of 名 or 人 still says persons. */
static void category_4_worded_by_unit(void **state)
{
	(void)state;
	static const struct {
		const char *affected, *categories, *says, *not_says;
	} cases[] = {
	    {"{count: 1230, unit: 世帯}", "[3]", "more than 1,000 世帯", "persons, but"},
	    {"{count: 1500, unit: 件}", "[3]", "more than 1,000 件", "persons, but"},
	    {"{count: 800, unit: 件}", "[3, 4]", "is 1,000 件 or fewer", "persons"},
	    {"{count: 1230, unit: 人}", "[3]", "more than 1,000 persons", "1,000 人"},
	    {"1230", "[3]", "more than 1,000 persons", "1,000 名"},
	};
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		write_record("2023-07-21", "", cases[i].affected, "", "2023-06-05");
		char cmd[512];
		snprintf(cmd, sizeof cmd, "sed -i 's/^categories: \\[3\\]$/categories: %s/' '%s'",
		         cases[i].categories, path);
		assert_int_equal(system(cmd), 0);
		ng_arena *a = ng_arena_new();
		ng_diags *d = ng_diags_new();
		assert_non_null(ng_record_load(path, a, d));
		const char *msg = NULL;
		for (size_t k = 0; k < ng_diags_count(d); k++)
			if (strcmp(ng_diags_get(d, k)->id, "category-count") == 0)
				msg = ng_diags_get(d, k)->message;
		if (!msg || !strstr(msg, cases[i].says) || strstr(msg, cases[i].not_says))
			fail_msg("affected: %s: %s", cases[i].affected, msg ? msg : "(no warning)");
		ng_diags_free(d);
		ng_arena_free(a);
	}
}

/* A year, a 年度 or an open range spans its days: after a day inside it
 * it is not out of order; a day before the day above still is. */
static void vague_entries_keep_timeline_order(void **state)
{
	(void)state;
	static const struct {
		const char *when;
		bool warns;
	} cases[] = {
	    {"2023", false},         {"2023年度", false},  {"2023-06", false},
	    {"2023-06-01 ~", false}, {"2023-06-01", true}, {"2022", true},
	};
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		write_record("2023-07-21", "", "1200", "", "2023-06-05");
		char cmd[512];
		snprintf(cmd, sizeof cmd,
		         "sed -i 's/^      - when: 2023-06-06$/      - when: %s/' '%s'",
		         cases[i].when, path);
		assert_int_equal(system(cmd), 0);
		ng_arena *a = ng_arena_new();
		ng_diags *d = ng_diags_new();
		assert_non_null(ng_record_load(path, a, d));
		if (has_diag(d, "timeline-order") != cases[i].warns)
			fail_msg("when: %s: want %s", cases[i].when,
			         cases[i].warns ? "a timeline-order warning" : "none");
		ng_diags_free(d);
		ng_arena_free(a);
	}
}

/* A date typed with its year, or a typed weekday, is a warning; a month
 * and day alone is often a rule of every year (年末年始 12月29日～1月3日)
 * and is not. */
static void typed_dates(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		bool warns;
	} cases[] = {
	    {"2023年6月5日に発生。", true},        {"令和5年6月5日に発生。", true},
	    {"令和元年6月5日に発生。", true},      {"2023年（令和5年）6月5日に発生。", true},
	    {"6月5日（月）に発生。", true},        {"年末年始（12月29日～1月3日）を除く。", false},
	    {"{{2023-06-05}}付けで通知。", false},
	};
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		write_record("2023-07-21", "", "1200", cases[i].text, "2023-06-05");
		ng_arena *a = ng_arena_new();
		ng_diags *d = ng_diags_new();
		assert_non_null(ng_record_load(path, a, d));
		if (has_diag(d, "typed-date") != cases[i].warns)
			fail_msg("「%s」: want %s", cases[i].text,
			         cases[i].warns ? "a warning" : "none");
		ng_diags_free(d);
		ng_arena_free(a);
	}
}

/* Dates typed as people type them (2023/6/5, R5.6.6, 令和5年7月21日,
 * kanji numerals, 正午, a weekday) reach every template written in the
 * letter's style; a wrong typed weekday is a warning, a right one none. */
static void typed_forms_in_letters(void **state)
{
	(void)state;
	letter l = {0};
	write_record("令和5年7月21日", "", "1200",
	             "{{R5.6.6 | md}}に公表し、{{令和五年六月七日 正午頃 | md}}に報告。"
	             "{{2023/6/8(木) 09:05 | md}}に再報告。",
	             "2023/6/5(月)");
	for (size_t t = 0; t < NG_ARRAY_LEN(templates); t++) {
		render(templates[t], &l);
		expect_ok(&l, templates[t]);
		assert_non_null(strstr(l.text.data, "令和5年7月21日"));
		assert_non_null(strstr(l.text.data,
		                       "6月6日（火）に公表し、6月7日（水）正午頃に報告。"
		                       "6月8日（木）9時5分に再報告。"));
		assert_false(has_diag(l.d, "wrong-weekday"));
		assert_false(has_diag(l.d, "typed-date"));
		done(&l);
	}
	write_record("2023/7/21", "  calendar: seireki\n  time_style: colon\n", "1200",
	             "{{2023-06-08 15時00分 | md}}に報告。", "2023-06-05(火)");
	render("client-notice", &l);
	expect_ok(&l, "seireki");
	assert_non_null(strstr(l.text.data, "2023年7月21日"));
	assert_non_null(strstr(l.text.data, "6月8日（木）15:00に報告。"));
	assert_true(has_diag(l.d, "wrong-weekday"));
	done(&l);
	ng_buf_free(&l.text);
}

static int cleanup(void **state)
{
	(void)state;
	if (path[0])
		remove(path);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_template_every_count),
	    cmocka_unit_test(letter_conventions),
	    cmocka_unit_test(grouped_timeline),
	    cmocka_unit_test(provisional_year_warns_at_render),
	    cmocka_unit_test(unknown_era_stops_the_letter),
	    cmocka_unit_test(count_decides_category_4),
	    cmocka_unit_test(category_4_worded_by_unit),
	    cmocka_unit_test(vague_entries_keep_timeline_order),
	    cmocka_unit_test(typed_dates),
	    cmocka_unit_test(typed_forms_in_letters),
	    cmocka_unit_test(vague_count_undecided),
	};
	return cmocka_run_group_tests(tests, NULL, cleanup);
}
