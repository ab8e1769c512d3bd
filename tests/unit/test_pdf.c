/* test_pdf.c — unit test of the PDF writer (generator/pdf) and the display
 * list (generator/layout/dlist.c). Builds a gr_doc by hand from faces
 * loaded and shaped directly with HarfBuzz (independent of the text
 * engine), writes it twice (byte-identical), and checks the file with
 * pdftotext, pdffonts, qpdf and PDFBox preflight (PDF/A-1b).
 *
 * A second part lays a paragraph out with the text engine (font.h,
 * para.h) and checks the same properties on its output.
 *
 * Build and run from the repository root (the fonts/ folder is looked up
 * there):  make build/unit/test_pdf && build/unit/test_pdf
 * Scratch files go to a fresh folder under $TMPDIR (or /tmp), removed when
 * everything passed (kept with GR_TEST_KEEP=1 or on failure).
 */
#include "../../generator/util/gr.h"
#include "../../generator/layout/dlist.h"
#include "../../generator/pdf/pdf.h"
#include "../../generator/pdf/pdf_haru.h"
#include "../../generator/pdf/pdf_content.h"
#include "../../generator/pdf/pdf_md5.h"
#include "../../generator/pdf/pdf_font.h"
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include "../../generator/text/font.h"
#include "../../generator/text/para.h"

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <libdeflate.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#define KAI   "/usr/share/fonts/truetype/cns11643/TW-Kai-98_1.ttf"
#define EXTB  "/usr/share/fonts/truetype/cns11643/TW-Kai-Ext-B-98_1.ttf"
#define SERIF "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
#define PREFLIGHT "java -XX:-UsePerfData -Djava.awt.headless=true " \
    "-Djava.io.tmpdir=%s -Dpdfbox.fontcache=%s " \
    "-cp /usr/share/java/preflight.jar:/usr/share/java/pdfbox2.jar:" \
    "/usr/share/java/xmpbox.jar:/usr/share/java/fontbox2.jar:" \
    "/usr/share/java/commons-logging.jar:/usr/share/java/javax.activation.jar:" \
    "/usr/share/java/jaxb-api.jar org.apache.pdfbox.preflight.Validator_A1b"

#define PATH_LEN 512
#define CMD_LEN 4096

#include "unit.h"
static char scratch[256];          /* the test's scratch folder */

/* A 16x16 RGB baseline JPEG made with cjpeg from a generated gradient. */
static const unsigned char tiny_jpeg[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01,
  0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43,
  0x00, 0x10, 0x0b, 0x0c, 0x0e, 0x0c, 0x0a, 0x10, 0x0e, 0x0d, 0x0e, 0x12,
  0x11, 0x10, 0x13, 0x18, 0x28, 0x1a, 0x18, 0x16, 0x16, 0x18, 0x31, 0x23,
  0x25, 0x1d, 0x28, 0x3a, 0x33, 0x3d, 0x3c, 0x39, 0x33, 0x38, 0x37, 0x40,
  0x48, 0x5c, 0x4e, 0x40, 0x44, 0x57, 0x45, 0x37, 0x38, 0x50, 0x6d, 0x51,
  0x57, 0x5f, 0x62, 0x67, 0x68, 0x67, 0x3e, 0x4d, 0x71, 0x79, 0x70, 0x64,
  0x78, 0x5c, 0x65, 0x67, 0x63, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x11, 0x12,
  0x12, 0x18, 0x15, 0x18, 0x2f, 0x1a, 0x1a, 0x2f, 0x63, 0x42, 0x38, 0x42,
  0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
  0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
  0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
  0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
  0x63, 0x63, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10, 0x03,
  0x01, 0x11, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xc4, 0x00,
  0x16, 0x00, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x04, 0x06, 0xff, 0xc4, 0x00,
  0x17, 0x10, 0x00, 0x03, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x04, 0x31, 0xff, 0xc4,
  0x00, 0x18, 0x01, 0x00, 0x03, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x05, 0x06, 0x01, 0x02,
  0xff, 0xc4, 0x00, 0x17, 0x11, 0x00, 0x03, 0x01, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x04,
  0x02, 0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11,
  0x00, 0x3f, 0x00, 0xce, 0xce, 0x98, 0x66, 0xe7, 0x39, 0x9d, 0x89, 0xce,
  0x98, 0x0b, 0xb9, 0xc7, 0xf3, 0xb2, 0x49, 0xd3, 0x0a, 0x8d, 0xce, 0x4e,
  0x4e, 0xc4, 0xe7, 0x4c, 0x05, 0xdc, 0xe3, 0xe9, 0xd9, 0xff, 0xd9
};

/* ---- hand-made faces (what font.c would give) ------------------------- */

static int16_t be16(const char *p)
{
    return (int16_t)(((unsigned char)p[0] << 8) | (unsigned char)p[1]);
}

static void face_metrics(gr_face *f)
{
    hb_font_extents_t ext;
    hb_position_t cap = 0;
    unsigned len = 0;
    hb_blob_t *head = hb_face_reference_table(f->hbface, HB_TAG('h', 'e', 'a', 'd'));
    const char *h = hb_blob_get_data(head, &len);
    hb_font_get_h_extents(f->hbfont, &ext);
    f->ascender = ext.ascender;
    f->descender = ext.descender;
    if (hb_ot_metrics_get_position(f->hbfont, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap))
        f->cap_height = cap;
    if (len >= 44) {
        f->bbox[0] = be16(h + 36);
        f->bbox[1] = be16(h + 38);
        f->bbox[2] = be16(h + 40);
        f->bbox[3] = be16(h + 42);
    }
    hb_blob_destroy(head);
}

static gr_face *face_load(const char *path, int id)
{
    gr_face *f = gr_calloc(1, sizeof *f);
    char name[128];
    unsigned len = sizeof name;
    f->id = id;
    f->path = gr_strdup(path);
    f->blob = hb_blob_create_from_file_or_fail(path);
    if (!f->blob) { free(f->path); free(f); return NULL; }
    f->hbface = hb_face_create(f->blob, 0);
    f->upem = hb_face_get_upem(f->hbface);
    f->hbfont = hb_font_create(f->hbface);
    hb_font_set_scale(f->hbfont, (int)f->upem, (int)f->upem);
    f->nglyphs = hb_face_get_glyph_count(f->hbface);
    f->gid_text = gr_calloc(f->nglyphs, sizeof *f->gid_text);
    f->gid_text_len = gr_calloc(f->nglyphs, 1);
    if (hb_ot_name_get_utf8(f->hbface, HB_OT_NAME_ID_POSTSCRIPT_NAME,
                            HB_LANGUAGE_INVALID, &len, name) == 0)
        snprintf(name, sizeof name, "Face%d", id);
    f->psname = gr_strdup(name);
    f->family = gr_strdup(name);
    face_metrics(f);
    return f;
}

static void face_free(gr_face *f)
{
    unsigned i;
    if (!f) return;
    for (i = 0; i < f->nglyphs; i++) free(f->gid_text[i]);
    free(f->gid_text);
    free(f->gid_text_len);
    hb_font_destroy(f->hbfont);
    hb_face_destroy(f->hbface);
    hb_blob_destroy(f->blob);
    free(f->path);
    free(f->psname);
    free(f->family);
    free(f);
}

static void note_text(gr_face *f, uint32_t gid, const uint32_t *text, int n)
{
    if (gid >= f->nglyphs || f->gid_text[gid] || n <= 0) return;
    f->gid_text[gid] = gr_malloc((size_t)n * sizeof(uint32_t));
    memcpy(f->gid_text[gid], text, (size_t)n * sizeof(uint32_t));
    f->gid_text_len[gid] = (unsigned char)n;
}

