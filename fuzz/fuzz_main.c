/*
 * fuzz_main.c — the libFuzzer entry of every vigil fuzz target.
 *
 * One source, one binary per target: the Makefile compiles it with
 * -DVG_FUZZ_TARGET="read_xml" (and so on) and the work is done by the
 * entry of that name in fuzz_entries.h, which the replay test
 * (tests/unit/test_fuzz_regress.c) calls too.
 */
#include "fuzz_entries.h"

#ifndef VG_FUZZ_TARGET
#error "compile with -DVG_FUZZ_TARGET=\"name\""
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Bound the input: the limits under test are exercised by the
     * pathological tests with real sizes; here speed matters more. */
    if (size > (1u << 20)) return -1;
    int rc = vg_fuzz_run(VG_FUZZ_TARGET, data, size);
    VG_FUZZ_CHECK(rc == 0);
    return 0;
}
