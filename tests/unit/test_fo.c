/* test_fo.c — unit tests of the FO parser (generator/fo): computed
 * properties (inheritance, shorthands, units, indents from margins, space
 * components, colours, column widths, keeps), text whitespace handling
 * (including the CJK line-break rule), every error case (each returns NULL
 * with ctx->nerrors > 0; two messages are checked for their line number),
 * and a little fuzzing (truncated documents, byte flips, deep nesting, huge
 * attribute values, invalid UTF-8): nothing may crash.
 * Build from the source tree root:
 *   cc -std=c11 -D_POSIX_C_SOURCE=200809L $(pkg-config --cflags libxml-2.0) \
 *      tests/unit/test_fo.c generator/fo/fo_parse.c generator/fo/fo_props.c \
 *      generator/util/[a-z]*.c $(pkg-config --libs libxml-2.0) -lm -o build/test_fo
 * Prints "N passed, M failed"; exits 1 on any failure.
 */
#include "../../generator/fo/fo.h"
#include "../../generator/fo/fo_props.h"

#include <libxml/tree.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static int near(double a, double b) { return fabs(a - b) < 0.01; }

#define CHECK_NEAR(got, want, what) \
    CHECK(near((got), (want)), "%s: got %.4f, want %.4f", (what), (double)(got), (double)(want))

/* ---- fixtures ---------------------------------------------------------- */

static const char HEAD[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                         /* 1 */
    "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\">\n"           /* 2 */
    "<fo:layout-master-set>\n"                                             /* 3 */
    "<fo:simple-page-master master-name=\"A4\" page-width=\"210mm\" "
    "page-height=\"297mm\" margin=\"2cm\">\n"                              /* 4 */
    "<fo:region-body margin-top=\"1cm\"/><fo:region-after extent=\"1cm\"/>\n" /* 5 */
    "</fo:simple-page-master>\n"                                           /* 6 */
    "</fo:layout-master-set>\n"                                            /* 7 */
    "<fo:page-sequence master-reference=\"A4\">\n"                         /* 8 */
    "<fo:flow flow-name=\"xsl-region-body\">\n";                           /* 9 */
/* the body starts on line 10 */
static const char TAIL[] = "\n</fo:flow>\n</fo:page-sequence>\n</fo:root>\n";

static char *wrap(const char *body)
{
    size_t n = strlen(HEAD) + strlen(body) + strlen(TAIL) + 1;
    char *s = malloc(n);
    snprintf(s, n, "%s%s%s", HEAD, body, TAIL);
    return s;
}

/* A context whose messages go to a temporary file (read with messages()). */
typedef struct quiet { gr_ctx ctx; FILE *f; } quiet;

static void quiet_init(quiet *q)
{
    gr_ctx_init(&q->ctx);
    q->f = tmpfile();
    q->ctx.err_stream = q->f;
}

static char *messages(quiet *q)
{
    long n;
    char *s;
    fflush(q->f);
    n = ftell(q->f);
    s = calloc(1, (size_t)n + 1);
    rewind(q->f);
    if (n > 0 && fread(s, 1, (size_t)n, q->f) != (size_t)n) s[0] = 0;
    fseek(q->f, 0, SEEK_END);
    return s;
}

static void quiet_done(quiet *q) { fclose(q->f); }

static gr_fo_tree *parse_doc(gr_ctx *ctx, const char *doc)
{
    return gr_fo_parse_memory(ctx, "t.fo", doc, strlen(doc));
}

static gr_fo_tree *parse_body(gr_ctx *ctx, const char *body)
{
    char *doc = wrap(body);
    gr_fo_tree *t = parse_doc(ctx, doc);
    free(doc);
    return t;
}

/* Parse a body that must be valid; report its messages if it is not. */
static gr_fo_tree *good(const char *body)
{
    quiet q;
    gr_fo_tree *t;
    quiet_init(&q);
    t = parse_body(&q.ctx, body);
    if (!t || q.ctx.nerrors) {
        char *m = messages(&q);
        CHECK(0, "valid fixture refused: %s", m);
        free(m);
    } else {
        npass++;
    }
    quiet_done(&q);
    return t;
}

static gr_fo_node *by_id(gr_fo_tree *t, const char *id)
{
    static gr_fo_node dummy;
    static gr_fo_props dummy_props;
    gr_fo_node *n = t ? gr_fo_find_id(t, id) : NULL;
    if (!n) {
        CHECK(0, "no node with id %s", id);
        gr_fo_props_initial(&dummy_props);
        dummy.p = &dummy_props;
        return &dummy;
    }
    return n;
}

/* The text under a node; nested block-level nodes as "|". */
static void text_of_(const gr_fo_node *n, char *out, size_t cap)
{
    const gr_fo_node *c;
    for (c = n->first; c; c = c->next) {
        size_t len = strlen(out);
        if (c->type == GR_FO_TEXT) {
            snprintf(out + len, cap - len, "%s", c->text);
        } else if (c->type == GR_FO_BLOCK || c->type == GR_FO_TABLE ||
                   c->type == GR_FO_LIST_BLOCK) {
            snprintf(out + len, cap - len, "|");
            text_of_(c, out, cap);
            len = strlen(out);
            snprintf(out + len, cap - len, "|");
        } else if (c->type == GR_FO_PAGE_NUMBER) {
            snprintf(out + len, cap - len, "#");
        } else {
            text_of_(c, out, cap);
        }
    }
}

static const char *text_of(const gr_fo_node *n)
{
    static char buf[4096];
    buf[0] = 0;
    text_of_(n, buf, sizeof buf);
    return buf;
}

#define CHECK_TEXT(node, want) do { \
        const char *got_ = text_of(node); \
        CHECK(strcmp(got_, (want)) == 0, "text: got [%s], want [%s]", got_, (want)); \
    } while (0)

static int color_is(gr_color c, double r, double g, double b)
{
    return near(c.r, r) && near(c.g, g) && near(c.b, b);
}

/* ---- computed properties ---------------------------------------------- */

static void test_inheritance(void)
{
    gr_fo_tree *t = good(
        "<fo:block id=\"b1\" font-family=\"TW-Kai, 'Liberation Serif', &quot;A B&quot;\" "
        "font-size=\"14pt\" color=\"#ff0000\" text-align=\"justify\" font-weight=\"bold\">"
        "<fo:inline id=\"i1\" font-size=\"50%\" font-weight=\"lighter\">x</fo:inline>"
        "<fo:block id=\"b2\" font-size=\"1.5em\" line-height=\"1.5\" space-before=\"3pt\">y"
        "<fo:block id=\"b3\" font-size=\"larger\">z</fo:block></fo:block>"
        "<fo:block id=\"b4\" font-size=\"10pt\" line-height=\"150%\">"
        "<fo:block id=\"b5\" font-size=\"20pt\">w</fo:block></fo:block>"
        "<fo:block id=\"b6\" font-size=\"x-large\" line-height=\"2em\" font-weight=\"300\">v</fo:block>"
        "</fo:block>"
        "<fo:block id=\"d\">default</fo:block>");
    gr_fo_node *b1 = by_id(t, "b1"), *i1 = by_id(t, "i1"), *b2 = by_id(t, "b2"),
               *b3 = by_id(t, "b3"), *b5 = by_id(t, "b5"), *b6 = by_id(t, "b6"),
               *d = by_id(t, "d");
    CHECK(strcmp(b1->p->font_family, "TW-Kai, Liberation Serif, A B") == 0,
          "font-family normalised: [%s]", b1->p->font_family);
    CHECK(strcmp(d->p->font_family, "serif") == 0, "default family serif: [%s]", d->p->font_family);
    CHECK_NEAR(d->p->font_size, 12, "default font-size");
    CHECK_NEAR(d->p->line_height, 14.4, "default line-height 1.2");
    CHECK(d->p->font_weight == 400 && d->p->orphans == 2 && d->p->widows == 2,
          "default weight/orphans/widows");
    CHECK(d->p->lang == NULL, "lang unset");
    CHECK_NEAR(i1->p->font_size, 7, "font-size 50% of parent");
    CHECK(i1->p->font_weight == 400, "lighter from bold: %d", i1->p->font_weight);
    CHECK(color_is(i1->p->color, 1, 0, 0), "color inherited");
    CHECK(i1->p->text_align == GR_ALIGN_JUSTIFY, "text-align inherited");
    CHECK(b2->p->font_weight == 700, "bold inherited");
    CHECK_NEAR(b2->p->font_size, 21, "font-size 1.5em of parent");
    CHECK_NEAR(b2->p->line_height, 31.5, "line-height factor x own size");
    CHECK_NEAR(b3->p->font_size, 25.2, "larger");
    CHECK_NEAR(b3->p->line_height, 37.8, "line-height factor inherited, recomputed");
    CHECK_NEAR(b3->p->space_before.opt, 0, "space-before not inherited");
    CHECK_NEAR(b5->p->line_height, 15, "percentage line-height inherited as length");
    CHECK_NEAR(b6->p->font_size, 17.28, "x-large");
    CHECK_NEAR(b6->p->line_height, 34.56, "line-height 2em of own size");
    CHECK(b6->p->font_weight == 300, "numeric weight");
    gr_fo_tree_free(t);
}

