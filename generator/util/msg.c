/* msg.c — the message table (messages.def) and its one formatter: the
 * Chinese and English texts of an entry, filled with the same string
 * arguments, appended to two buffers or reported; system errors (errno)
 * in both languages. */
#include "gr.h"
#include "msg.h"
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
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

/* The table entry of a common errno value, or GR_M_COUNT. */
static gr_msg_id errno_entry(int e)
{
    switch (e) {
    case ENOENT: return GR_M_ERRNO_ENOENT;
    case EACCES: return GR_M_ERRNO_EACCES;
    case EPERM: return GR_M_ERRNO_EPERM;
    case EISDIR: return GR_M_ERRNO_EISDIR;
    case ENOTDIR: return GR_M_ERRNO_ENOTDIR;
    case ENOSPC: return GR_M_ERRNO_ENOSPC;
#ifdef EDQUOT
    case EDQUOT: return GR_M_ERRNO_EDQUOT;
#endif
    case EROFS: return GR_M_ERRNO_EROFS;
    case ENAMETOOLONG: return GR_M_ERRNO_ENAMETOOLONG;
    case ELOOP: return GR_M_ERRNO_ELOOP;
    case EEXIST: return GR_M_ERRNO_EEXIST;
    case EMFILE: return GR_M_ERRNO_EMFILE;
    case ENFILE: return GR_M_ERRNO_ENFILE;
    case EIO: return GR_M_ERRNO_EIO;
    case EFBIG: return GR_M_ERRNO_EFBIG;
    case ENOMEM: return GR_M_ERRNO_ENOMEM;
    case EBUSY: return GR_M_ERRNO_EBUSY;
#ifdef ETXTBSY
    case ETXTBSY: return GR_M_ERRNO_ETXTBSY;
#endif
    case EXDEV: return GR_M_ERRNO_EXDEV;
    case EINVAL: return GR_M_ERRNO_EINVAL;
    case ENXIO: return GR_M_ERRNO_ENXIO;
    case ENODEV: return GR_M_ERRNO_ENODEV;
    case EAGAIN: return GR_M_ERRNO_EAGAIN;
    case EINTR: return GR_M_ERRNO_EINTR;
    case EPIPE: return GR_M_ERRNO_EPIPE;
#ifdef ESTALE
    case ESTALE: return GR_M_ERRNO_ESTALE;
#endif
    case ETIMEDOUT: return GR_M_ERRNO_ETIMEDOUT;
    default: return GR_M_COUNT;
    }
}

static const char *errno_text(int e, int en)
{
    static _Thread_local char buf[2][256];
    gr_msg_id id = errno_entry(e);
    char num[16];
    const char *args[2];
    gr_buf b;
    if (id != GR_M_COUNT) return en ? gr_msg_en(id) : gr_msg_zh(id);
    snprintf(num, sizeof num, "%d", e);
    args[0] = num;
    args[1] = strerror(e);
    gr_buf_init(&b);
    fill(&b, en ? gr_msg_en(GR_M_ERRNO_OTHER) : gr_msg_zh(GR_M_ERRNO_OTHER), args, 2);
    snprintf(buf[en], sizeof buf[en], "%s", gr_buf_cstr(&b));
    gr_buf_free(&b);
    return buf[en];
}

const char *gr_errno_zh(int e) { return errno_text(e, 0); }
const char *gr_errno_en(int e) { return errno_text(e, 1); }

void gr_msg_bufs(gr_buf *zh, gr_buf *en, const char *zh_fmt, const char *en_fmt, ...)
{
    va_list ap;
    char *t;
    int n;
    va_start(ap, en_fmt);
    n = vsnprintf(NULL, 0, zh_fmt, ap);
    va_end(ap);
    if (n > 0) {
        t = gr_malloc((size_t)n + 1);
        va_start(ap, en_fmt);
        vsnprintf(t, (size_t)n + 1, zh_fmt, ap);
        va_end(ap);
        gr_buf_add(zh, t, (size_t)n);
        free(t);
    }
    va_start(ap, en_fmt);
    n = vsnprintf(NULL, 0, en_fmt, ap);
    va_end(ap);
    if (n > 0) {
        t = gr_malloc((size_t)n + 1);
        va_start(ap, en_fmt);
        vsnprintf(t, (size_t)n + 1, en_fmt, ap);
        va_end(ap);
        gr_buf_add(en, t, (size_t)n);
        free(t);
    }
}
