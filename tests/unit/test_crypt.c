/* test_crypt.c — encrypted letters: generated passwords (alphabet, length,
 * no repeats) and password checks; a letter encrypted by libqpdf is R6 /
 * AES-256 with the chosen permissions (qpdf --show-encryption), pdftotext
 * opens it only with its password and then gives the plain letter's text;
 * the same letter encrypted twice differs but decrypts to the same bytes;
 * `render --encrypt` and its usage errors; an encrypted batch whose
 * letters each open only with their own password (from the list's column
 * and generated), a 0600 password sheet, no password in the manifest,
 * journal or stderr, plain_sha256 equal to an unencrypted run's letters; a
 * killed encrypted run resumed loses no password; the merged print PDF is
 * encrypted with the owner password, and refused without one. libqpdf is
 * loaded only when needed: a plain ng_render leaves it unmapped, an
 * encrypted one maps it; when it cannot be loaded, render --encrypt and
 * batch --encrypt fail with the library and its package named, and write
 * no letter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "../common/shell.h"

#include "crypt/crypt.h"

#define RECORD NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml"

static char tmp[64];

static void put(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", tmp, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void load(const char *name, ng_buf *b)
{
	char path[512], *data;
	size_t len;
	snprintf(path, sizeof path, "%s/%s", tmp, name);
	assert_int_equal(ng_read_file(path, (size_t)1 << 28, &data, &len), 0);
	ng_buf_reset(b);
	ng_buf_add(b, data, len);
	free(data);
}

static void save(const char *name, const ng_buf *b)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", tmp, name);
	assert_int_equal(ng_write_file_atomic(path, b->data, b->len, 0600), 0);
}

/* The plain letter (plain.pdf) and its text (plain.txt), once for all. */
static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ng-crypt-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	return sh("'%s' render '%s' -o '%s/plain.pdf' && pdftotext '%s/plain.pdf' '%s/plain.txt'",
	          NG_BINARY, RECORD, tmp, tmp, tmp);
}

static int teardown(void **state)
{
	(void)state;
	return sh("rm -rf '%s'", tmp) == 0 ? 0 : -1;
}

/* ---- libqpdf, loaded on first use */

/* Whether libqpdf is mapped into this process. */
static bool qpdf_mapped(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	assert_non_null(f);
	char line[4096];
	bool found = false;
	while (fgets(line, sizeof line, f))
		found = found || strstr(line, ng_crypt_library()) != NULL;
	fclose(f);
	return found;
}

static ng_status render_here(const char *out, int encrypt)
{
	char path[256], pw[256];
	snprintf(path, sizeof path, "%s/%s", tmp, out);
	snprintf(pw, sizeof pw, "%s/here.pw", tmp);
	ng_render_opts o = {.input = RECORD, .output = path, .encrypt = encrypt};
	if (encrypt)
		o.user_password_file = pw;
	ng_diags *d = ng_diags_new();
	ng_status st = ng_render(&o, d);
	ng_diags_print(d, stderr, 0);
	ng_diags_free(d);
	return st;
}

/* Runs first: nothing before it encrypts in this process. */
static void loaded_only_to_encrypt(void **state)
{
	(void)state;
	assert_false(qpdf_mapped());
	assert_int_equal(render_here("here.pdf", 0), NG_OK);
	assert_false(qpdf_mapped());
	assert_int_equal(sh("cmp -s '%s/here.pdf' '%s/plain.pdf'", tmp, tmp), 0);
	put("here.pw", "Here-Pass-123\n");
	assert_int_equal(render_here("here-enc.pdf", 1), NG_OK);
	assert_true(qpdf_mapped());
	assert_int_equal(
	    sh("pdftotext -upw Here-Pass-123 '%s/here-enc.pdf' - | cmp -s - '%s/plain.txt'", tmp,
	       tmp),
	    0);
}

/* A file by the library's name that is no library, found first through
 * LD_LIBRARY_PATH: the loader fails as it does when libqpdf is missing. */
static int without_qpdf(const char *args, const char *err)
{
	return sh("LD_LIBRARY_PATH='%s/nolib' '%s' %s 2>'%s/%s'", tmp, NG_BINARY, args, tmp, err);
}

