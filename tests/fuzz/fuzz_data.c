/* fuzz_data.c — libFuzzer target: a data file through the loader (XML,
 * text checks, RelaxNG), the domain pass (computed figures, rules, form
 * checks), masking and the form's XSLT template — everything `build` does
 * before the FO. The input is written as a file (the loader reads paths:
 * photos are relative to it). Corpus: corpus/data. */
#include "fuzz.h"
#include "domain/domain.h"
#include <libxml/tree.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[4200];
static gr_domain_cache *cache;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gr_ctx ctx;
    gr_data_opts o;
    xmlDocPtr doc;
    FILE *f;
    fuzz_setup();
    if (size > (1u << 20)) return 0;
    if (!path[0]) {
        /* a folder of its own whose images/ is the sample's (a link, hence
           allow_outside), so that the seeds' photos resolve */
        char dir[4096], link[4200], target[4200];
        const char *t = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/gr-fuzz-data-%ld", t && t[0] ? t : "/tmp", (long)getpid());
        if (mkdir(dir, 0700) != 0) abort();
        snprintf(link, sizeof link, "%s/images", dir);
        if (!getcwd(target, sizeof target - 32)) abort();
        strcat(target, "/data/taipei/112/images");
        if (symlink(target, link) != 0) abort();
        snprintf(path, sizeof path, "%s/fuzz.xml", dir);
        cache = gr_domain_cache_new();
    }
    f = fopen(path, "wb");
    if (!f) abort();
    if (size) fwrite(data, 1, size, f);
    fclose(f);
    fuzz_quiet(&ctx);
    memset(&o, 0, sizeof o);
    o.datadir = ".";
    o.cache = cache;
    o.allow_outside = 1;
    doc = gr_data_load(&ctx, path, &o);
    if (doc) {
        gr_buf fo;
        char *title = NULL;
        gr_buf_init(&fo);
        gr_data_compute(&ctx, doc, path);
        gr_data_check_rules(&ctx, doc, path, &o);
        gr_data_check_form(&ctx, doc, path, &o);
        gr_data_mask_names(doc);
        gr_form_transform(&ctx, doc, path, &o, &fo, &title);
        gr_buf_free(&fo);
        free(title);
        xmlFreeDoc(doc);
    }
    return 0;
}
