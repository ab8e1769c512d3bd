/* extract.c — `gereport extract REPORT.pdf DIR`: writes the files a report
 * made with --embed-source carries (the data and its images) into DIR, and
 * says which of the recorded program and library versions differ from the
 * ones at hand (docs/archival.md). The PDF is read with libqpdf's C API;
 * every name from the PDF is confined to DIR (relative, no "..", no empty
 * or hidden-link components, nothing overwritten), and sizes are limited. */
#include "cli.h"
#include "../report/report.h"
#include "../util/msg.h"
#include <qpdf/qpdf-c.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_PDF_SIZE    ((size_t)512 << 20)
#define MAX_FILE_SIZE   ((size_t)64 << 20)    /* one embedded file */
#define MAX_TOTAL_SIZE  ((size_t)512 << 20)
#define MAX_FILES       1000
#define MAX_NAME        255

static void extract_usage(FILE *out)
{
    fputs("用法 Usage: gereport extract REPORT.pdf DIR\n"
          "\n"
          "取出以 --embed-source 產生的報告內附的資料檔與圖檔，寫到資料夾 DIR（不覆寫\n"
          "既有檔案），並比對報告記載的程式與程式庫版本和本機的是否相同。\n"
          "Writes the data file and images a report made with --embed-source carries\n"
          "into DIR (never overwriting a file) and says which recorded program and\n"
          "library versions differ from the ones at hand.\n",
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
                rc = gr_syserror(ctx, path, 0, GR_TEXT(EXTRACT_FOLDER_LINK_NOTHING_WRITTEN));
            }
        } else if (mkdir(path, 0755) != 0) {
            rc = gr_syserror(ctx, path, 0, GR_TEXT(EXTRACT_CANNOT_CREATE_FOLDER),
                             GR_ERRNO(errno));
        }
        *p = '/';
        if (rc != GR_OK) {
            free(path);
            return rc;
        }
    }
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
    if (fd < 0) {
        rc = gr_syserror(ctx, path, 0, GR_TEXT(EXTRACT_CANNOT_WRITE_FILE_EXISTS), GR_ERRNO(errno));
    } else {
        size_t off = 0;
        while (off < len) {
            ssize_t w = write(fd, data + off, len - off);
            if (w <= 0) break;
            off += (size_t)w;
        }
        if (close(fd) != 0 || off < len) {
            rc = gr_syserror(ctx, path, 0, GR_TEXT(EXTRACT_WRITE_FAILED), GR_ERRNO(errno));
            unlink(path);
        }
    }
    free(path);
    return rc;
}

static const char *str_of(qpdf_data q, qpdf_oh oh)
{
    return qpdf_oh_is_string(q, oh) ? qpdf_oh_get_utf8_value(q, oh) : NULL;
}

/* Recorded versions against the ones at hand. Returns how many differ. */
static int compare_versions(gr_ctx *ctx, qpdf_data q, const char *pdf)
{
    gr_pdf_prop now[GR_REPORT_RUNTIME_MAX];
    size_t n = gr_report_runtime(now), i;
    int differ = 0;
    for (i = 0; i < n; i++) {
        char key[64];
        char const *was;
        snprintf(key, sizeof key, "/%s", now[i].name);
        was = qpdf_get_info_key(q, key);
        if (!was) {
            printf("%s: %s 未記載 not recorded\n", pdf, now[i].name);
            differ++;
        } else if (strcmp(was, now[i].value) != 0) {
            printf("%s: %s 不同 differs: 報告 recorded %s，本機 here %s\n", pdf, now[i].name, was,
                   now[i].value);
            differ++;
        }
    }
    (void)ctx;
    return differ;
}

