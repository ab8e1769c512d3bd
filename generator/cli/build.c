/* build.c — `gereport build FILE.xml [-o OUT.pdf]`: one data file to the
 * PDF of its year's form. Parses the options and runs the pipeline
 * (generator/report/: load, compute, rules, form, mask, XSLT, then layout
 * and PDF/A-1b written atomically). Nothing is written when an error
 * (錯誤) occurs; 未達規定 and 提醒 are printed and the PDF is still written
 * (exit 1 with --strict on any 未達規定). On a terminal, progress after a
 * second and one closing line saying what was written. */
#include "cli.h"
#include "../report/archive.h"
#include "../report/city.h"
#include "../util/msg.h"
#include <assert.h>
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
          "  FILE.xml 為「-」時讀標準輸入，照片等檔案的相對路徑以目前資料夾為準。\n"
          "  With FILE.xml \"-\" the data is read from standard input, and relative\n"
          "  photo paths resolve against the current folder.\n"
          "\n"
          "  -o, --output OUT.pdf   輸出檔；「-」為標準輸出（PDF 完成後才寫出）\n"
          "                         output file (default: FILE.pdf beside FILE.xml;\n"
          "                         \"-\" or standard input: standard output, written\n"
          "                         only once the PDF is complete)\n"
          "  -o, --output OUTDIR    資料夾：輸出資料夾（必要）folder: the output folder\n"
          "                         (required)\n"
          "  -j, --jobs N           資料夾：同時 N 個工作行程 folder: N worker processes (1-64)\n"
          "  --previous DIR|FILE    前一年度的資料夾或資料檔：比較兩年的規則（R13、R17）\n"
          "                         才會檢查（未指定時請用 gereport check 查看未檢查之規則）\n"
          "                         the previous year's folder or file: the rules that\n"
          "                         compare years (R13, R17) run\n"
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
          "  --like OLD.pdf         依舊報告記載的版本（公開/內部）與是否內附資料重新產生，\n"
          "                         先比對程式、程式庫與字型，最後說明位元組是否相同\n"
          "                         rebuild as OLD.pdf was made (edition, --embed-source),\n"
          "                         comparing versions and fonts first and the bytes after\n"
          "  --allow-outside        允許佐證檔案位於資料檔的資料夾之外（經由連結）\n"
          "                         allow evidence files outside the data file's folder\n"
          "  --fo OUT.fo            另寫出 XSL-FO（排版前的中間檔）write the XSL-FO too\n"
          "  --dump-boxes FILE      寫出版面紀錄（頁、儲存格、行；見 docs/layout.md）\n"
          "                         write the box dump (see docs/layout.md)\n"
          "  --enriched OUT.xml     另寫出加上計算值的資料（<計算> 元素）write the data\n"
          "                         with the computed figures (<計算> elements)\n"
          "  --lang zh|en|both      訊息語言（預設依 LANG）messages' language (default:\n"
          "                         from LC_ALL / LC_MESSAGES / LANG, else both)\n"
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

typedef struct build_args {
    const char *in, *out, *fo, *enriched, *datadir, *fonts, *dump, *like, *previous;
    int internal, allow_outside, strict, embed_source, jobs;
    int folder;                /* `in` is a year folder (build DIR -o OUTDIR) */
} build_args;

enum { O_OUT = 1, O_FO, O_DUMP, O_ENRICHED, O_DATADIR, O_FONTS, O_INTERNAL, O_OUTSIDE,
       O_STRICT, O_EMBED, O_QUIET, O_VERBOSE, O_JOBS, O_LIKE, O_PREVIOUS };
static const gr_opt build_opts[] = {
    { "output", 'o', 1, O_OUT }, { "fo", 0, 1, O_FO }, { "dump-boxes", 0, 1, O_DUMP },
    { "enriched", 0, 1, O_ENRICHED },
    { "datadir", 0, 1, O_DATADIR }, { "fonts", 0, 1, O_FONTS },
    { "internal", 0, 0, O_INTERNAL }, { "allow-outside", 0, 0, O_OUTSIDE },
    { "strict", 0, 0, O_STRICT }, { "embed-source", 0, 0, O_EMBED }, { "quiet", 'q', 0, O_QUIET }, { "verbose", 'v', 0, O_VERBOSE },
    { "jobs", 'j', 1, O_JOBS }, { "like", 0, 1, O_LIKE },
    { "previous", 0, 1, O_PREVIOUS },
    { NULL, 0, 0, 0 }
};

