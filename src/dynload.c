/*
 * dynload.c — loading an optional shared library on first use (dynload.h
 * says why): dlopen of the first name that loads, dlsym of every symbol.
 */
#include "dynload.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

_Static_assert(sizeof(void *) == sizeof(vg_dynfn), "a symbol fits a function pointer (POSIX)");

int vg_dynload(const char *const *sonames, const char *const *names, size_t n, vg_dynfn *fns,
               char *err, size_t cap)
{
    void *h = NULL;
    const char *why = "no library name";
    for (size_t i = 0; sonames[i] && !h; i++) {
        /* RTLD_NOW: a missing symbol shows here, not at some later call;
         * RTLD_LOCAL: its symbols stay out of everyone else's way. */
        h = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
        if (!h) why = dlerror();
    }
    if (!h) {
        snprintf(err, cap, "cannot load %s: %s", sonames[0] ? sonames[0] : "?",
                 why ? why : "unknown error");
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        void *sym = dlsym(h, names[i]);
        if (!sym) {
            snprintf(err, cap, "cannot load %s: no symbol %s", sonames[0], names[i]);
            dlclose(h);
            return 0;
        }
        memcpy(&fns[i], &sym, sizeof sym);
    }
    return 1;
}
