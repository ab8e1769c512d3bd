/* image.c — fo:external-graphic: resolving `src` inside the FO file's folder
 * (no network, no absolute paths, no "..", no symlinks leading outside),
 * reading the file within size limits, JPEG header parsing (size,
 * components, density), PNG decoding with libpng to 8-bit gray or RGB with
 * alpha flattened onto white (at layout only to check the file: the pixels
 * are dropped), and the XSL sizing rules shared with SVG charts
 * (gr_graphic_fit). Layout keeps only what an image is (loaded_image,
 * graphics_int.h); photo.c decodes it again, one at a time, once its placed
 * size is known. */
#define _XOPEN_SOURCE 700              /* realpath */
#include "graphics_int.h"
#include "../util/msg.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_DPI 96.0
#define MAX_GRAPHIC_PT 100000.0       /* any side, after sizing */
#define FIT_EPSILON 1e-6

/* ---- src → path inside the base folder ------------------------------- */

static char *trim_copy(const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                     s[n - 1] == '\r'))
        n--;
    return gr_strndup(s, n);
}

/* Remove url( ) and one level of matching quotes. Newly allocated. */
static char *strip_url(const char *src)
{
    char *s = trim_copy(src, strlen(src));
    size_t n = strlen(s);
    if (n >= 5 && strncmp(s, "url(", 4) == 0 && s[n - 1] == ')') {
        char *inner = trim_copy(s + 4, n - 5);
        free(s);
        s = inner;
        n = strlen(s);
    }
    if (n >= 2 && (s[0] == '\'' || s[0] == '"') && s[n - 1] == s[0]) {
        char *inner = gr_strndup(s + 1, n - 2);
        free(s);
        s = inner;
    }
    return s;
}

/* Length of a URI scheme at the start of s ("http" for "http://…"), 0 if
 * there is none. */
static size_t scheme_length(const char *s)
{
    size_t i = 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return 0;
    while (s[i] && s[i] != ':' && s[i] != '/') {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
            return 0;
        i++;
    }
    return s[i] == ':' ? i : 0;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Percent-decoding of a file: URL path in place; -1 on a bad or NUL escape. */
static int percent_decode(char *s)
{
    char *w = s;
    while (*s) {
        if (*s == '%') {
            int hi = hex_value(s[1]), lo = hi >= 0 ? hex_value(s[2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return -1;
            *w++ = (char)(hi * 16 + lo);
            s += 3;
        } else {
            *w++ = *s++;
        }
    }
    *w = 0;
    return 0;
}

static int has_dotdot_component(const char *p)
{
    const char *s = p;
    while (*s) {
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 2 && s[0] == '.' && s[1] == '.')
            return 1;
        if (!e) break;
        s = e + 1;
    }
    return 0;
}

/* 1 if `path` (canonical) is `dir` (canonical) or inside it. */
static int path_inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return 1;
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == 0);
}

/* From the FO `src` to the file to open. On success *shown is the path as
 * the user wrote it (for messages and image names) and *real the canonical
 * path; both newly allocated. */
