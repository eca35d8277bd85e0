/* address.c — the address number (住所表示番号) of a Japanese address, by
 * 日本郵便「郵便番号・バーコードマニュアル」 (抜き出しの基本ルール and 補足ルール):
 *
 *   basic 1  letters to upper case;
 *   basic 2  「&」「/」「・」「.」 removed, the rest closing up;
 *   basic 3  digits, hyphens and single letters (not next to another
 *            letter) are kept;
 *   basic 4  whatever stands before a kept character (kanji, kana, kanji
 *            numerals, blanks, runs of two or more letters) becomes one
 *            hyphen;
 *   basic 5  hyphens in a row become one; basic 6: none at the start;
 *   supp. 1  kanji numerals before 丁目 丁 番地 番 号 地割 線 の ノ become
 *            digits (「三丁目五番地」 → 3-5);
 *   supp.    「F」 after a digit means a floor (「ビル2F」) and is dropped
 *            like 階 (the manual's 「ABCビル2F」 → …-2);
 *   supp. 4  a hyphen next to a letter is removed (「3-20-5-B604」 →
 *            「3-20-5B604」).
 *
 * Our additions, as input normalisation the manual leaves to the reader:
 * full-width letters and digits fold to ASCII; every hyphen-like mark
 * (‐ ‑ ‒ – — ― − － ー ｰ ─) counts as 「-」; a trailing hyphen is dropped
 * (「2F」 leaves nothing after it); 壱 弐 参 拾 are numerals too.
 *
 * The manual applies the rules to the address after the town name (住所B),
 * found with its postcode dictionary, which we do not have. A whole
 * address mostly works because prefecture, city and town are kanji; these
 * forms of town names would otherwise leak digits and are kept as names:
 * a kanji numeral before 番町/番丁 (二番町), before 丁 not followed by a
 * number (八丁堀), before の/ノ not followed by a number (一ノ割, 三ノ輪),
 * and digits before 条 (Hokkaido's 「南1条西」: the 条 belongs to the town).
 * Not handled: a town name with digits in any other form, and a kanji
 * numeral after の (「五番地の三」 gives 「5」, as the manual's rule 1 reads;
 * write 「5番地の3」). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postal.h"

/* Code points of the address being worked on. */
typedef struct cps {
	uint32_t *v;
	size_t n, cap;
} cps;

static void push(cps *s, uint32_t c)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = ng_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = c;
}

/* Marks read as 「-」. */
static const uint32_t hyphens[] = {0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015,
                                   0x2212, 0x30FC, 0xFF70, 0x2500, 0xFE63};
/* Removed by basic rule 2 (after folding: & / . and both middle dots). */
static const uint32_t removed[] = {'&', '/', '.', 0x30FB, 0xFF65};

static bool in(const uint32_t *set, size_t n, uint32_t c)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == c)
			return true;
	return false;
}

static uint32_t fold(uint32_t c)
{
	if (c >= 0xFF01 && c <= 0xFF5E) /* full-width ASCII */
		c -= 0xFEE0;
	if (c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	if (in(hyphens, NG_ARRAY_LEN(hyphens), c))
		return '-';
	return c;
}

/* Decodes, folds and drops basic rule 2's marks. -1 on invalid UTF-8. */
static int load(const char *s, cps *out)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t k = ng_utf8_decode(s + i, len - i, &c);
		if (!k)
			return -1;
		i += k;
		c = fold(c);
		if (!in(removed, NG_ARRAY_LEN(removed), c))
			push(out, c);
	}
	return 0;
}

/* ---- kanji numerals (supplementary rule 1) */

