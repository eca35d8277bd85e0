/* outline.c — the bookmarks: the letter's headings as the document
 * outline, nested by level (1–3), each opening its page at the heading.
 *
 * Written directly (rawobj.h): the root and each item are shells whose
 * bodies are formatted here as libharu 2.3.0's outline objects write
 * theirs — the entries in the order libharu adds them, /Count as its
 * hook counts (every item open: all descendants) — for a tenth of what
 * building and writing libharu's costs (0.2 M instructions of a 2.4 M
 * per-client letter). Each item's destination stays a libharu array
 * ([page /FitH top]: no dictionary shell writes an array).
 * NG_PDF_HARU_OBJECTS=1 makes them with libharu's own outline calls
 * instead; test_save compares the two. */
#include <stdlib.h>

#include "rawobj.h"

#define MAX_LEVEL 3

/* One item as libharu would link it. Its entries after /Dest (/First,
 * /Last, /Next) appear in the order they were first set. */
typedef struct item {
	HPDF_Dict dict;
	HPDF_Array dest;
	const char *title;
	size_t parent;                  /* 0: the root; else item parent - 1 */
	size_t first, last, prev, next; /* item index + 1; 0: none */
	char late[3];
	unsigned nlate;
	size_t count; /* descendants */
} item;

typedef struct outline {
	HPDF_Doc doc;
	const ng_pages *pages;
	const HPDF_Page *page;
	ng_raws raws;
	HPDF_Dict root;
	item top; /* the root's links */
	item *v;
	size_t n;
} outline;

static int level_of(const ng_mark *m)
{
	return m->level < 1 ? 1 : m->level > MAX_LEVEL ? MAX_LEVEL : m->level;
}

static void set_late(item *it, char key)
{
	for (unsigned i = 0; i < it->nlate; i++)
		if (it->late[i] == key)
			return;
	it->late[it->nlate++] = key;
}

/* libharu's AddChild: the parent's /First (once) and /Last, the last
 * sibling's /Next and the item's /Prev. */
static void add_child(outline *o, size_t parent, size_t k)
{
	item *p = parent ? &o->v[parent - 1] : &o->top, *it = &o->v[k - 1];
	if (!p->first) {
		p->first = k;
		set_late(p, 'F');
	}
	if (p->last) {
		o->v[p->last - 1].next = k;
		set_late(&o->v[p->last - 1], 'N');
		it->prev = p->last;
	}
	p->last = k;
	set_late(p, 'L');
	it->parent = parent;
}

/* HPDF_Page_CreateDestination, then HPDF_Destination_SetFitH. */
static HPDF_Array fit_h(HPDF_Doc doc, HPDF_Page page, double top)
{
	HPDF_Array a = HPDF_Array_New(doc->mmgr);
	if (!a)
		return NULL;
	a->header.obj_class |= HPDF_OSUBCLASS_DESTINATION;
	if (HPDF_Xref_Add(doc->xref, a) || HPDF_Array_Add(a, page) ||
	    HPDF_Array_AddName(a, "FitH") || HPDF_Array_AddReal(a, (HPDF_REAL)top))
		return NULL;
	return a;
}

/* Links the item of mark m and makes its objects (the root's first). */
static HPDF_STATUS add_item(outline *o, const ng_mark *m, size_t *last)
{
	if (!o->root) {
		if (!(o->root = ng_raw_new(&o->raws, o->doc)))
			return HPDF_INVALID_OBJECT;
		HPDF_STATUS st = HPDF_Dict_Add(o->doc->catalog, "Outlines", o->root);
		if (st)
			return st;
	}
	int level = level_of(m);
	size_t parent = 0;
	for (int l = level - 1; l >= 1 && !parent; l--)
		parent = last[l];
	size_t k = ++o->n;
	item *it = &o->v[k - 1];
	*it = (item){.title = m->title};
	if (!(it->dict = ng_raw_new(&o->raws, o->doc)))
		return HPDF_INVALID_OBJECT;
	add_child(o, parent, k);
	if (!(it->dest = fit_h(o->doc, o->page[m->page], o->pages->height - m->y)))
		return HPDF_INVALID_OBJECT;
	last[level] = k;
	for (int l = level + 1; l <= MAX_LEVEL; l++)
		last[l] = 0;
	return HPDF_OK;
}

static char *w_key_ref(char *p, const char *key, size_t n, const outline *o, size_t k)
{
	memcpy(p, key, n);
	p = ng_w_ref(p + n, k ? (const void *)o->v[k - 1].dict : o->root);
	*p++ = '\n';
	return p;
}

#define KEY_REF(p, lit, o, k) w_key_ref((p), (lit), sizeof(lit) - 1, (o), (k))

/* /First, /Last, /Next in the order set, then /Count. */
static char *w_late(char *p, const outline *o, const item *it)
{
	for (unsigned i = 0; i < it->nlate; i++)
		switch (it->late[i]) {
		case 'F':
			p = KEY_REF(p, "/First ", o, it->first);
			break;
		case 'L':
			p = KEY_REF(p, "/Last ", o, it->last);
			break;
		default:
			p = KEY_REF(p, "/Next ", o, it->next);
		}
	if (it->count) {
		p = NG_W(p, "/Count ");
		p = ng_w_uint(p, it->count);
		*p++ = '\n';
	}
	return p;
}

