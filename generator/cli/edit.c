/* edit.c — `gereport edit FILE.xml`: the report filled in a browser. A local
 * server (web/server.h: 127.0.0.1, token, cookie, Host/Origin checks)
 * serves the page of templates/web/ and a small API; the page builds the
 * form from the data format's schema and the year's form data (no second
 * copy of the form's wording), sends each change as one edit of the file's
 * bytes (web/xmlfile.h: only what was edited changes), and gets back the
 * findings of the very pipeline `check` runs (report/), in memory, with the
 * element each finding's line belongs to, and the computed figures.
 * Preview: the PDF `build` would write, from the unsaved copy. Save: the
 * previous version kept as FILE.xml.bak, the new one written atomically.
 * A FILE that does not exist is created by `new` (gr_cmd_new) once the
 * first page has the year, agency and group. docs/edit.md. */
#define _GNU_SOURCE                      /* mkdtemp, fork/exec with -std=c11 */
#include "cli.h"
#include "../report/report.h"
#include "../layout/layout.h"
#include "../web/server.h"
#include "../web/xmlfile.h"
#include "../util/msg.h"
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_BODY (24 * 1024 * 1024)      /* a phone photo (a few MB) with room;
                                            the data file itself is at most 32 MiB
                                            but edits send one field at a time */
#define MAX_PHOTO (20 * 1024 * 1024)     /* one uploaded photo */
/* What `new` writes, so the first page (before any file exists) can read
 * the schema's lists (組別). */
#define NEW_KIND "成果報告"
#define NEW_VERSION "1"

typedef struct edit {
    gr_ctx ctx;                /* the server's (fonts were opened with it) */
    const char *path;          /* the data file as the user named it */
    char *dir;                 /* its folder */
    char *datadir, *fontdir, *static_dir, *tmpdir;
    gr_domain_cache *cache;
    gr_fontset *fonts;         /* for the checks (a preview opens its own) */
    gr_xmlfile f;              /* the working copy, scanned; n == 0 if not XML */
    gr_buf raw;                /* the working copy's bytes when not XML */
    int exists, dirty;
    char disk_hash[65];        /* of the file as last read or saved */
    gr_findings findings;      /* of the last check */
    gr_buf computed;           /* JSON array of the last check's figures */
    char root[64], version[16];
    int year;
    char *form_name;
    int page_en;               /* the page's labels in English */
    gr_web *web;
} edit;

/* ---- loading and checking ------------------------------------------------ */

static void quiet_ctx(gr_ctx *c, gr_lang lang)
{
    gr_ctx_init(c);
    c->lang = lang;
    c->print_off = 1;
    c->err_stream = NULL;
    c->quiet = 1;              /* no progress lines on the terminal */
    c->tty = 0;
}

/* The counters of the server's context back to zero before a run. */
static void reset_ctx(edit *e)
{
    e->ctx.nerrors = e->ctx.nwarnings = e->ctx.nunmet = e->ctx.nsyserrors = 0;
    e->ctx.ninputs = 0;
    e->ctx.image_used = 0;
    e->ctx.print_off = 1;
    e->ctx.err_stream = NULL;
    e->ctx.quiet = 1;
    e->ctx.tty = 0;
}

static const char *bytes(const edit *e, size_t *len)
{
    if (e->f.n) {
        *len = e->f.bytes.len;
        return (const char *)e->f.bytes.data;
    }
    *len = e->raw.len;
    return (const char *)e->raw.data;
}

/* The computed figures of the enriched document, each with the number of
 * the data element it belongs to (the parent of its 計算 element), counted
 * in document order without the 計算 elements — the order xmlfile.h
 * numbers the file's elements in. */
static void walk_computed(xmlNodePtr n, int idx, int *next, gr_buf *out, int *first)
{
    xmlNodePtr c;
    for (c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (xmlStrcmp(c->name, (const xmlChar *)"計算") == 0) {
            xmlChar *name = xmlGetProp(c, (const xmlChar *)"名稱");
            xmlChar *text = xmlNodeGetContent(c);
            if (!*first) gr_buf_addc(out, ',');
            *first = 0;
            gr_buf_printf(out, "{\"el\":%d,", idx);
            gr_json_key(out, "name");
            gr_json_str(out, (const char *)name);
            gr_buf_addc(out, ',');
            gr_json_key(out, "text");
            gr_json_str(out, (const char *)text);
            gr_buf_addc(out, '}');
            xmlFree(name);
            xmlFree(text);
            continue;
        }
        walk_computed(c, (*next)++, next, out, first);
    }
}

/* The pipeline of `check` on the working copy (in memory): findings and
 * computed figures kept for the page. */
