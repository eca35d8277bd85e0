/* clients.c — reading client lists. CSV goes through libcsv (RFC 4180
 * quoting, commas and newlines inside quoted fields); the encoding is
 * detected (a UTF-8 BOM, valid UTF-8, else CP932) or given; headers map to
 * field names through a table of English and Japanese names. */
#include "clients.h"

#include "batch_int.h" /* ng_sha256_raw */

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../icu/icu.h"
#include "../record/normalize.h"
#include "../record/record.h"

enum { LIST_CAP = 64u << 20, MAX_COLUMNS = 256, MAX_ROWS = 1000000 };

/* Header names users write, and the field each means. */
static const ng_colmap header_aliases[] = {
    {"id", "id"},
    {"no", "id"},
    {"番号", "id"},
    {"name", "name"},
    {"会社名", "name"},
    {"顧問先", "name"},
    {"氏名", "name"},
    {"名前", "name"},
    {"宛名", "name"},
    {"kind", "kind"},
    {"区分", "kind"},
    {"contact", "contact"},
    {"担当者", "contact"},
    {"ご担当者", "contact"},
    {"postcode", "postcode"},
    {"郵便番号", "postcode"},
    {"〒", "postcode"},
    {"address", "address"},
    {"住所", "address"},
    {"address2", "address2"},
    {"住所2", "address2"},
    {"email", "email"},
    {"メール", "email"},
    {"メールアドレス", "email"},
    {"phone", "phone"},
    {"電話", "phone"},
    {"電話番号", "phone"},
    {"services", "services"},
    {"契約", "services"},
    {"契約サービス", "services"},
    {"count", "count"},
    {"人数", "count"},
    {"対象人数", "count"},
    {"word", "word"},
    {"client_word", "word"},
    {"呼称", "word"},
    {"template", "template"},
    {"テンプレート", "template"},
    {"password", "password"},
    {"パスワード", "password"},
};

