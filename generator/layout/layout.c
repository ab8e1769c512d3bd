/* layout.c — the layout driver: page masters and their regions, page
 * sequences (each starts a new page), the flow paginated into region-body,
 * static content laid out per page once the page count is known, and a
 * second pass when page-number citations need page numbers that the first
 * pass found.
 */
#include "box.h"
#include "../graphics/graphics.h"
#include "../util/msg.h"
#include <stdlib.h>
#include <assert.h>
#include <string.h>

typedef struct region {
    double x, y, w, h;
    const char *name;
    gr_fo_node *fo;
} region;

typedef struct page_geom {
    double width, height;
    region body, before, after;
    int has_before, has_after;
} page_geom;

static gr_fo_node *find_child(gr_fo_node *n, gr_fo_type t)
{
    gr_fo_node *c;
    for (c = n ? n->first : NULL; c; c = c->next)
        if (c->type == t) return c;
    return NULL;
}

static gr_fo_node *find_master(gr_fo_tree *t, const char *name)
{
    gr_fo_node *lms = find_child(t->root, GR_FO_LAYOUT_MASTER_SET), *m;
    for (m = lms ? lms->first : NULL; m; m = m->next)
        if (m->type == GR_FO_SIMPLE_PAGE_MASTER && m->p->master_name && name &&
            strcmp(m->p->master_name, name) == 0)
            return m;
    return NULL;
}

static const char *region_name(const gr_fo_node *r, const char *dflt)
{
    return r && r->p->region_name ? r->p->region_name : dflt;
}

/* XSL 6.4.12-14: the page's margins make the content rectangle; the body
 * sits inside it with its own margins; before/after take their extent at
 * the top and the bottom of the content rectangle. */
static void geometry(gr_fo_node *m, page_geom *g)
{
    const gr_fo_props *p = m->p;
    gr_fo_node *rb = find_child(m, GR_FO_REGION_BODY);
    gr_fo_node *rbe = find_child(m, GR_FO_REGION_BEFORE);
    gr_fo_node *raf = find_child(m, GR_FO_REGION_AFTER);
    double cx = p->margin[GR_START], cy = p->margin[GR_BEFORE];
    double cw = p->page_width - p->margin[GR_START] - p->margin[GR_END];
    double ch = p->page_height - p->margin[GR_BEFORE] - p->margin[GR_AFTER];
    memset(g, 0, sizeof *g);
    g->width = p->page_width;
    g->height = p->page_height;
    g->body.x = cx; g->body.y = cy; g->body.w = cw; g->body.h = ch;
    if (rb) {
        const gr_fo_props *b = rb->p;
        g->body.x = cx + b->margin[GR_START];
        g->body.y = cy + b->margin[GR_BEFORE];
        g->body.w = cw - b->margin[GR_START] - b->margin[GR_END];
        g->body.h = ch - b->margin[GR_BEFORE] - b->margin[GR_AFTER];
        g->body.fo = rb;
    }
    g->body.name = region_name(rb, "xsl-region-body");
    if (rbe) {
        g->has_before = 1;
        g->before.x = cx; g->before.y = cy; g->before.w = cw;
        g->before.h = rbe->p->extent;
        g->before.name = region_name(rbe, "xsl-region-before");
        g->before.fo = rbe;
    }
    if (raf) {
        g->has_after = 1;
        g->after.x = cx; g->after.w = cw;
        g->after.h = raf->p->extent;
        g->after.y = cy + ch - raf->p->extent;
        g->after.name = region_name(raf, "xsl-region-after");
        g->after.fo = raf;
    }
}

static int page_is_empty_start(const gr_cursor *c) { return c->force; }

/* Lay static content for one region of one page. Overflow is drawn, with a
 * warning: headers and footers are short by nature. */
static void place_static(gr_lay *L, gr_page *pg, const region *r, gr_fo_node *sc,
                         const char *which)
{
    gr_box *box;
    gr_cursor c;
    gr_resume *rest = NULL;
    gr_dump_region(L, pg, which, r->x, r->y, r->w, r->h);
    box = gr_build_flow(L, sc, r->w);
    memset(&c, 0, sizeof c);
    c.doc = L->doc;
    c.pg = pg;
    c.area_x = r->x;
    c.y = r->y;
    c.limit = r->y + r->h;
    c.at_top = 1;
    c.force = 1;
    if (gr_place_box(L, &c, box, NULL, &rest) != GR_PLACED_ALL)
        gr_warn(L->ctx, L->tree->path, sc->line, GR_TEXT(LAYOUT_CONTENT_DOES_FIT_REGION),
                r->name);
    gr_box_free_tree(box);
}

