/* file.c — reading inputs whole, writing outputs atomically (temporary file
 * beside the target, then rename: a failure never leaves a half-written
 * file), and path helpers. No fsync: rename already makes the replacement
 * atomic for every reader, and syncing cost a third of the wall time of a
 * 600-page report on these machines. */
#include "gr.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define GR_MAX_INPUT (256u << 20)   /* refuse inputs over 256 MiB */

int gr_read_file(gr_ctx *ctx, const char *path, char **data, size_t *len)
{
    FILE *f;
    struct stat st;
    char *buf;
    size_t n;
    if (gr_is_stdio(path)) return gr_read_stdin(ctx, data, len);   /* stdio.c */
    *data = NULL;
    *len = 0;
    f = fopen(path, "rb");
    if (!f)
        return gr_error(ctx, path, 0, "無法開啟檔案：%s", "cannot open file: %s",
                        strerror(errno));
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return gr_error(ctx, path, 0, "不是一般檔案", "not a regular file%s", "");
    }
    if ((unsigned long long)st.st_size > GR_MAX_INPUT) {
        fclose(f);
        return gr_error(ctx, path, 0, "檔案過大（上限 %u MiB）",
                        "file too large (limit %u MiB)", GR_MAX_INPUT >> 20);
    }
    buf = gr_malloc((size_t)st.st_size + 1);
    n = fread(buf, 1, (size_t)st.st_size, f);
    if (ferror(f)) {
        fclose(f);
        free(buf);
        return gr_error(ctx, path, 0, "讀取失敗", "read failed%s", "");
    }
    fclose(f);
    buf[n] = 0;
    *data = buf;
    *len = n;
    return GR_OK;
}

int gr_write_file_atomic(gr_ctx *ctx, const char *path, const void *data, size_t len)
{
    char *dir = gr_dirname(path);
    size_t tlen = strlen(path) + 32;
    char *tmp = gr_malloc(tlen);
    const unsigned char *p = data;
    int fd, rc = GR_OK;
    struct stat st;
    free(dir);
    if (gr_is_stdio(path)) { free(tmp); return gr_write_stdout(ctx, data, len); }   /* stdio.c */
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        free(tmp);
        return gr_syserror(ctx, path, 0, "輸出路徑是目錄", "output path is a directory%s", "");
    }
    snprintf(tmp, tlen, "%s.tmpXXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        rc = gr_syserror(ctx, path, 0, "無法寫入輸出檔：%s", "cannot write output: %s",
                         strerror(errno));
        free(tmp);
        return rc;
    }
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR) continue;
            rc = gr_syserror(ctx, path, 0, "寫入輸出檔失敗：%s", "writing output failed: %s",
                             strerror(errno));
            break;
        }
        p += w;
        len -= (size_t)w;
    }
    if (rc == GR_OK && fchmod(fd, 0644) != 0) { /* mkstemp makes 0600 */ }
    if (close(fd) != 0 && rc == GR_OK)
        rc = gr_syserror(ctx, path, 0, "寫入輸出檔失敗：%s", "writing output failed: %s",
                         strerror(errno));
    if (rc == GR_OK && rename(tmp, path) != 0)
        rc = gr_syserror(ctx, path, 0, "無法建立輸出檔：%s", "cannot create output: %s",
                         strerror(errno));
    if (rc != GR_OK)
        unlink(tmp);
    free(tmp);
    return rc;
}

char *gr_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return gr_strdup(".");
    if (slash == path) return gr_strdup("/");
    return gr_strndup(path, (size_t)(slash - path));
}

char *gr_path_join(const char *dir, const char *rel)
{
    size_t a, b;
    char *out;
    if (rel[0] == '/' || !dir || !dir[0] || strcmp(dir, ".") == 0)
        return gr_strdup(rel);
    a = strlen(dir);
    b = strlen(rel);
    out = gr_malloc(a + b + 2);
    memcpy(out, dir, a);
    out[a] = '/';
    memcpy(out + a + 1, rel, b + 1);
    return out;
}
