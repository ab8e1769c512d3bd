/* fo_parse.c — owns reading an XSL-FO document into a gr_fo_tree: libxml2
 * with safe options (no network, no DTD, no entities: any DOCTYPE is
 * refused), libxml2's errors reported with file:line, the element tree of
 * the supported subset with its content-model checks, text whitespace
 * handling (XSL defaults plus the CJK line-break rule), ids and the
 * cross-references between masters, flows, ids and citations, and the
 * tree's lifetime (arena + the xmlDoc kept for foreign objects).
 * Properties are computed by fo_props.c.
 */
#include "fo.h"
#include "fo_props.h"
#include "../util/msg.h"
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#define FO_NS "http://www.w3.org/1999/XSL/Format"
#define SVG_NS "http://www.w3.org/2000/svg"
#define MAX_INPUT_BYTES (64u << 20)     /* 64 MiB: an FO held in memory */
/* An FO file is parsed as it is read and each page-sequence is built and
   its DOM freed as it ends, so its size costs time, not memory: the cap
   bounds the work (1 GiB is some 17,000 pages of the seed-004 report). The
   memory budget as a whole is the hostile-input work's (issue 11). */
#define MAX_STREAMED_INPUT_BYTES (1ull << 30)
#define MAX_ERRORS 100                  /* stop checking after this many */
#define MAX_DEPTH 1000                  /* libxml2 stops at 256 already */

/* ---------------------------------------------------------------------- */
/* The elements of the subset.                                            */

typedef enum { K_BLOCK, K_INLINE, K_NEUTRAL, K_OTHER } elem_kind;
typedef enum {
    CM_EMPTY,      /* no children (whitespace ignored) */
    CM_MIXED,      /* text, inline-level and block-level (fo:block) */
    CM_INLINE,     /* text and inline-level */
    CM_BLOCKS,     /* block-level only */
    CM_TEXT,       /* text only (bookmark-title) */
    CM_WRAPPER,    /* what the parent allows (fo:wrapper) */
    CM_SPECIFIC,   /* listed children, order checked afterwards */
    CM_FOREIGN     /* one SVG element */
} content_model;

typedef struct elem_def {
    const char *name;           /* local name */
    gr_fo_type type;
    elem_kind kind;
    content_model cm;
} elem_def;

/* Sorted by name (bsearch). */
static const elem_def ELEMS[] = {
    { "basic-link", GR_FO_BASIC_LINK, K_INLINE, CM_INLINE },
    { "block", GR_FO_BLOCK, K_BLOCK, CM_MIXED },
    { "bookmark", GR_FO_BOOKMARK, K_OTHER, CM_SPECIFIC },
    { "bookmark-title", GR_FO_BOOKMARK_TITLE, K_OTHER, CM_TEXT },
    { "bookmark-tree", GR_FO_BOOKMARK_TREE, K_OTHER, CM_SPECIFIC },
    { "external-graphic", GR_FO_EXTERNAL_GRAPHIC, K_INLINE, CM_EMPTY },
    { "flow", GR_FO_FLOW, K_OTHER, CM_BLOCKS },
    { "footnote", GR_FO_FOOTNOTE, K_INLINE, CM_SPECIFIC },
    { "footnote-body", GR_FO_FOOTNOTE_BODY, K_OTHER, CM_BLOCKS },
    { "inline", GR_FO_INLINE, K_INLINE, CM_INLINE },
    { "instream-foreign-object", GR_FO_INSTREAM_FOREIGN_OBJECT, K_INLINE, CM_FOREIGN },
    { "layout-master-set", GR_FO_LAYOUT_MASTER_SET, K_OTHER, CM_SPECIFIC },
    { "leader", GR_FO_LEADER, K_INLINE, CM_EMPTY },
    { "list-block", GR_FO_LIST_BLOCK, K_BLOCK, CM_SPECIFIC },
    { "list-item", GR_FO_LIST_ITEM, K_OTHER, CM_SPECIFIC },
    { "list-item-body", GR_FO_LIST_ITEM_BODY, K_OTHER, CM_BLOCKS },
    { "list-item-label", GR_FO_LIST_ITEM_LABEL, K_OTHER, CM_BLOCKS },
    { "page-number", GR_FO_PAGE_NUMBER, K_INLINE, CM_EMPTY },
    { "page-number-citation", GR_FO_PAGE_NUMBER_CITATION, K_INLINE, CM_EMPTY },
    { "page-number-citation-last", GR_FO_PAGE_NUMBER_CITATION_LAST, K_INLINE, CM_EMPTY },
    { "page-sequence", GR_FO_PAGE_SEQUENCE, K_OTHER, CM_SPECIFIC },
    { "region-after", GR_FO_REGION_AFTER, K_OTHER, CM_EMPTY },
    { "region-before", GR_FO_REGION_BEFORE, K_OTHER, CM_EMPTY },
    { "region-body", GR_FO_REGION_BODY, K_OTHER, CM_EMPTY },
    { "root", GR_FO_ROOT, K_OTHER, CM_SPECIFIC },
    { "simple-page-master", GR_FO_SIMPLE_PAGE_MASTER, K_OTHER, CM_SPECIFIC },
    { "static-content", GR_FO_STATIC_CONTENT, K_OTHER, CM_BLOCKS },
    { "table", GR_FO_TABLE, K_BLOCK, CM_SPECIFIC },
    { "table-body", GR_FO_TABLE_BODY, K_OTHER, CM_SPECIFIC },
    { "table-cell", GR_FO_TABLE_CELL, K_OTHER, CM_BLOCKS },
    { "table-column", GR_FO_TABLE_COLUMN, K_OTHER, CM_EMPTY },
    { "table-footer", GR_FO_TABLE_FOOTER, K_OTHER, CM_SPECIFIC },
    { "table-header", GR_FO_TABLE_HEADER, K_OTHER, CM_SPECIFIC },
    { "table-row", GR_FO_TABLE_ROW, K_OTHER, CM_SPECIFIC },
    { "wrapper", GR_FO_WRAPPER, K_NEUTRAL, CM_WRAPPER },
};
#define NELEMS (sizeof ELEMS / sizeof ELEMS[0])

