/* tmpl_eval.c — running a parsed template against a record: directives
 * become blocks, {{ }} substitutions take the record's values (with their
 * own {{date}} references expanded), if/for/include steer. A variable that
 * is not in the record is an error at the template's file:line:col, never
 * an empty string. */
#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "tmpl.h"

enum { D_TABLE_ROW = 100, D_TABLE_END = 101, D_BLOCKS = 102, MAX_COLUMNS = 16, MAX_ROWS = 5000 };

/* What each directive makes. */
static const struct directive {
	const char *name;
	int kind; /* ng_block_kind, or D_TABLE_* */
	ng_align align;
	ng_font_role font;
	double first_indent, size, space;
	int level;
	bool keep;
} directives[] = {
    {"para", NG_B_PARA, NG_ALIGN_JUSTIFY, NG_FONT_BODY, 1, 0, 0, 0, false},
    {"text", NG_B_PARA, NG_ALIGN_JUSTIFY, NG_FONT_BODY, 0, 0, 0, 0, false},
    {"left", NG_B_LINE, NG_ALIGN_LEFT, NG_FONT_BODY, 0, 0, 0, 0, false},
    {"right", NG_B_LINE, NG_ALIGN_RIGHT, NG_FONT_BODY, 0, 0, 0, 0, false},
    {"center", NG_B_LINE, NG_ALIGN_CENTER, NG_FONT_BODY, 0, 0, 0, 0, false},
    {"title", NG_B_TITLE, NG_ALIGN_CENTER, NG_FONT_HEADING, 0, NG_TITLE_SIZE, 0, 0, false},
    {"h1", NG_B_HEADING, NG_ALIGN_LEFT, NG_FONT_HEADING, 0, 0, 0.5, 1, true},
    {"h2", NG_B_HEADING, NG_ALIGN_LEFT, NG_FONT_HEADING, 0, 0, 0.25, 2, true},
    {"h3", NG_B_HEADING, NG_ALIGN_LEFT, NG_FONT_HEADING, 0, 0, 0.25, 3, true},
    {"item", NG_B_ITEM, NG_ALIGN_JUSTIFY, NG_FONT_BODY, 0, 0, 0, 1, false},
    {"space", NG_B_SPACE, NG_ALIGN_LEFT, NG_FONT_BODY, 0, 0, 1, 0, false},
    {"table", NG_B_TABLE, NG_ALIGN_LEFT, NG_FONT_BODY, 0, 0, 0, 0, false},
    {"row", D_TABLE_ROW, NG_ALIGN_LEFT, NG_FONT_BODY, 0, 0, 0, 0, false},
    {"endtable", D_TABLE_END, NG_ALIGN_LEFT, NG_FONT_BODY, 0, 0, 0, 0, false},
    {"recipient", NG_B_RECIPIENT, NG_ALIGN_LEFT, NG_FONT_BODY, 0, 0, 0, 0, false},
    {"blocks", D_BLOCKS, NG_ALIGN_LEFT, NG_FONT_BODY, 0, 0, 0, 1, false},
    {"pagebreak", NG_B_BREAK, NG_ALIGN_LEFT, NG_FONT_BODY, 0, 0, 0, 0, false},
};

