/* diag.c — the run context and diagnostics: every error and finding the
 * user sees goes through here, formatted "file:line: 錯誤 error: 中文 (English)"
 * (classes 錯誤 / 未達規定 / 提醒, gr.h); and what a person at a terminal
 * sees besides: one-line notices (gr_info) and the progress line. */
#include "gr.h"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PROGRESS_AFTER 1.0     /* s: short runs show no progress */
#define PROGRESS_EVERY 0.1     /* s: redraw at most this often */

double gr_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void gr_ctx_init(gr_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->lang = GR_LANG_BOTH;
    ctx->err_stream = stderr;
    ctx->tty = isatty(STDERR_FILENO);
    ctx->t0 = gr_now();
}

/* A message is about to be printed: take the progress line away first. */
static void clear_progress(gr_ctx *ctx, FILE *out)
{
    if (ctx->progress_at > 0 && out == stderr) {
        fputs("\r\033[K", out);
        ctx->progress_at = 0;
    }
}

static void report(gr_ctx *ctx, const char *zh_kind, const char *en_kind,
                   const char *file, int line,
                   const char *zh_fmt, const char *en_fmt, va_list ap)
{
    FILE *out = ctx->err_stream ? (FILE *)ctx->err_stream : stderr;
    va_list ap2;
    va_copy(ap2, ap);
    clear_progress(ctx, out);
    if (file && line > 0)
        fprintf(out, "%s:%d: ", file, line);
    else if (file)
        fprintf(out, "%s: ", file);
    switch (ctx->lang) {
    case GR_LANG_ZH:
        if (*zh_kind) fprintf(out, "%s：", zh_kind);
        vfprintf(out, zh_fmt, ap);
        break;
    case GR_LANG_EN:
        if (*en_kind) fprintf(out, "%s: ", en_kind);
        vfprintf(out, en_fmt, ap2);
        break;
    default:
        if (*zh_kind) fprintf(out, "%s %s: ", zh_kind, en_kind);
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
static int vreport(gr_ctx *ctx, gr_class cls, int status, const char *file, int line,
                   const char *zh_fmt, const char *en_fmt, va_list ap)
{
    static const char *const zh[] = { "提醒", "錯誤", "未達規定" };
    static const char *const en[] = { "note", "error", "requirement not met" };
    if (cls == GR_CLASS_NOTE) ctx->nwarnings++;
    else if (cls == GR_CLASS_UNMET) ctx->nunmet++;
    else ctx->nerrors++;
    if (!(cls != GR_CLASS_ERROR && ctx->quiet_warnings))
        report(ctx, zh[cls], en[cls], file, line, zh_fmt, en_fmt, ap);
    return status;
}

int gr_error(gr_ctx *ctx, const char *file, int line, const char *zh_fmt, const char *en_fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, en_fmt);
    rc = vreport(ctx, GR_CLASS_ERROR, GR_EINPUT, file, line, zh_fmt, en_fmt, ap);
    va_end(ap);
    return rc;
}

int gr_syserror(gr_ctx *ctx, const char *file, int line, const char *zh_fmt, const char *en_fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, en_fmt);
    rc = vreport(ctx, GR_CLASS_ERROR, GR_ESYS, file, line, zh_fmt, en_fmt, ap);
    va_end(ap);
    return rc;
}

int gr_warn(gr_ctx *ctx, const char *file, int line, const char *zh_fmt, const char *en_fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, en_fmt);
    rc = vreport(ctx, GR_CLASS_NOTE, GR_EINPUT, file, line, zh_fmt, en_fmt, ap);
    va_end(ap);
    return rc;
}

int gr_unmet(gr_ctx *ctx, const char *file, int line, const char *zh_fmt, const char *en_fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, en_fmt);
    rc = vreport(ctx, GR_CLASS_UNMET, GR_OK, file, line, zh_fmt, en_fmt, ap);
    va_end(ap);
    return rc;
}

void gr_info(gr_ctx *ctx, const char *zh_fmt, const char *en_fmt, ...)
{
    va_list ap;
    if (!ctx->verbose && (ctx->quiet || !ctx->tty)) return;
    va_start(ap, en_fmt);
    report(ctx, "", "", NULL, 0, zh_fmt, en_fmt, ap);
    va_end(ap);
}

void gr_progress(gr_ctx *ctx, const char *stage_zh, const char *stage_en, int page)
{
    FILE *out = ctx->err_stream ? (FILE *)ctx->err_stream : stderr;
    double now;
    if (!ctx->tty || ctx->quiet || out != stderr) return;
    now = gr_now();
    if (now - ctx->t0 < PROGRESS_AFTER || now - ctx->progress_at < PROGRESS_EVERY) return;
    ctx->progress_at = now;
    fputs("\r\033[K", out);
    switch (ctx->lang) {
    case GR_LANG_ZH: fputs(stage_zh, out); break;
    case GR_LANG_EN: fputs(stage_en, out); break;
    default: fprintf(out, "%s %s", stage_zh, stage_en); break;
    }
    if (page > 0) {
        if (ctx->lang == GR_LANG_EN) fprintf(out, ": page %d", page);
        else fprintf(out, "：第 %d 頁", page);
    }
    fputs(" …", out);
    fflush(out);
}

void gr_progress_end(gr_ctx *ctx)
{
    clear_progress(ctx, ctx->err_stream ? (FILE *)ctx->err_stream : stderr);
}
