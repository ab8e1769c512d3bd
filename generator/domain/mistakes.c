/* mistakes.c — telling a field's typical mistakes apart, so that a message
 * says what is wrong and what to write instead (texts in util/messages.def):
 * full-width digits, a unit or thousands separators typed with a number, a
 * date that does not exist, an ROC date, a Gregorian year where the ROC
 * year belongs, a value out of range; and which element names are figures
 * the program computes (read from templates/schema/computed.md, the
 * contract that defines them). No form wording here. */
#include "domain_int.h"
#include "../util/msg.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Full-width digits ０-９ (EF BC 90-99) and ，．to ASCII; *changed set. */
static char *halfwidth(const char *v, int *changed)
{
    gr_buf b;
    const unsigned char *p = (const unsigned char *)v;
    char *r;
    gr_buf_init(&b);
    *changed = 0;
    while (*p) {
        if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
            gr_buf_addc(&b, '0' + (p[2] - 0x90));
            p += 3;
            *changed = 1;
        } else if (p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x8C || p[2] == 0x8E)) {
            gr_buf_addc(&b, p[2] == 0x8C ? ',' : '.');          /* ， ． */
            p += 3;
            *changed = 1;
        } else {
            gr_buf_addc(&b, *p++);
        }
    }
    r = gr_strdup(gr_buf_cstr(&b));
    gr_buf_free(&b);
    return r;
}

