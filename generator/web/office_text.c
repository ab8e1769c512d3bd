/* office_text.c — the office file's own text on the office's page
 * (office_text.h). Which parts are editable, their labels and the schema
 * order they keep is data: templates/web/office-fields.xml. Reading uses
 * libxml2's tree (the texts as the template sees them); writing uses
 * web/xmlfile.h, so that only the edited element's bytes change. */
#include "office_text.h"
#include "xmlfile.h"
#include "../domain/domain.h"
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_TEXT 20000          /* one field's text: the schema allows
                                   4,000 characters a paragraph */

/* ---- the field table (office-fields.xml) -------------------------------- */

static xmlDocPtr load_fields(const char *datadir)
{
    char *p = gr_path_join(datadir, "templates/web/office-fields.xml");
    xmlDocPtr d = gr_regular_file(p)
        ? xmlReadFile(p, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
        : NULL;
    free(p);
    return d;
}

static char *prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    char *r = v ? gr_strdup((const char *)v) : NULL;
    xmlFree(v);
    return r;
}

static int is_el(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr field_by_id(xmlDocPtr fields, const char *id)
{
    xmlNodePtr n;
    for (n = xmlDocGetRootElement(fields)->children; n; n = n->next) {
        char *v;
        int hit;
        if (!is_el(n, "field")) continue;
        v = prop(n, "id");
        hit = v && strcmp(v, id) == 0;
        free(v);
        if (hit) return n;
    }
    return NULL;
}

/* the field's <label> or <hint> in the page's language */
static char *words(xmlNodePtr field, const char *what, int en)
{
    xmlNodePtr n;
    for (n = field->children; n; n = n->next) {
        char *l;
        int hit;
        if (!is_el(n, what)) continue;
        l = prop(n, "lang");
        hit = l && strcmp(l, en ? "en" : "zh") == 0;
        free(l);
        if (hit) {
            xmlChar *t = xmlNodeGetContent(n);
            char *r = gr_strdup(t ? (const char *)t : "");
            xmlFree(t);
            return r;
        }
    }
    return gr_strdup("");
}

/* ---- reading the texts (libxml2 tree) ------------------------------------- */

static xmlNodePtr first_child(xmlNodePtr n, const char *name)
{
    for (n = n ? n->children : NULL; n; n = n->next)
        if (is_el(n, name)) return n;
    return NULL;
}

static char *trimmed(xmlNodePtr n)
{
    xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
    const char *s = t ? (const char *)t : "", *e;
    char *r;
    while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t' || e[-1] == '\r')) e--;
    r = gr_strndup(s, (size_t)(e - s));
    xmlFree(t);
    return r;
}

/* The direct paragraphs of n, joined by blank lines. */
static void paras_of(xmlNodePtr n, const char *para, gr_buf *b)
{
    xmlNodePtr c;
    int first = 1;
    for (c = n ? n->children : NULL; c; c = c->next) {
        char *t;
        if (!is_el(c, para)) continue;
        t = trimmed(c);
        if (!first) gr_buf_adds(b, "\n\n");
        gr_buf_adds(b, t);
        first = 0;
        free(t);
    }
}

static void fields_json(xmlDocPtr fields, xmlDocPtr office, const char *file, int en, gr_buf *b)
{
    xmlNodePtr f, root = office ? xmlDocGetRootElement(office) : NULL;
    char *para = prop(xmlDocGetRootElement(fields), "para");
    int first = 1;
    gr_buf_adds(b, "{\"file\":");
    gr_json_str(b, file);
    gr_buf_adds(b, ",\"fields\":[");
    for (f = xmlDocGetRootElement(fields)->children; f; f = f->next) {
        char *id, *el, *kind, *label, *hint;
        xmlNodePtr e;
        gr_buf v;
        if (!is_el(f, "field")) continue;
        id = prop(f, "id");
        el = prop(f, "element");
        kind = prop(f, "kind");
        label = words(f, "label", en);
        hint = words(f, "hint", en);
        e = root && el ? first_child(root, el) : NULL;
        if (!first) gr_buf_addc(b, ',');
        first = 0;
        gr_buf_adds(b, "{\"id\":");
        gr_json_str(b, id);
        gr_buf_adds(b, ",\"kind\":");
        gr_json_str(b, kind);
        gr_buf_adds(b, ",\"label\":");
        gr_json_str(b, label);
        gr_buf_adds(b, ",\"hint\":");
        gr_json_str(b, hint);
        gr_buf_init(&v);
        if (kind && strcmp(kind, "items") == 0) {
            char *item = prop(f, "item"), *title = prop(f, "title");
            xmlNodePtr it;
            int k = 0;
            gr_buf_adds(b, ",\"items\":[");
            for (it = e ? e->children : NULL; it; it = it->next) {
                char *t;
                if (!is_el(it, item)) continue;
                t = trimmed(first_child(it, title));
                v.len = 0;
                paras_of(it, para, &v);
                if (k++) gr_buf_addc(b, ',');
                gr_buf_adds(b, "{\"title\":");
                gr_json_str(b, t);
                gr_buf_adds(b, ",\"text\":");
                gr_json_str(b, gr_buf_cstr(&v));
                gr_buf_addc(b, '}');
                free(t);
            }
            gr_buf_addc(b, ']');
            free(item);
            free(title);
        } else if (kind && strcmp(kind, "pair") == 0) {
            char *parts = prop(f, "parts"), *sp = parts ? strchr(parts, ' ') : NULL;
            char *a, *c;
            if (sp) *sp = 0;
            a = trimmed(e && parts ? first_child(e, parts) : NULL);
            c = trimmed(e && sp ? first_child(e, sp + 1) : NULL);
            gr_buf_adds(b, ",\"value\":[");
            gr_json_str(b, a);
            gr_buf_addc(b, ',');
            gr_json_str(b, c);
            gr_buf_addc(b, ']');
            free(a);
            free(c);
            free(parts);
        } else {
            paras_of(e, para, &v);
            gr_buf_adds(b, ",\"value\":");
            gr_json_str(b, gr_buf_cstr(&v));
        }
        gr_buf_free(&v);
        gr_buf_addc(b, '}');
        free(id);
        free(el);
        free(kind);
        free(label);
        free(hint);
    }
    gr_buf_adds(b, "]}");
    free(para);
}

/* ---- writing (byte-preserving) --------------------------------------------- */

static void esc(gr_buf *b, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] == '&') gr_buf_adds(b, "&amp;");
        else if (s[i] == '<') gr_buf_adds(b, "&lt;");
        else if (s[i] == '>') gr_buf_adds(b, "&gt;");
        else if (s[i] != '\r') gr_buf_addc(b, s[i]);
    }
}

