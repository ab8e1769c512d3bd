/* load.c — reading a data file safely and validating it: libxml2 with no
 * network, no DTD and no entity expansion (a DOCTYPE stops the parse), line
 * numbers kept; the RelaxNG schema named by the root element and its 版本
 * (templates/schema/<kind>-<版本>.rng, parsed once per run); empty fields
 * reported as 「請填寫」; evidence files checked against the data folder;
 * libxml2's validation errors turned into messages in the user's terms
 * (element names, allowed values and the schema's own documentation). */
#define _XOPEN_SOURCE 700              /* realpath */
#include "domain_int.h"
#include "../util/msg.h"
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DATA_BYTES (32u * 1024u * 1024u)
#define MAX_REPORTS 100
#define MAX_ELEMENTS 30000
#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define ANN_NS "http://relaxng.org/ns/compatibility/annotations/1.0"

/* ================================================================ parse */

typedef struct parse_state {
    gr_ctx *ctx;
    const char *file;
    const char *data;          /* the file's bytes, to look at the error's line */
    size_t len;
    int saw_doctype, doctype_line;
    int reports;
} parse_state;

static void on_doctype(void *user, const xmlChar *name, const xmlChar *ext,
                       const xmlChar *sys)
{
    xmlParserCtxtPtr c = user;
    parse_state *P = c->_private;
    P->saw_doctype = 1;
    P->doctype_line = c->input ? c->input->line : 0;
    xmlStopParser(c);
}

/* Line `line` (1-based) of the data, as a pointer and a length. */
static const char *line_text(const parse_state *P, int line, size_t *n)
{
    const char *p = P->data, *end = P->data + P->len, *e;
    int k;
    for (k = 1; k < line && p < end; k++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) { p = end; break; }
        p = nl + 1;
    }
    e = memchr(p, '\n', (size_t)(end - p));
    *n = (size_t)((e ? e : end) - p);
    return p;
}

static int has_bytes(const char *p, size_t n, const char *what)
{
    size_t w = strlen(what);
    for (; n >= w; p++, n--)
        if (memcmp(p, what, w) == 0) return 1;
    return 0;
}

/* The data ends in the middle of its last line (no closing '>' after the
 * last non-blank byte) and the error is on that line or after it: the
 * file was cut off, whatever libxml2 then says of the unfinished tag or
 * text. Returns that last line's number, or 0. */
static int cut_off(const parse_state *P, int line)
{
    size_t n = P->len;
    int last = 1;
    const char *p;
    while (n && (P->data[n - 1] == ' ' || P->data[n - 1] == '\t' ||
                 P->data[n - 1] == '\n' || P->data[n - 1] == '\r')) n--;
    if (!n || P->data[n - 1] == '>') return 0;
    for (p = P->data; (p = memchr(p, '\n', (size_t)(P->data + n - p))) != NULL; p++) last++;
    return line >= last ? last : 0;
}

/* The first cause of a syntax error, in the user's terms (messages.def);
 * the source line tells Word's curly quotes and a bare & or < apart. */
static void parse_error_text(const parse_state *P, const xmlError *e, gr_buf *zh, gr_buf *en,
                             int *line)
{
    const char *msg = e->message ? e->message : "";
    size_t n = strlen(msg), ln;
    const char *src = line_text(P, e->line, &ln);
    char num[16];
    char *m;
    int cut;
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
    if ((cut = cut_off(P, e->line)) > 0) {
        gr_msg_append(zh, en, GR_M_XML_CUT_OFF, 0, NULL);
        *line = cut;                     /* the cut line, not the one after */
        return;
    }
    m = gr_strndup(msg, n);
    switch (e->code) {
    case XML_ERR_TAG_NAME_MISMATCH:
        snprintf(num, sizeof num, "%d", e->int1);
        gr_msg_append(zh, en, GR_M_XML_END_TAG_MISSING, GR_MSG_ARGS(e->str1 ? e->str1 : "?",
                      e->str1 ? e->str1 : "?", e->str2 ? e->str2 : "?"));
        if (e->int1 > 0) *line = e->int1;     /* where the unclosed element starts */
        break;
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_LTSLASH_REQUIRED:
        if (e->str1 && e->code == XML_ERR_TAG_NOT_FINISHED) {
            gr_msg_append(zh, en, GR_M_XML_END_OF_FILE, GR_MSG_ARGS(e->str1, e->str1));
            if (e->int1 > 0) *line = e->int1;
        } else if (e->code == XML_ERR_DOCUMENT_END) {
            gr_msg_bufs(zh, en, GR_TEXT(DATA_THERE_CONTENT_AFTER_ROOT));
        } else {
            gr_msg_append(zh, en, GR_M_XML_OTHER, GR_MSG_ARGS(m));
        }
        break;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
        gr_msg_bufs(zh, en, GR_TEXT(DATA_ENTITY_REFERENCE_ACCEPTED_WRITE),
                      e->str1 ? e->str1 : "?");
        break;
    case XML_ERR_DOCUMENT_EMPTY:
        gr_msg_bufs(zh, en, GR_TEXT(DATA_FILE_EMPTY_START_SKELETON));
        break;
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
        gr_msg_append(zh, en, GR_M_XML_NOT_UTF8, 0, NULL);
        break;
    case XML_ERR_ATTRIBUTE_REDEFINED:
        gr_msg_append(zh, en, GR_M_XML_ATTR_TWICE, GR_MSG_ARGS(e->str1 ? e->str1 : "?"));
        break;
    default:
        if (gr_xml_limit_text(m, 0)) {                 /* depth, size: our words */
            gr_buf_adds(zh, gr_xml_limit_text(m, 0));
            gr_buf_adds(en, gr_xml_limit_text(m, 1));
        } else if (has_bytes(src, ln, "\xe2\x80\x9c") || has_bytes(src, ln, "\xe2\x80\x9d") ||
            has_bytes(src, ln, "\xe2\x80\x98") || has_bytes(src, ln, "\xe2\x80\x99"))
            gr_msg_append(zh, en, GR_M_XML_CURLY_QUOTE, 0, NULL);          /* “ ” ‘ ’ */
        else if ((e->code == XML_ERR_ENTITYREF_SEMICOL_MISSING || e->code == XML_ERR_NAME_REQUIRED ||
                  e->code == XML_ERR_ENTITYREF_NO_NAME) && has_bytes(src, ln, "&"))
            gr_msg_append(zh, en, GR_M_XML_BARE_AMP, 0, NULL);
        else if (e->code == XML_ERR_NAME_REQUIRED || e->code == XML_ERR_LT_IN_ATTRIBUTE)
            gr_msg_append(zh, en, GR_M_XML_BARE_LT, 0, NULL);
        else if (e->code == XML_ERR_ATTRIBUTE_NOT_STARTED || e->code == XML_ERR_ATTRIBUTE_WITHOUT_VALUE)
            gr_msg_append(zh, en, GR_M_XML_ATTR_NO_QUOTES, 0, NULL);
        else
            gr_msg_append(zh, en, GR_M_XML_OTHER, GR_MSG_ARGS(m));
        break;
    }
    free(m);
}

/* Only the first error is the cause; what libxml2 reports after it (end
 * tags that no longer match, the document's end) follows from it. */
static void on_parse_error(void *user, xmlErrorPtr e)
{
    xmlParserCtxtPtr c = user;
    parse_state *P = c->_private;
    gr_buf zh, en;
    int line;
    if (!e || e->level == XML_ERR_WARNING || P->saw_doctype) return;
    if (++P->reports > 1) return;
    line = e->line;
    gr_buf_init(&zh);
    gr_buf_init(&en);
    gr_msg_bufs(&zh, &en, GR_TEXT(DATA_XML_PREFIX));
    parse_error_text(P, e, &zh, &en, &line);
    gr_report(P->ctx, 1, P->file, line, gr_buf_cstr(&zh), gr_buf_cstr(&en));
    gr_buf_free(&zh);
    gr_buf_free(&en);
}

