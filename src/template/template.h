/* template.h — turning a record into the block tree of a letter. A
 * template file (templates/NAME.yaml, or a path) gives the letter's fixed
 * wording; the letter's structure for each template kind is built here,
 * with every date of the record formatted by the era module. */
#ifndef NG_TEMPLATE_H
#define NG_TEMPLATE_H

#include "../doc/doc.h"
#include "../record/record.h"

typedef struct ng_template ng_template;

/* Loads a template by name (looked up in ng_home_dir()/templates) or by
 * path (anything containing '/' or ending in .yaml). Returns NULL after
 * adding diagnostics. Allocated from a. */
ng_template *ng_template_load(const char *name_or_path, ng_arena *a, ng_diags *d);

/* Builds the letter for rec into doc. Returns 0, or -1 after adding
 * diagnostics. */
int ng_template_build(const ng_template *t, const ng_record *rec, ng_era *era, ng_doc *doc,
		      ng_diags *d);

/* Appends text with its {{date}} references expanded (the record was
 * validated, so references parse). */
void ng_prose_expand(ng_era *era, const ng_text *t, ng_arena *a, ng_content *c);

#endif
