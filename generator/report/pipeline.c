/* pipeline.c — the one pipeline of report.h: every verb that turns a data
 * file into findings, FO or PDF goes through gr_report_run, so `check`
 * does everything `build` does short of layout, and both map failures to
 * exit codes the same way. Owns the order of the stages and the status of
 * a run; each stage (domain/, fo/, graphics/, text/, layout/, pdf/) owns
 * its own work and messages. */
#include "archive.h"
#include "report.h"
#include "provenance.h"
#include "typeset.h"
#include "../graphics/graphics.h"
#include "../layout/layout.h"
#include "../pdf/pdf.h"
#include "../text/para.h"
#include "../util/msg.h"
#include <assert.h>
#include <unicode/uchar.h>
#include <stdlib.h>
#include <string.h>

/* The worst of two statuses. */
static int worst(int a, int b)
{
    return a > b ? a : b;
}

/* The status the findings since `from` call for: errors of the data
 * GR_EINPUT, system/template/font errors GR_ESYS. */
static int findings_status(const gr_findings *f, size_t from)
{
    int st = GR_OK;
    size_t i;
    for (i = from; i < f->n; i++)
        if (f->v[i].cls == GR_CLASS_ERROR) st = worst(st, f->v[i].status ? f->v[i].status : GR_EINPUT);
    return st;
}

/* ---- the media check: images and characters, as layout would meet them */

static void check_text(gr_ctx *ctx, gr_report *r, const gr_fo_node *n)
{
    const gr_fo_props *p = n->p;
    gr_fontchain *ch;
    ch = gr_fontset_chain(r->fs, p->font_family ? p->font_family : "serif", p->font_weight,
                          r->tree->path, n->line);
    if (ch) gr_chain_check_text(ctx, ch, n->text, n->text_len, r->tree->path, n->line);
}

static void check_node(gr_ctx *ctx, gr_report *r, const gr_fo_node *n, int allow_outside)
{
    const gr_fo_node *c;
    if (n->type == GR_FO_TEXT) {
        check_text(ctx, r, n);
        return;
    }
    if (n->type == GR_FO_EXTERNAL_GRAPHIC || n->type == GR_FO_INSTREAM_FOREIGN_OBJECT) {
        /* the very functions layout calls; a throwaway document per graphic
           keeps only one decoded image in memory at a time */
        gr_doc *doc = gr_doc_new();
        if (n->type == GR_FO_EXTERNAL_GRAPHIC)
            gr_graphic_external(ctx, doc, r->tree, n, 1e9, allow_outside);
        else
            gr_graphic_svg(ctx, doc, r->fs, r->tree, n, 1e9);
        gr_doc_free(doc);
        return;
    }
    for (c = n->first; c; c = c->next) check_node(ctx, r, c, allow_outside);
}

/* ---- declared names' characters, in the fonts that print them -------------
 * The public edition's FO holds masked names (林○ for 林𫝀), so the media
 * check and layout never meet a character the internal edition prints as a
 * box. The names are taken before masking with their data lines; each is
 * checked against the font chain of the FO text printed from its line (the
 * template's own choice of fonts), without laying anything out. */

static void add_name_use(void *arg, int line, const char *name, const char *masked)
{
    gr_report *r = arg;
    r->name_uses.v = gr_grow(r->name_uses.v, &r->name_uses.cap, r->name_uses.n + 1,
                             sizeof *r->name_uses.v);
    r->name_uses.v[r->name_uses.n].line = line;
    r->name_uses.v[r->name_uses.n].name = gr_strdup(name);
    r->name_uses.v[r->name_uses.n].masked = gr_strdup(masked);
    r->name_uses.n++;
}

