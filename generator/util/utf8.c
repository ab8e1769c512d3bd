/* utf8.c — decoding, encoding and validating UTF-8; which code points text
 * may not hold; clipping a user's value for a message. */
#include "gr.h"
#include <stdio.h>
#include <string.h>

int gr_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t c;
    int n, i;
    if (len == 0) { *cp = 0xFFFD; return 1; }
    c = s[0];
    if (c < 0x80) { *cp = c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) { n = 2; c &= 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; c &= 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; c &= 0x07; }
    else { *cp = 0xFFFD; return 1; }
    if ((size_t)n > len) { *cp = 0xFFFD; return 1; }
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return n;
}

int gr_utf8_encode(uint32_t c, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
    if (c < 0x80) { o[0] = (unsigned char)c; return 1; }
    if (c < 0x800) {
        o[0] = (unsigned char)(0xC0 | (c >> 6));
        o[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (c >> 12));
        o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (c >> 18));
    o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

int gr_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int n = gr_utf8_decode(s + i, len - i, &cp);
        if (cp == 0xFFFD && !(n == 3 && (unsigned char)s[i] == 0xEF))
            return 0;
        i += (size_t)n;
    }
    return 1;
}

int gr_cp_forbidden(uint32_t c)
{
    if (c < 0x20) return c != 0x09 && c != 0x0A && c != 0x0D;
    if (c >= 0x7F && c <= 0x9F) return 1;                 /* DEL, C1 */
    if (c == 0x200E || c == 0x200F) return 1;             /* LRM, RLM */
    if (c >= 0x202A && c <= 0x202E) return 1;             /* LRE…RLO */
    if (c >= 0x2066 && c <= 0x2069) return 1;             /* LRI…PDI */
    return 0;
}

/* 80 characters of up to 4 bytes, or 8 bytes when shown as <U+XXXX>, plus
 * the tail note. */
#define CLIP_BYTES (GR_CLIP_CHARS * 8 + 64)

const char *gr_clip(const char *s)
{
    static _Thread_local char ring[8][CLIP_BYTES];
    static _Thread_local unsigned next;
    char *out = ring[next++ % 8], *o = out;
    size_t len, i = 0, nchars = 0, shown = 0;
    if (!s) return "";
    len = strlen(s);
    while (i < len) {
        uint32_t cp;
        int n = gr_utf8_decode(s + i, len - i, &cp);
        if (shown < GR_CLIP_CHARS) {
            if (gr_cp_forbidden(cp) || cp == '\t' || cp == '\n' || cp == '\r')
                o += sprintf(o, "<U+%04X>", (unsigned)cp);
            else
                o += gr_utf8_encode(cp, o);
            shown++;
        }
        nchars++;
        i += (size_t)n;
    }
    if (nchars > shown)
        o += sprintf(o, "…（共 %zu 字 chars）", nchars);
    *o = 0;
    return out;
}
