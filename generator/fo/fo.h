/* fo.h — the XSL-FO tree as gereport understands it: the supported subset of
 * elements (docs/fo-subset.md), each node's computed properties, and the
 * parser that reads an FO file with libxml2 and rejects anything outside the
 * subset with file:line:name.
 *
 * Ownership: gr_fo_parse returns a gr_fo_tree the caller frees with
 * gr_fo_tree_free. Every node, string and array hangs off the tree's arena.
 *
 * Units: every computed length is in points (1 pt = 1/72 in). Percentages
 * that can only be resolved at layout (widths, column widths) are kept as
 * gr_len with unit GR_LEN_PCT. "em" is resolved at parse time against the
 * node's own font-size (for font-size itself, the parent's).
 */
#ifndef GR_FO_H
#define GR_FO_H

#include "../util/gr.h"

typedef enum {
    GR_FO_ROOT = 1,
    GR_FO_LAYOUT_MASTER_SET,
    GR_FO_SIMPLE_PAGE_MASTER,
    GR_FO_REGION_BODY,
    GR_FO_REGION_BEFORE,
    GR_FO_REGION_AFTER,
    GR_FO_PAGE_SEQUENCE,
    GR_FO_FLOW,
    GR_FO_STATIC_CONTENT,
    GR_FO_BLOCK,
    GR_FO_INLINE,
    GR_FO_WRAPPER,
    GR_FO_PAGE_NUMBER,
    GR_FO_PAGE_NUMBER_CITATION,
    GR_FO_PAGE_NUMBER_CITATION_LAST,
    GR_FO_LEADER,
    GR_FO_LIST_BLOCK,
    GR_FO_LIST_ITEM,
    GR_FO_LIST_ITEM_LABEL,
    GR_FO_LIST_ITEM_BODY,
    GR_FO_TABLE,
    GR_FO_TABLE_COLUMN,
    GR_FO_TABLE_HEADER,
    GR_FO_TABLE_FOOTER,
    GR_FO_TABLE_BODY,
    GR_FO_TABLE_ROW,
    GR_FO_TABLE_CELL,
    GR_FO_EXTERNAL_GRAPHIC,
    GR_FO_INSTREAM_FOREIGN_OBJECT,
    GR_FO_FOOTNOTE,
    GR_FO_FOOTNOTE_BODY,
    GR_FO_BASIC_LINK,
    GR_FO_BOOKMARK_TREE,
    GR_FO_BOOKMARK,
    GR_FO_BOOKMARK_TITLE,
    GR_FO_TEXT            /* character data (not an element) */
} gr_fo_type;

typedef struct { double r, g, b; } gr_color;   /* each 0..1, DeviceRGB */

typedef enum { GR_LEN_AUTO = 0, GR_LEN_PT, GR_LEN_PCT, GR_LEN_PROP } gr_len_unit;
typedef struct {
    double v;            /* points (PT), percent 0..100 (PCT), factor (PROP) */
    gr_len_unit unit;
} gr_len;

enum { GR_ALIGN_START = 0, GR_ALIGN_CENTER, GR_ALIGN_END, GR_ALIGN_JUSTIFY,
       GR_ALIGN_RELATIVE /* text-align-last only: follow text-align, but
                            justify -> start */ };
enum { GR_DALIGN_AUTO = 0, GR_DALIGN_BEFORE, GR_DALIGN_CENTER, GR_DALIGN_AFTER };
enum { GR_BREAK_AUTO = 0, GR_BREAK_PAGE };      /* break-before/after */
#define GR_KEEP_AUTO 0
#define GR_KEEP_ALWAYS 1000                     /* integers 1..999 are strengths */
enum { GR_LEADER_SPACE = 0, GR_LEADER_DOTS, GR_LEADER_RULE };
/* content-width/-height given as scale-to-fit & co. (the gr_len is then
   AUTO): scale the image to the available width/height, in both
   directions, only down, or only up. */
enum { GR_FIT_NONE = 0, GR_FIT_SCALE, GR_FIT_DOWN, GR_FIT_UP };

/* One side of a border. style: 0 none, 1 solid. */
typedef struct { double width; gr_color color; int style; } gr_border;
enum { GR_BEFORE = 0, GR_AFTER = 1, GR_START = 2, GR_END = 3 };  /* side index */

/* space-before/-after after shorthand expansion. */
typedef struct {
    double min, opt, max;  /* pt */
    int retain;            /* conditionality: 0 discard (default), 1 retain */
    int force;             /* precedence="force" */
    int precedence;        /* integer precedence, 0 default */
} gr_space;

