/* phrasememo.c — ICU's phrase breaks (lw=phrase) of the texts asked
 * before, kept on disk between runs (src/util/diskcache.c). Opening the
 * phrase iterator builds ICU's dictionary break engine, whose constructor
 * makes Unicode sets from property patterns: 8 M instructions, a third of
 * a cold letter, for the few titles and table cells that are broken
 * between phrases. A later run asking for the same texts takes their
 * breaks from here and never opens the iterator.
 *
 * One entry holds every text's breaks (newest first, at most MAX_TEXTS),
 * keyed by the locale and the identity of ICU's libraries (its code and
 * its data: the breaks are theirs alone). A text is kept as its length
 * and two 64-bit hashes of its UTF-16 units, never as text: the letters'
 * words do not go to disk. */
#include <stdlib.h>
#include <string.h>

#include "../util/diskcache.h"
#include "icu_int.h"

#define FORMAT "notice-gen phrase breaks 1"
#define KIND   "phrases"
enum { MAX_TEXTS = 1024, KEEP = 4 };

typedef struct text_breaks {
	uint64_t units, h1, h2;
	int32_t *brk; /* ubrk_next's positions, in order */
	size_t nbrk;
} text_breaks;

struct ng_phrasememo {
	ng_buf key;
	char dir[4096];
	bool on;    /* a cache folder and a key */
	bool found; /* an entry was read (it may hold no text) */
	text_breaks *v;
	size_t n, cap;
	size_t fresh; /* v[n - fresh..n) were found in this run */
};

static const char *const icu_libs[] = {"libicuuc", "libicudata"};

static void hashes(const UChar *u, int32_t n, uint64_t *h1, uint64_t *h2)
{
	const unsigned char *p = (const unsigned char *)u;
	uint64_t a = 0xcbf29ce484222325u, b = 0x84222325cbf29ce4u;
	for (size_t i = 0; i < (size_t)n * sizeof *u; i++) {
		a = (a ^ p[i]) * 0x100000001b3u;
		b = (b ^ p[i]) * 0x100000001b3u + 0x9e3779b97f4a7c15u;
	}
	*h1 = a;
	*h2 = b;
}

static void add(ng_phrasememo *m, text_breaks t)
{
	if (m->n == m->cap)
		m->v = ng_xrealloc(m->v, (m->cap = m->cap ? 2 * m->cap : 16) * sizeof *m->v);
	m->v[m->n++] = t;
}

static uint64_t get_u64(const char **p, const char *end, bool *bad)
{
	uint64_t v = 0;
	if ((size_t)(end - *p) < sizeof v) {
		*bad = true;
		return 0;
	}
	memcpy(&v, *p, sizeof v);
	*p += sizeof v;
	return v;
}

/* Whether the entry was whole. */
static bool parse(ng_phrasememo *m, const ng_buf *in)
{
	const char *p = in->data, *end = in->data + in->len;
	bool bad = false;
	uint64_t count = get_u64(&p, end, &bad);
	for (uint64_t i = 0; i < count && !bad && i < MAX_TEXTS; i++) {
		text_breaks t;
		t.units = get_u64(&p, end, &bad);
		t.h1 = get_u64(&p, end, &bad);
		t.h2 = get_u64(&p, end, &bad);
		uint64_t nbrk = get_u64(&p, end, &bad);
		if (bad || nbrk > t.units + 1 || nbrk > (uint64_t)(end - p) / sizeof *t.brk) {
			bad = true;
			break;
		}
		t.nbrk = (size_t)nbrk;
		t.brk = ng_xmalloc((t.nbrk + 1) * sizeof *t.brk);
		memcpy(t.brk, p, t.nbrk * sizeof *t.brk);
		p += t.nbrk * sizeof *t.brk;
		add(m, t);
	}
	if (bad || p != end) { /* not whole: as if there were none */
		for (size_t i = 0; i < m->n; i++)
			free(m->v[i].brk);
		m->n = 0;
	}
	/* Kept newest first; held oldest first, as texts are added. */
	for (size_t i = 0; i < m->n / 2; i++) {
		text_breaks t = m->v[i];
		m->v[i] = m->v[m->n - 1 - i];
		m->v[m->n - 1 - i] = t;
	}
	return !bad && p == end;
}

ng_phrasememo *ng_phrasememo_open(const char *locale)
{
	ng_phrasememo *m = ng_xcalloc(1, sizeof *m);
	if (!ng_cache_dir(m->dir, sizeof m->dir))
		return m;
	ng_cache_key_begin(&m->key, FORMAT);
	ng_buf_adds(&m->key, locale);
	ng_cache_key_u64(&m->key, 0);
	if (!ng_cache_key_libs(&m->key, icu_libs, NG_ARRAY_LEN(icu_libs)))
		return m;
	m->on = true;
	ng_buf payload = {0};
	if (ng_cache_load(m->dir, KIND, &m->key, &payload))
		m->found = parse(m, &payload);
	ng_buf_free(&payload);
	return m;
}

bool ng_phrasememo_known(const ng_phrasememo *m)
{
	return m->n > 0;
}

bool ng_phrasememo_seen(const ng_phrasememo *m)
{
	return m->found;
}

const int32_t *ng_phrasememo_find(const ng_phrasememo *m, const UChar *u, int32_t n, size_t *nbrk)
{
	uint64_t h1, h2;
	hashes(u, n, &h1, &h2);
	for (size_t i = m->n; i-- > 0;) {
		const text_breaks *t = &m->v[i];
		if (t->units == (uint64_t)n && t->h1 == h1 && t->h2 == h2) {
			*nbrk = t->nbrk;
			return t->brk;
		}
	}
	return NULL;
}

void ng_phrasememo_add(ng_phrasememo *m, const UChar *u, int32_t n, const int32_t *brk, size_t nbrk)
{
	/* A long-lived process (watch, a batch, a fuzzer) keeps no more than
	 * it could store: memory stays flat, and a look-up short. */
	if (m->n >= 2 * MAX_TEXTS)
		return;
	text_breaks t = {.units = (uint64_t)n, .nbrk = nbrk};
	hashes(u, n, &t.h1, &t.h2);
	t.brk = ng_xmalloc((nbrk + 1) * sizeof *t.brk);
	memcpy(t.brk, brk, nbrk * sizeof *brk);
	add(m, t);
	m->fresh++;
}

/* Newest first, at most MAX_TEXTS. */
static void store(const ng_phrasememo *m)
{
	ng_buf b = {0};
	size_t count = m->n < MAX_TEXTS ? m->n : MAX_TEXTS;
	ng_cache_key_u64(&b, count);
	for (size_t k = 0, i = m->n; k < count; k++) {
		const text_breaks *t = &m->v[--i];
		ng_cache_key_u64(&b, t->units);
		ng_cache_key_u64(&b, t->h1);
		ng_cache_key_u64(&b, t->h2);
		ng_cache_key_u64(&b, t->nbrk);
		if (t->nbrk)
			ng_buf_add(&b, t->brk, t->nbrk * sizeof *t->brk);
	}
	ng_cache_store(m->dir, KIND, &m->key, &(ng_cache_piece){b.data, b.len}, 1, KEEP);
	ng_buf_free(&b);
}

void ng_phrasememo_close(ng_phrasememo *m)
{
	if (!m)
		return;
	/* Also an entry without texts, once: it tells the next run that
	 * warming the phrase iterator (linebreak.c) is not worth it. */
	if (m->on && (m->fresh || !m->found))
		store(m);
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].brk);
	free(m->v);
	ng_buf_free(&m->key);
	free(m);
}
