/* diag.c — the diagnostics list and the one table of codes, severities,
 * stable ids and message formats. */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dinfo {
	ng_severity sev;
	const char *id;
	const char *fmt;
} dinfo;

static const dinfo table[NG_D__COUNT] = {
    [NG_D_IO_READ] = {NG_SEV_ERROR, "io-read", "cannot read %s: %s"},
    [NG_D_IO_WRITE] = {NG_SEV_ERROR, "io-write", "cannot write %s: %s"},
    [NG_D_YAML_SYNTAX] = {NG_SEV_ERROR, "yaml-syntax", "YAML syntax error: %s"},
    [NG_D_YAML_UTF8] = {NG_SEV_ERROR, "invalid-utf8", "invalid UTF-8 byte sequence"},
    [NG_D_YAML_ALIAS] = {NG_SEV_ERROR, "yaml-alias",
                         "YAML anchors and aliases are not accepted in a record"},
    [NG_D_DUP_KEY] = {NG_SEV_ERROR, "duplicate-key", "duplicate key '%s' (first at line %d)"},
    [NG_D_UNKNOWN_KEY] = {NG_SEV_ERROR, "unknown-key", "unknown key '%s' in %s"},
    [NG_D_WRONG_TYPE] = {NG_SEV_ERROR, "wrong-type", "'%s' must be %s"},
    [NG_D_MISSING_FIELD] = {NG_SEV_ERROR, "missing-field", "missing required field '%s' in %s"},
    [NG_D_BAD_DATE] = {NG_SEV_ERROR, "bad-date", "'%s': invalid date '%s'"},
    [NG_D_BAD_WHEN] = {NG_SEV_ERROR, "bad-when", "invalid date specification: %s"},
    [NG_D_DATE_RANGE] = {NG_SEV_ERROR, "date-range", "'%s': date out of range"},
    [NG_D_FONT_MISSING] = {NG_SEV_ERROR, "font-missing", "font '%s' is not installed"},
    [NG_D_FONT_LOAD] = {NG_SEV_ERROR, "font-load", "cannot load font file %s"},
    [NG_D_GLYPH_MISSING] = {NG_SEV_ERROR, "glyph-missing", "character %s is not in font %s"},
    [NG_D_PDF] = {NG_SEV_ERROR, "pdf", "PDF output failed: %s"},
    [NG_D_ICU] = {NG_SEV_ERROR, "icu", "ICU call %s failed: %s"},
    [NG_D_TEMPLATE] = {NG_SEV_ERROR, "template", "template error: %s"},
    [NG_D_TEMPLATE_UNKNOWN] = {NG_SEV_ERROR, "template-unknown", "no template named '%s'"},
    [NG_D_TOO_LARGE] = {NG_SEV_ERROR, "too-large", "%s exceeds the limit of %zu"},
    [NG_D_INTERNAL] = {NG_SEV_ERROR, "internal", "internal error: %s"},
    [NG_D_EMPTY_VALUE] = {NG_SEV_ERROR, "empty-value", "'%s' must not be empty"},
    [NG_D_BAD_VALUE] = {NG_SEV_ERROR, "bad-value", "'%s': %s"},
    [NG_D_FONT_CONFIG] = {NG_SEV_ERROR, "font-config", "font configuration: %s"},
    [NG_D_LAYOUT_OVERFLOW] = {NG_SEV_WARNING, "layout-overflow",
                              "text with no allowed break is wider than the line and was "
                              "broken at the margin: %s"},
    [NG_D_HONORIFIC] = {NG_SEV_WARNING, "honorific", "%s"},
    [NG_D_HONORIFIC_ERROR] = {NG_SEV_ERROR, "honorific", "%s"},
    [NG_D_OPENING_CLOSING] = {NG_SEV_ERROR, "opening-closing",
                              "頭語 '%s' does not go with 結語 '%s'"},
    [NG_D_TYPED_DATE] = {NG_SEV_WARNING, "typed-date",
                         "'%s' looks like a date typed as text; its weekday is not checked"},
    [NG_D_YAML_TAB] = {NG_SEV_ERROR, "yaml-tab", "a tab in indentation"},
    [NG_D_KICHIJITSU] = {NG_SEV_ERROR, "kichijitsu",
                         "'%s': 吉日 is not a date; a notice states the day it was sent"},
    [NG_D_REQUIRED_ITEM] = {NG_SEV_ERROR, "required-item",
                            "%s must contain item %d (%s) or mark it 調査中 (%s)"},
    [NG_D_NOTICE_BEFORE_KNOWN] = {NG_SEV_ERROR, "notice-before-known",
                                  "the letter is dated before %s knew of the incident (%s)"},
    [NG_D_TIMELINE_ORDER] = {NG_SEV_WARNING, "timeline-order",
                             "timeline of %s: this entry is earlier than the one before it"},
    [NG_D_DATE_ORDER] = {NG_SEV_WARNING, "date-order", "'%s' is earlier than '%s'"},
    [NG_D_BAD_EMAIL] = {NG_SEV_ERROR, "bad-email", "'%s': not an e-mail address: %s"},
    [NG_D_BAD_PHONE] = {NG_SEV_ERROR, "bad-phone", "'%s': not a phone number: %s"},
    [NG_D_BAD_CATEGORY] = {NG_SEV_ERROR, "bad-category", "categories: %s"},
    [NG_D_CATEGORY_COUNT] = {NG_SEV_WARNING, "category-count", "%s"},
    [NG_D_NO_KNOWN_DATE] = {NG_SEV_WARNING, "no-known-date",
                            "no party has a 知った日 ('known'): report deadlines cannot be "
                            "computed"},
    [NG_D_HOLIDAYS] = {NG_SEV_WARNING, "holidays", "holiday table: %s"},
    [NG_D_FINAL_INVESTIGATING] = {NG_SEV_WARNING, "final-investigating",
                                  "item %d (%s) is still 調査中 in a letter dated after the 確報 "
                                  "deadline %s"},
    [NG_D_ERA] = {NG_SEV_ERROR, "era", "calendar: %s"},
    [NG_D_HOLIDAYS_TABLE] = {NG_SEV_ERROR, "holidays-table", "holiday table: %s"},
    [NG_D_INTERRUPTED] = {NG_SEV_ERROR, "interrupted",
                          "the run was interrupted: %zu of %zu letters done"},
    [NG_D_RECIPIENT] = {NG_SEV_WARNING, "recipient", "window envelope: %s"},
    [NG_D_OPENING_CLOSING_FIXED] = {NG_SEV_WARNING, "opening-closing",
                                    "頭語 '%s' does not go with 結語 '%s': %s is used"},
    [NG_D_LIBRARY_MISSING] = {NG_SEV_ERROR, "library-missing", "cannot load %s (for %s): %s"},
    [NG_D_BATCH_FINISHED] = {NG_SEV_NOTE, "batch-finished",
                             "this run finished earlier (%zu rows failed; see the manifest): "
                             "nothing to resume"},
    [NG_D_BATCH_BUSY] = {NG_SEV_ERROR, "batch-busy",
                         "%s: another notice-gen run (pid %ld) is writing into this directory"},
    [NG_D_BATCH_EXISTS] = {NG_SEV_ERROR, "batch-exists",
                           "%s holds %zu files this run would write (the first: %s)"},
    [NG_D_DISK_FULL] = {NG_SEV_ERROR, "disk-full",
                        "cannot write into %s: no space left on the device; the run stopped "
                        "with %zu of %zu letters written"},
    [NG_D_CSV_SYNTAX] = {NG_SEV_ERROR, "csv-syntax", "CSV syntax error: %s"},
    [NG_D_WRONG_WEEKDAY] = {NG_SEV_WARNING, "wrong-weekday",
                            "the weekday typed is （%s）, but %s is a （%s）: the letter "
                            "prints the computed one"},
    [NG_D_COUNT_UNDECIDED] = {NG_SEV_WARNING, "count-undecided",
                              "the count '%s' is not exact enough to decide 規則第7条第4号 "
                              "(more than 1,000 persons)"},
    [NG_D_LIST_CHANGED] = {NG_SEV_ERROR, "list-changed",
                           "%s changed while the run was reading it (its size or content "
                           "differs from the first reading)"},
    [NG_D_NOT_PRINTED] = {NG_SEV_WARNING, "not-printed", "template %s does not print '%s': %s"},
    [NG_D_COVERED] = {NG_SEV_WARNING, "covered",
                      "'%s' is not printed: section '%s' covers it with its own words"},
    [NG_D_WINDOW_CLOSED] = {NG_SEV_WARNING, "window-closed",
                            "this contact window closed before the letter's date and is "
                            "not printed"},
};

