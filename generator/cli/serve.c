/* serve.c — `gereport serve DIR`: the gender office's year folder in the
 * browser. Starts the local server of `edit` (web/server.h: 127.0.0.1
 * only, token and cookie, Host and Origin checks, CSP) with the office's
 * page (web/office.h) and prints its address; Ctrl-C stops it, the jobs
 * and the editors it started. PDFs go to -o OUTDIR, or to a private
 * temporary folder removed at the end. */
#define _GNU_SOURCE                      /* mkdtemp, readlink */
#include "cli.h"
#include "../web/office.h"
#include "../util/msg.h"
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_BODY (64 * 1024)    /* the page posts one field's text at most */

static void serve_usage(FILE *out)
{
    fputs("用法 Usage: gereport serve DIR [-o OUTDIR] [選項 options]\n"
          "\n"
          "在瀏覽器中檢視一個年度資料夾（性平辦）：各單位的提交狀態（未提交、年度不符、\n"
          "重複提交、已提交）與各類問題數；全部檢查、全部產生 PDF（顯示進度）、彙整全市\n"
          "報告、下載檢核表 CSV 與各 PDF；在 gereport edit 中開啟任一單位；修改性平辦彙整\n"
          "檔的文字。只在本機 127.0.0.1 提供，網址含通行碼。見 docs/office-file.md 第 7 節。\n"
          "The gender office's year folder in a browser: each roster unit's submission\n"
          "state and findings by class; check all, build all (with progress), combine,\n"
          "download the findings CSV and the PDFs; open any unit in gereport edit; edit\n"
          "the office file's own text. On 127.0.0.1 only, the address carries a token.\n"
          "\n"
          "  -o, --output OUTDIR    PDF 寫到這個資料夾（預設：暫存資料夾，結束時刪除）\n"
          "                         write the PDFs here (default: a temporary folder,\n"
          "                         removed when serve stops)\n"
          "  -j, --jobs N           全部產生 PDF 時的工作行程數（1–64，預設 1）\n"
          "                         worker processes of build all (1-64, default 1)\n"
          "  --port N               埠號（預設：任一空閒埠）port (default: a free one)\n"
          "  --no-open              不自動開啟瀏覽器 do not open a browser\n"
          "  --lang zh|en           網頁與訊息的語言 the page's and messages' language\n"
          "  --datadir DIR          templates/ 與 fonts/ 所在的資料夾\n"
          "  --fonts DIR            字型設定資料夾 folder of gereport-fonts.conf\n"
          "  -h, --help             顯示說明 show this help\n"
          "\n"
          "結束代碼 Exit status: 0 正常結束 stopped normally, 2 用法或系統錯誤 usage or system errors\n",
          out);
}

typedef struct serve_args {
    const char *dir, *out, *datadir, *fonts;
    int jobs, no_open;
    long port;
} serve_args;

enum { O_OUT = 1, O_JOBS, O_PORT, O_NO_OPEN, O_DATADIR, O_FONTS };
static const gr_opt serve_opts[] = {
    { "output", 'o', 1, O_OUT }, { "jobs", 'j', 1, O_JOBS }, { "port", 0, 1, O_PORT },
    { "no-open", 0, 0, O_NO_OPEN }, { "datadir", 0, 1, O_DATADIR }, { "fonts", 0, 1, O_FONTS },
    { NULL, 0, 0, 0 }
};

/* GR_OK, GR_ESYS after a usage error, or -1 when --help was printed. */
static int parse_args(gr_ctx *ctx, int argc, char **argv, serve_args *a)
{
    gr_opts p;
    int id;
    char *end;
    struct stat st;
    memset(a, 0, sizeof *a);
    gr_opts_init(&p, ctx, "serve", "serve DIR [-o OUTDIR] [--port N] [--no-open] [options]", serve_opts,
                 argc, argv);
    while ((id = gr_opts_next(&p)) != GR_OPT_END) {
        switch (id) {
        case GR_OPT_HELP: serve_usage(stdout); return -1;
        case GR_OPT_ERROR: return GR_ESYS;
        case O_OUT: a->out = p.value; break;
        case O_JOBS:
            a->jobs = (int)strtol(p.value, &end, 10);
            if (*end || a->jobs < 1 || a->jobs > 64)
                return gr_opts_usage_error(&p, GR_TEXT(BUILD_J_MUST_WHOLE_NUMBER), p.value);
            break;
        case O_PORT:
            a->port = strtol(p.value, &end, 10);
            if (*end || a->port < 1 || a->port > 65535)
                return gr_opts_usage_error(&p, GR_TEXT(EDIT_PORT_NUMBER), p.value);
            break;
        case O_NO_OPEN: a->no_open = 1; break;
        case O_DATADIR: a->datadir = p.value; break;
        case O_FONTS: a->fonts = p.value; break;
        case GR_OPT_OPERAND:
            if (a->dir)
                return gr_opts_usage_error(&p, GR_TEXT(COMBINE_ONLY_ONE_FOLDER_EXTRA), p.value);
            a->dir = p.value;
            break;
        default: assert(0 && "an option of the table is not handled");
        }
    }
    if (!a->dir)
        return gr_opts_usage_error(&p, GR_TEXT(COMBINE_NAME_ONE_YEAR_FOLDER));
    if (stat(a->dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return gr_opts_usage_error(&p, GR_TEXT(SERVE_NOT_A_FOLDER), a->dir);
    if (a->out && gr_is_stdio(a->out))
        return gr_opts_usage_error(&p, GR_TEXT(SERVE_O_FOLDER_NOT_STDOUT));
    return GR_OK;
}

/* Open the address in the desktop's browser, when there is a desktop. */
static void open_browser(const char *url)
{
    pid_t pid;
    if (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) return;
    pid = fork();
    if (pid == 0) {
        int fd = open("/dev/null", O_RDWR);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        if (fork() == 0) execlp("xdg-open", "xdg-open", url, (char *)NULL);
        _exit(0);
    }
    if (pid > 0) waitpid(pid, NULL, 0);
}

/* Remove the private folder: the files put there (PDFs, one level of
 * subfolders at most) and the folder. */
static void remove_private(const char *dir)
{
    char **names = gr_list_dir(dir);
    size_t i;
    for (i = 0; names && names[i]; i++) {
        char *p = gr_path_join(dir, names[i]);
        if (unlink(p) != 0 && errno == EISDIR) {
            char **sub = gr_list_dir(p);
            size_t k;
            for (k = 0; sub && sub[k]; k++) {
                char *q = gr_path_join(p, sub[k]);
                unlink(q);
                free(q);
            }
            gr_free_names(sub);
            rmdir(p);
        }
        free(p);
    }
    gr_free_names(names);
    rmdir(dir);
}

/* the running program, to start `gereport edit` with the same build */
static char *self_path(const char *argv0)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0) {
        buf[n] = 0;
        return gr_strdup(buf);
    }
    return gr_strdup(argv0);
}

