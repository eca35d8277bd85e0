/* test_pdf.c — the pdf module: font lookup and metrics, and a hand-built
 * two-page letter checked with poppler (text, fonts) and qpdf; the font
 * objects (W against HarfBuzz, the subset tag, CIDs for glyphs two code
 * points share); batch determinism: letters rendered through one
 * ng_fonts are byte-identical to each rendered alone; and fonts a batch
 * shares: a letter split between the shared and its own subset reads
 * back exactly, and its bytes do not depend on the letters before. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../common/shell.h"

#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pdf/pdf_int.h"
#include "util/diskcache.h"

#define HEAD1 "個人情報漏えいに関するお知らせ"
#define BODY1 "令和5年6月5日（月）未明、サーバが暗号化されました。"
#define BODY2 "Contact: info@example.jp (ASCII only)"
#define HEAD2 "お問い合わせ窓口"
#define BODY3 "電話 03-1234-5678（平日9時〜17時）"

#define RUN(X, Y, F, S, CS, T, LINE)                                                               \
	{                                                                                          \
		.x = (X), .y = (Y), .font = (F), .size = (S), .char_space = (CS), .text = (T),     \
		.len = sizeof(T) - 1,                                                              \
		.pos = { "letter.yaml",                                                            \
			 (LINE),                                                                   \
			 1 }                                                                       \
	}

static ng_run runs1[] = {
    RUN(72, 100, NG_FONT_HEADING, 14, 0, HEAD1, 1),
    RUN(72, 140, NG_FONT_BODY, 10.5, 0, BODY1, 2),
    RUN(72, 170, NG_FONT_BODY, 10.5, 0, BODY2, 3),
};
static ng_rule rules1[] = {{72, 180, 523, 180, 0.5, NG_ELEM_ARTIFACT}};
static ng_link links1[] = {{118, 160, 90, 12, "mailto:info@example.jp", 0, NULL}};
static ng_run runs2[] = {
    RUN(72, 100, NG_FONT_HEADING, 14, 0, HEAD2, 4),
    RUN(72, 140, NG_FONT_BODY, 10.5, 0.5, BODY3, 5),
};

static ng_page two_pages[] = {
    {.runs = runs1, .nruns = 3, .rules = rules1, .nrules = 1, .links = links1, .nlinks = 1},
    {.runs = runs2, .nruns = 2},
};

static const ng_pages letter = {
    .width = 595.276,
    .height = 841.89,
    .pages = two_pages,
    .npages = 2,
    .title = "個人情報漏えいに関するお知らせ",
    .author = "株式会社サンプル",
    .subject = "incident notice",
    .date_epoch = 1685890800, /* 2023-06-05 00:00 +09:00 */
};

typedef struct fixture {
	ng_diags *diags;
	ng_fonts *fonts;
	char pdf[64], err[64];
	ng_buf bytes;
} fixture;

static void write_file(const char *path, const ng_buf *b)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
	assert_int_equal(fclose(f), 0);
}

static int make_temp(char *path, const char *pattern)
{
	strcpy(path, pattern);
	int fd = mkstemp(path);
	return fd < 0 ? -1 : close(fd);
}

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	fx->diags = ng_diags_new();
	fx->fonts = ng_fonts_open(fx->diags);
	if (!fx->fonts) {
		ng_diags_print(fx->diags, stderr, 0);
		return -1;
	}
	if (make_temp(fx->pdf, "/tmp/ng-test-pdf-XXXXXX") ||
	    make_temp(fx->err, "/tmp/ng-test-err-XXXXXX"))
		return -1;
	if (ng_pdf_write(fx->fonts, NULL, &letter, &fx->bytes, fx->diags) != 0) {
		ng_diags_print(fx->diags, stderr, 0);
		return -1;
	}
	write_file(fx->pdf, &fx->bytes);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	if (getenv("NG_KEEP_PDF"))
		fprintf(stderr, "kept %s\n", fx->pdf);
	else
		unlink(fx->pdf);
	unlink(fx->err);
	ng_buf_free(&fx->bytes);
	ng_fonts_free(fx->fonts);
	ng_diags_free(fx->diags);
	free(fx);
	return 0;
}

/* Runs "TOOL ARGS PDF TAIL", stdout into out, stderr into fx->err;
 * returns the exit status. */
static int run_tool(fixture *fx, const char *tool, const char *args, const char *tail, ng_buf *out)
{
	return sh_capture(out, "%s %s '%s' %s 2>'%s'", tool, args, fx->pdf, tail, fx->err);
}

static void assert_no_stderr(fixture *fx)
{
	assert_file_empty(fx->err);
}

static void test_text_round_trips(void **state)
{
	fixture *fx = *state;
	ng_buf out = {0};
	assert_int_equal(run_tool(fx, "pdftotext", "-enc UTF-8", "-", &out), 0);
	assert_no_stderr(fx);
	/* poppler groups lines into blocks (a blank line after each) and ends
	 * every page with a form feed. */
	assert_string_equal(out.data,
	                    HEAD1 "\n" BODY1 "\n" BODY2 "\n\n\f" HEAD2 "\n" BODY3 "\n\n\f");
	ng_buf_free(&out);
}

/* -layout keeps the lines; each comes back whole, after the indent. */
static void test_layout_text(void **state)
{
	fixture *fx = *state;
	ng_buf out = {0};
	assert_int_equal(run_tool(fx, "pdftotext", "-layout -enc UTF-8", "-", &out), 0);
	assert_no_stderr(fx);
	const char *lines[] = {HEAD1, BODY1, BODY2, HEAD2, BODY3};
	const char *at = out.data;
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		const char *hit = strstr(at, lines[i]);
		if (!hit)
			fprintf(stderr, "missing line %zu in:\n%s\n", i, out.data);
		assert_non_null(hit);
		assert_true(hit == out.data || hit[-1] == ' ' || hit[-1] == '\n' ||
		            hit[-1] == '\f');
		at = hit + strlen(lines[i]);
	}
	ng_buf_free(&out);
}

static size_t count_lines_with(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *l = s; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		const char *end = strchr(l, '\n');
		size_t len = end ? (size_t)(end - l) : strlen(l);
		char line[512];
		snprintf(line, sizeof line, "%.*s", (int)len, l);
		n += strstr(line, what) != NULL;
	}
	return n;
}

static void test_fonts_embedded_subset_unicode(void **state)
{
	fixture *fx = *state;
	ng_buf out = {0};
	assert_int_equal(run_tool(fx, "pdffonts", "", "", &out), 0);
	assert_no_stderr(fx);
	/* Two fonts, both CID TrueType with a six-letter subset tag, and
	 * every font line says emb yes, sub yes, uni yes. */
	assert_int_equal(count_lines_with(out.data, "Identity-H"), 2);
	assert_int_equal(count_lines_with(out.data, "yes yes yes"), 2);
	assert_int_equal(count_lines_with(out.data, "+IPAexMincho "), 1);
	assert_int_equal(count_lines_with(out.data, "+IPAexGothic "), 1);
	/* Each name starts with a subset tag: six capitals and a '+'. */
	for (const char *l = strstr(out.data, "\n---"); (l = strchr(l + 1, '\n')) && l[1];) {
		for (int i = 1; i <= 6; i++)
			assert_true(l[i] >= 'A' && l[i] <= 'Z');
		assert_int_equal(l[7], '+');
	}
	ng_buf_free(&out);
}

static void test_qpdf_check_clean(void **state)
{
	fixture *fx = *state;
	ng_buf out = {0};
	assert_int_equal(run_tool(fx, "qpdf", "--check", "", &out), 0);
	assert_no_stderr(fx);
	ng_buf_free(&out);
}

