/* diag.c — the run context and diagnostics: every error and finding the
 * user sees goes through here, formatted "file:line: 錯誤 error: 中文 (English)"
 * (classes 錯誤 / 未達規定 / 提醒, gr.h), and, when the caller gave
 * ctx->findings, is recorded there as a finding (class, file, line, rule,
 * source, message) for verbs that report them otherwise or later (the
 * pipeline, generator/report/); and what a person at a terminal sees
 * besides: one-line notices (gr_info) and the progress line. */
#include "gr.h"
#include "msg.h"
#include <stdio.h>
#include <stdlib.h>
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
    ctx->image_budget = gr_mem_budget_mib() << 19;   /* half the run's budget */
    ctx->tty = isatty(STDERR_FILENO);
    ctx->t0 = gr_now();
}

int gr_glyph_first_time(gr_ctx *ctx, int line, uint32_t cp)
{
    gr_glyphs_said *g = ctx->glyphs_said;
    size_t i;
    if (!g) return 1;
    for (i = 0; i < g->n; i++)                /* a handful per file */
        if (g->v[i].line == line && g->v[i].cp == cp) return 0;
    g->v = gr_grow(g->v, &g->cap, g->n + 1, sizeof *g->v);
    g->v[g->n].line = line;
    g->v[g->n].cp = cp;
    g->n++;
    return 1;
}

int gr_image_budget_take(gr_ctx *ctx, size_t n)
{
    if (n > ctx->image_budget - ctx->image_used) return GR_ESYS;
    ctx->image_used += n;
    return GR_OK;
}

/* A message is about to be printed: take the progress line away first. */
static void clear_progress(gr_ctx *ctx, FILE *out)
{
    if (ctx->progress_at > 0 && out == stderr) {
        fputs("\r\033[K", out);
        ctx->progress_at = 0;
    }
}

int gr_ctx_status(const gr_ctx *ctx)
{
    return ctx->nsyserrors ? GR_ESYS : ctx->nerrors ? GR_EINPUT : GR_OK;
}

void gr_findings_free(gr_findings *f)
{
    size_t i;
    if (!f) return;
    for (i = 0; i < f->n; i++) {
        gr_finding *x = &f->v[i];
        free(x->file);
        free(x->rule);
        free(x->source_zh);
        free(x->source_en);
        free(x->msg_zh);
        free(x->msg_en);
    }
    free(f->v);
    memset(f, 0, sizeof *f);
}

static char *dup_or_null(const char *s)
{
    return s ? gr_strdup(s) : NULL;
}

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static char *vformat(const char *fmt, va_list ap)
{
    gr_buf b;
    va_list ap2;
    int n;
    gr_buf_init(&b);
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0;
    gr_buf_reserve(&b, (size_t)n + 1);
    vsnprintf((char *)b.data, (size_t)n + 1, fmt, ap);
    b.len = (size_t)n;
    return (char *)b.data;
}

static void print(gr_ctx *ctx, const gr_finding *f)
{
    static const char *const zh[] = { gr_msg_zh_CLASS_ERROR, gr_msg_zh_CLASS_NOTE, gr_msg_zh_CLASS_UNMET };
    static const char *const en[] = { gr_msg_en_CLASS_ERROR, gr_msg_en_CLASS_NOTE, gr_msg_en_CLASS_UNMET };
    FILE *out = ctx->err_stream ? (FILE *)ctx->err_stream : stderr;
    const char *zh_kind = zh[f->cls], *en_kind = en[f->cls];
    const char *file = f->file;
    clear_progress(ctx, out);
    if (gr_is_stdio(file))              /* "-": standard input or output */
        file = ctx->lang == GR_LANG_EN ? gr_msg_en_STDIN_NAME : gr_msg_zh_STDIN_NAME;
    if (file && f->line > 0)
        fprintf(out, "%s:%d: ", file, f->line);
    else if (file)
        fprintf(out, "%s: ", file);
    switch (ctx->lang) {
    case GR_LANG_ZH:
        fprintf(out, "%s：%s", zh_kind, f->msg_zh);
        break;
    case GR_LANG_EN:
        fprintf(out, "%s: %s", en_kind, f->msg_en);
        break;
    default:
        fprintf(out, "%s %s: %s (%s)", zh_kind, en_kind, f->msg_zh, f->msg_en);
        break;
    }
    fputc('\n', out);
}

