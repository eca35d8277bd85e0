/* barcode.c — the customer barcode's data characters, check digit and
 * bars. libzint (BARCODE_JAPANPOST) encodes postcode + address number into
 * its 67 four-state bars; we read which bars reach up and which down from
 * its module rows and draw them at the manual's dimensions (zint's own
 * vector output uses rows of 3/2/3 modules, not the manual's 6/2/… units).
 * Every symbol zint returns is checked against the manual's bar table
 * below, and the one case zint cannot take (a letter cut in half at the
 * 13th place, where the manual keeps only its control code) is drawn from
 * that table. The only file that includes zint.h.
 *
 * libzint is not linked but dlopen()ed on first use, as src/crypt/qpdf.c
 * does libqpdf: most letters draw no barcode, and linked it cost every
 * run's start-up ~0.17 M instructions (issue 18). A batch loads it
 * (ng_postal_load) before its workers fork. */
#include <stdio.h>
#include <string.h>
#include <zint.h>

#include "../util/dl.h"
#include "postal.h"

/* ---- loading libzint */

#define ZINT_FUNCTIONS(X)                                                                          \
	X(ZBarcode_Create)                                                                         \
	X(ZBarcode_Encode)                                                                         \
	X(ZBarcode_Delete)

/* Typed from <zint.h>, so every call through zn is checked. */
static struct {
#define X(f) __typeof__(&f) f;
	ZINT_FUNCTIONS(X)
#undef X
} zn;

/* Loaded once per process: a batch loads before it forks; layout runs on
 * the main thread only. load_why: the failure as one line, for the warning. */
static ng_dl zint_lib = {.soname = NG_ZINT_SONAME};
static const ng_dl_symbol zint_symbols[] = {
#define X(f) {#f, &zn.f},
    ZINT_FUNCTIONS(X)
#undef X
};
static char load_why[sizeof zint_lib.error + 128];

int ng_postal_load(void)
{
	if (ng_dl_load(&zint_lib, zint_symbols, NG_ARRAY_LEN(zint_symbols)) == 0)
		return 0;
	if (!load_why[0])
		snprintf(load_why, sizeof load_why,
		         "cannot load %s: %s (install the Debian package %s)", NG_ZINT_SONAME,
		         zint_lib.error, NG_ZINT_PACKAGE[0] ? NG_ZINT_PACKAGE : "libzint");
	return -1;
}

const char *ng_postal_library(void)
{
	return NG_ZINT_SONAME;
}

/* Bars of each data character, by value (0–9, 「-」, CC1–CC8), from the
 * manual's code table: L long, A ascender, D descender, T timing. */
static const char patterns[19][4] = {"LTT", "LLT", "LDA", "DLA", "LAD", "LTL", "DAL",
                                     "ALD", "ADL", "TLL", "TLT", "DAT", "DTA", "ADT",
                                     "TDA", "ATD", "TAD", "TTL", "LLL"};
static const char start_bars[] = "LD", stop_bars[] = "DL";

static ng_bar_kind kind_of(char c)
{
	switch (c) {
	case 'L':
		return NG_BAR_LONG;
	case 'A':
		return NG_BAR_ASCENDER;
	case 'D':
		return NG_BAR_DESCENDER;
	default:
		return NG_BAR_TIMING;
	}
}

/* Bar geometry at 10 pt in mm: top and height of each kind; pitch and
 * width. The manual scales all of it by size/10. */
static const struct {
	double top, height;
} geometry[] = {
    [NG_BAR_LONG] = {0, 3.6},
    [NG_BAR_ASCENDER] = {0, 2.4},
    [NG_BAR_DESCENDER] = {1.2, 2.4},
    [NG_BAR_TIMING] = {1.2, 1.2},
};
#define PITCH_MM 1.2
#define WIDTH_MM 0.6
#define LONG_MM  3.6

static double unit(double size_pt)
{
	return 72.0 / 25.4 * size_pt / 10.0;
}

double ng_postal_width(double size_pt)
{
	return ((NG_POSTAL_BARS - 1) * PITCH_MM + WIDTH_MM) * unit(size_pt);
}

double ng_postal_height(double size_pt)
{
	return LONG_MM * unit(size_pt);
}