static int blank(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!(s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) return 0;
    return 1;
}

/* The text as <段落> elements, a blank line starting a new one; a single
 * line break inside a paragraph is dropped (Chinese text has no spaces),
 * or becomes a space between two Latin letters or digits. Returns the
 * number of paragraphs. */
static int para_xml(const char *text, const char *para, gr_buf *b)
{
    const char *p = text;
    int n = 0;
    while (*p) {
        const char *end = strstr(p, "\n\n"), *q, *s, *e;
        const char *crlf = strstr(p, "\r\n\r\n");
        if (crlf && (!end || crlf < end)) end = crlf;
        if (!end) end = p + strlen(p);
        s = p;
        e = end;
        while (s < e && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')) s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\r' || e[-1] == '\t')) e--;
        if (!blank(s, (size_t)(e - s))) {
            if (n++) gr_buf_addc(b, '\n');
            gr_buf_printf(b, "<%s>", para);
            for (q = s; q < e; q++) {
                if (*q == '\r') continue;
                if (*q == '\n') {
                    const char *nx = q + 1;
                    while (nx < e && (*nx == '\r' || *nx == ' ')) nx++;
                    if (q > s && nx < e && (unsigned char)q[-1] < 0x80 && (unsigned char)*nx < 0x80 &&
                        q[-1] != ' ')
                        gr_buf_addc(b, ' ');
                    continue;
                }
                esc(b, q, 1);
            }
            gr_buf_printf(b, "</%s>", para);
        }
        p = *end ? end + (end[0] == '\r' ? 4 : 2) : end;
    }
    return n;
}

static int name_is(const gr_xmlfile *x, int idx, const char *name)
{
    char nm[256];
    gr_xmlfile_name(x, idx, nm, sizeof nm);
    return strcmp(nm, name) == 0;
}

