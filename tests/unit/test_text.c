/* test_text.c — unit tests of the text engine (generator/text): font
 * chains, fallback to Ext-B faces, missing characters, CLREQ line rules at
 * many widths, justification, the one-character last line, the Latin
 * companion face, leaders, forced breaks, where a word too wide is broken
 * (2,345, / 678), numbers and units across spaces, lone characters, the
 * input arrays' size, the system font configuration gereport loads against
 * fontconfig's own, and a timing figure.
 * Run from the source tree root (the font configuration is read from
 * fonts/). Prints "N passed, M failed"; exits 1 on any failure.
 */
#include "../../generator/text/para.h"
#include "../../generator/text/font.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "unit.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

/* ---- helpers ------------------------------------------------------------- */

/* The paragraph text as code points with their UTF-16 offsets. */
typedef struct {
    uint32_t cp[20000];
    size_t off[20000];
    size_t n, n16;
} cptext;

static void to_cps(const char *s, cptext *t)
{
    size_t len = strlen(s), i = 0, off = 0;
    t->n = 0;
    while (i < len && t->n < 20000) {
        uint32_t cp;
        i += (size_t)gr_utf8_decode(s + i, len - i, &cp);
        t->cp[t->n] = cp;
        t->off[t->n++] = off;
        off += cp >= 0x10000 ? 2 : 1;
    }
    t->n16 = off;
}

/* Index of the code point at UTF-16 offset off (or n). */
static size_t cp_index(const cptext *t, size_t off)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->off[i] >= off) return i;
    return t->n;
}

static const char *const START_PROHIBITED[] = {
    "、", "。", "，", "．", "：", "；", "？", "！", "）", "」", "』", "】", "〕", "〉", "》",
    "﹞", "’", "”"
};
static const char *const END_PROHIBITED[] = {
    "（", "「", "『", "【", "〔", "〈", "《", "‘", "“"
};

static uint32_t first_cp(const char *s)
{
    uint32_t cp;
    gr_utf8_decode(s, strlen(s), &cp);
    return cp;
}

static int in_list(uint32_t cp, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (first_cp(list[i]) == cp) return 1;
    return 0;
}

static gr_para *make_para(gr_ctx *ctx, const char *text, gr_fontchain *ch, double size)
{
    gr_text_style st;
    memset(&st, 0, sizeof st);
    st.chain = ch;
    st.size = size;
    st.line_height = size * 1.5;
    st.file = "test.fo";
    st.line = 7;
    gr_para *p = gr_para_new(ctx);
    gr_para_add_text(p, text, strlen(text), &st);
    return p;
}

static gr_para_opts opts_for(double width, int align)
{
    gr_para_opts o;
    memset(&o, 0, sizeof o);
    o.width = width;
    o.align = align;
    o.align_last = GR_ALIGN_RELATIVE;
    o.avoid_short_last = 1;
    return o;
}

/* Rightmost extent of a line's content (runs and objects). */
static double line_extent(const gr_line *ln)
{
    double x = 0;
    for (int r = 0; r < ln->nruns; r++)
        if (ln->runs[r].x + ln->runs[r].width > x) x = ln->runs[r].x + ln->runs[r].width;
    for (int k = 0; k < ln->nobjs; k++)
        if (ln->objs[k].x + ln->objs[k].width > x) x = ln->objs[k].x + ln->objs[k].width;
    return x;
}

/* The run drawing the character at UTF-16 offset off (NULL if none). */
static const gr_run *run_at(const gr_para *p, const cptext *t, size_t off, int *glyph)
{
    (void)t;
    for (int l = 0; l < gr_para_nlines(p); l++) {
        const gr_line *ln = gr_para_line(p, l);
        if (off < ln->text_start || off >= ln->text_end) continue;
        /* runs are in text order; count characters until off */
        size_t pos = ln->text_start;
        for (int r = 0; r < ln->nruns; r++) {
            const gr_run *run = &ln->runs[r];
            int n = run->missing ? 1 : run->nglyphs;
            for (int g = 0; g < n; g++) {
                if (pos == off) {
                    *glyph = g;
                    return run;
                }
                pos += 1;
                /* surrogate pairs take two UTF-16 units */
                size_t i = cp_index(t, pos - 1);
                if (i < t->n && t->cp[i] >= 0x10000) pos++;
            }
        }
    }
    return NULL;
}

/* ---- tests ----------------------------------------------------------------- */

static void test_chains(gr_ctx *ctx, gr_fontset *fs)
{
    gr_fontchain *ch = gr_fontset_chain(fs, "標楷體", 400, "test.fo", 1);
    CHECK(ch != NULL, "chain for 標楷體 resolves");
    if (!ch) return;
    CHECK(ch->nfaces >= 2 && strcmp(ch->faces[0]->family, "TW-Kai") == 0,
          "標楷體: first face is TW-Kai (got %s)", ch->nfaces ? ch->faces[0]->family : "none");
    CHECK(ch->nfaces >= 2 && strcmp(ch->faces[1]->family, "TW-Kai-Ext-B") == 0,
          "標楷體: second face is TW-Kai-Ext-B (got %s)", ch->nfaces > 1 ? ch->faces[1]->family : "none");
    CHECK(ch->nfaces >= 3 && strcmp(ch->faces[2]->family, "TW-Kai-Plus") == 0,
          "標楷體: third face is TW-Kai-Plus (got %s)", ch->nfaces > 2 ? ch->faces[2]->family : "none");
    CHECK(ch->latin && strcmp(ch->latin->family, "Liberation Serif") == 0,
          "標楷體: Latin companion is Liberation Serif (got %s)", ch->latin ? ch->latin->family : "none");
    CHECK(ch->faces[0]->is_cjk && !ch->latin->is_cjk, "is_cjk set on TW-Kai only");
    CHECK(strcmp(ch->faces[0]->psname, "TW-Kai-98_1") == 0, "PostScript name of TW-Kai (got %s)",
          ch->faces[0]->psname);
    CHECK(ch->faces[0]->upem == 1024 && ch->faces[0]->ascender > 0 && ch->faces[0]->descender < 0,
          "TW-Kai metrics: upem %u ascender %d descender %d", ch->faces[0]->upem,
          ch->faces[0]->ascender, ch->faces[0]->descender);
    CHECK(gr_fontset_chain(fs, "標楷體", 400, "test.fo", 2) == ch, "chains are cached");

    const char *kai_names[] = { "DFKai-SB", "kai", "全字庫正楷體", "TW-Kai", "NoSuchFamilyXYZ, 標楷體" };
    for (size_t i = 0; i < sizeof kai_names / sizeof *kai_names; i++) {
        gr_fontchain *c = gr_fontset_chain(fs, kai_names[i], 400, "test.fo", 3);
        CHECK(c && strcmp(c->faces[0]->family, "TW-Kai") == 0 && c->nfaces > 1
                && strcmp(c->faces[1]->family, "TW-Kai-Ext-B") == 0,
              "\"%s\" gives TW-Kai, TW-Kai-Ext-B (got %s)", kai_names[i],
              c ? c->faces[0]->family : "NULL");
    }
    const char *sung_names[] = { "明體", "細明體", "PMingLiU", "MingLiU", "serif", "TW-Sung" };
    for (size_t i = 0; i < sizeof sung_names / sizeof *sung_names; i++) {
        gr_fontchain *c = gr_fontset_chain(fs, sung_names[i], 400, "test.fo", 4);
        CHECK(c && strcmp(c->faces[0]->family, "TW-Sung") == 0 && c->nfaces > 1
                && strcmp(c->faces[1]->family, "TW-Sung-Ext-B") == 0,
              "\"%s\" gives TW-Sung, TW-Sung-Ext-B (got %s)", sung_names[i],
              c ? c->faces[0]->family : "NULL");
    }
    gr_fontchain *lat = gr_fontset_chain(fs, "Liberation Sans", 400, "test.fo", 5);
    CHECK(lat && strcmp(lat->faces[0]->family, "Liberation Sans") == 0 && lat->latin == lat->faces[0],
          "Liberation Sans is its own Latin face");

    int before = ctx->nerrors;
    void *saved = ctx->err_stream;
    FILE *null = fopen("/dev/null", "w");
    if (null) ctx->err_stream = null;
    gr_fontchain *none = gr_fontset_chain(fs, "NoSuchFamilyXYZ", 400, "test.fo", 6);
    ctx->err_stream = saved;
    if (null) fclose(null);
    CHECK(none == NULL, "NoSuchFamilyXYZ gives no chain");
    CHECK(ctx->nerrors == before + 1, "NoSuchFamilyXYZ reports one error (%d)", ctx->nerrors - before);

    gr_fontchain *bold = gr_fontset_chain(fs, "標楷體", 700, "test.fo", 8);
    CHECK(bold && bold != ch && bold->synth_bold == 1, "標楷體 bold: synthetic bold");
    CHECK(bold && bold->latin->bold && strcmp(bold->latin->family, "Liberation Serif") == 0,
          "標楷體 bold: Latin companion is Liberation Serif Bold");
    CHECK(gr_chain_face_for(ch, 'A', 0) == ch->latin, "Latin letters take the Latin face");
    if (bold) {
        gr_para *p = make_para(ctx, "粗體Bold", bold, 10);
        gr_para_opts o = opts_for(200, GR_ALIGN_START);
        gr_para_layout(p, &o);
        const gr_line *ln = gr_para_line(p, 0);
        CHECK(ln && ln->nruns == 2 && ln->runs[0].synth_bold && !ln->runs[1].synth_bold
                && ln->runs[1].face->bold,
              "bold: Han synthetic, Latin in the real bold face");
        gr_para_free(p);
    }
    CHECK(gr_chain_face_for(ch, 0x570B, 0) == ch->faces[0], "國 takes TW-Kai");
    CHECK(gr_chain_face_for(ch, ',', 1) == ch->latin && gr_chain_face_for(ch, ',', 0) == ch->latin &&
          gr_chain_face_for(ch, '(', 0) == ch->latin && gr_chain_face_for(ch, 0xFF0C, 0) == ch->faces[0],
          "ASCII always takes the Latin face; the full-width comma stays with TW-Kai");
}

