/* cli.h — the verbs of the command line, each taking its own argv
 * (argv[0] is the verb) and returning the process exit status. */
#ifndef GR_CLI_H
#define GR_CLI_H

#include "../util/gr.h"
#include <stdio.h>

int gr_cmd_render(int argc, char **argv);
int gr_cmd_build(int argc, char **argv);    /* build.c */
int gr_cmd_check(int argc, char **argv);    /* check.c */
int gr_cmd_new(int argc, char **argv);      /* new.c */
int gr_cmd_combine(int argc, char **argv);  /* combine.c */
int gr_cmd_extract(int argc, char **argv);  /* extract.c */
int gr_cmd_edit(int argc, char **argv);     /* edit.c: the browser form */
int gr_cmd_serve(int argc, char **argv);    /* serve.c */

/* ---- the option parser (opts.c) ------------------------------------ */

/* One option of a verb: its long name without "--", its one-letter name
 * (0 if none), whether a value follows, and the id gr_opts_next returns. */
typedef struct gr_opt {
    const char *name;
    char short_name;
    int takes_value;
    int id;                    /* > 0 */
} gr_opt;

typedef struct gr_opts {
    gr_ctx *ctx;
    const char *verb;          /* "build" */
    const char *synopsis;      /* one line: "build FILE.xml [-o OUT.pdf] [選項 options]" */
    const gr_opt *table;       /* ends with an entry whose name is NULL */
    int argc;
    char **argv;               /* argv[0] is the verb */
    int i;                     /* next argument */
    int only_operands;         /* after "--" */
    const char *value;         /* the option's value, or the operand */
} gr_opts;

enum { GR_OPT_END = 0, GR_OPT_OPERAND = -1, GR_OPT_ERROR = -2, GR_OPT_HELP = -3 };

/* Starts parsing and sets ctx->lang from the environment. */
void gr_opts_init(gr_opts *p, gr_ctx *ctx, const char *verb, const char *synopsis,
                  const gr_opt *table, int argc, char **argv);
/* The next option's id (its value in p->value), GR_OPT_OPERAND (p->value),
 * GR_OPT_HELP, GR_OPT_END, or GR_OPT_ERROR after printing a usage error.
 * --lang and --max-memory are handled here unless the table has them. */
int gr_opts_next(gr_opts *p);
/* Print "gereport VERB: what is wrong", the synopsis and 「請用 --help」;
 * returns GR_ESYS. */
int gr_opts_usage_error(gr_opts *p, const char *zh_fmt, const char *en_fmt, ...)
    GR_PRINTF2(2, 3, 4);

/* --max-memory's value: a whole number of MiB, at least 64; sets the
 * budget (gr_mem_init). GR_OK, or GR_ESYS without a message. */
int gr_cli_max_memory(const char *v);

/* Messages' language from LC_ALL, LC_MESSAGES or LANG: zh* Chinese, en*
 * English, anything else (C, POSIX, unset) both. */
gr_lang gr_cli_lang_from_env(void);
/* --lang zh|en|both into ctx->lang; GR_ESYS (nothing printed) otherwise. */
int gr_cli_parse_lang(gr_ctx *ctx, const char *verb, const char *value);
/* One line in ctx->lang: "zh", "en" or "zh (en)". */
void gr_cli_say(const gr_ctx *ctx, FILE *out, const char *zh, const char *en);
/* The rules comparing years that could not be checked (report/city.h
 * gr_previous_unchecked), said once on `out` after a verb's summary:
 * check, build and combine, one file or a folder. Nothing with -q. */
struct gr_report_opts;
struct gr_previous;
void gr_cli_say_unchecked(gr_ctx *ctx, const struct gr_report_opts *o,
                          const struct gr_previous *p, int year, FILE *out);
/* "-o -" on a terminal: say that no PDF goes there; returns GR_ESYS. */
int gr_cli_refuse_terminal(const gr_ctx *ctx, const char *verb);

/* Data folder (holds fonts/ and templates/), newly allocated. */
char *gr_cli_datadir(void);

#endif
