/* linebreak.c — line-break opportunities from ICU's line iterator for
 * layout. One iterator and one UText per handle, reused for every run: UTF-8
 * is read in place (utext_openUTF8), so positions are byte offsets and
 * nothing is converted to UTF-16. */
#include "icu_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

struct ng_linebreaker {
	UBreakIterator *bi;
	UText text;
	ng_icu_err err;
};

ng_linebreaker *ng_linebreaker_new(bool strict)
{
	UErrorCode st = U_ZERO_ERROR;
	/* Plain "ja" is not the same as ja@lb=normal (it keeps 〜 with the
	 * character before), so the keyword is always given. */
	UBreakIterator *bi =
	    ubrk_open(UBRK_LINE, strict ? "ja@lb=strict" : "ja@lb=normal", NULL, 0, &st);
	if (U_FAILURE(st))
		return NULL;
	ng_linebreaker *lb = ng_xcalloc(1, sizeof *lb);
	lb->bi = bi;
	lb->text = (UText)UTEXT_INITIALIZER;
	return lb;
}

void ng_linebreaker_free(ng_linebreaker *lb)
{
	if (!lb)
		return;
	ubrk_close(lb->bi);
	utext_close(&lb->text);
	free(lb);
}

const ng_icu_err *ng_linebreaker_error(const ng_linebreaker *lb)
{
	return &lb->err;
}

/* Points the iterator at utf8; the UText struct is reused, only its
 * contents are reset. */
static int set_text(ng_linebreaker *lb, const char *utf8, size_t len)
{
	if (len > INT32_MAX)
		return icu_fail(&lb->err, "utext_openUTF8", U_INDEX_OUTOFBOUNDS_ERROR);
	UErrorCode st = U_ZERO_ERROR;
	utext_openUTF8(&lb->text, utf8, (int64_t)len, &st);
	if (U_FAILURE(st))
		return icu_fail(&lb->err, "utext_openUTF8", st);
	ubrk_setUText(lb->bi, &lb->text, &st);
	if (U_FAILURE(st))
		return icu_fail(&lb->err, "ubrk_setUText", st);
	return 0;
}

int ng_linebreaker_run(ng_linebreaker *lb, const char *utf8, size_t len, unsigned char *brk)
{
	/* ICU reads an invalid sequence as U+FFFD and could report a break
	 * inside the bytes it stood for. */
	if (ng_utf8_invalid_at(utf8, len) != (size_t)-1)
		return icu_fail(&lb->err, "utext_openUTF8", U_INVALID_CHAR_FOUND);
	if (set_text(lb, utf8, len) != 0)
		return -1;
	memset(brk, 0, len + 1);
	ubrk_first(lb->bi);
	for (int32_t p = ubrk_next(lb->bi); p != UBRK_DONE; p = ubrk_next(lb->bi))
		brk[p] = 1;
	brk[0] = 0;
	return 0;
}
