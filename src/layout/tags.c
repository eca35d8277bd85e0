/* tags.c — the letter's structure tree (ng_pages.elems), built as the
 * blocks are set: which element every line, rule, image and link belongs
 * to, so that a renderer can write tagged output (PDF/UA) whose reading
 * order follows the blocks. The roles of block kinds are a table; a kind
 * missing from it is reported (and fails test_layout), never left
 * untagged. Lists nest by level, tables are Table → TR → TH/TD, a ※ note
 * is a Note. Device independent: roles are the standard structure types,
 * named by the renderer. */
#include <string.h>

#include "layout_int.h"

/* The element each block kind's content goes in. Headings take their
 * level (H1…H6), list items their list (L → LI → Lbl + LBody), tables
 * their rows and cells; NG_B_SPACE and NG_B_BREAK set nothing. */
static const ng_role block_roles[NG_B__COUNT] = {
    [NG_B_PARA] = NG_ROLE_P,         [NG_B_LINE] = NG_ROLE_P,      [NG_B_TITLE] = NG_ROLE_H1,
    [NG_B_HEADING] = NG_ROLE_H1,     [NG_B_ITEM] = NG_ROLE_L,      [NG_B_TABLE] = NG_ROLE_TABLE,
    [NG_B_SPACE] = NG_ROLE_ARTIFACT, [NG_B_RECIPIENT] = NG_ROLE_P, [NG_B_BREAK] = NG_ROLE_ARTIFACT,
};

/* Markers that make a list item a note (※ 注記), not an item of a list. */
static const char *const note_markers[] = {"※", "＊", "注"};

ng_role ng_layout_block_role(ng_block_kind kind)
{
	return (unsigned)kind < NG_B__COUNT ? block_roles[kind] : NG_ROLE_NONE;
}

unsigned ng_lay_elem(lay *l, ng_role role, unsigned parent)
{
	ng_pages *p = l->pages;
	p->elems = ng_agrow_raw(l->a, p->elems, sizeof *p->elems, &p->capelems, p->nelems + 1);
	p->elems[p->nelems] = (ng_elem){role, parent, NG_SCOPE_NONE, NULL};
	return (unsigned)p->nelems++;
}

void ng_lay_end_lists(lay *l)
{
	l->depth = 0;
}

static bool is_note(const ng_block *b)
{
	if (!b->marker)
		return false;
	for (size_t i = 0; i < NG_ARRAY_LEN(note_markers); i++)
		if (strncmp(b->marker, note_markers[i], strlen(note_markers[i])) == 0)
			return true;
	return false;
}

static int clamp_level(int level)
{
	return level < 1 ? 1 : level > NG_LIST_DEPTH ? NG_LIST_DEPTH : level;
}

/* The L an item of level (in list id, 0: any) goes in: lists deeper than
 * it are closed; a level without a list, or with another list's, gets a
 * new L inside the body of the item above (or the Note) it. */
static unsigned list_for(lay *l, int level, unsigned id)
{
	if (l->depth > level)
		l->depth = level;
	for (; l->depth < level; l->depth++) {
		unsigned parent = l->depth ? l->lists[l->depth - 1].body : 0;
		l->lists[l->depth] = (struct open_list){0, parent, 0};
	}
	struct open_list *o = &l->lists[level - 1];
	if (!o->list || (id && o->id != id)) {
		unsigned parent = level > 1 ? l->lists[level - 2].body : 0;
		o->list = ng_lay_elem(l, NG_ROLE_L, parent);
		o->id = id;
	}
	return o->list;
}

void ng_lay_item_elems(lay *l, const ng_block *b, unsigned *marker, unsigned *body)
{
	int level = clamp_level(b->level);
	if (is_note(b)) {
		/* A Note where a list would stand; items nested under it go in
		 * it, an item at its level starts a new list. */
		unsigned parent = level > 1 && l->depth >= level - 1 ? l->lists[level - 2].body : 0;
		*marker = *body = l->elem = ng_lay_elem(l, NG_ROLE_NOTE, parent);
		l->depth = level;
		l->lists[level - 1] = (struct open_list){0, *body, 0};
		return;
	}
	if (b->marker && !*b->marker) {
		/* No marker: more text of the item above (a label's value), a
		 * paragraph of its body. */
		unsigned parent = level > 1 && l->depth >= level - 1 ? l->lists[level - 2].body : 0;
		if (l->depth > level - 1)
			l->depth = level - 1;
		*marker = *body = l->elem = ng_lay_elem(l, NG_ROLE_P, parent);
		return;
	}
	unsigned li = ng_lay_elem(l, NG_ROLE_LI, list_for(l, level, b->list));
	*marker = ng_lay_elem(l, NG_ROLE_LBL, li);
	*body = l->elem = ng_lay_elem(l, NG_ROLE_LBODY, li);
	l->lists[level - 1].body = *body;
}

static ng_role heading_role(int level)
{
	static const ng_role h[] = {NG_ROLE_H1, NG_ROLE_H2, NG_ROLE_H3,
	                            NG_ROLE_H4, NG_ROLE_H5, NG_ROLE_H6};
	int i = level < 1 ? 0 : level > 6 ? 5 : level - 1;
	return h[i];
}

void ng_lay_block_elem(lay *l, const ng_block *b)
{
	ng_role role = ng_layout_block_role(b->kind);
	if (b->kind != NG_B_ITEM)
		ng_lay_end_lists(l);
	if (role == NG_ROLE_NONE) {
		ng_diag_add(l->d, NG_D_INTERNAL, ng_content_pos(&b->content, 0),
		            ng_aprintf(l->a,
		                       ng_tr("block kind %d has no structure role (block_roles in "
		                             "src/layout/tags.c)"),
		                       (int)b->kind));
		l->failed = 1;
		return;
	}
	if (b->kind == NG_B_HEADING)
		role = heading_role(b->level);
	if (role == NG_ROLE_ARTIFACT || role == NG_ROLE_L) {
		l->elem = NG_ELEM_ARTIFACT; /* set per item (ng_lay_item_elems) */
		return;
	}
	l->elem = ng_lay_elem(l, role, 0);
}
