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
} ng_line;

/* A straight line (table rules, underlines). */
typedef struct ng_rule {
	double x1, y1, x2, y2, width;
} ng_rule;

/* A link area (mailto:, tel:, https:). */
typedef struct ng_link {
	double x, y, w, h; /* top-left corner and size */
	const char *uri;
} ng_link;

/* An image placed on a page (the sender's 角印): top-left corner and size
 * in points, and the PNG file. */
typedef struct ng_image {
	double x, y, w, h;
	const char *path;
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
	/* Document information for renderers that keep it. */
	const char *title, *author, *subject;
	long long date_epoch; /* seconds since 1970 UTC; the document's date */
} ng_pages;

#endif
