/* mem.c — the memory budget of a run and the one way out of memory ends.
 *
 * The budget (--max-memory, default GR_DEFAULT_MAX_MEMORY_MIB) is enforced
 * by the kernel as RLIMIT_DATA, which counts every heap and private mapping
 * of the process — ours and every library's, including those that cannot
 * be given an allocator (HarfBuzz, fontconfig, FreeType inside fontconfig,
 * libpng). A lower limit already set by the user (ulimit -d / -v) is kept.
 * The libraries that accept an allocator allocate through the functions
 * here: libxml2 and libxslt (xmlMemSetup), ICU (u_setMemoryFunctions),
 * libharu (HPDF_NewEx with gr_hpdf_alloc/free) and gr_malloc & co. When any
 * of them is refused memory, gr_out_of_memory prints one message, removes
 * any temporary output file and exits with status 2 — nothing prints
 * library noise, nothing aborts, nothing half-written stays.
 * HarfBuzz and fontconfig handle a failed allocation their own way
 * (HarfBuzz: an empty result; fontconfig may abort): their work is kept
 * small (fonts are mapped once, shaping is per paragraph). docs/limits in
 * README lists which library does what.
 *
 * The state here is process-wide by nature: allocator hooks receive no
 * context. It is set at start-up (gr_mem_init) and again when the command
 * line gives --max-memory (cli/opts.c), and read afterwards. */
#define _GNU_SOURCE     /* madvise's MADV_HUGEPAGE */
#include "gr.h"
#include "msg.h"
#include <libxml/xmlmemory.h>
#include <unicode/uclean.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <stdint.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define GR_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GR_UNDER_ASAN 1
#endif
#endif

static size_t budget_mib = GR_DEFAULT_MAX_MEMORY_MIB;
static size_t effective_mib = GR_DEFAULT_MAX_MEMORY_MIB;  /* with the user's ulimits */

void gr_out_of_memory(size_t n)
{
    char msg[400];
    int len = snprintf(msg, sizeof msg, "gereport: %s %s: ", GR_TEXT(CLASS_ERROR)), k;
    /* no allocation here: the texts are the table's arrays */
    if (len > 0 && (size_t)len < sizeof msg &&
        (k = snprintf(msg + len, sizeof msg - (size_t)len, gr_msg_zh_OUT_OF_MEMORY, effective_mib, n)) > 0)
        len += k;
    if (len > 0 && (size_t)len < sizeof msg &&
        (k = snprintf(msg + len, sizeof msg - (size_t)len, " (")) > 0)
        len += k;
    if (len > 0 && (size_t)len < sizeof msg &&
        (k = snprintf(msg + len, sizeof msg - (size_t)len, gr_msg_en_OUT_OF_MEMORY, effective_mib, n)) > 0)
        len += k;
    if (len > 0 && (size_t)len < sizeof msg &&
        (k = snprintf(msg + len, sizeof msg - (size_t)len, ")\n")) > 0)
        len += k;
    gr_remove_pending_outputs();
    if (len > 0) {
        ssize_t w = write(2, msg, (size_t)len < sizeof msg ? (size_t)len : sizeof msg - 1);
        (void)w;
    }
    _exit(GR_ESYS);
}

/* ---- hooks ------------------------------------------------------------ */

static void *hook_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) gr_out_of_memory(n);
    return p;
}

static void *hook_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) gr_out_of_memory(n);
    return q;
}

static char *hook_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = hook_malloc(n);
    memcpy(d, s, n);
    return d;
}

static void *U_CALLCONV icu_alloc(const void *ctx, size_t n)
{
    (void)ctx;
    return hook_malloc(n);
}

static void *U_CALLCONV icu_realloc(const void *ctx, void *p, size_t n)
{
    (void)ctx;
    return hook_realloc(p, n);
}

