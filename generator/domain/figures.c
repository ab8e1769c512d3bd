/* figures.c — computed figures declared as data beside a kind's templates
 * (gr_kind.figures: templates/results/figures.xml for the results report,
 * templates/combined/figures.xml for the combined city report): each
 * <數字> names an owner (XPath from the root, default the root itself), a
 * value (運算) or a ratio (分子 / 分母), all XPath 1.0 expressions over the
 * owner, and a format; optionally a condition (條件), named values
 * (<變數>), the printed text (文字, a template, or 措辭, an expression
 * giving one, e.g. wording of the form data $form) and 值. The result joins
 * the document as <計算 名稱="…" 值="…">text</計算>, the last child of each
 * owner (templates/schema/computed.md). XPath evaluates to doubles; a
 * figure must be a whole number no larger than 2^53 (counts and sums of
 * counts always are), else it is reported, never rounded; ratios and their
 * rounding are whole-number arithmetic (compute.c's formatters). The C
 * code knows the format names, not what is counted. */
#include "domain_int.h"
#include "../util/msg.h"
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

/* A fault of the figures file (not of the user's data): a system error. */
static void defect(fstate *F, xmlNodePtr def)
{
    (void)def;
    F->broken = 1;
}

/* Evaluate expr at node; NULL after reporting. */
static xmlXPathObjectPtr eval(fstate *F, xmlNodePtr def, xmlNodePtr at, const char *expr)
{
    xmlXPathObjectPtr o;
    F->x->node = at;
    o = xmlXPathEvalExpression((const xmlChar *)expr, F->x);
    if (!o) {
        gr_syserror(F->ctx, F->defs, gr_line(def), GR_TEXT(FIGURE_EXPRESSION), expr);
        F->broken = 1;
    }
    return o;
}

/* A number that must be whole (|v| <= 2^53; negative only when `sign`):
 * 1 with *out, 0 after reporting. */
static int whole(fstate *F, xmlNodePtr def, const char *expr, double v, int sign, long long *out)
{
    if (isnan(v) || (!sign && v < 0) || fabs(v) > MAX_EXACT || floor(v) != v) {
        gr_syserror(F->ctx, F->defs, gr_line(def), GR_TEXT(FIGURE_NOT_WHOLE), expr, v);
        F->broken = 1;
        return 0;
    }
    *out = (long long)v;
    return 1;
}

/* Evaluate expr at node as a whole number; -1 after reporting. */
static long long eval_int(fstate *F, xmlNodePtr def, xmlNodePtr at, const char *expr)
{
    xmlXPathObjectPtr o = eval(F, def, at, expr);
    double v;
    long long r;
    if (!o) return -1;
    v = xmlXPathCastToNumber(o);
    xmlXPathFreeObject(o);
    return whole(F, def, expr, v, 0, &r) ? r : -1;
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
    if (value) xmlNewProp(f, (const xmlChar *)"值", (const xmlChar *)value);
}

/* count-distinct(node-set[, expression]): the number of distinct string
 * values of the nodes (of the expression evaluated at each node), for
 * figures like "categories done" (DOMAIN.md R22). */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void count_distinct(xmlXPathParserContextPtr ctxt, int nargs)
{
    xmlXPathObjectPtr set, ex = NULL;
    xmlXPathContextPtr x = ctxt->context;
    xmlNodePtr keep = x->node;
    int size = x->contextSize, pos = x->proximityPosition, i, n, distinct = 0;
    char **v;
    if (nargs == 2) {
        ex = valuePop(ctxt);
        if (!ex || ex->type != XPATH_STRING) { xmlXPathFreeObject(ex); XP_ERROR(XPATH_INVALID_TYPE); }
    } else if (nargs != 1) {
        XP_ERROR(XPATH_INVALID_ARITY);
    }
    set = valuePop(ctxt);
    if (!set || set->type != XPATH_NODESET) {
        xmlXPathFreeObject(set);
        xmlXPathFreeObject(ex);
        XP_ERROR(XPATH_INVALID_TYPE);
    }
    n = set->nodesetval ? set->nodesetval->nodeNr : 0;
    v = gr_calloc((size_t)n + 1, sizeof *v);
    for (i = 0; i < n; i++) {
        xmlNodePtr node = set->nodesetval->nodeTab[i];
        xmlChar *s;
        if (ex) {
            xmlXPathObjectPtr r;
            x->node = node;
            r = xmlXPathEvalExpression(ex->stringval, x);
            s = r ? xmlXPathCastToString(r) : xmlStrdup((const xmlChar *)"");
            xmlXPathFreeObject(r);
        } else {
            s = xmlXPathCastNodeToString(node);
        }
        v[i] = gr_strdup((const char *)s);
        xmlFree(s);
    }
    x->node = keep;
    x->contextSize = size;
    x->proximityPosition = pos;
    if (n) qsort(v, (size_t)n, sizeof *v, cmp_str);
    for (i = 0; i < n; i++)
        if (i == 0 || strcmp(v[i], v[i - 1]) != 0) distinct++;
    for (i = 0; i < n; i++) free(v[i]);
    free(v);
    xmlXPathFreeObject(set);
    xmlXPathFreeObject(ex);
    valuePush(ctxt, xmlXPathNewFloat(distinct));
}

