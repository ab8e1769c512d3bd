/* pdf.h — writing a laid-out gr_doc as a PDF/A-1b file.
 *
 * libharu holds the document structure (page tree, resources, images,
 * outline, links) and serialises it. Page content is ours (pdf_content.c:
 * written by us, deflated by libdeflate in pdf_haru.c), and so is the text
 * layer (pdf_font.c): one
 * Type0/CIDFontType2 Identity-H font per face, FontFile2 = hb-subset of the
 * glyphs used, CID = glyph index in the subset, W from HarfBuzz advances,
 * ToUnicode from each glyph's source text, CIDSet. pdf_pdfa.c adds the XMP
 * metadata, the sRGB OutputIntent and the content-hash file ID.
 *
 * Output is deterministic: no clock, no randomness, no absolute paths.
 */
#ifndef GR_PDF_H
#define GR_PDF_H

#include "../util/gr.h"
#include "../layout/dlist.h"
#include "../text/font.h"

/* Pages written while the document is laid out: give gr_pdf_pre_page to
 * the layout as its page hook (with the gr_pdf_pre as user data) and the
 * same gr_pdf_pre to gr_pdf_write in the options. When the layout has
 * finished a page's body, the hook writes what it paints into deflated
 * content and drops those items and their glyphs from the page (links,
 * destinations and the layout's bookkeeping stay; static content added
 * later is written by gr_pdf_write as a second content stream). Memory
 * then holds a page's few kilobytes of content instead of its display
 * list. Pages with images are left whole. */
typedef struct gr_pdf_pre gr_pdf_pre;
gr_pdf_pre *gr_pdf_pre_new(void);
void gr_pdf_pre_free(gr_pdf_pre *pre);
void gr_pdf_pre_page(void *pre, gr_doc *doc, gr_page *pg);

/* One provenance fact (docs/archival.md): an Info entry and an XMP
 * property of gereport's own schema, declared in the PDF/A extension
 * schema block with its description. */
typedef struct gr_pdf_prop {
    const char *name;          /* ASCII letters and digits, e.g. "DataSHA256" */
    const char *desc;          /* what it is, for the extension schema */
    const char *value;         /* UTF-8 */
} gr_pdf_prop;

/* One associated file of a PDF/A-3b output (--embed-source). */
typedef struct gr_pdf_attachment {
    const char *name;          /* file name inside the PDF, UTF-8, relative
                                  ("results.xml", "images/a.png") */
    const char *mime;          /* "application/xml", "image/png" … */
    const char *desc;          /* /Desc */
    const unsigned char *data;
    size_t len;
} gr_pdf_attachment;

typedef struct gr_pdf_opts {
    const char *icc_path;      /* sRGB ICC profile; NULL = the default
                                  /usr/share/color/icc/sRGB.icc */
    const char *producer;      /* NULL = "gereport " GR_VERSION */
    int font_level;            /* deflate level 1..12 for FontFile2
                                  streams; 0 = the default */
    gr_pdf_pre *pre;           /* pages written during layout, or NULL */
    const gr_pdf_prop *props;  /* provenance, in this order; the writer adds
                                  Fonts (each face embedded) after them */
    size_t nprops;
    const gr_pdf_attachment *attach;   /* nattach > 0: PDF/A-3b with these
                                  as associated files (/AFRelationship
                                  /Source), catalog /AF and /EmbeddedFiles */
    size_t nattach;
    const char *moddate;       /* /Params /ModDate of each, "D:YYYYMMDD"
                                  (the data's approval date: no clock) */
} gr_pdf_opts;

/* Write doc to out_path atomically (temporary file + rename). Reports and
 * returns an error status on failure, leaving no file behind. */
int gr_pdf_write(gr_ctx *ctx, const gr_doc *doc, gr_fontset *fs,
                 const gr_pdf_opts *opts, const char *out_path);

#endif
