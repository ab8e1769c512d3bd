/* font.c — owns the font side of the text engine: the fontconfig set-up
 * (system configuration plus fonts/gereport-fonts.conf), resolution of FO
 * font-family lists into cached fallback chains, loading faces with
 * HarfBuzz (metrics, PostScript name), code-point coverage, the gid→source
 * text record used for ToUnicode, and the per-fontset scratch objects
 * (ICU iterator, HarfBuzz buffer) that para.c reuses.
 */
#include "font.h"
#include "linebreak.h"
#include "memo.h"
#include "../util/msg.h"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_CHAIN_FACES 10
#define TEXT_POOL_CHUNK 4096   /* uint32_t per chunk of a face's text pool */

/* A chain's faces are given their place (and id) when the chain is
 * resolved, but a fallback face is opened only when a character first
 * needs it: a chain holds up to ten fonts (DejaVu, Nimbus, the Sung
 * families…) of which a report uses two or three, and opening one costs
 * its file's mapping, a few of its pages and its tables' set-up. The
 * primary face of a chain, whose coverage and metrics decide the chain,
 * is opened at once. */
enum { FACE_PENDING, FACE_LOADED, FACE_BAD };

/* A face plus what only font.c needs. `pub` must stay first. */
typedef struct face_priv {
    gr_face pub;
    int state;                 /* FACE_PENDING, FACE_LOADED or FACE_BAD */
    int fc_weight;             /* fontconfig's weight, for `bold` at load */
    uint32_t **pool;           /* chunks holding gid texts */
    int npool;
    size_t pool_cap;           /* chunk pointers allocated */
    size_t chunk_used;         /* uint32_t used in the last chunk */
} face_priv;

/* A chain plus its key. `pub` must stay first. */
typedef struct chain_priv {
    gr_fontchain pub;
    gr_fontset *fs;
    char *list;
    int weight;
} chain_priv;

struct gr_fontset {
    gr_ctx *ctx;
    FcConfig *config;
    face_priv **faces;
    int nfaces;
    size_t faces_cap;
    char **bad;                /* font files that could not be loaded */
    int nbad;
    size_t bad_cap;
    chain_priv **chains;
    int nchains;
    size_t chains_cap;
    gr_linebreaker *lb;
    int lb_tried;
    hb_buffer_t *buf;
    gr_memo *memo;
    void *para_spare;
    void (*para_spare_free)(void *);
};

static const char *const generic_families[] = {
    "serif", "sans-serif", "sans", "monospace", "mono", "cursive", "fantasy",
    "system-ui", "emoji", "math"
};

/* ---- small string helpers --------------------------------------------- */

/* Compare two family names the way fontconfig does: ASCII case and blanks
 * ignored. */
static int family_eq(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ') a++;
        while (*b == ' ') b++;
        unsigned char ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z') ca = (unsigned char)(ca - 'A' + 'a');
        if (cb >= 'A' && cb <= 'Z') cb = (unsigned char)(cb - 'A' + 'a');
        if (ca != cb) return 0;
        if (ca == 0) return 1;
        a++;
        b++;
    }
}

static int is_generic_family(const char *name)
{
    for (size_t i = 0; i < sizeof generic_families / sizeof *generic_families; i++)
        if (family_eq(name, generic_families[i])) return 1;
    return 0;
}

/* Split an FO family list into trimmed, unquoted names. Returns the count;
 * names[] point into `work`, a modified copy the caller frees. */
static int split_family_list(const char *list, char **work, char ***names)
{
    char *w = gr_strdup(list ? list : "");
    int n = 0, cap = 4;
    char **v = gr_malloc((size_t)cap * sizeof *v);
    char *p = w;
    while (*p) {
        char *start = p;
        char quote = 0;
        while (*p && (quote || *p != ',')) {
            if (!quote && (*p == '"' || *p == '\'')) quote = *p;
            else if (quote && *p == quote) quote = 0;
            p++;
        }
        char *end = p;
        if (*p == ',') *p++ = 0;
        while (start < end && (*start == ' ' || *start == '\t' || *start == '\n')) start++;
        while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n')) end--;
        if (end - start >= 2 && (*start == '"' || *start == '\'') && end[-1] == *start) {
            start++;
            end--;
        }
        *end = 0;
        if (*start) {
            if (n == cap) {
                cap *= 2;
                v = gr_realloc(v, (size_t)cap * sizeof *v);
            }
            v[n++] = start;
        }
    }
    *work = w;
    *names = v;
    return n;
}

