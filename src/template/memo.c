/* memo.c — a template's letters for one record (ng_tmpl_memo): the blocks
 * each piece of the template made (a directive, an if, a for or an
 * include, under its loop variables), kept for the letters after.
 *
 * A batch's letters are the record seen through each client's view of
 * it (src/batch/view.c): the same tree but for a few nodes (the
 * addressee, the client's word, its data items, client.*). A piece reads
 * the record only through paths from the root (tmpl_lookup) and its loop
 * variables. So it is kept when every path it read gave the record's own
 * node (the same pointer as in the record's tree, checked per letter),
 * and it is copied into a later letter only when its node and loop
 * variables are the same (compared in full) and every path it read still
 * gives the record's own node in that letter. A piece that read a
 * client's value, reported anything, or did more than add blocks (the
 * window-envelope block, a table's rows) is run every time. */
#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "tmpl.h"

/* Paths the kept pieces read (each a bit of t_reads). More are not
 * noted: a piece that reads one of them is not kept. */
enum { MEMO_PATHS = 256, PATH_SLOTS = 512 };

typedef struct mpath {
	const char *text; /* NUL-terminated, in the memo's arena */
	uint64_t hash;
	const ng_node *base; /* the node in the record's own tree, or NULL */
	long top;            /* where its first key is in the record's root, or -1 */
} mpath;

typedef struct mentry {
	uint64_t hash;
	t_mkey key; /* scopes: a copy */
	t_reads reads;
	ng_block *blocks;
	size_t n;
} mentry;

struct ng_tmpl_memo {
	const struct ng_template *t;
	const ng_record *base;
	ng_arena *a; /* paths, entries, their blocks, the outline */
	size_t max_bytes, max_entries;
	ng_tmpl_memo_stats st;
	mpath paths[MEMO_PATHS];
	unsigned short path_slot[PATH_SLOTS]; /* index + 1 into paths, 0: empty */
	const ng_node *root;                  /* this letter's tree */
	uint64_t changed[4]; /* this letter: paths whose node is not the record's */
	mentry **slot;
	size_t nslots; /* 0, or a power of two more than twice the entries */
	const ng_node *outline;
	t_reads outline_reads;
	bool outline_tried;
};

ng_tmpl_memo *ng_tmpl_memo_new(const ng_template *t, const ng_record *base, size_t max_bytes,
                               size_t max_entries)
{
	ng_tmpl_memo *m = ng_xcalloc(1, sizeof *m);
	m->t = t;
	m->base = base;
	m->a = ng_arena_new();
	m->max_bytes = max_bytes;
	m->max_entries = max_entries;
	m->root = base->root;
	m->st.bytes = sizeof *m;
	return m;
}

void ng_tmpl_memo_free(ng_tmpl_memo *m)
{
	if (!m)
		return;
	free(m->slot);
	ng_arena_free(m->a);
	free(m);
}

ng_tmpl_memo_stats ng_tmpl_memo_get_stats(const ng_tmpl_memo *m)
{
	return m ? m->st : (ng_tmpl_memo_stats){0};
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0x9E3779B97F4A7C15u;
	return h ^ h >> 31;
}

/* ---- paths */

static bool bit(const uint64_t *w, size_t k)
{
	return (w[k / 64] >> (k % 64)) & 1;
}

/* Whether root is a copy of the record's root with the same keys in the
 * same order (and maybe more after them), as a batch's view makes it:
 * then a path whose first key's node is the record's own needs no walk. */
static bool copied_root(const ng_tmpl_memo *m, const ng_node *root)
{
	const ng_node *base = m->base->root;
	if (root->kind != NG_NODE_MAP || base->kind != NG_NODE_MAP || root->n < base->n)
		return false;
	for (size_t i = 0; i < base->n; i++) {
		const ng_node *k = root->keys[i], *b = base->keys[i];
		if (k != b && (k->len != b->len || memcmp(k->value, b->value, k->len) != 0))
			return false;
	}
	return true;
}

static void set_changed(ng_tmpl_memo *m, size_t k, bool copied)
{
	uint64_t b = 1ull << (k % 64);
	const mpath *p = &m->paths[k];
	if (copied && p->top >= 0 && m->root->items[p->top] == m->base->root->items[p->top])
		m->changed[k / 64] &= ~b;
	else if (tmpl_path(m->root, p->text) != p->base)
		m->changed[k / 64] |= b;
	else
		m->changed[k / 64] &= ~b;
}

void tmpl_memo_letter(t_memo *m, const ng_node *root)
{
	m->root = root;
	memset(m->changed, 0, sizeof m->changed);
	if (root == m->base->root)
		return;
	bool copied = copied_root(m, root);
	for (size_t k = 0; k < m->st.paths; k++)
		set_changed(m, k, copied);
}

