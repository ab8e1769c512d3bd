/* minimum.c — what a group must do a year under the rules in force for a
 * year: the row of the rule file's table group_minimum (templates/rules/
 * <period>.xml, the period whose first-year..last-year holds the year).
 * Used by `new` to state the minimum and size the skeleton. */
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

int gr_group_minimum(const gr_data_opts *o, int year, const char *group,
                     int *categories, int *items)
{
    char *dir = gr_path_join(o->datadir, "templates/rules");
    char **names = gr_list_dir(dir);
    size_t i;
    int found = 0;
    *categories = *items = 0;
    for (i = 0; names && names[i] && !found; i++) {
        size_t nl = strlen(names[i]);
        char *path;
        xmlDocPtr d;
        xmlNodePtr root, t, r;
        if (nl < 5 || strcmp(names[i] + nl - 4, ".xml") != 0) continue;
        path = gr_path_join(dir, names[i]);
        d = xmlReadFile(path, NULL, XML_PARSE_NONET);
        free(path);
        root = d ? xmlDocGetRootElement(d) : NULL;
        if (root && attr_int(root, "first-year") <= year && year <= attr_int(root, "last-year")) {
            for (t = root->children; t && !found; t = t->next) {
                xmlChar *tn;
                if (t->type != XML_ELEMENT_NODE || !xmlStrEqual(t->name, (const xmlChar *)"table")) continue;
                tn = xmlGetProp(t, (const xmlChar *)"name");
                if (tn && strcmp((const char *)tn, "group_minimum") == 0)
                    for (r = t->children; r && !found; r = r->next) {
                        xmlChar *g = r->type == XML_ELEMENT_NODE ? xmlGetProp(r, (const xmlChar *)"group") : NULL;
                        if (g && strcmp((const char *)g, group) == 0) {
                            *categories = attr_int(r, "categories");
                            *items = attr_int(r, "items");
                            found = 1;
                        }
                        xmlFree(g);
                    }
                xmlFree(tn);
            }
        }
        if (d) xmlFreeDoc(d);
    }
    gr_free_names(names);
    free(dir);
    return found;
}
