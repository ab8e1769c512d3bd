/* dlist.c — the display-list container: a gr_doc owns its pages (each a
 * growable array of items), the arena holding what items point to (glyph
 * arrays, strings, path segments) and the image list. Also the helpers that
 * turn a laid-out line into text/missing/underline items.
 */
#include "dlist.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Missing-glyph box and underline geometry, in em of the run's size. */
#define MISSING_BOX_TOP     0.80   /* box top above the baseline */
#define MISSING_BOX_HEIGHT  0.90
#define UNDERLINE_OFFSET    0.05   /* below the baseline */
#define UNDERLINE_THICKNESS 0.05

gr_doc *gr_doc_new(void)
{
    gr_doc *d = gr_calloc(1, sizeof *d);
    d->arena = gr_arena_new();
    return d;
}

static void image_free(gr_image *im)
{
    if (!im) return;
    free(im->data);
    free(im->name);
    free(im);
}

void gr_doc_free(gr_doc *d)
{
    size_t i;
    if (!d) return;
    for (i = 0; i < d->npages; i++) {
        free(d->pages[i]->items);
        gr_arena_free(d->pages[i]->arena);
        free(d->pages[i]);
    }
    free(d->pages);
    for (i = 0; i < d->nimages; i++)
        image_free(d->images[i]);
    free(d->images);
    gr_arena_free(d->arena);
    gr_arena_free(d->spare_arena);
    free(d);
}

gr_page *gr_doc_add_page(gr_doc *d, double width, double height)
{
    gr_page *pg = gr_calloc(1, sizeof *pg);
    pg->width = width;
    pg->height = height;
    d->pages = gr_grow(d->pages, &d->cap, d->npages + 1, sizeof *d->pages);
    d->pages[d->npages++] = pg;
    return pg;
}

gr_dl_item *gr_page_add(gr_page *pg, const gr_dl_item *it)
{
    return gr_page_insert(pg, pg->nitems, it);
}

gr_dl_item *gr_page_insert(gr_page *pg, size_t at, const gr_dl_item *it)
{
    gr_dl_item copy = *it;        /* `it` may point into pg->items */
    if (at > pg->nitems) at = pg->nitems;
    pg->items = gr_grow(pg->items, &pg->cap, pg->nitems + 1, sizeof *pg->items);
    memmove(pg->items + at + 1, pg->items + at,
            (pg->nitems - at) * sizeof *pg->items);
    pg->items[at] = copy;
    pg->nitems++;
    return &pg->items[at];
}

void gr_page_shrink(gr_page *pg)
{
    if (pg->cap > pg->nitems && pg->nitems > 0) {
        pg->items = gr_realloc(pg->items, pg->nitems * sizeof *pg->items);
        pg->cap = pg->nitems;
    }
}

void gr_page_drop_painted(gr_doc *d, gr_page *pg)
{
    size_t i, n = 0;
    for (i = 0; i < pg->nitems; i++) {
        gr_dl_kind k = pg->items[i].kind;
        if (k == GR_DL_TEXT || k == GR_DL_RECT || k == GR_DL_LINE
            || k == GR_DL_PATH || k == GR_DL_MISSING)
            continue;
        assert(k != GR_DL_IMAGE);
        pg->items[n++] = pg->items[i];
    }
    pg->nitems = n;
    if (n == 0) {
        free(pg->items);
        pg->items = NULL;
        pg->cap = 0;
    } else {
        gr_page_shrink(pg);
    }
    /* the glyphs of its text items: the next page's arena */
    if (pg->arena && !d->spare_arena) {
        gr_arena_reset(pg->arena);
        d->spare_arena = pg->arena;
    } else {
        gr_arena_free(pg->arena);
    }
    pg->arena = NULL;
    pg->painted_out = 1;
}

void gr_page_truncate(gr_page *pg, size_t mark)
{
    if (mark < pg->nitems) pg->nitems = mark;
}

