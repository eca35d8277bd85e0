/* rawobj.h — objects only notice-gen makes and only it fills: the
 * structure tree's elements, the outline's items. Each is a libharu
 * dictionary shell (numbered in the cross-reference table, so that
 * references to it and HPDF_SaveToStream work as for any object) whose
 * body, everything between "<<\n" and ">>", is bytes formatted here into
 * one buffer: libharu's entry lists (a few allocations, a string copy and
 * a look-up per entry, then the same again to write them) cost more than
 * the rest of a letter's objects together. Included by the pdf module's
 * .c files only. */
#ifndef NG_PDF_RAWOBJ_H
#define NG_PDF_RAWOBJ_H

#include <string.h>

#include <hpdf_utils.h>

#include "pdf_int.h"

/* The bodies of a set of shells, written into one buffer in any order,
 * then copied once into the document's memory (ng_raws_commit). */
typedef struct ng_raws {
	ng_buf b;
	HPDF_Dict *dict;
	size_t *start; /* [n + 1]: where each body begins in b */
	size_t n, cap;
	HPDF_List empty;     /* the entry list every shell shares: it never has one */
	HPDF_Dict_Rec *pool; /* records for the next shells, npool of them */
	size_t npool;
} ng_raws;

/* A new shell, the next object of doc; NULL after libharu failed. */
HPDF_Dict ng_raw_new(ng_raws *rs, HPDF_Doc doc);
/* Ends the body of d: what was written into rs->b since the last one. */
void ng_raw_end(ng_raws *rs, HPDF_Dict d);
/* Gives each ended shell its body (in doc's memory: rs may go). */
HPDF_STATUS ng_raws_commit(ng_raws *rs, HPDF_MMgr mmgr);
void ng_raws_free(ng_raws *rs);
/* Whether obj is a shell (ng_raw_new). */
bool ng_raw_is(const void *obj);
/* Whether obj is a committed shell, and its body. */
bool ng_raw_body(const void *obj, const char **s, size_t *len);

/* ---- the objects written directly */

/* The bookmarks of pages' headings (outline.c), or (haru) the same with
 * libharu's outline objects. */
HPDF_STATUS ng_outline_write(HPDF_Doc doc, const ng_pages *pages, const HPDF_Page *page, bool haru);

/* A page (pageobj.c): a shell written directly, or libharu's (res set). */
typedef struct ng_pageobj {
	HPDF_Dict dict;     /* the page */
	HPDF_Dict contents; /* its content stream (libharu's) */
	HPDF_Dict res;      /* libharu's page: its /Resources */
	HPDF_REAL width, height;
	/* A shell's entries: /Font resources, /Annots, /StructParents (-1:
	 * none; with /Tabs /S). */
	HPDF_Dict fonts;
	HPDF_Dict *annots;
	size_t nannots, capannots;
	long struct_parents;
} ng_pageobj;

/* A document's pages, at most the number given to ng_pageobjs_init. */
typedef struct ng_pageobjs {
	ng_raws raws;
	ng_pageobj *v;
	size_t n, cap;
} ng_pageobjs;
void ng_pageobjs_init(ng_pageobjs *ps, size_t npages);
void ng_pageobjs_free(ng_pageobjs *ps);
/* Adds a page of width × height points into *out (in ps: no need to
 * free), written directly or (not direct) libharu's; *call names what
 * failed, as libharu's call would be named. */
HPDF_STATUS ng_page_new(ng_pageobjs *ps, HPDF_Doc doc, double width, double height, bool direct,
                        ng_pageobj **out, const char **call);
/* The page's /Font resources; an annotation on it. */
HPDF_STATUS ng_page_fonts(ng_pageobj *pg, HPDF_Dict fonts);
HPDF_STATUS ng_page_annot(ng_pageobj *pg, HPDF_Doc doc, HPDF_Dict annot);
/* Writes the bodies of the shells (before the document is saved). */
HPDF_STATUS ng_pages_finish(ng_pageobjs *ps, HPDF_Doc doc);

/* A document's link annotations (links.c); zeroed to begin, haru set to
 * make them with libharu's calls. */
typedef struct ng_link_obj ng_link_obj;
typedef struct ng_links {
	bool haru;
	ng_raws raws;
	ng_link_obj *v;
	size_t n, cap;
} ng_links;
/* Makes the annotation of l on page pg, whose height is h, into
 * *annot; text: its /Contents (NULL: none), parent: its /StructParent
 * (-1: none). haru needs libharu's pages. */
HPDF_STATUS ng_links_add(ng_links *ls, HPDF_Doc doc, ng_pageobj *pg, const ng_link *l, double h,
                         const char *text, long parent, HPDF_Dict *annot);
/* Writes the bodies of those made directly (before the document is
 * saved). */
HPDF_STATUS ng_links_finish(ng_links *ls, HPDF_Doc doc);
void ng_links_free(ng_links *ls);

/* ---- formatting into room reserved at the buffer's end, a pointer at a
 * time (a call per piece costs more than the piece) */

/* At least n more bytes (and the NUL) at b->data + b->len. */
static inline char *ng_room(ng_buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = ng_xrealloc(b->data, cap);
		b->cap = cap;
	}
	return b->data + b->len;
}

/* Ends a stretch written from ng_room at p. */
static inline void ng_room_done(ng_buf *b, char *p)
{
	b->len = (size_t)(p - b->data);
	b->data[b->len] = '\0';
}

/* Copies a string literal to p; the pointer after it. */
#define NG_W(p, lit) (memcpy((p), (lit), sizeof(lit) - 1), (p) + sizeof(lit) - 1)
#define NG_REF_MAX   24 /* "4294967295 0 R " */

/* v in decimal, written in place from its last digit (no copy: a
 * letter writes a few thousand numbers). */
static inline char *ng_w_uint(char *p, size_t v)
{
	size_t n = 1;
	for (size_t t = v; t >= 10; t /= 10)
		n++;
	char *end = p + n;
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return p + n;
}

/* "N 0 R" for an object of the document. */
static inline char *ng_w_ref(char *p, const void *obj)
{
	p = ng_w_uint(p, ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF);
	return NG_W(p, " 0 R");
}

/* A real as libharu writes one (HPDF_Real_Write): HPDF_FToA's digits,
 * up to the end it returns (they are not always followed by a NUL). p
 * has room for HPDF_REAL_LEN + 1 bytes. */
static inline char *ng_w_real(char *p, HPDF_REAL v)
{
	return HPDF_FToA(p, v, p + HPDF_REAL_LEN);
}

/* Bytes as libharu writes a binary string (HPDF_Binary_Write): uppercase
 * hex in angle brackets. p has room for 2 * n + 2 bytes. */
static inline char *ng_w_hex(char *p, const void *data, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *d = data;
	*p++ = '<';
	for (size_t i = 0; i < n; i++) {
		*p++ = hex[d[i] >> 4];
		*p++ = hex[d[i] & 15];
	}
	*p++ = '>';
	return p;
}

#endif
