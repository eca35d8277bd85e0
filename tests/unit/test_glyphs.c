/* test_glyphs.c — names print as registered, end to end through the
 * binary: a character above the BMP that IPAex has (𩸽 U+29E3D, cmap
 * format 12), one only the fallback font IPAmj明朝 has (𠮷 U+20BB7), and an
 * ideographic variation sequence (辻 + U+E0100, cmap format 14) are drawn
 * with their own glyphs, the text layer gives them back exactly
 * (pdftotext), the fonts are embedded subsets (pdffonts) and qpdf finds
 * the file sound; an ordinary letter never embeds the fallback; a
 * character no font has is an error at its position, and a missing
 * fallback font names its Debian package. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../common/shell.h"

#define EXAMPLE NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml"
/* 𠮷田 𩸽子 辻󠄀本 様: 辻 is followed by U+E0100 (VS17). */
#define NAME "\xf0\xa0\xae\xb7田 \xf0\xa9\xb8\xbd子 辻\xf3\xa0\x84\x80本 様"

static char tmp[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ng-glyphs-XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return sh("rm -rf '%s'", tmp) == 0 ? 0 : -1;
}

/* The example with its addressee replaced, as tmp/NAME.yaml. */
static void record_to(const char *file, const char *addressee)
{
	assert_int_equal(sh("sed 's/^  addressee: .*/  addressee: %s/' '%s' > '%s/%s'", addressee,
	                    EXAMPLE, tmp, file),
	                 0);
}

static void names_as_registered(void **state)
{
	(void)state;
	record_to("n.yaml", NAME);
	assert_int_equal(
	    sh("'%s' render '%s/n.yaml' -o '%s/n.pdf' 2>'%s/n.err'", NG_BINARY, tmp, tmp, tmp), 0);
	assert_int_equal(sh("test -s '%s/n.err'", tmp), 1); /* nothing said */
	/* The text layer has the name byte for byte, selector and all. */
	assert_int_equal(sh("pdftotext -l 1 '%s/n.pdf' - | grep -qxF '" NAME "'", tmp), 0);
	/* IPAex for 𩸽 and 辻 + VS17, IPAmj明朝 for 𠮷: embedded subsets with
	 * ToUnicode maps. */
	assert_int_equal(sh("pdffonts '%s/n.pdf' | grep -c '+IPAmjMincho *CID TrueType *Identity-H "
	                    "*yes yes yes' | grep -qx 1",
	                    tmp),
	                 0);
	assert_int_equal(
	    sh("pdffonts '%s/n.pdf' | tail -n +3 | grep -vc 'yes yes yes' | grep -qx 0", tmp), 0);
	assert_int_equal(sh("qpdf --check '%s/n.pdf' >/dev/null", tmp), 0);
	/* Without the selector, 辻 is another glyph: the page differs. */
	record_to("p.yaml", "𠮷田 𩸽子 辻本 様");
	assert_int_equal(sh("'%s' render '%s/p.yaml' -o '%s/p.pdf'", NG_BINARY, tmp, tmp), 0);
	assert_int_equal(sh("pdftoppm -r 100 -f 1 -l 1 -gray '%s/n.pdf' > '%s/n.pgm' && "
	                    "pdftoppm -r 100 -f 1 -l 1 -gray '%s/p.pdf' > '%s/p.pgm' && "
	                    "cmp -s '%s/n.pgm' '%s/p.pgm'",
	                    tmp, tmp, tmp, tmp, tmp, tmp),
	                 1);
}

static void ordinary_letter_has_no_fallback(void **state)
{
	(void)state;
	assert_int_equal(sh("'%s' render '%s' -o '%s/o.pdf'", NG_BINARY, EXAMPLE, tmp), 0);
	assert_int_equal(sh("pdffonts '%s/o.pdf' | grep -q IPAmj", tmp), 1);
}

static void no_font_has_it(void **state)
{
	(void)state;
	/* 😀: neither IPAex nor IPAmj; 辻 + U+E010F: no font has that variant. */
	static const char *const names[] = {"山田 😀 様", "辻\xf3\xa0\x84\x8f本 様"};
	static const char *const what[] = {"17: error: character U+1F600",
	                                   "14: error: character U+8FBB U+E010F"};
	for (int i = 0; i < 2; i++) {
		record_to("m.yaml", names[i]);
		assert_int_equal(sh("'%s' render '%s/m.yaml' -o '%s/m.pdf' 2>'%s/m.err'", NG_BINARY,
		                    tmp, tmp, tmp),
		                 1);
		assert_int_equal(sh("test -e '%s/m.pdf'", tmp), 1);
		if (sh("grep -q 'm.yaml:23:%s .* is not in font IPAexMincho or "
		       "IPAmjMincho' '%s/m.err'",
		       what[i], tmp) != 0)
			fail_msg("case %d: %s", i, names[i]);
	}
}

