/* compute.c — the arithmetic of computed figures and the checks of typed
 * figures. The number formats of templates/schema/computed.md §4 (2,526;
 * pct2 35.29; pct0), all on integers: a ratio is rounded half up from the
 * exact fraction, never from a binary double; the figures themselves are
 * data (the kind's figures file, evaluated by figures.c). The checks: the
 * kind's checks file (templates/results/checks.xml, a rule file: a part
 * larger than its whole, R26) run by the rule engine, and percentages
 * typed in running text that the counts beside them do not give (every
 * text of the file: no element paths). */
#include "../util/msg.h"
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
} cstate;

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
                    GR_TEXT(COMPUTE_TEXT_PERCENT),
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

/* The kind's checks of typed figures (templates/results/checks.xml: a rule
 * file for every year), parsed once per run into the cache. */
static int run_checks(gr_ctx *ctx, xmlDocPtr doc, const char *path, const gr_data_opts *o,
                      const gr_kind *k)
{
    gr_domain_cache *own, *c = gr_cache_for(o, &own);
    int rc = GR_OK;
    if (!c->checks_kind || strcmp(c->checks_kind, k->root) != 0) {
        char *file = gr_path_join(c->datadir, k->checks);
        gr_rules_free(c->checks);
        free(c->checks_kind);
        c->checks = gr_rules_load(ctx, file);
        c->checks_kind = gr_strdup(k->root);
        free(file);
    }
    if (!c->checks) rc = GR_ESYS;           /* reported by gr_rules_load */
    else rc = gr_rules_run(ctx, c->checks, doc, path,
                           gr_form_data_for_year(c, k, gr_int(gr_kind_year(k, xmlDocGetRootElement(doc)))),
                           o->previous);
    gr_domain_cache_free(own);
    return rc;
}

int gr_data_compute(gr_ctx *ctx, xmlDocPtr doc, const char *path, const gr_data_opts *o)
{
    cstate S;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    const gr_kind *k = root ? gr_kind_find(o, (const char *)root->name) : NULL;
    int rc = GR_OK;
    if (!root) return GR_EINPUT;
    if (!k || (!k->checks && !k->text_percentages)) return GR_OK;
    memset(&S, 0, sizeof S);
    S.ctx = ctx;
    S.file = path;
    if (k->text_percentages) check_texts(&S, root);
    if (k->checks) rc = run_checks(ctx, doc, path, o, k);
    xmlSetProp(root, (const xmlChar *)"已計算", (const xmlChar *)"是");
    return rc;                              /* the text percentages only warn */
}
