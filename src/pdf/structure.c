/* structure.c — tagged PDF (ISO 32000-1 §14.7–14.8, PDF/UA-1): the marked
 * content operators that tie a page's lines, rules and images to the
 * structure tree layout built (ng_pages.elems), and the tree itself —
 * StructTreeRoot, one StructElem per element with content, the
 * ParentTree that maps each page's MCIDs and each link annotation back
 * to its element — plus the catalog's /MarkInfo and /Lang.
 *
 * Reading order is the order of the tree: an element's own marked
 * content (in page order), then its children in the order layout made
 * them, which is the order of the blocks. Elements without content (an
 * empty list) are left out.
 *
 * Speed: a letter has a few hundred elements. Each is one libharu
 * dictionary whose body is written by a hook from bytes formatted here
 * (libharu's entry lists would cost more than the rest of the letter's
 * objects together). */
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

static const char *const role_names[NG_ROLE__COUNT] = {
    [NG_ROLE_ARTIFACT] = "Artifact",
    [NG_ROLE_DOCUMENT] = "Document",
    [NG_ROLE_P] = "P",
    [NG_ROLE_H1] = "H1",
    [NG_ROLE_H2] = "H2",
    [NG_ROLE_H3] = "H3",
    [NG_ROLE_H4] = "H4",
    [NG_ROLE_H5] = "H5",
    [NG_ROLE_H6] = "H6",
    [NG_ROLE_L] = "L",
    [NG_ROLE_LI] = "LI",
    [NG_ROLE_LBL] = "Lbl",
    [NG_ROLE_LBODY] = "LBody",
    [NG_ROLE_TABLE] = "Table",
    [NG_ROLE_TR] = "TR",
    [NG_ROLE_TH] = "TH",
    [NG_ROLE_TD] = "TD",
    [NG_ROLE_NOTE] = "Note",
    [NG_ROLE_FIGURE] = "Figure",
    [NG_ROLE_LINK] = "Link",
    [NG_ROLE_DIV] = "Div",
};

const char *ng_pdf_role_name(ng_role role)
{
	return (unsigned)role < NG_ROLE__COUNT ? role_names[role] : NULL;
}

/* ---- marked content */

/* The element's role, or NULL when elem is no element with a role. */
static const char *elem_role(const ng_mcids *mc, unsigned elem)
{
	if (elem == 0 || elem >= mc->pages->nelems)
		return NULL;
	return ng_pdf_role_name(mc->pages->elems[elem].role);
}

void ng_mc_tag(ng_buf *b, ng_mcids *mc, unsigned elem)
{
	const char *role = elem == NG_ELEM_ARTIFACT ? NULL : elem_role(mc, elem);
	if (!role) {
		mc->bad += elem != NG_ELEM_ARTIFACT;
		ng_buf_adds(b, "/Artifact <<");
		return;
	}
	if (mc->n == mc->cap) {
		mc->cap = mc->cap ? 2 * mc->cap : 64;
		mc->elem = ng_xrealloc(mc->elem, mc->cap * sizeof *mc->elem);
	}
	ng_buf_printf(b, "/Span <</MCID %zu ", mc->n);
	mc->elem[mc->n++] = elem;
}

void ng_mc_open(ng_buf *b, ng_mcids *mc, unsigned elem)
{
	if (elem == NG_ELEM_ARTIFACT) {
		ng_buf_adds(b, "/Artifact BMC\n");
		return;
	}
	ng_mc_tag(b, mc, elem);
	ng_buf_adds(b, ">> BDC\n");
}

/* ---- the tree */

/* A dictionary whose body is written as given (after libharu's entries,
 * of which it has none). */
typedef struct rawbody {
	char *s;
	size_t len;
} rawbody;

static HPDF_STATUS write_raw(HPDF_Dict dict, HPDF_Stream out)
{
	const rawbody *r = dict->attr;
	return HPDF_Stream_Write(out, (const HPDF_BYTE *)r->s, (HPDF_UINT)r->len);
}

static HPDF_Dict raw_new(HPDF_Doc doc)
{
	HPDF_Dict d = HPDF_Dict_New(doc->mmgr);
	if (!d || HPDF_Xref_Add(doc->xref, d) != HPDF_OK)
		return NULL;
	return d;
}

