/* test_postal.c — the Japan Post customer barcode (src/postal) and the
 * window-envelope recipient block (src/layout/recipient.c): address
 * numbers for the manual's examples and many address forms, the 20 data
 * characters with truncation and the check digit, libzint's bars against
 * the manual's bar table and dimensions, and the block's place in the
 * window with page 1's other text kept off it. */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../common/fake_layout.h"

#include <math.h>
#include <string.h>

#include "layout/layout.h"
#include "postal/postal.h"

#define MM                             (72.0 / 25.4)
#define assert_double_equal(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

/* ---- address numbers */

static const struct {
	const char *address, *number;
} numbers[] = {
    /* the manual's examples */
    {"1丁目3番2号 郵便プラザ503室", "1-3-2-503"},
    {"東京都千代田区霞が関1丁目3番2号 郵便プラザ503室", "1-3-2-503"},
    {"3丁目30-8 郵便ビル403号", "3-30-8-403"},
    {"東3丁目-20-5 郵便・A&bコーポB604号", "3-20-5B604"}, /* rules 1, 2, 4 */
    {"6丁目7-14 ABCビル2F", "6-7-14-2"},                  /* ABC and the floor F */
    {"29丁目1524-23 第2郵便ハウス501", "29-1524-23-2-501"},
    {"3丁目80-25 J1ビル2-B", "3-80-25J1-2B"},
    /* kanji numerals before 丁目 番地 番 号 の */
    {"三丁目五番地", "3-5"},
    {"府中市宮西町二丁目二十四番地", "2-24"},
    {"十一丁目六番地一号　郵便タワー601", "11-6-1-601"},
    {"百二十三番地", "123"},
    {"一〇三番地", "103"},
    {"五の十二号", "5-12"},
    {"五番地の三", "5"}, /* rule 1 read literally: 三 precedes no marker */
    {"5番地の3", "5-3"},
    {"第3地割14番地2", "3-14-2"},
    /* full-width digits and letters, hyphen variants */
    {"１２３番地の４", "123-4"},
    {"３丁目２－１ Ｂ棟", "3-2-1B"},
    {"1ー2ー3", "1-2-3"},
    {"1‐2−3―4", "1-2-3-4"},
    {"1－2ｰ3", "1-2-3"},
    /* rooms and buildings with digits in their names */
    {"郵便ハイツ101号室", "101"},
    {"二十四番地 第5ビル301", "24-5-301"},
    {"3-4 サンシャイン60 8F", "3-4-60-8"},
    {"2-5-82 山王パークビルB館5階502", "2-5-82B5-502"},
    /* town names with numerals stay names */
    {"東京都千代田区二番町5-2", "5-2"},
    {"中央区八丁堀2丁目3-4", "2-3-4"},
    {"春日部市一ノ割1-2", "1-2"},
    {"札幌市中央区南1条西5丁目1-1", "5-1-1"},
    {"四日市市諏訪町1-5", "1-5"},
};

static void test_address_numbers(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		ng_buf b = {0};
		int st = ng_postal_address_number(numbers[i].address, &b);
		if (st != NG_POSTAL_OK || strcmp(b.data, numbers[i].number) != 0)
			print_error("%s: got %s (status %d), want %s\n", numbers[i].address,
			            b.data ? b.data : "", st, numbers[i].number);
		assert_int_equal(st, NG_POSTAL_OK);
		assert_string_equal(b.data, numbers[i].number);
		ng_buf_free(&b);
	}
}

static void test_address_without_number(void **state)
{
	(void)state;
	static const char *const none[] = {"霞が関", "郵便ABCビル", "", "　・＆／"};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		ng_buf b = {0};
		assert_int_equal(ng_postal_address_number(none[i], &b), NG_POSTAL_NO_NUMBER);
		ng_buf_free(&b);
	}
	ng_buf b = {0};
	assert_int_equal(ng_postal_address_number("1\xff", &b), NG_POSTAL_BAD_UTF8);
	ng_buf_free(&b);
}

static void test_postcodes(void **state)
{
	(void)state;
	static const char *const good[] = {"100-0013", "1000013", "〒100-0013", "１００－００１３",
	                                   "〒 100-0013 "};
	char pc[8];
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(ng_postal_postcode(good[i], pc), NG_POSTAL_OK);
		assert_string_equal(pc, "1000013");
	}
	static const char *const bad[] = {"100-001",  "10000134", "abc",
	                                  "10-00013", "",         "100--0013"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(ng_postal_postcode(bad[i], pc), NG_POSTAL_BAD_POSTCODE);
}

/* ---- data characters and the check digit */

