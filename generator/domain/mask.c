/* mask.c — the public edition's personal names, in one place. Every name
 * declared in a <姓名> element is masked everywhere its full form occurs in
 * the document's text, before the form's template sees the document, so no
 * template, caption, chart label, table cell, bookmark or title can print it
 * (the templates print <姓名> as they find it and never mask themselves):
 *   - Han names: first and last character kept, the ones between replaced
 *     by ○ (U+25CB), as the form does: 蕭雅勻 → 蕭○勻, 歐陽志明 → 歐○○明;
 *     two characters keep the first (林森 → 林○), one becomes ○.
 *   - Names with Latin letters or with separators (space, ·, ‧, ．, -):
 *     initials of the first and last part, so the length does not show:
 *     Ahmad Faisal → A. F., Ahmad bin Faisal → A. F., 瓦歷斯．諾幹 → 瓦○．諾○,
 *     陳Mary → 陳○ M.
 * Characters are code points (an Ext-B character is one). One name, one
 * masked form (the form is a function of the name, taken from the
 * spelling declared first); a name of several words is also found with its
 * words in reverse order (張 Daniel for Daniel 張), and a name with accents
 * in both Unicode forms (composed ễ, or e with combining marks), masked the
 * same way. A name declared both
 * with 遮蔽="否" and without is masked everywhere (privacy first); a name
 * only declared 遮蔽="否" is printed in full, and as the longest match it
 * also protects its text from a shorter masked name inside it.
 * In running text a name is found even where the author did not mark it;
 * white space inside a name is skipped (林\n森 and 林 森 are 林森: the
 * template joins lines, and a reader would still see the name); a space in
 * a name matches any white space; ASCII letters match in either case.
 * White space is Unicode's: the full-width space an IME types (范姜　𠮷妹),
 * the no-break and thin spaces a Word or web paste brings; so are the
 * invisible characters such a paste leaves (zero-width space, word joiner,
 * byte-order mark, soft hyphen), which a reader does not see either — in a
 * declared name they are dropped, in text they are skipped like a space.
 * Bopomofo written for a character (林ㄚ𡘙, ㄚ for 阿) and 〇 count as Han.
 * Names of one character are masked only inside <姓名>. A Latin name
 * matches only as whole words (Ann is not in Annual). Text inside <非姓名>
 * is never masked: the author's way to say "this is not the person"
 * (<非姓名>林森北路</非姓名>). gr_data_check_names reports, at its line,
 * every unmarked occurrence that cuts a word of the dictionary (ICU's
 * zh_TW word breaks: 林森 in 林森北路) or is one by itself (高雄, a city),
 * so the author can decide. */
#include "domain_int.h"
#include "../util/msg.h"
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#define NOT_NAME "非姓名"      /* element: text that is never masked */
#define NAME     "姓名"

/* The names in a byte trie, so that finding every name in a text costs at
 * most the longest name per position, whatever their number. */
typedef struct tnode {
    int child, sibling;        /* first child, next sibling (-1: none) */
    int name;                  /* index into names, or -1 */
    unsigned char byte;
} tnode;

typedef struct name_entry {
    char *name;                /* white space collapsed to one space */
    char *masked;              /* what the public edition prints */
    size_t cps;
    int keep;                  /* only declared 遮蔽="否": printed in full */
    int latin_start, latin_end;/* must match at Latin word boundaries */
    int han;                   /* has a Han character (dictionary check) */
} name_entry;

typedef struct name_set {
    tnode *t; size_t nt, capt;
    name_entry *v; size_t n, cap;
} name_set;

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Han characters, and what stands for one in a name: Bopomofo (林ㄚ𡘙)
 * and the ideographic zero 〇. */
static int is_han(uint32_t c)
{
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF)
        || (c >= 0x3100 && c <= 0x312F) || (c >= 0x31A0 && c <= 0x31BF) || c == 0x3007;
}

static uint32_t cp_at(const char *s, size_t len, size_t *used)
{
    uint32_t cp = 0;
    int u = gr_utf8_decode(s, len, &cp);
    *used = u > 0 ? (size_t)u : 1;
    return cp;
}

enum { GAP_NONE, GAP_SPACE, GAP_INVISIBLE };

/* What s (n bytes) starts with: white space (ASCII, no-break, the U+2000
 * spaces, the full-width space…), an invisible character (zero-width
 * space and joiners, word joiner, byte-order mark, soft hyphen) or
 * neither; *len is its byte length. */
