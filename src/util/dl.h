/* dl.h — a library loaded with dlopen() on first use instead of linked
 * (libqpdf, libnettle, libzint, libfontconfig: a plain letter needs none
 * of them, and loading each at start-up costs every run). Each module
 * keeps its own table of the library's functions, typed from the
 * library's header; ng_dl_load fills it once per process. */
#ifndef NG_DL_H
#define NG_DL_H

#include <stddef.h>

/* One function: its exported name, and the function pointer it fills
 * (the address of a member of the module's table). */
typedef struct ng_dl_symbol {
	const char *name;
	void *slot;
} ng_dl_symbol;

typedef struct ng_dl {
	const char *soname; /* from the build (CMakeLists.txt: ng_dlopened) */
	int state;          /* 0: not tried; 1: loaded; -1: failed, error says why */
	char error[512];    /* dlerror()'s words */
} ng_dl;

/* Loads lib (once: later calls answer as the first did) and fills every
 * symbol's slot; 0, or -1 with lib->error set and the table left
 * unusable. Never dlclose()d: LeakSanitizer and valgrind report at exit
 * and need its symbols to say where. Not for two threads at once: each
 * caller loads before a batch forks or on the thread that owns its work. */
int ng_dl_load(ng_dl *lib, const ng_dl_symbol *syms, size_t n);

#endif