static int all_digits(const char *s, size_t n)
{
    size_t i;
    if (!n) return 0;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

static int days_in(int y, int m)
{
    static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

static int is_number_type(const char *t)
{
    return t && (strcmp(t, "nonNegativeInteger") == 0 || strcmp(t, "positiveInteger") == 0 ||
                 strcmp(t, "decimal") == 0 || strcmp(t, "integer") == 0);
}

static int date_mistake(const char *label, const char *v, const char *lo, const char *hi,
                        gr_buf *zh, gr_buf *en)
{
    int y, m, d, n = 0;
    char sep1 = 0, sep2 = 0, out[32], ms[8], ds[8];
    size_t len = strlen(v);
    if (sscanf(v, "%d%c%d%c%d%n", &y, &sep1, &m, &sep2, &d, &n) == 5 && (size_t)n == len &&
        sep1 == sep2 && (sep1 == '-' || sep1 == '/' || sep1 == '.') && y > 0 && m >= 1 && m <= 12 &&
        d >= 1) {
        if (y < 1000) y += 1911;                 /* an ROC year: 113/02/22 */
        if (d > days_in(y, m)) {
            snprintf(ms, sizeof ms, "%d", m);
            snprintf(ds, sizeof ds, "%d", days_in(y, m));
            gr_msg_append(zh, en, GR_M_DATE_NOT_REAL, GR_MSG_ARGS(label, v, ms, ds));
            return 1;
        }
        snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
        if (strcmp(out, v) == 0) {               /* well written: out of range? */
            if (lo && hi && (strcmp(v, lo) < 0 || strcmp(v, hi) > 0)) {
                gr_msg_append(zh, en, GR_M_OUT_OF_RANGE, GR_MSG_ARGS(label, v, lo, hi));
                return 1;
            }
            return 0;
        }
        gr_msg_append(zh, en, GR_M_DATE_ROC, GR_MSG_ARGS(label, v, out));
        return 1;
    }
    gr_msg_append(zh, en, GR_M_DATE_FORMAT, GR_MSG_ARGS(label, v));
    return 1;
}

int gr_value_mistake(const char *label, const char *value, const char *type,
                     const char *lo, const char *hi, gr_buf *zh, gr_buf *en)
{
    int fw, rc = 0;
    char *v = halfwidth(value, &fw);
    size_t n = strlen(v), k;
    if (!type) { free(v); return 0; }
    if (strcmp(type, "date") == 0) {
        if (fw) gr_msg_append(zh, en, GR_M_FULLWIDTH_DIGITS, GR_MSG_ARGS(label, value, v));
        else rc = date_mistake(label, v, lo, hi, zh, en);
        free(v);
        return fw || rc;
    }
    if (!is_number_type(type)) { free(v); return 0; }
    for (k = 0; k < n && ((v[k] >= '0' && v[k] <= '9') || v[k] == ',' || v[k] == '.'); k++) {}
    if (k > 0 && k < n && v[k] != '-' && v[0] != ',') {
        /* a number and then something else: a unit (人、小時、次、元、%) or
           a multiplier (萬、千) */
        char *num = gr_strndup(v, k), *unit = gr_strdup(v + k + strspn(v + k, " "));
        static const struct { const char *word; long long times; } mult[] = {
            { "萬", 10000 }, { "万", 10000 }, { "千", 1000 }, { "仟", 1000 }, { "萬元", 10000 },
            { "千元", 1000 }, { "億", 100000000 }, { "億元", 100000000 } };
        size_t m;
        for (m = 0; m < sizeof mult / sizeof mult[0]; m++)
            if (strcmp(unit, mult[m].word) == 0) break;
        if (m < sizeof mult / sizeof mult[0] && !strchr(num, ',')) {
            char whole[40];
            double x = atof(num) * (double)mult[m].times;
            snprintf(whole, sizeof whole, "%.0f", x);
            gr_msg_append(zh, en, GR_M_NUMBER_MULTIPLIER, GR_MSG_ARGS(label, value, whole));
        } else if (strcmp(unit, "%") == 0 || strcmp(unit, "％") == 0) {
            gr_msg_append(zh, en, GR_M_PERCENT_TYPED, GR_MSG_ARGS(label, value));
        } else {
            gr_msg_append(zh, en, GR_M_NUMBER_WITH_UNIT, GR_MSG_ARGS(label, value, num, unit));
        }
        free(num);
        free(unit);
        rc = 1;
    } else if (fw) {
        gr_msg_append(zh, en, GR_M_FULLWIDTH_DIGITS, GR_MSG_ARGS(label, value, v));
        rc = 1;
    } else if (k == n && strchr(v, ',')) {
        gr_buf b;
        const char *p;
        gr_buf_init(&b);
        for (p = v; *p; p++) if (*p != ',') gr_buf_addc(&b, *p);
        gr_msg_append(zh, en, GR_M_NUMBER_SEPARATORS, GR_MSG_ARGS(label, value, gr_buf_cstr(&b)));
        gr_buf_free(&b);
        rc = 1;
    } else if (all_digits(v, n) && lo && hi) {
        long x = atol(v), l = atol(lo), h = atol(hi);
        if (n > 9 || (x >= l && x <= h)) { free(v); return x >= l && x <= h ? 0 : 1; }
        if (x - 1911 >= l && x - 1911 <= h && h < 1000)
            gr_msg_append(zh, en, GR_M_YEAR_IS_ROC, GR_MSG_ARGS(label, value));
        else
            gr_msg_append(zh, en, GR_M_OUT_OF_RANGE, GR_MSG_ARGS(label, value, lo, hi));
        rc = 1;
    } else if (!all_digits(v, n) && !(strcmp(type, "decimal") == 0 && k == n && strchr(v, '.'))) {
        int whole = strcmp(type, "decimal") != 0;
        int looks = (v[0] == '-' && all_digits(v + 1, n - 1)) || (k == n && strchr(v, '.'));
        gr_msg_append(zh, en, whole && looks ? GR_M_NOT_A_COUNT : GR_M_NOT_A_NUMBER, GR_MSG_ARGS(label, value));
        rc = 1;
    }
    free(v);
    return rc;
}

/* computed.md: the first column of the table of §3 (the figures), and the
 * backquoted names of the section "Names people type" (what a clerk calls
 * a computed figure on the printed form). */
int gr_computed_figure(const char *schema_path, const char *name, char **figure)
{
    char *dir = gr_dirname(schema_path), *path = gr_path_join(dir, "computed.md");
    FILE *f = fopen(path, "r");
    char line[2048];
    int section = 0, found = 0;
    size_t nl = strlen(name);
    free(dir);
    free(path);
    *figure = NULL;
    if (!f) return 0;
    while (!found && fgets(line, sizeof line, f)) {
        if (strncmp(line, "## ", 3) == 0) {
            section = strncmp(line, "## 3.", 5) == 0 ? 3 : strstr(line, "Names people type") ? 6 : 0;
            continue;
        }
        if (section == 3 && strncmp(line, "| ", 2) == 0 && strncmp(line + 2, name, nl) == 0 &&
            line[2 + nl] == ' ') {
            found = 1;
            *figure = gr_strdup(name);
        } else if (section == 6 && strncmp(line, "- `", 3) == 0 && strncmp(line + 3, name, nl) == 0 &&
                   line[3 + nl] == '`') {
            const char *p = strstr(line + 3 + nl, "→ ");
            found = 1;
            *figure = p ? gr_strndup(p + 4, strcspn(p + 4, "\n")) : gr_strdup(name);
        }
    }
    fclose(f);
    return found;
}

/* `v` in the letters the lists use: full-width letters and digits to
 * half-width, lower case to upper, spaces dropped, a Roman "I" after a
 * letter to 1 (004 prints 「DI組/EI組」). With `guess`, also what people
 * mistype for a group: the heavenly stems 甲乙丙丁戊 for A–E (「乙群」),
 * 一/二 after a letter for 1/2 (「D一組」). Newly allocated. */
static char *group_letters(const char *v, int guess)
{
    static const char *const stems[] = { "甲", "乙", "丙", "丁", "戊" };
    gr_buf b;
    const unsigned char *p;
    int fw;
    char *h = halfwidth(v, &fw), *norm;
    gr_buf_init(&b);
    for (p = (const unsigned char *)h; *p; p++) {
        int after_letter = b.len > 0 && b.data[b.len - 1] >= 'A' && b.data[b.len - 1] <= 'Z';
        size_t k;
        for (k = 0; guess && k < 5; k++)
            if (strncmp((const char *)p, stems[k], 3) == 0) break;
        if (guess && k < 5) {
            gr_buf_addc(&b, 'A' + (int)k);
            p += 2;
        } else if (guess && after_letter && strncmp((const char *)p, "一", 3) == 0) {
            gr_buf_addc(&b, '1');
            p += 2;
        } else if (guess && after_letter && strncmp((const char *)p, "二", 3) == 0) {
            gr_buf_addc(&b, '2');
            p += 2;
        } else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0xA1 && p[2] <= 0xBA) {    /* Ａ-Ｚ */
            gr_buf_addc(&b, 'A' + (p[2] - 0xA1));
            p += 2;
        } else if (p[0] == 0xEF && p[1] == 0xBD && p[2] >= 0x81 && p[2] <= 0x9A) { /* ａ-ｚ */
            gr_buf_addc(&b, 'A' + (p[2] - 0x81));
            p += 2;
        } else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            continue;
        } else if (*p >= 'a' && *p <= 'z') {
            gr_buf_addc(&b, *p - 'a' + 'A');
        } else if (*p == 'I' && after_letter) {
            gr_buf_addc(&b, '1');                              /* DI -> D1 */
        } else {
            gr_buf_addc(&b, *p);
        }
    }
    free(h);
    norm = gr_strdup(gr_buf_cstr(&b));
    gr_buf_free(&b);
    return norm;
}

