/* new.c — `gereport new --year Y --agency NAME --group G [-o FILE.xml]`: a
 * skeleton data file (data format version 1) with every section and a
 * comment per field in Traditional Chinese: the kind's skeleton file
 * (templates/results/new-1.xml, named by templates/kinds.xml), whose
 * @全銜@ @簡稱@ @年度@ @組別@ @西元@ (report year, Gregorian), @核定@ (the
 * year after), @最低@ @七@ @措施@ @類別@ and @schema@ are replaced here. The fields to type are empty
 * elements: `gereport check` names each one with its line and 「請填寫」,
 * and accepts the file once they are filled (repeatable parts — meetings,
 * courses, budget items, measures — are there once or as often as the plan
 * usually requires: copy or delete them). Never overwrites a file. */
#define _XOPEN_SOURCE 700              /* realpath */
#include "cli.h"
#include "../domain/domain.h"
#include "../util/msg.h"
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* XML comment text: "--" is not allowed inside a comment. */
static void add_comment_text(gr_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '-' && (s[1] == '-' || !s[1])) gr_buf_adds(b, "－");
        else if (*s == '\n' || *s == '\r' || *s == '\t') gr_buf_addc(b, ' ');
        else gr_buf_addc(b, *s);
    }
}

static char *attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *r = gr_strdup(v ? (const char *)v : "");
    xmlFree(v);
    return r;
}

static int is_elem(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The part of the 七 comment that comes from the year's form data
 * (docs/form-data.md): this group's minimums and every category and item
 * with its number and text. */
static void list_form_items(gr_buf *b, xmlDocPtr form)
{
    xmlNodePtr root = form ? xmlDocGetRootElement(form) : NULL, sec, n, it;
    char *name = root ? attr(root, "name") : gr_strdup("");
    for (sec = root ? root->children : NULL; sec; sec = sec->next) {
        if (!is_elem(sec, "categories")) continue;
        gr_buf_printf(b, "       %s 年表單的類別及項目：\n", name);
        for (n = sec->children; n; n = n->next) {
            char *num, *title;
            if (!is_elem(n, "category")) continue;
            num = attr(n, "number");
            title = attr(n, "title");
            gr_buf_printf(b, "       類別=\"%s\" (%s) ", num, num);
            add_comment_text(b, title);
            gr_buf_adds(b, "\n");
            for (it = n->children; it; it = it->next) {
                xmlChar *t;
                char *inum;
                if (!is_elem(it, "item")) continue;
                inum = attr(it, "number");
                t = xmlNodeGetContent(it);
                gr_buf_printf(b, "         項目=\"%s\" ", inum);
                add_comment_text(b, t ? (const char *)t : "");
                gr_buf_adds(b, "\n");
                xmlFree(t);
                free(inum);
            }
            free(num);
            free(title);
        }
    }
    free(name);
}

static void new_usage(FILE *out)
{
    fputs("用法 Usage: gereport new --year Y --agency NAME --group G [-o FILE.xml]\n"
          "\n"
          "產生一份空白的成果報告資料檔：每一節都有，每個欄位有中文註解。空白的欄位\n"
          "由 gereport check 逐一列為「請填寫」；填妥後 check 通過即可 build。\n"
          "Writes a skeleton results-report data file with every section and a comment\n"
          "per field; `gereport check` lists each empty field (請填寫) until filled.\n"
          "\n"
          "  --year Y          報告年度（民國年，例 113）report year (ROC)\n"
          "  --agency NAME     機關全銜，例 臺北市政府資訊局 the agency's full name\n"
          "  --short NAME      機關簡稱（預設：全銜去掉「臺北市政府」）short name\n"
          "  --group G         組別：A群、B群、C群、D群、D1組、E1組（也可寫 B、D1、DI組）\n"
          "  --kind results    資料種類（目前只有成果報告）kind of document\n"
          "  -o FILE.xml       輸出檔（預設 results-Y.xml）；不覆寫既有檔案；「-」為標準輸出\n"
          "                    output file (default results-Y.xml); never overwritten;\n"
          "                    \"-\": standard output\n"
          "  --datadir DIR     templates/ 所在的資料夾 folder holding templates/\n"
          "  -h, --help        顯示說明 show this help\n",
          out);
}

static void replace_all(gr_buf *b, const char *text, const char *key, const char *value)
{
    const char *p = text, *hit;
    size_t kl = strlen(key);
    while ((hit = strstr(p, key)) != NULL) {
        gr_buf_add(b, p, (size_t)(hit - p));
        gr_buf_adds(b, value);
        p = hit + kl;
    }
    gr_buf_adds(b, p);
}

/* No markup, valid UTF-8, and nothing `check` would then refuse (control
 * and bidi characters, gr_cp_forbidden, and line breaks). */
static int xml_safe(const char *s)
{
    size_t i = 0, len = strlen(s);
    if (strpbrk(s, "<>&\"") || !gr_utf8_valid(s, len)) return 0;
    while (i < len) {
        uint32_t cp;
        i += (size_t)gr_utf8_decode(s + i, len - i, &cp);
        if (gr_cp_forbidden(cp) || cp < 0x20) return 0;
    }
    return 1;
}

/* 「臺北市政府資訊局」→「資訊局」 */
static char *short_name(const char *agency)
{
    static const char *const prefixes[] = { "臺北市政府", "台北市政府", "臺北市", "台北市", NULL };
    size_t i;
    for (i = 0; prefixes[i]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(agency, prefixes[i], n) == 0 && agency[n]) return gr_strdup(agency + n);
    }
    return gr_strdup(agency);
}

