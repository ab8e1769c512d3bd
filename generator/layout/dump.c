/* dump.c — the engine's own record of what it placed, for tests and for
 * people debugging a form: one line per page, body region, cell fragment
 * and text line, tab-separated, coordinates in pt from the page's top-left:
 *   page  N  width height
 *   body  N  x y w h        (also `before` and `after` for the regions of
 *                           static content, when the page has them)
 *   cell  N  x y w h  row col rowspan colspan  fo-line serial
 *                           (serial: the same cell on every page, unique
 *                           in the run; FO lines may be the data file's)
 *   line  N  x y w h  text
 *   gpos  N  x,adv,size,n …  (after each `line`: each glyph as drawn, in
 *                           the order of the line's text: the page x of
 *                           its origin, its own advance (no added
 *                           spacing), its font size, and how many
 *                           characters of the text it stands for; a
 *                           missing-glyph box is one item of 1)
 *   image N  x y w h  pixels-wide pixels-high source   (a placed photo)
 *   chart N  x y w h        (an SVG chart) followed by one
 *   svgtext N  x y w h  text   per text of the chart, as set, then one
 *   svgpath N  fill stroke  x,y x,y …   per shape of the chart (rect,
 *                           line, circle, path…: fill and stroke as
 *                           #RRGGBB or -, its outline's points, curves
 *                           flattened to 8 points each)
 *   lpos  N  fo-line index count spread gap   (before each `line`: the
 *                           FO line of its block, the line's 1-based index
 *                           in its paragraph and the paragraph's line count,
 *                           1 when the last line is spread (均排, text-align-
 *                           last="justify"), and the widest gap between two
 *                           CJK characters beyond their advances, in em)
 * Records are kept as GR_DL_INFO items of the page they describe, so
 * placements rolled back (keeps, retries) leave none; gr_dump_collect
 * writes them out from the final pages. */
#include "box.h"
#include "../graphics/graphics.h"
#include <string.h>

/* Turn the record built in L->dump_line into an item of page pg. */
static void emit(gr_lay *L, gr_page *pg)
{
    gr_dl_item it;
    memset(&it, 0, sizeof it);
    it.kind = GR_DL_INFO;
    it.u.info.text = gr_arena_strndup(L->doc->arena, (const char *)L->dump_line.data,
                                      L->dump_line.len);
    gr_page_add(pg, &it);
    L->dump_line.len = 0;
}

void gr_dump_collect(const gr_doc *d, gr_buf *out)
{
    size_t i, j;
    out->len = 0;
    for (i = 0; i < d->npages; i++)
        for (j = 0; j < d->pages[i]->nitems; j++)
            if (d->pages[i]->items[j].kind == GR_DL_INFO) {
                gr_buf_adds(out, d->pages[i]->items[j].u.info.text);
                gr_buf_addc(out, '\n');
            }
}

static void add_num(gr_buf *b, double v)
{
    gr_buf_addc(b, '\t');
    gr_buf_add_real(b, v, 2);
}

void gr_dump_page(gr_lay *L, gr_page *pg, double bx, double by, double bw, double bh)
{
    gr_buf *b = &L->dump_line;
    if (!L->dump) return;
    gr_buf_printf(b, "page\t%d", L->page_no);
    add_num(b, pg->width);
    add_num(b, pg->height);
    emit(L, pg);
    gr_buf_printf(b, "body\t%d", L->page_no);
    add_num(b, bx); add_num(b, by); add_num(b, bw); add_num(b, bh);
    emit(L, pg);
}

void gr_dump_region(gr_lay *L, gr_page *pg, const char *which, double x, double y,
                    double w, double h)
{
    gr_buf *b = &L->dump_line;
    if (!L->dump) return;
    gr_buf_printf(b, "%s\t%d", which, L->page_no);
    add_num(b, x); add_num(b, y); add_num(b, w); add_num(b, h);
    emit(L, pg);
}

void gr_dump_cell(gr_lay *L, gr_page *pg, const gr_tcell *cl, double x, double y0, double y1)
{
    gr_buf *b = &L->dump_line;
    if (!L->dump) return;
    gr_buf_printf(b, "cell\t%d", L->page_no);
    add_num(b, x); add_num(b, y0); add_num(b, cl->w); add_num(b, y1 - y0);
    gr_buf_printf(b, "\t%d\t%d\t%d\t%d\t%d\t%d", cl->row, cl->col, cl->rowspan, cl->colspan,
                  cl->fo->line, cl->serial);
    emit(L, pg);
}

