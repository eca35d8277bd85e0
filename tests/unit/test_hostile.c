/* test_hostile.c — hostile and pathological inputs, each with the error it
 * must give: aliases (billion laughs), files too large to read (a 1 GB
 * sparse file, /dev/zero), NUL bytes, overlong and surrogate UTF-8, U+FEFF
 * and direction overrides inside text, escape sequences, deep nesting,
 * huge values, lists, tables and CSVs with 10,000 columns, a symlinked
 * output directory, and the fuzzers' findings. Small cases live in
 * tests/hostile/; large ones are generated here, never committed. Nothing
 * is timed: CTest's TIMEOUT catches a case that stops finishing quickly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/batch_int.h"
#include "layout/layout.h"
#include "record/record.h"
#include "template/template.h"

#define HOSTILE NG_SOURCE_DIR "/tests/hostile/"
#define MINIMAL NG_SOURCE_DIR "/tests/golden/minimal.yaml"
#define EXAMPLE NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml"

static char dir[64]; /* this run's private scratch directory */

/* ---- helpers */

static const char *scratch(const char *name)
{
	static char path[2][160];
	static int k;
	k ^= 1;
	snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
	return path[k];
}

static const char *write_scratch(const char *name, const char *data, size_t len)
{
	const char *path = scratch(name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* The minimal record with its organisation's value replaced by org (it
 * stands at line 7, column 17). */
static void minimal_with(ng_buf *out, const char *org)
{
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(ng_read_file(MINIMAL, 1 << 20, &data, &len), 0);
	const char *at = strstr(data, "小林労務\n");
	assert_non_null(at);
	ng_buf_add(out, data, (size_t)(at - data));
	ng_buf_adds(out, org);
	ng_buf_adds(out, at + strlen("小林労務"));
	free(data);
}

/* Whether d holds a diagnostic id at line:col (line -1: anywhere). */
static bool has(const ng_diags *d, const char *id, int line, int col)
{
	for (size_t i = 0; i < ng_diags_count(d); i++) {
		const ng_diag *g = ng_diags_get(d, i);
		if (strcmp(g->id, id) == 0 && (line < 0 || (g->line == line && g->col == col)))
			return true;
	}
	ng_diags_print(d, stderr, 0);
	return false;
}

/* Loads a record from path: it must fail with id at line:col. */
static void record_fails(const char *path, const char *id, int line, int col)
{
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	assert_null(ng_record_load(path, a, d));
	if (!has(d, id, line, col))
		fail_msg("%s: no %s at %d:%d", path, id, line, col);
	ng_diags_free(d);
	ng_arena_free(a);
}

static void record_text_fails(const char *text, size_t len, const char *id, int line, int col)
{
	record_fails(write_scratch("case.yaml", text, len), id, line, col);
}

/* Loads a client list and checks each row: the list or a row must give
 * id at line:col. Returns the number of rows that passed. */
static size_t list_fails(const char *path, const char *id, int line, int col)
{
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	ng_rows rows;
	ng_clients_opts o = {.path = path};
	size_t ok = 0;
	if (ng_clients_load(&o, a, &rows, d) == 0)
		for (size_t i = 0; i < rows.n; i++)
			ok += ng_clients_check_row(&rows.v[i], a, d) == 0;
	if (!has(d, id, line, col))
		fail_msg("%s: no %s at %d:%d", path, id, line, col);
	ng_diags_free(d);
	ng_arena_free(a);
	return ok;
}

/* Builds the example letter through a template file: it must fail with
 * id at line:col of the template. */
static void template_fails(const char *path, const char *id, int line, int col)
{
	char err[128];
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	ng_era *era = ng_era_new(err, sizeof err);
	ng_record *rec = ng_record_load(EXAMPLE, a, d);
	assert_non_null(rec);
	ng_template *t = ng_template_load(path, a, d);
	if (t) {
		ng_doc *doc = ng_doc_new(a);
		assert_int_not_equal(ng_template_build(t, rec, era, doc, d), 0);
	}
	if (!has(d, id, line, col))
		fail_msg("%s: no %s at %d:%d", path, id, line, col);
	ng_era_free(era);
	ng_diags_free(d);
	ng_arena_free(a);
}

/* ---- the record */

static void billion_laughs(void **state)
{
	(void)state;
	record_fails(HOSTILE "billion-laughs.yaml", "yaml-alias", 3, 4);
}

static void sparse_gigabyte_file(void **state)
{
	(void)state;
	const char *path = scratch("sparse.yaml");
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)1 << 30), 0); /* no blocks written */
	close(fd);
	record_fails(path, "too-large", 0, 0);
	/* Refused by its size, before a byte is read: so is a client list. */
	list_fails(path, "too-large", 0, 0);
	unlink(path);
}

