/* test_layout.c — the layout module with a fake fixed-width measure
 * (ASCII half an em, everything else one em): one or more cases per JLReq
 * rule (kinsoku, 分離禁止, half-width punctuation and its collapsing, 和欧間,
 * justification, hanging, forced breaks) and per block feature (indents,
 * list markers, tables, keeps, orphans and widows, page numbers, dump). */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../common/fake_layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"

#define EM 10.0

/* cmocka 1.1 has no assert_double_equal. */
#define assert_double_equal(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

static ng_arena *arena;
static ng_layout_opts opts;
static ng_doc *doc;
static ng_pages pages;

static fake_layout fx;

static int group_setup(void **state)
{
	(void)state;
	return fake_layout_open(&fx);
}

static int group_teardown(void **state)
{
	(void)state;
	fake_layout_close(&fx);
	return 0;
}

/* Each test: a 10-em measure of 10 pt at x = 50, tall pages. */
static int setup(void **state)
{
	(void)state;
	arena = ng_arena_new();
	ng_diags_free(fx.diags);
	fx.diags = ng_diags_new();
	fake_layout_opts(&opts, EM, fx.jl);
	doc = ng_doc_new(arena);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ng_arena_free(arena);
	return 0;
}

static ng_block *add(ng_block_kind kind, const char *text)
{
	ng_block *b = ng_doc_add(doc, kind);
	ng_content_adds(arena, &b->content, text, (ng_pos){"t", 1, 1});
	return b;
}

static void run(void)
{
	assert_int_equal(ng_layout(doc, &opts, fx.lb, arena, &pages, fx.diags), 0);
}

static const ng_line *line(size_t page, size_t i)
{
	assert_true(page < pages.npages);
	assert_true(i < pages.pages[page].nlines);
	return &pages.pages[page].lines[i];
}

/* Line i of page 0 as a NUL-terminated string. */
static const char *text(size_t i)
{
	const ng_line *g = line(0, i);
	return ng_strndup(arena, g->text, g->len);
}

static size_t nlines(size_t page)
{
	return pages.pages[page].nlines;
}

static double right_margin(void)
{
	return opts.margin_left + opts.text_em * opts.body_size;
}

static void assert_justified(const ng_line *g)
{
	assert_true(g->flags & NG_LINE_JUSTIFIED);
	assert_true(fabs(g->x + g->width - g->right) < 0.01);
}

/* Lays out one paragraph (no indent) and returns its line count. */
static size_t para(const char *s)
{
	add(NG_B_PARA, s);
	run();
	return nlines(0);
}

static bool starts_with(size_t i, const char *prefix)
{
	return strncmp(text(i), prefix, strlen(prefix)) == 0;
}

static bool ends_with(size_t i, const char *suffix)
{
	const char *t = text(i);
	size_t a = strlen(t), b = strlen(suffix);
	return a >= b && strcmp(t + a - b, suffix) == 0;
}

/* ---- filling and justification */

static void test_fill_exact(void **state)
{
	(void)state;
	assert_int_equal(para("一二三四五六七八九十一二三四五六七八九十"), 2);
	assert_string_equal(text(0), "一二三四五六七八九十");
	assert_justified(line(0, 0));
	assert_double_equal(line(0, 0)->width, 100, 0.01);
}

static void test_last_line_flush_left(void **state)
{
	(void)state;
	para("一二三四五六七八九十一二三");
	const ng_line *g = line(0, 1);
	assert_false(g->flags & NG_LINE_JUSTIFIED);
	assert_double_equal(g->x, 50, 0.01);
	assert_double_equal(g->width, 30, 0.01);
}

static void test_first_line_indent(void **state)
{
	(void)state;
	add(NG_B_PARA, "一二三四五六七八九十一二三")->first_indent = 1;
	run();
	assert_double_equal(line(0, 0)->x, 60, 0.01);
	assert_string_equal(text(0), "一二三四五六七八九");
	assert_double_equal(line(0, 1)->x, 50, 0.01);
}

static void test_justified_lines_end_at_margin(void **state)
{
	(void)state;
	para("本日、MKシステム（東証）より「お知らせ」を受信した。詳細は2023年6月5日（月）の"
	     "報告・調査結果を参照のこと。URLはhttps://example.jp/です。以上、ご確認ください。");
	ng_buf b = {0};
	ng_layout_dump(&pages, &b);
	for (size_t i = 0; i + 1 < nlines(0); i++)
		if (!(line(0, i)->flags & NG_LINE_JUSTIFIED) ||
		    fabs(line(0, i)->x + line(0, i)->width - line(0, i)->right) >= 0.01)
			fail_msg("%s", b.data);
	ng_buf_free(&b);
}

/* A wrapped title is balanced: 12 ems in a 10-em measure are two lines
 * of 6, centred, not 10 and 2. */
