/* test_threads.c — the helper threads of a first run (empty cache):
 * ICU's phrase iterator opened beside the main thread
 * (ng_linebreaker_warm; also for a new record in a used cache,
 * ng_linebreaker_warm_new) and the largest shared font subset built beside
 * it (shared.c), from a guess before the layout when it comes true;
 * whatever ran where, the bytes are those of a run with
 * every step on the main thread (NG_NO_THREADS=1): every example's
 * letter, first run and filled cache, the cache's entries themselves,
 * and the batches of the examples with a client list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../common/shell.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "icu/icu.h"
#include "pdf/pdf_int.h"

static char tmp[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ng-threads-XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return sh("rm -rf '%s'", tmp) == 0 ? 0 : -1;
}

/* An empty cache folder tmp/NAME, made the cache of this process. */
static void fresh_cache(const char *name)
{
	char dir[128];
	snprintf(dir, sizeof dir, "%s/%s", tmp, name);
	assert_int_equal(sh("rm -rf '%s' && mkdir -p '%s'", dir, dir), 0);
	setenv("NOTICE_GEN_CACHE", dir, 1);
}

/* With no phrase memo, warming opens the phrase iterator (on a helper
 * thread, joined by settle); with threads off, or once a run has kept
 * an entry (even without texts), it opens nothing. */
static void test_warm_opens_phrase_iterator(void **state)
{
	(void)state;
	fresh_cache("warm");
	ng_linebreaker *lb = ng_linebreaker_new(true);
	ng_linebreaker_warm(lb);
	ng_linebreaker_settle(lb);
	assert_true(ng_linebreaker_phrase_opened(lb));
	ng_linebreaker_free(lb); /* keeps an entry without texts */

	lb = ng_linebreaker_new(true);
	ng_linebreaker_warm(lb);
	ng_linebreaker_settle(lb);
	assert_false(ng_linebreaker_phrase_opened(lb));
	ng_linebreaker_free(lb);

	fresh_cache("warm-off");
	setenv("NG_NO_THREADS", "1", 1);
	lb = ng_linebreaker_new(true);
	ng_linebreaker_warm(lb);
	assert_false(ng_linebreaker_phrase_opened(lb));
	ng_linebreaker_free(lb);
	unsetenv("NG_NO_THREADS");

	/* Freed while warming: joined, nothing left behind. */
	fresh_cache("warm-free");
	lb = ng_linebreaker_new(true);
	ng_linebreaker_warm(lb);
	ng_linebreaker_free(lb);
}

/* A warmed iterator breaks as a fresh one does. */
static void test_warm_breaks_alike(void **state)
{
	(void)state;
	static const char text[] =
	    "患者様の個人情報を記録したUSBメモリの紛失についてのお詫びとご報告";
	unsigned char got[2][sizeof text];
	for (int k = 0; k < 2; k++) {
		setenv("NOTICE_GEN_CACHE", "off", 1);
		ng_linebreaker *lb = ng_linebreaker_new(true);
		if (k == 0)
			ng_linebreaker_warm(lb);
		assert_true(ng_linebreaker_phrase(lb, true));
		assert_int_equal(ng_linebreaker_run(lb, text, sizeof text - 1, got[k]), 0);
		assert_true(ng_linebreaker_phrase_opened(lb));
		ng_linebreaker_free(lb);
	}
	assert_memory_equal(got[0], got[1], sizeof text);
}

/* A used cache's memo and a text it lacks: ng_linebreaker_warm opens
 * nothing, ng_linebreaker_lacks tells the new text from the kept one,
 * and ng_linebreaker_warm_new opens the iterator on a helper, which
 * breaks as a fresh one does. With threads off, nothing is looked up or
 * begun. */
