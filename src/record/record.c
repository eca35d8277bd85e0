/* record.c — maps the YAML node tree of an incident record onto the structs
 * of record.h. The shape of the record is data: one table of fields per
 * YAML map. Every problem is reported (unknown keys with a suggestion,
 * wrong types, missing fields, bad dates), not just the first. */
#include "record.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blocks.h"
#include "normalize.h"
#include "read_int.h"
#include "validate.h"
#include "yaml_tree.h"

/* The one word that marks a report item as not yet known. */
#define INVESTIGATING "調査中"

/* Generic view of the {T *v; size_t n;} lists in record.h. */
typedef struct anylist {
	void *v;
	size_t n;
} anylist;

static int fail(rd *r)
{
	r->errors++;
	return -1;
}

static int wrong_type(rd *r, const ng_node *n, const char *key, const char *expect)
{
	ng_diag_add(r->d, NG_D_WRONG_TYPE, n->pos, key, expect);
	return fail(r);
}

/* ---- "did you mean": the closest known key by edit distance. */

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 63 || lb > 63)
		return (size_t)-1;
	size_t row[64];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* Words a user types for a key the record names otherwise: the meaning,
 * not the spelling, decides (an update's `title` is its `heading`, not the
 * near 'date'). Used only where the map has the suggested key. */
static const struct {
	const char *typed, *key;
} synonyms[] = {
    {"title", "heading"},      {"heading", "title"},     {"sunday", "sundays"},
    {"weekends", "saturdays"}, {"name", "organization"},
};

static const char *closest_key(const fieldset *set, const char *key)
{
	for (size_t k = 0; k < NG_ARRAY_LEN(synonyms); k++) {
		if (strcmp(synonyms[k].typed, key) != 0)
			continue;
		for (size_t i = 0; i < set->n; i++)
			if (strcmp(set->fields[i].key, synonyms[k].key) == 0)
				return synonyms[k].key;
	}
	const char *best = NULL;
	size_t best_d = strlen(key) / 2 + 2;
	for (size_t i = 0; i < set->n; i++) {
		size_t dist = edit_distance(key, set->fields[i].key);
		if (dist < best_d)
			best = set->fields[i].key, best_d = dist;
	}
	return best;
}

static void unknown_key(rd *r, const fieldset *set, const ng_node *key)
{
	ng_diag *g = ng_diag_add(r->d, NG_D_UNKNOWN_KEY, key->pos, key->value, ng_tr(set->where));
	const char *near = closest_key(set, key->value);
	ng_buf known = {0};
	for (size_t i = 0; i < set->n; i++)
		ng_buf_printf(&known, "%s%s", i ? ", " : "", set->fields[i].key);
	if (key->value[0] && strspn(key->value, "0123456789") == strlen(key->value))
		/* {count: 1,230} reads as the keys count: 1 and 230 */
		ng_diag_hint(r->d, g,
		             "a number with a comma inside {…} splits in two: write 1230 (the "
		             "letter groups the digits: 1,230)");
	else if (near)
		ng_diag_hint(r->d, g, "did you mean '%s'?", near);
	else
		ng_diag_hint(r->d, g, "known keys here: %s", known.data);
	ng_buf_free(&known);
	fail(r);
}

/* ---- readers, one per kind of value */

static int read_map(rd *r, const ng_node *n, void *obj, const fieldset *set, const char *key)
{
	if (n->kind != NG_NODE_MAP)
		return wrong_type(r, n, key, "a map of fields");
	int before = r->errors;
	for (size_t i = 0; i < n->n; i++) {
		const field *f = NULL;
		for (size_t j = 0; j < set->n && !f; j++)
			if (strcmp(set->fields[j].key, n->keys[i]->value) == 0)
				f = &set->fields[j];
		if (!f)
			unknown_key(r, set, n->keys[i]);
		else
			f->read(r, n->items[i], (char *)obj + f->off, f);
	}
	for (size_t j = 0; j < set->n; j++) {
		if (set->fields[j].required && !ng_node_get(n, set->fields[j].key)) {
			ng_diag_add(r->d, NG_D_MISSING_FIELD, n->pos, set->fields[j].key,
			            ng_tr(set->where));
			fail(r);
		}
	}
	if (set->check && r->errors == before)
		set->check(r, n, obj);
	return r->errors == before ? 0 : -1;
}

static int rd_map(rd *r, const ng_node *n, void *dst, const field *f)
{
	return read_map(r, n, dst, f->sub, f->key);
}

/* Puts a normalised value into the record's tree, which templates read.
 * The tree belongs to the record being built, so the reader may change
 * it; its read functions take it const only to say they do not otherwise. */
static void write_back(const ng_node *n, const char *s)
{
	if (s == n->value)
		return;
	ng_node *m = (ng_node *)n;
	m->value = s;
	m->len = strlen(s);
	m->exact = false;
}

/* An option word after '|' that is not one: the hint names the word and,
 * for the Japanese a user is likely to type, the option that means it. */
static const struct {
	const char *ja, *option;
} ja_options[] = {
    {"西暦", "seireki"}, {"和暦", "wareki"}, {"併記", "both"}, {"曜日なし", "noweekday"},
    {"曜日", "weekday"}, {"月日", "md"},     {"年", "year"},   {"午前午後", "ampm"},
};

static bool option_hint(rd *r, ng_diag *g, const char *err, const char *at)
{
	/* only where the error is at an option word (after a '|') */
	if (strncmp(err, "unknown date option", strlen("unknown date option")) != 0)
		return false;
	size_t len = strcspn(at, " ,}");
	if (!len || len > 40)
		return false;
	for (size_t i = 0; i < NG_ARRAY_LEN(ja_options); i++)
		if (strlen(ja_options[i].ja) == len && strncmp(at, ja_options[i].ja, len) == 0) {
			ng_diag_hint(r->d, g, "'%.*s' is no option word here: write %s", (int)len,
			             at, ja_options[i].option);
			return true;
		}
	ng_diag_hint(r->d, g,
	             "'%.*s' is no option word: the words are long md short time, wareki "
	             "seireki both, seireki-first wareki-first, weekday noweekday, kanji ampm "
	             "colon, year, fullend, next, day clock",
	             (int)len, at);
	return true;
}

