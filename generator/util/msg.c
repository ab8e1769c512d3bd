/* msg.c — the message table (messages.def) and its one formatter: the
 * Chinese and English texts of an entry, filled with the same string
 * arguments, appended to two buffers or reported. */
#include "gr.h"
#include "msg.h"
#include <assert.h>
#include <stdarg.h>
#include <string.h>

static const struct { const char *zh, *en; } table[] = {
#define GR_MSG(id, zh, en) { zh, en },
#include "messages.def"
#undef GR_MSG
};

const char *gr_msg_zh(gr_msg_id id) { assert(id < GR_M_COUNT); return table[id].zh; }
const char *gr_msg_en(gr_msg_id id) { assert(id < GR_M_COUNT); return table[id].en; }

/* Only %s conversions (and %%) are allowed in the table: filled here from
 * an array, so a missing argument prints as "" instead of crashing. */
static void fill(gr_buf *b, const char *fmt, const char *const *arg, int n)
{
    int k = 0;
    const char *p;
    for (p = fmt; *p; p++) {
        if (p[0] == '%' && p[1] == 's') {
            gr_buf_adds(b, k < n && arg[k] ? arg[k] : "");
            k++;
            p++;
        } else if (p[0] == '%' && p[1] == '%') {
            gr_buf_addc(b, '%');
            p++;
        } else {
            gr_buf_addc(b, *p);
        }
    }
}

void gr_msg_append(gr_buf *zh, gr_buf *en, gr_msg_id id, int n, const char *const *args)
{
    fill(zh, gr_msg_zh(id), args, n);
    fill(en, gr_msg_en(id), args, n);
}

int gr_msg_report(gr_ctx *ctx, int is_error, const char *file, int line, gr_msg_id id,
                  int n, const char *const *args)
{
    gr_buf zh, en;
    gr_buf_init(&zh);
    gr_buf_init(&en);
    gr_msg_append(&zh, &en, id, n, args);
    if (is_error)
        gr_error(ctx, file, line, GR_TEXT(COMPOSED), gr_buf_cstr(&zh), gr_buf_cstr(&en));
    else
        gr_warn(ctx, file, line, GR_TEXT(COMPOSED), gr_buf_cstr(&zh), gr_buf_cstr(&en));
    gr_buf_free(&zh);
    gr_buf_free(&en);
    return is_error ? GR_EINPUT : GR_OK;
}
