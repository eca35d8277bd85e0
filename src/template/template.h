/* template.h — turning a record into the block tree of a letter through a
 * template file written in the template language (templates/README.md):
 * directives make blocks, {{ }} takes the record's values through filters
 * (dates in 和暦 with computed weekdays), if/for/include steer. */
#ifndef NG_TEMPLATE_H
#define NG_TEMPLATE_H

#include "../doc/doc.h"
#include "../record/record.h"

typedef struct ng_template ng_template;

/* The @title directive's size in points (the engine guesses from it
 * whether a record's title will wrap before the template runs). */
#define NG_TITLE_SIZE 14

/* Loads a template by name (ng_home_dir()/templates/NAME.tmpl) or by path
 * (anything containing '/' or ending in .tmpl). Returns NULL after adding
 * diagnostics at the template's file:line:col. Allocated from a; a loaded
 * template can build any number of letters. */
ng_template *ng_template_load(const char *name_or_path, ng_arena *a, ng_diags *d);
/* The same from a template's text (len bytes) called name in messages. */
ng_template *ng_template_parse(const char *name, const char *text, size_t len, ng_arena *a,
                               ng_diags *d);

/* Builds the letter for rec into doc. Returns 0, or -1 after adding
 * diagnostics. */
int ng_template_build(const ng_template *t, const ng_record *rec, ng_era *era, ng_doc *doc,
                      ng_diags *d);

/* A memo of a template's letters for one record (memo.c): a piece of the
 * template (a directive, an if, a for or an include under its loop
 * variables) that read only the record's own values, not a client's, is
 * run once and its blocks copied into the letters after. It keeps at most
 * max_bytes and max_entries (then keeps no more; nothing is evicted). t
 * and base must outlive it. */
typedef struct ng_tmpl_memo ng_tmpl_memo;
ng_tmpl_memo *ng_tmpl_memo_new(const ng_template *t, const ng_record *base, size_t max_bytes,
                               size_t max_entries);
void ng_tmpl_memo_free(ng_tmpl_memo *m);

typedef struct ng_tmpl_memo_stats {
	size_t entries, bytes, hits, paths;
} ng_tmpl_memo_stats;
ng_tmpl_memo_stats ng_tmpl_memo_get_stats(const ng_tmpl_memo *m);

/* Builds, as ng_template_build, the letter of the memo's record seen
 * through root (a batch's view of it for one client; NULL: the record's
 * own tree). */
int ng_template_build_view(ng_tmpl_memo *m, const ng_node *root, ng_era *era, ng_doc *doc,
                           ng_diags *d);

/* Warns (not-printed) about each field rec gives that t leaves out by
 * design (the template's @omits lines). */
void ng_template_report_omits(const ng_template *t, const ng_record *rec, ng_diags *d);

const char *ng_template_name(const ng_template *t);
const char *ng_template_description(const ng_template *t);

/* The built-in templates' names, one a line (with a tab and the
 * description when descriptions is set). */
void ng_templates_list(ng_buf *out, bool descriptions);

#endif
