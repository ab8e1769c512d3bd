/* archive.c — a report read back as an archive (docs/archival.md): the
 * PDF parsed with libqpdf's C API, the provenance it records (its Info
 * dictionary), the files it carries (--embed-source) found through the
 * /EmbeddedFiles name tree, /Kids included, and decoded under a size limit
 * that holds while decoding (a deflate bomb is stopped at the limit, never
 * inflated whole), and the recorded program, library and font versions
 * compared with the ones at hand. Used by extract, build --like and the
 * input layer (a data file given as a PDF).
 *
 * Ownership: gr_archive owns the PDF's bytes, the qpdf handle and the file
 * list until gr_archive_close. */
#define _XOPEN_SOURCE 700            /* nftw */
#include "../util/msg.h"
#include "archive.h"
#include "provenance.h"
#include <qpdf/qpdf-c.h>
#include <libdeflate.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_PDF_SIZE   ((size_t)512 << 20)
#define MAX_FILE_SIZE  ((size_t)64 << 20)     /* one carried file, decoded */
#define MAX_FILES      1000
#define MAX_TREE_DEPTH 32                     /* /Kids levels of the name tree */
#define MAX_TREE_NODES 10000
#define MAX_TOTAL_SIZE ((size_t)512 << 20) /* all carried files together */
#define MAX_NAME       255

struct gr_archive {
    char *path;                /* as the caller named it (messages) */
    char *bytes;
    size_t len;
    qpdf_data q;
    size_t n;
    char **names;              /* /UF (or /F) of each file specification */
    qpdf_oh *streams;          /* its /EF /F stream */
};

static const char *str_of(qpdf_data q, qpdf_oh oh)
{
    return qpdf_oh_is_string(q, oh) ? qpdf_oh_get_utf8_value(q, oh) : NULL;
}

static void add_file(gr_archive *a, const char *name, qpdf_oh stream)
{
    a->names = gr_realloc(a->names, (a->n + 1) * sizeof *a->names);
    a->streams = gr_realloc(a->streams, (a->n + 1) * sizeof *a->streams);
    a->names[a->n] = gr_strdup(name);
    a->streams[a->n++] = stream;
}

/* One node of the name tree: its /Names pairs, then its /Kids (ISO 32000-1
 * 7.9.6; a writer with many attachments splits the tree). Depth and node
 * count are bounded, so a cyclic or huge tree ends. */
static int walk_names(gr_ctx *ctx, gr_archive *a, qpdf_oh node, int depth, int *nodes)
{
    qpdf_data q = a->q;
    qpdf_oh names = qpdf_oh_get_key(q, node, "/Names"), kids = qpdf_oh_get_key(q, node, "/Kids");
    int i, n;
    if (depth > MAX_TREE_DEPTH || ++*nodes > MAX_TREE_NODES)
        return gr_error(ctx, a->path, 0, GR_TEXT(ARCHIVE_THE_TREE_OF_EMBEDDED_FILES));
    n = qpdf_oh_is_array(q, names) ? qpdf_oh_get_array_n_items(q, names) : 0;
    for (i = 0; i + 1 < n; i += 2) {
        qpdf_oh fs = qpdf_oh_get_array_item(q, names, i + 1);
        const char *name = str_of(q, qpdf_oh_get_key(q, fs, "/UF"));
        if (!name) name = str_of(q, qpdf_oh_get_key(q, fs, "/F"));
        if (a->n >= MAX_FILES)
            return gr_error(ctx, a->path, 0, GR_TEXT(ARCHIVE_MORE_THAN_D_EMBEDDED_FILES), MAX_FILES);
        add_file(a, name ? name : "", qpdf_oh_get_key(q, qpdf_oh_get_key(q, fs, "/EF"), "/F"));
    }
    n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 0;
    for (i = 0; i < n; i++) {
        int rc = walk_names(ctx, a, qpdf_oh_get_array_item(q, kids, i), depth + 1, nodes);
        if (rc != GR_OK) return rc;
    }
    return GR_OK;
}

