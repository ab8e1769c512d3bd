/* office.h — `gereport serve DIR`: the gender office's year folder as a
 * page on the local server of server.h. The folder is read by
 * report/city.c exactly as `check DIR` reads it (gr_city_check: one scan,
 * one table); this module turns that into JSON for the page (office_json.c)
 * and answers the page's requests (office.c): the table, check all, build
 * all as a background job with progress, combine, the findings CSV, each
 * agency's PDF and the city PDF, and the office file's editorial text.
 *
 * No path from the page is ever used: the page names a row of the last
 * scan by its number, and the server maps it to the file it found itself
 * inside DIR. Outputs go to one folder the server owns (OUTDIR). */
#ifndef GR_WEB_OFFICE_H
#define GR_WEB_OFFICE_H

#include "../report/city.h"
#include "server.h"

typedef struct gr_office gr_office;

typedef struct gr_office_opts {
    const char *dir;           /* the year folder */
    const char *outdir;        /* where PDFs are written (exists) */
    const char *tmpdir;        /* the server's own folder (exists, 0700) */
    const char *datadir;       /* templates/ and fonts/ */
    const char *fontdir;
    const char *static_dir;    /* templates/web: the page */
    const char *self;          /* this program, to start `gereport edit` */
    int jobs;                  /* worker processes of build all (1–64) */
} gr_office_opts;

/* Read the folder once (as check DIR); NULL after reporting when it
 * cannot be read or the fonts cannot be set up. */
gr_office *gr_office_new(gr_ctx *ctx, const gr_office_opts *o);
/* The server's handler (server.h) for the page's requests. */
void gr_office_handle(void *user, const gr_web_req *req, gr_web_resp *resp);
/* The folder's year (0 when nothing states one). */
int gr_office_year(const gr_office *of);
/* Stop the jobs and the editors it started, and free. */
void gr_office_free(gr_office *of);

/* The folder's state (the last scan) as one JSON object appended to b:
 * year, folder, office file, every row of the table in check DIR's order
 * with its roster position, submission and city state (ids and words),
 * counts and findings by class, and the totals (docs/office-file.md §7). */
void gr_office_json(const gr_city *c, const gr_city_table *t, gr_buf *b);

/* A stable id of a city state for programs: "in", "error", "unreadable",
 * "wrong-year", "duplicate", "off-roster". */
const char *gr_office_city_id(gr_city_state s);

#endif
