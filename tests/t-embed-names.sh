#!/bin/sh
# t-embed-names.sh — image file names that hold a declared person's name
# (issue 17, docs/archival.md "File names"). The sample bureau's data, with
# two photos renamed after committee members (images/高文煌-活動.png,
# images/陳怡敏.png); a clerk names photos after the people in them.
#   - public edition: the Images provenance property records the masked
#     names (高○煌, 陳○敏) with the files' SHA-256; neither full name is
#     anywhere in the PDF (qpdf --qdf: UTF-8 bytes, UTF-16BE bytes and their
#     hex), with or without --embed-source;
#   - --embed-source, public: the attachments are named as the published
#     data names them (masked), the attached data's 檔案 attributes are
#     masked too; extract writes them, the photos byte-identical, and a
#     build of the extracted folder gives the same bytes;
#   - internal edition: the names are recorded in full (nothing is hidden
#     from the agency itself);
#   - two files whose names mask alike (陳怡敏.png and 陳○敏.png): the
#     public --embed-source build is refused (exit 1, the message says to
#     rename), no PDF; without --embed-source it builds.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools qpdf pdfdetach pdfinfo iconv od cmp
d=$WORK/embed-names
rm -rf "$d"
mkdir -p "$d/s"
S=$d/s
cp -r "$ROOT/data/taipei/112/." "$S/"
mv "$S/images/digital-equity-1.png" "$S/images/高文煌-活動.png"
mv "$S/images/hackathon-1.png" "$S/images/陳怡敏.png"
sed -i 's|images/digital-equity-1.png|images/高文煌-活動.png|; s|images/hackathon-1.png|images/陳怡敏.png|' "$S/results.xml"

info() { pdfinfo -custom "$1" 2>/dev/null | sed -n "s/^$2: *//p"; }
# leaks PDF: how many of the two full names occur in PDF's objects (qdf), as
# UTF-8, as UTF-16BE bytes or as UTF-16BE hex (how qpdf writes text strings)
leaks() {
    qpdf --qdf --object-streams=disable --stream-data=uncompress "$1" "$d/q.pdf" 2>/dev/null
    od -An -v -tx1 "$d/q.pdf" | tr -d ' \n' > "$d/q.hex"
    _n=0
    for _name in 高文煌 陳怡敏; do
        _u16=$(printf '%s' "$_name" | iconv -f UTF-8 -t UTF-16BE | od -An -v -tx1 | tr -d ' \n')
        _u8=$(printf '%s' "$_name" | od -An -v -tx1 | tr -d ' \n')
        if grep -q "$_u16" "$d/q.hex" || grep -q "$_u8" "$d/q.hex" || grep -aqi "$_u16" "$d/q.pdf"; then
            _n=$((_n + 1))
        fi
    done
    echo $_n
}

# ---- public, no attachments
"$GR" build -q "$S/results.xml" -o "$d/public.pdf" > "$d/out" 2>&1 || { not_ok "public build"; show "$d/out"; }
imgs=$(info "$d/public.pdf" Images)
h1=$(sha256sum < "$S/images/高文煌-活動.png" | cut -d' ' -f1)
h2=$(sha256sum < "$S/images/陳怡敏.png" | cut -d' ' -f1)
case $imgs in
    *"images/高○煌-活動.png sha256:$h1"*"images/陳○敏.png sha256:$h2"*) ok "public: Images records images/高○煌-活動.png and images/陳○敏.png with their SHA-256" ;;
    *) not_ok "public: Images records the masked file names with their SHA-256" "$imgs" ;;
esac
n=$(leaks "$d/public.pdf")
[ "$n" -eq 0 ] && ok "public: neither full name anywhere in the PDF (UTF-8, UTF-16BE, hex)" \
    || not_ok "public: neither full name anywhere in the PDF" "$n of 2 found"

# ---- public, --embed-source
"$GR" build -q --embed-source "$S/results.xml" -o "$d/public-e.pdf" > "$d/out" 2>&1 || { not_ok "public --embed-source build"; show "$d/out"; }
n=$(leaks "$d/public-e.pdf")
[ "$n" -eq 0 ] && ok "public --embed-source: neither full name anywhere in the PDF, attachments included" \
    || not_ok "public --embed-source: neither full name anywhere in the PDF" "$n of 2 found"
pdfdetach -list "$d/public-e.pdf" > "$d/list" 2>&1
grep -q ' images/高○煌-活動.png$' "$d/list" && grep -q ' images/陳○敏.png$' "$d/list" \
    && ok "public --embed-source: the photos are attached under their masked names" \
    || { not_ok "public --embed-source: the photos are attached under their masked names"; show "$d/list"; }
rm -rf "$d/x"
if "$GR" extract -q "$d/public-e.pdf" "$d/x" > "$d/xout" 2>&1; then
    bad=""
    cmp -s "$d/x/images/高○煌-活動.png" "$S/images/高文煌-活動.png" || bad="$bad 高○煌-活動.png"
    cmp -s "$d/x/images/陳○敏.png" "$S/images/陳怡敏.png" || bad="$bad 陳○敏.png"
    grep -q '檔案="images/高○煌-活動.png"' "$d/x/results.xml" || bad="$bad attribute"
    grep -q '高文煌\|陳怡敏' "$d/x/results.xml" && bad="$bad full-name-in-data"
    [ -z "$bad" ] && ok "extract: photos byte-identical under the masked names, the data's 檔案 masked, no full name" \
        || not_ok "extract of the public edition" "$bad"
    "$GR" build -q --embed-source "$d/x/results.xml" -o "$d/x/again.pdf" > "$d/out" 2>&1
    cmp -s "$d/x/again.pdf" "$d/public-e.pdf" && ok "round trip with masked file names: the same bytes" \
        || { not_ok "round trip with masked file names: the same bytes" "$(cmp "$d/x/again.pdf" "$d/public-e.pdf" 2>&1)"; show "$d/out"; }
else
    not_ok "extract of the public edition"; show "$d/xout"
fi

# ---- internal: names in full
"$GR" build -q --internal "$S/results.xml" -o "$d/internal.pdf" > "$d/out" 2>&1
case $(info "$d/internal.pdf" Images) in
    *"images/高文煌-活動.png sha256:$h1"*"images/陳怡敏.png sha256:$h2"*) ok "internal: Images records the file names in full" ;;
    *) not_ok "internal: Images records the file names in full" "$(info "$d/internal.pdf" Images)" ;;
esac

# ---- two names that mask alike
cp "$S/images/陳怡敏.png" "$S/images/陳○敏.png"
printf '\001' >> "$S/images/陳○敏.png"      # another file (a byte more)
sed -i 's|images/hackathon-2.png|images/陳○敏.png|' "$S/results.xml"
"$GR" build -q --embed-source "$S/results.xml" -o "$d/clash.pdf" > "$d/out" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$d/clash.pdf" ] && grep -q '改檔名' "$d/out" && grep -q 'rename the file' "$d/out"; then
    ok "two file names that mask alike: --embed-source refused (exit 1, rename), no PDF"
else
    not_ok "two file names that mask alike: --embed-source refused" "exit $rc"; show "$d/out"
fi
"$GR" build -q "$S/results.xml" -o "$d/clash-plain.pdf" > "$d/out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && [ -s "$d/clash-plain.pdf" ] && ok "the same data without --embed-source builds (exit 0)" \
    || { not_ok "the same data without --embed-source builds" "exit $rc"; show "$d/out"; }
finish
