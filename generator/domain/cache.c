/* cache.c — the document kinds gereport knows (templates/kinds.xml: root
 * element → schema, template folders, rules, figures) and the per-run cache of parsed templates: RelaxNG schemas,
 * form stylesheets and rule files, each parsed at most once per run. */
#include "domain_int.h"
#include "../util/msg.h"
#include <libxml/parser.h>
#include <libxslt/xsltutils.h>
#include <stdlib.h>
#include <string.h>

/* The kinds are data: templates/kinds.xml (docs/form-data.md §Kinds), read
 * once per data folder and kept for the life of the process (a run uses
 * one data folder; a long-running server as many as it is given). */
typedef struct kind_set {
    char *datadir;
    gr_kind *kinds;
    size_t n;
    int ok;                    /* the file was read and every <kind> valid */
} kind_set;

static kind_set *sets;
static size_t nsets, capsets;

static char *attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *r = v && *v ? gr_strdup((const char *)v) : NULL;
    xmlFree(v);
    return r;
}

static void load_kinds(kind_set *ks)
{
    char *file = gr_path_join(ks->datadir, GR_KINDS_FILE);
    xmlDocPtr d = xmlReadFile(file, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNodePtr root = d ? xmlDocGetRootElement(d) : NULL, n;
    size_t cap = 0;
    free(file);
    ks->ok = root && gr_is_elem(root, "kinds");
    for (n = root ? root->children : NULL; ks->ok && n; n = n->next) {
        gr_kind k;
        char *pct;
        if (!gr_is_elem(n, "kind")) continue;
        memset(&k, 0, sizeof k);
        k.root = attr(n, "root");
        k.schema_prefix = attr(n, "schema");
        k.forms_dir = attr(n, "forms");
        k.form_main = attr(n, "main");
        k.rules_dir = attr(n, "rules");
        k.figures = attr(n, "figures");
        k.year = attr(n, "year");
        k.skeleton = attr(n, "new");
        k.checks = attr(n, "checks");
        pct = attr(n, "text-percentages");
        k.text_percentages = pct && strcmp(pct, "yes") == 0;
        free(pct);
        if (!k.root || !k.schema_prefix || !k.forms_dir || !k.form_main || !k.year) {
            ks->ok = 0;
            free(k.root); free(k.schema_prefix); free(k.forms_dir); free(k.form_main);
            free(k.rules_dir); free(k.figures); free(k.year); free(k.checks); free(k.skeleton);
            break;
        }
        k.line = gr_line(n);
        ks->kinds = gr_grow(ks->kinds, &cap, ks->n + 1, sizeof k);
        ks->kinds[ks->n++] = k;
    }
    if (d) xmlFreeDoc(d);
}

static kind_set *kinds_for(const gr_data_opts *o)
{
    const char *dd = o && o->datadir ? o->datadir : ".";
    size_t i;
    for (i = 0; i < nsets; i++)
        if (strcmp(sets[i].datadir, dd) == 0) return &sets[i];
    sets = gr_grow(sets, &capsets, nsets + 1, sizeof *sets);
    memset(&sets[nsets], 0, sizeof *sets);
    sets[nsets].datadir = gr_strdup(dd);
    load_kinds(&sets[nsets]);
    return &sets[nsets++];
}

const gr_kind *gr_kind_find(const gr_data_opts *o, const char *root)
{
    kind_set *ks = kinds_for(o);
    size_t i;
    for (i = 0; root && i < ks->n; i++)
        if (strcmp(ks->kinds[i].root, root) == 0) return &ks->kinds[i];
    return NULL;
}

int gr_kinds_check(gr_ctx *ctx, const gr_data_opts *o)
{
    kind_set *ks = kinds_for(o);
    char *file;
    int rc;
    if (ks->ok && ks->n) return GR_OK;
    file = gr_path_join(ks->datadir, GR_KINDS_FILE);
    rc = gr_syserror(ctx, file, 0, GR_TEXT(KINDS_FILE));
    free(file);
    return rc;
}

void gr_kinds_list(const gr_data_opts *o, gr_buf *out)
{
    kind_set *ks = kinds_for(o);
    size_t i;
    for (i = 0; i < ks->n; i++) {
        if (i) gr_buf_adds(out, "、");
        gr_buf_printf(out, "<%s>", ks->kinds[i].root);
    }
}

char *gr_kind_skeleton(gr_ctx *ctx, const gr_data_opts *o, const char *root)
{
    const gr_kind *k;
    if (gr_kinds_check(ctx, o) != GR_OK) return NULL;
    k = gr_kind_find(o, root);
    if (!k || !k->skeleton) {
        char *file = gr_path_join(o->datadir ? o->datadir : ".", GR_KINDS_FILE);
        gr_syserror(ctx, file, k ? k->line : 0, GR_TEXT(KIND_NO_SKELETON), root);
        free(file);
        return NULL;
    }
    return gr_path_join(o->datadir ? o->datadir : ".", k->skeleton);
}

xmlNodePtr gr_kind_year(const gr_kind *k, xmlNodePtr root)
{
    return k ? gr_child(root, k->year) : NULL;
}

gr_domain_cache *gr_domain_cache_new(void)
{
    return gr_calloc(1, sizeof(gr_domain_cache));
}

static void clear(gr_domain_cache *c)
{
    size_t i;
    for (i = 0; i < c->nschemas; i++) {
        gr_schema *s = &c->schemas[i];
        if (s->rng) xmlRelaxNGFree(s->rng);
        if (s->doc) xmlFreeDoc(s->doc);
        free(s->kind); free(s->version); free(s->path); free(s->name);
    }
    for (i = 0; i < c->nforms; i++) {
        gr_form *f = &c->forms[i];
        if (f->style) xsltFreeStylesheet(f->style);
        if (f->data) xmlFreeDoc(f->data);
        free(f->kind); free(f->name); free(f->path);
    }
    for (i = 0; i < c->nrulesets; i++) {
        gr_ruleset *r = &c->rulesets[i];
        gr_rules_free(r->rules);
        free(r->kind); free(r->path); free(r->name);
    }
    gr_rules_free(c->checks);
    free(c->checks_kind);
    free(c->schemas); free(c->forms); free(c->rulesets);
    free(c->forms_scanned); free(c->rules_scanned); free(c->datadir);
    memset(c, 0, sizeof *c);
}

void gr_domain_cache_free(gr_domain_cache *c)
{
    if (!c) return;
    clear(c);
    free(c);
}

gr_domain_cache *gr_cache_for(const gr_data_opts *o, gr_domain_cache **own)
{
    gr_domain_cache *c = o->cache;
    const char *dd = o->datadir ? o->datadir : ".";
    *own = NULL;
    if (!c) c = *own = gr_domain_cache_new();
    if (c->datadir && strcmp(c->datadir, dd) != 0) clear(c);
    if (!c->datadir) c->datadir = gr_strdup(dd);
    return c;
}
