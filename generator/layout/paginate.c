/* paginate.c — places boxes on a page between the cursor and the region's
 * bottom, and says where each box continues when the page ends: space
 * resolution (adjacent spaces take the larger, spaces at a page top are
 * discarded unless retained), borders/padding/backgrounds per fragment,
 * break-before/after, keep-together/-with-next/-with-previous, orphans and
 * widows. Progress rule: on an empty page every box places something, so
 * pagination always ends.
 */
#include "box.h"
#include "../graphics/graphics.h"
#include "../util/msg.h"
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define EPS 0.01

static void flush_space(gr_cursor *c)
{
    if (!c->at_top || c->pending_retain)
        c->y += c->pending_space;
    c->pending_space = 0;
    c->pending_retain = 0;
}

static void add_space(gr_cursor *c, const gr_space *s)
{
    if (s->opt > c->pending_space) c->pending_space = s->opt;
    if (s->retain) c->pending_retain = 1;
}

/* Where an element with an id starts (GR_DL_DEST) and where each of its
 * fragments ends (GR_DL_MARK). The id map is read back from the finished
 * pages, so content rolled back for keeps leaves no trace. */
void gr_add_id_item(gr_cursor *c, gr_dl_kind kind, const char *id, double x, double y)
{
    gr_dl_item it;
    memset(&it, 0, sizeof it);
    it.kind = kind;
    it.u.dest.x = x;
    it.u.dest.y = y;
    it.u.dest.id = gr_arena_strdup(c->doc->arena, id);   /* the doc outlives the FO */
    gr_page_add(c->pg, &it);
}

/* ---- lines ---------------------------------------------------------- */

double gr_page_notes_height(const gr_page *pg)
{
    double h = 0;
    size_t i;
    for (i = 0; i < pg->nitems; i++)
        if (pg->items[i].kind == GR_DL_NOTE) h += pg->items[i].u.note.height;
    return h > 0 ? h + GR_NOTE_SEPARATOR : 0;
}

static int note_on_page(const gr_page *pg, const gr_box *body)
{
    size_t i;
    for (i = 0; i < pg->nitems; i++)
        if (pg->items[i].kind == GR_DL_NOTE && pg->items[i].u.note.body == body) return 1;
    return 0;
}

/* Height of the footnotes anchored in a line and not yet on the page. */
static double line_notes_height(const gr_page *pg, const gr_line *ln, double page_notes)
{
    double h = 0;
    int i, j;
    for (i = 0; i < ln->nruns; i++) {
        const gr_tag *t = ln->runs[i].tag;
        int seen = 0;
        if (!t || t->kind != GR_TAG_NOTE) continue;
        for (j = 0; j < i; j++) if (ln->runs[j].tag == t) seen = 1;
        if (!seen && !note_on_page(pg, t->body)) h += t->height;
    }
    return h > 0 && page_notes == 0 ? h + GR_NOTE_SEPARATOR : h;
}

static void add_line_notes(gr_cursor *c, const gr_line *ln)
{
    int i;
    for (i = 0; i < ln->nruns; i++) {
        const gr_tag *t = ln->runs[i].tag;
        gr_dl_item it;
        if (!t || t->kind != GR_TAG_NOTE || note_on_page(c->pg, t->body)) continue;
        memset(&it, 0, sizeof it);
        it.kind = GR_DL_NOTE;
        it.u.note.body = t->body;
        it.u.note.height = t->height;
        gr_page_add(c->pg, &it);
    }
}

/* A copy in the doc's arena: the doc is written after the FO tree is gone. */
static const char *doc_str(gr_doc *d, const char *s)
{
    return s ? gr_arena_strdup(d->arena, s) : NULL;
}