/* The <變數 名="…"> of a definition named `name`, or NULL. */
static xmlNodePtr var_def(xmlNodePtr def, const char *name, size_t len)
{
    xmlNodePtr v;
    for (v = def->children; v; v = v->next) {
        xmlChar *nm;
        int hit;
        if (!gr_is_elem(v, "變數")) continue;
        nm = xmlGetProp(v, (const xmlChar *)"名");
        hit = nm && strlen((const char *)nm) == len && strncmp((const char *)nm, name, len) == 0;
        xmlFree(nm);
        if (hit) return v;
    }
    return NULL;
}

/* A number as its format prints it: int 2,526 (and -2,526), else 2526. */
static void fmt_number(char *out, size_t n, const char *fmt, long long v)
{
    if (fmt && strcmp(fmt, "int") == 0) gr_fmt_int(out, n, v);
    else snprintf(out, n, "%lld", v);
}

/* Fill a text template: {數} the figure's number as printed, {分子} {分母}
 * a ratio's parts, {名} the value of <變數 名="名"> (a number in its 格式,
 * else as a whole number; a string as it is). 1, or 0 after reporting. */
static int fill(fstate *F, xmlNodePtr def, const char *tpl, const char *number,
                long long num, long long den, gr_buf *out)
{
    const char *p = tpl;
    while (*p) {
        const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;
        size_t len;
        char t[64];
        if (!open || !close) { gr_buf_adds(out, p); break; }
        gr_buf_add(out, p, (size_t)(open - p));
        len = (size_t)(close - open - 1);
        if (len == strlen("數") && strncmp(open + 1, "數", len) == 0) {
            gr_buf_adds(out, number ? number : "");
        } else if (len == strlen("分子") && strncmp(open + 1, "分子", len) == 0) {
            gr_buf_printf(out, "%lld", num);
        } else if (len == strlen("分母") && strncmp(open + 1, "分母", len) == 0) {
            gr_buf_printf(out, "%lld", den);
        } else {
            xmlNodePtr vd = var_def(def, open + 1, len);
            char *name = gr_strndup(open + 1, len);
            xmlXPathObjectPtr o = vd ? xmlXPathVariableLookup(F->x, (const xmlChar *)name) : NULL;
            if (!o) {
                gr_syserror(F->ctx, F->defs, gr_line(def), GR_TEXT(FIGURE_PLACEHOLDER), tpl, name);
                defect(F, def);
                free(name);
                return 0;
            }
            if (o->type == XPATH_NUMBER) {
                char *fmt = prop(vd, "格式");
                long long v;
                int ok = whole(F, vd, name, o->floatval, 1, &v);
                if (ok) {
                    fmt_number(t, sizeof t, fmt, v);
                    gr_buf_adds(out, t);
                }
                free(fmt);
                if (!ok) { xmlXPathFreeObject(o); free(name); return 0; }
            } else {
                xmlChar *s = xmlXPathCastToString(o);
                gr_buf_adds(out, (const char *)s);
                xmlFree(s);
            }
            xmlXPathFreeObject(o);
            free(name);
        }
        p = close + 1;
    }
    return 1;
}

/* Bind the definition's <變數> at owner, in order (each may use the ones
 * before it). 1, or 0 after reporting. */