/* In a batch, a character no font has fails its row every time it comes
 * back, also after a row whose text was checked and remembered as
 * drawable (the engine's memo of checked texts keeps only those). */
static void missing_in_every_row(void **state)
{
	(void)state;
	assert_int_equal(sh("printf 'id,name\\n1,山田 😀\\n2,山田\\n3,山田 😀\\n4,山田\\n' > "
	                    "'%s/b.csv'",
	                    tmp),
	                 0);
	assert_int_equal(sh("'%s' batch '%s' --clients '%s/b.csv' -o '%s/b' 2>'%s/b.err'",
	                    NG_BINARY, EXAMPLE, tmp, tmp, tmp),
	                 4);
	assert_int_equal(sh("grep -c 'b.csv:[24]:2: error: character U+1F600' '%s/b.err' | "
	                    "grep -qx 2",
	                    tmp),
	                 0);
	assert_int_equal(sh("cd '%s/b' && ls *.pdf | tr '\\n' ' ' | grep -qx '000002-山田.pdf "
	                    "000004-山田.pdf '",
	                    tmp),
	                 0);
}

/* A table cell (a timeline's event) with a character no font has fails
 * every letter of a batch at the cell's own line:column: a table's
 * cells are remembered as drawable only together, when each one is. */
static void missing_in_table_cell(void **state)
{
	(void)state;
	assert_int_equal(
	    sh("sed 's/^        what: 個人情報保護委員会へ報告$/        what: 委員会へ報告😀/' "
	       "'%s' > '%s/t.yaml' && grep -q 😀 '%s/t.yaml'",
	       EXAMPLE, tmp, tmp),
	    0);
	assert_int_equal(sh("printf 'id,name\n1,山田\n2,田中\n' > '%s/t.csv'", tmp), 0);
	assert_int_equal(sh("'%s' batch '%s/t.yaml' --clients '%s/t.csv' -o '%s/t' 2>'%s/t.err'",
	                    NG_BINARY, tmp, tmp, tmp, tmp),
	                 4);
	assert_int_equal(sh("grep -c 't.yaml:71:21: error: character U+1F600' '%s/t.err' | "
	                    "grep -qx 2",
	                    tmp),
	                 0);
	assert_int_equal(sh("ls '%s/t' | grep -c '[.]pdf$' | grep -qx 0", tmp), 0);
}

/* A fallback font that is not installed: the character is an error whose
 * hint names the package (in a copy of the home with another roles.tsv). */
static void fallback_not_installed(void **state)
{
	(void)state;
	assert_int_equal(
	    sh("cd '%s' && mkdir home && cd home && for f in '%s'/*; do "
	       "[ \"${f##*/}\" = fonts ] || ln -s \"$f\" .; done && mkdir fonts && "
	       "grep -v '^fallback' '%s/fonts/roles.tsv' > fonts/roles.tsv && "
	       "printf "
	       "'fallback\\tNoSuchMincho\\tfonts-nosuch-mincho\\t/nonexistent/nosuch.ttf\\n' "
	       ">> fonts/roles.tsv",
	       tmp, NG_SOURCE_DIR, NG_SOURCE_DIR),
	    0);
	record_to("f.yaml", NAME);
	assert_int_equal(sh("NOTICE_GEN_HOME='%s/home' '%s' render '%s/f.yaml' -o '%s/f.pdf' "
	                    "2>'%s/f.err'",
	                    tmp, NG_BINARY, tmp, tmp, tmp),
	                 1);
	assert_int_equal(sh("grep -q 'error: character U+20BB7 .* NoSuchMincho' '%s/f.err'", tmp),
	                 0);
	assert_int_equal(
	    sh("grep -q 'hint: install the Debian package fonts-nosuch-mincho' '%s/f.err'", tmp),
	    0);
	/* IPAex's own non-BMP and variant glyphs need no fallback. */
	record_to("g.yaml", "\xf0\xa9\xb8\xbd子 辻\xf3\xa0\x84\x80本 様");
	assert_int_equal(sh("NOTICE_GEN_HOME='%s/home' '%s' render '%s/g.yaml' -o '%s/g.pdf'", tmp,
	                    NG_BINARY, tmp, tmp),
	                 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(names_as_registered),
	    cmocka_unit_test(ordinary_letter_has_no_fallback),
	    cmocka_unit_test(no_font_has_it),
	    cmocka_unit_test(missing_in_every_row),
	    cmocka_unit_test(missing_in_table_cell),
	    cmocka_unit_test(fallback_not_installed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