/* Clickable areas of the line's linked runs, one per run of the same link. */
static void add_line_links(gr_cursor *c, const gr_line *ln, double x, double y)
{
    int i = 0;
    while (i < ln->nruns) {
        const gr_tag *t = ln->runs[i].tag;
        double x0, x1;
        int j;
        if (!t || t->kind != GR_TAG_LINK) { i++; continue; }
        x0 = ln->runs[i].x;
        x1 = ln->runs[i].x + ln->runs[i].width;
        for (j = i + 1; j < ln->nruns && ln->runs[j].tag == t; j++)
            x1 = ln->runs[j].x + ln->runs[j].width;
        {
            gr_dl_item it;
            memset(&it, 0, sizeof it);
            it.kind = GR_DL_LINK;
            it.u.link.x = x + x0;
            it.u.link.y = y;
            it.u.link.w = x1 - x0;
            it.u.link.h = ln->height;
            it.u.link.internal = doc_str(c->doc, t->fo->p->internal_destination);
            it.u.link.uri = doc_str(c->doc, t->fo->p->external_destination);
            if (it.u.link.internal || it.u.link.uri)
                gr_page_add(c->pg, &it);
        }
        i = j;
    }
}

static void draw_leader(gr_doc *doc, gr_page *pg, const gr_inl *o, double x, double w,
                        double baseline)
{
    if (o->pattern == GR_LEADER_RULE) {
        gr_page_add_rule(pg, x, baseline - o->thickness / 2, x + w, baseline - o->thickness / 2,
                         o->thickness, o->color);
    } else if (o->pattern == GR_LEADER_DOTS) {
        /* dots on a grid of half an em from the page edge, so the dots of
           successive lines stand in columns */
        double step = o->size * 0.5, r = o->size * 0.06, d;
        double first = (double)(long)((x + step * 0.5) / step + 1) * step;
        for (d = first; d + r <= x + w - step * 0.25; d += step) {
            gr_dl_item it;
            gr_seg *sg;
            const double k = 0.5523 * r;
            memset(&it, 0, sizeof it);
            it.kind = GR_DL_PATH;
            it.u.path.nseg = 0;
            it.u.path.seg = sg = gr_arena_alloc(doc->arena, 6 * sizeof *sg);
            sg[0].op = GR_SEG_MOVE; sg[0].p[0] = d + r; sg[0].p[1] = baseline - r;
            sg[1].op = GR_SEG_CURVE;
            sg[1].p[0] = d + r; sg[1].p[1] = baseline - r - k; sg[1].p[2] = d + k; sg[1].p[3] = baseline - 2 * r;
            sg[1].p[4] = d; sg[1].p[5] = baseline - 2 * r;
            sg[2].op = GR_SEG_CURVE;
            sg[2].p[0] = d - k; sg[2].p[1] = baseline - 2 * r; sg[2].p[2] = d - r; sg[2].p[3] = baseline - r - k;
            sg[2].p[4] = d - r; sg[2].p[5] = baseline - r;
            sg[3].op = GR_SEG_CURVE;
            sg[3].p[0] = d - r; sg[3].p[1] = baseline - r + k; sg[3].p[2] = d - k; sg[3].p[3] = baseline;
            sg[3].p[4] = d; sg[3].p[5] = baseline;
            sg[4].op = GR_SEG_CURVE;
            sg[4].p[0] = d + k; sg[4].p[1] = baseline; sg[4].p[2] = d + r; sg[4].p[3] = baseline - r + k;
            sg[4].p[4] = d + r; sg[4].p[5] = baseline - r;
            sg[5].op = GR_SEG_CLOSE;
            it.u.path.nseg = 6;
            it.u.path.fill = 1;
            it.u.path.fill_color = o->color;
            gr_page_add(pg, &it);
        }
    }
}

static void place_line(gr_lay *L, gr_cursor *c, const gr_line *ln, double x)
{
    int i;
    gr_page_add_line(L->doc, c->pg, ln, x, c->y);
    gr_dump_line(L, c->pg, ln, x, c->y);
    for (i = 0; i < ln->nobjs; i++) {
        const gr_para_obj *po = &ln->objs[i];
        const gr_inl *o = po->obj;
        double base = c->y + ln->baseline;
        if (!o) continue;
        if (o->kind == GR_INL_GRAPHIC) {
            gr_page_add_graphic(L->doc, c->pg, o->graphic, x + po->x, base - po->ascent);
            gr_dump_graphic(L, c->pg, o->graphic, x + po->x, base - po->ascent);
        }
        else if (o->kind == GR_INL_LEADER)
            draw_leader(L->doc, c->pg, o, x + po->x, po->width, base);
    }
    add_line_links(c, ln, x, c->y);
    if (c->note_bottom > 0) add_line_notes(c, ln);
}