static void test_extb_and_missing(gr_ctx *ctx, gr_fontchain *ch)
{
    const char *text = "吉𠮷野家與𡘙太太";
    cptext *t = malloc(sizeof *t);
    to_cps(text, t);
    gr_para *p = make_para(ctx, text, ch, 12);
    gr_para_opts o = opts_for(400, GR_ALIGN_JUSTIFY);
    CHECK(gr_para_layout(p, &o) == GR_OK, "layout of Ext-B text");
    uint32_t want[] = { 0x20BB7, 0x21619 };
    for (int k = 0; k < 2; k++) {
        size_t i = 0;
        while (i < t->n && t->cp[i] != want[k]) i++;
        int g = -1;
        const gr_run *run = run_at(p, t, t->off[i], &g);
        CHECK(run && !run->missing && run->face && strstr(run->face->family, "Ext-B"),
              "U+%X drawn with an Ext-B face (got %s%s)", want[k],
              run && run->face ? run->face->family : "nothing", run && run->missing ? ", missing" : "");
        if (run && !run->missing && g >= 0 && g < run->nglyphs) {
            uint32_t gid = run->glyphs[g].gid;
            CHECK(gid != 0, "U+%X has a real glyph", want[k]);
            CHECK(run->face->gid_text && run->face->gid_text[gid] && run->face->gid_text_len[gid] == 1
                    && run->face->gid_text[gid][0] == want[k],
                  "U+%X recorded for ToUnicode", want[k]);
        }
    }
    gr_para_free(p);

    /* U+0378 is unassigned: no font has it. Twice in the paragraph, reported once. */
    int w0 = ctx->nwarnings;
    ctx->quiet_warnings = 1;
    const char *bad = "甲\xCD\xB8乙\xCD\xB8丙";
    to_cps(bad, t);
    p = make_para(ctx, bad, ch, 10);
    gr_para_layout(p, &o);
    ctx->quiet_warnings = 0;
    CHECK(ctx->nwarnings == w0 + 1, "a missing code point is reported once per paragraph (%d)",
          ctx->nwarnings - w0);
    int g = -1;
    const gr_run *run = run_at(p, t, 1, &g);
    CHECK(run && run->missing && run->nglyphs == 0 && fabs(run->width - 10) < 0.01,
          "missing character drawn as a 1 em box (width %.2f)", run ? run->width : -1);
    const gr_line *ln = gr_para_line(p, 0);
    int boxes = 0;
    for (int r = 0; ln && r < ln->nruns; r++) boxes += ln->runs[r].missing;
    CHECK(boxes == 2, "both occurrences drawn (%d boxes)", boxes);
    gr_para_free(p);
    free(t);
}

static const char *LONG_TEXT =
    "本府為落實性別平等政策綱領，於一一三年度辦理「性別主流化」教育訓練共計十二場次，"
    "參訓人數達五八二人次（男性二四一人、女性三四一人），女性比率為百分之五八．六。"
    "課程內容包括：『性別影響評估』、『性別預算』、『性別統計與分析』等；"
    "另針對COVID-19疫情期間之照顧負擔，編列預算5,820,000元，執行率94.12%。"
    "有關「消除對婦女一切形式歧視公約（CEDAW）」之宣導……亦於各區公所辦理——"
    "並邀請民間團體參與討論？是否持續辦理！「好」。他說：「我們會『繼續』努力。」"
    "（附表一）《性別平等工作法》第十二條規定【申訴】〔處理〕〈程序〉之相關事項，"
    "請參閱‘附件’與“說明”，以利後續作業⋯⋯完畢。";

static void check_line_rules(gr_para *p, const cptext *t, double width, const char *what)
{
    int n = gr_para_nlines(p);
    for (int l = 0; l < n; l++) {
        const gr_line *ln = gr_para_line(p, l);
        size_t a = cp_index(t, ln->text_start), b = cp_index(t, ln->text_end);
        while (b > a && t->cp[b - 1] == ' ') b--;
        if (a >= b) continue;
        if (l > 0)
            CHECK(!in_list(t->cp[a], START_PROHIBITED, sizeof START_PROHIBITED / sizeof *START_PROHIBITED),
                  "%s width %.1f line %d starts with prohibited U+%04X", what, width, l, t->cp[a]);
        if (l + 1 < n)
            CHECK(!in_list(t->cp[b - 1], END_PROHIBITED, sizeof END_PROHIBITED / sizeof *END_PROHIBITED),
                  "%s width %.1f line %d ends with prohibited U+%04X", what, width, l, t->cp[b - 1]);
        if (l > 0 && a > 0) {
            uint32_t x = t->cp[a - 1], y = t->cp[a];
            CHECK(!((x == 0x2026 && y == 0x2026) || (x == 0x2014 && y == 0x2014)
                    || (x == 0x22EF && y == 0x22EF)),
                  "%s width %.1f line %d splits ……/——", what, width, l);
        }
        CHECK(line_extent(ln) <= width + 0.01, "%s width %.1f line %d overflows (%.2f)", what,
              width, l, line_extent(ln));
    }
}

/* A substring must not be cut by a line boundary. */
static void check_whole(gr_para *p, const cptext *t, const char *text, const char *word, double width)
{
    const char *at = strstr(text, word);
    if (!at) return;
    cptext *w = malloc(sizeof *w);
    char *prefix = strndup(text, (size_t)(at - text));
    to_cps(prefix, w);
    size_t s16 = w->n16;
    to_cps(word, w);
    size_t e16 = s16 + w->n16;
    for (int l = 1; l < gr_para_nlines(p); l++) {
        size_t b = gr_para_line(p, l)->text_start;
        CHECK(!(b > s16 && b < e16), "width %.1f: \"%s\" split across lines", width, word);
    }
    (void)t;
    free(prefix);
    free(w);
}

static int nonpunct_chars(const cptext *t, size_t a, size_t b)
{
    int n = 0;
    for (size_t i = a; i < b; i++) {
        uint32_t c = t->cp[i];
        if (c == ' ' || in_list(c, START_PROHIBITED, sizeof START_PROHIBITED / sizeof *START_PROHIBITED)
            || in_list(c, END_PROHIBITED, sizeof END_PROHIBITED / sizeof *END_PROHIBITED)
            || (c >= 0x21 && c <= 0x2F) || c == 0x2026 || c == 0x2014 || c == 0x22EF)
            continue;
        n++;
    }
    return n;
}

static void test_line_rules(gr_ctx *ctx, gr_fontchain *ch)
{
    cptext *t = malloc(sizeof *t);
    to_cps(LONG_TEXT, t);
    gr_para *p = make_para(ctx, LONG_TEXT, ch, 10.5);
    int fails0 = nfail;
    for (int k = 0; k < 50; k++) {
        double width = 70 + k * 7.3;          /* 6.7 em … 40 em */
        gr_para_opts o = opts_for(width, GR_ALIGN_JUSTIFY);
        gr_para_layout(p, &o);
        int n = gr_para_nlines(p);
        check_line_rules(p, t, width, "long paragraph");
        check_whole(p, t, LONG_TEXT, "5,820,000", width);
        check_whole(p, t, LONG_TEXT, "COVID-19", width);
        check_whole(p, t, LONG_TEXT, "94.12%", width);
        check_whole(p, t, LONG_TEXT, "……", width);
        check_whole(p, t, LONG_TEXT, "——", width);
        check_whole(p, t, LONG_TEXT, "⋯⋯", width);
        for (int l = 0; l + 1 < n; l++) {
            const gr_line *ln = gr_para_line(p, l);
            /* a line of one character (before an unbreakable piece that
               does not fit beside it) has nothing to justify */
            if (cp_index(t, ln->text_end) - cp_index(t, ln->text_start) < 2) continue;
            /* full, unless filling it would spread characters more than
               0.5 em apart: then the widest gap is exactly 0.5 em */
            double widest = 0, prev_end = 0;
            const gr_face *prev_face = NULL;
            for (int r = 0; r < ln->nruns; r++)
                for (int g = 0; g < ln->runs[r].nglyphs; g++) {
                    const gr_run *rn = &ln->runs[r];
                    double x = rn->x + rn->glyphs[g].x, gap = x - prev_end;
                    /* beyond the natural 1/4 em between Han and Latin */
                    if (prev_face && prev_face != rn->face) gap -= 0.25 * 10.5;
                    if ((r > 0 || g > 0) && gap > widest) widest = gap;
                    prev_end = x + rn->glyphs[g].advance;
                    prev_face = rn->face;
                }
            CHECK(widest <= 0.5 * 10.5 + 0.01, "width %.1f: line %d spreads %.2f pt", width, l, widest);
            CHECK((fabs(ln->width - width) <= 0.01 && fabs(line_extent(ln) - width) <= 0.01) ||
                  (ln->width < width && fabs(widest - 0.5 * 10.5) <= 0.01),
                  "width %.1f: justified line %d has width %.3f (extent %.3f, widest gap %.2f, chars %zu-%zu)", width, l,
                  ln->width, line_extent(ln), widest, cp_index(t, ln->text_start), cp_index(t, ln->text_end));
        }
        const gr_line *last = gr_para_line(p, n - 1);
        CHECK(n >= 2 && last->width <= width + 0.01, "width %.1f: last line not stretched", width);
        size_t a = cp_index(t, last->text_start), b = cp_index(t, last->text_end);
        CHECK(nonpunct_chars(t, a, b) >= 2, "width %.1f: last line holds one character", width);
        if (nfail > fails0 + 5) break;        /* keep the report readable */
    }
    gr_para_free(p);
    free(t);
}

static void test_short_last(gr_ctx *ctx, gr_fontchain *ch)
{
    /* Greedy filling at 3 em gives 性別比 / 率: the fix gives 性別 / 比率. */
    const char *hdr[] = { "性別比率", "參訓人員）", "女性人數" };
    for (size_t h = 0; h < sizeof hdr / sizeof *hdr; h++) {
        cptext *t = malloc(sizeof *t);
        to_cps(hdr[h], t);
        gr_para *p = make_para(ctx, hdr[h], ch, 10);
        gr_para_opts o = opts_for(30.5, GR_ALIGN_JUSTIFY);
        gr_para_layout(p, &o);
        int n = gr_para_nlines(p);
        const gr_line *last = gr_para_line(p, n - 1);
        size_t a = cp_index(t, last->text_start), b = cp_index(t, last->text_end);
        CHECK(n == 2 && nonpunct_chars(t, a, b) == 2, "%s at 3 em: last line has %d characters (%d lines)",
              hdr[h], nonpunct_chars(t, a, b), n);
        o.avoid_short_last = 0;
        gr_para_layout(p, &o);
        last = gr_para_line(p, gr_para_nlines(p) - 1);
        a = cp_index(t, last->text_start);
        b = cp_index(t, last->text_end);
        /* a short text breaks between its words first (R8): 性別 / 比率
           even without pulling a character down */
        CHECK(nonpunct_chars(t, a, b) == 2, "%s without the fix: broken between words (%d characters last)",
              hdr[h], nonpunct_chars(t, a, b));
        gr_para_free(p);
        free(t);
    }
}

