/* para.h — one paragraph of styled text turned into lines: itemizing by
 * font (per-character fallback) and script, HarfBuzz shaping, ICU zh_TW
 * line-break opportunities tailored by the CLREQ "basic" rules, greedy line
 * filling with a last-line fix (no one-character last line), justification
 * (between Han characters and at Latin word spaces, never inside Latin
 * words) and 1/4 em between Han and Latin/digits.
 *
 * Use: gr_para_new, add spans and objects in order, gr_para_layout for a
 * width (can be called again with another width), read the lines, free.
 * Ownership: the paragraph owns its lines and runs; they are valid until the
 * next gr_para_layout or gr_para_free. Faces belong to the gr_fontset.
 */
#ifndef GR_PARA_H
#define GR_PARA_H

#include "../util/gr.h"
#include "../fo/fo.h"
#include "font.h"

typedef struct gr_text_style {
    gr_fontchain *chain;
    double size;               /* font-size, pt */
    gr_color color;
    double line_height;        /* pt: the line's height contribution */
    int underline;
    double baseline_shift;     /* pt, positive raises */
    const char *file;          /* source of the text, for messages */
    int line;
    void *tag;                 /* caller's marker copied to every run of this
                                  text (links, footnote anchors); runs with
                                  different tags are never merged */
    const void *nobreak;       /* non-NULL: no line break between two
                                  characters with the same marker
                                  (keep-together.within-line) */
} gr_text_style;

/* One positioned glyph inside a run. */
typedef struct gr_glyph {
    uint32_t gid;
    float x;                   /* pt from the run origin, justification
                                  included */
    float dy;                  /* pt, vertical offset (positive up) */
    float advance;             /* pt, the glyph's own advance as drawn
                                  (HarfBuzz advance, no added spacing) */
} gr_glyph;

/* A run of glyphs of one face, size and colour on one line. */
typedef struct gr_run {
    gr_face *face;
    double size;
    gr_color color;
    int synth_bold;
    int underline;
    double x;                  /* pt from the line's start edge */
    double width;              /* pt, from first glyph origin to end of last
                                  advance, justification included */
    double rise;               /* pt, baseline shift (positive up) */
    int nglyphs;
    gr_glyph *glyphs;
    int missing;               /* 1: a "missing glyph" box of width `width`
                                  (no face had the character); nglyphs 0 */
    uint32_t missing_cp;       /* that character */
    void *tag;                 /* the style's tag */
} gr_run;

/* An inline object placed on a line (image, chart, leader, …). */
typedef struct gr_para_obj {
    void *obj;                 /* caller's pointer, returned untouched */
    double x;                  /* pt from the line's start edge */
    double width, ascent, descent;
} gr_para_obj;

typedef struct gr_line {
    double width;              /* natural content width, pt */
    double ascent, descent;    /* pt above / below the baseline (descent>0) */
    double height;             /* line box height (line-height), pt;
                                  baseline = top + half-leading + ascent:
                                  use `baseline` below */
    double baseline;           /* pt from the top of the line box */
    int nruns;
    gr_run *runs;
    int nobjs;
    gr_para_obj *objs;
    size_t text_start, text_end; /* UTF-16 offsets of the paragraph text */
} gr_line;

typedef struct gr_para_opts {
    double width;              /* available line width, pt */
    double first_indent;       /* text-indent, pt (may be negative) */
    int align, align_last;     /* GR_ALIGN_* from fo.h */
    int avoid_short_last;      /* CLREQ 3.8: 1 = no 1-character last line */
    int defer_overflow;        /* 1: a word wider than the whole line is
                                  broken between characters without a
                                  warning, only recorded (gr_para_overflow):
                                  the caller may try smaller type first */
} gr_para_opts;

typedef struct gr_para gr_para;

/* `check`'s look-up of text in a font chain, without layout: every
 * character that no face of ch has (as a paragraph would choose faces) is
 * reported once per call at file:line, in the very words layout uses.
 * Returns how many were reported. */
int gr_chain_check_text(gr_ctx *ctx, const gr_fontchain *ch, const char *utf8,
                        size_t len, const char *file, int line);

gr_para *gr_para_new(gr_ctx *ctx);
void gr_para_free(gr_para *p);

