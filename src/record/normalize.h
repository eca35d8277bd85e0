/* normalize.h — how text from a record is normalised (NFC, half-width
 * katakana to full-width, one wave dash) and how e-mail addresses and
 * phone numbers are folded to ASCII and checked. Internal to src/record. */
#ifndef NG_NORMALIZE_H
#define NG_NORMALIZE_H

#include <stdbool.h>

#include "../util/util.h"

/* The normalised form of s[0..len): half-width katakana (U+FF61–U+FF9F)
 * to full-width, with a following ﾞ or ﾟ joined (ｶﾞ → ガ); 〜 (U+301C) to
 * ～ (U+FF5E); then NFC. Returns s itself when nothing changed, else a copy
 * in a. */
const char *ng_normalize_text(ng_arena *a, const char *s, size_t len);

/* Byte offset in s[0..len) of the first character a letter must not carry
 * (a control other than tab and newline, a bidi mark, embedding, override
 * or isolate, U+FEFF, U+2028/U+2029), with the character in *cp; or
 * (size_t)-1 when there is none. */
size_t ng_text_hidden_at(const char *s, size_t len, uint32_t *cp);

/* s with full-width ASCII forms (Ａ, ＠, ０, －) and, for phone numbers,
 * dash-like characters (ー, −, ‐, –) folded to ASCII, and leading and
 * trailing spaces dropped. Returns s when nothing changed, else a copy in a. */
const char *ng_fold_ascii(ng_arena *a, const char *s, bool phone);

/* 0 when s is an e-mail address (local@domain.tld, ASCII), else -1 with
 * *problem saying why. */
int ng_email_check(const char *s, const char **problem);
/* 0 when s is a phone number: Japanese (0 and 10 or 11 digits) or
 * international (+ and 8 to 15 digits), digits grouped by '-', ' ' or
 * parentheses; else -1 with *problem saying why. */
int ng_phone_check(const char *s, const char **problem);

#endif