static const elem_def *elem_lookup(const char *name)
{
    size_t lo = 0, hi = NELEMS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(ELEMS[mid].name, name);
        if (c == 0) return &ELEMS[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

static const elem_def *elem_of_type(gr_fo_type t)
{
    size_t i;
    for (i = 0; i < NELEMS; i++)
        if (ELEMS[i].type == t) return &ELEMS[i];
    return NULL;
}

const char *gr_fo_type_name(gr_fo_type t)
{
    static const char *const names[] = {
        [GR_FO_ROOT] = "fo:root",
        [GR_FO_LAYOUT_MASTER_SET] = "fo:layout-master-set",
        [GR_FO_SIMPLE_PAGE_MASTER] = "fo:simple-page-master",
        [GR_FO_REGION_BODY] = "fo:region-body",
        [GR_FO_REGION_BEFORE] = "fo:region-before",
        [GR_FO_REGION_AFTER] = "fo:region-after",
        [GR_FO_PAGE_SEQUENCE] = "fo:page-sequence",
        [GR_FO_FLOW] = "fo:flow",
        [GR_FO_STATIC_CONTENT] = "fo:static-content",
        [GR_FO_BLOCK] = "fo:block",
        [GR_FO_INLINE] = "fo:inline",
        [GR_FO_WRAPPER] = "fo:wrapper",
        [GR_FO_PAGE_NUMBER] = "fo:page-number",
        [GR_FO_PAGE_NUMBER_CITATION] = "fo:page-number-citation",
        [GR_FO_PAGE_NUMBER_CITATION_LAST] = "fo:page-number-citation-last",
        [GR_FO_LEADER] = "fo:leader",
        [GR_FO_LIST_BLOCK] = "fo:list-block",
        [GR_FO_LIST_ITEM] = "fo:list-item",
        [GR_FO_LIST_ITEM_LABEL] = "fo:list-item-label",
        [GR_FO_LIST_ITEM_BODY] = "fo:list-item-body",
        [GR_FO_TABLE] = "fo:table",
        [GR_FO_TABLE_COLUMN] = "fo:table-column",
        [GR_FO_TABLE_HEADER] = "fo:table-header",
        [GR_FO_TABLE_FOOTER] = "fo:table-footer",
        [GR_FO_TABLE_BODY] = "fo:table-body",
        [GR_FO_TABLE_ROW] = "fo:table-row",
        [GR_FO_TABLE_CELL] = "fo:table-cell",
        [GR_FO_EXTERNAL_GRAPHIC] = "fo:external-graphic",
        [GR_FO_INSTREAM_FOREIGN_OBJECT] = "fo:instream-foreign-object",
        [GR_FO_FOOTNOTE] = "fo:footnote",
        [GR_FO_FOOTNOTE_BODY] = "fo:footnote-body",
        [GR_FO_BASIC_LINK] = "fo:basic-link",
        [GR_FO_BOOKMARK_TREE] = "fo:bookmark-tree",
        [GR_FO_BOOKMARK] = "fo:bookmark",
        [GR_FO_BOOKMARK_TITLE] = "fo:bookmark-title",
        [GR_FO_TEXT] = "(text)",
    };
    if ((int)t <= 0 || (size_t)t >= sizeof names / sizeof names[0] || !names[t])
        return "fo:?";
    return names[t];
}

#define BIT(t) (1ull << (t))

/* Children allowed in CM_SPECIFIC elements (order checked later). */
static unsigned long long specific_children(gr_fo_type t)
{
    switch (t) {
    case GR_FO_ROOT:
        return BIT(GR_FO_LAYOUT_MASTER_SET) | BIT(GR_FO_BOOKMARK_TREE) | BIT(GR_FO_PAGE_SEQUENCE);
    case GR_FO_LAYOUT_MASTER_SET: return BIT(GR_FO_SIMPLE_PAGE_MASTER);
    case GR_FO_SIMPLE_PAGE_MASTER:
        return BIT(GR_FO_REGION_BODY) | BIT(GR_FO_REGION_BEFORE) | BIT(GR_FO_REGION_AFTER);
    case GR_FO_PAGE_SEQUENCE: return BIT(GR_FO_STATIC_CONTENT) | BIT(GR_FO_FLOW);
    case GR_FO_LIST_BLOCK: return BIT(GR_FO_LIST_ITEM);
    case GR_FO_LIST_ITEM: return BIT(GR_FO_LIST_ITEM_LABEL) | BIT(GR_FO_LIST_ITEM_BODY);
    case GR_FO_TABLE:
        return BIT(GR_FO_TABLE_COLUMN) | BIT(GR_FO_TABLE_HEADER) | BIT(GR_FO_TABLE_FOOTER) |
               BIT(GR_FO_TABLE_BODY);
    case GR_FO_TABLE_HEADER: case GR_FO_TABLE_FOOTER: case GR_FO_TABLE_BODY:
        return BIT(GR_FO_TABLE_ROW);
    case GR_FO_TABLE_ROW: return BIT(GR_FO_TABLE_CELL);
    case GR_FO_FOOTNOTE: return BIT(GR_FO_INLINE) | BIT(GR_FO_FOOTNOTE_BODY);
    case GR_FO_BOOKMARK_TREE: return BIT(GR_FO_BOOKMARK);
    case GR_FO_BOOKMARK: return BIT(GR_FO_BOOKMARK_TITLE) | BIT(GR_FO_BOOKMARK);
    default: return 0;
    }
}

/* ---------------------------------------------------------------------- */
/* The tree and its id table.                                             */

/* node is NULL for an element of a streamed flow (freed once laid out):
   its id and line stay for the checks */
typedef struct id_slot { const char *id; gr_fo_node *node; int line; } id_slot;

/* Interned property sets: open addressing, malloc'ed table, sets in an
   arena (the tree's, or while streaming a flow's own). */
/* A node without attributes (every text node, most wrappers) gets its
 * parent's inherited properties adjusted by its own type only, so the
 * shared set it ends with is remembered per (type, parent's set). */
#define BARE_SLOTS 256
typedef struct bare_memo {
    const gr_fo_props *parent, *result;
    gr_fo_type type;
} bare_memo;

/* Nodes with attributes: the set computed from (parent's set, type, the
 * attributes' names and values), when computing it said nothing and read
 * nothing else (gr_fo_propctx.used_ancestors). An XSLT's FO repeats a few
 * dozen attribute lists over thousands of cells and blocks. Direct-mapped;
 * a slot keeps its key buffer when reset. */
#define ATTR_SLOTS 512
typedef struct attr_memo {
    uint64_t hash;
    const gr_fo_props *parent, *result;   /* result NULL: empty slot */
    gr_fo_type type;
    size_t nattrs;
    char *key;                  /* name NUL value NUL ... */
    size_t klen, kcap;
} attr_memo;

typedef struct props_table {
    const gr_fo_props **v;
    size_t cap, count;
    bare_memo bare[BARE_SLOTS];  /* results in this table */
    attr_memo *attr;            /* ATTR_SLOTS, or NULL until first used */
} props_table;

/* Empties a table's memos (its sets are about to be freed). */
static void props_memo_reset(props_table *t)
{
    size_t i;
    memset(t->bare, 0, sizeof t->bare);
    if (t->attr)
        for (i = 0; i < ATTR_SLOTS; i++) t->attr[i].result = NULL;
}

static void props_table_free(props_table *t)
{
    size_t i;
    free(t->v);
    if (t->attr)
        for (i = 0; i < ATTR_SLOTS; i++) free(t->attr[i].key);
    free(t->attr);
    memset(t, 0, sizeof *t);
}

typedef struct fo_tree_impl {
    gr_fo_tree pub;             /* first: a gr_fo_tree* is a fo_tree_impl* */
    id_slot *ids;               /* open addressing, malloc'ed */
    size_t ids_cap, ids_count;
    props_table props;          /* sets of the nodes in the tree's arena */
} fo_tree_impl;

/* Hash of a property set, a machine word at a time (sets are a few
 * hundred bytes and one is hashed per node). */
static size_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 1469598103934665603u, w;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, b + i, 8);
        h = (h ^ w) * 1099511628211u;
        h ^= h >> 29;
    }
    for (; i < n; i++) h = (h ^ b[i]) * 1099511628211u;
    return (size_t)(h ^ (h >> 32));
}

/* The shared copy of a property set: nodes with identical computed
 * properties (most text nodes, most cells of a table) point to one. */
static const gr_fo_props *intern_props(props_table *t, gr_arena *arena, const gr_fo_props *p)
{
    size_t h, i;
    gr_fo_props *copy;
    if (t->count * 2 >= t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 256, k;
        const gr_fo_props **nt = gr_calloc(ncap, sizeof *nt);
        for (k = 0; k < t->cap; k++) {
            const gr_fo_props *q = t->v[k];
            if (!q) continue;
            for (i = hash_bytes(q, sizeof *q) & (ncap - 1); nt[i]; i = (i + 1) & (ncap - 1)) ;
            nt[i] = q;
        }
        free(t->v);
        t->v = nt;
        t->cap = ncap;
    }
    h = hash_bytes(p, sizeof *p);
    for (i = h & (t->cap - 1); t->v[i]; i = (i + 1) & (t->cap - 1))
        if (memcmp(t->v[i], p, sizeof *p) == 0) return t->v[i];
    copy = gr_arena_alloc(arena, sizeof *copy);
    memcpy(copy, p, sizeof *copy);
    t->v[i] = copy;
    t->count++;
    return copy;
}