static int gap_at(const char *s, size_t n, size_t *len)
{
    uint32_t c;
    if (n == 0) return GAP_NONE;
    if ((unsigned char)s[0] < 0x80) {
        *len = 1;
        return is_space((unsigned char)s[0]) ? GAP_SPACE : GAP_NONE;
    }
    c = cp_at(s, n, len);
    if (c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028
        || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000)
        return GAP_SPACE;
    if ((c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF || c == 0xAD)
        return GAP_INVISIBLE;
    return GAP_NONE;
}

/* The byte length of the run of gaps at s, a string (0: none); *space
 * tells whether it holds white space rather than invisible characters
 * only. Reads no further than the run and one character after it. */
static size_t gap_run(const char *s, int *space)
{
    size_t i = 0, u;
    int g;
    *space = 0;
    while (s[i] && (g = gap_at(s + i, strnlen(s + i, 4), &u)) != GAP_NONE) {
        *space |= g == GAP_SPACE;
        i += u;
    }
    return i;
}

/* Letters and digits of the Latin script (and its accented forms). */
static int is_latin(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* Separators between the parts of a name. */
static int is_sep(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '.'
        || c == 0xB7 || c == 0x2027 || c == 0xFF0E || c == 0x30FB || c == 0x2010
        || c == 0x2022 || c == 0xFF0D || c == 0x3000;
}


static size_t count_cps(const char *s)
{
    size_t n = 0, len = strlen(s), i = 0, u;
    while (i < len) {
        cp_at(s + i, len - i, &u);
        i += u;
        n++;
    }
    return n;
}

/* "  Ahmad \n Faisal " → "Ahmad Faisal": white space collapsed to one
 * space, none between two Han characters (范姜　𠮷妹 → 范姜𠮷妹: a Han
 * name has no space), invisible characters dropped. */
static char *collapse(const char *s)
{
    gr_buf b;
    char *r;
    int gap = 0, space;
    uint32_t prev = 0, c;
    size_t n = strlen(s), i = 0, run, u;
    gr_buf_init(&b);
    while (i < n) {
        if ((run = gap_run(s + i, &space)) > 0) {
            gap |= space;
            i += run;
            continue;
        }
        c = cp_at(s + i, n - i, &u);
        if (gap && b.len && !(is_han(prev) && is_han(c))) gr_buf_addc(&b, ' ');
        gap = 0;
        gr_buf_add(&b, s + i, u);
        prev = c;
        i += u;
    }
    r = gr_strdup(b.len ? gr_buf_cstr(&b) : "");
    gr_buf_free(&b);
    return r;
}

/* One part of a name (a run of one script between separators), masked:
 * Latin → its initial and a full stop (a → A.), Han → its first
 * character and ○. */
static void mask_part(gr_buf *b, const char *s, size_t len)
{
    size_t u;
    uint32_t c = cp_at(s, len, &u);
    if (is_han(c)) {
        gr_buf_add(b, s, u);
        gr_buf_adds(b, "\xE2\x97\x8B");           /* ○ U+25CB */
    } else if (c >= 'a' && c <= 'z') {
        gr_buf_addc(b, (char)(c - 'a' + 'A'));
        gr_buf_addc(b, '.');
    } else {
        gr_buf_add(b, s, u);
        gr_buf_addc(b, '.');
    }
}

/* The masked form of a collapsed name (see the top of the file). */
char *gr_mask_name(const char *s)
{
    size_t len = strlen(s), i, u, n = count_cps(s), k;
    size_t p0 = 0, l0 = 0, pl = 0, ll = 0, parts = 0;
    int all_han = 1, latin = 0, prev_han = -1, in_part = 0;
    gr_buf b;
    char *r;
    for (i = 0; i < len; i += u) {
        uint32_t c = cp_at(s + i, len - i, &u);
        if (!is_han(c)) all_han = 0;
        if (!is_sep(c) && !is_han(c)) latin = 1;
    }
    gr_buf_init(&b);
    if (all_han) {                                /* the form's own rule */
        for (i = 0, k = 0; i < len; i += u, k++) {
            cp_at(s + i, len - i, &u);
            if ((k == 0 && n > 1) || (k == n - 1 && n > 2)) gr_buf_add(&b, s + i, u);
            else gr_buf_adds(&b, "\xE2\x97\x8B");
        }
    } else {
        /* parts: runs of one script between separators; keep the first
         * and the last */
        for (i = 0; i <= len; i += u) {
            uint32_t c = i < len ? cp_at(s + i, len - i, &u) : ' ';
            int sep = i >= len || is_sep(c), han = !sep && is_han(c);
            if (i >= len) u = 1;
            if (in_part && (sep || han != prev_han)) {   /* a part ends */
                in_part = 0;
                ll = i - pl;
                if (parts++ == 0) l0 = ll;
            }
            if (!sep && !in_part) {
                in_part = 1;
                pl = i;
                if (parts == 0) p0 = i;
            }
            prev_han = han;
        }
        if (parts == 0) {
            gr_buf_adds(&b, "\xE2\x97\x8B");
        } else {
            mask_part(&b, s + p0, l0);
            if (parts > 1) {
                gr_buf_adds(&b, latin ? " " : "\xEF\xBC\x8E");   /* ． U+FF0E */
                mask_part(&b, s + pl, ll);
            }
        }
    }
    r = gr_strdup(gr_buf_cstr(&b));
    gr_buf_free(&b);
    return r;
}

static int new_tnode(name_set *S, unsigned char byte)
{
    S->t = gr_grow(S->t, &S->capt, S->nt + 1, sizeof *S->t);
    S->t[S->nt].child = S->t[S->nt].sibling = S->t[S->nt].name = -1;
    S->t[S->nt].byte = byte;
    return (int)S->nt++;
}

/* ASCII letters match whatever their case (AHMAD FAISAL is Ahmad Faisal). */
static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static int child_of(const name_set *S, int at, unsigned char c)
{
    int k;
    for (k = S->t[at].child; k >= 0; k = S->t[k].sibling)
        if (S->t[k].byte == c) return k;
    return -1;
}

/* Add one name (its masked form given, or NULL to derive it); the index of
 * its entry, or -1 for an empty name. */
static int add_entry(name_set *S, const char *raw, int keep, const char *masked)
{
    int at = 0;
    char *name = collapse(raw);
    const unsigned char *p = (const unsigned char *)name;
    size_t len = strlen(name), i, u;
    name_entry *e;
    if (!*p) { free(name); return -1; }
    for (; *p; p++) {
        int k = child_of(S, at, fold(*p));
        if (k < 0) {
            k = new_tnode(S, fold(*p));
            S->t[k].sibling = S->t[at].child;
            S->t[at].child = k;
        }
        at = k;
    }
    if (S->t[at].name >= 0) {                     /* already declared */
        if (!keep) S->v[S->t[at].name].keep = 0;  /* masked wins */
        free(name);
        return S->t[at].name;
    }
    S->v = gr_grow(S->v, &S->cap, S->n + 1, sizeof *S->v);
    e = &S->v[S->n];
    memset(e, 0, sizeof *e);
    e->name = name;
    e->masked = masked ? gr_strdup(masked) : gr_mask_name(name);
    e->cps = count_cps(name);
    e->keep = keep;
    for (i = 0; i < len; i += u) {
        uint32_t c = cp_at(name + i, len - i, &u);
        if (i == 0) e->latin_start = is_latin(c);
        e->latin_end = is_latin(c);
        if (is_han(c)) e->han = 1;
    }
    S->t[at].name = (int)S->n;
    return (int)S->n++;
}

/* s in Unicode normalization form NFC (nfc) or NFD, newly allocated; NULL
 * when ICU fails or the name is too long to matter. */
static char *normalized(const char *s, int nfc)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = nfc ? unorm2_getNFCInstance(&err) : unorm2_getNFDInstance(&err);
    UChar in[256], out[512];
    int32_t nin = 0, nout, n8 = 0;
    char *r;
    if (U_FAILURE(err)) return NULL;
    u_strFromUTF8(in, 256, &nin, s, -1, &err);
    if (U_FAILURE(err) || nin >= 256) return NULL;
    nout = unorm2_normalize(n, in, nin, out, 512, &err);
    if (U_FAILURE(err) || nout >= 512) return NULL;
    r = gr_malloc((size_t)nout * 3 + 1);
    u_strToUTF8(r, nout * 3 + 1, &n8, out, nout, &err);
    if (U_FAILURE(err)) { free(r); return NULL; }
    r[n8] = 0;
    return r;
}

/* One spelling of a declared name, with its composed and decomposed forms
 * (Nguyễn typed with combining accents), all with the same masked form;
 * the index of the first. */
static int add_spelling(name_set *S, const char *raw, int keep, const char *masked)
{
    int k = add_entry(S, raw, keep, masked), f;
    if (k < 0) return k;
    for (f = 0; f < 2; f++) {
        char *alt = normalized(S->v[k].name, f == 0);
        if (alt && strcmp(alt, S->v[k].name) != 0) {
            char *m = gr_strdup(S->v[k].masked);  /* add_entry may move v */
            add_entry(S, alt, keep, m);
            free(m);
        }
        free(alt);
    }
    return k;
}

/* A declared name, and the same words in reverse order with the same masked
 * form (Daniel 張 is also written 張 Daniel; Faisal Ahmad). */
static void add_name(name_set *S, const char *raw, int keep)
{
    int k = add_spelling(S, raw, keep, NULL);
    const char *name, *end;
    gr_buf rev;
    if (k < 0 || !strchr(S->v[k].name, ' ')) return;
    name = S->v[k].name;
    gr_buf_init(&rev);
    end = name + strlen(name);
    while (end > name) {                          /* words from the last */
        const char *w = end;
        while (w > name && w[-1] != ' ') w--;
        if (rev.len) gr_buf_addc(&rev, ' ');
        gr_buf_add(&rev, w, (size_t)(end - w));
        end = w > name ? w - 1 : name;
    }
    if (strcmp(gr_buf_cstr(&rev), name) != 0) {
        char *masked = gr_strdup(S->v[k].masked); /* add_entry may move v */
        add_spelling(S, gr_buf_cstr(&rev), keep, masked);
        free(masked);
    }
    gr_buf_free(&rev);
}

static int masked_off(xmlNodePtr n)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"遮蔽");
    int off = v && strcmp((const char *)v, "否") == 0;
    xmlFree(v);
    return off;
}