static gr_fo_node *static_for(gr_fo_node *seq, const char *name)
{
    gr_fo_node *c;
    for (c = seq->first; c; c = c->next)
        if (c->type == GR_FO_STATIC_CONTENT && c->p->flow_name &&
            strcmp(c->p->flow_name, name) == 0)
            return c;
    return NULL;
}

/* The footnotes anchored on a page, at the foot of its body region under a
 * short rule, in the order of their anchors. */
static void place_notes(gr_lay *L, gr_page *pg, const region *body)
{
    double h = gr_page_notes_height(pg), y;
    size_t i, n = pg->nitems;
    gr_color black = {0, 0, 0};
    if (h <= 0) return;
    y = body->y + body->h - h;
    gr_page_add_rule(pg, body->x, y + GR_NOTE_SEPARATOR / 2, body->x + body->w / 3,
                     y + GR_NOTE_SEPARATOR / 2, 0.5, black);
    y += GR_NOTE_SEPARATOR;
    for (i = 0; i < n; i++) {
        gr_cursor c;
        gr_resume *rest = NULL;
        if (pg->items[i].kind != GR_DL_NOTE) continue;
        memset(&c, 0, sizeof c);
        c.doc = L->doc;
        c.pg = pg;
        c.area_x = body->x;
        c.y = y;
        c.limit = body->y + body->h + 1000; /* never split: reserved above */
        c.at_top = 1;
        c.force = 1;
        gr_place_box(L, &c, pg->items[i].u.note.body, NULL, &rest);
        y += pg->items[i].u.note.height;
    }
}

typedef struct seq_pages {
    gr_fo_node *seq;
    page_geom geom;
    size_t first, count;        /* pages of the doc */
} seq_pages;

static int lay_sequence(gr_lay *L, gr_fo_node *seq, seq_pages *sp)
{
    gr_fo_node *master = find_master(L->tree, seq->p->master_reference);
    gr_fo_node *flow = find_child(seq, GR_FO_FLOW);
    gr_box *box;
    gr_resume *resume = NULL;
    gr_arena *pass_arena;
    size_t first_note;
    int res;
    sp->seq = seq;
    if (!master)
        return gr_error(L->ctx, L->tree->path, seq->line, GR_TEXT(LAYOUT_PAGE_MASTER_NAMED),
                        seq->p->master_reference ? seq->p->master_reference : "");
    geometry(master, &sp->geom);
    if (sp->geom.body.w < 10 || sp->geom.body.h < 10)
        return gr_error(L->ctx, L->tree->path, master->line, GR_TEXT(LAYOUT_MARGINS_LEAVE_ROOM_BODY));
    if (!flow)
        return gr_error(L->ctx, L->tree->path, seq->line, GR_TEXT(LAYOUT_PAGE_SEQUENCE_HAS_FO));
    sp->first = L->doc->npages;
    L->body_w = sp->geom.body.w;
    L->body_h = sp->geom.body.h;
    L->body_y = sp->geom.body.y;
    /* the sequence's boxes, resume points and footnote bodies live in an
       arena of its own, freed when its pages are done */
    pass_arena = L->arena;
    assert(pass_arena != L->seq_arena || !pass_arena);   /* never nested */
    if (!L->seq_arena) L->seq_arena = gr_arena_new();
    L->arena = L->seq_arena;
    first_note = L->nnote_bodies;
    box = gr_build_flow(L, flow, sp->geom.body.w);
    do {
        gr_cursor c;
        gr_resume *next = NULL;
        memset(&c, 0, sizeof c);
        c.doc = L->doc;
        c.pg = gr_doc_add_page(L->doc, sp->geom.width, sp->geom.height);
        L->page_no = (int)L->doc->npages;
        gr_progress(L->ctx, GR_TEXT(STAGE_LAYOUT), L->page_no);
        c.area_x = sp->geom.body.x;
        c.y = sp->geom.body.y;
        c.limit = sp->geom.body.y + sp->geom.body.h;
        c.at_top = 1;
        c.force = 1;
        c.note_bottom = c.limit;
        gr_dump_page(L, c.pg, sp->geom.body.x, sp->geom.body.y, sp->geom.body.w, sp->geom.body.h);
        res = gr_place_box(L, &c, box, resume, &next);
        place_notes(L, c.pg, &sp->geom.body);
        gr_page_shrink(c.pg);
        if (L->page_done) L->page_done(L->page_done_user, L->doc, c.pg);
        if (res == GR_PLACED_NONE && page_is_empty_start(&c)) {
            /* cannot happen by the progress rule; never loop */
            gr_error(L->ctx, L->tree->path, flow->line, GR_TEXT(LAYOUT_CANNOT_PROCEED_CONTENT_DOES));
            L->status = GR_EINPUT;
            break;
        }
        if (res == GR_PLACED_NONE) next = resume;
        resume = res == GR_PLACED_ALL ? NULL : next;
    } while (resume);
    sp->count = L->doc->npages - sp->first;
    gr_box_free_tree(box);
    while (L->nnote_bodies > first_note)
        gr_box_free_tree(L->note_bodies[--L->nnote_bodies]);
    gr_arena_reset(L->seq_arena);        /* kept for the next sequence */
    L->arena = pass_arena;
    return L->status;
}

