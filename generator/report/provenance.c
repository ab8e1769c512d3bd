/* provenance.c — what made a report, as the facts the PDF records in its
 * Info dictionary and XMP (docs/archival.md): the agency, year, form folder,
 * rule file, edition, SHA-256 of the data as this edition publishes it and
 * of each image file, the program's version and commit, and the run-time
 * versions of the libraries that decide the bytes. The PDF writer adds the
 * fonts it embedded. Owns nothing after gr_report_provenance_free. */
#include "provenance.h"
#include <hb.h>
#include <hpdf.h>
#include <libdeflate.h>
#include <libxml/xmlversion.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltconfig.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uversion.h>

static void add(gr_provenance *p, const char *name, const char *desc, const char *value)
{
    gr_pdf_prop *q;
    assert(p->n < GR_PROV_MAX);
    q = &p->v[p->n++];
    q->name = name;
    q->desc = desc;
    q->value = gr_arena_strdup(p->arena, value ? value : "");
}

/* libxml2 and libxslt say their version as one number: 21004 -> 2.10.4 */
static void dotted(char *out, size_t n, long v)
{
    snprintf(out, n, "%ld.%ld.%ld", v / 10000, v / 100 % 100, v % 100);
}

/* The data folder's file `name` (as the data wrote it), hashed; "?" when
 * it cannot be read (layout has read it already, so this is a race). */
static void hash_file(gr_ctx *ctx, const char *dir, const char *name, gr_buf *out)
{
    char *path = name[0] == '/' ? gr_strdup(name) : gr_path_join(dir, name);
    char *data = NULL, hex[65];
    size_t len = 0;
    if (gr_read_file(ctx, path, &data, &len) == GR_OK) gr_sha256_hex(data, len, hex);
    else strcpy(hex, "?");
    gr_buf_printf(out, "%s sha256:%s", name, hex);
    free(data);
    free(path);
}

void gr_report_provenance(gr_ctx *ctx, const gr_report *r, const gr_report_opts *o,
                          const gr_doc *doc, gr_provenance *p)
{
    char *agency = gr_data_agency(r->doc);
    char *form = gr_data_form_name(ctx, r->doc, &o->data);
    char *rules = gr_data_rules_period(ctx, r->doc, &o->data);
    char *dir = gr_dirname(r->path);
    char hex[65], tmp[64], year[32];
    UVersionInfo icu;
    gr_buf b;
    size_t i;

    memset(p, 0, sizeof *p);
    p->arena = gr_arena_new();
    snprintf(year, sizeof year, "%d", gr_data_year(r->doc));
    add(p, "Agency", "the agency's full name (機關/全銜)", agency);
    add(p, "Year", "the ROC year of the data (年度)", year);
    add(p, "FormVersion", "the form template folder that printed it (templates/results/…)", form);
    add(p, "RulesPeriod", "the rule file in force (templates/rules/…)", rules);
    add(p, "Edition", "public (names masked) or internal (names in full)",
        o->data.internal ? "internal" : "public");
    gr_sha256_hex(r->source.data, r->source.len, hex);
    add(p, "DataSHA256",
        "SHA-256 of the data as this edition publishes it: the data file parsed and "
        "serialised as UTF-8, names masked in the public edition", hex);
    gr_buf_init(&b);
    for (i = 0; i < doc->nimages; i++) {
        if (!doc->images[i]->name) continue;
        if (b.len) gr_buf_adds(&b, " | ");
        hash_file(ctx, dir, doc->images[i]->name, &b);
    }
    add(p, "Images", "each image file as the data names it and its SHA-256, joined by ' | '; "
        "none when there is no image", b.len ? gr_buf_cstr(&b) : "none");
    gr_buf_free(&b);
    add(p, "ProgramVersion", "the gereport version", gr_version());
    add(p, "ProgramCommit", "the git commit gereport was built from", gr_commit());
    add(p, "HarfBuzzVersion", "HarfBuzz at run time", hb_version_string());
    u_getVersion(icu);
    u_versionToString(icu, tmp);
    add(p, "ICUVersion", "ICU at run time", tmp);
    add(p, "LibharuVersion", "libharu at run time", HPDF_GetVersion());
    dotted(tmp, sizeof tmp, atol(xmlParserVersion));
    add(p, "Libxml2Version", "libxml2 at run time", tmp);
    dotted(tmp, sizeof tmp, xsltLibxsltVersion);
    add(p, "LibxsltVersion", "libxslt at run time", tmp);
    add(p, "LibdeflateVersion", "libdeflate at build time (it has no run-time version call)",
        LIBDEFLATE_VERSION_STRING);
    free(agency);
    free(form);
    free(rules);
    free(dir);
}

void gr_report_provenance_free(gr_provenance *p)
{
    gr_arena_free(p->arena);
    memset(p, 0, sizeof *p);
}
