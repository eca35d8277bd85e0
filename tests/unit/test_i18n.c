/* test_i18n.c — the words that come from outside the program, in the
 * user's language: libyaml's problem and context texts (a known one from
 * the catalogue, an unknown one as libyaml wrote it, quoted when the
 * message around it is translated) and system errors (errno). English
 * without a locale; Japanese through LANGUAGE=ja under C.UTF-8, as the
 * program does where no ja_JP locale is generated (cli/main.c). */
#include <errno.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "record/yaml_tree.h"
#include "util/util.h"

static const char unknown[] = "found a problem a later libyaml may name";

static void english_as_libyaml_and_libc_write_it(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_new();
	assert_string_equal(ng_yaml_text(a, "did not find expected key"),
	                    "did not find expected key");
	assert_string_equal(ng_yaml_text(a, "while parsing a block mapping"),
	                    "while parsing a block mapping");
	assert_string_equal(ng_yaml_text(a, unknown), unknown); /* bare, as before */
	assert_string_equal(ng_strerror(ENOENT), strerror(ENOENT));
	assert_string_equal(ng_strerror(EDOM), strerror(EDOM));
	ng_arena_free(a);
}

static void japanese_from_the_catalogue(void **state)
{
	(void)state;
	setenv("LANGUAGE", "ja", 1);
	assert_non_null(setlocale(LC_MESSAGES, "C.UTF-8"));
	ng_arena *a = ng_arena_new();
	const char *key = ng_yaml_text(a, "did not find expected key");
	assert_non_null(strstr(key, "キーが見つかりません"));
	assert_non_null(strstr(ng_yaml_text(a, "while parsing a flow sequence"), "読んでいる途中"));
	/* not in the catalogue: libyaml's own words, quoted, said to be its */
	const char *other = ng_yaml_text(a, unknown);
	assert_non_null(strstr(other, "'found a problem a later libyaml may name'"));
	assert_non_null(strstr(other, "libyaml"));
	assert_string_equal(ng_strerror(ENOENT), "ファイルまたはフォルダがありません");
	assert_string_equal(ng_strerror(ENOSPC), "ディスクの空き容量がありません");
	/* an error the table does not list: as the C library has it */
	assert_string_equal(ng_strerror(EDOM), strerror(EDOM));
	ng_arena_free(a);
	setlocale(LC_MESSAGES, "C");
	unsetenv("LANGUAGE");
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(english_as_libyaml_and_libc_write_it),
	    cmocka_unit_test(japanese_from_the_catalogue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
