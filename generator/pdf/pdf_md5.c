/* pdf_md5.c — MD5 (RFC 1321) for the PDF writer's file ID (pdf_pdfa.c),
 * fed piece by piece as the file is written. The same digest as libharu's
 * HPDF_MD5 (the ID of a given file is unchanged), at about half the
 * instructions: whole blocks are taken straight from the caller's bytes
 * instead of being copied one byte at a time into a block buffer first
 * (libharu's copy was a third of the file ID's cost, ~2 % of a 13-page
 * render). tests/unit/test_pdf.c checks RFC 1321's test suite and equality
 * with HPDF_MD5 over pieces of every size. */
#include "pdf_md5.h"
#include <string.h>

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define F(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))      /* (x & y) | (~x & z) */
#define G(x, y, z) ((y) ^ ((z) & ((x) ^ (y))))      /* (x & z) | (y & ~z) */
#define H(x, y, z) ((x) ^ (y) ^ (z))
#define I(x, y, z) ((y) ^ ((x) | ~(z)))
#define STEP(f, a, b, c, d, k, t, s) \
    (a) += f((b), (c), (d)) + w[k] + (t); (a) = ROL((a), (s)) + (b)

/* RFC 1321 3.4: one 64-byte block into h. */
static void md5_block(uint32_t h[4], const unsigned char *p)
{
    uint32_t w[16], a = h[0], b = h[1], c = h[2], d = h[3];
    int i;
    for (i = 0; i < 16; i++) w[i] = le32(p + 4 * i);

    STEP(F, a, b, c, d,  0, 0xd76aa478,  7); STEP(F, d, a, b, c,  1, 0xe8c7b756, 12);
    STEP(F, c, d, a, b,  2, 0x242070db, 17); STEP(F, b, c, d, a,  3, 0xc1bdceee, 22);
    STEP(F, a, b, c, d,  4, 0xf57c0faf,  7); STEP(F, d, a, b, c,  5, 0x4787c62a, 12);
    STEP(F, c, d, a, b,  6, 0xa8304613, 17); STEP(F, b, c, d, a,  7, 0xfd469501, 22);
    STEP(F, a, b, c, d,  8, 0x698098d8,  7); STEP(F, d, a, b, c,  9, 0x8b44f7af, 12);
    STEP(F, c, d, a, b, 10, 0xffff5bb1, 17); STEP(F, b, c, d, a, 11, 0x895cd7be, 22);
    STEP(F, a, b, c, d, 12, 0x6b901122,  7); STEP(F, d, a, b, c, 13, 0xfd987193, 12);
    STEP(F, c, d, a, b, 14, 0xa679438e, 17); STEP(F, b, c, d, a, 15, 0x49b40821, 22);

    STEP(G, a, b, c, d,  1, 0xf61e2562,  5); STEP(G, d, a, b, c,  6, 0xc040b340,  9);
    STEP(G, c, d, a, b, 11, 0x265e5a51, 14); STEP(G, b, c, d, a,  0, 0xe9b6c7aa, 20);
    STEP(G, a, b, c, d,  5, 0xd62f105d,  5); STEP(G, d, a, b, c, 10, 0x02441453,  9);
    STEP(G, c, d, a, b, 15, 0xd8a1e681, 14); STEP(G, b, c, d, a,  4, 0xe7d3fbc8, 20);
    STEP(G, a, b, c, d,  9, 0x21e1cde6,  5); STEP(G, d, a, b, c, 14, 0xc33707d6,  9);
    STEP(G, c, d, a, b,  3, 0xf4d50d87, 14); STEP(G, b, c, d, a,  8, 0x455a14ed, 20);
    STEP(G, a, b, c, d, 13, 0xa9e3e905,  5); STEP(G, d, a, b, c,  2, 0xfcefa3f8,  9);
    STEP(G, c, d, a, b,  7, 0x676f02d9, 14); STEP(G, b, c, d, a, 12, 0x8d2a4c8a, 20);

    STEP(H, a, b, c, d,  5, 0xfffa3942,  4); STEP(H, d, a, b, c,  8, 0x8771f681, 11);
    STEP(H, c, d, a, b, 11, 0x6d9d6122, 16); STEP(H, b, c, d, a, 14, 0xfde5380c, 23);
    STEP(H, a, b, c, d,  1, 0xa4beea44,  4); STEP(H, d, a, b, c,  4, 0x4bdecfa9, 11);
    STEP(H, c, d, a, b,  7, 0xf6bb4b60, 16); STEP(H, b, c, d, a, 10, 0xbebfbc70, 23);
    STEP(H, a, b, c, d, 13, 0x289b7ec6,  4); STEP(H, d, a, b, c,  0, 0xeaa127fa, 11);
    STEP(H, c, d, a, b,  3, 0xd4ef3085, 16); STEP(H, b, c, d, a,  6, 0x04881d05, 23);
    STEP(H, a, b, c, d,  9, 0xd9d4d039,  4); STEP(H, d, a, b, c, 12, 0xe6db99e5, 11);
    STEP(H, c, d, a, b, 15, 0x1fa27cf8, 16); STEP(H, b, c, d, a,  2, 0xc4ac5665, 23);

    STEP(I, a, b, c, d,  0, 0xf4292244,  6); STEP(I, d, a, b, c,  7, 0x432aff97, 10);
    STEP(I, c, d, a, b, 14, 0xab9423a7, 15); STEP(I, b, c, d, a,  5, 0xfc93a039, 21);
    STEP(I, a, b, c, d, 12, 0x655b59c3,  6); STEP(I, d, a, b, c,  3, 0x8f0ccc92, 10);
    STEP(I, c, d, a, b, 10, 0xffeff47d, 15); STEP(I, b, c, d, a,  1, 0x85845dd1, 21);
    STEP(I, a, b, c, d,  8, 0x6fa87e4f,  6); STEP(I, d, a, b, c, 15, 0xfe2ce6e0, 10);
    STEP(I, c, d, a, b,  6, 0xa3014314, 15); STEP(I, b, c, d, a, 13, 0x4e0811a1, 21);
    STEP(I, a, b, c, d,  4, 0xf7537e82,  6); STEP(I, d, a, b, c, 11, 0xbd3af235, 10);
    STEP(I, c, d, a, b,  2, 0x2ad7d2bb, 15); STEP(I, b, c, d, a,  9, 0xeb86d391, 21);

    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
}

