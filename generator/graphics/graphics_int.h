/* graphics_int.h — internal to generator/graphics: the sizing rules shared
 * by external graphics and SVG charts, the growable item arrays the SVG
 * code builds, the line-to-items helper, and the SVG path-data parser with
 * its arc-to-cubic conversion (svg_path.c).
 */
#ifndef GR_GRAPHICS_INT_H
#define GR_GRAPHICS_INT_H

#include "graphics.h"
#include "../text/para.h"
#include "../util/msg.h"

/* ---- raster images (image.c reads and checks, photo.c re-encodes) ------ */

#define MAX_IMAGE_BYTES (32u << 20)   /* per image file */
#define MAX_IMAGE_PIXELS 20000        /* per side */
/* The most bytes one decoded image may take (a 20000 px square RGB would
 * take 1.2 GB): images are decoded one at a time, rows streamed where the
 * format allows; a PNG whose pixels exceed this is refused. */
#define GR_IMAGE_DECODE_BUDGET (160u << 20)

enum { GR_IMG_JPEG = 1, GR_IMG_PNG = 2 };

/* Every gr_image image.c makes is the first member of a loaded_image, so
 * that its density is at hand when the same file is used again and photo.c
 * can read it again. gr_doc_free frees it through the gr_image pointer
 * (same address); the strings live in the doc's arena. Until photo.c has
 * run, im.data is NULL and im.width/height are the file's. */
typedef struct loaded_image {
    gr_image im;
    double dpi_x, dpi_y;
    int format;                /* GR_IMG_* */
    int src_components;        /* as stored: 1, 3, or 4 (CMYK/YCCK JPEG) */
    int has_alpha;             /* PNG with an alpha channel or tRNS */
    int orientation;           /* Exif 1..8 (JPEG); im.width/height are the
                                  upright picture's, photo.c turns the pixels */
    const char *real;          /* canonical path, to read it again */
    const char *fo_file;       /* where it is used, for messages */
    int line;
} loaded_image;

typedef struct jpeg_info {
    int width, height, components, precision;   /* as stored */
    double dpi_x, dpi_y;
    int orientation;           /* Exif Orientation 1..8 (1 when absent or
                                  unreadable): how the stored pixels are
                                  turned to be seen upright, as phones write */
} jpeg_info;

/* Exif orientations 5..8 turn the picture a quarter: the width seen is the
 * stored height. */
#define GR_ORIENT_SWAPS(o) ((o) >= 5 && (o) <= 8)

/* Walk the markers up to the first scan. Returns NULL or why it failed
 * (zh and en, separated by '|'). */
gr_msg_id gr_jpeg_parse(const unsigned char *d, size_t len, jpeg_info *ji);

typedef struct png_job {
    const unsigned char *data;
    size_t len, pos;
    char msg[160];
    unsigned char *pixels;     /* result, w*h*comps; freed by the caller on error */
    unsigned char *raw;        /* interlaced: the whole decoded image */
    unsigned char **rows;
    int width, height, comps, has_alpha;
    double dpi_x, dpi_y;
} png_job;

/* 0 on success (j->pixels etc. filled), -1 with j->msg. The caller frees
 * j->pixels, j->raw and j->rows in both cases. */
int gr_png_decode(png_job *j);

/* Read the whole (canonical, symlink-free) file `real` within
 * MAX_IMAGE_BYTES; errors name `file`:`line` and `shown`. */
int gr_image_read_file(gr_ctx *ctx, const char *file, int line, const char *shown,
                       const char *real, unsigned char **data, size_t *len);

/* Where a graphic's content sits inside its viewport, all in pt. The
 * viewport (vw x vh) is the box the graphic occupies in its line; the
 * content (cw x ch at cx, cy, relative to the viewport's top-left) is what
 * the image or the SVG canvas is scaled to. */
typedef struct gr_fit {
    double vw, vh;
    double cx, cy, cw, ch;
} gr_fit;

/* Apply the XSL sizing rules of `node` (width, height, content-width,
 * content-height, scaling, text-align and display-align for the content's
 * place in a larger viewport) to content of intrinsic size iw x ih pt, then
 * scale everything down uniformly when the viewport is wider than avail_w
 * (> 0), with a warning naming `what` and the line. Reports and returns
 * GR_EINPUT for impossible sizes. */
int gr_graphic_fit(gr_ctx *ctx, const gr_fo_tree *tree, const gr_fo_node *node,
                   double iw, double ih, double avail_w, const char *what,
                   gr_fit *out);

/* ---- SVG path data (svg_path.c) -------------------------------------- */

/* Path segments in user units: MOVE, LINE, CURVE (cubic), CLOSE. */
typedef struct gr_svgpath {
    gr_seg *seg;               /* malloc'd; freed by gr_svgpath_free */
    size_t n, cap;
} gr_svgpath;

void gr_svgpath_free(gr_svgpath *p);
void gr_svgpath_move(gr_svgpath *p, double x, double y);
void gr_svgpath_line(gr_svgpath *p, double x, double y);
void gr_svgpath_curve(gr_svgpath *p, double x1, double y1, double x2,
                      double y2, double x, double y);
void gr_svgpath_close(gr_svgpath *p);

/* An elliptical arc from (x0, y0) to (x, y) with the SVG endpoint
 * parameters (radii, x-axis rotation in degrees, large-arc and sweep flags)
 * appended as at most four cubic Béziers (a line when a radius is zero,
 * nothing when the end points coincide). Out-of-range radii are scaled up
 * as SVG requires. */
void gr_svgpath_arc(gr_svgpath *p, double x0, double y0, double rx, double ry,
                    double rot_deg, int large, int sweep, double x, double y);

/* Parse SVG path data (M L H V C S Q T A Z, absolute and relative) into
 * `out`. Returns 0, or -1 with *err_pos set to the byte offset of the first
 * character that does not fit the grammar (what came before is kept in
 * `out`, the caller decides), or -2 when the path has more than
 * GR_SVGPATH_MAX_SEGMENTS segments. */
#define GR_SVGPATH_MAX_SEGMENTS 1000000
int gr_svgpath_parse(const char *d, gr_svgpath *out, size_t *err_pos);

/* Parse one SVG number at s (sign, digits, fraction, exponent), locale
 * independent. Returns the number of bytes used, 0 if none; a result that
 * is not finite counts as no number. */
size_t gr_svg_number(const char *s, double *v);

#endif
