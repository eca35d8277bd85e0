/* crypt.h — encrypted letters: AES-256 (PDF 2.0, R6) encryption and the
 * merged print PDF through libqpdf (qpdf.c, the only includer of libqpdf,
 * which loads it on first use), letter passwords (password.c: generated,
 * read from files, checked), and a batch's private password store and
 * password sheet (sheet.c).
 *
 * Passwords never reach diagnostics, the manifest or the journal: a
 * diagnostic names the file, row and column, never the value. */
#ifndef NG_CRYPT_H
#define NG_CRYPT_H

#include <stdbool.h>

#include "../record/yaml_tree.h"
#include "../util/diag.h"

/* ---- passwords (password.c) */

#define NG_PASSWORD_MIN 8
#define NG_PASSWORD_MAX 127 /* R6 uses at most 127 bytes of a password */
#define NG_PASSWORD_GEN 16  /* generated: 16 of 56 symbols, about 93 bits */

/* A new password of NG_PASSWORD_GEN characters from getrandom(), in an
 * alphabet without look-alikes (no 0 O o 1 l I). Returns 0, or -1 when
 * the system has no randomness to give. */
int ng_password_generate(char out[NG_PASSWORD_GEN + 1]);

/* NULL when s is an acceptable password (NG_PASSWORD_MIN to
 * NG_PASSWORD_MAX printable ASCII characters, no spaces), else what is
 * wrong — never quoting s. */
const char *ng_password_problem(const char *s);

/* Reads a password from the first line of path (a trailing CR/LF is
 * dropped) into a heap string the caller frees with ng_password_free.
 * NULL after adding a diagnostic that names the file only. */
char *ng_password_read(const char *path, ng_diags *d);

/* Overwrites a password and frees it; NULL does nothing. */
void ng_password_free(char *pw);
/* Overwrites n bytes in a way the compiler keeps. */
void ng_wipe(void *p, size_t n);

/* The client row's password (field "password"), removed from the map so
 * that no template can print it; NULL when the row has none. */
const ng_node *ng_password_take(ng_node *map);

/* ---- libqpdf (qpdf.c) */

/* libqpdf is loaded (dlopen) on the first call that needs it, so that a
 * run without encryption or merge never maps it. ng_crypt_load loads it
 * now: 0, or -1 after adding NG_D_LIBRARY_MISSING, which names the library
 * and its package. Call it before writing anything; the calls below load
 * it themselves and report a failure in err. Not thread-safe (no thread
 * calls src/crypt: batch's workers are processes). */
int ng_crypt_load(ng_diags *d);
/* The library's file name as dlopen asks for it (its SONAME). */
const char *ng_crypt_library(void);

/* Encrypts the PDF in with AES-256 (R6): opening needs user (or owner);
 * printing at full quality and extraction for accessibility are allowed,
 * copying, changing, annotating, form filling and assembling are not.
 * owner NULL: a random owner password nobody learns. out is reset first.
 * Returns 0, or -1 with qpdf's message (which never holds a password) in
 * err. */
int ng_crypt_encrypt(const ng_buf *in, const char *user, const char *owner, ng_buf *out, char *err,
                     size_t cap);

/* Opens an encrypted PDF with password and writes it unencrypted, with a
 * static /ID, into out: the same letter encrypted twice decrypts to the
 * same bytes. Returns 0, or -1 (a wrong password too) with err set. */
int ng_crypt_decrypt(const ng_buf *in, const char *password, ng_buf *out, char *err, size_t cap);

/* One PDF of the given files, in order, written atomically with mode
 * 0600. password NULL: the files are plain and so is the result, with a
 * deterministic /ID. Otherwise every file opens with password, and the
 * result is encrypted like a letter with password as both its user and
 * owner password. Returns 0, or -1 with err set. */
int ng_crypt_merge(const char *out, const char *const *files, size_t n, const char *password,
                   char *err, size_t cap);

/* ---- one letter (letter.c) */

/* ng_render's part: bytes (a PDF when pdf) replaced by the letter
 * encrypted with the password in user_file and that in owner_file (NULL:
 * random). Returns NG_OK, or a status after adding diagnostics (bytes
 * unchanged). */
ng_status ng_crypt_letter(ng_buf *bytes, bool pdf, const char *user_file, const char *owner_file,
                          ng_diags *d);

/* ---- a batch's passwords (sheet.c) */

typedef struct ng_crypt_run ng_crypt_run;

typedef struct ng_crypt_run_opts {
	int dirfd;              /* the output directory */
	const char *store;      /* the private store, a path under dirfd */
	const char *owner_file; /* NULL: a random owner password per letter */
	bool generate;          /* make passwords for rows without one */
	bool resume;            /* keep what an interrupted run stored */
	const char *outdir;     /* for diagnostics */
	/* SHA-256 as 64 hex digits (the batch's, which owns the hashing):
	 * the store recognises a letter already on disk by it. */
	void (*sha256)(const void *data, size_t len, char out[65]);
} ng_crypt_run_opts;

/* Reads the owner password and (resuming) the store, or starts an empty
 * store (mode 0600). NULL after adding diagnostics. */
ng_crypt_run *ng_crypt_run_open(const ng_crypt_run_opts *o, ng_diags *d);
void ng_crypt_run_free(ng_crypt_run *cr);

/* The owner password from the file, or NULL. */
const char *ng_crypt_run_owner(const ng_crypt_run *cr);

/* Encrypts row's letter (plain) into out with the row's password: pw (the
 * row's password field, may be NULL), else the one an interrupted run
 * generated for the row, else a new one (when generating). Before it
 * returns, the store holds the row's password and the encrypted file's
 * SHA-256, so no letter can be on disk whose password is lost. When the
 * file name (under dirfd) is already the letter an interrupted run
 * encrypted for this row, out gets that file's bytes instead. pos is the
 * row's place in the list, for diagnostics. Returns 0,
 * or -1 after adding diagnostics. */
int ng_crypt_row(ng_crypt_run *cr, size_t row, ng_pos pos, const ng_node *pw, const char *name,
                 const ng_buf *plain, ng_buf *out, ng_diags *d);

/* One row of the password sheet. */
typedef struct ng_sheet_row {
	size_t row;
	const char *id, *name, *file;
} ng_sheet_row;

/* Writes the sheet (name under dirfd, mode 0600, atomically): row, id,
 * name, file and password of every given row whose password was
 * generated, from the store on disk (every worker's rows). Returns 0, or
 * -1 with errno set. The caller removes the store once this succeeded. */
int ng_crypt_sheet_write(ng_crypt_run *cr, const char *name, const ng_sheet_row *rows, size_t n);

#endif