int ng_postal_postcode(const char *postcode, char out[NG_POSTAL_POSTCODE_LEN + 1])
{
	size_t k = 0, len = strlen(postcode);
	bool hyphen = false;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t n = ng_utf8_decode(postcode + i, len - i, &c);
		if (!n)
			return NG_POSTAL_BAD_POSTCODE;
		i += n;
		if (c >= 0xFF10 && c <= 0xFF19)
			c -= 0xFEE0;
		if (c >= '0' && c <= '9' && k < NG_POSTAL_POSTCODE_LEN)
			out[k++] = (char)c;
		else if (k == 3 && !hyphen &&
		         (c == '-' || c == 0xFF0D || c == 0x2010 || c == 0x2212 || c == 0x30FC))
			hyphen = true;
		else if (!(k == 0 && (c == 0x3012 || c == ' ' || c == 0x3000)) &&
		         !(k == NG_POSTAL_POSTCODE_LEN && (c == ' ' || c == 0x3000)))
			return NG_POSTAL_BAD_POSTCODE; /* 〒 and blanks only around it */
	}
	out[k] = '\0';
	return k == NG_POSTAL_POSTCODE_LEN ? NG_POSTAL_OK : NG_POSTAL_BAD_POSTCODE;
}

/* Fills data from the postcode and the address number; the text libzint
 * takes (postcode, then the characters that fit whole) goes to zin.
 * Returns true when a letter was cut after its control code. */
static bool fill(const char *postcode, const char *number, unsigned char *data, char *zin)
{
	size_t k = 0, z = 0;
	bool cut = false;
	for (; k < NG_POSTAL_POSTCODE_LEN; k++)
		data[k] = (unsigned char)(postcode[k] - '0');
	memcpy(zin, postcode, NG_POSTAL_POSTCODE_LEN);
	z = NG_POSTAL_POSTCODE_LEN;
	for (const char *p = number; *p && k < NG_POSTAL_DATA_LEN; p++) {
		if (*p >= 'A' && *p <= 'Z') {
			int i = *p - 'A';
			data[k++] = (unsigned char)(NG_POSTAL_CC1 + i / 10);
			if (k == NG_POSTAL_DATA_LEN) {
				cut = true;
				break;
			}
			data[k++] = (unsigned char)(i % 10);
		} else
			data[k++] = *p == '-' ? NG_POSTAL_HYPHEN : (unsigned char)(*p - '0');
		zin[z++] = *p;
	}
	while (k < NG_POSTAL_DATA_LEN)
		data[k++] = NG_POSTAL_CC4;
	zin[z] = '\0';
	return cut;
}

void ng_postal_data(const char postcode[NG_POSTAL_POSTCODE_LEN + 1], const char *number,
                    unsigned char data[NG_POSTAL_DATA_LEN])
{
	char zin[NG_POSTAL_DATA_LEN + 1];
	fill(postcode, number, data, zin);
}

int ng_postal_check_digit(const unsigned char data[NG_POSTAL_DATA_LEN])
{
	int sum = 0;
	for (size_t i = 0; i < NG_POSTAL_DATA_LEN; i++)
		sum += data[i];
	return (19 - sum % 19) % 19;
}

/* A module of zint's symbol: row r, column c. */
static bool module(const struct zint_symbol *s, int r, int c)
{
	return (s->encoded_data[r][c / 8] >> (c % 8)) & 1;
}

/* zint's symbol for zin as bar kinds; rows are ascender, tracker and
 * descender, bars on even columns. */
static int zint_bars(const char *zin, ng_bar_kind kinds[NG_POSTAL_BARS])
{
	if (ng_postal_load() != 0)
		return NG_POSTAL_NO_LIBRARY;
	struct zint_symbol *s = zn.ZBarcode_Create();
	if (!s)
		return NG_POSTAL_ENCODER;
	s->symbology = BARCODE_JAPANPOST;
	int rc = zn.ZBarcode_Encode(s, (const unsigned char *)zin, (int)strlen(zin));
	int st = rc >= ZINT_ERROR || s->rows != 3 || s->width != 2 * NG_POSTAL_BARS - 1
	             ? NG_POSTAL_ENCODER
	             : NG_POSTAL_OK;
	for (int b = 0; b < NG_POSTAL_BARS && st == NG_POSTAL_OK; b++) {
		bool up = module(s, 0, 2 * b), down = module(s, 2, 2 * b);
		kinds[b] = up && down ? NG_BAR_LONG
		           : up       ? NG_BAR_ASCENDER
		           : down     ? NG_BAR_DESCENDER
		                      : NG_BAR_TIMING;
	}
	zn.ZBarcode_Delete(s);
	return st;
}

