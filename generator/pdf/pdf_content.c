/* pdf_content.c — one page's content stream: state written only when it
 * changes, text items sharing text objects, rules merged and written once
 * per colour and width (see pdf_content.h for the rules and units).
 */
#include "pdf_content.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEN_MAX           32767000L    /* 32767 pt in 0.001 pt */
#define MISSING_INSET     0.08         /* of the box width, each side */
#define MISSING_STROKE    0.5          /* pt */
#define SPACING_MAX       2000.0       /* 1/1000 em: Tc considered up to 2 em */
/* Bytes a choice of character spacing costs (for choosing, not exact): an
   adjustment in a TJ array ("-22.59" and a string break), a Tc operator. */
#define COST_ADJUST       8
#define COST_TC           14
#define PULL_BACK         100.0        /* 1/1000 em: see count_adjust */

/* ---- numbers ----------------------------------------------------------- */

long pdf_len(double v)
{
    double r;
    if (!isfinite(v)) return 0;
    r = round(v * 1000.0);
    if (r > LEN_MAX) return LEN_MAX;
    if (r < -LEN_MAX) return -LEN_MAX;
    return (long)r;
}

long pdf_unit(double v)
{
    if (!isfinite(v) || v < 0) return 0;
    if (v > 1) return 1000;
    return lround(v * 1000.0);
}

/* Fixed-point decimal: v / 10^dec (dec 1..10), trailing zeros trimmed,
 * then a space. */
static void add_fixed(gr_buf *b, long v, int dec)
{
    static const unsigned long pow10[] = {
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
        1000000000, 10000000000
    };
    char tmp[40], *e = tmp + sizeof tmp, *q = e;
    unsigned long a = v < 0 ? (unsigned long)-v : (unsigned long)v;
    unsigned long ip, fp, scale;
    int k = dec;
    assert(dec >= 1 && dec <= 10);
    scale = pow10[dec];
    ip = a / scale;
    fp = a % scale;
    while (k > 0 && fp % 10 == 0) { fp /= 10; k--; }
    *--q = ' ';
    if (k > 0) {
        while (k-- > 0) { *--q = (char)('0' + fp % 10); fp /= 10; }
        *--q = '.';
    }
    do { *--q = (char)('0' + ip % 10); ip /= 10; } while (ip);
    if (v < 0) *--q = '-';
    gr_buf_add(b, q, (size_t)(e - q));
}

void pdf_add_len(gr_buf *b, long v)
{
    add_fixed(b, v, 3);
}

static void add_rgb(gr_buf *b, const long rgb[3], const char *op)
{
    add_fixed(b, rgb[0], 3);
    add_fixed(b, rgb[1], 3);
    add_fixed(b, rgb[2], 3);
    gr_buf_adds(b, op);
}

static void to_rgb(gr_color c, long rgb[3])
{
    rgb[0] = pdf_unit(c.r);
    rgb[1] = pdf_unit(c.g);
    rgb[2] = pdf_unit(c.b);
}

static void plan_rules(pdf_content *c, const gr_dl_item *items, size_t n);

/* ---- state ------------------------------------------------------------- */

void pdf_content_init(pdf_content *c)
{
    memset(c, 0, sizeof *c);
    gr_buf_init(&c->out);
}

void pdf_content_free(pdf_content *c)
{
    gr_buf_free(&c->out);
    free(c->glyphs);
    free(c->styles);
    free(c->keys);
    free(c->tmp);
    free(c->rules);
    free(c->plan);
    memset(c, 0, sizeof *c);
}

void pdf_content_begin(pdf_content *c, double page_h, const gr_dl_item *items,
                       size_t nitems, int fresh)
{
    gr_buf out = c->out;
    pdf_rule *rules = c->rules, *plan = c->plan;
    pdf_glyph *glyphs = c->glyphs;
    pdf_style *styles = c->styles;
    struct pdf_rkey *keys = c->keys;
    pdf_rule *tmp = c->tmp;
    size_t rcap = c->rcap, pcap = c->pcap, gcap = c->gcap, scap = c->scap;
    size_t kcap = c->kcap, tcap = c->tcap;
    memset(c, 0, sizeof *c);
    c->keys = keys;
    c->kcap = kcap;
    c->tmp = tmp;
    c->tcap = tcap;
    c->out = out;
    c->glyphs = glyphs;
    c->gcap = gcap;
    c->styles = styles;
    c->scap = scap;
    c->out.len = 0;
    c->rules = rules;
    c->rcap = rcap;
    c->plan = plan;
    c->pcap = pcap;
    c->page_h = page_h;
    plan_rules(c, items, nitems);
    /* a content stream starts with black fill and stroke, width 1, text
       render mode 0, character spacing 0: nothing to write for those */
    if (fresh) {
        c->have_fill = c->have_stroke = c->have_width = c->have_tr = 1;
        c->have_tc = 1;
        c->width = 1000;
    }
}

