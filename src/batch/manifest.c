/* manifest.c — what a batch records about every row: the result lines
 * workers hand to the parent (and the resume journal keeps), SHA-256 of
 * each letter (nettle), the manifest as CSV and JSON and the mail-house
 * list. The merged print PDF is src/crypt's (libqpdf).
 *
 * libnettle is not linked but dlopen()ed on first use, as src/crypt/qpdf.c
 * does libqpdf: linked, its symbols cost every run's start-up ~0.6 M
 * instructions of symbol look-ups (issue 18), and a single letter never
 * hashes. A batch loads it (ng_sha256_load) before its workers fork. */
#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/dl.h"
#include "batch_int.h"

/* ---- loading libnettle */

/* Every libnettle function this file calls (<nettle/sha2.h> maps
 * sha256_init to nettle_sha256_init…: these are the exported names). */
#define NETTLE_FUNCTIONS(X)                                                                        \
	X(nettle_sha256_init)                                                                      \
	X(nettle_sha256_update)                                                                    \
	X(nettle_sha256_digest)

/* Typed from the header, so every call through nt is checked. */
static struct {
#define X(f) __typeof__(&f) f;
	NETTLE_FUNCTIONS(X)
#undef X
} nt;

/* Loaded once per process, before a batch forks its workers; never from
 * a thread. */
static ng_dl nettle_lib = {.soname = NG_NETTLE_SONAME};
static const ng_dl_symbol nettle_symbols[] = {
#define X(f) {#f, &nt.f},
    NETTLE_FUNCTIONS(X)
#undef X
};

static int load(void)
{
	return ng_dl_load(&nettle_lib, nettle_symbols, NG_ARRAY_LEN(nettle_symbols));
}

const char *ng_sha256_library(void)
{
	return NG_NETTLE_SONAME;
}

int ng_sha256_load(ng_diags *d)
{
	if (load() == 0)
		return 0;
	ng_diag *g = ng_diag_add(d, NG_D_LIBRARY_MISSING, (ng_pos){0}, NG_NETTLE_SONAME,
	                         ng_tr("SHA-256 of letters"), nettle_lib.error);
	if (NG_NETTLE_PACKAGE[0])
		ng_diag_hint(d, g, "install the Debian package %s (apt-get install %s)",
		             NG_NETTLE_PACKAGE, NG_NETTLE_PACKAGE);
	else
		ng_diag_hint(d, g, "install the package that provides %s", NG_NETTLE_SONAME);
	return -1;
}

/* Every hash starts here. The callers load first and report a failure as
 * a diagnostic; a caller that did not is a bug, stopped with the same
 * words rather than a call through a null pointer. */
static void sha_init(struct sha256_ctx *ctx)
{
	if (nettle_lib.state != 1 && load() != 0) {
		fprintf(stderr, "notice-gen: cannot load %s: %s (install %s)\n", NG_NETTLE_SONAME,
		        nettle_lib.error, NG_NETTLE_PACKAGE[0] ? NG_NETTLE_PACKAGE : "libnettle");
		exit(3);
	}
	nt.nettle_sha256_init(ctx);
}

