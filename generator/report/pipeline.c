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
    int rc, own = hold_findings(ctx);
    memset(r, 0, sizeof *r);
    r->path = path;
    gr_buf_init(&r->fo);
    gr_buf_init(&r->source);
    ctx->findings = &r->findings;
    gr_progress(ctx, GR_TEXT(STAGE_CHECKING), 0);
    rc = run_rest(ctx, r, o, data_to_fo(ctx, r, o));
    release_findings(ctx, &r->findings, 0, own);
    ctx->findings = saved;
    return rc;
}

int gr_report_run_doc(gr_ctx *ctx, const char *path, xmlDocPtr doc,
                      const gr_report_opts *o, gr_report *r)
{
    gr_findings *saved = ctx->findings;
    int rc, own = hold_findings(ctx);
    memset(r, 0, sizeof *r);
    r->path = path;
    r->doc = doc;
    gr_buf_init(&r->fo);
    gr_buf_init(&r->source);
    ctx->findings = &r->findings;
    rc = run_rest(ctx, r, o, doc ? doc_to_fo(ctx, r, o, 0) : GR_ESYS);
    release_findings(ctx, &r->findings, 0, own);
    ctx->findings = saved;
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
        if (r->fs) check_node(ctx, r, r->tree->root, o->data.allow_outside);
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
    assert(r->tree && r->status == GR_OK);
    ctx->findings = &r->findings;
    memset(&ts, 0, sizeof ts);
    rc = open_fonts(ctx, r, o);
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