static void end_text(pdf_content *c)
{
    if (!c->in_text) return;
    gr_buf_adds(&c->out, "ET\n");
    c->in_text = 0;
    c->have_tlm = 0;
}

static void set_fill(pdf_content *c, const long rgb[3])
{
    if (c->have_fill && memcmp(c->fill, rgb, sizeof c->fill) == 0) return;
    add_rgb(&c->out, rgb, "rg\n");
    memcpy(c->fill, rgb, sizeof c->fill);
    c->have_fill = 1;
}

static void set_stroke(pdf_content *c, const long rgb[3])
{
    if (c->have_stroke && memcmp(c->stroke, rgb, sizeof c->stroke) == 0) return;
    add_rgb(&c->out, rgb, "RG\n");
    memcpy(c->stroke, rgb, sizeof c->stroke);
    c->have_stroke = 1;
}

static void set_width(pdf_content *c, long w)
{
    if (c->have_width && c->width == w) return;
    pdf_add_len(&c->out, w);
    gr_buf_adds(&c->out, "w\n");
    c->width = w;
    c->have_width = 1;
}

/* ---- rules ------------------------------------------------------------- */

enum { R_HORIZ, R_VERT, R_OTHER };

static int rule_kind(const pdf_rule *r)
{
    if (r->y1 == r->y2) return R_HORIZ;
    if (r->x1 == r->x2) return R_VERT;
    return R_OTHER;
}

static int cmp_long(long a, long b) { return (a > b) - (a < b); }

/* The line a rule lies on: style, direction, fixed coordinate (for
 * diagonal rules all four coordinates). Styles are the page's table's
 * indices: equal exactly when colour and width are. */
static int cmp_line(const pdf_rule *x, const pdf_rule *y)
{
    int c;
    if (x->style != y->style) return x->style < y->style ? -1 : 1;
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    if (x->kind != R_OTHER) return cmp_long(x->at, y->at);
    if ((c = cmp_long(x->x1, y->x1)) || (c = cmp_long(x->y1, y->y1))
        || (c = cmp_long(x->x2, y->x2)))
        return c;
    return cmp_long(x->y2, y->y2);
}

/* Rules are sorted by keys of four words (the page's rules number in the
 * hundreds and were compared field by field before):
 *   SORT_PLAN  by line (style, direction, fixed coordinate or, diagonal,
 *              all four), later items first;
 *   SORT_ITEM  by item, then along the line (x1, y1);
 *   SORT_DRAW  by colour/width group (order of first appearance), line,
 *              start, end.
 * Every key is unique (pieces of one item on one line are disjoint), so
 * qsort's lack of stability does not show. */
enum { SORT_PLAN, SORT_ITEM, SORT_DRAW };

typedef struct pdf_rkey {
    uint64_t k[4];              /* the last word's low half: the index */
} pdf_rkey;

static uint64_t u32of(long v)      /* |v| <= LEN_MAX < 2^31 */
{
    return (uint64_t)(uint32_t)(v + 0x80000000L);
}

static int cmp_rkey(const void *a, const void *b)
{
    const pdf_rkey *x = a, *y = b;
    int j;
    for (j = 0; j < 4; j++)
        if (x->k[j] != y->k[j]) return x->k[j] < y->k[j] ? -1 : 1;
    return 0;
}

static long r_from(const pdf_rule *r);
static long r_to(const pdf_rule *r);

/* 32-byte keys: glibc's qsort sorts them in place (larger elements it
 * sorts through pointers and then moves). A page's rules and items number
 * far below 2^32. */
