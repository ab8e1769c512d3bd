/* build.c — turns block-level FO content into the box tree: one box per
 * block, and an anonymous paragraph (GR_BOX_LINES) for each run of
 * inline-level content, shaped and broken into lines for its width.
 * Inline content (text, fo:inline, fo:wrapper, page numbers and citations)
 * is gathered here into gr_para spans with styles from the FO properties.
 */
#include "box.h"
#include "../graphics/graphics.h"
#include "../util/msg.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

gr_box *gr_box_new(gr_lay *L, gr_box_kind kind, gr_fo_node *fo)
{
    gr_box *b = gr_arena_alloc(L->arena, sizeof *b);
    b->kind = kind;
    b->fo = fo;
    return b;
}

static void box_append(gr_box *parent, gr_box *child)
{
    if (parent->last) parent->last->next = child;
    else parent->first = child;
    parent->last = child;
}

void gr_box_free_tree(gr_box *b)
{
    gr_box *c;
    int i;
    if (!b) return;
    for (c = b->first; c; c = c->next)
        gr_box_free_tree(c);
    if (b->table)
        for (i = 0; i < b->table->ncells; i++)
        {
            gr_box_free_tree(b->table->cells[i].content);
            gr_box_free_tree(b->table->cells[i].continued);
        }
    if (b->para) {
        gr_para_free(b->para);
        b->para = NULL;
    }
}

static int is_inline_level(gr_fo_type t)
{
    switch (t) {
    case GR_FO_TEXT: case GR_FO_INLINE: case GR_FO_PAGE_NUMBER:
    case GR_FO_PAGE_NUMBER_CITATION: case GR_FO_PAGE_NUMBER_CITATION_LAST:
    case GR_FO_LEADER: case GR_FO_BASIC_LINK: case GR_FO_FOOTNOTE:
    case GR_FO_EXTERNAL_GRAPHIC: case GR_FO_INSTREAM_FOREIGN_OBJECT:
        return 1;
    default:
        return 0;
    }
}

/* A wrapper is inline-level when it sits among inline content. */
static int wrapper_is_inline(const gr_fo_node *w)
{
    const gr_fo_node *c;
    for (c = w->first; c; c = c->next)
        if (!is_inline_level(c->type) && !(c->type == GR_FO_WRAPPER && wrapper_is_inline(c)))
            return 0;
    return 1;
}

const char *gr_lay_citation(gr_lay *L, const char *id, int last, char *buf, size_t n)
{
    size_t i;
    if (!L->in_static) L->uses_citations = 1;   /* static content: see layout.c */
    for (i = 0; L->prev && i < L->nprev; i++)
        if (strcmp(L->prev[i].id, id) == 0) {
            snprintf(buf, n, "%d", last ? L->prev[i].last : L->prev[i].first);
            return buf;
        }
    /* first pass: a placeholder of typical width; pass two has the value */
    snprintf(buf, n, "%s", L->prev ? "?" : "00");
    return buf;
}

static int style_for(gr_lay *L, const gr_fo_node *n, gr_text_style *st)
{
    const gr_fo_props *p = n->p;
    memset(st, 0, sizeof *st);
    st->chain = gr_fontset_chain(L->fs, p->font_family ? p->font_family : "serif",
                                 p->font_weight, L->tree->path, n->line);
    if (!st->chain)
        return GR_EINPUT;
    st->size = p->font_size * L->text_scale;
    st->color = p->color;
    st->line_height = p->line_height * L->text_scale;
    st->underline = p->text_decoration_underline;
    st->baseline_shift = p->baseline_shift * L->text_scale;
    st->file = L->tree->path;
    st->line = n->line;
    st->tag = L->tag;
    if (p->keep_together_within_line > 0) {
        /* the element that asked for it: text inside it stays on one line */
        const gr_fo_node *k = n;
        while (k->parent && k->parent->p->keep_together_within_line == p->keep_together_within_line &&
               k->parent->type != GR_FO_BLOCK)
            k = k->parent;
        st->nobreak = k;
    }
    return GR_OK;
}

static int add_inline(gr_lay *L, gr_para *para, gr_fo_node *n);
static int add_link(gr_lay *L, gr_para *para, gr_fo_node *n);
static int add_footnote(gr_lay *L, gr_para *para, gr_fo_node *n);
static int add_leader(gr_lay *L, gr_para *para, gr_fo_node *n);
void gr_lay_ctx_init(gr_lay *L, gr_ctx *q)
{
    if (!L->have_fresh) {
        gr_ctx_init(&L->fresh);
        L->have_fresh = 1;
    }
    *q = L->fresh;
}

