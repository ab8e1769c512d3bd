/* stdio.c — "-" as a file name: standard input read whole (up to the same
 * limit as a file) and standard output written in one go, so that a PDF
 * reaches standard output only once it is complete (a failure writes
 * nothing there). gr_read_file and gr_write_file_atomic hand "-" here. */
#include "gr.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GR_MAX_STDIN (256u << 20)   /* the same limit as a file (file.c) */

int gr_is_stdio(const char *path) { return path && strcmp(path, "-") == 0; }

int gr_read_stdin(gr_ctx *ctx, char **data, size_t *len)
{
    gr_buf b;
    char chunk[65536];
    ssize_t n;
    gr_buf_init(&b);
    *data = NULL;
    *len = 0;
    for (;;) {
        n = read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            gr_buf_free(&b);
            return gr_error(ctx, "-", 0, "讀取失敗：%s", "read failed: %s", strerror(errno));
        }
        if (n == 0) break;
        if (b.len + (size_t)n > GR_MAX_STDIN) {
            gr_buf_free(&b);
            return gr_error(ctx, "-", 0, "輸入過大（上限 %u MiB）", "input too large (limit %u MiB)",
                            GR_MAX_STDIN >> 20);
        }
        gr_buf_add(&b, chunk, (size_t)n);
    }
    gr_buf_cstr(&b);
    *len = b.len;
    *data = b.data ? (char *)b.data : gr_strdup("");
    return GR_OK;
}

int gr_write_stdout(gr_ctx *ctx, const void *data, size_t len)
{
    const unsigned char *p = data;
    while (len > 0) {
        ssize_t w = write(STDOUT_FILENO, p, len);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0)
            return gr_syserror(ctx, "-", 0, "寫入標準輸出失敗：%s", "writing standard output failed: %s",
                               strerror(errno));
        p += w;
        len -= (size_t)w;
    }
    return GR_OK;
}
