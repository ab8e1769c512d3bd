/* xmlfile.c — byte-exact edits of a data file (xmlfile.h): a scanner that
 * records every element's byte range and line, and splices for the edits.
 * Nothing here knows the data format. */
#include "xmlfile.h"
#include <assert.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 256             /* the data format nests a dozen levels */

void gr_xmlfile_init(gr_xmlfile *f)
{
    memset(f, 0, sizeof *f);
    gr_buf_init(&f->bytes);
}

void gr_xmlfile_free(gr_xmlfile *f)
{
    gr_buf_free(&f->bytes);
    free(f->v);
    memset(f, 0, sizeof *f);
}

static int is_name_char(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == ':';
}

static size_t name_len(const char *p, size_t avail)
{
    size_t n = 0;
    while (n < avail && is_name_char((unsigned char)p[n])) n++;
    return n;
}

/* Find `pat` from i; returns the index just after it, or 0 if absent. */
static size_t after(const char *s, size_t len, size_t i, const char *pat)
{
    size_t k = strlen(pat);
    for (; i + k <= len; i++)
        if (memcmp(s + i, pat, k) == 0) return i + k;
    return 0;
}

static int count_lines(const char *s, size_t from, size_t to)
{
    int n = 0;
    for (; from < to; from++) n += s[from] == '\n';
    return n;
}

static int scan(gr_xmlfile *f)
{
    const char *s = (const char *)f->bytes.data;
    size_t len = f->bytes.len, i = 0, seen = 0;
    int stack[MAX_DEPTH], depth = 0, line = 1, root_done = 0;
    f->n = 0;
    while (i < len) {
        size_t j;
        if (s[i] != '<') {
            i++;
            continue;
        }
        line += count_lines(s, seen, i);
        seen = i;
        if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) j = after(s, len, i + 4, "-->");
        else if (len - i >= 2 && s[i + 1] == '?') j = after(s, len, i + 2, "?>");
        else if (len - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) j = after(s, len, i + 9, "]]>");
        else if (len - i >= 2 && s[i + 1] == '!') return GR_EINPUT;      /* DOCTYPE */
        else if (len - i >= 2 && s[i + 1] == '/') {
            size_t nl = name_len(s + i + 2, len - i - 2);
            gr_xspan *e;
            char nm[256];
            if (!depth) return GR_EINPUT;
            e = &f->v[stack[depth - 1]];
            gr_xmlfile_name(f, stack[depth - 1], nm, sizeof nm);
            if (nl != strlen(nm) || memcmp(s + i + 2, nm, nl) != 0) return GR_EINPUT;
            j = after(s, len, i + 2 + nl, ">");
            if (!j) return GR_EINPUT;
            e->close = i;
            e->end = j;
            depth--;
            if (!depth) root_done = 1;
        } else {
            size_t nl = name_len(s + i + 1, len - i - 1);
            char q = 0;
            gr_xspan *e;
            if (!nl || root_done) return GR_EINPUT;
            for (j = i + 1 + nl; j < len; j++) {
                if (q) { if (s[j] == q) q = 0; }
                else if (s[j] == '"' || s[j] == '\'') q = s[j];
                else if (s[j] == '>') break;
                else if (s[j] == '<') return GR_EINPUT;
            }
            if (j >= len) return GR_EINPUT;
            j++;
            f->v = gr_grow(f->v, &f->cap, f->n + 1, sizeof *f->v);
            e = &f->v[f->n];
            memset(e, 0, sizeof *e);
            e->start = i;
            e->open_end = j;
            e->line = line;
            e->parent = depth ? stack[depth - 1] : -1;
            if (depth) f->v[stack[depth - 1]].nchildren++;
            if (s[j - 2] == '/') {
                e->empty_tag = 1;
                e->close = e->end = j;
                if (!depth) root_done = 1;
            } else {
                if (depth == MAX_DEPTH) return GR_EINPUT;
                stack[depth++] = (int)f->n;
            }
            f->n++;
        }
        if (!j) return GR_EINPUT;
        i = j;
    }
    return depth == 0 && f->n > 0 ? GR_OK : GR_EINPUT;
}

int gr_xmlfile_set(gr_xmlfile *f, const char *data, size_t len)
{
    f->bytes.len = 0;
    gr_buf_add(&f->bytes, data, len);
    if (scan(f) != GR_OK) {
        f->bytes.len = 0;
        f->n = 0;
        return GR_EINPUT;
    }
    return GR_OK;
}

