/* blocks.c — reading a block list from the record's YAML tree (see
 * blocks.h): each item is a string (a paragraph) or a map with exactly one
 * kind key and that kind's options. Every problem is reported at its
 * position — an unknown key with the nearest known one, a wrong type, a
 * table row of the wrong width — and reading goes on, so one run shows
 * them all. Also the marker styles of lists and the values a checkbox
 * takes, shared with the template side. */
#include "blocks.h"

#include <stdlib.h>
#include <string.h>

typedef struct br {
	ng_arena *a;
	ng_diags *d;
	int errors;
} br;

/* The template language's caps on a table (tmpl_eval.c). */
enum { MAX_COLUMNS = 16, MAX_ROWS = 5000, MAX_MARKER = 8 };

/* Kind keys, indexed by ng_rblock_kind, and the option keys each takes. */
static const char *const kind_keys[] = {[NG_RB_PARAGRAPH] = "paragraph",  [NG_RB_LIST] = "list",
                                        [NG_RB_TABLE] = "table",          [NG_RB_NOTE] = "note",
                                        [NG_RB_LABELS] = "labels",        [NG_RB_CHECKS] = "checks",
                                        [NG_RB_PAGE_BREAK] = "page_break"};

static const struct option_key {
	ng_rblock_kind kind;
	const char *key;
} option_keys[] = {{NG_RB_LIST, "marker"},
                   {NG_RB_LIST, "inline"},
                   {NG_RB_NOTE, "marker"},
                   {NG_RB_LABELS, "numbering"}};

static const char *const item_keys[] = {"text", "items", "marker"};
static const char *const label_keys[] = {"label", "value"};
static const char *const check_keys[] = {"checked", "text"};
static const char *const table_keys[] = {"header", "rows", "total", "align", "widths", "note"};
static const char *const align_names[] = {[NG_RA_AUTO] = "auto",
                                          [NG_RA_LEFT] = "left",
                                          [NG_RA_RIGHT] = "right",
                                          [NG_RA_CENTER] = "center"};

static int fail(br *r)
{
	r->errors++;
	return -1;
}

static int wrong_type(br *r, const ng_node *n, const char *key, const char *expect)
{
	ng_diag_add(r->d, NG_D_WRONG_TYPE, n->pos, key, expect);
	return fail(r);
}

static int bad_value(br *r, const ng_node *n, const char *key, const char *problem,
                     const char *hint)
{
	ng_diag *g = ng_diag_add(r->d, NG_D_BAD_VALUE, n->pos, key, ng_tr(problem));
	if (hint)
		ng_diag_hint(r->d, g, "%s", ng_tr(hint));
	return fail(r);
}

/* ---- "did you mean" */

static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];
	if (la > 63 || lb > 63)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			best = row[j] + 1 < best ? row[j] + 1 : best;
			best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* Reports an unknown key of a map whose known keys are keys[0..n). */
static void unknown_key(br *r, const ng_node *key, const char *where, const char *const *keys,
                        size_t n)
{
	ng_diag *g = ng_diag_add(r->d, NG_D_UNKNOWN_KEY, key->pos, key->value, ng_tr(where));
	const char *near = NULL;
	size_t best = strlen(key->value) / 2 + 2;
	ng_buf known = {0};
	for (size_t i = 0; i < n; i++) {
		size_t dist = distance(key->value, keys[i]);
		if (dist < best)
			best = dist, near = keys[i];
		ng_buf_printf(&known, "%s%s", i ? ", " : "", keys[i]);
	}
	if (near)
		ng_diag_hint(r->d, g, "did you mean '%s'?", near);
	else
		ng_diag_hint(r->d, g, "known keys here: %s", known.data);
	ng_buf_free(&known);
	fail(r);
}

static bool in(const char *s, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, keys[i]) == 0)
			return true;
	return false;
}

/* Checks a map's keys against keys[0..n); unknown ones are reported. */
static void known_keys(br *r, const ng_node *m, const char *where, const char *const *keys,
                       size_t n)
{
	for (size_t i = 0; i < m->n; i++)
		if (!in(m->keys[i]->value, keys, n))
			unknown_key(r, m->keys[i], where, keys, n);
}