static void test_info(void **state)
{
	fixture *fx = *state;
	ng_buf out = {0};
	assert_int_equal(run_tool(fx, "pdfinfo", "-isodates -enc UTF-8", "", &out), 0);
	assert_no_stderr(fx);
	assert_non_null(strstr(out.data, "Title:           " HEAD1 "\n"));
	assert_non_null(strstr(out.data, "Author:          株式会社サンプル\n"));
	assert_non_null(strstr(out.data, "CreationDate:    2023-06-05T00:00:00+09\n"));
	assert_non_null(strstr(out.data, "ModDate:         2023-06-05T00:00:00+09\n"));
	assert_non_null(strstr(out.data, "Pages:           2\n"));
	assert_non_null(strstr(out.data, "595.276 x 841.89 pts (A4)"));
	ng_buf_free(&out);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void test_byte_identical(void **state)
{
	fixture *fx = *state;
	ng_buf again = {0};
	enum { RUNS = 20 };
	double t0 = now_ms();
	for (int i = 0; i < RUNS; i++)
		assert_int_equal(ng_pdf_write(fx->fonts, NULL, &letter, &again, fx->diags), 0);
	double per = (now_ms() - t0) / RUNS;
	print_message("two-page PDF: %zu bytes, %.2f ms per ng_pdf_write\n", again.len, per);
	assert_int_equal(again.len, fx->bytes.len);
	assert_memory_equal(again.data, fx->bytes.data, again.len);
	assert_int_equal(ng_diags_count(fx->diags), 0);
	ng_buf_free(&again);
}

static void test_coverage(void **state)
{
	fixture *fx = *state;
	for (int r = 0; r < NG_FONT__COUNT; r++) {
		assert_false(ng_fonts_has(fx->fonts, r, 0x1F600)); /* emoji, above the BMP */
		assert_false(ng_fonts_has(fx->fonts, r, 0x3400));  /* CJK ext. A, not in IPAex */
		assert_false(ng_fonts_has(fx->fonts, r, 0x2FFF));  /* unassigned */
		assert_true(ng_fonts_has(fx->fonts, r, 0x6F22));   /* 漢 */
		assert_true(ng_fonts_has(fx->fonts, r, 'A'));
	}
	assert_string_equal(ng_fonts_family(fx->fonts, NG_FONT_BODY), "IPAexMincho");
	assert_string_equal(ng_fonts_family(fx->fonts, NG_FONT_HEADING), "IPAexGothic");
}

static void test_measure(void **state)
{
	fixture *fx = *state;
	assert_true(fabs(ng_fonts_measure(fx->fonts, NG_FONT_BODY, 10, "あ", 3) - 10.0) < 1e-9);
	assert_true(fabs(ng_fonts_measure(fx->fonts, NG_FONT_HEADING, 10, "あ", 3) - 10.0) < 1e-9);
	double i = ng_fonts_measure(fx->fonts, NG_FONT_BODY, 10, "i", 1);
	assert_true(i > 0 && i < 5);
	assert_true(fabs(ng_fonts_measure(fx->fonts, NG_FONT_BODY, 12, "漢字", 6) - 24.0) < 1e-9);
	assert_true(ng_fonts_measure(fx->fonts, NG_FONT_BODY, 10, "", 0) == 0);
}

/* A variation selector adds no width: 辻 + U+E0100 measures as the
 * variant's glyph (one em), a character only the fallback has as its
 * glyph there (𠮷: one em), and a line of them as the sum. */
static void test_measure_variants(void **state)
{
	fixture *fx = *state;
	const char *ivs = "辻\xf3\xa0\x84\x80", *yoshi = "\xf0\xa0\xae\xb7";
	assert_true(fabs(ng_fonts_measure(fx->fonts, NG_FONT_BODY, 10, ivs, 7) - 10.0) < 1e-9);
	assert_true(fabs(ng_fonts_measure(fx->fonts, NG_FONT_BODY, 10, yoshi, 4) - 10.0) < 1e-9);
	char line[64];
	snprintf(line, sizeof line, "%s%s%s本", ivs, yoshi, ivs);
	assert_true(fabs(ng_fonts_measure(fx->fonts, NG_FONT_BODY, 12, line, strlen(line)) - 48.0) <
	            1e-9);
	uint32_t g;
	assert_int_equal(ng_fonts_glyph(fx->fonts, NG_FONT_BODY, 0x8FBB, 0xE0100, &g),
	                 ng_fonts_slot(fx->fonts, NG_FONT_BODY));
	uint32_t plain;
	assert_true(ng_fonts_glyph(fx->fonts, NG_FONT_BODY, 0x8FBB, 0, &plain) >= 0);
	assert_int_not_equal(g, plain); /* the variant is another glyph */
	assert_int_equal(ng_fonts_glyph(fx->fonts, NG_FONT_BODY, 0x20BB7, 0, &g), NG_SLOT_FALLBACK);
	assert_int_equal(ng_fonts_glyph(fx->fonts, NG_FONT_BODY, 0x1F600, 0, &g), -1);
}

/* ToUnicode: a CID drawn through a variation selector stands for the
 * character and its selector; one above the BMP for its surrogate pair. */
static void test_tounicode_variants(void **state)
{
	(void)state;
	uint16_t cid[] = {1, 2, 3};
	uint32_t cps[] = {0x8FBB, 0x20BB7, 0x8FBC}, vs[] = {0xE0100, 0, 0};
	ng_buf b = {0};
	ng_tounicode_cmap_vs(&b, cid, cps, vs, 3);
	assert_non_null(strstr(b.data, "<0001> <8FBBDB40DD00>"));
	assert_non_null(strstr(b.data, "<0002> <D842DFB7>"));
	assert_non_null(strstr(b.data, "<0003> <8FBC>")); /* no range with a variant */
	assert_null(strstr(b.data, "bfrange"));
	ng_buf_free(&b);
}

/* A character no font has (neither the role's nor the fallback) is an
 * error with the run's position, before anything is drawn; so is a
 * variation sequence no font has (never drawn as another form). */
static void test_missing_glyphs(void **state)
{
	fixture *fx = *state;
	static ng_run bad[] = {
	    RUN(72, 100, NG_FONT_BODY, 10, 0, "表\xe3\x90\x80", 7), /* U+3400: IPAmj draws it */
	    RUN(72, 120, NG_FONT_BODY, 10, 0, "😀", 8),
	    RUN(72, 140, NG_FONT_BODY, 10, 0, "辻\xf3\xa0\x84\x8f", 9), /* + U+E010F */
	};
	ng_page pg = {.runs = bad, .nruns = 3};
	ng_pages pages = {.width = 595.276, .height = 841.89, .pages = &pg, .npages = 1};
	ng_diags *d = ng_diags_new();
	ng_buf out = {0};
	assert_int_equal(ng_pdf_write(fx->fonts, NULL, &pages, &out, d), -1);
	assert_int_equal(out.len, 0);
	assert_int_equal(ng_diags_count(d), 2);
	assert_int_equal(ng_diags_get(d, 0)->code, NG_D_GLYPH_MISSING);
	assert_int_equal(ng_diags_get(d, 0)->line, 8);
	assert_non_null(strstr(ng_diags_get(d, 0)->message, "U+1F600"));
	assert_non_null(strstr(ng_diags_get(d, 0)->message, "IPAmjMincho"));
	assert_int_equal(ng_diags_get(d, 1)->code, NG_D_GLYPH_MISSING);
	assert_int_equal(ng_diags_get(d, 1)->line, 9);
	assert_non_null(strstr(ng_diags_get(d, 1)->message, "U+8FBB U+E010F"));
	ng_buf_free(&out);
	ng_diags_free(d);
}

/* libharu's errors come back as an NG_D_PDF diagnostic and an empty
 * output, and the fonts stay usable for the next letter. */
static void test_libharu_error(void **state)
{
	fixture *fx = *state;
	static ng_run big[] = {RUN(72, 100, NG_FONT_BODY, 10, 0, "字間", 9)};
	ng_page pg = {.runs = big, .nruns = 1};
	/* libharu takes pages of 3 to 14,400 points. */
	ng_pages pages = {.width = 20000, .height = 841.89, .pages = &pg, .npages = 1};
	ng_diags *d = ng_diags_new();
	ng_buf out = {0};
	assert_int_equal(ng_pdf_write(fx->fonts, NULL, &pages, &out, d), -1);
	assert_int_equal(out.len, 0);
	assert_int_equal(ng_diags_count(d), 1);
	assert_int_equal(ng_diags_get(d, 0)->code, NG_D_PDF);
	assert_non_null(strstr(ng_diags_get(d, 0)->message, "HPDF_Page_SetWidth"));
	pages.width = 595.276;
	assert_int_equal(ng_pdf_write(fx->fonts, NULL, &pages, &out, d), 0);
	assert_true(out.len > 0);
	ng_buf_free(&out);
	ng_diags_free(d);
}

/* ---- the font objects, read back from the PDF */

static const char *find(const char *hay, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = hay; p + n <= end; p++)
		if (memcmp(p, needle, n) == 0)
			return p;
	return NULL;
}

