/* links.c — link annotations: a URI over a rectangle of a page, printed
 * (/F 4: PDF/A), without a border, and when tagged described by its text
 * (/Contents, PDF/UA-1 §7.18.5) and pointing back into the parent tree
 * (/StructParent).
 *
 * Written directly (rawobj.h): each annotation is a shell whose body is
 * formatted, once its /StructParent is known, as libharu 2.3.0 writes the
 * annotation HPDF_Page_CreateURILinkAnnot makes (entries in the order it
 * adds them; the URI a literal string with libharu's octal escapes), put
 * in its page's /Annots (pageobj.c). NG_PDF_HARU_OBJECTS=1 makes them
 * with libharu's calls instead; test_save compares the two. */
#include <stdlib.h>

#include "rawobj.h"

/* An annotation made, its body to write. */
struct ng_link_obj {
	HPDF_Dict dict;
	HPDF_Page page;
	HPDF_REAL rect[4]; /* left bottom right top */
	const char *uri;
	const char *text; /* /Contents, or NULL */
	long parent;      /* /StructParent, or -1 */
};

/* HPDF_NEEDS_ESCAPE: what HPDF_Stream_WriteEscapeText2 writes as \ooo. */
static bool needs_escape(unsigned char c)
{
	return c < 0x20 || c > 0x7e || strchr("\\%#/()<>[]{}", c) != NULL;
}

/* HPDF_Stream_WriteEscapeText2: a literal string. p has room for 4 * n + 2. */
static char *w_literal(char *p, const char *s, size_t n)
{
	*p++ = '(';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!needs_escape(c)) {
			*p++ = (char)c;
			continue;
		}
		*p++ = '\\';
		*p++ = (char)('0' + (c >> 6));
		*p++ = (char)('0' + ((c >> 3) & 7));
		*p++ = (char)('0' + (c & 7));
	}
	*p++ = ')';
	return p;
}

/* The annotation's rectangle as HPDF_Annotation_New orders it. */
static void set_rect(ng_link_obj *o, const ng_link *l, double h)
{
	HPDF_REAL left = (HPDF_REAL)l->x, bottom = (HPDF_REAL)(h - l->y - l->h),
	          right = (HPDF_REAL)(l->x + l->w), top = (HPDF_REAL)(h - l->y);
	if (top < bottom) {
		HPDF_REAL t = top;
		top = bottom, bottom = t;
	}
	o->rect[0] = left, o->rect[1] = bottom, o->rect[2] = right, o->rect[3] = top;
}

static HPDF_STATUS add_direct(ng_links *ls, HPDF_Doc doc, ng_pageobj *pg, const ng_link *l,
                              double h, const char *text, long parent, HPDF_Dict *annot)
{
	/* As HPDF_Page_CreateURILinkAnnot and HPDF_String_New refuse. */
	size_t n = strlen(l->uri);
	if (n == 0 || n > HPDF_LIMIT_MAX_STRING_LEN)
		return HPDF_INVALID_URI;
	HPDF_Dict d = ng_raw_new(&ls->raws, doc);
	if (!d)
		return HPDF_INVALID_OBJECT;
	HPDF_STATUS st = ng_page_annot(pg, doc, d);
	if (st)
		return st;
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? 2 * ls->cap : 8;
		ls->v = ng_xrealloc(ls->v, ls->cap * sizeof *ls->v);
	}
	ng_link_obj *o = &ls->v[ls->n++];
	*o = (ng_link_obj){d, pg->dict, {0}, l->uri, text, parent};
	set_rect(o, l, h);
	*annot = d;
	return HPDF_OK;
}

