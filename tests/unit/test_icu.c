/* test_icu.c — the ICU module: Japanese-calendar patterns (元年, era
 * boundaries, zone independence, error translation) checked against ICU's
 * own date formatter for every day from 1873 to 2030, line-break
 * opportunities in strict and normal mode as ICU 72 gives them, and NFC. */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "icu/icu.h"

/* ---- Japanese calendar */

static ng_jcal *cal;
static ng_buf buf;

static int cal_setup(void **state)
{
	(void)state;
	ng_icu_err err = {0};
	cal = ng_jcal_new(&err);
	return cal ? 0 : -1;
}

static int cal_teardown(void **state)
{
	(void)state;
	ng_jcal_free(cal);
	ng_buf_free(&buf);
	return 0;
}

static const char *jfmt(int y, int m, int d, ng_jcal_pat pat)
{
	ng_buf_reset(&buf);
	assert_int_equal(ng_jcal_format(cal, y, m, d, pat, &buf, NULL), 0);
	return buf.data;
}

/* DESIGN.md: GGGGy年M月d日（E） gives 令和元年5月1日（水）. */
static void test_design_claim(void **state)
{
	(void)state;
	ng_buf_reset(&buf);
	assert_int_equal(ng_jcal_format(cal, 2019, 5, 1, NG_JCAL_DATE, &buf, NULL), 0);
	ng_buf_adds(&buf, "（");
	assert_int_equal(ng_jcal_format(cal, 2019, 5, 1, NG_JCAL_WEEKDAY, &buf, NULL), 0);
	ng_buf_adds(&buf, "）");
	assert_string_equal(buf.data, "令和元年5月1日（水）");
}

static void test_boundaries(void **state)
{
	(void)state;
	assert_string_equal(jfmt(1989, 1, 7, NG_JCAL_DATE), "昭和64年1月7日");
	assert_string_equal(jfmt(1989, 1, 8, NG_JCAL_DATE), "平成元年1月8日");
	assert_string_equal(jfmt(2019, 4, 30, NG_JCAL_DATE), "平成31年4月30日");
	assert_string_equal(jfmt(2019, 5, 1, NG_JCAL_DATE), "令和元年5月1日");
	assert_string_equal(jfmt(1912, 7, 30, NG_JCAL_ERA_YEAR), "大正元年");
	assert_string_equal(jfmt(1926, 12, 25, NG_JCAL_ERA_YEAR), "昭和元年");
	assert_string_equal(jfmt(2023, 6, 5, NG_JCAL_ERA_YEAR), "令和5年");
	assert_string_equal(jfmt(2019, 5, 1, NG_JCAL_WEEKDAY), "水");
}

static void test_era_fields(void **state)
{
	(void)state;
	int era, year;
	assert_int_equal(ng_jcal_era(cal, 2019, 5, 1, &era, &year, NULL), 0);
	assert_int_equal(era, 236);
	assert_int_equal(year, 1);
	assert_int_equal(ng_jcal_era(cal, 2019, 4, 30, &era, &year, NULL), 0);
	assert_int_equal(era, 235);
	assert_int_equal(year, 31);
	assert_int_equal(ng_jcal_era(cal, 1873, 1, 1, &era, &year, NULL), 0);
	assert_int_equal(era, 232); /* 明治6年 */
	assert_int_equal(year, 6);
}

/* ICU 72 starts 明治 on 1868-09-08, not on 1868-01-25 as data/eras.tsv has
 * it; harmless, since dates before 1873 are rejected by src/era. */
static void test_meiji_start_in_icu(void **state)
{
	(void)state;
	assert_string_equal(jfmt(1868, 9, 7, NG_JCAL_ERA_YEAR), "慶応4年");
	assert_string_equal(jfmt(1868, 9, 8, NG_JCAL_ERA_YEAR), "明治元年");
}

/* main() runs everything with TZ=Pacific/Honolulu (UTC-10): if a formatter
 * used the process zone, midnight UTC would print as the day before. */
