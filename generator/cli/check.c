/* check.c — `gereport check FILE.xml…`: every problem of every data file,
 * found by the pipeline build runs (generator/report/) short of layout:
 * XML, data format, evidence files, typed figures, the master plan's rules,
 * the form of the year, the template, every image opened and decoded and
 * every character looked up in its fonts; each with file:line, class
 * (錯誤 / 未達規定 / 提醒), rule and source; a summary line at the end.
 * Exit 1 if any error, or with --strict any requirement not met. */
#include "cli.h"
#include "../report/city.h"
#include "../util/msg.h"
#include <assert.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_usage(FILE *out)
{
    fputs("用法 Usage: gereport check FILE.xml… [--lang zh|en]\n"
          "       gereport check DIR [--csv FILE.csv]\n"
          "\n"
          "檢查資料檔：XML 與資料格式、佐證檔案、所填數字是否一致、總計畫規則、\n"
          "是否有適用該年度的表單。每個問題列出檔案:行號、類別（錯誤、未達規定、\n"
          "提醒）、規則及依據。\n"
          "Checks data files: XML and data format, evidence files, the consistency of\n"
          "the figures typed, the master plan's rules, and that a form serves the\n"
          "year. Every finding names file:line, its class (錯誤 error, 未達規定\n"
          "requirement not met, 提醒 note), rule and source.\n"
          "\n"
          "一個年度資料夾（各機關資料檔直接放在 DIR 或每機關一個子資料夾，可另有性平辦\n"
          "彙整檔，見 docs/office-file.md）：另列各機關摘要表與合計；其他年度、重複、\n"
          "不在名冊的檔案列為錯誤。\n"
          "A year folder: also a per-agency summary table and totals; files of another\n"
          "year, duplicates and files not on the roster are errors.\n"
          "\n"
          "  FILE.xml 為「-」時讀標準輸入 (\"-\" reads standard input)\n"
          "  --csv FILE.csv         資料夾：另寫出機關×發現對照表（UTF-8，含 BOM）；\n"
          "                         「-」為標準輸出，摘要表改印到標準錯誤\n"
          "                         folder: write the agency × finding matrix as CSV\n"
          "                         (\"-\": standard output, the table then goes to\n"
          "                         standard error)\n"
          "  --previous DIR|FILE    前一年度的資料夾或資料檔：比較兩年的規則（R13、R17）\n"
          "                         才會檢查；未指定時列為「未檢查」\n"
          "                         the previous year's folder or file: the rules that\n"
          "                         compare years (R13, R17) run; without it they are\n"
          "                         reported as not checked\n"
          "  --strict               有「未達規定」時結束代碼為 1\n"
          "                         exit 1 on any requirement not met\n"
          "  -q, --quiet            不印最後的統計行 no summary line\n"
          "  --lang zh|en|both      訊息語言（預設依 LANG）messages' language (default:\n"
          "                         from LC_ALL / LC_MESSAGES / LANG, else both)\n"
          "  --allow-outside        允許佐證檔案位於資料檔的資料夾之外（經由連結）\n"
          "                         allow evidence files outside the data file's folder\n"
          "  --datadir DIR          templates/ 與 fonts/ 所在的資料夾 folder holding\n"
          "                         templates/ and fonts/ (default: the installed one)\n"
          "  --fonts DIR            字型設定資料夾 folder of gereport-fonts.conf\n"
          "  -h, --help             顯示說明 show this help\n"
          "\n"
          "結束代碼 Exit status: 0 無錯誤 no errors (未達規定與提醒不影響 requirements not\n"
          "met and notes allowed), 1 有錯誤 errors found (或 or --strict 且有未達規定 and a\n"
          "requirement not met), 2 用法或系統錯誤 usage or system errors\n",
          out);
}

void gr_cli_say_unchecked(gr_ctx *ctx, const gr_report_opts *o, const gr_previous *p, int year, FILE *out)
{
    gr_buf zh, en;
    if (ctx->quiet) return;
    gr_buf_init(&zh);
    gr_buf_init(&en);
    if (gr_previous_unchecked(ctx, o, p, year, &zh, &en))
        gr_cli_say(ctx, out, gr_buf_cstr(&zh), gr_buf_cstr(&en));
    gr_buf_free(&zh);
    gr_buf_free(&en);
}