/* Code points of utf8[from, to). */
static int decode_range(const char *s, size_t from, size_t to, uint32_t *out, int max)
{
    int n = 0;
    while (from < to && n < max) {
        uint32_t cp;
        from += (size_t)gr_utf8_decode(s + from, to - from, &cp);
        out[n++] = cp;
    }
    return n;
}

/* Shape utf8 with face at size; `extra` pt added after every glyph (as a
 * justifying line would). Returns the width. */
static double add_text(gr_doc *d, gr_page *pg, gr_face *f, const char *utf8,
                       double size, double x, double y, double extra, int bold)
{
    hb_buffer_t *buf = hb_buffer_create();
    unsigned n, i;
    hb_glyph_info_t *info;
    hb_glyph_position_t *pos;
    gr_dl_item it;
    double pen = 0, k = size / f->upem;
    size_t len = strlen(utf8);
    hb_buffer_add_utf8(buf, utf8, (int)len, 0, (int)len);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(f->hbfont, buf, NULL, 0);
    info = hb_buffer_get_glyph_infos(buf, &n);
    pos = hb_buffer_get_glyph_positions(buf, &n);
    memset(&it, 0, sizeof it);
    it.kind = GR_DL_TEXT;
    it.u.text.face = f;
    it.u.text.size = size;
    it.u.text.synth_bold = bold;
    it.u.text.color.r = bold ? 0.6 : 0;
    it.u.text.x = x;
    it.u.text.y = y;
    it.u.text.nglyphs = (int)n;
    it.u.text.glyphs = gr_arena_alloc(d->arena, n * sizeof(gr_glyph));
    for (i = 0; i < n; i++) {
        gr_glyph *g = &it.u.text.glyphs[i];
        uint32_t text[16];
        size_t end = i + 1 < n ? info[i + 1].cluster : len;
        g->gid = info[i].codepoint;
        g->x = (float)(pen + pos[i].x_offset * k);
        g->dy = (float)(pos[i].y_offset * k);
        g->advance = (float)(pos[i].x_advance * k);
        pen += pos[i].x_advance * k + extra;
        if (i == 0 || info[i].cluster != info[i - 1].cluster)
            note_text(f, g->gid, text,
                      decode_range(utf8, info[i].cluster, end, text, 16));
    }
    gr_page_add(pg, &it);
    hb_buffer_destroy(buf);
    return pen;
}

/* ---- building the test document --------------------------------------- */

typedef struct faces { gr_face *kai, *extb, *serif; } faces;

static gr_image *make_raw_image(gr_doc *d)
{
    gr_image *im = gr_calloc(1, sizeof *im);
    int x, y;
    im->id = (int)d->nimages;
    im->width = 8;
    im->height = 8;
    im->components = 3;
    im->bits = 8;
    im->len = 8 * 8 * 3;
    im->data = gr_malloc(im->len);
    for (y = 0; y < 8; y++)
        for (x = 0; x < 8; x++) {
            unsigned char *p = im->data + (y * 8 + x) * 3;
            p[0] = (unsigned char)(x * 32);
            p[1] = (unsigned char)(y * 32);
            p[2] = 128;
        }
    im->name = gr_strdup("raw-gradient");
    d->images = gr_grow(d->images, &d->imgcap, d->nimages + 1, sizeof *d->images);
    d->images[d->nimages++] = im;
    return im;
}

static gr_image *make_jpeg_image(gr_doc *d)
{
    gr_image *im = gr_calloc(1, sizeof *im);
    im->id = (int)d->nimages;
    im->is_jpeg = 1;
    im->width = 16;
    im->height = 16;
    im->components = 3;
    im->bits = 8;
    im->len = sizeof tiny_jpeg;
    im->data = gr_malloc(im->len);
    memcpy(im->data, tiny_jpeg, im->len);
    im->name = gr_strdup("tiny.jpg");
    d->images = gr_grow(d->images, &d->imgcap, d->nimages + 1, sizeof *d->images);
    d->images[d->nimages++] = im;
    return im;
}

static gr_outline *outline_node(gr_doc *d, const char *title, const char *dest)
{
    gr_outline *o = gr_arena_alloc(d->arena, sizeof *o);
    o->title = title ? gr_arena_strdup(d->arena, title) : NULL;
    o->dest_id = dest ? gr_arena_strdup(d->arena, dest) : NULL;
    o->open = 1;
    return o;
}

static void outline_add(gr_doc *d, gr_outline *parent, gr_outline *kid)
{
    gr_outline **k = gr_arena_alloc(d->arena, (size_t)(parent->nkids + 1) * sizeof *k);
    if (parent->nkids) memcpy(k, parent->kids, (size_t)parent->nkids * sizeof *k);
    k[parent->nkids++] = kid;
    parent->kids = k;
}

static void add_graphics(gr_doc *d, gr_page *pg)
{
    gr_color gray = {0.85, 0.85, 0.85}, blue = {0, 0, 0.8}, red = {0.8, 0.1, 0.1};
    gr_dl_item it;
    gr_seg *s;
    gr_page_add_rect(pg, 60, 300, 200, 40, gray);
    gr_page_add_rule(pg, 60, 350, 400, 350, 0.75, blue);
    memset(&it, 0, sizeof it);
    it.kind = GR_DL_PATH;
    s = gr_arena_alloc(d->arena, 6 * sizeof *s);
    s[0].op = GR_SEG_MOVE;  s[0].p[0] = 300; s[0].p[1] = 300;
    s[1].op = GR_SEG_LINE;  s[1].p[0] = 380; s[1].p[1] = 300;
    s[2].op = GR_SEG_CURVE; s[2].p[0] = 400; s[2].p[1] = 320;
    s[2].p[2] = 380; s[2].p[3] = 340; s[2].p[4] = 340; s[2].p[5] = 345;
    s[3].op = GR_SEG_CLOSE;
    s[4].op = GR_SEG_MOVE;  s[4].p[0] = 320; s[4].p[1] = 310;
    s[5].op = GR_SEG_LINE;  s[5].p[0] = 350; s[5].p[1] = 330;
    it.u.path.nseg = 6;
    it.u.path.seg = s;
    it.u.path.fill = it.u.path.stroke = it.u.path.evenodd = 1;
    it.u.path.fill_color = gray;
    it.u.path.stroke_color = red;
    it.u.path.stroke_width = 1.2;
    gr_page_add(pg, &it);
}

static void add_image(gr_page *pg, gr_image *im, double x, double y, double w, double h)
{
    gr_dl_item it;
    memset(&it, 0, sizeof it);
    it.kind = GR_DL_IMAGE;
    it.u.image.x = x;
    it.u.image.y = y;
    it.u.image.w = w;
    it.u.image.h = h;
    it.u.image.image = im;
    gr_page_add(pg, &it);
}

static void add_dest(gr_doc *d, gr_page *pg, const char *id, double x, double y)
{
    gr_dl_item it;
    memset(&it, 0, sizeof it);
    it.kind = GR_DL_DEST;
    it.u.dest.id = gr_arena_strdup(d->arena, id);
    it.u.dest.x = x;
    it.u.dest.y = y;
    gr_page_add(pg, &it);
}

