/* file.c — opening inputs safely, reading them whole, writing outputs so
 * that nothing half-written is ever left, and path helpers.
 *
 * Inputs are opened with O_NONBLOCK|O_NOCTTY and must be regular files: a
 * FIFO, device, socket, folder or /proc file is refused in the user's words
 * before anything is read (a FIFO would otherwise block forever). Every input
 * is remembered (device+inode) in the run context so that no output of the
 * run can replace one (build X.xml -o X.xml).
 *
 * Outputs: a new file is written nameless (O_TMPFILE) and linked in when
 * complete; otherwise — the filesystem lacks O_TMPFILE, or an existing file
 * is replaced — a temporary file beside the target is written and renamed
 * over it. The temporary file is removed on failure and by the catchable
 * signals (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXCPU, SIGPIPE, SIGALRM);
 * SIGXFSZ is ignored so that a write over `ulimit -f` fails with EFBIG and
 * is reported like a full disk. The data is fsync'ed before the link/rename and the folder
 * after it: reports are archival and must survive a crash, which is worth
 * the time it costs. The one window left: SIGKILL (kill -9, the OOM killer)
 * while a file is being *replaced* leaves `NAME.tmp-PID-N` beside it; the
 * target itself is always either the old or the complete new file.
 * New files get the user's umask (never more permissive). */
#define _GNU_SOURCE
#include "gr.h"
#include <assert.h>
#include "msg.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#define GR_MAX_INPUT (256u << 20)   /* refuse inputs over 256 MiB */

/* ---- inputs ----------------------------------------------------------- */

const char *gr_file_kind(unsigned mode, int en)
{
    gr_msg_id id = S_ISDIR(mode) ? GR_M_FILE_KIND_FOLDER
                 : S_ISFIFO(mode) ? GR_M_FILE_KIND_FIFO
                 : S_ISCHR(mode) || S_ISBLK(mode) ? GR_M_FILE_KIND_DEVICE
                 : S_ISSOCK(mode) ? GR_M_FILE_KIND_SOCKET
                 : S_ISLNK(mode) ? GR_M_FILE_KIND_LINK : GR_M_FILE_KIND_OTHER;
    return en ? gr_msg_en(id) : gr_msg_zh(id);
}

/* /proc and /sys files claim to be regular files of size 0. */
static int is_virtual_fs(int fd)
{
    struct statfs sf;
    if (fstatfs(fd, &sf) != 0) return 0;
    return sf.f_type == 0x9fa0 /* proc */ || sf.f_type == 0x62656572 /* sysfs */ ||
           sf.f_type == 0x64626720 /* debugfs */ || sf.f_type == 0x74726163 /* tracefs */;
}

static void remember_input(gr_ctx *ctx, const struct stat *st)
{
    int i;
    for (i = 0; i < ctx->ninputs; i++)
        if (ctx->inputs[i].dev == (unsigned long long)st->st_dev &&
            ctx->inputs[i].ino == (unsigned long long)st->st_ino)
            return;
    if (ctx->ninputs < GR_MAX_RUN_INPUTS) {
        ctx->inputs[ctx->ninputs].dev = (unsigned long long)st->st_dev;
        ctx->inputs[ctx->ninputs].ino = (unsigned long long)st->st_ino;
        ctx->ninputs++;
    }
}

int gr_open_input(gr_ctx *ctx, const char *path, const char *file, int line,
                  const char *shown, int *fd_out)
{
    struct stat st;
    int fd;
    const char *rfile = file ? file : path;
    if (!shown) shown = path;
    *fd_out = -1;
    fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return gr_error(ctx, rfile, line, GR_TEXT(FILE_FOUND),
                            gr_clip(shown));
        return gr_error(ctx, rfile, line, GR_TEXT(FILE_CANNOT_OPEN),
                        gr_clip(shown), GR_ERRNO(errno));
    }
    if (fstat(fd, &st) != 0) {
        close(fd);
        return gr_error(ctx, rfile, line, GR_TEXT(FILE_CANNOT_OPEN),
                        gr_clip(shown), GR_ERRNO(errno));
    }
    if (!S_ISREG(st.st_mode) || is_virtual_fs(fd)) {
        int virt = S_ISREG(st.st_mode);
        close(fd);
        return gr_error(ctx, rfile, line, GR_TEXT(FILE_REGULAR_FILE_GIVE_FILE),
                        gr_clip(shown),
                        virt ? gr_msg_zh(GR_M_FILE_KIND_VIRTUAL) : gr_file_kind(st.st_mode, 0),
                        virt ? gr_msg_en(GR_M_FILE_KIND_VIRTUAL) : gr_file_kind(st.st_mode, 1));
    }
    /* a regular file never blocks; reads are ordinary from here on */
    (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    remember_input(ctx, &st);
    *fd_out = fd;
    return GR_OK;
}

