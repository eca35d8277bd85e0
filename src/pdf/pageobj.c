/* pageobj.c — a letter's page objects. A page without images is written
 * directly (rawobj.h): a shell whose body is formatted once the page is
 * complete, as libharu 2.3.0 writes the page HPDF_AddPage makes (entries
 * in the order libharu adds them: /Type, /MediaBox, /Contents,
 * /Resources, /Parent, then /Annots and, tagged, /StructParents and
 * /Tabs), for a fifth of what building and writing libharu's costs (a
 * page dictionary, its resources, a graphics state, arrays of reals, all
 * written entry by entry). Its content stream stays libharu's, as does a
 * page with images (their /XObject resources) and every page when
 * NG_PDF_HARU_OBJECTS=1 (test_save compares the two). */
#include <stdlib.h>

#include "rawobj.h"

void ng_pageobjs_init(ng_pageobjs *ps, size_t npages)
{
	*ps = (ng_pageobjs){.v = ng_xcalloc(npages + 1, sizeof *ps->v), .cap = npages};
}

void ng_pageobjs_free(ng_pageobjs *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		free(ps->v[i].annots);
	free(ps->v);
	ng_raws_free(&ps->raws);
}

/* HPDF_AddPage, HPDF_Page_SetWidth and HPDF_Page_SetHeight. */
static HPDF_STATUS add_haru(HPDF_Doc doc, ng_pageobj *pg, const char **call)
{
	HPDF_Page p = HPDF_AddPage(doc);
	*call = "HPDF_AddPage";
	if (!p)
		return HPDF_INVALID_OBJECT;
	pg->dict = p;
	pg->contents = ((HPDF_PageAttr)p->attr)->contents;
	*call = "HPDF_Page_SetWidth";
	HPDF_STATUS st = HPDF_Page_SetWidth(p, pg->width);
	if (st)
		return st;
	*call = "HPDF_Page_SetHeight";
	if ((st = HPDF_Page_SetHeight(p, pg->height)))
		return st;
	*call = "HPDF_Dict_GetItem";
	pg->res = HPDF_Dict_GetItem(p, "Resources", HPDF_OCLASS_DICT);
	return pg->res ? HPDF_OK : HPDF_INVALID_OBJECT;
}

/* The objects HPDF_AddPage makes, in its order (the page, its content
 * stream, the stream's length), the page a shell among the kids of the
 * document's page tree (whose /Count counts it by its class). */
static HPDF_STATUS add_direct(ng_pageobjs *ps, HPDF_Doc doc, ng_pageobj *pg, const char **call)
{
	/* HPDF_Page_SetWidth's and SetHeight's limits, named as they are. */
	*call = "HPDF_Page_SetWidth";
	if (pg->width < 3 || pg->width > 14400)
		return HPDF_PAGE_INVALID_SIZE;
	*call = "HPDF_Page_SetHeight";
	if (pg->height < 3 || pg->height > 14400)
		return HPDF_PAGE_INVALID_SIZE;
	*call = "ng_page_new";
	HPDF_Dict d = ng_raw_new(&ps->raws, doc);
	if (!d)
		return HPDF_INVALID_OBJECT;
	d->header.obj_class |= HPDF_OSUBCLASS_PAGE;
	pg->dict = d;
	pg->contents = HPDF_DictStream_New(doc->mmgr, doc->xref);
	HPDF_Array kids = HPDF_Dict_GetItem(doc->cur_pages, "Kids", HPDF_OCLASS_ARRAY);
	if (!pg->contents || !kids)
		return HPDF_INVALID_OBJECT;
	return HPDF_Array_Add(kids, d);
}

HPDF_STATUS ng_page_new(ng_pageobjs *ps, HPDF_Doc doc, double width, double height, bool direct,
                        ng_pageobj **out, const char **call)
{
	ng_pageobj *pg = *out = &ps->v[ps->n++]; /* ps->cap pages at the most */
	pg->width = (HPDF_REAL)width;
	pg->height = (HPDF_REAL)height;
	pg->struct_parents = -1;
	return direct ? add_direct(ps, doc, pg, call) : add_haru(doc, pg, call);
}

