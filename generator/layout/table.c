/* table.c — tables, and lists as two-column grids: building the grid
 * (row and column spans, column widths: absolute, percentage and
 * proportional-column-width(), collapsed borders), and placing it on pages:
 * the header repeated at the top of every fragment, rows that split between
 * lines of their cells (row-spanned cells too), borders closed at the bottom
 * of each page and reopened under the repeated header, a last row never left
 * alone under a repeated header when it fits with the row before (the
 * table's widows), a table under its header never opened at a page foot
 * with fewer than its orphans rows; gr:column-set tables sized as one.
 */
#include "box.h"
#include "../util/msg.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 0.01

/* ---- building the grid ------------------------------------------------ */

typedef struct grid_build {
    gr_lay *L;
    gr_table *t;
    size_t cap_rows, cap_cells;
    int *busy;                 /* per column: last row taken by a row span */
    size_t cap_busy;
    int section_start;         /* first row of the current section */
} grid_build;

static gr_trow *add_row(grid_build *g, gr_fo_node *fo, int section)
{
    gr_table *t = g->t;
    gr_trow *r;
    t->rows = gr_grow(t->rows, &g->cap_rows, (size_t)t->nrows + 1, sizeof *t->rows);
    r = &t->rows[t->nrows++];
    memset(r, 0, sizeof *r);
    r->fo = fo;
    r->section = section;
    if (fo) {
        if (fo->p->height.unit == GR_LEN_PT) r->min_h = fo->p->height.v;
        r->keep_together = fo->p->keep_together;
    }
    return r;
}

static void ensure_cols(grid_build *g, int n)
{
    size_t old = g->cap_busy;
    if ((size_t)n <= old) return;
    g->busy = gr_grow(g->busy, &g->cap_busy, (size_t)n, sizeof *g->busy);
    for (; old < g->cap_busy; old++) g->busy[old] = -1;
}

static void add_cell(grid_build *g, gr_fo_node *fo, int row, int *col)
{
    gr_table *t = g->t;
    gr_tcell *cl;
    int c = *col, i, cs, rs;
    if (fo->p->column_number > 0) c = fo->p->column_number - 1;
    ensure_cols(g, c + 1);
    while (g->busy[c] >= row) { c++; ensure_cols(g, c + 1); }
    cs = fo->p->number_columns_spanned > 0 ? fo->p->number_columns_spanned : 1;
    rs = fo->p->number_rows_spanned > 0 ? fo->p->number_rows_spanned : 1;
    ensure_cols(g, c + cs);
    for (i = c; i < c + cs; i++) {
        if (g->busy[i] >= row)
            gr_warn(g->L->ctx, g->L->tree->path, fo->line, GR_TEXT(TABLE_CELL_OVERLAPS_ROW_SPANNING));
        g->busy[i] = row + rs - 1;
    }
    t->cells = gr_grow(t->cells, &g->cap_cells, (size_t)t->ncells + 1, sizeof *t->cells);
    cl = &t->cells[t->ncells++];
    memset(cl, 0, sizeof *cl);
    cl->fo = fo;
    cl->serial = ++g->L->cell_serial;
    cl->row = row;
    cl->col = c;
    cl->colspan = cs;
    cl->rowspan = rs;
    cl->valign = fo->p->display_align;
    if (c + cs > t->ncols) t->ncols = c + cs;
    *col = c + cs;
}

static void add_row_cells(grid_build *g, gr_fo_node *rowfo, gr_fo_node *first_cell, int section)
{
    gr_fo_node *c;
    int col = 0, r;
    add_row(g, rowfo, section);
    r = g->t->nrows - 1;
    for (c = first_cell; c; c = c->next)
        if (c->type == GR_FO_TABLE_CELL) add_cell(g, c, r, &col);
}

static void add_section(grid_build *g, gr_fo_node *sec, int section)
{
    gr_fo_node *c;
    int loose = 0;
    for (c = sec->first; c; c = c->next) {
        if (c->type == GR_FO_TABLE_ROW) add_row_cells(g, c, c->first, section);
        else if (c->type == GR_FO_TABLE_CELL) loose = 1;
    }
    if (loose) /* cells without rows: one row of them */
        add_row_cells(g, NULL, sec->first, section);
}

/* Spans may not leave their section; rows of a span form one group.
 * Cells are stored in the order of their starting row, so one pass over
 * the rows finds every group. */
static void finish_rows(gr_table *t)
{
    int r, i, k;
    for (i = 0; i < t->ncells; i++) {
        gr_tcell *cl = &t->cells[i];
        int last = cl->row + cl->rowspan - 1;
        for (k = cl->row; k <= last && k < t->nrows; k++)
            if (t->rows[k].section != t->rows[cl->row].section) break;
        cl->rowspan = k - cl->row;
    }
    t->row_first_cell = gr_calloc((size_t)t->nrows + 1, sizeof(int));
    for (r = 0, i = 0; r <= t->nrows; r++) {
        while (i < t->ncells && t->cells[i].row < r) i++;
        t->row_first_cell[r] = i;
    }
    for (r = 0; r < t->nrows; ) {
        int end = r, k2;
        for (k2 = r; k2 <= end; k2++)
            for (i = t->row_first_cell[k2]; i < t->row_first_cell[k2 + 1]; i++) {
                int last = t->cells[i].row + t->cells[i].rowspan - 1;
                if (last > end) end = last;
            }
        for (k2 = r; k2 <= end; k2++) t->rows[k2].group_end = end;
        r = end + 1;
    }
}

/* A cell's text is set smaller, down to this share of its size, before a
 * word (a number, a name, a URL) too wide for the cell is broken between
 * characters: first the column's minimum width (auto layout), then smaller
 * type, then the break, with a note (docs/layout.md §3). */
#define CELL_MIN_SCALE 0.8
#define CELL_SCALE_STEPS 4      /* 95%, 90%, 85%, 80% */

/* Narrowest and widest natural extent of laid-out content (pt from the
 * area's start edge): unbreakable pieces and whole lines of its paragraphs,
 * nested tables as they are; and the narrowest that strands no character
 * before a number (gr_para_pair_width). */
static void box_extent(const gr_box *b, double *minw, double *maxw, double *pairw)
{
    const gr_box *c;
    double lo = 0, hi = 0, pair = 0;
    if (b->kind == GR_BOX_LINES) {
        lo = b->x + gr_para_min_width(b->para);
        hi = b->x + gr_para_max_width(b->para);
        pair = b->x + gr_para_pair_width(b->para);
    } else if (b->kind == GR_BOX_TABLE) {
        lo = hi = pair = b->x + b->table->width;
    } else {
        for (c = b->first; c; c = c->next) box_extent(c, &lo, &hi, &pair);
    }
    if (lo > *minw) *minw = lo;
    if (hi > *maxw) *maxw = hi;
    if (pair > *pairw) *pairw = pair;
}

/* The widest paragraph of laid-out content that is one line within
 * `room` (pt from the area's start edge), into *fit. */
static void box_fitting(const gr_box *b, double room, double *fit)
{
    const gr_box *c;
    if (b->kind == GR_BOX_LINES) {
        double w = b->x + gr_para_max_width(b->para);
        if (w <= room + EPS && w > *fit) *fit = w;
    } else if (b->kind != GR_BOX_TABLE) {
        for (c = b->first; c; c = c->next) box_fitting(c, room, fit);
    }
}

/* A cell's content widths: its content laid out once, at a width nothing
 * reaches, with messages going to `quiet` (the real build reports them);
 * with `fit`, also the widest of its paragraphs that is one line in a
 * column `room` wide (0 if none). Returns the cell's padding and borders
 * (included in all three widths). */
static double cell_extent(gr_lay *L, gr_ctx *quiet, const gr_tcell *cl, double *minw,
                          double *maxw, double room, double *fit, double *pairw)
{
    const gr_fo_props *p = cl->fo->p;
    double ins = p->padding[GR_START] + p->padding[GR_END] +
                 (gr_border_width(p, GR_START) + gr_border_width(p, GR_END)) / 2;
    gr_ctx *loud = L->ctx;
    int status = L->status;
    gr_box *b;
    double pair = 0;
    *minw = *maxw = 0;
    L->ctx = quiet;
    b = gr_build_area(L, cl->fo, 1e6);
    box_extent(b, minw, maxw, &pair);
    if (pairw) *pairw = fmax(pair, *minw) + ins;
    if (fit) {
        *fit = 0;
        box_fitting(b, room - ins, fit);
        if (*fit > 0) *fit += ins;
    }
    gr_box_free_tree(b);
    L->ctx = loud;
    L->status = status;
    *minw += ins;
    *maxw += ins;
    return ins;
}

/* table-layout="auto": the columns without a width get widths from their
 * cells' content (CSS 2.1 §17.5.2.2 in short): each column's narrowest
 * and widest natural width over its single-column cells; all at their
 * widest if that fits `room`, else between narrowest and widest (see
 * below); when even the narrowest do not fit, between the narrowest at
 * CELL_MIN_SCALE and at full size. Returns the width they take (<= room
 * unless even the narrowest at CELL_MIN_SCALE do not fit). */
