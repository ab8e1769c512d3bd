/* combine.c — `gereport combine DIR -o CITY.pdf`: the combined city report
 * (seed 003's form) of a year folder. The folder is read by
 * generator/report/city.c (agencies' files through the one pipeline, the
 * office file, the roster, what is left out and why); the assembled
 * document is a document kind of its own (templates/combined/) run through
 * the same pipeline (gr_report_run_doc) and laid out like any report —
 * all in gr_city_combine (report/city_table.c), which serve DIR runs too.
 * Exit 1 when an agency was left out or a roster unit is missing (the PDF
 * is written all the same), 1 without a PDF when the office file is
 * invalid, 2 for usage and system errors. */
#include "cli.h"
#include "../report/city.h"
#include "../util/msg.h"
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
          "  -o, --output CITY.pdf  輸出檔（必要）；「-」為標準輸出（PDF 完成後才寫出）\n"
          "                         output file (required); \"-\": standard output,\n"
          "                         written only once the PDF is complete\n"
          "  --csv FILE.csv         另寫出機關×發現對照表（UTF-8，含 BOM；「-」為標準輸出）\n"
          "                         write the agency × finding matrix as CSV too\n"
          "                         (\"-\": standard output)\n"
          "  --previous DIR|FILE    前一年度的資料夾：比較兩年的規則（R13、R17）才會檢查；\n"
          "                         未指定（彙整檔也沒有 <前一年度>）時列為「未檢查」\n"
          "                         the previous year's folder: the rules that compare\n"
          "                         years (R13, R17) run; without it (nor <前一年度> in\n"
          "                         the office file) they are reported as not checked\n"
          "  --internal             內部版：姓名全文照印 internal edition: names in full\n"
          "  --fo OUT.fo            另寫出 XSL-FO write the XSL-FO too\n"
          "  --enriched OUT.xml     另寫出彙整後的文件（含計算值）write the assembled\n"
          "                         document with its computed figures\n"
          "  --lang zh|en|both      訊息語言（預設依 LANG）messages' language (default:\n"
          "                         from LC_ALL / LC_MESSAGES / LANG, else both)\n"
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

/* Append entry id to zh and en, with an argument worded per language. */
static void append2(gr_buf *zh, gr_buf *en, gr_msg_id id, const char *arg_zh, const char *arg_en)
{
    gr_buf scratch;
    gr_buf_init(&scratch);
    gr_msg_append(zh, &scratch, id, GR_MSG_ARGS(arg_zh));
    gr_buf_free(&scratch);
    gr_buf_init(&scratch);
    gr_msg_append(&scratch, en, id, GR_MSG_ARGS(arg_en));
    gr_buf_free(&scratch);
}

/* What the scan found, on standard error: the office file's own findings
 * in full (they decide whether there is a report at all), then one line per
 * agency file with findings or left out (counts by class, its state, its
 * first error), and where every finding is to be read: the office compiles
 * some 31 reports, and a thousand lines of notes scrolling by serve no one. */
static void print_summary(gr_ctx *ctx, const gr_city *c, const gr_report_opts *o, const char *dir);

/* gr_city_combine's hook: the agencies' summary once the folder is read. */
static void after_scan(gr_ctx *ctx, const gr_city *c, const gr_report_opts *o, void *user)
{
    print_summary(ctx, c, o, (const char *)user);
}