static void add_link(gr_doc *d, gr_page *pg, const char *internal, const char *uri,
                     double x, double y, double w, double h)
{
    gr_dl_item it;
    memset(&it, 0, sizeof it);
    it.kind = GR_DL_LINK;
    it.u.link.internal = internal ? gr_arena_strdup(d->arena, internal) : NULL;
    it.u.link.uri = uri ? gr_arena_strdup(d->arena, uri) : NULL;
    it.u.link.x = x;
    it.u.link.y = y;
    it.u.link.w = w;
    it.u.link.h = h;
    gr_page_add(pg, &it);
}

static void add_missing(gr_page *pg, double x, double y, double size)
{
    gr_dl_item it;
    memset(&it, 0, sizeof it);
    it.kind = GR_DL_MISSING;
    it.u.missing.x = x;
    it.u.missing.y = y - 0.8 * size;
    it.u.missing.w = size;
    it.u.missing.h = 0.9 * size;
    it.u.missing.cp = 0x10FFFD;
    gr_page_add(pg, &it);
}

/* The text of the document, in reading order, for the round trip. */
static const char *const expected_text[] = {
    "性別平等工作推動成果報告",
    "姓名：王", "𠮷", "明、陳", "𡘙", "華", "Gender Equality 2024",
    "粗體標題",
    "第二頁", "附件",
    NULL
};

static gr_doc *build_doc(const faces *F)
{
    gr_doc *d = gr_doc_new();
    gr_page *p1 = gr_doc_add_page(d, 595.276, 841.89);
    gr_page *p2 = gr_doc_add_page(d, 595.276, 841.89);
    gr_image *raw = make_raw_image(d), *jpg = make_jpeg_image(d);
    gr_outline *root = outline_node(d, NULL, NULL), *ch1, *ch2;
    double x;

    d->title = gr_arena_strdup(d->arena, "性別平等報告 𠮷 & <test>");
    d->lang = "zh-TW";
    add_dest(d, p1, "top", 60, 60);
    /* a justified title line: 0.6 pt added after each glyph */
    add_text(d, p1, F->kai, expected_text[0], 16, 60, 100, 0.6, 0);
    /* a mixed line: Kai, Ext-B, Kai, Ext-B, Kai, Latin */
    x = 60;
    x += add_text(d, p1, F->kai, expected_text[1], 12, x, 140, 0, 0);
    x += add_text(d, p1, F->extb, expected_text[2], 12, x, 140, 0, 0);
    x += add_text(d, p1, F->kai, expected_text[3], 12, x, 140, 0, 0);
    x += add_text(d, p1, F->extb, expected_text[4], 12, x, 140, 0, 0);
    x += add_text(d, p1, F->kai, expected_text[5], 12, x, 140, 0, 0);
    x += 3;
    x += add_text(d, p1, F->serif, expected_text[6], 12, x, 140, 0.3, 0);
    add_missing(p1, x + 4, 140, 12);
    /* synthetic bold */
    add_text(d, p1, F->kai, expected_text[7], 14, 60, 180, 0, 1);
    add_graphics(d, p1);
    add_image(p1, raw, 60, 400, 64, 64);
    add_image(p1, jpg, 140, 400, 64, 64);
    add_link(d, p1, "sec2", NULL, 60, 84, 200, 20);
    add_link(d, p1, NULL, "https://example.org/報告?q=(a)", 60, 126, 100, 16);
    add_dest(d, p2, "sec2", 60, 80);
    add_text(d, p2, F->kai, expected_text[8], 12, 60, 100, 0, 0);
    add_text(d, p2, F->kai, expected_text[9], 12, 60, 130, 0, 0);
    add_image(p2, raw, 60, 200, 32, 32);
    add_image(p2, jpg, 100, 200, 32, 32);
    ch1 = outline_node(d, "第一章 總說", "top");
    ch2 = outline_node(d, "附件 𠮷", "sec2");
    outline_add(d, root, ch1);
    outline_add(d, ch1, ch2);
    outline_add(d, root, outline_node(d, "No target", "missing-id"));
    d->outline = root;
    return d;
}

/* ---- helpers for the checks ------------------------------------------- */

static int read_all(const char *path, unsigned char **data, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    long n;
    if (!fp) return -1;
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    *data = gr_malloc((size_t)n + 1);
    *len = fread(*data, 1, (size_t)n, fp);
    (*data)[*len] = 0;
    fclose(fp);
    return 0;
}

/* Run a shell command, capture stdout+stderr; returns exit status. */
static int run(const char *cmd, gr_buf *out)
{
    char chunk[4096];
    size_t n;
    FILE *p = popen(cmd, "r");
    int st;
    gr_buf_init(out);
    if (!p) return -1;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        gr_buf_add(out, chunk, n);
    gr_buf_cstr(out);
    st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void strip_space(char *s)
{
    char *o = s;
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) *o++ = *s;
    *o = 0;
}

static int write_doc(gr_ctx *ctx, gr_doc *d, const char *path, int level)
{
    gr_pdf_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.font_level = level;
    return gr_pdf_write(ctx, d, NULL, &opts, path);
}

/* ---- checks ----------------------------------------------------------- */

static void check_dlist(const faces *F)
{
    gr_doc *d = gr_doc_new();
    gr_page *pg = gr_doc_add_page(d, 200, 300);
    gr_glyph glyphs[2] = {{5, 0, 0, 10}, {6, 10, 0, 10}};
    gr_run runs[2];
    gr_line ln;
    gr_color black = {0, 0, 0};
    int n;
    memset(runs, 0, sizeof runs);
    memset(&ln, 0, sizeof ln);
    runs[0].face = F->kai; runs[0].size = 10; runs[0].x = 5; runs[0].width = 20;
    runs[0].nglyphs = 2; runs[0].glyphs = glyphs; runs[0].underline = 1;
    runs[1].size = 10; runs[1].x = 25; runs[1].width = 10; runs[1].missing = 1;
    ln.nruns = 2; ln.runs = runs; ln.baseline = 8;
    n = gr_page_add_line(d, pg, &ln, 10, 20);
    CHECK(n == 3 && pg->nitems == 3, "add_line gives text+underline+missing (%d)", n);
    CHECK(pg->items[0].kind == GR_DL_TEXT && pg->items[0].u.text.glyphs != glyphs
          && pg->items[0].u.text.glyphs[1].gid == 6 && pg->items[0].u.text.x == 15
          && pg->items[0].u.text.y == 28, "text item copied and placed");
    CHECK(pg->items[1].kind == GR_DL_LINE && pg->items[1].u.line.y1 == 28.5
          && pg->items[1].u.line.width == 0.5, "underline 0.05 em below, 1/20 em thick");
    CHECK(pg->items[2].kind == GR_DL_MISSING && pg->items[2].u.missing.x == 35,
          "missing box placed");
    gr_page_add_rect(pg, 0, 0, 5, 5, black);
    gr_page_insert(pg, 0, &pg->items[3]);
    CHECK(pg->nitems == 5 && pg->items[0].kind == GR_DL_RECT
          && pg->items[1].kind == GR_DL_TEXT, "insert at 0 shifts items");
    gr_page_truncate(pg, 2);
    CHECK(pg->nitems == 2, "truncate");
    gr_doc_free(d);
}

static void check_same_bytes(const char *a, const char *b)
{
    unsigned char *da = NULL, *db = NULL;
    size_t la = 0, lb = 0;
    int ok = read_all(a, &da, &la) == 0 && read_all(b, &db, &lb) == 0;
    CHECK(ok && la == lb && memcmp(da, db, la) == 0,
          "two writes give identical bytes (%zu vs %zu)", la, lb);
    CHECK(ok && la > 9 && memcmp(da, "%PDF-1.4\n", 9) == 0, "header is %%PDF-1.4");
    free(da);
    free(db);
}

