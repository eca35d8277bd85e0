/* find.c — what `notice-gen snapshot` renders: the records under the
 * paths it is given (a file, or a folder searched for incident.yaml, else
 * for YAML files that are records), the key of each in the snapshot
 * folder, and the letters each declares — the built-in templates it fits,
 * or the list in a snapshot.yaml beside it, with a sample of client rows. */
/* realpath */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../crypt/crypt.h"
#include "../record/validate.h"
#include "../template/template.h"
#include "snapshot.h"

/* Which audience each built-in template writes for: a record "fits" a
 * template when it has every report item that audience requires. */
static const struct {
	const char *templ;
	ng_audience audience;
} audiences[] = {
    {"client-notice", NG_AUD_CLIENTS},
    {"individual-notice", NG_AUD_INDIVIDUALS},
    {"public-notice", NG_AUD_PUBLIC},
    {"ppc-report", NG_AUD_PPC},
};

enum { DEFAULT_SAMPLE = 2, MAX_LETTERS = 256 };

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && strcmp(s + n - t, tail) == 0;
}

const char *ng_snap_key(ng_arena *a, const char *path)
{
	char cwd[4096];
	size_t n = 0;
	if (path[0] == '/' && getcwd(cwd, sizeof cwd) && (n = strlen(cwd)) > 1 &&
	    strncmp(path, cwd, n) == 0 && path[n] == '/')
		path += n + 1;
	ng_buf b = {0};
	/* Component by component: "." and empty ones dropped, ".." kept
	 * inside the snapshot folder as "__". */
	for (const char *p = path; *p;) {
		size_t len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.')
			ng_buf_adds(&b, b.len ? "/__" : "__");
		else if (len && !(len == 1 && p[0] == '.')) {
			if (b.len)
				ng_buf_addc(&b, '/');
			ng_buf_add(&b, p, len);
		}
		p += len + (p[len] == '/');
	}
	const char *key = ng_strndup(a, b.data ? b.data : "", b.len);
	ng_buf_free(&b);
	size_t k = strlen(key);
	if (ends_with(key, ".yaml"))
		return ng_strndup(a, key, k - 5);
	return ends_with(key, ".yml") ? ng_strndup(a, key, k - 4) : key;
}

/* A YAML file is a record when its top is a map with a `letter` key
 * (client lists are sequences; snapshot.yaml is read separately). */
static bool looks_like_record(const char *path, ng_arena *a)
{
	char *data;
	size_t len;
	if (ng_read_file(path, 4 << 20, &data, &len) != 0)
		return false;
	ng_diags *quiet = ng_diags_new();
	ng_node *root = ng_yaml_load(path, data, len, &ng_yaml_default_limits, a, quiet);
	ng_diags_free(quiet);
	free(data);
	return root && root->kind == NG_NODE_MAP && ng_node_get(root, "letter");
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

typedef struct found {
	ng_snap_record *v;
	size_t n, cap;
	ng_arena *a;
	const char *skip; /* the snapshot folder, never searched */
} found;

/* NAME.snapshot.yaml beside NAME.yaml (a folder of several records), else
 * the folder's snapshot.yaml. */
static const char *config_of(found *f, const char *path, const char *dir)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base) - (ends_with(base, ".yaml") ? 5 : ends_with(base, ".yml") ? 4 : 0);
	const char *own = ng_aprintf(f->a, "%s/%.*s.snapshot.yaml", dir, (int)n, base);
	return access(own, R_OK) == 0 ? own : ng_aprintf(f->a, "%s/snapshot.yaml", dir);
}

static void add_record(found *f, const char *path, const char *dir)
{
	f->v = ng_agrow(f->a, f->v, sizeof *f->v, &f->cap, f->n + 1);
	const char *cfg = config_of(f, path, dir);
	f->v[f->n++] = (ng_snap_record){.path = path,
	                                .key = ng_snap_key(f->a, path),
	                                .config = access(cfg, R_OK) == 0 ? cfg : NULL};
}

static const char *dir_of(ng_arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? ng_strndup(a, path, (size_t)(slash - path)) : ".";
}

/* A folder: its incident.yaml, else its YAML records; then its
 * subfolders, all in name order (the report's order is stable). */
