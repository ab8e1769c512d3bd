/* pdf_pdfa.c — PDF/A-1b document-level requirements: PDF 1.4 header, the
 * Info dictionary and the XMP metadata stream saying the same things
 * (title, producer, creator tool; no dates: there is no clock), the sRGB
 * OutputIntent with the ICC profile, the catalog's /Lang, and the file ID:
 * serialised once with a placeholder, then patched with the MD5 of the
 * bytes. Also turns UTF-8 into PDF text strings for the rest of the writer.
 */
#include "pdf_pdfa.h"
#include "../util/msg.h"

#include <hpdf_doc.h>
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_ICC     "/usr/share/color/icc/sRGB.icc"
#define SRGB_CONDITION  "sRGB IEC61966-2.1"
#define CREATOR_TOOL    "gereport"
#define ID_LEN          16
#define MAX_ICC_SIZE    (16u << 20)

/* ---- text strings ----------------------------------------------------- */

static int printable_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e) return 0;
    return 1;
}

static void add_utf16be(gr_buf *b, uint32_t cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp >= 0x10000) {
        uint32_t v = cp - 0x10000, hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
        gr_buf_addc(b, (int)(hi >> 8));
        gr_buf_addc(b, (int)(hi & 0xff));
        gr_buf_addc(b, (int)(lo >> 8));
        gr_buf_addc(b, (int)(lo & 0xff));
    } else {
        gr_buf_addc(b, (int)(cp >> 8));
        gr_buf_addc(b, (int)(cp & 0xff));
    }
}

void *pdf_text_string(HPDF_MMgr mm, const char *utf8)
{
    gr_buf b;
    size_t len = strlen(utf8), i = 0;
    void *obj;
    if (printable_ascii(utf8) && len < HPDF_LIMIT_MAX_STRING_LEN)
        return HPDF_String_New(mm, utf8, NULL);
    gr_buf_init(&b);
    gr_buf_addc(&b, 0xFE);
    gr_buf_addc(&b, 0xFF);
    while (i < len && b.len + 4 <= HPDF_LIMIT_MAX_STRING_LEN) {
        uint32_t cp;
        i += (size_t)gr_utf8_decode(utf8 + i, len - i, &cp);
        add_utf16be(&b, cp);
    }
    obj = HPDF_Binary_New(mm, b.data, (HPDF_UINT)b.len);
    gr_buf_free(&b);
    return obj;
}

/* ---- XMP -------------------------------------------------------------- */

/* Metadata text: valid UTF-8 without control characters (which XML 1.0
 * cannot carry), so that Info and XMP say exactly the same. Caller frees. */
static char *clean_text(const char *s)
{
    gr_buf b;
    size_t len = strlen(s), i = 0;
    gr_buf_init(&b);
    while (i < len) {
        uint32_t cp;
        char enc[4];
        i += (size_t)gr_utf8_decode(s + i, len - i, &cp);
        if (cp < 0x20 || cp == 0x7f) cp = ' ';
        if (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        gr_buf_add(&b, enc, (size_t)gr_utf8_encode(cp, enc));
    }
    gr_buf_cstr(&b);
    return (char *)b.data;
}

/* XML character data (the text is already clean). */
static void add_xml_text(gr_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '&') gr_buf_adds(b, "&amp;");
        else if (*s == '<') gr_buf_adds(b, "&lt;");
        else if (*s == '>') gr_buf_adds(b, "&gt;");
        else gr_buf_addc(b, *s);
    }
}

/* The provenance: opts->props, then Fonts. Text already clean. */
typedef struct prov {
    size_t n;
    gr_pdf_prop *v;            /* values owned (clean_text) */
} prov;

static void prov_init(prov *p, const gr_pdf_opts *opts, const char *fonts)
{
    size_t i, n = opts ? opts->nprops : 0;
    p->v = gr_calloc(n + 1, sizeof *p->v);
    p->n = 0;
    for (i = 0; i < n; i++) {
        const gr_pdf_prop *q = &opts->props[i];
        assert(q->name && q->value && q->desc && printable_ascii(q->name));
        p->v[p->n].name = q->name;
        p->v[p->n].desc = q->desc;
        p->v[p->n++].value = clean_text(q->value);
    }
    if (fonts && fonts[0]) {
        p->v[p->n].name = "Fonts";
        p->v[p->n].desc = "each embedded face: file name#face index, version string, "
                          "head.checksumAdjustment, file size in bytes; joined by ' | '";
        p->v[p->n++].value = clean_text(fonts);
    }
}