/* children of parent named name (-1: any), in order: the k-th, or -1 */
static int child_k(const gr_xmlfile *x, int parent, const char *name, int k)
{
    size_t i;
    for (i = (size_t)parent + 1; i < x->n && x->v[i].start < x->v[parent].end; i++)
        if (x->v[i].parent == parent && (!name || name_is(x, (int)i, name)) && k-- == 0) return (int)i;
    return -1;
}

static int first_not(const gr_xmlfile *x, int parent, const char *name)
{
    size_t i;
    for (i = (size_t)parent + 1; i < x->n && x->v[i].start < x->v[parent].end; i++)
        if (x->v[i].parent == parent && !name_is(x, (int)i, name)) return (int)i;
    return -1;
}

/* Where a new element of this field goes under the root: before the first
 * child named in the field's "before" list; -1: last. */
static int insert_before(const gr_xmlfile *x, xmlNodePtr field)
{
    char *list = prop(field, "before");
    size_t i;
    int hit = -1;
    for (i = 1; list && i < x->n && hit < 0; i++) {
        char nm[256], *tok, *save = NULL, *copy;
        if (x->v[i].parent != 0) continue;
        gr_xmlfile_name(x, (int)i, nm, sizeof nm);
        copy = gr_strdup(list);
        for (tok = strtok_r(copy, " ", &save); tok && hit < 0; tok = strtok_r(NULL, " ", &save))
            if (strcmp(tok, nm) == 0) hit = (int)i;
        free(copy);
    }
    free(list);
    return hit;
}