static void test_latin(gr_ctx *ctx, gr_fontchain *ch)
{
    const char *text = "使用COVID-19疫苗";
    cptext *t = malloc(sizeof *t);
    to_cps(text, t);
    gr_para *p = make_para(ctx, text, ch, 12);
    gr_para_opts o = opts_for(500, GR_ALIGN_START);
    gr_para_layout(p, &o);
    const gr_line *ln = gr_para_line(p, 0);
    CHECK(gr_para_nlines(p) == 1 && ln->nruns == 3, "使用COVID-19疫苗: 3 runs (%d)", ln ? ln->nruns : 0);
    if (ln && ln->nruns == 3) {
        const gr_run *han = &ln->runs[0], *lat = &ln->runs[1], *han2 = &ln->runs[2];
        CHECK(lat->face == ch->latin && strcmp(lat->face->family, "Liberation Serif") == 0,
              "COVID-19 set in the Latin face (%s)", lat->face->family);
        CHECK(lat->nglyphs == 8, "COVID-19 has 8 glyphs (%d)", lat->nglyphs);
        CHECK(han->face == ch->faces[0] && han2->face == ch->faces[0], "Han runs in TW-Kai");
        CHECK(fabs(lat->x - (han->x + han->width) - 3.0) < 0.01,
              "1/4 em between 用 and C (%.3f)", lat->x - (han->x + han->width));
        CHECK(fabs(han2->x - (lat->x + lat->width) - 3.0) < 0.01,
              "1/4 em between 9 and 疫 (%.3f)", han2->x - (lat->x + lat->width));
        CHECK(fabs(han->width - 24) < 0.01, "two Han characters are 2 em (%.3f)", han->width);
    }
    /* No Han/Latin space at a line's start: break right before the Latin word
       (COVID-19 is wider than 24.5 pt: one warning, kept quiet here). */
    o.width = 24.5;
    ctx->quiet_warnings = 1;
    gr_para_layout(p, &o);
    ctx->quiet_warnings = 0;
    for (int l = 0; l < gr_para_nlines(p); l++) {
        const gr_line *x = gr_para_line(p, l);
        if (x->nruns > 0) CHECK(x->runs[0].x == 0, "line %d starts at 0 (%.3f)", l, x->runs[0].x);
    }
    gr_para_free(p);

    /* Justification never spaces Latin letters; spaces and CJK gaps take it. */
    const char *mixed = "甲乙丙 Gender equality mainstreaming 丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸 end";
    to_cps(mixed, t);
    p = make_para(ctx, mixed, ch, 10);
    o = opts_for(150, GR_ALIGN_JUSTIFY);
    gr_para_layout(p, &o);
    for (int l = 0; l < gr_para_nlines(p); l++) {
        const gr_line *x = gr_para_line(p, l);
        for (int r = 0; r < x->nruns; r++) {
            const gr_run *run = &x->runs[r];
            if (run->face != ch->latin) continue;
            for (int g = 1; g < run->nglyphs; g++) {
                double gap = run->glyphs[g].x - (run->glyphs[g - 1].x + run->glyphs[g - 1].advance);
                /* a gap is allowed only after a space glyph (word space) */
                int after_space = run->glyphs[g - 1].advance > 2.0 && run->glyphs[g - 1].advance < 2.6;
                if (!after_space)
                    CHECK(fabs(gap) < 0.01, "line %d: %.3f pt inside a Latin word", l, gap);
            }
        }
    }
    gr_para_free(p);
    free(t);
}

static void test_emergency(gr_ctx *ctx, gr_fontchain *ch)
{
    const char *text = "代號Stat_Statistics_DetailData_GenderEquality2024_Report 請參閱";
    int w0 = ctx->nwarnings;
    ctx->quiet_warnings = 1;
    gr_para *p = make_para(ctx, text, ch, 10);
    gr_para_opts o = opts_for(60, GR_ALIGN_JUSTIFY);
    gr_para_layout(p, &o);
    ctx->quiet_warnings = 0;
    CHECK(ctx->nwarnings == w0 + 1, "a word wider than the line warns once (%d)", ctx->nwarnings - w0);
    for (int l = 0; l < gr_para_nlines(p); l++)
        CHECK(line_extent(gr_para_line(p, l)) <= 60.01, "emergency line %d fits (%.2f)", l,
              line_extent(gr_para_line(p, l)));
    CHECK(gr_para_min_width(p) > 60, "min width is the long word (%.1f)", gr_para_min_width(p));
    gr_para_free(p);
}

/* The text of line l of p, as UTF-8 (text is the paragraph's UTF-8). */
static void line_text(const gr_para *p, const char *text, int l, char *out, size_t max)
{
    const gr_line *ln = gr_para_line(p, l);
    size_t len = strlen(text), i = 0, off = 0, n = 0;
    while (i < len && ln) {
        uint32_t cp;
        int k = gr_utf8_decode(text + i, len - i, &cp);
        if (off >= ln->text_start && off < ln->text_end && n + (size_t)k < max) {
            memcpy(out + n, text + i, (size_t)k);
            n += (size_t)k;
        }
        off += cp >= 0x10000 ? 2 : 1;
        i += (size_t)k;
    }
    out[n] = 0;
}

/* A number wider than its line (a count in a narrow cell, even at 80%) is
 * broken after a group separator, so that the next line holds a whole
 * group: 2,345, / 678, never 2,345,67 / 8. Any other word broken between
 * characters leaves at least two of its characters for the next line. */
static void test_number_last_resort(gr_ctx *ctx, gr_fontchain *ch)
{
    static const struct { const char *text; double size, width; const char *lines[4]; } cases[] = {
        { "2,345,678", 7.6, 28.5, { "2,345,", "678" } },            /* wide-stats at 80% */
        { "12,345,678", 9.5, 30, { "12,345,", "678" } },
        { "1,234,567,890", 9.5, 24, { "1,234,", "567,", "890" } },
        { "94.125%", 12, 30, { "94.", "125%" } },
        { "GenderEqualityMainstreaming", 10, 90, { NULL } },         /* only: no letter alone */
    };
    ctx->quiet_warnings = 1;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        gr_para *p = make_para(ctx, cases[c].text, ch, cases[c].size);
        gr_para_opts o = opts_for(cases[c].width, GR_ALIGN_CENTER);
        char got[64];
        gr_para_layout(p, &o);
        int n = gr_para_nlines(p);
        for (int l = 0; cases[c].lines[0] && l < 4; l++) {
            const char *want = cases[c].lines[l];
            if (!want) {
                CHECK(n == l, "%s in %.1fpt: %d lines (%d)", cases[c].text, cases[c].width, l, n);
                break;
            }
            line_text(p, cases[c].text, l, got, sizeof got);
            CHECK(l < n && strcmp(got, want) == 0, "%s in %.1fpt: line %d is \"%s\" (\"%s\")",
                  cases[c].text, cases[c].width, l + 1, want, l < n ? got : "");
        }
        line_text(p, cases[c].text, n - 1, got, sizeof got);
        CHECK(n >= 2 && strlen(got) >= 2, "%s in %.1fpt: the last line \"%s\" holds more than one character",
              cases[c].text, cases[c].width, got);
        for (int l = 0; l < n; l++)
            CHECK(line_extent(gr_para_line(p, l)) <= cases[c].width + 0.01, "%s: line %d fits",
                  cases[c].text, l + 1);
        gr_para_free(p);
    }
    ctx->quiet_warnings = 0;
}

/* A number keeps its unit across a space or a no-break space (「近 10 年」,
 * 「112 年」), and a no-break space never breaks and is drawn as a space of
 * the Latin face (not the CNS font's visible 「NB SP」 box). */
static void test_unit_after_space(gr_ctx *ctx, gr_fontchain *ch)
{
    static const char *const texts[] = {
        "臺北翡翠水庫管理局近 10 年（101 年至 110 年）員工性別概況分析與性別比例之探討",
        "臺北翡翠水庫管理局近\u00a010\u00a0年（101\u00a0年至\u00a0110\u00a0年）員工性別概況分析與性別比例之探討",
    };
    static const char *const whole[] = { "10 年", "101 年", "110 年", "近\u00a010\u00a0年",
                                         "101\u00a0年", "110\u00a0年" };
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        cptext *t = malloc(sizeof *t);
        int fails0 = nfail;
        to_cps(texts[k], t);
        gr_para *p = make_para(ctx, texts[k], ch, 12);
        for (int w = 0; w < 60; w++) {
            double width = 110 + w * 3.7;
            gr_para_opts o = opts_for(width, GR_ALIGN_JUSTIFY);
            gr_para_layout(p, &o);
            for (size_t j = 0; j < sizeof whole / sizeof *whole; j++)
                check_whole(p, t, texts[k], whole[j], width);
            if (nfail > fails0 + 5) break;
        }
        if (k == 1) {
            /* the no-break space: drawn, as a Latin-face space */
            gr_para_opts o = opts_for(1000, GR_ALIGN_START);
            size_t off = 0;
            int g = -1;
            gr_para_layout(p, &o);
            for (size_t i = 0; i < t->n; i++)
                if (t->cp[i] == 0xA0) { off = t->off[i]; break; }
            const gr_run *r = run_at(p, t, off, &g);
            CHECK(r && !r->missing && r->face == ch->latin && g >= 0 &&
                  r->glyphs[g].advance > 0.2 * 12 && r->glyphs[g].advance < 0.5 * 12,
                  "U+00A0 drawn as a Latin-face space (advance %.2f pt)",
                  r && g >= 0 && !r->missing ? r->glyphs[g].advance : -1.0);
        }
        gr_para_free(p);
        free(t);
    }
}

/* A line of one character that pulling a character down cannot mend is
 * reported (gr_para_lone_char) so a table cell can set its text smaller:
 * 「（幾 / 項）」 (the line before may not end with 「（」) and 「報」
 * stranded before a date; at 80% both read without one. */
static void test_lone_char(gr_ctx *ctx, gr_fontchain *ch)
{
    static const struct { const char *text; double width; } cases[] = {
        { "專家學者意見項數（幾項）", 29.5 },
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        gr_para *p = make_para(ctx, cases[c].text, ch, 9);
        gr_para_opts o = opts_for(cases[c].width, GR_ALIGN_CENTER);
        gr_para_layout(p, &o);
        CHECK(gr_para_lone_char(p), "%s in %.1fpt at 9pt: a lone character reported", cases[c].text,
              cases[c].width);
        gr_para_free(p);
        p = make_para(ctx, cases[c].text, ch, 9 * 0.8);
        gr_para_layout(p, &o);
        CHECK(!gr_para_lone_char(p), "%s in %.1fpt at 7.2pt: none", cases[c].text, cases[c].width);
        gr_para_free(p);
    }
    /* one character a line by forced breaks is what the text asks for */
    gr_para *p = make_para(ctx, "男\u2028女", ch, 9);
    gr_para_opts o = opts_for(100, GR_ALIGN_CENTER);
    gr_para_layout(p, &o);
    CHECK(gr_para_nlines(p) == 2 && !gr_para_lone_char(p), "男 / 女 by a forced break: not lone");
    gr_para_free(p);
}

/* A web address keeps its scheme with its host (never 「https:// / i.win」)
 * and never breaks inside a %-escape (「%E5% / 88」), at any width (S6). */
static void test_url_scheme(gr_ctx *ctx, gr_fontchain *ch)
{
    static const char *TEXT = "防制網路性別暴力請洽iWIN（https://i.win.org.tw/iWIN/report?type=%E6%80%A7%E5%88%A5%E6%9A%B4%E5%8A%9B&src=line）。";
    cptext *t = malloc(sizeof *t);
    to_cps(TEXT, t);
    gr_para *p = make_para(ctx, TEXT, ch, 12);
    int fails0 = nfail;
    for (int w = 0; w < 60; w++) {
        double width = 120 + w * 6.1;
        gr_para_opts o = opts_for(width, GR_ALIGN_JUSTIFY);
        gr_para_layout(p, &o);
        for (int l = 1; l < gr_para_nlines(p); l++) {
            size_t i = cp_index(t, gr_para_line(p, l)->text_start);
            CHECK(!(i >= 2 && t->cp[i - 1] == '/' && t->cp[i - 2] == '/'),
                  "width %.1f: line %d starts right after 「https://」", width, l + 1);
            CHECK(!(i >= 2 && (t->cp[i - 1] == '%' || t->cp[i - 2] == '%')),
                  "width %.1f: line %d starts inside a %%-escape", width, l + 1);
        }
        if (nfail > fails0 + 5) break;
    }
    gr_para_free(p);
    free(t);
}

/* A figure's 「%」 and an initial's 「.」 close their Latin run: 1/4 em
 * before the Han character after them, as after a digit or a letter
 * (S15: 「4.1%提升」 and 「N. H.主持」 had none). */
