#!/bin/sh
# t-provenance.sh — every PDF says what made it (issue 17, docs/archival.md).
# Two reports written by different agencies: the sample bureau's 112 report
# with six photos (data/taipei/112) and a district office's 113 report
# (tests/fixtures/privacy/zhongshan-113.xml), each in both editions:
#   - Info (pdfinfo -custom) and XMP (pdfinfo -meta) carry the same value
#     for every provenance property, and the values are right: agency and
#     year as the data says (xmllint), the form folder and rule file that
#     exist and serve the year, the edition, the SHA-256 of the edition's
#     data (internal: the data file serialised by libxml2, as xmllint
#     writes it; public: a different hash, and no declared name in it),
#     each image's SHA-256 (sha256sum), the commit the program was built
#     from, library versions as pkg-config says, each font's file size and
#     head.checksumAdjustment read from the font file with od;
#   - one byte changed in the data changes DataSHA256 and nothing else
#     about the provenance but the hash;
#   - the XMP is well-formed, its extension schema declares exactly the
#     properties used (name, valueType Text, category, description) under
#     the namespace used; /Lang (zh-TW) on the catalog;
#   - the same input gives the same bytes; PDFBox preflight passes.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdfinfo qpdf xmllint sha256sum pkg-config od fc-list
d=$WORK/provenance
rm -rf "$d"
mkdir -p "$d"

# info PDF KEY: the Info value; xmp PDF KEY: the XMP property's text
info() { pdfinfo -custom "$1" 2>/dev/null | sed -n "s/^$2: *//p"; }
xmp() {
    pdfinfo -meta "$1" 2>/dev/null > "$d/meta.xml"
    xmllint --xpath "string(//*[local-name()='$2' and namespace-uri()='http://ns.gereport.invalid/provenance/1.0/'])" "$d/meta.xml" 2>/dev/null
}
# u32 FILE OFFSET: big-endian unsigned 32-bit number
u32() { od -An -tu1 -j "$2" -N4 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4}'; }
u16() { od -An -tu1 -j "$2" -N2 "$1" | awk '{print $1*256+$2}'; }
# head_checksum FILE INDEX: head.checksumAdjustment as 0x%08x
head_checksum() {
    _base=0
    if [ "$(head -c4 "$1")" = ttcf ]; then _base=$(u32 "$1" $((12 + 4 * $2))); fi
    _n=$(u16 "$1" $((_base + 4)))
    _i=0
    while [ "$_i" -lt "$_n" ]; do
        _rec=$((_base + 12 + 16 * _i))
        if [ "$(dd if="$1" bs=1 skip="$_rec" count=4 2>/dev/null)" = head ]; then
            printf '0x%08x\n' "$(u32 "$1" $(($(u32 "$1" $((_rec + 8))) + 8)))"
            return
        fi
        _i=$((_i + 1))
    done
    echo none
}

PROPS="Agency Year FormVersion RulesPeriod Edition DataSHA256 Images ProgramVersion ProgramCommit HarfBuzzVersion ICUVersion LibharuVersion Libxml2Version LibxsltVersion LibdeflateVersion Fonts"