/* The edit of one field on x. GR_OK, or GR_EINPUT with *why set. */
static int apply(gr_xmlfile *x, xmlDocPtr fields, xmlNodePtr f, const char *item_arg,
                 const char *text, const char **why_zh, const char **why_en)
{
    char *el = prop(f, "element"), *kind = prop(f, "kind");
    char *para = prop(xmlDocGetRootElement(fields), "para");
    int e = el ? child_k(x, 0, el, 0) : -1, rc = GR_OK, np;
    gr_buf frag, whole;
    gr_buf_init(&frag);
    gr_buf_init(&whole);
    *why_zh = "無法修改這個欄位";
    *why_en = "this field cannot be changed";
    if (!el || !kind || !para) {
        rc = GR_EINPUT;
    } else if (strcmp(kind, "paras") == 0) {
        np = para_xml(text, para, &frag);
        if (e < 0) {
            if (np) {
                gr_buf_printf(&whole, "<%s>\n", el);
                gr_buf_add(&whole, frag.data, frag.len);
                gr_buf_printf(&whole, "\n</%s>", el);
                rc = gr_xmlfile_insert(x, 0, insert_before(x, f), gr_buf_cstr(&whole));
            }
        } else if (first_not(x, e, para) < 0) {
            /* only paragraphs: the content replaced, or the element removed */
            rc = np ? gr_xmlfile_set_content(x, e, gr_buf_cstr(&frag)) : gr_xmlfile_remove(x, e);
        } else {
            /* paragraphs before other children (精進作為's items): those
               paragraphs removed, the new ones put before the first other */
            int k;
            while (rc == GR_OK && (k = child_k(x, e, para, 0)) >= 0 && k < first_not(x, e, para))
                rc = gr_xmlfile_remove(x, k);
            if (rc == GR_OK && np) rc = gr_xmlfile_insert(x, e, first_not(x, e, para), gr_buf_cstr(&frag));
        }
    } else if (strcmp(kind, "pair") == 0) {
        char *parts = prop(f, "parts"), *sp = parts ? strchr(parts, ' ') : NULL;
        const char *nl = strchr(text, '\n');
        size_t la = nl ? (size_t)(nl - text) : strlen(text);
        const char *b2 = nl ? nl + 1 : "";
        if (!sp) {
            rc = GR_EINPUT;
        } else {
            *sp = 0;
            if (blank(text, strlen(text))) {
                if (e >= 0) rc = gr_xmlfile_remove(x, e);
            } else {
                gr_buf_printf(&frag, "<%s>", parts);
                esc(&frag, text, la);
                gr_buf_printf(&frag, "</%s>\n<%s>", parts, sp + 1);
                esc(&frag, b2, strcspn(b2, "\r\n"));
                gr_buf_printf(&frag, "</%s>", sp + 1);
                if (e >= 0) {
                    rc = gr_xmlfile_set_content(x, e, gr_buf_cstr(&frag));
                } else {
                    gr_buf_printf(&whole, "<%s>", el);
                    gr_buf_add(&whole, frag.data, frag.len);
                    gr_buf_printf(&whole, "</%s>", el);
                    rc = gr_xmlfile_insert(x, 0, insert_before(x, f), gr_buf_cstr(&whole));
                }
            }
        }
        free(parts);
    } else if (strcmp(kind, "items") == 0) {
        char *item = prop(f, "item"), *title = prop(f, "title");
        const char *nl = strchr(text, '\n');
        size_t lt = nl ? (size_t)(nl - text) : strlen(text);
        long k = item_arg && strspn(item_arg, "0123456789") == strlen(item_arg) && strlen(item_arg) < 6
                 ? strtol(item_arg, NULL, 10) : -1;
        int it = e >= 0 && k >= 0 ? child_k(x, e, item, (int)k) : -1;
        int count = 0;
        while (e >= 0 && child_k(x, e, item, count) >= 0) count++;
        if (k < 0 || k > count || !item || !title) {
            rc = GR_EINPUT;
            *why_zh = "沒有這一項：請重新整理頁面";
            *why_en = "no such item: reload the page";
        } else if (blank(text, strlen(text))) {
            if (it >= 0) rc = gr_xmlfile_remove(x, it);
        } else {
            gr_buf_printf(&frag, "<%s>", title);
            esc(&frag, text, lt);
            gr_buf_printf(&frag, "</%s>\n", title);
            para_xml(nl ? nl + 1 : "", para, &frag);
            if (it >= 0) {
                rc = gr_xmlfile_set_content(x, it, gr_buf_cstr(&frag));
            } else {
                gr_buf_printf(&whole, "<%s>\n", item);
                gr_buf_add(&whole, frag.data, frag.len);
                gr_buf_printf(&whole, "\n</%s>", item);
                if (e >= 0) {
                    rc = gr_xmlfile_insert(x, e, -1, gr_buf_cstr(&whole));
                } else {
                    gr_buf frame;
                    gr_buf_init(&frame);
                    gr_buf_printf(&frame, "<%s>\n", el);
                    gr_buf_add(&frame, whole.data, whole.len);
                    gr_buf_printf(&frame, "\n</%s>", el);
                    rc = gr_xmlfile_insert(x, 0, insert_before(x, f), gr_buf_cstr(&frame));
                    gr_buf_free(&frame);
                }
            }
        }
        free(item);
        free(title);
    } else {
        rc = GR_EINPUT;
    }
    gr_buf_free(&frag);
    gr_buf_free(&whole);
    free(el);
    free(kind);
    free(para);
    return rc;
}

static void findings_json(gr_buf *b, const gr_findings *fs, int en)
{
    size_t i;
    int first = 1;
    gr_buf_adds(b, "{\"ok\":false,\"findings\":[");
    for (i = 0; i < fs->n; i++) {
        if (fs->v[i].cls != GR_CLASS_ERROR) continue;
        if (!first) gr_buf_addc(b, ',');
        first = 0;
        gr_buf_printf(b, "{\"line\":%d,\"msg\":", fs->v[i].line > 0 ? fs->v[i].line : 0);
        gr_json_str(b, en ? fs->v[i].msg_en : fs->v[i].msg_zh);
        gr_buf_addc(b, '}');
    }
    gr_buf_adds(b, "]}");
}

/* Check the edited bytes against the office file's schema (a copy in the
 * server's own folder, under the file's own name, so messages read
 * right); save with the previous version as FILE.bak. */
