#!/bin/sh
# t-stream.sh — an FO file is laid out as it is parsed, one page-sequence
# at a time (gr_fo_parse_stream, gr_layout_stream), and the PDF is written
# straight into its temporary file with the file ID hashed along
# (pdf_write.c save_to_file). Both must give the very bytes of the whole-
# document paths: standard input is parsed whole and standard output is
# written from memory, so each file result is compared with its "-" twin.
#   - the seed-004 report as FO, three copies (three page-sequences);
#   - a document of four sequences written as another program would: a
#     page-number citation and a link in sequence 1 to an id in sequence 4
#     (the citation needs a second layout pass, which parses the file again),
#     footers citing the last page, a bookmark tree, an SVG chart in the
#     flow of sequence 2;
#   - errors met after sequences were laid out: an unknown element in the
#     last sequence, a reference to an id that never comes; exit 1, the
#     line named, no PDF and no temporary file left;
#   - build: the sample written to a file and to standard output is the
#     same bytes.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdftotext pdfinfo qpdf cmp
D=$WORK/stream
rm -rf "$D"
mkdir -p "$D"

# same_as_stdin NAME FO: render FO from the file (streamed) and from standard
# input (whole), to a file (streamed writer) and to standard output.
same_as_stdin() {
    _n=$1 _fo=$2
    run_gr render "$_fo" -o "$D/$_n.pdf" 2> "$D/$_n.err"
    _rc=$?
    run_gr render - -o - < "$_fo" > "$D/$_n.stdin.pdf" 2> "$D/$_n.stdin.err"
    _rc2=$?
    if [ "$_rc" -ne 0 ] || [ "$_rc2" -ne 0 ]; then
        not_ok "$_n: renders from the file and from standard input" "exit $_rc and $_rc2"
        show "$D/$_n.err" 5
        return 1
    fi
    if cmp -s "$D/$_n.pdf" "$D/$_n.stdin.pdf"; then
        ok "$_n: streamed parse and file writer give the bytes of the whole-document path"
    else
        not_ok "$_n: streamed parse and file writer give the bytes of the whole-document path" \
            "$(cmp "$D/$_n.pdf" "$D/$_n.stdin.pdf" 2>&1)"
    fi
    if qpdf --check "$D/$_n.pdf" > "$D/$_n.qpdf" 2>&1; then
        ok "$_n: qpdf --check clean"
    else
        not_ok "$_n: qpdf --check clean"; show "$D/$_n.qpdf" 5
    fi
}

