/* para.c — owns paragraph layout: itemizing styled text into runs by style
 * and by face (per-character fallback, Latin companion face, "missing"
 * boxes), HarfBuzz shaping (once per paragraph), break opportunities from
 * linebreak.c, greedy line filling with a last-resort character break, the
 * CLREQ 3.8 last-line fix, 1/4 em between Han and Latin, justification,
 * alignment, leaders and line metrics (half-leading model).
 *
 * Memory: every array hangs off the gr_para and grows geometrically; the
 * output (lines, runs, glyphs, objects) is rebuilt in place by each
 * gr_para_layout. Nothing is allocated per character.
 */
#include "para.h"
#include "linebreak.h"
#include "memo.h"
#include "../util/msg.h"

#include <hb.h>
#include <assert.h>
#include <unicode/uchar.h>
#include <math.h>
#include <string.h>
#include <stdlib.h>
#include <stdio.h>

#define EPS 1e-6
#define MAX_CLUSTER_TEXT 32

enum { K_TEXT = 0, K_OBJ, K_LEADER, K_BREAK };

/* Unit flags. */
enum {
    U_BRK       = 1 << 0,   /* ordinary break allowed before this unit */
    U_BRKCHAR   = 1 << 1,   /* last-resort break allowed before it */
    U_SPACE     = 1 << 2,   /* U+0020 */
    U_CJK       = 1 << 3,   /* drawn as a CJK character (justifiable gaps) */
    U_HAN       = 1 << 4,   /* Han/kana/bopomofo (1/4 em to Latin) */
    U_LATIN     = 1 << 5,   /* Latin letter or digit */
    U_PUNCT     = 1 << 6,   /* punctuation (not counted as a character) */
    U_FORCED    = 1 << 7,   /* a forced line break */
    U_MISSING   = 1 << 8,   /* no face has it: a box */
    U_OBJ       = 1 << 9,
    U_LEADER    = 1 << 10,
    U_LATINFACE = 1 << 11,  /* drawn with the chain's Latin face */
    U_SQUEEZED  = 1 << 12,  /* compressed against the mark before it: its
                               gap takes no justification */
    U_WORD      = 1 << 13,  /* a word starts here (short texts only:
                               GR_LB_WORD) */
    U_BRKLATE   = 1 << 14,  /* U_BRK inside a web address after 「_」 */
    U_BRKTOKEN  = 1 << 15,  /* U_BRK inside a long token of an address */
    U_BRKKEPT   = 1 << 16,  /* after a space inside a text kept on one line
                               (keep-together.within-line) of three words or
                               more, each of two letters or more (a long
                               romanized name 「Maria Clara Dela
                               Cruz-Santos」, never 「L. / I.」): a line ends
                               there only when the kept text does not fit a
                               whole line (T3) */
    U_KEPTHALF  = 1 << 17   /* the U_BRKKEPT that splits its text into the
                               two most even halves: where column sizing
                               measures it (gr_para_min_width) */
};

typedef struct pchar {          /* one code point as added */
    uint32_t cp;
    uint32_t off;               /* UTF-16 offset */
    int32_t style;              /* index into styles, -1 if none */
    int32_t obj;                /* objects and leaders: index into objs */
    uint8_t kind;
} pchar;

typedef struct pobj {
    void *obj;
    double width, ascent, descent;
    double min, opt, max;       /* leaders */
    int leader;
} pobj;

typedef struct srun {           /* a shaping run */
    gr_face *face;              /* NULL for objects, breaks; primary for boxes */
    int32_t style;
    int32_t u0, u1;             /* its units */
    int kind;                   /* K_* */
    int missing;
    int latin_face;
} srun;

typedef struct sglyph {
    uint32_t gid;
    float adv, xoff, yoff;      /* pt: the face's own advance and offsets */
    float squeeze;              /* pt taken off the advance where it is drawn
                                   (adjacent punctuation) */
} sglyph;

typedef struct unit {           /* the smallest unbreakable piece: a cluster */
    uint32_t off;               /* UTF-16 offset of its first code point */
    uint32_t cp;                /* its first code point */
    int32_t g0, ng;             /* glyphs */
    int32_t srun;
    int32_t obj;
    float w;                    /* pt (leaders: min) */
    float gap;                  /* Han/Latin space before it, pt */
    uint32_t flags;
} unit;

typedef struct lspan {          /* a line as unit indices */
    int32_t s, e;               /* [s, e) */
    int forced;                 /* ends with a forced break */
} lspan;

struct gr_para {
    gr_ctx *ctx;
    /* input */
    gr_text_style *styles;
    int nstyles;
    size_t styles_cap;
    pchar *chars;
    size_t nchars, chars_cap;
    uint16_t *u16;
    size_t n16, u16_cap;
    pobj *objs;
    int nobjs;
    size_t objs_cap;
    gr_fontchain *chain0;       /* first chain seen: scratch objects */
    /* shaping, valid while shaped */
    int shaped;
    srun *sruns;
    size_t nsruns, sruns_cap;
    sglyph *glyphs;
    size_t nglyphs, glyphs_cap;
    unit *units;
    size_t nunits, units_cap;
    double *cumw, *cumgap;      /* prefix sums over units (n+1) */
    size_t cum_cap;
    uint32_t *missing_seen;     /* open-addressing set of reported cps */
    size_t missing_cap, missing_n;
    /* layout output */
    lspan *spans;
    size_t nspans, spans_cap;
    gr_line *lines;
    size_t lines_cap;
    int nlines;
    gr_run *runs;
    size_t nruns, runs_cap;
    gr_glyph *oglyphs;
    size_t oglyphs_cap;
    gr_para_obj *oobjs;
    size_t noobjs, oobjs_cap;
    double *leader_w;           /* per object: computed width */
    size_t leader_w_cap;
    double min_w, max_w;
    int warned_overflow;
    int defer_overflow;         /* this layout's opts: record, do not warn */
    char overflow_text[96];     /* the first word wider than its line, */
    const char *overflow_file;  /* where its text comes from, */
    int overflow_line;
    double overflow_avail;      /* and the width it had ("" if none) */
    int compacted;              /* gr_para_compact ran: lines only */
    int held;                   /* a spare set holding its arrays */
    void *block;                /* compacted: lines, runs, objects and
                                   glyphs in one allocation */
    int words;                  /* the last layout broke between words
                                   (break_lines) */
    int word_broken;            /* the last layout broke a short text
                                   inside a word (gr_para_word_broken) */
    double pair_w;              /* gr_para_pair_width */
    int lone_mended;            /* gr_para_lone_mended */
    int lone_char;              /* the last layout has a line of one
                                   character that fix_short_last could not
                                   mend (gr_para_lone_char) */
};

/* ---- character classes --------------------------------------------------- */

static int is_han(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3005 && cp <= 0x3007)
        || (cp >= 0x3021 && cp <= 0x3029) || (cp >= 0x3038 && cp <= 0x303B)
        || (cp >= 0x3040 && cp <= 0x30FF && cp != 0x30FB) || (cp >= 0x3100 && cp <= 0x312F)
        || (cp >= 0x31A0 && cp <= 0x31BF) || (cp >= 0x31F0 && cp <= 0x31FF)
        || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF)
        || (cp >= 0xF0000 && cp <= 0x10FFFD);
}

/* Punctuation and spaces that go with the Latin face next to Latin text. */
static int is_ascii_punct(uint32_t cp)
{
    return cp >= 0x20 && cp < 0x7F && !gr_is_latin_alnum(cp);
}

static int is_other_latin_punct(uint32_t cp)
{
    return (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7
        || (cp >= 0x2010 && cp <= 0x2013) || cp == 0x2018 || cp == 0x2019
        || cp == 0x201C || cp == 0x201D;
}

/* Characters that belong to the grapheme before them and default
 * ignorables: they take the face of the previous character. */
static int follows_previous(uint32_t cp)
{
    if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF
        || cp == 0x00AD || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
        || (cp >= 0xE0000 && cp <= 0xE007F) || (cp >= 0x180B && cp <= 0x180F))
        return 2;                         /* default ignorable */
    int8_t t = u_charType((UChar32)cp);
    return (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK)
           ? 1 : 0;
}

static int is_punct(uint32_t cp)
{
    return u_ispunct((UChar32)cp) || gr_lb_start_prohibited(cp) || gr_lb_end_prohibited(cp)
        || gr_lb_inseparable(cp);
}

/* ---- building the input --------------------------------------------------- */

/* ---- working arrays lent from paragraph to paragraph --------------------- */

/* A paragraph's working arrays (input, shaping, the lines before
 * compaction) are lent by its fontset's spare set when its first style
 * names a chain, and given back when it is compacted or freed, so that
 * paragraph after paragraph allocates none of them again. The spare set is
 * a gr_para that only holds arrays (`held` while they are there). */
#define LENT(X) X(styles, styles_cap) X(chars, chars_cap) X(u16, u16_cap) \
    X(objs, objs_cap) X(sruns, sruns_cap) X(glyphs, glyphs_cap) X(units, units_cap) \
    X(cumw, cum_cap) X(spans, spans_cap) X(lines, lines_cap) X(runs, runs_cap) \
    X(oglyphs, oglyphs_cap) X(oobjs, oobjs_cap) X(leader_w, leader_w_cap)

static void free_lent(gr_para *p)
{
#define FREE_ONE(a, cap) free(p->a); p->a = NULL; p->cap = 0;
    LENT(FREE_ONE)
#undef FREE_ONE
}

static int holds_none(const gr_para *p)
{
#define NONE_ONE(a, cap) if (p->a) return 0;
    LENT(NONE_ONE)
#undef NONE_ONE
    return 1;
}

static void move_lent(gr_para *to, gr_para *from)
{
#define MOVE_ONE(a, cap) to->a = from->a; to->cap = from->cap; from->a = NULL; from->cap = 0;
    LENT(MOVE_ONE)
#undef MOVE_ONE
}

static void spare_free(void *v)
{
    gr_para *spare = v;
    free_lent(spare);
    free(spare);
}

static gr_para *spare_of(const gr_para *p)
{
    void **slot;
    if (!p->chain0) return NULL;
    slot = gr_fontchain_para_spare(p->chain0, spare_free);
    if (!*slot) *slot = gr_calloc(1, sizeof(gr_para));
    return *slot;
}

/* Take the spare arrays (p holds none yet). */
static void borrow(gr_para *p)
{
    gr_para *spare = spare_of(p);
    if (spare && spare->held && holds_none(p)) {
        move_lent(p, spare);
        spare->held = 0;
    }
}

/* Give p's working arrays back, or free them when the spare set is full. */
static void give_back(gr_para *p)
{
    gr_para *spare = spare_of(p);
    if (spare && !spare->held) {
        move_lent(spare, p);
        spare->held = 1;
    } else {
        free_lent(p);
    }
}

/* ---- building the input --------------------------------------------------- */

gr_para *gr_para_new(gr_ctx *ctx)
{
    gr_para *p = gr_calloc(1, sizeof *p);
    p->ctx = ctx;
    return p;
}

