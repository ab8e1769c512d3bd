/* rules.c — the rule engine: reads a rule file of templates/rules/ (one per
 * master-plan period; format in docs/rules.md), compiles its XPath
 * expressions once, and evaluates them on an enriched data document with
 * libxml2's XPath: for every node the rule's context selects, its lets are
 * bound, its assert must hold; otherwise the rule's message (with {XPath}
 * values filled in), id, source and advice are reported at the line of the
 * context node (or of the node its `at` expression selects), in the rule's
 * class: 錯誤 (invalid or self-contradicting data: no PDF), 未達規定 (a
 * requirement missed: reported, the PDF is written) or 提醒 (worth a look).
 * The C code holds no rule: they are data. */
#include "domain_int.h"
#include "../util/msg.h"
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdlib.h>
#include <string.h>

typedef struct seg {            /* a piece of a message: text or {expr} */
    char *text;
    xmlXPathCompExprPtr expr;
} seg;

typedef struct msg {
    seg *v;
    size_t n, cap;
} msg;

typedef struct let {
    char *name;
    xmlXPathCompExprPtr expr;
} let;

typedef struct rule {
    char *id;
    gr_class cls;
    int line;
    xmlXPathCompExprPtr context, assert_, at;
    let *lets; size_t nlets, caplets;
    msg msg_zh, msg_en, adv_zh, adv_en, src_zh, src_en;
} rule;

typedef struct table {
    char *name;
    xmlNodePtr node;           /* <table>, rows are its element children */
} table;

struct gr_rules {
    char *path;
    xmlDocPtr doc;
    int first, last;
    let *lets; size_t nlets, caplets;
    table *tables; size_t ntables, captables;
    rule *rules; size_t nrules, caprules;
};

typedef struct loader {
    gr_ctx *ctx;
    const char *file;
    int errors;
} loader;

/* ================================================================ load */

static char *prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *r = v ? gr_strdup((const char *)v) : NULL;
    xmlFree(v);
    return r;
}

static void swallow(void *user, xmlErrorPtr e) { (void)user; (void)e; }

static xmlXPathCompExprPtr compile(loader *L, xmlNodePtr at, const char *what, const char *expr)
{
    xmlXPathCompExprPtr c;
    xmlStructuredErrorFunc old = xmlStructuredError;
    void *old_ctx = xmlStructuredErrorContext;
    if (!expr || !*expr) {
        gr_syserror(L->ctx, L->file, gr_line(at), GR_TEXT(RULES_RULE_FILE_LACKS),
                    (const char *)at->name, what);
        L->errors++;
        return NULL;
    }
    xmlSetStructuredErrorFunc(NULL, swallow);       /* reported below instead */
    c = xmlXPathCompile((const xmlChar *)expr);
    xmlSetStructuredErrorFunc(old_ctx, old);
    if (!c) {
        gr_syserror(L->ctx, L->file, gr_line(at), GR_TEXT(RULES_RULE_FILE_XPATH_EXPRESSION), what, expr);
        L->errors++;
    }
    return c;
}

/* "…{expr}…" → segments; "{{" and "}}" are literal braces. */
static void parse_msg(loader *L, xmlNodePtr n, msg *m)
{
    char *t = gr_text(n);
    const char *p = t;
    gr_buf lit;
    gr_buf_init(&lit);
    while (*p) {
        if (p[0] == '{' && p[1] == '{') { gr_buf_addc(&lit, '{'); p += 2; continue; }
        if (p[0] == '}' && p[1] == '}') { gr_buf_addc(&lit, '}'); p += 2; continue; }
        if (*p == '{') {
            const char *e = strchr(p, '}');
            char *expr;
            seg s;
            if (!e) {
                gr_syserror(L->ctx, L->file, gr_line(n), GR_TEXT(RULES_RULE_FILE_WITHOUT_MESSAGE));
                L->errors++;
                break;
            }
            if (lit.len) {
                memset(&s, 0, sizeof s);
                s.text = gr_strdup(gr_buf_cstr(&lit));
                m->v = gr_grow(m->v, &m->cap, m->n + 1, sizeof s);
                m->v[m->n++] = s;
                lit.len = 0;
            }
            expr = gr_strndup(p + 1, (size_t)(e - p - 1));
            memset(&s, 0, sizeof s);
            s.expr = compile(L, n, "{…}", expr);
            free(expr);
            m->v = gr_grow(m->v, &m->cap, m->n + 1, sizeof s);
            m->v[m->n++] = s;
            p = e + 1;
            continue;
        }
        gr_buf_addc(&lit, *p++);
    }
    if (lit.len) {
        seg s;
        memset(&s, 0, sizeof s);
        s.text = gr_strdup(gr_buf_cstr(&lit));
        m->v = gr_grow(m->v, &m->cap, m->n + 1, sizeof s);
        m->v[m->n++] = s;
    }
    gr_buf_free(&lit);
    free(t);
}

