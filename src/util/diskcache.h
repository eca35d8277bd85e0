/* diskcache.h — results kept on disk between runs (diskcache.c): the
 * folder, keys naming everything a result depends on, and entries of one
 * kind ("font", "phrases") read and written whole. */
#ifndef NG_DISKCACHE_H
#define NG_DISKCACHE_H

#include "util.h"

/* The cache folder into out: NOTICE_GEN_CACHE, else
 * $XDG_CACHE_HOME/notice-gen, else $HOME/.cache/notice-gen; false when it
 * is off (NOTICE_GEN_CACHE=off) or there is nowhere to put it. */
bool ng_cache_dir(char *out, size_t cap);

/* A key: a format line (bumped when an entry's layout changes), then
 * whatever the entry depends on. */
void ng_cache_key_begin(ng_buf *key, const char *format);
void ng_cache_key_u64(ng_buf *key, uint64_t v);
/* A file's path and identity (device, inode, size, modification and change
 * times); false when it cannot be found. */
bool ng_cache_key_file(ng_buf *key, const char *path);
/* The identity of this program, or of the library this code is in. */
bool ng_cache_key_self(ng_buf *key);
/* The identity of each loaded library whose file name starts with one of
 * prefixes[0..n) ("libharfbuzz"), in load order. */
bool ng_cache_key_libs(ng_buf *key, const char *const *prefixes, size_t n);

/* The payload of kind's entry for key into *payload (NUL-terminated, as
 * ng_buf keeps it), or false when there is none or it is not whole. */
bool ng_cache_load(const char *dir, const char *kind, const ng_buf *key, ng_buf *payload);
/* Keeps the payload, the pieces one after the other (at most 16), under
 * key, then removes the least recently used entries of kind past keep.
 * Silently nothing when it cannot. */
typedef struct ng_cache_piece {
	const void *data;
	size_t len;
} ng_cache_piece;
void ng_cache_store(const char *dir, const char *kind, const ng_buf *key,
                    const ng_cache_piece *pieces, size_t npieces, size_t keep);

#endif