static void test_title_balanced(void **state)
{
	(void)state;
	ng_block *b = add(NG_B_TITLE, "一二三四五六七八九十一二");
	b->align = NG_ALIGN_CENTER;
	run();
	assert_int_equal(nlines(0), 2);
	assert_string_equal(text(0), "一二三四五六");
	assert_string_equal(text(1), "七八九十一二");
	assert_double_equal(line(0, 0)->x, 70, 0.01);
	assert_double_equal(line(0, 1)->x, 70, 0.01);
}

/* A title wraps between phrases: 「USBメモリの」 stays whole (it broke
 * 「…USBメ / モリの…」 in the clinic's letter). 20-em measure. */
static void test_title_phrases(void **state)
{
	(void)state;
	opts.text_em = 20;
	ng_block *b =
	    add(NG_B_TITLE, "患者様の個人情報を記録したUSBメモリの紛失についてのお詫びとご報告");
	b->align = NG_ALIGN_CENTER;
	run();
	assert_int_equal(nlines(0), 2);
	assert_string_equal(text(0), "患者様の個人情報を記録したUSBメモリの");
	assert_string_equal(text(1), "紛失についてのお詫びとご報告");
}

/* One line stays as it is. */
static void test_title_one_line(void **state)
{
	(void)state;
	ng_block *b = add(NG_B_TITLE, "一二三四");
	b->align = NG_ALIGN_CENTER;
	run();
	assert_int_equal(nlines(0), 1);
	assert_double_equal(line(0, 0)->x, 80, 0.01);
}

/* A title that fits on one line never opens the phrase iterator (ICU's
 * dictionary engine, a third of a cold letter's work); one that wraps
 * does. */
static void test_title_one_line_no_phrase(void **state)
{
	(void)state;
	/* (No memo of phrase breaks from earlier runs: they would answer
	 * the wrapped title without the iterator; test_icu tests that.) */
	const char *was = getenv("NOTICE_GEN_CACHE");
	char *saved = was ? strdup(was) : NULL;
	setenv("NOTICE_GEN_CACHE", "off", 1);
	ng_linebreaker *lb = ng_linebreaker_new(true);
	assert_non_null(lb);
	ng_block *b = add(NG_B_TITLE, "一二三四五六七八九十");
	b->align = NG_ALIGN_CENTER;
	assert_int_equal(ng_layout(doc, &opts, lb, arena, &pages, fx.diags), 0);
	assert_int_equal(nlines(0), 1);
	assert_false(ng_linebreaker_phrase_opened(lb));
	doc = ng_doc_new(arena);
	b = add(NG_B_TITLE, "一二三四五六七八九十一");
	assert_int_equal(ng_layout(doc, &opts, lb, arena, &pages, fx.diags), 0);
	assert_int_equal(nlines(0), 2);
	assert_true(ng_linebreaker_phrase_opened(lb));
	ng_linebreaker_free(lb);
	if (saved)
		setenv("NOTICE_GEN_CACHE", saved, 1);
	else
		unsetenv("NOTICE_GEN_CACHE");
	free(saved);
}

/* ---- 行頭禁則 */

static void test_nostart_full_stop(void **state)
{
	(void)state;
	para("あいうえおかきくけこ。さ");
	for (size_t i = 1; i < nlines(0); i++)
		assert_false(starts_with(i, "。"));
	assert_justified(line(0, 0));
}

static void test_nostart_comma(void **state)
{
	(void)state;
	para("あいうえおかきくけこ、さしすせそ");
	assert_false(starts_with(1, "、"));
	assert_justified(line(0, 0));
}

static void test_nostart_closing_bracket(void **state)
{
	(void)state;
	para("あいうえおかきく「けこ」さしすせ");
	for (size_t i = 1; i < nlines(0); i++)
		assert_false(starts_with(i, "」"));
}

static void test_nostart_small_kana_level4(void **state)
{
	(void)state;
	para("あいうえおかきくけっこさし");
	assert_false(starts_with(1, "っ"));
	assert_true(ends_with(0, "け") || ends_with(0, "っ"));
}

static void test_small_kana_allowed_level3(void **state)
{
	(void)state;
	opts.strictness = 3;
	para("あいうえおかきくけこっさし");
	assert_string_equal(text(0), "あいうえおかきくけこ");
	assert_true(starts_with(1, "っ"));
}

static void test_nostart_prolonged_mark(void **state)
{
	(void)state;
	para("あいうえおかきくけコーヒー");
	assert_false(starts_with(1, "ー"));
}

static void test_nostart_iteration_mark(void **state)
{
	(void)state;
	para("あいうえおかきくけ人々が");
	assert_false(starts_with(1, "々"));
}

static void test_nostart_fullwidth_tilde(void **state)
{
	(void)state;
	para("あいうえおかきくけこ～さし");
	assert_false(starts_with(1, "～"));
}