static void prov_free(prov *p)
{
    size_t i;
    for (i = 0; i < p->n; i++) free((char *)p->v[i].value);
    free(p->v);
}

/* The PDF/A extension schema declaring every property of the provenance
 * namespace (ISO 19005-1 Technical Corrigendum 2; 19005-3 6.6.2.3). */
static void xmp_extension(gr_buf *b, const prov *p)
{
    size_t i;
    gr_buf_adds(b,
        "<rdf:Description rdf:about=\"\"\n"
        "  xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
        "  xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
        "  xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
        "<pdfaExtension:schemas><rdf:Bag>\n"
        "<rdf:li rdf:parseType=\"Resource\">\n"
        "<pdfaSchema:schema>gereport provenance: what made this report</pdfaSchema:schema>\n"
        "<pdfaSchema:namespaceURI>" PDF_PROV_NS "</pdfaSchema:namespaceURI>\n"
        "<pdfaSchema:prefix>" PDF_PROV_PREFIX "</pdfaSchema:prefix>\n"
        "<pdfaSchema:property><rdf:Seq>\n");
    for (i = 0; i < p->n; i++) {
        gr_buf_printf(b,
            "<rdf:li rdf:parseType=\"Resource\">"
            "<pdfaProperty:name>%s</pdfaProperty:name>"
            "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
            "<pdfaProperty:category>external</pdfaProperty:category>"
            "<pdfaProperty:description>", p->v[i].name);
        add_xml_text(b, p->v[i].desc);
        gr_buf_adds(b, "</pdfaProperty:description></rdf:li>\n");
    }
    gr_buf_adds(b, "</rdf:Seq></pdfaSchema:property>\n</rdf:li>\n"
                   "</rdf:Bag></pdfaExtension:schemas>\n</rdf:Description>\n");
}

static void xmp_packet(gr_buf *b, const char *title, const char *producer, const prov *p,
                       int part)
{
    size_t i;
    gr_buf_adds(b,
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
        "<pdfaid:part>");
    gr_buf_printf(b, "%d", part);
    gr_buf_adds(b, "</pdfaid:part>\n"
        "<pdfaid:conformance>B</pdfaid:conformance>\n"
        "</rdf:Description>\n"
        "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
        "<pdf:Producer>");
    add_xml_text(b, producer);
    gr_buf_adds(b,
        "</pdf:Producer>\n"
        "</rdf:Description>\n"
        "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
        "<xmp:CreatorTool>" CREATOR_TOOL "</xmp:CreatorTool>\n"
        "</rdf:Description>\n");
    if (title) {
        gr_buf_adds(b,
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        add_xml_text(b, title);
        gr_buf_adds(b, "</rdf:li></rdf:Alt></dc:title>\n</rdf:Description>\n");
    }
    if (p->n) {
        xmp_extension(b, p);
        gr_buf_adds(b, "<rdf:Description rdf:about=\"\" xmlns:" PDF_PROV_PREFIX "=\"" PDF_PROV_NS "\">\n");
        for (i = 0; i < p->n; i++) {
            gr_buf_printf(b, "<" PDF_PROV_PREFIX ":%s>", p->v[i].name);
            add_xml_text(b, p->v[i].value);
            gr_buf_printf(b, "</" PDF_PROV_PREFIX ":%s>\n", p->v[i].name);
        }
        gr_buf_adds(b, "</rdf:Description>\n");
    }
    gr_buf_adds(b, "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
}

static int add_metadata(HPDF_Doc pdf, const char *title, const char *producer, const prov *p,
                        int part)
{
    gr_buf b;
    HPDF_Dict st = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!st) return GR_ESYS;
    gr_buf_init(&b);
    xmp_packet(&b, title, producer, p, part);
    st->filter = HPDF_STREAM_FILTER_NONE;          /* PDF/A: not filtered */
    HPDF_Dict_AddName(st, "Type", "Metadata");
    HPDF_Dict_AddName(st, "Subtype", "XML");
    HPDF_Stream_Write(st->stream, b.data, (HPDF_UINT)b.len);
    gr_buf_free(&b);
    return HPDF_Dict_Add(pdf->catalog, "Metadata", st) == HPDF_OK ? GR_OK : GR_ESYS;
}

/* ---- Info ------------------------------------------------------------- */

static int set_info(HPDF_Doc pdf, const char *title, const char *producer, const prov *p)
{
    HPDF_MMgr mm = pdf->mmgr;
    int rc = 0;
    size_t i;
    if (!pdf->info) return GR_ESYS;
    /* libharu's own Producer is replaced; nothing else it wrote stays */
    rc |= HPDF_Dict_Add(pdf->info, "Producer", pdf_text_string(mm, producer));
    rc |= HPDF_Dict_Add(pdf->info, "Creator", pdf_text_string(mm, CREATOR_TOOL));
    if (title)
        rc |= HPDF_Dict_Add(pdf->info, "Title", pdf_text_string(mm, title));
    /* the provenance as custom keys, same names and text as in the XMP */
    for (i = 0; i < p->n; i++)
        rc |= HPDF_Dict_Add(pdf->info, p->v[i].name, pdf_text_string(mm, p->v[i].value));
    return rc == HPDF_OK ? GR_OK : GR_ESYS;
}

/* ---- OutputIntent ----------------------------------------------------- */

static int read_icc(gr_ctx *ctx, const char *path, gr_buf *out)
{
    FILE *fp = fopen(path, "rb");
    unsigned char chunk[8192];
    size_t n;
    if (!fp)
        return gr_syserror(ctx, path, 0, GR_TEXT(PDFA_CANNOT_READ_COLOUR_PROFILE), GR_ERRNO(errno));
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 && out->len <= MAX_ICC_SIZE)
        gr_buf_add(out, chunk, n);
    fclose(fp);
    /* an ICC profile starts with its size and has "acsp" at offset 36 */
    if (out->len < 132 || out->len > MAX_ICC_SIZE || memcmp(out->data + 36, "acsp", 4) != 0)
        return gr_syserror(ctx, path, 0, GR_TEXT(PDFA_COLOUR_PROFILE_ICC_PROFILE));
    return GR_OK;
}

