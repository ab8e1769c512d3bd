/* combine.c — `gereport combine DIR -o CITY.pdf`: the combined city report
 * (seed 003's form) of a year folder. The folder is read by
 * generator/report/city.c (agencies' files through the one pipeline, the
 * office file, the roster, what is left out and why); the assembled
 * document is a document kind of its own (templates/combined/) run through
 * the same pipeline (gr_report_run_doc) and laid out like any report.
 * Exit 1 when an agency was left out or a roster unit is missing (the PDF
 * is written all the same), 1 without a PDF when the office file is
 * invalid, 2 for usage and system errors. */
#include "cli.h"
#include "../report/city.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void combine_usage(FILE *out)
{
    fputs("用法 Usage: gereport combine DIR -o CITY.pdf [選項 options]\n"
          "\n"
          "彙整一個年度資料夾（各機關資料檔，直接放在 DIR 或每機關一個子資料夾；\n"
          "可另有性平辦彙整檔，見 docs/office-file.md）為全市推動性別平等工作成果報告。\n"
          "有錯誤的機關、其他年度或重複的檔案不納入，列於附錄；仍產生 PDF。\n"
          "Combines a year folder (the agencies' data files, directly in DIR or one\n"
          "subfolder per agency, and optionally the office file) into the city's\n"
          "combined report. Files with errors, of another year or duplicates are\n"
          "left out and listed in the annex; the PDF is written all the same.\n"
          "\n"
          "  -o, --output CITY.pdf  輸出檔 output file (required)\n"
          "  --csv FILE.csv         另寫出機關×發現對照表（UTF-8，含 BOM）\n"
          "                         write the agency × finding matrix as CSV too\n"
          "  --internal             內部版：姓名全文照印 internal edition: names in full\n"
          "  --fo OUT.fo            另寫出 XSL-FO write the XSL-FO too\n"
          "  --enriched OUT.xml     另寫出彙整後的文件（含計算值）write the assembled\n"
          "                         document with its computed figures\n"
          "  --lang zh|en           訊息只用中文或英文 messages in one language only\n"
          "  --allow-outside        允許佐證檔案位於資料檔的資料夾之外\n"
          "                         allow evidence files outside a data file's folder\n"
          "  --datadir DIR          templates/ 與 fonts/ 所在的資料夾\n"
          "  --fonts DIR            字型設定資料夾 folder of gereport-fonts.conf\n"
          "  -h, --help             顯示說明 show this help\n"
          "\n"
          "結束代碼 Exit status: 0 全部納入 every roster unit combined, 1 有機關未納入或未提交\n"
          "(PDF 照寫) an agency left out or missing (PDF still written) or invalid office file,\n"
          "2 用法或系統錯誤 usage or system errors\n",
          out);
}

typedef struct combine_args {
    const char *dir, *out, *csv, *fo, *enriched, *datadir, *fonts;
    int internal, allow_outside;
} combine_args;

