/* pagememo.c — finished pages a batch's letters share (ng_pagememo):
 * pages 2–4 of every client letter come out byte-identical for clients
 * with the same inputs, so their content stream is kept the first time
 * and written again as it is, instead of being generated anew only for
 * the compressor's memo to find it deflated before.
 *
 * The key is everything ng_content_page reads of the page, written out in
 * full and compared in full (a hash of its length and last bytes only
 * picks the candidates): the
 * height, each rule, run (text included) and line, and the role of every
 * structure element they name. The fonts are not in the key: only pages
 * whose every character is drawn with the batch's shared fonts are kept
 * (pdf.c), and those map code points to CIDs the same way for every
 * letter of the shared fonts' batch. Like the compressor's memo, the
 * memo is capped and never evicts. */
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

/* What the memo keeps at the most. */
enum { PAGEMEMO_ENTRIES = 64, PAGEMEMO_BYTES = 2 << 20 };

typedef struct pagememo_entry {
	uint64_t hash;
	unsigned char *key; /* then the content, one allocation */
	size_t klen;
	ng_pagememo_hit hit;
} pagememo_entry;

struct ng_pagememo {
	pagememo_entry v[PAGEMEMO_ENTRIES];
	size_t n, bytes;
};

ng_pagememo *ng_pagememo_new(void)
{
	return ng_xcalloc(1, sizeof(ng_pagememo));
}

void ng_pagememo_free(ng_pagememo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].key);
		free(m->v[i].hit.elem);
	}
	free(m);
}

/* Fields are added one by one (never a whole struct: its padding is not
 * part of the value), copied inline while the buffer has room (a key is
 * written for every page of every letter: thousands of fields). The
 * buffer's closing NUL is put back at the end of ng_pagememo_key. */
static inline void key_put(ng_buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 <= b->cap) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
	} else {
		ng_buf_add(b, p, n);
	}
}
#define KEY(b, v) key_put((b), &(v), sizeof(v))

static void key_elem(ng_buf *b, const ng_pages *pages, unsigned elem)
{
	KEY(b, elem);
	int role = elem < pages->nelems ? (int)pages->elems[elem].role : -1;
	KEY(b, role);
}

void ng_pagememo_key(ng_buf *b, const ng_pages *pages, const ng_page *p, bool tagged)
{
	ng_buf_reset(b);
	KEY(b, pages->height);
	KEY(b, tagged);
	KEY(b, p->nrules);
	for (size_t i = 0; i < p->nrules; i++) {
		const ng_rule *r = &p->rules[i];
		KEY(b, r->x1), KEY(b, r->y1), KEY(b, r->x2), KEY(b, r->y2), KEY(b, r->width);
		key_elem(b, pages, r->elem);
	}
	KEY(b, p->nruns);
	for (size_t i = 0; i < p->nruns; i++) {
		const ng_run *r = &p->runs[i];
		KEY(b, r->x), KEY(b, r->y), KEY(b, r->font), KEY(b, r->size), KEY(b, r->char_space);
		KEY(b, r->len);
		key_put(b, r->text, r->len);
	}
	KEY(b, p->nlines);
	for (size_t i = 0; i < p->nlines; i++) {
		const ng_line *l = &p->lines[i];
		KEY(b, l->y), KEY(b, l->flags), KEY(b, l->run0), KEY(b, l->nruns), KEY(b, l->len);
		key_put(b, l->text, l->len);
		key_elem(b, pages, l->elem);
	}
	if (b->data)
		b->data[b->len] = '\0';
}

size_t ng_pagememo_count(const ng_pagememo *m)
{
	return m ? m->n : 0;
}

/* Picks the candidates for a key: its length and its last 256 bytes,
 * where the text of a page's last lines is (hashing a whole key, ~8 KB,
 * cost as much as building it; a candidate is compared in full). */
static uint64_t key_hash(const ng_buf *key)
{
	if (key->len == 0)
		return 0;
	size_t tail = key->len < 256 ? key->len : 256;
	return ng_flate_hash(key->data + key->len - tail, tail) ^ key->len;
}

const ng_pagememo_hit *ng_pagememo_find(const ng_pagememo *m, const ng_buf *key)
{
	uint64_t h = key_hash(key);
	for (size_t i = 0; i < m->n; i++) {
		const pagememo_entry *e = &m->v[i];
		if (e->hash == h && e->klen == key->len && memcmp(e->key, key->data, key->len) == 0)
			return &e->hit;
	}
	return NULL;
}

void ng_pagememo_add(ng_pagememo *m, const ng_buf *key, const ng_buf *content, const ng_mcids *mc)
{
	size_t nelem = mc ? mc->n : 0;
	size_t size = key->len + content->len + nelem * sizeof(unsigned);
	if (m->n == PAGEMEMO_ENTRIES || m->bytes + size > PAGEMEMO_BYTES)
		return;
	pagememo_entry *e = &m->v[m->n++];
	e->hash = key_hash(key);
	e->key = ng_xmalloc(key->len + content->len + 1);
	memcpy(e->key, key->data, key->len);
	memcpy(e->key + key->len, content->data, content->len);
	e->klen = key->len;
	e->hit = (ng_pagememo_hit){.content = (const char *)e->key + key->len,
	                           .len = content->len,
	                           .nelem = nelem,
	                           .bad = mc ? mc->bad : 0};
	if (nelem) {
		e->hit.elem = ng_xmalloc(nelem * sizeof(unsigned));
		memcpy(e->hit.elem, mc->elem, nelem * sizeof(unsigned));
	}
	m->bytes += size;
}

void ng_pagememo_deflated(const ng_pagememo_hit *hit, const ng_zbytes *z, uint64_t hash)
{
	/* The entry is the memo's (behind the const of the shared fonts, as
	 * the memo itself): what it answers does not change. */
	ng_pagememo_hit *h = (ng_pagememo_hit *)hit;
	h->z = *z;
	h->hash = hash;
}
