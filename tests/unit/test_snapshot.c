/* test_snapshot.c — `notice-gen snapshot`: the layout difference on made-up
 * dumps (a word changed in place is one -/+ pair, lines pushed down are one
 * "moved" line, a paragraph broken anew is one "reflowed" entry), then end
 * to end on a copy of the example: new letters, --update, an unchanged tree
 * passing, a one-word change giving a one-line diff, a longer one a reflow,
 * a removed record reported stale (and removed by --update), the JUnit
 * file valid against tests/schema/junit.xsd (xmllint), fonts reported
 * first, SOURCE_DATE_EPOCH not changing a snapshot, a PDF hash equal to
 * render's and a client letter's equal to batch's, bad snapshot.yaml. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../common/shell.h"

#include <libdeflate.h>

#include "batch/batch_int.h"
#include "snapshot/snapshot.h"

#define EXAMPLE NG_SOURCE_DIR "/examples/shaamu-2023"
#define XSD     NG_SOURCE_DIR "/tests/schema/junit.xsd"

static char tmp[64];

/* ---- the layout difference on made-up dumps */

static const char dump_a[] = "pages 1 size 595.28 x 841.89\n"
                             "# page line x y width right flags | text\n"
                             "1 1 x=70.00 y=100.00 w=100.00 r=500.00 - | 見出し\n"
                             "1 2 x=80.00 y=120.00 w=420.00 r=500.00 J | あいうえおかきくけこ\n"
                             "1 3 x=70.00 y=140.00 w=430.00 r=500.00 JC | さしすせそたちつてと\n"
                             "1 4 x=70.00 y=160.00 w=100.00 r=500.00 C | なにぬ。\n"
                             "1 5 x=80.00 y=180.00 w=200.00 r=500.00 - | 次の段落です。\n"
                             "1 6 x=80.00 y=200.00 w=200.00 r=500.00 - | 最後の段落です。\n"
                             "1 7 x=280.00 y=800.00 w=20.00 r=300.00 P | 1 / 1\n"
                             "1 rule x1=70.00 y1=210.00 x2=500.00 y2=210.00 w=0.50\n";

static char *replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	assert_non_null(at);
	ng_buf b = {0};
	ng_buf_add(&b, s, (size_t)(at - s));
	ng_buf_adds(&b, to);
	ng_buf_adds(&b, at + strlen(from));
	return b.data;
}

