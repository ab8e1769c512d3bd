/* pdf_write.c — gr_pdf_write: turns a laid-out gr_doc into a PDF/A-1b file.
 * libharu holds the document structure (pages and their tree, resources,
 * images, links, outline) and serialises it; page content (pdf_content.c),
 * the text layer (pdf_font.c), compression (pdf_haru.c) and the PDF/A parts
 * (pdf_pdfa.c) are ours. Order of work: pages, destinations, glyph sets →
 * font subsets, page contents (each page's written, deflated and handed to
 * libharu in turn), outline, named destinations, metadata; then one
 * serialisation straight into the temporary output file with the file ID
 * hashed along and written over its placeholder before the file takes its
 * name (standard output: into a buffer, patched, then written).
 * libharu errors are recorded by a handler (no longjmp) and reported once;
 * nothing is written then.
 */
#include "pdf.h"
#include "pdf_font.h"
#include "pdf_content.h"
#include "pdf_haru.h"
#include "pdf_pdfa.h"
#include "../util/msg.h"
#include <stdio.h>

#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_MIN          3.0       /* libharu and PDF/A page size limits */
#define PAGE_MAX          14400.0
#define A4_WIDTH          595.276
#define A4_HEIGHT         841.89
#define COORD_MAX         32767.0
#define PAGES_PER_NODE    1024      /* page tree: kids per node, well
                                       inside PDF/A-1's 8191 array items */
#define OUTLINE_MAX_DEPTH 64
#define NAMES_PER_LEAF    2000      /* name-tree leaf size (PDF/A array limit) */
#define NAMES_FLAT_MAX    4000
#define MAX_ID_LEN        1000      /* longer ids are not destinations */
#define MAX_URI_LEN       8000

typedef struct hpdf_err {
    HPDF_STATUS no, detail;
} hpdf_err;

typedef struct dest_entry {
    const char *id;
    size_t page, order;
    double x, y;
} dest_entry;

typedef struct writer {
    gr_ctx *ctx;
    const gr_doc *doc;
    HPDF_Doc pdf;
    hpdf_err err;
    size_t npages;
    HPDF_Page *pages;
    double *page_h;             /* page heights as written (y flip) */
    HPDF_Image *images;         /* one XObject per gr_image, made on use */
    dest_entry *dests;          /* sorted by id, unique */
    size_t ndests;
    pdf_fonts *fonts;           /* the pre-render's when there is one */
    pdf_zip *zip;
    gr_pdf_pre *pre;            /* pages written during layout, or NULL */
    uint64_t *masks;            /* per page: the faces its text uses */
    unsigned char *own_res;     /* per page: 1 if it keeps its own
                                   /Resources (its images' names are there) */
    struct shared_res *shared;  /* /Resources shared by pages of one mask */
    size_t nshared;
    pdf_content content;        /* the page being written */
    gr_buf zipped;              /* its deflated bytes (and a raw image's) */
} writer;

/* ---- errors ----------------------------------------------------------- */

/* libharu allocates through the run's allocator (mem.c) */
static void *hpdf_alloc(HPDF_UINT n) { return gr_lib_alloc(n); }

static void on_hpdf_error(HPDF_STATUS no, HPDF_STATUS detail, void *user)
{
    hpdf_err *e = user;
    if (e->no == 0) {
        e->no = no;
        e->detail = detail;
    }
}

/* libharu reports some errors through the handler and only records
 * others (HPDF_SetError): look at both. */
static int hpdf_failed(writer *w)
{
    if (w->err.no == 0 && w->pdf && HPDF_GetError(w->pdf) != HPDF_OK) {
        w->err.no = HPDF_GetError(w->pdf);
        w->err.detail = HPDF_GetErrorDetail(w->pdf);
    }
    return w->err.no != 0;
}

static int report_hpdf(writer *w, const char *out_path)
{
    return gr_syserror(w->ctx, out_path, 0, GR_TEXT(PDF_LIBRARY_ERROR_0X_DETAIL),
                       (unsigned)w->err.no, (unsigned)w->err.detail);
}

/* ---- numbers ---------------------------------------------------------- */

static double clampd(double v, double lo, double hi)
{
    if (!isfinite(v)) return lo > 0 ? lo : (hi < 0 ? hi : 0);
    return v < lo ? lo : v > hi ? hi : v;
}

