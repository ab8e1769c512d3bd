/* photo.c — images made fit for publishing, after layout: each image of
 * the document is read again and decoded (one at a time), converted to gray
 * or RGB, resampled by area averaging in integer arithmetic to at most
 * GR_IMAGE_PPI at the largest size the pages place it at, and encoded with
 * libjpeg-turbo as baseline JPEG (islow DCT, quality PHOTO_QUALITY,
 * optimised Huffman tables): the same file and library version give the
 * same bytes on every machine. Gray and YCbCr JPEGs already within the
 * resolution pass through untouched. A PNG keeps its (flattened) pixels for
 * Flate when it has transparency or when they deflate smaller than the
 * JPEG (screenshots).
 *
 * CMYK and YCCK JPEGs (Adobe APP14; libjpeg turns YCCK into CMYK) become
 * RGB by R = (1-C)(1-K), G = (1-M)(1-K), B = (1-Y)(1-K): with an Adobe
 * marker the stored values are inverted (Photoshop's convention), so
 * R = C'·K'/255. An embedded ICC profile is not applied (no colour
 * management library): colours come out close, not exact (docs/layout.md).
 *
 * Memory: a JPEG is decoded row by row (DCT scaling to the smallest size
 * not below the target), each row resampled and handed to the encoder at
 * once: a few rows at a time. A PNG is decoded whole (within
 * GR_IMAGE_DECODE_BUDGET), then streamed the same way. */
#include "graphics_int.h"
#include "../util/msg.h"

#include <assert.h>
#include <stdio.h>               /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>

#define PHOTO_QUALITY 85
#define FLATE_LEVEL 6                /* as the PDF writer deflates raw pixels */

typedef struct job {
    jmp_buf jb;
    char msg[JMSG_LENGTH_MAX];
    struct jpeg_error_mgr err;
    struct jpeg_decompress_struct dec;
    struct jpeg_compress_struct enc;
    int dec_made, enc_made, enc_done;
    /* resampling sw x sh -> tw x th, comps channels */
    int sw, sh, tw, th, comps;
    int *x0, *w0;              /* per source column: first output column, its weight */
    uint32_t *hsum;            /* one source row, summed horizontally */
    uint64_t *acc0, *acc1;     /* output rows out_y and out_y + 1 */
    int src_y, out_y;
    unsigned char *outrow;
    /* sinks */
    struct jpeg_destination_mgr dst;   /* writes into jpeg[0 .. jpeg_cap) */
    unsigned char *jpeg;       /* ours (gr_malloc), freed with the job on any path */
    size_t jpeg_len, jpeg_cap;
    unsigned char *raw;        /* tw*th*comps, or NULL */
} job;

static void on_jpeg_error(j_common_ptr c)
{
    job *j = c->client_data;
    c->err->format_message(c, j->msg);
    longjmp(j->jb, 1);
}

static void on_jpeg_message(j_common_ptr c, int level)
{
    (void)c;
    (void)level;               /* warnings (extraneous bytes …): not the user's */
}

/* ---- resampling ------------------------------------------------------- */

/* Source pixel i covers [i·tw, (i+1)·tw) and output pixel x covers
 * [x·sw, (x+1)·sw) on a common integer axis; as sw ≥ tw a source pixel
 * overlaps at most two output pixels. The same vertically. Every output
 * value is the exact overlap-weighted mean, rounded. */
static void rs_init(job *j, int sw, int sh, int tw, int th, int comps)
{
    int i;
    assert(tw >= 1 && th >= 1 && tw <= sw && th <= sh);
    j->sw = sw; j->sh = sh; j->tw = tw; j->th = th; j->comps = comps;
    j->x0 = gr_malloc(sizeof *j->x0 * (size_t)sw);
    j->w0 = gr_malloc(sizeof *j->w0 * (size_t)sw);
    for (i = 0; i < sw; i++) {
        uint64_t lo = (uint64_t)i * (uint64_t)tw, x = lo / (uint64_t)sw;
        uint64_t end = (x + 1) * (uint64_t)sw, hi = lo + (uint64_t)tw;
        j->x0[i] = (int)x;
        j->w0[i] = (int)((hi < end ? hi : end) - lo);
    }
    j->hsum = gr_malloc(sizeof *j->hsum * (size_t)tw * comps);
    j->acc0 = gr_calloc((size_t)tw * comps, sizeof *j->acc0);
    j->acc1 = gr_calloc((size_t)tw * comps, sizeof *j->acc1);
    j->outrow = gr_malloc((size_t)tw * comps);
    j->src_y = j->out_y = 0;
}