static void test_warm_new_when_memo_lacks(void **state)
{
	(void)state;
	static const char kept[] = "患者様の個人情報を記録したUSBメモリの紛失についてのお詫び";
	static const char text[] = "体験授業申込フォームからの個人情報漏えいに関するお詫び";
	unsigned char want[sizeof text], got[sizeof text], kept_breaks[sizeof kept];
	setenv("NOTICE_GEN_CACHE", "off", 1); /* the reference: a fresh iterator */
	ng_linebreaker *lb = ng_linebreaker_new(true);
	assert_true(ng_linebreaker_phrase(lb, true));
	assert_int_equal(ng_linebreaker_run(lb, text, sizeof text - 1, want), 0);
	ng_linebreaker_free(lb);
	fresh_cache("new"); /* a memo of the first text only */
	lb = ng_linebreaker_new(true);
	assert_true(ng_linebreaker_phrase(lb, true));
	assert_int_equal(ng_linebreaker_run(lb, kept, sizeof kept - 1, kept_breaks), 0);
	ng_linebreaker_free(lb);

	lb = ng_linebreaker_new(true);
	ng_linebreaker_warm(lb);
	assert_false(ng_linebreaker_begun(lb));
	assert_false(ng_linebreaker_lacks(lb, kept, sizeof kept - 1));
	assert_true(ng_linebreaker_lacks(lb, text, sizeof text - 1));
	ng_linebreaker_warm_new(lb);
	assert_true(ng_linebreaker_begun(lb));
	assert_false(ng_linebreaker_warming(lb)); /* (not a first run) */
	assert_false(ng_linebreaker_lacks(lb, text, sizeof text - 1));
	assert_true(ng_linebreaker_phrase(lb, true));
	assert_int_equal(ng_linebreaker_run(lb, text, sizeof text - 1, got), 0);
	assert_true(ng_linebreaker_phrase_opened(lb));
	assert_memory_equal(got, want, sizeof text);
	ng_linebreaker_free(lb);

	setenv("NG_NO_THREADS", "1", 1);
	lb = ng_linebreaker_new(true);
	ng_linebreaker_warm(lb);
	assert_false(ng_linebreaker_lacks(lb, "未知の題名", strlen("未知の題名")));
	ng_linebreaker_warm_new(lb);
	assert_false(ng_linebreaker_begun(lb));
	ng_linebreaker_free(lb);
	unsetenv("NG_NO_THREADS");
}

/* Renders example ex into the cache tmp/NAME (the CLI, as a user does). */
static void render_into(const char *name, const char *ex)
{
	assert_int_equal(sh("NOTICE_GEN_CACHE='%s/%s' '%s' '%s/examples/%s/incident.yaml' -o "
	                    "'%s/%s.pdf'",
	                    tmp, name, NG_BINARY, NG_SOURCE_DIR, ex, tmp, ex),
	                 0);
}

/* Whether opening example ex's record began opening the phrase iterator
 * beside the main thread. */
static bool begun_for(const char *ex)
{
	char path[512];
	snprintf(path, sizeof path, "%s/examples/%s/incident.yaml", NG_SOURCE_DIR, ex);
	ng_diags *d = ng_diags_new();
	ng_status st;
	ng_engine *e = ng_engine_open(path, d, &st);
	assert_non_null(e);
	bool begun = ng_engine_phrase_begun(e);
	ng_engine_free(e);
	ng_diags_free(d);
	return begun;
}

/* In a cache another record filled, a record whose wrapping title the
 * memo lacks begins opening the phrase iterator as soon as it is read;
 * once its letter was made (the memo has the title; juku-form-2025's
 * with its （第2報）), and for a record whose title fits one line
 * (city-usb-2024), nothing begins. */