static HPDF_REAL coord(double v)
{
    return (HPDF_REAL)clampd(v, -COORD_MAX, COORD_MAX);
}

/* ---- pages ------------------------------------------------------------ */

static int has_images(const gr_page *pg)
{
    size_t j;
    for (j = 0; j < pg->nitems; j++)
        if (pg->items[j].kind == GR_DL_IMAGE) return 1;
    return 0;
}

static int create_pages(writer *w)
{
    size_t i;
    w->npages = w->doc->npages ? w->doc->npages : 1;
    w->pages = gr_calloc(w->npages, sizeof *w->pages);
    w->own_res = gr_calloc(w->npages, 1);
    w->page_h = gr_calloc(w->npages, sizeof *w->page_h);
    /* a two-level page tree: the root over nodes of PAGES_PER_NODE pages
       (PDF/A-1 arrays hold at most 8191 items: up to 8 million pages) */
    if (HPDF_SetPagesConfiguration(w->pdf, PAGES_PER_NODE) != HPDF_OK) return GR_ESYS;
    for (i = 0; i < w->npages; i++) {
        const gr_page *pg = w->doc->npages ? w->doc->pages[i] : NULL;
        double pw = clampd(pg ? pg->width : A4_WIDTH, PAGE_MIN, PAGE_MAX);
        double ph = clampd(pg ? pg->height : A4_HEIGHT, PAGE_MIN, PAGE_MAX);
        w->pages[i] = HPDF_AddPage(w->pdf);
        if (!w->pages[i]) return GR_ESYS;
        /* a page without images gets a shared /Resources (embed_fonts):
           free its own now, before the other pages are made */
        if (pg && !has_images(pg))
            HPDF_Dict_RemoveElement(w->pages[i], "Resources");
        else
            w->own_res[i] = 1;
        HPDF_Page_SetWidth(w->pages[i], (HPDF_REAL)pw);
        HPDF_Page_SetHeight(w->pages[i], (HPDF_REAL)ph);
        w->page_h[i] = ph;
    }
    return hpdf_failed(w) ? GR_ESYS : GR_OK;
}

/* ---- destinations ----------------------------------------------------- */

static int cmp_dest(const void *a, const void *b)
{
    const dest_entry *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c) return c;
    return (x->order > y->order) - (x->order < y->order);
}

static void collect_dests(writer *w)
{
    size_t i, j, cap = 0, n = 0;
    for (i = 0; i < w->doc->npages; i++) {
        const gr_page *pg = w->doc->pages[i];
        for (j = 0; j < pg->nitems; j++) {
            const gr_dl_item *it = &pg->items[j];
            if (it->kind != GR_DL_DEST || !it->u.dest.id || !it->u.dest.id[0]
                || strlen(it->u.dest.id) > MAX_ID_LEN)
                continue;
            w->dests = gr_grow(w->dests, &cap, n + 1, sizeof *w->dests);
            w->dests[n].id = it->u.dest.id;
            w->dests[n].page = i;
            w->dests[n].order = n;
            w->dests[n].x = it->u.dest.x;
            w->dests[n].y = it->u.dest.y;
            n++;
        }
    }
    if (n > 1) qsort(w->dests, n, sizeof *w->dests, cmp_dest);
    /* keep the first destination of each id */
    for (i = 0, j = 0; i < n; i++)
        if (j == 0 || strcmp(w->dests[j - 1].id, w->dests[i].id) != 0)
            w->dests[j++] = w->dests[i];
    w->ndests = j;
}

static const dest_entry *find_dest(const writer *w, const char *id)
{
    size_t lo = 0, hi = w->ndests;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(id, w->dests[mid].id);
        if (c == 0) return &w->dests[mid];
        if (c < 0) hi = mid; else lo = mid + 1;
    }
    return NULL;
}

/* [page /XYZ left top null] for a destination entry: a direct array
 * (libharu's own destinations are indirect objects, which PDFBox's
 * preflight cannot read as outline or link destinations). */
static HPDF_Destination make_dest(writer *w, const dest_entry *d)
{
    HPDF_Page target = w->pages[d->page];
    HPDF_Destination dst = HPDF_Array_New(w->pdf->mmgr);
    if (!dst) return NULL;
    dst->header.obj_class |= HPDF_OSUBCLASS_DESTINATION;
    HPDF_Array_Add(dst, target);
    HPDF_Array_AddName(dst, "XYZ");
    HPDF_Array_AddReal(dst, coord(clampd(d->x, 0, COORD_MAX)));
    HPDF_Array_AddReal(dst, coord(clampd(w->page_h[d->page] - d->y, 0, COORD_MAX)));
    HPDF_Array_Add(dst, HPDF_Null_New(w->pdf->mmgr));
    return dst;
}