/* The one listed value `norm` is, or stands for when it is a code
 * (letters and digits: 「B」「D1」) and the listed value is that code with
 * a classifier after it (「B群」「D1組」; 「主」 is not 「主秘」). NULL when
 * no single listed value matches. */
static char *match_listed(const char *list, const char *norm)
{
    char *hit = NULL;
    const char *q;
    int n = 0;
    int code = norm[0] && strspn(norm, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == strlen(norm);
    for (q = list; q && *q;) {
        const char *e = strstr(q, "、");
        size_t len = e ? (size_t)(e - q) : strlen(q), nl = strlen(norm);
        uint32_t cp;
        int same = len == nl && strncmp(q, norm, nl) == 0;
        int short_form = len > nl && nl > 0 && code && strncmp(q, norm, nl) == 0 &&
                         gr_utf8_decode(q + nl, len - nl, &cp) == (int)(len - nl) && cp >= 0x3000;
        if (same || short_form) {
            n++;
            free(hit);
            hit = gr_strndup(q, len);
            if (same) { n = 1; break; }
        }
        q = e ? e + 3 : NULL;
    }
    if (n != 1) { free(hit); return NULL; }
    return hit;
}

/* The listed value that `v` spells the way the forms and people write it:
 * full-width letters and digits, lower case, a Roman "I" for 1 (004 prints
 * 「DI組/EI組」), spaces, or a code without the classifier that ends the
 * listed value (「B」 for 「B群」, 「D1」 for 「D1組」). Newly allocated, or NULL when no
 * single listed value matches. `list` is 、-separated (the schema's). */
char *gr_listed_spelling(const char *list, const char *v)
{
    char *norm = group_letters(v, 0), *hit = match_listed(list, norm);
    free(norm);
    return hit;
}

/* What a value that is not listed (nor a spelling gr_listed_spelling
 * accepts) was likely meant to be, to suggest, never to apply: the
 * heavenly stems for letters (「乙群」→「B群」, 「丁1組」→「D1組」), 一/二
 * for digits (「D一組」), the other classifier (「B組」→「B群」, 「D1群」→
 * 「D1組」). Newly allocated, or NULL. */
char *gr_listed_guess(const char *list, const char *v)
{
    char *norm = group_letters(v, 1), *hit = match_listed(list, norm);
    size_t n = strlen(norm);
    if (!hit && n > 3 && (strcmp(norm + n - 3, "群") == 0 || strcmp(norm + n - 3, "組") == 0)) {
        norm[n - 3] = 0;                                /* the code alone */
        hit = match_listed(list, norm);
    }
    free(norm);
    return hit;
}
