/* words.c — how a letter names its sender and the persons concerned. The
 * law fixes what a notice says, not its words: a clinic is 当院 and writes
 * to 患者の皆様, a city is 本市 and writes to 市民の皆様. sender.kind picks
 * the defaults from the table below; words.self and words.persons
 * override them. Templates read words.self and words.persons, never a
 * fixed 当社 or お客様; a letter to a client calls it words.client (貴社,
 * 貴事務所, 貴院 …: by the addressee's name, per client row in a batch).
 * Real notices also introduce the short word at the first mention
 * (「しらかば歯科医院（以下「当院」といいます。）」: words.name), say
 * 患者様 inside a phrase beside 患者の皆様 (words.persons_short), and call
 * the reader of a letter to one person あなた, 貴殿 or by name
 * (words.reader; ng_words_letter decides it per letter). */
#include <stdio.h>
#include <string.h>

#include "read_int.h"

/* Each kind of sender: its record keywords (English, Japanese, and the
 * name of the office a user is likely to type: 町役場, 市役所), how it names
 * itself and the persons concerned by default, the persons inside a
 * phrase (患者様の個人情報; the same word where a kind has no shorter
 * one), and the reader of a letter to one person: public bodies write
 * あなた (公用文), offices and corporations the formal 貴殿, shops and
 * clinics the honorific of their persons. */
static const struct kind {
	const char *key, *ja, *alt, *self, *persons, *persons_short, *reader;
} kinds[] = {
    {"company", "企業", "会社", "当社", "お客様", "お客様", "お客様"},
    {"vendor", "ベンダー", NULL, "当社", "お客様", "お客様", "お客様"},
    {"shop", "店舗", "店", "当店", "お客様", "お客様", "お客様"},
    {"corporation", "法人", NULL, "当法人", "関係者の皆様", "関係者の皆様", "貴殿"},
    {"clinic", "診療所", "医院", "当院", "患者の皆様", "患者様", "患者様"},
    {"hospital", "病院", NULL, "当院", "患者の皆様", "患者様", "患者様"},
    {"city", "市", "市役所", "本市", "市民の皆様", "市民の皆様", "あなた"},
    {"ward", "区", "区役所", "本区", "区民の皆様", "区民の皆様", "あなた"},
    {"town", "町", "町役場", "本町", "町民の皆様", "町民の皆様", "あなた"},
    {"village", "村", "村役場", "本村", "村民の皆様", "村民の皆様", "あなた"},
    {"prefecture", "都道府県", "県庁", "本県", "県民の皆様", "県民の皆様", "あなた"},
    {"school", "学校", NULL, "本校", "保護者の皆様", "保護者の皆様", "保護者様"},
    {"university", "大学", NULL, "本学", "関係者の皆様", "関係者の皆様", "あなた"},
    {"office", "事務所", NULL, "当事務所", "関係者の皆様", "関係者の皆様", "貴殿"},
    {"association", "団体", NULL, "当会", "会員の皆様", "会員の皆様", "会員様"},
};

static const struct kind *find_kind(const char *s)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(kinds); i++)
		if (strcmp(kinds[i].key, s) == 0 || strcmp(kinds[i].ja, s) == 0 ||
		    (kinds[i].alt && strcmp(kinds[i].alt, s) == 0))
			return &kinds[i];
	return NULL;
}

/* How a letter to a client calls that client, by the end of the client's
 * name: a 事務所 is 貴事務所, a clinic 貴院, a city 貴市 — 貴社 only for a
 * company. An ending listed before another it ends in wins (市役所, 市).
 * A name that ends in none of them is looked at for a company's mark,
 * then for 会 and 法人 (社会福祉法人あおば会: 貴会), which a company's name
 * may also end in (株式会社あおば商会 is 貴社). */
static const struct {
	const char *tail, *word;
} client_tails[] = {
    {"事務所", "貴事務所"}, {"病院", "貴院"},       {"医院", "貴院"},     {"診療所", "貴院"},
    {"クリニック", "貴院"}, {"大学", "貴学"},       {"学校", "貴校"},     {"高校", "貴校"},
    {"幼稚園", "貴園"},     {"保育園", "貴園"},     {"こども園", "貴園"}, {"市役所", "貴市"},
    {"区役所", "貴区"},     {"町役場", "貴町"},     {"村役場", "貴村"},   {"県庁", "貴県"},
    {"市", "貴市"},         {"区", "貴区"},         {"町", "貴町"},       {"村", "貴村"},
    {"県", "貴県"},         {"組合", "貴組合"},     {"協会", "貴協会"},   {"財団", "貴財団"},
    {"機構", "貴機構"},     {"協議会", "貴協議会"},
};

static const char *const company_marks[] = {"株式会社", "有限会社", "合同会社", "合資会社",
                                            "合名会社", "㈱",       "㈲",       "（株）",
                                            "(株)",     "（有）",   "(有)"};

/* What may follow the name on an addressee line, and what parts its words. */
static const char *const addressee_tails[] = {"御中", "各位", "様", "殿", " ", "\u3000"};

