/* node.c — small helpers of the domain pass: finding element children of a
 * libxml2 node by name, reading their text and numbers, labels for
 * messages, reporting preformatted bilingual messages, listing folders. */
#include "domain_int.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int gr_is_elem(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE &&
           (!name || strcmp((const char *)n->name, name) == 0);
}

xmlNodePtr gr_child(xmlNodePtr n, const char *name)
{
    xmlNodePtr c;
    if (!n) return NULL;
    for (c = n->children; c; c = c->next)
        if (gr_is_elem(c, name)) return c;
    return NULL;
}

xmlNodePtr gr_path(xmlNodePtr n, const char *path)
{
    char step[256];
    while (n && *path) {
        const char *slash = strchr(path, '/');
        size_t len = slash ? (size_t)(slash - path) : strlen(path);
        if (len >= sizeof step) return NULL;
        memcpy(step, path, len);
        step[len] = 0;
        n = gr_child(n, step);
        path += len + (slash ? 1 : 0);
    }
    return n;
}

xmlNodePtr gr_next_same(xmlNodePtr n)
{
    xmlNodePtr c;
    if (!n) return NULL;
    for (c = n->next; c; c = c->next)
        if (gr_is_elem(c, (const char *)n->name)) return c;
    return NULL;
}

int gr_count(xmlNodePtr n, const char *name)
{
    int k = 0;
    xmlNodePtr c;
    if (!n) return 0;
    for (c = n->children; c; c = c->next)
        if (gr_is_elem(c, name)) k++;
    return k;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *gr_text(xmlNodePtr n)
{
    xmlChar *s;
    size_t a, b;
    char *out;
    if (!n) return gr_strdup("");
    s = xmlNodeGetContent(n);
    if (!s) return gr_strdup("");
    a = 0;
    b = strlen((const char *)s);
    while (a < b && is_space(s[a])) a++;
    while (b > a && is_space(s[b - 1])) b--;
    out = gr_strndup((const char *)s + a, b - a);
    xmlFree(s);
    return out;
}

int gr_has_text(xmlNodePtr n)
{
    char *t = gr_text(n);
    int has = t[0] != 0;
    free(t);
    return has;
}

int gr_line(xmlNodePtr n)
{
    while (n) {
        long l = xmlGetLineNo(n);
        if (l > 0) return (int)l;
        n = n->parent;
    }
    return 0;
}

long long gr_int(xmlNodePtr n)
{
    char *t = gr_text(n);
    long long v = 0;
    const char *p = t;
    if (!n || !*p) { free(t); return -1; }
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || v > 999999999999999LL) { free(t); return -1; }
        v = v * 10 + (*p - '0');
    }
    free(t);
    return v;
}

long long gr_int_at(xmlNodePtr n, const char *path)
{
    return gr_int(gr_path(n, path));
}

long long gr_hundredths(xmlNodePtr n)
{
    char *t = gr_text(n);
    const char *p = t;
    long long v = 0;
    int frac = -1;
    if (!n || !*p) { free(t); return -1; }
    for (; *p; p++) {
        if (*p == '.' && frac < 0) { frac = 0; continue; }
        if (*p < '0' || *p > '9' || frac >= 2 || v > 99999999999LL) { free(t); return -1; }
        v = v * 10 + (*p - '0');
        if (frac >= 0) frac++;
    }
    free(t);
    if (frac < 0) frac = 0;
    while (frac < 2) { v *= 10; frac++; }
    return v;
}

char *gr_elem_label(xmlNodePtr n)
{
    gr_buf b;
    char *s;
    gr_buf_init(&b);
    if (n && n->type == XML_ATTRIBUTE_NODE) n = n->parent;
    if (n && n->parent && n->parent->type == XML_ELEMENT_NODE && n->parent->parent &&
        n->parent->parent->type == XML_ELEMENT_NODE)
        gr_buf_printf(&b, "<%s>/", (const char *)n->parent->name);
    gr_buf_printf(&b, "<%s>", n ? (const char *)n->name : "?");
    s = gr_strdup(gr_buf_cstr(&b));
    gr_buf_free(&b);
    return s;
}

static void mark_lines(xmlNodePtr n, xmlNsPtr ns)
{
    xmlNodePtr c;
    char v[24];
    int line = gr_line(n);
    if (line > 0) {
        snprintf(v, sizeof v, "%d", line);
        xmlSetNsProp(n, ns, BAD_CAST "line", BAD_CAST v);
    }
    for (c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) mark_lines(c, ns);
}

void gr_data_mark_lines(xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNsPtr ns;
    if (!root) return;
    ns = xmlSearchNsByHref(doc, root, BAD_CAST GR_SOURCE_NS);
    if (!ns) ns = xmlNewNs(root, BAD_CAST GR_SOURCE_NS, BAD_CAST "gr");
    if (ns) mark_lines(root, ns);
}

void gr_report(gr_ctx *ctx, int is_error, const char *file, int line,
               const char *zh, const char *en)
{
    gr_report_rule(ctx, is_error ? GR_CLASS_ERROR : GR_CLASS_WARNING, file, line,
                   NULL, NULL, NULL, zh, en);
}

void gr_report_rule(gr_ctx *ctx, gr_class cls, const char *file, int line,
                    const char *rule, const char *source_zh, const char *source_en,
                    const char *zh, const char *en)
{
    gr_finding f;
    memset(&f, 0, sizeof f);
    f.cls = cls;
    f.status = cls == GR_CLASS_UNMET ? GR_OK : GR_EINPUT;
    f.file = (char *)file;
    f.line = line;
    f.rule = (char *)rule;
    f.source_zh = (char *)source_zh;
    f.source_en = (char *)source_en;
    f.msg_zh = (char *)zh;
    f.msg_en = (char *)en;
    gr_report_finding(ctx, &f);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **gr_list_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    if (!d) return NULL;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        names = gr_grow(names, &cap, n + 2, sizeof *names);
        names[n++] = gr_strdup(e->d_name);
    }
    closedir(d);
    names = gr_grow(names, &cap, n + 1, sizeof *names);
    names[n] = NULL;
    qsort(names, n, sizeof *names, cmp_names);
    return names;
}

void gr_free_names(char **names)
{
    size_t i;
    if (!names) return;
    for (i = 0; names[i]; i++) free(names[i]);
    free(names);
}