static void collect(xmlNodePtr n, name_set *S)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (gr_is_elem(n, NAME)) {
            char *t = gr_text(n);
            add_name(S, t, masked_off(n));
            free(t);
        }
        collect(n->children, S);
    }
}

static void set_init(name_set *S, xmlDocPtr doc)
{
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    memset(S, 0, sizeof *S);
    new_tnode(S, 0);                              /* the root */
    if (root) collect(root, S);
}

static void set_free(name_set *S)
{
    size_t i;
    for (i = 0; i < S->n; i++) {
        free(S->v[i].name);
        free(S->v[i].masked);
    }
    free(S->v);
    free(S->t);
}

/* Longest name of at least two characters whose text starts at s[0]: its
 * index and byte length in s, or -1. A space of the name matches any run of
 * white space; a run holding a line break may also sit between two
 * characters of a name. `prev` is the code point before s (0 at the
 * start). */
static int match_at(const name_set *S, const char *s, uint32_t prev, size_t *len)
{
    int at = 0, best = -1;
    size_t i = 0, u;
    size_t run;
    int space;
    while (s[i]) {
        unsigned char c = (unsigned char)s[i];
        int k;
        /* (a gap starts a character: not inside a UTF-8 sequence) */
        if ((c & 0xC0) != 0x80 && (run = gap_run(s + i, &space)) > 0) {
            if (at == 0) break;
            k = child_of(S, at, ' ');
            if (k >= 0) at = k;        /* else: a gap inside a name */
            i += run;
            continue;
        }
        k = child_of(S, at, fold(c));
        if (k < 0) break;
        at = k;
        i++;
        if (S->t[at].name >= 0) {
            const name_entry *e = &S->v[S->t[at].name];
            uint32_t next = s[i] ? cp_at(s + i, strnlen(s + i, 4), &u) : 0;
            if (e->cps >= 2 && !(e->latin_start && is_latin(prev))
                && !(e->latin_end && is_latin(next))) {
                best = S->t[at].name;
                *len = i;
            }
        }
    }
    return best;
}

