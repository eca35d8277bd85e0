/* convert.c — legacy encodings to UTF-8 (client lists saved by Excel as
 * CP932/Shift_JIS), stopping at the first byte that is not valid in the
 * source encoding instead of substituting it. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

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

struct ng_icu_conv {
	UConverter *cv;
	UChar pending; /* a high surrogate whose low half comes with the next piece */
};

ng_icu_conv *ng_icu_conv_open(const char *charset, ng_icu_err *err)
{
	UConverter *cv = open_strict(charset, err);
	if (!cv)
		return NULL;
	ng_icu_conv *c = ng_xmalloc(sizeof *c);
	*c = (ng_icu_conv){.cv = cv};
	return c;
}

void ng_icu_conv_close(ng_icu_conv *c)
{
	if (!c)
		return;
	ucnv_close(c->cv);
	free(c);
}

/* Appends the UTF-8 of u[0..n) to out. */
static int put_utf8(const UChar *u, int32_t n, ng_buf *out, ng_icu_err *err)
{
	char buf[3 * 1024 + 4]; /* a UTF-16 unit is at most 3 bytes of UTF-8 */
	int32_t len = 0;
	UErrorCode st = U_ZERO_ERROR;
	u_strToUTF8(buf, (int32_t)sizeof buf, &len, u, n, &st);
	if (U_FAILURE(st))
		return icu_fail(err, "u_strToUTF8", st);
	ng_buf_add(out, buf, (size_t)len);
	return 0;
}

int ng_icu_conv_put(ng_icu_conv *c, const char *in, size_t len, bool last, ng_buf *out,
                    ng_icu_err *err)
{
	const char *src = in, *end = in + len;
	UChar u[1024 + 1];
	for (;;) {
		UChar *t = u;
		if (c->pending)
			*t++ = c->pending;
		c->pending = 0;
		UErrorCode st = U_ZERO_ERROR;
		ucnv_toUnicode(c->cv, &t, u + 1024, &src, end, NULL, last, &st);
		if (U_FAILURE(st) && st != U_BUFFER_OVERFLOW_ERROR)
			return icu_fail(err, "ucnv_toUnicode", st);
		int32_t n = (int32_t)(t - u);
		if (n > 0 && U16_IS_LEAD(u[n - 1]) && !(last && src == end))
			c->pending = u[--n];
		if (put_utf8(u, n, out, err) != 0)
			return -1;
		if (st != U_BUFFER_OVERFLOW_ERROR)
			return 0;
	}
}

int ng_icu_to_utf8(const char *charset, const char *in, size_t len, ng_buf *out, ng_icu_err *err)
{
	ng_icu_conv *c = ng_icu_conv_open(charset, err);
	if (!c)
		return -1;
	ng_buf b = {0};
	int rc = ng_icu_conv_put(c, in, len, true, &b, err);
	ng_icu_conv_close(c);
	if (rc == 0)
		ng_buf_add(out, b.data ? b.data : "", b.len);
	ng_buf_free(&b);
	return rc;
}