static void test_zone_independent(void **state)
{
	(void)state;
	assert_string_equal(jfmt(2023, 1, 1, NG_JCAL_DATE), "令和5年1月1日");
	assert_string_equal(jfmt(2023, 1, 1, NG_JCAL_WEEKDAY), "日");
	assert_string_equal(jfmt(2023, 12, 31, NG_JCAL_DATE), "令和5年12月31日");
}

static void test_bad_date(void **state)
{
	(void)state;
	ng_icu_err err = {0};
	ng_buf_reset(&buf);
	ng_buf_adds(&buf, "keep");
	assert_int_equal(ng_jcal_format(cal, 2023, 2, 30, NG_JCAL_DATE, &buf, &err), -1);
	assert_string_equal(buf.data, "keep");
	assert_string_equal(err.func, "ucal_getMillis");
	assert_string_equal(err.name, "U_ILLEGAL_ARGUMENT_ERROR");
	assert_int_equal(ng_jcal_format(cal, 2023, 13, 1, NG_JCAL_DATE, &buf, &err), -1);
	int era, year;
	assert_int_equal(ng_jcal_era(cal, 2023, 0, 1, &era, &year, &err), -1);
	/* Gregorian leap years, Gregorian years only (no year 0 or before). */
	assert_int_equal(ng_jcal_format(cal, 1900, 2, 29, NG_JCAL_DATE, &buf, &err), -1);
	assert_int_equal(ng_jcal_era(cal, 0, 6, 1, &era, &year, &err), -1);
	assert_string_equal(err.func, "ucal_getMillis");
	assert_int_equal(ng_jcal_era(cal, -1, 6, 1, &era, &year, &err), -1);
	assert_string_equal(buf.data, "keep");
	assert_string_equal(jfmt(2000, 2, 29, NG_JCAL_DATE), "平成12年2月29日");
	/* A failure does not poison the cached date. */
	assert_string_equal(jfmt(2023, 2, 28, NG_JCAL_DATE), "令和5年2月28日");
}

/* Each era change and the day before it: the full date, the weekday, ICU's
 * era number and the year. Written out rather than computed, so that the
 * oracle below cannot agree with a mistake. */
typedef struct era_case {
	int y, m, d;
	const char *date, *wday;
	int era, year;
} era_case;

static const era_case era_cases[] = {
    {1873, 1, 1, "明治6年1月1日", "水", 232, 6},
    {1912, 7, 29, "明治45年7月29日", "月", 232, 45},
    {1912, 7, 30, "大正元年7月30日", "火", 233, 1},
    {1926, 12, 24, "大正15年12月24日", "金", 233, 15},
    {1926, 12, 25, "昭和元年12月25日", "土", 234, 1},
    {1989, 1, 7, "昭和64年1月7日", "土", 234, 64},
    {1989, 1, 8, "平成元年1月8日", "日", 235, 1},
    {2019, 4, 30, "平成31年4月30日", "火", 235, 31},
    {2019, 5, 1, "令和元年5月1日", "水", 236, 1},
};

static void test_era_changes(void **state)
{
	(void)state;
	for (size_t i = 0; i < NG_ARRAY_LEN(era_cases); i++) {
		const era_case *c = &era_cases[i];
		assert_string_equal(jfmt(c->y, c->m, c->d, NG_JCAL_DATE), c->date);
		assert_string_equal(jfmt(c->y, c->m, c->d, NG_JCAL_WEEKDAY), c->wday);
		int era, year;
		assert_int_equal(ng_jcal_era(cal, c->y, c->m, c->d, &era, &year, NULL), 0);
		assert_int_equal(era, c->era);
		assert_int_equal(year, c->year);
	}
}

/* 元年 lasts to the end of the Gregorian year the era began in; year 2
 * starts on 1 January. */
