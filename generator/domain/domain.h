/* domain.h — the data side of a report: loading an agency's data file
 * safely, validating it against the versioned RelaxNG schema, adding the
 * computed figures (templates/schema/computed.md), checking typed figures
 * and the master plan's rules (templates/rules/, data, not code), masking
 * personal names for the public edition, and transforming the enriched
 * document with the XSLT template of the data's form year into XSL-FO.
 *
 * The C code knows no form wording: element names and rule texts come from
 * templates/. Every finding names file:line, the rule, its source and what
 * to do, through gr_error/gr_warn (errors make `check` and `build` exit 1).
 *
 * Ownership: gr_data_load returns an xmlDoc (libxml2) the caller frees with
 * xmlFreeDoc; gr_form_to_fo appends to a gr_buf the caller owns. A
 * gr_domain_cache (schemas, rule files and stylesheets, each parsed at most
 * once per run) is owned by whoever created it and freed with
 * gr_domain_cache_free after the documents that used it.
 */
#ifndef GR_DOMAIN_H
#define GR_DOMAIN_H

#include "../util/gr.h"
#include <libxml/tree.h>

typedef struct gr_domain_cache gr_domain_cache;

typedef struct gr_data_opts {
    const char *datadir;      /* folder holding templates/ */
    int internal;             /* 1: names in full (--internal) */
    int allow_outside;        /* 1: evidence files may lie outside the data
                                 file's folder (the user said so) */
    gr_domain_cache *cache;   /* optional: parsed schemas, rules and
                                 stylesheets shared by several files of one
                                 run; NULL = parse what each call needs */
    xmlDocPtr previous;       /* the same agency's enriched document of the
                                 year before (--previous), bound to
                                 $previous in the rules; NULL: the rules
                                 that compare years (needs="previous") are
                                 not run, and the caller says so once
                                 (gr_data_rules_needing_previous) */
    const char *mem;          /* optional: the data file's bytes as the
                                 caller holds them (the browser form's
                                 unsaved copy); `path` still names the file
                                 for messages, images and the PDF */
    size_t mem_len;
} gr_data_opts;

gr_domain_cache *gr_domain_cache_new(void);
void gr_domain_cache_free(gr_domain_cache *c);

/* Parse (no network, no DTD, no entities, line numbers kept) and validate
 * against the schema the root element and its 版本 name; evidence files
 * (圖檔) must exist inside the data file's folder unless allow_outside.
 * NULL after reporting on any error. */
xmlDocPtr gr_data_load(gr_ctx *ctx, const char *path, const gr_data_opts *o);

/* Check typed figures against their parts: the kind's checks file (a rule
 * file for every year, templates/results/checks.xml) and, when the kind
 * says so, percentages typed in running text. Marks the root 已計算="是".
 * GR_OK, GR_EINPUT if errors were found, GR_ESYS if the checks file is
 * broken. (The figures: gr_data_compute_declared.) */
int gr_data_compute(gr_ctx *ctx, xmlDocPtr doc, const char *path,
                    const gr_data_opts *o);

/* Run the rules for the data's year/plan period (templates/rules/).
 * Errors and warnings are reported; returns GR_EINPUT if any error,
 * GR_ESYS if a rule file is broken. */
int gr_data_check_rules(gr_ctx *ctx, xmlDocPtr doc, const char *path,
                        const gr_data_opts *o);

/* Public edition: replace every personal name declared in <姓名> (not
 * 遮蔽="否"), wherever its full form appears in the document's text, by its
 * masked form (蕭雅勻 -> 蕭○勻, Ahmad Faisal -> A. F.); text inside <非姓名>
 * is left alone. The one place names are masked: templates print what they
 * find. */
void gr_data_mask_names(xmlDocPtr doc);

/* The names as the form template is to print them: masked as
 * gr_data_mask_names does when `mask` (public edition), and every name
 * found in running text put in an element <gr:name> (namespace
 * GR_SOURCE_NS) holding its printed form, which the templates print as one
 * unbreakable piece (a name never breaks over two lines: 歐○○雯, not
 * 歐○○/雯). <姓名> elements are printed that way already. */
