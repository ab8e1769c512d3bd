/* pdf_content.h — internal to the PDF writer: one page's content stream,
 * written by us into a gr_buf (libharu only receives the deflated result).
 *
 * What it saves over drawing operator by operator:
 *   - graphics and text state (fill and stroke colour, line width, font and
 *     size, text render mode) is written only when it changes; text items
 *     that follow each other share one BT … ET;
 *   - rules (straight stroked lines): a piece of a rule that a later rule
 *     of the same colour and width covers is left to that later rule (it
 *     paints over anything drawn between), so every piece of a line is
 *     stroked once — a cell edge shared by two cells, or drawn by a row and
 *     again by the next, is one segment. Rules are gathered until something
 *     is painted over them (a filled rectangle, path, image or
 *     missing-glyph box whose area they overlap) or the page ends, then
 *     written as one path per colour and width, collinear pieces that touch
 *     joined. Butt caps make joined pieces look exactly like the pieces (no
 *     line joins are made: pieces meeting at corners stay separate
 *     subpaths). Text is no barrier: rules never cross text on purpose,
 *     and where they do, both are opaque ink.
 *
 *   - glyph runs: a run whose glyphs are spread evenly (a justified line)
 *     sets the character spacing (Tc) once instead of an adjustment between
 *     every two glyphs; what remains off is adjusted in the TJ array, so
 *     every glyph still lands within 0.005/1000 em of its layout position
 *     (pdf_content_show).
 *
 * Number rule: lengths and positions are rounded to 0.001 pt (1/72000 in).
 * 0.01 pt would be finer than any printer's dot, but renderers snap glyph
 * baselines and thin rules to whole pixels, and at 0.01 pt a position
 * that sat on a pixel boundary moved a whole line or rule by one pixel
 * against the earlier output (poppler, 70-150 dpi); at 0.001 pt the
 * positions are the ones the writer always wrote. Colours to 0.001 (finer
 * than 8-bit channels); glyph adjustments in TJ to 0.01/1000 em; character
 * spacing to 0.0001/1000 em of the font size, written exactly (up to ten
 * decimals of a point): coarser, its error would add up along a line into
 * adjustments again.
 * Coordinates arrive in the display list's system (origin top left, y
 * down) and are flipped here.
 */
#ifndef GR_PDF_CONTENT_H
#define GR_PDF_CONTENT_H

#include "../util/gr.h"
#include "../layout/dlist.h"

typedef struct pdf_rule {
    long x1, y1, x2, y2;        /* PDF space, 0.001 pt */
    long width;                 /* 0.001 pt */
    long rgb[3];                /* 0.001 */
    size_t item;                /* display-list index of its item */
    size_t order;               /* first appearance of its colour/width */
    int kind;                   /* horizontal, vertical, other (pdf_content.c) */
    int style;                  /* index of its colour/width in the page's */
    long at;                    /* y of a horizontal rule, x of a vertical */
} pdf_rule;

typedef struct pdf_style {
    long width, rgb[3];
    size_t order;               /* its rules' order since the last flush,
                                   (size_t)-1 while it has none */
} pdf_style;

typedef struct pdf_content {
    gr_buf out;                 /* the uncompressed content stream */
    double page_h;
    /* state as written so far (valid flags: 0 = unknown) */
    int have_fill, have_stroke, have_width, have_font, have_tr;
    long fill[3], stroke[3], width;
    const void *font;           /* the pdf_face whose resource is set */
    long font_size;             /* 0.001 pt */
    int tr;                     /* text render mode */
    int have_tc;
    long tc;                    /* character spacing, 1e-10 pt */
    int in_text;
    long tlm_x, tlm_y;          /* text line matrix origin, 0.001 pt */
    int have_tlm;
    /* the pieces of the page's rule items that are drawn (by item) */
    pdf_rule *plan;
    size_t nplan, pcap, pnext;
    /* the glyph run being shown (pdf_content_glyphs) */
    struct pdf_glyph *glyphs;
    size_t gcap;
    /* sorting rules (pdf_content.c sort_rules): keys and a copy */
    struct pdf_rkey *keys;
    size_t kcap;
    pdf_rule *tmp;
    size_t tcap;
    /* the colours/widths of the page's rules */
    pdf_style *styles;
    size_t nstyles, scap;
    /* rules gathered, waiting to be written */
    pdf_rule *rules;
    size_t nrules, rcap;
} pdf_content;

void pdf_content_init(pdf_content *c);
void pdf_content_free(pdf_content *c);
/* Start a page of height page_h whose display list is items[0..n)
 * (forgets all state; keeps the buffers; plans the rules). fresh: the
 * stream is the page's first (state starts at PDF's defaults); else it
 * follows another stream whose final state is unknown. */
void pdf_content_begin(pdf_content *c, double page_h, const gr_dl_item *items,
                       size_t nitems, int fresh);
/* Finish the page: pending rules written, text object closed. c->out then
 * holds the page's content. */
void pdf_content_end(pdf_content *c);

/* Rounding to the units above. */
long pdf_len(double v);         /* pt -> 0.001 pt, clamped to +-32767 pt */
long pdf_unit(double v);        /* 0..1 -> 0.001 */
void pdf_add_len(gr_buf *b, long v);   /* writes "v/1000 " */

/* The rule item (GR_DL_LINE) at index `item` of the display list; items
 * are given in order. */
void pdf_content_rule(pdf_content *c, size_t item);
/* Other graphics items. x, y in display-list space. */
void pdf_content_rect(pdf_content *c, double x, double y, double w, double h,
                      gr_color color);
void pdf_content_path(pdf_content *c, const gr_dl_path *path);
/* The image XObject `name` scaled into the box (x, y top-left, w, h). */
void pdf_content_image(pdf_content *c, const char *name, double x, double y,
                       double w, double h);
/* The box of a character no font has, with /ActualText for the character. */
void pdf_content_missing(pdf_content *c, double x, double y, double w,
                         double h, uint32_t cp);

/* Text (used by pdf_font.c): enter a text object if not in one; set the
 * font (`face` identifies it, `res` is its resource name), the fill colour,
 * and for synthetic bold the stroke colour, width and render mode. */
void pdf_content_text_state(pdf_content *c, const void *face, const char *res,
                            double size, gr_color color, int synth_bold,
                            double bold_width);
/* Move to the start of a glyph run at (x, y) in PDF space (pt). */
void pdf_content_text_move(pdf_content *c, double x, double y);

/* A glyph of a run: its CID, its width in the font's W array (1/1000 em)
 * and its x from the run's first glyph (pt). */
typedef struct pdf_glyph {
    uint32_t cid;
    int width;
    double x;
    double target;              /* x in 1/1000 em (pdf_content_show's) */
} pdf_glyph;
/* Room for a run of n glyphs (kept by c; valid until the next call). */
pdf_glyph *pdf_content_glyphs(pdf_content *c, size_t n);
/* Show the n glyphs filled in by pdf_content_glyphs, the first at (x, y)
 * in PDF space, in the font of size `size` set by pdf_content_text_state:
 * one TJ (or Tj), character spacing set when it saves adjustments. */
void pdf_content_show(pdf_content *c, double x, double y, double size, size_t n);

#endif
