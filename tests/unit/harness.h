/*
 * harness.h — the small test harness of vigil's C tests (cmark's habit).
 *
 *   OK(cond, "what")          a condition
 *   INT_EQ(got, want, "what") integers, both values shown on failure
 *   STR_EQ(got, want, "what") strings (NULL-safe)
 *   TEST_MAIN_END()           prints "<binary>: N passed, N failed" and
 *                             returns the exit status
 *
 * tests/run.sh adds up the counts of every test binary.
 */
#ifndef VG_HARNESS_H
#define VG_HARNESS_H

#include <stdio.h>
#include <string.h>

static int t_pass, t_fail;

#define OK(cond, what)                                                                             \
    do {                                                                                           \
        if (cond)                                                                                  \
            t_pass++;                                                                              \
        else {                                                                                     \
            t_fail++;                                                                              \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, what);                         \
        }                                                                                          \
    } while (0)

#define INT_EQ(got, want, what)                                                                    \
    do {                                                                                           \
        long long g_ = (long long)(got), w_ = (long long)(want);                                   \
        if (g_ == w_)                                                                              \
            t_pass++;                                                                              \
        else {                                                                                     \
            t_fail++;                                                                              \
            fprintf(stderr, "FAIL %s:%d: %s: got %lld, want %lld\n", __FILE__, __LINE__, what, g_, \
                    w_);                                                                           \
        }                                                                                          \
    } while (0)

#define STR_EQ(got, want, what)                                                                    \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        if (g_ && w_ && strcmp(g_, w_) == 0)                                                       \
            t_pass++;                                                                              \
        else {                                                                                     \
            t_fail++;                                                                              \
            fprintf(stderr, "FAIL %s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, what, \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                       \
        }                                                                                          \
    } while (0)

#define TEST_MAIN_END()                                                                            \
    do {                                                                                           \
        printf("%s: %d passed, %d failed\n", __FILE__, t_pass, t_fail);                            \
        return t_fail ? 1 : 0;                                                                     \
    } while (0)

#endif