/* Data characters from a string: digits, '-', and a..h for CC1..CC8. */
static void expect_data(const unsigned char *data, const char *want)
{
	assert_int_equal(strlen(want), NG_POSTAL_DATA_LEN);
	for (size_t i = 0; i < NG_POSTAL_DATA_LEN; i++) {
		char c = want[i];
		int v = c == '-' ? NG_POSTAL_HYPHEN : c >= 'a' ? NG_POSTAL_CC1 + c - 'a' : c - '0';
		assert_int_equal(data[i], v);
	}
}

static void test_manual_example_check_digit(void **state)
{
	(void)state;
	unsigned char data[NG_POSTAL_DATA_LEN];
	ng_postal_data("1000013", "1-3-2-503", data);
	expect_data(data, "10000131-3-2-503dddd");
	assert_int_equal(ng_postal_check_digit(data), 9);
}

static void test_truncated_to_13(void **state)
{
	(void)state;
	unsigned char data[NG_POSTAL_DATA_LEN];
	/* the manual: the 13th place may be a hyphen */
	ng_postal_data("0640804", "29-1524-23-2-501", data);
	expect_data(data, "064080429-1524-23-2-");
	/* a letter whose control code is 13th keeps only that (J = CC1 9, B =
	 * CC1 1: 「3-80-25 CC1 9 1-2 CC1」) */
	ng_postal_data("9100067", "3-80-25J1-2B", data);
	expect_data(data, "91000673-80-25a91-2a");
	/* letters: A–J CC1, K–T CC2, U–Z CC3 */
	ng_postal_data("1234567", "1A-K-Z", data);
	expect_data(data, "12345671a0-b0-c5dddd");
	int sum = 0;
	for (size_t i = 0; i < NG_POSTAL_DATA_LEN; i++)
		sum += data[i];
	assert_int_equal((sum + ng_postal_check_digit(data)) % 19, 0);
}

/* ---- bars */

/* The manual's bar table: for 0–9, 「-」, CC1–CC8, the bars of each
 * character (1 long, 2 upper half, 3 lower half, 4 timing). */
static const char *const table[19] = {"144", "114", "132", "312", "123", "141", "321",
                                      "213", "231", "411", "414", "324", "342", "234",
                                      "432", "243", "423", "441", "111"};

/* The 67 bars the manual prescribes for data (start 13, stop 31). */
static void manual_bars(const unsigned char *data, char *out)
{
	strcpy(out, "13");
	for (size_t i = 0; i < NG_POSTAL_DATA_LEN; i++)
		strcat(out, table[data[i]]);
	strcat(out, table[ng_postal_check_digit(data)]);
	strcat(out, "31");
}

static char kind_digit(const ng_bar *b)
{
	static const char digits[] = {[NG_BAR_LONG] = '1',
	                              [NG_BAR_ASCENDER] = '2',
	                              [NG_BAR_DESCENDER] = '3',
	                              [NG_BAR_TIMING] = '4'};
	return digits[b->kind];
}

static void assert_bars(const char *postcode, const char *address, const char *want_data)
{
	unsigned char data[NG_POSTAL_DATA_LEN];
	ng_bar bars[NG_POSTAL_BARS];
	char want[NG_POSTAL_BARS + 1], got[NG_POSTAL_BARS + 1];
	assert_int_equal(ng_postal_barcode(postcode, address, 10, bars), NG_POSTAL_OK);
	ng_buf num = {0};
	char pc[8];
	ng_postal_postcode(postcode, pc);
	ng_postal_address_number(address, &num);
	ng_postal_data(pc, num.data, data);
	ng_buf_free(&num);
	expect_data(data, want_data);
	manual_bars(data, want);
	for (size_t i = 0; i < NG_POSTAL_BARS; i++)
		got[i] = kind_digit(&bars[i]);
	got[NG_POSTAL_BARS] = '\0';
	assert_string_equal(got, want);
}

/* libzint's bars for the manual's example are the manual's table, with
 * check digit 9 (bars 411) before the stop code. */
static void test_zint_matches_manual(void **state)
{
	(void)state;
	assert_bars("100-0013", "東京都千代田区霞が関1丁目3番2号 郵便プラザ503室",
	            "10000131-3-2-503dddd");
	ng_bar bars[NG_POSTAL_BARS];
	ng_postal_barcode("100-0013", "1-3-2-503", 10, bars);
	assert_int_equal(bars[62].kind, NG_BAR_TIMING);
	assert_int_equal(bars[63].kind, NG_BAR_LONG);
	assert_int_equal(bars[64].kind, NG_BAR_LONG);
	assert_bars("263-0023", "千葉県千葉市稲毛区緑町3丁目30-8 郵便ビル403号",
	            "26300233-30-8-403ddd");
	assert_bars("064-0804", "29丁目1524-23 第2郵便ハウス501", "064080429-1524-23-2-");
	assert_bars("317-0055", "6丁目7-14 ABCビル2F", "31700556-7-14-2ddddd");
}