static int bind_vars(fstate *F, xmlNodePtr def, xmlNodePtr owner)
{
    xmlNodePtr v;
    for (v = def->children; v; v = v->next) {
        char *name, *expr;
        xmlXPathObjectPtr o;
        if (!gr_is_elem(v, "變數")) continue;
        name = prop(v, "名");
        expr = prop(v, "運算");
        if (!name || !expr) {
            gr_syserror(F->ctx, F->defs, gr_line(v), GR_TEXT(FIGURE_VARIABLE));
            defect(F, v);
            free(name);
            free(expr);
            return 0;
        }
        o = eval(F, v, owner, expr);
        if (o) xmlXPathRegisterVariable(F->x, (const xmlChar *)name, o);   /* owned by F->x */
        free(name); free(expr);
        if (!o) return 0;
    }
    return 1;
}

static void unbind_vars(fstate *F, xmlNodePtr def)
{
    xmlNodePtr v;
    for (v = def->children; v; v = v->next) {
        xmlChar *nm;
        if (!gr_is_elem(v, "變數")) continue;
        nm = xmlGetProp(v, (const xmlChar *)"名");
        if (nm) xmlXPathRegisterVariable(F->x, nm, NULL);
        xmlFree(nm);
    }
}

typedef struct figdef {
    char *name, *fmt, *cond, *value, *num, *den, *text, *wording, *val, *zero;
} figdef;

/* One figure at one owner (its position among the owners in $位置).
 * Formats: int (2,526), count (2526), pct0 (80%; a share that is not
 * zero never 0 but <1, one short of the whole never 100 but >99), pct1 /
 * pct2 (71.6%, 98.81%: fixed decimals), pct2s (computed.md's pct2: 35.29, whole values
 * without decimals: 100), all ratios "-" when the denominator is 0; text
 * (文字 or 措辭 only). */
static void one(fstate *F, xmlNodePtr def, xmlNodePtr owner, int position, const figdef *d)
{
    char number[64] = "", val[64] = "";
    long long a = 0, b = 0;
    int have_number = 1;
    gr_buf text, value;
    xmlXPathObjectPtr o;
    xmlXPathRegisterVariable(F->x, (const xmlChar *)"位置", xmlXPathNewFloat(position));
    if (!bind_vars(F, def, owner)) return;
    if (d->cond) {
        int yes;
        if (!(o = eval(F, def, owner, d->cond))) return;
        yes = xmlXPathCastToBoolean(o);
        xmlXPathFreeObject(o);
        if (!yes) { unbind_vars(F, def); return; }
    }
    if (d->value) {
        long long v = eval_int(F, def, owner, d->value);
        if (v < 0) return;
        fmt_number(number, sizeof number, d->fmt, v);
        snprintf(val, sizeof val, "%lld", v);
        a = v;
    } else if (d->num) {
        a = eval_int(F, def, owner, d->num);
        if (a < 0) return;
        b = eval_int(F, def, owner, d->den);
        if (b < 0) return;
        if (strcmp(d->fmt, "pct2s") == 0) have_number = gr_fmt_pct2(number, sizeof number, a, b);
        else if (strcmp(d->fmt, "pct0") == 0)       /* 「<1」「>99」: docs/layout.md */
            have_number = gr_fmt_pct0(number, sizeof number, a, b);
        else have_number = gr_fmt_pct_fixed(number, sizeof number, a, b, d->fmt[3] - '0');
        snprintf(val, sizeof val, "%lld/%lld", a, b);
    }
    gr_buf_init(&text);
    gr_buf_init(&value);
    if (!have_number) {
        gr_buf_adds(&text, "-");                    /* a ratio of nothing */
    } else if (d->zero && d->num && a == 0) {
        gr_buf_adds(&text, d->zero);
    } else if (d->wording) {
        xmlChar *w;
        if (!(o = eval(F, def, owner, d->wording))) goto out;
        w = xmlXPathCastToString(o);
        xmlXPathFreeObject(o);
        have_number = fill(F, def, (const char *)w, number, a, b, &text);
        xmlFree(w);
        if (!have_number) goto out;
    } else if (!fill(F, def, d->text ? d->text : d->num ? "{數}%" : "{數}", number, a, b, &text)) {
        goto out;
    }
    if (d->val && !fill(F, def, d->val, number, a, b, &value)) goto out;
    add_fig(owner, d->name, gr_buf_cstr(&text),
            d->val ? gr_buf_cstr(&value) : d->value || d->num ? val : NULL);
out:
    unbind_vars(F, def);
    gr_buf_free(&text);
    gr_buf_free(&value);
}

