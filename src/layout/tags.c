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
	p->elems = ng_agrow(l->a, p->elems, sizeof *p->elems, &p->capelems, p->nelems + 1);
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

/* The L an item of level goes in: lists deeper than it are closed, a
 * deeper one opened inside the last item's body. */
static unsigned list_for(lay *l, int level)
{
	if (level < 1)
		level = 1;
	if (level > NG_LIST_DEPTH)
		level = NG_LIST_DEPTH;
	if (l->depth > level)
		l->depth = level;
	if (l->depth < level) {
		unsigned parent = l->depth ? l->lists[l->depth - 1].body : 0;
		l->lists[l->depth].list = ng_lay_elem(l, NG_ROLE_L, parent);
		l->depth++;
		/* A skipped level nests in the same list. */
		for (; l->depth < level; l->depth++)
			l->lists[l->depth] = l->lists[l->depth - 1];
	}
	return l->lists[level - 1].list;
}

void ng_lay_item_elems(lay *l, const ng_block *b, unsigned *marker, unsigned *body)
{
	if (is_note(b)) {
		ng_lay_end_lists(l);
		*marker = *body = l->elem = ng_lay_elem(l, NG_ROLE_NOTE, 0);
		return;
	}
	unsigned li = ng_lay_elem(l, NG_ROLE_LI, list_for(l, b->level));
	*marker = ng_lay_elem(l, NG_ROLE_LBL, li);
	*body = l->elem = ng_lay_elem(l, NG_ROLE_LBODY, li);
	l->lists[(b->level < 1               ? 1
	          : b->level > NG_LIST_DEPTH ? NG_LIST_DEPTH
	                                     : b->level) -
	         1]
	    .body = *body;
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
		                       "block kind %d has no structure role (block_roles in "
		                       "src/layout/tags.c)",
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
