/* test_save.c — ng_pdf_save writes the bytes libharu's HPDF_SaveToStream
 * writes (NG_PDF_HARU_SAVE=1 makes notice-gen use libharu's), end to end
 * through the binary for letters that exercise every object it meets:
 * every built-in template of the example (outlines, links, the structure
 * tree, info strings), a letter with the 角印 (a PNG image and its soft
 * mask, compressed by libharu while saving: the path left to libharu),
 * --pdfa (XMP, the output intent's ICC stream), an untagged letter, and a
 * batch's per-client letters (the shared fonts first); each file is then
 * checked by qpdf. And the objects notice-gen writes directly (the
 * outline, the link annotations, the pages) against those libharu made
 * before (NG_PDF_HARU_OBJECTS=1); the sealed letter mixes the two (a page
 * with an image stays libharu's). */
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

static char tmp[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ng-save-XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return sh("rm -rf '%s'", tmp) == 0 ? 0 : -1;
}

/* Renders RECORD with ARGS (ENV before the command) twice, once with OLD
 * (the environment variable that takes libharu's way) into
 * tmp/NAME-OLD.pdf and once without into tmp/NAME.pdf: the same bytes,
 * qpdf-clean. */
static void same_as(const char *old, const char *name, const char *env, const char *record,
                    const char *args)
{
	assert_int_equal(sh("%s %s=1 '%s' render '%s' %s -o '%s/%s-%s.pdf'", env, old, NG_BINARY,
	                    record, args, tmp, name, old),
	                 0);
	assert_int_equal(
	    sh("%s '%s' render '%s' %s -o '%s/%s.pdf'", env, NG_BINARY, record, args, tmp, name),
	    0);
	if (sh("cmp -s '%s/%s-%s.pdf' '%s/%s.pdf'", tmp, name, old, tmp, name) != 0)
		fail_msg("%s: the letters differ with and without %s", name, old);
	assert_int_equal(sh("qpdf --check '%s/%s.pdf' >/dev/null", tmp, name), 0);
}

/* The built-in templates, each compared both ways. */
static const char *const templates[] = {"client-notice", "individual-notice", "public-notice",
                                        "ppc-report"};

/* libharu's saver (NG_PDF_HARU_SAVE) and ours. */
static void same_bytes(const char *name, const char *env, const char *record, const char *args)
{
	same_as("NG_PDF_HARU_SAVE", name, env, record, args);
}

static void every_template(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof templates / sizeof *templates; i++) {
		char args[64];
		snprintf(args, sizeof args, "--template %s", templates[i]);
		same_bytes(templates[i], "", EXAMPLE, args);
	}
	same_bytes("pdfa", "", EXAMPLE, "--pdfa");
	same_bytes("untagged", "NG_PDF_UNTAGGED=1", EXAMPLE, "");
}

/* The objects written directly (outline.c, links.c, pageobj.c) and
 * libharu's (NG_PDF_HARU_OBJECTS); the letter has bookmarks, so the
 * comparison covered some. */
static void same_objects(const char *name, const char *env, const char *record, const char *args)
{
	same_as("NG_PDF_HARU_OBJECTS", name, env, record, args);
	assert_int_equal(sh("grep -aq '/Type /Outlines' '%s/%s.pdf'", tmp, name), 0);
}

static void direct_objects(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof templates / sizeof *templates; i++) {
		char args[64];
		snprintf(args, sizeof args, "--template %s", templates[i]);
		same_objects(templates[i], "", EXAMPLE, args);
		snprintf(args, sizeof args, "--template %s --pdfa", templates[i]);
		same_objects(templates[i], "", EXAMPLE, args);
		same_objects(templates[i], "NG_PDF_UNTAGGED=1", EXAMPLE, args);
	}
	/* The other examples' outlines (more headings, other levels). */
	static const char *const examples[] = {
	    "city-usb-2024",   "clinic-usb-2024",       "juku-form-2025",     "shop-card-2025",
	    "town-forms-2025", "university-email-2025", "vendor-clients-2024"};
	for (size_t i = 0; i < sizeof examples / sizeof *examples; i++) {
		char record[256];
		snprintf(record, sizeof record, "%s/examples/%s/incident.yaml", NG_SOURCE_DIR,
		         examples[i]);
		same_objects(examples[i], "", record, "");
	}
}

static void with_seal_image(void **state)
{
	(void)state;
	assert_int_equal(sh("sed '0,/^  phone: 03-3261-4911$/s//&\\n  seal: seal.png/' '%s' > "
	                    "'%s/sealed.yaml' && cp '%s/examples/shaamu-2023/seal.png' '%s/'",
	                    EXAMPLE, tmp, NG_SOURCE_DIR, tmp),
	                 0);
	char record[128];
	snprintf(record, sizeof record, "%s/sealed.yaml", tmp);
	same_bytes("sealed", "", record, "");
	same_objects("sealed", "", record, "");
	assert_int_equal(sh("pdfimages -list '%s/sealed.pdf' | grep -q smask", tmp), 0);
}

static void batch_letters(void **state)
{
	(void)state;
	assert_int_equal(sh("printf 'id,name,contact\\n1,株式会社サンプル,総務部 様\\n"
	                    "2,有限会社テスト商店,経理課 様\\n3,合同会社ＡＢＣ,人事部 様\\n' > "
	                    "'%s/c.csv'",
	                    tmp),
	                 0);
	assert_int_equal(sh("NG_PDF_HARU_SAVE=1 '%s' batch '%s' --clients '%s/c.csv' -o '%s/h' "
	                    "--quiet && '%s' batch '%s' --clients '%s/c.csv' -o '%s/o' --quiet",
	                    NG_BINARY, EXAMPLE, tmp, tmp, NG_BINARY, EXAMPLE, tmp, tmp),
	                 0);
	assert_int_equal(sh("ls '%s/o'/*.pdf | wc -l | grep -qx 3", tmp), 0);
	assert_int_equal(sh("diff -r '%s/h' '%s/o' >/dev/null", tmp, tmp), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_template),
	    cmocka_unit_test(direct_objects),
	    cmocka_unit_test(with_seal_image),
	    cmocka_unit_test(batch_letters),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
