/* office_text.h — the office file's own text on the office's page
 * (`gereport serve DIR`): the parts listed in templates/web/office-fields.xml
 * (issuer and date, introduction, the analyses paragraph, 七 精進作為 and
 * its items, closing) read for the page and written back one field at a
 * time. An edit changes only that element's bytes (web/xmlfile.h: comments,
 * the roster and every other byte stay), is checked against the office
 * file's schema before it is saved, and is saved atomically with the
 * previous version kept as FILE.bak.
 *
 * Requests: GET /api/office — the fields as JSON; POST
 * /api/office?field=ID[&item=K] with the text as the body: "paras" a text
 * in which a blank line starts a new paragraph; "items" the item's title
 * on the first line, its text after; "pair" two lines. An empty text
 * removes the element (or item). */
#ifndef GR_WEB_OFFICE_TEXT_H
#define GR_WEB_OFFICE_TEXT_H

#include "server.h"

/* office: the office file (already confined to the folder by the
 * caller); datadir holds templates/; tmpdir is the server's own folder. */
void gr_office_text_handle(gr_ctx *ctx, const char *office, const char *datadir, const char *tmpdir,
                           const gr_web_req *req, gr_web_resp *resp);

#endif