/* ---- fonts ------------------------------------------------------------ */

/* Pages without images share one /Resources dictionary (an indirect
 * object) per set of faces they use: a handful of objects for the whole
 * document instead of a dictionary, a /Font dictionary and a /ProcSet
 * array on every page (memory and bytes that grew with the page count). */
#define SHARED_RES_MAX 64
typedef struct shared_res {
    uint64_t mask;
    HPDF_Dict res;
} shared_res;

/* A /Resources dictionary as libharu makes a page's (/ProcSet in its
 * order), with the faces of mask; indirect if shared. */
static HPDF_Dict new_resources(writer *w, uint64_t mask, int shared)
{
    static const char *const procset[] = { "PDF", "Text", "ImageB", "ImageC", "ImageI" };
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict res = HPDF_Dict_New(mm), fonts;
    HPDF_Array ps = HPDF_Array_New(mm);
    size_t k;
    if (!res || !ps || (shared && HPDF_Xref_Add(w->pdf->xref, res) != HPDF_OK)) return NULL;
    for (k = 0; k < sizeof procset / sizeof procset[0]; k++)
        HPDF_Array_AddName(ps, procset[k]);
    HPDF_Dict_Add(res, "ProcSet", ps);
    if (mask) {
        fonts = HPDF_Dict_New(mm);
        if (!fonts) return NULL;
        HPDF_Dict_Add(res, "Font", fonts);
        pdf_fonts_dict_resources(w->fonts, fonts, mask);
    }
    return res;
}

static HPDF_Dict shared_resources(writer *w, uint64_t mask)
{
    HPDF_Dict res;
    size_t k;
    for (k = 0; k < w->nshared; k++)
        if (w->shared[k].mask == mask) return w->shared[k].res;
    if (w->nshared >= SHARED_RES_MAX) return new_resources(w, mask, 0);  /* its own */
    res = new_resources(w, mask, 1);
    if (!res) return NULL;
    if (!w->shared) w->shared = gr_calloc(SHARED_RES_MAX, sizeof *w->shared);
    w->shared[w->nshared].mask = mask;
    w->shared[w->nshared].res = res;
    w->nshared++;
    return res;
}

static int embed_fonts(writer *w, const gr_pdf_opts *opts)
{
    size_t i;
    int level = opts && opts->font_level > 0 ? opts->font_level : PDF_LEVEL_FONT;
    int rc = pdf_fonts_embed(w->fonts, w->ctx, w->pdf, w->zip, level);
    if (rc != GR_OK) return rc;
    for (i = 0; i < w->doc->npages && !hpdf_failed(w); i++) {
        HPDF_Dict res;
        if (w->own_res[i]) {
            pdf_fonts_page_resources(w->fonts, w->pages[i], w->masks[i]);
            continue;
        }
        res = shared_resources(w, w->masks[i]);
        if (!res || HPDF_Dict_Add(w->pages[i], "Resources", res) != HPDF_OK)
            return GR_ESYS;
    }
    return hpdf_failed(w) ? GR_ESYS : GR_OK;
}

/* ---- drawing ---------------------------------------------------------- */

static long image_index(const writer *w, const gr_image *im)
{
    size_t i;
    if (im->id >= 0 && (size_t)im->id < w->doc->nimages && w->doc->images[im->id] == im)
        return im->id;
    for (i = 0; i < w->doc->nimages; i++)
        if (w->doc->images[i] == im) return (long)i;
    return -1;
}

/* An image XObject of raw 8-bit pixels, deflated by us (libdeflate, as
 * every other stream) rather than handed to libharu, which copied the
 * pixels into its memory stream a byte at a time and deflated them with
 * zlib as the file was written: a fifth of the sample's build. */
