/* sheet.c — a batch's letter passwords. While the run lasts they live in a
 * private store in the journal directory (mode 0600, one line per
 * encrypted letter: row, the file's SHA-256, the generated password or
 * "-"), written before the letter is renamed into place, so that a killed
 * run never leaves a letter whose password is lost; a resumed run reuses
 * them. At the end they are folded into the password sheet (mode 0600), the
 * only place a generated password is ever written outside the store. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypt.h"

typedef struct entry {
	size_t row, seq;
	char sha[65];
	char *pw; /* generated; NULL when the list gave it */
} entry;

struct ng_crypt_run {
	ng_crypt_run_opts o;
	char *owner;
	entry *v;
	size_t n, cap;
};

/* ---- the store in memory: sorted by row, the last line of a row wins */

static void clear_entries(ng_crypt_run *cr)
{
	for (size_t i = 0; i < cr->n; i++)
		ng_password_free(cr->v[i].pw);
	cr->n = 0;
}

static void add_entry(ng_crypt_run *cr, size_t row, const char *sha, const char *pw)
{
	if (cr->n == cr->cap) {
		cr->cap = cr->cap ? 2 * cr->cap : 64;
		cr->v = ng_xrealloc(cr->v, cr->cap * sizeof *cr->v);
	}
	entry *e = &cr->v[cr->n];
	*e = (entry){.row = row, .seq = cr->n, .pw = strcmp(pw, "-") ? ng_xstrdup(pw) : NULL};
	snprintf(e->sha, sizeof e->sha, "%s", sha);
	cr->n++;
}

static int by_row_seq(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts and keeps only each row's last entry. */
static void settle(ng_crypt_run *cr)
{
	if (!cr->n)
		return; /* v may be NULL, which qsort must not get */
	qsort(cr->v, cr->n, sizeof *cr->v, by_row_seq);
	size_t w = 0;
	for (size_t i = 0; i < cr->n; i++) {
		if (i + 1 < cr->n && cr->v[i + 1].row == cr->v[i].row) {
			ng_password_free(cr->v[i].pw);
			continue;
		}
		cr->v[w++] = cr->v[i];
	}
	cr->n = w;
}

static const entry *find(const ng_crypt_run *cr, size_t row)
{
	size_t lo = 0, hi = cr->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cr->v[mid].row < row)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < cr->n && cr->v[lo].row == row ? &cr->v[lo] : NULL;
}

/* "ROW\tSHA\tPASSWORD-or--" */
static void parse_line(ng_crypt_run *cr, char *line)
{
	line[strcspn(line, "\r\n")] = '\0';
	char *sha = strchr(line, '\t'), *pw = sha ? strchr(sha + 1, '\t') : NULL;
	if (!pw || pw - sha != 65)
		return;
	*sha++ = *pw++ = '\0';
	size_t row = strtoul(line, NULL, 10);
	if (row && !ng_password_problem(pw))
		add_entry(cr, row, sha, pw);
	else if (row && strcmp(pw, "-") == 0)
		add_entry(cr, row, sha, pw);
}

static int load_store(ng_crypt_run *cr)
{
	clear_entries(cr);
	int fd = openat(cr->o.dirfd, cr->o.store, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		return errno == ENOENT ? 0 : -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) > 0) {
		parse_line(cr, line);
		ng_wipe(line, (size_t)len);
	}
	free(line);
	fclose(f);
	settle(cr);
	return 0;
}

/* ---- opening */

static int new_store(const ng_crypt_run *cr)
{
	int fd = openat(cr->o.dirfd, cr->o.store,
	                O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	int ok = fchmod(fd, 0600) == 0 && fsync(fd) == 0;
	return close(fd) == 0 && ok ? 0 : -1;
}

ng_crypt_run *ng_crypt_run_open(const ng_crypt_run_opts *o, ng_diags *d)
{
	/* Before the first letter, and once: the workers fork with it. */
	if (ng_crypt_load(d) != 0)
		return NULL;
	ng_crypt_run *cr = ng_xcalloc(1, sizeof *cr);
	cr->o = *o;
	if (o->owner_file && !(cr->owner = ng_password_read(o->owner_file, d))) {
		ng_crypt_run_free(cr);
		return NULL;
	}
	int rc = o->resume ? load_store(cr) : 0;
	struct stat st;
	if (rc == 0 && (!o->resume || fstatat(o->dirfd, o->store, &st, AT_SYMLINK_NOFOLLOW) != 0))
		rc = new_store(cr);
	if (rc != 0) {
		ng_diag_add(d, NG_D_IO_WRITE, (ng_pos){o->outdir, 0, 0}, o->store,
		            ng_strerror(errno));
		ng_crypt_run_free(cr);
		return NULL;
	}
	return cr;
}

void ng_crypt_run_free(ng_crypt_run *cr)
{
	if (!cr)
		return;
	clear_entries(cr);
	free(cr->v);
	ng_password_free(cr->owner);
	free(cr);
}

const char *ng_crypt_run_owner(const ng_crypt_run *cr)
{
	return cr ? cr->owner : NULL;
}

/* ---- one row */

static int read_at(int dirfd, const char *name, ng_buf *out)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ng_buf_reset(out);
	char chunk[65536];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		ng_buf_add(out, chunk, (size_t)n);
	close(fd);
	return n < 0 ? -1 : 0;
}

