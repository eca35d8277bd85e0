/* tmpl.h — the template language's parsed form (the template module's own
 * header). A template is a list of lines; each line is a directive that
 * makes a block (@para …), a control line ({% if %}, {% for %}, {% else %},
 * {% end %}, {% include %}) or a comment ({# … #}). Text of a directive is
 * literal text and {{ path | filter(arg) }} substitutions. See
 * templates/README.md for the language as users see it. */
#ifndef NG_TMPL_H
#define NG_TMPL_H

#include "../doc/doc.h"
#include "../era/era.h"
#include "../record/record.h"
#include "../record/yaml_tree.h"

/* A filter argument: a quoted literal or a path. */
typedef struct t_arg {
	bool literal;
	const char *text; /* the literal, or the path's dotted text */
} t_arg;

typedef struct t_filter {
	const char *name;
	t_arg arg;
	bool has_arg;
	ng_pos pos;
} t_filter;

/* A piece of directive text: literal, or a substitution. */
typedef struct t_seg {
	bool var;
	const char *text; /* literal text, or the variable's dotted path */
	size_t len;
	ng_pos pos;
	bool exact; /* literal: columns map 1:1 to the template file */
	t_filter *filters;
	size_t nfilters;
} t_seg;

/* A condition: [not] PATH [== or != 'literal']. */
typedef struct t_cond {
	bool negate;
	const char *path;
	int op; /* 0 none, 1 ==, 2 != */
	const char *literal;
} t_cond;

typedef enum t_kind { T_BLOCK, T_IF, T_FOR, T_INCLUDE } t_kind;

typedef struct t_node t_node;

typedef struct t_list {
	t_node *v;
	size_t n, cap;
} t_list;

struct t_node {
	t_kind kind;
	ng_pos pos;
	/* T_BLOCK */
	int directive; /* index into the directive table (tmpl_eval.c) */
	const char *marker;
	const char *opts; /* the raw (…) option text */
	t_seg *segs;
	size_t nsegs;
	/* T_IF: cond, body, else_body. T_FOR: var, path, body. */
	t_cond cond;
	const char *var, *path;
	t_list body, else_body;
	/* T_INCLUDE */
	struct ng_template *included;
};

/* A field a template leaves out by design (@omits FIELD REASON). */
typedef struct t_omit {
	const char *field, *reason;
	const char *when; /* @omits(PATH): only when the record gives PATH */
	ng_pos pos;
} t_omit;

struct ng_template {
	const char *name, *description, *path;
	t_list body;
	/* @outline(STYLE) KEY …: the sections the template makes from the
	 * facts, in its order, and their default numbering style. */
	const char **outline;
	size_t noutline;
	const char *outline_style;
	t_omit *omits;
	size_t nomits;
};

/* memo.c: the blocks pieces of a template made, kept for the next letters
 * of the same record (struct ng_tmpl_memo, template.h). */
typedef struct ng_tmpl_memo t_memo;

/* The record values a piece of a template read (paths from the record's
 * root, as bits of the memo's path table); skip: the piece is not to be
 * kept (it read a value of this letter's own, or did more than add
 * blocks). */
typedef struct t_reads {
	uint64_t bits[4];
	bool skip;
} t_reads;

/* Notes in r that the running piece read path (dotted) from the record's
 * root. Returns whether this letter's node there is the record's own;
 * when not (or when it cannot be noted), r->skip is set. */
bool tmpl_memo_read(t_memo *m, const char *path, t_reads *r);

/* The letter's outline (outline.c): the record's sections merged with
 * the sections t makes from the facts, numbered; a list node for the
 * template's `outline` variable. What it reads of the record's tree is
 * noted in r (with m; both may be NULL). */
ng_node *tmpl_outline(const struct ng_template *t, const ng_record *rec, ng_arena *a, t_memo *m,
                      t_reads *r);
/* Whether the record gives a field (dotted path, any list element). */
bool tmpl_field_given(const ng_record *rec, const char *field);
void tmpl_report_omits(const struct ng_template *t, const ng_record *rec, ng_diags *d);

