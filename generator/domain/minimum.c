/* minimum.c — what a group must do a year: the <group> of the form data of
 * the form serving the year (templates/<kind>/<form>/form.xml, <groups>;
 * docs/form-data.md) whose names list holds the group. The same fact the
 * rules (R22) and the templates read. Used by `new` to state the minimum
 * and size the skeleton. */
#include "domain_int.h"
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

static int attr_int(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    int r = v ? atoi((const char *)v) : 0;
    xmlFree(v);
    return r;
}

/* 1 when the space-separated list `names` holds `group` */
static int names_hold(const char *names, const char *group)
{
    size_t gl = strlen(group);
    const char *p;
    if (!gl) return 0;
    for (p = names; (p = strstr(p, group)) != NULL; p += gl)
        if ((p == names || p[-1] == ' ') && (p[gl] == ' ' || !p[gl])) return 1;
    return 0;
}

int gr_group_minimum(const gr_data_opts *o, int year, const char *group,
                     int *categories, int *items)
{
    xmlDocPtr form = gr_form_data(o, "成果報告", year);   /* owned by o->cache */
    xmlNodePtr root = form ? xmlDocGetRootElement(form) : NULL, sec, g;
    *categories = *items = 0;
    for (sec = root ? root->children : NULL; sec; sec = sec->next) {
        if (sec->type != XML_ELEMENT_NODE || !xmlStrEqual(sec->name, (const xmlChar *)"groups"))
            continue;
        for (g = sec->children; g; g = g->next) {
            xmlChar *names;
            int hit;
            if (g->type != XML_ELEMENT_NODE || !xmlStrEqual(g->name, (const xmlChar *)"group"))
                continue;
            names = xmlGetProp(g, (const xmlChar *)"names");
            hit = names && names_hold((const char *)names, group);
            xmlFree(names);
            if (hit) {
                *categories = attr_int(g, "categories");
                *items = attr_int(g, "items");
                return 1;
            }
        }
    }
    return 0;
}