/* The cut letter, which libzint cannot take, comes from the table. */
static void test_cut_letter_bars(void **state)
{
	(void)state;
	assert_bars("910-0067", "3丁目80-25 J1ビル2-B", "91000673-80-25a91-2a");
}

/* 67 bars; at 10 pt: long 3.6 mm, half 2.4 mm, timing 1.2 mm, on a 1.2 mm
 * pitch, 0.6 mm wide (about 80 mm in all); scaled at 8 pt. */
static void test_bar_dimensions(void **state)
{
	(void)state;
	ng_bar bars[NG_POSTAL_BARS];
	assert_int_equal(NG_POSTAL_BARS, 67);
	assert_int_equal(ng_postal_barcode("1000013", "1-3-2-503", 10, bars), NG_POSTAL_OK);
	static const double top[] = {0, 0, 1.2, 1.2}, height[] = {3.6, 2.4, 2.4, 1.2};
	for (size_t i = 0; i < NG_POSTAL_BARS; i++) {
		assert_double_equal(bars[i].x, i * 1.2 * MM, 1e-9);
		assert_double_equal(bars[i].w, 0.6 * MM, 1e-9);
		assert_double_equal(bars[i].y, top[bars[i].kind] * MM, 1e-9);
		assert_double_equal(bars[i].h, height[bars[i].kind] * MM, 1e-9);
	}
	assert_double_equal(ng_postal_width(10), 79.8 * MM, 1e-9);
	assert_double_equal(ng_postal_height(10), 3.6 * MM, 1e-9);
	assert_int_equal(ng_postal_barcode("1000013", "1-3-2-503", 8, bars), NG_POSTAL_OK);
	assert_double_equal(bars[66].x, 66 * 1.2 * 0.8 * MM, 1e-9);
	assert_double_equal(bars[0].h, 3.6 * 0.8 * MM, 1e-9);
}

static void test_barcode_errors(void **state)
{
	(void)state;
	ng_bar bars[NG_POSTAL_BARS];
	assert_int_equal(ng_postal_barcode("100-001", "1-3-2", 10, bars), NG_POSTAL_BAD_POSTCODE);
	assert_int_equal(ng_postal_barcode("100-0000", "1-3-2", 10, bars), NG_POSTAL_AREA_POSTCODE);
	assert_int_equal(ng_postal_barcode("100-0013", "霞が関", 10, bars), NG_POSTAL_NO_NUMBER);
	assert_int_equal(ng_postal_barcode("100-0013", "1-3-2", 7.5, bars), NG_POSTAL_BAD_SIZE);
	assert_int_equal(ng_postal_barcode("100-0013", "1-3-2", 12, bars), NG_POSTAL_BAD_SIZE);
	assert_string_not_equal(ng_postal_message(NG_POSTAL_NO_NUMBER), "unknown");
}

/* ---- the recipient block in the window */

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

/* A4 with the default window. */
static int setup(void **state)
{
	(void)state;
	arena = ng_arena_new();
	ng_diags_free(fx.diags);
	fx.diags = ng_diags_new();
	ng_layout_defaults(&opts);
	opts.measure = fake_measure;
	opts.jlreq = fx.jl;
	doc = ng_doc_new(arena);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ng_arena_free(arena);
	return 0;
}

static const ng_pos here = {"t", 1, 1};

static void add_recipient(const char *postcode, const char *address, const char *name, bool barcode)
{
	ng_block *b = ng_doc_add(doc, NG_B_RECIPIENT);
	b->recipient = ng_alloc(arena, sizeof *b->recipient);
	ng_content_adds(arena, &b->recipient->postcode, postcode, here);
	ng_content_adds(arena, &b->recipient->address, address, here);
	ng_content_adds(arena, &b->recipient->name, name, here);
	b->recipient->barcode = barcode;
}

static void add(ng_block_kind kind, ng_align align, const char *text)
{
	ng_block *b = ng_doc_add(doc, kind);
	b->align = align;
	ng_content_adds(arena, &b->content, text, here);
}

static void run(void)
{
	assert_int_equal(ng_layout(doc, &opts, fx.lb, arena, &pages, fx.diags), 0);
}

static const char *text_of(const ng_line *g)
{
	return ng_strndup(arena, g->text, g->len);
}

