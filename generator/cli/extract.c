/* extract.c — `gereport extract REPORT.pdf DIR`: writes the files a report
 * made with --embed-source carries (the data and its images) into DIR, and
 * says which of the recorded program, library and font versions differ
 * from the ones at hand (docs/archival.md). The PDF is read by
 * report/archive.c (libqpdf's C API);
 * every name from the PDF is confined to DIR (relative, no "..", no empty
 * or hidden-link components, nothing overwritten), and sizes are limited. */
#include "../util/msg.h"
#include "cli.h"
#include "../report/archive.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Sizes, counts and names are limited in report/archive.c */

static void extract_usage(FILE *out)
{
    fputs("用法 Usage: gereport extract REPORT.pdf DIR [options]\n"
          "\n"
          "取出以 --embed-source 產生的報告內附的資料檔與圖檔，寫到資料夾 DIR（不覆寫\n"
          "既有檔案），並比對報告記載的程式、程式庫與字型版本和本機的是否相同。\n"
          "Writes the data file and images a report made with --embed-source carries\n"
          "into DIR (never overwriting a file) and says which recorded program,\n"
          "library and font versions differ from the ones at hand.\n"
          "\n"
          "選項 Options:\n"
          "  -q, --quiet     只顯示錯誤 errors only\n"
          "  --datadir DIR   templates/ 與 fonts/ 所在的資料夾 folder holding fonts/\n"
          "  --fonts DIR     字型設定資料夾 folder of gereport-fonts.conf\n",
          out);
}

static int extract(gr_ctx *ctx, const char *pdf, const char *dir, const char *fontdir)
{
    gr_archive *a;
    size_t n;
    int rc, differ, made_dir = 0;
    struct stat st;
    rc = gr_archive_open(ctx, pdf, &a);
    if (rc != GR_OK) return rc;
    n = gr_archive_nfiles(a);
    if (n == 0) {
        gr_archive_close(a);
        return gr_error(ctx, pdf, 0, GR_TEXT(EXTRACT_PDF_CARRIES_DATA_WAS));
    }
    if (stat(dir, &st) != 0 && !(made_dir = mkdir(dir, 0755) == 0)) {
        gr_archive_close(a);
        return gr_syserror(ctx, dir, 0, GR_TEXT(EXTRACT_CANNOT_CREATE_FOLDER), GR_ERRNO(errno));
    }
    rc = gr_archive_unpack(ctx, a, dir, !ctx->quiet);
    if (rc != GR_OK && made_dir) rmdir(dir);   /* made by this run and empty */
    differ = gr_archive_compare(ctx, a, fontdir, stdout);
    if (rc == GR_OK && !ctx->quiet)
        printf(differ ? "%s: %d 項版本或字型不同，重新產生的 PDF 可能與原檔不完全相同 "
                        "(%d version(s) or font(s) differ: a rebuild may not give the same bytes)\n"
                      : "%s: 程式、程式庫與字型版本相同 program, library and font versions match%.0d%.0d\n",
               pdf, differ, differ);
    gr_archive_close(a);
    return rc;
}

enum { O_QUIET = 1, O_DATADIR, O_FONTS };
static const gr_opt extract_opts[] = {
    { "quiet", 'q', 0, O_QUIET }, { "datadir", 0, 1, O_DATADIR }, { "fonts", 0, 1, O_FONTS },
    { NULL, 0, 0, 0 }
};

int gr_cmd_extract(int argc, char **argv)
{
    gr_ctx ctx;
    gr_opts p;
    const char *in = NULL, *dir = NULL, *datadir_opt = NULL, *fonts_opt = NULL;
    char *datadir, *fontdir;
    int id, rc;
    gr_ctx_init(&ctx);
    gr_opts_init(&p, &ctx, "extract", "extract REPORT.pdf DIR [options]", extract_opts, argc, argv);
    while ((id = gr_opts_next(&p)) != GR_OPT_END) {
        if (id == GR_OPT_ERROR) return GR_ESYS;
        if (id == GR_OPT_HELP) {
            extract_usage(stdout);
            return GR_OK;
        }
        if (id == O_QUIET) ctx.quiet = 1;
        else if (id == O_DATADIR) datadir_opt = p.value;
        else if (id == O_FONTS) fonts_opt = p.value;
        else if (id == GR_OPT_OPERAND && !in) in = p.value;
        else if (id == GR_OPT_OPERAND && !dir) dir = p.value;
        else
            return gr_opts_usage_error(&p, GR_TEXT(EXTRACT_UNEXPECTED_ARGUMENT_S), p.value);
    }
    if (!in || !dir)
        return gr_opts_usage_error(&p, GR_TEXT(EXTRACT_NEEDS_A_REPORT_PDF_AND));
    datadir = datadir_opt ? gr_strdup(datadir_opt) : gr_cli_datadir();
    fontdir = fonts_opt ? gr_strdup(fonts_opt) : gr_path_join(datadir, "fonts");
    rc = extract(&ctx, in, dir, fontdir);
    free(fontdir);
    free(datadir);
    return rc;
}