static void test_latin_close(gr_ctx *ctx, gr_fontchain *ch)
{
    static const char *const texts[] = { "比率4.1%提升", "由N. H.主持" };
    for (size_t c = 0; c < 2; c++) {
        gr_para *p = make_para(ctx, texts[c], ch, 12);
        gr_para_opts o = opts_for(500, GR_ALIGN_START);
        gr_para_layout(p, &o);
        const gr_line *ln = gr_para_line(p, 0);
        CHECK(gr_para_nlines(p) == 1 && ln->nruns == 3, "%s: 3 runs (%d)", texts[c], ln ? ln->nruns : 0);
        if (ln && ln->nruns == 3)
            CHECK(fabs(ln->runs[2].x - (ln->runs[1].x + ln->runs[1].width) - 3.0) < 0.01,
                  "%s: 1/4 em before the Han after the Latin run (%.3f)", texts[c],
                  ln->runs[2].x - (ln->runs[1].x + ln->runs[1].width));
        gr_para_free(p);
    }
}

/* A short text (a header, a label) breaks between its words (ICU's
 * dictionary) where that takes no more lines than breaking anywhere, ragged,
 * a whole bracketed unit 「（元）」 being no lone character there (R8:
 * 「改善經 / 費（元）」, issue 10's 「預算數（單 / 位：元）」); where it would
 * take more lines it breaks anywhere and says so (gr_para_word_broken: a
 * table cell may set it smaller); a long text never looks for words. */
static void test_words(gr_ctx *ctx, gr_fontchain *ch)
{
    static const struct { const char *text; double size, width; const char *lines[4]; int broken; } cases[] = {
        { "改善經費（元）", 10.5, 47.25, { "改善經費", "（元）" }, 0 },
        { "預算數（單位：元）", 10, 60, { "預算數", "（單位：元）" }, 0 },
        { "修正後提報112/12/13", 9, 43.7, { "修正後", "提報", "112/12/13" }, 0 },
        { "電子票證刷卡人次", 10, 30.5, { "電子票", "證刷卡", "人次" }, 8 },   /* words: 4 lines */
        { "心理衛生中心設置計畫", 10, 50.5, { "心理衛生中", "心設置計畫" }, 10 },
    };
    char got[96];
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        gr_para *p = make_para(ctx, cases[c].text, ch, cases[c].size);
        gr_para_opts o = opts_for(cases[c].width, GR_ALIGN_JUSTIFY);
        gr_para_layout(p, &o);
        int n = gr_para_nlines(p), l;
        for (l = 0; l < 4 && cases[c].lines[l]; l++) {
            line_text(p, cases[c].text, l, got, sizeof got);
            CHECK(l < n && strcmp(got, cases[c].lines[l]) == 0, "%s in %.2fpt: line %d is \"%s\" (\"%s\")",
                  cases[c].text, cases[c].width, l + 1, cases[c].lines[l], l < n ? got : "");
        }
        CHECK(n == l, "%s in %.2fpt: %d lines (%d)", cases[c].text, cases[c].width, l, n);
        CHECK(!gr_para_lone_char(p), "%s: no lone character reported", cases[c].text);
        CHECK(gr_para_word_broken(p) == cases[c].broken, "%s: word broken %d (%d)", cases[c].text,
              cases[c].broken, gr_para_word_broken(p));
        if (c == 2)                 /* ragged: 「修正後」 not spread over 43.7pt */
            CHECK(line_extent(gr_para_line(p, 0)) < 3 * cases[c].size + 0.01,
                  "%s: first line not spread (%.2f)", cases[c].text, line_extent(gr_para_line(p, 0)));
        gr_para_free(p);
    }
    /* a long text breaks anywhere CLREQ allows (justified, full lines) */
    const char *lng = "改善經費改善經費改善經費改善經費改善經費改善經費改善經費（元）";
    gr_para *p = make_para(ctx, lng, ch, 10);
    gr_para_opts o = opts_for(45, GR_ALIGN_JUSTIFY);
    gr_para_layout(p, &o);
    line_text(p, lng, 0, got, sizeof got);
    CHECK(strcmp(got, "改善經費") == 0, "long text: first line \"%s\"", got);
    line_text(p, lng, 1, got, sizeof got);
    CHECK(strcmp(got, "改善經費") == 0, "long text: second line \"%s\"", got);
    CHECK(gr_para_word_broken(p) == 0, "long text: no words looked for");
    gr_para_free(p);
}

/* A text starting with one CJK character and a Latin word asks its column
 * for both together (gr_para_min_width), so the character is not stranded
 * alone on the first line (R6: 「從 / CEDAW / 第28號」); in that width the
 * first line is 「從 CEDAW」. Before, the minimum was four characters (or
 * the word), narrower than the two. */
static void test_lead_char(gr_ctx *ctx, gr_fontchain *ch)
{
    const char *text = "從CEDAW第28號一般性建議到基層里鄰服務：高齡女性、身心障礙女性及新住民女性之交織性歧視案例研討";
    char got[96];
    gr_para *p = make_para(ctx, text, ch, 9);
    gr_para_opts o = opts_for(1000, GR_ALIGN_JUSTIFY);
    gr_para_layout(p, &o);
    double minw = gr_para_min_width(p);
    o = opts_for(36, GR_ALIGN_JUSTIFY);       /* four characters: the old minimum */
    gr_para_layout(p, &o);
    line_text(p, text, 0, got, sizeof got);
    CHECK(strcmp(got, "從") == 0, "in 36pt the first line is 「從」 alone (\"%s\")", got);
    CHECK(minw > 36 + 5, "the minimum holds 「從 CEDAW」 (%.2f)", minw);
    o = opts_for(minw, GR_ALIGN_JUSTIFY);
    gr_para_layout(p, &o);
    line_text(p, text, 0, got, sizeof got);
    CHECK(strcmp(got, "從CEDAW") == 0, "in its minimum %.2fpt the first line is 「從 CEDAW」 (\"%s\")", minw, got);
    gr_para_free(p);
}

/* No line inside a text holds one character because the number after it
 * did not fit beside it (S7: 「案例（北市警刑字 / 第 / 113301234567號）」 in
 * a 訓練目標 column): a character is pulled down from the line before
 * (「…北市警刑 / 字第 / 113301234567號）」, reported by
 * gr_para_lone_mended), and the text asks a table column for the pair's
 * width (gr_para_pair_width: 「第113301234567號）」 fits a line, so no
 * mending is needed), the minimum staying the number's. */
static int count_cps(const char *s)
{
    int n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void test_lone_inside(gr_ctx *ctx, gr_fontchain *ch)
{
    const char *text = "針對中正第一分局執勤員警，以113年受理之實際案例（北市警刑字第113301234567號）說明性別暴力案件受理之處理流程，並演練被害人陳述時之性別敏感提問。";
    char got[96];
    gr_para *p = make_para(ctx, text, ch, 9);
    gr_para_opts o = opts_for(74.5, GR_ALIGN_JUSTIFY);
    o.avoid_short_last = 1;
    gr_para_layout(p, &o);
    int n = gr_para_nlines(p), lone = 0, l;
    for (l = 0; l < n; l++) {
        line_text(p, text, l, got, sizeof got);
        if (strcmp(got, "第") == 0) lone++;
        if (strcmp(got, "字第") == 0) break;
    }
    CHECK(lone == 0, "74.5pt: no line holds 「第」 alone");
    CHECK(l < n, "74.5pt: 「字第」 goes down together");
    CHECK(gr_para_lone_mended(p) && !gr_para_lone_char(p), "74.5pt: mended (%d), nothing left lone (%d)",
          gr_para_lone_mended(p), gr_para_lone_char(p));
    double minw = gr_para_min_width(p), pairw = gr_para_pair_width(p);
    CHECK(minw < 76, "the minimum is the number's width (%.2f)", minw);
    CHECK(pairw > minw + 9, "the pair width holds 「第」 and the number (%.2f)", pairw);
    o = opts_for(pairw, GR_ALIGN_JUSTIFY);
    o.avoid_short_last = 1;
    gr_para_layout(p, &o);
    for (l = 0, lone = 0; l < gr_para_nlines(p); l++) {
        line_text(p, text, l, got, sizeof got);
        if (count_cps(got) == 1) lone++;
    }
    CHECK(lone == 0 && !gr_para_lone_mended(p), "in its pair width %.2fpt no line of one character, none mended",
          pairw);
    gr_para_free(p);
}

/* A bracketed group of at most four characters in a short text is one
 * word for column sizing from spare width (S10: 「（代理 / 局長）」):
 * gr_para_pair_width holds it whole, the minimum does not grow, and in
 * that width it is one line. A long text asks nothing for its groups. */
static void test_short_group(gr_ctx *ctx, gr_fontchain *ch)
{
    const char *text = "主任秘書兼發言人（代理局長）";
    char got[96];
    gr_para *p = make_para(ctx, text, ch, 9);
    gr_para_opts o = opts_for(1000, GR_ALIGN_CENTER);
    o.avoid_short_last = 1;
    gr_para_layout(p, &o);
    double minw = gr_para_min_width(p), pairw = gr_para_pair_width(p);
    CHECK(minw < 40 && pairw > 45 && pairw < 60, "（代理局長）: minimum %.2f, pair width %.2f", minw, pairw);
    o = opts_for(pairw, GR_ALIGN_CENTER);
    o.avoid_short_last = 1;
    gr_para_layout(p, &o);
    int whole = 0;
    for (int l = 0; l < gr_para_nlines(p); l++) {
        line_text(p, text, l, got, sizeof got);
        if (strcmp(got, "（代理局長）") == 0) whole = 1;
    }
    CHECK(whole, "in %.2fpt 「（代理局長）」 is one line", pairw);
    gr_para_free(p);
    const char *lng = "本年度由主任秘書兼發言人（代理局長）主持會議，各單位主管均出席並報告推動情形與下年度計畫。";
    p = make_para(ctx, lng, ch, 9);
    o = opts_for(1000, GR_ALIGN_JUSTIFY);
    gr_para_layout(p, &o);
    CHECK(gr_para_pair_width(p) < 40, "a long text asks no width for its groups (%.2f)", gr_para_pair_width(p));
    gr_para_free(p);
}

/* A text kept on one line (keep-together.within-line, as the templates
 * print a name) of three words or more breaks between its words when it
 * does not fit a whole line, never inside one and with no overflow note
 * (T3: 「Maria Clara Dela / Cruz-Santos」); a column needs only its more
 * even half (gr_para_min_width). Two words (「Tjuku Rusaljai」) and
 * initials (「L. I. S.」) stay one piece. */
static void test_kept_words(gr_ctx *ctx, gr_fontchain *ch)
{
    static const struct { const char *name; int breaks; const char *last; } cases[] = {
        { "Maria Clara Dela Cruz-Santos", 1, "Cruz-Santos" },
        { "Nguyễn Thị Mai Anh", 1, "Mai Anh" },      /* the even halves */
        { "Tjuku Rusaljai", 0, NULL },
        { "L. I. S.", 0, NULL },
    };
    static int marker;
    char got[96];
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        const char *name = cases[c].name;
        gr_text_style st;
        memset(&st, 0, sizeof st);
        st.chain = ch;
        st.size = 9;
        st.line_height = 13.5;
        st.file = "test.fo";
        st.line = 7;
        gr_para *p = gr_para_new(ctx);
        gr_para_add_text(p, "講師", strlen("講師"), &st);
        st.nobreak = &marker;
        gr_para_add_text(p, name, strlen(name), &st);
        char text[96];
        snprintf(text, sizeof text, "講師%s", name);
        gr_para_opts o = opts_for(1000, GR_ALIGN_START);
        o.avoid_short_last = 1;
        o.defer_overflow = 1;
        gr_para_layout(p, &o);
        double whole = gr_para_max_width(p), minw = gr_para_min_width(p);
        if (cases[c].breaks) {
            CHECK(minw < whole * 0.75, "%s: the minimum is a half (%.2f of %.2f)", name, minw, whole);
            o = opts_for(minw, GR_ALIGN_START);
            o.avoid_short_last = 1;
            o.defer_overflow = 1;
            gr_para_layout(p, &o);
            int n = gr_para_nlines(p), ok = 1;
            for (int l = 1; l < n; l++) {
                /* every line after the first starts at a word of the name */
                size_t off = gr_para_line(p, l)->text_start;
                const char *at = text;
                for (size_t u = 0; u < off && *at; u++) at += (*at & 0x80) ? ((*at & 0xE0) == 0xC0 ? 2 : 3) : 1;
                if (at > text && at[-1] != ' ' && strncmp(at, name, 3) != 0) ok = 0;
            }
            line_text(p, text, n - 1, got, sizeof got);
            CHECK(ok && n == 3 && strcmp(got, cases[c].last) == 0,
                  "%s in %.2fpt: 講師 / two halves between words (%d lines, last \"%s\")", name, minw, n, got);
            CHECK(gr_para_overflow(p, NULL, NULL, NULL) == NULL, "%s: no word wider than its line", name);
            /* just narrower than the whole name: still its even halves, not
               all but the last word (「Nguyễn Thị Mai / Anh」) */
            double kw = whole - 2 * 9 - 0.25 * 9 - 1;
            o = opts_for(kw, GR_ALIGN_START);
            o.avoid_short_last = 1;
            o.defer_overflow = 1;
            gr_para_layout(p, &o);
            line_text(p, text, gr_para_nlines(p) - 1, got, sizeof got);
            CHECK(strcmp(got, cases[c].last) == 0, "%s in %.2fpt: last line \"%s\" (\"%s\")", name, kw,
                  cases[c].last, got);
        } else {
            CHECK(minw > whole - 0.01 - 2.25 * 9, "%s: one piece (minimum %.2f of %.2f)", name, minw, whole);
        }
        gr_para_free(p);
    }
}

