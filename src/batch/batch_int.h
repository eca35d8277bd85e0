/* batch_int.h — the batch module's own declarations. */
#ifndef NG_BATCH_INT_H
#define NG_BATCH_INT_H

#include "../core/engine.h"
#include "clients.h"
#include "notice_gen.h"

/* "000012-株式会社エムケイ.pdf": row number, safe name, extension. */
char *ng_batch_file_name(ng_arena *a, size_t row, const char *name, const char *ext);

/* The tree a client's letter reads: the record with the addressee made
 * from the row (会社名 御中, 氏名 様, …各位), data_items narrowed to the
 * row's contracted services, and the row itself as `client`. NULL after
 * adding diagnostics (an unknown service). */
const ng_node *ng_batch_view(ng_arena *a, const ng_record *rec, const ng_row *row, ng_diags *d);

typedef enum ng_row_status { NG_ROW_OK, NG_ROW_FAILED, NG_ROW_SKIPPED } ng_row_status;

/* One manifest row. */
typedef struct ng_result {
	size_t row;
	ng_row_status status;
	const char *id, *name, *templ, *file, *postcode, *address, *address2;
	size_t pages, bytes;
	char sha256[65];       /* of the file as written */
	char plain_sha256[65]; /* of the letter before encryption: deterministic */
	const char *diag;      /* the first error, for the manifest */
} ng_result;

/* libnettle (the hashes below) is loaded on first use: ng_sha256_load
 * loads it now (a batch, before its workers fork) and returns 0, or -1
 * after adding NG_D_LIBRARY_MISSING naming its Debian package. A hash
 * without it stops the process with the same words. */
int ng_sha256_load(ng_diags *d);
const char *ng_sha256_library(void); /* its SONAME */
void ng_sha256_hex(const void *data, size_t len, char out[65]);
/* SHA-256 of letters that begin with the same bytes (the shared fonts'
 * objects): the hash's state after those bytes is kept with them, and a
 * letter whose first prefix bytes are the same (compared in full, or
 * known to be by the same nonzero id: ng_letter_out.shared_id) resumes
 * from it instead of reading them again. The same digest as
 * ng_sha256_hex. */
typedef struct ng_sha_prefix ng_sha_prefix;
ng_sha_prefix *ng_sha_prefix_new(void);
void ng_sha_prefix_free(ng_sha_prefix *p);
void ng_sha256_prefixed(ng_sha_prefix *p, const void *data, size_t len, size_t prefix, uint64_t id,
                        char out[65]);
/* The same for a letter kept in two pieces, head (hl bytes: the whole
 * prefix, hl 0: none) then data. */
void ng_sha256_split(ng_sha_prefix *p, const void *head, size_t hl, const void *data, size_t len,
                     uint64_t id, char out[65]);
/* SHA-256 of a then b, as 32 bytes (b may be NULL when nb is 0). */
void ng_sha256_raw(const void *a, size_t na, const void *b, size_t nb, unsigned char out[32]);
/* SHA-256 of a then b. */
void ng_sha256_hex2(const void *a, size_t na, const void *b, size_t nb, char out[65]);
/* Of what is left to read from fd. Returns 0, or -1 (errno set). */
int ng_sha256_fd(int fd, char out[65]);

/* Results as tab-separated lines (for workers' part files and the resume
 * journal) and back. */
void ng_result_line(const ng_result *r, ng_buf *out);
int ng_result_parse(char *line, ng_arena *a, ng_result *r);
void ng_diag_line(size_t row, const ng_diag *g, ng_buf *out);
int ng_diag_parse(char *line, ng_arena *a, ng_diag *g);

/* manifest.csv and manifest.json (names with a shard suffix when
 * sharded), written atomically into dirfd. */
typedef struct ng_manifest ng_manifest;
/* Opens the two manifests (temporary names) to be written row by row, in
 * row order; commit renames them into place, abort removes them. */
ng_manifest *ng_manifest_open(int dirfd, const char *suffix);
void ng_manifest_add(ng_manifest *m, const ng_result *r);
int ng_manifest_commit(ng_manifest *m);
void ng_manifest_abort(ng_manifest *m);
/* The mail-house list beside the merged PDF. */
int ng_mailing_write(const char *path, const ng_result *rs, size_t n);

#endif