static void test_units(void)
{
    gr_fo_tree *t = good(
        "<fo:block id=\"u1\" font-size=\"10pt\" text-indent=\"2em\" space-before=\"1in\" "
        "space-after=\"2.54cm\" padding-top=\"25.4mm\" padding-bottom=\"6pc\" "
        "padding-left=\"96px\" padding-right=\"0\">x</fo:block>"
        "<fo:block id=\"u2\" font-size=\"16px\" text-indent=\"-1.5em\" start-indent=\".5in\">y</fo:block>");
    gr_fo_node *u1 = by_id(t, "u1"), *u2 = by_id(t, "u2");
    CHECK_NEAR(u1->p->text_indent, 20, "2em at 10pt");
    CHECK_NEAR(u1->p->space_before.opt, 72, "1in");
    CHECK_NEAR(u1->p->space_after.opt, 72, "2.54cm");
    CHECK_NEAR(u1->p->padding[GR_BEFORE], 72, "25.4mm");
    CHECK_NEAR(u1->p->padding[GR_AFTER], 72, "6pc");
    CHECK_NEAR(u1->p->padding[GR_START], 72, "96px");
    CHECK_NEAR(u1->p->padding[GR_END], 0, "unitless 0");
    CHECK_NEAR(u2->p->font_size, 12, "16px");
    CHECK_NEAR(u2->p->text_indent, -18, "negative text-indent");
    CHECK_NEAR(u2->p->start_indent, 36, "start-indent .5in");
    gr_fo_tree_free(t);
}

static void test_borders_padding(void)
{
    gr_fo_tree *t = good(
        "<fo:block id=\"a\" border=\"0.5pt solid black\">a</fo:block>"
        "<fo:block id=\"b\" border=\"1pt solid\" border-top-width=\"2pt\" "
        "border-start=\"3pt solid red\" color=\"blue\">b</fo:block>"
        "<fo:block id=\"c\" border-style=\"solid\" border-width=\"1pt 2pt 3pt 4pt\" "
        "border-color=\"red green\">c</fo:block>"
        "<fo:block id=\"d\" border-width=\"2pt\">d</fo:block>"
        "<fo:block id=\"e\" border-before=\"thick solid rgb(0, 0, 255)\" "
        "border-top=\"thin solid\" border-after-style=\"solid\">e</fo:block>"
        "<fo:block id=\"p1\" padding=\"1mm 2mm\">p</fo:block>"
        "<fo:block id=\"p2\" padding=\"1pt 2pt 3pt\" padding-left=\"9pt\">p</fo:block>"
        "<fo:block id=\"p3\" padding=\"1pt 2pt 3pt 4pt\" padding-start=\"7pt\">p</fo:block>");
    gr_fo_node *a = by_id(t, "a"), *b = by_id(t, "b"), *c = by_id(t, "c"),
               *d = by_id(t, "d"), *e = by_id(t, "e"), *p1 = by_id(t, "p1"),
               *p2 = by_id(t, "p2"), *p3 = by_id(t, "p3");
    int i, ok = 1;
    for (i = 0; i < 4; i++)
        ok &= near(a->p->border[i].width, 0.5) && a->p->border[i].style == 1 &&
              color_is(a->p->border[i].color, 0, 0, 0);
    CHECK(ok, "border shorthand on all sides");
    CHECK_NEAR(b->p->border[GR_BEFORE].width, 2, "border-top-width over border");
    CHECK_NEAR(b->p->border[GR_AFTER].width, 1, "border after");
    CHECK(color_is(b->p->border[GR_AFTER].color, 0, 0, 1), "border colour defaults to color");
    CHECK_NEAR(b->p->border[GR_START].width, 3, "border-start");
    CHECK(color_is(b->p->border[GR_START].color, 1, 0, 0), "border-start colour");
    CHECK(near(c->p->border[GR_BEFORE].width, 1) && near(c->p->border[GR_END].width, 2) &&
          near(c->p->border[GR_AFTER].width, 3) && near(c->p->border[GR_START].width, 4),
          "border-width 4 values: %g %g %g %g", c->p->border[0].width, c->p->border[1].width,
          c->p->border[2].width, c->p->border[3].width);
    CHECK(color_is(c->p->border[GR_BEFORE].color, 1, 0, 0) &&
          color_is(c->p->border[GR_END].color, 0, 0.502, 0) &&
          color_is(c->p->border[GR_AFTER].color, 1, 0, 0) &&
          color_is(c->p->border[GR_START].color, 0, 0.502, 0), "border-color 2 values");
    CHECK(near(d->p->border[GR_BEFORE].width, 0) && d->p->border[GR_BEFORE].style == 0,
          "width without style is 0");
    CHECK_NEAR(e->p->border[GR_BEFORE].width, 2, "border-before (relative) beats border-top");
    CHECK(color_is(e->p->border[GR_BEFORE].color, 0, 0, 1), "rgb() in border shorthand");
    CHECK(near(e->p->border[GR_AFTER].width, 1) && e->p->border[GR_AFTER].style == 1,
          "border-after-style alone: medium width");
    CHECK(near(p1->p->padding[GR_BEFORE], 2.835) && near(p1->p->padding[GR_AFTER], 2.835) &&
          near(p1->p->padding[GR_START], 5.669) && near(p1->p->padding[GR_END], 5.669),
          "padding 2 values");
    CHECK(near(p2->p->padding[GR_BEFORE], 1) && near(p2->p->padding[GR_END], 2) &&
          near(p2->p->padding[GR_AFTER], 3) && near(p2->p->padding[GR_START], 9),
          "padding 3 values + padding-left");
    CHECK(near(p3->p->padding[GR_START], 7) && near(p3->p->padding[GR_END], 2),
          "padding-start over padding");
    gr_fo_tree_free(t);
}

