/* fuzz_data.c — libFuzzer target: a data file through the loader (XML,
 * text checks, RelaxNG), the domain pass (computed figures, rules, form
 * checks), masking, the form's XSLT template and the FO parser: the
 * pipeline every verb runs (gr_report_run) up to layout. The input is
 * written as a file (the loader reads paths; photos are relative to it).
 * Corpus: corpus/data. */
#include "fuzz.h"
#include "report/report.h"
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[4200];
static gr_domain_cache *cache;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gr_ctx ctx;
    gr_report_opts o;
    gr_report r;
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
    o.data.datadir = ".";
    o.data.cache = cache;
    o.data.allow_outside = 1;
    o.want_tree = 1;            /* up to the FO tree; layout has its own targets */
    memset(&r, 0, sizeof r);
    gr_report_run(&ctx, path, &o, &r);
    gr_report_free(&r);
    return 0;
}