int gr_archive_open(gr_ctx *ctx, const char *pdf, gr_archive **out)
{
    gr_archive *a = gr_calloc(1, sizeof *a);
    int nodes = 0, rc;
    *out = NULL;
    a->path = gr_strdup(pdf);
    rc = gr_read_input(ctx, pdf, MAX_PDF_SIZE, &a->bytes, &a->len);
    if (rc != GR_OK) {
        gr_archive_close(a);
        return rc;
    }
    a->q = qpdf_init();
    qpdf_silence_errors(a->q);
    qpdf_set_suppress_warnings(a->q, QPDF_TRUE);
    if (qpdf_read_memory(a->q, pdf, a->bytes, (unsigned long long)a->len, NULL) & QPDF_ERRORS) {
        gr_archive_close(a);
        return gr_error(ctx, pdf, 0, GR_TEXT(EXTRACT_CANNOT_READ_PDF_DAMAGED));
    }
    rc = walk_names(ctx, a, qpdf_oh_get_key(a->q, qpdf_oh_get_key(a->q, qpdf_get_root(a->q), "/Names"),
                                            "/EmbeddedFiles"), 0, &nodes);
    if (rc != GR_OK) {
        gr_archive_close(a);
        return rc;
    }
    *out = a;
    return GR_OK;
}

void gr_archive_close(gr_archive *a)
{
    size_t i;
    if (!a) return;
    if (a->q) qpdf_cleanup(&a->q);
    for (i = 0; i < a->n; i++) free(a->names[i]);
    free(a->names);
    free(a->streams);
    free(a->bytes);
    free(a->path);
    free(a);
}

size_t gr_archive_nfiles(const gr_archive *a) { return a->n; }
const char *gr_archive_path(const gr_archive *a) { return a->path; }
const char *gr_archive_file_name(const gr_archive *a, size_t i) { return a->names[i]; }

char *gr_archive_info(gr_archive *a, const char *key)
{
    char k[80];
    const char *v;
    snprintf(k, sizeof k, "/%s", key);
    v = qpdf_get_info_key(a->q, k);
    return v ? gr_strdup(v) : NULL;
}

