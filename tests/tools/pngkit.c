/* pngkit.c — test tool for tests/t-results-photos.sh, with libpng's
 * simplified API (a build dependency already):
 *   pngkit screenshot OUT.png  2560x1600 RGB, no alpha: a white page with a
 *                              blue title bar and rows of dark "text" bars,
 *                              as a screen capture looks;
 *   pngkit alpha OUT.png       2000x1500 RGBA: a colour gradient whose alpha
 *                              falls from opaque to half transparent;
 *   pngkit mean IN.png         prints the mean grey level (0-255) of IN.
 * Deterministic bytes. Exit 0, or 2 on a usage or I/O error. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int write_rgb(const char *path, int w, int h, int alpha)
{
    png_image im;
    int c = alpha ? 4 : 3, x, y, ok;
    unsigned char *px = malloc((size_t)w * h * c);
    if (!px) return 2;
    for (y = 0; y < h; y++)
        for (x = 0; x < w; x++) {
            unsigned char *p = px + ((size_t)y * w + x) * c;
            if (alpha) {
                p[0] = (unsigned char)(x * 255 / w);
                p[1] = (unsigned char)(y * 255 / h);
                p[2] = 160;
                p[3] = (unsigned char)(255 - x * 128 / w);
            } else {
                int bar = y < 120, line = (y - 160) % 48, word = (x / 37 + y / 48) % 7;
                unsigned v = 255;
                if (bar) { p[0] = 40; p[1] = 90; p[2] = 200; continue; }
                if (y > 160 && line < 20 && x > 80 && x < w - 80 && word != 0) v = 40;
                p[0] = p[1] = p[2] = (unsigned char)v;
            }
        }
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    im.width = (png_uint_32)w;
    im.height = (png_uint_32)h;
    im.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    ok = png_image_write_to_file(&im, path, 0, px, 0, NULL);
    free(px);
    return ok ? 0 : 2;
}

static int mean(const char *path)
{
    png_image im;
    unsigned char *px;
    unsigned long long sum = 0;
    size_t n, i;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&im, path)) return 2;
    im.format = PNG_FORMAT_GRAY;
    n = (size_t)im.width * im.height;
    px = malloc(n ? n : 1);
    if (!px || !png_image_finish_read(&im, NULL, px, 0, NULL)) return 2;
    for (i = 0; i < n; i++) sum += px[i];
    printf("%llu\n", n ? sum / n : 0);
    free(px);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "screenshot") == 0) return write_rgb(argv[2], 2560, 1600, 0);
    if (argc == 3 && strcmp(argv[1], "alpha") == 0) return write_rgb(argv[2], 2000, 1500, 1);
    if (argc == 3 && strcmp(argv[1], "mean") == 0) return mean(argv[2]);
    fprintf(stderr, "usage: pngkit screenshot|alpha OUT.png | pngkit mean IN.png\n");
    return 2;
}
