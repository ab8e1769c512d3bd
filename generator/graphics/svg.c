/* svg.c — fo:instream-foreign-object charts: the SVG subset of
 * docs/svg-subset.md (svg, g, rect, circle, ellipse, line, polyline,
 * polygon, path, text; presentation attributes and style="…"; transforms)
 * read from the libxml2 tree the FO parser keeps, turned into display-list
 * items in pt relative to the graphic's top-left corner, y down. Anything
 * outside the subset is an error naming the line and the element or
 * attribute; transparency is refused (PDF/A-1b). Text is shaped with the
 * same fonts, fallback and HarfBuzz shaping as body text. */
#include "graphics_int.h"
#include "../util/msg.h"

#include <assert.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SVG_NS "http://www.w3.org/2000/svg"
#define PX_TO_PT 0.75                 /* 1 CSS px = 1/96 in = 0.75 pt */
#define MAX_DEPTH 64
#define MAX_ELEMENTS 20000
#define MAX_ITEMS 200000
#define MAX_TEXT_PT 1000.0
#define DEFAULT_FONT_FAMILY "標楷體, TW-Kai"
#define DEFAULT_FONT_SIZE 16.0        /* user units: CSS "medium" */
#define KAPPA 0.55228474983079339840  /* cubic approximation of a quarter circle */
#define OUTSIDE_TOLERANCE 1.0         /* pt beyond the box before warning */

/* ---- colours --------------------------------------------------------- */

typedef struct named_color { const char *name; unsigned rgb; } named_color;

static const named_color css_colors[] = {
    { "aliceblue", 0xf0f8ff }, { "antiquewhite", 0xfaebd7 },
    { "aqua", 0x00ffff }, { "aquamarine", 0x7fffd4 }, { "azure", 0xf0ffff },
    { "beige", 0xf5f5dc }, { "bisque", 0xffe4c4 }, { "black", 0x000000 },
    { "blanchedalmond", 0xffebcd }, { "blue", 0x0000ff },
    { "blueviolet", 0x8a2be2 }, { "brown", 0xa52a2a },
    { "burlywood", 0xdeb887 }, { "cadetblue", 0x5f9ea0 },
    { "chartreuse", 0x7fff00 }, { "chocolate", 0xd2691e },
    { "coral", 0xff7f50 }, { "cornflowerblue", 0x6495ed },
    { "cornsilk", 0xfff8dc }, { "crimson", 0xdc143c }, { "cyan", 0x00ffff },
    { "darkblue", 0x00008b }, { "darkcyan", 0x008b8b },
    { "darkgoldenrod", 0xb8860b }, { "darkgray", 0xa9a9a9 },
    { "darkgreen", 0x006400 }, { "darkgrey", 0xa9a9a9 },
    { "darkkhaki", 0xbdb76b }, { "darkmagenta", 0x8b008b },
    { "darkolivegreen", 0x556b2f }, { "darkorange", 0xff8c00 },
    { "darkorchid", 0x9932cc }, { "darkred", 0x8b0000 },
    { "darksalmon", 0xe9967a }, { "darkseagreen", 0x8fbc8f },
    { "darkslateblue", 0x483d8b }, { "darkslategray", 0x2f4f4f },
    { "darkslategrey", 0x2f4f4f }, { "darkturquoise", 0x00ced1 },
    { "darkviolet", 0x9400d3 }, { "deeppink", 0xff1493 },
    { "deepskyblue", 0x00bfff }, { "dimgray", 0x696969 },
    { "dimgrey", 0x696969 }, { "dodgerblue", 0x1e90ff },
    { "firebrick", 0xb22222 }, { "floralwhite", 0xfffaf0 },
    { "forestgreen", 0x228b22 }, { "fuchsia", 0xff00ff },
    { "gainsboro", 0xdcdcdc }, { "ghostwhite", 0xf8f8ff }, { "gold", 0xffd700 },
    { "goldenrod", 0xdaa520 }, { "gray", 0x808080 }, { "green", 0x008000 },
    { "greenyellow", 0xadff2f }, { "grey", 0x808080 }, { "honeydew", 0xf0fff0 },
    { "hotpink", 0xff69b4 }, { "indianred", 0xcd5c5c }, { "indigo", 0x4b0082 },
    { "ivory", 0xfffff0 }, { "khaki", 0xf0e68c }, { "lavender", 0xe6e6fa },
    { "lavenderblush", 0xfff0f5 }, { "lawngreen", 0x7cfc00 },
    { "lemonchiffon", 0xfffacd }, { "lightblue", 0xadd8e6 },
    { "lightcoral", 0xf08080 }, { "lightcyan", 0xe0ffff },
    { "lightgoldenrodyellow", 0xfafad2 }, { "lightgray", 0xd3d3d3 },
    { "lightgreen", 0x90ee90 }, { "lightgrey", 0xd3d3d3 },
    { "lightpink", 0xffb6c1 }, { "lightsalmon", 0xffa07a },
    { "lightseagreen", 0x20b2aa }, { "lightskyblue", 0x87cefa },
    { "lightslategray", 0x778899 }, { "lightslategrey", 0x778899 },
    { "lightsteelblue", 0xb0c4de }, { "lightyellow", 0xffffe0 },
    { "lime", 0x00ff00 }, { "limegreen", 0x32cd32 }, { "linen", 0xfaf0e6 },
    { "magenta", 0xff00ff }, { "maroon", 0x800000 },
    { "mediumaquamarine", 0x66cdaa }, { "mediumblue", 0x0000cd },
    { "mediumorchid", 0xba55d3 }, { "mediumpurple", 0x9370db },
    { "mediumseagreen", 0x3cb371 }, { "mediumslateblue", 0x7b68ee },
    { "mediumspringgreen", 0x00fa9a }, { "mediumturquoise", 0x48d1cc },
    { "mediumvioletred", 0xc71585 }, { "midnightblue", 0x191970 },
    { "mintcream", 0xf5fffa }, { "mistyrose", 0xffe4e1 },
    { "moccasin", 0xffe4b5 }, { "navajowhite", 0xffdead }, { "navy", 0x000080 },
    { "oldlace", 0xfdf5e6 }, { "olive", 0x808000 }, { "olivedrab", 0x6b8e23 },
    { "orange", 0xffa500 }, { "orangered", 0xff4500 }, { "orchid", 0xda70d6 },
    { "palegoldenrod", 0xeee8aa }, { "palegreen", 0x98fb98 },
    { "paleturquoise", 0xafeeee }, { "palevioletred", 0xdb7093 },
    { "papayawhip", 0xffefd5 }, { "peachpuff", 0xffdab9 }, { "peru", 0xcd853f },
    { "pink", 0xffc0cb }, { "plum", 0xdda0dd }, { "powderblue", 0xb0e0e6 },
    { "purple", 0x800080 }, { "rebeccapurple", 0x663399 }, { "red", 0xff0000 },
    { "rosybrown", 0xbc8f8f }, { "royalblue", 0x4169e1 },
    { "saddlebrown", 0x8b4513 }, { "salmon", 0xfa8072 },
    { "sandybrown", 0xf4a460 }, { "seagreen", 0x2e8b57 },
    { "seashell", 0xfff5ee }, { "sienna", 0xa0522d }, { "silver", 0xc0c0c0 },
    { "skyblue", 0x87ceeb }, { "slateblue", 0x6a5acd },
    { "slategray", 0x708090 }, { "slategrey", 0x708090 }, { "snow", 0xfffafa },
    { "springgreen", 0x00ff7f }, { "steelblue", 0x4682b4 }, { "tan", 0xd2b48c },
    { "teal", 0x008080 }, { "thistle", 0xd8bfd8 }, { "tomato", 0xff6347 },
    { "turquoise", 0x40e0d0 }, { "violet", 0xee82ee }, { "wheat", 0xf5deb3 },
    { "white", 0xffffff }, { "whitesmoke", 0xf5f5f5 }, { "yellow", 0xffff00 },
    { "yellowgreen", 0x9acd32 },
};