static void test_nostart_halfwidth_forms(void **state)
{
	(void)state;
	const char *marks[] = {"｡", "､", "｣", "･"};
	for (size_t m = 0; m < 4; m++) {
		teardown(state); /* a fresh doc per mark; the last is freed by cmocka */
		setup(state);
		char s[64];
		snprintf(s, sizeof s, "あいうえおかきくけこ%sさし", marks[m]);
		para(s);
		assert_false(starts_with(1, marks[m]));
	}
}

static void test_nostart_question_mark(void **state)
{
	(void)state;
	para("あいうえおかきくけこ？さし");
	assert_false(starts_with(1, "？"));
}

/* ---- 行末禁則 */

static void test_noend_opening_bracket(void **state)
{
	(void)state;
	para("あいうえおかきくけ「こ」と");
	assert_false(ends_with(0, "「"));
	assert_true(starts_with(1, "「") || ends_with(0, "」"));
}

static void test_noend_prefix_symbol(void **state)
{
	(void)state;
	para("あいうえおかきくけ￥１００");
	assert_false(ends_with(0, "￥"));
}

/* ---- 分離禁止 */

static void test_nosplit_dash(void **state)
{
	(void)state;
	para("あいうえおかきくけ――こ");
	assert_false(ends_with(0, "―") && starts_with(1, "―"));
}

static void test_nosplit_ellipsis(void **state)
{
	(void)state;
	para("あいうえおかきくけ……こ");
	assert_false(ends_with(0, "…") && starts_with(1, "…"));
}

static void test_nosplit_ascii_number(void **state)
{
	(void)state;
	para("あいうえおかきく1,234.5円");
	assert_true(strstr(text(0), "1,234.5") || strstr(text(1), "1,234.5"));
}

static void test_nosplit_fullwidth_digits(void **state)
{
	(void)state;
	para("あいうえおかきくけ１２３");
	assert_true(strstr(text(0), "１２３") || strstr(text(1), "１２３"));
}

static void test_nosplit_postfix_unit(void **state)
{
	(void)state;
	para("あいうえおかきくけ１００％");
	assert_false(starts_with(1, "％"));
	assert_true(strstr(text(1), "１００％") != NULL);
}

/* A date is set whole: 「～12 / 月31日」 broke a date range in a narrow
 * table cell; the line now breaks after the ～. */
static void test_nosplit_date(void **state)
{
	(void)state;
	assert_int_equal(para("一二三四五六七～12月31日まで"), 2);
	assert_true(ends_with(0, "～"));
	assert_true(starts_with(1, "12月31日"));
}

/* An era stays with its year: no 「～令和 / 6年」; 第 with its number. */
static void test_nosplit_era_year(void **state)
{
	(void)state;
	assert_int_equal(para("一二三四五六七～令和6年です"), 2);
	assert_true(ends_with(0, "～"));
	assert_true(starts_with(1, "令和6年"));
	teardown(state); /* a fresh doc; this one is freed by cmocka */
	setup(state);
	assert_int_equal(para("一二三四五六七八九第2報"), 2);
	assert_true(starts_with(1, "第2報"));
}

/* Units that must not be parted at a line end (分離禁止): each text
 * needs two lines, and the second begins with the whole unit — a count
 * and its counter (no 「1,120 / 件」, 「1,200 / 世帯」, 「（第2 / 報）」,
 * 「20時 / 5分」), a date and its weekday (no 「10月7日 / （月）」, the
 * vendor's letter had it). */
static void test_nosplit_units(void **state)
{
	static const struct {
		const char *text, *second;
	} cases[] = {
	    {"一二三四五六七八九1件です", "1件"},
	    {"一二三四五10月7日（月）まで", "10月7日（月）"},
	    {"一二三四五六七9/11（水）", "9/11（水）"},
	    {"一二三四五六七1,200世帯", "1,200世帯"},
	    {"一二三四五六七八（第2報）", "（第2報）"},
	    {"一二三四五六七20時5分", "20時5分"},
	};
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		if (i) { /* a fresh doc for each; the last is freed by cmocka */
			teardown(state);
			setup(state);
		}
		assert_int_equal(para(cases[i].text), 2);
		if (!starts_with(1, cases[i].second))
			fail_msg("%s: line 2 is not led by %s", cases[i].text, cases[i].second);
	}
	/* The weekday's date moves whole: the first line keeps only the rest. */
	teardown(state);
	setup(state);
	assert_int_equal(para("一二三四五10月7日（月）まで"), 2);
	assert_string_equal(text(0), "一二三四五");
}

/* A paragraph does not end in one character and its 。 (JAPANESE.md §7):
 * 「…九十 / た。」 becomes 「…九 / 十た。」, the first line justified. */
