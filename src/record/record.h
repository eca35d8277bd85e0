/* record.h — the incident record as plain structs. ng_record_load reads a
 * YAML file through yaml_tree, maps it onto these structs by the field
 * tables in record.c (unknown keys, wrong types and missing fields are
 * reported, all of them, not just the first), then validates once. Later
 * stages trust a loaded record. */
#ifndef NG_RECORD_H
#define NG_RECORD_H

#include "../era/era.h"
#include "../util/diag.h"

/* A string from the record with its position; s is NULL when absent. */
typedef struct ng_text {
	const char *s;
	ng_pos pos;
	bool plain; /* a plain scalar: columns inside it map 1:1 to the file */
} ng_text;

typedef struct ng_texts {
	ng_text *v;
	size_t n;
} ng_texts;

/* A date field: the value, where it was written, and whether it was. */
typedef struct ng_dated {
	bool set;
	ng_date v;
	ng_pos pos;
} ng_dated;

/* A date-specification field (see ng_when_parse). */
typedef struct ng_whenf {
	bool set;
	ng_when v;
	ng_text text;
} ng_whenf;

/* One timeline row: a date specification (or a label for rows such as
 * 「事案発生直後～現在」) and what happened. */
typedef struct ng_event {
	ng_whenf when;
	ng_text label;
	ng_text what;
	ng_pos pos;
} ng_event;

/* A party involved in the incident (the processor, its vendor, …). */
typedef struct ng_party {
	ng_text name;
	ng_texts narrative; /* how it learned of and handled the incident */
	struct {
		ng_event *v;
		size_t n;
	} timeline;
	ng_texts causes;
	ng_pos pos;
} ng_party;

/* Personal-data items affected, for one contracted service. */
typedef struct ng_item_group {
	ng_text service;
	ng_texts items;
	ng_pos pos;
} ng_item_group;

typedef struct ng_letter {
	ng_text templ;
	ng_dated date;
	ng_text number;    /* 文書番号 */
	ng_text addressee;
	ng_text title;
	ng_text opening;   /* 頭語 */
	ng_text closing;   /* 結語 */
	ng_text greeting;  /* follows the 頭語 on its line */
	ng_texts body;     /* paragraphs before 記 */
} ng_letter;

typedef struct ng_sender {
	ng_text organization, representative, postcode, address, phone, email;
} ng_sender;

typedef struct ng_contact {
	ng_text title, phone, email, hours, url;
} ng_contact;

typedef struct ng_node ng_node;

typedef struct ng_record {
	const char *file;
	/* The record's YAML tree as validated and normalised: what templates
	 * read their variables from. */
	const ng_node *root;
	ng_letter letter;
	ng_sender sender;
	ng_texts overview;
	struct {
		ng_party *v;
		size_t n;
	} parties;
	struct {
		ng_text note; /* the ※ line */
		struct {
			ng_item_group *v;
			size_t n;
		} groups;
	} data_items;
	ng_texts secondary_harm;
	ng_contact contact;
} ng_record;

/* Loads and validates a record. Returns NULL after adding diagnostics
 * (every problem found, not only the first); warnings alone do not fail.
 * Everything is allocated from a. */
ng_record *ng_record_load(const char *path, ng_arena *a, ng_diags *d);

/* Date references in prose: {{SPEC}} or {{SPEC | STYLE}}, SPEC as
 * ng_when_parse reads it, STYLE one of long (default), md, short, time.
 * ng_prose_next finds the next reference at or after *at in s: returns 1
 * and fills the reference's byte span [start, end) and its parsed parts,
 * 0 when there is none, -1 on a malformed reference (err, err_at set). */
typedef struct ng_ref {
	size_t start, end;
	ng_when when;
	ng_datestyle style;
} ng_ref;
int ng_prose_next(const char *s, size_t at, ng_ref *ref, size_t *err_at, const char **err);

/* The position of byte offset off inside a text (exact for plain scalars
 * on one line; the text's own position otherwise). */
ng_pos ng_text_pos_at(const ng_text *t, size_t off);

#endif
