/* test_memo.c — the memo of shaped paragraphs (generator/text/memo.c and
 * its use in para.c): the memo's own bounds, and that a paragraph whose
 * shaping comes from the memo is laid out exactly as one shaped afresh
 * (in a fontset of its own, so nothing is remembered), across texts,
 * sizes, widths and no-break markers; characters no face has are still
 * reported every time. Run from the source tree root (fonts/).
 */
#include "../../generator/text/para.h"
#include "../../generator/text/font.h"
#include "../../generator/text/memo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static void test_memo_bounds(void)
{
    gr_memo *m = gr_memo_new();
    size_t vlen = 0;
    char key[32], val[4096];
    CHECK(gr_memo_get(m, "a", 1, &vlen) == NULL, "empty memo finds nothing");
    gr_memo_put(m, "a", 1, "xyz", 3);
    const char *v = gr_memo_get(m, "a", 1, &vlen);
    CHECK(v && vlen == 3 && memcmp(v, "xyz", 3) == 0, "a value comes back");
    CHECK(gr_memo_get(m, "ab", 2, &vlen) == NULL, "a longer key is another key");
    CHECK(gr_memo_get(m, "b", 1, &vlen) == NULL, "another key finds nothing");
    /* far more than the bound: the memo empties itself, the newest stays */
    memset(val, 'v', sizeof val);
    int n = (int)(GR_MEMO_MAX_BYTES / sizeof val) * 3, i, found_first = 0;
    for (i = 0; i < n; i++) {
        int kl = snprintf(key, sizeof key, "k%d", i);
        val[0] = (char)i;
        gr_memo_put(m, key, (size_t)kl, val, sizeof val);
    }
    int kl = snprintf(key, sizeof key, "k%d", n - 1);
    v = gr_memo_get(m, key, (size_t)kl, &vlen);
    CHECK(v && vlen == sizeof val && v[0] == (char)(n - 1), "the newest entry is kept");
    kl = snprintf(key, sizeof key, "k%d", 0);
    found_first = gr_memo_get(m, key, (size_t)kl, &vlen) != NULL;
    CHECK(!found_first, "old entries went when the bound was reached");
    /* an entry of more than a sixteenth of the bound is not kept */
    size_t big = GR_MEMO_MAX_BYTES / 8;
    char *huge = calloc(1, big);
    gr_memo_put(m, "huge", 4, huge, big);
    CHECK(gr_memo_get(m, "huge", 4, &vlen) == NULL, "a huge entry is not kept");
    free(huge);
    gr_memo_free(m);
}

typedef struct span {
    const char *text;
    double size;
    int nobreak;                /* 1: a no-break marker on this span */
} span;

static gr_para *make(gr_ctx *ctx, gr_fontchain *ch, const span *s, int n, const void *marker)
{
    gr_para *p = gr_para_new(ctx);
    for (int i = 0; i < n; i++) {
        gr_text_style st;
        memset(&st, 0, sizeof st);
        st.chain = ch;
        st.size = s[i].size;
        st.line_height = s[i].size * 1.5;
        st.file = "memo.fo";
        st.line = 10 + i;
        st.nobreak = s[i].nobreak ? marker : NULL;
        gr_para_add_text(p, s[i].text, strlen(s[i].text), &st);
    }
    return p;
}

/* 1 if the two layouts have the same lines, runs and glyphs. */
static int same_layout(const gr_para *a, const gr_para *b)
{
    int n = gr_para_nlines(a);
    if (n != gr_para_nlines(b)) return 0;
    for (int i = 0; i < n; i++) {
        const gr_line *x = gr_para_line(a, i), *y = gr_para_line(b, i);
        if (x->width != y->width || x->ascent != y->ascent || x->descent != y->descent
            || x->nruns != y->nruns || x->text_start != y->text_start
            || x->text_end != y->text_end)
            return 0;
        for (int r = 0; r < x->nruns; r++) {
            const gr_run *p = &x->runs[r], *q = &y->runs[r];
            if (p->x != q->x || p->width != q->width || p->nglyphs != q->nglyphs
                || p->size != q->size || p->missing != q->missing
                || p->missing_cp != q->missing_cp)
                return 0;
            /* faces differ between fontsets: compare their glyphs */
            for (int g = 0; g < p->nglyphs; g++)
                if (p->glyphs[g].gid != q->glyphs[g].gid || p->glyphs[g].x != q->glyphs[g].x
                    || p->glyphs[g].dy != q->glyphs[g].dy
                    || p->glyphs[g].advance != q->glyphs[g].advance)
                    return 0;
        }
    }
    return gr_para_min_width((gr_para *)a) == gr_para_min_width((gr_para *)b)
        && gr_para_max_width((gr_para *)a) == gr_para_max_width((gr_para *)b);
}

