/* outline.c — the body of a letter as a list of sections, for the
 * template's `outline` variable. The record may give its own sections
 * (heading, numbering, covers, blocks, nested); the template declares with
 * @outline the sections it makes from the facts, in its order. They are
 * merged here:
 *   - the record's sections keep their order and headings;
 *   - a template section whose item a record section covers is not made
 *     (never twice); a record section that covers items without blocks of
 *     its own gets the template's words for them under its heading;
 *   - the template sections still due go before the first record section
 *     that covers a later one, the rest after the last;
 *   - a template section is made only when the facts give its item (and
 *     letter.omit does not name it).
 * Top-level headings are numbered in one sequence. Each entry: heading
 * (record sections), pre and post (the numbering around the heading's
 * words), level ("1" …), blocks, fill (the keys whose template words go
 * here), user ("true" for record sections), after ("contact": placed after
 * the contact window). */
#include <string.h>

#include "tmpl.h"

typedef struct ob {
	const struct ng_template *t;
	const ng_record *rec;
	ng_arena *a;
	ng_node *list;
	bool *done; /* per template key: made or covered */
	size_t counter;
	const char *style; /* of generated top-level headings */
	t_memo *memo;      /* notes what is read of the tree (or NULL) */
	t_reads *reads;
} ob;

/* A key of the record's tree (noted for the memo). */
static const ng_node *root_get(const ob *o, const char *key)
{
	if (o->memo)
		tmpl_memo_read(o->memo, key, o->reads);
	return ng_node_get(o->rec->root, key);
}

static ng_node *scalar(ng_arena *a, const char *s, ng_pos pos)
{
	ng_node *n = ng_node_new(a, NG_NODE_SCALAR, pos);
	n->value = s;
	n->len = strlen(s);
	return n;
}

static void push(ng_arena *a, ng_node *list, ng_node *v)
{
	ng_node **items = ng_alloc(a, (list->n + 1) * sizeof *items);
	if (list->n)
		memcpy(items, list->items, list->n * sizeof *items);
	items[list->n++] = v;
	list->items = items;
}

static int key_index(const ob *o, const char *key)
{
	for (size_t i = 0; i < o->t->noutline; i++)
		if (strcmp(o->t->outline[i], key) == 0)
			return (int)i;
	return -1;
}

static bool omitted(const ob *o, const char *key)
{
	const ng_node *m = root_get(o, "omitted");
	return m && ng_node_get(m, key);
}

/* Whether the facts give what a template section for key is made from. */
static bool in_facts(const ob *o, const char *key)
{
	const ng_record *r = o->rec;
	for (int k = 1; k < NG_ITEM__END; k++)
		if (strcmp(ng_cover_keys[k], key) == 0)
			return k == NG_ITEM_OTHER ? r->other.n > 0
			                          : r->items[k].state != NG_STATE_ABSENT;
	if (strcmp(key, "contact") == 0)
		return root_get(o, "contact") != NULL;
	return true; /* the template's own sections (advice …) */
}

/* The prefix of the n-th heading in style. */
static const char *prefix(ob *o, const char *style, size_t n)
{
	ng_buf pre = {0}, post = {0};
	ng_numbering(style, n, &pre, &post);
	const char *s = ng_strdup(o->a, pre.len ? pre.data : "");
	ng_buf_free(&pre);
	ng_buf_free(&post);
	return s;
}

/* pre and post of the entry's heading, its style, and the styles of the
 * two levels under it (sub, subsub: never the entry's own, so a template's
 * own subheadings can be told from it) with the first two prefixes of
 * sub (sub1, sub2) for a template's fixed subheadings. */
static void numbered(ob *o, ng_node *e, const char *style, size_t n)
{
	ng_buf pre = {0}, post = {0};
	ng_numbering(style, n, &pre, &post);
	ng_node_put(o->a, e, "pre", ng_strdup(o->a, pre.len ? pre.data : ""), o->rec->pos);
	ng_node_put(o->a, e, "post", ng_strdup(o->a, post.len ? post.data : ""), o->rec->pos);
	ng_buf_free(&pre);
	ng_buf_free(&post);
	const char *sub = ng_numbering_next(style);
	ng_node_put(o->a, e, "style", style, o->rec->pos);
	ng_node_put(o->a, e, "sub", sub, o->rec->pos);
	ng_node_put(o->a, e, "subsub", ng_numbering_next(sub), o->rec->pos);
	ng_node_put(o->a, e, "sub1", prefix(o, sub, 1), o->rec->pos);
	ng_node_put(o->a, e, "sub2", prefix(o, sub, 2), o->rec->pos);
}

