/* test_api.c — the in-memory calls of notice_gen.h: a record as bytes
 * reports problems at the name given, a row's problems at <row>:1:K, a
 * buffer too small returns NG_ERR_IO with the size, a failing callback
 * stops the call, and a client's letter names the client. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "notice_gen.h"
#include "util/util.h"

#define EXAMPLE NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml"

static char *record;
static size_t record_len;

static int setup(void **state)
{
	(void)state;
	return ng_read_file(EXAMPLE, 1 << 22, &record, &record_len);
}

static int teardown(void **state)
{
	(void)state;
	free(record);
	return 0;
}

static const ng_diag *find(const ng_diags *d, const char *id)
{
	for (size_t i = 0; i < ng_diags_count(d); i++)
		if (strcmp(ng_diags_get(d, i)->id, id) == 0)
			return ng_diags_get(d, i);
	return NULL;
}

static void bad_record_at_its_name(void **state)
{
	(void)state;
	static const char bad[] = "letter:\n  date: 2023-02-30\n";
	ng_diags *d = ng_diags_new();
	ng_status st = NG_OK;
	assert_null(ng_handle_new("mine.yaml", bad, sizeof bad - 1, d, &st));
	assert_int_equal(st, NG_ERR_INPUT);
	const ng_diag *g = find(d, "bad-date");
	assert_non_null(g);
	assert_string_equal(g->file, "mine.yaml");
	assert_int_equal(g->line, 2);
	ng_diags_free(d);
	ng_handle_free(NULL); /* a no-op */
}

static int refuse(void *ctx, const void *data, size_t len)
{
	(void)data;
	*(size_t *)ctx += len;
	return -1;
}

static void buffer_and_callback(void **state)
{
	(void)state;
	ng_diags *d = ng_diags_new();
	ng_handle *h = ng_handle_new("incident.yaml", record, record_len, d, NULL);
	assert_non_null(h);
	ng_letter_opts o = {.format = NG_FORMAT_TXT};
	char small[16];
	ng_output out = {.buf = small, .cap = sizeof small};
	assert_int_equal(ng_handle_render(h, &o, &out, d), NG_ERR_IO);
	assert_true(out.len > sizeof small);
	assert_int_equal(ng_diags_errors(d), 0); /* the size is no error */
	size_t need = out.len;
	char *big = malloc(need + 1);
	out = (ng_output){.buf = big, .cap = need};
	assert_int_equal(ng_handle_render(h, &o, &out, d), NG_OK);
	assert_int_equal(out.len, need);
	big[need] = '\0';
	assert_non_null(strstr(big, "令和5年7月21日"));
	size_t seen = 0;
	out = (ng_output){.write = refuse, .ctx = &seen};
	assert_int_equal(ng_handle_render(h, &o, &out, d), NG_ERR_IO);
	assert_int_equal(seen, need);
	assert_non_null(find(d, "io-write"));
	free(big);
	ng_handle_free(h);
	ng_diags_free(d);
}

static int append(void *ctx, const void *data, size_t len)
{
	ng_buf_add(ctx, data, len);
	return 0;
}

static void client_row(void **state)
{
	(void)state;
	ng_diags *d = ng_diags_new();
	ng_handle *h = ng_handle_new("incident.yaml", record, record_len, d, NULL);
	assert_non_null(h);
	static const char *const keys[] = {"name", "kind", "postcode"};
	static const char *const good[] = {"佐藤 花子", "person", "100-0001"};
	static const char *const bad[] = {"佐藤 花子", "person", "12"};
	ng_buf text = {0};
	ng_letter_opts o = {.format = NG_FORMAT_TXT, .keys = keys, .values = good, .nfields = 3};
	ng_output out = {.write = append, .ctx = &text};
	assert_int_equal(ng_handle_render(h, &o, &out, d), NG_OK);
	ng_buf_addc(&text, '\0');
	assert_non_null(strstr(text.data, "佐藤 花子 様"));
	o.values = bad;
	assert_int_equal(ng_handle_render(h, &o, &out, d), NG_ERR_INPUT);
	const ng_diag *g = NULL;
	for (size_t i = 0; i < ng_diags_count(d); i++)
		if (ng_diags_get(d, i)->severity == NG_SEV_ERROR)
			g = ng_diags_get(d, i);
	assert_non_null(g);
	assert_string_equal(g->file, "<row>");
	assert_int_equal(g->col, 3); /* the third pair: postcode */
	ng_buf_free(&text);
	ng_handle_free(h);
	ng_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bad_record_at_its_name),
	    cmocka_unit_test(buffer_and_callback),
	    cmocka_unit_test(client_row),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
