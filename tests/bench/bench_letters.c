/* bench_letters.c — warm per-letter time: opens one engine (record, fonts,
 * ICU objects loaded once) and renders N letters after one warm-up
 * letter per input, checking that every letter is byte-identical to its
 * warm-up. The input is the record's own letter, or with -c the
 * per-client letters of a client list, in turn, made as `batch` makes
 * them: each row checked, then viewed through the record, and the letter
 * rendered with its kept head apart (the shared fonts' objects, written
 * by the batch with writev, never copied into the letter's buffer). With
 * -H each letter is also hashed as the batch hashes it for its manifest
 * (SHA-256 resumed after the kept head), timed apart from rendering.
 * Built by CMake, run by scripts/bench, never by CTest.
 *
 * usage: bench_letters INCIDENT.yaml [-n N] [-c CLIENTS.csv [-H]] [-o FIRST.pdf]
 * prints: letters=N bytes=B first_ms=F median_ms=M mean_ms=A p90_ms=P
 *         [hash_median_ms=H hash_mean_ms=HA]
 * (bytes: of the first input's letter; first_ms: the first letter, which
 * also builds the fonts its template's letters share; median_ms … the
 * rendering alone) */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "batch/batch_int.h"
#include "batch/clients.h"
#include "core/engine.h"

typedef struct opts {
	const char *input, *output, *clients;
	long n;
	bool hash; /* -H: hash each letter as the batch does */
} opts;

/* The letters to render, in turn, and each one's warm-up bytes. */
typedef struct inputs {
	ng_letter_in *in;
	ng_buf *want;
	size_t n;
} inputs;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int parse(int argc, char **argv, opts *o)
{
	*o = (opts){.n = 200};
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			o->n = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			o->output = argv[++i];
		else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			o->clients = argv[++i];
		else if (strcmp(argv[i], "-H") == 0)
			o->hash = true;
		else if (argv[i][0] != '-' && !o->input)
			o->input = argv[i];
		else
			return -1;
	}
	return o->input && o->n > 0 && (!o->hash || o->clients) ? 0 : -1;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Per-letter times in ms: rendering, and hashing (-H). */
typedef struct times {
	double *ms, *hash_ms;
	double sum, hash_sum, first_ms;
} times;

static void print_times(const times *t, long n, size_t bytes, bool hash)
{
	qsort(t->ms, (size_t)n, sizeof *t->ms, by_value);
	printf("letters=%ld bytes=%zu first_ms=%.3f median_ms=%.3f mean_ms=%.3f p90_ms=%.3f", n,
	       bytes, t->first_ms, t->ms[n / 2], t->sum / (double)n, t->ms[n * 9 / 10]);
	if (hash) {
		qsort(t->hash_ms, (size_t)n, sizeof *t->hash_ms, by_value);
		printf(" hash_median_ms=%.4f hash_mean_ms=%.4f", t->hash_ms[n / 2],
		       t->hash_sum / (double)n);
	}
	putchar('\n');
}

/* One letter into out; its wall time in ms, or -1 on failure. */
static double letter(ng_engine *e, const ng_letter_in *in, ng_letter_out *out, ng_diags *d)
{
	double t0 = now_ms();
	if (ng_engine_letter(e, in, out, d) != NG_OK) {
		ng_diags_print(d, stderr, 0);
		return -1;
	}
	return now_ms() - t0;
}

/* The letter's SHA-256 as the batch makes it for its manifest (do_row's
 * seal): resumed after the kept head. Its wall time in ms. */
static double hash(ng_sha_prefix *p, const ng_letter_out *out)
{
	char hex[65];
	double t0 = now_ms();
	if (out->head)
		ng_sha256_split(p, out->head, out->head_len, out->bytes.data, out->bytes.len,
		                out->shared_id, hex);
	else
		ng_sha256_prefixed(p, out->bytes.data, out->bytes.len, out->shared, out->shared_id,
		                   hex);
	return now_ms() - t0;
}

/* The whole letter (its kept head, then its buffer) into b. */
static void whole(const ng_letter_out *out, ng_buf *b)
{
	ng_buf_reset(b);
	ng_buf_add(b, out->head, out->head ? out->head_len : 0);
	ng_buf_add(b, out->bytes.data, out->bytes.len);
}

/* Whether the letter in out is want, byte for byte. */
static bool same(const ng_letter_out *out, const ng_buf *want)
{
	size_t hl = out->head ? out->head_len : 0;
	return hl + out->bytes.len == want->len && memcmp(want->data, out->head, hl) == 0 &&
	       memcmp(want->data + hl, out->bytes.data, out->bytes.len) == 0;
}