static double auto_columns(gr_lay *L, gr_table *t, const gr_len *spec, double room,
                           int fill)
{
    double *lo = gr_calloc((size_t)t->ncols + 1, sizeof *lo);
    double *hi = gr_calloc((size_t)t->ncols + 1, sizeof *hi);
    double *small = gr_calloc((size_t)t->ncols + 1, sizeof *small);
    double smin = 0, smax = 0, ssmall = 0, used = 0;
    gr_ctx quiet;
    FILE *sink = gr_lay_sink(L);
    int i;
    gr_lay_ctx_init(L, &quiet);
    quiet.err_stream = sink;        /* NULL: measure nothing, all at 12pt */
    quiet.quiet_warnings = 1;
    for (i = 0; sink && i < t->ncells; i++) {
        const gr_tcell *cl = &t->cells[i];
        double a, b, ins;
        if (cl->colspan != 1 || cl->col >= t->ncols || spec[cl->col].unit != GR_LEN_AUTO) continue;
        ins = cell_extent(L, &quiet, cl, &a, &b, 0, NULL, NULL);
        if (a > lo[cl->col]) lo[cl->col] = a;
        if (b > hi[cl->col]) hi[cl->col] = b;
        /* the narrowest at CELL_MIN_SCALE (see min_proportional) */
        if (ins + (a - ins) * CELL_MIN_SCALE > small[cl->col])
            small[cl->col] = ins + (a - ins) * CELL_MIN_SCALE;
    }
    for (i = 0; i < t->ncols; i++) {
        if (spec[i].unit != GR_LEN_AUTO) continue;
        if (hi[i] < lo[i]) hi[i] = lo[i];
        if (hi[i] < 12) hi[i] = lo[i] > 12 ? lo[i] : 12;    /* empty columns: a little room */
        smin += lo[i];
        smax += hi[i];
        ssmall += small[i];
    }
    if (smax <= room || smin >= room) {
        /* even the narrowest widths do not fit: between each column's
           narrowest at CELL_MIN_SCALE and at full size, alike (the cells
           set their text smaller), or the former when even they do not */
        double f = smin > ssmall && room > ssmall ? (room - ssmall) / (smin - ssmall) : 0;
        for (i = 0; i < t->ncols; i++) {
            if (spec[i].unit != GR_LEN_AUTO) continue;
            t->colw[i] = smax <= room ? (fill && smax > 0 ? hi[i] * room / smax : hi[i])
                       : smin <= room + EPS ? lo[i] : small[i] + (lo[i] - small[i]) * f;
            used += t->colw[i];
        }
    } else {
        /* short columns (labels, numbers, names) keep their whole natural
           width when it is within a fair share of what is left; the long
           ones share the rest in proportion to their natural widths, never
           below their narrowest (Chinese breaks anywhere, so squeezing a
           short label by the max-min rule would wrap 「項次」) */
        unsigned char *done = gr_calloc((size_t)t->ncols + 1, 1);
        double left = room, pool = 0;
        int open = 0, changed = 1;
        for (i = 0; i < t->ncols; i++) if (spec[i].unit == GR_LEN_AUTO) open++;
        while (changed && open > 0) {
            changed = 0;
            for (i = 0; i < t->ncols; i++) {
                if (spec[i].unit != GR_LEN_AUTO || done[i] || hi[i] > left / open) continue;
                t->colw[i] = hi[i];
                left -= hi[i];
                done[i] = 1;
                open--;
                changed = 1;
            }
        }
        for (i = 0; i < t->ncols; i++)
            if (spec[i].unit == GR_LEN_AUTO && !done[i]) pool += hi[i];
        for (i = 0; i < t->ncols; i++) {
            if (spec[i].unit != GR_LEN_AUTO) continue;
            if (!done[i]) {
                t->colw[i] = pool > 0 ? left * hi[i] / pool : 0;
                if (t->colw[i] < lo[i]) t->colw[i] = lo[i];
            }
            used += t->colw[i];
        }
        free(done);
    }
    if (used > room + EPS) {
        /* the narrowest widths kept above took more than the room: down
           toward each column's narrowest at CELL_MIN_SCALE, alike */
        double over = used - room, give = 0;
        for (i = 0; i < t->ncols; i++)
            if (spec[i].unit == GR_LEN_AUTO && t->colw[i] > small[i]) give += t->colw[i] - small[i];
        for (i = 0; give > 0 && i < t->ncols; i++)
            if (spec[i].unit == GR_LEN_AUTO && t->colw[i] > small[i]) {
                double d = (t->colw[i] - small[i]) * (over < give ? over / give : 1);
                t->colw[i] -= d;
                used -= d;
            }
    }
    free(small);
    free(lo);
    free(hi);
    return used;
}

/* Proportional columns below `lo` take the missing width from the
 * proportional columns above `give` (>= lo), in proportion to that room;
 * what no column can give stays missing. */
static void take_from_spare(gr_table *t, const gr_len *spec, int fixed_layout, const double *lo,
                            const double *give)
{
    double need = 0, spare = 0;
    int i;
#define PROP(i) (spec[i].unit == GR_LEN_PROP || (spec[i].unit == GR_LEN_AUTO && fixed_layout))
    for (i = 0; i < t->ncols; i++) {
        if (!PROP(i)) continue;
        if (t->colw[i] < lo[i]) need += lo[i] - t->colw[i];
        else if (t->colw[i] > give[i]) spare += t->colw[i] - give[i];
    }
    if (need > 0 && spare > 0) {
        double f = need < spare ? need / spare : 1;
        for (i = 0; i < t->ncols; i++) {
            if (!PROP(i)) continue;
            if (t->colw[i] < lo[i]) t->colw[i] += (lo[i] - t->colw[i]) * (need < spare ? 1 : spare / need);
            else if (t->colw[i] > give[i]) t->colw[i] -= (t->colw[i] - give[i]) * f;
        }
    }
}

/* Side padding of a table's cells is cut, all alike, down to this (pt a
 * side) when the columns' minimums at CELL_MIN_SCALE do not fit otherwise:
 * a figure or a two-character header is broken only when even that fails
 * (docs/layout.md §3). One point keeps the text off the rules. */
#define CELL_PAD_FLOOR 1.0

/* One single-column cell's measured content (min_proportional): its text
 * widths without padding and borders, and those. */
typedef struct cell_need {
    int col;
    double lo, hi, fit;        /* narrowest, widest, widest one-line (0: none) */
    double pair;               /* no character stranded (gr_para_pair_width) */
    double pad_s, pad_e, rules;
} cell_need;

/* Each column's needs (lo, small = lo at CELL_MIN_SCALE, hi, fit, pair)
 * with the cells' side padding at most `cap`. */
static void column_needs(const gr_table *t, const cell_need *cn, int n, double cap, double *lo,
                         double *small, double *hi, double *fit, double *pair)
{
    int i;
    for (i = 0; i < t->ncols; i++) lo[i] = small[i] = hi[i] = fit[i] = pair[i] = 0;
    for (i = 0; i < n; i++) {
        const cell_need *c = &cn[i];
        double ins = fmin(c->pad_s, cap) + fmin(c->pad_e, cap) + c->rules;
        if (ins + c->lo > lo[c->col]) lo[c->col] = ins + c->lo;
        if (ins + c->pair > pair[c->col]) pair[c->col] = ins + c->pair;
        if (ins + c->hi > hi[c->col]) hi[c->col] = ins + c->hi;
        if (c->fit > 0 && ins + c->fit > fit[c->col]) fit[c->col] = ins + c->fit;
        /* text widths scale with the text's size; padding and borders not */
        if (ins + c->lo * CELL_MIN_SCALE > small[c->col]) small[c->col] = ins + c->lo * CELL_MIN_SCALE;
    }
}

/* The proportional columns' widths for the needs of padding `cap`,
 * starting from their shares `share` (see min_proportional); returns the
 * width still missing at CELL_MIN_SCALE. */
static double distribute(gr_table *t, const gr_len *spec, int fixed_layout, const double *share,
                         const cell_need *cn, int n, double cap, double *need)
{
    double *lo = need, *small = need + t->ncols + 1, *hi = need + 2 * (t->ncols + 1),
           *fit = need + 3 * (t->ncols + 1), *give = need + 4 * (t->ncols + 1),
           *pair = need + 5 * (t->ncols + 1), missing = 0;
    int i, round;
    column_needs(t, cn, n, cap, lo, small, hi, fit, pair);
    for (i = 0; i < t->ncols; i++) if (PROP(i)) t->colw[i] = share[i];
    for (round = 0; round < 2; round++) {
        const double *want = round == 0 ? small : lo;
        for (i = 0; i < t->ncols; i++) give[i] = fmax(want[i], hi[i]);
        take_from_spare(t, spec, fixed_layout, want, give);
        for (i = 0; i < t->ncols; i++) give[i] = fmax(want[i], fit[i]);
        take_from_spare(t, spec, fixed_layout, want, give);
        take_from_spare(t, spec, fixed_layout, want, want);
    }
    /* then up to the width that strands no character before a number
       (「第」 with 「113301234567號）」), from width no column's content
       uses only (S7) */
    for (i = 0; i < t->ncols; i++) {
        pair[i] = fmax(pair[i], lo[i]);
        give[i] = fmax(pair[i], hi[i]);
    }
    take_from_spare(t, spec, fixed_layout, pair, give);
    for (i = 0; i < t->ncols; i++)
        if (PROP(i) && t->colw[i] < small[i] - EPS) missing += small[i] - t->colw[i];
    return missing;
}

/* Proportional columns narrower than their content's minimum (a number,
 * a short header word such as 「項次」, a name, four characters of a
 * Chinese label: gr_para_min_width) take the missing width from the
 * proportional columns that have room to spare, in two rounds: first every
 * column up to its minimum at CELL_MIN_SCALE (its text may be set that
 * much smaller), then up to its minimum at full size. So a column of wide
 * counts never squeezes a label column to one character a line: the counts
 * are set smaller first. In each round the width comes first from columns
 * wider than all their content, then from columns down to their widest
 * paragraph that is one line as declared (「☐非巨額採購」 does not wrap for
 * it), then from every column above its minimum. When even the minimums
 * at CELL_MIN_SCALE do not fit (a statistics table of 21 count columns),
 * the cells' side padding is cut, all alike, just enough for them to fit,
 * never below CELL_PAD_FLOOR; what that cannot give stays a last resort
 * (the text breaks inside, with a note). Returns the side padding cap
 * (HUGE_VAL: none). */