static size_t hash_str(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static id_slot *id_probe(fo_tree_impl *t, const char *id)
{
    size_t mask = t->ids_cap - 1, i = hash_str(id) & mask;
    while (t->ids[i].id && strcmp(t->ids[i].id, id) != 0) i = (i + 1) & mask;
    return &t->ids[i];
}

static void id_grow(fo_tree_impl *t)
{
    id_slot *old = t->ids;
    size_t i, oldcap = t->ids_cap;
    t->ids_cap = oldcap ? oldcap * 2 : 64;
    t->ids = gr_calloc(t->ids_cap, sizeof *t->ids);
    for (i = 0; i < oldcap; i++)
        if (old[i].id) *id_probe(t, old[i].id) = old[i];
    free(old);
}

/* Register (id must live as long as the tree); returns the slot that
 * already had this id, or NULL. */
static const id_slot *id_add(fo_tree_impl *t, const char *id, gr_fo_node *node, int line)
{
    id_slot *s;
    if ((t->ids_count + 1) * 2 > t->ids_cap) id_grow(t);
    s = id_probe(t, id);
    if (s->id) return s;
    s->id = id;
    s->node = node;
    s->line = line;
    t->ids_count++;
    return NULL;
}

static int id_known(fo_tree_impl *t, const char *id)
{
    return t->ids_cap && id_probe(t, id)->id != NULL;
}

gr_fo_node *gr_fo_find_id(gr_fo_tree *tree, const char *id)
{
    fo_tree_impl *t = (fo_tree_impl *)tree;
    id_slot *s;
    if (!t || !id || !t->ids_cap) return NULL;
    s = id_probe(t, id);
    return s->id ? s->node : NULL;
}

void gr_fo_tree_free(gr_fo_tree *tree)
{
    fo_tree_impl *t = (fo_tree_impl *)tree;
    if (!t) return;
    if (t->pub.xml_doc) xmlFreeDoc((xmlDocPtr)t->pub.xml_doc);
    gr_arena_free(t->pub.arena);
    free(t->ids);
    props_table_free(&t->props);
    free(t);
}

/* ---------------------------------------------------------------------- */
/* Parser state and messages.                                             */

typedef struct fo_parser {
    gr_ctx *ctx;
    const char *file;           /* name used in messages */
    fo_tree_impl *t;
    gr_arena *arena;
    int errors_at_start;
    int doctype_line;           /* > 0: a DOCTYPE was met there */
    int saw_doctype;
    int has_foreign;
    int stopped;                /* too many errors: stop checking */
    /* streaming: each child of fo:root is built as soon as the parser has
       read it, then its DOM is freed, so the whole document's DOM never
       exists at once (it is several times the size of the tree) */
    int root_failed;            /* the root could not be built: no streaming */
    void *foreign_doc;          /* xmlDoc holding copies of the SVG subtrees */
    int mapped;                 /* lines are the data file's (gr:line) */
    /* gr_fo_parse_stream: each page-sequence goes to seq_fn as soon as it
       is built and checked; its flow's content (nodes, strings, property
       sets, SVG copies) lives in flow_* and is freed when seq_fn returns,
       so the tree keeps only what spans the document (masters, bookmarks,
       the sequences' own nodes and static content) */
    gr_fo_seq_fn seq_fn;
    void *seq_user;
    int seq_stop;               /* hand over no more (an error, or seq_fn
                                   asked to stop) */
    int seq_errors;             /* errors reported inside seq_fn: not the
                                   parse's own */
    int in_flow;                /* building a streamed flow's content */
    gr_arena *flow_arena;
    props_table flow_props;
    void *flow_foreign;
    struct pending_ref *refs;   /* id references not resolved yet: checked
                                   when the whole document is read */
    size_t nrefs, caprefs;
    gr_fo_attr *attrs;          /* collect_attrs' arrays, reused from node */
    xmlChar **owned;            /* to node (only one is collected at a time) */
    size_t attrs_cap, owned_cap;
} fo_parser;

/* An id reference met before its id (streaming only). */
typedef struct pending_ref {
    const char *id;             /* in the tree's arena */
    gr_fo_type type;
    const char *prop;
    int line;
} pending_ref;

/* The parse's own errors so far (not those of the callback's work). */
static int parse_errors(const fo_parser *P)
{
    return P->ctx->nerrors - P->errors_at_start - P->seq_errors;
}

static int too_many(fo_parser *P)
{
    if (P->stopped) return 1;
    if (parse_errors(P) >= MAX_ERRORS) {
        P->stopped = 1;
        gr_error(P->ctx, P->file, 0, GR_TEXT(FO_TOO_MANY_ERRORS_CHECKING));
        return 1;
    }
    return 0;
}

/* Elements carry the line of their '<' in _private (on_start_element);
 * libxml2's own line is where the start tag ends. */
static int line_of(xmlNodePtr x)
{
    long l;
    if (x->type == XML_ELEMENT_NODE && x->_private)
        return (int)(intptr_t)x->_private;
    l = xmlGetLineNo(x);
    return l > 0 && l < 0x7fffffff ? (int)l : 0;
}

/* gr:line="N" on an element, or 0. */
static int gr_line_attr(xmlNodePtr x)
{
    xmlChar *v = xmlGetNsProp(x, BAD_CAST "line", BAD_CAST GR_SOURCE_NS);
    long l = 0;
    if (v) {
        char *end;
        l = strtol((const char *)v, &end, 10);
        if (*end || l <= 0 || l >= 0x7fffffff) l = 0;
        xmlFree(v);
    }
    return (int)l;
}

/* The line a node's messages name: the FO's own, or in a mapped parse the
 * data line of the element (gr:line) or of its nearest ancestor that has
 * one (0 when none has). */
static int node_line(fo_parser *P, xmlNodePtr x, const gr_fo_node *parent)
{
    int l;
    if (!P->mapped) return line_of(x);
    l = x->type == XML_ELEMENT_NODE ? gr_line_attr(x) : 0;
    return l > 0 ? l : parent ? parent->line : 0;
}

/* At most n bytes of s for a message, cut at a UTF-8 boundary. */
static int clip(const char *s, int n)
{
    int len = (int)strnlen(s, (size_t)n + 1);
    if (len <= n) return len;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    return n;
}

/* ---------------------------------------------------------------------- */
/* libxml2 callbacks.                                                     */

static void on_xml_error(void *user, xmlErrorPtr e)
{
    xmlParserCtxtPtr c = user;
    fo_parser *P = c ? c->_private : NULL;
    const char *msg;
    int n;
    if (!P || !e) return;
    if (P->saw_doctype) return;     /* reported on its own */
    msg = e->message ? e->message : "?";
    n = (int)strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
    if (n > 200) n = clip(msg, 200);
    if (gr_xml_limit_text(msg, 0)) {
        gr_error(P->ctx, P->file, e->line, GR_TEXT(FO_MALFORMED_XML),
                 gr_xml_limit_text(msg, 0), gr_xml_limit_text(msg, 1));
        return;
    }
    if (e->level == XML_ERR_WARNING)
        gr_warn(P->ctx, P->file, e->line, GR_TEXT(FO_XML_WARNING), n, msg);
    else
        gr_error(P->ctx, P->file, e->line, GR_TEXT(FO_MALFORMED_XML_2), n, msg);
}

/* libxml2's element callback, plus the line where the start tag begins:
 * the parser stands at the tag's end; '<' cannot occur inside it. */
static void on_start_element(void *user, const xmlChar *localname, const xmlChar *prefix,
                             const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                             int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    xmlParserCtxtPtr c = user;
    const xmlChar *p;
    int newlines = 0;
    xmlSAX2StartElementNs(user, localname, prefix, uri, nb_namespaces, namespaces,
                          nb_attributes, nb_defaulted, attributes);
    if (!c->node || !c->input || !c->input->cur || !c->input->base) return;
    for (p = c->input->cur; p > c->input->base && *p != '<'; p--)
        newlines += *p == '\n';
    if (*p == '<' && c->input->line - newlines > 0)
        c->node->_private = (void *)(intptr_t)(c->input->line - newlines);
}

static gr_fo_node *build_node(fo_parser *P, xmlNodePtr x, gr_fo_node *parent, int depth,
                              int shallow);
static gr_fo_node *build(fo_parser *P, xmlNodePtr x, gr_fo_node *parent, int depth);
static void hand_over(fo_parser *P, gr_fo_node *seq);

/* When a child of the root element is complete, build it (the root's own
 * node first, the first time) and free its DOM; a page-sequence then goes
 * to the streaming callback, if any. */
static void on_end_element(void *user, const xmlChar *localname, const xmlChar *prefix,
                           const xmlChar *uri)
{
    xmlParserCtxtPtr c = user;
    fo_parser *P = c ? c->_private : NULL;
    xmlNodePtr ended = c ? c->node : NULL, root;
    xmlSAX2EndElementNs(user, localname, prefix, uri);
    if (!P || !ended || !ended->parent || ended->parent->type != XML_ELEMENT_NODE ||
        !ended->parent->parent || ended->parent->parent->type != XML_DOCUMENT_NODE ||
        P->root_failed || P->stopped)
        return;
    root = ended->parent;
    if (!P->t->pub.root) {
        P->t->pub.root = build_node(P, root, NULL, 0, 1);
        if (!P->t->pub.root) { P->root_failed = 1; return; }
    }
    {
        gr_fo_node *n = build(P, ended, P->t->pub.root, 1);
        xmlUnlinkNode(ended);
        xmlFreeNode(ended);
        if (P->seq_fn && n && n->type == GR_FO_PAGE_SEQUENCE) hand_over(P, n);
    }
    /* libxml2 appends the next characters in place to the text node it
       last grew (nodelen/nodemem); that node may have been in the subtree
       just freed: start the next text afresh */
    c->nodelen = 0;
    c->nodemem = 0;
}

/* Any DOCTYPE (with or without an internal subset) stops the parse before
 * a single declaration is read. */
static void on_doctype(void *user, const xmlChar *name, const xmlChar *ext_id,
                       const xmlChar *sys_id)
{
    xmlParserCtxtPtr c = user;
    fo_parser *P = c ? c->_private : NULL;
    if (!P) return;
    P->saw_doctype = 1;
    P->doctype_line = c->input ? c->input->line : 0;
    xmlStopParser(c);
}

/* ---------------------------------------------------------------------- */
/* Building nodes.                                                        */

/* The memo key of an attribute list: its hash, and (key != NULL) the
 * names and values written into key. */
static uint64_t attrs_hash(const gr_fo_props *parent, gr_fo_type type,
                           const gr_fo_attr *attrs, size_t nattrs)
{
    uint64_t h = 1469598103934665603u ^ (uint64_t)(uintptr_t)parent;
    size_t i;
    h = (h ^ (uint64_t)type) * 1099511628211u;
    for (i = 0; i < nattrs; i++) {
        const unsigned char *s;
        for (s = (const unsigned char *)attrs[i].name; *s; s++) h = (h ^ *s) * 1099511628211u;
        h = (h ^ 0xFF) * 1099511628211u;
        for (s = (const unsigned char *)attrs[i].value; *s; s++) h = (h ^ *s) * 1099511628211u;
        h = (h ^ 0xFE) * 1099511628211u;
    }
    return h ^ (h >> 31);
}

/* Does the slot hold exactly this list? */
static int attrs_same(const attr_memo *m, const gr_fo_attr *attrs, size_t nattrs)
{
    const char *k = m->key, *end = m->key + m->klen;
    size_t i;
    if (m->nattrs != nattrs) return 0;
    for (i = 0; i < nattrs; i++) {
        size_t a = strlen(attrs[i].name) + 1, b = strlen(attrs[i].value) + 1;
        if ((size_t)(end - k) < a + b || memcmp(k, attrs[i].name, a) != 0
            || memcmp(k + a, attrs[i].value, b) != 0)
            return 0;
        k += a + b;
    }
    return k == end;
}

static void attrs_store(attr_memo *m, const gr_fo_attr *attrs, size_t nattrs)
{
    size_t i, len = 0;
    for (i = 0; i < nattrs; i++) len += strlen(attrs[i].name) + strlen(attrs[i].value) + 2;
    m->key = gr_grow(m->key, &m->kcap, len ? len : 1, 1);
    m->klen = 0;
    for (i = 0; i < nattrs; i++) {
        size_t a = strlen(attrs[i].name) + 1, b = strlen(attrs[i].value) + 1;
        memcpy(m->key + m->klen, attrs[i].name, a);
        memcpy(m->key + m->klen + a, attrs[i].value, b);
        m->klen += a + b;
    }
    m->nattrs = nattrs;
}

/* Compute a node's properties into a zeroed set (so that padding bytes
 * compare equal) and share it. */
static void compute_props(fo_parser *P, gr_fo_propctx *pc, gr_fo_type type,
                          gr_fo_node *n, const gr_fo_node *parent,
                          const gr_fo_attr *attrs, size_t nattrs)
{
    gr_fo_props tmp;
    props_table *t = P->in_flow ? &P->flow_props : &P->t->props;
    bare_memo *m = NULL;
    attr_memo *am = NULL;
    uint64_t h = 0;
    int said;
    if (nattrs == 0 && parent && parent->p) {
        m = &t->bare[(((uintptr_t)parent->p >> 4) ^ (uintptr_t)type * 31u) % BARE_SLOTS];
        if (m->parent == parent->p && m->type == type) {
            n->p = m->result;
            return;
        }
    } else if (nattrs > 0 && parent && parent->p) {
        if (!t->attr) t->attr = gr_calloc(ATTR_SLOTS, sizeof *t->attr);
        h = attrs_hash(parent->p, type, attrs, nattrs);
        am = &t->attr[h % ATTR_SLOTS];
        if (am->result && am->hash == h && am->parent == parent->p && am->type == type
            && attrs_same(am, attrs, nattrs)) {
            n->p = am->result;
            return;
        }
    }
    said = P->ctx->nerrors + P->ctx->nwarnings + P->ctx->nunmet;
    pc->used_ancestors = 0;
    memset(&tmp, 0, sizeof tmp);
    gr_fo_props_compute(pc, type, parent, attrs, nattrs, &tmp);
    n->p = intern_props(t, P->in_flow ? P->flow_arena : P->t->pub.arena, &tmp);
    if (m) {
        m->parent = parent->p;
        m->type = type;
        m->result = n->p;
    } else if (am && !pc->used_ancestors
               && said == P->ctx->nerrors + P->ctx->nwarnings + P->ctx->nunmet) {
        attrs_store(am, attrs, nattrs);
        am->hash = h;
        am->parent = parent->p;
        am->type = type;
        am->result = n->p;
    }
}

static gr_fo_node *new_node(fo_parser *P, gr_fo_type type, int line, gr_fo_node *parent)
{
    gr_fo_node *n = gr_arena_alloc(P->arena, sizeof *n);
    n->type = type;
    n->line = line;
    n->parent = parent;
    if (parent) {
        n->prev = parent->last;
        if (parent->last) parent->last->next = n;
        else parent->first = n;
        parent->last = n;
    }
    return n;
}

static void unlink_node(gr_fo_node *n)
{
    gr_fo_node *p = n->parent;
    if (n->prev) n->prev->next = n->next;
    else if (p) p->first = n->next;
    if (n->next) n->next->prev = n->prev;
    else if (p) p->last = n->prev;
    n->next = n->prev = NULL;
}

static content_model cm_of(const gr_fo_node *n)
{
    const elem_def *d;
    while (n && n->type == GR_FO_WRAPPER) n = n->parent;
    if (!n) return CM_SPECIFIC;
    d = elem_of_type(n->type);
    return d ? d->cm : CM_EMPTY;
}

static int text_allowed(const gr_fo_node *parent)
{
    content_model cm = cm_of(parent);
    return cm == CM_MIXED || cm == CM_INLINE || cm == CM_TEXT;
}

static int all_xml_space(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return 0;
    return 1;
}

/* Name of the nearest non-wrapper ancestor (for messages). */
static const char *context_name(const gr_fo_node *n)
{
    while (n && n->type == GR_FO_WRAPPER && n->parent) n = n->parent;
    return n ? gr_fo_type_name(n->type) : "?";
}

/* Is an element of definition d allowed in parent? Reports if not. */
static int check_placement(fo_parser *P, const gr_fo_node *parent, const elem_def *d, int line)
{
    content_model cm;
    const char *pname = context_name(parent);
    if (!parent) {
        if (d->type == GR_FO_ROOT) return 1;
        gr_error(P->ctx, P->file, line, GR_TEXT(FO_DOCUMENT_ELEMENT_MUST_FO), d->name);
        return 0;
    }
    if (parent->type != GR_FO_WRAPPER && elem_of_type(parent->type)->cm == CM_SPECIFIC) {
        if (specific_children(parent->type) & BIT(d->type)) return 1;
        if (d->type == GR_FO_TABLE_CELL)
            gr_error(P->ctx, P->file, line, GR_TEXT(FO_TABLE_CELL_MUST_INSIDE));
        else
            gr_error(P->ctx, P->file, line, GR_TEXT(FO_ALLOWED_INSIDE), d->name, gr_fo_type_name(parent->type));
        return 0;
    }
    cm = cm_of(parent);
    if (d->kind == K_NEUTRAL && (cm == CM_MIXED || cm == CM_INLINE || cm == CM_BLOCKS)) return 1;
    if (d->kind == K_BLOCK && (cm == CM_MIXED || cm == CM_BLOCKS)) return 1;
    if (d->kind == K_INLINE && (cm == CM_MIXED || cm == CM_INLINE)) {
        if (d->type == GR_FO_FOOTNOTE) {
            const gr_fo_node *a;
            for (a = parent; a; a = a->parent)
                if (a->type == GR_FO_FOOTNOTE || a->type == GR_FO_FOOTNOTE_BODY) {
                    gr_error(P->ctx, P->file, line, GR_TEXT(FO_FOOTNOTE_CANNOT_INSIDE_ANOTHER));
                    return 0;
                }
        }
        return 1;
    }
    if (d->kind == K_BLOCK && cm == CM_INLINE)
        gr_error(P->ctx, P->file, line, GR_TEXT(FO_BLOCK_LEVEL_FO_CANNOT), d->name, pname);
    else if (d->kind == K_INLINE && cm == CM_BLOCKS)
        gr_error(P->ctx, P->file, line, GR_TEXT(FO_INLINE_LEVEL_FO_CANNOT),
                 d->name, pname);
    else if (cm == CM_EMPTY || cm == CM_TEXT || cm == CM_FOREIGN)
        gr_error(P->ctx, P->file, line, GR_TEXT(FO_CANNOT_CONTAIN_ELEMENTS_FOUND), pname, d->name);
    else
        gr_error(P->ctx, P->file, line, GR_TEXT(FO_ALLOWED_INSIDE), d->name, pname);
    return 0;
}

/* The first characters of a text for a message: whitespace runs as one
 * space, at most about 40 bytes, cut at a UTF-8 boundary. */
static void snippet(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    int space = 0;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    while (*s) {
        uint32_t cp;
        int k;
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') { space = 1; s++; continue; }
        k = gr_utf8_decode(s, strnlen(s, 4), &cp);
        if (n + (size_t)space + (size_t)k + 4 > cap) break;
        if (space) { out[n++] = ' '; space = 0; }
        memcpy(out + n, s, (size_t)k);
        n += (size_t)k;
        s += k;
    }
    if (*s) {
        memcpy(out + n, "...", 3);
        n += 3;
    }
    out[n] = 0;
}

/* libxml2 gives a text node the line where its first chunk ended: the
 * start of short texts is that line minus their line feeds. */
static int text_line(xmlNodePtr x, const gr_fo_node *parent)
{
    const char *s = (const char *)x->content;
    int line = line_of(x), floor_line = parent->last ? parent->last->line : parent->line;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    for (; *s; s++) line -= *s == '\n';
    return line < floor_line ? floor_line : line;
}

/* Text child: kept where text is allowed (whitespace handled later);
 * whitespace elsewhere is ignored, other text is an error. */
static void add_text(fo_parser *P, gr_fo_node *parent, xmlNodePtr x)
{
    const char *s = (const char *)x->content;
    size_t len;
    if (!s || !*s) return;
    if (!text_allowed(parent)) {
        if (!all_xml_space(s)) {
            char shown[48];
            snippet(s, shown, sizeof shown);
            gr_error(P->ctx, P->file, (P->mapped ? parent->line : text_line(x, parent)), GR_TEXT(FO_CANNOT_CONTAIN_TEXT_DIRECTLY),
                     context_name(parent), shown,
                     GR_PAIR(cm_of(parent) == CM_BLOCKS ? GR_M_FO_PUT_IN_BLOCK : GR_M_NOTHING));
        }
        return;
    }
    len = strlen(s);
    if (parent->last && parent->last->type == GR_FO_TEXT) {
        /* text split by a comment or PI: join it */
        gr_fo_node *t = parent->last;
        char *joined = gr_arena_alloc(P->arena, t->text_len + len + 1);
        memcpy(joined, t->text, t->text_len);
        memcpy(joined + t->text_len, s, len);
        t->text = joined;
        t->text_len += len;
        return;
    }
    {
        gr_fo_node *t = new_node(P, GR_FO_TEXT, (P->mapped ? parent->line : text_line(x, parent)), parent);
        gr_fo_propctx pc;
        pc.ctx = P->ctx;
        pc.file = P->file;
        pc.line = t->line;
        pc.arena = P->arena;
        compute_props(P, &pc, GR_FO_TEXT, t, parent, NULL, 0);
        t->text = gr_arena_strndup(P->arena, s, len);
        t->text_len = len;
    }
}

/* A copy of an SVG subtree in the parser's small document of foreign
 * objects (line numbers and namespaces come along): the FO's own DOM is
 * freed while parsing goes on. */
static void *keep_foreign_copy(fo_parser *P, xmlNodePtr svg)
{
    void **docp = P->in_flow ? &P->flow_foreign : &P->foreign_doc;
    xmlDocPtr d = *docp;
    xmlNodePtr holder, copy;
    if (!d) {
        d = xmlNewDoc(BAD_CAST "1.0");
        holder = d ? xmlNewDocNode(d, NULL, BAD_CAST "foreign", NULL) : NULL;
        if (!holder) {
            if (d) xmlFreeDoc(d);
            return NULL;
        }
        xmlDocSetRootElement(d, holder);
        *docp = d;
    }
    holder = xmlDocGetRootElement(d);
    copy = xmlDocCopyNode(svg, d, 1);
    if (copy) xmlAddChild(holder, copy);
    return copy;
}

/* In a mapped parse, SVG messages name the data line of the graphic. */
static int gr_line_attr(xmlNodePtr x);

/* In a mapped parse, an SVG subtree's elements take the data line of the
 * fo:instream-foreign-object, or their own gr:line (a chart label's group). */
static void set_lines(xmlNodePtr x, int line)
{
    xmlNodePtr c;
    int own = gr_line_attr(x);
    if (own > 0) line = own;
    x->line = (unsigned short)(line < 65535 ? line : 65535);
    for (c = x->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) set_lines(c, line);
}

static void check_foreign(fo_parser *P, gr_fo_node *n, xmlNodePtr x)
{
    xmlNodePtr c;
    int elements = 0;
    for (c = x->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            if (elements++) {
                gr_error(P->ctx, P->file, line_of(c), GR_TEXT(FO_INSTREAM_FOREIGN_OBJECT_MUST));
                return;
            }
            if (!c->ns || strcmp((const char *)c->ns->href, SVG_NS) != 0 ||
                strcmp((const char *)c->name, "svg") != 0) {
                gr_error(P->ctx, P->file, line_of(c), GR_TEXT(FO_INSTREAM_FOREIGN_OBJECT_ACCEPTS),
                         SVG_NS, clip((const char *)c->name, 60), (const char *)c->name);
                return;
            }
            n->foreign_xml = keep_foreign_copy(P, c);
            if (P->mapped && n->foreign_xml) set_lines(n->foreign_xml, n->line);
            P->has_foreign++;
        } else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
                   c->content && !all_xml_space((const char *)c->content)) {
            gr_error(P->ctx, P->file, line_of(c), GR_TEXT(FO_INSTREAM_FOREIGN_OBJECT_CANNOT));
        } else if (c->type == XML_ENTITY_REF_NODE) {
            gr_error(P->ctx, P->file, line_of(c), GR_TEXT(FO_DTD_EXTERNAL_ENTITIES_ARE), (const char *)c->name);
        }
    }
    if (!elements)
        gr_error(P->ctx, P->file, n->line, GR_TEXT(FO_INSTREAM_FOREIGN_OBJECT_HAS));
}