/* 1 for Han, kana, bopomofo and CJK/full-width punctuation. */
static int is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* The first character a glyph stands for, 0 if unknown. */
static uint32_t glyph_cp(const gr_run *r, int j)
{
    const gr_face *f = r->face;
    uint32_t g = r->glyphs[j].gid;
    if (!f || g >= f->nglyphs || !f->gid_text || !f->gid_text[g] || f->gid_text_len[g] < 1) return 0;
    return f->gid_text[g][0];
}

/* Widest space between two adjacent CJK glyphs beyond the first one's own
 * advance, in em of its size (justification's added space). */
static double widest_cjk_gap(const gr_line *ln)
{
    double best = 0, prev_end = 0, prev_size = 0;
    int i, j, prev_cjk = 0;
    for (i = 0; i < ln->nruns; i++) {
        const gr_run *r = &ln->runs[i];
        if (r->missing) { prev_cjk = 1; prev_end = r->x + r->width; prev_size = r->size; continue; }
        for (j = 0; j < r->nglyphs; j++) {
            uint32_t cp = glyph_cp(r, j);
            double gx = r->x + r->glyphs[j].x;
            int cjk = cp && is_cjk(cp);
            if (cjk && prev_cjk && prev_size > 0 && (gx - prev_end) / prev_size > best)
                best = (gx - prev_end) / prev_size;
            prev_cjk = cjk;
            prev_end = gx + r->glyphs[j].advance;
            prev_size = r->size;
        }
    }
    return best;
}

void gr_dump_line_pos(gr_lay *L, gr_page *pg, int fo_line, int index, int count, int spread,
                      const gr_line *ln)
{
    gr_buf *b = &L->dump_line;
    if (!L->dump) return;
    gr_buf_printf(b, "lpos\t%d\t%d\t%d\t%d\t%d", L->page_no, fo_line, index, count, spread);
    add_num(b, widest_cjk_gap(ln));
    emit(L, pg);
}

/* The gpos record of a line placed at x: where each glyph was drawn, so
 * that the audit can measure spacing from positions (ground truth) rather
 * than from the engine's own gap figure of the lpos record. */
static void dump_glyph_pos(gr_lay *L, gr_page *pg, const gr_line *ln, double x)
{
    gr_buf *b = &L->dump_line;
    int i, j, first = 1;
    gr_buf_printf(b, "gpos\t%d", L->page_no);
    for (i = 0; i < ln->nruns; i++) {
        const gr_run *r = &ln->runs[i];
        const gr_face *f = r->face;
        if (r->missing) {
            gr_buf_addc(b, first ? '\t' : ' ');
            first = 0;
            gr_buf_add_real(b, x + r->x, 3);
            gr_buf_addc(b, ',');
            gr_buf_add_real(b, r->width, 3);
            gr_buf_addc(b, ',');
            gr_buf_add_real(b, r->size, 3);
            gr_buf_adds(b, ",1");
            continue;
        }
        for (j = 0; j < r->nglyphs; j++) {
            uint32_t g = r->glyphs[j].gid;
            if (!f || g >= f->nglyphs || !f->gid_text || !f->gid_text[g]) continue;
            gr_buf_addc(b, first ? '\t' : ' ');
            first = 0;
            gr_buf_add_real(b, x + r->x + r->glyphs[j].x, 3);
            gr_buf_addc(b, ',');
            gr_buf_add_real(b, r->glyphs[j].advance, 3);
            gr_buf_addc(b, ',');
            gr_buf_add_real(b, r->size, 3);
            gr_buf_printf(b, ",%d", f->gid_text_len[g]);
        }
    }
    emit(L, pg);
}

/* The text of a line, from the source text each glyph stands for. */
void gr_dump_line(gr_lay *L, gr_page *pg, const gr_line *ln, double x, double y)
{
    double x0 = 1e9, x1 = -1e9;
    int i, j;
    gr_buf *b = &L->dump_line;
    if (!L->dump) return;
    for (i = 0; i < ln->nruns; i++) {
        const gr_run *r = &ln->runs[i];
        if (r->x < x0) x0 = r->x;
        if (r->x + r->width > x1) x1 = r->x + r->width;
    }
    for (i = 0; i < ln->nobjs; i++) {
        if (ln->objs[i].x < x0) x0 = ln->objs[i].x;
        if (ln->objs[i].x + ln->objs[i].width > x1) x1 = ln->objs[i].x + ln->objs[i].width;
    }
    if (x1 < x0) x0 = x1 = 0;
    gr_buf_printf(b, "line\t%d", L->page_no);
    add_num(b, x + x0); add_num(b, y); add_num(b, x1 - x0);
    add_num(b, ln->height);
    gr_buf_addc(b, '\t');
    for (i = 0; i < ln->nruns; i++) {
        const gr_run *r = &ln->runs[i];
        if (r->missing) { gr_buf_adds(b, "\xE2\x96\xA1"); continue; }
        for (j = 0; j < r->nglyphs; j++) {
            const gr_face *f = r->face;
            uint32_t g = r->glyphs[j].gid;
            int k;
            if (!f || g >= f->nglyphs || !f->gid_text || !f->gid_text[g]) continue;
            for (k = 0; k < f->gid_text_len[g]; k++) {
                char u[4];
                uint32_t cp = f->gid_text[g][k];
                if (cp == '\t' || cp == '\n') cp = ' ';
                gr_buf_add(b, u, (size_t)gr_utf8_encode(cp, u));
            }
        }
    }
    emit(L, pg);
    dump_glyph_pos(L, pg, ln, x);
}

