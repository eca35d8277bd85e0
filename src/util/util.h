/* util.h — memory (arena, growable buffers), UTF-8 helpers and file output
 * shared by every module. Out-of-memory is the one fatal path: ng_xmalloc
 * and friends print a message and abort; nothing else in the library exits. */
#ifndef NG_UTIL_H
#define NG_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define NG_PRINTF(a, b)  __attribute__((format(printf, a, b)))
#define NG_FORMAT_ARG(a) __attribute__((format_arg(a)))
#else
#define NG_PRINTF(a, b)
#define NG_FORMAT_ARG(a)
#endif

#define NG_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *ng_xmalloc(size_t n);
void *ng_xcalloc(size_t n, size_t size);
void *ng_xrealloc(void *p, size_t n);
char *ng_xstrdup(const char *s);

/* Arena: many small allocations freed at once. Owned by whoever calls
 * ng_arena_new; everything allocated from it dies with ng_arena_free or
 * ng_arena_reset. */
typedef struct ng_arena ng_arena;
ng_arena *ng_arena_new(void);
void ng_arena_free(ng_arena *a);
void ng_arena_reset(ng_arena *a);
void *ng_alloc(ng_arena *a, size_t n); /* zeroed, aligned for any type */
/* Like ng_alloc, not zeroed (for memory its user fills, as malloc's). */
void *ng_alloc_raw(ng_arena *a, size_t n);
char *ng_strndup(ng_arena *a, const char *s, size_t n);
char *ng_strdup(ng_arena *a, const char *s);
char *ng_aprintf(ng_arena *a, const char *fmt, ...) NG_PRINTF(2, 3);
/* Grows an arena array of n elements of size sz to at least need elements.
 * *cap holds the capacity; returns the (maybe moved) array. */
void *ng_agrow(ng_arena *a, void *arr, size_t sz, size_t *cap, size_t need);
/* Like ng_agrow, the new elements not zeroed (for arrays whose user sets
 * each element it appends). */
void *ng_agrow_raw(ng_arena *a, void *arr, size_t sz, size_t *cap, size_t need);

/* A 64-bit hash of n bytes, continuing from h (any seed). */
uint64_t ng_hash_bytes(uint64_t h, const void *data, size_t n);

/* A set of texts, each under a small tag (textset.c): found by hash and
 * compared whole; grows until max_bytes or max_entries and never evicts
 * (adding then does nothing). NULL is an empty set for has and add. */
typedef struct ng_textset ng_textset;
ng_textset *ng_textset_new(size_t max_bytes, size_t max_entries);
void ng_textset_free(ng_textset *s);
bool ng_textset_has(const ng_textset *s, unsigned tag, const char *text, size_t len);
void ng_textset_add(ng_textset *s, unsigned tag, const char *text, size_t len);
size_t ng_textset_count(const ng_textset *s);

/* Growable byte buffer on the heap; data is always NUL-terminated. */
typedef struct ng_buf {
	char *data;
	size_t len, cap;
} ng_buf;
void ng_buf_add(ng_buf *b, const void *p, size_t n);
void ng_buf_adds(ng_buf *b, const char *s);
/* One byte: inline, as PDF content is written a byte at a time. */
static inline void ng_buf_addc(ng_buf *b, char c)
{
	if (b->len + 2 <= b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	} else {
		ng_buf_add(b, &c, 1);
	}
}
void ng_buf_printf(ng_buf *b, const char *fmt, ...) NG_PRINTF(2, 3);
/* v in decimal, as "%ld" writes it (without printf's parsing: dates are
 * written a number at a time in every letter). */
void ng_buf_int(ng_buf *b, long v);
void ng_buf_vprintf(ng_buf *b, const char *fmt, va_list ap);
void ng_buf_reset(ng_buf *b);
/* Appends s as a JSON string ("…" with \\, \" and control characters
 * escaped), or null when s is NULL. */
void ng_buf_json(ng_buf *b, const char *s);
/* Appends s as one CSV cell for a spreadsheet: quoted, quotes doubled, and
 * a value a spreadsheet would run as a formula (starting with = + - @, a
 * tab or a carriage return) prefixed with an apostrophe, as OWASP advises
 * for CSV files opened in spreadsheets ("CSV injection"). NULL: "". */
void ng_buf_csv_cell(ng_buf *b, const char *s);
/* The same, written to a stream. */
void ng_fput_json(FILE *out, const char *s);
void ng_buf_free(ng_buf *b);