static void missing_library(void **state)
{
	(void)state;
	const char *lib = ng_crypt_library();
	assert_int_equal(
	    sh("mkdir -p '%s/nolib' && echo 'not a library' >'%s/nolib/%s'", tmp, tmp, lib), 0);
	put("nl.pw", "No-Lib-Pass-1\n");
	put("nl.csv", "id,name,postcode\nC001,株式会社テスト,100-0001\n");
	char args[1024];
	/* A plain letter does not need it. */
	snprintf(args, sizeof args, "'%s' -o '%s/nl-plain.pdf'", RECORD, tmp);
	assert_int_equal(without_qpdf(args, "nl-plain.err"), 0);
	/* render --encrypt: an I/O error naming library and package, no file. */
	snprintf(args, sizeof args, "'%s' -o '%s/nl.pdf' --encrypt --user-password-file '%s/nl.pw'",
	         RECORD, tmp, tmp);
	assert_int_equal(without_qpdf(args, "nl.err"), 3);
	assert_int_equal(sh("test ! -e '%s/nl.pdf'", tmp), 0);
	assert_int_equal(sh("grep -qF 'cannot load %s' '%s/nl.err'", lib, tmp), 0);
	assert_int_equal(sh("grep -q 'hint: install .*apt-get install' '%s/nl.err'", tmp), 0);
	/* batch --encrypt: the same, before any letter is written. */
	snprintf(args, sizeof args,
	         "batch '%s' --clients '%s/nl.csv' -o '%s/nlb' --quiet --encrypt "
	         "--generate-passwords",
	         RECORD, tmp, tmp);
	assert_int_equal(without_qpdf(args, "nlb.err"), 3);
	assert_int_equal(sh("grep -qF 'cannot load %s' '%s/nlb.err'", lib, tmp), 0);
	assert_int_equal(sh("test ! -e '%s/nlb'", tmp), 0);
	/* batch --merge: the same (the print PDF needs libqpdf). */
	snprintf(args, sizeof args,
	         "batch '%s' --clients '%s/nl.csv' -o '%s/nlm' --quiet --merge '%s/nlm.pdf'",
	         RECORD, tmp, tmp, tmp);
	assert_int_equal(without_qpdf(args, "nlm.err"), 3);
	assert_int_equal(sh("grep -qF 'cannot load %s' '%s/nlm.err'", lib, tmp), 0);
	assert_int_equal(sh("test ! -e '%s/nlm' && test ! -e '%s/nlm.pdf'", tmp, tmp), 0);
}

/* ---- passwords */

static void generated_passwords(void **state)
{
	(void)state;
	static char seen[200][NG_PASSWORD_GEN + 1];
	for (int i = 0; i < 200; i++) {
		assert_int_equal(ng_password_generate(seen[i]), 0);
		assert_int_equal(strlen(seen[i]), NG_PASSWORD_GEN);
		assert_null(strpbrk(seen[i], "0Oo1lI"));
		assert_null(ng_password_problem(seen[i]));
		for (int j = 0; j < i; j++)
			assert_string_not_equal(seen[i], seen[j]);
	}
	assert_true(NG_PASSWORD_GEN >= 12);
}

static void password_checks(void **state)
{
	(void)state;
	assert_null(ng_password_problem("Abc-1234"));
	assert_non_null(ng_password_problem("short"));
	assert_non_null(ng_password_problem("with space 1"));
	assert_non_null(ng_password_problem("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3"
	                                    "123456")); /* ＡＢＣ */
	char longpw[200];
	memset(longpw, 'a', 128);
	longpw[128] = '\0';
	assert_non_null(ng_password_problem(longpw));
	/* The first line of a file; a problem names the file, never the value. */
	put("pw-ok", "Secret-Pass-42\r\nignored\n");
	put("pw-bad", "tiny\n");
	ng_diags *d = ng_diags_new();
	char path[256];
	snprintf(path, sizeof path, "%s/pw-ok", tmp);
	char *pw = ng_password_read(path, d);
	assert_string_equal(pw, "Secret-Pass-42");
	ng_password_free(pw);
	snprintf(path, sizeof path, "%s/pw-bad", tmp);
	assert_null(ng_password_read(path, d));
	assert_int_equal(ng_diags_count(d), 1);
	assert_null(strstr(ng_diags_get(d, 0)->message, "tiny"));
	ng_diags_free(d);
}