static void test_indents_spaces(void)
{
    gr_fo_tree *t = good(
        "<fo:block id=\"m1\" margin-left=\"1cm\" margin-right=\"5pt\" padding-left=\"2pt\" "
        "border-start=\"1pt solid\">"
        "<fo:block id=\"m2\" margin-left=\"10pt\">x</fo:block>"
        "<fo:block id=\"m3\" start-indent=\"3pt\" margin-left=\"50pt\">y</fo:block>"
        "<fo:block id=\"m4\">z</fo:block>"
        "</fo:block>"
        "<fo:block id=\"m5\" margin=\"6pt 4pt\">m</fo:block>"
        "<fo:block id=\"m6\" margin-top=\"6pt\" space-before=\"2pt\">m</fo:block>"
        "<fo:block id=\"s1\" space-before=\"4pt\" space-before.optimum=\"8pt\" "
        "space-before.maximum=\"10pt\" space-before.conditionality=\"retain\" "
        "space-before.precedence=\"force\" space-after.optimum=\"6pt\" "
        "space-after.precedence=\"3\">s</fo:block>"
        "<fo:table id=\"tb\" margin-left=\"1cm\"><fo:table-body><fo:table-row>"
        "<fo:table-cell id=\"cell\" padding=\"2pt\"><fo:block id=\"incell\">c</fo:block>"
        "</fo:table-cell></fo:table-row></fo:table-body></fo:table>"
        "<fo:list-block id=\"lb\" start-indent=\"1cm\" provisional-distance-between-starts=\"2cm\" "
        "provisional-label-separation=\"5mm\"><fo:list-item>"
        "<fo:list-item-label id=\"lab\" end-indent=\"label-end()\"><fo:block>1.</fo:block></fo:list-item-label>"
        "<fo:list-item-body id=\"lbody\" start-indent=\"body-start()\"><fo:block id=\"lbb\">item</fo:block>"
        "</fo:list-item-body></fo:list-item></fo:list-block>");
    gr_fo_node *m1 = by_id(t, "m1"), *m2 = by_id(t, "m2"), *m3 = by_id(t, "m3"),
               *m4 = by_id(t, "m4"), *m5 = by_id(t, "m5"), *m6 = by_id(t, "m6"),
               *s1 = by_id(t, "s1"), *tb = by_id(t, "tb"), *cell = by_id(t, "cell"),
               *incell = by_id(t, "incell"), *lab = by_id(t, "lab"), *lbody = by_id(t, "lbody"),
               *lbb = by_id(t, "lbb");
    double cm = 72 / 2.54;
    CHECK_NEAR(m1->p->start_indent, cm + 2 + 1, "start-indent = margin + padding + border");
    CHECK_NEAR(m1->p->end_indent, 5, "end-indent from margin-right");
    CHECK_NEAR(m1->p->margin[GR_START], cm, "margin kept as written");
    CHECK_NEAR(m2->p->start_indent, cm + 3 + 10, "nested margin adds to inherited indent");
    CHECK_NEAR(m2->p->end_indent, 5, "end-indent inherited");
    CHECK_NEAR(m3->p->start_indent, 3, "explicit start-indent wins over margin");
    CHECK_NEAR(m4->p->start_indent, cm + 3, "start-indent inherited");
    CHECK(near(m5->p->space_before.opt, 6) && near(m5->p->space_before.min, 6) &&
          near(m5->p->space_before.max, 6) && m5->p->space_before.retain && m5->p->space_before.force,
          "margin-top -> space-before (retain, force)");
    CHECK_NEAR(m5->p->space_after.opt, 6, "margin shorthand -> space-after");
    CHECK(near(m5->p->start_indent, 4) && near(m5->p->end_indent, 4), "margin shorthand -> indents");
    CHECK(near(m6->p->space_before.opt, 2) && !m6->p->space_before.retain,
          "space-before wins over margin-top");
    CHECK(near(s1->p->space_before.min, 4) && near(s1->p->space_before.opt, 8) &&
          near(s1->p->space_before.max, 10) && s1->p->space_before.retain &&
          s1->p->space_before.force, "space-before components: %g %g %g",
          s1->p->space_before.min, s1->p->space_before.opt, s1->p->space_before.max);
    CHECK(near(s1->p->space_after.min, 0) && near(s1->p->space_after.opt, 6) &&
          near(s1->p->space_after.max, 6) && s1->p->space_after.precedence == 3 &&
          !s1->p->space_after.force, "space-after.optimum alone: max follows");
    CHECK_NEAR(tb->p->start_indent, cm, "table start-indent from margin");
    CHECK_NEAR(cell->p->start_indent, 0, "table-cell starts a fresh indent");
    CHECK_NEAR(incell->p->start_indent, 0, "block in cell: indent relative to the cell");
    CHECK_NEAR(cell->p->padding[GR_START], 2, "cell padding");
    CHECK(lab->p->end_indent_plus_width == 1 && near(lab->p->end_indent, -(cm + 2 * cm - 5 * cm / 10)),
          "label-end(): %g (flag %d)", lab->p->end_indent, lab->p->end_indent_plus_width);
    CHECK_NEAR(lbody->p->start_indent, 3 * cm, "body-start()");
    CHECK_NEAR(lbb->p->start_indent, 3 * cm, "body-start() inherited");
    CHECK(lbb->p->end_indent_plus_width == 0, "label-end flag not in body");
    gr_fo_tree_free(t);
}

static void test_colors_tables_keeps(void)
{
    gr_fo_tree *t = good(
        "<fo:block id=\"c1\" color=\"Navy\" background-color=\"#abc\">a</fo:block>"
        "<fo:block id=\"c2\" color=\"#AABBCC\" background-color=\"transparent\">b</fo:block>"
        "<fo:block id=\"c3\" color=\"rgb(100%, 0%, 50%)\" background-color=\"rgb(0,128,255)\">c</fo:block>"
        "<fo:table id=\"t\" table-layout=\"fixed\" width=\"100%\" border-collapse=\"separate\">"
        "<fo:table-column id=\"col1\" column-width=\"proportional-column-width(2)\"/>"
        "<fo:table-column id=\"col2\" column-width=\"30%\" number-columns-repeated=\"2\"/>"
        "<fo:table-column id=\"col3\" column-width=\"3cm\" column-number=\"4\"/>"
        "<fo:table-header><fo:table-row><fo:table-cell number-columns-spanned=\"4\">"
        "<fo:block>h</fo:block></fo:table-cell></fo:table-row></fo:table-header>"
        "<fo:table-body><fo:table-row id=\"row\" keep-together.within-page=\"always\" "
        "keep-with-next=\"5\"><fo:table-cell id=\"cl\" number-rows-spanned=\"2\" "
        "display-align=\"center\"><fo:block id=\"kb\">x</fo:block></fo:table-cell>"
        "</fo:table-row></fo:table-body></fo:table>"
        "<fo:block id=\"k2\" keep-together=\"always\" keep-together.within-line=\"auto\" "
        "keep-with-previous.within-column=\"7\">k</fo:block>"
        "<fo:block id=\"k3\" keep-together.within-line=\"always\">k</fo:block>");
    gr_fo_node *c1 = by_id(t, "c1"), *c2 = by_id(t, "c2"), *c3 = by_id(t, "c3"),
               *tt = by_id(t, "t"), *col1 = by_id(t, "col1"), *col2 = by_id(t, "col2"),
               *col3 = by_id(t, "col3"), *row = by_id(t, "row"), *cl = by_id(t, "cl"),
               *kb = by_id(t, "kb"), *k2 = by_id(t, "k2"), *k3 = by_id(t, "k3");
    CHECK(color_is(c1->p->color, 0, 0, 0.502), "named colour, case-insensitive");
    CHECK(c1->p->has_background && color_is(c1->p->background, 0xaa / 255.0, 0xbb / 255.0, 0xcc / 255.0),
          "#rgb");
    CHECK(color_is(c2->p->color, 0xaa / 255.0, 0xbb / 255.0, 0xcc / 255.0), "#rrggbb");
    CHECK(!c2->p->has_background, "transparent");
    CHECK(color_is(c3->p->color, 1, 0, 0.5), "rgb() percentages");
    CHECK(color_is(c3->p->background, 0, 128 / 255.0, 1), "rgb() integers");
    CHECK(tt->p->table_layout_fixed == 1 && tt->p->width.unit == GR_LEN_PCT &&
          near(tt->p->width.v, 100) && tt->p->border_collapse == 0, "table properties");
    CHECK(col1->p->column_width.unit == GR_LEN_PROP && near(col1->p->column_width.v, 2),
          "proportional-column-width(2)");
    CHECK(col2->p->column_width.unit == GR_LEN_PCT && near(col2->p->column_width.v, 30) &&
          col2->p->number_columns_repeated == 2, "30%% column, repeated");
    CHECK(col3->p->column_width.unit == GR_LEN_PT && near(col3->p->column_width.v, 72 * 3 / 2.54) &&
          col3->p->column_number == 4, "3cm column");
    CHECK(row->p->keep_together == GR_KEEP_ALWAYS && row->p->keep_with_next == 5,
          "keep-together.within-page / keep-with-next");
    CHECK(cl->p->keep_together == GR_KEEP_ALWAYS, "keep-together inherited");
    CHECK(cl->p->keep_with_next == 0, "keep-with-next not inherited");
    CHECK(cl->p->number_rows_spanned == 2 && cl->p->number_columns_spanned == 1, "spans");
    CHECK(cl->p->display_align == GR_DALIGN_CENTER && kb->p->display_align == GR_DALIGN_CENTER,
          "display-align (inherited)");
    CHECK(k2->p->keep_together == GR_KEEP_ALWAYS && k2->p->keep_together_within_line == 0 &&
          k2->p->keep_with_previous == 7, "keep components");
    CHECK(k3->p->keep_together == 0 && k3->p->keep_together_within_line == GR_KEEP_ALWAYS,
          "keep-together.within-line only");
    gr_fo_tree_free(t);
}