static void endless_input(void **state)
{
	(void)state;
	record_fails("/dev/zero", "too-large", 0, 0); /* capped while reading */
}

static void directory_as_record(void **state)
{
	(void)state;
	record_fails(dir, "io-read", 0, 0);
}

static void nul_byte(void **state)
{
	(void)state;
	ng_buf b = {0};
	minimal_with(&b, "小林");
	char *p = strstr(b.data, "小林\n");
	p[strlen("小林")] = '\0'; /* the newline after it becomes a NUL */
	record_text_fails(b.data, b.len, "bad-value", 7, 19);
	ng_buf_free(&b);
}

static void overlong_utf8(void **state)
{
	(void)state;
	ng_buf b = {0};
	minimal_with(&b, "小林\xC0\xAF"); /* '/' in two bytes */
	record_text_fails(b.data, b.len, "invalid-utf8", 7, 19);
	ng_buf_free(&b);
}

static void surrogate_utf8(void **state)
{
	(void)state;
	ng_buf b = {0};
	minimal_with(&b, "\xED\xA0\x80"); /* U+D800 */
	record_text_fails(b.data, b.len, "invalid-utf8", 7, 17);
	ng_buf_free(&b);
}

static void beyond_unicode(void **state)
{
	(void)state;
	ng_buf b = {0};
	minimal_with(&b, "\xF4\x90\x80\x80"); /* U+110000 */
	record_text_fails(b.data, b.len, "invalid-utf8", 7, 17);
	ng_buf_free(&b);
}

static void feff_in_the_middle(void **state)
{
	(void)state;
	record_fails(HOSTILE "bom-middle.yaml", "bad-value", 7, 19);
}

static void rtl_override_in_name(void **state)
{
	(void)state;
	record_fails(HOSTILE "rtl-override.yaml", "bad-value", 5, 14);
}

/* Diagnostics name the field and the code point, never the personal
 * value itself. */
static void diagnostics_keep_values_out(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	assert_null(ng_record_load(HOSTILE "rtl-override.yaml", a, d));
	for (size_t i = 0; i < ng_diags_count(d); i++) {
		const ng_diag *g = ng_diags_get(d, i);
		assert_null(strstr(g->message, "evil"));
		assert_true(!g->hint || !strstr(g->hint, "evil"));
	}
	ng_diags_free(d);
	ng_arena_free(a);
}

static void escape_sequence(void **state)
{
	(void)state;
	record_fails(HOSTILE "escape-sequence.yaml", "bad-value", -1, 0);
}

static void deep_nesting(void **state)
{
	(void)state;
	enum { DEPTH = 10000 };
	ng_buf b = {0};
	ng_buf_adds(&b, "letter: ");
	for (int i = 0; i < DEPTH; i++)
		ng_buf_addc(&b, '[');
	for (int i = 0; i < DEPTH; i++)
		ng_buf_addc(&b, ']');
	ng_buf_addc(&b, '\n');
	record_text_fails(b.data, b.len, "too-large", 1, 40); /* the 32nd '[' */
	ng_buf_free(&b);
}

static void huge_value(void **state)
{
	(void)state;
	ng_buf org = {0}, b = {0};
	for (int i = 0; i < 300000; i++) /* over the 256 KiB cap of a value */
		ng_buf_addc(&org, 'x');
	minimal_with(&b, org.data);
	record_text_fails(b.data, b.len, "too-large", 7, 17);
	ng_buf_free(&org);
	ng_buf_free(&b);
}

static void huge_key(void **state)
{
	(void)state;
	ng_buf b = {0};
	for (int i = 0; i < 300000; i++)
		ng_buf_addc(&b, 'k');
	ng_buf_adds(&b, ": 1\n");
	record_text_fails(b.data, b.len, "too-large", 1, 1);
	ng_buf_free(&b);
}