static xmlDocPtr parse_data(gr_ctx *ctx, const char *path, const char *data, size_t len)
{
    parse_state P;
    xmlParserCtxtPtr c;
    xmlDocPtr doc;
    int wellformed, errs = ctx->nerrors;
    memset(&P, 0, sizeof P);
    P.ctx = ctx;
    P.file = path;
    P.data = data;
    P.len = len;
    xmlInitParser();
    c = xmlNewParserCtxt();
    if (!c) {
        gr_syserror(ctx, path, 0, GR_TEXT(DATA_CANNOT_CREATE_XML_PARSER));
        return NULL;
    }
    c->_private = &P;
    c->sax->internalSubset = on_doctype;
    c->sax->serror = on_parse_error;
    doc = xmlCtxtReadMemory(c, data, (int)len, path, NULL,
                            XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
    wellformed = c->wellFormed;
    xmlFreeParserCtxt(c);
    if (P.saw_doctype) {
        gr_error(ctx, path, P.doctype_line, GR_TEXT(DATA_FILE_MUST_CONTAIN_DOCTYPE));
        if (doc) xmlFreeDoc(doc);
        return NULL;
    }
    if (!doc || !wellformed || ctx->nerrors > errs) {
        if (ctx->nerrors == errs)
            gr_error(ctx, path, 0, GR_TEXT(DATA_MALFORMED_XML));
        if (doc) xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

/* ================================================================ text */

#define MAX_TEXT_REPORTS 10
/* One text of the data is at most this many characters (about 60 printed
 * pages): a paragraph is shaped and laid out whole, at ~200 bytes of memory
 * per character (text/para.c), so a single 9.5 MB text took 620 MB to
 * build. No form field holds anything near this. */
#define MAX_TEXT_CHARS 100000

/* Report forbidden characters (gr_cp_forbidden: stray controls, C1, bidi
 * overrides) in one text or attribute value, and a value longer than
 * MAX_TEXT_CHARS; `line` is where the value starts, newlines inside it move
 * on. Returns the number of faults. */
static int check_value(gr_ctx *ctx, const char *file, int line, const char *elem,
                       const char *attr, const char *v, int *reports)
{
    size_t i = 0, len = strlen(v), chars = 0;
    int found = 0, line0 = line;
    /* libxml2 dates a text node that opens with a line break from the
       line after that break */
    if (!attr && v[0] == '\n') i = 1;
    while (i < len) {
        uint32_t cp;
        int n = gr_utf8_decode(v + i, len - i, &cp);
        chars++;
        if (cp == '\n') line++;
        else if (gr_cp_forbidden(cp)) {
            found++;
            if (++*reports <= MAX_TEXT_REPORTS) {
                gr_msg_id kind = cp >= 0x200E ? GR_M_CHAR_BIDI_CONTROL : GR_M_CHAR_CONTROL;
                if (attr)
                    gr_error(ctx, file, line, GR_TEXT(DATA_ATTRIBUTE_CONTAINS_CONTROL_CHARACTER),
                             elem, attr, GR_PAIR(kind), (unsigned)cp);
                else
                    gr_error(ctx, file, line, GR_TEXT(DATA_TEXT_CONTAINS_CONTROL_CHARACTER),
                             elem, GR_PAIR(kind), (unsigned)cp);
            }
        }
        i += (size_t)n;
    }
    if (chars > MAX_TEXT_CHARS) {
        found++;
        gr_error(ctx, file, line0, GR_TEXT(LOAD_S_THE_TEXT_HAS_ZU),
                 elem, chars, MAX_TEXT_CHARS);
    }
    return found;
}

/* Every text and attribute value of the document (iteratively: deep
 * documents must not recurse). */
static int check_text(gr_ctx *ctx, const char *file, xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), c = root;
    int found = 0, reports = 0;
    while (c) {
        if (c->type == XML_ELEMENT_NODE) {
            xmlAttrPtr a;
            for (a = c->properties; a; a = a->next) {
                xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
                if (v) found += check_value(ctx, file, gr_line(c), (const char *)c->name,
                                            (const char *)a->name, (const char *)v, &reports);
                xmlFree(v);
            }
        } else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            int line = gr_line(c);
            if (line <= 0 && c->parent) line = gr_line(c->parent);
            found += check_value(ctx, file, line,
                                 c->parent ? (const char *)c->parent->name : "?", NULL,
                                 (const char *)c->content, &reports);
        }
        if (c->type == XML_ELEMENT_NODE && c->children) { c = c->children; continue; }
        while (c && c != root && !c->next) c = c->parent;
        if (!c || c == root) break;
        c = c->next;
    }
    if (reports > MAX_TEXT_REPORTS)
        gr_error(ctx, file, 0, GR_TEXT(DATA_MORE_CONTROL_CHARACTERS_LISTED),
                 reports - MAX_TEXT_REPORTS);
    return found;
}

/* ================================================================ schema */

static xmlNodePtr rng_first(xmlNodePtr n)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, RNG_NS) == 0)
            return n;
    return NULL;
}

static xmlNodePtr rng_next(xmlNodePtr n) { return n ? rng_first(n->next) : NULL; }

static int rng_is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns &&
           strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

static int attr_is(xmlNodePtr n, const char *attr, const char *value)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    int same = v && strcmp((const char *)v, value) == 0;
    xmlFree(v);
    return same;
}

static xmlNodePtr find_define(xmlDocPtr g, const char *name)
{
    xmlNodePtr root = xmlDocGetRootElement(g), n;
    for (n = rng_first(root ? root->children : NULL); n; n = rng_next(n))
        if (rng_is(n, "define") && attr_is(n, "name", name)) return n;
    return NULL;
}

/* Every <element name=NAME> (or <attribute>) definition, in document
 * order, through a callback. */
typedef void (*def_fn)(xmlDocPtr g, xmlNodePtr def, void *u);
static void each_def(xmlDocPtr g, xmlNodePtr n, const char *kind, const char *name,
                     def_fn fn, void *u)
{
    for (n = rng_first(n); n; n = rng_next(n)) {
        if (rng_is(n, kind) && attr_is(n, "name", name)) fn(g, n, u);
        each_def(g, n->children, kind, name, fn, u);
    }
}

/* optional/zeroOrMore/group holding attributes only */
static int only_attributes(xmlNodePtr n)
{
    xmlNodePtr c;
    int any = 0;
    if (!rng_is(n, "optional") && !rng_is(n, "group") && !rng_is(n, "zeroOrMore"))
        return 0;
    for (c = rng_first(n->children); c; c = rng_next(c)) {
        if (!rng_is(c, "attribute") && !only_attributes(c)) return 0;
        any = 1;
    }
    return any;
}

/* 1 if the pattern list starting at n needs a non-empty value (data or
 * value only, through refs and choices). */
static int needs_value(xmlDocPtr g, xmlNodePtr n, int depth)
{
    xmlNodePtr only = NULL, c;
    int count = 0;
    if (depth > 8) return 0;
    for (c = rng_first(n); c; c = rng_next(c)) {
        if (rng_is(c, "attribute") || only_attributes(c)) continue;
        only = c;
        count++;
    }
    if (count != 1) return 0;
    if (rng_is(only, "data")) {
        xmlChar *t = xmlGetProp(only, (const xmlChar *)"type");
        int plain = t && strcmp((const char *)t, "string") == 0 && !rng_first(only->children);
        xmlFree(t);
        return !plain;
    }
    if (rng_is(only, "value")) {
        xmlChar *v = xmlNodeGetContent(only);
        int ok = v && v[0];
        xmlFree(v);
        return ok;
    }
    if (rng_is(only, "choice")) {
        for (c = rng_first(only->children); c; c = rng_next(c)) {
            if (!needs_value(g, c, depth + 1) && !(rng_is(c, "value") || rng_is(c, "data")))
                return 0;
            if (rng_is(c, "group") || rng_is(c, "element") || rng_is(c, "empty")) return 0;
        }
        return 1;
    }
    if (rng_is(only, "ref")) {
        xmlChar *name = xmlGetProp(only, (const xmlChar *)"name");
        xmlNodePtr d = name ? find_define(g, (const char *)name) : NULL;
        xmlFree(name);
        return d ? needs_value(g, d->children, depth + 1) : 0;
    }
    return 0;
}

struct needs_acc { int seen, all; };
static void needs_one(xmlDocPtr g, xmlNodePtr def, void *u)
{
    struct needs_acc *a = u;
    a->seen++;
    if (!needs_value(g, def->children, 0)) a->all = 0;
}

/* Does every definition of element `name` need a non-empty value? */
static int element_needs_value(gr_schema *s, const char *name)
{
    struct needs_acc a = { 0, 1 };
    xmlNodePtr root = xmlDocGetRootElement(s->doc);
    each_def(s->doc, root ? root->children : NULL, "element", name, needs_one, &a);
    return a.seen > 0 && a.all;
}

/* The allowed values of an element or attribute (all its definitions). */
typedef struct values_acc { gr_buf list; int n; } values_acc;

static int listed_in(const char *list, const char *v);

static void add_value(values_acc *a, const char *v)
{
    if (a->n && listed_in(gr_buf_cstr(&a->list), v)) return;
    if (a->n++) gr_buf_adds(&a->list, "、");
    gr_buf_adds(&a->list, v);
}