static void run_check(edit *e)
{
    gr_report_opts o;
    gr_report r;
    size_t len;
    const char *data = bytes(e, &len);
    gr_findings_free(&e->findings);
    memset(&e->findings, 0, sizeof e->findings);
    e->computed.len = 0;
    gr_buf_adds(&e->computed, "[]");
    if (!e->exists) return;
    memset(&o, 0, sizeof o);
    o.data.datadir = e->datadir;
    o.data.cache = e->cache;
    o.data.mem = data;
    o.data.mem_len = len;
    o.fontdir = e->fontdir;
    o.fonts = e->fonts;
    o.check_media = 1;
    reset_ctx(e);
    gr_report_run(&e->ctx, e->path, &o, &r);
    e->findings = r.findings;
    memset(&r.findings, 0, sizeof r.findings);
    if (r.doc) {
        xmlNodePtr root = xmlDocGetRootElement(r.doc);
        xmlChar *v = root ? xmlGetProp(root, (const xmlChar *)"版本") : NULL;
        gr_ctx q;
        int next = 1, first = 1;
        if (root) snprintf(e->root, sizeof e->root, "%s", (const char *)root->name);
        if (v) snprintf(e->version, sizeof e->version, "%s", (const char *)v);
        xmlFree(v);
        e->year = gr_data_year(r.doc);
        quiet_ctx(&q, e->ctx.lang);
        free(e->form_name);
        e->form_name = gr_data_form_name(&q, r.doc, &o.data);
        e->computed.len = 0;
        gr_buf_addc(&e->computed, '[');
        if (root) walk_computed(root, 0, &next, &e->computed, &first);
        gr_buf_addc(&e->computed, ']');
        if ((size_t)next != e->f.n) {          /* not the file's elements: no mapping */
            e->computed.len = 0;
            gr_buf_adds(&e->computed, "[]");
        }
    }
    gr_report_free(&r);
}

/* Read the file from disk into the working copy. */
static int load_file(edit *e)
{
    gr_ctx q;
    char *data = NULL;
    size_t len = 0;
    quiet_ctx(&q, e->ctx.lang);
    if (gr_read_file(&q, e->path, &data, &len) != GR_OK) return GR_EINPUT;
    gr_sha256_hex(data, len, e->disk_hash);
    e->raw.len = 0;
    if (gr_xmlfile_set(&e->f, data, len) != GR_OK) gr_buf_add(&e->raw, data, len);
    free(data);
    e->exists = 1;
    e->dirty = 0;
    run_check(e);
    return GR_OK;
}

/* ---- answers --------------------------------------------------------------- */

static const char *class_name(gr_class c)
{
    return c == GR_CLASS_ERROR ? "error" : c == GR_CLASS_UNMET ? "unmet" : "note";
}

static const char *base_name(const char *p)
{
    const char *s = p ? strrchr(p, '/') : NULL;
    return s ? s + 1 : p;
}

static void json_state(edit *e, gr_buf *b)
{
    size_t i, len;
    const char *data = bytes(e, &len);
    gr_buf_addc(b, '{');
    gr_json_key(b, "file");
    gr_json_str(b, base_name(e->path));
    gr_buf_printf(b, ",\"exists\":%s,\"dirty\":%s,\"xml_ok\":%s,\"lang\":\"%s\",\"year\":%d,",
                  e->exists ? "true" : "false", e->dirty ? "true" : "false",
                  e->f.n ? "true" : "false", e->page_en ? "en" : "zh", e->year);
    gr_json_key(b, "form");
    gr_json_str(b, e->form_name);
    gr_buf_addc(b, ',');
    gr_json_key(b, "xml");
    if (e->f.n) gr_json_strn(b, data, len);
    else gr_buf_adds(b, "null");
    gr_buf_adds(b, ",\"findings\":[");
    for (i = 0; i < e->findings.n; i++) {
        const gr_finding *f = &e->findings.v[i];
        int same = f->file && strcmp(f->file, e->path) == 0;
        int el = same && f->line > 0 && e->f.n ? gr_xmlfile_at_line(&e->f, f->line) : -1;
        if (i) gr_buf_addc(b, ',');
        gr_buf_printf(b, "{\"cls\":\"%s\",\"line\":%d,\"el\":%d,", class_name(f->cls),
                      same ? f->line : 0, el);
        gr_json_key(b, "file");
        gr_json_str(b, same ? NULL : base_name(f->file));
        gr_buf_addc(b, ',');
        gr_json_key(b, "rule");
        gr_json_str(b, f->rule);
        gr_buf_addc(b, ',');
        gr_json_key(b, "msg_zh");
        gr_json_str(b, f->msg_zh);
        gr_buf_addc(b, ',');
        gr_json_key(b, "msg_en");
        gr_json_str(b, f->msg_en);
        gr_buf_addc(b, ',');
        gr_json_key(b, "source_zh");
        gr_json_str(b, f->source_zh);
        gr_buf_addc(b, ',');
        gr_json_key(b, "source_en");
        gr_json_str(b, f->source_en);
        gr_buf_addc(b, '}');
    }
    gr_buf_adds(b, "],\"computed\":");
    if (e->computed.len) gr_buf_add(b, e->computed.data, e->computed.len);
    else gr_buf_adds(b, "[]");
    gr_buf_addc(b, '}');
}

