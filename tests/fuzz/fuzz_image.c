/* fuzz_image.c — libFuzzer target: the image readers (JPEG headers, PNG via
 * libpng). The input is written as a file that an FO shows as a photo; the
 * run lays it out and writes the PDF. Corpus: corpus/image. */
#include "fuzz.h"
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fo[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" xml:lang=\"zh-TW\">"
    "<fo:layout-master-set><fo:simple-page-master master-name=\"A4\" page-width=\"210mm\""
    " page-height=\"297mm\" margin=\"20mm\"><fo:region-body/></fo:simple-page-master>"
    "</fo:layout-master-set><fo:page-sequence master-reference=\"A4\">"
    "<fo:flow flow-name=\"xsl-region-body\"><fo:block font-family=\"TW-Kai\">照片"
    "<fo:external-graphic src=\"photo.img\" content-width=\"80mm\"/></fo:block>"
    "</fo:flow></fo:page-sequence></fo:root>\n";

static char dir[4096];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[4200];
    FILE *f;
    fuzz_setup();
    if (size > (8u << 20)) return 0;
    if (!dir[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/gr-fuzz-image-%ld", t && t[0] ? t : "/tmp", (long)getpid());
        if (mkdir(dir, 0700) != 0) abort();
    }
    snprintf(path, sizeof path, "%s/photo.img", dir);
    f = fopen(path, "wb");
    if (!f) abort();
    if (size) fwrite(data, 1, size, f);
    fclose(f);
    fuzz_fo_run("fuzz-image.fo", fo, sizeof fo - 1, dir);
    return 0;
}
