/* notice_gen.h — the one public header of libnoticegen.
 *
 * The notice-gen tool uses only this header. Every handle is opaque; every
 * *_new has a *_free, and *_free(NULL) does nothing. Strings returned by the
 * library are owned by the handle they came from and live until it is freed.
 */
#ifndef NOTICE_GEN_H
#define NOTICE_GEN_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NG_VERSION "0.1.0"

/* Status of a library call; also the process exit code the CLI returns. */
typedef enum ng_status {
	NG_OK = 0,          /* done, output written */
	NG_ERR_INPUT = 1,   /* the record (or template, client list) has errors */
	NG_DIFFERS = 1,     /* snapshot: a letter differs from its snapshot */
	NG_ERR_USAGE = 2,   /* bad command line */
	NG_ERR_IO = 3,      /* a file could not be read or written, or a font is missing */
	NG_ERR_PARTIAL = 4, /* batch: some letters failed, the others were written */
	NG_ERR_INTERNAL = 70
} ng_status;

typedef enum ng_severity { NG_SEV_NOTE = 0, NG_SEV_WARNING = 1, NG_SEV_ERROR = 2 } ng_severity;

/* One diagnostic. line and col are 1-based; 0 when unknown. */
typedef struct ng_diag {
	int code; /* an NG_D_* code, stable across versions */
	ng_severity severity;
	const char *id;   /* stable short name, e.g. "unknown-key" */
	const char *file; /* may be NULL */
	int line, col;
	const char *message;
	const char *hint; /* may be NULL */
} ng_diag;

typedef struct ng_diags ng_diags;

ng_diags *ng_diags_new(void);
void ng_diags_free(ng_diags *diags);
size_t ng_diags_count(const ng_diags *diags);
const ng_diag *ng_diags_get(const ng_diags *diags, size_t i);
/* Number of diagnostics of severity error. */
size_t ng_diags_errors(const ng_diags *diags);
/* Prints every diagnostic as FILE:LINE:COL: severity: message (json != 0:
 * one JSON object per line). */
void ng_diags_print(const ng_diags *diags, FILE *out, int json);

/* PDF; plain text (an e-mail: paragraphs unwrapped); Markdown (a web page). */
typedef enum ng_format { NG_FORMAT_PDF = 0, NG_FORMAT_TXT, NG_FORMAT_MD } ng_format;
typedef enum ng_dump { NG_DUMP_NONE = 0, NG_DUMP_DOC, NG_DUMP_LAYOUT } ng_dump;

typedef struct ng_render_opts {
	const char *input;  /* the incident record (YAML) */
	const char *output; /* output path; "-" writes dumps and text to stdout */
	const char *templ;  /* template name or path; NULL: the record's, else the default */
	ng_format format;
	ng_dump dump; /* when set, the dump is written instead of the letter */
	/* AES-256 encryption of a PDF letter; passwords come from files (the
	 * first line), never from the command line. owner NULL: random. */
	int encrypt;
	const char *user_password_file, *owner_password_file;
	/* PDF/A-2u (archival) instead of plain PDF 1.7; every PDF is tagged
	 * (PDF/UA-1) either way. Not with encrypt. */
	int pdfa;
} ng_render_opts;

/* Renders one letter. Nothing is written unless the status is NG_OK; the
 * output file is replaced atomically. Problems are added to diags. */
ng_status ng_render(const ng_render_opts *opts, ng_diags *diags);

/* Parses and validates a record only (ng_check_run without a summary). */
ng_status ng_check(const char *input, ng_diags *diags);

/* What `notice-gen check` does. */
typedef struct ng_check_opts {
	const char *input; /* the incident record (YAML) */
	FILE *summary;     /* where the summary goes; NULL: none */
	int json;          /* the summary as JSON lines (one object a line) */
} ng_check_opts;

/* Validates a record and, when it loaded (warnings alone do not stop it),
 * writes a summary: the 規則第7条 categories, each party's 速報 target and
 * 確報 deadline (和暦 with weekday, and ISO), and which required items each
 * letter type has. Returns NG_OK, NG_ERR_INPUT when errors were found,
 * NG_ERR_IO when the record could not be read. */
ng_status ng_check_run(const ng_check_opts *opts, ng_diags *diags);

typedef struct ng_batch_opts {
	const char *input;          /* the incident record */
	const char *clients;        /* client list: .csv, or .yaml / .yml */
	const char *outdir;         /* letters, manifest.csv and manifest.json go here */
	const char *templ;          /* template for rows without a template column */
	const char *encoding;       /* of a CSV list; NULL: UTF-8 if valid, else CP932 */
	const char *merge;          /* one print PDF of all letters (and FILE.csv), or NULL */
	const char *const *columns; /* "HEADER=field" header mappings */
	size_t ncolumns;
	int jobs;             /* worker processes; 0: one per core */
	int shard_k, shard_n; /* process rows with (row - 1) % n == k - 1; n 0: all */
	int force;            /* replace existing letters */
	int resume;           /* keep letters an interrupted run finished */
	int progress;         /* show a progress line on stderr */
	ng_format format;
	/* AES-256 letters, each opened by its row's password column, else
	 * (generate_passwords) a new one listed in passwords.csv (mode 0600).
	 * owner_password_file NULL: a random owner password per letter. */
	int encrypt, generate_passwords;
	const char *owner_password_file;
	int pdfa; /* every letter PDF/A-2u; not with encrypt */
	/* Where a template column's paths may point (NULL: the record's
	 * folder); any other path in that column is refused. */
	const char *template_dir;
} ng_batch_opts;

