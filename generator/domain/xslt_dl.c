/* xslt_dl.c — libxslt opened when a template is first used (build, check,
 * combine…: domain/xslt.c), not at every start: `render` (an XSL-FO file
 * to PDF) never transforms, and a linked library costs every run its
 * loading, relocations and page faults (docs/architecture.md,
 * "Libraries").
 *
 * The functions of libxslt that gereport calls are defined here under
 * their own names and prototypes (from libxslt's headers), each forwarding
 * to the library's, found by util/dl.c; the soname is GR_XSLT_SONAME, from
 * the Makefile. A libxslt function called elsewhere must be added to the
 * list below, or the program does not link. Like report/qpdf_dl.c. */
#include "domain_int.h"
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltutils.h>

#ifndef GR_XSLT_SONAME
#define GR_XSLT_SONAME "libxslt.so.1"
#endif

/* name, return type, parameters, arguments */
#define XSLT_FUNCS(X) \
    X(xsltApplyStylesheetUser, xmlDocPtr, \
      (xsltStylesheetPtr s, xmlDocPtr d, const char **p, const char *o, FILE *f, \
       xsltTransformContextPtr c), (s, d, p, o, f, c)) \
    X(xsltFreeSecurityPrefs, void, (xsltSecurityPrefsPtr s), (s)) \
    X(xsltFreeStylesheet, void, (xsltStylesheetPtr s), (s)) \
    X(xsltFreeTransformContext, void, (xsltTransformContextPtr c), (c)) \
    X(xsltNewSecurityPrefs, xsltSecurityPrefsPtr, (void), ()) \
    X(xsltNewTransformContext, xsltTransformContextPtr, (xsltStylesheetPtr s, xmlDocPtr d), (s, d)) \
    X(xsltParseStylesheetFile, xsltStylesheetPtr, (const xmlChar *f), (f)) \
    X(xsltSaveResultToString, int, (xmlChar **t, int *n, xmlDocPtr r, xsltStylesheetPtr s), \
      (t, n, r, s)) \
    X(xsltSecurityForbid, int, (xsltSecurityPrefsPtr s, xsltTransformContextPtr c, const char *v), \
      (s, c, v)) \
    X(xsltSetCtxtSecurityPrefs, int, (xsltSecurityPrefsPtr s, xsltTransformContextPtr c), (s, c)) \
    X(xsltSetGenericErrorFunc, void, (void *x, xmlGenericErrorFunc h), (x, h)) \
    X(xsltSetSecurityPrefs, int, (xsltSecurityPrefsPtr s, xsltSecurityOption o, xsltSecurityCheck f), \
      (s, o, f)) \
    X(xsltSetTransformErrorFunc, void, (xsltTransformContextPtr c, void *x, xmlGenericErrorFunc h), \
      (c, x, h)) \
    X(xsltVariableLookup, xmlXPathObjectPtr, \
      (xsltTransformContextPtr c, const xmlChar *n, const xmlChar *u), (c, n, u))

enum {
#define INDEX(name, ret, params, args) XSLT_##name,
    XSLT_FUNCS(INDEX)
#undef INDEX
    XSLT_NFUNCS
};

/* The library's functions (and its version), found once. Process-wide by
 * nature, like the library itself; set on first use and read afterwards. */
static void *fns[XSLT_NFUNCS + 1];
static int loaded;

static void load(void)
{
    static const char *const names[] = {
#define NAME(name, ret, params, args) #name,
        XSLT_FUNCS(NAME)
#undef NAME
        "xsltLibxsltVersion"
    };
    if (loaded) return;
    gr_dl_need(GR_XSLT_SONAME, "libxslt1.1", names, fns, XSLT_NFUNCS + 1);
    loaded = 1;
}

#define DEFINE(name, ret, params, args) \
    ret name params { load(); return ((ret (*) params)fns[XSLT_##name]) args; }
XSLT_FUNCS(DEFINE)
#undef DEFINE

int gr_xslt_version(void)
{
    load();
    return *(const int *)fns[XSLT_NFUNCS];
}