static HPDF_STATUS raw_set(HPDF_Dict d, const ng_buf *b)
{
	rawbody *r = HPDF_GetMem(d->mmgr, sizeof *r);
	char *s = r ? HPDF_GetMem(d->mmgr, (HPDF_UINT)b->len + 1) : NULL;
	if (!s)
		return HPDF_FAILD_TO_ALLOC_MEM;
	memcpy(s, b->data, b->len);
	*r = (rawbody){s, b->len};
	d->attr = r;
	d->write_fn = write_raw;
	return HPDF_OK;
}

static unsigned obj_id(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

static void ref(ng_buf *b, const void *obj)
{
	ng_buf_printf(b, "%u 0 R", obj_id(obj));
}

/* Where one element's pieces are: ranges into shared arrays. */
typedef struct tree {
	const ng_pages *pages;
	const ng_mcids *mc; /* [npages] */
	const HPDF_Page *page;
	const ng_struct_annot *annots;
	size_t nannots;
	size_t nel;
	/* per element: its MCIDs (page, mcid) and children, CSR style */
	size_t *mc0, *ch0, *an0;
	struct pm {
		size_t page, mcid;
	} * mcs;
	unsigned *kids;
	size_t *ann; /* annotation indices by element */
	bool *used;
	HPDF_Dict *dict;
} tree;

/* Counting sort of (key → value) pairs into CSR arrays: start[nel + 1]. */
static void csr_starts(size_t *start, size_t nel)
{
	size_t sum = 0;
	for (size_t e = 0; e <= nel; e++) {
		size_t c = start[e];
		start[e] = sum;
		sum += c;
	}
}

static int index_tree(tree *t)
{
	size_t nel = t->nel, nmc = 0;
	t->mc0 = ng_xcalloc(nel + 1, sizeof *t->mc0);
	t->ch0 = ng_xcalloc(nel + 1, sizeof *t->ch0);
	t->an0 = ng_xcalloc(nel + 1, sizeof *t->an0);
	t->used = ng_xcalloc(nel + 1, sizeof *t->used);
	for (size_t p = 0; p < t->pages->npages; p++)
		for (size_t i = 0; i < t->mc[p].n; i++, nmc++)
			t->mc0[t->mc[p].elem[i]]++;
	for (size_t k = 0; k < t->nannots; k++)
		t->an0[t->annots[k].elem]++;
	for (size_t e = 1; e < nel; e++)
		t->ch0[t->pages->elems[e].parent]++;
	csr_starts(t->mc0, nel);
	csr_starts(t->ch0, nel);
	csr_starts(t->an0, nel);
	t->mcs = ng_xmalloc((nmc + 1) * sizeof *t->mcs);
	t->kids = ng_xmalloc((nel + 1) * sizeof *t->kids);
	t->ann = ng_xmalloc((t->nannots + 1) * sizeof *t->ann);
	size_t *fill = ng_xcalloc(nel + 1, sizeof *fill);
	for (size_t p = 0; p < t->pages->npages; p++)
		for (size_t i = 0; i < t->mc[p].n; i++) {
			unsigned e = t->mc[p].elem[i];
			t->mcs[t->mc0[e] + fill[e]++] = (struct pm){p, i};
			t->used[e] = true;
		}
	memset(fill, 0, (nel + 1) * sizeof *fill);
	for (size_t k = 0; k < t->nannots; k++) {
		unsigned e = t->annots[k].elem;
		t->ann[t->an0[e] + fill[e]++] = k;
		t->used[e] = true;
	}
	memset(fill, 0, (nel + 1) * sizeof *fill);
	for (size_t e = 1; e < nel; e++) {
		unsigned p = t->pages->elems[e].parent;
		t->kids[t->ch0[p] + fill[p]++] = (unsigned)e;
	}
	free(fill);
	/* Parents come before their children: one pass up marks every
	 * ancestor of content used. */
	for (size_t e = nel; e-- > 1;)
		if (t->used[e])
			t->used[t->pages->elems[e].parent] = true;
	/* A table keeps its empty cells: every row has all its columns. */
	for (size_t e = 1; e < nel; e++) {
		ng_role r = t->pages->elems[e].role;
		if ((r == NG_ROLE_TD || r == NG_ROLE_TH) && t->used[t->pages->elems[e].parent])
			t->used[e] = true;
	}
	return 0;
}

static void tree_free(tree *t)
{
	free(t->mc0);
	free(t->ch0);
	free(t->an0);
	free(t->used);
	free(t->mcs);
	free(t->kids);
	free(t->ann);
	free(t->dict);
}

/* A text string as UTF-16BE with a byte order mark, in a literal. */
static void text_string(ng_buf *b, const char *s)
{
	size_t len = strlen(s);
	ng_buf_adds(b, "(\xFE\xFF");
	for (size_t i = 0, n; i < len; i += n) {
		uint32_t cp = 0xFFFD;
		n = ng_utf8_decode(s + i, len - i, &cp);
		if (!n)
			n = 1, cp = 0xFFFD;
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			ng_pdf_str16(b, 0xD800 | (cp >> 10));
			ng_pdf_str16(b, 0xDC00 | (cp & 0x3FF));
		} else {
			ng_pdf_str16(b, cp);
		}
	}
	ng_buf_addc(b, ')');
}

