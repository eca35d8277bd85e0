/* snapshot.c — `notice-gen snapshot`: renders every letter the records
 * under the given paths declare and compares each with its stored
 * snapshot (SNAPDIR/KEY/LETTER.layout.txt, .txt and .meta: the layout
 * dump, the plain text, and the page count, PDF sha256, fonts and
 * version), or writes them (--update); reports what differs, what is new
 * and what is stale, as text and as JUnit XML. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../batch/batch_int.h"
#include "snapshot.h"

typedef enum lstatus { L_MATCH, L_DIFF, L_NEW, L_STALE, L_ERROR } lstatus;

typedef struct result {
	const char *record; /* the record's path (stale: its key) */
	const char *key, *letter;
	lstatus st;
	ng_status error; /* L_ERROR: the status */
	bool written;    /* --update wrote (or removed) it */
	bool fonts;      /* the fonts differ from the snapshot's */
	const char *summary;
	ng_buf detail;
	double seconds;
} result;

typedef struct run {
	const ng_snapshot_opts *o;
	const char *dir;    /* SNAPDIR */
	const char *images; /* where --png writes, or NULL */
	ng_arena *a;
	result *res;
	size_t nres, cap;
	const char **seen; /* "KEY/LETTER" rendered, and "KEY/" of failed records */
	size_t nseen, seen_cap;
	ng_buf fonts; /* the first difference of fonts, told first */
} run;

/* What one letter renders to. */
typedef struct rendered {
	ng_buf layout, text, pdf, meta;
	size_t pages;
} rendered;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static result *add_result(run *r, const char *record, const char *key, const char *letter)
{
	r->res = ng_agrow(r->a, r->res, sizeof *r->res, &r->cap, r->nres + 1);
	result *x = &r->res[r->nres++];
	*x = (result){.record = record, .key = key, .letter = letter};
	return x;
}

static void mark_seen(run *r, const char *id)
{
	r->seen = ng_agrow(r->a, r->seen, sizeof *r->seen, &r->seen_cap, r->nseen + 1);
	r->seen[r->nseen++] = id;
}

static void diags_text(const ng_diags *d, ng_buf *out)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return;
	ng_diags_print(d, mem, 0);
	fclose(mem);
	ng_buf_add(out, text, len);
	free(text);
}

/* ---- files */

static int mkdirs(const char *path)
{
	char *p = ng_xstrdup(path);
	int rc = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = errno;
		*s = c;
		if (!c || rc)
			break;
	}
	free(p);
	return rc;
}

static char *read_text(const char *path)
{
	char *data;
	size_t len;
	return ng_read_file(path, 64 << 20, &data, &len) == 0 ? data : NULL;
}

static const char *snap_path(run *r, const result *x, const char *ext)
{
	return ng_aprintf(r->a, "%s/%s/%s%s", r->dir, x->key, x->letter, ext);
}

static int write_snapshot(run *r, const result *x, const rendered *o, bool pdf, ng_diags *d)
{
	const char *folder = ng_aprintf(r->a, "%s/%s", r->dir, x->key);
	int err = mkdirs(folder);
	const struct {
		const char *ext;
		const ng_buf *b;
	} files[] = {{".layout.txt", &o->layout},
	             {".txt", &o->text},
	             {".meta", &o->meta},
	             {".pdf", &o->pdf}};
	for (size_t i = 0; i < NG_ARRAY_LEN(files) && !err; i++) {
		if (i == 3 && !pdf)
			break;
		const char *path = snap_path(r, x, files[i].ext);
		err = ng_write_file_atomic(path, files[i].b->data ? files[i].b->data : "",
		                           files[i].b->len, 0644);
		if (err)
			folder = path;
	}
	if (err)
		ng_diag_add(d, NG_D_IO_WRITE, (ng_pos){folder, 0, 0}, folder, ng_strerror(err));
	return err ? -1 : 0;
}

/* ---- rendering */

static ng_status render_as(ng_engine *e, ng_letter_in *in, ng_format f, ng_dump dump,
                           ng_letter_out *out, ng_buf *into, ng_diags *d)
{
	in->format = f;
	in->dump = dump;
	ng_status st = ng_engine_letter(e, in, out, d);
	if (st == NG_OK && ng_diags_errors(d))
		st = NG_ERR_INPUT;
	if (st == NG_OK)
		ng_buf_add(into, out->bytes.data ? out->bytes.data : "", out->bytes.len);
	return st;
}