static void answer_state(edit *e, gr_web_resp *resp)
{
    resp->content_type = "application/json";
    json_state(e, &resp->body);
}

/* An answer {"error": "...", "state": …} with a status other than 200. */
static void answer_error(edit *e, gr_web_resp *resp, int status, const char *zh, const char *en)
{
    resp->status = status;
    resp->content_type = "application/json";
    gr_buf_adds(&resp->body, "{\"error\":");
    gr_json_str(&resp->body, e->page_en ? en : zh);
    gr_buf_adds(&resp->body, ",\"state\":");
    json_state(e, &resp->body);
    gr_buf_addc(&resp->body, '}');
}

/* A file of the data folder or of templates/ as the answer. */
static int answer_file(gr_web_resp *resp, const char *path, const char *type)
{
    gr_ctx q;
    char *data = NULL;
    size_t len = 0;
    quiet_ctx(&q, GR_LANG_BOTH);
    if (!path || gr_read_file(&q, path, &data, &len) != GR_OK) {
        gr_web_text(resp, 404, "找不到這個檔案", "no such file");
        return GR_EINPUT;
    }
    resp->content_type = type;
    gr_buf_add(&resp->body, data, len);
    free(data);
    return GR_OK;
}

static int arg_int(const gr_web_req *req, const char *name, int def)
{
    const char *v = gr_web_arg(req, name);
    char *end;
    long n;
    if (!v || !v[0]) return def;
    n = strtol(v, &end, 10);
    if (*end || n < -1000000 || n > 100000000) return def;
    return (int)n;
}

/* ---- routes ------------------------------------------------------------------ */

static void do_schema(edit *e, gr_web_resp *resp)
{
    gr_data_opts d;
    char *path;
    memset(&d, 0, sizeof d);
    d.datadir = e->datadir;
    path = gr_schema_file(&d, e->root[0] ? e->root : NEW_KIND, e->version[0] ? e->version : NEW_VERSION);
    answer_file(resp, path, "application/xml; charset=utf-8");
    free(path);
}

static void do_form(edit *e, const gr_web_req *req, gr_web_resp *resp)
{
    gr_data_opts d;
    xmlDocPtr form;
    xmlChar *mem = NULL;
    int len = 0, year = arg_int(req, "year", e->year);
    memset(&d, 0, sizeof d);
    d.datadir = e->datadir;
    d.cache = e->cache;
    form = year > 0 ? gr_form_data(&d, e->root[0] ? e->root : NEW_KIND, year) : NULL;
    if (!form) {
        gr_web_text(resp, 404, "沒有這個年度的表單", "no form for that year");
        return;
    }
    xmlDocDumpMemoryEnc(form, &mem, &len, "UTF-8");
    resp->content_type = "application/xml; charset=utf-8";
    if (mem) gr_buf_add(&resp->body, mem, (size_t)len);
    xmlFree(mem);
}

static void do_new(edit *e, const gr_web_req *req, gr_web_resp *resp)
{
    const char *year = gr_web_arg(req, "year"), *agency = gr_web_arg(req, "agency"),
               *group = gr_web_arg(req, "group");
    char *argv[10];
    int rc;
    if (e->exists) {
        answer_error(e, resp, 409, "資料檔已存在", "the data file exists already");
        return;
    }
    if (!year || !agency || !group || !year[0] || !agency[0] || !group[0] ||
        strspn(year, "0123456789") != strlen(year) || strlen(year) > 3 ||
        !gr_utf8_valid(agency, strlen(agency)) || strlen(agency) > 200) {
        answer_error(e, resp, 400, "請填寫年度（民國年，例 113）、機關全銜及組別",
                     "give the year (ROC, e.g. 113), the agency's full name and the group");
        return;
    }
    argv[0] = "new";
    argv[1] = "--year"; argv[2] = (char *)year;
    argv[3] = "--agency"; argv[4] = (char *)agency;
    argv[5] = "--group"; argv[6] = (char *)group;
    argv[7] = "-o"; argv[8] = (char *)e->path;
    argv[9] = NULL;
    rc = gr_cmd_new(9, argv);          /* `new` itself: its checks, its skeleton */
    if (rc != GR_OK || load_file(e) != GR_OK) {
        answer_error(e, resp, 422, "無法建立資料檔：請檢查年度、機關及組別（終端機有詳細訊息）",
                     "cannot create the data file: check year, agency and group (details on the terminal)");
        return;
    }
    answer_state(e, resp);
}

