/* xslt.c — the form template of the data's year and its transformation
 * into XSL-FO. Each form folder (templates/results/<form>/) declares in its
 * main stylesheet the years it serves (xsl:variable form-first-year and
 * form-last-year); the form is chosen from the data's 年度 and exactly one
 * form must serve it (none, or two, is an error: a 112 file never silently
 * takes the 113 form). libxslt runs with security preferences that forbid
 * writing files, creating folders and any network access, and allow
 * reading only inside datadir/templates. The stylesheet is parsed once per
 * run. xsl:message output becomes warnings (errors when it terminates). */
#define _XOPEN_SOURCE 700              /* realpath */
#include "domain_int.h"
#include "../util/msg.h"
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>
#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define XSL_NS "http://www.w3.org/1999/XSL/Transform"

/* ================================================================ forms */

static int declared_year(xmlNodePtr root, const char *name)
{
    xmlNodePtr n;
    for (n = root ? root->children : NULL; n; n = n->next) {
        xmlChar *nm, *sel;
        int v = -1;
        if (n->type != XML_ELEMENT_NODE || !n->ns ||
            strcmp((const char *)n->ns->href, XSL_NS) != 0 ||
            strcmp((const char *)n->name, "variable") != 0)
            continue;
        nm = xmlGetProp(n, (const xmlChar *)"name");
        if (nm && strcmp((const char *)nm, name) == 0) {
            sel = xmlGetProp(n, (const xmlChar *)"select");
            if (sel) {
                const char *p = (const char *)sel;
                v = 0;
                while (*p == ' ' || *p == '\'') p++;
                if (*p < '0' || *p > '9') v = -1;
                while (*p >= '0' && *p <= '9' && v < 100000) v = v * 10 + (*p++ - '0');
            }
            xmlFree(sel);
        }
        xmlFree(nm);
        if (v >= 0) return v;
    }
    return 0;
}

/* first-year="113" on the form data's root; 0 when missing or not a
 * plain number. */
static int form_year(xmlNodePtr root, const char *name)
{
    xmlChar *v = xmlGetProp(root, (const xmlChar *)name);
    int y = 0;
    const char *p = (const char *)v;
    if (p && *p >= '0' && *p <= '9') {
        while (*p >= '0' && *p <= '9' && y < 100000) y = y * 10 + (*p++ - '0');
        if (*p) y = 0;
    }
    xmlFree(v);
    return y;
}

static void scan_forms(gr_domain_cache *c, const gr_kind *k)
{
    char *dir = gr_path_join(c->datadir, k->forms_dir);
    char **names = gr_list_dir(dir);
    size_t i;
    free(c->forms_scanned);
    c->forms_scanned = gr_strdup(k->root);
    for (i = 0; names && names[i]; i++) {
        gr_form f;
        struct stat st;
        xmlDocPtr d;
        char *sub = gr_path_join(dir, names[i]), *data;
        memset(&f, 0, sizeof f);
        f.path = gr_path_join(sub, k->form_main);
        free(sub);
        if (stat(f.path, &st) != 0) { free(f.path); continue; }
        f.kind = gr_strdup(k->root);
        f.name = gr_strdup(names[i]);
        sub = gr_path_join(dir, names[i]);
        data = gr_path_join(sub, GR_FORM_DATA_FILE);
        free(sub);
        f.data = stat(data, &st) == 0 ? xmlReadFile(data, NULL, XML_PARSE_NONET) : NULL;
        free(data);
        if (f.data && xmlDocGetRootElement(f.data)) {   /* the years: form data */
            f.first = form_year(xmlDocGetRootElement(f.data), "first-year");
            f.last = form_year(xmlDocGetRootElement(f.data), "last-year");
        } else if ((d = xmlReadFile(f.path, NULL, XML_PARSE_NONET)) != NULL) {
            f.first = declared_year(xmlDocGetRootElement(d), "form-first-year");
            f.last = declared_year(xmlDocGetRootElement(d), "form-last-year");
            xmlFreeDoc(d);
        }
        c->forms = gr_grow(c->forms, &c->capforms, c->nforms + 1, sizeof f);
        c->forms[c->nforms++] = f;
    }
    gr_free_names(names);
    free(dir);
}

