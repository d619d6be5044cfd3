/*
 * cli/validate_cli.h — `vigil validate`: runs a PETRARCH-style validation
 * file through the coder and reports the records that fail.
 */
#ifndef VIGIL_VALIDATE_CLI_H
#define VIGIL_VALIDATE_CLI_H

/* Runs `vigil validate` with its arguments (argv[0] is the first argument
 * after "validate"). Returns the exit status: 0 when every record run
 * passed, 1 when some failed, 2 for a usage error or a file or dictionary
 * that could not be loaded. */
int cli_validate_main(int argc, char **argv);

#endif
