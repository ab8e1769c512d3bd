#!/bin/sh
# t-embed.sh — --embed-source and extract (issue 17, docs/archival.md). The
# sample bureau's report (six photos) and a district office's report with
# names of every kind (tests/fixtures/privacy/zhongshan-113.xml), each in
# both editions:
#   - qpdf --check passes; pdfinfo -meta says pdfaid:part 3; the header is
#     %PDF-1.7; the default build (no option) stays part 1 / PDF 1.4;
#   - ISO 19005-3 6.8, each requirement in the raw objects (qpdf --qdf):
#     catalog /AF listing every file specification, each with /F and /UF,
#     /AFRelationship /Source, /Desc, its stream's MIME /Subtype and /Params
#     /ModDate equal to the data's 核定/日期; /EmbeddedFiles lists them;
#   - pdfdetach -list names the data file and every image; -saveall writes
#     them; the images are byte-identical to the data's image files, the
#     data's SHA-256 is the PDF's DataSHA256;
#   - the public attachment holds no declared full name (comments, which
#     are not published, are dropped: the fixture's comment lists names);
#     the internal one holds them all;
#   - extract writes the same files (cmp with pdfdetach's), refuses to
#     overwrite, and refuses a PDF without attachments (exit 1, nothing
#     written); it says the versions match;
#   - round trip: build of the extracted data with --embed-source (same
#     edition) gives the same bytes;
#   - the same input twice gives the same bytes.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools qpdf pdfdetach pdfinfo xmllint sha256sum cmp
d=$WORK/embed
rm -rf "$d"
mkdir -p "$d"
S=$d/sample
mkdir -p "$S"
cp -r "$ROOT/data/taipei/112/." "$S/"
Z=$d/zhongshan
mkdir -p "$Z"
cp "$TESTS_DIR/fixtures/privacy/zhongshan-113.xml" "$Z/"

info() { pdfinfo -custom "$1" 2>/dev/null | sed -n "s/^$2: *//p"; }

