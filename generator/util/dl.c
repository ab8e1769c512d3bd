/* dl.c — the one way a library opened on first use (domain/xslt_dl.c,
 * graphics/jpeg_dl.c) is found: dlopen by its soname, then each of the
 * functions gereport calls by name. A library that cannot be opened ends
 * the run: one message naming the library and its Debian package, any
 * temporary output removed, exit status 2 (like util/mem.c's out of
 * memory: there is no run context at this depth). */
#include "gr.h"
#include "msg.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void gr_dl_need(const char *soname, const char *package, const char *const *names,
                void **fns, size_t n)
{
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    const char *why;
    size_t i;
    for (i = 0; h && i < n; i++)
        if (!(fns[i] = dlsym(h, names[i]))) h = NULL;
    if (h) return;
    why = dlerror();
    if (!why) why = "?";
    fprintf(stderr, "gereport: %s %s: ", GR_TEXT(CLASS_ERROR));
    fprintf(stderr, gr_msg_zh_LIBRARY_CANNOT_LOAD, soname, package, why);
    fputs(" (", stderr);
    fprintf(stderr, gr_msg_en_LIBRARY_CANNOT_LOAD, soname, package, why);
    fputs(")\n", stderr);
    gr_remove_pending_outputs();
    exit(GR_ESYS);
}
