/* city.c — a year folder (city.h): finding the agencies' files and the
 * office file, running each through the one pipeline, the year, the
 * roster and why a file is left out; and the combined report's document.
 *
 * The element names below are the assembled document's vocabulary
 * (docs/office-file.md): the office file's root, its 年度 and 名冊, the
 * identity of an agency file (機關/全銜, 機關/簡稱, 年度), and the parts
 * this module adds (彙整, 附錄). What is counted and printed lives in
 * templates/combined/ (figures.xml and the XSLT), not here. */
#include "archive.h"
#include "city.h"
#include "../util/msg.h"
#include <libxml/xmlreader.h>
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define OFFICE_ROOT "全市成果彙整"
#define AGENCY_ROOT "成果報告"

/* ---- small helpers on libxml2 nodes ------------------------------------ */

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
    xmlNodePtr c;
    for (c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0) return c;
    return NULL;
}

/* trimmed text of n, newly allocated; NULL when n is NULL or empty */
static char *text_of(xmlNodePtr n)
{
    xmlChar *t;
    char *r = NULL;
    const char *s, *e;
    if (!n) return NULL;
    t = xmlNodeGetContent(n);
    if (!t) return NULL;
    s = (const char *)t;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) e--;
    if (e > s) r = gr_strndup(s, (size_t)(e - s));
    xmlFree(t);
    return r;
}

static char *attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
    char *r = v && v[0] ? gr_strdup((const char *)v) : NULL;
    xmlFree(v);
    return r;
}

static int year_of(xmlDocPtr doc, int *line)
{
    xmlNodePtr y = child(xmlDocGetRootElement(doc), "年度");
    char *t = text_of(y);
    int v = 0;
    if (t && strlen(t) < 6) v = atoi(t);
    free(t);
    if (line) *line = y ? (int)xmlGetLineNo(y) : 0;
    return v;
}

/* The first element's name without reading the whole file; NULL when the
 * file is not a regular file or not XML. No network, no DTD, no entities. */
static char *root_name(const char *path)
{
    xmlTextReaderPtr r;
    char *name = NULL;
    if (!gr_regular_file(path)) return NULL;
    r = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r) return NULL;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) {
            const xmlChar *n = xmlTextReaderConstLocalName(r);
            if (n) name = gr_strdup((const char *)n);
            break;
        }
    }
    xmlFreeTextReader(r);
    return name;
}

/* An agency's file in dir: NAME.xml, or NAME.pdf carrying its data
 * (--embed-source; read through report/archive.c as if the XML were
 * there). Other PDFs (reports without data) are not data files. */