static int resolve_src(gr_ctx *ctx, const gr_fo_tree *tree, const gr_fo_node *node,
                       int allow_outside, char **shown, char **real)
{
    const char *file = tree->path;
    int line = node->line;
    char *s, *joined, *canon, *base_canon;
    size_t sl;
    *shown = *real = NULL;
    if (!node->p->src || !node->p->src[0])
        return gr_error(ctx, file, line, GR_TEXT(IMAGE_EXTERNAL_GRAPHIC_HAS_SRC));
    s = strip_url(node->p->src);
    sl = scheme_length(s);
    if (sl == 4 && strncmp(s, "file", 4) == 0) {
        char *rest = s + 5;
        if (strncmp(rest, "//", 2) == 0) {
            rest += 2;
            if (strncmp(rest, "localhost/", 10) == 0)
                rest += 9;
            else if (rest[0] != '/') {
                gr_error(ctx, file, line, GR_TEXT(IMAGE_NETWORK_RESOURCES_ARE_ALLOWED), node->p->src);
                free(s);
                return GR_EINPUT;
            }
        }
        memmove(s, rest, strlen(rest) + 1);
        if (percent_decode(s) != 0) {
            gr_error(ctx, file, line, GR_TEXT(IMAGE_INVALID_SCAPE_SRC), node->p->src);
            free(s);
            return GR_EINPUT;
        }
    } else if (sl > 0) {
        gr_error(ctx, file, line, GR_TEXT(IMAGE_NETWORK_RESOURCES_ARE_ALLOWED_2), node->p->src);
        free(s);
        return GR_EINPUT;
    }
    if (!s[0]) {
        free(s);
        return gr_error(ctx, file, line, GR_TEXT(IMAGE_EXTERNAL_GRAPHIC_HAS_EMPTY));
    }
    if (!allow_outside && s[0] == '/') {
        gr_error(ctx, file, line, GR_TEXT(IMAGE_ABSOLUTE_IMAGE_PATHS_ARE), s);
        free(s);
        return GR_EINPUT;
    }
    if (!allow_outside && has_dotdot_component(s)) {
        gr_error(ctx, file, line, GR_TEXT(IMAGE_PATHS_MAY_CONTAIN), s);
        free(s);
        return GR_EINPUT;
    }
    joined = gr_path_join(tree->base_dir ? tree->base_dir : ".", s);
    canon = realpath(joined, NULL);
    free(joined);
    if (!canon) {
        gr_error(ctx, file, line, GR_TEXT(IMAGE_FOUND),
                 s, GR_ERRNO(errno));
        free(s);
        return GR_EINPUT;
    }
    if (!allow_outside) {
        base_canon = realpath(tree->base_dir && tree->base_dir[0] ? tree->base_dir : ".",
                              NULL);
        if (!base_canon || !path_inside(canon, base_canon)) {
            gr_error(ctx, file, line, GR_TEXT(IMAGE_LIES_OUTSIDE_FO_FILE), s);
            free(base_canon);
            free(canon);
            free(s);
            return GR_EINPUT;
        }
        free(base_canon);
    }
    *shown = s;
    *real = canon;
    return GR_OK;
}

/* Read the whole (canonical, symlink-free) file within the size limit; a
 * FIFO, device or folder is refused without blocking (gr_open_input). */
int gr_image_read_file(gr_ctx *ctx, const char *file, int line, const char *shown,
                           const char *real, unsigned char **data, size_t *len)
{
    int fd, rc;
    *data = NULL;
    *len = 0;
    rc = gr_open_input(ctx, real, file, line, shown, &fd);
    if (rc != GR_OK) return rc;
    rc = gr_read_fd(ctx, fd, file, line, shown, MAX_IMAGE_BYTES, (char **)data, len);
    close(fd);
    return rc;
}

/* ---- JPEG headers ---------------------------------------------------- */

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

static void jfif_density(const unsigned char *seg, size_t n, jpeg_info *ji)
{
    unsigned units, xd, yd;
    if (n < 12 || memcmp(seg, "JFIF\0", 5) != 0)
        return;
    units = seg[7];
    xd = be16(seg + 8);
    yd = be16(seg + 10);
    if (xd == 0 || yd == 0)
        return;
    if (units == 1) {
        ji->dpi_x = xd;
        ji->dpi_y = yd;
    } else if (units == 2) {
        ji->dpi_x = xd * 2.54;
        ji->dpi_y = yd * 2.54;
    }
}

/* The Orientation tag (0x0112) of an APP1 Exif segment's first IFD, or 1:
 * "Exif\0\0", then a TIFF header (II or MM, 42, the IFD's offset), then
 * the IFD's entries (tag, type, count, value). Every offset is checked
 * against the segment; anything odd means "as stored". */
