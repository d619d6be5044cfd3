/*
 * cli/serve.h — `vigil serve`: the store over HTTP as JSON, and the
 * dashboard (cli/serve.c, docs/serve.md).
 */
#ifndef VIGIL_SERVE_H
#define VIGIL_SERVE_H

/* Runs the server with the arguments after "serve" until SIGINT or
 * SIGTERM; returns the exit status. */
int cli_serve_main(int argc, char **argv);

#endif