xmlDocPtr gr_form_data_for_year(gr_domain_cache *c, const gr_kind *k, long long year)
{
    gr_form *hit = NULL;
    size_t i;
    if (!c->forms_scanned || strcmp(c->forms_scanned, k->root) != 0) scan_forms(c, k);
    for (i = 0; i < c->nforms; i++) {
        gr_form *f = &c->forms[i];
        if (strcmp(f->kind, k->root) != 0 || f->first <= 0 || year < f->first || year > f->last)
            continue;
        if (hit) return NULL;             /* two forms: check_form says so */
        hit = f;
    }
    return hit ? hit->data : NULL;
}

xmlDocPtr gr_form_data(const gr_data_opts *o, const char *kind, int year)
{
    const gr_kind *k = gr_kind_find(kind);
    gr_domain_cache *own;
    assert(o->cache);           /* the document lives in it */
    if (!k) return NULL;
    return gr_form_data_for_year(gr_cache_for(o, &own), k, year);
}

static void list_forms(gr_domain_cache *c, const gr_kind *k, gr_buf *out)
{
    size_t i;
    for (i = 0; i < c->nforms; i++) {
        gr_form *f = &c->forms[i];
        if (strcmp(f->kind, k->root) != 0) continue;
        if (out->len) gr_buf_adds(out, ", ");
        if (f->first > 0) gr_buf_printf(out, "%s: %d-%d", f->name, f->first, f->last);
        else gr_buf_printf(out, "%s: —", f->name);
    }
}

static gr_form *form_for_year(gr_ctx *ctx, gr_domain_cache *c, const gr_kind *k,
                              long long year, const char *file, int line)
{
    gr_form *hit = NULL;
    size_t i;
    gr_buf have;
    if (!c->forms_scanned || strcmp(c->forms_scanned, k->root) != 0) scan_forms(c, k);
    for (i = 0; i < c->nforms; i++) {
        gr_form *f = &c->forms[i];
        if (strcmp(f->kind, k->root) != 0 || f->first <= 0 || year < f->first || year > f->last)
            continue;
        if (hit) {
            gr_syserror(ctx, f->path, 0, GR_TEXT(TEMPLATE_FORMS_BOTH_DECLARE_YEAR), hit->name, f->name, year);
            return NULL;
        }
        hit = f;
    }
    if (hit) return hit;
    gr_buf_init(&have);
    list_forms(c, k, &have);
    gr_error(ctx, file, line, GR_TEXT(TEMPLATE_FORM_SERVES_YEAR_D),
             year, k->forms_dir, have.len ? gr_buf_cstr(&have) : "—");
    gr_buf_free(&have);
    return NULL;
}

int gr_form_check_year(gr_ctx *ctx, const gr_data_opts *o, const char *kind,
                       int year, const char *file, int line)
{
    const gr_kind *k = gr_kind_find(kind);
    gr_domain_cache *own, *c;
    gr_form *f;
    if (!k) return gr_syserror(ctx, file, 0, GR_TEXT(DATA_UNKNOWN_KIND_DATA), kind);
    c = gr_cache_for(o, &own);
    f = form_for_year(ctx, c, k, year, file, line);
    gr_domain_cache_free(own);
    return f ? GR_OK : GR_EINPUT;
}

int gr_data_check_form(gr_ctx *ctx, xmlDocPtr doc, const char *path,
                       const gr_data_opts *o)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr y = gr_child(root, "年度");
    if (!root) return GR_EINPUT;
    return gr_form_check_year(ctx, o, (const char *)root->name, (int)gr_int(y), path, gr_line(y));
}

/* ================================================================ libxslt */

typedef struct xmsg {
    gr_buf text;               /* everything libxslt said, newline separated */
} xmsg;