/* ---- values */

static int text(br *r, const ng_node *n, const char *key, ng_text *out)
{
	if (ng_record_text(n, key, r->a, r->d, out) != 0)
		return fail(r);
	return 0;
}

static int texts(br *r, const ng_node *n, const char *key, ng_texts *out)
{
	if (n->kind == NG_NODE_SCALAR) {
		out->v = ng_alloc(r->a, sizeof *out->v);
		out->n = 1;
		return text(r, n, key, &out->v[0]);
	}
	if (n->kind != NG_NODE_SEQ || n->n == 0)
		return wrong_type(r, n, key, "text or a list of texts");
	out->v = ng_alloc(r->a, n->n * sizeof *out->v);
	out->n = n->n;
	int rc = 0;
	for (size_t i = 0; i < n->n; i++)
		rc |= text(r, n->items[i], key, &out->v[i]);
	return rc;
}

static bool is_true(const ng_node *n)
{
	return n->kind == NG_NODE_SCALAR && n->plain &&
	       (strcmp(n->value, "true") == 0 || strcmp(n->value, "yes") == 0);
}

static bool is_bool(const ng_node *n)
{
	return is_true(n) || (n->kind == NG_NODE_SCALAR && n->plain &&
	                      (strcmp(n->value, "false") == 0 || strcmp(n->value, "no") == 0));
}

static int marker(br *r, const ng_node *n, const char *key, const char **out)
{
	if (n->kind != NG_NODE_SCALAR)
		return wrong_type(r, n, key, "a marker such as ・ ○ ① （1） 1. ア. or none");
	if (!ng_marker_valid(n->value))
		return bad_value(r, n, key, N_("not a marker"),
		                 N_("a marker is at most 8 characters: ・ ○ ● ■ □ ※ ① （1） 1. "
		                    "ア. a) or none; numbered ones count by themselves"));
	*out = n->value;
	return 0;
}

/* ---- items of lists, notes, labels and checks */

static int read_items(br *r, const ng_node *n, const char *key, ng_rlist *out, int depth);

static int read_item(br *r, const ng_node *n, const char *key, ng_ritem *it, int depth)
{
	it->pos = n->pos;
	if (n->kind == NG_NODE_SCALAR)
		return text(r, n, key, &it->text);
	if (n->kind != NG_NODE_MAP)
		return wrong_type(r, n, key, "text, or a map {text, items, marker}");
	int before = r->errors;
	known_keys(r, n, N_("a list item"), item_keys, NG_ARRAY_LEN(item_keys));
	const ng_node *t = ng_node_get(n, "text"), *sub = ng_node_get(n, "items");
	const ng_node *mk = ng_node_get(n, "marker");
	if (t)
		text(r, t, "text", &it->text);
	if (sub)
		read_items(r, sub, "items", &it->sub, depth + 1);
	if (mk)
		marker(r, mk, "marker", &it->sub.marker);
	if (!t && !sub) {
		ng_diag *g =
		    ng_diag_add(r->d, NG_D_MISSING_FIELD, n->pos, "text", ng_tr("a list item"));
		ng_diag_hint(r->d, g, "give the item's text, its nested items:, or both");
		fail(r);
	}
	return r->errors == before ? 0 : -1;
}

/* Items: one text, or a list of items (texts or {text, items, marker}). */
static int read_items(br *r, const ng_node *n, const char *key, ng_rlist *out, int depth)
{
	if (depth > 8)
		return bad_value(r, n, key, N_("lists nested more than 8 deep"), NULL);
	if (n->kind == NG_NODE_MAP)
		return wrong_type(r, n, key, "text or a list of items");
	size_t count = n->kind == NG_NODE_SEQ ? n->n : 1;
	if (count == 0)
		return wrong_type(r, n, key, "a list of at least one item");
	out->v = ng_alloc(r->a, count * sizeof *out->v);
	out->n = count;
	int rc = 0;
	for (size_t i = 0; i < count; i++)
		rc |=
		    read_item(r, n->kind == NG_NODE_SEQ ? n->items[i] : n, key, &out->v[i], depth);
	return rc;
}

