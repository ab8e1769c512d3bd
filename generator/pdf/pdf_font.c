/* pdf_font.c — the PDF text layer: for every face the display lists use,
 * the exact glyph set is hb-subset and embedded as one Type0/CIDFontType2
 * Identity-H
 * font: FontFile2 deflated by us (libdeflate), /W from HarfBuzz
 * advances, a complete FontDescriptor with CIDSet, and a ToUnicode CMap
 * built from the source text the shaper recorded for each glyph. Also
 * writes the text items (TJ arrays) into page content (pdf_content.c).
 */
#include "pdf_font.h"
#include "pdf_content.h"
#include "pdf_haru.h"
#include "../util/msg.h"

#include <hpdf_doc.h>
#include <hb-subset.h>
#include <assert.h>
#include <hb-ot.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BFCHAR_BLOCK      100     /* entries per beginbfchar block */
#define W_SUBARRAY_MAX    8000    /* PDF/A-1 arrays hold at most 8191 */
#define W_RANGE_MIN       4       /* equal widths coded as "c1 c2 w" */
#define MAX_TEXT_UNITS    256     /* UTF-16 units per ToUnicode target */
#define SYNTH_BOLD_STROKE (1.0 / 35.0)
#define PDF_REAL_MAX      32767.0
#define GLYF_ROOM_MAX     (64u << 20)   /* see copy_glyphs */

/* CIDs are given in order of first use (CID 0 is .notdef), so that a
 * page's content can be written before the document's glyph set is known;
 * CIDToGIDMap maps them to the glyphs of the subset. */
typedef struct pdf_face {
    gr_face *face;
    int index;                  /* order of first use: bit in page masks */
    unsigned nsrc;              /* glyph count of the source face */
    double scale;               /* HarfBuzz advance -> 1/1000 em */
    uint32_t *cid_of;           /* source gid -> CID (0: not used yet) */
    uint32_t *src_of;           /* CID -> source gid */
    int *width;                 /* per CID, in 1/1000 em */
    unsigned ncids;
    size_t cidcap, wcap;
    uint16_t *gid_of;           /* after subsetting: CID -> subset gid */
    HPDF_Dict font;             /* the Type0 font dictionary */
    char res_name[24];          /* resource name without the slash */
} pdf_face;

struct pdf_fonts {
    size_t n, cap;
    pdf_face **faces;           /* in order of first use; sorted at embed */
    pdf_face *last;             /* lookup cache */
};

/* ---- collecting the glyph sets --------------------------------------- */

pdf_fonts *pdf_fonts_new(void)
{
    return gr_calloc(1, sizeof(pdf_fonts));
}

static void face_free(pdf_face *f)
{
    if (!f) return;
    free(f->gid_of);
    free(f->cid_of);
    free(f->width);
    free(f->src_of);
    free(f);
}

void pdf_fonts_free(pdf_fonts *pf)
{
    size_t i;
    if (!pf) return;
    for (i = 0; i < pf->n; i++)
        face_free(pf->faces[i]);
    free(pf->faces);
    free(pf);
}

static pdf_face *find_face(pdf_fonts *pf, const gr_face *face)
{
    size_t i;
    if (pf->last && pf->last->face == face)
        return pf->last;
    for (i = 0; i < pf->n; i++)
        if (pf->faces[i]->face == face)
            return pf->last = pf->faces[i];
    return NULL;
}

static unsigned face_upem(const gr_face *face);

static pdf_face *add_face(pdf_fonts *pf, gr_face *face)
{
    pdf_face *f = gr_calloc(1, sizeof *f);
    int xs = 0, ys = 0;
    size_t i;
    f->face = face;
    f->index = (int)pf->n;
    f->nsrc = face->hbface ? hb_face_get_glyph_count(face->hbface) : 0;
    if (f->nsrc == 0) f->nsrc = 1;
    if (face->hbfont) hb_font_get_scale(face->hbfont, &xs, &ys);
    f->scale = xs > 0 ? 1000.0 / xs : 1000.0 / face_upem(face);
    f->cid_of = gr_calloc(f->nsrc, sizeof *f->cid_of);
    /* CID 0 is .notdef */
    f->src_of = gr_grow(NULL, &f->cidcap, 16, sizeof *f->src_of);
    f->width = gr_grow(NULL, &f->wcap, 16, sizeof *f->width);
    f->src_of[0] = 0;
    f->width[0] = face->hbfont ? (int)lround(hb_font_get_glyph_h_advance(face->hbfont, 0) * f->scale) : 0;
    f->ncids = 1;
    /* resource name /F<face id>; a face id seen twice gets a suffix */
    snprintf(f->res_name, sizeof f->res_name, "F%d", face->id);
    for (i = 0; i < pf->n; i++)
        if (pf->faces[i]->face->id == face->id) {
            snprintf(f->res_name, sizeof f->res_name, "F%d_%zu", face->id, pf->n);
            break;
        }
    pf->faces = gr_grow(pf->faces, &pf->cap, pf->n + 1, sizeof *pf->faces);
    pf->faces[pf->n++] = f;
    return pf->last = f;
}

static uint32_t source_gid(const pdf_face *f, uint32_t gid)
{
    return gid < f->nsrc ? gid : 0;
}

static int is_used(const pdf_face *f, uint32_t gid)
{
    return gid == 0 || f->cid_of[gid] != 0;
}

