/* build.c — `gereport build FILE.xml [-o OUT.pdf]`: one data file to the
 * PDF of its year's form. Parses the options and runs the pipeline
 * (generator/report/: load, compute, rules, form, mask, XSLT, then layout
 * and PDF/A-1b written atomically). Nothing is written when an error
 * (錯誤) occurs; 未達規定 and 提醒 are printed and the PDF is still written
 * (exit 1 with --strict on any 未達規定). On a terminal, progress after a
 * second and one closing line saying what was written. */
#include "cli.h"
#include "../report/city.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void build_usage(FILE *out)
{
    fputs("用法 Usage: gereport build FILE.xml [-o OUT.pdf] [選項 options]\n"
          "       gereport build DIR -o OUTDIR [-j N] [選項 options]\n"
          "\n"
          "將一個機關一個年度的資料檔，依該年度的表單產生 PDF/A-1b：檢查資料格式、\n"
          "計算合計與比率、檢查總計畫規則，公開版遮蔽姓名。資料有「錯誤」即停止；\n"
          "「未達規定」與「提醒」照印，PDF 照樣產生。\n"
          "Turns one agency's data file into the PDF/A-1b of its year's form: validates\n"
          "the data, computes the figures, checks the master plan's rules and masks\n"
          "names in the public edition. An error (錯誤) stops the build; requirements\n"
          "not met (未達規定) and notes (提醒) are printed and the PDF is written.\n"
          "\n"
          "一個年度資料夾：每個可納入的機關資料檔各產生 OUTDIR/名稱.pdf（名稱為子資料夾名\n"
          "或檔名），以 N 個工作行程同時進行；其他年度、重複或有錯誤的檔案不產生\n"
          "（docs/office-file.md）。\n"
          "A year folder: one OUTDIR/NAME.pdf per combinable agency file (NAME: its\n"
          "subfolder, or its file name), N worker processes; files of another year,\n"
          "duplicates and files with errors get none.\n"
          "\n"
          "  -o, --output OUT.pdf   輸出檔 output file (default: FILE.pdf beside FILE.xml)\n"
          "  -j, --jobs N           資料夾：同時 N 個工作行程 folder: N worker processes (1-64)\n"
          "  --strict               有「未達規定」時結束代碼為 1（PDF 仍會產生）\n"
          "                         exit 1 on any requirement not met (the PDF is\n"
          "                         still written)\n"
          "  -q, --quiet            只印錯誤與檢查結果，不印進度與完成訊息\n"
          "                         print only errors and findings: no progress\n"
          "  -v, --verbose          列出處理過的圖片等（不在終端機時也印）\n"
          "                         say what was done (resampled images …)\n"
          "  --internal             內部版：姓名全文照印 internal edition: names in full\n"
          "  --allow-outside        允許佐證檔案位於資料檔的資料夾之外（經由連結）\n"
          "                         allow evidence files outside the data file's folder\n"
          "  --fo OUT.fo            另寫出 XSL-FO（排版前的中間檔）write the XSL-FO too\n"
          "  --enriched OUT.xml     另寫出加上計算值的資料（<計算> 元素）write the data\n"
          "                         with the computed figures (<計算> elements)\n"
          "  --lang zh|en           訊息只用中文或英文 messages in one language only\n"
          "  --datadir DIR          templates/ 與 fonts/ 所在的資料夾 folder holding\n"
          "                         templates/ and fonts/ (default: the installed one)\n"
          "  --fonts DIR            字型設定資料夾 folder of gereport-fonts.conf\n"
          "  -h, --help             顯示說明 show this help\n"
          "\n"
          "結束代碼 Exit status: 0 成功 ok (也包括有未達規定 also with requirements\n"
          "not met), 1 資料有誤 data errors (或 or --strict 且有未達規定 and a requirement\n"
          "not met), 2 用法或系統錯誤 usage or system errors\n",
          out);
}