static void on_xslt_message(void *user, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void on_xslt_message(void *user, const char *fmt, ...)
{
    xmsg *m = user;
    char tmp[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (m->text.len < 65536) gr_buf_adds(&m->text, tmp);
}

/* Report each line "中文 / English" (as the templates write them). */
static void report_messages(gr_ctx *ctx, const char *file, xmsg *m, int stopped)
{
    char *all, *line, *next;
    if (!m->text.len) return;
    all = gr_strdup(gr_buf_cstr(&m->text));
    for (line = all; line && *line; line = next) {
        char *sep, *zh, *en;
        int last;
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        last = !next || !*next;
        if (!*line) continue;
        sep = strstr(line, " / ");
        zh = line;
        en = line;
        if (sep) { *sep = 0; en = sep + 3; }
        gr_report(ctx, stopped && last, file, 0, zh, en);
    }
    free(all);
}

typedef struct read_guard { char root[PATH_MAX]; } read_guard;

/* READ_FILE: only files inside datadir/templates. */
static int allow_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr t, const char *value)
{
    read_guard *g = t ? t->_private : NULL;
    char real[PATH_MAX];
    const char *p = value;
    size_t n;
    if (!g || !p) return 0;
    if (strncmp(p, "file://", 7) == 0) p += 7;
    if (strstr(p, "://")) return 0;
    if (!realpath(p, real)) return 0;
    n = strlen(g->root);
    return strncmp(real, g->root, n) == 0 && (real[n] == '/' || real[n] == 0);
}

static xsltStylesheetPtr form_style(gr_ctx *ctx, gr_form *f)
{
    xmsg m;
    if (f->tried) return f->style;
    f->tried = 1;
    gr_buf_init(&m.text);
    xsltSetGenericErrorFunc(&m, on_xslt_message);
    f->style = xsltParseStylesheetFile((const xmlChar *)f->path);
    xsltSetGenericErrorFunc(NULL, NULL);
    if (!f->style) {
        report_messages(ctx, f->path, &m, 0);
        gr_syserror(ctx, f->path, 0, GR_TEXT(TEMPLATE_CANNOT_READ_FORM_STYLESHEET));
    }
    gr_buf_free(&m.text);
    return f->style;
}

static char *first_block_text(xmlDocPtr res)
{
    xmlXPathContextPtr x = xmlXPathNewContext(res);
    xmlXPathObjectPtr o;
    char *r = NULL;
    if (!x) return NULL;
    o = xmlXPathEvalExpression((const xmlChar *)
        "normalize-space((//*[local-name()='flow'])[1]//*[local-name()='block'][1])", x);
    if (o) {
        xmlChar *s = xmlXPathCastToString(o);
        if (s && s[0]) r = gr_strdup((const char *)s);
        xmlFree(s);
        xmlXPathFreeObject(o);
    }
    xmlXPathFreeContext(x);
    return r;
}

static char *declared_title(xsltTransformContextPtr t)
{
    xmlXPathObjectPtr o = xsltVariableLookup(t, (const xmlChar *)"document-title", NULL);
    char *r = NULL;
    if (o) {
        xmlChar *s = xmlXPathCastToString(o);
        if (s && s[0]) r = gr_strdup((const char *)s);
        xmlFree(s);
        xmlXPathFreeObject(o);
    }
    return r;
}

int gr_form_transform(gr_ctx *ctx, xmlDocPtr doc, const char *path,
                      const gr_data_opts *o, gr_buf *fo, char **title)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    const gr_kind *k = root ? gr_kind_find((const char *)root->name) : NULL;
    gr_domain_cache *own, *c;
    gr_form *f;
    xsltStylesheetPtr style;
    xsltTransformContextPtr t;
    xsltSecurityPrefsPtr sec;
    xmlDocPtr res;
    read_guard guard;
    xmsg m;
    const char *params[5];
    char *tdir;
    int rc = GR_OK, stopped, said;
    if (title) *title = NULL;
    if (!k) return gr_error(ctx, path, 0, GR_TEXT(TEMPLATE_UNKNOWN_KIND_DATA));
    c = gr_cache_for(o, &own);
    f = form_for_year(ctx, c, k, gr_int(gr_child(root, "年度")), path, gr_line(gr_child(root, "年度")));
    style = f ? form_style(ctx, f) : NULL;
    if (!style) {
        gr_domain_cache_free(own);
        return f ? GR_ESYS : GR_EINPUT;
    }
    tdir = gr_path_join(c->datadir, "templates");
    if (!realpath(tdir, guard.root)) snprintf(guard.root, sizeof guard.root, "%s", tdir);
    free(tdir);
    params[0] = "edition";
    params[1] = o->internal ? "'internal'" : "'public'";
    params[2] = "image-base";
    params[3] = "''";
    params[4] = NULL;
    t = xsltNewTransformContext(style, doc);
    sec = xsltNewSecurityPrefs();
    if (!t || !sec) {
        if (t) xsltFreeTransformContext(t);
        if (sec) xsltFreeSecurityPrefs(sec);
        gr_domain_cache_free(own);
        return gr_syserror(ctx, path, 0, GR_TEXT(TEMPLATE_CANNOT_SET_UP_XSLT));
    }
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, allow_read);
    xsltSetCtxtSecurityPrefs(sec, t);
    t->_private = &guard;
    gr_buf_init(&m.text);
    xsltSetTransformErrorFunc(t, &m, on_xslt_message);
    res = xsltApplyStylesheetUser(style, doc, params, NULL, NULL, t);
    stopped = t->state == XSLT_STATE_STOPPED || t->state == XSLT_STATE_ERROR || !res;
    report_messages(ctx, path, &m, stopped);
    said = m.text.len > 0;
    gr_buf_free(&m.text);
    if (stopped) {
        rc = GR_EINPUT;
        if (!said)
            gr_error(ctx, path, 0, GR_TEXT(TEMPLATE_FORM_CANNOT_APPLIED_DATA),
                     f->name);
    } else {
        xmlChar *mem = NULL;
        int len = 0;
        if (title) {
            *title = declared_title(t);
            if (!*title) *title = first_block_text(res);
        }
        if (xsltSaveResultToString(&mem, &len, res, style) != 0 || !mem) {
            rc = gr_syserror(ctx, path, 0, GR_TEXT(TEMPLATE_CANNOT_SERIALISE_XSL_FO));
        } else {
            gr_buf_add(fo, mem, (size_t)len);
        }
        xmlFree(mem);
    }
    if (res) xmlFreeDoc(res);
    xsltFreeTransformContext(t);
    xsltFreeSecurityPrefs(sec);
    gr_domain_cache_free(own);
    return rc;
}