void gr_data_print_names(xmlDocPtr doc, int mask);

/* Where the declared names are printed, before gr_data_print_names: f is
 * called for every <姓名> element and every name found in running text
 * (as gr_data_print_names finds them; <非姓名> skipped) with the line of
 * the element holding it, the name (white space collapsed) and what the
 * public edition prints for it (the name itself when 遮蔽="否"). The
 * strings are valid during the call only. For checks that concern the
 * name as the internal edition prints it (its characters in the fonts:
 * report/pipeline.c). */
typedef void (*gr_name_use_fn)(void *arg, int line, const char *name, const char *masked);
void gr_data_name_uses(xmlDocPtr doc, gr_name_use_fn f, void *arg);

/* The data as published (--embed-source, public edition), after
 * gr_data_mask_names: every <姓名> marked 遮蔽="否", since it holds its
 * masked form already and a new build must print it as it is. */
void gr_data_mark_masked(xmlDocPtr doc);

/* The published copy of the data (--embed-source, public edition), before
 * gr_data_mask_names: every attribute value (file names too) with the
 * declared names masked. */
void gr_data_mask_attributes(xmlDocPtr doc);

/* The declared names of a document (taken before it is masked), to mask
 * strings that are not part of it: the image file names the public
 * edition records in its provenance and attachments. apply: newly
 * allocated; a NULL mask (internal edition) returns a copy. */
typedef struct gr_name_mask gr_name_mask;
gr_name_mask *gr_name_mask_new(xmlDocPtr doc);
char *gr_name_mask_apply(const gr_name_mask *m, const char *s);
void gr_name_mask_free(gr_name_mask *m);

/* The masked form of one name (white space already collapsed), newly
 * allocated: what gr_data_mask_names prints for it. */
char *gr_mask_name(const char *name);

/* Warn, at its line, about every unmarked occurrence of a declared name in
 * running text that is part of a longer word (林森 in 林森北路), so the
 * author can mark it <非姓名> or <姓名>. Warnings only: returns GR_OK. */
int gr_data_check_names(gr_ctx *ctx, xmlDocPtr doc, const char *path);

/* Give every element its source line as the attribute gr:line (namespace
 * GR_SOURCE_NS), for the form template to copy onto the FO elements it
 * writes from that element (<xsl:copy-of select="@gr:line"/>), so layout
 * and image messages can name the data line. Done after the rules and
 * --enriched, just before the transformation. */
void gr_data_mark_lines(xmlDocPtr doc);

/* The form template for the data's year (templates/results/<form>/),
 * applied with libxslt's security preferences (no writes, no network, reads
 * only inside datadir/templates). The FO text is appended to fo. */
int gr_form_to_fo(gr_ctx *ctx, xmlDocPtr doc, const char *path,
                  const gr_data_opts *o, gr_buf *fo);

/* libxslt's version number at run time (xsltLibxsltVersion, 10135 for
 * 1.1.35). libxslt is opened on first use (domain/xslt_dl.c): this opens
 * it. */
int gr_xslt_version(void);

/* The same, and *title (when title is not NULL) receives the report's
 * title, newly allocated: the stylesheet's global variable document-title
 * when it declares one, else the text of the first fo:block of the flow. */
int gr_form_transform(gr_ctx *ctx, xmlDocPtr doc, const char *path,
                      const gr_data_opts *o, gr_buf *fo, char **title);

/* Is there exactly one form serving this year (each form's results.xsl
 * declares form-first-year/form-last-year)? Reports naming `file` (may be
 * NULL) and `line` when not. `kind` is the data's root element (成果報告). */
int gr_form_check_year(gr_ctx *ctx, const gr_data_opts *o, const char *kind,
                       int year, const char *file, int line);

/* The form data (docs/form-data.md) of the form serving `year` for data of
 * `kind`: owned by o->cache (which must be set), NULL when no single form
 * serves the year or it has no form data. No message. */
xmlDocPtr gr_form_data(const gr_data_opts *o, const char *kind, int year);