void gr_items_push(gr_dl_item **items, size_t *n, size_t *cap, const gr_dl_item *it)
{
    gr_dl_item copy = *it;        /* `it` may point into *items */
    *items = gr_grow(*items, cap, *n + 1, sizeof **items);
    (*items)[(*n)++] = copy;
}

static int line_to_items(gr_arena *arena, const gr_line *ln, double x, double y,
                         gr_dl_item **items, size_t *n, size_t *cap)
{
    size_t before = *n;
    double line_base = y + ln->baseline;
    int i;
    for (i = 0; i < ln->nruns; i++) {
        const gr_run *r = &ln->runs[i];
        double rx = x + r->x, base = line_base - r->rise;
        gr_dl_item it;
        memset(&it, 0, sizeof it);
        if (r->missing) {
            it.kind = GR_DL_MISSING;
            it.u.missing.x = rx;
            it.u.missing.y = base - MISSING_BOX_TOP * r->size;
            it.u.missing.w = r->width;
            it.u.missing.h = MISSING_BOX_HEIGHT * r->size;
            it.u.missing.cp = r->missing_cp;
            gr_items_push(items, n, cap, &it);
        } else if (r->nglyphs > 0 && r->face) {
            size_t bytes = (size_t)r->nglyphs * sizeof(gr_glyph);
            it.kind = GR_DL_TEXT;
            it.u.text.face = r->face;
            it.u.text.size = r->size;
            it.u.text.color = r->color;
            it.u.text.synth_bold = r->synth_bold;
            it.u.text.x = rx;
            it.u.text.y = base;
            it.u.text.nglyphs = r->nglyphs;
            it.u.text.glyphs = gr_arena_alloc(arena, bytes);
            memcpy(it.u.text.glyphs, r->glyphs, bytes);
            gr_items_push(items, n, cap, &it);
        }
        if (r->underline && r->width > 0) {
            double uy = base + UNDERLINE_OFFSET * r->size;
            memset(&it, 0, sizeof it);
            it.kind = GR_DL_LINE;
            it.u.line.x1 = rx;
            it.u.line.y1 = uy;
            it.u.line.x2 = rx + r->width;
            it.u.line.y2 = uy;
            it.u.line.width = UNDERLINE_THICKNESS * r->size;
            it.u.line.color = r->color;
            gr_items_push(items, n, cap, &it);
        }
    }
    return (int)(*n - before);
}

int gr_line_to_items(gr_doc *d, const gr_line *ln, double x, double y,
                     gr_dl_item **items, size_t *n, size_t *cap)
{
    return line_to_items(d->arena, ln, x, y, items, n, cap);
}

int gr_page_add_line(gr_doc *d, gr_page *pg, const gr_line *ln,
                     double x, double y)
{
    gr_arena *a = d->arena;
    if (d->page_arenas && !pg->painted_out) {
        if (!pg->arena) {
            pg->arena = d->spare_arena ? d->spare_arena : gr_arena_new();
            d->spare_arena = NULL;
        }
        a = pg->arena;
    }
    return line_to_items(a, ln, x, y, &pg->items, &pg->nitems, &pg->cap);
}

void gr_page_add_rect(gr_page *pg, double x, double y, double w, double h,
                      gr_color c)
{
    gr_dl_item it;
    memset(&it, 0, sizeof it);
    it.kind = GR_DL_RECT;
    it.u.rect.x = x;
    it.u.rect.y = y;
    it.u.rect.w = w;
    it.u.rect.h = h;
    it.u.rect.color = c;
    gr_page_add(pg, &it);
}

void gr_page_add_rule(gr_page *pg, double x1, double y1, double x2, double y2,
                      double width, gr_color c)
{
    gr_dl_item it;
    memset(&it, 0, sizeof it);
    it.kind = GR_DL_LINE;
    it.u.line.x1 = x1;
    it.u.line.y1 = y1;
    it.u.line.x2 = x2;
    it.u.line.y2 = y2;
    it.u.line.width = width;
    it.u.line.color = c;
    gr_page_add(pg, &it);
}
