/* opts.c — the one option parser every verb uses, and the Unix habits of the
 * command line: short options (-o FILE), long options (--output FILE and
 * --output=FILE), "--" ends the options, "-" alone is an operand (standard
 * input or output); -h/--help and --lang are handled here for every verb.
 * A usage error prints what is wrong, the verb's one-line synopsis and
 * 「請用 gereport VERB --help」, never the whole help. The message language
 * comes from LC_ALL, LC_MESSAGES or LANG (zh* Chinese, en* English, anything
 * else both), and --lang overrides it. */
#include "cli.h"
#include "../util/msg.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

gr_lang gr_cli_lang_from_env(void)
{
    static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    size_t i;
    for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (!v || !v[0]) continue;             /* POSIX: an empty one is skipped */
        if (strncmp(v, "zh", 2) == 0) return GR_LANG_ZH;
        if (strncmp(v, "en", 2) == 0) return GR_LANG_EN;
        return GR_LANG_BOTH;
    }
    return GR_LANG_BOTH;
}

int gr_cli_parse_lang(gr_ctx *ctx, const char *verb, const char *v)
{
    if (strcmp(v, "zh") == 0) ctx->lang = GR_LANG_ZH;
    else if (strcmp(v, "en") == 0) ctx->lang = GR_LANG_EN;
    else if (strcmp(v, "both") == 0) ctx->lang = GR_LANG_BOTH;
    else return GR_ESYS;
    return GR_OK;
}

void gr_cli_say(const gr_ctx *ctx, FILE *out, const char *zh, const char *en)
{
    switch (ctx->lang) {
    case GR_LANG_ZH: fprintf(out, "%s\n", zh); break;
    case GR_LANG_EN: fprintf(out, "%s\n", en); break;
    default: fprintf(out, "%s (%s)\n", zh, en); break;
    }
}

void gr_opts_init(gr_opts *p, gr_ctx *ctx, const char *verb, const char *synopsis,
                  const gr_opt *table, int argc, char **argv)
{
    memset(p, 0, sizeof *p);
    p->ctx = ctx;
    p->verb = verb;
    p->synopsis = synopsis;
    p->table = table;
    p->argc = argc;
    p->argv = argv;
    p->i = 1;
    ctx->lang = gr_cli_lang_from_env();
}

int gr_cli_refuse_terminal(const gr_ctx *ctx, const char *verb)
{
    char zh[256], en[256];
    snprintf(zh, sizeof zh, gr_msg_zh_STDOUT_IS_TERMINAL, verb);
    snprintf(en, sizeof en, gr_msg_en_STDOUT_IS_TERMINAL, verb);
    gr_cli_say(ctx, stderr, zh, en);
    return GR_ESYS;
}

int gr_opts_usage_error(gr_opts *p, const char *zh_fmt, const char *en_fmt, ...)
{
    char zh[512], en[512], z2[256], e2[256];
    va_list ap;
    va_start(ap, en_fmt);
    vsnprintf(zh, sizeof zh, zh_fmt, ap);
    va_end(ap);
    va_start(ap, en_fmt);
    vsnprintf(en, sizeof en, en_fmt, ap);
    va_end(ap);
    fprintf(stderr, "gereport %s: ", p->verb);
    gr_cli_say(p->ctx, stderr, zh, en);
    fprintf(stderr, "%s gereport %s\n",
            p->ctx->lang == GR_LANG_ZH ? "用法：" : p->ctx->lang == GR_LANG_EN ? "Usage:" : "用法 Usage:",
            p->synopsis);
    snprintf(z2, sizeof z2, gr_msg_zh_SEE_VERB_HELP, p->verb);
    snprintf(e2, sizeof e2, gr_msg_en_SEE_VERB_HELP, p->verb);
    gr_cli_say(p->ctx, stderr, z2, e2);
    return GR_ESYS;
}

static const gr_opt *find_long(const gr_opt *t, const char *name, size_t n)
{
    for (; t->name; t++)
        if (strlen(t->name) == n && strncmp(t->name, name, n) == 0) return t;
    return NULL;
}

static const gr_opt *find_short(const gr_opt *t, char c)
{
    for (; t->name; t++)
        if (t->short_name == c) return t;
    return NULL;
}

int gr_opts_next(gr_opts *p)
{
    const char *s, *eq;
    const gr_opt *o;
    for (;;) {
        if (p->i >= p->argc) return GR_OPT_END;
        s = p->argv[p->i++];
        p->value = s;
        if (p->only_operands || s[0] != '-' || s[1] == 0)
            return GR_OPT_OPERAND;               /* "-" is stdin/stdout */
        if (strcmp(s, "--") == 0) {
            p->only_operands = 1;
            continue;
        }
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) return GR_OPT_HELP;
        eq = NULL;
        if (s[1] == '-') {
            size_t n;
            eq = strchr(s + 2, '=');
            n = eq ? (size_t)(eq - (s + 2)) : strlen(s + 2);
            if (n == 4 && strncmp(s + 2, "lang", 4) == 0 && !find_long(p->table, "lang", 4)) {
                const char *v = eq ? eq + 1 : p->i < p->argc ? p->argv[p->i++] : NULL;
                if (!v)
                    return gr_opts_usage_error(p, GR_TEXT(OPT_LANG_NEEDS_VALUE_ZH)), GR_OPT_ERROR;
                if (gr_cli_parse_lang(p->ctx, p->verb, v) != GR_OK)
                    return gr_opts_usage_error(p, GR_TEXT(OPT_LANG_MUST_ZH_EN), v), GR_OPT_ERROR;
                continue;
            }
            o = find_long(p->table, s + 2, n);
        } else {
            o = s[2] == 0 ? find_short(p->table, s[1]) : NULL;
        }
        if (!o)
            return gr_opts_usage_error(p, GR_TEXT(OPT_UNKNOWN_OPTION), s), GR_OPT_ERROR;
        if (!o->takes_value) {
            if (eq)
                return gr_opts_usage_error(p, GR_TEXT(OPT_OPTION_TAKES_VALUE),
                                           o->name), GR_OPT_ERROR;
            p->value = NULL;
            return o->id;
        }
        if (eq) {
            p->value = eq + 1;
        } else if (p->i < p->argc) {
            p->value = p->argv[p->i++];
        } else {
            return gr_opts_usage_error(p, GR_TEXT(OPT_OPTION_NEEDS_VALUE),
                                       s), GR_OPT_ERROR;
        }
        if (!p->value[0])
            return gr_opts_usage_error(p, GR_TEXT(OPT_OPTION_HAS_EMPTY_VALUE),
                                       s), GR_OPT_ERROR;
        return o->id;
    }
}
