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

/* The folder's state (the last scan) as one JSON object appended to b:
 * year, folder, office file, every row of the table in check DIR's order
 * with its roster position, submission and city state (ids and words),
 * counts and findings by class, and the totals (docs/office-file.md §7). */
void gr_office_json(const gr_city *c, const gr_city_table *t, gr_buf *b);

/* A stable id of a city state for programs: "in", "error", "unreadable",
 * "wrong-year", "duplicate", "off-roster". */
const char *gr_office_city_id(gr_city_state s);

#endif
