/* test_mask.c — unit tests of the public edition's name masking
 * (generator/domain/mask.c): the masked form of Han names of 1–4
 * characters with Ext-B, Latin and mixed names (initials, no length shown),
 * and masking a whole document: unmarked names in running text, a line break
 * or a space inside a name (Unicode's white space and the invisible
 * characters a paste leaves included), Bopomofo for a character, capitals, words in reverse order, composed and decomposed accents, Latin word
 * boundaries, the longest
 * name first, <非姓名>, 遮蔽="否" alone and together with a masked
 * declaration. Prints "N passed, M failed"; exits 1 on any failure. */
#include "../../generator/domain/domain.h"

#include <libxml/parser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/* The document as the template sees it (gr_data_print_names): each name
 * found in running text in <gr:name>, shown here as [name]. */
static void printed(const char *xml, int mask, const char *want)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
    gr_buf b;
    xmlNodePtr n;
    if (!doc) { CHECK(0, "parse error: %s", xml); return; }
    gr_data_print_names(doc, mask);
    gr_buf_init(&b);
    for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        xmlChar *t = xmlNodeGetContent(n);
        int wrapped = n->type == XML_ELEMENT_NODE && n->ns &&
                      strcmp((const char *)n->ns->href, GR_SOURCE_NS) == 0 &&
                      strcmp((const char *)n->name, "name") == 0;
        if (n->type == XML_ELEMENT_NODE && !wrapped) { xmlFree(t); continue; }   /* <姓名> */
        if (wrapped) gr_buf_addc(&b, '[');
        gr_buf_adds(&b, (const char *)t);
        if (wrapped) gr_buf_addc(&b, ']');
        xmlFree(t);
    }
    CHECK(strcmp(gr_buf_cstr(&b), want) == 0, "printed(%s) = %s, want %s", xml, gr_buf_cstr(&b), want);
    gr_buf_free(&b);
    xmlFreeDoc(doc);
}

static void form(const char *name, const char *want)
{
    char *got = gr_mask_name(name);
    CHECK(strcmp(got, want) == 0, "mask(%s) = %s, want %s", name, got, want);
    free(got);
}

/* The text of the document after masking, tags dropped. */
static char *masked_text(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
    xmlChar *t;
    char *r;
    if (!doc) return strdup("(parse error)");
    gr_data_mask_names(doc);
    t = xmlNodeGetContent(xmlDocGetRootElement(doc));
    r = strdup((const char *)t);
    xmlFree(t);
    xmlFreeDoc(doc);
    return r;
}

static void doc(const char *body, const char *want)
{
    char xml[4096];
    char *got;
    snprintf(xml, sizeof xml, "<r>%s</r>", body);
    got = masked_text(xml);
    CHECK(strcmp(got, want) == 0, "%s\n    got  %s\n    want %s", body, got, want);
    free(got);
}