static void test_misc_props(void)
{
    gr_fo_tree *t = good(
        "<fo:block id=\"x1\" text-align=\"right\" text-align-last=\"justify\" break-before=\"page\" "
        "break-after=\"column\" orphans=\"3\" widows=\"4\" xml:lang=\"zh-TW\">"
        "<fo:inline id=\"x2\" baseline-shift=\"super\" text-decoration=\"underline\">2</fo:inline>"
        "<fo:inline id=\"x3\" baseline-shift=\"-2pt\">3</fo:inline>"
        "<fo:leader id=\"ld\" leader-pattern=\"dots\" leader-length=\"5cm\" rule-thickness=\"0.3pt\"/>"
        "<fo:leader id=\"ld2\" leader-pattern=\"rule\" leader-length.maximum=\"100%\" "
        "leader-length.optimum=\"2cm\"/>"
        "<fo:basic-link id=\"lnk\" external-destination=\"url('https://example.org/a b')\">l</fo:basic-link>"
        "<fo:basic-link id=\"lnk2\" internal-destination=\"x1\">m</fo:basic-link>"
        "<fo:page-number-citation id=\"pc\" ref-id=\"x1\"/>"
        "<fo:page-number-citation-last id=\"pcl\" ref-id=\"x1\"/>"
        "<fo:external-graphic id=\"img\" src=\"url(photo.png)\" content-width=\"scale-to-fit\" "
        "content-height=\"50%\" scaling=\"non-uniform\" width=\"4cm\" height=\"auto\"/>"
        "</fo:block>"
        "<fo:block id=\"x4\" text-align=\"inside\" language=\"en\" country=\"US\">e</fo:block>");
    gr_fo_node *x1 = by_id(t, "x1"), *x2 = by_id(t, "x2"), *x3 = by_id(t, "x3"),
               *ld = by_id(t, "ld"), *ld2 = by_id(t, "ld2"), *lnk = by_id(t, "lnk"),
               *lnk2 = by_id(t, "lnk2"), *pc = by_id(t, "pc"), *img = by_id(t, "img"),
               *x4 = by_id(t, "x4");
    CHECK(x1->p->text_align == GR_ALIGN_END && x1->p->text_align_last == GR_ALIGN_JUSTIFY,
          "right -> end");
    CHECK(x1->p->break_before == GR_BREAK_PAGE && x1->p->break_after == GR_BREAK_PAGE,
          "break-before page, column -> page");
    CHECK(x1->p->orphans == 3 && x1->p->widows == 4, "orphans/widows");
    CHECK(x1->p->lang && strcmp(x1->p->lang, "zh-TW") == 0, "xml:lang");
    CHECK(x2->p->lang && strcmp(x2->p->lang, "zh-TW") == 0, "xml:lang inherited");
    CHECK(x2->p->baseline_shift_super == 1 && near(x2->p->baseline_shift, 0.33 * 12), "super");
    CHECK(x2->p->text_decoration_underline, "underline");
    CHECK_NEAR(x3->p->baseline_shift, -2, "baseline-shift length");
    CHECK(ld->p->leader_pattern == GR_LEADER_DOTS && near(ld->p->leader_length_opt, 72 * 5 / 2.54) &&
          near(ld->p->leader_length_min, 72 * 5 / 2.54) && near(ld->p->leader_length_max, 72 * 5 / 2.54) &&
          ld->p->leader_length_max_pct == 0 && near(ld->p->rule_thickness, 0.3), "leader-length");
    CHECK(near(ld2->p->leader_length_max_pct, 100) && near(ld2->p->leader_length_opt, 72 * 2 / 2.54) &&
          near(ld2->p->leader_length_min, 0), "leader-length components");
    CHECK(lnk->p->external_destination &&
          strcmp(lnk->p->external_destination, "https://example.org/a b") == 0,
          "url('...') stripped: %s", lnk->p->external_destination);
    CHECK(lnk2->p->internal_destination && strcmp(lnk2->p->internal_destination, "x1") == 0,
          "internal-destination");
    CHECK(pc->p->ref_id && strcmp(pc->p->ref_id, "x1") == 0, "ref-id");
    CHECK(img->p->src && strcmp(img->p->src, "photo.png") == 0, "src");
    CHECK(img->p->content_width_fit == GR_FIT_SCALE && img->p->content_width.unit == GR_LEN_AUTO,
          "scale-to-fit");
    CHECK(img->p->content_height.unit == GR_LEN_PCT && near(img->p->content_height.v, 50),
          "content-height %%");
    CHECK(img->p->scaling_uniform == 0 && img->p->width.unit == GR_LEN_PT &&
          img->p->height.unit == GR_LEN_AUTO, "scaling, width, height");
    CHECK(x4->p->text_align == GR_ALIGN_START, "inside -> start");
    CHECK(x4->p->lang && strcmp(x4->p->lang, "en-US") == 0, "language + country");
    CHECK(gr_fo_find_id(t, "nope") == NULL, "find_id of unknown id");
    gr_fo_tree_free(t);
}