static int is_data_name(const char *dir, const char *n)
{
    size_t len = strlen(n);
    int yes = 0;
    if (len > 4 && strcmp(n + len - 4, ".xml") == 0) return 1;
    if (len > 4 && strcmp(n + len - 4, ".pdf") == 0) {
        char *p = gr_path_join(dir, n);
        yes = gr_archive_carries_data(p);
        free(p);
    }
    return yes;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ---- states ------------------------------------------------------------ */

const char *gr_city_state_zh(gr_city_state s)
{
    switch (s) {
    case GR_CITY_IN: return "納入";
    case GR_CITY_ERROR: return "有錯誤，未納入";
    case GR_CITY_UNREADABLE: return "無法讀取，未納入";
    case GR_CITY_WRONG_YEAR: return "年度不符，未納入";
    case GR_CITY_DUPLICATE: return "重複提交，未納入";
    case GR_CITY_NOT_ON_ROSTER: return "不在名冊，未納入";
    }
    return "?";
}

const char *gr_city_state_en(gr_city_state s)
{
    switch (s) {
    case GR_CITY_IN: return "combined";
    case GR_CITY_ERROR: return "has errors, left out";
    case GR_CITY_UNREADABLE: return "unreadable, left out";
    case GR_CITY_WRONG_YEAR: return "another year, left out";
    case GR_CITY_DUPLICATE: return "duplicate, left out";
    case GR_CITY_NOT_ON_ROSTER: return "not on the roster, left out";
    }
    return "?";
}

/* ---- scanning ---------------------------------------------------------- */

/* A path found in the folder, relative to it (messages and the annex name
 * files so: no absolute paths in the PDF). */
static const char *rel_of(const gr_city *c, const char *path)
{
    size_t n = strlen(c->dir);
    if (strcmp(c->dir, ".") == 0 || strncmp(path, c->dir, n) != 0) return path;
    return path + n + (path[n] == '/');
}

static void add_entry(gr_city *c, size_t *cap, const char *path)
{
    gr_city_entry *e;
    c->v = gr_grow(c->v, cap, c->n + 1, sizeof *c->v);
    e = &c->v[c->n++];
    memset(e, 0, sizeof *e);
    e->path = gr_strdup(path);
    e->rel = rel_of(c, e->path);
    e->unit = -1;
    e->named_unit = -1;
}

static int add_unit(gr_city *c, size_t *cap, const char *short_name, const char *full, const char *group)
{
    gr_city_unit *u;
    c->units = gr_grow(c->units, cap, c->nunits + 1, sizeof *c->units);
    u = &c->units[c->nunits];
    memset(u, 0, sizeof *u);
    u->short_name = gr_strdup(short_name);
    u->full_name = full ? gr_strdup(full) : NULL;
    u->group = group ? gr_strdup(group) : NULL;
    u->entry = -1;
    return (int)c->nunits++;
}

/* The office file's roster (名冊/單位, in print order). */
static void read_roster(gr_city *c, size_t *cap)
{
    xmlNodePtr r = child(xmlDocGetRootElement(c->office_doc), "名冊"), u;
    for (u = r ? r->children : NULL; u; u = u->next) {
        char *s, *f, *g;
        if (u->type != XML_ELEMENT_NODE || strcmp((const char *)u->name, "單位") != 0) continue;
        s = attr(u, "簡稱");
        f = text_of(child(u, "全銜"));
        g = attr(u, "組別");
        if (s) {
            int k = add_unit(c, cap, s, f, g);    /* may move c->units */
            c->units[k].required = attr(u, "應開會次數");
        }
        free(s); free(f); free(g);
    }
}

/* Roster unit of an agency document: its 全銜, else its 簡稱 against the
 * roster's 簡稱 and 別名. -1 when none. */
static int match_unit(const gr_city *c, xmlDocPtr doc)
{
    xmlNodePtr ag = child(xmlDocGetRootElement(doc), "機關"), rr, u, a;
    char *full = text_of(child(ag, "全銜")), *sh = text_of(child(ag, "簡稱"));
    int i, hit = -1;
    for (i = 0; i < (int)c->nunits && hit < 0; i++)
        if (full && c->units[i].full_name && strcmp(full, c->units[i].full_name) == 0) hit = i;
    for (i = 0; i < (int)c->nunits && hit < 0; i++)
        if (sh && strcmp(sh, c->units[i].short_name) == 0) hit = i;
    rr = c->office_doc ? child(xmlDocGetRootElement(c->office_doc), "名冊") : NULL;
    for (u = rr ? rr->children : NULL, i = 0; u && hit < 0 && sh; u = u->next) {
        if (u->type != XML_ELEMENT_NODE || strcmp((const char *)u->name, "單位") != 0) continue;
        for (a = u->children; a; a = a->next) {
            char *t;
            if (a->type != XML_ELEMENT_NODE || strcmp((const char *)a->name, "別名") != 0) continue;
            t = text_of(a);
            if (t && strcmp(t, sh) == 0) hit = i;
            free(t);
        }
        i++;
    }
    free(full);
    free(sh);
    return hit;
}

static char *agency_name(xmlDocPtr doc)
{
    xmlNodePtr ag = child(xmlDocGetRootElement(doc), "機關");
    char *s = text_of(child(ag, "簡稱"));
    return s ? s : text_of(child(ag, "全銜"));
}

/* The year most files state (the later one on a tie); 0 when none does. */
static int majority_year(const gr_city *c)
{
    size_t i, j;
    int best = 0, bestn = 0;
    for (i = 0; i < c->n; i++) {
        int y = c->v[i].year, n = 0;
        if (!y) continue;
        for (j = 0; j < c->n; j++) n += c->v[j].year == y;
        if (n > bestn || (n == bestn && y > best)) { best = y; bestn = n; }
    }
    return best;
}

static void list_files(gr_city *c, size_t *cap, char ***offices, size_t *noff)
{
    char **names = gr_list_dir(c->dir);
    size_t i, j, ocap = 0;
    for (i = 0; names && names[i]; i++) {
        char *p = gr_path_join(c->dir, names[i]);
        if (is_dir(p)) {
            /* one subfolder per agency, beside its photos */
            char **sub = gr_list_dir(p);
            for (j = 0; sub && sub[j]; j++) {
                char *q;
                if (!is_data_name(p, sub[j])) continue;
                q = gr_path_join(p, sub[j]);
                add_entry(c, cap, q);
                free(q);
            }
            gr_free_names(sub);
        } else if (is_data_name(c->dir, names[i])) {
            add_entry(c, cap, p);
        }
        free(p);
    }
    gr_free_names(names);
    /* office files out of the entries */
    for (i = 0; i < c->n;) {
        char *root = root_name(c->v[i].path);
        if (root && strcmp(root, OFFICE_ROOT) == 0) {
            *offices = gr_grow(*offices, &ocap, *noff + 1, sizeof **offices);
            (*offices)[(*noff)++] = c->v[i].path;
            memmove(&c->v[i], &c->v[i + 1], (c->n - i - 1) * sizeof *c->v);
            c->n--;
        } else {
            i++;
        }
        free(root);
    }
}

/* ---- last year's files ------------------------------------------------ */

/* 機關/全銜, 機關/簡稱 and 年度 of a data file, from a plain parse (no
 * network, no DTD, no entities, no messages); 0 when unreadable. */
static int identity(const char *path, char **full, char **sh, int *year)
{
    xmlDocPtr d;
    xmlNodePtr ag;
    *full = *sh = NULL;
    *year = 0;
    if (!gr_regular_file(path)) return 0;
    d = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!d) return 0;
    ag = child(xmlDocGetRootElement(d), "機關");
    *full = text_of(child(ag, "全銜"));
    *sh = text_of(child(ag, "簡稱"));
    *year = year_of(d, NULL);
    xmlFreeDoc(d);
    return 1;
}