/* Checks the {{…}} references of a text. */
static void check_refs(rd *r, const ng_text *t)
{
	size_t at = 0, err_at = 0;
	const char *err = NULL;
	ng_ref ref;
	int k;
	while ((k = ng_prose_next(t->s, at, &ref, &err_at, &err)) == 1) {
		if (!ref.path_len)
			ng_warn_typed_weekday(r->d, &ref.when, t, ref.spec);
		at = ref.end;
	}
	if (k < 0) {
		ng_diag *g =
		    ng_diag_add(r->d, NG_D_BAD_WHEN, ng_text_pos_at(t, err_at), ng_tr(err));
		if (!option_hint(r, g, err, t->s + err_at))
			ng_diag_hint(r->d, g,
			             "write a date as {{2023-06-05}}, {{2023-06-05 未明}}, "
			             "{{2023-06-05 9:00頃 | short}}");
		fail(r);
	}
}

/* Invisible and direction-changing characters are refused where they
 * stand (see ng_text_hidden_at); the message names the code point, never
 * the text around it. */
static int hidden_char(rd *r, const ng_text *t, const char *key, size_t len)
{
	uint32_t cp = 0;
	size_t at = ng_text_hidden_at(t->s, len, &cp);
	if (at == (size_t)-1)
		return 0;
	char what[160];
	snprintf(what, sizeof what, ng_tr("contains the invisible control character U+%04X"),
	         (unsigned)cp);
	ng_diag *g = ng_diag_add(r->d, NG_D_BAD_VALUE, ng_text_pos_at(t, at), key, what);
	ng_diag_hint(r->d, g, "delete it; letters carry no direction or control marks");
	return -1;
}

static int scalar_text(rd *r, const ng_node *n, const char *key, ng_text *t)
{
	if (n->kind != NG_NODE_SCALAR)
		return wrong_type(r, n, key, "text");
	if (n->len == 0) {
		ng_diag_add(r->d, NG_D_EMPTY_VALUE, n->pos, key);
		return fail(r);
	}
	*t = (ng_text){.s = n->value, .pos = n->exact ? n->vpos : n->pos, .plain = n->exact};
	if (hidden_char(r, t, key, n->len) != 0)
		return fail(r);
	t->s = ng_normalize_text(r->a, n->value, n->len);
	/* Columns inside a changed text no longer map onto the file. */
	t->plain = t->plain && t->s == n->value;
	write_back(n, t->s);
	check_refs(r, t);
	return 0;
}

static int rd_text(rd *r, const ng_node *n, void *dst, const field *f)
{
	return scalar_text(r, n, f->key, dst);
}

/* Text or a list of texts (paragraphs, items). */
static int rd_texts(rd *r, const ng_node *n, void *dst, const field *f)
{
	ng_texts *ts = dst;
	if (n->kind == NG_NODE_SCALAR) {
		ts->v = ng_alloc(r->a, sizeof *ts->v);
		ts->n = 1;
		return scalar_text(r, n, f->key, &ts->v[0]);
	}
	if (n->kind != NG_NODE_SEQ)
		return wrong_type(r, n, f->key, "text or a list of texts");
	ts->v = ng_alloc(r->a, (n->n ? n->n : 1) * sizeof *ts->v);
	ts->n = n->n;
	int rc = 0;
	for (size_t i = 0; i < n->n; i++)
		rc |= scalar_text(r, n->items[i], f->key, &ts->v[i]);
	return rc;
}

static int parse_iso_date(const char *s, ng_date *d)
{
	int y, m, dd, used = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &dd, &used) != 3 || used != 10 || s[used])
		return -1;
	*d = (ng_date){y, m, dd};
	return ng_date_valid(*d) ? 0 : -1;
}

/* A day as people type it (2023/7/21, 令和5年7月21日, R5.7.21, 2023-07-21
 * (金)): one day, no time; a wrong weekday typed with it is a warning. */
static int typed_day(rd *r, const ng_node *n, ng_date *out)
{
	ng_when w;
	size_t at;
	const char *err;
	if (ng_when_parse(n->value, n->len, &w, &at, &err) != 0 || w.end_kind != NG_END_NONE)
		return -1;
	const ng_point *p = &w.start;
	if (!p->date.d || p->hour >= 0 || p->part || p->approx || p->asof)
		return -1;
	ng_text t = {.s = n->value, .pos = n->exact ? n->vpos : n->pos, .plain = n->exact};
	ng_warn_typed_weekday(r->d, &w, &t, 0);
	*out = p->date;
	/* Templates read the tree: they get the day in ISO form. */
	write_back(n, ng_aprintf(r->a, "%04d-%02d-%02d", out->y, out->m, out->d));
	return 0;
}

static int rd_date(rd *r, const ng_node *n, void *dst, const field *f)
{
	ng_dated *d = dst;
	if (n->kind != NG_NODE_SCALAR)
		return wrong_type(r, n, f->key, "a date (YYYY-MM-DD)");
	d->pos = n->pos;
	if (strstr(n->value, "吉日")) {
		ng_diag *g = ng_diag_add(r->d, NG_D_KICHIJITSU, n->pos, f->key);
		ng_diag_hint(r->d, g, "write the day the letter is sent, e.g. 2023-07-21");
		return fail(r);
	}
	if (parse_iso_date(n->value, &d->v) != 0 && typed_day(r, n, &d->v) != 0) {
		ng_diag *g = ng_diag_add(r->d, NG_D_BAD_DATE, n->pos, f->key, n->value);
		ng_diag_hint(r->d, g,
		             "write an existing day with its year: 2023-07-21, 2023/7/21, "
		             "令和5年7月21日 or R5.7.21");
		return fail(r);
	}
	if (d->v.y < 1873) {
		ng_diag_add(r->d, NG_D_DATE_RANGE, n->pos, f->key);
		return fail(r);
	}
	d->set = true;
	return 0;
}

static int rd_when(rd *r, const ng_node *n, void *dst, const field *f)
{
	ng_whenf *w = dst;
	if (scalar_text(r, n, f->key, &w->text) != 0)
		return -1;
	size_t err_at = 0;
	const char *err = NULL;
	if (ng_when_parse(w->text.s, strlen(w->text.s), &w->v, &err_at, &err) != 0) {
		ng_diag *g =
		    ng_diag_add(r->d, NG_D_BAD_WHEN, ng_text_pos_at(&w->text, err_at), ng_tr(err));
		ng_diag_hint(r->d, g,
		             "e.g. 2023-06-05, 2024/5/2 9:05, 令和6年5月2日 15時頃, R6.5.2, "
		             "2023-06-05 午後, 2023-06 中旬 ~ 現在, 令和5年度末");
		return fail(r);
	}
	ng_warn_typed_weekday(r->d, &w->v, &w->text, 0);
	w->set = true;
	return 0;
}

