/* render.c — the pipeline behind ng_render and ng_check: record → validate
 * → template → doc → font coverage → layout → PDF (or text) → an atomic
 * write. Nothing is written unless every step succeeded. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../doc/doc.h"
#include "../era/era.h"
#include "../layout/layout.h"
#include "../pdf/pdf.h"
#include "../record/record.h"
#include "../template/template.h"

#define DEFAULT_TEMPLATE "client-notice"

typedef struct job {
	const ng_render_opts *opts;
	ng_diags *d;
	ng_arena *a;
	ng_era *era;
	ng_fonts *fonts;
	ng_linebreaker *lb;
	ng_doc *doc;
	ng_pages pages;
	ng_buf out;
} job;

/* Every character must be drawable by its block's font: reported at the
 * place the user wrote it, once per character, before anything is drawn. */
static int check_content(job *j, const ng_content *c, ng_font_role font, uint32_t *seen,
			 size_t *nseen)
{
	int rc = 0;
	for (size_t i = 0; i < c->len;) {
		uint32_t cp = 0;
		size_t n = ng_utf8_decode(c->text + i, c->len - i, &cp);
		n = n ? n : 1;
		bool known = cp == '\n';
		for (size_t k = 0; k < *nseen && !known; k++)
			known = seen[k] == cp;
		if (!known && !ng_fonts_has(j->fonts, font, cp)) {
			char name[32];
			snprintf(name, sizeof name, "U+%04X '%.*s'", (unsigned)cp, (int)n,
				 c->text + i);
			ng_pos pos = ng_content_pos(c, i);
			ng_diag *g;
			if (cp > 0xFFFF)
				g = ng_diag_add(j->d, NG_D_NON_BMP, pos, name);
			else
				g = ng_diag_add(j->d, NG_D_GLYPH_MISSING, pos, name,
						ng_fonts_family(j->fonts, font));
			ng_diag_hint(j->d, g, "replace it with a common character (e.g. 髙 → 高)");
			if (*nseen < 256)
				seen[(*nseen)++] = cp;
			rc = -1;
		}
		i += n;
	}
	return rc;
}

static int check_glyphs(job *j)
{
	uint32_t seen[256];
	size_t nseen = 0;
	int rc = 0;
	for (size_t b = 0; b < j->doc->n; b++) {
		const ng_block *blk = &j->doc->v[b];
		rc |= check_content(j, &blk->content, blk->font, seen, &nseen);
		for (size_t c = 0; c < blk->nrows * blk->ncols; c++)
			rc |= check_content(j, &blk->cells[c], blk->font, seen, &nseen);
	}
	return rc;
}

static int write_output(job *j, const char *data, size_t len)
{
	const char *path = j->opts->output;
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			ng_diag_add(j->d, NG_D_IO_WRITE, (ng_pos){0}, "standard output",
				    "write failed");
			return -1;
		}
		return 0;
	}
	int err = ng_write_file_atomic(path, data, len, 0644);
	if (err) {
		ng_diag_add(j->d, NG_D_IO_WRITE, (ng_pos){path, 0, 0}, path, strerror(err));
		return -1;
	}
	return 0;
}

/* The letter as plain text: one line per laid-out line, pages separated by
 * a form feed. */
static void text_output(const ng_pages *p, ng_buf *out)
{
	for (size_t i = 0; i < p->npages; i++) {
		if (i)
			ng_buf_addc(out, '\f');
		for (size_t k = 0; k < p->pages[i].nruns; k++) {
			ng_buf_add(out, p->pages[i].runs[k].text, p->pages[i].runs[k].len);
			ng_buf_addc(out, '\n');
		}
	}
}

static ng_status open_tools(job *j)
{
	char err[160];
	j->era = ng_era_new(err, sizeof err);
	if (!j->era) {
		ng_diag_add(j->d, NG_D_ICU, (ng_pos){0}, "calendar", err);
		return NG_ERR_INTERNAL;
	}
	j->lb = ng_linebreaker_new(true);
	if (!j->lb) {
		ng_diag_add(j->d, NG_D_ICU, (ng_pos){0}, "ubrk_open", "no line-break data");
		return NG_ERR_INTERNAL;
	}
	return NG_OK;
}

/* A record that could not be read at all is an I/O error, not an input
 * error: the exit code tells a script which of the two to fix. */