static void previous_add(gr_ctx *ctx, const char *path, const gr_report_opts *o, gr_previous *p)
{
    gr_ctx quiet;
    gr_report r;
    gr_report_opts q = *o;
    char *root = root_name(path);
    int is_agency = root && strcmp(root, AGENCY_ROOT) == 0;
    free(root);
    if (!is_agency) return;                 /* an office file, or not XML */
    gr_ctx_init(&quiet);                    /* last year's findings are not this year's */
    quiet.print_off = 1;
    quiet.lang = ctx->lang;
    q.data_only = 1;
    q.check_media = 0;
    q.data.previous = NULL;
    gr_report_run(&quiet, path, &q, &r);
    if (r.doc) {
        gr_previous_doc *x;
        xmlNodePtr ag = child(xmlDocGetRootElement(r.doc), "機關");
        p->v = gr_grow(p->v, &p->cap, p->n + 1, sizeof *p->v);
        x = &p->v[p->n++];
        x->doc = r.doc;
        r.doc = NULL;
        x->year = year_of(x->doc, NULL);
        x->full = text_of(child(ag, "全銜"));
        x->shortn = text_of(child(ag, "簡稱"));
    }
    gr_report_free(&r);
}

int gr_previous_load(gr_ctx *ctx, const char *path, const gr_report_opts *o, gr_previous *p)
{
    size_t i, j;
    memset(p, 0, sizeof *p);
    if (!path) return GR_OK;
    p->path = gr_strdup(path);
    if (!is_dir(path)) {
        if (!gr_regular_file(path))
            return gr_syserror(ctx, path, 0, GR_TEXT(CITY_PREVIOUS_UNREADABLE));
        p->single = 1;
        previous_add(ctx, path, o, p);
        if (!p->n)
            return gr_syserror(ctx, path, 0, GR_TEXT(CITY_PREVIOUS_BAD_FILE));
        return GR_OK;
    }
    {
        char **names = gr_list_dir(path);
        for (i = 0; names && names[i]; i++) {
            char *q = gr_path_join(path, names[i]);
            if (is_dir(q)) {
                char **sub = gr_list_dir(q);
                for (j = 0; sub && sub[j]; j++) {
                    char *f;
                    if (!is_data_name(q, sub[j])) continue;
                    f = gr_path_join(q, sub[j]);
                    previous_add(ctx, f, o, p);
                    free(f);
                }
                gr_free_names(sub);
            } else if (is_data_name(path, names[i])) {
                previous_add(ctx, q, o, p);
            }
            free(q);
        }
        gr_free_names(names);
    }
    return GR_OK;
}

xmlDocPtr gr_previous_for(gr_previous *p, const char *path)
{
    char *full, *sh;
    int year, ok = identity(path, &full, &sh, &year);
    xmlDocPtr hit = NULL;
    size_t i;
    if (!p->path) { free(full); free(sh); return NULL; }
    for (i = 0; ok && i < p->n && !hit; i++) {
        const gr_previous_doc *x = &p->v[i];
        if (x->year != year - 1) continue;
        if (p->single || (full && x->full && strcmp(full, x->full) == 0)) hit = x->doc;
    }
    for (i = 0; ok && i < p->n && !hit; i++) {
        const gr_previous_doc *x = &p->v[i];
        if (x->year == year - 1 && sh && x->shortn && strcmp(sh, x->shortn) == 0) hit = x->doc;
    }
    if (!hit && ok) {
        p->missed = gr_grow(p->missed, &p->capmissed, p->nmissed + 1, sizeof *p->missed);
        p->missed[p->nmissed++] = gr_strdup(sh ? sh : full ? full : path);
    }
    free(full);
    free(sh);
    return hit;
}