static void do_edit(edit *e, const gr_web_req *req, gr_web_resp *resp)
{
    const char *op = gr_web_arg(req, "op");
    const char *value = (const char *)req->body;
    int el = arg_int(req, "el", -1), rc = GR_EINPUT;
    if (!e->f.n) {
        answer_error(e, resp, 409, "資料檔不是正確的 XML，無法在網頁上修改：請依檢查結果先修正該行",
                     "the data file is not well-formed XML and cannot be edited here: fix the line the check names first");
        return;
    }
    if (!op || strlen(value) != req->body_len || !gr_utf8_valid(value, req->body_len)) {
        answer_error(e, resp, 400, "修改的內容不正確", "malformed change");
        return;
    }
    if (strcmp(op, "text") == 0) rc = gr_xmlfile_set_text(&e->f, el, value);
    else if (strcmp(op, "content") == 0)
        rc = gr_xml_fragment_ok(value) ? gr_xmlfile_set_content(&e->f, el, value) : GR_EINPUT;
    else if (strcmp(op, "attr") == 0) {
        const char *name = gr_web_arg(req, "name");
        int drop = gr_web_arg(req, "drop") != NULL && !value[0];
        rc = name ? gr_xmlfile_set_attr(&e->f, el, name, drop ? NULL : value) : GR_EINPUT;
    } else if (strcmp(op, "insert") == 0)
        rc = gr_xml_fragment_ok(value) && value[0] == '<'
             ? gr_xmlfile_insert(&e->f, el, arg_int(req, "before", -1), value) : GR_EINPUT;
    else if (strcmp(op, "remove") == 0) rc = gr_xmlfile_remove(&e->f, el);
    else if (strcmp(op, "move") == 0) rc = gr_xmlfile_move(&e->f, el, arg_int(req, "dir", 0));
    if (rc != GR_OK) {
        answer_error(e, resp, 400, "這項修改無法套用（頁面與檔案不一致？請重新載入）",
                     "this change cannot be applied (page out of step with the file? reload)");
        return;
    }
    e->dirty = 1;
    run_check(e);
    answer_state(e, resp);
}

static void do_save(edit *e, gr_web_resp *resp)
{
    gr_ctx q;
    char *disk = NULL, hex[65], *bak;
    size_t dlen = 0, len;
    const char *data = bytes(e, &len);
    int rc;
    if (!e->exists) {
        answer_error(e, resp, 409, "尚未建立資料檔", "no data file yet");
        return;
    }
    quiet_ctx(&q, e->ctx.lang);
    if (gr_read_file(&q, e->path, &disk, &dlen) != GR_OK) {
        answer_error(e, resp, 409, "資料檔已被移走或無法讀取，未儲存", "the data file is gone or unreadable: not saved");
        return;
    }
    gr_sha256_hex(disk, dlen, hex);
    if (strcmp(hex, e->disk_hash) != 0) {
        free(disk);
        answer_error(e, resp, 409, "資料檔在編輯期間被其他程式修改過；為免覆蓋，未儲存（請另存或重新載入）",
                     "the data file was changed by another program while you edited: not saved, so as not to overwrite it");
        return;
    }
    rc = GR_OK;
    if (dlen != len || memcmp(disk, data, len) != 0) {
        bak = malloc(strlen(e->path) + 5);
        if (!bak) gr_out_of_memory(strlen(e->path) + 5);
        sprintf(bak, "%s.bak", e->path);
        /* a context that has not read the file: outputs never replace an
           input of the run (util/file.c), and here replacing it is the point */
        quiet_ctx(&q, e->ctx.lang);
        rc = gr_write_file_atomic(&q, bak, disk, dlen);
        if (rc == GR_OK) rc = gr_write_file_atomic(&q, e->path, data, len);
        free(bak);
    }
    free(disk);
    if (rc != GR_OK) {
        answer_error(e, resp, 500, "儲存失敗（磁碟已滿或沒有權限？）；檔案維持原狀",
                     "saving failed (disk full or no permission?); the file is as it was");
        return;
    }
    gr_sha256_hex(data, len, e->disk_hash);
    e->dirty = 0;
    answer_state(e, resp);
}

/* A photo's name as stored: the client's name reduced to letters, digits,
 * '-' and '_' (anything else, Chinese names too, dropped), at most 40, then
 * the extension its bytes call for; "photo" when nothing is left. */