/* A text starting with one character before a name kept whole (「依 /
 * 達○．瓦○ / 委員…」, rare-names p5: the first line cannot pull a
 * character down) asks a column for the two together, from spare width
 * (gr_para_pair_width), its minimum staying the name's. */
static void test_lead_kept(gr_ctx *ctx, gr_fontchain *ch)
{
    static int marker;
    gr_text_style st;
    memset(&st, 0, sizeof st);
    st.chain = ch;
    st.size = 9;
    st.line_height = 13.5;
    st.file = "test.fo";
    st.line = 7;
    gr_para *p = gr_para_new(ctx);
    gr_para_add_text(p, "依", strlen("依"), &st);
    st.nobreak = &marker;
    gr_para_add_text(p, "達○．瓦○", strlen("達○．瓦○"), &st);
    st.nobreak = NULL;
    const char *rest = "委員及專家學者之意見修正課程內容與教材。";
    gr_para_add_text(p, rest, strlen(rest), &st);
    gr_para_opts o = opts_for(1000, GR_ALIGN_JUSTIFY);
    o.avoid_short_last = 1;
    gr_para_layout(p, &o);
    double minw = gr_para_min_width(p), pairw = gr_para_pair_width(p);
    CHECK(minw < 46 && pairw > minw + 8, "依 + 達○．瓦○: minimum %.2f (the name), pair width %.2f (both)", minw,
          pairw);
    gr_para_free(p);
}

/* Justification never spreads the halves of …… and —— apart (R14: a line
 * stretched because 「COVID-19」 cannot break put 1.75 pt between them). */
static void test_pairs_joined(gr_ctx *ctx, gr_fontchain *ch)
{
    const char *text = "本年度宣導活動參與人數較去年增加12.5%……詳見附件——含COVID-19期間（109-111年）資料與各區說明。";
    gr_para *p = make_para(ctx, text, ch, 12);
    int fails0 = nfail, seen = 0;
    for (int w = 0; w < 40; w++) {
        double width = 100 + w * 9.7;
        gr_para_opts o = opts_for(width, GR_ALIGN_JUSTIFY);
        gr_para_layout(p, &o);
        for (int l = 0; l < gr_para_nlines(p); l++) {
            const gr_line *ln = gr_para_line(p, l);
            for (int r = 0; r < ln->nruns; r++) {
                const gr_run *rn = &ln->runs[r];
                for (int g = 1; rn->face != ch->latin && g < rn->nglyphs; g++) {
                    if (rn->glyphs[g].gid != rn->glyphs[g - 1].gid) continue;
                    /* two equal glyphs in a row here: the halves of …… or —— */
                    double gap = rn->glyphs[g].x - rn->glyphs[g - 1].x - rn->glyphs[g - 1].advance;
                    seen++;
                    CHECK(fabs(gap) < 0.01, "width %.1f line %d: %.2f pt between the halves of a pair",
                          width, l + 1, gap);
                }
            }
        }
        if (nfail > fails0 + 5) break;
    }
    CHECK(seen > 0, "the pairs were found (%d)", seen);
    gr_para_free(p);
}

/* A footnote mark after a word never starts a line (R5: 「☐多元形式」 /
 * 「*」); after 。 it may (a note begins). */
static void test_footnote_mark(gr_ctx *ctx, gr_fontchain *ch)
{
    static const char *const texts[] = { "☑多元形式*", "主計處列管*", "專家學者意見項數（幾項）*" };
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        cptext *t = malloc(sizeof *t);
        to_cps(texts[k], t);
        gr_para *p = make_para(ctx, texts[k], ch, 9);
        for (int w = 0; w < 30; w++) {
            double width = 30 + w * 2.5;
            gr_para_opts o = opts_for(width, GR_ALIGN_START);
            gr_para_layout(p, &o);
            for (int l = 1; l < gr_para_nlines(p); l++) {
                size_t i = cp_index(t, gr_para_line(p, l)->text_start);
                CHECK(i < t->n && t->cp[i] != '*', "%s in %.1fpt: line %d starts with *", texts[k], width, l + 1);
            }
        }
        gr_para_free(p);
        free(t);
    }
}

/* 1 if the boundary before t->cp[i] is inside a run of ASCII letters and
 * digits that has a letter (a hex token, not a number). */