HPDF_STATUS ng_page_fonts(ng_pageobj *pg, HPDF_Dict fonts)
{
	if (pg->res)
		return HPDF_Dict_Add(pg->res, "Font", fonts);
	pg->fonts = fonts;
	return HPDF_OK;
}

HPDF_STATUS ng_page_annot(ng_pageobj *pg, HPDF_Doc doc, HPDF_Dict annot)
{
	if (!ng_raw_is(pg->dict)) { /* AddAnnotation's (hpdf_page_operator.c) */
		HPDF_Array a = HPDF_Dict_GetItem(pg->dict, "Annots", HPDF_OCLASS_ARRAY);
		if (!a) {
			if (!(a = HPDF_Array_New(doc->mmgr)))
				return HPDF_FAILD_TO_ALLOC_MEM;
			HPDF_STATUS st = HPDF_Dict_Add(pg->dict, "Annots", a);
			if (st)
				return st;
		}
		return HPDF_Array_Add(a, annot);
	}
	if (pg->nannots == pg->capannots) {
		pg->capannots = pg->capannots ? 2 * pg->capannots : 4;
		pg->annots = ng_xrealloc(pg->annots, pg->capannots * sizeof *pg->annots);
	}
	pg->annots[pg->nannots++] = annot;
	return HPDF_OK;
}

static char *w_key_ref(char *p, const char *key, size_t n, const void *obj)
{
	memcpy(p, key, n);
	p = ng_w_ref(p + n, obj);
	*p++ = '\n';
	return p;
}

#define KEY_REF(p, lit, obj) w_key_ref((p), (lit), sizeof(lit) - 1, (obj))

static void put_page(ng_pageobjs *ps, const ng_pageobj *pg, HPDF_Doc doc)
{
	ng_buf *b = &ps->raws.b;
	char *p = ng_room(b, 256 + 2 * HPDF_REAL_LEN + (4 + pg->nannots) * NG_REF_MAX);
	p = NG_W(p, "/Type /Page\n/MediaBox [ 0 0 ");
	p = ng_w_real(p, pg->width);
	*p++ = ' ';
	p = ng_w_real(p, pg->height);
	p = NG_W(p, " ]\n");
	p = KEY_REF(p, "/Contents ", pg->contents);
	p = NG_W(p, "/Resources <<\n/ProcSet [ /PDF /Text /ImageB /ImageC /ImageI ]\n");
	if (pg->fonts)
		p = KEY_REF(p, "/Font ", pg->fonts);
	p = NG_W(p, ">>\n");
	p = KEY_REF(p, "/Parent ", doc->cur_pages);
	if (pg->nannots) {
		p = NG_W(p, "/Annots [ ");
		for (size_t i = 0; i < pg->nannots; i++) {
			p = ng_w_ref(p, pg->annots[i]);
			*p++ = ' ';
		}
		p = NG_W(p, "]\n");
	}
	if (pg->struct_parents >= 0) {
		p = NG_W(p, "/StructParents ");
		p = ng_w_uint(p, (size_t)pg->struct_parents);
		p = NG_W(p, "\n/Tabs /S\n");
	}
	ng_room_done(b, p);
	ng_raw_end(&ps->raws, pg->dict);
}

HPDF_STATUS ng_pages_finish(ng_pageobjs *ps, HPDF_Doc doc)
{
	if (ps->raws.empty == NULL) /* no shell */
		return HPDF_OK;
	for (size_t i = 0; i < ps->n; i++)
		if (ng_raw_is(ps->v[i].dict))
			put_page(ps, &ps->v[i], doc);
	return ng_raws_commit(&ps->raws, doc->mmgr);
}
