/* fontcache.c — finished shared font subsets kept on disk between runs
 * (under $XDG_CACHE_HOME/notice-gen; NOTICE_GEN_CACHE names another folder
 * or, as "off", turns it off). A single letter's fonts cost more than the
 * rest of the letter: HarfBuzz's subset and, above all, deflating ~130 KB
 * of TrueType outlines, which no cheaper compressor can do to the same
 * bytes. An entry is the whole ng_fontobj with its CIDs, keyed by
 * everything its bytes depend on: the code points, the deflate level, and
 * the identity (device, inode, size, modification and change times) of
 * the font file and of each binary that makes the bytes (this program or
 * library, libharfbuzz-subset, libharfbuzz, libdeflate), so a rebuilt
 * program or an upgraded library or font never meets an old entry.
 *
 * The key is stored in the entry and compared in full; the entry ends in a
 * checksum, so a torn or damaged file is a miss, never other bytes. Entries
 * are written to a temporary file and renamed into place (concurrent runs
 * write the same bytes; the last rename wins); the oldest are removed past
 * MAX_ENTRIES. Nothing here is ever an error: a cache that cannot be read
 * or written is only slower. */
#define _GNU_SOURCE /* dladdr, dl_iterate_phdr */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pdf_int.h"

/* Bumped whenever an entry's layout changes. */
#define FORMAT "notice-gen font cache 1\n"
/* ~130 KB an entry for a letter: at most ~8 MB in all. */
enum { MAX_ENTRIES = 64 };
/* An entry larger than this is not ours. */
enum { MAX_ENTRY_BYTES = 32 << 20 };

/* ---- where */

/* mkdir -p with mode 0700 (the entries tell which characters letters
 * used). */
static bool make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		bool ok = mkdir(path, 0700) == 0 || errno == EEXIST;
		*p = '/';
		if (!ok)
			return false;
	}
	return mkdir(path, 0700) == 0 || errno == EEXIST;
}

bool ng_fontcache_dir(char *out, size_t cap)
{
	const char *env = getenv("NOTICE_GEN_CACHE");
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	int n;
	if (env && strcmp(env, "off") == 0)
		return false;
	if (env && *env)
		n = snprintf(out, cap, "%s", env);
	else if (xdg && *xdg == '/') /* the XDG spec: a relative path is ignored */
		n = snprintf(out, cap, "%s/notice-gen", xdg);
	else if (home && *home == '/')
		n = snprintf(out, cap, "%s/.cache/notice-gen", home);
	else
		return false;
	return n > 0 && (size_t)n < cap;
}

/* ---- the key */

static void put_u64(ng_buf *b, uint64_t v)
{
	ng_buf_add(b, &v, sizeof v);
}

static void put_str(ng_buf *b, const char *s)
{
	put_u64(b, strlen(s));
	ng_buf_adds(b, s);
}

/* The identity of a file: its path and what changes when it is replaced
 * or rewritten. False when it cannot be found. */
static bool put_file(ng_buf *b, const char *path)
{
	struct stat st;
	if (!path || stat(path, &st) != 0)
		return false;
	put_str(b, path);
	put_u64(b, (uint64_t)st.st_dev);
	put_u64(b, (uint64_t)st.st_ino);
	put_u64(b, (uint64_t)st.st_size);
	put_u64(b, (uint64_t)st.st_mtim.tv_sec);
	put_u64(b, (uint64_t)st.st_mtim.tv_nsec);
	put_u64(b, (uint64_t)st.st_ctim.tv_sec);
	put_u64(b, (uint64_t)st.st_ctim.tv_nsec);
	return true;
}

static const char anchor; /* an address inside this module, for dladdr */

/* This program's or library's own file (dladdr names the program as it was
 * started, so it is resolved). */
