/* diag.h — the diagnostics list: one enum of codes, one message table
 * (diag.c), positions in 1-based line:col. Modules add to a list; only the
 * CLI decides what to print and which exit code follows. */
#ifndef NG_DIAG_H
#define NG_DIAG_H

#include "notice_gen.h"
#include "util.h"

/* A place in an input file; line and col 1-based, 0 when unknown. */
typedef struct ng_pos {
	const char *file;
	int line, col;
} ng_pos;

/* Codes are stable: append, never renumber. The table in diag.c gives each
 * a severity, an id and a printf format for its message. */
typedef enum ng_dcode {
	NG_D_IO_READ = 1,           /* %s: path, %s: strerror */
	NG_D_IO_WRITE,              /* %s: path, %s: strerror */
	NG_D_YAML_SYNTAX,           /* %s: libyaml's problem */
	NG_D_YAML_UTF8,             /* invalid UTF-8 */
	NG_D_YAML_ALIAS,            /* anchors and aliases are not accepted */
	NG_D_DUP_KEY,               /* %s: key, %d: line of first */
	NG_D_UNKNOWN_KEY,           /* %s: key, %s: where */
	NG_D_WRONG_TYPE,            /* %s: field, %s: expected */
	NG_D_MISSING_FIELD,         /* %s: field, %s: where */
	NG_D_BAD_DATE,              /* %s: field, %s: value */
	NG_D_BAD_WHEN,              /* %s: problem */
	NG_D_DATE_RANGE,            /* %s: field */
	NG_D_FONT_MISSING,          /* %s: family, %s: package */
	NG_D_FONT_LOAD,             /* %s: path */
	NG_D_GLYPH_MISSING,         /* %s: "U+XXXX 'c'", %s: font family */
	NG_D_PDF,                   /* %s: libharu error text */
	NG_D_ICU,                   /* %s: ICU function, %s: error name */
	NG_D_TEMPLATE,              /* %s: problem */
	NG_D_TEMPLATE_UNKNOWN,      /* %s: name */
	NG_D_TOO_LARGE,             /* %s: what, %zu: limit */
	NG_D_INTERNAL,              /* %s: what */
	NG_D_EMPTY_VALUE,           /* %s: field */
	NG_D_BAD_VALUE,             /* %s: field, %s: problem */
	NG_D_FONT_CONFIG,           /* %s: problem */
	NG_D_LAYOUT_OVERFLOW,       /* %s: text that cannot be broken */
	NG_D_HONORIFIC,             /* %s: problem (warning) */
	NG_D_HONORIFIC_ERROR,       /* %s: problem */
	NG_D_OPENING_CLOSING,       /* %s: 頭語, %s: 結語 */
	NG_D_TYPED_DATE,            /* %s: the typed text */
	NG_D_YAML_TAB,              /* a tab in indentation */
	NG_D_KICHIJITSU,            /* %s: field */
	NG_D_REQUIRED_ITEM,         /* %s: letter type, %d: item, %s: item name, %s: article */
	NG_D_NOTICE_BEFORE_KNOWN,   /* %s: party, %s: 知った日 */
	NG_D_TIMELINE_ORDER,        /* %s: party (warning) */
	NG_D_DATE_ORDER,            /* %s: later field, %s: earlier field (warning) */
	NG_D_BAD_EMAIL,             /* %s: field, %s: problem */
	NG_D_BAD_PHONE,             /* %s: field, %s: problem */
	NG_D_BAD_CATEGORY,          /* %s: problem */
	NG_D_CATEGORY_COUNT,        /* %s: problem (warning) */
	NG_D_NO_KNOWN_DATE,         /* no party has a 知った日 (warning) */
	NG_D_HOLIDAYS,              /* %s: problem (warning) */
	NG_D_FINAL_INVESTIGATING,   /* %d: item, %s: its name, %s: the 確報 deadline (warning) */
	NG_D_INTERRUPTED,           /* %zu: letters done, %zu: letters in the run */
	NG_D_RECIPIENT,             /* %s: problem with the window-envelope block (warning) */
	NG_D_OPENING_CLOSING_FIXED, /* %s: 頭語, %s: 結語 written, %s: 結語 used (warning) */
	NG_D_LIBRARY_MISSING,       /* %s: library, %s: what needs it, %s: the loader's error */
	NG_D_BATCH_FINISHED,        /* %zu: its failed rows (note) */
	NG_D_BATCH_BUSY,            /* %s: directory, %ld: pid of the run writing into it */
	NG_D_BATCH_EXISTS,          /* %s: directory, %zu: how many, %s: the first */
	NG_D_LIST_CHANGED,          /* %s: the client list */
	NG_D_DISK_FULL,             /* %s: directory, %zu: letters written, %zu: in the run */
	NG_D_NOT_PRINTED,           /* %s: template, %s: field, %s: why (warning) */
	NG_D_COVERED,               /* %s: field, %s: section heading (warning) */
	NG_D_WINDOW_CLOSED,         /* a contact window closed before the letter's date */
	NG_D_ERA,                   /* %s: problem with the era table or a date's era */
	NG_D_HOLIDAYS_TABLE,        /* %s: problem with the holiday table (error) */
	NG_D_CSV_SYNTAX,            /* %s: libcsv's problem */
	NG_D_WRONG_WEEKDAY,         /* %s: typed, %s: the day, %s: its weekday (warning) */
	NG_D_COUNT_UNDECIDED,       /* %s: the count as written (warning) */
	NG_D__COUNT
} ng_dcode;

/* Adds a diagnostic with the code's message format; returns it so that a
 * hint can be attached. Strings are copied. */
ng_diag *ng_diag_add(ng_diags *d, ng_dcode code, ng_pos pos, ...);
/* Adds a copy of a diagnostic (from another list, or rebuilt from text). */
ng_diag *ng_diag_copy(ng_diags *d, const ng_diag *g);
/* Sets the hint of a diagnostic returned by ng_diag_add. */
void ng_diag_hint(ng_diags *d, ng_diag *diag, const char *fmt, ...) NG_PRINTF(3, 4);
/* The message format of a code (English, untranslated); NULL for none.
 * For the catalogue's check (tests/i18n). */
const char *ng_diag_format(int code);
/* A copy of file kept alive as long as d (positions point into it). */
const char *ng_diag_intern(ng_diags *d, const char *file);

#endif