static ng_status render(run *r, ng_engine *e, const ng_snap_record *rec, const ng_snap_letter *l,
                        rendered *o, ng_diags *d)
{
	ng_letter_in in = {.templ = ng_engine_template(e, l->templ, d), .own_date = true};
	if (!in.templ)
		return NG_ERR_INPUT;
	if (l->row && !(in.root = ng_batch_view(r->a, ng_engine_record(e), l->row, d)))
		return NG_ERR_INPUT;
	ng_letter_out out = {0};
	ng_status st = render_as(e, &in, NG_FORMAT_PDF, NG_DUMP_LAYOUT, &out, &o->layout, d);
	o->pages = out.pages;
	if (st == NG_OK)
		st = render_as(e, &in, NG_FORMAT_TXT, NG_DUMP_NONE, &out, &o->text, d);
	if (st == NG_OK)
		st = render_as(e, &in, NG_FORMAT_PDF, NG_DUMP_NONE, &out, &o->pdf, d);
	ng_buf_free(&out.bytes);
	if (st != NG_OK)
		return st;
	char sha[65];
	if (ng_sha256_load(d) != 0)
		return NG_ERR_IO;
	ng_sha256_hex(o->pdf.data, o->pdf.len, sha);
	ng_buf_printf(&o->meta,
	              "# notice-gen snapshot of %s, letter %s; `notice-gen snapshot --update` "
	              "rewrites it\nversion %s\n",
	              rec->path, l->name, NG_VERSION);
	st = ng_engine_fonts(e, o->layout.data, o->layout.len, &o->meta, d);
	ng_buf_printf(&o->meta, "pages %zu\nsha256 %s\n", o->pages, sha);
	return st;
}

static void free_rendered(rendered *o)
{
	ng_buf_free(&o->layout);
	ng_buf_free(&o->text);
	ng_buf_free(&o->pdf);
	ng_buf_free(&o->meta);
}

/* ---- comparing */

/* The lines of a .meta starting with prefix, joined. */
static void meta_lines(const char *meta, const char *prefix, ng_buf *out)
{
	size_t n = strlen(prefix);
	for (const char *s = meta; s && *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) + 1 : strlen(s);
		if (strncmp(s, prefix, n) == 0)
			ng_buf_add(out, s, len);
		s += len;
	}
	ng_buf_addc(out, '\0');
	out->len--;
}

static bool same_lines(const char *a, const char *b, const char *prefix, ng_buf *diff)
{
	ng_buf x = {0}, y = {0};
	meta_lines(a, prefix, &x);
	meta_lines(b, prefix, &y);
	bool same = strcmp(x.data, y.data) == 0;
	if (!same && diff)
		ng_snap_text_diff(x.data, y.data, 0, 20, diff);
	ng_buf_free(&x);
	ng_buf_free(&y);
	return same;
}

static void indent(ng_buf *out, const ng_buf *text)
{
	for (const char *s = text->data; s && *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		ng_buf_adds(out, "    ");
		ng_buf_add(out, s, len);
		ng_buf_addc(out, '\n');
		s += len + (nl != NULL);
	}
}

/* "layout: 1 line changed, 2 paragraphs reflowed, 40 lines moved; " —
 * only what is there. */
static void layout_summary(ng_buf *sum, const ng_layout_delta *dl)
{
	const struct {
		size_t n;
		const char *one, *many;
	} parts[] = {
	    {dl->changed, "line changed", "lines changed"},
	    {dl->reflowed, "paragraph reflowed", "paragraphs reflowed"},
	    {dl->added, "paragraph added", "paragraphs added"},
	    {dl->removed, "paragraph removed", "paragraphs removed"},
	    {dl->moved, "line moved", "lines moved"},
	    {dl->other, "rule, link, image or bookmark moved or changed",
	     "rules, links, images or bookmarks moved or changed"},
	};
	const char *sep = "layout: ";
	for (size_t i = 0; i < NG_ARRAY_LEN(parts); i++) {
		if (!parts[i].n)
			continue;
		ng_buf_printf(sum, "%s%zu %s", sep, parts[i].n,
		              parts[i].n == 1 ? parts[i].one : parts[i].many);
		sep = ", ";
	}
	ng_buf_adds(sum, "; ");
}