int gr_archive_read_file(gr_ctx *ctx, gr_archive *a, size_t i, unsigned char **data, size_t *len)
{
    qpdf_data q = a->q;
    qpdf_oh st = a->streams[i], dict, filter, size;
    unsigned char *raw = NULL, *buf;
    size_t rawlen = 0, got = 0;
    const char *name = a->names[i];
    *data = NULL;
    *len = 0;
    if (!qpdf_oh_is_stream(q, st))
        return gr_error(ctx, a->path, 0, GR_TEXT(EXTRACT_EMBEDDED_FILE_CANNOT_READ), name);
    dict = qpdf_oh_get_dict(q, st);
    size = qpdf_oh_get_key(q, qpdf_oh_get_key(q, dict, "/Params"), "/Size");
    filter = qpdf_oh_get_key(q, dict, "/Filter");
    if (qpdf_oh_is_array(q, filter) && qpdf_oh_get_array_n_items(q, filter) == 1)
        filter = qpdf_oh_get_array_item(q, filter, 0);
    /* the declared size first: nothing is decoded for a file said to be too large */
    if (qpdf_oh_is_integer(q, size) && (qpdf_oh_get_int_value(q, size) < 0 ||
                                        (unsigned long long)qpdf_oh_get_int_value(q, size) > MAX_FILE_SIZE))
        return gr_error(ctx, a->path, 0, GR_TEXT(ARCHIVE_EMBEDDED_FILE_S_IS_TOO), name,
                        (long long)qpdf_oh_get_int_value(q, size), MAX_FILE_SIZE);
    if (!qpdf_oh_is_null(q, qpdf_oh_get_key(q, dict, "/DecodeParms")) ||
        !(qpdf_oh_is_null(q, filter) || qpdf_oh_is_name_and_equals(q, filter, "/FlateDecode")))
        return gr_error(ctx, a->path, 0, GR_TEXT(ARCHIVE_EMBEDDED_FILE_S_UNSUPPORTED_COMPRESSION), name);
    /* the raw (still compressed) bytes from libqpdf, inflated here into a
       buffer of the limit's size: a bomb stops at the limit */
    {
        QPDF_BOOL filtered = QPDF_FALSE;
        if (qpdf_oh_get_stream_data(q, st, qpdf_dl_none, &filtered, &raw, &rawlen) & QPDF_ERRORS) {
            free(raw);
            return gr_error(ctx, a->path, 0, GR_TEXT(EXTRACT_EMBEDDED_FILE_CANNOT_READ), name);
        }
    }
    if (qpdf_oh_is_null(q, filter)) {
        if (rawlen > MAX_FILE_SIZE) {
            free(raw);
            return gr_error(ctx, a->path, 0, GR_TEXT(ARCHIVE_EMBEDDED_FILE_S_IS_TOO_2), name, MAX_FILE_SIZE);
        }
        if (qpdf_oh_is_integer(q, size) && (unsigned long long)qpdf_oh_get_int_value(q, size) != rawlen) {
            free(raw);
            return gr_error(ctx, a->path, 0, GR_TEXT(ARCHIVE_EMBEDDED_FILE_S_ITS_SIZE),
                            name, rawlen, (long long)qpdf_oh_get_int_value(q, size));
        }
        *data = raw;
        *len = rawlen;
        return GR_OK;
    }
    {
        struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
        enum libdeflate_result res;
        size_t cap = qpdf_oh_is_integer(q, size) ? (size_t)qpdf_oh_get_int_value(q, size) + 1 : MAX_FILE_SIZE + 1;
        if (!d) { free(raw); gr_out_of_memory(0); }
        if (cap > MAX_FILE_SIZE + 1) cap = MAX_FILE_SIZE + 1;
        buf = gr_malloc(cap ? cap : 1);
        res = libdeflate_zlib_decompress(d, raw, rawlen, buf, cap, &got);
        libdeflate_free_decompressor(d);
        free(raw);
        if (res == LIBDEFLATE_INSUFFICIENT_SPACE || (res == LIBDEFLATE_SUCCESS && got > MAX_FILE_SIZE)) {
            free(buf);
            return gr_error(ctx, a->path, 0, GR_TEXT(ARCHIVE_EMBEDDED_FILE_S_INFLATES_PAST),
                            name, qpdf_oh_is_integer(q, size) ? (size_t)qpdf_oh_get_int_value(q, size) : MAX_FILE_SIZE);
        }
        if (res != LIBDEFLATE_SUCCESS) {
            free(buf);
            return gr_error(ctx, a->path, 0, GR_TEXT(ARCHIVE_EMBEDDED_FILE_S_DAMAGED_COMPRESSED), name);
        }
        if (qpdf_oh_is_integer(q, size) && (unsigned long long)qpdf_oh_get_int_value(q, size) != got) {
            free(buf);
            return gr_error(ctx, a->path, 0, GR_TEXT(ARCHIVE_EMBEDDED_FILE_S_ITS_SIZE),
                            name, got, (long long)qpdf_oh_get_int_value(q, size));
        }
    }
    *data = buf;
    *len = got;
    return GR_OK;
}

/* ---- recorded against at hand ----------------------------------------- */

/* The Debian package that installs a font file, from fonts/font-packages.txt
 * (lines "FILE PACKAGE"), or NULL. */
