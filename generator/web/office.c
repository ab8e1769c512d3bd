/* office.c — the requests of the office's page (office.h): the folder's
 * table (scanned again when the folder changed), check all, build all and
 * combine as background jobs with progress, the downloads (findings CSV,
 * an agency's PDF, the city PDF) and opening a unit in `gereport edit`.
 *
 * Handlers run one at a time on the server's thread (server.h), so the
 * state here needs no lock. Jobs run in forked worker processes (the
 * pipeline keeps process-wide state, and the page must stay answerable
 * while 31 reports are built); a worker reports each file done as one
 * line on a pipe ("INDEX STATUS\n", shorter than PIPE_BUF, so lines of
 * two workers never mix). Editors are `gereport edit FILE --no-open`
 * processes of their own, each with its own port and token.
 *
 * Confinement: the page names rows of the last scan by number; files are
 * the ones the scan found, and must resolve (symbolic links followed) to
 * a place inside the folder; outputs are written only to OUTDIR under
 * names made here. */
#define _GNU_SOURCE                      /* realpath, pipe2, O_CLOEXEC with -std=c11 */
#include "office.h"
#include "office_text.h"
#include "server.h"
#include "../util/msg.h"
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_JOBS      64                 /* worker processes, as build -j */
#define MAX_EDITORS   64                 /* editor processes open at once */
#define EDITOR_WAIT_MS 15000             /* an editor prints its address at once;
                                            fonts are loaded first */

typedef enum { JOB_NONE = 0, JOB_BUILD, JOB_COMBINE } job_kind;

typedef struct job {
    job_kind kind;
    pid_t pid[MAX_JOBS];
    int npid;
    int fd;                    /* read end of the workers' pipe, -1 when closed */
    gr_buf in;                 /* bytes read, not yet a whole line */
    size_t total, done, failed;
    int running;
    int rc;                    /* worst status of the finished job */
    char *out;                 /* the combined PDF (combine) */
    int year;
} job;

typedef struct editor {
    pid_t pid;
    char *path;                /* the file it edits */
    char *url;
} editor;

struct gr_office {
    gr_ctx *ctx;               /* serve's: messages of the server itself */
    gr_office_opts o;
    char *root;                /* realpath of the folder */
    gr_report_opts check;      /* as check DIR: check_media, shared fonts */
    gr_fontset *fonts;
    gr_domain_cache *cache;
    gr_city c;
    gr_city_table t;
    int scanned;
    gr_buf sig;                /* the folder's listing at the last scan */
    struct timespec changed;   /* when a scan last found the listing changed:
                                  a PDF written before it may be stale */
    job job;
    editor ed[MAX_EDITORS];
    int ned;
};

/* ---- the folder's listing: rescan when it changed ------------------------ */

/* Every file's name, size and time, down to an agency subfolder's photo
 * folder (DIR/社會局/images/x.jpg): data files and the photos they show.
 * Deeper folders are not read (nor are they by the scan). */