static void too_many_items(void **state)
{
	(void)state;
	ng_buf b = {0};
	ng_buf_adds(&b, "other:\n");
	for (int i = 0; i <= 100000; i++)
		ng_buf_adds(&b, "  - x\n");
	record_text_fails(b.data, b.len, "too-large", 100002, 5);
	ng_buf_free(&b);
}

/* 10,000 timeline entries load; the letter they would make is refused
 * (rows of a table, or pages) with a clear error, not after minutes. */
static void ten_thousand_timeline_entries(void **state)
{
	(void)state;
	ng_buf b = {0};
	minimal_with(&b, "小林労務");
	ng_buf_adds(&b, "    timeline:\n");
	for (int i = 0; i < 10000; i++)
		ng_buf_printf(&b, "      - {when: 2023-06-05, what: 対応その%d}\n", i + 1);
	const char *path = write_scratch("timeline.yaml", b.data, b.len);
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	ng_record *rec = ng_record_load(path, a, d);
	assert_non_null(rec);
	assert_int_equal(rec->parties.v[0].timeline.n, 10000);
	ng_render_opts o = {.input = path,
	                    .output = scratch("timeline.txt"),
	                    .templ = "client-notice",
	                    .dump = NG_DUMP_LAYOUT};
	assert_int_equal(ng_render(&o, d), NG_ERR_INPUT);
	assert_true(has(d, "too-large", -1, 0));
	ng_diags_free(d);
	ng_arena_free(a);
	ng_buf_free(&b);
}

/* ---- client lists */

static void csv_ten_thousand_columns(void **state)
{
	(void)state;
	ng_buf b = {0};
	ng_buf_adds(&b, "name");
	for (int i = 1; i < 10000; i++)
		ng_buf_printf(&b, ",c%d", i);
	ng_buf_adds(&b, "\n株式会社青葉\n");
	list_fails(write_scratch("wide.csv", b.data, b.len), "too-large", 1, 257);
	ng_buf_free(&b);
}

static void csv_nul_byte(void **state)
{
	(void)state;
	static const char csv[] = "id,name\n1,青葉\0商事\n";
	list_fails(write_scratch("nul.csv", csv, sizeof csv - 1), "bad-value", 0, 0);
}

/* Found by fuzz_clients: a BOM was taken as proof of UTF-8. */
static void csv_bom_then_invalid(void **state)
{
	(void)state;
	list_fails(HOSTILE "bom-invalid.csv", "invalid-utf8", 0, 0);
}

static void csv_rtl_names(void **state)
{
	(void)state;
	/* Row 1 is fine; rows 2 and 3 fail at their name cells. */
	assert_int_equal(list_fails(HOSTILE "rtl-names.csv", "bad-value", 3, 2), 1);
	list_fails(HOSTILE "rtl-names.csv", "bad-value", 4, 2);
}

static void yaml_list_aliases(void **state)
{
	(void)state;
	list_fails(HOSTILE "billion-laughs-list.yaml", "yaml-alias", 2, 3);
}

/* Found by fuzz_clients: an empty postcode was folded through a NULL
 * buffer (undefined behaviour). */
static void yaml_list_empty_postcode(void **state)
{
	(void)state;
	static const char list[] = "- name: 株式会社青葉\n  postcode:\n";
	list_fails(write_scratch("empty.yaml", list, sizeof list - 1), "bad-value", 2, 12);
}

/* Found by fuzz_clients: the '_' between words was not counted against
 * the 80-byte cap of a file name. */
static void long_name_capped(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_new();
	ng_buf name = {0};
	for (int i = 0; i < 79; i++)
		ng_buf_addc(&name, 'w');
	ng_buf_adds(&name, " ミ");
	const char *f = ng_batch_file_name(a, 14, name.data, "pdf");
	assert_true(strlen(f) - strlen("000014-.pdf") <= 80);
	assert_null(strstr(f, "_."));
	f = ng_batch_file_name(a, 15, "\xe2\x80\x8f../../etc/passwd\xe2\x80\x8e", "pdf");
	assert_null(strchr(f + 6, '/'));
	ng_buf_free(&name);
	ng_arena_free(a);
}