void gr_para_free(gr_para *p)
{
    if (!p) return;
    free(p->cumgap);
    free(p->missing_seen);
    if (p->compacted) {
        free(p->block);         /* lines, runs, glyphs and objects */
    } else {
        give_back(p);
    }
    free(p);
}

/* Lines, runs, objects and glyphs of the last layout copied into one
 * exact-size block (16-byte aligned parts). */
static size_t up16(size_t n) { return (n + 15) & ~(size_t)15; }

void gr_para_compact(gr_para *p)
{
    gr_line *lines;
    gr_run *runs;
    gr_glyph *glyphs;
    gr_para_obj *objs;
    size_t nglyphs = 0, i, at_runs, at_objs, at_glyphs, total;
    unsigned char *block;
    if (!p || p->compacted) return;
    for (i = 0; i < p->nruns; i++) nglyphs += (size_t)p->runs[i].nglyphs;
    at_runs = up16((size_t)p->nlines * sizeof *lines);
    at_objs = at_runs + up16(p->nruns * sizeof *runs);
    at_glyphs = at_objs + up16(p->noobjs * sizeof *objs);
    total = at_glyphs + nglyphs * sizeof *glyphs;
    block = total ? gr_malloc(total) : NULL;
    lines = p->nlines ? (gr_line *)block : NULL;
    runs = p->nruns ? (gr_run *)(block + at_runs) : NULL;
    objs = p->noobjs ? (gr_para_obj *)(block + at_objs) : NULL;
    glyphs = nglyphs ? (gr_glyph *)(block + at_glyphs) : NULL;
    if (lines) memcpy(lines, p->lines, (size_t)p->nlines * sizeof *lines);
    if (runs) memcpy(runs, p->runs, p->nruns * sizeof *runs);
    if (objs) memcpy(objs, p->oobjs, p->noobjs * sizeof *objs);
    nglyphs = 0;
    for (i = 0; i < p->nruns; i++) {
        if (runs[i].nglyphs) {
            memcpy(glyphs + nglyphs, runs[i].glyphs, (size_t)runs[i].nglyphs * sizeof *glyphs);
            runs[i].glyphs = glyphs + nglyphs;
            nglyphs += (size_t)runs[i].nglyphs;
        }
    }
    for (i = 0; i < (size_t)p->nlines; i++) {
        lines[i].runs = lines[i].nruns ? runs + (lines[i].runs - p->runs) : NULL;
        lines[i].objs = lines[i].nobjs ? objs + (lines[i].objs - p->oobjs) : NULL;
    }
    give_back(p);
    p->nstyles = p->nobjs = 0;
    p->nchars = p->n16 = p->nsruns = p->nglyphs = p->nunits = p->nspans = 0;
    free(p->cumgap); p->cumgap = NULL;
    free(p->missing_seen); p->missing_seen = NULL; p->missing_cap = p->missing_n = 0;
    p->block = block;
    p->lines = lines; p->lines_cap = (size_t)p->nlines;
    p->runs = runs; p->runs_cap = p->nruns;
    p->oglyphs = glyphs; p->oglyphs_cap = nglyphs;
    p->oobjs = objs; p->oobjs_cap = p->noobjs;
    p->compacted = 1;
}

static int style_eq(const gr_text_style *a, const gr_text_style *b)
{
    return a->chain == b->chain && a->size == b->size && a->color.r == b->color.r
        && a->color.g == b->color.g && a->color.b == b->color.b
        && a->line_height == b->line_height && a->underline == b->underline
        && a->baseline_shift == b->baseline_shift && a->file == b->file && a->line == b->line
        && a->tag == b->tag && a->nobreak == b->nobreak;
}

static int32_t add_style(gr_para *p, const gr_text_style *st)
{
    if (!st) return -1;
    if (p->nstyles > 0 && style_eq(&p->styles[p->nstyles - 1], st)) return p->nstyles - 1;
    if (st->chain && !p->chain0) {
        p->chain0 = st->chain;
        borrow(p);
    }
    p->styles = gr_grow(p->styles, &p->styles_cap, (size_t)p->nstyles + 1, sizeof *p->styles);
    gr_text_style *s = &p->styles[p->nstyles];
    *s = *st;
    if (!(s->size > 0)) s->size = 0;
    if (s->size > 10000) s->size = 10000;
    if (!(s->line_height >= 0) || s->line_height > 100000) s->line_height = 0;
    if (!(fabs(s->baseline_shift) < 100000)) s->baseline_shift = 0;
    return p->nstyles++;
}

static void push_cp(gr_para *p, uint32_t cp, int32_t style, int kind, int32_t obj)
{
    p->chars = gr_grow(p->chars, &p->chars_cap, p->nchars + 1, sizeof *p->chars);
    p->u16 = gr_grow(p->u16, &p->u16_cap, p->n16 + 2, sizeof *p->u16);
    pchar *c = &p->chars[p->nchars++];
    c->cp = cp;
    c->off = (uint32_t)p->n16;
    c->style = style;
    c->obj = obj;
    c->kind = (uint8_t)kind;
    if (cp >= 0x10000) {
        p->u16[p->n16++] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
        p->u16[p->n16++] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
        p->u16[p->n16++] = (uint16_t)cp;
    }
    p->shaped = 0;
}

/* Room for more text: a paragraph stays far below what 32-bit offsets and
 * HarfBuzz's int lengths can hold. */
static int para_full(gr_para *p, const gr_text_style *st, size_t more)
{
    if (p->n16 + more * 2 < 0x3FFFFFFF) return 0;
    gr_error(p->ctx, st ? st->file : NULL, st ? st->line : 0, GR_TEXT(TEXT_PARAGRAPH_TOO_LONG_OVER));
    return 1;
}

void gr_para_add_text(gr_para *p, const char *utf8, size_t len, const gr_text_style *st)
{
    if (!p || !utf8 || len == 0 || para_full(p, st, len)) return;
    int32_t style = add_style(p, st);
    if (!gr_utf8_valid(utf8, len))
        gr_warn(p->ctx, st ? st->file : NULL, st ? st->line : 0, GR_TEXT(TEXT_VALID_UTF_8_INVALID));
    /* room by characters, not bytes (a Han character is three bytes, one
       pchar, one UTF-16 unit; four-byte ones take a surrogate pair);
       push_cp grows the arrays if invalid bytes make more */
    size_t ncp = 0, npairs = 0, i;
    for (i = 0; i < len; i++) {
        unsigned char b = (unsigned char)utf8[i];
        ncp += (b & 0xC0) != 0x80;
        npairs += b >= 0xF0;
    }
    p->chars = gr_grow(p->chars, &p->chars_cap, p->nchars + ncp, sizeof *p->chars);
    p->u16 = gr_grow(p->u16, &p->u16_cap, p->n16 + ncp + npairs + 2, sizeof *p->u16);
    i = 0;
    while (i < len) {
        uint32_t cp;
        int n = gr_utf8_decode(utf8 + i, len - i, &cp);
        i += (size_t)(n > 0 ? n : 1);
        if (cp == 0x09 || cp == 0x0A || cp == 0x0D) cp = 0x20;
        if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
            push_cp(p, 0x2028, style, K_BREAK, -1);
            continue;
        }
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) continue;   /* controls */
        push_cp(p, cp, style, K_TEXT, -1);
    }
}

static int32_t add_obj(gr_para *p, void *obj, double w, double a, double d)
{
    p->objs = gr_grow(p->objs, &p->objs_cap, (size_t)p->nobjs + 1, sizeof *p->objs);
    pobj *o = &p->objs[p->nobjs];
    memset(o, 0, sizeof *o);
    o->obj = obj;
    o->width = w >= 0 && w < 1e6 ? w : 0;
    o->ascent = a >= -1e6 && a < 1e6 ? a : 0;
    o->descent = d >= -1e6 && d < 1e6 ? d : 0;
    return p->nobjs++;
}

void gr_para_add_object(gr_para *p, void *obj, double width, double ascent,
                        double descent, const gr_text_style *st)
{
    if (!p || para_full(p, st, 1)) return;
    int32_t style = add_style(p, st);
    int32_t k = add_obj(p, obj, width, ascent, descent);
    push_cp(p, 0xFFFC, style, K_OBJ, k);
}

void gr_para_add_leader(gr_para *p, void *obj, double min, double opt,
                        double max, const gr_text_style *st)
{
    if (!p || para_full(p, st, 1)) return;
    int32_t style = add_style(p, st);
    if (!(min >= 0) || min > 1e6) min = 0;
    if (!(max >= min) || max > 1e6) max = max > 1e6 ? 1e6 : min;
    if (!(opt >= min)) opt = min;
    if (opt > max) opt = max;
    double a = 0, d = 0;
    if (st) {
        a = st->size * 0.88;
        d = st->size * 0.12;
    }
    int32_t k = add_obj(p, obj, min, a, d);
    p->objs[k].leader = 1;
    p->objs[k].min = min;
    p->objs[k].opt = opt;
    p->objs[k].max = max;
    push_cp(p, 0xFFFC, style, K_LEADER, k);
}

void gr_para_add_break(gr_para *p)
{
    if (!p) return;
    int32_t style = p->nchars > 0 ? p->chars[p->nchars - 1].style
                  : (p->nstyles > 0 ? 0 : -1);
    push_cp(p, 0x2028, style, K_BREAK, -1);
}

int gr_para_empty(const gr_para *p)
{
    return !p || p->nchars == 0;
}

/* ---- itemizing: a face per character --------------------------------------- */

static const gr_text_style *style_of(const gr_para *p, int32_t s)
{
    return s >= 0 && s < p->nstyles ? &p->styles[s] : NULL;
}

static gr_fontchain *chain_of(const gr_para *p, int32_t s)
{
    const gr_text_style *st = style_of(p, s);
    return st ? st->chain : NULL;
}

/* Reported-once set of missing code points. */
static int missing_first_time(gr_para *p, uint32_t cp)
{
    if (p->missing_n * 2 >= p->missing_cap) {
        size_t ncap = p->missing_cap ? p->missing_cap * 2 : 16;
        uint32_t *t = gr_calloc(ncap, sizeof *t);
        for (size_t i = 0; i < p->missing_cap; i++) {
            uint32_t v = p->missing_seen[i];
            if (!v) continue;
            size_t h = (v * 2654435761u) & (ncap - 1);
            while (t[h]) h = (h + 1) & (ncap - 1);
            t[h] = v;
        }
        free(p->missing_seen);
        p->missing_seen = t;
        p->missing_cap = ncap;
    }
    uint32_t key = cp + 1;                   /* 0 marks an empty slot */
    size_t h = (key * 2654435761u) & (p->missing_cap - 1);
    while (p->missing_seen[h]) {
        if (p->missing_seen[h] == key) return 0;
        h = (h + 1) & (p->missing_cap - 1);
    }
    p->missing_seen[h] = key;
    p->missing_n++;
    return 1;
}

/* The words of a character no font has: one place for layout and for
 * `check` (gr_chain_check_text). */