/* The fonts and the version of the .meta: told before the letter's own
 * differences. */
static void compare_fonts(run *r, result *x, const char *meta, const char *now_meta)
{
	ng_buf fonts = {0};
	if (!same_lines(meta, now_meta, "font ", &fonts)) {
		x->fonts = true;
		ng_buf_adds(&x->detail, "  fonts differ from the snapshot's (a font package "
		                        "change, not a change of the letter):\n");
		indent(&x->detail, &fonts);
		if (!r->fonts.len)
			ng_buf_add(&r->fonts, fonts.data, fonts.len);
	}
	if (!same_lines(meta, now_meta, "version ", NULL))
		ng_buf_printf(&x->detail,
		              "  the snapshot was written by another notice-gen version "
		              "(this is %s)\n",
		              NG_VERSION);
	ng_buf_free(&fonts);
}

/* The layout dump and the plain text. */
static void compare_texts(run *r, result *x, const rendered *o, ng_buf *sum)
{
	char *layout = read_text(snap_path(r, x, ".layout.txt"));
	char *text = read_text(snap_path(r, x, ".txt"));
	ng_buf ld = {0}, td = {0};
	ng_layout_delta dl;
	if (ng_snap_layout_diff(layout ? layout : "", o->layout.data, &ld, &dl)) {
		layout_summary(sum, &dl);
		ng_buf_adds(&x->detail, "  layout (--dump layout):\n");
		indent(&x->detail, &ld);
	}
	size_t nt =
	    ng_snap_text_diff(text ? text : "", o->text.data ? o->text.data : "", 1, 60, &td);
	if (nt || td.len) {
		ng_buf_printf(sum, "text: %zu line%s -/+; ", nt, nt == 1 ? "" : "s");
		ng_buf_adds(&x->detail, "  text (--format txt):\n");
		indent(&x->detail, &td);
	}
	free(layout);
	free(text);
	ng_buf_free(&ld);
	ng_buf_free(&td);
}

/* One "KEY value" line of the .meta: "  KEY old → new". */
static bool compare_line(result *x, const char *meta, const char *now_meta, const char *key,
                         const char *label, ng_buf *sum)
{
	ng_buf a = {0}, b = {0};
	meta_lines(meta, key, &a);
	meta_lines(now_meta, key, &b);
	size_t k = strlen(key);
	bool same = strcmp(a.data, b.data) == 0;
	if (!same) {
		ng_buf_printf(&x->detail, "  %s %.*s → %s", label,
		              (int)(a.len > k ? a.len - k - 1 : 0), a.len > k ? a.data + k : "",
		              b.len > k ? b.data + k : "\n");
		ng_buf_printf(sum, "%s; ", label);
	}
	ng_buf_free(&a);
	ng_buf_free(&b);
	return same;
}

/* Compares with the stored snapshot; fills the result's status, summary
 * and detail. Font differences come first: a font upgrade is another
 * cause than a change of the letter. */
static void compare(run *r, result *x, const rendered *o, const char *meta)
{
	ng_buf sum = {0};
	compare_fonts(r, x, meta, o->meta.data);
	compare_texts(r, x, o, &sum);
	compare_line(x, meta, o->meta.data, "pages ", "pages", &sum);
	bool same_letter = sum.len == 0;
	if (!compare_line(x, meta, o->meta.data, "sha256 ", "PDF sha256", &sum) && same_letter)
		ng_buf_adds(&x->detail, "  layout, text and pages are the same: only the PDF's "
		                        "bytes differ (its writer, metadata or font embedding, not "
		                        "the letter's words or places)\n");
	/* Other fonts alone, the letter the same to the byte: nothing to
	 * review, only to record (--update). */
	x->st = sum.len ? L_DIFF : L_MATCH;
	if (sum.len)
		x->summary = ng_strndup(r->a, sum.data, sum.len - 2);
	else if (x->fonts)
		x->summary = "the fonts differ, the letter is the same";
	ng_buf_free(&sum);
}