/* Calls f for every name found in text s (offset, byte length, entry);
 * returns the text with the masked forms when `out` is not NULL. */
typedef void (*found_fn)(void *arg, const char *s, size_t off, size_t len,
                         const name_entry *e);

static int scan(const name_set *S, const char *s, gr_buf *out, found_fn f, void *arg)
{
    size_t i = 0, len, n = strlen(s), u;
    uint32_t prev = 0;
    int changed = 0;
    while (i < n) {
        int k = match_at(S, s + i, prev, &len);
        if (k >= 0) {
            const name_entry *e = &S->v[k];
            if (f) f(arg, s, i, len, e);
            if (out && e->keep) gr_buf_add(out, s + i, len);   /* as written */
            else if (out) gr_buf_adds(out, e->masked);
            changed |= !e->keep;
            prev = 0x25CB;
            i += len;
        } else {
            prev = cp_at(s + i, n - i, &u);
            if (out) gr_buf_add(out, s + i, u);
            i += u;
        }
    }
    return changed;
}

static void set_text(xmlNodePtr n, const char *s)
{
    xmlNodeSetContent(n, NULL);
    xmlNodeAddContent(n, (const xmlChar *)s);    /* no entity parsing */
}

/* How apply() prints the names it finds. */
typedef struct print_opts {
    int mask;                  /* masked forms (the public edition) */
    xmlNsPtr wrap;             /* non-NULL: each name found in running text
                                  goes into a <gr:name> element of this
                                  namespace, which the templates print as
                                  one unbreakable piece */
} print_opts;

