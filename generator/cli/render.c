/* render.c — `gereport render FILE.fo [-o OUT.pdf]`: the layout engine on
 * its own: the FO laid out as it is parsed and written as PDF/A-1b
 * atomically (report/typeset.h, as build does). */
#include "cli.h"
#include "../fo/fo.h"
#include "../text/font.h"
#include "../layout/layout.h"
#include "../pdf/pdf.h"
#include "../report/typeset.h"
#include "../util/msg.h"
#include <assert.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

static void render_usage(FILE *out)
{
    fputs("用法 Usage: gereport render FILE.fo [-o OUT.pdf]\n"
          "\n"
          "將 XSL-FO 文件（gereport 支援的子集，見 docs/fo-subset.md）排版為 PDF/A-1b。\n"
          "Lays out an XSL-FO document (the subset in docs/fo-subset.md) as PDF/A-1b.\n"
          "\n"
          "  -o, --output OUT.pdf   輸出檔；「-」為標準輸出 output file (default: FILE.pdf\n"
          "                         beside FILE.fo; \"-\": standard output)\n"
          "  --fonts DIR            字型設定資料夾 folder of gereport-fonts.conf\n"
          "  --dump-boxes FILE      寫出版面紀錄（頁、儲存格、行）write the box dump\n"
          "                         (pages, cells, lines) for tests and debugging\n"
          "  -v, --verbose          說明做了什麼（縮減或轉正的圖片）say what was done\n"
          "                         (images resampled or turned upright)\n"
          "  -h, --help             顯示說明 show this help\n",
          out);
}

static char *default_output(const char *in)
{
    size_t n = strlen(in);
    const char *dot = strrchr(in, '.'), *slash = strrchr(in, '/');
    char *out;
    if (dot && (!slash || dot > slash)) n = (size_t)(dot - in);
    out = gr_malloc(n + 5);
    memcpy(out, in, n);
    memcpy(out + n, ".pdf", 5);
    return out;
}

enum { O_OUT = 1, O_FONTS, O_DUMP, O_VERBOSE };
static const gr_opt render_opts[] = {
    { "output", 'o', 1, O_OUT }, { "fonts", 0, 1, O_FONTS }, { "dump-boxes", 0, 1, O_DUMP },
    { "verbose", 'v', 0, O_VERBOSE },
    { NULL, 0, 0, 0 }
};

int gr_cmd_render(int argc, char **argv)
{
    gr_ctx ctx;
    const char *in = NULL, *out = NULL, *fonts = NULL, *dump_path = NULL;
    char *out_alloc = NULL, *datadir = NULL, *fontdir = NULL;
    gr_fo_tree *tree = NULL;
    gr_fo_source src;
    gr_fontset *fs = NULL;
    gr_typeset ts;
    gr_pdf_opts popts;
    gr_opts p;
    int id, rc = GR_OK;
    gr_ctx_init(&ctx);
    gr_opts_init(&p, &ctx, "render", "render FILE.fo [-o OUT.pdf] [options]", render_opts, argc, argv);
    while ((id = gr_opts_next(&p)) != GR_OPT_END) {
        switch (id) {
        case GR_OPT_HELP: render_usage(stdout); return GR_OK;
        case GR_OPT_ERROR: return GR_ESYS;
        case O_OUT: out = p.value; break;
        case O_FONTS: fonts = p.value; break;
        case O_DUMP: dump_path = p.value; break;
        case O_VERBOSE: ctx.verbose = 1; break;
        case GR_OPT_OPERAND:
            if (in)
                return gr_opts_usage_error(&p, GR_TEXT(RENDER_ONLY_ONE_INPUT_FILE), p.value);
            in = p.value;
            break;
        default: assert(0 && "an option of the table is not handled");
        }
    }
    if (!in)
        return gr_opts_usage_error(&p, GR_TEXT(RENDER_NAME_ONE_XSL_FO));
    if (!out && strcmp(in, "-") == 0) out = "-";
    if (out && strcmp(out, "-") == 0 && isatty(STDOUT_FILENO)) {
        return gr_cli_refuse_terminal(&ctx, "render");
    }
    if (!out) out = out_alloc = default_output(in);
    if (!fonts) {
        datadir = gr_cli_datadir();
        fonts = fontdir = gr_path_join(datadir, "fonts");
    }
    memset(&ts, 0, sizeof ts);
    if (gr_is_stdio(in)) {
        /* standard input is read whole: a second layout pass could not
           read it again */
        tree = gr_fo_parse_file(&ctx, in);
        rc = tree ? GR_OK : GR_EINPUT;
    } else {
        /* a file is laid out as it is parsed, a page-sequence at a time */
        memset(&src, 0, sizeof src);
        src.path = in;
    }
    if (rc == GR_OK) {
        fs = gr_fontset_new(&ctx, fonts);
        if (!fs) rc = GR_ESYS;
    }
    if (rc == GR_OK)
        rc = gr_typeset_layout(&ctx, tree, &src, fs, dump_path, &ts);
    if (gr_ctx_status(&ctx) > rc) rc = gr_ctx_status(&ctx);   /* the one mapping */
    gr_fo_tree_free(tree);      /* the laid-out doc needs nothing of it */
    tree = NULL;
    memset(&popts, 0, sizeof popts);
    if (rc == GR_OK)
        rc = gr_typeset_write(&ctx, &ts, fs, &popts, out);
    gr_progress_end(&ctx);
    gr_typeset_free(&ts);
    gr_fontset_free(fs);
    free(out_alloc);
    free(fontdir);
    free(datadir);
    return rc;
}