int gr_previous_unchecked(gr_ctx *ctx, const gr_report_opts *o, const gr_previous *p, int year,
                          gr_buf *zh, gr_buf *en)
{
    char *ids = year ? gr_data_rules_needing_previous(ctx, &o->data, AGENCY_ROOT, year) : NULL;
    char y[16];
    int said = 0;
    if (!ids) return 0;
    snprintf(y, sizeof y, "%d", year - 1);
    if (!p || !p->path) {
        gr_msg_append(zh, en, GR_M_CITY_PREVIOUS_NONE, GR_MSG_ARGS(ids, y));
        said = 1;
    } else if (p->nmissed) {
        gr_buf who;
        size_t i;
        gr_buf_init(&who);
        for (i = 0; i < p->nmissed; i++) {
            if (i) gr_buf_adds(&who, "、");
            gr_buf_adds(&who, p->missed[i]);
        }
        gr_msg_append(zh, en, GR_M_CITY_PREVIOUS_MISSED, GR_MSG_ARGS(ids, y, gr_buf_cstr(&who)));
        gr_buf_free(&who);
        said = 1;
    }
    free(ids);
    return said;
}

void gr_previous_free(gr_previous *p)
{
    size_t i;
    if (!p) return;
    for (i = 0; i < p->n; i++) {
        xmlFreeDoc(p->v[i].doc);
        free(p->v[i].full);
        free(p->v[i].shortn);
    }
    for (i = 0; i < p->nmissed; i++) free(p->missed[i]);
    free(p->v);
    free(p->missed);
    free(p->path);
    memset(p, 0, sizeof *p);
}

/* A file whose loading failed (a missing photo, a schema error) still
 * names its unit when it is well-formed: the unit has submitted, with
 * errors, rather than not at all. Read its identity only (no validation,
 * no network); of the folder's year, on the roster, the first such file
 * of its unit in path order. */
