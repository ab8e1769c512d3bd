/* city.h — a year folder as input (check DIR, build DIR, combine DIR): the
 * agencies' data files found in the folder (directly, or one subfolder per
 * agency beside its photos), the office's own file (templates/schema/
 * city-1.rng: roster, editorial text) when there is one, the year, and
 * which files are left out and why (a 錯誤, another year, a duplicate, not
 * on the roster, unreadable); the roster units without a file. Each agency
 * file goes through the one pipeline (report.h) with the caller's options.
 *
 * gr_city_document assembles the combined city report's document (the
 * office file, or a minimal one, with the included agencies' enriched and
 * masked documents in roster order, the strategy categories of the
 * agencies' form of the year, and the annex), to be run through
 * gr_report_run_doc like any other kind. Its vocabulary is docs/office-file.md.
 *
 * Ownership: gr_city_scan fills a gr_city freed with gr_city_free (paths,
 * findings, documents). gr_city_document returns a new document; the
 * entries' documents are copied, not moved. */
#ifndef GR_CITY_H
#define GR_CITY_H

#include "report.h"

/* Last year's files (--previous DIR_OR_FILE, or the office file's
 * <前一年度>): each agency's document of the year before, enriched, for the
 * rules that compare years (needs="previous" in templates/rules/). A
 * folder is matched by the agency's 全銜 (else 簡稱); one file serves
 * every file checked. Only documents of the year before the data's count. */
typedef struct gr_previous_doc {
    xmlDocPtr doc;         /* loaded and computed (no rules run) */
    char *full, *shortn;   /* its 機關/全銜 and 簡稱, NULL when absent */
    int year;
} gr_previous_doc;

typedef struct gr_previous {
    char *path;            /* as given; NULL: no previous year at hand */
    gr_previous_doc *v; size_t n, cap;
    char **missed;         /* data files without a match (said once) */
    size_t nmissed, capmissed;
    int single;            /* path is one file */
} gr_previous;

/* Load `path` (a folder: its .xml files and those one subfolder down; or a
 * file) without printing the old year's findings. GR_OK, or GR_ESYS after
 * reporting when it cannot be read. */
int gr_previous_load(gr_ctx *ctx, const char *path, const gr_report_opts *o, gr_previous *p);
/* The previous year's document for the data file `path` (same agency,
 * year − 1), or NULL (recorded in p->missed when a previous year was
 * given). Owned by p. */
xmlDocPtr gr_previous_for(gr_previous *p, const char *path);
/* What the rules comparing years could not check for `year`, to be said
 * once (the verbs print it beside their summary; it is not a finding of
 * any file): without a previous year, every file (未檢查); with one, the
 * files without a match. Appends to zh and en and returns 1, or returns 0
 * when there is nothing to say. */
int gr_previous_unchecked(gr_ctx *ctx, const gr_report_opts *o, const gr_previous *p, int year,
                          gr_buf *zh, gr_buf *en);
void gr_previous_free(gr_previous *p);

typedef enum {
    GR_CITY_IN = 0,        /* combined */
    GR_CITY_ERROR,         /* the file has a 錯誤 */
    GR_CITY_UNREADABLE,    /* not XML, or no known kind: no agency known */
    GR_CITY_WRONG_YEAR,    /* states another year than the folder's */
    GR_CITY_DUPLICATE,     /* a second file of the same unit */
    GR_CITY_NOT_ON_ROSTER  /* its agency is not a roster unit */
} gr_city_state;

typedef struct gr_city_entry {
    char *path;            /* as found (DIR/x.xml or DIR/sub/x.xml) */
    const char *rel;       /* path relative to the folder (inside path) */
    int unit;              /* roster index, -1 when unknown */
    int named_unit;        /* the roster unit the file names even when it
                              is left out for its year; -1 when none */
    char *name;            /* agency's 簡稱 (else 全銜) as the file states */
    int year;              /* 年度, 0 when unknown */
    int year_line;
    gr_city_state state;
    int status;            /* the pipeline's status */
    gr_findings findings;  /* every finding of this file */
    xmlDocPtr doc;         /* enriched (masked unless internal); NULL when
                              loading failed */
} gr_city_entry;

