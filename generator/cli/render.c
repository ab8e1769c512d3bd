/* render.c — `gereport render FILE.fo [-o OUT.pdf]`: the layout engine on
 * its own: parse the FO, lay it out, write PDF/A-1b atomically. */
#include "cli.h"
#include "../fo/fo.h"
#include "../text/font.h"
#include "../layout/layout.h"
#include "../pdf/pdf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void render_usage(FILE *out)
{
    fputs("用法 Usage: gereport render FILE.fo [-o OUT.pdf]\n"
          "\n"
          "將 XSL-FO 文件（gereport 支援的子集，見 docs/fo-subset.md）排版為 PDF/A-1b。\n"
          "Lays out an XSL-FO document (the subset in docs/fo-subset.md) as PDF/A-1b.\n"
          "\n"
          "  -o, --output OUT.pdf   輸出檔 output file (default: FILE.pdf beside FILE.fo)\n"
          "  --fonts DIR            字型設定資料夾 folder of gereport-fonts.conf\n"
          "  --dump-boxes FILE      寫出版面紀錄（頁、儲存格、行）write the box dump\n"
          "                         (pages, cells, lines) for tests and debugging\n"
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

int gr_cmd_render(int argc, char **argv)
{
    gr_ctx ctx;
    const char *in = NULL, *out = NULL, *fonts = NULL, *dump_path = NULL;
    gr_buf dump;
    char *out_alloc = NULL, *datadir = NULL, *fontdir = NULL;
    gr_fo_tree *tree = NULL;
    gr_fontset *fs = NULL;
    gr_doc *doc = NULL;
    gr_pdf_pre *pre = NULL;
    gr_pdf_opts popts;
    int i, rc;
    gr_ctx_init(&ctx);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            render_usage(stdout);
            return GR_OK;
        } else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(a, "--fonts") == 0 && i + 1 < argc) {
            fonts = argv[++i];
        } else if (strcmp(a, "--dump-boxes") == 0 && i + 1 < argc) {
            dump_path = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "gereport render: 未知或不完整的選項「%s」(unknown or incomplete option \"%s\")\n", a, a);
            render_usage(stderr);
            return GR_ESYS;
        } else if (!in) {
            in = a;
        } else {
            fprintf(stderr, "gereport render: 只能有一個輸入檔 (only one input file)\n");
            return GR_ESYS;
        }
    }
    if (!in) {
        render_usage(stderr);
        return GR_ESYS;
    }
    if (!out) out = out_alloc = default_output(in);
    if (!fonts) {
        datadir = gr_cli_datadir();
        fonts = fontdir = gr_path_join(datadir, "fonts");
    }
    gr_buf_init(&dump);
    tree = gr_fo_parse_file(&ctx, in);
    rc = tree ? GR_OK : GR_EINPUT;
    if (rc == GR_OK) {
        fs = gr_fontset_new(&ctx, fonts);
        if (!fs) rc = GR_ESYS;
    }
    /* each page's painting is written to PDF content as its body is laid
       out, so memory does not grow with the display lists */
    pre = gr_pdf_pre_new();
    memset(&popts, 0, sizeof popts);
    popts.pre = pre;
    if (rc == GR_OK)
        rc = gr_layout_pages(&ctx, tree, fs, &doc, dump_path ? &dump : NULL,
                             gr_pdf_pre_page, pre);
    if (gr_ctx_status(&ctx) > rc) rc = gr_ctx_status(&ctx);   /* the one mapping */
    gr_fo_tree_free(tree);      /* the laid-out doc needs nothing of it */
    tree = NULL;
    if (rc == GR_OK)
        rc = gr_pdf_write(&ctx, doc, fs, &popts, out);
    if (rc == GR_OK && dump_path)
        rc = gr_write_file_atomic(&ctx, dump_path, dump.data ? (void *)dump.data : "", dump.len);
    gr_progress_end(&ctx);
    gr_buf_free(&dump);
    gr_doc_free(doc);
    gr_pdf_pre_free(pre);
    gr_fontset_free(fs);
    gr_fo_tree_free(tree);
    free(out_alloc);
    free(fontdir);
    free(datadir);
    return rc;
}