/* GR_OK, GR_ESYS after a usage error, or -1 when --help was printed. */
static int parse_args(gr_ctx *ctx, int argc, char **argv, build_args *a)
{
    gr_opts p;
    int id;
    memset(a, 0, sizeof *a);
    gr_opts_init(&p, ctx, "build", "build FILE.xml [-o OUT.pdf] | DIR -o OUTDIR [-j N] [options]",
                 build_opts, argc, argv);
    while ((id = gr_opts_next(&p)) != GR_OPT_END) {
        switch (id) {
        case GR_OPT_HELP: build_usage(stdout); return -1;
        case GR_OPT_ERROR: return GR_ESYS;
        case O_OUT: a->out = p.value; break;
        case O_FO: a->fo = p.value; break;
        case O_DUMP: a->dump = p.value; break;
        case O_ENRICHED: a->enriched = p.value; break;
        case O_DATADIR: a->datadir = p.value; break;
        case O_FONTS: a->fonts = p.value; break;
        case O_INTERNAL: a->internal = 1; break;
        case O_OUTSIDE: a->allow_outside = 1; break;
        case O_STRICT: a->strict = 1; break;
        case O_EMBED: a->embed_source = 1; break;
        case O_LIKE: a->like = p.value; break;
        case O_QUIET: ctx->quiet = 1; break;
        case O_VERBOSE: ctx->verbose = 1; break;
        case O_PREVIOUS: a->previous = p.value; break;
        case O_JOBS: {
            char *end;
            long j = strtol(p.value, &end, 10);
            if (*end || j < 1 || j > 64)
                return gr_opts_usage_error(&p, GR_TEXT(BUILD_J_MUST_WHOLE_NUMBER), p.value);
            a->jobs = (int)j;
            break;
        }
        case GR_OPT_OPERAND:
            if (a->in)
                return gr_opts_usage_error(&p, GR_TEXT(BUILD_ONLY_ONE_DATA_FILE), p.value);
            a->in = p.value;
            break;
        default: assert(0 && "an option of the table is not handled");
        }
    }
    if (!a->in)
        return gr_opts_usage_error(&p, GR_TEXT(BUILD_NAME_ONE_DATA_FILE));
    {
        struct stat st;
        a->folder = strcmp(a->in, "-") != 0 && stat(a->in, &st) == 0 && S_ISDIR(st.st_mode);
    }
    if (a->folder) {
        if (!a->out)
            return gr_opts_usage_error(&p, GR_TEXT(BUILD_NAME_OUTPUT_FOLDER_O));
        if (strcmp(a->out, "-") == 0)
            return gr_opts_usage_error(&p, GR_TEXT(BUILD_FOLDER_S_PDFS_GO));
        if (a->fo || a->enriched || a->dump)
            return gr_opts_usage_error(&p, GR_TEXT(BUILD_ENRICHED_DUMP_BOXES_ARE));
    } else if (a->jobs) {
        return gr_opts_usage_error(&p, GR_TEXT(BUILD_J_NEEDS_FOLDER));
    }
    if (a->like && (a->folder || !a->out || strcmp(a->out, "-") == 0))
        return gr_opts_usage_error(&p, GR_TEXT(BUILD_LIKE_IS_FOR_ONE_DATA));
    return GR_OK;
}

