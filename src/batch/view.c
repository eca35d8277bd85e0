/* view.c — a client's view of the record: the addressee from the row and
 * only the data-item groups of the services the client contracted, so the
 * reference letter's 「※ご契約内容によって項目は異なります」 becomes each
 * client's precise list, and words.client, how the letter calls the client
 * (貴社, 貴事務所, 貴院 …). The record itself is shared, never changed. */
#include <stdio.h>
#include <string.h>

#include "batch_int.h"

static ng_node *scalar(ng_arena *a, const char *s, ng_pos pos)
{
	ng_node *n = ng_alloc(a, sizeof *n);
	n->kind = NG_NODE_SCALAR;
	n->value = s;
	n->len = strlen(s);
	n->pos = n->vpos = pos;
	n->plain = true;
	return n;
}

/* A shallow copy of a map with one key set (added when absent). */
static ng_node *with(ng_arena *a, const ng_node *map, const char *key, ng_node *value)
{
	ng_node *m = ng_alloc(a, sizeof *m);
	*m = *map;
	m->items = ng_alloc(a, (map->n + 1) * sizeof *m->items);
	m->keys = ng_alloc(a, (map->n + 1) * sizeof *m->keys);
	if (map->n) {
		memcpy(m->items, map->items, map->n * sizeof *m->items);
		memcpy(m->keys, map->keys, map->n * sizeof *m->keys);
	}
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->keys[i]->value, key) == 0) {
			m->items[i] = value;
			return m;
		}
	}
	m->keys[m->n] = scalar(a, key, value->pos);
	m->items[m->n++] = value;
	return m;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && strcmp(s + n - t, tail) == 0;
}

static bool corporate(const char *name)
{
	static const char *const marks[] = {"株式会社", "有限会社", "合同会社", "合資会社",
	                                    "合名会社", "法人",     "㈱",       "（株）",
	                                    "(株)",     "組合",     "協会",     "事務所"};
	for (size_t i = 0; i < NG_ARRAY_LEN(marks); i++)
		if (strstr(name, marks[i]))
			return true;
	return false;
}

/* The kinds by their words, and the honorific each takes. */
static const struct {
	const char *word, *kind, *honorific;
} kinds[] = {{"company", "company", "御中"}, {"法人", "company", "御中"},
             {"person", "person", "様"},     {"個人", "person", "様"},
             {"group", "group", "各位"},     {"各位", "group", "各位"}};

/* A name's own last honorific that names a kind (「顧問先従業員各位」:
 * group; 「山田 太郎 様」: person; 「人事部 御中」: company), or -1. */
static int name_kind(const char *name)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(kinds); i += 2)
		if (ends_with(name, kinds[i].honorific))
			return (int)i;
	return -1;
}

/* 御中 for an organisation, 様 for a person, 各位 for many — never 御中
 * and 様 together: a named contact at a company gets a second line. A
 * row without a kind whose name ends in one of those honorifics is of
 * that kind: its writer said so (「従業員各位」 is not 「従業員各位 御中」). */
static const char *addressee(ng_arena *a, const ng_row *row)
{
	const ng_node *given = ng_node_get(row->map, "addressee");
	if (given && given->kind == NG_NODE_SCALAR)
		return given->value;
	const char *name = ng_node_get(row->map, "name")->value;
	const ng_node *kind = ng_node_get(row->map, "kind");
	const ng_node *contact = ng_node_get(row->map, "contact");
	int own = name_kind(name);
	const char *k = kind                         ? kind->value
	                : own >= 0                   ? kinds[own].kind
	                : contact || corporate(name) ? "company"
	                                             : "person";
	if (strcmp(k, "group") == 0 || strcmp(k, "各位") == 0)
		return ends_with(name, "各位") ? name : ng_aprintf(a, "%s各位", name);
	if (strcmp(k, "person") == 0 || strcmp(k, "個人") == 0)
		return ends_with(name, "様") ? name : ng_aprintf(a, "%s 様", name);
	if (contact && contact->kind == NG_NODE_SCALAR) /* 様 once, like a name's */
		return ends_with(contact->value, "様")
		           ? ng_aprintf(a, "%s\n%s", name, contact->value)
		           : ng_aprintf(a, "%s\n%s 様", name, contact->value);
	return ends_with(name, "御中") ? name : ng_aprintf(a, "%s 御中", name);
}

/* ---- honorifics: one per addressee, never 御中 with 様 */