static const char *field_for(const ng_clients_opts *o, const char *header, ng_arena *a)
{
	for (size_t i = 0; i < o->nmaps; i++)
		if (strcmp(o->maps[i].header, header) == 0)
			return o->maps[i].field;
	for (size_t i = 0; i < NG_ARRAY_LEN(header_aliases); i++)
		if (strcmp(header_aliases[i].header, header) == 0)
			return header_aliases[i].field;
	/* Other columns keep their header, lower-cased: client.HEADER. */
	char *f = ng_strdup(a, header);
	for (char *p = f; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		else if (*p == ' ' || *p == '-')
			*p = '_';
	return f;
}

/* ---- CSV */

/* Rows go to a callback one at a time, each built in rowa; rowa is reset
 * after the callback unless keep is set (then rows outlive the scan). */
typedef struct scan {
	ng_row_fn fn;
	void *ctx;
	ng_arena *rowa;
	bool keep;
	size_t n;
	int stopped;
} scan;

static void deliver(scan *sc, ng_node *map)
{
	ng_row row = {sc->n + 1, map, map->pos};
	sc->n++;
	if (!sc->stopped && sc->fn(sc->ctx, &row, sc->rowa) != 0)
		sc->stopped = 1;
	if (!sc->keep)
		ng_arena_reset(sc->rowa);
}

typedef struct csv_state {
	const ng_clients_opts *o;
	ng_arena *a;
	ng_diags *d;
	scan *sc;
	const char *fields[MAX_COLUMNS]; /* from the header row */
	ng_node *keys[MAX_COLUMNS];      /* one key node per column, shared by rows */
	size_t ncols;
	size_t record; /* 1-based spreadsheet row being read */
	size_t col;
	ng_node *cur;
	size_t curcap;
	int failed;
} csv_state;

static ng_node *new_scalar(ng_arena *a, const char *s, size_t len, ng_pos pos)
{
	ng_node *n = ng_alloc(a, sizeof *n);
	n->kind = NG_NODE_SCALAR;
	n->value = ng_strndup(a, s, len);
	n->len = len;
	n->pos = n->vpos = pos;
	n->plain = true;
	n->data = true; /* never expanded as template text */
	return n;
}

/* A YAML list's values are data too. */
static void mark_data(ng_node *n)
{
	n->data = true;
	for (size_t i = 0; n->kind != NG_NODE_SCALAR && i < n->n; i++)
		mark_data(n->items[i]);
}

static void map_add(ng_arena *a, ng_node *map, ng_node *key, ng_node *value, size_t *cap)
{
	size_t c = *cap;
	map->items = ng_agrow(a, map->items, sizeof(ng_node *), &c, map->n + 1);
	map->keys = ng_agrow(a, map->keys, sizeof(ng_node *), cap, map->n + 1);
	map->keys[map->n] = key;
	map->items[map->n++] = value;
}

static void on_header_field(csv_state *s, const char *v, size_t len)
{
	ng_pos pos = {s->o->path, 1, (int)s->col + 1};
	if (s->col >= MAX_COLUMNS) {
		if (s->col == MAX_COLUMNS)
			ng_diag_add(s->d, NG_D_TOO_LARGE, pos, ng_tr("number of columns"),
			            (size_t)MAX_COLUMNS);
		s->failed = 1;
		return;
	}
	char *h = ng_strndup(s->a, v, len);
	const char *f = field_for(s->o, h, s->a);
	for (size_t i = 0; i < s->col; i++) {
		if (s->fields[i] && strcmp(s->fields[i], f) == 0) {
			ng_diag *g = ng_diag_add(s->d, NG_D_DUP_KEY, pos, f, 1);
			ng_diag_hint(s->d, g, "two columns mean the same field");
			s->failed = 1;
		}
	}
	s->fields[s->col] = len ? f : NULL;
	s->keys[s->col] = len ? new_scalar(s->a, f, strlen(f), pos) : NULL;
	s->ncols = s->col + 1;
}

static void on_field(void *data, size_t len, void *user)
{
	csv_state *s = user;
	const char *v = data ? data : "";
	if (s->record == 1) {
		on_header_field(s, v, data ? len : 0);
	} else if (s->col < s->ncols && s->fields[s->col] && len) {
		ng_arena *ra = s->sc->rowa;
		if (!s->cur) {
			s->cur = ng_alloc(ra, sizeof *s->cur);
			s->cur->kind = NG_NODE_MAP;
			s->cur->pos = (ng_pos){s->o->path, (int)s->record, 1};
			s->curcap = 0;
		}
		ng_pos pos = {s->o->path, (int)s->record, (int)s->col + 1};
		map_add(ra, s->cur, s->keys[s->col], new_scalar(ra, v, len, pos), &s->curcap);
	} else if (s->col >= s->ncols && len) {
		ng_diag *g = ng_diag_add(s->d, NG_D_BAD_VALUE,
		                         (ng_pos){s->o->path, (int)s->record, (int)s->col + 1},
		                         "column", ng_tr("a value in a column without a header"));
		ng_diag_hint(s->d, g, "give the column a header, or delete the value");
		s->failed = 1;
	}
	s->col++;
}

/* The header has no column for the name every row needs: said once, with
 * the headers that mean it and --column, instead of once per row. */
static void check_header(csv_state *s)
{
	for (size_t i = 0; i < s->ncols; i++)
		if (s->fields[i] && strcmp(s->fields[i], "name") == 0)
			return;
	ng_buf names = {0}, found = {0};
	for (size_t i = 0; i < NG_ARRAY_LEN(header_aliases); i++)
		if (strcmp(header_aliases[i].field, "name") == 0)
			ng_buf_printf(&names, "%s%s", names.len ? ", " : "",
			              header_aliases[i].header);
	for (size_t i = 0; i < s->ncols; i++)
		if (s->fields[i])
			ng_buf_printf(&found, "%s%s", found.len ? ", " : "", s->fields[i]);
	ng_diag *g = ng_diag_add(s->d, NG_D_MISSING_FIELD, (ng_pos){s->o->path, 1, 1}, "name",
	                         ng_tr("the header row"));
	ng_diag_hint(s->d, g,
	             "name the column of client names %s, or map your header with --column "
	             "'HEADER=name' (the header has: %s)",
	             names.data, found.len ? found.data : ng_tr("no names"));
	ng_buf_free(&names);
	ng_buf_free(&found);
	s->failed = 1;
}

static void on_row(int term, void *user)
{
	(void)term;
	csv_state *s = user;
	if (s->record == 1)
		check_header(s);
	if (s->record > 1 && s->cur)
		deliver(s->sc, s->cur);
	s->cur = NULL;
	s->col = 0;
	s->record++;
}

/* ---- the list file, its encoding */

/* The list file is read in chunks, never whole: pread at an offset, so it
 * can be read twice (the encoding is checked to the end before the first
 * row is handed on) and once more by each batch worker. */
enum { CHUNK = 64 * 1024 };

typedef struct list_file {
	const char *path;
	int fd;
	size_t start;        /* after a UTF-8 BOM */
	const char *charset; /* NULL: UTF-8 */
	ng_list_sums *sums;
} list_file;

void ng_list_sums_free(ng_list_sums *s)
{
	if (s) {
		free(s->v);
		*s = (ng_list_sums){0};
	}
}

/* Piece k of a reading (raw bytes, the BOM excluded): recorded, or
 * compared with the recorded one. Returns false when it differs. */
static bool piece_same(ng_list_sums *s, size_t k, const char *p, size_t n)
{
	if (!s)
		return true;
	unsigned char sum[32];
	ng_sha256_raw(p, n, NULL, 0, sum);
	if (s->fixed)
		return k < s->n && memcmp(s->v[k], sum, sizeof sum) == 0;
	s->v = ng_xrealloc(s->v, (k + 1) * sizeof *s->v);
	memcpy(s->v[k], sum, sizeof sum);
	return true;
}

/* A complete reading of k pieces: the first one records, a later one
 * must have had as many pieces. */
static bool reading_done(ng_list_sums *s, size_t k)
{
	if (!s)
		return true;
	if (s->fixed)
		return k == s->n;
	s->n = k;
	s->fixed = true;
	unsigned char digest[32];
	ng_sha256_raw(s->v, k * sizeof *s->v, &s->size, sizeof s->size, digest);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(s->sha256 + 2 * i, 3, "%02x", digest[i]);
	return true;
}

/* Bytes at the end of s[0..n) that begin a UTF-8 sequence the next chunk
 * completes. */
static size_t utf8_cut(const char *s, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++) {
		unsigned char c = (unsigned char)s[n - k];
		if ((c & 0xC0) == 0x80)
			continue;
		size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		return need > k ? k : 0;
	}
	return 0;
}

