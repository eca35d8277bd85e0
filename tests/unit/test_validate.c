/* test_validate.c — the letter-correctness rules and normalisation of the
 * validation pass, one record variant per rule (tests/golden/minimal.yaml
 * with one line changed): 頭語/結語 pairs, 各位 with 様/殿 (and the corrected
 * form), お客様各位, 御中 with 様, 吉日, typed weekdays, the required items
 * per audience, text normalisation, e-mail and phone forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "record/record.h"
#include "record/yaml_tree.h"

#define MINIMAL NG_SOURCE_DIR "/tests/golden/minimal.yaml"

typedef struct variant {
	ng_arena *a;
	ng_diags *d;
	ng_record *r;
} variant;

/* minimal.yaml with the first occurrence of from replaced by to (from ""
 * appends to). */
static void load(variant *v, const char *from, const char *to)
{
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(ng_read_file(MINIMAL, 1 << 20, &data, &len), 0);
	const char *at = *from ? strstr(data, from) : data + len;
	assert_non_null(at);
	char path[] = "/tmp/ng-val-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fwrite(data, 1, (size_t)(at - data), f);
	fputs(to, f);
	fputs(at + strlen(from), f);
	fclose(f);
	free(data);
	v->a = ng_arena_new();
	v->d = ng_diags_new();
	v->r = ng_record_load(path, v->a, v->d);
	remove(path);
}

static void done(variant *v)
{
	ng_diags_free(v->d);
	ng_arena_free(v->a);
}

/* The first diagnostic with id, or NULL. */
static const ng_diag *find(const variant *v, const char *id)
{
	for (size_t i = 0; i < ng_diags_count(v->d); i++)
		if (strcmp(ng_diags_get(v->d, i)->id, id) == 0)
			return ng_diags_get(v->d, i);
	return NULL;
}

static void expect_one(const char *from, const char *to, const char *id, int line, int col)
{
	variant v;
	load(&v, from, to);
	const ng_diag *g = find(&v, id);
	if (!g || ng_diags_count(v.d) != 1 || g->line != line || g->col != col) {
		ng_diags_print(v.d, stderr, 0);
		fail_msg("'%s': want only %s at %d:%d", to, id, line, col);
	}
	assert_true(g->severity == NG_SEV_ERROR ? v.r == NULL : v.r != NULL);
	done(&v);
}

static void expect_clean(const char *from, const char *to)
{
	variant v;
	load(&v, from, to);
	ng_diags_print(v.d, stderr, 0);
	assert_non_null(v.r);
	assert_int_equal(ng_diags_count(v.d), 0);
	done(&v);
}

static void opening_closing_pairs(void **state)
{
	(void)state;
	expect_clean("  addressee:", "  opening: 拝啓\n  closing: 敬具\n  addressee:");
	expect_clean("  addressee:", "  opening: 謹啓\n  closing: 敬白\n  addressee:");
	expect_clean("  addressee:", "  opening: 前略\n  closing: 草々\n  addressee:");
	expect_one("  addressee:", "  opening: 拝啓\n  closing: 草々\n  addressee:",
	           "opening-closing", 6, 12);
	expect_one("  addressee:", "  opening: 急啓\n  closing: 敬具\n  addressee:",
	           "opening-closing", 6, 12);
	expect_one("  addressee:", "  closing: 敬具\n  addressee:", "missing-field", 5, 12);
	expect_one("  addressee:", "  opening: 拝見\n  addressee:", "bad-value", 5, 12);
}

static void missing_closing_is_filled(void **state)
{
	(void)state;
	variant v;
	load(&v, "  addressee:", "  opening: 謹啓\n  addressee:");
	assert_non_null(v.r);
	assert_string_equal(v.r->letter.closing.s, "謹白");
	done(&v);
}

static void kakui_with_sama_or_dono(void **state)
{
	(void)state;
	static const struct {
		const char *addressee, *fixed;
		int col;
	} cases[] = {
	    {"顧問先従業員様各位", "顧問先従業員各位", 20},
	    {"顧問先殿各位", "顧問先各位", 17},
	    {"顧問先各位様", "顧問先各位", 17},
	    {"関係者各位殿", "関係者各位", 17},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		variant v;
		char line[128];
		snprintf(line, sizeof line, "addressee: %s", cases[i].addressee);
		load(&v, "addressee: 顧問先各位", line);
		const ng_diag *g = find(&v, "honorific");
		assert_non_null(g);
		assert_int_equal(g->severity, NG_SEV_WARNING);
		assert_int_equal(g->line, 5);
		assert_int_equal(g->col, cases[i].col);
		/* The hint carries the corrected addressee. */
		assert_non_null(strstr(g->hint, cases[i].fixed));
		assert_non_null(v.r);
		done(&v);
	}
	expect_clean("addressee: 顧問先各位", "addressee: お客様各位");
	expect_clean("addressee: 顧問先各位", "addressee: 株式会社小林 御中");
	expect_clean("addressee: 顧問先各位", "addressee: 小林 太郎 様");
}

static void onchu_with_sama(void **state)
{
	(void)state;
	expect_one("addressee: 顧問先各位", "addressee: 株式会社小林 御中 小林様", "honorific", 5,
	           14);
}