static HPDF_STATUS add_haru(HPDF_Doc doc, HPDF_Page pg, const ng_link *l, double h,
                            const char *text, long parent, HPDF_Dict *annot)
{
	HPDF_Rect rect = {(HPDF_REAL)l->x, (HPDF_REAL)(h - l->y - l->h), (HPDF_REAL)(l->x + l->w),
	                  (HPDF_REAL)(h - l->y)};
	HPDF_Annotation a = *annot = HPDF_Page_CreateURILinkAnnot(pg, rect, l->uri);
	if (!a)
		return HPDF_INVALID_OBJECT;
	HPDF_STATUS st = HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	if (!st)
		st = HPDF_Dict_AddNumber(a, "F", 4);
	if (!st && text) {
		ng_buf b = {0};
		ng_pdf_text16(&b, text, 0);
		HPDF_Binary v = HPDF_Binary_New(doc->mmgr, (HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
		ng_buf_free(&b);
		st = v ? HPDF_Dict_Add(a, "Contents", v) : HPDF_INVALID_OBJECT;
	}
	if (!st && parent >= 0)
		st = HPDF_Dict_AddNumber(a, "StructParent", (HPDF_INT32)parent);
	return st;
}

HPDF_STATUS ng_links_add(ng_links *ls, HPDF_Doc doc, ng_pageobj *pg, const ng_link *l, double h,
                         const char *text, long parent, HPDF_Dict *annot)
{
	*annot = NULL;
	if (ls->haru)
		return add_haru(doc, pg->dict, l, h, text, parent, annot);
	return add_direct(ls, doc, pg, l, h, text, parent, annot);
}

/* The body of o (HPDF_Annotation_New, HPDF_URILinkAnnot_New,
 * AddAnnotation, HPDF_LinkAnnot_SetBorderStyle, then ours). */
static HPDF_STATUS put_link(ng_links *ls, const ng_link_obj *o, ng_buf *tmp)
{
	ng_buf *b = &ls->raws.b;
	size_t n = strlen(o->uri);
	char *p = ng_room(b, 160 + 4 * (HPDF_REAL_LEN + 2) + 4 * n + NG_REF_MAX);
	p = NG_W(p, "/Rect [ ");
	for (int i = 0; i < 4; i++) {
		p = ng_w_real(p, o->rect[i]);
		*p++ = ' ';
	}
	p = NG_W(p, "]\n/Type /Annot\n/Subtype /Link\n/A <<\n/Type /Action\n/S /URI\n/URI ");
	p = w_literal(p, o->uri, n);
	p = NG_W(p, "\n>>\n/P ");
	p = ng_w_ref(p, o->page);
	ng_room_done(b, NG_W(p, "\n/Border [ 0 0 0 ]\n/F 4\n"));
	if (o->text) {
		ng_buf_reset(tmp);
		ng_pdf_text16(tmp, o->text, 0);
		if (tmp->len > HPDF_LIMIT_MAX_STRING_LEN) /* HPDF_Binary_New refuses it */
			return HPDF_BINARY_LENGTH_ERR;
		p = ng_room(b, 16 + 2 * tmp->len);
		p = NG_W(p, "/Contents ");
		ng_room_done(b, NG_W(ng_w_hex(p, tmp->data, tmp->len), "\n"));
	}
	if (o->parent >= 0) {
		p = NG_W(ng_room(b, 40), "/StructParent ");
		ng_room_done(b, NG_W(ng_w_uint(p, (size_t)o->parent), "\n"));
	}
	ng_raw_end(&ls->raws, o->dict);
	return HPDF_OK;
}

HPDF_STATUS ng_links_finish(ng_links *ls, HPDF_Doc doc)
{
	if (ls->n == 0)
		return HPDF_OK;
	ng_buf tmp = {0};
	HPDF_STATUS st = HPDF_OK;
	for (size_t i = 0; i < ls->n && !st; i++)
		st = put_link(ls, &ls->v[i], &tmp);
	ng_buf_free(&tmp);
	return st ? st : ng_raws_commit(&ls->raws, doc->mmgr);
}

void ng_links_free(ng_links *ls)
{
	ng_raws_free(&ls->raws);
	free(ls->v);
}