/* file:///…/templates/schema/results-1.rng of the installed (or source)
 * data folder, percent-encoded: the <?xml-model?> an editor on this machine
 * resolves to complete elements from the schema. gereport never reads it. */
static char *schema_uri(const char *datadir)
{
    char *abs = realpath(datadir, NULL), *path, *r;
    const unsigned char *p;
    gr_buf b;
    path = gr_path_join(abs ? abs : datadir, "templates/schema/results-1.rng");
    free(abs);
    gr_buf_init(&b);
    gr_buf_adds(&b, "file://");
    for (p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p))
            gr_buf_addc(&b, *p);
        else
            gr_buf_printf(&b, "%%%02X", *p);
    }
    r = gr_strdup(gr_buf_cstr(&b));
    gr_buf_free(&b);
    free(path);
    return r;
}

enum { O_YEAR = 1, O_AGENCY, O_SHORT, O_GROUP, O_KIND, O_OUT, O_DATADIR };
static const gr_opt new_opts[] = {
    { "year", 0, 1, O_YEAR }, { "agency", 0, 1, O_AGENCY }, { "short", 0, 1, O_SHORT },
    { "group", 0, 1, O_GROUP }, { "kind", 0, 1, O_KIND }, { "output", 'o', 1, O_OUT },
    { "datadir", 0, 1, O_DATADIR }, { NULL, 0, 0, 0 }
};

