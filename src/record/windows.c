/* windows.c — the inquiry windows of contact.windows: each of a kind
 * (電話, フリーダイヤル, メール, Webフォーム, 窓口) with its number, address,
 * URL or place, 内線, hours (text, or a map of weekdays, Saturdays,
 * holidays and the year-end days, made into one text here) and an optional
 * validity range. Validation marks in the tree which windows are valid on
 * the letter's date (`current`) and which only later (`later`), so that a
 * letter prints the windows of its day and a public notice can show a
 * change of window. */
#include <string.h>

#include "normalize.h"
#include "read_int.h"

/* Each kind: keywords (English, Japanese), the label printed before the
 * value, the field that holds the value, the link scheme. */
static const struct wkind {
	const char *key, *ja, *label, *value, *scheme;
} wkinds[] = {
    {"phone", "電話", "電話", "phone", "tel:"},
    {"freedial", "フリーダイヤル", "フリーダイヤル", "phone", "tel:"},
    {"email", "メール", "メール", "email", "mailto:"},
    {"form", "Webフォーム", "Webフォーム", "url", "url"},
    {"web", "ウェブサイト", "ウェブサイト", "url", "url"},
    {"counter", "窓口", "窓口", "place", NULL},
};

/* One day of the hours map: its time (or closed), and for a Saturday or
 * a Sunday the weeks of the month it is open (第2・第4土曜: bits 2 and
 * 4; 0: every week). */
typedef struct hours_day {
	ng_text time;
	unsigned weeks;
} hours_day;

/* hours as a map: what each key covers, in printing order. */
typedef struct hours_map {
	ng_text weekdays, holidays, year_end, note;
	hours_day saturdays, sundays;
} hours_map;

/* The nth-week form of a day: {weeks: [2, 4], time: 9:00～12:00}. */
typedef struct nth_day {
	ng_texts weeks;
	ng_text time;
} nth_day;

static const field nth_fields[] = {
    {"weeks", true, ng_rd_texts, offsetof(nth_day, weeks), NULL, 0, 0},
    {"time", true, ng_rd_text, offsetof(nth_day, time), NULL, 0, 0},
};
NG_FIELDSET(nth_set, N_("a day of the hours"), nth_fields, NULL);

/* Weeks of the month, 1 to 5, each once: the bits of a hours_day. */
static int read_weeks(rd *r, const ng_texts *w, unsigned *bits)
{
	for (size_t i = 0; i < w->n; i++) {
		const char *s = w->v[i].s;
		int k = s && s[0] >= '1' && s[0] <= '5' && !s[1] ? s[0] - '0' : 0;
		if (!k || (*bits & (1u << k))) {
			ng_diag *g = ng_diag_add(r->d, NG_D_BAD_VALUE, w->v[i].pos, "weeks",
			                         ng_tr("not a week of the month"));
			ng_diag_hint(r->d, g,
			             "weeks are 1 to 5, each once: [2, 4] is 第2・第4 "
			             "(the second and fourth of the month)");
			return ng_rd_fail(r);
		}
		*bits |= 1u << k;
	}
	return 0;
}

static bool closed(const ng_text *t)
{
	return t->s && (strcmp(t->s, "closed") == 0 || strcmp(t->s, "休み") == 0 ||
	                strcmp(t->s, "休業") == 0);
}

/* saturdays or sundays: a time (every week), closed, or the weeks of the
 * month it is open with their time. */
static int rd_day(rd *r, const ng_node *n, void *dst, const field *f)
{
	hours_day *d = dst;
	if (n->kind != NG_NODE_MAP)
		return ng_rd_text(r, n, &d->time, f);
	nth_day nth = {0};
	if (ng_rd_map(r, n, &nth, &nth_set, f->key) != 0)
		return -1;
	d->time = nth.time;
	if (closed(&nth.time)) {
		/* 「第2・第4土曜を除く」 would need the other weeks' hours */
		ng_diag *g = ng_diag_add(r->d, NG_D_BAD_VALUE, nth.time.pos, "time",
		                         ng_tr("weeks name the weeks a day is open"));
		ng_diag_hint(r->d, g,
		             "give the hours of those weeks, or write the day as closed "
		             "without weeks");
		return ng_rd_fail(r);
	}
	return read_weeks(r, &nth.weeks, &d->weeks);
}