/* checked: true or false, or a {{field}} reference a batch row fills. */
static int read_checked(br *r, const ng_node *n, ng_text *out)
{
	if (is_bool(n)) {
		*out = (ng_text){is_true(n) ? "true" : "false", n->pos, false};
		return 0;
	}
	if (n->kind == NG_NODE_SCALAR && n->len && text(r, n, "checked", out) == 0) {
		ng_ref ref;
		size_t err_at;
		const char *err;
		if (ng_check_value(out->s) >= 0 ||
		    (ng_prose_next(out->s, 0, &ref, &err_at, &err) == 1 && ref.path_len &&
		     ref.start == 0 && ref.end == strlen(out->s)))
			return 0;
	}
	return bad_value(r, n, "checked", N_("not true, false or one {{field}} reference"),
	                 N_("e.g. checked: true, or checked: \"{{client.pension}}\" (a batch "
	                    "column holding 1/0, ○/×, yes/no, 有/無 …)"));
}

/* The two keys of a label row and of a checkbox row, read into an item. */
static void read_label(br *r, const ng_node *label, const ng_node *value, ng_ritem *it)
{
	if (label)
		text(r, label, "label", &it->text);
	if (value)
		texts(r, value, "value", &it->value);
}

static void read_check(br *r, const ng_node *checked, const ng_node *t, ng_ritem *it)
{
	if (checked)
		read_checked(r, checked, &it->checked);
	if (t)
		text(r, t, "text", &it->text);
}

/* The rows of a labels or checks list: each a map of its two keys, both
 * required. */
typedef struct pair_list {
	const char *key;         /* labels, checks */
	const char *list, *map;  /* what the list and a row must be, in messages */
	const char *what;        /* a row, in messages */
	const char *const *keys; /* the two keys */
	void (*read)(br *r, const ng_node *a, const ng_node *b, ng_ritem *it);
} pair_list;

static const pair_list labels_list = {"labels",
                                      N_("a list of {label, value}"),
                                      N_("a map {label, value}"),
                                      N_("a label"),
                                      label_keys,
                                      read_label};
static const pair_list checks_list = {"checks",
                                      N_("a list of {checked, text}"),
                                      N_("a map {checked, text}"),
                                      N_("a checkbox row"),
                                      check_keys,
                                      read_check};

static int read_pairs(br *r, const ng_node *n, const pair_list *pl, ng_rlist *out)
{
	if (n->kind != NG_NODE_SEQ || n->n == 0)
		return wrong_type(r, n, pl->key, pl->list);
	out->v = ng_alloc(r->a, n->n * sizeof *out->v);
	out->n = n->n;
	int before = r->errors;
	for (size_t i = 0; i < n->n; i++) {
		const ng_node *m = n->items[i];
		ng_ritem *it = &out->v[i];
		it->pos = m->pos;
		if (m->kind != NG_NODE_MAP) {
			wrong_type(r, m, pl->key, pl->map);
			continue;
		}
		known_keys(r, m, pl->what, pl->keys, 2);
		const ng_node *a = ng_node_get(m, pl->keys[0]), *b = ng_node_get(m, pl->keys[1]);
		pl->read(r, a, b, it);
		if (!a || !b) {
			ng_diag_add(r->d, NG_D_MISSING_FIELD, m->pos, a ? pl->keys[1] : pl->keys[0],
			            ng_tr(pl->what));
			fail(r);
		}
	}
	return r->errors == before ? 0 : -1;
}

/* ---- tables */

/* An empty cell: "", ~, null, or spaces only (「 」 or 「　」). */
static bool empty_cell(const ng_node *n)
{
	if (n->kind != NG_NODE_SCALAR)
		return false;
	if (n->plain && (strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0))
		return true;
	for (const char *p = n->value; *p;) {
		if (*p == ' ')
			p++;
		else if (strncmp(p, "　", 3) == 0)
			p += 3;
		else
			return false;
	}
	return true;
}

