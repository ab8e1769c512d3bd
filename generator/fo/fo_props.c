/* fo_props.c — owns the FO property table of the subset: which properties
 * exist, how their values are parsed (lengths and units, colours,
 * keywords, 1–4 value shorthands, border shorthands, compound components
 * such as space-before.optimum or keep-together.within-page), inheritance
 * from the parent node and the computed values fo.h promises (indents from
 * margins, spaces from margins, border colours from color, line-height for
 * the node's own font-size, …). Every unknown property and invalid value is
 * reported with file:line, the element and the property.
 */
#include "fo_props.h"
#include "../util/msg.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Reasons: what a value should have looked like (zh, en).                 */

typedef struct why { const char *zh, *en; } why;

static const why W_LENGTH = { GR_TEXT(FO_VALUE_LENGTH) };
static const why W_LENGTH_PCT = { GR_TEXT(FO_VALUE_LENGTH_PCT) };
static const why W_PCT_NO = { GR_TEXT(FO_VALUE_PCT_NO) };
static const why W_NEGATIVE = { GR_TEXT(FO_VALUE_NEGATIVE) };
static const why W_POSITIVE = { GR_TEXT(FO_VALUE_POSITIVE) };
static const why W_TOO_LARGE = { GR_TEXT(FO_VALUE_TOO_LARGE) };
static const why W_TOO_LONG = { GR_TEXT(FO_VALUE_TOO_LONG) };
static const why W_EXPONENT = { GR_TEXT(FO_VALUE_EXPONENT) };
static const why W_UNIT = { GR_TEXT(FO_VALUE_UNIT) };
static const why W_COLOR = { GR_TEXT(FO_VALUE_COLOR) };
static const why W_COLOR_T = { GR_TEXT(FO_VALUE_COLOR_T) };
static const why W_INT = { GR_TEXT(FO_VALUE_INT) };
static const why W_INT_BIG = { GR_TEXT(FO_VALUE_INT_BIG) };
static const why W_KEEP = { GR_TEXT(FO_VALUE_KEEP) };
static const why W_NAME = { GR_TEXT(FO_VALUE_NAME) };
static const why W_NONEMPTY = { GR_TEXT(FO_VALUE_NONEMPTY) };
static const why W_FAMILY = { GR_TEXT(FO_VALUE_FAMILY) };
static const why W_WEIGHT = { GR_TEXT(FO_VALUE_WEIGHT) };
static const why W_FONT_SIZE = { GR_TEXT(FO_VALUE_FONT_SIZE) };
static const why W_LINE_HEIGHT = { GR_TEXT(FO_VALUE_LINE_HEIGHT) };
static const why W_BORDER = { GR_TEXT(FO_VALUE_BORDER) };
static const why W_BSTYLE = { GR_TEXT(FO_VALUE_BSTYLE) };
static const why W_BWIDTH = { GR_TEXT(FO_VALUE_BWIDTH) };
static const why W_1TO4 = { GR_TEXT(FO_VALUE_1TO4) };
static const why W_SPACE_COND = { GR_TEXT(FO_VALUE_SPACE_COND) };
static const why W_SPACE_PREC = { GR_TEXT(FO_VALUE_SPACE_PREC) };
static const why W_COLWIDTH = { GR_TEXT(FO_VALUE_COLWIDTH) };
static const why W_CONTENT_SIZE = { GR_TEXT(FO_VALUE_CONTENT_SIZE) };
static const why W_INDENT = { GR_TEXT(FO_VALUE_INDENT) };
static const why W_LISTFN = { GR_TEXT(FO_VALUE_LISTFN) };
static const why W_BASELINE = { GR_TEXT(FO_VALUE_BASELINE) };
static const why W_URI = { GR_TEXT(FO_VALUE_URI) };
static const why W_LINK_SCHEME = { GR_TEXT(FO_VALUE_LINK_SCHEME) };
static const why W_LANG = { GR_TEXT(FO_VALUE_LANG) };
static const why W_LEADER_USE = { GR_TEXT(FO_VALUE_LEADER_USE) };
static const why W_DECOR = { GR_TEXT(FO_VALUE_DECOR) };
static const why W_PAGE_SIZE = { GR_TEXT(FO_VALUE_PAGE_SIZE) };

/* A reason listing keywords, built from the property's keyword table. */
typedef struct kw { const char *name; int value; } kw;

/* ---------------------------------------------------------------------- */
/* Spans: trimmed views into attribute values.                            */

typedef struct span { const char *s; size_t n; } span;

static int is_xml_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static span span_trim(const char *s, size_t n)
{
    span r;
    while (n > 0 && is_xml_space((unsigned char)*s)) { s++; n--; }
    while (n > 0 && is_xml_space((unsigned char)s[n - 1])) n--;
    r.s = s;
    r.n = n;
    return r;
}

static int span_is(span v, const char *word)
{
    size_t n = strlen(word);
    return v.n == n && memcmp(v.s, word, n) == 0;
}

static int span_is_ci(span v, const char *word)
{
    size_t i, n = strlen(word);
    if (v.n != n) return 0;
    for (i = 0; i < n; i++) {
        int a = (unsigned char)v.s[i], b = (unsigned char)word[i];
        if (a >= 'A' && a <= 'Z') a += 32;
        if (a != b) return 0;
    }
    return 1;
}

static int span_has_space(span v)
{
    size_t i;
    for (i = 0; i < v.n; i++)
        if (is_xml_space((unsigned char)v.s[i])) return 1;
    return 0;
}

/* Split at XML whitespace, keeping "( … )" groups (rgb(1, 2, 3)) whole.
 * Returns the number of tokens (at most max; returns max+1 if more). */
static int span_tokens(span v, span *tok, int max)
{
    size_t i = 0;
    int n = 0;
    while (i < v.n) {
        size_t start;
        int depth = 0;
        while (i < v.n && is_xml_space((unsigned char)v.s[i])) i++;
        if (i >= v.n) break;
        start = i;
        while (i < v.n && (depth > 0 || !is_xml_space((unsigned char)v.s[i]))) {
            if (v.s[i] == '(') depth++;
            else if (v.s[i] == ')' && depth > 0) depth--;
            i++;
        }
        if (n >= max) return max + 1;
        tok[n].s = v.s + start;
        tok[n].n = i - start;
        n++;
    }
    return n;
}