static void test_page_masters(void)
{
    const char *doc =
        "<?xml version=\"1.0\"?>\n"
        "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" font-size=\"11pt\" xml:lang=\"zh-TW\">\n"
        "<fo:layout-master-set>\n"
        "<fo:simple-page-master master-name=\"p\" page-width=\"auto\" page-height=\"auto\" "
        "margin-top=\"1cm\" margin-left=\"2cm\">\n"
        "<fo:region-body region-name=\"main\" margin-bottom=\"2cm\"/>\n"
        "<fo:region-before extent=\"15mm\"/>\n"
        "<fo:region-after region-name=\"foot\" extent=\"1cm\"/>\n"
        "</fo:simple-page-master>\n"
        "</fo:layout-master-set>\n"
        "<fo:bookmark-tree><fo:bookmark internal-destination=\"s1\" starting-state=\"hide\">"
        "<fo:bookmark-title>第一節</fo:bookmark-title>"
        "<fo:bookmark external-destination=\"http://x\"><fo:bookmark-title> 子 </fo:bookmark-title></fo:bookmark>"
        "</fo:bookmark></fo:bookmark-tree>\n"
        "<fo:page-sequence master-reference=\"p\">\n"
        "<fo:static-content flow-name=\"xsl-region-before\"><fo:block>h</fo:block></fo:static-content>\n"
        "<fo:static-content flow-name=\"foot\"><fo:block>f <fo:page-number/></fo:block></fo:static-content>\n"
        "<fo:static-content flow-name=\"xsl-footnote-separator\"><fo:block><fo:leader leader-pattern=\"rule\"/></fo:block></fo:static-content>\n"
        "<fo:flow flow-name=\"main\"><fo:block id=\"s1\">text<fo:footnote><fo:inline baseline-shift=\"super\">1</fo:inline>"
        "<fo:footnote-body><fo:block id=\"fnb\">note</fo:block></fo:footnote-body></fo:footnote> more</fo:block>"
        "<fo:block><fo:instream-foreign-object id=\"ifo\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
        "<rect width=\"5\" height=\"5\"/></svg></fo:instream-foreign-object></fo:block></fo:flow>\n"
        "</fo:page-sequence>\n"
        "</fo:root>\n";
    quiet q;
    gr_fo_tree *t;
    gr_fo_node *spm, *body, *before, *after, *ifo, *bt, *bm;
    quiet_init(&q);
    t = parse_doc(&q.ctx, doc);
    if (!t) {
        char *m = messages(&q);
        CHECK(0, "page master fixture refused: %s", m);
        free(m);
        quiet_done(&q);
        return;
    }
    quiet_done(&q);
    spm = t->root->first->first;
    CHECK(spm && spm->type == GR_FO_SIMPLE_PAGE_MASTER, "spm found");
    CHECK(near(spm->p->page_width, 595.276) && near(spm->p->page_height, 841.89), "auto -> A4");
    CHECK(near(spm->p->margin[GR_BEFORE], 72 / 2.54) && near(spm->p->margin[GR_START], 144 / 2.54),
          "page margins");
    CHECK(spm->p->master_name && strcmp(spm->p->master_name, "p") == 0, "master-name");
    body = spm->first;
    before = body->next;
    after = before->next;
    CHECK(strcmp(body->p->region_name, "main") == 0 && near(body->p->margin[GR_AFTER], 144 / 2.54),
          "region-body");
    CHECK(strcmp(before->p->region_name, "xsl-region-before") == 0 &&
          near(before->p->extent, 72 * 1.5 / 2.54), "region-before default name, extent");
    CHECK(strcmp(after->p->region_name, "foot") == 0, "region-after name");
    CHECK_NEAR(t->root->p->font_size, 11, "root font-size");
    bt = t->root->first->next;
    CHECK(bt->type == GR_FO_BOOKMARK_TREE, "bookmark-tree");
    bm = bt->first;
    CHECK(bm->p->starting_state_hide == 1, "starting-state");
    CHECK_TEXT(bm->first, "第一節");
    CHECK_TEXT(bm->first->next->first, "子");
    ifo = gr_fo_find_id(t, "ifo");
    CHECK(ifo && ifo->foreign_xml && t->xml_doc, "foreign SVG kept");
    if (ifo && ifo->foreign_xml)
        CHECK(strcmp((const char *)((xmlNodePtr)ifo->foreign_xml)->name, "svg") == 0 &&
              ((xmlNodePtr)ifo->foreign_xml)->doc == t->xml_doc, "the svg element");
    CHECK_TEXT(gr_fo_find_id(t, "s1"), "text1|note| more");
    CHECK_NEAR(gr_fo_find_id(t, "fnb")->p->start_indent, 0, "footnote-body indent");
    CHECK(strcmp(gr_fo_type_name(GR_FO_TABLE_CELL), "fo:table-cell") == 0 &&
          strcmp(gr_fo_type_name(GR_FO_TEXT), "(text)") == 0, "type names");
    gr_fo_tree_free(t);
}

/* ---- whitespace ------------------------------------------------------- */

static void test_whitespace(void)
{
    gr_fo_tree *t = good(
        "<fo:block id=\"w1\">  Hello \n  world  </fo:block>\n"
        "<fo:block id=\"w2\">中文\n    中文</fo:block>\n"
        "<fo:block id=\"w3\">中文 中文\t中文</fo:block>\n"
        "<fo:block id=\"w4\">中文\nABC\n中文</fo:block>\n"
        "<fo:block id=\"w5\"><fo:inline>A</fo:inline> <fo:inline>B</fo:inline></fo:block>\n"
        "<fo:block id=\"w6\">\n  Intro\n  <fo:block>inner</fo:block>\n  tail \n</fo:block>\n"
        "<fo:block id=\"w7\">第一<fo:inline>\n第二</fo:inline>\n<fo:inline> 第三</fo:inline></fo:block>\n"
        "<fo:block id=\"w7b\">第一<fo:inline> 第二</fo:inline></fo:block>\n"
        "<fo:block id=\"w8\">中文，\n中文「引號」\n（括號）……\n——完</fo:block>\n"
        "<fo:block id=\"w9\">page <fo:page-number/> of<!-- c -->\n  N</fo:block>\n"
        "<fo:block id=\"w10\">\n   \n</fo:block>\n"
        "<fo:block id=\"w11\">吳&#x20BB7;祥\n&#x20BB7;</fo:block>\n"
        "<fo:block id=\"w12\"><![CDATA[ a  <b> ]]>\n<fo:wrapper font-weight=\"bold\"> c </fo:wrapper> d</fo:block>\n"
        "<fo:block id=\"w13\">x<fo:inline> </fo:inline>y</fo:block>\n"
        "<fo:block id=\"w14\">甲\n<fo:page-number/>\n乙</fo:block>\n");
    CHECK_TEXT(by_id(t, "w1"), "Hello world");
    CHECK_TEXT(by_id(t, "w2"), "中文中文");
    CHECK_TEXT(by_id(t, "w3"), "中文 中文 中文");
    CHECK_TEXT(by_id(t, "w4"), "中文 ABC 中文");
    CHECK_TEXT(by_id(t, "w5"), "A B");
    CHECK_TEXT(by_id(t, "w6"), "Intro|inner|tail");
    CHECK_TEXT(by_id(t, "w7"), "第一第二第三");
    CHECK_TEXT(by_id(t, "w7b"), "第一 第二");
    CHECK_TEXT(by_id(t, "w8"), "中文，中文「引號」（括號）……——完");
    CHECK_TEXT(by_id(t, "w9"), "page # of N");
    CHECK(by_id(t, "w10")->first == NULL, "whitespace-only block has no text node");
    CHECK_TEXT(by_id(t, "w11"), "吳𠮷祥𠮷");
    CHECK_TEXT(by_id(t, "w12"), "a <b> c d");
    CHECK_TEXT(by_id(t, "w13"), "x y");
    CHECK_TEXT(by_id(t, "w14"), "甲 # 乙");
    {   /* no whitespace-only text nodes left between blocks of the flow */
        gr_fo_node *flow = by_id(t, "w1")->parent, *c;
        int ok = 1;
        for (c = flow->first; c; c = c->next) ok &= c->type != GR_FO_TEXT;
        CHECK(ok, "no text nodes directly in fo:flow");
    }
    {   /* text lengths match */
        gr_fo_node *n = by_id(t, "w1")->first;
        CHECK(n && n->text_len == strlen(n->text), "text_len");
    }
    gr_fo_tree_free(t);
}

