/* util.c — allocation wrappers, the arena, growable buffers, UTF-8 and
 * atomic file output. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void oom(size_t n)
{
	fprintf(stderr, "notice-gen: out of memory (%zu bytes)\n", n);
	abort();
}

void *ng_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *ng_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *ng_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *ng_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(ng_xmalloc(n), s, n);
}

/* ---- arena: a chain of blocks; big requests get a block of their own. */

enum { ARENA_BLOCK = 64 * 1024, ARENA_ALIGN = 16 };

typedef struct block {
	struct block *next;
	size_t used, size;
	_Alignas(ARENA_ALIGN) unsigned char mem[];
} block;

struct ng_arena {
	block *head;
};

ng_arena *ng_arena_new(void)
{
	return ng_xcalloc(1, sizeof(ng_arena));
}

static void free_blocks(block *b)
{
	while (b) {
		block *next = b->next;
		free(b);
		b = next;
	}
}

void ng_arena_free(ng_arena *a)
{
	if (!a)
		return;
	free_blocks(a->head);
	free(a);
}

void ng_arena_reset(ng_arena *a)
{
	/* Keep the first standard block for reuse; drop the rest. */
	block *keep = NULL, *b = a->head;
	while (b) {
		block *next = b->next;
		if (!keep && b->size == ARENA_BLOCK) {
			keep = b;
			keep->next = NULL;
			keep->used = 0;
		} else {
			free(b);
		}
		b = next;
	}
	a->head = keep;
}

void *ng_alloc(ng_arena *a, size_t n)
{
	void *p = ng_alloc_raw(a, n);
	memset(p, 0, (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1));
	return p;
}

void *ng_alloc_raw(ng_arena *a, size_t n)
{
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		b = ng_xmalloc(sizeof(block) + size);
		b->size = size;
		b->used = 0;
		if (size == ARENA_BLOCK || !a->head) {
			b->next = a->head;
			a->head = b;
		} else {
			/* A big block goes behind the current one so the
			 * current block's free space stays in use. */
			b->next = a->head->next;
			a->head->next = b;
		}
	}
	void *p = b->mem + b->used;
	b->used += n;
	return p;
}

