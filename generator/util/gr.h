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
 *   - Out of memory ends the process with one message, no temporary file
 *     left and exit status 2 (gr_out_of_memory, mem.c), whichever library
 *     was refused: callers of gr_malloc & co. never see NULL.
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

/* The namespace of gereport's own attributes: gr:line="N" on a data
 * element (set before the form template runs) and on the FO elements the
 * template writes from it (docs/fo-subset.md). */
#define GR_SOURCE_NS "urn:x-gereport:source"

enum { GR_OK = 0, GR_EINPUT = 1, GR_ESYS = 2 };

/* ---- run context and diagnostics ------------------------------------- */

#define GR_MAX_RUN_INPUTS 256   /* inputs remembered per run (data, FO, images…) */

typedef enum { GR_LANG_ZH = 0, GR_LANG_EN = 1, GR_LANG_BOTH = 2 } gr_lang;

/* Findings come in three classes (DESIGN.md, Findings; docs/rules.md):
 *   錯誤 error       the data is invalid or contradicts itself: no PDF;
 *   未達規定 unmet    a master-plan requirement was missed: reported, the PDF
 *                    is still written (exit 1 only with --strict);
 *   提醒 note        worth a look (GR_CLASS_WARNING: the name gr_warn has).
 * Problems that are not findings (usage, system) are errors too.
 *
 * One finding, as reported (and printed) through gr_error/gr_warn/gr_unmet/
 * gr_syserror/gr_report_finding. `status` is what the reporter returned
 * (GR_EINPUT, or GR_ESYS for usage, system and template problems; GR_OK for
 * 未達規定). The strings are owned by the list. `rule`, `source_*` are NULL
 * unless the finding comes from a rule file (templates/rules/). msg_* are
 * the whole message texts as printed, without the file:line and class
 * prefix. */
typedef enum { GR_CLASS_ERROR = 0, GR_CLASS_WARNING = 1, GR_CLASS_UNMET = 2 } gr_class;
#define GR_CLASS_NOTE GR_CLASS_WARNING

typedef struct gr_finding {
    gr_class cls;
    int status;
    char *file;            /* may be NULL */
    int line;              /* <= 0: no line */
    char *rule;
    char *source_zh, *source_en;
    char *msg_zh, *msg_en;
} gr_finding;

typedef struct gr_findings {
    gr_finding *v;
    size_t n, cap;
} gr_findings;

void gr_findings_free(gr_findings *f);

/* Characters in no font already said, by data line: a run of one data file
 * (report/pipeline.c) says each (line, character) once, whether the names
 * check or layout meets it first. */
typedef struct gr_glyphs_said {
    struct { int line; uint32_t cp; } *v;
    size_t n, cap;
} gr_glyphs_said;

typedef struct gr_ctx {
    gr_lang lang;          /* which language(s) messages are printed in */
    int quiet_warnings;    /* 1: count notes but do not print them */
    int nerrors;
    int nwarnings;         /* 提醒 notes */
    int nunmet;            /* 未達規定 requirements not met */
    int verbose;           /* -v: say what was done (resampled images …) */
    int quiet;             /* -q: nothing but errors and findings */
    int tty;               /* stderr is a terminal (progress, final line) */
    double t0;             /* start of the run (gr_now), for progress */
    double progress_at;    /* when progress was last drawn; 0: never */
    int nsyserrors;        /* those of nerrors reported with GR_ESYS */
    void *err_stream;      /* FILE*; stderr by default; NULL with print_off */
    int print_off;         /* 1: record findings, print nothing */
    gr_findings *findings; /* when not NULL, every finding is appended
                              (owned by whoever set it) */
    int hold;              /* > 0 (and findings set): findings are recorded,
                              not printed; whoever set hold first prints
                              them with gr_findings_print (report/pipeline.c) */
    /* Files this run has read (device, inode), so that no output replaces
       one of them; filled by gr_open_input. */
    struct { unsigned long long dev, ino; } inputs[GR_MAX_RUN_INPUTS];
    int ninputs;
    size_t image_budget;   /* bytes of decoded images a run may hold */
    size_t image_used;
    /* A file read from a private folder (a report PDF's carried data,
       report/archive.c) is shown as the user named it: a file name that
       starts with shown_from + "/" is printed and recorded as shown_as +
       the rest. Both borrowed from the gr_report that set them (cleared
       by gr_report_free); NULL: none. */
    const char *shown_from;
    const char *shown_as;
    /* Borrowed from the gr_report being run (report/pipeline.c); NULL: none
       (each paragraph then says its own missing characters). */
    gr_glyphs_said *glyphs_said;
} gr_ctx;