static void free_msg(msg *m)
{
    size_t i;
    for (i = 0; i < m->n; i++) {
        free(m->v[i].text);
        if (m->v[i].expr) xmlXPathFreeCompExpr(m->v[i].expr);
    }
    free(m->v);
}

static void add_let(loader *L, xmlNodePtr n, let **v, size_t *cnt, size_t *cap)
{
    let l;
    char *value = prop(n, "value");
    l.name = prop(n, "name");
    if (!l.name || !l.name[0]) {
        gr_syserror(L->ctx, L->file, gr_line(n), GR_TEXT(RULES_RULE_FILE_LET_LACKS));
        L->errors++;
    }
    l.expr = compile(L, n, "<let value>", value);
    free(value);
    *v = gr_grow(*v, cap, *cnt + 1, sizeof l);
    (*v)[(*cnt)++] = l;
}

static int lang_is(xmlNodePtr n, const char *lang)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"lang");
    int r;
    if (!v) return strcmp(lang, "zh") == 0 ? 2 : 0;   /* no lang: both */
    r = strcmp((const char *)v, lang) == 0;
    xmlFree(v);
    return r;
}

static void load_rule(loader *L, gr_rules *R, xmlNodePtr n)
{
    rule r;
    xmlNodePtr c;
    char *cls, *expr;
    memset(&r, 0, sizeof r);
    r.id = prop(n, "id");
    r.line = gr_line(n);
    if (!r.id || !r.id[0]) {
        gr_syserror(L->ctx, L->file, r.line, GR_TEXT(RULES_RULE_FILE_RULE_LACKS));
        L->errors++;
    }
    cls = prop(n, "class");
    if (cls && strcmp(cls, "錯誤") == 0) r.cls = GR_CLASS_ERROR;
    else if (cls && strcmp(cls, "未達規定") == 0) r.cls = GR_CLASS_UNMET;
    else if (cls && strcmp(cls, "提醒") == 0) r.cls = GR_CLASS_NOTE;
    else {
        gr_syserror(L->ctx, L->file, r.line, GR_TEXT(RULES_RULE_FILE_CLASS_RULE),
                    r.id ? r.id : "?");
        L->errors++;
    }
    free(cls);
    expr = prop(n, "context");
    r.context = compile(L, n, "context", expr);
    free(expr);
    expr = prop(n, "assert");
    r.assert_ = compile(L, n, "assert", expr);
    free(expr);
    expr = prop(n, "at");
    if (expr) r.at = compile(L, n, "at", expr);
    free(expr);
    for (c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (gr_is_elem(c, "let")) add_let(L, c, &r.lets, &r.nlets, &r.caplets);
        else if (gr_is_elem(c, "message") || gr_is_elem(c, "advice") || gr_is_elem(c, "source")) {
            int adv = gr_is_elem(c, "advice"), src = gr_is_elem(c, "source");
            msg *zh = adv ? &r.adv_zh : src ? &r.src_zh : &r.msg_zh;
            msg *en = adv ? &r.adv_en : src ? &r.src_en : &r.msg_en;
            int z = lang_is(c, "zh");
            if (z == 2) {                 /* no lang attribute: both */
                if (!zh->n) parse_msg(L, c, zh);
                if (!en->n) parse_msg(L, c, en);
            } else if (z) {
                free_msg(zh);
                memset(zh, 0, sizeof *zh);
                parse_msg(L, c, zh);
            } else if (lang_is(c, "en")) {
                free_msg(en);
                memset(en, 0, sizeof *en);
                parse_msg(L, c, en);
            }
        } else {
            gr_syserror(L->ctx, L->file, gr_line(c), GR_TEXT(RULES_RULE_FILE_UNKNOWN_RULE), (const char *)c->name);
            L->errors++;
        }
    }
    if (!r.msg_zh.n || !r.msg_en.n) {
        gr_syserror(L->ctx, L->file, r.line, GR_TEXT(RULES_RULE_FILE_RULE_LACKS_2), r.id ? r.id : "?");
        L->errors++;
    }
    R->rules = gr_grow(R->rules, &R->caprules, R->nrules + 1, sizeof r);
    R->rules[R->nrules++] = r;
}