/* The name to show for FILE (gr_ctx's shown_from/shown_as), newly
 * allocated, or NULL when FILE is shown as it is. */
static char *shown_name(const gr_ctx *ctx, const char *file)
{
    size_t n, a, b;
    char *s;
    if (!file || !ctx->shown_from || !ctx->shown_as) return NULL;
    n = strlen(ctx->shown_from);
    if (strncmp(file, ctx->shown_from, n) != 0 || (file[n] != '/' && file[n] != '\0')) return NULL;
    a = strlen(ctx->shown_as);
    b = strlen(file + n);
    s = gr_malloc(a + b + 1);
    memcpy(s, ctx->shown_as, a);
    memcpy(s + a, file + n, b + 1);
    return s;
}

int gr_report_finding(gr_ctx *ctx, const gr_finding *f)
{
    gr_finding shown;
    char *name = shown_name(ctx, f->file);
    if (name) {
        shown = *f;
        shown.file = name;
        f = &shown;
    }
    if (f->cls == GR_CLASS_WARNING) ctx->nwarnings++;
    else if (f->cls == GR_CLASS_UNMET) ctx->nunmet++;
    else {
        ctx->nerrors++;
        if (f->status == GR_ESYS) ctx->nsyserrors++;
    }
    /* quiet notes were said once already (layout's second pass) */
    if (f->cls == GR_CLASS_WARNING && ctx->quiet_warnings) {
        free(name);
        return f->status;
    }
    if (!ctx->print_off && !(ctx->hold && ctx->findings)) print(ctx, f);
    if (ctx->findings) {
        gr_findings *l = ctx->findings;
        gr_finding *x;
        l->v = gr_grow(l->v, &l->cap, l->n + 1, sizeof *l->v);
        x = &l->v[l->n++];
        *x = *f;
        x->file = dup_or_null(f->file);
        x->rule = dup_or_null(f->rule);
        x->source_zh = dup_or_null(f->source_zh);
        x->source_en = dup_or_null(f->source_en);
        x->msg_zh = gr_strdup(f->msg_zh ? f->msg_zh : "");
        x->msg_en = gr_strdup(f->msg_en ? f->msg_en : "");
    }
    free(name);
    return f->status;
}

static int class_rank(gr_class c)
{
    return c == GR_CLASS_ERROR ? 0 : c == GR_CLASS_UNMET ? 1 : 2;
}

static int sorts_before(const gr_finding *a, const gr_finding *b)
{
    int ra = class_rank(a->cls), rb = class_rank(b->cls);
    if (ra != rb) return ra < rb;
    return (a->line > 0 ? a->line : 0) < (b->line > 0 ? b->line : 0);
}

