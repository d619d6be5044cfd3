/*
 * dynload.h — shared libraries loaded when first needed (dlopen), not
 * when the program starts.
 *
 * libpq (the PostgreSQL store) and libmicrohttpd (`vigil serve`) bring in
 * some thirty libraries of their own (GnuTLS, Kerberos, LDAP, ...), and
 * the dynamic loader resolves all their symbols at every start: about 13 M
 * instructions and 4 ms for each `vigil code` run that never opens a
 * PostgreSQL store or serves anything. Loading them on first use moves
 * that cost to the commands that need them.
 *
 * A user of a library keeps a table of typed function pointers (the types
 * taken from the library's own header with __typeof__) and a list of
 * their names; vg_dynload fills the table once. POSIX guarantees that a
 * function pointer can hold what dlsym returns; the bytes are copied, as
 * ISO C has no conversion from void * to a function pointer.
 */
#ifndef VG_DYNLOAD_H
#define VG_DYNLOAD_H

#include <stddef.h>

/* A function pointer of no particular type, to hold a symbol until it is
 * converted to its own. */
typedef void (*vg_dynfn)(void);

/* Opens the first library of sonames[] (NULL-terminated) that dlopen
 * accepts and looks up names[0..n) into fns[0..n). Returns 1; or 0, with
 * "cannot load LIB: why" (or a missing symbol) in err (cap bytes), when
 * no library loads or one of the names is missing. The library stays
 * loaded for the life of the process. */
int vg_dynload(const char *const *sonames, const char *const *names, size_t n, vg_dynfn *fns,
               char *err, size_t cap);

#endif