static void page_images(run *r, result *x, const rendered *o)
{
	const char *dir = ng_aprintf(r->a, "%s/%s", r->images, x->key);
	int err = mkdirs(dir);
	if (err) {
		ng_buf_printf(&x->detail, "  page images: cannot create %s: %s\n", dir,
		              ng_strerror(err));
		return;
	}
	char *data;
	size_t len;
	ng_buf before = {0};
	bool have = ng_read_file(snap_path(r, x, ".pdf"), 64 << 20, &data, &len) == 0;
	if (have) {
		ng_buf_add(&before, data, len);
		free(data);
	} else {
		ng_buf_adds(&x->detail, "  page images: no stored PDF to draw the snapshot's pages "
		                        "from (`snapshot --update --png` keeps one); the new pages "
		                        "only\n");
	}
	ng_snap_png(dir, x->letter, have ? &before : NULL, &o->pdf, &x->detail);
	ng_buf_free(&before);
}

/* One letter: render, compare or write. */
static void do_letter(run *r, ng_engine *e, const ng_snap_record *rec, const ng_snap_letter *l)
{
	double t0 = now();
	result *x = add_result(r, rec->path, rec->key, l->name);
	mark_seen(r, ng_aprintf(r->a, "%s/%s", rec->key, l->name));
	ng_diags *d = ng_diags_new();
	rendered o = {0};
	ng_status st = render(r, e, rec, l, &o, d);
	if (st != NG_OK) {
		x->st = L_ERROR;
		x->error = st;
		x->summary = "the letter could not be rendered";
		diags_text(d, &x->detail);
	} else {
		char *meta = read_text(snap_path(r, x, ".meta"));
		if (!meta) {
			x->st = L_NEW;
			x->summary = "no snapshot yet";
		} else {
			compare(r, x, &o, meta);
		}
		if (x->st == L_DIFF && r->images)
			page_images(r, x, &o);
		bool has_pdf = access(snap_path(r, x, ".pdf"), F_OK) == 0;
		bool keep_pdf = r->o->png || has_pdf;
		/* --update --png also adds the PDF to a snapshot that matches. */
		if (r->o->update && (x->st != L_MATCH || x->fonts || keep_pdf != has_pdf)) {
			if (write_snapshot(r, x, &o, keep_pdf, d) == 0) {
				x->written = true;
			} else {
				x->st = L_ERROR;
				x->error = NG_ERR_IO;
				diags_text(d, &x->detail);
			}
		}
		free(meta);
	}
	free_rendered(&o);
	ng_diags_free(d);
	x->seconds = now() - t0;
}

static void record_error(run *r, const ng_snap_record *rec, ng_status st, const ng_diags *d)
{
	result *x = add_result(r, rec->path, rec->key, "(record)");
	x->st = L_ERROR;
	x->error = st;
	x->summary = "the record or its snapshot.yaml has errors; its snapshots are kept";
	diags_text(d, &x->detail);
	/* Its snapshots are not stale: nothing could be rendered. */
	mark_seen(r, ng_aprintf(r->a, "%s/", rec->key));
}

static void do_record(run *r, const ng_snap_record *rec)
{
	ng_diags *d = ng_diags_new();
	ng_status st;
	ng_engine *e = ng_engine_open(rec->path, d, &st);
	ng_snap_letter *ls = NULL;
	size_t n = 0;
	if (e && ng_snap_letters(rec, ng_engine_record(e), r->a, &ls, &n, d) != 0)
		st = NG_ERR_INPUT;
	if (!e || st != NG_OK) {
		record_error(r, rec, st, d);
		ng_diags_free(d);
		ng_engine_free(e);
		return;
	}
	/* The record's own letters first; client letters from an engine of
	 * their own, warmed as batch warms it, so their bytes are those
	 * `notice-gen batch` writes. */
	ng_engine *ce = NULL;
	for (size_t i = 0; i < n; i++)
		if (!ls[i].row)
			do_letter(r, e, rec, &ls[i]);
	for (size_t i = 0; i < n; i++) {
		if (!ls[i].row)
			continue;
		if (!ce && !(ce = ng_engine_open(rec->path, d, &st)))
			break;
		const ng_template *t = ng_engine_template(ce, ls[i].templ, d);
		if (t)
			ng_engine_warm(ce, t);
		do_letter(r, ce, rec, &ls[i]);
	}
	ng_engine_free(ce);
	ng_engine_free(e);
	ng_diags_free(d);
}

/* ---- stale snapshots */

static bool was_seen(const run *r, const char *id)
{
	for (size_t i = 0; i < r->nseen; i++) {
		size_t n = strlen(r->seen[i]);
		if (r->seen[i][n - 1] == '/' ? strncmp(id, r->seen[i], n) == 0
		                             : strcmp(id, r->seen[i]) == 0)
			return true;
	}
	return false;
}

