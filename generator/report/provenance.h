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

/* The associated files of --embed-source: the edition's data and each
 * image file, read now. */
typedef struct gr_sources {
    size_t n;
    gr_pdf_attachment *v;      /* names, descriptions and data owned */
    char moddate[16];          /* "D:YYYYMMDD" from the approval date, or "" */
} gr_sources;

typedef struct gr_provenance {
    gr_arena *arena;           /* the values */
    size_t n;
    gr_pdf_prop v[GR_PROV_MAX];
} gr_provenance;

/* Fill p for the report r (loaded, with r->source) laid out as doc. */
void gr_report_provenance(gr_ctx *ctx, const gr_report *r, const gr_report_opts *o,
                          const gr_doc *doc, gr_provenance *p);
void gr_report_provenance_free(gr_provenance *p);

/* Fill s for the report r laid out as doc. GR_OK, or the status of an
 * image that could not be read (reported). */
int gr_report_sources(gr_ctx *ctx, const gr_report *r, const gr_report_opts *o,
                      const gr_doc *doc, gr_sources *s);
void gr_report_sources_free(gr_sources *s);

#endif
