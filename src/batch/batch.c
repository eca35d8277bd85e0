/* batch.c — one letter per client row. The record, templates and fonts are
 * loaded once; rows are split over worker processes (row i goes to worker
 * i mod jobs, so the split never depends on timing); every letter is
 * written atomically with mode 0600 inside the output directory only; a
 * journal lets an interrupted run resume; the manifest accounts for every
 * row. With --encrypt, each letter is sealed with its row's password
 * (src/crypt) before it is written. */
#define _GNU_SOURCE /* realpath, renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../crypt/crypt.h"
#include "../postal/postal.h"
#include "batch_int.h"

#define STATE_DIR ".notice-gen"
/* A run's state files; each name gets the shard suffix, so that shards
 * sharing a directory keep their own. */
#define JOURNAL   "journal"   /* an unfinished run: one line per letter */
#define DONE      "done"      /* a finished run: its inputs and failures */
#define PASSWORDS "passwords" /* a run's generated passwords, 0600 */

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

typedef struct run {
	const ng_batch_opts *o;
	ng_diags *d;
	ng_engine *e;
	ng_arena *a;
	ng_rows rows;
	int dirfd;
	char fingerprint[65]; /* of the options, the record and the list */
	ng_list_sums sums;    /* the list's pieces, as the first reading saw them */
	ng_result *journal;   /* by row number - 1; row 0 when absent */
	int journal_fd;       /* open for appending, shared by the workers */
	ng_buf journal_out;   /* a worker's lines not yet written (journal_append) */
	size_t journal_lines; /* how many */
	int lock_fd;          /* holds the run's lock (lock_dir) */
	ng_clients_opts co;   /* how to read the list (every worker reads it again) */
	size_t nrows;         /* rows in the list */
	size_t ntodo;         /* rows this run (this shard) makes */
	const char *ext;
	pid_t workers[256];
	int nworkers;
	ng_crypt_run *crypt; /* with --encrypt */
	ng_buf sealed;       /* a worker's encrypted letter */
	ng_sha_prefix *sha;  /* a worker's letters' common beginning, hashed */
	bool finished;       /* --resume of a run that finished: nothing to do */
	bool had_journal;    /* an unfinished run was found */
	size_t done_failed;  /* that run's failed rows */
	size_t stop_after;   /* test hook: the run is killed after so many letters */
	size_t written;      /* letters this worker wrote */
	int stop_signal;     /* test hook: the signal it gets */
	size_t enospc_after; /* test hook: the disk is full after so many letters */
	bool short_written;  /* test hook: the short write was made */
	bool disk_full;      /* a write found the disk full */
	bool no_noreplace;   /* the file system has no RENAME_NOREPLACE */
	pid_t pid;           /* this worker's (temporary names), asked once */
} run;

static const char *shard_suffix(run *r);

/* DIR/.notice-gen/WHAT plus the shard suffix. */
static const char *state_path(run *r, const char *what)
{
	return ng_aprintf(r->a, "%s/%s%s", STATE_DIR, what, shard_suffix(r));
}

static ng_status fail(run *r, ng_dcode code, const char *a, const char *b)
{
	ng_diag_add(r->d, code, (ng_pos){r->o->outdir, 0, 0}, a, b);
	return code == NG_D_IO_WRITE || code == NG_D_IO_READ ? NG_ERR_IO : NG_ERR_USAGE;
}

/* ---- the output directory: created when missing, never a symlink */

static ng_status open_outdir(run *r)
{
	const char *dir = r->o->outdir;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return fail(r, NG_D_IO_WRITE, dir, ng_strerror(errno));
	r->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (r->dirfd < 0) {
		ng_diag *g =
		    ng_diag_add(r->d, NG_D_IO_WRITE, (ng_pos){dir, 0, 0}, dir,
		                errno == ELOOP ? ng_tr("is a symbolic link") : ng_strerror(errno));
		ng_diag_hint(r->d, g, "give the real directory, not a link to it");
		return NG_ERR_IO;
	}
	if (mkdirat(r->dirfd, STATE_DIR, 0700) != 0 && errno != EEXIST)
		return fail(r, NG_D_IO_WRITE, STATE_DIR, ng_strerror(errno));
	return NG_OK;
}

static bool selected(const run *r, size_t number);

/* Whether a temporary file (".000012-NAME.pdf.tmp.PID") is of a row this
 * run makes: only those are stale (this run holds the lock for its rows);
 * another shard's are in use. */
static bool own_temp(const run *r, const char *name)
{
	char *end;
	size_t row = strtoul(name + 1, &end, 10);
	return name[0] == '.' && strstr(name, ".tmp.") && end != name + 1 && *end == '-' && row &&
	       selected(r, row);
}

/* Temporary files a killed run of the same rows may have left. */
static void remove_stale_temps(run *r)
{
	int fd = dup(r->dirfd);
	DIR *dh = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dh) {
		if (fd >= 0)
			close(fd);
		return;
	}
	for (struct dirent *e; (e = readdir(dh));)
		if (own_temp(r, e->d_name))
			unlinkat(r->dirfd, e->d_name, 0);
	closedir(dh);
}

/* ---- one run at a time: a POSIX record lock on DIR/.notice-gen/lock,
 * the whole file for a run, byte K for shard K (so that shards share a
 * directory). The kernel drops it when the run ends, however it ends, and
 * tells a second run the first one's pid. The file is never removed (a
 * removed lock file would let two runs lock two different files). */
