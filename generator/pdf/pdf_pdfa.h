/* pdf_pdfa.h — internal to the PDF writer: what PDF/A-1b asks of the
 * document as a whole: version 1.4, Info dictionary consistent with the XMP
 * metadata stream, the sRGB OutputIntent, and a file ID that is the MD5 of
 * the file's own bytes (so the same input gives the same file).
 */
#ifndef GR_PDF_PDFA_H
#define GR_PDF_PDFA_H

#include "pdf.h"
#include "pdf_md5.h"
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

/* The file ID is the MD5 of the serialised file with its /ID still the
 * placeholder; both halves are equal and take the placeholders' places.
 * It is computed as the file is written: feed every byte in order, then
 * finish gives the 32 hex digits and the file offsets where each half's
 * digits go. The placeholders are found after the last "trailer" keyword
 * of the file, which lies within its last PDF_ID_TAIL bytes (the trailer
 * dictionary, startxref and %%EOF). finish returns GR_ESYS when they are
 * not found (nothing is reported). The struct is large (the ring): keep it
 * off the stack (each fresh 4 KiB of stack is a page fault). */
#define PDF_ID_LEN  16
#define PDF_ID_TAIL 65536
typedef struct pdf_file_id {
    pdf_md5 md5;
    unsigned long long total;              /* bytes fed */
    unsigned char tail[PDF_ID_TAIL];       /* the last bytes, as a ring */
} pdf_file_id;
void pdf_pdfa_id_init(pdf_file_id *id);
void pdf_pdfa_id_feed(pdf_file_id *id, const unsigned char *data, size_t len);
int pdf_pdfa_id_finish(pdf_file_id *id, char hex[2 * PDF_ID_LEN],
                       unsigned long long at[2]);

/* The same on a whole serialised file in memory: its placeholder /ID
 * replaced. Returns GR_OK, or GR_ESYS when the placeholder is not found. */
int pdf_pdfa_patch_id(unsigned char *data, size_t len);

/* The namespace and prefix of gereport's provenance properties. */
#define PDF_PROV_NS     "http://ns.gereport.invalid/provenance/1.0/"
#define PDF_PROV_PREFIX "gereport"

#endif
