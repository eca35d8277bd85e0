/* test_engine.c — letters through one engine: per-client letters of the
 * reference record are byte-identical whether rendered in the order
 * A, B, C, in the order C, B, A, or each alone in a fresh engine (the
 * fonts a template's letters share depend on the record and template
 * only); a client whose name has characters the record's own letter does
 * not use gets a font of its own beside the shared one, and the letter
 * still passes qpdf --check, lists every font embedded, subset and with
 * a ToUnicode map, and gives back its text exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "../common/shell.h"

#include "batch/batch_int.h"
#include "batch/clients.h"
#include "core/engine.h"

#define RECORD NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml"
#define NROWS  3

/* Row C's name and contact use 髙 and 﨑, which the record's own letter
 * does not. */
static const char list[] =
    "id,name,contact,postcode,services\n"
    "C1,株式会社サンプル,総務部 担当者 様,101-0001,社会保険労働保険手続き\n"
    "C2,有限会社テスト,人事部 山田 様,102-0002,給与賞与年末調整における計算\n"
    "C3,株式会社髙橋商事,総務部 﨑山 様,103-0003,社会保険労働保険手続き\n";

typedef struct fixture {
	char dir[64], csv[96], pdf[96], err[96];
	ng_arena *a;
	ng_rows rows;
	ng_buf alone[NROWS];
} fixture;

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Renders row i through e into out. */
static void render_row(fixture *fx, ng_engine *e, size_t i, ng_buf *out)
{
	ng_diags *d = ng_diags_new();
	ng_arena *a = ng_arena_new();
	ng_row *row = &fx->rows.v[i];
	ng_letter_in in = {.templ = ng_engine_template(e, NULL, d),
	                   .root = ng_batch_view(a, ng_engine_record(e), row, d),
	                   .format = NG_FORMAT_PDF};
	assert_non_null(in.templ);
	assert_non_null(in.root);
	ng_letter_out lo = {0};
	ng_status st = ng_engine_letter(e, &in, &lo, d);
	if (st != NG_OK || ng_diags_errors(d))
		ng_diags_print(d, stderr, 0);
	assert_int_equal(st, NG_OK);
	ng_buf_reset(out);
	ng_buf_add(out, lo.bytes.data, lo.bytes.len);
	ng_buf_free(&lo.bytes);
	ng_arena_free(a);
	ng_diags_free(d);
}

static ng_engine *open_engine(void)
{
	ng_diags *d = ng_diags_new();
	ng_status st;
	ng_engine *e = ng_engine_open(RECORD, d, &st);
	if (!e)
		ng_diags_print(d, stderr, 0);
	ng_diags_free(d);
	assert_non_null(e);
	return e;
}

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	strcpy(fx->dir, "/tmp/ng-engine-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->csv, sizeof fx->csv, "%s/clients.csv", fx->dir);
	snprintf(fx->pdf, sizeof fx->pdf, "%s/letter.pdf", fx->dir);
	snprintf(fx->err, sizeof fx->err, "%s/tool.err", fx->dir);
	write_file(fx->csv, list, sizeof list - 1);
	fx->a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	ng_clients_opts co = {.path = fx->csv};
	int rc = ng_clients_load(&co, fx->a, &fx->rows, d);
	for (size_t i = 0; rc == 0 && i < fx->rows.n; i++)
		rc = ng_clients_check_row(&fx->rows.v[i], fx->a, d);
	if (rc || fx->rows.n != NROWS) {
		ng_diags_print(d, stderr, 0);
		return -1;
	}
	ng_diags_free(d);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
	int rc = system(cmd);
	for (int i = 0; i < NROWS; i++)
		ng_buf_free(&fx->alone[i]);
	ng_arena_free(fx->a);
	free(fx);
	return rc == 0 ? 0 : -1;
}

/* Each letter alone in a fresh engine, then all through one engine in
 * two orders: every letter's bytes are the same each time. */
