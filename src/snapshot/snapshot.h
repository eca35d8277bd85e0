/* snapshot.h — the snapshot module's own declarations: readable
 * differences of layout dumps and texts (diff.c), the JUnit report
 * (junit.c) and page images (png.c), used by snapshot.c and its tests. */
#ifndef NG_SNAPSHOT_H
#define NG_SNAPSHOT_H

#include <stdbool.h>

#include "../batch/clients.h"
#include "../record/record.h"
#include "../util/util.h"

/* ---- what to render (find.c) */

/* A record found under the paths given. */
typedef struct ng_snap_record {
	const char *path;   /* as found */
	const char *key;    /* its snapshots' folder under SNAPDIR: path without .yaml */
	const char *config; /* snapshot.yaml beside it, or NULL */
} ng_snap_record;

/* One letter a record declares: a template, for the record itself or for
 * one client row. */
typedef struct ng_snap_letter {
	const char *name;  /* "client-notice", "client-notice@C-001": a file name */
	const char *templ; /* template name or path */
	const ng_row *row; /* NULL: the record's own letter */
} ng_snap_letter;

/* The snapshot key of a path: relative to the current folder when under
 * it, "." and empty components dropped, ".." as "__", .yaml/.yml off. */
const char *ng_snap_key(ng_arena *a, const char *path);
/* s with the bytes a file name must not hold replaced by '_'. */
const char *ng_snap_safe_name(ng_arena *a, const char *s);

/* The records under paths (files as they are; folders searched, never
 * snapdir), in a stable order. Returns 0, or -1 after adding a
 * diagnostic for a path that cannot be read (the others are found). */
int ng_snap_find(const char *const *paths, size_t npaths, const char *snapdir, ng_arena *a,
                 ng_snap_record **out, size_t *nout, ng_diags *d);

/* The letters r declares. Returns 0, or -1 after adding diagnostics (a
 * bad snapshot.yaml or client list); what was found is still in *out. */
int ng_snap_letters(const ng_snap_record *r, const ng_record *rec, ng_arena *a,
                    ng_snap_letter **out, size_t *n, ng_diags *d);

/* One step of an edit script: old[i] kept as new[j], old[i] removed, or
 * new[j] added. */
typedef enum ng_edit_kind { NG_EDIT_SAME, NG_EDIT_DEL, NG_EDIT_INS } ng_edit_kind;
typedef struct ng_edit {
	ng_edit_kind kind;
	size_t i, j;
} ng_edit;

/* A shortest edit script between old[0..n) and new[0..m) by longest
 * common subsequence; eq(ctx, i, j) compares old[i] with new[j]. Writes a
 * malloc'd array to *out (free it) and returns its length. Past a size
 * cap the middle that differs is replaced whole (all removed, all added). */
typedef bool (*ng_edit_eq)(void *ctx, size_t i, size_t j);
size_t ng_edit_script(size_t n, size_t m, ng_edit_eq eq, void *ctx, ng_edit **out);

/* What a layout difference amounts to, for the summary line. */
typedef struct ng_layout_delta {
	size_t changed;        /* lines whose text changed (in place) */
	size_t reflowed;       /* paragraphs broken into lines differently */
	size_t added, removed; /* paragraphs */
	size_t moved;          /* lines with the same text at another place */
	size_t other;          /* rules, links, images, marks, the page size */
} ng_layout_delta;

/* Appends to out a reviewer's difference of two `--dump layout` texts,
 * grouped by page: a line whose text changed in place as a -/+ pair, a
 * paragraph broken differently as one "reflowed" entry with its change
 * of text marked [-old-]{+new+}, runs of lines that only moved as one
 * line each. Fills *delta; returns whether anything differs. */
bool ng_snap_layout_diff(const char *old, const char *new_, ng_buf *out, ng_layout_delta *delta);

/* Appends a unified diff (context lines of context, at most max_lines
 * lines of it) of two texts; returns the number of lines that differ. */
size_t ng_snap_text_diff(const char *old, const char *new_, int context, size_t max_lines,
                         ng_buf *out);

/* One JUnit test case. */
typedef enum ng_case_result {
	NG_CASE_PASS,
	NG_CASE_FAIL,
	NG_CASE_ERROR,
	NG_CASE_SKIP
} ng_case_result;
typedef struct ng_case {
	const char *suite; /* the record */
	const char *name;  /* the letter */
	ng_case_result result;
	const char *message; /* one line: why it failed or was skipped */
	const char *detail;  /* the difference or the diagnostics; may be NULL */
	double seconds;
} ng_case;

/* Writes the cases (grouped into one testsuite per record, in order) as
 * JUnit XML to out. */
void ng_junit_write(const ng_case *cases, size_t n, ng_buf *out);

/* Page images: before (may be NULL) and after PDF bytes → PNGs of every
 * page of each, and of every page that differs a third with the changed
 * pixels marked, as DIR/PREFIX-page-N-{before,after,diff}.png. Uses
 * poppler's pdftoppm; appends what it wrote (or why not) to report.
 * Returns 0, or -1 when pdftoppm is missing or failed. */
int ng_snap_png(const char *dir, const char *prefix, const ng_buf *before, const ng_buf *after,
                ng_buf *report);

#endif
