/* crash.c — what the program says if it ever crashes: a line naming the
 * signal and the version, the stack as return addresses (resolve them with
 * `addr2line -e notice-gen` or gdb on the same build), and a request to
 * report it; then the signal's default action, so the exit status and any
 * core dump stay as they would have been. Only async-signal-safe calls
 * (write, backtrace_symbols_fd once backtrace is primed) run in the
 * handler. Under the sanitizers their own reports are better: not
 * installed there. */
#include <execinfo.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define NG_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                         \
    __has_feature(memory_sanitizer)
#define NG_SANITIZED 1
#endif
#endif

#ifndef NG_SANITIZED
static void say(const char *s)
{
	ssize_t w = write(STDERR_FILENO, s, strlen(s));
	(void)w;
}

static void on_crash(int sig)
{
	say("\nnotice-gen " NG_VERSION ": internal error: ");
	say(sig == SIGSEGV   ? "segmentation fault (SIGSEGV)"
	    : sig == SIGABRT ? "aborted (SIGABRT)"
	    : sig == SIGBUS  ? "bus error (SIGBUS)"
	    : sig == SIGFPE  ? "arithmetic error (SIGFPE)"
	                     : "illegal instruction (SIGILL)");
	say(". Please report it with the command line and the stack below.\n");
	void *frames[48];
	int n = backtrace(frames, 48);
	backtrace_symbols_fd(frames, n, STDERR_FILENO);
	signal(sig, SIG_DFL);
	raise(sig);
}
#endif

void cli_crash_report_install(void)
{
#ifndef NG_SANITIZED
	/* backtrace() loads libgcc on its first call, which is not safe
	 * inside a handler: call it once now. */
	void *prime[1];
	backtrace(prime, 1);
	static const int sigs[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
	struct sigaction sa = {.sa_handler = on_crash, .sa_flags = SA_RESETHAND};
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
		sigaction(sigs[i], &sa, NULL);
#endif
}