/* PostScript name made safe for a PDF name: printable ASCII without
 * delimiters or blanks. */
static char *sanitize_psname(const char *s, int id)
{
    size_t n = strlen(s);
    char *out = gr_malloc(n + 16);
    size_t k = 0;
    for (size_t i = 0; i < n && k < 63; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c > 0x20 && c < 0x7f && !strchr("()<>[]{}/%#", c)) out[k++] = (char)c;
    }
    out[k] = 0;
    if (k == 0) snprintf(out, n + 16, "GereportFont%d", id);
    return out;
}

/* ---- faces ------------------------------------------------------------ */

static uint16_t be16(const unsigned char *p) { return (uint16_t)(p[0] << 8 | p[1]); }

static void read_head_bbox(gr_face *f)
{
    hb_blob_t *head = hb_face_reference_table(f->hbface, HB_TAG('h', 'e', 'a', 'd'));
    unsigned len = 0;
    const unsigned char *d = (const unsigned char *)hb_blob_get_data(head, &len);
    if (d && len >= 54) {
        for (int i = 0; i < 4; i++) f->bbox[i] = (int16_t)be16(d + 36 + 2 * i);
    } else {
        f->bbox[0] = 0;
        f->bbox[1] = f->descender;
        f->bbox[2] = (int)f->upem;
        f->bbox[3] = f->ascender;
    }
    hb_blob_destroy(head);
}

/* The face's italic angle in degrees: what hb_style_get_value gives for
 * HB_STYLE_TAG_SLANT_ANGLE, read from the post table's header when the
 * face has no variations (no fvar: no slnt axis to consult). HarfBuzz
 * would set up its post table accelerator for it, which indexes every
 * glyph name: TW-Kai's post table holds 390 KB of names for 39,000 glyphs,
 * a third of the cpu of opening the face. */
static float italic_angle(gr_face *f)
{
    hb_blob_t *post;
    const unsigned char *d;
    unsigned len = 0;
    float angle = 0;
    if (hb_ot_var_has_data(f->hbface))
        return hb_style_get_value(f->hbfont, HB_STYLE_TAG_SLANT_ANGLE);
    post = hb_face_reference_table(f->hbface, HB_TAG('p', 'o', 's', 't'));
    d = (const unsigned char *)hb_blob_get_data(post, &len);
    if (d && len >= 32)        /* post's header: italicAngle, Fixed 16.16 at 4 */
        angle = (float)((int32_t)((uint32_t)be16(d + 4) << 16 | be16(d + 6)) / 65536.0);
    hb_blob_destroy(post);
    return angle;
}

static void read_face_metrics(gr_face *f)
{
    hb_position_t asc = 0, desc = 0, cap = 0;
    hb_ot_metrics_get_position_with_fallback(f->hbfont, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc);
    hb_ot_metrics_get_position_with_fallback(f->hbfont, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc);
    hb_ot_metrics_get_position_with_fallback(f->hbfont, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap);
    if (asc <= 0) asc = (hb_position_t)(f->upem * 0.88);
    if (desc > 0) desc = -desc;
    if (desc == 0) desc = -(hb_position_t)(f->upem * 0.12);
    if (cap <= 0) cap = (hb_position_t)(asc * 0.8);
    f->ascender = asc;
    f->descender = desc;
    f->cap_height = cap;
    read_head_bbox(f);
    f->italic_angle = italic_angle(f);
}

static void read_psname(gr_face *f)
{
    char name[256];
    unsigned n = sizeof name;
    name[0] = 0;
    if (hb_ot_name_get_utf8(f->hbface, HB_OT_NAME_ID_POSTSCRIPT_NAME,
                            HB_LANGUAGE_INVALID, &n, name) == 0)
        name[0] = 0;
    f->psname = sanitize_psname(name, f->id);
}

static int face_has_cp(hb_font_t *font, uint32_t cp)
{
    hb_codepoint_t g;
    return hb_font_get_nominal_glyph(font, cp, &g) && g != 0;
}