static int by_line(const void *a, const void *b)
{
    const struct gr_name_use_at *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

static void take_name_uses(gr_report *r)
{
    gr_data_name_uses(r->doc, add_name_use, r);
    if (r->name_uses.n > 1)
        qsort(r->name_uses.v, r->name_uses.n, sizeof *r->name_uses.v, by_line);
}

/* A character drawn with the one before it (combining marks, variation
 * selectors, joiners): not a character of its own in a name. */
static int drawn_with_previous(uint32_t cp)
{
    int8_t t = u_charType((UChar32)cp);
    return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK
        || t == U_FORMAT_CHAR || u_hasBinaryProperty((UChar32)cp, UCHAR_VARIATION_SELECTOR);
}

/* The characters of u's name that chain ch lacks: bit k for character k
 * (the first 31 characters of a name; a name is shorter). */
static unsigned lacking(const gr_fontchain *ch, const struct gr_name_use_at *u)
{
    size_t i = 0, len = strlen(u->name);
    unsigned bits = 0;
    int pos = 0;
    while (i < len && pos < 31) {
        uint32_t cp;
        int k = gr_utf8_decode(u->name + i, len - i, &cp);
        i += (size_t)(k > 0 ? k : 1);
        if (cp == ' ' || drawn_with_previous(cp)) continue;
        if (!gr_chain_face_for(ch, cp, 0) && !gr_chain_face_for(ch, cp, 1)) bits |= 1u << pos;
        pos++;
    }
    return bits;
}

/* Say which characters of u's name ch lacks, at u's line, once per line
 * and character; `at` is the line of the FO text printing it (where layout
 * would say it: the record's element, 聯絡人 for its 姓名), kept quiet. */
static void say_name(gr_ctx *ctx, gr_report *r, const gr_fontchain *ch,
                     const struct gr_name_use_at *u, unsigned bits, int at)
{
    size_t i = 0, len = strlen(u->name);
    int pos = 0;
    while (i < len && pos < 31) {
        uint32_t cp;
        char shown[8];
        int k = gr_utf8_decode(u->name + i, len - i, &cp), first;
        i += (size_t)(k > 0 ? k : 1);
        if (cp == ' ' || drawn_with_previous(cp)) continue;
        if (!(bits & (1u << pos++))) continue;
        first = gr_glyph_first_time(ctx, u->line, cp);
        gr_glyph_first_time(ctx, at, cp);
        if (!first) continue;
        shown[gr_utf8_encode(cp, shown)] = 0;
        if (strstr(u->masked, shown))                  /* kept by the mask too */
            gr_warn(ctx, r->tree->path, u->line, GR_TEXT(REPORT_NAME_GLYPH_PRINTED),
                    u->name, pos, ch->nfaces ? ch->faces[0]->family : "?", u->masked);
        else
            gr_warn(ctx, r->tree->path, u->line, GR_TEXT(REPORT_NAME_GLYPH_MASKED),
                    u->name, pos, ch->nfaces ? ch->faces[0]->family : "?", u->masked);
    }
}

static int contains(const char *s, size_t len, const char *w)
{
    size_t n = strlen(w), i;
    for (i = 0; n && i + n <= len; i++)
        if (s[i] == w[0] && memcmp(s + i, w, n) == 0) return 1;
    return 0;
}

/* Per font chain met in the FO, the names (indices into r->name_uses, by
 * line) with a character the chain lacks: almost always none. */
typedef struct name_walk {
    struct { const gr_fontchain *ch; size_t *idx; unsigned *bits; size_t n; } c[8];
    int nc;
    const char *family;                   /* the last text's, and its chain */
    int weight;
    const gr_fontchain *last;
} name_walk;

static int chain_slot(name_walk *w, gr_report *r, const gr_fontchain *ch)
{
    int k;
    size_t i;
    for (k = 0; k < w->nc; k++) if (w->c[k].ch == ch) return k;
    if (w->nc == (int)(sizeof w->c / sizeof w->c[0])) return -1;
    k = w->nc++;
    w->c[k].ch = ch;
    w->c[k].idx = gr_calloc(r->name_uses.n, sizeof *w->c[k].idx);
    w->c[k].bits = gr_calloc(r->name_uses.n, sizeof *w->c[k].bits);
    w->c[k].n = 0;
    for (i = 0; i < r->name_uses.n; i++) {
        unsigned b = lacking(ch, &r->name_uses.v[i]);
        if (!b) continue;
        w->c[k].idx[w->c[k].n] = i;
        w->c[k].bits[w->c[k].n++] = b;
    }
    return k;
}

/* An FO text printed from data line L shows the names of the element at L
 * and inside it: a name it holds (as printed: masked or in full) is the
 * nearest use of that name at L or after. */
static void check_name_node(gr_ctx *ctx, gr_report *r, name_walk *w, const gr_fo_node *n)
{
    const gr_fo_node *c;
    if (n->type == GR_FO_TEXT && n->line > 0 && n->text_len) {
        const char *fam = n->p->font_family ? n->p->font_family : "serif";
        size_t j, k2;
        int k;
        if (!w->last || strcmp(fam, w->family) != 0 || n->p->font_weight != w->weight) {
            w->last = gr_fontset_chain(r->fs, fam, n->p->font_weight, r->tree->path, n->line);
            w->family = fam;
            w->weight = n->p->font_weight;
        }
        if (!w->last || (k = chain_slot(w, r, w->last)) < 0) return;
        for (j = 0; j < w->c[k].n; j++) {
            const struct gr_name_use_at *u = &r->name_uses.v[w->c[k].idx[j]];
            int nearest = 1;
            if (u->line < n->line) continue;
            if (!contains(n->text, n->text_len, u->masked) && !contains(n->text, n->text_len, u->name))
                continue;
            for (k2 = 0; k2 < j && nearest; k2++) {          /* the same name nearer */
                const struct gr_name_use_at *v = &r->name_uses.v[w->c[k].idx[k2]];
                nearest = v->line < n->line || strcmp(v->name, u->name) != 0;
            }
            if (nearest) say_name(ctx, r, w->last, u, w->c[k].bits[j], n->line);
        }
        return;
    }
    for (c = n->first; c; c = c->next) check_name_node(ctx, r, w, c);
}

static void check_name_glyphs(gr_ctx *ctx, gr_report *r)
{
    name_walk w;
    int k;
    if (!r->tree || !r->fs || !r->name_uses.n) return;
    memset(&w, 0, sizeof w);
    check_name_node(ctx, r, &w, r->tree->root);
    for (k = 0; k < w.nc; k++) {
        free(w.c[k].idx);
        free(w.c[k].bits);
    }
}

static int open_fonts(gr_ctx *ctx, gr_report *r, const gr_report_opts *o)
{
    if (r->fs) return GR_OK;
    if (o->fonts) {
        r->fs = o->fonts;
        return GR_OK;
    }
    r->fs = gr_fontset_new(ctx, o->fontdir);
    r->own_fs = r->fs != NULL;
    return r->fs ? GR_OK : GR_ESYS;
}

/* ---- the pipeline ----------------------------------------------------- */

/* Comments are not published (the form prints none): the public edition
 * drops them, names and all. */
static void drop_comments(xmlNodePtr n)
{
    while (n) {
        xmlNodePtr next = n->next;
        if (n->type == XML_COMMENT_NODE) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        } else if (n->children) {
            drop_comments(n->children);
        }
        n = next;
    }
}