static const field hours_fields[] = {
    {"weekdays", false, ng_rd_text, offsetof(hours_map, weekdays), NULL, 0, 0},
    {"saturdays", false, rd_day, offsetof(hours_map, saturdays), NULL, 0, 0},
    {"sundays", false, rd_day, offsetof(hours_map, sundays), NULL, 0, 0},
    {"holidays", false, ng_rd_text, offsetof(hours_map, holidays), NULL, 0, 0},
    {"year_end", false, ng_rd_text, offsetof(hours_map, year_end), NULL, 0, 0},
    {"note", false, ng_rd_text, offsetof(hours_map, note), NULL, 0, 0},
};
NG_FIELDSET(hours_set, "hours", hours_fields, NULL);

/* The words of s without the （） that enclose all of it (the first
 * 「（」 closes at the very end), as pointer and length in *n. */
static const char *unwrapped(const char *s, size_t *n)
{
	static const char open[] = "（", close[] = "）";
	const size_t w = sizeof open - 1;
	size_t len = strlen(s);
	*n = len;
	if (len < 2 * w || memcmp(s, open, w) != 0 || memcmp(s + len - w, close, w) != 0)
		return s;
	int depth = 0;
	for (size_t i = 0; i < len;) {
		if (i + w <= len && memcmp(s + i, open, w) == 0) {
			depth++, i += w;
		} else if (i + w <= len && memcmp(s + i, close, w) == 0) {
			if (--depth == 0 && i + w < len)
				return s; /* 「（a）と（b）」: not one group */
			i += w;
		} else {
			i++;
		}
	}
	*n = len - 2 * w;
	return s + w;
}

/* ---- clock times in the hours: 9:00, 17:30, 9:00～17:00 */

/* The minutes of a clock time H:MM or HH:MM at s (0:00 to 24:00), its
 * length in *len; -1 when s holds no clock time there, -2 when one out of
 * range (25:00, 9:75). */
static int clock_at(const char *s, size_t *len)
{
	size_t i = 0;
	int h = 0;
	while (i < 2 && s[i] >= '0' && s[i] <= '9')
		h = h * 10 + (s[i++] - '0');
	if (!i || s[i] != ':' || !(s[i + 1] >= '0' && s[i + 1] <= '9') ||
	    !(s[i + 2] >= '0' && s[i + 2] <= '9'))
		return -1;
	int m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
	*len = i + 3;
	return h > 24 || m > 59 || (h == 24 && m) ? -2 : h * 60 + m;
}

/* Whether the text's clock times are times and each range ends after it
 * starts (9:00～17:00, not 17:00～9:00 or 9:00～25:00): a typo in a phone
 * line's hours sends callers to a closed line. Other words pass. */
static bool hours_ok(const char *s)
{
	static const char *const dashes[] = {"～", "~", "-", "－"};
	for (size_t i = 0; s[i]; i++) {
		size_t len = 0;
		if (i && s[i - 1] >= '0' && s[i - 1] <= '9')
			continue; /* inside a number */
		int start = clock_at(s + i, &len);
		if (start == -2)
			return false;
		if (start < 0)
			continue;
		const char *p = s + i + len;
		size_t k = 0;
		while (*p == ' ')
			p++;
		while (k < NG_ARRAY_LEN(dashes) && strncmp(p, dashes[k], strlen(dashes[k])) != 0)
			k++;
		if (k == NG_ARRAY_LEN(dashes))
			continue;
		for (p += strlen(dashes[k]); *p == ' ';)
			p++;
		int end = clock_at(p, &len);
		if (end == -2 || (end >= 0 && end <= start))
			return false;
	}
	return true;
}

/* Full-width times (９：００～１７：００, a Japanese IME's default) are
 * checked as their ASCII forms; the letter prints the hours as typed. */
static int check_time(rd *r, const ng_text *t, const char *key)
{
	if (!t->s || closed(t) || hours_ok(ng_fold_ascii(r->a, t->s, false)))
		return 0;
	ng_diag *g =
	    ng_diag_add(r->d, NG_D_BAD_VALUE, t->pos, key, ng_tr("not a time range of a day"));
	ng_diag_hint(r->d, g,
	             "write the hours as 9:00～17:00: times from 0:00 to 24:00, the end "
	             "after the start");
	return ng_rd_fail(r);
}

