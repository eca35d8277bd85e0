/* bench_letters.c — warm per-letter time: opens one engine (record, fonts,
 * ICU objects loaded once) and renders N letters after one warm-up
 * letter per input, checking that every letter is byte-identical to its
 * warm-up. The input is the record's own letter, or with -c the
 * per-client letters of a client list, in turn (each row as in `batch`:
 * checked, then viewed through the record). Built by CMake, run by
 * scripts/bench, never by CTest.
 *
 * usage: bench_letters INCIDENT.yaml [-n N] [-c CLIENTS.csv] [-o FIRST.pdf]
 * prints: letters=N bytes=B first_ms=F median_ms=M mean_ms=A p90_ms=P
 * (bytes: of the first input's letter; first_ms: the first letter, which
 * also builds the fonts its template's letters share) */
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
		else if (argv[i][0] != '-' && !o->input)
			o->input = argv[i];
		else
			return -1;
	}
	return o->input && o->n > 0 ? 0 : -1;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void print_times(double *ms, long n, double sum, double first_ms, size_t bytes)
{
	qsort(ms, (size_t)n, sizeof *ms, by_value);
	printf("letters=%ld bytes=%zu first_ms=%.3f median_ms=%.3f mean_ms=%.3f p90_ms=%.3f\n", n,
	       bytes, first_ms, ms[n / 2], sum / (double)n, ms[n * 9 / 10]);
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
	ng_letter_in base = {.templ = ng_engine_template(e, NULL, d), .format = NG_FORMAT_PDF};
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

/* Renders each input once, then o->n letters in turn; 0 when every
 * letter matches its input's first. */
static int run(ng_engine *e, const opts *o, ng_diags *d)
{
	inputs ins = {0};
	ng_letter_out out = {0};
	double *ms = malloc((size_t)o->n * sizeof *ms), sum = 0, first_ms = -1;
	int rc = make_inputs(e, o, &ins, d) ? 1 : 0;
	for (size_t i = 0; i < ins.n && rc == 0; i++) {
		double t = letter(e, &ins.in[i], &out, d);
		first_ms = i == 0 ? t : first_ms;
		rc = t < 0;
		ng_buf_add(&ins.want[i], out.bytes.data, out.bytes.len);
	}
	for (long i = 0; i < o->n && rc == 0; i++) {
		const ng_buf *want = &ins.want[(size_t)i % ins.n];
		ms[i] = letter(e, &ins.in[(size_t)i % ins.n], &out, d);
		sum += ms[i];
		rc = ms[i] < 0 || out.bytes.len != want->len ||
		     memcmp(out.bytes.data, want->data, want->len) != 0;
	}
	if (rc == 0)
		print_times(ms, o->n, sum, first_ms, ins.want[0].len);
	else
		fprintf(stderr, "bench_letters: a letter failed or differed from its first\n");
	if (rc == 0 && o->output && write_out(o->output, &ins.want[0]))
		rc = 1;
	for (size_t i = 0; i < ins.n; i++)
		ng_buf_free(&ins.want[i]);
	free(ins.want);
	free(ins.in);
	free(ms);
	ng_buf_free(&out.bytes);
	return rc;
}

int main(int argc, char **argv)
{
	opts o;
	if (parse(argc, argv, &o)) {
		fprintf(stderr, "usage: bench_letters INCIDENT.yaml [-n N] [-c CLIENTS.csv] "
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
