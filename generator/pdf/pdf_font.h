/* pdf_font.h — internal to the PDF writer: the text layer. One
 * Type0/CIDFontType2 (Identity-H) font per face, embedded as an hb-subset of
 * exactly the glyphs used; CIDs are given in order of first use and mapped
 * to the subset's glyphs by a CIDToGIDMap stream, so page content can be
 * written before the document's glyph set is known.
 *
 * Use: pdf_fonts_new; pdf_fonts_draw for text items, page by page (also
 * while the document is still being laid out); pdf_fonts_embed once at the
 * end (subsets every face, creates its objects); then
 * pdf_fonts_page_resources for every page with the mask its drawing set.
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

/* Subset and embed every face drawn with (deterministic order: by face
 * id). level 1..12 for the FontFile2 streams (else PDF_LEVEL_FONT).
 * Reports and returns an error status on failure. */
int pdf_fonts_embed(pdf_fonts *pf, gr_ctx *ctx, HPDF_Doc pdf, pdf_zip *zip,
                    int level);

/* Write one text item into the content `c`: sets the bit of its face in
 * *mask (faces in order of first use; 63 stands for 63 and later). */
void pdf_fonts_draw(pdf_fonts *pf, pdf_content *c, const gr_dl_text *t,
                    uint64_t *mask);

/* Put the fonts of `mask` into the page's resources (after embedding). */
void pdf_fonts_page_resources(pdf_fonts *pf, HPDF_Page page, uint64_t mask);
/* The same faces added to a /Font dictionary (a shared /Resources). */
void pdf_fonts_dict_resources(pdf_fonts *pf, HPDF_Dict fonts, uint64_t mask);

/* Reading the kept glyphs of a face from its file (pdf_font.c): `len`
 * bytes at file offset `base + from` go to out + at. Pieces are in file
 * order; those at most PDF_GLYF_GAP bytes apart are read with one pread
 * of at most PDF_GLYF_WINDOW bytes. 1 if every read was whole. (Exposed
 * for tests/unit/test_pdf.c.) */
#define PDF_GLYF_GAP     8192u
#define PDF_GLYF_WINDOW  65536u
typedef struct pdf_glyf_piece {
    size_t at;
    unsigned from, len;
} pdf_glyf_piece;
int pdf_glyf_read_pieces(int fd, unsigned long long base, const pdf_glyf_piece *p,
                         size_t n, unsigned char *out);

/* Provenance of the embedded faces, after pdf_fonts_embed, appended to out:
 * "FILE#INDEX, VERSION STRING, head 0xCHECKSUM, SIZE bytes" per face (file
 * name without folder; checksum = head.checksumAdjustment), joined by " | ". */
void pdf_fonts_describe(const pdf_fonts *pf, gr_buf *out);

#endif