int gr_cmd_serve(int argc, char **argv)
{
    gr_ctx ctx;
    serve_args a;
    gr_office_opts oo;
    gr_web_opts wo;
    gr_office *of = NULL;
    gr_web *w = NULL;
    char tmpl[4096], *tmpdir = NULL, *outdir = NULL, *datadir, *fontdir, *static_dir, *self;
    const char *tmp = getenv("TMPDIR");
    struct stat st;
    int rc;
    gr_ctx_init(&ctx);
    rc = parse_args(&ctx, argc, argv, &a);
    if (rc != GR_OK) return rc < 0 ? GR_OK : rc;
    datadir = a.datadir ? gr_strdup(a.datadir) : gr_cli_datadir();
    fontdir = a.fonts ? gr_strdup(a.fonts) : gr_path_join(datadir, "fonts");
    static_dir = gr_path_join(datadir, "templates/web");
    self = self_path(argv[0]);
    snprintf(tmpl, sizeof tmpl, "%s/gereport-serve-XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");
    if (mkdtemp(tmpl)) tmpdir = gr_strdup(tmpl);                /* mode 0700 */
    else rc = gr_syserror(&ctx, NULL, 0, GR_TEXT(EDIT_NO_TMPDIR));
    if (rc == GR_OK) {
        if (a.out) {
            outdir = gr_strdup(a.out);
            if (stat(outdir, &st) != 0 && mkdir(outdir, 0777) != 0)
                rc = gr_syserror(&ctx, outdir, 0, GR_TEXT(BUILD_CANNOT_CREATE_OUTPUT_FOLDER), GR_ERRNO(errno));
            else if (stat(outdir, &st) != 0 || !S_ISDIR(st.st_mode))
                rc = gr_syserror(&ctx, outdir, 0, GR_TEXT(BUILD_OUTPUT_MUST_FOLDER));
        } else {
            outdir = gr_path_join(tmpdir, "pdf");
            if (mkdir(outdir, 0700) != 0)
                rc = gr_syserror(&ctx, outdir, 0, GR_TEXT(BUILD_CANNOT_CREATE_OUTPUT_FOLDER), GR_ERRNO(errno));
        }
    }
    if (rc == GR_OK) {
        memset(&oo, 0, sizeof oo);
        oo.dir = a.dir;
        oo.outdir = outdir;
        oo.tmpdir = tmpdir;
        oo.datadir = datadir;
        oo.fontdir = fontdir;
        oo.static_dir = static_dir;
        oo.self = self;
        oo.jobs = a.jobs ? a.jobs : 1;
        of = gr_office_new(&ctx, &oo);
        if (!of) rc = GR_ESYS;
    }
    if (rc == GR_OK) {
        memset(&wo, 0, sizeof wo);
        wo.port = (unsigned)a.port;
        wo.static_dir = static_dir;
        wo.max_body = MAX_BODY;
        wo.handler = gr_office_handle;
        wo.user = of;
        w = gr_web_start(&ctx, &wo);
        if (!w) rc = GR_ESYS;
    }
    if (rc == GR_OK) {
        char zh[256], en[256];
        snprintf(zh, sizeof zh, "gereport serve：%s（%d 年度）請在瀏覽器開啟下列網址（只限本機；按 Ctrl-C 結束）",
                 a.dir, gr_office_year(of));
        snprintf(en, sizeof en, "gereport serve: %s (year %d): open this address in a browser (this machine only; Ctrl-C stops)",
                 a.dir, gr_office_year(of));
        gr_cli_say(&ctx, stdout, zh, en);
        printf("%s\n", gr_web_url(w));
        fflush(stdout);
        if (!a.no_open) open_browser(gr_web_url(w));
        (void)gr_web_wait(w);
        /* stopping: a second signal (Ctrl-C reaches the whole process
           group; timeout(1) signals the child and its group) must not cut
           the clean-up short once gr_web_stop unblocks them */
        signal(SIGINT, SIG_IGN);
        signal(SIGTERM, SIG_IGN);
        signal(SIGHUP, SIG_IGN);
    }
    gr_web_stop(w);
    gr_office_free(of);
    if (tmpdir) remove_private(tmpdir);
    free(tmpdir);
    free(outdir);
    free(self);
    free(static_dir);
    free(fontdir);
    free(datadir);
    return rc;
}