static double min_proportional(gr_lay *L, gr_table *t, const gr_len *spec, int fixed_layout)
{
    cell_need *cn = gr_calloc((size_t)t->ncells + 1, sizeof *cn);
    double *share = gr_calloc((size_t)t->ncols + 1, sizeof *share);
    double *need = gr_calloc(6 * ((size_t)t->ncols + 1), sizeof *need);
    double cap = HUGE_VAL, maxpad = 0, room = 0;
    gr_ctx quiet;
    FILE *sink = gr_lay_sink(L);
    int i, n = 0;
    gr_lay_ctx_init(L, &quiet);
    quiet.err_stream = sink;
    quiet.quiet_warnings = 1;
    for (i = 0; sink && i < t->ncells; i++) {
        const gr_tcell *cl = &t->cells[i];
        const gr_fo_props *p = cl->fo->p;
        double a, b, ins, f, pw;
        if (cl->colspan != 1 || cl->col >= t->ncols || !PROP(cl->col)) continue;
        ins = cell_extent(L, &quiet, cl, &a, &b, t->colw[cl->col], &f, &pw);
        /* a nested table or list as wide as its container took the
           measuring width: it asks for no width of its own */
        if (a >= 1e5) continue;
        cn[n].col = cl->col;
        cn[n].lo = a - ins;
        cn[n].hi = b - ins;
        cn[n].fit = f > 0 ? f - ins : 0;
        cn[n].pair = fmin(pw, b) - ins;
        cn[n].pad_s = p->padding[GR_START];
        cn[n].pad_e = p->padding[GR_END];
        cn[n].rules = ins - cn[n].pad_s - cn[n].pad_e;
        maxpad = fmax(maxpad, fmax(cn[n].pad_s, cn[n].pad_e));
        n++;
    }
    for (i = 0; i < t->ncols; i++)
        if (PROP(i)) { share[i] = t->colw[i]; room += share[i]; }
    if (distribute(t, spec, fixed_layout, share, cn, n, cap, need) > 0 && maxpad > CELL_PAD_FLOOR) {
        /* the largest cap at which the minimums at CELL_MIN_SCALE fit the
           columns' room (their sum: take_from_spare meets every need
           then), else the floor */
        double lo_cap = CELL_PAD_FLOOR, hi_cap = maxpad;
        int k;
        for (k = 0; k < 40; k++) {
            double mid = (lo_cap + hi_cap) / 2, sum = 0;
            column_needs(t, cn, n, mid, need, need + t->ncols + 1, need + 2 * (t->ncols + 1),
                         need + 3 * (t->ncols + 1), need + 5 * (t->ncols + 1));
            for (i = 0; i < t->ncols; i++) if (PROP(i)) sum += need[t->ncols + 1 + i];
            if (sum <= room - EPS) lo_cap = mid;
            else hi_cap = mid;
        }
        cap = lo_cap;
        distribute(t, spec, fixed_layout, share, cn, n, cap, need);
    }
#undef PROP
    free(need);
    free(share);
    free(cn);
    return cap;
}

/* Column widths: fixed, percentage of the table, proportional shares of
 * what remains; columns not declared take one share each. With `alike`,
 * also a new array of each column's first column of the same declared
 * width (not auto: itself), the columns whose cells print at one size
 * (build_cells). Returns the cap on the cells' side padding (HUGE_VAL:
 * none; min_proportional). */
static double column_widths(gr_lay *L, gr_fo_node *tf, gr_table *t, double width, double avail,
                            int **alike)
{
    gr_fo_node *c;
    gr_len *spec;
    double fixed = 0, shares = 0, rest, x, total, cap = HUGE_VAL;
    int i, col = 0, nauto = 0;
    int declared = 0;
    spec = gr_calloc((size_t)t->ncols + 1, sizeof *spec);
    for (c = tf->first; c; c = c->next) {
        int rep = c->p->number_columns_repeated > 0 ? c->p->number_columns_repeated : 1;
        if (c->type != GR_FO_TABLE_COLUMN) continue;
        declared = (c->p->column_number > 0 ? c->p->column_number - 1 : declared) + rep;
    }
    if (declared > 0 && t->ncols > declared) {
        for (i = 0; i < t->ncells; i++)
            if (t->cells[i].col + t->cells[i].colspan > declared) break;
        gr_error(L->ctx, L->tree->path, i < t->ncells ? t->cells[i].fo->line : tf->line, GR_TEXT(TABLE_CELL_REACHES_COLUMN_BUT),
                 i < t->ncells ? t->cells[i].col + t->cells[i].colspan : t->ncols, declared);
        if (L->status == GR_OK) L->status = GR_EINPUT;
    }
    for (c = tf->first; c; c = c->next) {
        int rep, k;
        if (c->type != GR_FO_TABLE_COLUMN) continue;
        if (c->p->column_number > 0) col = c->p->column_number - 1;
        rep = c->p->number_columns_repeated > 0 ? c->p->number_columns_repeated : 1;
        for (k = 0; k < rep; k++, col++) {
            if (col >= t->ncols) {
                int n = col + 1;
                spec = gr_realloc(spec, ((size_t)n + 1) * sizeof *spec);
                memset(spec + t->ncols, 0, (size_t)(n + 1 - t->ncols) * sizeof *spec);
                t->ncols = n;
            }
            spec[col] = c->p->column_width;
        }
    }
    if (t->ncols == 0) t->ncols = 1;
    t->colx = gr_calloc((size_t)t->ncols + 1, sizeof(double));
    t->colw = gr_calloc((size_t)t->ncols + 1, sizeof(double));
    for (i = 0; i < t->ncols; i++) {
        if (spec[i].unit == GR_LEN_PT) t->colw[i] = spec[i].v;
        else if (spec[i].unit == GR_LEN_PCT) t->colw[i] = width * spec[i].v / 100;
        else if (spec[i].unit == GR_LEN_AUTO && !tf->p->table_layout_fixed) { nauto++; continue; }
        else { shares += spec[i].unit == GR_LEN_PROP ? spec[i].v : 1; continue; }
        fixed += t->colw[i];
    }
    rest = width - fixed;
    if (nauto > 0) {
        /* content-sized columns first; proportional ones share what is left,
           and an auto table without a width is as wide as its content */
        int fill = shares == 0 && tf->p->width.unit != GR_LEN_AUTO;
        double used = auto_columns(L, t, spec, rest > 0 ? rest : 0, fill);
        fixed += used;
        rest -= used;
        if (shares > 0 && rest < shares * 12) rest = shares * 12;
    }
    if (shares > 0) {
        if (rest < shares) {
            gr_warn(L->ctx, L->tree->path, tf->line, GR_TEXT(TABLE_FIXED_COLUMNS_TAKE_PT),
                    fixed);
            rest = shares * 12;
        }
        for (i = 0; i < t->ncols; i++)
            if (spec[i].unit == GR_LEN_PROP ||
                (spec[i].unit == GR_LEN_AUTO && tf->p->table_layout_fixed))
                t->colw[i] = rest * (spec[i].unit == GR_LEN_PROP ? spec[i].v : 1) / shares;
        cap = min_proportional(L, t, spec, tf->p->table_layout_fixed);
    }
    for (total = 0, i = 0; i < t->ncols; i++) total += t->colw[i];
    if (total > avail + EPS) {
        /* nothing may overflow the page: scale the columns into the room */
        gr_warn(L->ctx, L->tree->path, tf->line, GR_TEXT(TABLE_PT_WIDE_BUT_ONLY),
                total, avail);
        for (i = 0; i < t->ncols; i++) t->colw[i] *= avail / total;
        total = avail;
    }
    for (x = 0, i = 0; i < t->ncols; i++) { t->colx[i] = x; x += t->colw[i]; }
    t->width = total;
    if (alike) {
        int j;
        *alike = gr_calloc((size_t)t->ncols + 1, sizeof **alike);
        for (i = 0; i < t->ncols; i++) {
            for (j = 0; j < i; j++)
                if (spec[i].unit != GR_LEN_AUTO && spec[j].unit == spec[i].unit &&
                    spec[j].v == spec[i].v)
                    break;
            (*alike)[i] = j;
        }
    }
    free(spec);
    return cap;
}

static gr_border wider(gr_border a, gr_border b)
{
    double wa = a.style ? a.width : 0, wb = b.style ? b.width : 0;
    return wb > wa ? b : a;
}

/* Collapsed borders: each side of a cell takes the widest of its own, its
 * row's (top and bottom, and the row ends), its neighbour's facing side, and
 * the table's where it lies on the table's edge. */
static void resolve_borders(gr_table *t, const gr_fo_props *tp, int collapse)
{
    int i, j, *grid;
    gr_border (*own)[4];
    for (i = 0; i < t->ncells; i++) {
        gr_tcell *a = &t->cells[i];
        const gr_fo_props *rp = t->rows[a->row].fo ? t->rows[a->row].fo->p : NULL;
        const gr_fo_props *rl = t->rows[a->row + a->rowspan - 1].fo ?
                                t->rows[a->row + a->rowspan - 1].fo->p : NULL;
        int k;
        for (k = 0; k < 4; k++) a->border[k] = a->fo->p->border[k];
        if (!collapse) continue;
        if (rp) a->border[GR_BEFORE] = wider(a->border[GR_BEFORE], rp->border[GR_BEFORE]);
        if (rl) a->border[GR_AFTER] = wider(a->border[GR_AFTER], rl->border[GR_AFTER]);
        if (rp && a->col == 0) a->border[GR_START] = wider(a->border[GR_START], rp->border[GR_START]);
        if (rp && a->col + a->colspan == t->ncols) a->border[GR_END] = wider(a->border[GR_END], rp->border[GR_END]);
        if (a->row == 0 || t->rows[a->row - 1].section != t->rows[a->row].section)
            a->border[GR_BEFORE] = wider(a->border[GR_BEFORE], tp->border[GR_BEFORE]);
        if (a->row + a->rowspan == t->nrows)
            a->border[GR_AFTER] = wider(a->border[GR_AFTER], tp->border[GR_AFTER]);
        if (a->col == 0) a->border[GR_START] = wider(a->border[GR_START], tp->border[GR_START]);
        if (a->col + a->colspan == t->ncols) a->border[GR_END] = wider(a->border[GR_END], tp->border[GR_END]);
    }
    if (!collapse || t->nrows == 0 || t->ncols == 0) return;
    /* neighbours through a (row, column) -> cell map: linear in the cells;
       each side meets the neighbour's side as resolved so far (its row's
       and the table's borders included) */
    own = gr_malloc((size_t)t->ncells * sizeof *own);
    for (i = 0; i < t->ncells; i++) memcpy(own[i], t->cells[i].border, sizeof own[i]);
    grid = gr_malloc((size_t)t->nrows * (size_t)t->ncols * sizeof *grid);
    for (j = 0; j < t->nrows * t->ncols; j++) grid[j] = -1;
    for (i = 0; i < t->ncells; i++) {
        const gr_tcell *a = &t->cells[i];
        int r, c;
        for (r = a->row; r < a->row + a->rowspan && r < t->nrows; r++)
            for (c = a->col; c < a->col + a->colspan && c < t->ncols; c++)
                grid[r * t->ncols + c] = i;
    }
    for (i = 0; i < t->ncells; i++) {
        gr_tcell *a = &t->cells[i];
        int r, c, k;
        for (r = a->row; r < a->row + a->rowspan && r < t->nrows; r++) {
            int right = a->col + a->colspan, left = a->col - 1;
            if (right < t->ncols && (k = grid[r * t->ncols + right]) >= 0 && k != i)
                a->border[GR_END] = wider(a->border[GR_END], own[k][GR_START]);
            if (left >= 0 && (k = grid[r * t->ncols + left]) >= 0 && k != i)
                a->border[GR_START] = wider(a->border[GR_START], own[k][GR_END]);
        }
        for (c = a->col; c < a->col + a->colspan && c < t->ncols; c++) {
            int below = a->row + a->rowspan, above = a->row - 1;
            if (below < t->nrows && (k = grid[below * t->ncols + c]) >= 0 && k != i)
                a->border[GR_AFTER] = wider(a->border[GR_AFTER], own[k][GR_BEFORE]);
            if (above >= 0 && (k = grid[above * t->ncols + c]) >= 0 && k != i)
                a->border[GR_BEFORE] = wider(a->border[GR_BEFORE], own[k][GR_AFTER]);
        }
    }
    free(own);
    free(grid);
}