static void sort_rules(pdf_content *c, pdf_rule *r, size_t n, int how)
{
    size_t j;
    if (n < 2) return;
    assert(n < ((uint64_t)1 << 32));
    c->keys = gr_grow(c->keys, &c->kcap, n, sizeof *c->keys);
    c->tmp = gr_grow(c->tmp, &c->tcap, n, sizeof *c->tmp);
    for (j = 0; j < n; j++) {
        const pdf_rule *q = &r[j];
        pdf_rkey *k = &c->keys[j];
        int diag = q->kind == R_OTHER;
        uint64_t diag1 = diag ? u32of(q->x1) << 32 | u32of(q->y1) : 0;
        uint64_t diag2 = diag ? u32of(q->x2) << 32 | u32of(q->y2) : 0;
        switch (how) {
        case SORT_PLAN:
            k->k[0] = (uint64_t)q->style << 34 | (uint64_t)q->kind << 32 | u32of(q->at);
            k->k[1] = diag1;
            k->k[2] = diag2;
            k->k[3] = (uint64_t)(uint32_t)~(uint32_t)q->item << 32 | j;
            break;
        case SORT_ITEM:
            k->k[0] = (uint64_t)q->item;
            k->k[1] = u32of(q->x1) << 32 | u32of(q->y1);
            k->k[2] = 0;
            k->k[3] = j;
            break;
        default:                /* a diagonal's start and end are in diag1, diag2 */
            k->k[0] = (uint64_t)q->order << 34 | (uint64_t)q->kind << 32 | u32of(q->at);
            k->k[1] = diag1;
            k->k[2] = diag ? diag2 : u32of(r_from(q)) << 32 | u32of(r_to(q));
            k->k[3] = j;
            break;
        }
    }
    qsort(c->keys, n, sizeof *c->keys, cmp_rkey);
    for (j = 0; j < n; j++) c->tmp[j] = r[(uint32_t)c->keys[j].k[3]];
    memcpy(r, c->tmp, n * sizeof *r);
}

static long r_from(const pdf_rule *r) { return r->kind == R_VERT ? r->y1 : r->x1; }
static long r_to(const pdf_rule *r) { return r->kind == R_VERT ? r->y2 : r->x2; }

static void set_span(pdf_rule *r, long from, long to)
{
    if (r->kind == R_VERT) { r->y1 = from; r->y2 = to; }
    else { r->x1 = from; r->x2 = to; }
}

/* The index of a colour and width in the page's table (a page has a few). */
static int style_of(pdf_content *c, long width, const long rgb[3])
{
    size_t i;
    for (i = 0; i < c->nstyles; i++)
        if (c->styles[i].width == width && memcmp(c->styles[i].rgb, rgb, sizeof c->styles[i].rgb) == 0)
            return (int)i;
    c->styles = gr_grow(c->styles, &c->scap, c->nstyles + 1, sizeof *c->styles);
    c->styles[c->nstyles].width = width;
    memcpy(c->styles[c->nstyles].rgb, rgb, sizeof c->styles[c->nstyles].rgb);
    c->styles[c->nstyles].order = (size_t)-1;
    return (int)c->nstyles++;
}

static int make_rule(pdf_content *c, const gr_dl_item *it, size_t item, pdf_rule *r)
{
    if (!(it->u.line.width > 0)) return 0;
    r->x1 = pdf_len(it->u.line.x1);
    r->y1 = pdf_len(c->page_h - it->u.line.y1);
    r->x2 = pdf_len(it->u.line.x2);
    r->y2 = pdf_len(c->page_h - it->u.line.y2);
    r->width = pdf_len(it->u.line.width);
    if (r->width <= 0) r->width = 1;        /* thinner than 0.001 pt */
    to_rgb(it->u.line.color, r->rgb);
    r->item = item;
    r->order = 0;
    /* direction-free: horizontal left to right, vertical bottom to top */
    if ((r->y1 == r->y2 && r->x1 > r->x2) || (r->x1 == r->x2 && r->y1 > r->y2)) {
        long t;
        t = r->x1; r->x1 = r->x2; r->x2 = t;
        t = r->y1; r->y1 = r->y2; r->y2 = t;
    }
    if (r->x1 == r->x2 && r->y1 == r->y2) return 0;
    r->kind = rule_kind(r);
    r->at = r->kind == R_HORIZ ? r->y1 : r->kind == R_VERT ? r->x1 : 0;
    r->style = style_of(c, r->width, r->rgb);
    return 1;
}

