/* flate.c — stream compression. libharu 2.3.0 deflates its streams with
 * zlib at the default level and cannot be told otherwise; here every
 * stream the letter writes (font files, content, CMaps) is compressed
 * with libdeflate at a level we choose (about twice zlib's speed for
 * the same size), and the bytes go into libharu's stream as they are. */
#include <libdeflate.h>
#include <stdlib.h>

#include "pdf_int.h"

struct ng_flate {
	struct libdeflate_compressor *c;
	unsigned char *out;
	size_t cap;
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
	libdeflate_free_compressor(z->c);
	free(z->out);
	free(z);
}

/* libharu writes a stream's Filter entry only for the filters it applies
 * itself (and removes one set by hand), so the dictionary's write hook
 * adds it; the hook runs after the other entries, before ">>". */
static HPDF_STATUS write_filter(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

HPDF_STATUS ng_flate_put(ng_flate *z, HPDF_Dict dict, const void *data, size_t len)
{
	size_t bound = libdeflate_zlib_compress_bound(z->c, len);
	if (bound > z->cap) {
		free(z->out);
		z->out = ng_xmalloc(bound);
		z->cap = bound;
	}
	size_t n = libdeflate_zlib_compress(z->c, data, len, z->out, z->cap);
	if (n == 0 || n > UINT32_MAX || !dict->stream)
		return HPDF_INVALID_OBJECT;
	dict->filter = HPDF_STREAM_FILTER_NONE;
	dict->write_fn = write_filter;
	return HPDF_Stream_Write(dict->stream, z->out, (HPDF_UINT)n);
}