static int kw_find(const kw *table, span v, int *out)
{
    for (; table->name; table++)
        if (span_is(v, table->name)) { *out = table->value; return 1; }
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Numbers and lengths.                                                   */

static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* [+-]? (digits [. digits*] | . digits). No exponent, no inf/nan. */
static int scan_number(const char **ps, const char *end, double *out)
{
    const char *s = *ps;
    int neg = 0, digits = 0;
    double v = 0, scale = 1;
    if (s < end && (*s == '+' || *s == '-')) { neg = *s == '-'; s++; }
    while (s < end && is_digit((unsigned char)*s)) {
        if (v < 1e15) v = v * 10 + (*s - '0');
        else v = 1e16;                       /* absurd: caught as too large */
        digits++;
        s++;
    }
    if (s < end && *s == '.') {
        s++;
        while (s < end && is_digit((unsigned char)*s)) {
            scale /= 10;
            if (scale > 1e-15) v += (*s - '0') * scale;
            digits++;
            s++;
        }
    }
    if (!digits) return 0;
    *out = neg ? -v : v;
    *ps = s;
    return 1;
}

/* A bare number filling the whole span. */
static int parse_plain_number(span v, double *out)
{
    const char *s = v.s, *end = v.s + v.n;
    return v.n > 0 && scan_number(&s, end, out) && s == end;
}

/* A non-negative integer filling the span (no sign, no fraction). */
static int parse_uint(span v, long *out)
{
    size_t i;
    long n = 0;
    if (v.n == 0) return 0;
    for (i = 0; i < v.n; i++) {
        if (!is_digit((unsigned char)v.s[i])) return 0;
        if (n < 100000000L) n = n * 10 + (v.s[i] - '0');
    }
    *out = n;
    return 1;
}

enum { LEN_NEG = 1, LEN_PCT = 2 };
typedef struct lenval { double v; int pct; } lenval;

/* Parse a length: number + unit (pt mm cm in pc px em), "0", or with
 * LEN_PCT a percentage. em is resolved against `em`. */
static const why *parse_length(span v, double em, int flags, lenval *out)
{
    static const struct { const char *u; double f; } units[] = {
        { "pt", 1.0 }, { "mm", 72.0 / 25.4 }, { "cm", 72.0 / 2.54 },
        { "in", 72.0 }, { "pc", 12.0 }, { "px", 0.75 }, { NULL, 0 }
    };
    const char *s = v.s, *end = v.s + v.n;
    double num;
    span unit;
    int i;
    if (!scan_number(&s, end, &num))
        return (flags & LEN_PCT) ? &W_LENGTH_PCT : &W_LENGTH;
    unit.s = s;
    unit.n = (size_t)(end - s);
    out->pct = 0;
    if (unit.n == 0) {
        if (num != 0) return &W_UNIT;
        out->v = 0;
    } else if (span_is(unit, "%")) {
        if (!(flags & LEN_PCT)) return &W_PCT_NO;
        out->pct = 1;
        out->v = num;
    } else if (span_is(unit, "em")) {
        out->v = num * em;
    } else {
        for (i = 0; units[i].u; i++)
            if (span_is(unit, units[i].u)) break;
        if (!units[i].u) {
            /* 1e9pt: the number stopped at the "e" */
            if ((unit.s[0] == 'e' || unit.s[0] == 'E') && unit.n > 1 &&
                (is_digit((unsigned char)unit.s[1]) || unit.s[1] == '+' || unit.s[1] == '-'))
                return &W_EXPONENT;
            return &W_UNIT;
        }
        out->v = num * units[i].f;
    }
    if (out->v < 0 && !(flags & LEN_NEG)) return &W_NEGATIVE;
    if (fabs(out->v) > (out->pct ? 100000.0 : GR_FO_MAX_LENGTH_PT))
        return out->pct ? &W_TOO_LARGE : &W_TOO_LONG;
    return NULL;
}

/* A length without percentages, in points. */
static const why *parse_pt(span v, double em, int flags, double *out)
{
    lenval l;
    const why *w = parse_length(v, em, flags & ~LEN_PCT, &l);
    if (!w) *out = l.v;
    return w;
}

/* ---------------------------------------------------------------------- */
/* Colours.                                                               */

static const struct { const char *name; unsigned rgb; } css_colors[] = {
    { "aqua", 0x00FFFF }, { "black", 0x000000 }, { "blue", 0x0000FF },
    { "fuchsia", 0xFF00FF }, { "gray", 0x808080 }, { "grey", 0x808080 },
    { "green", 0x008000 }, { "lime", 0x00FF00 }, { "maroon", 0x800000 },
    { "navy", 0x000080 }, { "olive", 0x808000 }, { "orange", 0xFFA500 },
    { "purple", 0x800080 }, { "red", 0xFF0000 }, { "silver", 0xC0C0C0 },
    { "teal", 0x008080 }, { "white", 0xFFFFFF }, { "yellow", 0xFFFF00 },
    { NULL, 0 }
};

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static gr_color rgb_of(unsigned rgb)
{
    gr_color c;
    c.r = ((rgb >> 16) & 255) / 255.0;
    c.g = ((rgb >> 8) & 255) / 255.0;
    c.b = (rgb & 255) / 255.0;
    return c;
}

static int parse_hex_color(span v, gr_color *out)
{
    unsigned rgb = 0;
    size_t i;
    if (v.n != 4 && v.n != 7) return 0;
    for (i = 1; i < v.n; i++)
        if (hexval((unsigned char)v.s[i]) < 0) return 0;
    if (v.n == 7) {
        for (i = 1; i < 7; i++) rgb = rgb * 16 + (unsigned)hexval((unsigned char)v.s[i]);
    } else {
        for (i = 1; i < 4; i++) rgb = rgb * 256 + (unsigned)hexval((unsigned char)v.s[i]) * 17;
    }
    *out = rgb_of(rgb);
    return 1;
}

/* rgb(r, g, b) with integers 0..255 or percentages. */
static int parse_rgb_func(span v, gr_color *out)
{
    const char *s, *end;
    double comp[3];
    int i;
    if (v.n < 5 || memcmp(v.s, "rgb(", 4) != 0 || v.s[v.n - 1] != ')') return 0;
    s = v.s + 4;
    end = v.s + v.n - 1;
    for (i = 0; i < 3; i++) {
        double x;
        while (s < end && is_xml_space((unsigned char)*s)) s++;
        if (!scan_number(&s, end, &x)) return 0;
        if (s < end && *s == '%') { x = x * 255.0 / 100.0; s++; }
        if (x < 0) x = 0;
        if (x > 255) x = 255;
        comp[i] = x / 255.0;
        while (s < end && is_xml_space((unsigned char)*s)) s++;
        if (i < 2) {
            if (s >= end || *s != ',') return 0;
            s++;
        }
    }
    if (s != end) return 0;
    out->r = comp[0];
    out->g = comp[1];
    out->b = comp[2];
    return 1;
}

static int parse_color(span v, gr_color *out)
{
    int i;
    if (v.n == 0) return 0;
    if (v.s[0] == '#') return parse_hex_color(v, out);
    if (parse_rgb_func(v, out)) return 1;
    for (i = 0; css_colors[i].name; i++)
        if (span_is_ci(v, css_colors[i].name)) { *out = rgb_of(css_colors[i].rgb); return 1; }
    return 0;
}

int gr_color_parse(const char *s, size_t n, gr_color *out)
{
    span v;
    while (n > 0 && is_xml_space((unsigned char)*s)) { s++; n--; }
    while (n > 0 && is_xml_space((unsigned char)s[n - 1])) n--;
    v.s = s;
    v.n = n;
    return parse_color(v, out);
}

/* ---------------------------------------------------------------------- */
/* The computation state of one node.                                     */

enum { KEEP_TOGETHER = 0, KEEP_NEXT, KEEP_PREV };
enum { KC_PAGE = 0, KC_COLUMN, KC_LINE };

typedef struct cstate {
    gr_fo_propctx *pc;
    gr_fo_type type;
    const gr_fo_node *parent;
    const gr_fo_props *pp;      /* the parent's properties (or initial) */
    gr_fo_props *p;             /* being computed */
    int errors;
    int has_start_indent, has_end_indent;
    int has_margin[4];
    int has_space[2];
    int has_border_color[4];
    int has_xml_lang;
    span language, country;
    int keep[3][3];
    int suppressed;             /* errors beyond MAX_REPORTS, not printed */
} cstate;

typedef struct prop_def prop_def;
typedef const why *(*prop_setter)(cstate *cs, const prop_def *d, const char *comp, span v);

enum { C_NONE = 0, C_SPACE, C_KEEP, C_RANGE };

struct prop_def {
    const char *name;
    prop_setter set;
    int arg;                    /* setter parameter (side, which, …) */
    unsigned char order;        /* application order: shorthands first */
    unsigned char comps;        /* C_*: which .components are accepted */
    unsigned long long applies; /* elements it has an effect on; 0: all */
};

/* Where non-inherited properties have an effect (bits of gr_fo_type). */
#define T(x) (1ull << GR_FO_##x)
#define A_ANY 0ull
#define A_INLINES (T(INLINE) | T(BASIC_LINK) | T(PAGE_NUMBER) | T(PAGE_NUMBER_CITATION) | \
                   T(PAGE_NUMBER_CITATION_LAST) | T(LEADER) | T(EXTERNAL_GRAPHIC) | \
                   T(INSTREAM_FOREIGN_OBJECT))
#define A_SPACE (T(BLOCK) | T(TABLE) | T(LIST_BLOCK) | T(LIST_ITEM))
#define A_BOX (A_SPACE | A_INLINES | T(TABLE_HEADER) | T(TABLE_FOOTER) | T(TABLE_BODY) | \
               T(TABLE_ROW) | T(TABLE_CELL) | T(TABLE_COLUMN) | T(REGION_BODY) | \
               T(REGION_BEFORE) | T(REGION_AFTER))
#define A_MARGIN (A_SPACE | T(SIMPLE_PAGE_MASTER) | T(REGION_BODY))
#define A_BREAK (A_SPACE | T(TABLE_ROW))
#define A_KEEPNP (A_BREAK | A_INLINES)
#define A_SIZE (T(TABLE) | T(TABLE_ROW) | T(TABLE_CELL) | T(EXTERNAL_GRAPHIC) | \
                T(INSTREAM_FOREIGN_OBJECT))
#define A_CONTENT (T(EXTERNAL_GRAPHIC) | T(INSTREAM_FOREIGN_OBJECT))
#define A_SRC T(EXTERNAL_GRAPHIC)
#define A_COLW T(TABLE_COLUMN)
#define A_COLNUM (T(TABLE_COLUMN) | T(TABLE_CELL))
#define A_SPAN_COLS (T(TABLE_COLUMN) | T(TABLE_CELL))
#define A_SPAN_ROWS T(TABLE_CELL)
#define A_TABLE T(TABLE)
#define A_DEST (T(BASIC_LINK) | T(BOOKMARK))
#define A_BSHIFT A_INLINES
#define A_REFID (T(PAGE_NUMBER_CITATION) | T(PAGE_NUMBER_CITATION_LAST))
#define A_STATE T(BOOKMARK)
#define A_SPM T(SIMPLE_PAGE_MASTER)
#define A_PSEQ T(PAGE_SEQUENCE)
#define A_FLOWNAME (T(FLOW) | T(STATIC_CONTENT))
#define A_REGION (T(REGION_BODY) | T(REGION_BEFORE) | T(REGION_AFTER))
#define A_REGION_SIDE (T(REGION_BEFORE) | T(REGION_AFTER))

/* em of this node (its own font-size, computed first). */
static double em_of(const cstate *cs) { return cs->p->font_size; }

static const char *store(cstate *cs, span v)
{
    return gr_arena_strndup(cs->pc->arena, v.s, v.n);
}

/* ---------------------------------------------------------------------- */
/* Setters: fonts, colour, lines.                                         */

static const why *set_font_size(cstate *cs, const prop_def *d, const char *comp, span v)
{
    static const struct { const char *k; double pt; } abs_sizes[] = {
        { "xx-small", 6.944 }, { "x-small", 8.333 }, { "small", 10.0 },
        { "medium", 12.0 }, { "large", 14.4 }, { "x-large", 17.28 },
        { "xx-large", 20.736 }, { NULL, 0 }
    };
    double parent = cs->pp->font_size;
    lenval l;
    const why *w;
    int i;
    for (i = 0; abs_sizes[i].k; i++)
        if (span_is(v, abs_sizes[i].k)) { cs->p->font_size = abs_sizes[i].pt; return NULL; }
    if (span_is(v, "smaller")) { cs->p->font_size = parent / 1.2; return NULL; }
    if (span_is(v, "larger")) { cs->p->font_size = parent * 1.2; return NULL; }
    w = parse_length(v, parent, LEN_PCT, &l);
    if (w == &W_LENGTH_PCT) return &W_FONT_SIZE;
    if (w) return w;
    if (l.pct) l.v = parent * l.v / 100.0;
    if (!(l.v > 0)) return &W_POSITIVE;
    if (l.v > 10000) return &W_TOO_LARGE;
    cs->p->font_size = l.v;
    return NULL;
}