static void rs_free(job *j)
{
    free(j->x0); free(j->w0); free(j->hsum); free(j->acc0); free(j->acc1); free(j->outrow);
    j->x0 = j->w0 = NULL;
    j->hsum = NULL;
    j->acc0 = j->acc1 = NULL;
    j->outrow = NULL;
}

static void emit_row(job *j)
{
    size_t n = (size_t)j->tw * j->comps, k;
    uint64_t div = (uint64_t)j->sw * (uint64_t)j->sh;
    for (k = 0; k < n; k++) j->outrow[k] = (unsigned char)((j->acc0[k] + div / 2) / div);
    if (j->raw) memcpy(j->raw + n * (size_t)j->out_y, j->outrow, n);
    if (j->enc_made) {
        JSAMPROW r = j->outrow;
        jpeg_write_scanlines(&j->enc, &r, 1);
    }
    {
        uint64_t *t = j->acc0;
        j->acc0 = j->acc1;
        j->acc1 = t;
        memset(j->acc1, 0, n * sizeof *j->acc1);
    }
    j->out_y++;
}

static void rs_push(job *j, const unsigned char *row)
{
    int c = j->comps, i, k;
    size_t n = (size_t)j->tw * c;
    uint64_t lo = (uint64_t)j->src_y * (uint64_t)j->th, y0 = lo / (uint64_t)j->sh;
    uint64_t end = (y0 + 1) * (uint64_t)j->sh, hi = lo + (uint64_t)j->th;
    uint32_t v0 = (uint32_t)((hi < end ? hi : end) - lo), v1 = (uint32_t)j->th - v0;
    assert((int)y0 == j->out_y);
    memset(j->hsum, 0, n * sizeof *j->hsum);
    for (i = 0; i < j->sw; i++) {
        const unsigned char *p = row + (size_t)i * c;
        uint32_t *h = j->hsum + (size_t)j->x0[i] * c;
        uint32_t a = (uint32_t)j->w0[i], b = (uint32_t)j->tw - a;
        for (k = 0; k < c; k++) h[k] += a * p[k];
        if (b)
            for (k = 0; k < c; k++) h[c + k] += b * p[k];
    }
    for (k = 0; k < (int)n; k++) j->acc0[k] += (uint64_t)v0 * j->hsum[k];
    if (v1)
        for (k = 0; k < (int)n; k++) j->acc1[k] += (uint64_t)v1 * j->hsum[k];
    j->src_y++;
    if ((uint64_t)j->src_y * (uint64_t)j->th >= (uint64_t)(j->out_y + 1) * (uint64_t)j->sh)
        emit_row(j);
}

/* ---- encoder ---------------------------------------------------------- */

/* Our own destination: the buffer belongs to the job, not to libjpeg, so an
 * error longjmp'ing out of the encoder (jpeg_mem_dest would keep its grown
 * buffer to itself) leaves it where job cleanup frees it. */
#define DST_FIRST 4096

static job *dst_job(j_compress_ptr c)
{
    return c->client_data;
}

static void dst_init(j_compress_ptr c)
{
    job *j = dst_job(c);
    if (!j->jpeg) {
        j->jpeg = gr_malloc(DST_FIRST);
        j->jpeg_cap = DST_FIRST;
    }
    j->jpeg_len = 0;
    j->dst.next_output_byte = j->jpeg;
    j->dst.free_in_buffer = j->jpeg_cap;
}

static boolean dst_grow(j_compress_ptr c)
{
    /* libjpeg calls this with the whole buffer full (free_in_buffer is
       stale then: the contract says the buffer is to be emptied entirely) */
    job *j = dst_job(c);
    size_t used = j->jpeg_cap;
    j->jpeg = gr_realloc(j->jpeg, j->jpeg_cap * 2);
    j->jpeg_cap *= 2;
    j->dst.next_output_byte = j->jpeg + used;
    j->dst.free_in_buffer = j->jpeg_cap - used;
    return TRUE;
}

static void dst_term(j_compress_ptr c)
{
    job *j = dst_job(c);
    j->jpeg_len = j->jpeg_cap - j->dst.free_in_buffer;
}