static void test_no_lone_last_char(void **state)
{
	(void)state;
	assert_int_equal(para("一二三四五六七八九十た。"), 2);
	assert_string_equal(text(0), "一二三四五六七八九");
	assert_string_equal(text(1), "十た。");
	assert_justified(line(0, 0));
	teardown(state);
	setup(state);
	/* two characters and 。 stay as they are */
	assert_int_equal(para("一二三四五六七八九十した。"), 2);
	assert_string_equal(text(1), "した。");
}

/* In a paragraph a long date may break after its year (「…同日から2025年 /
 * 7月10日（木）…」) rather than leave the line stretched around a date
 * that cannot break; month and day, and the weekday, stay together. */
static void test_date_breaks_after_year(void **state)
{
	(void)state;
	assert_int_equal(para("一二三四五六2025年7月10日（木）"), 2);
	assert_true(strstr(text(0), "2025年") != NULL);
	assert_true(starts_with(1, "7月10日（木）"));
}

static void test_nosplit_latin_word(void **state)
{
	(void)state;
	para("あいうえおかきくhello");
	assert_true(strstr(text(0), "hello") || strstr(text(1), "hello"));
}

static void test_nosplit_email(void **state)
{
	(void)state;
	para("連絡先はinfo@ex.jpまで");
	size_t found = 0;
	for (size_t i = 0; i < nlines(0); i++)
		found += strstr(text(i), "info@ex.jp") != NULL;
	assert_int_equal(found, 1);
}

static void test_long_url_forced_break(void **state)
{
	(void)state;
	para("https://example.jp/aaaaaaaaaaaaaaaaaaaaaaaa/bbbbbbbbbbb");
	assert_true(nlines(0) >= 2);
	assert_true(line(0, 0)->flags & NG_LINE_FORCED);
	for (size_t i = 0; i < nlines(0); i++)
		assert_true(line(0, i)->x + line(0, i)->width <= right_margin() + 0.01);
	assert_int_equal(ng_diags_get(fx.diags, 0)->code, NG_D_LAYOUT_OVERFLOW);
}

/* ---- spacing */

static void test_comma_half_width(void **state)
{
	(void)state;
	para("あ、い");
	/* あ 1 + 、 ½ + its space ½ + い 1 */
	assert_double_equal(line(0, 0)->width, 30, 0.01);
}

static void test_full_stop_then_closing(void **state)
{
	(void)state;
	para("あ。」い");
	/* 。」 solid, then half an em: 1 + ½ + ½ + ½ + 1 */
	assert_double_equal(line(0, 0)->width, 35, 0.01);
}

static void test_comma_then_opening(void **state)
{
	(void)state;
	para("あ、「い");
	/* the two half ems collapse into one */
	assert_double_equal(line(0, 0)->width, 35, 0.01);
}

static void test_closing_then_opening_paren(void **state)
{
	(void)state;
	para("あ）（い");
	assert_double_equal(line(0, 0)->width, 35, 0.01);
}

static void test_middle_dot_quarters(void **state)
{
	(void)state;
	para("あ・い");
	assert_double_equal(line(0, 0)->width, 30, 0.01);
}

static void test_wa_ou_space(void **state)
{
	(void)state;
	para("あAい");
	/* 1 + ¼ + ½ + ¼ + 1 */
	assert_double_equal(line(0, 0)->width, 30, 0.01);
}

static void test_wa_ou_configurable(void **state)
{
	(void)state;
	opts.wa_space = 0;
	opts.wa_min = 0;
	para("あAい");
	assert_double_equal(line(0, 0)->width, 25, 0.01);
}

static void test_no_wa_ou_next_to_bracket(void **state)
{
	(void)state;
	para("（3）");
	/* ½ + ½ + ½: no 和欧間 between a bracket and a digit */
	assert_double_equal(line(0, 0)->width, 15, 0.01);
}

static void test_opening_bracket_at_line_start(void **state)
{
	(void)state;
	para("あいうえおかきくけこ「さし」");
	assert_true(starts_with(1, "「"));
	const ng_line *g = line(0, 1);
	/* no half em before it at a line start: the glyph moves half an em
	 * left so its ink starts at the margin */
	assert_double_equal(g->x, 50, 0.01);
	assert_double_equal(pages.pages[0].runs[g->run0].x, 45, 0.01);
}

static void test_squeeze_instead_of_push(void **state)
{
	(void)state;
	/* 9 ems of text with two commas: the line fits only by squeezing
	 * the space after a mid-line 、 (追い込み). */
	para("あ、い、うえおかきく。");
	assert_int_equal(nlines(0), 1);
	assert_true(line(0, 0)->width <= 100.01);
}