static void test_gannen(void **state)
{
	(void)state;
	static const struct {
		int y;
		const char *last, *next;
	} years[] = {
	    {1912, "大正元年", "大正2年"},
	    {1926, "昭和元年", "昭和2年"},
	    {1989, "平成元年", "平成2年"},
	    {2019, "令和元年", "令和2年"},
	};
	for (size_t i = 0; i < NG_ARRAY_LEN(years); i++) {
		assert_string_equal(jfmt(years[i].y, 12, 31, NG_JCAL_ERA_YEAR), years[i].last);
		assert_string_equal(jfmt(years[i].y + 1, 1, 1, NG_JCAL_ERA_YEAR), years[i].next);
	}
	assert_string_equal(jfmt(2019, 12, 31, NG_JCAL_DATE), "令和元年12月31日");
	assert_string_equal(jfmt(1990, 1, 1, NG_JCAL_DATE), "平成2年1月1日");
	/* Only 1 is 元: 10, 11 and 21 are digits. */
	assert_string_equal(jfmt(1921, 1, 1, NG_JCAL_ERA_YEAR), "大正10年");
	assert_string_equal(jfmt(1936, 1, 1, NG_JCAL_ERA_YEAR), "昭和11年");
	assert_string_equal(jfmt(2039, 1, 1, NG_JCAL_ERA_YEAR), "令和21年");
}

/* One weekday per era, and a week that crosses an era change. */
static void test_weekdays_across_eras(void **state)
{
	(void)state;
	static const char *const week[] = {"金", "土", "日", "月", "火", "水", "木"};
	for (int i = 0; i < 7; i++) /* 2019-04-26 (平成) … 2019-05-02 (令和) */
		assert_string_equal(
		    jfmt(2019, i < 5 ? 4 : 5, i < 5 ? 26 + i : i - 4, NG_JCAL_WEEKDAY), week[i]);
	assert_string_equal(jfmt(1900, 3, 1, NG_JCAL_WEEKDAY), "木");   /* 明治33年 */
	assert_string_equal(jfmt(1923, 9, 1, NG_JCAL_WEEKDAY), "土");   /* 大正12年 */
	assert_string_equal(jfmt(1964, 10, 10, NG_JCAL_WEEKDAY), "土"); /* 昭和39年 */
	assert_string_equal(jfmt(2000, 2, 29, NG_JCAL_WEEKDAY), "火");  /* 平成12年 */
	assert_string_equal(jfmt(2023, 6, 26, NG_JCAL_WEEKDAY), "月");  /* 令和5年 */
}

/* ---- ICU's date formatter as the oracle */

static const char *const oracle_patterns[NG_JCAL__COUNT] = {
    [NG_JCAL_DATE] = "GGGGy年M月d日",
    [NG_JCAL_ERA_YEAR] = "GGGGy年",
    [NG_JCAL_WEEKDAY] = "E",
};

static const UChar utc[] = {'U', 'T', 'C', 0};

typedef struct oracle {
	UDateFormat *fmt[NG_JCAL__COUNT];
	UCalendar *greg; /* instant → the Gregorian date passed to ng_jcal */
} oracle;

static oracle orc;

static int oracle_setup(void **state)
{
	if (cal_setup(state) != 0)
		return -1;
	UErrorCode st = U_ZERO_ERROR;
	for (int p = 0; p < NG_JCAL__COUNT; p++) {
		UChar u[32];
		int32_t n;
		u_strFromUTF8(u, NG_ARRAY_LEN(u), &n, oracle_patterns[p], -1, &st);
		orc.fmt[p] = udat_open(UDAT_PATTERN, UDAT_PATTERN, "ja_JP@calendar=japanese", utc,
		                       -1, u, n, &st);
	}
	orc.greg = ucal_open(utc, -1, "root", UCAL_GREGORIAN, &st);
	return U_SUCCESS(st) ? 0 : -1;
}

static int oracle_teardown(void **state)
{
	for (int p = 0; p < NG_JCAL__COUNT; p++)
		udat_close(orc.fmt[p]);
	ucal_close(orc.greg);
	return cal_teardown(state);
}

