/*
 * vigil.c — library-wide odds and ends: status strings and vigil_free.
 */
#include "alloc.h"
#include "vigil.h"

const char *vigil_strerror(vigil_status status)
{
    switch (status) {
    case VIGIL_OK:
        return "ok";
    case VIGIL_DONE:
        return "no more items";
    case VIGIL_ERR_IO:
        return "input/output error";
    case VIGIL_ERR_ARG:
        return "bad argument";
    case VIGIL_ERR_SYNTAX:
        return "syntax error";
    case VIGIL_ERR_LIMIT:
        return "limit exceeded";
    case VIGIL_ERR_DICT:
        return "dictionary error";
    case VIGIL_ERR_UTF8:
        return "invalid UTF-8";
    }
    return "unknown status";
}

void vigil_free(void *p)
{
    vg_free(p);
}