static void kichijitsu(void **state)
{
	(void)state;
	expect_one("date: 2023-07-21", "date: 令和5年7月吉日", "kichijitsu", 3, 9);
	expect_one("date: 2023-07-21", "date: 2023-07-吉日", "kichijitsu", 3, 9);
}

static void typed_weekday(void **state)
{
	(void)state;
	expect_one("secondary_harm: 情報流出", "secondary_harm: 6/26（水）以降、情報流出",
	           "typed-date", 13, 21);
}

static void required_items(void **state)
{
	(void)state;
	/* 本人通知 needs item 4; 調査中 satisfies it, nothing does not. */
	expect_one("    causes: 調査中\n", "", "required-item", 2, 1);
	/* A notice to clients needs all nine. */
	variant v;
	load(&v, "  addressee:", "  audience: clients\n  addressee:");
	assert_null(v.r);
	assert_int_equal(ng_diags_count(v.d), 4); /* items 3, 6, 7, 8 */
	const ng_diag *g = find(&v, "required-item");
	assert_int_equal(g->line, 5);
	assert_int_equal(g->col, 13);
	done(&v);
	expect_clean("", "affected: 調査中\nresponse: 調査中\npublication: 調査中\nprevention:\n"
	                 "  status: investigating\n  text: 再発防止策を検討中です。\n");
}

static const char *tree_value(const ng_record *r, const char *key, const char *sub)
{
	const ng_node *n = ng_node_get(r->root, key);
	if (n && sub)
		n = ng_node_get(n, sub);
	return n && n->kind == NG_NODE_SCALAR ? n->value : NULL;
}

/* Templates read the tree: an item marked 調査中 has one shape there, and
 * item_status tells it from a stated one. */
static void investigating_in_tree(void **state)
{
	(void)state;
	variant v;
	load(&v, "data_items:\n  groups:\n    - service: 給与計算\n      items: [氏名, 住所]\n",
	     "data_items: 調査中\nresponse:\n  status: investigating\n");
	assert_non_null(v.r);
	assert_int_equal(v.r->items[NG_ITEM_DATA].state, NG_STATE_INVESTIGATING);
	assert_string_equal(tree_value(v.r, "data_items", "note"), "調査中");
	const ng_node *groups = ng_node_get(ng_node_get(v.r->root, "data_items"), "groups");
	assert_non_null(groups);
	assert_int_equal(groups->kind, NG_NODE_SEQ);
	assert_int_equal(groups->n, 0);
	assert_string_equal(tree_value(v.r, "response", NULL), "調査中");
	assert_string_equal(tree_value(v.r, "item_status", "response"), "investigating");
	assert_string_equal(tree_value(v.r, "item_status", "overview"), "known");
	assert_string_equal(tree_value(v.r, "item_status", "prevention"), "absent");
	done(&v);
}

static void text_is_normalised(void **state)
{
	(void)state;
	variant v;
	/* Half-width katakana (with a voiced mark), a wave dash, a
	 * decomposed が. */
	load(&v, "title: お知らせ", "title: ｼｽﾃﾑｶﾞｲﾄﾞ〜か\xE3\x82\x99");
	assert_non_null(v.r);
	assert_string_equal(v.r->letter.title.s, "システムガイド～が");
	assert_string_equal(tree_value(v.r, "letter", "title"), "システムガイド～が");
	done(&v);
}

static void contact_is_folded_and_checked(void **state)
{
	(void)state;
	variant v;
	load(&v, "phone: 03-0000-0000",
	     "phone: ０３ー３２６１－４９１１\n  email: ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｊｐ");
	assert_non_null(v.r);
	assert_string_equal(v.r->contact.phone.s, "03-3261-4911");
	assert_string_equal(v.r->contact.email.s, "info@example.jp");
	assert_string_equal(tree_value(v.r, "contact", "phone"), "03-3261-4911");
	done(&v);
	expect_clean("phone: 03-0000-0000", "phone: +81-3-3261-4911");
	expect_clean("phone: 03-0000-0000", "phone: 090-1234-5678");
	expect_clean("phone: 03-0000-0000", "phone: 03(3261)4911");
	expect_one("phone: 03-0000-0000", "phone: 3261-4911", "bad-phone", 16, 10);
	expect_one("phone: 03-0000-0000", "phone: 03--3261-4911", "bad-phone", 16, 10);
	expect_one("phone: 03-0000-0000", "phone: 03-0000-0000\n  email: info.example.jp",
	           "bad-email", 17, 10);
	expect_one("phone: 03-0000-0000", "phone: 03-0000-0000\n  email: .info@example.jp",
	           "bad-email", 17, 10);
	expect_one("phone: 03-0000-0000", "phone: 03-0000-0000\n  email: info@example.j1",
	           "bad-email", 17, 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(opening_closing_pairs),
	    cmocka_unit_test(missing_closing_is_filled),
	    cmocka_unit_test(kakui_with_sama_or_dono),
	    cmocka_unit_test(onchu_with_sama),
	    cmocka_unit_test(kichijitsu),
	    cmocka_unit_test(typed_weekday),
	    cmocka_unit_test(required_items),
	    cmocka_unit_test(investigating_in_tree),
	    cmocka_unit_test(text_is_normalised),
	    cmocka_unit_test(contact_is_folded_and_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
