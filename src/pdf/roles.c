/* roles.c — reads fonts/roles.tsv: which font family each role uses,
 * which Debian package provides it (named in the font-missing message)
 * and where that package installs the font file.
 * Format: one `role<TAB>family<TAB>debian-package[<TAB>file]` a line;
 * blank lines and lines starting with '#' are comments. The file is an
 * absolute path; left out or empty, fontconfig is asked for the family.
 * Every role of layout's must be given (the fallback role may be left
 * out); a role given on several lines lists fallbacks, in order of
 * preference. */
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

#define ROLES_MAX_BYTES (64 * 1024)

static const char *const role_names[NG_ROLES] = {
    [NG_FONT_BODY] = "body",
    [NG_FONT_HEADING] = "heading",
    [NG_ROLE_FALLBACK] = "fallback",
};

static int role_by_name(const char *s, size_t n)
{
	for (int r = 0; r < NG_ROLES; r++)
		if (strlen(role_names[r]) == n && memcmp(role_names[r], s, n) == 0)
			return r;
	return -1;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = ng_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static int bad_line(ng_diags *d, const char *path, int line, const char *what)
{
	ng_pos pos = {path, line, 1};
	ng_diag_add(d, NG_D_FONT_CONFIG, pos, ng_tr(what));
	return -1;
}

/* Splits line[0..n) at tabs into at most max fields; returns how many,
 * or max + 1 when there are more. */
static int split(const char *line, size_t n, const char *f[], size_t len[], int max)
{
	int k = 0;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && line[i] != '\t')
			continue;
		if (k == max)
			return max + 1;
		f[k] = line + start;
		len[k++] = i - start;
		start = i + 1;
	}
	return k;
}

static int parse_line(ng_roles *roles, const char *line, size_t n, const char *path, int lineno,
                      ng_diags *d)
{
	const char *f[4];
	size_t len[4];
	if (n && line[n - 1] == '\r')
		n--;
	if (n == 0 || line[0] == '#')
		return 0;
	int k = split(line, n, f, len, 4);
	if (k < 3 || k > 4 || !len[0] || !len[1] || !len[2])
		return bad_line(d, path, lineno,
		                N_("expected role<TAB>family<TAB>debian-package[<TAB>file]"));
	bool file = k == 4 && len[3];
	if (file && f[3][0] != '/')
		return bad_line(d, path, lineno, N_("the font file must be an absolute path"));
	int r = role_by_name(f[0], len[0]);
	if (r < 0)
		return bad_line(d, path, lineno,
		                N_("unknown font role (expected body, heading or fallback)"));
	if (roles->n[r] == NG_FONT_CHOICES)
		return bad_line(d, path, lineno, N_("too many fallbacks for a font role"));
	roles->family[r][roles->n[r]] = xstrndup(f[1], len[1]);
	roles->package[r][roles->n[r]] = xstrndup(f[2], len[2]);
	roles->file[r][roles->n[r]++] = file ? xstrndup(f[3], len[3]) : NULL;
	return 0;
}

static int check_complete(const ng_roles *roles, const char *path, ng_diags *d)
{
	for (int r = 0; r < NG_FONT__COUNT; r++) {
		if (roles->n[r])
			continue;
		ng_pos pos = {path, 0, 0};
		ng_diag *g =
		    ng_diag_add(d, NG_D_FONT_CONFIG, pos, ng_tr("a font role is not configured"));
		ng_diag_hint(d, g, "add a line: %s<TAB>FAMILY<TAB>DEBIAN-PACKAGE", role_names[r]);
		return -1;
	}
	return 0;
}

int ng_roles_read(ng_roles *roles, const char *path, ng_diags *d)
{
	char *data;
	size_t len;
	int err = ng_read_file(path, ROLES_MAX_BYTES, &data, &len);
	if (err) {
		ng_diag_add(d, NG_D_IO_READ, (ng_pos){path, 0, 0}, path, ng_strerror(err));
		return -1;
	}
	int rc = 0, lineno = 0;
	for (size_t i = 0; i < len && rc == 0;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (data + i)) : len - i;
		rc = parse_line(roles, data + i, n, path, ++lineno, d);
		i += n + 1;
	}
	free(data);
	return rc ? rc : check_complete(roles, path, d);
}

void ng_roles_free(ng_roles *roles)
{
	for (int r = 0; r < NG_ROLES; r++) {
		for (int k = 0; k < roles->n[r]; k++) {
			free(roles->family[r][k]);
			free(roles->package[r][k]);
			free(roles->file[r][k]);
		}
		roles->n[r] = 0;
	}
}