static void U_CALLCONV icu_free(const void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

void *gr_lib_alloc(size_t n) { return hook_malloc(n); }
void gr_lib_free(void *p) { free(p); }

size_t gr_mem_budget_mib(void) { return budget_mib; }

/* The user's own RLIMIT_DATA, read once before the budget first lowers it:
 * a later gr_mem_init (the verb's --max-memory) starts again from it, so a
 * budget above the default can still be given. */
static struct rlimit user_data_limit;
static int hooks_set;

#define HEAP_HUGE_MIB 30     /* below the mmap threshold set in gr_mem_init */
#define HUGE_PAGE     ((uintptr_t)2 << 20)

/* The first HEAP_HUGE_MIB of the heap in 2 MiB pages. On the virtual
   machines gereport runs on, a page fault is dear (a 13-page render took
   some 2,300, an eighth of its cpu), and every fresh 4 KiB page of the
   heap is one: the font subset's buffers, the parsed FO, the pages' boxes.
   So the heap is grown once by that much (a block allocated and freed at
   once: it stays at the top, M_TRIM_THRESHOLD) and the kernel is asked
   for huge pages there (MADV_HUGEPAGE: the system setting is usually
   "madvise"): one fault then brings 2 MiB. Nothing is touched here; a huge
   page is taken only where the heap is used, so the peak grows by less
   than one per 2 MiB used (form.fo: 19.4 -> 23.6 MiB; the cpu 21% less).
   Where the kernel has no huge page to give, or ignores the advice, the
   heap is what it was. Allocations past it are ordinary pages.
   A huge page starts at a multiple of 2 MiB, and the heap does not: the
   room between the block and the first such boundary (up to 2 MiB, on
   average 1, some 250 ordinary faults) is held by a block never freed nor
   touched, so that the allocations after it start in the huge pages. */
/* held for the whole run, never touched; volatile, or the compiler drops
   the store and with it the allocation */
static void *volatile heap_plug;

static void heap_huge_pages(void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE) && !defined(GR_UNDER_ASAN)
    size_t n = (size_t)HEAP_HUGE_MIB << 20;
    char *p = malloc(n);
    uintptr_t from, to;
    if (!p) return;
    from = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    to = ((uintptr_t)p + n) & ~(HUGE_PAGE - 1);
    if (to <= from || madvise((void *)from, to - from, MADV_HUGEPAGE) != 0) {
        free(p);
        return;
    }
    free(p);
    /* the top of the heap starts at p again: a block up to the boundary
       (less the next block's header) places the next one past it */
    if (from - (uintptr_t)p > 4 * sizeof(size_t))
        heap_plug = malloc(from - (uintptr_t)p - 2 * sizeof(size_t));
#endif
}

int gr_mem_init(size_t mib)
{
    UErrorCode st = U_ZERO_ERROR;
    if (mib) budget_mib = mib;
#ifdef __GLIBC__
    /* Memory freed at the top of the heap is kept (up to 64 MiB) for the
       next use instead of being handed back and faulted in again: a long
       render frees and reuses each page-sequence's FO, boxes and display
       lists in turn (report/typeset.h), and trimming after each cost some
       15 % of its cpu in page faults. The peak stays what it was.
       Setting it also fixes glibc's threshold for serving a block with its
       own mapping at 128 KiB (it would otherwise rise as such blocks are
       freed), and each such block is unmapped when freed and faulted in
       anew when the next is made: the font subset's buffers (the glyf
       copy, hb-subset's tables, the font program, its deflated form) are
       several of 1 MiB each. Blocks below 32 MiB come from the heap, whose
       freed pages the next block reuses. */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
    if (!hooks_set) {
        /* before any use of the libraries (ICU refuses them later) */
        hooks_set = 1;
        heap_huge_pages();
        xmlMemSetup(free, hook_malloc, hook_realloc, hook_strdup);
        u_setMemoryFunctions(NULL, icu_alloc, icu_realloc, icu_free, &st);
        if (getrlimit(RLIMIT_DATA, &user_data_limit) != 0)
            user_data_limit.rlim_cur = user_data_limit.rlim_max = RLIM_INFINITY;
    }
#ifndef GR_UNDER_ASAN   /* ASan's shadow memory would count against the limit */
    {
        struct rlimit rl = user_data_limit;
        rlim_t want = (rlim_t)budget_mib << 20;
        if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > want) {
            rl.rlim_cur = want;
            if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want) rl.rlim_cur = rl.rlim_max;
        }
        if (setrlimit(RLIMIT_DATA, &rl) != 0) return GR_ESYS;
    }
#endif
    {
        static const int res[] = { RLIMIT_DATA, RLIMIT_AS };
        struct rlimit rl;
        size_t i;
        effective_mib = budget_mib;
        for (i = 0; i < 2; i++)
            if (getrlimit(res[i], &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
                (rl.rlim_cur >> 20) < effective_mib)
                effective_mib = (size_t)(rl.rlim_cur >> 20);
    }
    return U_SUCCESS(st) ? GR_OK : GR_ESYS;
}