static gr_color rgb_color(unsigned rgb)
{
    gr_color c;
    c.r = ((rgb >> 16) & 0xFF) / 255.0;
    c.g = ((rgb >> 8) & 0xFF) / 255.0;
    c.b = (rgb & 0xFF) / 255.0;
    return c;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static const char *skip_space(const char *s)
{
    while (is_space(*s)) s++;
    return s;
}

/* Whitespace, then at most one comma, then whitespace. */
static const char *skip_comma(const char *s)
{
    s = skip_space(s);
    if (*s == ',') s = skip_space(s + 1);
    return s;
}

/* 1 if s (after leading space) is exactly `word`, ignoring trailing space. */
static int is_keyword(const char *s, const char *word)
{
    size_t n = strlen(word);
    s = skip_space(s);
    return strncmp(s, word, n) == 0 && *skip_space(s + n) == 0;
}

/* One channel of rgb(): a number 0..255 or a percentage. */
/* A colour: what XSL-FO accepts (#rgb, #rrggbb, rgb(), the CSS2 names:
 * gr_color_parse), or one of SVG's other named colours. -1 if invalid. */
static int parse_color(const char *s, gr_color *c)
{
    size_t i, n;
    if (gr_color_parse(s, strlen(s), c)) return 0;
    s = skip_space(s);
    n = strlen(s);
    while (n > 0 && is_space(s[n - 1])) n--;
    for (i = 0; i < sizeof css_colors / sizeof css_colors[0]; i++) {
        size_t k = strlen(css_colors[i].name);
        if (k == n && strncmp(s, css_colors[i].name, n) == 0) {
            *c = rgb_color(css_colors[i].rgb);
            return 0;
        }
    }
    return -1;
}

/* ---- affine transforms ----------------------------------------------- */

/* x' = a x + c y + e, y' = b x + d y + f */
typedef struct mat { double a, b, c, d, e, f; } mat;

static mat mat_make(double a, double b, double c, double d, double e, double f)
{
    mat m;
    m.a = a; m.b = b; m.c = c; m.d = d; m.e = e; m.f = f;
    return m;
}

/* p after t: points go through t first. */
static mat mat_mul(mat p, mat t)
{
    return mat_make(p.a * t.a + p.c * t.b, p.b * t.a + p.d * t.b,
                    p.a * t.c + p.c * t.d, p.b * t.c + p.d * t.d,
                    p.a * t.e + p.c * t.f + p.e, p.b * t.e + p.d * t.f + p.f);
}

static void mat_apply(mat m, double x, double y, double *ox, double *oy)
{
    *ox = m.a * x + m.c * y + m.e;
    *oy = m.b * x + m.d * y + m.f;
}

/* The scale a transform gives lengths on average (square root of the
 * area factor): used for stroke widths and font sizes. */
static double mat_scale(mat m)
{
    return sqrt(fabs(m.a * m.d - m.b * m.c));
}

/* Up to `max` numbers separated by whitespace/commas, up to `end` (a
 * character that stops the list, 0 for the end of the string). Returns the
 * count, -1 on a malformed list; *rest points after the list. */
static int number_list(const char *s, double *v, int max, char end, const char **rest)
{
    int n = 0;
    s = skip_space(s);
    while (*s && *s != end) {
        size_t k;
        if (n == max) return -1;
        k = gr_svg_number(s, &v[n]);
        if (!k) return -1;
        n++;
        s = skip_comma(s + k);
    }
    if (rest) *rest = s;
    return n;
}

#define DEG (3.14159265358979323846 / 180.0)

/* The transform attribute: a list of matrix, translate, scale, rotate,
 * skewX, skewY. -1 if malformed. */
static int parse_transform(const char *s, mat *out)
{
    mat m = mat_make(1, 0, 0, 1, 0, 0);
    for (;;) {
        char name[16];
        size_t k = 0;
        double v[6];
        int n;
        mat t;
        s = skip_comma(s);
        if (!*s) break;
        while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) {
            if (k + 1 >= sizeof name) return -1;
            name[k++] = *s++;
        }
        name[k] = 0;
        s = skip_space(s);
        if (k == 0 || *s != '(') return -1;
        n = number_list(s + 1, v, 6, ')', &s);
        if (n < 0 || *s != ')') return -1;
        s++;
        if (strcmp(name, "matrix") == 0 && n == 6)
            t = mat_make(v[0], v[1], v[2], v[3], v[4], v[5]);
        else if (strcmp(name, "translate") == 0 && (n == 1 || n == 2))
            t = mat_make(1, 0, 0, 1, v[0], n == 2 ? v[1] : 0);
        else if (strcmp(name, "scale") == 0 && (n == 1 || n == 2))
            t = mat_make(v[0], 0, 0, n == 2 ? v[1] : v[0], 0, 0);
        else if (strcmp(name, "rotate") == 0 && (n == 1 || n == 3)) {
            double cs = cos(v[0] * DEG), sn = sin(v[0] * DEG);
            t = mat_make(cs, sn, -sn, cs, 0, 0);
            if (n == 3)   /* translate(cx,cy) rotate(a) translate(-cx,-cy) */
                t = mat_mul(mat_mul(mat_make(1, 0, 0, 1, v[1], v[2]), t),
                            mat_make(1, 0, 0, 1, -v[1], -v[2]));
        } else if (strcmp(name, "skewX") == 0 && n == 1)
            t = mat_make(1, 0, tan(v[0] * DEG), 1, 0, 0);
        else if (strcmp(name, "skewY") == 0 && n == 1)
            t = mat_make(1, tan(v[0] * DEG), 0, 1, 0, 0);
        else
            return -1;
        m = mat_mul(m, t);
    }
    *out = m;
    return 0;
}

/* ---- the walk -------------------------------------------------------- */

enum { ANCHOR_START = 0, ANCHOR_MIDDLE, ANCHOR_END };

/* Inherited style of an element, lengths in user units. */
typedef struct svg_style {
    int fill_none;
    gr_color fill;
    int stroke_none;
    gr_color stroke;
    double stroke_width;
    int evenodd;
    const char *font_family;   /* doc arena or constant */
    double font_size;
    int font_weight;
    int anchor;
    int preserve_space;
    double inline_size;        /* SVG 2 inline-size, user units; 0: none
                                  (not inherited) */
    int same_size;             /* inside a <g gr:same-size="true"> */
} svg_style;

typedef struct svg_run {
    gr_ctx *ctx;
    gr_doc *doc;
    gr_fontset *fs;
    const char *file;
    gr_dl_item *items;         /* malloc'd while building */
    size_t n, cap;
    int nelements;
    double vp_w, vp_h;         /* the SVG viewport in user units (for %) */
    double box_w, box_h;       /* the graphic's box, pt */
    int warned_outside;
    gr_graphic_text *texts;    /* malloc'd while building */
    size_t ntexts, captexts;
    struct svg_textjob *pending; /* texts waiting for their gr:same-size
                                    group's end (malloc'd, each owning its
                                    text) */
    size_t npending, cappending;
} svg_run;

typedef enum {
    EL_SVG, EL_G, EL_RECT, EL_CIRCLE, EL_ELLIPSE, EL_LINE, EL_POLYLINE,
    EL_POLYGON, EL_PATH, EL_TEXT, EL_META
} el_kind;

/* The elements of the subset and their own (non-style) attributes. */
static const struct {
    const char *name;
    el_kind kind;
    const char *attrs;
} svg_elements[] = {
    { "svg", EL_SVG, " width height viewBox preserveAspectRatio version baseProfile " },
    { "g", EL_G, " transform gr:same-size " },
    { "rect", EL_RECT, " transform x y width height rx ry " },
    { "circle", EL_CIRCLE, " transform cx cy r " },
    { "ellipse", EL_ELLIPSE, " transform cx cy rx ry " },
    { "line", EL_LINE, " transform x1 y1 x2 y2 " },
    { "polyline", EL_POLYLINE, " transform points " },
    { "polygon", EL_POLYGON, " transform points " },
    { "path", EL_PATH, " transform d " },
    { "text", EL_TEXT, " transform x y gr:max-lines gr:min-font-size " },
    { "title", EL_META, NULL },
    { "desc", EL_META, NULL },
};

/* Properties that may appear as attributes and in style="…". */
static const char presentation_props[] =
    " fill stroke stroke-width fill-rule opacity fill-opacity stroke-opacity"
    " font-family font-size font-weight font-style text-anchor display"
    " inline-size ";

static int in_word_list(const char *list, const char *name)
{
    size_t n = strlen(name);
    const char *p = list;
    if (n == 0) return 0;
    while ((p = strstr(p, name)) != NULL) {
        if (p > list && p[-1] == ' ' && p[n] == ' ')
            return 1;
        p += n;
    }
    return 0;
}

/* One attribute or style declaration of an element, copied. */
typedef struct svg_attr {
    char *name;
    char *value;
    int in_style;
} svg_attr;

typedef struct svg_attrs {
    svg_attr *v;
    size_t n, cap;
} svg_attrs;

static void attrs_add(svg_attrs *a, const char *name, size_t nlen,
                      const char *value, size_t vlen, int in_style)
{
    a->v = gr_grow(a->v, &a->cap, a->n + 1, sizeof *a->v);
    a->v[a->n].name = gr_strndup(name, nlen);
    a->v[a->n].value = gr_strndup(value, vlen);
    a->v[a->n].in_style = in_style;
    a->n++;
}

static void attrs_free(svg_attrs *a)
{
    size_t i;
    for (i = 0; i < a->n; i++) {
        free(a->v[i].name);
        free(a->v[i].value);
    }
    free(a->v);
    memset(a, 0, sizeof *a);
}

/* The last value given for `name` (style wins, as it comes last). */
static const char *attr_get(const svg_attrs *a, const char *name)
{
    size_t i = a->n;
    while (i-- > 0)
        if (strcmp(a->v[i].name, name) == 0)
            return a->v[i].value;
    return NULL;
}

static void trim_span(const char **s, size_t *n)
{
    while (*n > 0 && is_space(**s)) { (*s)++; (*n)--; }
    while (*n > 0 && is_space((*s)[*n - 1])) (*n)--;
}

/* style="name: value; …" appended as declarations. -1 if malformed. */
static int parse_style_attr(svg_attrs *a, const char *style)
{
    const char *s = style;
    while (*s) {
        const char *semi = strchr(s, ';'), *colon;
        size_t len = semi ? (size_t)(semi - s) : strlen(s);
        const char *name = s, *value;
        size_t nlen, vlen;
        colon = memchr(s, ':', len);
        nlen = len;
        trim_span(&name, &nlen);
        if (nlen > 0) {
            if (!colon) return -1;
            nlen = (size_t)(colon - s);
            name = s;
            trim_span(&name, &nlen);
            value = colon + 1;
            vlen = len - (size_t)(value - s);
            trim_span(&value, &vlen);
            if (nlen == 0 || vlen == 0) return -1;
            attrs_add(a, name, nlen, value, vlen, 1);
        }
        s += len;
        if (*s == ';') s++;
    }
    return 0;
}

