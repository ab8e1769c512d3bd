/* test_office.c — unit tests of the year folder's table and its JSON
 * (report/city_table.c, web/office_json.c), the state `check DIR` prints
 * and `serve DIR` shows, on tests/fixtures/city/office-year: a folder as
 * the office keeps it (說明.txt there says what each file is). Every
 * expectation below comes from reading those files: which unit sent what,
 * which file has which mistake; none is copied from gereport's output.
 * Run from the source tree root. Prints "N passed, M failed". */
#include "../../generator/report/city.h"
#include "../../generator/web/office.h"
#include "../../generator/web/server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define DIR "tests/fixtures/city/office-year"

static const gr_city_row *row_of_file(const gr_city_table *t, const char *file)
{
    size_t i;
    for (i = 0; i < t->n; i++)
        if (t->rows[i].file && strcmp(t->rows[i].file, file) == 0) return &t->rows[i];
    return NULL;
}

static const gr_city_row *missing_row(const gr_city_table *t, const char *name)
{
    size_t i;
    for (i = 0; i < t->n; i++)
        if (!t->rows[i].file && strcmp(t->rows[i].name, name) == 0) return &t->rows[i];
    return NULL;
}

/* ---- a small JSON syntax check (RFC 8259 grammar, no numbers beyond
 * integers, which is all the page gets) --------------------------------- */
static const char *js_value(const char *p);
static const char *ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') p++;
    return p;
}
static const char *js_string(const char *p)
{
    if (*p++ != '"') return NULL;
    while (*p && *p != '"') {
        if ((unsigned char)*p < 0x20) return NULL;
        if (*p == '\\') {
            p++;
            if (*p == 'u') {
                int k;
                for (k = 1; k <= 4; k++)
                    if (!strchr("0123456789abcdefABCDEF", p[k]) || !p[k]) return NULL;
                p += 5;
                continue;
            }
            if (!*p || !strchr("\"\\/bfnrt", *p)) return NULL;
        }
        p++;
    }
    return *p == '"' ? p + 1 : NULL;
}
static const char *js_value(const char *p)
{
    p = ws(p);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        int obj = *p == '{';
        p = ws(p + 1);
        if (*p == close) return p + 1;
        for (;;) {
            if (obj) {
                p = js_string(ws(p));
                if (!p) return NULL;
                p = ws(p);
                if (*p++ != ':') return NULL;
            }
            p = js_value(p);
            if (!p) return NULL;
            p = ws(p);
            if (*p == close) return p + 1;
            if (*p++ != ',') return NULL;
        }
    }
    if (*p == '"') return js_string(p);
    if (*p == '-' || (*p >= '0' && *p <= '9')) {
        if (*p == '-') p++;
        if (!(*p >= '0' && *p <= '9')) return NULL;
        while (*p >= '0' && *p <= '9') p++;
        return p;
    }
    if (strncmp(p, "null", 4) == 0) return p + 4;
    if (strncmp(p, "true", 4) == 0) return p + 4;
    if (strncmp(p, "false", 5) == 0) return p + 5;
    return NULL;
}
static int json_ok(const char *s)
{
    const char *end = js_value(s);
    return end && *ws(end) == 0;
}

