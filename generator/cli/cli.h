/* cli.h — the verbs of the command line, each taking its own argv
 * (argv[0] is the verb) and returning the process exit status. */
#ifndef GR_CLI_H
#define GR_CLI_H

#include "../util/gr.h"

int gr_cmd_render(int argc, char **argv);
int gr_cmd_build(int argc, char **argv);    /* build.c */
int gr_cmd_check(int argc, char **argv);    /* check.c */
int gr_cmd_new(int argc, char **argv);      /* new.c */
int gr_cmd_extract(int argc, char **argv);  /* extract.c */

/* --lang zh|en|both into ctx->lang; GR_ESYS (after a message) otherwise. */
int gr_cli_parse_lang(gr_ctx *ctx, const char *verb, const char *value);

/* Data folder (holds fonts/ and templates/), newly allocated. */
char *gr_cli_datadir(void);

#endif
