/* fontdeflate.c — bench tool: what deflating a report's largest embedded
 * font program costs at each libdeflate level, the one fixed cost of a
 * short report that grows with its text (the TW-Kai subset of the seed-004
 * report is ~900 KB of TrueType outlines):
 *   fontdeflate PDF LEVEL
 * finds the PDF's largest FontFile2 stream (the one with the greatest
 * /Length1), inflates it, and deflates it again at levels 1 to 6 and 9
 * (best of five, process cpu time), one line each:
 *   "fontdeflate: level L: BYTES bytes, MS ms, PDF P bytes"
 * where P is what the PDF's size would be with the font at that level,
 * after a first line "fontdeflate: raw BYTES", with "(gereport's)" after
 * LEVEL's line.
 * Exit 1 when the PDF has no such stream or it does not inflate, 2 on a
 * usage error. Reads only; the PDF is the one make bench just wrote. */
#define _POSIX_C_SOURCE 200809L
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (!f) return NULL;
    do {
        if (n == cap) {
            unsigned char *nb = realloc(buf, cap = cap ? 2 * cap : 1 << 20);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

/* The stream data after the dictionary holding `key` at k: the byte after
 * "stream" and its end-of-line. NULL if there is none before `end`. */
static const unsigned char *stream_data(const unsigned char *k, const unsigned char *end)
{
    static const char kw[] = "stream";
    for (const unsigned char *p = k; p + sizeof kw < end; p++)
        if (memcmp(p, kw, sizeof kw - 1) == 0 && p[-1] != 'd') {   /* not "endstream" */
            p += sizeof kw - 1;
            if (*p == '\r') p++;
            if (*p == '\n') p++;
            return p;
        }
    return NULL;
}

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    static const int levels[] = { 1, 2, 3, 4, 5, 6, 9 };
    static const char key[] = "/Length1 ";
    size_t len, best_len = 0, out_cap, got = 0, used = 0;
    unsigned char *pdf, *raw, *out;
    const unsigned char *best = NULL, *p;
    struct libdeflate_decompressor *d;
    int ours;

    if (argc != 3 || (ours = atoi(argv[2])) < 1 || ours > 12) {
        fprintf(stderr, "usage: fontdeflate PDF LEVEL\n");
        return 2;
    }
    if (!(pdf = slurp(argv[1], &len))) {
        perror(argv[1]);
        return 1;
    }
    for (p = pdf; p + sizeof key < pdf + len; p++) {
        if (memcmp(p, key, sizeof key - 1) != 0) continue;
        size_t n = strtoul((const char *)p + sizeof key - 1, NULL, 10);
        if (n > best_len && n < (size_t)1 << 30) {
            best_len = n;
            best = stream_data(p, pdf + len);
        }
    }
    if (!best || !(raw = malloc(best_len))) {
        fprintf(stderr, "fontdeflate: %s: no FontFile2 stream\n", argv[1]);
        return 1;
    }
    d = libdeflate_alloc_decompressor();
    if (!d || libdeflate_zlib_decompress_ex(d, best, (size_t)(pdf + len - best), raw, best_len,
                                            &used, &got) != LIBDEFLATE_SUCCESS
        || got != best_len) {
        fprintf(stderr, "fontdeflate: %s: the font program does not inflate to its /Length1\n",
                argv[1]);
        return 1;
    }
    libdeflate_free_decompressor(d);
    printf("fontdeflate: raw %zu\n", best_len);
    out_cap = libdeflate_zlib_compress_bound(NULL, best_len);
    if (!(out = malloc(out_cap))) return 1;
    for (size_t i = 0; i < sizeof levels / sizeof *levels; i++) {
        struct libdeflate_compressor *z = libdeflate_alloc_compressor(levels[i]);
        double fastest = 1e30;
        size_t n = 0;
        if (!z) return 1;
        for (int r = 0; r < 5; r++) {
            double t0 = cpu_ms();
            n = libdeflate_zlib_compress(z, raw, best_len, out, out_cap);
            double t = cpu_ms() - t0;
            if (t < fastest) fastest = t;
        }
        libdeflate_free_compressor(z);
        printf("fontdeflate: level %d: %zu bytes, %.1f ms, PDF %zu bytes%s\n", levels[i], n,
               fastest, len - used + n, levels[i] == ours ? " (gereport's)" : "");
    }
    free(out);
    free(raw);
    free(pdf);
    return 0;
}
