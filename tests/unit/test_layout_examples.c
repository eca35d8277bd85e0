/* test_layout_examples.c — every example (examples/NAME/incident.yaml)
 * rendered with the real fonts (its layout dump is compared with the
 * stored one by `notice-gen snapshot` in scripts/test, tests/snapshots/),
 * and a checker reads the dump as a user's CI would and fails on any rule
 * violation: a 行頭禁則 character starting a line, a 行末禁則 character
 * ending one, a 分離禁止 pair split across lines, a justified line ending
 * more than 0.1 pt from its margin, or a line past its margin. */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/jlreq.h"

#define EXAMPLES  NG_SOURCE_DIR "/examples"
#define TOLERANCE 0.1

static ng_jlreq *jl;

/* One row of the dump. */
typedef struct row {
	double x, w, r;
	char flags[8];
	const char *text;
	size_t len;
} row;

static bool parse_row(const char *s, row *out)
{
	int n = 0;
	size_t page, line;
	if (sscanf(s, "%zu %zu x=%lf y=%*f w=%lf r=%lf %7s | %n", &page, &line, &out->x, &out->w,
	           &out->r, out->flags, &n) != 6 ||
	    n == 0)
		return false;
	out->text = s + n;
	const char *nl = strchr(out->text, '\n');
	out->len = nl ? (size_t)(nl - out->text) : strlen(out->text);
	return true;
}

static int cls_at(const char *s, size_t len, bool last)
{
	size_t i = 0, n = 0;
	uint32_t cp = 0;
	if (last) {
		i = len;
		do
			i--;
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
	}
	n = ng_utf8_decode(s + i, len - i, &cp);
	return n ? ng_jlreq_class(jl, cp) : -1;
}

static int check_row(const char *name, const row *g, const row *prev, ng_buf *why)
{
	int bad = 0;
	/* Page numbers and list markers are not broken text. */
	if (strchr(g->flags, 'P') || strchr(g->flags, 'M') || g->len == 0)
		return 0;
	int first = cls_at(g->text, g->len, false), last = cls_at(g->text, g->len, true);
	unsigned ff = ng_jlreq_info(jl, first)->flags, lf = ng_jlreq_info(jl, last)->flags;
	/* Only a line the breaker started can break a line-start rule: the
	 * first line of a text (a table cell holding just 「－」) starts where
	 * the author started it. */
	if (strchr(g->flags, 'C') && (ff & (NG_JF_NOSTART | NG_JF_NOSTART4)))
		bad++, ng_buf_printf(why, "%s: 行頭禁則: %.*s\n", name, (int)g->len, g->text);
	if (lf & NG_JF_NOEND)
		bad++, ng_buf_printf(why, "%s: 行末禁則: %.*s\n", name, (int)g->len, g->text);
	if (prev && strchr(g->flags, 'C') &&
	    ng_jlreq_pair(jl, cls_at(prev->text, prev->len, true), first)->nobreak)
		bad++, ng_buf_printf(why, "%s: 分離禁止: %.*s / %.*s\n", name, (int)prev->len,
		                     prev->text, (int)g->len, g->text);
	if (strchr(g->flags, 'J') && fabs(g->x + g->w - g->r) > TOLERANCE)
		bad++, ng_buf_printf(why, "%s: justified line ends %.2f pt from its margin: %.*s\n",
		                     name, g->r - g->x - g->w, (int)g->len, g->text);
	if (!strchr(g->flags, 'H') && g->x + g->w > g->r + TOLERANCE)
		bad++,
		    ng_buf_printf(why, "%s: past the margin: %.*s\n", name, (int)g->len, g->text);
	return bad;
}

/* The rule checker over a dump; returns the number of violations. */
static int check_dump(const char *name, const char *dump, ng_buf *why)
{
	int bad = 0;
	row prev, cur;
	bool have_prev = false;
	for (const char *s = dump; s && *s; s = strchr(s, '\n'), s = s ? s + 1 : NULL) {
		if (!parse_row(s, &cur))
			continue;
		bad += check_row(name, &cur, have_prev ? &prev : NULL, why);
		prev = cur;
		have_prev = true;
	}
	return bad;
}

/* A record whose text names client.COLUMN makes letters only in a batch
 * (examples/school-2024); test_sections checks its letters. */
static bool batch_only(const char *yaml)
{
	char *data;
	size_t len;
	if (ng_read_file(yaml, 1 << 22, &data, &len) != 0)
		return false;
	bool yes = strstr(data, "{{client.") != NULL;
	free(data);
	return yes;
}

static char *render_dump_with(const char *yaml, const char *templ)
{
	char out[] = "/tmp/ng-layout-XXXXXX";
	int fd = mkstemp(out);
	assert_true(fd >= 0);
	close(fd);
	ng_render_opts o = {.input = yaml, .output = out, .templ = templ, .dump = NG_DUMP_LAYOUT};
	ng_diags *d = ng_diags_new();
	ng_status st = ng_render(&o, d);
	ng_diags_free(d);
	assert_int_equal(st, NG_OK);
	char *data;
	size_t len;
	assert_int_equal(ng_read_file(out, 1 << 24, &data, &len), 0);
	unlink(out);
	return data;
}

static void test_examples(void **state)
{
	(void)state;
	DIR *dir = opendir(EXAMPLES);
	assert_non_null(dir);
	int count = 0, bad = 0;
	ng_buf why = {0};
	for (struct dirent *e; (e = readdir(dir));) {
		char yaml[1024];
		snprintf(yaml, sizeof yaml, EXAMPLES "/%s/incident.yaml", e->d_name);
		if (e->d_name[0] == '.' || access(yaml, R_OK) != 0 || batch_only(yaml))
			continue;
		char *dump = render_dump_with(yaml, NULL);
		bad += check_dump(e->d_name, dump, &why);
		free(dump);
		/* every built-in template keeps the rules too */
		static const char *const builtins[] = {"client-notice", "individual-notice",
		                                       "public-notice", "ppc-report"};
		for (size_t t = 0; t < sizeof builtins / sizeof *builtins; t++) {
			char label[512];
			snprintf(label, sizeof label, "%s (%s)", e->d_name, builtins[t]);
			dump = render_dump_with(yaml, builtins[t]);
			bad += check_dump(label, dump, &why);
			free(dump);
		}
		count++;
	}
	closedir(dir);
	assert_true(count > 0);
	if (bad)
		fail_msg("%d rule violations:\n%s", bad, why.data);
	ng_buf_free(&why);
}

/* The checker itself must catch what it is meant to catch. */
static void test_checker_catches(void **state)
{
	(void)state;
	ng_buf why = {0};
	const char *dump = "1 1 x=10.00 y=1.00 w=90.00 r=100.00 J | あいう「\n"
	                   "1 2 x=10.00 y=2.00 w=50.00 r=100.00 JC | 。えお1\n"
	                   "1 3 x=10.00 y=3.00 w=50.00 r=100.00 C | 23\n"
	                   "1 4 x=10.00 y=4.00 w=99.00 r=100.00 - | past\n";
	/* 行末「, 行頭。, J short by 40 pt, 1/23 split, line 1 short by 0 ok,
	 * line 4 past the margin */
	assert_int_equal(check_dump("t", dump, &why), 5);
	ng_buf_free(&why);
}

static int setup(void **state)
{
	(void)state;
	ng_diags *d = ng_diags_new();
	jl = ng_jlreq_load(NULL, d);
	ng_diags_free(d);
	return jl ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	ng_jlreq_free(jl);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_checker_catches),
	    cmocka_unit_test(test_examples),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