/* The number N of "KEY N 0 R" in the object text [at, end). */
static long ref_after(const char *at, const char *end, const char *key)
{
	const char *p = find(at, end, key);
	assert_non_null(p);
	return strtol(p + strlen(key), NULL, 10);
}

static const char *object(const ng_buf *pdf, long num, const char **end)
{
	char head[32];
	snprintf(head, sizeof head, "\n%ld 0 obj", num);
	const char *p = find(pdf->data, pdf->data + pdf->len, head);
	assert_non_null(p);
	*end = find(p, pdf->data + pdf->len, "endobj");
	assert_non_null(*end);
	return p;
}

/* Checks one CIDFontType2's W entries ("c [w …]" runs) against the
 * advances HarfBuzz reads from its embedded FontFile2; returns how many
 * widths were checked. */
static int check_w(fixture *fx, const char *dict, const char *end)
{
	assert_non_null(find(dict, end, "/CIDToGIDMap /Identity")); /* CID = GID here */
	const char *desc_end,
	    *desc = object(&fx->bytes, ref_after(dict, end, "/FontDescriptor "), &desc_end);
	char tail[96];
	snprintf(tail, sizeof tail, "> '%s.ttf'", fx->err);
	char args[64];
	snprintf(args, sizeof args, "--show-object=%ld --filtered-stream-data",
	         ref_after(desc, desc_end, "/FontFile2 "));
	ng_buf none = {0};
	assert_int_equal(run_tool(fx, "qpdf", args, tail, &none), 0);
	ng_buf_free(&none);
	snprintf(tail, sizeof tail, "%s.ttf", fx->err);
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(tail);
	assert_non_null(blob);
	hb_face_t *face = hb_face_create(blob, 0);
	hb_font_t *font = hb_font_create(face);
	double upem = hb_face_get_upem(face);
	int checked = 0;
	const char *w = find(dict, end, "/W [");
	assert_non_null(w);
	char *p = (char *)w + 4;
	for (;;) {
		long cid = strtol(p, &p, 10);
		while (*p == ' ')
			p++;
		if (*p != '[')
			break;
		for (p++; *p == ' ' || (*p >= '0' && *p <= '9');) {
			double width = strtod(p, &p);
			double adv = hb_font_get_glyph_h_advance(font, (hb_codepoint_t)cid++);
			assert_true(fabs(width - adv * 1000 / upem) < 1e-3);
			checked++;
			while (*p == ' ')
				p++;
		}
		p++; /* ']' */
	}
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	unlink(tail);
	return checked;
}

/* The widths a viewer places glyphs by are HarfBuzz's advances, which
 * layout measured with (not rounded to whole units). */
static void test_widths_match_harfbuzz(void **state)
{
	fixture *fx = *state;
	const char *end = fx->bytes.data + fx->bytes.len, *p = fx->bytes.data;
	int fonts = 0, widths = 0;
	while ((p = find(p + 1, end, "/Subtype /CIDFontType2"))) {
		widths += check_w(fx, p, find(p, end, "endobj"));
		fonts++;
	}
	assert_int_equal(fonts, 2);
	assert_true(widths > 20); /* BODY2's Latin letters are proportional */
}

/* ---- batch determinism */

#define HYPHENS "A-B‐C" /* U+002D and U+2010: one glyph in IPAex */

static ng_run runs_b[] = {RUN(72, 100, NG_FONT_BODY, 12, 0.25, HYPHENS "と全角の文字", 1)};
static ng_run runs_c[] = {RUN(72, 100, NG_FONT_BODY, 9, 0, "ASCII only, one font", 1)};
static ng_page page_b[] = {{.runs = runs_b, .nruns = 1}};
static ng_page page_c[] = {{.runs = runs_c, .nruns = 1}};
static const ng_pages letter_b = {.width = 595.276, .height = 841.89, .pages = page_b, .npages = 1};
static const ng_pages letter_c = {.width = 595.276, .height = 841.89, .pages = page_c, .npages = 1};

/* A letter rendered through a freshly opened ng_fonts. */
static void render_alone(const ng_pages *letter, ng_buf *out)
{
	ng_diags *d = ng_diags_new();
	ng_fonts *f = ng_fonts_open(d);
	assert_non_null(f);
	assert_int_equal(ng_pdf_write(f, NULL, letter, out, d), 0);
	ng_fonts_free(f);
	ng_diags_free(d);
}

/* Whatever one ng_fonts rendered before, a letter's bytes are the same:
 * nothing of a letter (subset tags, object numbers, CIDs) leaks into the
 * next. */
static void test_batch_byte_identical(void **state)
{
	fixture *fx = *state;
	const ng_pages *letters[] = {&letter_b, &letter, &letter_c};
	ng_buf alone[3] = {{0}}, again = {0};
	for (int i = 0; i < 3; i++)
		render_alone(letters[i], &alone[i]);
	const int order[] = {1, 0, 2, 0, 1, 2, 2, 0};
	for (size_t k = 0; k < NG_ARRAY_LEN(order); k++) {
		const ng_buf *want = &alone[order[k]];
		assert_int_equal(
		    ng_pdf_write(fx->fonts, NULL, letters[order[k]], &again, fx->diags), 0);
		assert_int_equal(again.len, want->len);
		assert_memory_equal(again.data, want->data, want->len);
	}
	for (int i = 0; i < 3; i++)
		ng_buf_free(&alone[i]);
	ng_buf_free(&again);
}

/* Two code points drawn with one glyph (hyphen-minus and hyphen) keep
 * their own CIDs, so the text layer tells them apart. */
static void test_shared_glyph(void **state)
{
	fixture *fx = *state;
	ng_buf pdf = {0}, out = {0};
	render_alone(&letter_b, &pdf);
	assert_non_null(find(pdf.data, pdf.data + pdf.len, "/CIDToGIDMap 1")); /* a stream */
	write_file(fx->pdf, &pdf);
	assert_int_equal(run_tool(fx, "pdftotext", "-enc UTF-8", "-", &out), 0);
	assert_no_stderr(fx);
	assert_string_equal(out.data, HYPHENS "と全角の文字\n\n\f");
	write_file(fx->pdf, &fx->bytes); /* the fixture's letter back */
	ng_buf_free(&pdf);
	ng_buf_free(&out);
}