static void test_same_as_fresh(gr_ctx *ctx)
{
    static const span cases[][3] = {
        { { "性別平等工作成果報告", 10.5, 0 } },
        { { "「性別主流化」訓練：共 1,234 人次（男 567、女 667）。", 10.5, 0 } },
        { { "0", 10, 0 } },
        { { "是", 12, 0 } },
        { { "https://www.gender.taipei/ 與 CEDAW 第 5 條", 9, 0 } },
        { { "承辦人：", 10.5, 0 }, { "歐陽𠮷娜", 10.5, 1 }, { "（科長）。", 10.5, 0 } },
        { { "標題", 14, 0 }, { "內文與 Latin words。", 10.5, 0 } },
    };
    static const double widths[] = { 500, 120, 42, 15 };
    int marker_a = 0, marker_b = 0;
    gr_fontset *warm = gr_fontset_new(ctx, "fonts");
    CHECK(warm != NULL, "fontset");
    if (!warm) return;
    gr_fontchain *ch = gr_fontset_chain(warm, "標楷體, DFKai-SB, serif", 400, "memo.fo", 1);
    CHECK(ch != NULL, "chain");
    if (!ch) { gr_fontset_free(warm); return; }
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        int n = 0;
        while (n < 3 && cases[c][n].text) n++;
        for (int round = 0; round < 3; round++) {
            /* round 0 fills the memo; 1 and 2 find it (2 with another
               marker address: only which spans share one matters) */
            gr_fontset *fresh = gr_fontset_new(ctx, "fonts");
            gr_fontchain *fch = fresh ? gr_fontset_chain(fresh, "標楷體, DFKai-SB, serif", 400,
                                                         "memo.fo", 1) : NULL;
            CHECK(fch != NULL, "fresh chain");
            if (!fch) { gr_fontset_free(fresh); continue; }
            const void *mk = round == 2 ? (const void *)&marker_b : (const void *)&marker_a;
            gr_para *a = make(ctx, ch, cases[c], n, mk);
            gr_para *b = make(ctx, fch, cases[c], n, mk);
            for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
                gr_para_opts o;
                memset(&o, 0, sizeof o);
                o.width = widths[w];
                o.align = GR_ALIGN_JUSTIFY;
                o.align_last = GR_ALIGN_RELATIVE;
                o.avoid_short_last = 1;
                o.defer_overflow = 1;
                gr_para_layout(a, &o);
                gr_para_layout(b, &o);
                CHECK(same_layout(a, b), "case %zu round %d width %.0f: remembered shaping "
                      "lays out as fresh shaping", c, round, widths[w]);
            }
            gr_para_free(a);
            gr_para_free(b);
            gr_fontset_free(fresh);
        }
    }
    /* the same text at another size is not taken from the memo */
    static const span small[] = { { "性別平等工作成果報告", 8, 0 } };
    gr_para *a = make(ctx, ch, small, 1, NULL), *b = make(ctx, ch, cases[0], 1, NULL);
    gr_para_opts o;
    memset(&o, 0, sizeof o);
    o.width = 500;
    gr_para_layout(a, &o);
    gr_para_layout(b, &o);
    CHECK(gr_para_max_width(a) < gr_para_max_width(b) * 0.8,
          "a smaller size gives a narrower line (%.2f vs %.2f)", gr_para_max_width(a),
          gr_para_max_width(b));
    gr_para_free(a);
    gr_para_free(b);
    /* characters no face has are reported each time, never remembered */
    static const span missing[] = { { "缺字\xEE\x80\x80測試", 10.5, 0 } };   /* U+E000 */
    int before = ctx->nwarnings;
    for (int i = 0; i < 2; i++) {
        gr_para *p = make(ctx, ch, missing, 1, NULL);
        gr_para_layout(p, &o);
        gr_para_free(p);
    }
    CHECK(ctx->nwarnings - before == 2, "a missing character is reported for each "
          "paragraph (%d reports)", ctx->nwarnings - before);
    gr_fontset_free(warm);
}

int main(void)
{
    gr_ctx ctx;
    gr_ctx_init(&ctx);
    ctx.quiet_warnings = 1;
    test_memo_bounds();
    test_same_as_fresh(&ctx);
    return unit_done();
}
