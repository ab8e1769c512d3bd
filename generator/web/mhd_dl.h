/* mhd_dl.h — opening libmicrohttpd when a verb serves pages (mhd_dl.c). */
#ifndef GR_MHD_DL_H
#define GR_MHD_DL_H

#include "../util/gr.h"

/* Open the library (once; later calls return at once). GR_OK, or an error
 * reported through ctx naming the library and the Debian package. Call it
 * before any MHD_* function. */
int gr_mhd_load(gr_ctx *ctx);

#endif