/* A name as the author wrote it, white space collapsed: none between two
 * Han characters (林⏎森 → 林森), one space elsewhere (Emily⏎O'Brien). */
static void add_written(gr_buf *b, const char *s, size_t len)
{
    size_t i = 0, u;
    uint32_t prev = 0;
    int space;
    while (i < len) {
        size_t run = gap_run(s + i, &space);
        if (run > len - i) run = len - i;     /* (a match ends in a character) */
        if (run > 0) {
            uint32_t next;
            i += run;
            next = i < len ? cp_at(s + i, len - i, &u) : 0;
            if (space && prev && next && !(is_han(prev) && is_han(next))) gr_buf_addc(b, ' ');
            continue;
        }
        prev = cp_at(s + i, len - i, &u);
        gr_buf_add(b, s + i, u);
        i += u;
    }
}

/* The names found in one text: offset, length, entry. */
typedef struct found_list {
    struct { size_t off, len; const name_entry *e; } *v;
    size_t n, cap;
} found_list;

static void add_found(void *arg, const char *s, size_t off, size_t len, const name_entry *e)
{
    found_list *f = arg;
    (void)s;
    f->v = gr_grow(f->v, &f->cap, f->n + 1, sizeof *f->v);
    f->v[f->n].off = off;
    f->v[f->n].len = len;
    f->v[f->n].e = e;
    f->n++;
}

/* Text node n (in running text) split into text and <gr:name> elements,
 * one per name found: n keeps the text before the first name. (Nodes are
 * added after n in turn: libxml2 merges a text node added next to another
 * text node, which would free the text being read.) */
static void wrap_names(xmlNodePtr n, const name_set *S, const print_opts *pr)
{
    found_list f = { NULL, 0, 0 };
    char *s;
    size_t i, at;
    xmlNodePtr last = n;
    scan(S, (const char *)n->content, NULL, add_found, &f);
    if (!f.n) return;
    s = gr_strdup((const char *)n->content);
    n->content[f.v[0].off] = 0;           /* n: the text before the first */
    for (i = 0; i < f.n; i++) {
        const name_entry *e = f.v[i].e;
        xmlNodePtr el = xmlNewDocNode(n->doc, pr->wrap, (const xmlChar *)"name", NULL);
        gr_buf b;
        gr_buf_init(&b);
        if (pr->mask && !e->keep) gr_buf_adds(&b, e->masked);
        else add_written(&b, s + f.v[i].off, f.v[i].len);
        xmlNodeAddContent(el, (const xmlChar *)gr_buf_cstr(&b));
        gr_buf_free(&b);
        last = xmlAddNextSibling(last, el);
        at = f.v[i].off + f.v[i].len;
        if (i + 1 < f.n ? f.v[i + 1].off > at : s[at] != 0)
            last = xmlAddNextSibling(last, xmlNewDocTextLen(n->doc, (const xmlChar *)s + at,
                                     (int)((i + 1 < f.n ? f.v[i + 1].off : strlen(s)) - at)));
    }
    free(s);
    free(f.v);
}

