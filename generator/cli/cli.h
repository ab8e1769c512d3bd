/* cli.h — the verbs of the command line, each taking its own argv
 * (argv[0] is the verb) and returning the process exit status. */
#ifndef GR_CLI_H
#define GR_CLI_H

#include "../util/gr.h"

int gr_cmd_render(int argc, char **argv);

/* Data folder (holds fonts/ and templates/), newly allocated. */
char *gr_cli_datadir(void);

#endif