static const struct numeral {
	uint32_t cp;
	int value;
	bool unit; /* 十 百 千: multiplies what precedes it */
} numerals[] = {
    {0x3007, 0, false},   /* 〇 */
    {0x96F6, 0, false},   /* 零 */
    {0x4E00, 1, false},   /* 一 */
    {0x58F1, 1, false},   /* 壱 */
    {0x4E8C, 2, false},   /* 二 */
    {0x5F10, 2, false},   /* 弐 */
    {0x4E09, 3, false},   /* 三 */
    {0x53C2, 3, false},   /* 参 */
    {0x56DB, 4, false},   /* 四 */
    {0x4E94, 5, false},   /* 五 */
    {0x516D, 6, false},   /* 六 */
    {0x4E03, 7, false},   /* 七 */
    {0x516B, 8, false},   /* 八 */
    {0x4E5D, 9, false},   /* 九 */
    {0x5341, 10, true},   /* 十 */
    {0x62FE, 10, true},   /* 拾 */
    {0x767E, 100, true},  /* 百 */
    {0x5343, 1000, true}, /* 千 */
};

static const struct numeral *numeral(uint32_t c)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(numerals); i++)
		if (numerals[i].cp == c)
			return &numerals[i];
	return NULL;
}

static bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static bool is_letter(uint32_t c)
{
	return c >= 'A' && c <= 'Z';
}

/* What may follow a marker for the numeral before it to be a number. */
typedef enum follow {
	F_ANY,           /* 丁目 番地 地割 号 線 */
	F_NUMBER_OR_GAP, /* 丁: not 八丁堀 */
	F_NUMBER,        /* の ノ: 五の三, not 一ノ割 */
	F_NOT_TOWN       /* 番: not 二番町, 一番丁 */
} follow;

/* Longer markers first: 丁目 before 丁, 番地 before 番. */
static const struct marker {
	uint32_t cp[2]; /* one or two characters; 0 ends */
	follow after;
} markers[] = {
    {{0x4E01, 0x76EE}, F_ANY},      /* 丁目 */
    {{0x756A, 0x5730}, F_ANY},      /* 番地 */
    {{0x5730, 0x5272}, F_ANY},      /* 地割 */
    {{0x53F7, 0}, F_ANY},           /* 号 */
    {{0x7DDA, 0}, F_ANY},           /* 線 */
    {{0x4E01, 0}, F_NUMBER_OR_GAP}, /* 丁 */
    {{0x756A, 0}, F_NOT_TOWN},      /* 番 */
    {{0x306E, 0}, F_NUMBER},        /* の */
    {{0x30CE, 0}, F_NUMBER},        /* ノ */
};

#define CP_MACHI 0x753A /* 町 */
#define CP_CHO   0x4E01 /* 丁 */
#define CP_JO    0x6761 /* 条 */

static bool number_at(const cps *s, size_t j)
{
	return j < s->n && (is_digit(s->v[j]) || numeral(s->v[j]));
}

static bool follows(const cps *s, size_t j, follow f)
{
	switch (f) {
	case F_ANY:
		return true;
	case F_NUMBER_OR_GAP:
		return j == s->n || number_at(s, j) || s->v[j] == ' ' || s->v[j] == '-';
	case F_NUMBER:
		return number_at(s, j);
	case F_NOT_TOWN:
		return j == s->n || (s->v[j] != CP_MACHI && s->v[j] != CP_CHO);
	}
	return false;
}

/* Whether a marker used as one starts at i. */
static bool marker_at(const cps *s, size_t i)
{
	for (size_t m = 0; m < NG_ARRAY_LEN(markers); m++) {
		size_t len = markers[m].cp[1] ? 2 : 1;
		if (i + len > s->n || s->v[i] != markers[m].cp[0] ||
		    (len == 2 && s->v[i + 1] != markers[m].cp[1]))
			continue;
		return follows(s, i + len, markers[m].after);
	}
	return false;
}

/* The value of kanji numerals v[0, n): with 十 百 千 as units (二十四 →
 * 24, 百五 → 105), else digit by digit (一〇三 → 103). */