static void collect_values(xmlDocPtr g, xmlNodePtr n, values_acc *a, int depth)
{
    if (depth > 8) return;
    for (n = rng_first(n); n; n = rng_next(n)) {
        if (rng_is(n, "element") || rng_is(n, "attribute")) continue;
        if (rng_is(n, "value")) {
            xmlChar *v = xmlNodeGetContent(n);
            if (v) add_value(a, (const char *)v);
            xmlFree(v);
        } else if (rng_is(n, "ref")) {
            xmlChar *name = xmlGetProp(n, (const xmlChar *)"name");
            xmlNodePtr d = name ? find_define(g, (const char *)name) : NULL;
            xmlFree(name);
            if (d) collect_values(g, d->children, a, depth + 1);
        } else {
            collect_values(g, n->children, a, depth + 1);
        }
    }
}

static void values_one(xmlDocPtr g, xmlNodePtr def, void *u)
{
    collect_values(g, def->children, u, 0);
}

/* "A群、B群、…" (newly allocated) or NULL when the element takes no list. */
static char *allowed_values(gr_schema *s, const char *kind, const char *name)
{
    values_acc a;
    xmlNodePtr root = xmlDocGetRootElement(s->doc);
    memset(&a, 0, sizeof a);
    each_def(s->doc, root ? root->children : NULL, kind, name, values_one, &a);
    if (!a.n) { gr_buf_free(&a.list); return NULL; }
    {
        char *r = gr_strdup(gr_buf_cstr(&a.list));
        gr_buf_free(&a.list);
        return r;
    }
}

/* Is v one of the 、-separated values of list? */
static int listed_in(const char *list, const char *v)
{
    const char *p = list;
    size_t vl = strlen(v);
    while (p && *p) {
        const char *e = strstr(p, "、");
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == vl && strncmp(p, v, vl) == 0) return 1;
        p = e ? e + 3 : NULL;
    }
    return 0;
}

/* The a:documentation of the first definition of an element/attribute
 * that has one: the schema's Chinese note (no xml:lang), or with en its
 * English one (xml:lang="en"), which only some definitions have. */
struct doc_acc { char *text; int en; };
static void doc_one(xmlDocPtr g, xmlNodePtr def, void *u)
{
    struct doc_acc *a = u;
    xmlNodePtr c;
    if (a->text) return;
    for (c = def->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && c->ns &&
            strcmp((const char *)c->ns->href, ANN_NS) == 0 &&
            strcmp((const char *)c->name, "documentation") == 0) {
            xmlChar *lang = xmlNodeGetLang(c);
            int en = lang && strcmp((const char *)lang, "en") == 0;
            xmlFree(lang);
            if (en != a->en) continue;
            a->text = gr_text(c);
            return;
        }
}

static char *documentation_in(gr_schema *s, const char *kind, const char *name, int en)
{
    struct doc_acc a = { NULL, en };
    xmlNodePtr root = xmlDocGetRootElement(s->doc);
    each_def(s->doc, root ? root->children : NULL, kind, name, doc_one, &a);
    return a.text;
}

static char *documentation(gr_schema *s, const char *kind, const char *name)
{
    return documentation_in(s, kind, name, 0);
}

/* Required child elements of the first definition of `name`. */
static void required_children(xmlDocPtr g, xmlNodePtr n, gr_buf *names, int depth)
{
    if (depth > 8) return;
    for (n = rng_first(n); n; n = rng_next(n)) {
        if (rng_is(n, "element")) {
            xmlChar *nm = xmlGetProp(n, (const xmlChar *)"name");
            if (nm) { gr_buf_adds(names, (const char *)nm); gr_buf_addc(names, '\n'); }
            xmlFree(nm);
        } else if (rng_is(n, "group") || rng_is(n, "oneOrMore") || rng_is(n, "interleave")) {
            required_children(g, n->children, names, depth + 1);
        } else if (rng_is(n, "ref")) {
            xmlChar *nm = xmlGetProp(n, (const xmlChar *)"name");
            xmlNodePtr d = nm ? find_define(g, (const char *)nm) : NULL;
            xmlFree(nm);
            if (d) required_children(g, d->children, names, depth + 1);
        }
    }
}

struct req_acc { xmlNodePtr def; };
static void req_one(xmlDocPtr g, xmlNodePtr def, void *u)
{
    struct req_acc *a = u;
    if (!a->def) a->def = def;
}

/* 「<簡稱>、<X>」: required children of node's element missing from node. */
static char *missing_children(gr_schema *s, xmlNodePtr node)
{
    struct req_acc a = { NULL };
    gr_buf names, out;
    xmlNodePtr root = xmlDocGetRootElement(s->doc);
    char *p, *r;
    gr_buf_init(&names);
    gr_buf_init(&out);
    each_def(s->doc, root ? root->children : NULL, "element", (const char *)node->name, req_one, &a);
    if (a.def) required_children(s->doc, a.def->children, &names, 0);
    p = names.data ? (char *)gr_buf_cstr(&names) : NULL;
    while (p && *p) {
        char *nl = strchr(p, '\n');
        *nl = 0;
        if (!gr_child(node, p) && (!out.data || !strstr(gr_buf_cstr(&out), p))) {
            if (out.len) gr_buf_adds(&out, "、");
            gr_buf_printf(&out, "<%s>", p);
        }
        p = nl + 1;
    }
    r = out.len ? gr_strdup(gr_buf_cstr(&out)) : NULL;
    gr_buf_free(&names);
    gr_buf_free(&out);
    return r;
}

static void schema_versions(const char *dir, const char *prefix, gr_buf *out)
{
    char **names = gr_list_dir(dir);
    size_t i, pl = strlen(prefix);
    for (i = 0; names && names[i]; i++) {
        const char *n = names[i];
        size_t len = strlen(n);
        if (strncmp(n, prefix, pl) == 0 && n[pl] == '-' && len > pl + 5 &&
            strcmp(n + len - 4, ".rng") == 0) {
            if (out->len) gr_buf_adds(out, ", ");
            gr_buf_add(out, n + pl + 1, len - pl - 5);
        }
    }
    gr_free_names(names);
}

gr_schema *gr_schema_get(gr_ctx *ctx, gr_domain_cache *c, const char *datadir,
                         const gr_kind *k, const char *version,
                         const char *file, int line)
{
    size_t i;
    gr_schema s;
    char *dir, rel[256];
    xmlRelaxNGParserCtxtPtr pc;
    struct stat st;
    for (i = 0; i < c->nschemas; i++)
        if (strcmp(c->schemas[i].kind, k->root) == 0 && strcmp(c->schemas[i].version, version) == 0)
            return c->schemas[i].rng ? &c->schemas[i] : NULL;
    memset(&s, 0, sizeof s);
    dir = gr_path_join(datadir, "templates/schema");
    snprintf(rel, sizeof rel, "%s-%s.rng", k->schema_prefix, version);
    s.kind = gr_strdup(k->root);
    s.version = gr_strdup(version);
    s.name = gr_strdup(rel);
    s.path = gr_path_join(dir, rel);
    if (strspn(version, "0123456789") != strlen(version) || !version[0] ||
        stat(s.path, &st) != 0) {
        gr_buf have;
        gr_buf_init(&have);
        schema_versions(dir, k->schema_prefix, &have);
        gr_error(ctx, file, line, GR_TEXT(DATA_FORMAT_VERSION_DOES_EXIST),
                 k->root, version, have.len ? gr_buf_cstr(&have) : "—");
        gr_buf_free(&have);
    } else {
        s.doc = xmlReadFile(s.path, NULL, XML_PARSE_NONET);
        pc = s.doc ? xmlRelaxNGNewDocParserCtxt(s.doc) : NULL;
        if (pc) {
            xmlRelaxNGSetParserStructuredErrors(pc, NULL, NULL);
            s.rng = xmlRelaxNGParse(pc);
            xmlRelaxNGFreeParserCtxt(pc);
        }
        if (!s.rng)
            gr_syserror(ctx, s.path, 0, GR_TEXT(DATA_CANNOT_READ_DATA_FORMAT));
    }
    free(dir);
    c->schemas = gr_grow(c->schemas, &c->capschemas, c->nschemas + 1, sizeof s);
    c->schemas[c->nschemas++] = s;
    return s.rng ? &c->schemas[c->nschemas - 1] : NULL;
}

/* ================================================================ checks
 * done before RelaxNG so that the messages are precise; nodes reported
 * here are not reported again by the validation. */

/* Nodes reported before validation carry a flag in their _private field
 * while the file is loaded (bit 1: reported, bit 2: a descendant was), so
 * that the lookups stay constant-time on big files; seen_clear resets them. */
typedef struct seen_set { xmlNodePtr *v; size_t n, cap; } seen_set;

static uintptr_t flags_of(xmlNodePtr n) { return n ? (uintptr_t)n->_private : 0; }