/* ---- the days and their names */

/* Saturday, Sunday and holidays, as the hours say them: a day's time (or
 * closed), where its value comes from (holidays covers Sundays without a
 * sundays key, and Saturdays too without saturdays, as 土日祝日), and the
 * weeks of the month. */
enum { SAT, SUN, HOL, NDAYS };
typedef struct slot {
	const ng_text *t; /* NULL: not given */
	unsigned weeks;
} slot;

static const char *const day_names[NDAYS] = {"土曜", "日曜", "祝日"};

/* The name of the days in set (bits SAT, SUN, HOL): 土日祝日, 土日, else
 * the names joined with 「・」 (日曜・祝日); 第2・第4土曜 for a day of some
 * weeks. */
static void days_name(ng_buf *b, unsigned set, const slot *s)
{
	if (set == 7) {
		ng_buf_adds(b, "土日祝日");
		return;
	}
	if (set == 3 && !s[SAT].weeks && !s[SUN].weeks) {
		ng_buf_adds(b, "土日");
		return;
	}
	bool first = true;
	for (int d = 0; d < NDAYS; d++) {
		if (!(set & (1u << d)))
			continue;
		if (!first)
			ng_buf_adds(b, "・");
		first = false;
		for (int w = 1, n = 0; w <= 5; w++)
			if (s[d].weeks & (1u << w))
				ng_buf_printf(b, "%s第%d", n++ ? "・" : "", w);
		ng_buf_adds(b, day_names[d]);
	}
}

/* 「平日 9:00～17:00、第2・第4土曜 9:00～12:00（日曜・祝日、年末年始
 * （12/29～1/3）を除く）」: the days not given, or given as closed, are the
 * exceptions. Weekend days and holidays of the same hours print together
 * (土日祝日 9:00～12:00, 土日 10:00～17:00). */
static const char *hours_text(ng_arena *a, const hours_map *h)
{
	ng_buf b = {0}, except = {0};
	slot s[NDAYS] = {{h->saturdays.time.s ? &h->saturdays.time : NULL, h->saturdays.weeks},
	                 {h->sundays.time.s ? &h->sundays.time : NULL, h->sundays.weeks},
	                 {h->holidays.s ? &h->holidays : NULL, 0}};
	/* Without their own keys, holidays says Sundays too (日曜・祝日), and
	 * Saturdays when neither weekend day has a key (土日祝日). */
	if (!s[SAT].t && !s[SUN].t)
		s[SAT].t = s[HOL].t;
	if (!s[SUN].t)
		s[SUN].t = s[HOL].t;
	if (h->weekdays.s)
		ng_buf_printf(&b, "平日 %s", h->weekdays.s);
	unsigned off = 0;
	for (int d = 0; d < NDAYS; d++) {
		if (!s[d].t || closed(s[d].t)) {
			if ((s[d].t && closed(s[d].t)) || h->weekdays.s)
				off |= 1u << d;
			continue;
		}
		unsigned set = 1u << d;
		while (d + 1 < NDAYS && s[d + 1].t && !s[d + 1].weeks && !s[d].weeks &&
		       strcmp(s[d + 1].t->s, s[d].t->s) == 0)
			set |= 1u << ++d;
		ng_buf_adds(&b, b.len ? "、" : "");
		days_name(&b, set, s);
		ng_buf_printf(&b, " %s", s[d].t->s);
	}
	if (off)
		days_name(&except, off, (const slot[NDAYS]){{0}});
	const char *ye = "年末年始（12/29～1/3）";
	if (h->year_end.s && !closed(&h->year_end))
		ng_buf_printf(&b, "%s%s %s", b.len ? "、" : "", ye, h->year_end.s);
	else if (closed(&h->year_end) || h->weekdays.s)
		ng_buf_printf(&except, "%s%s", except.len ? "、" : "", ye);
	/* The note joins the one parenthesis after the hours, after the
	 * exceptions and a 「。」: 「平日 10:00～20:00（土日祝日、年末年始
	 * （12/29～1/3）を除く。5月28日（水）から当面の間）」. A Japanese
	 * reader takes one （…） after the hours as everything said about
	 * them; a second group after a 全角 space reads as a stray fragment
	 * and parentheses around parentheses as a typo. So the note's own
	 * enclosing （） are dropped here, where they would double. */
	size_t nl = 0;
	const char *note = h->note.s ? unwrapped(h->note.s, &nl) : NULL;
	if (except.len || (note && b.len)) {
		ng_buf_adds(&b, "（");
		if (except.len)
			ng_buf_printf(&b, "%sを除く%s", except.data, note ? "。" : "");
		if (note)
			ng_buf_printf(&b, "%.*s", (int)nl, note);
		ng_buf_adds(&b, "）");
	} else if (note) {
		ng_buf_printf(&b, "%.*s", (int)nl, note);
	}
	const char *out = ng_strdup(a, b.len ? b.data : "");
	ng_buf_free(&b);
	ng_buf_free(&except);
	return out;
}

