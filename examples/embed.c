/* embed.c — notice-gen from another program, without temporary files: the
 * record is bytes the program holds, letters come back in memory.
 *
 *   cc embed.c $(pkg-config --cflags --libs notice-gen) -lpthread -o embed
 *   ./embed incident.yaml out.pdf
 *
 * It renders the record's letter into a buffer (asking for the size
 * first), the same letter through a callback, one client's letter from a
 * row given as key/value pairs, a letter from a template given as text,
 * and the record's letter on two threads with a handle each; it checks
 * that the copies agree and writes the first to out.pdf. Exit 0 when all
 * of it worked. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <notice_gen.h>

typedef struct bytes {
	char *data;
	size_t len;
} bytes;

static int collect(void *ctx, const void *data, size_t len)
{
	bytes *b = ctx;
	char *p = realloc(b->data, b->len + len);
	if (!p)
		return -1;
	memcpy(p + b->len, data, len);
	b->data = p;
	b->len += len;
	return 0;
}

static bytes record;

static int fail(const char *what, ng_diags *d)
{
	fprintf(stderr, "embed: %s failed\n", what);
	ng_diags_print(d, stderr, 0);
	return 1;
}

/* One letter into a buffer of exactly its size: a call with cap 0 tells
 * the size (and returns NG_ERR_IO), the second fills the buffer. */
static int into_buffer(ng_handle *h, const ng_letter_opts *o, bytes *out, ng_diags *d)
{
	ng_output size = {0};
	if (ng_handle_render(h, o, &size, d) != NG_ERR_IO || size.len == 0)
		return -1;
	ng_output full = {.buf = malloc(size.len), .cap = size.len};
	if (ng_handle_render(h, o, &full, d) != NG_OK) {
		free(full.buf);
		return -1;
	}
	out->data = full.buf;
	out->len = full.len;
	return 0;
}

/* A thread: its own handle and diagnostics, the record's letter. */
static void *thread_letter(void *arg)
{
	bytes *out = arg;
	ng_diags *d = ng_diags_new();
	ng_handle *h = ng_handle_new("incident.yaml", record.data, record.len, d, NULL);
	ng_letter_opts o = {.format = NG_FORMAT_PDF};
	ng_output cb = {.write = collect, .ctx = out};
	if (!h || ng_handle_render(h, &o, &cb, d) != NG_OK)
		ng_diags_print(d, stderr, 0);
	ng_handle_free(h);
	ng_diags_free(d);
	return NULL;
}

static int same(const bytes *a, const bytes *b)
{
	return a->len == b->len && a->len > 0 && memcmp(a->data, b->data, a->len) == 0;
}

static int read_all(const char *path, bytes *b)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char chunk[65536];
	for (size_t n; (n = fread(chunk, 1, sizeof chunk, f)) > 0;)
		collect(b, chunk, n);
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: embed INCIDENT.yaml OUT.pdf\n");
		return 2;
	}
	if (read_all(argv[1], &record) != 0) {
		perror(argv[1]);
		return 1;
	}
	ng_diags *d = ng_diags_new();
	ng_handle *h = ng_handle_new("incident.yaml", record.data, record.len, d, NULL);
	if (!h)
		return fail("reading the record", d);
	ng_letter_opts own = {.format = NG_FORMAT_PDF};
	bytes buf = {0}, cb = {0}, row_txt = {0}, tmpl_txt = {0}, t1 = {0}, t2 = {0};
	if (into_buffer(h, &own, &buf, d) != 0)
		return fail("the letter into a buffer", d);
	ng_output out = {.write = collect, .ctx = &cb};
	if (ng_handle_render(h, &own, &out, d) != NG_OK || !same(&buf, &cb))
		return fail("the letter through a callback", d);

	/* One client's letter: a row as a client list would have it. */
	static const char *const keys[] = {"会社名", "担当者", "郵便番号", "住所"};
	static const char *const values[] = {"株式会社青葉商事", "山田 太郎", "1000001",
	                                     "東京都千代田区千代田1-1"};
	ng_letter_opts row = {
	    .format = NG_FORMAT_TXT, .keys = keys, .values = values, .nfields = 4};
	out = (ng_output){.write = collect, .ctx = &row_txt};
	if (ng_handle_render(h, &row, &out, d) != NG_OK ||
	    !strstr(row_txt.data, "株式会社青葉商事") || !strstr(row_txt.data, "山田 太郎 様"))
		return fail("a client's letter", d);

	/* A template given as text. */
	static const char tmpl[] = "@template inline\n"
	                           "@title {{ letter.title }}\n"
	                           "@para {{ sender.organization }}\n";
	ng_letter_opts text = {.templ = "inline.tmpl",
	                       .templ_text = tmpl,
	                       .templ_len = sizeof tmpl - 1,
	                       .format = NG_FORMAT_TXT};
	out = (ng_output){.write = collect, .ctx = &tmpl_txt};
	if (ng_handle_render(h, &text, &out, d) != NG_OK || !strstr(tmpl_txt.data, "小林労務"))
		return fail("a template given as text", d);

	/* Two threads, a handle each: the same bytes as the first letter. */
	pthread_t a, b;
	pthread_create(&a, NULL, thread_letter, &t1);
	pthread_create(&b, NULL, thread_letter, &t2);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	if (!same(&buf, &t1) || !same(&buf, &t2))
		return fail("letters on two threads", d);

	FILE *f = fopen(argv[2], "wb");
	if (!f || fwrite(buf.data, 1, buf.len, f) != buf.len || fclose(f) != 0) {
		perror(argv[2]);
		return 1;
	}
	printf("embed: %zu-byte letter (buffer, callback and 2 threads agree), client letter "
	       "%zu bytes of text, inline template %zu bytes\n",
	       buf.len, row_txt.len, tmpl_txt.len);
	ng_handle_free(h);
	ng_diags_free(d);
	free(record.data);
	free(buf.data), free(cb.data), free(row_txt.data), free(tmpl_txt.data);
	free(t1.data), free(t2.data);
	return 0;
}
