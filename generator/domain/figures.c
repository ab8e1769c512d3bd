/* figures.c — computed figures declared as data beside a kind's templates
 * (gr_kind.figures; for the combined city report templates/combined/
 * figures.xml): each <數字> names an owner (XPath from the root, default
 * the root itself), a value (運算) or a ratio (分子 / 分母), all XPath 1.0
 * expressions over the owner, and a format. The result joins the document
 * as <計算 名稱="…" 值="…">text</計算>, the last child of each owner, like
 * compute.c's figures (templates/schema/computed.md). XPath evaluates to
 * doubles; a figure must be a whole number no larger than 2^53 (counts and
 * sums of counts always are), else it is reported, never rounded. The
 * C code knows the format names, not what is counted. */
#include "domain_int.h"
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EXACT 9007199254740992.0   /* 2^53: doubles hold every integer up to it */

typedef struct fstate {
    gr_ctx *ctx;
    const char *defs;          /* the figures file, for messages */
    xmlXPathContextPtr x;
    int broken;
} fstate;

/* Evaluate expr at node as a whole number; -1 after reporting. */
static long long eval_int(fstate *F, xmlNodePtr def, xmlNodePtr at, const char *expr)
{
    xmlXPathObjectPtr o;
    double v;
    F->x->node = at;
    o = xmlXPathEvalExpression((const xmlChar *)expr, F->x);
    if (!o) {
        gr_syserror(F->ctx, F->defs, gr_line(def), "數字定義的運算式無法計算：%s",
                    "the figure's expression cannot be evaluated: %s", expr);
        F->broken = 1;
        return -1;
    }
    v = xmlXPathCastToNumber(o);
    xmlXPathFreeObject(o);
    if (isnan(v) || v < 0 || v > MAX_EXACT || floor(v) != v) {
        gr_syserror(F->ctx, F->defs, gr_line(def), "數字定義「%s」的結果不是非負整數（%g）",
                    "the figure \"%s\" is not a non-negative whole number (%g)", expr, v);
        F->broken = 1;
        return -1;
    }
    return (long long)v;
}

static char *prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *r = v ? gr_strdup((const char *)v) : NULL;
    xmlFree(v);
    return r;
}

static void add_fig(xmlNodePtr owner, const char *name, const char *text, const char *value)
{
    xmlNodePtr f = xmlNewTextChild(owner, NULL, (const xmlChar *)"計算", (const xmlChar *)text);
    xmlNewProp(f, (const xmlChar *)"名稱", (const xmlChar *)name);
    xmlNewProp(f, (const xmlChar *)"值", (const xmlChar *)value);
}

/* One figure at one owner. Formats: int (2,526), count (2526), pct0 / pct1
 * / pct2 (80%, 71.6%, 98.81%: fixed decimals, "-" when the denominator is 0). */
static void one(fstate *F, xmlNodePtr def, xmlNodePtr owner, const char *name,
                const char *fmt, const char *value, const char *num, const char *den)
{
    char text[64], val[64];
    if (value) {
        long long v = eval_int(F, def, owner, value);
        if (v < 0) return;
        if (strcmp(fmt, "int") == 0) gr_fmt_int(text, sizeof text, v);
        else snprintf(text, sizeof text, "%lld", v);
        snprintf(val, sizeof val, "%lld", v);
    } else {
        long long a = eval_int(F, def, owner, num), b;
        if (a < 0) return;
        b = eval_int(F, def, owner, den);
        if (b < 0) return;
        if (gr_fmt_pct_fixed(text, sizeof text - 4, a, b, fmt[3] - '0')) strcat(text, "%");
        snprintf(val, sizeof val, "%lld/%lld", a, b);
    }
    add_fig(owner, name, text, val);
}

static int valid_format(const char *f)
{
    return f && (strcmp(f, "int") == 0 || strcmp(f, "count") == 0 || strcmp(f, "pct0") == 0 ||
                 strcmp(f, "pct1") == 0 || strcmp(f, "pct2") == 0);
}

static void define(fstate *F, xmlNodePtr def, xmlNodePtr root)
{
    char *name = prop(def, "名稱"), *fmt = prop(def, "格式"), *owner = prop(def, "擁有者");
    char *value = prop(def, "運算"), *num = prop(def, "分子"), *den = prop(def, "分母");
    int ratio = fmt && strncmp(fmt, "pct", 3) == 0;
    if (!name || !valid_format(fmt) || (ratio ? (!num || !den || value) : (!value || num || den))) {
        gr_syserror(F->ctx, F->defs, gr_line(def),
                    "<數字> 需有 名稱、格式（int、count、pct0、pct1、pct2）及 運算（或比率的 分子、分母）",
                    "<數字> needs 名稱, 格式 (int, count, pct0, pct1, pct2) and 運算 (or 分子 and 分母 for a ratio)");
        F->broken = 1;
    } else if (!owner) {
        one(F, def, root, name, fmt, value, num, den);
    } else {
        xmlXPathObjectPtr o;
        F->x->node = root;
        o = xmlXPathEvalExpression((const xmlChar *)owner, F->x);
        if (!o || o->type != XPATH_NODESET) {
            gr_syserror(F->ctx, F->defs, gr_line(def), "擁有者「%s」不是節點集合",
                        "the owner \"%s\" is not a node set", owner);
            F->broken = 1;
        } else if (o->nodesetval) {
            int i, n = o->nodesetval->nodeNr;
            /* copy first: adding 計算 children does not disturb the set,
               but keep the order of the document explicit */
            xmlNodePtr *v = gr_calloc((size_t)n + 1, sizeof *v);
            for (i = 0; i < n; i++) v[i] = o->nodesetval->nodeTab[i];
            for (i = 0; i < n && !F->broken; i++)
                if (v[i]->type == XML_ELEMENT_NODE) one(F, def, v[i], name, fmt, value, num, den);
            free(v);
        }
        if (o) xmlXPathFreeObject(o);
    }
    free(name); free(fmt); free(owner); free(value); free(num); free(den);
}

int gr_data_compute_declared(gr_ctx *ctx, xmlDocPtr doc, const char *path,
                             const gr_data_opts *o)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), def;
    const gr_kind *k = root ? gr_kind_find((const char *)root->name) : NULL;
    xmlDocPtr defs;
    fstate F;
    char *file;
    if (!k || !k->figures) return GR_OK;
    file = gr_path_join(o->datadir ? o->datadir : ".", k->figures);
    defs = xmlReadFile(file, NULL, XML_PARSE_NONET);
    if (!defs || !xmlDocGetRootElement(defs)) {
        int rc = gr_syserror(ctx, file, 0, "無法讀取數字定義檔", "cannot read the figures file");
        if (defs) xmlFreeDoc(defs);
        free(file);
        return rc;
    }
    memset(&F, 0, sizeof F);
    F.ctx = ctx;
    F.defs = file;
    F.x = xmlXPathNewContext(doc);
    for (def = xmlDocGetRootElement(defs)->children; def && !F.broken; def = def->next)
        if (gr_is_elem(def, "數字")) define(&F, def, root);
    xmlXPathFreeContext(F.x);
    xmlFreeDoc(defs);
    free(file);
    (void)path;
    return F.broken ? GR_ESYS : GR_OK;
}
