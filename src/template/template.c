/* template.c — loading a template file (its fixed wording) and expanding
 * {{date}} references of prose. The letter structure is in letter.c. */
#include "template_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../record/yaml_tree.h"

/* Phrase keys every template must define, in the order of enum phrase. */
static const char *const phrase_keys[PH__COUNT] = {
    [PH_KI] = "ki",
    [PH_IJOU] = "ijou",
    [PH_OVERVIEW] = "overview",
    [PH_EVENT] = "event",
    [PH_HISTORY] = "history",
    [PH_PARTY_HISTORY] = "party_history",
    [PH_TIMELINE_INTRO] = "timeline_intro",
    [PH_CAUSES] = "causes",
    [PH_PARTY_CAUSE] = "party_cause",
    [PH_DATA_ITEMS] = "data_items",
    [PH_NOTE_MARKER] = "note_marker",
    [PH_GROUP_MARKER] = "group_marker",
    [PH_ITEM_SEPARATOR] = "item_separator",
    [PH_SECONDARY_HARM] = "secondary_harm",
    [PH_CONTACT_PHONE] = "contact_phone",
    [PH_CONTACT_EMAIL] = "contact_email",
    [PH_CONTACT_HOURS] = "contact_hours",
    [PH_CONTACT_URL] = "contact_url",
    [PH_SENDER_PHONE] = "sender_phone",
    [PH_POSTCODE_MARK] = "postcode_mark",
};

static const char *template_path(const char *name, ng_arena *a)
{
	size_t n = strlen(name);
	if (strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".yaml") == 0))
		return ng_strdup(a, name);
	return ng_aprintf(a, "%s/templates/%s.yaml", ng_home_dir(), name);
}

static int read_phrases(ng_template *t, const ng_node *map, ng_diags *d)
{
	int rc = 0;
	for (size_t i = 0; i < map->n; i++) {
		const ng_node *k = map->keys[i], *v = map->items[i];
		size_t p = 0;
		while (p < PH__COUNT && strcmp(phrase_keys[p], k->value) != 0)
			p++;
		if (p == PH__COUNT) {
			ng_diag_add(d, NG_D_UNKNOWN_KEY, k->pos, k->value, "phrases");
			rc = -1;
		} else if (v->kind != NG_NODE_SCALAR) {
			ng_diag_add(d, NG_D_WRONG_TYPE, v->pos, k->value, "text");
			rc = -1;
		} else {
			t->ph[p] = (ng_text){v->value, v->pos, v->plain};
		}
	}
	for (size_t p = 0; p < PH__COUNT; p++) {
		if (!t->ph[p].s) {
			ng_diag_add(d, NG_D_MISSING_FIELD, map->pos, phrase_keys[p], "phrases");
			rc = -1;
		}
	}
	return rc;
}

static int read_template(ng_template *t, const ng_node *root, ng_diags *d)
{
	static const char *const keys[] = {"name", "description", "phrases"};
	int rc = 0;
	for (size_t i = 0; i < root->n; i++) {
		size_t k = 0;
		while (k < NG_ARRAY_LEN(keys) && strcmp(keys[k], root->keys[i]->value) != 0)
			k++;
		if (k == NG_ARRAY_LEN(keys)) {
			ng_diag_add(d, NG_D_UNKNOWN_KEY, root->keys[i]->pos, root->keys[i]->value,
				    "a template");
			rc = -1;
		}
	}
	const ng_node *name = ng_node_get(root, "name");
	const ng_node *phrases = ng_node_get(root, "phrases");
	if (!name || name->kind != NG_NODE_SCALAR || !phrases || phrases->kind != NG_NODE_MAP) {
		ng_diag_add(d, NG_D_MISSING_FIELD, root->pos, !name ? "name" : "phrases",
			    "a template");
		return -1;
	}
	t->name = name->value;
	return read_phrases(t, phrases, d) | rc;
}

ng_template *ng_template_load(const char *name_or_path, ng_arena *a, ng_diags *d)
{
	const char *path = template_path(name_or_path, a);
	char *data = NULL;
	size_t len = 0;
	int err = ng_read_file(path, ng_yaml_default_limits.max_bytes, &data, &len);
	if (err == ENOENT && !strchr(name_or_path, '/')) {
		ng_diag *g = ng_diag_add(d, NG_D_TEMPLATE_UNKNOWN, (ng_pos){0}, name_or_path);
		ng_diag_hint(d, g, "built-in templates: client-notice");
		return NULL;
	}
	if (err) {
		ng_diag_add(d, NG_D_IO_READ, (ng_pos){path, 0, 0}, path, strerror(err));
		return NULL;
	}
	ng_node *root = ng_yaml_load(path, data, len, NULL, a, d);
	free(data);
	if (!root)
		return NULL;
	ng_template *t = ng_alloc(a, sizeof *t);
	if (read_template(t, root, d) != 0)
		return NULL;
	return t;
}

void ng_prose_expand(ng_era *era, const ng_text *t, ng_arena *a, ng_content *c)
{
	size_t at = 0, err_at = 0;
	const char *err = NULL;
	ng_ref ref;
	ng_buf date = {0};
	while (ng_prose_next(t->s, at, &ref, &err_at, &err) == 1) {
		ng_content_add(a, c, t->s + at, ref.start - at, ng_text_pos_at(t, at), t->plain);
		ng_buf_reset(&date);
		ng_era_when(era, &ref.when, ref.style, &date);
		ng_content_add(a, c, date.data, date.len, ng_text_pos_at(t, ref.start), false);
		at = ref.end;
	}
	ng_content_add(a, c, t->s + at, strlen(t->s + at), ng_text_pos_at(t, at), t->plain);
	ng_buf_free(&date);
}