/* ---- fonts a batch shares */

/* A letter through fonts shared from another: letter_b's run mixes code
 * points of the shared Mincho subset ('A', '-', 'C', …) with its own
 * ('B', '‐', kana), so it is split between two fonts; the text, the
 * hyphen's own CID, the font list and qpdf all stay right. */
static void test_shared_and_own_font(void **state)
{
	fixture *fx = *state;
	ng_pdf_shared *shared = ng_pdf_shared_new(fx->fonts, &letter, false, fx->diags);
	assert_non_null(shared);
	ng_buf pdf = {0}, out = {0};
	assert_int_equal(ng_pdf_write(fx->fonts, shared, &letter_b, &pdf, fx->diags), 0);
	/* The font resources: the shared Mincho /F1, the letter's own /F3. */
	assert_non_null(find(pdf.data, pdf.data + pdf.len, "/F1 "));
	assert_non_null(find(pdf.data, pdf.data + pdf.len, "/F3 "));
	assert_null(find(pdf.data, pdf.data + pdf.len, "/F2 "));
	write_file(fx->pdf, &pdf);
	assert_int_equal(run_tool(fx, "pdftotext", "-enc UTF-8", "-", &out), 0);
	assert_no_stderr(fx);
	assert_string_equal(out.data, HYPHENS "と全角の文字\n\n\f");
	ng_buf_reset(&out);
	assert_int_equal(run_tool(fx, "pdffonts", "", "", &out), 0);
	assert_no_stderr(fx);
	assert_int_equal(count_lines_with(out.data, "yes yes yes"), 2);
	assert_int_equal(count_lines_with(out.data, "+IPAexMincho "), 2);
	ng_buf_reset(&out);
	assert_int_equal(run_tool(fx, "qpdf", "--check", "", &out), 0);
	assert_no_stderr(fx);
	write_file(fx->pdf, &fx->bytes); /* the fixture's letter back */
	ng_pdf_shared_free(shared);
	ng_buf_free(&pdf);
	ng_buf_free(&out);
}

/* A letter through shared fonts is byte-identical whatever went before,
 * and to the same letter through a fresh ng_fonts and fresh shared fonts
 * built from the same pages. */
static void test_shared_byte_identical(void **state)
{
	fixture *fx = *state;
	const ng_pages *letters[] = {&letter_b, &letter, &letter_c};
	ng_buf alone[3] = {{0}}, again = {0};
	for (int i = 0; i < 3; i++) {
		ng_diags *d = ng_diags_new();
		ng_fonts *f = ng_fonts_open(d);
		ng_pdf_shared *s = ng_pdf_shared_new(f, &letter, false, d);
		assert_non_null(s);
		assert_int_equal(ng_pdf_write(f, s, letters[i], &alone[i], d), 0);
		ng_pdf_shared_free(s);
		ng_fonts_free(f);
		ng_diags_free(d);
	}
	ng_pdf_shared *shared = ng_pdf_shared_new(fx->fonts, &letter, false, fx->diags);
	const int order[] = {0, 1, 2, 2, 1, 0, 1};
	for (size_t k = 0; k < NG_ARRAY_LEN(order); k++) {
		const ng_buf *want = &alone[order[k]];
		assert_int_equal(
		    ng_pdf_write(fx->fonts, shared, letters[order[k]], &again, fx->diags), 0);
		assert_int_equal(again.len, want->len);
		assert_memory_equal(again.data, want->data, want->len);
	}
	ng_pdf_shared_free(shared);
	for (int i = 0; i < 3; i++)
		ng_buf_free(&alone[i]);
	ng_buf_free(&again);
}

/* ---- the font cache (fontcache.c) */

/* The entries (font-…, no temporary files) in dir, their names into
 * names[cap] when given. */
static size_t cache_entries(const char *dir, char names[][512], size_t cap)
{
	DIR *d = opendir(dir);
	size_t n = 0;
	for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
		if (strncmp(e->d_name, "font-", 5) != 0)
			continue;
		assert_null(strchr(e->d_name, '.'));
		if (names && n < cap)
			snprintf(names[n], 512, "%s/%s", dir, e->d_name);
		n++;
	}
	if (d)
		closedir(d);
	return n;
}

static void shared_letter(ng_fonts *f, ng_buf *out)
{
	ng_diags *d = ng_diags_new();
	ng_pdf_shared *s = ng_pdf_shared_new(f, &letter, false, d);
	assert_non_null(s);
	ng_buf_reset(out);
	assert_int_equal(ng_pdf_write(f, s, &letter, out, d), 0);
	ng_pdf_shared_free(s);
	ng_diags_free(d);
}

static void assert_same(const ng_buf *a, const ng_buf *b)
{
	assert_int_equal(a->len, b->len);
	assert_memory_equal(a->data, b->data, a->len);
}

static void set_mtime_zero(const char *path)
{
	struct timespec t[2] = {{0, 0}, {0, 0}};
	assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

static time_t mtime_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mtim.tv_sec;
}

/* Shared fonts through the cache are the same bytes as without it: off
 * (nothing written), a miss (both slots kept, mode 0700), a hit (the
 * entry is read: its time is renewed), a damaged entry (one byte changed,
 * or cut short: a miss, and written again whole). */
static void test_font_cache(void **state)
{
	fixture *fx = *state;
	char dir[] = "/tmp/ng-test-cache-XXXXXX", sub[64], names[2][512];
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/a/b", dir); /* made with its parents */
	ng_buf want = {0}, got = {0};
	const char *was = getenv("NOTICE_GEN_CACHE");
	char *saved = was ? strdup(was) : NULL;
	setenv("NOTICE_GEN_CACHE", "off", 1);
	shared_letter(fx->fonts, &want);
	setenv("NOTICE_GEN_CACHE", sub, 1);
	assert_int_equal(cache_entries(sub, NULL, 0), 0);
	shared_letter(fx->fonts, &got); /* miss: kept */
	assert_same(&got, &want);
	assert_int_equal(cache_entries(sub, names, 2), 2);
	struct stat st;
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	for (int i = 0; i < 2; i++)
		set_mtime_zero(names[i]);
	shared_letter(fx->fonts, &got); /* hit */
	assert_same(&got, &want);
	for (int i = 0; i < 2; i++)
		assert_true(mtime_of(names[i]) > 0);
	ng_buf whole = {0};
	assert_int_equal(sh_capture(&whole, "cat '%s'", names[0]), 0);
	/* One byte in the middle changed, then the file cut short. */
	assert_int_equal(sh("printf 'Z' | dd of='%s' bs=1 seek=%zu conv=notrunc status=none",
	                    names[0], whole.len / 2),
	                 0);
	shared_letter(fx->fonts, &got);
	assert_same(&got, &want);
	ng_buf again = {0};
	assert_int_equal(sh_capture(&again, "cat '%s'", names[0]), 0);
	assert_same(&again, &whole); /* written again */
	assert_int_equal(truncate(names[0], (off_t)whole.len - 9), 0);
	shared_letter(fx->fonts, &got);
	assert_same(&got, &want);
	ng_buf_reset(&again);
	assert_int_equal(sh_capture(&again, "cat '%s'", names[0]), 0);
	assert_same(&again, &whole);
	if (saved)
		setenv("NOTICE_GEN_CACHE", saved, 1);
	else
		unsetenv("NOTICE_GEN_CACHE");
	free(saved);
	assert_int_equal(sh("rm -r '%s'", dir), 0);
	ng_buf_free(&want);
	ng_buf_free(&got);
	ng_buf_free(&whole);
	ng_buf_free(&again);
}