check_report() {   # LABEL DATA PDF EDITION
    _l=$1 _x=$2 _p=$3 _e=$4
    _bad=""
    for _k in $PROPS; do
        _iv=$(info "$_p" "$_k")
        _xv=$(xmp "$_p" "$_k")
        if [ -z "$_iv" ] || [ "$_iv" != "$_xv" ]; then _bad="$_bad $_k(info='$_iv' xmp='$_xv')"; fi
    done
    if [ -z "$_bad" ]; then ok "$_l: every provenance property in Info and XMP, the same text"
    else not_ok "$_l: every provenance property in Info and XMP, the same text" "$_bad"; fi

    _want=$(xmllint --xpath 'string(/*/機關/全銜)' "$_x")
    [ "$(info "$_p" Agency)" = "$_want" ] && ok "$_l: Agency is 機關/全銜 ($_want)" \
        || not_ok "$_l: Agency is 機關/全銜" "got $(info "$_p" Agency), data says $_want"
    _year=$(xmllint --xpath 'string(/*/年度)' "$_x")
    [ "$(info "$_p" Year)" = "$_year" ] && ok "$_l: Year is 年度 ($_year)" \
        || not_ok "$_l: Year is 年度" "got $(info "$_p" Year), data says $_year"
    _f=$(info "$_p" FormVersion)
    # the years a form serves are in its form data (docs/form-data.md)
    _first=$(xmllint --xpath 'string(/form/@first-year)' "$ROOT/templates/results/$_f/form.xml" 2>/dev/null)
    _last=$(xmllint --xpath 'string(/form/@last-year)' "$ROOT/templates/results/$_f/form.xml" 2>/dev/null)
    if [ -n "$_f" ] && [ -n "$_first" ] && [ "$_year" -ge "$_first" ] && [ "$_year" -le "${_last:-9999}" ]; then
        ok "$_l: FormVersion $_f is the form folder serving $_year ($_first-$_last)"
    else not_ok "$_l: FormVersion is the form folder serving $_year" "got '$_f' ($_first-$_last)"; fi
    _r=$(info "$_p" RulesPeriod)
    if [ -f "$ROOT/templates/rules/$_r.xml" ] && [ "$_year" -ge "${_r%-*}" ] && [ "$_year" -le "${_r#*-}" ]; then
        ok "$_l: RulesPeriod $_r is the rule file serving $_year"
    else not_ok "$_l: RulesPeriod is the rule file serving $_year" "got '$_r'"; fi
    [ "$(info "$_p" Edition)" = "$_e" ] && ok "$_l: Edition $_e" \
        || not_ok "$_l: Edition $_e" "got $(info "$_p" Edition)"

    # images: each listed file's hash is the file's
    _dir=$(dirname "$_x")
    _n=$(xmllint --xpath 'count(//圖檔)' "$_x")
    info "$_p" Images | tr '|' '\n' | sed 's/^ *//; s/ *$//' | grep -v '^none$' | grep . > "$d/images"
    _bad=""
    while read -r _name _hash; do
        _have=$(cd "$_dir" && sha256sum "$_name" | cut -d' ' -f1)
        [ "sha256:$_have" = "$_hash" ] || _bad="$_bad $_name"
    done < "$d/images"
    _listed=$(wc -l < "$d/images")
    if [ -z "$_bad" ] && [ "$_listed" -gt 0 ] || [ "$_n" = 0 ]; then
        ok "$_l: Images: $_listed file(s), each SHA-256 that of the file"
    else not_ok "$_l: Images: each SHA-256 that of the file" "differ:$_bad (listed $_listed)"; show "$d/images"; fi

    # program and libraries
    _c=$(info "$_p" ProgramCommit)
    _built=$(sed -n 's/.*GR_COMMIT "\(.*\)".*/\1/p' "$ROOT/build/gen/gr_commit.h" 2>/dev/null)
    if echo "$_c" | grep -Eq '^([0-9a-f]{40}(-dirty)?|unknown)$' && { [ -z "$_built" ] || [ "$_c" = "$_built" ]; }; then
        ok "$_l: ProgramCommit $_c is the commit the program was built from"
    else not_ok "$_l: ProgramCommit is the commit the program was built from" "got '$_c', build/gen says '$_built'"; fi
    _bad=""
    for _kv in HarfBuzzVersion=harfbuzz ICUVersion=icu-uc Libxml2Version=libxml-2.0 LibxsltVersion=libxslt LibdeflateVersion=libdeflate; do
        _have=$(pkg-config --modversion "${_kv#*=}")
        [ "$(info "$_p" "${_kv%=*}")" = "$_have" ] || _bad="$_bad ${_kv%=*}=$(info "$_p" "${_kv%=*}")≠$_have"
    done
    case $(dpkg-query -W -f '${Version}' libhpdf-2.3.0 2>/dev/null) in
        "$(info "$_p" LibharuVersion)"*) ;;
        *) _bad="$_bad LibharuVersion=$(info "$_p" LibharuVersion)" ;;
    esac
    if [ -z "$_bad" ]; then ok "$_l: library versions are those installed"
    else not_ok "$_l: library versions are those installed" "$_bad"; fi

    # fonts: file name only, and size and head checksum of the file
    info "$_p" Fonts | tr '|' '\n' | sed 's/^ *//; s/ *$//' | grep . > "$d/fonts"
    _bad="" _nf=0
    while IFS=, read -r _fi _ver _head _size; do
        _nf=$((_nf + 1))
        _file=${_fi%#*} _idx=${_fi##*#}
        case $_file in */*) _bad="$_bad $_file(has a folder)"; continue ;; esac
        _path=$(fc-list --format '%{file}\n' | grep "/$_file\$" | head -1)
        [ -n "$_path" ] || { _bad="$_bad $_file(not found)"; continue; }
        [ "${_size% bytes}" = " $(stat -c %s "$_path")" ] || _bad="$_bad $_file(size$_size)"
        [ "$_head" = " head $(head_checksum "$_path" "$_idx")" ] || _bad="$_bad $_file($_head vs $(head_checksum "$_path" "$_idx"))"
        [ -n "${_ver# }" ] && [ "${_ver# }" != "?" ] || _bad="$_bad $_file(no version)"
    done < "$d/fonts"
    if [ -z "$_bad" ] && [ "$_nf" -eq "$(pdffonts "$_p" 2>/dev/null | tail -n +3 | wc -l)" ]; then
        ok "$_l: Fonts: $_nf face(s), as many as embedded; file size and head checksum those of the file"
    else not_ok "$_l: Fonts: each embedded face with file name, version, head checksum, size" "$_bad; $_nf listed"; show "$d/fonts"; fi

    # the extension schema declares exactly what is used
    pdfinfo -meta "$_p" > "$d/meta.xml" 2>/dev/null
    if xmllint --noout "$d/meta.xml" 2>"$d/xmllint.err"; then ok "$_l: XMP is well-formed XML"
    else not_ok "$_l: XMP is well-formed XML"; show "$d/xmllint.err"; fi
    _ns='http://ns.gereport.invalid/provenance/1.0/'
    xmllint --xpath "//*[namespace-uri()='$_ns']" "$d/meta.xml" 2>/dev/null \
        | grep -o '<[a-zA-Z]*:[A-Za-z0-9]*' | sed 's/.*://' | sort > "$d/used"
    xmllint --xpath "//*[local-name()='li' and *[local-name()='valueType']='Text' and *[local-name()='category']='external' and string-length(*[local-name()='description']) > 0]/*[local-name()='name']/text()" "$d/meta.xml" 2>/dev/null \
        | sort > "$d/declared"
    _schema_ns=$(xmllint --xpath "string(//*[local-name()='namespaceURI'])" "$d/meta.xml" 2>/dev/null)
    _prefix=$(xmllint --xpath "string(//*[local-name()='prefix'])" "$d/meta.xml" 2>/dev/null)
    _used_prefix=$(grep -o "xmlns:[a-z]*=\"$_ns\"" "$d/meta.xml" | sed 's/xmlns:\([a-z]*\)=.*/\1/' | sort -u)
    if [ -s "$d/used" ] && cmp -s "$d/used" "$d/declared" && [ "$_schema_ns" = "$_ns" ] && [ "$_prefix" = "$_used_prefix" ] \
       && [ "$(wc -l < "$d/used")" -eq "$(echo $PROPS | wc -w)" ]; then
        ok "$_l: extension schema declares each of the $(wc -l < "$d/used") properties used (Text, external, described), namespace and prefix as used"
    else
        not_ok "$_l: extension schema declares each property used" "ns '$_schema_ns' prefix '$_prefix'/'$_used_prefix'" \
            "used: $(tr '\n' ' ' < "$d/used")" "declared: $(tr '\n' ' ' < "$d/declared")"
    fi
    qpdf --qdf --object-streams=disable "$_p" "$d/q.pdf" 2>/dev/null
    grep -aq '/Lang (zh-TW)' "$d/q.pdf" && ok "$_l: /Lang (zh-TW) on the catalog" || not_ok "$_l: /Lang (zh-TW) on the catalog"
}