"$TOOLS/repeat-fo.sh" 3 "$ROOT/tests/fo/layout/form.fo" > "$D/form3.fo"
same_as_stdin form3 "$D/form3.fo"
run_gr render "$ROOT/tests/fo/layout/form.fo" -o "$D/form1.pdf" 2> /dev/null
p1=$(pdfinfo "$D/form1.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
p=$(pdfinfo "$D/form3.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
[ -n "$p1" ] && [ "$p" = $((3 * p1)) ] && ok "form3: three times the pages of one copy ($p)" ||
    not_ok "form3: three times the pages of one copy" "one copy ${p1:-none}, three ${p:-none}"

# four sequences: forward citation, link and bookmark to the last one
seq() {   # seq N BODY
    cat <<SEQ
  <fo:page-sequence master-reference="a5">
    <fo:static-content flow-name="xsl-region-after">
      <fo:block text-align="center" font-size="9pt">第 <fo:page-number/> 頁，共 <fo:page-number-citation-last ref-id="end"/> 頁</fo:block>
    </fo:static-content>
    <fo:flow flow-name="xsl-region-body">
$2
    </fo:flow>
  </fo:page-sequence>
SEQ
}
para() { i=0; while [ $i -lt "$1" ]; do echo "      <fo:block space-after=\"4pt\">第 $i 段：臺北市政府社會局辦理性別平等工作，依性別統計結果調整服務流程，並追蹤成效。</fo:block>"; i=$((i + 1)); done; }
{
    cat <<'HEAD'
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="zh-TW" font-family="標楷體">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="a5" page-width="148mm" page-height="210mm" margin="15mm">
      <fo:region-body margin-bottom="12mm"/>
      <fo:region-after extent="10mm"/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:bookmark-tree>
    <fo:bookmark internal-destination="s1"><fo:bookmark-title>壹、前言</fo:bookmark-title></fo:bookmark>
    <fo:bookmark internal-destination="annex"><fo:bookmark-title>附件</fo:bookmark-title></fo:bookmark>
  </fo:bookmark-tree>
HEAD
    seq 1 "      <fo:block id=\"s1\">附件在第 <fo:page-number-citation ref-id=\"annex\"/> 頁（<fo:basic-link internal-destination=\"annex\">見附件</fo:basic-link>）。</fo:block>
$(para 30)"
    seq 2 "$(para 10)
      <fo:block><fo:instream-foreign-object><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"80\"><rect x=\"10\" y=\"10\" width=\"60\" height=\"50\" fill=\"#4472c4\"/><text x=\"90\" y=\"40\" font-size=\"12\">女 62%</text></svg></fo:instream-foreign-object></fo:block>"
    seq 3 "$(para 25)"
    seq 4 "      <fo:block id=\"annex\" font-weight=\"bold\">附件：性別統計表</fo:block>
$(para 5)
      <fo:block id=\"end\"/>"
    echo '</fo:root>'
} > "$D/four.fo"
if same_as_stdin four "$D/four.fo"; then
    pages=$(pdfinfo "$D/four.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    pdftotext -layout "$D/four.pdf" "$D/four.txt" 2>/dev/null
    annex=$(pdftotext -f "$pages" -l "$pages" "$D/four.pdf" - 2>/dev/null | grep -c '附件：性別統計表')
    if grep -q "附件在第 $pages 頁" "$D/four.txt" && [ "$annex" = 1 ]; then
        ok "four: the forward citation in sequence 1 gives the annex's page ($pages)"
    else
        not_ok "four: the forward citation in sequence 1 gives the annex's page ($pages)" \
            "$(grep '附件在第' "$D/four.txt" | head -n 1)"
    fi
    if grep -q "共 $pages 頁" "$D/four.txt" && ! grep -q '共 ? 頁' "$D/four.txt"; then
        ok "four: every footer cites the last page ($pages)"
    else
        not_ok "four: every footer cites the last page ($pages)"
    fi
fi

# errors after sequences were laid out
bad() {   # bad NAME LINE-PATTERN
    _n=$1
    rm -f "$D/$_n.pdf"
    run_gr render "$D/$_n.fo" -o "$D/$_n.pdf" > /dev/null 2> "$D/$_n.err"
    _rc=$?
    if [ "$_rc" -eq 1 ] && grep -q "$2" "$D/$_n.err" && [ ! -e "$D/$_n.pdf" ] &&
       [ -z "$(find "$D" -name "$_n.pdf.tmp*")" ]; then
        ok "$_n: exit 1, the line named, no PDF"
    else
        not_ok "$_n: exit 1, the line named, no PDF" "exit $_rc"; show "$D/$_n.err" 5
    fi
}
n=$(grep -n 'block id="annex"' "$D/four.fo" | cut -d: -f1)
sed "${n}s#<fo:block id=\"annex\"#<fo:marker id=\"annex\"#; ${n}s#</fo:block>#</fo:marker>#" "$D/four.fo" > "$D/late-error.fo"
bad late-error "late-error.fo:$n:.*fo:marker"
sed 's#ref-id="annex"#ref-id="annexe"#' "$D/four.fo" > "$D/no-id.fo"
n=$(grep -n 'ref-id="annexe"' "$D/no-id.fo" | cut -d: -f1)
bad no-id "no-id.fo:$n:.*annexe"

# build: the file writer and standard output agree
if run_gr build "$ROOT/data/taipei/112/results.xml" -o "$D/sample.pdf" 2> "$D/sample.err" &&
   run_gr build "$ROOT/data/taipei/112/results.xml" -o - > "$D/sample.stdout.pdf" 2> /dev/null &&
   cmp -s "$D/sample.pdf" "$D/sample.stdout.pdf"; then
    ok "build: the sample written to a file and to standard output is the same bytes"
else
    not_ok "build: the sample written to a file and to standard output is the same bytes"
    show "$D/sample.err" 5
fi
finish