static void seen_add(seen_set *s, xmlNodePtr n)
{
    xmlNodePtr p;
    s->v = gr_grow(s->v, &s->cap, s->n + 1, sizeof *s->v);
    s->v[s->n++] = n;
    n->_private = (void *)(flags_of(n) | 1);
    for (p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
        if (flags_of(p) & 2) break;
        p->_private = (void *)(flags_of(p) | 2);
    }
}

static int seen_has(const seen_set *s, xmlNodePtr n) { (void)s; return (flags_of(n) & 1) != 0; }

/* n is reported or has a reported descendant */
static int seen_in(xmlNodePtr n) { return flags_of(n) != 0; }

static void seen_clear(seen_set *s)
{
    size_t i;
    for (i = 0; i < s->n; i++) {
        xmlNodePtr p;
        for (p = s->v[i]; p && p->type == XML_ELEMENT_NODE; p = p->parent) p->_private = NULL;
    }
    free(s->v);
    memset(s, 0, sizeof *s);
}

static int has_element_child(xmlNodePtr n)
{
    xmlNodePtr c;
    for (c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) return 1;
    return 0;
}

/* 1 if a definition's content (through refs) must be text: <text/> or
 * <mixed> not inside <optional> (the form's free-text fields, printed as
 * typed; an optional one prints 「無」 or nothing when left empty). */
static int takes_text(xmlDocPtr g, xmlNodePtr n, int depth)
{
    if (depth > 6) return 0;
    for (n = rng_first(n); n; n = rng_next(n)) {
        if (rng_is(n, "text") || rng_is(n, "mixed")) return 1;
        if (rng_is(n, "element") || rng_is(n, "attribute") || rng_is(n, "data") || rng_is(n, "value") ||
            rng_is(n, "optional") || rng_is(n, "zeroOrMore"))
            continue;
        if (rng_is(n, "ref")) {
            xmlChar *nm = xmlGetProp(n, (const xmlChar *)"name");
            xmlNodePtr d = nm ? find_define(g, (const char *)nm) : NULL;
            xmlFree(nm);
            if (d && takes_text(g, d->children, depth + 1)) return 1;
        } else if (takes_text(g, n->children, depth + 1)) {
            return 1;
        }
    }
    return 0;
}

struct text_acc { int seen, text; };
static void text_one(xmlDocPtr g, xmlNodePtr def, void *u)
{
    struct text_acc *a = u;
    a->seen++;
    if (takes_text(g, def->children, 0)) a->text = 1;
}

/* Is `name` a free-text field of the form (printed as typed)? */
static int element_takes_text(gr_schema *s, const char *name)
{
    struct text_acc a = { 0, 0 };
    xmlNodePtr root = xmlDocGetRootElement(s->doc);
    each_def(s->doc, root ? root->children : NULL, "element", name, text_one, &a);
    return a.text;
}

/* 1 if a definition's content (through refs) is an XML Schema datatype
 * other than string: integer, decimal, date… — types whose white space
 * the datatype itself collapses (XSD Part 2, whiteSpace), so 「 8412」
 * written on its own indented line is 8412. */
static int collapses_space(xmlDocPtr g, xmlNodePtr n, int depth)
{
    if (depth > 6) return 0;
    for (n = rng_first(n); n; n = rng_next(n)) {
        if (rng_is(n, "element") || rng_is(n, "attribute")) continue;
        if (rng_is(n, "data")) {
            if (!attr_is(n, "type", "string") && !attr_is(n, "type", "normalizedString")) return 1;
        } else if (rng_is(n, "ref")) {
            xmlChar *nm = xmlGetProp(n, (const xmlChar *)"name");
            xmlNodePtr d = nm ? find_define(g, (const char *)nm) : NULL;
            xmlFree(nm);
            if (d && collapses_space(g, d->children, depth + 1)) return 1;
        } else if (collapses_space(g, n->children, depth + 1)) {
            return 1;
        }
    }
    return 0;
}

static void collapses_one(xmlDocPtr g, xmlNodePtr def, void *u)
{
    if (collapses_space(g, def->children, 0)) *(int *)u = 1;
}

static int element_collapses_space(gr_schema *s, const char *name)
{
    int yes = 0;
    xmlNodePtr root = xmlDocGetRootElement(s->doc);
    each_def(s->doc, root ? root->children : NULL, "element", name, collapses_one, &yes);
    return yes;
}

/* 1 if n's content has white space before or after its text. */
static int padded(xmlNodePtr n)
{
    xmlChar *v = xmlNodeGetContent(n);
    size_t len = v ? strlen((const char *)v) : 0;
    int r = len > 0 && (strchr(" \t\r\n", v[0]) || strchr(" \t\r\n", v[len - 1]));
    xmlFree(v);
    return r;
}

/* Values written as the forms and people write them (「B」 for 「B群」,
 * 「DI組」 for 「D1組」) become the listed value before validation: one
 * rule for every listed value, gr_listed_spelling. A number or date with
 * white space around it (an editor's indentation, a paste) loses it, as
 * its datatype says (libxml2 tests the pattern before collapsing). */
static void normalise_values(gr_schema *s, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (!has_element_child(n) && gr_has_text(n)) {
            char *v = gr_text(n), *allowed = NULL, *fix = NULL;
            if (padded(n) && element_collapses_space(s, (const char *)n->name)) {
                xmlNodeSetContent(n, NULL);                 /* gr_text trims; */
                xmlNodeAddContent(n, (const xmlChar *)v);   /* no entity parsing */
            }
            if (strlen(v) <= 24 && (allowed = allowed_values(s, "element", (const char *)n->name)) &&
                !listed_in(allowed, v) && (fix = gr_listed_spelling(allowed, v)) != NULL)
                xmlNodeSetContent(n, (const xmlChar *)fix);
            free(fix);
            free(allowed);
            free(v);
        } else if (n->children) {
            normalise_values(s, n->children);
        }
    }
}

static void check_unfilled(gr_ctx *ctx, const char *file, gr_schema *s, xmlNodePtr n,
                           seen_set *seen, int *reports)
{
    xmlNodePtr c;
    xmlAttrPtr a;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        for (a = n->properties; a; a = a->next) {
            xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
            if (v && !v[strspn((const char *)v, " \t\r\n")]) {
                char *label = gr_elem_label(n);
                if ((*reports)++ < MAX_REPORTS)
                    gr_error(ctx, file, gr_line(n), GR_TEXT(DATA_DOES_MATCH_FORMAT_ATTRIBUTE),
                             label, (const char *)a->name);
                free(label);
                seen_add(seen, n);
            }
            xmlFree(v);
        }
        if (!has_element_child(n) && !gr_has_text(n) &&
            element_needs_value(s, (const char *)n->name)) {
            char *label = gr_elem_label(n);
            if ((*reports)++ < MAX_REPORTS)
                gr_error(ctx, file, gr_line(n), GR_TEXT(DATA_DOES_MATCH_FORMAT_EMPTY), label);
            free(label);
            seen_add(seen, n);
        } else if (!has_element_child(n) && !gr_has_text(n) && !n->properties &&
                   element_takes_text(s, (const char *)n->name)) {
            /* allowed empty, but the form would print a blank cell */
            char *label = gr_elem_label(n), *d = documentation(s, "element", (const char *)n->name);
            gr_msg_report(ctx, 0, file, gr_line(n), GR_M_EMPTY_PRINTED_TEXT,
                          GR_MSG_ARGS(label, d ? d : (const char *)n->name));
            free(d);
            free(label);
        }
        c = n->children;
        if (c) check_unfilled(ctx, file, s, c, seen, reports);
    }
}

/* Evidence files: relative to the data file's folder, inside it (unless
 * allow_outside), existing. */
static int has_dotdot(const char *p)
{
    const char *s = p;
    while (*s) {
        const char *e = strchr(s, '/');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == 2 && s[0] == '.' && s[1] == '.') return 1;
        if (!e) break;
        s = e + 1;
    }
    return 0;
}

