/* read_int.h — the record reader's machinery (record.c) for the other
 * files of src/record that read parts of a record: the reader state, the
 * field tables that describe one YAML map each, and the readers of one
 * kind of value. Internal to src/record. */
#ifndef NG_READ_INT_H
#define NG_READ_INT_H

#include <stddef.h>

#include "record.h"
#include "yaml_tree.h"

typedef struct rd {
	ng_arena *a;
	ng_diags *d;
	int errors;
	ng_record *rec;
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
	ng_item item;        /* the report item the field states, or 0 */
};

struct fieldset {
	const char *where; /* for messages: "letter", "a timeline entry" */
	const field *fields;
	size_t n;
	int (*check)(rd *r, const ng_node *n, void *obj); /* after reading */
};

#define NG_FIELDSET(name, where, fields, check)                                                    \
	static const fieldset name = {where, fields, NG_ARRAY_LEN(fields), check}

/* Counts an error; returns -1. */
int ng_rd_fail(rd *r);
/* Reports n as not of the expected type; returns -1. */
int ng_rd_wrong_type(rd *r, const ng_node *n, const char *key, const char *expect);
/* Reads map n into obj by the field table set. */
int ng_rd_map(rd *r, const ng_node *n, void *obj, const fieldset *set, const char *key);
/* Readers for field tables: text, text or list, date specification, list
 * of maps (f->sub, f->elem_size), true/false, YYYY-MM-DD, phone, e-mail. */
int ng_rd_text(rd *r, const ng_node *n, void *dst, const field *f);
int ng_rd_texts(rd *r, const ng_node *n, void *dst, const field *f);
int ng_rd_when(rd *r, const ng_node *n, void *dst, const field *f);
int ng_rd_list(rd *r, const ng_node *n, void *dst, const field *f);
int ng_rd_bool(rd *r, const ng_node *n, void *dst, const field *f);
int ng_rd_date(rd *r, const ng_node *n, void *dst, const field *f);
int ng_rd_phone(rd *r, const ng_node *n, void *dst, const field *f);
int ng_rd_email(rd *r, const ng_node *n, void *dst, const field *f);
/* Index of s in names[0..n), or -1; the error for a text not among them. */
int ng_rd_keyword(const char *const *names, size_t n, const char *s);
void ng_rd_bad_keyword(rd *r, const ng_text *t, const char *key, const char *const *names,
                       size_t n);
/* Marks a report item stated (or 調査中) at pos. */
void ng_rd_mark_item(rd *r, ng_item item, ng_state st, ng_pos pos);
/* Sets a scalar node's value (the record's own tree, which templates read). */
void ng_rd_write_back(const ng_node *n, const char *s);

/* The parts of a record read outside record.c. Field readers: */
int ng_rd_addressee(rd *r, const ng_node *n, void *dst, const field *f); /* frame.c */
int ng_rd_flag(rd *r, const ng_node *n, void *dst, const field *f);      /* frame.c */
int ng_rd_windows(rd *r, const ng_node *n, void *dst, const field *f);   /* windows.c */
int ng_rd_sections(rd *r, const ng_node *n, void *dst, const field *f);  /* sections.c */
int ng_rd_updates(rd *r, const ng_node *n, void *dst, const field *f);   /* sections.c */
int ng_rd_words(rd *r, const ng_node *n, void *dst, const field *f);     /* words.c */
/* After the whole record is read without errors: defaults and checks
 * that need the whole record (words, frame, windows, sections). */
int ng_words_fill(rd *r);
int ng_frame_finish(rd *r);
int ng_windows_finish(rd *r);
int ng_sections_finish(rd *r);
/* Reports t as an unknown numbering style (sections.c). */
void ng_numbering_error(rd *r, const ng_text *t);

#endif