FILE *gr_lay_sink(gr_lay *L)
{
    if (!L->quiet_sink) L->quiet_sink = fopen("/dev/null", "w");
    return L->quiet_sink;
}

/* A photo or chart taller than a page would be cut off at the page edge:
 * it is made again within a narrower width, which scales it uniformly to
 * GRAPHIC_PAGE_SHARE of the page body's height, and a note says so. (What
 * else cannot be split and is taller than a page is an error at
 * pagination: docs/layout.md.) The second build is quiet: the first one
 * already reported everything about the graphic. */
#define GRAPHIC_PAGE_SHARE 0.9   /* room for the line's leading, a caption line */
static gr_graphic *fit_graphic_height(gr_lay *L, gr_fo_node *n, gr_graphic *g)
{
    gr_ctx quiet;
    gr_graphic *g2;
    double want = L->body_h * GRAPHIC_PAGE_SHARE, w;
    if (!(L->body_h > 0) || g->height <= L->body_h || !(g->height > 0)) return g;
    w = g->width * want / g->height;
    gr_lay_ctx_init(L, &quiet);
    quiet.quiet_warnings = 1;
    quiet.err_stream = gr_lay_sink(L);
    if (!quiet.err_stream) return g;
    quiet.image_budget = L->ctx->image_budget;   /* the image is loaded already */
    quiet.image_used = L->ctx->image_used;
    g2 = n->type == GR_FO_EXTERNAL_GRAPHIC
        ? gr_graphic_external(&quiet, L->doc, L->tree, n, w, L->tree->allow_outside)
        : gr_graphic_svg(&quiet, L->doc, L->fs, L->tree, n, w);
    if (!g2 || g2->height > L->body_h) return g;  /* left to pagination's error */
    gr_warn(L->ctx, L->tree->path, n->line, GR_TEXT(LAYOUT_NOTE_PT_TALL_MORE),
            n->type == GR_FO_EXTERNAL_GRAPHIC ? "fo:external-graphic" : "svg:svg",
            g->height, L->body_h, g2->width, g2->height);
    return g2;
}

static int add_graphic(gr_lay *L, gr_para *para, gr_fo_node *n);

static int add_inline_children(gr_lay *L, gr_para *para, gr_fo_node *n)
{
    gr_fo_node *c;
    int rc = GR_OK;
    for (c = n->first; c; c = c->next) {
        int r = add_inline(L, para, c);
        if (r != GR_OK && rc == GR_OK) rc = r;
    }
    return rc;
}

static int add_text(gr_lay *L, gr_para *para, const gr_fo_node *style_node,
                    const char *s, size_t len)
{
    gr_text_style st;
    int rc = style_for(L, style_node, &st);
    if (rc != GR_OK) return rc;
    gr_para_add_text(para, s, len, &st);
    return GR_OK;
}

static int add_link(gr_lay *L, gr_para *para, gr_fo_node *n)
{
    gr_tag *outer = L->tag, *t = gr_arena_alloc(L->arena, sizeof *t);
    int rc;
    t->kind = GR_TAG_LINK;
    t->fo = n;
    L->tag = t;
    rc = add_inline_children(L, para, n);
    L->tag = outer;
    return rc;
}

/* fo:footnote: its fo:inline is the anchor in the text; its body is laid
 * out now for the body width and placed at the foot of the page where the
 * anchor falls. */
static int add_footnote(gr_lay *L, gr_para *para, gr_fo_node *n)
{
    gr_fo_node *c;
    gr_tag *outer = L->tag, *t = gr_arena_alloc(L->arena, sizeof *t);
    int rc = GR_OK;
    double save_s = L->base_start, save_e = L->base_end;
    t->kind = GR_TAG_NOTE;
    t->fo = n;
    for (c = n->first; c; c = c->next)
        if (c->type == GR_FO_FOOTNOTE_BODY) {
            L->base_start = L->base_end = 0;
            t->body = gr_build_area(L, c, L->body_w > 0 ? L->body_w : 400);
            L->base_start = save_s;
            L->base_end = save_e;
            t->height = gr_box_height(t->body, NULL);
            L->has_notes = 1;
            L->note_bodies = gr_grow(L->note_bodies, &L->capnote_bodies,
                                     L->nnote_bodies + 1, sizeof *L->note_bodies);
            L->note_bodies[L->nnote_bodies++] = t->body;
        }
    L->tag = t->body ? t : outer;
    for (c = n->first; c; c = c->next)
        if (c->type != GR_FO_FOOTNOTE_BODY) {
            int r = add_inline(L, para, c);
            if (r != GR_OK && rc == GR_OK) rc = r;
        }
    L->tag = outer;
    return rc;
}