typedef enum {
	READ_OK,
	READ_BAD_BYTES, /* not valid in the encoding; err says why for a charset */
	READ_FAILED,    /* errno in *err_no */
	READ_STOPPED,   /* fn returned non-zero */
	READ_CHANGED,   /* the file is not what the first reading saw */
} read_result;

/* Passes the file's bytes from lf->start, as UTF-8, to fn chunk by chunk
 * (converted from lf->charset when set). fn returns non-zero to stop. */
typedef int (*chunk_fn)(void *ctx, const char *p, size_t n);

static read_result read_list(const list_file *lf, chunk_fn fn, void *ctx, ng_icu_err *err,
                             int *err_no)
{
	char buf[CHUNK + 4];
	size_t carry = 0;
	off_t off = (off_t)lf->start;
	ng_icu_conv *cv = lf->charset ? ng_icu_conv_open(lf->charset, err) : NULL;
	if (lf->charset && !cv)
		return READ_BAD_BYTES;
	ng_buf out = {0};
	read_result rc = READ_OK;
	for (size_t k = 0;; k++) {
		ssize_t got = pread(lf->fd, buf + carry, CHUNK, off);
		if (got < 0 && errno == EINTR) {
			k--;
			continue;
		}
		if (got < 0) {
			*err_no = errno;
			rc = READ_FAILED;
			break;
		}
		/* Checked before any row of the piece is handed on. */
		if (got > 0 ? !piece_same(lf->sums, k, buf + carry, (size_t)got)
		            : !reading_done(lf->sums, k)) {
			rc = READ_CHANGED;
			break;
		}
		off += got;
		size_t n = carry + (size_t)got;
		bool last = got == 0;
		if (cv) {
			out.len = 0;
			if (ng_icu_conv_put(cv, buf, n, last, &out, err) != 0)
				rc = READ_BAD_BYTES;
			else if (out.len && fn(ctx, out.data, out.len))
				rc = READ_STOPPED;
			carry = 0;
		} else {
			size_t keep = last ? 0 : utf8_cut(buf, n);
			if (ng_utf8_invalid_at(buf, n - keep) != (size_t)-1)
				rc = READ_BAD_BYTES;
			else if (n > keep && fn(ctx, buf, n - keep))
				rc = READ_STOPPED;
			memmove(buf, buf + n - keep, keep);
			carry = keep;
		}
		if (rc || last)
			break;
	}
	ng_icu_conv_close(cv);
	ng_buf_free(&out);
	return rc;
}

static int has_nul(void *ctx, const char *p, size_t n)
{
	(void)ctx;
	return memchr(p, '\0', n) != NULL;
}

/* The list is not what the first reading saw: nothing more of it is
 * used. */
