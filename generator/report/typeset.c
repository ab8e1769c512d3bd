/* typeset.c — FO to PDF for every verb (typeset.h): layout with the PDF
 * writer's page hook, then the atomic write and the box dump. */
#include "typeset.h"
#include "../layout/layout.h"
#include <string.h>

int gr_typeset_layout(gr_ctx *ctx, gr_fo_tree *tree, const gr_fo_source *src,
                      gr_fontset *fs, const char *dump_path, gr_typeset *ts)
{
    gr_buf *dump = dump_path ? &ts->dump : NULL;
    memset(ts, 0, sizeof *ts);
    gr_buf_init(&ts->dump);
    ts->dump_path = dump_path;
    /* each page's painting becomes PDF content as its body is laid out,
       so memory does not grow with the display lists */
    ts->pre = gr_pdf_pre_new();
    if (tree)
        return gr_layout_pages(ctx, tree, fs, &ts->doc, dump, gr_pdf_pre_page, ts->pre);
    return gr_layout_stream(ctx, src, fs, &ts->doc, dump, gr_pdf_pre_page, ts->pre);
}

int gr_typeset_write(gr_ctx *ctx, gr_typeset *ts, gr_fontset *fs, gr_pdf_opts *po,
                     const char *out)
{
    int rc;
    po->pre = ts->pre;
    rc = gr_pdf_write(ctx, ts->doc, fs, po, out);
    if (rc == GR_OK && ts->dump_path)
        rc = gr_write_file_atomic(ctx, ts->dump_path,
                                  ts->dump.data ? (void *)ts->dump.data : "", ts->dump.len);
    return rc;
}

void gr_typeset_free(gr_typeset *ts)
{
    if (!ts) return;
    gr_doc_free(ts->doc);
    gr_pdf_pre_free(ts->pre);
    gr_buf_free(&ts->dump);
    memset(ts, 0, sizeof *ts);
}