static int ascii_alnum_cp(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int digits_in_word(const cptext *t, size_t i)
{
    size_t k = i;
    while (k > 0 && ascii_alnum_cp(t->cp[k - 1])) k--;
    for (; k < t->n && ascii_alnum_cp(t->cp[k]); k++)
        if (t->cp[k] > '9') return 1;
    return 0;
}

/* A long token in a web address (no separator for many characters) may
 * break inside, so the line before keeps its natural spacing (R7); never
 * inside the scheme, never between two digits of a number (in a hex token
 * they are no number: test_url_measure). */
static void test_url_token(gr_ctx *ctx, gr_fontchain *ch)
{
    static const char *TEXT = "課程報名網址：https://wanhua.gov.taipei/cp.aspx?n=3F1D2A7C9B0E4D51&s=9A8B7C6D5E4F3A2B1C0D9E8F7A6B5C4D&utm_medium=oa，亦可撥打電話報名。";
    const char *tok = strstr(TEXT, "9A8B");
    size_t t0 = 0, t1;
    cptext *t = malloc(sizeof *t);
    to_cps(TEXT, t);
    for (size_t i = 0; i < t->n; i++)
        if (t->cp[i] == '9' && t->cp[i + 1] == 'A' && t->cp[i + 2] == '8') { t0 = t->off[i]; break; }
    t1 = t0 + 32;
    (void)tok;
    gr_para *p = make_para(ctx, TEXT, ch, 12);
    int broke_inside = 0, fails0 = nfail;
    for (int w = 0; w < 40; w++) {
        double width = 150 + w * 8.3;
        gr_para_opts o = opts_for(width, GR_ALIGN_JUSTIFY);
        gr_para_layout(p, &o);
        for (int l = 1; l < gr_para_nlines(p); l++) {
            size_t b = gr_para_line(p, l)->text_start, i = cp_index(t, b);
            if (b > t0 && b < t1) broke_inside++;
            CHECK(!(i > 0 && i < t->n && t->cp[i - 1] >= '0' && t->cp[i - 1] <= '9' &&
                    t->cp[i] >= '0' && t->cp[i] <= '9' && !digits_in_word(t, i)),
                  "width %.1f: the address is broken between two digits of a number", width);
            CHECK(!(i > 0 && (t->cp[i - 1] == '/' || t->cp[i - 1] == ':') && t->cp[i] == '/'),
                  "width %.1f: the address is broken inside its scheme", width);
        }
        /* the token does not go down whole leaving the line before it
           spread (it was: 「課 程 報 名 網 址 ：」 at 0.5 em) */
        for (int l = 0; l + 1 < gr_para_nlines(p); l++) {
            const gr_line *ln = gr_para_line(p, l);
            if (gr_para_line(p, l + 1)->text_start != t0) continue;
            for (int r = 0; r < ln->nruns; r++)
                for (int g = 1; ln->runs[r].face != ch->latin && g < ln->runs[r].nglyphs; g++) {
                    const gr_glyph *a = &ln->runs[r].glyphs[g - 1], *b = &ln->runs[r].glyphs[g];
                    CHECK(b->x - a->x - a->advance < 0.25 * 12, "width %.1f: the line before the token spread %.2f pt",
                          width, b->x - a->x - a->advance);
                }
        }
        if (nfail > fails0 + 5) break;
    }
    CHECK(broke_inside > 0, "the 32-character token broke inside at some width (%d)", broke_inside);
    gr_para_free(p);
    free(t);
}

/* A break inside a long token of a web address is a last resort taken at
 * the measure (S6): the line before it is full (the next character did
 * not fit), never 「…ABCDEF / 0123456789ABCDEF」 with ten digits' room
 * left; between two digits only in a run with letters (a hex token), never
 * inside a run of digits alone (a number); never inside a %-escape. A
 * line ends after 「_」 or inside a token only when its last good break
 * (after / . - ? & =) would leave it too short to justify within 0.25 em:
 * at 12 pt in 481.89 pt (held-shilin p1) the line before the address
 * ends 「…網站（https://shilin.gov.taipei/」, not 「…/News_」. */
static int url_sep(uint32_t c)
{
    return c == '/' || c == '.' || c == '-' || c == '?' || c == '&' || c == '=' || c == '_';
}

/* The line after a line broken inside an address token (at the measure)
 * is not spread to fill (review S6 rest: held-shilin p8, 「…%89）；陳 情 案
 * 件（案號：TPE-1110098765432、」 at the 0.5 em cap, the case number after it
 * too long to come up): the address line ends earlier inside the token
 * and the text line sets within 0.25 em a gap — unless that would leave
 * the address line less than half full. */
static void test_url_after_token(gr_ctx *ctx, gr_fontchain *ch)
{
    static const char *TEXT =
        "37場說明會之場次、日期、地點及各場男女參與人數，詳見本所網站公告（https://shilin.gov.taipei/cp.aspx?n=7E6D5C4B3A291807&page=2&PageSize=50&type=%E6%80%A7%E5%88%A5%E5%B9%B3%E7%AD%89）；"
        "陳情案件（案號：TPE-1110098765432、TPE-1110098765433）經里長轉介後，均於7日內回復。";
    cptext *t = malloc(sizeof *t);
    to_cps(TEXT, t);
    gr_para *p = make_para(ctx, TEXT, ch, 12);
    int after = 0, fails0 = nfail;
    char got[200];
    for (int w = 0; w < 90; w++) {
        double width = 200 + w * 3.1;
        gr_para_opts o = opts_for(width, GR_ALIGN_JUSTIFY);
        gr_para_layout(p, &o);
        for (int l = 0; l + 2 < gr_para_nlines(p); l++) {
            const gr_line *ln = gr_para_line(p, l), *nx = gr_para_line(p, l + 1);
            size_t i = cp_index(t, nx->text_start);
            if (i == 0 || i >= t->n) continue;
            uint32_t a = t->cp[i - 1], b = t->cp[i];
            if (url_sep(a) || !(ascii_alnum_cp(a) || a == '%') || !(ascii_alnum_cp(b) || b == '%'))
                continue;
            /* the address line's last piece (a %-escape, else its last
               character) would not fit beside the next line's text: only
               a new fill of the whole paragraph could help */
            line_text(p, TEXT, l, got, sizeof got);
            const char *pc = strrchr(got, '%');
            if (!pc || strlen(pc) > 3) pc = got + strlen(got) - 1;
            gr_para *q = make_para(ctx, pc, ch, 12);
            gr_para_opts qo = opts_for(1e6, GR_ALIGN_START);
            gr_para_layout(q, &qo);
            double piece = gr_para_line(q, 0)->width;
            gr_para_free(q);
            if (nx->width + piece > width + 0.01 || ln->width - piece < width / 2) continue;
            after++;
            double widest = 0;
            for (int r = 0; r < nx->nruns; r++)
                for (int g = 1; nx->runs[r].face != ch->latin && g < nx->runs[r].nglyphs; g++) {
                    const gr_glyph *x = &nx->runs[r].glyphs[g - 1], *y = &nx->runs[r].glyphs[g];
                    if (y->x - x->x - x->advance > widest) widest = y->x - x->x - x->advance;
                }
            line_text(p, TEXT, l + 1, got, sizeof got);
            CHECK(widest <= 0.3 * 12, "width %.1f: line %d after the address token spread %.2f pt (%s)",
                  width, l + 2, widest, got);
        }
        if (nfail > fails0 + 5) break;
    }
    CHECK(after > 0, "the address broke inside a token before a text line at some widths (%d)", after);
    gr_para_free(p);
    free(t);
}

/* The byte index in UTF-8 `text` of UTF-16 offset off16. */
static size_t byte_at16(const char *text, size_t off16)
{
    size_t len = strlen(text), i = 0, off = 0;
    while (i < len && off < off16) {
        uint32_t cp;
        int k = gr_utf8_decode(text + i, len - i, &cp);
        off += cp >= 0x10000 ? 2 : 1;
        i += (size_t)k;
    }
    return i;
}

/* A paragraph whose last words are an address does not end with the tail
 * of a token broken at the measure when the token fits whole on the last
 * line after a good break (review T27: held-social p1 「…&s=A1B2C3D4E5F607 /
 * 18。」; now 「…&s= / A1B2C3D4E5F60718。」): the address line before it
 * is left short — it has no gap to spread — unless that would leave it
 * less than half full. */
static void test_url_last_token(gr_ctx *ctx, gr_fontchain *ch)
{
    static const char *TEXT =
        "本局與民間團體合作提供同儕支持團體及家庭關係修復服務，詳見https://dosw.gov.taipei/News_Content.aspx?n=8E3F2A1B0C9D7E6F&sms=72544237BBE4C5F6&s=A1B2C3D4E5F60718。";
    cptext *t = malloc(sizeof *t);
    to_cps(TEXT, t);
    gr_para *p = make_para(ctx, TEXT, ch, 12);
    int whole = 0, fails0 = nfail;
    char got[200];
    for (int w = 0; w < 90; w++) {
        double width = 200 + w * 3.1;
        gr_para_opts o = opts_for(width, GR_ALIGN_JUSTIFY);
        gr_para_layout(p, &o);
        int nl = gr_para_nlines(p);
        if (nl < 2) continue;
        const gr_line *last = gr_para_line(p, nl - 1), *prev = gr_para_line(p, nl - 2);
        size_t i = cp_index(t, last->text_start), k;
        line_text(p, TEXT, nl - 1, got, sizeof got);
        if (strncmp(got, "A1B2C3D4E5F60718", 16) == 0) whole++;
        if (i == 0 || i >= t->n) continue;
        uint32_t a = t->cp[i - 1], b = t->cp[i];
        if (url_sep(a) || !(ascii_alnum_cp(a) || a == '%') || !(ascii_alnum_cp(b) || b == '%'))
            continue;
        /* the token's start: after the last separator before the break */
        for (k = i; k > 0 && !url_sep(t->cp[k - 1]); k--) ;
        gr_para *q = make_para(ctx, TEXT + byte_at16(TEXT, t->off[k]), ch, 12);
        gr_para_opts qo = opts_for(1e6, GR_ALIGN_START);
        gr_para_layout(q, &qo);
        double rest = gr_para_line(q, 0)->width;
        gr_para_free(q);
        /* the line before, ending at that separator instead */
        size_t h0 = byte_at16(TEXT, prev->text_start);
        char *head_s = strndup(TEXT + h0, byte_at16(TEXT, t->off[k]) - h0);
        gr_para *r = make_para(ctx, head_s, ch, 12);
        gr_para_layout(r, &qo);
        double head = gr_para_line(r, 0)->width;
        gr_para_free(r);
        free(head_s);
        CHECK(rest > width + 0.01 || head < width / 2,
              "width %.1f: the last line 「%s」 is the tail of a token that fits whole (%.1f of %.1f pt)",
              width, got, rest, width);
        if (nfail > fails0 + 5) break;
    }
    CHECK(whole > 0, "the token whole on the last line at some widths (%d)", whole);
    gr_para_free(p);
    free(t);
}

static void test_url_measure(gr_ctx *ctx, gr_fontchain *ch)
{
    static const char *TEXT =
        "活動資訊、簡報及錄影均公開於本所網站（https://shilin.gov.taipei/News_Content.aspx?n=A1B2C3D4E5F60718&sms=9F8E7D6C5B4A3921&s=0123456789ABCDEF0123456789ABCDEF）"
        "及官方帳號，案件編號查詢https://case.gov.taipei/q?id=12345678901234567890&type=%E6%80%A7%E5%88%A5%E5%B9%B3%E7%AD%89，均於7日內回復。";
    cptext *t = malloc(sizeof *t);
    to_cps(TEXT, t);
    gr_para *p = make_para(ctx, TEXT, ch, 12);
    int inside = 0, fails0 = nfail;
    char got[160];
    for (int w = 0; w < 80; w++) {
        double width = 140 + w * 4.3;
        gr_para_opts o = opts_for(width, GR_ALIGN_JUSTIFY);
        gr_para_layout(p, &o);
        for (int l = 0; l + 1 < gr_para_nlines(p); l++) {
            const gr_line *ln = gr_para_line(p, l);
            size_t i = cp_index(t, gr_para_line(p, l + 1)->text_start);
            if (i == 0 || i >= t->n) continue;
            uint32_t a = t->cp[i - 1], b = t->cp[i];
            CHECK(!(a >= '0' && a <= '9' && b >= '0' && b <= '9' && !digits_in_word(t, i)),
                  "width %.1f: line %d ends between two digits of a number", width, l + 1);
            CHECK(!(i >= 2 && (t->cp[i - 1] == '%' || t->cp[i - 2] == '%')),
                  "width %.1f: line %d ends inside a %%-escape", width, l + 1);
            if (!url_sep(a) && (ascii_alnum_cp(a) || a == '%') && (ascii_alnum_cp(b) || b == '%')) {
                inside++;
                CHECK(i + 1 < t->n && ascii_alnum_cp(t->cp[i + 1]),
                      "width %.1f: line %d ends before a token's last character (T5)", width, l + 1);
                line_text(p, TEXT, l, got, sizeof got);
                /* short by less than the next character (at most 0.85
                   em here), or the next %-escape (「%E6」), and the mark
                   that may not start a line after it (「）」「&」) */
                size_t n = b == '%' ? 3 : 1;
                uint32_t c = i + n < t->n ? t->cp[i + n] : 0;
                /* a token's last character never goes down alone (T5):
                   the last two may */
                if (ascii_alnum_cp(c) && !(i + n + 1 < t->n && ascii_alnum_cp(t->cp[i + n + 1]))) {
                    n++;
                    c = i + n < t->n ? t->cp[i + n] : 0;
                }
                if (c == 0xFF09 || c == 0xFF0C || c == 0x3002 || url_sep(c)) n++;
                /* or shorter when it gave its last pieces to the text
                   line after it, which then sets within 0.3 em a gap
                   where it would have spread (S6 rest:
                   test_url_after_token) */
                const gr_line *nx = gr_para_line(p, l + 1);
                double widest = 0;
                for (int r = 0; r < nx->nruns; r++)
                    for (int g = 1; nx->runs[r].face != ch->latin && g < nx->runs[r].nglyphs; g++) {
                        const gr_glyph *x = &nx->runs[r].glyphs[g - 1], *y = &nx->runs[r].glyphs[g];
                        if (y->x - x->x - x->advance > widest) widest = y->x - x->x - x->advance;
                    }
                if (l + 2 < gr_para_nlines(p) && nx->width > width - 0.01 && widest > 0 &&
                    widest <= 0.3 * 12)
                    continue;
                CHECK(ln->width > width - n * 0.85 * 12,
                      "width %.1f: line %d ends inside an address token %.1f pt short of the measure (%s)",
                      width, l + 1, width - ln->width, got);
            }
        }
        if (nfail > fails0 + 5) break;
    }
    CHECK(inside > 0, "the tokens broke inside at some widths (%d)", inside);
    gr_para_free(p);
    free(t);

    /* the good break before 「News_」 when it leaves the line justifiable */
    static const char *P1 = "37場，參與1,284人次（男性512人次、女性772人次，男性參與比率由110年之28.6%提升至39.9%）。"
        "活動資訊、簡報及錄影均公開於本所網站（https://shilin.gov.taipei/News_Content.aspx?n=A1B2C3D4E5F60718&sms=9F8E7D6C5B4A3921&s=0123456789ABCDEF0123456789ABCDEF）及官方帳號。";
    p = make_para(ctx, P1, ch, 12);
    gr_para_opts o = opts_for(481.89, GR_ALIGN_JUSTIFY);
    gr_para_layout(p, &o);
    line_text(p, P1, 1, got, sizeof got);
    size_t gl = strlen(got);
    CHECK(gl >= 7 && strcmp(got + gl - 7, "taipei/") == 0 && strstr(got, "News_") == NULL,
          "481.89pt: line 2 ends at 「taipei/」 (\"%s\")", got);
    gr_para_free(p);
}

/* The input arrays grow with the characters added, not their UTF-8 bytes
 * (three a Han character). */
static void test_capacity(gr_ctx *ctx, gr_fontchain *ch)
{
    size_t n = 3000, chars, units;
    char *text = malloc(n * 3 + 1);
    for (size_t i = 0; i < n; i++) memcpy(text + 3 * i, "性", 3);
    text[n * 3] = 0;
    gr_para *p = make_para(ctx, text, ch, 10);
    gr_para_capacity(p, &chars, &units);
    CHECK(chars >= n && chars < 2 * n, "3,000 Han characters: room for %zu characters (not 9,000 bytes' worth)", chars);
    CHECK(units >= n && units < 2 * n + 4, "3,000 Han characters: room for %zu UTF-16 units", units);
    gr_para_free(p);
    p = make_para(ctx, "𠮷𠮷𠮷𠮷", ch, 10);
    gr_para_opts o = opts_for(100, GR_ALIGN_START);
    gr_para_layout(p, &o);
    CHECK(gr_para_nlines(p) == 1 && gr_para_line(p, 0)->text_end == 8, "Ext-B characters take two UTF-16 units each");
    gr_para_free(p);
    free(text);
}

static void test_objects(gr_ctx *ctx, gr_fontchain *ch)
{
    gr_text_style st;
    memset(&st, 0, sizeof st);
    st.chain = ch;
    st.size = 12;
    st.line_height = 18;
    st.file = "test.fo";
    st.line = 9;
    gr_para *p = gr_para_new(ctx);
    CHECK(gr_para_empty(p), "new paragraph is empty");
    const char *a = "第一章　總則", *b = "12";
    int leader = 42;
    gr_para_add_text(p, a, strlen(a), &st);
    gr_para_add_leader(p, &leader, 6, 12, 1000, &st);
    gr_para_add_text(p, b, strlen(b), &st);
    gr_para_add_break(p);
    gr_para_add_text(p, a, strlen(a), &st);
    gr_para_opts o = opts_for(300, GR_ALIGN_JUSTIFY);
    gr_para_layout(p, &o);
    CHECK(gr_para_nlines(p) == 2, "forced break gives 2 lines (%d)", gr_para_nlines(p));
    const gr_line *ln = gr_para_line(p, 0);
    CHECK(ln && ln->nobjs == 1 && ln->objs[0].obj == &leader, "leader on line 1");
    if (ln && ln->nobjs == 1)
        CHECK(fabs(line_extent(ln) - 300) < 0.01, "leader fills the line (extent %.2f, leader %.2f)",
              line_extent(ln), ln->objs[0].width);
    CHECK(ln && fabs(ln->height - 18) < 0.01 && ln->baseline > 0 && ln->baseline < 18,
          "line height 18 (%.2f), baseline %.2f", ln ? ln->height : 0, ln ? ln->baseline : 0);
    if (ln) {
        double asc = ln->ascent, desc = ln->descent;
        CHECK(fabs(ln->baseline - ((18 - (asc + desc)) / 2 + asc)) < 0.01, "half-leading baseline");
    }
    gr_para_free(p);

    p = gr_para_new(ctx);
    int img = 1;
    gr_para_add_text(p, "圖", 3, &st);
    gr_para_add_object(p, &img, 50, 40, 0, &st);
    o = opts_for(300, GR_ALIGN_CENTER);
    gr_para_layout(p, &o);
    ln = gr_para_line(p, 0);
    CHECK(ln && ln->nobjs == 1 && ln->ascent >= 40 && ln->height >= 40, "object raises the line (%.1f)",
          ln ? ln->height : 0);
    CHECK(ln && ln->nruns == 1 && fabs(ln->runs[0].x - (300 - 62) / 2) < 0.01, "centred line (x %.2f)",
          ln && ln->nruns ? ln->runs[0].x : -1);
    CHECK(fabs(gr_para_max_width(p) - 62) < 0.01, "max width 62 (%.2f)", gr_para_max_width(p));
    gr_para_free(p);
}

/* Odd inputs: nothing may crash or hang, every line must be sane. */
static void test_robustness(gr_ctx *ctx, gr_fontchain *ch)
{
    gr_text_style st;
    memset(&st, 0, sizeof st);
    st.chain = ch;
    st.size = 10;
    st.line_height = 12;
    st.file = "odd.fo";
    st.line = 3;
    ctx->quiet_warnings = 1;
    gr_para_opts o = opts_for(50, GR_ALIGN_JUSTIFY);

    gr_para *p = gr_para_new(ctx);
    CHECK(gr_para_layout(p, &o) == GR_OK && gr_para_nlines(p) == 0, "empty paragraph: no lines");
    gr_para_add_break(p);
    gr_para_add_break(p);
    gr_para_layout(p, &o);
    CHECK(gr_para_nlines(p) == 2, "two forced breaks: 2 lines (%d)", gr_para_nlines(p));
    gr_para_free(p);

    const char *odd[] = { "   ", "\xff\xfe\x80" "abc\xc3", "。。。。。。。。。。。。。。。。", "「「「「「「「「「「「「「「",
                          "————————————————————", "a\xe2\x80\xa8" "b", "\xef\xb8\x80\xe2\x80\x8d", "x\xcc\x81\xcc\x82" };
    double widths[] = { 0, 1, 5, 50, 1e9, -3 };
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
            p = gr_para_new(ctx);
            gr_para_add_text(p, odd[i], strlen(odd[i]), &st);
            o.width = widths[w];
            CHECK(gr_para_layout(p, &o) == GR_OK, "odd input %zu width %g lays out", i, widths[w]);
            for (int l = 0; l < gr_para_nlines(p); l++) {
                const gr_line *ln = gr_para_line(p, l);
                CHECK(ln->height >= 0 && ln->width == ln->width, "odd input %zu: sane line", i);
            }
            gr_para_free(p);
        }
    }

    /* Pseudo-random bytes and code points, deterministic. */
    uint32_t seed = 12345;
    char *buf = malloc(4096);
    for (int round = 0; round < 40; round++) {
        size_t n = 0;
        while (n < 4000) {
            seed = seed * 1103515245u + 12345u;
            uint32_t r = seed >> 8;
            uint32_t cp = (round & 1) ? (r % 0x30000) : (r % 3 == 0 ? 0x4E00 + r % 500 : r % 0x3100);
            if (round % 4 == 3) buf[n++] = (char)(r & 0xff);
            else n += (size_t)gr_utf8_encode(cp, buf + n);
        }
        p = gr_para_new(ctx);
        gr_para_add_text(p, buf, n, &st);
        if (round % 5 == 0) gr_para_add_object(p, NULL, 30, 20, 5, &st);
        if (round % 7 == 0) gr_para_add_leader(p, NULL, 0, 10, 100, &st);
        o.width = 20 + round * 13;
        CHECK(gr_para_layout(p, &o) == GR_OK && gr_para_nlines(p) > 0, "random input %d lays out", round);
        gr_para_free(p);
    }
    free(buf);

    /* A style without a chain (its font-family failed): boxes, no crash. */
    st.chain = NULL;
    p = gr_para_new(ctx);
    gr_para_add_text(p, "無字型", strlen("無字型"), &st);
    o.width = 100;
    CHECK(gr_para_layout(p, &o) == GR_OK && gr_para_nlines(p) == 1, "text without a font chain");
    gr_para_free(p);
    ctx->quiet_warnings = 0;
}