static void test_runs_follow_spacing(void **state)
{
	(void)state;
	para("あ、「い");
	const ng_page *p = &pages.pages[0];
	/* The half-width 、 and the half em 「 borrows are carried as the
	 * character spacing after 、: 「い」 is drawn 15 (not 20) after あ,
	 * and the pen never jumps between runs, so text extraction sees no
	 * gap: each run starts where the one before it left the pen. */
	assert_int_equal(p->nruns, 3);
	assert_double_equal(p->runs[2].x - p->runs[0].x, 15, 0.01);
	for (size_t i = 0; i + 1 < p->nruns; i++) {
		const ng_run *r = &p->runs[i];
		double pen =
		    r->x + r->width + (double)ng_utf8_count(r->text, r->len) * r->char_space;
		assert_double_equal(p->runs[i + 1].x, pen, 0.001);
	}
}

/* A variation selector is part of the character before it (辻 + U+E0100
 * is one glyph): never a gap of its own when a line is justified, never
 * the start of a line. The fake measure gives the pair two ems. */
static void test_selector_one_character(void **state)
{
	(void)state;
#define IVS "辻\xf3\xa0\x84\x80"
	para(IVS IVS IVS IVS "あ" IVS IVS);
	/* Line 1: four pairs and あ, 9 em, stretched to 10 over 4 gaps (not
	 * the 8 there would be if each selector were a character). */
	assert_int_equal(nlines(0), 2);
	assert_string_equal(text(0), IVS IVS IVS IVS "あ");
	assert_true(starts_with(1, "辻"));
	assert_double_equal(pages.pages[0].runs[0].char_space, EM / 4, 0.001);
#undef IVS
}

static void test_hanging_option(void **state)
{
	(void)state;
	opts.hanging = true;
	para("あいうえおかきくけこ。さしすせ");
	assert_string_equal(text(0), "あいうえおかきくけこ。");
	assert_true(line(0, 0)->flags & NG_LINE_HANGING);
	assert_double_equal(line(0, 0)->width, 100, 0.01);
}

static void test_hanging_off_by_default(void **state)
{
	(void)state;
	para("あいうえおかきくけこ。さしすせ");
	assert_false(line(0, 0)->flags & NG_LINE_HANGING);
	assert_true(line(0, 0)->x + line(0, 0)->width <= right_margin() + 0.01);
}

/* ---- blocks */

static void test_right_and_centre(void **state)
{
	(void)state;
	add(NG_B_LINE, "敬具")->align = NG_ALIGN_RIGHT;
	add(NG_B_LINE, "記")->align = NG_ALIGN_CENTER;
	run();
	assert_double_equal(line(0, 0)->x + line(0, 0)->width, right_margin(), 0.01);
	assert_double_equal(line(0, 1)->x, 95, 0.01);
}

static void test_list_hanging_indent(void **state)
{
	(void)state;
	ng_block *b = add(NG_B_ITEM, "一二三四五六七八九十一二三");
	b->marker = "・";
	b->level = 1;
	run();
	/* marker, then the text one em in; wrapped lines align with it */
	assert_string_equal(text(0), "・");
	assert_double_equal(line(0, 1)->x, 60, 0.01);
	assert_double_equal(line(0, 2)->x, 60, 0.01);
	/* each wrapped line on its own baseline, each run drawn once (a
	 * wrapped item once overprinted all its lines on the first) */
	assert_true(line(0, 2)->y > line(0, 1)->y + 1);
	size_t runs = 0;
	for (size_t i = 0; i < nlines(0); i++)
		runs += line(0, i)->nruns;
	assert_int_equal(runs, pages.pages[0].nruns);
}

static void test_list_nested(void **state)
{
	(void)state;
	ng_block *b = add(NG_B_ITEM, "あい");
	b->marker = "（1）";
	b->level = 2;
	run();
	/* one em for the level, two for 「（1）」 with its space */
	assert_double_equal(line(0, 0)->x, 60, 0.01);
	assert_double_equal(line(0, 1)->x, 80, 0.01);
}

static void test_note_marker(void **state)
{
	(void)state;
	ng_block *b = add(NG_B_ITEM, "一二三四五六七八九十一二三");
	b->marker = "※";
	b->level = 1;
	run();
	assert_double_equal(line(0, 2)->x, 60, 0.01);
}

/* A mark that fills its em (①, ■, ○) is parted from its text by half an
 * em, as the checkbox's 「■ 」 is; ・ and ※ keep their one em (their
 * glyphs leave their own space). */
static void test_em_mark_marker_gap(void **state)
{
	(void)state;
	static const struct {
		const char *marker;
		double x;
	} cases[] = {{"①", 65}, {"⑫", 65}, {"■", 65}, {"○", 65}, {"■ ", 65}, {"・", 60}, {"※", 60}};
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		if (i) { /* each marker alone in a fresh document */
			teardown(state);
			setup(state);
		}
		ng_block *b = add(NG_B_ITEM, "一二三四五六七八九十一二三");
		b->marker = cases[i].marker;
		b->level = 1;
		run();
		/* the marker's own line, then the text's first and wrapped lines */
		assert_true(nlines(0) >= 3);
		if (fabs(line(0, 1)->x - cases[i].x) > 0.01 ||
		    fabs(line(0, 2)->x - cases[i].x) > 0.01)
			fail_msg("marker 「%s」: text at %.2f, wrapped at %.2f, want %.2f",
			         cases[i].marker, line(0, 1)->x, line(0, 2)->x, cases[i].x);
	}
}