static void save(gr_ctx *ctx, const char *office, const char *datadir, const char *tmpdir,
                 const gr_xmlfile *x, const char *old, size_t oldlen, gr_web_resp *resp)
{
    const char *base = strrchr(office, '/');
    char *tmp = gr_path_join(tmpdir, base ? base + 1 : office), *bak;
    gr_ctx c2;
    gr_findings fs;
    gr_data_opts o;
    xmlDocPtr d;
    int en = ctx->lang == GR_LANG_EN;
    memset(&fs, 0, sizeof fs);
    memset(&o, 0, sizeof o);
    o.datadir = datadir;
    gr_ctx_init(&c2);
    c2.print_off = 1;
    c2.findings = &fs;
    if (gr_write_file_atomic(&c2, tmp, x->bytes.data, x->bytes.len) != GR_OK) {
        gr_web_text(resp, 500, "無法寫入暫存檔", "cannot write a temporary file");
        goto out;
    }
    d = gr_data_load(&c2, tmp, &o);
    unlink(tmp);
    if (!d) {
        resp->status = 422;
        resp->content_type = "application/json; charset=utf-8";
        findings_json(&resp->body, &fs, en);
        goto out;
    }
    xmlFreeDoc(d);
    gr_ctx_init(&c2);
    c2.print_off = 1;
    bak = gr_malloc(strlen(office) + 5);
    sprintf(bak, "%s.bak", office);
    if (gr_write_file_atomic(&c2, bak, old, oldlen) != GR_OK ||
        gr_write_file_atomic(&c2, office, x->bytes.data, x->bytes.len) != GR_OK)
        gr_web_text(resp, 500, "無法儲存性平辦彙整檔", "cannot save the office file");
    else {
        resp->content_type = "application/json; charset=utf-8";
        gr_buf_adds(&resp->body, "{\"ok\":true}");
    }
    free(bak);
out:
    gr_findings_free(&fs);
    free(tmp);
}

void gr_office_text_handle(gr_ctx *ctx, const char *office, const char *datadir, const char *tmpdir,
                           const gr_web_req *req, gr_web_resp *resp)
{
    xmlDocPtr fields = load_fields(datadir);
    int en = ctx->lang == GR_LANG_EN;
    char *data = NULL;
    size_t len = 0;
    gr_ctx c2;
    gr_ctx_init(&c2);
    c2.print_off = 1;
    if (!fields) {
        gr_web_text(resp, 500, "找不到 templates/web/office-fields.xml（安裝不完整？）",
                    "templates/web/office-fields.xml is missing (incomplete installation?)");
        return;
    }
    if (!office) {
        gr_web_text(resp, 404, "資料夾中沒有性平辦彙整檔；請依 docs/office-file.md 建立後重新整理",
                    "the folder has no office file; write one (docs/office-file.md) and reload");
    } else if (gr_read_file(&c2, office, &data, &len) != GR_OK) {
        gr_web_text(resp, 500, "無法讀取性平辦彙整檔", "cannot read the office file");
    } else if (strcmp(req->method, "POST") != 0) {
        xmlDocPtr d = xmlReadMemory(data, (int)len, office, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        const char *base = strrchr(office, '/');
        resp->content_type = "application/json; charset=utf-8";
        fields_json(fields, d, base ? base + 1 : office, en, &resp->body);
        if (d) xmlFreeDoc(d);
    } else {
        const char *id = gr_web_arg(req, "field");
        xmlNodePtr f = id ? field_by_id(fields, id) : NULL;
        const char *text = (const char *)req->body, *zh, *e2;
        gr_xmlfile x;
        gr_xmlfile_init(&x);
        if (!f) {
            gr_web_text(resp, 404, "沒有這個欄位", "no such field");
        } else if (req->body_len > MAX_TEXT || strlen(text) != req->body_len) {
            gr_web_text(resp, 413, "文字太長或含有不允許的字元", "text too long or with a character not allowed");
        } else if (gr_xmlfile_set(&x, data, len) != GR_OK) {
            gr_web_text(resp, 422, "性平辦彙整檔的 XML 無法逐位元組修改；請在文字編輯器中修改",
                        "the office file's XML cannot be edited byte by byte; edit it in a text editor");
        } else if (apply(&x, fields, f, gr_web_arg(req, "item"), text, &zh, &e2) != GR_OK) {
            gr_web_text(resp, 422, zh, e2);
        } else {
            save(ctx, office, datadir, tmpdir, &x, data, len, resp);
        }
        gr_xmlfile_free(&x);
    }
    free(data);
    xmlFreeDoc(fields);
}
