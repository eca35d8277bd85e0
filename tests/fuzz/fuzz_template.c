/* fuzz_template.c — libFuzzer target: any bytes as a template, parsed and
 * run against the reference example record, the resulting block tree
 * dumped, written as text and Markdown, and laid out with a fake measure.
 * The template sits (virtually) in templates/, so {% include %} reaches the
 * real partials. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "template/template.h"
#include "template/tmpl.h"

#define EXAMPLE       NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml"
#define TEMPLATE_PATH NG_SOURCE_DIR "/templates/fuzz.tmpl"

static ng_arena *rec_arena;
static ng_record *rec;
static ng_era *era;
static fuzz_layout fl;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[160];
	ng_diags *d = ng_diags_new();
	rec_arena = ng_arena_new();
	rec = ng_record_load(EXAMPLE, rec_arena, d);
	era = ng_era_new(err, sizeof err);
	if (!rec || !era) {
		ng_diags_print(d, stderr, 0);
		abort();
	}
	ng_diags_free(d);
	fuzz_layout_open(&fl);
	return 0;
}

static void outputs(const ng_doc *doc, ng_arena *a)
{
	ng_buf b = {0};
	ng_doc_dump(doc, &b);
	ng_buf_reset(&b);
	ng_doc_text(doc, &b);
	ng_buf_reset(&b);
	ng_doc_markdown(doc, &b);
	ng_buf_free(&b);
	ng_diags *d = ng_diags_new();
	fuzz_lay_out(&fl, doc, 0, a, d);
	ng_diags_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Template files are read NUL-terminated; the parser may rely on it. */
	char *text = ng_xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	struct ng_template *t = ng_alloc(a, sizeof *t);
	if (tmpl_parse(t, TEMPLATE_PATH, text, size, a, d, 0) == 0) {
		ng_doc *doc = ng_doc_new(a);
		if (ng_template_build(t, rec, era, doc, d) == 0)
			outputs(doc, a);
		else if (ng_diags_errors(d) == 0)
			abort();
	} else if (ng_diags_errors(d) == 0) {
		abort();
	}
	ng_diags_free(d);
	ng_arena_free(a);
	free(text);
	return 0;
}
