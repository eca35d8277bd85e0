/* validate.h — the one validation pass over a freshly read record: fills
 * defaults, checks cross-field rules. After it, later stages trust the
 * record. */
#ifndef NG_VALIDATE_H
#define NG_VALIDATE_H

#include "record.h"

/* Returns 0, or -1 when errors were added (warnings alone return 0). */
int ng_validate(ng_record *rec, ng_arena *a, ng_diags *d);

#endif