static void kanji_value(const uint32_t *v, size_t n, char *out, size_t cap)
{
	bool units = false;
	for (size_t i = 0; i < n; i++)
		units |= numeral(v[i])->unit;
	if (!units) {
		size_t k = 0;
		for (size_t i = 0; i < n && k + 1 < cap; i++)
			out[k++] = (char)('0' + numeral(v[i])->value);
		out[k] = '\0';
		return;
	}
	long total = 0, cur = -1;
	for (size_t i = 0; i < n; i++) {
		const struct numeral *u = numeral(v[i]);
		if (u->unit) {
			total += (cur < 0 ? 1 : cur) * u->value;
			cur = -1;
		} else
			cur = (cur < 0 ? 0 : cur * 10) + u->value;
	}
	snprintf(out, cap, "%ld", total + (cur < 0 ? 0 : cur));
}

/* Supplementary rule 1: numeral runs before a marker become digits. */
static void convert_numerals(const cps *in, cps *out)
{
	for (size_t i = 0; i < in->n;) {
		size_t j = i;
		while (j < in->n && numeral(in->v[j]))
			j++;
		if (j == i) {
			push(out, in->v[i++]);
			continue;
		}
		if (marker_at(in, j)) {
			char digits[24];
			kanji_value(in->v + i, j - i, digits, sizeof digits);
			for (const char *p = digits; *p; p++)
				push(out, (uint32_t)*p);
		} else
			for (size_t k = i; k < j; k++)
				push(out, in->v[k]);
		i = j;
	}
}

/* ---- extraction (basic rules 3–6) */

typedef enum kind { K_KEEP, K_SEP } kind;

/* A digit run before 条 belongs to the town (南1条西). */
static bool town_jo(const cps *s, size_t i)
{
	size_t j = i;
	while (j < s->n && is_digit(s->v[j]))
		j++;
	return j < s->n && s->v[j] == CP_JO;
}

static kind classify(const cps *s, size_t i)
{
	uint32_t c = s->v[i];
	if (is_digit(c)) {
		size_t a = i;
		while (a > 0 && is_digit(s->v[a - 1]))
			a--;
		return town_jo(s, a) ? K_SEP : K_KEEP;
	}
	if (!is_letter(c))
		return K_SEP; /* 「-」 too: it joins with the separators around it */
	bool before = i > 0 && is_letter(s->v[i - 1]);
	bool after = i + 1 < s->n && is_letter(s->v[i + 1]);
	if (before || after)
		return K_SEP;
	if (c == 'F' && i > 0 && is_digit(s->v[i - 1]))
		return K_SEP; /* 2F: the floor */
	return K_KEEP;
}

/* Basic rules 3–6 into out (NUL-terminated; room for 2 × s->n + 1). */
static size_t extract(const cps *s, char *out)
{
	size_t k = 0;
	bool sep = false;
	for (size_t i = 0; i < s->n; i++) {
		if (classify(s, i) == K_SEP) {
			sep = true;
			continue;
		}
		if (sep && k > 0)
			out[k++] = '-';
		sep = false;
		out[k++] = (char)s->v[i];
	}
	out[k] = '\0';
	return k;
}

/* Supplementary rule 4: no hyphen next to a letter. */
static void join_letters(char *s)
{
	size_t k = 0;
	for (size_t i = 0; s[i]; i++) {
		bool next_letter = s[i + 1] >= 'A' && s[i + 1] <= 'Z';
		bool prev_letter = k > 0 && s[k - 1] >= 'A' && s[k - 1] <= 'Z';
		if (s[i] == '-' && (next_letter || prev_letter))
			continue;
		s[k++] = s[i];
	}
	s[k] = '\0';
}

int ng_postal_address_number(const char *address, ng_buf *out)
{
	cps raw = {0}, conv = {0};
	int st = NG_POSTAL_OK;
	if (load(address, &raw) != 0)
		st = NG_POSTAL_BAD_UTF8;
	else {
		convert_numerals(&raw, &conv);
		char *s = ng_xmalloc(2 * conv.n + 1);
		extract(&conv, s);
		join_letters(s);
		if (!*s)
			st = NG_POSTAL_NO_NUMBER;
		ng_buf_adds(out, s);
		free(s);
	}
	free(raw.v);
	free(conv.v);
	return st;
}
