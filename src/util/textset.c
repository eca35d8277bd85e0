/* textset.c — a set of texts (ng_textset): byte strings under a small
 * tag, found by a 64-bit hash and then compared whole, in an
 * open-addressed table that only grows until one of its caps and never
 * evicts (so a batch's memory stays flat). It remembers answers that are
 * a function of a text alone — "every character of this paragraph is in
 * the font" — which a batch's letters ask again for the record's
 * paragraphs in every letter. */
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct tentry {
	uint64_t hash;
	size_t len;
	unsigned tag;
	char text[]; /* len bytes */
} tentry;

struct ng_textset {
	tentry **slot;
	size_t nslots; /* 0, or a power of two more than twice the entries */
	size_t n, bytes, max_bytes, max_entries;
};

ng_textset *ng_textset_new(size_t max_bytes, size_t max_entries)
{
	ng_textset *s = ng_xcalloc(1, sizeof *s);
	s->max_bytes = max_bytes;
	s->max_entries = max_entries;
	return s;
}

void ng_textset_free(ng_textset *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nslots; i++)
		free(s->slot[i]);
	free(s->slot);
	free(s);
}

size_t ng_textset_count(const ng_textset *s)
{
	return s ? s->n : 0;
}

#define MIX 0x9E3779B97F4A7C15u

/* Sixteen bytes a step in two lanes, so that each multiplication does
 * not wait for the one before (hashing a paragraph costs a fraction of
 * reading its characters one by one); the tail a word at a time. */
uint64_t ng_hash_bytes(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	if (n >= 16) {
		uint64_t a = h, b = h ^ MIX;
		for (; n >= 16; n -= 16, p += 16) {
			uint64_t w[2];
			memcpy(w, p, 16);
			a = (a ^ w[0]) * MIX;
			b = (b ^ w[1]) * MIX;
			a ^= a >> 32;
			b ^= b >> 29;
		}
		h = a ^ (b * MIX);
	}
	for (; n >= 8; n -= 8, p += 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * MIX;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	if (n)
		memcpy(&w, p, n);
	h = (h ^ w ^ n) * MIX;
	return h ^ h >> 29;
}

/* The slot holding (tag, text), or the empty slot where it would go. */
static tentry **find(tentry **slot, size_t nslots, uint64_t h, unsigned tag, const char *text,
                     size_t len)
{
	size_t mask = nslots - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		const tentry *e = slot[i];
		if (!e || (e->hash == h && e->tag == tag && e->len == len &&
		           memcmp(e->text, text, len) == 0))
			return &slot[i];
	}
}

bool ng_textset_has(const ng_textset *s, unsigned tag, const char *text, size_t len)
{
	if (!s || !s->n)
		return false;
	return *find(s->slot, s->nslots, ng_hash_bytes(tag, text, len), tag, text, len) != NULL;
}

/* Doubles the table before it is half full; false when the caps say no. */
static bool room(ng_textset *s, size_t size)
{
	if (s->n >= s->max_entries || s->bytes + size > s->max_bytes)
		return false;
	if (2 * (s->n + 1) < s->nslots)
		return true;
	size_t n = s->nslots ? 2 * s->nslots : 64;
	size_t more = (n - s->nslots) * sizeof *s->slot;
	if (s->bytes + size + more > s->max_bytes)
		return false;
	tentry **slot = ng_xcalloc(n, sizeof *slot);
	for (size_t i = 0; i < s->nslots; i++) {
		tentry *e = s->slot[i];
		if (e)
			*find(slot, n, e->hash, e->tag, e->text, e->len) = e;
	}
	free(s->slot);
	s->slot = slot;
	s->nslots = n;
	s->bytes += more;
	return true;
}

void ng_textset_add(ng_textset *s, unsigned tag, const char *text, size_t len)
{
	size_t size = sizeof(tentry) + len;
	if (!s || !room(s, size))
		return;
	uint64_t h = ng_hash_bytes(tag, text, len);
	tentry **at = find(s->slot, s->nslots, h, tag, text, len);
	if (*at)
		return;
	tentry *e = ng_xmalloc(size);
	e->hash = h;
	e->len = len;
	e->tag = tag;
	memcpy(e->text, text, len);
	*at = e;
	s->n++;
	s->bytes += size;
}