void pdf_md5_init(pdf_md5 *m)
{
    m->h[0] = 0x67452301;
    m->h[1] = 0xefcdab89;
    m->h[2] = 0x98badcfe;
    m->h[3] = 0x10325476;
    m->total = 0;
}

void pdf_md5_update(pdf_md5 *m, const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t have = (size_t)(m->total % 64), n;
    m->total += len;
    if (have) {                 /* complete the block begun before */
        n = 64 - have < len ? 64 - have : len;
        memcpy(m->buf + have, p, n);
        p += n;
        len -= n;
        if (have + n < 64) return;
        md5_block(m->h, m->buf);
    }
    for (; len >= 64; len -= 64, p += 64) md5_block(m->h, p);
    if (len) memcpy(m->buf, p, len);
}

void pdf_md5_final(pdf_md5 *m, unsigned char digest[16])
{
    uint64_t bits = m->total * 8;
    size_t have = (size_t)(m->total % 64);
    int i;
    /* RFC 1321 3.1-3.2: 0x80, zeros to 56 mod 64, the length in bits */
    m->buf[have++] = 0x80;
    if (have > 56) {
        memset(m->buf + have, 0, 64 - have);
        md5_block(m->h, m->buf);
        have = 0;
    }
    memset(m->buf + have, 0, 56 - have);
    for (i = 0; i < 8; i++) m->buf[56 + i] = (unsigned char)(bits >> (8 * i));
    md5_block(m->h, m->buf);
    for (i = 0; i < 16; i++) digest[i] = (unsigned char)(m->h[i / 4] >> (8 * (i % 4)));
}