static int exif_orientation(const unsigned char *seg, size_t n)
{
    const unsigned char *t;
    size_t tn, ifd, k, count;
    int le;
#define RD16(p) (le ? (unsigned)(p)[0] | (unsigned)(p)[1] << 8 : (unsigned)(p)[0] << 8 | (p)[1])
#define RD32(p) (le ? (size_t)(p)[0] | (size_t)(p)[1] << 8 | (size_t)(p)[2] << 16 | (size_t)(p)[3] << 24 \
                    : (size_t)(p)[0] << 24 | (size_t)(p)[1] << 16 | (size_t)(p)[2] << 8 | (size_t)(p)[3])
    if (n < 6 + 8 || memcmp(seg, "Exif\0\0", 6) != 0) return 1;
    t = seg + 6;
    tn = n - 6;
    if (t[0] == 'I' && t[1] == 'I') le = 1;
    else if (t[0] == 'M' && t[1] == 'M') le = 0;
    else return 1;
    if (RD16(t + 2) != 42) return 1;
    ifd = RD32(t + 4);
    if (ifd < 8 || ifd > tn - 2) return 1;
    count = RD16(t + ifd);
    for (k = 0; k < count; k++) {
        const unsigned char *e = t + ifd + 2 + 12 * k;
        unsigned v;
        if (ifd + 2 + 12 * (k + 1) > tn) return 1;
        if (RD16(e) != 0x0112) continue;
        if (RD16(e + 2) != 3 || RD32(e + 4) != 1) return 1;    /* one SHORT */
        v = RD16(e + 8);
        return v >= 1 && v <= 8 ? (int)v : 1;
    }
    return 1;
#undef RD16
#undef RD32
}

/* Walk the markers up to the first scan. Returns GR_M_COUNT, or why it
 * failed (a JPEG_* entry of the message table). */
gr_msg_id gr_jpeg_parse(const unsigned char *d, size_t len, jpeg_info *ji)
{
    size_t pos = 2;
    int have_sof = 0;
    memset(ji, 0, sizeof *ji);
    ji->dpi_x = ji->dpi_y = DEFAULT_DPI;
    ji->orientation = 1;
    for (;;) {
        unsigned marker, seglen;
        const unsigned char *seg;
        if (pos >= len) return GR_M_JPEG_TRUNCATED;
        if (d[pos] != 0xFF) return GR_M_JPEG_BAD_MARKERS;
        while (pos < len && d[pos] == 0xFF) pos++;
        if (pos >= len) return GR_M_JPEG_TRUNCATED;
        marker = d[pos++];
        if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7))
            continue;
        if (marker == 0xD9) return GR_M_JPEG_NO_IMAGE_DATA;
        if (pos + 2 > len) return GR_M_JPEG_TRUNCATED;
        seglen = be16(d + pos);
        if (seglen < 2) return GR_M_JPEG_BAD_MARKER_LENGTH;
        if (pos + seglen > len) return GR_M_JPEG_TRUNCATED;
        seg = d + pos + 2;
        seglen -= 2;
        if (marker == 0xE0) {
            jfif_density(seg, seglen, ji);
        } else if (marker == 0xE1 && ji->orientation == 1) {
            ji->orientation = exif_orientation(seg, seglen);
        } else if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
            if (seglen < 6) return GR_M_JPEG_BAD_SOF;
            ji->precision = seg[0];
            ji->height = (int)be16(seg + 1);
            ji->width = (int)be16(seg + 3);
            ji->components = seg[5];
            if (seglen < 6 + 3u * seg[5]) return GR_M_JPEG_BAD_SOF;
            have_sof = 1;
        } else if ((marker >= 0xC3 && marker <= 0xCF) && marker != 0xC4 &&
                   marker != 0xC8 && marker != 0xCC) {
            return GR_M_JPEG_CODING;
        } else if (marker == 0xDA) {
            if (!have_sof) return GR_M_JPEG_NO_SOF;
            break;
        }
        pos += 2 + seglen;
    }
    /* the end-of-image marker must be there: a cut-off file is refused */
    {
        size_t i = len;
        while (i > pos + 1 && !(d[i - 2] == 0xFF && d[i - 1] == 0xD9))
            i--;
        if (i <= pos + 1) return GR_M_JPEG_NO_END;
    }
    if (ji->precision != 8)
        return GR_M_JPEG_NOT_8BIT;
    if (ji->components != 1 && ji->components != 3 && ji->components != 4)
        return GR_M_JPEG_COMPONENTS;
    if (ji->width == 0 || ji->height == 0)
        return GR_M_JPEG_ZERO_SIZE;
    return GR_M_COUNT;
}

