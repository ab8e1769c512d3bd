/* server.c — the local HTTP server of server.h on libmicrohttpd: binding to
 * 127.0.0.1, the token and session cookie, Host/Origin checks, size limits,
 * static files and the security headers; every other request goes to the
 * verb's handler. The checks are in one function (refuse) so every route
 * gets all of them. */
#define _GNU_SOURCE                      /* getrandom, O_NOFOLLOW with -std=c11 */
#include "server.h"
#include "mhd_dl.h"
#include "../util/msg.h"
#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

/* Limits, each with its reason. */
#define CONN_MEMORY   (64 * 1024)        /* URL + headers per connection: a page's
                                            requests are far smaller */
#define MAX_CONNS     64                 /* a few tabs of one user */
#define CONN_TIMEOUT  60                 /* seconds idle before a connection closes */
#define MAX_STATIC    (4 * 1024 * 1024)  /* the page's own files are small */

struct gr_web {
    struct MHD_Daemon *d;
    gr_ctx *ctx;
    gr_web_opts o;
    unsigned port;
    char token[65];                      /* the address's token */
    char session[65];                    /* the cookie's value */
    char cookie_name[32];                /* gereport_PORT: ports share a cookie jar */
    char url[128];
    char host_ip[32], host_name[32];     /* 127.0.0.1:PORT, localhost:PORT */
    char origin_ip[48], origin_name[48];
    sigset_t sigs;
    int quit;
};

/* One request's state across libmicrohttpd's calls. */
typedef struct req_state {
    gr_buf body;
    int too_big;
    int quit_after;                      /* the handler asked gr_web_quit */
} req_state;

static void random_hex(char out[65])
{
    unsigned char r[32];
    size_t got = 0;
    int i;
    while (got < sizeof r) {
        ssize_t n = getrandom(r + got, sizeof r - got, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) abort();             /* no randomness: never serve a guessable token */
        got += (size_t)n;
    }
    for (i = 0; i < 32; i++) sprintf(out + 2 * i, "%02x", r[i]);
    out[64] = 0;
}

/* Equal strings, in time independent of where they differ. */
static int same_secret(const char *a, const char *b)
{
    size_t i, na = a ? strlen(a) : 0, nb = strlen(b);
    unsigned char d = na != nb;
    if (!a || na != nb) return 0;
    for (i = 0; i < nb; i++) d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}

void gr_web_text(gr_web_resp *resp, int status, const char *zh, const char *en)
{
    resp->status = status;
    resp->content_type = "text/plain; charset=utf-8";
    gr_buf_free(&resp->body);
    gr_buf_init(&resp->body);
    gr_buf_printf(&resp->body, "%s\n%s\n", zh, en);
}