/* ---- errors ----------------------------------------------------------- */

/* The body must be refused; returns the messages (caller frees). */
/* Nodes with the same attributes under the same parent set share a
 * computed set (fo_parse.c's memo); what the memo must not hide: a
 * message said for each node, a result that depends on the list block
 * (body-start()), a different parent or element. */
static void test_props_memo(void)
{
    quiet q;
    gr_fo_tree *t = good(
        "<fo:block id=\"a1\" font-size=\"9pt\" padding=\"2pt\">a</fo:block>"
        "<fo:block id=\"a2\" font-size=\"9pt\" padding=\"2pt\">a</fo:block>"
        "<fo:block font-size=\"20pt\"><fo:block id=\"a3\" font-size=\"9pt\" padding=\"2pt\" "
        "line-height=\"1.5\">a</fo:block></fo:block>"
        "<fo:block font-size=\"20pt\"><fo:block id=\"a4\" padding=\"2pt\" line-height=\"1.5\">a"
        "</fo:block></fo:block>"
        "<fo:list-block provisional-distance-between-starts=\"2cm\"><fo:list-item>"
        "<fo:list-item-label end-indent=\"label-end()\"><fo:block>1.</fo:block></fo:list-item-label>"
        "<fo:list-item-body start-indent=\"body-start()\"><fo:block id=\"b1\">x</fo:block>"
        "</fo:list-item-body></fo:list-item></fo:list-block>"
        "<fo:list-block provisional-distance-between-starts=\"4cm\"><fo:list-item>"
        "<fo:list-item-label end-indent=\"label-end()\"><fo:block>1.</fo:block></fo:list-item-label>"
        "<fo:list-item-body start-indent=\"body-start()\"><fo:block id=\"b2\">x</fo:block>"
        "</fo:list-item-body></fo:list-item></fo:list-block>");
    double cm = 72 / 2.54;
    char *m;
    CHECK_NEAR(by_id(t, "a2")->p->font_size, 9, "memo: the second of two equal lists");
    CHECK_NEAR(by_id(t, "a3")->p->line_height, 13.5, "memo: 1.5 of 9pt, not of the parent's 20pt");
    CHECK_NEAR(by_id(t, "a4")->p->font_size, 20, "memo: font-size inherited from its own parent");
    CHECK_NEAR(by_id(t, "b1")->p->start_indent, 2 * cm, "memo: body-start() of the first list");
    CHECK_NEAR(by_id(t, "b2")->p->start_indent, 4 * cm, "memo: body-start() of the second list");
    gr_fo_tree_free(t);
    /* the same bad list twice: said at both lines */
    quiet_init(&q);
    t = parse_body(&q.ctx, "<fo:block font-size=\"12qt\" padding=\"1pt\">a</fo:block>\n"
                           "<fo:block font-size=\"12qt\" padding=\"1pt\">b</fo:block>");
    m = messages(&q);
    CHECK(strstr(m, "t.fo:10:") && strstr(m, "t.fo:11:"), "memo: a bad value said at each line: %s", m);
    free(m);
    if (t) gr_fo_tree_free(t);
    quiet_done(&q);
    /* a property without effect on the element: a note at each line */
    quiet_init(&q);
    t = parse_body(&q.ctx, "<fo:block column-width=\"3pt\" padding=\"1pt\">a</fo:block>\n"
                           "<fo:block column-width=\"3pt\" padding=\"1pt\">b</fo:block>");
    m = messages(&q);
    CHECK(q.ctx.nwarnings == 2 && strstr(m, "t.fo:10:") && strstr(m, "t.fo:11:"),
          "memo: a note said at each line (%d): %s", q.ctx.nwarnings, m);
    free(m);
    if (t) gr_fo_tree_free(t);
    quiet_done(&q);
}

static char *bad_doc(const char *what, const char *doc)
{
    quiet q;
    gr_fo_tree *t;
    char *m;
    quiet_init(&q);
    t = parse_doc(&q.ctx, doc);
    m = messages(&q);
    CHECK(t == NULL && q.ctx.nerrors > 0, "%s: expected an error (nerrors %d)", what, q.ctx.nerrors);
    if (t) gr_fo_tree_free(t);
    quiet_done(&q);
    return m;
}

static char *bad_body(const char *what, const char *body)
{
    char *doc = wrap(body);
    char *m = bad_doc(what, doc);
    free(doc);
    return m;
}

#define BAD(what, body, needle) do { \
        char *m_ = bad_body((what), (body)); \
        CHECK(strstr(m_, (needle)) != NULL, "%s: message lacks \"%s\": %s", (what), (needle), m_); \
        free(m_); \
    } while (0)

