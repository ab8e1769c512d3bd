/* office_json.c — the year folder's state as JSON for the office's page
 * (office.h). Only what the scan found: no path outside the folder is
 * written (files are named relative to it, the folder by its last part). */
#include "office.h"
#include "server.h"
#include <string.h>

const char *gr_office_city_id(gr_city_state s)
{
    switch (s) {
    case GR_CITY_IN: return "in";
    case GR_CITY_ERROR: return "error";
    case GR_CITY_UNREADABLE: return "unreadable";
    case GR_CITY_WRONG_YEAR: return "wrong-year";
    case GR_CITY_DUPLICATE: return "duplicate";
    case GR_CITY_NOT_ON_ROSTER: return "off-roster";
    }
    return "?";
}

static const char *class_id(gr_class k)
{
    switch (k) {
    case GR_CLASS_ERROR: return "error";
    case GR_CLASS_UNMET: return "unmet";
    case GR_CLASS_NOTE: return "note";
    }
    return "?";
}

static void json_int(gr_buf *b, const char *key, long v, int comma)
{
    gr_json_key(b, key);
    gr_buf_printf(b, "%ld", v);
    if (comma) gr_buf_addc(b, ',');
}

static void json_string(gr_buf *b, const char *key, const char *v, int comma)
{
    gr_json_key(b, key);
    gr_json_str(b, v);
    if (comma) gr_buf_addc(b, ',');
}

static void json_findings(gr_buf *b, const gr_findings *f)
{
    size_t i;
    gr_json_key(b, "findings");
    gr_buf_addc(b, '[');
    for (i = 0; i < f->n; i++) {
        const gr_finding *x = &f->v[i];
        if (i) gr_buf_addc(b, ',');
        gr_buf_addc(b, '{');
        json_string(b, "class", class_id(x->cls), 1);
        json_int(b, "line", x->line > 0 ? x->line : 0, 1);
        json_string(b, "rule", x->rule, 1);
        json_string(b, "zh", x->msg_zh, 1);
        json_string(b, "en", x->msg_en, 0);
        gr_buf_addc(b, '}');
    }
    gr_buf_addc(b, ']');
}

void gr_office_json(const gr_city *c, const gr_city_table *t, gr_buf *b)
{
    const char *dir = c->dir ? c->dir : "", *slash = strrchr(dir, '/');
    size_t i;
    gr_buf_addc(b, '{');
    json_int(b, "year", c->year, 1);
    json_string(b, "folder", slash && slash[1] ? slash + 1 : dir, 1);
    gr_json_key(b, "office");
    if (c->office) {
        const char *rel = c->office;
        size_t n = c->dir ? strlen(c->dir) : 0;
        if (n && strncmp(rel, c->dir, n) == 0 && rel[n] == '/') rel += n + 1;
        gr_buf_addc(b, '{');
        json_string(b, "file", rel, 1);
        json_int(b, "ok", c->status == GR_OK, 1);
        json_findings(b, &c->office_findings);
        gr_buf_adds(b, "},");
    } else {
        gr_buf_adds(b, "null,");
    }
    json_int(b, "units", (long)c->nunits, 1);
    gr_json_key(b, "rows");
    gr_buf_addc(b, '[');
    for (i = 0; i < t->n; i++) {
        const gr_city_row *r = &t->rows[i];
        const gr_city_entry *e = r->entry >= 0 ? &c->v[r->entry] : NULL;
        const gr_city_unit *u = r->unit >= 0 ? &c->units[r->unit] : NULL;
        if (i) gr_buf_addc(b, ',');
        gr_buf_addc(b, '{');
        json_int(b, "row", (long)i, 1);
        json_int(b, "order", (long)r->order, 1);
        json_int(b, "unit", r->unit, 1);
        json_string(b, "name", r->name, 1);
        json_string(b, "roster_name", u ? u->short_name : NULL, 1);
        json_string(b, "group", u ? u->group : NULL, 1);
        json_string(b, "file", r->file, 1);
        json_string(b, "state", gr_city_sub_id(r->sub), 1);
        json_string(b, "state_zh", gr_city_sub_zh(r->sub), 1);
        json_string(b, "state_en", gr_city_sub_en(r->sub), 1);
        json_string(b, "city", e ? gr_office_city_id(e->state) : "missing", 1);
        json_string(b, "city_zh", e ? gr_city_state_zh(e->state) : "未提交", 1);
        json_string(b, "city_en", e ? gr_city_state_en(e->state) : "missing", 1);
        json_int(b, "year", e ? e->year : 0, 1);
        json_int(b, "errors", r->errors, 1);
        json_int(b, "unmet", r->unmet, 1);
        json_int(b, "notes", r->notes, 1);
        if (e) json_findings(b, &e->findings);
        else gr_buf_adds(b, "\"findings\":[]");
        gr_buf_addc(b, '}');
    }
    gr_buf_adds(b, "],");
    gr_json_key(b, "totals");
    gr_buf_addc(b, '{');
    json_int(b, "files", (long)t->files, 1);
    json_int(b, "in", (long)t->in, 1);
    json_int(b, "left_out", (long)t->left_out, 1);
    json_int(b, "missing", (long)t->missing, 1);
    json_int(b, "errors", t->errors, 1);
    json_int(b, "unmet", t->unmet, 1);
    json_int(b, "notes", t->notes, 0);
    gr_buf_adds(b, "}}");
}