static void check_one_file(gr_ctx *ctx, const char *file, const char *dir, xmlNodePtr n,
                           const char *rel, int allow_outside, seen_set *seen)
{
    char *full, real[PATH_MAX], base[PATH_MAX];
    struct stat st;
    if (!allow_outside && (rel[0] == '/' || has_dotdot(rel))) {
        gr_error(ctx, file, gr_line(n), GR_TEXT(DATA_FILE_LIES_OUTSIDE_DATA),
                 (const char *)n->name, rel);
        seen_add(seen, n);
        return;
    }
    full = rel[0] == '/' ? gr_strdup(rel) : gr_path_join(dir, rel);
    if (stat(full, &st) != 0 && strchr(rel, '\\')) {     /* images\photo.jpg */
        char *fixed = gr_strdup(rel), *q;
        for (q = fixed; *q; q++) if (*q == '\\') *q = '/';
        gr_msg_report(ctx, 1, file, gr_line(n), GR_M_PATH_BACKSLASH, GR_MSG_ARGS(rel, fixed));
        free(fixed);
        free(full);
        seen_add(seen, n);
        return;
    }
    if (stat(full, &st) != 0) {
        int in = gr_is_stdio(file);
        gr_error(ctx, file, gr_line(n), GR_TEXT(DATA_FILE_FOUND),
                 (const char *)n->name, gr_clip(rel),
                 GR_PAIR(in ? GR_M_PATH_FROM_STDIN : GR_M_PATH_RELATIVE));
        seen_add(seen, n);
    } else if (!S_ISREG(st.st_mode)) {
        gr_error(ctx, file, gr_line(n), GR_TEXT(DATA_REGULAR_FILE_GIVE_FILE),
                 (const char *)n->name, gr_clip(rel), gr_file_kind(st.st_mode, 0),
                 gr_file_kind(st.st_mode, 1));
        seen_add(seen, n);
    } else if (!allow_outside && realpath(full, real) && realpath(dir, base)) {
        size_t bl = strlen(base);
        if (strncmp(real, base, bl) != 0 || (real[bl] != '/' && real[bl] != 0)) {
            gr_error(ctx, file, gr_line(n), GR_TEXT(DATA_FILE_LINK_LEADING_OUTSIDE),
                     (const char *)n->name, rel);
            seen_add(seen, n);
        }
    }
    free(full);
}

static void check_files(gr_ctx *ctx, const char *file, const char *dir, xmlNodePtr n,
                        int allow_outside, seen_set *seen)
{
    for (; n; n = n->next) {
        xmlChar *v;
        if (n->type != XML_ELEMENT_NODE) continue;
        v = xmlGetProp(n, (const xmlChar *)"檔案");
        if (v && v[0]) check_one_file(ctx, file, dir, n, (const char *)v, allow_outside, seen);
        xmlFree(v);
        check_files(ctx, file, dir, n->children, allow_outside, seen);
    }
}

/* ================================================================ RelaxNG */

typedef struct verr {
    int code, line;
    xmlNodePtr node;
    char *str1, *str2, *msg;
    int drop;
} verr;

typedef struct verr_list { verr *v; size_t n, cap; } verr_list;

static void on_valid_error(void *user, xmlErrorPtr e)
{
    verr_list *L = user;
    verr r;
    if (!e || L->n >= 1000) return;
    memset(&r, 0, sizeof r);
    r.code = e->code;
    r.line = e->line;
    r.node = e->node;
    r.str1 = e->str1 ? gr_strdup(e->str1) : NULL;
    r.str2 = e->str2 ? gr_strdup(e->str2) : NULL;
    r.msg = e->message ? gr_strdup(e->message) : NULL;
    if (r.msg) {
        size_t k = strlen(r.msg);
        while (k && (r.msg[k - 1] == '\n' || r.msg[k - 1] == ' ')) r.msg[--k] = 0;
    }
    L->v = gr_grow(L->v, &L->cap, L->n + 1, sizeof r);
    L->v[L->n++] = r;
}

static int is_descendant(xmlNodePtr n, xmlNodePtr anc)
{
    for (n = n ? n->parent : NULL; n; n = n->parent)
        if (n == anc) return 1;
    return 0;
}

/* What a value of the schema's datatype should look like (table entry). */
static gr_msg_id type_hint(const char *type)
{
    if (!type) return GR_M_NOTHING;
    if (strcmp(type, "date") == 0) return GR_M_TYPE_HINT_DATE;
    if (strcmp(type, "nonNegativeInteger") == 0) return GR_M_TYPE_HINT_COUNT;
    if (strcmp(type, "positiveInteger") == 0) return GR_M_TYPE_HINT_POSITIVE;
    if (strcmp(type, "decimal") == 0) return GR_M_TYPE_HINT_DECIMAL;
    return GR_M_TYPE_HINT_OTHER;
}

/* The element's own text (direct text children), trimmed, for messages. */
static char *own_text(xmlNodePtr n)
{
    return gr_text(n);
}

/* 1 if a definition's content (through refs, not into child elements)
 * declares the attribute `attr`. */
static int declares_attribute(xmlDocPtr g, xmlNodePtr n, const char *attr, int depth)
{
    if (depth > 6) return 0;
    for (n = rng_first(n); n; n = rng_next(n)) {
        if (rng_is(n, "element")) continue;
        if (rng_is(n, "attribute")) {
            if (attr_is(n, "name", attr)) return 1;
        } else if (rng_is(n, "ref")) {
            xmlChar *nm = xmlGetProp(n, (const xmlChar *)"name");
            xmlNodePtr d = nm ? find_define(g, (const char *)nm) : NULL;
            xmlFree(nm);
            if (d && declares_attribute(g, d->children, attr, depth + 1)) return 1;
        } else if (declares_attribute(g, n->children, attr, depth + 1)) {
            return 1;
        }
    }
    return 0;
}

struct attr_acc { const char *attr; int yes; };
static void attr_one(xmlDocPtr g, xmlNodePtr def, void *u)
{
    struct attr_acc *a = u;
    if (declares_attribute(g, def->children, a->attr, 0)) a->yes = 1;
}

/* Does some definition of element `name` have the attribute `attr`? */
static int element_declares_attribute(gr_schema *s, const char *name, const char *attr)
{
    struct attr_acc a = { attr, 0 };
    xmlNodePtr root = xmlDocGetRootElement(s->doc);
    each_def(s->doc, root ? root->children : NULL, "element", name, attr_one, &a);
    return a.yes;
}

/* The schema's note on a field: the Chinese one into zh; the English one,
 * where the schema has it, into en (when en is not NULL). */
static void add_doc_hint(gr_schema *s, const char *kind, const char *name, gr_buf *zh)
{
    char *d = documentation(s, kind, name);
    if (d && d[0]) gr_buf_printf(zh, gr_msg_zh_DATA_DOC_HINT, d);
    free(d);
}

static void add_doc_hints(gr_schema *s, const char *kind, const char *name, gr_buf *zh,
                          gr_buf *en)
{
    char *d;
    add_doc_hint(s, kind, name, zh);
    d = en ? documentation_in(s, kind, name, 1) : NULL;
    if (d && d[0]) gr_buf_printf(en, gr_msg_en_DATA_DOC_HINT, d);
    free(d);
}

/* The <data> pattern of an element's content (through refs), or NULL. */
static xmlNodePtr data_of(xmlDocPtr g, xmlNodePtr n, int depth)
{
    if (depth > 8) return NULL;
    for (n = rng_first(n); n; n = rng_next(n)) {
        if (rng_is(n, "data")) return n;
        if (rng_is(n, "attribute") || only_attributes(n)) continue;
        if (rng_is(n, "ref")) {
            xmlChar *nm = xmlGetProp(n, (const xmlChar *)"name");
            xmlNodePtr d = nm ? find_define(g, (const char *)nm) : NULL;
            xmlFree(nm);
            return d ? data_of(g, d->children, depth + 1) : NULL;
        }
        return NULL;
    }
    return NULL;
}

struct data_acc { xmlNodePtr data; };
static void data_one(xmlDocPtr g, xmlNodePtr def, void *u)
{
    struct data_acc *a = u;
    if (!a->data) a->data = data_of(g, def->children, 0);
}

/* A field's XSD type and range from the schema (each NULL when absent;
 * the caller frees them). */
static void field_type(gr_schema *s, const char *name, char **type, char **lo, char **hi)
{
    struct data_acc a = { NULL };
    xmlNodePtr root = xmlDocGetRootElement(s->doc), c;
    *type = *lo = *hi = NULL;
    each_def(s->doc, root ? root->children : NULL, "element", name, data_one, &a);
    if (!a.data) return;
    *type = (char *)xmlGetProp(a.data, (const xmlChar *)"type");
    for (c = rng_first(a.data->children); c; c = rng_next(c)) {
        xmlChar *pn = xmlGetProp(c, (const xmlChar *)"name");
        if (pn && strcmp((const char *)pn, "minInclusive") == 0) *lo = gr_text(c);
        if (pn && strcmp((const char *)pn, "maxInclusive") == 0) *hi = gr_text(c);
        xmlFree(pn);
    }
}

/* A typical mistake in the value of field n (messages.def), or 0. */
static int value_mistake(gr_schema *s, xmlNodePtr n, gr_buf *zh, gr_buf *en)
{
    char *type, *lo, *hi, *v = gr_text(n), *label = gr_elem_label(n);
    int hit;
    field_type(s, (const char *)n->name, &type, &lo, &hi);
    hit = gr_value_mistake(label, v, type, lo, hi, zh, en);
    if (hit) add_doc_hint(s, "element", (const char *)n->name, zh);
    xmlFree(type);
    free(lo); free(hi); free(v); free(label);
    return hit;
}