static bool ends_in(const char *s, size_t n, const char *tail)
{
	size_t t = strlen(tail);
	return n >= t && memcmp(s + n - t, tail, t) == 0;
}

static bool holds(const char *s, size_t n, const char *mark)
{
	size_t m = strlen(mark);
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(s + i, mark, m) == 0)
			return true;
	return false;
}

/* The word for one part of a name s[0..n), or NULL. */
static const char *word_of(const char *s, size_t n)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(client_tails); i++)
		if (ends_in(s, n, client_tails[i].tail))
			return client_tails[i].word;
	for (size_t i = 0; i < NG_ARRAY_LEN(company_marks); i++)
		if (holds(s, n, company_marks[i]))
			return "貴社";
	if (ends_in(s, n, "会"))
		return "貴会";
	return holds(s, n, "法人") ? "貴法人" : NULL;
}

const char *ng_words_client_for(const char *name)
{
	if (!name)
		return NULL;
	size_t n = strlen(name);
	/* 「山田社会保険労務士事務所 御中」: the honorific and spaces go first */
	for (bool more = true; more;) {
		more = false;
		for (size_t i = 0; i < NG_ARRAY_LEN(addressee_tails); i++)
			if (ends_in(name, n, addressee_tails[i])) {
				n -= strlen(addressee_tails[i]);
				more = true;
			}
	}
	/* 「株式会社あおば 総務部」: each part from the last, the first that
	 * names its kind */
	while (n > 0) {
		size_t start = n;
		while (start > 0 && name[start - 1] != ' ' &&
		       !(start >= 3 && memcmp(name + start - 3, "\u3000", 3) == 0))
			start--;
		const char *w = word_of(name + start, n - start);
		if (w)
			return w;
		n = start;
		while (n > 0 &&
		       (name[n - 1] == ' ' || (n >= 3 && memcmp(name + n - 3, "\u3000", 3) == 0)))
			n -= name[n - 1] == ' ' ? 1 : 3;
	}
	return NULL;
}

/* words.client from the record's addressee: one name, or stacked lines
 * that all take the same word (各位 alone on its line aside); 貴社
 * otherwise. */
static const char *client_default(const ng_letter *l)
{
	const char *w = ng_words_client_for(l->addressee.s);
	if (w)
		return w;
	const char *all = NULL;
	for (size_t i = 0; i < l->addressee_lines.n; i++) {
		const char *line = l->addressee_lines.v[i].s;
		if (!line || strcmp(line, "各位") == 0)
			continue;
		const char *one = ng_words_client_for(line);
		if (!one || (all && strcmp(all, one) != 0))
			return "貴社";
		all = one;
	}
	return all ? all : "貴社";
}

/* ---- the words of one letter */

bool ng_addressee_one_person(const char *s, size_t len)
{
	static const char *const ends[] = {"様", "殿"};
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
		len--;
	/* 「本学卒業生の皆様」 ends in 様 and is many */
	if (ends_in(s, len, "皆様") || ends_in(s, len, "皆さま"))
		return false;
	for (size_t i = 0; i < NG_ARRAY_LEN(ends); i++)
		if (ends_in(s, len, ends[i]))
			return true;
	return false;
}

/* reader: name — the addressee with 様, its own honorific and the spaces
 * aside: 「白樺 花子 様」 → 「白樺花子様」 (running text sets a name solid;
 * the space of an address line would stretch to a gap mid-sentence). */
static const char *by_name(ng_arena *a, const char *s, size_t len)
{
	for (bool more = true; more;) {
		more = false;
		for (size_t i = 0; i < NG_ARRAY_LEN(addressee_tails); i++)
			if (ends_in(s, len, addressee_tails[i])) {
				len -= strlen(addressee_tails[i]);
				more = true;
			}
	}
	ng_buf b = {0};
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ')
			continue;
		if (len - i >= 3 && memcmp(s + i, "\u3000", 3) == 0) {
			i += 2;
			continue;
		}
		ng_buf_addc(&b, s[i]);
	}
	const char *out = ng_aprintf(a, "%s様", b.len ? b.data : "");
	ng_buf_free(&b);
	return out;
}

static ng_node *word_node(ng_arena *a, const char *s, ng_pos pos)
{
	ng_node *n = ng_node_new(a, NG_NODE_SCALAR, pos);
	n->value = s;
	n->len = strlen(s);
	return n;
}

static const char *value_of(const ng_node *words, const char *key)
{
	const ng_node *n = ng_node_get(words, key);
	return n && n->kind == NG_NODE_SCALAR ? n->value : "";
}

/* The reader of a letter to addressee `to`: one person (「山田 花子 様」)
 * is one_reader (or the name, for `name`), in and out of a phrase alike;
 * many (各位, 皆様, none) are persons, and persons_short in a phrase.
 * True when the reader is the addressee's name. */
static bool letter_reader(ng_arena *a, const ng_node *words, const ng_node *to, const char **reader,
                          const char **reader_short)
{
	bool one = to && to->kind == NG_NODE_SCALAR && ng_addressee_one_person(to->value, to->len);
	*reader = value_of(words, one ? "one_reader" : "persons");
	*reader_short = one ? *reader : value_of(words, "persons_short");
	if (!one || strcmp(*reader, "name") != 0)
		return false;
	*reader = *reader_short = by_name(a, to->value, to->len);
	return true; /* made of the addressee's name */
}

