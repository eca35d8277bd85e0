/* watch.c — ng_watch: render, then render again whenever the record or a
 * template changes (Linux inotify), so a user can edit a record beside an
 * open PDF viewer. Folders are watched, not files: editors save by
 * writing a new file and renaming it over the old one, which a watch on
 * the old file would miss. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "../util/diag.h"
#include "../util/util.h"
#include "notice_gen.h"

enum { MAX_DIRS = 4 };

typedef struct watcher {
	int fd;
	int wd[MAX_DIRS];
	bool templates[MAX_DIRS]; /* any *.tmpl changing here counts */
	size_t n;
	int record_wd;
	const char *record_name; /* the record's file name in its folder */
} watcher;

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return ng_xstrdup(".");
	if (slash == path)
		return ng_xstrdup("/");
	char *d = ng_xmalloc((size_t)(slash - path) + 1);
	memcpy(d, path, (size_t)(slash - path));
	d[slash - path] = '\0';
	return d;
}

/* Watches dir (once); returns its watch descriptor or -1. */
static int add_dir(watcher *w, const char *dir, bool templates)
{
	int wd = inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE);
	if (wd < 0)
		return -1;
	for (size_t i = 0; i < w->n; i++)
		if (w->wd[i] == wd) {
			w->templates[i] |= templates;
			return wd;
		}
	if (w->n < MAX_DIRS) {
		w->wd[w->n] = wd;
		w->templates[w->n++] = templates;
	}
	return wd;
}

static bool is_template_path(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".tmpl") == 0);
}

/* The record's folder, the built-in templates' folder (a built-in
 * template and its partials), and a template file's folder. */
static int watch_inputs(watcher *w, const ng_render_opts *o, ng_diags *d)
{
	char *rdir = dir_of(o->input);
	const char *slash = strrchr(o->input, '/');
	w->record_name = slash ? slash + 1 : o->input;
	w->record_wd = add_dir(w, rdir, false);
	int rc = w->record_wd < 0 ? -1 : 0;
	if (rc)
		ng_diag_add(d, NG_D_IO_READ, (ng_pos){o->input, 0, 0}, rdir, ng_strerror(errno));
	free(rdir);
	char tdir[PATH_MAX + 16];
	snprintf(tdir, sizeof tdir, "%s/templates", ng_home_dir());
	add_dir(w, tdir, true); /* missing: the render reports it */
	if (o->templ && is_template_path(o->templ)) {
		char *dir = dir_of(o->templ);
		add_dir(w, dir, true);
		free(dir);
	}
	return rc;
}

static bool ends_with_tmpl(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".tmpl") == 0;
}

/* Whether one event is about an input (not, say, the letter just
 * written into the record's folder). */
static bool relevant(const watcher *w, const struct inotify_event *ev)
{
	if (!ev->len)
		return false;
	if (ev->wd == w->record_wd && strcmp(ev->name, w->record_name) == 0)
		return true;
	for (size_t i = 0; i < w->n; i++)
		if (w->wd[i] == ev->wd && w->templates[i] && ends_with_tmpl(ev->name))
			return true;
	return false;
}

/* Reads what is pending (waiting for it when wait); true when an input
 * changed. A save is several events: all that are queued are taken. */
static int read_events(watcher *w, bool wait, bool *changed)
{
	char buf[64 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	struct pollfd p = {.fd = w->fd, .events = POLLIN};
	int r = poll(&p, 1, wait ? -1 : 0);
	if (r < 0)
		return errno == EINTR ? 0 : -1;
	if (r == 0)
		return 0;
	ssize_t len = read(w->fd, buf, sizeof buf);
	if (len < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	for (char *p = buf; p < buf + len;) {
		const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
		*changed |= relevant(w, ev);
		p += sizeof *ev + ev->len;
	}
	return 1;
}

static int wait_for_change(watcher *w)
{
	bool changed = false;
	while (!changed)
		if (read_events(w, true, &changed) < 0)
			return -1;
	/* the rest of the same save */
	for (int r; (r = read_events(w, false, &changed)) > 0;)
		;
	return 0;
}

ng_status ng_watch(const ng_watch_opts *o, ng_diags *diags)
{
	watcher w = {.fd = inotify_init1(IN_CLOEXEC)};
	if (w.fd < 0) {
		ng_diag_add(diags, NG_D_IO_READ, (ng_pos){0}, "inotify", ng_strerror(errno));
		return NG_ERR_IO;
	}
	ng_status st = NG_ERR_IO;
	/* Watches come first: a change made once the first render is
	 * reported is never missed. */
	if (watch_inputs(&w, &o->render, diags) == 0) {
		for (int n = 1;; n++) {
			ng_diags *d = ng_diags_new();
			st = ng_render(&o->render, d);
			if (o->rendered)
				o->rendered(o->ctx, n, st, d);
			ng_diags_free(d);
			if ((o->count > 0 && n >= o->count) || wait_for_change(&w) != 0)
				break;
		}
	}
	close(w.fd);
	return st;
}