static void claim_unit(gr_city *c, size_t *ucap, gr_city_entry *e, int i)
{
    xmlDocPtr d = gr_regular_file(e->path)
        ? xmlReadFile(e->path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
        : NULL;
    int u;
    if (!d) return;
    e->year = year_of(d, &e->year_line);
    if (!e->name) e->name = agency_name(d);
    if (e->year == c->year) {
        u = match_unit(c, d);
        if (u < 0 && !c->office_doc && e->name) u = add_unit(c, ucap, e->name, NULL, NULL);
        if (u >= 0) {
            e->unit = e->named_unit = u;
            c->units[u].any_file = 1;
            if (c->units[u].entry < 0) c->units[u].entry = i;
        }
    }
    xmlFreeDoc(d);
}

/* ---- scanning a year folder --------------------------------------------- */

int gr_city_scan(gr_ctx *ctx, const char *dir, const gr_report_opts *o, gr_city *c)
{
    return gr_city_scan_previous(ctx, dir, NULL, o, c);
}

int gr_city_scan_previous(gr_ctx *ctx, const char *dir, const char *previous,
                          const gr_report_opts *o, gr_city *c)
{
    gr_findings *saved = ctx->findings;
    size_t cap = 0, ucap = 0, i, noff = 0;
    char **offices = NULL;
    char *named = NULL;
    int own;
    memset(c, 0, sizeof *c);
    c->dir = gr_strdup(dir);
    while (strlen(c->dir) > 1 && c->dir[strlen(c->dir) - 1] == '/') c->dir[strlen(c->dir) - 1] = 0;
    if (!is_dir(dir)) {
        free(c->dir);
        c->dir = NULL;
        return gr_syserror(ctx, dir, 0, GR_TEXT(CITY_CANNOT_READ_FOLDER));
    }
    list_files(c, &cap, &offices, &noff);

    /* findings are printed once every file is classified: each file's
       together, in the one order (gr_findings_sort) */
    own = ctx->hold++ == 0;

    /* the office file: at most one */
    ctx->findings = &c->office_findings;
    for (i = 0; i < noff; i++) {
        if (i == 0) {
            c->office = offices[0];
            c->office_doc = gr_data_load(ctx, c->office, &o->data);
            if (!c->office_doc) c->status = ctx->nerrors ? GR_EINPUT : GR_ESYS;
            else c->year = year_of(c->office_doc, NULL);
        } else {
            gr_error(ctx, offices[i], 0, GR_TEXT(CITY_FOLDER_HOLDS_TWO_OFFICE), offices[0]);
            c->status = GR_EINPUT;
            free(offices[i]);
        }
    }
    free(offices);
    ctx->findings = saved;
    if (c->office_doc) read_roster(c, &ucap);

    /* last year's files: as given, else as the office file names them
       (relative to the office file) */
    if (!previous && c->office_doc) {
        char *rel = text_of(child(xmlDocGetRootElement(c->office_doc), "前一年度"));
        if (rel) {
            char *odir = gr_dirname(c->office);
            named = rel[0] == '/' ? gr_strdup(rel) : gr_path_join(odir, rel);
            free(odir);
            free(rel);
        }
    }
    if (previous || named) {
        int prc = gr_previous_load(ctx, previous ? previous : named, o, &c->previous);
        free(named);
        if (prc != GR_OK) {
            ctx->hold--;
            return prc;
        }
    }

    /* every agency file through the pipeline */
    for (i = 0; i < c->n; i++) {
        gr_city_entry *e = &c->v[i];
        gr_report_opts oe = *o;
        gr_report r;
        oe.data.previous = gr_previous_for(&c->previous, e->path);
        e->status = gr_report_run(ctx, e->path, &oe, &r);
        e->findings = r.findings;
        memset(&r.findings, 0, sizeof r.findings);
        e->doc = r.doc;
        r.doc = NULL;
        gr_report_free(&r);
        if (e->doc) {
            e->year = year_of(e->doc, &e->year_line);
            e->name = agency_name(e->doc);
        }
    }
    if (!c->year) c->year = majority_year(c);
    if (c->year && o->data.cache) {
        /* 六 lists the measures under the items of the agencies' own form */
        xmlDocPtr fd = gr_form_data(&o->data, AGENCY_ROOT, c->year);
        xmlNodePtr cats = fd ? child(xmlDocGetRootElement(fd), "categories") : NULL;
        if (cats) c->categories = xmlCopyNode(cats, 1);
    }

    /* classify, in path order */
    for (i = 0; i < c->n; i++) {
        gr_city_entry *e = &c->v[i];
        ctx->findings = &e->findings;
        if (!e->doc) {
            char *root = root_name(e->path);
            e->state = root && strcmp(root, AGENCY_ROOT) == 0 ? GR_CITY_ERROR : GR_CITY_UNREADABLE;
            if (e->state == GR_CITY_ERROR) claim_unit(c, &ucap, e, (int)i);
            free(root);
        } else if (e->year != c->year) {
            e->state = GR_CITY_WRONG_YEAR;
            e->named_unit = match_unit(c, e->doc);
            gr_error(ctx, e->path, e->year_line, GR_TEXT(CITY_FILE_YEAR_FOLDER_LEFT),
                     e->year, c->year, 
                     GR_PAIR(c->office_doc ? GR_M_CITY_YEAR_BY_OFFICE : GR_M_CITY_YEAR_BY_MOST));
        } else {
            int u = match_unit(c, e->doc);
            if (u < 0 && c->office_doc) {
                e->state = GR_CITY_NOT_ON_ROSTER;
                gr_error(ctx, e->path, 0, GR_TEXT(CITY_AGENCY_OFFICE_FILE_S),
                         e->name ? e->name : "?", rel_of(c, c->office));
            } else {
                if (u < 0) u = add_unit(c, &ucap, e->name ? e->name : e->rel, NULL, NULL);
                e->unit = e->named_unit = u;
                c->units[u].any_file = 1;
                if (c->units[u].entry >= 0) {
                    e->state = GR_CITY_DUPLICATE;
                    gr_error(ctx, e->path, 0, GR_TEXT(CITY_ALREADY_HAS_DATA_FILE),
                             c->units[u].short_name, c->v[c->units[u].entry].rel);
                } else {
                    c->units[u].entry = (int)i;
                    e->state = e->status == GR_OK ? GR_CITY_IN : GR_CITY_ERROR;
                }
            }
        }
        ctx->findings = saved;
    }
    ctx->hold--;
    gr_findings_sort(&c->office_findings, 0);
    if (own && !ctx->print_off) gr_findings_print(ctx, &c->office_findings, 0);
    for (i = 0; i < c->n; i++) {
        gr_findings_sort(&c->v[i].findings, 0);
        if (own && !ctx->print_off) gr_findings_print(ctx, &c->v[i].findings, 0);
    }
    for (i = 0; i < c->n && !c->rules_period; i++)
        if (c->v[i].state == GR_CITY_IN) c->rules_period = gr_data_rules_period(ctx, c->v[i].doc, &o->data);
    {
        gr_buf zh, en;
        gr_buf_init(&zh);
        gr_buf_init(&en);
        if (gr_previous_unchecked(ctx, o, &c->previous, c->year, &zh, &en))
            c->unchecked = gr_strdup(gr_buf_cstr(&zh));
        gr_buf_free(&zh);
        gr_buf_free(&en);
    }
    return GR_OK;
}

size_t gr_city_missing(const gr_city *c)
{
    size_t i, n = 0;
    for (i = 0; i < c->nunits; i++)
        if (c->units[i].entry < 0 || c->v[c->units[i].entry].state != GR_CITY_IN) n++;
    return n;
}

size_t gr_city_left_out(const gr_city *c)
{
    size_t i, n = 0;
    for (i = 0; i < c->n; i++) n += c->v[i].state != GR_CITY_IN;
    return n;
}

/* ---- the combined report's document ------------------------------------- */

static const char *class_zh(gr_class k)
{
    switch (k) {
    case GR_CLASS_ERROR: return "錯誤";
    case GR_CLASS_UNMET: return "未達規定";
    case GR_CLASS_NOTE: return "提醒";
    }
    return "?";
}

/* The names an agency's file declares (<姓名>, except 遮蔽="否"), longest
 * first: a finding's message may quote one (R10 「性平聯絡人 林一 未列於…」);
 * in the annex it is written as an <姓名> element, so that the public
 * edition masks it there too — masking leaves two-character names in
 * running text alone (domain/mask.c). */
typedef struct names { char **v; size_t n, cap; } names;

static void collect_names(xmlNodePtr n, names *N)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (strcmp((const char *)n->name, "姓名") == 0) {
            char *no = attr(n, "遮蔽"), *t = text_of(n);
            size_t i;
            int dup = 0;
            for (i = 0; t && i < N->n && !dup; i++) dup = strcmp(N->v[i], t) == 0;
            if (t && !dup && !(no && strcmp(no, "否") == 0)) {
                N->v = gr_grow(N->v, &N->cap, N->n + 1, sizeof *N->v);
                N->v[N->n++] = t;
                t = NULL;
            }
            free(t);
            free(no);
        } else {
            collect_names(n->children, N);
        }
    }
}