/* The file is the letter this row's store entry describes. */
static bool kept(const ng_crypt_run *cr, const entry *e, const char *name, ng_buf *out)
{
	char sha[65];
	if (!e || read_at(cr->o.dirfd, name, out) != 0)
		return false;
	cr->o.sha256(out->data ? out->data : "", out->len, sha);
	return strcmp(sha, e->sha) == 0;
}

/* One write per line: appends from several workers do not interleave. */
static int store_append(const ng_crypt_run *cr, size_t row, const char *sha, const char *pw)
{
	char line[256];
	int len = snprintf(line, sizeof line, "%zu\t%s\t%s\n", row, sha, pw ? pw : "-");
	int fd = openat(cr->o.dirfd, cr->o.store, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	int ok = fd >= 0 && write(fd, line, (size_t)len) == len && fdatasync(fd) == 0;
	if (fd >= 0)
		ok = close(fd) == 0 && ok;
	ng_wipe(line, sizeof line);
	return ok ? 0 : -1;
}

/* The row's password: the list's, an earlier run's, or a new one in made.
 * *generated tells whether it belongs on the sheet. NULL after a
 * diagnostic. */
static const char *row_password(const ng_crypt_run *cr, const entry *e, ng_pos pos,
                                const ng_node *pw, char *made, bool *generated, ng_diags *d)
{
	*generated = !pw;
	if (pw) {
		const char *problem = pw->kind == NG_NODE_SCALAR ? ng_password_problem(pw->value)
		                                                 : N_("a password must be text");
		if (!problem)
			return pw->value;
		ng_diag_add(d, NG_D_BAD_VALUE, pw->pos, "password", ng_tr(problem));
		return NULL;
	}
	if (e && e->pw)
		return e->pw;
	if (cr->o.generate && ng_password_generate(made) == 0)
		return made;
	ng_diag *g =
	    ng_diag_add(d, NG_D_MISSING_FIELD, pos, "password", ng_tr("a client (--encrypt)"));
	ng_diag_hint(d, g, "%s",
	             ng_tr(cr->o.generate ? N_("the system gave no random data")
	                                  : N_("add a password (パスワード) column, or use "
	                                       "--generate-passwords")));
	return NULL;
}

int ng_crypt_row(ng_crypt_run *cr, size_t row, ng_pos pos, const ng_node *pw, const char *name,
                 const ng_buf *plain, ng_buf *out, ng_diags *d)
{
	const entry *e = find(cr, row);
	if (kept(cr, e, name, out))
		return 0;
	char made[NG_PASSWORD_GEN + 1] = "", err[512], sha[65];
	bool generated;
	const char *user = row_password(cr, e, pos, pw, made, &generated, d);
	int rc = -1;
	if (!user) {
		/* reported */
	} else if (ng_crypt_encrypt(plain, user, cr->owner, out, err, sizeof err) != 0) {
		ng_diag_add(d, NG_D_PDF, pos, err);
	} else {
		cr->o.sha256(out->data, out->len, sha);
		rc = store_append(cr, row, sha, generated ? user : NULL);
		if (rc != 0)
			ng_diag_add(d, NG_D_IO_WRITE, (ng_pos){cr->o.outdir, 0, 0}, cr->o.store,
			            ng_strerror(errno));
	}
	ng_wipe(made, sizeof made);
	return rc;
}

/* ---- the sheet */

/* A cell that a spreadsheet never runs as a formula (ng_buf_csv_cell);
 * generated passwords never start with one of those characters, so they
 * are written as they are. */
static void csv_field(ng_buf *b, const char *s, const char *end)
{
	ng_buf_csv_cell(b, s);
	ng_buf_adds(b, end);
}

static void sheet_csv(const ng_crypt_run *cr, const ng_sheet_row *rows, size_t n, ng_buf *b)
{
	/* A BOM so that Excel opens the UTF-8 file with the right encoding. */
	ng_buf_adds(b, "\xEF\xBB\xBFrow,id,name,file,password\r\n");
	for (size_t i = 0; i < n; i++) {
		const entry *e = find(cr, rows[i].row);
		if (!e || !e->pw)
			continue;
		ng_buf_printf(b, "%zu,", rows[i].row);
		csv_field(b, rows[i].id, ",");
		csv_field(b, rows[i].name, ",");
		csv_field(b, rows[i].file, ",");
		csv_field(b, e->pw, "\r\n");
	}
}

static int write_private(int dirfd, const char *name, const ng_buf *b)
{
	char tmp[256];
	snprintf(tmp, sizeof tmp, ".%s.tmp", name);
	int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	int ok = fchmod(fd, 0600) == 0 && write(fd, b->data, b->len) == (ssize_t)b->len &&
	         fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || renameat(dirfd, tmp, dirfd, name) != 0) {
		int err = errno;
		unlinkat(dirfd, tmp, 0);
		errno = err;
		return -1;
	}
	return 0;
}

int ng_crypt_sheet_write(ng_crypt_run *cr, const char *name, const ng_sheet_row *rows, size_t n)
{
	if (load_store(cr) != 0)
		return -1;
	ng_buf b = {0};
	sheet_csv(cr, rows, n, &b);
	int rc = write_private(cr->o.dirfd, name, &b);
	int err = errno;
	ng_wipe(b.data, b.cap);
	ng_buf_free(&b);
	errno = err;
	return rc;
}
