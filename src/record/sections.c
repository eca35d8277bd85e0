/* sections.c — the letter's body as the record gives it: an ordered list
 * of sections, each with its heading, numbering style, the report items
 * it covers and its blocks, nested; and the 追記 (updates), dated and
 * shown newest first. A section that covers an item states it for the
 * required-items rule, and replaces the section a template would make
 * from the facts (src/template/outline.c), so an item never appears twice;
 * when the facts state the item too, the section's words win and a
 * warning says which field is not printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blocks.h"
#include "read_int.h"

/* ---- numbering styles: the prefix and suffix of the n-th heading */

static const char *const circled[] = {"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩",
                                      "⑪", "⑫", "⑬", "⑭", "⑮", "⑯", "⑰", "⑱", "⑲", "⑳"};
static const char *const iroha[] = {"ア", "イ", "ウ", "エ", "オ", "カ", "キ",
                                    "ク", "ケ", "コ", "サ", "シ", "ス", "セ"};

/* Each style as written in the record, and its form: %d the number,
 * %c a circled number, %k a katakana; the part after '|' follows the
 * heading. */
static const struct style {
	const char *key, *form;
} styles[] = {
    {"1.", "%d. "},      {"1．", "%d．"},  {"1　", "%d　"},   {"1)", "%d) "},
    {"（1）", "（%d）"}, {"(1)", "(%d) "}, {"①", "%c "},      {"第1", "第%d　"},
    {"ア", "%k　"},      {"ア.", "%k. "},  {"【】", "【|】"}, {"■", "■ "},
    {"□", "□ "},         {"●", "● "},      {"・", "・"},      {"none", ""},
};

static const struct style *find_style(const char *s)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(styles); i++)
		if (strcmp(styles[i].key, s) == 0)
			return &styles[i];
	return NULL;
}

/* The style a nested heading takes by default: the next in the usual
 * order of Japanese documents (第1 → 1 → （1） → ① → ア → ・); under a
 * heading that is not numbered (【】 ■ □ ● ・ none), 1. Never the parent's
 * own style, so that levels can be told apart. */
static const struct {
	const char *style, *next;
} nested[] = {
    {"1.", "（1）"}, {"1．", "（1）"}, {"1　", "（1）"}, {"1)", "（1）"},
    {"（1）", "①"},  {"(1)", "①"},     {"①", "ア"},      {"第1", "1　"},
    {"ア", "・"},    {"ア.", "・"},    {"【】", "1."},   {"■", "1."},
    {"□", "1."},     {"●", "1."},      {"・", "1."},     {"none", "1."},
};

const char *ng_numbering_next(const char *style)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(nested); i++)
		if (strcmp(nested[i].style, style) == 0)
			return nested[i].next;
	return "（1）";
}

bool ng_numbering_known(const char *style)
{
	return find_style(style) != NULL;
}

void ng_numbering(const char *style, size_t n, ng_buf *pre, ng_buf *post)
{
	const struct style *st = find_style(style);
	ng_buf *out = pre;
	for (const char *p = st ? st->form : ""; *p; p++) {
		if (*p == '|') {
			out = post;
		} else if (p[0] == '%' && p[1] == 'd') {
			ng_buf_printf(out, "%zu", n), p++;
		} else if (p[0] == '%' && p[1] == 'c') {
			ng_buf_adds(out,
			            n >= 1 && n <= NG_ARRAY_LEN(circled) ? circled[n - 1] : "");
			if (n > NG_ARRAY_LEN(circled))
				ng_buf_printf(out, "(%zu)", n);
			p++;
		} else if (p[0] == '%' && p[1] == 'k') {
			if (n >= 1 && n <= NG_ARRAY_LEN(iroha))
				ng_buf_adds(out, iroha[n - 1]);
			else
				ng_buf_printf(out, "%zu", n);
			p++;
		} else {
			ng_buf_addc(out, *p);
		}
	}
}

void ng_numbering_error(rd *r, const ng_text *t)
{
	const char *keys[NG_ARRAY_LEN(styles)];
	for (size_t i = 0; i < NG_ARRAY_LEN(styles); i++)
		keys[i] = styles[i].key;
	ng_rd_bad_keyword(r, t, "numbering", keys, NG_ARRAY_LEN(styles));
}

/* ---- covers: the report items (and the contact window) */