/* A row's password leaves the row, so that no template can print it. */
static void password_taken_from_row(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_new();
	ng_node *map = ng_node_new(a, NG_NODE_MAP, (ng_pos){0});
	ng_node_put(a, map, "name", "株式会社青葉商事", (ng_pos){0});
	ng_node_put(a, map, "password", "Aoba-Pass-2023", (ng_pos){"l.csv", 2, 5});
	ng_node_put(a, map, "id", "C001", (ng_pos){0});
	const ng_node *pw = ng_password_take(map);
	assert_non_null(pw);
	assert_string_equal(pw->value, "Aoba-Pass-2023");
	assert_int_equal(pw->pos.col, 5);
	assert_null(ng_node_get(map, "password"));
	assert_non_null(ng_node_get(map, "name"));
	assert_non_null(ng_node_get(map, "id"));
	assert_null(ng_password_take(map));
	ng_arena_free(a);
}

/* ---- one letter through libqpdf */

static void encrypt_r6_aes256(void **state)
{
	(void)state;
	ng_buf plain = {0}, enc = {0};
	char err[256];
	load("plain.pdf", &plain);
	assert_int_equal(
	    ng_crypt_encrypt(&plain, "User-Pass-123", "Owner-Pass-456", &enc, err, sizeof err), 0);
	save("enc.pdf", &enc);
	put("enc.pw", "User-Pass-123\n");
	assert_int_equal(sh("qpdf --show-encryption --password-file='%s/enc.pw' '%s/enc.pdf' "
	                    ">'%s/enc.show'",
	                    tmp, tmp, tmp),
	                 0);
	static const char *const want[] = {
	    "R = 6",
	    "extract for accessibility: allowed",
	    "extract for any purpose: not allowed",
	    "print high resolution: allowed",
	    "modify document assembly: not allowed",
	    "modify forms: not allowed",
	    "modify annotations: not allowed",
	    "modify other: not allowed",
	    "stream encryption method: AESv3",
	    "string encryption method: AESv3",
	    "file encryption method: AESv3",
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (sh("grep -qxF '%s' '%s/enc.show'", want[i], tmp) != 0)
			fail_msg("qpdf --show-encryption lacks: %s", want[i]);
	ng_buf_free(&plain);
	ng_buf_free(&enc);
}

static void pdftotext_needs_the_password(void **state)
{
	(void)state;
	/* enc.pdf from encrypt_r6_aes256 */
	assert_int_not_equal(sh("pdftotext '%s/enc.pdf' - >/dev/null 2>&1", tmp), 0);
	assert_int_not_equal(sh("pdftotext -upw Wrong-Pass-1 '%s/enc.pdf' - >/dev/null 2>&1", tmp),
	                     0);
	assert_int_equal(sh("pdftotext -upw User-Pass-123 '%s/enc.pdf' '%s/enc.txt'", tmp, tmp), 0);
	assert_int_equal(sh("cmp -s '%s/plain.txt' '%s/enc.txt'", tmp, tmp), 0);
	assert_int_equal(
	    sh("pdftotext -opw Owner-Pass-456 '%s/enc.pdf' - | cmp -s - '%s/plain.txt'", tmp, tmp),
	    0);
}

/* AES needs a random key, salts and IVs: two encryptions differ, but have
 * the same length and decrypt to the same bytes, also a second apart (qpdf
 * would otherwise make the /ID from the clock). */
static void encrypted_differs_decrypted_same(void **state)
{
	(void)state;
	ng_buf plain = {0}, e1 = {0}, e2 = {0}, d1 = {0}, d2 = {0};
	char err[256];
	load("plain.pdf", &plain);
	assert_int_equal(ng_crypt_encrypt(&plain, "Same-Pass-1", NULL, &e1, err, sizeof err), 0);
	sleep(1);
	assert_int_equal(ng_crypt_encrypt(&plain, "Same-Pass-1", NULL, &e2, err, sizeof err), 0);
	assert_int_equal(e1.len, e2.len);
	assert_memory_not_equal(e1.data, e2.data, e1.len);
	assert_int_equal(ng_crypt_decrypt(&e1, "Same-Pass-1", &d1, err, sizeof err), 0);
	assert_int_equal(ng_crypt_decrypt(&e2, "Same-Pass-1", &d2, err, sizeof err), 0);
	assert_int_equal(d1.len, d2.len);
	assert_memory_equal(d1.data, d2.data, d1.len);
	assert_int_equal(ng_crypt_decrypt(&e1, "Wrong-Pass-1", &d2, err, sizeof err), -1);
	assert_null(strstr(err, "Wrong-Pass-1"));
	ng_buf *all[] = {&plain, &e1, &e2, &d1, &d2};
	for (size_t i = 0; i < 5; i++)
		ng_buf_free(all[i]);
}

/* ---- the command line */

static int render(const char *extra)
{
	return sh("'%s' render '%s' -o '%s/r.pdf' %s 2>'%s/r.err'", NG_BINARY, RECORD, tmp, extra,
	          tmp);
}

static void render_encrypt(void **state)
{
	(void)state;
	char opts[512];
	put("u.pw", "Render-Pass-1\n");
	put("o.pw", "Render-Owner-1\n");
	snprintf(opts, sizeof opts,
	         "--encrypt --user-password-file '%s/u.pw' "
	         "--owner-password-file '%s/o.pw'",
	         tmp, tmp);
	assert_int_equal(render(opts), 0);
	assert_int_equal(
	    sh("pdftotext -upw Render-Pass-1 '%s/r.pdf' - | cmp -s - '%s/plain.txt'", tmp, tmp), 0);
	assert_int_not_equal(sh("pdftotext '%s/r.pdf' - >/dev/null 2>&1", tmp), 0);
	assert_int_equal(render("--encrypt"), 2); /* no password file */
	snprintf(opts, sizeof opts, "--user-password-file '%s/u.pw'", tmp);
	assert_int_equal(render(opts), 2); /* a password file without --encrypt */
	snprintf(opts, sizeof opts, "--encrypt --user-password-file '%s/u.pw' --format txt", tmp);
	assert_int_equal(render(opts), 2);
	snprintf(opts, sizeof opts, "--encrypt --user-password-file '%s/missing.pw'", tmp);
	assert_int_equal(render(opts), 3);
	put("bad.pw", "ＡＢＣ１２３４５６\n");
	snprintf(opts, sizeof opts, "--encrypt --user-password-file '%s/bad.pw'", tmp);
	assert_int_equal(render(opts), 2);
	assert_int_equal(sh("grep -q 'ＡＢＣ' '%s/r.err'", tmp), 1); /* never echoed */
}

/* ---- batch */

/* Rows 1 and 3 give their password, rows 2 and 4 get generated ones, row 5
 * has one that is too short. */
static const char list_csv[] =
    "番号,会社名,郵便番号,住所,パスワード\n"
    "C001,株式会社青葉商事,100-0013,東京都千代田区霞が関1-3-2,Aoba-Pass-2023\n"
    "C002,有限会社みどり工業,150-0001,東京都渋谷区神宮前3-30-8,\n"
    "C003,合同会社桜デザイン,530-0001,大阪府大阪市北区梅田1-1,Sakura#Design9\n"
    "C004,株式会社テスト,100-0001,東京都千代田区千代田1-1,\n"
    "C005,株式会社短い,100-0002,東京都千代田区皇居外苑1-1,tiny\n";

static int batch(const char *out, const char *extra)
{
	return sh("'%s' batch '%s' --clients '%s/list.csv' -o '%s/%s' --quiet %s 2>'%s/%s.err'",
	          NG_BINARY, RECORD, tmp, tmp, out, extra, tmp, out);
}

/* The generated password of row (from the sheet) into pw. */
static void sheet_password(const char *out, int row, char *pw, size_t cap)
{
	char path[256], line[512];
	snprintf(path, sizeof path, "%s/%s/passwords.csv", tmp, out);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	pw[0] = '\0';
	while (fgets(line, sizeof line, f))
		if (atoi(line) == row) {
			char *q = strrchr(line, ',');
			snprintf(pw, cap, "%.*s", (int)strcspn(q + 2, "\""), q + 2);
		}
	fclose(f);
	if (!pw[0])
		fail_msg("row %d is not on the sheet of %s", row, out);
}

/* Every written letter opens with its own password and with no other. */
static void each_opens_only_with_its_own(const char *out, char pws[][64], int n)
{
	for (int i = 0; i < n; i++) {
		if (!pws[i][0])
			continue;
		for (int j = 0; j < n; j++) {
			if (!pws[j][0])
				continue;
			int rc =
			    sh("pdftotext -upw '%s' '%s/%s/'%06d-*.pdf - >'%s/t.txt' 2>/dev/null",
			       pws[j], tmp, out, i + 1, tmp);
			if ((rc == 0) != (i == j))
				fail_msg("letter %d %s with the password of row %d", i + 1,
				         rc == 0 ? "opens" : "does not open", j + 1);
			if (i == j)
				assert_int_equal(
				    sh("grep -q '株式会社\\|有限会社\\|合同会社' '%s/t.txt'", tmp),
				    0);
		}
	}
}

/* No password anywhere but on the sheet. */
static void no_password_outside_sheet(const char *out, char pws[][64], int n)
{
	for (int i = 0; i < n; i++)
		if (pws[i][0] && sh("grep -rlF -e '%s' '%s/%s' '%s/%s.err' | grep -v "
		                    "'/passwords.csv$' | grep -q .",
		                    pws[i], tmp, out, tmp, out) == 0)
			fail_msg("the password of row %d leaked outside the sheet", i + 1);
}

static void encrypted_batch(void **state)
{
	(void)state;
	put("list.csv", list_csv);
	assert_int_equal(batch("b", "--encrypt --generate-passwords -j 2"), 4); /* row 5 */
	char pws[5][64] = {"Aoba-Pass-2023", "", "Sakura#Design9", "", ""};
	sheet_password("b", 2, pws[1], sizeof pws[1]);
	sheet_password("b", 4, pws[3], sizeof pws[3]);
	each_opens_only_with_its_own("b", pws, 5);
	no_password_outside_sheet("b", pws, 5);
	/* The sheet: 0600, generated passwords only; row 5 is reported at
	 * its cell without its value. */
	struct stat st;
	char path[256];
	snprintf(path, sizeof path, "%s/b/passwords.csv", tmp);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(sh("test $(wc -l <'%s') -eq 3", path), 0);
	assert_int_equal(sh("grep -q 'list.csv:6:5: error' '%s/b.err'", tmp), 0);
	assert_int_equal(sh("grep -q tiny '%s/b.err' '%s/b/manifest.csv'", tmp, tmp), 1);
	assert_int_equal(sh("test ! -e '%s/b/000005-株式会社短い.pdf'", tmp), 0);
	assert_int_equal(sh("test ! -e '%s/b/.notice-gen/passwords'", tmp), 0); /* store removed */
	/* What stays deterministic: the plain letters, whose SHA-256 the
	 * manifest keeps, equal an unencrypted run's letters. */
	assert_int_equal(batch("p", "-j 1"), 0);
	assert_int_equal(sh("tr -d '\\r' <'%s/b/manifest.csv' | cut -d, -f1,11 | grep -v ',$' "
	                    "| tail -n +2 >'%s/b.sha' && cut -d, -f1,8 '%s/p/manifest.csv' "
	                    "| grep -xFf '%s/b.sha' | wc -l | grep -qx 4",
	                    tmp, tmp, tmp, tmp),
	                 0);
}

/* Without --generate-passwords a row without a password fails, and says
 * how to give one. */
static void missing_password(void **state)
{
	(void)state;
	put("list.csv", list_csv);
	assert_int_equal(batch("m", "--encrypt"), 4);
	assert_int_equal(sh("grep -q 'generate-passwords' '%s/m.err'", tmp), 0);
	assert_int_equal(sh("ls '%s/m' | grep -c pdf | grep -qx 2", tmp), 0);
	assert_int_equal(sh("test ! -e '%s/m/passwords.csv'", tmp), 0);
	assert_int_equal(batch("m2", "--generate-passwords"), 2); /* needs --encrypt */
	assert_int_equal(batch("m3", "--encrypt --format txt"), 2);
}

/* A list of n clients, as list.csv; returns its path. */
static const char *many(int n)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/list.csv", tmp);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "id,name,postcode\n");
	for (int i = 1; i <= n; i++)
		fprintf(f, "C%03d,株式会社テスト%d,100-%04d\n", i, i, i);
	fclose(f);
	return path;
}

