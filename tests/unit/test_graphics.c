/* test_graphics.c — unit tests of generator/graphics: PNG decoding (alpha
 * flattened onto white, palette, 16-bit, gray+alpha, low depth, interlaced,
 * corrupt and truncated files), JPEG header reading, path confinement,
 * XSL sizing, placement on a page, the SVG path parser and arcs, and SVG
 * charts turned into display-list items (with Chinese text through the real
 * font chain when fonts are available). Prints "N passed, M failed".
 *
 * Build: `make build/unit/test_graphics`, or gcc with the Makefile's flags
 * over this file and the .c files of generator/util, generator/text,
 * generator/layout/dlist.c and generator/graphics (-lpng -licuuc -lm).
 * Run from the repository root (fonts/ is found there, or set GR_FONTS_DIR).
 */
#define _XOPEN_SOURCE 700              /* mkdtemp, symlink, open_memstream */
#include "graphics/graphics_int.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

/* How many times `what` occurs in s. */
static int count_of(const char *s, const char *what)
{
    int n = 0;
    const char *p = s;
    while ((p = strstr(p, what))) { n++; p += strlen(what); }
    return n;
}

#define NEAR(a, b, eps) (fabs((a) - (b)) <= (eps))

/* ---- message capture ------------------------------------------------- */

typedef struct capture {
    gr_ctx ctx;
    char *buf;
    size_t len;
    FILE *f;
} capture;

static void cap_begin(capture *c)
{
    gr_ctx_init(&c->ctx);
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    c->ctx.err_stream = c->f;
}

/* The messages so far (valid until cap_end). */
static const char *cap_text(capture *c)
{
    fflush(c->f);
    return c->buf ? c->buf : "";
}

static void cap_end(capture *c)
{
    fclose(c->f);
    free(c->buf);
    c->buf = NULL;
}

/* ---- files ----------------------------------------------------------- */

static char tmp_root[512];
static char base_dir[600], outside_dir[600];

static void path_in(char *out, size_t n, const char *dir, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

static void write_bytes(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); exit(2); }
    fwrite(data, 1, len, f);
    fclose(f);
}

static unsigned char *read_bytes(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *b;
    long n;
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    b = malloc((size_t)n + 1);
    *len = fread(b, 1, (size_t)n, f);
    fclose(f);
    return b;
}

typedef struct png_spec {
    int w, h, ctype, depth, interlace;
    const unsigned char *pixels;     /* packed rows */
    const png_color *palette;
    int npalette;
    const unsigned char *trns;
    int ntrns;
    unsigned ppm;                    /* pHYs pixels per metre, 0 = none */
} png_spec;

static int png_channels_of(int ctype)
{
    switch (ctype) {
    case PNG_COLOR_TYPE_GRAY: case PNG_COLOR_TYPE_PALETTE: return 1;
    case PNG_COLOR_TYPE_GRAY_ALPHA: return 2;
    case PNG_COLOR_TYPE_RGB: return 3;
    default: return 4;
    }
}

static void write_png(const char *path, const png_spec *s)
{
    FILE *f = fopen(path, "wb");
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    size_t rowbytes = ((size_t)s->w * png_channels_of(s->ctype) * s->depth + 7) / 8;
    int y, pass, npasses;
    if (!f || !png || !info || setjmp(png_jmpbuf(png))) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(2);
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)s->w, (png_uint_32)s->h, s->depth, s->ctype,
                 s->interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (s->palette)
        png_set_PLTE(png, info, s->palette, s->npalette);
    if (s->trns)
        png_set_tRNS(png, info, s->trns, s->ntrns, NULL);
    if (s->ppm)
        png_set_pHYs(png, info, s->ppm, s->ppm, PNG_RESOLUTION_METER);
    png_write_info(png, info);
    npasses = s->interlace ? png_set_interlace_handling(png) : 1;
    for (pass = 0; pass < npasses; pass++)
        for (y = 0; y < s->h; y++)
            png_write_row(png, s->pixels + rowbytes * y);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    fclose(f);
}

/* ---- fake FO nodes ---------------------------------------------------- */

static gr_fo_tree the_tree;

/* Fake nodes own writable properties (real ones share immutable sets). */
#define MAX_FAKE_PROPS 256
static gr_fo_props fake_props[MAX_FAKE_PROPS];
static int nfake_props;

static gr_fo_props *W(gr_fo_node *n) { return (gr_fo_props *)n->p; }

static void node_init(gr_fo_node *n, gr_fo_type type, int line)
{
    memset(n, 0, sizeof *n);
    n->type = type;
    n->line = line;
    n->p = &fake_props[nfake_props++ % MAX_FAKE_PROPS];
    memset(W(n), 0, sizeof *W(n));
    W(n)->scaling_uniform = 1;
    W(n)->font_size = 12;
    W(n)->font_weight = 400;
}

static void graphic_node(gr_fo_node *n, const char *src, int line)
{
    node_init(n, GR_FO_EXTERNAL_GRAPHIC, line);
    W(n)->src = src;
}

static gr_len pt(double v) { gr_len l; l.v = v; l.unit = GR_LEN_PT; return l; }
static gr_len pct(double v) { gr_len l; l.v = v; l.unit = GR_LEN_PCT; return l; }

/* Two small JPEGs made with libjpeg for this test: 16x8 RGB baseline at
 * 150 dpi, and 8x4 gray progressive at 72 dpi. */
static const unsigned char jpeg_rgb150[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01,
  0x01, 0x01, 0x00, 0x96, 0x00, 0x96, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43,
  0x00, 0x1b, 0x12, 0x14, 0x17, 0x14, 0x11, 0x1b, 0x17, 0x16, 0x17, 0x1e,
  0x1c, 0x1b, 0x20, 0x28, 0x42, 0x2b, 0x28, 0x25, 0x25, 0x28, 0x51, 0x3a,
  0x3d, 0x30, 0x42, 0x60, 0x55, 0x65, 0x64, 0x5f, 0x55, 0x5d, 0x5b, 0x6a,
  0x78, 0x99, 0x81, 0x6a, 0x71, 0x90, 0x73, 0x5b, 0x5d, 0x85, 0xb5, 0x86,
  0x90, 0x9e, 0xa3, 0xab, 0xad, 0xab, 0x67, 0x80, 0xbc, 0xc9, 0xba, 0xa6,
  0xc7, 0x99, 0xa8, 0xab, 0xa4, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x1c, 0x1e,
  0x1e, 0x28, 0x23, 0x28, 0x4e, 0x2b, 0x2b, 0x4e, 0xa4, 0x6e, 0x5d, 0x6e,
  0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4,
  0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4,
  0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4,
  0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4,
  0xa4, 0xa4, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x08, 0x00, 0x10, 0x03,
  0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xc4, 0x00,
  0x15, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xff, 0xc4, 0x00, 0x1e,
  0x10, 0x00, 0x02, 0x01, 0x03, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x03, 0x04, 0x05, 0x11,
  0x21, 0x31, 0x91, 0xb1, 0xff, 0xc4, 0x00, 0x14, 0x01, 0x01, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x01, 0xff, 0xc4, 0x00, 0x16, 0x11, 0x01, 0x01, 0x01, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x01, 0x41, 0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03,
  0x11, 0x00, 0x3f, 0x00, 0x93, 0x14, 0x9c, 0x4a, 0xb3, 0xac, 0x0b, 0xda,
  0x52, 0x07, 0x70, 0x19, 0x88, 0xeb, 0x4f, 0x0c, 0x44, 0x69, 0x9a, 0xff,
  0xd9
};