/* check DIR: every file through the pipeline and the folder's table
 * (report/city_table.c, the same table serve DIR shows): one row per
 * missing unit and per file, and the totals. Exit 1 if any error (with
 * --strict also any 未達規定). */
static int check_folder(gr_ctx *ctx, const char *dir, const char *previous, const gr_report_opts *o,
                        const char *csv, int strict)
{
    gr_city c;
    gr_city_table t;
    size_t i;
    int rc;
    /* the table goes to standard error when the CSV goes to standard output */
    FILE *out = csv && gr_is_stdio(csv) ? stderr : stdout;
    rc = gr_city_check(ctx, dir, previous, o, &c, &t);   /* o->fonts: one font set for every file */
    if (rc != GR_OK) { gr_city_free(&c); return rc; }
    if (csv && gr_city_csv(ctx, &c, csv) != GR_OK) rc = GR_ESYS;
    fprintf(out, "\n%s\t%s\t%s\t%s\t%s\t%s\n", "單位 unit", "資料檔 file", "錯誤 errors",
                 "未達規定 unmet", "提醒 notes", "狀態 state");
    for (i = 0; i < t.n; i++) {
        const gr_city_row *r = &t.rows[i];
        const gr_city_entry *e = r->entry >= 0 ? &c.v[r->entry] : NULL;
        if (!e) {
            fprintf(out, "%s\t-\t-\t-\t-\t未提交 missing\n", r->name);
            continue;
        }
        fprintf(out, "%s\t%s\t%d\t%d\t%d\t%s %s\n", r->name, r->file, r->errors, r->unmet, r->notes,
                     gr_city_state_zh(e->state), gr_city_state_en(e->state));
    }
    fprintf(out, "合計 total: %zu 個資料檔 files%s%s, %d 年度 year; %zu 個可納入 combinable, %zu 個不納入 left out, "
                 "%zu 個單位未提交 units missing; %d 個錯誤 errors, %d 個未達規定 unmet, %d 個提醒 notes\n",
                 t.files, c.office ? " + 性平辦彙整檔 office file " : "", c.office ? c.office : "", c.year, t.in,
                 t.left_out, t.missing, t.errors, t.unmet, t.notes);
    gr_cli_say_unchecked(ctx, o, &c.previous, c.year, out);
    if (rc == GR_OK && (t.errors || c.status != GR_OK || (strict && t.unmet))) rc = GR_EINPUT;
    gr_city_table_free(&t);
    gr_city_free(&c);
    return rc;
}

enum { O_DATADIR = 1, O_FONTS, O_OUTSIDE, O_STRICT, O_QUIET, O_CSV, O_PREVIOUS };
static const gr_opt check_opts[] = {
    { "datadir", 0, 1, O_DATADIR }, { "fonts", 0, 1, O_FONTS }, { "allow-outside", 0, 0, O_OUTSIDE },
    { "strict", 0, 0, O_STRICT }, { "quiet", 'q', 0, O_QUIET },
    { "csv", 0, 1, O_CSV }, { "previous", 0, 1, O_PREVIOUS }, { NULL, 0, 0, 0 }
};