char *ng_strndup(ng_arena *a, const char *s, size_t n)
{
	char *p = ng_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ng_strdup(ng_arena *a, const char *s)
{
	return ng_strndup(a, s, strlen(s));
}

char *ng_aprintf(ng_arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = ng_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

static void *grow(ng_arena *a, void *arr, size_t sz, size_t *cap, size_t need, bool zero)
{
	if (need <= *cap)
		return arr;
	size_t ncap = *cap ? *cap * 2 : 8;
	while (ncap < need)
		ncap *= 2;
	/* The array allocated last grows where it is when its block has the
	 * room: no copy, and no dead copy left behind (memory touched for the
	 * first time costs a page fault, which is most of a cold start's
	 * system time). */
	block *b = a->head;
	size_t old = (*cap * sz + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	size_t grown = (ncap * sz + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (arr && b && (char *)arr + old == (char *)b->mem + b->used &&
	    b->size - (b->used - old) >= grown) {
		b->used += grown - old;
		if (zero)
			memset((char *)arr + *cap * sz, 0, (ncap - *cap) * sz);
		*cap = ncap;
		return arr;
	}
	/* Only the new part is zeroed: the old one is copied over. */
	char *n = ng_alloc_raw(a, ncap * sz);
	if (arr)
		memcpy(n, arr, *cap * sz);
	if (zero)
		memset(n + *cap * sz, 0, (ncap - *cap) * sz);
	*cap = ncap;
	return n;
}

void *ng_agrow(ng_arena *a, void *arr, size_t sz, size_t *cap, size_t need)
{
	return grow(a, arr, sz, cap, need, true);
}

void *ng_agrow_raw(ng_arena *a, void *arr, size_t sz, size_t *cap, size_t need)
{
	return grow(a, arr, sz, cap, need, false);
}

/* ---- buffers */

static void buf_reserve(ng_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t ncap = b->cap ? b->cap * 2 : 256;
	while (ncap < b->len + extra + 1)
		ncap *= 2;
	b->data = ng_xrealloc(b->data, ncap);
	b->cap = ncap;
}

void ng_buf_add(ng_buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void ng_buf_adds(ng_buf *b, const char *s)
{
	ng_buf_add(b, s, strlen(s));
}

void ng_buf_int(ng_buf *b, long v)
{
	char digits[24], *p = digits + sizeof digits;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	ng_buf_add(b, p, (size_t)(digits + sizeof digits - p));
}

void ng_buf_vprintf(ng_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	b->len += (size_t)n;
}

void ng_buf_printf(ng_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ng_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void ng_buf_reset(ng_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void ng_buf_csv_cell(ng_buf *b, const char *s)
{
	ng_buf_addc(b, '"');
	if (s && *s && strchr("=+-@\t\r", *s))
		ng_buf_addc(b, '\'');
	/* Runs without a quote copied whole; a quote is doubled. */
	for (const char *q; s && (q = strchr(s, '"')); s = q + 1) {
		ng_buf_add(b, s, (size_t)(q - s) + 1);
		ng_buf_addc(b, '"');
	}
	if (s)
		ng_buf_adds(b, s);
	ng_buf_addc(b, '"');
}

const char *ng_output_problem(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return NULL;
	return S_ISLNK(st.st_mode)    ? N_("is a symbolic link")
	       : !S_ISREG(st.st_mode) ? N_("is not a regular file")
	                              : NULL;
}

/* Whether JSON writes c as it is (not the quote, the backslash or a
 * control character). */
static bool json_plain(unsigned char c)
{
	return c >= 0x20 && c != '"' && c != '\\';
}

void ng_buf_json(ng_buf *b, const char *s)
{
	if (!s) {
		ng_buf_adds(b, "null");
		return;
	}
	ng_buf_addc(b, '"');
	/* Runs of characters that need no escape are copied whole (a batch's
	 * manifest writes every row's values after the workers are done). */
	for (;;) {
		const char *run = s;
		while (*s && json_plain((unsigned char)*s))
			s++;
		ng_buf_add(b, run, (size_t)(s - run));
		if (!*s)
			break;
		unsigned char c = (unsigned char)*s++;
		if (c == '"' || c == '\\')
			ng_buf_printf(b, "\\%c", c);
		else
			ng_buf_printf(b, "\\u%04x", c);
	}
	ng_buf_addc(b, '"');
}

void ng_fput_json(FILE *out, const char *s)
{
	ng_buf b = {0};
	ng_buf_json(&b, s);
	fwrite(b.data, 1, b.len, out);
	ng_buf_free(&b);
}

void ng_buf_free(ng_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* ---- UTF-8 */

size_t ng_utf8_vs_at(const char *s, size_t n, uint32_t *vs)
{
	uint32_t cp;
	size_t k = ng_utf8_decode(s, n, &cp);
	if (!k || !ng_is_vs(cp))
		return 0;
	*vs = cp;
	return k;
}

/* Any sequence (ng_utf8_decode inlines the common ones first). */
size_t ng_utf8_decode_any(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	/* Three bytes (kana, kanji, Japanese punctuation): nearly every
	 * character of a letter, read without the loop below. */
	if ((u[0] & 0xF0) == 0xE0 && len >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		uint32_t c3 =
		    (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
		if (c3 < 0x800 || (c3 >= 0xD800 && c3 <= 0xDFFF))
			return 0;
		*cp = c3;
		return 3;
	}
	size_t n;
	uint32_t c, min;
	if ((u[0] & 0xE0) == 0xC0) {
		n = 2, c = u[0] & 0x1F, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		n = 3, c = u[0] & 0x0F, min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		n = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

size_t ng_utf8_encode(uint32_t cp, char out[4])
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t ng_utf8_invalid_at(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = ng_utf8_decode(s + i, len - i, &cp);
		if (!n)
			return i;
		i += n;
	}
	return (size_t)-1;
}

size_t ng_utf8_count(const char *s, size_t len)
{
	size_t n = 0, i = 0;
	/* Eight bytes at a time: a continuation byte (10xxxxxx) has bit 7
	 * set and bit 6 clear; the marks are summed byte-wise by a multiply
	 * (no popcount instruction in the x86-64 baseline). */
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		uint64_t cont = (w & ~(w << 1) & 0x8080808080808080u) >> 7;
		n += 8 - (size_t)((cont * 0x0101010101010101u) >> 56);
	}
	for (; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* ---- files */

/* A regular file's size is known before reading: a 1 GB (or sparse) file
 * is refused at once, not after reading cap bytes. Pipes and devices are
 * still capped while reading. */
static int precheck(FILE *f, size_t cap)
{
	struct stat st;
	if (fstat(fileno(f), &st) != 0)
		return errno;
	if (S_ISDIR(st.st_mode))
		return EISDIR;
	return S_ISREG(st.st_mode) && (uintmax_t)st.st_size > cap ? EFBIG : 0;
}

int ng_read_file(const char *path, size_t cap, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno;
	int pre = precheck(f, cap);
	if (pre) {
		fclose(f);
		return pre;
	}
	ng_buf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > cap) {
			fclose(f);
			ng_buf_free(&b);
			return EFBIG;
		}
		ng_buf_add(&b, chunk, n);
	}
	int err = ferror(f) ? EIO : 0;
	fclose(f);
	if (err) {
		ng_buf_free(&b);
		return err;
	}
	if (!b.data)
		ng_buf_add(&b, "", 0);
	*data = b.data;
	*len = b.len;
	return 0;
}

int ng_write_file_atomic(const char *path, const void *data, size_t len, unsigned mode)
{
	size_t plen = strlen(path);
	char *tmp = ng_xmalloc(plen + 16);
	snprintf(tmp, plen + 16, "%s.tmpXXXXXX", path);
	/* Ctrl-C or a kill waits until the temporary file (mode 0600 from
	 * mkstemp) is renamed or removed: none is left behind with the
	 * letter's personal data in it. */
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		sigprocmask(SIG_SETMASK, &old, NULL);
		free(tmp);
		return e;
	}
	int err = 0;
	const char *p = data;
	size_t left = len;
	while (left > 0 && !err) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno != EINTR)
			err = errno;
		else if (w > 0)
			p += w, left -= (size_t)w;
	}
	if (!err && fchmod(fd, (mode_t)mode) != 0)
		err = errno;
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err)
		unlink(tmp);
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(tmp);
	return err;
}