int main(void)
{
    /* the form's own rule for Han names; Ext-B is one character */
    form("蕭雅勻", "蕭○勻");
    form("歐陽志明", "歐○○明");
    form("林森", "林○");
    form("林", "○");
    form("鄭𡘙", "鄭○");
    form("𠮷美雲", "𠮷○雲");
    form("黃𠮷祥", "黃○祥");
    /* Latin and mixed: first and last part, initials */
    form("Ahmad Faisal", "A. F.");
    form("Ahmad bin Faisal", "A. F.");
    form("ahmad", "A.");
    form("Jean-Luc Picard", "J. P.");
    form("Nguyễn Thị Lan", "N. L.");
    form("Émile Zola", "É. Z.");
    form("瓦歷斯．諾幹", "瓦○．諾○");
    form("陳Mary", "陳○ M.");
    form("Mary 陳", "M. 陳○");

    /* a document: declarations in <姓名>, names anywhere in the text */
    doc("<姓名>林森</姓名>由林森統籌，沿林森北路", "林○由林○統籌，沿林○北路");
    doc("<姓名>林森</姓名>於<非姓名>林森公園</非姓名>", "林○於林森公園");
    doc("<姓名>林森</姓名>由林\n      森彙整", "林○由林○彙整");
    doc("<姓名>黃𠮷祥</姓名>黃 𠮷祥委員", "黃○祥黃○祥委員");
    doc("<姓名>Ahmad Faisal</姓名>志工AHMAD\n  FAISAL與Ahmad Faisal",
        "A. F.志工A. F.與A. F.");
    /* Unicode's white space between a name's parts, as an IME (U+3000) or
       a Word/web paste (no-break, thin space) writes it, and the invisible
       characters a paste leaves (zero-width space, word joiner, BOM, soft
       hyphen), in the text or in the declaration */
    doc("<姓名>范姜𠮷妹</姓名>由范姜\xE3\x80\x80𠮷妹規劃", "范○○妹由范○○妹規劃");
    doc("<姓名>范姜𠮷妹</姓名>由范姜\xC2\xA0𠮷妹、范\xE2\x80\x89姜𠮷妹", "范○○妹由范○○妹、范○○妹");
    doc("<姓名>范姜𠮷妹</姓名>由范姜\xE2\x80\x8B𠮷妹、范\xE2\x81\xA0姜\xEF\xBB\xBF𠮷\xC2\xAD妹",
        "范○○妹由范○○妹、范○○妹");
    doc("<姓名>范姜\xE3\x80\x80𠮷妹</姓名>由范姜𠮷妹、范姜 𠮷妹", "范○○妹由范○○妹、范○○妹");
    doc("<姓名>黃 𠮷祥</姓名>黃𠮷祥", "黃○祥黃○祥");
    doc("<姓名>張\xE2\x80\x8B簡𣘀恩</姓名>由張簡𣘀恩", "張○○恩由張○○恩");
    doc("<姓名>Tjuku Rusaljai</姓名>Tjuku\xE3\x80\x80Rusaljai、Tjuku\xC2\xA0Rusaljai、Rusaljai\xE2\x80\x8BTjuku",
        "T. R.T. R.、T. R.、T. R.");
    /* Bopomofo for a character, as people write 阿 (林ㄚ𡘙): Han */
    form("林ㄚ𡘙", "林○𡘙");
    doc("<姓名>林ㄚ𡘙</姓名>學生代表林ㄚ𡘙", "林○𡘙學生代表林○𡘙");
    doc("<姓名>Ann Lee</姓名><姓名>Ann</姓名>Annual report by Ann", "A. L.A.Annual report by A.");
    doc("<姓名>林</姓名>森林一片", "○森林一片");
    /* declared composed (NFC), written decomposed (NFD), and the reverse */
    doc("<姓名>Nguy\xE1\xBB\x85n Lan</姓名>Nguye\xCC\x82\xCC\x83n Lan",
        "N. L.N. L.");
    doc("<姓名>Nguye\xCC\x82\xCC\x83n Lan</姓名>Nguy\xE1\xBB\x85n Lan",
        "N. L.N. L.");
    doc("<姓名>Daniel 張</姓名>張 Daniel與Faisal Ahmad<姓名>Ahmad Faisal</姓名>",
        "D. 張○D. 張○與A. F.A. F.");
    doc("<姓名>林森</姓名><姓名 遮蔽=\"否\">林森林</姓名>講師林森林", "林○林森林講師林森林");
    doc("<姓名 遮蔽=\"否\">陳怡君</姓名>陳怡君教授", "陳怡君陳怡君教授");
    doc("<姓名 遮蔽=\"否\">陳怡君</姓名><姓名>陳怡君</姓名>陳怡君教授", "陳○君陳○君陳○君教授");
    doc("<a><姓名>歐陽靜雯</姓名></a><b>社工員歐陽靜雯</b><c>歐陽</c>",
        "歐○○雯社工員歐○○雯歐陽");

    /* the names as the template gets them: one unbreakable piece each,
       masked in the public edition, as written (white space collapsed) in
       the internal one; <非姓名> and <姓名> untouched */
    printed("<r><姓名>瓦歷斯．諾幹</姓名>依委員瓦歷斯．諾幹之意見</r>", 1, "依委員[瓦○．諾○]之意見");
    printed("<r><姓名>瓦歷斯．諾幹</姓名>依委員瓦歷斯．諾幹之意見</r>", 0, "依委員[瓦歷斯．諾幹]之意見");
    printed("<r><姓名>歐陽靜雯</姓名>由歐陽\n  靜雯與歐陽靜雯</r>", 0, "由[歐陽靜雯]與[歐陽靜雯]");
    printed("<r><姓名>Emily O'Brien</姓名>講師Emily\n  O'Brien；</r>", 0, "講師[Emily O'Brien]；");
    printed("<r><姓名>林森</姓名>於<非姓名>林森公園</非姓名>由林森</r>", 1, "於由[林○]");
    printed("<r><姓名>林森</姓名>林森</r>", 1, "[林○]");

    return unit_done();
}
