/*
 * test_dynload.c — loading a shared library on first use (dynload.c): a
 * library that loads gives working functions; a name that does not load,
 * or a symbol it lacks, gives 0 and a message that says which. The C
 * library itself (libc.so.6, always present where vigil runs) stands in
 * for libpq, which tests/cli/store_pg.sh loads for real.
 */
#include "dynload.h"
#include "harness.h"

#include <stdlib.h>

typedef size_t (*strlen_fn)(const char *);
typedef int (*abs_fn)(int);

int main(void)
{
    char err[256] = "";
    static const char *const libc[] = {"no-such-library.so.9", "libc.so.6", NULL};
    static const char *const names[] = {"strlen", "abs"};
    vg_dynfn fn[2] = {NULL, NULL};
    INT_EQ(vg_dynload(libc, names, 2, fn, err, sizeof err), 1, "the second name loads");
    strlen_fn sl = (strlen_fn)fn[0];
    abs_fn ab = (abs_fn)fn[1];
    OK(sl && sl("vigil") == 5, "strlen through the table");
    OK(ab && ab(-7) == 7, "abs through the table");

    static const char *const none[] = {"no-such-library.so.9", NULL};
    INT_EQ(vg_dynload(none, names, 2, fn, err, sizeof err), 0, "no library: 0");
    OK(strstr(err, "cannot load no-such-library.so.9") != NULL, "the message names the library");

    static const char *const missing[] = {"strlen", "vigil_no_such_symbol"};
    INT_EQ(vg_dynload(libc + 1, missing, 2, fn, err, sizeof err), 0, "a missing symbol: 0");
    OK(strstr(err, "vigil_no_such_symbol") != NULL, "the message names the symbol");

    static const char *const empty[] = {NULL};
    INT_EQ(vg_dynload(empty, names, 2, fn, err, sizeof err), 0, "no names at all: 0");
    OK(strstr(err, "cannot load") != NULL, "and says so");

    /* A message longer than the room is cut, not overrun. */
    char small[12];
    memset(small, 'x', sizeof small);
    INT_EQ(vg_dynload(none, names, 2, fn, small, sizeof small), 0, "small room: 0");
    OK(memchr(small, '\0', sizeof small) != NULL, "the message is cut to the room");
    TEST_MAIN_END();
}