/* Computed properties of one node. Inherited properties are already copied
 * down from the parent; non-inherited ones hold their initial value unless
 * set on this node. */
typedef struct gr_fo_props {
    /* -- inherited -- */
    const char *font_family;   /* the FO list, normalised: names without
                                  quotes separated by ", ", e.g.
                                  "TW-Kai, serif"; initial "serif" */
    double font_size;          /* pt; initial 12pt */
    int font_weight;           /* 100..900; normal 400, bold 700 */
    gr_color color;            /* initial black */
    double line_height;        /* pt, resolved for this node's font-size */
    double line_height_factor; /* >0 when specified as a number or "normal"
                                  (normal = 1.2): children recompute with
                                  their own font-size */
    int text_align;            /* GR_ALIGN_*, initial start */
    int text_align_last;       /* GR_ALIGN_*, initial relative */
    double text_indent;        /* pt */
    double start_indent, end_indent; /* pt, from the containing reference
                                  area's content edges to this node's
                                  content edges (margins, padding and
                                  borders of block-level nodes included) */
    int end_indent_plus_width; /* 1: end-indent came from label-end(): the
                                  real end-indent is (width of the reference
                                  area) + end_indent (end_indent < 0) */
    const char *lang;          /* xml:lang, e.g. "zh-TW"; NULL if never set */
    int orphans, widows;       /* initial 2 */
    int border_collapse;       /* 1 collapse (initial), 0 separate */
    int display_align;         /* GR_DALIGN_* */
    int leader_pattern;        /* GR_LEADER_* , initial space */
    double leader_length_min, leader_length_opt, leader_length_max;
    /* > 0: that component was a percentage of the available line width
       (its pt field is then 0). Initial: min 0pt, opt 12pt, max 100%. */
    double leader_length_min_pct, leader_length_opt_pct, leader_length_max_pct;
    double rule_thickness;     /* initial 1pt */
    double provisional_distance_between_starts; /* initial 24pt */
    double provisional_label_separation;        /* initial 6pt */
    int text_decoration_underline;
    int keep_together;         /* GR_KEEP_* (within-page, or within-column
                                  when stronger); inherited per XSL */
    int keep_together_within_line; /* GR_KEEP_*: keep the content on one line */

    /* -- not inherited -- */
    gr_space space_before, space_after;
    double margin[4];          /* before, after, start, end (as written) */
    double padding[4];         /* GR_BEFORE.. GR_END */
    gr_border border[4];
    int has_background; gr_color background;
    gr_len width, height;
    gr_len content_width, content_height; /* external-graphic/ifo */
    int content_width_fit, content_height_fit; /* GR_FIT_* */
    int scaling_uniform;       /* 1 uniform (initial), 0 non-uniform */
    int keep_with_next, keep_with_previous;
    int break_before, break_after;
    const char *id;
    gr_len column_width;       /* table-column: PT, PCT or PROP */
    int number_columns_spanned, number_rows_spanned; /* initial 1 */
    int number_columns_repeated;                     /* table-column, initial 1 */
    int column_number;         /* table-column/table-cell, 0 = not given */
    int table_layout_fixed;    /* 1 fixed, 0 auto */
    const char *internal_destination, *external_destination;
    double baseline_shift;     /* pt, positive raises; "super" = 0.33em,
                                  "sub" = -0.2em; % of the line-height */
    int baseline_shift_super;  /* 1 when given as super (-1 for sub) */
    const char *src;           /* external-graphic, url(...) stripped */
    const char *ref_id;        /* page-number-citation(-last) */
    const char *continued;     /* table-cell gr:continued: what the cell
                                  shows on a later page its rows continue
                                  on after its own content ended
                                  (「(二)（續）」); NULL: nothing */
    const char *column_set;    /* table gr:column-set: the tables of one
                                  flow with this name get their columns
                                  sized as one (the bands of a statistics
                                  table); NULL: sized alone */
    int starting_state_hide;   /* bookmark: 1 hide, 0 show (initial) */

    /* page geometry (simple-page-master and regions) */
    double page_width, page_height;   /* initial A4 595.276 x 841.89 */
    const char *master_name, *master_reference, *flow_name, *region_name;
    double extent;
    /* region_name: always set on regions (xsl-region-body etc. by default) */
} gr_fo_props;

