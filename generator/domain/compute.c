/* compute.c — the computed figures of templates/schema/computed.md §3,
 * added to the validated document as <計算 名稱="…" 值="…">text</計算>, the
 * last children of their owner element, with the text exactly as the form
 * prints it; and the checks of typed figures against their parts (a count
 * larger than the whole it belongs to, a percentage typed in running text
 * that its counts do not give). All arithmetic is on integers: a ratio is
 * rounded half up from the exact fraction, never from a binary double. */
#include "domain_int.h"
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ================================================================ numbers */

void gr_fmt_int(char *out, size_t n, long long v)
{
    char digits[32];
    size_t len, i, o = 0;
    int neg = v < 0;
    snprintf(digits, sizeof digits, "%llu", neg ? 0ULL - (unsigned long long)v : (unsigned long long)v);
    len = strlen(digits);
    if (neg && o + 1 < n) out[o++] = '-';
    for (i = 0; i < len && o + 1 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0 && o + 1 < n) out[o++] = ',';
        if (o + 1 < n) out[o++] = digits[i];
    }
    out[o] = 0;
}

/* round(a·scale/b) half up, a >= 0, b > 0 */
static long long ratio_half_up(long long a, long long b, long long scale)
{
    return (2 * a * scale + b) / (2 * b);
}

int gr_fmt_pct2(char *out, size_t n, long long a, long long b)
{
    long long v;
    if (b <= 0 || a < 0) { snprintf(out, n, "-"); return 0; }
    v = ratio_half_up(a, b, 10000);
    if (v % 100 == 0) snprintf(out, n, "%lld", v / 100);
    else snprintf(out, n, "%lld.%02lld", v / 100, v % 100);
    return 1;
}

/* A whole-number share: a count that is not zero never prints 0 (「<1」),
 * one short of the whole never 100 (「>99」): docs/layout.md. */
int gr_fmt_pct0(char *out, size_t n, long long a, long long b)
{
    long long v;
    if (b <= 0 || a < 0) { snprintf(out, n, "-"); return 0; }
    v = ratio_half_up(a, b, 100);
    if (v == 0 && a > 0) snprintf(out, n, "<1");
    else if (v == 100 && a < b) snprintf(out, n, ">99");
    else snprintf(out, n, "%lld", v);
    return 1;
}

int gr_fmt_pct_fixed(char *out, size_t n, long long a, long long b, int decimals)
{
    long long scale = 100, v, unit = 1;
    int i;
    assert(decimals >= 0 && decimals <= 4);
    if (b <= 0 || a < 0) { snprintf(out, n, "-"); return 0; }
    for (i = 0; i < decimals; i++) { scale *= 10; unit *= 10; }
    v = ratio_half_up(a, b, scale);
    if (decimals == 0) snprintf(out, n, "%lld", v);
    else snprintf(out, n, "%lld.%0*lld", v / unit, decimals, v % unit);
    return 1;
}

/* ================================================================ figures */

typedef struct cstate {
    gr_ctx *ctx;
    const char *file;
    int errors;
    xmlNodePtr form;     /* root of the year's form data, or NULL: the
                            figures that need its wording or thresholds
                            are then left out (check_form reports) */
} cstate;

/* An attribute of the form data's <figures>/<figure name="…">, or of another
 * child element of its root (path "training"), newly allocated; NULL when
 * absent. */
static char *form_attr(const cstate *S, const char *figure, const char *attr)
{
    xmlNodePtr n;
    if (!S->form) return NULL;
    if (figure[0] == '/') {                     /* "/training": a child of the root */
        n = gr_child(S->form, figure + 1);
    } else {
        xmlNodePtr figs = gr_child(S->form, "figures");
        for (n = gr_child(figs, "figure"); n; n = gr_next_same(n)) {
            xmlChar *nm = xmlGetProp(n, (const xmlChar *)"name");
            int hit = nm && strcmp((const char *)nm, figure) == 0;
            xmlFree(nm);
            if (hit) break;
        }
    }
    if (!n) return NULL;
    {
        xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
        char *r = v ? gr_strdup((const char *)v) : NULL;
        xmlFree(v);
        return r;
    }
}

