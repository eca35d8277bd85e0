/* icu_int.h — what the files of src/icu share and nobody else sees: ICU's
 * headers and the translation of a UErrorCode into an ng_icu_err. */
#ifndef NG_ICU_INT_H
#define NG_ICU_INT_H

#include <unicode/utypes.h>

#include "icu.h"

/* Records that func failed with st (when err is not NULL); returns -1 so
 * that callers can write `return icu_fail(err, "udat_format", st);`. */
static inline int icu_fail(ng_icu_err *err, const char *func, UErrorCode st)
{
	if (err) {
		err->func = func;
		err->name = u_errorName(st);
	}
	return -1;
}

#endif
