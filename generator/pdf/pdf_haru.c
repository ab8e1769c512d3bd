/* pdf_haru.c — what the writer relies on of libharu's internals, in one
 * place (see pdf_haru.h), and the writer's deflate compressor.
 *
 * Relied on (libharu 2.3.0; checked by test_haru_contract in
 * tests/unit/test_pdf.c):
 *   - a stream dictionary whose `filter` is HPDF_STREAM_FILTER_NONE is
 *     written with its bytes as they are and without a /Filter entry; its
 *     `write_fn` is called while the dictionary is written, so it can add
 *     "/Filter /FlateDecode" for bytes we deflated ourselves;
 *   - a page's content stream is HPDF_PageAttr.contents (a stream
 *     dictionary) with its data in HPDF_PageAttr.stream;
 *   - a page's font resources are HPDF_PageAttr.fonts, made on first use
 *     inside the inheritable /Resources dictionary;
 *   - HPDF_SaveToStream writes into HPDF_Doc.stream whatever stream it is
 *     when it is not a memory stream (HPDF_MemStream_FreeData ignores
 *     other kinds), so a callback writer there receives the file in order.
 */
#include "pdf_haru.h"

#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <libdeflate.h>
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZIP_LEVELS 13           /* libdeflate levels 0..12 */

/* ---- deflate ----------------------------------------------------------- */

struct pdf_zip {
    struct libdeflate_compressor *c[ZIP_LEVELS];
};

pdf_zip *pdf_zip_new(void)
{
    return gr_calloc(1, sizeof(pdf_zip));
}

void pdf_zip_free(pdf_zip *z)
{
    int i;
    if (!z) return;
    for (i = 0; i < ZIP_LEVELS; i++)
        if (z->c[i]) libdeflate_free_compressor(z->c[i]);
    free(z);
}

void pdf_deflate(pdf_zip *z, int level, const void *data, size_t len, gr_buf *out)
{
    size_t bound, n;
    if (level < 1) level = 1;
    if (level >= ZIP_LEVELS) level = ZIP_LEVELS - 1;
    if (!z->c[level]) {
        z->c[level] = libdeflate_alloc_compressor(level);
        if (!z->c[level]) {             /* only fails for lack of memory */
            fprintf(stderr, "gereport: 記憶體不足 (out of memory for the compressor)\n");
            abort();
        }
    }
    bound = libdeflate_zlib_compress_bound(z->c[level], len);
    out->len = 0;
    gr_buf_reserve(out, bound);
    n = libdeflate_zlib_compress(z->c[level], data, len, out->data, bound);
    assert(n > 0);              /* the bound always suffices */
    out->len = n;
}

/* ---- streams ----------------------------------------------------------- */

/* libharu drops a /Filter key when its own filter is NONE: say it here. */
static HPDF_STATUS write_own_flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

static HPDF_Dict new_stream(HPDF_Doc pdf, const void *data, size_t len, int flate)
{
    HPDF_Dict st;
    if (len > 0xFFFFFFFFu) return NULL;
    st = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!st) return NULL;
    st->filter = HPDF_STREAM_FILTER_NONE;
    if (flate) st->write_fn = write_own_flate_filter;
    if (len && HPDF_Stream_Write(st->stream, data, (HPDF_UINT)len) != HPDF_OK)
        return NULL;
    return st;
}

HPDF_Dict pdf_haru_flate_stream(HPDF_Doc pdf, const void *z, size_t len)
{
    return new_stream(pdf, z, len, 1);
}

HPDF_Dict pdf_haru_plain_stream(HPDF_Doc pdf, const void *data, size_t len)
{
    return new_stream(pdf, data, len, 0);
}

HPDF_STATUS pdf_haru_page_content(HPDF_Page page, const void *z, size_t len)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    if (!attr || !attr->contents || !attr->stream || len > 0xFFFFFFFFu)
        return HPDF_INVALID_PAGE;
    assert(attr->stream->size == 0);    /* nothing drawn through libharu */
    attr->contents->filter = HPDF_STREAM_FILTER_NONE;
    attr->contents->write_fn = write_own_flate_filter;
    return HPDF_Stream_Write(attr->stream, z, (HPDF_UINT)len);
}

HPDF_STATUS pdf_haru_page_font(HPDF_Page page, const char *name, HPDF_Dict font)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    if (!attr->fonts) {
        HPDF_Dict res = HPDF_Page_GetInheritableItem(page, "Resources",
                                                     HPDF_OCLASS_DICT);
        HPDF_Dict fonts = HPDF_Dict_New(page->mmgr);
        if (!res || !fonts || HPDF_Dict_Add(res, "Font", fonts) != HPDF_OK)
            return HPDF_INVALID_PAGE;
        attr->fonts = fonts;
    }
    return HPDF_Dict_Add(attr->fonts, name, font);
}

/* ---- saving through a callback ---------------------------------------- */

typedef struct sink_ctx {
    pdf_haru_sink write;
    void *user;
} sink_ctx;

static HPDF_STATUS sink_write(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT siz)
{
    sink_ctx *s = stream->attr;
    return s->write(s->user, ptr, siz) == 0 ? HPDF_OK : HPDF_FILE_IO_ERROR;
}

HPDF_STATUS pdf_haru_save(HPDF_Doc pdf, pdf_haru_sink write, void *user)
{
    sink_ctx s;
    HPDF_Stream st;
    HPDF_STATUS rc;
    s.write = write;
    s.user = user;
    st = HPDF_CallbackWriter_New(pdf->mmgr, sink_write, &s);
    if (!st) return HPDF_FAILD_TO_ALLOC_MEM;
    if (pdf->stream) HPDF_Stream_Free(pdf->stream);
    pdf->stream = st;
    rc = HPDF_SaveToStream(pdf);
    HPDF_Stream_Free(pdf->stream);      /* `s` dies with this call */
    pdf->stream = NULL;
    return rc;
}