/* Append a wording of the form data with {name} replaced by value (one
 * placeholder per call: the form data's wording has at most one). */
static void add_wording(gr_buf *b, const char *w, const char *value)
{
    const char *open = strchr(w, '{'), *close = open ? strchr(open, '}') : NULL;
    if (!open || !close) { gr_buf_adds(b, w); return; }
    gr_buf_add(b, w, (size_t)(open - w));
    gr_buf_adds(b, value);
    gr_buf_adds(b, close + 1);
}

/* "1/3" -> 1 and 3; 0 when not a fraction of positive integers. */
static int parse_fraction(const char *s, long long *num, long long *den)
{
    char *end;
    if (!s) return 0;
    *num = strtoll(s, &end, 10);
    if (*end != '/' || *num <= 0) return 0;
    *den = strtoll(end + 1, &end, 10);
    return *end == 0 && *den > 0;
}

/* "18" or "6.5" in hundredths; -1 when not a plain decimal. */
static long long hundredths_of(const char *s)
{
    long long v = 0;
    int dec = -1;
    if (!s || !*s) return -1;
    for (; *s; s++) {
        if (*s == '.' && dec < 0) { dec = 0; continue; }
        if (*s < '0' || *s > '9' || dec >= 2 || v > 100000000) return -1;
        v = v * 10 + (*s - '0');
        if (dec >= 0) dec++;
    }
    if (dec < 0) dec = 0;
    while (dec++ < 2) v *= 10;
    return v;
}

static void add_fig(xmlNodePtr owner, const char *name, const char *text, const char *value)
{
    xmlNodePtr f = xmlNewTextChild(owner, NULL, (const xmlChar *)"計算", (const xmlChar *)text);
    xmlNewProp(f, (const xmlChar *)"名稱", (const xmlChar *)name);
    if (value) xmlNewProp(f, (const xmlChar *)"值", (const xmlChar *)value);
}

static void add_int_fig(xmlNodePtr owner, const char *name, long long v, int grouped)
{
    char t[40], val[32];
    if (grouped) gr_fmt_int(t, sizeof t, v);
    else snprintf(t, sizeof t, "%lld", v);
    snprintf(val, sizeof val, "%lld", v);
    add_fig(owner, name, t, val);
}

/* pct2 + suffix when it is a number ("-" alone otherwise); 值 = a/b */
static void add_pct_fig(xmlNodePtr owner, const char *name, long long a, long long b,
                        const char *suffix)
{
    char t[64], val[64];
    if (gr_fmt_pct2(t, sizeof t - 8, a, b)) strcat(t, suffix);
    snprintf(val, sizeof val, "%lld/%lld", a, b);
    add_fig(owner, name, t, val);
}

/* An impossible typed figure: `part` (at node) larger than `whole`. */
static void check_le(cstate *S, xmlNodePtr at, long long part, long long whole,
                     const char *part_zh, const char *whole_zh,
                     const char *part_en, const char *whole_en)
{
    char pa[32], wh[32];
    gr_buf zh, en;
    if (part < 0 || whole < 0 || part <= whole) return;
    gr_fmt_int(pa, sizeof pa, part);
    gr_fmt_int(wh, sizeof wh, whole);
    gr_buf_init(&zh);
    gr_buf_init(&en);
    gr_buf_printf(&zh, "數字不合理：%s（%s）大於%s（%s）；請核對所填數字（R26 數字一致性）",
                  part_zh, pa, whole_zh, wh);
    gr_buf_printf(&en, "impossible figures: %s (%s) exceeds %s (%s); check the numbers typed (R26 consistency)",
                  part_en, pa, whole_en, wh);
    gr_report(S->ctx, 1, S->file, gr_line(at), gr_buf_cstr(&zh), gr_buf_cstr(&en));
    gr_buf_free(&zh);
    gr_buf_free(&en);
    S->errors++;
}