int gr_form_to_fo(gr_ctx *ctx, xmlDocPtr doc, const char *path,
                  const gr_data_opts *o, gr_buf *fo)
{
    return gr_form_transform(ctx, doc, path, o, fo, NULL);
}

char *gr_data_form_name(gr_ctx *ctx, xmlDocPtr doc, const gr_data_opts *o)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    const gr_kind *k = root ? gr_kind_find((const char *)root->name) : NULL;
    gr_domain_cache *own, *c;
    gr_form *f;
    char *out;
    if (!k) return NULL;
    c = gr_cache_for(o, &own);
    f = form_for_year(ctx, c, k, gr_int(gr_child(root, "年度")), NULL, 0);
    out = f ? gr_strdup(f->name) : NULL;
    gr_domain_cache_free(own);
    return out;
}

char *gr_data_agency(xmlDocPtr doc)
{
    xmlNodePtr n = gr_child(gr_child(xmlDocGetRootElement(doc), "機關"), "全銜");
    xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
    char *out = gr_strdup(t ? (const char *)t : "");
    xmlFree(t);
    return out;
}

int gr_data_year(xmlDocPtr doc)
{
    return (int)gr_int(gr_child(xmlDocGetRootElement(doc), "年度"));
}

char *gr_data_approval_date(xmlDocPtr doc)
{
    xmlNodePtr n = gr_child(gr_child(xmlDocGetRootElement(doc), "核定"), "日期");
    xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
    char *out = t ? gr_strdup((const char *)t) : NULL;
    xmlFree(t);
    return out;
}