/* Writes one letter per client row into outdir. A bad row is reported
 * (diagnostics at the list's row:column, and in the manifest) and the
 * others still go out: NG_ERR_PARTIAL then. */
ng_status ng_batch(const ng_batch_opts *opts, ng_diags *diags);

/* What `notice-gen snapshot` does: regression tests of rendered letters. */
typedef struct ng_snapshot_opts {
	const char *const *paths; /* records, or folders searched for them */
	size_t npaths;
	const char *dir;   /* the snapshots' folder; NULL: "snapshots" */
	int update;        /* write the snapshots that differ or are new, remove stale ones */
	int strict;        /* new and stale letters fail too */
	int png;           /* page images of differing letters (pdftoppm) */
	const char *junit; /* a JUnit XML report here, or NULL */
	FILE *report;      /* the readable report; NULL: stdout */
} ng_snapshot_opts;

/* Renders every letter the records declare (the built-in templates each
 * record fits, or those its snapshot.yaml lists, with a sample of client
 * rows) and compares each with its snapshot in dir: layout dump, plain
 * text, page count, PDF sha256 and fonts. Returns NG_OK when all match,
 * NG_DIFFERS when any differs (or, with strict, is new or stale), else
 * the worst error (NG_ERR_INPUT, NG_ERR_IO). The report says what differs
 * per letter, fonts first. */
ng_status ng_snapshot(const ng_snapshot_opts *opts, ng_diags *diags);

/* What `notice-gen watch` does: render, then render again whenever the
 * record or a template it may use changes (the record's file, any .tmpl in
 * the built-in templates' folder or in a template file's folder). */
typedef struct ng_watch_opts {
	ng_render_opts render;
	int count; /* stop after this many renders; 0: until the process is stopped */
	/* Called after each render (n from 1) with its status and diagnostics. */
	void (*rendered)(void *ctx, int n, ng_status status, const ng_diags *diags);
	void *ctx;
} ng_watch_opts;

/* Returns the last render's status, or NG_ERR_IO when the files cannot be
 * watched. A failed render keeps the letter written before. */
ng_status ng_watch(const ng_watch_opts *opts, ng_diags *diags);

/* Writes a commented starter record for the template (NULL: client-notice)
 * to out: it passes `check` and renders as it is. */
ng_status ng_init(const char *templ, FILE *out, ng_diags *diags);

/* Writes the built-in templates to out, one a line: name, a tab, and a
 * one-line description. */
ng_status ng_list_templates(FILE *out, ng_diags *diags);

/* The message msgid (an English message of the library or the program)
 * in the language of the program's LC_MESSAGES locale, as UTF-8; msgid
 * when none is known. Diagnostics' messages and hints are already
 * translated when added; their ids and the FILE:LINE:COL: severity:
 * prefix never are. */
const char *ng_translate(const char *msgid);

/* ---- In memory: for programs that hold the record (a web service, a
 * Python or Ruby program through its C interface). Nothing is read but
 * the installed templates, data and fonts, nothing written but to the
 * caller's buffer or callback.
 *
 * Threads: separate handles may be used on separate threads at the same
 * time; one handle is used by one thread at a time. diags likewise.
 * Ownership: the library copies what it is given (record bytes, template
 * text, row pairs) before the call returns; the caller frees its own. */

typedef struct ng_handle ng_handle;

/* Parses and validates a record of len bytes (YAML, need not end in NUL);
 * name stands for it in diagnostics ("incident.yaml:3:5: error: …").
 * Returns a handle to free with ng_handle_free, or NULL after adding
 * diagnostics (*status, when given: NG_ERR_INPUT or NG_ERR_INTERNAL). */
ng_handle *ng_handle_new(const char *name, const void *data, size_t len, ng_diags *diags,
                         ng_status *status);
void ng_handle_free(ng_handle *h);

/* Where a letter goes: to write (when set), called with the bytes in one
 * or more pieces in order; its non-zero return stops the call with
 * NG_ERR_IO. Else into buf, cap bytes: when the letter does not fit,
 * nothing is copied and the call returns NG_ERR_IO without adding a
 * diagnostic. Either way len is set
 * to the letter's size in bytes (so a first call with cap 0 tells the
 * size). The bytes are the same as `notice-gen render` writes. */
typedef struct ng_output {
	int (*write)(void *ctx, const void *data, size_t len);
	void *ctx;
	void *buf;
	size_t cap;
	size_t len; /* set by the call */
} ng_output;

typedef struct ng_letter_opts {
	/* The template: by name or path (NULL: the record's letter.template,
	 * else client-notice), or as text: templ_text of templ_len bytes, with
	 * templ naming it in diagnostics. */
	const char *templ;
	const char *templ_text;
	size_t templ_len;
	ng_format format;
	ng_dump dump;
	/* A batch row, for one client's letter: nfields pairs keys[i] =
	 * values[i] (NUL-terminated UTF-8), keys as a client list's headers
	 * (name, 会社名, contact, postcode, services, …). nfields 0: the
	 * record's own letter. A row's template field is used when templ and
	 * templ_text are NULL. */
	const char *const *keys;
	const char *const *values;
	size_t nfields;
	int pdfa; /* PDF/A-2u (every PDF is tagged, PDF/UA-1, either way) */
} ng_letter_opts;

/* Renders one letter of h's record to out. Returns NG_OK, or a status
 * after adding diagnostics (nothing is written to out then). */
ng_status ng_handle_render(ng_handle *h, const ng_letter_opts *opts, ng_output *out,
                           ng_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