static void sig_add_dir(gr_buf *b, const char *dir, int depth)
{
    char **names = gr_list_dir(dir);
    size_t i;
    for (i = 0; names && names[i]; i++) {
        char *p = gr_path_join(dir, names[i]);
        struct stat st;
        if (stat(p, &st) == 0) {
            if (S_ISDIR(st.st_mode) && depth < 2) {
                gr_buf_printf(b, "%d %s/\n", depth, names[i]);
                sig_add_dir(b, p, depth + 1);
            } else if (S_ISREG(st.st_mode)) {
                gr_buf_printf(b, "%d %s %lld %lld.%09ld\n", depth, names[i], (long long)st.st_size,
                              (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
            }
        }
        free(p);
    }
    gr_free_names(names);
}

static void folder_sig(const gr_office *of, gr_buf *b)
{
    gr_buf_init(b);
    sig_add_dir(b, of->o.dir, 0);
}

/* Scan the folder as check DIR does. Messages are recorded, not printed
 * (they are the page's). */
static int scan(gr_office *of)
{
    gr_ctx ctx;
    int rc;
    gr_buf now;
    gr_city_table_free(&of->t);
    gr_city_free(&of->c);
    folder_sig(of, &now);
    if (now.len != of->sig.len || (now.len && memcmp(now.data, of->sig.data, now.len) != 0))
        clock_gettime(CLOCK_REALTIME, &of->changed);
    gr_buf_free(&of->sig);
    of->sig = now;
    gr_ctx_init(&ctx);
    ctx.print_off = 1;
    ctx.lang = of->ctx->lang;
    rc = gr_city_check(&ctx, of->o.dir, NULL, &of->check, &of->c, &of->t);
    of->scanned = rc == GR_OK;
    return rc;
}

static int folder_changed(const gr_office *of)
{
    gr_buf now;
    int changed;
    folder_sig(of, &now);
    changed = now.len != of->sig.len || (now.len && memcmp(now.data, of->sig.data, now.len) != 0);
    gr_buf_free(&now);
    return changed;
}

/* ---- confinement ---------------------------------------------------------- */

/* The path of the scan's entry k when it lies inside the folder (links
 * resolved); NULL otherwise. */
static const char *confined(const gr_office *of, const char *p)
{
    char *real = p ? realpath(p, NULL) : NULL;
    size_t n = strlen(of->root);
    int inside = real && strncmp(real, of->root, n) == 0 && real[n] == '/';
    free(real);
    return inside ? p : NULL;
}

static const char *confined_entry(const gr_office *of, long k)
{
    if (!of->scanned || k < 0 || (size_t)k >= of->c.n) return NULL;
    return confined(of, of->c.v[k].path);
}

/* The row named by the request's "row" argument, or NULL. The page also
 * sends the file it shows in that row ("file"): when the folder changed
 * since the page was drawn and the row now holds another file, NULL (the
 * client's name is only compared, never opened). */
static const gr_city_row *req_row(const gr_office *of, const gr_web_req *req)
{
    const char *a = gr_web_arg(req, "row"), *file = gr_web_arg(req, "file");
    char *end;
    long k;
    const gr_city_row *r;
    if (!a || !*a || strspn(a, "0123456789") != strlen(a) || strlen(a) > 6) return NULL;
    k = strtol(a, &end, 10);
    if (!of->scanned || k < 0 || (size_t)k >= of->t.n) return NULL;
    r = &of->t.rows[k];
    if (file && (!r->file || strcmp(file, r->file) != 0)) return NULL;
    return r;
}

/* ---- answers -------------------------------------------------------------- */

static void say(const gr_office *of, gr_web_resp *resp, int status, const char *zh, const char *en)
{
    (void)of;
    gr_web_text(resp, status, zh, en);
}

static void job_json(const gr_office *of, gr_buf *b)
{
    const job *j = &of->job;
    gr_buf_printf(b, "{\"kind\":\"%s\",\"running\":%d,\"total\":%zu,\"done\":%zu,\"failed\":%zu,\"rc\":%d,"
                     "\"city_pdf\":%d}",
                  j->kind == JOB_BUILD ? "build" : j->kind == JOB_COMBINE ? "combine" : "none",
                  j->running, j->total, j->done, j->failed, j->rc,
                  j->out && !j->running && j->rc != GR_ESYS && access(j->out, R_OK) == 0);
}

static void state_json(const gr_office *of, gr_web_resp *resp)
{
    gr_buf *b = &resp->body;
    resp->content_type = "application/json; charset=utf-8";
    gr_buf_adds(b, "{\"lang\":");
    gr_json_str(b, of->ctx->lang == GR_LANG_EN ? "en" : "zh");
    gr_buf_adds(b, ",\"job\":");
    job_json(of, b);
    gr_buf_adds(b, ",\"state\":");
    if (of->scanned) gr_office_json(&of->c, &of->t, b);
    else gr_buf_adds(b, "null");
    gr_buf_addc(b, '}');
}

/* A file's bytes as the answer. */
static int send_file(gr_web_resp *resp, const char *path, const char *type)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0) return GR_ESYS;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return GR_ESYS;
    }
    gr_buf_reserve(&resp->body, (size_t)st.st_size);
    while (resp->body.len < (size_t)st.st_size) {
        ssize_t n = read(fd, resp->body.data + resp->body.len, (size_t)st.st_size - resp->body.len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        resp->body.len += (size_t)n;
    }
    close(fd);
    if (resp->body.len != (size_t)st.st_size) return GR_ESYS;
    resp->status = 200;
    resp->content_type = type;
    return GR_OK;
}