static void search(found *f, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		names = ng_agrow(f->a, names, sizeof *names, &cap, n + 1);
		names[n++] = ng_strdup(f->a, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	const char *incident = ng_aprintf(f->a, "%s/incident.yaml", dir);
	bool has_incident = access(incident, R_OK) == 0;
	if (has_incident)
		add_record(f, incident, dir);
	for (size_t i = 0; i < n && !has_incident; i++) {
		const char *p = ng_aprintf(f->a, "%s/%s", dir, names[i]);
		if ((ends_with(p, ".yaml") || ends_with(p, ".yml")) &&
		    !ends_with(names[i], "snapshot.yaml") && !is_dir(p) &&
		    looks_like_record(p, f->a))
			add_record(f, p, dir);
	}
	for (size_t i = 0; i < n; i++) {
		const char *p = ng_aprintf(f->a, "%s/%s", dir, names[i]);
		char *real = realpath(p, NULL);
		bool skip = real && f->skip && strcmp(real, f->skip) == 0;
		free(real);
		if (!skip && is_dir(p))
			search(f, p);
	}
}

int ng_snap_find(const char *const *paths, size_t npaths, const char *snapdir, ng_arena *a,
                 ng_snap_record **out, size_t *nout, ng_diags *d)
{
	found f = {.a = a};
	char *skip = realpath(snapdir, NULL);
	f.skip = skip ? ng_strdup(a, skip) : NULL;
	free(skip);
	int rc = 0;
	for (size_t i = 0; i < npaths; i++) {
		if (is_dir(paths[i])) {
			search(&f, paths[i]);
		} else if (access(paths[i], R_OK) == 0) {
			add_record(&f, paths[i], dir_of(a, paths[i]));
		} else {
			ng_diag_add(d, NG_D_IO_READ, (ng_pos){paths[i], 0, 0}, paths[i],
			            ng_strerror(errno));
			rc = -1;
		}
	}
	*out = f.v;
	*nout = f.n;
	return rc;
}

/* ---- the letters of a record */

typedef struct letters {
	ng_snap_letter *v;
	size_t n, cap;
	ng_arena *a;
} letters;

static void add_letter(letters *l, const char *templ, const ng_row *row, const char *row_name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].templ, templ) == 0 && l->v[i].row == row)
			return;
	l->v = ng_agrow(l->a, l->v, sizeof *l->v, &l->cap, l->n + 1);
	const char *base = strrchr(templ, '/') ? strrchr(templ, '/') + 1 : templ;
	if (ends_with(base, ".tmpl"))
		base = ng_strndup(l->a, base, strlen(base) - 5);
	const char *name = row ? ng_aprintf(l->a, "%s@%s", base, row_name) : base;
	l->v[l->n++] =
	    (ng_snap_letter){.name = ng_snap_safe_name(l->a, name), .templ = templ, .row = row};
}

const char *ng_snap_safe_name(ng_arena *a, const char *s)
{
	char *out = ng_strdup(a, s);
	/* Bytes a file name must not hold become '_'; UTF-8 stays. */
	for (char *c = out; *c; c++)
		if ((unsigned char)*c < 0x20 || strchr("/\\:*?\"<>| ", *c))
			*c = '_';
	if (out[0] == '.')
		out[0] = '_';
	return out;
}

static bool fits(const ng_record *rec, ng_audience aud)
{
	unsigned need = ng_audience_items(aud);
	for (int i = 1; i < NG_ITEM__END; i++)
		if ((need & (1u << i)) && rec->items[i].state == NG_STATE_ABSENT)
			return false;
	return true;
}

/* The record's own template, then every built-in one it fits. */
static void default_templates(letters *l, const ng_record *rec)
{
	add_letter(l, rec->letter.templ.s ? rec->letter.templ.s : "client-notice", NULL, NULL);
	ng_buf names = {0};
	ng_templates_list(&names, false);
	for (char *p = names.data, *nl; p && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		bool ok = true;
		for (size_t i = 0; i < NG_ARRAY_LEN(audiences); i++)
			if (strcmp(audiences[i].templ, p) == 0)
				ok = fits(rec, audiences[i].audience);
		if (ok)
			add_letter(l, ng_strdup(l->a, p), NULL, NULL);
	}
	ng_buf_free(&names);
}

static void config_error(ng_diags *d, const ng_node *n, const char *field, const char *why)
{
	ng_diag *g = ng_diag_add(d, NG_D_BAD_VALUE, n->pos, field, ng_tr(why));
	ng_diag_hint(d, g,
	             "snapshot.yaml holds `templates: [NAME…]` and `clients: {list: FILE, "
	             "first: N | ids: [ID…], templates: [NAME…], encoding: NAME, columns: "
	             "{HEADER: field}}` (README, Snapshots)");
}