static UDate oracle_millis(int y, int m, int d)
{
	UErrorCode st = U_ZERO_ERROR;
	ucal_clear(orc.greg);
	ucal_setDate(orc.greg, y, m - 1, d, &st);
	UDate t = ucal_getMillis(orc.greg, &st);
	assert_true(U_SUCCESS(st));
	return t;
}

/* What udat_format writes for the instant t with pattern p, in UTF-8. */
static const char *oracle_text(UDate t, int p)
{
	static char out[128];
	UChar u[64];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = udat_format(orc.fmt[p], t, u, NG_ARRAY_LEN(u), NULL, &st);
	u_strToUTF8(out, sizeof out, NULL, u, n, &st);
	assert_true(U_SUCCESS(st));
	return out;
}

/* The era year udat_format wrote for the day before, and the era and
 * year ng_jcal_era gave for it. */
typedef struct era_track {
	char text[128]; /* as long as oracle_text's buffer */
	int era, year;
} era_track;

/* ng_jcal against udat_format on the day at t, every pattern; with tr, the
 * era and year ng_jcal_era reports change exactly where the formatter's
 * era year does. */
static void check_day(UDate t, era_track *tr)
{
	UErrorCode st = U_ZERO_ERROR;
	ucal_setMillis(orc.greg, t, &st);
	int y = ucal_get(orc.greg, UCAL_YEAR, &st);
	int m = ucal_get(orc.greg, UCAL_MONTH, &st) + 1;
	int d = ucal_get(orc.greg, UCAL_DATE, &st);
	assert_true(U_SUCCESS(st));
	for (int p = 0; p < NG_JCAL__COUNT; p++) {
		const char *want = oracle_text(t, p);
		const char *got = jfmt(y, m, d, (ng_jcal_pat)p);
		if (strcmp(got, want) != 0)
			fail_msg("%d-%02d-%02d %s: ng_jcal %s, udat %s", y, m, d,
			         oracle_patterns[p], got, want);
	}
	if (!tr)
		return;
	int era, year;
	assert_int_equal(ng_jcal_era(cal, y, m, d, &era, &year, NULL), 0);
	const char *ey = oracle_text(t, NG_JCAL_ERA_YEAR);
	bool same_text = strcmp(ey, tr->text) == 0;
	if (same_text != (era == tr->era && year == tr->year))
		fail_msg("%d-%02d-%02d: era %d year %d after %d/%d, udat %s after %s", y, m, d, era,
		         year, tr->era, tr->year, ey, tr->text);
	snprintf(tr->text, sizeof tr->text, "%s", ey);
	tr->era = era;
	tr->year = year;
}

/* Every day a letter can carry, 1873 to 2030. */
static void test_matches_udat_every_day(void **state)
{
	(void)state;
	era_track tr = {"", -1, -1};
	UDate end = oracle_millis(2030, 12, 31);
	for (UDate t = oracle_millis(1873, 1, 1); t <= end; t += U_MILLIS_PER_DAY)
		check_day(t, &tr);
}

/* ng_jcal answers for any date ICU does (callers reject those before
 * 1873): every 89th day from year 1 (pre-大化 and Julian dates included)
 * to 9999. */
static void test_matches_udat_any_year(void **state)
{
	(void)state;
	UDate end = oracle_millis(9999, 12, 31);
	for (UDate t = oracle_millis(1, 1, 1); t <= end; t += 89.0 * U_MILLIS_PER_DAY)
		check_day(t, NULL);
	/* ICU's year -1 (643, before 大化) is 元 as well. */
	check_day(oracle_millis(643, 6, 1), NULL);
}

/* ---- Line breaks */