/* font-family: comma-separated names, optionally quoted. Stored normalised:
 * names unquoted, separated by ", ". */
static const why *set_font_family(cstate *cs, const prop_def *d, const char *comp, span v)
{
    gr_buf b;
    size_t i = 0;
    int count = 0;
    const why *w = NULL;
    gr_buf_init(&b);
    while (i <= v.n && !w) {
        size_t start, stop;
        span item;
        while (i < v.n && is_xml_space((unsigned char)v.s[i])) i++;
        if (i < v.n && (v.s[i] == '"' || v.s[i] == '\'')) {
            char q = v.s[i++];
            start = i;
            while (i < v.n && v.s[i] != q) i++;
            if (i >= v.n) { w = &W_FAMILY; break; }
            stop = i++;
            while (i < v.n && is_xml_space((unsigned char)v.s[i])) i++;
            if (i < v.n && v.s[i] != ',') { w = &W_FAMILY; break; }
            item = span_trim(v.s + start, stop - start);
            if (memchr(item.s, ',', item.n)) { w = &W_FAMILY; break; }
        } else {
            start = i;
            while (i < v.n && v.s[i] != ',') {
                if (v.s[i] == '"' || v.s[i] == '\'') { w = &W_FAMILY; break; }
                i++;
            }
            item = span_trim(v.s + start, i - start);
        }
        if (w) break;
        if (item.n == 0) { w = &W_FAMILY; break; }
        if (count++) gr_buf_adds(&b, ", ");
        gr_buf_add(&b, item.s, item.n);
        if (i >= v.n) break;
        i++;                                    /* the comma */
        if (i >= v.n) { w = &W_FAMILY; break; } /* trailing comma */
    }
    if (!w && count == 0) w = &W_FAMILY;
    if (!w) {
        const char *s = gr_buf_cstr(&b);
        if (cs->pp->font_family && strcmp(cs->pp->font_family, s) == 0)
            cs->p->font_family = cs->pp->font_family;
        else
            cs->p->font_family = gr_arena_strndup(cs->pc->arena, s, b.len);
    }
    gr_buf_free(&b);
    return w;
}

static const why *set_font_weight(cstate *cs, const prop_def *d, const char *comp, span v)
{
    int pw = cs->pp->font_weight;
    long n;
    if (span_is(v, "normal")) cs->p->font_weight = 400;
    else if (span_is(v, "bold")) cs->p->font_weight = 700;
    else if (span_is(v, "bolder")) cs->p->font_weight = pw < 400 ? 400 : pw < 600 ? 700 : 900;
    else if (span_is(v, "lighter")) cs->p->font_weight = pw < 600 ? 100 : pw < 800 ? 400 : 700;
    else if (parse_uint(v, &n) && n >= 100 && n <= 900 && n % 100 == 0) cs->p->font_weight = (int)n;
    else return &W_WEIGHT;
    return NULL;
}

static const why *set_color(cstate *cs, const prop_def *d, const char *comp, span v)
{
    return parse_color(v, &cs->p->color) ? NULL : &W_COLOR;
}

static const why *set_background_color(cstate *cs, const prop_def *d, const char *comp, span v)
{
    if (span_is(v, "transparent")) { cs->p->has_background = 0; return NULL; }
    if (!parse_color(v, &cs->p->background)) return &W_COLOR_T;
    cs->p->has_background = 1;
    return NULL;
}

static const why *set_line_height(cstate *cs, const prop_def *d, const char *comp, span v)
{
    double num;
    lenval l;
    const why *w;
    if (span_is(v, "normal")) {
        cs->p->line_height_factor = 1.2;
        return NULL;
    }
    if (parse_plain_number(v, &num)) {
        if (num < 0) return &W_NEGATIVE;
        if (num > 100) return &W_TOO_LARGE;
        cs->p->line_height_factor = num;
        if (num == 0) {                 /* a zero factor is a fixed 0pt */
            cs->p->line_height = 0;
        }
        return NULL;
    }
    w = parse_length(v, em_of(cs), LEN_PCT, &l);
    if (w == &W_LENGTH_PCT) return &W_LINE_HEIGHT;
    if (w) return w;
    cs->p->line_height_factor = 0;
    cs->p->line_height = l.pct ? em_of(cs) * l.v / 100.0 : l.v;
    return NULL;
}

static const why *set_lang(cstate *cs, const prop_def *d, const char *comp, span v)
{
    size_t i;
    if (v.n == 0 || v.n > 35) return &W_LANG;
    for (i = 0; i < v.n; i++) {
        int c = (unsigned char)v.s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-'))
            return &W_LANG;
    }
    if (d->arg == 0) {              /* xml:lang */
        cs->has_xml_lang = 1;
        cs->p->lang = store(cs, v);
    } else if (d->arg == 1) {
        cs->language = v;
    } else {
        cs->country = v;
    }
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Setters: simple keywords and integers.                                 */

static const kw KW_TEXT_ALIGN[] = {
    { "start", GR_ALIGN_START }, { "center", GR_ALIGN_CENTER }, { "end", GR_ALIGN_END },
    { "justify", GR_ALIGN_JUSTIFY }, { "left", GR_ALIGN_START }, { "right", GR_ALIGN_END },
    { "inside", GR_ALIGN_START }, { "outside", GR_ALIGN_END }, { NULL, 0 }
};
static const kw KW_TEXT_ALIGN_LAST[] = {
    { "relative", GR_ALIGN_RELATIVE }, { "start", GR_ALIGN_START },
    { "center", GR_ALIGN_CENTER }, { "end", GR_ALIGN_END },
    { "justify", GR_ALIGN_JUSTIFY }, { "left", GR_ALIGN_START }, { "right", GR_ALIGN_END },
    { "inside", GR_ALIGN_START }, { "outside", GR_ALIGN_END }, { NULL, 0 }
};
static const kw KW_DISPLAY_ALIGN[] = {
    { "auto", GR_DALIGN_AUTO }, { "before", GR_DALIGN_BEFORE },
    { "center", GR_DALIGN_CENTER }, { "after", GR_DALIGN_AFTER }, { NULL, 0 }
};
static const kw KW_BORDER_COLLAPSE[] = {
    { "collapse", 1 }, { "separate", 0 }, { "collapse-with-precedence", 1 }, { NULL, 0 }
};
static const kw KW_LEADER_PATTERN[] = {
    { "space", GR_LEADER_SPACE }, { "dots", GR_LEADER_DOTS }, { "rule", GR_LEADER_RULE },
    { NULL, 0 }
};
static const kw KW_TABLE_LAYOUT[] = { { "auto", 0 }, { "fixed", 1 }, { NULL, 0 } };
static const kw KW_SCALING[] = { { "uniform", 1 }, { "non-uniform", 0 }, { NULL, 0 } };
static const kw KW_STARTING_STATE[] = { { "show", 0 }, { "hide", 1 }, { NULL, 0 } };

/* A keyword property: the table and the int field it sets. */
typedef struct kwprop { const kw *table; size_t offset; why w; } kwprop;

#define KWP(tab, field, list) \
    { tab, offsetof(gr_fo_props, field), { "應為 " list " 其中之一", "expected one of " list } }

static const kwprop KWPROPS[] = {
    KWP(KW_TEXT_ALIGN, text_align, "start, center, end, justify, left, right, inside, outside"),
    KWP(KW_TEXT_ALIGN_LAST, text_align_last,
        "relative, start, center, end, justify, left, right, inside, outside"),
    KWP(KW_DISPLAY_ALIGN, display_align, "auto, before, center, after"),
    KWP(KW_BORDER_COLLAPSE, border_collapse, "collapse, separate, collapse-with-precedence"),
    KWP(KW_LEADER_PATTERN, leader_pattern, "space, dots, rule"),
    KWP(KW_TABLE_LAYOUT, table_layout_fixed, "auto, fixed"),
    KWP(KW_SCALING, scaling_uniform, "uniform, non-uniform"),
    KWP(KW_STARTING_STATE, starting_state_hide, "show, hide"),
};
enum { KP_TEXT_ALIGN, KP_TEXT_ALIGN_LAST, KP_DISPLAY_ALIGN, KP_BORDER_COLLAPSE,
       KP_LEADER_PATTERN, KP_TABLE_LAYOUT, KP_SCALING, KP_STARTING_STATE };

static const why *set_keyword(cstate *cs, const prop_def *d, const char *comp, span v)
{
    const kwprop *k = &KWPROPS[d->arg];
    int value;
    if (d->arg == KP_LEADER_PATTERN && span_is(v, "use-content")) return &W_LEADER_USE;
    if (!kw_find(k->table, v, &value)) return &k->w;
    *(int *)((char *)cs->p + k->offset) = value;
    return NULL;
}

static const why *set_text_decoration(cstate *cs, const prop_def *d, const char *comp, span v)
{
    if (span_is(v, "underline")) cs->p->text_decoration_underline = 1;
    else if (span_is(v, "none") || span_is(v, "no-underline")) cs->p->text_decoration_underline = 0;
    else return &W_DECOR;
    return NULL;
}

/* Integers >= 1: orphans, widows, spans, repeats, column-number. */
typedef struct intprop { size_t offset; long max; } intprop;
static const intprop INTPROPS[] = {
    { offsetof(gr_fo_props, orphans), 999 },
    { offsetof(gr_fo_props, widows), 999 },
    { offsetof(gr_fo_props, number_columns_spanned), GR_FO_MAX_SPAN },
    { offsetof(gr_fo_props, number_rows_spanned), GR_FO_MAX_SPAN },
    { offsetof(gr_fo_props, number_columns_repeated), GR_FO_MAX_SPAN },
    { offsetof(gr_fo_props, column_number), GR_FO_MAX_SPAN },
};

static const why *set_int(cstate *cs, const prop_def *d, const char *comp, span v)
{
    long n;
    if (!parse_uint(v, &n) || n < 1) return &W_INT;
    if (n > INTPROPS[d->arg].max) return &W_INT_BIG;
    *(int *)((char *)cs->p + INTPROPS[d->arg].offset) = (int)n;
    return NULL;
}

static const why *set_break(cstate *cs, const prop_def *d, const char *comp, span v)
{
    static const why w = { GR_TEXT(FO_VALUE_BREAK) };
    int *field = d->arg ? &cs->p->break_after : &cs->p->break_before;
    if (span_is(v, "auto")) *field = GR_BREAK_AUTO;
    else if (span_is(v, "page") || span_is(v, "column")) *field = GR_BREAK_PAGE;
    else if (span_is(v, "even-page") || span_is(v, "odd-page")) {
        *field = GR_BREAK_PAGE;
        gr_warn(cs->pc->ctx, cs->pc->file, cs->pc->line, GR_TEXT(FO_PROP_PROPERTY_VALUE_TREATED_PAGE),
                gr_fo_type_name(cs->type), d->name, (int)v.n, v.s);
    } else return &w;
    return NULL;
}

/* Names and strings. arg: offset of the const char* field; the flag in
 * `order`-independent table below says whether spaces are allowed. */
typedef struct strprop { size_t offset; int name; } strprop;
static const strprop STRPROPS[] = {
    { offsetof(gr_fo_props, id), 1 },
    { offsetof(gr_fo_props, internal_destination), 1 },
    { offsetof(gr_fo_props, ref_id), 1 },
    { offsetof(gr_fo_props, master_name), 1 },
    { offsetof(gr_fo_props, master_reference), 1 },
    { offsetof(gr_fo_props, flow_name), 1 },
    { offsetof(gr_fo_props, region_name), 1 },
    { offsetof(gr_fo_props, continued), 0 },
    { offsetof(gr_fo_props, column_set), 1 },
};

static const why *set_string(cstate *cs, const prop_def *d, const char *comp, span v)
{
    const strprop *sp = &STRPROPS[d->arg];
    if (v.n == 0) return sp->name ? &W_NAME : &W_NONEMPTY;
    if (sp->name && span_has_space(v)) return &W_NAME;
    *(const char **)((char *)cs->p + sp->offset) = store(cs, v);
    return NULL;
}

/* url(...) with optional quotes, or a plain URI/path. */
static int strip_uri(span v, span *out)
{
    if (v.n >= 5 && memcmp(v.s, "url(", 4) == 0) {
        if (v.s[v.n - 1] != ')') return 0;
        v = span_trim(v.s + 4, v.n - 5);
    }
    if (v.n >= 2 && (v.s[0] == '"' || v.s[0] == '\'')) {
        if (v.s[v.n - 1] != v.s[0]) return 0;
        v = span_trim(v.s + 1, v.n - 2);
    }
    if (v.n == 0) return 0;
    *out = v;
    return 1;
}

/* Link targets a reader can follow safely: http, https, mailto (scheme
 * case-insensitive, followed by something). Everything else — javascript:,
 * file:, data:, relative paths — would be an action or a local file. */
static int link_scheme_allowed(span u)
{
    static const char *const ok[] = { "http://", "https://", "mailto:" };
    size_t i, k;
    for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        size_t n = strlen(ok[i]);
        if (u.n <= n) continue;
        for (k = 0; k < n; k++)
            if ((u.s[k] | 0x20) != ok[i][k] && u.s[k] != ok[i][k]) break;
        if (k == n) return 1;
    }
    return 0;
}