static char *package_of(gr_ctx *ctx, const char *fontdir, const char *file)
{
    char *path = gr_path_join(fontdir, "font-packages.txt"), *data = NULL, *r = NULL, *line, *save;
    size_t len = 0;
    gr_ctx quiet;
    gr_ctx_init(&quiet);                         /* a missing table is no error */
    quiet.print_off = 1;
    (void)ctx;
    if (gr_read_file(&quiet, path, &data, &len) == GR_OK) {
        for (line = strtok_r(data, "\n", &save); line && !r; line = strtok_r(NULL, "\n", &save)) {
            char *sp = strchr(line, ' ');
            if (line[0] == '#' || !sp) continue;
            *sp = 0;
            if (strcmp(line, file) == 0) r = gr_strdup(sp + 1);
        }
    }
    free(data);
    free(path);
    return r;
}

/* Each recorded font ("FILE#INDEX, VERSION, head 0x…, N bytes" joined by
 * " | ") against the file of that name the font configuration finds here. */
static int compare_fonts(gr_ctx *ctx, const char *pdf, const char *recorded, const char *fontdir, FILE *out)
{
    gr_fontset *fs = gr_fontset_new(ctx, fontdir);
    char *list = gr_strdup(recorded), *item, *save;
    int differ = 0;
    for (item = strtok_r(list, "|", &save); item; item = strtok_r(NULL, "|", &save)) {
        char file[512], *hash, *comma, *found, *now;
        int index;
        while (*item == ' ') item++;
        comma = strstr(item, ", ");
        hash = strchr(item, '#');
        if (!comma || !hash || hash > comma || (size_t)(hash - item) >= sizeof file) continue;
        {
            size_t k = strlen(item);
            while (k > 0 && item[k - 1] == ' ') item[--k] = 0;
        }
        memcpy(file, item, (size_t)(hash - item));
        file[hash - item] = 0;
        index = atoi(hash + 1);
        found = gr_fontset_find_file(fs, file, index);
        now = found ? gr_font_describe_file(found, index) : NULL;
        if (!now) {
            char *pkg = package_of(ctx, fontdir, file);
            fprintf(out, "%s: 字型 %s 本機沒有；請安裝%s%s%s (font %s is not installed here; install %s%s)\n",
                    pdf, item, pkg ? " Debian 套件 " : "這個版本的字型", pkg ? pkg : "",
                    pkg ? "（並確認版本相同）" : "", item, pkg ? "the Debian package " : "this version of the font",
                    pkg ? pkg : "");
            free(pkg);
            differ++;
        } else if (strcmp(now, item) != 0) {
            char *pkg = package_of(ctx, fontdir, file);
            fprintf(out, "%s: 字型不同 font differs: 報告 recorded %s；本機 here %s (%s)；"
                    "要得到相同位元組請安裝報告所記的版本%s%s (install the recorded version%s%s for the same bytes)\n",
                    pdf, item, now, found, pkg ? "，Debian 套件 " : "", pkg ? pkg : "",
                    pkg ? ", Debian package " : "", pkg ? pkg : "");
            free(pkg);
            differ++;
        }
        free(now);
        free(found);
    }
    free(list);
    gr_fontset_free(fs);
    return differ;
}

int gr_archive_compare(gr_ctx *ctx, gr_archive *a, const char *fontdir, FILE *out)
{
    gr_pdf_prop now[GR_REPORT_RUNTIME_MAX];
    size_t n = gr_report_runtime(now), i;
    int differ = 0;
    char *fonts;
    for (i = 0; i < n; i++) {
        char *was = gr_archive_info(a, now[i].name);
        if (!was) {
            fprintf(out, "%s: %s 未記載 not recorded\n", a->path, now[i].name);
            differ++;
        } else if (strcmp(was, now[i].value) != 0) {
            fprintf(out, "%s: %s 不同 differs: 報告 recorded %s，本機 here %s\n", a->path, now[i].name, was,
                    now[i].value);
            differ++;
        }
        free(was);
    }
    fonts = gr_archive_info(a, "Fonts");
    if (!fonts) {
        fprintf(out, "%s: Fonts 未記載 not recorded\n", a->path);
        differ++;
    } else {
        differ += compare_fonts(ctx, a->path, fonts, fontdir, out);
    }
    free(fonts);
    return differ;
}