static void add_headers(struct MHD_Response *r)
{
    MHD_add_response_header(r, "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
        "connect-src 'self'; frame-src 'self'; object-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'self'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "SAMEORIGIN");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
}

static enum MHD_Result send_resp(struct MHD_Connection *c, gr_web_resp *resp,
                                 const char *cookie)
{
    struct MHD_Response *r;
    enum MHD_Result ret;
    size_t len = resp->body.len;
    void *data = resp->body.data;
    if (!data) {
        data = gr_strdup("");
        len = 0;
    }
    /* the buffer came from gr_malloc; free() is its release (util/mem.c) */
    r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    gr_buf_init(&resp->body);
    if (!r) return MHD_NO;
    add_headers(r);
    MHD_add_response_header(r, "Content-Type",
                            resp->content_type ? resp->content_type : "text/plain; charset=utf-8");
    if (resp->filename) {
        char v[160];
        snprintf(v, sizeof v, "inline; filename=\"%s\"", resp->filename);
        MHD_add_response_header(r, "Content-Disposition", v);
    }
    if (cookie) MHD_add_response_header(r, "Set-Cookie", cookie);
    ret = MHD_queue_response(c, resp->status ? (unsigned)resp->status : 200, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result refuse(struct MHD_Connection *c, int status, const char *zh, const char *en)
{
    gr_web_resp resp;
    memset(&resp, 0, sizeof resp);
    gr_buf_init(&resp.body);
    gr_web_text(&resp, status, zh, en);
    return send_resp(c, &resp, NULL);
}

/* ---- static files ------------------------------------------------------ */

static const char *static_type(const char *name)
{
    static const struct { const char *ext, *type; } t[] = {
        { ".html", "text/html; charset=utf-8" }, { ".css", "text/css; charset=utf-8" },
        { ".js", "text/javascript; charset=utf-8" }, { ".svg", "image/svg+xml" },
        { ".png", "image/png" }, { ".json", "application/json" },
    };
    size_t i, n = strlen(name);
    for (i = 0; i < sizeof t / sizeof t[0]; i++) {
        size_t k = strlen(t[i].ext);
        if (n > k && strcmp(name + n - k, t[i].ext) == 0) return t[i].type;
    }
    return NULL;
}

/* A plain file name: letters, digits, - _ . ; not starting with '.'. */
static int plain_name(const char *s)
{
    size_t i;
    if (!s[0] || s[0] == '.' || strlen(s) > 100) return 0;
    for (i = 0; s[i]; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-' || ch == '_' || ch == '.'))
            return 0;
    }
    return strstr(s, "..") == NULL;
}

static enum MHD_Result serve_static(gr_web *w, struct MHD_Connection *c, const char *name, int head)
{
    const char *type = plain_name(name) ? static_type(name) : NULL;
    int dfd = -1, fd = -1;
    struct stat st;
    gr_web_resp resp;
    memset(&resp, 0, sizeof resp);
    gr_buf_init(&resp.body);
    if (type && w->o.static_dir) dfd = open(w->o.static_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (dfd >= 0) close(dfd);
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MAX_STATIC) {
        if (fd >= 0) close(fd);
        return refuse(c, 404, "找不到這個檔案", "no such file");
    }
    if (!head) {
        gr_buf_reserve(&resp.body, (size_t)st.st_size);
        while (resp.body.len < (size_t)st.st_size) {
            ssize_t n = read(fd, resp.body.data + resp.body.len, (size_t)st.st_size - resp.body.len);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            resp.body.len += (size_t)n;
        }
    }
    close(fd);
    resp.status = 200;
    resp.content_type = type;
    return send_resp(c, &resp, NULL);
}

/* ---- the checks -------------------------------------------------------- */

static const char *header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* The value of our cookie in the Cookie header(s), or NULL. */
static const char *cookie_value(gr_web *w, struct MHD_Connection *c)
{
    return MHD_lookup_connection_value(c, MHD_COOKIE_KIND, w->cookie_name);
}

/* Refusal status and texts for a request that fails a check; 0 if none. */
static int check_request(gr_web *w, struct MHD_Connection *c, const char *method,
                         const char **zh, const char **en)
{
    const char *host = header(c, MHD_HTTP_HEADER_HOST);
    const char *origin = header(c, "Origin");
    const char *site = header(c, "Sec-Fetch-Site");
    int post = strcmp(method, "POST") == 0;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 && !post) {
        *zh = "不接受這種請求方法"; *en = "method not allowed";
        return 405;
    }
    if (!host || (strcmp(host, w->host_ip) != 0 && strcmp(host, w->host_name) != 0)) {
        *zh = "主機名稱不符：請用 gereport 印出的網址開啟";
        *en = "wrong Host: open the address gereport printed";
        return 421;
    }
    if ((origin || post) && (!origin || (strcmp(origin, w->origin_ip) != 0 &&
                                         strcmp(origin, w->origin_name) != 0))) {
        *zh = "拒絕來自其他網站的請求"; *en = "request from another site refused";
        return 403;
    }
    /* same-site (another port of this machine) only for a page opened in a
       tab: `serve` opens a unit in `edit`, a server of its own; fetches and
       every POST (Origin above) stay same-origin */
    if (site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0 &&
        !(strcmp(site, "same-site") == 0 && !post && header(c, "Sec-Fetch-Mode") &&
          strcmp(header(c, "Sec-Fetch-Mode"), "navigate") == 0)) {
        *zh = "拒絕來自其他網站的請求"; *en = "request from another site refused";
        return 403;
    }
    return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    gr_web *w = cls;
    req_state *st = *con_cls;
    const char *zh = NULL, *en = NULL;
    int status;
    if (!st) {
        /* first call: headers only — every check is made here, before any
           body is read */
        const char *len = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
        const char *token = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
        status = check_request(w, c, method, &zh, &en);
        if (status) return refuse(c, status, zh, en);
        if (token) {
            /* the printed address: bind the session to a cookie and drop the
               token from the address bar */
            char cookie[160];
            gr_web_resp resp;
            struct MHD_Response *r;
            enum MHD_Result ret;
            if (!same_secret(token, w->token))
                return refuse(c, 403, "網址的通行碼不對：請用 gereport 印出的網址開啟",
                              "wrong token: open the address gereport printed");
            snprintf(cookie, sizeof cookie, "%s=%s; HttpOnly; SameSite=Strict; Path=/",
                     w->cookie_name, w->session);
            memset(&resp, 0, sizeof resp);
            r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
            if (!r) return MHD_NO;
            add_headers(r);
            MHD_add_response_header(r, "Set-Cookie", cookie);
            MHD_add_response_header(r, "Location", url[0] == '/' ? url : "/");
            ret = MHD_queue_response(c, 303, r);
            MHD_destroy_response(r);
            return ret;
        }
        if (!same_secret(cookie_value(w, c), w->session))
            return refuse(c, 403, "請用 gereport 印出的網址（含通行碼）開啟本頁",
                          "open the address gereport printed (with its token)");
        if (len && (strspn(len, "0123456789") != strlen(len) || strlen(len) > 12 ||
                    (size_t)strtoull(len, NULL, 10) > w->o.max_body))
            return refuse(c, 413, "上傳的資料太大", "request body too large");
        st = gr_calloc(1, sizeof *st);
        gr_buf_init(&st->body);
        *con_cls = st;
        return MHD_YES;
    }
    if (*upload_size) {
        if (!st->too_big && st->body.len + *upload_size <= w->o.max_body)
            gr_buf_add(&st->body, upload_data, *upload_size);
        else
            st->too_big = 1;
        *upload_size = 0;
        return MHD_YES;
    }
    if (st->too_big) return refuse(c, 413, "上傳的資料太大", "request body too large");
    {
        int head = strcmp(method, "HEAD") == 0;
        gr_web_req req;
        gr_web_resp resp;
        const char *ct = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
        if (strncmp(url, "/static/", 8) == 0) return serve_static(w, c, url + 8, head);
        memset(&req, 0, sizeof req);
        memset(&resp, 0, sizeof resp);
        gr_buf_init(&resp.body);
        req.method = method;
        req.path = url;
        req.body = (const unsigned char *)gr_buf_cstr(&st->body);
        req.body_len = st->body.len;
        req.content_type = ct ? ct : "";
        req.conn_ = c;
        resp.status = 200;
        w->o.handler(w->o.user, &req, &resp);
        if (head) resp.body.len = 0;
        if (w->quit) st->quit_after = 1;
        return send_resp(c, &resp, NULL);
    }
    (void)version;
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode code)
{
    req_state *st = *con_cls;
    (void)cls; (void)c; (void)code;
    if (!st) return;
    if (st->quit_after) kill(getpid(), SIGUSR1);   /* the answer is sent: gr_web_wait returns */
    gr_buf_free(&st->body);
    free(st);
    *con_cls = NULL;
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* libmicrohttpd's own complaints (a malformed request…) are not the user's
   business: dropped. */
static void on_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls; (void)fmt; (void)ap;
}

/* %XX decoding of the path and arguments, except %00, which stays as it is
   written (a NUL would end the name early: "a.html%00.js"). */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    char *r = s, *w = s;
    (void)cls; (void)c;
    while (*r) {
        int hi, lo;
        if (r[0] == '%' && (hi = hexval(r[1])) >= 0 && (lo = hexval(r[2])) >= 0 && (hi || lo)) {
            *w++ = (char)(hi * 16 + lo);
            r += 3;
        } else {
            *w++ = *r++;
        }
    }
    *w = 0;
    return (size_t)(w - s);
}

const char *gr_web_arg(const gr_web_req *req, const char *name)
{
    return MHD_lookup_connection_value((struct MHD_Connection *)req->conn_,
                                       MHD_GET_ARGUMENT_KIND, name);
}

gr_web *gr_web_start(gr_ctx *ctx, const gr_web_opts *o)
{
    gr_web *w = gr_calloc(1, sizeof *w);
    struct sockaddr_in sin;
    const union MHD_DaemonInfo *info;
    assert(o->handler && o->max_body > 0);
    if (gr_mhd_load(ctx) != GR_OK) {
        free(w);
        return NULL;
    }
    w->ctx = ctx;
    w->o = *o;
    random_hex(w->token);
    random_hex(w->session);
    sigemptyset(&w->sigs);
    sigaddset(&w->sigs, SIGINT);
    sigaddset(&w->sigs, SIGTERM);
    sigaddset(&w->sigs, SIGHUP);
    sigaddset(&w->sigs, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &w->sigs, NULL);
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons((unsigned short)o->port);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    w->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (unsigned short)o->port,
                            NULL, NULL, on_request, w,
                            MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY,
                            MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNS,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONN_TIMEOUT,
                            MHD_OPTION_NOTIFY_COMPLETED, on_done, w,
                            MHD_OPTION_EXTERNAL_LOGGER, on_log, w,
                            MHD_OPTION_UNESCAPE_CALLBACK, unescape, w,
                            MHD_OPTION_END);
    if (!w->d) {
        if (o->port)
            gr_syserror(ctx, NULL, 0, GR_TEXT(WEB_PORT_IN_USE), o->port);
        else
            gr_syserror(ctx, NULL, 0, GR_TEXT(WEB_CANNOT_START));
        pthread_sigmask(SIG_UNBLOCK, &w->sigs, NULL);
        free(w);
        return NULL;
    }
    info = MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_BIND_PORT);
    w->port = info ? info->port : o->port;
    snprintf(w->cookie_name, sizeof w->cookie_name, "gereport_%u", w->port);
    snprintf(w->host_ip, sizeof w->host_ip, "127.0.0.1:%u", w->port);
    snprintf(w->host_name, sizeof w->host_name, "localhost:%u", w->port);
    snprintf(w->origin_ip, sizeof w->origin_ip, "http://127.0.0.1:%u", w->port);
    snprintf(w->origin_name, sizeof w->origin_name, "http://localhost:%u", w->port);
    snprintf(w->url, sizeof w->url, "http://127.0.0.1:%u/?token=%s", w->port, w->token);
    return w;
}

unsigned gr_web_port(const gr_web *w) { return w->port; }
const char *gr_web_url(const gr_web *w) { return w->url; }

void gr_web_quit(gr_web *w)
{
    w->quit = 1;
}

int gr_web_wait(gr_web *w)
{
    int sig = 0;
    while (sigwait(&w->sigs, &sig) != 0) {}
    return sig;
}

void gr_web_stop(gr_web *w)
{
    if (!w) return;
    MHD_stop_daemon(w->d);
    pthread_sigmask(SIG_UNBLOCK, &w->sigs, NULL);
    free(w);
}