static int elem_line(xmlNode *el)
{
    long l = xmlGetLineNo(el);
    return l > 0 && l < 0x7FFFFFFF ? (int)l : 0;
}

/* Copy an element's attributes (and its style declarations) and check each
 * name against the subset. Reports every unsupported one. */
static int collect_attrs(svg_run *r, xmlNode *el, int line, const char *own,
                         svg_attrs *out)
{
    xmlAttr *at;
    int rc = GR_OK;
    const char *ename = (const char *)el->name;
    for (at = el->properties; at; at = at->next) {
        const char *name = (const char *)at->name;
        xmlChar *val = xmlNodeListGetString(el->doc, at->children, 1);
        const char *v = val ? (const char *)val : "";
        char full[64];
        if (at->ns) {
            if (at->ns->href && strcmp((const char *)at->ns->href,
                                       (const char *)XML_XML_NAMESPACE) == 0) {
                snprintf(full, sizeof full, "xml:%s", name);
                name = full;
            } else if (at->ns->href && strcmp((const char *)at->ns->href, GR_SOURCE_NS) == 0 &&
                       strlen(name) < sizeof full - 3) {
                snprintf(full, sizeof full, "gr:%s", name);
                name = full;            /* gereport's own: the element's list says */
                if (strcmp(name, "gr:line") == 0) {
                    xmlFree(val);       /* the data line: the FO parser's */
                    continue;
                }
            } else {
                rc = gr_error(r->ctx, r->file, line, GR_TEXT(SVG_ATTRIBUTE_SUPPORTED_OUTSIDE_SVG), ename,
                              at->ns->prefix ? (const char *)at->ns->prefix : "?", name);
                xmlFree(val);
                continue;
            }
        }
        if (strcmp(name, "style") == 0) {
            size_t before = out->n, i;
            if (parse_style_attr(out, v) != 0)
                rc = gr_error(r->ctx, r->file, line, GR_TEXT(SVG_MALFORMED_STYLE), ename, v);
            for (i = before; i < out->n; i++)
                if (!in_word_list(presentation_props, out->v[i].name))
                    rc = gr_error(r->ctx, r->file, line, GR_TEXT(SVG_PROPERTY_STYLE_SUPPORTED_OUTSIDE), ename, out->v[i].name);
        } else if (strcmp(name, "id") == 0 || strcmp(name, "xml:lang") == 0 ||
                   strcmp(name, "xml:space") == 0 ||
                   in_word_list(presentation_props, name) ||
                   (own && in_word_list(own, name))) {
            attrs_add(out, name, strlen(name), v, strlen(v), 0);
        } else {
            rc = gr_error(r->ctx, r->file, line, GR_TEXT(SVG_ATTRIBUTE_SUPPORTED_OUTSIDE_SVG_2), ename, name);
        }
        xmlFree(val);
    }
    return rc;
}

/* A length in user units: a number with px, pt, pc, mm, cm, in, em, ex or
 * % (of `pct_ref`). -1 if malformed. */
static int parse_length(const char *s, double pct_ref, double font_size, double *out)
{
    double v;
    size_t n;
    const char *u;
    s = skip_space(s);
    n = gr_svg_number(s, &v);
    if (!n) return -1;
    u = s + n;
    if (*skip_space(u) == 0) { *out = v; return 0; }
    if (strncmp(u, "px", 2) == 0) { u += 2; }
    else if (strncmp(u, "pt", 2) == 0) { v *= 96.0 / 72.0; u += 2; }
    else if (strncmp(u, "pc", 2) == 0) { v *= 16.0; u += 2; }
    else if (strncmp(u, "mm", 2) == 0) { v *= 96.0 / 25.4; u += 2; }
    else if (strncmp(u, "cm", 2) == 0) { v *= 96.0 / 2.54; u += 2; }
    else if (strncmp(u, "in", 2) == 0) { v *= 96.0; u += 2; }
    else if (strncmp(u, "em", 2) == 0) { v *= font_size; u += 2; }
    else if (strncmp(u, "ex", 2) == 0) { v *= font_size / 2; u += 2; }
    else if (*u == '%') { v = pct_ref * v / 100.0; u += 1; }
    else return -1;
    if (*skip_space(u) != 0) return -1;
    *out = v;
    return isfinite(v) ? 0 : -1;
}

static int bad_value(svg_run *r, int line, const char *ename, const char *name,
                     const char *value)
{
    return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_INVALID), ename, name, value);
}

static int apply_paint(svg_run *r, int line, const char *ename, const char *name,
                       const char *v, int *none, gr_color *c)
{
    if (is_keyword(v, "none")) {
        *none = 1;
        return GR_OK;
    }
    if (is_keyword(v, "currentColor") || is_keyword(v, "transparent") ||
        strstr(v, "url(")) {
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_OUTSIDE_SUBSET_USE_COLOUR), ename, name, v);
    }
    if (parse_color(v, c) != 0)
        return bad_value(r, line, ename, name, v);
    *none = 0;
    return GR_OK;
}

static int apply_opacity(svg_run *r, int line, const char *ename, const char *name,
                         const char *v)
{
    double x;
    size_t n;
    const char *s = skip_space(v);
    n = gr_svg_number(s, &x);
    if (!n) return bad_value(r, line, ename, name, v);
    s += n;
    if (*s == '%') { x /= 100.0; s++; }
    if (*skip_space(s)) return bad_value(r, line, ename, name, v);
    if (x != 1.0)
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_PDF_1B_ALLOWS_TRANSPARENCY), ename, name, v);
    return GR_OK;
}

static int apply_font_weight(const char *v, int parent, int *out)
{
    double w;
    if (is_keyword(v, "normal")) { *out = 400; return 0; }
    if (is_keyword(v, "bold")) { *out = 700; return 0; }
    if (is_keyword(v, "bolder")) { *out = parent >= 600 ? 900 : 700; return 0; }
    if (is_keyword(v, "lighter")) { *out = parent >= 600 ? 400 : 100; return 0; }
    if (gr_svg_number(skip_space(v), &w) && w >= 1 && w <= 1000 && w == floor(w)) {
        *out = (int)w;
        return 0;
    }
    return -1;
}

/* One presentation property (attribute or style declaration). */
static int apply_property(svg_run *r, int line, const char *ename, const char *name,
                          const char *v, const svg_style *parent, svg_style *st,
                          int *display_none)
{
    double x;
    if (is_keyword(v, "inherit"))
        return GR_OK;                 /* the inherited value is already there */
    if (strcmp(name, "fill") == 0)
        return apply_paint(r, line, ename, name, v, &st->fill_none, &st->fill);
    if (strcmp(name, "stroke") == 0)
        return apply_paint(r, line, ename, name, v, &st->stroke_none, &st->stroke);
    if (strcmp(name, "stroke-width") == 0) {
        double diag = sqrt((r->vp_w * r->vp_w + r->vp_h * r->vp_h) / 2);
        if (parse_length(v, diag, parent->font_size, &x) != 0 || x < 0)
            return bad_value(r, line, ename, name, v);
        st->stroke_width = x;
        return GR_OK;
    }
    if (strcmp(name, "fill-rule") == 0) {
        if (is_keyword(v, "nonzero")) st->evenodd = 0;
        else if (is_keyword(v, "evenodd")) st->evenodd = 1;
        else return bad_value(r, line, ename, name, v);
        return GR_OK;
    }
    if (strcmp(name, "opacity") == 0 || strcmp(name, "fill-opacity") == 0 ||
        strcmp(name, "stroke-opacity") == 0)
        return apply_opacity(r, line, ename, name, v);
    if (strcmp(name, "font-family") == 0) {
        const char *s = skip_space(v);
        if (!*s) return bad_value(r, line, ename, name, v);
        st->font_family = gr_arena_strdup(r->doc->arena, s);
        return GR_OK;
    }
    if (strcmp(name, "font-size") == 0) {
        if (parse_length(v, parent->font_size, parent->font_size, &x) != 0 || x <= 0)
            return bad_value(r, line, ename, name, v);
        st->font_size = x;
        return GR_OK;
    }
    if (strcmp(name, "font-weight") == 0) {
        if (apply_font_weight(v, parent->font_weight, &st->font_weight) != 0)
            return bad_value(r, line, ename, name, v);
        return GR_OK;
    }
    if (strcmp(name, "font-style") == 0) {
        if (is_keyword(v, "normal")) return GR_OK;
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_FONT_STYLE_SUPPORTED_ONLY),
                        ename, v);
    }
    if (strcmp(name, "text-anchor") == 0) {
        if (is_keyword(v, "start")) st->anchor = ANCHOR_START;
        else if (is_keyword(v, "middle")) st->anchor = ANCHOR_MIDDLE;
        else if (is_keyword(v, "end")) st->anchor = ANCHOR_END;
        else return bad_value(r, line, ename, name, v);
        return GR_OK;
    }
    if (strcmp(name, "inline-size") == 0) {
        if (parse_length(v, r->vp_w, parent->font_size, &x) != 0 || x < 0)
            return bad_value(r, line, ename, name, v);
        st->inline_size = x;
        return GR_OK;
    }
    if (strcmp(name, "display") == 0) {
        *display_none = is_keyword(v, "none");
        return GR_OK;
    }
    if (strcmp(name, "xml:space") == 0) {
        if (is_keyword(v, "preserve")) st->preserve_space = 1;
        else if (is_keyword(v, "default")) st->preserve_space = 0;
        else return bad_value(r, line, ename, name, v);
        return GR_OK;
    }
    return GR_OK;                     /* id, xml:lang and geometry: elsewhere */
}