static void check_text(const char *pdf)
{
    char cmd[CMD_LEN];
    gr_buf out, want;
    int i, st;
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s - 2>&1", pdf);
    st = run(cmd, &out);
    gr_buf_init(&want);
    for (i = 0; expected_text[i]; i++)
        gr_buf_adds(&want, expected_text[i]);
    gr_buf_cstr(&want);
    strip_space((char *)want.data);
    strip_space((char *)out.data);
    CHECK(st == 0 && strcmp((char *)out.data, (char *)want.data) == 0,
          "pdftotext round trip\n  got:  %s\n  want: %s", (char *)out.data,
          (char *)want.data);
    gr_buf_free(&out);
    gr_buf_free(&want);
}

static void check_fonts(const char *pdf)
{
    char cmd[CMD_LEN], *line, *save = NULL;
    gr_buf out;
    int rows = 0, good = 0, st;
    snprintf(cmd, sizeof cmd, "pdffonts %s 2>&1", pdf);
    st = run(cmd, &out);
    printf("%s", (char *)out.data);
    for (line = strtok_r((char *)out.data, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "name", 4) == 0 || strncmp(line, "----", 4) == 0) continue;
        rows++;
        if (strstr(line, "CID TrueType") && strstr(line, "Identity-H")
            && strstr(line, " yes yes yes ") && line[6] == '+')
            good++;
    }
    CHECK(st == 0 && rows == 3 && good == 3,
          "pdffonts: 3 fonts, all embedded/subset/ToUnicode (%d of %d)", good, rows);
    gr_buf_free(&out);
}

static void check_qpdf(const char *pdf, const char *dir)
{
    char cmd[CMD_LEN];
    gr_buf out;
    int st;
    snprintf(cmd, sizeof cmd, "qpdf --check %s 2>&1", pdf);
    st = run(cmd, &out);
    CHECK(st == 0 && strstr((char *)out.data, "No syntax or stream encoding errors")
          && !strstr((char *)out.data, "WARNING"), "qpdf --check:\n%s", (char *)out.data);
    gr_buf_free(&out);
    /* the uncompressed form: ToUnicode with surrogate pairs, no cidrange */
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable %s %s/qdf.pdf 2>&1"
             " && grep -a -c -e '<D842DFB7>' -e '<D845DE19>' %s/qdf.pdf"
             " ; grep -a -c begincidrange %s/qdf.pdf", pdf, dir, dir, dir);
    st = run(cmd, &out);
    CHECK(strncmp((char *)out.data, "2\n0", 3) == 0,
          "ToUnicode maps 𠮷/𡘙 to surrogate pairs, no cidrange (%s)", (char *)out.data);
    gr_buf_free(&out);
    snprintf(cmd, sizeof cmd, "qpdf --json --json-key=outlines %s 2>&1", pdf);
    st = run(cmd, &out);
    CHECK(st == 0 && strstr((char *)out.data, "\"title\": \"第一章 總說\"")
          && strstr((char *)out.data, "\"title\": \"附件 𠮷\""),
          "outline titles survive as Unicode:\n%s", (char *)out.data);
    gr_buf_free(&out);
    snprintf(cmd, sizeof cmd, "pdfinfo %s 2>&1", pdf);
    st = run(cmd, &out);
    CHECK(st == 0 && strstr((char *)out.data, "Title:           性別平等報告 𠮷 & <test>")
          && strstr((char *)out.data, "Producer:        gereport ")
          && strstr((char *)out.data, "Pages:           2"),
          "pdfinfo title/producer/pages:\n%s", (char *)out.data);
    gr_buf_free(&out);
}

