/*
 * cli/store_cli.h — the store's subcommands of the vigil command: ingest,
 * events, trend, alerts, export and store (check, stories).
 */
#ifndef VIGIL_STORE_CLI_H
#define VIGIL_STORE_CLI_H

/* Runs subcommand `cmd` with its arguments (argv[0] is the first argument
 * after the command name). Returns the exit status, or -1 when `cmd` is
 * not a store command. */
int cli_store_main(const char *cmd, int argc, char **argv);

#endif