/* An entry written in pieces whose lengths leave partial 8-byte words
 * between them reads back: the checksum over the pieces is the one over
 * their bytes in one run (a tail of 3 bytes followed by a piece of 2 was
 * dropped, so such entries never loaded: which depended on the length of
 * a font's path in the key). */
static void test_cache_odd_pieces(void **state)
{
	(void)state;
	char dir[] = "/tmp/ng-test-cache-XXXXXX";
	assert_non_null(mkdtemp(dir));
	for (size_t klen = 1; klen <= 9; klen++) {
		ng_buf key = {0}, got = {0};
		ng_buf_add(&key, "KKKKKKKKK", klen);
		ng_cache_piece p[] = {{"abc", 3}, {"de", 2}, {"fghijklmn", 9}, {"o", 1}, {"", 0}};
		ng_cache_store(dir, "test", &key, p, 5, 16);
		assert_true(ng_cache_load(dir, "test", &key, &got));
		assert_int_equal(got.len, 15);
		assert_memory_equal(got.data, "abcdefghijklmno", 15);
		ng_buf_free(&key);
		ng_buf_free(&got);
	}
	assert_int_equal(sh("rm -r '%s'", dir), 0);
}

/* An entry answers only its own key: another key (one code point more,
 * another level) misses; a stored object comes back field for field. */
static void test_font_cache_key(void **state)
{
	(void)state;
	char dir[] = "/tmp/ng-test-cache-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char font[256];
	snprintf(font, sizeof font, "%s/CMakeLists.txt", NG_SOURCE_DIR); /* any file */
	const uint32_t cps[] = {0x41, 0x3042, 0x6F22};
	uint16_t cid[] = {1, 2, 3}, back[3] = {0};
	ng_cid_width w[] = {{2, 500}, {3, 333.5}};
	unsigned char z[] = {1, 2, 3, 4, 5};
	ng_fontobj o = {.file_len = 1234, .file = {z, 5}, .cmap = {z, 3}, .w = w, .nw = 2};
	strcpy(o.name, "ABCDEF+Test");
	ng_buf key = {0}, other = {0};
	assert_true(ng_fontcache_key(&key, font, 0, 4, cps, 3));
	ng_fontcache_store(dir, &key, 3, cid, &o);
	ng_fontobj r = {0};
	assert_true(ng_fontcache_load(dir, &key, 3, back, &r));
	assert_memory_equal(back, cid, sizeof cid);
	assert_string_equal(r.name, o.name);
	assert_int_equal(r.file_len, 1234);
	assert_int_equal(r.file.len, 5);
	assert_memory_equal(r.file.data, z, 5);
	assert_int_equal(r.cmap.len, 3);
	assert_int_equal(r.map.len, 0);
	assert_int_equal(r.nw, 2);
	assert_int_equal(r.w[1].cid, 3);
	assert_true(r.w[1].w == 333.5);
	ng_fontobj_free(&r);
	assert_true(ng_fontcache_key(&other, font, 0, 4, cps, 2));
	assert_false(ng_fontcache_load(dir, &other, 2, back, &r));
	assert_true(ng_fontcache_key(&other, font, 0, 12, cps, 3));
	assert_false(ng_fontcache_load(dir, &other, 3, back, &r));
	assert_null(r.file.data);
	assert_false(ng_fontcache_key(&other, "/nonexistent/font.ttf", 0, 4, cps, 3));
	ng_buf_free(&key);
	ng_buf_free(&other);
	assert_int_equal(sh("rm -r '%s'", dir), 0);
}

/* The finished pages a batch shares: a page drawn with the shared fonts
 * alone is kept once and its later letters are the same bytes as a letter
 * whose pages were all generated (NG_PDF_NO_PAGE_MEMO=1); a page with a
 * character of the letter's own font is never kept, but that font subset
 * is (the same bytes again); the key is compared in full, so one changed
 * byte of text misses. */
static void test_page_memo(void **state)
{
	fixture *fx = *state;
	ng_buf plain = {0}, again = {0}, key = {0}, other = {0};
	setenv("NG_PDF_NO_PAGE_MEMO", "1", 1);
	ng_pdf_shared *off = ng_pdf_shared_new(fx->fonts, &letter, false, fx->diags);
	unsetenv("NG_PDF_NO_PAGE_MEMO");
	assert_non_null(off);
	assert_null(off->pages);
	assert_null(off->all_shared);
	assert_int_equal(ng_pdf_write(fx->fonts, off, &letter, &plain, fx->diags), 0);
	ng_pdf_shared *s = ng_pdf_shared_new(fx->fonts, &letter, false, fx->diags);
	assert_non_null(s->pages);
	for (int k = 0; k < 3; k++) { /* kept, then found twice */
		assert_int_equal(ng_pdf_write(fx->fonts, s, &letter, &again, fx->diags), 0);
		assert_int_equal(again.len, plain.len);
		assert_memory_equal(again.data, plain.data, plain.len);
		assert_int_equal(ng_pagememo_count(s->pages), 2);
	}
	/* Every run of letter is drawn with the shared fonts: the run texts
	 * are remembered as such (and checked again by letter_b's below). */
	assert_true(ng_textset_count(s->all_shared) > 0);
	/* letter_b draws characters outside the shared subset: its page is
	 * not kept, its own font subset is, once, and found the second time. */
	ng_buf own = {0};
	assert_int_equal(ng_pdf_write(fx->fonts, off, &letter_b, &own, fx->diags), 0);
	assert_int_equal(ng_ownmemo_count(off->own), 0);
	for (int k = 0; k < 2; k++) {
		assert_int_equal(ng_pdf_write(fx->fonts, s, &letter_b, &again, fx->diags), 0);
		assert_int_equal(again.len, own.len);
		assert_memory_equal(again.data, own.data, own.len);
		assert_int_equal(ng_pagememo_count(s->pages), 2);
		assert_int_equal(ng_ownmemo_count(s->own), 1);
	}
	ng_buf_free(&own);
	/* The same page but for one byte of one run's text. */
	ng_pagememo_key(&key, &letter, &two_pages[1], false);
	const ng_pagememo_hit *kept = ng_pagememo_find(s->pages, &key);
	assert_non_null(kept);
	/* Found again, the page kept its stream as deflated (written again
	 * as such: the letters above are the same bytes). */
	assert_non_null(kept->z.data);
	assert_true(kept->z.len > 0 && kept->z.len < kept->len);
	char text[sizeof BODY3];
	memcpy(text, BODY3, sizeof BODY3);
	text[4] = '9'; /* 03- → 93- */
	ng_run runs[2] = {runs2[0], runs2[1]};
	runs[1].text = text;
	ng_page changed = {.runs = runs, .nruns = 2};
	ng_pagememo_key(&other, &letter, &changed, false);
	assert_int_equal(other.len, key.len);
	assert_null(ng_pagememo_find(s->pages, &other));
	ng_pagememo_key(&other, &letter, &two_pages[1], true); /* tagged: another key */
	assert_null(ng_pagememo_find(s->pages, &other));
	/* The shared fonts' objects come first: the same leading bytes in
	 * letters that differ, said by shared_prefix; without shared fonts,
	 * none. */
	size_t pa = 0, pb = 0;
	ng_pdf_opts oa = {.shared_prefix = &pa}, ob = {.shared_prefix = &pb};
	assert_int_equal(ng_pdf_write_opts(fx->fonts, s, &letter, &oa, &plain, fx->diags), 0);
	assert_int_equal(ng_pdf_write_opts(fx->fonts, s, &letter_b, &ob, &again, fx->diags), 0);
	assert_true(pa > 10000);
	assert_memory_equal(plain.data, "%PDF-", 5);
	assert_non_null(strstr(plain.data + 5, "1 0 obj"));
	/* letter_b draws with the shared Mincho alone: its beginning is the
	 * Mincho's objects, which letter's begins with too (then Gothic's). */
	assert_true(pb > 5000 && pb < pa);
	assert_memory_equal(plain.data, again.data, pb);
	assert_memory_not_equal(plain.data, again.data,
	                        plain.len < again.len ? plain.len : again.len);
	assert_int_equal(ng_pdf_write_opts(fx->fonts, NULL, &letter, &oa, &again, fx->diags), 0);
	assert_int_equal(pa, 0);
	ng_pdf_shared_free(s);
	ng_pdf_shared_free(off);
	ng_buf_free(&plain);
	ng_buf_free(&again);
	ng_buf_free(&key);
	ng_buf_free(&other);
}