static void enc_start(job *j)
{
    jpeg_create_compress(&j->enc);
    j->enc.err = &j->err;
    j->enc.client_data = j;
    j->enc_made = 1;
    j->dst.init_destination = dst_init;
    j->dst.empty_output_buffer = dst_grow;
    j->dst.term_destination = dst_term;
    j->enc.dest = &j->dst;
    j->enc.image_width = (JDIMENSION)j->tw;
    j->enc.image_height = (JDIMENSION)j->th;
    j->enc.input_components = j->comps;
    j->enc.in_color_space = j->comps == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&j->enc);
    jpeg_set_quality(&j->enc, PHOTO_QUALITY, TRUE);
    j->enc.dct_method = JDCT_ISLOW;
    j->enc.optimize_coding = TRUE;
    jpeg_start_compress(&j->enc, TRUE);
}

/* ---- decoders (inside the job's setjmp) ------------------------------- */

static void cmyk_to_rgb(const unsigned char *in, unsigned char *out, int w, int inverted)
{
    int x;
    for (x = 0; x < w; x++, in += 4, out += 3) {
        unsigned c = in[0], m = in[1], y = in[2], k = in[3];
        if (!inverted) { c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k; }
        out[0] = (unsigned char)((c * k + 127) / 255);
        out[1] = (unsigned char)((m * k + 127) / 255);
        out[2] = (unsigned char)((y * k + 127) / 255);
    }
}

/* The w x h pixels (c channels) turned upright by Exif orientation o
 * (2..8), newly allocated; *W x *H is the upright size. For each upright
 * pixel (x, y), the stored pixel it shows. */
static unsigned char *turned(const unsigned char *src, int w, int h, int c, int o, int *W, int *H)
{
    int x, y, sx, sy;
    unsigned char *out = gr_malloc((size_t)w * h * c), *d = out;
    *W = GR_ORIENT_SWAPS(o) ? h : w;
    *H = GR_ORIENT_SWAPS(o) ? w : h;
    for (y = 0; y < *H; y++)
        for (x = 0; x < *W; x++, d += c) {
            switch (o) {
            case 2: sx = w - 1 - x; sy = y; break;              /* mirrored */
            case 3: sx = w - 1 - x; sy = h - 1 - y; break;      /* half a turn */
            case 4: sx = x; sy = h - 1 - y; break;              /* upside down, mirrored */
            case 5: sx = y; sy = x; break;                      /* transposed */
            case 6: sx = y; sy = h - 1 - x; break;              /* a quarter clockwise */
            case 7: sx = w - 1 - y; sy = h - 1 - x; break;      /* transversed */
            case 8: sx = w - 1 - y; sy = x; break;              /* a quarter anticlockwise */
            default: sx = x; sy = y; break;
            }
            memcpy(d, src + ((size_t)sy * w + sx) * c, (size_t)c);
        }
    return out;
}

/* Decode at the smallest DCT scale n/8 not below tw x th (stored axes),
 * then resample; with an Exif orientation other than 1 the resampled
 * pixels are kept, turned upright and then encoded (a few hundred rows at
 * 150 ppi of the placed size). */
static void run_jpeg(job *j, const unsigned char *data, size_t len, int tw, int th, int orient)
{
    int n, w, h, cmyk, inverted;
    unsigned char *row, *rgb = NULL;
    jpeg_create_decompress(&j->dec);
    j->dec.err = &j->err;
    j->dec.client_data = j;
    j->dec_made = 1;
    jpeg_mem_src(&j->dec, data, (unsigned long)len);
    jpeg_read_header(&j->dec, TRUE);
    w = (int)j->dec.image_width;
    h = (int)j->dec.image_height;
    for (n = 1; n < 8; n++)
        if ((w * n + 7) / 8 >= tw && (h * n + 7) / 8 >= th) break;
    j->dec.scale_num = (unsigned)n;
    j->dec.scale_denom = 8;
    j->dec.dct_method = JDCT_ISLOW;
    cmyk = j->dec.jpeg_color_space == JCS_CMYK || j->dec.jpeg_color_space == JCS_YCCK;
    j->dec.out_color_space = cmyk ? JCS_CMYK
                           : j->dec.num_components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&j->dec);
    inverted = j->dec.saw_Adobe_marker;
    if (tw > (int)j->dec.output_width) tw = (int)j->dec.output_width;
    if (th > (int)j->dec.output_height) th = (int)j->dec.output_height;
    rs_init(j, (int)j->dec.output_width, (int)j->dec.output_height, tw, th,
            cmyk ? 3 : j->dec.output_components);
    if (orient == 1) enc_start(j);
    else j->raw = gr_malloc((size_t)tw * th * j->comps);
    row = gr_malloc((size_t)j->dec.output_width * (size_t)j->dec.output_components);
    if (cmyk) rgb = gr_malloc((size_t)j->dec.output_width * 3);
    while (j->dec.output_scanline < j->dec.output_height) {
        JSAMPROW r = row;
        jpeg_read_scanlines(&j->dec, &r, 1);
        if (cmyk) cmyk_to_rgb(row, rgb, (int)j->dec.output_width, inverted);
        rs_push(j, cmyk ? rgb : row);
    }
    free(row);
    free(rgb);
    jpeg_finish_decompress(&j->dec);
    if (orient != 1) {
        int W, H, y;
        unsigned char *up = turned(j->raw, j->tw, j->th, j->comps, orient, &W, &H);
        free(j->raw);
        j->raw = up;                  /* the job frees it on any path */
        j->tw = W;
        j->th = H;
        enc_start(j);
        for (y = 0; y < H; y++) {
            JSAMPROW r = up + (size_t)y * W * j->comps;
            jpeg_write_scanlines(&j->enc, &r, 1);
        }
        free(j->raw);                 /* a photo: the JPEG, not Flate */
        j->raw = NULL;
    }
    jpeg_finish_compress(&j->enc);
    j->enc_done = 1;
}