static int rd_hours(rd *r, const ng_node *n, void *dst, const field *f)
{
	if (n->kind != NG_NODE_MAP)
		return ng_rd_text(r, n, dst, f) ? -1 : check_time(r, dst, f->key);
	hours_map h = {0};
	if (ng_rd_map(r, n, &h, &hours_set, f->key) != 0)
		return -1;
	if (!h.weekdays.s && !h.saturdays.time.s && !h.sundays.time.s && !h.holidays.s &&
	    !h.note.s) {
		ng_diag_add(r->d, NG_D_MISSING_FIELD, n->pos, "weekdays", "hours");
		return ng_rd_fail(r);
	}
	int rc = check_time(r, &h.weekdays, "weekdays") |
	         check_time(r, &h.saturdays.time, "saturdays") |
	         check_time(r, &h.sundays.time, "sundays") |
	         check_time(r, &h.holidays, "holidays") | check_time(r, &h.year_end, "year_end");
	if (rc)
		return -1;
	ng_text *t = dst;
	*t = (ng_text){.s = hours_text(r->a, &h), .pos = n->pos};
	ng_node *m = (ng_node *)n; /* the record's own tree (see write_back) */
	ng_pos pos = m->pos;
	*m = *ng_node_new(r->a, NG_NODE_SCALAR, pos);
	m->value = t->s;
	m->len = strlen(t->s);
	return 0;
}

static int set_pos_window(rd *r, const ng_node *n, void *obj)
{
	(void)r;
	((ng_window *)obj)->pos = n->pos;
	return 0;
}

#define WTEXT(k, m)                                                                                \
	{                                                                                          \
		k, false, ng_rd_text, offsetof(ng_window, m), NULL, 0, 0                           \
	}
static const field window_fields[] = {
    WTEXT("kind", kind),
    WTEXT("name", name),
    WTEXT("label", label),
    {"phone", false, ng_rd_phone, offsetof(ng_window, phone), NULL, 0, 0},
    {"email", false, ng_rd_email, offsetof(ng_window, email), NULL, 0, 0},
    WTEXT("url", url),
    WTEXT("place", place),
    WTEXT("extension", extension),
    {"hours", false, rd_hours, offsetof(ng_window, hours), NULL, 0, 0},
    {"from", false, ng_rd_date, offsetof(ng_window, from), NULL, 0, 0},
    {"until", false, ng_rd_date, offsetof(ng_window, until), NULL, 0, 0},
};
NG_FIELDSET(window_set, N_("a contact window"), window_fields, set_pos_window);

int ng_rd_windows(rd *r, const ng_node *n, void *dst, const field *f)
{
	field lf = *f;
	lf.sub = &window_set;
	lf.elem_size = sizeof(ng_window);
	return ng_rd_list(r, n, dst, &lf);
}

static const struct wkind *find_wkind(const char *s)
{
	for (size_t i = 0; i < NG_ARRAY_LEN(wkinds); i++)
		if (strcmp(wkinds[i].key, s) == 0 || strcmp(wkinds[i].ja, s) == 0)
			return &wkinds[i];
	return NULL;
}

static const ng_text *value_of(const ng_window *w, const char *field)
{
	if (strcmp(field, "phone") == 0)
		return &w->phone;
	if (strcmp(field, "email") == 0)
		return &w->email;
	if (strcmp(field, "url") == 0)
		return &w->url;
	return &w->place;
}