struct ng_diags {
	ng_arena *arena;
	ng_diag *v;
	size_t n, cap;
};

ng_diags *ng_diags_new(void)
{
	ng_diags *d = ng_xcalloc(1, sizeof *d);
	d->arena = ng_arena_new();
	return d;
}

void ng_diags_free(ng_diags *d)
{
	if (!d)
		return;
	ng_arena_free(d->arena);
	free(d->v);
	free(d);
}

size_t ng_diags_count(const ng_diags *d)
{
	return d->n;
}

const ng_diag *ng_diags_get(const ng_diags *d, size_t i)
{
	return i < d->n ? &d->v[i] : NULL;
}

size_t ng_diags_errors(const ng_diags *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].severity == NG_SEV_ERROR;
	return n;
}

const char *ng_diag_intern(ng_diags *d, const char *file)
{
	return file ? ng_strdup(d->arena, file) : NULL;
}

ng_diag *ng_diag_add(ng_diags *d, ng_dcode code, ng_pos pos, ...)
{
	if (code <= 0 || code >= NG_D__COUNT || !table[code].fmt)
		code = NG_D_INTERNAL;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = ng_xrealloc(d->v, d->cap * sizeof *d->v);
	}
	ng_buf msg = {0};
	va_list ap;
	va_start(ap, pos);
	if (code == NG_D_WRONG_TYPE) {
		/* "'%s' must be %s": the field stays as written, what it must be
		 * is prose ("a list of rows"), translated too (scripts/po-update
		 * collects it from the wrong_type helpers' calls). */
		const char *field = va_arg(ap, const char *), *expect = va_arg(ap, const char *);
		ng_buf_printf(&msg, ng_tr(table[code].fmt), field, ng_tr(expect));
	} else {
		ng_buf_vprintf(&msg, ng_tr(table[code].fmt), ap);
	}
	va_end(ap);
	ng_diag *g = &d->v[d->n++];
	*g = (ng_diag){.code = code,
	               .severity = table[code].sev,
	               .id = table[code].id,
	               .file = pos.file ? ng_strdup(d->arena, pos.file) : NULL,
	               .line = pos.line,
	               .col = pos.col,
	               .message = ng_strdup(d->arena, msg.data),
	               .hint = NULL};
	ng_buf_free(&msg);
	return g;
}

