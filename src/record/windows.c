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

/* hours as a map: what each key covers, in printing order. */
typedef struct hours_map {
	ng_text weekdays, saturdays, holidays, year_end, note;
} hours_map;

static const field hours_fields[] = {
    {"weekdays", false, ng_rd_text, offsetof(hours_map, weekdays), NULL, 0, 0},
    {"saturdays", false, ng_rd_text, offsetof(hours_map, saturdays), NULL, 0, 0},
    {"holidays", false, ng_rd_text, offsetof(hours_map, holidays), NULL, 0, 0},
    {"year_end", false, ng_rd_text, offsetof(hours_map, year_end), NULL, 0, 0},
    {"note", false, ng_rd_text, offsetof(hours_map, note), NULL, 0, 0},
};
NG_FIELDSET(hours_set, "hours", hours_fields, NULL);

static bool closed(const ng_text *t)
{
	return t->s && (strcmp(t->s, "closed") == 0 || strcmp(t->s, "休み") == 0 ||
	                strcmp(t->s, "休業") == 0);
}

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

/* 「平日 9:00～17:00、土曜 9:00～12:00（日曜・祝日、年末年始（12月29日～1月3日）
 * を除く）」: the days not given, or given as closed, are the exceptions. */
static const char *hours_text(ng_arena *a, const hours_map *h)
{
	ng_buf b = {0}, except = {0};
	const char *hol = h->saturdays.s ? "日曜・祝日" : "土日祝日";
	const struct {
		const ng_text *t;
		const char *name;
	} parts[] = {{&h->weekdays, "平日"},
	             {&h->saturdays, "土曜"},
	             {&h->holidays, hol},
	             {&h->year_end, "年末年始（12/29～1/3）"}};
	for (size_t i = 0; i < NG_ARRAY_LEN(parts); i++) {
		if (parts[i].t->s && !closed(parts[i].t)) {
			ng_buf_printf(&b, "%s%s %s", b.len ? "、" : "", parts[i].name,
			              parts[i].t->s);
		} else if (i >= 2 && (closed(parts[i].t) || h->weekdays.s)) {
			/* Holidays and year-end not given: closed then, said so. */
			ng_buf_printf(&except, "%s%s", except.len ? "、" : "", parts[i].name);
		}
	}
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
	const char *s = ng_strdup(a, b.len ? b.data : "");
	ng_buf_free(&b);
	ng_buf_free(&except);
	return s;
}

static int rd_hours(rd *r, const ng_node *n, void *dst, const field *f)
{
	if (n->kind != NG_NODE_MAP)
		return ng_rd_text(r, n, dst, f);
	hours_map h = {0};
	if (ng_rd_map(r, n, &h, &hours_set, f->key) != 0)
		return -1;
	if (!h.weekdays.s && !h.saturdays.s && !h.holidays.s && !h.note.s) {
		ng_diag_add(r->d, NG_D_MISSING_FIELD, n->pos, "weekdays", "hours");
		return ng_rd_fail(r);
	}
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