/* Sets the three bars of character i (0–19 data, 20 the check digit). */
static void set_char(ng_bar_kind kinds[NG_POSTAL_BARS], size_t i, int value)
{
	for (size_t j = 0; j < 3; j++)
		kinds[2 + 3 * i + j] = kind_of(patterns[value][j]);
}

/* The bars the manual's table gives for the data, start and stop. */
static void expected(const unsigned char *data, ng_bar_kind kinds[NG_POSTAL_BARS])
{
	for (size_t j = 0; j < 2; j++) {
		kinds[j] = kind_of(start_bars[j]);
		kinds[NG_POSTAL_BARS - 2 + j] = kind_of(stop_bars[j]);
	}
	for (size_t i = 0; i < NG_POSTAL_DATA_LEN; i++)
		set_char(kinds, i, data[i]);
	set_char(kinds, NG_POSTAL_DATA_LEN, ng_postal_check_digit(data));
}

static void draw(const ng_bar_kind kinds[NG_POSTAL_BARS], double size_pt,
                 ng_bar bars[NG_POSTAL_BARS])
{
	double u = unit(size_pt);
	for (size_t b = 0; b < NG_POSTAL_BARS; b++)
		bars[b] = (ng_bar){(double)b * PITCH_MM * u, geometry[kinds[b]].top * u,
		                   WIDTH_MM * u, geometry[kinds[b]].height * u, kinds[b]};
}

/* Bars for the data: zint's, which must agree with the table; when a
 * letter was cut, zint saw CC4 in its place and the table draws the rest. */
static int encode(const unsigned char *data, const char *zin, bool cut,
                  ng_bar_kind kinds[NG_POSTAL_BARS])
{
	ng_bar_kind want[NG_POSTAL_BARS];
	expected(data, want);
	int st = zint_bars(zin, kinds);
	if (st != NG_POSTAL_OK)
		return st;
	size_t last = cut ? 2 + 3 * (NG_POSTAL_DATA_LEN - 1) : NG_POSTAL_BARS;
	if (memcmp(kinds, want, last * sizeof *kinds) != 0)
		return NG_POSTAL_ENCODER;
	memcpy(kinds, want, sizeof want);
	return NG_POSTAL_OK;
}

int ng_postal_barcode(const char *postcode, const char *address, double size_pt,
                      ng_bar bars[NG_POSTAL_BARS])
{
	char pc[NG_POSTAL_POSTCODE_LEN + 1];
	int st = ng_postal_postcode(postcode, pc);
	if (st != NG_POSTAL_OK)
		return st;
	/* The manual (p. 18): an area's catch-all code gets no barcode. */
	if (pc[5] == '0' && pc[6] == '0')
		return NG_POSTAL_AREA_POSTCODE;
	if (!(size_pt >= 8 && size_pt <= 11.5))
		return NG_POSTAL_BAD_SIZE;
	ng_buf num = {0};
	st = ng_postal_address_number(address, &num);
	if (st == NG_POSTAL_OK) {
		unsigned char data[NG_POSTAL_DATA_LEN];
		char zin[NG_POSTAL_DATA_LEN + 1];
		bool cut = fill(pc, num.data, data, zin);
		ng_bar_kind kinds[NG_POSTAL_BARS];
		st = encode(data, zin, cut, kinds);
		if (st == NG_POSTAL_OK)
			draw(kinds, size_pt, bars);
	}
	ng_buf_free(&num);
	return st;
}

const char *ng_postal_message(int status)
{
	static const char *const messages[] = {
	    [NG_POSTAL_OK] = "ok",
	    [NG_POSTAL_BAD_POSTCODE] = N_("the postcode must be 7 digits (100-0013)"),
	    [NG_POSTAL_AREA_POSTCODE] =
	        N_("an area's catch-all postcode (ending in 00) gets no customer barcode"),
	    [NG_POSTAL_NO_NUMBER] =
	        N_("the address has no number (番地, 号) for the customer barcode"),
	    [NG_POSTAL_BAD_UTF8] = N_("the address is not valid UTF-8"),
	    [NG_POSTAL_BAD_SIZE] = N_("the barcode size must be 8 to 11.5 points"),
	    [NG_POSTAL_ENCODER] = N_("libzint could not encode the customer barcode"),
	};
	if (status == NG_POSTAL_NO_LIBRARY) /* the loader's words, with the package */
		return load_why;
	if (status < 0 || (size_t)status >= NG_ARRAY_LEN(messages))
		return "unknown";
	return messages[status];
}