/* Where the first key of path is in the map root (its first match), or -1. */
static long top_index(const ng_node *root, const char *path)
{
	size_t len = strcspn(path, ".");
	for (size_t i = 0; root->kind == NG_NODE_MAP && i < root->n; i++)
		if (root->keys[i]->len == len && memcmp(root->keys[i]->value, path, len) == 0)
			return (long)i;
	return -1;
}

/* The index of path in the table (added when new), or -1 when full. */
static int path_index(ng_tmpl_memo *m, const char *path)
{
	size_t len = strlen(path);
	uint64_t h = ng_hash_bytes(0, path, len);
	size_t i = h & (PATH_SLOTS - 1);
	for (; m->path_slot[i]; i = (i + 1) & (PATH_SLOTS - 1)) {
		const mpath *p = &m->paths[m->path_slot[i] - 1];
		if (p->hash == h && strcmp(p->text, path) == 0)
			return m->path_slot[i] - 1;
	}
	if (m->st.paths == MEMO_PATHS)
		return -1;
	size_t k = m->st.paths++;
	m->paths[k] = (mpath){ng_strndup(m->a, path, len), h, tmpl_path(m->base->root, path),
	                      top_index(m->base->root, path)};
	m->st.bytes += len + 1;
	m->path_slot[i] = (unsigned short)(k + 1);
	set_changed(m, k, false);
	return (int)k;
}

bool tmpl_memo_read(t_memo *m, const char *path, t_reads *r)
{
	int k = path_index(m, path);
	if (k < 0) {
		r->skip = true;
		return false;
	}
	r->bits[k / 64] |= 1ull << (k % 64);
	if (bit(m->changed, (size_t)k))
		r->skip = true;
	return !bit(m->changed, (size_t)k);
}

/* Whether what r read is the record's own in this letter. */
static bool valid(const ng_tmpl_memo *m, const t_reads *r)
{
	for (size_t w = 0; w < NG_ARRAY_LEN(m->changed); w++)
		if (r->bits[w] & m->changed[w])
			return false;
	return !r->skip;
}

static void add_reads(t_reads *to, const t_reads *r)
{
	for (size_t w = 0; w < NG_ARRAY_LEN(to->bits); w++)
		to->bits[w] |= r->bits[w];
	to->skip |= r->skip;
}

/* ---- the outline: made once from the record, in the memo's arena */

const ng_node *tmpl_memo_outline(t_memo *m)
{
	if (!m->outline_tried) {
		m->outline_tried = true;
		ng_record rec = *m->base;
		rec.root = m->root;
		t_reads r = {.skip = false};
		ng_node *o = tmpl_outline(m->t, &rec, m->a, m, &r);
		if (!r.skip) {
			m->outline = o;
			m->outline_reads = r;
		}
	}
	return m->outline && valid(m, &m->outline_reads) ? m->outline : NULL;
}

/* ---- pieces */

static uint64_t key_hash(const t_mkey *k)
{
	uint64_t h = mix(mix((uintptr_t)k->node, k->window), k->nscopes);
	for (size_t i = 0; i < k->nscopes; i++) {
		const t_scope *s = &k->scopes[i];
		h = mix(mix(mix(mix(h, (uintptr_t)s->name), (uintptr_t)s->node), s->index),
		        s->count);
	}
	return h;
}

static bool same_key(const t_mkey *a, const t_mkey *b)
{
	if (a->node != b->node || a->window != b->window || a->nscopes != b->nscopes)
		return false;
	for (size_t i = 0; i < a->nscopes; i++) {
		const t_scope *x = &a->scopes[i], *y = &b->scopes[i];
		if (x->name != y->name || x->node != y->node || x->index != y->index ||
		    x->count != y->count)
			return false;
	}
	return true;
}

/* The slot holding k, or the empty slot where it would go. */
static mentry **find(mentry **slot, size_t nslots, const t_mkey *k, uint64_t h)
{
	size_t i = h & (nslots - 1);
	while (slot[i] && !(slot[i]->hash == h && same_key(&slot[i]->key, k)))
		i = (i + 1) & (nslots - 1);
	return &slot[i];
}

const ng_block *tmpl_memo_get(t_memo *m, const t_mkey *k, size_t *n, t_reads *r)
{
	if (!m->nslots)
		return NULL;
	const mentry *e = *find(m->slot, m->nslots, k, key_hash(k));
	if (!e || !valid(m, &e->reads))
		return NULL;
	add_reads(r, &e->reads);
	m->st.hits++;
	*n = e->n;
	return e->blocks;
}

/* ---- copies of blocks: measured, then made */

