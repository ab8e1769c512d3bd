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

int gr_fmt_pct0(char *out, size_t n, long long a, long long b)
{
    if (b <= 0 || a < 0) { snprintf(out, n, "-"); return 0; }
    snprintf(out, n, "%lld", ratio_half_up(a, b, 100));
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
} cstate;

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

/* 二、性別平等專案小組: external members and experts present within the
 * members; an expert listed twice. */
static void committee(cstate *S, xmlNodePtr root)
{
    xmlNodePtr members = gr_path(root, "專案小組/成員");
    xmlNodePtr ops = gr_path(root, "專案小組/運作情形");
    xmlNodePtr mt;
    long long m, f, em, ef, N, ext;
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
    if (!ops) return;
    for (mt = gr_child(ops, "會議"); mt; mt = gr_next_same(mt)) {
        xmlNodePtr experts = gr_child(mt, "專家學者出席者"), e, e2;
        long long a = gr_int_at(mt, "出席人數");
        long long k = gr_count(experts, "姓名");
        if (a >= 0) {
            check_le(S, gr_child(mt, "出席人數"), a, N, "出席人數", "全體委員總人數",
                     "members present", "all members");
            check_le(S, experts, k, a, "專家學者出席人數", "出席人數",
                     "experts present", "members present");
        }
        check_le(S, experts, k, ext, "專家學者出席人數", "外聘委員總人數",
                 "experts present", "external members");
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
}

/* 性別意識培力: those who completed within each group, physical-course
 * staff within those who completed. */
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
    if (with_physical) {
        long long p = gr_int_at(g, "實體課程參訓人數");
        if (p >= 0) {
            snprintf(zh1, sizeof zh1, "%s實體課程參訓人數", who);
            snprintf(zh2, sizeof zh2, "%s整體完成人數", who);
            check_le(S, gr_child(g, "實體課程參訓人數"), p, dm + df, zh1, zh2,
                     "staff with a physical course", "staff who completed the training");
        }
    }
}

static void training(cstate *S, xmlNodePtr root)
{
    xmlNodePtr t = gr_child(root, "性別意識培力"), g, p;
    if (!t) return;
    if ((g = gr_child(t, "一般公務人員")) != NULL) training_group(S, g, 1);
    if ((g = gr_child(t, "主管人員")) != NULL) training_group(S, g, 0);
    if ((g = gr_child(t, "參訓時數")) != NULL) {
        for (p = gr_child(g, "人員"); p; p = gr_next_same(p)) {
            long long total = gr_hundredths(gr_child(p, "年度培力總時數"));
            long long adv = gr_hundredths(gr_child(p, "進階課程時數"));
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
    }
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
                if (id && id->children && id->children->content) {
                    ids = gr_grow(ids, &cap, n + 1, sizeof *ids);
                    ids[n].id = (const char *)id->children->content;
                    ids[n++].line = gr_line(blk);
                }
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
    const gr_kind *k = root ? gr_kind_find(o, (const char *)root->name) : NULL;
    (void)o;
    if (!root) return GR_EINPUT;
    if (k && !k->builtin_compute) return GR_OK;  /* no checks of typed figures */
    memset(&S, 0, sizeof S);
    S.ctx = ctx;
    S.file = path;
    check_texts(&S, root);
    committee(&S, root);
    training(&S, root);
    evidence(&S, root);
    xmlSetProp(root, (const xmlChar *)"已計算", (const xmlChar *)"是");
    return S.errors ? GR_EINPUT : GR_OK;
}