/* What may end a name; longest first where one ends another. */
static const char *const honorifics[] = {"御中", "様方", "様", "殿", "先生", "各位", "さま"};

static const char *const spaces[] = {" ", "\u3000"};

/* s[0..*n) without trailing spaces. */
static void trim(const char *s, size_t *n)
{
	for (bool more = true; more;) {
		more = false;
		for (size_t i = 0; i < NG_ARRAY_LEN(spaces); i++) {
			size_t k = strlen(spaces[i]);
			if (*n >= k && memcmp(s + *n - k, spaces[i], k) == 0)
				*n -= k, more = true;
		}
	}
}

/* How many honorifics end the line s[0..n) (「山田 殿 様」: 2); *ok set
 * when the two are お客様各位, the accepted form. */
static int trailing_honorifics(const char *s, size_t n, bool *ok)
{
	int count = 0;
	const char *last = NULL;
	*ok = false;
	trim(s, &n);
	for (bool more = true; more;) {
		more = false;
		for (size_t i = 0; i < NG_ARRAY_LEN(honorifics); i++) {
			size_t k = strlen(honorifics[i]);
			if (n < k || memcmp(s + n - k, honorifics[i], k) != 0)
				continue;
			*ok = count == 1 && strcmp(last, "各位") == 0 &&
			      strcmp(honorifics[i], "様") == 0 && n >= k + strlen("お客") &&
			      memcmp(s + n - k - strlen("お客"), "お客", 6) == 0;
			last = honorifics[i];
			n -= k;
			trim(s, &n);
			count++;
			more = true;
			break;
		}
	}
	return count;
}

/* The record's rules for an addressee, applied to each client's: a
 * double honorific (「人事部 御中 様」「山田 殿 様」「先生 様」「皆様各位」)
 * or 御中 with 様 fails the row at the cell it came from (pos[0] for the
 * first line, pos[1] for a contact's line). */
static int check_honorifics(const char *to, const ng_pos pos[2], ng_diags *d)
{
	const char *problem = NULL;
	int at = 0;
	for (const char *line = to; *line && !problem; at++) {
		size_t n = strcspn(line, "\n");
		bool ok;
		if (trailing_honorifics(line, n, &ok) > 1 && !ok)
			problem = N_("double honorific: one of 御中・様・殿・先生・各位 is enough");
		line += n + (line[n] == '\n');
	}
	if (!problem && strstr(to, "御中") && strstr(to, "様"))
		problem = N_("御中 and 様 together"), at = 1;
	if (!problem)
		return 0;
	ng_diag *g = ng_diag_add(d, NG_D_HONORIFIC_ERROR, pos[at > 1], ng_tr(problem));
	ng_diag_hint(d, g,
	             "write the name without an honorific and set kind (company: 御中, "
	             "person: 様, group: 各位), or give the whole addressee in the "
	             "addressee column");
	return -1;
}

/* The services a row lists: a YAML list, or one cell separated by
 * 「;」「、」「,」 or newlines. */
static size_t services(ng_arena *a, const ng_node *v, const char ***out)
{
	if (v->kind == NG_NODE_SEQ) {
		*out = ng_alloc(a, (v->n + 1) * sizeof **out);
		for (size_t i = 0; i < v->n; i++)
			(*out)[i] = v->items[i]->value ? v->items[i]->value : "";
		return v->n;
	}
	size_t n = 0, cap = 0;
	const char **list = NULL;
	for (const char *p = v->value; *p;) {
		size_t len = strcspn(p, ";,\n");
		const char *jp = strstr(p, "、");
		if (jp && (size_t)(jp - p) < len)
			len = (size_t)(jp - p);
		const char *s = p, *e = p + len;
		while (s < e && *s == ' ')
			s++;
		while (e > s && e[-1] == ' ')
			e--;
		if (e > s) {
			list = ng_agrow(a, list, sizeof *list, &cap, n + 1);
			list[n++] = ng_strndup(a, s, (size_t)(e - s));
		}
		p += len;
		p += strncmp(p, "、", 3) == 0 ? 3 : *p ? 1 : 0;
	}
	*out = list;
	return n;
}

static void hint_services(ng_diags *d, ng_diag *g, const ng_node *groups)
{
	ng_buf b = {0};
	for (size_t i = 0; i < groups->n; i++) {
		const ng_node *s = ng_node_get(groups->items[i], "service");
		ng_buf_printf(&b, "%s%s", i ? ", " : "", s ? s->value : "?");
	}
	ng_diag_hint(d, g, "the record's services: %s", b.data);
	ng_buf_free(&b);
}

