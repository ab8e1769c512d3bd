/* qpdf_dl.c — libqpdf loaded when `extract` first calls it, not at every
 * start: linked in, libqpdf brings libstdc++'s and GnuTLS's start-up
 * (nine more libraries, their relocations and constructors: about a
 * quarter of the cpu and 4 MiB of the memory of rendering a one-page
 * document) into every verb, and only `extract` reads PDFs.
 *
 * The functions of libqpdf's C API that gereport calls are defined here
 * under their own names and prototypes (from <qpdf/qpdf-c.h>), each
 * forwarding to the library's, which is opened with dlopen by its soname
 * (GR_QPDF_SONAME, from the Makefile). A qpdf function called elsewhere
 * must be added to the list below, or the program does not link. When the
 * library cannot be opened, the run stops with a message naming the Debian
 * package and exit status 2, leaving no file behind. */
#include "../util/gr.h"
#include <qpdf/qpdf-c.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

/* <qpdf/qpdf-c.h> declares it without a prototype */
qpdf_data qpdf_init(void);

#ifndef GR_QPDF_SONAME
#define GR_QPDF_SONAME "libqpdf.so.29"
#endif

/* name, return type, parameters, arguments */
#define QPDF_FUNCS(X) \
    X(qpdf_init, qpdf_data, (void), ()) \
    X(qpdf_cleanup, void, (qpdf_data *q), (q)) \
    X(qpdf_silence_errors, void, (qpdf_data q), (q)) \
    X(qpdf_set_suppress_warnings, void, (qpdf_data q, QPDF_BOOL v), (q, v)) \
    X(qpdf_read_memory, QPDF_ERROR_CODE, \
      (qpdf_data q, char const *d, char const *b, unsigned long long n, char const *pw), \
      (q, d, b, n, pw)) \
    X(qpdf_get_info_key, char const *, (qpdf_data q, char const *k), (q, k)) \
    X(qpdf_get_root, qpdf_oh, (qpdf_data q), (q)) \
    X(qpdf_oh_get_key, qpdf_oh, (qpdf_data q, qpdf_oh o, char const *k), (q, o, k)) \
    X(qpdf_oh_is_array, QPDF_BOOL, (qpdf_data q, qpdf_oh o), (q, o)) \
    X(qpdf_oh_is_stream, QPDF_BOOL, (qpdf_data q, qpdf_oh o), (q, o)) \
    X(qpdf_oh_is_string, QPDF_BOOL, (qpdf_data q, qpdf_oh o), (q, o)) \
    X(qpdf_oh_get_array_n_items, int, (qpdf_data q, qpdf_oh o), (q, o)) \
    X(qpdf_oh_get_array_item, qpdf_oh, (qpdf_data q, qpdf_oh o, int n), (q, o, n)) \
    X(qpdf_oh_get_utf8_value, char const *, (qpdf_data q, qpdf_oh o), (q, o)) \
    X(qpdf_oh_get_stream_data, QPDF_ERROR_CODE, \
      (qpdf_data q, qpdf_oh o, enum qpdf_stream_decode_level_e l, QPDF_BOOL *f, \
       unsigned char **b, size_t *n), (q, o, l, f, b, n))

/* The library's functions, found once. Process-wide by nature, like the
 * library itself; set on first use and read afterwards. */
static struct {
    int loaded;
#define FIELD(name, ret, params, args) ret (*name) params;
    QPDF_FUNCS(FIELD)
#undef FIELD
} lib;

static void load(void)
{
    void *h;
    if (lib.loaded) return;
    h = dlopen(GR_QPDF_SONAME, RTLD_NOW | RTLD_LOCAL);
#define FIND(name, ret, params, args) \
    if (h && !(*(void **)&lib.name = dlsym(h, #name))) h = NULL;
    QPDF_FUNCS(FIND)
#undef FIND
    if (!h) {
        const char *why = dlerror();
        fprintf(stderr, "gereport: 錯誤 error: 無法載入讀取 PDF 的程式庫 %s（Debian 套件 libqpdf29）：%s"
                        " (cannot load the PDF reading library %s (Debian package libqpdf29): %s)\n",
                GR_QPDF_SONAME, why ? why : "?", GR_QPDF_SONAME, why ? why : "?");
        gr_remove_pending_outputs();
        exit(GR_ESYS);
    }
    lib.loaded = 1;
}

#define DEFINE(name, ret, params, args) \
    ret name params { load(); return lib.name args; }
QPDF_FUNCS(DEFINE)
#undef DEFINE
