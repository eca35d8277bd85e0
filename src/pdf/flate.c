/* flate.c — stream compression and stream bytes. libharu 2.3.0 deflates
 * its streams with zlib at the default level and cannot be told
 * otherwise; here every stream the letter writes (font files, content,
 * CMaps) is compressed with libdeflate at a level we choose (about twice
 * zlib's speed for the same size), and the bytes go into libharu's stream
 * as they are. Bytes deflated once and kept (the fonts a batch shares,
 * ng_zbytes) are not copied into libharu at all: the stream object reads
 * them in place while the document is saved, and may be made before the
 * bytes are (ng_flate_attach_later: a helper thread still deflating). */
#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

/* A stream deflated before: its bytes and what they deflated to. */
typedef struct remembered {
	uint64_t hash;
	unsigned char *raw, *z;
	size_t len, zlen;
} remembered;

/* What ng_flate_remember keeps at the most. */
enum { MEMO_ENTRIES = 64, MEMO_BYTES = 4 << 20 };

struct ng_flate {
	struct libdeflate_compressor *c;
	unsigned char *out;
	size_t cap;
	bool remember;
	uint64_t last_hash; /* of the bytes ng_flate_put was given last */
	remembered memo[MEMO_ENTRIES];
	size_t nmemo, memo_bytes;
};

ng_flate *ng_flate_new(int level)
{
	ng_flate *z = ng_xcalloc(1, sizeof *z);
	z->c = libdeflate_alloc_compressor(level);
	if (!z->c) {
		free(z);
		return NULL;
	}
	return z;
}

void ng_flate_free(ng_flate *z)
{
	if (!z)
		return;
	for (size_t i = 0; i < z->nmemo; i++)
		free(z->memo[i].raw);
	libdeflate_free_compressor(z->c);
	free(z->out);
	free(z);
}

/* Deflates data into z->out; the compressed length, or 0 on failure. */
static size_t deflate_into(ng_flate *z, const void *data, size_t len)
{
	size_t bound = libdeflate_zlib_compress_bound(z->c, len);
	if (bound > z->cap) {
		free(z->out);
		z->out = ng_xmalloc(bound);
		z->cap = bound;
	}
	size_t n = libdeflate_zlib_compress(z->c, data, len, z->out, z->cap);
	return n > UINT32_MAX ? 0 : n;
}

int ng_flate_bytes(ng_flate *z, const void *data, size_t len, ng_zbytes *out)
{
	size_t n = deflate_into(z, data, len);
	if (n == 0)
		return -1;
	out->data = ng_xmalloc(n);
	memcpy(out->data, z->out, n);
	out->len = n;
	return 0;
}

void ng_zbytes_free(ng_zbytes *b)
{
	free(b->data);
	*b = (ng_zbytes){0};
}

/* libharu writes a stream's Filter entry only for the filters it applies
 * itself (and removes one set by hand), so the dictionary's write hook
 * adds it; the hook runs after the other entries, before ">>". */
static HPDF_STATUS write_filter(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

static void mark_deflated(HPDF_Dict dict)
{
	dict->filter = HPDF_STREAM_FILTER_NONE;
	dict->write_fn = write_filter;
}

void ng_flate_remember(ng_flate *z)
{
	z->remember = true;
}

uint64_t ng_flate_last_hash(const ng_flate *z)
{
	return z->last_hash;
}

/* FNV-1a over 8-byte words (then the tail): a quick first test; equal
 * streams are then compared byte for byte. */
uint64_t ng_flate_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325u;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x100000001b3u;
	}
	for (; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h ^ len;
}

static const remembered *recall(const ng_flate *z, uint64_t h, const void *data, size_t len)
{
	for (size_t i = 0; i < z->nmemo; i++) {
		const remembered *m = &z->memo[i];
		if (m->hash == h && m->len == len && memcmp(m->raw, data, len) == 0)
			return m;
	}
	return NULL;
}

/* Keeps data and z->out[0..n) while the caps allow (never evicting); what
 * is kept, or NULL. */
static const remembered *keep(ng_flate *z, uint64_t h, const void *data, size_t len, size_t n)
{
	if (z->nmemo == MEMO_ENTRIES || z->memo_bytes + len + n > MEMO_BYTES)
		return NULL;
	unsigned char *raw = ng_xmalloc(len + n);
	memcpy(raw, data, len);
	memcpy(raw + len, z->out, n);
	z->memo[z->nmemo] = (remembered){h, raw, raw + len, len, n};
	z->memo_bytes += len + n;
	return &z->memo[z->nmemo++];
}

static HPDF_STATUS attach(HPDF_Dict dict, const unsigned char *data, size_t len,
                          unsigned char *own);

/* The stream reads the deflated bytes where they are kept (the memo's,
 * which outlive the document) or from a copy in the document's memory:
 * libharu's own memory stream would copy them in and out a byte at a
 * time. */
HPDF_STATUS ng_flate_put(ng_flate *z, HPDF_Dict dict, const void *data, size_t len)
{
	ng_zbytes kept;
	return ng_flate_put_kept(z, dict, data, len, &kept);
}

