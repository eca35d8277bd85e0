/* ownmemo.c — the letters' own font subsets a batch has built
 * (ng_ownmemo): the few characters a client's letter draws outside the
 * shared fonts (its name, its contact) were subset, deflated and prepared
 * anew for every letter, though many letters need the same set. A subset
 * depends only on the face and the code points (and the compressor, the
 * shared one of the batch), so it is kept by those, compared in full,
 * and embedded as it is in the next letter that needs the same set:
 * the same bytes. Capped, never evicting, like the other memos. */
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

/* What the memo keeps at the most (font objects are a few KB each). */
enum { OWNMEMO_ENTRIES = 256, OWNMEMO_BYTES = 2 << 20 };

typedef struct own_entry {
	const void *face;
	int slot;
	uint32_t *cps; /* [n], ascending */
	size_t n;
	ng_ownfont font;
} own_entry;

struct ng_ownmemo {
	own_entry v[OWNMEMO_ENTRIES];
	size_t n, bytes;
};

ng_ownmemo *ng_ownmemo_new(void)
{
	return ng_xcalloc(1, sizeof(ng_ownmemo));
}

void ng_ownmemo_free(ng_ownmemo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].cps);
		free(m->v[i].font.cid);
		ng_fontobj_free(&m->v[i].font.obj);
	}
	free(m);
}

size_t ng_ownmemo_count(const ng_ownmemo *m)
{
	return m ? m->n : 0;
}

const ng_ownfont *ng_ownmemo_find(const ng_ownmemo *m, const void *face, int slot,
                                  const uint32_t *cps, size_t n)
{
	for (size_t i = 0; m && i < m->n; i++) {
		const own_entry *e = &m->v[i];
		if (e->face == face && e->slot == slot && e->n == n &&
		    memcmp(e->cps, cps, n * sizeof *cps) == 0)
			return &e->font;
	}
	return NULL;
}

static size_t font_bytes(const ng_fontobj *o)
{
	return o->file.len + o->cmap.len + o->map.len + o->nw * sizeof *o->w;
}

const ng_ownfont *ng_ownmemo_add(ng_ownmemo *m, const void *face, int slot, const uint32_t *cps,
                                 size_t n, ng_ownfont *font)
{
	size_t size = n * (sizeof *cps + sizeof *font->cid) + font_bytes(&font->obj);
	if (!m || m->n == OWNMEMO_ENTRIES || m->bytes + size > OWNMEMO_BYTES)
		return NULL;
	own_entry *e = &m->v[m->n++];
	e->face = face;
	e->slot = slot;
	e->cps = ng_xmalloc(n * sizeof *cps);
	memcpy(e->cps, cps, n * sizeof *cps);
	e->n = n;
	e->font = *font;
	*font = (ng_ownfont){0};
	m->bytes += size;
	return &e->font;
}