static void symlinked_output_dir(void **state)
{
	(void)state;
	const char *real = scratch("real-out");
	assert_int_equal(mkdir(real, 0700), 0);
	const char *link = scratch("link-out");
	assert_int_equal(symlink(real, link), 0);
	ng_batch_opts o = {.input = MINIMAL,
	                   .clients = NG_SOURCE_DIR "/examples/shaamu-2023/clients.csv",
	                   .outdir = link,
	                   .jobs = 1,
	                   .format = NG_FORMAT_TXT};
	ng_diags *d = ng_diags_new();
	assert_int_equal(ng_batch(&o, d), NG_ERR_IO);
	assert_true(has(d, "io-write", 0, 0));
	ng_diags_free(d);
}

/* An output path that exists and is not a regular file (a FIFO, a
 * symbolic link such as /dev/stdout, a device node) is refused before
 * anything is rendered, and left as it was. */
static void output_not_a_regular_file(void **state)
{
	(void)state;
	char fifo[160], target[160], link[160], stdout_link[160], dev[160], cmd[400];
	snprintf(fifo, sizeof fifo, "%s", scratch("out.fifo"));
	assert_int_equal(mkfifo(fifo, 0600), 0);
	snprintf(target, sizeof target, "%s", write_scratch("target.pdf", "keep", 4));
	snprintf(link, sizeof link, "%s", scratch("out-link.pdf"));
	assert_int_equal(symlink(target, link), 0);
	/* Like /dev/stdout (never the real one: a failure would replace it). */
	snprintf(stdout_link, sizeof stdout_link, "%s", scratch("stdout.pdf"));
	assert_int_equal(symlink("/proc/self/fd/1", stdout_link), 0);
	/* A device node like /dev/null (mknod works for root only). */
	snprintf(dev, sizeof dev, "%s", scratch("out-null.pdf"));
	snprintf(cmd, sizeof cmd, "mknod '%s' c 1 3 2>/dev/null", dev);
	bool have_dev = system(cmd) == 0;
	const char *outs[] = {fifo, link, stdout_link, have_dev ? dev : fifo};
	for (size_t i = 0; i < NG_ARRAY_LEN(outs); i++) {
		ng_render_opts o = {.input = MINIMAL, .output = outs[i], .format = NG_FORMAT_PDF};
		ng_diags *d = ng_diags_new();
		assert_int_equal(ng_render(&o, d), NG_ERR_IO);
		assert_true(has(d, "io-write", 0, 0));
		ng_diags_free(d);
	}
	struct stat st;
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(lstat(stdout_link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_size, 4);
	if (have_dev) {
		assert_int_equal(lstat(dev, &st), 0);
		assert_true(S_ISCHR(st.st_mode));
	}
}

/* A 40,000-character title (record) or name (client list) is refused at
 * its line and column (row and column) with the limit, not as a libharu
 * error without a position; the list's other rows still go out. */
/* A heading is not capped (it prints in full, over as many pages as it
 * takes), but its bookmark is: 40,000 characters passed libharu's limit
 * for one string and failed the letter without a position. */
static void forty_thousand_character_heading(void **state)
{
	(void)state;
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(ng_read_file(MINIMAL, 1 << 20, &data, &len), 0);
	ng_buf rec = {0};
	ng_buf_add(&rec, data, len);
	free(data);
	ng_buf_adds(&rec, "sections:\n  - heading: ");
	for (int i = 0; i < 40000; i++)
		ng_buf_adds(&rec, "見");
	ng_buf_adds(&rec, "\n    blocks: [本文です。]\n");
	char path[160];
	snprintf(path, sizeof path, "%s", write_scratch("long-heading.yaml", rec.data, rec.len));
	ng_buf_free(&rec);
	ng_render_opts o = {
	    .input = path, .output = scratch("long-heading.pdf"), .format = NG_FORMAT_PDF};
	ng_diags *d = ng_diags_new();
	assert_int_equal(ng_render(&o, d), NG_OK);
	ng_diags_free(d);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null", scratch("long-heading.pdf"));
	assert_int_equal(system(cmd), 0);
}

static void forty_thousand_character_fields(void **state)
{
	(void)state;
	ng_buf big = {0};
	for (int i = 0; i < 40000; i++)
		ng_buf_adds(&big, "題");
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(ng_read_file(MINIMAL, 1 << 20, &data, &len), 0);
	const char *at = strstr(data, "\n  title: ");
	assert_non_null(at);
	at += strlen("\n  title: ");
	ng_buf rec = {0};
	ng_buf_add(&rec, data, (size_t)(at - data));
	ng_buf_add(&rec, big.data, big.len);
	ng_buf_adds(&rec, at + strcspn(at, "\n"));
	int line = 1;
	for (const char *p = data; p < at; p++)
		line += *p == '\n';
	free(data);
	char path[160];
	snprintf(path, sizeof path, "%s", write_scratch("long-title.yaml", rec.data, rec.len));
	ng_render_opts o = {
	    .input = path, .output = scratch("long-title.pdf"), .format = NG_FORMAT_PDF};
	ng_diags *d = ng_diags_new();
	assert_int_equal(ng_render(&o, d), NG_ERR_INPUT);
	assert_true(has(d, "too-large", line, 10));
	ng_diags_free(d);
	ng_buf list = {0};
	ng_buf_adds(&list, "id,name\nC1,株式会社よい\nC2,");
	ng_buf_add(&list, big.data, big.len);
	ng_buf_adds(&list, "\n");
	char lpath[160];
	snprintf(lpath, sizeof lpath, "%s", write_scratch("long-name.csv", list.data, list.len));
	ng_batch_opts b = {.input = MINIMAL,
	                   .clients = lpath,
	                   .outdir = scratch("long-out"),
	                   .jobs = 1,
	                   .format = NG_FORMAT_PDF};
	d = ng_diags_new();
	assert_int_equal(ng_batch(&b, d), NG_ERR_PARTIAL);
	assert_true(has(d, "too-large", 3, 2));
	ng_diags_free(d);
	ng_buf_free(&big);
	ng_buf_free(&rec);
	ng_buf_free(&list);
}

/* A {{date}} left unquoted at the start of a list item or value is read
 * by YAML as a map: the error says so at the item and hints the quotes,
 * not "'key' must be a plain scalar". */
static void unquoted_braces_hint(void **state)
{
	(void)state;
	static const char *const docs[] = {
	    "overview:\n  - {{2023-06-05 未明}}、攻撃を受けました。\n",
	    "overview:\n  - {{2023-06-05}}\n", "letter:\n  title: {{letter.date}} のお知らせ\n"};
	static const int cols[] = {5, 5, 10};
	for (size_t i = 0; i < NG_ARRAY_LEN(docs); i++) {
		ng_arena *a = ng_arena_new();
		ng_diags *d = ng_diags_new();
		assert_null(ng_yaml_load("braces.yaml", docs[i], strlen(docs[i]),
		                         &ng_yaml_default_limits, a, d));
		assert_true(has(d, "bad-value", 2, cols[i]));
		assert_non_null(strstr(ng_diags_get(d, 0)->hint, "quotes"));
		for (size_t k = 0; k < ng_diags_count(d); k++)
			assert_null(strstr(ng_diags_get(d, k)->message, "plain scalar"));
		ng_diags_free(d);
		ng_arena_free(a);
	}
}

/* init and templates report a full standard output (exit 3), never
 * exit 0 with a cut starter record. */
static void full_stdout(void **state)
{
	(void)state;
	FILE *full = fopen("/dev/full", "w");
	assert_non_null(full);
	ng_diags *d = ng_diags_new();
	assert_int_equal(ng_init(NULL, full, d), NG_ERR_IO);
	assert_true(has(d, "io-write", 0, 0));
	ng_diags_free(d);
	clearerr(full);
	d = ng_diags_new();
	assert_int_equal(ng_list_templates(full, d), NG_ERR_IO);
	assert_true(has(d, "io-write", 0, 0));
	ng_diags_free(d);
	fclose(full);
}

/* ---- templates (found by fuzz_template) */

static void template_zero_columns(void **state)
{
	(void)state;
	template_fails(HOSTILE "table-zero-columns.tmpl", "template", 2, 1);
}

static void template_nan_size(void **state)
{
	(void)state;
	template_fails(HOSTILE "nan-size.tmpl", "template", 2, 1);
}

/* ---- layout */

/* One em a character, combining accents (U+0300–U+036F) none. */
static double fake_measure(void *ctx, ng_font_role font, double size, const char *s, size_t len)
{
	(void)ctx;
	(void)font;
	double w = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp = 0;
		size_t n = ng_utf8_decode(s + i, len - i, &cp);
		w += cp >= 0x300 && cp < 0x370 ? 0 : size;
		i += n ? n : 1;
	}
	return w;
}