/* The data as this edition publishes it, before anything is added: in the
 * public edition names masked (attribute values and file names too) and
 * comments dropped; r->names keeps the declared names for the file names
 * the provenance records (report/provenance.c). */
static void keep_source(gr_report *r, int internal)
{
    xmlDocPtr copy = xmlCopyDoc(r->doc, 1);
    xmlChar *mem = NULL;
    int len = 0;
    if (!copy) return;
    if (!internal) {
        r->names = gr_name_mask_new(r->doc);
        gr_data_mask_attributes(copy);
        gr_data_mask_names(copy);
        gr_data_mark_masked(copy);
        drop_comments(copy->children);
    }
    xmlDocDumpMemoryEnc(copy, &mem, &len, "UTF-8");
    if (mem && len > 0) gr_buf_add(&r->source, mem, (size_t)len);
    xmlFree(mem);
    xmlFreeDoc(copy);
}

/* Loaded document (r->doc) → FO text (and title). Returns the stages' own
 * status. */
static int doc_to_fo(gr_ctx *ctx, gr_report *r, const gr_report_opts *o, int from_file)
{
    const gr_data_opts *d = &o->data;
    int rc, rc2;
    if (!o->data_only) keep_source(r, d->internal);
    rc = gr_data_compute(ctx, r->doc, r->path, d);
    rc = worst(rc, gr_data_compute_declared(ctx, r->doc, r->path, d));
    rc = worst(rc, gr_data_check_rules(ctx, r->doc, r->path, d));
    /* names in running text: warnings only, about the user's own file (an
       assembled document's parts were checked in their own runs) */
    if (from_file) gr_data_check_names(ctx, r->doc, r->path);
    if (o->data_only) {
        if (rc == GR_OK && o->enriched) rc = gr_data_write(ctx, r->doc, o->enriched);
        if (!d->internal) gr_data_mask_names(r->doc);
        return rc;
    }
    rc2 = gr_data_check_form(ctx, r->doc, r->path, d);
    if (rc2 != GR_OK) return worst(rc, rc2);            /* no form: nothing to transform */
    if (rc == GR_OK && o->enriched) rc = gr_data_write(ctx, r->doc, o->enriched);
    if (rc == GR_ESYS || (rc != GR_OK && !o->check_media)) return rc;
    /* (the user's own file: an assembled document's names were checked in
       their agencies' runs, and its lines are not one file's) */
    if (from_file) take_name_uses(r);
    gr_data_print_names(r->doc, !d->internal);
    gr_data_mark_lines(r->doc);
    if (rc != GR_OK) {
        /* check goes on past data errors to find image and font problems
           too; what the template says about data already reported wrong
           (an item the form lacks…) is a consequence: not said twice */
        gr_ctx quiet;
        gr_ctx_init(&quiet);
        quiet.lang = ctx->lang;
        quiet.print_off = 1;
        if (gr_form_transform(&quiet, r->doc, r->path, d, &r->fo, &r->title) != GR_OK) {
            gr_buf_free(&r->fo);
            gr_buf_init(&r->fo);
        }
        return rc;
    }
    return gr_form_transform(ctx, r->doc, r->path, d, &r->fo, &r->title);
}