static void apply(xmlNodePtr n, const name_set *S, const print_opts *pr)
{
    xmlNodePtr next;
    for (; n; n = next) {
        next = n->next;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            gr_buf b;
            if (!n->content) continue;
            if (pr->wrap && n->type == XML_TEXT_NODE) {
                wrap_names(n, S, pr);
                continue;
            }
            if (!pr->mask) continue;
            gr_buf_init(&b);
            if (scan(S, (const char *)n->content, &b, NULL, NULL))
                set_text(n, gr_buf_cstr(&b));
            gr_buf_free(&b);
        } else if (n->type == XML_ELEMENT_NODE && gr_is_elem(n, NAME)) {
            /* the whole element is one name: its masked form, whatever
             * its length */
            char *t, *c;
            const char *p;
            int at = 0, k = -1;
            if (!pr->mask) continue;
            t = gr_text(n);
            c = collapse(t);
            p = c;
            for (; *p && at >= 0; p++) at = child_of(S, at, fold((unsigned char)*p));
            if (at >= 0) k = S->t[at].name;
            if (k >= 0 && !S->v[k].keep) {
                xmlNodePtr ch = n->children;
                while (ch) {                      /* drop comments, PIs too */
                    xmlNodePtr chn = ch->next;
                    xmlUnlinkNode(ch);
                    xmlFreeNode(ch);
                    ch = chn;
                }
                xmlNodeAddContent(n, (const xmlChar *)S->v[k].masked);
            }
            free(c);
            free(t);
        } else if (n->type == XML_ELEMENT_NODE && !gr_is_elem(n, NOT_NAME)) {
            apply(n->children, S, pr);
        }
    }
}

static void print_names(xmlDocPtr doc, const print_opts *pr)
{
    name_set S;
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) return;
    set_init(&S, doc);
    if (S.n) apply(root, &S, pr);
    set_free(&S);
}

void gr_data_mask_names(xmlDocPtr doc)
{
    print_opts pr = { 1, NULL };
    print_names(doc, &pr);
}

void gr_data_print_names(xmlDocPtr doc, int mask)
{
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    print_opts pr = { mask, NULL };
    if (!root) return;
    pr.wrap = xmlSearchNsByHref(doc, root, BAD_CAST GR_SOURCE_NS);
    if (!pr.wrap) pr.wrap = xmlNewNs(root, BAD_CAST GR_SOURCE_NS, BAD_CAST "gr");
    if (!pr.wrap) return;
    print_names(doc, &pr);
}

/* ---- where the names are printed ----------------------------------------- */

typedef struct use_walk {
    gr_name_use_fn f;
    void *arg;
    int line;                  /* of the element whose text is scanned */
} use_walk;

static void use_found(void *arg, const char *s, size_t off, size_t len, const name_entry *e)
{
    use_walk *w = arg;
    (void)s; (void)off; (void)len;
    w->f(w->arg, w->line, e->name, e->keep ? e->name : e->masked);
}

static void uses(xmlNodePtr n, const name_set *S, use_walk *w)
{
    for (; n; n = n->next) {
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            w->line = gr_line(n->parent);
            scan(S, (const char *)n->content, NULL, use_found, w);
        } else if (n->type == XML_ELEMENT_NODE && gr_is_elem(n, NAME)) {
            char *t = gr_text(n), *c = collapse(t);
            const char *p;
            int at = 0;
            for (p = c; *p && at >= 0; p++) at = child_of(S, at, fold((unsigned char)*p));
            if (at >= 0 && S->t[at].name >= 0) {
                const name_entry *e = &S->v[S->t[at].name];
                w->f(w->arg, gr_line(n), e->name, e->keep ? e->name : e->masked);
            }
            free(c);
            free(t);
        } else if (n->type == XML_ELEMENT_NODE && !gr_is_elem(n, NOT_NAME)) {
            uses(n->children, S, w);
        }
    }
}

void gr_data_name_uses(xmlDocPtr doc, gr_name_use_fn f, void *arg)
{
    name_set S;
    use_walk w = { f, arg, 0 };
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) return;
    set_init(&S, doc);
    if (S.n) uses(root, &S, &w);
    set_free(&S);
}

/* ---- names outside the text: attribute values, file names ------------ */

/* Every attribute value of the data (file names 檔案="images/陳怡敏.jpg"
 * included) with the declared names masked: the published copy of the data
 * (--embed-source) must hold no declared name either. Not applied to the
 * document the template reads, whose file names must still open. */
static void apply_attributes(xmlNodePtr n, const name_set *S)
{
    for (; n; n = n->next) {
        xmlAttrPtr a;
        if (n->type != XML_ELEMENT_NODE) continue;
        for (a = n->properties; a; a = a->next) {
            xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
            gr_buf b;
            gr_buf_init(&b);
            if (v && scan(S, (const char *)v, &b, NULL, NULL))
                xmlSetProp(n, a->name, (const xmlChar *)gr_buf_cstr(&b));
            gr_buf_free(&b);
            xmlFree(v);
        }
        if (!gr_is_elem(n, NOT_NAME)) apply_attributes(n->children, S);
    }
}