const char *const ng_cover_keys[NG_COVER__END] = {
    [0] = NULL,
    [NG_ITEM_OVERVIEW] = "overview",
    [NG_ITEM_DATA] = "data_items",
    [NG_ITEM_COUNT] = "affected",
    [NG_ITEM_CAUSE] = "causes",
    [NG_ITEM_HARM] = "secondary_harm",
    [NG_ITEM_RESPONSE] = "response",
    [NG_ITEM_PUBLICATION] = "publication",
    [NG_ITEM_PREVENTION] = "prevention",
    [NG_ITEM_OTHER] = "other",
    [NG_COVER_CONTACT] = "contact",
};

/* ---- reading */

/* A block list (blocks.h), checked now so that `check` reports its
 * problems; templates print it from the tree with @blocks. */
static int rd_blocks(rd *r, const ng_node *n, void *dst, const field *f)
{
	ng_rblocks bl = {0};
	if (ng_blocks_read(n, f->key, r->a, r->d, &bl) != 0)
		return ng_rd_fail(r);
	*(const ng_node **)dst = n;
	return 0;
}

static int check_section(rd *r, const ng_node *n, void *obj);

static int rd_subsections(rd *r, const ng_node *n, void *dst, const field *f)
{
	return ng_rd_sections(r, n, dst, f);
}

static const field section_fields[] = {
    {"heading", false, ng_rd_text, offsetof(ng_section, heading), NULL, 0, 0},
    {"numbering", false, ng_rd_text, offsetof(ng_section, numbering), NULL, 0, 0},
    {"covers", false, ng_rd_texts, offsetof(ng_section, covers), NULL, 0, 0},
    {"blocks", false, rd_blocks, offsetof(ng_section, blocks), NULL, 0, 0},
    {"sections", false, rd_subsections, offsetof(ng_section, sections), NULL, 0, 0},
    {"after", false, ng_rd_text, offsetof(ng_section, after), NULL, 0, 0},
};
NG_FIELDSET(section_set, N_("a section"), section_fields, check_section);

static int check_section(rd *r, const ng_node *n, void *obj)
{
	ng_section *s = obj;
	s->pos = n->pos;
	int rc = 0;
	if (s->numbering.s && !ng_numbering_known(s->numbering.s)) {
		ng_numbering_error(r, &s->numbering);
		rc = -1;
	}
	for (size_t i = 0; i < s->covers.n; i++) {
		int k = ng_rd_keyword(ng_cover_keys, NG_COVER__END, s->covers.v[i].s);
		if (k < 0) {
			ng_rd_bad_keyword(r, &s->covers.v[i], "covers", ng_cover_keys,
			                  NG_COVER__END);
			rc = -1;
			continue;
		}
		s->covers_mask |= 1u << k;
	}
	if (s->after.s && strcmp(s->after.s, "contact") != 0) {
		static const char *const places[] = {"contact"};
		ng_rd_bad_keyword(r, &s->after, "after", places, 1);
		rc = -1;
	}
	if (!s->heading.s && !s->blocks && !s->sections.n) {
		ng_diag *g =
		    ng_diag_add(r->d, NG_D_MISSING_FIELD, n->pos, "heading", ng_tr("a section"));
		ng_diag_hint(r->d, g, "a section needs a heading, blocks or sections");
		return ng_rd_fail(r);
	}
	return rc ? ng_rd_fail(r) : 0;
}

int ng_rd_sections(rd *r, const ng_node *n, void *dst, const field *f)
{
	field lf = *f;
	lf.sub = &section_set;
	lf.elem_size = sizeof(ng_section);
	return ng_rd_list(r, n, dst, &lf);
}

static int check_update(rd *r, const ng_node *n, void *obj)
{
	(void)r;
	((ng_update *)obj)->pos = n->pos;
	return 0;
}

static const field update_fields[] = {
    {"date", true, ng_rd_when, offsetof(ng_update, date), NULL, 0, 0},
    {"heading", false, ng_rd_text, offsetof(ng_update, heading), NULL, 0, 0},
    {"blocks", true, rd_blocks, offsetof(ng_update, blocks), NULL, 0, 0},
};
NG_FIELDSET(update_set, N_("an update"), update_fields, check_update);

int ng_rd_updates(rd *r, const ng_node *n, void *dst, const field *f)
{
	field lf = *f;
	lf.sub = &update_set;
	lf.elem_size = sizeof(ng_update);
	return ng_rd_list(r, n, dst, &lf);
}

/* ---- after reading */

static bool item_in_facts(const ng_record *rec, int k)
{
	if (k == NG_COVER_CONTACT)
		return rec->contact.title.s || rec->contact.phone.s || rec->contact.email.s ||
		       rec->contact.url.s || rec->contact.windows.n;
	return rec->items[k].state != NG_STATE_ABSENT;
}

