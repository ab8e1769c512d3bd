/* xmlfile.h — a data file held as its bytes, for edits that change only
 * what was edited (the browser form, `gereport edit`): comments, spacing,
 * attribute quoting and every other element keep their bytes.
 *
 * After each change the bytes are scanned again: every element gets its
 * byte range (start tag, content, end tag) and line, numbered in document
 * order from 0 — the same order as the elements of a DOM of the same text
 * (the page's DOMParser, libxml2). Edits name elements by that number.
 *
 * The scanner knows just enough XML for a file libxml2 has accepted or the
 * edits produced: comments, processing instructions, CDATA, quoted
 * attribute values, empty-element tags; a DOCTYPE is refused (gereport
 * refuses them in data files). Anything it cannot follow is GR_EINPUT and
 * the bytes stay as they were.
 *
 * Ownership: a gr_xmlfile is the caller's (gr_xmlfile_free); texts passed
 * in are copied.
 */
#ifndef GR_WEB_XMLFILE_H
#define GR_WEB_XMLFILE_H

#include "../util/gr.h"

typedef struct gr_xspan {
    size_t start;          /* '<' of the start tag */
    size_t open_end;       /* just after the start tag's '>' */
    size_t close;          /* '<' of the end tag (== open_end for <a/>) */
    size_t end;            /* just after the end tag (or the empty tag) */
    int line;              /* line of the start tag, from 1 */
    int parent;            /* index of the parent element, -1 for the root */
    int nchildren;         /* child elements */
    int empty_tag;         /* written <a/> */
} gr_xspan;

typedef struct gr_xmlfile {
    gr_buf bytes;
    gr_xspan *v;
    size_t n, cap;
} gr_xmlfile;

void gr_xmlfile_init(gr_xmlfile *f);
void gr_xmlfile_free(gr_xmlfile *f);
/* Replace the bytes and scan them. GR_OK or GR_EINPUT (then f is empty). */
int gr_xmlfile_set(gr_xmlfile *f, const char *data, size_t len);

/* The element's name (its start tag's), into out. */
void gr_xmlfile_name(const gr_xmlfile *f, int idx, char *out, size_t outsz);
/* The element (at or after line) whose start tag is on that line, the
 * innermost one whose range holds the line otherwise; -1 if none. */
int gr_xmlfile_at_line(const gr_xmlfile *f, int line);

/* Edits. Each returns GR_OK or GR_EINPUT (the element or the text does not
 * fit; nothing changed) and rescans on success. */
/* The text content of an element without child elements: value escaped. */
int gr_xmlfile_set_text(gr_xmlfile *f, int idx, const char *value);
/* The content of an element replaced with `xml` (a fragment the caller
 * checked is well-formed), indented to the element's depth. */
int gr_xmlfile_set_content(gr_xmlfile *f, int idx, const char *xml);
/* An attribute set (added or replaced; value escaped). */
int gr_xmlfile_set_attr(gr_xmlfile *f, int idx, const char *name, const char *value);
/* `xml` (one element) inserted as a child of parent: before child `before`
 * (an index), or last when before < 0; on a line of its own, indented like
 * its siblings. */
int gr_xmlfile_insert(gr_xmlfile *f, int parent, int before, const char *xml);
/* The element removed, with the whitespace before it on its line. */
int gr_xmlfile_remove(gr_xmlfile *f, int idx);
/* The element swapped with its previous (dir < 0) or next element sibling. */
int gr_xmlfile_move(gr_xmlfile *f, int idx, int dir);

/* 1 if s is a well-formed fragment of elements and text with no DOCTYPE,
 * entity other than the five predefined and character references, or
 * processing instruction (what the page may send as content or a row). */
int gr_xml_fragment_ok(const char *s);

#endif
