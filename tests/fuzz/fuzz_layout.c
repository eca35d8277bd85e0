/* fuzz_layout.c — libFuzzer target: arbitrary text through layout. The
 * first two bytes choose options (block kinds, alignment, table columns,
 * kinsoku level, hanging); the rest is text, cut at form feeds into
 * blocks (paragraphs, lines, headings, list items, tables whose cells are
 * split at '|'), with invalid UTF-8 and NULs replaced as validation would
 * have rejected them. Laid out with a fake measure on A4. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"

static fuzz_layout fl;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_layout_open(&fl);
	return 0;
}

/* The input as valid UTF-8 without NULs (what a loaded record holds). */
static char *clean_text(ng_arena *a, const uint8_t *data, size_t size)
{
	char *s = ng_alloc(a, size + 1);
	size_t o = 0;
	for (size_t i = 0; i < size;) {
		uint32_t cp;
		size_t n = ng_utf8_decode((const char *)data + i, size - i, &cp);
		if (!n || cp == 0) {
			s[o++] = '?';
			i++;
			continue;
		}
		memcpy(s + o, data + i, n);
		o += n, i += n;
	}
	s[o] = '\0';
	return s;
}

static void add_table(ng_doc *doc, size_t ncols, const char *s, size_t len)
{
	static const ng_pos pos = {"fuzz", 1, 1};
	ng_block *t = ng_doc_add_table(doc, ncols);
	t->header_rows = 1;
	size_t cell = 0;
	for (const char *p = s, *end = s + len; p <= end; cell++) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *e = bar ? bar : end;
		ng_content *c = ng_table_cell(doc, t, cell / ncols, cell % ncols);
		ng_content_add(doc->arena, c, p, (size_t)(e - p), pos, true);
		p = e + 1;
	}
}

static void add_block(ng_doc *doc, unsigned kind, size_t ncols, const char *s, size_t len)
{
	static const ng_block_kind kinds[] = {NG_B_PARA, NG_B_LINE,  NG_B_TITLE, NG_B_HEADING,
	                                      NG_B_ITEM, NG_B_TABLE, NG_B_SPACE, NG_B_PARA};
	static const ng_pos pos = {"fuzz", 1, 1};
	ng_block_kind k = kinds[kind % NG_ARRAY_LEN(kinds)];
	if (k == NG_B_TABLE) {
		add_table(doc, ncols, s, len);
		return;
	}
	ng_block *b = ng_doc_add(doc, k);
	b->align = (ng_align)(kind / 8 % 4);
	b->level = k == NG_B_HEADING ? 1 + (int)(kind / 32 % 3) : 1 + (int)(kind / 32 % 2);
	b->keep_with_next = kind & 0x80;
	if (k == NG_B_ITEM)
		b->marker = "・";
	if (k == NG_B_SPACE)
		b->space = 1;
	else
		ng_content_add(doc->arena, &b->content, s, len, pos, true);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	unsigned kind = data[0], flags = data[1] / 4;
	size_t ncols = 1 + data[1] % 4;
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	ng_doc *doc = ng_doc_new(a);
	char *text = clean_text(a, data + 2, size - 2);
	for (char *p = text;; kind = kind * 5 + 1) {
		char *ff = strchr(p, '\f');
		size_t len = ff ? (size_t)(ff - p) : strlen(p);
		add_block(doc, kind, ncols, p, len);
		if (!ff)
			break;
		p = ff + 1;
	}
	if (fuzz_lay_out(&fl, doc, flags, a, d) != 0 && ng_diags_errors(d) == 0)
		abort();
	ng_diags_free(d);
	ng_arena_free(a);
	return 0;
}