/* A figure the program computes, typed as an element (computed.md). */
static int computed_typed(gr_schema *s, xmlNodePtr n, gr_buf *zh, gr_buf *en)
{
    char *fig = NULL, *label;
    if (!n || !gr_computed_figure(s->path, (const char *)n->name, &fig)) return 0;
    label = gr_elem_label(n);
    gr_msg_append(zh, en, GR_M_COMPUTED_TYPED, GR_MSG_ARGS(label, fig));
    free(label);
    free(fig);
    return 1;
}

static xmlNodePtr child_named(xmlNodePtr n, const char *name)
{
    xmlNodePtr c;
    for (c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0) return c;
    return NULL;
}

/* The element names an element's definitions may contain (through
 * refs, groups, choices and optional parts), 、-separated as <a>、<b>. */
static void child_names_in(xmlDocPtr g, xmlNodePtr n, gr_buf *out, int depth)
{
    if (depth > 8) return;
    for (n = rng_first(n); n; n = rng_next(n)) {
        if (rng_is(n, "element")) {
            xmlChar *nm = xmlGetProp(n, (const xmlChar *)"name");
            if (nm && !(out->data && strstr(gr_buf_cstr(out), (const char *)nm))) {
                if (out->len) gr_buf_adds(out, "、");
                gr_buf_printf(out, "<%s>", (const char *)nm);
            }
            xmlFree(nm);
        } else if (rng_is(n, "ref")) {
            xmlChar *nm = xmlGetProp(n, (const xmlChar *)"name");
            xmlNodePtr d = nm ? find_define(g, (const char *)nm) : NULL;
            xmlFree(nm);
            if (d) child_names_in(g, d->children, out, depth + 1);
        } else if (!rng_is(n, "attribute") && !rng_is(n, "data") && !rng_is(n, "value")) {
            child_names_in(g, n->children, out, depth + 1);
        }
    }
}

struct kids_acc { gr_buf names; int done; };
static void kids_one(xmlDocPtr g, xmlNodePtr def, void *u)
{
    struct kids_acc *a = u;
    a->done++;
    child_names_in(g, def->children, &a->names, 0);     /* every definition */
}

static char *child_names(gr_schema *s, const char *name)
{
    struct kids_acc a;
    xmlNodePtr root = xmlDocGetRootElement(s->doc);
    char *r;
    gr_buf_init(&a.names);
    a.done = 0;
    each_def(s->doc, root ? root->children : NULL, "element", name, kids_one, &a);
    r = a.names.len ? gr_strdup(gr_buf_cstr(&a.names)) : NULL;
    gr_buf_free(&a.names);
    return r;
}

/* Does the schema name n among the fields of its parent? */
static int is_field_of(gr_schema *s, xmlNodePtr n)
{
    char *kids = child_names(s, (const char *)n->parent->name);
    size_t k = strlen((const char *)n->name);
    char *me = gr_malloc(k + 3);
    int yes;
    me[0] = '<';
    memcpy(me + 1, n->name, k);
    strcpy(me + 1 + k, ">");
    yes = kids && strstr(kids, me) != NULL;
    free(kids);
    free(me);
    return yes;
}

/* n is a field of its parent (the schema names it there) but is refused:
 * an earlier sibling holds a listed value that rules it out (<採購> 非採購案
 * and then <CSR評選指標>). Says so, naming that sibling and its value. */
static int excluded_by_choice(gr_schema *s, xmlNodePtr n, gr_buf *zh, gr_buf *en)
{
    char *kids, *want;
    xmlNodePtr p;
    int hit = 0;
    if (!n || !n->parent) return 0;
    kids = child_names(s, (const char *)n->parent->name);
    want = gr_strdup("<");
    want = gr_realloc(want, strlen((const char *)n->name) + 3);
    strcpy(want + 1, (const char *)n->name);
    strcat(want, ">");
    if (kids && strstr(kids, want))
        for (p = n->prev; p && !hit; p = p->prev) {
            char *allowed, *v;
            if (p->type != XML_ELEMENT_NODE || has_element_child(p)) continue;
            allowed = allowed_values(s, "element", (const char *)p->name);
            v = gr_text(p);
            if (allowed && listed_in(allowed, v)) {
                char *plabel = gr_elem_label(p);
                gr_msg_append(zh, en, GR_M_FIELD_NOT_APPLICABLE,
                              GR_MSG_ARGS(plabel, v, want, want, (const char *)p->name));
                free(plabel);
                hit = 1;
            }
            free(allowed);
            free(v);
        }
    free(kids);
    free(want);
    return hit;
}

/* Turn one validation error into a message; *at may move the message to
 * the element that is the cause. */