static int parse_year(const char *s)
{
    int v = 0;
    if (!s || !*s) return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 9999) return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

gr_rules *gr_rules_load(gr_ctx *ctx, const char *path)
{
    loader L;
    gr_rules *R = gr_calloc(1, sizeof *R);
    xmlNodePtr root, n;
    char *a;
    L.ctx = ctx;
    L.file = path;
    L.errors = 0;
    R->path = gr_strdup(path);
    R->doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
    root = R->doc ? xmlDocGetRootElement(R->doc) : NULL;
    if (!root || !gr_is_elem(root, "rules")) {
        gr_syserror(ctx, path, 0, GR_TEXT(RULES_CANNOT_READ_RULE_FILE));
        gr_rules_free(R);
        return NULL;
    }
    a = prop(root, "first-year");
    R->first = parse_year(a);
    free(a);
    a = prop(root, "last-year");
    R->last = parse_year(a);
    free(a);
    if (R->first < 0 || R->last < R->first) {
        gr_syserror(ctx, path, gr_line(root), GR_TEXT(RULES_RULE_FILE_RULES_MUST));
        L.errors++;
    }
    for (n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (gr_is_elem(n, "rule")) load_rule(&L, R, n);
        else if (gr_is_elem(n, "let")) add_let(&L, n, &R->lets, &R->nlets, &R->caplets);
        else if (gr_is_elem(n, "table")) {
            table t;
            t.name = prop(n, "name");
            t.node = n;
            if (!t.name) {
                gr_syserror(ctx, path, gr_line(n), GR_TEXT(RULES_RULE_FILE_TABLE_LACKS));
                L.errors++;
                t.name = gr_strdup("");
            }
            R->tables = gr_grow(R->tables, &R->captables, R->ntables + 1, sizeof t);
            R->tables[R->ntables++] = t;
        } else if (!gr_is_elem(n, "title") && !gr_is_elem(n, "description")) {
            gr_syserror(ctx, path, gr_line(n), GR_TEXT(RULES_RULE_FILE_UNKNOWN_ELEMENT),
                        (const char *)n->name);
            L.errors++;
        }
    }
    if (L.errors) {
        gr_rules_free(R);
        return NULL;
    }
    return R;
}

static void free_lets(let *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        free(v[i].name);
        if (v[i].expr) xmlXPathFreeCompExpr(v[i].expr);
    }
    free(v);
}

void gr_rules_free(gr_rules *R)
{
    size_t i;
    if (!R) return;
    for (i = 0; i < R->nrules; i++) {
        rule *r = &R->rules[i];
        free(r->id);
        if (r->context) xmlXPathFreeCompExpr(r->context);
        if (r->assert_) xmlXPathFreeCompExpr(r->assert_);
        if (r->at) xmlXPathFreeCompExpr(r->at);
        free_lets(r->lets, r->nlets);
        free_msg(&r->msg_zh); free_msg(&r->msg_en);
        free_msg(&r->adv_zh); free_msg(&r->adv_en);
        free_msg(&r->src_zh); free_msg(&r->src_en);
    }
    free(R->rules);
    free_lets(R->lets, R->nlets);
    for (i = 0; i < R->ntables; i++) free(R->tables[i].name);
    free(R->tables);
    if (R->doc) xmlFreeDoc(R->doc);
    free(R->path);
    free(R);
}