/* Shared fonts made for many letters (a batch) are deflated harder: the
 * same letter, no bigger, and the same text and a clean qpdf check. */
static void test_shared_for_many(void **state)
{
	fixture *fx = *state;
	ng_buf once = {0}, many = {0}, out = {0};
	for (int k = 0; k < 2; k++) {
		ng_pdf_shared *s = ng_pdf_shared_new(fx->fonts, &letter, k == 1, fx->diags);
		assert_non_null(s);
		assert_int_equal(ng_pdf_write(fx->fonts, s, &letter, k ? &many : &once, fx->diags),
		                 0);
		ng_pdf_shared_free(s);
	}
	assert_true(many.len <= once.len);
	assert_true(many.len != once.len || memcmp(many.data, once.data, once.len) != 0);
	write_file(fx->pdf, &many);
	assert_int_equal(run_tool(fx, "qpdf", "--check", "", &out), 0);
	assert_no_stderr(fx);
	ng_buf_reset(&out);
	assert_int_equal(run_tool(fx, "pdftotext", "-enc UTF-8", "-", &out), 0);
	assert_no_stderr(fx);
	ng_buf text = {0};
	write_file(fx->pdf, &once);
	assert_int_equal(run_tool(fx, "pdftotext", "-enc UTF-8", "-", &text), 0);
	assert_string_equal(out.data, text.data);
	write_file(fx->pdf, &fx->bytes); /* the fixture's letter back */
	ng_buf_free(&once);
	ng_buf_free(&many);
	ng_buf_free(&out);
	ng_buf_free(&text);
}

static void test_pdf_numbers(void **state)
{
	(void)state;
	const struct {
		double v;
		int dec;
		const char *want;
	} cases[] = {{10.5, 3, "10.5"},   {841.89, 3, "841.89"}, {0.0004, 3, "0"},
	             {-0.25, 4, "-0.25"}, {12, 3, "12"},         {595.2765, 3, "595.277"},
	             {-0.00004, 4, "0"},  {1e6, 0, "1000000"},   {0.08118, 4, "0.0812"}};
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		ng_buf b = {0};
		ng_pdf_num(&b, cases[i].v, cases[i].dec);
		assert_string_equal(b.data, cases[i].want);
		ng_buf_free(&b);
	}
}

/* The bytes a stream dictionary holds. */
static size_t stream_bytes(HPDF_Dict d, unsigned char *out, size_t cap)
{
	HPDF_UINT n = (HPDF_UINT)cap;
	assert_int_equal(HPDF_Stream_Seek(d->stream, 0, HPDF_SEEK_SET), HPDF_OK);
	HPDF_STATUS st = HPDF_Stream_Read(d->stream, out, &n);
	assert_true(st == HPDF_OK || st == HPDF_STREAM_EOF);
	return n;
}

/* A remembering compressor gives, for every stream, the bytes a plain one
 * gives: for repeats, for different streams of the same length, and past
 * its caps (70 distinct streams, each seen twice). */
static void test_flate_remembers(void **state)
{
	(void)state;
	HPDF_Doc doc = HPDF_New(NULL, NULL);
	assert_non_null(doc);
	ng_flate *mem = ng_flate_new(1), *plain = ng_flate_new(1);
	ng_flate_remember(mem);
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 70; i++) {
			char text[64];
			int len = snprintf(text, sizeof text, "BT /F1 10.5 Tf (%03d%c) Tj ET\n", i,
			                   'a' + i % 3);
			HPDF_Dict a = HPDF_DictStream_New(doc->mmgr, doc->xref);
			HPDF_Dict b = HPDF_DictStream_New(doc->mmgr, doc->xref);
			assert_int_equal(ng_flate_put(mem, a, text, (size_t)len), HPDF_OK);
			assert_int_equal(ng_flate_put(plain, b, text, (size_t)len), HPDF_OK);
			unsigned char got[256], want[256];
			size_t n = stream_bytes(a, got, sizeof got);
			assert_int_equal(n, stream_bytes(b, want, sizeof want));
			assert_memory_equal(got, want, n);
		}
	}
	ng_flate_free(mem);
	ng_flate_free(plain);
	HPDF_Free(doc);
}

/* Reads a literal string's bytes as a PDF reader does (PDF 32000
 * §7.3.4.2): \ escapes, and an unescaped CR or CR LF read as LF. */
static size_t read_literal(const char *s, size_t len, unsigned char *out)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\' && i + 1 < len) {
			char e = s[++i];
			out[n++] = e == 'r' ? '\r' : e == 'n' ? '\n' : (unsigned char)e;
		} else if (c == '\r') {
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
			out[n++] = '\n';
		} else {
			out[n++] = c;
		}
	}
	return n;
}

/* Every 16-bit value (a CID, a UTF-16 unit) reads back from the literal
 * string content.c writes for it, also inside longer strings. */
static void test_pdf_literal_strings(void **state)
{
	(void)state;
	ng_buf b = {0};
	for (uint32_t v = 0; v <= 0xFFFF; v++) {
		ng_buf_reset(&b);
		ng_pdf_str16(&b, v);
		unsigned char got[4];
		assert_int_equal(read_literal(b.data, b.len, got), 2);
		assert_int_equal(got[0] << 8 | got[1], v);
	}
	ng_buf_reset(&b);
	const uint32_t run[] = {0x0D0A, 0x280D, 0x5C29, 0x0A0D, 0x0028};
	for (size_t i = 0; i < NG_ARRAY_LEN(run); i++)
		ng_pdf_str16(&b, run[i]);
	unsigned char got[32];
	assert_int_equal(read_literal(b.data, b.len, got), 2 * NG_ARRAY_LEN(run));
	for (size_t i = 0; i < NG_ARRAY_LEN(run); i++)
		assert_int_equal(got[2 * i] << 8 | got[2 * i + 1], run[i]);
	ng_buf_free(&b);
}

/* A temporary NOTICE_GEN_HOME with a fonts/roles.tsv, set in the
 * environment while it exists. */
typedef struct home {
	char dir[32], fonts[64], path[96];
} home;

static void home_make(home *h, const char *roles)
{
	strcpy(h->dir, "/tmp/ng-test-home-XXXXXX");
	assert_non_null(mkdtemp(h->dir));
	snprintf(h->fonts, sizeof h->fonts, "%s/fonts", h->dir);
	snprintf(h->path, sizeof h->path, "%s/roles.tsv", h->fonts);
	assert_int_equal(mkdir(h->fonts, 0700), 0);
	ng_buf b = {0};
	ng_buf_adds(&b, roles);
	write_file(h->path, &b);
	ng_buf_free(&b);
	assert_int_equal(setenv("NOTICE_GEN_HOME", h->dir, 1), 0);
}