static void describe(gr_schema *s, const verr *r, gr_buf *zh, gr_buf *en, xmlNodePtr *at)
{
    xmlNodePtr n = r->node;
    const char *name = n ? (const char *)n->name : "?";
    char *label = n ? gr_elem_label(n) : gr_strdup("?"), *lack;
    switch (r->code) {
    case XML_RELAXNG_ERR_TYPEVAL:
    case XML_RELAXNG_ERR_DATATYPE: {
        char *v;
        if (n && value_mistake(s, n, zh, en)) break;
        v = r->code == XML_RELAXNG_ERR_TYPEVAL && r->str2 ? gr_strdup(r->str2) : own_text(n);
        gr_msg_bufs(zh, en, GR_TEXT(DATA_VALUE_TYPE), label, gr_clip(v), GR_PAIR(type_hint(r->str1)));
        add_doc_hint(s, "element", name, zh);
        free(v);
        break;
    }
    case XML_RELAXNG_ERR_VALUE: {
        char *v = own_text(n), *allowed = allowed_values(s, "element", name);
        char *guess = allowed ? gr_listed_guess(allowed, v) : NULL;
        if (guess)
            gr_msg_append(zh, en, GR_M_LISTED_SPELLING, GR_MSG_ARGS(label, gr_clip(v), guess));
        else
            gr_msg_bufs(zh, en, GR_TEXT(DATA_VALUE_NOT_LISTED), label, gr_clip(v), allowed ? allowed : "—");
        free(guess);
        free(v);
        free(allowed);
        break;
    }
    case XML_RELAXNG_ERR_ELEMNAME: {
        const char *want = r->str1 ? r->str1 : "?", *got = r->str2 ? r->str2 : "?";
        xmlNodePtr parent = n && strcmp(name, got) == 0 ? n->parent : n;
        const char *pn = parent ? (const char *)parent->name : "?";
        xmlNodePtr gotn = n && strcmp(name, got) == 0 ? n : child_named(n, got);
        /* the element found is a computed figure, or an optional field whose
           value is wrong (the validator then skipped it and wanted the next) */
        if (gotn && (computed_typed(s, gotn, zh, en) || value_mistake(s, gotn, zh, en))) {
            *at = gotn;
            break;
        }
        gr_msg_bufs(zh, en, GR_TEXT(DATA_INSIDE_WAS_EXPECTED_BUT),
                      pn, want, got, want);
        break;
    }
    case XML_RELAXNG_ERR_ELEMWRONG:
    case XML_RELAXNG_ERR_ELEMEXTRANS:
    case XML_RELAXNG_ERR_EXTRACONTENT:
        if (strcmp(name, "計算") == 0) {
            gr_msg_bufs(zh, en, GR_TEXT(DATA_HOLDS_FIGURES_PROGRAM_COMPUTES));
        } else if (computed_typed(s, n, zh, en)) {
            /* said */
        } else if (n && n->parent && (lack = missing_children(s, n->parent)) != NULL) {
            char *plabel = gr_elem_label(n->parent);
            size_t ll = strlen(lack);
            /* one field missing and the one found is no field of this
               parent (<男性> for <男>, <訓練日期> for <辦理日期>): a
               misspelt name, not a missing field */
            char *known = child_names(s, (const char *)n->parent->name), *me = gr_strdup("<");
            int unknown_here;
            me = gr_realloc(me, strlen(name) + 3);
            strcpy(me + 1, name);
            strcat(me, ">");
            unknown_here = !known || !strstr(known, me);
            free(known);
            free(me);
            if (!strstr(lack, "、") && ll > 2 &&
                (strncmp(name, lack + 1, ll - 2) == 0 || unknown_here)) {
                char *want = gr_strndup(lack + 1, ll - 2);
                gr_msg_append(zh, en, GR_M_ELEMENT_NAME, GR_MSG_ARGS(plabel, name, want, want));
                free(want);
            } else {
                gr_msg_append(zh, en, GR_M_MISSING_BEFORE, GR_MSG_ARGS(plabel, lack, name));
            }
            free(plabel);
            free(lack);
        } else if (excluded_by_choice(s, n, zh, en)) {
            /* said: an earlier listed value makes this field not apply */
        } else if (n && n->parent && is_field_of(s, n)) {
            /* a field of this parent, in the wrong place */
            char *plabel = gr_elem_label(n->parent);
            lack = child_names(s, (const char *)n->parent->name);
            gr_msg_append(zh, en, GR_M_ELEMENT_ORDER, GR_MSG_ARGS(label, plabel, lack));
            free(plabel);
            free(lack);
        } else {
            gr_msg_bufs(zh, en, GR_TEXT(DATA_ALLOWED_WRONG_PLACE_ELEMENT), label);
        }
        break;
    case XML_RELAXNG_ERR_NOELEM: {
        char *miss = n ? missing_children(s, n) : NULL;
        if (miss) {
            gr_msg_bufs(zh, en, GR_TEXT(DATA_LACKS), label, miss);
        } else {
            gr_msg_bufs(zh, en, GR_TEXT(DATA_INCOMPLETE_REQUIRED_ELEMENT_MISSING), label);
        }
        free(miss);
        break;
    }
    case XML_RELAXNG_ERR_INVALIDATTR: {
        /* libxml2 says "invalid attribute" also when the element has the
           attribute and only its value is wrong (寬="70 mm") */
        xmlChar *v = n && r->str1 ? xmlGetProp(n, (const xmlChar *)r->str1) : NULL;
        if (v && element_declares_attribute(s, (const char *)n->name, r->str1)) {
            gr_msg_bufs(zh, en, GR_TEXT(DATA_ATTRIBUTE_DOES_MATCH_FORMAT), label);
            gr_msg_bufs(zh, en, GR_TEXT(DATA_ATTRIBUTE_SHOWN), r->str1, gr_clip((const char *)v));
            add_doc_hints(s, "attribute", r->str1, zh, en);
        } else {
            gr_msg_bufs(zh, en, GR_TEXT(DATA_HAS_ATTRIBUTE), label, r->str1 ? r->str1 : "?");
        }
        xmlFree(v);
        break;
    }
    case XML_RELAXNG_ERR_ATTRVALID: {
        xmlAttrPtr a;
        int said = 0;
        for (a = n ? n->properties : NULL; a; a = a->next) {
            xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
            char *allowed = allowed_values(s, "attribute", (const char *)a->name);
            const char *val = v ? (const char *)v : "";
            if (allowed && !listed_in(allowed, val)) {
                if (said) gr_msg_bufs(zh, en, GR_TEXT(LIST_SEPARATOR));
                gr_msg_bufs(zh, en, GR_TEXT(DATA_ATTRIBUTE_NOT_LISTED),
                            label, (const char *)a->name, gr_clip(val), allowed);
                said = 1;
            }
            free(allowed);
            xmlFree(v);
        }
        if (!said) {
            gr_msg_bufs(zh, en, GR_TEXT(DATA_ATTRIBUTE_DOES_MATCH_FORMAT), label);
            for (a = n ? n->properties : NULL; a; a = a->next) {
                xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
                gr_msg_bufs(zh, en, GR_TEXT(DATA_ATTRIBUTE_SHOWN), (const char *)a->name, gr_clip(v ? (const char *)v : ""));
                add_doc_hints(s, "attribute", (const char *)a->name, zh, en);
                xmlFree(v);
            }
            if (!n || !n->properties) {
                gr_msg_bufs(zh, en, GR_TEXT(DATA_REQUIRED_ATTRIBUTE_MISSING));
            }
        }
        break;
    }
    case XML_RELAXNG_ERR_NOTELEM:
    case XML_RELAXNG_ERR_TEXTWRONG:
    case XML_RELAXNG_ERR_EXTRADATA: {
        char *t = own_text(n);
        char *kids = n ? child_names(s, (const char *)n->name) : NULL;
        if (strlen(t) > 60) strcpy(t + 57, "...");
        if (kids)
            gr_msg_append(zh, en, GR_M_TEXT_IN_CONTAINER, GR_MSG_ARGS(label, t, kids));
        else {
            gr_msg_bufs(zh, en, GR_TEXT(DATA_MAY_ONLY_CONTAIN_ELEMENTS), label, gr_clip(t));
        }
        free(kids);
        free(t);
        break;
    }
    default:
        gr_msg_bufs(zh, en, GR_TEXT(DATA_CONTENT_INVALID), label, r->msg ? r->msg : "invalid");
        break;
    }
    free(label);
}

/* Are all attribute values of n among their listed values (or free)? */
static int attrs_listed(gr_schema *s, xmlNodePtr n)
{
    xmlAttrPtr a;
    int ok = 1;
    for (a = n ? n->properties : NULL; a && ok; a = a->next) {
        xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
        char *allowed = allowed_values(s, "attribute", (const char *)a->name);
        if (!allowed || !listed_in(allowed, v ? (const char *)v : "")) ok = 0;
        free(allowed);
        xmlFree(v);
    }
    return ok && n && n->properties;
}

/* Keep the most precise error per node and drop the consequences. */
static void prune(gr_schema *s, verr_list *L, const seen_set *seen)
{
    size_t i, j;
    for (i = 0; i < L->n; i++) {
        verr *a = &L->v[i];
        if (!a->node || seen_has(seen, a->node)) { a->drop = !a->node ? 0 : 1; continue; }
        for (j = 0; j < i && !a->drop; j++)
            if (!L->v[j].drop && L->v[j].node == a->node && L->v[j].code == a->code) a->drop = 1;
    }
    for (i = 0; i < L->n; i++) {
        verr *a = &L->v[i];
        if (a->drop) continue;
        if (a->code == XML_RELAXNG_ERR_DATATYPE) {
            for (j = 0; j < L->n; j++)
                if (L->v[j].node == a->node && L->v[j].code == XML_RELAXNG_ERR_TYPEVAL) a->drop = 1;
        } else if (a->code == XML_RELAXNG_ERR_CONTENTVALID) {
            for (j = 0; j < L->n; j++) {
                verr *b = &L->v[j];
                if (j == i || b->code == XML_RELAXNG_ERR_CONTENTVALID) continue;
                if (b->node == a->node || is_descendant(b->node, a->node)) a->drop = 1;
            }
            if (flags_of(a->node) & 2) a->drop = 1;
        }
    }
    /* choice artefacts: libxml2 reports the branch it tried first — an
       "expected X, got Y" at the parent or a listed value rejected — next
       to the real error inside the same parent; keep only the real one */
    for (i = 0; i < L->n; i++) {
        verr *a = &L->v[i];
        xmlNodePtr scope = NULL;
        if (a->drop || !a->node) continue;
        if (a->code == XML_RELAXNG_ERR_ELEMNAME && a->str2 &&
            strcmp((const char *)a->node->name, a->str2) != 0)
            scope = a->node;
        else if (a->code == XML_RELAXNG_ERR_ATTRVALID && attrs_listed(s, a->node))
            scope = a->node;
        else if (a->code == XML_RELAXNG_ERR_VALUE) {
            char *v = gr_text(a->node);
            char *allowed = allowed_values(s, "element", (const char *)a->node->name);
            if (allowed && listed_in(allowed, v)) scope = a->node->parent;
            free(v);
            free(allowed);
        }
        if (scope && seen_in(scope)) a->drop = 1;
        for (j = 0; scope && j < L->n && !a->drop; j++)
            if (j != i && !L->v[j].drop && L->v[j].node != a->node &&
                L->v[j].code != XML_RELAXNG_ERR_CONTENTVALID &&
                (L->v[j].node == scope || is_descendant(L->v[j].node, scope)))
                a->drop = 1;
    }
    /* a content error whose only cause is a nested content error */
    for (i = 0; i < L->n; i++) {
        verr *a = &L->v[i];
        if (a->drop || a->code != XML_RELAXNG_ERR_CONTENTVALID) continue;
        for (j = 0; j < L->n; j++)
            if (j != i && !L->v[j].drop && is_descendant(L->v[j].node, a->node)) a->drop = 1;
    }
}

