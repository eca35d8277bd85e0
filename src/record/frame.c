/* frame.c — the letter's frame as the record chooses it: a stacked
 * addressee (one line each), the marking above everything (親展,
 * 【取扱注意】), 記 … 以上, the date line, where the sender block stands,
 * the numbering of generated headings, no addressee at all (addressee:
 * none), and the fields the letter leaves out on purpose (letter.omit). Every option is checked
 * here; templates read the canonical values from the tree ("true"/"false", "top"/"end", an
 * `omitted` map). */
#include <string.h>

#include "read_int.h"

/* A stacked addressee (three organisations over 各位): a list of lines.
 * Templates see one text with a line break between the lines, as a batch
 * row's 「会社名」 over 「担当者 様」. */
int ng_rd_addressee(rd *r, const ng_node *n, void *dst, const field *f)
{
	ng_text *t = dst;
	/* none: no addressee line at all (a web notice has none), not even
	 * the 各位 a public notice falls back to. The tree holds an empty
	 * text, so no template prints the word. */
	if (n->kind == NG_NODE_SCALAR && n->value && strcmp(n->value, "none") == 0) {
		r->rec->letter.no_addressee = (ng_flag){true, true, n->pos};
		ng_rd_write_back(n, "");
		return 0;
	}
	if (n->kind != NG_NODE_SEQ)
		return ng_rd_text(r, n, dst, f);
	ng_texts *lines = &r->rec->letter.addressee_lines;
	if (ng_rd_texts(r, n, lines, f) != 0)
		return -1;
	if (lines->n == 0) {
		ng_diag_add(r->d, NG_D_EMPTY_VALUE, n->pos, f->key);
		return ng_rd_fail(r);
	}
	ng_buf b = {0};
	for (size_t i = 0; i < lines->n; i++)
		ng_buf_printf(&b, "%s%s", i ? "\n" : "", lines->v[i].s);
	*t = (ng_text){.s = ng_strdup(r->a, b.data), .pos = n->pos};
	ng_buf_free(&b);
	ng_node *m = (ng_node *)n; /* the record's own tree (see write_back) */
	ng_pos pos = m->pos;
	*m = *ng_node_new(r->a, NG_NODE_SCALAR, pos);
	m->value = t->s;
	m->len = strlen(t->s);
	return 0;
}

/* true/false (yes/no): kept as "true" or "false" in the tree. */
int ng_rd_flag(rd *r, const ng_node *n, void *dst, const field *f)
{
	ng_flag *fl = dst;
	if (ng_rd_bool(r, n, &fl->v, f) != 0)
		return -1;
	fl->set = true;
	fl->pos = n->pos;
	ng_rd_write_back(n, fl->v ? "true" : "false");
	return 0;
}

static const char *const positions[] = {"top", "end"};

/* The fields letter.omit may name: what a template prints. */
static const char *const omittable[] = {
    "letter.addressee",  "letter.number", "letter.body", "letter.greeting", "overview",
    "data_items",        "affected",      "causes",      "secondary_harm",  "response",
    "publication",       "prevention",    "other",       "contact",         "parties.timeline",
    "parties.narrative", "updates",       "sections",
};

/* The tree's `omitted` map: the item key (data_items, causes …) or the
 * field's last part (timeline, number …) → "true". */
static const char *omit_key(const char *field)
{
	const char *dot = strrchr(field, '.');
	return dot ? dot + 1 : field;
}

static int check_omit(rd *r)
{
	const ng_texts *o = &r->rec->letter.omit;
	ng_node *m = ng_node_new(r->a, NG_NODE_MAP, r->rec->pos);
	int rc = 0;
	for (size_t i = 0; i < o->n; i++) {
		if (ng_rd_keyword(omittable, NG_ARRAY_LEN(omittable), o->v[i].s) < 0) {
			ng_rd_bad_keyword(r, &o->v[i], "omit", omittable, NG_ARRAY_LEN(omittable));
			rc = -1;
			continue;
		}
		ng_node_put(r->a, m, omit_key(o->v[i].s), "true", o->v[i].pos);
	}
	ng_node_put_node(r->a, (ng_node *)r->rec->root, "omitted", m);
	return rc;
}

/* addressee: none, where the letter type allows it: a public notice or a
 * notice to the persons may stand without one; a letter to a client
 * (委託元) is addressed to that client. Templates see
 * letter.addressee_line "false". */
static int check_no_addressee(rd *r)
{
	ng_letter *l = &r->rec->letter;
	if (!l->no_addressee.v)
		return 0;
	if (l->audience == NG_AUD_CLIENTS) {
		ng_diag *g =
		    ng_diag_add(r->d, NG_D_BAD_VALUE, l->no_addressee.pos, "addressee",
		                ng_tr("a letter to clients (audience: clients) has an addressee"));
		ng_diag_hint(r->d, g, "name the client (株式会社小林 御中), or use 顧問先各位");
		return ng_rd_fail(r);
	}
	ng_node *letter = (ng_node *)ng_node_get(r->rec->root, "letter");
	if (letter)
		ng_node_put(r->a, letter, "addressee_line", "false", l->no_addressee.pos);
	return 0;
}

int ng_frame_finish(rd *r)
{
	ng_letter *l = &r->rec->letter;
	int rc = check_omit(r) | check_no_addressee(r);
	if (l->sender_position.s &&
	    ng_rd_keyword(positions, NG_ARRAY_LEN(positions), l->sender_position.s) < 0) {
		ng_rd_bad_keyword(r, &l->sender_position, "sender_position", positions,
		                  NG_ARRAY_LEN(positions));
		rc = -1;
	}
	if (l->numbering.s && !ng_numbering_known(l->numbering.s)) {
		ng_numbering_error(r, &l->numbering);
		rc = -1;
	}
	return rc;
}
