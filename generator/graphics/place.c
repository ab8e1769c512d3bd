/* place.c — putting graphics on pages: gr_page_add_graphic copies a
 * graphic's items (relative to its top-left corner) onto a page at an
 * offset, with the raster image as a GR_DL_IMAGE item. */
#include "graphics_int.h"

#include <string.h>

/* Path segments moved by (dx, dy), in the doc's arena. */
static gr_seg *offset_segments(gr_doc *doc, const gr_seg *seg, int nseg,
                               double dx, double dy)
{
    gr_seg *out;
    int i, k;
    if (nseg <= 0)
        return NULL;
    out = gr_arena_alloc(doc->arena, (size_t)nseg * sizeof *out);
    for (i = 0; i < nseg; i++) {
        int npts = seg[i].op == GR_SEG_CURVE ? 3
                 : (seg[i].op == GR_SEG_MOVE || seg[i].op == GR_SEG_LINE) ? 1 : 0;
        out[i] = seg[i];
        for (k = 0; k < npts; k++) {
            out[i].p[2 * k] += dx;
            out[i].p[2 * k + 1] += dy;
        }
    }
    return out;
}

static void offset_item(gr_doc *doc, gr_dl_item *it, double dx, double dy)
{
    switch (it->kind) {
    case GR_DL_TEXT:
        it->u.text.x += dx;              /* glyph array shared: read-only */
        it->u.text.y += dy;
        break;
    case GR_DL_RECT:
        it->u.rect.x += dx;
        it->u.rect.y += dy;
        break;
    case GR_DL_LINE:
        it->u.line.x1 += dx;
        it->u.line.y1 += dy;
        it->u.line.x2 += dx;
        it->u.line.y2 += dy;
        break;
    case GR_DL_PATH:
        it->u.path.seg = offset_segments(doc, it->u.path.seg, it->u.path.nseg, dx, dy);
        break;
    case GR_DL_IMAGE:
        it->u.image.x += dx;
        it->u.image.y += dy;
        break;
    case GR_DL_LINK:
        it->u.link.x += dx;
        it->u.link.y += dy;
        break;
    case GR_DL_DEST:
        it->u.dest.x += dx;
        it->u.dest.y += dy;
        break;
    case GR_DL_MISSING:
        it->u.missing.x += dx;
        it->u.missing.y += dy;
        break;
    default:                             /* bookkeeping kinds: no geometry */
        break;
    }
}

void gr_page_add_graphic(gr_doc *doc, gr_page *pg, const gr_graphic *g,
                         double x, double y)
{
    size_t i;
    if (!g)
        return;
    if (g->image) {
        gr_dl_item it;
        memset(&it, 0, sizeof it);
        it.kind = GR_DL_IMAGE;
        it.u.image.x = x;
        it.u.image.y = y;
        it.u.image.w = g->width;
        it.u.image.h = g->height;
        it.u.image.image = g->image;
        gr_page_add(pg, &it);
    }
    for (i = 0; i < g->nitems; i++) {
        gr_dl_item it = g->items[i];
        offset_item(doc, &it, x, y);
        gr_page_add(pg, &it);
    }
}