static const unsigned char jpeg_gray_progressive[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01,
  0x01, 0x01, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43,
  0x00, 0x1b, 0x12, 0x14, 0x17, 0x14, 0x11, 0x1b, 0x17, 0x16, 0x17, 0x1e,
  0x1c, 0x1b, 0x20, 0x28, 0x42, 0x2b, 0x28, 0x25, 0x25, 0x28, 0x51, 0x3a,
  0x3d, 0x30, 0x42, 0x60, 0x55, 0x65, 0x64, 0x5f, 0x55, 0x5d, 0x5b, 0x6a,
  0x78, 0x99, 0x81, 0x6a, 0x71, 0x90, 0x73, 0x5b, 0x5d, 0x85, 0xb5, 0x86,
  0x90, 0x9e, 0xa3, 0xab, 0xad, 0xab, 0x67, 0x80, 0xbc, 0xc9, 0xba, 0xa6,
  0xc7, 0x99, 0xa8, 0xab, 0xa4, 0xff, 0xc2, 0x00, 0x0b, 0x08, 0x00, 0x04,
  0x00, 0x08, 0x01, 0x01, 0x11, 0x00, 0xff, 0xc4, 0x00, 0x14, 0x00, 0x01,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x04, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00,
  0x00, 0x01, 0x07, 0xff, 0xc4, 0x00, 0x15, 0x10, 0x01, 0x01, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x01, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x01, 0x05, 0x02,
  0x8f, 0xff, 0xc4, 0x00, 0x14, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff,
  0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x06, 0x3f, 0x02, 0x7f, 0xff, 0xc4,
  0x00, 0x14, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xda, 0x00, 0x08,
  0x01, 0x01, 0x00, 0x01, 0x3f, 0x21, 0x7f, 0xff, 0xda, 0x00, 0x08, 0x01,
  0x01, 0x00, 0x00, 0x00, 0x10, 0xff, 0x00, 0xff, 0xc4, 0x00, 0x15, 0x10,
  0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01,
  0x00, 0x01, 0x3f, 0x10, 0x25, 0xff, 0xd9
};

/* ---- PNG -------------------------------------------------------------- */

static gr_graphic *load(gr_doc *doc, capture *c, const char *src, int allow_outside,
                        gr_fo_node *n)
{
    gr_fo_node local;
    if (!n) {
        n = &local;
        graphic_node(n, src, 7);
    }
    {
        /* placed on a page at its own size, then made fit for the PDF as
           after layout (photo.c): the image's data is filled in here */
        gr_graphic *g = gr_graphic_external(&c->ctx, doc, &the_tree, n, 500, allow_outside);
        if (g && (g->image || g->nitems)) {
            gr_page *pg = gr_doc_add_page(doc, 600, 800);
            gr_page_add_graphic(doc, pg, g, 0, 0);
            if (gr_images_finish(&c->ctx, doc) != GR_OK) return NULL;
        }
        return g;
    }
}

static void test_png_rgba(void)
{
    /* red opaque, blue fully transparent, black half transparent;
       second row: green opaque, white opaque, gray opaque */
    static const unsigned char px[] = {
        255, 0, 0, 255,   0, 0, 255, 0,     0, 0, 0, 128,
        0, 255, 0, 255,   255, 255, 255, 255, 100, 100, 100, 255 };
    png_spec s = { 3, 2, PNG_COLOR_TYPE_RGB_ALPHA, 8, 0, px, NULL, 0, NULL, 0, 11811 };
    char path[700];
    capture c;
    gr_doc *doc = gr_doc_new();
    gr_graphic *g;
    path_in(path, sizeof path, base_dir, "rgba.png");
    write_png(path, &s);
    cap_begin(&c);
    g = load(doc, &c, "rgba.png", 0, NULL);
    CHECK(g != NULL, "RGBA PNG loads: %s", cap_text(&c));
    if (g) {
        gr_image *im = g->image;
        CHECK(im && !im->is_jpeg && im->components == 3 && im->bits == 8,
              "RGBA PNG becomes 8-bit RGB without alpha");
        CHECK(im && im->width == 3 && im->height == 2 && im->len == 18, "RGBA size");
        if (im && im->len == 18) {
            const unsigned char *d = im->data;
            CHECK(d[0] == 255 && d[1] == 0 && d[2] == 0, "opaque red kept");
            CHECK(d[3] == 255 && d[4] == 255 && d[5] == 255,
                  "transparent pixel is white: %d %d %d", d[3], d[4], d[5]);
            CHECK(d[6] == 127 && d[7] == 127 && d[8] == 127,
                  "half-transparent black is mid gray: %d", d[6]);
            CHECK(d[15] == 100 && d[16] == 100 && d[17] == 100, "opaque gray kept");
        }
        /* 11811 px/m = 300 dpi: 3 px = 0.72 pt */
        CHECK(NEAR(g->width, 0.72, 1e-3) && NEAR(g->height, 0.48, 1e-3),
              "pHYs density: %g x %g pt", g->width, g->height);
        CHECK(doc->nimages == 1 && doc->images[0] == im && im->id == 0, "image joins doc");
        CHECK(im && im->name && strcmp(im->name, "rgba.png") == 0, "image name is the src");
    }
    CHECK(c.ctx.nerrors == 0 && c.ctx.nwarnings == 0, "no messages: %s", cap_text(&c));
    cap_end(&c);
    gr_doc_free(doc);
}

static void test_png_palette_trns(void)
{
    static const png_color pal[3] = { { 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 } };
    static const unsigned char trns[2] = { 255, 0 };   /* green transparent */
    static const unsigned char px[] = { 0, 1, 2 };
    png_spec s = { 3, 1, PNG_COLOR_TYPE_PALETTE, 8, 0, px, pal, 3, trns, 2, 0 };
    char path[700];
    capture c;
    gr_doc *doc = gr_doc_new();
    gr_graphic *g;
    path_in(path, sizeof path, base_dir, "pal.png");
    write_png(path, &s);
    cap_begin(&c);
    g = load(doc, &c, "pal.png", 0, NULL);
    CHECK(g && g->image && g->image->components == 3 && g->image->len == 9,
          "palette PNG → RGB: %s", cap_text(&c));
    if (g && g->image && g->image->len == 9) {
        const unsigned char *d = g->image->data;
        CHECK(d[0] == 255 && d[1] == 0 && d[2] == 0, "palette red");
        CHECK(d[3] == 255 && d[4] == 255 && d[5] == 255, "tRNS-transparent entry is white");
        CHECK(d[6] == 0 && d[7] == 0 && d[8] == 255, "palette blue");
        /* no pHYs: 96 dpi → 3 px = 2.25 pt */
        CHECK(NEAR(g->width, 2.25, 1e-9) && NEAR(g->height, 0.75, 1e-9),
              "96 dpi default: %g x %g", g->width, g->height);
    }
    cap_end(&c);
    gr_doc_free(doc);
}

static void test_png_gray_kinds(void)
{
    static const unsigned char g16[] = { 0xFF, 0xFF, 0x80, 0x80, 0x00, 0x00 };
    static const unsigned char ga[] = { 0, 0, 0, 255, 200, 255 };
    static const unsigned char g1[] = { 0xA5 };            /* 10100101 */
    png_spec s16 = { 3, 1, PNG_COLOR_TYPE_GRAY, 16, 0, g16, NULL, 0, NULL, 0, 0 };
    png_spec sga = { 3, 1, PNG_COLOR_TYPE_GRAY_ALPHA, 8, 0, ga, NULL, 0, NULL, 0, 0 };
    png_spec s1 = { 8, 1, PNG_COLOR_TYPE_GRAY, 1, 0, g1, NULL, 0, NULL, 0, 0 };
    char path[700];
    capture c;
    gr_doc *doc = gr_doc_new();
    gr_graphic *g;
    cap_begin(&c);
    path_in(path, sizeof path, base_dir, "g16.png");
    write_png(path, &s16);
    g = load(doc, &c, "g16.png", 0, NULL);
    CHECK(g && g->image && g->image->components == 1 && g->image->len == 3 &&
          g->image->data[0] == 255 && g->image->data[1] == 128 && g->image->data[2] == 0,
          "16-bit gray → 8-bit gray");
    path_in(path, sizeof path, base_dir, "ga.png");
    write_png(path, &sga);
    g = load(doc, &c, "ga.png", 0, NULL);
    CHECK(g && g->image && g->image->components == 1 && g->image->len == 3 &&
          g->image->data[0] == 255 && g->image->data[1] == 0 && g->image->data[2] == 200,
          "gray+alpha flattened onto white");
    path_in(path, sizeof path, base_dir, "g1.png");
    write_png(path, &s1);
    g = load(doc, &c, "g1.png", 0, NULL);
    CHECK(g && g->image && g->image->components == 1 && g->image->len == 8 &&
          g->image->data[0] == 255 && g->image->data[1] == 0 && g->image->data[2] == 255 &&
          g->image->data[7] == 255 && g->image->data[6] == 0,
          "1-bit gray expanded to 0/255");
    CHECK(c.ctx.nerrors == 0, "gray kinds: %s", cap_text(&c));
    cap_end(&c);
    gr_doc_free(doc);
}

