/* postal.h — the Japan Post customer barcode (カスタマバーコード) for a
 * recipient block: the address number (住所表示番号) taken from a Japanese
 * address by the rules of 日本郵便「郵便番号・バーコードマニュアル」, the 20
 * data characters with their check digit, and the 67 bars in points. The
 * bars come from libzint (BARCODE_JAPANPOST); this module is the only user
 * of zint.h. Errors are return codes (ng_postal_status); the caller turns
 * them into diagnostics (ng_postal_message gives the wording). */
#ifndef NG_POSTAL_H
#define NG_POSTAL_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/util.h"

typedef enum ng_postal_status {
	NG_POSTAL_OK = 0,
	NG_POSTAL_BAD_POSTCODE, /* not 7 digits (「100-0013」, 「〒１００－００１３」 pass) */
	NG_POSTAL_AREA_POSTCODE, /* an area's catch-all code (…00): gets no barcode */
	NG_POSTAL_NO_NUMBER,     /* the address has nothing to encode */
	NG_POSTAL_BAD_UTF8,      /* the address is not valid UTF-8 */
	NG_POSTAL_BAD_SIZE,      /* size outside the manual's 8–11.5 pt */
	NG_POSTAL_ENCODER,       /* libzint refused the data (a bug here) */
	NG_POSTAL_NO_LIBRARY     /* libzint cannot be loaded (dlopen) */
} ng_postal_status;

/* libzint is dlopen()ed on the first barcode; ng_postal_load loads it now
 * (a batch, before it forks) and returns 0, or -1 (a barcode then fails
 * with NG_POSTAL_NO_LIBRARY, whose message names the Debian package). */
int ng_postal_load(void);
const char *ng_postal_library(void); /* its SONAME */

enum {
	NG_POSTAL_POSTCODE_LEN = 7, /* digits of the postcode */
	NG_POSTAL_ADDRESS_LEN = 13, /* characters of the address number, CC4-padded */
	NG_POSTAL_DATA_LEN = 20,    /* postcode + address number */
	NG_POSTAL_BARS = 67         /* start 2 + (20 + check) × 3 + stop 2 */
};

/* Values of the data characters (the manual's check-digit table): digits
 * are themselves, 「-」 is 10, the control codes CC1…CC8 are 11…18. A
 * letter is two characters: CC1 + 0…9 for A–J, CC2 + 0…9 for K–T, CC3 +
 * 0…5 for U–Z. CC4 pads the address number to 13. */
enum { NG_POSTAL_HYPHEN = 10, NG_POSTAL_CC1 = 11, NG_POSTAL_CC4 = 14, NG_POSTAL_CC8 = 18 };

/* The four bar kinds, and a bar: a filled rectangle in points relative to
 * the barcode's top-left corner. */
typedef enum ng_bar_kind {
	NG_BAR_LONG,     /* ロングバー: the full height */
	NG_BAR_ASCENDER, /* セミロングバー, upper: top to the timing bar's bottom */
	NG_BAR_DESCENDER,
	NG_BAR_TIMING /* タイミングバー: the middle third */
} ng_bar_kind;

typedef struct ng_bar {
	double x, y, w, h;
	ng_bar_kind kind;
} ng_bar;

/* The postcode as 7 ASCII digits in out (NUL-terminated). Accepts a
 * leading 〒, blanks, full-width digits and one hyphen of any kind after
 * the third digit. NG_POSTAL_OK or NG_POSTAL_BAD_POSTCODE. */
int ng_postal_postcode(const char *postcode, char out[NG_POSTAL_POSTCODE_LEN + 1]);

/* The address number (住所表示番号) of a Japanese address, appended to out
 * in full (ng_postal_data cuts it to 13 characters): 「霞が関1丁目3番2号
 * 郵便プラザ503室」 → 「1-3-2-503」. Give the address after the town name
 * (住所B) for the manual's exact result; a whole address works too because
 * the prefecture, city and town are dropped as kanji, except for the
 * forms listed in postal.c. NG_POSTAL_OK, NG_POSTAL_NO_NUMBER or
 * NG_POSTAL_BAD_UTF8. */
int ng_postal_address_number(const char *address, ng_buf *out);

/* The 20 data characters (values as above) for a postcode and an address
 * number (ng_postal_address_number's output), cut to 13 characters and
 * padded with CC4 by the manual's rules: a letter whose control code falls
 * on the 13th place keeps only the control code. */
void ng_postal_data(const char postcode[NG_POSTAL_POSTCODE_LEN + 1], const char *number,
                    unsigned char data[NG_POSTAL_DATA_LEN]);

/* The check digit's value: the sum of the 20 characters plus it is a
 * multiple of 19. */
int ng_postal_check_digit(const unsigned char data[NG_POSTAL_DATA_LEN]);

/* The barcode of a postcode and an address (the address number is taken
 * from it) at size_pt points (10 is the manual's standard: bars 3.6 mm
 * long on a 1.2 mm pitch, 0.6 mm wide; 8–11.5 allowed). Fills bars in
 * order from the left. Returns a status; bars are set only on
 * NG_POSTAL_OK. */
int ng_postal_barcode(const char *postcode, const char *address, double size_pt,
                      ng_bar bars[NG_POSTAL_BARS]);

/* Width and height in points of the barcode at size_pt (without the
 * manual's 2 mm quiet zone around it). */
double ng_postal_width(double size_pt);
double ng_postal_height(double size_pt);

/* The quiet zone around the barcode in points (2 mm). */
#define NG_POSTAL_QUIET (2.0 * 72.0 / 25.4)

/* A short English description of a status, for diagnostics. */
const char *ng_postal_message(int status);

#endif