S=$d/sample
mkdir -p "$S"
cp -r "$ROOT/data/taipei/112/." "$S/"
Z=$d/zhongshan
mkdir -p "$Z"
cp "$TESTS_DIR/fixtures/privacy/zhongshan-113.xml" "$Z/"
cp -r "$TESTS_DIR/fixtures/privacy/." "$Z/" 2>/dev/null

for x in "$S/results.xml" "$Z/zhongshan-113.xml"; do
    b=${x%.xml}
    "$GR" build -q "$x" -o "$b-public.pdf" > "$d/out" 2>&1 || { not_ok "build $(basename "$x") public"; show "$d/out"; }
    "$GR" build -q --internal "$x" -o "$b-internal.pdf" > "$d/out" 2>&1 || { not_ok "build $(basename "$x") internal"; show "$d/out"; }
    check_report "$(basename "$x") public" "$x" "$b-public.pdf" public
    check_report "$(basename "$x") internal" "$x" "$b-internal.pdf" internal
    # the internal edition's hash is that of the data as libxml2 writes it
    want=$(xmllint --encode UTF-8 "$x" | sha256sum | cut -d' ' -f1)
    [ "$(info "$b-internal.pdf" DataSHA256)" = "$want" ] \
        && ok "$(basename "$x"): internal DataSHA256 is that of the data serialised by libxml2" \
        || not_ok "$(basename "$x"): internal DataSHA256 is that of the data serialised by libxml2" \
                  "got $(info "$b-internal.pdf" DataSHA256), xmllint gives $want"
    [ "$(info "$b-internal.pdf" DataSHA256)" != "$(info "$b-public.pdf" DataSHA256)" ] \
        && ok "$(basename "$x"): public and internal editions have different data hashes" \
        || not_ok "$(basename "$x"): public and internal editions have different data hashes"