void gr_xmlfile_name(const gr_xmlfile *f, int idx, char *out, size_t outsz)
{
    const char *s = (const char *)f->bytes.data + f->v[idx].start + 1;
    size_t n = name_len(s, f->v[idx].open_end - f->v[idx].start - 1);
    if (n >= outsz) n = outsz - 1;
    memcpy(out, s, n);
    out[n] = 0;
}

int gr_xmlfile_at_line(const gr_xmlfile *f, int line)
{
    const char *s = (const char *)f->bytes.data;
    int best = -1;
    size_t i;
    for (i = 0; i < f->n; i++)
        if (f->v[i].line == line) return (int)i;
    for (i = 0; i < f->n; i++) {
        int end_line = f->v[i].line + count_lines(s, f->v[i].start, f->v[i].end);
        if (f->v[i].line <= line && end_line >= line) best = (int)i;   /* later = inner */
    }
    return best;
}

/* ---- splicing ------------------------------------------------------------ */

/* Replace [from, to) with the n bytes at p, then rescan; on a failed scan the
 * old bytes come back. */
static int splice(gr_xmlfile *f, size_t from, size_t to, const char *p, size_t n)
{
    gr_buf nb;
    gr_buf old = f->bytes;
    assert(from <= to && to <= f->bytes.len);
    gr_buf_init(&nb);
    gr_buf_add(&nb, old.data, from);
    gr_buf_add(&nb, p, n);
    gr_buf_add(&nb, old.data + to, old.len - to);
    f->bytes = nb;
    if (scan(f) != GR_OK) {
        gr_buf_free(&f->bytes);
        f->bytes = old;
        (void)scan(f);
        return GR_EINPUT;
    }
    gr_buf_free(&old);
    return GR_OK;
}

static void escape(gr_buf *b, const char *v, int attr)
{
    for (; *v; v++) {
        switch (*v) {
        case '&': gr_buf_adds(b, "&amp;"); break;
        case '<': gr_buf_adds(b, "&lt;"); break;
        case '>': gr_buf_adds(b, "&gt;"); break;
        case '"': gr_buf_adds(b, attr ? "&quot;" : "\""); break;
        case '\n': gr_buf_adds(b, attr ? "&#10;" : "\n"); break;
        case '\r': break;                       /* the page sends CRLF in textareas */
        default: gr_buf_addc(b, *v);
        }
    }
}

/* The whitespace before an element's start tag on its line, when only
 * whitespace precedes it there (its indentation); else NULL. */
static int indent_of(const gr_xmlfile *f, int idx, gr_buf *out)
{
    const char *s = (const char *)f->bytes.data;
    size_t st = f->v[idx].start, k = st;
    while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t')) k--;
    if (k > 0 && s[k - 1] != '\n') return 0;
    gr_buf_add(out, s + k, st - k);
    return 1;
}

/* Indentation for a child of parent: a sibling's, else the parent's + 2. */
static void child_indent(const gr_xmlfile *f, int parent, gr_buf *out)
{
    size_t i;
    for (i = (size_t)parent + 1; i < f->n && f->v[i].start < f->v[parent].end; i++)
        if (f->v[i].parent == parent) {
            out->len = 0;
            if (indent_of(f, (int)i, out)) return;
        }
    out->len = 0;
    if (!indent_of(f, parent, out)) out->len = 0;
    gr_buf_adds(out, "  ");
}

/* xml with every line after the first prefixed by indent. */
static void indented(gr_buf *b, const char *xml, const gr_buf *indent)
{
    for (; *xml; xml++) {
        if (*xml == '\r') continue;
        gr_buf_addc(b, *xml);
        if (*xml == '\n') gr_buf_add(b, indent->data, indent->len);
    }
}

int gr_xmlfile_set_text(gr_xmlfile *f, int idx, const char *value)
{
    gr_buf b;
    gr_xspan e;
    char nm[256];
    int rc;
    if (idx < 0 || (size_t)idx >= f->n || f->v[idx].nchildren) return GR_EINPUT;
    e = f->v[idx];
    gr_buf_init(&b);
    escape(&b, value, 0);
    if (e.empty_tag) {
        /* <a/> → <a>value</a>: the start tag without its '/' */
        gr_buf c;
        size_t k = e.open_end - 2;
        gr_xmlfile_name(f, idx, nm, sizeof nm);
        gr_buf_init(&c);
        while (k > e.start && (f->bytes.data[k - 1] == ' ' || f->bytes.data[k - 1] == '\t')) k--;
        gr_buf_add(&c, f->bytes.data + e.start, k - e.start);
        gr_buf_addc(&c, '>');
        gr_buf_add(&c, b.data, b.len);
        gr_buf_printf(&c, "</%s>", nm);
        rc = splice(f, e.start, e.end, (const char *)c.data, c.len);
        gr_buf_free(&c);
    } else {
        rc = splice(f, e.open_end, e.close, b.data ? (const char *)b.data : "", b.len);
    }
    gr_buf_free(&b);
    return rc;
}