static void committee(cstate *S, xmlNodePtr root, long long year)
{
    xmlNodePtr members = gr_path(root, "專案小組/成員");
    xmlNodePtr ops = gr_path(root, "專案小組/運作情形");
    xmlNodePtr mt;
    long long m, f, em, ef, N, ext;
    int i = 0;
    if (!members) return;
    m = gr_int_at(members, "人數/男");
    f = gr_int_at(members, "人數/女");
    em = gr_int_at(members, "外聘委員/男");
    ef = gr_int_at(members, "外聘委員/女");
    if (m < 0 || f < 0 || em < 0 || ef < 0) return;
    N = m + f;
    ext = em + ef;
    check_le(S, gr_path(members, "外聘委員/男"), em, m, "男性外聘委員人數", "男性委員人數",
             "male external members", "male members");
    check_le(S, gr_path(members, "外聘委員/女"), ef, f, "女性外聘委員人數", "女性委員人數",
             "female external members", "female members");
    add_int_fig(members, "總人數", N, 1);
    add_int_fig(members, "外聘委員總人數", ext, 1);
    add_pct_fig(members, "單一性別比例", m < f ? m : f, N, "(%)");
    if (!ops) return;
    for (mt = gr_child(ops, "會議"); mt; mt = gr_next_same(mt)) {
        xmlNodePtr experts = gr_child(mt, "專家學者出席者"), e, e2;
        long long a = gr_int_at(mt, "出席人數");
        long long k = gr_count(experts, "姓名");
        char t[96], p[48], id[32];
        i++;
        snprintf(id, sizeof id, "%lld-%d", year, i);
        add_fig(mt, "會議編號", id, NULL);
        if (a >= 0) {
            if (gr_fmt_pct2(p, sizeof p, a, N))
                snprintf(t, sizeof t, "%s%% (%lld/%lld)", p, a, N);
            else
                snprintf(t, sizeof t, "-");
            snprintf(p, sizeof p, "%lld/%lld", a, N);
            add_fig(mt, "出席比率", t, p);
            check_le(S, gr_child(mt, "出席人數"), a, N, "出席人數", "全體委員總人數",
                     "members present", "all members");
            check_le(S, experts, k, a, "專家學者出席人數", "出席人數",
                     "experts present", "members present");
        }
        check_le(S, experts, k, ext, "專家學者出席人數", "外聘委員總人數",
                 "experts present", "external members");
        add_int_fig(mt, "專家學者出席人數", k, 0);
        for (e = k <= 100 ? gr_child(experts, "姓名") : NULL; e; e = gr_next_same(e))
            for (e2 = gr_next_same(e); e2; e2 = gr_next_same(e2)) {
                char *a1 = gr_text(e), *a2 = gr_text(e2);
                if (strcmp(a1, a2) == 0)
                    gr_warn(S->ctx, S->file, gr_line(e2), "專家學者出席者「%s」重複列出",
                            "expert \"%s\" is listed twice", a2);
                free(a1);
                free(a2);
            }
    }
    add_int_fig(ops, "會議次數", i, 0);
}

