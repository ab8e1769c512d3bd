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
#include <stdio.h>

/* What a run's tag points to: a link, or a footnote's anchor. */
typedef enum { GR_TAG_LINK = 1, GR_TAG_NOTE } gr_tag_kind;
typedef struct gr_box gr_box;
typedef struct gr_tag {
    gr_tag_kind kind;
    gr_fo_node *fo;            /* fo:basic-link or fo:footnote */
    struct gr_box *body;       /* footnote body, laid out for the body width */
    double height;             /* its height */
} gr_tag;

/* What an inline object of a paragraph stands for. */
typedef enum { GR_INL_GRAPHIC = 1, GR_INL_LEADER } gr_inl_kind;
typedef struct gr_inl {
    gr_inl_kind kind;
    gr_fo_node *fo;
    struct gr_graphic *graphic;
    gr_color color;
    double size, thickness;
    int pattern;               /* GR_LEADER_* */
} gr_inl;

typedef enum {
    GR_BOX_BLOCK = 1,   /* fo:block, fo:wrapper at block level, flows */
    GR_BOX_LINES,       /* an anonymous paragraph: lines of inline content */
    GR_BOX_TABLE        /* fo:table, and fo:list-block as a two-column grid */
} gr_box_kind;

typedef struct gr_table gr_table;

/* One cell of a table grid (a list item's label or body too). */
typedef struct gr_tcell {
    gr_fo_node *fo;
    int row, col, rowspan, colspan;
    double x, w;               /* grid rectangle, x from the table's start edge */
    double pad[4];             /* padding, GR_BEFORE.. */
    gr_border border[4];       /* resolved (collapsed) borders */
    gr_box *content;           /* GR_BOX_BLOCK whose x is 0 at the cell's
                                  content edge */
    gr_box *continued;         /* its gr:continued label (「(二)（續）」) laid
                                  out the same way, or NULL: shown on a
                                  later page its rows go on to after its
                                  content ended */
    int valign;                /* GR_DALIGN_* */
    int serial;                /* unique in the layout run (box dump) */
} gr_tcell;

typedef struct gr_trow {
    gr_fo_node *fo;            /* table-row or list-item (NULL if implied) */
    double min_h;              /* height / block-progression-dimension */
    int keep_together;
    int group_end;             /* last row of the row-span group it starts,
                                  set on the group's first row */
    int section;               /* 0 header, 1 body, 2 footer */
} gr_trow;

struct gr_table {
    int ncols;
    double *colx, *colw;       /* from the table's start edge */
    double width;
    int nrows;
    gr_trow *rows;             /* header rows, then body rows, then footer */
    int nhead, nfoot;
    int ncells;
    gr_tcell *cells;           /* ordered by starting row, then column */
    int *row_first_cell;       /* index of the first cell starting in row r;
                                  row_first_cell[nrows] = ncells */
};

struct gr_box {
    gr_box_kind kind;
    gr_fo_node *fo;            /* the FO node that made it */
    gr_box *first, *last, *next;
    /* horizontal geometry relative to the reference area's start edge */
    double x, w;               /* content box */
    int area;                  /* 1: the content of a reference area (flow,
                                  cell, list label/body, footnote body): its
                                  FO's borders, padding and spaces belong to
                                  the container, not to this box */
    /* GR_BOX_LINES */
    gr_para *para;
    /* GR_BOX_TABLE */
    gr_table *table;
};

/* id -> page numbers, filled while placing, read by the next pass */
typedef struct gr_idpage {
    const char *id;
    int first, last;
} gr_idpage;

typedef struct gr_lay {
    gr_ctx *ctx;
    gr_page_hook page_done;    /* NULL, or called as each page's body ends */
    void *page_done_user;
    gr_fo_tree *tree;
    gr_fontset *fs;
    gr_doc *doc;
    gr_arena *arena;           /* boxes and resume points of this pass */
    gr_arena *seq_arena;       /* a sequence's own (emptied, reused by the
                                  next sequence) */
    int status;                /* first error status met, GR_OK otherwise */

    /* page numbers of ids found by the previous pass (NULL in the first) */
    const gr_idpage *prev; size_t nprev;
    int prev_total;            /* total pages of the previous pass, 0 if none */
    int uses_citations;        /* the flow refers to page numbers by id */
    int in_static;             /* laying out static content: citations read
                                  this pass's own page numbers */

    int page_no;               /* current page number (1-based) */
    /* the reference area being built: its FO node's indents are the zero
       of its content's start-indent/end-indent */
    double base_start, base_end;
    gr_tag *tag;               /* link or footnote around the inline content
                                  being gathered */
    double body_w;             /* width of the region-body of this sequence */
    double body_h;             /* and its height: what an empty page offers */
    double body_y;             /* and its top on the page (a page's fill is
                                  the flow's y below it, footnotes apart) */
    double para_width;         /* width of the paragraph being gathered */
    int has_notes;             /* the document has footnotes */
    gr_box **note_bodies;      /* footnote bodies (not in any flow's tree),
                                  freed at the end of the pass */
    size_t nnote_bodies, capnote_bodies;
    gr_buf *dump;              /* box dump wanted (filled at the end), or NULL */
    gr_buf dump_line;          /* the record being built */
    int cell_serial;           /* last gr_tcell.serial given */
    double text_scale;         /* font sizes and line heights are set at
                                  this share (table cells set smaller
                                  before a word breaks: table.c); 1 */
    int defer_overflow;        /* paragraphs only record a word wider than
                                  their line (gr_para_opts) */
    FILE *quiet_sink;          /* /dev/null for quiet builds, opened on first
                                  use (gr_lay_sink), closed after the passes */
    gr_ctx fresh;              /* a context as gr_ctx_init leaves it (made on
                                  first use: gr_lay_ctx_init) */
    int have_fresh;
} gr_lay;