void gr_ctx_init(gr_ctx *ctx);
/* 1 the first time (line, cp) is said in this run (and recorded), 0 after;
 * always 1 when the run keeps no record (ctx->glyphs_said NULL). */
int gr_glyph_first_time(gr_ctx *ctx, int line, uint32_t cp);
/* The one failure mapping: GR_ESYS if any error was a system, usage,
 * template or font problem, else GR_EINPUT if any error, else GR_OK. */
int gr_ctx_status(const gr_ctx *ctx);

/* The format checks of a reporting function whose two formats (Chinese at
 * argument zh, English at argument en) consume the same arguments from
 * argument first on (0: a va_list). Both are checked by the compiler
 * (-Wformat=2), so each text of a table entry (util/messages.def) must take
 * the arguments the call passes. */
#define GR_PRINTF2(zh, en, first) \
    __attribute__((format(printf, zh, first), format(printf, en, first)))

/* Report a problem. `file` may be NULL, `line` <= 0 means "no line".
 * zh_fmt and en_fmt are printf formats that consume the SAME arguments in
 * the same order; the message is printed as
 *   file:line: 錯誤 error: <zh> (<en>)
 * (or one language only, per ctx->lang). gr_error counts an error,
 * gr_warn a note (提醒 note). Both return GR_EINPUT so a caller can write
 *   return gr_error(ctx, f, l, "…", "…");
 */
int gr_error(gr_ctx *ctx, const char *file, int line,
             const char *zh_fmt, const char *en_fmt, ...) GR_PRINTF2(4, 5, 6);
int gr_warn(gr_ctx *ctx, const char *file, int line,
            const char *zh_fmt, const char *en_fmt, ...) GR_PRINTF2(4, 5, 6);
/* libxml2's message for one of its built-in limits (depth, huge text)
 * in the user's words — never "use XML_PARSE_HUGE option" — or NULL. */
const char *gr_xml_limit_text(const char *msg, int en);
/* 1 unless the document's XML declaration names a version other than 1.0
 * (XML 1.1 admits &#1; and C1 controls). */
int gr_xml_version_1_0(const char *data, size_t len);
/* Same as gr_error but for system/usage problems; returns GR_ESYS. */
int gr_syserror(gr_ctx *ctx, const char *file, int line,
                const char *zh_fmt, const char *en_fmt, ...) GR_PRINTF2(4, 5, 6);
/* A master-plan requirement not met (未達規定): counted in nunmet, printed
 * even with -q; returns GR_OK, since the report is still written. */
int gr_unmet(gr_ctx *ctx, const char *file, int line,
             const char *zh_fmt, const char *en_fmt, ...) GR_PRINTF2(4, 5, 6);

/* What the run did, for a person watching (one line each): printed when
 * ctx->verbose, or when stderr is a terminal and not ctx->quiet. Never
 * counted, never a finding. Both formats consume the same arguments. */
void gr_info(gr_ctx *ctx, const char *zh_fmt, const char *en_fmt, ...) GR_PRINTF2(2, 3, 4);
/* Progress on a terminal: after about a second of a run, one line
 * rewritten in place with the stage and, when page > 0, the page; nothing
 * when stderr is not a terminal or with -q. gr_progress_end clears it. */