static double bw(const gr_border *b) { return b->style ? b->width : 0; }

/* Distance from the grid line to the content, on one side. */
static double inset(const gr_tcell *cl, int side)
{
    return bw(&cl->border[side]) / 2 + cl->pad[side];
}

/* A cell's gr:continued label as FO of its own: a copy of the cell (its
 * properties) holding one text node, styled as the cell's first block
 * when it has one (the label looks like the label it repeats). Nodes live
 * in the run's arena; they are never part of the tree. */
static gr_fo_node *continued_area(gr_lay *L, gr_fo_node *cell)
{
    gr_fo_node *area = gr_arena_alloc(L->arena, sizeof *area);
    gr_fo_node *text = gr_arena_alloc(L->arena, sizeof *text), *in = area, *b;
    *area = *cell;
    area->first = area->last = area->next = area->prev = NULL;
    for (b = cell->first; b && b->type != GR_FO_BLOCK; b = b->next) ;
    if (b && !b->p->id && b->p->break_before == GR_BREAK_AUTO) {
        gr_fo_node *blk = gr_arena_alloc(L->arena, sizeof *blk);
        *blk = *b;
        blk->parent = area;
        blk->next = blk->prev = NULL;
        area->first = area->last = blk;
        in = blk;
    }
    memset(text, 0, sizeof *text);
    text->type = GR_FO_TEXT;
    text->line = cell->line;
    text->parent = in;
    text->p = in->p;
    text->text = cell->p->continued;
    text->text_len = strlen(cell->p->continued);
    in->first = in->last = text;
    return area;
}


/* The first paragraph of a cell's content (not of nested tables, which
 * fit their own cells) with a word broken between characters. */
static const gr_box *box_overflow(const gr_box *b)
{
    const gr_box *c, *r;
    if (b->kind == GR_BOX_LINES) return gr_para_overflow(b->para, NULL, NULL, NULL) ? b : NULL;
    if (b->kind == GR_BOX_TABLE) return NULL;
    for (c = b->first; c; c = c->next)
        if ((r = box_overflow(c))) return r;
    return NULL;
}

/* A lone character is mended by smaller type only in a short cell text
 * (a header, a label, a date): a long text set at 80% to move one
 * character is harder to read than the character alone. */
#define CELL_LONE_MAX_LINES 6

/* A cell text of at most this many characters is a label: broken inside a
 * word (「電子票 / 證刷卡」) it is set smaller when that mends it, as in a
 * header cell; a longer body text keeps its size (a course name set at 80%
 * to keep one word whole reads worse than the word broken). */
#define CELL_LABEL_CHARS 12

/* 1 if a paragraph of the content (not of nested tables) of at most
 * CELL_LONE_MAX_LINES lines has a line of one character that pulling a
 * character down could not mend (gr_para_lone_char) or mended only by
 * pulling one down inside the text (gr_para_lone_mended: smaller type that
 * needs neither reads better), or, in a header cell
 * or a label, breaks a short text inside a word (gr_para_word_broken). */
static int box_lone_char(const gr_box *b, int header)
{
    const gr_box *c;
    if (b->kind == GR_BOX_LINES) {
        int wb = gr_para_word_broken(b->para);
        return (gr_para_lone_char(b->para) || gr_para_lone_mended(b->para) ||
                (wb > 0 && (header || wb <= CELL_LABEL_CHARS))) &&
               gr_para_nlines(b->para) <= CELL_LONE_MAX_LINES;
    }
    if (b->kind == GR_BOX_TABLE) return 0;
    for (c = b->first; c; c = c->next)
        if (box_lone_char(c, header)) return 1;
    return 0;
}

/* The cell's content for width w: at full size when every word fits, no
 * line holds a lone character (CLREQ 孤字, gr_para_lone_char) and no short
 * text breaks inside a word (gr_para_word_broken); else at
 * the largest of CELL_SCALE_STEPS smaller sizes at which both hold (built
 * quietly: the full-size build said everything else); else, when a word
 * did not fit,
 * at the largest size at which every word fits, or at CELL_MIN_SCALE with
 * words broken and a note naming the data line; a lone character that no
 * smaller size mends stays at full size. */
/* At most this many cells of one table get their own 「…仍比可用寬度…還寬」
 * note; the rest are counted in one note at the last of them (a table of
 * 42 count columns would otherwise print a hundred lines, S3). */
#define CELL_NOTES_MAX 3

typedef struct cell_notes {
    int said, more;            /* notes printed, notes left unsaid */
    const char *file;          /* where the last unsaid one was */
    int line;
} cell_notes;

static gr_box *build_cell_content(gr_lay *L, gr_tcell *cl, double w, int header,
                                  cell_notes *notes, int *step)
{
    double scale = L->text_scale;
    int defer = L->defer_overflow, k, status, fallback_k = 0;
    gr_box *b, *small = NULL, *fallback = NULL;
    const gr_box *ov;
    gr_ctx *loud = L->ctx, quiet;
    FILE *sink;
    *step = 0;
    L->defer_overflow = 1;
    b = gr_build_area(L, cl->fo, w);
    L->defer_overflow = defer;
    ov = box_overflow(b);
    if ((!ov && !box_lone_char(b, header)) || !(sink = gr_lay_sink(L))) {
        if (ov) {                           /* no quiet stream: as before */
            const char *file, *text = gr_para_overflow(ov->para, &file, NULL, NULL);
            int line = 0;
            double avail = 0;
            gr_para_overflow(ov->para, NULL, &line, &avail);
            gr_warn(loud, file, line, GR_TEXT(TEXT_WIDER_THAN_AVAILABLE_PT),
                    text, avail);
        }
        return b;
    }
    gr_lay_ctx_init(L, &quiet);
    quiet.err_stream = sink;
    quiet.quiet_warnings = 1;
    quiet.lang = loud->lang;
    quiet.image_budget = loud->image_budget;  /* images are loaded already */
    quiet.image_used = loud->image_used;
    status = L->status;
    L->ctx = &quiet;
    for (k = 1; k <= CELL_SCALE_STEPS; k++) {
        gr_box *t;
        int t_ov;
        L->text_scale = scale * (1 - (1 - CELL_MIN_SCALE) * k / CELL_SCALE_STEPS);
        L->defer_overflow = 1;
        t = gr_build_area(L, cl->fo, w);
        t_ov = box_overflow(t) != NULL;
        if (!t_ov && !box_lone_char(t, header)) {
            small = t;
            *step = k;
            break;
        }
        /* a word too wide at full size: the first size at which every
           word fits, else the smallest */
        if (ov && !fallback && (!t_ov || k == CELL_SCALE_STEPS)) {
            fallback = t;
            fallback_k = k;
        } else {
            gr_box_free_tree(t);
        }
    }
    L->ctx = loud;
    L->status = status;
    L->text_scale = scale;
    L->defer_overflow = defer;
    if (small) gr_box_free_tree(fallback);
    else {
        small = fallback;
        *step = fallback_k;
    }
    if (!small) return b;                   /* only a 孤字 no size mends */
    if ((ov = box_overflow(small))) {
        /* even at CELL_MIN_SCALE: the last resort, said at the data line */
        const char *file = NULL, *text;
        int line = 0;
        double avail = 0;
        text = gr_para_overflow(ov->para, &file, &line, &avail);
        if (notes->said < CELL_NOTES_MAX) {
            gr_warn(loud, file, line,
                    GR_TEXT(LAYOUT_CELL_STILL_TOO_WIDE),
                    text, CELL_MIN_SCALE * 100, avail);
            notes->said++;
        } else {
            notes->more++;
            notes->file = file;
            notes->line = line;
        }
    }
    gr_box_free_tree(b);
    return small;
}

/* The cell's content at smaller size step k (1..CELL_SCALE_STEPS),
 * quietly: its full-size build said what there was to say. */
static gr_box *build_cell_at(gr_lay *L, gr_tcell *cl, double w, int k)
{
    double scale = L->text_scale;
    int defer = L->defer_overflow, status = L->status;
    gr_ctx *loud = L->ctx, quiet;
    FILE *sink = gr_lay_sink(L);
    gr_box *b;
    if (!sink) return NULL;
    gr_lay_ctx_init(L, &quiet);
    quiet.err_stream = sink;
    quiet.quiet_warnings = 1;
    quiet.lang = loud->lang;
    quiet.image_budget = loud->image_budget;
    quiet.image_used = loud->image_used;
    L->ctx = &quiet;
    L->text_scale = scale * (1 - (1 - CELL_MIN_SCALE) * k / CELL_SCALE_STEPS);
    L->defer_overflow = 1;
    b = gr_build_area(L, cl->fo, w);
    L->ctx = loud;
    L->status = status;
    L->text_scale = scale;
    L->defer_overflow = defer;
    return b;
}