static void check_preflight(const char *pdf)
{
    char cmd[CMD_LEN];
    gr_buf out;
    snprintf(cmd, sizeof cmd, PREFLIGHT " %s 2>&1", scratch, scratch, pdf);
    run(cmd, &out);
    CHECK(strstr((char *)out.data, "is a valid PDF/A-1b file") != NULL,
          "PDFBox preflight:\n%s", (char *)out.data);
    gr_buf_free(&out);
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* One line of Chinese: how big is the file? */
static void check_one_line_size(gr_ctx *ctx, const faces *F, const char *dir)
{
    gr_doc *d = gr_doc_new();
    gr_page *pg = gr_doc_add_page(d, 595.276, 841.89);
    char path[PATH_LEN];
    long size;
    snprintf(path, sizeof path, "%s/oneline.pdf", dir);
    add_text(d, pg, F->kai, "臺北市政府性別平等工作推動成果報告書", 12, 60, 100, 0, 0);
    CHECK(write_doc(ctx, d, path, -1) == GR_OK, "one-line document written");
    size = file_size(path);
    printf("one line of Chinese (18 characters, TW-Kai): %ld bytes\n", size);
    CHECK(size > 0 && size < 20000, "one-line PDF is a few KB (%ld bytes)", size);
    check_preflight(path);
    gr_doc_free(d);
}


/* ---- with the text engine (font.h / para.h) ---------------------------- */

static const char engine_text[] =
    "臺北市政府113年度性別平等工作推動成果報告：本府依據CEDAW施行法，"
    "推動性別主流化，辦理性別影響評估共計42件（含「計畫」與「法案」），"
    "承辦人王𠮷明、陳𡘙華。Gender mainstreaming is reviewed every year.";

/* Lays engine_text out at 300 pt, justified, plus a bold heading; returns
 * the number of lines. */
static int engine_doc(gr_ctx *ctx, gr_fontset *fs, gr_doc *d)
{
    gr_page *pg = gr_doc_add_page(d, 595.276, 841.89);
    gr_fontchain *body = gr_fontset_chain(fs, "標楷體, serif", 400, "test.fo", 1);
    gr_fontchain *bold = gr_fontset_chain(fs, "標楷體, serif", 700, "test.fo", 2);
    gr_para *head, *para;
    gr_para_opts o;
    gr_text_style st;
    double y = 72;
    int i, n = 0;
    if (!body || !bold) return -1;
    memset(&st, 0, sizeof st);
    st.size = 12;
    st.line_height = 18;
    st.file = "test.fo";
    st.line = 1;
    memset(&o, 0, sizeof o);
    o.width = 300;
    o.align = GR_ALIGN_JUSTIFY;
    o.align_last = GR_ALIGN_START;
    o.avoid_short_last = 1;
    head = gr_para_new(ctx);
    st.chain = bold;
    st.size = 16;
    st.line_height = 24;
    gr_para_add_text(head, "成果報告", strlen("成果報告"), &st);
    para = gr_para_new(ctx);
    st.chain = body;
    st.size = 12;
    st.line_height = 18;
    gr_para_add_text(para, engine_text, strlen(engine_text), &st);
    if (gr_para_layout(head, &o) != GR_OK || gr_para_layout(para, &o) != GR_OK) {
        gr_para_free(head);
        gr_para_free(para);
        return -1;
    }
    for (i = 0; i < gr_para_nlines(head); i++) {
        const gr_line *ln = gr_para_line(head, i);
        gr_page_add_line(d, pg, ln, 72, y);
        y += ln->height;
    }
    for (i = 0; i < gr_para_nlines(para); i++, n++) {
        const gr_line *ln = gr_para_line(para, i);
        gr_page_add_line(d, pg, ln, 72, y);
        y += ln->height;
    }
    gr_para_free(head);
    gr_para_free(para);
    return n;
}

static void check_engine(gr_ctx *ctx, const char *dir)
{
    gr_fontset *fs = gr_fontset_new(ctx, "fonts");
    gr_doc *d;
    char path[PATH_LEN], cmd[CMD_LEN];
    gr_buf out, want;
    int lines;
    CHECK(fs != NULL, "gr_fontset_new(fonts) (run from the repository root)");
    if (!fs) return;
    d = gr_doc_new();
    lines = engine_doc(ctx, fs, d);
    CHECK(lines >= 3, "engine paragraph laid out (%d lines)", lines);
    snprintf(path, sizeof path, "%s/engine.pdf", dir);
    CHECK(write_doc(ctx, d, path, -1) == GR_OK, "engine document written");
    printf("engine document (%d lines, %d faces): %ld bytes\n", lines,
           gr_fontset_nfaces(fs), file_size(path));
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s - 2>&1", path);
    run(cmd, &out);
    gr_buf_init(&want);
    gr_buf_adds(&want, "成果報告");
    gr_buf_adds(&want, engine_text);
    gr_buf_cstr(&want);
    strip_space((char *)out.data);
    strip_space((char *)want.data);
    CHECK(strcmp((char *)out.data, (char *)want.data) == 0,
          "engine text round trip\n  got:  %s\n  want: %s", (char *)out.data,
          (char *)want.data);
    gr_buf_free(&out);
    gr_buf_free(&want);
    snprintf(cmd, sizeof cmd, "pdffonts %s 2>&1 | tail -n +3 | grep -v -c ' yes yes yes '", path);
    run(cmd, &out);
    CHECK(strcmp((char *)out.data, "0\n") == 0, "engine fonts all embedded/subset/uni");
    gr_buf_free(&out);
    check_preflight(path);
    gr_doc_free(d);
    gr_fontset_free(fs);
}

static void check_unwritable(gr_ctx *ctx, const faces *F)
{
    gr_doc *d = gr_doc_new();
    gr_page *pg = gr_doc_add_page(d, 300, 300);
    const char *bad = "/nonexistent-dir-gr-test/out.pdf";
    int rc;
    add_text(d, pg, F->serif, "x", 12, 10, 20, 0, 0);
    printf("(an error message about %s is expected here:)\n", bad);
    fflush(stdout);
    rc = write_doc(ctx, d, bad, 1);
    CHECK(rc == GR_ESYS && access(bad, F_OK) != 0, "unwritable path: GR_ESYS, no file");
    gr_doc_free(d);
}

/* A document without pages still gives a valid (one blank page) PDF/A. */
static void check_empty_doc(gr_ctx *ctx, const char *dir)
{
    gr_doc *d = gr_doc_new();
    char path[PATH_LEN], cmd[CMD_LEN];
    gr_buf out;
    snprintf(path, sizeof path, "%s/empty.pdf", dir);
    CHECK(write_doc(ctx, d, path, 1) == GR_OK, "empty document written");
    snprintf(cmd, sizeof cmd, "qpdf --check %s 2>&1", path);
    CHECK(run(cmd, &out) == 0, "empty document passes qpdf --check");
    gr_buf_free(&out);
    check_preflight(path);
    gr_doc_free(d);
}

/* A libharu failure (a broken JPEG) is reported once and leaves no file. */
static void check_bad_image(gr_ctx *ctx, const char *dir)
{
    gr_doc *d = gr_doc_new();
    gr_page *pg = gr_doc_add_page(d, 300, 300);
    gr_image *im = make_jpeg_image(d);
    char path[PATH_LEN];
    int errors = ctx->nerrors, rc;
    im->len = 40;                     /* cut short: not a valid JPEG */
    add_image(pg, im, 10, 10, 50, 50);
    snprintf(path, sizeof path, "%s/bad.pdf", dir);
    printf("(an error message about tiny.jpg is expected here:)\n");
    fflush(stdout);
    rc = write_doc(ctx, d, path, 1);
    CHECK(rc == GR_ESYS && ctx->nerrors == errors + 1 && access(path, F_OK) != 0,
          "broken JPEG: one error, GR_ESYS, no file (rc %d)", rc);
    gr_doc_free(d);
}

/* ---- the libharu contract (generator/pdf/pdf_haru.c) -------------------- */

static int sink_buf(void *user, const unsigned char *data, size_t len)
{
    gr_buf_add(user, data, len);
    return 0;
}

static size_t count_str(const gr_buf *b, const char *s)
{
    size_t n = 0, k = strlen(s), i;
    for (i = 0; i + k <= b->len; i++)
        if (memcmp(b->data + i, s, k) == 0) n++;
    return n;
}

static const unsigned char *find_bytes(const gr_buf *b, const void *s, size_t k)
{
    size_t i;
    for (i = 0; k && i + k <= b->len; i++)
        if (memcmp(b->data + i, s, k) == 0) return b->data + i;
    return NULL;
}

/* What pdf_haru.c relies on, checked on the libharu at hand: fails when a
 * libharu version writes pre-deflated data differently, compresses it
 * again, loses a font resource, ignores the page tree configuration or
 * does not save through the callback writer. */
/* ---- glyph runs: character spacing ------------------------------------ */

/* Reads a content stream as a PDF reader places glyphs (Tf, Tc, Tm, Td,
 * Tj, TJ; the text matrix is a translation here) and writes each glyph's
 * x into xs (up to cap); returns the number of glyphs, -1 on a token it
 * does not know. Widths: every CID's W entry is width_of(cid). */
static int place_glyphs(const gr_buf *b, int (*width_of)(unsigned), double *xs, int cap,
                        int *ntc, int *nadj)
{
    const char *p = (const char *)b->data, *e = p + b->len;
    double num[8], size = 0, tc = 0, tlm = 0, tm = 0;
    int nnum = 0, n = 0, in_array = 0;
    *ntc = *nadj = 0;
    while (p < e) {
        if (isspace((unsigned char)*p)) { p++; continue; }
        if (*p == '<') {                        /* a hex string of CIDs */
            const char *q = ++p;
            while (p < e && *p != '>') p++;
            for (; q + 4 <= p; q += 4) {
                char h[5] = { q[0], q[1], q[2], q[3], 0 };
                unsigned cid = (unsigned)strtoul(h, NULL, 16);
                if (n < cap) xs[n] = tm;
                n++;
                tm += width_of(cid) / 1000.0 * size + tc;
            }
            p++;
            continue;
        }
        if (*p == '[') { in_array = 1; p++; continue; }
        if (*p == ']') { in_array = 0; p++; continue; }
        if (*p == '/') { while (p < e && !isspace((unsigned char)*p)) p++; continue; }
        if (*p == '-' || *p == '.' || isdigit((unsigned char)*p)) {
            char *end;
            double v = strtod(p, &end);
            p = end;
            if (in_array) { tm -= v / 1000.0 * size; (*nadj)++; }
            else if (nnum < 8) num[nnum++] = v;
            continue;
        }
        {
            const char *q = p;
            while (p < e && !isspace((unsigned char)*p)) p++;
            if (p - q == 2 && !memcmp(q, "Tf", 2) && nnum >= 1) size = num[nnum - 1];
            else if (p - q == 2 && !memcmp(q, "Tc", 2) && nnum >= 1) { tc = num[nnum - 1]; (*ntc)++; }
            else if (p - q == 2 && !memcmp(q, "Tm", 2) && nnum >= 6) tlm = tm = num[4];
            else if (p - q == 2 && !memcmp(q, "Td", 2) && nnum >= 2) tlm = tm = tlm + num[0];
            else if ((p - q == 2 && (!memcmp(q, "Tj", 2) || !memcmp(q, "TJ", 2) || !memcmp(q, "BT", 2)
                                     || !memcmp(q, "ET", 2) || !memcmp(q, "rg", 2)
                                     || !memcmp(q, "Tr", 2))))
                ;
            else return -1;
            nnum = 0;
        }
    }
    return n;
}

static int width_cjk(unsigned cid) { return cid == 9 ? 1000 : cid < 100 ? 1000 : 556; }

/* One run through pdf_content_show; returns the largest distance of a
 * glyph from where it was asked to be, in 1/1000 em. */
static double show_run(pdf_content *c, const double *x, const unsigned *cid, int n,
                       double size, int *ntc, int *nadj)
{
    static const gr_color black = { 0, 0, 0 };
    static const char face = 0;
    pdf_glyph *g = pdf_content_glyphs(c, (size_t)n);
    double xs[64], worst = 0;
    int k, got;
    for (k = 0; k < n; k++) {
        g[k].cid = cid[k];
        g[k].width = width_cjk(cid[k]);
        g[k].x = x[k] - x[0];
    }
    pdf_content_text_state(c, &face, "F0", size, black, 0, 0);
    pdf_content_show(c, x[0], 700, size, (size_t)n);
    pdf_content_end(c);
    got = place_glyphs(&c->out, width_cjk, xs, 64, ntc, nadj);
    if (got != n) return 1e9;
    for (k = 0; k < n; k++) {
        double d = fabs(xs[k] - x[k]) * 1000.0 / size;
        if (d > worst) worst = d;
    }
    return worst;
}

static void check_glyph_runs(void)
{
    pdf_content c;
    double x[40];
    unsigned cid[40];
    int k, ntc, nadj;
    double worst;
    const double size = 11.5, gap = 0.259744;   /* a justified line's spread */
    pdf_content_init(&c);

    /* a justified line of 30 ideographs: spacing set once, no adjustments */
    for (k = 0; k < 30; k++) { cid[k] = 10 + (unsigned)k; x[k] = 56.7 + k * (size + gap); }
    pdf_content_begin(&c, 842, NULL, 0, 1);
    worst = show_run(&c, x, cid, 30, size, &ntc, &nadj);
    CHECK(worst <= 0.005 + 1e-9, "justified run: every glyph within 0.005/1000 em (%g)", worst);
    CHECK(ntc == 1 && nadj == 0, "justified run: one Tc, no adjustment (%d Tc, %d adjustments)",
          ntc, nadj);

    /* the same with a squeezed mark (half an em pulled back) in the middle:
       no spacing (a reader's text extraction would split the line), every
       glyph where it was */
    for (k = 16; k < 30; k++) x[k] -= size / 2;
    cid[15] = 9;
    pdf_content_begin(&c, 842, NULL, 0, 1);
    worst = show_run(&c, x, cid, 30, size, &ntc, &nadj);
    CHECK(worst <= 0.005 + 1e-9, "run with a squeezed mark: glyphs in place (%g)", worst);
    CHECK(ntc == 0 && nadj == 29, "run with a squeezed mark: no Tc (%d Tc, %d adjustments)",
          ntc, nadj);

    /* a stream following another (its state unknown): spacing written */
    for (k = 0; k < 30; k++) { cid[k] = 10 + (unsigned)k; x[k] = 56.7 + k * (size + gap); }
    pdf_content_begin(&c, 842, NULL, 0, 0);
    worst = show_run(&c, x, cid, 30, size, &ntc, &nadj);
    CHECK(worst <= 0.005 + 1e-9 && ntc == 1, "second stream: Tc written (%d), glyphs in place (%g)",
          ntc, worst);
    /* unknown state and no spacing wanted: "0 Tc" written */
    for (k = 0; k < 5; k++) { cid[k] = 10 + (unsigned)k; x[k] = 56.7 + k * size; }
    pdf_content_begin(&c, 842, NULL, 0, 0);
    worst = show_run(&c, x, cid, 5, size, &ntc, &nadj);
    CHECK(worst <= 0.005 + 1e-9 && ntc == 1 && strstr((char *)c.out.data, "0 Tc") != NULL,
          "second stream, plain run: 0 Tc written (%g)", worst);

    /* Latin of uneven widths, spread unevenly: adjustments, glyphs in place */
    for (k = 0; k < 20; k++) { cid[k] = 200 + (unsigned)k; x[k] = 60 + k * 0.556 * size + (k % 3) * 0.37 + k * 0.01; }
    pdf_content_begin(&c, 842, NULL, 0, 1);
    worst = show_run(&c, x, cid, 20, size, &ntc, &nadj);
    CHECK(worst <= 0.005 + 1e-9, "uneven run: glyphs in place (%g)", worst);

    /* a run in another size after a justified one keeps what fits */
    for (k = 0; k < 30; k++) { cid[k] = 10 + (unsigned)k; x[k] = 56.7 + k * (size + gap); }
    pdf_content_begin(&c, 842, NULL, 0, 1);
    worst = show_run(&c, x, cid, 30, size, &ntc, &nadj);
    for (k = 0; k < 3; k++) { cid[k] = 10 + (unsigned)k; x[k] = 56.7 + k * 9; }
    show_run(&c, x, cid, 3, 9, &ntc, &nadj);
    {   /* the whole stream again: both runs in place */
        double xs[64];
        int got = place_glyphs(&c.out, width_cjk, xs, 64, &ntc, &nadj);
        CHECK(got == 33 && fabs(xs[30] - 56.7) < 1e-3 && fabs(xs[31] - 65.7) < 1e-4
              && fabs(xs[32] - 74.7) < 1e-4,
              "second run in 9 pt after a justified 11.5 pt run: in place (%d glyphs)", got);
    }
    pdf_content_free(&c);
}

static void test_haru_contract(const char *dir)
{
    static const char content[] = "0 0 m 100 100 l S\n";
    static const char other[] = "some stream data, stored deflated by us\n";
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_Page pages[5];
    HPDF_Dict font, st;
    pdf_zip *z = pdf_zip_new();
    gr_buf zc, zo, out;
    char path[PATH_LEN], cmd[CMD_LEN];
    const unsigned char *at;
    FILE *f;
    int i;
    gr_buf_init(&zc);
    gr_buf_init(&zo);
    gr_buf_init(&out);
    CHECK(pdf != NULL, "libharu: a document");
    if (!pdf) return;
    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
    CHECK(HPDF_SetPagesConfiguration(pdf, 2) == HPDF_OK, "libharu: page tree configuration");
    for (i = 0; i < 5; i++) pages[i] = HPDF_AddPage(pdf);
    pdf_deflate(z, PDF_LEVEL_CONTENT, content, sizeof content - 1, &zc);
    pdf_deflate(z, PDF_LEVEL_OTHER, other, sizeof other - 1, &zo);
    CHECK(pdf_haru_page_content(pdf, pages[0], zc.data, zc.len) == HPDF_OK, "libharu: page content set");
    st = pdf_haru_flate_stream(pdf, zo.data, zo.len);
    font = HPDF_Dict_New(pdf->mmgr);
    HPDF_Dict_AddName(font, "Type", "Font");
    CHECK(st && font && pdf_haru_page_font(pages[1], "Fcontract", font) == HPDF_OK,
          "libharu: stream and font resource made");
    HPDF_Dict_Add(font, "Data", st);
    CHECK(pdf_haru_save(pdf, sink_buf, &out) == HPDF_OK && out.len > 0, "libharu: saved through the callback");
    at = find_bytes(&out, zc.data, zc.len);
    CHECK(at != NULL, "libharu: the page's deflated content is in the file as given");
    CHECK(find_bytes(&out, zo.data, zo.len) != NULL, "libharu: a deflated stream is in the file as given");
    CHECK(count_str(&out, "/Filter /FlateDecode") == 2 && count_str(&out, "/Filter [") == 0,
          "libharu: each of the two streams says /Filter /FlateDecode once (%zu)",
          count_str(&out, "/Filter /FlateDecode"));
    CHECK(count_str(&out, "/Fcontract ") == 1, "libharu: the font is in the page's resources");
    CHECK(count_str(&out, "/Type /Pages") == 4 && count_str(&out, "/Count 5") == 1
          && count_str(&out, "/Count 2") == 2 && count_str(&out, "/Count 1") == 1,
          "libharu: 5 pages, 2 per node: a root over nodes of 2, 2 and 1 pages (%zu)",
          count_str(&out, "/Type /Pages"));
    snprintf(path, sizeof path, "%s/contract.pdf", dir);
    f = fopen(path, "wb");
    if (f) {
        fwrite(out.data, 1, out.len, f);
        fclose(f);
    }
    snprintf(cmd, sizeof cmd, "qpdf --check %s > /dev/null 2>&1", path);
    CHECK(system(cmd) == 0, "libharu: qpdf --check passes on the file (its streams decode)");
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable %s - 2>/dev/null | "
             "grep -a -q '^0 0 m 100 100 l S$'", path);
    CHECK(system(cmd) == 0, "libharu: the page content decodes to what we wrote");
    HPDF_Free(pdf);
    pdf_zip_free(z);
    gr_buf_free(&zc);
    gr_buf_free(&zo);
    gr_buf_free(&out);
}

