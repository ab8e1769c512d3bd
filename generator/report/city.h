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
 * masked documents in roster order and the annex), to be run through
 * gr_report_run_doc like any other kind. Its vocabulary is docs/office-file.md.
 *
 * Ownership: gr_city_scan fills a gr_city freed with gr_city_free (paths,
 * findings, documents). gr_city_document returns a new document; the
 * entries' documents are copied, not moved. */
#ifndef GR_CITY_H
#define GR_CITY_H

#include "report.h"

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
} gr_city;

/* Find the files, load the office file, run every agency file through
 * the pipeline with o (data_only for combine, check_media for check),
 * decide the year, match the roster and classify each file. Findings are
 * printed as they are found (wrong year, duplicate and roster findings
 * are 錯誤 of the file concerned). GR_ESYS when the folder cannot be
 * read; otherwise GR_OK (the entries say the rest). */
int gr_city_scan(gr_ctx *ctx, const char *dir, const gr_report_opts *o, gr_city *c);

/* Units of the roster with no combined file (missing or left out). */
size_t gr_city_missing(const gr_city *c);
/* Files left out (any reason). */
size_t gr_city_left_out(const gr_city *c);

/* The combined report's document (see above); NULL after reporting. */
xmlDocPtr gr_city_document(gr_ctx *ctx, const gr_city *c);

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
int gr_city_check(gr_ctx *ctx, const char *dir, const gr_report_opts *o, gr_city *c,
                  gr_city_table *t);
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
} gr_city_combine_opts;
int gr_city_combine(gr_ctx *ctx, const char *dir, gr_report_opts *o,
                    const gr_city_combine_opts *co, gr_city *c);

void gr_city_free(gr_city *c);

#endif
