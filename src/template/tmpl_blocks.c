/* tmpl_blocks.c — `@blocks PATH`: a block list of the record (blocks.h)
 * into the letter's blocks. Lists count their markers (①②③, （1）（2）),
 * nest with hanging indents, or run inline; tables are ruled, numbers in
 * them grouped and right-aligned, a lone - a centred dash; ※ notes,
 * label/value lists, ■/□ rows whose marks may come from the batch row,
 * page breaks. Every text has its {{date}} and {{field}} references
 * expanded. */
#include <string.h>

#include "../record/blocks.h"
#include "tmpl.h"

typedef struct bx {
	t_ctx *c;
	ng_doc *doc;
	double indent; /* ems: where the blocks stand */
	int level;     /* the list level of top-level items */
	int rc;
	unsigned list; /* the block being added: its items' list */
} bx;

static void add_text(bx *x, const ng_text *t, ng_content *out)
{
	if (tmpl_expand_text(x->c, t, out) != 0)
		x->rc = -1;
}

static ng_block *add(bx *x, ng_block_kind kind)
{
	ng_block *b = ng_doc_add(x->doc, kind);
	tmpl_filling(x->c, kind);
	b->indent = x->indent;
	b->list = x->list;
	return b;
}

static void paragraph(bx *x, const ng_rblock *rb)
{
	ng_block *b = add(x, NG_B_PARA);
	b->first_indent = 1;
	add_text(x, &rb->text, &b->content);
}

/* Items at a depth (1: top), each followed by its nested items. */
static void items(bx *x, const ng_rlist *l, const char *def, int depth, double space)
{
	for (size_t i = 0; i < l->n; i++) {
		const ng_ritem *it = &l->v[i];
		if (it->text.s) {
			ng_block *b = add(x, NG_B_ITEM);
			b->level = x->level + depth - 1;
			b->marker =
			    ng_marker_text(x->doc->arena, l->marker ? l->marker : def, i + 1);
			b->space = i == 0 ? space : 0;
			add_text(x, &it->text, &b->content);
		}
		if (it->sub.n)
			items(x, &it->sub, "・", depth + (it->text.s ? 1 : 0), 0);
	}
}

/* （1）氏名　（2）住所　… as one paragraph that wraps like any other. */
static void inline_list(bx *x, const ng_rblock *rb)
{
	ng_block *b = add(x, NG_B_PARA);
	b->first_indent = 0;
	for (size_t i = 0; i < rb->items.n; i++) {
		ng_pos pos = rb->items.v[i].pos;
		if (i)
			ng_content_adds(x->doc->arena, &b->content, "　", pos);
		/* The marker is glued to its item: never alone at a line end. */
		ng_content_glued(x->doc->arena, &b->content,
		                 ng_marker_text(x->doc->arena,
		                                rb->items.marker ? rb->items.marker : "・", i + 1),
		                 pos);
		add_text(x, &rb->items.v[i].text, &b->content);
	}
}

/* A numbered label line, then its value on the lines below, aligned with
 * the label's text (or one em in when the labels have no marker). */
static void labels(bx *x, const ng_rblock *rb)
{
	const char *style = rb->items.marker ? rb->items.marker : "（1）";
	bool none = strcmp(style, "none") == 0;
	for (size_t i = 0; i < rb->items.n; i++) {
		const ng_ritem *it = &rb->items.v[i];
		ng_block *b = add(x, NG_B_ITEM);
		b->level = x->level;
		b->marker = ng_marker_text(x->doc->arena, style, i + 1);
		b->keep_with_next = true;
		b->space = i == 0 ? 0.25 : 0;
		add_text(x, &it->text, &b->content);
		for (size_t v = 0; v < it->value.n; v++) {
			ng_block *vb = add(x, NG_B_ITEM);
			vb->level = x->level + 1;
			vb->marker = "";
			vb->indent = none ? 1 : 0;
			add_text(x, &it->value.v[v], &vb->content);
		}
	}
}