int gr_rules_years(const gr_rules *r, int *first, int *last)
{
    *first = r->first;
    *last = r->last;
    return GR_OK;
}

/* ================================================================ run */

typedef struct runner {
    gr_ctx *ctx;
    gr_rules *R;
    const char *file;
    xmlXPathContextPtr x;
    int broken;
} runner;

static xmlXPathObjectPtr eval_at(runner *U, xmlXPathCompExprPtr e, xmlNodePtr node, int line)
{
    xmlXPathObjectPtr o;
    U->x->node = node;
    U->x->contextSize = 1;
    U->x->proximityPosition = 1;
    o = xmlXPathCompiledEval(e, U->x);
    if (!o && !U->broken) {
        gr_syserror(U->ctx, U->R->path, line, GR_TEXT(RULES_RULE_FILE_XPATH_EXPRESSION_2));
        U->broken = 1;
    }
    return o;
}

static void bind_lets(runner *U, let *v, size_t n, xmlNodePtr node, int line)
{
    size_t i;
    for (i = 0; i < n; i++) {
        xmlXPathObjectPtr o = v[i].expr ? eval_at(U, v[i].expr, node, line) : NULL;
        if (o) xmlXPathRegisterVariable(U->x, (const xmlChar *)v[i].name, o);
    }
}

static void unbind_lets(runner *U, let *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) xmlXPathRegisterVariable(U->x, (const xmlChar *)v[i].name, NULL);
}

/* A value inside a one-line message: runs of white space (line breaks of
 * the data included) become one space, leading and trailing ones go. */
static void add_one_line(gr_buf *out, const char *s)
{
    int space = 0, any = 0;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') { space = 1; continue; }
        if (space && any) gr_buf_addc(out, ' ');
        gr_buf_addc(out, *s);
        space = 0;
        any = 1;
    }
}

static void render(runner *U, const msg *m, xmlNodePtr node, int line, gr_buf *out)
{
    size_t i;
    for (i = 0; i < m->n; i++) {
        if (m->v[i].text) gr_buf_adds(out, m->v[i].text);
        else if (m->v[i].expr) {
            xmlXPathObjectPtr o = eval_at(U, m->v[i].expr, node, line);
            xmlChar *s = o ? xmlXPathCastToString(o) : NULL;
            if (s) add_one_line(out, (const char *)s);
            xmlFree(s);
            xmlXPathFreeObject(o);
        }
    }
}

static void report_rule(runner *U, rule *r, xmlNodePtr node)
{
    gr_buf zh, en, szh, sen;
    int line = gr_line(node);
    if (r->at) {
        xmlXPathObjectPtr o = eval_at(U, r->at, node, r->line);
        if (o && o->type == XPATH_NODESET && o->nodesetval && o->nodesetval->nodeNr > 0)
            line = gr_line(o->nodesetval->nodeTab[0]);
        xmlXPathFreeObject(o);
    }
    gr_buf_init(&zh);
    gr_buf_init(&en);
    gr_buf_init(&szh);
    gr_buf_init(&sen);
    render(U, &r->src_zh, node, r->line, &szh);
    render(U, &r->src_en, node, r->line, &sen);
    render(U, &r->msg_zh, node, r->line, &zh);
    render(U, &r->msg_en, node, r->line, &en);
    /* message, then (rule；依據：source), then 建議：advice */
    if (r->src_zh.n)
        gr_buf_printf(&zh, gr_msg_zh_RULE_ID_SOURCE, r->id, gr_buf_cstr(&szh));
    else
        gr_buf_printf(&zh, gr_msg_zh_RULE_ID, r->id);
    if (r->adv_zh.n) { gr_buf_adds(&zh, gr_msg_zh_RULE_ADVICE); render(U, &r->adv_zh, node, r->line, &zh); }
    if (r->src_en.n)
        gr_buf_printf(&en, gr_msg_en_RULE_ID_SOURCE, r->id, gr_buf_cstr(&sen));
    else
        gr_buf_printf(&en, gr_msg_en_RULE_ID, r->id);
    if (r->adv_en.n) { gr_buf_adds(&en, gr_msg_en_RULE_ADVICE); render(U, &r->adv_en, node, r->line, &en); }
    gr_report_rule(U->ctx, r->cls, U->file, line, r->id,
                   r->src_zh.n ? gr_buf_cstr(&szh) : NULL, r->src_en.n ? gr_buf_cstr(&sen) : NULL,
                   gr_buf_cstr(&zh), gr_buf_cstr(&en));
    gr_buf_free(&zh);
    gr_buf_free(&en);
    gr_buf_free(&szh);
    gr_buf_free(&sen);
}