static ng_status lock_dir(run *r)
{
	r->lock_fd =
	    openat(r->dirfd, STATE_DIR "/lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (r->lock_fd < 0)
		return fail(r, NG_D_IO_WRITE, STATE_DIR "/lock", ng_strerror(errno));
	struct flock fl = {.l_type = F_WRLCK,
	                   .l_whence = SEEK_SET,
	                   .l_start = r->o->shard_n ? r->o->shard_k : 0,
	                   .l_len = r->o->shard_n ? 1 : 0};
	if (fcntl(r->lock_fd, F_SETLK, &fl) == 0)
		return NG_OK;
	if (errno != EACCES && errno != EAGAIN)
		return fail(r, NG_D_IO_WRITE, STATE_DIR "/lock", ng_strerror(errno));
	long pid = fcntl(r->lock_fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK ? fl.l_pid : 0;
	ng_diag *g =
	    ng_diag_add(r->d, NG_D_BATCH_BUSY, (ng_pos){r->o->outdir, 0, 0}, r->o->outdir, pid);
	ng_diag_hint(r->d, g,
	             "wait until it ends (or stop it), then run again; shards of one run "
	             "(--shard K/N) may write into one directory at once");
	return NG_ERR_IO;
}

/* ---- inputs' fingerprint: a journal is only resumed for the same inputs */

static void add_file_hash(const char *path, ng_buf *b)
{
	char hex[65] = "-";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && ng_sha256_fd(fd, hex) != 0)
		strcpy(hex, "-");
	if (fd >= 0)
		close(fd);
	ng_buf_printf(b, "%s %s\n", path, hex);
}

static void fingerprint(run *r)
{
	ng_buf b = {0};
	ng_buf_printf(&b, "notice-gen %s %s %s %d %d %d%s\n", NG_VERSION,
	              r->o->templ ? r->o->templ : "", r->ext, (int)r->o->format, r->o->encrypt,
	              r->o->generate_passwords, r->o->pdfa ? " pdfa" : "");
	add_file_hash(r->o->input, &b);
	/* The list as the first reading saw it (every later reading is
	 * compared with it piece by piece), wherever it lies now. */
	ng_buf_printf(&b, "list %s\n", r->sums.sha256);
	ng_sha256_hex(b.data, b.len, r->fingerprint);
	ng_buf_free(&b);
}

/* ---- the journal: one line per finished letter, appended after its
 * file is in place */

/* The head of a journal or DONE: "# input FINGERPRINT" and "# list SUMS".
 * NULL when the inputs are this run's, else what changed. */
static const char *inputs_changed(run *r, FILE *f)
{
	char line[256];
	bool same = fgets(line, sizeof line, f) && strncmp(line, "# input ", 8) == 0 &&
	            strncmp(line + 8, r->fingerprint, 64) == 0;
	bool list = fgets(line, sizeof line, f) && strncmp(line, "# list ", 7) == 0 &&
	            strncmp(line + 7, r->sums.sha256, 64) == 0;
	return same    ? NULL
	       : !list ? N_("the client list differs from the one that run read (its size or "
	                    "content)")
	               : N_("the record or the options differ from that run's");
}

static void write_head(run *r, ng_buf *b)
{
	ng_buf_printf(b, "# input %s\n# list %s\n", r->fingerprint, r->sums.sha256);
}

static ng_status read_journal(run *r, int fd)
{
	FILE *f = fdopen(fd, "r");
	char line[8192];
	const char *changed = inputs_changed(r, f);
	if (!r->o->resume && !r->o->force) {
		fclose(f);
		ng_diag *g = ng_diag_add(r->d, NG_D_IO_WRITE, (ng_pos){r->o->outdir, 0, 0},
		                         r->o->outdir, ng_tr("holds an unfinished earlier run"));
		ng_diag_hint(r->d, g, "--resume finishes it; --force starts again");
		return NG_ERR_USAGE;
	}
	if (r->o->resume && changed) {
		fclose(f);
		ng_diag *g = ng_diag_add(r->d, NG_D_BAD_VALUE, (ng_pos){r->o->outdir, 0, 0},
		                         ng_tr("--resume of the interrupted run"), ng_tr(changed));
		ng_diag_hint(r->d, g,
		             "resume with the same record, list and options, or run again with "
		             "--force to start over");
		return NG_ERR_USAGE;
	}
	/* Only a run that resumes keeps a record per row of what was done. */
	if (r->o->resume)
		r->journal = ng_alloc(r->a, (r->nrows + 1) * sizeof *r->journal);
	while (r->o->resume && fgets(line, sizeof line, f)) {
		ng_result res;
		if (ng_result_parse(line, r->a, &res) == 0 && res.row <= r->nrows)
			r->journal[res.row - 1] = res;
	}
	fclose(f);
	return NG_OK;
}

/* A run that finished left DONE ("# input FINGERPRINT", "failed N"):
 * --resume of the same inputs has nothing to do; any other run but
 * --force is refused before it touches the finished run's files. */
static ng_status read_done(run *r)
{
	int fd = openat(r->dirfd, state_path(r, DONE), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || r->o->force) {
		if (fd >= 0)
			close(fd);
		return NG_OK;
	}
	FILE *f = fdopen(fd, "r");
	char line[256];
	const char *changed = inputs_changed(r, f);
	unsigned long failed = 0;
	if (fgets(line, sizeof line, f))
		sscanf(line, "failed %lu", &failed);
	fclose(f);
	if (r->o->resume && !changed) {
		r->finished = true;
		r->done_failed = failed;
		return NG_OK;
	}
	ng_diag *g =
	    ng_diag_add(r->d, NG_D_BAD_VALUE, (ng_pos){r->o->outdir, 0, 0},
	                r->o->resume ? ng_tr("--resume of the finished run") : r->o->outdir,
	                r->o->resume ? ng_tr(changed) : ng_tr("holds a finished run"));
	ng_diag_hint(r->d, g,
	             "give a new directory, or --force to replace that run's letters, "
	             "manifests and password sheet");
	return NG_ERR_USAGE;
}

static ng_status read_state(run *r)
{
	int fd = openat(r->dirfd, state_path(r, JOURNAL), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	r->had_journal = fd >= 0;
	return fd >= 0 ? read_journal(r, fd) : read_done(r);
}

static ng_status start_journal(run *r)
{
	const char *path = state_path(r, JOURNAL);
	if (r->o->resume) {
		int fd = openat(r->dirfd, path, O_RDONLY | O_NOFOLLOW);
		if (fd >= 0) {
			close(fd);
			return NG_OK;
		}
	}
	/* The run is no longer the finished one (--force). */
	unlinkat(r->dirfd, state_path(r, DONE), 0);
	int fd = openat(r->dirfd, path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return fail(r, NG_D_IO_WRITE, path, ng_strerror(errno));
	ng_buf head = {0};
	write_head(r, &head);
	int ok = write(fd, head.data, head.len) == (ssize_t)head.len && fsync(fd) == 0;
	ng_buf_free(&head);
	close(fd);
	return ok ? NG_OK : fail(r, NG_D_IO_WRITE, path, ng_strerror(errno));
}

static ng_status open_journal(run *r)
{
	const char *path = state_path(r, JOURNAL);
	r->journal_fd = openat(r->dirfd, path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	return r->journal_fd >= 0 ? NG_OK : fail(r, NG_D_IO_WRITE, path, ng_strerror(errno));
}

/* A worker's journal lines go out JOURNAL_EVERY letters at a time, in
 * one write through O_APPEND: appends of whole lines from several workers
 * do not interleave. A letter in place whose line was not written (a
 * killed run: at most JOURNAL_EVERY - 1 per worker) is rendered again by
 * --resume and kept when its bytes are the file's (already_written):
 * letters are deterministic. A sealed letter is not (qpdf's random key
 * and salts), so its line is written at once. No fsync: a killed process
 * loses nothing the kernel has, and after a power cut --resume compares
 * a letter's bytes before keeping it. */
enum { JOURNAL_EVERY = 64 };

static void journal_flush(run *r)
{
	if (!r->journal_out.len)
		return;
	ssize_t n = write(r->journal_fd, r->journal_out.data, r->journal_out.len);
	(void)n; /* a lost journal line costs only a re-render on --resume */
	ng_buf_reset(&r->journal_out);
	r->journal_lines = 0;
}

/* line: a result's line (ng_result_line), n bytes. */
static void journal_append(run *r, const char *line, size_t n)
{
	ng_buf_add(&r->journal_out, line, n);
	if (r->crypt || ++r->journal_lines >= JOURNAL_EVERY)
		journal_flush(r);
}

/* Test hook (NG_TEST_STOP_AFTER=N[:SIGNAL]): after a worker's N-th letter
 * is in place (its journal line written with its JOURNAL_EVERY, or at
 * once when sealed), the run gets SIGNAL (KILL when not given):
 * with KILL the whole run dies as under kill -9 (the other workers follow
 * their parent); with INT, TERM or HUP the worker stops as a Ctrl-C to
 * the process group would stop it, and the parent is told as by kill;
 * with STOP the run is frozen, holding its lock, until a SIGCONT; with
 * ABRT the run crashes (the crash report's test).
 * Tests of --resume and of signals so stop at a point they choose instead
 * of after a guessed time. */
typedef struct stop_signal {
	const char *name;
	int sig;
} stop_signal;

static const stop_signal stop_signals[] = {{"KILL", SIGKILL}, {"INT", SIGINT},   {"TERM", SIGTERM},
                                           {"HUP", SIGHUP},   {"STOP", SIGSTOP}, {"ABRT", SIGABRT}};

static void test_stop_parse(run *r, const char *s)
{
	char *end;
	r->stop_after = s ? strtoul(s, &end, 10) : 0;
	r->stop_signal = SIGKILL;
	for (size_t i = 0; s && *end == ':' && i < NG_ARRAY_LEN(stop_signals); i++)
		if (strcmp(end + 1, stop_signals[i].name) == 0)
			r->stop_signal = stop_signals[i].sig;
}

static void test_stop(run *r)
{
	if (!r->stop_after || r->written != r->stop_after)
		return;
	kill(getppid(), r->stop_signal);
	if (r->stop_signal == SIGKILL || r->stop_signal == SIGSTOP || r->stop_signal == SIGABRT)
		raise(r->stop_signal);
	else
		interrupted = 1;
}

/* ---- one row */

static const char *row_text(const ng_row *row, const char *key)
{
	const ng_node *v = ng_node_get(row->map, key);
	return v && v->kind == NG_NODE_SCALAR ? v->value : NULL;
}

/* The first error of a row, for the manifest. */
static const char *first_error(ng_arena *a, const ng_diags *d)
{
	for (size_t i = 0; i < ng_diags_count(d); i++) {
		const ng_diag *g = ng_diags_get(d, i);
		if (g->severity == NG_SEV_ERROR)
			return ng_aprintf(a, "%d:%d: %s", g->line, g->col, g->message);
	}
	return NULL;
}

static int file_sha(run *r, const char *name, char hex[65])
{
	int fd = openat(r->dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = ng_sha256_fd(fd, hex);
	close(fd);
	return rc;
}

/* A finished letter from the journal whose file is still intact. */
static bool resumable(run *r, const ng_result *j, ng_result *res)
{
	char hex[65];
	if (!j || !j->row || !j->file || strcmp(j->file, res->file) != 0)
		return false;
	if (file_sha(r, j->file, hex) != 0 || strcmp(hex, j->sha256) != 0)
		return false;
	*res = *j;
	return true;
}

/* A letter's first bytes when kept apart from its buffer (n 0: none). */
typedef struct piece {
	const unsigned char *p;
	size_t n;
} piece;

/* With --resume, a letter already there with exactly the bytes this run
 * makes is kept (a run killed after the rename but before its journal
 * line). */
static bool already_written(run *r, const char *name, const piece *head, const ng_buf *bytes)
{
	char have[65], want[65];
	if (!r->o->resume || file_sha(r, name, have) != 0)
		return false;
	ng_sha256_hex2(head->p, head->n, bytes->data, bytes->len, want);
	return strcmp(have, want) == 0;
}

/* Test hook (NG_TEST_ENOSPC_AFTER=N): a worker's letter after its N-th
 * is cut short and the next write fails with ENOSPC, as on a full disk. */
static ssize_t write_some(run *r, int fd, const char *p, size_t n)
{
	if (!r || !r->enospc_after || r->written < r->enospc_after)
		return write(fd, p, n);
	if (!r->short_written && n > 1) {
		r->short_written = true;
		return write(fd, p, n / 2);
	}
	errno = ENOSPC;
	return -1;
}

/* All of p, through short writes; 0 or the errno of the write that
 * failed (never a stale one). r: a letter's write (the test hook). */
static int write_all(run *r, int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write_some(r, fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : EIO;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The disk is full: this worker stops after this row, and the parent,
 * told as by Ctrl-C, stops the others; the run ends saying so. */
static void disk_full(run *r)
{
	if (!r->disk_full)
		kill(getppid(), SIGINT);
	r->disk_full = true;
}

/* head then p (n bytes) in one writev where it can, through short
 * writes; 0 or an errno. The test hook's short writes go piece by piece. */
static int write_two(run *r, int fd, const piece *head, const char *p, size_t n)
{
	if (head->n == 0)
		return write_all(r, fd, p, n);
	struct iovec v[2] = {{(void *)head->p, head->n}, {(void *)p, n}};
	size_t left = head->n + n;
	while (!r->enospc_after && left) {
		ssize_t w = writev(fd, v[0].iov_len ? v : v + 1, v[0].iov_len ? 2 : 1);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : EIO;
		left -= (size_t)w;
		for (int i = 0; i < 2 && w; i++) {
			size_t k = (size_t)w < v[i].iov_len ? (size_t)w : v[i].iov_len;
			v[i].iov_base = (char *)v[i].iov_base + k;
			v[i].iov_len -= k;
			w -= (ssize_t)k;
		}
	}
	if (!r->enospc_after)
		return 0;
	int err = write_all(r, fd, (const char *)head->p, head->n);
	return err ? err : write_all(r, fd, p, n);
}

/* The finished temporary file becomes the letter; 0 or an errno (EEXIST:
 * a file of that name is there, left as it was). Without --force the
 * kernel refuses to replace one (RENAME_NOREPLACE: no look-up before, no
 * window between a look-up and the rename); a file system without it
 * gets the look-up, then a plain rename. */
static int put_in_place(run *r, const char *tmp, const char *name)
{
	if (r->o->force)
		return renameat(r->dirfd, tmp, r->dirfd, name) == 0 ? 0 : errno;
	if (!r->no_noreplace) {
		if (renameat2(r->dirfd, tmp, r->dirfd, name, RENAME_NOREPLACE) == 0)
			return 0;
		if (errno != EINVAL && errno != ENOSYS)
			return errno;
		r->no_noreplace = true;
	}
	struct stat st;
	if (fstatat(r->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
		return EEXIST;
	return renameat(r->dirfd, tmp, r->dirfd, name) == 0 ? 0 : errno;
}

static int write_letter(run *r, const char *name, const piece *head, const ng_buf *bytes,
                        ng_diags *d)
{
	if (already_written(r, name, head, bytes))
		return 0;
	char tmp[512];
	snprintf(tmp, sizeof tmp, ".%s.tmp.%ld", name, (long)r->pid);
	int fd = openat(r->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int err = fd < 0 ? errno : write_two(r, fd, head, bytes->data, bytes->len);
	if (fd >= 0 && close(fd) != 0 && !err)
		err = errno;
	if (!err)
		err = put_in_place(r, tmp, name);
	if (!err)
		return 0;
	unlinkat(r->dirfd, tmp, 0);
	ng_diag *g = ng_diag_add(d, NG_D_IO_WRITE, (ng_pos){r->o->outdir, 0, 0}, name,
	                         err == EEXIST ? ng_tr("already exists") : ng_strerror(err));
	if (err == EEXIST)
		ng_diag_hint(d, g, "--force replaces letters; --resume keeps finished ones");
	if (err == ENOSPC || err == EDQUOT)
		disk_full(r);
	return -1;
}

/* A template column names a built-in template, or a file under the
 * record's folder (or --template-dir): a relative path without "..",
 * whose real path (links followed) stays under that folder. Anything else
 * is refused at the row's cell without being opened, so a list cannot
 * make a letter of another office's template or probe /etc. NULL after
 * adding the diagnostic. */
static const char *row_template(run *r, const ng_node *cell, ng_arena *a, ng_diags *d)
{
	const char *v = cell->value;
	size_t n = strlen(v);
	bool path = strchr(v, '/') || (n > 5 && strcmp(v + n - 5, ".tmpl") == 0);
	if (!path && *v && v[0] != '.')
		return v; /* a built-in name */
	const char *base = r->o->template_dir;
	if (!base) {
		const char *slash = strrchr(r->o->input, '/');
		base = slash ? ng_strndup(a, r->o->input, (size_t)(slash - r->o->input)) : ".";
	}
	bool ok = *v && v[0] != '/' && strcmp(v, "..") && strncmp(v, "../", 3) &&
	          !strstr(v, "/../") && !(n >= 3 && strcmp(v + n - 3, "/..") == 0);
	const char *full = ng_aprintf(a, "%s/%s", base, v);
	char *real_base = ok ? realpath(base, NULL) : NULL, *real = NULL;
	ok = ok && real_base;
	if (ok && (real = realpath(full, NULL)) != NULL) {
		size_t bl = strlen(real_base);
		ok = strncmp(real, real_base, bl) == 0 && real[bl] == '/';
	} else if (ok) {
		ok = errno == ENOENT; /* reported as a missing file under the folder */
	}
	free(real_base);
	free(real);
	if (ok)
		return full;
	ng_diag *g =
	    ng_diag_add(d, NG_D_BAD_VALUE, cell->pos, "template",
	                ng_tr("not a built-in template nor a file under the record's folder "
	                      "(or --template-dir)"));
	ng_diag_hint(d, g,
	             "name a built-in template (notice-gen templates), or a path relative to "
	             "%s",
	             base);
	return NULL;
}

static ng_status render_row(run *r, ng_row *row, ng_letter_out *out, ng_result *res, ng_arena *a,
                            ng_diags *d)
{
	const ng_node *cell = ng_node_get(row->map, "template");
	const char *tname = NULL;
	if (cell && cell->kind == NG_NODE_SCALAR && !(tname = row_template(r, cell, a, d)))
		return NG_ERR_INPUT;
	ng_letter_in in = {.templ = ng_engine_template(r->e, tname ? tname : r->o->templ, d),
	                   .root = ng_batch_view(a, ng_engine_record(r->e), row, d),
	                   .format = r->o->format,
	                   .pdfa = r->o->pdfa,
	                   /* Plain letters are written (writev) and hashed in two
	                    * pieces; a sealed one is made of the whole. */
	                   .head_apart = !r->crypt};
	if (!in.templ || !in.root)
		return NG_ERR_INPUT;
	res->templ = ng_template_name(in.templ);
	ng_status st = ng_engine_letter(r->e, &in, out, d);
	if (st == NG_OK && ng_diags_errors(d))
		st = NG_ERR_INPUT;
	return st;
}

/* The plain letter's hash (deterministic, for the manifest); then, with
 * --encrypt, *bytes becomes the letter sealed with the row's password. */
static int seal(run *r, const ng_row *row, const ng_node *pw, ng_result *res,
                const ng_letter_out *out, const ng_buf **bytes, ng_diags *d)
{
	if (!r->sha)
		r->sha = ng_sha_prefix_new();
	if (out->head)
		ng_sha256_split(r->sha, out->head, out->head_len, out->bytes.data, out->bytes.len,
		                out->shared_id, res->plain_sha256);
	else
		ng_sha256_prefixed(r->sha, out->bytes.data, out->bytes.len, out->shared,
		                   out->shared_id, res->plain_sha256);
	if (!r->crypt)
		return 0;
	*bytes = &r->sealed;
	return ng_crypt_row(r->crypt, row->number, row->pos, pw, res->file, &out->bytes, &r->sealed,
	                    d);
}

static void do_row(run *r, ng_row *row, ng_arena *a, ng_letter_out *out, ng_buf *results)
{
	size_t idx = row->number - 1;
	ng_diags *d = ng_diags_new();
	ng_result res = {.row = row->number, .status = NG_ROW_FAILED};
	bool valid = ng_clients_check_row(row, a, d) == 0;
	res.name = row_text(row, "name");
	res.id = row_text(row, "id");
	res.postcode = row_text(row, "postcode");
	res.address = row_text(row, "address");
	res.address2 = row_text(row, "address2");
	res.file = ng_batch_file_name(a, row->number, res.name, r->ext);
	/* Taken out of the row: no template can print a password. */
	const ng_node *pw = ng_password_take(row->map);
	const ng_buf *bytes = &out->bytes;
	piece head = {0};
	bool written = false; /* a letter made and put in place now */
	if (!valid) {
		res.diag = first_error(a, d);
	} else if (!resumable(r, r->journal ? &r->journal[idx] : NULL, &res)) {
		bool made = render_row(r, row, out, &res, a, d) == NG_OK &&
		            seal(r, row, pw, &res, out, &bytes, d) == 0;
		if (made && bytes == &out->bytes) /* plain: its head may be apart */
			head = (piece){out->head, out->head_len};
		if (made && write_letter(r, res.file, &head, bytes, d) == 0) {
			res.status = NG_ROW_OK;
			res.pages = out->pages;
			res.bytes = head.n + bytes->len;
			/* Unencrypted, the file is the plain letter: one hash. */
			if (bytes == &out->bytes)
				memcpy(res.sha256, res.plain_sha256, sizeof res.sha256);
			else
				ng_sha256_hex(bytes->data, bytes->len, res.sha256);
			written = true;
		} else {
			res.diag = first_error(a, d);
		}
	}
	if (res.status == NG_ROW_FAILED) {
		res.file = NULL;
		res.plain_sha256[0] = '\0';
	}
	size_t at = results->len;
	ng_result_line(&res, results);
	if (written) { /* the journal's line is the part's: made once */
		journal_append(r, results->data + at, results->len - at);
		r->written++;
		test_stop(r);
	}
	for (size_t i = 0; i < ng_diags_count(d); i++)
		ng_diag_line(row->number, ng_diags_get(d, i), results);
	ng_diags_free(d);
}

/* ---- workers */

/* Whether this run (shard) makes the row. */
static bool selected(const run *r, size_t number)
{
	const ng_batch_opts *o = r->o;
	return !o->shard_n || (number - 1) % (size_t)o->shard_n == (size_t)(o->shard_k - 1);
}

typedef struct work {
	run *r;
	int k, jobs, part_fd, progress_fd;
	size_t seen; /* selected rows so far */
	ng_letter_out out;
	ng_buf results;
} work;

/* The rows' lines go to the worker's part file once at_least bytes have
 * gathered (PART_EVERY while it works, everything at its end): the parent
 * reads the part only after the worker is done, so fewer, larger writes
 * lose nothing. 0, or 1 when the write failed. */
enum { PART_EVERY = 64 * 1024 };

static int part_flush(work *w, size_t at_least)
{
	if (!w->results.len || w->results.len < at_least)
		return 0;
	int err = write_all(NULL, w->part_fd, w->results.data, w->results.len);
	ng_buf_reset(&w->results);
	if (err == ENOSPC || err == EDQUOT)
		disk_full(w->r);
	return err != 0;
}

/* The k-th worker makes the selected rows i with i mod jobs = k: the split
 * depends on the list alone, never on timing. */
static int work_row(void *ctx, ng_row *row, ng_arena *a)
{
	work *w = ctx;
	if (interrupted)
		return 1;
	if (!selected(w->r, row->number) || w->seen++ % (size_t)w->jobs != (size_t)w->k)
		return 0;
	do_row(w->r, row, a, &w->out, &w->results);
	if (part_flush(w, PART_EVERY) || w->r->disk_full)
		return 1;
	if (w->progress_fd >= 0 && write(w->progress_fd, "", 1) < 0)
		w->progress_fd = -1;
	return 0;
}

/* A worker's exit status when the list is not what the parent read. */
enum { WORKER_LIST_CHANGED = 10, WORKER_DISK_FULL = 11 };

static void worker(run *r, int k, int jobs, int part_fd, int progress_fd)
{
	work w = {.r = r, .k = k, .jobs = jobs, .part_fd = part_fd, .progress_fd = progress_fd};
	r->pid = getpid();
	/* The parent read the list and reported its problems already. */
	ng_diags *quiet = ng_diags_new();
	size_t n;
	ng_clients_scan(&r->co, r->a, work_row, &w, &n, quiet);
	ng_diags_free(quiet);
	/* Whatever stopped the worker, the rows it made are told. */
	part_flush(&w, 0);
	journal_flush(r);
	if (r->sums.changed)
		_exit(WORKER_LIST_CHANGED);
	if (r->disk_full)
		_exit(WORKER_DISK_FULL);
	ng_buf_free(&w.results);
	ng_buf_free(&r->journal_out);
	ng_buf_free(&w.out.bytes);
	ng_buf_free(&r->sealed);
	ng_sha_prefix_free(r->sha);
	r->sha = NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_progress(size_t done, size_t total, double start)
{
	double t = now() - start, rate = t > 0 ? (double)done / t : 0;
	double eta = rate > 0 ? (double)(total - done) / rate : 0;
	fputc('\r', stderr);
	fprintf(stderr, ng_tr("  %zu/%zu letters  %.0f/s  ETA %.0fs   "), done, total, rate, eta);
	if (done == total)
		fputc('\n', stderr);
}

/* Reads the workers' progress (a byte per letter when shown) until they
 * all close the pipe; a signal interrupts the read, to be passed on. */
static void follow_progress(run *r, int fd, bool shown)
{
	double start = now();
	size_t done = 0;
	char buf[256];
	ssize_t n;
	bool forwarded = false;
	while ((n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)) {
		if (n > 0)
			done += (size_t)n;
		if (interrupted && !forwarded) {
			/* Ctrl-C reaches the whole process group, but a kill
			 * -INT reaches only this process: pass it on, so every
			 * worker stops after the letter it is writing. */
			for (int k = 0; k < r->nworkers; k++)
				kill(r->workers[k], SIGINT);
			forwarded = true;
		}
		if (shown)
			show_progress(done, r->ntodo, start);
	}
}

/* A worker's results; shards sharing a directory each have their own. */
static const char *part_name(run *r, int k)
{
	return state_path(r, ng_aprintf(r->a, "part-%d", k));
}

static int part_fd(run *r, int k, int flags)
{
	return openat(r->dirfd, part_name(r, k), flags | O_NOFOLLOW | O_CLOEXEC, 0600);
}

static ng_status run_workers(run *r, int jobs)
{
	/* Without a progress line, workers send no byte per letter: the
	 * parent then sleeps until they are done instead of waking for each
	 * letter. */
	bool shown = r->o->progress && isatty(2);
	int pipefd[2];
	if (pipe(pipefd) != 0)
		return fail(r, NG_D_IO_WRITE, "pipe", ng_strerror(errno));
	for (int k = 0; k < jobs; k++) {
		int fd = part_fd(r, k, O_WRONLY | O_CREAT | O_TRUNC);
		pid_t pid = fd < 0 ? -1 : fork();
		if (pid == 0) {
			/* A worker dies with its parent, so that a killed run
			 * leaves no orphan writing letters. */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() == 1)
				_exit(1);
			close(pipefd[0]);
			worker(r, k, jobs, fd, shown ? pipefd[1] : -1);
			_exit(0);
		}
		if (fd >= 0)
			close(fd);
		if (pid > 0 && r->nworkers < (int)NG_ARRAY_LEN(r->workers))
			r->workers[r->nworkers++] = pid;
		if (pid < 0) {
			close(pipefd[1]);
			return fail(r, NG_D_IO_WRITE, "worker", ng_strerror(errno));
		}
	}
	close(pipefd[1]);
	follow_progress(r, pipefd[0], shown);
	close(pipefd[0]);
	int failed = 0, changed = 0, status;
	while (wait(&status) > 0) {
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		changed |= code == WORKER_LIST_CHANGED;
		r->disk_full |= code == WORKER_DISK_FULL;
		failed |= code != 0 && code != WORKER_DISK_FULL;
	}
	/* The workers stopped before a row of the changed list. */
	if (changed) {
		ng_clients_report_changed(&r->co, r->d);
		return NG_ERR_IO;
	}
	return failed ? fail(r, NG_D_INTERNAL, ng_tr("a worker process died"), NULL) : NG_OK;
}

/* ---- results */

/* What the workers made, read back in row order. Each worker's part file
 * is in row order already (a worker takes its rows in list order), so a
 * merge of the parts streams every row to the manifest without holding
 * them; only --merge and --generate-passwords keep a compact list. */
typedef struct collected {
	ng_result *v; /* kept rows (--merge, --generate-passwords) */
	size_t nv, capv;
	size_t n, failed;
	ng_manifest *m;
} collected;

typedef struct part {
	FILE *f;
	char *line;
	size_t cap;
	bool have; /* res holds the part's next result */
	ng_result res;
	ng_arena *a; /* the current result's strings */
} part;

/* Reads the part's next result line (diagnostic lines before it belong
 * to the result just consumed and go to diags). */
static void part_next(run *r, part *p)
{
	p->have = false;
	while (p->f && getline(&p->line, &p->cap, p->f) > 0) {
		if (p->line[0] == 'D') {
			ng_diag g;
			if (ng_diag_parse(p->line, p->a, &g) == 0)
				ng_diag_copy(r->d, &g);
		} else if (p->line[0] == 'R') {
			ng_arena_reset(p->a);
			if (ng_result_parse(p->line, p->a, &p->res) == 0) {
				p->have = true;
				return;
			}
		}
	}
}

static const char *keep(run *r, const char *s)
{
	return s ? ng_strdup(r->a, s) : NULL;
}

static void take(run *r, collected *c, const ng_result *res)
{
	c->n++;
	c->failed += res->status == NG_ROW_FAILED;
	ng_manifest_add(c->m, res);
	if (!r->o->merge && !r->o->generate_passwords)
		return;
	c->v = ng_agrow(r->a, c->v, sizeof *c->v, &c->capv, c->nv + 1);
	ng_result *k = &c->v[c->nv++];
	*k = *res;
	k->id = keep(r, res->id);
	k->name = keep(r, res->name);
	k->file = keep(r, res->file);
	k->postcode = keep(r, res->postcode);
	k->address = keep(r, res->address);
	k->address2 = keep(r, res->address2);
	k->templ = k->diag = NULL;
}

static void collect(run *r, int jobs, collected *c)
{
	c->m = ng_manifest_open(r->dirfd, shard_suffix(r));
	part *ps = ng_alloc(r->a, (size_t)jobs * sizeof *ps);
	for (int k = 0; k < jobs; k++) {
		int fd = part_fd(r, k, O_RDONLY);
		ps[k].f = fd >= 0 ? fdopen(fd, "r") : NULL;
		ps[k].a = ng_arena_new();
		part_next(r, &ps[k]);
	}
	for (;;) {
		part *min = NULL;
		for (int k = 0; k < jobs; k++)
			if (ps[k].have && (!min || ps[k].res.row < min->res.row))
				min = &ps[k];
		if (!min)
			break;
		take(r, c, &min->res);
		part_next(r, min); /* its diagnostics follow it */
	}
	for (int k = 0; k < jobs; k++) {
		if (ps[k].f)
			fclose(ps[k].f);
		free(ps[k].line);
		ng_arena_free(ps[k].a);
		unlinkat(r->dirfd, part_name(r, k), 0);
	}
}

/* ---- merge and the mail-house list */

static ng_status merge(run *r, const collected *c)
{
	const char **files = ng_alloc(r->a, (c->nv + 1) * sizeof *files);
	size_t n = 0;
	for (size_t i = 0; i < c->nv; i++)
		if (c->v[i].status != NG_ROW_FAILED && c->v[i].file)
			files[n++] = ng_aprintf(r->a, "%s/%s", r->o->outdir, c->v[i].file);
	char err[128];
	const char *pw = ng_crypt_run_owner(r->crypt); /* NULL: not encrypted */
	if (n && ng_crypt_merge(r->o->merge, files, n, pw, err, sizeof err) != 0)
		return fail(r, NG_D_IO_WRITE, r->o->merge, err);
	const char *dot = strrchr(r->o->merge, '.');
	size_t base = dot ? (size_t)(dot - r->o->merge) : strlen(r->o->merge);
	char *csv = ng_aprintf(r->a, "%.*s.csv", (int)base, r->o->merge);
	if (ng_mailing_write(csv, c->v, c->nv) != 0)
		return fail(r, NG_D_IO_WRITE, csv, ng_strerror(errno));
	return NG_OK;
}

/* The print file and its mail-house list are checked before the first
 * letter: neither may be a link or a device, and their directory must
 * take a new file (a temporary one is made and removed), so that a bad
 * --merge fails at once, not after every letter. */
static ng_status check_merge(run *r)
{
	const char *m = r->o->merge;
	const char *dot = strrchr(m, '.'), *slash = strrchr(m, '/');
	size_t base = dot && (!slash || dot > slash) ? (size_t)(dot - m) : strlen(m);
	const char *paths[] = {m, ng_aprintf(r->a, "%.*s.csv", (int)base, m)};
	for (size_t i = 0; i < NG_ARRAY_LEN(paths); i++) {
		const char *bad = ng_output_problem(paths[i]);
		if (bad) {
			ng_diag *g = ng_diag_add(r->d, NG_D_IO_WRITE, (ng_pos){paths[i], 0, 0},
			                         paths[i], ng_tr(bad));
			ng_diag_hint(r->d, g, "--merge needs the name of a file to write");
			return NG_ERR_IO;
		}
	}
	char *probe = ng_aprintf(r->a, "%.*s.probeXXXXXX", (int)(slash ? slash - m + 1 : 0), m);
	int fd = mkstemp(probe);
	if (fd < 0)
		return fail(r, NG_D_IO_WRITE, m, ng_strerror(errno));
	close(fd);
	unlink(probe);
	return NG_OK;
}

/* ---- the run */

static ng_status check_opts(const ng_batch_opts *o, ng_diags *d)
{
	const char *bad =
	    !o->clients  ? N_("no client list given (--clients LIST)")
	    : !o->outdir ? N_("no output directory given (-o DIR)")
	    : strcmp(o->outdir, "-") == 0
	        ? N_("-o names the directory the letters go into; standard output (-) cannot "
	             "hold them")
	    : o->jobs < 0 ? N_("--jobs must be 1 or more")
	    : o->shard_n < 0 || (o->shard_n && (o->shard_k < 1 || o->shard_k > o->shard_n))
	        ? N_("--shard K/N needs 1 <= K <= N")
	    : o->merge && o->format != NG_FORMAT_PDF   ? N_("--merge needs PDF letters")
	    : o->encrypt && o->format != NG_FORMAT_PDF ? N_("--encrypt needs PDF letters")
	    : o->pdfa && o->encrypt
	        ? N_("PDF/A does not allow encryption: use --pdfa or --encrypt, not both")
	    : o->pdfa && o->format != NG_FORMAT_PDF ? N_("--pdfa needs PDF letters")
	    : o->generate_passwords && !o->encrypt  ? N_("--generate-passwords needs --encrypt")
	    : o->merge && o->encrypt && !o->owner_password_file
	        ? N_("--merge with --encrypt needs --owner-password-file: the print PDF "
	             "opens with the owner password")
	        : NULL;
	if (bad)
		ng_diag_add(d, NG_D_BAD_VALUE, (ng_pos){0}, "batch", ng_tr(bad));
	return bad ? NG_ERR_USAGE : NG_OK;
}

static int count_row(void *ctx, ng_row *row, ng_arena *a)
{
	(void)a;
	run *r = ctx;
	r->ntodo += selected(r, row->number);
	return 0;
}

static int jobs_for(const run *r)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int jobs = r->o->jobs ? r->o->jobs : cores > 0 ? (int)cores : 1;
	if (jobs > 256)
		jobs = 256;
	if ((size_t)jobs > r->ntodo)
		jobs = r->ntodo ? (int)r->ntodo : 1;
	return jobs;
}

/* ".shard-K-of-N" when sharded, else "". */
static const char *shard_suffix(run *r)
{
	return r->o->shard_n ? ng_aprintf(r->a, ".shard-%d-of-%d", r->o->shard_k, r->o->shard_n)
	                     : "";
}

/* The password store, one per shard (shards may share a directory). */
static ng_status open_crypt(run *r)
{
	ng_crypt_run_opts co = {.dirfd = r->dirfd,
	                        .store = state_path(r, PASSWORDS),
	                        .owner_file = r->o->owner_password_file,
	                        .generate = r->o->generate_passwords,
	                        .resume = r->o->resume,
	                        .outdir = r->o->outdir,
	                        .sha256 = ng_sha256_hex};
	size_t before = ng_diags_count(r->d);
	r->crypt = ng_crypt_run_open(&co, r->d);
	if (r->crypt)
		return NG_OK;
	bool io =
	    ng_diags_count(r->d) > before && ng_diags_get(r->d, before)->code != NG_D_BAD_VALUE;
	return io ? NG_ERR_IO : NG_ERR_USAGE;
}

/* The password sheet: generated passwords of the letters written. */
static int write_sheet(run *r, const collected *c, const char *suffix)
{
	ng_sheet_row *rows = ng_alloc(r->a, (c->nv + 1) * sizeof *rows);
	size_t n = 0;
	for (size_t i = 0; i < c->nv; i++)
		if (c->v[i].status != NG_ROW_FAILED)
			rows[n++] =
			    (ng_sheet_row){c->v[i].row, c->v[i].id, c->v[i].name, c->v[i].file};
	char name[128];
	snprintf(name, sizeof name, "passwords%s.csv", suffix);
	return ng_crypt_sheet_write(r->crypt, name, rows, n);
}

/* ---- a new run writes no file that is there already: refused before
 * anything is touched (a rerun would otherwise rewrite the manifests and
 * the password sheet of letters it does not write) */

typedef struct existing {
	run *r;
	size_t n;
	const char *first;
} existing;

static void exists(existing *x, const char *name)
{
	struct stat st;
	if (fstatat(x->r->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return;
	if (!x->n++)
		x->first = ng_strdup(x->r->a, name);
}

static int exists_row(void *ctx, ng_row *row, ng_arena *a)
{
	existing *x = ctx;
	ng_diags *quiet = ng_diags_new();
	/* The name as do_row makes it: normalised first. */
	if (selected(x->r, row->number) && ng_clients_check_row(row, a, quiet) == 0)
		exists(x, ng_batch_file_name(a, row->number, row_text(row, "name"), x->r->ext));
	ng_diags_free(quiet);
	return 0;
}

/* Whether the directory holds anything but the state directory. */
static bool has_files(run *r)
{
	int fd = dup(r->dirfd);
	DIR *dh = fd >= 0 ? fdopendir(fd) : NULL;
	bool any = false;
	for (struct dirent *e; dh && !any && (e = readdir(dh));)
		any = strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		      strcmp(e->d_name, STATE_DIR);
	if (dh)
		closedir(dh);
	else if (fd >= 0)
		close(fd);
	return any;
}

static ng_status refuse_existing(run *r)
{
	if (r->o->force || r->had_journal || !has_files(r))
		return NG_OK;
	existing x = {.r = r};
	const char *suffix = shard_suffix(r);
	static const char *const made[] = {"manifest%s.csv", "manifest%s.json", "passwords%s.csv"};
	for (size_t i = 0; i < NG_ARRAY_LEN(made); i++)
		exists(&x, ng_aprintf(r->a, made[i], suffix));
	size_t n;
	ng_diags *quiet = ng_diags_new();
	int rc = ng_clients_scan(&r->co, r->a, exists_row, &x, &n, quiet);
	ng_diags_free(quiet);
	if (rc != 0)
		return fail(r, NG_D_IO_READ, r->o->clients, ng_tr("the file changed while read"));
	if (!x.n)
		return NG_OK;
	ng_diag *g = ng_diag_add(r->d, NG_D_BATCH_EXISTS, (ng_pos){r->o->outdir, 0, 0},
	                         r->o->outdir, x.n, x.first);
	ng_diag_hint(r->d, g, "%s",
	             r->o->resume ? ng_tr("no unfinished run is recorded here to resume; --force "
	                                  "replaces those files")
	                          : ng_tr("give a new directory, or --force to replace them"));
	return NG_ERR_USAGE;
}

static ng_status prepare(run *r)
{
	ng_status st;
	r->e = ng_engine_open(r->o->input, r->d, &st);
	if (!r->e)
		return st;
	/* libnettle (the list's and every letter's SHA-256), loaded before the
	 * workers fork; missing, nothing is written. */
	if (ng_sha256_load(r->d) != 0)
		return NG_ERR_IO;
	/* libzint (customer barcodes) too, so that no worker loads it; a
	 * failure is reported by each barcode that needs it. */
	(void)ng_postal_load();
	ng_clients_opts co = {.path = r->o->clients, .encoding = r->o->encoding};
	ng_colmap *maps = ng_alloc(r->a, (r->o->ncolumns + 1) * sizeof *maps);
	for (size_t i = 0; i < r->o->ncolumns; i++) {
		const char *eq = strchr(r->o->columns[i], '=');
		if (!eq)
			return fail(r, NG_D_BAD_VALUE, "--column", ng_tr("write HEADER=field"));
		maps[i] = (ng_colmap){
		    ng_strndup(r->a, r->o->columns[i], (size_t)(eq - r->o->columns[i])), eq + 1};
	}
	co.maps = maps;
	co.nmaps = r->o->ncolumns;
	co.sums = &r->sums;
	r->co = co;
	/* A first reading checks the list as a whole and counts its rows. */
	size_t before = ng_diags_count(r->d);
	if (ng_clients_scan(&r->co, r->a, count_row, r, &r->nrows, r->d) != 0) {
		/* A list that cannot be read is an I/O error, as a record is. */
		const ng_diag *g = ng_diags_get(r->d, before);
		return g && g->code == NG_D_IO_READ ? NG_ERR_IO : NG_ERR_INPUT;
	}
	const ng_template *t = ng_engine_template(r->e, r->o->templ, r->d);
	if (!t)
		return NG_ERR_INPUT;
	/* Fonts and the shared font subsets before the workers fork: made
	 * once, not once per worker. */
	ng_engine_warm(r->e, t);
	/* libqpdf, loaded only for these, is missing: nothing is written. */
	if ((r->o->encrypt || r->o->merge) && ng_crypt_load(r->d) != 0)
		return NG_ERR_IO;
	if (r->o->merge && (st = check_merge(r)) != NG_OK)
		return st;
	if ((st = open_outdir(r)) != NG_OK || (st = lock_dir(r)) != NG_OK)
		return st;
	fingerprint(r);
	if ((st = read_state(r)) != NG_OK || r->finished || (st = refuse_existing(r)) != NG_OK)
		return st;
	if ((st = start_journal(r)) != NG_OK || (st = open_journal(r)) != NG_OK)
		return st;
	if (r->o->encrypt && (st = open_crypt(r)) != NG_OK)
		return st;
	remove_stale_temps(r);
	return NG_OK;
}

/* DONE, atomically: what finish() found, for a later --resume. */
static int write_done(run *r, size_t failed)
{
	const char *path = state_path(r, DONE);
	const char *tmp = ng_aprintf(r->a, "%s.tmp", path);
	ng_buf text = {0};
	write_head(r, &text);
	ng_buf_printf(&text, "failed %zu\n", failed);
	int fd = openat(r->dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	int ok = fd >= 0 && write(fd, text.data, text.len) == (ssize_t)text.len && fsync(fd) == 0;
	ng_buf_free(&text);
	if (fd < 0)
		return -1;
	ok = close(fd) == 0 && ok;
	if (!ok || renameat(r->dirfd, tmp, r->dirfd, path) != 0) {
		unlinkat(r->dirfd, tmp, 0);
		return -1;
	}
	return 0;
}

static ng_status finish(run *r, collected *c)
{
	size_t failed = c->failed;
	if (r->disk_full) {
		ng_manifest_abort(c->m);
		ng_diag *g = ng_diag_add(r->d, NG_D_DISK_FULL, (ng_pos){r->o->outdir, 0, 0},
		                         r->o->outdir, c->n - c->failed, r->ntodo);
		ng_diag_hint(r->d, g,
		             "make room on the disk that holds it, then run the same command with "
		             "--resume: the letters written are kept");
		return NG_ERR_IO;
	}
	if (interrupted || c->n < r->ntodo) {
		ng_manifest_abort(c->m);
		ng_diag *g = ng_diag_add(r->d, NG_D_INTERRUPTED, (ng_pos){r->o->outdir, 0, 0}, c->n,
		                         r->ntodo);
		ng_diag_hint(r->d, g, "run the same command with --resume to finish it");
		return NG_ERR_PARTIAL;
	}
	const char *suffix = shard_suffix(r);
	if (ng_manifest_commit(c->m) != 0)
		return fail(r, NG_D_IO_WRITE, "manifest", ng_strerror(errno));
	if (r->o->generate_passwords && write_sheet(r, c, suffix) != 0)
		return fail(r, NG_D_IO_WRITE, "passwords.csv", ng_strerror(errno));
	if (r->o->merge) {
		ng_status st = merge(r, c);
		if (st != NG_OK)
			return st;
	}
	/* Finished: recorded first, then the journal and the password store
	 * (now on the sheet) have served their purpose. */
	if (write_done(r, failed) != 0)
		return fail(r, NG_D_IO_WRITE, state_path(r, DONE), ng_strerror(errno));
	unlinkat(r->dirfd, state_path(r, JOURNAL), 0);
	unlinkat(r->dirfd, state_path(r, PASSWORDS), 0);
	return failed ? NG_ERR_PARTIAL : NG_OK;
}

ng_status ng_batch(const ng_batch_opts *o, ng_diags *d)
{
	ng_status st = check_opts(o, d);
	if (st != NG_OK)
		return st;
	run r = {.o = o,
	         .d = d,
	         .a = ng_arena_new(),
	         .dirfd = -1,
	         .journal_fd = -1,
	         .lock_fd = -1,
	         .ext = o->format == NG_FORMAT_TXT ? "txt" : "pdf"};
	/* A closed terminal (SIGHUP) stops the run like Ctrl-C or a kill:
	 * after the letters being written, resumable, no temporary file. */
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa = {.sa_handler = on_signal}, old[NG_ARRAY_LEN(sigs)];
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	for (size_t i = 0; i < NG_ARRAY_LEN(sigs); i++)
		sigaction(sigs[i], &sa, &old[i]);
	/* Test hook, see test_stop. */
	test_stop_parse(&r, getenv("NG_TEST_STOP_AFTER"));
	const char *enospc = getenv("NG_TEST_ENOSPC_AFTER"); /* see write_some */
	r.enospc_after = enospc ? strtoul(enospc, NULL, 10) : 0;
	/* Test hook: as on a file system without RENAME_NOREPLACE (put_in_place). */
	r.no_noreplace = getenv("NG_TEST_NO_NOREPLACE") != NULL;
	st = prepare(&r);
	if (st == NG_OK && r.finished) {
		ng_diag_add(d, NG_D_BATCH_FINISHED, (ng_pos){o->outdir, 0, 0}, r.done_failed);
		st = r.done_failed ? NG_ERR_PARTIAL : NG_OK;
	} else if (st == NG_OK) {
		int jobs = jobs_for(&r);
		st = run_workers(&r, jobs);
		collected c = {0};
		collect(&r, jobs, &c);
		if (st == NG_OK)
			st = finish(&r, &c);
		else
			ng_manifest_abort(c.m);
	}
	for (size_t i = 0; i < NG_ARRAY_LEN(sigs); i++)
		sigaction(sigs[i], &old[i], NULL);
	if (r.journal_fd >= 0)
		close(r.journal_fd);
	if (r.lock_fd >= 0)
		close(r.lock_fd);
	if (r.dirfd >= 0)
		close(r.dirfd);
	ng_engine_free(r.e);
	ng_crypt_run_free(r.crypt);
	ng_list_sums_free(&r.sums);
	ng_arena_free(r.a);
	return st;
}
