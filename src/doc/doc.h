/* doc.h — the block tree a template produces and layout consumes: a flat
 * sequence of blocks (letters nest little; list levels are a number), each
 * holding its text with the source position of every part, so that a
 * problem found later (a character the font lacks) is reported where the
 * user wrote it. */
#ifndef NG_DOC_H
#define NG_DOC_H

#include "../layout/pages.h"

typedef enum ng_block_kind {
	NG_B_PARA,      /* body paragraph: justified, first line indented */
	NG_B_LINE,      /* a line (or lines) aligned left, right or centre */
	NG_B_TITLE,     /* the subject: centred, larger, heading font */
	NG_B_HEADING,   /* section heading, level 1-3, heading font */
	NG_B_ITEM,      /* list item: marker, hanging indent, nesting level */
	NG_B_TABLE,     /* rows × columns of cells (timelines) */
	NG_B_SPACE,     /* vertical space, in lines */
	NG_B_RECIPIENT, /* the address block for a window envelope: placed at
	                 * the window, out of the text flow (see ng_recipient) */
	NG_B_BREAK,     /* a forced page break */
	NG_B__COUNT
} ng_block_kind;

typedef enum ng_align { NG_ALIGN_LEFT, NG_ALIGN_RIGHT, NG_ALIGN_CENTER, NG_ALIGN_JUSTIFY } ng_align;

/* Where a byte range of a content's text came from. */
typedef struct ng_span {
	size_t start, len;
	ng_pos pos;
	bool exact; /* columns inside the span map 1:1 to the source */
	bool glue;  /* no line break inside it nor right after it (a list marker
	             * stays with the first characters of its item) */
} ng_span;

/* Text with its sources; text is NUL-terminated. */
typedef struct ng_content {
	char *text;
	size_t len, cap;
	ng_span *spans;
	size_t nspans, capspans;
	const char *link;  /* URI the whole text links to, or NULL */
	const char *image; /* a PNG set at the text's end (the sender's 角印), or NULL */
} ng_content;

/* The window-envelope block: lines of the address (postcode, address, name
 * with 様/御中) and, when barcode is set, the Japan Post customer barcode
 * for postcode + address under the name. mark (e.g. 親展; may be empty) is
 * set framed, right-aligned on the postcode's line: inside the window, so
 * it shows on the envelope. */
typedef struct ng_recipient {
	ng_content postcode, address, name, mark;
	ng_font_role mark_font;
	bool barcode;
} ng_recipient;

typedef struct ng_block {
	ng_block_kind kind;
	ng_align align;
	ng_font_role font;
	double size;         /* points; 0 means the body size */
	int level;           /* headings 1-3, list nesting 1… */
	double indent;       /* left indent of the whole block, in em */
	double right_indent; /* in em */
	double first_indent; /* extra indent of the first line, in em */
	double space;        /* NG_B_SPACE: lines; others: lines before */
	bool keep_with_next;
	const char *marker; /* NG_B_ITEM */
	/* NG_B_ITEM: the list it belongs to; items of one list (a record's
	 * list, note, labels or checks block) share a non-zero value, a new
	 * value starts another list (tagged PDF: another L). 0: consecutive
	 * items form one list. */
	unsigned list;
	ng_content content;
	/* NG_B_TABLE: cells row by row. */
	size_t ncols, nrows;
	size_t caprows; /* rows allocated in cells */
	ng_content *cells;
	double *col_weights; /* relative column widths; NULL: from content */
	/* NG_B_RECIPIENT */
	ng_recipient *recipient;
	size_t header_rows; /* leading rows repeated when the table breaks */
	/* A ruled table (a record's table:): a frame around every cell, the
	 * header rows centred, columns aligned by col_align (NULL: justified),
	 * sized by col_em (ems; NULL: from the content) or else no wider than
	 * their content, the last total_rows rows under a double rule. */
	bool ruled;
	ng_align *col_align;
	double *col_em;
	size_t total_rows;
	/* Per cell (NULL: every cell its own): N > 1 spans N columns, 0 is
	 * covered by the spanning cell on its left, -1 is joined to the cell
	 * above (no rule between them). */
	signed char *cell_span;
} ng_block;

typedef struct ng_doc {
	ng_arena *arena; /* owns everything below */
	ng_block *v;
	size_t n, cap;
	const char *title, *author, *subject;
	long long date_epoch;
} ng_doc;

/* The doc lives in the given arena. */
ng_doc *ng_doc_new(ng_arena *a);
/* Appends a block of the kind with default style; returns it. The pointer
 * is valid until the next ng_doc_add. */
ng_block *ng_doc_add(ng_doc *d, ng_block_kind kind);
/* Appends text from pos to a content. */
void ng_content_add(ng_arena *a, ng_content *c, const char *s, size_t len, ng_pos pos, bool exact);
void ng_content_adds(ng_arena *a, ng_content *c, const char *s, ng_pos pos);
/* Appends text that no line break may split or follow (ng_span.glue). */
void ng_content_glued(ng_arena *a, ng_content *c, const char *s, ng_pos pos);
/* Where byte off of the content's text came from. */
ng_pos ng_content_pos(const ng_content *c, size_t off);
/* The same for offsets asked in ascending order (a line's runs): the
 * cursor remembers the span and column reached, so a long paragraph's
 * characters are counted once, not once per run from the span's start.
 * A cursor starts zeroed and follows one content at a time. */
typedef struct ng_pos_cursor {
	const ng_content *c;
	size_t span, off; /* the span, and the offset whose column is col */
	int col;
	bool newline; /* a line feed lies between the span's start and off */
} ng_pos_cursor;
ng_pos ng_content_pos_next(ng_pos_cursor *cur, const ng_content *c, size_t off);
/* Adds an empty table of ncols columns; ng_table_cell gives a cell of a
 * new or existing row. */
ng_block *ng_doc_add_table(ng_doc *d, size_t ncols);
ng_content *ng_table_cell(ng_doc *d, ng_block *t, size_t row, size_t col);

/* The letter as plain text (an e-mail) and as Markdown (a web page):
 * unwrapped paragraphs, no positions. */
void ng_doc_text(const ng_doc *d, ng_buf *out);
void ng_doc_markdown(const ng_doc *d, ng_buf *out);

/* Text dump of the tree, one block a line, for tests and --dump doc. */
void ng_doc_dump(const ng_doc *d, ng_buf *out);

#endif