/* ---- jobs: worker processes ----------------------------------------------- */

static void job_reap(gr_office *of, int block)
{
    job *j = &of->job;
    int k, alive = 0;
    if (j->fd >= 0) {
        char buf[4096];
        for (;;) {
            ssize_t n = read(j->fd, buf, sizeof buf);
            if (n > 0) {
                char *nl;
                gr_buf_add(&j->in, buf, (size_t)n);
                while (j->in.len && (nl = memchr(j->in.data, '\n', j->in.len))) {
                    long idx = 0;
                    int st = 0;
                    size_t used = (size_t)(nl + 1 - (char *)j->in.data);
                    *nl = 0;
                    if (sscanf((const char *)j->in.data, "%ld %d", &idx, &st) == 2) {
                        j->done++;
                        if (st != GR_OK) j->failed++;
                        if (st > j->rc) j->rc = st;
                    }
                    memmove(j->in.data, j->in.data + used, j->in.len - used);
                    j->in.len -= used;
                }
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && errno == EAGAIN && block) {
                struct pollfd p = { j->fd, POLLIN, 0 };
                poll(&p, 1, 200);
                continue;
            }
            if (n == 0) {                    /* every worker has finished */
                close(j->fd);
                j->fd = -1;
            }
            break;
        }
    }
    for (k = 0; k < j->npid; k++) {
        int status;
        pid_t p;
        if (j->pid[k] <= 0) continue;
        p = waitpid(j->pid[k], &status, block ? 0 : WNOHANG);
        if (p == 0) {
            alive++;
            continue;
        }
        if (p == j->pid[k]) {
            int rc = WIFEXITED(status) ? WEXITSTATUS(status) : GR_ESYS;
            if (rc > j->rc) j->rc = rc;
        }
        j->pid[k] = 0;
    }
    if (!alive && j->fd < 0) j->running = 0;
}

/* What a worker does first: its own signals (the server blocks them for
 * its waiting thread), no standard input. */
static void worker_start(void)
{
    sigset_t all;
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    sigfillset(&all);
    pthread_sigmask(SIG_UNBLOCK, &all, NULL);
    if (fd >= 0) {
        dup2(fd, STDIN_FILENO);
        close(fd);
    }
}

static void worker_line(int fd, size_t idx, int rc)
{
    char line[64];
    int n = snprintf(line, sizeof line, "%zu %d\n", idx, rc);
    ssize_t w;
    do w = write(fd, line, (size_t)n); while (w < 0 && errno == EINTR);
}

/* One agency's public PDF into OUTDIR, as `gereport build FILE -o OUT`. */
static int build_entry(const gr_office *of, const char *path, const char *out)
{
    gr_ctx ctx;
    gr_report_opts o;
    gr_report r;
    int rc;
    gr_ctx_init(&ctx);
    ctx.print_off = 1;
    ctx.lang = of->ctx->lang;
    memset(&o, 0, sizeof o);
    o.data.datadir = of->o.datadir;
    o.data.cache = of->cache;
    o.fontdir = of->o.fontdir;
    o.want_tree = 1;
    rc = gr_report_run(&ctx, path, &o, &r);
    if (rc == GR_OK) rc = gr_report_pdf(&ctx, &r, &o, out);
    gr_report_free(&r);
    return rc;
}

static int combinable(const gr_office *of, size_t i)
{
    return of->c.v[i].state == GR_CITY_IN;
}

