/* linebreak.h — internal to generator/text: line-break opportunities of a
 * paragraph's UTF-16 text (ICU zh_TW, tailored by the CLREQ "basic" rules),
 * the character classes those rules use, and the per-fontset scratch objects
 * font.c keeps for para.c (a reusable ICU iterator and HarfBuzz buffer).
 */
#ifndef GR_LINEBREAK_H
#define GR_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>
#include <hb.h>
#include "font.h"

/* Flags per UTF-16 boundary; flags[i] concerns the boundary before text[i]
 * (i = 0..len). */
enum {
    GR_LB_ALLOW = 1,   /* an ordinary break opportunity */
    GR_LB_CHAR  = 2,   /* acceptable for a last-resort break inside a word:
                          not inside a surrogate pair, not against the CLREQ
                          prohibitions, not inside ——/…… */
    GR_LB_HARD  = 4,   /* ICU reports a mandatory break (after U+2028 …) */
    GR_LB_WORD  = 8,   /* a boundary between two words (ICU's word iterator,
                          dictionary-based for Han); found only in texts of
                          at most GR_LB_WORD_TEXT UTF-16 units */
    /* Lesser breaks inside a web address (set with GR_LB_ALLOW): a line
       ends there only when its better breaks would leave it short of the
       measure by more than its gaps may spread (para.c) */
    GR_LB_LATE  = 16,  /* after 「_」 (the good ones: after / . - ? & =) */
    GR_LB_TOKEN = 32   /* inside a long token (「&s=0123…ABCDEF」) */
};

/* A text this short (UTF-16 units) is a header or a label: its words are
 * found so that its lines break between them where they can. */
#define GR_LB_WORD_TEXT 24

typedef struct gr_linebreaker gr_linebreaker;

/* A reusable ICU line-break iterator (locale zh_TW@lb=strict, else zh_TW).
 * Returns NULL if ICU cannot give one; gr_linebreak_find then uses a simple
 * built-in rule set. Free with gr_linebreaker_free (NULL allowed). */
gr_linebreaker *gr_linebreaker_new(void);
void gr_linebreaker_free(gr_linebreaker *lb);

/* Fill flags[0..len] for text[0..len). lb may be NULL. flags[0] and
 * flags[len] are 0 (no break before the start, the end is implicit). */
void gr_linebreak_find(gr_linebreaker *lb, const uint16_t *text, size_t len,
                       unsigned char *flags);

/* CLREQ classes. */
int gr_lb_start_prohibited(uint32_t cp);   /* 、。，）」』 … closing quotes */
int gr_lb_end_prohibited(uint32_t cp);     /* （「『 … opening quotes */
int gr_lb_inseparable(uint32_t cp);        /* — ― … ⋯ ‥: never split a pair */

/* Scratch objects owned by the fontset a chain belongs to (font.c). Valid
 * until gr_fontset_free. The linebreaker may be NULL (see above). */
gr_linebreaker *gr_fontchain_linebreaker(const gr_fontchain *ch);
hb_buffer_t *gr_fontchain_hb_buffer(const gr_fontchain *ch);
/* The fontset's memo of shaped short paragraphs (memo.h), made on first use. */
struct gr_memo *gr_fontchain_memo(const gr_fontchain *ch);
/* A slot for para.c's spare working arrays: what para.c leaves there is
 * freed by free_fn (the first one given) in gr_fontset_free. */
void **gr_fontchain_para_spare(const gr_fontchain *ch, void (*free_fn)(void *));

#endif
