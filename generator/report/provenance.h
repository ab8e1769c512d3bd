/* provenance.h — internal to the pipeline: the provenance facts of one
 * report for the PDF writer (gr_pdf_opts.props). */
#ifndef GR_PROVENANCE_H
#define GR_PROVENANCE_H

#include "report.h"
#include "../layout/dlist.h"
#include "../pdf/pdf.h"
#include <assert.h>
#include <stdio.h>

#define GR_PROV_MAX 24

typedef struct gr_provenance {
    gr_arena *arena;           /* the values */
    size_t n;
    gr_pdf_prop v[GR_PROV_MAX];
} gr_provenance;

/* Fill p for the report r (loaded, with r->source) laid out as doc. */
void gr_report_provenance(gr_ctx *ctx, const gr_report *r, const gr_report_opts *o,
                          const gr_doc *doc, gr_provenance *p);
void gr_report_provenance_free(gr_provenance *p);

#endif