/* FILE.xml -> FILE + ext */
static char *with_ext(const char *in, const char *ext)
{
    size_t n = strlen(in);
    const char *dot = strrchr(in, '.'), *slash = strrchr(in, '/');
    char *out;
    if (dot && (!slash || dot > slash)) n = (size_t)(dot - in);
    out = gr_malloc(n + strlen(ext) + 1);
    memcpy(out, in, n);
    strcpy(out + n, ext);
    return out;
}

int gr_cli_parse_lang(gr_ctx *ctx, const char *verb, const char *v)
{
    if (strcmp(v, "zh") == 0) ctx->lang = GR_LANG_ZH;
    else if (strcmp(v, "en") == 0) ctx->lang = GR_LANG_EN;
    else if (strcmp(v, "both") == 0) ctx->lang = GR_LANG_BOTH;
    else {
        fprintf(stderr, "gereport %s: --lang 應為 zh 或 en（--lang must be zh or en）\n", verb);
        return GR_ESYS;
    }
    return GR_OK;
}

typedef struct build_args {
    const char *in, *out, *fo, *enriched, *datadir, *fonts;
    int internal, allow_outside, strict, jobs;
} build_args;

static int parse_args(gr_ctx *ctx, int argc, char **argv, build_args *a)
{
    int i;
    memset(a, 0, sizeof *a);
    for (i = 1; i < argc; i++) {
        const char *s = argv[i];
        int has = i + 1 < argc;
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            build_usage(stdout);
            return -1;
        } else if ((strcmp(s, "-o") == 0 || strcmp(s, "--output") == 0) && has) {
            a->out = argv[++i];
        } else if (strcmp(s, "--fo") == 0 && has) {
            a->fo = argv[++i];
        } else if (strcmp(s, "--enriched") == 0 && has) {
            a->enriched = argv[++i];
        } else if (strcmp(s, "--datadir") == 0 && has) {
            a->datadir = argv[++i];
        } else if (strcmp(s, "--fonts") == 0 && has) {
            a->fonts = argv[++i];
        } else if (strcmp(s, "--lang") == 0 && has) {
            if (gr_cli_parse_lang(ctx, "build", argv[++i]) != GR_OK) return GR_ESYS;
        } else if (strcmp(s, "--internal") == 0) {
            a->internal = 1;
        } else if (strcmp(s, "--allow-outside") == 0) {
            a->allow_outside = 1;
        } else if (strcmp(s, "--strict") == 0) {
            a->strict = 1;
        } else if ((strcmp(s, "-j") == 0 || strcmp(s, "--jobs") == 0) && has) {
            char *end;
            long j = strtol(argv[++i], &end, 10);
            if (*end || j < 1 || j > 64) {
                fprintf(stderr, "gereport build: -j 應為 1 到 64 的整數 (-j must be a whole number from 1 to 64)\n");
                return GR_ESYS;
            }
            a->jobs = (int)j;
        } else if (strcmp(s, "-q") == 0 || strcmp(s, "--quiet") == 0) {
            ctx->quiet = 1;
        } else if (strcmp(s, "-v") == 0 || strcmp(s, "--verbose") == 0) {
            ctx->verbose = 1;
        } else if (s[0] == '-' && s[1]) {
            fprintf(stderr, "gereport build: 未知或不完整的選項「%s」(unknown or incomplete option \"%s\")\n", s, s);
            build_usage(stderr);
            return GR_ESYS;
        } else if (!a->in) {
            a->in = s;
        } else {
            fprintf(stderr, "gereport build: 只能有一個資料檔 (only one data file)\n");
            return GR_ESYS;
        }
    }
    if (!a->in) {
        build_usage(stderr);
        return GR_ESYS;
    }
    return GR_OK;
}

/* On a terminal (not with -q): one line saying what was written. */
static void report_written(gr_ctx *ctx, const char *out, size_t pages)
{
    struct stat st;
    double mb = stat(out, &st) == 0 ? (double)st.st_size / 1e6 : 0;
    if (!ctx->tty || ctx->quiet) return;
    gr_info(ctx, "已寫出 %s：%zu 頁，%.2f MB", "wrote %s: %zu page(s), %.2f MB", out, pages, mb);
}