static void say_missing(gr_ctx *ctx, const char *file, int line, uint32_t cp,
                        const gr_fontchain *ch)
{
    char shown[8] = "";
    if (!gr_glyph_first_time(ctx, line, cp)) return;     /* said at this line */
    if (u_isgraph((UChar32)cp)) shown[gr_utf8_encode(cp, shown)] = 0;
    gr_warn(ctx, file, line, GR_TEXT(TEXT_CHARACTER_U_FONT_CHAIN),
            (unsigned)cp, shown, ch && ch->nfaces ? ch->faces[0]->family : "?");
}

static void report_missing(gr_para *p, const pchar *c)
{
    if (!missing_first_time(p, c->cp)) return;
    const gr_text_style *st = style_of(p, c->style);
    say_missing(p->ctx, st ? st->file : NULL, st ? st->line : 0, c->cp, st ? st->chain : NULL);
}

int gr_chain_check_text(gr_ctx *ctx, const gr_fontchain *ch, const char *s, size_t len,
                        const char *file, int line)
{
    uint32_t seen[16];
    int nseen = 0, nmissing = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int k, follow;
        i += (size_t)gr_utf8_decode(s + i, len - i, &cp);
        if (cp == 0x20 || cp == 0x09 || cp == 0x0A || cp == 0x0D) continue;
        follow = follows_previous(cp);
        if (follow == 2) continue;                     /* drawn with the previous */
        if (gr_chain_face_for(ch, cp, 0) || gr_chain_face_for(ch, cp, 1)) continue;
        for (k = 0; k < nseen && seen[k] != cp; k++) {}
        if (k < nseen) continue;                                 /* said once per text */
        if (nseen < 16) seen[nseen++] = cp;
        say_missing(ctx, file, line, cp, ch);
        nmissing++;
    }
    return nmissing;
}

/* For each character, the class of the nearest non-punctuation character
 * before and after it: 0 none, 1 Latin letter/digit, 2 other. */
static void latin_neighbours(const gr_para *p, unsigned char *before, unsigned char *after)
{
    unsigned char cls = 0;
    for (size_t i = 0; i < p->nchars; i++) {
        before[i] = cls;
        const pchar *c = &p->chars[i];
        if (c->kind != K_TEXT) cls = 0;
        else if (gr_is_latin_alnum(c->cp)) cls = 1;
        else if (!is_ascii_punct(c->cp) && !is_other_latin_punct(c->cp)) cls = 2;
    }
    cls = 0;
    for (size_t i = p->nchars; i-- > 0;) {
        after[i] = cls;
        const pchar *c = &p->chars[i];
        if (c->kind != K_TEXT) cls = 0;
        else if (gr_is_latin_alnum(c->cp)) cls = 1;
        else if (!is_ascii_punct(c->cp) && !is_other_latin_punct(c->cp)) cls = 2;
    }
}

static int latin_context(uint32_t cp, unsigned char before, unsigned char after)
{
    if (cp == 0x20) return 1;
    if (is_ascii_punct(cp)) return before == 1 || after == 1;
    if (is_other_latin_punct(cp))
        return (before == 1 || after == 1) && before != 2 && after != 2;
    return 0;
}

/* faces[i] for every character (NULL: missing or not text). */
static void choose_faces(gr_para *p, gr_face **faces)
{
    unsigned char *before = gr_malloc(p->nchars * 2 + 1);
    unsigned char *after = before + p->nchars;
    latin_neighbours(p, before, after);
    for (size_t i = 0; i < p->nchars; i++) {
        const pchar *c = &p->chars[i];
        faces[i] = NULL;
        if (c->kind != K_TEXT) continue;
        gr_fontchain *ch = chain_of(p, c->style);
        if (!ch) continue;
        int follow = follows_previous(c->cp);
        if (follow && i > 0 && faces[i - 1] && p->chars[i - 1].style == c->style
            && (follow == 2 || gr_face_has(faces[i - 1], c->cp))) {
            faces[i] = faces[i - 1];
            continue;
        }
        faces[i] = gr_chain_face_for(ch, c->cp, latin_context(c->cp, before[i], after[i]));
        if (!faces[i] && follow == 2) faces[i] = ch->faces[0];
        if (!faces[i]) report_missing(p, c);
    }
    free(before);
}

/* ---- shaping ------------------------------------------------------------------ */

static srun *new_srun(gr_para *p, gr_face *face, int32_t style, int kind, int missing)
{
    p->sruns = gr_grow(p->sruns, &p->sruns_cap, p->nsruns + 1, sizeof *p->sruns);
    srun *r = &p->sruns[p->nsruns++];
    memset(r, 0, sizeof *r);
    r->face = face;
    r->style = style;
    r->kind = kind;
    r->missing = missing;
    r->u0 = r->u1 = (int32_t)p->nunits;
    gr_fontchain *ch = chain_of(p, style);
    r->latin_face = face && ch && face == ch->latin && !face->is_cjk;
    return r;
}

static unit *new_unit(gr_para *p, uint32_t off, uint32_t cp)
{
    p->units = gr_grow(p->units, &p->units_cap, p->nunits + 1, sizeof *p->units);
    unit *u = &p->units[p->nunits++];
    memset(u, 0, sizeof *u);
    u->off = off;
    u->cp = cp;
    u->obj = -1;
    u->srun = (int32_t)p->nsruns - 1;
    return u;
}

static uint32_t cp_at16(const uint16_t *t, size_t len, size_t i, size_t *next)
{
    uint32_t c = t[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < len && t[i + 1] >= 0xDC00 && t[i + 1] <= 0xDFFF) {
        *next = i + 2;
        return 0x10000 + ((c - 0xD800) << 10) + (t[i + 1] - 0xDC00);
    }
    *next = i + 1;
    return c;
}

/* Record the source text of a cluster [off, end) for its first glyph. */
static void note_cluster_text(gr_para *p, gr_face *face, uint32_t gid, size_t off, size_t end)
{
    uint32_t text[MAX_CLUSTER_TEXT];
    int n = 0;
    for (size_t i = off, next; i < end && n < MAX_CLUSTER_TEXT; i = next)
        text[n++] = cp_at16(p->u16, p->n16, i, &next);
    gr_face_note_text(face, gid, text, n);
}

/* Shape characters [c0, c1) (same style and face) into units. */
static void shape_text_run(gr_para *p, size_t c0, size_t c1, gr_face *face,
                           hb_buffer_t *buf, hb_language_t zh, hb_language_t en)
{
    const gr_text_style *st = style_of(p, p->chars[c0].style);
    size_t off0 = p->chars[c0].off;
    size_t off1 = c1 < p->nchars ? p->chars[c1].off : p->n16;
    hb_buffer_clear_contents(buf);
    hb_buffer_add_utf16(buf, p->u16, (int)p->n16, (unsigned)off0, (int)(off1 - off0));
    if (face->is_cjk) {
        hb_buffer_set_script(buf, HB_SCRIPT_HAN);
        hb_buffer_set_language(buf, zh);
    } else {
        hb_buffer_guess_segment_properties(buf);
        if (hb_buffer_get_script(buf) == HB_SCRIPT_LATIN || hb_buffer_get_script(buf) == HB_SCRIPT_COMMON)
            hb_buffer_set_language(buf, en);
    }
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_shape(face->hbfont, buf, NULL, 0);

    unsigned n = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    double scale = st ? st->size / face->upem : 0;
    p->glyphs = gr_grow(p->glyphs, &p->glyphs_cap, p->nglyphs + n, sizeof *p->glyphs);
    unit *u = NULL;
    for (unsigned i = 0; i < n; i++) {
        uint32_t cl = info[i].cluster;
        if (!u || cl != u->off) {
            if (u && cl < u->off) cl = u->off;      /* keep clusters monotone */
            if (!u || cl != u->off) {
                size_t dummy;
                u = new_unit(p, cl, cp_at16(p->u16, p->n16, cl, &dummy));
                u->g0 = (int32_t)p->nglyphs;
            }
        }
        sglyph *g = &p->glyphs[p->nglyphs++];
        g->gid = info[i].codepoint;
        g->adv = (float)(pos[i].x_advance * scale);
        g->xoff = (float)(pos[i].x_offset * scale);
        g->yoff = (float)(pos[i].y_offset * scale);
        g->squeeze = 0;
        u->ng++;
        u->w += g->adv;
    }
    /* note texts now that cluster ends are known */
    srun *r = &p->sruns[p->nsruns - 1];
    for (size_t k = (size_t)r->u0; k < p->nunits; k++) {
        unit *v = &p->units[k];
        size_t end = k + 1 < p->nunits ? p->units[k + 1].off : off1;
        if (v->ng > 0) note_cluster_text(p, face, p->glyphs[v->g0].gid, v->off, end);
    }
}

static void add_special_unit(gr_para *p, const pchar *c)
{
    int missing = c->kind == K_TEXT;
    gr_fontchain *ch = chain_of(p, c->style);
    srun *r = new_srun(p, missing && ch && ch->nfaces ? ch->faces[0] : NULL, c->style,
                       c->kind, missing);
    unit *u = new_unit(p, c->off, c->cp);
    const gr_text_style *st = style_of(p, c->style);
    if (missing) {
        u->w = st ? (float)st->size : 0;
        u->flags |= U_MISSING;
    } else if (c->kind == K_OBJ) {
        u->obj = c->obj;
        u->w = (float)p->objs[c->obj].width;
        u->flags |= U_OBJ;
    } else if (c->kind == K_LEADER) {
        u->obj = c->obj;
        u->w = (float)p->objs[c->obj].min;
        u->flags |= U_LEADER;
    } else {
        u->flags |= U_FORCED;
    }
    r->u1 = (int32_t)p->nunits;
}

/* Flags and the Han/Latin gap of every unit. */
static void classify_units(gr_para *p, const unsigned char *brk)
{
    for (size_t k = 0; k < p->nunits; k++) {
        unit *u = &p->units[k];
        const srun *r = &p->sruns[u->srun];
        uint32_t f = u->flags;
        const void *nb = r->style >= 0 ? p->styles[r->style].nobreak : NULL;
        const srun *pr = k > 0 ? &p->sruns[p->units[k - 1].srun] : NULL;
        int kept = nb && pr && pr->style >= 0 && p->styles[pr->style].nobreak == nb;
        if ((brk[u->off] & GR_LB_ALLOW) && !kept) f |= U_BRK;
        if ((brk[u->off] & GR_LB_CHAR) && !kept) f |= U_BRKCHAR;
        if (brk[u->off] & GR_LB_WORD) f |= U_WORD;
        if ((f & U_BRK) && (brk[u->off] & GR_LB_LATE)) f |= U_BRKLATE;
        if ((f & U_BRK) && (brk[u->off] & GR_LB_TOKEN)) f |= U_BRKTOKEN;
        if (r->kind == K_TEXT) {
            uint32_t cp = u->cp;
            if (cp == 0x20) f |= U_SPACE;
            if (r->latin_face) f |= U_LATINFACE;
            if (gr_is_latin_alnum(cp)) f |= U_LATIN;
            if (is_han(cp)) f |= U_HAN;
            if (is_punct(cp)) f |= U_PUNCT;
            if (cp != 0x20 && !r->latin_face && (r->missing || is_han(cp) || cp >= 0x2E80
                || gr_lb_inseparable(cp) || is_other_latin_punct(cp) || cp == 0xB7 || cp == 0x2027
                || (r->face && r->face->is_cjk && !gr_is_latin_alnum(cp))))
                f |= U_CJK;
        }
        u->flags = f;
        if (k > 0) {
            const unit *v = &p->units[k - 1];
            /* a figure's 「%」 and an initial's 「.」 end the Latin run they
               close (「4.1% 提升」, 「N. H. 主持」: S15) */
            int latin_end = (v->flags & U_LATIN) ||
                            ((v->cp == '%' || v->cp == '.') && k >= 2 &&
                             (p->units[k - 2].flags & U_LATIN));
            const unit *han = (v->flags & U_HAN) && (f & U_LATIN) ? v
                            : latin_end && (f & U_HAN) ? u : NULL;
            if (han) {
                const gr_text_style *st = style_of(p, p->sruns[han->srun].style);
                u->gap = st ? (float)(st->size * 0.25) : 0;
            }
        }
    }
}