static void photo_name(const char *client, const char *ext, char *out, size_t outsz)
{
    const char *base = client ? base_name(client) : "";
    const char *dot = strrchr(base, '.');
    size_t n = 0, i, stop = dot ? (size_t)(dot - base) : strlen(base);
    char stem[48];
    for (i = 0; i < stop && n < 40; i++) {
        char ch = base[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_') stem[n++] = ch;
        else if (ch >= 'A' && ch <= 'Z') stem[n++] = (char)(ch - 'A' + 'a');
    }
    while (n && (stem[0] == '-' || stem[0] == '_')) memmove(stem, stem + 1, --n);
    stem[n] = 0;
    snprintf(out, outsz, "%s%s", n ? stem : "photo", ext);
}

/* Decode a photo the way a build will: a one-image FO laid out by the
 * layout engine, which reads, decodes and resamples it (graphics/). The
 * first problem's words into why. */
static int photo_decodes(edit *e, const char *file, gr_buf *why)
{
    static const char fo[] =
        "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\"><fo:layout-master-set>"
        "<fo:simple-page-master master-name=\"p\" page-width=\"210mm\" page-height=\"297mm\" margin=\"20mm\">"
        "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference=\"p\"><fo:flow flow-name=\"xsl-region-body\"><fo:block>"
        "<fo:external-graphic src=\"%s\" content-width=\"100mm\"/></fo:block></fo:flow></fo:page-sequence></fo:root>";
    gr_ctx q;
    gr_findings found;
    gr_fo_tree *tree;
    gr_doc *doc = NULL;
    gr_buf text;
    char *name = gr_path_join(e->tmpdir, "check.fo");
    int rc;
    size_t i;
    memset(&found, 0, sizeof found);
    quiet_ctx(&q, e->ctx.lang);
    q.findings = &found;
    gr_buf_init(&text);
    gr_buf_printf(&text, fo, file);
    tree = gr_fo_parse_memory(&q, name, (const char *)text.data, text.len);
    rc = tree ? gr_layout(&q, tree, e->fonts, &doc, NULL) : GR_ESYS;
    if (rc == GR_OK && q.nerrors) rc = GR_EINPUT;
    for (i = 0; i < found.n; i++)
        if (found.v[i].cls == GR_CLASS_ERROR) {
            gr_buf_adds(why, e->page_en ? found.v[i].msg_en : found.v[i].msg_zh);
            break;
        }
    gr_doc_free(doc);
    gr_fo_tree_free(tree);
    gr_findings_free(&found);
    gr_buf_free(&text);
    free(name);
    return rc;
}

/* POST /api/photo?name=CLIENT.jpg with the photo as the body: a JPEG or PNG
 * (by its bytes), at most MAX_PHOTO, decoded before it is accepted, stored
 * in the data folder's photos/ under a sanitised, new name. Answers
 * {"file": "photos/NAME.jpg"}, the value for <圖檔 檔案>. */
static void do_photo(edit *e, const gr_web_req *req, gr_web_resp *resp)
{
    static const unsigned char png_magic[8] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };
    const unsigned char *d = req->body;
    const char *ext = NULL;
    char name[64], rel[96], *tmpfile = NULL, *photos = NULL, *final = NULL;
    gr_buf why;
    struct stat st;
    int fd, k;
    gr_ctx q;
    if (req->body_len > MAX_PHOTO) {
        answer_error(e, resp, 413, "照片超過 20 MB：請先縮小（例如長邊 4000 像素）", "photo larger than 20 MB: scale it down first");
        return;
    }
    if (req->body_len >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff) ext = ".jpg";
    else if (req->body_len >= 8 && memcmp(d, png_magic, 8) == 0) ext = ".png";
    if (!ext) {
        answer_error(e, resp, 415, "只接受 JPEG 或 PNG 照片", "only JPEG or PNG photos are accepted");
        return;
    }
    gr_buf_init(&why);
    tmpfile = gr_path_join(e->tmpdir, strcmp(ext, ".jpg") == 0 ? "upload.jpg" : "upload.png");
    fd = open(tmpfile, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 || write(fd, d, req->body_len) != (ssize_t)req->body_len) {
        if (fd >= 0) close(fd);
        answer_error(e, resp, 500, "無法暫存照片", "cannot store the photo temporarily");
        goto done;
    }
    close(fd);
    if (photo_decodes(e, base_name(tmpfile), &why) != GR_OK) {
        answer_error(e, resp, 422, why.len ? gr_buf_cstr(&why) : "照片無法解碼", why.len ? gr_buf_cstr(&why) : "the photo cannot be decoded");
        goto done;
    }
    photos = gr_path_join(e->dir, "photos");
    if (lstat(photos, &st) != 0) mkdir(photos, 0777);
    if (lstat(photos, &st) != 0 || !S_ISDIR(st.st_mode)) {
        answer_error(e, resp, 500, "無法在資料檔的資料夾建立 photos 子資料夾", "cannot create photos/ beside the data file");
        goto done;
    }
    photo_name(gr_web_arg(req, "name"), ext, name, sizeof name);
    for (k = 1; k < 1000; k++) {
        if (k == 1) snprintf(rel, sizeof rel, "photos/%s", name);
        else snprintf(rel, sizeof rel, "photos/%.*s-%d%s", (int)(strlen(name) - 4), name, k, ext);
        free(final);
        final = gr_path_join(e->dir, rel);
        if (lstat(final, &st) != 0) break;
    }
    quiet_ctx(&q, e->ctx.lang);
    if (k >= 1000 || gr_write_file_atomic(&q, final, d, req->body_len) != GR_OK) {
        answer_error(e, resp, 500, "無法儲存照片", "cannot store the photo");
        goto done;
    }
    resp->content_type = "application/json";
    gr_buf_adds(&resp->body, "{\"file\":");
    gr_json_str(&resp->body, rel);
    gr_buf_addc(&resp->body, '}');
done:
    if (tmpfile) unlink(tmpfile);
    free(tmpfile);
    free(photos);
    free(final);
    gr_buf_free(&why);
}

