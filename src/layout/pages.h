/* pages.h — the page list: what layout produces and renderers consume.
 * Device independent: points, origin at the page's top-left corner, y
 * growing downwards, text placed by its baseline. */
#ifndef NG_PAGES_H
#define NG_PAGES_H

#include <stddef.h>

#include "../util/diag.h"

/* Font roles; fonts/roles.tsv maps each to a family. */
typedef enum ng_font_role { NG_FONT_BODY = 0, NG_FONT_HEADING, NG_FONT__COUNT } ng_font_role;

/* Width in points of utf8[0..len) set in the role's font at size points.
 * Layout measures text only through this, one character at a time, and
 * may keep a width it was given: the width must depend on nothing but
 * the arguments. */
typedef double (*ng_measure_fn)(void *ctx, ng_font_role font, double size, const char *utf8,
                                size_t len);

/* A run of text on one baseline. char_space is added after every
 * character, the last included. Layout splits a line into several runs
 * wherever the spacing changes (half-width punctuation, 和欧間,
 * justification), each placed at its own x. */
typedef struct ng_run {
	double x, y;
	ng_font_role font;
	double size;
	double char_space;
	const char *text; /* UTF-8, not NUL-terminated */
	size_t len;
	double width; /* measured natural width, without char_space */
	ng_pos pos;   /* where the text came from */
} ng_run;

/* Structure roles (tagged PDF, ISO 32000-1 §14.8.4; PDF/UA-1): what a
 * piece of the letter is, for readers that do not see the page (screen
 * readers, reflow). Layout gives every line, rule, image and link an
 * element of the structure tree (ng_pages.elems) or marks it an artifact
 * (page numbers, rules, repeated table headers). NG_ROLE_NONE is no role:
 * content with it is a bug, which renderers report. */
typedef enum ng_role {
	NG_ROLE_NONE = 0,
	NG_ROLE_ARTIFACT, /* not read: decoration, pagination */
	NG_ROLE_DOCUMENT,
	NG_ROLE_P,
	NG_ROLE_H1,
	NG_ROLE_H2,
	NG_ROLE_H3,
	NG_ROLE_H4,
	NG_ROLE_H5,
	NG_ROLE_H6,
	NG_ROLE_L,
	NG_ROLE_LI,
	NG_ROLE_LBL,
	NG_ROLE_LBODY,
	NG_ROLE_TABLE,
	NG_ROLE_TR,
	NG_ROLE_TH,
	NG_ROLE_TD,
	NG_ROLE_NOTE,
	NG_ROLE_FIGURE,
	NG_ROLE_LINK,
	NG_ROLE_DIV,
	NG_ROLE__COUNT
} ng_role;

/* A header cell's scope (TH). */
typedef enum ng_scope { NG_SCOPE_NONE = 0, NG_SCOPE_COLUMN, NG_SCOPE_ROW } ng_scope;

/* An element of the structure tree. elems[0] is the document; every other
 * element's parent comes before it, and siblings are in reading order
 * (the order of the array). */
typedef struct ng_elem {
	ng_role role;
	unsigned parent;
	ng_scope scope;  /* NG_ROLE_TH */
	const char *alt; /* NG_ROLE_FIGURE: the alternative text; else NULL */
} ng_elem;

/* What a piece of content belongs to: an index into ng_pages.elems, or
 * NG_ELEM_ARTIFACT. 0 (the document itself) means "not assigned". */
#define NG_ELEM_ARTIFACT 0xFFFFFFFFu

/* Flags of a laid-out line. */
enum {
	NG_LINE_JUSTIFIED = 1, /* set to the full measure (両端揃え) */
	NG_LINE_HANGING = 2,   /* its last 。 or 、 hangs past the measure (ぶら下げ) */
	NG_LINE_FORCED = 4,    /* broken where no break is allowed (overflow) */
	NG_LINE_CONTINUED = 8, /* continues the text of the line before it */
	NG_LINE_FOOTER = 16,   /* the page number */
	NG_LINE_MARKER = 32    /* a list marker (・, ①, （1）), set apart from its text */
};

/* One laid-out line: its runs are runs[run0 .. run0 + nruns) of its page.
 * x is the left edge of the first character's slot, width the set width
 * (for a justified line x + width equals right, within rounding). */
typedef struct ng_line {
	double x, y, width;
	double right; /* right edge of the measure the line was set in */
	unsigned flags;
	size_t run0, nruns;
	const char *text; /* the line's characters, UTF-8, not NUL-terminated */
	size_t len;
	unsigned elem; /* its structure element, or NG_ELEM_ARTIFACT */
} ng_line;

/* A straight line (table rules, underlines). */
typedef struct ng_rule {
	double x1, y1, x2, y2, width;
	unsigned elem; /* a bar of a barcode: its Figure; else NG_ELEM_ARTIFACT */
} ng_rule;

/* A link area (mailto:, tel:, https:). */
typedef struct ng_link {
	double x, y, w, h; /* top-left corner and size */
	const char *uri;
	unsigned elem;    /* its Link element */
	const char *text; /* what it says (the line), UTF-8, NUL-terminated */
} ng_link;

/* An image placed on a page (the sender's 角印): top-left corner and size
 * in points, and the PNG file. */
typedef struct ng_image {
	double x, y, w, h;
	const char *path;
	unsigned elem; /* its Figure element */
} ng_image;

/* A bookmark (PDF outline entry): a heading's text, its level (1 = top)
 * and where it stands. */
typedef struct ng_mark {
	const char *title;
	int level;
	size_t page;
	double y;
} ng_mark;

typedef struct ng_page {
	ng_image *images;
	size_t nimages, capimages;
	ng_run *runs;
	size_t nruns, capruns;
	ng_rule *rules;
	size_t nrules, caprules;
	ng_link *links;
	size_t nlinks, caplinks;
	ng_line *lines; /* every text line, in reading order */
	size_t nlines, caplines;
} ng_page;

typedef struct ng_pages {
	double width, height; /* of every page */
	ng_page *pages;
	size_t npages, cap;
	ng_mark *marks; /* the headings, in order */
	size_t nmarks;
	/* The structure tree (nelems 0: none; renderers then write untagged
	 * output). */
	ng_elem *elems;
	size_t nelems, capelems;
	const char *lang; /* BCP 47, e.g. "ja-JP" */
	/* Document information for renderers that keep it. */
	const char *title, *author, *subject;
	long long date_epoch; /* seconds since 1970 UTC; the document's date */
} ng_pages;

#endif