/* ---- PNG decoding ---------------------------------------------------- */

static void png_read_cb(png_structp png, png_bytep out, size_t n)
{
    png_job *j = png_get_io_ptr(png);
    if (n > j->len - j->pos)
        png_error(png, "truncated file");
    memcpy(out, j->data + j->pos, n);
    j->pos += n;
}

static void png_error_cb(png_structp png, png_const_charp msg)
{
    png_job *j = png_get_error_ptr(png);
    snprintf(j->msg, sizeof j->msg, "%s", msg ? msg : "error");
    png_longjmp(png, 1);
}

static void png_warning_cb(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;                 /* ancillary-chunk problems: not the user's */
}

static unsigned char blend_on_white(unsigned c, unsigned a)
{
    return (unsigned char)((c * a + 255u * (255u - a) + 127u) / 255u);
}

/* One decoded row of `channels` (1..4) to gray or RGB without alpha. */
static void flatten_row(const unsigned char *in, unsigned char *out, int width,
                        int channels)
{
    int x;
    for (x = 0; x < width; x++) {
        const unsigned char *p = in + (size_t)x * channels;
        switch (channels) {
        case 1: out[x] = p[0]; break;
        case 2: out[x] = blend_on_white(p[0], p[1]); break;
        case 3: memcpy(out + 3 * (size_t)x, p, 3); break;
        default:
            out[3 * (size_t)x] = blend_on_white(p[0], p[3]);
            out[3 * (size_t)x + 1] = blend_on_white(p[1], p[3]);
            out[3 * (size_t)x + 2] = blend_on_white(p[2], p[3]);
            break;
        }
    }
}

static void png_decode_body(png_structp png, png_infop info, png_job *j)
{
    png_uint_32 w, h, rx, ry;
    int depth, ctype, interlace, unit, passes, channels, y;
    size_t rowbytes, outrow;
    png_set_read_fn(png, j, png_read_cb);
    png_set_user_limits(png, MAX_IMAGE_PIXELS, MAX_IMAGE_PIXELS);
    png_read_info(png, info);
    png_get_IHDR(png, info, &w, &h, &depth, &ctype, &interlace, NULL, NULL);
    j->dpi_x = j->dpi_y = DEFAULT_DPI;
    if (png_get_pHYs(png, info, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER &&
        rx > 0 && ry > 0) {
        j->dpi_x = rx * 0.0254;
        j->dpi_y = ry * 0.0254;
    }
    png_set_expand(png);              /* palette, low-depth gray, tRNS → alpha */
    png_set_scale_16(png);
    passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    channels = png_get_channels(png, info);
    rowbytes = png_get_rowbytes(png, info);
    j->has_alpha = channels == 2 || channels == 4;
    if (channels < 1 || channels > 4 || png_get_bit_depth(png, info) != 8 ||
        rowbytes != (size_t)w * channels)
        png_error(png, "unexpected pixel layout");
    j->width = (int)w;
    j->height = (int)h;
    j->comps = channels >= 3 ? 3 : 1;
    outrow = (size_t)w * j->comps;
    if (outrow * h > GR_IMAGE_DECODE_BUDGET)
        png_error(png, "too many pixels to decode within the memory budget");
    /* big buffers with plain malloc: a failure is the image's error */
    j->pixels = malloc(outrow * h);
    if (!j->pixels)
        png_error(png, "not enough memory for the image");
    if (passes == 1) {
        j->raw = gr_malloc(rowbytes);
        for (y = 0; y < (int)h; y++) {
            png_read_row(png, j->raw, NULL);
            flatten_row(j->raw, j->pixels + outrow * y, (int)w, channels);
        }
    } else {
        j->raw = malloc(rowbytes * h);
        j->rows = malloc(sizeof *j->rows * h);
        if (!j->raw || !j->rows)
            png_error(png, "not enough memory for the image");
        for (y = 0; y < (int)h; y++)
            j->rows[y] = j->raw + rowbytes * y;
        png_read_image(png, j->rows);
        for (y = 0; y < (int)h; y++)
            flatten_row(j->rows[y], j->pixels + outrow * y, (int)w, channels);
    }
}

/* 0 on success (j->pixels etc. filled), -1 with j->msg. The caller frees
 * j->pixels, j->raw and j->rows in both cases. */
int gr_png_decode(png_job *j)
{
    png_structp png;
    png_infop info;
    png = png_create_read_struct(PNG_LIBPNG_VER_STRING, j, png_error_cb,
                                 png_warning_cb);
    if (!png) {
        snprintf(j->msg, sizeof j->msg, "libpng initialisation failed");
        return -1;
    }
    info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        snprintf(j->msg, sizeof j->msg, "libpng initialisation failed");
        return -1;
    }
    /* png and info are not modified between here and a longjmp */
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        return -1;
    }
    png_decode_body(png, info, j);
    png_destroy_read_struct(&png, &info, NULL);
    return 0;
}