static void test_new_record_begins_early(void **state)
{
	(void)state;
	fresh_cache("used");
	render_into("used", "shaamu-2023");
	assert_false(begun_for("shaamu-2023"));
	assert_true(begun_for("clinic-usb-2024"));
	assert_true(begun_for("juku-form-2025"));
	assert_false(begun_for("city-usb-2024"));
	render_into("used", "clinic-usb-2024");
	render_into("used", "juku-form-2025");
	assert_false(begun_for("clinic-usb-2024"));
	assert_false(begun_for("juku-form-2025"));
	setenv("NG_NO_THREADS", "1", 1);
	fresh_cache("used-off");
	render_into("used-off", "shaamu-2023");
	assert_false(begun_for("clinic-usb-2024"));
	unsetenv("NG_NO_THREADS");
}

/* A new record's letter in a used cache, with threads and without: the
 * same letter as its first run's, and the same cache entries after. */
static void test_new_record_same_bytes(void **state)
{
	(void)state;
	static const char *const mode[] = {"", "NG_NO_THREADS=1"};
	for (int k = 0; k < 2; k++)
		assert_int_equal(
		    sh("rm -rf '%s/n%d' && mkdir '%s/n%d' && for ex in shaamu-2023 "
		       "clinic-usb-2024 juku-form-2025; do %s NOTICE_GEN_CACHE='%s/n%d' "
		       "'%s' \"%s/examples/$ex/incident.yaml\" -o \"%s/n%d-$ex.pdf\" || "
		       "exit 1; done",
		       tmp, k, tmp, k, mode[k], tmp, k, NG_BINARY, NG_SOURCE_DIR, tmp, k),
		    0);
	assert_int_equal(sh("cd '%s' && for ex in clinic-usb-2024 juku-form-2025; do "
	                    "NOTICE_GEN_CACHE=off '%s' \"%s/examples/$ex/incident.yaml\" -o "
	                    "\"alone-$ex.pdf\" && cmp -s \"n0-$ex.pdf\" \"n1-$ex.pdf\" && "
	                    "cmp -s \"n0-$ex.pdf\" \"alone-$ex.pdf\" || exit 1; done",
	                    tmp, NG_BINARY, NG_SOURCE_DIR),
	                 0);
	assert_int_equal(sh("cd '%s/n1' && for f in phrases-*; do cmp -s \"$f\" \"../n0/$f\" "
	                    "|| exit 1; done",
	                    tmp),
	                 0);
}

/* ---- shared fonts */

#define BODY "個人情報の漏えいに関するお詫びとお知らせ。弊社が管理する顧客情報"
#define HEAD "経緯と対応"

static ng_run runs[] = {
    {.x = 72, .y = 100, .font = NG_FONT_HEADING, .size = 14, .text = HEAD, .len = sizeof HEAD - 1},
    {.x = 72, .y = 140, .font = NG_FONT_BODY, .size = 10.5, .text = BODY, .len = sizeof BODY - 1},
};
static ng_page page = {.runs = runs, .nruns = 2};
static const ng_pages letter = {.width = 595.276, .height = 841.89, .pages = &page, .npages = 1};

/* The letter through shared fonts built from an empty cache, into out;
 * *beside: whether a font file was left to a helper thread. dropped:
 * the shared fonts are freed before any letter reads them. */
static void shared_letter(const char *cache, ng_buf *out, bool *beside, bool dropped)
{
	fresh_cache(cache);
	ng_diags *d = ng_diags_new();
	ng_fonts *f = ng_fonts_open(d);
	assert_non_null(f);
	ng_pdf_shared *s = ng_pdf_shared_new(f, &letter, false, d);
	assert_non_null(s);
	*beside = s->later != NULL;
	if (!dropped)
		assert_int_equal(ng_pdf_write(f, s, &letter, out, d), 0);
	ng_pdf_shared_free(s);
	ng_fonts_free(f);
	ng_diags_free(d);
}