static int validate(gr_ctx *ctx, const char *file, gr_schema *s, xmlDocPtr doc,
                    const seen_set *seen, int reports)
{
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(s->rng);
    verr_list L;
    size_t i;
    int rc, errs = ctx->nerrors;
    if (!vc) return gr_syserror(ctx, s->path, 0, GR_TEXT(DATA_CANNOT_CREATE_VALIDATOR));
    memset(&L, 0, sizeof L);
    xmlRelaxNGSetValidStructuredErrors(vc, on_valid_error, &L);
    rc = xmlRelaxNGValidateDoc(vc, doc);
    xmlRelaxNGFreeValidCtxt(vc);
    prune(s, &L, seen);
    for (i = 0; i < L.n; i++) {
        verr *r = &L.v[i];
        if (!r->drop && reports < MAX_REPORTS) {
            gr_buf zh, en;
            gr_buf_init(&zh);
            gr_buf_init(&en);
            gr_msg_bufs(&zh, &en, GR_TEXT(DATA_SCHEMA_PREFIX));
            xmlNodePtr at = r->node;
            describe(s, r, &zh, &en, &at);
            gr_buf_printf(&en, " (schema: %s)", s->name);
            gr_report(ctx, 1, file, at ? gr_line(at) : r->line,
                      gr_buf_cstr(&zh), gr_buf_cstr(&en));
            gr_buf_free(&zh);
            gr_buf_free(&en);
            reports++;
        }
        free(r->str1); free(r->str2); free(r->msg);
    }
    free(L.v);
    if (reports >= MAX_REPORTS)
        gr_error(ctx, file, 0, GR_TEXT(DATA_TOO_MANY_ERRORS_ONLY),
                 MAX_REPORTS);
    if (rc != 0 && ctx->nerrors == errs && seen->n == 0)
        gr_error(ctx, file, 0, GR_TEXT(DATA_DOES_MATCH_FORMAT_SCHEMA),
                 s->name);
    return rc == 0 && ctx->nerrors == errs ? GR_OK : GR_EINPUT;
}

/* Elements in the tree, counting stops past the limit (iterative: no
 * recursion on deep documents). */
static long count_elements(xmlNodePtr root)
{
    long n = 0;
    xmlNodePtr c = root;
    while (c && n <= MAX_ELEMENTS) {
        if (c->type == XML_ELEMENT_NODE) n++;
        if (c->type == XML_ELEMENT_NODE && c->children) { c = c->children; continue; }
        while (c && c != root && !c->next) c = c->parent;
        if (!c || c == root) break;
        c = c->next;
    }
    return n;
}

/* ================================================================ schema file */

char *gr_schema_file(const gr_data_opts *o, const char *kind, const char *version)
{
    const gr_kind *k = gr_kind_find(o, kind);
    char rel[256], *dir, *path;
    struct stat st;
    if (!k || !version[0] || strspn(version, "0123456789") != strlen(version) || strlen(version) > 8)
        return NULL;
    dir = gr_path_join(o->datadir, "templates/schema");
    snprintf(rel, sizeof rel, "%s-%s.rng", k->schema_prefix, version);
    path = gr_path_join(dir, rel);
    free(dir);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        free(path);
        return NULL;
    }
    return path;
}

/* ================================================================ entry */

xmlDocPtr gr_data_load(gr_ctx *ctx, const char *path, const gr_data_opts *o)
{
    char *data = NULL, *dir;
    size_t len = 0;
    xmlDocPtr doc;
    xmlNodePtr root;
    const gr_kind *k;
    xmlChar *version;
    gr_domain_cache *own, *c;
    gr_schema *s;
    seen_set seen;
    int errs = ctx->nerrors, reports = 0, rc;
    struct stat st;

    if (o->mem) {
        if (o->mem_len > MAX_DATA_BYTES) {
            gr_error(ctx, path, 0, GR_TEXT(DATA_FILE_LARGER_THAN_32));
            return NULL;
        }
        data = gr_malloc(o->mem_len + 1);
        memcpy(data, o->mem, o->mem_len);
        data[o->mem_len] = 0;
        len = o->mem_len;
    } else if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > MAX_DATA_BYTES) {
        gr_error(ctx, path, 0, GR_TEXT(DATA_FILE_LARGER_THAN_32));
        return NULL;
    } else if (gr_read_file(ctx, path, &data, &len) != GR_OK) return NULL;
    if (len > MAX_DATA_BYTES) {
        free(data);
        gr_error(ctx, path, 0, GR_TEXT(DATA_FILE_LARGER_THAN_32));
        return NULL;
    }
    if (!gr_xml_version_1_0(data, len)) {
        gr_error(ctx, path, 1, GR_TEXT(DATA_FILE_MUST_XML_1));
        free(data);
        return NULL;
    }
    doc = parse_data(ctx, path, data, len);
    free(data);
    if (!doc) return NULL;
    root = xmlDocGetRootElement(doc);
    if (count_elements(root) <= MAX_ELEMENTS && check_text(ctx, path, doc) > 0) {
        xmlFreeDoc(doc);
        return NULL;
    }
    if (count_elements(root) > MAX_ELEMENTS) {
        gr_error(ctx, path, 0, GR_TEXT(DATA_FILE_HAS_MORE_THAN), MAX_ELEMENTS);
        xmlFreeDoc(doc);
        return NULL;
    }
    if (gr_kinds_check(ctx, o) != GR_OK) {
        xmlFreeDoc(doc);
        return NULL;
    }
    k = root ? gr_kind_find(o, (const char *)root->name) : NULL;
    if (!k) {
        gr_buf kinds;
        gr_buf_init(&kinds);
        gr_kinds_list(o, &kinds);
        gr_msg_report(ctx, 1, path, gr_line(root), GR_M_KIND_UNKNOWN,
                      GR_MSG_ARGS(root ? (const char *)root->name : "", gr_buf_cstr(&kinds)));
        gr_buf_free(&kinds);
        xmlFreeDoc(doc);
        return NULL;
    }
    version = xmlGetProp(root, (const xmlChar *)"版本");
    if (!version) {
        gr_error(ctx, path, gr_line(root), GR_TEXT(DATA_LACKS_ATTRIBUTE_DATA_FORMAT), k->root);
        xmlFreeDoc(doc);
        return NULL;
    }
    c = gr_cache_for(o, &own);
    s = gr_schema_get(ctx, c, c->datadir, k, (const char *)version, path, gr_line(root));
    xmlFree(version);
    if (!s) {
        gr_domain_cache_free(own);
        xmlFreeDoc(doc);
        return NULL;
    }
    memset(&seen, 0, sizeof seen);
    normalise_values(s, root);
    check_unfilled(ctx, path, s, root, &seen, &reports);
    dir = gr_dirname(path);
    check_files(ctx, path, dir, root, o->allow_outside, &seen);
    free(dir);
    rc = validate(ctx, path, s, doc, &seen, reports);
    seen_clear(&seen);
    gr_domain_cache_free(own);
    if (rc != GR_OK || ctx->nerrors > errs) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

int gr_schema_check_value(gr_ctx *ctx, const gr_data_opts *o, const char *kind,
                          const char *element, const char *value, const char *what)
{
    const gr_kind *k = gr_kind_find(o, kind);
    gr_domain_cache *own, *c;
    gr_schema *s;
    char *allowed;
    int rc = GR_OK;
    if (!k) return gr_syserror(ctx, NULL, 0, GR_TEXT(DATA_UNKNOWN_KIND_DATA), kind);
    c = gr_cache_for(o, &own);
    s = gr_schema_get(ctx, c, c->datadir, k, "1", what, 0);
    if (!s) { gr_domain_cache_free(own); return GR_ESYS; }
    allowed = allowed_values(s, "element", element);
    if (allowed && !listed_in(allowed, value)) {
        char *guess = gr_listed_guess(allowed, value);
        if (guess)
            rc = gr_error(ctx, what, 0, GR_TEXT(DATA_VALUE_GUESS), element, gr_clip(value), guess, allowed);
        else
            rc = gr_error(ctx, what, 0, GR_TEXT(DATA_ONE_ALLOWED_VALUES), element, value, allowed);
        free(guess);
    }
    free(allowed);
    gr_domain_cache_free(own);
    return rc;
}

char *gr_schema_spelling(const gr_data_opts *o, const char *kind, const char *element,
                         const char *value)
{
    const gr_kind *k = gr_kind_find(o, kind);
    gr_domain_cache *own, *c;
    gr_schema *s;
    gr_ctx quiet;
    char *allowed, *r = NULL;
    if (!k) return NULL;
    gr_ctx_init(&quiet);
    quiet.quiet_warnings = 1;
    c = gr_cache_for(o, &own);
    s = gr_schema_get(&quiet, c, c->datadir, k, "1", NULL, 0);
    allowed = s ? allowed_values(s, "element", element) : NULL;
    if (allowed) r = listed_in(allowed, value) ? gr_strdup(value) : gr_listed_spelling(allowed, value);
    free(allowed);
    gr_domain_cache_free(own);
    return r;
}

int gr_data_write(gr_ctx *ctx, xmlDocPtr doc, const char *out_path)
{
    xmlChar *mem = NULL;
    int len = 0, rc;
    xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
    if (!mem) return gr_syserror(ctx, out_path, 0, GR_TEXT(DATA_CANNOT_SERIALISE_DOCUMENT));
    rc = gr_write_file_atomic(ctx, out_path, mem, (size_t)len);
    xmlFree(mem);
    return rc;
}
