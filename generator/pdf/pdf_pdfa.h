/* pdf_pdfa.h — internal to the PDF writer: what PDF/A-1b asks of the
 * document as a whole: version 1.4, Info dictionary consistent with the XMP
 * metadata stream, the sRGB OutputIntent, and a file ID that is the MD5 of
 * the file's own bytes (so the same input gives the same file).
 */
#ifndef GR_PDF_PDFA_H
#define GR_PDF_PDFA_H

#include "pdf.h"
#include <hpdf.h>

/* A PDF text string object for UTF-8 text: a literal string when the text
 * is printable ASCII, otherwise UTF-16BE with a byte-order mark (code
 * points beyond U+FFFF as surrogate pairs). NULL if libharu fails. */
void *pdf_text_string(HPDF_MMgr mm, const char *utf8);

/* Info, XMP metadata (with the provenance of opts->props and `fonts`, a
 * pdf_fonts_describe text, declared in a PDF/A extension schema),
 * OutputIntent, /Lang, PDF version and a placeholder /ID. Call once, after
 * everything else is in the document. Reports and returns an error status
 * on failure (e.g. the ICC profile is unreadable). */
int pdf_pdfa_finish(gr_ctx *ctx, HPDF_Doc pdf, const gr_doc *doc,
                    const gr_pdf_opts *opts, const char *fonts);

/* Replace the placeholder /ID of the serialised file by the MD5 of its
 * bytes (both halves equal, same length). Returns GR_OK, or GR_ESYS when
 * the placeholder is not found (nothing is reported). */
int pdf_pdfa_patch_id(unsigned char *data, size_t len);

/* The namespace and prefix of gereport's provenance properties. */
#define PDF_PROV_NS     "http://ns.gereport.invalid/provenance/1.0/"
#define PDF_PROV_PREFIX "gereport"

#endif
