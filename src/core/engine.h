/* engine.h — one letter at a time, many letters per engine. An engine holds
 * what every letter of a run shares — the record, templates, fonts, the
 * ICU calendar and line breaker — and renders each letter in an arena it
 * resets between letters, so a batch costs per letter only what differs. */
#ifndef NG_ENGINE_H
#define NG_ENGINE_H

#include "../record/record.h"
#include "../record/yaml_tree.h"
#include "../template/template.h"
#include "notice_gen.h"

typedef struct ng_engine ng_engine;

/* Loads and validates the record. Returns NULL with *st set (and
 * diagnostics added) on failure. */
ng_engine *ng_engine_open(const char *input, ng_diags *d, ng_status *st);
/* The same from a record in memory (len bytes, named name in messages). */
ng_engine *ng_engine_open_data(const char *name, const char *data, size_t len, ng_diags *d,
                               ng_status *st);
void ng_engine_free(ng_engine *e);

const ng_record *ng_engine_record(const ng_engine *e);
/* Whether ICU's phrase iterator began opening on a helper thread: a first
 * run (no phrase memo), or a new record's title the memo lacks (tests). */
bool ng_engine_phrase_begun(const ng_engine *e);
/* The engine's long-lived arena (for per-run data such as client views). */
ng_arena *ng_engine_arena(ng_engine *e);

/* A template by name or path, loaded once and cached; NULL after adding
 * diagnostics. name NULL means the record's template, else the default. */
const ng_template *ng_engine_template(ng_engine *e, const char *name, ng_diags *d);

/* Opens the fonts and builds the fonts t's letters share, ahead of the
 * first letter (batch does it before forking its workers); from then on
 * shared fonts are made for many letters (deflated harder, once).
 * Problems are left for the letters to report. Returns with no helper
 * thread running (ng_engine_open may start one): the process may fork. */
void ng_engine_warm(ng_engine *e, const ng_template *t);

/* What one letter is made of: the template, and the tree its variables
 * come from (NULL: the record's own). */
typedef struct ng_letter_in {
	const ng_template *templ;
	const ng_node *root;
	ng_format format;
	ng_dump dump;
	bool pdfa; /* PDF/A-2u */
	/* Dated by the letter's own date even when SOURCE_DATE_EPOCH is set
	 * (snapshots: the same bytes in every environment). */
	bool own_date;
	/* A PDF's first bytes may be left out of out->bytes (out->head). */
	bool head_apart;
} ng_letter_in;

typedef struct ng_letter_out {
	ng_buf bytes; /* the PDF, text or dump; reset by each call */
	size_t pages;
	/* How many leading bytes are the objects of the fonts the letters of
	 * a batch share, the same in each (ng_pdf_opts.shared_prefix); 0. */
	size_t shared;
	/* The same in two letters only when those leading bytes are
	 * (ng_pdf_opts.shared_id); 0: compare them. */
	uint64_t shared_id;
	/* With ng_letter_in.head_apart: the letter is head (head_len bytes,
	 * kept by the engine until its next letter) then bytes; NULL: bytes
	 * is the whole letter. */
	const unsigned char *head;
	size_t head_len;
} ng_letter_out;

/* Renders one letter into out. Returns NG_OK, or a status after adding
 * diagnostics; out's bytes are then not a letter. */
ng_status ng_engine_letter(ng_engine *e, const ng_letter_in *in, ng_letter_out *out, ng_diags *d);

/* Appends the fonts a letter whose text is text is drawn with
 * (ng_fonts_describe), opening them first if needed. Returns NG_OK, or
 * NG_ERR_IO after adding diagnostics (a font is not installed). */
ng_status ng_engine_fonts(ng_engine *e, const char *text, size_t len, ng_buf *out, ng_diags *d);

#endif