static void test_png_interlaced(void)
{
    enum { PW = 9, PH = 7 };
    unsigned char px[PW * PH * 3];
    png_spec s = { PW, PH, PNG_COLOR_TYPE_RGB, 8, 1, px, NULL, 0, NULL, 0, 0 };
    char path[700];
    capture c;
    gr_doc *doc = gr_doc_new();
    gr_graphic *g;
    int i, same = 1;
    for (i = 0; i < PW * PH * 3; i++)
        px[i] = (unsigned char)(i * 11 + 3);
    path_in(path, sizeof path, base_dir, "adam7.png");
    write_png(path, &s);
    cap_begin(&c);
    g = load(doc, &c, "adam7.png", 0, NULL);
    CHECK(g && g->image && g->image->len == sizeof px, "interlaced PNG loads: %s",
          cap_text(&c));
    if (g && g->image && g->image->len == sizeof px)
        for (i = 0; i < PW * PH * 3; i++)
            if (g->image->data[i] != px[i]) same = 0;
    CHECK(same, "interlaced pixels decoded in place");
    cap_end(&c);
    gr_doc_free(doc);
}

static void test_png_broken(void)
{
    static const unsigned char px[16 * 16 * 3] = { 1 };
    png_spec s = { 16, 16, PNG_COLOR_TYPE_RGB, 8, 0, px, NULL, 0, NULL, 0, 0 };
    static const unsigned char wide[1] = { 0 };
    png_spec sw = { 30000, 1, PNG_COLOR_TYPE_GRAY, 1, 0, NULL, NULL, 0, NULL, 0, 0 };
    char path[700];
    unsigned char *bytes, *wide_row;
    size_t len, cut;
    capture c;
    gr_doc *doc = gr_doc_new();
    (void)wide;
    path_in(path, sizeof path, base_dir, "whole.png");
    write_png(path, &s);
    bytes = read_bytes(path, &len);
    cap_begin(&c);
    /* every truncation point: never a crash, always an error */
    for (cut = 8; cut < len - 12; cut += 7) {
        int before = c.ctx.nerrors;
        path_in(path, sizeof path, base_dir, "cut.png");
        write_bytes(path, bytes, cut);
        CHECK(load(doc, &c, "cut.png", 0, NULL) == NULL && c.ctx.nerrors == before + 1,
              "truncated PNG at %zu refused", cut);
        /* the name cache must not hand out a failed load */
    }
    CHECK(doc->nimages == 0, "nothing loaded from truncated files");
    CHECK(strstr(cap_text(&c), "PNG") && strstr(cap_text(&c), ":7:"),
          "message names PNG and the line: %.200s", cap_text(&c));
    /* flipped byte inside the compressed data: CRC error */
    bytes[len - 20] ^= 0x55;
    path_in(path, sizeof path, base_dir, "crc.png");
    write_bytes(path, bytes, len);
    CHECK(load(doc, &c, "crc.png", 0, NULL) == NULL, "corrupt PNG refused");
    /* wider than 20000 px */
    wide_row = calloc(30000 / 8, 1);
    sw.pixels = wide_row;
    path_in(path, sizeof path, base_dir, "wide.png");
    write_png(path, &sw);
    CHECK(load(doc, &c, "wide.png", 0, NULL) == NULL, "30000 px wide PNG refused");
    /* not an image at all */
    path_in(path, sizeof path, base_dir, "text.png");
    write_bytes(path, "hello", 5);
    CHECK(load(doc, &c, "text.png", 0, NULL) == NULL &&
          strstr(cap_text(&c), "neither JPEG nor PNG"), "non-image refused");
    CHECK(doc->nimages == 0, "nothing loaded from broken files");
    cap_end(&c);
    free(wide_row);
    free(bytes);
    gr_doc_free(doc);
}

/* ---- resampling to 300 ppi at the placed size (photo.c) ------------------ */

static void test_resample(void)
{
    /* 8x4 gray at 600 ppi: placed at its own size (0.96 x 0.48 pt) it
       becomes 4x2 at 300 ppi, each output pixel the exact mean of the 2x2
       source pixels it covers, rounded half up */
    static const unsigned char px[] = {
        0, 255, 0, 255, 10, 20, 30, 40,
        255, 0, 255, 0, 50, 60, 70, 80,
        100, 100, 100, 100, 100, 100, 100, 100,
        100, 100, 100, 100, 100, 100, 100, 100 };
    png_spec s = { 8, 4, PNG_COLOR_TYPE_GRAY, 8, 0, px, NULL, 0, NULL, 0, 23622 };
    char path[700];
    capture c;
    gr_doc *doc = gr_doc_new();
    gr_graphic *g;
    path_in(path, sizeof path, base_dir, "dense.png");
    write_png(path, &s);
    cap_begin(&c);
    g = load(doc, &c, "dense.png", 0, NULL);
    CHECK(g && g->image && g->image->width == 4 && g->image->height == 2 &&
          g->image->components == 1, "600 ppi gray resampled to 4x2: %s", cap_text(&c));
    if (g && g->image && !g->image->is_jpeg && g->image->len == 8) {
        const unsigned char *d = g->image->data;
        CHECK(d[0] == 128 && d[1] == 128 && d[2] == 35 && d[3] == 55,
              "first row: means of 2x2 blocks: %d %d %d %d", d[0], d[1], d[2], d[3]);
        CHECK(d[4] == 100 && d[7] == 100, "second row: 100");
    } else {
        CHECK(0, "tiny gray PNG kept as raw pixels (deflates smaller than JPEG)");
    }
    CHECK(c.ctx.nerrors == 0, "no errors: %s", cap_text(&c));
    cap_end(&c);
    gr_doc_free(doc);
}

/* ---- JPEG ------------------------------------------------------------- */

static void test_jpeg(void)
{
    static const unsigned char cmyk[] = {
        0xFF, 0xD8,
        0xFF, 0xC0, 0x00, 0x14, 0x08, 0x00, 0x02, 0x00, 0x02, 0x04,
        1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0,
        0xFF, 0xDA, 0x00, 0x02, 0x00,
        0xFF, 0xD9 };
    char path[700];
    capture c;
    gr_doc *doc = gr_doc_new();
    gr_graphic *g;
    path_in(path, sizeof path, base_dir, "rgb.jpg");
    write_bytes(path, jpeg_rgb150, sizeof jpeg_rgb150);
    path_in(path, sizeof path, base_dir, "prog.jpg");
    write_bytes(path, jpeg_gray_progressive, sizeof jpeg_gray_progressive);
    path_in(path, sizeof path, base_dir, "cut.jpg");
    write_bytes(path, jpeg_rgb150, 200);
    path_in(path, sizeof path, base_dir, "cmyk.jpg");
    write_bytes(path, cmyk, sizeof cmyk);
    cap_begin(&c);
    g = load(doc, &c, "rgb.jpg", 0, NULL);
    CHECK(g && g->image && g->image->is_jpeg && g->image->width == 16 &&
          g->image->height == 8 && g->image->components == 3 && g->image->bits == 8,
          "baseline RGB JPEG header: %s", cap_text(&c));
    CHECK(g && g->image && g->image->len == sizeof jpeg_rgb150 &&
          memcmp(g->image->data, jpeg_rgb150, sizeof jpeg_rgb150) == 0,
          "JPEG bytes passed through untouched");
    CHECK(g && NEAR(g->width, 16 * 72.0 / 150, 1e-9) && NEAR(g->height, 8 * 72.0 / 150, 1e-9),
          "JFIF 150 dpi: %g x %g", g ? g->width : 0, g ? g->height : 0);
    g = load(doc, &c, "prog.jpg", 0, NULL);
    CHECK(g && g->image && g->image->is_jpeg && g->image->width == 8 &&
          g->image->height == 4 && g->image->components == 1,
          "progressive gray JPEG accepted");
    CHECK(g && NEAR(g->width, 8, 1e-9) && NEAR(g->height, 4, 1e-9), "JFIF 72 dpi");
    CHECK(c.ctx.nerrors == 0, "good JPEGs: %s", cap_text(&c));
    CHECK(load(doc, &c, "cut.jpg", 0, NULL) == NULL && strstr(cap_text(&c), "truncated"),
          "truncated JPEG refused: %s", cap_text(&c));
    /* a CMYK header is accepted (converted to RGB when placed); this one
       has no scan data, which decoding reports */
    CHECK(load(doc, &c, "cmyk.jpg", 0, NULL) == NULL && strstr(cap_text(&c), "cmyk.jpg") &&
          strstr(cap_text(&c), "cannot be decoded"), "broken CMYK JPEG reported when decoded: %s",
          cap_text(&c));
    CHECK(doc->nimages == 3, "the good JPEGs and the CMYK header joined the doc");
    cap_end(&c);
    gr_doc_free(doc);
}