static bool put_self(ng_buf *b)
{
	Dl_info info;
	char real[PATH_MAX];
	if (dladdr(&anchor, &info) && info.dli_fname && realpath(info.dli_fname, real))
		return put_file(b, real);
	ssize_t len = readlink("/proc/self/exe", real, sizeof real - 1);
	if (len <= 0)
		return false;
	real[len] = '\0';
	return put_file(b, real);
}

/* The loaded libraries that make a subset's bytes: HarfBuzz's (subset and
 * base) and libdeflate, in load order. */
static const char *const makers[] = {"libharfbuzz", "libdeflate"};

static int put_maker(struct dl_phdr_info *info, size_t size, void *key)
{
	(void)size;
	const char *slash = strrchr(info->dlpi_name, '/');
	const char *base = slash ? slash + 1 : info->dlpi_name;
	for (size_t i = 0; i < NG_ARRAY_LEN(makers); i++)
		if (strncmp(base, makers[i], strlen(makers[i])) == 0 &&
		    !put_file(key, info->dlpi_name))
			return 1;
	return 0;
}

bool ng_fontcache_key(ng_buf *key, const char *font, int index, int level, const uint32_t *cps,
                      size_t n)
{
	ng_buf_reset(key);
	ng_buf_adds(key, FORMAT);
	put_u64(key, (uint64_t)index);
	put_u64(key, (uint64_t)level);
	if (!put_file(key, font) || !put_self(key) || dl_iterate_phdr(put_maker, key) != 0)
		return false;
	put_u64(key, n);
	ng_buf_add(key, cps, n * sizeof *cps);
	return true;
}

/* FNV-1a, 64 bits, from a seed: two of them name an entry (the entry's
 * checksum is ng_flate_hash, word by word). */
static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h;
}

static void entry_path(char *out, size_t cap, const char *dir, const ng_buf *key)
{
	uint64_t a = fnv(0xcbf29ce484222325u, key->data, key->len);
	uint64_t b = fnv(0x84222325cbf29ce4u, key->data, key->len);
	snprintf(out, cap, "%s/font-%016llx%016llx", dir, (unsigned long long)a,
	         (unsigned long long)b);
}

/* ---- an entry: key length and key, the CIDs, the objects, checksum */

static void put_bytes(ng_buf *b, const void *p, size_t len)
{
	put_u64(b, len);
	ng_buf_add(b, p, len);
}

static void serialise(ng_buf *b, const ng_buf *key, size_t n, const uint16_t *cid,
                      const ng_fontobj *o)
{
	put_bytes(b, key->data, key->len);
	put_bytes(b, cid, n * sizeof *cid);
	put_bytes(b, o->name, strlen(o->name));
	put_u64(b, o->file_len);
	put_bytes(b, o->file.data, o->file.len);
	put_bytes(b, o->cmap.data, o->cmap.len);
	put_bytes(b, o->map.data, o->map.len);
	/* Widths one by one: the struct's padding is never written. */
	put_u64(b, o->nw);
	for (size_t i = 0; i < o->nw; i++) {
		put_u64(b, o->w[i].cid);
		ng_buf_add(b, &o->w[i].w, sizeof o->w[i].w);
	}
	put_u64(b, ng_flate_hash(b->data, b->len));
}

/* A reader over an entry's bytes. */
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

static bool parse(const unsigned char *data, size_t len, const ng_buf *key, size_t n, uint16_t *cid,
                  ng_fontobj *o)
{
	if (len < sizeof(uint64_t))
		return false;
	uint64_t sum;
	memcpy(&sum, data + len - sizeof sum, sizeof sum);
	if (sum != ng_flate_hash(data, len - sizeof sum))
		return false;
	reader r = {data, data + len - sizeof sum, false};
	size_t k;
	const unsigned char *p = get_bytes(&r, &k, key->len);
	if (!p || memcmp(p, key->data, k) != 0)
		return false;
	if ((p = get_bytes(&r, &k, n * sizeof *cid)) != NULL)
		memcpy(cid, p, k);
	if ((p = get_bytes(&r, &k, SIZE_MAX)) != NULL && k < sizeof o->name) {
		memcpy(o->name, p, k);
		o->name[k] = '\0';
	} else {
		r.bad = true;
	}
	o->file_len = (unsigned)get_u64(&r);
	copy_z(&r, &o->file);
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
	return !r.bad && r.p == r.end && o->file.len;
}