/* pdf_glyf_read_pieces: pieces of a file land where they are asked to,
 * whether read alone, several to a read (gaps up to PDF_GLYF_GAP), across
 * the window's end, or larger than the window; a piece past the end of
 * the file fails. */
static void check_glyf_pieces(const char *dir)
{
    enum { FLEN = 400000 };
    static const unsigned from[] = { 10, 300, 301 + 0, 5000, 5000 + 40 + PDF_GLYF_GAP,
                                     30000, 31000, 32000, 33000, 60000, 90000,
                                     100000, 250000, 399990 };
    static const unsigned len[] = { 290, 1, 4000, 40, 100, 1000, 1000, 1000, 20000,
                                    29000, 9000, 140000, 2, 10 };
    size_t n = sizeof from / sizeof *from, i, at = 0, total = 0;
    unsigned char *file = gr_malloc(FLEN), *out, *want;
    pdf_glyf_piece p[sizeof from / sizeof *from];
    char path[PATH_LEN];
    FILE *f;
    int fd, ok;
    for (i = 0; i < FLEN; i++) file[i] = (unsigned char)(i * 7 + (i >> 8));
    snprintf(path, sizeof path, "%s/glyf.bin", dir);
    f = fopen(path, "wb");
    CHECK(f && fwrite(file, 1, FLEN, f) == FLEN, "glyf pieces: scratch file written");
    if (f) fclose(f);
    for (i = 0; i < n; i++) total += len[i];
    out = gr_calloc(total + 1, 1);
    want = gr_calloc(total + 1, 1);
    for (i = 0; i < n; i++) {
        p[i].at = at;
        p[i].from = from[i] - 5;            /* the file's glyf starts at 5 */
        p[i].len = len[i];
        memcpy(want + at, file + from[i], len[i]);
        at += len[i];
    }
    fd = open(path, O_RDONLY);
    ok = fd >= 0 && pdf_glyf_read_pieces(fd, 5, p, n, out);
    CHECK(ok && memcmp(out, want, total) == 0,
          "glyf pieces: %zu pieces (alone, merged, across the window, larger than it) where asked", n);
    p[n - 1].len = 20;                      /* past the end of the file */
    CHECK(fd >= 0 && !pdf_glyf_read_pieces(fd, 5, p, n, out), "glyf pieces: a piece past the end fails");
    if (fd >= 0) close(fd);
    free(file);
    free(out);
    free(want);
}

