/* diskcache.c — results kept on disk between runs (NOTICE_GEN_CACHE, by
 * default $XDG_CACHE_HOME/notice-gen; "off" keeps none): what a single
 * letter would otherwise make anew on every run although nothing it
 * depends on changed (the fonts' finished subsets, ICU's phrase breaks).
 *
 * An entry is a file named by a hash of its key, holding the key itself
 * (compared in full: a hash collision is a miss, never another answer),
 * the payload and a checksum (a torn or damaged file is a miss). A key
 * names everything the payload depends on, binaries included (their
 * device, inode, size, modification and change times): a rebuilt program
 * or an upgraded library or font never meets an old entry. Entries are
 * written to a temporary file and renamed into place, so concurrent runs
 * are safe (the last rename wins; they write the same bytes); past a
 * number of entries per kind the least recently used are removed. Nothing
 * here is ever an error: a cache that cannot be read or written is only
 * slower. */
#define _GNU_SOURCE /* dladdr, dl_iterate_phdr */
#include "diskcache.h"

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
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/* An entry larger than this is not ours. */
enum { MAX_ENTRY_BYTES = 32 << 20 };

bool ng_cache_dir(char *out, size_t cap)
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

/* ---- keys */

void ng_cache_key_u64(ng_buf *key, uint64_t v)
{
	ng_buf_add(key, &v, sizeof v);
}

static void put_str(ng_buf *key, const char *s)
{
	ng_cache_key_u64(key, strlen(s));
	ng_buf_adds(key, s);
}

void ng_cache_key_begin(ng_buf *key, const char *format)
{
	ng_buf_reset(key);
	put_str(key, format);
}

bool ng_cache_key_file(ng_buf *key, const char *path)
{
	struct stat st;
	if (!path || stat(path, &st) != 0)
		return false;
	put_str(key, path);
	ng_cache_key_u64(key, (uint64_t)st.st_dev);
	ng_cache_key_u64(key, (uint64_t)st.st_ino);
	ng_cache_key_u64(key, (uint64_t)st.st_size);
	ng_cache_key_u64(key, (uint64_t)st.st_mtim.tv_sec);
	ng_cache_key_u64(key, (uint64_t)st.st_mtim.tv_nsec);
	ng_cache_key_u64(key, (uint64_t)st.st_ctim.tv_sec);
	ng_cache_key_u64(key, (uint64_t)st.st_ctim.tv_nsec);
	return true;
}

static const char anchor; /* an address inside this module, for dladdr */

bool ng_cache_key_self(ng_buf *key)
{
	Dl_info info;
	char real[PATH_MAX];
	/* dladdr names the program as it was started: resolved. */
	if (dladdr(&anchor, &info) && info.dli_fname && realpath(info.dli_fname, real))
		return ng_cache_key_file(key, real);
	ssize_t len = readlink("/proc/self/exe", real, sizeof real - 1);
	if (len <= 0)
		return false;
	real[len] = '\0';
	return ng_cache_key_file(key, real);
}

typedef struct libs {
	ng_buf *key;
	const char *const *prefixes;
	size_t n;
} libs;

static int put_lib(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	const libs *w = arg;
	const char *slash = strrchr(info->dlpi_name, '/');
	const char *base = slash ? slash + 1 : info->dlpi_name;
	for (size_t i = 0; i < w->n; i++)
		if (strncmp(base, w->prefixes[i], strlen(w->prefixes[i])) == 0 &&
		    !ng_cache_key_file(w->key, info->dlpi_name))
			return 1;
	return 0;
}

bool ng_cache_key_libs(ng_buf *key, const char *const *prefixes, size_t n)
{
	libs w = {key, prefixes, n};
	return dl_iterate_phdr(put_lib, &w) == 0;
}

/* ---- entries */

/* FNV-1a, 64 bits, from a seed (two of them name an entry); word by word
 * for the checksum. */
static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h;
}

/* FNV-1a over 8-byte words, then the tail, xor the length: the same
 * whether the bytes come in one piece (reading) or several (writing). */
typedef struct csum {
	uint64_t h;
	unsigned char tail[8];
	size_t ntail, total;
} csum;

static void csum_add(csum *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	c->total += len;
	while (len && c->ntail) {
		c->tail[c->ntail++] = *p++, len--;
		if (c->ntail == 8) {
			uint64_t w;
			memcpy(&w, c->tail, 8);
			c->h = (c->h ^ w) * 0x100000001b3u;
			c->ntail = 0;
		}
	}
	for (; len >= 8; p += 8, len -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		c->h = (c->h ^ w) * 0x100000001b3u;
	}
	/* What is left: after the loop above either len is 0 (the tail kept
	 * as it is) or the tail is empty. */
	memcpy(c->tail + c->ntail, p, len);
	c->ntail += len;
}

static uint64_t csum_end(csum *c)
{
	for (size_t i = 0; i < c->ntail; i++)
		c->h = (c->h ^ c->tail[i]) * 0x100000001b3u;
	return c->h ^ c->total;
}

static uint64_t checksum(const void *data, size_t len)
{
	csum c = {.h = 0xcbf29ce484222325u};
	csum_add(&c, data, len);
	return csum_end(&c);
}

static void entry_path(char *out, size_t cap, const char *dir, const char *kind, const ng_buf *key)
{
	uint64_t a = fnv(0xcbf29ce484222325u, key->data, key->len);
	uint64_t b = fnv(0x84222325cbf29ce4u, key->data, key->len);
	snprintf(out, cap, "%s/%s-%016llx%016llx", dir, kind, (unsigned long long)a,
	         (unsigned long long)b);
}