static HPDF_Image raw_image(writer *w, const gr_image *im)
{
    size_t n = (size_t)im->width * (size_t)im->height * (size_t)im->components;
    HPDF_Dict x;
    pdf_deflate(w->zip, PDF_LEVEL_IMAGE, im->data, n, &w->zipped);
    x = pdf_haru_flate_stream(w->pdf, w->zipped.data, w->zipped.len);
    if (!x || HPDF_Dict_AddName(x, "Type", "XObject") != HPDF_OK
        || HPDF_Dict_AddName(x, "Subtype", "Image") != HPDF_OK
        || HPDF_Dict_AddName(x, "ColorSpace", im->components == 1 ? "DeviceGray" : "DeviceRGB") != HPDF_OK
        || HPDF_Dict_AddNumber(x, "Width", im->width) != HPDF_OK
        || HPDF_Dict_AddNumber(x, "Height", im->height) != HPDF_OK
        || HPDF_Dict_AddNumber(x, "BitsPerComponent", 8) != HPDF_OK)
        return NULL;
    return x;
}

static HPDF_Image load_image(writer *w, const gr_image *im)
{
    if (im->is_jpeg)
        return HPDF_LoadJpegImageFromMem(w->pdf, im->data, (HPDF_UINT)im->len);
    if ((im->components != 1 && im->components != 3) || im->bits != 8
        || im->width <= 0 || im->height <= 0
        || im->len < (size_t)im->width * (size_t)im->height * (size_t)im->components)
        return NULL;
    return raw_image(w, im);
}

static int draw_image(writer *w, HPDF_Page p, const gr_dl_item *it)
{
    const char *name;
    const gr_image *im = it->u.image.image;
    long idx;
    HPDF_Image x;
    if (!im || !(it->u.image.w > 0) || !(it->u.image.h > 0)) return GR_OK;
    idx = image_index(w, im);
    x = idx >= 0 ? w->images[idx] : NULL;
    if (!x) {
        x = im->data && im->len ? load_image(w, im) : NULL;
        if (!x)
            return gr_syserror(w->ctx, im->name, 0, GR_TEXT(PDF_CANNOT_PUT_IMAGE_INTO));
        if (idx >= 0) w->images[idx] = x;
    }
    name = HPDF_Page_GetXObjectName(p, x);
    if (!name) return GR_ESYS;
    pdf_content_image(&w->content, name, it->u.image.x, it->u.image.y,
                      it->u.image.w, it->u.image.h);
    return GR_OK;
}

/* URIs are 7-bit ASCII in PDF: percent-encode everything else. */
static char *ascii_uri(const char *uri)
{
    static const char hex[] = "0123456789ABCDEF";
    gr_buf b;
    const unsigned char *s;
    gr_buf_init(&b);
    for (s = (const unsigned char *)uri; *s; s++) {
        if (*s <= 0x20 || *s >= 0x7f) {
            gr_buf_addc(&b, '%');
            gr_buf_addc(&b, hex[*s >> 4]);
            gr_buf_addc(&b, hex[*s & 15]);
        } else {
            gr_buf_addc(&b, *s);
        }
    }
    gr_buf_cstr(&b);
    return (char *)b.data;
}

static void draw_link(writer *w, HPDF_Page p, double ph, const gr_dl_item *it)
{
    HPDF_Rect r;
    HPDF_Annotation a = NULL;
    r.left = coord(it->u.link.x);
    r.right = coord(it->u.link.x + it->u.link.w);
    r.top = coord(ph - it->u.link.y);
    r.bottom = coord(ph - it->u.link.y - it->u.link.h);
    if (it->u.link.internal && it->u.link.internal[0]) {
        const dest_entry *d = find_dest(w, it->u.link.internal);
        HPDF_Destination dst = d ? make_dest(w, d) : NULL;
        if (!d)
            gr_warn(w->ctx, NULL, 0, GR_TEXT(PDF_LINK_TARGET_DOES_EXIST),
                    it->u.link.internal);
        if (dst) a = HPDF_Page_CreateLinkAnnot(p, r, dst);
    } else if (it->u.link.uri && it->u.link.uri[0]) {
        char *uri;
        if (strlen(it->u.link.uri) > MAX_URI_LEN) {
            gr_warn(w->ctx, NULL, 0, GR_TEXT(PDF_LINK_URI_TOO_LONG));
            return;
        }
        uri = ascii_uri(it->u.link.uri);
        a = HPDF_Page_CreateURILinkAnnot(p, r, uri);
        free(uri);
    }
    if (!a) return;
    HPDF_Dict_AddNumber(a, "F", 4);                 /* Print (PDF/A) */
    HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);      /* no visible border */
}