/* OUTDIR/NAME.pdf for a folder's file: DIR/sub/x.xml -> sub, DIR/x.xml -> x */
static char *folder_out(const char *outdir, const char *rel)
{
    const char *slash = strchr(rel, '/');
    char *stem = slash ? gr_strndup(rel, (size_t)(slash - rel)) : with_ext(rel, "");
    char *name = gr_malloc(strlen(stem) + 5), *out;
    strcpy(name, stem);
    strcat(name, ".pdf");
    out = gr_path_join(outdir, name);
    free(name);
    free(stem);
    return out;
}

/* One file, in a worker: the pipeline and the PDF. The folder scan has
 * printed the data's findings already; the worker prints only its errors
 * (layout, images, fonts). */
static int build_one(const char *in, const char *out, gr_report_opts *o, int strict)
{
    gr_ctx ctx;
    gr_report r;
    size_t i;
    int rc;
    gr_ctx_init(&ctx);
    ctx.print_off = 1;
    rc = gr_report_run(&ctx, in, o, &r);
    if (rc == GR_OK) rc = gr_report_pdf(&ctx, &r, o, out);
    for (i = 0; i < r.findings.n; i++) {
        const gr_finding *f = &r.findings.v[i];
        if (f->cls != GR_CLASS_ERROR) continue;
        if (f->line > 0) fprintf(stderr, "%s:%d: 錯誤 error: %s (%s)\n", f->file ? f->file : in, f->line,
                                 f->msg_zh ? f->msg_zh : "", f->msg_en ? f->msg_en : "");
        else fprintf(stderr, "%s: 錯誤 error: %s (%s)\n", f->file ? f->file : in,
                     f->msg_zh ? f->msg_zh : "", f->msg_en ? f->msg_en : "");
    }
    if (rc == GR_OK && strict && ctx.nunmet) rc = GR_EINPUT;
    gr_report_free(&r);
    return rc;
}

/* build DIR -o OUTDIR -j N: the folder's files classified by city.c (year,
 * duplicates, roster, errors), then the combinable ones built by N worker
 * processes (libxml2 and libxslt keep their error handlers per process),
 * worker k taking files k, k+N, k+2N… in path order. */
static int build_folder(gr_ctx *ctx, const build_args *a, gr_report_opts *o)
{
    gr_city c;
    struct stat st;
    size_t i, todo = 0;
    int rc, k, jobs = a->jobs ? a->jobs : 1, worst_rc = GR_OK;
    pid_t *pids;
    if (!a->out)
        return gr_syserror(ctx, a->in, 0, "請以 -o 指定輸出資料夾", "name the output folder with -o%s", "");
    if (a->fo || a->enriched)
        return gr_syserror(ctx, a->in, 0, "--fo 與 --enriched 只用於單一資料檔",
                           "--fo and --enriched are for one data file%s", "");
    if (stat(a->out, &st) != 0) {
        if (mkdir(a->out, 0777) != 0)
            return gr_syserror(ctx, a->out, 0, "無法建立輸出資料夾（%s）", "cannot create the output folder (%s)",
                               strerror(errno));
    } else if (!S_ISDIR(st.st_mode)) {
        return gr_syserror(ctx, a->out, 0, "輸出應為資料夾", "the output must be a folder%s", "");
    }
    o->data_only = 1;
    rc = gr_city_scan(ctx, a->in, o, &c);
    o->data_only = 0;
    if (rc != GR_OK) return rc;
    for (i = 0; i < c.n; i++) {
        if (c.v[i].state == GR_CITY_IN) todo++;
        else worst_rc = GR_EINPUT;
    }
    if (c.status != GR_OK) worst_rc = c.status;
    fflush(NULL);
    pids = gr_calloc((size_t)jobs, sizeof *pids);
    for (k = 0; k < jobs; k++) {
        pid_t p = fork();
        if (p < 0) {
            worst_rc = gr_syserror(ctx, NULL, 0, "無法建立工作行程（%s）", "cannot start a worker process (%s)",
                                   strerror(errno));
            break;
        }
        if (p == 0) {
            int child_rc = GR_OK;
            size_t n = 0;
            for (i = 0; i < c.n; i++) {
                char *out;
                int r1;
                if (c.v[i].state != GR_CITY_IN) continue;
                if ((n++ % (size_t)jobs) != (size_t)k) continue;
                out = folder_out(a->out, c.v[i].rel);
                r1 = build_one(c.v[i].path, out, o, a->strict);
                if (!ctx->quiet)
                    fprintf(stderr, "%s %s → %s\n", r1 == GR_OK ? "完成 done" : "失敗 failed", c.v[i].rel, out);
                if (r1 > child_rc) child_rc = r1;
                free(out);
            }
            fflush(NULL);
            _exit(child_rc);
        }
        pids[k] = p;
    }
    for (k = 0; k < jobs; k++) {
        int status;
        if (pids[k] <= 0) continue;
        if (waitpid(pids[k], &status, 0) < 0 || !WIFEXITED(status)) worst_rc = GR_ESYS;
        else if (WEXITSTATUS(status) > worst_rc) worst_rc = WEXITSTATUS(status);
    }
    if (!ctx->quiet)
        printf("%zu 個資料檔中 %zu 個可產生 PDF（%s）；%zu 個不產生\n"
               "%zu of %zu files to build (in %s); %zu left out\n",
               c.n, todo, a->out, c.n - todo, todo, c.n, a->out, c.n - todo);
    free(pids);
    gr_city_free(&c);
    return worst_rc;
}

