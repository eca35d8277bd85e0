/* test_tmpl_memo.c — the template memo (src/template/memo.c): every
 * example record's letters, its own and each client's (the examples'
 * client lists and rows made here: other services, words, a person),
 * built through a memo in two rounds are the same blocks, field by field,
 * as built without one; the second round copies kept pieces; a memo whose
 * caps keep nothing changes nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../common/era_fixture.h"
#include "batch/batch_int.h"
#include "batch/clients.h"
#include "template/template.h"

#define SRC NG_SOURCE_DIR

static const char *const examples[] = {
    "city-usb-2024",   "clinic-usb-2024",       "juku-form-2025",
    "school-2024",     "shaamu-2023",           "shop-card-2025",
    "town-forms-2025", "university-email-2025", "vendor-clients-2024"};
static const char *const templates[] = {"client-notice", "individual-notice", "public-notice",
                                        "ppc-report"};

/* Rows for a record without a client list: a company, a person (様: the
 * person-only lines), a 事務所 with its own word, one with services the
 * shaamu record names. */
static const char *const keys[] = {"id", "name", "contact", "postcode", "services", "word"};
static const char *const rows[][6] = {
    {"R1", "株式会社サンプル", "総務部 担当者 様", "101-0001", "", ""},
    {"R2", "山田 太郎", "", "102-0002", "", ""},
    {"R3", "やまだ社会保険労務士事務所", "", "103-0003", "", "貴所"},
    {"R4", "有限会社テスト", "人事部 山田 様", "104-0004", "社会保険労働保険手続き", ""},
};

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same_content(const ng_content *a, const ng_content *b)
{
	assert_int_equal(a->len, b->len);
	same_str(a->text, b->text); /* NULL: a window's empty mark */
	assert_int_equal(a->nspans, b->nspans);
	for (size_t i = 0; i < a->nspans; i++) {
		const ng_span *x = &a->spans[i], *y = &b->spans[i];
		assert_int_equal(x->start, y->start);
		assert_int_equal(x->len, y->len);
		same_str(x->pos.file, y->pos.file);
		assert_int_equal(x->pos.line, y->pos.line);
		assert_int_equal(x->pos.col, y->pos.col);
		assert_int_equal(x->exact, y->exact);
		assert_int_equal(x->glue, y->glue);
	}
	same_str(a->link, b->link);
	same_str(a->image, b->image);
}

static void same_array(const void *a, const void *b, size_t n)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_memory_equal(a, b, n);
}

static void same_block(const ng_block *a, const ng_block *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->align, b->align);
	assert_int_equal(a->font, b->font);
	assert_true(a->size == b->size && a->indent == b->indent &&
	            a->right_indent == b->right_indent && a->first_indent == b->first_indent &&
	            a->space == b->space);
	assert_int_equal(a->level, b->level);
	assert_int_equal(a->keep_with_next, b->keep_with_next);
	same_str(a->marker, b->marker);
	assert_int_equal(a->list, b->list);
	same_content(&a->content, &b->content);
	assert_int_equal(a->ncols, b->ncols);
	assert_int_equal(a->nrows, b->nrows);
	for (size_t i = 0; a->cells && i < a->nrows * a->ncols; i++)
		same_content(&a->cells[i], &b->cells[i]);
	same_array(a->col_weights, b->col_weights, a->ncols * sizeof *a->col_weights);
	same_array(a->col_align, b->col_align, a->ncols * sizeof *a->col_align);
	same_array(a->col_em, b->col_em, a->ncols * sizeof *a->col_em);
	same_array(a->cell_span, b->cell_span, a->ncols * a->nrows);
	assert_int_equal(a->header_rows, b->header_rows);
	assert_int_equal(a->ruled, b->ruled);
	assert_int_equal(a->total_rows, b->total_rows);
	assert_int_equal(!a->recipient, !b->recipient);
	if (a->recipient) {
		same_content(&a->recipient->postcode, &b->recipient->postcode);
		same_content(&a->recipient->address, &b->recipient->address);
		same_content(&a->recipient->name, &b->recipient->name);
		same_content(&a->recipient->mark, &b->recipient->mark);
		assert_int_equal(a->recipient->mark_font, b->recipient->mark_font);
		assert_int_equal(a->recipient->barcode, b->recipient->barcode);
	}
}

typedef struct letters {
	fixture *f;
	ng_record *rec;
	const ng_template *t;
	ng_tmpl_memo *memo;
	size_t built; /* letters compared */
} letters;

/* The letter through root (NULL: the record's own) with the memo and
 * without: the same blocks and the same diagnostics. */
