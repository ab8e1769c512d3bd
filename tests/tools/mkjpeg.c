/* mkjpeg.c — test tool: writes photo-like JPEGs with libjpeg (a build
 * dependency already), so that no binary photo is kept in the repository:
 *   mkjpeg KIND SEED W H OUT.jpg
 * KIND: rgb (YCbCr, as phones write), gray, cmyk (Adobe: APP14 transform 0,
 * values stored inverted, as Photoshop writes them), ycck (Adobe: APP14
 * transform 2), corner (RGB: light grey with a pure red block over the
 * stored top-left quarter, no noise: shows where the stored top-left
 * corner ends up). With ORIENT (1..8), an APP1 Exif segment holding that
 * Orientation tag, as phones write (big-endian "MM" for even values,
 * little-endian "II" for odd ones, so both byte orders are exercised):
 *   mkjpeg KIND SEED W H OUT.jpg [ORIENT]
 * The picture of the other kinds: smooth colour fields that depend on SEED plus
 * per-pixel noise of ±24 levels, so that a 4032x3024 photo at quality 92
 * takes some megabytes, as a phone's does, and no two seeds give the same
 * bytes. Density: 72 dpi (as phones write). Deterministic bytes.
 * Exit 0, or 2 on a usage or I/O error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

static unsigned long long rng;

static unsigned next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

static int clamp(int v) { return v < 0 ? 0 : v > 255 ? 255 : v; }

/* A smooth field: a tilted ramp plus a soft bump, from the seed. */
static int field(int x, int y, int w, int h, unsigned k)
{
    long ax = (long)(k % 97) - 48, ay = (long)(k / 97 % 89) - 44;
    long cx = (long)(k / 31 % 100) * w / 100, cy = (long)(k / 7 % 100) * h / 100;
    long dx = x - cx, dy = y - cy, r = (long)w * w / 9 + 1;
    long v = 128 + ax * x / (w + 1) * 2 + ay * y / (h + 1) * 2;
    long d2 = dx * dx + dy * dy;
    if (d2 < r) v += 70 - 70 * d2 / r;
    return (int)v;
}

int main(int argc, char **argv)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr err;
    const char *kind;
    unsigned seed, k[4];
    int w, h, comps, x, y, i;
    JSAMPLE *row;
    FILE *f;
    int orient = 0, corner;
    if (argc != 6 && argc != 7) {
        fprintf(stderr, "usage: mkjpeg rgb|gray|cmyk|ycck|corner SEED W H OUT.jpg [ORIENT]\n");
        return 2;
    }
    if (argc == 7) {
        orient = atoi(argv[6]);
        if (orient < 1 || orient > 8) return 2;
    }
    kind = argv[1];
    seed = (unsigned)strtoul(argv[2], NULL, 10);
    w = atoi(argv[3]);
    h = atoi(argv[4]);
    if (w < 1 || h < 1 || w > 20000 || h > 20000) return 2;
    corner = strcmp(kind, "corner") == 0;
    comps = strcmp(kind, "gray") == 0 ? 1 : strcmp(kind, "rgb") == 0 || corner ? 3 : 4;
    if (comps == 4 && strcmp(kind, "cmyk") != 0 && strcmp(kind, "ycck") != 0) return 2;
    rng = 0x9E3779B97F4A7C15ull ^ ((unsigned long long)seed * 0x2545F4914F6CDD1Dull);
    if (!rng) rng = 1;
    for (i = 0; i < 4; i++) k[i] = next();
    f = fopen(argv[5], "wb");
    if (!f) return 2;
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    jpeg_stdio_dest(&c, f);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    c.input_components = comps;
    c.in_color_space = comps == 1 ? JCS_GRAYSCALE : comps == 3 ? JCS_RGB : JCS_CMYK;
    jpeg_set_defaults(&c);
    if (comps == 4) jpeg_set_colorspace(&c, strcmp(kind, "ycck") == 0 ? JCS_YCCK : JCS_CMYK);
    jpeg_set_quality(&c, 92, TRUE);
    c.density_unit = 1;
    c.X_density = c.Y_density = 72;
    jpeg_start_compress(&c, TRUE);
    if (orient) {
        /* "Exif\0\0", TIFF header, one IFD with one entry: 0x0112 SHORT 1 */
        static const unsigned char mm[] = { 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8,
            0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
        static const unsigned char ii[] = { 'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0,
            1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        unsigned char seg[sizeof mm];
        memcpy(seg, orient % 2 ? ii : mm, sizeof seg);
        seg[orient % 2 ? 24 : 25] = (unsigned char)orient;   /* the SHORT value */
        jpeg_write_marker(&c, JPEG_APP0 + 1, seg, sizeof seg);
    }
    row = malloc((size_t)w * (size_t)comps);
    if (!row) return 2;
    for (y = 0; y < h; y++) {
        if (corner) {
            for (x = 0; x < w; x++) {
                int red = x < w / 4 && y < h / 4;
                row[(size_t)x * 3] = 255;
                row[(size_t)x * 3 + 1] = row[(size_t)x * 3 + 2] = (JSAMPLE)(red ? 0 : 210);
                if (!red) row[(size_t)x * 3] = 210;
            }
            jpeg_write_scanlines(&c, &row, 1);
            continue;
        }
        for (x = 0; x < w; x++)
            for (i = 0; i < comps; i++) {
                int v = clamp(field(x, y, w, h, k[i]) + (int)(next() % 49) - 24);
                /* Adobe CMYK/YCCK files hold inverted ink values */
                row[(size_t)x * comps + i] = (JSAMPLE)(comps == 4 ? 255 - v / 2 : v);
            }
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    free(row);
    return fclose(f) == 0 ? 0 : 2;
}
