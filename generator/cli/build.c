/* build.c — `gereport build FILE.xml [-o OUT.pdf]`: one data file to the
 * PDF of its year's form. Parses the options and runs the pipeline
 * (generator/report/: load, compute, rules, form, mask, XSLT, then layout
 * and PDF/A-1b written atomically). Nothing is written when an error
 * (錯誤) occurs; 未達規定 and 提醒 are printed and the PDF is still written
 * (exit 1 with --strict on any 未達規定). On a terminal, progress after a
 * second and one closing line saying what was written. */
#include "cli.h"
#include "../report/report.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void build_usage(FILE *out)
{
    fputs("用法 Usage: gereport build FILE.xml [-o OUT.pdf] [選項 options]\n"
          "\n"
          "將一個機關一個年度的資料檔，依該年度的表單產生 PDF/A-1b：檢查資料格式、\n"
          "計算合計與比率、檢查總計畫規則，公開版遮蔽姓名。資料有「錯誤」即停止；\n"
          "「未達規定」與「提醒」照印，PDF 照樣產生。\n"
          "Turns one agency's data file into the PDF/A-1b of its year's form: validates\n"
          "the data, computes the figures, checks the master plan's rules and masks\n"
          "names in the public edition. An error (錯誤) stops the build; requirements\n"
          "not met (未達規定) and notes (提醒) are printed and the PDF is written.\n"
          "\n"
          "  -o, --output OUT.pdf   輸出檔 output file (default: FILE.pdf beside FILE.xml)\n"
          "  --strict               有「未達規定」時結束代碼為 1（PDF 仍會產生）\n"
          "                         exit 1 on any requirement not met (the PDF is\n"
          "                         still written)\n"
          "  -q, --quiet            只印錯誤與檢查結果，不印進度與完成訊息\n"
          "                         print only errors and findings: no progress\n"
          "  -v, --verbose          列出處理過的圖片等（不在終端機時也印）\n"
          "                         say what was done (resampled images …)\n"
          "  --internal             內部版：姓名全文照印 internal edition: names in full\n"
          "  --embed-source         產生 PDF/A-3b，內附資料檔與圖檔（公開版附遮蔽後的資料）\n"
          "                         PDF/A-3b carrying the data and its images (the\n"
          "                         public edition carries the data with names masked)\n"
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
    int internal, allow_outside, strict, embed_source;
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
        } else if (strcmp(s, "--embed-source") == 0) {
            a->embed_source = 1;
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
    o.embed_source = a.embed_source;
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