static size_t aligned(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

static size_t str_bytes(const char *s)
{
	return s ? aligned(strlen(s) + 1) : 0;
}

static size_t content_bytes(const ng_content *c)
{
	return aligned(c->len + 1) + aligned(c->nspans * sizeof *c->spans) + str_bytes(c->link) +
	       str_bytes(c->image);
}

/* The bytes a block's copy takes; 0 when it cannot be kept. */
static size_t block_bytes(const ng_block *b)
{
	size_t cells = b->nrows * b->ncols, n = sizeof *b + str_bytes(b->marker);
	if (b->recipient)
		return 0; /* the window: made by the letter (tmpl_eval.c) */
	n += content_bytes(&b->content);
	for (size_t i = 0; b->cells && i < cells; i++)
		n += sizeof *b->cells + content_bytes(&b->cells[i]);
	n += b->col_weights ? aligned(b->ncols * sizeof *b->col_weights) : 0;
	n += b->col_align ? aligned(b->ncols * sizeof *b->col_align) : 0;
	n += b->col_em ? aligned(b->ncols * sizeof *b->col_em) : 0;
	return n + (b->cell_span ? aligned(cells) : 0);
}

static void *dup(ng_arena *a, const void *p, size_t n)
{
	if (!p)
		return NULL;
	void *q = ng_alloc_raw(a, n ? n : 1);
	if (n)
		memcpy(q, p, n);
	return q;
}

static const char *dup_str(ng_arena *a, const char *s)
{
	return s ? ng_strdup(a, s) : NULL;
}

/* A content no later ng_content_add writes into (cap 0: it copies). */
static void copy_content(ng_arena *a, ng_content *to, const ng_content *c)
{
	*to = *c;
	to->text = dup(a, c->text, c->len + 1);
	to->cap = 0;
	to->spans = dup(a, c->spans, c->nspans * sizeof *c->spans);
	to->capspans = c->nspans;
	to->link = dup_str(a, c->link);
	to->image = dup_str(a, c->image);
}

static void copy_block(ng_arena *a, ng_block *to, const ng_block *b, size_t list0)
{
	size_t cells = b->nrows * b->ncols;
	*to = *b;
	to->list = b->list ? b->list - (unsigned)list0 : 0;
	to->marker = dup_str(a, b->marker);
	copy_content(a, &to->content, &b->content);
	if (b->cells) {
		to->cells = ng_alloc_raw(a, (cells ? cells : 1) * sizeof *to->cells);
		for (size_t i = 0; i < cells; i++)
			copy_content(a, &to->cells[i], &b->cells[i]);
		to->caprows = b->nrows;
	}
	to->col_weights = dup(a, b->col_weights, b->ncols * sizeof *b->col_weights);
	to->col_align = dup(a, b->col_align, b->ncols * sizeof *b->col_align);
	to->col_em = dup(a, b->col_em, b->ncols * sizeof *b->col_em);
	to->cell_span = dup(a, b->cell_span, b->cell_span ? cells : 0);
}

/* Makes room for one more entry: the table doubles before it is half
 * full. Returns false when a cap says no. */
static bool room(ng_tmpl_memo *m, size_t bytes)
{
	if (m->st.entries >= m->max_entries || m->st.bytes + bytes > m->max_bytes)
		return false;
	if (2 * (m->st.entries + 1) < m->nslots)
		return true;
	size_t n = m->nslots ? 2 * m->nslots : 64;
	if (m->st.bytes + bytes + (n - m->nslots) * sizeof *m->slot > m->max_bytes)
		return false;
	mentry **slot = ng_xcalloc(n, sizeof *slot);
	for (size_t i = 0; i < m->nslots; i++)
		if (m->slot[i])
			*find(slot, n, &m->slot[i]->key, m->slot[i]->hash) = m->slot[i];
	free(m->slot);
	m->st.bytes += (n - m->nslots) * sizeof *slot;
	m->slot = slot;
	m->nslots = n;
	return true;
}

void tmpl_memo_put(t_memo *m, const t_mkey *k, const t_reads *r, const ng_block *v, size_t n,
                   size_t list0)
{
	size_t bytes = sizeof(mentry) + k->nscopes * sizeof *k->scopes;
	for (size_t i = 0; i < n; i++) {
		size_t b = block_bytes(&v[i]);
		/* A list number is the doc's block count when its block was
		 * made: inside the piece, so it is kept relative to its start. */
		if (!b || (v[i].list && v[i].list <= list0))
			return;
		bytes += b;
	}
	uint64_t h = key_hash(k);
	if (!room(m, bytes))
		return;
	mentry **at = find(m->slot, m->nslots, k, h);
	if (*at)
		return;
	mentry *e = ng_alloc(m->a, sizeof *e);
	e->hash = h;
	e->key = *k;
	e->key.scopes = dup(m->a, k->scopes, k->nscopes * sizeof *k->scopes);
	e->reads = *r;
	e->blocks = ng_alloc_raw(m->a, (n ? n : 1) * sizeof *e->blocks);
	for (size_t i = 0; i < n; i++)
		copy_block(m->a, &e->blocks[i], &v[i], list0);
	e->n = n;
	*at = e;
	m->st.entries++;
	m->st.bytes += bytes;
}

int ng_template_build_view(ng_tmpl_memo *m, const ng_node *root, ng_era *era, ng_doc *doc,
                           ng_diags *d)
{
	ng_record rec = *m->base;
	if (root)
		rec.root = root;
	return tmpl_build(m->t, m, &rec, era, doc, d);
}