/* ---- drawing ---------------------------------------------------------- */

static void note_extent(svg_run *r, int line, double x0, double y0, double x1,
                        double y1)
{
    if (r->warned_outside)
        return;
    if (x0 < -OUTSIDE_TOLERANCE || y0 < -OUTSIDE_TOLERANCE ||
        x1 > r->box_w + OUTSIDE_TOLERANCE || y1 > r->box_h + OUTSIDE_TOLERANCE) {
        r->warned_outside = 1;
        gr_warn(r->ctx, r->file, line, GR_TEXT(SVG_DRAWING_EXTENDS_BEYOND_SVG));
    }
}

static int too_many_items(svg_run *r, int line)
{
    return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_TOO_MANY_SVG_DRAWING), MAX_ITEMS);
}

static int push_item(svg_run *r, int line, const gr_dl_item *it)
{
    if (r->n >= MAX_ITEMS)
        return too_many_items(r, line);
    gr_items_push(&r->items, &r->n, &r->cap, it);
    return GR_OK;
}

/* A path in user units → a GR_DL_PATH item in pt. */
static int emit_path(svg_run *r, int line, const gr_svgpath *p, const svg_style *st,
                     mat m, int can_fill)
{
    gr_dl_item it;
    size_t i, draws = 0;
    int fill = can_fill && !st->fill_none;
    int stroke = !st->stroke_none && st->stroke_width > 0;
    double sw = st->stroke_width * mat_scale(m);
    double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
    for (i = 0; i < p->n; i++)
        if (p->seg[i].op == GR_SEG_LINE || p->seg[i].op == GR_SEG_CURVE)
            draws++;
    if (draws == 0 || (!fill && !stroke))
        return GR_OK;
    memset(&it, 0, sizeof it);
    it.kind = GR_DL_PATH;
    it.u.path.nseg = (int)p->n;
    it.u.path.seg = gr_arena_alloc(r->doc->arena, p->n * sizeof(gr_seg));
    for (i = 0; i < p->n; i++) {
        gr_seg s = p->seg[i];
        int k, npts = s.op == GR_SEG_CURVE ? 3 : s.op == GR_SEG_CLOSE ? 0 : 1;
        for (k = 0; k < npts; k++) {
            double x, y;
            mat_apply(m, s.p[2 * k], s.p[2 * k + 1], &x, &y);
            s.p[2 * k] = x;
            s.p[2 * k + 1] = y;
            if (x < x0) x0 = x;
            if (x > x1) x1 = x;
            if (y < y0) y0 = y;
            if (y > y1) y1 = y;
        }
        it.u.path.seg[i] = s;
    }
    it.u.path.fill = fill;
    it.u.path.stroke = stroke;
    it.u.path.evenodd = st->evenodd;
    it.u.path.fill_color = st->fill;
    it.u.path.stroke_color = st->stroke;
    it.u.path.stroke_width = sw;
    if (stroke) {
        x0 -= sw / 2; y0 -= sw / 2; x1 += sw / 2; y1 += sw / 2;
    }
    note_extent(r, line, x0, y0, x1, y1);
    return push_item(r, line, &it);
}

/* Geometry attribute as a length; `def` when absent. -1 reported. */
static int geom(svg_run *r, int line, const char *ename, const svg_attrs *a,
                const char *name, double pct_ref, double font_size, double def,
                double *out)
{
    const char *v = attr_get(a, name);
    if (!v) {
        *out = def;
        return GR_OK;
    }
    if (parse_length(v, pct_ref, font_size, out) != 0)
        return bad_value(r, line, ename, name, v);
    return GR_OK;
}

static int need_attr(svg_run *r, int line, const char *ename, const svg_attrs *a,
                     const char *name)
{
    if (attr_get(a, name))
        return GR_OK;
    return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_ATTRIBUTE_MISSING), ename, name);
}

static double diag_ref(const svg_run *r)
{
    return sqrt((r->vp_w * r->vp_w + r->vp_h * r->vp_h) / 2);
}

/* Quarter-ellipse corner from (x0,y0) to (x1,y1); the tangent at the
 * start runs along the x axis when `xfirst`. */
static void ellipse_corner(gr_svgpath *p, double x0, double y0, double x1, double y1,
                           int xfirst)
{
    if (xfirst)
        gr_svgpath_curve(p, x0 + KAPPA * (x1 - x0), y0, x1, y1 - KAPPA * (y1 - y0),
                         x1, y1);
    else
        gr_svgpath_curve(p, x0, y0 + KAPPA * (y1 - y0), x1 - KAPPA * (x1 - x0), y1,
                         x1, y1);
}

static void rect_path(gr_svgpath *p, double x, double y, double w, double h,
                      double rx, double ry)
{
    if (rx <= 0 || ry <= 0) {
        gr_svgpath_move(p, x, y);
        gr_svgpath_line(p, x + w, y);
        gr_svgpath_line(p, x + w, y + h);
        gr_svgpath_line(p, x, y + h);
        gr_svgpath_close(p);
        return;
    }
    gr_svgpath_move(p, x + rx, y);
    gr_svgpath_line(p, x + w - rx, y);
    ellipse_corner(p, x + w - rx, y, x + w, y + ry, 1);
    gr_svgpath_line(p, x + w, y + h - ry);
    ellipse_corner(p, x + w, y + h - ry, x + w - rx, y + h, 0);
    gr_svgpath_line(p, x + rx, y + h);
    ellipse_corner(p, x + rx, y + h, x, y + h - ry, 1);
    gr_svgpath_line(p, x, y + ry);
    ellipse_corner(p, x, y + ry, x + rx, y, 0);
    gr_svgpath_close(p);
}

static void ellipse_path(gr_svgpath *p, double cx, double cy, double rx, double ry)
{
    gr_svgpath_move(p, cx + rx, cy);
    ellipse_corner(p, cx + rx, cy, cx, cy + ry, 0);
    ellipse_corner(p, cx, cy + ry, cx - rx, cy, 1);
    ellipse_corner(p, cx - rx, cy, cx, cy - ry, 0);
    ellipse_corner(p, cx, cy - ry, cx + rx, cy, 1);
    gr_svgpath_close(p);
}

static int shape_rect(svg_run *r, int line, const svg_attrs *a, const svg_style *st,
                      gr_svgpath *p)
{
    double x, y, w, h, rx, ry;
    const char *srx = attr_get(a, "rx"), *sry = attr_get(a, "ry");
    double fs = st->font_size;
    if (need_attr(r, line, "rect", a, "width") || need_attr(r, line, "rect", a, "height") ||
        geom(r, line, "rect", a, "x", r->vp_w, fs, 0, &x) ||
        geom(r, line, "rect", a, "y", r->vp_h, fs, 0, &y) ||
        geom(r, line, "rect", a, "width", r->vp_w, fs, 0, &w) ||
        geom(r, line, "rect", a, "height", r->vp_h, fs, 0, &h) ||
        geom(r, line, "rect", a, "rx", r->vp_w, fs, 0, &rx) ||
        geom(r, line, "rect", a, "ry", r->vp_h, fs, 0, &ry))
        return GR_EINPUT;
    if (w < 0 || h < 0 || rx < 0 || ry < 0)
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_RECT_WIDTH_HEIGHT_RX));
    if (w == 0 || h == 0)
        return GR_OK;                       /* not drawn, as in SVG */
    if (srx && !sry) ry = rx;
    if (sry && !srx) rx = ry;
    if (rx > w / 2) rx = w / 2;
    if (ry > h / 2) ry = h / 2;
    rect_path(p, x, y, w, h, rx, ry);
    return GR_OK;
}

static int shape_circle(svg_run *r, int line, const svg_attrs *a, const svg_style *st,
                        gr_svgpath *p)
{
    double cx, cy, rr;
    if (need_attr(r, line, "circle", a, "r") ||
        geom(r, line, "circle", a, "cx", r->vp_w, st->font_size, 0, &cx) ||
        geom(r, line, "circle", a, "cy", r->vp_h, st->font_size, 0, &cy) ||
        geom(r, line, "circle", a, "r", diag_ref(r), st->font_size, 0, &rr))
        return GR_EINPUT;
    if (rr < 0)
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_CIRCLE_R_MAY_NEGATIVE));
    if (rr > 0)
        ellipse_path(p, cx, cy, rr, rr);
    return GR_OK;
}

static int shape_ellipse(svg_run *r, int line, const svg_attrs *a, const svg_style *st,
                         gr_svgpath *p)
{
    double cx, cy, rx, ry;
    if (need_attr(r, line, "ellipse", a, "rx") || need_attr(r, line, "ellipse", a, "ry") ||
        geom(r, line, "ellipse", a, "cx", r->vp_w, st->font_size, 0, &cx) ||
        geom(r, line, "ellipse", a, "cy", r->vp_h, st->font_size, 0, &cy) ||
        geom(r, line, "ellipse", a, "rx", r->vp_w, st->font_size, 0, &rx) ||
        geom(r, line, "ellipse", a, "ry", r->vp_h, st->font_size, 0, &ry))
        return GR_EINPUT;
    if (rx < 0 || ry < 0)
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_ELLIPSE_RX_RY_MAY));
    if (rx > 0 && ry > 0)
        ellipse_path(p, cx, cy, rx, ry);
    return GR_OK;
}