static void remove_snapshot(run *r, result *x)
{
	static const char *const exts[] = {".meta", ".layout.txt", ".txt", ".pdf"};
	for (size_t i = 0; i < NG_ARRAY_LEN(exts); i++)
		unlink(snap_path(r, x, exts[i]));
	/* Folders left empty go too, up to SNAPDIR. */
	char *dir = ng_strdup(r->a, ng_aprintf(r->a, "%s/%s", r->dir, x->key));
	size_t base = strlen(r->dir);
	while (strlen(dir) > base && rmdir(dir) == 0) {
		char *slash = strrchr(dir, '/');
		if (!slash)
			break;
		*slash = '\0';
	}
	x->written = true;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Every KEY/LETTER.meta under SNAPDIR/prefix that was not rendered. */
static void find_stale(run *r, const char *prefix)
{
	const char *path = *prefix ? ng_aprintf(r->a, "%s/%s", r->dir, prefix) : r->dir;
	DIR *dir = opendir(path);
	if (!dir)
		return;
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(dir));)
		if (e->d_name[0] != '.') {
			names = ng_agrow(r->a, names, sizeof *names, &cap, n + 1);
			names[n++] = ng_strdup(r->a, e->d_name);
		}
	closedir(dir);
	qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		const char *sub = *prefix ? ng_aprintf(r->a, "%s/%s", prefix, names[i]) : names[i];
		size_t len = strlen(names[i]);
		if (len > 5 && strcmp(names[i] + len - 5, ".meta") == 0) {
			const char *id = ng_strndup(r->a, sub, strlen(sub) - 5);
			if (was_seen(r, id))
				continue;
			const char *slash = strrchr(id, '/');
			const char *key = slash ? ng_strndup(r->a, id, (size_t)(slash - id)) : "";
			result *x = add_result(r, key, key, slash ? slash + 1 : id);
			x->st = L_STALE;
			x->summary = "no such letter any more";
			if (r->o->update)
				remove_snapshot(r, x);
		} else {
			struct stat st;
			if (stat(ng_aprintf(r->a, "%s/%s", r->dir, sub), &st) == 0 &&
			    S_ISDIR(st.st_mode))
				find_stale(r, sub);
		}
	}
}

/* ---- the report */

static const char *const status_word[] = {"ok", "DIFF", "new", "stale", "ERROR"};

static void write_report(run *r, ng_buf *out)
{
	if (r->fonts.len) {
		ng_buf_adds(out,
		            "snapshot: the installed fonts differ from those the snapshots were "
		            "made with — a font package change, not a change of the letters; "
		            "expect every letter to differ:\n");
		indent(out, &r->fonts);
	}
	size_t count[5] = {0}, written = 0;
	for (size_t i = 0; i < r->nres; i++) {
		const result *x = &r->res[i];
		count[x->st]++;
		written += x->written;
		const char *word = status_word[x->st];
		if (x->written)
			word = x->st == L_STALE ? "removed" : x->st == L_NEW ? "wrote" : "updated";
		ng_buf_printf(out, "%-7s %s %s", word, x->record, x->letter);
		if (x->summary)
			ng_buf_printf(out, " — %s", x->summary);
		ng_buf_addc(out, '\n');
		if (x->detail.len)
			ng_buf_add(out, x->detail.data, x->detail.len);
	}
	ng_buf_printf(out,
	              "snapshot: %zu letter(s): %zu match, %zu differ, %zu new, %zu stale, %zu "
	              "error(s)",
	              r->nres - count[L_STALE], count[L_MATCH], count[L_DIFF], count[L_NEW],
	              count[L_STALE], count[L_ERROR]);
	if (r->o->update)
		ng_buf_printf(out, "; %zu snapshot(s) written or removed in %s", written, r->dir);
	else if (count[L_DIFF] || count[L_NEW] || count[L_STALE])
		ng_buf_printf(out, "; `notice-gen snapshot --update%s%s …` accepts them",
		              strcmp(r->dir, "snapshots") ? " --dir " : "",
		              strcmp(r->dir, "snapshots") ? r->dir : "");
	ng_buf_addc(out, '\n');
}

