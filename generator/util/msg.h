/* msg.h — the table of message texts (util/messages.def): one id per
 * mistake, each with a Traditional Chinese and an English text taking the
 * same string arguments (%s only). */
#ifndef GR_MSG_H
#define GR_MSG_H

#include "gr.h"

typedef enum {
#define GR_MSG(id, zh, en) GR_M_##id,
#include "messages.def"
#undef GR_MSG
    GR_M_COUNT
} gr_msg_id;

/* Each entry's two texts as arrays the compiler can see, so that
 *   gr_error(ctx, file, line, GR_TEXT(ID), args…)
 * is checked like a literal format (format(printf) on the reporting
 * functions): both texts against the arguments. */
#define GR_MSG(id, zh, en) \
    static const char gr_msg_zh_##id[] = zh; static const char gr_msg_en_##id[] = en;
#include "messages.def"
#undef GR_MSG
#define GR_TEXT(id) gr_msg_zh_##id, gr_msg_en_##id
/* The two texts of an entry chosen at run time (words that fill another
 * message through a %s%.0s / %.0s%s pair). */
#define GR_PAIR(id) gr_msg_zh(id), gr_msg_en(id)

/* A system error (an errno value) in both languages, for a %s%.0s / %.0s%s
 * pair of a table text: the common values have their own entries
 * (ERRNO_*), any other is 「系統錯誤 N（strerror）」. The result stays valid
 * until the next call in the same thread for an unlisted value. */
const char *gr_errno_zh(int e);
const char *gr_errno_en(int e);
#define GR_ERRNO(e) gr_errno_zh(e), gr_errno_en(e)

/* Append zh_fmt and en_fmt (GR_TEXT(ID)), filled with the same arguments,
 * to zh and en: a message built in parts. */
void gr_msg_bufs(gr_buf *zh, gr_buf *en, const char *zh_fmt, const char *en_fmt, ...)
    GR_PRINTF2(3, 4, 5);

const char *gr_msg_zh(gr_msg_id id);
const char *gr_msg_en(gr_msg_id id);
/* Append the entry's two texts, filled with args[0..n-1], to zh and en. */
void gr_msg_append(gr_buf *zh, gr_buf *en, gr_msg_id id, int n, const char *const *args);
/* Report the entry as an error (is_error) or a warning at file:line. */
int gr_msg_report(gr_ctx *ctx, int is_error, const char *file, int line, gr_msg_id id,
                  int n, const char *const *args);
#define GR_MSG_ARGS(...) (int)(sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(const char *)), \
                         (const char *const[]){ __VA_ARGS__ }

#endif