/* Whether a checkbox row is checked: its value, or the field it names. */
static int checked(bx *x, const ng_text *t)
{
	ng_content v = {0};
	add_text(x, t, &v);
	int k = ng_check_value(v.text ? v.text : "");
	if (k < 0) {
		ng_diag *g = ng_diag_add(
		    tmpl_diags(x->c), NG_D_BAD_VALUE, t->pos, "checked",
		    ng_aprintf(x->doc->arena, ng_tr("'%s' is not a checkbox value"), v.text));
		ng_diag_hint(tmpl_diags(x->c), g,
		             "a checkbox takes 1/0, true/false, yes/no, ○/×, ■/□, 有/無, あり/なし "
		             "or an empty cell");
		x->rc = -1;
	}
	return k > 0;
}

static void checks(bx *x, const ng_rblock *rb)
{
	for (size_t i = 0; i < rb->items.n; i++) {
		const ng_ritem *it = &rb->items.v[i];
		ng_block *b = add(x, NG_B_ITEM);
		b->level = x->level;
		/* A box fills its em: without the space the item reads 「■氏名」,
		 * where a form sets 「■ 氏名」. */
		b->marker = checked(x, &it->checked) ? "■ " : "□ ";
		b->space = i == 0 ? 0.25 : 0;
		add_text(x, &it->text, &b->content);
	}
}

/* ---- tables */

/* Units a number in a cell may carry (data, so a new one is a line). */
static const char *const units[] = {"件",   "名",   "人",     "社",     "通",   "台",   "個",
                                    "円",   "%",    "％",     "事業所", "箇所", "回",   "店舗",
                                    "校",   "枚",   "事務所", "世帯",   "施設", "団体", "法人",
                                    "か所", "カ所", "ヶ所",   "名分",   "人分"};
static const char *const prefixes[] = {"約", "最大", "計", "うち"};

static size_t skip_prefix(const char *s)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(prefixes); i++)
		if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0)
			return strlen(prefixes[i]);
	return 0;
}

static bool is_unit(const char *s)
{
	if (!*s)
		return true;
	for (size_t i = 0; i < NG_ARRAY_LEN(units); i++)
		if (strcmp(s, units[i]) == 0)
			return true;
	return false;
}

/* A number as a table cell holds one: 約1234件, 12,345, 3.5%. Returns
 * the span [*a, *b) of its integer digits, or false. */