int ng_clients_report_changed(const ng_clients_opts *o, ng_diags *d)
{
	ng_diag *g = ng_diag_add(d, NG_D_LIST_CHANGED, (ng_pos){o->path, 0, 0}, o->path);
	ng_diag_hint(d, g,
	             "letters already made came from the list as first read; put that list "
	             "back and run the same command with --resume, or run with --force to "
	             "start over with the new one");
	return -1;
}

static int list_changed(const ng_clients_opts *o, ng_diags *d)
{
	if (o->sums)
		o->sums->changed = true;
	return ng_clients_report_changed(o, d);
}

/* libcsv's error for code in the user's language: its four texts are in
 * the catalogue by code; the text libcsv gives is kept for any other. */
static const char *ng_csv_text(int code, const char *libcsv_text)
{
	static const char *const texts[] = {
	    [CSV_EPARSE] = N_("error parsing data while strict checking enabled"),
	    [CSV_ENOMEM] = N_("memory exhausted while increasing buffer size"),
	    [CSV_ETOOBIG] = N_("data size too large"),
	};
	return code > 0 && code < (int)NG_ARRAY_LEN(texts) && texts[code] ? ng_tr(texts[code])
	                                                                  : libcsv_text;
}

/* The list is not UTF-8 and not valid in the other encoding, or that
 * encoding is unknown: said in words, never with ICU's error names. */
static int bad_encoding(const ng_clients_opts *o, const char *charset, const ng_icu_err *err,
                        ng_diags *d)
{
	bool unknown = err->func && strstr(err->func, "open");
	ng_diag *g = ng_diag_add(
	    d, NG_D_BAD_VALUE, (ng_pos){o->path, 0, 0}, unknown ? "--encoding" : ng_tr("encoding"),
	    unknown       ? ng_diag_intern(d, charset)
	    : o->encoding ? ng_tr("the file is not valid in the encoding given with --encoding")
	                  : ng_tr("the file is neither UTF-8 nor CP932 (Shift_JIS)"));
	if (unknown)
		ng_diag_hint(d, g,
		             "no such encoding: use UTF-8, CP932 (Shift_JIS as Excel saves it) or "
		             "another common name such as EUC-JP");
	else
		ng_diag_hint(d, g,
		             "save the list as CSV UTF-8, or name its encoding with --encoding");
	return -1;
}

/* Decides the list's encoding and checks every byte of the file in it, so
 * that a bad byte near the end stops the batch before its first letter. */
static int check_encoding(const ng_clients_opts *o, list_file *lf, ng_diags *d)
{
	unsigned char bom[3];
	const char *enc = o->encoding;
	if (pread(lf->fd, bom, 3, 0) == 3 && memcmp(bom, "\xEF\xBB\xBF", 3) == 0) {
		lf->start = 3;
		if (!enc)
			enc = "UTF-8"; /* a BOM says UTF-8: checked, never read as CP932 */
	}
	bool utf8 = !enc || strcmp(enc, "utf-8") == 0 || strcmp(enc, "UTF-8") == 0;
	ng_icu_err err = {0};
	int err_no = 0;
	read_result rc = utf8 ? read_list(lf, has_nul, NULL, &err, &err_no) : READ_BAD_BYTES;
	if (rc == READ_BAD_BYTES && utf8 && enc) {
		ng_diag_add(d, NG_D_YAML_UTF8, (ng_pos){o->path, 0, 0});
		return -1;
	}
	if (rc == READ_BAD_BYTES) {
		/* Not UTF-8: Excel's 「CSV (コンマ区切り)」 is CP932. */
		lf->charset = enc ? enc : "windows-31j";
		rc = read_list(lf, has_nul, NULL, &err, &err_no);
		if (rc == READ_BAD_BYTES)
			return bad_encoding(o, lf->charset, &err, d);
	}
	if (rc == READ_STOPPED) {
		ng_diag_add(d, NG_D_BAD_VALUE, (ng_pos){o->path, 0, 0}, ng_tr("client list"),
		            ng_tr("contains a NUL byte"));
		return -1;
	}
	if (rc == READ_FAILED) {
		ng_diag_add(d, NG_D_IO_READ, (ng_pos){o->path, 0, 0}, o->path, ng_strerror(err_no));
		return -1;
	}
	return rc == READ_CHANGED ? list_changed(o, d) : 0;
}

typedef struct csv_feed {
	struct csv_parser *p;
	csv_state *s;
} csv_feed;

static int feed_csv(void *ctx, const char *p, size_t n)
{
	csv_feed *f = ctx;
	return csv_parse(f->p, p, n, on_field, on_row, f->s) != n;
}