/* Lay out every cell's content in its columns, its side padding at most
 * `cap` (column_widths). With `alike` (tables, not lists: column_widths),
 * the single-column cells of the body in columns of one declared width
 * come out at one size: the smallest any of them needed — a column of
 * shares with one two-digit share at 90% sets its one-digit shares at 90%
 * too, not 「8%」 at full size beside 「48%」 smaller (T18), and the count
 * columns of a statistics table print alike, not 「598」 at full size
 * beside 「1,184」 smaller (T18 residual); the header's cells of such
 * columns (「男」 「女」 beside 「其他」) likewise, at their own size. A
 * column of a width of its own (the label column) keeps its size. */
static void build_cells(gr_lay *L, gr_table *t, double cap, const int *alike)
{
    int i, k;
    cell_notes notes = { 0, 0, NULL, 0 };
    int *step = gr_calloc((size_t)t->ncells + 1, sizeof *step);
    int *colstep = gr_calloc(2 * ((size_t)t->ncols + 1), sizeof *colstep);
    for (i = 0; i < t->ncells; i++) {
        gr_tcell *cl = &t->cells[i];
        double w = 0;
        for (k = cl->col; k < cl->col + cl->colspan && k < t->ncols; k++) w += t->colw[k];
        cl->x = t->colx[cl->col < t->ncols ? cl->col : t->ncols - 1];
        cl->w = w;
        for (k = 0; k < 4; k++) cl->pad[k] = cl->fo->p->padding[k];
        cl->pad[GR_START] = fmin(cl->pad[GR_START], cap);
        cl->pad[GR_END] = fmin(cl->pad[GR_END], cap);
        cl->content = build_cell_content(L, cl, w - inset(cl, GR_START) - inset(cl, GR_END),
                                         t->rows[cl->row].section == 0, &notes, &step[i]);
        if (cl->fo->p->continued && *cl->fo->p->continued)
            cl->continued = gr_build_area(L, continued_area(L, cl->fo),
                                          w - inset(cl, GR_START) - inset(cl, GR_END));
    }
    /* per section (header 0, body 1) and group of alike columns: the
       largest step (the smallest size) any of its cells needed */
    for (i = 0; alike && i < t->ncells; i++) {
        const gr_tcell *cl = &t->cells[i];
        int sec = t->rows[cl->row].section, *g;
        if (sec > 1 || cl->colspan != 1 || cl->col >= t->ncols) continue;
        g = &colstep[sec * (t->ncols + 1) + alike[cl->col]];
        if (step[i] > *g) *g = step[i];
    }
    for (i = 0; alike && i < t->ncells; i++) {
        gr_tcell *cl = &t->cells[i];
        int sec = t->rows[cl->row].section, want;
        gr_box *b;
        if (sec > 1 || cl->colspan != 1 || cl->col >= t->ncols) continue;
        want = colstep[sec * (t->ncols + 1) + alike[cl->col]];
        if (step[i] >= want) continue;
        b = build_cell_at(L, cl, cl->w - inset(cl, GR_START) - inset(cl, GR_END), want);
        if (!b) continue;
        gr_box_free_tree(cl->content);
        cl->content = b;
    }
    free(colstep);
    free(step);
    if (notes.more > 0)
        gr_warn(L->ctx, notes.file, notes.line, GR_TEXT(LAYOUT_CELLS_MORE_TOO_WIDE), notes.more);
}

static gr_box *table_box(gr_lay *L, gr_fo_node *fo, double ref_w, double *x, double *avail)
{
    gr_box *b = gr_box_new(L, GR_BOX_TABLE, fo);
    const gr_fo_props *p = fo->p;
    /* start-indent counts the table's own border and padding (XSL 5.3.2);
       the grid starts at the border's edge: its outer borders are drawn
       on the grid lines, collapsed into the cells' */
    *x = p->start_indent - L->base_start - gr_border_width(p, GR_START) - p->padding[GR_START];
    *avail = ref_w - *x - (p->end_indent - L->base_end - gr_border_width(p, GR_END) -
                           p->padding[GR_END]);
    if (*avail < 1) *avail = 1;
    b->x = *x;
    b->table = gr_arena_alloc(L->arena, sizeof(gr_table));
    return b;
}

static void table_cleanup_arrays(gr_lay *L, gr_table *t)
{
    /* move the heap arrays into the arena so the box tree frees as one */
    size_t n;
    void *p;
#define TO_ARENA(field, count) \
    n = (size_t)(count) * sizeof *t->field; \
    p = gr_arena_alloc(L->arena, n ? n : 1); \
    if (n) memcpy(p, t->field, n); \
    free(t->field); \
    t->field = p;
    TO_ARENA(rows, t->nrows);
    TO_ARENA(cells, t->ncells);
    TO_ARENA(colx, t->ncols + 1);
    TO_ARENA(colw, t->ncols + 1);
    TO_ARENA(row_first_cell, t->nrows + 1);
#undef TO_ARENA
}

/* The rows and cells of table `tf` into t (empty). */
static void build_grid(gr_lay *L, gr_fo_node *tf, gr_table *t)
{
    grid_build g;
    gr_fo_node *c;
    int sec;
    memset(&g, 0, sizeof g);
    g.L = L;
    g.t = t;
    for (sec = 0; sec < 3; sec++) {
        gr_fo_type want = sec == 0 ? GR_FO_TABLE_HEADER : sec == 1 ? GR_FO_TABLE_BODY : GR_FO_TABLE_FOOTER;
        for (c = tf->first; c; c = c->next)
            if (c->type == want) {
                int before = t->nrows;
                g.section_start = before;
                if (g.busy) { size_t k; for (k = 0; k < g.cap_busy; k++) g.busy[k] = -1; }
                add_section(&g, c, sec);
                if (sec == 0) t->nhead += t->nrows - before;
                if (sec == 2) t->nfoot += t->nrows - before;
            }
    }
    free(g.busy);
    finish_rows(t);
}

/* The tables of tf's flow named `set` by gr:column-set, in document
 * order, into a new array (*n of them). */
static gr_fo_node **column_set_members(gr_fo_node *tf, const char *set, int *n)
{
    gr_fo_node *top = tf, *c, **m = NULL;
    size_t cap = 0;
    *n = 0;
    while (top->parent && top->type != GR_FO_FLOW) top = top->parent;
    for (c = top; c; ) {
        if (c->type == GR_FO_TABLE && c->p->column_set && strcmp(c->p->column_set, set) == 0) {
            m = gr_grow(m, &cap, (size_t)*n + 1, sizeof *m);
            m[(*n)++] = c;
        }
        if (c->first) { c = c->first; continue; }
        while (c != top && !c->next) c = c->parent;
        c = c == top ? NULL : c->next;
    }
    return m;
}

/* gr:column-set (docs/fo-subset.md): the tables of one set get their
 * column widths from all their cells together, as one table would: the
 * set is sized as its table of the most columns, with the cells of every
 * member in their columns, and column k of each member takes width k (a
 * member of fewer columns is that much narrower). The bands of a
 * statistics table so line up. Replaces t's widths (sized alone: its own
 * messages are given) and returns the set's padding cap; the members are
 * measured quietly. */
static double column_set_widths(gr_lay *L, gr_fo_node *tf, gr_table *t, double width,
                                double avail, double cap)
{
    gr_fo_node **m;
    gr_table v, *part;
    gr_fo_node *widest = NULL;
    gr_ctx quiet, *loud = L->ctx;
    int n, i, k, status = L->status, serial = L->cell_serial;
    double x, total = 0;
    m = column_set_members(tf, tf->p->column_set, &n);
    if (n < 2) { free(m); return cap; }
    gr_lay_ctx_init(L, &quiet);
    quiet.err_stream = gr_lay_sink(L);
    quiet.quiet_warnings = 1;
    L->ctx = &quiet;
    part = gr_calloc((size_t)n, sizeof *part);
    memset(&v, 0, sizeof v);
    for (i = 0; i < n; i++) {
        build_grid(L, m[i], &part[i]);
        v.ncells += part[i].ncells;
        if (!widest || part[i].ncols > v.ncols) { widest = m[i]; v.ncols = part[i].ncols; }
    }
    v.cells = gr_calloc((size_t)v.ncells + 1, sizeof *v.cells);
    for (i = 0, k = 0; i < n; i++) {
        memcpy(v.cells + k, part[i].cells, (size_t)part[i].ncells * sizeof *v.cells);
        k += part[i].ncells;
    }
    cap = column_widths(L, widest, &v, width, avail, NULL);
    for (i = 0; i < t->ncols; i++) {
        t->colw[i] = i < v.ncols ? v.colw[i] : 0;
        total += t->colw[i];
    }
    if (total > avail + EPS)    /* a member wider than the set's widest */
        for (i = 0; i < t->ncols; i++) t->colw[i] *= avail / total;
    for (x = 0, i = 0; i < t->ncols; i++) { t->colx[i] = x; x += t->colw[i]; }
    t->width = x;
    for (i = 0; i < n; i++) {
        free(part[i].rows);
        free(part[i].cells);
        free(part[i].row_first_cell);
    }
    free(part);
    free(v.cells);
    free(v.colx);
    free(v.colw);
    free(m);
    L->ctx = loud;
    L->status = status;
    L->cell_serial = serial;
    return cap;
}

gr_box *gr_build_table(gr_lay *L, gr_fo_node *tf, double ref_w)
{
    double x, avail, width, cap;
    gr_box *b = table_box(L, tf, ref_w, &x, &avail);
    gr_table *t = b->table;
    int *alike = NULL;
    build_grid(L, tf, t);
    width = tf->p->width.unit == GR_LEN_PT ? tf->p->width.v
          : tf->p->width.unit == GR_LEN_PCT ? avail * tf->p->width.v / 100 : avail;
    cap = column_widths(L, tf, t, width, avail, &alike);
    if (tf->p->column_set) cap = column_set_widths(L, tf, t, width, avail, cap);
    resolve_borders(t, tf->p, tf->p->border_collapse);
    build_cells(L, t, cap, alike);
    free(alike);
    b->w = t->width;
    table_cleanup_arrays(L, t);
    if (t->nrows - t->nhead - t->nfoot <= 0 && t->nrows == 0)
        gr_warn(L->ctx, L->tree->path, tf->line, GR_TEXT(TABLE_HAS_ROWS));
    return b;
}