/* ---- building the gr_image ------------------------------------------- */

static int load_jpeg(gr_ctx *ctx, const char *file, int line, const char *shown,
                     unsigned char *data, size_t len, loaded_image **out)
{
    jpeg_info ji;
    gr_msg_id why = gr_jpeg_parse(data, len, &ji);
    loaded_image *li;
    gr_image *im;
    if (why != GR_M_COUNT) {
        gr_error(ctx, file, line, GR_TEXT(IMAGE_JPEG_IMAGE_CANNOT_USED), shown, GR_PAIR(why));
        free(data);
        return GR_EINPUT;
    }
    if (ji.width > MAX_IMAGE_PIXELS || ji.height > MAX_IMAGE_PIXELS) {
        gr_error(ctx, file, line, GR_TEXT(IMAGE_TOO_LARGE_X_PIXELS),
                 shown, ji.width, ji.height, MAX_IMAGE_PIXELS);
        free(data);
        return GR_EINPUT;
    }
    li = gr_calloc(1, sizeof *li);
    im = &li->im;
    im->is_jpeg = 1;
    im->components = ji.components == 1 ? 1 : 3;   /* CMYK/YCCK become RGB */
    im->bits = 8;
    free(data);                       /* photo.c reads it again when placed */
    li->format = GR_IMG_JPEG;
    li->src_components = ji.components;
    li->orientation = ji.orientation;
    /* laid out upright, as the phone and Word show it (photo.c turns it) */
    im->width = GR_ORIENT_SWAPS(ji.orientation) ? ji.height : ji.width;
    im->height = GR_ORIENT_SWAPS(ji.orientation) ? ji.width : ji.height;
    li->dpi_x = GR_ORIENT_SWAPS(ji.orientation) ? ji.dpi_y : ji.dpi_x;
    li->dpi_y = GR_ORIENT_SWAPS(ji.orientation) ? ji.dpi_x : ji.dpi_y;
    *out = li;
    return GR_OK;
}