/* Lays out one paragraph of text; returns its number of lines. */
static size_t lay_out_paragraph(const ng_buf *text, ng_diags *d)
{
	ng_arena *a = ng_arena_new();
	ng_doc *doc = ng_doc_new(a);
	ng_block *b = ng_doc_add(doc, NG_B_PARA);
	ng_content_add(a, &b->content, text->data, text->len, (ng_pos){"t", 1, 1}, true);
	ng_linebreaker *lb = ng_linebreaker_new(true);
	ng_layout_opts o;
	ng_layout_defaults(&o);
	o.measure = fake_measure;
	ng_pages pages;
	assert_int_equal(ng_layout(doc, &o, lb, a, &pages, d), 0);
	size_t lines = 0;
	for (size_t p = 0; p < pages.npages; p++)
		lines += pages.pages[p].nlines;
	ng_linebreaker_free(lb);
	ng_arena_free(a);
	return lines;
}

/* 100,000 characters without a break opportunity: set, broken at the
 * margin, 43 to a line, with one warning (not one per line) that quotes
 * only the run's start. */
static void unbreakable_paragraph(void **state)
{
	(void)state;
	ng_diags *d = ng_diags_new();
	ng_buf text = {0};
	for (int i = 0; i < 100000; i++)
		ng_buf_addc(&text, 'x');
	size_t lines = lay_out_paragraph(&text, d);
	assert_true(lines >= 100000 / 43 && lines <= 100000 / 43 + 100);
	assert_int_equal(ng_diags_count(d), 1);
	assert_true(has(d, "layout-overflow", 1, 1));
	assert_true(strlen(ng_diags_get(d, 0)->message) < 200);
	ng_buf_free(&text);
	ng_diags_free(d);
}

