/* mkpng.c — test tool: writes the PNG images the layout tests need, with
 * libpng (a build dependency already), so that no binary PNG is kept in
 * the repository:
 *   mkpng alpha OUT.png   48x32 RGBA: a red-to-blue gradient whose alpha
 *                         falls from opaque (left) to transparent (right),
 *                         a fully transparent top band and an opaque
 *                         black frame — the writer must flatten it onto
 *                         white (PDF/A-1b has no transparency);
 *   mkpng grey OUT.png    40x20 8-bit greyscale, no alpha.
 * Deterministic bytes. Exit 0, or 2 on a usage or I/O error. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int write_png(const char *path, int w, int h, int color_type, int channels,
                     unsigned char *rows)
{
    FILE *f = fopen(path, "wb");
    png_structp png;
    png_infop info;
    int y;
    if (!f) return 0;
    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        fclose(f);
        return 0;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, color_type,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (y = 0; y < h; y++) png_write_row(png, rows + (size_t)y * (size_t)(w * channels));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return fclose(f) == 0;
}

int main(int argc, char **argv)
{
    unsigned char *px;
    int x, y, ok;
    if (argc != 3) goto usage;
    if (strcmp(argv[1], "alpha") == 0) {
        const int w = 48, h = 32;
        px = calloc((size_t)w * h, 4);
        if (!px) return 2;
        for (y = 0; y < h; y++)
            for (x = 0; x < w; x++) {
                unsigned char *p = px + ((size_t)y * w + x) * 4;
                int frame = x == 0 || y == 0 || x == w - 1 || y == h - 1;
                p[0] = frame ? 0 : (unsigned char)(255 - x * 5);
                p[1] = frame ? 0 : 40;
                p[2] = frame ? 0 : (unsigned char)(x * 5);
                p[3] = frame ? 255 : y < 6 ? 0 : (unsigned char)(255 - x * 5);
            }
        ok = write_png(argv[2], w, h, PNG_COLOR_TYPE_RGB_ALPHA, 4, px);
    } else if (strcmp(argv[1], "grey") == 0) {
        const int w = 40, h = 20;
        px = malloc((size_t)w * h);
        if (!px) return 2;
        for (y = 0; y < h; y++)
            for (x = 0; x < w; x++) px[y * w + x] = (unsigned char)((x * 6 + y * 3) & 255);
        ok = write_png(argv[2], w, h, PNG_COLOR_TYPE_GRAY, 1, px);
    } else {
        goto usage;
    }
    free(px);
    if (!ok) { fprintf(stderr, "mkpng: cannot write %s\n", argv[2]); return 2; }
    return 0;
usage:
    fprintf(stderr, "usage: mkpng alpha|grey OUT.png\n");
    return 2;
}