/* The same for a loaded data document: its kind and 年度 (line of 年度). */
int gr_data_check_form(gr_ctx *ctx, xmlDocPtr doc, const char *path,
                       const gr_data_opts *o);

/* Is `value` one of the values the schema (version 1 of `kind`) allows for
 * element `element`? Reports listing the allowed values, with `what` (e.g.
 * "--group") as the place, when not. */
int gr_schema_check_value(gr_ctx *ctx, const gr_data_opts *o, const char *kind,
                          const char *element, const char *value,
                          const char *what);

/* The document kinds are data (templates/kinds.xml under o->datadir, read
 * once): GR_OK when the file declares at least one valid kind, else a
 * system error naming the file. gr_kinds_list appends the root elements of
 * the kinds (「<成果報告>、<全市成果彙整>」), for messages. */
int gr_kinds_check(gr_ctx *ctx, const gr_data_opts *o);
/* The path of the skeleton file `gereport new` fills for kind `root`
 * (kinds.xml new=…), newly allocated; NULL after reporting. */
char *gr_kind_skeleton(gr_ctx *ctx, const gr_data_opts *o, const char *root);
void gr_kinds_list(const gr_data_opts *o, gr_buf *out);

/* The figures a kind declares as data (templates/results/figures.xml,
 * templates/combined/figures.xml: XPath expressions over the document, a
 * number format each, wording from the form data $form; docs/form-data.md
 * §Figures), added as 計算 elements. GR_OK when the kind declares none,
 * GR_ESYS when the figures file is broken. */
int gr_data_compute_declared(gr_ctx *ctx, xmlDocPtr doc, const char *path,
                             const gr_data_opts *o);

/* Open a directory's entries sorted by name, hidden ones left out
 * (NULL-terminated array, free with gr_free_names); NULL if the folder
 * cannot be read. */
char **gr_list_dir(const char *dir);
void gr_free_names(char **names);

/* The value of `element` that the schema lists and `value` spells as the
 * forms or people write it (「C」「c群」→ C群, 「DI組」→ D1組): the same
 * rule the loader applies to data files. Newly allocated, or NULL. */
char *gr_schema_spelling(const gr_data_opts *o, const char *kind, const char *element,
                         const char *value);

/* The minimum a group must do a year (categories and items of section 七)
 * from the form data of the form serving `year` (o->cache must be set).
 * 1 if found. */
int gr_group_minimum(const gr_data_opts *o, int year, const char *group,
                     int *categories, int *items);

/* For the provenance a PDF records: the folder name of the form serving
 * the data's year ("112") and the name of the rule file in force
 * ("109-112"), newly allocated; NULL when there is none (the checks above
 * have reported that already). */
char *gr_data_form_name(gr_ctx *ctx, xmlDocPtr doc, const gr_data_opts *o);
char *gr_data_rules_period(gr_ctx *ctx, xmlDocPtr doc, const gr_data_opts *o);
/* The ids of the rules of `kind`'s rule file for `year` that compare with
 * the year before (needs="previous"), joined by 「、」 ("R13、R17"), newly
 * allocated; NULL when there are none. */
char *gr_data_rules_needing_previous(gr_ctx *ctx, const gr_data_opts *o, const char *kind, int year);
/* The agency's full name (newly allocated, "" when absent) and the year. */
char *gr_data_agency(xmlDocPtr doc);
int gr_data_year(xmlDocPtr doc);
/* The approval date (核定/日期) as written, newly allocated, or NULL. */
char *gr_data_approval_date(xmlDocPtr doc);

/* The schema file (templates/schema/<prefix>-<version>.rng) of data of
 * root element `kind` and 版本 `version`, newly allocated; NULL when there
 * is none. The browser form (`gereport edit`) builds its page from it. */
char *gr_schema_file(const gr_data_opts *o, const char *kind, const char *version);

/* Write the enriched document (computed figures added) for inspection and
 * tests (`gereport build --enriched FILE`). */
int gr_data_write(gr_ctx *ctx, xmlDocPtr doc, const char *out_path);

#endif
