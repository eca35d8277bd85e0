/* yaml_tree.c — libyaml's event stream into a positioned node tree. This
 * is the one file that includes yaml.h; libyaml's 0-based marks become
 * 1-based positions here. */
#include "yaml_tree.h"

#include <string.h>
#include <yaml.h>

const ng_yaml_limits ng_yaml_default_limits = {
    .max_bytes = 4u << 20, .max_depth = 32, .max_items = 100000, .max_scalar = 256u << 10};

typedef struct loader {
	const char *file;
	const ng_yaml_limits *lim;
	ng_arena *a;
	ng_diags *d;
	ng_node *stack[64];
	size_t cap[64];       /* capacity of stack[i]'s arrays */
	ng_node *pending[64]; /* a map's key read, its value not yet */
	size_t depth;
	ng_node *root;
	int failed;
} loader;

static ng_pos mark_pos(const loader *l, yaml_mark_t m)
{
	return (ng_pos){l->file, (int)m.line + 1, (int)m.column + 1};
}

/* Line and column (in code points) of a byte offset. */
static ng_pos offset_pos(const char *file, const char *data, size_t off)
{
	ng_pos p = {file, 1, 1};
	for (size_t i = 0; i < off; i++) {
		if (data[i] == '\n')
			p.line++, p.col = 1;
		else if (((unsigned char)data[i] & 0xC0) != 0x80)
			p.col++;
	}
	return p;
}

static ng_node *new_node(loader *l, ng_node_kind kind, yaml_mark_t m)
{
	ng_node *n = ng_alloc(l->a, sizeof *n);
	n->kind = kind;
	n->pos = mark_pos(l, m);
	return n;
}

static int is_dup_key(loader *l, ng_node *map, ng_node *key)
{
	for (size_t i = 0; i < map->n; i++) {
		if (strcmp(map->keys[i]->value, key->value) == 0) {
			ng_diag_add(l->d, NG_D_DUP_KEY, key->pos, key->value,
			            map->keys[i]->pos.line);
			return 1;
		}
	}
	return 0;
}

static void grow(loader *l, ng_node *parent, size_t *cap)
{
	size_t c = *cap;
	parent->items = ng_agrow(l->a, parent->items, sizeof(ng_node *), &c, parent->n + 1);
	if (parent->kind == NG_NODE_MAP) {
		size_t c2 = *cap;
		parent->keys = ng_agrow(l->a, parent->keys, sizeof(ng_node *), &c2, parent->n + 1);
	}
	*cap = c;
}

/* A map opened right before another one ("{{"): a {{…}} reference left
 * unquoted at the start of a value. */
static bool opens_with_braces(const ng_node *parent, const ng_node *child)
{
	return child->kind == NG_NODE_MAP && parent->n == 0 &&
	       parent->pos.line == child->pos.line && parent->pos.col + 1 == child->pos.col;
}

static int add_child(loader *l, ng_node *child)
{
	if (l->depth == 0) {
		l->root = child;
		return 0;
	}
	ng_node *parent = l->stack[l->depth - 1];
	size_t *cap = &l->cap[l->depth - 1];
	if (parent->kind == NG_NODE_MAP && !l->pending[l->depth - 1]) {
		if (child->kind != NG_NODE_SCALAR && opens_with_braces(parent, child)) {
			/* `- {{2023-06-05}} …` unquoted: YAML reads "{{" as a
			 * map whose key is a map, not as text. */
			ng_diag *g = ng_diag_add(
			    l->d, NG_D_BAD_VALUE, parent->pos, "{{…}}",
			    ng_tr("a value that starts with {{ is read by YAML as a map"));
			ng_diag_hint(l->d, g,
			             "put the whole text in quotes: - \"{{2023-06-05}}、…\" (or "
			             "key: \"{{2023-06-05}} …\")");
			return -1;
		}
		if (child->kind != NG_NODE_SCALAR) {
			ng_diag_add(l->d, NG_D_WRONG_TYPE, child->pos, "key", N_("a plain scalar"));
			return -1;
		}
		if (is_dup_key(l, parent, child))
			return -1;
		l->pending[l->depth - 1] = child;
		return 0;
	}
	if (parent->n >= l->lim->max_items) {
		ng_diag_add(l->d, NG_D_TOO_LARGE, child->pos, ng_tr("number of items"),
		            l->lim->max_items);
		return -1;
	}
	grow(l, parent, cap);
	if (parent->kind == NG_NODE_MAP) {
		parent->keys[parent->n] = l->pending[l->depth - 1];
		l->pending[l->depth - 1] = NULL;
	}
	parent->items[parent->n++] = child;
	return 0;
}