/* The keys of the Info dictionary, newly allocated ("Agency" …). */
static size_t info_keys(gr_archive *a, char ***out)
{
    qpdf_oh info = qpdf_oh_get_key(a->q, qpdf_get_trailer(a->q), "/Info");
    char **v = NULL;
    size_t n = 0;
    if (qpdf_oh_is_dictionary(a->q, info)) {
        qpdf_oh_begin_dict_key_iter(a->q, info);
        while (qpdf_oh_dict_more_keys(a->q) && n < 256) {
            const char *k = qpdf_oh_dict_next_key(a->q);
            v = gr_realloc(v, (n + 1) * sizeof *v);
            v[n++] = gr_strdup(k[0] == '/' ? k + 1 : k);
        }
    }
    *out = v;
    return n;
}

int gr_archive_diff(gr_archive *was, gr_archive *now, FILE *out)
{
    char **keys, **keys2;
    size_t n = info_keys(was, &keys), n2 = info_keys(now, &keys2), i, k;
    int differ = 0;
    for (i = 0; i < n + n2; i++) {
        const char *key = i < n ? keys[i] : keys2[i - n];
        char *a, *b;
        if (i >= n) {                            /* only in the new one */
            for (k = 0; k < n && strcmp(keys[k], key) != 0; k++) {}
            if (k < n) continue;
        }
        a = gr_archive_info(was, key);
        b = gr_archive_info(now, key);
        if (!a || !b || strcmp(a, b) != 0) {
            fprintf(out, "%s: %s 不同 differs: 原報告 recorded %s；這次 now %s\n", now->path, key,
                    a ? a : "（無 none）", b ? b : "（無 none）");
            differ++;
        }
        free(a);
        free(b);
    }
    for (i = 0; i < n; i++) free(keys[i]);
    for (i = 0; i < n2; i++) free(keys2[i]);
    free(keys);
    free(keys2);
    return differ;
}

int gr_archive_same_bytes(const gr_archive *a, const gr_archive *b)
{
    return a->len == b->len && memcmp(a->bytes, b->bytes, a->len) == 0;
}

/* ---- writing the carried files out ------------------------------------- */

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
            rc = gr_syserror(ctx, path, 0, GR_TEXT(EXTRACT_CANNOT_CREATE_FOLDER), GR_ERRNO(errno));
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

int gr_archive_unpack(gr_ctx *ctx, gr_archive *a, const char *dir, int list)
{
    size_t i, n = a->n, total = 0;
    const char *pdf = a->path;
    int rc = GR_OK;
    /* first every name and every file's decoding checked, so that a bad
       one leaves nothing behind; then the files written (and removed
       again if one cannot be written) */
    for (i = 0; rc == GR_OK && i < n; i++) {
        const char *name = gr_archive_file_name(a, i);
        unsigned char *data = NULL;
        size_t dlen = 0;
        if (!safe_name(name)) {
            rc = gr_error(ctx, pdf, 0, GR_TEXT(EXTRACT_UNSAFE_NAME_EMBEDDED_FILE), name);
            break;
        }
        rc = gr_archive_read_file(ctx, a, i, &data, &dlen);
        free(data);
        total += dlen;
        if (rc == GR_OK && total > MAX_TOTAL_SIZE)
            rc = gr_error(ctx, pdf, 0, GR_TEXT(ARCHIVE_EMBEDDED_FILES_EXCEED_ZU_BYTES),
                          MAX_TOTAL_SIZE);
    }
    for (i = 0; rc == GR_OK && i < n; i++) {
        const char *name = gr_archive_file_name(a, i);
        unsigned char *data = NULL;
        size_t dlen = 0;
        rc = gr_archive_read_file(ctx, a, i, &data, &dlen);
        if (rc == GR_OK) rc = write_inside(ctx, dir, name, data, dlen);
        free(data);
        if (rc == GR_OK && list) printf("%s/%s\n", dir, name);
        if (rc != GR_OK)
            while (i-- > 0) {                     /* the ones written before */
                char *path = gr_path_join(dir, gr_archive_file_name(a, i));
                unlink(path);
                free(path);
            }
    }
    return rc;
}