static void job_begin(gr_office *of, job_kind kind, size_t total, int *fds)
{
    job *j = &of->job;
    gr_buf_free(&j->in);
    free(j->out);
    memset(j, 0, sizeof *j);
    gr_buf_init(&j->in);
    j->kind = kind;
    j->total = total;
    j->running = 1;
    j->fd = fds[0];
    j->year = of->c.year;
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
}

/* Build every combinable file (the last scan's), N workers, worker k
 * taking files k, k+N… in path order, as build DIR -j N. */
static int start_build(gr_office *of)
{
    int fds[2], k, jobs = of->o.jobs > 0 ? of->o.jobs : 1;
    size_t i, total = 0;
    for (i = 0; i < of->c.n; i++) total += combinable(of, i);
    if (pipe2(fds, O_CLOEXEC) != 0) return GR_ESYS;
    job_begin(of, JOB_BUILD, total, fds);
    fflush(NULL);
    for (k = 0; k < jobs && k < MAX_JOBS; k++) {
        pid_t p = fork();
        if (p < 0) break;
        if (p == 0) {
            size_t n = 0;
            int worst = GR_OK;
            worker_start();
            close(fds[0]);
            for (i = 0; i < of->c.n; i++) {
                const char *in;
                char *out;
                int rc;
                if (!combinable(of, i) || (n++ % (size_t)jobs) != (size_t)k) continue;
                in = confined_entry(of, (long)i);
                out = gr_city_pdf_name(of->o.outdir, of->c.v[i].rel);
                rc = in ? build_entry(of, in, out) : GR_EINPUT;
                if (rc > worst) worst = rc;
                worker_line(fds[1], i, rc);
                free(out);
            }
            _exit(worst);
        }
        of->job.pid[of->job.npid++] = p;
    }
    close(fds[1]);
    return of->job.npid ? GR_OK : GR_ESYS;
}

/* OUTDIR/city-YEAR.pdf */
static char *city_pdf(const gr_office *of, int year)
{
    char name[32];
    snprintf(name, sizeof name, "city-%d.pdf", year);
    return gr_path_join(of->o.outdir, name);
}

/* The combined report, as `gereport combine DIR -o OUTDIR/city-YEAR.pdf`. */
static int start_combine(gr_office *of)
{
    int fds[2];
    pid_t p;
    if (pipe2(fds, O_CLOEXEC) != 0) return GR_ESYS;
    job_begin(of, JOB_COMBINE, 1, fds);
    of->job.out = city_pdf(of, of->c.year);
    fflush(NULL);
    p = fork();
    if (p < 0) {
        close(fds[1]);
        return GR_ESYS;
    }
    if (p == 0) {
        gr_ctx ctx;
        gr_report_opts o;
        gr_city_combine_opts co;
        gr_city c;
        int rc;
        worker_start();
        close(fds[0]);
        gr_ctx_init(&ctx);
        ctx.print_off = 1;
        memset(&o, 0, sizeof o);
        memset(&co, 0, sizeof co);
        o.data.datadir = of->o.datadir;
        o.data.cache = gr_domain_cache_new();
        o.fontdir = of->o.fontdir;
        co.out = of->job.out;
        rc = gr_city_combine(&ctx, of->o.dir, &o, &co, &c);
        worker_line(fds[1], 0, rc);
        _exit(rc);
    }
    of->job.pid[of->job.npid++] = p;
    close(fds[1]);
    return GR_OK;
}

static void stop_job(gr_office *of)
{
    job *j = &of->job;
    int k;
    for (k = 0; k < j->npid; k++)
        if (j->pid[k] > 0) kill(j->pid[k], SIGTERM);
    if (j->running) job_reap(of, 1);
    if (j->fd >= 0) close(j->fd);
    j->fd = -1;
}

/* ---- editors: `gereport edit FILE --no-open` -------------------------------- */