static void training_group(cstate *S, xmlNodePtr g, int with_physical)
{
    long long m = gr_int_at(g, "人數/男"), f = gr_int_at(g, "人數/女");
    long long dm = gr_int_at(g, "完成人數/男"), df = gr_int_at(g, "完成人數/女");
    const char *who = (const char *)g->name;
    char zh1[96], zh2[96];
    if (m < 0 || f < 0 || dm < 0 || df < 0) return;
    snprintf(zh1, sizeof zh1, "%s男性完成人數", who);
    snprintf(zh2, sizeof zh2, "%s男性人數", who);
    check_le(S, gr_path(g, "完成人數/男"), dm, m, zh1, zh2, "men who completed", "men");
    snprintf(zh1, sizeof zh1, "%s女性完成人數", who);
    snprintf(zh2, sizeof zh2, "%s女性人數", who);
    check_le(S, gr_path(g, "完成人數/女"), df, f, zh1, zh2, "women who completed", "women");
    add_int_fig(g, "總人數", m + f, 1);
    add_int_fig(g, "整體完成人數", dm + df, 1);
    add_pct_fig(g, "整體完成比率", dm + df, m + f, "(%)");
    add_pct_fig(g, "男性完成比率", dm, m, "(%)");
    add_pct_fig(g, "女性完成比率", df, f, "(%)");
    if (with_physical) {
        long long p = gr_int_at(g, "實體課程參訓人數");
        if (p >= 0) {
            snprintf(zh1, sizeof zh1, "%s實體課程參訓人數", who);
            snprintf(zh2, sizeof zh2, "%s整體完成人數", who);
            check_le(S, gr_child(g, "實體課程參訓人數"), p, dm + df, zh1, zh2,
                     "staff with a physical course", "staff who completed the training");
            add_pct_fig(g, "實體課程參訓率", p, m + f, "%");
        }
    }
}

static void training(cstate *S, xmlNodePtr root)
{
    xmlNodePtr t = gr_child(root, "性別意識培力"), g, p;
    long long pass = 0, count = 0;
    char *h = form_attr(S, "/training", "hours"), *ah = form_attr(S, "/training", "advanced-hours");
    long long need = hundredths_of(h), need_adv = hundredths_of(ah);   /* the form's hours */
    free(h);
    free(ah);
    if (!t) return;
    if ((g = gr_child(t, "一般公務人員")) != NULL) training_group(S, g, 1);
    if ((g = gr_child(t, "主管人員")) != NULL) training_group(S, g, 0);
    if ((g = gr_child(t, "參訓時數")) != NULL) {
        for (p = gr_child(g, "人員"); p; p = gr_next_same(p)) {
            long long total = gr_hundredths(gr_child(p, "年度培力總時數"));
            long long adv = gr_hundredths(gr_child(p, "進階課程時數"));
            count++;
            if (need >= 0 && need_adv >= 0 && total >= need && adv >= need_adv) pass++;
            if (total >= 0 && adv > total) {
                char *name = gr_text(gr_child(p, "姓名"));
                gr_error(S->ctx, S->file, gr_line(gr_child(p, "進階課程時數")),
                         "數字不合理：%s的進階課程時數大於年度培力總時數；請核對所填數字（R26 數字一致性）",
                         "impossible figures: %s has more advanced-course hours than hours in all; check the numbers typed (R26 consistency)",
                         name);
                free(name);
                S->errors++;
            }
        }
        if (need >= 0 && need_adv >= 0) add_pct_fig(g, "完成比率", pass, count, "%");
    }
    if ((g = gr_child(t, "自辦訓練")) != NULL)
        for (p = gr_child(g, "訓練"); p; p = gr_next_same(p)) {
            long long m = gr_int_at(p, "參加人數/男"), f = gr_int_at(p, "參加人數/女");
            if (m >= 0 && f >= 0) add_int_fig(p, "參加總人數", m + f, 1);
        }
}

static long long budget_sum(xmlNodePtr year)
{
    xmlNodePtr it;
    long long s = 0;
    for (it = gr_child(year, "計畫"); it; it = gr_next_same(it)) {
        long long v = gr_int_at(it, "預算數");
        if (v > 0) s += v;
    }
    return s;
}