/* A cell spanning columns: {text, span}. */
static const char *const cell_keys[] = {"text", "span"};

static long cell_span(const ng_node *cell)
{
	const ng_node *sp = cell->kind == NG_NODE_MAP ? ng_node_get(cell, "span") : NULL;
	if (!sp)
		return 1;
	char *end = NULL;
	long v = sp->kind == NG_NODE_SCALAR && sp->plain ? strtol(sp->value, &end, 10) : 0;
	return end && end != sp->value && !*end && v >= 1 && v <= MAX_COLUMNS ? v : -1;
}

/* The columns a row covers: its cells, a spanning one counting its span. */
static size_t row_width(const ng_node *row)
{
	size_t w = 0;
	for (size_t c = 0; row->kind == NG_NODE_SEQ && c < row->n; c++) {
		long sp = cell_span(row->items[c]);
		w += sp > 0 ? (size_t)sp : 1;
	}
	return w;
}

/* One cell at column col of row row: text, a number, empty, ^ (one with
 * the cell above it), or {text, span: N} over N columns. */
static int read_cell(br *r, const ng_node *cell, const char *key, ng_rtable *t, size_t row,
                     size_t col)
{
	ng_text *out = &t->cells[row * t->ncols + col];
	signed char *span = &t->span[row * t->ncols + col];
	const ng_node *tx = cell;
	if (cell->kind == NG_NODE_MAP) {
		known_keys(r, cell, N_("a table cell"), cell_keys, NG_ARRAY_LEN(cell_keys));
		long sp = cell_span(cell);
		if (sp < 0)
			return bad_value(r, ng_node_get(cell, "span"), "span",
			                 N_("not a number of columns"),
			                 N_("e.g. {text: 件数, span: 2}"));
		*span = (signed char)sp;
		for (long k = 1; k < sp; k++)
			span[k] = 0;
		tx = ng_node_get(cell, "text");
		if (!tx) {
			ng_diag_add(r->d, NG_D_MISSING_FIELD, cell->pos, "text",
			            ng_tr("a table cell"));
			return fail(r);
		}
	}
	if (tx->kind == NG_NODE_SCALAR && strcmp(tx->value, "^") == 0) {
		if (row == 0 || row == t->nheader + t->nbody) /* not the first row, nor a total's */
			return bad_value(r, tx, key,
			                 N_("^ joins a cell to the one above it: there is none"),
			                 NULL);
		*span = -1;
		*out = (ng_text){"", tx->pos, false};
		return 0;
	}
	if (empty_cell(tx)) {
		*out = (ng_text){"", tx->pos, false};
		return 0;
	}
	return text(r, tx, key, out);
}

/* One row: as many columns as the table's first row. */
static int read_row(br *r, const ng_node *n, const char *key, ng_rtable *t, size_t row)
{
	if (n->kind != NG_NODE_SEQ || n->n == 0)
		return wrong_type(r, n, key, "a row: a list of cells such as [区分, 件数]");
	if (row_width(n) != t->ncols) {
		ng_diag *g = ng_diag_add(r->d, NG_D_BAD_VALUE, n->pos, key,
		                         ng_tr("a row with a different number of cells"));
		ng_diag_hint(r->d, g,
		             "this row has %zu cells, the table's first row %zu: write an empty "
		             "cell as \"\" or -",
		             row_width(n), t->ncols);
		return fail(r);
	}
	int rc = 0;
	for (size_t c = 0, col = 0; c < n->n; c++) {
		long sp = cell_span(n->items[c]);
		t->span[row * t->ncols + col] = 1;
		rc |= read_cell(r, n->items[c], key, t, row, col);
		for (long k = 1; k < sp; k++)
			t->cells[row * t->ncols + col + (size_t)k] =
			    (ng_text){"", n->items[c]->pos, false};
		col += sp > 0 ? (size_t)sp : 1;
	}
	return rc;
}

