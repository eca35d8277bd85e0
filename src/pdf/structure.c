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
 * Speed: a letter has a few hundred elements. Each is a shell whose body
 * is formatted here (rawobj.h): libharu's entry lists would cost more
 * than the rest of the letter's objects together. */
#include <stdlib.h>
#include <string.h>

#include "rawobj.h"

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

/* A string literal, without strlen. */
#define ADD(b, lit) ng_buf_add((b), (lit), sizeof(lit) - 1)

/* Appends v in decimal, then the literal tail in the same call (a letter
 * formats a few thousand numbers here: printf, or a call per piece,
 * would cost more than the rest of the tree). */
#define PUT_UINT(b, v, tail) put_uint((b), (v), (tail), sizeof(tail) - 1)
static void put_uint(ng_buf *b, size_t v, const char *tail, size_t n)
{
	char d[48], *end = d + 24, *p = end;
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	memcpy(end, tail, n);
	ng_buf_add(b, p, (size_t)(end - p) + n);
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
		ADD(b, "/Artifact <<");
		return;
	}
	if (mc->n == mc->cap) {
		mc->cap = mc->cap ? 2 * mc->cap : 64;
		mc->elem = ng_xrealloc(mc->elem, mc->cap * sizeof *mc->elem);
	}
	ADD(b, "/Span <</MCID ");
	PUT_UINT(b, mc->n, " ");
	mc->elem[mc->n++] = elem;
}

void ng_mc_open(ng_buf *b, ng_mcids *mc, unsigned elem)
{
	if (elem == NG_ELEM_ARTIFACT) {
		ADD(b, "/Artifact BMC\n");
		return;
	}
	ng_mc_tag(b, mc, elem);
	ADD(b, ">> BDC\n");
}

/* ---- the tree */

static void ref(ng_buf *b, const void *obj)
{
	ng_room_done(b, ng_w_ref(ng_room(b, NG_REF_MAX), obj));
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
	ADD(b, "(\xFE\xFF");
	ng_pdf_utf16(b, s, strlen(s));
	ng_buf_addc(b, ')');
}

/* K: the element's marked content, its link annotations, then its
 * children in reading order. MCIDs on the element's own page (/Pg) are
 * plain numbers, others marked-content references. */
static void put_kids(ng_buf *b, const tree *t, size_t e, size_t pg)
{
	size_t n = (t->mc0[e + 1] - t->mc0[e]) + (t->an0[e + 1] - t->an0[e]);
	char *p =
	    ng_room(b, 16 + n * (40 + 2 * NG_REF_MAX) + (t->ch0[e + 1] - t->ch0[e]) * NG_REF_MAX);
	p = NG_W(p, "/K [");
	for (size_t i = t->mc0[e]; i < t->mc0[e + 1]; i++) {
		const struct pm *m = &t->mcs[i];
		if (m->page != pg) {
			p = NG_W(p, "<</Type /MCR /Pg ");
			p = ng_w_ref(p, t->page[m->page]);
			p = NG_W(p, " /MCID ");
			p = ng_w_uint(p, m->mcid);
			p = NG_W(p, ">> ");
			continue;
		}
		p = ng_w_uint(p, m->mcid);
		*p++ = ' ';
	}
	for (size_t i = t->an0[e]; i < t->an0[e + 1]; i++) {
		const ng_struct_annot *a = &t->annots[t->ann[i]];
		p = NG_W(p, "<</Type /OBJR /Obj ");
		p = ng_w_ref(p, a->annot);
		p = NG_W(p, " /Pg ");
		p = ng_w_ref(p, t->page[a->page]);
		p = NG_W(p, ">> ");
	}
	for (size_t i = t->ch0[e]; i < t->ch0[e + 1]; i++)
		if (t->used[t->kids[i]]) {
			p = ng_w_ref(p, t->dict[t->kids[i]]);
			*p++ = ' ';
		}
	p = NG_W(p, "]\n");
	ng_room_done(b, p);
}

/* The page an element's /Pg names: that of its first content. */
static size_t elem_page(const tree *t, size_t e)
{
	if (t->mc0[e] < t->mc0[e + 1])
		return t->mcs[t->mc0[e]].page;
	if (t->an0[e] < t->an0[e + 1])
		return t->annots[t->ann[t->an0[e]]].page;
	return (size_t)-1;
}

