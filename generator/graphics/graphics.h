/* graphics.h — inline graphics for the layout engine: fo:external-graphic
 * (JPEG and PNG, resampled to at most 300 ppi at their placed size and
 * re-encoded, alpha flattened onto white since PDF/A-1b allows no
 * transparency) and fo:instream-foreign-object holding an
 * SVG chart (the subset of docs/svg-subset.md), turned into display-list
 * items. SVG text goes through the same fonts, fallback and shaping as body
 * text.
 *
 * Ownership: a gr_graphic and everything it points to live in the gr_doc
 * given at creation (its arena; images join doc->images). They are valid as
 * long as that doc lives.
 */
#ifndef GR_GRAPHICS_H
#define GR_GRAPHICS_H

#include "../util/gr.h"
#include "../fo/fo.h"
#include "../text/font.h"
#include "../layout/dlist.h"

/* A text of an SVG chart where it was set: its box relative to the
 * graphic's top-left corner, pt (for the box dump and the layout audit). */
typedef struct gr_graphic_text {
    double x0, y0, x1, y1;
    const char *text;
} gr_graphic_text;

typedef struct gr_graphic {
    double width, height;      /* pt: the size it occupies in the line */
    size_t ntexts;
    gr_graphic_text *texts;    /* SVG: every <text> as set (doc's arena) */
    const char *src;           /* fo:external-graphic: the image as named */
    gr_image *image;           /* raster image drawn over the whole box, or NULL */
    size_t nitems;
    gr_dl_item *items;         /* vector drawing: coordinates relative to the
                                  graphic's top-left corner, y down */
} gr_graphic;

/* fo:external-graphic: load `src` relative to tree->base_dir (only inside
 * that folder: "..", absolute paths and symlinks leading outside are refused
 * unless allow_outside), size it by content-width/-height, width/height and
 * scaling (intrinsic size: the image's resolution, 96 dpi when it has
 * none), never wider than avail_w (scaled down uniformly, with a warning).
 * A missing, unreadable or unsupported image is an error naming the FO
 * file, the line and the path. Returns NULL after reporting. */
gr_graphic *gr_graphic_external(gr_ctx *ctx, gr_doc *doc, const gr_fo_tree *tree,
                                const gr_fo_node *node, double avail_w,
                                int allow_outside);

/* fo:instream-foreign-object with an svg:svg child (node->foreign_xml):
 * size from the svg width/height or viewBox and the FO content-width/-height;
 * elements svg, g (transform: translate, scale, rotate, matrix), rect
 * (incl. rx/ry), circle, ellipse, line, polyline, polygon, path (M L H V A
 * C S Q T Z, absolute and relative), text (x, y, text-anchor, font-size,
 * font-family, font-weight, fill); presentation attributes and the style
 * attribute for fill, stroke, stroke-width, fill-rule, font-*; colours as
 * in fo.h. Anything outside the subset is an error naming the line and the
 * element or attribute. Returns NULL after reporting. */
gr_graphic *gr_graphic_svg(gr_ctx *ctx, gr_doc *doc, gr_fontset *fs,
                           const gr_fo_tree *tree, const gr_fo_node *node,
                           double avail_w);

/* Make the images of a laid-out document fit for publishing (photo.c):
 * each is read again and decoded, one at a time, converted to gray or RGB
 * (CMYK and YCCK JPEGs too), resampled to at most GR_IMAGE_PPI at the
 * largest size the pages place it at, and encoded deterministically (JPEG,
 * or raw pixels for Flate where a PNG has transparency or deflates
 * smaller); gray or YCbCr JPEGs within that resolution pass through
 * untouched. Fills every placed image's data. One line per resampled
 * image through gr_info. Errors name the FO file, line and image. */
#define GR_IMAGE_PPI 300
/* An image enlarged (placed larger than its own size) to fewer pixels per
 * inch than this gets a 提醒 at its line: it prints visibly blurred. */
#define GR_IMAGE_MIN_PPI 150
int gr_images_finish(gr_ctx *ctx, gr_doc *doc);

/* Append the graphic's items to a page with its top-left corner at (x, y). */
void gr_page_add_graphic(gr_doc *doc, gr_page *pg, const gr_graphic *g,
                         double x, double y);

#endif
