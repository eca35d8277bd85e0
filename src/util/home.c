/* home.c — where templates/, data/ and fonts/ are. An installed program
 * (or a program linked with the installed library) finds them relative to
 * its own file, so a tree copied to another prefix, or unpacked from the
 * .deb anywhere, still works; a program built in this project's build
 * folder uses the source tree it was built from, so edits to templates
 * show at once. Nothing else ever reaches into the source tree. */
#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* Set by CMake: the data folder relative to the installed bin/ and lib/
 * folders, and as an absolute path (the configured prefix). */
#ifndef NG_REL_DATA_FROM_BIN
#define NG_REL_DATA_FROM_BIN "../share/notice-gen"
#endif
#ifndef NG_REL_DATA_FROM_LIB
#define NG_REL_DATA_FROM_LIB "../share/notice-gen"
#endif
#ifndef NG_INSTALL_DATADIR
#define NG_INSTALL_DATADIR "/usr/local/share/notice-gen"
#endif

static char home[PATH_MAX];
static pthread_once_t home_once = PTHREAD_ONCE_INIT;

static bool has_templates(const char *dir)
{
	char probe[PATH_MAX * 3];
	snprintf(probe, sizeof probe, "%s/templates", dir);
	return access(probe, R_OK | X_OK) == 0;
}

/* The folder of the file this code was loaded from: the shared library,
 * or the program it is linked into. */
static const char anchor; /* an address inside this module, for dladdr */

static bool module_dir(char *out, size_t n)
{
	Dl_info info;
	char real[PATH_MAX];
	if (!dladdr(&anchor, &info) || !info.dli_fname || !realpath(info.dli_fname, real)) {
		ssize_t len = readlink("/proc/self/exe", real, sizeof real - 1);
		if (len <= 0)
			return false;
		real[len] = '\0';
	}
	char *slash = strrchr(real, '/');
	if (!slash)
		return false;
	*slash = '\0';
	snprintf(out, n, "%s", real);
	return true;
}

/* Whether dir is the build folder or inside it. */
static bool in_build_tree(const char *dir)
{
#ifdef NG_BINARY_DIR
	char real[PATH_MAX];
	if (!realpath(NG_BINARY_DIR, real))
		return false;
	size_t n = strlen(real);
	return strncmp(dir, real, n) == 0 && (dir[n] == '\0' || dir[n] == '/');
#else
	(void)dir;
	return false;
#endif
}

/* Without the program's own location (no /proc, as in a bare chroot):
 * the configured prefix, else where packages put it. */
static void fallback_home(void)
{
	static const char *const dirs[] = {NG_INSTALL_DATADIR, "/usr/share/notice-gen",
	                                   "/usr/local/share/notice-gen"};
	snprintf(home, sizeof home, "%s", dirs[0]);
	for (size_t i = 0; i < NG_ARRAY_LEN(dirs); i++)
		if (has_templates(dirs[i])) {
			snprintf(home, sizeof home, "%s", dirs[i]);
			return;
		}
}

static void find_home(void)
{
	char dir[PATH_MAX];
	fallback_home();
	if (!module_dir(dir, sizeof dir))
		return;
#ifdef NG_SOURCE_DIR
	if (in_build_tree(dir)) {
		snprintf(home, sizeof home, "%s", NG_SOURCE_DIR);
		return;
	}
#endif
	static const char *const rel[] = {NG_REL_DATA_FROM_BIN, NG_REL_DATA_FROM_LIB};
	for (size_t i = 0; i < NG_ARRAY_LEN(rel); i++) {
		char cand[PATH_MAX * 2], real[PATH_MAX];
		snprintf(cand, sizeof cand, "%s/%s", dir, rel[i]);
		if (has_templates(cand) && realpath(cand, real)) {
			snprintf(home, sizeof home, "%s", real);
			return;
		}
	}
}

static char locale_dir[PATH_MAX + 16];

static void find_locale_dir(void)
{
	char dir[PATH_MAX];
#ifdef NG_BINARY_DIR
	if (module_dir(dir, sizeof dir) && in_build_tree(dir)) {
		snprintf(locale_dir, sizeof locale_dir, "%s/locale", NG_BINARY_DIR);
		return;
	}
#endif
	/* share/notice-gen → share/locale */
	snprintf(dir, sizeof dir, "%s", ng_home_dir());
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	snprintf(locale_dir, sizeof locale_dir, "%s/locale", dir);
}

const char *ng_locale_dir(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	const char *env = getenv("NOTICE_GEN_LOCALEDIR");
	if (env && *env)
		return env;
	pthread_once(&once, find_locale_dir);
	return locale_dir;
}

const char *ng_home_dir(void)
{
	const char *env = getenv("NOTICE_GEN_HOME");
	if (env && *env)
		return env;
	pthread_once(&home_once, find_home);
	return home;
}
