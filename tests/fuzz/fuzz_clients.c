/* fuzz_clients.c — libFuzzer target: any bytes as a client list, CSV or
 * YAML, in a detected or given encoding (the first byte chooses), then each
 * row checked, turned into its letter's view of the reference record, and
 * given a file name and a journal line. Checks what batch promises: safe
 * file names, and journal lines that read back as written. The list is a
 * memfd reached through symlinks named list.csv and list.yaml, since the
 * reader takes a path and goes by its extension. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "batch/batch_int.h"

#define EXAMPLE NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml"

static int memfd = -1;
static char dir[64], csv_path[96], yaml_path[96];
static ng_arena *rec_arena;
static ng_record *rec;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char target[64];
	memfd = memfd_create("fuzz-list", 0);
	snprintf(dir, sizeof dir, "/tmp/ng-fuzz-clients-XXXXXX");
	if (memfd < 0 || !mkdtemp(dir))
		abort();
	snprintf(target, sizeof target, "/proc/%d/fd/%d", (int)getpid(), memfd);
	snprintf(csv_path, sizeof csv_path, "%s/list.csv", dir);
	snprintf(yaml_path, sizeof yaml_path, "%s/list.yaml", dir);
	if (symlink(target, csv_path) != 0 || symlink(target, yaml_path) != 0)
		abort();
	ng_diags *d = ng_diags_new();
	rec_arena = ng_arena_new();
	rec = ng_record_load(EXAMPLE, rec_arena, d);
	if (!rec)
		abort();
	ng_diags_free(d);
	return 0;
}

/* A file name batch may write: no separator, no leading dot, no control
 * or bidi character, valid UTF-8, within the length cap. */
static void bad_name(const char *name, const char *why)
{
	fprintf(stderr, "unsafe file name (%s): '%s'\n", why, name);
	abort();
}

static void check_name(const char *name)
{
	size_t len = strlen(name);
	const char *dash = strchr(name, '-'), *dot = strrchr(name, '.');
	if (dash && dot > dash && dot - dash - 1 > 80)
		bad_name(name, "more than 80 bytes of name");
	if (name[0] == '.' || strchr(name, '/'))
		bad_name(name, "a dot or slash");
	if (ng_utf8_invalid_at(name, len) != (size_t)-1)
		bad_name(name, "invalid UTF-8");
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = ng_utf8_decode(name + i, len - i, &cp);
		if (cp < 0x20 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			bad_name(name, "a control or bidi character");
		i += n;
	}
}

static bool same(const char *a, const char *b)
{
	return (!a || !*a) ? (!b || !*b) : b && strcmp(a, b) == 0;
}

/* The journal line of a row's result reads back as written. */
static void check_journal(ng_arena *a, const ng_row *row, const char *file)
{
	const ng_node *name = ng_node_get(row->map, "name");
	const ng_node *addr = ng_node_get(row->map, "address");
	ng_result r = {.row = row->number, .status = NG_ROW_OK, .file = file};
	r.name = name && name->kind == NG_NODE_SCALAR ? name->value : NULL;
	r.address = addr && addr->kind == NG_NODE_SCALAR ? addr->value : NULL;
	ng_buf line = {0};
	ng_result_line(&r, &line);
	line.data[--line.len] = '\0'; /* the newline */
	ng_result back;
	if (ng_result_parse(line.data, a, &back) != 0 || back.row != r.row ||
	    !same(r.name, back.name) || !same(r.address, back.address) || !same(file, back.file))
		abort();
	ng_buf_free(&line);
}

static void each_row(ng_arena *a, ng_row *row)
{
	ng_diags *d = ng_diags_new();
	if (ng_clients_check_row(row, a, d) == 0) {
		ng_batch_view(a, rec, row, d);
		const ng_node *name = ng_node_get(row->map, "name");
		const char *file = ng_batch_file_name(a, row->number, name->value, "pdf");
		check_name(file);
		check_journal(a, row, file);
	}
	ng_diags_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = {NULL, "UTF-8", "windows-31j", "EUC-JP"};
	static const ng_colmap maps[] = {{"Name", "name"}, {"x", "address"}};
	if (size < 1 || ftruncate(memfd, 0) != 0 ||
	    pwrite(memfd, data + 1, size - 1, 0) != (ssize_t)(size - 1))
		return 0;
	ng_clients_opts o = {.path = data[0] & 1 ? yaml_path : csv_path,
	                     .encoding = encodings[(data[0] >> 1) & 3],
	                     .maps = maps,
	                     .nmaps = data[0] & 8 ? 2 : 0};
	ng_arena *a = ng_arena_new();
	ng_diags *d = ng_diags_new();
	ng_rows rows;
	if (ng_clients_load(&o, a, &rows, d) == 0)
		for (size_t i = 0; i < rows.n; i++)
			each_row(a, &rows.v[i]);
	else if (ng_diags_errors(d) == 0)
		abort();
	ng_diags_free(d);
	ng_arena_free(a);
	return 0;
}