/* Lines of out starting with c followed by a digit: raw dump rows. */
static int raw_rows(const char *out, char c)
{
	int n = 0;
	for (const char *s = out; s && *s; s = strchr(s, '\n'), s = s ? s + 1 : NULL) {
		while (*s == ' ')
			s++;
		n += s[0] == c && s[1] >= '0' && s[1] <= '9';
	}
	return n;
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static void diff_one_word_is_one_line(void **state)
{
	(void)state;
	char *b = replace(dump_a, "さしすせそ", "サシスセソ");
	ng_buf out = {0};
	ng_layout_delta d;
	assert_true(ng_snap_layout_diff(dump_a, b, &out, &d));
	assert_int_equal(d.changed, 1);
	assert_int_equal(d.reflowed + d.added + d.removed + d.moved + d.other, 0);
	assert_int_equal(raw_rows(out.data, '-'), 1);
	assert_int_equal(raw_rows(out.data, '+'), 1);
	assert_non_null(
	    strstr(out.data, "+1 3 x=70.00 y=140.00 w=430.00 r=500.00 JC | サシスセソ"));
	assert_false(ng_snap_layout_diff(dump_a, dump_a, &out, &d));
	/* A heading of one line, longer now: still one -/+ pair. */
	free(b);
	b = replace(dump_a, "w=100.00 r=500.00 - | 見出し", "w=150.00 r=500.00 - | 新しい見出し");
	ng_buf_reset(&out);
	assert_true(ng_snap_layout_diff(dump_a, b, &out, &d));
	assert_int_equal(d.changed, 1);
	assert_int_equal(d.reflowed, 0);
	assert_int_equal(raw_rows(out.data, '-'), 1);
	assert_int_equal(raw_rows(out.data, '+'), 1);
	free(b);
	ng_buf_free(&out);
}

static void diff_moves_are_one_line(void **state)
{
	(void)state;
	/* A new line after the first pushes everything down by 20 pt. */
	char *b = ng_xstrdup("pages 1 size 595.28 x 841.89\n"
	                     "# page line x y width right flags | text\n"
	                     "1 1 x=70.00 y=100.00 w=100.00 r=500.00 - | 見出し\n"
	                     "1 2 x=70.00 y=120.00 w=100.00 r=500.00 - | 新しい行\n"
	                     "1 3 x=80.00 y=140.00 w=420.00 r=500.00 J | あいうえおかきくけこ\n"
	                     "1 4 x=70.00 y=160.00 w=430.00 r=500.00 JC | さしすせそたちつてと\n"
	                     "1 5 x=70.00 y=180.00 w=100.00 r=500.00 C | なにぬ。\n"
	                     "1 6 x=80.00 y=200.00 w=200.00 r=500.00 - | 次の段落です。\n"
	                     "1 7 x=80.00 y=220.00 w=200.00 r=500.00 - | 最後の段落です。\n"
	                     "1 8 x=280.00 y=800.00 w=20.00 r=300.00 P | 1 / 1\n"
	                     "1 rule x1=70.00 y1=230.00 x2=500.00 y2=230.00 w=0.50\n");
	ng_buf out = {0};
	ng_layout_delta d;
	assert_true(ng_snap_layout_diff(dump_a, b, &out, &d));
	assert_int_equal(d.added, 1);
	assert_int_equal(d.moved, 5);
	assert_int_equal(d.changed + d.reflowed + d.removed, 0);
	assert_int_equal(count(out.data,
	                       "\n= 5 lines moved down 20.00 pt: page 1 lines 2–6 → page 1 "
	                       "lines 3–7, text unchanged"),
	                 1);
	assert_int_equal(raw_rows(out.data, '+'), 1);
	assert_int_equal(raw_rows(out.data, '-'), 0);
	free(b);
	ng_buf_free(&out);
}

/* A table whose second column is set 3 pt further right: one line for
 * its cells, however they interleave with the first column's. */
static void diff_column_is_one_line(void **state)
{
	(void)state;
	ng_buf a = {0}, b = {0}, out = {0};
	for (int row = 1; row <= 20; row++) {
		ng_buf_printf(&a, "1 %d x=70.00 y=%d.00 w=40.00 r=500.00 - | 6/%d\n", 2 * row - 1,
		              100 + 20 * row, row);
		ng_buf_printf(&a, "1 %d x=120.00 y=%d.00 w=90.00 r=500.00 - | 出来事%d\n", 2 * row,
		              100 + 20 * row, row);
		ng_buf_printf(&b, "1 %d x=70.00 y=%d.00 w=40.00 r=500.00 - | 6/%d\n", 2 * row - 1,
		              100 + 20 * row, row);
		ng_buf_printf(&b, "1 %d x=123.00 y=%d.00 w=90.00 r=500.00 - | 出来事%d\n", 2 * row,
		              100 + 20 * row, row);
	}
	ng_layout_delta d;
	assert_true(ng_snap_layout_diff(a.data, b.data, &out, &d));
	assert_int_equal(d.moved, 20);
	assert_int_equal(d.changed + d.reflowed + d.added + d.removed, 0);
	assert_int_equal(count(out.data, "\n= "), 1);
	assert_non_null(strstr(out.data,
	                       "= 20 lines moved right 3.00 pt, among page 1 lines 2–40 → "
	                       "page 1 lines 2–40, text unchanged, from 「出来事1」"));
	ng_buf_free(&a);
	ng_buf_free(&b);
	ng_buf_free(&out);
}

static void diff_reflow_is_one_entry(void **state)
{
	(void)state;
	/* The paragraph gets a word longer and breaks into four lines. */
	char *b = replace(dump_a,
	                  "1 2 x=80.00 y=120.00 w=420.00 r=500.00 J | あいうえおかきくけこ\n"
	                  "1 3 x=70.00 y=140.00 w=430.00 r=500.00 JC | さしすせそたちつてと\n"
	                  "1 4 x=70.00 y=160.00 w=100.00 r=500.00 C | なにぬ。\n",
	                  "1 2 x=80.00 y=120.00 w=420.00 r=500.00 J | あいうえおかきくけこ\n"
	                  "1 3 x=70.00 y=140.00 w=430.00 r=500.00 JC | さしすせそ長い言葉たち\n"
	                  "1 4 x=70.00 y=160.00 w=430.00 r=500.00 JC | つてとなにぬ。\n");
	ng_buf out = {0};
	ng_layout_delta d;
	assert_true(ng_snap_layout_diff(dump_a, b, &out, &d));
	assert_int_equal(d.reflowed, 1);
	assert_int_equal(d.changed + d.added + d.removed + d.moved, 0);
	assert_int_equal(raw_rows(out.data, '-') + raw_rows(out.data, '+'), 0);
	assert_non_null(strstr(out.data, "~ paragraph reflowed by a change of its text: page 1 "
	                                 "line 2 (3 lines) → page 1 line 2 (3 lines):"));
	assert_non_null(strstr(out.data, "さしすせそ{+長い言葉+}たちつてと"));
	free(b);
	ng_buf_free(&out);
}

static void text_diff_is_unified(void **state)
{
	(void)state;
	ng_buf out = {0};
	size_t n =
	    ng_snap_text_diff("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nX\ne\nf\ng\n", 1, 100, &out);
	assert_int_equal(n, 2);
	assert_string_equal(out.data, "@@ -3,3 +3,3 @@\n c\n-d\n+X\n e\n");
	ng_buf_free(&out);
}

/* ---- end to end on a copy of the example */

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ng-snap-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	return sh("mkdir -p '%s/recs/a' && cp '%s/incident.yaml' '%s/clients.csv' '%s/seal.png' "
	          "'%s/recs/a/'",
	          tmp, EXAMPLE, EXAMPLE, EXAMPLE, tmp);
}

