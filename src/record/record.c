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

#include "validate.h"
#include "yaml_tree.h"

typedef struct rd {
	ng_arena *a;
	ng_diags *d;
	int errors;
} rd;

typedef struct field field;
typedef struct fieldset fieldset;
typedef int (*read_fn)(rd *r, const ng_node *n, void *dst, const field *f);

struct field {
	const char *key;
	bool required;
	read_fn read;
	size_t off;
	const fieldset *sub; /* maps and list elements */
	size_t elem_size;    /* list elements */
};

struct fieldset {
	const char *where; /* for messages: "letter", "a timeline entry" */
	const field *fields;
	size_t n;
	int (*check)(rd *r, const ng_node *n, void *obj); /* after reading */
};

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

static const char *closest_key(const fieldset *set, const char *key)
{
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
	ng_diag *g = ng_diag_add(r->d, NG_D_UNKNOWN_KEY, key->pos, key->value, set->where);
	const char *near = closest_key(set, key->value);
	ng_buf known = {0};
	for (size_t i = 0; i < set->n; i++)
		ng_buf_printf(&known, "%s%s", i ? ", " : "", set->fields[i].key);
	if (near)
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
				    set->where);
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

/* Checks the {{…}} date references of a text. */
static void check_refs(rd *r, const ng_text *t)
{
	size_t at = 0, err_at = 0;
	const char *err = NULL;
	ng_ref ref;
	int k;
	while ((k = ng_prose_next(t->s, at, &ref, &err_at, &err)) == 1)
		at = ref.end;
	if (k < 0) {
		ng_diag *g = ng_diag_add(r->d, NG_D_BAD_WHEN, ng_text_pos_at(t, err_at), err);
		ng_diag_hint(r->d, g,
			     "write a date as {{2023-06-05}}, {{2023-06-05 未明}}, "
			     "{{2023-06-05 9:00頃 | short}}");
		fail(r);
	}
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

static int rd_date(rd *r, const ng_node *n, void *dst, const field *f)
{
	ng_dated *d = dst;
	if (n->kind != NG_NODE_SCALAR)
		return wrong_type(r, n, f->key, "a date (YYYY-MM-DD)");
	d->pos = n->pos;
	if (parse_iso_date(n->value, &d->v) != 0) {
		ng_diag *g = ng_diag_add(r->d, NG_D_BAD_DATE, n->pos, f->key, n->value);
		ng_diag_hint(r->d, g, "write an existing date as YYYY-MM-DD, e.g. 2023-07-21");
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
	if (ng_when_parse(n->value, n->len, &w->v, &err_at, &err) != 0) {
		ng_diag *g =
		    ng_diag_add(r->d, NG_D_BAD_WHEN, ng_text_pos_at(&w->text, err_at), err);
		ng_diag_hint(r->d, g,
			     "e.g. 2023-06-05, 2023-06-05 9:00頃, 2023-06-05 午後, "
			     "2023-06 中旬 ~ 現在");
		return fail(r);
	}
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

/* ---- the shape of a record */

#define TEXT(k, req, T, m) {k, req, rd_text, offsetof(T, m), NULL, 0}
#define TEXTS(k, req, T, m) {k, req, rd_texts, offsetof(T, m), NULL, 0}
#define SET(name, where, fields, check)                                                            \
	static const fieldset name = {where, fields, NG_ARRAY_LEN(fields), check}

static int check_event(rd *r, const ng_node *n, void *obj)
{
	ng_event *e = obj;
	e->pos = n->pos;
	if (e->when.set == (e->label.s != NULL)) {
		ng_diag *g = ng_diag_add(r->d, NG_D_MISSING_FIELD, n->pos, "when", "a timeline entry");
		ng_diag_hint(r->d, g,
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
    {"when", false, rd_when, offsetof(ng_event, when), NULL, 0},
    TEXT("label", false, ng_event, label),
    TEXT("what", true, ng_event, what),
};
SET(event_set, "a timeline entry", event_fields, check_event);

static const field party_fields[] = {
    TEXT("name", true, ng_party, name),
    TEXTS("narrative", false, ng_party, narrative),
    {"timeline", false, rd_list, offsetof(ng_party, timeline), &event_set, sizeof(ng_event)},
    TEXTS("causes", false, ng_party, causes),
};
SET(party_set, "a party", party_fields, set_pos_party);

static const field group_fields[] = {
    TEXT("service", true, ng_item_group, service),
    TEXTS("items", true, ng_item_group, items),
};
SET(group_set, "a data-item group", group_fields, set_pos_group);

static const field letter_fields[] = {
    TEXT("template", false, ng_letter, templ),
    {"date", true, rd_date, offsetof(ng_letter, date), NULL, 0},
    TEXT("number", false, ng_letter, number),
    TEXT("addressee", true, ng_letter, addressee),
    TEXT("title", true, ng_letter, title),
    TEXT("opening", false, ng_letter, opening),
    TEXT("closing", false, ng_letter, closing),
    TEXT("greeting", false, ng_letter, greeting),
    TEXTS("body", false, ng_letter, body),
};
SET(letter_set, "letter", letter_fields, NULL);

static const field sender_fields[] = {
    TEXT("organization", true, ng_sender, organization),
    TEXT("representative", false, ng_sender, representative),
    TEXT("postcode", false, ng_sender, postcode),
    TEXT("address", false, ng_sender, address),
    TEXT("phone", false, ng_sender, phone),
    TEXT("email", false, ng_sender, email),
};
SET(sender_set, "sender", sender_fields, NULL);

static const field contact_fields[] = {
    TEXT("title", true, ng_contact, title), TEXT("phone", false, ng_contact, phone),
    TEXT("email", false, ng_contact, email), TEXT("hours", false, ng_contact, hours),
    TEXT("url", false, ng_contact, url),
};
SET(contact_set, "contact", contact_fields, NULL);

typedef struct items_block {
	ng_text note;
	anylist groups;
} items_block;

static const field items_fields[] = {
    TEXT("note", false, items_block, note),
    {"groups", true, rd_list, offsetof(items_block, groups), &group_set, sizeof(ng_item_group)},
};
SET(items_set, "data_items", items_fields, NULL);

static const field record_fields[] = {
    {"letter", true, rd_map, offsetof(ng_record, letter), &letter_set, 0},
    {"sender", true, rd_map, offsetof(ng_record, sender), &sender_set, 0},
    TEXTS("overview", true, ng_record, overview),
    {"parties", false, rd_list, offsetof(ng_record, parties), &party_set, sizeof(ng_party)},
    {"data_items", true, rd_map, offsetof(ng_record, data_items), &items_set, 0},
    TEXTS("secondary_harm", true, ng_record, secondary_harm),
    {"contact", true, rd_map, offsetof(ng_record, contact), &contact_set, 0},
};
SET(record_set, "the record", record_fields, NULL);

ng_record *ng_record_load(const char *path, ng_arena *a, ng_diags *d)
{
	const char *file = ng_strdup(a, path);
	char *data = NULL;
	size_t len = 0;
	int err = ng_read_file(path, ng_yaml_default_limits.max_bytes, &data, &len);
	if (err) {
		if (err == EFBIG)
			ng_diag_add(d, NG_D_TOO_LARGE, (ng_pos){file, 0, 0}, "file size (bytes)",
				    ng_yaml_default_limits.max_bytes);
		else
			ng_diag_add(d, NG_D_IO_READ, (ng_pos){file, 0, 0}, path, strerror(err));
		return NULL;
	}
	ng_node *root = ng_yaml_load(file, data, len, NULL, a, d);
	free(data);
	if (!root)
		return NULL;
	ng_record *rec = ng_alloc(a, sizeof *rec);
	rec->file = file;
	rd r = {a, d, 0};
	rec->root = root;
	read_map(&r, root, rec, &record_set, "the record");
	if (r.errors)
		return NULL;
	return ng_validate(rec, a, d) == 0 ? rec : NULL;
}