static bool read_all(int fd, ng_buf *out)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || st.st_size <= 0 || st.st_size > MAX_ENTRY_BYTES)
		return false;
	size_t size = (size_t)st.st_size;
	ng_buf_reset(out);
	if (out->cap < size + 1) {
		out->data = ng_xrealloc(out->data, size + 1);
		out->cap = size + 1;
	}
	while (out->len < size) {
		ssize_t k = read(fd, out->data + out->len, size - out->len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		out->len += (size_t)k;
	}
	return true;
}

static uint64_t get_u64(const char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

bool ng_cache_load(const char *dir, const char *kind, const ng_buf *key, ng_buf *payload)
{
	char path[PATH_MAX];
	entry_path(path, sizeof path, dir, kind, key);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return false;
	bool ok = read_all(fd, payload);
	close(fd);
	/* key length, key, payload, checksum */
	size_t len = payload->len, k = ok && len >= 16 ? (size_t)get_u64(payload->data) : 0;
	ok = ok && len >= 16 && k == key->len && k <= len - 16 &&
	     memcmp(payload->data + 8, key->data, k) == 0 &&
	     get_u64(payload->data + len - 8) == checksum(payload->data, len - 8);
	if (!ok) {
		ng_buf_reset(payload);
		return false;
	}
	size_t body = len - 16 - k;
	memmove(payload->data, payload->data + 8 + k, body);
	payload->len = body;
	payload->data[body] = '\0';
	/* Used now: the last of its kind to be removed. */
	utimensat(AT_FDCWD, path, NULL, 0);
	return true;
}

/* mkdir -p with mode 0700 (entries tell which characters letters used). */
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

static bool write_all(int fd, struct iovec *v, int n)
{
	while (n > 0) {
		ssize_t k = writev(fd, v, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		for (; n > 0 && (size_t)k >= v->iov_len; v++, n--)
			k -= (ssize_t)v->iov_len;
		if (n > 0) {
			v->iov_base = (char *)v->iov_base + k;
			v->iov_len -= (size_t)k;
		}
	}
	return true;
}

typedef struct aged {
	char name[96];
	struct timespec mtime;
} aged;

static int by_age(const void *x, const void *y)
{
	const struct timespec *a = &((const aged *)x)->mtime, *b = &((const aged *)y)->mtime;
	if (a->tv_sec != b->tv_sec)
		return a->tv_sec < b->tv_sec ? -1 : 1;
	return (a->tv_nsec > b->tv_nsec) - (a->tv_nsec < b->tv_nsec);
}

/* Removes the least recently used entries of a kind past keep (and its
 * temporary files a killed run left, once an hour old). The names are
 * counted first: the entries are looked at only when there are too many. */
static void trim(const char *dir, const char *kind, size_t keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	aged *v = NULL;
	size_t n = 0, cap = 0, klen = strlen(kind);
	time_t now = time(NULL);
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (strncmp(e->d_name, kind, klen) != 0 || e->d_name[klen] != '-' ||
		    strlen(e->d_name) >= sizeof v->name)
			continue;
		struct stat st;
		if (strchr(e->d_name, '.')) { /* KIND-….tmpXXXXXX */
			if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    now - st.st_mtim.tv_sec > 3600)
				unlinkat(dirfd(d), e->d_name, 0);
			continue;
		}
		if (n == cap)
			v = ng_xrealloc(v, (cap = cap ? 2 * cap : 64) * sizeof *v);
		snprintf(v[n++].name, sizeof v->name, "%s", e->d_name);
	}
	if (n > keep) {
		for (size_t i = 0; i < n; i++) {
			struct stat st;
			v[i].mtime = fstatat(dirfd(d), v[i].name, &st, AT_SYMLINK_NOFOLLOW) == 0
			                 ? st.st_mtim
			                 : (struct timespec){0, 0};
		}
		qsort(v, n, sizeof *v, by_age);
		for (size_t i = 0; i < n - keep; i++)
			unlinkat(dirfd(d), v[i].name, 0);
	}
	closedir(d);
	free(v);
}

void ng_cache_store(const char *dir, const char *kind, const ng_buf *key,
                    const ng_cache_piece *pieces, size_t npieces, size_t keep)
{
	enum { MAX_PIECES = 16 };
	char path[PATH_MAX], tmp[PATH_MAX + 16];
	if (npieces > MAX_PIECES)
		return;
	entry_path(path, sizeof path, dir, kind, key);
	snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0 && errno == ENOENT) { /* the folder first */
		char parents[PATH_MAX];
		snprintf(parents, sizeof parents, "%s", dir);
		snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path);
		fd = make_dirs(parents) ? mkstemp(tmp) : -1;
	}
	if (fd < 0)
		return;
	/* key length, key, the pieces, the checksum of all that: written as
	 * they are, with no copy into one buffer. */
	uint64_t klen = key->len, sum;
	struct iovec v[MAX_PIECES + 3];
	csum c = {.h = 0xcbf29ce484222325u};
	v[0] = (struct iovec){&klen, sizeof klen};
	v[1] = (struct iovec){key->data, key->len};
	for (size_t i = 0; i < npieces; i++)
		v[2 + i] = (struct iovec){(void *)pieces[i].data, pieces[i].len};
	for (size_t i = 0; i < npieces + 2; i++)
		csum_add(&c, v[i].iov_base, v[i].iov_len);
	sum = csum_end(&c);
	v[npieces + 2] = (struct iovec){&sum, sizeof sum};
	bool ok = write_all(fd, v, (int)npieces + 3);
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return;
	}
	trim(dir, kind, keep);
}
