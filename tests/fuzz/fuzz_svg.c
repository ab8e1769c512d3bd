/* fuzz_svg.c — libFuzzer target: the SVG subset. The input is the content
 * of an fo:instream-foreign-object (an svg:svg element), laid out and
 * written like a chart of the report. Corpus: corpus/svg. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" xml:lang=\"zh-TW\">"
    "<fo:layout-master-set><fo:simple-page-master master-name=\"A4\" page-width=\"210mm\""
    " page-height=\"297mm\" margin=\"20mm\"><fo:region-body/></fo:simple-page-master>"
    "</fo:layout-master-set><fo:page-sequence master-reference=\"A4\">"
    "<fo:flow flow-name=\"xsl-region-body\"><fo:block font-family=\"TW-Kai\">"
    "<fo:instream-foreign-object>\n";
static const char tail[] =
    "</fo:instream-foreign-object></fo:block></fo:flow></fo:page-sequence></fo:root>\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gr_buf b;
    fuzz_setup();
    if (size > (1u << 20)) return 0;
    gr_buf_init(&b);
    gr_buf_add(&b, head, sizeof head - 1);
    gr_buf_add(&b, data, size);
    gr_buf_add(&b, tail, sizeof tail - 1);
    fuzz_fo_run("fuzz-svg.fo", (const char *)b.data, b.len, NULL);
    gr_buf_free(&b);
    return 0;
}