static int teardown(void **state)
{
	(void)state;
	return sh("rm -rf '%s'", tmp);
}

/* `notice-gen snapshot ARGS` in tmp; its report in *out, its status. */
static int snap(ng_buf *out, const char *args)
{
	ng_buf_reset(out);
	return sh_capture(out, "cd '%s' && '%s' snapshot %s 2>&1", tmp, NG_BINARY, args);
}

/* Replaces the first `from` in the record with `to`. */
static void edit_record(const char *file, const char *from, const char *to)
{
	char path[256], *data;
	size_t len;
	snprintf(path, sizeof path, "%s/recs/%s", tmp, file);
	assert_int_equal(ng_read_file(path, 1 << 22, &data, &len), 0);
	char *edited = replace(data, from, to);
	assert_int_equal(ng_write_file_atomic(path, edited, strlen(edited), 0644), 0);
	free(data);
	free(edited);
}

static void restore_record(void)
{
	assert_int_equal(sh("cp '%s/incident.yaml' '%s/recs/a/incident.yaml'", EXAMPLE, tmp), 0);
}

/* The part of the report about one letter. */
static char *section(const char *report, const char *letter)
{
	char head[128];
	snprintf(head, sizeof head, " recs/a/incident.yaml %s", letter);
	const char *s = strstr(report, head);
	assert_non_null(s);
	const char *e = s + strlen(head);
	/* Up to the next line that does not start with a blank. */
	for (const char *nl; (nl = strchr(e, '\n')) && nl[1] == ' ';)
		e = nl + 1;
	e = strchr(e, '\n');
	size_t n = e ? (size_t)(e - s) : strlen(s);
	char *copy = ng_xmalloc(n + 1);
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

static void new_update_match(void **state)
{
	(void)state;
	ng_buf out = {0};
	assert_int_equal(snap(&out, "recs"), 0);
	assert_non_null(strstr(out.data, "new     recs/a/incident.yaml client-notice"));
	assert_non_null(strstr(out.data, "0 match, 0 differ, 4 new"));
	assert_int_equal(snap(&out, "--strict recs"), NG_DIFFERS);
	assert_int_equal(snap(&out, "--update recs"), 0);
	assert_non_null(strstr(out.data, "wrote   recs/a/incident.yaml client-notice"));
	assert_int_equal(snap(&out, "--strict recs"), 0);
	assert_non_null(strstr(out.data, "4 match, 0 differ, 0 new, 0 stale, 0 error"));
	/* The snapshot's hash is render's, and SOURCE_DATE_EPOCH (which
	 * dates render's PDF) does not change a snapshot. */
	assert_int_equal(sh("cd '%s' && '%s' recs/a/incident.yaml -o r.pdf && grep -q \"^sha256 "
	                    "$(sha256sum r.pdf | cut -c1-64)$\" "
	                    "snapshots/recs/a/incident/client-notice.meta",
	                    tmp, NG_BINARY),
	                 0);
	assert_int_equal(snap(&out, "--strict recs"), 0);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	assert_int_equal(snap(&out, "--strict recs"), 0);
	assert_int_not_equal(
	    sh("cd '%s' && '%s' recs/a/incident.yaml -o e.pdf && cmp -s r.pdf e.pdf", tmp,
	       NG_BINARY),
	    0);
	unsetenv("SOURCE_DATE_EPOCH");
	ng_buf_free(&out);
}

static void one_word_is_one_line(void **state)
{
	(void)state;
	ng_buf out = {0};
	edit_record("a/incident.yaml", "ウェアをクラウドにて", "ウェアをサーバーにて");
	assert_int_equal(snap(&out, "recs"), NG_DIFFERS);
	char *s = section(out.data, "client-notice");
	char *layout = strstr(s, "  layout (--dump layout):\n");
	assert_non_null(layout);
	*strstr(layout, "  text (--format txt):") = '\0';
	assert_int_equal(raw_rows(layout, '-'), 1);
	assert_int_equal(raw_rows(layout, '+'), 1);
	assert_null(strstr(layout, "reflowed"));
	assert_null(strstr(layout, "moved"));
	const char *plus = strstr(layout, "\n    +");
	assert_non_null(plus);
	assert_non_null(strstr(plus, "サーバー"));
	free(s);
	restore_record();
	assert_int_equal(snap(&out, "recs"), 0);
	ng_buf_free(&out);
}

static void reflow_is_one_entry(void **state)
{
	(void)state;
	ng_buf out = {0};
	edit_record("a/incident.yaml", "給与計算や",
	            "給与計算および年末調整、賞与計算、住民税の手続きなどの各種業務や");
	assert_int_equal(snap(&out, "recs"), NG_DIFFERS);
	char *s = section(out.data, "client-notice");
	*strstr(s, "  text (--format txt):") = '\0';
	/* Where it is on the page is the templates' business: its shape. */
	assert_int_equal(count(s, "~ paragraph reflowed by a change of its text: page "), 1);
	assert_non_null(strstr(s, "{+および年末調整、賞与計算、住民税の手続きなどの各種業務+}"));
	/* Nothing else as raw rows: what was pushed down is told in runs. */
	assert_int_equal(raw_rows(s, '-') + raw_rows(s, '+'), 0);
	int runs = count(s, "\n    = ");
	assert_true(runs >= 1 && runs <= 12);
	free(s);
	restore_record();
	ng_buf_free(&out);
}

static void junit_validates(void **state)
{
	(void)state;
	ng_buf out = {0};
	edit_record("a/incident.yaml", "ウェアをクラウドにて", "ウェアをサーバーにて");
	assert_int_equal(snap(&out, "--junit report/junit.xml recs"), NG_DIFFERS);
	/* One failure per letter the report calls DIFF (the sentence is in
	 * every letter whose template prints the record's body). */
	int differ = count(out.data, "DIFF    recs/");
	assert_true(differ >= 1);
	assert_int_equal(
	    sh("xmllint --noout --schema '%s' '%s/report/junit.xml' 2>/dev/null", XSD, tmp), 0);
	char path[256], *xml;
	size_t len;
	snprintf(path, sizeof path, "%s/report/junit.xml", tmp);
	assert_int_equal(ng_read_file(path, 1 << 24, &xml, &len), 0);
	assert_int_equal(count(xml, "<testcase "), 4);
	assert_int_equal(count(xml, "<failure "), differ);
	char head[160];
	snprintf(head, sizeof head,
	         "<testsuites name=\"notice-gen snapshot\" tests=\"4\" failures=\"%d\" "
	         "errors=\"0\" skipped=\"0\"",
	         differ);
	assert_non_null(strstr(xml, head));
	free(xml);
	/* The schema rejects what it must: a test case without its time. */
	assert_int_not_equal(
	    sh("sed 's/ time=\"[0-9.]*\"//' '%s' > '%s/bad.xml' && xmllint --noout "
	       "--schema '%s' '%s/bad.xml' 2>/dev/null",
	       path, tmp, XSD, tmp),
	    0);
	restore_record();
	ng_buf_free(&out);
}

static void fonts_are_told_first(void **state)
{
	(void)state;
	ng_buf out = {0};
	assert_int_equal(sh("cd '%s/snapshots/recs/a/incident' && sed -i 's/^font body \\(.*\\) "
	                    "\"\\(.*\\)\" /font body \\1 \"Version 003.03\" /' client-notice.meta",
	                    tmp),
	                 0);
	/* The letter is the same to the byte: told, not failed. */
	assert_int_equal(snap(&out, "--strict recs"), 0);
	assert_int_equal(strncmp(out.data, "snapshot: the installed fonts differ", 36), 0);
	assert_non_null(strstr(out.data, "-font body IPAexMincho \"Version 003.03\""));
	assert_non_null(strstr(out.data, "ok      recs/a/incident.yaml client-notice — the fonts "
	                                 "differ, the letter is the same"));
	assert_int_equal(snap(&out, "--update recs"), 0);
	assert_non_null(strstr(out.data, "updated recs/a/incident.yaml client-notice"));
	assert_int_equal(snap(&out, "--strict recs"), 0);
	assert_null(strstr(out.data, "fonts differ"));
	/* Only the PDF's bytes: said as such. */
	assert_int_equal(sh("cd '%s/snapshots/recs/a/incident' && sed -i 's/^sha256 .*/sha256 "
	                    "0000/' ppc-report.meta",
	                    tmp),
	                 0);
	assert_int_equal(snap(&out, "recs"), NG_DIFFERS);
	assert_non_null(strstr(out.data, "DIFF    recs/a/incident.yaml ppc-report — PDF sha256\n"
	                                 "  PDF sha256 0000 → "));
	assert_non_null(strstr(out.data, "only the PDF's bytes differ"));
	assert_int_equal(snap(&out, "--update recs"), 0);
	ng_buf_free(&out);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Reads a PNG as a decoder does (signature, every chunk's CRC, IDAT
 * inflated to exactly h rows of 1 + w bytes) and returns how many pixels
 * have a palette index of at least from. */
static size_t png_pixels_from(const char *path, int from)
{
	char *data;
	size_t len;
	assert_int_equal(ng_read_file(path, 1 << 24, &data, &len), 0);
	const unsigned char *d = (const unsigned char *)data;
	assert_true(len > 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0);
	ng_buf idat = {0};
	uint32_t w = 0, h = 0;
	for (size_t i = 8; i + 12 <= len;) {
		uint32_t n = be32(d + i);
		assert_true(i + 12 + n <= len);
		assert_int_equal(libdeflate_crc32(0, d + i + 4, n + 4), be32(d + i + 8 + n));
		if (memcmp(d + i + 4, "IHDR", 4) == 0)
			w = be32(d + i + 8), h = be32(d + i + 12);
		if (memcmp(d + i + 4, "IDAT", 4) == 0)
			ng_buf_add(&idat, d + i + 8, n);
		i += 12 + n;
	}
	assert_true(w > 0 && h > 0);
	size_t raw_len = (size_t)(w + 1) * h, got = 0;
	unsigned char *raw = ng_xmalloc(raw_len);
	struct libdeflate_decompressor *z = libdeflate_alloc_decompressor();
	assert_int_equal(libdeflate_zlib_decompress(z, idat.data, idat.len, raw, raw_len, &got),
	                 LIBDEFLATE_SUCCESS);
	libdeflate_free_decompressor(z);
	assert_int_equal(got, raw_len);
	size_t n = 0;
	for (size_t y = 0; y < h; y++) {
		assert_int_equal(raw[y * (w + 1)], 0); /* filter: none */
		for (size_t x = 1; x <= w; x++)
			n += raw[y * (w + 1) + x] >= from;
	}
	free(raw);
	ng_buf_free(&idat);
	free(data);
	return n;
}

/* --png: the snapshot's pages and the new ones, and the changed pixels of
 * the page that changed only. */
static void png_images(void **state)
{
	(void)state;
	ng_buf out = {0};
	assert_int_equal(snap(&out, "--update --png recs"), 0);
	assert_int_equal(sh("test -s '%s/snapshots/recs/a/incident/client-notice.pdf'", tmp), 0);
	edit_record("a/incident.yaml", "ウェアをクラウドにて", "ウェアをサーバーにて");
	assert_int_equal(snap(&out, "--png --junit rep/junit.xml recs"), NG_DIFFERS);
	const char *dir = "rep/snapshot-diff/recs/a/incident/client-notice-page";
	char path[256];
	/* Grey pages with ink (dark indices) … */
	snprintf(path, sizeof path, "%s/%s-1-before.png", tmp, dir);
	assert_true(png_pixels_from(path, 0) > png_pixels_from(path, 128));
	snprintf(path, sizeof path, "%s/%s-1-after.png", tmp, dir);
	assert_true(png_pixels_from(path, 0) > png_pixels_from(path, 128));
	/* … and the diff with the changed pixels marked (indices 254, 255):
	 * as many as the report counts. */
	snprintf(path, sizeof path, "%s/%s-1-diff.png", tmp, dir);
	size_t marked = png_pixels_from(path, 254);
	assert_true(marked > 0);
	char said[64];
	snprintf(said, sizeof said, "page 1: %zu pixels changed", marked);
	assert_non_null(strstr(out.data, said));
	assert_int_equal(sh("test -e '%s/%s-2-diff.png'", tmp, dir), 1);
	assert_int_equal(sh("test -s '%s/rep/snapshot-diff/report.txt'", tmp), 0);
	assert_non_null(strstr(out.data, "    page 1: "));
	assert_null(strstr(out.data, "    page 2: "));
	/* Without pdftoppm the report says so. */
	ng_buf_reset(&out);
	assert_int_equal(sh_capture(&out, "cd '%s' && PATH=/nonexistent '%s' snapshot --png recs",
	                            tmp, NG_BINARY),
	                 NG_DIFFERS);
	assert_non_null(
	    strstr(out.data, "pdftoppm is not installed (Debian package poppler-utils)"));
	restore_record();
	ng_buf_free(&out);
}

static void removed_record_is_stale(void **state)
{
	(void)state;
	ng_buf out = {0};
	assert_int_equal(sh("cp -r '%s/recs/a' '%s/recs/b'", tmp, tmp), 0);
	assert_int_equal(snap(&out, "--update recs"), 0);
	assert_int_equal(snap(&out, "--strict recs"), 0);
	assert_int_equal(sh("rm -r '%s/recs/b'", tmp), 0);
	assert_int_equal(snap(&out, "recs"), 0);
	assert_non_null(strstr(out.data, "stale   recs/b/incident client-notice — no such letter"));
	assert_non_null(strstr(out.data, "0 new, 4 stale"));
	assert_int_equal(snap(&out, "--strict recs"), NG_DIFFERS);
	/* A record given alone does not make the others stale. */
	assert_int_equal(snap(&out, "--strict recs/a/incident.yaml"), 0);
	assert_int_equal(snap(&out, "--update recs"), 0);
	assert_non_null(strstr(out.data, "removed recs/b/incident client-notice"));
	assert_int_equal(sh("test -e '%s/snapshots/recs/b'", tmp), 1);
	assert_int_equal(snap(&out, "--strict recs"), 0);
	ng_buf_free(&out);
}

/* A sample of client rows: its letter's bytes are batch's. */
static void client_sample(void **state)
{
	(void)state;
	ng_buf out = {0};
	assert_int_equal(sh("printf 'templates: [ppc-report]\\nclients:\\n  list: clients.csv\\n  "
	                    "ids: [C002]\\n' > '%s/recs/a/snapshot.yaml'",
	                    tmp),
	                 0);
	assert_int_equal(snap(&out, "--update recs"), 0);
	assert_non_null(strstr(out.data, "wrote   recs/a/incident.yaml client-notice@C002"));
	/* client-notice and the others are no longer declared: stale. */
	assert_non_null(strstr(out.data, "removed recs/a/incident individual-notice"));
	assert_int_equal(sh("cd '%s' && '%s' batch recs/a/incident.yaml --clients "
	                    "recs/a/clients.csv -o out --quiet && grep -q \"$(grep '^sha256 ' "
	                    "snapshots/recs/a/incident/client-notice@C002.meta | cut -c8-)\" "
	                    "out/manifest.csv",
	                    tmp, NG_BINARY),
	                 0);
	assert_int_equal(snap(&out, "--strict recs"), 0);
	/* incident.snapshot.yaml is the record's own and goes first. */
	assert_int_equal(sh("printf 'templates: [public-notice]\\n' > "
	                    "'%s/recs/a/incident.snapshot.yaml'",
	                    tmp),
	                 0);
	assert_int_equal(snap(&out, "--update recs"), 0);
	assert_non_null(strstr(out.data, "wrote   recs/a/incident.yaml public-notice"));
	assert_non_null(strstr(out.data, "removed recs/a/incident client-notice@C002"));
	assert_int_equal(sh("rm '%s/recs/a/incident.snapshot.yaml'", tmp), 0);
	assert_int_equal(snap(&out, "--update recs"), 0);
	assert_int_equal(snap(&out, "--strict recs"), 0);
	ng_buf_free(&out);
}

/* A list with its own headers: snapshot.yaml maps them as batch's
 * --column does, and reads the list in the given encoding. */
static void client_columns(void **state)
{
	(void)state;
	ng_buf out = {0};
	assert_int_equal(
	    sh("mkdir '%s/recs/c' && cp '%s/recs/a/incident.yaml' '%s/recs/a/seal.png' "
	       "'%s/recs/c/' && printf 'コード,先方\\nK1,株式会社一\\nK2,株式会社二\\n' "
	       "| iconv -f UTF-8 -t CP932 > '%s/recs/c/list.csv' && printf "
	       "'templates: []\\nclients:\\n  list: list.csv\\n  encoding: CP932\\n "
	       " columns: {コード: id, 先方: name}\\n  ids: [K2]\\n' > "
	       "'%s/recs/c/snapshot.yaml'",
	       tmp, tmp, tmp, tmp, tmp, tmp),
	    0);
	assert_int_equal(snap(&out, "--update recs/c"), 0);
	assert_non_null(strstr(out.data, "wrote   recs/c/incident.yaml client-notice@K2"));
	assert_non_null(strstr(out.data, "1 letter(s)"));
	assert_int_equal(
	    sh("grep -q 株式会社二 '%s/snapshots/recs/c/incident/client-notice@K2.txt'", tmp), 0);
	assert_int_equal(sh("rm -r '%s/recs/c'", tmp), 0);
	assert_int_equal(snap(&out, "--update recs"), 0);
	assert_int_equal(sh("test -e '%s/snapshots/recs/c'", tmp), 1);
	ng_buf_free(&out);
}

/* A letter drawing a character only the fallback font has (𠮷, IPAmj明朝)
 * records that font too; one without it does not. */
static void fallback_font_recorded(void **state)
{
	(void)state;
	ng_buf out = {0};
	assert_int_equal(
	    sh("mkdir '%s/recs/k' && cp '%s/recs/a/seal.png' '%s/recs/k/' && sed "
	       "'s/代表社員 小林 太郎/代表社員 𠮷野 太郎/' '%s/recs/a/incident.yaml' > "
	       "'%s/recs/k/incident.yaml' && printf 'templates: [client-notice]\\n' > "
	       "'%s/recs/k/snapshot.yaml'",
	       tmp, tmp, tmp, tmp, tmp, tmp),
	    0);
	assert_int_equal(snap(&out, "--update recs/k"), 0);
	assert_int_equal(sh("grep -q '^font fallback IPAmjMincho \"Version ' "
	                    "'%s/snapshots/recs/k/incident/client-notice.meta'",
	                    tmp),
	                 0);
	assert_int_equal(
	    sh("grep -q '^font fallback' '%s/snapshots/recs/a/incident/ppc-report.meta'", tmp), 1);
	assert_int_equal(snap(&out, "--strict recs/k"), 0);
	assert_int_equal(sh("rm -r '%s/recs/k'", tmp), 0);
	assert_int_equal(snap(&out, "--update recs"), 0);
	ng_buf_free(&out);
}

static void bad_config_keeps_snapshots(void **state)
{
	(void)state;
	ng_buf out = {0};
	assert_int_equal(sh("printf 'templates: [ppc-report]\\nclient:\\n  list: x.csv\\n' > "
	                    "'%s/recs/a/snapshot.yaml'",
	                    tmp),
	                 0);
	assert_int_equal(snap(&out, "--update recs"), NG_ERR_INPUT);
	assert_non_null(strstr(out.data, "recs/a/snapshot.yaml:2:1: error: unknown key 'client'"));
	assert_int_equal(sh("test -e '%s/snapshots/recs/a/incident/client-notice@C002.meta'", tmp),
	                 0);
	/* Both ways of choosing rows: neither is silently dropped. */
	assert_int_equal(sh("printf 'clients:\\n  list: clients.csv\\n  first: 1\\n  ids: "
	                    "[C001]\\n' > '%s/recs/a/snapshot.yaml'",
	                    tmp),
	                 0);
	assert_int_equal(snap(&out, "recs"), NG_ERR_INPUT);
	assert_non_null(strstr(out.data, "recs/a/snapshot.yaml:3:10: error: 'clients.first': give "
	                                 "first or ids, not both"));
	assert_int_equal(sh("rm '%s/recs/a/snapshot.yaml'", tmp), 0);
	assert_int_equal(snap(&out, "nothere"), NG_ERR_IO);
	assert_int_equal(snap(&out, ""), NG_ERR_USAGE);
	ng_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest diffs[] = {
	    cmocka_unit_test(diff_one_word_is_one_line), cmocka_unit_test(diff_moves_are_one_line),
	    cmocka_unit_test(diff_column_is_one_line),   cmocka_unit_test(diff_reflow_is_one_entry),
	    cmocka_unit_test(text_diff_is_unified),
	};
	/* In order: each starts from the snapshots the one before left. */
	const struct CMUnitTest runs[] = {
	    cmocka_unit_test(new_update_match),
	    cmocka_unit_test(one_word_is_one_line),
	    cmocka_unit_test(reflow_is_one_entry),
	    cmocka_unit_test(junit_validates),
	    cmocka_unit_test(fonts_are_told_first),
	    cmocka_unit_test(png_images),
	    cmocka_unit_test(removed_record_is_stale),
	    cmocka_unit_test(client_sample),
	    cmocka_unit_test(client_columns),
	    cmocka_unit_test(fallback_font_recorded),
	    cmocka_unit_test(bad_config_keeps_snapshots),
	};
	int failed = cmocka_run_group_tests(diffs, NULL, NULL);
	return failed + cmocka_run_group_tests(runs, setup, teardown);
}