/* A letter followed by 100,000 zero-width combining accents: one
 * unbreakable cluster as wide as a letter, set without measuring it once
 * per accent. */
static void zero_width_run(void **state)
{
	(void)state;
	ng_diags *d = ng_diags_new();
	ng_buf text = {0};
	ng_buf_addc(&text, 'a');
	for (int i = 0; i < 100000; i++)
		ng_buf_adds(&text, "\xCC\x81"); /* U+0301 */
	assert_true(lay_out_paragraph(&text, d) >= 1);
	ng_buf_free(&text);
	ng_diags_free(d);
}

static int group_setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/ng-hostile-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(billion_laughs),
	    cmocka_unit_test(sparse_gigabyte_file),
	    cmocka_unit_test(endless_input),
	    cmocka_unit_test(directory_as_record),
	    cmocka_unit_test(nul_byte),
	    cmocka_unit_test(overlong_utf8),
	    cmocka_unit_test(surrogate_utf8),
	    cmocka_unit_test(beyond_unicode),
	    cmocka_unit_test(feff_in_the_middle),
	    cmocka_unit_test(rtl_override_in_name),
	    cmocka_unit_test(diagnostics_keep_values_out),
	    cmocka_unit_test(escape_sequence),
	    cmocka_unit_test(deep_nesting),
	    cmocka_unit_test(huge_value),
	    cmocka_unit_test(huge_key),
	    cmocka_unit_test(too_many_items),
	    cmocka_unit_test(ten_thousand_timeline_entries),
	    cmocka_unit_test(csv_ten_thousand_columns),
	    cmocka_unit_test(csv_nul_byte),
	    cmocka_unit_test(csv_bom_then_invalid),
	    cmocka_unit_test(csv_rtl_names),
	    cmocka_unit_test(yaml_list_aliases),
	    cmocka_unit_test(yaml_list_empty_postcode),
	    cmocka_unit_test(long_name_capped),
	    cmocka_unit_test(symlinked_output_dir),
	    cmocka_unit_test(output_not_a_regular_file),
	    cmocka_unit_test(full_stdout),
	    cmocka_unit_test(unquoted_braces_hint),
	    cmocka_unit_test(forty_thousand_character_fields),
	    cmocka_unit_test(forty_thousand_character_heading),
	    cmocka_unit_test(template_zero_columns),
	    cmocka_unit_test(template_nan_size),
	    cmocka_unit_test(unbreakable_paragraph),
	    cmocka_unit_test(zero_width_run),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