static int place_lines(gr_lay *L, gr_cursor *c, gr_box *b, const gr_resume *in,
                       gr_resume **out)
{
    int n = gr_para_nlines(b->para);
    int from = in ? in->line : 0, fit = 0, i;
    int orphans = b->fo->p->orphans > 0 ? b->fo->p->orphans : 1;
    int widows = b->fo->p->widows > 0 ? b->fo->p->widows : 1;
    double y, notes = 0, page_notes = 0;
    flush_space(c);
    y = c->y;
    if (c->note_bottom > 0 && L->has_notes) page_notes = gr_page_notes_height(c->pg);
    for (i = from; i < n; i++) {
        const gr_line *ln = gr_para_line(b->para, i);
        double limit = c->limit;
        if (c->note_bottom > 0 && L->has_notes) {
            double add = line_notes_height(c->pg, ln, page_notes + notes);
            double lim2 = c->note_bottom - page_notes - notes - add;
            if (lim2 < limit) limit = lim2;
            if (y + ln->height > limit + EPS) break;
            notes += add;
        }
        if (y + ln->height > limit + EPS) break;
        y += ln->height;
        fit++;
    }
    if (from + fit < n) {
        int left = n - from - fit;
        if (left < widows) fit -= widows - left;          /* keep widows together */
        if (fit < (from == 0 ? orphans : 1)) fit = 0;      /* too few for orphans */
        if (fit <= 0) {
            if (!c->force) return GR_PLACED_NONE;
            fit = 1;                                       /* progress on an empty page */
            /* a line cannot be split: taller than an empty page, it would
               be cut off at the page edge (photos and charts were scaled
               down before, build.c fit_graphic_height) */
            if (gr_para_line(b->para, from)->height > c->limit - c->y + EPS) {
                gr_error(L->ctx, L->tree->path, b->fo->line, GR_TEXT(PAGE_LINE_PT_TALLER_THAN),
                         gr_para_line(b->para, from)->height, c->limit - c->y);
                if (L->status == GR_OK) L->status = GR_EINPUT;
            }
        }
    }
    for (i = from; i < from + fit; i++) {
        const gr_line *ln = gr_para_line(b->para, i);
        gr_dump_line_pos(L, c->pg, b->fo->line, i + 1, n,
                         i == n - 1 && b->fo->p->text_align_last == GR_ALIGN_JUSTIFY, ln);
        place_line(L, c, ln, c->area_x + b->x);
        c->y += ln->height;
    }
    c->at_top = 0;
    c->force = 0;
    if (from + fit < n) {
        gr_resume *r = gr_arena_alloc(L->arena, sizeof *r);
        r->line = from + fit;
        *out = r;
        return GR_PLACED_PART;
    }
    *out = NULL;
    return GR_PLACED_ALL;
}

/* ---- blocks --------------------------------------------------------- */

/* Zero properties for reference-area boxes, whose container draws them. */
static const gr_fo_props no_props;

static const gr_fo_props *box_props(const gr_box *b)
{
    return b->area ? &no_props : b->fo->p;
}

double gr_border_width(const gr_fo_props *p, int side)
{
    return p->border[side].style ? p->border[side].width : 0;
}
#define border_w gr_border_width

/* Background and borders of one fragment of a block: [y0, y1). */
static void decorate(gr_cursor *c, gr_box *b, size_t mark, double y0, double y1,
                     int first, int last)
{
    const gr_fo_props *p = box_props(b);
    double bs = border_w(p, GR_START), be = border_w(p, GR_END);
    double x0 = c->area_x + b->x - p->padding[GR_START] - bs;
    double x1 = c->area_x + b->x + b->w + p->padding[GR_END] + be;
    if (p->id)
        gr_add_id_item(c, GR_DL_MARK, p->id, x0, y1);
    if (p->has_background) {
        gr_dl_item it;
        memset(&it, 0, sizeof it);
        it.kind = GR_DL_RECT;
        it.u.rect.x = x0; it.u.rect.y = y0;
        it.u.rect.w = x1 - x0; it.u.rect.h = y1 - y0;
        it.u.rect.color = p->background;
        gr_page_insert(c->pg, mark, &it);
    }
    if (first && border_w(p, GR_BEFORE) > 0) {
        double w = border_w(p, GR_BEFORE);
        gr_page_add_rule(c->pg, x0, y0 + w / 2, x1, y0 + w / 2, w, p->border[GR_BEFORE].color);
    }
    if (last && border_w(p, GR_AFTER) > 0) {
        double w = border_w(p, GR_AFTER);
        gr_page_add_rule(c->pg, x0, y1 - w / 2, x1, y1 - w / 2, w, p->border[GR_AFTER].color);
    }
    if (bs > 0)
        gr_page_add_rule(c->pg, x0 + bs / 2, y0, x0 + bs / 2, y1, bs, p->border[GR_START].color);
    if (be > 0)
        gr_page_add_rule(c->pg, x1 - be / 2, y0, x1 - be / 2, y1, be, p->border[GR_END].color);
}