/* fo:list-block: each list-item is a row of two cells, the label in
 * [0, distance − separation) and the body in [distance, width). */
gr_box *gr_build_list(gr_lay *L, gr_fo_node *lf, double ref_w)
{
    double x, avail, d = lf->p->provisional_distance_between_starts;
    double sep = lf->p->provisional_label_separation;
    gr_box *b = table_box(L, lf, ref_w, &x, &avail);
    gr_table *t = b->table;
    grid_build g;
    gr_fo_node *it, *c;
    memset(&g, 0, sizeof g);
    g.L = L;
    g.t = t;
    if (d > avail - 12) d = avail / 3;
    if (sep > d) sep = 0;
    for (it = lf->first; it; it = it->next) {
        gr_trow *r;
        if (it->type != GR_FO_LIST_ITEM) continue;
        r = add_row(&g, it, 1);
        r->keep_together = it->p->keep_together;
        for (c = it->first; c; c = c->next) {
            int col = c->type == GR_FO_LIST_ITEM_LABEL ? 0 : 1;
            if (c->type != GR_FO_LIST_ITEM_LABEL && c->type != GR_FO_LIST_ITEM_BODY) continue;
            t->cells = gr_grow(t->cells, &g.cap_cells, (size_t)t->ncells + 1, sizeof *t->cells);
            memset(&t->cells[t->ncells], 0, sizeof t->cells[0]);
            t->cells[t->ncells].fo = c;
            t->cells[t->ncells].row = t->nrows - 1;
            t->cells[t->ncells].col = col;
            t->cells[t->ncells].colspan = t->cells[t->ncells].rowspan = 1;
            t->ncells++;
        }
    }
    t->ncols = 2;
    finish_rows(t);
    t->colx = gr_calloc(3, sizeof(double));
    t->colw = gr_calloc(3, sizeof(double));
    t->colx[0] = 0; t->colw[0] = d - sep;
    t->colx[1] = d; t->colw[1] = avail - d;
    t->width = avail;
    build_cells(L, t, HUGE_VAL, NULL);  /* a list's items each at their own size */
    b->w = avail;
    table_cleanup_arrays(L, t);
    return b;
}

/* ---- placing ------------------------------------------------------------ */

/* One row-span group being placed: rows [from, end] (from > the group's
 * first row when it continues from an earlier page), its cells
 * [c0, c0 + n), and their states: `in` where each continues (indexed by
 * cell - c0; NULL arrays = all from their start), `next` the states after
 * this fragment. */
typedef struct group {
    const gr_table *t;
    int from, end, c0, n;
    const gr_resume *in;
    gr_resume **next_cells;
    unsigned char *next_done;
    double *top, *h;           /* per row - from; top[end - from + 1] = bottom */
    double tx;
    int some_cell_waits;       /* a cell with content placed nothing */
    int label_waits;           /* a spanned cell would split where it starts */
} group;

static int cell_active(const group *g, int i)
{
    const gr_tcell *cl = &g->t->cells[g->c0 + i];
    if (g->in && g->in->cell_done && g->in->cell_done[i]) return 0;
    return cl->row + cl->rowspan - 1 >= g->from;
}

static const gr_resume *cell_in(const group *g, int i)
{
    return g->in && g->in->cells ? g->in->cells[i] : NULL;
}

/* A cell whose content ended on an earlier page while its rows go on
 * here, and which has a gr:continued label to show instead. */
static int cell_shows_label(const group *g, int i)
{
    const gr_tcell *cl = &g->t->cells[g->c0 + i];
    return cl->continued && g->in && g->in->cell_done && g->in->cell_done[i] &&
           cl->row + cl->rowspan - 1 >= g->from;
}

static double cell_rest_height(const group *g, int i)
{
    const gr_tcell *cl = &g->t->cells[g->c0 + i];
    if (cell_shows_label(g, i))
        return gr_box_height(cl->continued, NULL) + inset(cl, GR_BEFORE) + inset(cl, GR_AFTER);
    return gr_box_height(cl->content, cell_in(g, i)) + inset(cl, GR_BEFORE) + inset(cl, GR_AFTER);
}

/* Row heights of rows [from, end] for the content still to place. */
static void row_heights(const group *g, double *h)
{
    const gr_table *t = g->t;
    int r, i;
    int pass;
    for (r = g->from; r <= g->end; r++) h[r - g->from] = t->rows[r].min_h;
    /* rows take their own cells' heights first; a row-spanning cell then
       adds to its last row only what the rows it spans still lack (taken
       in row order, it would make the last row as tall as itself) */
    for (pass = 0; pass < 2; pass++)
        for (i = 0; i < g->n; i++) {
            const gr_tcell *cl = &t->cells[g->c0 + i];
            int last = cl->row + cl->rowspan - 1, s;
            double need, have = 0;
            if (!cell_active(g, i) && !cell_shows_label(g, i)) continue;
            s = cl->row > g->from ? cl->row : g->from;
            if ((last > s) != pass) continue;
            need = cell_rest_height(g, i);
            for (r = s; r < last; r++) have += h[r - g->from];
            if (have + h[last - g->from] < need) h[last - g->from] = need - have;
        }
}

/* The first row of the group that row r belongs to. */
static int group_start(const gr_table *t, int r)
{
    while (r > 0 && t->rows[r - 1].group_end >= r && t->rows[r - 1].section == t->rows[r].section)
        r--;
    return r;
}

static void group_init(group *g, const gr_table *t, int from, const gr_resume *in, double tx)
{
    int g0 = group_start(t, from);
    memset(g, 0, sizeof *g);
    g->t = t;
    g->from = from;
    g->end = t->rows[g0].group_end;
    g->c0 = t->row_first_cell[g0];
    g->n = t->row_first_cell[g->end + 1] - g->c0;
    g->in = in;
    g->tx = tx;
}

/* The background a cell shows: its own, else its row's, else its section's
 * (table-header/-body/-footer), else none. */
static const gr_fo_props *background_of(const gr_table *t, const gr_tcell *cl)
{
    const gr_fo_node *row = t->rows[cl->row].fo;
    if (cl->fo->p->has_background) return cl->fo->p;
    if (row && row->p->has_background) return row->p;
    if (row && row->parent && row->parent->p->has_background) return row->parent->p;
    return NULL;
}

static void draw_cell_frame(gr_cursor *c, const gr_table *t, const gr_tcell *cl, double x,
                            double y0, double y1, size_t mark)
{
    const gr_fo_props *p = background_of(t, cl);
    double x1 = x + cl->w;
    if (p) {
        gr_dl_item it;
        memset(&it, 0, sizeof it);
        it.kind = GR_DL_RECT;
        it.u.rect.x = x; it.u.rect.y = y0; it.u.rect.w = cl->w; it.u.rect.h = y1 - y0;
        it.u.rect.color = p->background;
        gr_page_insert(c->pg, mark, &it);
    }
    /* every fragment draws its four sides: closed at a page end, reopened
       on the next page; shared lines coincide exactly */
    if (bw(&cl->border[GR_BEFORE]) > 0)
        gr_page_add_rule(c->pg, x - bw(&cl->border[GR_START]) / 2, y0,
                         x1 + bw(&cl->border[GR_END]) / 2, y0,
                         cl->border[GR_BEFORE].width, cl->border[GR_BEFORE].color);
    if (bw(&cl->border[GR_AFTER]) > 0)
        gr_page_add_rule(c->pg, x - bw(&cl->border[GR_START]) / 2, y1,
                         x1 + bw(&cl->border[GR_END]) / 2, y1,
                         cl->border[GR_AFTER].width, cl->border[GR_AFTER].color);
    if (bw(&cl->border[GR_START]) > 0)
        gr_page_add_rule(c->pg, x, y0, x, y1,
                         cl->border[GR_START].width, cl->border[GR_START].color);
    if (bw(&cl->border[GR_END]) > 0)
        gr_page_add_rule(c->pg, x1, y0, x1, y1,
                         cl->border[GR_END].width, cl->border[GR_END].color);
}

/* Place one cell's content (or its continued label) into [y0, y1) of
 * this fragment. */
static int place_cell(gr_lay *L, gr_cursor *c, const gr_tcell *cl, gr_box *content,
                      double tx, double y0, double y1, int whole, const gr_resume *in,
                      gr_resume **out, int force)
{
    gr_cursor cc;
    double top = y0 + inset(cl, GR_BEFORE), bottom = y1 - inset(cl, GR_AFTER);
    memset(&cc, 0, sizeof cc);
    cc.doc = c->doc;
    cc.pg = c->pg;
    cc.area_x = tx + cl->x + inset(cl, GR_START);
    cc.y = top;
    cc.limit = bottom;
    cc.at_top = 1;
    cc.force = force;
    cc.note_bottom = c->note_bottom;
    if (whole && !in && cl->valign != GR_DALIGN_AUTO && cl->valign != GR_DALIGN_BEFORE) {
        double room = bottom - top - gr_box_height(content, NULL);
        if (room > 0) cc.y += cl->valign == GR_DALIGN_CENTER ? room / 2 : room;
    }
    return gr_place_box(L, &cc, content, in, out);
}

/* Orphans and widows per cell: a cell split over pages keeps at least
 * `orphans` lines of text on the page where it starts and `widows` on the
 * next, counting the lines of all its paragraphs (a cell of one-line
 * blocks too, which each paragraph's own limits do not see). When a split
 * (res PART, *o where it goes on) leaves fewer on the next page, the cell
 * ends higher so that lines go on with them; when its first fragment would
 * then hold fewer than `orphans`, it places nothing here (its row starts
 * on the next page when it can: place_group_once). Forced (an empty page
 * must place something), the split is kept as it is. */