static int load_csv(const ng_clients_opts *o, const list_file *lf, ng_arena *a, scan *sc,
                    ng_diags *d)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
		return -1;
	csv_state s = {.o = o, .a = a, .d = d, .sc = sc, .record = 1};
	csv_feed f = {&p, &s};
	ng_icu_err err = {0};
	int err_no = 0;
	/* The bytes were checked by check_encoding: only a read can fail. */
	read_result rc = read_list(lf, feed_csv, &f, &err, &err_no);
	if (rc == READ_CHANGED) {
		csv_free(&p);
		return list_changed(o, d);
	}
	if (rc == READ_FAILED || rc == READ_BAD_BYTES)
		ng_diag_add(d, NG_D_IO_READ, (ng_pos){o->path, 0, 0}, o->path,
		            rc == READ_FAILED ? ng_strerror(err_no)
		                              : ng_tr("the file changed while read"));
	bool ok = rc == READ_OK && csv_fini(&p, on_field, on_row, &s) == 0;
	if (rc == READ_STOPPED || (rc == READ_OK && !ok)) {
		ng_diag *g = ng_diag_add(d, NG_D_CSV_SYNTAX,
		                         (ng_pos){o->path, (int)s.record, (int)s.col + 1},
		                         ng_csv_text(csv_error(&p), csv_strerror(csv_error(&p))));
		ng_diag_hint(d, g,
		             "a quoted field must end with '\"'; write a quote inside one "
		             "as \"\"");
	}
	csv_free(&p);
	return ok && !s.failed ? 0 : -1;
}

/* ---- YAML: a list of maps with the same field names */

static int load_yaml(const ng_clients_opts *o, const char *data, size_t len, ng_arena *a, scan *sc,
                     ng_diags *d)
{
	ng_yaml_limits lim = ng_yaml_default_limits;
	lim.max_bytes = LIST_CAP;
	ng_node *root = ng_yaml_load(o->path, data, len, &lim, a, d);
	if (!root)
		return -1;
	if (root->kind != NG_NODE_SEQ) {
		ng_diag_add(d, NG_D_WRONG_TYPE, root->pos, ng_tr("the client list"),
		            N_("a list of clients"));
		return -1;
	}
	int rc = 0;
	sc->keep = true;
	for (size_t i = 0; i < root->n && !sc->stopped; i++) {
		ng_node *m = root->items[i];
		if (m->kind != NG_NODE_MAP) {
			ng_diag_add(d, NG_D_WRONG_TYPE, m->pos, ng_tr("a client"),
			            N_("a map of fields"));
			rc = -1;
			continue;
		}
		for (size_t k = 0; k < m->n; k++) {
			m->keys[k]->value = field_for(o, m->keys[k]->value, a);
			if (m->items[k]->kind == NG_NODE_MAP) {
				ng_diag_add(d, NG_D_WRONG_TYPE, m->items[k]->pos, m->keys[k]->value,
				            N_("text or a list of texts"));
				rc = -1;
			}
		}
		if (rc == 0) {
			mark_data(m);
			deliver(sc, m);
		}
	}
	return rc;
}

static bool is_yaml(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0);
}

static int append(void *ctx, const char *p, size_t n)
{
	ng_buf_add(ctx, p, n);
	return 0;
}

/* A YAML list is read whole (libyaml builds the tree): for lists of many
 * thousands of rows, CSV is read row by row. */
static int load_yaml_file(const ng_clients_opts *o, const list_file *lf, ng_arena *a, scan *sc,
                          ng_diags *d)
{
	ng_buf text = {0};
	ng_icu_err err = {0};
	int err_no = 0;
	read_result rr = read_list(lf, append, &text, &err, &err_no);
	int rc = -1;
	if (rr == READ_OK)
		rc = load_yaml(o, text.data ? text.data : "", text.len, a, sc, d);
	else if (rr == READ_CHANGED)
		list_changed(o, d);
	else
		ng_diag_add(d, NG_D_IO_READ, (ng_pos){o->path, 0, 0}, o->path,
		            rr == READ_FAILED ? ng_strerror(err_no)
		                              : ng_tr("the file changed while read"));
	ng_buf_free(&text);
	return rc;
}