static int add_output_intent(gr_ctx *ctx, HPDF_Doc pdf, const char *icc_path)
{
    HPDF_MMgr mm = pdf->mmgr;
    gr_buf icc;
    HPDF_Dict profile, intent;
    HPDF_Array intents;
    int rc;
    gr_buf_init(&icc);
    rc = read_icc(ctx, icc_path, &icc);
    if (rc != GR_OK) {
        gr_buf_free(&icc);
        return rc;
    }
    profile = HPDF_DictStream_New(mm, pdf->xref);
    intent = HPDF_Dict_New(mm);
    intents = HPDF_Array_New(mm);
    if (!profile || !intent || !intents) {
        gr_buf_free(&icc);
        return GR_ESYS;
    }
    profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_AddNumber(profile, "N", 3);
    HPDF_Stream_Write(profile->stream, icc.data, (HPDF_UINT)icc.len);
    gr_buf_free(&icc);
    HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                  HPDF_String_New(mm, SRGB_CONDITION, NULL));
    HPDF_Dict_Add(intent, "Info", HPDF_String_New(mm, SRGB_CONDITION, NULL));
    HPDF_Dict_Add(intent, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL));
    HPDF_Dict_Add(intent, "DestOutputProfile", profile);
    HPDF_Array_Add(intents, intent);
    return HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents) == HPDF_OK
           ? GR_OK : GR_ESYS;
}

/* ---- ID --------------------------------------------------------------- */

static int add_placeholder_id(HPDF_Doc pdf)
{
    HPDF_BYTE zero[ID_LEN];
    HPDF_Array id = HPDF_Array_New(pdf->mmgr);
    if (!id) return GR_ESYS;
    memset(zero, 0, sizeof zero);
    HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, zero, ID_LEN));
    HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, zero, ID_LEN));
    return HPDF_Dict_Add(pdf->trailer, "ID", id) == HPDF_OK ? GR_OK : GR_ESYS;
}

/* Position of the placeholder "<000…0>" number `which` (0 or 1) after the
 * last "trailer" keyword; -1 when absent. */
static long find_placeholder(const unsigned char *d, size_t len, int which)
{
    size_t i, start = 0, k;
    for (i = len; i >= 7; i--)
        if (memcmp(d + i - 7, "trailer", 7) == 0) { start = i; break; }
    if (start == 0) return -1;
    for (i = start; i + 2 * ID_LEN + 2 <= len; i++) {
        if (d[i] != '<' || d[i + 2 * ID_LEN + 1] != '>') continue;
        for (k = 1; k <= 2 * ID_LEN && d[i + k] == '0'; k++) {}
        if (k == 2 * ID_LEN + 1 && which-- == 0) return (long)i;
    }
    return -1;
}

