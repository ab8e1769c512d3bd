/* box.h — internal to the layout engine: the box tree (FO content measured
 * once, independent of pages), the resume points that say where a box
 * continues on the next page, and the layout run's shared state.
 *
 * Build (build.c) turns block-level FO into boxes: blocks with their
 * children, paragraphs broken into lines for their width. Paginate
 * (paginate.c) places boxes on pages, splitting them where a page ends.
 * Everything here lives in the run's arena (boxes, resume points) or is
 * owned by a box (paragraphs, freed by gr_box_free_tree).
 */
#ifndef GR_BOX_H
#define GR_BOX_H

#include "layout.h"
#include "../text/para.h"

typedef enum {
    GR_BOX_BLOCK = 1,   /* fo:block, fo:wrapper at block level, flows */
    GR_BOX_LINES        /* an anonymous paragraph: lines of inline content */
} gr_box_kind;

typedef struct gr_box gr_box;
struct gr_box {
    gr_box_kind kind;
    gr_fo_node *fo;            /* the FO node that made it */
    gr_box *first, *last, *next;
    /* horizontal geometry relative to the reference area's start edge */
    double x, w;               /* content box */
    /* GR_BOX_LINES */
    gr_para *para;
};

/* id -> page numbers, filled while placing, read by the next pass */
typedef struct gr_idpage {
    const char *id;
    int first, last;
} gr_idpage;

typedef struct gr_lay {
    gr_ctx *ctx;
    gr_fo_tree *tree;
    gr_fontset *fs;
    gr_doc *doc;
    gr_arena *arena;           /* boxes and resume points of this pass */
    int status;                /* first error status met, GR_OK otherwise */

    /* page numbers of ids found by the previous pass (NULL in the first) */
    const gr_idpage *prev; size_t nprev;
    int prev_total;            /* total pages of the previous pass, 0 if none */
    int uses_citations;        /* content refers to page numbers by id */

    int page_no;               /* current page number (1-based) */
} gr_lay;

/* build.c */
gr_box *gr_build_flow(gr_lay *L, gr_fo_node *flow, double ref_w);
void gr_box_free_tree(gr_box *b);
/* Text of a page-number reference as known in this pass. */
const char *gr_lay_citation(gr_lay *L, const char *id, int last, char *buf, size_t n);

/* paginate.c */
typedef struct gr_cursor {
    gr_page *pg;
    double area_x;             /* reference area's start edge on the page */
    double y, limit;           /* next free y and the bottom of the region */
    int at_top;                /* nothing placed yet on this page */
    double pending_space;      /* resolved space waiting to be placed */
    int pending_retain;
} gr_cursor;

typedef struct gr_resume gr_resume;
struct gr_resume {
    gr_box *child;             /* block: the child to continue with */
    gr_resume *sub;            /* where inside that child */
    int line;                  /* lines: the next line to place */
};

enum { GR_PLACED_NONE = 0, GR_PLACED_PART, GR_PLACED_ALL };

int gr_place_box(gr_lay *L, gr_cursor *c, gr_box *b, const gr_resume *in,
                 gr_resume **out);

#endif