static ng_status input_status(const ng_diags *d)
{
	size_t n = ng_diags_count(d);
	return n && ng_diags_get(d, n - 1)->code == NG_D_IO_READ ? NG_ERR_IO : NG_ERR_INPUT;
}

/* The document date is the letter's date (00:00 JST) unless the
 * reproducible-builds variable SOURCE_DATE_EPOCH says otherwise; never the
 * clock. */
static void source_date_epoch(job *j)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < 0) {
		ng_diag *g = ng_diag_add(j->d, NG_D_BAD_VALUE, (ng_pos){0}, "SOURCE_DATE_EPOCH",
					 "not a number of seconds; ignored");
		g->severity = NG_SEV_WARNING;
		return;
	}
	j->doc->date_epoch = v;
}

static ng_status build_doc(job *j)
{
	ng_record *rec = ng_record_load(j->opts->input, j->a, j->d);
	if (!rec)
		return input_status(j->d);
	const char *tname = j->opts->templ     ? j->opts->templ
			    : rec->letter.templ.s ? rec->letter.templ.s
						  : DEFAULT_TEMPLATE;
	ng_template *t = ng_template_load(tname, j->a, j->d);
	if (!t)
		return NG_ERR_INPUT;
	ng_status st = open_tools(j);
	if (st != NG_OK)
		return st;
	j->doc = ng_doc_new(j->a);
	if (ng_template_build(t, rec, j->era, j->doc, j->d) != 0)
		return NG_ERR_INPUT;
	source_date_epoch(j);
	return NG_OK;
}

static ng_status lay_out(job *j)
{
	j->fonts = ng_fonts_open(j->d);
	if (!j->fonts)
		return NG_ERR_IO;
	if (check_glyphs(j) != 0)
		return NG_ERR_INPUT;
	ng_layout_opts lo;
	ng_layout_defaults(&lo);
	lo.measure = ng_fonts_measure;
	lo.measure_ctx = j->fonts;
	if (ng_layout(j->doc, &lo, j->lb, j->a, &j->pages, j->d) != 0)
		return NG_ERR_INTERNAL;
	return NG_OK;
}

static ng_status produce(job *j)
{
	const ng_render_opts *o = j->opts;
	ng_status st = build_doc(j);
	if (st != NG_OK)
		return st;
	if (o->dump == NG_DUMP_DOC) {
		ng_doc_dump(j->doc, &j->out);
		return NG_OK;
	}
	if ((st = lay_out(j)) != NG_OK)
		return st;
	if (o->dump == NG_DUMP_LAYOUT)
		ng_layout_dump(&j->pages, &j->out);
	else if (o->format == NG_FORMAT_TXT)
		text_output(&j->pages, &j->out);
	else if (ng_pdf_write(j->fonts, &j->pages, &j->out, j->d) != 0)
		return NG_ERR_INTERNAL;
	return NG_OK;
}

ng_status ng_render(const ng_render_opts *opts, ng_diags *diags)
{
	job j = {.opts = opts, .d = diags, .a = ng_arena_new()};
	ng_status st = produce(&j);
	if (st == NG_OK && ng_diags_errors(diags) == 0)
		st = write_output(&j, j.out.data, j.out.len) == 0 ? NG_OK : NG_ERR_IO;
	else if (st == NG_OK)
		st = NG_ERR_INPUT;
	ng_buf_free(&j.out);
	ng_fonts_free(j.fonts);
	ng_linebreaker_free(j.lb);
	ng_era_free(j.era);
	ng_arena_free(j.a);
	return st;
}

ng_status ng_check(const char *input, ng_diags *diags)
{
	ng_arena *a = ng_arena_new();
	ng_record *rec = ng_record_load(input, a, diags);
	ng_arena_free(a);
	if (!rec)
		return input_status(diags);
	return ng_diags_errors(diags) == 0 ? NG_OK : NG_ERR_INPUT;
}

ng_status ng_list_templates(FILE *out, ng_diags *diags)
{
	ng_buf b = {0};
	ng_templates_list(&b, true);
	ng_status st = NG_OK;
	if (b.len == 0) {
		ng_diag_add(diags, NG_D_IO_READ, (ng_pos){0}, "templates/", "no templates found");
		st = NG_ERR_IO;
	} else if (fwrite(b.data, 1, b.len, out) != b.len) {
		st = NG_ERR_IO;
	}
	ng_buf_free(&b);
	return st;
}