/* GET /api/image?file=REL: a photo of the data folder for the page's
 * thumbnails. Only a relative name without "..", resolving (symlinks
 * followed) inside the data folder, a regular JPEG or PNG file. */
static void do_image(edit *e, const gr_web_req *req, gr_web_resp *resp)
{
    const char *rel = gr_web_arg(req, "file");
    char *path = NULL, *real = NULL, *dir = NULL;
    const char *type = NULL;
    size_t n;
    if (!rel || !rel[0] || rel[0] == '/' || strstr(rel, "..") || strchr(rel, '\\') || strlen(rel) > 1000) {
        gr_web_text(resp, 404, "找不到這個檔案", "no such file");
        return;
    }
    path = gr_path_join(e->dir, rel);
    real = realpath(path, NULL);
    dir = realpath(e->dir, NULL);
    n = dir ? strlen(dir) : 0;
    if (!real || !dir || strncmp(real, dir, n) != 0 || real[n] != '/' ||
        answer_file(resp, real, "application/octet-stream") != GR_OK) {
        gr_buf_free(&resp->body);
        gr_buf_init(&resp->body);
        gr_web_text(resp, 404, "找不到這個檔案", "no such file");
    } else {
        const unsigned char *d = resp->body.data;
        if (resp->body.len >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff) type = "image/jpeg";
        else if (resp->body.len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) type = "image/png";
        if (type) resp->content_type = type;
        else {
            gr_buf_free(&resp->body);
            gr_buf_init(&resp->body);
            gr_web_text(resp, 404, "不是照片", "not a photo");
        }
    }
    free(path);
    free(real);
    free(dir);
}

/* The PDF `build` would write from the working copy (public, or internal
 * with ?edition=internal). */
static void do_preview(edit *e, const gr_web_req *req, gr_web_resp *resp)
{
    const char *ed = gr_web_arg(req, "edition");
    gr_report_opts o;
    gr_report r;
    gr_ctx c;
    size_t len;
    const char *data = bytes(e, &len);
    char *out;
    int rc;
    if (!e->exists) {
        gr_web_text(resp, 409, "尚未建立資料檔", "no data file yet");
        return;
    }
    memset(&o, 0, sizeof o);
    o.data.datadir = e->datadir;
    o.data.internal = ed && strcmp(ed, "internal") == 0;
    o.data.cache = e->cache;
    o.data.mem = data;
    o.data.mem_len = len;
    o.fontdir = e->fontdir;            /* fonts of its own, as build opens them */
    o.want_tree = 1;
    quiet_ctx(&c, e->ctx.lang);
    out = gr_path_join(e->tmpdir, "preview.pdf");
    rc = gr_report_run(&c, e->path, &o, &r);
    if (rc == GR_OK) rc = gr_report_pdf(&c, &r, &o, out);
    gr_report_free(&r);
    if (rc == GR_OK && answer_file(resp, out, "application/pdf") == GR_OK) {
        resp->filename = o.data.internal ? "preview-internal.pdf" : "preview.pdf";
    } else {
        gr_buf_free(&resp->body);
        gr_buf_init(&resp->body);
        gr_web_text(resp, 422, "資料有錯誤，無法產生 PDF：請先修正標示「錯誤」的欄位",
                    "the data has errors, no PDF: fix the fields marked error first");
    }
    unlink(out);
    free(out);
}