/* Every letter of out opens with the password the sheet gives for it. */
static void sheet_opens_all(const char *out, int n)
{
	char(*pws)[64] = calloc((size_t)n, sizeof *pws);
	for (int i = 0; i < n; i++) {
		sheet_password(out, i + 1, pws[i], sizeof pws[i]);
		if (sh("pdftotext -upw '%s' '%s/%s/'%06d-*.pdf /dev/null 2>/dev/null", pws[i], tmp,
		       out, i + 1) != 0)
			fail_msg("letter %d does not open with its password from the sheet", i + 1);
	}
	no_password_outside_sheet(out, pws, n);
	free(pws);
}

/* A run killed (NG_TEST_STOP_AFTER: the run dies as under kill -9 after
 * a worker's N-th letter) and resumed loses no password; --resume of the
 * finished run is a no-op that exits 0 and keeps every letter and the
 * sheet as they are. */
static void killed_encrypted_run_resumes(void **state)
{
	(void)state;
	const char *list = many(40);
	assert_int_not_equal(sh("NG_TEST_STOP_AFTER=5 '%s' batch '%s' --clients '%s' -o '%s/k' "
	                        "--quiet -j 2 --encrypt --generate-passwords 2>/dev/null",
	                        NG_BINARY, RECORD, list, tmp),
	                     0);
	assert_int_equal(sh("test -f '%s/k/.notice-gen/journal'", tmp), 0);
	assert_int_equal(sh("test $(ls '%s/k' | grep -c pdf) -lt 40", tmp), 0);
	/* A sealed letter cannot be made again with the same bytes: its journal
	 * line is written at once, not with the next 64 (at most the other
	 * worker's letter between its rename and its line has none). */
	assert_int_equal(sh("cd '%s/k' && n=$(grep -c '^R' .notice-gen/journal) && "
	                    "test $n -ge 5 && test $n -ge $(($(ls | grep -c pdf) - 1))",
	                    tmp),
	                 0);
	assert_int_equal(batch("k", "-j 2 --encrypt --generate-passwords --resume"), 0);
	sheet_opens_all("k", 40);
	/* Finished: --resume again changes nothing and succeeds. */
	assert_int_equal(
	    sh("cd '%s/k' && sha256sum *.pdf *.csv manifest.json >'%s/k.sha'", tmp, tmp), 0);
	assert_int_equal(batch("k", "-j 2 --encrypt --generate-passwords --resume"), 0);
	assert_int_equal(sh("cd '%s/k' && sha256sum -c --quiet '%s/k.sha'", tmp, tmp), 0);
	assert_int_equal(sh("grep -q 'already exists' '%s/k.err'", tmp), 1);
	sheet_opens_all("k", 40);
}

