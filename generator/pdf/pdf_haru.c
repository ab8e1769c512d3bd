/* pdf_haru.c — what the writer relies on of libharu's internals, in one
 * place (see pdf_haru.h), and the writer's deflate compressor.
 *
 * Relied on (libharu 2.3.0; checked by test_haru_contract in
 * tests/unit/test_pdf.c):
 *   - a dictionary is written as "<<", its entries, then its `write_fn`
 *     (so it can add entries: "/Filter /FlateDecode" for bytes we deflated
 *     ourselves), ">>", then, when its `stream` is not NULL, libharu's
 *     stream part, then its `after_write_fn`; it writes into the stream
 *     HPDF_Doc.stream while the document is saved (HPDF_SaveToStream);
 *     `free_fn` is called when it is freed and `attr` is left to us on a
 *     dictionary that is not a page. So a stream object whose data is ours
 *     is the stream dictionary libharu made (HPDF_DictStream_New: /Length
 *     is an indirect number object) with its memory stream freed and
 *     `stream` NULL, the number set to our length, and `after_write_fn`
 *     writing "\nstream\r\n", the bytes and "\nendstream" as libharu would:
 *     the bytes go from our buffer to the file once (libharu's memory
 *     stream copied them byte by byte in and out again: HPDF_MemCpy was 3%
 *     of a long document's instructions);
 *   - a page's content stream is HPDF_PageAttr.contents (a stream
 *     dictionary) with its data in HPDF_PageAttr.stream, which libharu only
 *     writes to from drawing functions (never called on our pages) and
 *     when a page is saved in the middle of a path or text object (ours
 *     never are); replacing the page's /Contents by an array that holds it
 *     keeps it an object;
 *   - a page's font resources are HPDF_PageAttr.fonts, made on first use
 *     inside the inheritable /Resources dictionary;
 *   - HPDF_SaveToStream writes into HPDF_Doc.stream whatever stream it is
 *     when it is not a memory stream (HPDF_MemStream_FreeData ignores
 *     other kinds), so a callback writer there receives the file in order.
 */
#include "pdf_haru.h"
#include "../util/msg.h"

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
            fprintf(stderr, "gereport: %s (%s)\n", GR_TEXT(OUT_OF_MEMORY_COMPRESSOR));
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

/* The data of a stream object, ours (a dictionary's attr). */
typedef struct own_data {
    HPDF_Doc pdf;               /* its `stream` is the file being written */
    size_t len;
    unsigned char bytes[];
} own_data;

/* libharu drops a /Filter key when its own filter is NONE: say it here. */
static HPDF_STATUS write_own_flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* After the dictionary's ">>": the stream part, as libharu writes it. */
static HPDF_STATUS write_own_data(HPDF_Dict dict)
{
    const own_data *d = dict->attr;
    HPDF_Stream out = d ? d->pdf->stream : NULL;
    HPDF_STATUS st;
    if (!out) return HPDF_INVALID_STREAM;
    if ((st = HPDF_Stream_WriteStr(out, "\012stream\015\012")) != HPDF_OK) return st;
    if (d->len && (st = HPDF_Stream_Write(out, d->bytes, (HPDF_UINT)d->len)) != HPDF_OK)
        return st;
    return HPDF_Stream_WriteStr(out, "\012endstream");
}

static void free_own_data(HPDF_Dict dict)
{
    free(dict->attr);
    dict->attr = NULL;
}

/* Make st (a stream dictionary from HPDF_DictStream_New, nothing written
 * into it) hold a copy of data as ours. */
static HPDF_STATUS own_stream(HPDF_Doc pdf, HPDF_Dict st, const void *data, size_t len,
                              int flate)
{
    HPDF_Number length = HPDF_Dict_GetItem(st, "Length", HPDF_OCLASS_NUMBER);
    own_data *d;
    if (!length || !(length->header.obj_id & HPDF_OTYPE_INDIRECT) || len > 0x7FFFFFFFu
        || st->attr || (st->stream && st->stream->size != 0))
        return HPDF_INVALID_OBJECT;
    d = gr_malloc(sizeof *d + len);
    d->pdf = pdf;
    d->len = len;
    if (len) memcpy(d->bytes, data, len);
    if (st->stream) HPDF_Stream_Free(st->stream);
    st->stream = NULL;
    st->filter = HPDF_STREAM_FILTER_NONE;
    st->attr = d;
    st->free_fn = free_own_data;
    st->after_write_fn = write_own_data;
    st->write_fn = flate ? write_own_flate_filter : NULL;
    HPDF_Number_SetValue(length, (HPDF_INT32)len);
    return HPDF_OK;
}

static HPDF_Dict new_stream(HPDF_Doc pdf, const void *data, size_t len, int flate)
{
    HPDF_Dict st = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!st) return NULL;
    return own_stream(pdf, st, data, len, flate) == HPDF_OK ? st : NULL;
}

HPDF_Dict pdf_haru_flate_stream(HPDF_Doc pdf, const void *z, size_t len)
{
    return new_stream(pdf, z, len, 1);
}

HPDF_Dict pdf_haru_plain_stream(HPDF_Doc pdf, const void *data, size_t len)
{
    return new_stream(pdf, data, len, 0);
}

HPDF_STATUS pdf_haru_page_content(HPDF_Doc pdf, HPDF_Page page, const void *z, size_t len)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    HPDF_STATUS st;
    if (!attr || !attr->contents || !attr->stream || len > 0xFFFFFFFFu)
        return HPDF_INVALID_PAGE;
    assert(attr->stream->size == 0);    /* nothing drawn through libharu */
    st = own_stream(pdf, attr->contents, z, len, 1);
    if (st == HPDF_OK) attr->stream = NULL;     /* freed: libharu may not draw */
    return st;
}

HPDF_STATUS pdf_haru_page_contents2(HPDF_Doc pdf, HPDF_Page page,
                                    const void *z1, size_t len1,
                                    const void *z2, size_t len2)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    HPDF_Dict second;
    HPDF_Array both;
    HPDF_STATUS st = pdf_haru_page_content(pdf, page, z1, len1);
    if (st != HPDF_OK) return st;
    second = pdf_haru_flate_stream(pdf, z2, len2);
    both = HPDF_Array_New(pdf->mmgr);
    if (!second || !both) return HPDF_FAILD_TO_ALLOC_MEM;
    if ((st = HPDF_Array_Add(both, attr->contents)) != HPDF_OK
        || (st = HPDF_Array_Add(both, second)) != HPDF_OK)
        return st;
    /* replaces the reference to the first stream, which stays an object */
    return HPDF_Dict_Add(page, "Contents", both);
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
