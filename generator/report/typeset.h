/* typeset.h — FO to PDF, the part of the pipeline every verb that writes a
 * PDF shares (render on an FO file, build and combine through
 * gr_report_pdf): the layout, with each page's content written and
 * deflated as soon as the page's body is laid out and its display list
 * dropped (gr_pdf_pre), then the PDF written atomically, then the box dump
 * if asked for.
 *
 * The FO comes as a parsed tree (the caller keeps it) or as a source
 * parsed while it is laid out, one page-sequence at a time
 * (gr_layout_stream): memory then does not grow with the FO.
 *
 * Ownership: gr_typeset_layout fills ts (the laid-out document and the
 * pages written so far); gr_typeset_free frees them.
 */
#ifndef GR_TYPESET_H
#define GR_TYPESET_H

#include "../util/gr.h"
#include "../fo/fo.h"
#include "../text/font.h"
#include "../layout/dlist.h"
#include "../pdf/pdf.h"

typedef struct gr_typeset {
    gr_doc *doc;              /* the laid-out document */
    gr_pdf_pre *pre;          /* page content written during layout */
    gr_buf dump;              /* the box dump, when dump_path */
    const char *dump_path;    /* write the box dump here after the PDF
                                 (docs/layout.md §5), or NULL */
} gr_typeset;

/* Lay out `tree`, or when it is NULL the source `src`. Returns a status;
 * ts is filled either way (free it). */
int gr_typeset_layout(gr_ctx *ctx, gr_fo_tree *tree, const gr_fo_source *src,
                      gr_fontset *fs, const char *dump_path, gr_typeset *ts);

/* Write the laid-out document to out (atomic; "-" standard output) with
 * the options po (whose `pre` is set here), then the box dump. */
int gr_typeset_write(gr_ctx *ctx, gr_typeset *ts, gr_fontset *fs, gr_pdf_opts *po,
                     const char *out);

void gr_typeset_free(gr_typeset *ts);

#endif