static void free_ids(gr_idpage *ids, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) free((char *)ids[i].id);
    free(ids);
}

/* Read the id map back from the finished pages. The map owns its strings:
 * free it with free_ids. */
static gr_idpage *collect_ids(gr_doc *d, size_t *n)
{
    gr_idpage *ids = NULL;
    size_t cap = 0, i, j, k;
    *n = 0;
    for (i = 0; i < d->npages; i++) {
        gr_page *pg = d->pages[i];
        for (j = 0; j < pg->nitems; j++) {
            gr_dl_item *it = &pg->items[j];
            if (it->kind != GR_DL_DEST && it->kind != GR_DL_MARK) continue;
            for (k = 0; k < *n; k++)
                if (strcmp(ids[k].id, it->u.dest.id) == 0) break;
            if (k == *n) {
                ids = gr_grow(ids, &cap, *n + 1, sizeof *ids);
                ids[k].id = gr_strdup(it->u.dest.id);   /* outlives the doc */
                ids[k].first = ids[k].last = (int)i + 1;
                (*n)++;
            }
            if ((int)i + 1 > ids[k].last) ids[k].last = (int)i + 1;
        }
    }
    return ids;
}

/* Every flow and static content of a sequence names a region of its
 * master. */
static void check_flow_names_of(gr_lay *L, gr_fo_node *seq)
{
    gr_fo_node *m, *c;
    page_geom g;
    m = find_master(L->tree, seq->p->master_reference);
    if (!m) return;
    geometry(m, &g);
    for (c = seq->first; c; c = c->next) {
        const char *fn = c->p->flow_name;
        if ((c->type != GR_FO_FLOW && c->type != GR_FO_STATIC_CONTENT) || !fn) continue;
        if (strcmp(fn, g.body.name) == 0) continue;
        if (g.has_before && strcmp(fn, g.before.name) == 0) continue;
        if (g.has_after && strcmp(fn, g.after.name) == 0) continue;
        if (c->type == GR_FO_FLOW || strncmp(fn, "xsl-", 4) != 0) {
            gr_error(L->ctx, L->tree->path, c->line, GR_TEXT(LAYOUT_FLOW_NAME_MATCHES_REGION),
                     fn, seq->p->master_reference ? seq->p->master_reference : "");
            L->status = GR_EINPUT;
        }
    }
}

static void check_flow_names(gr_lay *L)
{
    gr_fo_node *seq;
    for (seq = L->tree->root->first; seq; seq = seq->next)
        if (seq->type == GR_FO_PAGE_SEQUENCE) check_flow_names_of(L, seq);
}

/* The sequences of one pass, in order, as they are laid out. */
typedef struct seq_feed {
    gr_lay *L;
    int streamed;              /* sequences come from gr_fo_parse_stream */
    seq_pages *v;
    size_t n, cap;
    int rc;                    /* the first sequence's failure, or GR_OK */
} seq_feed;

/* One page-sequence (gr_fo_seq_fn): laid out, its pages finished but for
 * static content. Non-zero: stop. */
