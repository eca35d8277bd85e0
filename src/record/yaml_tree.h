/* yaml_tree.h — a YAML document as a tree of positioned nodes. The only
 * interface to libyaml in the project: records, templates and client lists
 * are all read through it. The loader rejects what a record must not
 * contain (anchors, aliases, duplicate keys, invalid UTF-8) and enforces
 * size caps, reporting every problem at its 1-based line:col. */
#ifndef NG_YAML_TREE_H
#define NG_YAML_TREE_H

#include <stdbool.h>

#include "../util/diag.h"

typedef enum ng_node_kind { NG_NODE_SCALAR, NG_NODE_MAP, NG_NODE_SEQ } ng_node_kind;

typedef struct ng_node ng_node;
struct ng_node {
	ng_node_kind kind;
	ng_pos pos;
	/* Scalars: the value, NUL-terminated; plain is false when it was
	 * quoted or a block scalar (so "2023" stays a string). */
	const char *value;
	size_t len;
	bool plain;
	/* Whether columns inside the value map 1:1 onto the file (a plain or
	 * quoted scalar on one line, without escapes); vpos is then where
	 * the value's first character stands. */
	bool exact;
	ng_pos vpos;
	/* Data, not template text: a value from a batch's client list. It is
	 * printed as it is; a {{…}} in it is never expanded (a company named
	 * 「…{{2023-06-05}}」 prints those characters). */
	bool data;
	/* Sequences: the items. Maps: keys[i] (scalars) and items[i]. */
	ng_node **items;
	ng_node **keys;
	size_t n;
};

typedef struct ng_yaml_limits {
	size_t max_bytes;  /* of the file */
	size_t max_depth;  /* nesting of maps and sequences */
	size_t max_items;  /* in one map or sequence */
	size_t max_scalar; /* bytes of one value or key; 0: no limit but max_bytes */
} ng_yaml_limits;

extern const ng_yaml_limits ng_yaml_default_limits;

/* Parses data (len bytes; a UTF-8 BOM is accepted) into a tree allocated
 * from a. Returns the root (an empty map for an empty document), or NULL
 * after adding diagnostics. file is used for positions and must outlive
 * the tree. */
ng_node *ng_yaml_load(const char *file, const char *data, size_t len, const ng_yaml_limits *lim,
                      ng_arena *a, ng_diags *d);

/* Sets key in a map to a scalar (added, or replacing the value) — how
 * validation writes defaults and normalised text back, so that templates,
 * which read the tree, see what validation decided. */
void ng_node_put(ng_arena *a, ng_node *map, const char *key, const char *value, ng_pos pos);
/* The same with any node as the value (its position is the key's). */
void ng_node_put_node(ng_arena *a, ng_node *map, const char *key, ng_node *v);
/* An empty node of kind (a map or sequence without items, or a scalar
 * whose value the caller sets). */
ng_node *ng_node_new(ng_arena *a, ng_node_kind kind, ng_pos pos);

/* libyaml's problem or context text s in the user's language: from the
 * catalogue, or as written, quoted in a translated message (yaml_text.c). */
const char *ng_yaml_text(ng_arena *a, const char *s);

/* The value of key in a map, or NULL. */
ng_node *ng_node_get(const ng_node *map, const char *key);

#endif