static void generated(ob *o, size_t i)
{
	o->done[i] = true;
	const char *key = o->t->outline[i];
	if (omitted(o, key) || !in_facts(o, key))
		return;
	ng_node *e = ng_node_new(o->a, NG_NODE_MAP, o->rec->pos);
	numbered(o, e, o->style, ++o->counter);
	ng_node_put(o->a, e, "level", "1", o->rec->pos);
	ng_node *fill = ng_node_new(o->a, NG_NODE_SEQ, o->rec->pos);
	push(o->a, fill, scalar(o->a, key, o->rec->pos));
	ng_node_put_node(o->a, e, "fill", fill);
	push(o->a, o->list, e);
}

static void user_sections(ob *o, const ng_section *v, size_t n, const ng_node *tree, int level,
                          const char *parent);

/* A template's own sections that stand for a report item: covering the
 * item covers them too (individual-notice's お願い is its item 9). */
static const struct {
	const char *key;
	int item;
} own_keys[] = {{"advice", NG_ITEM_OTHER}};

/* Template sections a record section covers are never made. */
static void mark_covered(ob *o, const ng_section *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (int k = 1; k < NG_COVER__END; k++) {
			int j =
			    (v[i].covers_mask & (1u << k)) ? key_index(o, ng_cover_keys[k]) : -1;
			if (j >= 0)
				o->done[j] = true;
		}
		for (size_t k = 0; k < NG_ARRAY_LEN(own_keys); k++) {
			int j = key_index(o, own_keys[k].key);
			if (j >= 0 && (v[i].covers_mask & (1u << own_keys[k].item)))
				o->done[j] = true;
		}
		mark_covered(o, v[i].sections.v, v[i].sections.n);
	}
}

static void user_section(ob *o, const ng_section *s, const ng_node *tree, int level, size_t number,
                         const char *style)
{
	ng_node *e = ng_node_new(o->a, NG_NODE_MAP, s->pos);
	ng_node_put(o->a, e, "user", "true", s->pos);
	ng_node_put(o->a, e, "level", ng_aprintf(o->a, "%d", level), s->pos);
	if (s->heading.s)
		ng_node_put(o->a, e, "heading", ng_node_get(tree, "heading")->value, s->pos);
	numbered(o, e, style, number);
	if (s->blocks)
		ng_node_put_node(o->a, e, "blocks", ng_node_get(tree, "blocks"));
	if (s->after.s)
		ng_node_put(o->a, e, "after", s->after.s, s->pos);
	ng_node *fill = ng_node_new(o->a, NG_NODE_SEQ, s->pos);
	for (int k = 1; k < NG_COVER__END; k++) {
		if (!(s->covers_mask & (1u << k)))
			continue;
		int i = key_index(o, ng_cover_keys[k]);
		if (i >= 0)
			o->done[i] = true;
		if (!s->blocks && !s->sections.n)
			push(o->a, fill, scalar(o->a, ng_cover_keys[k], s->pos));
	}
	ng_node_put_node(o->a, e, "fill", fill);
	push(o->a, o->list, e);
	user_sections(o, s->sections.v, s->sections.n, ng_node_get(tree, "sections"), level + 1,
	              style);
}

/* The first template position among the keys s (or its subsections)
 * covers, or -1. */
static int first_position(const ob *o, const ng_section *s)
{
	int best = -1;
	for (int k = 1; k < NG_COVER__END; k++) {
		int i = (s->covers_mask & (1u << k)) ? key_index(o, ng_cover_keys[k]) : -1;
		if (i >= 0 && (best < 0 || i < best))
			best = i;
	}
	for (size_t j = 0; j < s->sections.n; j++) {
		int i = first_position(o, &s->sections.v[j]);
		if (i >= 0 && (best < 0 || i < best))
			best = i;
	}
	return best;
}