/* Load (or find) the face of file `path`, index `index`. NULL if the file
 * cannot be read as a font (reported once as a warning, then remembered). */
/* The font file holds every table its directory lists (an OpenType or
 * TrueType file, or a face of a collection): a truncated file would give
 * empty glyphs without any error from HarfBuzz. */
static int sfnt_intact(hb_blob_t *blob, unsigned index)
{
    unsigned len = 0;
    const unsigned char *d = (const unsigned char *)hb_blob_get_data(blob, &len);
    unsigned long off = 0, n, i;
    if (!d || len < 12) return 0;
    if (memcmp(d, "ttcf", 4) == 0) {
        unsigned long nfaces;
        if (len < 12) return 0;
        nfaces = (unsigned long)be16(d + 8) << 16 | be16(d + 10);
        if (index >= nfaces || 12 + 4 * (unsigned long)(index + 1) > len) return 0;
        off = (unsigned long)be16(d + 12 + 4 * index) << 16 | be16(d + 14 + 4 * index);
        if (off + 12 > len) return 0;
    }
    n = be16(d + off + 4);
    if (off + 12 + 16 * n > len) return 0;
    for (i = 0; i < n; i++) {
        const unsigned char *r = d + off + 12 + 16 * i;
        unsigned long toff = (unsigned long)be16(r + 8) << 16 | be16(r + 10);
        unsigned long tlen = (unsigned long)be16(r + 12) << 16 | be16(r + 14);
        if (toff > len || tlen > len - toff) return 0;
    }
    return 1;
}

/* The face of file `path`, index `index`: the one given before, or a new
 * one, not opened yet (its id is its place in fs->faces). NULL for a file
 * that could not be read before. */
static face_priv *fontset_face_slot(gr_fontset *fs, const char *path, int index,
                                    const char *family, int fc_weight)
{
    for (int i = 0; i < fs->nfaces; i++) {
        face_priv *fp = fs->faces[i];
        if (fp->pub.index == index && strcmp(fp->pub.path, path) == 0)
            return fp->state == FACE_BAD ? NULL : fp;
    }
    for (int i = 0; i < fs->nbad; i++)
        if (strcmp(fs->bad[i], path) == 0) return NULL;
    face_priv *fp = gr_calloc(1, sizeof *fp);
    gr_face *f = &fp->pub;
    fp->state = FACE_PENDING;
    fp->fc_weight = fc_weight;
    f->id = fs->nfaces;
    f->path = gr_strdup(path);
    f->index = index;
    f->family = gr_strdup(family ? family : "");
    fs->faces = gr_grow(fs->faces, &fs->faces_cap, (size_t)fs->nfaces + 1, sizeof *fs->faces);
    fs->faces[fs->nfaces++] = fp;
    return fp;
}

/* Open the face (once). NULL if the file cannot be read as a font
 * (reported once as an error, then remembered). */
static gr_face *face_open(gr_fontset *fs, face_priv *fp)
{
    gr_face *f = &fp->pub;
    const char *path = f->path;
    if (fp->state == FACE_LOADED) return f;
    if (fp->state == FACE_BAD) return NULL;

    /* a FIFO or device named in the configuration would block or never end */
    hb_blob_t *blob = gr_regular_file(path) ? hb_blob_create_from_file(path) : hb_blob_get_empty();
    hb_face_t *face = hb_face_create(blob, (unsigned)f->index);
    if (hb_blob_get_length(blob) == 0 && gr_regular_file(path)) {
        /* a readable, non-empty font HarfBuzz could neither map nor read:
           out of memory (ulimit -v, --max-memory), not a bad font — going on
           would draw every character as a box */
        struct stat st;
        if (stat(path, &st) == 0 && st.st_size > 0) gr_out_of_memory((size_t)st.st_size);
    }
    if (hb_blob_get_length(blob) == 0 || hb_face_get_glyph_count(face) == 0
        || !sfnt_intact(blob, (unsigned)f->index)) {
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        fp->state = FACE_BAD;
        fs->bad = gr_grow(fs->bad, &fs->bad_cap, (size_t)fs->nbad + 1, sizeof *fs->bad);
        fs->bad[fs->nbad++] = gr_strdup(path);
        /* never a silent fallback: a PDF of empty boxes or of another
           font's glyphs would pass for a good one (exit 2, no PDF) */
        gr_syserror(fs->ctx, path, 0, GR_TEXT(FONT_CANNOT_READ_FONT_FILE));
        return NULL;
    }
    f->blob = blob;
    f->hbface = face;
    f->hbfont = hb_font_create(face);
    f->upem = hb_face_get_upem(face);
    if (f->upem == 0) f->upem = 1000;
    f->nglyphs = hb_face_get_glyph_count(face);
    float w = hb_style_get_value(f->hbfont, HB_STYLE_TAG_WEIGHT);
    f->bold = w >= 600 || fp->fc_weight >= FC_WEIGHT_DEMIBOLD;
    f->is_cjk = face_has_cp(f->hbfont, 0x4E00) || face_has_cp(f->hbfont, 0x3400)
             || face_has_cp(f->hbfont, 0x20000) || face_has_cp(f->hbfont, 0xF0000);
    read_face_metrics(f);
    read_psname(f);
    fp->state = FACE_LOADED;
    return f;
}

