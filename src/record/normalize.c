/* normalize.c — text normalisation applied to every string read from a
 * record: half-width katakana to full-width (a letter never prints ｶﾀｶﾅ),
 * one wave dash (～, what CP932 input produces), NFC through src/icu. */
#include "normalize.h"

#include <string.h>

#include "../icu/icu.h"

#define WAVE_DASH       0x301Cu /* 〜 */
#define FULLWIDTH_TILDE 0xFF5Eu /* ～ */
#define HW_DAKUTEN      0xFF9Eu /* ﾞ */
#define HW_HANDAKUTEN   0xFF9Fu /* ﾟ */

/* Full-width forms of U+FF61..U+FF9F, in order. */
static const uint16_t kana_full[] = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9,
    0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB,
    0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1,
    0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5,
    0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9,
    0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, 0x309B, 0x309C,
};

/* カ行・サ行・タ行 (full-width) take ゛ as the next code point. */
static bool takes_dakuten(uint32_t cp)
{
	if (cp >= 0x30AB && cp <= 0x30C2)
		return (cp - 0x30AB) % 2 == 0;
	return cp == 0x30C4 || cp == 0x30C6 || cp == 0x30C8;
}

/* ハ行 take ゛ as +1 and ゜ as +2. */
static bool is_ha_row(uint32_t cp)
{
	return cp >= 0x30CF && cp <= 0x30DB && (cp - 0x30CF) % 3 == 0;
}

/* The full-width form of half-width kana cp; s (n bytes left) follows it.
 * A sound mark there is joined and its bytes added to *used. */
static uint32_t widen_kana(uint32_t cp, const char *s, size_t n, size_t *used)
{
	uint32_t full = kana_full[cp - 0xFF61], mark = 0;
	size_t k = ng_utf8_decode(s, n, &mark);
	uint32_t joined = 0;
	if (k && mark == HW_DAKUTEN && full == 0x30A6) /* ｳﾞ → ヴ */
		joined = 0x30F4;
	else if (k && mark == HW_DAKUTEN && (takes_dakuten(full) || is_ha_row(full)))
		joined = full + 1;
	else if (k && mark == HW_HANDAKUTEN && is_ha_row(full))
		joined = full + 2;
	if (!joined)
		return full;
	*used += k;
	return joined;
}

/* Widens kana and unifies the wave dash into out; returns whether anything
 * changed. */
static bool map_chars(const char *s, size_t len, ng_buf *out)
{
	bool changed = false;
	for (size_t i = 0; i < len;) {
		uint32_t cp = 0;
		size_t n = ng_utf8_decode(s + i, len - i, &cp);
		if (!n) { /* invalid input is reported elsewhere; copy as is */
			ng_buf_addc(out, s[i++]);
			continue;
		}
		i += n;
		if (cp >= 0xFF61 && cp <= 0xFF9F) {
			size_t extra = 0;
			cp = widen_kana(cp, s + i, len - i, &extra);
			i += extra;
			changed = true;
		} else if (cp == WAVE_DASH) {
			cp = FULLWIDTH_TILDE;
			changed = true;
		}
		char enc[4];
		ng_buf_add(out, enc, ng_utf8_encode(cp, enc));
	}
	return changed;
}

/* Whether s may hold a character map_chars changes: half-width kana
 * (U+FF61-FF9F: EF BD A1-BF, EF BE 80-9F) or the wave dash (U+301C: E3 80
 * 9C). A byte test, so that text without one (nearly all) is not copied
 * character by character. */
static bool may_map(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i + 2 < len; i++)
		if ((u[i] == 0xEF && (u[i + 1] == 0xBD || u[i + 1] == 0xBE)) ||
		    (u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x9C))
			return true;
	return false;
}

const char *ng_normalize_text(ng_arena *a, const char *s, size_t len)
{
	ng_buf mapped = {0}, nfc = {0};
	bool changed = may_map(s, len) && map_chars(s, len, &mapped);
	const char *res = s, *in = changed ? mapped.data : s;
	size_t inlen = changed ? mapped.len : len;
	if (ng_icu_nfc(in ? in : "", inlen, &nfc) == 0 &&
	    (changed || nfc.len != len || memcmp(nfc.data, s, len) != 0))
		res = ng_strndup(a, nfc.data, nfc.len);
	ng_buf_free(&mapped);
	ng_buf_free(&nfc);
	return res;
}

/* Characters no letter needs and that make text read other than it is
 * stored: controls (but tab and newline), direction marks, embeddings,
 * overrides and isolates (a name shown reversed, the "Trojan Source"
 * trick), U+FEFF inside text, and the Unicode line and paragraph
 * separators. */
static bool hidden(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp < 0xA0) ||
	       cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x2028 || cp == 0x2029;
}

size_t ng_text_hidden_at(const char *s, size_t len, uint32_t *cp)
{
	for (size_t i = 0; i < len;) {
		size_t n = ng_utf8_decode(s + i, len - i, cp);
		if (!n)
			return (size_t)-1; /* invalid UTF-8 is reported by the reader */
		if (hidden(*cp))
			return i;
		i += n;
	}
	return (size_t)-1;
}