static void add_plan(pdf_content *c, const pdf_rule *r)
{
    c->plan = gr_grow(c->plan, &c->pcap, c->nplan + 1, sizeof *c->plan);
    c->plan[c->nplan++] = *r;
}

/* Covered spans of one line, disjoint and sorted (scratch). */
typedef struct cover { long from, to; } cover;

/* The pieces of r not covered by the spans; then r's span joins them. */
static void plan_piece(pdf_content *c, const pdf_rule *r, cover **sp, size_t *n,
                       size_t *cap)
{
    long at = r_from(r), to = r_to(r), from = at;
    size_t i, k;
    for (i = 0; i < *n && at < to; i++) {
        const cover *s = &(*sp)[i];
        if (s->to <= at) continue;
        if (s->from >= to) break;
        if (s->from > at) {
            pdf_rule piece = *r;
            set_span(&piece, at, s->from);
            add_plan(c, &piece);
        }
        at = s->to;
    }
    if (at < to) {
        pdf_rule piece = *r;
        set_span(&piece, at, to);
        add_plan(c, &piece);
    }
    /* union: insert [from, to] and merge what it touches */
    for (i = 0; i < *n && (*sp)[i].to < from; i++) {}
    k = i;
    while (k < *n && (*sp)[k].from <= to) {
        if ((*sp)[k].from < from) from = (*sp)[k].from;
        if ((*sp)[k].to > to) to = (*sp)[k].to;
        k++;
    }
    if (k == i) {
        *sp = gr_grow(*sp, cap, *n + 1, sizeof **sp);
        memmove(*sp + i + 1, *sp + i, (*n - i) * sizeof **sp);
        (*n)++;
    } else if (k > i + 1) {
        memmove(*sp + i + 1, *sp + k, (*n - k) * sizeof **sp);
        *n -= k - i - 1;
    }
    (*sp)[i].from = from;
    (*sp)[i].to = to;
}

/* Which parts of each rule item are drawn: a part that a later rule of the
 * same colour and width covers is left to that rule (it paints over
 * whatever came between), so each piece of a line is stroked once, by the
 * last item that draws it. */
static void plan_rules(pdf_content *c, const gr_dl_item *items, size_t n)
{
    pdf_rule *all = NULL;
    size_t nall = 0, cap = 0, i = 0, j;
    cover *sp = NULL;
    size_t nsp = 0, spcap = 0;
    for (j = 0; j < n; j++) {
        pdf_rule r;
        if (items[j].kind != GR_DL_LINE || !make_rule(c, &items[j], j, &r)) continue;
        all = gr_grow(all, &cap, nall + 1, sizeof *all);
        all[nall++] = r;
    }
    sort_rules(c, all, nall, SORT_PLAN);
    while (i < nall) {
        size_t g = i;
        nsp = 0;
        for (; i < nall && cmp_line(&all[i], &all[g]) == 0; i++) {
            if (all[i].kind == R_OTHER) {
                if (i == g) add_plan(c, &all[i]);   /* the last of equals */
            } else {
                plan_piece(c, &all[i], &sp, &nsp, &spcap);
            }
        }
    }
    sort_rules(c, c->plan, c->nplan, SORT_ITEM);
    free(all);
    free(sp);
}

void pdf_content_rule(pdf_content *c, size_t item)
{
    while (c->pnext < c->nplan && c->plan[c->pnext].item == item) {
        pdf_rule r = c->plan[c->pnext++];
        pdf_style *st = &c->styles[r.style];
        if (st->order == (size_t)-1) st->order = c->nrules;
        r.order = st->order;
        c->rules = gr_grow(c->rules, &c->rcap, c->nrules + 1, sizeof *c->rules);
        c->rules[c->nrules++] = r;
    }
}

static void add_segment(gr_buf *b, long x1, long y1, long x2, long y2)
{
    pdf_add_len(b, x1);
    pdf_add_len(b, y1);
    gr_buf_adds(b, "m ");
    pdf_add_len(b, x2);
    pdf_add_len(b, y2);
    gr_buf_adds(b, "l\n");
}