/* The same for a plain run, and a finished run whose rows partly failed
 * ends its --resume as it ended (4). */
static void resume_of_finished_run_is_noop(void **state)
{
	(void)state;
	many(6);
	assert_int_equal(batch("f", "-j 2"), 0);
	assert_int_equal(
	    sh("cd '%s/f' && sha256sum *.pdf *.csv manifest.json >'%s/f.sha'", tmp, tmp), 0);
	assert_int_equal(batch("f", "-j 2 --resume"), 0);
	assert_int_equal(sh("cd '%s/f' && sha256sum -c --quiet '%s/f.sha'", tmp, tmp), 0);
	assert_int_equal(sh("grep -q 'nothing to resume' '%s/f.err'", tmp), 0);
	put("list.csv", list_csv);
	assert_int_equal(batch("f4", "--encrypt --generate-passwords"), 4); /* row 5 */
	assert_int_equal(batch("f4", "--encrypt --generate-passwords --resume"), 4);
	assert_int_equal(sh("test $(wc -l <'%s/f4/passwords.csv') -eq 3", tmp), 0);
	/* A rerun without flags is refused before it touches anything: the
	 * sheet (the only record of the generated passwords) stays. */
	assert_int_equal(
	    sh("cd '%s/f4' && sha256sum passwords.csv manifest.csv >'%s/f4.sha'", tmp, tmp), 0);
	assert_int_equal(batch("f4", "--encrypt --generate-passwords"), 2);
	assert_int_equal(sh("cd '%s/f4' && sha256sum -c --quiet '%s/f4.sha'", tmp, tmp), 0);
}

