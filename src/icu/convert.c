/* convert.c — legacy encodings to UTF-8 (client lists saved by Excel as
 * CP932/Shift_JIS), stopping at the first byte that is not valid in the
 * source encoding instead of substituting it. */
#include <stdint.h>
#include <stdlib.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include "icu_int.h"

static UConverter *open_strict(const char *charset, ng_icu_err *err)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cv = ucnv_open(charset, &st);
	if (U_FAILURE(st)) {
		icu_fail(err, "ucnv_open", st);
		return NULL;
	}
	ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
	if (U_FAILURE(st)) {
		ucnv_close(cv);
		icu_fail(err, "ucnv_setToUCallBack", st);
		return NULL;
	}
	return cv;
}

int ng_icu_to_utf8(const char *charset, const char *in, size_t len, ng_buf *out, ng_icu_err *err)
{
	if (len >= INT32_MAX / 2)
		return icu_fail(err, "ucnv_toUChars", U_BUFFER_OVERFLOW_ERROR);
	UConverter *cv = open_strict(charset, err);
	if (!cv)
		return -1;
	/* A double-byte encoding never needs more UTF-16 units than bytes. */
	int32_t cap = (int32_t)len + 1;
	UChar *u = ng_xmalloc((size_t)cap * sizeof *u);
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = ucnv_toUChars(cv, u, cap, in, (int32_t)len, &st);
	ucnv_close(cv);
	int rc = 0;
	if (U_FAILURE(st)) {
		rc = icu_fail(err, "ucnv_toUChars", st);
	} else {
		int32_t need = 0;
		UErrorCode st2 = U_ZERO_ERROR;
		u_strToUTF8(NULL, 0, &need, u, n, &st2);
		char *buf = ng_xmalloc((size_t)need + 1);
		st2 = U_ZERO_ERROR;
		u_strToUTF8(buf, need + 1, &need, u, n, &st2);
		if (U_FAILURE(st2))
			rc = icu_fail(err, "u_strToUTF8", st2);
		else
			ng_buf_add(out, buf, (size_t)need);
		free(buf);
	}
	free(u);
	return rc;
}