/* The text with '|' at every break opportunity. */
static const char *breaks(ng_linebreaker *lb, const char *s)
{
	static char out[1024];
	size_t len = strlen(s), o = 0;
	unsigned char brk[256];
	assert_true(len < sizeof brk);
	assert_int_equal(ng_linebreaker_run(lb, s, len, brk), 0);
	assert_int_equal(brk[0], 0);
	for (size_t i = 0; i < len; i++) {
		if (brk[i])
			out[o++] = '|';
		out[o++] = s[i];
	}
	assert_true(len == 0 || brk[len] == 1);
	out[o] = '\0';
	return out;
}

static ng_linebreaker *strict_lb, *normal_lb;

static int lb_setup(void **state)
{
	(void)state;
	strict_lb = ng_linebreaker_new(true);
	normal_lb = ng_linebreaker_new(false);
	return strict_lb && normal_lb ? 0 : -1;
}

static int lb_teardown(void **state)
{
	(void)state;
	ng_linebreaker_free(strict_lb);
	ng_linebreaker_free(normal_lb);
	ng_linebreaker_free(NULL);
	return 0;
}

/* Strict keeps small kana (ッ, っ, ァ) and ー off a line start; normal
 * (JLReq level 3) lets a line start with them. Neither breaks before 。 */
static void test_small_kana_and_choon(void **state)
{
	(void)state;
	const char *s = "サーバーにアクセスできなかった。";
	assert_string_equal(breaks(strict_lb, s), "サー|バー|に|ア|ク|セ|ス|で|き|な|かっ|た。");
	assert_string_equal(breaks(normal_lb, s), "サ|ー|バ|ー|に|ア|ク|セ|ス|で|き|な|か|っ|た。");
	assert_string_equal(breaks(strict_lb, "ファイル・データ"), "ファ|イ|ル・|デー|タ");
	assert_string_equal(breaks(normal_lb, "ファイル・データ"), "フ|ァ|イ|ル・|デ|ー|タ");
	assert_string_equal(breaks(strict_lb, "ロック"), "ロッ|ク");
}

static void test_kanji_and_punctuation(void **state)
{
	(void)state;
	assert_string_equal(breaks(strict_lb, "漢字"), "漢|字");
	assert_string_equal(breaks(strict_lb, "暗号化された。次に、"),
	                    "暗|号|化|さ|れ|た。|次|に、");
	/* No break inside 「…」 next to its brackets, nor before 々 (even
	 * normal mode keeps it; only ICU's loose mode breaks there). */
	assert_string_equal(breaks(strict_lb, "「括弧」（月）"), "「括|弧」|（月）");
	assert_string_equal(breaks(normal_lb, "人々"), "人々");
}

/* What ICU does NOT do for us, so layout must: ～ (U+FF5E, the CP932 tilde)
 * may start a line in either mode, while 〜 (U+301C) may only in normal
 * mode; URLs are broken after / and -; digits with , and . stay whole. */
static void test_left_to_layout(void **state)
{
	(void)state;
	assert_string_equal(breaks(strict_lb, "6月～現在"), "6|月|～|現|在");
	assert_string_equal(breaks(strict_lb, "9時〜17時"), "9|時〜|17|時");
	assert_string_equal(breaks(normal_lb, "9時〜17時"), "9|時|〜|17|時");
	assert_string_equal(breaks(strict_lb, "https://example.com/a-b です"),
	                    "https://|example.com/|a-|b |で|す");
	assert_string_equal(breaks(strict_lb, "10,000円 3.5%"), "10,000|円 |3.5%");
}

