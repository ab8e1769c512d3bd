#!/bin/sh
# t-libs.sh — each verb loads only the libraries it uses (docs/
# architecture.md, "Libraries"): libmicrohttpd (and GnuTLS, which it
# brings) only for the verbs that serve pages, libqpdf only when a PDF is
# read, libxslt only when a template is applied, libjpeg only when a photo
# is decoded or encoded. The program is not linked with them (readelf), and
# the dynamic loader's own log (LD_DEBUG=files) says which files a run
# opened: render, build and check open neither libmicrohttpd nor libqpdf;
# render of a document without photos opens neither libxslt nor libjpeg;
# build of the sample (photos) opens both and check libxslt; serve opens
# libmicrohttpd and still works; extract opens libqpdf.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools readelf timeout
d=$WORK/libs
rm -rf "$d"
mkdir -p "$d"
DATA=$ROOT/data/taipei/112

# ---- not linked ---------------------------------------------------------
readelf -d "$GR" > "$d/dynamic.txt" 2>&1
if grep -q 'NEEDED.*libharfbuzz' "$d/dynamic.txt" &&
   ! grep -q 'NEEDED.*\(microhttpd\|gnutls\|qpdf\)' "$d/dynamic.txt"; then
    ok "the program is linked with HarfBuzz but not with libmicrohttpd, GnuTLS or libqpdf"
else
    not_ok "the program is not linked with libmicrohttpd, GnuTLS or libqpdf"; show "$d/dynamic.txt" 40
fi

# opened FILE: 1 if the loader's log FILE shows a library whose name
# starts with the second argument being opened
opened() { grep -q "file=$2[^ ]*  *\[[0-9]*\];  *\(needed\|dynamically loaded\) by" "$1"; }

# ---- verbs that need neither ----------------------------------------------
LD_DEBUG=files run_gr render "$TESTS_DIR/fo/sample.fo" -o "$d/r.pdf" > /dev/null 2> "$d/render.log"
LD_DEBUG=files run_gr build -q --embed-source "$DATA/results.xml" -o "$d/b.pdf" > /dev/null 2> "$d/build.log"
LD_DEBUG=files run_gr check "$DATA/results.xml" > /dev/null 2> "$d/check.log"
for v in render build check; do
    if ! opened "$d/$v.log" libharfbuzz; then
        not_ok "$v: the loader's log names the libraries opened (LD_DEBUG=files)"; show "$d/$v.log"
    elif opened "$d/$v.log" libmicrohttpd || opened "$d/$v.log" libgnutls || opened "$d/$v.log" libqpdf; then
        not_ok "$v opens neither libmicrohttpd, GnuTLS nor libqpdf" \
            "$(grep -o 'file=lib\(microhttpd\|gnutls\|qpdf\)[^ ]*' "$d/$v.log" | sort -u | tr '\n' ' ')"
    else
        ok "$v opens neither libmicrohttpd, GnuTLS nor libqpdf"
    fi
done
if [ -s "$d/r.pdf" ] && [ -s "$d/b.pdf" ]; then ok "render and build wrote their PDFs"
else not_ok "render and build wrote their PDFs"; fi

# ---- libxslt and libjpeg: opened when a template or a photo needs them ------
if grep -q 'NEEDED.*\(libxslt\|libjpeg\)' "$d/dynamic.txt"; then
    not_ok "the program is not linked with libxslt or libjpeg" \
        "$(grep -o 'lib\(xslt\|jpeg\)[^]]*' "$d/dynamic.txt" | tr '\n' ' ')"
else
    ok "the program is not linked with libxslt or libjpeg"
fi
LD_DEBUG=files run_gr render "$ROOT/tests/fo/layout/form.fo" -o "$d/form.pdf" > /dev/null 2> "$d/form.log"
if [ -s "$d/form.pdf" ] && opened "$d/form.log" libharfbuzz &&
   ! opened "$d/form.log" libxslt && ! opened "$d/form.log" libjpeg; then
    ok "render of a document without photos opens neither libxslt nor libjpeg"
else
    not_ok "render of a document without photos opens neither libxslt nor libjpeg" \
        "$(grep -o 'file=lib\(xslt\|jpeg\)[^ ]*' "$d/form.log" | sort -u | tr '\n' ' ')"
fi
if opened "$d/build.log" libxslt && opened "$d/build.log" libjpeg; then
    ok "build of the sample (a template, photos) opens libxslt and libjpeg"
else
    not_ok "build of the sample opens libxslt and libjpeg"
fi
if opened "$d/check.log" libxslt; then ok "check opens libxslt"
else not_ok "check opens libxslt"; fi

# ---- extract opens libqpdf ----------------------------------------------------
LD_DEBUG=files run_gr extract "$d/b.pdf" "$d/x" > "$d/extract.out" 2> "$d/extract.log"
rc=$?
if [ $rc -eq 0 ] && opened "$d/extract.log" libqpdf && [ -s "$d/x/results.xml" ]; then
    ok "extract opens libqpdf when it reads the PDF, and extracts the data file"
else
    not_ok "extract opens libqpdf and extracts the data file" "exit $rc"; show "$d/extract.out"
fi

# ---- serve opens libmicrohttpd and answers ------------------------------------
cp -r "$ROOT/tests/fixtures/city/office-year" "$d/year"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT INT TERM
LD_DEBUG=files timeout 120 "$GR" serve "$d/year" --no-open --lang zh > "$d/serve.out" 2> "$d/serve.log" &
pid=$!
url=""
i=0
while [ $i -lt 150 ] && [ -z "$url" ]; do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/?token=[0-9a-f]*' "$d/serve.out" 2>/dev/null | head -n 1)
    [ -n "$url" ] || sleep 0.2
    i=$((i + 1))
done
if [ -n "$url" ] && opened "$d/serve.log" libmicrohttpd; then
    ok "serve opens libmicrohttpd and prints its address"
else
    not_ok "serve opens libmicrohttpd and prints its address"; show "$d/serve.out"
fi
if [ -n "$url" ] && command -v python3 > /dev/null 2>&1; then
    code=$(python3 -c 'import sys, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=20).status)
except Exception as e:
    print(getattr(e, "code", e))' "$url")
    # any HTTP answer (the page itself wants a browser's headers)
    case $code in
        [1-5][0-9][0-9]) ok "serve answers HTTP ($code) through the library opened at run time" ;;
        *) not_ok "serve answers HTTP through the library opened at run time" "$code" ;;
    esac
fi
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=""

finish
