/* city_table.c — what the verbs on a year folder share (city.h): the
 * folder's table (one row per missing roster unit and per file, with its
 * submission state and finding counts by class) that `check DIR` prints
 * and `serve DIR` shows; the output name of a folder's file (build DIR,
 * serve DIR); and `combine` from the scan to the written PDF (combine DIR,
 * serve DIR), so that the page and the command line give the same bytes. */
#include "city.h"
#include <assert.h>
#include <stdlib.h>
#include <string.h>

int gr_city_count(const gr_findings *f, gr_class k)
{
    size_t i;
    int n = 0;
    for (i = 0; i < f->n; i++) n += f->v[i].cls == k;
    return n;
}

const char *gr_city_sub_id(gr_city_sub s)
{
    switch (s) {
    case GR_CITY_SUB_MISSING: return "missing";
    case GR_CITY_SUB_PRESENT: return "present";
    case GR_CITY_SUB_WRONG_YEAR: return "wrong-year";
    case GR_CITY_SUB_DUPLICATE: return "duplicate";
    case GR_CITY_SUB_OFF_ROSTER: return "off-roster";
    case GR_CITY_SUB_UNREADABLE: return "unreadable";
    }
    return "?";
}

const char *gr_city_sub_zh(gr_city_sub s)
{
    switch (s) {
    case GR_CITY_SUB_MISSING: return "未提交";
    case GR_CITY_SUB_PRESENT: return "已提交";
    case GR_CITY_SUB_WRONG_YEAR: return "年度不符";
    case GR_CITY_SUB_DUPLICATE: return "重複提交";
    case GR_CITY_SUB_OFF_ROSTER: return "不在名冊";
    case GR_CITY_SUB_UNREADABLE: return "無法讀取";
    }
    return "?";
}

const char *gr_city_sub_en(gr_city_sub s)
{
    switch (s) {
    case GR_CITY_SUB_MISSING: return "missing";
    case GR_CITY_SUB_PRESENT: return "submitted";
    case GR_CITY_SUB_WRONG_YEAR: return "another year";
    case GR_CITY_SUB_DUPLICATE: return "duplicate";
    case GR_CITY_SUB_OFF_ROSTER: return "not on the roster";
    case GR_CITY_SUB_UNREADABLE: return "unreadable";
    }
    return "?";
}

static gr_city_sub sub_of(gr_city_state s)
{
    switch (s) {
    case GR_CITY_IN:
    case GR_CITY_ERROR: return GR_CITY_SUB_PRESENT;
    case GR_CITY_UNREADABLE: return GR_CITY_SUB_UNREADABLE;
    case GR_CITY_WRONG_YEAR: return GR_CITY_SUB_WRONG_YEAR;
    case GR_CITY_DUPLICATE: return GR_CITY_SUB_DUPLICATE;
    case GR_CITY_NOT_ON_ROSTER: return GR_CITY_SUB_OFF_ROSTER;
    }
    assert(0 && "a city state without a submission state");
    return GR_CITY_SUB_UNREADABLE;
}

/* roster order: by unit, a unit's missing row or files in path order;
   then the files of no unit in path order */