static int extract(gr_ctx *ctx, const char *pdf, const char *dir)
{
    char *bytes = NULL;
    size_t len = 0, total = 0;
    qpdf_data q;
    qpdf_oh names;
    int rc, i, n, written = 0, differ;
    struct stat st;
    rc = gr_read_input(ctx, pdf, MAX_PDF_SIZE, &bytes, &len);
    if (rc != GR_OK) return rc;
    if (stat(dir, &st) != 0 && mkdir(dir, 0755) != 0) {
        free(bytes);
        return gr_syserror(ctx, dir, 0, GR_TEXT(EXTRACT_CANNOT_CREATE_FOLDER),
                           GR_ERRNO(errno));
    }
    q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    if (qpdf_read_memory(q, pdf, bytes, (unsigned long long)len, NULL) & QPDF_ERRORS) {
        qpdf_cleanup(&q);
        free(bytes);
        return gr_error(ctx, pdf, 0, GR_TEXT(EXTRACT_CANNOT_READ_PDF_DAMAGED));
    }
    names = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_get_root(q), "/Names"),
                                               "/EmbeddedFiles"), "/Names");
    n = qpdf_oh_is_array(q, names) ? qpdf_oh_get_array_n_items(q, names) : 0;
    if (n == 0) {
        rc = gr_error(ctx, pdf, 0, GR_TEXT(EXTRACT_PDF_CARRIES_DATA_WAS));
    }
    for (i = 0; rc == GR_OK && i + 1 < n && i / 2 < MAX_FILES; i += 2) {
        qpdf_oh fs = qpdf_oh_get_array_item(q, names, i + 1);
        qpdf_oh st_oh = qpdf_oh_get_key(q, qpdf_oh_get_key(q, fs, "/EF"), "/F");
        const char *name = str_of(q, qpdf_oh_get_key(q, fs, "/UF"));
        unsigned char *data = NULL;
        size_t dlen = 0;
        QPDF_BOOL filtered = QPDF_FALSE;
        if (!name) name = str_of(q, qpdf_oh_get_key(q, fs, "/F"));
        if (!name || !safe_name(name)) {
            rc = gr_error(ctx, pdf, 0, GR_TEXT(EXTRACT_UNSAFE_NAME_EMBEDDED_FILE), name ? name : "?");
            break;
        }
        if (!qpdf_oh_is_stream(q, st_oh)
            || (qpdf_oh_get_stream_data(q, st_oh, qpdf_dl_generalized, &filtered, &data, &dlen)
                & QPDF_ERRORS) || !filtered) {
            free(data);
            rc = gr_error(ctx, pdf, 0, GR_TEXT(EXTRACT_EMBEDDED_FILE_CANNOT_READ), name);
            break;
        }
        total += dlen;
        if (dlen > MAX_FILE_SIZE || total > MAX_TOTAL_SIZE) {
            free(data);
            rc = gr_error(ctx, pdf, 0, GR_TEXT(EXTRACT_EMBEDDED_FILE_TOO_LARGE), name, dlen);
            break;
        }
        rc = write_inside(ctx, dir, name, data, dlen);
        free(data);
        if (rc == GR_OK) {
            written++;
            if (!ctx->quiet) printf("%s/%s\n", dir, name);
        }
    }
    differ = compare_versions(ctx, q, pdf);
    if (rc == GR_OK && !ctx->quiet)
        printf(differ ? "%s: %d 項版本不同，重新產生的 PDF 可能與原檔不完全相同 "
                        "(%d version(s) differ: a rebuild may not give the same bytes)\n"
                      : "%s: 程式與程式庫版本相同 program and library versions match%.0d%.0d\n",
               pdf, differ, differ);
    qpdf_cleanup(&q);
    free(bytes);
    (void)written;
    return rc;
}

int gr_cmd_extract(int argc, char **argv)
{
    gr_ctx ctx;
    const char *in = NULL, *dir = NULL;
    int i;
    gr_ctx_init(&ctx);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            extract_usage(stdout);
            return GR_OK;
        } else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
            ctx.quiet = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "gereport extract: ");
            fprintf(stderr, gr_msg_zh_OPT_UNKNOWN_OPTION, argv[i]);
            fputs(" (", stderr);
            fprintf(stderr, gr_msg_en_OPT_UNKNOWN_OPTION, argv[i]);
            fputs(")\n", stderr);
            extract_usage(stderr);
            return GR_ESYS;
        } else if (!in) {
            in = argv[i];
        } else if (!dir) {
            dir = argv[i];
        } else {
            extract_usage(stderr);
            return GR_ESYS;
        }
    }
    if (!in || !dir) {
        extract_usage(stderr);
        return GR_ESYS;
    }
    return extract(&ctx, in, dir);
}