/* On a terminal (not with -q): one line saying what was written. */
static void report_written(gr_ctx *ctx, const char *out, size_t pages)
{
    struct stat st;
    double mb = stat(out, &st) == 0 ? (double)st.st_size / 1e6 : 0;
    if (!ctx->tty || ctx->quiet) return;
    gr_info(ctx, GR_TEXT(BUILD_WROTE_PAGE_S_MB), out, pages, mb);
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
    gr_findings_sort(&r.findings, 0);
    for (i = 0; i < r.findings.n && r.findings.v[i].cls == GR_CLASS_ERROR; i++)
        ;
    r.findings.n = i;                   /* the errors only (sorted first) */
    gr_findings_print(&ctx, &r.findings, 0);
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
    assert(a->out && !a->fo && !a->enriched && !a->dump);      /* parse_args */
    if (stat(a->out, &st) != 0) {
        if (mkdir(a->out, 0777) != 0)
            return gr_syserror(ctx, a->out, 0, GR_TEXT(BUILD_CANNOT_CREATE_OUTPUT_FOLDER),
                               GR_ERRNO(errno));
    } else if (!S_ISDIR(st.st_mode)) {
        return gr_syserror(ctx, a->out, 0, GR_TEXT(BUILD_OUTPUT_MUST_FOLDER));
    }
    o->data_only = 1;
    rc = gr_city_scan_previous(ctx, a->in, a->previous, o, &c);
    o->data_only = 0;
    if (rc != GR_OK) { gr_city_free(&c); return rc; }
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
            worst_rc = gr_syserror(ctx, NULL, 0, GR_TEXT(BUILD_CANNOT_START_WORKER_PROCESS),
                                   GR_ERRNO(errno));
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
                out = gr_city_pdf_name(a->out, c.v[i].rel);
                o->data.previous = gr_previous_for(&c.previous, c.v[i].path);
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
    gr_cli_say_unchecked(ctx, o, &c.previous, c.year, stdout);   /* once */
    free(pids);
    gr_city_free(&c);
    return worst_rc;
}

/* build --like OLD.pdf: the edition and --embed-source as OLD.pdf was
 * made, and what differs between its recorded versions and fonts and the
 * ones at hand, said before building (docs/archival.md). */
static int like_setup(gr_ctx *ctx, const build_args *a, gr_report_opts *o, gr_archive **like)
{
    char *ed, *form, *rules;
    int rc = gr_archive_open(ctx, a->like, like), internal, differ;
    if (rc != GR_OK) return rc;
    ed = gr_archive_info(*like, "Edition");
    if (!ed || (strcmp(ed, "public") != 0 && strcmp(ed, "internal") != 0)) {
        free(ed);
        return gr_error(ctx, a->like, 0, GR_TEXT(BUILD_THIS_PDF_HAS_NO_GEREPORT));
    }
    internal = strcmp(ed, "internal") == 0;
    free(ed);
    if (a->internal && !internal)
        return gr_syserror(ctx, a->like, 0, GR_TEXT(BUILD_INTERNAL_CONTRADICTS_THIS_PUBLIC_EDITION));
    o->data.internal = internal;
    o->embed_source = a->embed_source || gr_archive_nfiles(*like) > 0;
    form = gr_archive_info(*like, "FormVersion");
    rules = gr_archive_info(*like, "RulesPeriod");
    fprintf(stderr, "%s: 依原報告 as the report: %s, %s, 表單 form %s, 規則 rules %s\n", a->like,
            internal ? "內部版 internal" : "公開版 public",
            o->embed_source ? "內附資料 with its data (--embed-source)" : "不內附資料 without its data",
            form ? form : "?", rules ? rules : "?");
    free(form);
    free(rules);
    differ = gr_archive_compare(ctx, *like, o->fontdir, stderr);
    if (differ)
        fprintf(stderr, "%s: %d 項版本或字型與本機不同，新 PDF 可能與原報告不完全相同 "
                "(%d version(s) or font(s) differ here: the new PDF may not be the same bytes)\n",
                a->like, differ, differ);
    return GR_OK;
}

