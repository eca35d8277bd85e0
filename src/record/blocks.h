/* blocks.h — a block list as the record writes it (sections[].blocks,
 * updates[].blocks, attachments[].blocks): paragraphs, lists, tables,
 * ※ notes, label/value lists, checkbox rows and page breaks, read from the
 * YAML tree into positioned structs with every problem reported at its
 * file:line:col. The schema is in docs/record.md ("Blocks"). Templates
 * print a block list with `@blocks PATH` (src/template/tmpl_blocks.c). */
#ifndef NG_BLOCKS_H
#define NG_BLOCKS_H

#include "record.h"
#include "yaml_tree.h"

typedef enum ng_rblock_kind {
	NG_RB_PARAGRAPH, /* a string, or paragraph: TEXT */
	NG_RB_LIST,      /* list: ITEMS, marker:, inline: */
	NG_RB_TABLE,     /* table: {header, rows, align, widths, total, note} */
	NG_RB_NOTE,      /* note: TEXT or ITEMS (※ notes, nested) */
	NG_RB_LABELS,    /* labels: [{label, value}], numbering: */
	NG_RB_CHECKS,    /* checks: [{checked, text}] */
	NG_RB_PAGE_BREAK /* page_break: true */
} ng_rblock_kind;

typedef struct ng_rblock ng_rblock;
typedef struct ng_ritem ng_ritem;

typedef struct ng_rblocks {
	ng_rblock *v;
	size_t n;
} ng_rblocks;

/* A nested list: its items and its marker style (NULL: the default). */
typedef struct ng_rlist {
	ng_ritem *v;
	size_t n;
	const char *marker;
} ng_rlist;

/* An entry of a list, a note, a label list or checkbox rows. */
struct ng_ritem {
	ng_text text;    /* the item; a label list's label; a check's text */
	ng_texts value;  /* labels: the value's paragraphs */
	ng_text checked; /* checks: true / false, or a {{field}} reference */
	ng_rlist sub;    /* nested items (items:), n 0 when none */
	ng_pos pos;
};

/* Column alignment as written (0: from the content). */
typedef enum ng_ralign { NG_RA_AUTO = 0, NG_RA_LEFT, NG_RA_RIGHT, NG_RA_CENTER } ng_ralign;

typedef struct ng_rtable {
	size_t ncols;
	size_t nheader, nbody, ntotal; /* rows of each part, in that order */
	ng_text *cells;                /* row by row; s "" for an empty cell */
	/* Per cell: 1; N > 1 for a cell spanning N columns (0 for the cells it
	 * covers); -1 for a cell joined to the one above (^). */
	signed char *span;
	ng_ralign *align;
	double *widths; /* ems per column, or NULL: from the content */
	ng_rlist note;  /* the ※ note under the table */
} ng_rtable;

struct ng_rblock {
	ng_rblock_kind kind;
	ng_pos pos;
	ng_text text;     /* paragraph */
	ng_rlist items;   /* list, note, labels, checks */
	bool inline_list; /* list: items run on in one paragraph */
	ng_rtable *table;
};

/* Reads a block list (a sequence; a single string or block map is a list
 * of one). key names the field for messages ("blocks"). Returns 0, or -1
 * after adding diagnostics for every problem found. Texts are normalised
 * in the tree too (as every record text is), so templates read the same
 * values. Allocated from a. */
int ng_blocks_read(const ng_node *n, const char *key, ng_arena *a, ng_diags *d, ng_rblocks *out);

/* Reads one text field of the record the way every text is read:
 * normalised (NFC, full-width kana, ～), no invisible characters, its
 * {{…}} references checked. Returns 0, or -1 after a diagnostic. */
int ng_record_text(const ng_node *n, const char *key, ng_arena *a, ng_diags *d, ng_text *out);

/* The marker of item n (1-based) of a list in a marker style: a style
 * with a counter (1 １ ① ア a A 一, as in 「（1）」「1.」「ア.」「①」)
 * counts; any other style (・ ○ ● ■ □ ※) repeats; "none" is "". */
const char *ng_marker_text(ng_arena *a, const char *style, size_t n);
/* Whether a marker style is one ng_marker_text accepts (non-empty, at most
 * 8 characters, no spaces at its ends). */
bool ng_marker_valid(const char *style);

/* Whether a checkbox value is checked: 1 yes, 0 no, -1 when it is not a
 * value a checkbox takes (true/false, yes/no, 1/0, ○/×, ■/□, 有/無, あり/なし,
 * empty). */
int ng_check_value(const char *s);

#endif
