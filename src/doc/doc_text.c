/* doc_text.c — the block tree as plain text (for an e-mail) and as Markdown
 * (for a web page): no layout, paragraphs unwrapped, one blank line
 * between blocks. */
#include <string.h>

#include "doc.h"

/* ---- plain text */

/* The marker and what parts it from its text: a full-width space after a
 * marker ending in a letter (第一, ア), as the layout does. */
static void marker(const char *m, ng_buf *out)
{
	size_t n = strlen(m);
	ng_buf_adds(out, m);
	for (size_t i = n; i > 0; i--) {
		uint32_t cp = 0;
		if (ng_utf8_decode(m + i - 1, n - i + 1, &cp) == n - i + 1) {
			if ((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) ||
			    (cp >= 0x4E00 && cp <= 0x9FFF))
				ng_buf_adds(out, "　");
			return;
		}
	}
}

static void text_block(const ng_block *b, ng_buf *out)
{
	switch (b->kind) {
	case NG_B_SPACE:
	case NG_B_BREAK:     /* a text has no pages */
	case NG_B_RECIPIENT: /* the envelope's window, not the message */
		return;
	case NG_B_ITEM:
		/* Nested items (and a label's value) one em in per level. */
		for (int i = 1; i < b->level; i++)
			ng_buf_adds(out, "　");
		marker(b->marker ? b->marker : "・", out);
		ng_buf_printf(out, "%s\n", b->content.text);
		return;
	case NG_B_TABLE:
		for (size_t r = 0; r < b->nrows; r++) {
			for (size_t c = 0; c < b->ncols; c++)
				ng_buf_printf(out, "%s%s", c ? "　" : "",
				              b->cells[r * b->ncols + c].text);
			ng_buf_addc(out, '\n');
		}
		break;
	case NG_B_PARA:
		/* A paragraph's first line is indented one em, as on paper. */
		ng_buf_printf(out, "%s%s\n", b->first_indent > 0 ? "　" : "", b->content.text);
		break;
	default:
		ng_buf_printf(out, "%s\n", b->content.text);
	}
}

void ng_doc_text(const ng_doc *d, ng_buf *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const ng_block *b = &d->v[i];
		bool gap = i > 0 && (b->kind == NG_B_SPACE || b->kind == NG_B_HEADING ||
		                     b->kind == NG_B_TITLE || b->kind == NG_B_BREAK ||
		                     d->v[i - 1].kind == NG_B_TITLE);
		if (gap && out->len &&
		    (out->len < 2 || strcmp(out->data + out->len - 2, "\n\n") != 0))
			ng_buf_addc(out, '\n');
		text_block(b, out);
	}
}

/* ---- Markdown */

/* Text with Markdown's active characters escaped; newlines become hard
 * breaks. */
static void md_escape(const char *s, ng_buf *out)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>#|", *s))
			ng_buf_addc(out, '\\');
		if (*s == '\n')
			ng_buf_adds(out, "  ");
		ng_buf_addc(out, *s);
	}
}

static void md_content(const ng_content *c, ng_buf *out)
{
	if (!c->link) {
		md_escape(c->text, out);
		return;
	}
	ng_buf_addc(out, '[');
	md_escape(c->text, out);
	ng_buf_printf(out, "](%s)", c->link);
}

static void md_table(const ng_block *b, ng_buf *out)
{
	size_t head = b->header_rows ? 1 : 0;
	for (size_t r = 0; r < b->nrows + (head ? 0 : 1); r++) {
		/* Markdown tables need a header row: an empty one when the
		 * table has none. */
		bool blank = !head && r == 0;
		size_t row = blank ? 0 : r - (head ? 0 : 1);
		ng_buf_adds(out, "|");
		for (size_t c = 0; c < b->ncols; c++) {
			ng_buf_addc(out, ' ');
			if (!blank)
				md_content(&b->cells[row * b->ncols + c], out);
			ng_buf_adds(out, " |");
		}
		ng_buf_addc(out, '\n');
		if (r == 0) {
			static const char *const rule[] = {"---|", ":---:|", "---:|", "---|"};
			ng_buf_addc(out, '|');
			for (size_t c = 0; c < b->ncols; c++) {
				ng_align a = b->col_align ? b->col_align[c] : NG_ALIGN_JUSTIFY;
				ng_buf_adds(out, rule[a == NG_ALIGN_CENTER  ? 1
				                      : a == NG_ALIGN_RIGHT ? 2
				                                            : 0]);
			}
			ng_buf_addc(out, '\n');
		}
	}
}

/* A ・ item is a Markdown list item (nested by two spaces a level); an
 * item with another marker (①, （1）, ※, ■) keeps it as text, on a line
 * of its own (a hard break), as does a label's value under its label. */
static void md_item(const ng_block *b, ng_buf *out)
{
	bool bullet = !b->marker || strcmp(b->marker, "・") == 0;
	for (int i = 1; i < b->level; i++)
		ng_buf_adds(out, bullet ? "  " : "　");
	if (bullet) {
		ng_buf_adds(out, "- ");
		md_content(&b->content, out);
		ng_buf_addc(out, '\n');
		return;
	}
	ng_buf m = {0};
	marker(b->marker, &m);
	md_escape(m.data ? m.data : "", out);
	ng_buf_free(&m);
	md_content(&b->content, out);
	ng_buf_adds(out, "  \n");
}

static void md_block(const ng_block *b, ng_buf *out)
{
	switch (b->kind) {
	case NG_B_SPACE:
	case NG_B_RECIPIENT:
		return;
	case NG_B_TITLE:
		ng_buf_adds(out, "# ");
		break;
	case NG_B_HEADING:
		for (int i = 0; i <= (b->level > 0 ? b->level : 1); i++)
			ng_buf_addc(out, '#');
		ng_buf_addc(out, ' ');
		break;
	case NG_B_ITEM:
		md_item(b, out);
		return;
	case NG_B_BREAK:
		ng_buf_adds(out, "---\n\n"); /* a web page has no pages: a thematic break */
		return;
	case NG_B_TABLE:
		md_table(b, out);
		ng_buf_addc(out, '\n');
		return;
	case NG_B_LINE:
		if (b->align == NG_ALIGN_RIGHT || b->align == NG_ALIGN_CENTER) {
			/* Markdown cannot align; keep the line a line of its own. */
			md_content(&b->content, out);
			ng_buf_adds(out, "\n\n");
			return;
		}
		break;
	default:
		break;
	}
	md_content(&b->content, out);
	ng_buf_adds(out, b->kind == NG_B_ITEM ? "\n" : "\n\n");
}

void ng_doc_markdown(const ng_doc *d, ng_buf *out)
{
	for (size_t i = 0; i < d->n; i++) {
		if (i && d->v[i - 1].kind == NG_B_ITEM && d->v[i].kind != NG_B_ITEM)
			ng_buf_addc(out, '\n');
		md_block(&d->v[i], out);
	}
}