static int longer_first(const void *a, const void *b)
{
    size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
    return la < lb ? 1 : la > lb ? -1 : 0;
}

/* msg as mixed content of `to`: text, with every declared name an <姓名>. */
static void add_text_with_names(xmlNodePtr to, const char *msg, const names *N)
{
    const char *p = msg, *run = msg;
    while (*p) {
        size_t i, len = 0;
        for (i = 0; i < N->n && !len; i++)
            if (strncmp(p, N->v[i], strlen(N->v[i])) == 0) len = strlen(N->v[i]);
        if (!len) { p++; continue; }
        if (p > run) xmlAddChild(to, xmlNewTextLen(BAD_CAST run, (int)(p - run)));
        xmlNewTextChild(to, NULL, BAD_CAST "姓名", NULL);
        xmlNodeAddContentLen(to->last, BAD_CAST p, (int)len);
        p += len;
        run = p;
    }
    if (p > run) xmlAddChild(to, xmlNewTextLen(BAD_CAST run, (int)(p - run)));
}

static void add_findings(xmlNodePtr to, const gr_city_entry *e, int want_errors)
{
    names N;
    size_t i;
    memset(&N, 0, sizeof N);
    if (e->doc) collect_names(xmlDocGetRootElement(e->doc), &N);
    if (N.n) qsort(N.v, N.n, sizeof *N.v, longer_first);
    for (i = 0; i < e->findings.n; i++) {
        const gr_finding *x = &e->findings.v[i];
        xmlNodePtr n;
        char line[16];
        if ((x->cls == GR_CLASS_ERROR) != want_errors) continue;
        n = xmlNewChild(to, NULL, BAD_CAST "發現", NULL);
        add_text_with_names(n, x->msg_zh ? x->msg_zh : "", &N);
        xmlNewProp(n, BAD_CAST "類別", BAD_CAST class_zh(x->cls));
        if (x->line > 0) {
            snprintf(line, sizeof line, "%d", x->line);
            xmlNewProp(n, BAD_CAST "行", BAD_CAST line);
        }
        if (x->rule) xmlNewProp(n, BAD_CAST "規則", BAD_CAST x->rule);
    }
    for (i = 0; i < N.n; i++) free(N.v[i]);
    free(N.v);
}

