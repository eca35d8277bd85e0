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
	NG_ERR_USAGE = 2,   /* bad command line */
	NG_ERR_IO = 3,      /* a file could not be read or written, or a font is missing */
	NG_ERR_PARTIAL = 4, /* batch: some letters failed, the others were written */
	NG_ERR_INTERNAL = 70
} ng_status;

typedef enum ng_severity { NG_SEV_NOTE = 0, NG_SEV_WARNING = 1, NG_SEV_ERROR = 2 } ng_severity;

/* One diagnostic. line and col are 1-based; 0 when unknown. */
typedef struct ng_diag {
	int code;             /* an NG_D_* code, stable across versions */
	ng_severity severity;
	const char *id;       /* stable short name, e.g. "unknown-key" */
	const char *file;     /* may be NULL */
	int line, col;
	const char *message;
	const char *hint;     /* may be NULL */
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

typedef enum ng_format { NG_FORMAT_PDF = 0, NG_FORMAT_TXT } ng_format;
typedef enum ng_dump { NG_DUMP_NONE = 0, NG_DUMP_DOC, NG_DUMP_LAYOUT } ng_dump;

typedef struct ng_render_opts {
	const char *input;    /* the incident record (YAML) */
	const char *output;   /* output path; "-" writes dumps and text to stdout */
	const char *templ;    /* template name or path; NULL: the record's, else the default */
	ng_format format;
	ng_dump dump;         /* when set, the dump is written instead of the letter */
} ng_render_opts;

/* Renders one letter. Nothing is written unless the status is NG_OK; the
 * output file is replaced atomically. Problems are added to diags. */
ng_status ng_render(const ng_render_opts *opts, ng_diags *diags);

/* Parses and validates a record only (the core of `notice-gen check`). */
ng_status ng_check(const char *input, ng_diags *diags);

/* Writes the built-in templates to out, one a line: name, a tab, and a
 * one-line description. */
ng_status ng_list_templates(FILE *out, ng_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