static int load_png(gr_ctx *ctx, const char *file, int line, const char *shown,
                    unsigned char *data, size_t len, loaded_image **out)
{
    png_job j;
    loaded_image *li;
    gr_image *im;
    int rc;
    memset(&j, 0, sizeof j);
    j.data = data;
    j.len = len;
    /* the size from IHDR, judged before anything is decoded */
    if (len >= 24 && memcmp(data + 12, "IHDR", 4) == 0) {
        unsigned long w = (unsigned long)data[16] << 24 | (unsigned long)data[17] << 16 |
                          (unsigned long)data[18] << 8 | data[19];
        unsigned long h = (unsigned long)data[20] << 24 | (unsigned long)data[21] << 16 |
                          (unsigned long)data[22] << 8 | data[23];
        /* decoded: RGB(A) rows; the interlaced path holds a second copy */
        unsigned long long need = (unsigned long long)w * h * 4;
        if (w > MAX_IMAGE_PIXELS || h > MAX_IMAGE_PIXELS) {
            free(data);
            return gr_error(ctx, file, line, GR_TEXT(IMAGE_TOO_LARGE_X_PIXELS_2),
                            shown, w, h, MAX_IMAGE_PIXELS);
        }
        if (need > GR_IMAGE_DECODE_BUDGET) {
            free(data);
            return gr_error(ctx, file, line, GR_TEXT(IMAGE_TOO_LARGE_X_PIXELS_3),
                            shown, w, h, need >> 20, GR_IMAGE_DECODE_BUDGET >> 20);
        }
        if (gr_image_budget_take(ctx, (size_t)need) != GR_OK) {
            free(data);
            return gr_error(ctx, file, line, GR_TEXT(IMAGE_EXCEEDS_DOCUMENT_S_MEMORY),
                            shown, ctx->image_budget >> 20);
        }
    }
    rc = gr_png_decode(&j);            /* the whole file is checked now */
    free(j.raw);
    free(j.rows);
    free(data);
    free(j.pixels);                    /* photo.c decodes it again when placed */
    j.pixels = NULL;
    if (rc != 0) {
        return gr_error(ctx, file, line, GR_TEXT(IMAGE_PNG_IMAGE_CORRUPT_CANNOT),
                        shown, j.msg);
    }
    li = gr_calloc(1, sizeof *li);
    im = &li->im;
    im->is_jpeg = 0;
    im->width = j.width;
    im->height = j.height;
    im->components = j.comps;
    im->bits = 8;
    li->format = GR_IMG_PNG;
    li->src_components = j.comps;
    li->has_alpha = j.has_alpha;
    li->dpi_x = j.dpi_x;
    li->dpi_y = j.dpi_y;
    *out = li;
    return GR_OK;
}

static int load_image(gr_ctx *ctx, const char *file, int line, const char *shown,
                      const char *real, loaded_image **out)
{
    static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };
    unsigned char *data;
    size_t len;
    int rc = gr_image_read_file(ctx, file, line, shown, real, &data, &len);
    if (rc != GR_OK)
        return rc;
    if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        return load_jpeg(ctx, file, line, shown, data, len, out);
    if (len >= 8 && memcmp(data, png_sig, 8) == 0)
        return load_png(ctx, file, line, shown, data, len, out);
    free(data);
    return gr_error(ctx, file, line, GR_TEXT(IMAGE_NEITHER_JPEG_NOR_PNG),
                    shown);
}

/* ---- sizing (XSL 1.1 §6.6.5, §7.15.3–4, §7.15.12) --------------------- */

typedef struct axis {
    int vset;        double v;     /* viewport (width/height) given */
    int cset;        double c;     /* content size given as a length */
    int fit;                       /* GR_FIT_*: content-* = scale-…-to-fit */
} axis;

/* width/height and content-width/-height of one axis. Percentages of the
 * viewport width refer to avail_w; of the height, to nothing known here
 * (ignored with a warning). Content percentages refer to the intrinsic size. */
static void read_axis(gr_ctx *ctx, const char *file, int line, gr_len vp,
                      gr_len content, int fit, double intrinsic, double avail,
                      int is_width, axis *a)
{
    memset(a, 0, sizeof *a);
    if (vp.unit == GR_LEN_PT) {
        a->vset = 1;
        a->v = vp.v;
    } else if (vp.unit == GR_LEN_PCT) {
        if (is_width && avail > 0) {
            a->vset = 1;
            a->v = avail * vp.v / 100.0;
        } else {
            gr_warn(ctx, file, line, GR_TEXT(IMAGE_PERCENTAGE_GRAPHIC_CANNOT_RESOLVED),
                    is_width ? "width" : "height");
        }
    }
    if (content.unit == GR_LEN_PT) {
        a->cset = 1;
        a->c = content.v;
    } else if (content.unit == GR_LEN_PCT) {
        a->cset = 1;
        a->c = intrinsic * content.v / 100.0;
    } else {
        a->fit = fit;
    }
}

