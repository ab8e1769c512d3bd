/* cache.c — the document kinds gereport knows (root element → template
 * folders) and the per-run cache of parsed templates: RelaxNG schemas,
 * form stylesheets and rule files, each parsed at most once per run. */
#include "domain_int.h"
#include <libxslt/xsltutils.h>
#include <stdlib.h>
#include <string.h>

static const gr_kind kinds[] = {
    { "成果報告", "results", "templates/results", "results.xsl", "templates/rules", 1,
      "templates/results/figures.xml" },
    /* the combined city report: the office file (templates/schema/city-1.rng)
       assembled with the agencies' files by generator/report/city.c */
    { "全市成果彙整", "city", "templates/combined", "combined.xsl", NULL, 0,
      "templates/combined/figures.xml" },
};

const gr_kind *gr_kind_find(const char *root)
{
    size_t i;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (root && strcmp(kinds[i].root, root) == 0) return &kinds[i];
    return NULL;
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