static void test_shared_fonts_beside(void **state)
{
	(void)state;
	ng_buf with = {0}, without = {0};
	bool beside;
	shared_letter("fonts", &with, &beside, false);
	assert_true(beside);
	setenv("NG_NO_THREADS", "1", 1);
	shared_letter("fonts-off", &without, &beside, false);
	unsetenv("NG_NO_THREADS");
	assert_false(beside);
	assert_int_equal(with.len, without.len);
	assert_memory_equal(with.data, without.data, with.len);
	/* What each kept: the same entries, byte for byte. */
	assert_int_equal(sh("diff -r '%s/fonts' '%s/fonts-off'", tmp, tmp), 0);
	shared_letter("fonts-dropped", &with, &beside, true);
	assert_true(beside);
	ng_buf_free(&with);
	ng_buf_free(&without);
}

/* A guess made before the layout (ng_pdf_guess_new) is taken over when
 * the pages draw exactly its code points in its slot, and left (its
 * helper joined) when they do not: the letter's bytes are those of a
 * build without a guess either way. */
static ng_run other_runs[] = {
    {.x = 72, .y = 100, .font = NG_FONT_HEADING, .size = 14, .text = HEAD, .len = sizeof HEAD - 1},
    {.x = 72,
     .y = 140,
     .font = NG_FONT_BODY,
     .size = 10.5,
     .text = BODY "です",
     .len = sizeof BODY "です" - 1},
};
static ng_page other_page = {.runs = other_runs, .nruns = 2};
static const ng_pages other = {.pages = &other_page, .npages = 1};

static void guessed_letter(const char *cache, const ng_pages *guess, ng_buf *out, bool *taken)
{
	fresh_cache(cache);
	ng_diags *d = ng_diags_new();
	ng_fonts *f = ng_fonts_open(d);
	assert_non_null(f);
	ng_pdf_guess *g = ng_pdf_guess_new(f, guess);
	assert_non_null(g); /* an empty cache: begun */
	ng_pdf_shared *s = ng_pdf_shared_new_guessed(f, &letter, false, g, d);
	assert_non_null(s);
	*taken = ng_pdf_guess_taken(g);
	ng_pdf_guess_free(g);
	assert_int_equal(ng_pdf_write(f, s, &letter, out, d), 0);
	ng_pdf_shared_free(s);
	ng_fonts_free(f);
	ng_diags_free(d);
}

static void test_guess_taken_or_left(void **state)
{
	(void)state;
	ng_buf plain = {0}, right = {0}, wrong = {0};
	bool beside, taken;
	shared_letter("guess-none", &plain, &beside, false);
	guessed_letter("guess-right", &letter, &right, &taken);
	assert_true(taken);
	guessed_letter("guess-wrong", &other, &wrong, &taken);
	assert_false(taken);
	assert_int_equal(right.len, plain.len);
	assert_memory_equal(right.data, plain.data, plain.len);
	assert_int_equal(wrong.len, plain.len);
	assert_memory_equal(wrong.data, plain.data, plain.len);
	/* The right guess kept the same entries as no guess. */
	assert_int_equal(sh("diff -r '%s/guess-none' '%s/guess-right'", tmp, tmp), 0);
	ng_buf_free(&plain);
	ng_buf_free(&right);
	ng_buf_free(&wrong);
}

/* ---- end to end, every example */

/* The example's letter rendered from an empty cache with threads (on)
 * or without, then again through the cache it filled: the four are the
 * same bytes, and so are the entries of the two caches. */
static void example_letter(const char *ex)
{
	static const char *const mode[] = {"", "NG_NO_THREADS=1"};
	for (int k = 0; k < 2; k++)
		assert_int_equal(
		    sh("rm -rf '%s/c%d' && mkdir '%s/c%d' && for run in first filled; do "
		       "%s NOTICE_GEN_CACHE='%s/c%d' '%s' '%s/examples/%s/incident.yaml' "
		       "-o \"%s/%s-%d-$run.pdf\" || exit 1; done",
		       tmp, k, tmp, k, mode[k], tmp, k, NG_BINARY, NG_SOURCE_DIR, ex, tmp, ex, k),
		    0);
	for (int k = 0; k < 2; k++)
		for (int r = 0; r < 2; r++)
			if (sh("cmp -s '%s/%s-0-first.pdf' '%s/%s-%d-%s.pdf'", tmp, ex, tmp, ex, k,
			       r ? "filled" : "first") != 0)
				fail_msg("%s: threads %s, %s run: the letters differ", ex,
				         k ? "off" : "on", r ? "filled-cache" : "first");
	/* Every entry kept without threads is kept alike with them (which
	 * may add a phrase memo without texts: see ng_linebreaker_warm). */
	if (sh("cd '%s/c1' && for f in *; do cmp -s \"$f\" \"../c0/$f\" || exit 1; done", tmp) != 0)
		fail_msg("%s: the caches differ", ex);
}