/* Collect the attributes of x for the property computation, into the
 * parser's arrays (valid until the next call). Values that libxml2 had to
 * build are returned in owned[] for freeing. */
static size_t collect_attrs(fo_parser *P, xmlNodePtr x, const elem_def *d,
                            gr_fo_attr **out, xmlChar ***owned, size_t *nowned)
{
    xmlAttrPtr a;
    size_t n = 0, cap = 0, i = 0;
    gr_fo_attr *attrs;
    for (a = x->properties; a; a = a->next) cap++;
    P->attrs = gr_grow(P->attrs, &P->attrs_cap, cap + 1, sizeof *P->attrs);
    P->owned = gr_grow(P->owned, &P->owned_cap, cap + 1, sizeof *P->owned);
    attrs = P->attrs;
    *owned = P->owned;
    *nowned = 0;
    for (a = x->properties; a; a = a->next, i++) {
        const char *name = (const char *)a->name;
        const char *value;
        if (a->ns) {
            if (strcmp((const char *)a->ns->href, (const char *)XML_XML_NAMESPACE) == 0 &&
                strcmp(name, "lang") == 0) {
                name = "xml:lang";
            } else if (strcmp((const char *)a->ns->href, GR_SOURCE_NS) == 0 &&
                       strcmp(name, "line") == 0) {
                continue;           /* the data line: node_line() reads it */
            } else if (strcmp((const char *)a->ns->href, GR_SOURCE_NS) == 0 &&
                       strcmp(name, "continued") == 0) {
                name = "gr:continued";  /* a property of ours (fo-subset.md) */
            } else if (strcmp((const char *)a->ns->href, GR_SOURCE_NS) == 0 &&
                       strcmp(name, "column-set") == 0) {
                name = "gr:column-set"; /* a property of ours (fo-subset.md) */
            } else {
                const char *prefix = a->ns->prefix ? (const char *)a->ns->prefix : "";
                gr_error(P->ctx, P->file, line_of(x), GR_TEXT(FO_ATTRIBUTE_ANOTHER_NAMESPACE_SUPPORTED),
                         d->name, clip(prefix, 40), prefix, clip(name, 60), name,
                         clip((const char *)a->ns->href, 80), (const char *)a->ns->href);
                continue;
            }
        }
        if (a->children && !a->children->next && a->children->type == XML_TEXT_NODE)
            value = (const char *)a->children->content;
        else {
            xmlChar *v = xmlNodeListGetString(x->doc, a->children, 1);
            if (!v) v = xmlStrdup((const xmlChar *)"");
            (*owned)[(*nowned)++] = v;
            value = (const char *)v;
        }
        attrs[n].name = name;
        attrs[n].value = value ? value : "";
        n++;
    }
    *out = attrs;
    return n;
}