/* ---- confinement ------------------------------------------------------ */

static void test_confinement(void)
{
    static const char *const refused[] = {
        "../x.png", "/etc/passwd", "link_out.png", "sub/../rgb.jpg", "subdir_out/x.png",
        "http://example.com/a.png", "url(https://example.com/a.png)",
        "file:///etc/passwd", "file://server/share/a.png", "missing.png", "sub",
        "data:image/png;base64,AAAA", "url('')",
    };
    char path[700], target[700];
    capture c;
    gr_doc *doc = gr_doc_new();
    size_t i;
    path_in(path, sizeof path, tmp_root, "x.png");
    write_bytes(path, jpeg_rgb150, sizeof jpeg_rgb150);
    path_in(target, sizeof target, outside_dir, "x.png");
    write_bytes(target, jpeg_rgb150, sizeof jpeg_rgb150);
    path_in(path, sizeof path, base_dir, "link_out.png");
    if (symlink(target, path) != 0) perror("symlink");
    path_in(path, sizeof path, base_dir, "subdir_out");
    if (symlink(outside_dir, path) != 0) perror("symlink");
    path_in(path, sizeof path, base_dir, "link_in.jpg");
    if (symlink("rgb.jpg", path) != 0) perror("symlink");
    path_in(path, sizeof path, base_dir, "sub");
    mkdir(path, 0755);
    path_in(path, sizeof path, base_dir, "sub/b.jpg");
    write_bytes(path, jpeg_rgb150, sizeof jpeg_rgb150);
    cap_begin(&c);
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        int before = c.ctx.nerrors;
        CHECK(load(doc, &c, refused[i], 0, NULL) == NULL && c.ctx.nerrors == before + 1,
              "src \"%s\" refused", refused[i]);
    }
    CHECK(doc->nimages == 0, "nothing loaded from refused paths");
    CHECK(strstr(cap_text(&c), "network resources are not allowed") &&
          strstr(cap_text(&c), "不允許網路資源"), "network message");
    CHECK(strstr(cap_text(&c), "outside the FO file's folder"), "symlink message");
    CHECK(strstr(cap_text(&c), "absolute image paths"), "absolute path message");
    CHECK(strstr(cap_text(&c), "\"..\""), "dot-dot message");
    CHECK(load(doc, &c, "link_in.jpg", 0, NULL) != NULL, "symlink inside the folder ok");
    CHECK(load(doc, &c, "sub/b.jpg", 0, NULL) != NULL, "sub-folder ok");
    CHECK(load(doc, &c, "url('file:sub/b.jpg')", 0, NULL) != NULL, "url('file:…') ok");
    CHECK(load(doc, &c, " url(\"./rgb.jpg\") ", 0, NULL) != NULL, "url(\"…\") ok");
    CHECK(load(doc, &c, "link_out.png", 1, NULL) != NULL, "allow_outside lets a symlink out");
    CHECK(load(doc, &c, "../x.png", 1, NULL) != NULL, "allow_outside lets .. out");
    CHECK(c.ctx.nerrors == (int)(sizeof refused / sizeof refused[0]),
          "only the refused ones failed: %s", cap_text(&c));
    cap_end(&c);
    gr_doc_free(doc);
}

static void test_reuse_and_place(void)
{
    capture c;
    gr_doc *doc = gr_doc_new();
    gr_page *pg = gr_doc_add_page(doc, 595, 842);
    gr_graphic *a, *b;
    cap_begin(&c);
    a = load(doc, &c, "rgb.jpg", 0, NULL);
    b = load(doc, &c, "rgb.jpg", 0, NULL);
    CHECK(a && b && doc->nimages == 1 && a->image == b->image, "same src loaded once");
    if (a) {
        gr_page_add_graphic(doc, pg, a, 100, 200);
        CHECK(pg->nitems == 1 && pg->items[0].kind == GR_DL_IMAGE &&
              pg->items[0].u.image.x == 100 && pg->items[0].u.image.y == 200 &&
              NEAR(pg->items[0].u.image.w, a->width, 1e-12) &&
              pg->items[0].u.image.image == a->image, "image placed on the page");
    }
    cap_end(&c);
    gr_doc_free(doc);
}

/* ---- sizing ----------------------------------------------------------- */

static void test_sizing(void)
{
    capture c;
    gr_doc *doc = gr_doc_new();
    gr_fo_node n;
    gr_graphic *g;
    /* rgb.jpg: 16x8 px at 150 dpi = 7.68 x 3.84 pt */
    cap_begin(&c);
    graphic_node(&n, "rgb.jpg", 3);
    W(&n)->content_width = pct(50);
    g = load(doc, &c, NULL, 0, &n);
    CHECK(g && NEAR(g->width, 3.84, 1e-9) && NEAR(g->height, 1.92, 1e-9),
          "content-width 50%% keeps the aspect ratio");
    graphic_node(&n, "rgb.jpg", 3);
    W(&n)->content_height = pt(10);
    g = load(doc, &c, NULL, 0, &n);
    CHECK(g && NEAR(g->width, 20, 1e-9) && NEAR(g->height, 10, 1e-9) && g->image,
          "content-height alone scales uniformly");
    graphic_node(&n, "rgb.jpg", 3);
    W(&n)->content_width = pt(10);
    W(&n)->content_height = pt(30);
    W(&n)->scaling_uniform = 0;
    g = load(doc, &c, NULL, 0, &n);
    CHECK(g && NEAR(g->width, 10, 1e-9) && NEAR(g->height, 30, 1e-9),
          "non-uniform scaling");
    graphic_node(&n, "rgb.jpg", 3);
    W(&n)->width = pt(100);
    W(&n)->content_width_fit = GR_FIT_SCALE;
    g = load(doc, &c, NULL, 0, &n);
    CHECK(g && NEAR(g->width, 100, 1e-9) && NEAR(g->height, 50, 1e-9) && g->image,
          "scale-to-fit the width");
    graphic_node(&n, "rgb.jpg", 3);
    W(&n)->width = pt(100);
    W(&n)->height = pt(20);
    W(&n)->text_align = GR_ALIGN_CENTER;
    g = load(doc, &c, NULL, 0, &n);
    CHECK(g && NEAR(g->width, 100, 1e-9) && NEAR(g->height, 20, 1e-9) && !g->image &&
          g->nitems == 1 && g->items[0].kind == GR_DL_IMAGE &&
          NEAR(g->items[0].u.image.x, (100 - 7.68) / 2, 1e-9) &&
          NEAR(g->items[0].u.image.w, 7.68, 1e-9) && g->items[0].u.image.y == 0,
          "intrinsic content centred in a larger viewport");
    /* the 16×8 test image enlarged: only the 150 ppi notes (GR_IMAGE_MIN_PPI) */
    CHECK(c.ctx.nwarnings == count_of(cap_text(&c), "ppi (under 150 ppi)") && c.ctx.nerrors == 0,
          "no messages yet but the enlargement notes: %s", cap_text(&c));
    graphic_node(&n, "rgb.jpg", 3);
    W(&n)->content_width = pt(1000);
    g = gr_graphic_external(&c.ctx, doc, &the_tree, &n, 400, 0);
    CHECK(g && NEAR(g->width, 400, 1e-9) && NEAR(g->height, 200, 1e-9),
          "wider than the line: scaled down uniformly");
    CHECK(c.ctx.nwarnings - count_of(cap_text(&c), "ppi (under 150 ppi)") == 1 &&
          strstr(cap_text(&c), ":3:"),
          "with a warning naming the line: %s", cap_text(&c));
    graphic_node(&n, "rgb.jpg", 3);
    W(&n)->content_width = pt(0);
    CHECK(load(doc, &c, NULL, 0, &n) == NULL, "zero content-width refused");
    cap_end(&c);
    gr_doc_free(doc);
}
/* ---- SVG path data ---------------------------------------------------- */

static int seg_is(const gr_seg *s, int op, double x, double y)
{
    int k = op == GR_SEG_CURVE ? 4 : 0;
    return s->op == op && NEAR(s->p[k], x, 1e-9) && NEAR(s->p[k + 1], y, 1e-9);
}