/* Strength of the keep between two siblings (0: none). */
static int keep_strength(const gr_box *prev, const gr_box *next)
{
    int a = 0, b = 0;
    if (!prev || !next) return 0;
    if (prev->kind != GR_BOX_LINES) a = prev->fo->p->keep_with_next;
    if (next->kind != GR_BOX_LINES) b = next->fo->p->keep_with_previous;
    return a > b ? a : b;
}

static int keeps_with(const gr_box *prev, const gr_box *next)
{
    return keep_strength(prev, next) > 0;
}

/* whole_probe: 1 while trying a keep-together block in one piece. */
/* A child placed whole in this fragment of a block: where it began. */
typedef struct placed_child {
    gr_box *box;
    const gr_resume *sub;      /* where it was resumed from (first child only) */
    size_t mark;
    gr_cursor before;
} placed_child;

/* Height of the least of `b` that can start a page's end: its first
 * `orphans` lines, through the first children of blocks; a block kept
 * together or a table counts whole (at most a third of a page: what does
 * not fit then splits by its own rules). */
static double first_piece_height(const gr_lay *L, const gr_box *b)
{
    double h = 0;
    if (b->kind == GR_BOX_LINES) {
        int n = gr_para_nlines(b->para), k = b->fo->p->orphans > 0 ? b->fo->p->orphans : 1, i;
        for (i = 0; i < n && i < k; i++) h += gr_para_line(b->para, i)->height;
        return h;
    }
    if (b->kind == GR_BOX_TABLE || b->fo->p->keep_together > 0 || !b->first) {
        h = gr_box_height(b, NULL);
        return h < L->body_h / 3 ? h : L->body_h / 3;
    }
    h = border_w(box_props(b), GR_BEFORE) + box_props(b)->padding[GR_BEFORE];
    if (b->first->kind != GR_BOX_LINES) h += b->first->fo->p->space_before.opt;
    return h + first_piece_height(L, b->first);
}

/* A chain of keeps that cannot move to the next page (it began on an empty
 * one) ends in `prev`, placed whole, and `next`, of which nothing fits
 * below it. A typesetter then breaks inside `prev` so that its tail goes
 * over with `next`: place `prev` again from where it began, with the page
 * shortened by what `next` needs to start. 1 and the fragment in *out when
 * that leaves part of `prev` for the next page; else 0, with the page and
 * cursor as they were before `prev` (the caller places it again). */
static int split_before_kept(gr_lay *L, gr_cursor *c, const placed_child *prev,
                             const gr_box *next, gr_resume **out)
{
    gr_cursor trial = prev->before;
    gr_resume *r = NULL;
    double need = first_piece_height(L, next);
    if (prev->box->kind == GR_BOX_LINES && gr_box_lines(prev->box, prev->sub) < 2) return 0;
    if (next->kind != GR_BOX_LINES) need += next->fo->p->space_before.opt;
    gr_page_truncate(c->pg, prev->mark);
    trial.limit -= need;
    if (gr_place_box(L, &trial, prev->box, prev->sub, &r) == GR_PLACED_PART && r) {
        trial.limit = c->limit;
        *c = trial;
        *out = r;
        return 1;
    }
    gr_page_truncate(c->pg, prev->mark);
    *c = prev->before;
    return 0;
}

/* 1 if the child starts with a forced page break (and is not at a page
 * top already): not "does not fit" but "the page ends here". */
static int forced_break_before(const gr_box *child, const gr_resume *sub, const gr_cursor *c)
{
    return !sub && child->kind != GR_BOX_LINES && !c->force &&
           child->fo->p->break_before == GR_BREAK_PAGE;
}