/* Killed after a letter was renamed into place but before its journal
 * line (the run is stopped after its third letter, whose journal line is
 * then dropped): --resume keeps that very file (its hash is in the
 * password store) and lists the password it was made with. */
static void resume_keeps_unjournaled_letter(void **state)
{
	(void)state;
	const char *list = many(30);
	sh("NG_TEST_STOP_AFTER=3 '%s' batch '%s' --clients '%s' -o '%s/u' --quiet -j 1 --encrypt "
	   "--generate-passwords 2>/dev/null",
	   NG_BINARY, RECORD, list, tmp);
	char j[256];
	snprintf(j, sizeof j, "%s/u/.notice-gen/journal", tmp);
	assert_int_equal(sh("test $(grep -c '^R' '%s') -eq 3", j), 0);
	/* Drop the last letter's journal line; remember the letter's hash. */
	assert_int_equal(sh("row=$(grep '^R' '%s' | tail -1 | cut -f2) && sed -i '$d' '%s' && "
	                    "sha256sum '%s/u/'$(printf %%06d $row)-*.pdf >'%s/u.sha' && "
	                    "echo $row >'%s/u.row'",
	                    j, j, tmp, tmp, tmp),
	                 0);
	assert_int_equal(batch("u", "-j 1 --encrypt --generate-passwords --resume"), 0);
	assert_int_equal(sh("sha256sum -c --quiet '%s/u.sha'", tmp), 0); /* kept */
	sheet_opens_all("u", 30);
}