static int shape_line(svg_run *r, int line, const svg_attrs *a, const svg_style *st,
                      gr_svgpath *p)
{
    double x1, y1, x2, y2;
    if (geom(r, line, "line", a, "x1", r->vp_w, st->font_size, 0, &x1) ||
        geom(r, line, "line", a, "y1", r->vp_h, st->font_size, 0, &y1) ||
        geom(r, line, "line", a, "x2", r->vp_w, st->font_size, 0, &x2) ||
        geom(r, line, "line", a, "y2", r->vp_h, st->font_size, 0, &y2))
        return GR_EINPUT;
    gr_svgpath_move(p, x1, y1);
    gr_svgpath_line(p, x2, y2);
    return GR_OK;
}

static int shape_poly(svg_run *r, int line, const char *ename, const svg_attrs *a,
                      int closed, gr_svgpath *p)
{
    const char *v = attr_get(a, "points"), *s;
    int count = 0;
    if (need_attr(r, line, ename, a, "points"))
        return GR_EINPUT;
    s = skip_space(v);
    while (*s) {
        double x, y;
        size_t k = gr_svg_number(s, &x);
        if (!k) return bad_value(r, line, ename, "points", v);
        s = skip_comma(s + k);
        k = gr_svg_number(s, &y);
        if (!k) return bad_value(r, line, ename, "points", v);
        s = skip_comma(s + k);
        if (count++ == 0) gr_svgpath_move(p, x, y);
        else gr_svgpath_line(p, x, y);
    }
    if (closed && count > 1)
        gr_svgpath_close(p);
    return GR_OK;
}

static int shape_path(svg_run *r, int line, const svg_attrs *a, gr_svgpath *p)
{
    const char *d = attr_get(a, "d");
    size_t at = 0;
    if (!d)
        return GR_OK;                         /* no d: nothing drawn */
    int prc = gr_svgpath_parse(d, p, &at);
    if (prc == -2)
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_PATH_HAS_MORE_THAN),
                        GR_SVGPATH_MAX_SEGMENTS);
    if (prc != 0) {
        size_t len = strlen(d), from = at > 20 ? at - 20 : 0;
        if (at > len) at = len;
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_PATH_ERROR_D_CHARACTER),
                        at + 1, (int)(at - from + (at < len ? 1 : 0)), d + from);
    }
    return GR_OK;
}

/* ---- text ------------------------------------------------------------- */

/* A piece of a <text>'s character data: plain text, or a <tspan> with
 * white-space: nowrap (a name: no line break inside it). Byte offsets into
 * the collapsed text. */
typedef struct text_seg {
    size_t start, end;
    int nowrap;
} text_seg;

#define MAX_TEXT_SEGS 64

/* white-space of a <tspan>: its only property (1 = nowrap). Anything else on
 * it is outside the subset. */
static int tspan_attrs(svg_run *r, xmlNode *el, int line, int *nowrap)
{
    svg_attrs a;
    xmlAttr *at;
    int rc = GR_OK;
    size_t i;
    const char *ename = (const char *)el->name;     /* "tspan" */
    memset(&a, 0, sizeof a);
    *nowrap = 0;
    for (at = el->properties; at; at = at->next) {
        const char *name = (const char *)at->name;
        xmlChar *val = xmlNodeListGetString(el->doc, at->children, 1);
        const char *v = val ? (const char *)val : "";
        if (at->ns && !(at->ns->href && strcmp((const char *)at->ns->href,
                                               (const char *)XML_XML_NAMESPACE) == 0 &&
                        (strcmp(name, "lang") == 0 || strcmp(name, "space") == 0))) {
            rc = gr_error(r->ctx, r->file, line, GR_TEXT(SVG_ATTRIBUTE_SUPPORTED_OUTSIDE_SVG), ename,
                          at->ns->prefix ? (const char *)at->ns->prefix : "?", name);
        } else if (at->ns || strcmp(name, "id") == 0) {
            ;                                   /* xml:lang, xml:space, id */
        } else if (strcmp(name, "white-space") == 0) {
            attrs_add(&a, name, strlen(name), v, strlen(v), 0);
        } else if (strcmp(name, "style") == 0) {
            size_t before = a.n;
            if (parse_style_attr(&a, v) != 0)
                rc = gr_error(r->ctx, r->file, line, GR_TEXT(SVG_MALFORMED_STYLE), ename, v);
            for (i = before; i < a.n; i++)
                if (strcmp(a.v[i].name, "white-space") != 0)
                    rc = gr_error(r->ctx, r->file, line, GR_TEXT(SVG_PROPERTY_STYLE_SUPPORTED_OUTSIDE),
                                  ename, a.v[i].name);
        } else {
            rc = gr_error(r->ctx, r->file, line, GR_TEXT(SVG_ATTRIBUTE_SUPPORTED_OUTSIDE_SVG_2), ename, name);
        }
        xmlFree(val);
    }
    for (i = 0; i < a.n; i++) {
        const char *v = a.v[i].value;
        if (strcmp(a.v[i].name, "white-space") != 0) continue;
        if (is_keyword(v, "nowrap")) *nowrap = 1;
        else if (is_keyword(v, "normal")) *nowrap = 0;
        else rc = bad_value(r, line, ename, "white-space", v);
    }
    attrs_free(&a);
    return rc;
}

/* The character data of <text> (and of its <tspan> children), whitespace
 * handled as SVG's xml:space says, across the pieces. Newly allocated in
 * *out; the pieces in seg[0 .. *nseg). */
static int text_content(svg_run *r, xmlNode *el, const svg_style *st, char **out,
                        text_seg *seg, int *nseg)
{
    gr_buf b;
    xmlNode *c, *t;
    int rc = GR_OK, k;
    size_t raw[MAX_TEXT_SEGS + 1], i, w = 0;
    gr_buf_init(&b);
    *nseg = 0;
    for (c = el->children; c; c = c->next) {
        int nowrap = 0;
        xmlNode *from = c;
        if (c->type == XML_ELEMENT_NODE) {
            int line = elem_line(c);
            if (!c->ns || !c->ns->href || strcmp((const char *)c->ns->href, SVG_NS) != 0 ||
                strcmp((const char *)c->name, "tspan") != 0) {
                rc = gr_error(r->ctx, r->file, line, GR_TEXT(SVG_UNSUPPORTED_SVG_ELEMENT_TEXT),
                              (const char *)c->name);
                continue;
            }
            if (tspan_attrs(r, c, line, &nowrap) != GR_OK) rc = GR_EINPUT;
            for (t = c->children; t; t = t->next)
                if (t->type == XML_ELEMENT_NODE)
                    rc = gr_error(r->ctx, r->file, elem_line(t), GR_TEXT(SVG_UNSUPPORTED_SVG_ELEMENT_TEXT),
                                  (const char *)t->name);
            from = c->children;
        } else if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) {
            continue;
        }
        if (*nseg == MAX_TEXT_SEGS) {
            rc = gr_error(r->ctx, r->file, elem_line(el), GR_TEXT(SVG_TEXT_TOO_MANY_PIECES), MAX_TEXT_SEGS);
            break;
        }
        raw[*nseg] = b.len;
        seg[*nseg].nowrap = nowrap;
        (*nseg)++;
        for (t = from; t; t = (from == c ? NULL : t->next))
            if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
                gr_buf_adds(&b, (const char *)t->content);
    }
    raw[*nseg] = b.len;
    gr_buf_addc(&b, 0);
    /* newlines removed (default) or made spaces (preserve); tabs → spaces;
     * each piece's start and end follow the text as it shrinks */
    k = 0;
    for (i = 0; ; i++) {
        char ch;
        while (k < *nseg && raw[k] == i) seg[k++].start = w;
        if (!b.data[i]) break;
        ch = (char)b.data[i];
        if (ch == '\n' || ch == '\r') {
            if (!st->preserve_space) continue;
            ch = ' ';
        }
        if (ch == '\t') ch = ' ';
        if (!st->preserve_space && ch == ' ' && (w == 0 || b.data[w - 1] == ' '))
            continue;
        b.data[w++] = (unsigned char)ch;
    }
    if (!st->preserve_space && w > 0 && b.data[w - 1] == ' ')
        w--;
    b.data[w] = 0;
    for (k = 0; k < *nseg; k++) {
        if (seg[k].start > w) seg[k].start = w;
        seg[k].end = k + 1 < *nseg ? seg[k + 1].start : w;
        if (seg[k].end > w) seg[k].end = w;
    }
    *out = (char *)b.data;                    /* the buffer becomes the string */
    return rc;
}

/* Byte offsets in UTF-8 `s` of the UTF-16 offsets from16 and to16. */
static void utf8_span16(const char *s, size_t from16, size_t to16, size_t *b0, size_t *b1)
{
    size_t i = 0, u = 0;
    *b0 = *b1 = strlen(s);
    while (s[i]) {
        unsigned char c = (unsigned char)s[i];
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (u == from16 && *b0 == strlen(s)) *b0 = i;
        if (u >= to16) { *b1 = i; break; }
        u += n == 4 ? 2 : 1;
        while (n-- > 0 && s[i]) i++;
    }
    if (*b0 > *b1) *b0 = *b1;
}

#define MAX_FORCED_BREAKS 4

/* A <text> ready to be set: its text and pieces, its style, its sizes in
 * pt, where it goes. A text of a gr:same-size group waits in the run's
 * list until the group is read (owning its text then). */