void gr_progress(gr_ctx *ctx, const char *stage_zh, const char *stage_en, int page);
void gr_progress_end(gr_ctx *ctx);
/* Seconds since an arbitrary start (monotonic clock). */
double gr_now(void);

/* A finding built by the caller (rule findings: rule id and source kept
 * apart from the message). Counted, printed and recorded like the others;
 * the strings are copied. Returns f->status. */
int gr_report_finding(gr_ctx *ctx, const gr_finding *f);
/* The order findings are shown in, everywhere (check, build, the city's
 * table, CSV and annex): by class — 錯誤, then 未達規定, then 提醒 — and
 * within a class by line (findings without a line first), otherwise in the
 * order found. Sorts f->v[from..] in place (stable). */
void gr_findings_sort(gr_findings *f, size_t from);
/* Print f->v[from..] as gr_report_finding would (file:line: class: text),
 * in list order, whatever ctx->print_off or ctx->hold say. */
void gr_findings_print(gr_ctx *ctx, const gr_findings *f, size_t from);

/* A user's value as a message may show it: at most GR_CLIP_CHARS
 * characters (then 「…（共 N 字）」), control and bidi characters shown as
 * U+XXXX, never raw. The result lives in a small per-thread ring (8 values):
 * use it as a message argument, do not keep it. */
#define GR_CLIP_CHARS 80
const char *gr_clip(const char *s);
/* 1 if cp must not appear in text: C0 controls other than TAB/LF/CR, DEL,
 * C1 controls, and the bidi controls U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069. */
int gr_cp_forbidden(uint32_t cp);

/* ---- memory ---------------------------------------------------------- */

/* The run's memory budget (mem.c): first called at start-up, before any
 * library is used, to route libxml2/libxslt and ICU through our allocator
 * and set RLIMIT_DATA; called again with the command line's --max-memory
 * (cli/opts.c), it sets the new budget from the user's own limit. mib 0:
 * the default (or the budget set before). */
#define GR_DEFAULT_MAX_MEMORY_MIB 4096
int gr_mem_init(size_t mib);
size_t gr_mem_budget_mib(void);
/* One message, temporary outputs removed, exit 2. Never returns. */
void gr_out_of_memory(size_t n) __attribute__((noreturn));
/* For libraries that take an allocator (libharu). */
void *gr_lib_alloc(size_t n);
void gr_lib_free(void *p);
/* Take n bytes of the run's image budget; GR_ESYS (nothing reported) when
 * it would be exceeded. */
int gr_image_budget_take(gr_ctx *ctx, size_t n);