static int cell_lines_rule(gr_lay *L, gr_cursor *c, const group *g, int i, double y0,
                           double y1, size_t cmark, gr_resume **o, int force, int res)
{
    const gr_tcell *cl = &g->t->cells[g->c0 + i];
    const gr_resume *in = cell_in(g, i);
    int orphans = cl->fo->p->orphans > 0 ? cl->fo->p->orphans : 1;
    int widows = cl->fo->p->widows > 0 ? cl->fo->p->widows : 1;
    int total = gr_box_lines(cl->content, in), left, k, r;
    int need = in ? 1 : orphans;           /* lines this fragment must hold */
    double lo = y0, hi = y1;
    if (res != GR_PLACED_PART || total >= GR_LINES_MANY) return res;
    left = gr_box_lines(cl->content, *o);
    if (left >= GR_LINES_MANY || (left >= widows && total - left >= need)) return res;
    if (total - (left > widows ? left : widows) < need) {
        /* too short to split within the limits */
        if (force) return res;
        gr_page_truncate(c->pg, cmark);
        *o = NULL;
        return GR_PLACED_NONE;
    }
    /* the lowest end of the fragment that leaves `widows` lines: lines
       are at least a few points tall, so 12 halvings find it */
    for (k = 0; k < 12; k++) {
        double mid = (lo + hi) / 2;
        gr_resume *t = NULL;
        gr_page_truncate(c->pg, cmark);
        r = place_cell(L, c, cl, cl->content, g->tx, y0, mid, 0, in, &t, 0);
        if (r == GR_PLACED_PART && gr_box_lines(cl->content, t) >= widows) lo = mid;
        else hi = mid;
    }
    gr_page_truncate(c->pg, cmark);
    *o = NULL;
    r = place_cell(L, c, cl, cl->content, g->tx, y0, lo, 0, in, o, 0);
    if (r != GR_PLACED_PART || total - gr_box_lines(cl->content, *o) < need) {
        gr_page_truncate(c->pg, cmark);
        *o = NULL;
        if (!force) return GR_PLACED_NONE;
        return place_cell(L, c, cl, cl->content, g->tx, y0, y1, 0, in, o, force);
    }
    return r;
}

enum { CELLS_ALL, CELLS_STARTING_AT_SPLIT, CELLS_BEFORE_SPLIT };

/* Place the active cells of the group that `which` selects into the
 * fragment ending at `bottom`, recording their states in g->next_*.
 * Returns 1 if any placed something. */
static int place_cells(gr_lay *L, gr_cursor *c, group *g, int split, double bottom,
                       int which, int force)
{
    int i, any = 0;
    for (i = 0; i < g->n; i++) {
        const gr_tcell *cl = &g->t->cells[g->c0 + i];
        int last = cl->row + cl->rowspan - 1, s, res, ends_here;
        double y0, y1;
        gr_resume *o = NULL;
        size_t cmark;
        int done = g->in && g->in->cell_done && g->in->cell_done[i];
        if (last < g->from) continue;
        s = cl->row > g->from ? cl->row : g->from;
        if (split >= 0 && s > split) continue;          /* starts on the next page */
        if (which == CELLS_STARTING_AT_SPLIT && s != split) continue;
        if (which == CELLS_BEFORE_SPLIT && s >= split) continue;
        ends_here = split < 0 || last < split;
        y0 = g->top[s - g->from];
        y1 = ends_here ? g->top[last - g->from] + g->h[last - g->from] : bottom;
        if (y1 <= y0 + EPS && !ends_here) continue;
        cmark = c->pg->nitems;
        if (done) {
            /* its content ended on an earlier page; its row goes on here:
               an empty fragment keeps the grid closed, with the cell's
               gr:continued label when it has one (whole, or not at all) */
            if (cl->continued &&
                place_cell(L, c, cl, cl->continued, g->tx, y0, y1, ends_here, NULL, &o, 0)
                    != GR_PLACED_ALL)
                gr_page_truncate(c->pg, cmark);
            draw_cell_frame(c, g->t, cl, g->tx + cl->x, y0, y1, cmark);
            gr_dump_cell(L, c->pg, cl, g->tx + cl->x, y0, y1);
            continue;
        }
        res = place_cell(L, c, cl, cl->content, g->tx, y0, y1, ends_here, cell_in(g, i), &o,
                         force && s == g->from);
        res = cell_lines_rule(L, c, g, i, y0, y1, cmark, &o, force && s == g->from, res);
        if (res == GR_PLACED_PART && !force && cl->rowspan > 1 && s == cl->row &&
            !cell_in(g, i) && cell_rest_height(g, i) <= L->body_h) {
            /* a spanned cell (the strategy grid's category label) shorter
               than a page is not split where it starts, to go on
               mid-sentence on the next page: its group starts there,
               leaving less than the label's height blank here */
            gr_page_truncate(c->pg, cmark);
            o = NULL;
            res = GR_PLACED_NONE;
            g->label_waits = 1;
        }
        if (res == GR_PLACED_ALL) { g->next_done[i] = 1; g->next_cells[i] = NULL; }
        else if (res == GR_PLACED_PART) g->next_cells[i] = o;
        if (res != GR_PLACED_NONE) any = 1;
        else if (cl->content->first) g->some_cell_waits = 1;
        draw_cell_frame(c, g->t, cl, g->tx + cl->x, y0, y1, cmark);
        gr_dump_cell(L, c->pg, cl, g->tx + cl->x, y0, y1);
    }
    return any;
}

/* 1 when every cell of the group has placed all its content: a fragment
 * that had to end at the page bottom (a row-spanning cell needed the room)
 * may still have finished the group. */
static int group_finished(const group *g)
{
    int i;
    for (i = 0; i < g->n; i++) {
        const gr_tcell *cl = &g->t->cells[g->c0 + i];
        if (cl->row + cl->rowspan - 1 >= g->from && !g->next_done[i]) return 0;
    }
    return 1;
}

/* Reset the next states to the incoming ones. */
static void group_reset_next(group *g)
{
    size_t n = (size_t)g->n;
    if (g->in && g->in->cells) memcpy(g->next_cells, g->in->cells, n * sizeof *g->next_cells);
    else memset(g->next_cells, 0, n * sizeof *g->next_cells);
    if (g->in && g->in->cell_done) memcpy(g->next_done, g->in->cell_done, n);
    else memset(g->next_done, 0, n);
}

static int place_group_once(gr_lay *L, gr_cursor *c, const gr_table *t, double tx, int from,
                            const gr_resume *st, gr_resume **out, int force, double fresh);

/* Room above the footnotes already on the page. */
static double room_above_notes(gr_lay *L, const gr_cursor *c)
{
    double lim = c->limit;
    if (c->note_bottom > 0 && L->has_notes) {
        double n = c->note_bottom - gr_page_notes_height(c->pg);
        if (n < lim) lim = n;
    }
    return lim;
}

/* Place rows [from, group end] with the cell states of `st` into the
 * cursor, above the page's footnotes: when the group's own anchors bring
 * footnotes it would overlap, it is placed again with less room. On PART,
 * *out says where the group continues. */
static int place_group(gr_lay *L, gr_cursor *c, const gr_table *t, double tx, int from,
                       const gr_resume *st, gr_resume **out, int force, double fresh)
{
    double limit = c->limit, lim = room_above_notes(L, c);
    size_t mark = c->pg->nitems;
    gr_cursor saved = *c;
    int tries, res = GR_PLACED_NONE;
    for (tries = 0; tries < 4; tries++) {
        double after;
        c->limit = lim;
        res = place_group_once(L, c, t, tx, from, st, out, force, fresh);
        c->limit = limit;
        after = room_above_notes(L, c);
        if (res == GR_PLACED_NONE || c->y <= after + EPS || after >= lim - EPS)
            return res;
        /* overlapping its own footnotes: again, ending above them */
        gr_page_truncate(c->pg, mark);
        *c = saved;
        lim = after;
    }
    return res;
}

/* A page at least this full lets a row that fits on the next page move
 * there whole; a page less full splits it (no page is left mostly blank
 * because a row moved on). */
#define GR_ROW_MOVE_FILL 0.6

/* fresh: the room an empty page offers these rows (body minus the repeated
 * header and footer), 0 if the group may not move whole. */
static int place_group_once(gr_lay *L, gr_cursor *c, const gr_table *t, double tx, int from,
                            const gr_resume *st, gr_resume **out, int force, double fresh)
{
    group g;
    int nrows, r, split = -1, any = 0, res;
    double y, bottom;
    size_t mark = c->pg->nitems;
    group_init(&g, t, from, st, tx);
    nrows = g.end - g.from + 1;
    g.h = gr_calloc((size_t)nrows, sizeof *g.h);
    g.top = gr_calloc((size_t)nrows + 1, sizeof *g.top);
    g.next_cells = gr_calloc((size_t)g.n + 1, sizeof *g.next_cells);
    g.next_done = gr_calloc((size_t)g.n + 1, 1);
    group_reset_next(&g);
    row_heights(&g, g.h);
    y = c->y;
    for (r = g.from; r <= g.end; r++) {
        g.top[r - g.from] = y;
        if (y + g.h[r - g.from] > c->limit + EPS) { split = r; break; }
        y += g.h[r - g.from];
    }
    if (split < 0) g.top[nrows] = y;
    bottom = split < 0 ? y : c->limit;
    if (split >= 0 && !st && !force && fresh > 0) {
        /* a row (group) that fits on the next page moves there whole, when
           this page is full enough to be left: its fill is the flow's, not
           the room taken by the page's footnotes or the table's footer */
        double total = 0, used = c->y - L->body_y;
        int k;
        for (k = 0; k < nrows; k++) total += g.h[k];
        if (total <= fresh + EPS && used >= GR_ROW_MOVE_FILL * L->body_h) {
            res = GR_PLACED_NONE;
            goto done;
        }
    }
    if (split >= 0 && t->rows[split].keep_together > 0 && !(force && split == g.from) &&
        g.h[split - g.from] <= L->body_h + EPS) {
        /* (a row taller than a whole page cannot be kept: it splits) */
        /* a row that keeps together ends the fragment above it */
        bottom = g.top[split - g.from];
        if (split == g.from) { res = GR_PLACED_NONE; goto done; }
    }
    if (split > g.from) {
        /* the row where the page ends: if none of its own cells can put
           anything here, the fragment ends above it instead */
        size_t smark = c->pg->nitems;
        int got = place_cells(L, c, &g, split, bottom, CELLS_STARTING_AT_SPLIT, force);
        /* the row's cells start together: if one of them cannot, none does */
        if (got && g.some_cell_waits && !force) got = 0;
        if (!got) {
            gr_page_truncate(c->pg, smark);
            group_reset_next(&g);
            bottom = g.top[split - g.from];
        }
        any = place_cells(L, c, &g, split, bottom, CELLS_BEFORE_SPLIT, force) || got;
    } else {
        any = place_cells(L, c, &g, split, bottom, CELLS_ALL, force);
        /* a row's cells start together (the 項次 with its row's first
           line): if a cell with content cannot start here, none does */
        if (split >= 0 && any && g.some_cell_waits && !force) any = 0;
    }
    if (split >= 0 && (!any || g.label_waits) && !force) {
        gr_page_truncate(c->pg, mark);
        res = GR_PLACED_NONE;
        goto done;
    }
    c->y = bottom;
    c->at_top = 0;
    c->force = 0;
    if (split >= 0 && group_finished(&g)) split = -1;   /* all fitted after all */
    if (split < 0) {
        *out = NULL;
        res = GR_PLACED_ALL;
    } else {
        /* the group continues: keep its cell states in the run's arena */
        gr_resume *next = gr_arena_alloc(L->arena, sizeof *next);
        next->row = split;
        next->cells = gr_arena_alloc(L->arena, ((size_t)g.n + 1) * sizeof *next->cells);
        next->cell_done = gr_arena_alloc(L->arena, (size_t)g.n + 1);
        memcpy(next->cells, g.next_cells, (size_t)g.n * sizeof *next->cells);
        memcpy(next->cell_done, g.next_done, (size_t)g.n);
        *out = next;
        res = GR_PLACED_PART;
    }
done:
    free(g.h);
    free(g.top);
    free(g.next_cells);
    free(g.next_done);
    return res;
}

