/* words.c — how a letter names its sender and the persons concerned. The
 * law fixes what a notice says, not its words: a clinic is 当院 and writes
 * to 患者の皆様, a city is 本市 and writes to 市民の皆様. sender.kind picks
 * the defaults from the table below; words.self and words.persons
 * override them. Templates read words.self and words.persons, never a
 * fixed 当社 or お客様. */
#include <stdio.h>
#include <string.h>

#include "read_int.h"

/* Each kind of sender: its record keywords (English, Japanese, and the
 * name of the office a user is likely to type: 町役場, 市役所), how it names
 * itself and the persons concerned by default. */
static const struct kind {
	const char *key, *ja, *alt, *self, *persons;
} kinds[] = {
    {"company", "企業", "会社", "当社", "お客様"},
    {"vendor", "ベンダー", NULL, "当社", "お客様"},
    {"shop", "店舗", "店", "当店", "お客様"},
    {"corporation", "法人", NULL, "当法人", "関係者の皆様"},
    {"clinic", "診療所", "医院", "当院", "患者の皆様"},
    {"hospital", "病院", NULL, "当院", "患者の皆様"},
    {"city", "市", "市役所", "本市", "市民の皆様"},
    {"ward", "区", "区役所", "本区", "区民の皆様"},
    {"town", "町", "町役場", "本町", "町民の皆様"},
    {"village", "村", "村役場", "本村", "村民の皆様"},
    {"prefecture", "都道府県", "県庁", "本県", "県民の皆様"},
    {"school", "学校", NULL, "本校", "保護者の皆様"},
    {"university", "大学", NULL, "本学", "関係者の皆様"},
    {"office", "事務所", NULL, "当事務所", "関係者の皆様"},
    {"association", "団体", NULL, "当会", "会員の皆様"},
};

static const struct kind *find_kind(const char *s)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(kinds); i++)
		if (strcmp(kinds[i].key, s) == 0 || strcmp(kinds[i].ja, s) == 0 ||
		    (kinds[i].alt && strcmp(kinds[i].alt, s) == 0))
			return &kinds[i];
	return NULL;
}

/* Fills words.self and words.persons from sender.kind where the record
 * does not write them, in the record and in the tree templates read.
 * An unknown kind is an error listing the known ones. */
int ng_words_fill(rd *r)
{
	ng_record *rec = r->rec;
	const struct kind *k = &kinds[0];
	if (rec->sender.kind.s && !(k = find_kind(rec->sender.kind.s))) {
		/* The hint names the Japanese word beside each keyword: a user who
		 * typed 町役場 or 学習塾 sees that 町 or 企業 is what to write. */
		const char *kind_keys[NG_ARRAY_LEN(kinds)];
		for (size_t i = 0; i < NG_ARRAY_LEN(kinds); i++) {
			size_t len = strlen(kinds[i].key) + strlen(kinds[i].ja) + 8;
			char *both = ng_alloc(r->a, len);
			snprintf(both, len, "%s (%s)", kinds[i].key, kinds[i].ja);
			kind_keys[i] = both;
		}
		ng_rd_bad_keyword(r, &rec->sender.kind, "kind", kind_keys, NG_ARRAY_LEN(kinds));
		return -1;
	}
	if (rec->sender.kind.s) /* the tree holds the English keyword */
		ng_node_put(r->a, ng_node_get(rec->root, "sender"), "kind", k->key,
		            rec->sender.kind.pos);
	ng_words *w = &rec->words;
	ng_node *tree = ng_node_get(rec->root, "words");
	if (!tree) {
		tree = ng_node_new(r->a, NG_NODE_MAP, rec->pos);
		ng_node_put_node(r->a, (ng_node *)rec->root, "words", tree);
	}
	if (!w->self.s) {
		w->self = (ng_text){.s = k->self, .pos = rec->sender.kind.pos};
		ng_node_put(r->a, tree, "self", k->self, rec->pos);
	}
	if (!w->persons.s) {
		w->persons = (ng_text){.s = k->persons, .pos = rec->sender.kind.pos};
		ng_node_put(r->a, tree, "persons", k->persons, rec->pos);
	}
	return 0;
}

static const field words_fields[] = {
    {"self", false, ng_rd_text, offsetof(ng_words, self), NULL, 0, 0},
    {"persons", false, ng_rd_text, offsetof(ng_words, persons), NULL, 0, 0},
};
NG_FIELDSET(words_set, "words", words_fields, NULL);

/* words: {self: 当院, persons: 患者の皆様}. */
int ng_rd_words(rd *r, const ng_node *n, void *dst, const field *f)
{
	return ng_rd_map(r, n, dst, &words_set, f->key);
}