/* Whether letter.omit names cover key k: the record then says itself that
 * this letter leaves the facts out (they stay for the other letters, such
 * as the PPC report), so the `covered` warning has nothing to tell. */
static bool omitted(const ng_record *rec, int k)
{
	for (size_t i = 0; i < rec->letter.omit.n; i++)
		if (rec->letter.omit.v[i].s &&
		    strcmp(rec->letter.omit.v[i].s, ng_cover_keys[k]) == 0)
			return true;
	return false;
}

/* A section covering item k: the item counts as stated; when the section
 * has its own words and the facts state the item too, the facts are not
 * printed (the section replaces them) — said, never silent, unless
 * letter.omit names the item. */
static void cover(rd *r, const ng_section *s, unsigned *seen)
{
	for (int k = 1; k < NG_COVER__END; k++) {
		if (!(s->covers_mask & (1u << k)))
			continue;
		if (*seen & (1u << k)) {
			ng_diag *g = ng_diag_add(r->d, NG_D_BAD_VALUE, s->pos, "covers",
			                         ng_tr("an item covered by two sections"));
			ng_diag_hint(r->d, g,
			             "'%s' is covered by an earlier section; cover it once",
			             ng_cover_keys[k]);
			ng_rd_fail(r);
		}
		*seen |= 1u << k;
		if (s->blocks && item_in_facts(r->rec, k) && !omitted(r->rec, k)) {
			ng_diag *g =
			    ng_diag_add(r->d, NG_D_COVERED, s->pos, ng_cover_keys[k],
			                s->heading.s ? s->heading.s : ng_tr("(no heading)"));
			ng_diag_hint(r->d, g,
			             "the section's words print instead; to keep the field for "
			             "other letters (the PPC report) say so with letter.omit: "
			             "[%s], or remove the section's blocks to print the field "
			             "under the section's heading",
			             ng_cover_keys[k]);
		}
		if (k < NG_ITEM__END && r->rec->items[k].state == NG_STATE_ABSENT)
			ng_rd_mark_item(r, (ng_item)k, NG_STATE_KNOWN, s->pos);
	}
}

/* Brackets a heading may be written in, and endings that add nothing to
 * an item's name (「原因について」 says 「原因」). */
static const char *const wraps[][2] = {{"【", "】"}, {"「", "」"}, {"［", "］"}, {"〔", "〕"}};
static const char *const fillers[] = {"について", "等", "等について", "の内容"};