/* Where the character at byte off of line 0 is drawn: its run's x plus
 * the fake widths (ASCII half an em, else one em) and character spacing
 * of the characters before it in the run. */
static double x_of(size_t off)
{
	const ng_line *ln = line(0, 0);
	const char *at = ln->text + off;
	const ng_page *p = &pages.pages[0];
	for (size_t i = ln->run0; i < ln->run0 + ln->nruns; i++) {
		const ng_run *r = &p->runs[i];
		if (at < r->text || at >= r->text + r->len)
			continue;
		double x = r->x;
		for (const char *c = r->text; c < at; c++)
			if ((*c & 0xC0) != 0x80)
				x += ((unsigned char)*c < 0x80 ? EM / 2 : EM) + r->char_space;
		return x;
	}
	fail_msg("byte %zu of line 0 is in no run", off);
	return 0;
}

/* A heading's 「① 」 or 「■ 」 (a numbering style's mark and its space)
 * parts the mark from the text by half an em, and keeps it so in a line
 * that is justified: the word space would otherwise take the stretch
 * first (up to a full em here: 20 pt, not 15). */
static void test_em_mark_heading_space(void **state)
{
	(void)state;
	static const char *const marks[] = {"① ", "■ ", "⑫ "};
	for (size_t i = 0; i < NG_ARRAY_LEN(marks); i++) {
		if (i) {
			teardown(state);
			setup(state);
		}
		char s[64];
		snprintf(s, sizeof s, "%s一二三四五六七八九十", marks[i]);
		/* 1 + ½ + 8 ems on the first line of a 10-em measure: ½ em to
		 * spread when justified. */
		add(NG_B_PARA, s);
		run();
		assert_true(nlines(0) >= 2);
		double gap = x_of(strlen(marks[i])) - line(0, 0)->x;
		if (gap < 15 - 0.01 || gap > 17)
			fail_msg("「%s」: text %.2f after the line start, want 15 and the letter "
			         "spacing of two gaps (≤ 17)",
			         marks[i], gap);
	}
}

static ng_block *table(size_t rows, const char *c0, const char *c1)
{
	ng_block *t = ng_doc_add_table(doc, 2);
	for (size_t r = 0; r < rows; r++) {
		ng_content_adds(arena, ng_table_cell(doc, t, r, 0), c0, (ng_pos){0});
		ng_content_adds(arena, ng_table_cell(doc, t, r, 1), c1, (ng_pos){0});
	}
	return t;
}

static void test_table_width_from_content(void **state)
{
	(void)state;
	table(2, "六月", "一二三四五六七八九十");
	run();
	/* one em in, 「六月」 two ems, one em of gap, the rest for column 2 */
	assert_double_equal(line(0, 0)->x, 60, 0.01);
	assert_double_equal(line(0, 1)->x, 90, 0.01);
	assert_double_equal(line(0, 1)->right, right_margin(), 0.01);
}

static void test_table_header_repeated(void **state)
{
	(void)state;
	opts.page_h = 100 + 5 * 20; /* five lines a page */
	ng_block *t = table(8, "日", "内容");
	ng_content *h = ng_table_cell(doc, t, 0, 0);
	h->len = 0;
	ng_content_adds(arena, h, "日時", (ng_pos){0});
	t->header_rows = 1;
	run();
	assert_true(pages.npages >= 2);
	const ng_line *g = line(1, 0);
	assert_string_equal(ng_strndup(arena, g->text, g->len), "日時");
	assert_true(pages.pages[0].nrules == 1 && pages.pages[1].nrules == 1);
}

/* A totals row alone at the top of a page has lost what it adds up: it
 * stays with the row before it. Five lines a page: two lines of text,
 * then a table of a header, two rows and a total; the break must come
 * before the last body row, not between it and the total. */
static void test_table_total_kept_with_row(void **state)
{
	(void)state;
	opts.page_h = 100 + 5 * 20;
	add(NG_B_LINE, "本文");
	add(NG_B_LINE, "本文");
	ng_block *t = table(4, "期間", "件数");
	t->header_rows = 1;
	t->total_rows = 1;
	t->ruled = true;
	run();
	assert_int_equal(pages.npages, 2);
	/* page 2: the repeated header, the last body row and the total */
	assert_int_equal(nlines(1), 2 * 3 + 1);
}

/* A wrapped column is as wide as its widest line: a date range breaks
 * after its ～, and the 10-em first line is not stretched over the
 * 12.4 ems the column's share would give it; the other column gets the
 * rest. 30-em measure: 28 ems for the columns (half an em of inset each
 * side, one of gap). */
