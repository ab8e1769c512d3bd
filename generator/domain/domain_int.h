/* domain_int.h — what the files of generator/domain share: the cache of
 * parsed templates (schemas, form stylesheets, rule files), the table of
 * document kinds, and small helpers on libxml2 nodes and numbers. */
#ifndef GR_DOMAIN_INT_H
#define GR_DOMAIN_INT_H

#include "domain.h"
#include <libxml/relaxng.h>
#include <libxslt/xsltInternals.h>

/* One document kind: its root element and where its templates live. */
typedef struct gr_kind {
    const char *root;          /* root element of the data file */
    const char *schema_prefix; /* templates/schema/<prefix>-<版本>.rng */
    const char *forms_dir;     /* templates/<dir>/<form>/results.xsl */
    const char *form_main;     /* the main stylesheet of a form folder */
    const char *rules_dir;     /* templates/<dir>/ (rule files); NULL: none */
    int builtin_compute;       /* 1: compute.c adds its figures (results) */
    const char *figures;       /* templates/<file> of declared figures
                                  (figures.c); NULL: none */
} gr_kind;

const gr_kind *gr_kind_find(const char *root);

typedef struct gr_schema {
    char *kind, *version;
    char *path;                /* as opened */
    char *name;                /* results-1.rng, for messages */
    xmlRelaxNGPtr rng;
    xmlDocPtr doc;             /* the grammar as plain XML (lookups) */
} gr_schema;

typedef struct gr_form {
    char *kind;
    char *name;                /* folder name, e.g. "112" */
    char *path;                /* .../templates/results/112/results.xsl */
    int first, last;           /* years served (0 when not declared) */
    int tried;                 /* stylesheet parse attempted */
    xsltStylesheetPtr style;
    xmlDocPtr data;            /* the form data (form.xml beside the main
                                  stylesheet, docs/form-data.md), or NULL */
} gr_form;

/* The form data of the form serving `year` (form.xml, parsed once), or
 * NULL, without any message (gr_data_check_form reports a missing form). */
xmlDocPtr gr_form_data_for_year(gr_domain_cache *c, const gr_kind *k, long long year);

/* The root of form data, for rules ($form) and compute. */
#define GR_FORM_DATA_FILE "form.xml"

typedef struct gr_rules gr_rules;   /* rules.c */

typedef struct gr_ruleset {
    char *kind;
    char *path, *name;
    int first, last;
    int tried;
    gr_rules *rules;
} gr_ruleset;

struct gr_domain_cache {
    char *datadir;
    gr_schema *schemas; size_t nschemas, capschemas;
    char *forms_scanned;       /* kind whose forms were scanned */
    gr_form *forms; size_t nforms, capforms;
    char *rules_scanned;
    gr_ruleset *rulesets; size_t nrulesets, caprulesets;
};

/* The cache to use for o: o->cache, or *own (created and to be freed by
 * the caller with gr_domain_cache_free) when o->cache is NULL. Resets the
 * cache when its datadir differs. */
gr_domain_cache *gr_cache_for(const gr_data_opts *o, gr_domain_cache **own);

/* Schema of a kind and version, parsed once; NULL after reporting. */
gr_schema *gr_schema_get(gr_ctx *ctx, gr_domain_cache *c, const char *datadir,
                         const gr_kind *k, const char *version,
                         const char *file, int line);

/* Rules (rules.c) */
gr_rules *gr_rules_load(gr_ctx *ctx, const char *path);
void gr_rules_free(gr_rules *r);
int gr_rules_years(const gr_rules *r, int *first, int *last);
/* form: the form data of the data's year (its root is bound to $form),
 * or NULL. */
int gr_rules_run(gr_ctx *ctx, gr_rules *r, xmlDocPtr doc, const char *file,
                 xmlDocPtr form);

/* ---- node helpers (node.c) ---------------------------------------- */

int gr_is_elem(xmlNodePtr n, const char *name);
/* First element child named `name` (NULL if none). */
xmlNodePtr gr_child(xmlNodePtr n, const char *name);
/* Element at a relative path "a/b/c" of first children. */
xmlNodePtr gr_path(xmlNodePtr n, const char *path);
/* Next element sibling with the same name as n. */
xmlNodePtr gr_next_same(xmlNodePtr n);
/* Number of element children named `name`. */
int gr_count(xmlNodePtr n, const char *name);
/* Text content with white space trimmed, newly allocated ("" if n NULL). */
char *gr_text(xmlNodePtr n);
/* 1 if the text content has a non-space character. */
int gr_has_text(xmlNodePtr n);
/* Source line of a node (nearest element with a line). */
int gr_line(xmlNodePtr n);
/* Non-negative integer content (validated by the schema); -1 if missing
 * or not a plain integer. */
long long gr_int(xmlNodePtr n);
long long gr_int_at(xmlNodePtr n, const char *path);
/* Decimal with up to 2 decimals, in hundredths; -1 if missing/invalid. */
long long gr_hundredths(xmlNodePtr n);
/* "核定/日期": the element's name preceded by its parent's, for messages
 * (static-free: newly allocated). */
char *gr_elem_label(xmlNodePtr n);

/* ---- numbers as the form prints them (compute.c) ------------------ */

/* 2,526 */
void gr_fmt_int(char *out, size_t n, long long v);
/* pct2: a·100/b half up to 2 decimals, whole values without decimals;
 * "-" when b = 0. Returns 1 if a number was written, 0 for "-". */
int gr_fmt_pct2(char *out, size_t n, long long a, long long b);
/* pct0: a·100/b half up to an integer; "-" when b = 0. */
int gr_fmt_pct0(char *out, size_t n, long long a, long long b);
/* a·100/b half up to exactly `decimals` (0…4) decimals, 71.6, 98.81 (the
 * combined report's precisions); "-" when b = 0. */
int gr_fmt_pct_fixed(char *out, size_t n, long long a, long long b, int decimals);

/* Report helpers taking preformatted zh and en texts: an error, or else a
 * note (提醒). */
void gr_report(gr_ctx *ctx, int is_error, const char *file, int line,
               const char *zh, const char *en);
/* A rule's finding, of the rule's class (gr.h: 錯誤, 未達規定, 提醒): its id
 * and source recorded apart (the message texts already quote them for the
 * printed line). */
void gr_report_rule(gr_ctx *ctx, gr_class cls, const char *file, int line,
                    const char *rule, const char *source_zh, const char *source_en,
                    const char *zh, const char *en);

/* ---- typical mistakes (mistakes.c) -------------------------------- */

/* If `value` of a field of XSD type `type` (range lo..hi when known, else
 * NULL) shows a typical mistake, append its message (label first) to zh and
 * en and return 1; 0 when nothing specific is recognised. */
int gr_value_mistake(const char *label, const char *value, const char *type,
                     const char *lo, const char *hi, gr_buf *zh, gr_buf *en);
/* The one value of the 、-separated `list` that `v` is a spelling of
 * (「B」「B群」「Ｂ群」→ B群, 「DI組」→ D1組), newly allocated, or NULL. */
char *gr_listed_spelling(const char *list, const char *v);
/* A likely meant listed value for a misspelling (「乙群」→「B群」), to
 * suggest in the message, never applied. Newly allocated, or NULL. */
char *gr_listed_guess(const char *list, const char *v);
/* Is element `name` a figure the program computes (computed.md beside the
 * schema at schema_path)? *figure receives the figure's name (caller frees). */
int gr_computed_figure(const char *schema_path, const char *name, char **figure);

#endif
