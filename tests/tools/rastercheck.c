/* rastercheck.c — test tool: checks what a page really shows, from a
 * greyscale rendering of it (pdftoppm -gray -aaVector no -r DPI, a binary
 * PGM), for the border and background tests of tests/t-layout*.sh.
 * Reading the pixels instead of the PDF's content stream makes the test
 * independent of how the writer draws a rule (stroked line, filled
 * rectangle, one path per side or per table); a missing or open border is
 * visible as missing dark pixels.
 *
 * Usage: rastercheck PAGE.pgm DPI < REQUESTS
 * Each request line (coordinates in pt from the page's top-left, y down):
 *   h X0 X1 Y LABEL...   a horizontal rule from X0 to X1 at Y must be there
 *   v X Y0 Y1 LABEL...   a vertical rule at X from Y0 to Y1 must be there
 *   mean X Y W H LABEL... print the mean grey (0-255) of that rectangle
 *   clear X0 X1 Y0 Y1 LABEL...  no rule inside that rectangle: no pixel row
 *                        or column of it is dark (< 128) over 90% of its
 *                        length (text never is; a stray rule is)
 * For a rule, every pixel position along it (its ends, 1 pt each, left
 * out: junctions) must have a dark pixel (< 128) within 1 pt across the
 * rule; the output is one line per request:
 *   ok LABEL                 or
 *   missing COVERAGE% LABEL  (the share of positions that had a dark pixel)
 *   mean VALUE LABEL
 *   ok LABEL  or  rule LABEL   (clear)
 * Exit status 0 if the input could be read (whatever the checks found),
 * 2 otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int w, h; unsigned char *px; } image;

static int read_token(FILE *f, int *v)
{
    int c;
    do {
        c = fgetc(f);
        if (c == '#') while (c != '\n' && c != EOF) c = fgetc(f);
    } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
    if (c < '0' || c > '9') return 0;
    *v = 0;
    while (c >= '0' && c <= '9') { *v = *v * 10 + (c - '0'); c = fgetc(f); }
    return 1;
}

static int read_pgm(const char *path, image *im)
{
    FILE *f = fopen(path, "rb");
    int maxv;
    size_t n;
    if (!f) return 0;
    if (fgetc(f) != 'P' || fgetc(f) != '5' || !read_token(f, &im->w) ||
        !read_token(f, &im->h) || !read_token(f, &maxv) || maxv != 255 ||
        im->w <= 0 || im->h <= 0 || im->w > 20000 || im->h > 20000) {
        fclose(f);
        return 0;
    }
    n = (size_t)im->w * (size_t)im->h;
    im->px = malloc(n);
    if (!im->px || fread(im->px, 1, n, f) != n) {
        free(im->px);
        im->px = NULL;
        fclose(f);
        return 0;
    }
    fclose(f);
    return 1;
}

static int pixel(const image *im, int x, int y)
{
    if (x < 0 || y < 0 || x >= im->w || y >= im->h) return 255;
    return im->px[(size_t)y * (size_t)im->w + (size_t)x];
}

/* 1 if some full pixel row or column of the rectangle is dark over 90%
 * of its length. */
static int has_rule(const image *im, double k, double x0, double x1, double y0, double y1)
{
    int px0 = (int)(x0 * k + 0.999), px1 = (int)(x1 * k), py0 = (int)(y0 * k + 0.999),
        py1 = (int)(y1 * k), x, y;
    if (px1 - px0 >= 4)
        for (y = py0; y <= py1; y++) {
            int dark = 0;
            for (x = px0; x <= px1; x++) dark += pixel(im, x, y) < 128;
            if (dark * 10 >= (px1 - px0 + 1) * 9) return 1;
        }
    if (py1 - py0 >= 4)
        for (x = px0; x <= px1; x++) {
            int dark = 0;
            for (y = py0; y <= py1; y++) dark += pixel(im, x, y) < 128;
            if (dark * 10 >= (py1 - py0 + 1) * 9) return 1;
        }
    return 0;
}

/* Share (0..1) of positions along the rule with a dark pixel across it. */
static double coverage(const image *im, double k, int horizontal, double a0, double a1,
                       double at)
{
    int from = (int)(a0 * k + k), to = (int)(a1 * k - k), across = (int)(at * k);
    int slack = (int)(k + 1.5), i, d, hit = 0, total = 0;
    for (i = from; i <= to; i++) {
        int dark = 0;
        for (d = -slack; d <= slack && !dark; d++) {
            int v = horizontal ? pixel(im, i, across + d) : pixel(im, across + d, i);
            if (v < 128) dark = 1;
        }
        hit += dark;
        total++;
    }
    return total > 0 ? (double)hit / total : 1.0;
}

int main(int argc, char **argv)
{
    image im = {0, 0, NULL};
    double dpi, k;
    char line[1024];
    if (argc != 3 || !read_pgm(argv[1], &im) || (dpi = atof(argv[2])) <= 0) {
        fprintf(stderr, "usage: rastercheck PAGE.pgm DPI < REQUESTS (binary 8-bit PGM)\n");
        return 2;
    }
    k = dpi / 72.0;
    while (fgets(line, sizeof line, stdin)) {
        char kind[8];
        double a, b, c, d;
        int used = 0;
        char *label;
        line[strcspn(line, "\n")] = 0;
        if (sscanf(line, "%7s %lf %lf %lf %n", kind, &a, &b, &c, &used) >= 4 && used > 0 &&
            (strcmp(kind, "h") == 0 || strcmp(kind, "v") == 0)) {
            double cov;
            label = line + used;
            cov = kind[0] == 'h' ? coverage(&im, k, 1, a, b, c) : coverage(&im, k, 0, b, c, a);
            if (cov >= 0.97) printf("ok %s\n", label);
            else printf("missing %.0f%% %s\n", cov * 100, label);
        } else if (sscanf(line, "%7s %lf %lf %lf %lf %n", kind, &a, &b, &c, &d, &used) >= 5 &&
                   used > 0 && strcmp(kind, "mean") == 0) {
            int x, y, x0 = (int)(a * k + 0.5), y0 = (int)(b * k + 0.5);
            int x1 = (int)((a + c) * k + 0.5), y1 = (int)((b + d) * k + 0.5);
            double sum = 0;
            long n = 0;
            for (y = y0; y < y1; y++)
                for (x = x0; x < x1; x++) { sum += pixel(&im, x, y); n++; }
            printf("mean %.0f %s\n", n ? sum / n : 255.0, line + used);
        } else if (sscanf(line, "%7s %lf %lf %lf %lf %n", kind, &a, &b, &c, &d, &used) >= 5 &&
                   used > 0 && strcmp(kind, "clear") == 0) {
            printf("%s %s\n", has_rule(&im, k, a, b, c, d) ? "rule" : "ok", line + used);
        } else if (line[0]) {
            fprintf(stderr, "rastercheck: bad request: %s\n", line);
            free(im.px);
            return 2;
        }
    }
    free(im.px);
    return 0;
}