/* A shallow copy of map with key set to value (added when absent): the
 * arrays copied whole, once a letter, not key by key. */
static ng_node *with(ng_arena *a, const ng_node *map, const char *key, ng_node *value)
{
	ng_node *m = ng_alloc(a, sizeof *m);
	*m = *map;
	m->keys = ng_alloc(a, (map->n + 1) * sizeof *m->keys);
	m->items = ng_alloc(a, (map->n + 1) * sizeof *m->items);
	if (map->n) {
		memcpy(m->keys, map->keys, map->n * sizeof *m->keys);
		memcpy(m->items, map->items, map->n * sizeof *m->items);
	}
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->keys[i]->value, key) == 0) {
			m->items[i] = value;
			return m;
		}
	m->keys[m->n] = word_node(a, key, value->pos);
	m->items[m->n++] = value;
	return m;
}

const ng_node *ng_words_letter(ng_arena *a, const ng_node *root)
{
	const ng_node *words = ng_node_get(root, "words");
	if (!words || words->kind != NG_NODE_MAP)
		return root;
	const char *reader, *reader_short;
	bool named = letter_reader(a, words, ng_node_get(ng_node_get(root, "letter"), "addressee"),
	                           &reader, &reader_short);
	if (strcmp(reader, value_of(words, "reader")) == 0 &&
	    strcmp(reader_short, value_of(words, "reader_short")) == 0)
		return root; /* the record's own: a batch's letters share it */
	ng_node *r = word_node(a, reader, words->pos), *rs = word_node(a, reader_short, words->pos);
	/* a batch row's name is data: a {{…}} in it is printed, never expanded */
	r->data = rs->data = named;
	ng_node *m = with(a, words, "reader", r);
	m = with(a, m, "reader_short", rs);
	return with(a, root, "words", m);
}

/* ---- filling the record's words */

/* One word from the kind's default where the record does not write it,
 * in the record and in the tree templates read. */
static void fill_word(rd *r, ng_node *tree, ng_text *t, const char *key, const char *def)
{
	if (t->s)
		return;
	*t = (ng_text){.s = def, .pos = r->rec->sender.kind.pos};
	ng_node_put(r->a, tree, key, def, r->rec->pos);
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
	/* A record's own persons is its phrase word too unless it gives one:
	 * the kind's 患者様 beside a clinic's 利用者の皆様 would name others. */
	bool own_persons = w->persons.s != NULL;
	fill_word(r, tree, &w->self, "self", k->self);
	fill_word(r, tree, &w->persons, "persons", k->persons);
	fill_word(r, tree, &w->persons_short, "persons_short",
	          own_persons ? w->persons.s : k->persons_short);
	if (!w->reader.s)
		w->reader = (ng_text){.s = k->reader, .pos = rec->sender.kind.pos};
	/* the word for one reader, kept apart: words.reader in the tree is
	 * the letter's reader (ng_words_letter) */
	ng_node_put(r->a, tree, "one_reader", w->reader.s, w->reader.pos);
	if (!w->client.s) {
		const char *c = client_default(&rec->letter);
		w->client = (ng_text){.s = c, .pos = rec->letter.addressee.pos};
		ng_node_put(r->a, tree, "client", c, rec->pos);
	}
	/* words.name: the first mention in running text defines self
	 * (src/template: the first {{ words.self }} of a paragraph or list
	 * item prints self_first). */
	if (w->name.s)
		ng_node_put(r->a, tree, "self_first",
		            ng_aprintf(r->a, "%s（以下「%s」といいます。）", w->name.s, w->self.s),
		            w->name.pos);
	const ng_node *to = ng_node_get(ng_node_get(rec->root, "letter"), "addressee");
	const char *reader, *reader_short;
	letter_reader(r->a, tree, to, &reader, &reader_short);
	ng_node_put(r->a, tree, "reader", reader, w->reader.pos);
	ng_node_put(r->a, tree, "reader_short", reader_short, w->reader.pos);
	return 0;
}

static const field words_fields[] = {
    {"self", false, ng_rd_text, offsetof(ng_words, self), NULL, 0, 0},
    {"persons", false, ng_rd_text, offsetof(ng_words, persons), NULL, 0, 0},
    {"client", false, ng_rd_text, offsetof(ng_words, client), NULL, 0, 0},
    {"name", false, ng_rd_text, offsetof(ng_words, name), NULL, 0, 0},
    {"persons_short", false, ng_rd_text, offsetof(ng_words, persons_short), NULL, 0, 0},
    {"reader", false, ng_rd_text, offsetof(ng_words, reader), NULL, 0, 0},
};
NG_FIELDSET(words_set, "words", words_fields, NULL);

/* words: {self: 当院, persons: 患者の皆様, client: 貴院}. */
int ng_rd_words(rd *r, const ng_node *n, void *dst, const field *f)
{
	return ng_rd_map(r, n, dst, &words_set, f->key);
}
