/* test_report.c — unit tests of the pipeline (generator/report/): the
 * findings of a run come back as a list (class, file, line, rule id,
 * source, message), not only printed; the status is the one failure
 * mapping; check's media pass and build's layout read the same FO tree.
 * Run from the source tree root (templates/, fonts/ and data/ are read).
 * Prints "N passed, M failed"; exits 1 on any failure. */
#include "../../generator/report/report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static const gr_finding *find_rule(const gr_report *r, const char *id)
{
    size_t i;
    for (i = 0; i < r->findings.n; i++)
        if (r->findings.v[i].rule && strcmp(r->findings.v[i].rule, id) == 0) return &r->findings.v[i];
    return NULL;
}

int main(void)
{
    gr_ctx ctx;
    gr_report_opts o;
    gr_report r;
    const gr_finding *f;
    const char *sample = "data/taipei/112/results.xml";
    int rc;

    gr_ctx_init(&ctx);
    ctx.print_off = 1;                  /* the list is the only output */
    memset(&o, 0, sizeof o);
    o.data.datadir = ".";
    o.data.cache = gr_domain_cache_new();
    o.fontdir = "fonts";
    o.check_media = 1;

    /* the sample: one warning (R24), status OK, the FO tree with data lines */
    rc = gr_report_run(&ctx, sample, &o, &r);
    CHECK(rc == GR_OK && r.status == GR_OK, "sample: status %d", rc);
    CHECK(r.doc != NULL, "sample: the enriched document is returned");
    CHECK(r.tree != NULL && strcmp(r.tree->path, sample) == 0,
          "sample: the FO tree names the data file (%s)", r.tree ? r.tree->path : "(none)");
    f = find_rule(&r, "R24");
    CHECK(f != NULL, "sample: R24 is in the findings list (%zu findings)", r.findings.n);
    if (f) {
        CHECK(f->cls == GR_CLASS_WARNING, "R24: class warning (%d)", (int)f->cls);
        CHECK(f->file && strcmp(f->file, sample) == 0, "R24: file %s", f->file ? f->file : "(null)");
        CHECK(f->line == 370, "R24: line 370 of the sample (%d)", f->line);
        CHECK(f->source_zh && strstr(f->source_zh, "112年表單 成果佐證") &&
              !strstr(f->source_zh, "004:L"),
              "R24: its source kept apart, in users' terms, no seed line (%s)",
              f->source_zh ? f->source_zh : "(null)");
        CHECK(f->msg_en && strstr(f->msg_en, "[R24"), "R24: the English message");
    }
    CHECK(ctx.nerrors == 0 && ctx.nwarnings + ctx.nunmet == (int)r.findings.n,
          "sample: every counted finding is listed (%d notes, %d unmet, %zu listed)",
          ctx.nwarnings, ctx.nunmet, r.findings.n);
    gr_report_free(&r);

    /* a missing file: an error finding with the file, status GR_EINPUT */
    rc = gr_report_run(&ctx, "tests/no-such-file.xml", &o, &r);
    CHECK(rc == GR_EINPUT, "missing file: GR_EINPUT (%d)", rc);
    CHECK(r.findings.n >= 1 && r.findings.v[0].cls == GR_CLASS_ERROR &&
          r.findings.v[0].file && strstr(r.findings.v[0].file, "no-such-file.xml"),
          "missing file: an error finding naming it");
    CHECK(r.doc == NULL && r.tree == NULL, "missing file: no document, no FO");
    gr_report_free(&r);

    /* a rule error (R22a, class 錯誤): its rule id and line, status
       GR_EINPUT; the template's own words on that item are not said twice */
    rc = gr_report_run(&ctx, "tests/fixtures/results/bad/item-not-in-form-112.xml", &o, &r);
    CHECK(rc == GR_EINPUT, "item-not-in-form: GR_EINPUT (%d)", rc);
    f = find_rule(&r, "R22a");
    CHECK(f && f->cls == GR_CLASS_ERROR && f->line == 186 && f->status == GR_EINPUT,
          "item-not-in-form: R22a is an error at line 186 (%d)", f ? f->line : -1);
    {
        size_t i, errors = 0;
        for (i = 0; i < r.findings.n; i++) errors += r.findings.v[i].cls == GR_CLASS_ERROR;
        CHECK(errors == 1, "item-not-in-form: one error, not repeated by the template (%zu)", errors);
    }
    gr_report_free(&r);

    /* a requirement not met (R22 in 113-edge) is not an error: the FO is
       built in build mode too */
    o.check_media = 0;
    o.want_tree = 1;
    rc = gr_report_run(&ctx, "tests/fixtures/results/113-edge.xml", &o, &r);
    f = find_rule(&r, "R22");
    CHECK(rc == GR_OK && f && f->cls != GR_CLASS_ERROR && f->line == 184 && r.tree != NULL,
          "113-edge, build mode: R22 at line 184 is listed, status OK, FO built");
    gr_report_free(&r);

    /* build mode stops before the template on data errors */
    rc = gr_report_run(&ctx, "tests/fixtures/results/bad/item-not-in-form-112.xml", &o, &r);
    CHECK(rc == GR_EINPUT && r.tree == NULL, "item-not-in-form, build mode: GR_EINPUT and no FO");
    gr_report_free(&r);

    gr_domain_cache_free(o.data.cache);
    return unit_done();
}