/* K: the element's marked content, its link annotations, then its
 * children in reading order. MCIDs on the element's own page (/Pg) are
 * plain numbers, others marked-content references. */
static void put_kids(ng_buf *b, const tree *t, size_t e, size_t pg)
{
	ng_buf_adds(b, "/K [");
	for (size_t i = t->mc0[e]; i < t->mc0[e + 1]; i++) {
		const struct pm *m = &t->mcs[i];
		if (m->page == pg) {
			ng_buf_printf(b, "%zu ", m->mcid);
			continue;
		}
		ng_buf_adds(b, "<</Type /MCR /Pg ");
		ref(b, t->page[m->page]);
		ng_buf_printf(b, " /MCID %zu>> ", m->mcid);
	}
	for (size_t i = t->an0[e]; i < t->an0[e + 1]; i++) {
		const ng_struct_annot *a = &t->annots[t->ann[i]];
		ng_buf_adds(b, "<</Type /OBJR /Obj ");
		ref(b, a->annot);
		ng_buf_adds(b, " /Pg ");
		ref(b, t->page[a->page]);
		ng_buf_adds(b, ">> ");
	}
	for (size_t i = t->ch0[e]; i < t->ch0[e + 1]; i++)
		if (t->used[t->kids[i]]) {
			ref(b, t->dict[t->kids[i]]);
			ng_buf_addc(b, ' ');
		}
	ng_buf_adds(b, "]\n");
}

static HPDF_STATUS put_elem(const tree *t, size_t e, HPDF_Dict root, ng_buf *b)
{
	const ng_elem *el = &t->pages->elems[e];
	ng_buf_reset(b);
	ng_buf_printf(b, "/S /%s\n/P ", ng_pdf_role_name(el->role));
	ref(b, e ? t->dict[el->parent] : root);
	ng_buf_addc(b, '\n');
	size_t pg = t->mc0[e] < t->mc0[e + 1]   ? t->mcs[t->mc0[e]].page
	            : t->an0[e] < t->an0[e + 1] ? t->annots[t->ann[t->an0[e]]].page
	                                        : (size_t)-1;
	if (pg != (size_t)-1) {
		ng_buf_adds(b, "/Pg ");
		ref(b, t->page[pg]);
		ng_buf_addc(b, '\n');
	}
	if (el->alt) {
		ng_buf_adds(b, "/Alt ");
		text_string(b, el->alt);
		ng_buf_addc(b, '\n');
	}
	if (el->role == NG_ROLE_TH)
		ng_buf_printf(b, "/A <</O /Table /Scope /%s>>\n",
		              el->scope == NG_SCOPE_ROW ? "Row" : "Column");
	if (el->role == NG_ROLE_NOTE) /* PDF/UA-1 §7.9: every Note has an ID */
		ng_buf_printf(b, "/ID (note%zu)\n", e);
	put_kids(b, t, e, pg);
	return raw_set(t->dict[e], b);
}

/* /Nums: each page's MCIDs → elements, then each annotation → its
 * element. */