/* A stage's findings are printed together at its end, in the one order
 * (gr_findings_sort: 錯誤, 未達規定, 提醒, each by line). Unless a caller
 * holds them already (build prints the data's and the layout's together),
 * the stage that took the hold prints them. */
static int hold_findings(gr_ctx *ctx)
{
    return ctx->hold++ == 0;
}

static void release_findings(gr_ctx *ctx, gr_findings *f, size_t from, int own)
{
    ctx->hold--;
    gr_findings_sort(f, from);
    if (own && !ctx->print_off) gr_findings_print(ctx, f, from);
}

/* Data file → FO text: load and validate, then the rest. */
static int data_to_fo(gr_ctx *ctx, gr_report *r, const gr_report_opts *o)
{
    if (gr_is_pdf_file(r->path)) {
        /* a report carrying its data (--embed-source): its files unpacked
           into a private folder, the run then reads them as it would the
           extracted folder (report/archive.c) */
        int rc = gr_archive_unpack_temp(ctx, r->path, &r->unpacked, &r->unpacked_data,
                                        &r->unpacked_report);
        if (rc != GR_OK) return rc;
        /* messages name REPORT.pdf/DATA.xml, the report as the user named
           it, never the private folder */
        r->shown_as = r->path;
        r->shown_ctx = ctx;
        ctx->shown_from = r->unpacked_report;
        ctx->shown_as = r->shown_as;
        r->path = r->unpacked_data;
    }
    r->doc = gr_data_load(ctx, r->path, &o->data);
    if (!r->doc) return ctx->nerrors ? GR_EINPUT : GR_ESYS;
    return doc_to_fo(ctx, r, o, 1);
}

/* From FO text on: the tree, the media check, the run's status. */
static int run_rest(gr_ctx *ctx, gr_report *r, const gr_report_opts *o, int rc);

int gr_report_run(gr_ctx *ctx, const char *path, const gr_report_opts *o, gr_report *r)
{
    gr_findings *saved = ctx->findings;
    gr_glyphs_said *saved_glyphs = ctx->glyphs_said;
    int rc, own = hold_findings(ctx);
    memset(r, 0, sizeof *r);
    r->path = path;
    gr_buf_init(&r->fo);
    gr_buf_init(&r->source);
    ctx->findings = &r->findings;
    ctx->glyphs_said = &r->glyphs_said;
    gr_progress(ctx, GR_TEXT(STAGE_CHECKING), 0);
    rc = run_rest(ctx, r, o, data_to_fo(ctx, r, o));
    release_findings(ctx, &r->findings, 0, own);
    ctx->findings = saved;
    ctx->glyphs_said = saved_glyphs;
    return rc;
}

int gr_report_run_doc(gr_ctx *ctx, const char *path, xmlDocPtr doc,
                      const gr_report_opts *o, gr_report *r)
{
    gr_findings *saved = ctx->findings;
    gr_glyphs_said *saved_glyphs = ctx->glyphs_said;
    int rc, own = hold_findings(ctx);
    memset(r, 0, sizeof *r);
    r->path = path;
    r->doc = doc;
    gr_buf_init(&r->fo);
    gr_buf_init(&r->source);
    ctx->findings = &r->findings;
    ctx->glyphs_said = &r->glyphs_said;
    rc = run_rest(ctx, r, o, doc ? doc_to_fo(ctx, r, o, 0) : GR_ESYS);
    release_findings(ctx, &r->findings, 0, own);
    ctx->findings = saved;
    ctx->glyphs_said = saved_glyphs;
    return rc;
}