/* Directive names, in the order of the table in tmpl_eval.c. */
int tmpl_directive(const char *name, size_t len);

/* Parses a template file (already read) into t. Returns 0 or -1 after
 * adding diagnostics at the template's file:line:col. depth limits
 * includes. */
int tmpl_parse(struct ng_template *t, const char *path, const char *data, size_t len, ng_arena *a,
               ng_diags *d, int depth);

/* template.c: ng_template_build with a memo (or NULL). */
int tmpl_build(const struct ng_template *t, t_memo *m, const ng_record *rec, ng_era *era,
               ng_doc *doc, ng_diags *d);
/* Runs the template for rec, appending blocks to doc; with m (or NULL),
 * pieces kept for letters before are copied, not run again. Returns 0,
 * or -1 after adding diagnostics. */
int tmpl_run(const struct ng_template *t, t_memo *m, const ng_record *rec, ng_era *era, ng_doc *doc,
             ng_diags *d);

/* A loop variable (or the outline) while a template runs; fresh: its
 * node is the letter's own (not the record's, nor the memo's), so what
 * runs under it is never kept. */
typedef struct t_scope {
	const char *name;
	const ng_node *node;
	size_t index; /* 0-based position in its list */
	size_t count;
	bool fresh;
} t_scope;

/* A piece of a template as it runs: the node, the loop variables around
 * it, and whether a window-envelope block came before it (the window
 * options depend on it). */
typedef struct t_mkey {
	const t_node *node;
	const t_scope *scopes;
	size_t nscopes;
	bool window;
} t_mkey;

/* The node at path (dotted) under n, or NULL. */
const ng_node *tmpl_path(const ng_node *n, const char *path);
/* Starts a letter whose record's tree is root. */
void tmpl_memo_letter(t_memo *m, const ng_node *root);
/* The outline kept for the record (valid for this letter), or NULL. */
const ng_node *tmpl_memo_outline(t_memo *m);
/* The blocks kept for k that this letter may use (n of them), or NULL;
 * their reads are added to r. */
const ng_block *tmpl_memo_get(t_memo *m, const t_mkey *k, size_t *n, t_reads *r);
/* Keeps copies of the n blocks v made by k, having read r; a block's list
 * is kept relative to list0 (the doc's block count when k started).
 * Nothing happens when a cap is reached. */
void tmpl_memo_put(t_memo *m, const t_mkey *k, const t_reads *r, const ng_block *v, size_t n,
                   size_t list0);

/* What filters work on. */
typedef struct t_value {
	const ng_node *node; /* a record value, or NULL */
	const char *str;     /* a computed string, or NULL */
	size_t len;
	ng_pos pos;
	bool exact;
	const char *link;  /* set by the link filter */
	const char *image; /* set by the seal filter: a PNG, no text */
} t_value;

typedef struct t_ctx t_ctx;

/* Applies filter f to v. Returns 0, or -1 after adding a diagnostic. */
int tmpl_filter(t_ctx *c, const t_filter *f, t_value *v);
/* Helpers filters need from the evaluator. */
ng_era *tmpl_era(t_ctx *c);
ng_arena *tmpl_arena(t_ctx *c);
ng_diags *tmpl_diags(t_ctx *c);
int tmpl_lookup(t_ctx *c, const char *path, const ng_node **out);
/* Appends a record scalar's text with its {{date}} and {{field}}
 * references expanded. Returns 0, or -1 after adding diagnostics. */
int tmpl_expand(t_ctx *c, const ng_node *n, ng_content *out);
int tmpl_expand_text(t_ctx *c, const ng_text *t, ng_content *out);
ng_doc *tmpl_doc(t_ctx *c);
/* The kind of block whose text is being filled (ng_block_kind): the first
 * {{ words.self }} in a paragraph or list item introduces the sender. */
void tmpl_filling(t_ctx *c, int kind);
/* tmpl_blocks.c: a record block list (blocks.h) into the doc, indented
 * indent ems, lists starting at level. Returns 0, or -1 after adding
 * diagnostics. */
int tmpl_blocks(t_ctx *c, const ng_node *list, double indent, int level);

#endif