static void test_offsets_and_reuse(void **state)
{
	(void)state;
	/* A newline's break is reported like any other. */
	assert_string_equal(breaks(strict_lb, "a\nb"), "a\n|b");
	assert_string_equal(breaks(strict_lb, "abc def"), "abc |def");
	unsigned char brk[1] = {7};
	assert_int_equal(ng_linebreaker_run(strict_lb, "", 0, brk), 0);
	assert_int_equal(brk[0], 0);
	/* A long text then a short one: nothing of the first run remains. */
	const char *s = "日本語の文章を分割します";
	unsigned char b2[64];
	assert_int_equal(ng_linebreaker_run(strict_lb, s, strlen(s), b2), 0);
	for (size_t i = 0; i <= strlen(s); i++)
		if (b2[i])
			assert_true(((unsigned char)s[i] & 0xC0) != 0x80);
	assert_string_equal(breaks(strict_lb, "日本"), "日|本");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	unsigned char brk[8];
	assert_int_equal(ng_linebreaker_run(strict_lb, "a\xE3\x81z", 4, brk), -1);
	const ng_icu_err *err = ng_linebreaker_error(strict_lb);
	assert_string_equal(err->name, "U_INVALID_CHAR_FOUND");
	assert_string_equal(breaks(strict_lb, "漢字"), "漢|字");
}

/* ---- NFC */

static const char *nfc(const char *s, size_t len)
{
	ng_buf_reset(&buf);
	assert_int_equal(ng_icu_nfc(s, len, &buf), 0);
	return buf.data ? buf.data : "";
}

static void test_nfc(void **state)
{
	(void)state;
	assert_string_equal(nfc("\xE3\x81\x8B\xE3\x82\x99", 6), "が"); /* か + U+3099 */
	assert_string_equal(nfc("カ\xE3\x82\x99ード", strlen("カ\xE3\x82\x99ード")), "ガード");
	assert_string_equal(nfc("令和5年", strlen("令和5年")), "令和5年");
	assert_string_equal(nfc("ascii only", 10), "ascii only");
	assert_string_equal(nfc("", 0), "");
	/* NFC is not NFKC: half-width katakana and full-width digits stay;
	 * validation folds them itself. */
	assert_string_equal(nfc("ｶﾞ５", strlen("ｶﾞ５")), "ｶﾞ５");
}

/* A surprise for names: NFC maps most CJK compatibility ideographs to their
 * unified form (神 U+FA19 → 神 U+795E), but the twelve that are unified
 * ideographs themselves (﨑 U+FA11) stay. */
static void test_nfc_compat_ideographs(void **state)
{
	(void)state;
	assert_string_equal(nfc("\xEF\xA8\x99", 3), "\xE7\xA5\x9E");
	assert_string_equal(nfc("\xEF\xA8\x91", 3), "\xEF\xA8\x91");
}

/* Phrase breaks asked in one run are kept (NOTICE_GEN_CACHE): the next
 * run gets the same breaks for the same texts without opening ICU's
 * phrase iterator, and opens it for a text it has not seen; a damaged
 * memo is as none; off keeps nothing. */
static const char *const phrase_texts[] = {
    "患者様の個人情報を記録したUSBメモリの紛失についてのお詫びとご報告",
    "顧問先様へ「エムケイシステム中間報告と今後のセキュリティ対策のご案内」を通知",
};

static void phrase_breaks(ng_linebreaker *lb, size_t i, char *out)
{
	assert_true(ng_linebreaker_phrase(lb, true));
	strcpy(out, breaks(lb, phrase_texts[i]));
	ng_linebreaker_phrase(lb, false);
}

