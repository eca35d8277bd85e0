/* fuzz_dates.c — libFuzzer target: any bytes as a date specification and as
 * prose with {{…}} references. A specification that parses is written in
 * every style under options chosen by the first byte (calendar, order,
 * weekday, time style, year, fullend, day/clock) and a letter date from the
 * second; the formatter must not fail on a parsed date from 1873 on, and a
 * failure must leave its buffer as it was. The same bytes as a typed count
 * (約1.2万件, 100～200件): one that reads is worded, and its deciding number
 * is never below its count unless 未満 says so. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "era/era.h"
#include "record/record.h"

static ng_era *era;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[256];
	era = ng_era_new(err, sizeof err);
	if (!era)
		abort();
	return 0;
}

static void options(uint8_t k, ng_dateopts *o)
{
	*o = NG_DATEOPTS_EVENT;
	o->calendar = (signed char)(k % 4) - 1;
	o->seireki_first = (signed char)((k >> 2) % 3) - 1;
	o->weekday = (signed char)((k >> 4) % 3) - 1;
	o->time = (signed char)((k >> 6) % 4) - 1;
	o->year = k & 1 ? 1 : -1;
	o->full_end = k & 2 ? 1 : -1;
	o->next_day = k & 8 ? 1 : -1;
	o->show = (ng_show)(k % 3);
	o->event = k & 4;
}

static void format_all(const ng_when *w, uint8_t k, uint8_t l)
{
	ng_datefmt f = {.calendar = (ng_calendar)(l % 3),
	                .seireki_first = l & 4,
	                .weekday = (ng_wdmode)((l >> 3) % 3),
	                .time = (ng_timestyle)((l >> 5) % 3),
	                .letter = {2019 + (l % 8), 1 + (l % 12), 1 + (l % 28)}};
	ng_era_set_letter(era, &f);
	ng_dateopts o;
	options(k, &o);
	ng_buf b = {0};
	for (int st = NG_DATE_LONG; st <= NG_DATE_TIME; st++) {
		ng_buf_reset(&b);
		ng_buf_adds(&b, "x");
		if (ng_era_format(era, w, (ng_datestyle)st, &o, &b) != 0 &&
		    (b.len != 1 || strcmp(b.data, "x") != 0))
			abort(); /* a failure must leave the buffer as it was */
	}
	ng_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	uint8_t k = data[0], l = data[1];
	const char *s = (const char *)data + 2;
	size_t n = size - 2;
	ng_when w;
	size_t at;
	const char *err;
	if (ng_when_parse(s, n, &w, &at, &err) == 0)
		format_all(&w, k, l);
	else if (at > n || !err)
		abort();
	/* The same bytes as a count. */
	ng_arena *a = ng_arena_new();
	ng_affected c;
	if (ng_count_parse(s, n, a, &c, &at, &err) == 0) {
		ng_buf b = {0};
		if (ng_affected_text(NULL, &c, &b) != 0 || !b.len)
			abort();
		long d = ng_affected_deciding(&c);
		if (c.vague ? d != -1 : d < c.count - (c.bound == NG_BOUND_UNDER))
			abort();
		ng_buf_free(&b);
	} else if (at > n || !err) {
		abort();
	}
	ng_arena_free(a);
	/* The same bytes as prose. */
	char *text = ng_xmalloc(n + 1);
	memcpy(text, s, n);
	text[n] = '\0';
	size_t pos = 0;
	ng_ref ref;
	int r;
	while ((r = ng_prose_next(text, pos, &ref, &at, &err)) == 1) {
		if (ref.end <= pos || ref.end > strlen(text))
			abort();
		pos = ref.end;
		if (!ref.path_len)
			format_all(&ref.when, k, l);
	}
	free(text);
	return 0;
}
