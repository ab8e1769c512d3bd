/* provenance.c — what made a report, as the facts the PDF records in its
 * Info dictionary and XMP (docs/archival.md): the agency, year, form folder,
 * rule file, edition, SHA-256 of the data as this edition publishes it and
 * of each image file, the program's version and commit, and the run-time
 * versions of the libraries that decide the bytes. The PDF writer adds the
 * fonts it embedded. Owns nothing after gr_report_provenance_free. */
#include "../util/msg.h"
#include "provenance.h"
#include "city.h"
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

/* The data folder's file `name` (as the data wrote it), hashed, recorded
 * as `shown` (masked in the public edition); "?" when it cannot be read
 * (layout has read it already, so this is a race). */
static void hash_file(gr_ctx *ctx, const char *dir, const char *name, const char *shown,
                      gr_buf *out)
{
    char *path = name[0] == '/' ? gr_strdup(name) : gr_path_join(dir, name);
    char *data = NULL, hex[65];
    size_t len = 0;
    if (gr_read_file(ctx, path, &data, &len) == GR_OK) gr_sha256_hex(data, len, hex);
    else strcpy(hex, "?");
    gr_buf_printf(out, "%s sha256:%s", shown, hex);
    free(data);
    free(path);
}

size_t gr_report_runtime(gr_pdf_prop *v)
{
    static char icu_s[U_MAX_VERSION_STRING_LENGTH], xml_s[32], xslt_s[32];
    UVersionInfo icu;
    size_t n = 0;
    u_getVersion(icu);
    u_versionToString(icu, icu_s);
    dotted(xml_s, sizeof xml_s, atol(xmlParserVersion));
    dotted(xslt_s, sizeof xslt_s, gr_xslt_version());   /* domain/xslt_dl.c */
#define RT(nm, d, val) (v[n].name = (nm), v[n].desc = (d), v[n].value = (val), n++)
    RT("ProgramVersion", "the gereport version", gr_version());
    RT("ProgramCommit", "the git commit gereport was built from", gr_commit());
    RT("HarfBuzzVersion", "HarfBuzz at run time", hb_version_string());
    RT("ICUVersion", "ICU at run time", icu_s);
    RT("LibharuVersion", "libharu at run time", HPDF_GetVersion());
    RT("Libxml2Version", "libxml2 at run time", xml_s);
    RT("LibxsltVersion", "libxslt at run time", xslt_s);
    RT("LibdeflateVersion", "libdeflate at build time (it has no run-time version call)",
       LIBDEFLATE_VERSION_STRING);
#undef RT
    assert(n <= GR_REPORT_RUNTIME_MAX);
    return n;
}

void gr_report_provenance(gr_ctx *ctx, const gr_report *r, const gr_report_opts *o,
                          const gr_doc *doc, gr_provenance *p)
{
    char *agency = gr_data_agency(r->doc);
    char *form = gr_data_form_name(ctx, r->doc, &o->data);
    char *rules = gr_data_rules_period(ctx, r->doc, &o->data);
    char *dir = gr_dirname(r->path);
    char *issuer = gr_city_issuer(r->doc), *period = gr_city_rules_period(r->doc);
    char hex[65], year[32];
    gr_pdf_prop now[GR_REPORT_RUNTIME_MAX];
    gr_buf b;
    size_t i, n;

    memset(p, 0, sizeof *p);
    p->arena = gr_arena_new();
    /* the combined city report (city.h): its issuer, and the rule file its
       agencies were checked against (it has no rule file of its own) */
    if (issuer) { free(agency); agency = issuer; }
    if (period && !rules) { rules = period; period = NULL; }
    free(period);
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
        char *shown;
        if (!doc->images[i]->name) continue;
        if (b.len) gr_buf_adds(&b, " | ");
        shown = gr_name_mask_apply(r->names, doc->images[i]->name);
        hash_file(ctx, dir, doc->images[i]->name, shown, &b);
        free(shown);
    }
    add(p, "Images", "each image file as the data names it (declared names masked in the "
        "public edition) and its SHA-256, joined by ' | '; none when there is no image",
        b.len ? gr_buf_cstr(&b) : "none");
    gr_buf_free(&b);
    n = gr_report_runtime(now);
    for (i = 0; i < n; i++) add(p, now[i].name, now[i].desc, now[i].value);
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

