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

/* ICU's phrase breaks of texts asked before, kept on disk between runs
 * (phrasememo.c). Opened with the iterator's locale; an empty memo when
 * there is no cache folder. */
typedef struct ng_phrasememo ng_phrasememo;
ng_phrasememo *ng_phrasememo_open(const char *locale);
/* Whether it holds breaks from an earlier run (whose ICU, the same
 * libraries, had phrase breaking). */
bool ng_phrasememo_known(const ng_phrasememo *m);
/* Whether an earlier run kept an entry at all (even one without texts:
 * its letters broke no text between phrases). */
bool ng_phrasememo_seen(const ng_phrasememo *m);
/* The breaks (ubrk_next's positions in order, *nbrk of them) of the
 * UTF-16 text u[0..n), or NULL. */
const int32_t *ng_phrasememo_find(const ng_phrasememo *m, const UChar *u, int32_t n, size_t *nbrk);
void ng_phrasememo_add(ng_phrasememo *m, const UChar *u, int32_t n, const int32_t *brk,
                       size_t nbrk);
/* Keeps what this run added (when there is a cache folder) and frees m. */
void ng_phrasememo_close(ng_phrasememo *m);

#endif