/* Where the last line of one paragraph of text ends. */
static int last_text_end(gr_ctx *ctx, const char *text, gr_fontchain *ch)
{
    gr_para *p = make_para(ctx, text, ch, 10.5);
    gr_para_opts o = opts_for(453.5, GR_ALIGN_JUSTIFY);
    int end;
    gr_para_layout(p, &o);
    end = (int)gr_para_line(p, gr_para_nlines(p) - 1)->text_end;
    gr_para_free(p);
    return end;
}

static void test_timing(gr_ctx *ctx, gr_fontchain *ch)
{
    /* 111 paragraphs of 298 characters: 33,078 characters. */
    size_t base = strlen(LONG_TEXT);
    char *text = malloc(base + 1);
    memcpy(text, LONG_TEXT, base + 1);
    int nchars = 0;
    double t0 = now();
    for (int i = 0; i < 111; i++) {
        gr_para *p = make_para(ctx, text, ch, 10.5);
        gr_para_opts o = opts_for(453.5, GR_ALIGN_JUSTIFY);
        gr_para_layout(p, &o);
        const gr_line *last = gr_para_line(p, gr_para_nlines(p) - 1);
        nchars += (int)last->text_end;
        gr_para_free(p);
    }
    double dt = now() - t0;
    printf("timing: shaped, broke and justified %d characters (111 paragraphs) in %.1f ms\n",
           nchars, dt * 1e3);
    const char *cells[] = { "性別比率", "女性人數", "5,820,000", "參訓人員（人次）", "94.12%", "備註" };
    t0 = now();
    for (int i = 0; i < 5000; i++) {
        const char *c = cells[i % 6];
        gr_para *p = make_para(ctx, c, ch, 10);
        gr_para_opts o = opts_for(40, GR_ALIGN_JUSTIFY);
        gr_para_layout(p, &o);
        gr_para_free(p);
    }
    printf("timing: 5000 table-cell paragraphs in %.1f ms\n", (now() - t0) * 1e3);
    /* Figures only (speed belongs in make bench, never in a test): what is
     * asserted is that every paragraph was laid out to its last character. */
    CHECK(nchars == 111 * last_text_end(ctx, text, ch),
          "111 paragraphs laid out to their end (%d characters)", nchars);
    free(text);
}

/* A number keeps its unit (2,526人次, 112年); a web address breaks only
 * after / . - ? & = _ (no hyphen added); no justified gap over 0.5 em. */
static void test_numbers_urls(gr_ctx *ctx, gr_fontchain *ch)
{
    static const char *TEXT = "本年度共開設一百二十一班，總計2,526人次，112年經費12,345,678元，"
        "詳見https://www.gender.ey.gov.tw/gecdb/Stat_Statistics_DetailData.aspx?sn=nLF9GdMD&d=194q2o4w"
        "之說明與統計。";
    const char *url = strstr(TEXT, "https://");
    cptext *t = malloc(sizeof *t);
    cptext *w = malloc(sizeof *w);
    char *prefix = strndup(TEXT, (size_t)(url - TEXT));
    to_cps(prefix, w);
    size_t u0 = w->n16, u1 = u0 + strcspn(url, "\xe4");   /* ASCII: one unit a byte */
    to_cps(TEXT, t);
    gr_para *p = make_para(ctx, TEXT, ch, 12);
    int fails0 = nfail;
    for (int k = 0; k < 40; k++) {
        double width = 100 + k * 6.1;
        gr_para_opts o = opts_for(width, GR_ALIGN_JUSTIFY);
        gr_para_layout(p, &o);
        check_whole(p, t, TEXT, "2,526人", width);
        check_whole(p, t, TEXT, "112年", width);
        check_whole(p, t, TEXT, "12,345,678元", width);
        for (int l = 1; l < gr_para_nlines(p); l++) {
            size_t b = gr_para_line(p, l)->text_start;
            if (b > u0 && b < u1) {
                char c = url[b - u0 - 1];
                CHECK(strchr("/.-?&=_", c) != NULL, "width %.1f: address broken after '%c'", width, c);
            }
        }
        for (int l = 0; l + 1 < gr_para_nlines(p); l++) {
            const gr_line *ln = gr_para_line(p, l);
            for (int r = 0; r < ln->nruns; r++) {
                const gr_run *rn = &ln->runs[r];
                for (int g = 1; g < rn->nglyphs; g++) {
                    double gap = rn->glyphs[g].x - rn->glyphs[g - 1].x - rn->glyphs[g - 1].advance;
                    CHECK(gap <= 0.5 * 12 + 0.01, "width %.1f: line %d has a gap of %.2f pt", width, l, gap);
                }
            }
        }
        if (nfail > fails0 + 5) break;
    }
    gr_para_free(p);
    free(prefix);
    free(t);
    free(w);
}