static void budget(cstate *S, xmlNodePtr root)
{
    xmlNodePtr b = gr_child(root, "性別預算"), cur, next;
    long long a, c, d;
    char v[32], n[40];
    char *w;
    if (!b) return;
    cur = gr_child(b, "本年度");
    next = gr_child(b, "下年度");
    a = budget_sum(cur);
    c = budget_sum(next);
    if (cur) add_int_fig(cur, "總計", a, 1);
    if (next) add_int_fig(next, "總計", c, 1);
    d = c - a;
    gr_fmt_int(n, sizeof n, d < 0 ? -d : d);
    /* the wording is the form's: 無 / 增加{金額}元 / 減少{金額}元 */
    w = form_attr(S, "增減", d == 0 ? "none" : d > 0 ? "increase" : "decrease");
    if (w) {
        gr_buf t;
        gr_buf_init(&t);
        add_wording(&t, w, n);
        snprintf(v, sizeof v, "%lld", d);
        add_fig(b, "增減", gr_buf_cstr(&t), v);
        gr_buf_free(&t);
        free(w);
    }
}

static void stat_table(xmlNodePtr table)
{
    xmlNodePtr g;
    int other = 0;
    for (g = gr_child(table, "組"); g; g = gr_next_same(g))
        if (gr_child(g, "其他")) other = 1;
    for (g = gr_child(table, "組"); g; g = gr_next_same(g)) {
        long long m = gr_int_at(g, "男"), f = gr_int_at(g, "女");
        long long o = gr_child(g, "其他") ? gr_int_at(g, "其他") : 0;
        long long t = (m > 0 ? m : 0) + (f > 0 ? f : 0) + (o > 0 ? o : 0);
        char s[32], v[64];
        const char *names[3] = { "男百分比", "女百分比", "其他百分比" };
        long long vals[3];
        int i;
        vals[0] = m; vals[1] = f; vals[2] = o;
        for (i = 0; i < (other ? 3 : 2); i++) {
            if (t <= 0 || (i == 2 && vals[i] == 0)) snprintf(s, sizeof s, "-");
            else {
                gr_fmt_pct0(s, sizeof s - 2, vals[i], t);
                strcat(s, "%");
            }
            snprintf(v, sizeof v, "%lld/%lld", vals[i], t);
            add_fig(g, names[i], s, v);
        }
    }
}

/* 「男性3人／女性1人，女性低於1/3。」: counts and the share rule, in the
 * form's wording and with its minimum share (form data, figure
 * 性別比例說明). */
static void member_list(cstate *S, xmlNodePtr list)
{
    static const char *const keys[] = { "counts", "other", "separator", "minimum-share",
                                        "balanced", "men-low", "women-low" };
    char *w[7];
    xmlNodePtr p;
    long long m = 0, f = 0, o = 0, low, num, den;
    gr_buf b;
    char v[64], k[32];
    size_t i;
    for (p = gr_child(list, "委員"); p; p = gr_next_same(p)) {
        char *g = gr_text(gr_child(p, "性別"));
        if (strcmp(g, "男") == 0) m++;
        else if (strcmp(g, "女") == 0) f++;
        else if (strcmp(g, "其他") == 0) o++;
        free(g);
    }
    for (i = 0; i < 7; i++) w[i] = form_attr(S, "性別比例說明", keys[i]);
    low = m <= f ? m : f;
    if (w[0] && w[2] && w[4] && w[5] && w[6] && parse_fraction(w[3], &num, &den)) {
        gr_buf_init(&b);
        /* counts="男性{男}人／女性{女}人": two placeholders, filled in turn */
        {
            const char *mid = strchr(w[0], '}');
            char *first = mid ? gr_strndup(w[0], (size_t)(mid + 1 - w[0])) : gr_strdup(w[0]);
            snprintf(k, sizeof k, "%lld", m);
            add_wording(&b, first, k);
            snprintf(k, sizeof k, "%lld", f);
            add_wording(&b, mid ? mid + 1 : "", k);
            free(first);
        }
        if (o > 0 && w[1]) {
            snprintf(k, sizeof k, "%lld", o);
            add_wording(&b, w[1], k);
        }
        gr_buf_adds(&b, w[2]);
        if (den * low >= num * (m + f + o)) gr_buf_adds(&b, w[4]);
        else if (m < f) gr_buf_adds(&b, w[5]);
        else gr_buf_adds(&b, w[6]);
        snprintf(v, sizeof v, "%lld/%lld", low, m + f + o);
        add_fig(list, "性別比例說明", gr_buf_cstr(&b), v);
        gr_buf_free(&b);
    }
    for (i = 0; i < 7; i++) free(w[i]);
}