/* Items that only paint (no resources but fonts): 1 if `it` was one. */
static int paint_item(pdf_content *c, pdf_fonts *pf, const gr_dl_item *items,
                      size_t j, uint64_t *mask)
{
    const gr_dl_item *it = &items[j];
    switch (it->kind) {
    case GR_DL_TEXT:
        pdf_fonts_draw(pf, c, &it->u.text, mask);
        return 1;
    case GR_DL_RECT:
        pdf_content_rect(c, it->u.rect.x, it->u.rect.y, it->u.rect.w,
                         it->u.rect.h, it->u.rect.color);
        return 1;
    case GR_DL_LINE:
        pdf_content_rule(c, j);
        return 1;
    case GR_DL_PATH:
        pdf_content_path(c, &it->u.path);
        return 1;
    case GR_DL_MISSING:
        pdf_content_missing(c, it->u.missing.x, it->u.missing.y, it->u.missing.w,
                            it->u.missing.h, it->u.missing.cp);
        return 1;
    default:
        return 0;
    }
}

static int draw_item(writer *w, size_t pi, const gr_dl_item *items, size_t j)
{
    HPDF_Page p = w->pages[pi];
    const gr_dl_item *it = &items[j];
    if (paint_item(&w->content, w->fonts, items, j, &w->masks[pi]))
        return GR_OK;
    switch (it->kind) {
    case GR_DL_IMAGE:
        return draw_image(w, p, it);
    case GR_DL_LINK:
        draw_link(w, p, w->page_h[pi], it);
        return GR_OK;
    default:
        return GR_OK;
    }
}

static double page_height(const gr_page *pg)
{
    return clampd(pg ? pg->height : A4_HEIGHT, PAGE_MIN, PAGE_MAX);
}

/* ---- pages written while the document is laid out --------------------- */

typedef struct pre_page {
    unsigned char *z;           /* deflated content, NULL: not written */
    size_t len;
    uint64_t mask;
} pre_page;

struct gr_pdf_pre {
    pdf_fonts *fonts;
    pdf_zip *zip;
    pdf_content content;
    gr_buf zipped;
    pre_page *pages;
    size_t npages, cap;
};

gr_pdf_pre *gr_pdf_pre_new(void)
{
    gr_pdf_pre *pre = gr_calloc(1, sizeof *pre);
    pre->fonts = pdf_fonts_new();
    pre->zip = pdf_zip_new();
    pdf_content_init(&pre->content);
    gr_buf_init(&pre->zipped);
    return pre;
}

void gr_pdf_pre_free(gr_pdf_pre *pre)
{
    size_t i;
    if (!pre) return;
    for (i = 0; i < pre->npages; i++) free(pre->pages[i].z);
    free(pre->pages);
    pdf_fonts_free(pre->fonts);
    pdf_zip_free(pre->zip);
    pdf_content_free(&pre->content);
    gr_buf_free(&pre->zipped);
    free(pre);
}

void gr_pdf_pre_page(void *user, gr_doc *doc, gr_page *pg)
{
    gr_pdf_pre *pre = user;
    size_t idx = doc->npages - 1, j;
    pre_page *pp;
    assert(doc->npages > 0 && doc->pages[idx] == pg);
    for (j = 0; j < pg->nitems; j++)
        if (pg->items[j].kind == GR_DL_IMAGE) return;   /* written at the end */
    if (idx >= pre->npages) {
        pre->pages = gr_grow(pre->pages, &pre->cap, idx + 1, sizeof *pre->pages);
        memset(pre->pages + pre->npages, 0, (idx + 1 - pre->npages) * sizeof *pre->pages);
        pre->npages = idx + 1;
    }
    pp = &pre->pages[idx];      /* a second layout pass writes it again */
    free(pp->z);
    memset(pp, 0, sizeof *pp);
    pdf_content_begin(&pre->content, page_height(pg), pg->items, pg->nitems, 1);
    for (j = 0; j < pg->nitems; j++)
        paint_item(&pre->content, pre->fonts, pg->items, j, &pp->mask);
    pdf_content_end(&pre->content);
    pdf_deflate(pre->zip, PDF_LEVEL_CONTENT, pre->content.out.data,
                pre->content.out.len, &pre->zipped);
    pp->z = gr_malloc(pre->zipped.len);
    memcpy(pp->z, pre->zipped.data, pre->zipped.len);
    pp->len = pre->zipped.len;
    gr_page_drop_painted(doc, pg);
}