void gr_data_mask_attributes(xmlDocPtr doc)
{
    name_set S;
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) return;
    set_init(&S, doc);
    if (S.n) apply_attributes(root, &S);
    set_free(&S);
}

struct gr_name_mask {
    name_set S;
};

gr_name_mask *gr_name_mask_new(xmlDocPtr doc)
{
    gr_name_mask *m = gr_calloc(1, sizeof *m);
    set_init(&m->S, doc);
    return m;
}

char *gr_name_mask_apply(const gr_name_mask *m, const char *s)
{
    gr_buf b;
    char *r;
    if (!m || !m->S.n) return gr_strdup(s);
    gr_buf_init(&b);
    scan(&m->S, s, &b, NULL, NULL);
    r = gr_strdup(gr_buf_cstr(&b));
    gr_buf_free(&b);
    return r;
}

void gr_name_mask_free(gr_name_mask *m)
{
    if (!m) return;
    set_free(&m->S);
    free(m);
}

/* ---- the author's decision: a name inside a longer word ------------- */

typedef struct checker {
    gr_ctx *ctx;
    const char *path;
    xmlNodePtr node;
    UBreakIterator *bi;
    const name_set *S;
    int *words, *first_line;   /* per name: unmarked occurrences that are a
                                  dictionary word by themselves, first line */
} checker;

/* Up to `want` code points of s before `end` (or after `from`), stopping at
 * white space: the word around a name, for the dictionary. */
static void context_before(gr_buf *b, const char *s, size_t end, int want)
{
    size_t i = end, start;
    int n = 0;
    while (i > 0 && n < want) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
        if (is_space((unsigned char)s[i])) break;
        n++;
    }
    start = i;
    if (is_space((unsigned char)s[start])) start++;
    gr_buf_add(b, s + start, end - start);
}

static void context_after(gr_buf *b, const char *s, size_t from, int want)
{
    size_t i = from, u, n = strlen(s);
    int k = 0;
    while (i < n && k < want && !is_space((unsigned char)s[i])) {
        cp_at(s + i, n - i, &u);
        i += u;
        k++;
    }
    gr_buf_add(b, s + from, i - from);
}

/* Source lines. libxml2 numbers a text node by a line near where its first
 * chunk ends, so count instead: a node starts where the node before it
 * ends (or on its parent's line), and a text ends that many line breaks
 * later. Recursion goes as deep as the tree, never along siblings. */
static int count_nl(const xmlChar *s)
{
    int n = 0;
    for (; s && *s; s++) n += *s == '\n';
    return n;
}

static int end_line(xmlNodePtr n);

static int start_line(xmlNodePtr n)
{
    int extra = 0;
    xmlNodePtr p;
    for (p = n->prev; p; p = p->prev) {
        if (p->type == XML_ELEMENT_NODE) return end_line(p) + extra;
        extra += count_nl(p->content);
    }
    return (n->parent ? gr_line(n->parent) : 0) + extra;
}

static int end_line(xmlNodePtr n)
{
    if (n->type == XML_ELEMENT_NODE)
        return n->last ? end_line(n->last) : (int)xmlGetLineNo(n);
    return start_line(n) + count_nl(n->content);
}

static int line_of(xmlNodePtr n, const char *s, size_t off)
{
    int before = 0;
    size_t i;
    for (i = 0; i < off && s[i]; i++) before += s[i] == '\n';
    return start_line(n) + before;
}

