/* test_window.c — what a 長形3号 window envelope shows, end to end through
 * the binary: 住所2 (address2: building and room) reaches the window's
 * address block, the customer barcode (Japan Post's 1-3-2-503 keeps its
 * 503) and the mail house's print.csv; 親展 stands inside the window, and
 * only on a letter to one person. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../common/shell.h"

#include "postal/postal.h"

#define RECORD NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml"

static char tmp[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ng-window-XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return sh("rm -rf '%s'", tmp) == 0 ? 0 : -1;
}

static void write_file(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", tmp, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The customer barcode of page 1 of a letter as its bars' lengths (the
 * data): the bars are the page's vertical rules ("x y m x y2 l S") up to
 * 3.6 mm (10.2 pt) long; 親展's frame has longer ones. */
static int bars_of(const char *file, const char *out)
{
	return sh("qpdf --qdf --object-streams=disable '%s/o/%s' - | "
	          "awk '$3 == \"m\" && $NF == \"S\" && $1 == $4 && $2 - $5 < 11 { printf "
	          "\"%%.1f\\n\", $2 - $5 }' "
	          "> '%s/%s'",
	          tmp, file, tmp, out);
}

static void address2_reaches_window_barcode_and_mailing(void **state)
{
	(void)state;
	write_file("c.csv",
	           "id,name,postcode,address,address2\n"
	           "1,郵便 太郎,100-0013,東京都千代田区霞が関1丁目3番2号,郵便プラザ503室\n"
	           "2,郵便 次郎,100-0013,東京都千代田区霞が関1丁目3番2号 郵便プラザ503室,\n"
	           "3,郵便 花子,100-0013,東京都千代田区霞が関1丁目3番2号,\n");
	assert_int_equal(sh("'%s' batch '%s' --clients '%s/c.csv' -o '%s/o' --template "
	                    "individual-notice --merge '%s/print.pdf' --quiet",
	                    NG_BINARY, RECORD, tmp, tmp, tmp),
	                 0);
	/* The window block: the building and room on a line of their own. */
	assert_int_equal(
	    sh("pdftotext -l 1 '%s/o/000001-郵便_太郎.pdf' - | grep -qx '郵便プラザ503室'", tmp),
	    0);
	/* The mail house's list has the column, filled from the row. */
	assert_int_equal(
	    sh("head -1 '%s/print.csv' | grep -q 'postcode,address,address2,name'", tmp), 0);
	assert_int_equal(
	    sh("grep -q '\"東京都千代田区霞が関1丁目3番2号\",\"郵便プラザ503室\",\"郵便 太郎\"' "
	       "'%s/print.csv'",
	       tmp),
	    0);
	/* The barcode of address + address2 is that of the whole address in one
	 * field (1-3-2-503), not that of the address alone (1-3-2). */
	assert_int_equal(bars_of("000001-郵便_太郎.pdf", "b1"), 0);
	assert_int_equal(bars_of("000002-郵便_次郎.pdf", "b2"), 0);
	assert_int_equal(bars_of("000003-郵便_花子.pdf", "b3"), 0);
	assert_int_equal(sh("test $(wc -l < '%s/b1') -eq 67", tmp), 0);
	assert_int_equal(sh("cmp -s '%s/b1' '%s/b2'", tmp, tmp), 0);
	assert_int_equal(sh("cmp -s '%s/b1' '%s/b3'", tmp, tmp), 1);
}

/* The top of 親展 on page 1, in millimetres, written to NAME; "none" when
 * the page has no 親展. */
static int confidential_top(const char *file, const char *out)
{
	return sh("pdftotext -bbox -l 1 '%s/o2/%s' - | "
	          "awk -F'\"' '/>親展</ { printf \"%%.1f\\n\", $4 * 25.4 / 72; f = 1 } "
	          "END { if (!f) print \"none\" }' > '%s/%s'",
	          tmp, file, tmp, out);
}