int main(void)
{
    gr_ctx ctx;
    gr_report_opts o;
    gr_city c;
    gr_city_table t;
    const gr_city_row *r;
    gr_buf b;
    size_t i;
    int rc, sum_e = 0, sum_u = 0, sum_n = 0;

    gr_ctx_init(&ctx);
    ctx.print_off = 1;
    memset(&o, 0, sizeof o);
    o.data.datadir = ".";
    o.data.cache = gr_domain_cache_new();
    o.fontdir = "fonts";
    o.check_media = 1;                  /* as check DIR reads a folder */

    rc = gr_city_check(&ctx, DIR, NULL, &o, &c, &t);
    CHECK(rc == GR_OK, "scan: GR_OK (%d)", rc);
    CHECK(c.year == 112, "the office file's year 112 (%d)", c.year);
    CHECK(c.nunits == 8, "eight roster units (%zu)", c.nunits);
    CHECK(t.files == 9, "nine data files (說明.txt and office.xml are not) (%zu)", t.files);
    CHECK(t.n == 11, "eleven rows: nine files and the two units that sent nothing (%zu)", t.n);

    /* submitted and clean of errors: the A群 bureau with its photos, the
       B群 bureau, the sparse D1組 district office with one phone photo */
    r = row_of_file(&t, "社會局/results.xml");
    CHECK(r && r->sub == GR_CITY_SUB_PRESENT && r->errors == 0 && c.v[r->entry].state == GR_CITY_IN,
          "社會局 (A群, subfolder with images/): present, combined, no error");
    CHECK(r && r->unit == 0 && strcmp(r->name, "社會局") == 0, "社會局 is roster unit 0");
    r = row_of_file(&t, "勞動局.xml");
    CHECK(r && r->sub == GR_CITY_SUB_PRESENT && r->errors == 0 && r->unit == 1, "勞動局: present, unit 1");
    r = row_of_file(&t, "wenshan/results.xml");
    CHECK(r && r->sub == GR_CITY_SUB_PRESENT && r->errors == 0 && r->unit == 6 &&
          strcmp(r->name, "文山區公所") == 0, "文山區公所 (sparse D1組): present under its roster name");

    /* 翡管局 sent only last... next year's file: a wrong-year row that
       names the unit, and the unit itself is missing */
    r = row_of_file(&t, "翡管局-113.xml");
    CHECK(r && r->sub == GR_CITY_SUB_WRONG_YEAR && r->errors >= 1, "翡管局-113.xml: another year, an error");
    CHECK(r && r->unit == 2, "翡管局-113.xml: names roster unit 2 through its alias 翡翠局 (%d)", r ? r->unit : -9);
    CHECK(r && c.v[r->entry].year == 113, "翡管局-113.xml: its year 113");
    r = missing_row(&t, "翡管局");
    CHECK(r && r->sub == GR_CITY_SUB_MISSING && r->entry == -1, "翡管局: missing for 112");

    /* the same file downloaded twice: the first in path order counts */
    r = row_of_file(&t, "大安區公所 (1).xml");
    CHECK(r && r->sub == GR_CITY_SUB_PRESENT && r->errors == 0, "大安區公所 (1).xml: present (first in path order)");
    r = row_of_file(&t, "大安區公所.xml");
    CHECK(r && r->sub == GR_CITY_SUB_DUPLICATE && r->errors == 1 && r->unit == 3,
          "大安區公所.xml: the duplicate, one error, unit 3");

    /* failing: 7 men managers trained out of 6 (one error); four phone
       photos that were not sent (four errors, and still the unit's file) */
    r = row_of_file(&t, "xinyi.xml");
    CHECK(r && r->sub == GR_CITY_SUB_PRESENT && r->errors == 1 && c.v[r->entry].state == GR_CITY_ERROR,
          "xinyi.xml: present, one error, left out of the city report");
    r = row_of_file(&t, "萬華區公所.xml");
    CHECK(r && r->sub == GR_CITY_SUB_PRESENT && r->errors == 4 && r->unit == 5,
          "萬華區公所.xml: four missing photos, still 萬華區公所's file (unit %d, %d errors)",
          r ? r->unit : -9, r ? r->errors : -9);
    CHECK(!missing_row(&t, "萬華區公所"), "萬華區公所 is not listed as missing: it sent a file with errors");

    /* half a file: unreadable, no unit */
    r = row_of_file(&t, "草稿.xml");
    CHECK(r && r->sub == GR_CITY_SUB_UNREADABLE && r->unit == -1 && r->errors == 1, "草稿.xml: unreadable");

    r = missing_row(&t, "北投區公所");
    CHECK(r && r->unit == 7, "北投區公所: missing, unit 7");
    CHECK(t.missing == 2 && t.in == 4 && t.left_out == 5,
          "totals: 2 missing, 4 combinable, 5 left out (%zu, %zu, %zu)", t.missing, t.in, t.left_out);

    /* counts are the findings' classes, and the totals their sums */
    for (i = 0; i < t.n; i++) {
        const gr_city_row *x = &t.rows[i];
        if (x->entry < 0) continue;
        CHECK(x->errors + x->unmet + x->notes == (int)c.v[x->entry].findings.n,
              "row %zu: the counts cover every finding", i);
        sum_e += x->errors;
        sum_u += x->unmet;
        sum_n += x->notes;
    }
    CHECK(sum_e == t.errors && sum_u == t.unmet && sum_n == t.notes, "totals are the rows' sums");

    /* roster order: units 0..7 in order, each unit's rows together, the
       unit-less file last */
    {
        int last_unit = -1, seen_free = 0, ok = 1;
        size_t k;
        for (k = 0; k < t.n; k++) {
            const gr_city_row *x = NULL;
            for (i = 0; i < t.n; i++)
                if (t.rows[i].order == k) x = &t.rows[i];
            if (!x) { ok = 0; break; }
            if (x->unit < 0) seen_free = 1;
            else if (seen_free || x->unit < last_unit) ok = 0;
            else last_unit = x->unit;
        }
        CHECK(ok, "order: every position once, by roster unit, unit-less files last");
    }

    /* the JSON the page reads */
    gr_buf_init(&b);
    gr_office_json(&c, &t, &b);
    CHECK(json_ok(gr_buf_cstr(&b)), "JSON: well-formed");
    CHECK(strstr(gr_buf_cstr(&b), "\"year\":112,\"folder\":\"office-year\"") != NULL,
          "JSON: the year and the folder's last part only");
    CHECK(strstr(gr_buf_cstr(&b), "\"office\":{\"file\":\"office.xml\",\"ok\":1") != NULL,
          "JSON: the office file, relative to the folder");
    CHECK(strstr(gr_buf_cstr(&b), "\"name\":\"北投區公所\",\"roster_name\":\"北投區公所\",\"group\":\"D群\",\"file\":null,\"state\":\"missing\"") != NULL,
          "JSON: the missing unit with its group");
    CHECK(strstr(gr_buf_cstr(&b), "\"file\":\"xinyi.xml\",\"state\":\"present\"") != NULL &&
          strstr(gr_buf_cstr(&b), "\"city\":\"error\"") != NULL, "JSON: a failing file is present, left out");
    CHECK(strstr(gr_buf_cstr(&b), DIR) == NULL, "JSON: no path outside the folder");
    CHECK(strchr(gr_buf_cstr(&b), '<') == NULL, "JSON: no raw '<' (element names in messages are escaped)");
    gr_buf_free(&b);

    /* a string that could end a script or carry a control character */
    gr_buf_init(&b);
    gr_json_str(&b, "</script>\x01\"\\");
    CHECK(strcmp(gr_buf_cstr(&b), "\"\\u003c/script\\u003e\\u0001\\\"\\\\\"") == 0 && json_ok(gr_buf_cstr(&b)),
          "gr_json_str escapes < > and controls (%s)", gr_buf_cstr(&b));
    gr_buf_free(&b);

    /* the CSV as bytes is what check DIR --csv writes */
    gr_buf_init(&b);
    gr_city_csv_data(&c, &b);
    CHECK(b.len > 3 && memcmp(b.data, "\xEF\xBB\xBF\"單位\"", 3 + 8) == 0, "CSV: BOM and header");
    CHECK(strstr(gr_buf_cstr(&b), "\"北投區公所\",\"\",\"未提交\"") != NULL, "CSV: the missing unit's row");
    gr_buf_free(&b);

    /* output names of build DIR / serve DIR */
    {
        char *p1 = gr_city_pdf_name("out", "社會局/results.xml"), *p2 = gr_city_pdf_name("out", "大安區公所 (1).xml");
        CHECK(strcmp(p1, "out/社會局.pdf") == 0 && strcmp(p2, "out/大安區公所 (1).pdf") == 0,
              "PDF names: subfolder's name, else the file's (%s, %s)", p1, p2);
        free(p1);
        free(p2);
    }

    gr_city_table_free(&t);
    gr_city_free(&c);

    /* a folder that is not one */
    rc = gr_city_check(&ctx, DIR "/no-such", NULL, &o, &c, &t);
    CHECK(rc == GR_ESYS && t.n == 0, "no folder: GR_ESYS, empty table (%d)", rc);
    gr_city_free(&c);
    gr_domain_cache_free(o.data.cache);
    return unit_done();
}