static void test_path_parser(void)
{
    gr_svgpath p;
    size_t at = 0;
    double v;
    memset(&p, 0, sizeof p);
    CHECK(gr_svg_number("-.5e1x", &v) == 5 && v == -5, "number grammar");
    CHECK(gr_svg_number("1.5.5", &v) == 3 && v == 1.5, "second dot starts a new number");
    CHECK(gr_svg_number(".", &v) == 0 && gr_svg_number("e5", &v) == 0, "no number");
    CHECK(gr_svgpath_parse("M10 20l5 5h10v-5zm1 1 2 2", &p, &at) == 0, "relative path");
    CHECK(p.n == 7, "segment count %zu", p.n);
    if (p.n == 7) {
        CHECK(seg_is(&p.seg[0], GR_SEG_MOVE, 10, 20), "M");
        CHECK(seg_is(&p.seg[1], GR_SEG_LINE, 15, 25), "l");
        CHECK(seg_is(&p.seg[2], GR_SEG_LINE, 25, 25), "h");
        CHECK(seg_is(&p.seg[3], GR_SEG_LINE, 25, 20), "v");
        CHECK(p.seg[4].op == GR_SEG_CLOSE, "z");
        CHECK(seg_is(&p.seg[5], GR_SEG_MOVE, 11, 21), "m after z is relative to the start");
        CHECK(seg_is(&p.seg[6], GR_SEG_LINE, 13, 23), "implicit l after m");
    }
    gr_svgpath_free(&p);
    CHECK(gr_svgpath_parse("M0,0Q10,0 10,10T20,20", &p, &at) == 0 && p.n == 3 &&
          seg_is(&p.seg[1], GR_SEG_CURVE, 10, 10) && seg_is(&p.seg[2], GR_SEG_CURVE, 20, 20) &&
          NEAR(p.seg[1].p[0], 20.0 / 3, 1e-9) && NEAR(p.seg[1].p[1], 0, 1e-9) &&
          NEAR(p.seg[2].p[0], 10, 1e-9) && NEAR(p.seg[2].p[1], 10 + 20.0 / 3, 1e-9),
          "Q and T become cubics");
    gr_svgpath_free(&p);
    CHECK(gr_svgpath_parse("M0 0C0 10 10 10 10 0S20-10 20 0", &p, &at) == 0 && p.n == 3 &&
          NEAR(p.seg[2].p[0], 10, 1e-9) && NEAR(p.seg[2].p[1], -10, 1e-9) &&
          seg_is(&p.seg[2], GR_SEG_CURVE, 20, 0), "S reflects the control point");
    gr_svgpath_free(&p);
    /* packed arc flags: "a1 1 0 00 1 1" style */
    CHECK(gr_svgpath_parse("M1 0A1 1 0 0 1 0 1a1,1,0,01-1-1", &p, &at) == 0,
          "arcs with packed flags");
    CHECK(p.n >= 3 && seg_is(&p.seg[p.n - 1], GR_SEG_CURVE, -1, 0), "arc ends on target");
    if (p.n >= 2) {
        double k = 4.0 / 3.0 * tan(3.14159265358979 / 8);
        CHECK(p.seg[1].op == GR_SEG_CURVE && NEAR(p.seg[1].p[0], 1, 1e-9) &&
              NEAR(p.seg[1].p[1], k, 1e-9) && NEAR(p.seg[1].p[2], k, 1e-9) &&
              NEAR(p.seg[1].p[3], 1, 1e-9), "quarter arc control points");
    }
    gr_svgpath_free(&p);
    CHECK(gr_svgpath_parse("M0 0 A 5 5 0 1 1 0 0.001", &p, &at) == 0 && p.n == 5,
          "nearly full circle: 4 cubics (%zu segments)", p.n);
    gr_svgpath_free(&p);
    CHECK(gr_svgpath_parse("M0 0 A 0.1 0.1 0 0 1 10 0", &p, &at) == 0 && p.n == 3 &&
          seg_is(&p.seg[2], GR_SEG_CURVE, 10, 0), "radii too small are scaled up");
    gr_svgpath_free(&p);
    CHECK(gr_svgpath_parse("M0 0 A 0 5 0 0 1 10 0", &p, &at) == 0 && p.n == 2 &&
          seg_is(&p.seg[1], GR_SEG_LINE, 10, 0), "zero radius: a line");
    gr_svgpath_free(&p);
    CHECK(gr_svgpath_parse("M0 0 L 10", &p, &at) != 0 && at == 9, "missing coordinate at %zu",
          at);
    gr_svgpath_free(&p);
    CHECK(gr_svgpath_parse("L0 0", &p, &at) != 0 && at == 0, "must start with M");
    gr_svgpath_free(&p);
    CHECK(gr_svgpath_parse("M0 0 X 1 1", &p, &at) != 0 && at == 5, "unknown command");
    gr_svgpath_free(&p);
    CHECK(gr_svgpath_parse("M0 0 A 1 1 0 2 1 3 3", &p, &at) != 0, "bad flag");
    gr_svgpath_free(&p);
    CHECK(gr_svgpath_parse("M1e999 0", &p, &at) != 0, "infinite number refused");
    gr_svgpath_free(&p);
}

/* ---- SVG charts ------------------------------------------------------- */

static gr_fontset *fonts;
static const char *fonts_dir;

typedef struct svg_case {
    xmlDoc *xml;
    gr_fo_node node;
} svg_case;

