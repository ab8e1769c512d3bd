/* mask.c — the public edition's names: every personal name written in a
 * <姓名> element (except 遮蔽="否") is masked the way the form does it —
 * first and last character kept, the ones between replaced by ○ (U+25CB):
 * 蕭雅勻 → 蕭○勻, 歐陽志明 → 歐○○明, a 2-character name keeps its first
 * (林一 → 林○) — in the element itself and wherever the same name appears in
 * the document's running text, so that a person is printed the same way
 * everywhere. Characters are code points (an Ext-B character is one).
 * Names of two characters are masked only inside <姓名>: as a substring of
 * ordinary text they match too often (林一 in 森林一片). A name written both
 * with 遮蔽="否" and without is masked everywhere (privacy first). */
#include "domain_int.h"
#include <stdlib.h>
#include <string.h>

/* The names to mask in a byte trie, so that finding every name in a text
 * costs at most the longest name per position, whatever their number. */
typedef struct tnode {
    int child, sibling;        /* first child, next sibling (-1: none) */
    int name;                  /* index into names, or -1 */
    unsigned char byte;
} tnode;

typedef struct name_entry { char *masked; size_t cps; } name_entry;

typedef struct name_set {
    tnode *t; size_t nt, capt;
    name_entry *v; size_t n, cap;
} name_set;

static size_t count_cps(const char *s)
{
    size_t n = 0, len = strlen(s), i = 0;
    while (i < len) {
        uint32_t cp;
        i += (size_t)gr_utf8_decode(s + i, len - i, &cp);
        n++;
    }
    return n;
}

static char *mask_one(const char *s)
{
    size_t len = strlen(s), i = 0, k = 0, n = count_cps(s);
    gr_buf b;
    char *r;
    if (n < 2) return gr_strdup(s);
    gr_buf_init(&b);
    while (i < len) {
        uint32_t cp;
        int used = gr_utf8_decode(s + i, len - i, &cp);
        if (k == 0 || (k == n - 1 && n > 2)) gr_buf_add(&b, s + i, (size_t)used);
        else gr_buf_adds(&b, "\xE2\x97\x8B");   /* ○ U+25CB */
        i += (size_t)used;
        k++;
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

/* The child of node `at` for byte c (created when `make`), or -1. */
static int step(name_set *S, int at, unsigned char c, int make)
{
    int k;
    for (k = S->t[at].child; k >= 0; k = S->t[k].sibling)
        if (S->t[k].byte == c) return k;
    if (!make) return -1;
    k = new_tnode(S, c);
    S->t[k].sibling = S->t[at].child;
    S->t[at].child = k;
    return k;
}

static void add_name(name_set *S, const char *name)
{
    int at = 0;
    const unsigned char *p = (const unsigned char *)name;
    if (!*p) return;
    for (; *p; p++) at = step(S, at, *p, 1);
    if (S->t[at].name >= 0) return;                 /* already there */
    S->v = gr_grow(S->v, &S->cap, S->n + 1, sizeof *S->v);
    S->v[S->n].masked = mask_one(name);
    S->v[S->n].cps = count_cps(name);
    S->t[at].name = (int)S->n++;
}

/* Longest name of at least min_cps characters starting at s: its index
 * and byte length, or -1. */
static int match_at(const name_set *S, const char *s, size_t min_cps, size_t *len)
{
    int at = 0, best = -1;
    size_t i;
    for (i = 0; s[i]; i++) {
        int k;
        for (k = S->t[at].child; k >= 0 && S->t[k].byte != (unsigned char)s[i]; k = S->t[k].sibling)
            ;
        if (k < 0) break;
        at = k;
        if (S->t[at].name >= 0 && S->v[S->t[at].name].cps >= min_cps) {
            best = S->t[at].name;
            *len = i + 1;
        }
    }
    return best;
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
        if (gr_is_elem(n, "姓名") && !masked_off(n)) {
            char *t = gr_text(n);
            add_name(S, t);
            free(t);
        }
        collect(n->children, S);
    }
}

/* Replace every name of at least `min_cps` characters in s; NULL when
 * nothing changed. */
static char *replace_names(const char *s, const name_set *S, size_t min_cps)
{
    gr_buf b;
    size_t i = 0, len;
    int changed = 0;
    gr_buf_init(&b);
    while (s[i]) {
        int k = match_at(S, s + i, min_cps, &len);
        if (k >= 0) {
            gr_buf_adds(&b, S->v[k].masked);
            i += len;
            changed = 1;
        } else {
            gr_buf_addc(&b, s[i]);
            i++;
        }
    }
    if (changed) {
        char *r = gr_strdup(gr_buf_cstr(&b));
        gr_buf_free(&b);
        return r;
    }
    gr_buf_free(&b);
    return NULL;
}

static void apply(xmlNodePtr n, const name_set *S, int in_name)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE && n->content) {
            char *r = replace_names((const char *)n->content, S, in_name ? 1 : 3);
            if (r) {
                xmlNodeSetContent(n, (const xmlChar *)r);
                free(r);
            }
        } else if (n->type == XML_ELEMENT_NODE) {
            apply(n->children, S, gr_is_elem(n, "姓名"));
        }
    }
}

void gr_data_mask_names(xmlDocPtr doc)
{
    name_set S;
    size_t i;
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) return;
    memset(&S, 0, sizeof S);
    new_tnode(&S, 0);                               /* the root */
    collect(root, &S);
    if (S.n) apply(root, &S, 0);
    for (i = 0; i < S.n; i++) free(S.v[i].masked);
    free(S.v);
    free(S.t);
}
