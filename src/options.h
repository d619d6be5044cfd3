/*
 * options.h — coder options by name (PETRARCH's configuration names:
 * require_dyad, new_actor_length, comma_min ... stop_on_error). The table of
 * names and the checking of values live in validate.c, where the
 * configuration files are read; the values live in each vigil_coder.
 */
#ifndef VG_OPTIONS_H
#define VG_OPTIONS_H

#include <stddef.h>

/* Checks an option and writes its normal form ("true"/"false", or a
 * decimal number) into out. Returns the option's index or -1. */
int vg_option_normalise(const char *name, const char *value, char *out, size_t cap);
/* The index of an option's name (case-insensitive), or -1. */
int vg_option_index(const char *name);

#endif