/* Parse an SVG document and make it the foreign object of a fake ifo. */
static int svg_open(svg_case *sc, const char *svg)
{
    memset(sc, 0, sizeof *sc);
    sc->xml = xmlReadMemory(svg, (int)strlen(svg), "t.svg", NULL,
                            XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    if (!sc->xml) return -1;
    node_init(&sc->node, GR_FO_INSTREAM_FOREIGN_OBJECT, 1);
    sc->node.foreign_xml = xmlDocGetRootElement(sc->xml);
    return 0;
}

static void svg_close(svg_case *sc)
{
    xmlFreeDoc(sc->xml);
}

static gr_graphic *svg_run_case(capture *c, gr_doc *doc, svg_case *sc, const char *svg,
                                double avail)
{
    if (svg_open(sc, svg) != 0) {
        fprintf(stderr, "test SVG not well-formed\n");
        return NULL;
    }
    return gr_graphic_svg(&c->ctx, doc, fonts, &the_tree, &sc->node, avail);
}

static int count_kind(const gr_graphic *g, gr_dl_kind k)
{
    size_t i;
    int n = 0;
    for (i = 0; i < g->nitems; i++)
        if (g->items[i].kind == k) n++;
    return n;
}

/* Every coordinate of every item inside [0,w]x[0,h] (with a tolerance). */
static int items_in_box(const gr_graphic *g, double tol)
{
    size_t i;
    int k;
    for (i = 0; i < g->nitems; i++) {
        const gr_dl_item *it = &g->items[i];
        if (it->kind == GR_DL_PATH) {
            for (k = 0; k < it->u.path.nseg; k++) {
                const gr_seg *s = &it->u.path.seg[k];
                int j, np = s->op == GR_SEG_CURVE ? 3 : s->op == GR_SEG_CLOSE ? 0 : 1;
                for (j = 0; j < np; j++)
                    if (s->p[2 * j] < -tol || s->p[2 * j] > g->width + tol ||
                        s->p[2 * j + 1] < -tol || s->p[2 * j + 1] > g->height + tol)
                        return 0;
            }
        } else if (it->kind == GR_DL_TEXT) {
            const gr_dl_text *t = &it->u.text;
            double end = t->nglyphs ? t->x + t->glyphs[t->nglyphs - 1].x +
                                      t->glyphs[t->nglyphs - 1].advance : t->x;
            if (t->x < -tol || end > g->width + tol || t->y - t->size < -tol ||
                t->y > g->height + tol)
                return 0;
        }
    }
    return 1;
}

static const char chart_svg[] =
    "<svg xmlns='http://www.w3.org/2000/svg' width='400' height='300'\n"   /* 1 */
    "     viewBox='0 0 400 300' font-family='TW-Kai' font-size='14'>\n"     /* 2 */
    "  <title>性別比例</title>\n"                                            /* 3 */
    "  <rect x='0' y='0' width='400' height='300' fill='white'/>\n"          /* 4 */
    "  <g transform='translate(40,20)' fill='#4472c4'>\n"                    /* 5 */
    "    <rect x='20' y='60' width='60' height='180'/>\n"                    /* 6 */
    "    <rect x='120' y='100' width='60' height='140' fill='rgb(237,125,49)'/>\n"
    "    <rect x='220' y='30' width='60' height='210' rx='6' style='fill:gray;stroke:black;stroke-width:0.5'/>\n"
    "    <line x1='0' y1='240' x2='320' y2='240' stroke='black'/>\n"         /* 9 */
    "    <line x1='0' y1='0' x2='0' y2='240' stroke='black' stroke-width='1.5'/>\n"
    "    <polyline points='50,60 150,100 250,30' fill='none' stroke='red'/>\n"
    "    <polygon points='300,10 310,30 290,30' fill='green'/>\n"           /* 12 */
    "    <circle cx='300' cy='200' r='10' fill='orange'/>\n"
    "    <ellipse cx='270' cy='200' rx='12' ry='6' fill='navy'/>\n"
    "  </g>\n"                                                               /* 15 */
    "  <path d='M350 60 L350 20 A40 40 0 0 1 386.04 77.36 Z' fill='#c00000'/>\n"
    "  <path d='M350 60 L386.04 77.36 A40 40 0 1 1 350 20 Z' fill='#ffc000' stroke='white'/>\n"
    "  <path d='M10 290 a10 10 0 0 0 20 0 q10 -10 20 0 t20 0 c5 -5 10 -5 15 0 s10 5 15 0' fill='none' stroke='blue'/>\n"
    "  <text x='90' y='280' text-anchor='middle'>男性</text>\n"             /* 19 */
    "  <text x='190' y='280' text-anchor='middle' font-weight='bold'>女性</text>\n"
    "  <text x='290' y='280' text-anchor='middle' fill='#333'>合計 100%</text>\n"
    "  <text x='380' y='15' text-anchor='end' font-size='10pt'>單位：人</text>\n"
    "</svg>\n";

static void test_svg_chart(void)
{
    capture c;
    svg_case sc;
    gr_doc *doc = gr_doc_new();
    gr_page *pg = gr_doc_add_page(doc, 595, 842);
    gr_graphic *g;
    int npaths, ntext;
    cap_begin(&c);
    g = svg_run_case(&c, doc, &sc, chart_svg, 450);
    CHECK(g != NULL, "chart converts: %s", cap_text(&c));
    if (g) {
        CHECK(NEAR(g->width, 300, 1e-9) && NEAR(g->height, 225, 1e-9),
              "400x300 px = 300x225 pt: %g x %g", g->width, g->height);
        npaths = count_kind(g, GR_DL_PATH);
        ntext = count_kind(g, GR_DL_TEXT);
        CHECK(npaths == 13, "13 path items (4 rect, 2 line, polyline, polygon, circle, "
              "ellipse, 3 paths): %d", npaths);
        CHECK(ntext >= 4, "at least one glyph run per label: %d", ntext);
        CHECK(count_kind(g, GR_DL_MISSING) == 0, "every character has a glyph");
        CHECK(items_in_box(g, 0.5), "every coordinate inside the box");
        /* the first bar: x 40+20 px, y 20+60 px → pt */
        if (g->nitems > 1 && g->items[1].kind == GR_DL_PATH) {
            const gr_dl_path *p = &g->items[1].u.path;
            CHECK(p->nseg == 5 && seg_is(&p->seg[0], GR_SEG_MOVE, 45, 60) &&
                  seg_is(&p->seg[2], GR_SEG_LINE, 90, 195) && p->fill && !p->stroke &&
                  NEAR(p->fill_color.b, 0xc4 / 255.0, 1e-9), "first bar geometry and fill");
        }
        /* rounded bar: 4 corner curves; style= overrides */
        if (g->nitems > 3 && g->items[3].kind == GR_DL_PATH) {
            const gr_dl_path *p = &g->items[3].u.path;
            int k, curves = 0;
            for (k = 0; k < p->nseg; k++) curves += p->seg[k].op == GR_SEG_CURVE;
            CHECK(curves == 4 && p->stroke && NEAR(p->stroke_width, 0.375, 1e-9) &&
                  NEAR(p->fill_color.r, 128 / 255.0, 1e-9), "rounded rect with style");
        }
        /* line items have no fill; the circle is four curves */
        if (g->nitems > 8) {
            const gr_dl_path *ln = &g->items[4].u.path, *ci = &g->items[8].u.path;
            CHECK(g->items[4].kind == GR_DL_PATH && !ln->fill && ln->stroke &&
                  NEAR(ln->stroke_width, 0.75, 1e-9), "line: stroke only, 1px = 0.75pt");
            CHECK(g->items[8].kind == GR_DL_PATH && ci->nseg == 6 &&
                  ci->seg[1].op == GR_SEG_CURVE && ci->seg[4].op == GR_SEG_CURVE &&
                  seg_is(&ci->seg[0], GR_SEG_MOVE, (40 + 310) * 0.75, (20 + 200) * 0.75),
                  "circle as 4 cubics");
        }
        /* the pie slice ends its arc on the given point */
        if (g->nitems > 10 && g->items[10].kind == GR_DL_PATH) {
            const gr_dl_path *p = &g->items[10].u.path;
            CHECK(p->nseg >= 4 && seg_is(&p->seg[p->nseg - 2], GR_SEG_CURVE,
                                         386.04 * 0.75, 77.36 * 0.75) &&
                  p->seg[p->nseg - 1].op == GR_SEG_CLOSE, "pie slice arc");
        }
        /* text anchored in the middle: centred on x = 90 px */
        {
            size_t i;
            for (i = 0; i < g->nitems; i++)
                if (g->items[i].kind == GR_DL_TEXT) break;
            if (i < g->nitems) {
                const gr_dl_text *t = &g->items[i].u.text;
                double end = t->x + t->glyphs[t->nglyphs - 1].x +
                             t->glyphs[t->nglyphs - 1].advance;
                CHECK(NEAR((t->x + end) / 2, 90 * 0.75, 0.5) && NEAR(t->y, 280 * 0.75, 1e-6) &&
                      NEAR(t->size, 14 * 0.75, 1e-9), "middle anchor, baseline, size: "
                      "%g..%g y %g size %g", t->x, end, t->y, t->size);
            }
        }
        /* placement offsets every item */
        gr_page_add_graphic(doc, pg, g, 100, 50);
        CHECK(pg->nitems == g->nitems, "every item placed");
        if (pg->nitems > 1 && pg->items[1].kind == GR_DL_PATH)
            CHECK(seg_is(&pg->items[1].u.path.seg[0], GR_SEG_MOVE, 145, 110) &&
                  seg_is(&g->items[1].u.path.seg[0], GR_SEG_MOVE, 45, 60),
                  "placed copy offset, the graphic untouched");
    }
    CHECK(c.ctx.nerrors == 0 && c.ctx.nwarnings == 0, "chart: no messages: %s", cap_text(&c));
    cap_end(&c);
    svg_close(&sc);
    gr_doc_free(doc);
}

static void test_svg_transforms(void)
{
    capture c;
    svg_case sc;
    gr_doc *doc = gr_doc_new();
    gr_graphic *g;
    cap_begin(&c);
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' width='200pt' height='100pt' viewBox='0 0 100 50'>"
        "<g transform='translate(10 5) scale(2)'><rect width='10' height='5' stroke='black' stroke-width='2'/></g>"
        "<rect transform='rotate(90 50 25)' x='40' y='20' width='20' height='10'/>"
        "<rect transform='matrix(1 0 0 1 5 5) skewX(0)' width='1' height='1'/>"
        "</svg>", 500);
    CHECK(g && NEAR(g->width, 200, 1e-9) && NEAR(g->height, 100, 1e-9), "pt size and viewBox");
    if (g && g->nitems == 3) {
        const gr_dl_path *a = &g->items[0].u.path, *b = &g->items[1].u.path;
        /* user unit = 2 pt; (10,5) → (20,10); size 20x10 user → 40x20 pt */
        CHECK(seg_is(&a->seg[0], GR_SEG_MOVE, 20, 10) && seg_is(&a->seg[2], GR_SEG_LINE, 60, 30),
              "translate + scale");
        CHECK(NEAR(a->stroke_width, 8, 1e-9), "stroke width scales: %g", a->stroke_width);
        /* rotate 90° about (50,25): (40,20) → (55,15) user → (110,30) pt */
        CHECK(seg_is(&b->seg[0], GR_SEG_MOVE, 110, 30), "rotate about a centre: %g,%g",
              b->seg[0].p[0], b->seg[0].p[1]);
        CHECK(seg_is(&g->items[2].u.path.seg[0], GR_SEG_MOVE, 10, 10), "matrix()");
    } else {
        CHECK(0, "three items expected: %s", cap_text(&c));
    }
    svg_close(&sc);
    /* preserveAspectRatio default xMidYMid meet */
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='100' viewBox='0 0 10 10'>"
        "<rect width='10' height='10'/></svg>", 500);
    CHECK(g && g->nitems == 1 && seg_is(&g->items[0].u.path.seg[0], GR_SEG_MOVE, 37.5, 0) &&
          seg_is(&g->items[0].u.path.seg[2], GR_SEG_LINE, 112.5, 75), "xMidYMid meet");
    svg_close(&sc);
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='100' viewBox='0 0 10 10' "
        "preserveAspectRatio='none'><rect width='10' height='10'/></svg>", 500);
    CHECK(g && g->nitems == 1 && seg_is(&g->items[0].u.path.seg[2], GR_SEG_LINE, 150, 75),
          "preserveAspectRatio none");
    svg_close(&sc);
    /* width 100%: the line width; only a viewBox: px size */
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' width='100%' viewBox='0 0 40 10'/>", 400);
    CHECK(g && NEAR(g->width, 400, 1e-9) && NEAR(g->height, 100, 1e-9), "width 100%%");
    svg_close(&sc);
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 40 10'/>", 400);
    CHECK(g && NEAR(g->width, 30, 1e-9) && NEAR(g->height, 7.5, 1e-9), "viewBox only");
    svg_close(&sc);
    /* wider than the line: scaled with a warning */
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' width='800' height='100'>"
        "<rect width='800' height='100'/></svg>", 300);
    CHECK(g && NEAR(g->width, 300, 1e-9) && NEAR(g->height, 37.5, 1e-9) &&
          seg_is(&g->items[0].u.path.seg[2], GR_SEG_LINE, 300, 37.5) &&
          c.ctx.nwarnings == 1, "too wide: scaled down with a warning");
    svg_close(&sc);
    CHECK(c.ctx.nerrors == 0, "transforms: %s", cap_text(&c));
    cap_end(&c);
    gr_doc_free(doc);
}