/* ---- a report given where a data file is expected ----------------------- */

int gr_is_pdf_file(const char *path)
{
    char head[5];
    int fd, ok;
    if (!gr_regular_file(path)) return 0;
    fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return 0;
    ok = read(fd, head, 5) == 5 && memcmp(head, "%PDF-", 5) == 0;
    close(fd);
    return ok;
}

static int remove_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)st; (void)flag; (void)f;
    remove(p);
    return 0;
}

void gr_archive_remove_temp(char *tmpdir)
{
    if (!tmpdir) return;
    nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    free(tmpdir);
}

int gr_archive_unpack_temp(gr_ctx *ctx, const char *pdf, char **tmpdir, char **data,
                           char **folder)
{
    gr_archive *a;
    const char *t = getenv("TMPDIR"), *base = strrchr(pdf, '/');
    char *tmpl, *dir, *name = NULL;
    size_t i, n;
    int rc;
    *tmpdir = *data = *folder = NULL;
    rc = gr_archive_open(ctx, pdf, &a);
    if (rc != GR_OK) return rc;
    /* the data file: the one .xml at the top (images are in folders) */
    for (i = 0; i < a->n; i++) {
        size_t l = strlen(a->names[i]);
        if (l > 4 && strcmp(a->names[i] + l - 4, ".xml") == 0 && !strchr(a->names[i], '/')) {
            name = a->names[i];
            break;
        }
    }
    if (!name) {
        gr_archive_close(a);
        return gr_error(ctx, pdf, 0, GR_TEXT(ARCHIVE_THIS_PDF_CARRIES_NO_DATA));
    }
    base = base ? base + 1 : pdf;
    n = strlen(t && t[0] ? t : "/tmp") + 32;
    tmpl = gr_malloc(n);
    snprintf(tmpl, n, "%s/gereport-XXXXXX", t && t[0] ? t : "/tmp");
    if (!mkdtemp(tmpl)) {
        rc = gr_syserror(ctx, tmpl, 0, GR_TEXT(ARCHIVE_CANNOT_MAKE_A_TEMPORARY_FOLDER),
                         strerror(errno));
        free(tmpl);
        gr_archive_close(a);
        return rc;
    }
    /* TMP/REPORT.pdf/: messages then name the report and the carried file */
    dir = gr_path_join(tmpl, base);
    if (mkdir(dir, 0700) != 0) rc = gr_syserror(ctx, dir, 0, GR_TEXT(ARCHIVE_CANNOT_MAKE_A_TEMPORARY_FOLDER), strerror(errno));
    if (rc == GR_OK) rc = gr_archive_unpack(ctx, a, dir, 0);
    if (rc == GR_OK) *data = gr_path_join(dir, name);
    gr_archive_close(a);
    if (rc != GR_OK) {
        free(dir);
        gr_archive_remove_temp(tmpl);
        return rc;
    }
    *folder = dir;
    *tmpdir = tmpl;
    return GR_OK;
}

int gr_archive_carries_data(const char *pdf)
{
    gr_ctx quiet;
    gr_archive *a;
    size_t i;
    int yes = 0;
    if (!gr_is_pdf_file(pdf)) return 0;
    gr_ctx_init(&quiet);
    quiet.print_off = 1;
    if (gr_archive_open(&quiet, pdf, &a) != GR_OK) return 0;
    for (i = 0; i < a->n && !yes; i++) {
        size_t l = strlen(a->names[i]);
        yes = l > 4 && strcmp(a->names[i] + l - 4, ".xml") == 0 && !strchr(a->names[i], '/');
    }
    gr_archive_close(a);
    return yes;
}
