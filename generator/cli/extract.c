/* extract.c — `gereport extract REPORT.pdf DIR`: writes the files a report
 * made with --embed-source carries (the data and its images) into DIR, and
 * says which of the recorded program, library and font versions differ
 * from the ones at hand (docs/archival.md). The PDF is read by
 * report/archive.c (libqpdf's C API);
 * every name from the PDF is confined to DIR (relative, no "..", no empty
 * or hidden-link components, nothing overwritten), and sizes are limited. */
#include "cli.h"
#include "../report/archive.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* PDF size, file count and one file's size: report/archive.c */
#define MAX_TOTAL_SIZE  ((size_t)512 << 20)
#define MAX_NAME        255

static void extract_usage(FILE *out)
{
    fputs("用法 Usage: gereport extract REPORT.pdf DIR [options]\n"
          "\n"
          "取出以 --embed-source 產生的報告內附的資料檔與圖檔，寫到資料夾 DIR（不覆寫\n"
          "既有檔案），並比對報告記載的程式、程式庫與字型版本和本機的是否相同。\n"
          "Writes the data file and images a report made with --embed-source carries\n"
          "into DIR (never overwriting a file) and says which recorded program,\n"
          "library and font versions differ from the ones at hand.\n"
          "\n"
          "選項 Options:\n"
          "  -q, --quiet     只顯示錯誤 errors only\n"
          "  --datadir DIR   templates/ 與 fonts/ 所在的資料夾 folder holding fonts/\n"
          "  --fonts DIR     字型設定資料夾 folder of gereport-fonts.conf\n",
          out);
}

/* A name from the PDF is safe inside DIR: relative, components of printable
 * characters, none empty, "." or "..", no backslash. */
static int safe_name(const char *s)
{
    const char *c = s;
    size_t n = strlen(s);
    if (n == 0 || n > MAX_NAME || s[0] == '/') return 0;
    for (; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '\\' || *c == ':') return 0;
    for (c = s; *c;) {
        const char *e = strchr(c, '/');
        size_t len = e ? (size_t)(e - c) : strlen(c);
        if (len == 0 || (len == 1 && c[0] == '.') || (len == 2 && c[0] == '.' && c[1] == '.'))
            return 0;
        c += len;
        if (*c == '/') c++;
        if (e && !*c) return 0;                       /* trailing slash */
    }
    return 1;
}

/* Write data to DIR/name: folders made inside DIR (never through a link),
 * the file created new (O_EXCL, O_NOFOLLOW). */
static int write_inside(gr_ctx *ctx, const char *dir, const char *name,
                        const unsigned char *data, size_t len)
{
    char *path = gr_path_join(dir, name), *p;
    int fd, rc = GR_OK;
    struct stat st;
    for (p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = 0;
        if (lstat(path, &st) == 0) {
            if (!S_ISDIR(st.st_mode)) {
                rc = gr_syserror(ctx, path, 0, "不是資料夾（或是連結），不寫入",
                                 "not a folder (or a link): nothing written there%s", "");
            }
        } else if (mkdir(path, 0755) != 0) {
            rc = gr_syserror(ctx, path, 0, "無法建立資料夾：%s", "cannot create the folder: %s",
                             strerror(errno));
        }
        *p = '/';
        if (rc != GR_OK) {
            free(path);
            return rc;
        }
    }
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
    if (fd < 0) {
        rc = gr_syserror(ctx, path, 0, "無法寫入（檔案已存在或無法建立）：%s",
                         "cannot write (the file exists or cannot be made): %s", strerror(errno));
    } else {
        size_t off = 0;
        while (off < len) {
            ssize_t w = write(fd, data + off, len - off);
            if (w <= 0) break;
            off += (size_t)w;
        }
        if (close(fd) != 0 || off < len) {
            rc = gr_syserror(ctx, path, 0, "寫入失敗：%s", "write failed: %s", strerror(errno));
            unlink(path);
        }
    }
    free(path);
    return rc;
}