/* data_items with only the groups of the listed services, and no ※ note. */
static ng_node *narrow(ng_arena *a, const ng_node *items, const ng_node *v, ng_diags *d)
{
	const ng_node *groups = ng_node_get(items, "groups");
	const char **names;
	size_t n = services(a, v, &names);
	ng_node *seq = ng_alloc(a, sizeof *seq);
	*seq = *groups;
	seq->items = ng_alloc(a, (groups->n + 1) * sizeof *seq->items);
	seq->n = 0;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < groups->n &&
		       strcmp(ng_node_get(groups->items[k], "service")->value, names[i]) != 0)
			k++;
		if (k == groups->n) {
			ng_diag *g =
			    ng_diag_add(d, NG_D_BAD_VALUE, v->pos, "services",
			                ng_aprintf(a, ng_tr("no data-item group '%s'"), names[i]));
			hint_services(d, g, groups);
			rc = -1;
		} else {
			seq->items[seq->n++] = groups->items[k];
		}
	}
	if (rc)
		return NULL;
	ng_node *m = with(a, items, "groups", seq);
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->keys[i]->value, "note") == 0)
			m->items[i] = scalar(a, "", m->items[i]->pos);
	return m;
}

/* A kind the row gives against the honorific its name already ends in
 * (kind company, name 「従業員各位」): one message that says both, not a
 * double honorific the program made by adding 御中. */
static int kind_conflict(const ng_row *row, ng_diags *d)
{
	const ng_node *kind = ng_node_get(row->map, "kind");
	const ng_node *name = ng_node_get(row->map, "name");
	int own = name_kind(name->value);
	if (!kind || own < 0 || ng_node_get(row->map, "addressee"))
		return 0;
	for (size_t i = 0; i < NG_ARRAY_LEN(kinds); i++)
		if (strcmp(kind->value, kinds[i].word) == 0 &&
		    strcmp(kinds[i].kind, kinds[own].kind) != 0) {
			char msg[512];
			snprintf(msg, sizeof msg, ng_tr("the name ends in %s, but kind is %s (%s)"),
			         kinds[own].honorific, kind->value, kinds[i].honorific);
			ng_diag *g = ng_diag_add(d, NG_D_HONORIFIC_ERROR, name->pos, msg);
			ng_diag_hint(d, g, "set kind to %s, or write the name without %s",
			             kinds[own].kind, kinds[own].honorific);
			return -1;
		}
	return 0;
}

const ng_node *ng_batch_view(ng_arena *a, const ng_record *rec, const ng_row *row, ng_diags *d)
{
	const ng_node *root = rec->root;
	const ng_node *letter = ng_node_get(root, "letter");
	const ng_node *given = ng_node_get(row->map, "addressee");
	const ng_node *from = given ? given : ng_node_get(row->map, "name");
	if (kind_conflict(row, d) != 0)
		return NULL;
	ng_node *to = scalar(a, addressee(a, row), from->pos);
	to->data = true; /* made of the row's values: never expanded */
	const ng_node *contact = ng_node_get(row->map, "contact");
	ng_pos pos[2] = {from->pos, !given && contact ? contact->pos : from->pos};
	if (check_honorifics(to->value, pos, d) != 0)
		return NULL;
	ng_node *view = with(a, root, "letter", with(a, letter, "addressee", to));
	const ng_node *svc = ng_node_get(row->map, "services");
	const ng_node *items = ng_node_get(root, "data_items");
	if (svc && items && (svc->kind == NG_NODE_SEQ ? svc->n > 0 : svc->len > 0)) {
		ng_node *narrowed = narrow(a, items, svc, d);
		if (!narrowed)
			return NULL;
		view = with(a, view, "data_items", narrowed);
	}
	/* How the letter calls this client: the row's word column, else its
	 * name's ending (a 事務所 is 貴事務所), else the record's words.client. */
	const ng_node *word = ng_node_get(row->map, "word");
	const char *w = word && word->kind == NG_NODE_SCALAR && word->len ? word->value : NULL;
	if (!w)
		w = ng_words_client_for(ng_node_get(row->map, "name")->value);
	const ng_node *words = ng_node_get(root, "words");
	if (w && words && words->kind == NG_NODE_MAP) {
		ng_node *c = scalar(a, w, word ? word->pos : from->pos);
		c->data = true;
		view = with(a, view, "words", with(a, words, "client", c));
	}
	return with(a, view, "client", row->map);
}