/* The title as libharu writes a binary string: UTF-16BE (with its mark,
 * cut at NG_MARK_MAX_CHARS) in uppercase hex. */
static void put_title(ng_buf *b, ng_buf *tmp, const char *title)
{
	ng_buf_reset(tmp);
	ng_pdf_text16(tmp, title, NG_MARK_MAX_CHARS);
	char *p = ng_room(b, 16 + 2 * tmp->len);
	p = NG_W(p, "/Title ");
	p = ng_w_hex(p, tmp->data, tmp->len);
	ng_room_done(b, NG_W(p, "\n"));
}

static void put_item(outline *o, const item *it, ng_buf *tmp)
{
	ng_buf *b = &o->raws.b;
	put_title(b, tmp, it->title);
	char *p = ng_room(b, 64 + 6 * (16 + NG_REF_MAX));
	p = NG_W(p, "/Type /Outlines\n");
	if (it->prev)
		p = KEY_REF(p, "/Prev ", o, it->prev);
	p = KEY_REF(p, "/Parent ", o, it->parent);
	p = NG_W(p, "/Dest ");
	p = ng_w_ref(p, it->dest);
	*p++ = '\n';
	ng_room_done(b, w_late(p, o, it));
	ng_raw_end(&o->raws, it->dict);
}

static void put_root(outline *o)
{
	ng_buf *b = &o->raws.b;
	char *p = ng_room(b, 64 + 3 * (16 + NG_REF_MAX));
	p = NG_W(p, "/Type /Outlines\n");
	ng_room_done(b, w_late(p, o, &o->top));
	ng_raw_end(&o->raws, o->root);
}

/* ---- libharu's own calls (NG_PDF_HARU_OBJECTS=1) */

static HPDF_STATUS add_item_haru(HPDF_Doc doc, const ng_mark *m, const HPDF_Page *page,
                                 double height, HPDF_Outline *last)
{
	int level = level_of(m);
	HPDF_Outline parent = NULL;
	for (int l = level - 1; l >= 1 && !parent; l--)
		parent = last[l];
	HPDF_Outline o = HPDF_CreateOutline(doc, parent, "-", NULL);
	if (!o)
		return HPDF_INVALID_OBJECT;
	ng_buf b = {0};
	ng_pdf_text16(&b, m->title, NG_MARK_MAX_CHARS);
	HPDF_Binary t = HPDF_Binary_New(doc->mmgr, (HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	ng_buf_free(&b);
	HPDF_Destination dst = t ? HPDF_Page_CreateDestination(page[m->page]) : NULL;
	if (!dst)
		return HPDF_INVALID_OBJECT;
	HPDF_STATUS st = HPDF_Dict_Add(o, "Title", t);
	if (!st)
		st = HPDF_Destination_SetFitH(dst, (HPDF_REAL)(height - m->y));
	if (!st)
		st = HPDF_Outline_SetDestination(o, dst);
	last[level] = o;
	for (int l = level + 1; l <= MAX_LEVEL; l++)
		last[l] = NULL;
	return st;
}

static HPDF_STATUS outline_haru(HPDF_Doc doc, const ng_pages *pages, const HPDF_Page *page)
{
	HPDF_Outline last[MAX_LEVEL + 1] = {NULL};
	HPDF_STATUS st = HPDF_OK;
	for (size_t i = 0; i < pages->nmarks && !st; i++)
		if (pages->marks[i].page < pages->npages)
			st = add_item_haru(doc, &pages->marks[i], page, pages->height, last);
	return st;
}

HPDF_STATUS ng_outline_write(HPDF_Doc doc, const ng_pages *pages, const HPDF_Page *page, bool haru)
{
	if (haru)
		return outline_haru(doc, pages, page);
	outline o = {.doc = doc, .pages = pages, .page = page};
	o.v = ng_xcalloc(pages->nmarks + 1, sizeof *o.v);
	size_t last[MAX_LEVEL + 1] = {0};
	HPDF_STATUS st = HPDF_OK;
	for (size_t i = 0; i < pages->nmarks && !st; i++)
		if (pages->marks[i].page < pages->npages)
			st = add_item(&o, &pages->marks[i], last);
	if (!st && o.root) {
		/* Every item is open: /Count is the number of descendants. */
		for (size_t k = 1; k <= o.n; k++) {
			o.top.count++;
			for (size_t a = o.v[k - 1].parent; a; a = o.v[a - 1].parent)
				o.v[a - 1].count++;
		}
		ng_buf tmp = {0};
		for (size_t k = 0; k < o.n; k++)
			put_item(&o, &o.v[k], &tmp);
		ng_buf_free(&tmp);
		put_root(&o);
		st = ng_raws_commit(&o.raws, doc->mmgr);
	}
	ng_raws_free(&o.raws);
	free(o.v);
	return st;
}
