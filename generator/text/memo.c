/* memo.c — a bounded memo of byte strings (memo.h): open addressing over
 * entries that each hold their key and value in one allocation. */
#include "memo.h"
#include "../util/gr.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    uint64_t hash;
    size_t klen, vlen;
    unsigned char bytes[];      /* key, then value */
} entry;

struct gr_memo {
    entry **slots;              /* power of two; NULL: empty */
    size_t nslots, n, bytes;
};

static uint64_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325u;           /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3u;
    }
    return h;
}

gr_memo *gr_memo_new(void)
{
    return gr_calloc(1, sizeof(gr_memo));
}

static void clear(gr_memo *m)
{
    for (size_t i = 0; i < m->nslots; i++) {
        free(m->slots[i]);
        m->slots[i] = NULL;
    }
    m->n = m->bytes = 0;
}

void gr_memo_free(gr_memo *m)
{
    if (!m) return;
    clear(m);
    free(m->slots);
    free(m);
}

const void *gr_memo_get(const gr_memo *m, const void *key, size_t klen, size_t *vlen)
{
    if (!m || m->nslots == 0) return NULL;
    uint64_t h = hash_bytes(key, klen);
    for (size_t i = (size_t)h & (m->nslots - 1);; i = (i + 1) & (m->nslots - 1)) {
        const entry *e = m->slots[i];
        if (!e) return NULL;
        if (e->hash == h && e->klen == klen && memcmp(e->bytes, key, klen) == 0) {
            *vlen = e->vlen;
            return e->bytes + klen;
        }
    }
}

static void insert(gr_memo *m, entry *e)
{
    size_t i = (size_t)e->hash & (m->nslots - 1);
    while (m->slots[i]) i = (i + 1) & (m->nslots - 1);
    m->slots[i] = e;
}

void gr_memo_put(gr_memo *m, const void *key, size_t klen, const void *val, size_t vlen)
{
    size_t size = sizeof(entry) + klen + vlen;
    if (!m || size > GR_MEMO_MAX_BYTES / 16) return;
    if (m->bytes + size > GR_MEMO_MAX_BYTES) clear(m);
    if ((m->n + 1) * 2 > m->nslots) {           /* load at most one half */
        size_t old = m->nslots;
        entry **was = m->slots;
        m->nslots = old ? old * 2 : 256;
        m->slots = gr_calloc(m->nslots, sizeof *m->slots);
        for (size_t i = 0; i < old; i++)
            if (was[i]) insert(m, was[i]);
        free(was);
    }
    entry *e = gr_malloc(size);
    e->hash = hash_bytes(key, klen);
    e->klen = klen;
    e->vlen = vlen;
    memcpy(e->bytes, key, klen);
    if (vlen) memcpy(e->bytes + klen, val, vlen);
    insert(m, e);
    m->n++;
    m->bytes += size;
    assert(m->n * 2 <= m->nslots);
}