/* Scale factor an axis asks for, or -1 when it leaves it free. `target`
 * is the size to fit (0: unknown). */
static double axis_scale(const axis *a, double intrinsic, double target)
{
    double s;
    if (a->cset)
        return a->c >= 0 ? a->c / intrinsic : 0;   /* negative: refused below */
    if (a->fit == GR_FIT_NONE || !(target > 0))
        return -1;
    s = target / intrinsic;
    if (a->fit == GR_FIT_DOWN && s > 1) s = 1;
    if (a->fit == GR_FIT_UP && s < 1) s = 1;
    return s;
}

static double align_offset(double room, int where_center, int where_end)
{
    if (room <= 0) return 0;
    if (where_center) return room / 2;
    if (where_end) return room;
    return 0;
}

int gr_graphic_fit(gr_ctx *ctx, const gr_fo_tree *tree, const gr_fo_node *node,
                   double iw, double ih, double avail_w, const char *what,
                   gr_fit *out)
{
    const char *file = tree->path;
    int line = node->line;
    const gr_fo_props *p = node->p;
    axis ax, ay;
    double sx, sy, cw, ch, vw, vh;
    memset(out, 0, sizeof *out);
    if (!(iw > 0) || !(ih > 0) || !isfinite(iw) || !isfinite(ih))
        return gr_error(ctx, file, line, GR_TEXT(IMAGE_HAS_ZERO_INVALID_SIZE),
                        what);
    read_axis(ctx, file, line, p->width, p->content_width, p->content_width_fit,
              iw, avail_w, 1, &ax);
    read_axis(ctx, file, line, p->height, p->content_height, p->content_height_fit,
              ih, 0, 0, &ay);
    /* fitting the width with no width given: fit the line */
    sx = axis_scale(&ax, iw, ax.vset ? ax.v : avail_w);
    sy = axis_scale(&ay, ih, ay.vset ? ay.v : 0);
    if (p->scaling_uniform) {
        if (sx >= 0 && sy >= 0) sx = sy = sx < sy ? sx : sy;
        else if (sx >= 0) sy = sx;
        else if (sy >= 0) sx = sy;
        else sx = sy = 1;
    } else {
        if (sx < 0) sx = 1;
        if (sy < 0) sy = 1;
    }
    cw = iw * sx;
    ch = ih * sy;
    vw = ax.vset ? ax.v : cw;
    vh = ay.vset ? ay.v : ch;
    if (!(vw > 0) || !(vh > 0) || !(cw > 0) || !(ch > 0))
        return gr_error(ctx, file, line, GR_TEXT(IMAGE_WIDTH_HEIGHT_CONTENT_WIDTH), what);
    if (cw > vw + FIT_EPSILON || ch > vh + FIT_EPSILON) {
        /* no clipping in the display list: shrink the content into the box */
        double fx = vw / cw, fy = vh / ch;
        gr_warn(ctx, file, line, GR_TEXT(IMAGE_CONTENT_LARGER_THAN_WIDTH), what);
        if (p->scaling_uniform) {
            double f = fx < fy ? fx : fy;
            if (f > 1) f = 1;
            cw *= f;
            ch *= f;
        } else {
            if (fx < 1) cw *= fx;
            if (fy < 1) ch *= fy;
        }
    }
    if (avail_w > 0 && vw > avail_w + FIT_EPSILON) {
        double f = avail_w / vw;
        gr_warn(ctx, file, line, GR_TEXT(IMAGE_PT_WIDE_MORE_THAN),
                what, vw, avail_w);
        vw *= f; vh *= f; cw *= f; ch *= f;
    }
    if (vw > MAX_GRAPHIC_PT || vh > MAX_GRAPHIC_PT)
        return gr_error(ctx, file, line, GR_TEXT(IMAGE_TOO_LARGE_PT_X), what, vw, vh);
    out->vw = vw;
    out->vh = vh;
    out->cw = cw;
    out->ch = ch;
    out->cx = align_offset(vw - cw, p->text_align == GR_ALIGN_CENTER,
                           p->text_align == GR_ALIGN_END);
    out->cy = align_offset(vh - ch, p->display_align == GR_DALIGN_CENTER,
                           p->display_align == GR_DALIGN_AFTER);
    return GR_OK;
}

