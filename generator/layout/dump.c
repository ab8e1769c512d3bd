/* dump.c — the engine's own record of what it placed, for tests and for
 * people debugging a form: one line per page, body region, cell fragment
 * and text line, tab-separated, coordinates in pt from the page's top-left:
 *   page  N  width height
 *   body  N  x y w h
 *   cell  N  x y w h  row col rowspan colspan  fo-line
 *   line  N  x y w h  text
 * Only the final pass is kept. */
#include "box.h"
#include <string.h>

static void add_num(gr_buf *b, double v)
{
    gr_buf_addc(b, '\t');
    gr_buf_add_real(b, v, 2);
}

void gr_dump_page(gr_lay *L, const gr_page *pg, double bx, double by, double bw, double bh)
{
    if (!L->dump) return;
    gr_buf_printf(L->dump, "page\t%d", L->page_no);
    add_num(L->dump, pg->width);
    add_num(L->dump, pg->height);
    gr_buf_printf(L->dump, "\nbody\t%d", L->page_no);
    add_num(L->dump, bx); add_num(L->dump, by); add_num(L->dump, bw); add_num(L->dump, bh);
    gr_buf_addc(L->dump, '\n');
}

void gr_dump_cell(gr_lay *L, const gr_tcell *cl, double x, double y0, double y1)
{
    if (!L->dump) return;
    gr_buf_printf(L->dump, "cell\t%d", L->page_no);
    add_num(L->dump, x); add_num(L->dump, y0); add_num(L->dump, cl->w); add_num(L->dump, y1 - y0);
    gr_buf_printf(L->dump, "\t%d\t%d\t%d\t%d\t%d\n", cl->row, cl->col, cl->rowspan, cl->colspan,
                  cl->fo->line);
}

/* The text of a line, from the source text each glyph stands for. */
void gr_dump_line(gr_lay *L, const gr_line *ln, double x, double y)
{
    double x0 = 1e9, x1 = -1e9;
    int i, j;
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
    gr_buf_printf(L->dump, "line\t%d", L->page_no);
    add_num(L->dump, x + x0); add_num(L->dump, y); add_num(L->dump, x1 - x0);
    add_num(L->dump, ln->height);
    gr_buf_addc(L->dump, '\t');
    for (i = 0; i < ln->nruns; i++) {
        const gr_run *r = &ln->runs[i];
        if (r->missing) { gr_buf_adds(L->dump, "\xE2\x96\xA1"); continue; }
        for (j = 0; j < r->nglyphs; j++) {
            const gr_face *f = r->face;
            uint32_t g = r->glyphs[j].gid;
            int k;
            if (!f || g >= f->nglyphs || !f->gid_text || !f->gid_text[g]) continue;
            for (k = 0; k < f->gid_text_len[g]; k++) {
                char u[4];
                uint32_t cp = f->gid_text[g][k];
                if (cp == '\t' || cp == '\n') cp = ' ';
                gr_buf_add(L->dump, u, (size_t)gr_utf8_encode(cp, u));
            }
        }
    }
    gr_buf_addc(L->dump, '\n');
}