static const why *set_uri(cstate *cs, const prop_def *d, const char *comp, span v)
{
    span u;
    if (!strip_uri(v, &u)) return &W_URI;
    if (d->arg && !link_scheme_allowed(u)) return &W_LINK_SCHEME;
    if (d->arg) cs->p->external_destination = store(cs, u);
    else cs->p->src = store(cs, u);
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Setters: lengths.                                                      */

/* Plain non-negative point lengths (arg = offset of the double). */
static const size_t PTPROPS[] = {
    offsetof(gr_fo_props, rule_thickness),
    offsetof(gr_fo_props, provisional_distance_between_starts),
    offsetof(gr_fo_props, provisional_label_separation),
    offsetof(gr_fo_props, extent),
};

static const why *set_pt(cstate *cs, const prop_def *d, const char *comp, span v)
{
    return parse_pt(v, em_of(cs), 0, (double *)((char *)cs->p + PTPROPS[d->arg]));
}

static const why *set_text_indent(cstate *cs, const prop_def *d, const char *comp, span v)
{
    return parse_pt(v, em_of(cs), LEN_NEG, &cs->p->text_indent);
}

static const gr_fo_node *ancestor_list_block(const cstate *cs)
{
    const gr_fo_node *n;
    cs->pc->used_ancestors = 1;
    for (n = cs->parent; n; n = n->parent)
        if (n->type == GR_FO_LIST_BLOCK) return n;
    return NULL;
}

static int is_fn(span v, const char *name)
{
    /* "name()" with optional spaces inside the parentheses */
    size_t n = strlen(name);
    span inner;
    if (v.n < n + 2 || memcmp(v.s, name, n) != 0 || v.s[n] != '(' || v.s[v.n - 1] != ')')
        return 0;
    inner = span_trim(v.s + n + 1, v.n - n - 2);
    return inner.n == 0;
}

/* start-indent (arg 0) / end-indent (arg 1). */
static const why *set_indent(cstate *cs, const prop_def *d, const char *comp, span v)
{
    const gr_fo_node *lb;
    if (is_fn(v, "body-start") || is_fn(v, "label-end")) {
        lb = ancestor_list_block(cs);
        if (!lb) return &W_LISTFN;
        if (is_fn(v, "body-start")) {
            double x = lb->p->start_indent + lb->p->provisional_distance_between_starts;
            if (d->arg) { cs->p->end_indent = x; cs->p->end_indent_plus_width = 0; }
            else cs->p->start_indent = x;
        } else {
            double x = lb->p->start_indent + lb->p->provisional_distance_between_starts
                       - lb->p->provisional_label_separation;
            if (d->arg) { cs->p->end_indent = -x; cs->p->end_indent_plus_width = 1; }
            else return &W_INDENT;      /* label-end() as a start-indent: meaningless */
        }
    } else {
        double x;
        const why *w = parse_pt(v, em_of(cs), LEN_NEG, &x);
        if (w == &W_LENGTH) return &W_INDENT;
        if (w) return w;
        if (d->arg) { cs->p->end_indent = x; cs->p->end_indent_plus_width = 0; }
        else cs->p->start_indent = x;
    }
    if (d->arg) cs->has_end_indent = 1;
    else cs->has_start_indent = 1;
    return NULL;
}

/* width, height, content-width, content-height (arg 0..3). */
static const why *set_size(cstate *cs, const prop_def *d, const char *comp, span v)
{
    gr_len *field;
    int *fit = NULL;
    lenval l;
    const why *w;
    switch (d->arg) {
    case 0: field = &cs->p->width; break;
    case 1: field = &cs->p->height; break;
    case 2: field = &cs->p->content_width; fit = &cs->p->content_width_fit; break;
    default: field = &cs->p->content_height; fit = &cs->p->content_height_fit; break;
    }
    if (span_is(v, "auto")) {
        field->unit = GR_LEN_AUTO;
        field->v = 0;
        if (fit) *fit = GR_FIT_NONE;
        return NULL;
    }
    if (fit) {
        if (span_is(v, "scale-to-fit")) { *fit = GR_FIT_SCALE; field->unit = GR_LEN_AUTO; return NULL; }
        if (span_is(v, "scale-down-to-fit")) { *fit = GR_FIT_DOWN; field->unit = GR_LEN_AUTO; return NULL; }
        if (span_is(v, "scale-up-to-fit")) { *fit = GR_FIT_UP; field->unit = GR_LEN_AUTO; return NULL; }
    }
    w = parse_length(v, em_of(cs), LEN_PCT, &l);
    if (w == &W_LENGTH_PCT) return fit ? &W_CONTENT_SIZE : w;
    if (w) return w;
    field->unit = l.pct ? GR_LEN_PCT : GR_LEN_PT;
    field->v = l.v;
    if (fit) *fit = GR_FIT_NONE;
    return NULL;
}

static const why *set_column_width(cstate *cs, const prop_def *d, const char *comp, span v)
{
    static const char fn[] = "proportional-column-width(";
    size_t n = sizeof fn - 1;
    lenval l;
    const why *w;
    if (span_is(v, "auto")) {
        cs->p->column_width.unit = GR_LEN_AUTO;
        cs->p->column_width.v = 0;
        return NULL;
    }
    if (v.n > n && memcmp(v.s, fn, n) == 0) {
        double x;
        span inner;
        if (v.s[v.n - 1] != ')') return &W_COLWIDTH;
        inner = span_trim(v.s + n, v.n - n - 1);
        if (!parse_plain_number(inner, &x)) return &W_COLWIDTH;
        if (!(x > 0)) return &W_POSITIVE;
        if (x > 1e6) return &W_TOO_LARGE;
        cs->p->column_width.unit = GR_LEN_PROP;
        cs->p->column_width.v = x;
        return NULL;
    }
    w = parse_length(v, em_of(cs), LEN_PCT, &l);
    if (w == &W_LENGTH_PCT) return &W_COLWIDTH;
    if (w) return w;
    cs->p->column_width.unit = l.pct ? GR_LEN_PCT : GR_LEN_PT;
    cs->p->column_width.v = l.v;
    return NULL;
}

static const why *set_baseline_shift(cstate *cs, const prop_def *d, const char *comp, span v)
{
    lenval l;
    const why *w;
    if (span_is(v, "baseline")) {
        cs->p->baseline_shift = 0;
        cs->p->baseline_shift_super = 0;
        return NULL;
    }
    if (span_is(v, "super")) {
        cs->p->baseline_shift = 0.33 * em_of(cs);
        cs->p->baseline_shift_super = 1;
        return NULL;
    }
    if (span_is(v, "sub")) {
        cs->p->baseline_shift = -0.2 * em_of(cs);
        cs->p->baseline_shift_super = -1;
        return NULL;
    }
    w = parse_length(v, em_of(cs), LEN_PCT | LEN_NEG, &l);
    if (w == &W_LENGTH_PCT) return &W_BASELINE;
    if (w) return w;
    /* a percentage refers to the line-height (resolved after line-height,
       which is computed in an earlier stage) */
    cs->p->baseline_shift = l.pct ? cs->p->line_height * l.v / 100.0 : l.v;
    cs->p->baseline_shift_super = 0;
    return NULL;
}

static const why *set_page_size(cstate *cs, const prop_def *d, const char *comp, span v)
{
    double x;
    const why *w;
    if (span_is(v, "auto")) x = d->arg ? 841.89 : 595.276;
    else {
        w = parse_pt(v, em_of(cs), 0, &x);
        if (w == &W_LENGTH) return &W_PAGE_SIZE;
        if (w) return w;
        if (!(x > 0)) return &W_POSITIVE;
    }
    if (d->arg) cs->p->page_height = x;
    else cs->p->page_width = x;
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Setters: compound values (space, keep, leader-length).                 */

static const why *set_space(cstate *cs, const prop_def *d, const char *comp, span v)
{
    gr_space *sp = d->arg ? &cs->p->space_after : &cs->p->space_before;
    double x;
    const why *w;
    cs->has_space[d->arg] = 1;
    if (!comp) {
        w = parse_pt(v, em_of(cs), LEN_NEG, &x);
        if (w) return w;
        sp->min = sp->opt = sp->max = x;
        sp->retain = 0;
        sp->force = 0;
        sp->precedence = 0;
        return NULL;
    }
    if (strcmp(comp, "conditionality") == 0) {
        if (span_is(v, "discard")) sp->retain = 0;
        else if (span_is(v, "retain")) sp->retain = 1;
        else return &W_SPACE_COND;
        return NULL;
    }
    if (strcmp(comp, "precedence") == 0) {
        double n;
        if (span_is(v, "force")) { sp->force = 1; return NULL; }
        if (!parse_plain_number(v, &n) || n != floor(n)) return &W_SPACE_PREC;
        if (fabs(n) > 1e6) return &W_TOO_LARGE;
        sp->force = 0;
        sp->precedence = (int)n;
        return NULL;
    }
    w = parse_pt(v, em_of(cs), LEN_NEG, &x);
    if (w) return w;
    if (strcmp(comp, "minimum") == 0) sp->min = x;
    else if (strcmp(comp, "optimum") == 0) sp->opt = x;
    else sp->max = x;
    return NULL;
}

static const why *parse_keep(span v, int *out)
{
    long n;
    if (span_is(v, "auto")) *out = GR_KEEP_AUTO;
    else if (span_is(v, "always")) *out = GR_KEEP_ALWAYS;
    else if (parse_uint(v, &n) && n >= 1) *out = n > 999 ? 999 : (int)n;
    else return &W_KEEP;
    return NULL;
}

static const why *set_keep(cstate *cs, const prop_def *d, const char *comp, span v)
{
    int k, i;
    const why *w = parse_keep(v, &k);
    if (w) return w;
    if (!comp) {
        for (i = 0; i < 3; i++) cs->keep[d->arg][i] = k;
    } else if (strcmp(comp, "within-page") == 0) {
        cs->keep[d->arg][KC_PAGE] = k;
    } else if (strcmp(comp, "within-column") == 0) {
        cs->keep[d->arg][KC_COLUMN] = k;
    } else {
        cs->keep[d->arg][KC_LINE] = k;
    }
    return NULL;
}

static const why *set_leader_length(cstate *cs, const prop_def *d, const char *comp, span v)
{
    lenval l;
    double pt, pct;
    const why *w = parse_length(v, em_of(cs), LEN_PCT, &l);
    if (w) return w;
    pt = l.pct ? 0 : l.v;
    pct = l.pct ? l.v : 0;
    if (!comp || strcmp(comp, "minimum") == 0) {
        cs->p->leader_length_min = pt;
        cs->p->leader_length_min_pct = pct;
    }
    if (!comp || strcmp(comp, "optimum") == 0) {
        cs->p->leader_length_opt = pt;
        cs->p->leader_length_opt_pct = pct;
    }
    if (!comp || strcmp(comp, "maximum") == 0) {
        cs->p->leader_length_max = pt;
        cs->p->leader_length_max_pct = pct;
    }
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Setters: margins, padding, borders.                                    */

/* CSS order of 1–4 values (top right bottom left) as sides. */
static const int CSS_SIDES[4] = { GR_BEFORE, GR_END, GR_AFTER, GR_START };

/* Spread n values (1..4) over the four sides, CSS style: out[side] = index. */
static void spread(int n, int idx[4])
{
    /* top right bottom left */
    static const int map[5][4] = {
        { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 1, 0, 1 }, { 0, 1, 2, 1 }, { 0, 1, 2, 3 }
    };
    int i;
    for (i = 0; i < 4; i++) idx[CSS_SIDES[i]] = map[n][i];
}

static const why *margin_value(cstate *cs, span v, double *out)
{
    if (span_is(v, "auto")) { *out = 0; return NULL; }
    return parse_pt(v, em_of(cs), LEN_NEG, out);
}

/* margin shorthand (arg -1) or one side (arg = side). */
static const why *set_margin(cstate *cs, const prop_def *d, const char *comp, span v)
{
    span tok[5];
    double val[4];
    int n, i, idx[4];
    const why *w;
    if (d->arg >= 0) {
        w = margin_value(cs, v, &val[0]);
        if (w) return w;
        cs->p->margin[d->arg] = val[0];
        cs->has_margin[d->arg] = 1;
        return NULL;
    }
    n = span_tokens(v, tok, 4);
    if (n < 1 || n > 4) return &W_1TO4;
    for (i = 0; i < n; i++)
        if ((w = margin_value(cs, tok[i], &val[i])) != NULL) return w;
    spread(n, idx);
    for (i = 0; i < 4; i++) {
        cs->p->margin[i] = val[idx[i]];
        cs->has_margin[i] = 1;
    }
    return NULL;
}

static const why *set_padding(cstate *cs, const prop_def *d, const char *comp, span v)
{
    span tok[5];
    double val[4];
    int n, i, idx[4];
    const why *w;
    if (d->arg >= 0)
        return parse_pt(v, em_of(cs), 0, &cs->p->padding[d->arg]);
    n = span_tokens(v, tok, 4);
    if (n < 1 || n > 4) return &W_1TO4;
    for (i = 0; i < n; i++)
        if ((w = parse_pt(tok[i], em_of(cs), 0, &val[i])) != NULL) return w;
    spread(n, idx);
    for (i = 0; i < 4; i++) cs->p->padding[i] = val[idx[i]];
    return NULL;
}

static const why *parse_border_width(cstate *cs, span v, double *out)
{
    const why *w;
    if (span_is(v, "thin")) *out = 0.5;
    else if (span_is(v, "medium")) *out = 1.0;
    else if (span_is(v, "thick")) *out = 2.0;
    else {
        w = parse_pt(v, em_of(cs), 0, out);
        if (w == &W_LENGTH) return &W_BWIDTH;
        return w;
    }
    return NULL;
}

static int is_border_style_word(span v)
{
    static const char *const words[] = { "none", "hidden", "solid", "dotted", "dashed",
                                         "double", "groove", "ridge", "inset", "outset", NULL };
    int i;
    for (i = 0; words[i]; i++)
        if (span_is(v, words[i])) return 1;
    return 0;
}

static const why *parse_border_style(span v, int *out)
{
    if (span_is(v, "none") || span_is(v, "hidden")) *out = 0;
    else if (span_is(v, "solid")) *out = 1;
    else return &W_BSTYLE;
    return NULL;
}

/* Which part of a border a value is for. */
enum { BP_ALL = 0, BP_WIDTH, BP_STYLE, BP_COLOR };

static const why *apply_border_part(cstate *cs, int side, int part, span v)
{
    gr_border *b = &cs->p->border[side];
    switch (part) {
    case BP_WIDTH: return parse_border_width(cs, v, &b->width);
    case BP_STYLE: return parse_border_style(v, &b->style);
    default:
        if (!parse_color(v, &b->color)) return &W_COLOR;
        cs->has_border_color[side] = 1;
        return NULL;
    }
}

/* "0.5pt solid black" in any order, each part optional; omitted parts go
 * back to their initial values (medium, none, the color property). */
static const why *apply_border_shorthand(cstate *cs, int side, span v)
{
    span tok[4];
    gr_border nb;
    int n, i, have_w = 0, have_s = 0, have_c = 0;
    const why *w;
    memset(&nb, 0, sizeof nb);      /* padding too: property sets are compared bytewise */
    n = span_tokens(v, tok, 3);
    if (n < 1 || n > 3) return &W_BORDER;
    nb.width = 1.0;
    nb.style = 0;
    nb.color = cs->p->color;
    for (i = 0; i < n; i++) {
        if (is_border_style_word(tok[i])) {
            if (have_s++) return &W_BORDER;
            if ((w = parse_border_style(tok[i], &nb.style)) != NULL) return w;
        } else if (span_is(tok[i], "thin") || span_is(tok[i], "medium") ||
                   span_is(tok[i], "thick") || (tok[i].n && (is_digit((unsigned char)tok[i].s[0]) ||
                   tok[i].s[0] == '.' || tok[i].s[0] == '-' || tok[i].s[0] == '+'))) {
            if (have_w++) return &W_BORDER;
            if ((w = parse_border_width(cs, tok[i], &nb.width)) != NULL) return w;
        } else {
            if (have_c++) return &W_BORDER;
            if (!parse_color(tok[i], &nb.color)) return &W_COLOR;
        }
    }
    cs->p->border[side] = nb;
    cs->has_border_color[side] = have_c;
    return NULL;
}

/* border (arg -1, all sides) or border-<side> (arg = side). */
static const why *set_border(cstate *cs, const prop_def *d, const char *comp, span v)
{
    int side;
    const why *w;
    if (d->arg >= 0) return apply_border_shorthand(cs, d->arg, v);
    for (side = 0; side < 4; side++)
        if ((w = apply_border_shorthand(cs, side, v)) != NULL) return w;
    return NULL;
}

/* border-width / -style / -color with 1–4 values (arg = BP_*). */
static const why *set_border_multi(cstate *cs, const prop_def *d, const char *comp, span v)
{
    span tok[5];
    int n, i, idx[4];
    const why *w;
    n = span_tokens(v, tok, 4);
    if (n < 1 || n > 4) return &W_1TO4;
    spread(n, idx);
    for (i = 0; i < 4; i++)
        if ((w = apply_border_part(cs, i, d->arg, tok[idx[i]])) != NULL) return w;
    return NULL;
}

/* border-<side>-width/-style/-color: arg = side * 4 + part. */
static const why *set_border_side_part(cstate *cs, const prop_def *d, const char *comp, span v)
{
    return apply_border_part(cs, d->arg / 4, d->arg % 4, v);
}

/* ---------------------------------------------------------------------- */
/* The property table (sorted by name: bsearch).                          */

#define SIDE_PART(side, part) ((side) * 4 + (part))

static const prop_def PROPS[] = {
    { "background-color", set_background_color, 0, 9, C_NONE, A_BOX },
    { "baseline-shift", set_baseline_shift, 0, 9, C_NONE, A_BSHIFT },
    { "border", set_border, -1, 2, C_NONE, A_BOX },
    { "border-after", set_border, GR_AFTER, 5, C_NONE, A_BOX },
    { "border-after-color", set_border_side_part, SIDE_PART(GR_AFTER, BP_COLOR), 7, C_NONE, A_BOX },
    { "border-after-style", set_border_side_part, SIDE_PART(GR_AFTER, BP_STYLE), 7, C_NONE, A_BOX },
    { "border-after-width", set_border_side_part, SIDE_PART(GR_AFTER, BP_WIDTH), 7, C_NONE, A_BOX },
    { "border-before", set_border, GR_BEFORE, 5, C_NONE, A_BOX },
    { "border-before-color", set_border_side_part, SIDE_PART(GR_BEFORE, BP_COLOR), 7, C_NONE, A_BOX },
    { "border-before-style", set_border_side_part, SIDE_PART(GR_BEFORE, BP_STYLE), 7, C_NONE, A_BOX },
    { "border-before-width", set_border_side_part, SIDE_PART(GR_BEFORE, BP_WIDTH), 7, C_NONE, A_BOX },
    { "border-bottom", set_border, GR_AFTER, 4, C_NONE, A_BOX },
    { "border-bottom-color", set_border_side_part, SIDE_PART(GR_AFTER, BP_COLOR), 6, C_NONE, A_BOX },
    { "border-bottom-style", set_border_side_part, SIDE_PART(GR_AFTER, BP_STYLE), 6, C_NONE, A_BOX },
    { "border-bottom-width", set_border_side_part, SIDE_PART(GR_AFTER, BP_WIDTH), 6, C_NONE, A_BOX },
    { "border-collapse", set_keyword, KP_BORDER_COLLAPSE, 9, C_NONE, A_ANY },
    { "border-color", set_border_multi, BP_COLOR, 3, C_NONE, A_BOX },
    { "border-end", set_border, GR_END, 5, C_NONE, A_BOX },
    { "border-end-color", set_border_side_part, SIDE_PART(GR_END, BP_COLOR), 7, C_NONE, A_BOX },
    { "border-end-style", set_border_side_part, SIDE_PART(GR_END, BP_STYLE), 7, C_NONE, A_BOX },
    { "border-end-width", set_border_side_part, SIDE_PART(GR_END, BP_WIDTH), 7, C_NONE, A_BOX },
    { "border-left", set_border, GR_START, 4, C_NONE, A_BOX },
    { "border-left-color", set_border_side_part, SIDE_PART(GR_START, BP_COLOR), 6, C_NONE, A_BOX },
    { "border-left-style", set_border_side_part, SIDE_PART(GR_START, BP_STYLE), 6, C_NONE, A_BOX },
    { "border-left-width", set_border_side_part, SIDE_PART(GR_START, BP_WIDTH), 6, C_NONE, A_BOX },
    { "border-right", set_border, GR_END, 4, C_NONE, A_BOX },
    { "border-right-color", set_border_side_part, SIDE_PART(GR_END, BP_COLOR), 6, C_NONE, A_BOX },
    { "border-right-style", set_border_side_part, SIDE_PART(GR_END, BP_STYLE), 6, C_NONE, A_BOX },
    { "border-right-width", set_border_side_part, SIDE_PART(GR_END, BP_WIDTH), 6, C_NONE, A_BOX },
    { "border-start", set_border, GR_START, 5, C_NONE, A_BOX },
    { "border-start-color", set_border_side_part, SIDE_PART(GR_START, BP_COLOR), 7, C_NONE, A_BOX },
    { "border-start-style", set_border_side_part, SIDE_PART(GR_START, BP_STYLE), 7, C_NONE, A_BOX },
    { "border-start-width", set_border_side_part, SIDE_PART(GR_START, BP_WIDTH), 7, C_NONE, A_BOX },
    { "border-style", set_border_multi, BP_STYLE, 3, C_NONE, A_BOX },
    { "border-top", set_border, GR_BEFORE, 4, C_NONE, A_BOX },
    { "border-top-color", set_border_side_part, SIDE_PART(GR_BEFORE, BP_COLOR), 6, C_NONE, A_BOX },
    { "border-top-style", set_border_side_part, SIDE_PART(GR_BEFORE, BP_STYLE), 6, C_NONE, A_BOX },
    { "border-top-width", set_border_side_part, SIDE_PART(GR_BEFORE, BP_WIDTH), 6, C_NONE, A_BOX },
    { "border-width", set_border_multi, BP_WIDTH, 3, C_NONE, A_BOX },
    { "break-after", set_break, 1, 9, C_NONE, A_BREAK },
    { "break-before", set_break, 0, 9, C_NONE, A_BREAK },
    { "color", set_color, 0, 1, C_NONE, A_ANY },
    { "column-number", set_int, 5, 9, C_NONE, A_COLNUM },
    { "column-width", set_column_width, 0, 9, C_NONE, A_COLW },
    { "content-height", set_size, 3, 9, C_NONE, A_CONTENT },
    { "content-width", set_size, 2, 9, C_NONE, A_CONTENT },
    { "country", set_lang, 2, 1, C_NONE, A_ANY },
    { "display-align", set_keyword, KP_DISPLAY_ALIGN, 9, C_NONE, A_ANY },
    { "end-indent", set_indent, 1, 9, C_NONE, A_ANY },
    { "extent", set_pt, 3, 9, C_NONE, A_REGION_SIDE },
    { "external-destination", set_uri, 1, 9, C_NONE, A_DEST },
    { "flow-name", set_string, 5, 9, C_NONE, A_FLOWNAME },
    { "font-family", set_font_family, 0, 1, C_NONE, A_ANY },
    { "font-size", set_font_size, 0, 0, C_NONE, A_ANY },
    { "font-weight", set_font_weight, 0, 1, C_NONE, A_ANY },
    { "gr:column-set", set_string, 8, 9, C_NONE, T(TABLE) },
    { "gr:continued", set_string, 7, 9, C_NONE, T(TABLE_CELL) },
    { "height", set_size, 1, 9, C_NONE, A_SIZE },
    { "id", set_string, 0, 9, C_NONE, A_ANY },
    { "internal-destination", set_string, 1, 9, C_NONE, A_DEST },
    { "keep-together", set_keep, KEEP_TOGETHER, 2, C_KEEP, A_ANY },
    { "keep-with-next", set_keep, KEEP_NEXT, 2, C_KEEP, A_KEEPNP },
    { "keep-with-previous", set_keep, KEEP_PREV, 2, C_KEEP, A_KEEPNP },
    { "language", set_lang, 1, 1, C_NONE, A_ANY },
    { "leader-length", set_leader_length, 0, 2, C_RANGE, A_ANY },
    { "leader-pattern", set_keyword, KP_LEADER_PATTERN, 9, C_NONE, A_ANY },
    { "line-height", set_line_height, 0, 1, C_NONE, A_ANY },
    { "margin", set_margin, -1, 2, C_NONE, A_MARGIN },
    { "margin-bottom", set_margin, GR_AFTER, 3, C_NONE, A_MARGIN },
    { "margin-left", set_margin, GR_START, 3, C_NONE, A_MARGIN },
    { "margin-right", set_margin, GR_END, 3, C_NONE, A_MARGIN },
    { "margin-top", set_margin, GR_BEFORE, 3, C_NONE, A_MARGIN },
    { "master-name", set_string, 3, 9, C_NONE, A_SPM },
    { "master-reference", set_string, 4, 9, C_NONE, A_PSEQ },
    { "number-columns-repeated", set_int, 4, 9, C_NONE, A_COLW },
    { "number-columns-spanned", set_int, 2, 9, C_NONE, A_SPAN_COLS },
    { "number-rows-spanned", set_int, 3, 9, C_NONE, A_SPAN_ROWS },
    { "orphans", set_int, 0, 9, C_NONE, A_ANY },
    { "padding", set_padding, -1, 2, C_NONE, A_BOX },
    { "padding-after", set_padding, GR_AFTER, 4, C_NONE, A_BOX },
    { "padding-before", set_padding, GR_BEFORE, 4, C_NONE, A_BOX },
    { "padding-bottom", set_padding, GR_AFTER, 3, C_NONE, A_BOX },
    { "padding-end", set_padding, GR_END, 4, C_NONE, A_BOX },
    { "padding-left", set_padding, GR_START, 3, C_NONE, A_BOX },
    { "padding-right", set_padding, GR_END, 3, C_NONE, A_BOX },
    { "padding-start", set_padding, GR_START, 4, C_NONE, A_BOX },
    { "padding-top", set_padding, GR_BEFORE, 3, C_NONE, A_BOX },
    { "page-height", set_page_size, 1, 9, C_NONE, A_SPM },
    { "page-width", set_page_size, 0, 9, C_NONE, A_SPM },
    { "provisional-distance-between-starts", set_pt, 1, 9, C_NONE, A_ANY },
    { "provisional-label-separation", set_pt, 2, 9, C_NONE, A_ANY },
    { "ref-id", set_string, 2, 9, C_NONE, A_REFID },
    { "region-name", set_string, 6, 9, C_NONE, A_REGION },
    { "rule-thickness", set_pt, 0, 9, C_NONE, A_ANY },
    { "scaling", set_keyword, KP_SCALING, 9, C_NONE, A_CONTENT },
    { "space-after", set_space, 1, 2, C_SPACE, A_SPACE },
    { "space-before", set_space, 0, 2, C_SPACE, A_SPACE },
    { "src", set_uri, 0, 9, C_NONE, A_SRC },
    { "start-indent", set_indent, 0, 9, C_NONE, A_ANY },
    { "starting-state", set_keyword, KP_STARTING_STATE, 9, C_NONE, A_STATE },
    { "table-layout", set_keyword, KP_TABLE_LAYOUT, 9, C_NONE, A_TABLE },
    { "text-align", set_keyword, KP_TEXT_ALIGN, 9, C_NONE, A_ANY },
    { "text-align-last", set_keyword, KP_TEXT_ALIGN_LAST, 9, C_NONE, A_ANY },
    { "text-decoration", set_text_decoration, 0, 9, C_NONE, A_ANY },
    { "text-indent", set_text_indent, 0, 9, C_NONE, A_ANY },
    { "widows", set_int, 1, 9, C_NONE, A_ANY },
    { "width", set_size, 0, 9, C_NONE, A_SIZE },
    { "xml:lang", set_lang, 0, 1, C_NONE, A_ANY },
};
#define NPROPS (sizeof PROPS / sizeof PROPS[0])
#define MAX_ORDER 9

static const char *const COMP_NAMES[][6] = {
    [C_NONE] = { NULL },
    [C_SPACE] = { "minimum", "optimum", "maximum", "conditionality", "precedence", NULL },
    [C_KEEP] = { "within-page", "within-column", "within-line", NULL },
    [C_RANGE] = { "minimum", "optimum", "maximum", NULL },
};

/* Find a property by name; *comp receives the component after '.', if any
 * (pointing into name). NULL when unknown (or the component is). */
static const prop_def *prop_lookup(const char *name, const char **comp)
{
    const char *dot = strchr(name, '.');
    size_t n = dot ? (size_t)(dot - name) : strlen(name);
    size_t lo = 0, hi = NPROPS;
    *comp = NULL;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(PROPS[mid].name, name, n);
        if (c == 0 && PROPS[mid].name[n] != 0) c = 1;
        if (c == 0) {
            const prop_def *d = &PROPS[mid];
            int i;
            if (!dot) return d;
            for (i = 0; COMP_NAMES[d->comps][i]; i++)
                if (strcmp(COMP_NAMES[d->comps][i], dot + 1) == 0) {
                    *comp = dot + 1;
                    return d;
                }
            return NULL;
        }
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

int gr_fo_prop_known(const char *name)
{
    const char *comp;
    return prop_lookup(name, &comp) != NULL;
}

int gr_fo_props_selfcheck(void)
{
    size_t i;
    for (i = 1; i < NPROPS; i++)
        if (strcmp(PROPS[i - 1].name, PROPS[i].name) >= 0) return 0;
    return 1;
}

/* ---------------------------------------------------------------------- */
/* Initial values and inheritance.                                        */

void gr_fo_props_initial(gr_fo_props *p)
{
    int i;
    memset(p, 0, sizeof *p);
    p->font_family = "serif";
    p->font_size = 12.0;
    p->font_weight = 400;
    p->line_height_factor = 1.2;
    p->line_height = 1.2 * 12.0;
    p->text_align = GR_ALIGN_START;
    p->text_align_last = GR_ALIGN_RELATIVE;
    p->orphans = 2;
    p->widows = 2;
    p->border_collapse = 1;
    p->display_align = GR_DALIGN_AUTO;
    p->leader_pattern = GR_LEADER_SPACE;
    p->leader_length_min = 0;
    p->leader_length_opt = 12.0;
    p->leader_length_max = 0;
    p->leader_length_max_pct = 100.0;
    p->rule_thickness = 1.0;
    p->provisional_distance_between_starts = 24.0;
    p->provisional_label_separation = 6.0;
    for (i = 0; i < 4; i++) p->border[i].width = 1.0;   /* medium; style none */
    p->scaling_uniform = 1;
    p->number_columns_spanned = 1;
    p->number_rows_spanned = 1;
    p->number_columns_repeated = 1;
    p->page_width = 595.276;
    p->page_height = 841.89;
}

/* Copy the inherited properties of the parent, initial values for the rest. */
static void inherit(gr_fo_props *p, const gr_fo_props *parent)
{
    gr_fo_props_initial(p);
    p->font_family = parent->font_family;
    p->font_size = parent->font_size;
    p->font_weight = parent->font_weight;
    p->color = parent->color;
    p->line_height = parent->line_height;
    p->line_height_factor = parent->line_height_factor;
    p->text_align = parent->text_align;
    p->text_align_last = parent->text_align_last;
    p->text_indent = parent->text_indent;
    p->start_indent = parent->start_indent;
    p->end_indent = parent->end_indent;
    p->end_indent_plus_width = parent->end_indent_plus_width;
    p->lang = parent->lang;
    p->orphans = parent->orphans;
    p->widows = parent->widows;
    p->border_collapse = parent->border_collapse;
    p->display_align = parent->display_align;
    p->leader_pattern = parent->leader_pattern;
    p->leader_length_min = parent->leader_length_min;
    p->leader_length_opt = parent->leader_length_opt;
    p->leader_length_max = parent->leader_length_max;
    p->leader_length_min_pct = parent->leader_length_min_pct;
    p->leader_length_opt_pct = parent->leader_length_opt_pct;
    p->leader_length_max_pct = parent->leader_length_max_pct;
    p->rule_thickness = parent->rule_thickness;
    p->provisional_distance_between_starts = parent->provisional_distance_between_starts;
    p->provisional_label_separation = parent->provisional_label_separation;
    p->text_decoration_underline = parent->text_decoration_underline;
    p->keep_together = parent->keep_together;
    p->keep_together_within_line = parent->keep_together_within_line;
}

/* Nodes whose content starts a new reference area for indents: their
 * inherited start/end-indent is 0 (see docs/fo-subset.md). */
static int resets_indents(gr_fo_type t)
{
    return t == GR_FO_TABLE_CELL || t == GR_FO_FOOTNOTE_BODY ||
           t == GR_FO_REGION_BODY || t == GR_FO_REGION_BEFORE ||
           t == GR_FO_REGION_AFTER || t == GR_FO_SIMPLE_PAGE_MASTER;
}

/* Block-level nodes whose margins, padding and borders make their indents
 * and spaces (XSL 5.3.2). */
static int uses_margins(gr_fo_type t)
{
    return t == GR_FO_BLOCK || t == GR_FO_TABLE || t == GR_FO_LIST_BLOCK ||
           t == GR_FO_LIST_ITEM;
}

/* ---------------------------------------------------------------------- */
/* Reporting.                                                             */

/* Print at most this many bytes of a value in a message (cut at a UTF-8
 * boundary), so that hostile values do not flood the terminal. */
#define SHOW_MAX 60

static int shown_len(span v)
{
    size_t n = v.n;
    if (n <= SHOW_MAX) return (int)n;
    n = SHOW_MAX;
    while (n > 0 && ((unsigned char)v.s[n] & 0xC0) == 0x80) n--;
    return (int)n;
}

/* At most this many messages per element; the rest are summed up. */
#define MAX_REPORTS 20

static int over_limit(cstate *cs)
{
    cs->errors++;
    if (cs->errors <= MAX_REPORTS) return 0;
    cs->suppressed++;
    return 1;
}

static void report_value(cstate *cs, const char *prop, span v, const why *w)
{
    int n = shown_len(v);
    if (over_limit(cs)) return;
    gr_error(cs->pc->ctx, cs->pc->file, cs->pc->line, GR_TEXT(FO_PROP_PROPERTY_INVALID_VALUE),
             gr_fo_type_name(cs->type), prop, n, v.s, (size_t)n < v.n ? "…" : "",
             w->zh, w->en);
}

static void report_unknown(cstate *cs, const char *prop)
{
    size_t len = strlen(prop);
    int n = len > SHOW_MAX ? SHOW_MAX : (int)len;
    if (over_limit(cs)) return;
    gr_error(cs->pc->ctx, cs->pc->file, cs->pc->line, GR_TEXT(FO_PROP_UNKNOWN_UNSUPPORTED_PROPERTY_SEE),
             gr_fo_type_name(cs->type), n, prop);
}

/* ---------------------------------------------------------------------- */
/* Computed values after all attributes are applied.                      */

static void finish_line_height(cstate *cs)
{
    gr_fo_props *p = cs->p;
    if (p->line_height_factor > 0)
        p->line_height = p->line_height_factor * p->font_size;
}

static void finish_lang(cstate *cs)
{
    if (cs->has_xml_lang || !cs->language.s) return;
    if (span_is(cs->language, "none")) { cs->p->lang = NULL; return; }
    if (cs->country.s && !span_is(cs->country, "none")) {
        size_t n = cs->language.n + 1 + cs->country.n;
        char *s = gr_arena_alloc(cs->pc->arena, n + 1);
        memcpy(s, cs->language.s, cs->language.n);
        s[cs->language.n] = '-';
        memcpy(s + cs->language.n + 1, cs->country.s, cs->country.n);
        s[n] = 0;
        cs->p->lang = s;
    } else {
        cs->p->lang = store(cs, cs->language);
    }
}

static void finish_borders(cstate *cs)
{
    int i;
    for (i = 0; i < 4; i++) {
        gr_border *b = &cs->p->border[i];
        if (!cs->has_border_color[i]) b->color = cs->p->color;
        if (b->style == 0) b->width = 0;
    }
}

static void fix_space(gr_space *s)
{
    if (s->min > s->opt) s->min = s->opt;
    if (s->max < s->opt) s->max = s->opt;
}

static void finish_spaces(cstate *cs)
{
    static const int side[2] = { GR_BEFORE, GR_AFTER };
    int i;
    for (i = 0; i < 2; i++) {
        gr_space *sp = i ? &cs->p->space_after : &cs->p->space_before;
        if (!cs->has_space[i] && cs->has_margin[side[i]] && uses_margins(cs->type)) {
            /* XSL 5.3.2: margin-top/bottom become a retained, forcing space */
            double m = cs->p->margin[side[i]];
            sp->min = sp->opt = sp->max = m;
            sp->retain = 1;
            sp->force = 1;
        }
        fix_space(sp);
    }
}

static void finish_indents(cstate *cs)
{
    gr_fo_props *p = cs->p;
    if (!uses_margins(cs->type)) return;
    /* XSL 5.3.2 (applied whether or not a margin is given, see the docs):
       indent = inherited indent + margin + padding + border width */
    if (!cs->has_start_indent)
        p->start_indent += p->margin[GR_START] + p->padding[GR_START] + p->border[GR_START].width;
    if (!cs->has_end_indent)
        p->end_indent += p->margin[GR_END] + p->padding[GR_END] + p->border[GR_END].width;
}

static void finish_keeps(cstate *cs)
{
    gr_fo_props *p = cs->p;
    int (*k)[3] = cs->keep;
    p->keep_together = k[KEEP_TOGETHER][KC_PAGE] > k[KEEP_TOGETHER][KC_COLUMN]
                       ? k[KEEP_TOGETHER][KC_PAGE] : k[KEEP_TOGETHER][KC_COLUMN];
    p->keep_together_within_line = k[KEEP_TOGETHER][KC_LINE];
    p->keep_with_next = k[KEEP_NEXT][KC_PAGE] > k[KEEP_NEXT][KC_COLUMN]
                        ? k[KEEP_NEXT][KC_PAGE] : k[KEEP_NEXT][KC_COLUMN];
    p->keep_with_previous = k[KEEP_PREV][KC_PAGE] > k[KEEP_PREV][KC_COLUMN]
                            ? k[KEEP_PREV][KC_PAGE] : k[KEEP_PREV][KC_COLUMN];
}

static void finish_leader(cstate *cs)
{
    gr_fo_props *p = cs->p;
    /* length-range: minimum <= optimum <= maximum (when all in points) */
    if (!p->leader_length_min_pct && !p->leader_length_opt_pct &&
        p->leader_length_min > p->leader_length_opt)
        p->leader_length_min = p->leader_length_opt;
    if (!p->leader_length_max_pct && !p->leader_length_opt_pct &&
        p->leader_length_max < p->leader_length_opt)
        p->leader_length_max = p->leader_length_opt;
}

static void finish_region_name(cstate *cs)
{
    if (cs->p->region_name) return;
    if (cs->type == GR_FO_REGION_BODY) cs->p->region_name = "xsl-region-body";
    else if (cs->type == GR_FO_REGION_BEFORE) cs->p->region_name = "xsl-region-before";
    else if (cs->type == GR_FO_REGION_AFTER) cs->p->region_name = "xsl-region-after";
}

/* ---------------------------------------------------------------------- */
/* Entry point.                                                           */

typedef struct resolved { const prop_def *def; const char *comp; } resolved;

int gr_fo_props_compute(gr_fo_propctx *pc, gr_fo_type type,
                        const gr_fo_node *parent,
                        const gr_fo_attr *attrs, size_t nattrs,
                        gr_fo_props *out)
{
    cstate cs;
    gr_fo_props initial;
    resolved local[32], *res = nattrs <= 32 ? local : gr_malloc(nattrs * sizeof *res);
    size_t i;
    int order;

    memset(&cs, 0, sizeof cs);
    cs.pc = pc;
    cs.type = type;
    cs.parent = parent;
    cs.p = out;
    if (parent) {
        cs.pp = parent->p;
        inherit(out, parent->p);
    } else {
        gr_fo_props_initial(&initial);
        cs.pp = &initial;
        *out = initial;
    }
    if (resets_indents(type)) {
        out->start_indent = out->end_indent = 0;
        out->end_indent_plus_width = 0;
    }
    cs.keep[KEEP_TOGETHER][KC_PAGE] = out->keep_together;
    cs.keep[KEEP_TOGETHER][KC_COLUMN] = out->keep_together;
    cs.keep[KEEP_TOGETHER][KC_LINE] = out->keep_together_within_line;

    for (i = 0; i < nattrs; i++) {
        res[i].def = prop_lookup(attrs[i].name, &res[i].comp);
        if (!res[i].def) report_unknown(&cs, attrs[i].name);
        else if (res[i].def->applies && !(res[i].def->applies & (1ull << type)))
            gr_warn(pc->ctx, pc->file, pc->line, GR_TEXT(FO_PROP_PROPERTY_HAS_EFFECT_ELEMENT),
                    gr_fo_type_name(type), attrs[i].name);
    }
    for (order = 0; order <= MAX_ORDER; order++) {
        for (i = 0; i < nattrs; i++) {
            const prop_def *d = res[i].def;
            const why *w;
            span v;
            if (!d || d->order + (res[i].comp ? 1 : 0) != order) continue;
            v = span_trim(attrs[i].value, strlen(attrs[i].value));
            w = d->set(&cs, d, res[i].comp, v);
            if (w) report_value(&cs, attrs[i].name, v, w);
        }
        if (order == 1)                 /* font-size and line-height known */
            finish_line_height(&cs);
    }
    if (cs.suppressed)
        gr_error(pc->ctx, pc->file, pc->line, GR_TEXT(FO_PROP_MORE_PROPERTY_ERRORS_SHOWN), gr_fo_type_name(type), cs.suppressed);
    finish_lang(&cs);
    finish_borders(&cs);
    finish_spaces(&cs);
    finish_indents(&cs);
    finish_keeps(&cs);
    finish_leader(&cs);
    finish_region_name(&cs);
    if (res != local) free(res);
    return cs.errors;
}