/* ---- the sources embedded with --embed-source -------------------------- */

static const char *mime_of(const char *data, size_t len)
{
    if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) return "image/png";
    if (len >= 3 && memcmp(data, "\xff\xd8\xff", 3) == 0) return "image/jpeg";
    if (len >= 5 && (memcmp(data, "<?xml", 5) == 0 || memcmp(data, "<svg", 4) == 0))
        return "image/svg+xml";
    return "application/octet-stream";
}

/* The name an image gets inside the PDF: as the data wrote it when that is
 * a plain relative path (extract writes it back beside the data), else its
 * last component. */
static const char *inner_name(const char *name)
{
    const char *s = strrchr(name, '/');
    if (name[0] != '/' && !strstr(name, "..") && !strstr(name, "//")) return name;
    return s ? s + 1 : name;
}

int gr_report_sources(gr_ctx *ctx, const gr_report *r, const gr_report_opts *o,
                      const gr_doc *doc, gr_sources *s)
{
    char *dir = gr_dirname(r->path), *date = gr_data_approval_date(r->doc);
    const char *base = strrchr(r->path, '/');
    size_t i, k;
    int rc = GR_OK;
    memset(s, 0, sizeof *s);
    s->v = gr_calloc(doc->nimages + 1, sizeof *s->v);
    base = base ? base + 1 : r->path;
    if (strcmp(base, "-") == 0 || !base[0]) base = "data.xml";
    s->v[0].name = gr_strdup(base);
    s->v[0].mime = "application/xml";
    s->v[0].desc = gr_strdup(o->data.internal
        ? "資料檔（內部版：姓名全文） the data file (internal edition: names in full)"
        : "資料檔（公開版：姓名已遮蔽） the data file as published (names masked)");
    s->v[0].data = gr_malloc(r->source.len + 1);
    memcpy((unsigned char *)s->v[0].data, r->source.data, r->source.len);
    s->v[0].len = r->source.len;
    s->n = 1;
    for (i = 0; i < doc->nimages && rc == GR_OK; i++) {
        const char *name = doc->images[i]->name;
        char *path, *data = NULL, *shown;
        size_t len = 0;
        if (!name) continue;
        /* the public edition names it as the published data does: declared
           names masked (the embedded data's file names are masked alike) */
        shown = gr_name_mask_apply(r->names, inner_name(name));
        for (k = 1; k < s->n && strcmp(s->v[k].name, shown) != 0; k++) {}
        if (k < s->n) {
            size_t m;
            for (m = 0; m < i && !(doc->images[m]->name &&
                                   strcmp(inner_name(doc->images[m]->name), inner_name(name)) == 0); m++) {}
            free(shown);
            if (m < i) continue;                     /* the same file again */
            /* two files whose names mask alike (陳怡敏.jpg, 陳佳敏.jpg): the
               archive could not tell them apart */
            rc = gr_error(ctx, r->path, 0, GR_TEXT(PROVENANCE_IMAGE_S_WITH_THE_NAMES),
                          s->v[k].name);
            break;
        }
        path = name[0] == '/' ? gr_strdup(name) : gr_path_join(dir, name);
        rc = gr_read_file(ctx, path, &data, &len);
        free(path);
        if (rc != GR_OK) { free(shown); break; }
        s->v[s->n].name = shown;
        s->v[s->n].mime = mime_of(data, len);
        s->v[s->n].desc = gr_strdup("佐證圖檔 an image of the report");
        s->v[s->n].data = (unsigned char *)data;
        s->v[s->n++].len = len;
    }
    /* 2024-02-22 -> D:20240222 */
    if (date && strlen(date) == 10 && date[4] == '-' && date[7] == '-')
        snprintf(s->moddate, sizeof s->moddate, "D:%.4s%.2s%.2s", date, date + 5, date + 8);
    free(date);
    free(dir);
    return rc;
}

void gr_report_sources_free(gr_sources *s)
{
    size_t i;
    for (i = 0; i < s->n; i++) {
        free((char *)s->v[i].name);
        free((char *)s->v[i].desc);
        free((unsigned char *)s->v[i].data);
    }
    free(s->v);
    memset(s, 0, sizeof *s);
}