/* ---- the subset read in pieces ------------------------------------------ */

/* The table `tag` of the font program f (len bytes); NULL if absent. */
static const unsigned char *font_table(const unsigned char *f, size_t len, const char *tag,
                                       size_t *tlen)
{
    size_t i, n;
    if (len < 12) return NULL;
    n = (size_t)f[4] << 8 | f[5];
    for (i = 0; i < n && 12 + 16 * i + 16 <= len; i++) {
        const unsigned char *r = f + 12 + 16 * i;
        size_t off = (size_t)r[8] << 24 | (size_t)r[9] << 16 | (size_t)r[10] << 8 | r[11];
        size_t l = (size_t)r[12] << 24 | (size_t)r[13] << 16 | (size_t)r[14] << 8 | r[15];
        if (memcmp(r, tag, 4) == 0 && off <= len && l <= len - off) {
            *tlen = l;
            return f + off;
        }
    }
    return NULL;
}

/* The largest FontFile2 program of the PDF at path, inflated (malloc'd);
 * NULL if none. */
static unsigned char *largest_font_program(const char *path, size_t *len)
{
    static const char key[] = "/Length1 ";
    FILE *f = fopen(path, "rb");
    long size = file_size(path);
    unsigned char *pdf, *raw = NULL;
    const unsigned char *best = NULL;
    size_t best_len = 0, i, got = 0;
    struct libdeflate_decompressor *d;
    if (!f || size <= 0) {
        if (f) fclose(f);
        return NULL;
    }
    pdf = gr_malloc((size_t)size);
    if (fread(pdf, 1, (size_t)size, f) != (size_t)size) size = 0;
    fclose(f);
    for (i = 0; i + sizeof key < (size_t)size; i++) {
        size_t n, k;
        if (memcmp(pdf + i, key, sizeof key - 1) != 0) continue;
        n = strtoul((const char *)pdf + i + sizeof key - 1, NULL, 10);
        if (n <= best_len) continue;
        for (k = i; k + 7 < (size_t)size && memcmp(pdf + k, "stream", 6) != 0; k++) {}
        k += 6;
        while (k < (size_t)size && (pdf[k] == '\r' || pdf[k] == '\n')) k++;
        best_len = n;
        best = pdf + k;
    }
    d = libdeflate_alloc_decompressor();
    if (best && d) {
        raw = gr_malloc(best_len);
        if (libdeflate_zlib_decompress(d, best, (size_t)(pdf + size - best), raw, best_len, &got)
            != LIBDEFLATE_SUCCESS || got != best_len) {
            free(raw);
            raw = NULL;
        }
    }
    if (d) libdeflate_free_decompressor(d);
    free(pdf);
    *len = best_len;
    return raw;
}

/* The writer reads the kept glyphs from the font file in pieces (glyphs
 * near each other in one read: pdf_font.c sparse_face, read_pieces) and
 * subsets a copy of the face holding only those: the glyf, loca and hmtx
 * it embeds are those of hb-subset run on the whole face. The text is a
 * run of consecutive characters (neighbouring glyphs, reads of more than
 * one window) and characters spread over the font. */