static void test_order_independent(void **state)
{
	fixture *fx = *state;
	for (size_t i = 0; i < NROWS; i++) {
		ng_engine *e = open_engine();
		render_row(fx, e, i, &fx->alone[i]);
		ng_engine_free(e);
	}
	static const size_t orders[][NROWS] = {{0, 1, 2}, {2, 1, 0}};
	ng_buf got = {0};
	for (size_t k = 0; k < NG_ARRAY_LEN(orders); k++) {
		ng_engine *e = open_engine();
		for (size_t j = 0; j < NROWS; j++) {
			size_t i = orders[k][j];
			render_row(fx, e, i, &got);
			assert_int_equal(got.len, fx->alone[i].len);
			assert_memory_equal(got.data, fx->alone[i].data, got.len);
		}
		ng_engine_free(e);
	}
	ng_buf_free(&got);
	/* The letters differ (in their addressee), but share their fonts. */
	assert_true(fx->alone[0].len != fx->alone[2].len ||
	            memcmp(fx->alone[0].data, fx->alone[2].data, fx->alone[0].len) != 0);
}

/* Runs "TOOL ARGS fx->pdf", stdout into out (NUL-terminated), stderr into
 * fx->err; returns the exit status. */
static int run_tool(fixture *fx, const char *tool, const char *args, ng_buf *out)
{
	return sh_capture(out, "%s %s '%s' %s 2>'%s'", tool, args, fx->pdf,
	                  strcmp(tool, "pdftotext") == 0 ? "-" : "", fx->err);
}

static void assert_no_stderr(fixture *fx)
{
	assert_file_empty(fx->err);
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* Row C draws 髙 and 﨑 with a Mincho subset of its own: three fonts,
 * each embedded, subset and with a ToUnicode map; the text is exact. */
static void test_own_font(void **state)
{
	fixture *fx = *state;
	if (!fx->alone[2].len) { /* run alone: render it here */
		ng_engine *e = open_engine();
		render_row(fx, e, 2, &fx->alone[2]);
		ng_engine_free(e);
	}
	write_file(fx->pdf, fx->alone[2].data, fx->alone[2].len);
	ng_buf out = {0};
	assert_int_equal(run_tool(fx, "pdffonts", "", &out), 0);
	assert_no_stderr(fx);
	assert_int_equal(count(out.data, "CID TrueType"), 3);
	assert_int_equal(count(out.data, "yes yes yes"), 3);
	assert_int_equal(count(out.data, "+IPAexMincho "), 2);
	ng_buf_reset(&out);
	assert_int_equal(run_tool(fx, "qpdf", "--check", &out), 0);
	assert_no_stderr(fx);
	ng_buf_reset(&out);
	assert_int_equal(run_tool(fx, "pdftotext", "-enc UTF-8", &out), 0);
	assert_no_stderr(fx);
	assert_non_null(strstr(out.data, "株式会社髙橋商事"));
	assert_non_null(strstr(out.data, "総務部 﨑山 様"));
	ng_buf_free(&out);
}

/* The record's own letter (the single `render`) is its own shared font:
 * one font per face, nothing of its own. */
static void test_own_letter_one_font_per_face(void **state)
{
	fixture *fx = *state;
	ng_engine *e = open_engine();
	ng_diags *d = ng_diags_new();
	ng_letter_in in = {.templ = ng_engine_template(e, NULL, d), .format = NG_FORMAT_PDF};
	ng_letter_out lo = {0};
	assert_int_equal(ng_engine_letter(e, &in, &lo, d), NG_OK);
	write_file(fx->pdf, lo.bytes.data, lo.bytes.len);
	ng_buf out = {0};
	assert_int_equal(run_tool(fx, "pdffonts", "", &out), 0);
	assert_no_stderr(fx);
	assert_int_equal(count(out.data, "CID TrueType"), 2);
	assert_int_equal(count(out.data, "yes yes yes"), 2);
	ng_buf_free(&out);
	ng_buf_free(&lo.bytes);
	ng_diags_free(d);
	ng_engine_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_order_independent),
	    cmocka_unit_test(test_own_font),
	    cmocka_unit_test(test_own_letter_one_font_per_face),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