/* header: one row, or a list of rows (a header of several lines). */
static bool rows_of_rows(const ng_node *n)
{
	return n->kind == NG_NODE_SEQ && n->n && n->items[0]->kind == NG_NODE_SEQ;
}

static size_t first_width(const ng_node *header, const ng_node *rows)
{
	if (header && rows_of_rows(header))
		return row_width(header->items[0]);
	if (header && header->kind == NG_NODE_SEQ)
		return row_width(header);
	if (rows && rows_of_rows(rows))
		return row_width(rows->items[0]);
	return 0;
}

static int read_rows(br *r, const ng_node *n, const char *key, bool many, ng_rtable *t,
                     size_t *count, size_t at)
{
	if (!many) {
		*count = 1;
		return read_row(r, n, key, t, at);
	}
	if (n->kind != NG_NODE_SEQ || n->n == 0)
		return wrong_type(r, n, key, "a list of rows");
	*count = n->n;
	int rc = 0;
	for (size_t i = 0; i < n->n; i++)
		rc |= read_row(r, n->items[i], key, t, at + i);
	return rc;
}

static int read_align(br *r, const ng_node *n, ng_rtable *t)
{
	if (n->kind != NG_NODE_SEQ || n->n != t->ncols)
		return wrong_type(r, n, "align",
		                  "a list with one of left, right, center per column");
	int rc = 0;
	for (size_t c = 0; c < n->n; c++) {
		const ng_node *a = n->items[c];
		int k = -1;
		for (size_t i = 1; i < NG_ARRAY_LEN(align_names) && a->kind == NG_NODE_SCALAR; i++)
			if (strcmp(a->value, align_names[i]) == 0)
				k = (int)i;
		if (k < 0)
			rc |= bad_value(r, a, "align", N_("not an alignment"),
			                N_("use left, right or center"));
		else
			t->align[c] = (ng_ralign)k;
	}
	return rc;
}

static int read_widths(br *r, const ng_node *n, ng_rtable *t)
{
	if (n->kind != NG_NODE_SEQ || n->n != t->ncols)
		return wrong_type(r, n, "widths",
		                  "a list with one width in ems (characters) per column");
	t->widths = ng_alloc(r->a, t->ncols * sizeof *t->widths);
	int rc = 0;
	for (size_t c = 0; c < n->n; c++) {
		const ng_node *w = n->items[c];
		char *end = NULL;
		double v = w->kind == NG_NODE_SCALAR && w->plain ? strtod(w->value, &end) : 0;
		if (!end || end == w->value || *end || !(v >= 1 && v <= 60))
			rc |= bad_value(r, w, "widths", N_("not a width from 1 to 60 (ems)"),
			                N_("e.g. widths: [12, 6, 6]"));
		else
			t->widths[c] = v;
	}
	return rc;
}

static int read_table(br *r, const ng_node *n, ng_rtable *t, int depth)
{
	if (n->kind != NG_NODE_MAP)
		return wrong_type(r, n, "table",
		                  "a map {header, rows, total, align, widths, note}");
	int before = r->errors;
	known_keys(r, n, N_("a table"), table_keys, NG_ARRAY_LEN(table_keys));
	const ng_node *header = ng_node_get(n, "header"), *rows = ng_node_get(n, "rows");
	const ng_node *total = ng_node_get(n, "total");
	if (!rows) {
		ng_diag_add(r->d, NG_D_MISSING_FIELD, n->pos, "rows", ng_tr("a table"));
		return fail(r);
	}
	t->ncols = first_width(header, rows);
	if (t->ncols > MAX_COLUMNS) {
		ng_diag_add(r->d, NG_D_TOO_LARGE, n->pos, ng_tr("columns of a table"),
		            (size_t)MAX_COLUMNS);
		return fail(r);
	}
	if (t->ncols == 0)
		return wrong_type(r, rows, "rows", "a list of rows, each a list of cells");
	bool hmany = header && rows_of_rows(header), tmany = total && rows_of_rows(total);
	size_t nrows = (header ? (hmany ? header->n : 1) : 0) +
	               (rows->kind == NG_NODE_SEQ ? rows->n : 0) +
	               (total ? (tmany ? total->n : 1) : 0);
	if (nrows > MAX_ROWS) {
		ng_diag_add(r->d, NG_D_TOO_LARGE, n->pos, ng_tr("rows of a table"),
		            (size_t)MAX_ROWS);
		return fail(r);
	}
	t->cells = ng_alloc(r->a, (nrows ? nrows : 1) * t->ncols * sizeof *t->cells);
	t->span = ng_alloc(r->a, (nrows ? nrows : 1) * t->ncols * sizeof *t->span);
	t->align = ng_alloc(r->a, t->ncols * sizeof *t->align);
	if (header)
		read_rows(r, header, "header", hmany, t, &t->nheader, 0);
	read_rows(r, rows, "rows", true, t, &t->nbody, t->nheader);
	if (total && r->errors == before)
		read_rows(r, total, "total", tmany, t, &t->ntotal, t->nheader + t->nbody);
	const ng_node *align = ng_node_get(n, "align"), *widths = ng_node_get(n, "widths");
	const ng_node *note = ng_node_get(n, "note");
	if (align)
		read_align(r, align, t);
	if (widths)
		read_widths(r, widths, t);
	if (note)
		read_items(r, note, "note", &t->note, depth + 1);
	return r->errors == before ? 0 : -1;
}

