#!/bin/sh
# t-font-program.sh — the font programs embedded for the report's fonts
# (generator/pdf/pdf_font.c): each FontFile2 is a TrueType program holding
# the tables a CIDFontType2 needs (glyf, loca, head, hhea, hmtx, maxp) and
# no cmap nor layout tables (the PDF draws by CID through the CIDToGIDMap;
# text comes from ToUnicode); it holds exactly one glyph per CID of the
# font (no glyph kept that the pages do not draw, none missing); Length1
# is its length. Checked on form.fo (TW-Kai, Liberation Serif regular and
# bold) and on hard-cases.fo (Extension B names: TW-Kai-Ext-B, TW-Sung).
. "$(dirname "$0")/lib.sh"
require_gr
require_tools qpdf perl pdftotext
d=$WORK/font-program
rm -rf "$d"
mkdir -p "$d"

# tables FILE: "numGlyphs tag tag …" of a TrueType file
tables() {
    perl -e 'local $/; open my $f, "<", $ARGV[0] or die; binmode $f; my $d = <$f>;
        my $n = unpack("n", substr($d, 4, 2)); my (@t, $glyphs);
        for my $i (0 .. $n - 1) {
            my ($tag, $sum, $off, $len) = unpack("a4 N N N", substr($d, 12 + 16 * $i, 16));
            push @t, $tag;
            $glyphs = unpack("n", substr($d, $off + 4, 2)) if $tag eq "maxp";
        }
        print join(" ", $glyphs // 0, @t), "\n";' "$1"
}

check_pdf() {
    _name=$1 _pdf=$2
    # the FontDescriptor → FontFile2 and the CIDFont → CIDToGIDMap objects
    _ff=$(perl -ne 'print "$1\n" while m{/FontFile2 (\d+) 0 R}g' "$_pdf")
    _maps=$(perl -ne 'print "$1\n" while m{/CIDToGIDMap (\d+) 0 R}g' "$_pdf")
    _n=$(echo "$_ff" | grep -c .)
    if [ "$_n" -lt 1 ] || [ "$_n" -ne "$(echo "$_maps" | grep -c .)" ]; then
        not_ok "$_name: one FontFile2 and one CIDToGIDMap per font" "$_n FontFile2"
        return
    fi
    _bad=""
    _i=1
    for _o in $_ff; do
        _m=$(echo "$_maps" | sed -n "${_i}p")
        qpdf --show-object="$_o" --filtered-stream-data "$_pdf" > "$d/$_name-$_o.ttf" 2> /dev/null
        _t=$(tables "$d/$_name-$_o.ttf")
        _glyphs=${_t%% *}
        _cids=$(( $(qpdf --show-object="$_m" --filtered-stream-data "$_pdf" 2> /dev/null | wc -c) / 2 ))
        _len1=$(qpdf --show-object="$_o" "$_pdf" 2> /dev/null | perl -ne 'print $1 if m{/Length1 (\d+)}')
        _size=$(wc -c < "$d/$_name-$_o.ttf")
        for _need in glyf loca head hhea hmtx maxp; do
            case " $_t " in *" $_need "*) ;; *) _bad="$_bad object $_o lacks $_need;" ;; esac
        done
        for _no in cmap GSUB GPOS GDEF vmtx fpgm prep; do
            case " $_t " in *" $_no "*) _bad="$_bad object $_o has $_no;" ;; esac
        done
        [ "$_glyphs" -eq "$_cids" ] || _bad="$_bad object $_o: $_glyphs glyphs for $_cids CIDs;"
        [ "$_len1" = "$_size" ] || _bad="$_bad object $_o: Length1 $_len1, program $_size bytes;"
        _i=$((_i + 1))
    done
    if [ -z "$_bad" ]; then
        ok "$_name: $_n font programs: TrueType tables a CIDFont needs, no cmap or layout tables, one glyph per CID, Length1 right"
    else
        not_ok "$_name: font programs as a CIDFont needs them" "$_bad"
    fi
}

run_gr render "$TESTS_DIR/fo/layout/form.fo" -o "$d/form.pdf" > "$d/form.err" 2>&1 ||
    { not_ok "render form.fo"; show "$d/form.err"; }
check_pdf form "$d/form.pdf"
run_gr render "$TESTS_DIR/fo/hard-cases.fo" -o "$d/hard.pdf" > "$d/hard.err" 2>&1 ||
    { not_ok "render hard-cases.fo"; show "$d/hard.err"; }
check_pdf hard-cases "$d/hard.pdf"
# Extension B names still come out of the text layer (ToUnicode)
if pdftotext "$d/hard.pdf" - 2> /dev/null | grep -q '𠮷'; then
    ok "hard-cases: 𠮷 (Extension B, TW-Kai-Ext-B) is extracted as text"
else
    not_ok "hard-cases: 𠮷 (Extension B, TW-Kai-Ext-B) is extracted as text"
fi

finish