void *gr_malloc(size_t n);               /* never NULL: gr_out_of_memory */
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
void gr_buf_printf(gr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append a real number the way PDF wants it: no exponent, at most
 * `decimals` decimals, trailing zeros trimmed, "-0" written as "0". */
void gr_buf_add_real(gr_buf *b, double v, int decimals);
/* NUL-terminates (not counted in len) and returns data. */
const char *gr_buf_cstr(gr_buf *b);

/* Arena: many small allocations freed together. */
typedef struct gr_arena gr_arena;
gr_arena *gr_arena_new(void);
void gr_arena_free(gr_arena *a);
/* Everything allocated from `a` is gone; its memory is kept for what
 * comes next (an arena used again and again allocates nothing new). */
void gr_arena_reset(gr_arena *a);
void *gr_arena_alloc(gr_arena *a, size_t n);          /* zeroed, 8-aligned */
char *gr_arena_strdup(gr_arena *a, const char *s);
char *gr_arena_strndup(gr_arena *a, const char *s, size_t n);

/* SHA-256 of len bytes as 64 lowercase hex digits and a NUL (sha256.c). */
void gr_sha256_hex(const void *data, size_t len, char hex[65]);

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

/* Open an input for reading without ever blocking: it must be a regular
 * file (not a FIFO, device, socket, folder or /proc file). Problems are
 * reported at file:line (or at `path` when file is NULL) naming `shown` (or
 * path). On success *fd is open and the file is remembered as an input of
 * the run. Returns GR_OK or GR_EINPUT. */
int gr_open_input(gr_ctx *ctx, const char *path, const char *file, int line,
                  const char *shown, int *fd);
/* Read fd to its end, refusing more than `limit` bytes (reported at
 * file:line naming `shown`). Caller frees *data (NUL-terminated). */
int gr_read_fd(gr_ctx *ctx, int fd, const char *file, int line, const char *shown,
               size_t limit, char **data, size_t *len);
/* gr_open_input + gr_read_fd for a file named on the command line; "-" is
 * standard input (a pipe is fine there: the user chose it). */
int gr_read_input(gr_ctx *ctx, const char *path, size_t limit, char **data, size_t *len);
/* The same with the general 256 MiB limit. */
int gr_read_file(gr_ctx *ctx, const char *path, char **data, size_t *len);
/* 1 if path opens (without blocking) as a regular file; reports nothing. */
int gr_regular_file(const char *path);
/* What a non-regular file is, in the user's words (mode from stat). */
const char *gr_file_kind(unsigned mode, int en);

/* Outputs (see file.c): "-" is standard output. An existing path that is
 * not a regular file, or that is an input of this run, is refused (GR_ESYS,
 * reported). Otherwise nothing appears at `path` until gr_out_commit, which
 * fsyncs and then links or renames the complete file into place; on any
 * failure, gr_out_abort, or a catchable fatal signal, nothing is left
 * behind. */
typedef struct gr_out gr_out;
int gr_check_output_path(gr_ctx *ctx, const char *path);
int gr_out_open(gr_ctx *ctx, const char *path, gr_out **out);
/* The same, but never replaces: a name that exists (any kind, a dangling
 * link too) is refused at open, and if one appears before the commit, the
 * commit fails with the same message (link/linkat do not replace). */
int gr_out_open_new(gr_ctx *ctx, const char *path, gr_out **out);
int gr_out_write(gr_ctx *ctx, gr_out *o, const void *data, size_t len);
/* Overwrite len bytes at offset of what was written already (a file, not
 * standard output): a value known only once the whole file is written,
 * such as a PDF's file ID. */
int gr_out_patch(gr_ctx *ctx, gr_out *o, unsigned long long offset,
                 const void *data, size_t len);
int gr_out_commit(gr_ctx *ctx, gr_out *o);   /* frees o */
void gr_out_abort(gr_out *o);                /* frees o; NULL is fine */
/* Unlink every temporary output file not yet committed (out of memory and
 * other fatal paths; async-signal-safe). */
void gr_remove_pending_outputs(void);

/* Open library `soname` (util/dl.c) and find the n functions named into
 * fns; when it cannot, print why (naming the Debian package), remove any
 * pending output and exit with GR_ESYS. */
void gr_dl_need(const char *soname, const char *package, const char *const *names,
                void **fns, size_t n);

/* Atomic output of a whole buffer: gr_out_open, _write, _commit. */
int gr_write_file_atomic(gr_ctx *ctx, const char *path,
                         const void *data, size_t len);
/* The same through gr_out_open_new: a new file or nothing (`new`). */
int gr_write_file_new(gr_ctx *ctx, const char *path, const void *data, size_t len);

/* "-" names standard input (gr_read_file, gr_read_input) or output
 * (gr_write_file_atomic, which then writes the whole buffer at once):
 * stdio.c. Messages call it 「標準輸入」; relative paths beside it resolve
 * against ".". */
int gr_is_stdio(const char *path);
int gr_write_stdout(gr_ctx *ctx, const void *data, size_t len);

/* Directory of a path ("." when none), newly allocated. */
char *gr_dirname(const char *path);
/* Join dir and a relative path, newly allocated. */
char *gr_path_join(const char *dir, const char *rel);

#endif