/* ---- blocks */

static int kind_of(const char *key)
{
	for (size_t k = 0; k < NG_ARRAY_LEN(kind_keys); k++)
		if (strcmp(key, kind_keys[k]) == 0)
			return (int)k;
	return -1;
}

static bool option_of(ng_rblock_kind kind, const char *key)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(option_keys); i++)
		if (option_keys[i].kind == kind && strcmp(option_keys[i].key, key) == 0)
			return true;
	return false;
}

/* The keys a block of kind may have, for messages: the kind key and its
 * options; every kind key when the kind is not known yet. */
static size_t keys_for(int kind, const char **keys)
{
	size_t n = 0;
	for (size_t k = 0; k < NG_ARRAY_LEN(kind_keys); k++)
		if (kind < 0 || (int)k == kind)
			keys[n++] = kind_keys[k];
	for (size_t i = 0; i < NG_ARRAY_LEN(option_keys); i++)
		if (kind < 0 || (int)option_keys[i].kind == kind)
			if (!in(option_keys[i].key, keys, n))
				keys[n++] = option_keys[i].key;
	return n;
}

/* Finds the one kind key of a block map; reports none or several. */
static int find_kind(br *r, const ng_node *m, const char *key)
{
	int kind = -1;
	const ng_node *first = NULL;
	for (size_t i = 0; i < m->n; i++) {
		int k = kind_of(m->keys[i]->value);
		if (k < 0)
			continue;
		if (kind >= 0) {
			ng_diag *g = ng_diag_add(r->d, NG_D_BAD_VALUE, m->keys[i]->pos, key,
			                         ng_tr("a block has one kind key"));
			ng_diag_hint(r->d, g, "'%s' and '%s' are both here: make them two blocks",
			             first->value, m->keys[i]->value);
			fail(r);
			continue;
		}
		kind = k;
		first = m->keys[i];
	}
	return kind;
}

static void check_block_keys(br *r, const ng_node *m, int kind)
{
	const char *keys[NG_ARRAY_LEN(kind_keys) + NG_ARRAY_LEN(option_keys)];
	size_t nkeys = keys_for(kind, keys);
	const char *where =
	    kind < 0 ? N_("a block") : ng_aprintf(r->a, ng_tr("a %s block"), kind_keys[kind]);
	for (size_t i = 0; i < m->n; i++) {
		const char *k = m->keys[i]->value;
		if (kind_of(k) < 0 && (kind < 0 || !option_of((ng_rblock_kind)kind, k)))
			unknown_key(r, m->keys[i], where, keys, nkeys);
	}
}