int tmpl_directive(const char *name, size_t len)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(directives); i++)
		if (strlen(directives[i].name) == len && memcmp(directives[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

typedef t_scope scope;

/* A piece of the template being run while there is a memo (memo.c). */
typedef struct t_frame {
	t_reads reads;
	size_t block0, ndiags;
	int errors;
	bool window;
} t_frame;

enum { MAX_FRAMES = 32 };

struct t_ctx {
	const ng_record *rec;
	ng_era *era;
	ng_doc *doc;
	ng_arena *a;
	ng_diags *d;
	scope scopes[32];
	size_t nscopes;
	int depth;       /* {{…}} inside a referenced field's text */
	ng_block *table; /* the open @table */
	size_t row;
	ng_recipient *window; /* the window-envelope block, once one is set */
	int filling;          /* the kind of block being filled, or -1 */
	bool introduced;      /* the sender's first mention is printed */
	int errors;
	/* The memo (or NULL), the pieces being run that it may keep, and
	 * whether the last tmpl_lookup gave a node of this letter's own. */
	t_memo *memo;
	t_frame frames[MAX_FRAMES];
	size_t nframes;
	t_reads unkept; /* reads outside any piece */
	bool fresh;
};

ng_era *tmpl_era(t_ctx *c)
{
	return c->era;
}

ng_arena *tmpl_arena(t_ctx *c)
{
	return c->a;
}

ng_diags *tmpl_diags(t_ctx *c)
{
	return c->d;
}

ng_doc *tmpl_doc(t_ctx *c)
{
	return c->doc;
}

void tmpl_filling(t_ctx *c, int kind)
{
	c->filling = kind;
}

static int terror(t_ctx *c, ng_pos pos, const char *msg, const char *hint)
{
	ng_diag *g = ng_diag_add(c->d, NG_D_TEMPLATE, pos, ng_tr(msg));
	if (hint)
		ng_diag_hint(c->d, g, "%s", ng_tr(hint));
	c->errors++;
	return -1;
}

/* ---- variables */

static const ng_node *child(const ng_node *n, const char *key, size_t len)
{
	if (!n || n->kind != NG_NODE_MAP)
		return NULL;
	for (size_t i = 0; i < n->n; i++)
		if (n->keys[i]->len == len && memcmp(n->keys[i]->value, key, len) == 0)
			return n->items[i];
	return NULL;
}

/* The node at the dotted path under n. */
static const ng_node *walk(const ng_node *n, const char *dot)
{
	for (const char *p = dot; n && p; p = strchr(p + 1, '.')) {
		const char *next = strchr(p + 1, '.');
		size_t len = next ? (size_t)(next - p - 1) : strlen(p + 1);
		n = child(n, p + 1, len);
	}
	return n;
}

const ng_node *tmpl_path(const ng_node *n, const char *path)
{
	const char *dot = strchr(path, '.');
	return walk(child(n, path, dot ? (size_t)(dot - path) : strlen(path)), dot);
}

/* What the piece being run reads. */
static t_reads *reads(t_ctx *c)
{
	return c->nframes ? &c->frames[c->nframes - 1].reads : &c->unkept;
}

/* Resolves a dotted path against the loop variables, then the record.
 * Returns 1 when found, 0 when not. */
int tmpl_lookup(t_ctx *c, const char *path, const ng_node **out)
{
	const char *dot = strchr(path, '.');
	size_t first = dot ? (size_t)(dot - path) : strlen(path);
	for (size_t i = c->nscopes; i-- > 0;) {
		if (strlen(c->scopes[i].name) == first &&
		    memcmp(c->scopes[i].name, path, first) == 0) {
			c->fresh = c->scopes[i].fresh;
			*out = walk(c->scopes[i].node, dot);
			return *out != NULL;
		}
	}
	c->fresh = c->memo && !tmpl_memo_read(c->memo, path, reads(c));
	*out = tmpl_path(c->rec->root, path);
	return *out != NULL;
}

/* The sender's first mention in running text (a paragraph or a list item,
 * not a heading or the title) introduces it when the record gives
 * words.name: 「しらかば歯科医院（以下「当院」といいます。）」, then 当院.
 * Which mention is the first is the letter's own state, so a piece that
 * names the sender is never kept for the letters after (memo.c). */
static const ng_node *first_mention(t_ctx *c, const char *path, const ng_node *n)
{
	const ng_node *first = NULL;
	if (strcmp(path, "words.self") != 0 || !tmpl_lookup(c, "words.self_first", &first))
		return n;
	reads(c)->skip = true;
	if (c->introduced || (c->filling != NG_B_PARA && c->filling != NG_B_ITEM))
		return n;
	c->introduced = true;
	return first;
}

static bool truthy(const ng_node *n)
{
	if (!n)
		return false;
	return n->kind == NG_NODE_SCALAR ? n->len > 0 : n->n > 0;
}

/* loop.index (1-based) and loop.count of the innermost for. */
static const char *loop_value(t_ctx *c, const char *path)
{
	if (strncmp(path, "loop.", 5) != 0 || !c->nscopes)
		return NULL;
	const scope *s = &c->scopes[c->nscopes - 1];
	if (strcmp(path + 5, "index") == 0)
		return ng_aprintf(c->a, "%zu", s->index + 1);
	if (strcmp(path + 5, "count") == 0)
		return ng_aprintf(c->a, "%zu", s->count);
	return NULL;
}

static int resolve(t_ctx *c, const t_seg *seg, t_value *v)
{
	memset(v, 0, sizeof *v);
	v->pos = seg->pos;
	const char *lv = loop_value(c, seg->text);
	if (lv) {
		v->str = lv;
		v->len = strlen(lv);
	} else if (tmpl_lookup(c, seg->text, &v->node)) {
		v->node = first_mention(c, seg->text, v->node);
		v->pos = v->node->exact ? v->node->vpos : v->node->pos;
		v->exact = v->node->exact;
	}
	for (size_t i = 0; i < seg->nfilters; i++)
		if (tmpl_filter(c, &seg->filters[i], v) != 0)
			return -1;
	if (!v->node && !v->str) {
		ng_buf msg = {0};
		ng_buf_printf(&msg, ng_tr("'%s' is not in the record"), seg->text);
		terror(c, seg->pos, msg.data,
		       N_("guard optional fields with {% if … %}, or add | default(\"…\")"));
		ng_buf_free(&msg);
		return -1;
	}
	return 0;
}

/* ---- text into content */

static void prose_expand(t_ctx *c, const ng_text *t, ng_content *out);

/* A field reference inside the record's prose ({{client.pension}},
 * {{affected.count | number}}): looked up like a template variable, at
 * the prose's own position when it is missing. */
static void expand_field(t_ctx *c, const ng_text *t, const ng_ref *ref, ng_content *out)
{
	ng_pos pos = ng_text_pos_at(t, ref->start);
	char *path = ng_strndup(c->a, t->s + ref->path, ref->path_len);
	t_value v = {.pos = pos};
	if (!tmpl_lookup(c, path, &v.node)) {
		ng_diag *g =
		    ng_diag_add(c->d, NG_D_TEMPLATE, pos,
		                ng_aprintf(c->a, ng_tr("'%s' is not in the record"), path));
		ng_diag_hint(c->d, g,
		             "a {{…}} in the record's text names a field of the record "
		             "or, in a batch, of the client row (client.COLUMN)");
		c->errors++;
		return;
	}
	v.node = first_mention(c, path, v.node);
	if (ref->filter_len) {
		const char *fs = t->s + ref->filter, *paren = memchr(fs, '(', ref->filter_len);
		size_t nlen = paren ? (size_t)(paren - fs) : ref->filter_len;
		t_filter f = {.name = ng_strndup(c->a, fs, nlen), .pos = pos};
		const char *q = paren ? memchr(paren, '"', ref->filter_len - nlen) : NULL;
		const char *q2 =
		    q ? memchr(q + 1, '"', (size_t)(fs + ref->filter_len - q - 1)) : NULL;
		if (q && q2)
			f.arg = (t_arg){true, ng_strndup(c->a, q + 1, (size_t)(q2 - q - 1))},
			f.has_arg = true;
		if (tmpl_filter(c, &f, &v) != 0) {
			c->errors++;
			return;
		}
	}
	if (v.str) {
		ng_content_add(c->a, out, v.str, v.len, pos, false);
		return;
	}
	const ng_node *text = v.node->kind == NG_NODE_MAP ? child(v.node, "text", 4) : NULL;
	if (text && text->kind == NG_NODE_SCALAR)
		v.node = text; /* a count's wording (affected.text) */
	if (v.node->kind != NG_NODE_SCALAR) {
		terror(c, pos, ng_aprintf(c->a, ng_tr("'%s' is not text"), path),
		       N_("name one of its fields, or add | join(\"、\") for a list"));
		return;
	}
	if (v.node->data) { /* a client's value: data, never expanded */
		ng_content_add(c->a, out, v.node->value, v.node->len, pos, false);
		return;
	}
	/* The field's own references, a few levels deep: a text that names
	 * itself must end. */
	if (c->depth >= 4) {
		terror(c, pos, N_("{{…}} references nested too deeply (or naming themselves)"),
		       NULL);
		return;
	}
	c->depth++;
	prose_expand(
	    c, &(ng_text){v.node->value, v.node->exact ? v.node->vpos : v.node->pos, v.node->exact},
	    out);
	c->depth--;
}

/* Appends text with its {{date}} and {{field}} references expanded (the
 * record was validated, so date references parse). */
static void prose_expand(t_ctx *c, const ng_text *t, ng_content *out)
{
	size_t at = 0, err_at = 0;
	const char *err = NULL;
	ng_ref ref;
	ng_buf date = {0};
	while (ng_prose_next(t->s, at, &ref, &err_at, &err) == 1) {
		ng_content_add(c->a, out, t->s + at, ref.start - at, ng_text_pos_at(t, at),
		               t->plain);
		at = ref.end;
		if (ref.path_len) {
			expand_field(c, t, &ref, out);
			continue;
		}
		ng_buf_reset(&date);
		ng_era_format(c->era, &ref.when, ref.style, &ref.opts, &date);
		ng_content_add(c->a, out, date.data, date.len, ng_text_pos_at(t, ref.start), false);
	}
	ng_content_add(c->a, out, t->s + at, strlen(t->s + at), ng_text_pos_at(t, at), t->plain);
	ng_buf_free(&date);
}

int tmpl_expand_text(t_ctx *c, const ng_text *t, ng_content *out)
{
	int before = c->errors;
	prose_expand(c, t, out);
	return c->errors == before ? 0 : -1;
}

int tmpl_expand(t_ctx *c, const ng_node *n, ng_content *out)
{
	if (n->data) { /* a client's value: data, never expanded */
		ng_content_add(c->a, out, n->value, n->len, n->exact ? n->vpos : n->pos, n->exact);
		return 0;
	}
	ng_text t = {n->value, n->exact ? n->vpos : n->pos, n->exact};
	return tmpl_expand_text(c, &t, out);
}

static void add_node_text(t_ctx *c, const ng_node *n, ng_content *out)
{
	tmpl_expand(c, n, out);
}

static int add_value(t_ctx *c, const t_seg *seg, const t_value *v, ng_content *out)
{
	if (v->link)
		out->link = v->link;
	if (v->image) {
		out->image = v->image;
		return 0;
	}
	if (v->str) {
		ng_content_add(c->a, out, v->str, v->len, v->pos, v->exact);
		return 0;
	}
	/* A value the record gives as a map but that has a wording (affected:
	 * {count, approx, …} → its text) prints as that wording. */
	const ng_node *text = v->node->kind == NG_NODE_MAP ? child(v->node, "text", 4) : NULL;
	if (text && text->kind == NG_NODE_SCALAR) {
		add_node_text(c, text, out);
		return 0;
	}
	if (v->node->kind != NG_NODE_SCALAR) {
		ng_buf msg = {0};
		ng_buf_printf(&msg,
		              ng_tr(v->node->kind == NG_NODE_SEQ ? N_("'%s' is a list, not text")
		                                                 : N_("'%s' is a map, not text")),
		              seg->text);
		terror(c, seg->pos, msg.data,
		       v->node->kind == NG_NODE_SEQ
		           ? N_("loop with {% for %} or use | join(\"、\")")
		           : N_("name one of its fields"));
		ng_buf_free(&msg);
		return -1;
	}
	add_node_text(c, v->node, out);
	return 0;
}

/* Where a directive's text goes: one content, or several (a table row's
 * cells, the recipient block's lines) separated by "||" in literal text. */
typedef struct targets {
	ng_content **v;
	size_t n, cur;
} targets;

static void add_literal(t_ctx *c, const t_seg *s, targets *t)
{
	const char *p = s->text, *end = s->text + s->len;
	while (t->n > 1 && p < end) {
		const char *bar = strstr(p, "||");
		if (!bar || bar >= end)
			break;
		const char *e = bar;
		while (e > p && e[-1] == ' ')
			e--;
		ng_content_add(c->a, t->v[t->cur], p, (size_t)(e - p), s->pos, false);
		if (t->cur + 1 < t->n)
			t->cur++;
		p = bar + 2;
		while (p < end && *p == ' ')
			p++;
	}
	ng_content_add(c->a, t->v[t->cur], p, (size_t)(end - p), s->pos, s->exact && p == s->text);
}

static int fill_targets(t_ctx *c, const t_node *n, targets *t)
{
	int rc = 0;
	for (size_t i = 0; i < n->nsegs; i++) {
		const t_seg *s = &n->segs[i];
		if (!s->var) {
			add_literal(c, s, t);
			continue;
		}
		t_value v;
		if (resolve(c, s, &v) != 0 || add_value(c, s, &v, t->v[t->cur]) != 0)
			rc = -1;
	}
	return rc;
}

static int fill(t_ctx *c, const t_node *n, ng_content *out)
{
	targets t = {&out, 1, 0};
	return fill_targets(c, n, &t);
}

static int fill_row(t_ctx *c, const t_node *n)
{
	ng_content *cells[MAX_COLUMNS];
	size_t k = c->table->ncols < MAX_COLUMNS ? c->table->ncols : MAX_COLUMNS;
	for (size_t i = 0; i < k; i++)
		cells[i] = ng_table_cell(c->doc, c->table, c->row, i);
	targets t = {cells, k, 0};
	return fill_targets(c, n, &t);
}

/* Appends the spans of src to dst, keeping their source positions. */
static void content_append(ng_arena *a, ng_content *dst, const ng_content *src)
{
	for (size_t i = 0; i < src->nspans; i++) {
		const ng_span *sp = &src->spans[i];
		ng_content_add(a, dst, src->text + sp->start, sp->len, sp->pos, sp->exact);
	}
}

/* Whether c holds anything but blanks. */
static bool content_blank(const ng_content *c)
{
	for (size_t i = 0; i < c->len; i++)
		if (c->text[i] != ' ' && c->text[i] != '\t')
			return false;
	return true;
}

/* @recipient POSTCODE || ADDRESS [|| ADDRESS2] || NAME. ADDRESS2 (住所2:
 * building and room) goes on a line of its own under the address, so the
 * window shows it and the customer barcode encodes its numbers (Japan
 * Post's 「1-3-2-503」: the room is part of the address number). */
static int fill_recipient(t_ctx *c, const t_node *n, ng_block *b)
{
	ng_recipient *r = b->recipient;
	ng_content part[4] = {{0}};
	ng_content *lines[4] = {&part[0], &part[1], &part[2], &part[3]};
	for (size_t i = 0; i < 4; i++)
		part[i].text = "";
	targets t = {lines, 4, 0};
	int rc = fill_targets(c, n, &t);
	if (!rc && t.cur != 2 && t.cur != 3)
		return terror(c, n->pos,
		              N_("@recipient takes POSTCODE || ADDRESS [|| ADDRESS2] || NAME"),
		              NULL);
	if (rc)
		return rc;
	r->postcode = part[0];
	r->address = part[1];
	r->name = part[t.cur];
	if (t.cur == 3 && !content_blank(&part[2])) {
		if (r->address.len)
			ng_content_adds(c->a, &r->address, "\n", ng_content_pos(&part[2], 0));
		content_append(c->a, &r->address, &part[2]);
	}
	return 0;
}

/* ---- block options: (marker, gothic, keep, indent=N, level=N, space=N, size=N) */

/* Numbers an option may take: layout trusts the blocks it gets, so a NaN,
 * a negative size or a million columns stops here. */
static const struct num_range {
	const char *key;
	double min, max;
} num_ranges[] = {{"indent", 0, 40}, {"level", 1, 9},   {"space", 0, 50},
                  {"size", 0, 72},   {"header", 0, 20}, {"columns", 1, MAX_COLUMNS}};

static bool num_ok(t_ctx *c, const t_node *n, const char *key, const char *text, size_t len,
                   double *num)
{
	char buf[32] = {0};
	char *end = buf;
	*num = 0;
	if (len < sizeof buf) {
		memcpy(buf, text, len);
		*num = strtod(buf, &end);
	}
	for (size_t i = 0; i < NG_ARRAY_LEN(num_ranges); i++) {
		const struct num_range *r = &num_ranges[i];
		bool ok = end != buf && !*end && *num >= r->min && *num <= r->max;
		if (ok || strcmp(r->key, key) != 0)
			continue;
		ng_buf msg = {0};
		ng_buf_printf(&msg, ng_tr("option %s must be a number from %g to %g"), key, r->min,
		              r->max);
		terror(c, n->pos, msg.data, NULL);
		ng_buf_free(&msg);
		return false;
	}
	return true;
}

static void apply_option(t_ctx *c, ng_block *b, const t_node *n, const char *opt, size_t len)
{
	char key[16] = {0};
	const char *eq = memchr(opt, '=', len);
	size_t klen = eq ? (size_t)(eq - opt) : len;
	double num = 0;
	if (klen < sizeof key)
		memcpy(key, opt, klen);
	bool word =
	    strcmp(key, "gothic") == 0 || strcmp(key, "mincho") == 0 || strcmp(key, "keep") == 0;
	if (b->kind == NG_B_TABLE && !eq && !word)
		memcpy(key, "columns", 8);
	if (b->kind == NG_B_SPACE && !eq && !word)
		memcpy(key, "space", 6);
	bool numeric = eq || strcmp(key, "columns") == 0 || strcmp(key, "space") == 0;
	if (numeric && !num_ok(c, n, key, eq ? eq + 1 : opt, eq ? len - klen - 1 : len, &num))
		return;
	if (strcmp(key, "gothic") == 0)
		b->font = NG_FONT_HEADING;
	else if (strcmp(key, "mincho") == 0)
		b->font = NG_FONT_BODY;
	else if (strcmp(key, "keep") == 0)
		b->keep_with_next = true;
	else if (eq && strcmp(key, "indent") == 0)
		b->indent = num;
	else if (eq && strcmp(key, "level") == 0)
		b->level = (int)num;
	else if (eq && strcmp(key, "space") == 0)
		b->space = num;
	else if (eq && strcmp(key, "size") == 0)
		b->size = num;
	else if (b->kind == NG_B_ITEM && !b->marker)
		b->marker = ng_strndup(c->a, opt, len);
	else if (b->kind == NG_B_SPACE && !eq)
		b->space = num;
	else if (b->kind == NG_B_TABLE && !eq)
		b->ncols = (size_t)num;
	else if (b->kind == NG_B_TABLE && eq && strcmp(key, "header") == 0)
		b->header_rows = (size_t)num;
	else if (b->kind == NG_B_RECIPIENT && strcmp(key, "barcode") == 0)
		b->recipient->barcode = true;
	else if (strcmp(key, "person") == 0 || strcmp(key, "window") == 0 ||
	         strcmp(key, "nowindow") == 0)
		; /* placement: run_block */
	else
		terror(c, n->pos, N_("unknown option"),
		       N_("options: a marker, gothic, keep, indent=N, "
		          "level=N, space=N, size=N, person, window, nowindow"));
}

static void apply_options(t_ctx *c, ng_block *b, const t_node *n)
{
	const char *p = n->opts;
	while (p && *p) {
		while (*p == ' ' || *p == ',')
			p++;
		const char *e = p;
		while (*e && *e != ',')
			e++;
		const char *t = e;
		while (t > p && t[-1] == ' ')
			t--;
		if (t > p)
			apply_option(c, b, n, p, (size_t)(t - p));
		p = e;
	}
}

static int run_row(t_ctx *c, const t_node *n, const struct directive *dir)
{
	if (!c->table)
		return terror(c, n->pos, N_("@row outside a @table … @endtable"), NULL);
	if (dir->kind == D_TABLE_END) {
		c->table = NULL;
		return 0;
	}
	if (c->row >= MAX_ROWS) {
		if (c->row++ == MAX_ROWS) { /* one report, not one per row */
			ng_diag_add(c->d, NG_D_TOO_LARGE, n->pos, ng_tr("rows of a table"),
			            (size_t)MAX_ROWS);
			c->errors++;
		}
		return -1;
	}
	int rc = fill_row(c, n);
	c->row++;
	return rc;
}

/* Whether the block's options hold the word opt. */
static bool has_option(const t_node *n, const char *opt)
{
	size_t len = strlen(opt);
	for (const char *p = n->opts; p && *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t k = strcspn(p, ",");
		while (k && p[k - 1] == ' ')
			k--;
		if (k == len && memcmp(p, opt, len) == 0)
			return true;
		p += strcspn(p, ",");
	}
	return false;
}

/* Whether the letter goes to one person: its addressee ends in 様 or 殿
 * (「氏名 様」, 「会社名 担当者 様」), not in 各位 (many readers) or 御中
 * (an organisation). 親展 means "to be opened by the addressee alone". */
static bool to_one_person(t_ctx *c)
{
	const ng_node *v = NULL;
	return tmpl_lookup(c, "letter.addressee", &v) && v->kind == NG_NODE_SCALAR &&
	       ng_addressee_one_person(v->value, v->len);
}

/* A line with the option window goes into the window-envelope block's
 * mark when the letter has one (親展 must show through the window). */
static int fill_window_mark(t_ctx *c, const t_node *n, const struct directive *dir)
{
	ng_block tmp = {.kind = (ng_block_kind)dir->kind, .font = dir->font};
	reads(c)->skip = true; /* it fills the window's block, not one of its own */
	apply_options(c, &tmp, n);
	c->window->mark_font = tmp.font;
	c->window->mark.text = "";
	return fill(c, n, &c->window->mark);
}

/* @blocks(indent=N, level=N) PATH: the record's block list at PATH; an
 * absent path prints nothing, like an empty loop. */
static int run_blocks(t_ctx *c, const t_node *n)
{
	ng_block opts = {.kind = NG_B_PARA, .level = 1};
	apply_options(c, &opts, n);
	const char *path = n->nsegs == 1 ? n->segs[0].text : NULL;
	size_t len = n->nsegs == 1 ? n->segs[0].len : 0;
	while (len && *path == ' ')
		path++, len--;
	while (len && path[len - 1] == ' ')
		len--;
	if (!len || (n->segs[0].var && n->segs[0].nfilters))
		return terror(c, n->pos, N_("@blocks takes the path of a block list"),
		              N_("e.g. @blocks attachment.blocks"));
	const ng_node *list = NULL;
	if (!tmpl_lookup(c, ng_strndup(c->a, path, len), &list))
		return 0;
	return tmpl_blocks(c, list, opts.indent, opts.level);
}

static int run_block(t_ctx *c, const t_node *n)
{
	const struct directive *dir = &directives[n->directive];
	/* person: only on a letter to one person; window: in the envelope's
	 * window when there is one (otherwise where it stands). */
	if (dir->kind == NG_B_LINE && has_option(n, "person") && !to_one_person(c))
		return 0;
	if (dir->kind == NG_B_LINE && has_option(n, "window") && c->window && !c->table)
		return fill_window_mark(c, n, dir);
	/* nowindow: what the envelope's window already shows (the addressee's
	 * name) is not printed a second time under it. */
	if (dir->kind == NG_B_LINE && has_option(n, "nowindow") && c->window)
		return 0;
	if (dir->kind == D_TABLE_ROW || dir->kind == D_TABLE_END)
		return run_row(c, n, dir);
	if (c->table)
		return terror(c, n->pos, N_("only @row and @endtable inside a table"), NULL);
	if (dir->kind == D_BLOCKS)
		return run_blocks(c, n);
	ng_block *b = dir->kind == NG_B_TABLE ? ng_doc_add_table(c->doc, 2)
	                                      : ng_doc_add(c->doc, (ng_block_kind)dir->kind);
	b->align = dir->align;
	b->font = dir->font;
	b->first_indent = dir->first_indent;
	b->size = dir->size;
	b->space = dir->space;
	b->level = dir->level;
	b->keep_with_next = dir->keep;
	c->filling = b->kind;
	if (b->kind == NG_B_RECIPIENT)
		b->recipient = ng_alloc(c->a, sizeof *b->recipient);
	apply_options(c, b, n);
	if (b->kind == NG_B_TABLE) {
		c->table = b;
		c->row = 0;
		return 0;
	}
	if (b->kind == NG_B_RECIPIENT) {
		reads(c)->skip = true; /* the block later lines refer to */
		c->window = b->recipient;
		return fill_recipient(c, n, b);
	}
	return fill(c, n, &b->content);
}

/* ---- control */

static int run_list(t_ctx *c, const t_list *l);

static int run_if(t_ctx *c, const t_node *n)
{
	const ng_node *v = NULL;
	tmpl_lookup(c, n->cond.path, &v);
	bool yes;
	if (n->cond.op) {
		bool eq = v && v->kind == NG_NODE_SCALAR && strcmp(v->value, n->cond.literal) == 0;
		yes = n->cond.op == 1 ? eq : !eq;
	} else {
		yes = truthy(v);
	}
	if (n->cond.negate)
		yes = !yes;
	return run_list(c, yes ? &n->body : &n->else_body);
}

static int run_for(t_ctx *c, const t_node *n)
{
	const ng_node *list = NULL;
	if (!tmpl_lookup(c, n->path, &list))
		return 0; /* an absent list loops zero times */
	bool fresh = c->fresh;
	if (list->kind != NG_NODE_SEQ) {
		if (list->kind != NG_NODE_SCALAR)
			return terror(c, n->pos, N_("'for' needs a list"), NULL);
		/* A single text where a list may stand: once. */
	}
	if (c->nscopes >= NG_ARRAY_LEN(c->scopes))
		return terror(c, n->pos, N_("loops nested too deeply"), NULL);
	size_t count = list->kind == NG_NODE_SEQ ? list->n : 1;
	int rc = 0;
	for (size_t i = 0; i < count; i++) {
		const ng_node *item = list->kind == NG_NODE_SEQ ? list->items[i] : list;
		c->scopes[c->nscopes++] = (scope){n->var, item, i, count, fresh};
		rc |= run_list(c, &n->body);
		c->nscopes--;
	}
	return rc;
}

static int run_node(t_ctx *c, const t_node *n)
{
	switch (n->kind) {
	case T_BLOCK:
		return run_block(c, n);
	case T_IF:
		return run_if(c, n);
	case T_FOR:
		return run_for(c, n);
	case T_INCLUDE:
		return run_list(c, &n->included->body);
	}
	return 0;
}

/* ---- the memo: pieces kept from letters before (memo.c) */

/* The memo's key of n as it runs now; false when what it makes cannot be
 * kept: inside an open table (its rows fill the table) or under a loop
 * variable of the letter's own. */
static bool piece_key(const t_ctx *c, const t_node *n, t_mkey *k)
{
	if (!c->memo || c->table)
		return false;
	for (size_t i = 0; i < c->nscopes; i++)
		if (c->scopes[i].fresh)
			return false;
	*k = (t_mkey){n, c->scopes, c->nscopes, c->window != NULL};
	return true;
}

/* Copies the blocks kept for n into the doc. */
static bool replay(t_ctx *c, const t_node *n)
{
	t_mkey k;
	size_t count;
	const ng_block *v =
	    piece_key(c, n, &k) ? tmpl_memo_get(c->memo, &k, &count, reads(c)) : NULL;
	if (!v)
		return false;
	ng_doc *doc = c->doc;
	size_t list0 = doc->n;
	doc->v = ng_agrow_raw(doc->arena, doc->v, sizeof *doc->v, &doc->cap, list0 + count);
	memcpy(doc->v + list0, v, count * sizeof *v);
	for (size_t i = list0; i < list0 + count; i++)
		doc->v[i].list += doc->v[i].list ? (unsigned)list0 : 0;
	doc->n += count;
	return true;
}

static bool piece_start(t_ctx *c, const t_node *n)
{
	t_mkey k;
	if (c->nframes == MAX_FRAMES || !piece_key(c, n, &k))
		return false;
	c->frames[c->nframes++] = (t_frame){.block0 = c->doc->n,
	                                    .ndiags = ng_diags_count(c->d),
	                                    .errors = c->errors,
	                                    .window = k.window};
	return true;
}

/* Keeps what the piece made when it may be kept; its reads are its
 * parent's too. */
static void piece_end(t_ctx *c, const t_node *n, int rc)
{
	t_frame *f = &c->frames[--c->nframes];
	t_reads *up = reads(c);
	for (size_t w = 0; w < NG_ARRAY_LEN(up->bits); w++)
		up->bits[w] |= f->reads.bits[w];
	up->skip |= f->reads.skip;
	if (f->reads.skip || rc || c->errors != f->errors || c->table ||
	    ng_diags_count(c->d) != f->ndiags || c->doc->n == f->block0)
		return;
	t_mkey k = {n, c->scopes, c->nscopes, f->window};
	tmpl_memo_put(c->memo, &k, &f->reads, c->doc->v + f->block0, c->doc->n - f->block0,
	              f->block0);
}

static int run_list(t_ctx *c, const t_list *l)
{
	int rc = 0;
	for (size_t i = 0; i < l->n; i++) {
		const t_node *n = &l->v[i];
		if (c->memo && replay(c, n))
			continue;
		bool kept = c->memo && piece_start(c, n);
		int r = run_node(c, n);
		if (kept)
			piece_end(c, n, r);
		rc |= r;
	}
	return rc;
}

/* The node of field in the record (a dotted path; through a list, the
 * first element's that has it), or NULL when the record does not give it. */
static const ng_node *given(const ng_node *n, const char *path)
{
	if (!n)
		return NULL;
	if (n->kind == NG_NODE_SEQ) {
		for (size_t i = 0; i < n->n; i++) {
			const ng_node *g = given(n->items[i], path);
			if (g)
				return g;
		}
		return NULL;
	}
	if (!*path)
		return truthy(n) ? n : NULL;
	const char *dot = strchr(path, '.');
	size_t len = dot ? (size_t)(dot - path) : strlen(path);
	return given(child(n, path, len), dot ? dot + 1 : "");
}

bool tmpl_field_given(const ng_record *rec, const char *field)
{
	return given(rec->root, field) != NULL;
}

/* Whether the template (with its includes) loops over the list at path,
 * or prints it with @blocks. */
static bool reads_list(const t_list *l, const char *path)
{
	for (size_t i = 0; i < l->n; i++) {
		const t_node *n = &l->v[i];
		const t_seg *s = n->nsegs == 1 ? &n->segs[0] : NULL;
		if ((n->kind == T_FOR && strcmp(n->path, path) == 0) ||
		    (n->kind == T_BLOCK && directives[n->directive].kind == D_BLOCKS && s &&
		     strncmp(s->text + strspn(s->text, " "), path, strlen(path)) == 0))
			return true;
		if (n->kind == T_INCLUDE && reads_list(&n->included->body, path))
			return true;
		if ((n->kind == T_IF || n->kind == T_FOR) &&
		    (reads_list(&n->body, path) || reads_list(&n->else_body, path)))
			return true;
	}
	return false;
}

/* What the record gives that this template leaves out by design (its
 * @omits lines) is said, never silently dropped. */
void tmpl_report_omits(const struct ng_template *t, const ng_record *rec, ng_diags *d)
{
	bool att_declared = false;
	for (size_t i = 0; i < t->nomits; i++)
		att_declared |= strcmp(t->omits[i].field, "attachments") == 0;
	/* 別紙 a template never reads would vanish: say so (built-in templates
	 * include _attachments). */
	if (rec->attachments.n && !att_declared && !reads_list(&t->body, "attachments")) {
		ng_diag *g = ng_diag_add(d, NG_D_NOT_PRINTED, rec->attachments.v[0].pos, t->name,
		                         "attachments",
		                         ng_tr("the template has no {% for … in attachments %}"));
		ng_diag_hint(d, g, "add {%% include \"_attachments\" %%} at its end");
	}
	for (size_t i = 0; i < t->nomits; i++) {
		const ng_node *n = given(rec->root, t->omits[i].field);
		if (!n || (t->omits[i].when && !given(rec->root, t->omits[i].when)))
			continue;
		ng_diag *g = ng_diag_add(d, NG_D_NOT_PRINTED, n->pos, t->name, t->omits[i].field,
		                         t->omits[i].reason);
		ng_diag_hint(d, g, "choose another template with --template, or remove the field");
	}
	bool declared = false;
	for (size_t i = 0; i < t->nomits; i++)
		declared |= strcmp(t->omits[i].field, "sections") == 0;
	if ((rec->sections.n || rec->updates.n) && !t->noutline && !declared) {
		ng_diag *g = ng_diag_add(d, NG_D_NOT_PRINTED, rec->pos, t->name, "sections",
		                         ng_tr("the template has no @outline"));
		ng_diag_hint(d, g, "use a built-in template, or print `outline` in yours");
	}
}

/* words.name given, and no paragraph of the letter named the sender with
 * {{ words.self }} (a letter whose own body replaces the template's
 * opening): the name is not printed, and that is said. */
static void unintroduced(t_ctx *c, const struct ng_template *t)
{
	const ng_node *first = NULL;
	if (!tmpl_lookup(c, "words.self_first", &first))
		return;
	for (size_t i = 0; i < t->nomits; i++)
		if (strcmp(t->omits[i].field, "words.name") == 0)
			return; /* said by its @omits line */
	const ng_node *name = ng_node_get(ng_node_get(c->rec->root, "words"), "name");
	ng_diag *g = ng_diag_add(c->d, NG_D_NOT_PRINTED, name ? name->pos : first->pos, t->name,
	                         "words.name", ng_tr("no paragraph names the sender"));
	ng_diag_hint(c->d, g,
	             "write {{words.self}} where your text first names the sender "
	             "(letter.body or a section); it prints the name and 「（以下「…」"
	             "といいます。）」 there");
}

int tmpl_run(const struct ng_template *t, t_memo *m, const ng_record *rec, ng_era *era, ng_doc *doc,
             ng_diags *d)
{
	t_ctx c = {
	    .rec = rec, .era = era, .doc = doc, .a = doc->arena, .d = d, .memo = m, .filling = -1};
	if (m)
		tmpl_memo_letter(m, rec->root);
	if (t->noutline) {
		/* The outline kept for the record is the same node every
		 * letter: pieces under it can be kept. */
		const ng_node *kept = m ? tmpl_memo_outline(m) : NULL;
		const ng_node *o = kept ? kept : tmpl_outline(t, rec, c.a, NULL, NULL);
		c.scopes[c.nscopes++] = (scope){"outline", o, 0, 1, !kept};
	}
	int rc = run_list(&c, &t->body);
	if (!rc && !c.introduced)
		unintroduced(&c, t);
	if (c.table && !rc)
		rc = terror(&c, (ng_pos){t->path, 0, 0}, N_("@table without @endtable"), NULL);
	return rc || c.errors ? -1 : 0;
}