static void unit_props(xmlNodePtr n, const gr_city_unit *u)
{
    xmlNewProp(n, BAD_CAST "簡稱", BAD_CAST u->short_name);
    if (u->full_name) xmlNewProp(n, BAD_CAST "全銜", BAD_CAST u->full_name);
    if (u->group) xmlNewProp(n, BAD_CAST "組別", BAD_CAST u->group);
    if (u->required) xmlNewProp(n, BAD_CAST "應開會次數", BAD_CAST u->required);
}

xmlDocPtr gr_city_document(gr_ctx *ctx, const gr_city *c)
{
    xmlDocPtr doc;
    xmlNodePtr root, all, annex, n;
    size_t i;
    char year[16];
    if (!c->year) {
        gr_error(ctx, c->dir, 0, GR_TEXT(CITY_FILE_FOLDER_STATES_YEAR));
        return NULL;
    }
    if (c->office_doc) {
        doc = xmlCopyDoc(c->office_doc, 1);
        root = xmlDocGetRootElement(doc);
    } else {
        /* no office file: the roster is the files found, in path order */
        xmlNodePtr roster;
        doc = xmlNewDoc(BAD_CAST "1.0");
        root = xmlNewDocNode(doc, NULL, BAD_CAST OFFICE_ROOT, NULL);
        xmlDocSetRootElement(doc, root);
        xmlNewProp(root, BAD_CAST "版本", BAD_CAST "1");
        snprintf(year, sizeof year, "%d", c->year);
        xmlNewTextChild(root, NULL, BAD_CAST "年度", BAD_CAST year);
        roster = xmlNewChild(root, NULL, BAD_CAST "名冊", NULL);
        for (i = 0; i < c->nunits; i++)
            unit_props(xmlNewChild(roster, NULL, BAD_CAST "單位", NULL), &c->units[i]);
    }
    /* the rule file the agencies were checked against: the provenance
       records it (gr_city_rules_period) */
    if (c->rules_period) xmlSetProp(root, BAD_CAST "規則期間", BAD_CAST c->rules_period);
    all = xmlNewChild(root, NULL, BAD_CAST "彙整", NULL);
    for (i = 0; i < c->nunits; i++) {
        const gr_city_unit *u = &c->units[i];
        const gr_city_entry *e = u->entry >= 0 ? &c->v[u->entry] : NULL;
        if (!e || e->state != GR_CITY_IN) continue;
        n = xmlNewChild(all, NULL, BAD_CAST "機關", NULL);
        unit_props(n, u);
        xmlNewProp(n, BAD_CAST "檔案", BAD_CAST e->rel);
        xmlAddChild(n, xmlDocCopyNode(xmlDocGetRootElement(e->doc), doc, 1));
    }
    if (c->categories) {
        /* the agencies' form of the year: its categories and items (六) */
        n = xmlNewChild(root, NULL, BAD_CAST "機關表單", NULL);
        xmlAddChild(n, xmlDocCopyNode(c->categories, doc, 1));
    }
    annex = xmlNewChild(root, NULL, BAD_CAST "附錄", NULL);
    for (i = 0; i < c->n; i++) {
        const gr_city_entry *e = &c->v[i];
        if (e->state == GR_CITY_IN) continue;
        n = xmlNewChild(annex, NULL, BAD_CAST "未納入", NULL);
        xmlNewProp(n, BAD_CAST "檔案", BAD_CAST e->rel);
        if (e->unit >= 0) xmlNewProp(n, BAD_CAST "簡稱", BAD_CAST c->units[e->unit].short_name);
        else if (e->name) xmlNewProp(n, BAD_CAST "簡稱", BAD_CAST e->name);
        xmlNewProp(n, BAD_CAST "原因", BAD_CAST gr_city_state_zh(e->state));
        add_findings(n, e, 1);
    }
    for (i = 0; i < c->nunits; i++) {
        if (c->units[i].any_file) continue;
        unit_props(xmlNewChild(annex, NULL, BAD_CAST "未提交", NULL), &c->units[i]);
    }
    if (c->unchecked) xmlNewTextChild(annex, NULL, BAD_CAST "未檢查", BAD_CAST c->unchecked);
    for (i = 0; i < c->nunits; i++) {
        const gr_city_unit *u = &c->units[i];
        const gr_city_entry *e = u->entry >= 0 ? &c->v[u->entry] : NULL;
        size_t k, w = 0;
        if (!e || e->state != GR_CITY_IN) continue;
        for (k = 0; k < e->findings.n; k++) w += e->findings.v[k].cls != GR_CLASS_ERROR;
        if (!w) continue;
        n = xmlNewChild(annex, NULL, BAD_CAST "合規", NULL);
        unit_props(n, u);
        xmlNewProp(n, BAD_CAST "檔案", BAD_CAST e->rel);
        add_findings(n, e, 0);
    }
    return doc;
}