typedef struct gr_fo_node gr_fo_node;
struct gr_fo_node {
    gr_fo_type type;
    int line;                  /* source line of the element (or text) */
    gr_fo_node *parent, *first, *last, *next, *prev;
    const gr_fo_props *p;      /* computed properties: immutable and shared
                                  between nodes whose sets are identical
                                  (owned by the tree) */
    /* GR_FO_TEXT: whitespace already handled per XSL defaults
       (linefeed-treatment treat-as-space, white-space-collapse true):
       runs of XML whitespace collapsed to one U+0020; spaces at the start
       and end of a block's content (and next to nested blocks) removed;
       a run containing a line feed between two CJK characters removed
       entirely (docs/fo-subset.md §5). Never empty. UTF-8, NUL-terminated.
       Its props are its parent's inherited ones. */
    const char *text;
    size_t text_len;
    /* GR_FO_INSTREAM_FOREIGN_OBJECT: the child SVG element, as a libxml2
       xmlNode* owned by the tree (kept alive until gr_fo_tree_free). */
    void *foreign_xml;
};

typedef struct gr_fo_tree {
    gr_fo_node *root;
    const char *path;          /* the FO file as given on the command line */
    const char *base_dir;      /* its directory: images resolve against it */
    gr_arena *arena;
    void *xml_doc;             /* xmlDoc*, kept for foreign objects */
    int allow_outside;         /* 1: images may lie outside base_dir (set by
                                  the caller after parsing, e.g. build
                                  --allow-outside); 0 after parsing */
} gr_fo_tree;

/* Parse and validate an FO document. Reports every problem found (it does
 * not stop at the first when it can go on) and returns NULL if there was any
 * error. Safe against hostile input: no network, no DTD, no entities. */
gr_fo_tree *gr_fo_parse_file(gr_ctx *ctx, const char *path);
/* The same from memory; `name` is used in messages and as the base for
 * relative paths. */
gr_fo_tree *gr_fo_parse_memory(gr_ctx *ctx, const char *name,
                               const char *data, size_t len);
/* The FO a form template wrote from a data file: every node's line is the
 * data line its element carries as gr:line (namespace GR_SOURCE_NS, see
 * docs/fo-subset.md), or the nearest ancestor's, and tree->path is the data
 * file, so that layout and image messages name the user's file and line. */
gr_fo_tree *gr_fo_parse_mapped(gr_ctx *ctx, const char *data_file,
                               const char *data, size_t len);
void gr_fo_tree_free(gr_fo_tree *t);

/* Streaming: the document parsed as it is read, each fo:page-sequence
 * handed to seq_fn as soon as it is built and checked, and its flow's
 * content (every node under fo:flow, their strings and SVG copies) freed
 * when seq_fn returns, so memory holds one sequence's flow at a time.
 * seq_fn returns 0 to go on, non-zero to get no more sequences (the rest
 * is still checked). Sequences stop being handed over at the first error
 * in the document; references to ids are checked once the whole document
 * is read. Returns the tree of what spans the document (root, masters,
 * bookmarks, each page-sequence node with its static content and an
 * empty flow), or NULL if the document had any error; errors reported by
 * seq_fn's own work do not count as the document's. gr_fo_find_id finds
 * no element of a streamed flow. */
typedef struct gr_fo_source {
    const char *path;          /* a regular file read as parsed (not "-"),
                                  or NULL: */
    const char *name;          /* the name messages use for data/len */
    const char *data;
    size_t len;
    int mapped;                /* lines are a data file's (gr_fo_parse_mapped) */
    const char *base_dir;      /* images resolve here (NULL: the FO's folder) */
    int allow_outside;         /* see gr_fo_tree */
} gr_fo_source;
typedef int (*gr_fo_seq_fn)(void *user, gr_fo_tree *tree, gr_fo_node *seq);
gr_fo_tree *gr_fo_parse_stream(gr_ctx *ctx, const gr_fo_source *src,
                               gr_fo_seq_fn seq_fn, void *user);

/* Parse a colour as XSL-FO and SVG write it: #rgb, #rrggbb, rgb(r, g, b)
 * (integers 0..255 or percentages) or one of the 16 CSS2 names, case
 * insensitive, surrounding whitespace allowed. 1 on success. */
int gr_color_parse(const char *s, size_t n, gr_color *out);

/* "fo:block" etc., for messages. */
const char *gr_fo_type_name(gr_fo_type t);

/* Find a node by id (NULL if none). */
gr_fo_node *gr_fo_find_id(gr_fo_tree *t, const char *id);

#endif