static int place_block(gr_lay *L, gr_cursor *c, gr_box *b, const gr_resume *in,
                       gr_resume **out, int whole_probe)
{
    const gr_fo_props *p = box_props(b);
    int first = in == NULL;
    gr_box *child = in ? in->child : b->first;
    const gr_resume *sub = in ? in->sub : NULL;
    size_t mark = c->pg->nitems, nplaced = 0, capplaced = 0;
    placed_child *placed = NULL;
    gr_cursor saved = *c;
    double top_extra = first ? border_w(p, GR_BEFORE) + p->padding[GR_BEFORE] : 0;
    double bottom_extra = border_w(p, GR_AFTER) + p->padding[GR_AFTER];
    double y0;
    int placed_any = 0;

    if (first && p->break_before == GR_BREAK_PAGE && !c->force)
        return GR_PLACED_NONE;
    if (first && p->keep_together > 0 && !c->force && !whole_probe &&
        gr_box_height(b, NULL) <= L->body_h + EPS) {
        /* (content taller than a whole page cannot be kept together) */
        /* keep-together: place it whole here, or start it on the next page */
        gr_cursor trial = *c;
        gr_resume *r = NULL;
        if (place_block(L, &trial, b, NULL, &r, 1) == GR_PLACED_ALL) {
            *c = trial;
            *out = NULL;
            return GR_PLACED_ALL;
        }
        gr_page_truncate(c->pg, mark);
        return GR_PLACED_NONE;
    }
    if (first) {
        add_space(c, &p->space_before);
        if (top_extra > 0) flush_space(c);
    }
    y0 = c->y;
    if (first && p->id)
        gr_add_id_item(c, GR_DL_DEST, p->id, c->area_x + b->x, y0);
    c->y += top_extra;
    if (top_extra > 0) c->at_top = 0;  /* still forced: no content yet */
    while (child) {
        gr_resume *r = NULL;
        gr_cursor before = *c;
        size_t before_mark = c->pg->nitems, j;
        const gr_resume *from = sub;   /* where `child` resumes (first only) */
        int res;
        if (forced_break_before(child, sub, c)) {
            /* a forced break wins over any keep (XSL 1.1 §4.8) */
            if (!placed_any) { free(placed); *c = saved; gr_page_truncate(c->pg, mark);
                               return GR_PLACED_NONE; }
            break;
        }
        res = gr_place_box(L, c, child, sub, &r);
        sub = NULL;
        if (res == GR_PLACED_ALL) {
            placed = gr_grow(placed, &capplaced, nplaced + 1, sizeof *placed);
            placed[nplaced].box = child;
            placed[nplaced].sub = from;
            placed[nplaced].mark = before_mark;
            placed[nplaced].before = before;
            nplaced++;
            placed_any = 1;
            if (child->kind != GR_BOX_LINES && child->fo->p->break_after == GR_BREAK_PAGE &&
                child->next) {
                child = child->next;
                break;
            }
            child = child->next;
            continue;
        }
        if (res == GR_PLACED_PART) {
            gr_resume *rr = gr_arena_alloc(L->arena, sizeof *rr);
            rr->child = child;
            rr->sub = r;
            *out = rr;
            free(placed);
            goto fragment_done;
        }
        /* nothing of `child` fits here: the siblings kept with it go along
           to the next page, back to the start of their chain of keeps */
        *c = before;
        j = nplaced;
        {
            gr_box *next = child;
            int always = 0;
            while (j > 0 && keeps_with(placed[j - 1].box, next)) {
                if (keep_strength(placed[j - 1].box, next) >= GR_KEEP_ALWAYS) always = 1;
                next = placed[j - 1].box;
                j--;
            }
            if (j < nplaced && placed[j].before.force) {
                /* the chain starts on an empty page and still does not fit:
                   split the box just before `child` so that its tail goes
                   along, or else break the keep (a 提醒, never a refusal) */
                placed_child *last = &placed[nplaced - 1];
                gr_resume *tail = NULL;
                if (split_before_kept(L, c, last, child, &tail)) {
                    gr_resume *rr = gr_arena_alloc(L->arena, sizeof *rr);
                    rr->child = last->box;
                    rr->sub = tail;
                    *out = rr;
                    free(placed);
                    goto fragment_done;
                }
                {   /* `last` again, whole, as it was placed before */
                    gr_resume *again = NULL;
                    int res2 = gr_place_box(L, c, last->box, last->sub, &again);
                    assert(res2 == GR_PLACED_ALL);
                    (void)res2;
                }
                if (always)          /* named where the chain begins */
                    gr_warn(L->ctx, L->tree->path, placed[j].box->fo->line,
                            GR_TEXT(PAGE_CHAIN_KEEP_NEXT_KEEP));
                j = nplaced;                /* break it here after all */
            }
        }
        if (j < nplaced) {
            gr_page_truncate(c->pg, placed[j].mark);
            *c = placed[j].before;
            child = placed[j].box;
            placed_any = j > 0;
        }
        if (!placed_any) {
            free(placed);
            gr_page_truncate(c->pg, mark);
            *c = saved;
            return GR_PLACED_NONE;
        }
        break;
    }
    free(placed);
    if (child) {
        gr_resume *rr = gr_arena_alloc(L->arena, sizeof *rr);
        rr->child = child;
        *out = rr;
        goto fragment_done;
    }
    /* the whole rest of the block is placed; with no border or padding
       below, its last child's space-after is not inside it but merges with
       its own and with what follows (XSL space resolution), as between
       siblings */
    if (bottom_extra > 0) {
        flush_space(c);
        c->y += bottom_extra;
    }
    decorate(c, b, mark, y0, c->y, first, 1);
    add_space(c, &p->space_after);
    *out = NULL;
    return GR_PLACED_ALL;

fragment_done:
    decorate(c, b, mark, y0, c->y, first, 0);
    c->pending_space = 0;
    return GR_PLACED_PART;
}