static void print_summary(gr_ctx *ctx, const gr_city *c, const gr_report_opts *o, const char *dir)
{
    gr_ctx pr = *ctx;
    size_t i, k, clean = 0;
    pr.findings = NULL;          /* printed, not recorded again */
    pr.print_off = 0;
    for (i = 0; i < c->office_findings.n; i++) gr_report_finding(&pr, &c->office_findings.v[i]);
    for (i = 0; i < c->n; i++) {
        const gr_city_entry *e = &c->v[i];
        const gr_finding *first = NULL;
        int n[3] = { 0, 0, 0 };
        char ne[16], nu[16], nn[16];
        gr_buf zh, en;
        for (k = 0; k < e->findings.n; k++) {
            const gr_finding *f = &e->findings.v[k];
            n[f->cls == GR_CLASS_ERROR ? 0 : f->cls == GR_CLASS_UNMET ? 1 : 2]++;
            if (f->cls == GR_CLASS_ERROR && !first) first = f;
        }
        if (!e->findings.n && e->state == GR_CITY_IN) { clean++; continue; }
        snprintf(ne, sizeof ne, "%d", n[0]);
        snprintf(nu, sizeof nu, "%d", n[1]);
        snprintf(nn, sizeof nn, "%d", n[2]);
        gr_buf_init(&zh);
        gr_buf_init(&en);
        gr_msg_append(&zh, &en, GR_M_CITY_AGENCY_COUNTS,
                      GR_MSG_ARGS(e->unit >= 0 ? c->units[e->unit].short_name : e->name ? e->name : "—",
                                  e->rel, ne, nu, nn));
        append2(&zh, &en, GR_M_CITY_AGENCY_STATE, gr_city_state_zh(e->state), gr_city_state_en(e->state));
        gr_cli_say(ctx, stderr, gr_buf_cstr(&zh), gr_buf_cstr(&en));
        gr_buf_free(&zh);
        gr_buf_free(&en);
        if (first) {
            gr_buf wz, we;
            gr_buf_init(&wz);
            gr_buf_init(&we);
            gr_buf_adds(&wz, e->rel);
            if (first->line > 0) gr_buf_printf(&wz, ":%d", first->line);
            gr_buf_adds(&we, gr_buf_cstr(&wz));
            gr_buf_printf(&wz, ": %s", first->msg_zh ? first->msg_zh : "");
            gr_buf_printf(&we, ": %s", first->msg_en ? first->msg_en : "");
            gr_buf_init(&zh);
            gr_buf_init(&en);
            append2(&zh, &en, GR_M_CITY_FIRST_ERROR, gr_buf_cstr(&wz), gr_buf_cstr(&we));
            gr_cli_say(ctx, stderr, gr_buf_cstr(&zh), gr_buf_cstr(&en));
            gr_buf_free(&zh);
            gr_buf_free(&en);
            gr_buf_free(&wz);
            gr_buf_free(&we);
        }
    }
    if (clean) {
        char nc[32];
        gr_buf zh, en;
        snprintf(nc, sizeof nc, "%zu", clean);
        gr_buf_init(&zh);
        gr_buf_init(&en);
        gr_msg_append(&zh, &en, GR_M_CITY_CLEAN_REST, GR_MSG_ARGS(nc));
        gr_cli_say(ctx, stderr, gr_buf_cstr(&zh), gr_buf_cstr(&en));
        gr_buf_free(&zh);
        gr_buf_free(&en);
    }
    gr_cli_say_unchecked(ctx, o, &c->previous, c->year, stderr);   /* once */
    if (c->n > clean || c->office_findings.n) {
        gr_buf zh, en;
        gr_buf_init(&zh);
        gr_buf_init(&en);
        gr_msg_append(&zh, &en, GR_M_CITY_SEE_CHECK, GR_MSG_ARGS(dir));
        gr_cli_say(ctx, stderr, gr_buf_cstr(&zh), gr_buf_cstr(&en));
        gr_buf_free(&zh);
        gr_buf_free(&en);
    }
}

typedef struct combine_args {
    const char *dir, *out, *csv, *fo, *enriched, *datadir, *fonts, *previous;
    int internal, allow_outside;
} combine_args;

enum { O_OUT = 1, O_CSV, O_FO, O_ENRICHED, O_DATADIR, O_FONTS, O_INTERNAL, O_OUTSIDE, O_PREVIOUS };
static const gr_opt combine_opts[] = {
    { "output", 'o', 1, O_OUT }, { "csv", 0, 1, O_CSV }, { "fo", 0, 1, O_FO },
    { "enriched", 0, 1, O_ENRICHED }, { "datadir", 0, 1, O_DATADIR }, { "fonts", 0, 1, O_FONTS },
    { "internal", 0, 0, O_INTERNAL }, { "allow-outside", 0, 0, O_OUTSIDE }, { "previous", 0, 1, O_PREVIOUS },
    { NULL, 0, 0, 0 }
};