/* A list of scalars (or one scalar) into out; -1 after a diagnostic. */
static int scalars(const ng_node *n, const char *field, const char **out, size_t *k, size_t cap,
                   ng_diags *d)
{
	if (n->kind == NG_NODE_SCALAR) {
		out[(*k)++] = n->value;
		return 0;
	}
	if (n->kind != NG_NODE_SEQ || n->n > cap) {
		config_error(d, n, field, N_("must be a name or a list of at most 256 names"));
		return -1;
	}
	for (size_t i = 0; i < n->n; i++) {
		if (n->items[i]->kind != NG_NODE_SCALAR) {
			config_error(d, n->items[i], field, N_("must be a name"));
			return -1;
		}
		out[(*k)++] = n->items[i]->value;
	}
	return 0;
}

/* A map whose keys are all among keys (NULL-terminated); -1 after
 * diagnostics (not a map, an unknown key with the known ones as hint). */
static int known_map(const ng_node *map, const char *const *keys, const char *where, ng_diags *d)
{
	if (map->kind != NG_NODE_MAP) {
		config_error(d, map, where, N_("must be a map"));
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < map->n; i++) {
		size_t k = 0;
		while (keys[k] && strcmp(keys[k], map->keys[i]->value) != 0)
			k++;
		if (keys[k])
			continue;
		ng_buf known = {0};
		for (k = 0; keys[k]; k++)
			ng_buf_printf(&known, "%s%s", k ? ", " : "", keys[k]);
		ng_diag *g =
		    ng_diag_add(d, NG_D_UNKNOWN_KEY, map->keys[i]->pos, map->keys[i]->value, where);
		ng_diag_hint(d, g, "known keys: %s", known.data);
		ng_buf_free(&known);
		rc = -1;
	}
	return rc;
}

/* How to read the list, as batch's options say it: its path (relative
 * to snapshot.yaml), `encoding` and `columns` (HEADER: field, batch's
 * --column). */
static int list_opts(const ng_snap_record *r, const ng_node *c, ng_arena *a, ng_clients_opts *co,
                     ng_diags *d)
{
	const ng_node *list = ng_node_get(c, "list"), *enc = ng_node_get(c, "encoding"),
	              *cols = ng_node_get(c, "columns");
	*co = (ng_clients_opts){
	    .path = list->value[0] == '/'
	                ? list->value
	                : ng_aprintf(a, "%s/%s", dir_of(a, r->config), list->value)};
	if (enc && enc->kind != NG_NODE_SCALAR) {
		config_error(d, enc, "clients.encoding", N_("must be a name (UTF-8, CP932)"));
		return -1;
	}
	co->encoding = enc ? enc->value : NULL;
	if (!cols)
		return 0;
	if (cols->kind != NG_NODE_MAP) {
		config_error(d, cols, "clients.columns", N_("must map headers to fields"));
		return -1;
	}
	ng_colmap *maps = ng_alloc(a, (cols->n + 1) * sizeof *maps);
	for (size_t i = 0; i < cols->n; i++) {
		if (cols->items[i]->kind != NG_NODE_SCALAR) {
			config_error(d, cols->items[i], "clients.columns", N_("a field is a name"));
			return -1;
		}
		maps[i] = (ng_colmap){cols->keys[i]->value, cols->items[i]->value};
	}
	co->maps = maps;
	co->nmaps = cols->n;
	return 0;
}

/* The sample of client rows: the first N, or the rows with the named ids
 * (each must exist). */