static void handle(void *user, const gr_web_req *req, gr_web_resp *resp)
{
    edit *e = user;
    int get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
    const char *p = req->path;
    if (get && strcmp(p, "/") == 0) {
        char *page = gr_path_join(e->static_dir, "edit.html");
        answer_file(resp, page, "text/html; charset=utf-8");
        free(page);
    } else if (get && strcmp(p, "/api/state") == 0) answer_state(e, resp);
    else if (get && strcmp(p, "/api/schema") == 0) do_schema(e, resp);
    else if (get && strcmp(p, "/api/form") == 0) do_form(e, req, resp);
    else if (get && strcmp(p, "/api/preview") == 0) do_preview(e, req, resp);
    else if (get && strcmp(p, "/api/image") == 0) do_image(e, req, resp);
    else if (!get && strcmp(p, "/api/new") == 0) do_new(e, req, resp);
    else if (!get && strcmp(p, "/api/edit") == 0) do_edit(e, req, resp);
    else if (!get && strcmp(p, "/api/save") == 0) do_save(e, resp);
    else if (!get && strcmp(p, "/api/photo") == 0) do_photo(e, req, resp);
    else if (!get && strcmp(p, "/api/reload") == 0) {
        if (load_file(e) != GR_OK) answer_error(e, resp, 409, "無法讀取資料檔", "cannot read the data file");
        else answer_state(e, resp);
    } else if (!get && strcmp(p, "/api/quit") == 0) {
        gr_web_quit(e->web);
        gr_web_text(resp, 200, "已結束，可以關閉這個分頁", "stopped; you may close this tab");
    } else gr_web_text(resp, 404, "沒有這個網址", "no such address");
}

/* ---- the verb ------------------------------------------------------------------ */

static void edit_usage(FILE *out)
{
    fputs("用法 Usage: gereport edit FILE.xml [--port N] [--no-open] [--lang zh|en]\n"
          "\n"
          "在瀏覽器中填寫成果報告：本機網頁（只接受 127.0.0.1），逐欄即時檢查，\n"
          "可預覽 PDF、儲存（前一版保留為 FILE.xml.bak）。檔案不存在時，先問年度、機關\n"
          "及組別再建立。按 Ctrl-C 結束。\n"
          "Fill in the report in a browser: a local page (127.0.0.1 only), every\n"
          "change checked at once, PDF preview, save (the previous version kept as\n"
          "FILE.xml.bak). A FILE that does not exist is created from the year,\n"
          "agency and group the first page asks. Ctrl-C stops it.\n"
          "\n"
          "  --port N        埠號（預設：任一空閒埠）port (default: any free one)\n"
          "  --no-open       不自動開啟瀏覽器 do not open a browser\n"
          "  --lang zh|en    網頁與訊息的語言 language of the page and messages\n"
          "  --datadir DIR   templates/ 與 fonts/ 所在的資料夾 folder holding them\n"
          "  --fonts DIR     gereport-fonts.conf 所在的資料夾 its folder\n"
          "\n"
          "說明 docs/edit.md\n",
          out);
}

/* xdg-open the address when a desktop session is there; never waits. */
static void open_browser(const char *url)
{
    pid_t pid;
    if (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) return;
    pid = fork();
    if (pid == 0) {
        int fd = open("/dev/null", O_RDWR);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        if (fork() == 0) {             /* grandchild: nobody waits for the browser */
            execlp("xdg-open", "xdg-open", url, (char *)NULL);
        }
        _exit(0);
    }
    if (pid > 0) waitpid(pid, NULL, 0);
}

/* Remove the private temporary folder (only files we put there). */
static void remove_tmpdir(const char *dir)
{
    static const char *const files[] = { "preview.pdf", "upload.jpg", "upload.png" };
    size_t i;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *p = gr_path_join(dir, files[i]);
        unlink(p);
        free(p);
    }
    rmdir(dir);
}

enum { O_PORT = 1, O_NO_OPEN, O_DATADIR, O_FONTS };
static const gr_opt edit_opts[] = {
    { "port", 0, 1, O_PORT }, { "no-open", 0, 0, O_NO_OPEN },
    { "datadir", 0, 1, O_DATADIR }, { "fonts", 0, 1, O_FONTS }, { NULL, 0, 0, 0 }
};