/* An inline list runs on in one line: an item cannot hold a list. */
static int flat(br *r, const ng_rlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].sub.n || !l->v[i].text.s) {
			ng_diag *g =
			    ng_diag_add(r->d, NG_D_BAD_VALUE, l->v[i].pos, "list",
			                ng_tr("an item of an inline list has nested items"));
			ng_diag_hint(r->d, g, "drop inline: true, or write the items as one text");
			return fail(r);
		}
	return 0;
}

static int read_body(br *r, const ng_node *m, ng_rblock *b, const ng_node *v, int depth)
{
	const ng_node *opt;
	switch (b->kind) {
	case NG_RB_PARAGRAPH:
		return text(r, v, "paragraph", &b->text);
	case NG_RB_LIST:
		if ((opt = ng_node_get(m, "marker")))
			marker(r, opt, "marker", &b->items.marker);
		if ((opt = ng_node_get(m, "inline"))) {
			if (!is_bool(opt))
				wrong_type(r, opt, "inline", "true or false");
			b->inline_list = is_true(opt);
		}
		if (read_items(r, v, "list", &b->items, depth + 1) != 0)
			return -1;
		return b->inline_list ? flat(r, &b->items) : 0;
	case NG_RB_NOTE:
		if ((opt = ng_node_get(m, "marker")))
			marker(r, opt, "marker", &b->items.marker);
		return read_items(r, v, "note", &b->items, depth + 1);
	case NG_RB_LABELS:
		if ((opt = ng_node_get(m, "numbering")))
			marker(r, opt, "numbering", &b->items.marker);
		return read_pairs(r, v, &labels_list, &b->items);
	case NG_RB_CHECKS:
		return read_pairs(r, v, &checks_list, &b->items);
	case NG_RB_TABLE:
		b->table = ng_alloc(r->a, sizeof *b->table);
		return read_table(r, v, b->table, depth);
	case NG_RB_PAGE_BREAK:
		if (!is_true(v))
			return wrong_type(r, v, "page_break", "true (or leave the block out)");
		return 0;
	}
	return 0;
}

static int read_block(br *r, const ng_node *n, const char *key, ng_rblock *b, int depth)
{
	b->pos = n->pos;
	if (n->kind == NG_NODE_SCALAR) {
		b->kind = NG_RB_PARAGRAPH;
		return text(r, n, key, &b->text);
	}
	if (n->kind != NG_NODE_MAP)
		return wrong_type(r, n, key,
		                  "a paragraph (text) or a block map such as {list: […]}");
	int before = r->errors;
	int kind = find_kind(r, n, key);
	check_block_keys(r, n, kind);
	if (kind < 0) {
		if (r->errors == before) {
			ng_diag *g =
			    ng_diag_add(r->d, NG_D_MISSING_FIELD, n->pos, ng_tr("a kind key"), key);
			ng_diag_hint(
			    r->d, g,
			    "a block map has one of: paragraph, list, table, note, labels, "
			    "checks, page_break");
		}
		return fail(r);
	}
	b->kind = (ng_rblock_kind)kind;
	read_body(r, n, b, ng_node_get(n, kind_keys[kind]), depth);
	return r->errors == before ? 0 : -1;
}

int ng_blocks_read(const ng_node *n, const char *key, ng_arena *a, ng_diags *d, ng_rblocks *out)
{
	br r = {a, d, 0};
	size_t count = n->kind == NG_NODE_SEQ ? n->n : 1;
	out->v = ng_alloc(a, (count ? count : 1) * sizeof *out->v);
	out->n = count;
	for (size_t i = 0; i < count; i++)
		read_block(&r, n->kind == NG_NODE_SEQ ? n->items[i] : n, key, &out->v[i], 0);
	return r.errors ? -1 : 0;
}

/* ---- marker styles */

static const char *const kata[] = {
    "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ",
    "タ", "チ", "ツ", "テ", "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ", "ヘ", "ホ",
    "マ", "ミ", "ム", "メ", "モ", "ヤ", "ユ", "ヨ", "ラ", "リ", "ル", "レ", "ロ", "ワ"};