ng_diag *ng_diag_copy(ng_diags *d, const ng_diag *src)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = ng_xrealloc(d->v, d->cap * sizeof *d->v);
	}
	ng_diag *g = &d->v[d->n++];
	*g = *src;
	g->id = src->id ? ng_strdup(d->arena, src->id) : "";
	g->file = src->file ? ng_strdup(d->arena, src->file) : NULL;
	g->message = ng_strdup(d->arena, src->message ? src->message : "");
	g->hint = src->hint ? ng_strdup(d->arena, src->hint) : NULL;
	return g;
}

const char *ng_diag_format(int code)
{
	return code > 0 && code < NG_D__COUNT ? table[code].fmt : NULL;
}

void ng_diag_hint(ng_diags *d, ng_diag *diag, const char *fmt, ...)
{
	ng_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	ng_buf_vprintf(&b, ng_tr(fmt), ap);
	va_end(ap);
	diag->hint = ng_strdup(d->arena, b.data);
	ng_buf_free(&b);
}

static const char *sev_name(ng_severity s)
{
	static const char *const names[] = {"note", "warning", "error"};
	return names[s];
}

static void print_json(const ng_diag *g, FILE *out)
{
	fputs("{\"file\":", out);
	if (g->file)
		ng_fput_json(out, g->file);
	else
		fputs("null", out);
	fprintf(out, ",\"line\":%d,\"col\":%d,\"severity\":\"%s\",\"code\":%d,\"id\":", g->line,
	        g->col, sev_name(g->severity), g->code);
	ng_fput_json(out, g->id);
	fputs(",\"message\":", out);
	ng_fput_json(out, g->message);
	if (g->hint) {
		fputs(",\"hint\":", out);
		ng_fput_json(out, g->hint);
	}
	fputs("}\n", out);
}

static void print_text(const ng_diag *g, FILE *out)
{
	if (g->file && g->line)
		fprintf(out, "%s:%d:%d: ", g->file, g->line, g->col);
	else if (g->file)
		fprintf(out, "%s: ", g->file);
	else
		fputs("notice-gen: ", out);
	fprintf(out, "%s: %s\n", sev_name(g->severity), g->message);
	if (g->hint)
		fprintf(out, "  hint: %s\n", g->hint);
}

void ng_diags_print(const ng_diags *d, FILE *out, int json)
{
	for (size_t i = 0; i < d->n; i++) {
		if (json)
			print_json(&d->v[i], out);
		else
			print_text(&d->v[i], out);
	}
}