static void flush_rules(pdf_content *c)
{
    size_t i = 0;
    if (c->nrules == 0) return;
    end_text(c);
    sort_rules(c, c->rules, c->nrules, SORT_DRAW);
    while (i < c->nrules) {
        size_t g = i;
        set_stroke(c, c->rules[g].rgb);
        set_width(c, c->rules[g].width);
        while (i < c->nrules && c->rules[i].order == c->rules[g].order) {
            pdf_rule cur = c->rules[i];
            int k = cur.kind;
            i++;
            /* collinear pieces that touch: one segment */
            while (k != R_OTHER && i < c->nrules && c->rules[i].order == cur.order
                   && cmp_line(&c->rules[i], &cur) == 0
                   && r_from(&c->rules[i]) <= r_to(&cur)) {
                if (r_to(&c->rules[i]) > r_to(&cur))
                    set_span(&cur, r_from(&cur), r_to(&c->rules[i]));
                i++;
            }
            add_segment(&c->out, cur.x1, cur.y1, cur.x2, cur.y2);
        }
        gr_buf_adds(&c->out, "S\n");
    }
    for (i = 0; i < c->nstyles; i++) c->styles[i].order = (size_t)-1;
    c->nrules = 0;
}

/* Before painting the area [x0, x1] x [y0, y1] (PDF space, 0.001 pt):
 * gathered rules it overlaps are written first, so it paints over them as
 * it did in the display list; then the text object is closed. */
static void barrier(pdf_content *c, long x0, long y0, long x1, long y1)
{
    size_t i;
    for (i = 0; i < c->nrules; i++) {
        const pdf_rule *r = &c->rules[i];
        int k = r->kind;
        long h = (r->width + 1) / 2, hx = k == R_HORIZ ? 0 : h, hy = k == R_VERT ? 0 : h;
        /* butt caps: a rule ends exactly at its end points */
        long rx0 = (r->x1 < r->x2 ? r->x1 : r->x2) - hx, rx1 = (r->x1 < r->x2 ? r->x2 : r->x1) + hx;
        long ry0 = (r->y1 < r->y2 ? r->y1 : r->y2) - hy, ry1 = (r->y1 < r->y2 ? r->y2 : r->y1) + hy;
        if (rx0 < x1 && x0 < rx1 && ry0 < y1 && y0 < ry1) {
            flush_rules(c);
            break;
        }
    }
    end_text(c);
}

static void barrier_all(pdf_content *c)
{
    flush_rules(c);
    end_text(c);
}

void pdf_content_end(pdf_content *c)
{
    barrier_all(c);
}

/* ---- other graphics ---------------------------------------------------- */

void pdf_content_rect(pdf_content *c, double x, double y, double w, double h,
                      gr_color color)
{
    long rgb[3];
    if (w < 0) { x += w; w = -w; }
    if (h < 0) { y += h; h = -h; }
    long lx = pdf_len(x), ly = pdf_len(c->page_h - y - h), lw = pdf_len(w), lh = pdf_len(h);
    if (lw == 0 || lh == 0) return;
    barrier(c, lx, ly, lx + lw, ly + lh);
    to_rgb(color, rgb);
    set_fill(c, rgb);
    pdf_add_len(&c->out, lx);
    pdf_add_len(&c->out, ly);
    pdf_add_len(&c->out, lw);
    pdf_add_len(&c->out, lh);
    gr_buf_adds(&c->out, "re f\n");
}

static void add_point(pdf_content *c, double x, double y)
{
    pdf_add_len(&c->out, pdf_len(x));
    pdf_add_len(&c->out, pdf_len(c->page_h - y));
}

/* The barrier of a path: its points (control points too) and half its
 * stroke width around them. */
static void path_barrier(pdf_content *c, const gr_dl_path *path)
{
    long x0 = LEN_MAX, y0 = LEN_MAX, x1 = -LEN_MAX, y1 = -LEN_MAX, h;
    int i, k;
    for (i = 0; i < path->nseg; i++) {
        int np = path->seg[i].op == GR_SEG_CURVE ? 3
                 : path->seg[i].op == GR_SEG_CLOSE ? 0 : 1;
        for (k = 0; k < np; k++) {
            long x = pdf_len(path->seg[i].p[2 * k]);
            long y = pdf_len(c->page_h - path->seg[i].p[2 * k + 1]);
            if (x < x0) x0 = x;
            if (x > x1) x1 = x;
            if (y < y0) y0 = y;
            if (y > y1) y1 = y;
        }
    }
    h = path->stroke ? pdf_len(path->stroke_width) / 2 + 1 : 1;
    barrier(c, x0 - h, y0 - h, x1 + h, y1 + h);
}