static int client_rows(const ng_snap_record *r, const ng_node *c, letters *l, const char **templs,
                       size_t ntempls, ng_diags *d)
{
	const ng_node *list = ng_node_get(c, "list"), *first = ng_node_get(c, "first"),
	              *ids = ng_node_get(c, "ids");
	if (!list || list->kind != NG_NODE_SCALAR) {
		config_error(d, list ? list : c, "clients.list",
		             N_("names the client list (a file)"));
		return -1;
	}
	if (first && ids) {
		config_error(d, first, "clients.first", N_("give first or ids, not both"));
		return -1;
	}
	const char *idv[MAX_LETTERS];
	size_t nids = 0;
	if (ids && scalars(ids, "clients.ids", idv, &nids, MAX_LETTERS, d) != 0)
		return -1;
	long nfirst = DEFAULT_SAMPLE;
	char *end = NULL;
	if (first &&
	    (first->kind != NG_NODE_SCALAR || (nfirst = strtol(first->value, &end, 10)) < 1 ||
	     *end || nfirst > MAX_LETTERS)) {
		config_error(d, first, "clients.first", N_("must be a number from 1 to 256"));
		return -1;
	}
	ng_clients_opts co;
	if (list_opts(r, c, l->a, &co, d) != 0)
		return -1;
	const char *path = co.path;
	ng_rows rows = {0};
	if (ng_clients_load(&co, l->a, &rows, d) != 0)
		return -1;
	int rc = 0;
	bool *taken = ng_alloc(l->a, (rows.n + 1) * sizeof *taken);
	for (size_t k = 0; k < nids; k++) {
		size_t i = 0;
		for (; i < rows.n; i++) {
			const ng_node *id = ng_node_get(rows.v[i].map, "id");
			if (id && id->kind == NG_NODE_SCALAR && strcmp(id->value, idv[k]) == 0)
				break;
		}
		if (i == rows.n) {
			config_error(
			    d, ids->kind == NG_NODE_SEQ ? ids->items[k] : ids, "clients.ids",
			    ng_aprintf(l->a, ng_tr("no row of %s has id %s"), path, idv[k]));
			rc = -1;
		} else {
			taken[i] = true;
		}
	}
	for (size_t i = 0; i < rows.n && !nids && i < (size_t)nfirst; i++)
		taken[i] = true;
	for (size_t i = 0; i < rows.n; i++) {
		if (!taken[i])
			continue;
		ng_row *row = ng_alloc(l->a, sizeof *row);
		*row = rows.v[i];
		/* As batch does: values checked and normalised, the password
		 * taken out (no template may print it). */
		if (ng_clients_check_row(row, l->a, d) != 0) {
			rc = -1;
			continue;
		}
		ng_password_take(row->map);
		const ng_node *id = ng_node_get(row->map, "id");
		const char *rn = id && id->kind == NG_NODE_SCALAR && *id->value
		                     ? id->value
		                     : ng_aprintf(l->a, "row%zu", row->number);
		for (size_t t = 0; t < ntempls; t++)
			add_letter(l, templs[t], row, rn);
	}
	return rc;
}

static int read_config(const ng_snap_record *r, const ng_record *rec, letters *l, ng_diags *d)
{
	char *data;
	size_t len;
	int err = ng_read_file(r->config, 1 << 20, &data, &len);
	if (err) {
		ng_diag_add(d, NG_D_IO_READ, (ng_pos){r->config, 0, 0}, r->config,
		            ng_strerror(err));
		return -1;
	}
	const char *file = ng_diag_intern(d, r->config);
	ng_node *root = ng_yaml_load(file, data, len, &ng_yaml_default_limits, l->a, d);
	free(data);
	if (!root)
		return -1;
	static const char *const top[] = {"templates", "clients", NULL};
	static const char *const ckeys[] = {"list",     "first",   "ids", "templates",
	                                    "encoding", "columns", NULL};
	if (known_map(root, top, "snapshot.yaml", d) != 0)
		return -1;
	const char *templs[MAX_LETTERS];
	size_t nt = 0;
	const ng_node *t = ng_node_get(root, "templates"), *c = ng_node_get(root, "clients");
	if (t && scalars(t, "templates", templs, &nt, MAX_LETTERS, d) != 0)
		return -1;
	if (t)
		for (size_t i = 0; i < nt; i++)
			add_letter(l, templs[i], NULL, NULL);
	else
		default_templates(l, rec);
	if (!c)
		return 0;
	if (known_map(c, ckeys, "clients", d) != 0)
		return -1;
	const char *ct[MAX_LETTERS];
	size_t nct = 0;
	const ng_node *cts = ng_node_get(c, "templates");
	if (cts && scalars(cts, "clients.templates", ct, &nct, MAX_LETTERS, d) != 0)
		return -1;
	if (!cts)
		ct[nct++] = rec->letter.templ.s ? rec->letter.templ.s : "client-notice";
	return client_rows(r, c, l, ct, nct, d);
}

int ng_snap_letters(const ng_snap_record *r, const ng_record *rec, ng_arena *a,
                    ng_snap_letter **out, size_t *n, ng_diags *d)
{
	letters l = {.a = a};
	int rc = 0;
	if (r->config)
		rc = read_config(r, rec, &l, d);
	else
		default_templates(&l, rec);
	*out = l.v;
	*n = l.n;
	return rc;
}
