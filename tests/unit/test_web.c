/* test_web.c — generator/web/: the byte-exact edits of xmlfile.c (scanning
 * comments, PIs, CDATA, quoted '>' and empty tags; each edit changes only
 * its bytes) and the JSON strings of json.c. */
#include "unit.h"
#include "web/server.h"
#include "web/xmlfile.h"
#include <string.h>

static const char *text(gr_xmlfile *f)
{
    return gr_buf_cstr(&f->bytes);
}

static int load(gr_xmlfile *f, const char *s)
{
    return gr_xmlfile_set(f, s, strlen(s));
}

int main(void)
{
    gr_xmlfile f;
    gr_buf b;
    char nm[64];
    static const char doc[] =
        "<?xml version=\"1.0\"?>\n"
        "<!-- a <comment> with <b>tags</b> -->\n"
        "<r v=\"1 > 0\">\n"
        "  <a>one</a>\n"
        "  <?pi <x>?>\n"
        "  <b><![CDATA[<not>an element]]></b>\n"
        "  <c/>\n"
        "  <d>\n"
        "    <e>1</e>\n"
        "    <e>2</e>\n"
        "  </d>\n"
        "</r>\n";
    gr_xmlfile_init(&f);

    CHECK(load(&f, doc) == GR_OK, "the document scans");
    CHECK(f.n == 7, "7 elements (comment, PI and CDATA are not), got %zu", f.n);
    gr_xmlfile_name(&f, 0, nm, sizeof nm);
    CHECK(strcmp(nm, "r") == 0, "root named r, got %s", nm);
    gr_xmlfile_name(&f, 3, nm, sizeof nm);
    CHECK(strcmp(nm, "c") == 0 && f.v[3].empty_tag, "element 3 is the empty tag <c/>");
    CHECK(f.v[4].nchildren == 2 && f.v[5].parent == 4, "children and parents");
    CHECK(f.v[1].line == 4 && gr_xmlfile_at_line(&f, 10) == 6, "lines: <a> on 4, line 10 is the second <e>");
    CHECK(gr_xmlfile_at_line(&f, 2) == -1, "a comment line belongs to no element");

    CHECK(gr_xmlfile_set_text(&f, 1, "x & <y>") == GR_OK, "set_text");
    CHECK(strstr(text(&f), "<a>x &amp; &lt;y&gt;</a>") != NULL, "text escaped in place");
    CHECK(strstr(text(&f), "<!-- a <comment> with <b>tags</b> -->") != NULL, "the comment keeps its bytes");
    CHECK(gr_xmlfile_set_text(&f, 3, "z") == GR_OK && strstr(text(&f), "<c>z</c>"), "<c/> becomes <c>z</c>");
    CHECK(gr_xmlfile_set_text(&f, 4, "no") == GR_EINPUT, "set_text refuses an element with children");
    CHECK(gr_xmlfile_set_text(&f, 99, "no") == GR_EINPUT, "set_text refuses a number out of range");

    CHECK(gr_xmlfile_set_attr(&f, 0, "v", "2") == GR_OK && strstr(text(&f), "<r v=\"2\">"), "attribute replaced");
    CHECK(gr_xmlfile_set_attr(&f, 0, "w", "a\"b") == GR_OK && strstr(text(&f), "<r v=\"2\" w=\"a&quot;b\">"),
          "attribute added after the others, escaped: %s", text(&f));
    CHECK(gr_xmlfile_set_attr(&f, 0, "w", NULL) == GR_OK && strstr(text(&f), "<r v=\"2\">"), "attribute removed");

    CHECK(gr_xmlfile_insert(&f, 4, -1, "<e>3</e>") == GR_OK, "insert last");
    CHECK(strstr(text(&f), "    <e>2</e>\n    <e>3</e>\n  </d>") != NULL, "indented like its siblings:\n%s", text(&f));
    CHECK(gr_xmlfile_insert(&f, 4, 5, "<e>0</e>") == GR_OK &&
          strstr(text(&f), "<d>\n    <e>0</e>\n    <e>1</e>"), "insert before the first");
    CHECK(gr_xmlfile_move(&f, 5, 1) == GR_OK && strstr(text(&f), "<e>1</e>\n    <e>0</e>"), "move down");
    CHECK(gr_xmlfile_move(&f, 5, -1) == GR_EINPUT, "the first cannot move up");
    CHECK(gr_xmlfile_remove(&f, 6) == GR_OK && !strstr(text(&f), "<e>0</e>") &&
          strstr(text(&f), "<e>1</e>\n    <e>2</e>"), "remove takes its line");
    CHECK(gr_xmlfile_remove(&f, 0) == GR_EINPUT, "the root is never removed");
    CHECK(gr_xmlfile_insert(&f, 3, -1, "<k>1</k>") == GR_EINPUT, "no element inside text");

    CHECK(load(&f, "<r>\n  <s/>\n</r>") == GR_OK && gr_xmlfile_insert(&f, 1, -1, "<t>\n  <u/>\n</t>") == GR_OK,
          "insert into an empty tag");
    CHECK(strcmp(text(&f), "<r>\n  <s>\n    <t>\n      <u/>\n    </t>\n  </s>\n</r>") == 0, "nested and indented: %s",
          text(&f));
    CHECK(gr_xmlfile_set_content(&f, 1, "<p>a</p>\n<p>b</p>") == GR_OK &&
          strcmp(text(&f), "<r>\n  <s>\n    <p>a</p>\n    <p>b</p>\n  </s>\n</r>") == 0, "set_content: %s", text(&f));

    CHECK(load(&f, "<r><a></b></r>") == GR_EINPUT, "mismatched end tag refused");
    CHECK(load(&f, "<!DOCTYPE r><r/>") == GR_EINPUT, "DOCTYPE refused");
    CHECK(load(&f, "<r><!-- open") == GR_EINPUT, "unterminated comment refused");
    CHECK(load(&f, "<r/><s/>") == GR_EINPUT, "two roots refused");
    CHECK(gr_xml_fragment_ok("<a>x</a>\n<b/>") && !gr_xml_fragment_ok("<a>") && !gr_xml_fragment_ok("<?pi?><a/>") &&
          !gr_xml_fragment_ok("<a>&ent;</a>") && !gr_xml_fragment_ok("<!DOCTYPE a><a/>"), "fragments");
    gr_xmlfile_free(&f);

    gr_buf_init(&b);
    gr_json_str(&b, "a\"b\\c\n</script>\x01\xe2\x80\xa8\xff");
    CHECK(strcmp(gr_buf_cstr(&b), "\"a\\\"b\\\\c\\n\\u003c/script\\u003e\\u0001\\u2028\xef\xbf\xbd\"") == 0,
          "JSON string escaped: %s", gr_buf_cstr(&b));
    gr_buf_free(&b);
    return unit_done();
}