/* One page: its content written, deflated and handed to libharu (after
 * the part written during layout, if any). */
static int draw_page(writer *w, size_t i)
{
    const gr_page *pg = w->doc->pages[i];
    pre_page *pp = w->pre && i < w->pre->npages && w->pre->pages[i].z
                   ? &w->pre->pages[i] : NULL;
    size_t j;
    HPDF_STATUS st;
    pdf_content_begin(&w->content, w->page_h[i], pg->items, pg->nitems, pp == NULL);
    if (pp) w->masks[i] |= pp->mask;
    for (j = 0; j < pg->nitems; j++) {
        int rc = draw_item(w, i, pg->items, j);
        if (rc != GR_OK) return rc;
        if (hpdf_failed(w)) return GR_ESYS;
    }
    pdf_content_end(&w->content);
    if (w->content.out.len == 0 && !pp) return GR_OK;
    if (w->content.out.len)
        pdf_deflate(w->zip, PDF_LEVEL_CONTENT, w->content.out.data, w->content.out.len,
                    &w->zipped);
    if (!pp)
        st = pdf_haru_page_content(w->pdf, w->pages[i], w->zipped.data, w->zipped.len);
    else if (w->content.out.len == 0)
        st = pdf_haru_page_content(w->pdf, w->pages[i], pp->z, pp->len);
    else
        st = pdf_haru_page_contents2(w->pdf, w->pages[i], pp->z, pp->len,
                                     w->zipped.data, w->zipped.len);
    if (pp) {                   /* libharu has its copy now */
        free(pp->z);
        pp->z = NULL;
    }
    if (st != HPDF_OK) return GR_ESYS;
    return hpdf_failed(w) ? GR_ESYS : GR_OK;
}

static int draw_pages(writer *w)
{
    size_t i;
    for (i = 0; i < w->doc->npages; i++) {
        int rc;
        gr_progress(w->ctx, GR_TEXT(STAGE_WRITING), (int)i + 1);
        rc = draw_page(w, i);
        if (rc != GR_OK) return rc;
    }
    return GR_OK;
}

/* ---- outline ---------------------------------------------------------- */

static void add_outline_kids(writer *w, HPDF_Outline parent,
                             const gr_outline *node, int depth)
{
    int i;
    if (depth > OUTLINE_MAX_DEPTH) return;
    for (i = 0; i < node->nkids && !hpdf_failed(w); i++) {
        const gr_outline *k = node->kids[i];
        HPDF_Outline o;
        const dest_entry *d;
        if (!k) continue;
        o = HPDF_CreateOutline(w->pdf, parent, "", NULL);
        if (!o) return;
        HPDF_Dict_RemoveElement(o, "Type");     /* items have no /Type */
        HPDF_Dict_Add(o, "Title", pdf_text_string(w->pdf->mmgr, k->title ? k->title : ""));
        d = k->dest_id ? find_dest(w, k->dest_id) : NULL;
        if (d)
            HPDF_Dict_Add(o, "Dest", make_dest(w, d));
        else if (k->dest_id)
            gr_warn(w->ctx, NULL, 0, GR_TEXT(PDF_BOOKMARK_TARGET_DOES_EXIST), k->dest_id);
        HPDF_Outline_SetOpened(o, k->open ? HPDF_TRUE : HPDF_FALSE);
        add_outline_kids(w, o, k, depth + 1);
    }
}

static int add_outline(writer *w)
{
    const gr_outline *root = w->doc->outline;
    if (!root || root->nkids <= 0) return GR_OK;
    add_outline_kids(w, NULL, root, 0);
    if (w->pdf->outlines)
        HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    return hpdf_failed(w) ? GR_ESYS : GR_OK;
}

/* ---- named destinations (catalog /Names /Dests name tree) ------------- */

static HPDF_Array names_array(writer *w, size_t from, size_t to)
{
    HPDF_Array a = HPDF_Array_New(w->pdf->mmgr);
    size_t i;
    if (!a) return NULL;
    for (i = from; i < to; i++) {
        HPDF_Array_Add(a, HPDF_String_New(w->pdf->mmgr, w->dests[i].id, NULL));
        HPDF_Array_Add(a, make_dest(w, &w->dests[i]));
    }
    return a;
}