static void face_free(face_priv *fp)
{
    gr_face *f = &fp->pub;
    if (f->hbfont) hb_font_destroy(f->hbfont);
    if (f->hbface) hb_face_destroy(f->hbface);
    if (f->blob) hb_blob_destroy(f->blob);
    free(f->path);
    free(f->family);
    free(f->psname);
    free(f->gid_text);
    free(f->gid_text_len);
    for (int i = 0; i < fp->npool; i++) free(fp->pool[i]);
    free(fp->pool);
    free(fp);
}

/* ---- fontset ------------------------------------------------------------ */

/* <conf_dir>/gereport-fonts.conf as an absolute path: fontconfig looks
 * relative names up in its own folder. NULL if the working directory is
 * unknown. */
static char *absolute_conf_path(const char *conf_dir)
{
    char *rel = gr_path_join(conf_dir && *conf_dir ? conf_dir : ".", "gereport-fonts.conf");
    if (rel[0] == '/') return rel;
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) {
        free(rel);
        return NULL;
    }
    char *abs = gr_path_join(cwd, rel);
    free(rel);
    return abs;
}

/* The system's fontconfig configuration, as FcInitLoadConfigAndFonts
 * makes it, less one step that changes nothing gereport uses: fontconfig
 * 2.14 then also parses, without loading, every file of its template
 * folder (/usr/share/fontconfig/conf.avail: ~55 files, ~140 system calls,
 * some 2 ms of a 20 ms start-up) only to list the rule sets' descriptions
 * for configuration tools. Everything else is its own steps in its order:
 * the configuration file (FONTCONFIG_FILE or fonts.conf) loaded with
 * complaints, then the fonts built from the caches. When the configuration
 * cannot be loaded or names no cache folder, fontconfig's own function
 * does the work (its fallback configuration, its warnings).
 * tests/unit/test_text.c compares the two configurations' font lists,
 * substitutions and sort orders. */
FcConfig *gr_font_system_config(void)
{
    FcConfig *config = FcConfigCreate();
    FcStrList *caches;
    int have_cache_dir = 0;
    if (!config) return NULL;
    if (FcConfigParseAndLoad(config, NULL, FcTrue)) {
        caches = FcConfigGetCacheDirs(config);
        if (caches) {
            have_cache_dir = FcStrListNext(caches) != NULL;
            FcStrListDone(caches);
        }
    }
    if (!have_cache_dir) {
        FcConfigDestroy(config);
        return FcInitLoadConfigAndFonts();
    }
    if (!FcConfigBuildFonts(config)) {
        FcConfigDestroy(config);
        return NULL;
    }
    return config;
}

