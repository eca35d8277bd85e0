/* test_textset.c — the set of texts (ng_textset) behind the batch's
 * memos of checked texts: a text is found only under its own tag and
 * with every byte the same (one changed byte, one byte more or less, or
 * the same hash's neighbour all miss); thousands of entries survive the
 * table's growth; the caps hold (adding then does nothing, lookups still
 * answer); NULL is an empty set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "util/util.h"

static void found_by_tag_and_bytes(void **state)
{
	(void)state;
	ng_textset *s = ng_textset_new(1 << 20, 1000);
	const char *t = "個人情報の漏えいに関するお詫びとお知らせ";
	size_t n = strlen(t);
	assert_false(ng_textset_has(s, 0, t, n));
	ng_textset_add(s, 0, t, n);
	ng_textset_add(s, 0, t, n); /* twice: one entry */
	assert_int_equal(ng_textset_count(s), 1);
	assert_true(ng_textset_has(s, 0, t, n));
	assert_false(ng_textset_has(s, 1, t, n));     /* another tag */
	assert_false(ng_textset_has(s, 0, t, n - 1)); /* shorter */
	char copy[128];
	memcpy(copy, t, n + 1);
	assert_true(ng_textset_has(s, 0, copy, n)); /* by bytes, not address */
	copy[n - 1] ^= 1;
	assert_false(ng_textset_has(s, 0, copy, n));
	ng_textset_add(s, 2, "", 0); /* the empty text is a text */
	assert_true(ng_textset_has(s, 2, "", 0));
	assert_false(ng_textset_has(s, 0, "", 0));
	ng_textset_free(s);
}

static void grows_and_keeps_all(void **state)
{
	(void)state;
	ng_textset *s = ng_textset_new(4 << 20, 100000);
	char b[32];
	for (int i = 0; i < 5000; i++) {
		int len = snprintf(b, sizeof b, "株式会社サンプル%d", i);
		ng_textset_add(s, (unsigned)(i % 3), b, (size_t)len);
	}
	assert_int_equal(ng_textset_count(s), 5000);
	for (int i = 0; i < 5000; i++) {
		int len = snprintf(b, sizeof b, "株式会社サンプル%d", i);
		assert_true(ng_textset_has(s, (unsigned)(i % 3), b, (size_t)len));
		assert_false(ng_textset_has(s, (unsigned)(i % 3 + 1), b, (size_t)len));
	}
	ng_textset_free(s);
}

static void caps_hold(void **state)
{
	(void)state;
	char b[32];
	/* By entries: the 11th text is not kept, the first ten still are. */
	ng_textset *s = ng_textset_new(1 << 20, 10);
	for (int i = 0; i < 20; i++) {
		int len = snprintf(b, sizeof b, "row %d", i);
		ng_textset_add(s, 0, b, (size_t)len);
	}
	assert_int_equal(ng_textset_count(s), 10);
	assert_true(ng_textset_has(s, 0, "row 9", 5));
	assert_false(ng_textset_has(s, 0, "row 10", 6));
	ng_textset_free(s);
	/* By bytes: a text bigger than the cap is never kept. */
	s = ng_textset_new(4096, 1000);
	char big[8192];
	memset(big, 'x', sizeof big);
	ng_textset_add(s, 0, big, sizeof big);
	assert_int_equal(ng_textset_count(s), 0);
	assert_false(ng_textset_has(s, 0, big, sizeof big));
	for (int i = 0; i < 1000; i++) {
		int len = snprintf(b, sizeof b, "row %d", i);
		ng_textset_add(s, 0, b, (size_t)len);
	}
	assert_true(ng_textset_count(s) > 0 && ng_textset_count(s) < 1000);
	ng_textset_free(s);
	/* NULL: empty, and adding does nothing. */
	ng_textset_add(NULL, 0, "a", 1);
	assert_false(ng_textset_has(NULL, 0, "a", 1));
	assert_int_equal(ng_textset_count(NULL), 0);
}

/* ng_utf8_count (util.c) counts eight bytes at a time: the same as byte
 * by byte for every length and start in text of one- to four-byte
 * characters. */
static void utf8_count_by_words(void **state)
{
	(void)state;
	const char *text =
	    "aé日本𠮷語 x\xc2\xa9\xe3\x80\x80ｱ😀漢字かなカナabc\xef\xbc\x81\xf0\x9f\x98\x80z";
	size_t len = strlen(text);
	for (size_t a = 0; a < len; a++)
		for (size_t b = a; b <= len; b++) {
			size_t want = 0;
			for (size_t i = a; i < b; i++)
				want += ((unsigned char)text[i] & 0xC0) != 0x80;
			assert_int_equal(ng_utf8_count(text + a, b - a), want);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(found_by_tag_and_bytes),
	    cmocka_unit_test(grows_and_keeps_all),
	    cmocka_unit_test(caps_hold),
	    cmocka_unit_test(utf8_count_by_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