static HPDF_Dict names_leaf(writer *w, size_t from, size_t to)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict leaf = HPDF_Dict_New(mm);
    HPDF_Array limits = HPDF_Array_New(mm);
    if (!leaf || !limits || HPDF_Xref_Add(w->pdf->xref, leaf) != HPDF_OK) return NULL;
    HPDF_Array_Add(limits, HPDF_String_New(mm, w->dests[from].id, NULL));
    HPDF_Array_Add(limits, HPDF_String_New(mm, w->dests[to - 1].id, NULL));
    HPDF_Dict_Add(leaf, "Limits", limits);
    HPDF_Dict_Add(leaf, "Names", names_array(w, from, to));
    return leaf;
}

static int add_named_dests(writer *w)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict names, tree;
    size_t i;
    if (w->ndests == 0) return GR_OK;
    names = HPDF_Dict_New(mm);
    tree = HPDF_Dict_New(mm);
    if (!names || !tree) return GR_ESYS;
    if (w->ndests <= NAMES_FLAT_MAX) {
        HPDF_Dict_Add(tree, "Names", names_array(w, 0, w->ndests));
    } else {
        HPDF_Array kids = HPDF_Array_New(mm);
        if (!kids) return GR_ESYS;
        for (i = 0; i < w->ndests; i += NAMES_PER_LEAF) {
            size_t to = i + NAMES_PER_LEAF < w->ndests ? i + NAMES_PER_LEAF : w->ndests;
            HPDF_Array_Add(kids, names_leaf(w, i, to));
        }
        HPDF_Dict_Add(tree, "Kids", kids);
    }
    HPDF_Dict_Add(names, "Dests", tree);
    HPDF_Dict_Add(w->pdf->catalog, "Names", names);
    return hpdf_failed(w) ? GR_ESYS : GR_OK;
}

/* ---- serialisation ---------------------------------------------------- */

static int sink_to_buf(void *user, const unsigned char *data, size_t len)
{
    gr_buf_add(user, data, len);
    return 0;
}

static int serialise(writer *w, gr_buf *out)
{
    if (pdf_haru_save(w->pdf, sink_to_buf, out) != HPDF_OK || hpdf_failed(w))
        return GR_ESYS;
    return out->len ? GR_OK : GR_ESYS;
}

/* Serialised straight into the output file: bytes go to the temporary
 * file as libharu writes them (in blocks of FILE_BLOCK) while the file ID
 * is hashed along; the ID's digits are written over the placeholders at
 * the end, before the file takes its name. */
#define FILE_BLOCK (256u << 10)
typedef struct file_sink {
    gr_ctx *ctx;
    gr_out *o;
    gr_buf block;
    pdf_file_id *id;            /* large: on the heap */
    int failed;                 /* a write failed (reported) */
} file_sink;

static int sink_flush(file_sink *s)
{
    if (s->failed) return -1;
    if (s->block.len && gr_out_write(s->ctx, s->o, s->block.data, s->block.len) != GR_OK) {
        s->failed = 1;
        return -1;
    }
    s->block.len = 0;
    return 0;
}

static int sink_to_file(void *user, const unsigned char *data, size_t len)
{
    file_sink *s = user;
    if (s->failed) return -1;
    pdf_pdfa_id_feed(s->id, data, len);
    gr_buf_add(&s->block, data, len);
    return s->block.len >= FILE_BLOCK ? sink_flush(s) : 0;
}

/* Serialise into out_path. Nothing is left there on failure; GR_ESYS
 * without a report means a libharu error is recorded in w->err. */
static int save_to_file(writer *w, const char *out_path)
{
    file_sink s;
    char hex[2 * PDF_ID_LEN];
    unsigned long long at[2];
    int rc, k;
    memset(&s, 0, sizeof s);
    s.ctx = w->ctx;
    gr_buf_init(&s.block);
    gr_buf_reserve(&s.block, FILE_BLOCK);
    s.id = gr_malloc(sizeof *s.id);
    pdf_pdfa_id_init(s.id);
    rc = gr_out_open(w->ctx, out_path, &s.o);
    if (rc == GR_OK) {
        if (pdf_haru_save(w->pdf, sink_to_file, &s) != HPDF_OK || hpdf_failed(w) ||
            s.failed || s.id->total == 0 || sink_flush(&s) != 0)
            rc = GR_ESYS;
    }
    if (rc == GR_OK && pdf_pdfa_id_finish(s.id, hex, at) != GR_OK)
        rc = gr_syserror(w->ctx, out_path, 0, GR_TEXT(PDF_INTERNAL_ERROR_FILE_ID));
    for (k = 0; rc == GR_OK && k < 2; k++)
        rc = gr_out_patch(w->ctx, s.o, at[k], hex, sizeof hex);
    if (rc == GR_OK) rc = gr_out_commit(w->ctx, s.o);
    else gr_out_abort(s.o);
    gr_buf_free(&s.block);
    free(s.id);
    return rc;
}