static int push(loader *l, ng_node *n)
{
	if (add_child(l, n) != 0)
		return -1;
	if (l->depth >= l->lim->max_depth || l->depth >= NG_ARRAY_LEN(l->stack)) {
		ng_diag_add(l->d, NG_D_TOO_LARGE, n->pos, ng_tr("nesting depth"),
		            l->lim->max_depth);
		return -1;
	}
	l->pending[l->depth] = NULL;
	l->cap[l->depth] = 0;
	l->stack[l->depth++] = n;
	return 0;
}

static void set_exact(const loader *l, ng_node *n, const yaml_event_t *ev)
{
	yaml_scalar_style_t st = ev->data.scalar.style;
	size_t quotes = st == YAML_PLAIN_SCALAR_STYLE ? 0 : 2;
	bool quoted =
	    st == YAML_SINGLE_QUOTED_SCALAR_STYLE || st == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	size_t raw = ev->end_mark.index - ev->start_mark.index;
	n->exact = (quoted || !quotes) && ev->start_mark.line == ev->end_mark.line &&
	           raw == ng_utf8_count(n->value, n->len) + quotes;
	n->vpos = n->pos;
	n->vpos.col += quoted ? 1 : 0;
	(void)l;
}

static int on_scalar(loader *l, const yaml_event_t *ev)
{
	if (ev->data.scalar.anchor) {
		ng_diag_add(l->d, NG_D_YAML_ALIAS, mark_pos(l, ev->start_mark));
		return -1;
	}
	if (l->lim->max_scalar && ev->data.scalar.length > l->lim->max_scalar) {
		ng_diag_add(l->d, NG_D_TOO_LARGE, mark_pos(l, ev->start_mark),
		            ng_tr("length of a value (bytes)"), l->lim->max_scalar);
		return -1;
	}
	ng_node *n = new_node(l, NG_NODE_SCALAR, ev->start_mark);
	n->len = ev->data.scalar.length;
	n->value = ng_strndup(l->a, (const char *)ev->data.scalar.value, n->len);
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	set_exact(l, n, ev);
	return add_child(l, n);
}

static int on_event(loader *l, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		ng_diag_add(l->d, NG_D_YAML_ALIAS, mark_pos(l, ev->start_mark));
		return -1;
	case YAML_SCALAR_EVENT:
		return on_scalar(l, ev);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		int map = ev->type == YAML_MAPPING_START_EVENT;
		const yaml_char_t *anchor =
		    map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
		if (anchor) {
			ng_diag_add(l->d, NG_D_YAML_ALIAS, mark_pos(l, ev->start_mark));
			return -1;
		}
		return push(l, new_node(l, map ? NG_NODE_MAP : NG_NODE_SEQ, ev->start_mark));
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		l->depth--;
		return 0;
	case YAML_DOCUMENT_START_EVENT:
		if (l->root) {
			ng_diag_add(l->d, NG_D_YAML_SYNTAX, mark_pos(l, ev->start_mark),
			            ng_tr("more than one document in the file"));
			return -1;
		}
		return 0;
	default:
		return 0;
	}
}

static void syntax_error(loader *l, const yaml_parser_t *p)
{
	yaml_mark_t m = p->problem_mark;
	ng_buf msg = {0};
	const char *problem = ng_yaml_text(l->a, p->problem ? p->problem : "unknown problem");
	if (p->context)
		/* TRANSLATORS: libyaml's problem, what it was doing, where that began */
		ng_buf_printf(&msg, ng_tr("%s %s (line %zu)"), problem,
		              ng_yaml_text(l->a, p->context), p->context_mark.line + 1);
	else
		ng_buf_adds(&msg, problem);
	ng_diag *g = ng_diag_add(l->d, NG_D_YAML_SYNTAX, mark_pos(l, m), msg.data);
	if (p->problem && strstr(p->problem, "tab"))
		ng_diag_hint(l->d, g, "indent with spaces; YAML does not allow tabs there");
	ng_buf_free(&msg);
}

/* Reports each line whose indentation holds a tab; returns how many.
 * Called after libyaml failed: a tab there is the likely cause, and is
 * named at its own position (YAML indents with spaces only). */