static int write_out(const char *path, const ng_buf *b)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(b->data, 1, b->len, f) != b->len) {
		if (f)
			fclose(f);
		return -1;
	}
	return fclose(f);
}

/* One input per valid client row (views in the engine's arena). */
static int client_inputs(ng_engine *e, const opts *o, const ng_letter_in *base, inputs *ins,
                         ng_diags *d)
{
	ng_arena *a = ng_engine_arena(e);
	ng_rows rows = {0};
	ng_clients_opts co = {.path = o->clients};
	if (ng_clients_load(&co, a, &rows, d) != 0)
		return -1;
	ins->in = calloc(rows.n + 1, sizeof *ins->in);
	for (size_t i = 0; i < rows.n; i++) {
		ng_letter_in in = *base;
		if (ng_clients_check_row(&rows.v[i], a, d) == 0 &&
		    (in.root = ng_batch_view(a, ng_engine_record(e), &rows.v[i], d)))
			ins->in[ins->n++] = in;
	}
	return ins->n ? 0 : -1;
}

static int make_inputs(ng_engine *e, const opts *o, inputs *ins, ng_diags *d)
{
	/* A batch's plain letters keep their head apart (batch.c's render_row). */
	ng_letter_in base = {.templ = ng_engine_template(e, NULL, d),
	                     .format = NG_FORMAT_PDF,
	                     .head_apart = o->clients != NULL};
	if (!base.templ)
		return -1;
	if (o->clients && client_inputs(e, o, &base, ins, d) != 0)
		return -1;
	if (!o->clients) {
		ins->in = calloc(1, sizeof *ins->in);
		ins->in[ins->n++] = base;
	}
	ins->want = calloc(ins->n, sizeof *ins->want);
	return 0;
}

/* Renders each input once, then o->n letters in turn (and hashes them
 * with -H); 0 when every letter matches its input's first. */
static int run(ng_engine *e, const opts *o, ng_diags *d)
{
	inputs ins = {0};
	ng_letter_out out = {0};
	times t = {.ms = malloc((size_t)o->n * sizeof *t.ms),
	           .hash_ms = malloc((size_t)o->n * sizeof *t.hash_ms),
	           .first_ms = -1};
	ng_sha_prefix *sha = ng_sha_prefix_new();
	int rc = make_inputs(e, o, &ins, d) ? 1 : 0;
	for (size_t i = 0; i < ins.n && rc == 0; i++) {
		double ms = letter(e, &ins.in[i], &out, d);
		t.first_ms = i == 0 ? ms : t.first_ms;
		rc = ms < 0;
		if (rc == 0 && o->hash)
			hash(sha, &out);
		whole(&out, &ins.want[i]);
	}
	for (long i = 0; i < o->n && rc == 0; i++) {
		const ng_buf *want = &ins.want[(size_t)i % ins.n];
		t.ms[i] = letter(e, &ins.in[(size_t)i % ins.n], &out, d);
		t.sum += t.ms[i];
		rc = t.ms[i] < 0 || !same(&out, want);
		t.hash_ms[i] = rc == 0 && o->hash ? hash(sha, &out) : 0;
		t.hash_sum += t.hash_ms[i];
	}
	if (rc == 0)
		print_times(&t, o->n, ins.want[0].len, o->hash);
	else
		fprintf(stderr, "bench_letters: a letter failed or differed from its first\n");
	if (rc == 0 && o->output && write_out(o->output, &ins.want[0]))
		rc = 1;
	for (size_t i = 0; i < ins.n; i++)
		ng_buf_free(&ins.want[i]);
	ng_sha_prefix_free(sha);
	free(ins.want);
	free(ins.in);
	free(t.ms);
	free(t.hash_ms);
	ng_buf_free(&out.bytes);
	return rc;
}

int main(int argc, char **argv)
{
	opts o;
	if (parse(argc, argv, &o)) {
		fprintf(stderr, "usage: bench_letters INCIDENT.yaml [-n N] [-c CLIENTS.csv [-H]] "
		                "[-o FIRST.pdf]\n");
		return 2;
	}
	ng_diags *d = ng_diags_new();
	ng_status st;
	ng_engine *e = ng_engine_open(o.input, d, &st);
	int rc = e ? run(e, &o, d) : 1;
	if (!e)
		ng_diags_print(d, stderr, 0);
	ng_engine_free(e);
	ng_diags_free(d);
	return rc;
}