/* Stable merge sort of v[0..n) using tmp (n elements). */
static void merge_sort(gr_finding *v, gr_finding *tmp, size_t n)
{
    size_t h = n / 2, i = 0, j = h, k = 0;
    if (n < 2) return;
    merge_sort(v, tmp, h);
    merge_sort(v + h, tmp, n - h);
    while (i < h && j < n) tmp[k++] = sorts_before(&v[j], &v[i]) ? v[j++] : v[i++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

void gr_findings_sort(gr_findings *f, size_t from)
{
    gr_finding *tmp;
    if (!f || f->n < from + 2) return;
    tmp = gr_malloc((f->n - from) * sizeof *tmp);
    merge_sort(f->v + from, tmp, f->n - from);
    free(tmp);
}

void gr_findings_print(gr_ctx *ctx, const gr_findings *f, size_t from)
{
    size_t i;
    for (i = from; i < f->n; i++) print(ctx, &f->v[i]);
}

/* Format both languages, then count, print and record. */
static int vreport(gr_ctx *ctx, gr_class cls, int status, const char *file, int line,
                   const char *zh_fmt, const char *en_fmt, va_list ap) GR_PRINTF2(6, 7, 0);
static int vreport(gr_ctx *ctx, gr_class cls, int status, const char *file, int line,
                   const char *zh_fmt, const char *en_fmt, va_list ap)
{
    gr_finding f;
    va_list ap2;
    memset(&f, 0, sizeof f);
    f.cls = cls;
    f.status = status;
    f.file = (char *)file;
    f.line = line;
    va_copy(ap2, ap);
    f.msg_zh = vformat(zh_fmt, ap);
    f.msg_en = vformat(en_fmt, ap2);
    va_end(ap2);
    gr_report_finding(ctx, &f);
    free(f.msg_zh);
    free(f.msg_en);
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
    rc = vreport(ctx, GR_CLASS_WARNING, GR_EINPUT, file, line, zh_fmt, en_fmt, ap);
    va_end(ap);
    return rc;
}

const char *gr_xml_limit_text(const char *msg, int en)
{
    if (!msg) return NULL;
    if (strstr(msg, "Excessive depth"))
        return en ? gr_msg_en(GR_M_XML_TOO_DEEP) : gr_msg_zh(GR_M_XML_TOO_DEEP);
    if (strstr(msg, "XML_PARSE_HUGE") || strstr(msg, "Huge input lookup") ||
        strstr(msg, "huge text node"))
        return en ? gr_msg_en(GR_M_XML_TOO_LONG) : gr_msg_zh(GR_M_XML_TOO_LONG);
    return NULL;
}

/* 1 unless the XML declaration names a version other than 1.0 (XML 1.1
 * would admit &#1; and C1 controls as plain characters). */
int gr_xml_version_1_0(const char *d, size_t len)
{
    const char *end = d + len, *p, *q;
    if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) d += 3;
    if (end - d < 5 || memcmp(d, "<?xml", 5) != 0) return 1;
    q = memchr(d, '>', (size_t)(end - d));
    if (!q) return 1;       /* the parser will say what is wrong */
    for (p = d + 5; p + 7 < q; p++)
        if (memcmp(p, "version", 7) == 0) {
            p += 7;
            while (p < q && (*p == ' ' || *p == '=' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
            if (p < q && (*p == '"' || *p == '\'')) p++;
            return q - p >= 4 && memcmp(p, "1.0", 3) == 0 && (p[3] == '"' || p[3] == '\'');
        }
    return 1;
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
    FILE *out = ctx->err_stream ? (FILE *)ctx->err_stream : stderr;
    va_list ap, ap2;
    if (ctx->print_off || (!ctx->verbose && (ctx->quiet || !ctx->tty))) return;
    clear_progress(ctx, out);
    va_start(ap, en_fmt);
    va_copy(ap2, ap);
    switch (ctx->lang) {
    case GR_LANG_ZH: vfprintf(out, zh_fmt, ap); break;
    case GR_LANG_EN: vfprintf(out, en_fmt, ap2); break;
    default:
        vfprintf(out, zh_fmt, ap);
        fputs(" (", out);
        vfprintf(out, en_fmt, ap2);
        fputc(')', out);
        break;
    }
    fputc('\n', out);
    va_end(ap2);
    va_end(ap);
}

void gr_progress(gr_ctx *ctx, const char *stage_zh, const char *stage_en, int page)
{
    FILE *out = ctx->err_stream ? (FILE *)ctx->err_stream : stderr;
    double now;
    if (!ctx->tty || ctx->quiet || ctx->print_off || out != stderr) return;
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