static int on_sequence(void *user, gr_fo_tree *tree, gr_fo_node *seq)
{
    seq_feed *f = user;
    gr_lay *L = f->L;
    L->tree = tree;
    if (f->streamed) {          /* a whole tree is checked before pass 1 */
        check_flow_names_of(L, seq);
        if (L->status != GR_OK) {
            f->rc = L->status;
            return 1;
        }
    }
    f->v = gr_grow(f->v, &f->cap, f->n + 1, sizeof *f->v);
    memset(&f->v[f->n], 0, sizeof f->v[f->n]);
    f->rc = lay_sequence(L, seq, &f->v[f->n++]);
    return f->rc != GR_OK;
}

/* One pass over the document: the sequences of L->tree, or (src) those of
 * the FO source as it is parsed, whose tree is then *streamed_tree (the
 * caller frees it; NULL if the document had errors). */
static int lay_document(gr_lay *L, const gr_fo_source *src, gr_fo_tree **streamed_tree)
{
    gr_fo_node *seq;
    seq_feed f;
    seq_pages *sps;
    size_t nsp, i, p, nstatic_ids = 0, flow_nprev = 0;
    gr_idpage *static_ids = NULL;
    const gr_idpage *flow_prev = NULL;
    int rc = GR_OK;
    memset(&f, 0, sizeof f);
    f.L = L;
    f.streamed = src != NULL;
    if (src) {
        *streamed_tree = gr_fo_parse_stream(L->ctx, src, on_sequence, &f);
        if (*streamed_tree) L->tree = *streamed_tree;
        rc = f.rc != GR_OK ? f.rc : *streamed_tree ? GR_OK : GR_EINPUT;
    } else {
        for (seq = L->tree->root->first; seq; seq = seq->next)
            if (seq->type == GR_FO_PAGE_SEQUENCE && on_sequence(&f, L->tree, seq)) break;
        rc = f.rc;
    }
    sps = f.v;
    nsp = f.n;
    /* static content, now that every page exists: its citations (「共 M 頁」)
       read this pass's page numbers, so they never need a second pass */
    if (rc == GR_OK) {
        static_ids = collect_ids(L->doc, &nstatic_ids);
        flow_prev = L->prev;
        flow_nprev = L->nprev;
        L->prev = static_ids;
        L->nprev = nstatic_ids;
        L->in_static = 1;
    }
    for (i = 0; rc == GR_OK && i < nsp; i++) {
        page_geom *g = &sps[i].geom;
        gr_fo_node *sb = g->has_before ? static_for(sps[i].seq, g->before.name) : NULL;
        gr_fo_node *sa = g->has_after ? static_for(sps[i].seq, g->after.name) : NULL;
        for (p = sps[i].first; p < sps[i].first + sps[i].count; p++) {
            L->page_no = (int)p + 1;
            if (sb) place_static(L, L->doc->pages[p], &g->before, sb, "before");
            if (sa) place_static(L, L->doc->pages[p], &g->after, sa, "after");
        }
        rc = L->status;
    }
    if (L->in_static) {
        L->in_static = 0;
        L->prev = flow_prev;
        L->nprev = flow_nprev;
    }
    free_ids(static_ids, nstatic_ids);
    free(sps);
    return rc != GR_OK ? rc : L->status;
}

/* Text content of a node (bookmark titles), whitespace as the parser left it. */
static void node_text(const gr_fo_node *n, gr_buf *b)
{
    const gr_fo_node *c;
    if (n->type == GR_FO_TEXT) { gr_buf_add(b, n->text, n->text_len); return; }
    for (c = n->first; c; c = c->next) node_text(c, b);
}

/* fo:bookmark-tree -> the document outline (allocated in the doc's arena). */
static gr_outline *build_outline(gr_doc *d, const gr_fo_node *n)
{
    gr_outline *o;
    const gr_fo_node *c;
    size_t k = 0;
    if (!n) return NULL;
    o = gr_arena_alloc(d->arena, sizeof *o);
    o->open = !n->p->starting_state_hide;
    o->dest_id = n->p->internal_destination ?
                 gr_arena_strdup(d->arena, n->p->internal_destination) : NULL;
    for (c = n->first; c; c = c->next) {
        if (c->type == GR_FO_BOOKMARK_TITLE) {
            gr_buf b;
            gr_buf_init(&b);
            node_text(c, &b);
            o->title = gr_arena_strndup(d->arena, b.data ? (char *)b.data : "", b.len);
            gr_buf_free(&b);
        } else if (c->type == GR_FO_BOOKMARK) {
            o->nkids++;
        }
    }
    if (o->nkids) o->kids = gr_arena_alloc(d->arena, (size_t)o->nkids * sizeof *o->kids);
    for (c = n->first; c; c = c->next)
        if (c->type == GR_FO_BOOKMARK) o->kids[k++] = build_outline(d, c);
    return o;
}

