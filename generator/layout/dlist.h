/* dlist.h — the laid-out document: pages, each with a display list of what
 * to draw (glyph runs, rules, rectangles, paths, images, links, named
 * destinations), plus the outline. This is the only thing the PDF writer
 * reads; it knows nothing of FO.
 *
 * Coordinates: points, origin at the page's top-left corner, y grows
 * downwards (the writer flips them). Text items are positioned by their
 * baseline origin.
 *
 * Ownership: gr_doc owns its pages; what items point to (path segments,
 * strings, glyph arrays) lives in the doc's arena; with page_arenas the
 * glyph arrays of a page's text lines live in the page's own arena until
 * its painting is written out (gr_page_drop_painted gives them back).
 * Faces belong to the gr_fontset, images to the gr_doc's image list.
 */
#ifndef GR_DLIST_H
#define GR_DLIST_H

#include "../util/gr.h"
#include "../fo/fo.h"
#include "../text/font.h"
#include "../text/para.h"

typedef enum {
    GR_DL_TEXT = 1,   /* a glyph run */
    GR_DL_RECT,       /* filled rectangle */
    GR_DL_LINE,       /* stroked straight line */
    GR_DL_PATH,       /* filled and/or stroked path */
    GR_DL_IMAGE,      /* raster image */
    GR_DL_LINK,       /* clickable area */
    GR_DL_DEST,       /* named destination (an id) */
    GR_DL_MISSING,    /* box for a character no font has */
    GR_DL_MARK,       /* end of a fragment of the element with id u.dest.id:
                         layout bookkeeping only, the writer draws nothing */
    GR_DL_NOTE,       /* a footnote whose body belongs at this page's foot:
                         layout bookkeeping only, the writer draws nothing */
    GR_DL_INFO        /* one record of the box dump (u.info.text): layout
                         bookkeeping only, the writer draws nothing */
} gr_dl_kind;

typedef struct gr_dl_text {
    gr_face *face;
    double size;
    gr_color color;
    int synth_bold;
    double x, y;              /* baseline origin of the first glyph */
    int nglyphs;
    gr_glyph *glyphs;         /* x relative to (x, y); dy positive up */
} gr_dl_text;

enum { GR_SEG_MOVE = 1, GR_SEG_LINE, GR_SEG_CURVE /* cubic */, GR_SEG_CLOSE };
typedef struct { int op; double p[6]; } gr_seg;  /* MOVE/LINE: p[0..1];
                                                    CURVE: c1, c2, end */

typedef struct gr_dl_path {
    int nseg;
    gr_seg *seg;
    int fill, stroke, evenodd;
    gr_color fill_color, stroke_color;
    double stroke_width;
} gr_dl_path;

typedef struct gr_image {
    int id;
    int is_jpeg;              /* 1: data is a JPEG file, passed through */
    int width, height;        /* pixels */
    int components;           /* 1 gray, 3 RGB (never alpha) */
    int bits;                 /* 8 */
    unsigned char *data;      /* JPEG bytes, or raw pixels w*h*components */
    size_t len;
    char *name;               /* source path, for messages */
} gr_image;

typedef struct gr_dl_item {
    gr_dl_kind kind;
    union {
        gr_dl_text text;
        struct { double x, y, w, h; gr_color color; } rect;
        struct { double x1, y1, x2, y2, width; gr_color color; } line;
        gr_dl_path path;
        struct { double x, y, w, h; gr_image *image; } image;
        struct { double x, y, w, h; const char *internal; const char *uri; } link;
        struct { double x, y; const char *id; } dest;
        struct { double x, y, w, h; uint32_t cp; } missing;
        struct { void *body; double height; } note;
        struct { const char *text; } info;
    } u;
} gr_dl_item;

typedef struct gr_page {
    double width, height;
    size_t nitems, cap;
    gr_dl_item *items;
    gr_arena *arena;          /* glyphs of gr_page_add_line's text items
                                 when the doc has page_arenas */
    int painted_out;          /* gr_page_drop_painted was called: later
                                 lines' glyphs go to the doc's arena */
} gr_page;

typedef struct gr_outline {
    const char *title;        /* UTF-8 */
    const char *dest_id;      /* the id it points to */
    int open;
    int nkids;
    struct gr_outline **kids;
} gr_outline;

typedef struct gr_doc {
    gr_arena *arena;
    size_t npages, cap;
    gr_page **pages;
    size_t nimages, imgcap;
    gr_image **images;        /* owned */
    gr_outline *outline;      /* root (title NULL), may be NULL */
    const char *title;        /* document title for metadata, may be NULL */
    const char *lang;         /* e.g. "zh-TW" */
    int page_arenas;          /* text lines' glyphs in each page's arena
                                 (pages written out early free theirs) */
    gr_arena *spare_arena;    /* a written page's arena, emptied, for the
                                 next page to use */
} gr_doc;

gr_doc *gr_doc_new(void);
void gr_doc_free(gr_doc *d);
gr_page *gr_doc_add_page(gr_doc *d, double width, double height);

/* Append an item (copied); returns the page's copy. */
gr_dl_item *gr_page_add(gr_page *pg, const gr_dl_item *it);
/* Insert an item at position `at` (for backgrounds drawn under content
 * already placed). */
gr_dl_item *gr_page_insert(gr_page *pg, size_t at, const gr_dl_item *it);
/* Give back the unused capacity of a finished page. */
void gr_page_shrink(gr_page *pg);
/* Drop the items that only paint (text, rectangles, rules, paths,
 * missing-glyph boxes) and the page's glyph arena, keeping links,
 * destinations and bookkeeping: for a page whose painting was written out
 * already (the PDF writer's page hook). The page holds no image. */
void gr_page_drop_painted(gr_doc *d, gr_page *pg);
/* Drop items from `mark` on (layout rollback). */
void gr_page_truncate(gr_page *pg, size_t mark);

/* Convenience: append the runs of a laid-out line with its start edge at x
 * and its top at y; returns the number of items added. Glyph arrays are
 * copied into the doc's arena. Underlines become GR_DL_LINE items. */
int gr_page_add_line(gr_doc *d, gr_page *pg, const gr_line *ln,
                     double x, double y);
/* The same into any growable item array (charts build their own). */
int gr_line_to_items(gr_doc *d, const gr_line *ln, double x, double y,
                     gr_dl_item **items, size_t *n, size_t *cap);
/* Append one item to a growable malloc'd array. */
void gr_items_push(gr_dl_item **items, size_t *n, size_t *cap, const gr_dl_item *it);
void gr_page_add_rect(gr_page *pg, double x, double y, double w, double h,
                      gr_color c);
void gr_page_add_rule(gr_page *pg, double x1, double y1, double x2, double y2,
                      double width, gr_color c);

#endif
