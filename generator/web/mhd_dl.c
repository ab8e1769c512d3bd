/* mhd_dl.c — libmicrohttpd loaded by the verbs that serve pages (edit,
 * serve: web/server.c), not at every start. Linked in, libmicrohttpd
 * brings GnuTLS and its chain (p11-kit, nettle, hogweed, gmp, tasn1,
 * idn2, unistring, ffi: ten libraries with their relocations and
 * constructors) into every run, and only two verbs need it; the server
 * speaks plain HTTP on 127.0.0.1 and never uses TLS.
 *
 * The functions of libmicrohttpd that server.c calls are defined here
 * under their own names and prototypes (from <microhttpd.h>), each
 * forwarding to the library's, which gr_mhd_load opens with dlopen by its
 * soname (GR_MHD_SONAME, from the Makefile). A function called elsewhere
 * must be added to the list below, or the program does not link. Like
 * report/qpdf_dl.c for libqpdf. */
#include "mhd_dl.h"
#include "../util/msg.h"
#include <assert.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/socket.h>
#include <microhttpd.h>

#ifndef GR_MHD_SONAME
#define GR_MHD_SONAME "libmicrohttpd.so.12"
#endif

/* name, return type, parameters, arguments (the two variadic functions
 * are below the list) */
#define MHD_FUNCS(X) \
    X(MHD_add_response_header, enum MHD_Result, \
      (struct MHD_Response *r, const char *h, const char *c), (r, h, c)) \
    X(MHD_create_response_from_buffer, struct MHD_Response *, \
      (size_t n, void *b, enum MHD_ResponseMemoryMode m), (n, b, m)) \
    X(MHD_destroy_response, void, (struct MHD_Response *r), (r)) \
    X(MHD_lookup_connection_value, const char *, \
      (struct MHD_Connection *c, enum MHD_ValueKind k, const char *key), (c, k, key)) \
    X(MHD_queue_response, enum MHD_Result, \
      (struct MHD_Connection *c, unsigned int s, struct MHD_Response *r), (c, s, r)) \
    X(MHD_stop_daemon, void, (struct MHD_Daemon *d), (d))

/* The library's functions, found once. Process-wide by nature, like the
 * library itself; set by gr_mhd_load and read afterwards. */
static struct {
    int loaded;
#define FIELD(name, ret, params, args) ret (*name) params;
    MHD_FUNCS(FIELD)
#undef FIELD
    struct MHD_Daemon *(*start_va)(unsigned int, uint16_t, MHD_AcceptPolicyCallback, void *,
                                   MHD_AccessHandlerCallback, void *, va_list);
    const union MHD_DaemonInfo *(*daemon_info)(struct MHD_Daemon *, enum MHD_DaemonInfoType, ...);
} lib;

int gr_mhd_load(gr_ctx *ctx)
{
    void *h;
    const char *why;
    if (lib.loaded) return GR_OK;
    h = dlopen(GR_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
#define FIND(name, ret, params, args) \
    if (h && !(*(void **)&lib.name = dlsym(h, #name))) h = NULL;
    MHD_FUNCS(FIND)
#undef FIND
    if (h && !(*(void **)&lib.start_va = dlsym(h, "MHD_start_daemon_va"))) h = NULL;
    if (h && !(*(void **)&lib.daemon_info = dlsym(h, "MHD_get_daemon_info"))) h = NULL;
    if (!h) {
        why = dlerror();
        return gr_syserror(ctx, NULL, 0, GR_TEXT(WEB_CANNOT_LOAD_LIBRARY),
                           GR_MHD_SONAME, why ? why : "?");
    }
    lib.loaded = 1;
    return GR_OK;
}

#define DEFINE(name, ret, params, args) \
    ret name params { assert(lib.loaded); return lib.name args; }
MHD_FUNCS(DEFINE)
#undef DEFINE

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port,
                                    MHD_AcceptPolicyCallback apc, void *apc_cls,
                                    MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    struct MHD_Daemon *d;
    va_list ap;
    assert(lib.loaded);
    va_start(ap, dh_cls);
    d = lib.start_va(flags, port, apc, apc_cls, dh, dh_cls, ap);
    va_end(ap);
    return d;
}

/* Only the information types that take no further argument (server.c asks
 * for MHD_DAEMON_INFO_BIND_PORT). */
const union MHD_DaemonInfo *MHD_get_daemon_info(struct MHD_Daemon *d,
                                                enum MHD_DaemonInfoType t, ...)
{
    assert(lib.loaded);
    return lib.daemon_info(d, t);
}
