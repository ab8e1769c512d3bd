/* memo.h — internal to generator/text: a bounded memo of byte strings
 * (key → value), for para.c to keep the shaping of short paragraphs that
 * come back (table headings repeated on every page, 「是」「否」「0」 in
 * cells, running headers and footers). One memo per fontset (font.c keeps
 * it beside the other scratch objects); keys name faces by address, so a
 * memo must not outlive its fontset.
 *
 * Bounded: when an entry would take the total past GR_MEMO_MAX_BYTES, the
 * memo is emptied first (simple and deterministic: what is found never
 * depends on what was evicted, only whether it is found, and a hit gives
 * the same bytes the caller would compute).
 */
#ifndef GR_MEMO_H
#define GR_MEMO_H

#include <stddef.h>

#define GR_MEMO_MAX_BYTES (4u << 20)

typedef struct gr_memo gr_memo;

gr_memo *gr_memo_new(void);
void gr_memo_free(gr_memo *m);

/* The value stored under key[0..klen), or NULL; *vlen gets its length. The
 * pointer is valid until the next gr_memo_put. */
const void *gr_memo_get(const gr_memo *m, const void *key, size_t klen, size_t *vlen);

/* Store a copy of the value under a copy of the key (the key must not be
 * present). Entries larger than a sixteenth of the bound are not kept. */
void gr_memo_put(gr_memo *m, const void *key, size_t klen, const void *val, size_t vlen);

#endif