static int extract(gr_ctx *ctx, const char *pdf, const char *dir, const char *fontdir)
{
    gr_archive *a;
    size_t i, n, total = 0;
    int rc, differ, made_dir = 0;
    struct stat st;
    rc = gr_archive_open(ctx, pdf, &a);
    if (rc != GR_OK) return rc;
    n = gr_archive_nfiles(a);
    if (n == 0) {
        gr_archive_close(a);
        return gr_error(ctx, pdf, 0, "這份 PDF 沒有內附資料（產生時未使用 --embed-source）",
                        "this PDF carries no data (it was not built with --embed-source)");
    }
    if (stat(dir, &st) != 0 && !(made_dir = mkdir(dir, 0755) == 0)) {
        gr_archive_close(a);
        return gr_syserror(ctx, dir, 0, "無法建立資料夾：%s", "cannot create the folder: %s",
                           strerror(errno));
    }
    /* first every name and every file's decoding checked, so that a bad
       one leaves nothing behind; then the files written (and removed
       again if one cannot be written) */
    for (i = 0; rc == GR_OK && i < n; i++) {
        const char *name = gr_archive_file_name(a, i);
        unsigned char *data = NULL;
        size_t dlen = 0;
        if (!safe_name(name)) {
            rc = gr_error(ctx, pdf, 0, "內附檔案名稱不安全，不寫出：「%s」",
                          "unsafe name of an embedded file, not written: \"%s\"", name);
            break;
        }
        rc = gr_archive_read_file(ctx, a, i, &data, &dlen);
        free(data);
        total += dlen;
        if (rc == GR_OK && total > MAX_TOTAL_SIZE)
            rc = gr_error(ctx, pdf, 0, "內附檔案合計超過 %zu 位元組", "embedded files exceed %zu bytes together",
                          MAX_TOTAL_SIZE);
    }
    for (i = 0; rc == GR_OK && i < n; i++) {
        const char *name = gr_archive_file_name(a, i);
        unsigned char *data = NULL;
        size_t dlen = 0;
        rc = gr_archive_read_file(ctx, a, i, &data, &dlen);
        if (rc == GR_OK) rc = write_inside(ctx, dir, name, data, dlen);
        free(data);
        if (rc == GR_OK && !ctx->quiet) printf("%s/%s\n", dir, name);
        if (rc != GR_OK)
            while (i-- > 0) {                     /* the ones written before */
                char *path = gr_path_join(dir, gr_archive_file_name(a, i));
                unlink(path);
                free(path);
            }
    }
    if (rc != GR_OK && made_dir) rmdir(dir);   /* made by this run and empty */
    differ = gr_archive_compare(ctx, a, fontdir, stdout);
    if (rc == GR_OK && !ctx->quiet)
        printf(differ ? "%s: %d 項版本或字型不同，重新產生的 PDF 可能與原檔不完全相同 "
                        "(%d version(s) or font(s) differ: a rebuild may not give the same bytes)\n"
                      : "%s: 程式、程式庫與字型版本相同 program, library and font versions match%.0d%.0d\n",
               pdf, differ, differ);
    gr_archive_close(a);
    return rc;
}

enum { O_QUIET = 1, O_DATADIR, O_FONTS };
static const gr_opt extract_opts[] = {
    { "quiet", 'q', 0, O_QUIET }, { "datadir", 0, 1, O_DATADIR }, { "fonts", 0, 1, O_FONTS },
    { NULL, 0, 0, 0 }
};

int gr_cmd_extract(int argc, char **argv)
{
    gr_ctx ctx;
    gr_opts p;
    const char *in = NULL, *dir = NULL, *datadir_opt = NULL, *fonts_opt = NULL;
    char *datadir, *fontdir;
    int id, rc;
    gr_ctx_init(&ctx);
    gr_opts_init(&p, &ctx, "extract", "extract REPORT.pdf DIR [options]", extract_opts, argc, argv);
    while ((id = gr_opts_next(&p)) != GR_OPT_END) {
        if (id == GR_OPT_ERROR) return GR_ESYS;
        if (id == GR_OPT_HELP) {
            extract_usage(stdout);
            return GR_OK;
        }
        if (id == O_QUIET) ctx.quiet = 1;
        else if (id == O_DATADIR) datadir_opt = p.value;
        else if (id == O_FONTS) fonts_opt = p.value;
        else if (id == GR_OPT_OPERAND && !in) in = p.value;
        else if (id == GR_OPT_OPERAND && !dir) dir = p.value;
        else
            return gr_opts_usage_error(&p, "多餘的參數「%s」", "unexpected argument \"%s\"", p.value);
    }
    if (!in || !dir)
        return gr_opts_usage_error(&p, "需要報告 PDF 與資料夾", "needs a report PDF and a folder");
    datadir = datadir_opt ? gr_strdup(datadir_opt) : gr_cli_datadir();
    fontdir = fonts_opt ? gr_strdup(fonts_opt) : gr_path_join(datadir, "fonts");
    rc = extract(&ctx, in, dir, fontdir);
    free(fontdir);
    free(datadir);
    return rc;
}