static void add_color(gr_buf *b, int on, gr_color c)
{
    if (!on) { gr_buf_adds(b, "\t-"); return; }
    gr_buf_printf(b, "\t#%02X%02X%02X", (int)(c.r * 255 + 0.5), (int)(c.g * 255 + 0.5),
                  (int)(c.b * 255 + 0.5));
}

static void add_point(gr_buf *b, int *first, double x, double y)
{
    gr_buf_addc(b, *first ? '\t' : ' ');
    *first = 0;
    gr_buf_add_real(b, x, 2);
    gr_buf_addc(b, ',');
    gr_buf_add_real(b, y, 2);
}

/* One shape of a chart as an svgpath record: its outline's points (a
 * cubic curve as 8 points along it), page coordinates. */
static void dump_path(gr_lay *L, gr_page *pg, const gr_dl_path *p, double x, double y)
{
    gr_buf *b = &L->dump_line;
    double cx = 0, cy = 0;
    int i, k, first = 1;
    gr_buf_printf(b, "svgpath\t%d", L->page_no);
    add_color(b, p->fill, p->fill_color);
    add_color(b, p->stroke, p->stroke_color);
    for (i = 0; i < p->nseg; i++) {
        const gr_seg *s = &p->seg[i];
        if (s->op == GR_SEG_MOVE || s->op == GR_SEG_LINE) {
            cx = s->p[0]; cy = s->p[1];
            add_point(b, &first, x + cx, y + cy);
        } else if (s->op == GR_SEG_CURVE) {
            for (k = 1; k <= 8; k++) {
                double t = k / 8.0, u = 1 - t;
                double px = u * u * u * cx + 3 * u * u * t * s->p[0] + 3 * u * t * t * s->p[2] + t * t * t * s->p[4];
                double py = u * u * u * cy + 3 * u * u * t * s->p[1] + 3 * u * t * t * s->p[3] + t * t * t * s->p[5];
                add_point(b, &first, x + px, y + py);
            }
            cx = s->p[4]; cy = s->p[5];
        }
    }
    emit(L, pg);
}

void gr_dump_graphic(gr_lay *L, gr_page *pg, const gr_graphic *g, double x, double y)
{
    gr_buf *b = &L->dump_line;
    const gr_image *im = g->image;
    double ix = x, iy = y, iw = g->width, ih = g->height;
    size_t i;
    if (!L->dump) return;
    for (i = 0; !im && i < g->nitems; i++)
        if (g->items[i].kind == GR_DL_IMAGE) {
            im = g->items[i].u.image.image;
            ix = x + g->items[i].u.image.x;
            iy = y + g->items[i].u.image.y;
            iw = g->items[i].u.image.w;
            ih = g->items[i].u.image.h;
        }
    if (im) {
        gr_buf_printf(b, "image\t%d", L->page_no);
        add_num(b, ix); add_num(b, iy); add_num(b, iw); add_num(b, ih);
        gr_buf_printf(b, "\t%d\t%d\t%s", im->width, im->height, g->src ? g->src : "");
        emit(L, pg);
        return;
    }
    gr_buf_printf(b, "chart\t%d", L->page_no);
    add_num(b, x); add_num(b, y); add_num(b, g->width); add_num(b, g->height);
    emit(L, pg);
    for (i = 0; i < g->ntexts; i++) {
        const gr_graphic_text *t = &g->texts[i];
        gr_buf_printf(b, "svgtext\t%d", L->page_no);
        add_num(b, x + t->x0); add_num(b, y + t->y0);
        add_num(b, t->x1 - t->x0); add_num(b, t->y1 - t->y0);
        gr_buf_printf(b, "\t%s", t->text);
        emit(L, pg);
    }
    for (i = 0; i < g->nitems; i++)
        if (g->items[i].kind == GR_DL_PATH) dump_path(L, pg, &g->items[i].u.path, x, y);
}