static int run_rule(runner *U, rule *r, xmlNodePtr root)
{
    xmlXPathObjectPtr ctxs = eval_at(U, r->context, root, r->line);
    int i, failed = 0;
    if (!ctxs) return 0;
    if (ctxs->type != XPATH_NODESET) {
        gr_syserror(U->ctx, U->R->path, r->line, GR_TEXT(RULES_RULE_FILE_CONTEXT_RULE), r->id);
        U->broken = 1;
        xmlXPathFreeObject(ctxs);
        return 0;
    }
    for (i = 0; ctxs->nodesetval && i < ctxs->nodesetval->nodeNr && !U->broken; i++) {
        xmlNodePtr node = ctxs->nodesetval->nodeTab[i];
        xmlXPathObjectPtr ok;
        bind_lets(U, r->lets, r->nlets, node, r->line);
        ok = eval_at(U, r->assert_, node, r->line);
        if (ok && !xmlXPathCastToBoolean(ok)) {
            report_rule(U, r, node);
            if (r->cls == GR_CLASS_ERROR) failed++;
        }
        xmlXPathFreeObject(ok);
        unbind_lets(U, r->lets, r->nlets);
    }
    xmlXPathFreeObject(ctxs);
    return failed;
}

int gr_rules_run(gr_ctx *ctx, gr_rules *R, xmlDocPtr doc, const char *file, xmlDocPtr form)
{
    runner U;
    xmlNodePtr root = xmlDocGetRootElement(doc), c;
    size_t i;
    int failed = 0;
    memset(&U, 0, sizeof U);
    U.ctx = ctx;
    U.R = R;
    U.file = file;
    U.x = xmlXPathNewContext(doc);
    if (!U.x) return gr_syserror(ctx, file, 0, GR_TEXT(RULES_CANNOT_CREATE_XPATH_CONTEXT));
    U.x->error = swallow;             /* evaluation failures: eval_at reports */
    for (i = 0; i < R->ntables; i++) {
        xmlNodeSetPtr set = xmlXPathNodeSetCreate(NULL);
        for (c = R->tables[i].node->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE) xmlXPathNodeSetAdd(set, c);
        xmlXPathRegisterVariable(U.x, (const xmlChar *)R->tables[i].name, xmlXPathWrapNodeSet(set));
    }
    /* $form: the form data of the year's form (docs/form-data.md) */
    xmlXPathRegisterVariable(U.x, (const xmlChar *)"form",
                             xmlXPathNewNodeSet(form ? xmlDocGetRootElement(form) : NULL));
    bind_lets(&U, R->lets, R->nlets, root, 0);
    for (i = 0; i < R->nrules && !U.broken; i++)
        failed += run_rule(&U, &R->rules[i], root);
    xmlXPathFreeContext(U.x);
    if (U.broken) return GR_ESYS;
    return failed ? GR_EINPUT : GR_OK;
}

/* ================================================================ entry */