static int run_rest(gr_ctx *ctx, gr_report *r, const gr_report_opts *o, int rc)
{
    const char *path = r->path;
    if (rc == GR_OK && !r->fo.len && !o->data_only)
        rc = gr_syserror(ctx, path, 0, GR_TEXT(REPORT_FORM_TEMPLATE_PRODUCED_NOTHING));
    if (rc != GR_ESYS && r->fo.len && (o->want_tree || o->check_media)) {
        char *dir = gr_dirname(path);
        r->tree = gr_fo_parse_mapped(ctx, path, (const char *)r->fo.data, r->fo.len);
        if (!r->tree) rc = worst(rc, GR_ESYS);          /* the template wrote bad FO */
        else {
            r->tree->base_dir = gr_arena_strdup(r->tree->arena, dir);   /* images beside the data */
            r->tree->allow_outside = o->data.allow_outside;
        }
        free(dir);
    }
    if (r->tree && o->check_media && rc != GR_ESYS) {
        rc = worst(rc, open_fonts(ctx, r, o));
        if (r->fs) {
            check_name_glyphs(ctx, r);       /* before the media check: said once */
            check_node(ctx, r, r->tree->root, o->data.allow_outside);
        }
    }
    if (!o->want_fo_text && r->tree) {
        gr_buf_free(&r->fo);
        gr_buf_init(&r->fo);
    }
    r->status = worst(rc, findings_status(&r->findings, 0));
    return r->status;
}

int gr_report_pdf(gr_ctx *ctx, gr_report *r, const gr_report_opts *o, const char *out)
{
    gr_findings *saved = ctx->findings;
    size_t from = r->findings.n;
    gr_typeset ts;
    gr_provenance prov;
    gr_sources src;
    gr_pdf_opts po;
    int rc, own = hold_findings(ctx);
    gr_glyphs_said *saved_glyphs = ctx->glyphs_said;
    assert(r->tree && r->status == GR_OK);
    ctx->findings = &r->findings;
    ctx->glyphs_said = &r->glyphs_said;
    memset(&ts, 0, sizeof ts);
    rc = open_fonts(ctx, r, o);
    if (rc == GR_OK) check_name_glyphs(ctx, r);
    if (rc == GR_OK) rc = gr_typeset_layout(ctx, r->tree, NULL, r->fs, o->dump, &ts);
    rc = worst(rc, findings_status(&r->findings, from));
    if (rc == GR_OK) {
        gr_doc *doc = ts.doc;
        gr_fo_tree_free(r->tree);  /* the laid-out doc needs nothing of it */
        r->tree = NULL;
        doc->title = r->title ? gr_arena_strdup(doc->arena, r->title) : NULL;
        r->pages = doc->npages;
        gr_report_provenance(ctx, r, o, doc, &prov);
        memset(&po, 0, sizeof po);
        memset(&src, 0, sizeof src);
        po.props = prov.v;
        po.nprops = prov.n;
        if (o->embed_source) {
            rc = gr_report_sources(ctx, r, o, doc, &src);
            po.attach = src.v;
            po.nattach = src.n;
            po.moddate = src.moddate[0] ? src.moddate : NULL;
        }
        if (rc == GR_OK) rc = gr_typeset_write(ctx, &ts, r->fs, &po, out);
        gr_report_sources_free(&src);
        gr_report_provenance_free(&prov);
        rc = worst(rc, findings_status(&r->findings, from));
    }
    gr_typeset_free(&ts);
    release_findings(ctx, &r->findings, from, own);
    ctx->findings = saved;
    ctx->glyphs_said = saved_glyphs;
    r->status = worst(r->status, rc);
    return r->status;
}

void gr_report_free(gr_report *r)
{
    if (!r) return;
    if (r->doc) xmlFreeDoc(r->doc);
    gr_findings_free(&r->findings);
    gr_buf_free(&r->fo);
    gr_buf_free(&r->source);
    gr_name_mask_free(r->names);
    for (size_t i = 0; i < r->name_uses.n; i++) {
        free(r->name_uses.v[i].name);
        free(r->name_uses.v[i].masked);
    }
    free(r->name_uses.v);
    free(r->glyphs_said.v);
    if (r->shown_ctx && r->shown_ctx->shown_from == r->unpacked_report)
        r->shown_ctx->shown_from = r->shown_ctx->shown_as = NULL;
    gr_archive_remove_temp(r->unpacked);
    free(r->unpacked_data);
    free(r->unpacked_report);
    free(r->title);
    gr_fo_tree_free(r->tree);
    if (r->own_fs) gr_fontset_free(r->fs);
    memset(r, 0, sizeof *r);
}
