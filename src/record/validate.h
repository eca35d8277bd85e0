/* validate.h — the one validation pass over a freshly read record: fills
 * defaults, checks cross-field rules. After it, later stages trust the
 * record. Also the law's tables (which items each letter type needs) that
 * `notice-gen check` prints. */
#ifndef NG_VALIDATE_H
#define NG_VALIDATE_H

#include "record.h"

/* Returns 0, or -1 when errors were added (warnings alone return 0). */
int ng_validate(ng_record *rec, ng_arena *a, ng_diags *d);

/* Parts of the pass (validate.c calls them): date order (dates.c), report
 * items per audience, categories and the count (items.c). Same returns. */
int ng_validate_dates(const ng_record *rec, ng_diags *d);
int ng_validate_items(ng_record *rec, ng_arena *a, ng_diags *d);
/* Marks for printing timelines grouped by day (dates.c): same_day on an
 * entry of the same day as the one before, letter.timeline_header as
 * true/false in the tree. */
void ng_mark_timelines(ng_record *rec, ng_arena *a);

/* The items a letter for audience a must contain: bit i for item i. */
unsigned ng_audience_items(ng_audience a);
/* The letter type's name (本人通知, …) and the article requiring it. */
const char *ng_audience_name(ng_audience a);
const char *ng_audience_article(ng_audience a);
/* A short Japanese description of 規則第7条 category c (1–4). */
const char *ng_category_name(int c);

#endif
