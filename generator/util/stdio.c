/* stdio.c — "-" as a file name: standard output written in one go, so that
 * a PDF reaches standard output only once it is complete (a failure writes
 * nothing there); gr_write_file_atomic hands "-" here. (Standard input is
 * read whole by gr_read_input, file.c, with the limit of any input.) */
#include "gr.h"
#include "msg.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int gr_is_stdio(const char *path) { return path && strcmp(path, "-") == 0; }

int gr_write_stdout(gr_ctx *ctx, const void *data, size_t len)
{
    const unsigned char *p = data;
    while (len > 0) {
        ssize_t w = write(STDOUT_FILENO, p, len);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0)
            return gr_syserror(ctx, "-", 0, GR_TEXT(STDIO_WRITING_STANDARD_OUTPUT_FAILED),
                               GR_ERRNO(errno));
        p += w;
        len -= (size_t)w;
    }
    return GR_OK;
}