/* The CID of a source glyph, given on first use. */
static uint32_t cid_for(pdf_face *f, uint32_t gid)
{
    uint32_t g = source_gid(f, gid);
    hb_position_t adv;
    if (g == 0) return 0;
    if (f->cid_of[g]) return f->cid_of[g];
    assert(f->ncids <= 0xFFFF);         /* a face has at most 65535 glyphs */
    f->src_of = gr_grow(f->src_of, &f->cidcap, f->ncids + 1, sizeof *f->src_of);
    f->width = gr_grow(f->width, &f->wcap, f->ncids + 1, sizeof *f->width);
    adv = f->face->hbfont ? hb_font_get_glyph_h_advance(f->face->hbfont, g) : 0;
    f->src_of[f->ncids] = g;
    f->width[f->ncids] = (int)lround(adv * f->scale);
    f->cid_of[g] = f->ncids;
    return f->ncids++;
}

/* ---- small helpers ---------------------------------------------------- */

static int cmp_face_id(const void *a, const void *b)
{
    const pdf_face *x = *(pdf_face *const *)a, *y = *(pdf_face *const *)b;
    return (x->face->id > y->face->id) - (x->face->id < y->face->id);
}

static unsigned face_upem(const gr_face *face)
{
    if (face->upem) return face->upem;
    if (face->hbface) return hb_face_get_upem(face->hbface);
    return 1000;
}

static double em1000(const gr_face *face, double v)
{
    return v * 1000.0 / (double)face_upem(face);
}

static const char *face_psname(const gr_face *face)
{
    return face->psname && face->psname[0] ? face->psname : "Font";
}

/* Deterministic subset tag: six capitals from a hash of the PostScript
 * name and the glyph set. */
static void subset_tag(const pdf_face *f, char tag[7])
{
    uint64_t h = 1469598103934665603ull;
    const char *s;
    unsigned g;
    int i;
    for (s = face_psname(f->face); *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    for (g = 0; g < f->nsrc; g++)
        if (is_used(f, g)) {
            for (i = 0; i < 4; i++)
                h = (h ^ ((g >> (8 * i)) & 0xff)) * 1099511628211ull;
        }
    for (i = 0; i < 6; i++) {
        tag[i] = (char)('A' + h % 26);
        h /= 26;
    }
    tag[6] = 0;
}

/* Base font name "TAG+PSName", cut to the PDF name length limit. */
static void base_font_name(const pdf_face *f, char *out, size_t outlen)
{
    char tag[7];
    subset_tag(f, tag);
    snprintf(out, outlen, "%s+%s", tag, face_psname(f->face));
}

/* ---- subsetting ------------------------------------------------------- */

/* Tables the PDF does not use. cmap too: a CIDFontType2 font is drawn by
 * CID through the CIDToGIDMap, never through the font's own cmap (PDF 1.7
 * 9.9 lists the tables a TrueType program embedded for a CIDFont needs, and
 * cmap is not one; text is extracted through ToUnicode). Dropping it makes
 * the 13-page form's PDF 3.3 KB smaller (562,520 -> 559,195 bytes) with
 * the same pdftotext output, the same poppler pixels and a valid PDF/A-1b. */
static const char *const dropped_tables[] = {
    "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "mort",
    "kerx", "feat", "trak", "vhea", "vmtx", "VORG", "hdmx", "LTSH", "VDMX",
    "DSIG", "EBDT", "EBLC", "EBSC", "bdat", "bloc", "CBDT", "CBLC", "sbix",
    "COLR", "CPAL", "SVG ", "PCLT", "meta", "STAT", "cmap", NULL
};

/* Unicode values whose nominal glyph is a used glyph and that the glyph
 * stands for (from the shaper's record): the subset's OS/2 character
 * range is computed from them. */
static void add_nominal_unicodes(const pdf_face *f, hb_set_t *unicodes)
{
    const gr_face *face = f->face;
    unsigned g;
    if (!face->gid_text || !face->gid_text_len || !face->hbfont) return;
    for (g = 1; g < f->nsrc && g < face->nglyphs; g++) {
        hb_codepoint_t nominal;
        uint32_t cp;
        if (!is_used(f, g) || !face->gid_text[g] || face->gid_text_len[g] != 1)
            continue;
        cp = face->gid_text[g][0];
        if (hb_font_get_nominal_glyph(face->hbfont, cp, &nominal) && nominal == g)
            hb_set_add(unicodes, cp);
    }
}

/* hb-subset (HarfBuzz 6) given a glyph set collects the face's whole cmap
 * into a hash map to find the code points of those glyphs (TW-Kai: 39,000
 * entries, some 5 ms and 1.3 MiB of a 13-page render); given code points
 * alone, it looks each one up. So when every kept glyph is the nominal
 * glyph of a code point the text recorded for it, the input is those code
 * points and no glyph set: the same glyphs are kept (the subset has no
 * cmap, see dropped_tables). 1 if so (unicodes filled). */
static int unicodes_for_glyphs(const pdf_face *f, hb_set_t *unicodes)
{
    const gr_face *face = f->face;
    unsigned cid;
    hb_codepoint_t nominal;
    if (!face->gid_text || !face->gid_text_len || !face->hbfont) return 0;
    for (cid = 1; cid < f->ncids; cid++) {
        uint32_t g = f->src_of[cid];
        if (g >= face->nglyphs || !face->gid_text[g] || face->gid_text_len[g] != 1
            || !hb_font_get_nominal_glyph(face->hbfont, face->gid_text[g][0], &nominal)
            || nominal != g)
            return 0;
    }
    add_nominal_unicodes(f, unicodes);
    return 1;
}

static hb_subset_input_t *make_subset_input(const pdf_face *f)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_set_t *glyphs, *drop;
    unsigned g;
    int i;
    if (!in) return NULL;
    if (!unicodes_for_glyphs(f, hb_subset_input_unicode_set(in))) {
        hb_set_clear(hb_subset_input_unicode_set(in));
        glyphs = hb_subset_input_glyph_set(in);
        for (g = 0; g < f->nsrc; g++)
            if (is_used(f, g)) hb_set_add(glyphs, g);
        add_nominal_unicodes(f, hb_subset_input_unicode_set(in));
    }
    drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (i = 0; dropped_tables[i]; i++)
        hb_set_add(drop, hb_tag_from_string(dropped_tables[i], 4));
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    return in;
}