typedef struct svg_textjob {
    char *text;                /* malloc'd */
    text_seg seg[MAX_TEXT_SEGS];
    int nseg;
    gr_text_style ts;
    double size, min_size;     /* pt: as given; the smallest allowed */
    double width;              /* pt: inline-size; 0: one line */
    int max_lines;             /* gr:max-lines; 0: any number */
    int anchor;
    double px, py;             /* pt: x, y through the transform */
    int line;
    size_t brk[MAX_FORCED_BREAKS]; /* line breaks forced before these byte
                                  offsets in the last layout (ascending) */
    int nbrk;
} svg_textjob;

/* A UTF-16 offset of the last layout's paragraph (which holds a U+2028 at
 * each forced break) as an offset of the job's text. */
static size_t text16(const svg_textjob *j, size_t u)
{
    int k;
    size_t i = 0, n16 = 0, len = strlen(j->text);
    for (k = j->nbrk - 1; k >= 0; k--) {
        size_t pos;
        for (i = 0, n16 = 0; i < j->brk[k] && i < len; ) {
            unsigned char c = (unsigned char)j->text[i];
            size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            n16 += n == 4 ? 2 : 1;
            i += n;
        }
        pos = n16 + (size_t)k;                 /* where its U+2028 is */
        if (u > pos) u--;
    }
    return u;
}

static int is_open_bracket(uint32_t c)
{
    return c == 0xFF08 || c == '(' || c == 0x300C || c == 0x300E || c == 0x3010 ||
           c == 0x3014 || c == 0x300A || c == 0x3008 || c == '[' || c == 0xFF3B;
}

static int is_close_bracket(uint32_t c)
{
    return c == 0xFF09 || c == ')' || c == 0x300D || c == 0x300F || c == 0x3011 ||
           c == 0x3015 || c == 0x300B || c == 0x3009 || c == ']' || c == 0xFF3D;
}

/* When a line of p ends inside a bracketed part of the text (「新住民（含
 * 大陸 / 配偶）」) that would fit whole on a line of the job's width at
 * `size` (its characters counted as 1 em each), the byte offset of its
 * opening bracket, where the line should rather have ended; else 0. */
static size_t bracket_break(const svg_textjob *j, gr_para *p, double size)
{
    int i, n = gr_para_nlines(p);
    size_t len = strlen(j->text);
    for (i = 0; i + 1 < n; i++) {
        size_t b0, brk, k = 0, open = 0;
        int depth = 0;
        size_t e16 = text16(j, gr_para_line(p, i)->text_end);
        utf8_span16(j->text, e16, e16, &b0, &brk);
        while (k < brk) {                       /* the outermost open group */
            uint32_t c;
            size_t at = k;
            k += (size_t)gr_utf8_decode(j->text + k, len - k, &c);
            if (is_open_bracket(c)) { if (depth++ == 0) open = at; }
            else if (is_close_bracket(c) && depth > 0) depth--;
        }
        if (depth > 0 && open > 0) {
            size_t chars = 0;
            int d = 0;
            k = open;
            while (k < len) {
                uint32_t c;
                k += (size_t)gr_utf8_decode(j->text + k, len - k, &c);
                chars++;
                if (is_open_bracket(c)) d++;
                else if (is_close_bracket(c) && --d == 0) break;
            }
            if ((double)chars * size <= j->width + 1e-6)
                return open;
        }
    }
    return 0;
}

/* The job laid out at one size, with line breaks forced before the byte
 * offsets brk[0 .. nbrk) (ascending). */
static gr_para *lay_text(svg_run *r, svg_textjob *j, double size, const size_t *brk,
                         int nbrk, int defer, int *rc)
{
    gr_text_style ts = j->ts;
    gr_para_opts opts;
    gr_para *para = gr_para_new(r->ctx);
    int k, b = 0;
    ts.size = size;
    ts.line_height = size * 1.2;
    for (k = 0; k < j->nseg; k++) {
        size_t at = j->seg[k].start, end = j->seg[k].end;
        ts.nobreak = j->seg[k].nowrap ? (const void *)&j->seg[k] : NULL;
        while (at < end) {
            size_t stop;
            while (b < nbrk && brk[b] < at) b++;
            if (b < nbrk && brk[b] == at) {
                gr_para_add_break(para);
                b++;
                continue;
            }
            stop = b < nbrk && brk[b] < end ? brk[b] : end;
            gr_para_add_text(para, j->text + at, stop - at, &ts);
            at = stop;
        }
    }
    memset(&opts, 0, sizeof opts);
    opts.width = j->width > 0 ? j->width : 1e6;
    opts.align = GR_ALIGN_START;
    opts.align_last = GR_ALIGN_START;
    opts.avoid_short_last = j->width > 0;
    opts.defer_overflow = defer;
    *rc = gr_para_layout(para, &opts);
    return para;
}

/* 1 when the layout keeps the job's rules: at most max_lines lines (0:
 * any), no word broken between characters, no lone character, no short
 * word broken. */
static int lay_fits(const svg_textjob *j, gr_para *p)
{
    return (j->max_lines <= 0 || gr_para_nlines(p) <= j->max_lines) &&
           !gr_para_overflow(p, NULL, NULL, NULL) && !gr_para_lone_char(p) &&
           !gr_para_word_broken(p);
}

/* The job set at one size: laid out for its width (none: one line); a line
 * that ends inside brackets that would fit on a line ends before them
 * instead when the text still keeps its rules (「新住民 / （含大陸配偶）」).
 * *fits: it keeps them, and no such bracket break is left. */
static gr_para *set_text(svg_run *r, svg_textjob *j, double size, int last_try,
                         int *fits, int *rc)
{
    size_t open;
    gr_para *para;
    j->nbrk = 0;
    para = lay_text(r, j, size, NULL, 0, j->width > 0 && !last_try, rc);
    *fits = *rc == GR_OK && lay_fits(j, para);
    if (!*fits || j->width <= 0)
        return para;
    while ((open = bracket_break(j, para, size)) > 0) {
        size_t brk[MAX_FORCED_BREAKS];
        gr_para *alt;
        int i, n = j->nbrk;
        if (n == MAX_FORCED_BREAKS) { *fits = 0; break; }
        memcpy(brk, j->brk, sizeof brk);
        for (i = n; i > 0 && brk[i - 1] > open; i--) brk[i] = brk[i - 1];
        if (i > 0 && brk[i - 1] == open) { *fits = 0; break; }
        brk[i] = open;
        alt = lay_text(r, j, size, brk, n + 1, 1, rc);
        if (*rc != GR_OK || !lay_fits(j, alt)) {
            gr_para_free(alt);
            *fits = 0;                          /* the layout before stays */
            break;
        }
        gr_para_free(para);
        para = alt;
        memcpy(j->brk, brk, sizeof brk);
        j->nbrk = n + 1;
    }
    return para;
}

/* The largest size from `from` down (0.5 steps, not under the job's
 * smallest) at which it fits; the smallest when none does. */
static double fit_size(svg_run *r, svg_textjob *j, double from, int *rc)
{
    double size = from;
    for (;;) {
        int fits;
        gr_para *p = set_text(r, j, size, 0, &fits, rc);
        gr_para_free(p);
        if (*rc != GR_OK || fits || size - 0.5 < j->min_size - 1e-9)
            return size;
        size -= 0.5;
    }
}

/* Set the job, trying sizes from `from` down when it has gr:max-lines, and
 * draw its lines: each placed at x by text-anchor, one item per run, one
 * gr_graphic_text per line (for the dump). */
static int emit_text(svg_run *r, svg_textjob *j, double from)
{
    double size = from, shift = 0, py = j->py;
    gr_para *para;
    int i, rc, fits;
    if (!j->max_lines || j->width <= 0)
        size = j->size;
    for (;;) {
        int last = !j->max_lines || j->width <= 0 || size - 0.5 < j->min_size - 1e-9;
        para = set_text(r, j, size, 0, &fits, &rc);
        if (rc != GR_OK || fits || last) break;
        gr_para_free(para);
        size -= 0.5;
    }
    if (rc == GR_OK && j->width > 0) {
        const char *word = gr_para_overflow(para, NULL, NULL, NULL);
        if (word)
            gr_warn(r->ctx, r->file, j->line, GR_TEXT(SVG_LABEL_BROKEN_INSIDE_WORD), word, size);
    }
    if (rc == GR_OK && gr_para_nlines(para) > 0 && size < j->size) {
        const gr_line *l0 = gr_para_line(para, 0);
        shift = l0->ascent * (j->size / size - 1);     /* its top kept */
    }
    py -= shift;
    for (i = 0; rc == GR_OK && i < gr_para_nlines(para); i++) {
        const gr_line *ln = gr_para_line(para, i);
        double lx = j->px, top = py - gr_para_line(para, 0)->baseline + i * ln->height;
        size_t before = r->n, b0, b1;
        if (j->anchor == ANCHOR_MIDDLE) lx -= ln->width / 2;
        else if (j->anchor == ANCHOR_END) lx -= ln->width;
        if (r->n + (size_t)ln->nruns * 2 > MAX_ITEMS) {
            rc = too_many_items(r, j->line);
            break;
        }
        gr_line_to_items(r->doc, ln, lx, top, &r->items, &r->n, &r->cap);
        if (r->n > before) {
            gr_graphic_text *t;
            note_extent(r, j->line, lx, top + ln->baseline - ln->ascent, lx + ln->width,
                        top + ln->baseline + ln->descent);
            r->texts = gr_grow(r->texts, &r->captexts, r->ntexts + 1, sizeof *r->texts);
            t = &r->texts[r->ntexts++];
            t->x0 = lx;
            t->y0 = top + ln->baseline - ln->ascent;
            t->x1 = lx + ln->width;
            t->y1 = top + ln->baseline + ln->descent;
            utf8_span16(j->text, text16(j, ln->text_start), text16(j, ln->text_end), &b0, &b1);
            while (b1 > b0 && j->text[b1 - 1] == ' ') b1--;
            while (b0 < b1 && j->text[b0] == ' ') b0++;
            t->text = gr_arena_strndup(r->doc->arena, j->text + b0, b1 - b0);
        }
    }
    gr_para_free(para);
    return rc;
}