/* ---- fo:external-graphic --------------------------------------------- */

static loaded_image *find_loaded(gr_doc *doc, const char *name)
{
    size_t i;
    for (i = 0; i < doc->nimages; i++)
        if (doc->images[i]->name && strcmp(doc->images[i]->name, name) == 0)
            return (loaded_image *)doc->images[i];
    return NULL;
}

static void doc_add_image(gr_doc *doc, gr_image *im)
{
    doc->images = gr_grow(doc->images, &doc->imgcap, doc->nimages + 1,
                          sizeof *doc->images);
    im->id = (int)doc->nimages;
    doc->images[doc->nimages++] = im;
}

static gr_graphic *graphic_from_image(gr_ctx *ctx, gr_doc *doc, const gr_fo_tree *tree,
                                      const gr_fo_node *node, double avail_w,
                                      loaded_image *li)
{
    gr_fit fit;
    gr_graphic *g;
    gr_image *im = &li->im;
    double iw = im->width * 72.0 / li->dpi_x, ih = im->height * 72.0 / li->dpi_y;
    if (gr_graphic_fit(ctx, tree, node, iw, ih, avail_w, "fo:external-graphic",
                       &fit) != GR_OK)
        return NULL;
    g = gr_arena_alloc(doc->arena, sizeof *g);
    g->width = fit.vw;
    g->height = fit.vh;
    g->src = im->name;
    if (fit.cw > 0 && im->width * 72.0 / fit.cw < GR_IMAGE_MIN_PPI - 0.5) {
        /* placed larger than its pixels can print sharply, whatever density
           its file declares (phones and the web write 72 dpi: a 300x200
           picture "reduced" from its declared 106 mm to 82 mm is 93 ppi) */
        gr_warn(ctx, tree->path, node->line,
                GR_TEXT(IMAGE_ENLARGED_LOW_PPI),
                im->name ? im->name : "", im->width, im->height, fit.cw / 72 * 25.4,
                fit.ch / 72 * 25.4, im->width * 72.0 / fit.cw, GR_IMAGE_MIN_PPI);
    }
    if (fabs(fit.cx) < FIT_EPSILON && fabs(fit.cy) < FIT_EPSILON &&
        fabs(fit.cw - fit.vw) < FIT_EPSILON && fabs(fit.ch - fit.vh) < FIT_EPSILON) {
        g->image = im;                    /* drawn over the whole box */
    } else {
        gr_dl_item *it = gr_arena_alloc(doc->arena, sizeof *it);
        it->kind = GR_DL_IMAGE;
        it->u.image.x = fit.cx;
        it->u.image.y = fit.cy;
        it->u.image.w = fit.cw;
        it->u.image.h = fit.ch;
        it->u.image.image = im;
        g->items = it;
        g->nitems = 1;
    }
    return g;
}

gr_graphic *gr_graphic_external(gr_ctx *ctx, gr_doc *doc, const gr_fo_tree *tree,
                                const gr_fo_node *node, double avail_w,
                                int allow_outside)
{
    char *shown, *real;
    loaded_image *li;
    int rc;
    if (resolve_src(ctx, tree, node, allow_outside, &shown, &real) != GR_OK)
        return NULL;
    li = find_loaded(doc, shown);          /* the same file again: no reload */
    if (!li) {
        rc = load_image(ctx, tree->path, node->line, shown, real, &li);
        if (rc != GR_OK) {
            free(shown);
            free(real);
            return NULL;
        }
        li->im.name = shown;
        shown = NULL;
        li->real = gr_arena_strdup(doc->arena, real);
        li->fo_file = gr_arena_strdup(doc->arena, tree->path ? tree->path : "");
        li->line = node->line;
        doc_add_image(doc, &li->im);
    }
    free(shown);
    free(real);
    return graphic_from_image(ctx, doc, tree, node, avail_w, li);
}
