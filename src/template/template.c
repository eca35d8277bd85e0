/* template.c — finding and loading template files, and building a
 * letter's block tree from a record through one. */
#include "template.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl.h"

enum { TEMPLATE_CAP = 1 << 20 };

static bool is_path(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".tmpl") == 0);
}

static void hint_builtins(ng_diags *d, ng_diag *g)
{
	ng_buf names = {0};
	ng_templates_list(&names, false);
	for (size_t i = 0; i < names.len; i++)
		if (names.data[i] == '\n')
			names.data[i] = ' ';
	if (names.len)
		ng_diag_hint(d, g, "built-in templates: %s", names.data);
	else /* an installation without its data, or a wrong NOTICE_GEN_HOME */
		ng_diag_hint(d, g, "no templates in %s/templates (set NOTICE_GEN_HOME)",
		             ng_home_dir());
	ng_buf_free(&names);
}

ng_template *ng_template_load(const char *name_or_path, ng_arena *a, ng_diags *d)
{
	const char *path = is_path(name_or_path)
	                       ? ng_strdup(a, name_or_path)
	                       : ng_aprintf(a, "%s/templates/%s.tmpl", ng_home_dir(), name_or_path);
	char *data = NULL;
	size_t len = 0;
	int err = ng_read_file(path, TEMPLATE_CAP, &data, &len);
	if (err == ENOENT && !is_path(name_or_path)) {
		hint_builtins(d, ng_diag_add(d, NG_D_TEMPLATE_UNKNOWN, (ng_pos){0}, name_or_path));
		return NULL;
	}
	if (err) {
		ng_diag_add(d, NG_D_IO_READ, (ng_pos){path, 0, 0}, path, ng_strerror(err));
		return NULL;
	}
	ng_template *t = ng_alloc(a, sizeof *t);
	int rc = tmpl_parse(t, path, data, len, a, d, 0);
	free(data);
	if (rc != 0)
		return NULL;
	if (!t->name)
		t->name = name_or_path;
	return t;
}

ng_template *ng_template_parse(const char *name, const char *text, size_t len, ng_arena *a,
                               ng_diags *d)
{
	ng_template *t = ng_alloc(a, sizeof *t);
	const char *file = ng_strdup(a, name);
	if (tmpl_parse(t, file, text, len, a, d, 0) != 0)
		return NULL;
	if (!t->name)
		t->name = file;
	return t;
}

/* Seconds since the epoch of 00:00 JST on a date (days from civil). */
static long long jst_midnight(ng_date d)
{
	int y = d.y - (d.m <= 2);
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468) * 86400 - 9 * 3600;
}

int ng_template_build(const ng_template *t, const ng_record *rec, ng_era *era, ng_doc *doc,
                      ng_diags *d)
{
	return tmpl_build(t, NULL, rec, era, doc, d);
}

int tmpl_build(const ng_template *t, t_memo *m, const ng_record *rec, ng_era *era, ng_doc *doc,
               ng_diags *d)
{
	/* The addressee from the tree: a batch view changes it per client. */
	const ng_node *to = ng_node_get(ng_node_get(rec->root, "letter"), "addressee");
	doc->title = rec->letter.title.s;
	doc->author = rec->sender.organization.s;
	doc->subject = to && to->kind == NG_NODE_SCALAR ? to->value : rec->letter.addressee.s;
	if (doc->subject && !*doc->subject) /* addressee: none */
		doc->subject = NULL;
	doc->date_epoch = jst_midnight(rec->letter.date.v);
	/* A batch row's addressee may be one person where the record's is
	 * many, or be called by name: the letter's reader follows it. */
	ng_record own;
	const ng_node *root = ng_words_letter(doc->arena, rec->root);
	if (root != rec->root) {
		own = *rec;
		own.root = root;
		rec = &own;
	}
	return tmpl_run(t, m, rec, era, doc, d);
}

void ng_template_report_omits(const ng_template *t, const ng_record *rec, ng_diags *d)
{
	tmpl_report_omits(t, rec, d);
}

const char *ng_template_name(const ng_template *t)
{
	return t->name;
}

const char *ng_template_description(const ng_template *t)
{
	return t->description ? t->description : "";
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the @description line of a template file. */
static void describe(const char *path, ng_buf *out)
{
	char *data;
	size_t len;
	if (ng_read_file(path, TEMPLATE_CAP, &data, &len) != 0)
		return;
	const char *p = strstr(data, "@description ");
	if (p) {
		p += 13;
		ng_buf_adds(out, "\t");
		ng_buf_add(out, p, strcspn(p, "\r\n"));
	}
	free(data);
}

void ng_templates_list(ng_buf *out, bool descriptions)
{
	char *dir = NULL;
	ng_arena *a = ng_arena_new();
	dir = ng_aprintf(a, "%s/templates", ng_home_dir());
	DIR *dh = opendir(dir);
	char *names[256];
	size_t n = 0;
	for (struct dirent *e; dh && (e = readdir(dh)) && n < NG_ARRAY_LEN(names);) {
		size_t len = strlen(e->d_name);
		/* Files starting with _ are partials for {% include %}. */
		if (len > 5 && e->d_name[0] != '_' && strcmp(e->d_name + len - 5, ".tmpl") == 0)
			names[n++] = ng_strndup(a, e->d_name, len - 5);
	}
	if (dh)
		closedir(dh);
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		ng_buf_adds(out, names[i]);
		if (descriptions)
			describe(ng_aprintf(a, "%s/%s.tmpl", dir, names[i]), out);
		ng_buf_addc(out, '\n');
	}
	ng_arena_free(a);
}