/* 1 if units k-1 and k are in the same text kept on one line. */
static int same_kept(const gr_para *p, size_t k)
{
    const srun *r = &p->sruns[p->units[k].srun], *pr = &p->sruns[p->units[k - 1].srun];
    const void *nb = r->style >= 0 ? p->styles[r->style].nobreak : NULL;
    return nb && pr->style >= 0 && p->styles[pr->style].nobreak == nb;
}

/* Letters (Latin, Han) of units [s, e). */
static int letters(const gr_para *p, size_t s, size_t e)
{
    int n = 0;
    for (size_t k = s; k < e; k++) n += (p->units[k].flags & (U_LATIN | U_HAN)) != 0;
    return n;
}

static double span_width(const gr_para *p, int32_t s, int32_t e);
static int32_t content_end(const gr_para *p, int32_t s, int32_t e);

/* U_BRKKEPT and U_KEPTHALF in each kept text [a, b) of three words or
 * more (separated by single spaces), each of two letters or more. */
static void mark_kept_run(gr_para *p, const unsigned char *brk, size_t a, size_t b)
{
    size_t starts[64];
    int nw = 0;
    for (size_t k = a; k < b; k++) {
        int start = k == a || ((p->units[k - 1].flags & U_SPACE) && !(p->units[k].flags & U_SPACE));
        if (!start) continue;
        if (nw == 64) return;
        starts[nw++] = k;
    }
    if (nw < 3) return;
    for (int w = 0; w < nw; w++) {
        size_t e = w + 1 < nw ? starts[w + 1] : b;
        if (letters(p, starts[w], e) < 2) return;
    }
    double best = HUGE_VAL;
    size_t half = 0;
    for (int w = 1; w < nw; w++) {
        size_t k = starts[w];
        if (!(brk[p->units[k].off] & GR_LB_ALLOW)) continue;
        p->units[k].flags |= U_BRKKEPT;
        double l = span_width(p, (int32_t)a, content_end(p, (int32_t)a, (int32_t)k));
        double r = span_width(p, (int32_t)k, content_end(p, (int32_t)k, (int32_t)b));
        if (fmax(l, r) < best) { best = fmax(l, r); half = k; }
    }
    if (half) p->units[half].flags |= U_KEPTHALF;
}

static void mark_kept_spaces(gr_para *p, const unsigned char *brk)
{
    size_t a = 0;
    for (size_t k = 1; k <= p->nunits; k++) {
        if (k < p->nunits && same_kept(p, k)) continue;
        if (k - a >= 2 && same_kept(p, a + 1)) mark_kept_run(p, brk, a, k);
        a = k;
    }
}

/* Brackets and the marks that meet them (CLREQ 3.1.6): 、。，．：；？！ and
 * the opening and closing brackets/quotes. */
static int is_squeezable(uint32_t cp)
{
    switch (cp) {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B:
    case 0xFF1F: case 0xFF01:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0xFF08: case 0xFF09:
    case 0x3010: case 0x3011: case 0x3014: case 0x3015: case 0x3008: case 0x3009:
    case 0x300A: case 0x300B: case 0xFF5B: case 0xFF5D: case 0x201C: case 0x201D:
    case 0x2018: case 0x2019:
        return 1;
    }
    return 0;
}

/* Blank space (pt) on the end side of a unit's last glyph and on the start
 * side of a unit's first glyph, from the glyphs' ink. */
static double blank_after(const gr_para *p, const unit *u, const gr_face *f, double scale)
{
    const sglyph *g = &p->glyphs[u->g0 + u->ng - 1];
    hb_glyph_extents_t e;
    if (!hb_font_get_glyph_extents(f->hbfont, g->gid, &e) || e.width <= 0) return 0;
    return g->adv - g->squeeze - (g->xoff + (e.x_bearing + e.width) * scale);
}

static double blank_before(const gr_para *p, const unit *u, const gr_face *f, double scale)
{
    const sglyph *g = &p->glyphs[u->g0];
    hb_glyph_extents_t e;
    if (!hb_font_get_glyph_extents(f->hbfont, g->gid, &e) || e.width <= 0) return 0;
    return g->xoff + e.x_bearing * scale;
}

/* Adjacent punctuation (CLREQ 3.1.6): where two marks meet, e.g. 。」 or
 * 」『, the blank halves of their em boxes would leave a wide hole; the
 * first one gives up the blank beyond 1/8 em, at most half an em. Measured
 * from the glyphs' ink, so it suits any face. */
static void squeeze_punctuation(gr_para *p)
{
    for (size_t k = 1; k < p->nunits; k++) {
        unit *a = &p->units[k - 1], *b = &p->units[k];
        const srun *ra = &p->sruns[a->srun], *rb = &p->sruns[b->srun];
        const gr_text_style *st;
        double scale, blank, cut;
        if (a->ng <= 0 || b->ng <= 0 || ra->kind != K_TEXT || rb->kind != K_TEXT) continue;
        if (!is_squeezable(a->cp) || !is_squeezable(b->cp)) continue;
        if (!ra->face || ra->face != rb->face || ra->latin_face || !ra->face->is_cjk) continue;
        st = style_of(p, ra->style);
        if (!st || st != style_of(p, rb->style)) continue;
        scale = st->size / ra->face->upem;
        blank = blank_after(p, a, ra->face, scale) + blank_before(p, b, rb->face, scale);
        cut = blank - st->size / 8;
        if (cut > st->size / 2) cut = st->size / 2;
        if (cut <= 0.01) continue;
        p->glyphs[a->g0 + a->ng - 1].squeeze = (float)cut;
        a->w -= (float)cut;
        b->flags |= U_SQUEEZED;
    }
}

static void compute_prefix_sums(gr_para *p)
{
    p->cumw = gr_grow(p->cumw, &p->cum_cap, p->nunits + 1, sizeof *p->cumw);
    size_t cap2 = 0;
    free(p->cumgap);
    p->cumgap = gr_grow(NULL, &cap2, p->nunits + 1, sizeof *p->cumgap);
    p->cumw[0] = p->cumgap[0] = 0;
    for (size_t k = 0; k < p->nunits; k++) {
        p->cumw[k + 1] = p->cumw[k] + p->units[k].w;
        p->cumgap[k + 1] = p->cumgap[k] + p->units[k].gap;
    }
}

/* ---- the memo of shaped short paragraphs (memo.h) ------------------------------ */

/* What shaping depends on, for a paragraph of text only: per style its
 * chain, size and no-break marker (by address: only which styles share
 * one matters), the UTF-16 text and each character's style. Styles'
 * colours, tags and source lines do not change the shaping; a paragraph
 * with objects, leaders, breaks or characters no face has is never kept
 * (those are reported or measured by the caller each time). */
#define MEMO_MAX_CHARS  160
#define MEMO_MAX_STYLES 16
#define MEMO_KEY_MAX    (sizeof(int32_t) + MEMO_MAX_STYLES * 3 * sizeof(double) \
                         + sizeof(uint32_t) + MEMO_MAX_CHARS * 2 * sizeof(uint16_t) + MEMO_MAX_CHARS)

typedef struct memo_head {
    uint32_t nsruns, nunits, nglyphs;
} memo_head;

static size_t memo_key(const gr_para *p, unsigned char *key)
{
    size_t k = 0;
    int32_t ns = p->nstyles;
    uint32_t n16 = (uint32_t)p->n16;
    if (p->nchars == 0 || p->nchars > MEMO_MAX_CHARS || ns <= 0 || ns > MEMO_MAX_STYLES)
        return 0;
    for (size_t i = 0; i < p->nchars; i++)
        if (p->chars[i].kind != K_TEXT || p->chars[i].style < 0) return 0;
    memcpy(key + k, &ns, sizeof ns);
    k += sizeof ns;
    for (int32_t i = 0; i < ns; i++) {
        const gr_text_style *st = &p->styles[i];
        const void *ptr[2] = { st->chain, st->nobreak };
        if (!st->chain) return 0;
        memcpy(key + k, ptr, sizeof ptr);
        k += sizeof ptr;
        memcpy(key + k, &st->size, sizeof st->size);
        k += sizeof st->size;
    }
    memcpy(key + k, &n16, sizeof n16);
    k += sizeof n16;
    memcpy(key + k, p->u16, p->n16 * sizeof *p->u16);
    k += p->n16 * sizeof *p->u16;
    for (size_t i = 0; i < p->nchars; i++) key[k++] = (unsigned char)p->chars[i].style;
    assert(k <= MEMO_KEY_MAX);
    return k;
}

static void compute_prefix_sums(gr_para *p);

/* 1 if the shaping of an equal paragraph was found and is now p's. */
static int memo_restore(gr_para *p, gr_memo *m, const unsigned char *key, size_t klen)
{
    size_t vlen = 0;
    const unsigned char *v = gr_memo_get(m, key, klen, &vlen);
    memo_head h;
    if (!v) return 0;
    memcpy(&h, v, sizeof h);
    assert(vlen == sizeof h + h.nsruns * sizeof(srun) + h.nunits * sizeof(unit)
                   + h.nglyphs * sizeof(sglyph));
    v += sizeof h;
    p->sruns = gr_grow(p->sruns, &p->sruns_cap, h.nsruns + 1, sizeof *p->sruns);
    p->units = gr_grow(p->units, &p->units_cap, h.nunits + 1, sizeof *p->units);
    p->glyphs = gr_grow(p->glyphs, &p->glyphs_cap, h.nglyphs + 1, sizeof *p->glyphs);
    memcpy(p->sruns, v, h.nsruns * sizeof(srun));
    v += h.nsruns * sizeof(srun);
    memcpy(p->units, v, h.nunits * sizeof(unit));
    v += h.nunits * sizeof(unit);
    memcpy(p->glyphs, v, h.nglyphs * sizeof(sglyph));
    p->nsruns = h.nsruns;
    p->nunits = h.nunits;
    p->nglyphs = h.nglyphs;
    compute_prefix_sums(p);
    p->shaped = 1;
    return 1;
}

