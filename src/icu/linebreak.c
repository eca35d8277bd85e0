/* linebreak.c — line-break opportunities from ICU's line iterator for
 * layout. One iterator per handle, reused for every run. The text is
 * converted to UTF-16 for it, with the byte offset of every UTF-16 unit
 * kept to map the breaks back: ICU walks UTF-16 text in place, while its
 * UTF-8 UText maps every chunk it reads, which cost more than the
 * conversion. Both buffers are kept in the handle and reused. */
#include "icu_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>

#include "../util/thread.h"

#define PHRASE_LOCALE "ja@lb=strict;lw=phrase"

struct ng_linebreaker {
	UBreakIterator *bi;
	/* Phrase breaks: from the memo of earlier runs, else from the
	 * iterator, opened at the first text the memo does not have. */
	ng_phrasememo *memo; /* opened when phrases are first asked */
	UBreakIterator *phrase_bi;
	bool phrase_failed; /* ICU could not open it */
	/* ng_linebreaker_warm: the phrase iterator being opened on a helper
	 * thread, into warm_bi; joined when it is first needed, else by
	 * ng_linebreaker_settle or ng_linebreaker_free. */
	ng_thread warm;
	UBreakIterator *warm_bi;
	bool begun; /* a helper was started (tests) */
	bool phrase;
	int32_t *found; /* the breaks of the text being broken */
	size_t capfound;
	UChar *u16;        /* the text being broken */
	uint32_t *byte_at; /* byte offset of each unit, and of the end */
	size_t cap;        /* of both, in units */
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
	return lb;
}

void ng_linebreaker_free(ng_linebreaker *lb)
{
	if (!lb)
		return;
	ng_linebreaker_settle(lb);
	ubrk_close(lb->bi);
	if (lb->phrase_bi)
		ubrk_close(lb->phrase_bi);
	ng_phrasememo_close(lb->memo);
	free(lb->found);
	free(lb->u16);
	free(lb->byte_at);
	free(lb);
}

const ng_icu_err *ng_linebreaker_error(const ng_linebreaker *lb)
{
	return &lb->err;
}

/* Room for need units (UTF-16 never takes more units than UTF-8 bytes). */
static void reserve(ng_linebreaker *lb, size_t need)
{
	if (need <= lb->cap)
		return;
	size_t cap = lb->cap ? lb->cap : 256;
	while (cap < need)
		cap *= 2;
	lb->u16 = ng_xrealloc(lb->u16, cap * sizeof *lb->u16);
	lb->byte_at = ng_xrealloc(lb->byte_at, cap * sizeof *lb->byte_at);
	lb->cap = cap;
}

/* UTF-8 to UTF-16 with the byte offset of each unit; the number of units,
 * or -1 at an invalid sequence (ICU would read it as U+FFFD and could
 * report a break inside the bytes it stood for). */
static int32_t to_utf16(ng_linebreaker *lb, const char *utf8, size_t len)
{
	int32_t n = 0;
	for (size_t i = 0, k; i < len; i += k) {
		uint32_t cp;
		k = ng_utf8_decode(utf8 + i, len - i, &cp);
		if (!k)
			return -1;
		lb->byte_at[n] = (uint32_t)i;
		if (cp < 0x10000) {
			lb->u16[n++] = (UChar)cp;
			continue;
		}
		lb->u16[n++] = (UChar)(0xD7C0 + (cp >> 10));
		lb->byte_at[n] = (uint32_t)i;
		lb->u16[n++] = (UChar)(0xDC00 | (cp & 0x3FF));
	}
	lb->byte_at[n] = (uint32_t)len;
	return n;
}

/* The phrase iterator, opened and run over a kanji on a helper thread:
 * the first dictionary character an iterator meets makes ICU build its
 * CJK dictionary engine (8 M instructions: Unicode sets from property
 * patterns), which this iterator then holds and ICU's break engine
 * factory keeps for the whole process. In ICU 72 that factory is one
 * object behind one mutex (ICULanguageBreakFactory::getEngineFor locks
 * gBreakEngineMutex around the look-up, loadEngineFor and the push), so
 * an iterator of the main thread meeting a kanji meanwhile would wait
 * for it and then share it; here the main thread takes this iterator
 * itself after joining, and nothing else of ICU is shared. The breaks
 * an iterator finds depend on its rules, its dictionary and the text,
 * never on the texts it broke before (ubrk_setText resets its caches). */
static void *warm_phrase(void *arg)
{
	ng_linebreaker *lb = arg;
	static const UChar kanji[] = {0x6F22, 0x5B57}; /* 漢字 */
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(UBRK_LINE, PHRASE_LOCALE, NULL, 0, &st);
	if (U_SUCCESS(st)) {
		ubrk_setText(bi, kanji, NG_ARRAY_LEN(kanji), &st);
		while (U_SUCCESS(st) && ubrk_next(bi) != UBRK_DONE)
			;
	}
	if (U_FAILURE(st) && bi) {
		ubrk_close(bi);
		bi = NULL;
	}
	lb->warm_bi = bi; /* read by the main thread after joining */
	return NULL;
}

/* A used cache's memo (opened by ng_linebreaker_warm) and a text of a
 * new record it does not hold: ng_linebreaker_warm_new then starts the
 * phrase iterator opening on a helper while the template and the layout's
 * earlier work run, instead of on the main thread when the layout first
 * meets the text. */
