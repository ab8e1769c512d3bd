/* server.h — the local HTTP server behind the browser verbs (`edit`,
 * `serve`): libmicrohttpd on 127.0.0.1 only, with the safety rules every
 * such page needs, so a verb only writes its routes.
 *
 * What the server does before a request reaches the verb's handler:
 *   - listens on 127.0.0.1 only, at a free port (or the one asked for);
 *   - a random token (getrandom, 256 bits) must come with the first
 *     request (`?token=…`, the address gr_web_url prints); the answer sets a
 *     session cookie (HttpOnly, SameSite=Strict, named after the port) and
 *     redirects to the same path without the token; every later request
 *     must carry that cookie (several tabs work);
 *   - Host must be 127.0.0.1:PORT or localhost:PORT (DNS rebinding); an
 *     Origin header, and on every POST an Origin is required, must be
 *     http://127.0.0.1:PORT or http://localhost:PORT (cross-site); a
 *     Sec-Fetch-Site other than same-origin/none is refused;
 *   - methods GET, HEAD and POST only; URL and headers within libmicrohttpd's
 *     per-connection memory (64 KiB); a body larger than max_body is refused
 *     (413) before it is read;
 *   - GET /static/NAME serves NAME from static_dir (templates/web/): one
 *     plain file name of letters, digits, '-', '_' and '.', a known
 *     extension, opened with O_NOFOLLOW inside that folder; anything else
 *     under /static/ is 404;
 *   - every answer carries a Content-Security-Policy that allows nothing
 *     outside this server (no inline script, no other host), nosniff,
 *     no-referrer, no-store.
 * Refusals are plain-text answers in Traditional Chinese and English.
 *
 * Concurrency: libmicrohttpd runs one internal polling thread, so handlers
 * run one at a time, never concurrently, on that thread — the pipeline
 * (libxml2/libxslt keep process-wide state) may be called from a handler
 * without a lock. The thread that started the server waits in
 * gr_web_wait.
 *
 * Ownership: gr_web_start returns a server the caller frees with
 * gr_web_stop. A request and its strings live until the handler returns.
 * The handler fills resp: its body buffer is the server's to free after
 * sending. API stable from issue 14 on (issue 15's `serve` builds on it).
 */
#ifndef GR_WEB_SERVER_H
#define GR_WEB_SERVER_H

#include "../util/gr.h"

typedef struct gr_web gr_web;

typedef struct gr_web_req {
    const char *method;           /* "GET", "HEAD" or "POST" */
    const char *path;             /* decoded URL path, "/" or "/api/…" (no query) */
    const unsigned char *body;    /* POST body (may contain NULs), NUL-terminated */
    size_t body_len;
    const char *content_type;     /* the request's Content-Type or "" */
    void *conn_;                  /* the server's: for gr_web_arg */
} gr_web_req;

typedef struct gr_web_resp {
    int status;                   /* 200 unless set */
    const char *content_type;     /* static string; default text/plain; charset=utf-8 */
    gr_buf body;                  /* the answer; the server frees it */
    const char *filename;         /* optional: Content-Disposition inline name
                                     (ASCII letters, digits, . - _ only) */
} gr_web_resp;

/* Called for every request that passed the checks, except /static/. */
typedef void (*gr_web_handler)(void *user, const gr_web_req *req, gr_web_resp *resp);

typedef struct gr_web_opts {
    unsigned port;                /* 0: a free port */
    const char *static_dir;       /* folder served under /static/ */
    size_t max_body;              /* largest POST body accepted, bytes */
    gr_web_handler handler;
    void *user;
} gr_web_opts;

/* Start listening (on 127.0.0.1 only). Blocks SIGINT, SIGTERM, SIGHUP and
 * SIGUSR1 in the calling thread (and so in the server's) for gr_web_wait.
 * Reports and returns NULL when the port is taken or the library fails. */
gr_web *gr_web_start(gr_ctx *ctx, const gr_web_opts *o);
unsigned gr_web_port(const gr_web *w);
/* The address to open, with the token: http://127.0.0.1:PORT/?token=HEX
 * (owned by w). */
const char *gr_web_url(const gr_web *w);
/* Wait until SIGINT, SIGTERM or SIGHUP, or gr_web_quit. Returns the signal. */
int gr_web_wait(gr_web *w);
/* From a handler: make gr_web_wait return once this answer is sent. */
void gr_web_quit(gr_web *w);
/* Stop (waiting for the handler in progress) and free. NULL is fine. */
void gr_web_stop(gr_web *w);

/* A query argument of the request (decoded), or NULL. */
const char *gr_web_arg(const gr_web_req *req, const char *name);

/* Fill resp with a plain-text refusal or message in both languages. */
void gr_web_text(gr_web_resp *resp, int status, const char *zh, const char *en);

/* ---- JSON output (json.c) ---------------------------------------------- */

/* A JSON string: quotes, escapes, and < > & as \u escapes (safe to embed);
 * invalid UTF-8 becomes U+FFFD. NULL writes null. */
void gr_json_str(gr_buf *b, const char *s);
void gr_json_strn(gr_buf *b, const char *s, size_t n);
/* "key": — the key is written as a JSON string. */
void gr_json_key(gr_buf *b, const char *key);

#endif