int gr_xmlfile_set_content(gr_xmlfile *f, int idx, const char *xml)
{
    gr_buf b, in, ci;
    int rc;
    if (idx < 0 || (size_t)idx >= f->n || f->v[idx].empty_tag) return GR_EINPUT;
    if (!strchr(xml, '<')) return GR_EINPUT;      /* plain text: set_text */
    gr_buf_init(&b);
    gr_buf_init(&in);
    gr_buf_init(&ci);
    if (!indent_of(f, idx, &in)) in.len = 0;
    gr_buf_add(&ci, in.data, in.len);
    gr_buf_adds(&ci, "  ");
    gr_buf_addc(&b, '\n');
    gr_buf_add(&b, ci.data, ci.len);
    indented(&b, xml, &ci);
    gr_buf_addc(&b, '\n');
    gr_buf_add(&b, in.data, in.len);
    rc = splice(f, f->v[idx].open_end, f->v[idx].close, (const char *)b.data, b.len);
    gr_buf_free(&b);
    gr_buf_free(&in);
    gr_buf_free(&ci);
    return rc;
}

int gr_xmlfile_set_attr(gr_xmlfile *f, int idx, const char *name, const char *value)
{
    const char *s;
    size_t i, end, nl = strlen(name);
    gr_buf b;
    int rc;
    if (idx < 0 || (size_t)idx >= f->n || !nl || name_len(name, nl) != nl) return GR_EINPUT;
    s = (const char *)f->bytes.data;
    end = f->v[idx].open_end - (f->v[idx].empty_tag ? 2 : 1);
    i = f->v[idx].start + 1;
    i += name_len(s + i, end - i);
    gr_buf_init(&b);
    gr_buf_addc(&b, '"');
    escape(&b, value, 1);
    gr_buf_addc(&b, '"');
    /* the attributes: name = "value" pairs */
    while (i < end) {
        size_t an, vs, ve;
        char q;
        while (i < end && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
        if (i >= end) break;
        an = name_len(s + i, end - i);
        if (!an) break;
        vs = i + an;
        while (vs < end && s[vs] != '"' && s[vs] != '\'') vs++;
        if (vs >= end) break;
        q = s[vs];
        for (ve = vs + 1; ve < end && s[ve] != q; ve++) {}
        if (ve >= end) break;
        if (an == nl && memcmp(s + i, name, nl) == 0) {
            rc = splice(f, vs, ve + 1, (const char *)b.data, b.len);
            gr_buf_free(&b);
            return rc;
        }
        i = ve + 1;
    }
    {
        gr_buf a;
        size_t at = f->v[idx].start + 1;
        at += name_len(s + at, end - at);
        gr_buf_init(&a);
        gr_buf_printf(&a, " %s=", name);
        gr_buf_add(&a, b.data, b.len);
        rc = splice(f, at, at, (const char *)a.data, a.len);
        gr_buf_free(&a);
    }
    gr_buf_free(&b);
    return rc;
}

int gr_xmlfile_insert(gr_xmlfile *f, int parent, int before, const char *xml)
{
    gr_buf b, ci, pi;
    gr_xspan p;
    int rc, last = -1;
    size_t i;
    if (parent < 0 || (size_t)parent >= f->n) return GR_EINPUT;
    if (before >= 0 && ((size_t)before >= f->n || f->v[before].parent != parent)) return GR_EINPUT;
    p = f->v[parent];
    gr_buf_init(&b);
    gr_buf_init(&ci);
    gr_buf_init(&pi);
    child_indent(f, parent, &ci);
    if (!indent_of(f, parent, &pi)) pi.len = 0;
    for (i = (size_t)parent + 1; i < f->n && f->v[i].start < p.end; i++)
        if (f->v[i].parent == parent) last = (int)i;
    if (before >= 0) {
        indented(&b, xml, &ci);
        gr_buf_addc(&b, '\n');
        gr_buf_add(&b, ci.data, ci.len);
        rc = splice(f, f->v[before].start, f->v[before].start, (const char *)b.data, b.len);
    } else if (last >= 0) {
        gr_buf_addc(&b, '\n');
        gr_buf_add(&b, ci.data, ci.len);
        indented(&b, xml, &ci);
        rc = splice(f, f->v[last].end, f->v[last].end, (const char *)b.data, b.len);
    } else if (p.empty_tag) {
        char nm[256];
        size_t k = p.open_end - 2;
        gr_xmlfile_name(f, parent, nm, sizeof nm);
        while (k > p.start && (f->bytes.data[k - 1] == ' ' || f->bytes.data[k - 1] == '\t')) k--;
        gr_buf_add(&b, f->bytes.data + p.start, k - p.start);
        gr_buf_adds(&b, ">\n");
        gr_buf_add(&b, ci.data, ci.len);
        indented(&b, xml, &ci);
        gr_buf_addc(&b, '\n');
        gr_buf_add(&b, pi.data, pi.len);
        gr_buf_printf(&b, "</%s>", nm);
        rc = splice(f, p.start, p.end, (const char *)b.data, b.len);
    } else {
        /* no child elements: only whitespace (or comments) may be inside */
        size_t k, ws_from = p.close;
        const char *s = (const char *)f->bytes.data;
        for (k = p.open_end; k < p.close; k++)
            if (!(s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r')) break;
        if (k < p.close && s[k] != '<') {
            rc = GR_EINPUT;                             /* text: not a container */
        } else {
            while (ws_from > p.open_end && (s[ws_from - 1] == ' ' || s[ws_from - 1] == '\t' ||
                                            s[ws_from - 1] == '\n' || s[ws_from - 1] == '\r'))
                ws_from--;
            gr_buf_addc(&b, '\n');
            gr_buf_add(&b, ci.data, ci.len);
            indented(&b, xml, &ci);
            gr_buf_addc(&b, '\n');
            gr_buf_add(&b, pi.data, pi.len);
            rc = splice(f, ws_from, p.close, (const char *)b.data, b.len);
        }
    }
    gr_buf_free(&b);
    gr_buf_free(&ci);
    gr_buf_free(&pi);
    return rc;
}

int gr_xmlfile_remove(gr_xmlfile *f, int idx)
{
    const char *s;
    size_t from, k;
    if (idx <= 0 || (size_t)idx >= f->n) return GR_EINPUT;       /* never the root */
    s = (const char *)f->bytes.data;
    from = k = f->v[idx].start;
    while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t')) k--;
    if (k > 0 && s[k - 1] == '\n') from = k - 1;
    return splice(f, from, f->v[idx].end, "", 0);
}

int gr_xmlfile_move(gr_xmlfile *f, int idx, int dir)
{
    int other = -1, a, bi;
    size_t i;
    gr_buf b;
    const char *s;
    int rc;
    if (idx <= 0 || (size_t)idx >= f->n) return GR_EINPUT;
    for (i = 0; i < f->n; i++) {
        if ((int)i == idx || f->v[i].parent != f->v[idx].parent) continue;
        if (dir < 0 && i < (size_t)idx) other = (int)i;             /* the closest before */
        if (dir > 0 && i > (size_t)idx) { other = (int)i; break; }  /* the first after */
    }
    if (other < 0) return GR_EINPUT;
    a = idx < other ? idx : other;
    bi = idx < other ? other : idx;
    s = (const char *)f->bytes.data;
    gr_buf_init(&b);
    gr_buf_add(&b, s + f->v[bi].start, f->v[bi].end - f->v[bi].start);
    gr_buf_add(&b, s + f->v[a].end, f->v[bi].start - f->v[a].end);
    gr_buf_add(&b, s + f->v[a].start, f->v[a].end - f->v[a].start);
    rc = splice(f, f->v[a].start, f->v[bi].end, (const char *)b.data, b.len);
    gr_buf_free(&b);
    return rc;
}

int gr_xml_fragment_ok(const char *s)
{
    gr_buf b;
    xmlDocPtr d;
    if (strstr(s, "<?") || strstr(s, "<!")) return 0;   /* no PI, DOCTYPE, CDATA or comment */
    gr_buf_init(&b);
    gr_buf_adds(&b, "<x>");
    gr_buf_adds(&b, s);
    gr_buf_adds(&b, "</x>");
    d = xmlReadMemory((const char *)b.data, (int)b.len, "fragment", "UTF-8",
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    gr_buf_free(&b);
    if (!d) return 0;
    xmlFreeDoc(d);
    return 1;
}
