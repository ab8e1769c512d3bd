/* fo_props.h — internal to generator/fo: the property table and the
 * computation of a node's properties (value parsing, shorthand expansion,
 * inheritance, computed values). fo_parse.c hands over an element's
 * attributes; fo_props.c fills the node's gr_fo_props.
 */
#ifndef GR_FO_PROPS_H
#define GR_FO_PROPS_H

#include "fo.h"

/* One attribute of an FO element as the parser saw it. `name` is the local
 * name for attributes without namespace, "xml:lang" for the XML namespace
 * one (other namespaces are rejected by the parser). */
typedef struct gr_fo_attr {
    const char *name;
    const char *value;
} gr_fo_attr;

/* Where messages go and where strings are stored. */
typedef struct gr_fo_propctx {
    gr_ctx *ctx;
    const char *file;
    int line;                  /* the element's line */
    gr_arena *arena;           /* strings of the computed properties */
    int used_ancestors;        /* set by gr_fo_props_compute when the result
                                  depends on more than the parent's set and
                                  the attributes (body-start(), label-end()) */
} gr_fo_propctx;

/* Initial values of every property (fo:root's parent, in effect). */
void gr_fo_props_initial(gr_fo_props *p);

/* Compute the properties of a node of type `type` whose parent is
 * `parent` (NULL for fo:root). Reports every unknown property and invalid
 * value (naming the element, the property and the value) and returns the
 * number of errors reported. `out` is always fully filled (invalid values
 * keep the inherited or initial value). */
int gr_fo_props_compute(gr_fo_propctx *pc, gr_fo_type type,
                        const gr_fo_node *parent,
                        const gr_fo_attr *attrs, size_t nattrs,
                        gr_fo_props *out);

/* 1 if `name` (with an optional ".component") is a property of the subset. */
int gr_fo_prop_known(const char *name);

/* 1 if the property table is sorted (bsearch needs it); for the tests. */
int gr_fo_props_selfcheck(void);

/* Limits shared with the parser. */
#define GR_FO_MAX_LENGTH_PT 100000.0   /* |length| above this is refused */
#define GR_FO_MAX_SPAN 1000            /* spans, repeats, column numbers */

#endif