/* UTF-8. ng_utf8_decode reads one code point from s (at most len bytes),
 * stores it in *cp and returns the bytes used, or 0 for an invalid or
 * truncated sequence (overlong forms and surrogates are invalid). */
size_t ng_utf8_decode_any(const char *s, size_t len, uint32_t *cp);
/* Inline for ASCII and the three-byte characters (kana, kanji, Japanese
 * punctuation: nearly every character of a letter), which every module
 * decodes: the call was 7 % of a cold letter's instructions. */
static inline size_t ng_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len && u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (len >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		uint32_t c3 =
		    (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
		if (c3 >= 0x800 && (c3 < 0xD800 || c3 > 0xDFFF)) {
			*cp = c3;
			return 3;
		}
	}
	return ng_utf8_decode_any(s, len, cp);
}
size_t ng_utf8_encode(uint32_t cp, char out[4]);
/* Whether cp is a variation selector: VS1-16 (U+FE00-FE0F) or VS17-256
 * (U+E0100-E01EF, the ideographic variation sequences of names). */
static inline bool ng_is_vs(uint32_t cp)
{
	return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}
/* The start of the code point that ends at s + end (end > 0): steps back
 * over continuation bytes. */
static inline size_t ng_utf8_back(const char *s, size_t end)
{
	size_t i = end - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}
/* The variation selector at s (n bytes), if one is there: its length, or 0. */
size_t ng_utf8_vs_at(const char *s, size_t n, uint32_t *vs);
/* Whether the bytes at s (n of them) may start a variation selector:
 * U+FE00-FE0F is EF B8 8x, U+E0100-E01EF is F3 A0 84-87 xx. Full-width
 * forms (EF BC…, EF BD…) are common in Japanese and fail at once. */
static inline bool ng_utf8_vs_lead(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	return n >= 3 && ((u[0] == 0xEF && u[1] == 0xB8) || (u[0] == 0xF3 && u[1] == 0xA0));
}
/* One character as drawn: a code point and the variation selector that
 * follows it (*vs = 0 when none), so that 辻 + U+E0100 stays one glyph.
 * Returns the bytes used, or 0 as ng_utf8_decode. Inline: every drawn
 * character passes here, and ng_utf8_vs_lead is the one test an ordinary
 * character pays. */
static inline size_t ng_utf8_unit(const char *s, size_t len, uint32_t *cp, uint32_t *vs)
{
	size_t n = ng_utf8_decode(s, len, cp);
	*vs = 0;
	if (n && ng_utf8_vs_lead(s + n, len - n) && !ng_is_vs(*cp))
		n += ng_utf8_vs_at(s + n, len - n, vs);
	return n;
}
/* Byte offset of the first invalid sequence, or (size_t)-1 when valid. */
size_t ng_utf8_invalid_at(const char *s, size_t len);
/* Number of code points. */
size_t ng_utf8_count(const char *s, size_t len);

/* Reads a whole file (NUL-terminated). Returns 0, or an errno value. */
int ng_read_file(const char *path, size_t cap, char **data, size_t *len);
/* Writes data to path atomically: a temporary file in the same folder,
 * fsync, rename. mode is the new file's permission bits. Returns 0 or an
 * errno value; on failure nothing is left behind. */
int ng_write_file_atomic(const char *path, const void *data, size_t len, unsigned mode);

/* Why path may not be written as an output file: NULL when it does not
 * exist or is a regular file, else "is a symbolic link" or "is not a
 * regular file" (a device such as /dev/full, a FIFO, a socket, a
 * directory) — replacing such a path would replace what it is, or write
 * a letter where nobody expects it. */
const char *ng_output_problem(const char *path);

/* Directory holding templates/, fonts/ and data/: $NOTICE_GEN_HOME, else
 * share/notice-gen beside the installed program or library (home.c). */
const char *ng_home_dir(void);
/* Where the message catalogues are: $NOTICE_GEN_LOCALEDIR, else
 * share/locale beside share/notice-gen (the build folder's locale/ for a
 * program built there). */
const char *ng_locale_dir(void);

#define NG_TEXTDOMAIN "notice-gen"
/* The message msgid in the language the program chose (setlocale), as
 * UTF-8; msgid itself when there is no translation (i18n.c). */
const char *ng_tr(const char *msgid) NG_FORMAT_ARG(1);
/* A system error (errno) in the program's language: the common ones are
 * in the catalogue, others as strerror gives them (i18n.c). */
const char *ng_strerror(int err);
/* Marks a string for extraction (scripts/po-update) without looking it up. */
#define N_(s) s

#endif