static void run_pixels(job *j, const unsigned char *px, int w, int h, int comps,
                       int tw, int th, int want_jpeg)
{
    int y;
    rs_init(j, w, h, tw, th, comps);
    j->raw = gr_malloc((size_t)tw * th * comps);
    if (want_jpeg) enc_start(j);
    for (y = 0; y < h; y++) rs_push(j, px + (size_t)y * w * comps);
    if (want_jpeg) {
        jpeg_finish_compress(&j->enc);
        j->enc_done = 1;
    }
}

static void job_free(job *j)
{
    if (j->dec_made) jpeg_destroy_decompress(&j->dec);
    if (j->enc_made) jpeg_destroy_compress(&j->enc);
    j->dec_made = j->enc_made = 0;
    rs_free(j);
}

/* ---- one image -------------------------------------------------------- */

/* Target pixels for a placed size (pt): at most GR_IMAGE_PPI, never more
 * than the image has. */
static int target(double pt, int have)
{
    double t = floor(pt / 72.0 * GR_IMAGE_PPI + 1e-6);
    if (!(t >= 1)) t = 1;
    return t < have ? (int)t : have;
}

/* About what the PDF's Flate stream of these pixels will take (the writer
 * deflates raw images at level 6 too); deterministic, as libdeflate is. */
static size_t deflated_size(const unsigned char *p, size_t n)
{
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(FLATE_LEVEL);
    size_t bound, r;
    unsigned char *buf;
    if (!c) return (size_t)-1;           /* no memory: keep the JPEG */
    bound = libdeflate_zlib_compress_bound(c, n);
    buf = gr_malloc(bound);
    r = libdeflate_zlib_compress(c, p, n, buf, bound);
    libdeflate_free_compressor(c);
    free(buf);
    return r ? r : (size_t)-1;
}