typedef struct bad_svg {
    const char *svg;
    const char *expect;        /* in the message */
} bad_svg;

static void test_svg_errors(void)
{
    static const bad_svg cases[] = {
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<g>\n<rect width='1' height='1'/>\n\n<image href='x.png' width='1' height='1'/>\n"
          "</g></svg>", "t.fo:5:" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<filter id='f'/></svg>", "unsupported SVG element <filter>" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<rect width='1' height='1' opacity='0.5'/></svg>", "transparency" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<rect width='1' height='1' style='fill-opacity:50%'/></svg>", "transparency" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<line x2='5' stroke='black' stroke-dasharray='2 2'/></svg>", "stroke-dasharray" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<path d='M0 0 L 5 5 Q 1'/></svg>", "error in d at character" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<rect width='1' height='1' fill='bluish'/></svg>", "invalid fill=\"bluish\"" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<rect width='1' height='1' fill='url(#g)'/></svg>", "outside the subset" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<rect width='-1' height='1'/></svg>", "negative" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<rect height='1'/></svg>", "width attribute is missing" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<g transform='rotate(1,2)'/></svg>", "invalid transform" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<text transform='rotate(-45)'>x</text></svg>", "rotated" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<text>a<tspan x='3'>b</tspan></text></svg>", "<tspan>: attribute x" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<text>a<tspan style='fill:red'>b</tspan></text></svg>", "property fill" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<text>a<tspan><tspan>b</tspan></tspan></text></svg>", "<tspan>" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<text>a<tspan white-space='pre'>b</tspan></text></svg>", "white-space=\"pre\"" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<text>a<g>b</g></text></svg>", "<g>" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<text inline-size='-3'>a</text></svg>", "inline-size" },
        { "<svg xmlns='http://www.w3.org/2000/svg' xmlns:gr='urn:x-gereport:source' "
          "width='10' height='10'>\n<text gr:max-lines='0'>a</text></svg>", "gr:max-lines" },
        { "<svg xmlns='http://www.w3.org/2000/svg' xmlns:gr='urn:x-gereport:source' "
          "width='10' height='10'>\n<text font-size='10' gr:min-font-size='12'>a</text></svg>",
          "gr:min-font-size" },
        { "<svg xmlns='http://www.w3.org/2000/svg' xmlns:gr='urn:x-gereport:source' "
          "width='10' height='10'>\n<rect width='1' height='1' gr:max-lines='2'/></svg>",
          "attribute gr:max-lines" },
        { "<svg xmlns='http://www.w3.org/2000/svg' xmlns:gr='urn:x-gereport:source' "
          "width='10' height='10'>\n<g gr:same-size='yes'/></svg>", "gr:same-size=\"yes\"" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<text stroke='red'>a</text></svg>", "stroke is not supported" },
        { "<svg xmlns='http://www.w3.org/2000/svg'/>", "needs width and height" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10' viewBox='0 0 0 1'/>",
          "invalid viewBox" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10' viewBox='0 0 1 1' "
          "preserveAspectRatio='xMidYMid slice'/>", "slice" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<svg width='1' height='1'/></svg>", "nested" },
        { "<svg xmlns='http://www.w3.org/2000/svg' xmlns:x='urn:x' width='10' height='10'>\n"
          "<x:thing/></svg>", "not in the SVG namespace" },
        { "<svg xmlns='http://www.w3.org/2000/svg' xmlns:l='http://www.w3.org/1999/xlink' "
          "width='10' height='10'>\n<rect width='1' height='1' l:href='#a'/></svg>",
          "attribute l:href" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<rect width='1' height='1' class='bar'/></svg>", "attribute class" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<rect width='1' height='1' style='fill red'/></svg>", "malformed style" },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n"
          "<polygon points='1,2 3'/></svg>", "invalid points" },
        { "<other xmlns='urn:x'/>", "must hold one svg:svg" },
    };
    gr_doc *doc = gr_doc_new();
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        capture c;
        svg_case sc;
        gr_graphic *g;
        cap_begin(&c);
        g = svg_run_case(&c, doc, &sc, cases[i].svg, 400);
        CHECK(g == NULL && c.ctx.nerrors >= 1 && strstr(cap_text(&c), cases[i].expect),
              "bad SVG %zu refused with \"%s\": %s", i, cases[i].expect, cap_text(&c));
        cap_end(&c);
        svg_close(&sc);
    }
    gr_doc_free(doc);
}

static void test_svg_accepts(void)
{
    capture c;
    svg_case sc;
    gr_doc *doc = gr_doc_new();
    gr_graphic *g;
    cap_begin(&c);
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10' version='1.1'>"
        "<desc>x</desc><g id='a' opacity='1' fill-opacity='100%' display='inline' "
        "style='stroke: black ; stroke-width: 2px;'>"
        "<rect width='50%' height='5' fill='none'/>"
        "<rect width='5' height='5' display='none'/>"
        "<circle r='0'/><rect width='0' height='3'/><path/>"
        "<rect width='5' height='5' fill='inherit' stroke='none'/>"
        "<path d='' fill='red'/>"
        "</g></svg>", 400);
    CHECK(g && g->nitems == 2 && g->items[0].u.path.stroke && !g->items[0].u.path.fill &&
          NEAR(g->items[0].u.path.stroke_width, 1.5, 1e-9) &&
          seg_is(&g->items[0].u.path.seg[1], GR_SEG_LINE, 3.75, 0) &&
          g->items[1].u.path.fill && !g->items[1].u.path.stroke,
          "lenient parts of the subset: %s", cap_text(&c));
    svg_close(&sc);
    CHECK(c.ctx.nerrors == 0, "accepts: %s", cap_text(&c));
    cap_end(&c);
    gr_doc_free(doc);
}

/* inline-size wraps by the text rules; gr:max-lines shrinks; a
 * white-space="nowrap" <tspan> is never broken; each line is its own text. */
static const char *text_at(const gr_graphic *g, size_t i)
{
    return g && i < g->ntexts ? g->texts[i].text : "";
}