/* The list must be a regular file: it is read more than once. */
static int open_list(const ng_clients_opts *o, list_file *lf, ng_diags *d)
{
	*lf = (list_file){.path = o->path,
	                  .fd = open(o->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC),
	                  .sums = o->sums};
	struct stat st;
	const char *why = NULL;
	if (lf->fd < 0 || fstat(lf->fd, &st) != 0)
		why = ng_strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = ng_tr(
		    "not a regular file (the list is read more than once: save it to a file)");
	if (why) {
		ng_diag_add(d, NG_D_IO_READ, (ng_pos){o->path, 0, 0}, o->path, why);
	} else if ((uintmax_t)st.st_size > LIST_CAP) {
		ng_diag_add(d, NG_D_TOO_LARGE, (ng_pos){o->path, 0, 0},
		            ng_tr("client list (bytes)"), (size_t)LIST_CAP);
	} else if (o->sums && o->sums->fixed && o->sums->size != (unsigned long long)st.st_size) {
		list_changed(o, d); /* its size alone says so */
	} else {
		if (o->sums && !o->sums->fixed)
			o->sums->size = (unsigned long long)st.st_size;
		return 0;
	}
	if (lf->fd >= 0)
		close(lf->fd);
	return -1;
}

/* What the file is when it is not a list at all: empty, or a spreadsheet
 * workbook saved as such. NULL when it may be a list. */
