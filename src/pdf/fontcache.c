/* fontcache.c — finished shared font subsets kept on disk between runs
 * (src/util/diskcache.c). A single letter's fonts cost more than the rest
 * of the letter: HarfBuzz's subset and, above all, deflating ~130 KB of
 * TrueType outlines, which no cheaper compressor can do to the same
 * bytes. An entry is the whole ng_fontobj with its CIDs, keyed by
 * everything its bytes depend on: the code points, the deflate level, and
 * the identity of the font file and of each binary that makes the bytes
 * (this program or library, libharfbuzz-subset, libharfbuzz, libdeflate). */
#include <pthread.h>
#include <string.h>

#include "../util/diskcache.h"
#include "pdf_int.h"

/* Bumped whenever an entry's layout changes. */
#define FORMAT "notice-gen font subset 1"
#define KIND   "font"
/* ~100 KB an entry for a letter's fonts. */
enum { KEEP = 64 };

static const char *const makers[] = {"libharfbuzz", "libdeflate"};

/* The identity of the binaries that make an entry's bytes, read once: the
 * loaded ones cannot change while the process runs (kept until exit). */
static ng_buf makers_id;
static bool makers_known;
static pthread_once_t makers_once = PTHREAD_ONCE_INIT;

static void read_makers(void)
{
	makers_known = ng_cache_key_self(&makers_id) &&
	               ng_cache_key_libs(&makers_id, makers, NG_ARRAY_LEN(makers));
}

bool ng_fontcache_key(ng_buf *key, const char *font, int index, int level, const uint32_t *cps,
                      size_t n)
{
	ng_cache_key_begin(key, FORMAT);
	ng_cache_key_u64(key, (uint64_t)index);
	ng_cache_key_u64(key, (uint64_t)level);
	pthread_once(&makers_once, read_makers);
	if (!ng_cache_key_file(key, font) || !makers_known)
		return false;
	ng_buf_add(key, makers_id.data, makers_id.len);
	ng_cache_key_u64(key, n);
	ng_buf_add(key, cps, n * sizeof *cps);
	return true;
}

/* ---- the payload: the CIDs, then the objects */

static void put_bytes(ng_buf *b, const void *p, size_t len)
{
	ng_cache_key_u64(b, len);
	if (len)
		ng_buf_add(b, p, len);
}

/* The payload in three pieces: what comes before the font file (CIDs,
 * name, lengths), the font file as it is (no copy of ~100 KB), the rest. */
static void serialise(ng_buf *head, ng_buf *tail, ng_cache_piece p[3], size_t n,
                      const uint16_t *cid, const ng_fontobj *o)
{
	put_bytes(head, cid, n * sizeof *cid);
	put_bytes(head, o->name, strlen(o->name));
	ng_cache_key_u64(head, o->file_len);
	ng_cache_key_u64(head, o->file.len);
	put_bytes(tail, o->cmap.data, o->cmap.len);
	put_bytes(tail, o->map.data, o->map.len);
	/* Widths one by one: the struct's padding is never written. */
	ng_cache_key_u64(tail, o->nw);
	for (size_t i = 0; i < o->nw; i++) {
		ng_cache_key_u64(tail, o->w[i].cid);
		ng_buf_add(tail, &o->w[i].w, sizeof o->w[i].w);
	}
	p[0] = (ng_cache_piece){head->data, head->len};
	p[1] = (ng_cache_piece){o->file.data, o->file.len};
	p[2] = (ng_cache_piece){tail->data, tail->len};
}

/* A reader over a payload. */
typedef struct reader {
	const unsigned char *p, *end;
	bool bad;
} reader;

static uint64_t get_u64(reader *r)
{
	uint64_t v = 0;
	if ((size_t)(r->end - r->p) < sizeof v) {
		r->bad = true;
		return 0;
	}
	memcpy(&v, r->p, sizeof v);
	r->p += sizeof v;
	return v;
}

/* The next length-prefixed field; want: its length when fixed (else
 * SIZE_MAX). */
static const unsigned char *get_bytes(reader *r, size_t *len, size_t want)
{
	uint64_t n = get_u64(r);
	if (r->bad || n > (uint64_t)(r->end - r->p) || (want != SIZE_MAX && n != want)) {
		r->bad = true;
		return NULL;
	}
	const unsigned char *at = r->p;
	r->p += n;
	*len = (size_t)n;
	return at;
}

static void copy_z(reader *r, ng_zbytes *z)
{
	size_t len;
	const unsigned char *p = get_bytes(r, &len, SIZE_MAX);
	if (!p || len == 0)
		return;
	z->data = ng_xmalloc(len);
	memcpy(z->data, p, len);
	z->len = len;
}

/* Parses in into cid and o; the font file (nearly all of the bytes) is
 * moved to the front of in's buffer, which o->file then owns: no second
 * copy of ~100 KB in fresh memory (a page fault every 4 KB). */
static bool parse(ng_buf *in, size_t n, uint16_t *cid, ng_fontobj *o)
{
	reader r = {(const unsigned char *)in->data, (const unsigned char *)in->data + in->len,
	            false};
	size_t k;
	const unsigned char *p;
	if ((p = get_bytes(&r, &k, n * sizeof *cid)) != NULL)
		memcpy(cid, p, k);
	if ((p = get_bytes(&r, &k, SIZE_MAX)) != NULL && k < sizeof o->name) {
		memcpy(o->name, p, k);
		o->name[k] = '\0';
	} else {
		r.bad = true;
	}
	o->file_len = (unsigned)get_u64(&r);
	size_t file_len = 0;
	const unsigned char *file = get_bytes(&r, &file_len, SIZE_MAX);
	copy_z(&r, &o->cmap);
	copy_z(&r, &o->map);
	uint64_t nw = get_u64(&r);
	if (nw > (uint64_t)(r.end - r.p) / 16 || nw > n) {
		r.bad = true;
		nw = 0;
	}
	o->w = ng_xmalloc((nw + 1) * sizeof *o->w);
	for (o->nw = 0; o->nw < nw; o->nw++) {
		o->w[o->nw].cid = (uint16_t)get_u64(&r);
		memcpy(&o->w[o->nw].w, r.p, sizeof o->w[o->nw].w);
		r.p += sizeof o->w[o->nw].w;
	}
	if (r.bad || r.p != r.end || !file || file_len == 0)
		return false;
	memmove(in->data, file, file_len);
	o->file = (ng_zbytes){(unsigned char *)in->data, file_len};
	*in = (ng_buf){0};
	return true;
}

bool ng_fontcache_load(const char *dir, const ng_buf *key, size_t n, uint16_t *cid, ng_fontobj *o)
{
	ng_buf payload = {0};
	const ng_face_info *info = o->info;
	bool ok = ng_cache_load(dir, KIND, key, &payload) && parse(&payload, n, cid, o);
	ng_buf_free(&payload);
	if (!ok) {
		ng_fontobj_free(o);
		*o = (ng_fontobj){.info = info};
	}
	return ok;
}

void ng_fontcache_store(const char *dir, const ng_buf *key, size_t n, const uint16_t *cid,
                        const ng_fontobj *o)
{
	ng_buf head = {0}, tail = {0};
	ng_cache_piece p[3];
	serialise(&head, &tail, p, n, cid, o);
	ng_cache_store(dir, KIND, key, p, 3, KEEP);
	ng_buf_free(&head);
	ng_buf_free(&tail);
}