done

# one byte of data changed: the last digit of the first 出席人數 one less
x=$S/results.xml
cp "$x" "$S/changed.xml"
line=$(grep -n '<出席人數>[0-9]*[1-9]<' "$x" | head -1 | cut -d: -f1)
digit=$(sed -n "${line}p" "$x" | sed 's/.*<出席人數>[0-9]*\([1-9]\)<.*/\1/')
sed -i "${line}s/<出席人數>\([0-9]*\)$digit</<出席人數>\1$((digit - 1))</" "$S/changed.xml"
if [ "$(cmp -l "$x" "$S/changed.xml" | wc -l)" -eq 1 ]; then
    "$GR" build -q "$S/changed.xml" -o "$S/changed.pdf" > "$d/out" 2>&1
    a=$(info "$S/results-public.pdf" DataSHA256) b=$(info "$S/changed.pdf" DataSHA256)
    if [ -n "$b" ] && [ "$a" != "$b" ]; then ok "one byte changed in the data (line $line): DataSHA256 changes"
    else not_ok "one byte changed in the data: DataSHA256 changes" "before $a after $b"; show "$d/out"; fi
    same=1
    for k in Agency Year FormVersion RulesPeriod Edition Images Fonts; do
        [ "$(info "$S/results-public.pdf" $k)" = "$(info "$S/changed.pdf" $k)" ] || same=0
    done
    [ $same = 1 ] && ok "one byte changed: the other provenance stays the same" || not_ok "one byte changed: the other provenance stays the same"
else
    not_ok "test setup: exactly one byte changed" "$(cmp -l "$x" "$S/changed.xml" | head -3)"
fi

# no declared full name in the public edition's provenance (it hashes the masked data)
pdfinfo -meta "$Z/zhongshan-113-public.pdf" > "$d/zmeta" 2>/dev/null
pdfinfo -custom "$Z/zhongshan-113-public.pdf" >> "$d/zmeta" 2>/dev/null
leak=""
for n in $(xmllint --xpath '//姓名/text()' "$Z/zhongshan-113.xml" 2>/dev/null | tr -d ' '); do
    grep -q "$n" "$d/zmeta" && leak="$leak $n"
done
[ -z "$leak" ] && ok "public edition's metadata holds no declared name" || not_ok "public edition's metadata holds no declared name" "$leak"

# same input, same bytes; PDF/A-1b still valid
"$GR" build -q "$S/results.xml" -o "$S/again.pdf" > /dev/null 2>&1
cmp -s "$S/again.pdf" "$S/results-public.pdf" && ok "same input, same bytes (with provenance)" \
    || not_ok "same input, same bytes (with provenance)"
preflight "$S/results-public.pdf" "sample public" "$d/pf"
finish
