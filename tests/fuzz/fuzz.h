/* fuzz.h — what the libFuzzer targets of tests/fuzz share: a quiet run
 * context (messages formatted, then dropped), the repository root (for
 * fonts/ and templates/, compiled in as GR_FUZZ_ROOT), one font set for the
 * whole fuzzing session, and FO → layout → PDF on standard output, which
 * the targets point at /dev/null (no file, no fsync per input). */
#ifndef GR_FUZZ_H
#define GR_FUZZ_H

#include "util/gr.h"
#include "fo/fo.h"
#include "text/font.h"
#include "layout/layout.h"
#include "pdf/pdf.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef GR_FUZZ_ROOT
#define GR_FUZZ_ROOT "."
#endif

static FILE *fuzz_sink;
static gr_ctx fuzz_font_ctx;
static gr_fontset *fuzz_fonts;

static inline void fuzz_quiet(gr_ctx *ctx)
{
    gr_ctx_init(ctx);
    ctx->err_stream = fuzz_sink;
}

/* Once per session: stdout to /dev/null, the fonts of the repository. */
static inline void fuzz_setup(void)
{
    int fd;
    if (fuzz_sink) return;
    /* GR_FUZZ_VERBOSE=1: show gereport's messages (to see what a seed reaches) */
    fuzz_sink = getenv("GR_FUZZ_VERBOSE") ? stderr : fopen("/dev/null", "w");
    fd = open("/dev/null", O_WRONLY);
    if (fd >= 0) { dup2(fd, 1); close(fd); }
    if (chdir(GR_FUZZ_ROOT) != 0) abort();
    fuzz_quiet(&fuzz_font_ctx);
    fuzz_fonts = gr_fontset_new(&fuzz_font_ctx, "fonts");
    if (!fuzz_fonts) abort();
}

/* FO text (not NUL-terminated) through the whole engine. base_dir: where
 * images are looked up. */
static inline void fuzz_fo_run(const char *name, const char *fo, size_t len, const char *base_dir)
{
    gr_ctx ctx;
    gr_fo_tree *tree;
    gr_doc *doc = NULL;
    fuzz_quiet(&ctx);
    tree = gr_fo_parse_memory(&ctx, name, fo, len);
    if (!tree) return;
    if (base_dir) tree->base_dir = gr_arena_strdup(tree->arena, base_dir);
    if (gr_layout(&ctx, tree, fuzz_fonts, &doc, NULL) == GR_OK && ctx.nerrors == 0) {
        gr_fo_tree_free(tree);
        tree = NULL;
        gr_pdf_write(&ctx, doc, fuzz_fonts, NULL, "-");
    }
    gr_doc_free(doc);
    gr_fo_tree_free(tree);
}

#endif
