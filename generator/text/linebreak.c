/* linebreak.c — owns line-break opportunities: ICU's line-break iterator
 * for zh_TW (strict) over a paragraph's UTF-16 text, tailored by the CLREQ
 * "basic" rules (no line starts with closing punctuation, none ends with
 * opening punctuation, ——/…… never split, no break inside a Latin word or
 * number, none between a number and its unit: 2,526人次, 近 10 年), plus
 * the last-resort character boundaries, and in short texts (headers,
 * labels) the boundaries between words from ICU's dictionary-based word
 * iterator (改善|經費|（元）), which para.c prefers to other breaks there.
 */
#include "linebreak.h"
#include "../util/gr.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <stdlib.h>
#include <string.h>

struct gr_linebreaker {
    UBreakIterator *bi;
    UBreakIterator *wi;        /* zh_TW words, opened on first use; NULL if
                                  ICU cannot give one */
    int wi_tried;
};

gr_linebreaker *gr_linebreaker_new(void)
{
    static const UChar dummy[1] = { 0x20 };
    static const char *const locales[] = { "zh_TW@lb=strict", "zh_TW", "root" };
    for (size_t i = 0; i < sizeof locales / sizeof *locales; i++) {
        UErrorCode st = U_ZERO_ERROR;
        UBreakIterator *bi = ubrk_open(UBRK_LINE, locales[i], dummy, 1, &st);
        if (U_SUCCESS(st) && bi) {
            gr_linebreaker *lb = gr_malloc(sizeof *lb);
            lb->bi = bi;
            lb->wi = NULL;
            lb->wi_tried = 0;
            return lb;
        }
        if (bi) ubrk_close(bi);
    }
    return NULL;
}

void gr_linebreaker_free(gr_linebreaker *lb)
{
    if (!lb) return;
    ubrk_close(lb->bi);
    if (lb->wi) ubrk_close(lb->wi);
    free(lb);
}

/* ---- CLREQ character classes ------------------------------------------- */

int gr_lb_start_prohibited(uint32_t cp)
{
    switch (cp) {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF1A:   /* 、。，．： */
    case 0xFF1B: case 0xFF1F: case 0xFF01: case 0xFF09: case 0x300D:   /* ；？！）」 */
    case 0x300F: case 0x3011: case 0x3015: case 0x3009: case 0x300B:   /* 』】〕〉》 */
    case 0xFE5E: case 0xFE5A: case 0xFE5C: case 0x2019: case 0x201D:   /* ﹞﹚﹜’” */
    case 0xFF3D: case 0xFF5D: case 0x3017: case 0x3019: case 0x301B:   /* ］｝〗〙〛 */
    case 0xFF60: case 0xFF63: case 0x301E: case 0x301F: case 0xFF64:   /* ｠｣〞〟､ */
    case 0xFF61: case 0x00BB: case 0x203A: case 0x2030: case 0x2031:   /* ｡»›‰‱ */
    case 0x2103: case 0x2109: case 0x00B0: case 0xFF05: case 0x2032:   /* ℃℉°％′ */
    case 0x2033: case 0x203C: case 0x2047: case 0x2048: case 0x2049:   /* ″‼⁇⁈⁉ */
    case 0x3005: case 0x303B: case 0x309D: case 0x309E: case 0x30FD:   /* iteration */
    case 0x30FE: case 0x30FC:
    case ')': case ']': case '}': case ',': case '.': case ':': case ';':
    case '?': case '!': case '%':
        return 1;
    default:
        break;
    }
    if (cp >= 0xFE10 && cp <= 0xFE19) return 1;   /* vertical-form commas etc. */
    if (cp >= 0xFE50 && cp <= 0xFE57) return 1;   /* small ﹐﹑﹒﹔﹕﹖﹗ */
    return 0;
}

int gr_lb_end_prohibited(uint32_t cp)
{
    switch (cp) {
    case 0xFF08: case 0x300C: case 0x300E: case 0x3010: case 0x3014:   /* （「『【〔 */
    case 0x3008: case 0x300A: case 0xFE5D: case 0xFE59: case 0xFE5B:   /* 〈《﹝﹙﹛ */
    case 0x2018: case 0x201C: case 0xFF3B: case 0xFF5B: case 0x3016:   /* ‘“［｛〖 */
    case 0x3018: case 0x301A: case 0xFF5F: case 0xFF62: case 0x301D:   /* 〘〚｟｢〝 */
    case 0x00AB: case 0x2039:                                           /* «‹ */
    case '(': case '[': case '{':
        return 1;
    default:
        return 0;
    }
}

