/* icu.h — the plain-C face of ICU, the one module that includes ICU (unicode/…) headers:
 * Japanese-calendar date formatting (for src/era), line-break opportunities
 * (for src/layout) and NFC normalisation (for validation). ICU's UErrorCode
 * stops here: calls return 0 or -1 and name the failed ICU call and its
 * error in an ng_icu_err, ready for an NG_D_ICU diagnostic.
 *
 * Handles are not thread-safe: make one per thread and reuse it (opening
 * ICU calendars and iterators is the expensive part). */
#ifndef NG_ICU_H
#define NG_ICU_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/util.h"

/* Why an ICU call failed: both strings are static (never freed). */
typedef struct ng_icu_err {
	const char *func; /* the ICU function, e.g. "udat_open" */
	const char *name; /* u_errorName(), e.g. "U_ILLEGAL_ARGUMENT_ERROR" */
} ng_icu_err;

/* ---- Japanese calendar (locale ja_JP@calendar=japanese, zone UTC) */

/* What ng_jcal_format writes, named by the ICU date pattern it matches
 * (udat_format with that pattern is the tests' oracle). The first year of
 * an era is 元年, as ICU writes it for a pattern with 年. */
typedef enum ng_jcal_pat {
	NG_JCAL_DATE = 0, /* GGGGy年M月d日: 令和元年5月1日 */
	NG_JCAL_ERA_YEAR, /* GGGGy年: 令和元年, 平成31年 */
	NG_JCAL_WEEKDAY,  /* E: 水 */
	NG_JCAL__COUNT
} ng_jcal_pat;

/* Holds ICU's Japanese calendar (Gregorian year-month-day in; era, year
 * and weekday out) and its era and weekday names for ja, but no date
 * formatter: opening one costs ~6 M instructions. Returns NULL (and fills
 * *err when err is not NULL) when ICU fails or lacks the Japanese calendar
 * or those names. */
typedef struct ng_jcal ng_jcal;
ng_jcal *ng_jcal_new(ng_icu_err *err);
void ng_jcal_free(ng_jcal *c);

/* Appends the Gregorian date y-m-d (m 1–12) written with pattern pat to
 * out. Returns 0, or -1 (out unchanged, *err filled when err is not NULL)
 * when the date does not exist or ICU fails. The Japanese calendar only
 * means something from 1873-01-01 (Gregorian reckoning in Japan); ICU still
 * answers for earlier dates (with pre-明治 era names), callers reject them. */
int ng_jcal_format(ng_jcal *c, int y, int m, int d, ng_jcal_pat pat, ng_buf *out, ng_icu_err *err);

/* The Japanese-calendar era and year of y-m-d: *era is ICU's era number
 * (明治 232, 大正 233, 昭和 234, 平成 235, 令和 236; later eras count on),
 * *year the year within it (1 for 元年). Returns 0 or -1 like
 * ng_jcal_format. */
int ng_jcal_era(ng_jcal *c, int y, int m, int d, int *era, int *year, ng_icu_err *err);

/* ---- Line-break opportunities (UAX #14 with ICU's CJ tailorings) */

/* strict: locale ja@lb=strict, which keeps small kana, ー and 〜 (U+301C)
 * off a line start (JLReq's strictest level). Otherwise ja@lb=normal, which
 * allows a break before them. Neither keeps ～ (U+FF5E) off a line start
 * nor keeps a URL whole: that is layout's work. Returns NULL when ICU cannot
 * open the iterator (its line-break data is missing). */
typedef struct ng_linebreaker ng_linebreaker;
ng_linebreaker *ng_linebreaker_new(bool strict);
void ng_linebreaker_free(ng_linebreaker *lb);

/* Fills brk[0..len] (len + 1 bytes): brk[i] = 1 when a line may break
 * before byte offset i, else 0. Breaks fall only on code point boundaries;
 * brk[0] = 0 and, for len > 0, brk[len] = 1. A mandatory break (after a
 * newline) is reported as 1 like any other. utf8 must be valid UTF-8 and
 * len at most INT32_MAX. Returns 0, or -1 (see ng_linebreaker_error). */
