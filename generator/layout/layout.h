/* layout.h — the layout engine: an FO tree in, a paginated gr_doc out.
 * Blocks, inlines and (as they arrive) tables, lists, footnotes, images and
 * charts are laid out page by page; static content is laid out per page
 * once the page count is known; page-number citations are resolved by a
 * second pass when the first one found any.
 *
 * Ownership: on success *out is a new gr_doc the caller frees.
 */
#ifndef GR_LAYOUT_H
#define GR_LAYOUT_H

#include "../util/gr.h"
#include "../fo/fo.h"
#include "../text/font.h"
#include "dlist.h"

/* dump: when not NULL, receives the box dump of the final pass (dump.c). */
int gr_layout(gr_ctx *ctx, gr_fo_tree *tree, gr_fontset *fs, gr_doc **out,
              gr_buf *dump);

/* The same, calling page_done(user, doc, page) when the body of a page is
 * finished (its flow content, footnotes and backgrounds placed; static
 * content comes later, once the page count is known). The page is then
 * the doc's last one; the hook may drop items it has written out (see
 * gr_page_drop_painted). A second layout pass calls it again for every
 * page, in a new doc. */
typedef void (*gr_page_hook)(void *user, gr_doc *doc, gr_page *page);
int gr_layout_pages(gr_ctx *ctx, gr_fo_tree *tree, gr_fontset *fs, gr_doc **out,
                    gr_buf *dump, gr_page_hook page_done, void *user);

/* The same for an FO source parsed as it is laid out (gr_fo_parse_stream):
 * each page-sequence is laid out as soon as it is read and its flow freed
 * after, so memory holds one sequence's FO and boxes at a time, not the
 * document's. A second pass (page-number citations in the flow) parses
 * the source again. Errors of the FO are reported as the parse meets them
 * (the sequences before may have been laid out: nothing is returned). */
int gr_layout_stream(gr_ctx *ctx, const gr_fo_source *src, gr_fontset *fs, gr_doc **out,
                     gr_buf *dump, gr_page_hook page_done, void *user);

#endif