for x in "$S/results.xml" "$Z/zhongshan-113.xml"; do
    base=$(basename "$x")
    dir=$(dirname "$x")
    for ed in public internal; do
        l="$base $ed"
        p=$dir/$ed.pdf
        flag=""; [ $ed = internal ] && flag=--internal
        if ! "$GR" build -q $flag --embed-source "$x" -o "$p" > "$d/out" 2>&1; then
            not_ok "$l: build --embed-source"; show "$d/out"; continue
        fi
        qpdf --check "$p" > "$d/qc" 2>&1 && ok "$l: qpdf --check" || { not_ok "$l: qpdf --check"; show "$d/qc"; }
        pdfinfo -meta "$p" > "$d/meta.xml" 2>/dev/null
        [ "$(xmllint --xpath "string(//*[local-name()='part'])" "$d/meta.xml")" = 3 ] \
            && [ "$(head -c 8 "$p")" = "%PDF-1.7" ] \
            && ok "$l: XMP pdfaid:part 3, header %PDF-1.7" || not_ok "$l: XMP pdfaid:part 3, header %PDF-1.7"

        # 6.8 in the raw objects
        qpdf --qdf --object-streams=disable "$p" "$d/q.pdf"
        info "$p" Images | tr '|' '\n' | sed 's/^ *//; s/ .*//' | grep -v '^none$' | grep . > "$d/imgs"
        nimg=$(wc -l < "$d/imgs")
        want=$((nimg + 1))
        nspec=$(grep -ac '/Type /Filespec' "$d/q.pdf")
        naf=$(awk '/^  \/AF \[/ {on=1} on {n += gsub(/ R/, "")} on && /\]/ {exit} END {print n+0}' "$d/q.pdf")
        date=$(xmllint --xpath 'string(/*/核定/日期)' "$x" | tr -d -)
        bad=""
        [ "$nspec" -eq "$want" ] || bad="$bad filespecs=$nspec(want $want)"
        [ "$naf" -eq "$want" ] || bad="$bad /AF=$naf"
        [ "$(grep -ac '/AFRelationship /Source' "$d/q.pdf")" -eq "$want" ] || bad="$bad AFRelationship"
        [ "$(grep -ac '^  /UF ' "$d/q.pdf")" -ge "$want" ] || bad="$bad /UF"
        [ "$(grep -ac '^  /Desc ' "$d/q.pdf")" -eq "$want" ] || bad="$bad /Desc"
        [ "$(grep -ac "/ModDate (D:$date)" "$d/q.pdf")" -eq "$want" ] || bad="$bad ModDate(D:$date)"
        [ "$(grep -ac '/Subtype /application#2fxml\|/Subtype /application#2Fxml' "$d/q.pdf")" -eq 1 ] || bad="$bad xml-mime"
        [ "$(grep -ac '/Subtype /image#2f\|/Subtype /image#2F' "$d/q.pdf")" -eq "$nimg" ] || bad="$bad image-mime"
        grep -aq '/EmbeddedFiles' "$d/q.pdf" || bad="$bad /EmbeddedFiles"
        [ -z "$bad" ] && ok "$l: 6.8: $want file specs in /AF, each /F /UF /Desc /AFRelationship /Source, MIME /Subtype, /ModDate D:$date" \
            || not_ok "$l: 6.8 associated files" "$bad"

        # pdfdetach
        pdfdetach -list "$p" > "$d/list" 2>&1
        bad=""
        grep -q " $base\$" "$d/list" || bad="$bad $base"
        for i in $(cat "$d/imgs"); do
            grep -q " $i\$" "$d/list" || bad="$bad $i"
        done
        [ -z "$bad" ] && ok "$l: pdfdetach -list names the data and its $nimg image(s)" || { not_ok "$l: pdfdetach -list" "missing:$bad"; show "$d/list"; }
        rm -rf "$d/det" && mkdir -p "$d/det"
        pdfdetach -savefile "$base" -o "$d/det/$base" "$p" > /dev/null 2>&1
        bad=""
        for i in $(cat "$d/imgs"); do
            pdfdetach -savefile "$i" -o "$d/det/img" "$p" > /dev/null 2>&1
            cmp -s "$dir/$i" "$d/det/img" || bad="$bad $i"
            rm -f "$d/det/img"
        done
        h=$(sha256sum < "$d/det/$base" | cut -d' ' -f1)
        [ "$h" = "$(info "$p" DataSHA256)" ] || bad="$bad data-hash"
        [ -z "$bad" ] && ok "$l: pdfdetach -saveall: images byte-identical, data hash = DataSHA256" \
            || not_ok "$l: pdfdetach -saveall" "$bad"

        # privacy
        names=$(xmllint --xpath '//姓名[not(@遮蔽="否")]/text()' "$x" 2>/dev/null | sed 's/^ *//; s/ *$//' | sort -u | grep .)
        found=0 nn=0
        # text marked <非姓名> (林森公園) is not a name
        sed 's|<非姓名>[^<]*</非姓名>||g' "$d/det/$base" > "$d/det/unmarked"
        for n in $names; do nn=$((nn + 1)); grep -qF "$n" "$d/det/unmarked" && found=$((found + 1)); done
        if [ $ed = public ]; then
            [ "$nn" -gt 0 ] && [ $found -eq 0 ] && ok "$l: attachment holds none of the $nn declared full names" \
                || not_ok "$l: attachment holds no declared full name" "$found of $nn found"
        else
            [ "$nn" -gt 0 ] && [ $found -eq "$nn" ] && ok "$l: attachment holds all $nn declared names in full" \
                || not_ok "$l: internal attachment holds the names" "$found of $nn"
        fi

        # extract and round trip
        rm -rf "$d/x"
        if "$GR" extract "$p" "$d/x" > "$d/xout" 2>&1; then
            bad=""
            cmp -s "$d/x/$base" "$d/det/$base" || bad="$bad $base"
            for i in $(cat "$d/imgs"); do
                cmp -s "$d/x/$i" "$dir/$i" || bad="$bad $i"
            done
            [ -z "$bad" ] && ok "$l: extract writes the data and images as embedded" || not_ok "$l: extract" "$bad"
            grep -q 'versions match' "$d/xout" && ok "$l: extract says the versions match" || { not_ok "$l: extract says the versions match"; show "$d/xout"; }
            "$GR" build -q $flag --embed-source "$d/x/$base" -o "$d/x/again.pdf" > "$d/out" 2>&1
            cmp -s "$d/x/again.pdf" "$p" && ok "$l: build of the extracted data gives the same bytes" \
                || { not_ok "$l: build of the extracted data gives the same bytes" "$(cmp "$d/x/again.pdf" "$p" 2>&1)"; show "$d/out"; }
        else
            not_ok "$l: extract"; show "$d/xout"
        fi
    done
done

# extract never overwrites, and refuses a PDF without attachments
rm -rf "$d/x2"
"$GR" extract -q "$S/public.pdf" "$d/x2" > /dev/null 2>&1
cp "$d/x2/results.xml" "$d/x2.before"
"$GR" extract "$S/public.pdf" "$d/x2" > "$d/xout" 2>&1
rc=$?
[ $rc -ne 0 ] && cmp -s "$d/x2/results.xml" "$d/x2.before" && ok "extract into a folder holding the files: refused (exit $rc), file unchanged" \
    || { not_ok "extract refuses to overwrite" "exit $rc"; show "$d/xout"; }
"$GR" build -q "$S/results.xml" -o "$d/plain.pdf" > /dev/null 2>&1
head -c 8 "$d/plain.pdf" | grep -q '%PDF-1.4' && [ "$(pdfinfo -meta "$d/plain.pdf" | xmllint --xpath "string(//*[local-name()='part'])" -)" = 1 ] \
    && ok "without --embed-source: PDF 1.4, part 1" || not_ok "without --embed-source: PDF 1.4, part 1"
rm -rf "$d/none"
"$GR" extract "$d/plain.pdf" "$d/none" > "$d/xout" 2>&1
rc=$?
[ $rc -eq 1 ] && [ -z "$(ls -A "$d/none" 2>/dev/null)" ] && grep -q 'embed-source' "$d/xout" \
    && ok "extract of a PDF without data: exit 1, says so, writes nothing" || { not_ok "extract of a PDF without data" "exit $rc"; show "$d/xout"; }
"$GR" build -q --embed-source "$S/results.xml" -o "$d/twice.pdf" > /dev/null 2>&1
cmp -s "$d/twice.pdf" "$S/public.pdf" && ok "--embed-source: same input, same bytes" || not_ok "--embed-source: same input, same bytes"
finish
