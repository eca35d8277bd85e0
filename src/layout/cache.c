/* cache.c — the layout cache (ng_layout_cache): values stored under keys
 * of bytes, found by a hash and then compared whole, in an open-addressed
 * table that only grows until one of its caps and never evicts. What a
 * value holds is the caller's business (layout.c: a hard line's lines and
 * runs, a table cell's extent); what a key holds starts here, with every
 * input of the layout that is the same for a whole run (ng_lkey_start). */
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

typedef struct lentry {
	uint64_t hash;
	size_t nhead, len;
	const unsigned char *head;
	const char *text;
	void *val;
} lentry;

struct ng_layout_cache {
	lentry **slot;
	size_t nslots; /* 0, or a power of two more than twice the entries */
	/* compose.c's table of characters' measures, and what they were
	 * measured with */
	void *chars;
	ng_measure_fn measure;
	const void *measure_ctx, *jl;
	lay_sizes sizes;
	size_t max_bytes, max_entries;
	ng_layout_cache_stats st;
};

ng_layout_cache *ng_layout_cache_new(size_t max_bytes, size_t max_entries)
{
	ng_layout_cache *c = ng_xcalloc(1, sizeof *c);
	c->max_bytes = max_bytes;
	c->max_entries = max_entries;
	c->st.bytes = sizeof *c;
	return c;
}

void ng_layout_cache_free(ng_layout_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nslots; i++)
		free(c->slot[i]);
	free(c->slot);
	free(c->chars);
	free(c);
}

ng_layout_cache_stats ng_layout_cache_get_stats(const ng_layout_cache *c)
{
	return c ? c->st : (ng_layout_cache_stats){0};
}

/* ---- keys */

/* Everything ng_layout_opts gives the text layout that a box does not:
 * the measure function and its context (which fonts), the JLReq tables,
 * the line breaker, and the options of compose.c. Objects by address: the
 * cache does not outlive them (layout.h). */
void ng_lkey_start(lkey *k, const lay *l, char tag)
{
	const ng_layout_opts *o = l->o;
	unsigned char hang = o->hanging;
	k->nhead = 0;
	NG_LKEY_PUT(k, tag);
	NG_LKEY_PUT(k, o->measure);
	NG_LKEY_PUT(k, o->measure_ctx);
	NG_LKEY_PUT(k, l->jl);
	NG_LKEY_PUT(k, l->lb);
	NG_LKEY_PUT(k, l->phrase);
	NG_LKEY_PUT(k, l->firm);
	NG_LKEY_PUT(k, l->cell);
	NG_LKEY_PUT(k, o->strictness);
	NG_LKEY_PUT(k, hang);
	NG_LKEY_PUT(k, o->wa_space);
	NG_LKEY_PUT(k, o->wa_min);
	NG_LKEY_PUT(k, o->wa_max);
}

void ng_lkey_text(lkey *k, const char *text, size_t len)
{
	k->text = text;
	k->len = len;
	k->hash = ng_hash_bytes(ng_hash_bytes(k->nhead, k->head, k->nhead), text, len);
}

lay_sizes *ng_lcache_sizes(ng_layout_cache *c)
{
	return &c->sizes;
}

/* ---- the characters' measures */

void *ng_lcache_chars(ng_layout_cache *c, const lay *l, size_t size)
{
	const ng_layout_opts *o = l->o;
	if (!c->chars) {
		if (c->st.bytes > c->max_bytes || size > c->max_bytes - c->st.bytes)
			return NULL;
		c->chars = ng_xcalloc(1, size);
		c->st.bytes += size;
	} else if (c->measure != o->measure || c->measure_ctx != o->measure_ctx || c->jl != l->jl) {
		memset(c->chars, 0, size);
	}
	c->measure = o->measure;
	c->measure_ctx = o->measure_ctx;
	c->jl = l->jl;
	return c->chars;
}

/* ---- the table */

static bool same(const lentry *e, const lkey *k)
{
	return e->hash == k->hash && e->nhead == k->nhead && e->len == k->len &&
	       memcmp(e->head, k->head, k->nhead) == 0 &&
	       (k->len == 0 || memcmp(e->text, k->text, k->len) == 0);
}

/* The slot holding k, or the empty slot where it would go. */
static lentry **find(lentry **slot, size_t nslots, const lkey *k)
{
	size_t mask = nslots - 1;
	size_t i = (size_t)k->hash & mask;
	while (slot[i] && !same(slot[i], k))
		i = (i + 1) & mask;
	return &slot[i];
}

const void *ng_lcache_get(ng_layout_cache *c, const lkey *k)
{
	c->st.lookups++;
	const lentry *e = c->nslots ? *find(c->slot, c->nslots, k) : NULL;
	if (!e)
		return NULL;
	c->st.hits++;
	return e->val;
}

/* Whether size more bytes fit under the cap. */
static bool fits(const ng_layout_cache *c, size_t size)
{
	return c->st.bytes <= c->max_bytes && size <= c->max_bytes - c->st.bytes;
}

/* Puts e in the first empty slot of its probe sequence. */
static void insert(lentry **slot, size_t nslots, lentry *e)
{
	size_t i = (size_t)e->hash & (nslots - 1);
	while (slot[i])
		i = (i + 1) & (nslots - 1);
	slot[i] = e;
}

/* Makes room for one more entry: the table doubles (its growth counted in
 * the bytes) before it is half full. Returns false when it cannot. */
static bool room(ng_layout_cache *c)
{
	if (c->st.entries >= c->max_entries)
		return false;
	if (2 * (c->st.entries + 1) < c->nslots)
		return true;
	size_t n = c->nslots ? 2 * c->nslots : 64;
	if (!fits(c, (n - c->nslots) * sizeof *c->slot))
		return false;
	lentry **slot = ng_xcalloc(n, sizeof *slot);
	for (size_t i = 0; i < c->nslots; i++)
		if (c->slot[i])
			insert(slot, n, c->slot[i]);
	free(c->slot);
	c->st.bytes += (n - c->nslots) * sizeof *slot;
	c->slot = slot;
	c->nslots = n;
	return true;
}

static size_t aligned(size_t n)
{
	size_t a = _Alignof(max_align_t);
	return (n + a - 1) / a * a;
}

/* One allocation: the entry, the value (aligned for any type), the key. */
void *ng_lcache_put(ng_layout_cache *c, const lkey *k, size_t vsize)
{
	size_t voff = aligned(sizeof(lentry)), koff = voff + aligned(vsize);
	size_t size = koff + k->nhead + k->len;
	lentry **at = room(c) && fits(c, size) ? find(c->slot, c->nslots, k) : NULL;
	if (!at || *at) {
		c->st.refused++;
		return NULL;
	}
	unsigned char *p = ng_xmalloc(size);
	lentry *e = (lentry *)p;
	memcpy(p + koff, k->head, k->nhead);
	if (k->len)
		memcpy(p + koff + k->nhead, k->text, k->len);
	*e = (lentry){k->hash, k->nhead, k->len, p + koff, (char *)p + koff + k->nhead, p + voff};
	memset(e->val, 0, vsize);
	*at = e;
	c->st.entries++;
	c->st.bytes += size;
	return e->val;
}