static size_t count_code(ng_dcode code)
{
	size_t n = 0;
	for (size_t i = 0; i < ng_diags_count(fx.diags); i++)
		n += ng_diags_get(fx.diags, i)->code == (int)code;
	return n;
}

static bool in_window(double x, double y, double inset)
{
	return x >= opts.window_x + inset - 0.01 &&
	       x <= opts.window_x + opts.window_w - inset + 0.01 &&
	       y >= opts.window_y + inset - 0.01 &&
	       y <= opts.window_y + opts.window_h - inset + 0.01;
}

/* A line's box: its width, from a line's pitch above the baseline to a
 * quarter of the body size below it. */
static bool line_meets_window(const ng_line *g)
{
	double lh = opts.body_size * opts.line_factor;
	return g->x < opts.window_x + opts.window_w && g->x + g->width > opts.window_x &&
	       g->y - lh < opts.window_y + opts.window_h &&
	       g->y + opts.body_size / 4 > opts.window_y;
}

static void letter(void)
{
	add_recipient("100-0013", "東京都千代田区霞が関1丁目3番2号 郵便プラザ503室", "郵便 太郎 様",
	              true);
	add(NG_B_LINE, NG_ALIGN_LEFT, "親展");
	add(NG_B_LINE, NG_ALIGN_RIGHT, "令和5年7月21日");
	for (int i = 0; i < 8; i++)
		add(NG_B_PARA, NG_ALIGN_JUSTIFY,
		    "このたび、当社が管理する個人情報の一部が外部に漏えいしたおそれがあることが判明"
		    "いたしました。ご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。");
}

static void test_block_in_window(void **state)
{
	(void)state;
	letter();
	run();
	const ng_page *p = &pages.pages[0];
	assert_true(p->nlines >= 4);
	assert_string_equal(text_of(&p->lines[0]), "〒100-0013");
	/* the address breaks at its blank, never inside the 番地 */
	assert_string_equal(text_of(&p->lines[1]), "東京都千代田区霞が関1丁目3番2号");
	assert_string_equal(text_of(&p->lines[2]), "郵便プラザ503室");
	assert_string_equal(text_of(&p->lines[3]), "郵便 太郎 様");
	for (size_t i = 0; i < 4; i++) {
		const ng_line *g = &p->lines[i];
		assert_true(in_window(g->x, g->y, 0));
		assert_true(in_window(g->x + g->width, g->y, 0));
	}
	/* the name is larger than the address */
	assert_true(p->runs[p->lines[3].run0].size > p->runs[p->lines[1].run0].size);
	/* 67 bars, 2 mm clear of every window edge and of the name */
	assert_int_equal(p->nrules, NG_POSTAL_BARS);
	for (size_t i = 0; i < p->nrules; i++) {
		const ng_rule *r = &p->rules[i];
		assert_double_equal(r->x1, r->x2, 1e-9);
		assert_true(in_window(r->x1 - r->width / 2, r->y1, 2 * MM));
		assert_true(in_window(r->x2 + r->width / 2, r->y2, 2 * MM));
		assert_true(r->y1 >= p->lines[3].y + 2 * MM);
	}
	assert_double_equal(p->rules[0].width, 0.6 * MM, 1e-9);
	assert_int_equal(count_code(NG_D_RECIPIENT), 0);
}

/* Body text never meets the window; the right-aligned date may stand
 * beside it, everything else starts below it. */
static void test_body_off_window(void **state)
{
	(void)state;
	letter();
	run();
	for (size_t pg = 0; pg < pages.npages; pg++)
		for (size_t i = pg ? 0 : 4; i < pages.pages[pg].nlines; i++)
			assert_false(pg == 0 && line_meets_window(&pages.pages[pg].lines[i]));
	const ng_page *p = &pages.pages[0];
	assert_string_equal(text_of(&p->lines[4]), "親展");
	assert_true(p->lines[4].y > opts.window_y + opts.window_h);
	/* without the block, 親展 stands at the top margin */
	ng_doc *d = ng_doc_new(arena);
	ng_block *b = ng_doc_add(d, NG_B_LINE);
	ng_content_adds(arena, &b->content, "親展", here);
	ng_pages q;
	assert_int_equal(ng_layout(d, &opts, fx.lb, arena, &q, fx.diags), 0);
	assert_true(q.pages[0].lines[0].y < opts.window_y + opts.window_h);
}