int gr_cmd_check(int argc, char **argv)
{
    gr_ctx ctx;
    gr_report_opts o;
    gr_report r;
    const char **files;
    char *datadir = NULL, *fontdir = NULL;
    const char *dd = NULL, *fonts = NULL, *csv = NULL, *previous = NULL;
    gr_previous prev;
    int year = 0;
    struct stat st;
    gr_opts p;
    int i, id, nfiles = 0, rc = GR_OK, worst = GR_OK, allow = 0, strict = 0, folder;
    gr_ctx_init(&ctx);
    files = gr_calloc((size_t)argc + 1, sizeof *files);
    gr_opts_init(&p, &ctx, "check", "check FILE.xml… | DIR [--csv FILE.csv] [options]", check_opts,
                 argc, argv);
    while ((id = gr_opts_next(&p)) != GR_OPT_END) {
        switch (id) {
        case GR_OPT_HELP: check_usage(stdout); free(files); return GR_OK;
        case GR_OPT_ERROR: free(files); return GR_ESYS;
        case O_DATADIR: dd = p.value; break;
        case O_FONTS: fonts = p.value; break;
        case O_OUTSIDE: allow = 1; break;
        case O_STRICT: strict = 1; break;
        case O_QUIET: ctx.quiet = 1; break;
        case O_CSV: csv = p.value; break;
        case O_PREVIOUS: previous = p.value; break;
        case GR_OPT_OPERAND: files[nfiles++] = p.value; break;
        default: assert(0 && "an option of the table is not handled");
        }
    }
    if (!nfiles) {
        free(files);
        return gr_opts_usage_error(&p, GR_TEXT(CHECK_NAME_LEAST_ONE_DATA));
    }
    folder = nfiles == 1 && strcmp(files[0], "-") != 0 && stat(files[0], &st) == 0 &&
             S_ISDIR(st.st_mode);
    if (csv && !folder) {
        free(files);
        return gr_opts_usage_error(&p, GR_TEXT(CHECK_CSV_NEEDS_ONE_FOLDER));
    }
    datadir = dd ? gr_strdup(dd) : gr_cli_datadir();
    fontdir = fonts ? gr_strdup(fonts) : gr_path_join(datadir, "fonts");
    memset(&o, 0, sizeof o);
    o.data.datadir = datadir;
    o.data.allow_outside = allow;
    o.data.cache = gr_domain_cache_new();
    o.fontdir = fontdir;
    o.check_media = 1;          /* everything build does short of layout */
    o.fonts = gr_fontset_new(&ctx, fontdir);   /* once for all the files */
    if (!o.fonts) {
        gr_domain_cache_free(o.data.cache);
        free(fontdir);
        free(datadir);
        free(files);
        return GR_ESYS;
    }
    if (folder) {
        worst = check_folder(&ctx, files[0], previous, &o, csv, strict);
        gr_progress_end(&ctx);
        gr_fontset_free(o.fonts);
        gr_domain_cache_free(o.data.cache);
        free(fontdir);
        free(datadir);
        free(files);
        return worst;
    }
    if (gr_previous_load(&ctx, previous, &o, &prev) != GR_OK) worst = GR_ESYS;
    for (i = 0; i < nfiles && worst != GR_ESYS; i++) {
        o.data.previous = gr_previous_for(&prev, files[i]);
        rc = gr_report_run(&ctx, files[i], &o, &r);
        if (!year && r.doc) year = gr_data_year(r.doc);
        gr_report_free(&r);
        if (rc > worst) worst = rc;
    }

    if (ctx.nerrors && worst == GR_OK) worst = GR_EINPUT;
    if (strict && ctx.nunmet && worst == GR_OK) worst = GR_EINPUT;
    gr_progress_end(&ctx);
    if (!ctx.quiet) {
        char zh[160], en[160];
#define PLURAL(n) ((n) == 1 ? "" : "s")
        snprintf(zh, sizeof zh, gr_msg_zh_CHECK_SUMMARY, nfiles, PLURAL(nfiles), ctx.nerrors,
                 PLURAL(ctx.nerrors), ctx.nunmet, PLURAL(ctx.nunmet), ctx.nwarnings, PLURAL(ctx.nwarnings));
        snprintf(en, sizeof en, gr_msg_en_CHECK_SUMMARY, nfiles, PLURAL(nfiles), ctx.nerrors,
                 PLURAL(ctx.nerrors), ctx.nunmet, PLURAL(ctx.nunmet), ctx.nwarnings, PLURAL(ctx.nwarnings));
#undef PLURAL
        if (ctx.lang == GR_LANG_ZH) printf("%s\n", zh);
        else if (ctx.lang == GR_LANG_EN) printf("%s\n", en);
        else printf("%s (%s)\n", zh, en);
        if (worst != GR_ESYS) gr_cli_say_unchecked(&ctx, &o, &prev, year, stdout);   /* once */
    }
    gr_previous_free(&prev);
    gr_fontset_free(o.fonts);
    gr_domain_cache_free(o.data.cache);
    free(fontdir);
    free(datadir);
    free(files);
    return worst;
}