int gr_cmd_build(int argc, char **argv)
{
    gr_ctx ctx;
    build_args a;
    gr_report_opts o;
    gr_report r;
    char *out_alloc = NULL, *datadir = NULL, *fontdir = NULL;
    int rc;
    gr_ctx_init(&ctx);
    rc = parse_args(&ctx, argc, argv, &a);
    if (rc != GR_OK) return rc < 0 ? GR_OK : rc;
    datadir = a.datadir ? gr_strdup(a.datadir) : gr_cli_datadir();
    fontdir = a.fonts ? gr_strdup(a.fonts) : gr_path_join(datadir, "fonts");
    memset(&o, 0, sizeof o);
    o.data.datadir = datadir;
    o.data.internal = a.internal;
    o.data.allow_outside = a.allow_outside;
    o.data.cache = gr_domain_cache_new();
    o.fontdir = fontdir;
    o.enriched = a.enriched;
    o.want_fo_text = a.fo != NULL;
    o.want_tree = 1;
    {
        struct stat st;
        if (stat(a.in, &st) == 0 && S_ISDIR(st.st_mode)) {
            rc = build_folder(&ctx, &a, &o);
            gr_domain_cache_free(o.data.cache);
            free(fontdir);
            free(datadir);
            return rc;
        }
    }
    if (a.jobs) {
        fprintf(stderr, "gereport build: -j 只用於資料夾 (-j needs a folder)\n");
        free(fontdir);
        free(datadir);
        gr_domain_cache_free(o.data.cache);
        return GR_ESYS;
    }
    rc = gr_report_run(&ctx, a.in, &o, &r);
    if (rc == GR_OK && a.fo)
        rc = gr_write_file_atomic(&ctx, a.fo, r.fo.data ? (void *)r.fo.data : "", r.fo.len);
    if (rc == GR_OK) {
        const char *out = a.out ? a.out : (out_alloc = with_ext(a.in, ".pdf"));
        rc = gr_report_pdf(&ctx, &r, &o, out);
        gr_progress_end(&ctx);
        if (rc == GR_OK) report_written(&ctx, out, r.pages);
        if (rc == GR_OK && a.strict && ctx.nunmet)
            rc = gr_error(&ctx, a.in, 0, "有 %d 項未達規定（--strict）；PDF 已產生",
                          "%d requirement(s) not met (--strict); the PDF was written", ctx.nunmet);
    }
    gr_progress_end(&ctx);
    gr_report_free(&r);
    gr_domain_cache_free(o.data.cache);
    free(out_alloc);
    free(fontdir);
    free(datadir);
    return rc;
}