int ng_linebreaker_run(ng_linebreaker *lb, const char *utf8, size_t len, unsigned char *brk);
/* Phrase mode on or off for the following runs: breaks only between
 * phrases (ICU's lw=phrase, dictionary-based: 「USBメモリの / 紛失」, never
 * 「USBメ / モリ」), for a title. Returns whether it is on (false when
 * ICU has no phrase breaking). The breaks of texts an earlier run broke
 * come from the cache (NOTICE_GEN_CACHE, phrasememo.c), the others from
 * ICU's phrase iterator, opened at the first of them. */
bool ng_linebreaker_phrase(ng_linebreaker *lb, bool on);
/* Whether the phrase iterator (ICU's dictionary engine, the dearest thing
 * a cold start opens) has been opened: only for a text in phrase mode
 * that the cache did not have. */
bool ng_linebreaker_phrase_opened(const ng_linebreaker *lb);
/* Starts opening the phrase iterator (ICU's dictionary engine: 8 M
 * instructions) on a helper thread, when no earlier run kept phrase
 * breaks with this ICU (the cache's memo has no entry); the first text
 * broken between phrases then takes it (joining the thread), or
 * ng_linebreaker_settle or ng_linebreaker_free joins it. Nothing when
 * threads are off (NG_NO_THREADS=1). Before a fork: settle first. */
void ng_linebreaker_warm(ng_linebreaker *lb);
/* After ng_linebreaker_warm found the memo of earlier runs (a used
 * cache; threads on): whether the memo lacks the breaks of this text
 * while nothing is warming or open, i.e. the layout would open the
 * iterator on the main thread if it broke the text between phrases. */
bool ng_linebreaker_lacks(ng_linebreaker *lb, const char *utf8, size_t len);
/* Then starts the same helper as ng_linebreaker_warm: for a new record's
 * text that ng_linebreaker_lacks and that the layout will likely break
 * between phrases (the caller guesses which). */
void ng_linebreaker_warm_new(ng_linebreaker *lb);
/* Whether ng_linebreaker_warm or _warm_new started a helper (tests). */
bool ng_linebreaker_begun(const ng_linebreaker *lb);
/* Whether ng_linebreaker_warm started a helper not joined yet: no run
 * before kept phrase breaks with this ICU (a first run; not a helper
 * ng_linebreaker_warm_new started). */
bool ng_linebreaker_warming(const ng_linebreaker *lb);
/* Waits for what ng_linebreaker_warm or _warm_new started (nothing if
 * neither did). */
void ng_linebreaker_settle(ng_linebreaker *lb);
/* Why the last ng_linebreaker_run failed; valid until the next run. */
const ng_icu_err *ng_linebreaker_error(const ng_linebreaker *lb);

/* ---- Normalisation */

/* Appends the NFC form of utf8[0..len) to out (か + U+3099 → が). Text that
 * is already NFC is copied as is. Returns 0, or -1 (out unchanged) when the
 * input is not valid UTF-8, longer than INT32_MAX bytes, or ICU fails. */
int ng_icu_nfc(const char *utf8, size_t len, ng_buf *out);

/* ---- Legacy encodings */

/* Appends utf8 of in[0..len) read in charset (an ICU converter name or
 * alias: "windows-31j" for Excel's CP932, "Shift_JIS", "EUC-JP") to out.
 * Returns 0, or -1 (out unchanged) at a byte sequence invalid in charset or
 * an unknown charset. */
int ng_icu_to_utf8(const char *charset, const char *in, size_t len, ng_buf *out, ng_icu_err *err);

/* The same, piece by piece: a file converted as it is read. A character
 * cut between two pieces is completed by the next; last marks the final
 * piece (a sequence still open there is invalid). */
typedef struct ng_icu_conv ng_icu_conv;
ng_icu_conv *ng_icu_conv_open(const char *charset, ng_icu_err *err); /* NULL: err says why */
int ng_icu_conv_put(ng_icu_conv *c, const char *in, size_t len, bool last, ng_buf *out,
                    ng_icu_err *err);   /* 0, or -1 at an invalid sequence */
void ng_icu_conv_close(ng_icu_conv *c); /* NULL is fine */

#endif