/* Every step before serialisation; GR_ESYS without a report means a
 * libharu error is recorded in w->err. */
static int build_document(writer *w, const gr_pdf_opts *opts)
{
    gr_buf fonts;
    int rc;
    /* page content comes deflated already (draw_page); raw images are
       deflated by libharu (load_image) */
    HPDF_SetCompressionMode(w->pdf, HPDF_COMP_NONE);
    if ((rc = create_pages(w)) != GR_OK) return rc;
    collect_dests(w);
    w->images = gr_calloc(w->doc->nimages + 1, sizeof *w->images);
    w->masks = gr_calloc(w->npages, sizeof *w->masks);
    if ((rc = draw_pages(w)) != GR_OK) return rc;
    if ((rc = embed_fonts(w, opts)) != GR_OK) return rc;
    if ((rc = add_outline(w)) != GR_OK) return rc;
    if ((rc = add_named_dests(w)) != GR_OK) return rc;
    gr_buf_init(&fonts);
    pdf_fonts_describe(w->fonts, &fonts);
    rc = pdf_pdfa_finish(w->ctx, w->pdf, w->doc, opts, gr_buf_cstr(&fonts));
    gr_buf_free(&fonts);
    if (rc != GR_OK) return rc;
    return hpdf_failed(w) ? GR_ESYS : GR_OK;
}

static void writer_free(writer *w)
{
    if (w->pdf) HPDF_Free(w->pdf);
    if (!w->pre) {
        pdf_fonts_free(w->fonts);
        pdf_zip_free(w->zip);
    }
    free(w->masks);
    free(w->own_res);
    free(w->shared);
    free(w->pages);
    free(w->page_h);
    free(w->images);
    free(w->dests);
    pdf_content_free(&w->content);
    gr_buf_free(&w->zipped);
}

int gr_pdf_write(gr_ctx *ctx, const gr_doc *doc, gr_fontset *fs,
                 const gr_pdf_opts *opts, const char *out_path)
{
    writer w;
    gr_buf out;
    int rc, reported_before;
    (void)fs;                   /* faces come from the display lists */
    memset(&w, 0, sizeof w);
    w.ctx = ctx;
    w.doc = doc;
    w.pre = opts ? opts->pre : NULL;
    w.fonts = w.pre ? w.pre->fonts : pdf_fonts_new();
    w.zip = w.pre ? w.pre->zip : pdf_zip_new();
    pdf_content_init(&w.content);
    gr_buf_init(&w.zipped);
    gr_buf_init(&out);
    w.pdf = HPDF_NewEx(on_hpdf_error, hpdf_alloc, gr_lib_free, 0, &w.err);
    if (!w.pdf) {
        writer_free(&w);
        return gr_syserror(ctx, out_path, 0, GR_TEXT(PDF_CANNOT_CREATE_PDF_DOCUMENT));
    }
    reported_before = ctx->nerrors;
    rc = build_document(&w, opts);
    if (rc == GR_OK && !gr_is_stdio(out_path)) {
        rc = save_to_file(&w, out_path);    /* streamed, atomic */
    } else if (rc == GR_OK) {
        /* standard output: whole, since the ID goes back into the file */
        rc = serialise(&w, &out);
        if (rc == GR_OK && pdf_pdfa_patch_id(out.data, out.len) != GR_OK)
            rc = gr_syserror(ctx, out_path, 0, GR_TEXT(PDF_INTERNAL_ERROR_FILE_ID));
    }
    if (rc != GR_OK && ctx->nerrors == reported_before)
        rc = hpdf_failed(&w) ? report_hpdf(&w, out_path)
                             : gr_syserror(ctx, out_path, 0, GR_TEXT(PDF_CANNOT_PRODUCE_PDF));
    writer_free(&w);
    if (rc == GR_OK && out.len) rc = gr_write_file_atomic(ctx, out_path, out.data, out.len);
    gr_buf_free(&out);
    return rc;
}