static int valid_format(const char *f)
{
    static const char *const ok[] = { "int", "count", "pct0", "pct1", "pct2", "pct2s", "text", NULL };
    int i;
    for (i = 0; f && ok[i]; i++)
        if (strcmp(f, ok[i]) == 0) return 1;
    return 0;
}

static void define(fstate *F, xmlNodePtr def, xmlNodePtr root)
{
    figdef d;
    char *owner = prop(def, "擁有者");
    int ratio, text;
    d.name = prop(def, "名稱"); d.fmt = prop(def, "格式"); d.cond = prop(def, "條件");
    d.value = prop(def, "運算"); d.num = prop(def, "分子"); d.den = prop(def, "分母");
    d.text = prop(def, "文字"); d.wording = prop(def, "措辭"); d.val = prop(def, "值");
    d.zero = prop(def, "零");
    ratio = d.fmt && strncmp(d.fmt, "pct", 3) == 0;
    text = d.fmt && strcmp(d.fmt, "text") == 0;
    if (!d.name || !valid_format(d.fmt) || (d.text && d.wording) ||
        (text ? (d.value || d.num || d.den || (!d.text && !d.wording))
              : ratio ? (!d.num || !d.den || d.value) : (!d.value || d.num || d.den))) {
        gr_syserror(F->ctx, F->defs, gr_line(def), GR_TEXT(FIGURE_DEFINITION), d.name ? d.name : "");
        defect(F, def);
    } else if (!owner) {
        one(F, def, root, 1, &d);
    } else {
        xmlXPathObjectPtr o;
        F->x->node = root;
        o = xmlXPathEvalExpression((const xmlChar *)owner, F->x);
        if (!o || o->type != XPATH_NODESET) {
            gr_syserror(F->ctx, F->defs, gr_line(def), GR_TEXT(FIGURE_OWNER), owner);
            F->broken = 1;
        } else if (o->nodesetval) {
            int i, n = o->nodesetval->nodeNr;
            /* copy first: adding 計算 children does not disturb the set,
               but keep the order of the document explicit */
            xmlNodePtr *v = gr_calloc((size_t)n + 1, sizeof *v);
            for (i = 0; i < n; i++) v[i] = o->nodesetval->nodeTab[i];
            for (i = 0; i < n && !F->broken; i++)
                if (v[i]->type == XML_ELEMENT_NODE) one(F, def, v[i], i + 1, &d);
            free(v);
        }
        if (o) xmlXPathFreeObject(o);
    }
    free(owner); free(d.name); free(d.fmt); free(d.cond); free(d.value); free(d.num);
    free(d.den); free(d.text); free(d.wording); free(d.val); free(d.zero);
}

int gr_data_compute_declared(gr_ctx *ctx, xmlDocPtr doc, const char *path,
                             const gr_data_opts *o)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), def;
    const gr_kind *k = root ? gr_kind_find(o, (const char *)root->name) : NULL;
    gr_domain_cache *own = NULL, *c;
    xmlDocPtr defs, form;
    fstate F;
    char *file;
    if (!k || !k->figures) return GR_OK;
    file = gr_path_join(o->datadir ? o->datadir : ".", k->figures);
    defs = xmlReadFile(file, NULL, XML_PARSE_NONET);
    if (!defs || !xmlDocGetRootElement(defs)) {
        int rc = gr_syserror(ctx, file, 0, GR_TEXT(FIGURE_FILE));
        if (defs) xmlFreeDoc(defs);
        free(file);
        return rc;
    }
    /* $form: the form data of the data's year (docs/form-data.md), the
       empty set when the kind's forms have none */
    c = gr_cache_for(o, &own);
    form = gr_form_data_for_year(c, k, gr_int(gr_kind_year(k, root)));
    memset(&F, 0, sizeof F);
    F.ctx = ctx;
    F.defs = file;
    F.x = xmlXPathNewContext(doc);
    xmlXPathRegisterFunc(F.x, (const xmlChar *)"count-distinct", count_distinct);
    xmlXPathRegisterVariable(F.x, (const xmlChar *)"form",
                             xmlXPathNewNodeSet(form ? xmlDocGetRootElement(form) : NULL));
    for (def = xmlDocGetRootElement(defs)->children; def && !F.broken; def = def->next)
        if (gr_is_elem(def, "數字")) define(&F, def, root);
    xmlXPathFreeContext(F.x);
    xmlFreeDoc(defs);
    gr_domain_cache_free(own);
    free(file);
    (void)path;
    return F.broken ? GR_ESYS : GR_OK;
}