static void reap_editors(gr_office *of)
{
    int k;
    for (k = 0; k < of->ned;) {
        int status;
        if (waitpid(of->ed[k].pid, &status, WNOHANG) == of->ed[k].pid) {
            free(of->ed[k].path);
            free(of->ed[k].url);
            of->ed[k] = of->ed[--of->ned];
        } else {
            k++;
        }
    }
}

/* The editor's address: the first line of its standard output that starts
 * with http://127.0.0.1: — NULL when it stops or says nothing in time. */
static char *read_url(int fd)
{
    gr_buf b;
    char *url = NULL;
    double until = gr_now() + EDITOR_WAIT_MS / 1000.0;
    gr_buf_init(&b);
    while (!url && gr_now() < until) {
        struct pollfd p = { fd, POLLIN, 0 };
        char buf[512];
        ssize_t n;
        char *s, *nl;
        if (poll(&p, 1, 200) <= 0) continue;
        n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        gr_buf_add(&b, buf, (size_t)n);
        gr_buf_cstr(&b);
        for (s = (char *)b.data; s && (nl = strchr(s, '\n')); s = nl + 1) {
            if (strncmp(s, "http://127.0.0.1:", 17) == 0) {
                url = gr_strndup(s, (size_t)(nl - s));
                break;
            }
        }
    }
    gr_buf_free(&b);
    return url;
}

static const char *open_editor(gr_office *of, const char *path)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    sigset_t none;
    int fds[2], k, rc;
    pid_t pid;
    const char *lang = of->ctx->lang == GR_LANG_EN ? "en" : "zh";
    char *argv[12];
    reap_editors(of);
    for (k = 0; k < of->ned; k++)
        if (strcmp(of->ed[k].path, path) == 0) return of->ed[k].url;
    if (of->ned == MAX_EDITORS || pipe2(fds, O_CLOEXEC) != 0) return NULL;
    argv[0] = (char *)of->o.self;
    argv[1] = (char *)"edit";
    argv[2] = (char *)"--no-open";
    argv[3] = (char *)"--lang";
    argv[4] = (char *)lang;
    argv[5] = (char *)"--datadir";
    argv[6] = (char *)of->o.datadir;
    argv[7] = (char *)"--fonts";
    argv[8] = (char *)of->o.fontdir;
    argv[9] = (char *)"--";
    argv[10] = (char *)path;
    argv[11] = NULL;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawnattr_init(&at);
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK);
    rc = posix_spawn(&pid, of->o.self, &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return NULL;
    }
    of->ed[of->ned].pid = pid;
    of->ed[of->ned].path = gr_strdup(path);
    of->ed[of->ned].url = read_url(fds[0]);
    close(fds[0]);      /* the editor's later output goes nowhere: it prints no more */
    if (!of->ed[of->ned].url) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        free(of->ed[of->ned].path);
        return NULL;
    }
    return of->ed[of->ned++].url;
}

/* ---- the page's requests ------------------------------------------------------ */

static int is_get(const gr_web_req *req)
{
    return strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
}

static int is_post(const gr_web_req *req)
{
    return strcmp(req->method, "POST") == 0;
}

static void page(gr_office *of, gr_web_resp *resp)
{
    char *p = gr_path_join(of->o.static_dir, "office.html");
    if (send_file(resp, p, "text/html; charset=utf-8") != GR_OK)
        say(of, resp, 500, "找不到網頁檔 office.html（安裝不完整？）",
            "the page office.html is missing (incomplete installation?)");
    free(p);
}