static HPDF_STATUS put_parent_tree(const tree *t, HPDF_Dict pt, ng_buf *b)
{
	ng_buf_reset(b);
	ng_buf_adds(b, "/Nums [\n");
	for (size_t p = 0; p < t->pages->npages; p++) {
		ng_buf_printf(b, "%zu [", p);
		for (size_t i = 0; i < t->mc[p].n; i++) {
			ref(b, t->dict[t->mc[p].elem[i]]);
			ng_buf_addc(b, ' ');
		}
		ng_buf_adds(b, "]\n");
	}
	for (size_t k = 0; k < t->nannots; k++) {
		ng_buf_printf(b, "%zu ", t->pages->npages + k);
		ref(b, t->dict[t->annots[k].elem]);
		ng_buf_addc(b, '\n');
	}
	ng_buf_adds(b, "]\n");
	return raw_set(pt, b);
}

static HPDF_STATUS put_root(const tree *t, HPDF_Dict root, HPDF_Dict pt, ng_buf *b)
{
	ng_buf_reset(b);
	ng_buf_adds(b, "/Type /StructTreeRoot\n/K ");
	ref(b, t->dict[0]);
	ng_buf_adds(b, "\n/ParentTree ");
	ref(b, pt);
	ng_buf_printf(b, "\n/ParentTreeNextKey %zu\n", t->pages->npages + t->nannots);
	return raw_set(root, b);
}

/* Pages and annotations point back into the parent tree; pages with
 * annotations take them in structure order (PDF/UA-1 §7.18.3). */
static HPDF_STATUS link_back(const tree *t)
{
	HPDF_STATUS st = HPDF_OK;
	for (size_t p = 0; p < t->pages->npages && !st; p++)
		st = HPDF_Dict_AddNumber(t->page[p], "StructParents", (HPDF_INT32)p) ||
		     HPDF_Dict_AddName(t->page[p], "Tabs", "S");
	for (size_t k = 0; k < t->nannots && !st; k++)
		st = HPDF_Dict_AddNumber(t->annots[k].annot, "StructParent",
		                         (HPDF_INT32)(t->pages->npages + k));
	return st;
}

static HPDF_STATUS catalog(HPDF_Doc doc, HPDF_Dict root, const char *lang)
{
	HPDF_Dict mark = HPDF_Dict_New(doc->mmgr);
	return !mark || HPDF_Dict_Add(doc->catalog, "StructTreeRoot", root) ||
	       HPDF_Dict_Add(doc->catalog, "MarkInfo", mark) ||
	       HPDF_Dict_Add(mark, "Marked", HPDF_Boolean_New(doc->mmgr, HPDF_TRUE)) ||
	       HPDF_Dict_Add(doc->catalog, "Lang", HPDF_String_New(doc->mmgr, lang, NULL));
}

HPDF_STATUS ng_struct_write(HPDF_Doc doc, const ng_pages *pages, const HPDF_Page *page,
                            const ng_mcids *mc, const ng_struct_annot *annots, size_t nannots)
{
	tree t = {.pages = pages,
	          .mc = mc,
	          .page = page,
	          .annots = annots,
	          .nannots = nannots,
	          .nel = pages->nelems};
	index_tree(&t);
	t.dict = ng_xcalloc(t.nel + 1, sizeof *t.dict);
	HPDF_STATUS st = HPDF_OK;
	t.used[0] = true; /* the document, even when empty */
	HPDF_Dict root = raw_new(doc), pt = raw_new(doc);
	if (!root || !pt)
		st = HPDF_INVALID_OBJECT;
	for (size_t e = 0; e < t.nel && !st; e++)
		if (t.used[e] && !(t.dict[e] = raw_new(doc)))
			st = HPDF_INVALID_OBJECT;
	ng_buf b = {0};
	for (size_t e = 0; e < t.nel && !st; e++)
		if (t.used[e])
			st = put_elem(&t, e, root, &b);
	if (!st)
		st = put_parent_tree(&t, pt, &b) || put_root(&t, root, pt, &b) || link_back(&t) ||
		     catalog(doc, root, pages->lang ? pages->lang : "und");
	ng_buf_free(&b);
	tree_free(&t);
	return st;
}