/* Sections of one level: the top in the letter's style, a nested level
 * by default in the style after its parent's (ng_numbering_next: 1. →
 * （1） → ①, 【】 → 1.), never the parent's own. */
static void user_sections(ob *o, const ng_section *v, size_t n, const ng_node *tree, int level,
                          const char *parent)
{
	const char *style = level == 1 ? o->style : ng_numbering_next(parent);
	size_t number = 0;
	for (size_t i = 0; i < n; i++) {
		const ng_section *s = &v[i];
		if (level == 1) {
			/* Template sections due before this one go first. */
			int p = first_position(o, s);
			for (int j = 0; j < p; j++)
				if (!o->done[j])
					generated(o, (size_t)j);
		}
		if (s->numbering.s)
			style = s->numbering.s;
		number = level == 1 ? ++o->counter : number + 1;
		user_section(o, s, tree->items[i], level, number, style);
	}
}

/* The template sections still due, except the contact window, which
 * stays last unless contact is set. */
static void rest(ob *o, bool contact)
{
	for (size_t i = 0; i < o->t->noutline; i++)
		if (!o->done[i] && (contact || strcmp(o->t->outline[i], "contact") != 0))
			generated(o, i);
}

/* The top-level sections of one kind: those placed after the contact
 * window (after: contact) or the others, in the record's order, with
 * their trees; *n their number. */
static ng_section *placed(ob *o, const ng_node *tree, bool late, ng_node *out, size_t *n)
{
	const ng_record *rec = o->rec;
	ng_section *v = ng_alloc(o->a, (rec->sections.n + 1) * sizeof *v);
	*out = *tree;
	out->items = ng_alloc(o->a, (rec->sections.n + 1) * sizeof *out->items);
	*n = 0;
	for (size_t i = 0; i < rec->sections.n; i++) {
		if ((rec->sections.v[i].after.s != NULL) != late)
			continue;
		out->items[*n] = tree->items[i];
		v[(*n)++] = rec->sections.v[i];
	}
	out->n = *n;
	return v;
}

ng_node *tmpl_outline(const struct ng_template *t, const ng_record *rec, ng_arena *a, t_memo *m,
                      t_reads *r)
{
	ob o = {.t = t, .rec = rec, .a = a, .memo = m, .reads = r};
	o.list = ng_node_new(a, NG_NODE_SEQ, rec->pos);
	o.done = ng_alloc(a, (t->noutline + 1) * sizeof *o.done);
	o.style = rec->letter.numbering.s ? rec->letter.numbering.s
	          : rec->sections.n && rec->sections.v[0].numbering.s
	              ? rec->sections.v[0].numbering.s
	          : t->outline_style ? t->outline_style
	                             : "1.";
	mark_covered(&o, rec->sections.v, rec->sections.n);
	const ng_node *all = root_get(&o, "sections");
	ng_node tree = {0}, late_tree = {0};
	size_t n = 0, nlate = 0;
	const ng_section *v = all ? placed(&o, all, false, &tree, &n) : NULL;
	const ng_section *late = all ? placed(&o, all, true, &late_tree, &nlate) : NULL;
	/* Record sections after the last one that covers an item (all of
	 * them when none does) follow the template's sections, before the
	 * contact window: the letter's closing words. */
	size_t lead = 0;
	for (size_t i = 0; i < n; i++)
		if (first_position(&o, &v[i]) >= 0 || v[i].covers_mask)
			lead = i + 1;
	user_sections(&o, v, lead, &tree, 1, NULL);
	rest(&o, false);
	if (lead < n) {
		ng_node sub = tree;
		sub.items += lead;
		sub.n -= lead;
		user_sections(&o, v + lead, n - lead, &sub, 1, NULL);
	}
	rest(&o, true);
	/* Sections placed after the contact window (after: contact): a
	 * closing note or 「今後の対応」 below the お問い合わせ block. */
	if (nlate)
		user_sections(&o, late, nlate, &late_tree, 1, NULL);
	return o.list;
}