static int add_leader(gr_lay *L, gr_para *para, gr_fo_node *n)
{
    const gr_fo_props *p = n->p;
    gr_text_style st;
    gr_inl *o;
    double lmin, lopt, lmax, w = L->body_w > 0 ? L->body_w : 400;
    int rc = style_for(L, n, &st);
    if (rc != GR_OK) return rc;
    o = gr_arena_alloc(L->arena, sizeof *o);
    o->kind = GR_INL_LEADER;
    o->fo = n;
    o->color = p->color;
    o->size = p->font_size;
    o->thickness = p->rule_thickness;
    o->pattern = p->leader_pattern;
    lmin = p->leader_length_min_pct > 0 ? w * p->leader_length_min_pct / 100 : p->leader_length_min;
    lopt = p->leader_length_opt_pct > 0 ? w * p->leader_length_opt_pct / 100 : p->leader_length_opt;
    lmax = p->leader_length_max_pct > 0 ? w * p->leader_length_max_pct / 100 : p->leader_length_max;
    if (lmax < lopt) lmax = lopt;
    if (lopt < lmin) lopt = lmin;
    gr_para_add_leader(para, o, lmin, lopt, lmax, &st);
    return GR_OK;
}

static int add_graphic(gr_lay *L, gr_para *para, gr_fo_node *n)
{
    gr_text_style st;
    gr_inl *o;
    gr_graphic *g;
    int rc = style_for(L, n, &st);
    if (rc != GR_OK) return rc;
    g = n->type == GR_FO_EXTERNAL_GRAPHIC
        ? gr_graphic_external(L->ctx, L->doc, L->tree, n, L->para_width,
                                  L->tree->allow_outside)
        : gr_graphic_svg(L->ctx, L->doc, L->fs, L->tree, n, L->para_width);
    if (!g) return GR_EINPUT;
    g = fit_graphic_height(L, n, g);
    if (!g) return GR_EINPUT;
    o = gr_arena_alloc(L->arena, sizeof *o);
    o->kind = GR_INL_GRAPHIC;
    o->fo = n;
    o->graphic = g;
    gr_para_add_object(para, o, g->width, g->height, 0, &st);
    return GR_OK;
}

static int add_inline(gr_lay *L, gr_para *para, gr_fo_node *n)
{
    char num[32];
    const char *s;
    switch (n->type) {
    case GR_FO_TEXT:
        if (n->text_len == 0) return GR_OK;
        return add_text(L, para, n->parent ? n->parent : n, n->text, n->text_len);
    case GR_FO_INLINE:
    case GR_FO_WRAPPER:
        return add_inline_children(L, para, n);
    case GR_FO_PAGE_NUMBER:
        snprintf(num, sizeof num, "%d", L->page_no > 0 ? L->page_no : 1);
        return add_text(L, para, n, num, strlen(num));
    case GR_FO_BASIC_LINK:
        return add_link(L, para, n);
    case GR_FO_FOOTNOTE:
        return add_footnote(L, para, n);
    case GR_FO_LEADER:
        return add_leader(L, para, n);
    case GR_FO_EXTERNAL_GRAPHIC:
    case GR_FO_INSTREAM_FOREIGN_OBJECT:
        return add_graphic(L, para, n);
    case GR_FO_PAGE_NUMBER_CITATION:
    case GR_FO_PAGE_NUMBER_CITATION_LAST:
        s = gr_lay_citation(L, n->p->ref_id ? n->p->ref_id : "",
                            n->type == GR_FO_PAGE_NUMBER_CITATION_LAST, num, sizeof num);
        return add_text(L, para, n, s, strlen(s));
    default:
        return gr_error(L->ctx, L->tree->path, n->line, GR_TEXT(LAYOUT_SUPPORTED_LAYOUT_ENGINE_YET),
                        gr_fo_type_name(n->type));
    }
}