static void test_table_column_fits_wrapped_lines(void **state)
{
	(void)state;
	opts.text_em = 30;
	ng_block *t = ng_doc_add_table(doc, 2);
	t->ruled = true;
	ng_content_adds(arena, ng_table_cell(doc, t, 0, 0), "令和６年１１月２日～１２月３１日",
	                (ng_pos){0});
	ng_content_adds(arena, ng_table_cell(doc, t, 0, 1),
	                "一二三四五六七八九十一二三四五六七八九十", (ng_pos){0});
	run();
	assert_string_equal(text(0), "令和６年１１月２日～");
	assert_string_equal(text(1), "１２月３１日");
	assert_double_equal(line(0, 0)->x, 55, 0.01);
	assert_double_equal(line(0, 2)->x, 55 + 10 * EM + EM, 0.01);
	assert_int_equal(nlines(0), 4);
}

/* The same in a table without rules (the PPC worksheet's dates): one em
 * in, the date column 10 ems, not the 12.4 of its share. */
static void test_unruled_column_fits_wrapped_lines(void **state)
{
	(void)state;
	opts.text_em = 30;
	ng_block *t = ng_doc_add_table(doc, 2);
	ng_content_adds(arena, ng_table_cell(doc, t, 0, 0), "令和６年１１月２日～１２月３１日",
	                (ng_pos){0});
	ng_content_adds(arena, ng_table_cell(doc, t, 0, 1),
	                "一二三四五六七八九十一二三四五六七八九十", (ng_pos){0});
	run();
	assert_string_equal(text(0), "令和６年１１月２日～");
	assert_double_equal(line(0, 2)->x, 60 + 10 * EM + EM, 0.01);
}

/* Column widths follow content as in an HTML table: a short name (no
 * firm break inside) keeps its whole width while the date and time next
 * to it, which do not fit beside it, wrap between the date and the time
 * (the clinic's PPC worksheet printed 「さくら内科ク / リニック」). */
static void test_table_short_name_whole(void **state)
{
	(void)state;
	opts.text_em = 17;
	ng_block *t = ng_doc_add_table(doc, 2);
	ng_content_adds(arena, ng_table_cell(doc, t, 0, 0), "さくら内科クリニック", (ng_pos){0});
	ng_content_adds(arena, ng_table_cell(doc, t, 0, 1), "2/29（木）9時30分", (ng_pos){0});
	run();
	assert_string_equal(text(0), "さくら内科クリニック");
	assert_string_equal(text(1), "2/29（木）");
	assert_string_equal(text(2), "9時30分");
	assert_int_equal(nlines(0), 3);
}

/* When the names cannot all stay whole, a name breaks between its words
 * (「ひなた / 雑貨店」), not inside one. */
static void test_table_name_between_words(void **state)
{
	(void)state;
	opts.text_em = 17;
	ng_block *t = ng_doc_add_table(doc, 2);
	ng_content_adds(arena, ng_table_cell(doc, t, 0, 0), "ひなた雑貨店", (ng_pos){0});
	ng_content_adds(arena, ng_table_cell(doc, t, 0, 1), "令和６年１１月２日（土）",
	                (ng_pos){0});
	run();
	assert_string_equal(text(0), "ひなた");
	assert_string_equal(text(1), "雑貨店");
	assert_string_equal(text(2), "令和６年１１月２日（土）");
}

/* A short cell that wraps into three lines still breaks between words
 * (the city's PPC worksheet printed 「株式会社あおばデー / タサービス（委託事業
 * / 者）」); only running text, more than three times its column, breaks
 * anywhere. */
static void test_table_name_three_lines(void **state)
{
	(void)state;
	opts.text_em = 16;
	ng_block *t = ng_doc_add_table(doc, 2);
	ng_content_adds(arena, ng_table_cell(doc, t, 0, 0),
	                "株式会社あおばデータサービス（委託事業者）", (ng_pos){0});
	ng_content_adds(arena, ng_table_cell(doc, t, 0, 1), "6/3（月）", (ng_pos){0});
	run();
	assert_string_equal(text(0), "株式会社あおば");
	assert_true(starts_with(1, "データサービス"));
}

static void test_heading_kept_with_next(void **state)
{
	(void)state;
	opts.page_h = 100 + 5 * 20;
	for (int i = 0; i < 4; i++)
		add(NG_B_LINE, "本文");
	add(NG_B_HEADING, "見出し")->keep_with_next = true;
	add(NG_B_PARA, "一二三四五六七八九十一二三");
	run();
	assert_int_equal(nlines(0), 4 + 1); /* four lines and the page number */
	const ng_line *g = line(1, 0);
	assert_string_equal(ng_strndup(arena, g->text, g->len), "見出し");
}