static const char *const kanji[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

typedef void (*counter_fn)(ng_buf *out, size_t n);

static void c_decimal(ng_buf *out, size_t n)
{
	ng_buf_printf(out, "%zu", n);
}

/* Full-width digits, the form of 「１．」. */
static void c_wide(ng_buf *out, size_t n)
{
	char digits[24];
	snprintf(digits, sizeof digits, "%zu", n);
	for (const char *p = digits; *p; p++) {
		char u[4];
		ng_buf_add(out, u, ng_utf8_encode(0xFF10 + (uint32_t)(*p - '0'), u));
	}
}

/* ① … ⑳ (U+2460), ㉑ … ㉟ (U+3251), ㊱ … ㊿ (U+32B1); then digits. */
static void c_circled(ng_buf *out, size_t n)
{
	uint32_t cp = n <= 20   ? 0x2460 + (uint32_t)n - 1
	              : n <= 35 ? 0x3251 + (uint32_t)n - 21
	              : n <= 50 ? 0x32B1 + (uint32_t)n - 36
	                        : 0;
	char u[4];
	if (!cp)
		ng_buf_printf(out, "(%zu)", n);
	else
		ng_buf_add(out, u, ng_utf8_encode(cp, u));
}

static void c_kata(ng_buf *out, size_t n)
{
	if (n <= NG_ARRAY_LEN(kata))
		ng_buf_adds(out, kata[n - 1]);
	else
		c_decimal(out, n);
}

static void c_lower(ng_buf *out, size_t n)
{
	if (n <= 26)
		ng_buf_addc(out, (char)('a' + n - 1));
	else
		c_decimal(out, n);
}

static void c_upper(ng_buf *out, size_t n)
{
	if (n <= 26)
		ng_buf_addc(out, (char)('A' + n - 1));
	else
		c_decimal(out, n);
}

/* 一 … 九十九, the numbering of 第一 and （一）. */
static void c_kanji(ng_buf *out, size_t n)
{
	if (n >= 100) {
		c_decimal(out, n);
		return;
	}
	if (n >= 20)
		ng_buf_adds(out, kanji[n / 10]);
	if (n >= 10)
		ng_buf_adds(out, "十");
	ng_buf_adds(out, kanji[n % 10]);
}

/* The counters a marker style may hold; the first found counts. */
static const struct counter {
	const char *token;
	counter_fn fn;
} counters[] = {{"1", c_decimal}, {"１", c_wide}, {"①", c_circled}, {"ア", c_kata},
                {"a", c_lower},   {"A", c_upper}, {"一", c_kanji}};

static const char *find_counter(const char *style, const struct counter **which)
{
	const char *best = NULL;
	for (size_t i = 0; i < NG_ARRAY_LEN(counters); i++) {
		const char *at = strstr(style, counters[i].token);
		if (at && (!best || at < best))
			best = at, *which = &counters[i];
	}
	return best;
}

const char *ng_marker_text(ng_arena *a, const char *style, size_t n)
{
	if (!style)
		return "・";
	if (strcmp(style, "none") == 0)
		return "";
	const struct counter *k = NULL;
	const char *at = find_counter(style, &k);
	if (!at)
		return style;
	ng_buf out = {0};
	ng_buf_add(&out, style, (size_t)(at - style));
	k->fn(&out, n ? n : 1);
	ng_buf_adds(&out, at + strlen(k->token));
	char *s = ng_strdup(a, out.data);
	ng_buf_free(&out);
	return s;
}

bool ng_marker_valid(const char *style)
{
	size_t len = strlen(style);
	if (len == 0 || ng_utf8_count(style, len) > MAX_MARKER)
		return false;
	return style[0] != ' ' && style[len - 1] != ' ';
}

int ng_check_value(const char *s)
{
	static const char *const yes[] = {"true", "yes", "1",  "○",    "◯",
	                                  "■",    "✓",   "有", "あり", "x"};
	static const char *const no[] = {"false", "no", "0", "×", "□", "無", "なし", "-", ""};
	if (in(s, yes, NG_ARRAY_LEN(yes)))
		return 1;
	return in(s, no, NG_ARRAY_LEN(no)) ? 0 : -1;
}
