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

#include "pdf_int.h"

/* The bodies of a set of shells, written into one buffer in any order,
 * then copied once into the document's memory (ng_raws_commit). */
typedef struct ng_raws {
	ng_buf b;
	HPDF_Dict *dict;
	size_t *start; /* [n + 1]: where each body begins in b */
	size_t n, cap;
	HPDF_List empty; /* the entry list every shell shares: it never has one */
} ng_raws;

/* A new shell, the next object of doc; NULL after libharu failed. */
HPDF_Dict ng_raw_new(ng_raws *rs, HPDF_Doc doc);
/* Ends the body of d: what was written into rs->b since the last one. */
void ng_raw_end(ng_raws *rs, HPDF_Dict d);
/* Gives each ended shell its body (in doc's memory: rs may go). */
HPDF_STATUS ng_raws_commit(ng_raws *rs, HPDF_MMgr mmgr);
void ng_raws_free(ng_raws *rs);
/* Whether obj is a committed shell, and its body. */
bool ng_raw_body(const void *obj, const char **s, size_t *len);

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

static inline char *ng_w_uint(char *p, size_t v)
{
	char d[24], *q = d + sizeof d;
	do
		*--q = (char)('0' + v % 10);
	while (v /= 10);
	size_t n = (size_t)(d + sizeof d - q);
	memcpy(p, q, n);
	return p + n;
}

/* "N 0 R" for an object of the document. */
static inline char *ng_w_ref(char *p, const void *obj)
{
	p = ng_w_uint(p, ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF);
	return NG_W(p, " 0 R");
}

#endif