static int later(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

static void agency_pdf(gr_office *of, const gr_web_req *req, gr_web_resp *resp)
{
    const gr_city_row *r;
    const char *in;
    char *out;
    struct stat si, so;
    if (!of->scanned || folder_changed(of)) scan(of);
    r = req_row(of, req);
    if (!r || r->entry < 0) {
        say(of, resp, 404, "沒有這一列：請重新整理頁面", "no such row: reload the page");
        return;
    }
    if (!combinable(of, (size_t)r->entry)) {
        say(of, resp, 409, "這份資料有錯誤或未納入，不產生 PDF；請先修正（見該列的問題）",
            "this file has errors or is left out: no PDF; fix it first (see the row's findings)");
        return;
    }
    in = confined_entry(of, r->entry);
    if (!in) {
        say(of, resp, 403, "這個檔案不在年度資料夾內（連結到資料夾外），不處理",
            "this file lies outside the year folder (a link): not used");
        return;
    }
    out = gr_city_pdf_name(of->o.outdir, of->c.v[r->entry].rel);
    /* built (by build all, or for an earlier download) after the data
       file's last change and after the folder last changed */
    if (of->job.running || stat(out, &so) != 0 || stat(in, &si) != 0 ||
        !later(&so.st_mtim, &si.st_mtim) || !later(&so.st_mtim, &of->changed)) {
        if (of->job.running && of->job.kind == JOB_BUILD) {
            say(of, resp, 409, "正在產生全部 PDF，請稍候再下載", "building every PDF: download it when that is done");
            free(out);
            return;
        }
        if (build_entry(of, in, out) != GR_OK) {
            say(of, resp, 500, "無法產生這份 PDF（版面、圖片或字型的問題）；請在終端機執行 gereport build 看原因",
                "this PDF could not be built (layout, image or font problem); run gereport build on it to see why");
            free(out);
            return;
        }
    }
    if (send_file(resp, out, "application/pdf") != GR_OK)
        say(of, resp, 500, "無法讀取產生的 PDF", "cannot read the PDF written");
    free(out);
}

void gr_office_handle(void *user, const gr_web_req *req, gr_web_resp *resp)
{
    gr_office *of = user;
    const char *p = req->path;
    if (of->job.running) job_reap(of, 0);
    if (strcmp(p, "/") == 0 && is_get(req)) {
        page(of, resp);
    } else if (strcmp(p, "/api/state") == 0 && is_get(req)) {
        /* files added, changed or removed since: read the folder again */
        if (!of->scanned || folder_changed(of)) scan(of);
        state_json(of, resp);
    } else if (strcmp(p, "/api/check") == 0 && is_post(req)) {
        if (scan(of) != GR_OK)
            say(of, resp, 500, "無法讀取年度資料夾", "cannot read the year folder");
        else
            state_json(of, resp);
    } else if ((strcmp(p, "/api/build") == 0 || strcmp(p, "/api/combine") == 0) && is_post(req)) {
        int rc;
        if (of->job.running) {
            say(of, resp, 409, "另一項工作進行中，請稍候", "another job is running; wait for it");
            return;
        }
        if (!of->scanned || folder_changed(of)) scan(of);
        if (!of->scanned) {
            say(of, resp, 500, "無法讀取年度資料夾", "cannot read the year folder");
            return;
        }
        rc = strcmp(p, "/api/build") == 0 ? start_build(of) : start_combine(of);
        if (rc != GR_OK) {
            say(of, resp, 500, "無法啟動工作行程", "cannot start a worker process");
            return;
        }
        resp->content_type = "application/json; charset=utf-8";
        job_json(of, &resp->body);
    } else if (strcmp(p, "/api/job") == 0 && is_get(req)) {
        resp->content_type = "application/json; charset=utf-8";
        job_json(of, &resp->body);
    } else if (strcmp(p, "/api/edit") == 0 && is_post(req)) {
        const gr_city_row *r;
        const char *in, *url;
        if (!of->scanned || folder_changed(of)) scan(of);
        if (gr_web_arg(req, "office")) {
            /* the office file, in the same editor (its schema builds the form) */
            in = of->c.office ? confined(of, of->c.office) : NULL;
        } else {
            r = req_row(of, req);
            in = r && r->entry >= 0 ? confined_entry(of, r->entry) : NULL;
        }
        if (!in) {
            say(of, resp, 404, "沒有這個檔案：請重新整理頁面", "no such file: reload the page");
            return;
        }
        url = open_editor(of, in);
        if (!url) {
            say(of, resp, 500, "無法開啟編輯器（gereport edit）", "cannot start the editor (gereport edit)");
            return;
        }
        resp->content_type = "application/json; charset=utf-8";
        gr_buf_adds(&resp->body, "{\"url\":");
        gr_json_str(&resp->body, url);
        gr_buf_addc(&resp->body, '}');
    } else if (strcmp(p, "/download/findings.csv") == 0 && is_get(req)) {
        if (!of->scanned || folder_changed(of)) scan(of);
        if (!of->scanned) {
            say(of, resp, 500, "無法讀取年度資料夾", "cannot read the year folder");
            return;
        }
        gr_city_csv_data(&of->c, &resp->body);
        resp->content_type = "text/csv; charset=utf-8";
    } else if (strcmp(p, "/download/agency.pdf") == 0 && is_get(req)) {
        agency_pdf(of, req, resp);
    } else if (strcmp(p, "/download/city.pdf") == 0 && is_get(req)) {
        char *out = city_pdf(of, of->job.kind == JOB_COMBINE ? of->job.year : of->c.year);
        if (of->job.running && of->job.kind == JOB_COMBINE)
            say(of, resp, 409, "全市報告製作中，請稍候", "the city report is being made; wait for it");
        else if (send_file(resp, out, "application/pdf") != GR_OK)
            say(of, resp, 404, "尚未彙整：請先按「彙整全市報告」", "not combined yet: press \"Combine\" first");
        free(out);
    } else if (strncmp(p, "/api/office", 11) == 0) {
        if (!of->scanned || folder_changed(of)) scan(of);
        if (of->c.office && !confined(of, of->c.office))
            say(of, resp, 403, "性平辦彙整檔不在年度資料夾內（連結到資料夾外），不處理",
                "the office file lies outside the year folder (a link): not used");
        else
            gr_office_text_handle(of->ctx, of->c.office, of->o.datadir, of->o.tmpdir, req, resp);
    } else {
        say(of, resp, 404, "找不到這個網址", "no such address");
    }
}

/* ---- start and stop ----------------------------------------------------------- */

gr_office *gr_office_new(gr_ctx *ctx, const gr_office_opts *o)
{
    gr_office *of = gr_calloc(1, sizeof *of);
    of->ctx = ctx;
    of->o = *o;
    of->job.fd = -1;
    gr_buf_init(&of->sig);
    gr_buf_init(&of->job.in);
    of->root = realpath(o->dir, NULL);
    if (!of->root) {
        gr_syserror(ctx, o->dir, 0, GR_TEXT(CITY_CANNOT_READ_FOLDER));
        free(of);
        return NULL;
    }
    of->cache = gr_domain_cache_new();
    of->fonts = gr_fontset_new(ctx, o->fontdir);
    if (!of->fonts) {
        gr_domain_cache_free(of->cache);
        free(of->root);
        free(of);
        return NULL;
    }
    of->check.data.datadir = o->datadir;
    of->check.data.cache = of->cache;
    of->check.fontdir = o->fontdir;
    of->check.fonts = of->fonts;
    of->check.check_media = 1;
    if (scan(of) != GR_OK) {
        gr_syserror(ctx, o->dir, 0, GR_TEXT(CITY_CANNOT_READ_FOLDER));
        gr_office_free(of);
        return NULL;
    }
    return of;
}

int gr_office_year(const gr_office *of)
{
    return of->c.year;
}

void gr_office_free(gr_office *of)
{
    int k;
    if (!of) return;
    stop_job(of);
    for (k = 0; k < of->ned; k++) {
        kill(of->ed[k].pid, SIGTERM);
        waitpid(of->ed[k].pid, NULL, 0);
        free(of->ed[k].path);
        free(of->ed[k].url);
    }
    gr_city_table_free(&of->t);
    gr_city_free(&of->c);
    gr_buf_free(&of->sig);
    gr_buf_free(&of->job.in);
    free(of->job.out);
    gr_fontset_free(of->fonts);
    gr_domain_cache_free(of->cache);
    free(of->root);
    free(of);
}
