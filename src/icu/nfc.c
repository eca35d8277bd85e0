/* nfc.c — NFC normalisation through ICU's shared normaliser instance (owned
 * by ICU, never closed). ICU normalises UTF-16, so the text goes UTF-8 →
 * UTF-16 → (NFC) → UTF-8; text that is already NFC skips the last two. */
#include "icu_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* UTF-16 of utf8 in a new heap array (*n code units). */
static UChar *to_utf16(const char *utf8, size_t len, int32_t *n)
{
	UErrorCode st = U_ZERO_ERROR;
	/* A UTF-8 byte never yields more than one UTF-16 unit. */
	UChar *u = ng_xmalloc((len + 1) * sizeof *u);
	u_strFromUTF8(u, (int32_t)len + 1, n, utf8, (int32_t)len, &st);
	if (U_FAILURE(st)) {
		free(u);
		return NULL;
	}
	return u;
}

/* NFC of u[0..n) in a new heap array (*nn code units). */
static UChar *normalize(const UNormalizer2 *nfc, const UChar *u, int32_t n, int32_t *nn)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t cap = n + 16;
	UChar *v = ng_xmalloc((size_t)cap * sizeof *v);
	*nn = unorm2_normalize(nfc, u, n, v, cap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		cap = *nn + 1;
		v = ng_xrealloc(v, (size_t)cap * sizeof *v);
		st = U_ZERO_ERROR;
		*nn = unorm2_normalize(nfc, u, n, v, cap, &st);
	}
	if (U_FAILURE(st)) {
		free(v);
		return NULL;
	}
	return v;
}

static int append_utf8(const UChar *v, int32_t n, ng_buf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	/* One UTF-16 unit never yields more than three UTF-8 bytes. */
	size_t cap = (size_t)n * 3 + 1;
	char *b = ng_xmalloc(cap);
	int32_t blen;
	u_strToUTF8(b, (int32_t)cap, &blen, v, n, &st);
	if (U_SUCCESS(st))
		ng_buf_add(out, b, (size_t)blen);
	free(b);
	return U_SUCCESS(st) ? 0 : -1;
}

static bool all_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

int ng_icu_nfc(const char *utf8, size_t len, ng_buf *out)
{
	if (all_ascii(utf8, len)) {
		ng_buf_add(out, utf8, len);
		return 0;
	}
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	int32_t n;
	UChar *u = len < INT32_MAX && U_SUCCESS(st) ? to_utf16(utf8, len, &n) : NULL;
	if (!u)
		return -1;
	int rc = 0;
	if (unorm2_isNormalized(nfc, u, n, &st) && U_SUCCESS(st)) {
		ng_buf_add(out, utf8, len);
	} else {
		int32_t nn;
		UChar *v = U_SUCCESS(st) ? normalize(nfc, u, n, &nn) : NULL;
		rc = v ? append_utf8(v, nn, out) : -1;
		free(v);
	}
	free(u);
	return rc;
}