static ng_status exit_status(const run *r)
{
	ng_status st = NG_OK;
	for (size_t i = 0; i < r->nres; i++) {
		const result *x = &r->res[i];
		ng_status s = NG_OK;
		if (x->st == L_ERROR)
			s = x->error;
		else if (!r->o->update && (x->st == L_DIFF || (r->o->strict && x->st != L_MATCH)))
			s = NG_DIFFERS;
		/* The worst: I/O and internal errors over input errors and differences. */
		if (s > st)
			st = s;
	}
	return st;
}

static void junit(run *r, ng_diags *d)
{
	ng_case *cases = ng_alloc(r->a, (r->nres + 1) * sizeof *cases);
	for (size_t i = 0; i < r->nres; i++) {
		const result *x = &r->res[i];
		ng_case *c = &cases[i];
		*c = (ng_case){.suite = x->record,
		               .name = x->letter,
		               .seconds = x->seconds,
		               .message = x->summary,
		               .detail = x->detail.data};
		bool strict = r->o->strict && !r->o->update;
		switch (x->st) {
		case L_MATCH:
			c->result = NG_CASE_PASS;
			break;
		case L_DIFF:
			c->result = r->o->update ? NG_CASE_PASS : NG_CASE_FAIL;
			break;
		case L_NEW:
		case L_STALE:
			c->result = x->written ? NG_CASE_PASS
			            : strict   ? NG_CASE_FAIL
			                       : NG_CASE_SKIP;
			break;
		case L_ERROR:
			c->result = NG_CASE_ERROR;
			break;
		}
	}
	ng_buf xml = {0};
	ng_junit_write(cases, r->nres, &xml);
	/* Its folder is made (CI jobs name a report folder that is not there). */
	const char *slash = strrchr(r->o->junit, '/');
	int err = slash && slash != r->o->junit
	              ? mkdirs(ng_strndup(r->a, r->o->junit, (size_t)(slash - r->o->junit)))
	              : 0;
	if (!err)
		err = ng_write_file_atomic(r->o->junit, xml.data, xml.len, 0644);
	if (err)
		ng_diag_add(d, NG_D_IO_WRITE, (ng_pos){r->o->junit, 0, 0}, r->o->junit,
		            ng_strerror(err));
	ng_buf_free(&xml);
}

/* --png writes next to the report: beside the JUnit file, else in the
 * current folder, in snapshot-diff/. */
static const char *images_dir(run *r)
{
	if (!r->o->png)
		return NULL;
	const char *j = r->o->junit, *slash = j ? strrchr(j, '/') : NULL;
	if (!slash)
		return "snapshot-diff";
	return ng_aprintf(r->a, "%.*s/snapshot-diff", (int)(slash - j), j);
}

ng_status ng_snapshot(const ng_snapshot_opts *o, ng_diags *d)
{
	run r = {.o = o, .dir = o->dir ? o->dir : "snapshots", .a = ng_arena_new()};
	r.images = images_dir(&r);
	ng_snap_record *recs;
	size_t n;
	ng_status st = NG_OK;
	if (ng_snap_find(o->paths, o->npaths, r.dir, r.a, &recs, &n, d) != 0)
		st = NG_ERR_IO;
	for (size_t i = 0; i < n; i++)
		do_record(&r, &recs[i]);
	if (st == NG_OK)
		for (size_t i = 0; i < o->npaths; i++)
			find_stale(&r, ng_snap_key(r.a, o->paths[i]));
	ng_buf report = {0};
	write_report(&r, &report);
	FILE *out = o->report ? o->report : stdout;
	if (fwrite(report.data, 1, report.len, out) != report.len || fflush(out) != 0)
		st = NG_ERR_IO;
	if (r.images && mkdirs(r.images) == 0)
		ng_write_file_atomic(ng_aprintf(r.a, "%s/report.txt", r.images), report.data,
		                     report.len, 0644);
	if (o->junit) {
		size_t before = ng_diags_errors(d);
		junit(&r, d);
		if (ng_diags_errors(d) > before)
			st = NG_ERR_IO;
	}
	ng_status s = exit_status(&r);
	if (s > st)
		st = s;
	ng_buf_free(&report);
	ng_buf_free(&r.fonts);
	for (size_t i = 0; i < r.nres; i++)
		ng_buf_free(&r.res[i].detail);
	ng_arena_free(r.a);
	return st;
}