bool ng_linebreaker_lacks(ng_linebreaker *lb, const char *utf8, size_t len)
{
	if (!lb->memo || lb->warm.running || lb->phrase_bi || len > INT32_MAX)
		return false;
	reserve(lb, len + 1);
	int32_t n = to_utf16(lb, utf8, len);
	size_t k;
	return n >= 0 && !ng_phrasememo_find(lb->memo, lb->u16, n, &k);
}

void ng_linebreaker_warm_new(ng_linebreaker *lb)
{
	if (!lb->memo || lb->warm.running || lb->phrase_bi)
		return;
	lb->begun = true;
	ng_thread_run(&lb->warm, warm_phrase, lb);
}

/* Only when no earlier run kept phrase breaks with this ICU (then the
 * breaks of the same texts come from the memo, and a letter whose texts
 * are new opens the iterator when it meets them, as without threads). */
void ng_linebreaker_warm(ng_linebreaker *lb)
{
	if (lb->memo || lb->phrase_bi || !ng_threads_on())
		return;
	lb->memo = ng_phrasememo_open(PHRASE_LOCALE);
	if (!ng_phrasememo_seen(lb->memo)) {
		lb->begun = true;
		ng_thread_run(&lb->warm, warm_phrase, lb);
	}
}

bool ng_linebreaker_begun(const ng_linebreaker *lb)
{
	return lb && lb->begun;
}

bool ng_linebreaker_warming(const ng_linebreaker *lb)
{
	return lb && lb->warm.running && !ng_phrasememo_seen(lb->memo);
}

void ng_linebreaker_settle(ng_linebreaker *lb)
{
	/* (A helper that could not start warmed on this thread.) */
	ng_thread_join(&lb->warm);
	if (lb->warm_bi) /* else ICU failed: opened again when needed */
		lb->phrase_bi = lb->warm_bi;
	lb->warm_bi = NULL;
}

static bool open_phrase(ng_linebreaker *lb)
{
	ng_linebreaker_settle(lb);
	if (!lb->phrase_bi && !lb->phrase_failed) {
		UErrorCode st = U_ZERO_ERROR;
		lb->phrase_bi = ubrk_open(UBRK_LINE, PHRASE_LOCALE, NULL, 0, &st);
		if (U_FAILURE(st))
			lb->phrase_bi = NULL;
		lb->phrase_failed = !lb->phrase_bi;
	}
	return lb->phrase_bi != NULL;
}

/* Phrase breaking is there when the memo holds breaks an earlier run's ICU
 * (the same libraries) made, or the iterator opens. */
bool ng_linebreaker_phrase(ng_linebreaker *lb, bool on)
{
	if (on && !lb->memo)
		lb->memo = ng_phrasememo_open(PHRASE_LOCALE);
	lb->phrase = on && (ng_phrasememo_known(lb->memo) || open_phrase(lb));
	return lb->phrase;
}

bool ng_linebreaker_phrase_opened(const ng_linebreaker *lb)
{
	return lb->phrase_bi != NULL;
}

/* The breaks of u[0..n) from bi into lb->found; how many. */
static size_t run_icu(ng_linebreaker *lb, UBreakIterator *bi, int32_t n, UErrorCode *st)
{
	ubrk_setText(bi, lb->u16, n, st);
	if (U_FAILURE(*st))
		return 0;
	size_t k = 0;
	ubrk_first(bi);
	for (int32_t p = ubrk_next(bi); p != UBRK_DONE; p = ubrk_next(bi)) {
		if (k == lb->capfound)
			lb->found = ng_xrealloc(
			    lb->found, (lb->capfound = lb->capfound ? 2 * lb->capfound : 64) *
			                   sizeof *lb->found);
		lb->found[k++] = p;
	}
	return k;
}

int ng_linebreaker_run(ng_linebreaker *lb, const char *utf8, size_t len, unsigned char *brk)
{
	if (len > INT32_MAX)
		return icu_fail(&lb->err, "ubrk_setText", U_INDEX_OUTOFBOUNDS_ERROR);
	reserve(lb, len + 1);
	int32_t n = to_utf16(lb, utf8, len);
	if (n < 0)
		return icu_fail(&lb->err, "ubrk_setText", U_INVALID_CHAR_FOUND);
	UErrorCode st = U_ZERO_ERROR;
	const int32_t *found = NULL;
	size_t k = 0;
	if (lb->phrase)
		found = ng_phrasememo_find(lb->memo, lb->u16, n, &k);
	if (!found) {
		/* (The memo vouched for phrase breaking, so the iterator opens.) */
		bool phrase = lb->phrase && open_phrase(lb);
		k = run_icu(lb, phrase ? lb->phrase_bi : lb->bi, n, &st);
		if (U_FAILURE(st))
			return icu_fail(&lb->err, "ubrk_setText", st);
		found = lb->found;
		if (phrase)
			ng_phrasememo_add(lb->memo, lb->u16, n, found, k);
	}
	memset(brk, 0, len + 1);
	for (size_t i = 0; i < k; i++)
		if (found[i] >= 0 && found[i] <= n)
			brk[lb->byte_at[found[i]]] = 1;
	brk[0] = 0;
	return 0;
}