static bool read_all(int fd, unsigned char **out, size_t *len)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || st.st_size <= 0 || st.st_size > MAX_ENTRY_BYTES)
		return false;
	size_t size = (size_t)st.st_size, got = 0;
	unsigned char *data = ng_xmalloc(size);
	while (got < size) {
		ssize_t k = read(fd, data + got, size - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	if (got != size) {
		free(data);
		return false;
	}
	*out = data;
	*len = size;
	return true;
}

bool ng_fontcache_load(const char *dir, const ng_buf *key, size_t n, uint16_t *cid, ng_fontobj *o)
{
	char path[PATH_MAX];
	entry_path(path, sizeof path, dir, key);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return false;
	unsigned char *data = NULL;
	size_t len = 0;
	bool ok = read_all(fd, &data, &len);
	close(fd);
	const ng_face_info *info = o->info;
	ok = ok && parse(data, len, key, n, cid, o);
	free(data);
	if (!ok) {
		ng_fontobj_free(o);
		*o = (ng_fontobj){.info = info};
		return false;
	}
	/* Used now: the last to be removed. */
	utimensat(AT_FDCWD, path, NULL, 0);
	return true;
}

/* ---- writing, and keeping the folder small */

static bool write_all(int fd, const ng_buf *b)
{
	for (size_t at = 0; at < b->len;) {
		ssize_t k = write(fd, b->data + at, b->len - at);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		at += (size_t)k;
	}
	return true;
}

typedef struct aged {
	char name[64];
	struct timespec mtime;
} aged;

static int by_age(const void *x, const void *y)
{
	const struct timespec *a = &((const aged *)x)->mtime, *b = &((const aged *)y)->mtime;
	if (a->tv_sec != b->tv_sec)
		return a->tv_sec < b->tv_sec ? -1 : 1;
	return (a->tv_nsec > b->tv_nsec) - (a->tv_nsec < b->tv_nsec);
}

/* Removes the least recently used entries past MAX_ENTRIES (and
 * temporary files a killed run left, once an hour old). */
static void trim(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	aged *v = NULL;
	size_t n = 0, cap = 0;
	time_t now = time(NULL);
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		struct stat st;
		bool entry =
		    strncmp(e->d_name, "font-", 5) == 0 && strlen(e->d_name) < sizeof v->name;
		if (!entry || fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (strchr(e->d_name, '.')) { /* font-….tmpXXXXXX */
			if (now - st.st_mtim.tv_sec > 3600)
				unlinkat(dirfd(d), e->d_name, 0);
			continue;
		}
		if (n == cap)
			v = ng_xrealloc(v, (cap = cap ? 2 * cap : 64) * sizeof *v);
		snprintf(v[n].name, sizeof v[n].name, "%s", e->d_name);
		v[n++].mtime = st.st_mtim;
	}
	if (n > MAX_ENTRIES) {
		qsort(v, n, sizeof *v, by_age);
		for (size_t i = 0; i < n - MAX_ENTRIES; i++)
			unlinkat(dirfd(d), v[i].name, 0);
	}
	closedir(d);
	free(v);
}

void ng_fontcache_store(const char *dir, const ng_buf *key, size_t n, const uint16_t *cid,
                        const ng_fontobj *o)
{
	char path[PATH_MAX], tmp[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s", dir);
	if (!make_dirs(path))
		return;
	entry_path(path, sizeof path, dir, key);
	snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return;
	ng_buf b = {0};
	serialise(&b, key, n, cid, o);
	bool ok = write_all(fd, &b);
	ok = close(fd) == 0 && ok;
	ng_buf_free(&b);
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return;
	}
	trim(dir);
}