static const char *not_a_list(const list_file *lf, const char **hint)
{
	unsigned char head[8];
	ssize_t n = pread(lf->fd, head, sizeof head, 0);
	static const unsigned char zip[] = {'P', 'K', 3, 4};
	static const unsigned char ole[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	*hint = N_("save it as CSV (UTF-8 or CP932): in Excel, 名前を付けて保存 → CSV UTF-8 "
	           "(コンマ区切り)");
	if (n == 0) {
		*hint = N_("the first row names the columns (name, 会社名, 氏名 …), then one row "
		           "per client");
		return N_("is empty");
	}
	if ((n >= 4 && memcmp(head, zip, 4) == 0) || (n == 8 && memcmp(head, ole, 8) == 0))
		return N_("is a spreadsheet workbook (.xlsx, .xls or .ods), not a CSV file");
	return NULL;
}

static int scan_list(const ng_clients_opts *o, ng_arena *a, scan *sc, ng_diags *d)
{
	list_file lf;
	if (open_list(o, &lf, d) != 0)
		return -1;
	const char *hint, *what = not_a_list(&lf, &hint);
	if (what) {
		ng_diag *g = ng_diag_add(d, NG_D_BAD_VALUE, (ng_pos){o->path, 0, 0},
		                         ng_tr("client list"), ng_tr(what));
		ng_diag_hint(d, g, "%s", ng_tr(hint));
		close(lf.fd);
		return -1;
	}
	int rc = check_encoding(o, &lf, d);
	if (rc == 0)
		rc = is_yaml(o->path) ? load_yaml_file(o, &lf, a, sc, d)
		                      : load_csv(o, &lf, a, sc, d);
	close(lf.fd);
	if (rc == 0 && sc->n == 0) {
		ng_diag *g =
		    ng_diag_add(d, NG_D_BAD_VALUE, (ng_pos){o->path, 1, 1}, ng_tr("client list"),
		                ng_tr("has no clients (a header row alone, or an empty list)"));
		ng_diag_hint(d, g, "add one row per client below the header row");
		rc = -1;
	}
	if (rc == 0 && sc->n > MAX_ROWS) {
		ng_diag_add(d, NG_D_TOO_LARGE, (ng_pos){o->path, 0, 0}, ng_tr("number of clients"),
		            (size_t)MAX_ROWS);
		rc = -1;
	}
	return rc;
}

int ng_clients_scan(const ng_clients_opts *o, ng_arena *a, ng_row_fn fn, void *ctx, size_t *n,
                    ng_diags *d)
{
	scan sc = {.fn = fn, .ctx = ctx, .rowa = ng_arena_new()};
	int rc = scan_list(o, a, &sc, d);
	ng_arena_free(sc.rowa);
	*n = sc.n;
	return rc;
}

static int keep_row(void *ctx, ng_row *row, ng_arena *a)
{
	ng_rows *rows = ctx;
	rows->v = ng_agrow(a, rows->v, sizeof *rows->v, &rows->cap, rows->n + 1);
	rows->v[rows->n++] = *row;
	return 0;
}

int ng_clients_load(const ng_clients_opts *o, ng_arena *a, ng_rows *out, ng_diags *d)
{
	memset(out, 0, sizeof *out);
	scan sc = {.fn = keep_row, .ctx = out, .rowa = a, .keep = true};
	return scan_list(o, a, &sc, d);
}

/* ---- one row's values */

static ng_node *field(ng_row *r, const char *name)
{
	return ng_node_get(r->map, name);
}

/* A value with an invisible or direction control character (see
 * ng_text_hidden_at) fails its row: the name would read otherwise than it
 * is stored. */
static int hidden_chars(ng_row *r, ng_diags *d)
{
	int rc = 0;
	for (size_t i = 0; i < r->map->n; i++) {
		ng_node *v = r->map->items[i];
		uint32_t cp = 0;
		if (v->kind != NG_NODE_SCALAR ||
		    ng_text_hidden_at(v->value, v->len, &cp) == (size_t)-1)
			continue;
		char what[160];
		snprintf(what, sizeof what,
		         ng_tr("contains the invisible control character U+%04X"), (unsigned)cp);
		ng_diag_add(d, NG_D_BAD_VALUE, v->pos, r->map->keys[i]->value, what);
		rc = -1;
	}
	return rc;
}

/* A carriage return (a spreadsheet's line end inside a cell, CRLF or
 * alone) becomes a newline: no CR reaches a letter, a manifest or the
 * mail-house list, where it would end a record early. */
static const char *no_cr(ng_arena *a, const char *s)
{
	if (!strchr(s, '\r'))
		return s;
	char *o = ng_strdup(a, s), *w = o;
	for (const char *p = s; *p; p++)
		if (*p != '\r')
			*w++ = *p;
		else if (p[1] != '\n')
			*w++ = '\n';
	*w = '\0';
	return o;
}

static void normalise_values(ng_row *r, ng_arena *a)
{
	for (size_t i = 0; i < r->map->n; i++) {
		ng_node *v = r->map->items[i];
		if (v->kind != NG_NODE_SCALAR)
			continue;
		const char *key = r->map->keys[i]->value;
		if (strcmp(key, "password") == 0)
			continue; /* a secret is used as written, never changed */
		bool ascii = strcmp(key, "email") == 0 || strcmp(key, "phone") == 0 ||
		             strcmp(key, "postcode") == 0 || strcmp(key, "count") == 0;
		const char *s = no_cr(a, v->value);
		s = ascii ? ng_fold_ascii(a, s, strcmp(key, "email") != 0)
		          : ng_normalize_text(a, s, strlen(s));
		if (s != v->value) {
			v->value = s;
			v->len = strlen(s);
		}
	}
}

/* 〒 numbers: seven digits, written 123-4567. */
static int check_postcode(ng_node *v, ng_arena *a, ng_diags *d)
{
	char digits[8];
	size_t n = 0;
	for (const char *p = v->value; *p; p++) {
		if (*p >= '0' && *p <= '9' && n < 7)
			digits[n++] = *p;
		else if (*p != '-' || n != 3)
			n = 99;
	}
	if (n != 7) {
		ng_diag *g = ng_diag_add(d, NG_D_BAD_VALUE, v->pos, "postcode",
		                         ng_tr("a postcode has seven digits"));
		ng_diag_hint(d, g, "write it as 123-4567");
		return -1;
	}
	v->value = ng_aprintf(a, "%.3s-%.4s", digits, digits + 3);
	v->len = 8;
	return 0;
}

/* A count of persons as people type it in the list (35, 1,234名, 約1.2万,
 * 100～200, 数十名: ng_count_parse): client.count becomes the number (so
 * that {{ client.count | number }} reads right; 数十名 stays as typed)
 * and client.count_text the wording a letter prints (約1.2万名). Anything
 * else (-5, abc, 12,34) fails at its cell instead of at the template line
 * that prints it. */
static int check_count(ng_row *r, ng_node *v, ng_arena *a, ng_diags *d)
{
	ng_affected c;
	size_t at;
	const char *err;
	if (ng_count_parse(v->value, v->len, a, &c, &at, &err) != 0) {
		ng_diag *g = ng_diag_add(d, NG_D_BAD_VALUE, v->pos, "count",
		                         ng_tr("not a number of persons"));
		ng_diag_hint(d, g, "write the number in digits, such as 35, 1,234 or 約1.2万 (%s)",
		             ng_tr(err));
		return -1;
	}
	ng_buf text = {0};
	ng_affected_text(NULL, &c, &text);
	ng_node_put(a, r->map, "count_text", ng_strdup(a, text.data), v->pos);
	ng_buf_free(&text);
	if (c.count >= 0) {
		v->value = ng_aprintf(a, "%ld", c.count);
		v->len = strlen(v->value);
	}
	return 0;
}

static int check_kind(ng_node *v, ng_diags *d)
{
	static const char *const kinds[] = {"company", "person", "group", "法人", "個人", "各位"};
	for (size_t i = 0; i < NG_ARRAY_LEN(kinds); i++)
		if (strcmp(v->value, kinds[i]) == 0)
			return 0;
	ng_diag *g =
	    ng_diag_add(d, NG_D_BAD_VALUE, v->pos, "kind", ng_tr("unknown kind of addressee"));
	ng_diag_hint(d, g, "company (御中), person (様) or group (各位)");
	return -1;
}

/* A date typed in a cell with its weekday (2024/5/2(水), 令和6年5月2日
 * （木曜日）) whose weekday is wrong for the day: a wrong-weekday warning
 * at the cell, as for the record's own dates; the row is still made (a
 * letter prints the computed weekday). Any column may hold a date a
 * template prints, so every cell with a bracket or 曜 is tried; a
 * password is used as written and never shown. */
static bool may_have_weekday(const char *s)
{
	return strchr(s, '(') || strstr(s, "（") || strstr(s, "曜");
}

static void check_typed_weekdays(ng_row *r, ng_diags *d)
{
	for (size_t i = 0; i < r->map->n; i++) {
		ng_node *v = r->map->items[i];
		if (v->kind != NG_NODE_SCALAR || strcmp(r->map->keys[i]->value, "password") == 0 ||
		    !may_have_weekday(v->value))
			continue;
		ng_when w;
		size_t at;
		const char *err;
		if (ng_when_parse(v->value, v->len, &w, &at, &err) == 0)
			ng_warn_typed_weekday(
			    d, &w, &(ng_text){v->value, v->exact ? v->vpos : v->pos, v->exact}, 0);
	}
}

/* Only spaces (ASCII, ideographic), tabs and newlines: no name. */
static bool blank(const char *s)
{
	for (; *s; s += *s == ' ' || *s == '\t' || *s == '\n' ? 1 : 3)
		if (*s != ' ' && *s != '\t' && *s != '\n' && strncmp(s, "\u3000", 3) != 0)
			return false;
	return true;
}

int ng_clients_check_row(ng_row *r, ng_arena *a, ng_diags *d)
{
	normalise_values(r, a);
	int rc = hidden_chars(r, d);
	ng_node *name = field(r, "name");
	if (!name || name->kind != NG_NODE_SCALAR || !name->len) {
		ng_diag *g = ng_diag_add(d, NG_D_MISSING_FIELD, r->pos, "name", ng_tr("a client"));
		ng_diag_hint(d, g, "every row needs the client's or person's name");
		rc = -1;
	} else if (blank(name->value)) {
		ng_diag *g = ng_diag_add(d, NG_D_EMPTY_VALUE, name->pos, "name");
		ng_diag_hint(d, g, "the name is only spaces: write the client's or person's name");
		rc = -1;
	}
	ng_node *v;
	if ((v = field(r, "postcode")) && v->kind == NG_NODE_SCALAR)
		rc |= check_postcode(v, a, d);
	if ((v = field(r, "kind")) && v->kind == NG_NODE_SCALAR)
		rc |= check_kind(v, d);
	if ((v = field(r, "count")) && v->kind == NG_NODE_SCALAR)
		rc |= check_count(r, v, a, d);
	check_typed_weekdays(r, d);
	const char *problem = NULL;
	if ((v = field(r, "email")) && v->kind == NG_NODE_SCALAR &&
	    ng_email_check(v->value, &problem)) {
		ng_diag_add(d, NG_D_BAD_VALUE, v->pos, "email", ng_tr(problem));
		rc = -1;
	}
	return rc;
}

void ng_clients_row_from_pairs(const char *const *keys, const char *const *values, size_t n,
                               const char *name, ng_arena *a, ng_row *out)
{
	ng_clients_opts none = {0};
	const char *file = ng_strdup(a, name);
	ng_node *map = new_scalar(a, "", 0, (ng_pos){file, 1, 1});
	map->kind = NG_NODE_MAP;
	size_t cap = 0;
	for (size_t i = 0; i < n; i++) {
		ng_pos pos = {file, 1, (int)i + 1};
		const char *field = field_for(&none, keys[i], a);
		map_add(a, map, new_scalar(a, field, strlen(field), pos),
		        new_scalar(a, values[i], strlen(values[i]), pos), &cap);
	}
	*out = (ng_row){1, map, map->pos};
}