typedef struct gr_city_unit {
    char *short_name;      /* as printed in lists (簡稱) */
    char *full_name;       /* 全銜; NULL without an office file */
    char *group;           /* 組別 or NULL */
    char *required;        /* 應開會次數 as the roster says, or NULL */
    int entry;             /* the entry combined for it, -1 when none */
    int any_file;          /* some file of this unit exists (maybe left out) */
} gr_city_unit;

typedef struct gr_city {
    char *dir;
    char *office;          /* the office file, or NULL */
    xmlDocPtr office_doc;  /* validated; NULL without (or on error) */
    int year;              /* the folder's year; 0 when nothing tells */
    gr_city_entry *v; size_t n;
    gr_city_unit *units; size_t nunits;
    int status;            /* worst status of the office file's load */
    gr_findings office_findings;
    char *rules_period;    /* the rule file the included agencies were
                              checked against ("109-112"), or NULL */
    char *unchecked;       /* what the rules comparing years could not
                              check (zh), for the annex; NULL: nothing */
    gr_previous previous;  /* last year's files (given, or named by the
                              office file's <前一年度>) */
    xmlNodePtr categories; /* the strategy categories and items of the
                              agencies' form of the year (its form data's
                              <categories>, copied; owned), for 六; NULL
                              when no single form serves the year */
} gr_city;

/* Find the files, load the office file, run every agency file through
 * the pipeline with o (data_only for combine, check_media for check),
 * decide the year, match the roster and classify each file. Findings are
 * printed as they are found (wrong year, duplicate and roster findings
 * are 錯誤 of the file concerned). GR_ESYS when the folder cannot be
 * read; otherwise GR_OK (the entries say the rest). */
int gr_city_scan(gr_ctx *ctx, const char *dir, const gr_report_opts *o, gr_city *c);
/* The same with last year's files (--previous; NULL: the office file's
 * <前一年度> if it names one, else none): every agency file's rules run
 * with its document of the year before (o->data.previous is set per
 * file). gr_city_scan is this with previous NULL. */
int gr_city_scan_previous(gr_ctx *ctx, const char *dir, const char *previous,
                          const gr_report_opts *o, gr_city *c);

/* Units of the roster with no combined file (missing or left out). */
size_t gr_city_missing(const gr_city *c);
/* Files left out (any reason). */
size_t gr_city_left_out(const gr_city *c);

/* The combined report's document (see above); NULL after reporting. */
xmlDocPtr gr_city_document(gr_ctx *ctx, const gr_city *c);

/* For the provenance a combined PDF records (report/provenance.c): the
 * issuer (the office file's 發布/單位; "" without one) and the rule period
 * the agencies were checked against, read from an assembled document
 * (gr_city_document); newly allocated; NULL when doc is not one. */
char *gr_city_issuer(xmlDocPtr doc);
char *gr_city_rules_period(xmlDocPtr doc);

/* ---- the folder's table: what `check DIR` prints and `serve DIR` shows.
 * One row per roster unit without any file and per file found, with the
 * submission state and the finding counts by class. check DIR and serve
 * both get it from gr_city_check: one scan, one table. */
typedef enum {
    GR_CITY_SUB_MISSING = 0,   /* a roster unit without any file */
    GR_CITY_SUB_PRESENT,       /* the unit's file (combined, or left out
                                  for its 錯誤: see the counts) */
    GR_CITY_SUB_WRONG_YEAR,    /* a file of another year */
    GR_CITY_SUB_DUPLICATE,     /* a second file of a unit */
    GR_CITY_SUB_OFF_ROSTER,    /* its agency is not on the roster */
    GR_CITY_SUB_UNREADABLE     /* not XML or no known kind */
} gr_city_sub;