static int rd_list(rd *r, const ng_node *n, void *dst, const field *f)
{
	anylist *l = dst;
	if (n->kind != NG_NODE_SEQ)
		return wrong_type(r, n, f->key, "a list");
	l->v = ng_alloc(r->a, (n->n ? n->n : 1) * f->elem_size);
	l->n = n->n;
	int rc = 0;
	for (size_t i = 0; i < n->n; i++)
		rc |= read_map(r, n->items[i], (char *)l->v + i * f->elem_size, f->sub, f->key);
	return rc;
}

/* A block list (blocks.h): sections, updates and attachments hold them. */
static int rd_blocks(rd *r, const ng_node *n, void *dst, const field *f)
{
	ng_rblocks **out = dst;
	*out = ng_alloc(r->a, sizeof **out);
	return ng_blocks_read(n, f->key, r->a, r->d, *out) == 0 ? 0 : fail(r);
}

#define SET NG_FIELDSET

/* ---- keywords, report items and their 調査中 state */

static int keyword_index(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (names[i] && strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

/* Reports a text that is not one of names[0..n). */
static void bad_keyword(rd *r, const ng_text *t, const char *key, const char *const *names,
                        size_t n)
{
	ng_diag *g = ng_diag_add(r->d, NG_D_BAD_VALUE, t->pos, key, ng_tr("not a known value"));
	ng_buf list = {0};
	for (size_t i = 0; i < n; i++)
		if (names[i])
			ng_buf_printf(&list, "%s%s", list.len ? ", " : "", names[i]);
	ng_diag_hint(r->d, g, "use one of: %s", list.data);
	ng_buf_free(&list);
	fail(r);
}

/* A stated item beats one marked 調査中 (a party's causes may be known
 * while another's are not); the first position is kept. */
static void mark_item(rd *r, ng_item item, ng_state st, ng_pos pos)
{
	ng_item_status *it = &r->rec->items[item];
	if (!item || st <= NG_STATE_ABSENT)
		return;
	if (it->state == NG_STATE_ABSENT)
		it->pos = pos;
	if (it->state != NG_STATE_KNOWN)
		it->state = st;
}

static bool is_investigating(const ng_node *n)
{
	return n->kind == NG_NODE_SCALAR && strcmp(n->value, INVESTIGATING) == 0;
}

static const char *const state_keys[] = {[NG_STATE_ABSENT] = NULL,
                                         [NG_STATE_KNOWN] = "known",
                                         [NG_STATE_INVESTIGATING] = "investigating"};

/* status: known | investigating (調査中 is accepted too). */
static ng_state read_state(rd *r, const ng_text *t)
{
	if (!t->s)
		return NG_STATE_ABSENT;
	if (strcmp(t->s, INVESTIGATING) == 0)
		return NG_STATE_INVESTIGATING;
	int k = keyword_index(state_keys, NG_ARRAY_LEN(state_keys), t->s);
	if (k < 0)
		bad_keyword(r, t, "status", state_keys, NG_ARRAY_LEN(state_keys));
	return k < 0 ? NG_STATE_ABSENT : (ng_state)k;
}

/* The texts of an item marked 調査中 without its own note. */
static void investigating_text(rd *r, const ng_node *n, ng_texts *ts)
{
	ts->v = ng_alloc(r->a, sizeof *ts->v);
	ts->n = 1;
	ts->v[0] = (ng_text){.s = INVESTIGATING, .pos = n->pos};
}

typedef struct status_map {
	ng_text status;
	ng_texts text;
} status_map;

static const field status_map_fields[] = {
    {"status", true, rd_text, offsetof(status_map, status), NULL, 0, 0},
    {"text", false, rd_texts, offsetof(status_map, text), NULL, 0, 0},
};
SET(status_map_set, N_("a report item"), status_map_fields, NULL);

/* Templates read the tree: there a {status, text} item becomes its text
 * (or 「調査中」), the same shape as an item written as text; its state is
 * in the item_status map (items.c). */
static void canonical_item(rd *r, const ng_node *n)
{
	ng_node *m = (ng_node *)n; /* the record's own tree, see write_back */
	ng_node *text = ng_node_get(n, "text");
	if (text) {
		*m = *text;
		return;
	}
	ng_pos pos = m->pos;
	*m = *ng_node_new(r->a, NG_NODE_SCALAR, pos);
	m->value = INVESTIGATING;
	m->len = strlen(INVESTIGATING);
	m->plain = true;
}

/* A report item in prose: text, a list of paragraphs, 調査中, or
 * {status: known|investigating, text: …}. */
static int rd_item(rd *r, const ng_node *n, void *dst, const field *f)
{
	ng_texts *ts = dst;
	if (n->kind != NG_NODE_MAP) {
		if (rd_texts(r, n, dst, f) != 0)
			return -1;
		mark_item(r, f->item, is_investigating(n) ? NG_STATE_INVESTIGATING : NG_STATE_KNOWN,
		          n->pos);
		return 0;
	}
	status_map m = {0};
	if (read_map(r, n, &m, &status_map_set, f->key) != 0)
		return -1;
	ng_state st = read_state(r, &m.status);
	if (st == NG_STATE_KNOWN && !m.text.n) {
		ng_diag_add(r->d, NG_D_MISSING_FIELD, n->pos, "text", f->key);
		return fail(r);
	}
	*ts = m.text;
	if (st == NG_STATE_INVESTIGATING && !ts->n)
		investigating_text(r, n, ts);
	mark_item(r, f->item, st, n->pos);
	canonical_item(r, n);
	return 0;
}

/* ---- numbers, categories, audience */

/* A plain scalar of ASCII digits (no sign, at most 9 digits). */
static int scalar_count(const ng_node *n, long *out)
{
	if (n->kind != NG_NODE_SCALAR || !n->plain || n->len == 0 || n->len > 9)
		return -1;
	long v = 0;
	for (size_t i = 0; i < n->len; i++) {
		if (n->value[i] < '0' || n->value[i] > '9')
			return -1;
		v = v * 10 + (n->value[i] - '0');
	}
	*out = v;
	return 0;
}

static int rd_count(rd *r, const ng_node *n, void *dst, const field *f)
{
	if (scalar_count(n, dst) != 0)
		return wrong_type(r, n, f->key, "a whole number such as 1200");
	return 0;
}

static int rd_bool(rd *r, const ng_node *n, void *dst, const field *f)
{
	static const char *const yes[] = {"true", "yes"}, *const no[] = {"false", "no"};
	bool *b = dst;
	if (n->kind == NG_NODE_SCALAR && n->plain && keyword_index(yes, 2, n->value) >= 0)
		*b = true;
	else if (n->kind == NG_NODE_SCALAR && n->plain && keyword_index(no, 2, n->value) >= 0)
		*b = false;
	else
		return wrong_type(r, n, f->key, "true or false");
	return 0;
}

/* affected as read: the status word is converted after the map. */
typedef struct affected_block {
	ng_affected v;
	ng_text status;
	const ng_node *count; /* a number, or a count as typed (約1.2万, 100～200) */
} affected_block;

static int rd_node(rd *r, const ng_node *n, void *dst, const field *f)
{
	(void)r, (void)f;
	*(const ng_node **)dst = n;
	return 0;
}

static const field count_part_fields[] = {
    {"label", true, rd_text, offsetof(ng_count_part, label), NULL, 0, 0},
    {"count", true, rd_count, offsetof(ng_count_part, count), NULL, 0, 0},
    {"unit", false, rd_text, offsetof(ng_count_part, unit), NULL, 0, 0},
};
SET(count_part_set, N_("a breakdown line"), count_part_fields, NULL);

static const field affected_fields[] = {
    {"count", false, rd_node, offsetof(affected_block, count), NULL, 0, 0},
    {"unit", false, rd_text, offsetof(affected_block, v.unit), NULL, 0, 0},
    {"approx", false, rd_bool, offsetof(affected_block, v.approx), NULL, 0, 0},
    {"max", false, rd_bool, offsetof(affected_block, v.max), NULL, 0, 0},
    {"over", false, rd_bool, offsetof(affected_block, v.over), NULL, 0, 0},
    {"records", false, rd_count, offsetof(affected_block, v.records), NULL, 0, 0},
    {"records_unit", false, rd_text, offsetof(affected_block, v.records_unit), NULL, 0, 0},
    {"as_of", false, rd_when, offsetof(affected_block, v.as_of), NULL, 0, 0},
    {"breakdown", false, rd_list, offsetof(affected_block, v.breakdown), &count_part_set,
     sizeof(ng_count_part), 0},
    {"digits", false, rd_text, offsetof(affected_block, v.digits_text), NULL, 0, 0},
    {"note", false, rd_text, offsetof(affected_block, v.note), NULL, 0, 0},
    {"status", false, rd_text, offsetof(affected_block, status), NULL, 0, 0},
};
SET(affected_set, "affected", affected_fields, NULL);

static const char *const digits_keys[] = {[NG_DIGITS_GROUPED] = "grouped",
                                          [NG_DIGITS_PLAIN] = "plain",
                                          [NG_DIGITS_MAN] = "man",
                                          [NG_DIGITS_MAN1] = "man1"};

static int typed_count(rd *r, const ng_node *n, const char *key, ng_affected *a);

/* The map's count typed as words ({count: 100～200, unit: 件}): what the
 * words say, the map's own keys on top. */
static int map_count(rd *r, const ng_node *n, ng_affected *v)
{
	if (scalar_count(n, &v->count) == 0)
		return 0;
	ng_affected t = {.pos = n->pos};
	if (typed_count(r, n, "count", &t) != 0)
		return -1;
	v->count = t.count, v->upper = t.upper, v->vague = t.vague;
	v->approx |= t.approx, v->max |= t.max, v->over |= t.over, v->total |= t.total;
	v->bound = v->bound ? v->bound : t.bound;
	if (!v->unit.s)
		v->unit = t.unit;
	if (v->records < 0 && t.records >= 0)
		v->records = t.records, v->records_unit = t.records_unit,
		v->records_sep = t.records_sep;
	if (!v->digits_text.s)
		v->digits = t.digits;
	return 0;
}

static int affected_map(rd *r, const ng_node *n, ng_affected *a)
{
	affected_block b = {.v = *a};
	if (read_map(r, n, &b, &affected_set, "affected") != 0)
		return -1;
	if (b.count && map_count(r, b.count, &b.v) != 0)
		return -1;
	b.v.state = b.status.s ? read_state(r, &b.status) : NG_STATE_KNOWN;
	if (b.v.state == NG_STATE_KNOWN && b.v.count < 0 && !b.v.vague) {
		ng_diag_add(r->d, NG_D_MISSING_FIELD, n->pos, "count", "affected");
		return fail(r);
	}
	if (b.v.digits_text.s) {
		int k = keyword_index(digits_keys, NG_ARRAY_LEN(digits_keys), b.v.digits_text.s);
		if (k < 0) {
			bad_keyword(r, &b.v.digits_text, "digits", digits_keys,
			            NG_ARRAY_LEN(digits_keys));
			return -1;
		}
		b.v.digits = (ng_digits)k;
	}
	if (b.v.as_of.set && b.v.as_of.v.end_kind != NG_END_NONE) {
		ng_diag_add(r->d, NG_D_BAD_WHEN, b.v.as_of.text.pos,
		            ng_tr("an as-of date is one point, not a range"));
		return fail(r);
	}
	*a = b.v;
	return 0;
}

/* A count typed as the letter would word it (約1,230世帯, 1,230名, 最大500件,
 * 1000名以上): the hint gives the same as data, which the letter words
 * back exactly (the number must stay a number: 規則第7条第4号 reads it). */
static void affected_hint(rd *r, ng_diag *g, const ng_node *n)
{
	static const struct {
		const char *word, *key;
	} before[] = {{"約", "approx"}, {"最大", "max"}};
	const char *s = n->kind == NG_NODE_SCALAR ? n->value : "";
	const char *flag = NULL, *over = NULL;
	for (size_t i = 0; i < NG_ARRAY_LEN(before); i++)
		if (strncmp(s, before[i].word, strlen(before[i].word)) == 0) {
			flag = before[i].key;
			s += strlen(before[i].word);
		}
	long v = 0;
	int digits = 0;
	for (; (*s >= '0' && *s <= '9') || (*s == ',' && digits); s++)
		if (*s != ',' && digits < 15)
			v = v * 10 + (*s - '0'), digits++;
	char unit[64] = "";
	size_t ul = strlen(s);
	if (ul >= strlen("以上") && strcmp(s + ul - strlen("以上"), "以上") == 0)
		over = "over", ul -= strlen("以上");
	if (ul < sizeof unit && !memchr(s, ' ', ul) && !memchr(s, '{', ul))
		memcpy(unit, s, ul), unit[ul] = '\0';
	if (!digits || ul >= sizeof unit) {
		ng_diag_hint(r->d, g,
		             "write 1230, 調査中, or a map such as {count: 1230, approx: true, "
		             "unit: 世帯} (the letter writes 約1,230世帯)");
		return;
	}
	ng_diag_hint(r->d, g,
	             "write it as data: {count: %ld%s%s%s%s%s%s} (the letter writes it so)", v,
	             flag ? ", " : "", flag ? flag : "", flag ? ": true" : "",
	             over ? ", over: true" : "", unit[0] ? ", unit: " : "", unit);
}

/* A count typed as a notice words it (約1.2万件, 100～200件, 数十件,
 * 1,000名未満, 300名（312件）): read into a. What does not read as a count
 * at all is a wrong-type error whose hint gives the map form; a count
 * with a problem inside (約1,23名) a bad-value error at the problem. */
static int typed_count(rd *r, const ng_node *n, const char *key, ng_affected *a)
{
	ng_text t;
	size_t at = 0;
	const char *err = NULL;
	ng_pos pos = a->pos;
	if (n->kind == NG_NODE_SCALAR && scalar_text(r, n, key, &t) != 0)
		return -1;
	if (n->kind == NG_NODE_SCALAR &&
	    ng_count_parse(t.s, strlen(t.s), r->a, a, &at, &err) == 0) {
		a->pos = pos;
		return 0;
	}
	if (n->kind == NG_NODE_SCALAR && at > 0) {
		ng_diag *g =
		    ng_diag_add(r->d, NG_D_BAD_VALUE, ng_text_pos_at(&t, at), key, ng_tr(err));
		ng_diag_hint(r->d, g,
		             "e.g. 1200, 約1,200名, 約1.2万件, 100～200件, 数十件, 1,000名未満, "
		             "300名分（312件）");
		return fail(r);
	}
	ng_diag *g = ng_diag_add(r->d, NG_D_WRONG_TYPE, n->pos, key,
	                         N_("a number of persons, 調査中, or a map"));
	affected_hint(r, g, n);
	return fail(r);
}

/* 本人の数 (item 3): 1200, 調査中, a count as typed, or {count, approx, note,
 * status}. */
static int rd_affected(rd *r, const ng_node *n, void *dst, const field *f)
{
	ng_affected *a = dst;
	a->pos = n->pos;
	a->count = -1;
	a->records = -1;
	if (is_investigating(n)) {
		a->state = NG_STATE_INVESTIGATING;
		a->note = (ng_text){.s = INVESTIGATING, .pos = n->pos};
	} else if (n->kind == NG_NODE_MAP) {
		if (affected_map(r, n, a) != 0)
			return -1;
	} else if (scalar_count(n, &a->count) == 0) {
		a->state = NG_STATE_KNOWN;
	} else if (typed_count(r, n, f->key, a) != 0) {
		return -1;
	}
	mark_item(r, f->item, a->state, n->pos);
	return 0;
}

static int add_category(rd *r, const ng_node *n, unsigned *mask)
{
	long c;
	if (scalar_count(n, &c) != 0 || c < 1 || c > 4) {
		ng_diag *g =
		    ng_diag_add(r->d, NG_D_BAD_CATEGORY, n->pos, ng_tr("expected 1, 2, 3 or 4"));
		ng_diag_hint(r->d, g,
		             "規則第7条: 1 要配慮個人情報, 2 財産的被害, 3 不正の目的, "
		             "4 1,000人超");
		return fail(r);
	}
	if (*mask & NG_CATEGORY_BIT(c)) {
		ng_diag_add(r->d, NG_D_BAD_CATEGORY, n->pos, ng_tr("a category is listed twice"));
		return fail(r);
	}
	*mask |= NG_CATEGORY_BIT(c);
	return 0;
}

/* 規則第7条 categories: one number or a list of them. */
static int rd_categories(rd *r, const ng_node *n, void *dst, const field *f)
{
	unsigned *mask = dst;
	r->rec->categories_pos = n->pos;
	if (n->kind == NG_NODE_SCALAR)
		return add_category(r, n, mask);
	if (n->kind != NG_NODE_SEQ)
		return wrong_type(r, n, f->key, "a category (1–4) or a list of them");
	int rc = 0;
	for (size_t i = 0; i < n->n; i++)
		rc |= add_category(r, n->items[i], mask);
	return rc;
}

/* e-mail and phone: folded to ASCII, then checked. */
static int rd_contact_value(rd *r, const ng_node *n, ng_text *t, const char *key, bool phone)
{
	if (scalar_text(r, n, key, t) != 0)
		return -1;
	const char *v = ng_fold_ascii(r->a, t->s, phone);
	const char *problem = NULL;
	if ((phone ? ng_phone_check(v, &problem) : ng_email_check(v, &problem)) != 0) {
		ng_diag *g = ng_diag_add(r->d, phone ? NG_D_BAD_PHONE : NG_D_BAD_EMAIL, t->pos, key,
		                         ng_tr(problem));
		ng_diag_hint(r->d, g, "%s",
		             ng_tr(phone ? N_("e.g. 03-1234-5678 or +81-3-1234-5678")
		                         : N_("e.g. info@example.co.jp")));
		return fail(r);
	}
	t->plain = t->plain && v == t->s;
	t->s = v;
	write_back(n, v);
	return 0;
}

static int rd_email(rd *r, const ng_node *n, void *dst, const field *f)
{
	return rd_contact_value(r, n, dst, f->key, false);
}

static int rd_phone(rd *r, const ng_node *n, void *dst, const field *f)
{
	return rd_contact_value(r, n, dst, f->key, true);
}

/* A 知った日 is one day: deadlines count from it. */
static int rd_day(rd *r, const ng_node *n, void *dst, const field *f)
{
	ng_whenf *w = dst;
	if (rd_when(r, n, dst, f) != 0)
		return -1;
	if (w->v.end_kind != NG_END_NONE || w->v.start.date.d == 0) {
		ng_diag *g = ng_diag_add(r->d, NG_D_BAD_WHEN, w->text.pos,
		                         ng_tr("the day of knowing must be one day, not a range"));
		ng_diag_hint(r->d, g, "e.g. known: 2023-06-05 or known: 2023-06-05 19:45");
		w->set = false;
		return fail(r);
	}
	return 0;
}

/* ---- the shape of a record */

#define TEXT(k, req, T, m)                                                                         \
	{                                                                                          \
		k, req, rd_text, offsetof(T, m), NULL, 0, 0                                        \
	}
#define TEXTS(k, req, T, m)                                                                        \
	{                                                                                          \
		k, req, rd_texts, offsetof(T, m), NULL, 0, 0                                       \
	}
#define ITEM(k, T, m, item)                                                                        \
	{                                                                                          \
		k, false, rd_item, offsetof(T, m), NULL, 0, item                                   \
	}

static int check_event(rd *r, const ng_node *n, void *obj)
{
	ng_event *e = obj;
	e->pos = n->pos;
	if (e->when.set == (e->label.s != NULL)) {
		ng_diag *g = ng_diag_add(r->d, NG_D_MISSING_FIELD, n->pos, "when",
		                         ng_tr("a timeline entry"));
		ng_diag_hint(
		    r->d, g,
		    "give either 'when' (a date) or 'label' (text such as 事案発生直後～現在), "
		    "not both");
		return fail(r);
	}
	return 0;
}

static int set_pos_party(rd *r, const ng_node *n, void *obj)
{
	(void)r;
	((ng_party *)obj)->pos = n->pos;
	return 0;
}

static int set_pos_group(rd *r, const ng_node *n, void *obj)
{
	(void)r;
	((ng_item_group *)obj)->pos = n->pos;
	return 0;
}

static const field event_fields[] = {
    {"when", false, rd_when, offsetof(ng_event, when), NULL, 0, 0},
    TEXT("label", false, ng_event, label),
    TEXT("what", true, ng_event, what),
};
SET(event_set, N_("a timeline entry"), event_fields, check_event);

static const field party_fields[] = {
    TEXT("name", true, ng_party, name),
    TEXTS("narrative", false, ng_party, narrative),
    {"timeline", false, rd_list, offsetof(ng_party, timeline), &event_set, sizeof(ng_event), 0},
    ITEM("causes", ng_party, causes, NG_ITEM_CAUSE),
    {"occurred", false, rd_when, offsetof(ng_party, occurred), NULL, 0, 0},
    {"known", false, rd_day, offsetof(ng_party, known), NULL, 0, 0},
};
SET(party_set, N_("a party"), party_fields, set_pos_party);

static const field group_fields[] = {
    TEXT("service", true, ng_item_group, service),
    TEXTS("items", true, ng_item_group, items),
};
SET(group_set, N_("a data-item group"), group_fields, set_pos_group);

const char *const ng_audience_keys[NG_AUD__COUNT] = {
    [NG_AUD_INDIVIDUALS] = "individuals",
    [NG_AUD_CLIENTS] = "clients",
    [NG_AUD_PPC] = "ppc",
    [NG_AUD_PUBLIC] = "public",
};

const char *const ng_report_keys[NG_REPORT__COUNT] = {
    [NG_REPORT_AUTO] = "",
    [NG_REPORT_PRELIMINARY] = "preliminary",
    [NG_REPORT_FINAL] = "final",
};

/* letter.report: preliminary or final, or the words of the rule. */
static int check_report(rd *r, ng_letter *l)
{
	static const struct {
		const char *word;
		ng_report v;
	} words[] = {{"preliminary", NG_REPORT_PRELIMINARY},
	             {"final", NG_REPORT_FINAL},
	             {"速報", NG_REPORT_PRELIMINARY},
	             {"確報", NG_REPORT_FINAL}};
	if (!l->report_text.s)
		return 0;
	for (size_t i = 0; i < NG_ARRAY_LEN(words); i++)
		if (strcmp(l->report_text.s, words[i].word) == 0) {
			l->report = words[i].v;
			return 0;
		}
	bad_keyword(r, &l->report_text, "report", ng_report_keys + 1, NG_REPORT__COUNT - 1);
	return -1;
}

/* The letter's date conventions, each a keyword (table: the field, its
 * words in enum order). */
static const char *const calendar_keys[] = {"wareki", "seireki", "both"};
static const char *const first_keys[] = {"wareki", "seireki"};
static const char *const weekday_keys[] = {"auto", "always", "never"};
static const char *const time_keys[] = {"kanji", "ampm", "colon"};
static const char *const timeline_keys[] = {"flat", "grouped"};

static int date_keyword(rd *r, const ng_text *t, const char *key, const char *const *names,
                        size_t n, int *out)
{
	if (!t->s)
		return 0;
	int k = keyword_index(names, n, t->s);
	if (k < 0) {
		bad_keyword(r, t, key, names, n);
		return -1;
	}
	*out = k;
	return 0;
}

static int read_date_conventions(rd *r, ng_letter *l)
{
	int cal = 0, first = 0, wd = 0, time = 0, tl = 0;
	int rc = date_keyword(r, &l->calendar, "calendar", calendar_keys, 3, &cal);
	/* Without calendar_first, a 西暦 letter puts 西暦 first where a reference
	 * asks for both (2024年（令和6年）4月1日): the letter's own calendar leads. */
	first = cal == NG_CAL_SEIREKI;
	rc |= date_keyword(r, &l->calendar_first, "calendar_first", first_keys, 2, &first);
	rc |= date_keyword(r, &l->weekday, "weekday", weekday_keys, 3, &wd);
	rc |= date_keyword(r, &l->time_style, "time_style", time_keys, 3, &time);
	rc |= date_keyword(r, &l->timeline, "timeline", timeline_keys, 2, &tl);
	l->dates = (ng_datefmt){.calendar = (ng_calendar)cal,
	                        .seireki_first = first == 1,
	                        .weekday = (ng_wdmode)wd,
	                        .time = (ng_timestyle)time,
	                        .letter = l->date.v};
	return rc;
}

static int check_letter(rd *r, const ng_node *n, void *obj)
{
	(void)n;
	ng_letter *l = obj;
	if (check_report(r, l) != 0 || read_date_conventions(r, l) != 0)
		return -1;
	if (!l->audience_text.s)
		return 0;
	int k = keyword_index(ng_audience_keys, NG_AUD__COUNT, l->audience_text.s);
	if (k < 0) {
		bad_keyword(r, &l->audience_text, "audience", ng_audience_keys, NG_AUD__COUNT);
		return -1;
	}
	l->audience = (ng_audience)k;
	return 0;
}

static const field letter_fields[] = {
    TEXT("template", false, ng_letter, templ),
    {"date", true, rd_date, offsetof(ng_letter, date), NULL, 0, 0},
    TEXT("number", false, ng_letter, number),
    {"addressee", false, ng_rd_addressee, offsetof(ng_letter, addressee), NULL, 0, 0},
    TEXT("title", true, ng_letter, title),
    TEXT("opening", false, ng_letter, opening),
    TEXT("closing", false, ng_letter, closing),
    TEXT("greeting", false, ng_letter, greeting),
    TEXTS("body", false, ng_letter, body),
    TEXT("audience", false, ng_letter, audience_text),
    TEXT("update", false, ng_letter, update),
    TEXT("incident", false, ng_letter, incident),
    TEXT("report", false, ng_letter, report_text),
    TEXT("marking", false, ng_letter, marking),
    {"kigaki", false, ng_rd_flag, offsetof(ng_letter, kigaki), NULL, 0, 0},
    {"date_line", false, ng_rd_flag, offsetof(ng_letter, date_line), NULL, 0, 0},
    TEXT("sender_position", false, ng_letter, sender_position),
    TEXT("numbering", false, ng_letter, numbering),
    TEXTS("omit", false, ng_letter, omit),
    TEXT("calendar", false, ng_letter, calendar),
    TEXT("calendar_first", false, ng_letter, calendar_first),
    TEXT("weekday", false, ng_letter, weekday),
    TEXT("time_style", false, ng_letter, time_style),
    TEXT("timeline", false, ng_letter, timeline),
    {"timeline_header", false, rd_bool, offsetof(ng_letter, timeline_header), NULL, 0, 0},
};
SET(letter_set, "letter", letter_fields, check_letter);

static const field sender_fields[] = {
    TEXT("organization", true, ng_sender, organization),
    TEXT("representative", false, ng_sender, representative),
    TEXT("postcode", false, ng_sender, postcode),
    TEXT("address", false, ng_sender, address),
    {"phone", false, rd_phone, offsetof(ng_sender, phone), NULL, 0, 0},
    {"email", false, rd_email, offsetof(ng_sender, email), NULL, 0, 0},
    TEXT("seal", false, ng_sender, seal),
    TEXT("kind", false, ng_sender, kind),
};
SET(sender_set, "sender", sender_fields, NULL);

static int set_pos_contact(rd *r, const ng_node *n, void *obj)
{
	(void)r;
	((ng_contact *)obj)->pos = n->pos;
	return 0;
}

static const field contact_fields[] = {
    TEXT("title", false, ng_contact, title),
    {"phone", false, rd_phone, offsetof(ng_contact, phone), NULL, 0, 0},
    {"email", false, rd_email, offsetof(ng_contact, email), NULL, 0, 0},
    TEXT("hours", false, ng_contact, hours),
    TEXT("url", false, ng_contact, url),
    {"windows", false, ng_rd_windows, offsetof(ng_contact, windows), NULL, 0, 0},
};
SET(contact_set, "contact", contact_fields, set_pos_contact);

/* data_items as read: the status word is converted after the map. */
typedef struct items_block {
	ng_data_items v;
	ng_text status;
} items_block;

static const field items_fields[] = {
    TEXT("note", false, items_block, v.note),
    {"groups", false, rd_list, offsetof(items_block, v.groups), &group_set, sizeof(ng_item_group),
     0},
    TEXT("status", false, items_block, status),
};
SET(items_set, "data_items", items_fields, NULL);

/* In the tree, data_items is always a map with groups (empty when not
 * yet known) and 調査中 its note, so templates need no special case. */
static void canonical_data_items(rd *r, const ng_node *n)
{
	ng_node *m = (ng_node *)n; /* the record's own tree, see write_back */
	if (m->kind == NG_NODE_SCALAR) {
		*m = *ng_node_new(r->a, NG_NODE_MAP, n->pos);
		ng_node_put(r->a, m, "note", INVESTIGATING, m->pos);
	}
	if (!ng_node_get(m, "groups"))
		ng_node_put_node(r->a, m, "groups", ng_node_new(r->a, NG_NODE_SEQ, m->pos));
}

/* 項目 (item 2): {note, groups} (groups required unless status says
 * investigating), or 調査中. */
static int rd_data_items(rd *r, const ng_node *n, void *dst, const field *f)
{
	ng_data_items *di = dst;
	if (is_investigating(n)) {
		di->state = NG_STATE_INVESTIGATING;
		di->note = (ng_text){.s = INVESTIGATING, .pos = n->pos};
		mark_item(r, f->item, di->state, n->pos);
		canonical_data_items(r, n);
		return 0;
	}
	items_block b = {0};
	if (read_map(r, n, &b, &items_set, f->key) != 0)
		return -1;
	b.v.state = b.status.s ? read_state(r, &b.status) : NG_STATE_KNOWN;
	if (b.v.state == NG_STATE_KNOWN && !b.v.groups.n) {
		ng_diag_add(r->d, NG_D_MISSING_FIELD, n->pos, "groups", "data_items");
		return fail(r);
	}
	*di = b.v;
	mark_item(r, f->item, di->state, n->pos);
	canonical_data_items(r, n);
	return 0;
}

static const char *const first_day_keys[] = {
    [NG_FIRST_DAY_INCLUDED] = "included", [NG_FIRST_DAY_EXCLUDED] = "excluded"};
static const char *const roll_keys[] = {
    [NG_ROLL_NEXT_WORKING_DAY] = "next-working-day", [NG_ROLL_NONE] = "none"};

typedef struct rule_block {
	ng_text first_day, roll;
} rule_block;

static const field rule_fields[] = {
    TEXT("first_day", false, rule_block, first_day),
    TEXT("roll", false, rule_block, roll),
};
SET(rule_set, "deadlines", rule_fields, NULL);

static int rule_keyword(rd *r, const ng_text *t, const char *key, const char *const *names,
                        size_t n, int *out)
{
	if (!t->s)
		return 0;
	int k = keyword_index(names, n, t->s);
	if (k < 0) {
		bad_keyword(r, t, key, names, n);
		return -1;
	}
	*out = k;
	return 0;
}

/* deadlines: {first_day: included|excluded, roll: next-working-day|none}. */
static int rd_rule(rd *r, const ng_node *n, void *dst, const field *f)
{
	ng_deadline_rule *rule = dst;
	rule_block b = {0};
	if (read_map(r, n, &b, &rule_set, f->key) != 0)
		return -1;
	int first = NG_FIRST_DAY_INCLUDED, roll = NG_ROLL_NEXT_WORKING_DAY;
	int rc = rule_keyword(r, &b.first_day, "first_day", first_day_keys, 2, &first);
	rc |= rule_keyword(r, &b.roll, "roll", roll_keys, 2, &roll);
	*rule = (ng_deadline_rule){(ng_first_day)first, (ng_roll)roll, n->pos};
	return rc;
}

static int set_pos_record(rd *r, const ng_node *n, void *obj)
{
	(void)r;
	((ng_record *)obj)->pos = n->pos;
	return 0;
}

static int set_pos_attachment(rd *r, const ng_node *n, void *obj)
{
	(void)r;
	((ng_attachment *)obj)->pos = n->pos;
	return 0;
}

static const field attachment_fields[] = {
    TEXT("title", false, ng_attachment, title),
    {"blocks", true, rd_blocks, offsetof(ng_attachment, blocks), NULL, 0, 0},
};
SET(attachment_set, N_("an attachment"), attachment_fields, set_pos_attachment);

static const field record_fields[] = {
    {"letter", true, rd_map, offsetof(ng_record, letter), &letter_set, 0, 0},
    {"sender", true, rd_map, offsetof(ng_record, sender), &sender_set, 0, 0},
    ITEM("overview", ng_record, overview, NG_ITEM_OVERVIEW),
    {"parties", false, rd_list, offsetof(ng_record, parties), &party_set, sizeof(ng_party), 0},
    {"data_items", false, rd_data_items, offsetof(ng_record, data_items), NULL, 0, NG_ITEM_DATA},
    ITEM("secondary_harm", ng_record, secondary_harm, NG_ITEM_HARM),
    {"contact", false, rd_map, offsetof(ng_record, contact), &contact_set, 0, 0},
    {"categories", false, rd_categories, offsetof(ng_record, categories), NULL, 0, 0},
    {"affected", false, rd_affected, offsetof(ng_record, affected), NULL, 0, NG_ITEM_COUNT},
    ITEM("response", ng_record, response, NG_ITEM_RESPONSE),
    ITEM("publication", ng_record, publication, NG_ITEM_PUBLICATION),
    ITEM("prevention", ng_record, prevention, NG_ITEM_PREVENTION),
    ITEM("other", ng_record, other, NG_ITEM_OTHER),
    {"deadlines", false, rd_rule, offsetof(ng_record, deadlines), NULL, 0, 0},
    {"attachments", false, rd_list, offsetof(ng_record, attachments), &attachment_set,
     sizeof(ng_attachment), 0},
    {"words", false, ng_rd_words, offsetof(ng_record, words), NULL, 0, 0},
    {"sections", false, ng_rd_sections, offsetof(ng_record, sections), NULL, 0, 0},
    {"updates", false, ng_rd_updates, offsetof(ng_record, updates), NULL, 0, 0},
};
SET(record_set, N_("the record"), record_fields, set_pos_record);

ng_record *ng_record_load(const char *path, ng_arena *a, ng_diags *d)
{
	/* "-" is standard input, named as compilers name it in messages. */
	bool stdin_ = strcmp(path, "-") == 0;
	const char *file = ng_strdup(a, stdin_ ? "<stdin>" : path);
	if (stdin_)
		path = "/dev/stdin";
	char *data = NULL;
	size_t len = 0;
	int err = ng_read_file(path, ng_yaml_default_limits.max_bytes, &data, &len);
	if (err) {
		if (err == EFBIG)
			ng_diag_add(d, NG_D_TOO_LARGE, (ng_pos){file, 0, 0},
			            ng_tr("file size (bytes)"), ng_yaml_default_limits.max_bytes);
		else
			ng_diag_add(d, NG_D_IO_READ, (ng_pos){file, 0, 0}, path, ng_strerror(err));
		return NULL;
	}
	ng_record *rec = ng_record_parse(file, data, len, a, d);
	free(data);
	return rec;
}

ng_record *ng_record_parse(const char *name, const char *data, size_t len, ng_arena *a, ng_diags *d)
{
	const char *file = ng_strdup(a, name);
	ng_node *root = ng_yaml_load(file, data, len, NULL, a, d);
	if (!root)
		return NULL;
	ng_record *rec = ng_alloc(a, sizeof *rec);
	rec->file = file;
	rec->affected.count = -1;
	rec->root = root;
	rd r = {a, d, 0, rec};
	read_map(&r, root, rec, &record_set, ng_tr("the record"));
	if (!r.errors) {
		/* The parts that need the whole record (read_int.h). */
		ng_words_fill(&r);
		ng_frame_finish(&r);
		ng_windows_finish(&r);
		ng_sections_finish(&r);
	}
	if (r.errors)
		return NULL;
	return ng_validate(rec, a, d) == 0 ? rec : NULL;
}

int ng_record_text(const ng_node *n, const char *key, ng_arena *a, ng_diags *d, ng_text *out)
{
	rd r = {a, d, 0, NULL};
	return scalar_text(&r, n, key, out);
}

/* ---- the machinery for the other readers of src/record (read_int.h) */

int ng_rd_fail(rd *r)
{
	return fail(r);
}

int ng_rd_wrong_type(rd *r, const ng_node *n, const char *key, const char *expect)
{
	return wrong_type(r, n, key, expect);
}

int ng_rd_map(rd *r, const ng_node *n, void *obj, const fieldset *set, const char *key)
{
	return read_map(r, n, obj, set, key);
}

int ng_rd_text(rd *r, const ng_node *n, void *dst, const field *f)
{
	return rd_text(r, n, dst, f);
}

int ng_rd_texts(rd *r, const ng_node *n, void *dst, const field *f)
{
	return rd_texts(r, n, dst, f);
}

int ng_rd_when(rd *r, const ng_node *n, void *dst, const field *f)
{
	return rd_when(r, n, dst, f);
}

int ng_rd_list(rd *r, const ng_node *n, void *dst, const field *f)
{
	return rd_list(r, n, dst, f);
}

int ng_rd_bool(rd *r, const ng_node *n, void *dst, const field *f)
{
	return rd_bool(r, n, dst, f);
}

int ng_rd_date(rd *r, const ng_node *n, void *dst, const field *f)
{
	return rd_date(r, n, dst, f);
}

int ng_rd_phone(rd *r, const ng_node *n, void *dst, const field *f)
{
	return rd_phone(r, n, dst, f);
}

int ng_rd_email(rd *r, const ng_node *n, void *dst, const field *f)
{
	return rd_email(r, n, dst, f);
}

int ng_rd_keyword(const char *const *names, size_t n, const char *s)
{
	return keyword_index(names, n, s);
}

void ng_rd_bad_keyword(rd *r, const ng_text *t, const char *key, const char *const *names, size_t n)
{
	bad_keyword(r, t, key, names, n);
}

void ng_rd_mark_item(rd *r, ng_item item, ng_state st, ng_pos pos)
{
	mark_item(r, item, st, pos);
}

void ng_rd_write_back(const ng_node *n, const char *s)
{
	write_back(n, s);
}