static void confidential_in_window_for_one_person(void **state)
{
	(void)state;
	write_file("k.csv", "id,name,kind,postcode,address\n"
	                    "1,郵便 太郎,person,100-0013,東京都千代田区霞が関1-3-2\n"
	                    "2,三丁目町内会,group,100-0013,東京都千代田区霞が関1-3-2\n"
	                    "3,株式会社テスト,company,100-0013,東京都千代田区霞が関1-3-2\n");
	assert_int_equal(sh("'%s' batch '%s' --clients '%s/k.csv' -o '%s/o2' --template "
	                    "individual-notice --quiet",
	                    NG_BINARY, RECORD, tmp, tmp),
	                 0);
	/* The 長形3号 window is 14-59 mm from the top (layout.c's default). */
	assert_int_equal(confidential_top("000001-郵便_太郎.pdf", "m1"), 0);
	assert_int_equal(sh("awk '{ exit !($1 >= 14 && $1 + 4 <= 59) }' '%s/m1'", tmp), 0);
	/* Not to many readers (各位), nor to an organisation (御中). */
	assert_int_equal(confidential_top("000002-三丁目町内会.pdf", "m2"), 0);
	assert_int_equal(sh("grep -qx none '%s/m2'", tmp), 0);
	assert_int_equal(confidential_top("000003-株式会社テスト.pdf", "m3"), 0);
	assert_int_equal(sh("grep -qx none '%s/m3'", tmp), 0);
	/* A letter to 各位 without a window has none either. */
	assert_int_equal(sh("'%s' render '%s' --template individual-notice --format txt -o - | "
	                    "grep -c 親展 | grep -qx 0",
	                    NG_BINARY, RECORD),
	                 0);
}

/* libzint is dlopen()ed for the first barcode, not linked: with a file by
 * its name that is no library found first (LD_LIBRARY_PATH), a letter
 * without a barcode is written as before (a linked library would stop the
 * program at start), and one with a barcode says which library and package
 * are missing, and goes out without the barcode. */
static void zint_loaded_only_for_a_barcode(void **state)
{
	(void)state;
	const char *lib = ng_postal_library();
	assert_int_equal(
	    sh("mkdir -p '%s/nolib' && echo 'not a library' >'%s/nolib/%s'", tmp, tmp, lib), 0);
	assert_int_equal(sh("LD_LIBRARY_PATH='%s/nolib' '%s' '%s' -o '%s/nz.pdf' 2>'%s/nz.err'",
	                    tmp, NG_BINARY, RECORD, tmp, tmp),
	                 0);
	assert_int_equal(sh("test -s '%s/nz.pdf' && test ! -s '%s/nz.err'", tmp, tmp), 0);
	write_file("z.csv", "id,name,postcode,address\n"
	                    "3,郵便 花子,100-0013,東京都千代田区霞が関1丁目3番2号\n");
	assert_int_equal(sh("rm -rf '%s/o' && LD_LIBRARY_PATH='%s/nolib' '%s' batch '%s' --clients "
	                    "'%s/z.csv' -o '%s/o' --template individual-notice 2>'%s/nzb.err'",
	                    tmp, tmp, NG_BINARY, RECORD, tmp, tmp, tmp),
	                 0);
	assert_int_equal(sh("grep -qF 'cannot load %s' '%s/nzb.err'", lib, tmp), 0);
	assert_int_equal(
	    sh("grep -q 'install the Debian package .*barcode was left out' '%s/nzb.err'", tmp), 0);
	assert_int_equal(bars_of("000001-郵便_花子.pdf", "bz"), 0);
	assert_int_equal(sh("test ! -s '%s/bz'", tmp), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(address2_reaches_window_barcode_and_mailing),
	    cmocka_unit_test(confidential_in_window_for_one_person),
	    cmocka_unit_test(zint_loaded_only_for_a_barcode),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