gr_fontset *gr_fontset_new(gr_ctx *ctx, const char *conf_dir)
{
    char *conf = absolute_conf_path(conf_dir);
    if (!conf || access(conf, R_OK) != 0) {
        gr_syserror(ctx, conf_dir, 0, GR_TEXT(FONT_CONFIGURATION_GEREPORT_FONTS_CONF));
        free(conf);
        return NULL;
    }
    int conf_fd;    /* a FIFO or device there would block fontconfig */
    if (gr_open_input(ctx, conf, NULL, 0, NULL, &conf_fd) != GR_OK) {
        free(conf);
        return NULL;
    }
    close(conf_fd);
    FcConfig *config = gr_font_system_config();
    if (!config) {
        gr_syserror(ctx, NULL, 0, GR_TEXT(FONT_CANNOT_INITIALISE_FONTCONFIG));
        free(conf);
        return NULL;
    }
    if (!FcConfigParseAndLoad(config, (const FcChar8 *)conf, FcFalse)) {
        gr_syserror(ctx, conf, 0, GR_TEXT(FONT_CONFIGURATION_FILE_CANNOT_LOADED));
        FcConfigDestroy(config);
        free(conf);
        return NULL;
    }
    free(conf);
    gr_fontset *fs = gr_calloc(1, sizeof *fs);
    fs->ctx = ctx;
    fs->config = config;
    return fs;
}

void gr_fontset_free(gr_fontset *fs)
{
    if (!fs) return;
    for (int i = 0; i < fs->nchains; i++) {
        free(fs->chains[i]->pub.faces);
        free(fs->chains[i]->list);
        free(fs->chains[i]);
    }
    free(fs->chains);
    for (int i = 0; i < fs->nfaces; i++) face_free(fs->faces[i]);
    free(fs->faces);
    for (int i = 0; i < fs->nbad; i++) free(fs->bad[i]);
    free(fs->bad);
    gr_linebreaker_free(fs->lb);
    if (fs->buf) hb_buffer_destroy(fs->buf);
    gr_memo_free(fs->memo);
    if (fs->para_spare && fs->para_spare_free) fs->para_spare_free(fs->para_spare);
    if (fs->config) FcConfigDestroy(fs->config);
    free(fs);
}

int gr_fontset_nfaces(const gr_fontset *fs)
{
    return fs ? fs->nfaces : 0;
}

gr_face *gr_fontset_face(const gr_fontset *fs, int i)
{
    return fs && i >= 0 && i < fs->nfaces ? &fs->faces[i]->pub : NULL;
}

/* ---- chains ------------------------------------------------------------- */

/* A fontconfig pattern for `names` at `weight`, substituted. */
static FcPattern *family_pattern(gr_fontset *fs, char **names, int nnames, int weight)
{
    FcPattern *pat = FcPatternCreate();
    for (int i = 0; i < nnames; i++)
        FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)names[i]);
    FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"zh-tw");
    FcPatternAddDouble(pat, FC_WEIGHT, FcWeightFromOpenTypeDouble(weight > 0 ? weight : 400));
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcConfigSubstitute(fs->config, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    return pat;
}

/* 1 if the font's families include one that the pattern binds strongly
 * (the names asked for and their aliases, not generic fallbacks). */
static int font_matches_strong_family(FcPattern *pat, FcPattern *font)
{
    FcValue v;
    FcValueBinding b;
    for (int i = 0; FcPatternGetWithBinding(pat, FC_FAMILY, i, &v, &b) == FcResultMatch; i++) {
        if (b == FcValueBindingWeak || v.type != FcTypeString) continue;
        if (is_generic_family((const char *)v.u.s)) continue;
        FcChar8 *fam;
        for (int k = 0; FcPatternGetString(font, FC_FAMILY, k, &fam) == FcResultMatch; k++)
            if (family_eq((const char *)fam, (const char *)v.u.s)) return 1;
    }
    return 0;
}

static int font_is_usable(FcPattern *font)
{
    FcBool scalable = FcFalse;
    FcChar8 *format = NULL;
    if (FcPatternGetBool(font, FC_SCALABLE, 0, &scalable) == FcResultMatch && !scalable) return 0;
    if (FcPatternGetString(font, FC_FONTFORMAT, 0, &format) == FcResultMatch
        && strcmp((const char *)format, "TrueType") != 0
        && strcmp((const char *)format, "CFF") != 0)
        return 0;
    return 1;
}

/* A font is worth a place in a chain when it is upright and of a family
 * the chain does not hold yet (fontconfig's sort already put the best
 * weight of each family first). */
