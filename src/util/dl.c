/* dl.c — loading a library on first use (dl.h). */
#include "dl.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "dlsym returns functions as void *");

int ng_dl_load(ng_dl *lib, const ng_dl_symbol *syms, size_t n)
{
	if (lib->state)
		return lib->state > 0 ? 0 : -1;
	lib->state = -1;
	void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	const char *why = h ? NULL : dlerror();
	for (size_t i = 0; i < n && !why; i++) {
		void *p = dlsym(h, syms[i].name);
		if (p)
			memcpy(syms[i].slot, &p, sizeof p); /* POSIX's way to a function pointer */
		else
			why = dlerror();
	}
	if (why) {
		snprintf(lib->error, sizeof lib->error, "%s", why);
		return -1;
	}
	lib->state = 1;
	return 0;
}