HPDF_STATUS ng_flate_put_kept(ng_flate *z, HPDF_Dict dict, const void *data, size_t len,
                              ng_zbytes *kept)
{
	*kept = (ng_zbytes){NULL, 0};
	if (!dict->stream)
		return HPDF_INVALID_OBJECT;
	uint64_t h = z->last_hash = ng_flate_hash(data, len);
	const remembered *m = z->remember ? recall(z, h, data, len) : NULL;
	size_t n = 0;
	if (!m) {
		n = deflate_into(z, data, len);
		if (n == 0)
			return HPDF_INVALID_OBJECT;
		m = z->remember ? keep(z, h, data, len, n) : NULL;
	}
	if (m) {
		*kept = (ng_zbytes){m->z, m->zlen};
		return attach(dict, m->z, m->zlen, NULL);
	}
	unsigned char *copy = HPDF_GetMem(dict->mmgr, (HPDF_UINT)n);
	if (!copy)
		return HPDF_FAILD_TO_ALLOC_MEM;
	memcpy(copy, z->out, n);
	return attach(dict, copy, n, copy);
}

/* ---- a libharu stream reading kept bytes in place */

typedef struct reader {
	const unsigned char *data;
	size_t len, pos;
	unsigned char *own; /* the copy the stream frees with itself, or NULL */
	/* Bytes still being made: *zb once later is done (ready). */
	const ng_zbytes *zb;
	ng_later *later;
	bool failed; /* they could not be made */
} reader;

/* Whether the bytes are there, waiting for them the first time. */
static bool ready(reader *r)
{
	if (r->later) {
		r->failed = ng_later_wait(r->later) != 0;
		r->later = NULL;
		if (!r->failed) {
			r->data = r->zb->data;
			r->len = r->zb->len;
		}
	}
	return !r->failed;
}

static HPDF_STATUS read_fn(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
	reader *r = s->attr;
	if (!ready(r))
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	size_t n = r->len - r->pos < *size ? r->len - r->pos : *size;
	memcpy(ptr, r->data + r->pos, n);
	r->pos += n;
	*size = (HPDF_UINT)n;
	return r->pos == r->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS seek_fn(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	reader *r = s->attr;
	if (!ready(r))
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	long long at = mode == HPDF_SEEK_SET   ? 0
	               : mode == HPDF_SEEK_CUR ? (long long)r->pos
	                                       : (long long)r->len;
	at += pos;
	if (at < 0 || at > (long long)r->len)
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	r->pos = (size_t)at;
	return HPDF_OK;
}

static HPDF_INT32 tell_fn(HPDF_Stream s)
{
	return (HPDF_INT32)((reader *)s->attr)->pos;
}

static HPDF_UINT32 size_fn(HPDF_Stream s)
{
	reader *r = s->attr;
	return ready(r) ? (HPDF_UINT32)r->len : 0;
}

/* A document whose memory manager frees what it hands out (not the
 * program's arena, which drops it all at once) must get the copy back. */
static void free_fn(HPDF_Stream s)
{
	reader *r = s->attr;
	if (r->own)
		HPDF_FreeMem(s->mmgr, r->own);
	HPDF_FreeMem(s->mmgr, r);
}

bool ng_flate_stream_bytes(HPDF_Stream s, const unsigned char **data, size_t *len)
{
	if (s->read_fn != read_fn || !ready(s->attr))
		return false;
	const reader *r = s->attr;
	*data = r->data;
	*len = r->len;
	return true;
}

HPDF_STATUS ng_flate_attach(HPDF_Dict dict, const ng_zbytes *zb)
{
	return attach(dict, zb->data, zb->len, NULL);
}

HPDF_STATUS ng_flate_attach_later(HPDF_Dict dict, const ng_zbytes *zb, ng_later *later)
{
	HPDF_STATUS st = attach(dict, NULL, 0, NULL);
	if (st == HPDF_OK) {
		reader *r = dict->stream->attr;
		r->zb = zb;
		r->later = later;
	}
	return st;
}

static HPDF_STATUS attach(HPDF_Dict dict, const unsigned char *data, size_t len, unsigned char *own)
{
	reader *r = HPDF_GetMem(dict->mmgr, sizeof *r);
	if (!r) {
		if (own)
			HPDF_FreeMem(dict->mmgr, own);
		return HPDF_FAILD_TO_ALLOC_MEM;
	}
	*r = (reader){data, len, 0, own, NULL, NULL, false};
	HPDF_Stream s = HPDF_CallbackReader_New(dict->mmgr, read_fn, seek_fn, tell_fn, size_fn, r);
	if (!s) {
		if (own)
			HPDF_FreeMem(dict->mmgr, own);
		HPDF_FreeMem(dict->mmgr, r);
		return HPDF_FAILD_TO_ALLOC_MEM;
	}
	s->free_fn = free_fn;
	HPDF_Stream_Free(dict->stream);
	dict->stream = s;
	mark_deflated(dict);
	return HPDF_OK;
}