static int useful_fallback(FcPattern *font, gr_face **chain, int n)
{
    int slant = FC_SLANT_ROMAN;
    FcChar8 *family = NULL;
    FcPatternGetInteger(font, FC_SLANT, 0, &slant);
    if (slant != FC_SLANT_ROMAN) return 0;
    if (FcPatternGetString(font, FC_FAMILY, 0, &family) != FcResultMatch) return 1;
    for (int k = 0; k < n; k++)
        if (family_eq(chain[k]->family, (const char *)family)) return 0;
    return 1;
}

static face_priv *font_pattern_slot(gr_fontset *fs, FcPattern *font)
{
    FcChar8 *file = NULL, *family = NULL;
    int index = 0, fcw = FC_WEIGHT_REGULAR;
    double dw;
    if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch) return NULL;
    FcPatternGetInteger(font, FC_INDEX, 0, &index);
    FcPatternGetString(font, FC_FAMILY, 0, &family);
    if (FcPatternGetDouble(font, FC_WEIGHT, 0, &dw) == FcResultMatch) fcw = (int)dw;
    else FcPatternGetInteger(font, FC_WEIGHT, 0, &fcw);
    return fontset_face_slot(fs, (const char *)file, index & 0xffff,
                             (const char *)family, fcw);
}

/* Faces for a substituted pattern in fontconfig's order, trimmed to those
 * that add coverage. *resolved tells whether the first font is one the
 * pattern asked for by name (or the list holds a generic name). */
static int collect_faces(gr_fontset *fs, FcPattern *pat, gr_face **out, int max,
                         int *resolved)
{
    FcResult res;
    FcFontSet *set = FcFontSort(fs->config, pat, FcTrue, NULL, &res);
    int n = 0;
    *resolved = 0;
    if (!set) return 0;
    for (int i = 0; i < set->nfont && n < max; i++) {
        FcPattern *font = set->fonts[i];
        if (!font_is_usable(font)) continue;
        /* only the first face's family decides `resolved`: the test walks
           the pattern's ~30 families, and the sort lists every font */
        if (n == 0 && font_matches_strong_family(pat, font)) *resolved = 1;
        if (!useful_fallback(font, out, n)) continue;
        face_priv *fp = font_pattern_slot(fs, font);
        /* the first face is opened now (a bad one gives way to the next);
           the others when a character needs them (gr_chain_face_for) */
        if (!fp || (n == 0 && !face_open(fs, fp))) continue;
        gr_face *f = &fp->pub;
        int dup = 0;
        for (int k = 0; k < n; k++) dup |= out[k] == f;
        if (!dup) out[n++] = f;
    }
    FcFontSetDestroy(set);
    return n;
}

static gr_face *resolve_latin_face(gr_fontset *fs, int weight)
{
    char *name = (char *)"gereport-latin";
    FcPattern *pat = family_pattern(fs, &name, 1, weight);
    gr_face *faces[2];
    int resolved = 0;
    int n = collect_faces(fs, pat, faces, 1, &resolved);
    FcPatternDestroy(pat);
    return n > 0 && resolved && !faces[0]->is_cjk ? faces[0] : NULL;
}

gr_fontchain *gr_fontset_chain(gr_fontset *fs, const char *family_list,
                               int weight, const char *file, int line)
{
    const char *list = family_list ? family_list : "";
    for (int i = 0; i < fs->nchains; i++)
        if (fs->chains[i]->weight == weight && strcmp(fs->chains[i]->list, list) == 0)
            return &fs->chains[i]->pub;

    char *work, **names;
    int nnames = split_family_list(list, &work, &names);
    int any_generic = 0;
    for (int i = 0; i < nnames; i++) any_generic |= is_generic_family(names[i]);
    gr_face *faces[MAX_CHAIN_FACES];
    int nf = 0, resolved = 0;
    if (nnames > 0) {
        FcPattern *pat = family_pattern(fs, names, nnames, weight);
        nf = collect_faces(fs, pat, faces, MAX_CHAIN_FACES, &resolved);
        FcPatternDestroy(pat);
    }
    free(work);
    free(names);
    if (nf == 0 || !(resolved || any_generic)) {
        gr_error(fs->ctx, file, line, GR_TEXT(FONT_NONE_FONT_FAMILIES_FONT),
                 list);
        return NULL;
    }

    chain_priv *cp = gr_calloc(1, sizeof *cp);
    cp->fs = fs;
    cp->list = gr_strdup(list);
    cp->weight = weight;
    gr_fontchain *ch = &cp->pub;
    ch->nfaces = nf;
    ch->faces = gr_malloc((size_t)nf * sizeof *ch->faces);
    memcpy(ch->faces, faces, (size_t)nf * sizeof *faces);
    ch->weight = weight;
    ch->latin = faces[0]->is_cjk ? resolve_latin_face(fs, weight) : NULL;
    if (!ch->latin) ch->latin = faces[0];
    ch->synth_bold = weight >= 600 && !faces[0]->bold;
    fs->chains = gr_grow(fs->chains, &fs->chains_cap, (size_t)fs->nchains + 1, sizeof *fs->chains);
    fs->chains[fs->nchains++] = cp;
    return ch;
}