/* The texts that waited for their gr:same-size group (from index `from`):
 * all at the largest size every one of them fits at, each smaller still
 * only if it does not fit at that size. Frees them. */
static int flush_same_size(svg_run *r, size_t from, int rc)
{
    double size = 1e9;
    size_t i;
    for (i = from; rc == GR_OK && i < r->npending; i++) {
        double s = fit_size(r, &r->pending[i], r->pending[i].size, &rc);
        if (s < size) size = s;
    }
    for (i = from; i < r->npending; i++) {
        svg_textjob *j = &r->pending[i];
        if (rc == GR_OK) rc = emit_text(r, j, size < j->size ? size : j->size);
        free(j->text);
    }
    r->npending = from;
    return rc;
}

/* <text>: one line at x, y; with inline-size, lines of at most that width,
 * the first baseline at y; with gr:max-lines, set smaller (0.5 steps, not
 * under gr:min-font-size) until it takes no more lines, the top of its
 * first line staying where it is at full size; in a gr:same-size group,
 * at the group's size (docs/svg-subset.md §4). */
static int do_text(svg_run *r, xmlNode *el, int line, const svg_attrs *a,
                   const svg_style *st, mat m)
{
    double x, y, scale;
    const char *sx = attr_get(a, "x"), *sy = attr_get(a, "y");
    const char *sml = attr_get(a, "gr:max-lines"), *smin = attr_get(a, "gr:min-font-size");
    gr_fontchain *chain;
    svg_textjob j;
    int rc;
    memset(&j, 0, sizeof j);
    if ((sx && parse_length(sx, r->vp_w, st->font_size, &x) != 0))
        return bad_value(r, line, "text", "x", sx);
    if ((sy && parse_length(sy, r->vp_h, st->font_size, &y) != 0))
        return bad_value(r, line, "text", "y", sy);
    if (!sx) x = 0;
    if (!sy) y = 0;
    j.min_size = st->font_size;
    if (sml) {
        double v;
        size_t n = gr_svg_number(skip_space(sml), &v);
        if (n == 0 || *skip_space(skip_space(sml) + n) || v < 1 || v > 100 || v != floor(v))
            return bad_value(r, line, "text", "gr:max-lines", sml);
        j.max_lines = (int)v;
    }
    if (smin && (parse_length(smin, st->font_size, st->font_size, &j.min_size) != 0 ||
                 !(j.min_size > 0) || j.min_size > st->font_size))
        return bad_value(r, line, "text", "gr:min-font-size", smin);
    rc = text_content(r, el, st, &j.text, j.seg, &j.nseg);
    if (rc != GR_OK || !j.text[0] || st->fill_none) {
        free(j.text);
        return rc;
    }
    if (!st->stroke_none) {
        free(j.text);
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_TEXT_STROKE_SUPPORTED_GIVE));
    }
    scale = mat_scale(m);
    if (fabs(m.b) > 1e-9 * scale || fabs(m.c) > 1e-9 * scale || m.a <= 0 || m.d <= 0) {
        free(j.text);
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_TEXT_CANNOT_ROTATED_SKEWED));
    }
    j.size = st->font_size * scale;
    j.min_size *= scale;
    if (!(j.size > 0) || j.size > MAX_TEXT_PT) {
        free(j.text);
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_TEXT_UNREASONABLE_FONT_SIZE), j.size);
    }
    if (!r->fs) {
        free(j.text);
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_TEXT_NEEDS_FONTS_BUT));
    }
    chain = gr_fontset_chain(r->fs, st->font_family, st->font_weight, r->file, line);
    if (!chain) {
        free(j.text);
        return GR_EINPUT;
    }
    j.ts.chain = chain;
    j.ts.color = st->fill;
    j.ts.file = r->file;
    j.ts.line = line;
    j.line = line;
    j.anchor = st->anchor;
    if (st->inline_size > 0)
        j.width = st->inline_size * scale;
    else
        j.max_lines = 0;                       /* one line anyway */
    mat_apply(m, x, y, &j.px, &j.py);
    if (st->same_size && j.max_lines > 0) {    /* waits for its group */
        r->pending = gr_grow(r->pending, &r->cappending, r->npending + 1, sizeof *r->pending);
        r->pending[r->npending++] = j;
        return GR_OK;
    }
    rc = emit_text(r, &j, j.size);
    free(j.text);
    return rc;
}

/* ---- elements --------------------------------------------------------- */

static int do_element(svg_run *r, xmlNode *el, const svg_style *parent, mat ctm,
                      int depth);

static int lookup_element(xmlNode *el, size_t *idx)
{
    size_t i;
    if (!el->ns || !el->ns->href || strcmp((const char *)el->ns->href, SVG_NS) != 0)
        return -1;
    for (i = 0; i < sizeof svg_elements / sizeof svg_elements[0]; i++)
        if (strcmp((const char *)el->name, svg_elements[i].name) == 0) {
            *idx = i;
            return 0;
        }
    return -1;
}

static int only_space(const char *s)
{
    return s == NULL || *skip_space(s) == 0;
}

static int do_children(svg_run *r, xmlNode *el, const svg_style *st, mat ctm, int depth)
{
    xmlNode *c;
    int rc = GR_OK;
    for (c = el->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            int crc = do_element(r, c, st, ctm, depth + 1);
            if (crc > rc) rc = crc;
        } else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
                   !only_space((const char *)c->content)) {
            gr_warn(r->ctx, r->file, elem_line(c) ? elem_line(c) : elem_line(el), GR_TEXT(SVG_TEXT_DIRECTLY_INSIDE_SVG),
                    (const char *)el->name);
        }
    }
    return rc;
}

static int draw_shape(svg_run *r, el_kind kind, int line, const svg_attrs *a,
                      const svg_style *st, mat ctm)
{
    gr_svgpath p;
    int rc;
    memset(&p, 0, sizeof p);
    switch (kind) {
    case EL_RECT: rc = shape_rect(r, line, a, st, &p); break;
    case EL_CIRCLE: rc = shape_circle(r, line, a, st, &p); break;
    case EL_ELLIPSE: rc = shape_ellipse(r, line, a, st, &p); break;
    case EL_LINE: rc = shape_line(r, line, a, st, &p); break;
    case EL_POLYLINE: rc = shape_poly(r, line, "polyline", a, 0, &p); break;
    case EL_POLYGON: rc = shape_poly(r, line, "polygon", a, 1, &p); break;
    default: rc = shape_path(r, line, a, &p); break;
    }
    if (rc == GR_OK)
        rc = emit_path(r, line, &p, st, ctm, kind != EL_LINE);
    gr_svgpath_free(&p);
    return rc;
}

static int do_element(svg_run *r, xmlNode *el, const svg_style *parent, mat ctm,
                      int depth)
{
    int line = elem_line(el), rc = GR_OK, display_none = 0;
    const char *ename = (const char *)el->name;
    const char *tf;
    svg_attrs a;
    svg_style st;
    size_t idx, i;
    el_kind kind;
    if (lookup_element(el, &idx) != 0) {
        if (!el->ns || !el->ns->href || strcmp((const char *)el->ns->href, SVG_NS) != 0)
            return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_ELEMENT_INSIDE_SVG_SVG),
                            ename);
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_UNSUPPORTED_SVG_ELEMENT_SUPPORTED), ename);
    }
    kind = svg_elements[idx].kind;
    if (kind == EL_META)
        return GR_OK;                          /* <title>, <desc>: not drawn */
    if (kind == EL_SVG && depth > 0)
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_NESTED_SVG_SVG_ELEMENTS));
    if (depth > MAX_DEPTH)
        return gr_error(r->ctx, r->file, line, GR_TEXT(SVG_ELEMENTS_NESTED_TOO_DEEPLY), MAX_DEPTH);
    if (++r->nelements > MAX_ELEMENTS) {
        if (r->nelements == MAX_ELEMENTS + 1)
            gr_error(r->ctx, r->file, line, GR_TEXT(SVG_TOO_MANY_SVG_ELEMENTS), MAX_ELEMENTS);
        return GR_EINPUT;
    }
    memset(&a, 0, sizeof a);
    rc = collect_attrs(r, el, line, svg_elements[idx].attrs, &a);
    st = *parent;
    st.inline_size = 0;
    for (i = 0; i < a.n; i++)
        if (in_word_list(presentation_props, a.v[i].name) ||
            strcmp(a.v[i].name, "xml:space") == 0) {
            int prc = apply_property(r, line, ename, a.v[i].name, a.v[i].value,
                                     parent, &st, &display_none);
            if (prc > rc) rc = prc;
        }
    tf = attr_get(&a, "transform");
    if (rc == GR_OK && tf) {
        mat t;
        if (parse_transform(tf, &t) != 0)
            rc = bad_value(r, line, ename, "transform", tf);
        else
            ctm = mat_mul(ctm, t);
    }
    if (rc == GR_OK && !display_none) {
        switch (kind) {
        case EL_SVG:
            rc = do_children(r, el, &st, ctm, depth);
            break;
        case EL_G: {
            const char *same = attr_get(&a, "gr:same-size");
            size_t from = r->npending;
            if (same && !is_keyword(same, "true") && !is_keyword(same, "false")) {
                rc = bad_value(r, line, ename, "gr:same-size", same);
                break;
            }
            if (same) st.same_size = is_keyword(same, "true");
            rc = do_children(r, el, &st, ctm, depth);
            if (same && st.same_size)
                rc = flush_same_size(r, from, rc);
            break;
        }
        case EL_TEXT:
            rc = do_text(r, el, line, &a, &st, ctm);
            break;
        default:
            rc = draw_shape(r, kind, line, &a, &st, ctm);
            break;
        }
    }
    attrs_free(&a);
    return rc;
}