void pdf_pdfa_id_init(pdf_file_id *id)
{
    pdf_md5_init(&id->md5);
    id->total = 0;
}

void pdf_pdfa_id_feed(pdf_file_id *id, const unsigned char *data, size_t len)
{
    size_t at, n;
    pdf_md5_update(&id->md5, data, len);
    /* the last PDF_ID_TAIL bytes, as a ring: the byte at file offset o
       is tail[o % PDF_ID_TAIL] */
    if (len > PDF_ID_TAIL) {
        id->total += len - PDF_ID_TAIL;
        data += len - PDF_ID_TAIL;
        len = PDF_ID_TAIL;
    }
    while (len > 0) {
        at = (size_t)(id->total % PDF_ID_TAIL);
        n = PDF_ID_TAIL - at < len ? PDF_ID_TAIL - at : len;
        memcpy(id->tail + at, data, n);
        id->total += n;
        data += n;
        len -= n;
    }
}

int pdf_pdfa_id_finish(pdf_file_id *id, char hex_out[2 * PDF_ID_LEN],
                       unsigned long long at[2])
{
    static const char hex[] = "0123456789ABCDEF";
    unsigned char *line = gr_malloc(PDF_ID_TAIL);    /* off the stack */
    size_t n = id->total < PDF_ID_TAIL ? (size_t)id->total : PDF_ID_TAIL;
    size_t head = (size_t)(id->total % PDF_ID_TAIL);   /* oldest byte of a full ring */
    unsigned long long first = id->total - n;          /* file offset of line[0] */
    HPDF_BYTE digest[ID_LEN];
    long pos[2];
    int w, i;
    if (id->total <= PDF_ID_TAIL) {
        memcpy(line, id->tail, n);
    } else {
        memcpy(line, id->tail + head, PDF_ID_TAIL - head);
        memcpy(line + PDF_ID_TAIL - head, id->tail, head);
    }
    pos[0] = find_placeholder(line, n, 0);
    pos[1] = find_placeholder(line, n, 1);
    free(line);
    pdf_md5_final(&id->md5, digest);
    if (pos[0] < 0 || pos[1] < 0) return GR_ESYS;
    for (i = 0; i < ID_LEN; i++) {
        hex_out[2 * i] = hex[digest[i] >> 4];
        hex_out[2 * i + 1] = hex[digest[i] & 15];
    }
    for (w = 0; w < 2; w++) at[w] = first + (unsigned long long)pos[w] + 1;
    return GR_OK;
}

int pdf_pdfa_patch_id(unsigned char *data, size_t len)
{
    pdf_file_id *id = gr_malloc(sizeof *id);
    char hex[2 * PDF_ID_LEN];
    unsigned long long at[2];
    int w, rc;
    pdf_pdfa_id_init(id);
    pdf_pdfa_id_feed(id, data, len);
    rc = pdf_pdfa_id_finish(id, hex, at);
    free(id);
    if (rc != GR_OK) return GR_ESYS;
    for (w = 0; w < 2; w++) memcpy(data + at[w], hex, sizeof hex);
    return GR_OK;
}

/* ---- associated files (PDF/A-3, ISO 19005-3 6.8) ------------------- */

static int cmp_attach(const void *a, const void *b)
{
    return strcmp(((const gr_pdf_attachment *)a)->name, ((const gr_pdf_attachment *)b)->name);
}

static HPDF_Dict file_spec(HPDF_Doc pdf, const gr_pdf_attachment *a, const char *moddate)
{
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict st = HPDF_DictStream_New(mm, pdf->xref);
    HPDF_Dict params = HPDF_Dict_New(mm), ef = HPDF_Dict_New(mm), fs = HPDF_Dict_New(mm);
    if (!st || !params || !ef || !fs) return NULL;
    st->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_AddName(st, "Type", "EmbeddedFile");
    HPDF_Dict_AddName(st, "Subtype", a->mime);
    HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)a->len);
    if (moddate) HPDF_Dict_Add(params, "ModDate", HPDF_String_New(mm, moddate, NULL));
    HPDF_Dict_Add(st, "Params", params);
    if (a->len) HPDF_Stream_Write(st->stream, a->data, (HPDF_UINT)a->len);
    HPDF_Dict_Add(ef, "F", st);
    HPDF_Dict_Add(ef, "UF", st);
    if (HPDF_Xref_Add(pdf->xref, fs) != HPDF_OK) return NULL;
    HPDF_Dict_AddName(fs, "Type", "Filespec");
    HPDF_Dict_Add(fs, "F", pdf_text_string(mm, a->name));
    HPDF_Dict_Add(fs, "UF", pdf_text_string(mm, a->name));
    HPDF_Dict_Add(fs, "EF", ef);
    HPDF_Dict_AddName(fs, "AFRelationship", "Source");
    HPDF_Dict_Add(fs, "Desc", pdf_text_string(mm, a->desc ? a->desc : a->name));
    return fs;
}