static void register_id(fo_parser *P, gr_fo_node *n)
{
    const id_slot *prev;
    if (!n->p->id) return;
    if (P->in_flow)             /* the node goes with its flow; the id stays */
        prev = id_add(P->t, gr_arena_strdup(P->t->pub.arena, n->p->id), NULL, n->line);
    else
        prev = id_add(P->t, n->p->id, n, n->line);
    if (prev)
        gr_error(P->ctx, P->file, n->line, GR_TEXT(FO_DUPLICATE_ID_ALREADY_USED), n->p->id, prev->line);
}

static void check_children(fo_parser *P, gr_fo_node *n);
static void build_children(fo_parser *P, xmlNodePtr x, gr_fo_node *n, int depth);

/* The node of DOM element x (properties, id), and with shallow == 0 its
 * whole subtree. */
static gr_fo_node *build_node(fo_parser *P, xmlNodePtr x, gr_fo_node *parent, int depth,
                              int shallow)
{
    const elem_def *d;
    gr_fo_node *n;
    gr_fo_attr *attrs;
    xmlChar **owned;
    size_t nattrs, nowned, i;
    gr_fo_propctx pc;
    int line = node_line(P, x, parent);

    if (too_many(P)) return NULL;
    if (depth > MAX_DEPTH) {
        gr_error(P->ctx, P->file, line, GR_TEXT(FO_ELEMENTS_NESTED_TOO_DEEPLY));
        return NULL;
    }
    if (!x->ns || strcmp((const char *)x->ns->href, FO_NS) != 0) {
        const char *href = x->ns ? (const char *)x->ns->href : "";
        gr_error(P->ctx, P->file, line, GR_TEXT(FO_ELEMENT_XSL_FO_NAMESPACE),
                 clip((const char *)x->name, 60), (const char *)x->name, FO_NS,
                 x->ns ? clip(href, 80) : 4, x->ns ? href : "none");
        return NULL;
    }
    d = elem_lookup((const char *)x->name);
    if (!d) {
        gr_error(P->ctx, P->file, line, GR_TEXT(FO_UNSUPPORTED_XSL_FO_ELEMENT),
                 clip((const char *)x->name, 60), (const char *)x->name);
        return NULL;
    }
    if (!check_placement(P, parent, d, line)) return NULL;

    n = new_node(P, d->type, line, parent);
    nattrs = collect_attrs(P, x, d, &attrs, &owned, &nowned);
    pc.ctx = P->ctx;
    pc.file = P->file;
    pc.line = line;
    pc.arena = P->arena;
    compute_props(P, &pc, d->type, n, parent, attrs, nattrs);
    for (i = 0; i < nowned; i++) xmlFree(owned[i]);
    register_id(P, n);

    if (d->cm == CM_FOREIGN) {
        check_foreign(P, n, x);
        return n;
    }
    if (shallow) return n;
    if (P->seq_fn && d->type == GR_FO_FLOW && !P->in_flow) {
        /* a streamed flow: its content in the flow's own memory */
        gr_arena *tree_arena = P->arena;
        if (!P->flow_arena) P->flow_arena = gr_arena_new();
        P->arena = P->flow_arena;
        P->in_flow = 1;
        build_children(P, x, n, depth);
        P->in_flow = 0;
        P->arena = tree_arena;
        return n;
    }
    build_children(P, x, n, depth);
    return n;
}

/* The children of DOM element x as children of n, then the checks of n's
 * content. */
static void build_children(fo_parser *P, xmlNodePtr x, gr_fo_node *n, int depth)
{
    xmlNodePtr c;
    for (c = x->children; c && !P->stopped; c = c->next) {
        switch (c->type) {
        case XML_ELEMENT_NODE:
            build(P, c, n, depth + 1);
            break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            add_text(P, n, c);
            break;
        case XML_ENTITY_REF_NODE:
        case XML_ENTITY_NODE:
        case XML_ENTITY_DECL:
        case XML_DTD_NODE:
            gr_error(P->ctx, P->file, line_of(c), GR_TEXT(FO_DTD_EXTERNAL_ENTITIES_ARE_2),
                     c->name ? clip((const char *)c->name, 60) : 0,
                     c->name ? (const char *)c->name : "");
            break;
        default:                        /* comments, processing instructions */
            break;
        }
    }
    check_children(P, n);
}

static gr_fo_node *build(fo_parser *P, xmlNodePtr x, gr_fo_node *parent, int depth)
{
    return build_node(P, x, parent, depth, 0);
}

/* ---------------------------------------------------------------------- */
/* Order and count of children.                                           */

static void order_error(fo_parser *P, const gr_fo_node *n, int line, gr_msg_id what)
{
    gr_error(P->ctx, P->file, line > 0 ? line : n->line, GR_TEXT(FO_MESSAGE),
             gr_fo_type_name(n->type), GR_PAIR(what));
}

static int count_type(const gr_fo_node *n, gr_fo_type t)
{
    const gr_fo_node *c;
    int k = 0;
    for (c = n->first; c; c = c->next) k += c->type == t;
    return k;
}

static int count_elements(const gr_fo_node *n)
{
    const gr_fo_node *c;
    int k = 0;
    for (c = n->first; c; c = c->next) k += c->type != GR_FO_TEXT;
    return k;
}

/* Children must follow the given sequence of types (each group in order;
 * a type may repeat within its group). Returns the first child out of
 * order, or NULL. */
static const gr_fo_node *out_of_order(const gr_fo_node *n, const gr_fo_type *seq, int nseq)
{
    const gr_fo_node *c;
    int pos = 0;
    for (c = n->first; c; c = c->next) {
        int k;
        if (c->type == GR_FO_TEXT) continue;
        for (k = pos; k < nseq && seq[k] != c->type; k++) {}
        if (k == nseq) return c;
        pos = k;
    }
    return NULL;
}

static void check_root(fo_parser *P, gr_fo_node *n)
{
    static const gr_fo_type seq[] = { GR_FO_LAYOUT_MASTER_SET, GR_FO_BOOKMARK_TREE,
                                      GR_FO_PAGE_SEQUENCE };
    const gr_fo_node *bad;
    if (count_type(n, GR_FO_LAYOUT_MASTER_SET) != 1)
        order_error(P, n, 0, GR_M_FO_ORDER_LAYOUT_MASTER_SET);
    if (count_type(n, GR_FO_BOOKMARK_TREE) > 1)
        order_error(P, n, 0, GR_M_FO_ORDER_MAY_MOST_BOOKMARK_TREE);
    if (count_type(n, GR_FO_PAGE_SEQUENCE) < 1)
        order_error(P, n, 0, GR_M_FO_ORDER_PAGE_SEQUENCE);
    if ((bad = out_of_order(n, seq, 3)) != NULL)
        order_error(P, n, bad->line, GR_M_FO_ORDER_ROOT_CHILDREN);
}