/* ---- coverage ------------------------------------------------------------ */

int gr_face_has(const gr_face *f, uint32_t cp)
{
    return f && f->hbfont && face_has_cp(f->hbfont, cp);
}

int gr_is_latin_alnum(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
    if (cp >= 0xC0 && cp <= 0xFF) return cp != 0xD7 && cp != 0xF7;
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA) return 1;
    if (cp >= 0x100 && cp <= 0x24F) return 1;      /* Latin Extended-A/B */
    if (cp >= 0x1E00 && cp <= 0x1EFF) return 1;    /* Latin Extended Additional */
    return 0;
}

/* Punctuation and spaces that belong to the Latin face inside Latin runs. */
static int is_latin_punct(uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F) return 1;
    if (cp >= 0xA0 && cp <= 0xBF) return 1;
    if (cp == 0xD7 || cp == 0xF7) return 1;
    if (cp >= 0x2010 && cp <= 0x2013) return 1;    /* hyphens, en dash */
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D) return 1;
    return 0;
}

gr_face *gr_chain_face_for(const gr_fontchain *ch, uint32_t cp, int latin_context)
{
    if (!ch) return NULL;
    /* ASCII always takes the Latin face: the CNS fonts draw it full-width
       and gappy, so 「(一)」 or 「#」 would look spaced out; so does the
       no-break space, which the CNS fonts draw as a visible 「NB SP」 box */
    if ((cp >= 0x20 && cp <= 0x7E) || cp == 0xA0 || gr_is_latin_alnum(cp) ||
        (latin_context && is_latin_punct(cp)))
        if (gr_face_has(ch->latin, cp)) return ch->latin;
    for (int i = 0; i < ch->nfaces; i++) {
        face_priv *fp = (face_priv *)ch->faces[i];
        if (fp->state == FACE_PENDING) face_open(((const chain_priv *)ch)->fs, fp);
        if (gr_face_has(ch->faces[i], cp)) return ch->faces[i];
    }
    if (gr_face_has(ch->latin, cp)) return ch->latin;
    return NULL;
}

/* ---- gid → text ------------------------------------------------------------ */

static uint32_t *pool_alloc(face_priv *fp, int n)
{
    if (fp->npool == 0 || fp->chunk_used + (size_t)n > TEXT_POOL_CHUNK) {
        fp->pool = gr_grow(fp->pool, &fp->pool_cap, (size_t)fp->npool + 1, sizeof *fp->pool);
        fp->pool[fp->npool++] = gr_malloc(TEXT_POOL_CHUNK * sizeof(uint32_t));
        fp->chunk_used = 0;
    }
    uint32_t *p = fp->pool[fp->npool - 1] + fp->chunk_used;
    fp->chunk_used += (size_t)n;
    return p;
}

void gr_face_note_text(gr_face *f, uint32_t gid, const uint32_t *text, int n)
{
    if (!f || gid == 0 || gid >= f->nglyphs || n <= 0) return;
    if (n > 255) n = 255;
    if (n > TEXT_POOL_CHUNK) n = TEXT_POOL_CHUNK;
    if (!f->gid_text) {
        f->gid_text = gr_calloc(f->nglyphs, sizeof *f->gid_text);
        f->gid_text_len = gr_calloc(f->nglyphs, 1);
    }
    if (f->gid_text[gid]) return;
    uint32_t *t = pool_alloc((face_priv *)f, n);
    memcpy(t, text, (size_t)n * sizeof *t);
    f->gid_text[gid] = t;
    f->gid_text_len[gid] = (unsigned char)n;
}