/* ---- the glyphs the subset needs, read without mapping the font -------

   hb-subset reads a TrueType face's glyf table through the font file's
   memory mapping, and every glyph it touches brings the neighbouring pages
   of the mapping into the process (the kernel maps pages around a fault
   that are in the page cache already): for the seed-004 report's thousand
   glyphs of TW-Kai that is 20 MiB of its 51 MiB glyf table, half the peak
   memory of the whole run. So the subset is taken from a copy of the face
   whose glyf table holds only the glyphs kept, read with pread in glyph
   order, every other glyph empty, and whose loca is long-format to match;
   every other table is the face's own. The subset's bytes are the same:
   hb-subset reads no other glyph's data. A kept composite glyph (Latin
   accented letters), or any surprise (no glyf, a bad offset), falls back
   to the face itself. */

static hb_user_data_key_t sparse_face_key;    /* the glyf copy, freed with the face */

static uint32_t rd16(const unsigned char *p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t rd32(const unsigned char *p) { return rd16(p) << 16 | rd16(p + 2); }

typedef struct glyf_copy {
    const unsigned char *loca;
    int long_loca;
    unsigned nglyphs;
    int fd;
    unsigned long long glyf_at;  /* the glyf table's offset in the file */
    unsigned glyf_len;
} glyf_copy;

static int glyph_range(const glyf_copy *c, unsigned g, unsigned *from, unsigned *to)
{
    if (g >= c->nglyphs) return 0;
    *from = c->long_loca ? rd32(c->loca + 4 * g) : 2 * rd16(c->loca + 2 * g);
    *to = c->long_loca ? rd32(c->loca + 4 * g + 4) : 2 * rd16(c->loca + 2 * g + 2);
    return *from <= *to && *to <= c->glyf_len;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* Reading a few KiB more costs less than a system call more (on this
 * kind of virtual machine a pread is some 2.5 us, and each KiB it copies
 * 0.2 us): runs of kept glyphs at most PDF_GLYF_GAP bytes apart in the
 * file are read with one pread into a scratch buffer and copied from
 * there (the seed-004 report: 738 reads of TW-Kai -> 502). */
int pdf_glyf_read_pieces(int fd, unsigned long long base, const pdf_glyf_piece *p,
                         size_t n, unsigned char *out)
{
    unsigned char *win = NULL;
    size_t i = 0, j, k;
    int ok = 1;
    while (ok && i < n) {
        unsigned from = p[i].from, to = p[i].from + p[i].len;
        for (j = i + 1; j < n && p[j].from >= to && p[j].from - to <= PDF_GLYF_GAP &&
                        p[j].from + p[j].len - from <= PDF_GLYF_WINDOW; j++)
            to = p[j].from + p[j].len;
        if (j == i + 1) {
            ok = pread(fd, out + p[i].at, p[i].len, (off_t)(base + from)) == (ssize_t)p[i].len;
        } else {
            if (!win) win = gr_malloc(PDF_GLYF_WINDOW);
            ok = pread(fd, win, to - from, (off_t)(base + from)) == (ssize_t)(to - from);
            for (k = i; ok && k < j; k++) memcpy(out + p[k].at, win + (p[k].from - from), p[k].len);
        }
        i = j;
    }
    free(win);
    return ok;
}

/* The kept glyphs' bytes, in glyph order, into out (sized once), and the
 * long loca over them into loca (nglyphs + 1 entries): a glyph not kept is
 * empty where the one before ends. Glyphs whose bytes follow each other in
 * the file are read with one pread (on a virtual machine each system call
 * is dear). 0 on a read error, a malformed glyph or a composite glyph (its
 * components would have to be copied too: the face itself is subset). */
static int copy_glyphs(const glyf_copy *c, const pdf_face *f, gr_buf *out,
                       unsigned char *loca, size_t *table_len)
{
    unsigned g, from, to, kept = 0;
    size_t total = 0, room, npieces = 0;
    pdf_glyf_piece *pieces;
    int ok;
    for (g = 0; g < c->nglyphs; g++)
        if (is_used(f, g)) {
            if (!glyph_range(c, g, &from, &to)) return 0;
            total += to - from;
            kept++;
        }
    if (total > UINT32_MAX) return 0;
    /* hb-subset (HarfBuzz 6) sizes its buffer for the subset's glyf as 512
       bytes plus the source table's length times sqrt(kept / all glyphs),
       and when that runs out starts the table again with twice the room:
       from the length of this copy (the kept glyphs alone) it would start
       at a seventh of what the report's 800 glyphs of TW-Kai need and
       subset them four times. So the table is declared as long as that
       estimate needs (the glyphs plus a byte each of padding); the memory
       past the glyphs is reserved but never written nor read (loca points
       into the glyphs only), so it costs no page. Capped: past the cap
       hb-subset merely starts again as before. */
    room = total;
    if (kept < c->nglyphs) {
        double need = (double)total + kept + 64.0;
        double r = need / sqrt((double)kept / c->nglyphs);
        if (r > (double)total && r < (double)GLYF_ROOM_MAX) room = (size_t)r + 1;
    }
    gr_buf_reserve(out, room);
    *table_len = room;
    pieces = gr_malloc((size_t)kept * sizeof *pieces);
    for (g = 0; g < c->nglyphs; ) {
        unsigned run_from, run_to, e;
        size_t at = out->len;
        put32(loca + 4 * (size_t)g, (uint32_t)at);
        if (!is_used(f, g)) {
            g++;
            continue;
        }
        glyph_range(c, g, &run_from, &run_to);
        /* the run of kept glyphs stored one after the other */
        for (e = g + 1; e < c->nglyphs && is_used(f, e); e++) {
            if (!glyph_range(c, e, &from, &to) || from != run_to) break;
            put32(loca + 4 * (size_t)e, (uint32_t)(at + (from - run_from)));
            run_to = to;
        }
        if (run_to > run_from) {
            pieces[npieces].at = at;
            pieces[npieces].from = run_from;
            pieces[npieces++].len = run_to - run_from;
            out->len += run_to - run_from;
        }
        g = e;
    }
    put32(loca + 4 * (size_t)c->nglyphs, (uint32_t)out->len);
    ok = pdf_glyf_read_pieces(c->fd, c->glyf_at, pieces, npieces, out->data);
    free(pieces);
    if (!ok) return 0;
    /* a composite glyph (numberOfContours < 0) */
    for (g = 0; g < c->nglyphs; g++)
        if (is_used(f, g)) {
            from = rd32(loca + 4 * (size_t)g);
            to = rd32(loca + 4 * (size_t)g + 4);
            if (to - from >= 10 && (int16_t)rd16(out->data + from) < 0) return 0;
        }
    return 1;
}

/* The face to subset f from: a copy with only the kept glyphs (see above),
 * or a new reference to the face itself. */
static hb_face_t *sparse_face(const pdf_face *f)
{
    hb_face_t *src = f->face->hbface, *out = NULL;
    hb_blob_t *file = hb_face_reference_blob(src);
    hb_blob_t *glyf = hb_face_reference_table(src, HB_TAG('g', 'l', 'y', 'f'));
    hb_blob_t *loca = hb_face_reference_table(src, HB_TAG('l', 'o', 'c', 'a'));
    hb_blob_t *head = hb_face_reference_table(src, HB_TAG('h', 'e', 'a', 'd'));
    unsigned flen, glen, llen, hlen;
    const char *fdata = hb_blob_get_data(file, &flen);
    const char *gdata = hb_blob_get_data(glyf, &glen);
    const unsigned char *ldata = (const unsigned char *)hb_blob_get_data(loca, &llen);
    const unsigned char *hdata = (const unsigned char *)hb_blob_get_data(head, &hlen);
    glyf_copy c;
    gr_buf g_out;
    unsigned char *nl = NULL;
    size_t glyf_len = 0;
    int ok = 0;
    memset(&c, 0, sizeof c);
    c.fd = -1;
    gr_buf_init(&g_out);
    if (!fdata || !gdata || !ldata || hlen < 54 || gdata < fdata || gdata + glen > fdata + flen)
        goto done;
    c.loca = ldata;
    c.long_loca = rd16(hdata + 50) != 0;
    c.nglyphs = f->nsrc;
    if (c.nglyphs == 0 || llen < (c.long_loca ? 4u : 2u) * (c.nglyphs + 1)) goto done;
    c.glyf_at = (unsigned long long)(gdata - fdata);
    c.glyf_len = glen;
    c.fd = open(f->face->path, O_RDONLY | O_CLOEXEC);
    if (c.fd < 0) goto done;
    nl = gr_malloc(4 * ((size_t)c.nglyphs + 1));
    if (!copy_glyphs(&c, f, &g_out, nl, &glyf_len)) goto done;
    {
        unsigned char *nh = gr_malloc(hlen);
        hb_face_t *b = hb_face_builder_create();
        unsigned int ntags = 0, k, start = 0;
        hb_tag_t tags[64];
        memcpy(nh, hdata, hlen);
        nh[50] = 0;
        nh[51] = 1;                                  /* indexToLocFormat: long */
        do {
            ntags = sizeof tags / sizeof tags[0];
            ntags = hb_face_get_table_tags(src, start, &ntags, tags) ? ntags : 0;
            for (k = 0; k < ntags; k++) {
                hb_blob_t *t;
                if (tags[k] == HB_TAG('g', 'l', 'y', 'f'))
                    t = hb_blob_create((const char *)g_out.data, (unsigned)glyf_len,
                                       HB_MEMORY_MODE_READONLY, NULL, NULL);
                else if (tags[k] == HB_TAG('l', 'o', 'c', 'a')) {
                    t = hb_blob_create((const char *)nl, 4 * (c.nglyphs + 1),
                                       HB_MEMORY_MODE_READONLY, nl, free);
                    nl = NULL;          /* the blob frees it */
                }
                else if (tags[k] == HB_TAG('h', 'e', 'a', 'd'))
                    t = hb_blob_create((const char *)nh, hlen, HB_MEMORY_MODE_READONLY, nh, free);
                else
                    t = hb_face_reference_table(src, tags[k]);
                hb_face_builder_add_table(b, tags[k], t);
                hb_blob_destroy(t);
            }
            start += ntags;
        } while (ntags == sizeof tags / sizeof tags[0]);
        out = b;
        /* the glyf copy must outlive the face: it is freed with the face */
        hb_face_set_user_data(out, &sparse_face_key, g_out.data, free, 1);
        g_out.data = NULL;
        ok = 1;
    }
done:
    if (c.fd >= 0) close(c.fd);
    free(nl);
    gr_buf_free(&g_out);
    hb_blob_destroy(head);
    hb_blob_destroy(loca);
    hb_blob_destroy(glyf);
    hb_blob_destroy(file);
    return ok ? out : hb_face_reference(src);
}

/* Subset the face: fills f->gid_of and returns the subset font program in
 * *blob (caller destroys). */
static int run_subset(gr_ctx *ctx, pdf_face *f, hb_blob_t **blob)
{
    hb_subset_input_t *in = make_subset_input(f);
    hb_subset_plan_t *plan;
    hb_face_t *src;
    const hb_map_t *o2n;
    hb_face_t *sub;
    unsigned cid;

    *blob = NULL;
    if (!in)
        goto fail;
    src = sparse_face(f);
    plan = hb_subset_plan_create_or_fail(src, in);
    hb_face_destroy(src);       /* the plan holds its own reference */
    hb_subset_input_destroy(in);
    if (!plan)
        goto fail;
    o2n = hb_subset_plan_old_to_new_glyph_mapping(plan);
    f->gid_of = gr_calloc(f->ncids, sizeof *f->gid_of);
    for (cid = 0; cid < f->ncids; cid++) {
        hb_codepoint_t n = hb_map_get(o2n, f->src_of[cid]);
        f->gid_of[cid] = (uint16_t)(n == HB_MAP_VALUE_INVALID || n > 0xFFFF ? 0 : n);
    }
    sub = hb_subset_plan_execute_or_fail(plan);
    hb_subset_plan_destroy(plan);
    if (!sub)
        goto fail;
    *blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    if (hb_blob_get_length(*blob) == 0) {
        hb_blob_destroy(*blob);
        *blob = NULL;
        goto fail;
    }
    return GR_OK;
fail:
    return gr_syserror(ctx, f->face->path, 0, GR_TEXT(PDF_FONT_CANNOT_SUBSET_FONT), face_psname(f->face));
}

/* ---- widths ----------------------------------------------------------- */

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* /DW: the most frequent width (the smaller one on a tie). */
static int most_common_width(const pdf_face *f)
{
    int *w = gr_malloc(f->ncids * sizeof *w);
    int best = 0;
    unsigned i = 0, best_n = 0;
    memcpy(w, f->width, f->ncids * sizeof *w);
    qsort(w, f->ncids, sizeof *w, cmp_int);
    while (i < f->ncids) {
        unsigned j = i;
        while (j < f->ncids && w[j] == w[i]) j++;
        if (j - i > best_n) {
            best_n = j - i;
            best = w[i];
        }
        i = j;
    }
    free(w);
    return best;
}

static unsigned equal_run(const pdf_face *f, unsigned k, unsigned end)
{
    unsigned e = k;
    while (e < end && f->width[e] == f->width[k]) e++;
    return e;
}

/* Emit the widths of CIDs [k, end) that differ from dw. */
static void add_width_run(HPDF_MMgr mm, HPDF_Array w, const pdf_face *f,
                          unsigned k, unsigned end)
{
    while (k < end) {
        unsigned e = equal_run(f, k, end), start = k;
        HPDF_Array arr;
        if (e - k >= W_RANGE_MIN) {
            HPDF_Array_AddNumber(w, (HPDF_INT32)k);
            HPDF_Array_AddNumber(w, (HPDF_INT32)(e - 1));
            HPDF_Array_AddNumber(w, f->width[k]);
            k = e;
            continue;
        }
        arr = HPDF_Array_New(mm);
        if (!arr) return;
        while (k < end && k - start < W_SUBARRAY_MAX) {
            e = equal_run(f, k, end);
            if (e - k >= W_RANGE_MIN) break;
            for (; k < e; k++)
                HPDF_Array_AddNumber(arr, f->width[k]);
        }
        HPDF_Array_AddNumber(w, (HPDF_INT32)start);
        HPDF_Array_Add(w, arr);
    }
}

static HPDF_Array build_w_array(HPDF_MMgr mm, const pdf_face *f, int dw)
{
    HPDF_Array w = HPDF_Array_New(mm);
    unsigned i = 0;
    if (!w) return NULL;
    while (i < f->ncids) {
        unsigned j;
        if (f->width[i] == dw) { i++; continue; }
        for (j = i; j < f->ncids && f->width[j] != dw; j++) {}
        add_width_run(mm, w, f, i, j);
        i = j;
    }
    return w;
}

/* ---- streams ---------------------------------------------------------- */

static HPDF_Dict font_file_stream(HPDF_Doc pdf, pdf_zip *zip, hb_blob_t *blob,
                                  int level)
{
    unsigned int len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    gr_buf z;
    HPDF_Dict st;
    gr_buf_init(&z);
    pdf_deflate(zip, level, data, len, &z);
    st = pdf_haru_flate_stream(pdf, z.data, z.len);
    if (st) HPDF_Dict_AddNumber(st, "Length1", (HPDF_INT32)len);
    gr_buf_free(&z);
    return st;
}

/* A stream of `len` bytes, deflated at the level for small streams. */
static HPDF_Dict zipped_stream(HPDF_Doc pdf, pdf_zip *zip, const void *data,
                               size_t len)
{
    gr_buf z;
    HPDF_Dict st;
    gr_buf_init(&z);
    pdf_deflate(zip, PDF_LEVEL_OTHER, data, len, &z);
    st = pdf_haru_flate_stream(pdf, z.data, z.len);
    gr_buf_free(&z);
    return st;
}

static HPDF_Dict cidset_stream(HPDF_Doc pdf, pdf_zip *zip, const pdf_face *f)
{
    size_t nbytes = (f->ncids + 7) / 8, i;
    unsigned char *bits = gr_calloc(nbytes, 1);
    HPDF_Dict st;
    /* every glyph of the subset program is present: CIDs 0 .. ncids-1 */
    for (i = 0; i < f->ncids; i++)
        bits[i >> 3] |= (unsigned char)(0x80u >> (i & 7));
    st = zipped_stream(pdf, zip, bits, nbytes);
    free(bits);
    return st;
}

/* ---- ToUnicode -------------------------------------------------------- */

/* v as "%04X" does (a thousand calls per font: printf's parsing was most
 * of the ToUnicode's cost). */
static void add_hex4(gr_buf *b, uint32_t v)
{
    static const char digits[] = "0123456789ABCDEF";
    char h[4];
    if (v > 0xFFFF) {
        gr_buf_printf(b, "%04X", (unsigned)v);
        return;
    }
    h[0] = digits[v >> 12];
    h[1] = digits[(v >> 8) & 15];
    h[2] = digits[(v >> 4) & 15];
    h[3] = digits[v & 15];
    gr_buf_add(b, h, 4);
}

static int add_utf16_hex(gr_buf *b, uint32_t cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp >= 0x10000) {
        cp -= 0x10000;
        add_hex4(b, 0xD800 + (cp >> 10));
        add_hex4(b, 0xDC00 + (cp & 0x3FF));
        return 2;
    }
    add_hex4(b, cp);
    return 1;
}

static int glyph_text(const pdf_face *f, unsigned cid, const uint32_t **text)
{
    const gr_face *face = f->face;
    uint32_t g = f->src_of[cid];
    if (cid == 0 || !face->gid_text || !face->gid_text_len || g >= face->nglyphs
        || !face->gid_text[g])
        return 0;
    *text = face->gid_text[g];
    return face->gid_text_len[g];
}

static void tounicode_entry(gr_buf *b, unsigned cid, const uint32_t *text, int n)
{
    int i, units = 0;
    gr_buf_adds(b, "<");
    add_hex4(b, cid);
    gr_buf_adds(b, "> <");
    for (i = 0; i < n && units < MAX_TEXT_UNITS - 1; i++)
        units += add_utf16_hex(b, text[i]);
    gr_buf_adds(b, ">\n");
}

static void tounicode_cmap(const pdf_face *f, gr_buf *b)
{
    unsigned cid, count = 0, i;
    const uint32_t *text;
    gr_buf_adds(b,
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (cid = 0; cid < f->ncids; cid++)
        if (glyph_text(f, cid, &text) > 0) count++;
    cid = 0;
    while (count > 0) {
        unsigned block = count > BFCHAR_BLOCK ? BFCHAR_BLOCK : count;
        gr_buf_printf(b, "%u beginbfchar\n", block);
        for (i = 0; i < block; cid++) {
            int n = glyph_text(f, cid, &text);
            if (n <= 0) continue;
            tounicode_entry(b, cid, text, n);
            i++;
        }
        gr_buf_adds(b, "endbfchar\n");
        count -= block;
    }
    gr_buf_adds(b,
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\nend\n");
}

static HPDF_Dict tounicode_stream(HPDF_Doc pdf, pdf_zip *zip, const pdf_face *f)
{
    gr_buf b;
    HPDF_Dict st;
    gr_buf_init(&b);
    tounicode_cmap(f, &b);
    st = zipped_stream(pdf, zip, b.data, b.len);
    gr_buf_free(&b);
    return st;
}

/* ---- font dictionaries ------------------------------------------------ */

static HPDF_Array bbox_array(HPDF_MMgr mm, const gr_face *face)
{
    HPDF_Array a = HPDF_Array_New(mm);
    int i, zero = 1;
    if (!a) return NULL;
    for (i = 0; i < 4; i++)
        if (face->bbox[i]) zero = 0;
    if (zero) {
        HPDF_Array_AddNumber(a, 0);
        HPDF_Array_AddNumber(a, (HPDF_INT32)lround(em1000(face, face->descender)));
        HPDF_Array_AddNumber(a, 1000);
        HPDF_Array_AddNumber(a, (HPDF_INT32)lround(em1000(face, face->ascender)));
        return a;
    }
    for (i = 0; i < 4; i++)
        HPDF_Array_AddNumber(a, (HPDF_INT32)lround(em1000(face, face->bbox[i])));
    return a;
}

static HPDF_Dict font_descriptor(HPDF_Doc pdf, const gr_face *face,
                                 const char *base, HPDF_Dict fontfile,
                                 HPDF_Dict cidset)
{
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict fd = HPDF_Dict_New(mm);
    int ascent = face->ascender, descent = face->descender;
    int cap = face->cap_height ? face->cap_height : face->ascender;
    int flags = 4;                                /* symbolic */
    if (!fd || HPDF_Xref_Add(pdf->xref, fd) != HPDF_OK) return NULL;
    if (ascent == 0 && descent == 0) {
        ascent = face->bbox[3];
        descent = face->bbox[1];
    }
    if (face->italic_angle != 0) flags |= 64;
    HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
    HPDF_Dict_AddName(fd, "FontName", base);
    HPDF_Dict_AddNumber(fd, "Flags", flags);
    HPDF_Dict_Add(fd, "FontBBox", bbox_array(mm, face));
    HPDF_Dict_AddReal(fd, "ItalicAngle", (HPDF_REAL)face->italic_angle);
    HPDF_Dict_AddNumber(fd, "Ascent", (HPDF_INT32)lround(em1000(face, ascent)));
    HPDF_Dict_AddNumber(fd, "Descent", (HPDF_INT32)lround(em1000(face, descent)));
    HPDF_Dict_AddNumber(fd, "CapHeight", (HPDF_INT32)lround(em1000(face, cap)));
    HPDF_Dict_AddNumber(fd, "StemV", face->bold ? 120 : 80);
    HPDF_Dict_Add(fd, "FontFile2", fontfile);
    HPDF_Dict_Add(fd, "CIDSet", cidset);
    return fd;
}

static HPDF_Dict cid_system_info(HPDF_MMgr mm)
{
    HPDF_Dict d = HPDF_Dict_New(mm);
    if (!d) return NULL;
    HPDF_Dict_Add(d, "Registry", HPDF_String_New(mm, "Adobe", NULL));
    HPDF_Dict_Add(d, "Ordering", HPDF_String_New(mm, "Identity", NULL));
    HPDF_Dict_AddNumber(d, "Supplement", 0);
    return d;
}

/* CIDToGIDMap: two bytes per CID, the subset's glyph index. */
static HPDF_Dict cid_to_gid_stream(HPDF_Doc pdf, pdf_zip *zip, const pdf_face *f)
{
    unsigned char *map = gr_malloc((size_t)f->ncids * 2);
    unsigned cid;
    HPDF_Dict st;
    for (cid = 0; cid < f->ncids; cid++) {
        map[2 * cid] = (unsigned char)(f->gid_of[cid] >> 8);
        map[2 * cid + 1] = (unsigned char)(f->gid_of[cid] & 0xff);
    }
    st = zipped_stream(pdf, zip, map, (size_t)f->ncids * 2);
    free(map);
    return st;
}

static HPDF_Dict cid_font(HPDF_Doc pdf, pdf_zip *zip, const pdf_face *f,
                          const char *base, HPDF_Dict descriptor)
{
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict cf = HPDF_Dict_New(mm);
    HPDF_Array w;
    int dw = most_common_width(f);
    if (!cf || HPDF_Xref_Add(pdf->xref, cf) != HPDF_OK) return NULL;
    HPDF_Dict_AddName(cf, "Type", "Font");
    HPDF_Dict_AddName(cf, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(cf, "BaseFont", base);
    HPDF_Dict_Add(cf, "CIDSystemInfo", cid_system_info(mm));
    HPDF_Dict_Add(cf, "FontDescriptor", descriptor);
    HPDF_Dict_AddNumber(cf, "DW", dw);
    w = build_w_array(mm, f, dw);
    if (w && HPDF_Array_Items(w) > 0)
        HPDF_Dict_Add(cf, "W", w);
    else if (w)
        HPDF_Array_Free(w);
    HPDF_Dict_Add(cf, "CIDToGIDMap", cid_to_gid_stream(pdf, zip, f));
    return cf;
}

static HPDF_Dict type0_font(HPDF_Doc pdf, const char *base, HPDF_Dict cidfont,
                            HPDF_Dict tounicode)
{
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict t0 = HPDF_Dict_New(mm);
    HPDF_Array desc = HPDF_Array_New(mm);
    if (!t0 || !desc || HPDF_Xref_Add(pdf->xref, t0) != HPDF_OK) return NULL;
    HPDF_Dict_AddName(t0, "Type", "Font");
    HPDF_Dict_AddName(t0, "Subtype", "Type0");
    HPDF_Dict_AddName(t0, "BaseFont", base);
    HPDF_Dict_AddName(t0, "Encoding", "Identity-H");
    HPDF_Array_Add(desc, cidfont);
    HPDF_Dict_Add(t0, "DescendantFonts", desc);
    HPDF_Dict_Add(t0, "ToUnicode", tounicode);
    return t0;
}

static int has_table(hb_face_t *face, const char *tag)
{
    hb_blob_t *b = hb_face_reference_table(face, hb_tag_from_string(tag, 4));
    int yes = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return yes;
}

/* FontFile2 carries TrueType outlines only. */
static int check_truetype(gr_ctx *ctx, const pdf_face *f)
{
    if (has_table(f->face->hbface, "glyf") && has_table(f->face->hbface, "loca"))
        return GR_OK;
    return gr_syserror(ctx, f->face->path, 0, GR_TEXT(PDF_FONT_HAS_TRUETYPE_OUTLINES_E), face_psname(f->face));
}

static int embed_face(gr_ctx *ctx, HPDF_Doc pdf, pdf_zip *zip, pdf_face *f,
                      int level)
{
    hb_blob_t *blob;
    char base[HPDF_LIMIT_MAX_NAME_LEN + 1];
    HPDF_Dict ff, cidset, fd, cf, tu;
    int rc = check_truetype(ctx, f);
    if (rc == GR_OK) rc = run_subset(ctx, f, &blob);
    if (rc != GR_OK) return rc;
    base_font_name(f, base, sizeof base);
    ff = font_file_stream(pdf, zip, blob, level);
    hb_blob_destroy(blob);
    if (!ff) return GR_ESYS;
    cidset = cidset_stream(pdf, zip, f);
    fd = cidset ? font_descriptor(pdf, f->face, base, ff, cidset) : NULL;
    cf = fd ? cid_font(pdf, zip, f, base, fd) : NULL;
    tu = cf ? tounicode_stream(pdf, zip, f) : NULL;
    f->font = tu ? type0_font(pdf, base, cf, tu) : NULL;
    if (!f->font)
        return gr_syserror(ctx, f->face->path, 0, GR_TEXT(PDF_FONT_CANNOT_CREATE_PDF_FONT), face_psname(f->face));
    return GR_OK;
}

int pdf_fonts_embed(pdf_fonts *pf, gr_ctx *ctx, HPDF_Doc pdf, pdf_zip *zip,
                    int level)
{
    size_t i;
    if (level < 1 || level > 12) level = PDF_LEVEL_FONT;
    if (pf->n > 1)
        qsort(pf->faces, pf->n, sizeof *pf->faces, cmp_face_id);
    for (i = 0; i < pf->n; i++) {
        int rc;
        if (!pf->faces[i]->face->hbface)
            return gr_syserror(ctx, pf->faces[i]->face->path, 0, GR_TEXT(PDF_FONT_LOADED),
                               face_psname(pf->faces[i]->face));
        rc = embed_face(ctx, pdf, zip, pf->faces[i], level);
        if (rc != GR_OK) return rc;
    }
    pf->last = NULL;
    return GR_OK;
}

/* ---- drawing text ----------------------------------------------------- */

static double clamp_real(double v)
{
    if (!isfinite(v)) return 0;
    if (v > PDF_REAL_MAX) return PDF_REAL_MAX;
    if (v < -PDF_REAL_MAX) return -PDF_REAL_MAX;
    return v;
}

void pdf_fonts_page_resources(pdf_fonts *pf, HPDF_Page page, uint64_t mask)
{
    size_t i;
    for (i = 0; i < pf->n; i++) {
        const pdf_face *f = pf->faces[i];
        int bit = f->index < 64 ? f->index : 63;   /* 63: "63 and above" */
        if ((mask >> bit) & 1)
            pdf_haru_page_font(page, f->res_name, f->font);
    }
}

void pdf_fonts_dict_resources(pdf_fonts *pf, HPDF_Dict fonts, uint64_t mask)
{
    size_t i;
    for (i = 0; i < pf->n; i++) {
        const pdf_face *f = pf->faces[i];
        int bit = f->index < 64 ? f->index : 63;
        if ((mask >> bit) & 1)
            HPDF_Dict_Add(fonts, f->res_name, f->font);
    }
}

/* Glyphs [s, e) (equal dy) as one run from the first glyph's origin
 * (pdf_content_show writes it). */
static void add_glyph_segment(pdf_content *c, pdf_face *f, const gr_dl_text *t,
                              int s, int e)
{
    const gr_glyph *g = t->glyphs;
    pdf_glyph *run = pdf_content_glyphs(c, (size_t)(e - s));
    int k;
    for (k = s; k < e; k++) {
        uint32_t cid = cid_for(f, g[k].gid);
        run[k - s].cid = cid;
        run[k - s].width = f->width[cid];
        run[k - s].x = g[k].x - g[s].x;
    }
    pdf_content_show(c, clamp_real(t->x + g[s].x), clamp_real(c->page_h - t->y + g[s].dy),
                     t->size, (size_t)(e - s));
}

void pdf_fonts_draw(pdf_fonts *pf, pdf_content *c, const gr_dl_text *t,
                    uint64_t *mask)
{
    pdf_face *f;
    int s = 0;
    if (!t->face || t->nglyphs <= 0 || !(t->size > 0) || t->size > PDF_REAL_MAX)
        return;
    f = find_face(pf, t->face);
    if (!f) f = add_face(pf, t->face);
    *mask |= (uint64_t)1 << (f->index < 64 ? f->index : 63);
    pdf_content_text_state(c, f, f->res_name, t->size, t->color, t->synth_bold,
                           t->size * SYNTH_BOLD_STROKE);
    while (s < t->nglyphs) {
        int e = s + 1;
        while (e < t->nglyphs && t->glyphs[e].dy == t->glyphs[s].dy) e++;
        add_glyph_segment(c, f, t, s, e);
        s = e;
    }
}

/* ---- provenance ------------------------------------------------------- */

void pdf_fonts_describe(const pdf_fonts *pf, gr_buf *out)
{
    size_t i;
    for (i = 0; i < pf->n; i++) {
        const gr_face *f = pf->faces[i]->face;
        if (i) gr_buf_adds(out, " | ");
        gr_font_describe(f->hbface, f->path, f->index, out);   /* text/font.c */
    }
}
