/* pdf_content.c — one page's content stream: state written only when it
 * changes, text items sharing text objects, rules merged and written once
 * per colour and width (see pdf_content.h for the rules and units).
 */
#include "pdf_content.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEN_MAX           32767000L    /* 32767 pt in 0.001 pt */
#define MISSING_INSET     0.08         /* of the box width, each side */
#define MISSING_STROKE    0.5          /* pt */

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

/* Fixed-point decimal: v / 10^dec, trailing zeros trimmed, then a space. */
static void add_fixed(gr_buf *b, long v, int dec)
{
    char tmp[32], *e = tmp + sizeof tmp, *q = e;
    unsigned long a = v < 0 ? (unsigned long)-v : (unsigned long)v;
    unsigned long ip, fp, scale = dec == 3 ? 1000 : dec == 2 ? 100 : 10;
    int k = dec;
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

/* ---- state ------------------------------------------------------------- */

void pdf_content_init(pdf_content *c)
{
    memset(c, 0, sizeof *c);
    gr_buf_init(&c->out);
}

void pdf_content_free(pdf_content *c)
{
    gr_buf_free(&c->out);
    free(c->rules);
    memset(c, 0, sizeof *c);
}

void pdf_content_begin(pdf_content *c, double page_h)
{
    gr_buf out = c->out;
    pdf_rule *rules = c->rules;
    size_t rcap = c->rcap;
    memset(c, 0, sizeof *c);
    c->out = out;
    c->out.len = 0;
    c->rules = rules;
    c->rcap = rcap;
    c->page_h = page_h;
    /* a content stream starts with black fill and stroke, width 1, text
       render mode 0: nothing to write for those */
    c->have_fill = c->have_stroke = c->have_width = c->have_tr = 1;
    c->width = 1000;
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

/* Sort key: colour/width group (by first appearance), direction, the
 * fixed coordinate, the start. Ties keep insertion order (stable by the
 * remaining coordinates, so the output does not depend on qsort). */
static int cmp_rule(const void *a, const void *b)
{
    const pdf_rule *x = a, *y = b;
    int kx = rule_kind(x), ky = rule_kind(y);
    long d[8];
    int i;
    if (x->order != y->order) return x->order < y->order ? -1 : 1;
    if (kx != ky) return kx - ky;
    if (kx == R_HORIZ) {
        d[0] = x->y1 - y->y1; d[1] = x->x1 - y->x1; d[2] = x->x2 - y->x2;
        d[3] = 0;
    } else if (kx == R_VERT) {
        d[0] = x->x1 - y->x1; d[1] = x->y1 - y->y1; d[2] = x->y2 - y->y2;
        d[3] = 0;
    } else {
        d[0] = x->x1 - y->x1; d[1] = x->y1 - y->y1; d[2] = x->x2 - y->x2;
        d[3] = x->y2 - y->y2;
    }
    for (i = 0; i < 4; i++)
        if (d[i]) return d[i] < 0 ? -1 : 1;
    return 0;
}

void pdf_content_rule(pdf_content *c, double x1, double y1, double x2,
                      double y2, double width, gr_color color)
{
    pdf_rule r;
    size_t i;
    if (!(width > 0)) return;
    r.x1 = pdf_len(x1);
    r.y1 = pdf_len(c->page_h - y1);
    r.x2 = pdf_len(x2);
    r.y2 = pdf_len(c->page_h - y2);
    r.width = pdf_len(width);
    if (r.width <= 0) r.width = 1;          /* thinner than 0.001 pt */
    to_rgb(color, r.rgb);
    /* direction-free: horizontal left to right, vertical bottom to top */
    if ((r.y1 == r.y2 && r.x1 > r.x2) || (r.x1 == r.x2 && r.y1 > r.y2)) {
        long t;
        t = r.x1; r.x1 = r.x2; r.x2 = t;
        t = r.y1; r.y1 = r.y2; r.y2 = t;
    }
    if (r.x1 == r.x2 && r.y1 == r.y2) return;  /* nothing to stroke */
    /* the group of its colour and width: order of first appearance */
    r.order = c->nrules;
    for (i = 0; i < c->nrules; i++)
        if (c->rules[i].width == r.width
            && memcmp(c->rules[i].rgb, r.rgb, sizeof r.rgb) == 0) {
            r.order = c->rules[i].order;
            break;
        }
    c->rules = gr_grow(c->rules, &c->rcap, c->nrules + 1, sizeof *c->rules);
    c->rules[c->nrules++] = r;
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
    qsort(c->rules, c->nrules, sizeof *c->rules, cmp_rule);
    while (i < c->nrules) {
        size_t g = i;
        set_stroke(c, c->rules[g].rgb);
        set_width(c, c->rules[g].width);
        while (i < c->nrules && c->rules[i].order == c->rules[g].order) {
            pdf_rule cur = c->rules[i];
            int k = rule_kind(&cur);
            i++;
            /* collinear pieces that touch or overlap: one segment */
            while (k != R_OTHER && i < c->nrules && c->rules[i].order == cur.order
                   && rule_kind(&c->rules[i]) == k) {
                const pdf_rule *n = &c->rules[i];
                if (k == R_HORIZ && n->y1 == cur.y1 && n->x1 <= cur.x2) {
                    if (n->x2 > cur.x2) cur.x2 = n->x2;
                } else if (k == R_VERT && n->x1 == cur.x1 && n->y1 <= cur.y2) {
                    if (n->y2 > cur.y2) cur.y2 = n->y2;
                } else {
                    break;
                }
                i++;
            }
            /* identical diagonal pieces: once */
            while (k == R_OTHER && i < c->nrules && cmp_rule(&c->rules[i], &cur) == 0)
                i++;
            add_segment(&c->out, cur.x1, cur.y1, cur.x2, cur.y2);
        }
        gr_buf_adds(&c->out, "S\n");
    }
    c->nrules = 0;
}

/* Before anything that may cover earlier rules. */
static void barrier(pdf_content *c)
{
    flush_rules(c);
    end_text(c);
}

void pdf_content_end(pdf_content *c)
{
    barrier(c);
}

/* ---- other graphics ---------------------------------------------------- */

void pdf_content_rect(pdf_content *c, double x, double y, double w, double h,
                      gr_color color)
{
    long rgb[3];
    if (w < 0) { x += w; w = -w; }
    if (h < 0) { y += h; h = -h; }
    if (pdf_len(w) == 0 || pdf_len(h) == 0) return;
    barrier(c);
    to_rgb(color, rgb);
    set_fill(c, rgb);
    pdf_add_len(&c->out, pdf_len(x));
    pdf_add_len(&c->out, pdf_len(c->page_h - y - h));
    pdf_add_len(&c->out, pdf_len(w));
    pdf_add_len(&c->out, pdf_len(h));
    gr_buf_adds(&c->out, "re f\n");
}

static void add_point(pdf_content *c, double x, double y)
{
    pdf_add_len(&c->out, pdf_len(x));
    pdf_add_len(&c->out, pdf_len(c->page_h - y));
}

void pdf_content_path(pdf_content *c, const gr_dl_path *path)
{
    int i, open = 0;
    long rgb[3];
    if (path->nseg <= 0 || (!path->fill && !path->stroke)) return;
    if (path->stroke && !(path->stroke_width > 0) && !path->fill) return;
    barrier(c);
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
    barrier(c);
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
    if (!(wd > 0) || !(h > 0)) return;
    barrier(c);
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
    pdf_add_len(&c->out, pdf_len(x + inset));
    pdf_add_len(&c->out, pdf_len(c->page_h - y - h));
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