static bool has_suffix(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* Whether a section's heading merely restates report item k's name: the
 * same words or a part of the name (「二次被害」, 「公表」), or either with a
 * filler (「二次被害について」) — a reader who has just read 「4. 原因」 gains nothing from
 * 「原因」 printed again under it. */
static bool restates(const char *heading, int k)
{
	if (!heading || k <= 0 || k >= NG_ITEM__END)
		return false;
	const char *h = heading;
	size_t n = strlen(h);
	for (;;) { /* spaces, ASCII or 全角, around the words */
		if (n && (*h == ' ' || h[n - 1] == ' ')) {
			h += *h == ' ', n -= 1;
			continue;
		}
		if (n >= 3 && memcmp(h, "　", 3) == 0) {
			h += 3, n -= 3;
			continue;
		}
		if (has_suffix(h, n, "　")) {
			n -= 3;
			continue;
		}
		break;
	}
	for (size_t i = 0; i < NG_ARRAY_LEN(wraps); i++) {
		size_t a = strlen(wraps[i][0]);
		if (n > a && memcmp(h, wraps[i][0], a) == 0 && has_suffix(h, n, wraps[i][1])) {
			h += a, n -= a + strlen(wraps[i][1]);
			break;
		}
	}
	const char *name = ng_item_names[k];
	if (!n)
		return false;
	char *w = malloc(n + 1);
	if (!w)
		return false;
	memcpy(w, h, n);
	w[n] = 0;
	bool same = strstr(name, w) != NULL;
	for (size_t i = 0; !same && i < NG_ARRAY_LEN(fillers); i++) {
		size_t fl = strlen(fillers[i]);
		if (n > fl && has_suffix(w, n, fillers[i])) {
			w[n - fl] = 0;
			same = strstr(name, w) != NULL;
			w[n - fl] = fillers[i][0];
		}
	}
	free(w);
	return same;
}

/* The section as its first covered item prints it: its own tree, less a
 * heading that restates the item's name. */
static ng_node *under_item(rd *r, const ng_node *tree, int k)
{
	const ng_node *h = ng_node_get(tree, "heading");
	if (!h || h->kind != NG_NODE_SCALAR || !restates(h->value, k))
		return (ng_node *)tree;
	ng_node *m = ng_node_new(r->a, NG_NODE_MAP, tree->pos);
	for (size_t i = 0; i < tree->n; i++)
		if (strcmp(tree->keys[i]->value, "heading") != 0)
			ng_node_put_node(r->a, m, tree->keys[i]->value, tree->items[i]);
	return m;
}

/* The tree's `covered` map: each item key → the sections that cover it,
 * so that a template that keeps its own order (the PPC worksheet, in the
 * order of 規則第8条第1項) still prints a section's words under the item.
 * A section covering several items is printed once, under the first (in
 * that order); under each later one its entry is only `see` (that item's
 * number) and `see_key`, for a 「（5. に記載）」 — the same words twice in
 * one report read as two different facts. */
static void put_covered(rd *r, const ng_section *s, const ng_node *tree)
{
	ng_node *m = ng_node_get(r->rec->root, "covered");
	if (!m) {
		m = ng_node_new(r->a, NG_NODE_MAP, r->rec->pos);
		ng_node_put_node(r->a, (ng_node *)r->rec->root, "covered", m);
	}
	int first = 0;
	for (int k = 1; k < NG_COVER__END; k++) {
		if (!(s->covers_mask & (1u << k)))
			continue;
		ng_node *entry;
		if (!first) {
			first = k;
			entry = under_item(r, tree, k);
		} else {
			entry = ng_node_new(r->a, NG_NODE_MAP, s->pos);
			ng_node_put(r->a, entry, "see", ng_aprintf(r->a, "%d", first), s->pos);
			ng_node_put(r->a, entry, "see_key", ng_cover_keys[first], s->pos);
		}
		ng_node *list = ng_node_get(m, ng_cover_keys[k]);
		if (!list) {
			list = ng_node_new(r->a, NG_NODE_SEQ, s->pos);
			ng_node_put_node(r->a, m, ng_cover_keys[k], list);
		}
		ng_node **items = ng_alloc(r->a, (list->n + 1) * sizeof *items);
		if (list->n)
			memcpy(items, list->items, list->n * sizeof *items);
		items[list->n++] = entry;
		list->items = items;
	}
}

/* How deep sections may nest: the built-in templates set four heading
 * levels apart (1. → （1） → ① → ア, each indented one em more), and a
 * fifth would print like the fourth. */
enum { MAX_SECTION_DEPTH = 4 };

static void too_deep(rd *r, const ng_section *v, size_t n, int depth)
{
	for (size_t i = 0; i < n; i++) {
		if (depth > MAX_SECTION_DEPTH) {
			ng_diag *g = ng_diag_add(r->d, NG_D_TOO_LARGE, v[i].pos,
			                         ng_tr("the nesting of sections"),
			                         (size_t)MAX_SECTION_DEPTH);
			ng_diag_hint(r->d, g,
			             "give this section's heading and blocks to its parent, or "
			             "write its points as a list");
			ng_rd_fail(r);
			return;
		}
		too_deep(r, v[i].sections.v, v[i].sections.n, depth + 1);
	}
}

/* after: places a top-level section; inside another section it would
 * tear the section from its parent, so it is an error there. */
static void nested_after(rd *r, const ng_section *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const ng_section *s = &v[i];
		for (size_t j = 0; j < s->sections.n; j++) {
			const ng_text *a = &s->sections.v[j].after;
			if (!a->s)
				continue;
			ng_diag *g = ng_diag_add(r->d, NG_D_BAD_VALUE, a->pos, "after",
			                         ng_tr("a nested section cannot be moved"));
			ng_diag_hint(r->d, g,
			             "move the section to the top level of sections, or remove "
			             "'after'");
			ng_rd_fail(r);
		}
		nested_after(r, s->sections.v, s->sections.n);
	}
}

static void cover_all(rd *r, const ng_section *v, size_t n, const ng_node *tree, unsigned *seen)
{
	for (size_t i = 0; i < n; i++) {
		cover(r, &v[i], seen);
		put_covered(r, &v[i], tree->items[i]);
		cover_all(r, v[i].sections.v, v[i].sections.n,
		          ng_node_get(tree->items[i], "sections"), seen);
	}
}

typedef struct dated_node {
	ng_node *node;
	long key; /* minutes since year 0, for ordering */
} dated_node;

static int newer_first(const void *a, const void *b)
{
	long x = ((const dated_node *)a)->key, y = ((const dated_node *)b)->key;
	return (y > x) - (y < x);
}

