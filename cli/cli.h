/*
 * cli/cli.h — what the vigil command's subcommands share: option parsing,
 * dictionary loading and reading inputs through a vigil_reader. Only
 * include/vigil.h is used; the command never sees library internals.
 */
#ifndef VIGIL_CLI_H
#define VIGIL_CLI_H

#include "vigil.h"

#include <stdio.h>

#define MAX_DICTS 16
#define MAX_INPUTS 4096

typedef struct options {
    const char *date;
    vigil_format format;
    const char *out;
    const char *dicts[MAX_DICTS];
    int ndicts;
    const char *inputs[MAX_INPUTS];
    int ninputs;
    int explain, unknown, negated, quiet, keep_boilerplate, no_dyad, debug;
    int all_dict_messages; /* show every dictionary warning (vigil dict check) */
    /* Options of other subcommands, kept here so one parser serves all:
     * "--name value" pairs the common parser does not know. */
    const char *extra_name[32];
    const char *extra_value[32];
    int nextra;
} options;

typedef struct totals {
    unsigned long stories, sentences, events, skipped, repairs;
    int io_errors;
    /* For the progress line: input bytes read so far and in all (0 when
     * unknown, as for stdin), and the start time. */
    unsigned long long bytes_read, bytes_total;
    double started;
} totals;

/* Adds the sizes of regular input files to t->bytes_total. */
void cli_measure_inputs(const options *o, totals *t);
/* On a terminal, rewrites one stderr line with stories, sentences/s,
 * events and the ETA where the input size is known; at most twice a
 * second. final != 0 ends the line. Nothing when stderr is no terminal. */
void cli_progress(const totals *t, int final);

/* Prints a library diagnostic on stderr. */
void cli_diag(void *ud, const char *msg);
void cli_usage(FILE *f);
/* Parses arguments; unknown "--x value" options are kept in extra_* when
 * `extras` lists them (NULL-terminated), else they are an error (exit 2). */
void cli_parse_args(int argc, char **argv, options *o, const char *const *extras);
/* The value of an extra option, or NULL. */
const char *cli_extra(const options *o, const char *name);
/* Loads --dict sets (or the default one); NULL after printing an error. */
vigil_dict *cli_load_dicts(const options *o);
typedef void (*story_fn)(void *ud, const vigil_story *s);
/* Reads one input ("-" = stdin) and calls fn for each complete story. */
void cli_read_input(const char *path, const options *o, totals *t, story_fn fn, void *ud);
/* Today's date (UTC) as YYYY-MM-DD. */
const char *cli_today(void);
double cli_now(void);

#endif
