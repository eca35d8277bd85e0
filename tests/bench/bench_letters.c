/* bench_letters.c — warm per-letter time: opens one engine (record, fonts,
 * ICU objects loaded once) and renders the same letter N times after one
 * warm-up letter, checking that every letter is byte-identical to the
 * first. Built by CMake, run by scripts/bench, never by CTest.
 *
 * usage: bench_letters INCIDENT.yaml [-n N] [-o LAST.pdf]
 * prints: letters=N bytes=B first_ms=F median_ms=M mean_ms=A p90_ms=P */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/engine.h"

typedef struct opts {
	const char *input, *output;
	long n;
} opts;

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

/* Renders o->n letters after the first; 0 when all match the first. */
static int run(ng_engine *e, const opts *o, ng_diags *d)
{
	ng_letter_in in = {.templ = ng_engine_template(e, NULL, d), .format = NG_FORMAT_PDF};
	ng_letter_out first = {0}, out = {0};
	double *ms = malloc((size_t)o->n * sizeof *ms), sum = 0;
	double first_ms = in.templ ? letter(e, &in, &first, d) : -1;
	int rc = first_ms < 0 ? 1 : 0;
	for (long i = 0; i < o->n && rc == 0; i++) {
		ms[i] = letter(e, &in, &out, d);
		sum += ms[i];
		if (ms[i] < 0 || out.bytes.len != first.bytes.len ||
		    memcmp(out.bytes.data, first.bytes.data, first.bytes.len) != 0)
			rc = 1;
	}
	if (rc == 0)
		print_times(ms, o->n, sum, first_ms, first.bytes.len);
	else
		fprintf(stderr, "bench_letters: a letter failed or differed from the first\n");
	if (rc == 0 && o->output && write_out(o->output, &first.bytes))
		rc = 1;
	free(ms);
	ng_buf_free(&first.bytes);
	ng_buf_free(&out.bytes);
	return rc;
}

int main(int argc, char **argv)
{
	opts o;
	if (parse(argc, argv, &o)) {
		fprintf(stderr, "usage: bench_letters INCIDENT.yaml [-n N] [-o LAST.pdf]\n");
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