void pdf_content_path(pdf_content *c, const gr_dl_path *path)
{
    int i, open = 0;
    long rgb[3];
    if (path->nseg <= 0 || (!path->fill && !path->stroke)) return;
    if (path->stroke && !(path->stroke_width > 0) && !path->fill) return;
    path_barrier(c, path);
    if (path->fill) {
        to_rgb(path->fill_color, rgb);
        set_fill(c, rgb);
    }
    if (path->stroke) {
        to_rgb(path->stroke_color, rgb);
        set_stroke(c, rgb);
        set_width(c, path->stroke_width > 0 ? pdf_len(path->stroke_width) : 0);
    }
    for (i = 0; i < path->nseg; i++) {
        const gr_seg *s = &path->seg[i];
        switch (s->op) {
        case GR_SEG_MOVE:
            add_point(c, s->p[0], s->p[1]);
            gr_buf_adds(&c->out, "m\n");
            open = 1;
            break;
        case GR_SEG_LINE:
            add_point(c, s->p[0], s->p[1]);
            gr_buf_adds(&c->out, open ? "l\n" : "m\n");
            open = 1;
            break;
        case GR_SEG_CURVE:
            if (!open) {
                add_point(c, s->p[0], s->p[1]);
                gr_buf_adds(&c->out, "m\n");
            }
            add_point(c, s->p[0], s->p[1]);
            add_point(c, s->p[2], s->p[3]);
            add_point(c, s->p[4], s->p[5]);
            gr_buf_adds(&c->out, "c\n");
            open = 1;
            break;
        case GR_SEG_CLOSE:
            if (open) gr_buf_adds(&c->out, "h\n");
            break;
        default:
            break;
        }
    }
    if (!open) return;
    if (path->fill && path->stroke) gr_buf_adds(&c->out, path->evenodd ? "B*\n" : "B\n");
    else if (path->fill) gr_buf_adds(&c->out, path->evenodd ? "f*\n" : "f\n");
    else gr_buf_adds(&c->out, "S\n");
}

void pdf_content_image(pdf_content *c, const char *name, double x, double y,
                       double w, double h)
{
    long lx = pdf_len(x), ly = pdf_len(c->page_h - y - h);
    barrier(c, lx, ly, lx + pdf_len(w), ly + pdf_len(h));
    gr_buf_adds(&c->out, "q\n");
    pdf_add_len(&c->out, pdf_len(w));
    gr_buf_adds(&c->out, "0 0 ");
    pdf_add_len(&c->out, pdf_len(h));
    add_point(c, x, y + h);
    gr_buf_adds(&c->out, "cm\n/");
    gr_buf_adds(&c->out, name);
    gr_buf_adds(&c->out, " Do\nQ\n");
}

void pdf_content_missing(pdf_content *c, double x, double y, double w,
                         double h, uint32_t cp)
{
    static const long black[3] = { 0, 0, 0 };
    double inset = w * MISSING_INSET, wd = w - 2 * inset;
    char span[80];
    long lx = pdf_len(x + inset), ly = pdf_len(c->page_h - y - h);
    if (!(wd > 0) || !(h > 0)) return;
    barrier(c, lx - 1000, ly - 1000, lx + pdf_len(wd) + 1000, ly + pdf_len(h) + 1000);
    if (cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
        if (cp >= 0x10000)
            snprintf(span, sizeof span, "/Span <</ActualText <FEFF%04X%04X>>> BDC\n",
                     (unsigned)(0xD800 + ((cp - 0x10000) >> 10)),
                     (unsigned)(0xDC00 + ((cp - 0x10000) & 0x3FF)));
        else
            snprintf(span, sizeof span, "/Span <</ActualText <FEFF%04X>>> BDC\n", (unsigned)cp);
        gr_buf_adds(&c->out, span);
    }
    set_stroke(c, black);
    set_width(c, pdf_len(MISSING_STROKE));
    pdf_add_len(&c->out, lx);
    pdf_add_len(&c->out, ly);
    pdf_add_len(&c->out, pdf_len(wd));
    pdf_add_len(&c->out, pdf_len(h));
    gr_buf_adds(&c->out, "re S\n");
    if (cp > 0) gr_buf_adds(&c->out, "EMC\n");
}