static void test_phrase_memo(void **state)
{
	(void)state;
	char dir[] = "/tmp/ng-test-phrases-XXXXXX", cmd[256];
	assert_non_null(mkdtemp(dir));
	const char *was = getenv("NOTICE_GEN_CACHE");
	char *saved = was ? strdup(was) : NULL;
	static char want[2][1024], got[1024];
	setenv("NOTICE_GEN_CACHE", "off", 1);
	ng_linebreaker *lb = ng_linebreaker_new(true);
	for (size_t i = 0; i < 2; i++)
		phrase_breaks(lb, i, want[i]);
	ng_linebreaker_free(lb);
	assert_string_not_equal(want[0], breaks(strict_lb, phrase_texts[0]));
	setenv("NOTICE_GEN_CACHE", dir, 1);
	lb = ng_linebreaker_new(true); /* the first run keeps text 0 */
	phrase_breaks(lb, 0, got);
	assert_string_equal(got, want[0]);
	assert_true(ng_linebreaker_phrase_opened(lb));
	ng_linebreaker_free(lb);
	lb = ng_linebreaker_new(true); /* the next finds it */
	phrase_breaks(lb, 0, got);
	assert_string_equal(got, want[0]);
	assert_false(ng_linebreaker_phrase_opened(lb));
	phrase_breaks(lb, 1, got); /* not seen: ICU's */
	assert_string_equal(got, want[1]);
	assert_true(ng_linebreaker_phrase_opened(lb));
	ng_linebreaker_free(lb);
	/* Damaged: one byte in the middle changed. */
	snprintf(cmd, sizeof cmd,
	         "for f in %s/phrases-*; do printf Z | dd of=$f bs=1 conv=notrunc status=none "
	         "seek=$(($(stat -c %%s $f) / 2)); done",
	         dir);
	assert_int_equal(system(cmd), 0);
	lb = ng_linebreaker_new(true);
	phrase_breaks(lb, 1, got);
	assert_string_equal(got, want[1]);
	assert_true(ng_linebreaker_phrase_opened(lb));
	ng_linebreaker_free(lb);
	if (saved)
		setenv("NOTICE_GEN_CACHE", saved, 1);
	else
		unsetenv("NOTICE_GEN_CACHE");
	free(saved);
	snprintf(cmd, sizeof cmd, "rm -r %s", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_nfc_appends_and_fails_cleanly(void **state)
{
	(void)state;
	ng_buf_reset(&buf);
	ng_buf_adds(&buf, "氏名: ");
	assert_int_equal(ng_icu_nfc("\xE3\x81\x8B\xE3\x82\x99", 6, &buf), 0);
	assert_string_equal(buf.data, "氏名: が");
	assert_int_equal(ng_icu_nfc("\xE3\x81\x8B\xFF", 4, &buf), -1);
	assert_string_equal(buf.data, "氏名: が");
}

int main(void)
{
	setenv("TZ", "Pacific/Honolulu", 1);
	tzset();
	const struct CMUnitTest cal_tests[] = {
	    cmocka_unit_test(test_design_claim),         cmocka_unit_test(test_boundaries),
	    cmocka_unit_test(test_era_fields),           cmocka_unit_test(test_meiji_start_in_icu),
	    cmocka_unit_test(test_zone_independent),     cmocka_unit_test(test_bad_date),
	    cmocka_unit_test(test_era_changes),          cmocka_unit_test(test_gannen),
	    cmocka_unit_test(test_weekdays_across_eras),
	};
	const struct CMUnitTest oracle_tests[] = {
	    cmocka_unit_test(test_matches_udat_every_day),
	    cmocka_unit_test(test_matches_udat_any_year),
	};
	const struct CMUnitTest lb_tests[] = {
	    cmocka_unit_test(test_small_kana_and_choon),
	    cmocka_unit_test(test_kanji_and_punctuation),
	    cmocka_unit_test(test_left_to_layout),
	    cmocka_unit_test(test_offsets_and_reuse),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_phrase_memo),
	};
	const struct CMUnitTest nfc_tests[] = {
	    cmocka_unit_test(test_nfc),
	    cmocka_unit_test(test_nfc_compat_ideographs),
	    cmocka_unit_test(test_nfc_appends_and_fails_cleanly),
	};
	int failed = cmocka_run_group_tests_name("jcal", cal_tests, cal_setup, cal_teardown);
	failed +=
	    cmocka_run_group_tests_name("jcal-oracle", oracle_tests, oracle_setup, oracle_teardown);
	failed += cmocka_run_group_tests_name("linebreak", lb_tests, lb_setup, lb_teardown);
	failed += cmocka_run_group_tests_name("nfc", nfc_tests, NULL, NULL);
	ng_buf_free(&buf);
	return failed;
}