int gr_layout(gr_ctx *ctx, gr_fo_tree *tree, gr_fontset *fs, gr_doc **out,
              gr_buf *dump)
{
    return gr_layout_pages(ctx, tree, fs, out, dump, NULL, NULL);
}

/* The layout of a parsed tree, or (src) of an FO source parsed as it is
 * laid out, a second time when the flow cites page numbers. */
static int layout_run(gr_ctx *ctx, gr_fo_tree *tree, const gr_fo_source *src,
                      gr_fontset *fs, gr_doc **out, gr_buf *dump,
                      gr_page_hook page_done, void *user)
{
    gr_lay L;
    gr_idpage *ids = NULL;
    gr_fo_tree *streamed = NULL;   /* the last pass's tree, when src */
    size_t nids = 0;
    int pass, rc = GR_OK;
    *out = NULL;
    memset(&L, 0, sizeof L);
    L.ctx = ctx;
    L.text_scale = 1;
    L.tree = tree;
    L.fs = fs;
    L.page_done = page_done;
    L.page_done_user = user;
    if (tree) {
        check_flow_names(&L);
        if (L.status != GR_OK)
            return L.status;
    }
    for (pass = 1; pass <= 2; pass++) {
        int warnings = ctx->nwarnings, quiet = ctx->quiet_warnings;
        L.doc = gr_doc_new();
        L.doc->page_arenas = page_done != NULL;
        L.arena = gr_arena_new();
        L.status = GR_OK;
        L.uses_citations = 0;
        L.prev = ids;
        L.nprev = nids;
        L.dump = dump;
        if (pass == 2) ctx->quiet_warnings = 1;   /* said once, in pass 1 */
        gr_fo_tree_free(streamed);                 /* the previous pass's */
        streamed = NULL;
        rc = lay_document(&L, src, &streamed);
        while (L.nnote_bodies > 0)
            gr_box_free_tree(L.note_bodies[--L.nnote_bodies]);
        ctx->quiet_warnings = quiet;
        if (pass == 2) ctx->nwarnings = warnings;
        gr_arena_free(L.arena);
        L.arena = NULL;
        if (rc != GR_OK || !L.uses_citations || pass == 2)
            break;
        free_ids(ids, nids);
        ids = collect_ids(L.doc, &nids);
        gr_doc_free(L.doc);
        L.doc = NULL;
    }
    if (L.quiet_sink) fclose(L.quiet_sink);
    L.quiet_sink = NULL;
    free_ids(ids, nids);
    free(L.note_bodies);
    gr_arena_free(L.seq_arena);
    if (rc != GR_OK) {
        gr_buf_free(&L.dump_line);
        gr_doc_free(L.doc);
        gr_fo_tree_free(streamed);
        return rc;
    }
    {
        size_t i;
        for (i = 0; i < L.doc->npages; i++) gr_page_shrink(L.doc->pages[i]);
    }
    rc = gr_images_finish(ctx, L.doc);   /* placed sizes known: resample (photo.c) */
    if (rc != GR_OK) {
        gr_buf_free(&L.dump_line);
        gr_doc_free(L.doc);
        gr_fo_tree_free(streamed);
        return rc;
    }
    if (dump) gr_dump_collect(L.doc, dump);
    gr_buf_free(&L.dump_line);
    tree = L.tree;
    L.doc->lang = tree->root->p->lang ? gr_arena_strdup(L.doc->arena, tree->root->p->lang) : NULL;
    L.doc->outline = build_outline(L.doc, find_child(tree->root, GR_FO_BOOKMARK_TREE));
    gr_fo_tree_free(streamed);
    *out = L.doc;
    return GR_OK;
}

int gr_layout_pages(gr_ctx *ctx, gr_fo_tree *tree, gr_fontset *fs, gr_doc **out,
                    gr_buf *dump, gr_page_hook page_done, void *user)
{
    return layout_run(ctx, tree, NULL, fs, out, dump, page_done, user);
}

int gr_layout_stream(gr_ctx *ctx, const gr_fo_source *src, gr_fontset *fs, gr_doc **out,
                     gr_buf *dump, gr_page_hook page_done, void *user)
{
    return layout_run(ctx, NULL, src, fs, out, dump, page_done, user);
}
