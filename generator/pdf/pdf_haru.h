/* pdf_haru.h — internal to the PDF writer: the few things we need from
 * libharu that its public API does not offer. Every reach into libharu's
 * private structures is in pdf_haru.c and nowhere else; tests/unit/
 * test_pdf.c (test_haru_contract) fails if the libharu at hand behaves
 * differently from what these functions assume (libharu 2.3.0, Debian 12).
 *
 * Also the one compressor of the writer: raw deflate by libdeflate in a
 * zlib wrapper (FlateDecode), at a level fixed per kind of stream.
 */
#ifndef GR_PDF_HARU_H
#define GR_PDF_HARU_H

#include "../util/gr.h"
#include <hpdf.h>

/* Compression levels, chosen by measurement (docs/layout.md, "PDF
 * writer"): font programs are few and large, so a higher level pays;
 * page content is many small streams. */
#define PDF_LEVEL_FONT     5
#define PDF_LEVEL_CONTENT  1
#define PDF_LEVEL_OTHER    6
/* Raw pixels (photos and figures kept as pixels): about as small as
 * zlib's level 6, which libharu used (docs/layout.md, "Compression"), in a
 * third to three quarters of its time. (graphics/photo.c
 * weighs pixels against a JPEG at libdeflate's level 6, FLATE_LEVEL: at 7
 * the pixels are as small or smaller.) */
#define PDF_LEVEL_IMAGE    7

typedef struct pdf_zip pdf_zip;

pdf_zip *pdf_zip_new(void);
void pdf_zip_free(pdf_zip *z);
/* zlib-format deflate of data at `level` (1..12) into out (replacing its
 * contents). Deterministic for a given libdeflate build and level. */
void pdf_deflate(pdf_zip *z, int level, const void *data, size_t len, gr_buf *out);

/* A new indirect stream object holding (a copy of) `len` bytes that are
 * already FlateDecode data (written with /Filter /FlateDecode, not
 * compressed again). NULL on a libharu error. */
HPDF_Dict pdf_haru_flate_stream(HPDF_Doc pdf, const void *z, size_t len);

/* The same for the stream of data that is stored as is. */
HPDF_Dict pdf_haru_plain_stream(HPDF_Doc pdf, const void *data, size_t len);

/* Give `page` its content stream: `len` bytes of FlateDecode data (copied).
 * Call once per page, after no libharu drawing function was used on it;
 * none may be used after. */
HPDF_STATUS pdf_haru_page_content(HPDF_Doc pdf, HPDF_Page page, const void *z, size_t len);

/* Give `page` two content streams (PDF's Contents array): z1 then z2,
 * both FlateDecode data. */
HPDF_STATUS pdf_haru_page_contents2(HPDF_Doc pdf, HPDF_Page page,
                                    const void *z1, size_t len1,
                                    const void *z2, size_t len2);

/* Put font (a font dictionary) in the page's /Resources /Font as `name`. */
HPDF_STATUS pdf_haru_page_font(HPDF_Page page, const char *name, HPDF_Dict font);

/* Serialise the document through `write` (called with consecutive pieces
 * of the file, in order; returns 0 on success). */
typedef int (*pdf_haru_sink)(void *user, const unsigned char *data, size_t len);
HPDF_STATUS pdf_haru_save(HPDF_Doc pdf, pdf_haru_sink write, void *user);

#endif