static void home_remove(home *h)
{
	unsetenv("NOTICE_GEN_HOME");
	unlink(h->path);
	rmdir(h->fonts);
	rmdir(h->dir);
}

/* Opens ng_fonts with a roles.tsv of the given content: NULL, with the
 * reason in d, when it cannot. */
static ng_fonts *open_roles(const char *roles, ng_diags *d)
{
	home h;
	home_make(&h, roles);
	ng_fonts *f = ng_fonts_open(d);
	home_remove(&h);
	return f;
}

/* The diagnostics of a roles.tsv that must fail (caller frees). */
static ng_diags *open_with_roles(const char *roles)
{
	ng_diags *d = ng_diags_new();
	assert_null(open_roles(roles, d));
	return d;
}

/* A family fontconfig does not have is reported with the package to
 * install, not silently replaced by a fallback font. */
static void test_font_missing(void **state)
{
	(void)state;
	ng_diags *d = open_with_roles("# test\nbody\tNoSuchFamilyXyz\tfonts-no-such\n"
	                              "heading\tIPAexGothic\tfonts-ipaexfont-gothic\n");
	assert_int_equal(ng_diags_count(d), 1);
	const ng_diag *g = ng_diags_get(d, 0);
	assert_int_equal(g->code, NG_D_FONT_MISSING);
	assert_non_null(strstr(g->message, "NoSuchFamilyXyz"));
	assert_non_null(g->hint);
	assert_non_null(strstr(g->hint, "fonts-no-such"));
	ng_diags_free(d);
	/* The same when the family's file is absent. */
	d = open_with_roles("body\tNoSuchFamilyXyz\tfonts-no-such\t/nonexistent/no-such.ttf\n"
	                    "heading\tIPAexGothic\tfonts-ipaexfont-gothic\n");
	assert_int_equal(ng_diags_count(d), 1);
	assert_int_equal(ng_diags_get(d, 0)->code, NG_D_FONT_MISSING);
	assert_non_null(strstr(ng_diags_get(d, 0)->hint, "fonts-no-such"));
	ng_diags_free(d);
}

/* A role on several lines lists fallbacks: the first installed family is
 * used, and when none is, the message names the first one's package. */
static void test_font_fallback(void **state)
{
	(void)state;
	ng_diags *d = open_with_roles("body\tNoSuchFamilyXyz\tfonts-no-such\n"
	                              "body\tNoSuchFamilyAbc\tfonts-no-such-either\n"
	                              "heading\tIPAexGothic\tfonts-ipaexfont-gothic\n");
	assert_int_equal(ng_diags_count(d), 1);
	assert_non_null(strstr(ng_diags_get(d, 0)->hint, "fonts-no-such "));
	ng_diags_free(d);
	d = ng_diags_new();
	ng_fonts *f = open_roles("body\tNoSuchFamilyXyz\tfonts-no-such\n"
	                         "body\tIPAexMincho\tfonts-ipaexfont-mincho\n"
	                         "heading\tIPAexGothic\tfonts-ipaexfont-gothic\n",
	                         d);
	assert_non_null(f);
	assert_string_equal(ng_fonts_family(f, NG_FONT_BODY), "IPAexMincho");
	ng_fonts_free(f);
	ng_diags_free(d);
}

/* With the files roles.tsv names installed, each role's font is opened
 * there, without asking fontconfig. */
static void test_font_route_file(void **state)
{
	fixture *fx = *state;
	ng_roles roles = {0};
	char path[4096];
	snprintf(path, sizeof path, "%s/fonts/roles.tsv", ng_home_dir());
	assert_int_equal(ng_roles_read(&roles, path, fx->diags), 0);
	for (int r = 0; r < NG_FONT__COUNT; r++) {
		const char *file = roles.file[r][0];
		assert_non_null(file);
		assert_int_equal(access(file, R_OK), 0); /* the Debian package's file */
		int index;
		assert_int_equal(ng_fonts_route(fx->fonts, r), NG_ROUTE_FILE);
		assert_string_equal(ng_fonts_path(fx->fonts, ng_fonts_slot(fx->fonts, r), &index),
		                    file);
		assert_int_equal(index, 0);
	}
	ng_roles_free(&roles);
}

/* A file that is absent or holds another family is passed over for
 * fontconfig, which finds the same fonts: the letter does not change. */
static void test_font_route_fontconfig(void **state)
{
	fixture *fx = *state;
	int index;
	const char *mincho =
	    ng_fonts_path(fx->fonts, ng_fonts_slot(fx->fonts, NG_FONT_BODY), &index);
	char roles[1024];
	snprintf(roles, sizeof roles,
	         "body\tIPAexMincho\tfonts-ipaexfont-mincho\t/nonexistent/ipaexm.ttf\n"
	         "heading\tIPAexGothic\tfonts-ipaexfont-gothic\t%s\n",
	         mincho);
	ng_diags *d = ng_diags_new();
	ng_fonts *f = open_roles(roles, d);
	assert_non_null(f);
	for (int r = 0; r < NG_FONT__COUNT; r++)
		assert_int_equal(ng_fonts_route(f, r), NG_ROUTE_FONTCONFIG);
	const ng_face_info *heading = ng_fonts_info(f, ng_fonts_slot(f, NG_FONT_HEADING));
	assert_string_equal(heading->psname, "IPAexGothic");
	ng_buf out = {0};
	assert_int_equal(ng_pdf_write(f, NULL, &letter, &out, d), 0);
	assert_int_equal(out.len, fx->bytes.len);
	assert_memory_equal(out.data, fx->bytes.data, out.len);
	ng_buf_free(&out);
	ng_fonts_free(f);
	/* A file of another family does not stand in for a missing one: the
	 * fallback family is used, at its own file. */
	snprintf(roles, sizeof roles,
	         "body\tNoSuchFamilyXyz\tfonts-no-such\t%s\n"
	         "body\tIPAexMincho\tfonts-ipaexfont-mincho\t%s\n"
	         "heading\tIPAexGothic\tfonts-ipaexfont-gothic\t\n",
	         mincho, mincho);
	f = open_roles(roles, d);
	assert_non_null(f);
	assert_string_equal(ng_fonts_family(f, NG_FONT_BODY), "IPAexMincho");
	assert_int_equal(ng_fonts_route(f, NG_FONT_BODY), NG_ROUTE_FILE);
	assert_int_equal(ng_fonts_route(f, NG_FONT_HEADING), NG_ROUTE_FONTCONFIG); /* empty */
	ng_fonts_free(f);
	ng_diags_free(d);
}

/* libfontconfig is dlopen()ed by the first font not at its file, not
 * linked: with a file by its name that is no library found first
 * (LD_LIBRARY_PATH), a letter with the fonts at their files is written (a
 * linked library would stop the program at start), and one that needs
 * fontconfig (FONTCONFIG_FILE set) stops naming library and package, with
 * no file. With the library, that letter is the same bytes. */