int gr_regular_file(const char *path)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC), ok;
    if (fd < 0) return 0;
    ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && !is_virtual_fs(fd);
    close(fd);
    return ok;
}

int gr_read_fd(gr_ctx *ctx, int fd, const char *file, int line, const char *shown,
               size_t limit, char **data, size_t *len)
{
    struct stat st;
    size_t cap, got = 0;
    char *buf;
    *data = NULL;
    *len = 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0) st.st_size = 0;
    if ((unsigned long long)st.st_size > limit)
        return gr_error(ctx, file, line, GR_TEXT(FILE_TOO_LARGE_LIMIT_MIB), gr_clip(shown), limit >> 20);
    cap = (size_t)st.st_size + 1;
    buf = gr_malloc(cap);
    for (;;) {
        ssize_t r;
        if (got + 1 >= cap) {
            if (got > limit) {
                free(buf);
                return gr_error(ctx, file, line, GR_TEXT(FILE_TOO_LARGE_LIMIT_MIB), gr_clip(shown), limit >> 20);
            }
            cap = cap * 2 + 4096;
            buf = gr_realloc(buf, cap);
        }
        r = read(fd, buf + got, cap - 1 - got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            return gr_error(ctx, file, line, GR_TEXT(FILE_READING_FAILED),
                            gr_clip(shown), GR_ERRNO(e));
        }
        if (r == 0) break;
        got += (size_t)r;
    }
    buf[got] = 0;
    *data = buf;
    *len = got;
    return GR_OK;
}

int gr_read_file(gr_ctx *ctx, const char *path, char **data, size_t *len)
{
    return gr_read_input(ctx, path, GR_MAX_INPUT, data, len);
}

int gr_read_input(gr_ctx *ctx, const char *path, size_t limit, char **data, size_t *len)
{
    int fd, rc;
    *data = NULL;
    *len = 0;
    if (gr_is_stdio(path))                 /* "-": standard input, read whole */
        return gr_read_fd(ctx, STDIN_FILENO, path, 0, "標準輸入", limit, data, len);
    rc = gr_open_input(ctx, path, NULL, 0, NULL, &fd);
    if (rc != GR_OK) return rc;
    rc = gr_read_fd(ctx, fd, path, 0, path, limit, data, len);
    close(fd);
    return rc;
}

/* ---- outputs ---------------------------------------------------------- */

/* Temporary names the signal handler removes. Process-wide by nature: a
 * signal handler can reach nothing else. Slots are filled and emptied by the
 * writer; the handler only reads them. */
#define MAX_PENDING 4
#define TMP_NAME_MAX 4096
static char pending[MAX_PENDING][TMP_NAME_MAX];
static volatile sig_atomic_t pending_used[MAX_PENDING];
static int handlers_installed;
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXFSZ, SIGXCPU,
                                       SIGPIPE, SIGALRM };

static void on_fatal_signal(int sig)
{
    int i;
    for (i = 0; i < MAX_PENDING; i++)
        if (pending_used[i]) unlink(pending[i]);
    signal(sig, SIG_DFL);       /* die of the same signal, as the shell expects */
    raise(sig);
}

void gr_remove_pending_outputs(void)
{
    int i;
    for (i = 0; i < MAX_PENDING; i++)
        if (pending_used[i]) { unlink(pending[i]); pending_used[i] = 0; }
}

