/* font.h — fonts as gereport sees them: families resolved through
 * fontconfig (with the aliases of fonts/gereport-fonts.conf), fallback
 * chains per family list, loaded faces (HarfBuzz) with their metrics, and
 * the record of which glyph stands for which source text (for ToUnicode).
 *
 * Ownership: the gr_fontset owns every chain and face it hands out; they
 * live until gr_fontset_free.
 */
#ifndef GR_FONT_H
#define GR_FONT_H

#include "../util/gr.h"
#include <hb.h>

typedef struct gr_face {
    int id;                    /* 0,1,2… in order of loading: stable */
    char *path;                /* font file */
    int index;                 /* face index in the file */
    char *family;              /* fontconfig family name (first) */
    char *psname;              /* PostScript name, sanitized for PDF names */
    hb_blob_t *blob;
    hb_face_t *hbface;
    hb_font_t *hbfont;         /* scale = upem (font units) */
    unsigned upem;
    int bold;                  /* the face itself is bold (weight >= 600) */
    int is_cjk;                /* covers U+4E00 (a Han face) */
    /* metrics in font units */
    int ascender, descender;   /* descender negative (OS/2 typo or hhea) */
    int cap_height;
    int bbox[4];               /* head.xMin, yMin, xMax, yMax */
    double italic_angle;
    /* gid -> source text (UTF-32) seen for that glyph; first one wins */
    uint32_t **gid_text;       /* indexed by gid, NULL where unknown */
    unsigned char *gid_text_len;
    unsigned nglyphs;
} gr_face;

/* A resolved font-family list at one weight: the faces to try in order for
 * each character, and the Latin face for letters and digits. */
typedef struct gr_fontchain {
    int nfaces;
    gr_face **faces;           /* faces[0] is the primary face */
    gr_face *latin;            /* face for Latin letters, digits, Latin
                                  punctuation inside Latin runs; never NULL */
    int synth_bold;            /* 1: weight >= 600 asked but the primary face
                                  is not bold: draw with fill+stroke */
    int weight;
} gr_fontchain;

typedef struct gr_fontset gr_fontset;

/* conf_dir: the folder holding gereport-fonts.conf (fonts/ in the source
 * tree, $(PREFIX)/share/gereport/fonts when installed). Reports and returns
 * NULL if fontconfig cannot be initialised. */
gr_fontset *gr_fontset_new(gr_ctx *ctx, const char *conf_dir);

/* The system's fontconfig configuration without gereport's aliases (what
 * gr_fontset_new starts from; FcConfigDestroy frees it). NULL on failure. */
struct _FcConfig *gr_font_system_config(void);
void gr_fontset_free(gr_fontset *fs);

/* Resolve an FO font-family list ("標楷體, DFKai-SB, serif") at a weight.
 * Cached: the same list and weight give the same chain pointer.
 * If no family of the list is installed, reports an error at file:line
 * naming the list and returns NULL. Generic names (serif, sans-serif,
 * monospace) resolve as fontconfig resolves them with our aliases. */
gr_fontchain *gr_fontset_chain(gr_fontset *fs, const char *family_list,
                               int weight, const char *file, int line);

/* The face of the chain to draw code point cp with. Latin letters, digits
 * and (when latin_context is 1) Latin punctuation and spaces take the
 * chain's Latin face; everything else the first face with a glyph for cp.
 * Returns NULL when no face of the chain has cp. */
gr_face *gr_chain_face_for(const gr_fontchain *ch, uint32_t cp, int latin_context);

/* 1 if the face maps cp to a glyph. */
int gr_face_has(const gr_face *f, uint32_t cp);

/* Remember that glyph gid stands for the code points text[0..n). The first
 * text recorded for a gid is kept. */
void gr_face_note_text(gr_face *f, uint32_t gid, const uint32_t *text, int n);

/* Faces loaded so far (for the PDF writer): count and i-th (by id). */
int gr_fontset_nfaces(const gr_fontset *fs);
gr_face *gr_fontset_face(const gr_fontset *fs, int i);

/* 1 for code points that count as Latin letters or digits (take the Latin
 * face): ASCII and Latin-1/Extended letters, digits 0-9. */
int gr_is_latin_alnum(uint32_t cp);

/* What identifies a font file in a report's provenance (docs/archival.md):
 * "FILE#INDEX, VERSION STRING, head 0xCHECKSUM, SIZE bytes" appended to out
 * (file name without folder; checksum = head.checksumAdjustment, a checksum
 * of the whole file, read instead of hashing 50 MB fonts). The PDF writer
 * records it; extract and build --like compare it with the fonts at hand. */
void gr_font_describe(hb_face_t *face, const char *path, int index, gr_buf *out);
/* The same for a font file on disk (newly allocated), or NULL if unreadable. */
char *gr_font_describe_file(const char *path, int index);
/* The installed file (full path, newly allocated) named `base` (without
 * folder) holding face `index`, among the fonts this fontset's
 * configuration knows; NULL if none. */
char *gr_fontset_find_file(const gr_fontset *fs, const char *base, int index);

#endif