static void test_svg_wrap(void)
{
    capture c;
    svg_case sc;
    gr_doc *doc = gr_doc_new();
    gr_graphic *g;
    size_t i;
    cap_begin(&c);
    /* 110pt of text in 90: two lines at 10pt, the number whole, the line
       broken before the bracket rather than inside it, centred */
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' width='200pt' height='60pt' viewBox='0 0 200 60'>"
        "<text x='100' y='20' text-anchor='middle' font-size='10' inline-size='90'>"
        "獨居長者（65歲以上）</text></svg>", 400);
    CHECK(g && g->ntexts == 2 && strcmp(text_at(g, 0), "獨居長者") == 0 &&
          strcmp(text_at(g, 1), "（65歲以上）") == 0,
          "wrapped in two lines before the bracket: %zu 「%s」「%s」 %s", g ? g->ntexts : 0,
          text_at(g, 0), text_at(g, 1), cap_text(&c));
    if (g && g->ntexts == 2) {
        const gr_graphic_text *a = &g->texts[0], *b = &g->texts[1];
        CHECK(NEAR((a->x0 + a->x1) / 2, 100, 0.01) && NEAR((b->x0 + b->x1) / 2, 100, 0.01),
              "each line centred on x: %g %g", (a->x0 + a->x1) / 2, (b->x0 + b->x1) / 2);
        CHECK(a->x1 - a->x0 <= 90 && NEAR(b->y0 - a->y0, 12, 0.01),
              "no line over 90, lines 1.2em apart: %g, %g", a->x1 - a->x0, b->y0 - a->y0);
    }
    svg_close(&sc);
    /* a Latin phrase breaks between words, never inside one */
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' width='200pt' height='60pt' viewBox='0 0 200 60'>"
        "<text x='100' y='20' text-anchor='middle' font-size='10' inline-size='90'>"
        "LGBTIQ+ Youth Support Programme</text></svg>", 400);
    CHECK(g && g->ntexts == 2 && strcmp(text_at(g, 0), "LGBTIQ+ Youth") == 0 &&
          strcmp(text_at(g, 1), "Support Programme") == 0,
          "Latin broken between words: 「%s」「%s」", text_at(g, 0), text_at(g, 1));
    svg_close(&sc);
    /* three lines' worth with gr:max-lines 2: smaller, top kept, ≥ 7 */
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' xmlns:gr='urn:x-gereport:source' "
        "width='200pt' height='60pt' viewBox='0 0 200 60'>"
        "<text x='100' y='20' text-anchor='middle' font-size='10' inline-size='90' "
        "gr:max-lines='2' gr:min-font-size='7'>特殊境遇家庭（單親、隔代教養）與<tspan "
        "white-space='nowrap'>張○○恩</tspan>之家</text>"
        "<text x='40' y='20' font-size='10'>全</text></svg>", 400);
    CHECK(g && g->ntexts == 3, "two lines and one: %zu %s", g ? g->ntexts : 0, cap_text(&c));
    if (g && g->ntexts == 3) {
        double h = g->texts[0].y1 - g->texts[0].y0, full = g->texts[2].y1 - g->texts[2].y0;
        CHECK(h < full - 0.1 && h >= 0.7 * full - 0.01, "set smaller, not under 7: %g of %g", h, full);
        CHECK(NEAR(g->texts[0].y0, g->texts[2].y0, 0.05),
              "the top of the first line where it is at full size: %g %g",
              g->texts[0].y0, g->texts[2].y0);
        CHECK(strstr(text_at(g, 0), "張○○恩") || strstr(text_at(g, 1), "張○○恩"),
              "the nowrap name whole on one line: 「%s」「%s」", text_at(g, 0), text_at(g, 1));
    }
    svg_close(&sc);
    /* without gr:max-lines: wraps at the size given, any number of lines */
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' width='200pt' height='90pt' viewBox='0 0 200 90'>"
        "<text x='0' y='20' font-size='10' inline-size='45'>特殊境遇家庭（單親、隔代教養）</text>"
        "</svg>", 400);
    CHECK(g && g->ntexts >= 3, "narrow: three or more lines at 10pt: %zu", g ? g->ntexts : 0);
    for (i = 0; g && i < g->ntexts; i++)
        CHECK(g->texts[i].x0 == 0 && g->texts[i].x1 <= 45.01 &&
              NEAR(g->texts[i].y1 - g->texts[i].y0, g->texts[0].y1 - g->texts[0].y0, 1e-9),
              "line %zu starts at x, fits, same size: %g", i, g->texts[i].x1);
    svg_close(&sc);
    /* gr:same-size: the short name takes the long one's smaller size */
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' xmlns:gr='urn:x-gereport:source' "
        "width='200pt' height='60pt' viewBox='0 0 200 60'><g gr:same-size='true'>"
        "<text x='50' y='20' text-anchor='middle' font-size='10' inline-size='90' "
        "gr:max-lines='2' gr:min-font-size='7'>遊民</text>"
        "<text x='150' y='20' text-anchor='middle' font-size='10' inline-size='90' "
        "gr:max-lines='2' gr:min-font-size='7'>特殊境遇家庭（單親、隔代教養）與偏鄉地區</text>"
        "</g></svg>", 400);
    CHECK(g && g->ntexts == 3, "one line and two: %zu %s", g ? g->ntexts : 0, cap_text(&c));
    if (g && g->ntexts == 3)
        CHECK(NEAR(g->texts[0].y1 - g->texts[0].y0, g->texts[1].y1 - g->texts[1].y0, 1e-9) &&
              g->texts[0].y1 - g->texts[0].y0 < g->texts[2].y1 - g->texts[2].y0 + 1e-9 &&
              strcmp(text_at(g, 0), "遊民") == 0,
              "one size for the group: %g %g", g->texts[0].y1 - g->texts[0].y0,
              g->texts[1].y1 - g->texts[1].y0);
    svg_close(&sc);
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' xmlns:gr='urn:x-gereport:source' "
        "width='200pt' height='60pt' viewBox='0 0 200 60'><g gr:same-size='true'>"
        "<text x='50' y='20' font-size='10' inline-size='90' gr:max-lines='2'>遊民</text>"
        "</g></svg>", 400);
    CHECK(g && g->ntexts == 1 && NEAR(g->texts[0].y1 - g->texts[0].y0, 10, 0.5),
          "a group of one fitting text: full size %g", g && g->ntexts ? g->texts[0].y1 - g->texts[0].y0 : 0);
    svg_close(&sc);
    CHECK(c.ctx.nerrors == 0 && c.ctx.nwarnings == 0, "wrap: no messages: %s", cap_text(&c));
    cap_end(&c);
    /* a word wider than the room even at the smallest size: broken, with
       one 提醒 naming it, its size and what to do, at the text's line */
    cap_begin(&c);
    g = svg_run_case(&c, doc, &sc,
        "<svg xmlns='http://www.w3.org/2000/svg' xmlns:gr='urn:x-gereport:source' "
        "width='200pt' height='60pt' viewBox='0 0 200 60'>\n"
        "<text x='50' y='20' font-size='10' inline-size='40' gr:max-lines='2' "
        "gr:min-font-size='7'>Internationalization</text></svg>", 400);
    CHECK(g && g->ntexts >= 2 && c.ctx.nwarnings == 1 &&
          strstr(cap_text(&c), "Internationalization") && strstr(cap_text(&c), "7.0pt") &&
          strstr(cap_text(&c), "shorter name") && strstr(cap_text(&c), "t.fo:2:"),
          "overlong word: broken, one note: %s", cap_text(&c));
    svg_close(&sc);
    cap_end(&c);
    gr_doc_free(doc);
}

/* ---- main ------------------------------------------------------------- */

static void setup_dirs(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(tmp_root, sizeof tmp_root, "%s/gr_test_graphics_XXXXXX",
             tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(tmp_root)) { perror("mkdtemp"); exit(2); }
    path_in(base_dir, sizeof base_dir, tmp_root, "base");
    path_in(outside_dir, sizeof outside_dir, tmp_root, "outside");
    if (mkdir(base_dir, 0755) != 0 || mkdir(outside_dir, 0755) != 0) {
        perror("mkdir");
        exit(2);
    }
    memset(&the_tree, 0, sizeof the_tree);
    the_tree.path = "t.fo";
    the_tree.base_dir = base_dir;
}

static void remove_dirs(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmp_root);
}

int main(void)
{
    gr_ctx fctx;
    setup_dirs();
    gr_ctx_init(&fctx);
    fonts_dir = getenv("GR_FONTS_DIR") ? getenv("GR_FONTS_DIR") : "fonts";
    fonts = gr_fontset_new(&fctx, fonts_dir);
    CHECK(fonts != NULL, "font set from %s", fonts_dir);

    test_png_rgba();
    test_png_palette_trns();
    test_png_gray_kinds();
    test_png_interlaced();
    test_png_broken();
    test_resample();
    test_jpeg();
    test_confinement();
    test_reuse_and_place();
    test_sizing();
    test_path_parser();
    test_svg_chart();
    test_svg_transforms();
    test_svg_errors();
    test_svg_accepts();
    test_svg_wrap();

    gr_fontset_free(fonts);
    xmlCleanupParser();
    remove_dirs();
    return unit_done();
}