/* A header or footer group (starting at row r) repeated on a part of the
 * table after the first: its cells with a gr:continued label show the
 * label instead of their content (a photo group's caption 「▲ …（續）」,
 * docs/fo-subset.md); NULL when none has one, or on the first part. */
static const gr_resume *repeated_part(gr_lay *L, const gr_table *t, int r, int later)
{
    int c0 = t->row_first_cell[r], n = t->row_first_cell[t->rows[r].group_end + 1] - c0, i, any = 0;
    gr_resume *st;
    if (!later || n <= 0) return NULL;
    for (i = 0; i < n; i++) any |= t->cells[c0 + i].continued != NULL;
    if (!any) return NULL;
    st = gr_arena_alloc(L->arena, sizeof *st);
    memset(st, 0, sizeof *st);
    st->row = r;
    st->cell_done = gr_arena_alloc(L->arena, (size_t)n);
    for (i = 0; i < n; i++) st->cell_done[i] = t->cells[c0 + i].continued != NULL;
    return st;
}

/* Rows [from, to) placed whole, group by group (header and footer; `later`:
 * on a part after the first). */
static int place_rows_whole(gr_lay *L, gr_cursor *c, const gr_table *t, double tx,
                            int from, int to, int later)
{
    int r = from;
    while (r < to) {
        gr_resume *o = NULL;
        int res = place_group(L, c, t, tx, r, repeated_part(L, t, r, later), &o, 0, 0);
        if (res != GR_PLACED_ALL) return 0;
        r = t->rows[r].group_end + 1;
    }
    return 1;
}

/* Natural height of rows [from, to), group by group (`later`: as a header
 * or footer repeated on a part after the first). */
static double rows_height(gr_lay *L, const gr_table *t, int from, int to, int later)
{
    double total = 0, *h;
    int r = from;
    if (to <= from) return 0;
    h = gr_calloc((size_t)(to - from) + 1, sizeof *h);
    while (r < to) {
        group g;
        int k;
        group_init(&g, t, r, repeated_part(L, t, r, later), 0);
        row_heights(&g, h);
        for (k = 0; k <= g.end - g.from; k++) total += h[k];
        r = g.end + 1;
    }
    free(h);
    return total;
}

/* A row group placed whole in this fragment: where it began. */
typedef struct placed_group {
    int row;
    size_t mark;
    gr_cursor before;
} placed_group;

/* 1 if the group starting at row a must stay on the page of the group
 * starting at row b (keep-with-next on a's last row, keep-with-previous on
 * b's first). */
static int rows_keep(const gr_table *t, int a, int b)
{
    const gr_fo_node *ra = t->rows[t->rows[a].group_end].fo, *rb = t->rows[b].fo;
    return (ra && ra->p->keep_with_next > 0) || (rb && rb->p->keep_with_previous > 0);
}

/* A fragment of a table: the header rows, as many body rows as fit above
 * the room kept for the footer, then the footer rows (XSL repeats both at
 * every page break). */
int gr_place_table(gr_lay *L, gr_cursor *c, gr_box *b, const gr_resume *in,
                   gr_resume **out)
{
    const gr_table *t = b->table;
    const gr_fo_props *p = b->fo->p;
    int first = in == NULL, force = c->force, groups = 0, done = 0;
    int body_end = t->nrows - t->nfoot;
    int r = in ? in->row : t->nhead;
    size_t mark = c->pg->nitems, nplaced = 0, capplaced = 0;
    placed_group *placed = NULL;
    gr_cursor saved = *c;
    double tx = c->area_x + b->x, limit = c->limit;
    double foot_h = rows_height(L, t, body_end, t->nrows, !first);
    double fresh = L->body_h - rows_height(L, t, 0, t->nhead, 1)
                 - rows_height(L, t, body_end, t->nrows, 1);
    const gr_resume *st = in && in->cells ? in : NULL;
    gr_resume *o = NULL;

    if (first && p->break_before == GR_BREAK_PAGE && !c->force)
        return GR_PLACED_NONE;
    if (first) {
        if (p->space_before.opt > c->pending_space) c->pending_space = p->space_before.opt;
    }
    if (!c->at_top || c->pending_retain) c->y += c->pending_space;
    c->pending_space = 0;
    c->pending_retain = 0;
    if (first && p->id) gr_add_id_item(c, GR_DL_DEST, p->id, tx, c->y);
    if (t->nhead > 0 && !place_rows_whole(L, c, t, tx, 0, t->nhead, !first) && !force) {
        gr_page_truncate(c->pg, mark);
        *c = saved;
        return GR_PLACED_NONE;
    }
    if (foot_h < c->limit - c->y) c->limit -= foot_h;     /* room for the footer */
    while (r < body_end) {
        gr_cursor before = *c;
        size_t before_mark = c->pg->nitems;
        int res = place_group(L, c, t, tx, r, st, &o, force && groups == 0, fresh);
        st = NULL;
        if (res == GR_PLACED_ALL) {
            placed = gr_grow(placed, &capplaced, nplaced + 1, sizeof *placed);
            placed[nplaced].row = r;
            placed[nplaced].mark = before_mark;
            placed[nplaced].before = before;
            nplaced++;
            groups++;
            r = t->rows[r].group_end + 1;
            continue;
        }
        if (res == GR_PLACED_PART)
            break;
        /* nothing of this group fits on the page */
        if (groups == 0) {
            free(placed);
            gr_page_truncate(c->pg, mark);
            *c = saved;
            return GR_PLACED_NONE;
        }
        {
            /* rows kept with this one go along, and the last row is never
               left alone under a repeated header (a table without a header,
               a photo group, lets it go alone; a last group of several rows
               joined by a spanned cell is no lone row: it goes alone, and
               the group before stays; widows="1" on the table — rows each
               complete in itself, as a chart's rows under their legend —
               lets it go alone): back to the start of the chain, if
               something stays on this page */
            size_t j = nplaced;
            int next = r;
            while (j > 0 && rows_keep(t, placed[j - 1].row, next)) {
                next = placed[j - 1].row;
                j--;
            }
            if (j == nplaced && t->nhead > 0 && t->rows[r].group_end == r &&
                r + 1 == body_end && nplaced >= 2 && p->widows != 1)
                j = nplaced - 1;
            /* a table under its header opens at a page foot with at least
               its `orphans` body rows, as a paragraph with its lines (a
               21-member list, a clerk's three rows: never the caption, the
               header and one row; a category of four rows joined by its
               label is four): else it starts on the next page, when this
               page is full enough to be left */
            if (first && t->nhead > 0 && !force &&
                (j > 0 && j < nplaced ? placed[j].row : r) - t->nhead <
                    (p->orphans > 0 ? p->orphans : 1) &&
                saved.y - L->body_y >= GR_ROW_MOVE_FILL * L->body_h) {
                free(placed);
                gr_page_truncate(c->pg, mark);
                *c = saved;
                return GR_PLACED_NONE;
            }
            if (j > 0 && j < nplaced) {
                gr_page_truncate(c->pg, placed[j].mark);
                *c = placed[j].before;
                r = placed[j].row;
            }
        }
        o = gr_arena_alloc(L->arena, sizeof *o);
        o->row = r;
        break;
    }
    free(placed);
    if (r >= body_end && !o) done = 1;
    c->limit = limit;
    if (t->nfoot > 0 && !place_rows_whole(L, c, t, tx, body_end, t->nrows, !first) && done) {
        /* (only when the room kept was not enough: a footer taller than
           what was left) the footer goes to the next page alone */
        done = 0;
        o = gr_arena_alloc(L->arena, sizeof *o);
        o->row = body_end;
    }
    if (p->id) gr_add_id_item(c, GR_DL_MARK, p->id, tx, c->y);
    if (done) {
        c->pending_space = p->space_after.opt;
        *out = NULL;
        return GR_PLACED_ALL;
    }
    *out = o;
    return GR_PLACED_PART;
}

double gr_table_height(const gr_box *b, const gr_resume *in)
{
    const gr_table *t = b->table;
    double total = 0, *h;
    int r = in ? in->row : 0;
    const gr_resume *st = in && in->cells ? in : NULL;
    if (t->nrows == 0) return 0;
    h = gr_calloc((size_t)t->nrows, sizeof *h);
    while (r < t->nrows) {
        group g;
        int k;
        group_init(&g, t, r, st, 0);
        row_heights(&g, h);
        for (k = 0; k <= g.end - g.from; k++) total += h[k];
        st = NULL;
        r = g.end + 1;
    }
    free(h);
    return total;
}
