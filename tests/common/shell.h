/* shell.h — what the end-to-end tests share for running commands: a
 * printf-style shell call returning the exit status, the same capturing
 * stdout, and an assertion that a file (a tool's captured stderr) is
 * empty. Include after cmocka.h. */
#ifndef NG_TEST_SHELL_H
#define NG_TEST_SHELL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "util/util.h"

static inline int sh_status(int st)
{
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* A shell reports a command killed by signal N as 128 + N: say so with
 * the command, so that a crash seen once in CI can be followed up. */
static inline int sh_report(int code, const char *cmd)
{
	if (code > 128 && code < 128 + 65)
		fprintf(stderr, "[ SIGNAL   ] signal %d (exit %d) from: %s\n", code - 128, code,
		        cmd);
	return code;
}

/* Runs a shell command made with fmt; returns its exit status. */
static inline int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	return sh_report(sh_status(system(cmd)), cmd);
}

/* The same, appending the command's stdout to out (NUL-terminated). */
static inline int sh_capture(ng_buf *out, const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		ng_buf_add(out, chunk, n);
	ng_buf_add(out, "", 0);
	return sh_report(sh_status(pclose(p)), cmd);
}

/* A tool wrote nothing on stderr (poppler's warnings, for instance). */
static inline void assert_file_empty(const char *path)
{
	char *data;
	size_t len;
	assert_int_equal(ng_read_file(path, 1 << 20, &data, &len), 0);
	if (len)
		fprintf(stderr, "%s: %s\n", path, data);
	assert_int_equal(len, 0);
	free(data);
}

#endif