static void install_handlers(void)
{
    size_t i;
    if (handlers_installed) return;
    handlers_installed = 1;
    for (i = 0; i < sizeof cleanup_signals / sizeof cleanup_signals[0]; i++) {
        struct sigaction sa, old;
        /* only where the default applies: an ignored signal (nohup) stays
           ignored, a handler of the host (libFuzzer's SIGALRM timer, a
           program embedding the library) stays in charge */
        if (sigaction(cleanup_signals[i], NULL, &old) != 0 ||
            (old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
            continue;
        memset(&sa, 0, sizeof sa);
        /* over ulimit -f, write() fails with EFBIG and the user gets a
           message instead of a core dump */
        sa.sa_handler = cleanup_signals[i] == SIGXFSZ ? SIG_IGN : on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

static int pending_add(const char *name)
{
    int i;
    sigset_t all, old;
    if (strlen(name) >= TMP_NAME_MAX) return -1;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    for (i = 0; i < MAX_PENDING; i++)
        if (!pending_used[i]) {
            strcpy(pending[i], name);
            pending_used[i] = 1;
            break;
        }
    sigprocmask(SIG_SETMASK, &old, NULL);
    return i < MAX_PENDING ? i : -1;
}

static void pending_drop(int slot)
{
    if (slot >= 0) pending_used[slot] = 0;
}

struct gr_out {
    char *path;         /* the target */
    char *tmp;          /* named temporary file, or NULL (nameless / stdout) */
    int fd, slot, is_stdout, failed;
};

/* Is `st` one of the run's inputs? */
static int is_input(const gr_ctx *ctx, const struct stat *st)
{
    int i;
    for (i = 0; i < ctx->ninputs; i++)
        if (ctx->inputs[i].dev == (unsigned long long)st->st_dev &&
            ctx->inputs[i].ino == (unsigned long long)st->st_ino)
            return 1;
    return 0;
}

int gr_check_output_path(gr_ctx *ctx, const char *path)
{
    struct stat st;
    if (strcmp(path, "-") == 0) return GR_OK;
    if (stat(path, &st) != 0) return GR_OK;          /* a new file */
    if (!S_ISREG(st.st_mode))
        return gr_syserror(ctx, path, 0, GR_TEXT(FILE_OUTPUT_PATH_REGULAR_FILE),
                           gr_file_kind(st.st_mode, 0), gr_file_kind(st.st_mode, 1));
    if (is_input(ctx, &st))
        return gr_syserror(ctx, path, 0, GR_TEXT(FILE_OUTPUT_FILE_INPUT_RUN));
    return GR_OK;
}

static int out_error(gr_ctx *ctx, const char *path, int e)
{
    if (e == ENOSPC || e == EDQUOT)
        return gr_syserror(ctx, path, 0, GR_TEXT(FILE_SPACE_LEFT_DISK_OUTPUT));
    if (e == EFBIG)
        return gr_syserror(ctx, path, 0, GR_TEXT(FILE_OUTPUT_EXCEEDS_ALLOWED_FILE));
    return gr_syserror(ctx, path, 0, GR_TEXT(FILE_CANNOT_WRITE_OUTPUT),
                       GR_ERRNO(e));
}

int gr_out_open(gr_ctx *ctx, const char *path, gr_out **out)
{
    gr_out *o;
    struct stat st;
    int exists, rc;
    static unsigned counter;
    *out = NULL;
    rc = gr_check_output_path(ctx, path);
    if (rc != GR_OK) return rc;
    install_handlers();
    o = gr_calloc(1, sizeof *o);
    o->path = gr_strdup(path);
    o->slot = -1;
    o->fd = -1;
    if (strcmp(path, "-") == 0) {
        o->is_stdout = 1;
        o->fd = 1;
        *out = o;
        return GR_OK;
    }
    exists = lstat(path, &st) == 0;
#ifdef O_TMPFILE
    /* linkat needs /proc/self/fd to name the file (no /proc in some chroots) */
    if (!exists && access("/proc/self/fd", X_OK) == 0) {
        char *dir = gr_dirname(path);
        o->fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
        free(dir);
    }
#endif
    while (o->fd < 0) {
        size_t n = strlen(path) + 48;
        int e;
        free(o->tmp);
        o->tmp = gr_malloc(n);
        snprintf(o->tmp, n, "%s.tmp-%ld-%u", path, (long)getpid(), counter++);
        o->slot = pending_add(o->tmp);
        o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0666);
        if (o->fd >= 0) break;
        e = errno;
        pending_drop(o->slot);
        o->slot = -1;
        if (e == EEXIST && counter < 1000) continue;
        rc = out_error(ctx, path, e);
        free(o->tmp);
        free(o->path);
        free(o);
        return rc;
    }
    *out = o;
    return GR_OK;
}

int gr_out_write(gr_ctx *ctx, gr_out *o, const void *data, size_t len)
{
    const unsigned char *p = data;
    if (o->failed) return GR_ESYS;
    while (len > 0) {
        ssize_t w = write(o->fd, p, len);
        if (w < 0) {
            if (errno == EINTR) continue;
            o->failed = 1;
            return out_error(ctx, o->path, errno);
        }
        p += w;
        len -= (size_t)w;
    }
    return GR_OK;
}

int gr_out_patch(gr_ctx *ctx, gr_out *o, unsigned long long offset, const void *data,
                 size_t len)
{
    const unsigned char *p = data;
    if (o->failed) return GR_ESYS;
    assert(!o->is_stdout);
    while (len > 0) {
        ssize_t w = pwrite(o->fd, p, len, (off_t)offset);
        if (w < 0) {
            if (errno == EINTR) continue;
            o->failed = 1;
            return out_error(ctx, o->path, errno);
        }
        p += w;
        offset += (unsigned long long)w;
        len -= (size_t)w;
    }
    return GR_OK;
}

void gr_out_abort(gr_out *o)
{
    if (!o) return;
    if (!o->is_stdout && o->fd >= 0) close(o->fd);
    if (o->tmp) unlink(o->tmp);
    pending_drop(o->slot);
    free(o->tmp);
    free(o->path);
    free(o);
}

static void sync_dir_of(const char *path)
{
    char *dir = gr_dirname(path);
    int d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    if (d >= 0) {
        (void)fsync(d);     /* best effort: some filesystems refuse it */
        close(d);
    }
}

int gr_out_commit(gr_ctx *ctx, gr_out *o)
{
    int rc = GR_OK;
    if (o->failed) { gr_out_abort(o); return GR_ESYS; }
    if (o->is_stdout) {
        free(o->path);
        free(o);
        return GR_OK;
    }
    if (fsync(o->fd) != 0 && errno != EINVAL && errno != EROFS) {
        rc = out_error(ctx, o->path, errno);
        gr_out_abort(o);
        return rc;
    }
    if (!o->tmp) {
        /* nameless file: give it its name; if the name appeared meanwhile,
           link it beside and rename over, as for a replacement */
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", o->fd);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, o->path, AT_SYMLINK_FOLLOW) == 0) {
            close(o->fd);
            o->fd = -1;
            sync_dir_of(o->path);
            gr_out_abort(o);
            return GR_OK;
        }
        if (errno != EEXIST) {
            rc = out_error(ctx, o->path, errno);
            gr_out_abort(o);
            return rc;
        }
        {
            size_t n = strlen(o->path) + 48;
            o->tmp = gr_malloc(n);
            snprintf(o->tmp, n, "%s.tmp-%ld-L", o->path, (long)getpid());
            o->slot = pending_add(o->tmp);
            if (linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp, AT_SYMLINK_FOLLOW) != 0) {
                rc = out_error(ctx, o->path, errno);
                free(o->tmp);
                o->tmp = NULL;
                gr_out_abort(o);
                return rc;
            }
        }
        if ((rc = gr_check_output_path(ctx, o->path)) != GR_OK) {
            gr_out_abort(o);
            return rc;
        }
    }
    if (close(o->fd) != 0) {
        o->fd = -1;
        rc = out_error(ctx, o->path, errno);
        gr_out_abort(o);
        return rc;
    }
    o->fd = -1;
    if (rename(o->tmp, o->path) != 0) {
        rc = out_error(ctx, o->path, errno);
        gr_out_abort(o);
        return rc;
    }
    pending_drop(o->slot);
    o->slot = -1;
    free(o->tmp);
    o->tmp = NULL;
    sync_dir_of(o->path);
    gr_out_abort(o);
    return GR_OK;
}

int gr_write_file_atomic(gr_ctx *ctx, const char *path, const void *data, size_t len)
{
    gr_out *o;
    int rc;
    if (gr_is_stdio(path)) return gr_write_stdout(ctx, data, len);   /* "-": stdio.c */
    rc = gr_out_open(ctx, path, &o);
    if (rc != GR_OK) return rc;
    rc = gr_out_write(ctx, o, data, len);
    if (rc != GR_OK) {
        gr_out_abort(o);
        return rc;
    }
    return gr_out_commit(ctx, o);
}

/* ---- paths ------------------------------------------------------------ */

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