static int is_city_doc(xmlDocPtr doc)
{
    xmlNodePtr r = doc ? xmlDocGetRootElement(doc) : NULL;
    return r && strcmp((const char *)r->name, OFFICE_ROOT) == 0;
}

char *gr_city_issuer(xmlDocPtr doc)
{
    char *t;
    if (!is_city_doc(doc)) return NULL;
    t = text_of(child(child(xmlDocGetRootElement(doc), "發布"), "單位"));
    return t ? t : gr_strdup("");
}

char *gr_city_rules_period(xmlDocPtr doc)
{
    return is_city_doc(doc) ? attr(xmlDocGetRootElement(doc), "規則期間") : NULL;
}

/* ---- CSV --------------------------------------------------------------- */

static void csv_field(gr_buf *b, const char *s, int last)
{
    gr_buf_addc(b, '"');
    for (; s && *s; s++) {
        if (*s == '"') gr_buf_addc(b, '"');
        if (*s == '\r' || *s == '\n') { gr_buf_addc(b, ' '); continue; }
        gr_buf_addc(b, *s);
    }
    gr_buf_addc(b, '"');
    gr_buf_adds(b, last ? "\r\n" : ",");
}

static void csv_row(gr_buf *b, const char *unit, const char *file, const char *state,
                    const char *cls, const char *rule, int line, const char *msg)
{
    char l[16] = "";
    if (line > 0) snprintf(l, sizeof l, "%d", line);
    csv_field(b, unit, 0);
    csv_field(b, file, 0);
    csv_field(b, state, 0);
    csv_field(b, cls, 0);
    csv_field(b, rule, 0);
    csv_field(b, l, 0);
    csv_field(b, msg, 1);
}

void gr_city_csv_data(const gr_city *c, gr_buf *b)
{
    size_t i, k;
    gr_buf_adds(b, "\xEF\xBB\xBF");             /* BOM: spreadsheet programs then read UTF-8 */
    csv_row(b, "單位", "資料檔", "狀態", "類別", "規則", 0, "說明");
    for (i = 0; i < c->n; i++) {
        const gr_city_entry *e = &c->v[i];
        const char *unit = e->unit >= 0 ? c->units[e->unit].short_name : e->name;
        if (!e->findings.n)
            csv_row(b, unit, e->rel, gr_city_state_zh(e->state), "", "", 0, "");
        for (k = 0; k < e->findings.n; k++) {
            const gr_finding *f = &e->findings.v[k];
            csv_row(b, unit, e->rel, gr_city_state_zh(e->state), class_zh(f->cls), f->rule, f->line,
                    f->msg_zh);
        }
    }
    for (i = 0; i < c->nunits; i++)
        if (!c->units[i].any_file)
            csv_row(b, c->units[i].short_name, "", "未提交", "", "", 0, "");
}

int gr_city_csv(gr_ctx *ctx, const gr_city *c, const char *out)
{
    gr_buf b;
    int rc;
    gr_buf_init(&b);
    gr_city_csv_data(c, &b);
    rc = gr_write_file_atomic(ctx, out, b.data ? (void *)b.data : "", b.len);
    gr_buf_free(&b);
    return rc;
}

void gr_city_free(gr_city *c)
{
    size_t i;
    if (!c) return;
    for (i = 0; i < c->n; i++) {
        gr_city_entry *e = &c->v[i];
        free(e->path);
        free(e->name);
        gr_findings_free(&e->findings);
        if (e->doc) xmlFreeDoc(e->doc);
    }
    for (i = 0; i < c->nunits; i++) {
        free(c->units[i].short_name);
        free(c->units[i].full_name);
        free(c->units[i].group);
        free(c->units[i].required);
    }
    free(c->v);
    free(c->units);
    free(c->dir);
    free(c->office);
    if (c->office_doc) xmlFreeDoc(c->office_doc);
    gr_findings_free(&c->office_findings);
    if (c->categories) xmlFreeNode(c->categories);
    free(c->rules_period);
    free(c->unchecked);
    gr_previous_free(&c->previous);
    memset(c, 0, sizeof *c);
}