/* Append UTF-8 text in a style. Invalid UTF-8 is reported at the style's
 * file:line and replaced by U+FFFD. */
void gr_para_add_text(gr_para *p, const char *utf8, size_t len,
                      const gr_text_style *st);
/* Append an unbreakable inline object of fixed size. The line height takes
 * its ascent/descent into account. */
void gr_para_add_object(gr_para *p, void *obj, double width, double ascent,
                        double descent, const gr_text_style *st);
/* Append a leader: expands between min and max to fill its line (opt when
 * the line is not the one it ends). The caller draws it from the
 * gr_para_obj entry (obj = `obj`). */
void gr_para_add_leader(gr_para *p, void *obj, double min, double opt,
                        double max, const gr_text_style *st);
/* Force a line break here (not needed for ordinary text). */
void gr_para_add_break(gr_para *p);

/* 1 if nothing (no text, no object) was added. */
int gr_para_empty(const gr_para *p);

/* Shape (once) and break into lines for opts->width. Characters no face has
 * are reported once each as warnings naming file:line and the code point,
 * and drawn as boxes. Returns GR_OK or an error status. */
int gr_para_layout(gr_para *p, const gr_para_opts *opts);

/* Keep only the lines of the last layout: frees the text and shaping data
 * (about nine tenths of a paragraph's memory). Afterwards gr_para_layout
 * fails and the min/max widths keep their last values. */
void gr_para_compact(gr_para *p);

/* Room the input arrays hold: characters and UTF-16 units (a figure for
 * tests of memory use; both grow with the characters added, not with their
 * UTF-8 bytes). */
void gr_para_capacity(const gr_para *p, size_t *chars, size_t *units16);

int gr_para_nlines(const gr_para *p);
const gr_line *gr_para_line(const gr_para *p, int i);

/* The first word of the last layout that was wider than its whole line
 * and broken between characters (an excerpt, with the file and line of its
 * text and the width it had), or NULL when none was. Valid until
 * gr_para_free (gr_para_compact keeps it). */
const char *gr_para_overflow(const gr_para *p, const char **file, int *line, double *avail);

/* 1 when the last layout (with avoid_short_last) has a line of one
 * character (punctuation aside) in a paragraph of two or more lines that
 * pulling a character down could not mend: a last line 「項）」 (the line
 * before would end with 「（」), or a character stranded before a word
 * that did not fit beside it (修正後提 / 報 / 112/12/13). The caller may
 * set the text smaller. Kept by gr_para_compact. */
int gr_para_lone_char(const gr_para *p);

/* 1 when the last layout (with avoid_short_last) had a line inside the
 * text holding one character before a word that did not fit beside it,
 * mended by pulling a character down from the line before (「北市警刑 /
 * 字第 / 113301234567號）」). A table cell may still prefer smaller type
 * that needs no mending. Kept by gr_para_compact. */
int gr_para_lone_mended(const gr_para *p);

/* Its number of characters (punctuation and spaces aside, at least 1;
 * else 0) when the last layout broke a short text (a header, a label: at most
 * GR_LB_WORD_TEXT UTF-16 units) inside a word of Han characters
 * (「心理衛生中 / 心」) because breaking between words (「心理衛生 / 中心設置
 * / 計畫」) took more lines. The caller may set the text smaller (a table
 * cell does). Kept by gr_para_compact. */
int gr_para_word_broken(const gr_para *p);

/* The narrowest a table column should make the text (for column sizing:
 * its widest unbreakable piece, and at least four characters of CJK text or
 * the whole line when shorter) and the whole natural width on one line, pt.
 * Valid after any gr_para_layout. */
double gr_para_min_width(gr_para *p);
double gr_para_max_width(gr_para *p);
/* The narrowest width (>= min, <= max) at which no CJK character between
 * two breaks is stranded alone before the Latin word or number after it,
 * anywhere in the text (「刑字 / 第 / 113301234567號）」), a short text's
 * bracketed groups stay whole (「（代理局長）」) and so do its texts kept on
 * one line (a long romanized name, whose minimum is its more even half):
 * a table column takes it from columns with width to spare only. */
double gr_para_pair_width(gr_para *p);

#endif