/* ---- scratch for para.c ---------------------------------------------------- */

gr_linebreaker *gr_fontchain_linebreaker(const gr_fontchain *ch)
{
    if (!ch) return NULL;
    gr_fontset *fs = ((const chain_priv *)ch)->fs;
    if (!fs->lb_tried) {
        fs->lb_tried = 1;
        fs->lb = gr_linebreaker_new();
    }
    return fs->lb;
}

hb_buffer_t *gr_fontchain_hb_buffer(const gr_fontchain *ch)
{
    gr_fontset *fs = ((const chain_priv *)ch)->fs;
    if (!fs->buf) fs->buf = hb_buffer_create();
    return fs->buf;
}

gr_memo *gr_fontchain_memo(const gr_fontchain *ch)
{
    gr_fontset *fs = ((const chain_priv *)ch)->fs;
    if (!fs->memo) fs->memo = gr_memo_new();
    return fs->memo;
}

void **gr_fontchain_para_spare(const gr_fontchain *ch, void (*free_fn)(void *))
{
    gr_fontset *fs = ((const chain_priv *)ch)->fs;
    if (!fs->para_spare_free) fs->para_spare_free = free_fn;
    return &fs->para_spare;
}

/* ---- what identifies a font file (provenance, docs/archival.md) -------- */

void gr_font_describe(hb_face_t *face, const char *path, int index, gr_buf *out)
{
    char version[256];
    unsigned vlen = sizeof version, hlen = 0;
    uint32_t checksum = 0;
    long long size = -1;
    struct stat st;
    const char *base = path ? strrchr(path, '/') : NULL;
    hb_blob_t *head = face ? hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd')) : NULL;
    const unsigned char *h = head ? (const unsigned char *)hb_blob_get_data(head, &hlen) : NULL;
    if (h && hlen >= 12)   /* head.checksumAdjustment: the whole file's checksum */
        checksum = (uint32_t)h[8] << 24 | (uint32_t)h[9] << 16 | (uint32_t)h[10] << 8 | h[11];
    hb_blob_destroy(head);
    version[0] = 0;
    if (face && hb_ot_name_get_utf8(face, HB_OT_NAME_ID_VERSION_STRING, hb_language_from_string("en", -1),
                                    &vlen, version) == 0)
        version[0] = 0;
    if (path && stat(path, &st) == 0) size = (long long)st.st_size;
    gr_buf_printf(out, "%s#%d, %s, head 0x%08x, %lld bytes", path ? (base ? base + 1 : path) : "?",
                  index, version[0] ? version : "?", (unsigned)checksum, size);
}

char *gr_fontset_find_file(const gr_fontset *fs, const char *base, int index)
{
    FcFontSet *sets[2];
    int s, i;
    if (!fs || !fs->config) return NULL;
    sets[0] = FcConfigGetFonts(fs->config, FcSetSystem);
    sets[1] = FcConfigGetFonts(fs->config, FcSetApplication);
    for (s = 0; s < 2; s++)
        for (i = 0; sets[s] && i < sets[s]->nfont; i++) {
            FcChar8 *file = NULL;
            int idx = 0;
            const char *b;
            if (FcPatternGetString(sets[s]->fonts[i], FC_FILE, 0, &file) != FcResultMatch) continue;
            if (FcPatternGetInteger(sets[s]->fonts[i], FC_INDEX, 0, &idx) != FcResultMatch) idx = 0;
            b = strrchr((const char *)file, '/');
            b = b ? b + 1 : (const char *)file;
            if ((idx & 0xFFFF) == index && strcmp(b, base) == 0) return gr_strdup((const char *)file);
        }
    return NULL;
}

char *gr_font_describe_file(const char *path, int index)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    hb_face_t *face;
    gr_buf b;
    char *r;
    if (!blob) return NULL;
    face = hb_face_create(blob, (unsigned)index);
    gr_buf_init(&b);
    gr_font_describe(face, path, index, &b);
    r = gr_strdup(gr_buf_cstr(&b));
    gr_buf_free(&b);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return r;
}