static void merged_print_pdf(void **state)
{
	(void)state;
	put("list.csv", list_csv);
	put("owner.pw", "Print-Room-Owner-77\n");
	char opts[512];
	/* Without an owner password the print file could not be opened. */
	assert_int_equal(batch("g", "--encrypt --generate-passwords --merge x.pdf"), 2);
	snprintf(opts, sizeof opts,
	         "--encrypt --generate-passwords --owner-password-file '%s/owner.pw' "
	         "--merge '%s/print.pdf'",
	         tmp, tmp);
	assert_int_equal(batch("g", opts), 4); /* row 5 */
	assert_int_equal(sh("qpdf --show-encryption --password=Print-Room-Owner-77 '%s/print.pdf' "
	                    "| grep -qx 'file encryption method: AESv3'",
	                    tmp),
	                 0);
	assert_int_not_equal(sh("pdftotext '%s/print.pdf' - >/dev/null 2>&1", tmp), 0);
	assert_int_equal(sh("pdfinfo -upw Print-Room-Owner-77 '%s/print.pdf' | "
	                    "grep -q '^Pages: *16$'",
	                    tmp),
	                 0);
	struct stat st;
	char path[256];
	snprintf(path, sizeof path, "%s/print.pdf", tmp);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* The owner password opens every letter too. */
	assert_int_equal(sh("for f in '%s/g/'*.pdf; do pdftotext -opw Print-Room-Owner-77 \"$f\" "
	                    "/dev/null || exit 1; done",
	                    tmp),
	                 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(loaded_only_to_encrypt), /* first */
	    cmocka_unit_test(missing_library),
	    cmocka_unit_test(generated_passwords),
	    cmocka_unit_test(password_checks),
	    cmocka_unit_test(password_taken_from_row),
	    cmocka_unit_test(encrypt_r6_aes256),
	    cmocka_unit_test(pdftotext_needs_the_password),
	    cmocka_unit_test(encrypted_differs_decrypted_same),
	    cmocka_unit_test(render_encrypt),
	    cmocka_unit_test(encrypted_batch),
	    cmocka_unit_test(missing_password),
	    cmocka_unit_test(killed_encrypted_run_resumes),
	    cmocka_unit_test(resume_of_finished_run_is_noop),
	    cmocka_unit_test(resume_keeps_unjournaled_letter),
	    cmocka_unit_test(merged_print_pdf),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