static void test_no_orphan_no_widow(void **state)
{
	(void)state;
	opts.page_h = 100 + 5 * 20;
	for (int i = 0; i < 4; i++)
		add(NG_B_LINE, "本文");
	/* three lines: neither the first alone at the foot nor the last
	 * alone at the top */
	add(NG_B_PARA, "一二三四五六七八九十一二三四五六七八九十一二三");
	run();
	assert_int_equal(nlines(0), 4 + 1);
	assert_int_equal(nlines(1), 3 + 1);
}

static void test_page_numbers(void **state)
{
	(void)state;
	opts.page_h = 100 + 2 * 20;
	for (int i = 0; i < 3; i++)
		add(NG_B_LINE, "本文");
	run();
	assert_int_equal(pages.npages, 2);
	const ng_line *g = line(1, nlines(1) - 1);
	assert_true(g->flags & NG_LINE_FOOTER);
	assert_string_equal(ng_strndup(arena, g->text, g->len), "2 / 2");
}

static void test_single_page_no_number(void **state)
{
	(void)state;
	add(NG_B_LINE, "本文");
	run();
	assert_int_equal(nlines(0), 1);
}

static void test_dump_format(void **state)
{
	(void)state;
	add(NG_B_LINE, "あ、い");
	run();
	ng_buf b = {0};
	ng_layout_dump(&pages, &b);
	assert_string_equal(b.data, "pages 1 size 200.00 x 1000.00\n"
	                            "# page line x y width right flags | text\n"
	                            "1 1 x=50.00 y=63.80 w=30.00 r=150.00 - | あ、い\n");
	ng_buf_free(&b);
}

static void test_hard_line_break(void **state)
{
	(void)state;
	para("あい\nうえ");
	assert_int_equal(nlines(0), 2);
	assert_string_equal(text(1), "うえ");
}

static void test_trailing_space_trimmed(void **state)
{
	(void)state;
	para("abcd efgh ijkl mnop qrst");
	for (size_t i = 0; i < nlines(0); i++) {
		const char *t = text(i);
		assert_true(t[0] != ' ' && t[strlen(t) - 1] != ' ');
	}
	assert_justified(line(0, 0));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_fill_exact),
	    T(test_last_line_flush_left),
	    T(test_first_line_indent),
	    T(test_justified_lines_end_at_margin),
	    T(test_title_balanced),
	    T(test_title_phrases),
	    T(test_title_one_line),
	    T(test_title_one_line_no_phrase),
	    T(test_nostart_full_stop),
	    T(test_nostart_comma),
	    T(test_nostart_closing_bracket),
	    T(test_nostart_small_kana_level4),
	    T(test_small_kana_allowed_level3),
	    T(test_nostart_prolonged_mark),
	    T(test_nostart_iteration_mark),
	    T(test_nostart_fullwidth_tilde),
	    T(test_nostart_halfwidth_forms),
	    T(test_nostart_question_mark),
	    T(test_noend_opening_bracket),
	    T(test_noend_prefix_symbol),
	    T(test_nosplit_dash),
	    T(test_nosplit_ellipsis),
	    T(test_nosplit_ascii_number),
	    T(test_nosplit_fullwidth_digits),
	    T(test_nosplit_postfix_unit),
	    T(test_nosplit_date),
	    T(test_nosplit_units),
	    T(test_nosplit_era_year),
	    T(test_no_lone_last_char),
	    T(test_date_breaks_after_year),
	    T(test_nosplit_latin_word),
	    T(test_nosplit_email),
	    T(test_long_url_forced_break),
	    T(test_comma_half_width),
	    T(test_full_stop_then_closing),
	    T(test_comma_then_opening),
	    T(test_closing_then_opening_paren),
	    T(test_middle_dot_quarters),
	    T(test_wa_ou_space),
	    T(test_wa_ou_configurable),
	    T(test_no_wa_ou_next_to_bracket),
	    T(test_opening_bracket_at_line_start),
	    T(test_squeeze_instead_of_push),
	    T(test_runs_follow_spacing),
	    T(test_selector_one_character),
	    T(test_hanging_option),
	    T(test_hanging_off_by_default),
	    T(test_right_and_centre),
	    T(test_list_hanging_indent),
	    T(test_list_nested),
	    T(test_note_marker),
	    T(test_em_mark_marker_gap),
	    T(test_em_mark_heading_space),
	    T(test_table_width_from_content),
	    T(test_table_header_repeated),
	    T(test_table_total_kept_with_row),
	    T(test_table_column_fits_wrapped_lines),
	    T(test_unruled_column_fits_wrapped_lines),
	    T(test_table_short_name_whole),
	    T(test_table_name_between_words),
	    T(test_table_name_three_lines),
	    T(test_heading_kept_with_next),
	    T(test_no_orphan_no_widow),
	    T(test_page_numbers),
	    T(test_single_page_no_number),
	    T(test_dump_format),
	    T(test_hard_line_break),
	    T(test_trailing_space_trimmed),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