/* Lay out gathered inline content as a GR_BOX_LINES child of `parent`. */
static int flush_para(gr_lay *L, gr_box *parent, gr_para **para, gr_fo_node *blk,
                      int *first_para)
{
    gr_para_opts o;
    gr_box *b;
    int rc;
    if (!*para) return GR_OK;
    if (gr_para_empty(*para)) {
        gr_para_free(*para);
        *para = NULL;
        return GR_OK;
    }
    memset(&o, 0, sizeof o);
    o.width = parent->w;
    o.first_indent = *first_para ? blk->p->text_indent : 0;
    o.align = blk->p->text_align;
    o.align_last = blk->p->text_align_last;
    if (o.align_last == GR_ALIGN_RELATIVE)
        o.align_last = o.align == GR_ALIGN_JUSTIFY ? GR_ALIGN_START : o.align;
    o.avoid_short_last = 1;
    o.defer_overflow = L->defer_overflow;
    rc = gr_para_layout(*para, &o);
    gr_para_compact(*para);              /* widths are final: lines only */
    b = gr_box_new(L, GR_BOX_LINES, blk);
    b->x = parent->x;
    b->w = parent->w;
    b->para = *para;
    *para = NULL;
    *first_para = 0;
    box_append(parent, b);
    return rc;
}

static gr_box *build_block(gr_lay *L, gr_fo_node *blk, double ref_w);

/* Children of a block-level container: inline runs become paragraphs,
 * block-level children become boxes. */
static int build_children(gr_lay *L, gr_box *box, gr_fo_node *fo, gr_fo_node *style,
                          double ref_w)
{
    gr_fo_node *c;
    gr_para *para = NULL;
    int first_para = 1, rc = GR_OK, r;
    double save_w = L->para_width;
    L->para_width = box->w;
    for (c = fo->first; c; c = c->next) {
        if (is_inline_level(c->type) ||
            (c->type == GR_FO_WRAPPER && fo->type != GR_FO_FLOW && wrapper_is_inline(c))) {
            if (!para) para = gr_para_new(L->ctx);
            r = add_inline(L, para, c);
            if (r != GR_OK && rc == GR_OK) rc = r;
            continue;
        }
        r = flush_para(L, box, &para, style, &first_para);
        if (r != GR_OK && rc == GR_OK) rc = r;
        switch (c->type) {
        case GR_FO_BLOCK:
        case GR_FO_WRAPPER:
        case GR_FO_TABLE:
        case GR_FO_LIST_BLOCK: {
            gr_box *child = c->type == GR_FO_TABLE ? gr_build_table(L, c, ref_w)
                          : c->type == GR_FO_LIST_BLOCK ? gr_build_list(L, c, ref_w)
                          : build_block(L, c, ref_w);
            if (!child) { if (rc == GR_OK) rc = L->status ? L->status : GR_EINPUT; break; }
            box_append(box, child);
            break;
        }
        default:
            r = gr_error(L->ctx, L->tree->path, c->line, GR_TEXT(LAYOUT_SUPPORTED_LAYOUT_ENGINE_YET),
                         gr_fo_type_name(c->type));
            if (rc == GR_OK) rc = r;
        }
    }
    r = flush_para(L, box, &para, style, &first_para);
    if (r != GR_OK && rc == GR_OK) rc = r;
    L->para_width = save_w;
    return rc;
}

static gr_box *build_block(gr_lay *L, gr_fo_node *blk, double ref_w)
{
    const gr_fo_props *p = blk->p;
    gr_box *b = gr_box_new(L, GR_BOX_BLOCK, blk);
    int rc;
    b->x = p->start_indent - L->base_start;
    b->w = ref_w - b->x - (p->end_indent - L->base_end);
    if (b->w < 1) {
        gr_warn(L->ctx, L->tree->path, blk->line, GR_TEXT(LAYOUT_HAS_ROOM_LEFT_PT),
                gr_fo_type_name(blk->type), b->w);
        b->w = 1;
    }
    rc = build_children(L, b, blk, blk, ref_w);
    if (rc != GR_OK && L->status == GR_OK) L->status = rc;
    return b;
}

gr_box *gr_build_area(gr_lay *L, gr_fo_node *area, double w)
{
    gr_box *b = gr_box_new(L, GR_BOX_BLOCK, area);
    double save_start = L->base_start, save_end = L->base_end;
    int rc;
    b->area = 1;
    b->x = 0;
    b->w = w > 1 ? w : 1;
    L->base_start = area->p->start_indent;
    L->base_end = area->p->end_indent;
    rc = build_children(L, b, area, area, b->w);
    L->base_start = save_start;
    L->base_end = save_end;
    if (rc != GR_OK && L->status == GR_OK) L->status = rc;
    return b;
}

gr_box *gr_build_flow(gr_lay *L, gr_fo_node *flow, double ref_w)
{
    gr_box *b = gr_box_new(L, GR_BOX_BLOCK, flow);
    int rc;
    b->area = 1;
    b->x = 0;
    b->w = ref_w;
    L->base_start = L->base_end = 0;
    rc = build_children(L, b, flow, flow, ref_w);
    if (rc != GR_OK && L->status == GR_OK) L->status = rc;
    return b;
}