/* GR_OK, GR_ESYS after a usage error, or -1 when --help was printed. */
static int parse_args(gr_ctx *ctx, int argc, char **argv, combine_args *a)
{
    gr_opts p;
    int id;
    memset(a, 0, sizeof *a);
    gr_opts_init(&p, ctx, "combine", "combine DIR -o CITY.pdf [options]", combine_opts, argc, argv);
    while ((id = gr_opts_next(&p)) != GR_OPT_END) {
        switch (id) {
        case GR_OPT_HELP: combine_usage(stdout); return -1;
        case GR_OPT_ERROR: return GR_ESYS;
        case O_OUT: a->out = p.value; break;
        case O_CSV: a->csv = p.value; break;
        case O_FO: a->fo = p.value; break;
        case O_ENRICHED: a->enriched = p.value; break;
        case O_DATADIR: a->datadir = p.value; break;
        case O_FONTS: a->fonts = p.value; break;
        case O_INTERNAL: a->internal = 1; break;
        case O_OUTSIDE: a->allow_outside = 1; break;
        case O_PREVIOUS: a->previous = p.value; break;
        case GR_OPT_OPERAND:
            if (a->dir)
                return gr_opts_usage_error(&p, GR_TEXT(COMBINE_ONLY_ONE_FOLDER_EXTRA), p.value);
            a->dir = p.value;
            break;
        default: assert(0 && "an option of the table is not handled");
        }
    }
    if (!a->dir)
        return gr_opts_usage_error(&p, GR_TEXT(COMBINE_NAME_ONE_YEAR_FOLDER));
    if (!a->out)
        return gr_opts_usage_error(&p, GR_TEXT(COMBINE_NAME_PDF_O));
    if (a->csv && gr_is_stdio(a->csv) && gr_is_stdio(a->out))
        return gr_opts_usage_error(&p, GR_TEXT(COMBINE_ONLY_ONE_O_CSV));
    return GR_OK;
}

int gr_cmd_combine(int argc, char **argv)
{
    gr_ctx ctx;
    combine_args a;
    gr_report_opts o;
    gr_city_combine_opts co;
    gr_city c;
    char *datadir, *fontdir;
    size_t left, missing;
    FILE *say;
    int rc;
    gr_ctx_init(&ctx);
    rc = parse_args(&ctx, argc, argv, &a);
    if (rc != GR_OK) return rc < 0 ? GR_OK : rc;
    if (gr_is_stdio(a.out) && isatty(STDOUT_FILENO)) {
        return gr_cli_refuse_terminal(&ctx, "combine");
    }
    /* the closing lines go to standard error when a file goes to standard output */
    say = gr_is_stdio(a.out) || (a.csv && gr_is_stdio(a.csv)) ? stderr : stdout;
    datadir = a.datadir ? gr_strdup(a.datadir) : gr_cli_datadir();
    fontdir = a.fonts ? gr_strdup(a.fonts) : gr_path_join(datadir, "fonts");
    memset(&o, 0, sizeof o);
    memset(&co, 0, sizeof co);
    o.data.datadir = datadir;
    o.data.allow_outside = a.allow_outside;
    o.data.cache = gr_domain_cache_new();
    o.fontdir = fontdir;
    co.out = a.out;
    co.csv = a.csv;
    co.fo = a.fo;
    co.enriched = a.enriched;
    co.internal = a.internal;
    co.previous = a.previous;
    co.quiet_scan = 1;     /* the summary below says what there is and where to read it */
    co.after_scan = after_scan;
    co.user = (void *)a.dir;
    rc = gr_city_combine(&ctx, a.dir, &o, &co, &c);
    left = gr_city_left_out(&c);
    missing = gr_city_missing(&c);
    if (rc == GR_OK) {
        size_t in = c.n - left;
        if (ctx.lang != GR_LANG_EN)
            fprintf(say, "全市彙整 %d 年度：名冊 %zu 個單位，納入 %zu 個檔案，未納入 %zu 個檔案，%zu 個單位未納入或未提交；寫出 %s\n",
                         c.year, c.nunits, in, left, missing, gr_is_stdio(a.out) ? "標準輸出" : a.out);
        if (ctx.lang != GR_LANG_ZH)
            fprintf(say, "combined %d: %zu roster units, %zu files combined, %zu left out, %zu units left out or missing; wrote %s\n",
                         c.year, c.nunits, in, left, missing, gr_is_stdio(a.out) ? "standard output" : a.out);
        if (left || missing) rc = GR_EINPUT;
    }
    gr_city_free(&c);
    gr_domain_cache_free(o.data.cache);
    free(fontdir);
    free(datadir);
    return rc;
}