static void test_fontconfig_loaded_on_use(void **state)
{
	(void)state;
	char dir[] = "/tmp/ng-test-fc-XXXXXX";
	assert_non_null(mkdtemp(dir));
	const char *lib = ng_fonts_fontconfig(),
	           *rec = NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml";
	assert_int_equal(
	    sh("mkdir '%s/nolib' && echo 'not a library' >'%s/nolib/%s'", dir, dir, lib), 0);
	assert_int_equal(
	    sh("LD_LIBRARY_PATH='%s/nolib' '%s' '%s' -o '%s/file.pdf'", dir, NG_BINARY, rec, dir),
	    0);
	assert_int_not_equal(
	    sh("LD_LIBRARY_PATH='%s/nolib' FONTCONFIG_FILE=/etc/fonts/fonts.conf '%s' "
	       "'%s' -o '%s/fc.pdf' 2>'%s/fc.err'",
	       dir, NG_BINARY, rec, dir, dir),
	    0);
	assert_int_equal(sh("test ! -e '%s/fc.pdf'", dir), 0);
	assert_int_equal(sh("grep -qF 'cannot load %s' '%s/fc.err'", lib, dir), 0);
	assert_int_equal(
	    sh("grep -q 'hint: install the Debian package libfontconfig' '%s/fc.err'", dir), 0);
	assert_int_equal(sh("FONTCONFIG_FILE=/etc/fonts/fonts.conf '%s' '%s' -o '%s/fc.pdf' && cmp "
	                    "'%s/fc.pdf' '%s/file.pdf'",
	                    NG_BINARY, rec, dir, dir, dir),
	                 0);
	assert_int_equal(sh("rm -rf '%s'", dir), 0);
}

/* A fontconfig pointed at other fonts decides, as before roles.tsv named
 * files. */
static void test_font_route_fontconfig_env(void **state)
{
	(void)state;
	assert_int_equal(setenv("FONTCONFIG_FILE", "fonts.conf", 1), 0);
	ng_diags *d = ng_diags_new();
	ng_fonts *f = ng_fonts_open(d);
	unsetenv("FONTCONFIG_FILE");
	assert_non_null(f);
	for (int r = 0; r < NG_FONT__COUNT; r++)
		assert_int_equal(ng_fonts_route(f, r), NG_ROUTE_FONTCONFIG);
	ng_fonts_free(f);
	ng_diags_free(d);
}

/* The advance table, filled as code points are first looked up, says
 * what filling it whole from the font's cmap said: every BMP code point,
 * looked up in a scattered order, against HarfBuzz directly. */
static void check_lazy_advances(ng_fonts *f, ng_font_role role)
{
	hb_face_t *face = ng_fonts_face(f, ng_fonts_slot(f, role));
	hb_font_t *font = hb_font_create(face);
	unsigned upem = hb_face_get_upem(face);
	hb_font_set_scale(font, (int)upem, (int)upem);
	hb_set_t *cmap = hb_set_create();
	hb_face_collect_unicodes(face, cmap);
	unsigned drawn = 0;
	for (uint32_t i = 0; i < NG_BMP_SIZE; i++) {
		uint32_t cp = i * 40503u % NG_BMP_SIZE; /* odd: a permutation */
		hb_codepoint_t g;
		bool has = hb_set_has(cmap, cp) && hb_font_get_nominal_glyph(font, cp, &g);
		assert_int_equal(ng_fonts_has(f, role, cp), has);
		drawn += has;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue; /* no UTF-8 */
		char s[4];
		size_t n = ng_utf8_encode(cp, s);
		double units = ng_fonts_measure(f, role, upem, s, n);
		/* A character the font lacks measures as the fallback font draws
		 * it (IPAmj: the same em), else as .notdef (glyph 0). */
		uint32_t fg;
		int slot = has ? -1 : ng_fonts_glyph(f, role, cp, 0, &fg);
		if (slot >= 0) {
			hb_font_t *other = ng_fonts_hbfont(f, slot);
			double want = (double)hb_font_get_glyph_h_advance(other, fg) * upem /
			              hb_face_get_upem(ng_fonts_face(f, slot));
			assert_true(units == want);
			continue;
		}
		if (!hb_font_get_nominal_glyph(font, cp, &g))
			g = 0;
		assert_true(units == hb_font_get_glyph_h_advance(font, g));
	}
	assert_true(drawn > 10000); /* IPAex: ~12,000 */
	hb_set_destroy(cmap);
	hb_font_destroy(font);
}

static void test_lazy_advances(void **state)
{
	(void)state;
	ng_diags *d = ng_diags_new();
	ng_fonts *f = ng_fonts_open(d); /* nothing looked up yet */
	assert_non_null(f);
	for (int r = 0; r < NG_FONT__COUNT; r++)
		check_lazy_advances(f, r);
	ng_fonts_free(f);
	ng_diags_free(d);
}

static void test_roles_malformed(void **state)
{
	(void)state;
	ng_diags *d = open_with_roles("body\tIPAexMincho\tfonts-ipaexfont-mincho\n"
	                              "\n# comment\nheading\tIPAexGothic\n");
	assert_int_equal(ng_diags_count(d), 1);
	assert_int_equal(ng_diags_get(d, 0)->code, NG_D_FONT_CONFIG);
	assert_int_equal(ng_diags_get(d, 0)->line, 4);
	ng_diags_free(d);
	d = open_with_roles("body\tIPAexMincho\tfonts-ipaexfont-mincho\n");
	assert_int_equal(ng_diags_get(d, 0)->code, NG_D_FONT_CONFIG);
	ng_diags_free(d);
	/* The file column: an absolute path, and nothing after it. */
	d = open_with_roles("body\tIPAexMincho\tfonts-ipaexfont-mincho\tipaexm.ttf\n");
	assert_int_equal(ng_diags_get(d, 0)->code, NG_D_FONT_CONFIG);
	assert_int_equal(ng_diags_get(d, 0)->line, 1);
	ng_diags_free(d);
	d = open_with_roles("body\tIPAexMincho\tfonts-ipaexfont-mincho\t/a.ttf\tx\n");
	assert_int_equal(ng_diags_get(d, 0)->code, NG_D_FONT_CONFIG);
	assert_int_equal(ng_diags_get(d, 0)->line, 1);
	ng_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text_round_trips),
	    cmocka_unit_test(test_layout_text),
	    cmocka_unit_test(test_fonts_embedded_subset_unicode),
	    cmocka_unit_test(test_qpdf_check_clean),
	    cmocka_unit_test(test_info),
	    cmocka_unit_test(test_byte_identical),
	    cmocka_unit_test(test_coverage),
	    cmocka_unit_test(test_measure),
	    cmocka_unit_test(test_missing_glyphs),
	    cmocka_unit_test(test_measure_variants),
	    cmocka_unit_test(test_tounicode_variants),
	    cmocka_unit_test(test_libharu_error),
	    cmocka_unit_test(test_widths_match_harfbuzz),
	    cmocka_unit_test(test_batch_byte_identical),
	    cmocka_unit_test(test_shared_glyph),
	    cmocka_unit_test(test_shared_and_own_font),
	    cmocka_unit_test(test_shared_byte_identical),
	    cmocka_unit_test(test_shared_for_many),
	    cmocka_unit_test(test_page_memo),
	    cmocka_unit_test(test_font_cache),
	    cmocka_unit_test(test_font_cache_key),
	    cmocka_unit_test(test_cache_odd_pieces),
	    cmocka_unit_test(test_pdf_numbers),
	    cmocka_unit_test(test_pdf_literal_strings),
	    cmocka_unit_test(test_flate_remembers),
	    cmocka_unit_test(test_font_missing),
	    cmocka_unit_test(test_font_fallback),
	    cmocka_unit_test(test_font_route_file),
	    cmocka_unit_test(test_font_route_fontconfig),
	    cmocka_unit_test(test_font_route_fontconfig_env),
	    cmocka_unit_test(test_fontconfig_loaded_on_use),
	    cmocka_unit_test(test_lazy_advances),
	    cmocka_unit_test(test_roles_malformed),
	};
	/* The routes tested are roles.tsv's files, which a fontconfig pointed
	 * at other fonts would override. */
	unsetenv("FONTCONFIG_FILE");
	unsetenv("FONTCONFIG_PATH");
	unsetenv("FONTCONFIG_SYSROOT");
	return cmocka_run_group_tests(tests, setup, teardown);
}