/* ---- text -------------------------------------------------------------- */

void pdf_content_text_state(pdf_content *c, const void *face, const char *res,
                            double size, gr_color color, int synth_bold,
                            double bold_width)
{
    long rgb[3], sz = pdf_len(size);
    int tr = synth_bold ? 2 : 0;
    to_rgb(color, rgb);
    if (!c->in_text) {
        gr_buf_adds(&c->out, "BT\n");
        c->in_text = 1;
        c->have_tlm = 0;
    }
    /* text state outlives text objects (it is graphics state) */
    if (!c->have_font || c->font != face || c->font_size != sz) {
        gr_buf_addc(&c->out, '/');
        gr_buf_adds(&c->out, res);
        gr_buf_addc(&c->out, ' ');
        pdf_add_len(&c->out, sz);
        gr_buf_adds(&c->out, "Tf\n");
        c->font = face;
        c->font_size = sz;
        c->have_font = 1;
    }
    set_fill(c, rgb);
    if (synth_bold) {
        set_stroke(c, rgb);
        set_width(c, pdf_len(bold_width));
    }
    if (!c->have_tr || c->tr != tr) {
        gr_buf_adds(&c->out, tr ? "2 Tr\n" : "0 Tr\n");
        c->tr = tr;
        c->have_tr = 1;
    }
}

void pdf_content_text_move(pdf_content *c, double x, double y)
{
    long lx = pdf_len(x), ly = pdf_len(y);
    if (c->have_tlm) {
        pdf_add_len(&c->out, lx - c->tlm_x);
        pdf_add_len(&c->out, ly - c->tlm_y);
        gr_buf_adds(&c->out, "Td\n");
    } else {
        gr_buf_adds(&c->out, "1 0 0 1 ");
        pdf_add_len(&c->out, lx);
        pdf_add_len(&c->out, ly);
        gr_buf_adds(&c->out, "Tm\n");
    }
    c->tlm_x = lx;
    c->tlm_y = ly;
    c->have_tlm = 1;
}

/* ---- glyph runs -------------------------------------------------------- */

pdf_glyph *pdf_content_glyphs(pdf_content *c, size_t n)
{
    c->glyphs = gr_grow(c->glyphs, &c->gcap, n, sizeof *c->glyphs);
    return c->glyphs;
}

/* The adjustment a glyph needs: pen and target in 1/1000 em, rounded to
 * 0.01/1000 em. */
static double adjustment(double pen, double target)
{
    return round((pen - target) * 100.0) / 100.0;
}

/* How many adjustments the run needs with spacing sp (1/1000 em), the TJ
 * writer below taking the same steps; (size_t)-1 when sp is not 0 and a
 * glyph would be pulled back under the one before by PULL_BACK or more: a
 * squeezed punctuation mark. Text extraction (poppler's) joins a glyph
 * to the line of the one before only while they overlap by less than half
 * an em, and the box of a glyph is its advance plus Tc: a squeezed mark
 * overlaps its neighbour by half an em less the line's spacing, which Tc
 * would take away; so such a run keeps its spacing in the TJ array. */
static size_t count_adjust(const pdf_glyph *g, size_t n, double sp, size_t limit)
{
    double pen = 0;
    size_t k, na = 0;
    for (k = 1; k < n; k++) {
        double adj;
        pen += g[k - 1].width + sp;
        adj = adjustment(pen, g[k].target);
        if (adj != 0) {
            if (sp != 0 && adj - sp >= PULL_BACK) return (size_t)-1;
            if (++na >= limit) return na;   /* no better than what we have */
            pen -= adj;
        }
    }
    return na;
}

/* The spacing the gap before glyph k asks for, 0.0001/1000 em; 0 when it
 * is beyond SPACING_MAX. */
static long gap_spacing(const pdf_glyph *g, size_t k)
{
    double need = g[k].target - g[k - 1].target - g[k - 1].width;
    if (!isfinite(need) || fabs(need) > SPACING_MAX) return 0;
    return lround(need * 10000.0);
}

