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

#endif