static bool number_cell(const char *s, size_t *a, size_t *b)
{
	size_t i = skip_prefix(s);
	if (s[i] == '-' || s[i] == '+')
		i++;
	*a = i;
	bool commas = false;
	while ((s[i] >= '0' && s[i] <= '9') || (s[i] == ',' && i > *a))
		commas |= s[i++] == ',';
	*b = i;
	if (*b == *a)
		return false;
	if (s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')
		for (i++; s[i] >= '0' && s[i] <= '9'; i++)
			;
	if (!is_unit(s + i))
		return false;
	if (commas)
		*b = *a; /* grouped already */
	return true;
}

static bool dash_cell(const char *s)
{
	return strcmp(s, "-") == 0 || strcmp(s, "－") == 0 || strcmp(s, "―") == 0;
}

/* The cell's text with its digits grouped (1234567 → 1,234,567). */
static void cell_text(bx *x, const ng_text *t, bool header, ng_content *out, bool *number)
{
	ng_content raw = {0};
	add_text(x, t, &raw);
	const char *s = raw.text ? raw.text : "";
	size_t a = 0, b = 0;
	/* A header names its column (2024 as a year stays 2024). */
	*number = !header && number_cell(s, &a, &b);
	ng_pos pos = t->pos;
	if (dash_cell(s)) {
		ng_content_adds(x->doc->arena, out, "－", pos); /* a full-width dash: visible */
		return;
	}
	if (!*number || b - a <= 3) {
		if (raw.len)
			ng_content_add(x->doc->arena, out, s, raw.len, pos,
			               t->plain && raw.nspans == 1);
		return;
	}
	ng_buf g = {0};
	ng_buf_add(&g, s, a);
	for (size_t i = a; i < b; i++) {
		if (i > a && (b - i) % 3 == 0)
			ng_buf_addc(&g, ',');
		ng_buf_addc(&g, s[i]);
	}
	ng_buf_adds(&g, s + b);
	ng_content_add(x->doc->arena, out, g.data, g.len, pos, false);
	ng_buf_free(&g);
}

static const ng_align aligns[] = {[NG_RA_AUTO] = NG_ALIGN_JUSTIFY,
                                  [NG_RA_LEFT] = NG_ALIGN_LEFT,
                                  [NG_RA_RIGHT] = NG_ALIGN_RIGHT,
                                  [NG_RA_CENTER] = NG_ALIGN_CENTER};

static void table(bx *x, const ng_rblock *rb)
{
	const ng_rtable *t = rb->table;
	size_t rows = t->nheader + t->nbody + t->ntotal;
	ng_block *b = ng_doc_add_table(x->doc, t->ncols);
	b->indent = x->indent;
	b->space = 0.25;
	b->ruled = true;
	b->header_rows = t->nheader;
	b->total_rows = t->ntotal;
	b->col_align = ng_alloc(x->doc->arena, t->ncols * sizeof *b->col_align);
	/* A column of numbers (dashes and empty cells aside) is set flush
	 * right, so that digits line up. */
	bool *text_col = ng_alloc(x->doc->arena, t->ncols * sizeof *text_col);
	bool *num_col = ng_alloc(x->doc->arena, t->ncols * sizeof *num_col);
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const ng_text *src = &t->cells[r * t->ncols + c];
			bool num;
			cell_text(x, src, r < t->nheader, ng_table_cell(x->doc, b, r, c), &num);
			if (r < t->nheader || !*src->s || dash_cell(src->s))
				continue;
			num_col[c] |= num;
			text_col[c] |= !num;
		}
	}
	for (size_t c = 0; c < t->ncols; c++) {
		ng_ralign a = t->align[c];
		if (a == NG_RA_AUTO && num_col[c] && !text_col[c])
			a = NG_RA_RIGHT;
		b->col_align[c] = aligns[a];
	}
	b->cell_span = ng_alloc(x->doc->arena, rows * t->ncols * sizeof *b->cell_span);
	memcpy(b->cell_span, t->span, rows * t->ncols * sizeof *b->cell_span);
	if (t->widths) {
		b->col_em = ng_alloc(x->doc->arena, t->ncols * sizeof *b->col_em);
		memcpy(b->col_em, t->widths, t->ncols * sizeof *b->col_em);
	}
	if (t->note.n)
		items(x, &t->note, "※", 1, 0.25);
}

static void block(bx *x, const ng_rblock *rb)
{
	x->list = (unsigned)x->doc->n + 1; /* one list per block: unique */
	switch (rb->kind) {
	case NG_RB_PARAGRAPH:
		paragraph(x, rb);
		break;
	case NG_RB_LIST:
		if (rb->inline_list)
			inline_list(x, rb);
		else
			items(x, &rb->items, "・", 1, 0);
		break;
	case NG_RB_NOTE:
		items(x, &rb->items, "※", 1, 0);
		break;
	case NG_RB_LABELS:
		labels(x, rb);
		break;
	case NG_RB_CHECKS:
		checks(x, rb);
		break;
	case NG_RB_TABLE:
		table(x, rb);
		break;
	case NG_RB_PAGE_BREAK:
		ng_doc_add(x->doc, NG_B_BREAK);
		break;
	}
}

int tmpl_blocks(t_ctx *c, const ng_node *list, double indent, int level)
{
	ng_rblocks bl;
	if (ng_blocks_read(list, "blocks", tmpl_arena(c), tmpl_diags(c), &bl) != 0)
		return -1;
	bx x = {c, tmpl_doc(c), indent, level > 0 ? level : 1, 0, 0};
	for (size_t i = 0; i < bl.n; i++)
		block(&x, &bl.v[i]);
	return x.rc;
}