int gr_lb_inseparable(uint32_t cp)
{
    return cp == 0x2014 || cp == 0x2015 || cp == 0x2026 || cp == 0x22EF
        || cp == 0x2025 || cp == 0x2E3A || cp == 0x2E3B || cp == 0x2500;
}

/* Characters that never start a new grapheme (no break of any kind before
 * them). */
static int is_extender(uint32_t cp)
{
    if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
        || (cp >= 0xE0020 && cp <= 0xE007F) || (cp >= 0x1F3FB && cp <= 0x1F3FF))
        return 1;
    int8_t t = u_charType((UChar32)cp);
    return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK;
}

static int is_space(uint32_t cp)
{
    return cp == 0x20 || cp == 0x3000 || cp == 0x09;
}

/* Closer to the CJK world than the Latin one, for the fallback rules. */
static int is_cjk_breakable(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF)
        || (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0xF0000 && cp <= 0x10FFFF);
}

/* A counter or unit that follows a number (5,820,000元, 93人次, 112年,
 * 3小時, 22.12%; any Han character after a digit counts, also after a
 * space: 「近 10 年」): no break between the number and it. */
static int is_unit_after_number(uint32_t cp)
{
    static const char units[] =
        "元人年月日時分秒歲件次場位名班萬億千百個項篇類組頁週天小期屆案份張倍成";
    const char *u = units;
    if (cp == '%' || cp == 0xFF05 || cp == 0x2030) return 1;
    while (*u) {
        uint32_t c;
        int n = gr_utf8_decode(u, strlen(u), &c);
        if (n <= 0) break;
        if (c == cp) return 1;
        u += n;
    }
    return 0;
}

