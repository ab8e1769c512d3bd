/* jpeg_dl.c — libjpeg-turbo opened when a photo is first decoded or
 * encoded (graphics/photo.c), not at every start: most documents and
 * every report without photos never use it, and a linked library costs
 * every run its loading, relocations and page faults (docs/
 * architecture.md, "Libraries"). Reading a JPEG's header for layout is our
 * own code (image.c) and needs no library.
 *
 * The functions of libjpeg that gereport calls are defined here under
 * their own names and prototypes (from <jpeglib.h>), each forwarding to
 * the library's, found by util/dl.c; the soname is GR_JPEG_SONAME, from
 * the Makefile. A libjpeg function called elsewhere must be added to the
 * list below, or the program does not link. Like domain/xslt_dl.c. */
#include "graphics_int.h"
#include <stdio.h>               /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>

#ifndef GR_JPEG_SONAME
#define GR_JPEG_SONAME "libjpeg.so.62"
#endif

/* name, return type, parameters, arguments */
#define JPEG_FUNCS(X) \
    X(jpeg_std_error, struct jpeg_error_mgr *, (struct jpeg_error_mgr *e), (e)) \
    X(jpeg_CreateCompress, void, (j_compress_ptr c, int v, size_t n), (c, v, n)) \
    X(jpeg_CreateDecompress, void, (j_decompress_ptr d, int v, size_t n), (d, v, n)) \
    X(jpeg_destroy_compress, void, (j_compress_ptr c), (c)) \
    X(jpeg_destroy_decompress, void, (j_decompress_ptr d), (d)) \
    X(jpeg_mem_src, void, (j_decompress_ptr d, const unsigned char *b, unsigned long n), (d, b, n)) \
    X(jpeg_set_defaults, void, (j_compress_ptr c), (c)) \
    X(jpeg_set_quality, void, (j_compress_ptr c, int q, boolean b), (c, q, b)) \
    X(jpeg_start_compress, void, (j_compress_ptr c, boolean w), (c, w)) \
    X(jpeg_write_scanlines, JDIMENSION, (j_compress_ptr c, JSAMPARRAY s, JDIMENSION n), (c, s, n)) \
    X(jpeg_finish_compress, void, (j_compress_ptr c), (c)) \
    X(jpeg_read_header, int, (j_decompress_ptr d, boolean r), (d, r)) \
    X(jpeg_start_decompress, boolean, (j_decompress_ptr d), (d)) \
    X(jpeg_read_scanlines, JDIMENSION, (j_decompress_ptr d, JSAMPARRAY s, JDIMENSION n), (d, s, n)) \
    X(jpeg_finish_decompress, boolean, (j_decompress_ptr d), (d))

enum {
#define INDEX(name, ret, params, args) JPEG_##name,
    JPEG_FUNCS(INDEX)
#undef INDEX
    JPEG_NFUNCS
};

/* The library's functions, found once. Process-wide by nature, like the
 * library itself; set on first use and read afterwards. */
static void *fns[JPEG_NFUNCS];
static int loaded;

static void load(void)
{
    static const char *const names[] = {
#define NAME(name, ret, params, args) #name,
        JPEG_FUNCS(NAME)
#undef NAME
    };
    if (loaded) return;
    gr_dl_need(GR_JPEG_SONAME, "libjpeg62-turbo", names, fns, JPEG_NFUNCS);
    loaded = 1;
}

#define DEFINE(name, ret, params, args) \
    ret name params { load(); return ((ret (*) params)fns[JPEG_##name]) args; }
JPEG_FUNCS(DEFINE)
#undef DEFINE