static void check_page_master(fo_parser *P, gr_fo_node *n)
{
    const gr_fo_node *c, *body = NULL;
    double w, h;
    if (count_type(n, GR_FO_REGION_BODY) != 1) {
        order_error(P, n, 0, GR_M_FO_ORDER_REGION_BODY);
        return;
    }
    if (count_type(n, GR_FO_REGION_BEFORE) > 1 || count_type(n, GR_FO_REGION_AFTER) > 1)
        order_error(P, n, 0, GR_M_FO_ORDER_MAY_MOST_REGION_BEFORE);
    for (c = n->first; c; c = c->next)
        if (c->type == GR_FO_REGION_BODY) body = c;
    /* the body region must keep a positive size */
    w = n->p->page_width - n->p->margin[GR_START] - n->p->margin[GR_END]
        - body->p->margin[GR_START] - body->p->margin[GR_END];
    h = n->p->page_height - n->p->margin[GR_BEFORE] - n->p->margin[GR_AFTER]
        - body->p->margin[GR_BEFORE] - body->p->margin[GR_AFTER];
    if (w <= 0 || h <= 0)
        order_error(P, n, 0, GR_M_FO_ORDER_MARGINS_LEAVE_ROOM_BODY);
}

static void check_page_sequence(fo_parser *P, gr_fo_node *n)
{
    static const gr_fo_type seq[] = { GR_FO_STATIC_CONTENT, GR_FO_FLOW };
    const gr_fo_node *bad;
    if (count_type(n, GR_FO_FLOW) != 1)
        order_error(P, n, 0, GR_M_FO_ORDER_FLOW);
    else if ((bad = out_of_order(n, seq, 2)) != NULL)
        order_error(P, n, bad->line, GR_M_FO_ORDER_STATIC_CONTENT_COME_BEFORE);
}

static void check_table(fo_parser *P, gr_fo_node *n)
{
    static const gr_fo_type seq[] = { GR_FO_TABLE_COLUMN, GR_FO_TABLE_HEADER,
                                      GR_FO_TABLE_FOOTER, GR_FO_TABLE_BODY };
    const gr_fo_node *bad;
    if (count_type(n, GR_FO_TABLE_BODY) < 1)
        order_error(P, n, 0, GR_M_FO_ORDER_TABLE_BODY);
    if (count_type(n, GR_FO_TABLE_HEADER) > 1 || count_type(n, GR_FO_TABLE_FOOTER) > 1)
        order_error(P, n, 0, GR_M_FO_ORDER_MAY_MOST_TABLE_HEADER);
    if ((bad = out_of_order(n, seq, 4)) != NULL)
        order_error(P, n, bad->line, GR_M_FO_ORDER_TABLE_CHILDREN);
}

/* Exactly the two given children, in order. */
static void check_pair(fo_parser *P, gr_fo_node *n, gr_fo_type a, gr_fo_type b)
{
    const gr_fo_node *c = n->first;
    while (c && c->type == GR_FO_TEXT) c = c->next;
    if (c && c->type == a) {
        c = c->next;
        while (c && c->type == GR_FO_TEXT) c = c->next;
        if (c && c->type == b) {
            c = c->next;
            while (c && c->type == GR_FO_TEXT) c = c->next;
            if (!c) return;
        }
    }
    gr_error(P->ctx, P->file, n->line, GR_TEXT(FO_MUST_CONTAIN_ONE_FOLLOWED),
             gr_fo_type_name(n->type), gr_fo_type_name(a), gr_fo_type_name(b));
}

static void check_children(fo_parser *P, gr_fo_node *n)
{
    switch (n->type) {
    case GR_FO_ROOT: check_root(P, n); break;
    case GR_FO_LAYOUT_MASTER_SET:
        if (count_type(n, GR_FO_SIMPLE_PAGE_MASTER) < 1)
            order_error(P, n, 0, GR_M_FO_ORDER_SIMPLE_PAGE_MASTER);
        break;
    case GR_FO_SIMPLE_PAGE_MASTER: check_page_master(P, n); break;
    case GR_FO_PAGE_SEQUENCE: check_page_sequence(P, n); break;
    case GR_FO_FLOW:
        if (count_elements(n) < 1)
            order_error(P, n, 0, GR_M_FO_ORDER_CONTAIN_BLOCK_BLOCK_TABLE);
        break;
    case GR_FO_LIST_ITEM: check_pair(P, n, GR_FO_LIST_ITEM_LABEL, GR_FO_LIST_ITEM_BODY); break;
    case GR_FO_FOOTNOTE: check_pair(P, n, GR_FO_INLINE, GR_FO_FOOTNOTE_BODY); break;
    case GR_FO_TABLE: check_table(P, n); break;
    case GR_FO_BOOKMARK_TREE:
        if (count_type(n, GR_FO_BOOKMARK) < 1)
            order_error(P, n, 0, GR_M_FO_ORDER_BOOKMARK);
        break;
    case GR_FO_BOOKMARK: {
        static const gr_fo_type seq[] = { GR_FO_BOOKMARK_TITLE, GR_FO_BOOKMARK };
        if (count_type(n, GR_FO_BOOKMARK_TITLE) != 1 || out_of_order(n, seq, 2))
            order_error(P, n, 0, GR_M_FO_ORDER_START_BOOKMARK_TITLE_FOLLOWED);
        break;
    }
    default: break;
    }
}

/* ---------------------------------------------------------------------- */
/* Whitespace: XSL defaults (linefeed-treatment="treat-as-space",          */
/* white-space-collapse="true", white-space-treatment=                    */
/* "ignore-if-surrounding-linefeed") resolved at parse time, plus the     */
/* CJK rules: a whitespace run that contains a line feed and sits between */
/* two CJK characters disappears, and so does any whitespace run beside  */
/* full-width punctuation.                                                */

typedef struct ws_state {
    gr_fo_node *pending;        /* text node where pending whitespace began */
    int pending_lf;             /* that whitespace contains a line feed */
    uint32_t prev;              /* last character kept */
    int at_start;               /* nothing kept since the start of the block
                                   or the last nested block */
} ws_state;

static int is_cjk(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x2FDF) ||      /* radicals */
           (c >= 0x3000 && c <= 0x33FF) ||      /* punctuation, kana, bopomofo, enclosed */
           (c >= 0x3400 && c <= 0x4DBF) ||      /* extension A */
           (c >= 0x4E00 && c <= 0x9FFF) ||      /* unified ideographs */
           (c >= 0xF900 && c <= 0xFAFF) ||      /* compatibility ideographs */
           (c >= 0xFE10 && c <= 0xFE1F) ||      /* vertical forms */
           (c >= 0xFE30 && c <= 0xFE6F) ||      /* compatibility and small forms */
           (c >= 0xFF00 && c <= 0xFFEF) ||      /* full-width forms */
           (c >= 0x20000 && c <= 0x3FFFF) ||    /* extensions B and later */
           c == 0x00B7 || c == 0x2014 || c == 0x2015 || c == 0x2018 || c == 0x2019 ||
           c == 0x201C || c == 0x201D || c == 0x2026 || c == 0x2027;
}

/* Full-width punctuation: its em box already holds its blank half, so no
 * space is set beside it (CLREQ: 「（Gender Pay Gap）」, never
 * 「（ Gender Pay Gap ）」). */