/* Character spacing for a run of n >= 2 glyphs: the one that writes the
 * fewest bytes among keeping what is set, none, and what the run's first
 * and middle gaps ask for (a justified line asks the same everywhere). */
static void choose_spacing(pdf_content *c, const pdf_glyph *g, size_t n)
{
    long sz = c->font_size, cand[3];
    size_t best_cost = (size_t)-1, i;
    long best = 0;
    int keep = 0;
    if (sz <= 0) return;
    if (c->have_tc) {               /* what is set, seen in this font size */
        size_t na = count_adjust(g, n, (double)c->tc * 1e-4 / (double)sz, (size_t)-1);
        if (na != (size_t)-1) {
            best_cost = na * COST_ADJUST;
            keep = 1;
            if (best_cost == 0) return;
        }
    }
    cand[0] = 0;
    cand[1] = gap_spacing(g, 1);
    cand[2] = gap_spacing(g, n / 2);
    for (i = 0; i < 3; i++) {
        size_t cost, limit;
        if ((i == 2 && cand[2] == cand[1]) || (i > 0 && cand[i] == 0)) continue;
        if (best_cost != (size_t)-1 && best_cost <= COST_TC) break;    /* none can win */
        limit = best_cost == (size_t)-1 ? (size_t)-1 : (best_cost - COST_TC + COST_ADJUST - 1) / COST_ADJUST;
        cost = count_adjust(g, n, (double)cand[i] * 1e-4, limit);
        if (cost == (size_t)-1) continue;
        cost = cost * COST_ADJUST + COST_TC;
        if (cost < best_cost) {
            best_cost = cost;
            best = cand[i];
            keep = 0;
        }
    }
    if (keep) return;
    c->tc = best * sz;              /* 1e-4/1000 em * 0.001 pt = 1e-10 pt */
    c->have_tc = 1;
    if (c->tc == 0) gr_buf_adds(&c->out, "0 Tc\n");
    else {
        add_fixed(&c->out, c->tc, 10);
        gr_buf_adds(&c->out, "Tc\n");
    }
}

/* Four upper-case hex digits (CIDs are below 65536). */
static void add_hex4(gr_buf *b, uint32_t v)
{
    static const char hex[] = "0123456789ABCDEF";
    char d[4];
    d[0] = hex[(v >> 12) & 15];
    d[1] = hex[(v >> 8) & 15];
    d[2] = hex[(v >> 4) & 15];
    d[3] = hex[v & 15];
    gr_buf_add(b, d, 4);
}

static double clamp_adjust(double v)
{
    if (!isfinite(v)) return 0;
    if (v > 32767.0) return 32767.0;
    if (v < -32767.0) return -32767.0;
    return v;
}

void pdf_content_show(pdf_content *c, double x, double y, double size, size_t n)
{
    const pdf_glyph *g = c->glyphs;
    gr_buf *b = &c->out;
    double pen = 0, sp = 0;     /* 1/1000 em */
    size_t k, start, nadj = 0;
    int open = 0;
    if (n == 0 || !(size > 0)) return;
    pdf_content_text_move(c, x, y);
    for (k = 0; k < n; k++) c->glyphs[k].target = g[k].x * 1000.0 / size;
    if (n >= 2) {
        choose_spacing(c, g, n);
        if (c->have_tc && c->font_size > 0)
            sp = (double)c->tc * 1e-4 / (double)c->font_size;
    }
    start = b->len;
    gr_buf_addc(b, '[');
    for (k = 0; k < n; k++) {
        if (k > 0) {
            double adj;
            pen += g[k - 1].width + sp;
            adj = adjustment(pen, g[k].target);
            if (adj != 0) {
                if (open) gr_buf_addc(b, '>');
                open = 0;
                gr_buf_add_real(b, clamp_adjust(adj), 2);
                pen -= adj;
                nadj++;
            }
        }
        if (!open) gr_buf_addc(b, '<');
        open = 1;
        add_hex4(b, g[k].cid);
    }
    if (nadj == 0) {            /* one string: Tj, without the array */
        memmove(b->data + start, b->data + start + 1, b->len - start - 1);
        b->len--;
        gr_buf_adds(b, "> Tj\n");
    } else {
        if (open) gr_buf_addc(b, '>');
        gr_buf_adds(b, "] TJ\n");
    }
}