static int by_order(const void *a, const void *b)
{
    const gr_city_row *x = *(const gr_city_row *const *)a, *y = *(const gr_city_row *const *)b;
    long ux = x->unit >= 0 ? x->unit : 1L << 30, uy = y->unit >= 0 ? y->unit : 1L << 30;
    if (ux != uy) return ux < uy ? -1 : 1;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

void gr_city_table_make(const gr_city *c, gr_city_table *t)
{
    size_t i, k = 0;
    gr_city_row **sorted;
    memset(t, 0, sizeof *t);
    t->rows = gr_calloc(c->nunits + c->n + 1, sizeof *t->rows);
    for (i = 0; i < c->nunits; i++) {
        gr_city_row *r;
        if (c->units[i].any_file) continue;
        r = &t->rows[k++];
        r->unit = (int)i;
        r->entry = -1;
        r->name = c->units[i].short_name;
        r->sub = GR_CITY_SUB_MISSING;
        t->missing++;
    }
    for (i = 0; i < c->n; i++) {
        const gr_city_entry *e = &c->v[i];
        gr_city_row *r = &t->rows[k++];
        r->unit = e->named_unit;
        r->entry = (int)i;
        r->name = e->unit >= 0 ? c->units[e->unit].short_name : e->name ? e->name : "?";
        r->file = e->rel;
        r->sub = sub_of(e->state);
        r->errors = gr_city_count(&e->findings, GR_CLASS_ERROR);
        r->unmet = gr_city_count(&e->findings, GR_CLASS_UNMET);
        r->notes = gr_city_count(&e->findings, GR_CLASS_NOTE);
        t->errors += r->errors;
        t->unmet += r->unmet;
        t->notes += r->notes;
        t->in += e->state == GR_CITY_IN;
    }
    t->n = k;
    t->files = c->n;
    t->left_out = c->n - t->in;
    t->errors += gr_city_count(&c->office_findings, GR_CLASS_ERROR);
    sorted = gr_calloc(t->n + 1, sizeof *sorted);
    for (i = 0; i < t->n; i++) sorted[i] = &t->rows[i];
    qsort(sorted, t->n, sizeof *sorted, by_order);
    for (i = 0; i < t->n; i++) sorted[i]->order = i;
    free(sorted);
}

void gr_city_table_free(gr_city_table *t)
{
    if (!t) return;
    free(t->rows);
    memset(t, 0, sizeof *t);
}

int gr_city_check(gr_ctx *ctx, const char *dir, const char *previous, const gr_report_opts *o,
                  gr_city *c, gr_city_table *t)
{
    int rc = gr_city_scan_previous(ctx, dir, previous, o, c);
    memset(t, 0, sizeof *t);
    if (rc != GR_OK) return rc;
    gr_city_table_make(c, t);
    return GR_OK;
}

char *gr_city_pdf_name(const char *outdir, const char *rel)
{
    const char *slash = strchr(rel, '/'), *dot = strrchr(rel, '.');
    size_t n = slash ? (size_t)(slash - rel) : dot ? (size_t)(dot - rel) : strlen(rel);
    char *name = gr_malloc(n + 5), *out;
    memcpy(name, rel, n);
    memcpy(name + n, ".pdf", 5);
    out = gr_path_join(outdir, name);
    free(name);
    return out;
}

int gr_city_combine(gr_ctx *ctx, const char *dir, gr_report_opts *o,
                    const gr_city_combine_opts *co, gr_city *c)
{
    gr_report r;
    xmlDocPtr doc;
    int rc;
    assert(co->out);
    /* agencies: enriched, names in full, so that the city document is
       masked once, as a whole, annex messages included */
    o->data_only = 1;
    o->data.internal = 1;
    o->check_media = 0;
    if (co->quiet_scan) ctx->print_off = 1;     /* recorded; the caller sums them up */
    rc = gr_city_scan_previous(ctx, dir, co->previous, o, c);
    if (co->quiet_scan) ctx->print_off = 0;
    if (rc == GR_OK && co->after_scan) co->after_scan(ctx, c, o, co->user);
    if (rc == GR_OK) rc = c->status;               /* an invalid office file */
    if (rc == GR_OK && co->csv) rc = gr_city_csv(ctx, c, co->csv);
    if (rc == GR_OK) {
        doc = gr_city_document(ctx, c);
        o->data_only = 0;
        o->data.internal = co->internal;
        o->enriched = co->enriched;
        o->want_fo_text = co->fo != NULL;
        o->want_tree = 1;
        rc = gr_report_run_doc(ctx, c->office ? c->office : dir, doc, o, &r);
        if (rc == GR_OK && co->fo)
            rc = gr_write_file_atomic(ctx, co->fo, r.fo.data ? (void *)r.fo.data : "", r.fo.len);
        if (rc == GR_OK) rc = gr_report_pdf(ctx, &r, o, co->out);
        gr_report_free(&r);
    }
    o->data_only = 0;
    o->enriched = NULL;
    o->want_fo_text = 0;
    return rc;
}