static int parse_args(gr_ctx *ctx, int argc, char **argv, combine_args *a)
{
    int i;
    memset(a, 0, sizeof *a);
    for (i = 1; i < argc; i++) {
        const char *s = argv[i];
        int has = i + 1 < argc;
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            combine_usage(stdout);
            return -1;
        } else if ((strcmp(s, "-o") == 0 || strcmp(s, "--output") == 0) && has) {
            a->out = argv[++i];
        } else if (strcmp(s, "--csv") == 0 && has) {
            a->csv = argv[++i];
        } else if (strcmp(s, "--fo") == 0 && has) {
            a->fo = argv[++i];
        } else if (strcmp(s, "--enriched") == 0 && has) {
            a->enriched = argv[++i];
        } else if (strcmp(s, "--datadir") == 0 && has) {
            a->datadir = argv[++i];
        } else if (strcmp(s, "--fonts") == 0 && has) {
            a->fonts = argv[++i];
        } else if (strcmp(s, "--lang") == 0 && has) {
            if (gr_cli_parse_lang(ctx, "combine", argv[++i]) != GR_OK) return GR_ESYS;
        } else if (strcmp(s, "--internal") == 0) {
            a->internal = 1;
        } else if (strcmp(s, "--allow-outside") == 0) {
            a->allow_outside = 1;
        } else if (s[0] == '-' && s[1]) {
            fprintf(stderr, "gereport combine: 未知或不完整的選項「%s」(unknown or incomplete option \"%s\")\n", s, s);
            combine_usage(stderr);
            return GR_ESYS;
        } else if (!a->dir) {
            a->dir = s;
        } else {
            fprintf(stderr, "gereport combine: 只能有一個資料夾 (only one folder)\n");
            return GR_ESYS;
        }
    }
    if (!a->dir || !a->out) {
        if (a->dir) fprintf(stderr, "gereport combine: 請以 -o 指定輸出的 PDF (name the PDF with -o)\n");
        combine_usage(stderr);
        return GR_ESYS;
    }
    return GR_OK;
}

int gr_cmd_combine(int argc, char **argv)
{
    gr_ctx ctx;
    combine_args a;
    gr_report_opts o;
    gr_report r;
    gr_city c;
    xmlDocPtr doc;
    char *datadir, *fontdir;
    size_t left, missing;
    int rc;
    gr_ctx_init(&ctx);
    rc = parse_args(&ctx, argc, argv, &a);
    if (rc != GR_OK) return rc < 0 ? GR_OK : rc;
    datadir = a.datadir ? gr_strdup(a.datadir) : gr_cli_datadir();
    fontdir = a.fonts ? gr_strdup(a.fonts) : gr_path_join(datadir, "fonts");
    memset(&o, 0, sizeof o);
    o.data.datadir = datadir;
    o.data.allow_outside = a.allow_outside;
    o.data.cache = gr_domain_cache_new();
    o.fontdir = fontdir;
    /* agencies: enriched, names in full, so that the city document is
       masked once, as a whole, annex messages included */
    o.data_only = 1;
    o.data.internal = 1;
    rc = gr_city_scan(&ctx, a.dir, &o, &c);
    if (rc == GR_OK) rc = c.status;                /* an invalid office file */
    if (rc == GR_OK && a.csv) rc = gr_city_csv(&ctx, &c, a.csv);
    if (rc == GR_OK) {
        doc = gr_city_document(&ctx, &c);
        o.data_only = 0;
        o.data.internal = a.internal;
        o.enriched = a.enriched;
        o.want_fo_text = a.fo != NULL;
        o.want_tree = 1;
        rc = gr_report_run_doc(&ctx, c.office ? c.office : a.dir, doc, &o, &r);
        if (rc == GR_OK && a.fo)
            rc = gr_write_file_atomic(&ctx, a.fo, r.fo.data ? (void *)r.fo.data : "", r.fo.len);
        if (rc == GR_OK) rc = gr_report_pdf(&ctx, &r, &o, a.out);
        gr_report_free(&r);
    }
    left = gr_city_left_out(&c);
    missing = gr_city_missing(&c);
    if (rc == GR_OK) {
        size_t in = c.n - left;
        if (ctx.lang != GR_LANG_EN)
            printf("全市彙整 %d 年度：名冊 %zu 個單位，納入 %zu 個檔案，未納入 %zu 個檔案，%zu 個單位未納入或未提交；寫出 %s\n",
                   c.year, c.nunits, in, left, missing, a.out);
        if (ctx.lang != GR_LANG_ZH)
            printf("combined %d: %zu roster units, %zu files combined, %zu left out, %zu units left out or missing; wrote %s\n",
                   c.year, c.nunits, in, left, missing, a.out);
        if (left || missing) rc = GR_EINPUT;
    }
    gr_city_free(&c);
    gr_domain_cache_free(o.data.cache);
    free(fontdir);
    free(datadir);
    return rc;
}