static void hex_digest(struct sha256_ctx *ctx, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t digest[SHA256_DIGEST_SIZE];
	nt.nettle_sha256_digest(ctx, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[2 * sizeof digest] = '\0';
}

void ng_sha256_hex(const void *data, size_t len, char out[65])
{
	struct sha256_ctx ctx;
	sha_init(&ctx);
	nt.nettle_sha256_update(&ctx, len, data);
	hex_digest(&ctx, out);
}

struct ng_sha_prefix {
	unsigned char *bytes;
	size_t len;
	uint64_t id;           /* the letters' shared_id when kept; 0: none */
	struct sha256_ctx ctx; /* after bytes[0..len) */
};

ng_sha_prefix *ng_sha_prefix_new(void)
{
	return ng_xcalloc(1, sizeof(ng_sha_prefix));
}

void ng_sha_prefix_free(ng_sha_prefix *p)
{
	if (!p)
		return;
	free(p->bytes);
	free(p);
}

/* The hash's state after head (hl bytes), kept or made and kept. */
static void resume(ng_sha_prefix *p, const unsigned char *head, size_t hl, uint64_t id,
                   struct sha256_ctx *ctx)
{
	/* The same nonzero id: the same bytes (one kept copy), not compared. */
	if (p->len == hl && ((id && p->id == id) || memcmp(p->bytes, head, hl) == 0)) {
		*ctx = p->ctx;
		p->id = id;
		return;
	} /* a new prefix (the first letter, or other fonts): kept */
	sha_init(ctx);
	nt.nettle_sha256_update(ctx, hl, head);
	free(p->bytes);
	p->bytes = ng_xmalloc(hl);
	memcpy(p->bytes, head, hl);
	p->len = hl;
	p->id = id;
	p->ctx = *ctx;
}

void ng_sha256_split(ng_sha_prefix *p, const void *head, size_t hl, const void *data, size_t len,
                     uint64_t id, char out[65])
{
	struct sha256_ctx ctx;
	if (hl == 0) {
		ng_sha256_hex(data, len, out);
		return;
	}
	resume(p, head, hl, id, &ctx);
	nt.nettle_sha256_update(&ctx, len, data);
	hex_digest(&ctx, out);
}

void ng_sha256_hex2(const void *a, size_t na, const void *b, size_t nb, char out[65])
{
	struct sha256_ctx ctx;
	sha_init(&ctx);
	nt.nettle_sha256_update(&ctx, na, a);
	nt.nettle_sha256_update(&ctx, nb, b);
	hex_digest(&ctx, out);
}

void ng_sha256_prefixed(ng_sha_prefix *p, const void *data, size_t len, size_t prefix, uint64_t id,
                        char out[65])
{
	struct sha256_ctx ctx;
	const unsigned char *d = data;
	if (prefix == 0 || prefix > len) {
		ng_sha256_hex(data, len, out);
		return;
	}
	resume(p, d, prefix, id, &ctx);
	nt.nettle_sha256_update(&ctx, len - prefix, d + prefix);
	hex_digest(&ctx, out);
}

void ng_sha256_raw(const void *a, size_t na, const void *b, size_t nb, unsigned char out[32])
{
	struct sha256_ctx ctx;
	sha_init(&ctx);
	nt.nettle_sha256_update(&ctx, na, a);
	if (nb)
		nt.nettle_sha256_update(&ctx, nb, b);
	nt.nettle_sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

int ng_sha256_fd(int fd, char out[65])
{
	struct sha256_ctx ctx;
	sha_init(&ctx);
	uint8_t chunk[65536];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		nt.nettle_sha256_update(&ctx, (size_t)n, chunk);
	}
	hex_digest(&ctx, out);
	return 0;
}

/* ---- tab-separated lines: \t, \n and \\ escaped. Lines, manifest rows
 * and digests are put together from pieces, not printf: the parent writes
 * every row of a 10,000-letter batch alone, after the workers. */

/* sep, then v in decimal. */
static void num(ng_buf *b, char sep, size_t v)
{
	if (sep)
		ng_buf_addc(b, sep);
	ng_buf_int(b, (long)v);
}

/* A digest as written (NUL-terminated in 65 bytes; longer text cut). */
static void copy_hex(char out[65], const char *s)
{
	size_t n = strnlen(s, 64);
	memcpy(out, s, n);
	out[n] = '\0';
}

static void field(ng_buf *out, const char *s)
{
	ng_buf_addc(out, '\t');
	for (; s && *s; s++) {
		if (*s == '\t')
			ng_buf_adds(out, "\\t");
		else if (*s == '\n')
			ng_buf_adds(out, "\\n");
		else if (*s == '\\')
			ng_buf_adds(out, "\\\\");
		else
			ng_buf_addc(out, *s);
	}
}

static char *unescape(ng_arena *a, const char *s)
{
	char *o = ng_alloc(a, strlen(s) + 1), *w = o;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*w++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
	return o;
}

/* Splits a line at tabs into at most max fields. */
static size_t split(char *line, char **f, size_t max)
{
	size_t n = 0;
	line[strcspn(line, "\n")] = '\0';
	for (char *p = line; n < max;) {
		f[n++] = p;
		char *t = strchr(p, '\t');
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

void ng_result_line(const ng_result *r, ng_buf *out)
{
	ng_buf_addc(out, 'R');
	num(out, '\t', r->row);
	num(out, '\t', (size_t)r->status);
	num(out, '\t', r->pages);
	num(out, '\t', r->bytes);
	ng_buf_addc(out, '\t');
	ng_buf_adds(out, r->sha256[0] ? r->sha256 : "-");
	ng_buf_addc(out, '\t');
	ng_buf_adds(out, r->plain_sha256[0] ? r->plain_sha256 : "-");
	field(out, r->id);
	field(out, r->name);
	field(out, r->templ);
	field(out, r->file);
	field(out, r->postcode);
	field(out, r->address);
	field(out, r->diag);
	field(out, r->address2);
	ng_buf_addc(out, '\n');
}

static const char *opt(ng_arena *a, const char *s)
{
	return *s ? unescape(a, s) : NULL;
}

int ng_result_parse(char *line, ng_arena *a, ng_result *r)
{
	/* address2 came last, after diag: a journal written before it had
	 * 14 fields and still resumes. */
	char *f[15];
	size_t n = split(line, f, 15);
	if (n < 14 || strcmp(f[0], "R") != 0)
		return -1;
	memset(r, 0, sizeof *r);
	r->row = strtoul(f[1], NULL, 10);
	r->status = (ng_row_status)atoi(f[2]);
	r->pages = strtoul(f[3], NULL, 10);
	r->bytes = strtoul(f[4], NULL, 10);
	if (strcmp(f[5], "-") != 0)
		copy_hex(r->sha256, f[5]);
	if (strcmp(f[6], "-") != 0)
		copy_hex(r->plain_sha256, f[6]);
	r->id = opt(a, f[7]);
	r->name = opt(a, f[8]);
	r->templ = opt(a, f[9]);
	r->file = opt(a, f[10]);
	r->postcode = opt(a, f[11]);
	r->address = opt(a, f[12]);
	r->diag = opt(a, f[13]);
	r->address2 = n > 14 ? opt(a, f[14]) : NULL;
	return r->row ? 0 : -1;
}

void ng_diag_line(size_t row, const ng_diag *g, ng_buf *out)
{
	ng_buf_printf(out, "D\t%zu\t%d\t%d\t%d\t%d", row, (int)g->severity, g->code, g->line,
	              g->col);
	field(out, g->id);
	field(out, g->file);
	field(out, g->message);
	field(out, g->hint);
	ng_buf_addc(out, '\n');
}

int ng_diag_parse(char *line, ng_arena *a, ng_diag *g)
{
	char *f[10];
	if (split(line, f, 10) != 10 || strcmp(f[0], "D") != 0)
		return -1;
	*g = (ng_diag){.severity = (ng_severity)atoi(f[2]),
	               .code = atoi(f[3]),
	               .line = atoi(f[4]),
	               .col = atoi(f[5]),
	               .id = unescape(a, f[6]),
	               .file = opt(a, f[7]),
	               .message = unescape(a, f[8]),
	               .hint = opt(a, f[9])};
	return 0;
}

/* ---- manifest.csv / manifest.json */

static const char *const status_names[] = {"ok", "failed", "skipped"};

/* A cell that a spreadsheet never runs as a formula (ng_buf_csv_cell). */
static void csv_field(ng_buf *b, const char *s, bool last)
{
	ng_buf_csv_cell(b, s);
	ng_buf_adds(b, last ? "\r\n" : ",");
}

static void json_field(ng_buf *b, const char *key, const char *s, bool last)
{
	ng_buf_addc(b, '"');
	ng_buf_adds(b, key);
	ng_buf_adds(b, "\":");
	ng_buf_json(b, s);
	ng_buf_adds(b, last ? "}" : ",");
}

/* A file written into dirfd a buffer at a time and renamed into place
 * when complete: the manifests of 10,000 rows never sit in memory whole. */
typedef struct afile {
	int dirfd, fd, failed; /* failed: the errno of the write that failed */
	char tmp[256];
	const char *name;
	ng_buf b;
} afile;

static int af_open(afile *f, int dirfd, const char *name)
{
	*f = (afile){.dirfd = dirfd, .name = name};
	snprintf(f->tmp, sizeof f->tmp, ".%s.tmp", name);
	f->fd = openat(dirfd, f->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	return f->fd < 0 ? -1 : 0;
}

static void af_flush(afile *f, bool all)
{
	if (f->b.len < (all ? 1 : 65536))
		return;
	for (size_t off = 0; !f->failed && off < f->b.len;) {
		ssize_t w = write(f->fd, f->b.data + off, f->b.len - off);
		if (w > 0)
			off += (size_t)w;
		else if (w == 0 || errno != EINTR)
			f->failed = w < 0 ? errno : EIO;
	}
	ng_buf_reset(&f->b);
}

static int af_close(afile *f)
{
	af_flush(f, true);
	int err = f->failed;
	if (!err && fsync(f->fd) != 0)
		err = errno;
	if (close(f->fd) != 0 && !err)
		err = errno;
	ng_buf_free(&f->b);
	if (!err && renameat(f->dirfd, f->tmp, f->dirfd, f->name) != 0)
		err = errno;
	if (err) {
		unlinkat(f->dirfd, f->tmp, 0);
		errno = err; /* the caller reports it */
		return -1;
	}
	return 0;
}

static void csv_row(const ng_result *r, ng_buf *b)
{
	num(b, 0, r->row);
	ng_buf_addc(b, ',');
	csv_field(b, r->id, false);
	csv_field(b, r->name, false);
	csv_field(b, r->templ, false);
	csv_field(b, r->file, false);
	num(b, 0, r->pages);
	num(b, ',', r->bytes);
	ng_buf_addc(b, ',');
	ng_buf_adds(b, r->sha256);
	ng_buf_addc(b, ',');
	ng_buf_adds(b, status_names[r->status]);
	ng_buf_addc(b, ',');
	csv_field(b, r->diag, false);
	ng_buf_adds(b, r->plain_sha256);
	ng_buf_adds(b, "\r\n");
}

static void json_row(const ng_result *r, ng_buf *b)
{
	ng_buf_adds(b, "{\"row\":");
	num(b, 0, r->row);
	ng_buf_addc(b, ',');
	json_field(b, "id", r->id, false);
	json_field(b, "name", r->name, false);
	json_field(b, "template", r->templ, false);
	json_field(b, "file", r->file, false);
	ng_buf_adds(b, "\"pages\":");
	num(b, 0, r->pages);
	ng_buf_adds(b, ",\"bytes\":");
	num(b, 0, r->bytes);
	ng_buf_addc(b, ',');
	json_field(b, "sha256", r->sha256[0] ? r->sha256 : NULL, false);
	json_field(b, "status", status_names[r->status], false);
	json_field(b, "diagnostics", r->diag, false);
	json_field(b, "plain_sha256", r->plain_sha256[0] ? r->plain_sha256 : NULL, true);
}

struct ng_manifest {
	afile csv, json;
	size_t n;
	int failed;
};

ng_manifest *ng_manifest_open(int dirfd, const char *suffix)
{
	ng_manifest *m = ng_xcalloc(1, sizeof *m);
	char a[128], b[128];
	snprintf(a, sizeof a, "manifest%s.csv", suffix);
	snprintf(b, sizeof b, "manifest%s.json", suffix);
	m->csv.name = ng_xstrdup(a);
	m->json.name = ng_xstrdup(b);
	m->failed = af_open(&m->csv, dirfd, m->csv.name) | af_open(&m->json, dirfd, m->json.name);
	/* A BOM so that Excel opens the UTF-8 file with the right encoding. */
	ng_buf_adds(&m->csv.b, "\xEF\xBB\xBFrow,id,name,template,file,pages,bytes,sha256,status,"
	                       "diagnostics,plain_sha256\r\n");
	ng_buf_adds(&m->json.b, "[\n");
	return m;
}

void ng_manifest_add(ng_manifest *m, const ng_result *r)
{
	csv_row(r, &m->csv.b);
	if (m->n++)
		ng_buf_adds(&m->json.b, ",\n");
	json_row(r, &m->json.b);
	af_flush(&m->csv, false);
	af_flush(&m->json, false);
}

static void manifest_free(ng_manifest *m)
{
	free((char *)m->csv.name);
	free((char *)m->json.name);
	free(m);
}

int ng_manifest_commit(ng_manifest *m)
{
	ng_buf_adds(&m->json.b, m->n ? "\n]\n" : "]\n");
	int err = m->failed ? EIO : 0;
	afile *fs[2] = {&m->csv, &m->json};
	for (int i = 0; i < 2; i++)
		if (fs[i]->fd >= 0 && af_close(fs[i]) != 0 && !err)
			err = errno;
	manifest_free(m);
	errno = err; /* the first failure's */
	return err ? -1 : 0;
}

void ng_manifest_abort(ng_manifest *m)
{
	afile *fs[2] = {&m->csv, &m->json};
	for (int i = 0; i < 2; i++) {
		if (fs[i]->fd >= 0) {
			close(fs[i]->fd);
			unlinkat(fs[i]->dirfd, fs[i]->tmp, 0);
		}
		ng_buf_free(&fs[i]->b);
	}
	manifest_free(m);
}

int ng_mailing_write(const char *path, const ng_result *rs, size_t n)
{
	ng_buf b = {0};
	ng_buf_adds(&b, "\xEF\xBB\xBFpostcode,address,address2,name,file,first_page,pages\r\n");
	size_t page = 1;
	for (size_t i = 0; i < n; i++) {
		const ng_result *r = &rs[i];
		if (r->status == NG_ROW_FAILED)
			continue;
		csv_field(&b, r->postcode, false);
		csv_field(&b, r->address, false);
		csv_field(&b, r->address2, false);
		csv_field(&b, r->name, false);
		csv_field(&b, r->file, false);
		ng_buf_printf(&b, "%zu,%zu\r\n", page, r->pages);
		page += r->pages;
	}
	int rc = ng_write_file_atomic(path, b.data, b.len, 0600);
	ng_buf_free(&b);
	return rc;
}