/* After the build: the same bytes, or which recorded facts differ. */
static void like_result(gr_ctx *ctx, gr_archive *like, const char *out)
{
    gr_archive *now;
    const char *old = gr_archive_path(like);
    if (gr_archive_open(ctx, out, &now) != GR_OK) return;
    if (gr_archive_same_bytes(like, now)) {
        fprintf(stderr, "%s: 與原報告 %s 位元組完全相同 (the same bytes as %s)\n", out, old, old);
    } else {
        int d = gr_archive_diff(like, now, stderr);
        if (d)
            fprintf(stderr, "%s: 與原報告 %s 位元組不同；以上 %d 項紀錄不同 (not the same bytes as %s; "
                    "%d recorded fact(s) above differ)\n", out, old, d, old, d);
        else
            fprintf(stderr, "%s: 與原報告 %s 位元組不同，但所記載的資料、表單、版本與字型都相同：可能是"
                    "程式未記載的部分（templates/ 的內容、程式碼）不同 (not the same bytes as %s, though every "
                    "recorded fact is the same: something not recorded differs — the templates' content or "
                    "the program's code)\n", out, old, old);
    }
    gr_archive_close(now);
}

int gr_cmd_build(int argc, char **argv)
{
    gr_ctx ctx;
    build_args a;
    gr_report_opts o;
    gr_report r;
    gr_previous prev;
    char *out_alloc = NULL, *datadir = NULL, *fontdir = NULL;
    gr_archive *like = NULL;
    int rc;
    gr_ctx_init(&ctx);
    rc = parse_args(&ctx, argc, argv, &a);
    if (rc != GR_OK) return rc < 0 ? GR_OK : rc;
    if (!a.out && strcmp(a.in, "-") == 0) a.out = "-";     /* stdin in, stdout out */
    if (a.out && strcmp(a.out, "-") == 0 && isatty(STDOUT_FILENO)) {
        return gr_cli_refuse_terminal(&ctx, "build");
    }
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
    o.dump = a.dump;
    o.embed_source = a.embed_source;
    if (a.like) {
        rc = like_setup(&ctx, &a, &o, &like);
        if (rc != GR_OK) {
            gr_domain_cache_free(o.data.cache);
            free(fontdir);
            free(datadir);
            return rc;
        }
    }
    if (a.folder) {
        rc = build_folder(&ctx, &a, &o);
        gr_domain_cache_free(o.data.cache);
        free(fontdir);
        free(datadir);
        return rc;
    }
    ctx.hold = 1;                       /* the data's and layout's findings together */
    rc = gr_previous_load(&ctx, a.previous, &o, &prev);
    o.data.previous = gr_previous_for(&prev, a.in);
    if (rc == GR_OK) rc = gr_report_run(&ctx, a.in, &o, &r);
    else memset(&r, 0, sizeof r);
    o.data.previous = NULL;
    if (rc == GR_OK && a.fo)
        rc = gr_write_file_atomic(&ctx, a.fo, r.fo.data ? (void *)r.fo.data : "", r.fo.len);
    if (rc == GR_OK) {
        const char *out = a.out ? a.out : (out_alloc = with_ext(a.in, ".pdf"));
        rc = gr_report_pdf(&ctx, &r, &o, out);
    }
    ctx.hold = 0;
    gr_progress_end(&ctx);
    gr_findings_sort(&r.findings, 0);
    gr_findings_print(&ctx, &r.findings, 0);
    if (rc == GR_OK && r.pages) {
        const char *out = a.out ? a.out : out_alloc;
        report_written(&ctx, out, r.pages);
        if (like) like_result(&ctx, like, out);
        if (rc == GR_OK && a.strict && ctx.nunmet)
            rc = gr_error(&ctx, a.in, 0, GR_TEXT(BUILD_REQUIREMENT_S_MET_STRICT), ctx.nunmet);
    }
    gr_progress_end(&ctx);
    if (r.doc && rc != GR_ESYS)          /* as check says it, once */
        gr_cli_say_unchecked(&ctx, &o, &prev, gr_data_year(r.doc), stderr);
    gr_previous_free(&prev);
    gr_report_free(&r);
    gr_archive_close(like);
    gr_domain_cache_free(o.data.cache);
    free(out_alloc);
    free(fontdir);
    free(datadir);
    return rc;
}