static void memo_store(const gr_para *p, gr_memo *m, const unsigned char *key, size_t klen)
{
    memo_head h = { (uint32_t)p->nsruns, (uint32_t)p->nunits, (uint32_t)p->nglyphs };
    size_t vlen = sizeof h + p->nsruns * sizeof(srun) + p->nunits * sizeof(unit)
                  + p->nglyphs * sizeof(sglyph), at = 0;
    unsigned char *v;
    for (size_t i = 0; i < p->nsruns; i++)
        if (p->sruns[i].missing || p->sruns[i].kind != K_TEXT) return;
    v = gr_malloc(vlen);
    memcpy(v, &h, sizeof h);
    at += sizeof h;
    memcpy(v + at, p->sruns, p->nsruns * sizeof(srun));
    at += p->nsruns * sizeof(srun);
    memcpy(v + at, p->units, p->nunits * sizeof(unit));
    at += p->nunits * sizeof(unit);
    memcpy(v + at, p->glyphs, p->nglyphs * sizeof(sglyph));
    gr_memo_put(m, key, klen, v, vlen);
    free(v);
}

static void shape_para(gr_para *p)
{
    unsigned char key[MEMO_KEY_MAX];
    gr_memo *memo = p->chain0 ? gr_fontchain_memo(p->chain0) : NULL;
    size_t klen = memo ? memo_key(p, key) : 0;
    p->nsruns = p->nglyphs = p->nunits = 0;
    if (klen && memo_restore(p, memo, key, klen)) return;
    gr_face **faces = gr_malloc((p->nchars + 1) * sizeof *faces);
    choose_faces(p, faces);
    hb_buffer_t *buf = p->chain0 ? gr_fontchain_hb_buffer(p->chain0) : NULL;
    hb_language_t zh = hb_language_from_string("zh-Hant", -1);
    hb_language_t en = hb_language_from_string("en", -1);
    size_t i = 0;
    while (i < p->nchars) {
        const pchar *c = &p->chars[i];
        if (c->kind != K_TEXT || !faces[i] || !buf) {
            add_special_unit(p, c);
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < p->nchars && p->chars[j].kind == K_TEXT && faces[j] == faces[i]
               && p->chars[j].style == c->style)
            j++;
        new_srun(p, faces[i], c->style, K_TEXT, 0);
        shape_text_run(p, i, j, faces[i], buf, zh, en);
        p->sruns[p->nsruns - 1].u1 = (int32_t)p->nunits;
        i = j;
    }
    free(faces);

    unsigned char *brk = gr_malloc(p->n16 + 1);
    gr_linebreak_find(p->chain0 ? gr_fontchain_linebreaker(p->chain0) : NULL,
                      p->u16, p->n16, brk);
    classify_units(p, brk);
    squeeze_punctuation(p);
    compute_prefix_sums(p);
    mark_kept_spaces(p, brk);
    free(brk);
    p->shaped = 1;
    if (klen) memo_store(p, memo, key, klen);
}

/* ---- line filling ----------------------------------------------------------------- */

/* The squeeze a line ending before unit e gives back: a mark squeezed
 * against the one after it keeps its full em when a line ends between
 * them. */
static double squeeze_returned(const gr_para *p, int32_t e)
{
    const unit *a;
    if (e <= 0 || e >= (int32_t)p->nunits || !(p->units[e].flags & U_SQUEEZED)) return 0;
    a = &p->units[e - 1];
    return a->ng > 0 ? p->glyphs[a->g0 + a->ng - 1].squeeze : 0;
}

/* Natural width of units [s, e): widths plus the gaps between them. */
static double span_width(const gr_para *p, int32_t s, int32_t e)
{
    if (e <= s) return 0;
    return (p->cumw[e] - p->cumw[s]) + (p->cumgap[e] - p->cumgap[s + 1]) +
           squeeze_returned(p, e);
}

/* End of the content of [s, e): without trailing spaces and forced break. */
static int32_t content_end(const gr_para *p, int32_t s, int32_t e)
{
    while (e > s && (p->units[e - 1].flags & (U_SPACE | U_FORCED))) e--;
    return e;
}

static void push_span(gr_para *p, int32_t s, int32_t e, int forced)
{
    p->spans = gr_grow(p->spans, &p->spans_cap, p->nspans + 1, sizeof *p->spans);
    p->spans[p->nspans].s = s;
    p->spans[p->nspans].e = e;
    p->spans[p->nspans].forced = forced;
    p->nspans++;
}

/* Up to `max` bytes of UTF-8 text of units [s, e) for a message. */
static void excerpt(const gr_para *p, int32_t s, int32_t e, char *out, size_t max)
{
    size_t n = 0;
    size_t off0 = p->units[s].off;
    size_t off1 = e < (int32_t)p->nunits ? p->units[e].off : p->n16;
    for (size_t i = off0, next; i < off1; i = next) {
        uint32_t cp = cp_at16(p->u16, p->n16, i, &next);
        if (cp == 0xFFFC || cp == 0x2028) continue;
        if (n + 8 >= max) {
            memcpy(out + n, "…", 3);
            n += 3;
            break;
        }
        n += (size_t)gr_utf8_encode(cp, out + n);
    }
    out[n] = 0;
}

static void warn_overflow(gr_para *p, int32_t s, double avail)
{
    /* objects too wide for the line are the caller's to scale or report */
    if (p->warned_overflow || (p->units[s].flags & (U_OBJ | U_LEADER | U_FORCED))) return;
    p->warned_overflow = 1;
    int32_t e = s + 1;
    while (e < (int32_t)p->nunits && !(p->units[e].flags & (U_BRK | U_FORCED))) e++;
    char *text = p->overflow_text;
    excerpt(p, s, e, text, sizeof p->overflow_text);
    const gr_text_style *st = style_of(p, p->sruns[p->units[s].srun].style);
    p->overflow_file = st ? st->file : NULL;
    p->overflow_line = st ? st->line : 0;
    p->overflow_avail = avail;
    if (p->defer_overflow) return;      /* the caller tries smaller type first */
    gr_warn(p->ctx, st ? st->file : NULL, st ? st->line : 0, GR_TEXT(TEXT_WIDER_THAN_AVAILABLE_PT),
            text, avail);
}

/* Characters (not punctuation, not spaces) in units [s, e). */
static int count_chars(const gr_para *p, int32_t s, int32_t e)
{
    int n = 0;
    for (int32_t k = s; k < e; k++)
        if (!(p->units[k].flags & (U_PUNCT | U_SPACE | U_FORCED))) n++;
    return n;
}