/* The kind from the fields when not written: phone, email, url, place. */
static const struct wkind *guess_kind(const ng_window *w)
{
	if (w->phone.s)
		return &wkinds[0];
	if (w->email.s)
		return &wkinds[2];
	if (w->url.s)
		return &wkinds[3];
	return w->place.s ? &wkinds[5] : NULL;
}

static int date_cmp(ng_date a, ng_date b)
{
	return a.y != b.y ? a.y - b.y : a.m != b.m ? a.m - b.m : a.d - b.d;
}

/* Puts label, value, scheme, current and later into the window's tree. */
static void window_tree(rd *r, const ng_window *w, const struct wkind *k, ng_node *m)
{
	ng_date day = r->rec->letter.date.v;
	bool started = !w->from.set || date_cmp(w->from.v, day) <= 0;
	bool ended = w->until.set && date_cmp(w->until.v, day) < 0;
	ng_node_put(r->a, m, "kind", k->key, w->pos);
	ng_node_put(r->a, m, "label", w->label.s ? w->label.s : k->label, w->pos);
	ng_node_put(r->a, m, "value", value_of(w, k->value)->s, w->pos);
	if (k->scheme)
		ng_node_put(r->a, m, "scheme", k->scheme, w->pos);
	if (started && !ended)
		ng_node_put(r->a, m, "current", "true", w->pos);
	if (!started)
		ng_node_put(r->a, m, "later", "true", w->pos);
	if (w->from.set || w->until.set)
		ng_node_put(r->a, m, "dated", "true", w->pos);
}

static int check_window(rd *r, const ng_window *w, ng_node *m)
{
	const struct wkind *k = w->kind.s ? find_wkind(w->kind.s) : guess_kind(w);
	if (!k) {
		if (!w->kind.s) {
			ng_diag *g = ng_diag_add(r->d, NG_D_MISSING_FIELD, w->pos, "phone",
			                         ng_tr("a contact window"));
			ng_diag_hint(r->d, g, "give phone, email, url or place");
			return ng_rd_fail(r);
		}
		const char *keys[NG_ARRAY_LEN(wkinds)];
		for (size_t i = 0; i < NG_ARRAY_LEN(wkinds); i++)
			keys[i] = wkinds[i].key;
		ng_rd_bad_keyword(r, &w->kind, "kind", keys, NG_ARRAY_LEN(wkinds));
		return -1;
	}
	if (!value_of(w, k->value)->s) {
		ng_diag *g = ng_diag_add(r->d, NG_D_MISSING_FIELD, w->pos, k->value,
		                         ng_tr("a contact window"));
		ng_diag_hint(r->d, g, "a %s window needs '%s'", k->key, k->value);
		return ng_rd_fail(r);
	}
	if (w->from.set && w->until.set && date_cmp(w->until.v, w->from.v) < 0) {
		ng_diag_add(r->d, NG_D_DATE_ORDER, w->until.pos, "until", "from");
		return ng_rd_fail(r);
	}
	if (w->until.set && date_cmp(w->until.v, r->rec->letter.date.v) < 0) {
		ng_diag *g = ng_diag_add(r->d, NG_D_WINDOW_CLOSED, w->until.pos);
		ng_diag_hint(r->d, g, "remove the window, or correct 'until'");
	}
	window_tree(r, w, k, m);
	return 0;
}

int ng_windows_finish(rd *r)
{
	ng_contact *c = &r->rec->contact;
	ng_node *tree = ng_node_get(r->rec->root, "contact");
	ng_node *list = tree ? ng_node_get(tree, "windows") : NULL;
	int rc = 0;
	for (size_t i = 0; list && i < c->windows.n; i++)
		rc |= check_window(r, &c->windows.v[i], list->items[i]);
	if (tree && !c->title.s && !c->phone.s && !c->email.s && !c->url.s && !c->windows.n) {
		ng_diag *g = ng_diag_add(r->d, NG_D_MISSING_FIELD, c->pos, "windows", "contact");
		ng_diag_hint(r->d, g, "give a title, a phone, email or url, or windows");
		return ng_rd_fail(r);
	}
	return rc;
}