static void check_subset_pieces(gr_ctx *ctx, const faces *F, const char *dir)
{
    static const char *const tags[] = { "glyf", "loca", "hmtx" };
    gr_doc *d = gr_doc_new();
    gr_page *pg = gr_doc_add_page(d, 595, 842);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_set_t *drop = in ? hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG) : NULL;
    hb_face_t *ref = NULL;
    char path[PATH_LEN], line[64 * 4 + 1];
    unsigned char *prog;
    size_t plen = 0, i;
    uint32_t cp;
    int n = 0, nline = 0;
    CHECK(in != NULL, "subset pieces: an hb-subset input");
    if (!in) return;
    /* the characters of glyphs 3000-3149 (neighbours in the file) and of
       every 97th glyph from 6000 */
    for (cp = 0x4E00; cp <= 0x9FFF; cp++) {
        hb_codepoint_t g;
        if (!hb_font_get_nominal_glyph(F->kai->hbfont, cp, &g)) continue;
        if (!((g >= 3000 && g < 3150) || (g >= 6000 && (g - 6000) % 97 == 0))) continue;
        hb_set_add(hb_subset_input_unicode_set(in), cp);
        n += gr_utf8_encode(cp, line + n);
        if (n > 60 * 3) {
            line[n] = 0;
            add_text(d, pg, F->kai, line, 9, 20, 40 + 12 * nline++, 0, 0);
            n = 0;
        }
    }
    if (n) {
        line[n] = 0;
        add_text(d, pg, F->kai, line, 9, 20, 40 + 12 * nline++, 0, 0);
    }
    snprintf(path, sizeof path, "%s/pieces.pdf", dir);
    CHECK(write_doc(ctx, d, path, -1) == GR_OK, "subset pieces: document written");
    prog = largest_font_program(path, &plen);
    CHECK(prog != NULL, "subset pieces: the TW-Kai program inflates to its /Length1");
    hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));  /* no glyphs added by substitutions */
    hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
    hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    ref = hb_subset_or_fail(F->kai->hbface, in);
    CHECK(ref != NULL, "subset pieces: hb-subset of the whole face");
    for (i = 0; prog && ref && i < sizeof tags / sizeof *tags; i++) {
        hb_blob_t *t = hb_face_reference_table(ref, hb_tag_from_string(tags[i], 4));
        unsigned rlen = 0;
        const char *r = hb_blob_get_data(t, &rlen);
        size_t elen = 0;
        const unsigned char *e = font_table(prog, plen, tags[i], &elen);
        CHECK(e && rlen > 0 && elen == rlen && memcmp(e, r, rlen) == 0,
              "subset pieces: %s as hb-subset of the whole face gives (%zu bytes embedded, %u expected)",
              tags[i], elen, rlen);
        hb_blob_destroy(t);
    }
    hb_face_destroy(ref);
    hb_subset_input_destroy(in);
    free(prog);
    gr_doc_free(d);
}

/* pdf_md5.c (the file ID): RFC 1321's test suite, and the digest libharu's
 * HPDF_MD5 gives (the IDs of earlier builds) for data of every length
 * around the block size fed in pieces of every size. */
static void md5_hex(const void *data, size_t len, size_t piece, char hex[33])
{
    pdf_md5 m;
    unsigned char d[16];
    const unsigned char *p = data;
    size_t i, n;
    pdf_md5_init(&m);
    for (i = 0; i < len; i += n) {
        n = piece && len - i > piece ? piece : len - i;
        pdf_md5_update(&m, p + i, n);
    }
    pdf_md5_final(&m, d);
    for (i = 0; i < 16; i++) snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

static void test_md5(void)
{
    static const char *const suite[][2] = {
        { "", "d41d8cd98f00b204e9800998ecf8427e" },
        { "a", "0cc175b9c0f1b6a831c399e269772661" },
        { "abc", "900150983cd24fb0d6963f7d28e17f72" },
        { "message digest", "f96b697d7cb7938d525a2f31aaf161d0" },
        { "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b" },
        { "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
          "d174ab98d277d9f5a5611c2c9f419d9f" },
        { "1234567890123456789012345678901234567890"
          "1234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a" },
    };
    unsigned char data[300];
    char hex[33], want[33];
    size_t i, len, piece;
    int same = 1;
    for (i = 0; i < sizeof suite / sizeof *suite; i++) {
        md5_hex(suite[i][0], strlen(suite[i][0]), 0, hex);
        CHECK(strcmp(hex, suite[i][1]) == 0, "MD5 of \"%s\": %s (RFC 1321: %s)", suite[i][0], hex, suite[i][1]);
    }
    for (i = 0; i < sizeof data; i++) data[i] = (unsigned char)(i * 37 + 11);
    for (len = 0; len <= sizeof data && same; len++) {
        HPDF_MD5_CTX c;
        HPDF_BYTE d[16];
        HPDF_MD5Init(&c);
        HPDF_MD5Update(&c, data, (HPDF_UINT32)len);
        HPDF_MD5Final(d, &c);
        for (i = 0; i < 16; i++) snprintf(want + 2 * i, 3, "%02x", d[i]);
        for (piece = 0; piece <= 130 && same; piece += piece < 8 ? 1 : 61) {
            md5_hex(data, len, piece, hex);
            if (strcmp(hex, want) != 0) {
                same = 0;
                CHECK(0, "MD5 of %zu bytes in pieces of %zu: %s, libharu %s", len, piece, hex, want);
            }
        }
    }
    if (same) CHECK(1, "MD5 equals libharu's for 0..300 bytes fed in pieces of 0..8, 69, 130 bytes");
}

int main(void)
{
    gr_ctx ctx;
    faces F;
    gr_doc *d;
    const char *tmp = getenv("TMPDIR");
    char *dir = scratch, a[PATH_LEN], b[PATH_LEN];
    long size;

    gr_ctx_init(&ctx);
    snprintf(scratch, sizeof scratch, "%s/gr_test_pdf_XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    F.kai = face_load(KAI, 0);
    F.extb = face_load(EXTB, 1);
    F.serif = face_load(SERIF, 2);
    if (!F.kai || !F.extb || !F.serif || !mkdtemp(dir)) {
        printf("cannot load the test fonts or make a temporary folder\n0 passed, 1 failed\n");
        return 1;
    }
    check_dlist(&F);
    check_glyph_runs();
    test_haru_contract(dir);
    test_md5();

    d = build_doc(&F);
    snprintf(a, sizeof a, "%s/a.pdf", dir);
    snprintf(b, sizeof b, "%s/b.pdf", dir);
    CHECK(write_doc(&ctx, d, a, -1) == GR_OK, "first write");
    CHECK(write_doc(&ctx, d, b, -1) == GR_OK, "second write");
    size = file_size(a);
    printf("test document (2 pages, 3 fonts, 2 images): %ld bytes\n", size);
    check_same_bytes(a, b);
    check_text(a);
    check_fonts(a);
    check_qpdf(a, dir);
    check_preflight(a);
    gr_doc_free(d);

    check_one_line_size(&ctx, &F, dir);
    check_subset_pieces(&ctx, &F, dir);
    check_glyf_pieces(dir);
    check_engine(&ctx, dir);
    check_unwritable(&ctx, &F);
    check_bad_image(&ctx, dir);
    check_empty_doc(&ctx, dir);

    face_free(F.kai);
    face_free(F.extb);
    face_free(F.serif);
    if (nfail == 0 && !getenv("GR_TEST_KEEP")) {
        char cmd[CMD_LEN];
        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        if (system(cmd) != 0) printf("could not remove %s\n", dir);
    } else {
        printf("files kept in %s\n", dir);
    }
    return unit_done();
}
