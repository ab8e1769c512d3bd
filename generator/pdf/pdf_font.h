/* pdf_font.h — internal to the PDF writer: the text layer. One
 * Type0/CIDFontType2 (Identity-H) font per face, embedded as an hb-subset of
 * exactly the glyphs used; CID = glyph index in the subset.
 *
 * Use, in this order:
 *   1. pdf_fonts_new, then pdf_fonts_note for every text item of the
 *      document (collects the glyph set of each face);
 *   2. pdf_fonts_embed once: subsets every face and creates its objects;
 *   3. pdf_fonts_draw for every text item, page by page (the CIDs are only
 *      known after step 2).
 * Ownership: the pdf_fonts owns its tables; the PDF objects belong to the
 * HPDF_Doc. Faces belong to the gr_fontset (or whoever made them).
 */
#ifndef GR_PDF_FONT_H
#define GR_PDF_FONT_H

#include "../util/gr.h"
#include "../layout/dlist.h"
#include "pdf_content.h"
#include "pdf_haru.h"
#include <hpdf.h>

typedef struct pdf_fonts pdf_fonts;

pdf_fonts *pdf_fonts_new(void);
void pdf_fonts_free(pdf_fonts *pf);

/* Record the glyphs of one text item. */
void pdf_fonts_note(pdf_fonts *pf, const gr_dl_text *t);

/* Subset and embed every noted face (deterministic order: by face id).
 * level 1..12 for the FontFile2 streams (else PDF_LEVEL_FONT). Reports and
 * returns an error status on failure. */
int pdf_fonts_embed(pdf_fonts *pf, gr_ctx *ctx, HPDF_Doc pdf, pdf_zip *zip,
                    int level);

/* Draw one text item into the content `c` of `page`: adds the face's font
 * to the page resources as /F<face id> and writes its glyph runs. */
int pdf_fonts_draw(pdf_fonts *pf, gr_ctx *ctx, HPDF_Page page, pdf_content *c,
                   const gr_dl_text *t);

/* Provenance of the embedded faces, after pdf_fonts_embed, appended to out:
 * "FILE#INDEX, VERSION STRING, head 0xCHECKSUM, SIZE bytes" per face (file
 * name without folder; checksum = head.checksumAdjustment), joined by " | ". */
void pdf_fonts_describe(const pdf_fonts *pf, gr_buf *out);

#endif
