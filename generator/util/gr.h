/* gr.h — what every module of gereport shares: the run context, the one
 * error-handling convention, diagnostics, memory helpers, growable buffers,
 * an arena, and UTF-8/UTF-16/UTF-32 helpers.
 *
 * Error-handling convention (used everywhere):
 *   - A function that can fail returns int: GR_OK (0), GR_EINPUT (1: the
 *     user's input is wrong) or GR_ESYS (2: usage, system or resource error).
 *     These are also the process exit codes.
 *   - A constructor that can fail returns NULL.
 *   - Whoever detects a problem reports it once, through gr_error/gr_warn,
 *     with the file and line it concerns, then returns the status upwards.
 *     Callers never report the same failure again.
 *   - Out of memory aborts the process with a message (gr_malloc & co.), as
 *     SQLite's and Lua's callers cannot do anything sensible either.
 *
 * Memory ownership: a function named *_new returns an object the caller owns
 * and frees with the matching *_free. Pointers into an object (names, arrays)
 * stay valid as long as that object lives and are never freed by the caller.
 */
#ifndef GR_H
#define GR_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define GR_VERSION "0.1.0"

/* The version ("0.1.0") and the commit the program was built from (a full
 * git hash, with "-dirty" when tracked files had changes, or "unknown"):
 * util/version.c, the one place both are defined. */
const char *gr_version(void);
const char *gr_commit(void);

enum { GR_OK = 0, GR_EINPUT = 1, GR_ESYS = 2 };

/* ---- run context and diagnostics ------------------------------------- */

typedef enum { GR_LANG_ZH = 0, GR_LANG_EN = 1, GR_LANG_BOTH = 2 } gr_lang;

typedef struct gr_ctx {
    gr_lang lang;          /* which language(s) messages are printed in */
    int quiet_warnings;    /* 1: count warnings but do not print them */
    int nerrors;
    int nwarnings;
    void *err_stream;      /* FILE*; stderr by default */
} gr_ctx;

void gr_ctx_init(gr_ctx *ctx);

/* Report a problem. `file` may be NULL, `line` <= 0 means "no line".
 * zh_fmt and en_fmt are printf formats that consume the SAME arguments in
 * the same order; the message is printed as
 *   file:line: 錯誤 error: <zh> (<en>)
 * (or one language only, per ctx->lang). gr_error counts an error,
 * gr_warn a warning. Both return GR_EINPUT so a caller can write
 *   return gr_error(ctx, f, l, "…", "…");
 */
int gr_error(gr_ctx *ctx, const char *file, int line,
             const char *zh_fmt, const char *en_fmt, ...);
int gr_warn(gr_ctx *ctx, const char *file, int line,
            const char *zh_fmt, const char *en_fmt, ...);
/* Same as gr_error but for system/usage problems; returns GR_ESYS. */
int gr_syserror(gr_ctx *ctx, const char *file, int line,
                const char *zh_fmt, const char *en_fmt, ...);

/* ---- memory ---------------------------------------------------------- */

void *gr_malloc(size_t n);               /* aborts on out-of-memory */
void *gr_calloc(size_t n, size_t size);
void *gr_realloc(void *p, size_t n);
char *gr_strdup(const char *s);
char *gr_strndup(const char *s, size_t n);
/* Grow an array so that it holds at least `need` elements of `elem` bytes.
 * *cap is updated. Returns the (possibly moved) array. */
void *gr_grow(void *arr, size_t *cap, size_t need, size_t elem);

/* Growable byte buffer. Owns `data`. */
typedef struct gr_buf {
    unsigned char *data;
    size_t len, cap;
} gr_buf;

void gr_buf_init(gr_buf *b);
void gr_buf_free(gr_buf *b);
void gr_buf_reserve(gr_buf *b, size_t extra);
void gr_buf_add(gr_buf *b, const void *p, size_t n);
void gr_buf_adds(gr_buf *b, const char *s);
void gr_buf_addc(gr_buf *b, int c);
void gr_buf_printf(gr_buf *b, const char *fmt, ...);
/* Append a real number the way PDF wants it: no exponent, at most
 * `decimals` decimals, trailing zeros trimmed, "-0" written as "0". */
void gr_buf_add_real(gr_buf *b, double v, int decimals);
/* NUL-terminates (not counted in len) and returns data. */
const char *gr_buf_cstr(gr_buf *b);

/* Arena: many small allocations freed together. */
typedef struct gr_arena gr_arena;
gr_arena *gr_arena_new(void);
void gr_arena_free(gr_arena *a);
void *gr_arena_alloc(gr_arena *a, size_t n);          /* zeroed, 8-aligned */
char *gr_arena_strdup(gr_arena *a, const char *s);
char *gr_arena_strndup(gr_arena *a, const char *s, size_t n);

/* ---- Unicode helpers ------------------------------------------------- */

/* Decode one UTF-8 code point at s (len bytes available). Returns the
 * number of bytes used (>=1) and stores the code point; an invalid sequence
 * yields U+FFFD and consumes 1 byte. */
int gr_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp as UTF-8 into out (>= 4 bytes). Returns bytes written. */
int gr_utf8_encode(uint32_t cp, char *out);
/* 1 if the whole string is valid UTF-8. */
int gr_utf8_valid(const char *s, size_t len);

/* ---- files ----------------------------------------------------------- */

/* Read a whole file. Returns GR_OK, or reports and returns GR_EINPUT
 * (missing/unreadable input) with *data=NULL. Caller frees *data. */
int gr_read_file(gr_ctx *ctx, const char *path, char **data, size_t *len);

/* Atomic output: write `len` bytes to a temporary file beside `path` and
 * rename it over `path`. On failure nothing is left behind and
 * GR_ESYS is returned after reporting. */
int gr_write_file_atomic(gr_ctx *ctx, const char *path,
                         const void *data, size_t len);

/* "-" names standard input (gr_read_file) or output (gr_write_file_atomic,
 * which then writes the whole buffer at once): stdio.c. Messages call it
 * 「標準輸入」/「標準輸出」; relative paths beside it resolve against ".". */
int gr_is_stdio(const char *path);
int gr_read_stdin(gr_ctx *ctx, char **data, size_t *len);
int gr_write_stdout(gr_ctx *ctx, const void *data, size_t len);

/* Directory of a path ("." when none), newly allocated. */
char *gr_dirname(const char *path);
/* Join dir and a relative path, newly allocated. */
char *gr_path_join(const char *dir, const char *rel);

#endif
