/* fuzz_fo.c — libFuzzer target: an XSL-FO document through the FO parser,
 * the layout engine and the PDF writer. Corpus: corpus/fo. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_setup();
    if (size > (1u << 20)) return 0;      /* the engine's cost is linear: small is enough */
    fuzz_fo_run("fuzz.fo", (const char *)data, size, "tests/fuzz");
    return 0;
}