static void scan_rulesets(gr_ctx *ctx, gr_domain_cache *c, const gr_kind *k)
{
    char *dir = gr_path_join(c->datadir, k->rules_dir);
    char **names = gr_list_dir(dir);
    size_t i;
    free(c->rules_scanned);
    c->rules_scanned = gr_strdup(k->root);
    for (i = 0; names && names[i]; i++) {
        size_t len = strlen(names[i]);
        gr_ruleset rs;
        if (len < 5 || strcmp(names[i] + len - 4, ".xml") != 0) continue;
        memset(&rs, 0, sizeof rs);
        rs.kind = gr_strdup(k->root);
        rs.name = gr_strdup(names[i]);
        rs.path = gr_path_join(dir, names[i]);
        rs.tried = 1;
        rs.rules = gr_rules_load(ctx, rs.path);
        if (rs.rules) gr_rules_years(rs.rules, &rs.first, &rs.last);
        c->rulesets = gr_grow(c->rulesets, &c->caprulesets, c->nrulesets + 1, sizeof rs);
        c->rulesets[c->nrulesets++] = rs;
    }
    gr_free_names(names);
    free(dir);
}

int gr_data_check_rules(gr_ctx *ctx, xmlDocPtr doc, const char *path, const gr_data_opts *o)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    const gr_kind *k = root ? gr_kind_find((const char *)root->name) : NULL;
    gr_domain_cache *own, *c;
    gr_ruleset *hit = NULL;
    long long year;
    size_t i;
    int rc = GR_OK, broken = 0;
    if (!k) return GR_EINPUT;
    if (!k->rules_dir) return GR_OK;             /* the kind has no rules */
    year = gr_int(gr_child(root, "年度"));
    c = gr_cache_for(o, &own);
    if (!c->rules_scanned || strcmp(c->rules_scanned, k->root) != 0) scan_rulesets(ctx, c, k);
    for (i = 0; i < c->nrulesets; i++) {
        gr_ruleset *rs = &c->rulesets[i];
        if (strcmp(rs->kind, k->root) != 0) continue;
        if (!rs->rules) { broken = 1; continue; }
        if (year >= rs->first && year <= rs->last) {
            if (hit) {
                rc = gr_syserror(ctx, rs->path, 0, GR_TEXT(RULES_RULE_FILES_BOTH_DECLARE), hit->name, rs->name, year);
                gr_domain_cache_free(own);
                return rc;
            }
            hit = rs;
        }
    }
    if (!hit) {
        gr_domain_cache_free(own);
        if (broken) return GR_ESYS;
        return gr_error(ctx, path, gr_line(gr_child(root, "年度")), GR_TEXT(RULES_RULE_FILE_SERVES_YEAR),
                        year);
    }
    rc = gr_rules_run(ctx, hit->rules, doc, path, gr_form_data_for_year(c, k, year));
    gr_domain_cache_free(own);
    return rc;
}

char *gr_data_rules_period(gr_ctx *ctx, xmlDocPtr doc, const gr_data_opts *o)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    const gr_kind *k = root ? gr_kind_find((const char *)root->name) : NULL;
    gr_domain_cache *own, *c;
    char *out = NULL;
    long long year;
    size_t i;
    if (!k || !k->rules_dir) return NULL;       /* a kind without rule files */
    year = gr_int(gr_child(root, "年度"));
    c = gr_cache_for(o, &own);
    if (!c->rules_scanned || strcmp(c->rules_scanned, k->root) != 0) scan_rulesets(ctx, c, k);
    for (i = 0; i < c->nrulesets && !out; i++) {
            gr_ruleset *rs = &c->rulesets[i];
            size_t n = strlen(rs->name);
            if (strcmp(rs->kind, k->root) == 0 && rs->rules && year >= rs->first && year <= rs->last) {
                out = gr_strdup(rs->name);
                if (n > 4 && strcmp(out + n - 4, ".xml") == 0) out[n - 4] = 0;
            }
        }
    gr_domain_cache_free(own);
    return out;
}