/* ---- the svg element: size and viewBox -------------------------------- */

/* width or height of <svg> in pt; 0 when absent; -1 when invalid. A
 * percentage of the width refers to the available line width. */
static int svg_size_attr(svg_run *r, int line, const char *name, const char *v,
                         double pct_ref_pt, double *pt)
{
    double px;
    *pt = 0;
    if (!v) return 0;
    if (strchr(v, '%')) {
        if (pct_ref_pt <= 0) return 0;              /* resolved from the viewBox */
        if (parse_length(v, pct_ref_pt / PX_TO_PT, DEFAULT_FONT_SIZE, &px) != 0 ||
            px <= 0) {
            bad_value(r, line, "svg", name, v);
            return -1;
        }
    } else if (parse_length(v, 0, DEFAULT_FONT_SIZE, &px) != 0 || px <= 0) {
        bad_value(r, line, "svg", name, v);
        return -1;
    }
    *pt = px * PX_TO_PT;
    return 0;
}

/* preserveAspectRatio: "none" or x{Min,Mid,Max}Y{Min,Mid,Max} [meet].
 * ax, ay: 0 min, 1 mid, 2 max; -1 for none. */
static int parse_par(const char *v, int *ax, int *ay)
{
    static const char *const pos[3] = { "Min", "Mid", "Max" };
    const char *s;
    int i, j;
    *ax = *ay = 1;
    if (!v) return 0;
    s = skip_space(v);
    if (strncmp(s, "none", 4) == 0) {
        *ax = *ay = -1;
        s += 4;
    } else {
        if (strlen(s) < 8 || s[0] != 'x' || s[4] != 'Y') return -1;
        for (i = 0; i < 3 && strncmp(s + 1, pos[i], 3) != 0; i++) {}
        for (j = 0; j < 3 && strncmp(s + 5, pos[j], 3) != 0; j++) {}
        if (i == 3 || j == 3) return -1;
        *ax = i;
        *ay = j;
        s += 8;
    }
    s = skip_space(s);
    if (strncmp(s, "meet", 4) == 0) s += 4;
    return *skip_space(s) == 0 ? 0 : -1;
}

/* The user space → pt of the SVG box (w x h pt, at the origin). */
static mat viewbox_matrix(const double vb[4], int have_vb, int ax, int ay, double w,
                          double h)
{
    double sx, sy, tx, ty;
    if (!have_vb)
        return mat_make(PX_TO_PT, 0, 0, PX_TO_PT, 0, 0);
    sx = w / vb[2];
    sy = h / vb[3];
    tx = ty = 0;
    if (ax >= 0) {
        double s = sx < sy ? sx : sy;
        tx = (w - vb[2] * s) * ax / 2.0;
        ty = (h - vb[3] * s) * ay / 2.0;
        sx = sy = s;
    }
    return mat_make(sx, 0, 0, sy, tx - vb[0] * sx, ty - vb[1] * sy);
}

typedef struct svg_box {
    double w, h;               /* pt */
    int have_vb;
    double vb[4];
    int ax, ay;
} svg_box;

static int read_svg_box(svg_run *r, xmlNode *root, int line, double avail_w, svg_box *b)
{
    xmlChar *w = xmlGetNoNsProp(root, (const xmlChar *)"width");
    xmlChar *h = xmlGetNoNsProp(root, (const xmlChar *)"height");
    xmlChar *vb = xmlGetNoNsProp(root, (const xmlChar *)"viewBox");
    xmlChar *par = xmlGetNoNsProp(root, (const xmlChar *)"preserveAspectRatio");
    int rc = GR_OK;
    memset(b, 0, sizeof b[0]);
    if (vb) {
        const char *rest;
        if (number_list((const char *)vb, b->vb, 4, 0, &rest) != 4 || *rest ||
            !(b->vb[2] > 0) || !(b->vb[3] > 0))
            rc = bad_value(r, line, "svg", "viewBox", (const char *)vb);
        else
            b->have_vb = 1;
    }
    if (rc == GR_OK && parse_par((const char *)par, &b->ax, &b->ay) != 0)
        rc = gr_error(r->ctx, r->file, line, GR_TEXT(SVG_PRESERVEASPECTRATIO_SUPPORTED_SLICE_NEEDS), (const char *)par);
    if (rc == GR_OK &&
        (svg_size_attr(r, line, "width", (const char *)w, avail_w, &b->w) != 0 ||
         svg_size_attr(r, line, "height", (const char *)h, 0, &b->h) != 0))
        rc = GR_EINPUT;
    if (rc == GR_OK) {
        if (b->w > 0 && b->h > 0) {
            /* both given */
        } else if (b->have_vb && b->w > 0) {
            b->h = b->w * b->vb[3] / b->vb[2];
        } else if (b->have_vb && b->h > 0) {
            b->w = b->h * b->vb[2] / b->vb[3];
        } else if (b->have_vb) {
            b->w = b->vb[2] * PX_TO_PT;
            b->h = b->vb[3] * PX_TO_PT;
        } else {
            rc = gr_error(r->ctx, r->file, line, GR_TEXT(SVG_NEEDS_WIDTH_HEIGHT_VIEWBOX));
        }
    }
    xmlFree(w);
    xmlFree(h);
    xmlFree(vb);
    xmlFree(par);
    return rc;
}

static void initial_style(svg_style *st)
{
    memset(st, 0, sizeof *st);
    st->fill_none = 0;                       /* fill: black */
    st->stroke_none = 1;                     /* stroke: none */
    st->stroke_width = 1;
    st->font_family = DEFAULT_FONT_FAMILY;
    st->font_size = DEFAULT_FONT_SIZE;
    st->font_weight = 400;
    st->anchor = ANCHOR_START;
}

gr_graphic *gr_graphic_svg(gr_ctx *ctx, gr_doc *doc, gr_fontset *fs,
                           const gr_fo_tree *tree, const gr_fo_node *node,
                           double avail_w)
{
    xmlNode *root = node->foreign_xml;
    svg_run r;
    svg_box box;
    svg_style st;
    gr_fit fit;
    gr_graphic *g;
    mat m;
    int line, rc;
    memset(&r, 0, sizeof r);
    r.ctx = ctx;
    r.doc = doc;
    r.fs = fs;
    r.file = tree->path;
    if (!root || root->type != XML_ELEMENT_NODE || !root->ns || !root->ns->href ||
        strcmp((const char *)root->ns->href, SVG_NS) != 0 ||
        strcmp((const char *)root->name, "svg") != 0) {
        gr_error(ctx, tree->path, node->line, GR_TEXT(SVG_INSTREAM_FOREIGN_OBJECT_MUST),
                 SVG_NS);
        return NULL;
    }
    line = elem_line(root);
    if (read_svg_box(&r, root, line, avail_w, &box) != GR_OK)
        return NULL;
    if (gr_graphic_fit(ctx, tree, node, box.w, box.h, avail_w, "svg:svg", &fit) != GR_OK)
        return NULL;
    r.vp_w = box.have_vb ? box.vb[2] : box.w / PX_TO_PT;
    r.vp_h = box.have_vb ? box.vb[3] : box.h / PX_TO_PT;
    r.box_w = fit.vw;
    r.box_h = fit.vh;
    m = mat_mul(mat_make(fit.cw / box.w, 0, 0, fit.ch / box.h, fit.cx, fit.cy),
                viewbox_matrix(box.vb, box.have_vb, box.ax, box.ay, box.w, box.h));
    initial_style(&st);
    rc = do_element(&r, root, &st, m, 0);
    assert(r.npending == 0);                  /* every group flushed its own */
    free(r.pending);
    if (rc != GR_OK) {
        free(r.items);
        free(r.texts);
        return NULL;
    }
    g = gr_arena_alloc(doc->arena, sizeof *g);
    g->width = fit.vw;
    g->height = fit.vh;
    g->nitems = r.n;
    if (r.n > 0) {
        g->items = gr_arena_alloc(doc->arena, r.n * sizeof *g->items);
        memcpy(g->items, r.items, r.n * sizeof *g->items);
    }
    free(r.items);
    if (r.ntexts > 0) {
        g->texts = gr_arena_alloc(doc->arena, r.ntexts * sizeof *g->texts);
        memcpy(g->texts, r.texts, r.ntexts * sizeof *g->texts);
        g->ntexts = r.ntexts;
    }
    free(r.texts);
    return g;
}