/* A chain's fallback faces are opened only when a character needs one
 * (text/font.c): resolving 標楷體 and drawing common Han opens TW-Kai
 * alone; an Extension B character then opens TW-Kai-Ext-B, the face the
 * eager loading gave; ids follow the chain's order either way. */
static void test_lazy_faces(gr_ctx *ctx)
{
    gr_fontset *fs = gr_fontset_new(ctx, "fonts");
    CHECK(fs != NULL, "a second fontset");
    if (!fs) return;
    gr_fontchain *ch = gr_fontset_chain(fs, "標楷體", 400, "test.fo", 1);
    CHECK(ch && ch->nfaces >= 3, "標楷體 resolves to three faces or more");
    if (!ch || ch->nfaces < 3) {
        gr_fontset_free(fs);
        return;
    }
    CHECK(ch->faces[0]->hbfont && ch->faces[0]->is_cjk, "the primary face is opened at once");
    int opened = 0;
    for (int i = 1; i < ch->nfaces; i++)    /* the Latin face is opened with the chain */
        opened += ch->faces[i]->hbfont != NULL && ch->faces[i] != ch->latin;
    CHECK(opened == 0, "no fallback face is opened before a character needs it (%d opened)", opened);
    CHECK(gr_chain_face_for(ch, 0x6027, 0) == ch->faces[0] && gr_chain_face_for(ch, 0x5225, 0) == ch->faces[0],
          "性 and 別 take TW-Kai");
    CHECK(ch->faces[1]->hbfont == NULL && ch->faces[2]->hbfont == NULL,
          "Ext-B and Plus stay closed while TW-Kai has every character");
    gr_face *f = gr_chain_face_for(ch, 0x20BB7, 0);     /* 𠮷, Extension B */
    CHECK(f == ch->faces[1] && f->hbfont && strcmp(f->family, "TW-Kai-Ext-B") == 0
              && f->upem > 0 && f->psname && f->psname[0],
          "an Extension B character opens TW-Kai-Ext-B, with its metrics and name (got %s)",
          f ? f->family : "none");
    CHECK(ch->faces[2]->hbfont == NULL, "TW-Kai-Plus still closed");
    for (int i = 1; i < ch->nfaces; i++)
        CHECK(ch->faces[i]->id > ch->faces[i - 1]->id || ch->faces[i] == ch->latin,
              "face ids follow the chain's order (%d: %d)", i, ch->faces[i]->id);
    gr_fontset_free(fs);
}

/* gr_font_system_config leaves out a step of FcInitLoadConfigAndFonts
 * (parsing the template folder's descriptions: text/font.c): the two
 * configurations must know the same fonts and folders and, with our
 * aliases loaded into both, substitute every family list the templates and
 * the tests use (and the generic and unknown names) to the same pattern and
 * sort the fonts in the same order at each weight — all a chain is made of. */
static void fc_list(FcStrList *l, char *out, size_t n)
{
    FcChar8 *s;
    out[0] = 0;
    while (l && (s = FcStrListNext(l)) != NULL) {
        strncat(out, (const char *)s, n - strlen(out) - 1);
        strncat(out, ";", n - strlen(out) - 1);
    }
    if (l) FcStrListDone(l);
}

static void fc_sorted_files(FcConfig *c, const char *family, int weight, char *pat_out, size_t pn,
                            char *out, size_t n)
{
    FcPattern *pat = FcPatternCreate();
    FcResult res;
    FcFontSet *set;
    FcChar8 *u;
    char *work = strdup(family), *tok, *save = NULL;
    for (tok = strtok_r(work, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ') tok++;
        FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)tok);
    }
    free(work);
    FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"zh-tw");
    FcPatternAddDouble(pat, FC_WEIGHT, FcWeightFromOpenTypeDouble(weight));
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcConfigSubstitute(c, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    u = FcNameUnparse(pat);
    snprintf(pat_out, pn, "%s", u ? (const char *)u : "?");
    free(u);
    out[0] = 0;
    set = FcFontSort(c, pat, FcTrue, NULL, &res);
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *file = NULL;
        int index = 0;
        char one[600];
        FcPatternGetString(set->fonts[i], FC_FILE, 0, &file);
        FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
        snprintf(one, sizeof one, "%s#%d;", file ? (const char *)file : "?", index);
        strncat(out, one, n - strlen(out) - 1);
    }
    if (set) FcFontSetDestroy(set);
    FcPatternDestroy(pat);
}

static void test_system_config(void)
{
    static const char *const lists[] = {
        "標楷體", "標楷體, TW-Kai, serif", "標楷體, TW-Kai", "TW-Kai", "TW-Sung", "serif",
        "sans-serif", "monospace", "gereport-latin", "DFKai-SB", "kai", "全字庫正楷體", "明體",
        "細明體", "新細明體", "PMingLiU", "MingLiU", "全字庫正宋體", "Times New Roman", "Arial",
        "Liberation Serif", "DejaVu Serif", "NoSuchFontXYZ", "NoSuchFontXYZ, serif"
    };
    static char a[65536], b[65536], pa[8192], pb[8192];
    FcConfig *ours = gr_font_system_config(), *theirs = FcInitLoadConfigAndFonts();
    int same = 1, same_pat = 1, nfonts = 0;
    CHECK(ours && theirs, "both configurations load");
    if (!ours || !theirs) goto done;
    {
        FcFontSet *x = FcConfigGetFonts(ours, FcSetSystem), *y = FcConfigGetFonts(theirs, FcSetSystem);
        int n = x ? x->nfont : -1;
        CHECK(n > 0 && n == (y ? y->nfont : -1), "the same number of system fonts (%d, %d)", n,
              y ? y->nfont : -1);
        for (int i = 0; n > 0 && y && i < n && i < y->nfont; i++) {
            FcChar8 *f1 = NULL, *f2 = NULL;
            FcPatternGetString(x->fonts[i], FC_FILE, 0, &f1);
            FcPatternGetString(y->fonts[i], FC_FILE, 0, &f2);
            if (!f1 || !f2 || strcmp((const char *)f1, (const char *)f2) != 0) same = 0;
        }
        CHECK(same, "the system fonts in the same order");
        nfonts = n;
    }
    fc_list(FcConfigGetFontDirs(ours), a, sizeof a);
    fc_list(FcConfigGetFontDirs(theirs), b, sizeof b);
    CHECK(a[0] && strcmp(a, b) == 0, "the same font folders (%s | %s)", a, b);
    fc_list(FcConfigGetCacheDirs(ours), a, sizeof a);
    fc_list(FcConfigGetCacheDirs(theirs), b, sizeof b);
    CHECK(a[0] && strcmp(a, b) == 0, "the same cache folders (%s | %s)", a, b);
    fc_list(FcConfigGetConfigFiles(ours), a, sizeof a);
    fc_list(FcConfigGetConfigFiles(theirs), b, sizeof b);
    CHECK(a[0] && strcmp(a, b) == 0, "the same configuration files loaded");
    {
        char conf[4200], cwd[4096];
        snprintf(conf, sizeof conf, "%s/fonts/gereport-fonts.conf", getcwd(cwd, sizeof cwd) ? cwd : ".");
        CHECK(FcConfigParseAndLoad(ours, (const FcChar8 *)conf, FcTrue)
                  && FcConfigParseAndLoad(theirs, (const FcChar8 *)conf, FcTrue),
              "gereport-fonts.conf loads into both");
    }
    same = 1;
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        for (int w = 400; w <= 700; w += 300) {
            fc_sorted_files(ours, lists[i], w, pa, sizeof pa, a, sizeof a);
            fc_sorted_files(theirs, lists[i], w, pb, sizeof pb, b, sizeof b);
            if (strcmp(pa, pb) != 0) {
                same_pat = 0;
                fprintf(stderr, "%s at %d: %s\n  vs %s\n", lists[i], w, pa, pb);
            }
            if (!a[0] || strcmp(a, b) != 0) {
                same = 0;
                fprintf(stderr, "%s at %d sorts differently\n", lists[i], w);
            }
        }
    CHECK(same_pat, "every family list substitutes to the same pattern");
    CHECK(same, "every family list sorts the %d fonts in the same order", nfonts);
done:
    if (ours) FcConfigDestroy(ours);
    if (theirs) FcConfigDestroy(theirs);
}

int main(void)
{
    gr_ctx ctx;
    gr_ctx_init(&ctx);
    double t0 = now();
    gr_fontset *fs = gr_fontset_new(&ctx, "fonts");
    CHECK(fs != NULL, "fontset from fonts/gereport-fonts.conf");
    if (!fs) {
        printf("%d passed, %d failed\n", npass, nfail);
        return 1;
    }
    test_chains(&ctx, fs);
    test_lazy_faces(&ctx);
    test_system_config();
    gr_fontchain *kai = gr_fontset_chain(fs, "標楷體, DFKai-SB, serif", 400, "test.fo", 1);
    gr_fontchain *sung = gr_fontset_chain(fs, "TW-Sung", 400, "test.fo", 1);
    printf("setup: fontset and chains in %.1f ms\n", (now() - t0) * 1e3);
    if (kai && sung) {
        test_extb_and_missing(&ctx, kai);
        test_extb_and_missing(&ctx, sung);
        test_line_rules(&ctx, kai);
        test_line_rules(&ctx, sung);
        test_short_last(&ctx, kai);
        test_numbers_urls(&ctx, kai);
        test_latin(&ctx, kai);
        test_emergency(&ctx, kai);
        test_number_last_resort(&ctx, kai);
        test_unit_after_space(&ctx, kai);
        test_capacity(&ctx, kai);
        test_lone_char(&ctx, kai);
        test_words(&ctx, kai);
        test_lead_char(&ctx, kai);
        test_lone_inside(&ctx, kai);
        test_short_group(&ctx, kai);
        test_kept_words(&ctx, kai);
        test_lead_kept(&ctx, kai);
        test_url_scheme(&ctx, kai);
        test_latin_close(&ctx, kai);
        test_pairs_joined(&ctx, kai);
        test_footnote_mark(&ctx, kai);
        test_url_token(&ctx, kai);
        test_url_after_token(&ctx, kai);
        test_url_last_token(&ctx, kai);
        test_url_measure(&ctx, kai);
        test_objects(&ctx, kai);
        test_robustness(&ctx, kai);
        test_timing(&ctx, kai);
    }
    gr_fontset_free(fs);
    return unit_done();
}
