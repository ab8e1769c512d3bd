/* json.c — writing JSON for the browser pages (server.h): strings escaped
 * so that the text can never end a <script> or start markup, invalid UTF-8
 * replaced. The pages send plain values (query arguments, raw bodies), so
 * no JSON is ever parsed in C. */
#include "server.h"
#include <stdint.h>
#include <string.h>

void gr_json_strn(gr_buf *b, const char *s, size_t n)
{
    size_t i = 0;
    if (!s) {
        gr_buf_adds(b, "null");
        return;
    }
    gr_buf_addc(b, '"');
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x80) {
            switch (ch) {
            case '"': gr_buf_adds(b, "\\\""); break;
            case '\\': gr_buf_adds(b, "\\\\"); break;
            case '\n': gr_buf_adds(b, "\\n"); break;
            case '\r': gr_buf_adds(b, "\\r"); break;
            case '\t': gr_buf_adds(b, "\\t"); break;
            case '<': case '>': case '&': gr_buf_printf(b, "\\u%04x", ch); break;
            default:
                if (ch < 0x20 || ch == 0x7f) gr_buf_printf(b, "\\u%04x", ch);
                else gr_buf_addc(b, ch);
            }
            i++;
        } else {
            uint32_t cp;
            int k = gr_utf8_decode(s + i, n - i, &cp);
            char out[4];
            if (cp == 0x2028 || cp == 0x2029) gr_buf_printf(b, "\\u%04x", (unsigned)cp);
            else gr_buf_add(b, out, (size_t)gr_utf8_encode(cp, out));
            i += (size_t)k;
        }
    }
    gr_buf_addc(b, '"');
}

void gr_json_str(gr_buf *b, const char *s)
{
    gr_json_strn(b, s, s ? strlen(s) : 0);
}

void gr_json_key(gr_buf *b, const char *key)
{
    gr_json_str(b, key);
    gr_buf_addc(b, ':');
}