int gr_place_box(gr_lay *L, gr_cursor *c, gr_box *b, const gr_resume *in,
                 gr_resume **out)
{
    *out = NULL;
    switch (b->kind) {
    case GR_BOX_LINES:
        return place_lines(L, c, b, in, out);
    case GR_BOX_BLOCK:
        return place_block(L, c, b, in, out, 0);
    case GR_BOX_TABLE:
        return gr_place_table(L, c, b, in, out);
    }
    return GR_PLACED_ALL;
}

double gr_box_height(const gr_box *b, const gr_resume *in)
{
    double h = 0, pending = 0;
    const gr_box *ch;
    const gr_resume *sub;
    int i, n;
    switch (b->kind) {
    case GR_BOX_LINES:
        n = gr_para_nlines(b->para);
        for (i = in ? in->line : 0; i < n; i++)
            h += gr_para_line(b->para, i)->height;
        return h;
    case GR_BOX_TABLE:
        return gr_table_height(b, in);
    case GR_BOX_BLOCK:
        break;
    }
    if (!in)
        h += border_w(box_props(b), GR_BEFORE) + box_props(b)->padding[GR_BEFORE];
    ch = in ? in->child : b->first;
    sub = in ? in->sub : NULL;
    for (; ch; ch = ch->next, sub = NULL) {
        if (ch->kind != GR_BOX_LINES && !sub) {
            double sb = ch->fo->p->space_before.opt;
            h += sb > pending ? sb : pending;
        } else {
            h += pending;
        }
        pending = 0;
        h += gr_box_height(ch, sub);
        if (ch->kind != GR_BOX_LINES) pending = ch->fo->p->space_after.opt;
    }
    return h + pending + border_w(box_props(b), GR_AFTER) + box_props(b)->padding[GR_AFTER];
}

int gr_box_lines(const gr_box *b, const gr_resume *in)
{
    const gr_box *ch;
    const gr_resume *sub;
    int n = 0;
    switch (b->kind) {
    case GR_BOX_LINES:
        return gr_para_nlines(b->para) - (in ? in->line : 0);
    case GR_BOX_TABLE:
        return GR_LINES_MANY;
    case GR_BOX_BLOCK:
        break;
    }
    ch = in ? in->child : b->first;
    sub = in ? in->sub : NULL;
    for (; ch; ch = ch->next, sub = NULL) {
        n += gr_box_lines(ch, sub);
        if (n >= GR_LINES_MANY) return GR_LINES_MANY;
    }
    return n;
}