/* Every example that renders alone (school-2024's letters need a
 * client row: it is among the batches below). */
static void test_examples_same_bytes(void **state)
{
	(void)state;
	static const char *const examples[] = {
	    "city-usb-2024",  "clinic-usb-2024", "juku-form-2025",        "shaamu-2023",
	    "shop-card-2025", "town-forms-2025", "university-email-2025", "vendor-clients-2024"};
	for (size_t i = 0; i < NG_ARRAY_LEN(examples); i++)
		example_letter(examples[i]);
}

/* A batch's letters (shared fonts at the batch's level, made before the
 * workers fork) are the same with and without threads. */
static void test_batches_same_bytes(void **state)
{
	(void)state;
	static const char *const examples[] = {"school-2024", "shaamu-2023", "vendor-clients-2024"};
	for (size_t i = 0; i < NG_ARRAY_LEN(examples); i++) {
		const char *ex = examples[i];
		for (int k = 0; k < 2; k++)
			assert_int_equal(sh("rm -rf '%s/b%d' '%s/bc%d' && mkdir '%s/bc%d' && %s "
			                    "NOTICE_GEN_CACHE='%s/bc%d' '%s' batch "
			                    "'%s/examples/%s/incident.yaml' "
			                    "--clients '%s/examples/%s/clients.csv' -o '%s/b%d' "
			                    "--jobs 2 --quiet",
			                    tmp, k, tmp, k, tmp, k, k ? "NG_NO_THREADS=1" : "", tmp,
			                    k, NG_BINARY, NG_SOURCE_DIR, ex, NG_SOURCE_DIR, ex, tmp,
			                    k),
			                 0);
		if (sh("diff -r '%s/b0' '%s/b1' >/dev/null", tmp, tmp) != 0)
			fail_msg("%s: the batches differ", ex);
	}
}

/* A record that fails after the phrase iterator began opening: the run
 * ends with the record's error (the thread joined), nothing written. */
static void test_bad_record_joins(void **state)
{
	(void)state;
	assert_int_equal(sh("rm -rf '%s/bad' && mkdir '%s/bad' && printf 'letter: [\\n' > "
	                    "'%s/bad.yaml'",
	                    tmp, tmp, tmp),
	                 0);
	assert_int_equal(sh("NOTICE_GEN_CACHE='%s/bad' '%s' '%s/bad.yaml' -o '%s/bad.pdf' "
	                    "2>/dev/null",
	                    tmp, NG_BINARY, tmp, tmp),
	                 1);
	assert_int_equal(sh("test ! -e '%s/bad.pdf'", tmp), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_warm_opens_phrase_iterator),
	    cmocka_unit_test(test_warm_breaks_alike),
	    cmocka_unit_test(test_warm_new_when_memo_lacks),
	    cmocka_unit_test(test_new_record_begins_early),
	    cmocka_unit_test(test_new_record_same_bytes),
	    cmocka_unit_test(test_shared_fonts_beside),
	    cmocka_unit_test(test_guess_taken_or_left),
	    cmocka_unit_test(test_examples_same_bytes),
	    cmocka_unit_test(test_batches_same_bytes),
	    cmocka_unit_test(test_bad_record_joins),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