typedef struct gr_city_row {
    int unit;                  /* roster index (for a wrong-year file: the
                                  unit it names), -1 when none */
    int entry;                 /* index into gr_city.v; -1: missing unit */
    size_t order;              /* position in roster order: the units'
                                  rows by roster index, then the rest in
                                  path order */
    const char *name;          /* the unit's 簡稱, else the file's own */
    const char *file;          /* relative to the folder; NULL: missing */
    gr_city_sub sub;
    int errors, unmet, notes;  /* findings by class */
} gr_city_row;

typedef struct gr_city_table {
    gr_city_row *rows;         /* missing units first, then files in path
                                  order (check DIR's order) */
    size_t n;
    size_t files, in, left_out, missing;
    int errors, unmet, notes;  /* of every file, the office file's errors
                                  included */
} gr_city_table;

/* The folder as `check DIR` reads it: every file through the pipeline
 * with o (check_media: everything build does short of layout), then the
 * table. GR_ESYS when the folder cannot be read (c and t then empty);
 * otherwise GR_OK. The caller frees both. */
int gr_city_check(gr_ctx *ctx, const char *dir, const char *previous, const gr_report_opts *o,
                  gr_city *c, gr_city_table *t);
void gr_city_table_make(const gr_city *c, gr_city_table *t);
void gr_city_table_free(gr_city_table *t);
/* The submission state: a stable id for programs ("missing", "present",
 * "wrong-year", "duplicate", "off-roster", "unreadable") and words. */
const char *gr_city_sub_id(gr_city_sub s);
const char *gr_city_sub_zh(gr_city_sub s);
const char *gr_city_sub_en(gr_city_sub s);
/* Count of a finding list's findings of one class. */
int gr_city_count(const gr_findings *f, gr_class k);

/* The state in words (zh), for tables and the annex. */
const char *gr_city_state_zh(gr_city_state s);
const char *gr_city_state_en(gr_city_state s);

/* The compliance matrix as CSV for spreadsheet programs (UTF-8 with a
 * byte-order mark, CRLF lines, every field quoted): one row per finding of
 * every file (a file without findings: one row), one per missing unit.
 * Written atomically. */
int gr_city_csv(gr_ctx *ctx, const gr_city *c, const char *out);
/* The same bytes, appended to b. */
void gr_city_csv_data(const gr_city *c, gr_buf *b);

/* OUTDIR/NAME.pdf of a folder's file, newly allocated: DIR/sub/x.xml →
 * OUTDIR/sub.pdf, DIR/x.xml → OUTDIR/x.pdf (build DIR and serve DIR). */
char *gr_city_pdf_name(const char *outdir, const char *rel);

/* `combine DIR`: the folder read as combine reads it (agencies enriched
 * with names in full, so that the city document is masked once, as a
 * whole), the CSV when asked, the city document through the pipeline and
 * the PDF. o is the caller's (datadir, cache, fonts); its data_only,
 * internal, enriched, want_* fields are set here. c is filled whatever
 * happens (the caller frees it and says what was combined). Returns
 * GR_OK when the PDF was written (even with agencies left out). */
typedef struct gr_city_combine_opts {
    const char *out;           /* the PDF (required; "-" standard output) */
    const char *csv, *fo, *enriched;   /* or NULL */
    int internal;              /* names in full */
    const char *previous;      /* last year's folder or file (--previous), or NULL */
    int quiet_scan;            /* record the agencies' findings, print none */
    /* called once the folder is scanned (before the city document), or NULL */
    void (*after_scan)(gr_ctx *ctx, const gr_city *c, const gr_report_opts *o, void *user);
    void *user;
} gr_city_combine_opts;
int gr_city_combine(gr_ctx *ctx, const char *dir, gr_report_opts *o,
                    const gr_city_combine_opts *co, gr_city *c);

void gr_city_free(gr_city *c);

#endif
