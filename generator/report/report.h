/* report.h — the one pipeline every verb runs on a data file (build, check,
 * and later combine and the web form): load and validate → compute the
 * figures → the master plan's rules → is there a form for the year → mask
 * names (public edition) → the form's XSLT → the FO tree, whose lines are
 * the DATA file's lines (gr:line, docs/fo-subset.md) → optionally the media
 * check (every image opened and decoded by the function layout uses, every
 * character looked up in its font chain) → optionally layout and PDF.
 *
 * The verbs only parse their arguments, call gr_report_run (and
 * gr_report_pdf for build) and print a summary: the failure mapping lives
 * here, once: a run's status is the worst status of its findings (GR_ESYS
 * for system, usage, template and font problems, GR_EINPUT for the data's)
 * and of the stages' own return values.
 *
 * Ownership: gr_report_run fills a gr_report the caller frees with
 * gr_report_free (document, findings, FO text and tree, fonts). Messages
 * are printed as they are found (ctx settings) and also recorded in
 * r->findings.
 */
#ifndef GR_REPORT_H
#define GR_REPORT_H

#include "../util/gr.h"
#include "../domain/domain.h"
#include "../fo/fo.h"
#include "../text/font.h"
#include "../pdf/pdf.h"

typedef struct gr_report_opts {
    gr_data_opts data;        /* datadir, internal, allow_outside, cache */
    const char *fontdir;      /* folder of gereport-fonts.conf */
    gr_fontset *fonts;        /* optional: fonts shared by the runs of one
                                 verb (check of many files), opened with the
                                 same ctx and owned by the caller; NULL =
                                 each run opens its own from fontdir */
    const char *enriched;     /* write the enriched document here (or NULL) */
    int want_fo_text;         /* keep the FO text in r->fo (build --fo) */
    int want_tree;            /* parse the FO (always with check_media) */
    int check_media;          /* open every image, look every character up */
    int data_only;            /* stop after the rules and masking: r->doc is
                                 the enriched (masked unless internal) data,
                                 no form, no FO (combine reads agencies so) */
    const char *dump;         /* write the box dump here (build --dump-boxes,
                                 docs/layout.md §5), or NULL */
    int embed_source;         /* PDF/A-3b carrying the edition's data and
                                 its images (docs/archival.md) */
} gr_report_opts;

typedef struct gr_report {
    int status;               /* GR_OK, GR_EINPUT or GR_ESYS */
    const char *path;         /* the data file (the caller's string, or
                                 unpacked_data for a report PDF) */
    char *unpacked;           /* a report PDF given as the data file: the
                                 private folder its files were unpacked to
                                 (removed by gr_report_free), else NULL */
    char *unpacked_data;      /* the carried data file in it */
    char *unpacked_report;    /* unpacked/REPORT.pdf: the folder holding
                                 the carried files, shown in messages as
                                 shown_as (gr_ctx's shown_from) */
    const char *shown_as;     /* the report PDF as the caller named it */
    gr_ctx *shown_ctx;        /* the run context whose shown_from this
                                 report set (cleared by gr_report_free) */
    xmlDocPtr doc;            /* the enriched document (masked unless
                                 internal); NULL when loading failed */
    gr_findings findings;     /* every finding of this file, in order */
    gr_buf fo;                /* FO text, when want_fo_text */
    char *title;              /* the report's title (PDF metadata) */
    gr_buf source;            /* the data as this edition publishes it: the
                                 loaded file serialised (UTF-8), names masked
                                 unless internal; hashed into the PDF's
                                 provenance */
    struct gr_name_mask *names; /* public edition: the declared names, to
                                 mask image file names in the provenance
                                 and attachments; NULL when internal */
    gr_fo_tree *tree;         /* FO tree with data-file lines, when asked */
    gr_fontset *fs;           /* fonts, when the tree was checked or laid out */
    int own_fs;               /* 1: fs was opened by this run (freed with it) */
    size_t pages;             /* pages written by gr_report_pdf */
    struct {                  /* where the declared names are printed, */
        struct gr_name_use_at { int line; char *name, *masked; } *v;
        size_t n, cap;        /* taken before masking (gr_data_name_uses), */
    } name_uses;              /* sorted by line */
    gr_glyphs_said glyphs_said; /* characters in no font said so far */
} gr_report;

/* Run the pipeline on one data file. Returns r->status. Stages after a
 * failed load, a system error or (without check_media) a data error are
 * skipped: check reports everything it can, build stops early. */
int gr_report_run(gr_ctx *ctx, const char *path, const gr_report_opts *o,
                  gr_report *r);

/* The same pipeline on a document the caller assembled in memory (the
 * combined city report: the office file with the agencies' enriched
 * documents and the annex, generator/report/city.h). `path` names the
 * file messages cite (the office file, or the folder). r owns doc from the
 * call on, whatever the result. Runs from the computed figures on: the
 * kind's figures (built-in or declared in its templates), its rules, the
 * form of the year, masking, the template, the FO and the media check. */
int gr_report_run_doc(gr_ctx *ctx, const char *path, xmlDocPtr doc,
                      const gr_report_opts *o, gr_report *r);

/* Lay out r->tree and write the PDF/A-1b atomically to out (nothing left
 * behind on failure). Requires a run with want_tree and status GR_OK.
 * Findings join r->findings; returns the new r->status. */
int gr_report_pdf(gr_ctx *ctx, gr_report *r, const gr_report_opts *o,
                  const char *out);

void gr_report_free(gr_report *r);

/* The program's and the libraries' versions at hand, as every PDF records
 * them (docs/archival.md): fills v (at least GR_REPORT_RUNTIME_MAX) with
 * static strings and returns how many. */
#define GR_REPORT_RUNTIME_MAX 8
size_t gr_report_runtime(gr_pdf_prop *v);

#endif