int gr_cmd_edit(int argc, char **argv)
{
    edit e;
    gr_opts p;
    gr_web_opts wo;
    const char *file = NULL, *dd = NULL, *fonts = NULL;
    char tmpl[4096];
    const char *tmp = getenv("TMPDIR");
    struct stat st;
    int id, no_open = 0, rc = GR_OK, sig;
    long port = 0;
    memset(&e, 0, sizeof e);
    gr_ctx_init(&e.ctx);
    gr_opts_init(&p, &e.ctx, "edit", "edit FILE.xml [--port N] [--no-open] [--lang zh|en]",
                 edit_opts, argc, argv);
    while ((id = gr_opts_next(&p)) != GR_OPT_END) {
        switch (id) {
        case GR_OPT_HELP: edit_usage(stdout); return GR_OK;
        case GR_OPT_ERROR: return GR_ESYS;
        case O_PORT: {
            char *end;
            port = strtol(p.value, &end, 10);
            if (*end || port < 1 || port > 65535)
                return gr_opts_usage_error(&p, GR_TEXT(EDIT_PORT_NUMBER), p.value);
            break;
        }
        case O_NO_OPEN: no_open = 1; break;
        case O_DATADIR: dd = p.value; break;
        case O_FONTS: fonts = p.value; break;
        case GR_OPT_OPERAND:
            if (file) return gr_opts_usage_error(&p, GR_TEXT(EDIT_ONE_FILE), p.value);
            file = p.value;
            break;
        default: return GR_ESYS;
        }
    }
    if (!file) return gr_opts_usage_error(&p, GR_TEXT(EDIT_NAME_FILE));
    if (gr_is_stdio(file))
        return gr_opts_usage_error(&p, GR_TEXT(EDIT_NOT_STDIN));
    e.path = file;
    e.page_en = e.ctx.lang == GR_LANG_EN;
    e.dir = gr_dirname(file);
    if (stat(e.dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        gr_syserror(&e.ctx, file, 0, GR_TEXT(EDIT_NO_FOLDER));
        free(e.dir);
        return GR_ESYS;
    }
    if (stat(file, &st) == 0 && !S_ISREG(st.st_mode)) {
        gr_syserror(&e.ctx, file, 0, GR_TEXT(EDIT_NOT_REGULAR));
        free(e.dir);
        return GR_ESYS;
    }
    e.datadir = dd ? gr_strdup(dd) : gr_cli_datadir();
    e.fontdir = fonts ? gr_strdup(fonts) : gr_path_join(e.datadir, "fonts");
    e.static_dir = gr_path_join(e.datadir, "templates/web");
    e.cache = gr_domain_cache_new();
    gr_xmlfile_init(&e.f);
    gr_buf_init(&e.raw);
    gr_buf_init(&e.computed);
    snprintf(tmpl, sizeof tmpl, "%s/gereport-edit-XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");
    e.tmpdir = mkdtemp(tmpl) ? gr_strdup(tmpl) : NULL;      /* mode 0700 */
    e.fonts = e.tmpdir ? gr_fontset_new(&e.ctx, e.fontdir) : NULL;
    if (!e.tmpdir) rc = gr_syserror(&e.ctx, NULL, 0, GR_TEXT(EDIT_NO_TMPDIR));
    else if (!e.fonts) rc = GR_ESYS;                        /* reported */
    if (rc == GR_OK && stat(file, &st) == 0 && load_file(&e) != GR_OK)
        rc = gr_syserror(&e.ctx, file, 0, GR_TEXT(EDIT_CANNOT_READ));
    if (rc == GR_OK) {
        memset(&wo, 0, sizeof wo);
        wo.port = (unsigned)port;
        wo.static_dir = e.static_dir;
        wo.max_body = MAX_BODY;
        wo.handler = handle;
        wo.user = &e;
        e.web = gr_web_start(&e.ctx, &wo);
        if (!e.web) rc = GR_ESYS;
    }
    if (rc == GR_OK) {
        gr_cli_say(&e.ctx, stdout, GR_TEXT(EDIT_OPEN_ADDRESS));
        printf("%s\n", gr_web_url(e.web));
        fflush(stdout);
        if (!no_open) open_browser(gr_web_url(e.web));
        sig = gr_web_wait(e.web);
        /* stopping: a second signal (Ctrl-C reaches the whole process
           group; timeout(1) signals the child and its group) must not cut
           the clean-up short once gr_web_stop unblocks them */
        signal(SIGINT, SIG_IGN);
        signal(SIGTERM, SIG_IGN);
        signal(SIGHUP, SIG_IGN);
        gr_web_stop(e.web);
        if (e.dirty)
            gr_cli_say(&e.ctx, stderr, GR_TEXT(EDIT_UNSAVED_DISCARDED));
        (void)sig;
    }
    if (e.tmpdir) remove_tmpdir(e.tmpdir);
    gr_fontset_free(e.fonts);
    gr_findings_free(&e.findings);
    gr_xmlfile_free(&e.f);
    gr_buf_free(&e.raw);
    gr_buf_free(&e.computed);
    gr_domain_cache_free(e.cache);
    free(e.form_name);
    free(e.tmpdir);
    free(e.static_dir);
    free(e.fontdir);
    free(e.datadir);
    free(e.dir);
    return rc;
}