typedef struct table_id { const char *id; int line; } table_id;

static int cmp_table_id(const void *a, const void *b)
{
    const table_id *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* binary search in ids sorted by id */
static int has_id(const table_id *ids, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(ids[mid].id, id);
        if (c == 0) return 1;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

static void evidence(cstate *S, xmlNodePtr root)
{
    xmlNodePtr ev = gr_child(root, "成果佐證"), cat, blk;
    table_id *ids = NULL;
    size_t n = 0, cap = 0, i;
    if (!ev) return;
    for (cat = gr_child(ev, "類別"); cat; cat = gr_next_same(cat))
        for (blk = cat->children; blk; blk = blk->next) {
            if (gr_is_elem(blk, "統計表")) {
                xmlAttrPtr id = xmlHasProp(blk, (const xmlChar *)"代號");
                stat_table(blk);
                if (id && id->children && id->children->content) {
                    ids = gr_grow(ids, &cap, n + 1, sizeof *ids);
                    ids[n].id = (const char *)id->children->content;
                    ids[n++].line = gr_line(blk);
                }
            } else if (gr_is_elem(blk, "委員名單")) {
                member_list(S, blk);
            }
        }
    /* 代號 unique; 長條圖 依據 names an existing 代號 */
    if (n) qsort(ids, n, sizeof *ids, cmp_table_id);
    for (i = 1; i < n; i++)
        if (strcmp(ids[i].id, ids[i - 1].id) == 0) {
            gr_error(S->ctx, S->file, ids[i].line, "<統計表> 的代號「%s」重複（第 %d 行已用過）",
                     "<統計表>: 代號 \"%s\" is used twice (already on line %d)", ids[i].id, ids[i - 1].line);
            S->errors++;
        }
    for (cat = gr_child(ev, "類別"); cat; cat = gr_next_same(cat))
        for (blk = cat->children; blk; blk = blk->next) {
            xmlAttrPtr ref = gr_is_elem(blk, NULL) ? xmlHasProp(blk, (const xmlChar *)"依據") : NULL;
            const char *want;
            if (!ref || !ref->children || !ref->children->content) continue;
            want = (const char *)ref->children->content;
            if (!has_id(ids, n, want)) {
                gr_error(S->ctx, S->file, gr_line(blk),
                         "<%s> 的依據「%s」找不到代號相同的 <統計表>",
                         "<%s>: no <統計表> has the 代號 \"%s\" given as 依據", (const char *)blk->name,
                         want);
                S->errors++;
            }
        }
    free(ids);
}

/* Figures not printed on the 112 form but useful to rules and to the
 * combined report. */
static void extra_counts(xmlNodePtr root)
{
    xmlNodePtr s = gr_child(root, "策略及具體措施"), a, imp, t, c;
    int cats = 0, items = 0, n = 0;
    /* distinct categories and (category, item) pairs: the schema allows six
       categories (一…六) and items 1…9, so small tables do */
    char *seen_cat[16];
    unsigned char seen_item[16][100];
    int ncat = 0, i;
    memset(seen_item, 0, sizeof seen_item);
    if (s) {
        for (a = gr_child(s, "措施"); a; a = gr_next_same(a)) {
            xmlChar *ca = xmlGetProp(a, (const xmlChar *)"類別");
            long long item = 0;
            xmlChar *ia = xmlGetProp(a, (const xmlChar *)"項目");
            n++;
            if (ia) item = atoll((const char *)ia);
            xmlFree(ia);
            if (!ca) continue;
            for (i = 0; i < ncat && strcmp(seen_cat[i], (const char *)ca) != 0; i++)
                ;
            if (i == ncat && ncat < 16) {
                seen_cat[ncat++] = gr_strdup((const char *)ca);
                cats++;
            }
            if (i < ncat && item > 0 && item < 100 && !seen_item[i][item]) {
                seen_item[i][item] = 1;
                items++;
            }
            xmlFree(ca);
        }
        for (i = 0; i < ncat; i++) free(seen_cat[i]);
        add_int_fig(s, "辦理類別數", cats, 0);
        add_int_fig(s, "辦理項目數", items, 0);
        add_int_fig(s, "措施筆數", n, 0);
    }
    if ((a = gr_child(root, "性別分析")) != NULL)
        add_int_fig(a, "專題篇數", gr_count(a, "專題"), 0);
    if ((imp = gr_child(root, "性別影響評估")) != NULL) {
        n = 0;
        for (t = imp->children; t; t = t->next) {
            if (t->type != XML_ELEMENT_NODE) continue;
            for (c = gr_child(t, "案件"); c; c = gr_next_same(c)) {
                long long op = gr_int_at(c, "意見項數"), ad = gr_int_at(c, "參採項數");
                n++;
                if (op >= 0 && ad >= 0) add_pct_fig(c, "參採率", ad, op, "%");
            }
        }
        add_int_fig(imp, "案件數", n, 0);
    }
}

/* ================================================= percentages in text
 * 「男性為592人（22.12%），女性為2,084人（77.88%）」: counts with a typed
 * percentage each, in one sentence, whose percentages add up to about 100:
 * each percentage must be its count over their sum, rounded half up to the
 * decimals typed. */

typedef struct pct_hit {
    long long count, pct;    /* pct scaled by 10^dec */
    int dec;
    size_t start, end;       /* byte offsets in the text */
} pct_hit;

static size_t match_any(const char *s, const char *const *alts)
{
    size_t i;
    for (i = 0; alts[i]; i++) {
        size_t n = strlen(alts[i]);
        if (strncmp(s, alts[i], n) == 0) return n;
    }
    return 0;
}

static const char *const units[] = { "人次", "人", "名", "位", "件", "班", "場", "次", NULL };
static const char *const opens[] = { "（", "(", NULL };
static const char *const closes[] = { "）", ")", NULL };
static const char *const percents[] = { "%", "％", NULL };
static const char *const stops[] = { "。", "；", ";", "！", "？", "\n", NULL };

/* A hit starting at s[i] (a digit not preceded by a digit or comma). */
static int parse_hit(const char *s, size_t i, pct_hit *h)
{
    size_t j = i, k;
    long long c = 0, p = 0;
    int digits = 0, dec = -1;
    while ((s[j] >= '0' && s[j] <= '9') || (s[j] == ',' && digits && s[j + 1] >= '0' && s[j + 1] <= '9')) {
        if (s[j] != ',') { c = c * 10 + (s[j] - '0'); digits++; }
        if (digits > 12) return 0;
        j++;
    }
    if (!digits || !(k = match_any(s + j, units))) return 0;
    j += k;
    while (s[j] == ' ') j++;
    if (!(k = match_any(s + j, opens))) return 0;
    j += k;
    digits = 0;
    while ((s[j] >= '0' && s[j] <= '9') || (s[j] == '.' && dec < 0 && digits)) {
        if (s[j] == '.') dec = 0;
        else {
            p = p * 10 + (s[j] - '0');
            digits++;
            if (dec >= 0) dec++;
        }
        if (digits > 8 || dec > 3) return 0;
        j++;
    }
    if (!digits || !(k = match_any(s + j, percents))) return 0;
    j += k;
    if (!(k = match_any(s + j, closes))) return 0;
    j += k;
    h->count = c;
    h->pct = p;
    h->dec = dec < 0 ? 0 : dec;
    h->start = i;
    h->end = j;
    return 1;
}

static long long pow10i(int d)
{
    long long v = 1;
    while (d-- > 0) v *= 10;
    return v;
}

static void check_group(cstate *S, xmlNodePtr node, const char *text, const pct_hit *h, size_t n)
{
    long long sum = 0, psum = 0;    /* psum in hundredths */
    size_t i;
    if (n < 2) return;
    for (i = 0; i < n; i++) {
        sum += h[i].count;
        psum += h[i].dec <= 2 ? h[i].pct * pow10i(2 - h[i].dec) : h[i].pct / pow10i(h[i].dec - 2);
    }
    if (sum <= 0 || psum < 9500 || psum > 10500) return;
    for (i = 0; i < n; i++) {
        long long want = ratio_half_up(h[i].count, sum, 100 * pow10i(h[i].dec));
        if (want != h[i].pct) {
            int line = gr_line(node);
            size_t k;
            char cnt[32], tot[32], w[32], typed[32];
            for (k = 0; k < h[i].start; k++)
                if (text[k] == '\n') line++;
            gr_fmt_int(cnt, sizeof cnt, h[i].count);
            gr_fmt_int(tot, sizeof tot, sum);
            if (h[i].dec == 0) snprintf(w, sizeof w, "%lld", want);
            else snprintf(w, sizeof w, "%lld.%0*lld", want / pow10i(h[i].dec), h[i].dec,
                          want % pow10i(h[i].dec));
            snprintf(typed, sizeof typed, "%.*s", (int)(h[i].end - h[i].start) < 31 ?
                     (int)(h[i].end - h[i].start) : 31, text + h[i].start);
            gr_warn(S->ctx, S->file, line,
                    "文中「%s」的百分比與人數不符：%s ÷ %s（同句各數之和）= %s%%（R26 數字一致性）",
                    "in the text \"%s\" the percentage does not match the counts: %s / %s (the sum of the sentence's counts) = %s%% (R26 consistency)",
                    typed, cnt, tot, w);
        }
    }
}

static void check_text(cstate *S, xmlNodePtr node)
{
    const char *t = (const char *)node->content;
    pct_hit hits[16];
    size_t n = 0, i = 0, k;
    if (!t) return;
    while (t[i]) {
        if ((k = match_any(t + i, stops)) != 0) {
            check_group(S, node, t, hits, n);
            n = 0;
            i += k;
            continue;
        }
        if (t[i] >= '0' && t[i] <= '9' && (i == 0 || ((t[i - 1] < '0' || t[i - 1] > '9') &&
                                                        t[i - 1] != ',' && t[i - 1] != '.'))) {
            pct_hit h;
            if (parse_hit(t, i, &h)) {
                if (n < 16) hits[n++] = h;
                i = h.end;
                continue;
            }
            while (t[i] >= '0' && t[i] <= '9') i++;
            continue;
        }
        i++;
    }
    check_group(S, node, t, hits, n);
}

static void check_texts(cstate *S, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE) check_text(S, n);
        else if (n->type == XML_ELEMENT_NODE) check_texts(S, n->children);
    }
}

/* ================================================================ entry */

int gr_data_compute(gr_ctx *ctx, xmlDocPtr doc, const char *path, const gr_data_opts *o)
{
    cstate S;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    const gr_kind *k = root ? gr_kind_find((const char *)root->name) : NULL;
    gr_domain_cache *own = NULL, *c;
    xmlDocPtr form;
    long long year;
    if (!root) return GR_EINPUT;
    if (k && !k->builtin_compute) return GR_OK;  /* figures declared as data */
    memset(&S, 0, sizeof S);
    S.ctx = ctx;
    S.file = path;
    year = gr_int(gr_child(root, "年度"));
    c = gr_cache_for(o, &own);
    form = k ? gr_form_data_for_year(c, k, year) : NULL;
    S.form = form ? xmlDocGetRootElement(form) : NULL;
    check_texts(&S, root);
    committee(&S, root, year);
    training(&S, root);
    budget(&S, root);
    evidence(&S, root);
    extra_counts(root);
    xmlSetProp(root, (const xmlChar *)"已計算", (const xmlChar *)"是");
    gr_domain_cache_free(own);
    return S.errors ? GR_EINPUT : GR_OK;
}