/* Catalog /AF and /Names /EmbeddedFiles (names in sorted order, as a name
 * tree requires). */
static int add_attachments(HPDF_Doc pdf, const gr_pdf_opts *opts)
{
    HPDF_MMgr mm = pdf->mmgr;
    gr_pdf_attachment *v = gr_malloc((opts->nattach ? opts->nattach : 1) * sizeof *v);
    HPDF_Array af = HPDF_Array_New(mm), names = HPDF_Array_New(mm);
    HPDF_Dict tree = HPDF_Dict_New(mm), nd = HPDF_Dict_New(mm), existing;
    size_t i;
    int rc = GR_OK;
    memcpy(v, opts->attach, opts->nattach * sizeof *v);
    qsort(v, opts->nattach, sizeof *v, cmp_attach);
    if (!af || !names || !tree || !nd) rc = GR_ESYS;
    for (i = 0; rc == GR_OK && i < opts->nattach; i++) {
        HPDF_Dict fs = file_spec(pdf, &v[i], opts->moddate);
        if (!fs) { rc = GR_ESYS; break; }
        HPDF_Array_Add(af, fs);
        HPDF_Array_Add(names, pdf_text_string(mm, v[i].name));
        HPDF_Array_Add(names, fs);
    }
    free(v);
    if (rc != GR_OK) return rc;
    HPDF_Dict_Add(tree, "Names", names);
    existing = HPDF_Dict_GetItem(pdf->catalog, "Names", HPDF_OCLASS_DICT);
    if (existing) {                    /* /Dests is there already */
        HPDF_Dict_Free(nd);
        nd = existing;
    } else if (HPDF_Dict_Add(pdf->catalog, "Names", nd) != HPDF_OK) {
        return GR_ESYS;
    }
    if (HPDF_Dict_Add(nd, "EmbeddedFiles", tree) != HPDF_OK
        || HPDF_Dict_Add(pdf->catalog, "AF", af) != HPDF_OK)
        return GR_ESYS;
    return GR_OK;
}

/* ---- all together ----------------------------------------------------- */

static int add_lang(HPDF_Doc pdf, const char *lang)
{
    if (!lang || !lang[0] || !printable_ascii(lang) || strlen(lang) > 64)
        return GR_OK;
    return HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, lang, NULL))
           == HPDF_OK ? GR_OK : GR_ESYS;
}

int pdf_pdfa_finish(gr_ctx *ctx, HPDF_Doc pdf, const gr_doc *doc,
                    const gr_pdf_opts *opts, const char *fonts)
{
    prov p;
    const char *icc = opts && opts->icc_path ? opts->icc_path : DEFAULT_ICC;
    char *producer = clean_text(opts && opts->producer ? opts->producer
                                                       : "gereport " GR_VERSION);
    char *title = doc->title && doc->title[0] ? clean_text(doc->title) : NULL;
    int part3 = opts && opts->nattach > 0;
    int rc = add_output_intent(ctx, pdf, icc);
    prov_init(&p, opts, fonts);
    if (rc == GR_OK
        && (set_info(pdf, title, producer, &p) != GR_OK
            || add_metadata(pdf, title, producer, &p, part3 ? 3 : 1) != GR_OK
            || (part3 && add_attachments(pdf, opts) != GR_OK)
            || add_lang(pdf, doc->lang) != GR_OK
            || add_placeholder_id(pdf) != GR_OK))
        rc = gr_syserror(ctx, NULL, 0, GR_TEXT(PDFA_CANNOT_CREATE_PDF_METADATA));
    prov_free(&p);
    free(producer);
    free(title);
    pdf->pdf_version = part3 ? HPDF_VER_17 : HPDF_VER_14;   /* PDF/A-3 is PDF 1.7 */
    return rc;
}