int gr_cmd_new(int argc, char **argv)
{
    gr_ctx ctx;
    const char *year_s = NULL, *agency = NULL, *group = NULL, *out = NULL, *kind = "results";
    char *group_fixed = NULL;
    const char *shortn = NULL, *dd = NULL;
    char *datadir, *sn, *out_alloc = NULL, num[3][16], *skeleton = NULL, *skel_path;
    size_t skeleton_len = 0;
    gr_data_opts o;
    gr_buf a, b, minline;
    gr_opts p;
    int id, year, rc;
    gr_ctx_init(&ctx);
    gr_opts_init(&p, &ctx, "new", "new --year Y --agency NAME --group G [-o FILE.xml]", new_opts, argc, argv);
    while ((id = gr_opts_next(&p)) != GR_OPT_END) {
        switch (id) {
        case GR_OPT_HELP: new_usage(stdout); return GR_OK;
        case GR_OPT_ERROR: return GR_ESYS;
        case O_YEAR: year_s = p.value; break;
        case O_AGENCY: agency = p.value; break;
        case O_SHORT: shortn = p.value; break;
        case O_GROUP: group = p.value; break;
        case O_KIND: kind = p.value; break;
        case O_OUT: out = p.value; break;
        case O_DATADIR: dd = p.value; break;
        case GR_OPT_OPERAND:
            return gr_opts_usage_error(&p, GR_TEXT(NEW_TAKES_FILE_NAME_OUTPUT), p.value);
        default: assert(0 && "an option of the table is not handled");
        }
    }
    if (!year_s || !agency || !group)
        return gr_opts_usage_error(&p, GR_TEXT(NEW_YEAR_AGENCY_GROUP_ARE));
    if (strcmp(kind, "results") != 0) {
        return gr_opts_usage_error(&p, GR_TEXT(NEW_ONLY_KIND_RESULTS_EXISTS));
    }
    year = atoi(year_s);
    if (strspn(year_s, "0123456789") != strlen(year_s) || year < 100 || year > 199) {
        return gr_opts_usage_error(&p, GR_TEXT(NEW_YEAR_ROC_YEAR_E), year_s);
    }
    if (!agency[0] || !xml_safe(agency) || (shortn && (!shortn[0] || !xml_safe(shortn)))) {
        return gr_opts_usage_error(&p, GR_TEXT(NEW_AGENCY_NAME_MUST_EMPTY));
    }
    datadir = dd ? gr_strdup(dd) : gr_cli_datadir();
    memset(&o, 0, sizeof o);
    o.datadir = datadir;
    o.cache = gr_domain_cache_new();
    group_fixed = gr_schema_spelling(&o, "成果報告", "組別", group);   /* B -> B群, DI組 -> D1組 */
    if (group_fixed) group = group_fixed;
    rc = gr_schema_check_value(&ctx, &o, "成果報告", "組別", group, "--group");
    if (rc == GR_OK) rc = gr_form_check_year(&ctx, &o, "成果報告", year, "--year", 0);
    /* the skeleton is the kind's data (templates/kinds.xml new=…) */
    if (rc == GR_OK) {
        skel_path = gr_kind_skeleton(&ctx, &o, "成果報告");
        rc = skel_path ? gr_read_file(&ctx, skel_path, &skeleton, &skeleton_len) : GR_ESYS;
        free(skel_path);
    }
    if (rc != GR_OK) {
        gr_domain_cache_free(o.cache);
        free(group_fixed);
        free(datadir);
        return GR_ESYS;
    }
    sn = shortn ? gr_strdup(shortn) : short_name(agency);
    snprintf(num[0], sizeof num[0], "%d", year);
    snprintf(num[1], sizeof num[1], "%d", year + 1911);
    snprintf(num[2], sizeof num[2], "%d", year + 1912);
    {
        /* what the group must do this year, from the rules in force: the
           skeleton states it and has enough slots for it */
        int mincat = 0, minitem = 0, k;
        gr_buf slots, cats, items;
        char *schema = schema_uri(datadir);
        gr_buf_init(&slots);
        gr_buf_init(&cats);
        gr_buf_init(&items);
        list_form_items(&items, gr_form_data(&o, "成果報告", year));
        gr_buf_init(&minline);
        if (gr_group_minimum(&o, year, group, &mincat, &minitem))
            gr_buf_printf(&minline, "%s每年至少辦理 %d 類、總計 %d 項（%d 年之規定）；請至少填 %d 個不同項目的 <措施>，分屬 %d 個類別。",
                          group, mincat, minitem, year, minitem, mincat);
        else
            gr_buf_printf(&minline, "各組別每年至少辦理之類別數及項目數見表單。");
        for (k = 0; k < (minitem > 3 ? minitem : 3); k++)
            gr_buf_adds(&slots, "    <措施 類別=\"\" 項目=\"\"></措施>\n");
        for (k = 0; k < (mincat > 3 ? mincat : 3); k++) {
            gr_buf_adds(&cats, "    <類別 編號=\"\">\n      <方案名稱></方案名稱>\n");
            if (k == 0) gr_buf_adds(&cats, "      <!-- 與性別平等關聯性 -->\n");
            gr_buf_adds(&cats, "      <關聯性></關聯性>\n    </類別>\n");
        }
        {
            const char *keys[] = { "@全銜@", "@簡稱@", "@年度@", "@西元@", "@核定@", "@組別@",
                                   "@最低@", "@七@", "@措施@", "@類別@", "@schema@" };
            const char *vals[] = { agency, sn, num[0], num[1], num[2], group,
                                   gr_buf_cstr(&minline), gr_buf_cstr(&items), gr_buf_cstr(&slots), gr_buf_cstr(&cats), schema };
            gr_buf_init(&a);
            gr_buf_init(&b);
            gr_buf_add(&b, skeleton, skeleton_len);
            for (k = 0; k < (int)(sizeof keys / sizeof keys[0]); k++) {
                a.len = 0;
                replace_all(&a, gr_buf_cstr(&b), keys[k], vals[k]);
                b.len = 0;
                gr_buf_add(&b, a.data, a.len);
            }
        }
        gr_buf_free(&slots);
        gr_buf_free(&cats);
        gr_buf_free(&items);
        free(schema);
    }
    if (!out) {
        char name[32];
        snprintf(name, sizeof name, "results-%d.xml", year);
        out = out_alloc = gr_strdup(name);
    }
    if (strcmp(out, "-") == 0) {
        rc = fwrite(b.data, 1, b.len, stdout) == b.len && fflush(stdout) == 0 ? GR_OK
           : gr_syserror(&ctx, NULL, 0, GR_TEXT(NEW_WRITING_STANDARD_OUTPUT_FAILED));
    } else if ((rc = gr_write_file_new(&ctx, out, b.data, b.len)) == GR_OK)
        printf("已產生 %s；請填寫空白欄位，再以 gereport check %s 檢查 (wrote %s; fill in the empty fields, then run gereport check %s)\n",
               out, out, out, out);
    gr_buf_free(&a);
    gr_buf_free(&b);
    gr_buf_free(&minline);
    gr_domain_cache_free(o.cache);
    free(skeleton);
    free(sn);
    free(group_fixed);
    free(out_alloc);
    free(datadir);
    return rc;
}