static void test_errors(void)
{
    char *m;
    /* unknown element, line 11 of the fixture */
    m = bad_body("unknown element", "<fo:block>a</fo:block>\n<fo:float>b</fo:float>");
    CHECK(strstr(m, "t.fo:11:") && strstr(m, "fo:float"), "unknown element names file:line: %s", m);
    free(m);
    /* unknown property, line 12 */
    m = bad_body("unknown property", "<fo:block>a</fo:block>\n\n<fo:block font-style=\"italic\">b</fo:block>");
    CHECK(strstr(m, "t.fo:12:") && strstr(m, "font-style") && strstr(m, "fo:block"),
          "unknown property names file:line, element, property: %s", m);
    free(m);
    BAD("bad unit", "<fo:block font-size=\"12qt\">a</fo:block>", "12qt");
    BAD("bad value text", "<fo:block font-size=\"12px3\">a</fo:block>",
        "fo:block 的屬性 font-size 值「12px3」不正確");
    BAD("negative width", "<fo:table width=\"-3pt\"><fo:table-body><fo:table-row><fo:table-cell>"
        "<fo:block/></fo:table-cell></fo:table-row></fo:table-body></fo:table>", "width");
    BAD("negative padding", "<fo:block padding=\"1pt -2pt\">a</fo:block>", "padding");
    BAD("negative font-size", "<fo:block font-size=\"-2pt\">a</fo:block>", "font-size");
    BAD("zero font-size", "<fo:block font-size=\"0pt\">a</fo:block>", "font-size");
    BAD("negative border", "<fo:block border-top-width=\"-1pt\">a</fo:block>", "border-top-width");
    BAD("bad colour", "<fo:block color=\"#12345G\">a</fo:block>", "color");
    BAD("unitless length", "<fo:block space-before=\"12\">a</fo:block>", "space-before");
    BAD("percent where not allowed", "<fo:block text-indent=\"10%\">a</fo:block>", "text-indent");
    BAD("dashed border", "<fo:block border=\"1pt dashed black\">a</fo:block>", "border");
    BAD("bad keyword", "<fo:block text-align=\"middle\">a</fo:block>", "text-align");
    BAD("bad component", "<fo:block space-before.optimal=\"3pt\">a</fo:block>", "space-before.optimal");
    BAD("bad keep", "<fo:block keep-together=\"never\">a</fo:block>", "keep-together");
    BAD("bad weight", "<fo:block font-weight=\"550\">a</fo:block>", "font-weight");
    BAD("bad family", "<fo:block font-family=\"'TW-Kai\">a</fo:block>", "font-family");
    BAD("empty family item", "<fo:block font-family=\"TW-Kai,,serif\">a</fo:block>", "font-family");
    BAD("bad column width", "<fo:table><fo:table-column column-width=\"proportional-column-width(0)\"/>"
        "<fo:table-body><fo:table-row><fo:table-cell/></fo:table-row></fo:table-body></fo:table>",
        "column-width");
    BAD("span too big", "<fo:table><fo:table-body><fo:table-row><fo:table-cell number-columns-spanned=\"100000\">"
        "<fo:block/></fo:table-cell></fo:table-row></fo:table-body></fo:table>", "number-columns-spanned");
    BAD("use-content leader", "<fo:block><fo:leader leader-pattern=\"use-content\"/></fo:block>", "use-content");
    BAD("label-end outside list", "<fo:block end-indent=\"label-end()\">a</fo:block>", "label-end");
    BAD("other namespace attribute",
        "<fo:block xmlns:fox=\"http://xmlgraphics.apache.org/fop/extensions\" fox:orphan=\"x\">a</fo:block>",
        "fox:orphan");
    BAD("other namespace element", "<fo:block><b xmlns=\"urn:x\">bold</b></fo:block>", "<b>");
    BAD("duplicate id", "<fo:block id=\"a\">1</fo:block>\n<fo:block id=\"a\">2</fo:block>", "id");
    BAD("text in flow", "text directly in the flow", "fo:flow");
    BAD("inline in flow", "<fo:inline>x</fo:inline>", "fo:inline");
    BAD("block in inline", "<fo:block><fo:inline><fo:block>x</fo:block></fo:inline></fo:block>",
        "fo:inline");
    BAD("cell in body", "<fo:table><fo:table-body><fo:table-cell><fo:block>x</fo:block></fo:table-cell>"
        "</fo:table-body></fo:table>", "fo:table-row");
    BAD("text in row", "<fo:table><fo:table-body><fo:table-row>x<fo:table-cell/></fo:table-row>"
        "</fo:table-body></fo:table>", "fo:table-row");
    BAD("table without body", "<fo:table><fo:table-column/></fo:table>", "fo:table-body");
    BAD("table order", "<fo:table><fo:table-body><fo:table-row><fo:table-cell/></fo:table-row>"
        "</fo:table-body><fo:table-header><fo:table-row><fo:table-cell/></fo:table-row>"
        "</fo:table-header></fo:table>", "fo:table-header");
    BAD("list item without body", "<fo:list-block><fo:list-item><fo:list-item-label><fo:block/>"
        "</fo:list-item-label></fo:list-item></fo:list-block>", "fo:list-item-body");
    BAD("wrapper with text in flow", "<fo:wrapper>t</fo:wrapper>", "fo:flow");
    BAD("unknown ref-id", "<fo:block><fo:page-number-citation ref-id=\"nowhere\"/></fo:block>", "nowhere");
    BAD("unknown link target", "<fo:block><fo:basic-link internal-destination=\"zz\">x</fo:basic-link></fo:block>",
        "zz");
    BAD("link without destination", "<fo:block><fo:basic-link>x</fo:basic-link></fo:block>", "destination");
    BAD("graphic without src", "<fo:block><fo:external-graphic/></fo:block>", "src");
    BAD("ifo not svg", "<fo:block><fo:instream-foreign-object><m xmlns=\"urn:m\"/></fo:instream-foreign-object></fo:block>",
        "svg");
    BAD("nested footnote", "<fo:block><fo:footnote><fo:inline>1</fo:inline><fo:footnote-body><fo:block>"
        "<fo:footnote><fo:inline>2</fo:inline><fo:footnote-body><fo:block/></fo:footnote-body></fo:footnote>"
        "</fo:block></fo:footnote-body></fo:footnote></fo:block>", "fo:footnote");
    BAD("empty flow", "", "fo:flow");
    BAD("entity reference", "<fo:block>&nbsp;</fo:block>", "nbsp");

    m = bad_doc("DOCTYPE with entity",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE fo:root [\n<!ENTITY x \"y\">\n]>\n"
                "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\"/>\n");
    CHECK(strstr(m, "t.fo:2:") && strstr(m, "不接受 DTD 或外部實體") &&
          strstr(m, "DTD and external entities are not accepted"), "DOCTYPE message: %s", m);
    free(m);
    m = bad_doc("external DOCTYPE",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE fo:root SYSTEM \"/etc/passwd\">\n"
                "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\"/>\n");
    CHECK(strstr(m, "DTD") != NULL, "external DOCTYPE message: %s", m);
    free(m);
    m = bad_doc("malformed XML", "<?xml version=\"1.0\"?>\n<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\">\n"
                "<fo:layout-master-set>\n</fo:root>\n");
    CHECK(strstr(m, "t.fo:4:") && strstr(m, "XML"), "malformed XML names the line: %s", m);
    free(m);
    m = bad_doc("missing master", "<?xml version=\"1.0\"?>\n<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\">"
                "<fo:layout-master-set><fo:simple-page-master master-name=\"A4\"><fo:region-body/>"
                "</fo:simple-page-master></fo:layout-master-set>\n<fo:page-sequence master-reference=\"A5\">"
                "<fo:flow flow-name=\"xsl-region-body\"><fo:block/></fo:flow></fo:page-sequence></fo:root>");
    CHECK(strstr(m, "A5") && strstr(m, "t.fo:3:"), "missing master: %s", m);
    free(m);
    m = bad_doc("flow-name mismatch", "<?xml version=\"1.0\"?>\n<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\">"
                "<fo:layout-master-set><fo:simple-page-master master-name=\"A4\"><fo:region-body/>"
                "</fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference=\"A4\">"
                "<fo:static-content flow-name=\"xsl-region-after\"><fo:block/></fo:static-content>"
                "<fo:flow flow-name=\"body\"><fo:block/></fo:flow></fo:page-sequence></fo:root>");
    CHECK(strstr(m, "\"body\"") && strstr(m, "xsl-region-after"), "flow names: %s", m);
    free(m);
    m = bad_doc("not fo", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>");
    CHECK(strstr(m, "html") != NULL, "not fo: %s", m);
    free(m);
    m = bad_doc("no namespace", "<root><block/></root>");
    free(m);
    m = bad_doc("empty", "");
    free(m);
    m = bad_doc("missing layout-master-set", "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\">"
                "<fo:page-sequence master-reference=\"x\"><fo:flow flow-name=\"xsl-region-body\"><fo:block/>"
                "</fo:flow></fo:page-sequence></fo:root>");
    free(m);
    m = bad_doc("margins too big", "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\">"
                "<fo:layout-master-set><fo:simple-page-master master-name=\"A4\" margin=\"20cm\"><fo:region-body/>"
                "</fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference=\"A4\">"
                "<fo:flow flow-name=\"xsl-region-body\"><fo:block/></fo:flow></fo:page-sequence></fo:root>");
    CHECK(strstr(m, "margin") != NULL, "margins: %s", m);
    free(m);
    {   /* too large */
        quiet q;
        quiet_init(&q);
        CHECK(gr_fo_parse_memory(&q.ctx, "big.fo", "<x/>", (size_t)65 << 20) == NULL &&
              q.ctx.nerrors == 1, "over 64 MiB refused before reading");
        quiet_done(&q);
    }
    {   /* a warning, not an error: even-page */
        quiet q;
        gr_fo_tree *t;
        char *doc = wrap("<fo:block break-before=\"even-page\">a</fo:block>");
        quiet_init(&q);
        t = parse_doc(&q.ctx, doc);
        CHECK(t && q.ctx.nerrors == 0 && q.ctx.nwarnings == 1, "even-page: warning and page");
        if (t) CHECK(t->root->last->last->first->p->break_before == GR_BREAK_PAGE, "even-page -> page");
        gr_fo_tree_free(t);
        free(doc);
        quiet_done(&q);
    }
    {   /* a property without effect on its element: a warning */
        quiet q;
        gr_fo_tree *t;
        char *doc = wrap("<fo:block width=\"3cm\" column-width=\"1cm\" src=\"a.png\">a</fo:block>"
                         "<fo:block><fo:inline padding=\"1pt\" space-before=\"2pt\">b</fo:inline></fo:block>");
        quiet_init(&q);
        t = parse_doc(&q.ctx, doc);
        m = messages(&q);
        CHECK(t && q.ctx.nerrors == 0 && q.ctx.nwarnings == 4 && strstr(m, "column-width") &&
              strstr(m, "space-before") && !strstr(m, "padding"),
              "no-effect warnings (%d): %s", q.ctx.nwarnings, m);
        free(m);
        gr_fo_tree_free(t);
        free(doc);
        quiet_done(&q);
    }
    {   /* the file reader: missing file */
        quiet q;
        quiet_init(&q);
        CHECK(gr_fo_parse_file(&q.ctx, "/nonexistent/x.fo") == NULL && q.ctx.nerrors > 0,
              "missing file");
        quiet_done(&q);
    }
}

/* ---- fuzzing ---------------------------------------------------------- */

static void parse_any(const char *data, size_t len)
{
    quiet q;
    gr_fo_tree *t;
    quiet_init(&q);
    t = gr_fo_parse_memory(&q.ctx, "fuzz.fo", data, len);
    CHECK((t != NULL) == (q.ctx.nerrors == 0), "result and error count agree");
    gr_fo_tree_free(t);
    quiet_done(&q);
}

static void test_fuzz(void)
{
    char *doc = wrap(
        "<fo:block id=\"a\" font-size=\"12pt\" border=\"1pt solid red\">中文\n中文"
        "<fo:inline font-weight=\"bold\">粗體</fo:inline><fo:page-number/></fo:block>"
        "<fo:table><fo:table-column column-width=\"proportional-column-width(1)\"/>"
        "<fo:table-body><fo:table-row><fo:table-cell><fo:block>x</fo:block></fo:table-cell>"
        "</fo:table-row></fo:table-body></fo:table>"
        "<fo:list-block><fo:list-item><fo:list-item-label end-indent=\"label-end()\"><fo:block>1</fo:block>"
        "</fo:list-item-label><fo:list-item-body start-indent=\"body-start()\"><fo:block>y</fo:block>"
        "</fo:list-item-body></fo:list-item></fo:list-block>");
    size_t len = strlen(doc), i;
    unsigned seed = 12345;
    char *buf = malloc(len + 1);
    int before = nfail;
    /* every truncation */
    for (i = 0; i < len; i++) parse_any(doc, i);
    parse_any(doc, len);
    /* byte flips (deterministic) */
    for (i = 0; i < 3000; i++) {
        size_t pos;
        memcpy(buf, doc, len);
        seed = seed * 1103515245u + 12345u;
        pos = (seed >> 8) % len;
        seed = seed * 1103515245u + 12345u;
        buf[pos] = (char)(seed >> 16);
        parse_any(buf, len);
    }
    CHECK(nfail == before, "fuzz: truncations and byte flips");
    free(buf);
    free(doc);
    {   /* deep nesting: blocks inside blocks */
        int depth = 5000, k;
        size_t cap = (size_t)depth * 40 + 1000, n = 0;
        char *body = malloc(cap), *d;
        for (k = 0; k < depth; k++) n += (size_t)snprintf(body + n, cap - n, "<fo:block>");
        for (k = 0; k < depth; k++) n += (size_t)snprintf(body + n, cap - n, "</fo:block>");
        d = wrap(body);
        parse_any(d, strlen(d));
        free(d);
        free(body);
        npass++;
    }
    {   /* huge attribute values */
        size_t big = 5u << 20;
        char *v = malloc(big + 1), *body = malloc(big + 200), *d;
        memset(v, '9', big);
        v[big] = 0;
        snprintf(body, big + 200, "<fo:block font-size=\"%spt\" id=\"%s\">a</fo:block>", v, v);
        d = wrap(body);
        parse_any(d, strlen(d));
        memset(v, 'a', big);
        snprintf(body, big + 200, "<fo:block font-family=\"%s\" color=\"%s\">a</fo:block>", v, v);
        free(d);
        d = wrap(body);
        parse_any(d, strlen(d));
        free(d);
        free(body);
        free(v);
        npass++;
    }
    {   /* invalid UTF-8 in text and in attributes */
        const char *bodies[] = {
            "<fo:block>\xff\xfe bad</fo:block>",
            "<fo:block font-family=\"\xc3\x28\">x</fo:block>",
            "<fo:block>\xe4\xb8</fo:block>",
            "<fo:block>\xed\xa0\x80</fo:block>",
        };
        for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
            char *d = wrap(bodies[i]);
            quiet q;
            quiet_init(&q);
            CHECK(gr_fo_parse_memory(&q.ctx, "u.fo", d, strlen(d)) == NULL && q.ctx.nerrors > 0,
                  "invalid UTF-8 %zu refused", i);
            quiet_done(&q);
            free(d);
        }
    }
    {   /* many attributes, many errors: capped */
        gr_buf b;
        quiet q;
        int k;
        char *d;
        gr_buf_init(&b);
        gr_buf_adds(&b, "<fo:block");
        for (k = 0; k < 3000; k++) gr_buf_printf(&b, " p%d=\"1\"", k);
        gr_buf_adds(&b, ">x</fo:block>");
        d = wrap(gr_buf_cstr(&b));
        quiet_init(&q);
        CHECK(gr_fo_parse_memory(&q.ctx, "m.fo", d, strlen(d)) == NULL, "3000 unknown properties");
        {
            char *m = messages(&q), *p;
            int lines = 0;
            for (p = m; *p; p++) lines += *p == '\n';
            CHECK(lines == 21 && strstr(m, "2980"), "messages capped per element (%d lines)", lines);
            free(m);
        }
        quiet_done(&q);
        free(d);
        gr_buf_free(&b);
    }
}

static void test_repository_fixtures(void)
{
    static const char *const good_files[] = { "tests/fo/sample.fo", "tests/fo/hard-cases.fo" };
    size_t i;
    for (i = 0; i < sizeof good_files / sizeof good_files[0]; i++) {
        FILE *f = fopen(good_files[i], "rb");
        quiet q;
        gr_fo_tree *t;
        if (!f) continue;                 /* not run from the source tree */
        fclose(f);
        quiet_init(&q);
        t = gr_fo_parse_file(&q.ctx, good_files[i]);
        CHECK(t != NULL && q.ctx.nerrors == 0, "%s parses", good_files[i]);
        if (t) CHECK(strcmp(t->path, good_files[i]) == 0 && strcmp(t->base_dir, "tests/fo") == 0,
                     "path and base_dir: %s %s", t->path, t->base_dir);
        gr_fo_tree_free(t);
        quiet_done(&q);
    }
}

int main(void)
{
    CHECK(gr_fo_props_selfcheck(), "property table sorted");
    CHECK(gr_fo_prop_known("space-before.optimum") && gr_fo_prop_known("keep-together.within-page") &&
          !gr_fo_prop_known("space-before.within-page") && !gr_fo_prop_known("font-style"),
          "gr_fo_prop_known");
    test_inheritance();
    test_units();
    test_borders_padding();
    test_indents_spaces();
    test_props_memo();
    test_colors_tables_keeps();
    test_misc_props();
    test_page_masters();
    test_whitespace();
    test_errors();
    test_fuzz();
    test_repository_fixtures();
    return unit_done();
}
