/* doc.c — building the block tree and dumping it as text. */
#include "doc.h"

#include <string.h>

ng_doc *ng_doc_new(ng_arena *a)
{
	ng_doc *d = ng_alloc(a, sizeof *d);
	d->arena = a;
	return d;
}

ng_block *ng_doc_add(ng_doc *d, ng_block_kind kind)
{
	d->v = ng_agrow(d->arena, d->v, sizeof *d->v, &d->cap, d->n + 1);
	ng_block *b = &d->v[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->align = kind == NG_B_PARA ? NG_ALIGN_JUSTIFY : NG_ALIGN_LEFT;
	b->font = kind == NG_B_TITLE || kind == NG_B_HEADING ? NG_FONT_HEADING : NG_FONT_BODY;
	b->content.text = "";
	return b;
}

void ng_content_add(ng_arena *a, ng_content *c, const char *s, size_t len, ng_pos pos, bool exact)
{
	if (len == 0)
		return;
	size_t cap = c->cap;
	char *old = c->cap ? c->text : NULL;
	char *text = ng_agrow(a, old, 1, &cap, c->len + len + 1);
	if (!old && c->len)
		memcpy(text, c->text, c->len);
	memcpy(text + c->len, s, len);
	text[c->len + len] = '\0';
	c->text = text;
	c->cap = cap;
	c->spans = ng_agrow(a, c->spans, sizeof *c->spans, &c->capspans, c->nspans + 1);
	c->spans[c->nspans++] = (ng_span){c->len, len, pos, exact, false};
	c->len += len;
}

void ng_content_adds(ng_arena *a, ng_content *c, const char *s, ng_pos pos)
{
	ng_content_add(a, c, s, strlen(s), pos, false);
}

void ng_content_glued(ng_arena *a, ng_content *c, const char *s, ng_pos pos)
{
	size_t n = c->nspans;
	ng_content_add(a, c, s, strlen(s), pos, false);
	if (c->nspans > n)
		c->spans[n].glue = true;
}

ng_pos ng_content_pos(const ng_content *c, size_t off)
{
	for (size_t i = 0; i < c->nspans; i++) {
		const ng_span *s = &c->spans[i];
		if (off >= s->start && off < s->start + s->len) {
			ng_pos p = s->pos;
			if (s->exact && !memchr(c->text + s->start, '\n', off - s->start))
				p.col += (int)ng_utf8_count(c->text + s->start, off - s->start);
			return p;
		}
	}
	return c->nspans ? c->spans[0].pos : (ng_pos){0};
}

ng_pos ng_content_pos_next(ng_pos_cursor *cur, const ng_content *c, size_t off)
{
	if (cur->c != c || cur->span >= c->nspans || off < cur->off ||
	    off >= c->spans[cur->span].start + c->spans[cur->span].len) {
		size_t i = 0;
		while (i < c->nspans &&
		       !(off >= c->spans[i].start && off < c->spans[i].start + c->spans[i].len))
			i++;
		if (i == c->nspans)
			return ng_content_pos(c, off);
		*cur = (ng_pos_cursor){c, i, c->spans[i].start, 0, false};
	}
	const ng_span *s = &c->spans[cur->span];
	const char *from = c->text + cur->off;
	/* Columns are counted only where they map to the source. */
	if (s->exact) {
		cur->newline = cur->newline || memchr(from, '\n', off - cur->off);
		cur->col += (int)ng_utf8_count(from, off - cur->off);
	}
	cur->off = off;
	ng_pos p = s->pos;
	if (s->exact && !cur->newline)
		p.col += cur->col;
	return p;
}

ng_block *ng_doc_add_table(ng_doc *d, size_t ncols)
{
	ng_block *t = ng_doc_add(d, NG_B_TABLE);
	t->ncols = ncols;
	return t;
}

ng_content *ng_table_cell(ng_doc *d, ng_block *t, size_t row, size_t col)
{
	if (row >= t->caprows) {
		/* Doubling: a timeline of thousands of rows must not copy the
		 * table once per row (arena memory is never given back). */
		size_t rows = t->caprows ? t->caprows : 4;
		while (rows <= row)
			rows *= 2;
		ng_content *cells = ng_alloc(d->arena, rows * t->ncols * sizeof *cells);
		if (t->nrows)
			memcpy(cells, t->cells, t->nrows * t->ncols * sizeof *cells);
		t->cells = cells;
		t->caprows = rows;
	}
	for (size_t i = t->nrows * t->ncols; i < (row + 1) * t->ncols; i++)
		t->cells[i].text = "";
	if (row >= t->nrows)
		t->nrows = row + 1;
	return &t->cells[row * t->ncols + col];
}

static const char *const kind_names[NG_B__COUNT] = {
    "para", "line", "title", "heading", "item", "table", "space", "recipient", "break"};
static const char *const align_names[] = {"left", "right", "center", "justify"};

static void dump_block(const ng_block *b, ng_buf *out)
{
	ng_buf_printf(out, "%s", kind_names[b->kind]);
	if (b->kind == NG_B_BREAK) {
		ng_buf_addc(out, '\n');
		return;
	}
	if (b->kind == NG_B_SPACE) {
		ng_buf_printf(out, " %.2g\n", b->space);
		return;
	}
	if (b->kind == NG_B_RECIPIENT) {
		const ng_recipient *r = b->recipient;
		ng_buf_printf(out, " barcode=%d | %s | %s | %s", r->barcode, r->postcode.text,
		              r->address.text, r->name.text);
		if (r->mark.len)
			ng_buf_printf(out, " | mark font=%d %s", (int)r->mark_font, r->mark.text);
		ng_buf_addc(out, '\n');
		return;
	}
	ng_buf_printf(out, " %s font=%d", align_names[b->align], (int)b->font);
	if (b->level)
		ng_buf_printf(out, " level=%d", b->level);
	if (b->indent || b->first_indent)
		ng_buf_printf(out, " indent=%.2g/%.2g", b->indent, b->first_indent);
	if (b->marker)
		ng_buf_printf(out, " marker=%s", b->marker);
	if (b->content.link)
		ng_buf_printf(out, " link=%s", b->content.link);
	if (b->kind != NG_B_TABLE) {
		ng_buf_printf(out, " | %s\n", b->content.text);
		return;
	}
	ng_buf_printf(out, " %zux%zu", b->nrows, b->ncols);
	if (b->ruled)
		ng_buf_printf(out, " header=%zu total=%zu", b->header_rows, b->total_rows);
	for (size_t c = 0; b->col_align && c < b->ncols; c++)
		ng_buf_printf(out, "%s%s", c ? "," : " align=", align_names[b->col_align[c]]);
	for (size_t c = 0; b->col_em && c < b->ncols; c++)
		ng_buf_printf(out, "%s%.3g", c ? "," : " em=", b->col_em[c]);
	if (b->ruled)
		ng_buf_adds(out, " ruled");
	ng_buf_addc(out, '\n');
	for (size_t r = 0; r < b->nrows; r++) {
		ng_buf_adds(out, "  row");
		for (size_t c = 0; c < b->ncols; c++) {
			int sp = b->cell_span ? b->cell_span[r * b->ncols + c] : 1;
			if (sp == 0)
				continue; /* under the spanning cell */
			ng_buf_printf(out, sp < 0 ? " | ^" : " | %s",
			              b->cells[r * b->ncols + c].text);
			if (sp > 1)
				ng_buf_printf(out, " <span=%d>", sp);
		}
		ng_buf_addc(out, '\n');
	}
}

void ng_doc_dump(const ng_doc *d, ng_buf *out)
{
	for (size_t i = 0; i < d->n; i++)
		dump_block(&d->v[i], out);
}