/* A Han character: a counter after a number is one (2,931通, 48班). */
static int is_han_char(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

static int is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* A footnote reference mark (* ＊): right after a word or a closing
 * bracket (「☑多元形式*」, 「主計處列管*」, 「（幾項）*」) it belongs to
 * that word and never starts a line; after 。 or a space it starts a note
 * and may. */
static int is_footnote_mark(uint32_t cp)
{
    return cp == '*' || cp == 0xFF0A;
}

/* ---- finding opportunities ------------------------------------------- */

/* ICU 72 (UAX #14 before 15.1) never breaks next to the ambiguous quotes
 * ‘ ’ “ ” (class QU). In Chinese text they are wide brackets: allow a break
 * before an opening one after a CJK character, and after a closing one
 * before a CJK character (what UAX #14 15.1 rule LB19a does). */
static int quote_break(uint32_t prev, uint32_t c)
{
    if ((c == 0x2018 || c == 0x201C) && is_cjk_breakable(prev)) return 1;
    if ((prev == 0x2019 || prev == 0x201D) && is_cjk_breakable(c)) return 1;
    return 0;
}

static uint32_t cp_at(const uint16_t *t, size_t len, size_t i, size_t *next)
{
    uint32_t c = t[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < len && t[i + 1] >= 0xDC00 && t[i + 1] <= 0xDFFF) {
        *next = i + 2;
        return 0x10000 + ((c - 0xD800) << 10) + (t[i + 1] - 0xDC00);
    }
    *next = i + 1;
    return c;
}

/* ICU's opportunities (GR_LB_ALLOW / GR_LB_HARD) into flags. */
static int icu_breaks(gr_linebreaker *lb, const uint16_t *text, size_t len,
                      unsigned char *flags)
{
    if (!lb || len > 0x7fffffff) return 0;
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(lb->bi, (const UChar *)text, (int32_t)len, &st);
    if (U_FAILURE(st)) return 0;
    ubrk_first(lb->bi);
    for (int32_t b = ubrk_next(lb->bi); b != UBRK_DONE; b = ubrk_next(lb->bi)) {
        if ((size_t)b >= len) break;
        int32_t status = ubrk_getRuleStatus(lb->bi);
        flags[b] = GR_LB_ALLOW;
        if (status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT) flags[b] |= GR_LB_HARD;
    }
    /* leave ICU pointing at static data, not at the caller's buffer */
    static const UChar dummy[1] = { 0x20 };
    st = U_ZERO_ERROR;
    ubrk_setText(lb->bi, dummy, 1, &st);
    return 1;
}

/* Simple opportunities when ICU is not available: after spaces, around CJK
 * characters. */
static void simple_breaks(const uint16_t *text, size_t len, unsigned char *flags)
{
    uint32_t prev = 0;
    for (size_t i = 0, next; i < len; i = next) {
        uint32_t c = cp_at(text, len, i, &next);
        if (i > 0 && !is_space(c)
            && (is_space(prev) || is_cjk_breakable(prev) || is_cjk_breakable(c)))
            flags[i] = GR_LB_ALLOW;
        if (i > 0 && (prev == 0x2028 || prev == 0x2029)) flags[i] = GR_LB_ALLOW | GR_LB_HARD;
        prev = c;
    }
}

/* Web addresses (http://, https://, www.): a break is allowed after
 * / . - ? & = and _ inside them (never before, never inside "//"), and
 * inside a long token (long_url_segment), no hyphen added; ICU alone keeps
 * a long query string whole. An address ends at a space, a CJK character
 * or the end of the text. */
static int ascii_at(const uint16_t *t, size_t len, size_t i, const char *s)
{
    size_t k;
    for (k = 0; s[k]; k++)
        if (i + k >= len || t[i + k] != (unsigned char)s[k]) return 0;
    return 1;
}

/* A segment of an address with no separator for more than
 * GR_URL_SEGMENT characters (a token: 「&s=9A8B…」, 「pfbid02xYz…」) may
 * break between any two of its characters (GR_LB_TOKEN: para.c ends a
 * line there only to fill it to the measure, so the token does not go
 * down whole leaving the line before it half empty or spread); between
 * two digits only inside a run that has letters too (a hex token, not a
 * number: 「0123 / 4567ABCD」). */
#define GR_URL_SEGMENT 12

static int ascii_digit(uint16_t c) { return c >= '0' && c <= '9'; }
static int ascii_alnum(uint16_t c)
{
    return ascii_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* 1 if the run of ASCII letters and digits around the boundary before
 * text[k] (within [s, e)) has a letter. */
static int run_has_letter(const uint16_t *text, size_t s, size_t e, size_t k)
{
    size_t a = k, b = k;
    while (a > s && ascii_alnum(text[a - 1])) a--;
    while (b < e && ascii_alnum(text[b])) b++;
    for (size_t i = a; i < b; i++)
        if (!ascii_digit(text[i])) return 1;
    return 0;
}

/* 1 if a break before text[k] would fall inside a %-escape (%E6: after
 * the 「%」 or its first digit); s is where the segment starts. */
static int in_escape(const uint16_t *text, size_t s, size_t k)
{
    return text[k - 1] == '%' || (k >= s + 2 && text[k - 2] == '%');
}

/* Breaks inside the token text[s, e) (no separator in it), each leaving
 * two of its characters or more on either side (「…ABCDEF012345678 / 9），」
 * carries one character alone: T5). */
static void long_url_segment(const uint16_t *text, size_t s, size_t e, unsigned char *flags)
{
    if (e - s <= GR_URL_SEGMENT) return;
    for (size_t k = s + 2; k + 1 < e; k++) {
        if (flags[k] & GR_LB_ALLOW) continue;           /* already a better one */
        if (ascii_digit(text[k - 1]) && ascii_digit(text[k]) && !run_has_letter(text, s, e, k))
            continue;
        if ((!gr_lb_start_prohibited(text[k]) || text[k] == '%') &&   /* %E6 starts an escape */
            !gr_lb_end_prohibited(text[k - 1]) && !in_escape(text, s, k))
            flags[k] |= GR_LB_ALLOW | GR_LB_CHAR | GR_LB_TOKEN;
    }
}

static void url_breaks(const uint16_t *text, size_t len, unsigned char *flags)
{
    size_t i = 0;
    const unsigned char any = GR_LB_ALLOW | GR_LB_CHAR | GR_LB_LATE | GR_LB_TOKEN;
    while (i < len) {
        size_t e;
        if (!(ascii_at(text, len, i, "http://") || ascii_at(text, len, i, "https://") ||
              ascii_at(text, len, i, "www."))) { i++; continue; }
        size_t seg = i + (ascii_at(text, len, i, "http://") ? 7 : ascii_at(text, len, i, "https://") ? 8 : 0);
        size_t host = seg;     /* after the scheme */
        for (e = i; e < len && text[e] > 0x20 && text[e] < 0x7F; e++) ;
        for (size_t k = i + 1; k + 1 < e; k++) {
            uint16_t c = text[k - 1], n = text[k];
            if ((c == '/' || c == '.' || c == '-' || c == '?' || c == '&' || c == '=' || c == '_') &&
                n != '/' && !(c == '/' && k >= 2 && text[k - 2] == '/')) {
                /* after 「_」 only when no better break fits (LATE) */
                if (c == '_' && !(flags[k] & GR_LB_ALLOW)) flags[k] |= GR_LB_LATE;
                flags[k] |= GR_LB_ALLOW | GR_LB_CHAR;
                if (k - 1 > seg) long_url_segment(text, seg, k - 1, flags);   /* the token before c */
                seg = k > seg ? k : seg;
            }
        }
        if (e > seg) long_url_segment(text, seg, e, flags);
        /* the scheme stays with the host: never 「https:// / i.win…」, nor
           inside a %-escape (「%E5% / 88%A5」) */
        if (host > i && host < e) flags[host] &= (unsigned char)~any;
        for (size_t k = i + 1; k < e; k++)
            if (in_escape(text, i, k)) flags[k] &= (unsigned char)~any;
        i = e;
    }
}

/* Word boundaries (GR_LB_WORD) of a short text from ICU's word iterator
 * (its CJK dictionary segments Han text: 改善|經費, 主任|秘書, 電子|票證|
 * 刷卡|人次). */
static void word_breaks(gr_linebreaker *lb, const uint16_t *text, size_t len,
                        unsigned char *flags)
{
    static const UChar dummy[1] = { 0x20 };
    UErrorCode st = U_ZERO_ERROR;
    if (!lb) return;
    if (!lb->wi_tried) {
        lb->wi_tried = 1;
        lb->wi = ubrk_open(UBRK_WORD, "zh_TW", dummy, 1, &st);
        if (U_FAILURE(st)) {
            if (lb->wi) ubrk_close(lb->wi);
            lb->wi = NULL;
        }
    }
    if (!lb->wi) return;
    st = U_ZERO_ERROR;
    ubrk_setText(lb->wi, (const UChar *)text, (int32_t)len, &st);
    if (U_SUCCESS(st)) {
        ubrk_first(lb->wi);
        for (int32_t b = ubrk_next(lb->wi); b != UBRK_DONE && (size_t)b < len; b = ubrk_next(lb->wi))
            flags[b] |= GR_LB_WORD;
    }
    st = U_ZERO_ERROR;
    ubrk_setText(lb->wi, dummy, 1, &st);
}

void gr_linebreak_find(gr_linebreaker *lb, const uint16_t *text, size_t len,
                       unsigned char *flags)
{
    for (size_t i = 0; i <= len; i++) flags[i] = 0;
    if (len == 0) return;
    if (!icu_breaks(lb, text, len, flags)) simple_breaks(text, len, flags);

    /* Tailor: walk code points with the previous one and the previous
     * non-space one at hand. */
    uint32_t prev = 0, prev_ns = 0;
    for (size_t i = 0, next; i < len; i = next) {
        uint32_t c = cp_at(text, len, i, &next);
        for (size_t k = i + 1; k < next; k++) flags[k] = 0;   /* inside a pair */
        if (i > 0) {
            int hard = flags[i] & GR_LB_HARD;
            int ok = !is_extender(c) && prev != 0x200D;
            if (ok && !hard) {
                ok = !gr_lb_start_prohibited(c) && !gr_lb_end_prohibited(prev_ns)
                  && !(gr_lb_inseparable(prev) && gr_lb_inseparable(c))
                  && !(is_digit(prev) && (is_unit_after_number(c) || is_han_char(c)))
                  && !(is_space(prev) && is_digit(prev_ns) && is_han_char(c))
                  && !(is_footnote_mark(c) && (is_han_char(prev) || gr_is_latin_alnum(prev) ||
                                               prev == 0xFF09 || prev == 0x300D || prev == ')'))
                  && !is_space(c);
            }
            unsigned char f = 0;
            if (ok || hard) f |= GR_LB_CHAR;
            if (hard) f |= GR_LB_ALLOW | GR_LB_HARD;
            else if (((flags[i] & GR_LB_ALLOW) || quote_break(prev_ns, c)) && ok
                     && !(gr_is_latin_alnum(prev) && gr_is_latin_alnum(c)))
                f |= GR_LB_ALLOW;
            flags[i] = f;
        }
        prev = c;
        if (!is_space(c)) prev_ns = c;
    }
    flags[len] = 0;
    url_breaks(text, len, flags);
    if (len <= GR_LB_WORD_TEXT) word_breaks(lb, text, len, flags);
}
