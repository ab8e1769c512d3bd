/* graphics_int.h — internal to generator/graphics: the sizing rules shared
 * by external graphics and SVG charts, the growable item arrays the SVG
 * code builds, the line-to-items helper, and the SVG path-data parser with
 * its arc-to-cubic conversion (svg_path.c).
 */
#ifndef GR_GRAPHICS_INT_H
#define GR_GRAPHICS_INT_H

#include "graphics.h"
#include "../text/para.h"

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