static void on_found(void *arg, const char *s, size_t off, size_t len, const name_entry *e)
{
    checker *c = arg;
    gr_buf ctxt, word;
    UChar u16[256];
    int32_t n16 = 0, a16 = 0, b16 = 0, lo, hi;
    UErrorCode err = U_ZERO_ERROR;
    size_t pre_len;
    if (e->keep || !e->han || !c->bi) return;
    gr_buf_init(&ctxt);
    context_before(&ctxt, s, off, 8);
    pre_len = ctxt.len;
    gr_buf_adds(&ctxt, e->name);
    context_after(&ctxt, s, off + len, 8);
    u_strFromUTF8(u16, 256, &n16, gr_buf_cstr(&ctxt), (int32_t)ctxt.len, &err);
    if (U_SUCCESS(err)) u_strFromUTF8(NULL, 0, &a16, gr_buf_cstr(&ctxt), (int32_t)pre_len, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) err = U_ZERO_ERROR;
    if (U_SUCCESS(err)) u_strFromUTF8(NULL, 0, &b16, e->name, -1, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) err = U_ZERO_ERROR;
    if (U_FAILURE(err) || n16 > 255) { gr_buf_free(&ctxt); return; }
    b16 += a16;
    ubrk_setText(c->bi, u16, n16, &err);
    if (U_FAILURE(err)) { gr_buf_free(&ctxt); return; }
    if (!(ubrk_isBoundary(c->bi, a16) && ubrk_isBoundary(c->bi, b16))) {
        /* the name cuts a word: 林森 in 林森北路 */
        char w8[1024];
        const char *at;
        int32_t wl = 0;
        lo = ubrk_preceding(c->bi, a16 + 1);
        if (lo == UBRK_DONE) lo = 0;
        hi = ubrk_following(c->bi, b16 - 1);
        if (hi == UBRK_DONE) hi = n16;
        u_strToUTF8(w8, (int32_t)sizeof w8 - 1, &wl, u16 + lo, hi - lo, &err);
        if (U_SUCCESS(err)) {
            w8[wl] = 0;
            at = strstr(w8, e->name);
            gr_buf_init(&word);                   /* the word as printed */
            if (at) {
                gr_buf_add(&word, w8, (size_t)(at - w8));
                gr_buf_adds(&word, e->masked);
                gr_buf_adds(&word, at + strlen(e->name));
            } else {
                gr_buf_adds(&word, e->masked);
            }
            gr_warn(c->ctx, c->path, line_of(c->node, s, off), GR_TEXT(MASK_DECLARED_NAME_PART_WORD),
                    e->name, w8, gr_buf_cstr(&word), w8, e->name);
            gr_buf_free(&word);
        }
    } else if (e->cps >= 2 && ubrk_following(c->bi, a16) == b16) {
        /* the name is a word of the dictionary by itself (a place, a
         * common word, a well-known person: 高雄): counted, one note per
         * name at the end */
        size_t k = (size_t)(e - c->S->v);
        if (c->words[k]++ == 0) c->first_line[k] = line_of(c->node, s, off);
    }
    gr_buf_free(&ctxt);
}

static void check_walk(xmlNodePtr n, const name_set *S, checker *c)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (!n->content) continue;
            c->node = n;
            scan(S, (const char *)n->content, NULL, on_found, c);
        } else if (n->type == XML_ELEMENT_NODE && !gr_is_elem(n, NAME)
                   && !gr_is_elem(n, NOT_NAME)) {
            check_walk(n->children, S, c);
        }
    }
}

int gr_data_check_names(gr_ctx *ctx, xmlDocPtr doc, const char *path)
{
    name_set S;
    checker c;
    size_t i;
    UErrorCode err = U_ZERO_ERROR;
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) return GR_OK;
    set_init(&S, doc);
    memset(&c, 0, sizeof c);
    c.ctx = ctx;
    c.path = path;
    if (S.n) {
        c.bi = ubrk_open(UBRK_WORD, "zh_TW", NULL, 0, &err);
        if (U_FAILURE(err)) c.bi = NULL;
        c.S = &S;
        c.words = gr_calloc(S.n, sizeof *c.words);
        c.first_line = gr_calloc(S.n, sizeof *c.first_line);
        if (c.bi) check_walk(root, &S, &c);
        if (c.bi) ubrk_close(c.bi);
        for (i = 0; i < S.n; i++)
            if (c.words[i])
                gr_warn(ctx, path, c.first_line[i], GR_TEXT(MASK_DECLARED_NAME_ALSO_WORD),
                        S.v[i].name, c.words[i], S.v[i].masked, S.v[i].name);
        free(c.words);
        free(c.first_line);
    }
    set_free(&S);
    return GR_OK;
}

/* After gr_data_mask_names: every <姓名> now holds the published (masked)
 * form; mark it 遮蔽="否" so that building this data again (extracted from
 * a public PDF made with --embed-source) prints it as it is instead of
 * masking a masked form once more. */
static void mark_masked(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (gr_is_elem(n, NAME)) xmlSetProp(n, (const xmlChar *)"遮蔽", (const xmlChar *)"否");
        else mark_masked(n->children);
    }
}

void gr_data_mark_masked(xmlDocPtr doc)
{
    if (doc) mark_masked(xmlDocGetRootElement(doc));
}
