/* clients.h — the client list of a batch: a CSV file (UTF-8 with or without
 * BOM, or CP932 as Excel saves it) or a YAML list, read into rows of
 * normalised values under documented field names. The only user of
 * libcsv. */
#ifndef NG_CLIENTS_H
#define NG_CLIENTS_H

#include "../record/yaml_tree.h"

/* One row: a map from field names to scalar values. For CSV, positions
 * are spreadsheet row:column (the header is row 1); for YAML, file
 * line:column. */
typedef struct ng_row {
	size_t number; /* 1-based data row (the first client is 1) */
	ng_node *map;
	ng_pos pos;
} ng_row;

typedef struct ng_rows {
	ng_row *v;
	size_t n, cap;
} ng_rows;

/* A header → field mapping given on the command line ("会社名=name"). */
typedef struct ng_colmap {
	const char *header, *field;
} ng_colmap;

/* What a reading of the list saw: the SHA-256 of each 64 KiB piece of the
 * file. The first complete reading records them; every later reading
 * (the batch parent's second, each worker's) compares each piece before
 * a row of it is handed on, so that a list rewritten during a run stops
 * the run instead of mixing two versions into letters. */
typedef struct ng_list_sums {
	bool fixed;              /* the sums are recorded: compare */
	bool changed;            /* a reading found the file changed */
	size_t n, cap;           /* pieces */
	unsigned char (*v)[32];  /* their SHA-256 (heap; ng_list_sums_free) */
	unsigned long long size; /* the file's size when recorded */
	char sha256[65];         /* of the whole reading: the pieces' sums and size */
} ng_list_sums;

void ng_list_sums_free(ng_list_sums *s);

typedef struct ng_clients_opts {
	const char *path;
	const char *encoding; /* NULL: detect (UTF-8, else CP932) */
	const ng_colmap *maps;
	size_t nmaps;
	ng_list_sums *sums; /* NULL: not compared */
} ng_clients_opts;

/* Reads the whole list into out (rows allocated from a). Returns 0, or -1 after adding diagnostics
 * when the list as a whole cannot be read (a bad file, a bad header). Problems of single rows are
 * not checked here (ng_clients_check_row). */
int ng_clients_load(const ng_clients_opts *o, ng_arena *a, ng_rows *out, ng_diags *d);

/* Reads the list and hands each row to fn as it is read (CSV is never
 * held whole as rows: memory stays flat in the number of rows). The row
 * and what fn allocates from row_arena live until fn returns. fn returns
 * 0 to go on, non-zero to stop. *n is the number of rows read. Returns 0,
 * or -1 like ng_clients_load. */
typedef int (*ng_row_fn)(void *ctx, ng_row *row, ng_arena *row_arena);
int ng_clients_scan(const ng_clients_opts *o, ng_arena *a, ng_row_fn fn, void *ctx, size_t *n,
                    ng_diags *d);

/* Adds the diagnostic of a list that changed during a run (list-changed,
 * with how to go on). Returns -1. */
int ng_clients_report_changed(const ng_clients_opts *o, ng_diags *d);

/* Checks and normalises one row's values in place (name present, postcode
 * 7 digits, e-mail form, kind known). Returns 0, or -1 after adding
 * diagnostics. */
int ng_clients_check_row(ng_row *r, ng_arena *a, ng_diags *d);

/* One row from n key/value pairs (keys as a list's headers: English or
 * Japanese field names, other keys lower-cased), positioned at name:1:K
 * for the Kth pair, allocated from a. The row is not checked yet. */
void ng_clients_row_from_pairs(const char *const *keys, const char *const *values, size_t n,
                               const char *name, ng_arena *a, ng_row *out);

#endif
