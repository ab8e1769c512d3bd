/* util.c — allocation that never returns NULL, growable byte buffers and the
 * arena used for everything that lives as long as a document. */
#include "gr.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

static void out_of_memory(size_t n) { gr_out_of_memory(n); }

void *gr_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) out_of_memory(n);
    return p;
}

void *gr_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) out_of_memory(n * size);
    return p;
}

void *gr_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) out_of_memory(n);
    return q;
}

char *gr_strdup(const char *s)
{
    return gr_strndup(s, strlen(s));
}

char *gr_strndup(const char *s, size_t n)
{
    char *d = gr_malloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

void *gr_grow(void *arr, size_t *cap, size_t need, size_t elem)
{
    size_t c = *cap;
    if (need <= c)
        return arr;
    if (c < 8) c = 8;
    while (c < need) {
        if (c > ((size_t)-1) / 4 / elem) out_of_memory(need * elem);
        c *= 2;
    }
    *cap = c;
    return gr_realloc(arr, c * elem);
}

/* ---- buffers ---- */

void gr_buf_init(gr_buf *b) { b->data = NULL; b->len = b->cap = 0; }

void gr_buf_free(gr_buf *b) { free(b->data); gr_buf_init(b); }

void gr_buf_reserve(gr_buf *b, size_t extra)
{
    b->data = gr_grow(b->data, &b->cap, b->len + extra + 1, 1);
}

void gr_buf_add(gr_buf *b, const void *p, size_t n)
{
    gr_buf_reserve(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void gr_buf_adds(gr_buf *b, const char *s) { gr_buf_add(b, s, strlen(s)); }

void gr_buf_addc(gr_buf *b, int c)
{
    gr_buf_reserve(b, 1);
    b->data[b->len++] = (unsigned char)c;
}

void gr_buf_printf(gr_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    int n;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        gr_buf_reserve(b, (size_t)n + 1);
        vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void gr_buf_add_real(gr_buf *b, double v, int decimals)
{
    /* by hand: content streams hold hundreds of thousands of numbers, and
       printf's floating-point path dominated the writer's time */
    static const double pow10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10 };
    char tmp[48], *e = tmp + sizeof tmp, *q = e;
    unsigned long long ip, fp, scale;
    int neg = 0, k;
    if (!isfinite(v)) v = 0;
    if (decimals < 0) decimals = 0;
    if (decimals > 10) decimals = 10;
    if (v < 0) { neg = 1; v = -v; }
    if (v >= 1e15) {                       /* outside PDF's range anyway */
        gr_buf_printf(b, "%s%.0f", neg ? "-" : "", v);
        return;
    }
    scale = (unsigned long long)pow10[decimals];
    fp = (unsigned long long)(v * (double)scale + 0.5);
    ip = fp / scale;
    fp %= scale;
    k = decimals;
    while (k > 0 && fp % 10 == 0) { fp /= 10; k--; }   /* trim zeros */
    if (k > 0) {
        while (k-- > 0) { *--q = (char)('0' + fp % 10); fp /= 10; }
        *--q = '.';
    }
    do { *--q = (char)('0' + ip % 10); ip /= 10; } while (ip);
    if (neg && !(q[0] == '0' && q + 1 == e)) *--q = '-';
    gr_buf_add(b, q, (size_t)(e - q));
}

const char *gr_buf_cstr(gr_buf *b)
{
    gr_buf_reserve(b, 1);
    b->data[b->len] = 0;
    return (const char *)b->data;
}

/* ---- arena ---- */

typedef struct gr_chunk {
    struct gr_chunk *next;
    size_t used, size;
    max_align_t data[];
} gr_chunk;

#define ARENA_CHUNK 65536

/* `spare`: chunks of a reset arena, used again before any new one */
struct gr_arena { gr_chunk *head, *spare; };

gr_arena *gr_arena_new(void) { return gr_calloc(1, sizeof(gr_arena)); }

static void free_chunks(gr_chunk *c)
{
    gr_chunk *n;
    for (; c; c = n) { n = c->next; free(c); }
}

void gr_arena_free(gr_arena *a)
{
    if (!a) return;
    free_chunks(a->head);
    free_chunks(a->spare);
    free(a);
}

void gr_arena_reset(gr_arena *a)
{
    gr_chunk *c, *n;
    if (!a) return;
    for (c = a->head; c; c = n) {
        n = c->next;
        if (c->size != ARENA_CHUNK) {   /* one large allocation */
            free(c);
            continue;
        }
        c->used = 0;
        c->next = a->spare;
        a->spare = c;
    }
    a->head = NULL;
}

void *gr_arena_alloc(gr_arena *a, size_t n)
{
    gr_chunk *c = a->head;
    void *p;
    n = (n + 15) & ~(size_t)15;
    if (!c || c->size - c->used < n) {
        if (n <= ARENA_CHUNK && a->spare) {
            c = a->spare;
            a->spare = c->next;
        } else {
            size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
            c = gr_malloc(sizeof(gr_chunk) + size);
            c->size = size;
            c->used = 0;
        }
        c->next = a->head;
        a->head = c;
    }
    p = (char *)c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

char *gr_arena_strndup(gr_arena *a, const char *s, size_t n)
{
    char *d = gr_arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *gr_arena_strdup(gr_arena *a, const char *s)
{
    return gr_arena_strndup(a, s, strlen(s));
}