/* build.c */
gr_box *gr_build_flow(gr_lay *L, gr_fo_node *flow, double ref_w);
/* Content of a reference area (cell, label, body) as a block box of width w. */
gr_box *gr_build_area(gr_lay *L, gr_fo_node *area, double w);
gr_box *gr_box_new(gr_lay *L, gr_box_kind kind, gr_fo_node *fo);
/* Where a quiet build's messages go (a context's err_stream): /dev/null,
 * opened once per layout; NULL if it cannot be opened. */
FILE *gr_lay_sink(gr_lay *L);
/* gr_ctx_init(q) without its system calls on every quiet measure: a copy
 * of a context initialised once per layout. */
void gr_lay_ctx_init(gr_lay *L, gr_ctx *q);

/* table.c */
gr_box *gr_build_table(gr_lay *L, gr_fo_node *table, double ref_w);
gr_box *gr_build_list(gr_lay *L, gr_fo_node *list, double ref_w);
void gr_box_free_tree(gr_box *b);
/* Text of a page-number reference as known in this pass. */
const char *gr_lay_citation(gr_lay *L, const char *id, int last, char *buf, size_t n);

/* paginate.c */
/* Height the footnotes already on this page take (separator included). */
double gr_page_notes_height(const gr_page *pg);
#define GR_NOTE_SEPARATOR 10.0   /* space + rule above the first footnote */
typedef struct gr_cursor {
    gr_doc *doc;               /* the document being laid out */
    gr_page *pg;
    double area_x;             /* reference area's start edge on the page */
    double y, limit;           /* next free y and the bottom of the region */
    int at_top;                /* nothing placed yet in this area: spaces
                                  at the top are discarded */
    int force;                 /* the area cannot be deferred (empty page):
                                  the next box must place something */
    double note_bottom;        /* > 0: footnotes of this page stand above
                                  this y (the flow and what is inside it) */
    double pending_space;      /* resolved space waiting to be placed */
    int pending_retain;
} gr_cursor;

typedef struct gr_resume gr_resume;
struct gr_resume {
    gr_box *child;             /* block: the child to continue with */
    gr_resume *sub;            /* where inside that child */
    int line;                  /* lines: the next line to place */
    int row;                   /* table: the next row (group) to place */
    gr_resume **cells;         /* table: per cell, where it continues inside
                                  the split group (NULL = from its start) */
    unsigned char *cell_done;  /* table: 1 = that cell's content is placed */
};

enum { GR_PLACED_NONE = 0, GR_PLACED_PART, GR_PLACED_ALL };

int gr_place_box(gr_lay *L, gr_cursor *c, gr_box *b, const gr_resume *in,
                 gr_resume **out);
/* Where an element with an id starts (GR_DL_DEST) or where a fragment of
 * it ends (GR_DL_MARK), at (x, y) of the cursor's page. */
void gr_add_id_item(gr_cursor *c, gr_dl_kind kind, const char *id, double x, double y);
/* Height the rest of a box needs from `in` on, ignoring page ends. */
double gr_box_height(const gr_box *b, const gr_resume *in);
/* Lines of text the rest of a box holds from `in` on (a nested table or
 * list counts as GR_LINES_MANY: it splits by its own rows). */
int gr_box_lines(const gr_box *b, const gr_resume *in);
#define GR_LINES_MANY 1000
/* table.c */
int gr_place_table(gr_lay *L, gr_cursor *c, gr_box *b, const gr_resume *in,
                   gr_resume **out);
double gr_table_height(const gr_box *b, const gr_resume *in);
double gr_border_width(const gr_fo_props *p, int side);

/* dump.c */
void gr_dump_page(gr_lay *L, gr_page *pg, double bx, double by, double bw, double bh);
void gr_dump_cell(gr_lay *L, gr_page *pg, const gr_tcell *cl, double x, double y0, double y1);
void gr_dump_line(gr_lay *L, gr_page *pg, const gr_line *ln, double x, double y);
/* Before gr_dump_line: which paragraph the line is of, and where in it. */
void gr_dump_line_pos(gr_lay *L, gr_page *pg, int fo_line, int index, int count, int spread,
                      const gr_line *ln);
void gr_dump_collect(const gr_doc *d, gr_buf *out);
/* A placed photo (image record) or chart (chart and svgtext records) with
 * its top-left corner at (x, y). */
struct gr_graphic;
void gr_dump_graphic(gr_lay *L, gr_page *pg, const struct gr_graphic *g, double x, double y);
void gr_dump_region(gr_lay *L, gr_page *pg, const char *which, double x, double y,
                    double w, double h);

#endif