static int tab_errors(loader *l, const char *data, size_t len)
{
	enum { MAX_REPORTED = 20 };
	int found = 0;
	ng_pos p = {l->file, 1, 1};
	bool indent = true;
	for (size_t i = 0; i < len && found < MAX_REPORTED; i++) {
		if (data[i] == '\n') {
			p.line++, p.col = 1, indent = true;
			continue;
		}
		if (indent && data[i] == '\t') {
			ng_diag *g = ng_diag_add(l->d, NG_D_YAML_TAB, p);
			ng_diag_hint(l->d, g, "indent with spaces; YAML does not allow tabs there");
			found++;
			indent = false;
		} else if (data[i] != ' ') {
			indent = false;
		}
		if (((unsigned char)data[i] & 0xC0) != 0x80)
			p.col++;
	}
	return found;
}

static int check_input(loader *l, const char *data, size_t len)
{
	if (len > l->lim->max_bytes) {
		ng_diag_add(l->d, NG_D_TOO_LARGE, (ng_pos){l->file, 0, 0},
		            ng_tr("file size (bytes)"), l->lim->max_bytes);
		return -1;
	}
	size_t bad = ng_utf8_invalid_at(data, len);
	if (bad != (size_t)-1) {
		ng_diag *g = ng_diag_add(l->d, NG_D_YAML_UTF8, offset_pos(l->file, data, bad));
		ng_diag_hint(l->d, g, "save the file as UTF-8 (byte 0x%02X at offset %zu)",
		             (unsigned char)data[bad], bad);
		return -1;
	}
	if (memchr(data, '\0', len)) {
		size_t off = (size_t)((const char *)memchr(data, '\0', len) - data);
		ng_diag_add(l->d, NG_D_BAD_VALUE, offset_pos(l->file, data, off), "file",
		            ng_tr("contains a NUL byte"));
		return -1;
	}
	return 0;
}

ng_node *ng_yaml_load(const char *file, const char *data, size_t len, const ng_yaml_limits *lim,
                      ng_arena *a, ng_diags *d)
{
	loader l = {.file = file, .lim = lim ? lim : &ng_yaml_default_limits, .a = a, .d = d};
	if (check_input(&l, data, len) != 0)
		return NULL;
	yaml_parser_t p;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	int done = 0, failed = 0;
	while (!done && !failed) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			if (tab_errors(&l, data, len) == 0)
				syntax_error(&l, &p);
			failed = 1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		failed = on_event(&l, &ev) != 0;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (failed)
		return NULL;
	if (!l.root) {
		l.root = ng_alloc(a, sizeof *l.root);
		l.root->kind = NG_NODE_MAP;
		l.root->pos = (ng_pos){file, 1, 1};
	}
	return l.root;
}

ng_node *ng_node_get(const ng_node *map, const char *key)
{
	if (!map || map->kind != NG_NODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->value, key) == 0)
			return map->items[i];
	return NULL;
}

static ng_node *new_scalar(ng_arena *a, const char *value, ng_pos pos)
{
	ng_node *n = ng_alloc(a, sizeof *n);
	n->kind = NG_NODE_SCALAR;
	n->pos = n->vpos = pos;
	n->len = strlen(value);
	n->value = ng_strndup(a, value, n->len);
	n->plain = true;
	return n;
}

ng_node *ng_node_new(ng_arena *a, ng_node_kind kind, ng_pos pos)
{
	ng_node *n = ng_alloc(a, sizeof *n);
	n->kind = kind;
	n->pos = n->vpos = pos;
	return n;
}

void ng_node_put_node(ng_arena *a, ng_node *map, const char *key, ng_node *v)
{
	for (size_t i = 0; i < map->n; i++) {
		if (strcmp(map->keys[i]->value, key) == 0) {
			map->items[i] = v;
			return;
		}
	}
	ng_node **items = ng_alloc(a, (map->n + 1) * sizeof *items);
	ng_node **keys = ng_alloc(a, (map->n + 1) * sizeof *keys);
	if (map->n) {
		memcpy(items, map->items, map->n * sizeof *items);
		memcpy(keys, map->keys, map->n * sizeof *keys);
	}
	items[map->n] = v;
	keys[map->n] = new_scalar(a, key, v->pos);
	map->items = items;
	map->keys = keys;
	map->n++;
}

void ng_node_put(ng_arena *a, ng_node *map, const char *key, const char *value, ng_pos pos)
{
	ng_node_put_node(a, map, key, new_scalar(a, value, pos));
}