static void compare(letters *l, const ng_node *root)
{
	ng_arena *a = ng_arena_new();
	ng_diags *d1 = ng_diags_new(), *d2 = ng_diags_new();
	ng_record view = *l->rec;
	if (root)
		view.root = root;
	ng_doc *plain = ng_doc_new(a), *kept = ng_doc_new(a);
	int rc1 = ng_template_build(l->t, &view, l->f->era, plain, d1);
	int rc2 = ng_template_build_view(l->memo, root, l->f->era, kept, d2);
	assert_int_equal(rc1, rc2);
	assert_int_equal(ng_diags_count(d1), ng_diags_count(d2));
	if (rc1 == 0) {
		assert_int_equal(plain->n, kept->n);
		for (size_t i = 0; i < plain->n; i++)
			same_block(&plain->v[i], &kept->v[i]);
		same_str(plain->subject, kept->subject);
		l->built++;
	}
	ng_diags_free(d1);
	ng_diags_free(d2);
	ng_arena_free(a);
}

/* The rows of the example's client list, or the rows above. */
static size_t load_rows(fixture *f, const char *example, ng_rows *out)
{
	char path[512];
	snprintf(path, sizeof path, SRC "/examples/%s/clients.csv", example);
	FILE *fp = fopen(path, "r");
	if (fp) {
		fclose(fp);
		ng_clients_opts co = {.path = path};
		assert_int_equal(ng_clients_load(&co, f->a, out, f->d), 0);
		return out->n;
	}
	out->n = 0;
	out->v = ng_alloc(f->a, NG_ARRAY_LEN(rows) * sizeof *out->v);
	for (size_t i = 0; i < NG_ARRAY_LEN(rows); i++) {
		const char *vals[6];
		size_t n = 0;
		const char *ks[6];
		for (size_t k = 0; k < 6; k++)
			if (*rows[i][k])
				ks[n] = keys[k], vals[n++] = rows[i][k];
		ng_clients_row_from_pairs(ks, vals, n, "rows", f->a, &out->v[out->n]);
		out->v[out->n++].number = i + 1;
	}
	return out->n;
}

/* Two rounds of the record's own letter and each client's. */
static void rounds(letters *l, ng_rows *rs)
{
	for (int round = 0; round < 2; round++) {
		compare(l, NULL);
		for (size_t i = 0; i < rs->n; i++) {
			ng_diags *d = ng_diags_new();
			if (ng_clients_check_row(&rs->v[i], l->f->a, d) == 0) {
				const ng_node *root = ng_batch_view(l->f->a, l->rec, &rs->v[i], d);
				if (root)
					compare(l, root);
			}
			ng_diags_free(d);
		}
	}
}

static void every_example_same_blocks(void **state)
{
	fixture *f = *state;
	size_t built = 0, hits = 0;
	for (size_t x = 0; x < NG_ARRAY_LEN(examples); x++) {
		char path[512];
		snprintf(path, sizeof path, SRC "/examples/%s/incident.yaml", examples[x]);
		ng_record *rec = ng_record_load(path, f->a, f->d);
		assert_non_null(rec);
		ng_rows rs = {0};
		load_rows(f, examples[x], &rs);
		for (size_t k = 0; k < NG_ARRAY_LEN(templates); k++) {
			const ng_template *t = ng_template_load(templates[k], f->a, f->d);
			assert_non_null(t);
			letters l = {f, rec, t, ng_tmpl_memo_new(t, rec, 4 << 20, 8192), 0};
			rounds(&l, &rs);
			ng_tmpl_memo_stats st = ng_tmpl_memo_get_stats(l.memo);
			assert_true(st.bytes <= 4 << 20 && st.entries <= 8192);
			built += l.built;
			hits += st.hits;
			ng_tmpl_memo_free(l.memo);
		}
	}
	assert_true(built > 100);
	assert_true(hits > built);
}

/* The reference record's client letters: the second round copies pieces
 * (more than one per letter); a memo whose caps keep nothing gives the
 * same letters. */
static void kept_pieces_copied(void **state)
{
	fixture *f = *state;
	ng_record *rec = ng_record_load(SRC "/examples/shaamu-2023/incident.yaml", f->a, f->d);
	const ng_template *t = ng_template_load("client-notice", f->a, f->d);
	assert_non_null(rec);
	assert_non_null(t);
	ng_rows rs = {0};
	load_rows(f, "shaamu-2023", &rs);
	assert_true(rs.n >= 2);
	letters l = {f, rec, t, ng_tmpl_memo_new(t, rec, 4 << 20, 8192), 0};
	rounds(&l, &rs);
	ng_tmpl_memo_stats st = ng_tmpl_memo_get_stats(l.memo);
	assert_true(st.entries > 10);
	assert_true(st.hits > 2 * l.built);
	ng_tmpl_memo_free(l.memo);

	letters none = {f, rec, t, ng_tmpl_memo_new(t, rec, 0, 0), 0};
	rounds(&none, &rs);
	st = ng_tmpl_memo_get_stats(none.memo);
	assert_int_equal(st.entries, 0);
	assert_int_equal(st.hits, 0);
	assert_int_equal(none.built, l.built);
	ng_tmpl_memo_free(none.memo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_example_same_blocks),
	    cmocka_unit_test(kept_pieces_copied),
	};
	return cmocka_run_group_tests(tests, era_setup, era_teardown);
}