static void test_date_beside_window(void **state)
{
	(void)state;
	add_recipient("100-0013", "霞が関1-3-2", "郵便 太郎 様", false);
	add(NG_B_LINE, NG_ALIGN_RIGHT, "令和5年7月21日");
	add(NG_B_PARA, NG_ALIGN_JUSTIFY, "拝啓");
	run();
	const ng_page *p = &pages.pages[0];
	assert_int_equal(p->nrules, 0); /* no barcode asked for */
	assert_string_equal(text_of(&p->lines[3]), "令和5年7月21日");
	assert_true(p->lines[3].y < opts.window_y + opts.window_h);
	assert_true(p->lines[3].x > opts.window_x + opts.window_w);
	assert_true(p->lines[4].y > opts.window_y + opts.window_h);
}

/* A long address shrinks to stay on two lines, still broken only at a
 * blank; the window is configurable. */
static void test_long_address_and_narrow_window(void **state)
{
	(void)state;
	opts.window_x = 25 * MM;
	opts.window_y = 12 * MM;
	opts.window_w = 86 * MM;
	add_recipient(
	    "〒263-0023",
	    "千葉県千葉市稲毛区緑町3丁目30-8 郵便ビル403号 郵便株式会社東日本支社総務部第二課",
	    "郵便 太郎 様", true);
	run();
	const ng_page *p = &pages.pages[0];
	assert_string_equal(text_of(&p->lines[0]), "〒263-0023");
	assert_string_equal(text_of(&p->lines[1]), "千葉県千葉市稲毛区緑町3丁目30-8 郵便ビル403号");
	assert_string_equal(text_of(&p->lines[2]), "郵便株式会社東日本支社総務部第二課");
	assert_string_equal(text_of(&p->lines[3]), "郵便 太郎 様");
	assert_true(p->runs[p->lines[1].run0].size < opts.body_size);
	assert_true(p->runs[p->lines[1].run0].size >= 8);
	for (size_t i = 0; i < p->nlines; i++)
		assert_true(in_window(p->lines[i].x + p->lines[i].width, p->lines[i].y, 0));
	assert_int_equal(p->nrules, NG_POSTAL_BARS);
	for (size_t i = 0; i < p->nrules; i++)
		assert_true(
		    in_window(p->rules[i].x2 + p->rules[i].width / 2, p->rules[i].y2, 2 * MM));
}

/* Barcode problems leave the barcode out with a warning, never the letter. */
static void test_barcode_left_out(void **state)
{
	(void)state;
	add_recipient("100-0013", "霞が関 郵便ビル", "郵便 太郎 様", true);
	run();
	assert_int_equal(pages.pages[0].nrules, 0);
	assert_int_equal(count_code(NG_D_RECIPIENT), 1);
	/* a narrower window: the barcode moves left to the 2 mm clearance
	 * and gets smaller (8–11.5 pt allowed) */
	ng_doc *d = ng_doc_new(arena);
	ng_doc *full = doc;
	doc = d;
	opts.window_w = 70 * MM;
	add_recipient("100-0013", "1-3-2", "郵便 花子 様", true);
	run();
	const ng_page *p = &pages.pages[0];
	assert_int_equal(p->nrules, NG_POSTAL_BARS);
	double left = p->rules[0].x1 - p->rules[0].width / 2;
	double right = p->rules[66].x1 + p->rules[66].width / 2;
	assert_double_equal(left, opts.window_x + 2 * MM, 1e-6);
	assert_true(right <= opts.window_x + opts.window_w - 2 * MM + 1e-6);
	assert_true(p->rules[0].width < 0.6 * MM);
	doc = full;
	/* a window too small for the barcode */
	opts.window_w = 60 * MM;
	add_recipient("100-0013", "1-3-2", "郵便 花子 様", true);
	run();
	assert_int_equal(pages.pages[0].nrules, 0);
	assert_int_equal(count_code(NG_D_RECIPIENT), 3);
}

int main(void)
{
	const struct CMUnitTest postal[] = {
	    cmocka_unit_test(test_address_numbers),
	    cmocka_unit_test(test_address_without_number),
	    cmocka_unit_test(test_postcodes),
	    cmocka_unit_test(test_manual_example_check_digit),
	    cmocka_unit_test(test_truncated_to_13),
	    cmocka_unit_test(test_zint_matches_manual),
	    cmocka_unit_test(test_cut_letter_bars),
	    cmocka_unit_test(test_bar_dimensions),
	    cmocka_unit_test(test_barcode_errors),
	};
	const struct CMUnitTest layout[] = {
	    cmocka_unit_test_setup_teardown(test_block_in_window, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_body_off_window, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_date_beside_window, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_long_address_and_narrow_window, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_barcode_left_out, setup, teardown),
	};
	int failed = cmocka_run_group_tests_name("postal", postal, NULL, NULL);
	return failed +
	       cmocka_run_group_tests_name("recipient", layout, group_setup, group_teardown);
}