static long when_key(const ng_when *w)
{
	const ng_point *p = &w->start;
	long day = ((long)p->date.y * 12 + p->date.m) * 31 + p->date.d;
	return day * 1440 + (p->hour >= 0 ? p->hour * 60 + (p->minute > 0 ? p->minute : 0) : 0);
}

/* 追記 newest first in the tree (the record may list them in any order);
 * updates_latest holds the newest date for the title's 「※…追記」. */
static void order_updates(rd *r)
{
	ng_node *list = ng_node_get(r->rec->root, "updates");
	if (!list || list->kind != NG_NODE_SEQ || !list->n)
		return;
	dated_node *v = ng_alloc(r->a, list->n * sizeof *v);
	for (size_t i = 0; i < list->n; i++) {
		v[i] = (dated_node){list->items[i], when_key(&r->rec->updates.v[i].date.v)};
		if (!ng_node_get(list->items[i], "heading"))
			ng_node_put(r->a, list->items[i], "heading", "追記", list->items[i]->pos);
	}
	qsort(v, list->n, sizeof *v, newer_first);
	for (size_t i = 0; i < list->n; i++)
		list->items[i] = v[i].node;
	/* The day only: the title's mark is 「※令和7年6月10日追記」. */
	const ng_update *u = &r->rec->updates.v[0];
	for (size_t i = 1; i < r->rec->updates.n; i++)
		if (when_key(&r->rec->updates.v[i].date.v) > when_key(&u->date.v))
			u = &r->rec->updates.v[i];
	ng_date day = u->date.v.start.date;
	ng_node_put(r->a, (ng_node *)r->rec->root, "updates_latest",
	            ng_aprintf(r->a, "%04d-%02d-%02d", day.y, day.m, day.d), u->date.text.pos);
}

/* affected_text: item 3 as a letter prints it (約1,200名, 調査中, with its
 * note), whatever form the record wrote it in. */
static void affected_text(rd *r)
{
	const ng_affected *af = &r->rec->affected;
	if (af->state == NG_STATE_ABSENT)
		return;
	ng_buf b = {0};
	if (af->count >= 0 || af->vague) {
		/* the wording the engine writes (unit, 約, 最大, breakdown …),
		 * without the as-of date that needs the letter's calendar: a
		 * unit such as 世帯 must not read 名 here */
		ng_affected_text(NULL, af, &b);
	} else if (!af->note.s) {
		ng_buf_adds(&b, "調査中");
	}
	bool known = af->count >= 0 || af->vague;
	if (af->note.s && !(!known && strcmp(af->note.s, "調査中") == 0 && b.len))
		ng_buf_printf(&b, "%s%s", b.len ? "（" : "", af->note.s);
	if (af->note.s && known)
		ng_buf_adds(&b, "）");
	ng_node_put(r->a, (ng_node *)r->rec->root, "affected_text", ng_strdup(r->a, b.data),
	            af->pos);
	ng_buf_free(&b);
}

/* parties_handling: whether any party tells how it handled the incident
 * (narrative or timeline), so that a template prints the heading over
 * the parties' accounts only when there is one. Each party that tells it
 * gets handling_no, and each that gives causes causes_no (1, 2 … among
 * those): a template numbers their headings without gaps. */
static void parties_handling(rd *r)
{
	const ng_node *tree = ng_node_get(r->rec->root, "parties");
	size_t handling = 0, causes = 0;
	for (size_t i = 0; i < r->rec->parties.n; i++) {
		const ng_party *p = &r->rec->parties.v[i];
		ng_node *pn = tree && i < tree->n && tree->items[i]->kind == NG_NODE_MAP
		                  ? (ng_node *)tree->items[i]
		                  : NULL;
		if (p->narrative.n || p->timeline.n) {
			ng_node_put(r->a, (ng_node *)r->rec->root, "parties_handling", "true",
			            p->pos);
			if (pn)
				ng_node_put(r->a, pn, "handling_no",
				            ng_aprintf(r->a, "%zu", ++handling), p->pos);
		}
		if (p->causes.n && pn)
			ng_node_put(r->a, pn, "causes_no", ng_aprintf(r->a, "%zu", ++causes),
			            p->pos);
	}
}

int ng_sections_finish(rd *r)
{
	int before = r->errors;
	affected_text(r);
	parties_handling(r);
	unsigned seen = 0;
	nested_after(r, r->rec->sections.v, r->rec->sections.n);
	too_deep(r, r->rec->sections.v, r->rec->sections.n, 1);
	cover_all(r, r->rec->sections.v, r->rec->sections.n, ng_node_get(r->rec->root, "sections"),
	          &seen);
	order_updates(r);
	return r->errors == before ? 0 : -1;
}
