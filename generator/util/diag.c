/* diag.c — the run context and diagnostics: every error and warning the
 * user sees goes through here, formatted "file:line: 錯誤 error: 中文 (English)". */
#include "gr.h"
#include <stdio.h>
#include <string.h>

void gr_ctx_init(gr_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->lang = GR_LANG_BOTH;
    ctx->err_stream = stderr;
    ctx->image_budget = gr_mem_budget_mib() << 19;   /* half the run's budget */
}

int gr_image_budget_take(gr_ctx *ctx, size_t n)
{
    if (n > ctx->image_budget - ctx->image_used) return GR_ESYS;
    ctx->image_used += n;
    return GR_OK;
}

static void report(gr_ctx *ctx, const char *zh_kind, const char *en_kind,
                   const char *file, int line,
                   const char *zh_fmt, const char *en_fmt, va_list ap)
{
    FILE *out = ctx->err_stream ? (FILE *)ctx->err_stream : stderr;
    va_list ap2;
    va_copy(ap2, ap);
    if (file && line > 0)
        fprintf(out, "%s:%d: ", file, line);
    else if (file)
        fprintf(out, "%s: ", file);
    switch (ctx->lang) {
    case GR_LANG_ZH:
        fprintf(out, "%s：", zh_kind);
        vfprintf(out, zh_fmt, ap);
        break;
    case GR_LANG_EN:
        fprintf(out, "%s: ", en_kind);
        vfprintf(out, en_fmt, ap2);
        break;
    default:
        fprintf(out, "%s %s: ", zh_kind, en_kind);
        vfprintf(out, zh_fmt, ap);
        fputs(" (", out);
        vfprintf(out, en_fmt, ap2);
        fputc(')', out);
        break;
    }
    fputc('\n', out);
    va_end(ap2);
}

/* Count, print unless quiet, and return the status the caller gives. */
static int vreport(gr_ctx *ctx, int warning, int status, const char *file, int line,
                   const char *zh_fmt, const char *en_fmt, va_list ap)
{
    if (warning) ctx->nwarnings++;
    else ctx->nerrors++;
    if (!(warning && ctx->quiet_warnings))
        report(ctx, warning ? "警告" : "錯誤", warning ? "warning" : "error",
               file, line, zh_fmt, en_fmt, ap);
    return status;
}

int gr_error(gr_ctx *ctx, const char *file, int line, const char *zh_fmt, const char *en_fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, en_fmt);
    rc = vreport(ctx, 0, GR_EINPUT, file, line, zh_fmt, en_fmt, ap);
    va_end(ap);
    return rc;
}

int gr_syserror(gr_ctx *ctx, const char *file, int line, const char *zh_fmt, const char *en_fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, en_fmt);
    rc = vreport(ctx, 0, GR_ESYS, file, line, zh_fmt, en_fmt, ap);
    va_end(ap);
    return rc;
}

int gr_warn(gr_ctx *ctx, const char *file, int line, const char *zh_fmt, const char *en_fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, en_fmt);
    rc = vreport(ctx, 1, GR_EINPUT, file, line, zh_fmt, en_fmt, ap);
    va_end(ap);
    return rc;
}

const char *gr_xml_limit_text(const char *msg, int en)
{
    if (!msg) return NULL;
    if (strstr(msg, "Excessive depth"))
        return en ? "elements nested too deeply (limit 256 levels; a report needs fewer than 20)"
                  : "元素的巢狀層次過深（上限 256 層；報告用不到 20 層）";
    if (strstr(msg, "XML_PARSE_HUGE") || strstr(msg, "Huge input lookup") ||
        strstr(msg, "huge text node"))
        return en ? "a name, text or attribute value too long for the XML reader (limit 10,000,000 characters)"
                  : "名稱、文字或屬性值過長，超過 XML 讀取器的上限（10,000,000 字）";
    return NULL;
}