static void put_elem(const tree *t, size_t e, HPDF_Dict root, ng_raws *bs)
{
	ng_buf *b = &bs->b;
	const ng_elem *el = &t->pages->elems[e];
	const char *role = ng_pdf_role_name(el->role);
	size_t pg = elem_page(t, e), rl = strlen(role);
	char *p = ng_room(b, 96 + rl + 2 * NG_REF_MAX);
	p = NG_W(p, "/S /");
	memcpy(p, role, rl);
	p = NG_W(p + rl, "\n/P ");
	p = ng_w_ref(p, e ? t->dict[el->parent] : root);
	*p++ = '\n';
	if (pg != (size_t)-1) {
		p = NG_W(p, "/Pg ");
		p = ng_w_ref(p, t->page[pg]);
		*p++ = '\n';
	}
	if (el->role == NG_ROLE_TH)
		p = el->scope == NG_SCOPE_ROW ? NG_W(p, "/A <</O /Table /Scope /Row>>\n")
		                              : NG_W(p, "/A <</O /Table /Scope /Column>>\n");
	if (el->role == NG_ROLE_NOTE) { /* PDF/UA-1 §7.9: every Note has an ID */
		p = NG_W(p, "/ID (note");
		p = ng_w_uint(p, e);
		p = NG_W(p, ")\n");
	}
	ng_room_done(b, p);
	if (el->alt) {
		ADD(b, "/Alt ");
		text_string(b, el->alt);
		ng_buf_addc(b, '\n');
	}
	put_kids(b, t, e, pg);
	ng_raw_end(bs, t->dict[e]);
}

/* /Nums: each page's MCIDs → elements, then each annotation → its
 * element. */
static void put_parent_tree(const tree *t, HPDF_Dict pt, ng_raws *bs)
{
	ng_buf *b = &bs->b;
	size_t n = 0;
	for (size_t p = 0; p < t->pages->npages; p++)
		n += t->mc[p].n + 1;
	char *p = ng_room(b, 16 + (n + 2 * t->nannots) * NG_REF_MAX);
	p = NG_W(p, "/Nums [\n");
	for (size_t pg = 0; pg < t->pages->npages; pg++) {
		p = ng_w_uint(p, pg);
		p = NG_W(p, " [");
		for (size_t i = 0; i < t->mc[pg].n; i++) {
			p = ng_w_ref(p, t->dict[t->mc[pg].elem[i]]);
			*p++ = ' ';
		}
		p = NG_W(p, "]\n");
	}
	for (size_t k = 0; k < t->nannots; k++) {
		p = ng_w_uint(p, t->pages->npages + k);
		*p++ = ' ';
		p = ng_w_ref(p, t->dict[t->annots[k].elem]);
		*p++ = '\n';
	}
	p = NG_W(p, "]\n");
	ng_room_done(b, p);
	ng_raw_end(bs, pt);
}

static void put_root(const tree *t, HPDF_Dict root, HPDF_Dict pt, ng_raws *bs)
{
	ng_buf *b = &bs->b;
	ADD(b, "/Type /StructTreeRoot\n/K ");
	ref(b, t->dict[0]);
	ADD(b, "\n/ParentTree ");
	ref(b, pt);
	ADD(b, "\n/ParentTreeNextKey ");
	PUT_UINT(b, t->pages->npages + t->nannots, "\n");
	ng_raw_end(bs, root);
}

/* Pages point back into the parent tree (annotations did when made:
 * links.c; a page written directly is told by pdf.c: pageobj.c); pages
 * with annotations take them in structure order (PDF/UA-1 §7.18.3). */
static HPDF_STATUS link_back(const tree *t)
{
	HPDF_STATUS st = HPDF_OK;
	for (size_t p = 0; p < t->pages->npages && !st; p++)
		if (!ng_raw_is(t->page[p]))
			st = HPDF_Dict_AddNumber(t->page[p], "StructParents", (HPDF_INT32)p) ||
			     HPDF_Dict_AddName(t->page[p], "Tabs", "S");
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
	ng_raws bs = {0};
	HPDF_Dict root = ng_raw_new(&bs, doc), pt = ng_raw_new(&bs, doc);
	if (!root || !pt)
		st = HPDF_INVALID_OBJECT;
	for (size_t e = 0; e < t.nel && !st; e++)
		if (t.used[e] && !(t.dict[e] = ng_raw_new(&bs, doc)))
			st = HPDF_INVALID_OBJECT;
	for (size_t e = 0; e < t.nel && !st; e++)
		if (t.used[e])
			put_elem(&t, e, root, &bs);
	if (!st) {
		put_parent_tree(&t, pt, &bs);
		put_root(&t, root, pt, &bs);
		st = ng_raws_commit(&bs, doc->mmgr) || link_back(&t) ||
		     catalog(doc, root, pages->lang ? pages->lang : "und");
	}
	ng_raws_free(&bs);
	tree_free(&t);
	return st;
}