static int is_fullwidth_punct(uint32_t c)
{
    return (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
           (c >= 0x3014 && c <= 0x301F) || (c >= 0xFF01 && c <= 0xFF0F) ||
           (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
           (c >= 0xFF5B && c <= 0xFF65);
}

static void ws_reset(ws_state *st)
{
    st->pending = NULL;
    st->pending_lf = 0;
    st->prev = 0;
    st->at_start = 1;
}

/* A kept character (or atomic inline object, c = 0xFFFC) follows. */
static void ws_emit_pending(ws_state *st, uint32_t c)
{
    if (st->pending) {
        int drop = st->at_start || (st->pending_lf && is_cjk(st->prev) && is_cjk(c)) ||
                   is_fullwidth_punct(st->prev) || is_fullwidth_punct(c);
        if (!drop) {
            char *buf = (char *)st->pending->text;
            buf[st->pending->text_len++] = ' ';
        }
        st->pending = NULL;
        st->pending_lf = 0;
    }
    st->prev = c;
    st->at_start = 0;
}

static void ws_text(gr_fo_node *t, ws_state *st)
{
    char *buf = (char *)t->text;            /* the arena copy: ours to edit */
    size_t in = 0, len = t->text_len;
    t->text_len = 0;
    while (in < len) {
        unsigned char ch = (unsigned char)buf[in];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            if (!st->pending) st->pending = t;
            if (ch == '\n') st->pending_lf = 1;
            in++;
        } else {
            uint32_t cp;
            int n = gr_utf8_decode(buf + in, len - in, &cp);
            ws_emit_pending(st, cp);
            memmove(buf + t->text_len, buf + in, (size_t)n);
            t->text_len += (size_t)n;
            in += (size_t)n;
        }
    }
}

static void ws_tree(gr_fo_node *n);

static int is_block_level(gr_fo_type t)
{
    return t == GR_FO_BLOCK || t == GR_FO_TABLE || t == GR_FO_LIST_BLOCK;
}

static void ws_children(gr_fo_node *n, ws_state *st)
{
    gr_fo_node *c;
    for (c = n->first; c; c = c->next) {
        switch (c->type) {
        case GR_FO_TEXT:
            ws_text(c, st);
            break;
        case GR_FO_INLINE:
        case GR_FO_BASIC_LINK:
        case GR_FO_WRAPPER:
            ws_children(c, st);
            break;
        case GR_FO_FOOTNOTE: {
            gr_fo_node *f;
            for (f = c->first; f; f = f->next) {
                if (f->type == GR_FO_INLINE) ws_children(f, st);
                else ws_tree(f);
            }
            break;
        }
        case GR_FO_PAGE_NUMBER:
        case GR_FO_PAGE_NUMBER_CITATION:
        case GR_FO_PAGE_NUMBER_CITATION_LAST:
        case GR_FO_LEADER:
        case GR_FO_EXTERNAL_GRAPHIC:
        case GR_FO_INSTREAM_FOREIGN_OBJECT:
            ws_emit_pending(st, 0xFFFC);
            break;
        default:
            if (is_block_level(c->type)) {
                ws_reset(st);           /* pending whitespace before it goes */
                ws_tree(c);
                ws_reset(st);
            } else {
                ws_tree(c);
            }
            break;
        }
    }
}

/* Find every node with its own inline content (fo:block,
 * fo:bookmark-title) and handle its whitespace. */
static void ws_tree(gr_fo_node *n)
{
    gr_fo_node *c;
    if (n->type == GR_FO_BLOCK || n->type == GR_FO_BOOKMARK_TITLE) {
        ws_state st;
        ws_reset(&st);
        ws_children(n, &st);            /* trailing pending whitespace is dropped */
        return;
    }
    for (c = n->first; c; c = c->next) ws_tree(c);
}

/* Remove text nodes left empty; NUL-terminate the others. */
static void drop_empty_text(gr_fo_node *n)
{
    gr_fo_node *c, *next;
    for (c = n->first; c; c = next) {
        next = c->next;
        if (c->type == GR_FO_TEXT) {
            if (c->text_len == 0) unlink_node(c);
            else ((char *)c->text)[c->text_len] = 0;
        } else {
            drop_empty_text(c);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Cross-references: masters, flow names, ids, required properties.       */

static void missing_prop(fo_parser *P, const gr_fo_node *n, const char *prop)
{
    gr_error(P->ctx, P->file, n->line, GR_TEXT(FO_MISSING_REQUIRED_PROPERTY), gr_fo_type_name(n->type), prop);
}

static gr_fo_node *find_master(gr_fo_node *root, const char *name)
{
    gr_fo_node *lms, *m;
    for (lms = root->first; lms; lms = lms->next) {
        if (lms->type != GR_FO_LAYOUT_MASTER_SET) continue;
        for (m = lms->first; m; m = m->next)
            if (m->type == GR_FO_SIMPLE_PAGE_MASTER && m->p->master_name &&
                strcmp(m->p->master_name, name) == 0)
                return m;
    }
    return NULL;
}

static void check_masters(fo_parser *P, gr_fo_node *lms)
{
    gr_fo_node *m, *r, *r2, *other;
    for (m = lms->first; m; m = m->next) {
        if (m->type != GR_FO_SIMPLE_PAGE_MASTER) continue;
        if (!m->p->master_name) { missing_prop(P, m, "master-name"); continue; }
        other = find_master(P->t->pub.root, m->p->master_name);
        if (other && other != m)
            gr_error(P->ctx, P->file, m->line, GR_TEXT(FO_DUPLICATE_MASTER_NAME_ALSO), m->p->master_name, other->line);
        for (r = m->first; r; r = r->next)
            for (r2 = r->next; r2; r2 = r2->next)
                if (r->p->region_name && r2->p->region_name &&
                    strcmp(r->p->region_name, r2->p->region_name) == 0)
                    gr_error(P->ctx, P->file, r2->line, GR_TEXT(FO_DUPLICATE_REGION_NAME), r2->p->region_name);
    }
}

static const gr_fo_node *region_named(const gr_fo_node *master, const char *name)
{
    const gr_fo_node *r;
    for (r = master->first; r; r = r->next)
        if (r->p->region_name && strcmp(r->p->region_name, name) == 0) return r;
    return NULL;
}

static void check_flows(fo_parser *P, gr_fo_node *ps)
{
    gr_fo_node *master = NULL, *f, *g;
    if (!ps->p->master_reference) missing_prop(P, ps, "master-reference");
    else if (!(master = find_master(P->t->pub.root, ps->p->master_reference)))
        gr_error(P->ctx, P->file, ps->line, GR_TEXT(FO_PAGE_SEQUENCE_REFERS_UNKNOWN),
                 ps->p->master_reference);
    for (f = ps->first; f; f = f->next) {
        const gr_fo_node *r;
        if (f->type != GR_FO_FLOW && f->type != GR_FO_STATIC_CONTENT) continue;
        if (!f->p->flow_name) { missing_prop(P, f, "flow-name"); continue; }
        for (g = ps->first; g != f; g = g->next)
            if (g->p->flow_name && strcmp(g->p->flow_name, f->p->flow_name) == 0)
                gr_error(P->ctx, P->file, f->line, GR_TEXT(FO_FLOW_NAME_USED_TWICE), f->p->flow_name);
        if (!master) continue;
        r = region_named(master, f->p->flow_name);
        if (f->type == GR_FO_FLOW) {
            if (!r || r->type != GR_FO_REGION_BODY)
                gr_error(P->ctx, P->file, f->line, GR_TEXT(FO_FLOW_S_FLOW_NAME),
                         f->p->flow_name, master->p->master_name);
        } else if (strcmp(f->p->flow_name, "xsl-footnote-separator") != 0 &&
                   (!r || r->type == GR_FO_REGION_BODY)) {
            gr_error(P->ctx, P->file, f->line, GR_TEXT(FO_STATIC_CONTENT_S_FLOW),
                     f->p->flow_name, master->p->master_name);
        }
    }
}

static void id_ref_error(fo_parser *P, gr_fo_type type, int line, const char *prop, const char *id)
{
    gr_error(P->ctx, P->file, line, GR_TEXT(FO_REFERS_ELEMENT_S_ID), gr_fo_type_name(type), prop, id);
}

static void check_id_ref(fo_parser *P, const gr_fo_node *n, const char *prop, const char *id)
{
    pending_ref *r;
    if (id_known(P->t, id)) return;
    if (!P->seq_fn) {
        id_ref_error(P, n->type, n->line, prop, id);
        return;
    }
    /* streaming: the id may come later in the document */
    P->refs = gr_grow(P->refs, &P->caprefs, P->nrefs + 1, sizeof *P->refs);
    r = &P->refs[P->nrefs++];
    r->id = gr_arena_strdup(P->t->pub.arena, id);
    r->type = n->type;
    r->prop = prop;
    r->line = n->line;
}

static void check_pending_refs(fo_parser *P)
{
    size_t i;
    for (i = 0; i < P->nrefs && !too_many(P); i++)
        if (!id_known(P->t, P->refs[i].id))
            id_ref_error(P, P->refs[i].type, P->refs[i].line, P->refs[i].prop, P->refs[i].id);
}

static void check_refs(fo_parser *P, gr_fo_node *n)
{
    gr_fo_node *c;
    switch (n->type) {
    case GR_FO_LAYOUT_MASTER_SET: check_masters(P, n); break;
    case GR_FO_PAGE_SEQUENCE: check_flows(P, n); break;
    case GR_FO_PAGE_NUMBER_CITATION:
    case GR_FO_PAGE_NUMBER_CITATION_LAST:
        if (!n->p->ref_id) missing_prop(P, n, "ref-id");
        else check_id_ref(P, n, "ref-id", n->p->ref_id);
        break;
    case GR_FO_BASIC_LINK:
    case GR_FO_BOOKMARK:
        if (!n->p->internal_destination && !n->p->external_destination)
            missing_prop(P, n, "internal-destination / external-destination");
        else if (n->p->internal_destination)
            check_id_ref(P, n, "internal-destination", n->p->internal_destination);
        break;
    case GR_FO_EXTERNAL_GRAPHIC:
        if (!n->p->src) missing_prop(P, n, "src");
        break;
    default: break;
    }
    for (c = n->first; c && !too_many(P); c = c->next)
        if (c->type != GR_FO_TEXT) check_refs(P, c);
}

/* ---------------------------------------------------------------------- */
/* Streaming.                                                             */

/* Whitespace and cross-references of one child of the root. */
static void finish_child(fo_parser *P, gr_fo_node *n)
{
    if (P->stopped) return;
    ws_tree(n);
    drop_empty_text(n);
    check_refs(P, n);
}

/* Free a streamed flow's content (its node stays, empty); the memory it
 * took is kept for the next flow unless this is the last. */
static void release_flow(fo_parser *P, gr_fo_node *seq, int last)
{
    gr_fo_node *c;
    for (c = seq ? seq->first : NULL; c; c = c->next)
        if (c->type == GR_FO_FLOW) c->first = c->last = NULL;
    if (last) {
        gr_arena_free(P->flow_arena);
        P->flow_arena = NULL;
        props_table_free(&P->flow_props);
    } else {
        gr_arena_reset(P->flow_arena);
        if (P->flow_props.v)
            memset(P->flow_props.v, 0, P->flow_props.cap * sizeof *P->flow_props.v);
        P->flow_props.count = 0;
        props_memo_reset(&P->flow_props);
    }
    if (P->flow_foreign) xmlFreeDoc((xmlDocPtr)P->flow_foreign);
    P->flow_foreign = NULL;
}

/* A page-sequence is built: checked, handed to the callback while the
 * document has no error, then its flow's content freed. */
static void hand_over(fo_parser *P, gr_fo_node *seq)
{
    /* as in a whole parse, a document with errors gets no further checks */
    if (parse_errors(P) == 0) finish_child(P, seq);
    if (!P->seq_stop && parse_errors(P) == 0) {
        int before = P->ctx->nerrors;
        if (P->seq_fn(P->seq_user, &P->t->pub, seq) != 0) P->seq_stop = 1;
        P->seq_errors += P->ctx->nerrors - before;
    } else {
        P->seq_stop = 1;
    }
    release_flow(P, seq, 0);
}

/* ---------------------------------------------------------------------- */
/* Entry points.                                                          */

static fo_tree_impl *tree_new(const char *name, const char *base_dir)
{
    fo_tree_impl *t = gr_calloc(1, sizeof *t);
    char *dir = base_dir ? NULL : gr_dirname(name);
    t->pub.arena = gr_arena_new();
    t->pub.path = gr_arena_strdup(t->pub.arena, name);
    t->pub.base_dir = gr_arena_strdup(t->pub.arena, base_dir ? base_dir : dir);
    free(dir);
    return t;
}

/* Parse with libxml2 from memory (data, len) or, when fd >= 0, from the
 * open file fd as it is read; NULL (after reporting) on any XML problem. */
/* An FO file read in large pieces: libxml2 asks for 4,000 bytes at a
 * time, one read() each (1,500 system calls for a 6 MB file). */
#define READ_CHUNK (256u << 10)
typedef struct fd_reader {
    int fd;
    size_t at, len;
    unsigned char buf[READ_CHUNK];
} fd_reader;

static int fd_read(void *user, char *out, int want)
{
    fd_reader *r = user;
    size_t n;
    if (want <= 0) return 0;
    if (r->at == r->len) {
        ssize_t got;
        do got = read(r->fd, r->buf, sizeof r->buf);
        while (got < 0 && errno == EINTR);
        if (got < 0) return -1;
        r->at = 0;
        r->len = (size_t)got;
        if (got == 0) return 0;
    }
    n = r->len - r->at;
    if (n > (size_t)want) n = (size_t)want;
    memcpy(out, r->buf + r->at, n);
    r->at += n;
    return (int)n;
}

static xmlDocPtr read_xml(fo_parser *P, const char *data, size_t len, int fd)
{
    xmlParserCtxtPtr c;
    xmlDocPtr doc;
    int wellformed;
    xmlInitParser();
    c = xmlNewParserCtxt();
    if (!c) {
        gr_syserror(P->ctx, P->file, 0, GR_TEXT(DATA_CANNOT_CREATE_XML_PARSER));
        return NULL;
    }
    c->_private = P;
    c->sax->serror = on_xml_error;
    c->sax->internalSubset = on_doctype;
    c->sax->startElementNs = on_start_element;
    c->sax->endElementNs = on_end_element;
    if (fd >= 0) {
        fd_reader *r = gr_malloc(sizeof *r);
        r->fd = fd;
        r->at = r->len = 0;
        doc = xmlCtxtReadIO(c, fd_read, NULL, r, P->file, NULL,
                            XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
        free(r);
    } else
        doc = xmlCtxtReadMemory(c, data, (int)len, P->file, NULL,
                                XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
    wellformed = c->wellFormed;
    xmlFreeParserCtxt(c);
    if (P->saw_doctype) {
        gr_error(P->ctx, P->file, P->doctype_line, GR_TEXT(FO_DTD_EXTERNAL_ENTITIES_ARE_3));
        if (doc) xmlFreeDoc(doc);
        return NULL;
    }
    if (!doc || !wellformed) {
        if (P->ctx->nerrors == P->errors_at_start)
            gr_error(P->ctx, P->file, 0, GR_TEXT(DATA_MALFORMED_XML));
        if (doc) xmlFreeDoc(doc);
        return NULL;
    }
    if (parse_errors(P) > 0) {                    /* e.g. namespace errors */
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

/* Parse from memory (data, len) or, when fd >= 0, from the open file fd
 * as it is read. mapped: see gr_fo_parse_mapped. seq_fn: see
 * gr_fo_parse_stream (NULL: the whole tree is kept). */
static gr_fo_tree *parse(gr_ctx *ctx, const char *name, const char *data, size_t len,
                         int fd, int mapped, const gr_fo_source *src,
                         gr_fo_seq_fn seq_fn, void *seq_user)
{
    fo_parser P;
    xmlDocPtr doc;
    xmlNodePtr root;
    memset(&P, 0, sizeof P);
    P.ctx = ctx;
    P.mapped = mapped;
    P.errors_at_start = ctx->nerrors;
    P.seq_fn = seq_fn;
    P.seq_user = seq_user;
    P.t = tree_new(name, src ? src->base_dir : NULL);
    if (src) P.t->pub.allow_outside = src->allow_outside;
    P.file = P.t->pub.path;
    P.arena = P.t->pub.arena;
    doc = read_xml(&P, data ? data : "", data ? len : 0, fd);
    if (!doc) {
        if (P.foreign_doc) xmlFreeDoc((xmlDocPtr)P.foreign_doc);
        release_flow(&P, NULL, 1);
        free(P.refs);
        free(P.attrs);
        free(P.owned);
        gr_fo_tree_free(&P.t->pub);
        return NULL;
    }
    root = xmlDocGetRootElement(doc);
    if (!root) {
        gr_error(ctx, P.file, 0, GR_TEXT(FO_DOCUMENT_HAS_ROOT_ELEMENT));
    } else {
        if (!P.t->pub.root && !P.root_failed)       /* a root without children */
            P.t->pub.root = build_node(&P, root, NULL, 0, 1);
        if (P.t->pub.root)                          /* what stayed: text, checks */
            build_children(&P, root, P.t->pub.root, 0);
        if (P.t->pub.root && !P.stopped && P.seq_fn) {
            gr_fo_node *c;              /* the sequences were done as read */
            for (c = P.t->pub.root->first; c; c = c->next)
                if (c->type != GR_FO_PAGE_SEQUENCE) finish_child(&P, c);
            check_pending_refs(&P);
        } else if (P.t->pub.root && !P.stopped) {
            ws_tree(P.t->pub.root);
            drop_empty_text(P.t->pub.root);
            check_refs(&P, P.t->pub.root);
        }
    }
    P.t->pub.xml_doc = P.foreign_doc;
    P.foreign_doc = NULL;
    xmlFreeDoc(doc);
    release_flow(&P, NULL, 1);
    free(P.refs);
    free(P.attrs);
    free(P.owned);
    if (parse_errors(&P) > 0 || !P.t->pub.root) {
        gr_fo_tree_free(&P.t->pub);
        return NULL;
    }
    return &P.t->pub;
}

/* XML 1.1 would admit &#1; and C1 controls as plain characters: only XML
 * 1.0 is read (the declaration is at the start: its first bytes suffice).
 * Returns 1 when the document may be parsed. */
static int not_xml_1_0(gr_ctx *ctx, const char *name, const char *head, size_t n)
{
    if (gr_xml_version_1_0(head, n)) return 1;
    gr_error(ctx, name, 1, GR_TEXT(FO_XSL_FO_DOCUMENT_MUST));
    return 0;
}

gr_fo_tree *gr_fo_parse_memory(gr_ctx *ctx, const char *name, const char *data, size_t len)
{
    if (!name) name = "(FO)";
    if (len > MAX_INPUT_BYTES) {
        gr_error(ctx, name, 0, GR_TEXT(FO_FILE_LARGER_THAN_64));
        return NULL;
    }
    if (!not_xml_1_0(ctx, name, data, len)) return NULL;
    return parse(ctx, name, data, len, -1, 0, NULL, NULL, NULL);
}

gr_fo_tree *gr_fo_parse_mapped(gr_ctx *ctx, const char *data_file, const char *data, size_t len)
{
    if (len > MAX_INPUT_BYTES) {
        gr_error(ctx, data_file, 0, GR_TEXT(FO_FILE_LARGER_THAN_64));
        return NULL;
    }
    return parse(ctx, data_file, data, len, -1, 1, NULL, NULL, NULL);
}

/* Open a regular FO file for parsing as it is read: the size cap and the
 * XML 1.0 check. Returns the descriptor, or -1 after reporting. */
static int open_streamed(gr_ctx *ctx, const char *path)
{
    struct stat st;
    int fd;
    char head[256];
    ssize_t got;
    if (gr_open_input(ctx, path, NULL, 0, NULL, &fd) != GR_OK) return -1;
    if (fstat(fd, &st) == 0 && (unsigned long long)st.st_size > MAX_STREAMED_INPUT_BYTES) {
        close(fd);
        gr_error(ctx, path, 0, GR_TEXT(FO_FILE_LARGER_THAN_1));
        return -1;
    }
    got = pread(fd, head, sizeof head, 0);   /* a regular file: offset stays */
    if (!not_xml_1_0(ctx, path, head, got > 0 ? (size_t)got : 0)) {
        close(fd);
        return -1;
    }
    return fd;
}

gr_fo_tree *gr_fo_parse_file(gr_ctx *ctx, const char *path)
{
    gr_fo_tree *t;
    int fd;
    if (gr_is_stdio(path)) {            /* "-": standard input, read whole */
        char *data;
        size_t len;
        if (gr_read_input(ctx, path, MAX_INPUT_BYTES, &data, &len) != GR_OK) return NULL;
        t = gr_fo_parse_memory(ctx, "標準輸入", data, len);
        free(data);
        return t;
    }
    /* a regular file only (gr_open_input), parsed as it is read */
    fd = open_streamed(ctx, path);
    if (fd < 0) return NULL;
    t = parse(ctx, path, NULL, 0, fd, 0, NULL, NULL, NULL);
    close(fd);
    return t;
}

gr_fo_tree *gr_fo_parse_stream(gr_ctx *ctx, const gr_fo_source *src, gr_fo_seq_fn seq_fn,
                               void *user)
{
    gr_fo_tree *t;
    int fd;
    assert(src && seq_fn && (!src->path || !gr_is_stdio(src->path)));
    if (!src->path) {
        if (src->len > MAX_INPUT_BYTES) {
            gr_error(ctx, src->name, 0, GR_TEXT(FO_FILE_LARGER_THAN_64));
            return NULL;
        }
        if (!src->mapped && !not_xml_1_0(ctx, src->name, src->data, src->len)) return NULL;
        return parse(ctx, src->name, src->data, src->len, -1, src->mapped, src, seq_fn, user);
    }
    fd = open_streamed(ctx, src->path);
    if (fd < 0) return NULL;
    t = parse(ctx, src->path, NULL, 0, fd, src->mapped, src, seq_fn, user);
    close(fd);
    return t;
}