static int finish_one(gr_ctx *ctx, loaded_image *li, double pw, double ph)
{
    gr_image *im = &li->im;
    const char *shown = im->name ? im->name : "?";
    unsigned char *data = NULL, *volatile pixels = NULL;
    size_t len = 0;
    /* W x H, tw x th: the upright picture's (as laid out); the stored
       pixels of a quarter-turned JPEG have the axes swapped */
    int W = im->width, H = im->height, tw = target(pw, W), th = target(ph, H);
    int orient = li->orientation >= 1 ? li->orientation : 1;
    int stw = GR_ORIENT_SWAPS(orient) ? th : tw, sth = GR_ORIENT_SWAPS(orient) ? tw : th;
    volatile int rc = GR_OK;
    job *j;
    if (gr_image_read_file(ctx, li->fo_file, li->line, shown, li->real, &data, &len) != GR_OK)
        return GR_EINPUT;
    if (li->format == GR_IMG_JPEG && li->src_components != 4 && tw == W && th == H && orient == 1) {
        jpeg_info ji;
        if (gr_jpeg_parse(data, len, &ji) != GR_M_COUNT || ji.width != W || ji.height != H) {
            free(data);
            return gr_error(ctx, li->fo_file, li->line, GR_TEXT(PHOTO_IMAGE_CHANGED_WHILE_REPORT), shown);
        }
        im->data = data;              /* within 300 ppi, gray or YCbCr: as it is */
        im->len = len;
        im->is_jpeg = 1;
        return GR_OK;
    }
    j = gr_calloc(1, sizeof *j);
    jpeg_std_error(&j->err);
    j->err.error_exit = on_jpeg_error;
    j->err.emit_message = on_jpeg_message;
    if (setjmp(j->jb)) {
        rc = gr_error(ctx, li->fo_file, li->line, GR_TEXT(PHOTO_IMAGE_CANNOT_DECODED_RE), shown, j->msg);
    } else if (li->format == GR_IMG_JPEG) {
        run_jpeg(j, data, len, stw, sth, orient);
    } else {
        png_job pj;
        memset(&pj, 0, sizeof pj);
        pj.data = data;
        pj.len = len;
        if (gr_png_decode(&pj) != 0 || pj.width != W || pj.height != H) {
            free(pj.raw);
            free(pj.rows);
            free(pj.pixels);
            snprintf(j->msg, sizeof j->msg, "%s", pj.msg[0] ? pj.msg : "changed while the report was being made");
            longjmp(j->jb, 1);
        }
        free(pj.raw);
        free(pj.rows);
        pixels = pj.pixels;
        run_pixels(j, pixels, W, H, pj.comps, tw, th, !li->has_alpha);
    }
    free(data);
    free(pixels);
    if (rc == GR_OK) {
        size_t n = (size_t)j->tw * j->th * j->comps;
        int use_jpeg = j->enc_done && (!j->raw || j->jpeg_len < deflated_size(j->raw, n));
        im->width = j->tw;
        im->height = j->th;
        im->components = j->comps;
        im->bits = 8;
        if (use_jpeg) {
            im->data = j->jpeg;
            im->len = j->jpeg_len;
            im->is_jpeg = 1;
            j->jpeg = NULL;
        } else {
            im->data = j->raw;
            im->len = n;
            im->is_jpeg = 0;
            j->raw = NULL;
        }
        if (j->tw < W || j->th < H)
            gr_info(ctx, GR_TEXT(PHOTO_IMAGE_X_PIXELS_RESAMPLED),
                    shown, W, H, im->width, im->height, pw / 72 * 25.4, ph / 72 * 25.4, GR_IMAGE_PPI);
        else if (li->src_components == 4)
            gr_info(ctx, GR_TEXT(PHOTO_IMAGE_CONVERTED_CMYK_RGB), shown);
        if (orient != 1)
            gr_info(ctx, GR_TEXT(PHOTO_IMAGE_TURNED_UPRIGHT), shown, orient);
    }
    job_free(j);
    free(j->jpeg);             /* NULL when handed over */
    free(j->raw);
    free(j);
    return rc;
}

int gr_images_finish(gr_ctx *ctx, gr_doc *doc)
{
    double *pw, *ph;
    size_t i, k;
    int rc = GR_OK;
    if (!doc->nimages) return GR_OK;
    pw = gr_calloc(doc->nimages, sizeof *pw);
    ph = gr_calloc(doc->nimages, sizeof *ph);
    for (i = 0; i < doc->npages; i++) {
        const gr_page *pg = doc->pages[i];
        for (k = 0; k < pg->nitems; k++) {
            const gr_dl_item *it = &pg->items[k];
            const gr_image *im = it->u.image.image;
            if (it->kind != GR_DL_IMAGE || !im || im->id < 0 || (size_t)im->id >= doc->nimages ||
                doc->images[im->id] != im)
                continue;
            if (it->u.image.w > pw[im->id]) pw[im->id] = it->u.image.w;
            if (it->u.image.h > ph[im->id]) ph[im->id] = it->u.image.h;
        }
    }
    for (i = 0; i < doc->nimages && rc == GR_OK; i++) {
        gr_image *im = doc->images[i];
        if (im->data || !(pw[i] > 0) || !(ph[i] > 0)) continue;   /* done, or never placed */
        {
            char zh[64], en[64];
            snprintf(zh, sizeof zh, gr_msg_zh_STAGE_IMAGES, i + 1, doc->nimages);
            snprintf(en, sizeof en, gr_msg_en_STAGE_IMAGES, i + 1, doc->nimages);
            gr_progress(ctx, zh, en, 0);
        }
        rc = finish_one(ctx, (loaded_image *)im, pw[i], ph[i]);
    }
    free(pw);
    free(ph);
    return rc;
}