static int is_digit_cp(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* A group separator or decimal point of a number: , . ， ． */
static int is_number_separator(uint32_t cp)
{
    return cp == ',' || cp == '.' || cp == 0xFF0C || cp == 0xFF0E;
}

/* Last-resort end of a line starting at s when unit i overflows and no
 * ordinary break was possible (a word wider than the line), in this order:
 * inside a number, after the last separator that fits, so that the
 * separator ends the line and the next one starts with a whole group
 * (2,345, / 678; never 2,345,67 / 8); else the last character boundary
 * that leaves at least two characters of the word for the next line (no
 * digit or letter alone: CLREQ 3.8); else the last boundary that fits. */
static int32_t emergency_end(gr_para *p, int32_t s, int32_t i, double avail)
{
    int32_t n = (int32_t)p->nunits, we = i + 1, j;
    warn_overflow(p, s, avail);
    while (we < n && !(p->units[we].flags & (U_BRK | U_FORCED))) we++;
    for (j = i; j >= s + 2; j--)
        if ((p->units[j].flags & U_BRKCHAR) && is_digit_cp(p->units[j].cp) &&
            is_number_separator(p->units[j - 1].cp) && is_digit_cp(p->units[j - 2].cp))
            return j;
    for (j = i; j > s; j--)
        if ((p->units[j].flags & U_BRKCHAR) && count_chars(p, j, we) >= 2) return j;
    for (j = i; j > s; j--)
        if (p->units[j].flags & U_BRKCHAR) return j;
    return i > s ? i : s + 1;
}

/* How good a break before unit j is in a short text whose words are known
 * (U_WORD): 2 at a phrase boundary (a space, after punctuation, before an
 * opening bracket: 「改善經費 / （元）」), 1 between words or not between
 * two Han characters or between the halves of a compound, 0 inside a word
 * of Han characters (「改善經 / 費」). */
static int break_level(const gr_para *p, int32_t j)
{
    const unit *a = &p->units[j - 1], *b = &p->units[j];
    if ((a->flags & (U_SPACE | U_PUNCT)) || (b->flags & U_SPACE) ||
        ((b->flags & U_PUNCT) && gr_lb_end_prohibited(b->cp)))
        return 2;
    if ((b->flags & U_WORD) || !(a->flags & U_HAN) || !(b->flags & U_HAN)) return 1;
    /* inside a compound of the dictionary that leaves two characters or
       more on each side (問卷|調查 in 問卷調查, 性別|平等): between words */
    int32_t ws = j - 1, we = j + 1, n = (int32_t)p->nunits;
    while (ws > 0 && !(p->units[ws].flags & U_WORD)) ws--;
    while (we < n && !(p->units[we].flags & U_WORD)) we++;
    if (j - ws >= 2 && we - j >= 2) return 1;
    return 0;
}

/* The widest justification gap, in em (DESIGN.md, Typography). */
#define GR_MAX_GAP 0.5

static int justify_gap(const gr_para *p, int32_t k);

/* How far (em) a line ending at a good break of a web address may spread
 * its gaps rather than end inside the address at a lesser one: half the
 * widest gap, so the text before an address keeps close to its natural
 * spacing (a line at the full 0.5 em reads 「陳 情 案 件」). */
#define GR_URL_GAP (GR_MAX_GAP / 2)

/* 1 if the line [s, e) is full enough: what it lacks of `avail` spreads
 * over its justifiable gaps at most GR_URL_GAP em each (the em of its
 * first character, as build_line takes it). */
static int line_fills(const gr_para *p, int32_t s, int32_t e, double avail)
{
    int32_t ce = content_end(p, s, e);
    double lack = avail - span_width(p, s, ce);
    int gaps = 0;
    if (lack <= EPS) return 1;
    if (ce <= s) return 0;
    for (int32_t k = s + 1; k < ce; k++) gaps += justify_gap(p, k);
    const srun *r0 = &p->sruns[p->units[s].srun];
    double em = r0->style >= 0 ? p->styles[r0->style].size : 0;
    return lack <= gaps * GR_URL_GAP * em + EPS;
}

/* The grade of the break before unit j: 0 an ordinary one, 1 after 「_」
 * in a web address, 2 inside a long token of one (linebreak.c). */
static int break_grade(const gr_para *p, int32_t j)
{
    uint32_t f = p->units[j].flags;
    return (f & U_BRKTOKEN) ? 2 : (f & U_BRKLATE) ? 1 : 0;
}

/* A line of a word-aware fill ends at the best break that leaves it at
 * least this share of its width: else at the last break that fits. */
#define GR_WORD_LINE_FILL 0.5

/* 1 if a line [s, g) of an address alone (no gap to spread), at least
 * GR_WORD_LINE_FILL of `avail`, ending at a good break g (after / . - ? &
 * =), leaves the rest of the paragraph to one last line of `width`: the
 * token after g then need not be broken (review T27: 「…&s=A1B2C3D4E5F607
 * / 18。」, the paragraph's last line two digits and a stop, where
 * 「…&s= / A1B2C3D4E5F60718。」 breaks nothing). */
static int token_whole_last(const gr_para *p, int32_t s, int32_t g, double width, double avail)
{
    int32_t n = (int32_t)p->nunits, ce;
    if (g <= s) return 0;
    ce = content_end(p, s, g);
    if (span_width(p, s, ce) < GR_WORD_LINE_FILL * avail) return 0;
    for (int32_t k = s + 1; k < ce; k++)
        if (justify_gap(p, k)) return 0;
    for (int32_t k = g; k < n; k++)
        if (p->units[k].flags & U_FORCED) return 0;
    return span_width(p, g, content_end(p, g, n)) <= width + EPS;
}

/* Greedy lines. With `words` (a short text whose words are known), a line
 * ends at its last phrase boundary, else its last word boundary, that
 * leaves it at least GR_WORD_LINE_FILL full, before any other break.
 * Inside a web address a line ends at its last good break (after / . - ?
 * & =) when that leaves it full enough to justify (line_fills), else after
 * 「_」 when that does, else at its last break of all: inside a long token,
 * at the measure (「…&s=0123456789ABCDEF0123 / 456789ABCDEF」, not
 * 「…ABCDEF / 0123…」 with the line 50 pt short). */
static void fill_lines(gr_para *p, const gr_para_opts *o, int words)
{
    p->nspans = 0;
    int32_t n = (int32_t)p->nunits, s = 0;
    while (s < n) {
        double avail = o->width - (p->nspans == 0 ? o->first_indent : 0);
        int32_t best = -1, best_lv[3] = { -1, -1, -1 }, best_gr[3] = { -1, -1, -1 }, e = n, i;
        int forced = 0;
        for (i = s; i < n; i++) {
            const unit *u = &p->units[i];
            if (i > s && (u->flags & U_BRK)) {
                best = i;
                if (words) best_lv[break_level(p, i)] = i;
                for (int g = break_grade(p, i); g < 3; g++) best_gr[g] = i;   /* grade <= g */
            }
            if (u->flags & U_FORCED) {
                e = i + 1;
                forced = 1;
                break;
            }
            if (u->flags & U_SPACE) continue;
            double w = span_width(p, s, i + 1);
            if (w > avail + EPS) {
                if (i == s) {
                    warn_overflow(p, s, avail);
                    continue;
                }
                int32_t kept = -1;
                if (best <= s) {        /* a kept text wider than the line: */
                    for (int32_t j = i; j > s && kept < 0; j--)   /* its even halves */
                        if (p->units[j].flags & U_KEPTHALF) kept = j;
                    for (int32_t j = i; j > s && kept < 0; j--)   /* else the last that fits */
                        if (p->units[j].flags & U_BRKKEPT) kept = j;
                }
                e = best > s ? best : kept > s ? kept : emergency_end(p, s, i, avail);
                for (int g = 0; best > s && best_gr[0] != best && g < 2; g++)
                    if (best_gr[g] > s && line_fills(p, s, best_gr[g], avail)) {
                        e = best_gr[g];
                        break;
                    }
                if (e < n && break_grade(p, e) == 2 && token_whole_last(p, s, best_gr[0], o->width, avail))
                    e = best_gr[0];
                for (int lv = 2; words && best > s && lv >= 1; lv--)
                    if (best_lv[lv] > s &&
                        span_width(p, s, content_end(p, s, best_lv[lv])) >= GR_WORD_LINE_FILL * avail) {
                        e = best_lv[lv];
                        break;
                    }
                break;
            }
        }
        push_span(p, s, e, forced);
        s = e;
    }
}

/* 1 if the paragraph is a short text whose words are known (U_WORD). */
static int has_words(const gr_para *p)
{
    for (size_t k = 0; k < p->nunits; k++)
        if (p->units[k].flags & U_WORD) return 1;
    return 0;
}

/* Lines of a short text broken between words where that takes no more
 * lines than breaking anywhere (「改善經費 / （元）」, not 「改善經費（ / 元）」
 * nor 「改善經 / 費（元）」); other texts break anywhere CLREQ allows. */
static void break_lines(gr_para *p, const gr_para_opts *o)
{
    p->words = has_words(p);
    fill_lines(p, o, 0);
    if (p->words) {
        size_t plain = p->nspans;
        fill_lines(p, o, 1);
        if (p->nspans > plain) {
            fill_lines(p, o, 0);
            p->words = 0;
        }
    }
}

/* 1 if units [s, e) are one bracketed group: 「（元）」「(人)」. */
static int bracketed_group(const gr_para *p, int32_t s, int32_t e)
{
    static const uint32_t close[] = { 0xFF09, 0x300D, 0x300F, 0x3011, 0x3015, 0x3009, 0x300B, ')', ']' };
    e = content_end(p, s, e);
    if (e - s < 3 || !gr_lb_end_prohibited(p->units[s].cp)) return 0;
    for (size_t k = 0; k < sizeof close / sizeof *close; k++)
        if (p->units[e - 1].cp == close[k]) return 1;
    return 0;
}

/* A line of one character that is no 孤字: in a short text broken between
 * words, a whole bracketed group (「改善經費 / （元）」: a unit under its
 * header, as the forms print it). */
static int lone_ok(const gr_para *p, const lspan *sp)
{
    return p->words && bracketed_group(p, sp->s, sp->e);
}

/* CLREQ 3.8: a last line of one character (plus its punctuation) takes one
 * more piece from the line before, when it then still fits. */
static void fix_short_last(gr_para *p, const gr_para_opts *o)
{
    if (p->nspans < 2) return;
    lspan *last = &p->spans[p->nspans - 1], *prev = &p->spans[p->nspans - 2];
    if (prev->forced || count_chars(p, last->s, last->e) != 1 || lone_ok(p, last)) return;
    double avail = o->width;              /* the last line is not the first */
    for (int32_t j = last->s - 1; j > prev->s; j--) {
        if (!(p->units[j].flags & U_BRK)) continue;
        /* never inside a word of a word-aware text: 「改善經費 / （元）」
           stays (a bracketed unit alone is no 孤字 there) */
        if (p->words && break_level(p, j) == 0) continue;
        int32_t ce = content_end(p, j, last->e);
        if (span_width(p, j, ce) > avail + EPS) return;
        if (count_chars(p, prev->s, j) == 0) return;
        prev->e = j;
        last->s = j;
        return;
    }
}

/* A line inside a paragraph holding one character (plus its punctuation)
 * because the word after it did not fit beside it (「案例（北市警刑字 / 第
 * / 113301234567號）」 in a narrow column: S7) takes one more piece from
 * the line before, when that then still fits and leaves the line before
 * two characters or more (「案例（北市警刑 / 字第 / 113301234567號）」):
 * CLREQ 3.8's remedy for the last line, applied to any line. */
static void fix_lone_lines(gr_para *p, const gr_para_opts *o)
{
    p->lone_mended = 0;
    for (size_t i = 1; i + 1 < p->nspans; i++) {
        lspan *cur = &p->spans[i], *prev = &p->spans[i - 1];
        if (prev->forced || count_chars(p, cur->s, cur->e) != 1 || lone_ok(p, cur)) continue;
        for (int32_t j = cur->s - 1; j > prev->s; j--) {
            if (!(p->units[j].flags & U_BRK)) continue;
            if (p->words && break_level(p, j) == 0) continue;
            if (span_width(p, j, content_end(p, j, cur->e)) > o->width + EPS) break;
            if (count_chars(p, prev->s, j) < 2) break;
            prev->e = j;
            cur->s = j;
            p->lone_mended = 1;
            break;
        }
    }
}

/* A line ending inside a long token of a web address (at the measure,
 * the last resort of fill_lines) followed by a line that cannot be filled
 * without spreading (line_fills: the text after the address, then a
 * case number that did not fit, 「…%89）；陳 情 案 件（案號：TPE-…」 at the
 * 0.5 em cap) ends earlier inside the token, at the last break that lets
 * the next line fill (still fitting, keeping the same end): the address
 * line is left short — an address is never spread — and the text line
 * sets close to its natural spacing (review S6 rest). Not when the next
 * line is the paragraph's last or ends at a forced break (not justified),
 * nor when the address line would keep less than GR_WORD_LINE_FILL of its
 * width. */
static void fix_token_breaks(gr_para *p, const gr_para_opts *o)
{
    for (size_t i = 0; i + 2 < p->nspans; i++) {
        lspan *cur = &p->spans[i], *next = &p->spans[i + 1];
        double avail = o->width - (i == 0 ? o->first_indent : 0);
        if (cur->forced || next->forced || break_grade(p, cur->e) != 2 ||
            line_fills(p, next->s, next->e, o->width))
            continue;
        for (int32_t j = cur->e - 1; j > cur->s; j--) {
            if (p->units[j].flags & U_SPACE) break;          /* the token's start */
            if (!(p->units[j].flags & U_BRK)) continue;
            if (span_width(p, cur->s, content_end(p, cur->s, j)) < GR_WORD_LINE_FILL * avail) break;
            if (span_width(p, j, content_end(p, j, next->e)) > o->width + EPS) break;
            if (!line_fills(p, j, next->e, o->width)) continue;
            cur->e = j;
            next->s = j;
            break;
        }
    }
}

/* 1 if a line holds one character (punctuation aside) while the text
 * between its forced breaks takes two or more lines: a 孤字 at the end, or
 * a character stranded before a word that did not fit beside it
 * (修正後提 / 報 / 112/12/13). */
static int has_lone_char(const gr_para *p)
{
    for (size_t i = 0; i < p->nspans; i++) {
        int alone = (i == 0 || p->spans[i - 1].forced) && (p->spans[i].forced || i + 1 == p->nspans);
        if (!alone && count_chars(p, p->spans[i].s, p->spans[i].e) == 1 && !lone_ok(p, &p->spans[i]))
            return 1;
    }
    return 0;
}

/* The text's characters (punctuation aside, at least 1) if a short text
 * whose words are known breaks a line inside a word of Han characters (「心理衛生中 / 心設置計畫」: breaking between words took
 * more lines). */
static int has_word_broken(const gr_para *p)
{
    if (!has_words(p)) return 0;
    for (size_t i = 1; i < p->nspans; i++)
        if (!p->spans[i - 1].forced && break_level(p, p->spans[i].s) == 0)
            return count_chars(p, 0, (int32_t)p->nunits) > 0 ? count_chars(p, 0, (int32_t)p->nunits) : 1;
    return 0;
}

/* ---- building the output lines ------------------------------------------------------- */

/* 1 if extra width may go into the gap before unit k (k-1 on the line). */
static int justify_gap(const gr_para *p, int32_t k)
{
    uint32_t a = p->units[k - 1].flags, b = p->units[k].flags;
    if ((a | b) & (U_OBJ | U_LEADER | U_FORCED)) return 0;
    if (b & U_SQUEEZED) return 0;
    if (b & U_SPACE) return 0;
    /* the halves of —— and …… stay joined (CLREQ: one mark two ems long) */
    if (gr_lb_inseparable(p->units[k - 1].cp) && gr_lb_inseparable(p->units[k].cp)) return 0;
    if (a & U_SPACE) return 1;
    if ((a & U_CJK) && (b & U_CJK)) return 1;
    if (((a & U_CJK) && (b & U_LATINFACE)) || ((a & U_LATINFACE) && (b & U_CJK))) return 1;
    if ((a & U_MISSING) || (b & U_MISSING)) return 1;
    return 0;
}

static int effective_align(const gr_para_opts *o, int last)
{
    if (!last) return o->align;
    if (o->align_last == GR_ALIGN_RELATIVE)
        return o->align == GR_ALIGN_JUSTIFY ? GR_ALIGN_START : o->align;
    return o->align_last;
}

/* Face metrics (fractions of the em) as used for line heights. */
static void face_em_metrics(const gr_face *f, double *asc, double *desc)
{
    *asc = 0.88;
    *desc = 0.12;
    if (!f || f->upem == 0) return;
    double a = (double)f->ascender / f->upem, d = -(double)f->descender / f->upem;
    if (f->is_cjk && (a + d < 0.9 || a + d > 1.3 || a < 0.7 || a > 1.1 || d < 0)) return;
    if (a <= 0 || d < 0 || a + d > 3) return;
    *asc = a;
    *desc = d;
}

typedef struct lmetrics {
    double asc, desc, top, bottom;
    int any;
} lmetrics;

static void metrics_add_text(lmetrics *m, const gr_text_style *st, const gr_face *face)
{
    if (!st) return;
    double a, d;
    face_em_metrics(face, &a, &d);
    double A = a * st->size, D = d * st->size;
    double L = st->line_height > 0 ? st->line_height : (A + D) * 1.2;
    double hl = (L - (A + D)) / 2;
    double rise = st->baseline_shift;
    A += rise;
    D -= rise;
    if (!m->any || A > m->asc) m->asc = A;
    if (!m->any || D > m->desc) m->desc = D;
    if (!m->any || A + hl > m->top) m->top = A + hl;
    if (!m->any || D + hl > m->bottom) m->bottom = D + hl;
    m->any = 1;
}

static void metrics_add_box(lmetrics *m, double a, double d)
{
    if (!m->any || a > m->asc) m->asc = a;
    if (!m->any || d > m->desc) m->desc = d;
    if (!m->any || a > m->top) m->top = a;
    if (!m->any || d > m->bottom) m->bottom = d;
    m->any = 1;
}

/* A style's contribution: the primary face of its chain decides ascent and
 * descent, so that lines of one style are exactly line-height tall whatever
 * fallback or Latin faces they use. */
static void metrics_add_style(lmetrics *m, const gr_para *p, int32_t style)
{
    const gr_text_style *st = style_of(p, style);
    gr_fontchain *ch = st ? st->chain : NULL;
    metrics_add_text(m, st, ch && ch->nfaces ? ch->faces[0] : NULL);
}

static gr_run *new_run(gr_para *p, const srun *r, double x)
{
    p->runs = gr_grow(p->runs, &p->runs_cap, p->nruns + 1, sizeof *p->runs);
    gr_run *run = &p->runs[p->nruns++];
    memset(run, 0, sizeof *run);
    const gr_text_style *st = style_of(p, r->style);
    gr_fontchain *ch = st ? st->chain : NULL;
    run->face = r->face;
    run->size = st ? st->size : 0;
    if (st) run->color = st->color;
    /* bold asked for but drawn with a face that is not bold (the primary
       face, or a fallback/Latin face of a chain whose primary is bold) */
    run->synth_bold = ch && ch->weight >= 600 && r->face && !r->face->bold;
    run->underline = st ? st->underline : 0;
    run->x = x;
    run->rise = st ? st->baseline_shift : 0;
    run->missing = r->missing;
    run->tag = st ? st->tag : NULL;
    return run;
}

/* Leaders on [s, ce) get the line's free space, each between min and max
 * (min and opt when the paragraph goes on after this line). Returns the
 * width added. */
static double fill_leaders(gr_para *p, int32_t s, int32_t ce, double free_w, int last)
{
    int nlead = 0;
    for (int32_t k = s; k < ce; k++)
        if (p->units[k].flags & U_LEADER) {
            p->leader_w[p->units[k].obj] = p->objs[p->units[k].obj].min;
            nlead++;
        }
    if (nlead == 0 || free_w <= EPS) return 0;
    double added = 0;
    for (int pass = 0; pass < 4 && free_w - added > EPS; pass++) {
        int open = 0;
        for (int32_t k = s; k < ce; k++) {
            if (!(p->units[k].flags & U_LEADER)) continue;
            const pobj *o = &p->objs[p->units[k].obj];
            if (p->leader_w[p->units[k].obj] < (last ? o->max : o->opt) - EPS) open++;
        }
        if (!open) break;
        double share = (free_w - added) / open;
        for (int32_t k = s; k < ce; k++) {
            if (!(p->units[k].flags & U_LEADER)) continue;
            const pobj *o = &p->objs[p->units[k].obj];
            double *w = &p->leader_w[p->units[k].obj];
            double give = fmin(share, (last ? o->max : o->opt) - *w);
            if (give > 0) {
                *w += give;
                added += give;
            }
        }
    }
    return added;
}

static double unit_width(const gr_para *p, const unit *u)
{
    return (u->flags & U_LEADER) ? p->leader_w[u->obj] : u->w;
}

static void build_line(gr_para *p, const gr_para_opts *o, size_t li, size_t *glyph_used)
{
    const lspan *sp = &p->spans[li];
    gr_line *ln = &p->lines[li];
    memset(ln, 0, sizeof *ln);
    int32_t s = sp->s, ce = content_end(p, s, sp->e);
    double indent = li == 0 ? o->first_indent : 0;
    double avail = o->width - indent;
    double natural = span_width(p, s, ce);
    double extra = avail - natural;
    int last = li + 1 == p->nspans || sp->forced;
    extra -= fill_leaders(p, s, ce, extra, last);
    int align = effective_align(o, last);
    /* a short text broken between words is set ragged: spreading 「審查」
       to fill a line it ends early would undo what the word break is for */
    if (p->words && align == GR_ALIGN_JUSTIFY && !last) align = GR_ALIGN_START;

    double per_gap = 0, shift = 0;
    if (align == GR_ALIGN_JUSTIFY && extra > EPS) {
        int gaps = 0;
        for (int32_t k = s + 1; k < ce; k++) gaps += justify_gap(p, k);
        if (gaps > 0) per_gap = extra / gaps;
        if (!last && s < ce) {
            /* no gap wider than GR_MAX_GAP em beyond natural spacing: a line
               that cannot be filled (a URL or a number went on) keeps the
               rest at its end; a spread last line (均排) is not capped */
            const srun *r0 = &p->sruns[p->units[s].srun];
            double em = r0->style >= 0 ? p->styles[r0->style].size : 0;
            if (em > 0 && per_gap > GR_MAX_GAP * em) per_gap = GR_MAX_GAP * em;
        }
    } else if (align == GR_ALIGN_CENTER && extra > 0) {
        shift = extra / 2;
    } else if (align == GR_ALIGN_END && extra > 0) {
        shift = extra;
    }

    size_t run0 = p->nruns, obj0 = p->noobjs;
    lmetrics m = { 0, 0, 0, 0, 0 };
    double pen = indent + shift;
    gr_run *run = NULL;
    int32_t run_srun = -1;
    for (int32_t k = s; k < ce; k++) {
        const unit *u = &p->units[k];
        if (k > s) pen += u->gap + (per_gap > 0 && justify_gap(p, k) ? per_gap : 0);
        const srun *r = &p->sruns[u->srun];
        double back = k == ce - 1 ? squeeze_returned(p, ce) : 0;
        double w = unit_width(p, u) + back;
        if (u->flags & (U_OBJ | U_LEADER)) {
            p->oobjs = gr_grow(p->oobjs, &p->oobjs_cap, p->noobjs + 1, sizeof *p->oobjs);
            gr_para_obj *po = &p->oobjs[p->noobjs++];
            const pobj *ob = &p->objs[u->obj];
            po->obj = ob->obj;
            po->x = pen;
            po->width = w;
            po->ascent = ob->ascent;
            po->descent = ob->descent;
            if (u->flags & U_LEADER) metrics_add_style(&m, p, r->style);
            else metrics_add_box(&m, ob->ascent, ob->descent);
            run = NULL;
            run_srun = -1;
        } else if (!(u->flags & U_FORCED)) {
            if (!run || run_srun != u->srun || r->missing) {
                run = new_run(p, r, pen);
                if (r->missing) run->missing_cp = u->cp;
                run->glyphs = (gr_glyph *)(uintptr_t)*glyph_used;   /* index for now */
                run_srun = u->srun;
                metrics_add_style(&m, p, r->style);
            }
            double cx = pen - run->x;
            for (int32_t g = 0; g < u->ng; g++) {
                const sglyph *sg = &p->glyphs[u->g0 + g];
                gr_glyph *og = &p->oglyphs[(*glyph_used)++];
                og->gid = sg->gid;
                og->x = (float)(cx + sg->xoff);
                og->dy = sg->yoff;
                og->advance = sg->adv;
                cx += sg->adv - (back > 0 && g == u->ng - 1 ? 0 : sg->squeeze);
                run->nglyphs++;
            }
            run->width = pen + w - run->x;
        }
        pen += w;
    }
    if (!m.any) {   /* empty line: the strut of its style */
        const srun *r = s < (int32_t)p->nunits ? &p->sruns[p->units[s].srun] : NULL;
        metrics_add_style(&m, p, r ? r->style : 0);
    }
    ln->width = pen - shift;
    ln->ascent = m.asc;
    ln->descent = m.desc;
    ln->height = m.top + m.bottom;
    ln->baseline = m.top;
    ln->nruns = (int)(p->nruns - run0);
    ln->runs = (gr_run *)(uintptr_t)run0;        /* indices, fixed up later */
    ln->nobjs = (int)(p->noobjs - obj0);
    ln->objs = (gr_para_obj *)(uintptr_t)obj0;
    ln->text_start = p->units[s].off;
    ln->text_end = sp->e < (int32_t)p->nunits ? p->units[sp->e].off : p->n16;
}

/* Turn the indices stored while building into pointers. */
static void fix_pointers(gr_para *p)
{
    for (size_t i = 0; i < p->nruns; i++)
        p->runs[i].glyphs = p->runs[i].nglyphs ? p->oglyphs + (uintptr_t)p->runs[i].glyphs : NULL;
    for (int i = 0; i < p->nlines; i++) {
        gr_line *ln = &p->lines[i];
        ln->runs = ln->nruns ? p->runs + (uintptr_t)ln->runs : NULL;
        ln->objs = ln->nobjs ? p->oobjs + (uintptr_t)ln->objs : NULL;
    }
}

/* Characters of a short word: a paragraph of at most three characters
 * (spaces and punctuation aside: 「項次」「時數」「其他：」「黃○芬」) is one
 * unbreakable piece for column sizing (CLREQ: a short header word is
 * never stacked one character per line). */
#define GR_SHORT_WORD 3

static int is_short_word(const gr_para *p)
{
    size_t i;
    int n = 0;
    for (i = 0; i < p->nchars; i++) {
        uint32_t c = p->chars[i].cp;
        int8_t t;
        if (p->chars[i].obj >= 0) return 0;
        if (c == 0x20 || c == 0x3000 || c == 0xA0 || c == '\n' || c == '\t') continue;
        t = u_charType((UChar32)c);
        if (t >= U_DASH_PUNCTUATION && t <= U_OTHER_PUNCTUATION) continue;
        if (t == U_INITIAL_PUNCTUATION || t == U_FINAL_PUNCTUATION) continue;
        if (++n > GR_SHORT_WORD) return 0;
    }
    return n >= 2;
}

/* A short word (is_short_word) stacked over lines is a word broken
 * between characters too: recorded, and reported unless deferred, like
 * warn_overflow. */
static void short_word_broken(gr_para *p, double avail)
{
    const gr_text_style *st = style_of(p, p->sruns[p->units[0].srun].style);
    p->warned_overflow = 1;
    excerpt(p, 0, (int32_t)p->nunits, p->overflow_text, sizeof p->overflow_text);
    p->overflow_file = st ? st->file : NULL;
    p->overflow_line = st ? st->line : 0;
    p->overflow_avail = avail;
    if (p->defer_overflow) return;
    gr_warn(p->ctx, p->overflow_file, p->overflow_line,
            GR_TEXT(TEXT_WIDER_THAN_AVAILABLE_PT),
            p->overflow_text, avail);
}

/* The narrowest a column should make CJK text (table column sizing):
 * GR_COMFORT_CHARS characters of its size, or the whole line when it is
 * shorter. Chinese may break between any two characters, but a label
 * squeezed to one character a line (電/子/票/證) no longer reads as a
 * phrase; the cell may still set it at 80% (layout/table.c). */
#define GR_COMFORT_CHARS 4

static double cjk_comfort_width(const gr_para *p, const gr_para_opts *o)
{
    double best = 0, em = 0;
    int32_t n = (int32_t)p->nunits, seg = 0;
    for (int32_t k = 0; k < n; k++) {
        const unit *u = &p->units[k];
        if ((u->flags & U_CJK) && !(u->flags & U_PUNCT) && em == 0) {
            const gr_text_style *st = style_of(p, p->sruns[u->srun].style);
            em = st ? st->size : 0;
        }
        if (k + 1 == n || (u->flags & U_FORCED)) {
            double w = span_width(p, seg, content_end(p, seg, k + 1));
            if (seg == 0) w += o->first_indent;
            w = fmin(w, GR_COMFORT_CHARS * em);
            if (w > best) best = w;
            seg = k + 1;
            em = 0;
        }
    }
    return best;
}

/* One CJK character between two breaks followed by a Latin word or a
 * number (「從CEDAW看…」 at the start, 「…刑字第113301234567號）」 inside a
 * text) is stranded alone on a line when the word does not fit beside it
 * (R6: 「從 / CEDAW / 第28號」; S7: 「北市警刑字 / 第 / 113301234567號）」):
 * a column should be wide enough for the character and the word together.
 * Returns the widest such pair (0 if the text has none), at the start of
 * the text (or after a forced break) only unless `inside`. */
static double lead_char_width(const gr_para *p, const gr_para_opts *o, int inside)
{
    double best = 0;
    int32_t n = (int32_t)p->nunits;
    for (int32_t s = 0; s + 1 < n; s++) {
        int start = s == 0 || (p->units[s - 1].flags & U_FORCED);
        if (!start && !(inside && (p->units[s].flags & U_BRK))) continue;
        const unit *c = &p->units[s], *d = &p->units[s + 1];
        if (!(c->flags & U_CJK) || (c->flags & (U_PUNCT | U_SPACE)) || !(d->flags & U_BRK))
            continue;
        int32_t e = s + 2;
        while (e < n && !(p->units[e].flags & (U_BRK | U_FORCED))) e++;
        /* a Latin word or number; for the pair width also any piece of two
           characters or more (a name kept whole: 「依 / 達○．瓦○」) */
        if (!(d->flags & U_LATIN) && !(inside && count_chars(p, s + 1, e) >= 2)) continue;
        double w = span_width(p, s, content_end(p, s, e)) + (s == 0 ? o->first_indent : 0);
        if (w > best) best = w;
    }
    return best;
}

/* A bracketed group of at most this many characters in a short text (a
 * title, a label) is one word: 「（代理局長）」, 「(可複選)」. */
#define GR_SHORT_GROUP 4

/* The widest bracketed group of at most GR_SHORT_GROUP characters in a
 * short text whose words are known (「主任秘書兼發言人（代理局長）」: S10,
 * split 「（代理 / 局長）」 in a narrow column), 0 if none: a table column
 * asks for it from width to spare (gr_para_pair_width). */
static double short_group_width(const gr_para *p)
{
    double best = 0;
    int32_t n = (int32_t)p->nunits;
    if (!has_words(p)) return 0;
    for (int32_t s = 0; s < n; s++) {
        if (!(p->units[s].flags & U_PUNCT) || !gr_lb_end_prohibited(p->units[s].cp)) continue;
        for (int32_t e = s + 2; e <= n && count_chars(p, s, e) <= GR_SHORT_GROUP; e++) {
            if (!bracketed_group(p, s, e)) continue;
            double w = span_width(p, s, e);
            if (w > best) best = w;
            break;
        }
    }
    return best;
}

static void compute_min_max(gr_para *p, const gr_para_opts *o)
{
    double minw = 0, maxw = 0, keptw = 0;
    int32_t n = (int32_t)p->nunits, seg = 0, piece = 0, whole = 0;
    int first_seg = 1, first_piece = 1, first_whole = 1;
    for (int32_t k = 1; k <= n; k++) {
        int end_seg = k == n || (p->units[k - 1].flags & U_FORCED);
        int end_piece = end_seg || (p->units[k].flags & (U_BRK | U_KEPTHALF));
        if (end_piece) {
            double w = span_width(p, piece, content_end(p, piece, k));
            if (first_piece) w += o->first_indent;
            if (w > minw) minw = w;
            piece = k;
            first_piece = 0;
        }
        if (end_seg || (p->units[k].flags & U_BRK)) {   /* kept texts whole */
            double w = span_width(p, whole, content_end(p, whole, k));
            if (first_whole) w += o->first_indent;
            if (w > keptw) keptw = w;
            whole = k;
            first_whole = 0;
        }
        if (end_seg) {
            double w = span_width(p, seg, content_end(p, seg, k));
            if (first_seg) w += o->first_indent;
            if (w > maxw) maxw = w;
            seg = k;
            first_seg = 0;
        }
    }
    if (is_short_word(p)) minw = maxw;
    else minw = fmax(fmax(minw, cjk_comfort_width(p, o)), lead_char_width(p, o, 0));
    p->min_w = minw;
    p->max_w = maxw;
    p->pair_w = fmin(fmax(fmax(fmax(minw, lead_char_width(p, o, 1)), short_group_width(p)), keptw),
                     fmax(minw, maxw));
}

int gr_para_layout(gr_para *p, const gr_para_opts *opts)
{
    if (!p || !opts || p->compacted) return GR_ESYS;
    gr_para_opts o = *opts;
    if (!(o.width >= 0) || o.width > 1e7) o.width = o.width > 1e7 ? 1e7 : 0;
    if (!(fabs(o.first_indent) < 1e7)) o.first_indent = 0;
    if (!p->shaped) shape_para(p);
    p->defer_overflow = o.defer_overflow;
    p->warned_overflow = 0;             /* gr_para_overflow: this layout's */

    p->nruns = p->noobjs = 0;
    p->nlines = 0;
    p->leader_w = gr_grow(p->leader_w, &p->leader_w_cap, (size_t)p->nobjs + 1, sizeof *p->leader_w);
    p->oglyphs = gr_grow(p->oglyphs, &p->oglyphs_cap, p->nglyphs + 1, sizeof *p->oglyphs);
    break_lines(p, &o);
    fix_token_breaks(p, &o);
    p->lone_char = 0;
    p->lone_mended = 0;
    if (o.avoid_short_last) {
        fix_lone_lines(p, &o);
        fix_short_last(p, &o);
        p->lone_char = has_lone_char(p);
    }
    p->word_broken = has_word_broken(p);
    if (p->nspans > 1 && !p->spans[0].forced && !p->warned_overflow && p->nunits > 0 &&
        is_short_word(p))
        short_word_broken(p, o.width);
    p->lines = gr_grow(p->lines, &p->lines_cap, p->nspans + 1, sizeof *p->lines);
    size_t used = 0;
    for (size_t i = 0; i < p->nspans; i++) build_line(p, &o, i, &used);
    p->nlines = (int)p->nspans;
    fix_pointers(p);
    compute_min_max(p, &o);
    return GR_OK;
}

void gr_para_capacity(const gr_para *p, size_t *chars, size_t *units16)
{
    *chars = p ? p->chars_cap : 0;
    *units16 = p ? p->u16_cap : 0;
}

int gr_para_nlines(const gr_para *p)
{
    return p ? p->nlines : 0;
}

const gr_line *gr_para_line(const gr_para *p, int i)
{
    return p && i >= 0 && i < p->nlines ? &p->lines[i] : NULL;
}

const char *gr_para_overflow(const gr_para *p, const char **file, int *line, double *avail)
{
    if (!p || !p->warned_overflow) return NULL;
    if (file) *file = p->overflow_file;
    if (line) *line = p->overflow_line;
    if (avail) *avail = p->overflow_avail;
    return p->overflow_text;
}

int gr_para_lone_char(const gr_para *p)
{
    return p ? p->lone_char : 0;
}

int gr_para_lone_mended(const gr_para *p)
{
    return p ? p->lone_mended : 0;
}

int gr_para_word_broken(const gr_para *p)
{
    return p ? p->word_broken : 0;
}

double gr_para_min_width(gr_para *p)
{
    return p ? p->min_w : 0;
}

double gr_para_pair_width(gr_para *p)
{
    return p ? p->pair_w : 0;
}

double gr_para_max_width(gr_para *p)
{
    return p ? p->max_w : 0;
}
