# lib.sh — shared helpers of the gereport test scripts (sourced, POSIX sh).
#
# Every tests/t-*.sh sources this file, prints one line per assertion,
#   ok - description            or
#   not ok - description        followed by "#   " detail lines,
# and ends with `finish` (exit 1 if anything failed). tests/run.sh counts
# the lines. Everything a test writes goes under build/tests/.
#
# Environment: GEREPORT (default build/gereport) is the program under test;
# The seed texts the tests read are in tests/fixtures/seeds/.

# shellcheck disable=SC3013  # test -nt: dash, bash and busybox sh all have it
set -u
export LC_ALL=C.UTF-8          # GNU grep/sed: "." is one UTF-8 character

TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TESTS_DIR/.." && pwd)
TOOLS=$TESTS_DIR/tools
WORK=$ROOT/build/tests
GR=${GEREPORT:-$ROOT/build/gereport}
case $GR in /*) ;; *) GR=$PWD/$GR ;; esac    # tests change directory
RENDER_TIMEOUT=${RENDER_TIMEOUT:-120}
mkdir -p "$WORK/tmp"
export TMPDIR="$WORK/tmp"      # mktemp & co. stay under build/

_failed=0

ok() { printf 'ok - %s\n' "$*"; }

# not_ok DESCRIPTION [DETAIL...]
not_ok() {
    _failed=$((_failed + 1))
    printf 'not ok - %s\n' "$1"
    shift
    for _d in "$@"; do printf '#   %s\n' "$_d"; done
}

# show FILE [N]: the first N (default 15) lines of FILE as detail lines.
show() {
    [ -s "$1" ] || return 0
    head -n "${2:-15}" "$1" | sed 's/^/#   | /'
    _n=$(wc -l < "$1")
    [ "$_n" -le "${2:-15}" ] || printf '#   | … (%d lines in all)\n' "$_n"
}

finish() { [ "$_failed" -eq 0 ]; exit $?; }

# The program must exist; otherwise one failure and stop this script.
require_gr() {
    if [ ! -x "$GR" ]; then
        not_ok "$(basename "$0"): $GR exists and is executable" \
            "build it first (make all)"
        finish
    fi
}

# require_tools TOOL...: one failure naming the missing ones, then stop.
require_tools() {
    _missing=""
    for _t in "$@"; do command -v "$_t" >/dev/null 2>&1 || _missing="$_missing $_t"; done
    if [ -n "$_missing" ]; then
        not_ok "$(basename "$0"): tools present" "missing:$_missing (make deps installs them)"
        finish
    fi
}

# run_gr ARGS...: the program under a time limit (exit 124 on timeout).
run_gr() { timeout "$RENDER_TIMEOUT" "$GR" "$@"; }

# ---- the seed texts --------------------------------------------------------
# The tests read their own copies of the official documents' texts
# (tests/fixtures/seeds/, public documents), so the suite needs nothing
# outside the repository.

SEED_DIR=$TESTS_DIR/fixtures/seeds

# require_seeds: stop this script with a clear failure if the seed texts are
# missing. Call it at the top level of a test, not inside $(...).
require_seeds() {
    if ! ls "$SEED_DIR"/[0-9]*.txt >/dev/null 2>&1; then
        not_ok "seed texts found" "expected tests/fixtures/seeds/*.txt ($SEED_DIR)"
        finish
    fi
}

# ---- fixtures ------------------------------------------------------------
# A fixture NAME has an FO file, the text its flows must show (EXPECTED),
# and optionally page furniture: a running header (a literal string) and/or
# a "第 N 頁" footer on every page, which the text comparison removes page by
# page and checks separately.
#   seed-000 … seed-004  generated from tests/fixtures/seeds (tools/seed2fo.sh)
#   shifted               generated (tools/shifted.sh): line-rule probes
#   hard-cases, sample    hand-written in tests/fo/

FIXDIR=$WORK/fo

make_fixtures() {
    require_seeds
    mkdir -p "$FIXDIR"
    for _s in "$SEED_DIR"/[0-9]*.txt; do
        _n=seed-$(basename "$_s" | cut -c1-3)
        if [ ! -s "$FIXDIR/$_n.fo" ] || [ "$_s" -nt "$FIXDIR/$_n.fo" ] ||
           [ "$TOOLS/seed2fo.sh" -nt "$FIXDIR/$_n.fo" ]; then
            "$TOOLS/seed2fo.sh" "$_s" > "$FIXDIR/$_n.fo"
            cp "$_s" "$FIXDIR/$_n.expected"
        fi
    done
    if [ ! -s "$FIXDIR/shifted.fo" ] || [ "$TOOLS/shifted.sh" -nt "$FIXDIR/shifted.fo" ] ||
       [ "$TOOLS/seed2fo.sh" -nt "$FIXDIR/shifted.fo" ]; then
        "$TOOLS/shifted.sh" > "$FIXDIR/shifted.expected"
        "$TOOLS/seed2fo.sh" "$FIXDIR/shifted.expected" > "$FIXDIR/shifted.fo"
    fi
    for _n in hard-cases sample; do
        "$TOOLS/fo2text.sh" "$TESTS_DIR/fo/$_n.fo" > "$FIXDIR/$_n.expected"
    done
}

fixture_names() {
    for _s in "$SEED_DIR"/[0-9]*.txt; do printf 'seed-%s ' "$(basename "$_s" | cut -c1-3)"; done
    echo "shifted hard-cases sample"
}

fixture_fo() {
    case $1 in
        hard-cases|sample) echo "$TESTS_DIR/fo/$1.fo" ;;
        *) echo "$FIXDIR/$1.fo" ;;
    esac
}

fixture_expected() { echo "$FIXDIR/$1.expected"; }

# Sets FURN_HEADER (literal text, may be empty) and FURN_FOOTER (1: "第N頁").
fixture_furniture() {
    FURN_HEADER="" FURN_FOOTER=0
    case $1 in
        hard-cases) FURN_HEADER="排版測試文件" FURN_FOOTER=1 ;;
        sample) FURN_FOOTER=1 ;;
    esac
}

# render_fixture NAME: render once per suite run (cached in build/tests/pdf,
# redone when the FO or the program is newer). Sets R_PDF, R_ERR (stderr of
# gereport) and R_RC (its exit status).
render_fixture() {
    _fo=$(fixture_fo "$1")
    _d=$WORK/pdf
    mkdir -p "$_d"
    R_PDF=$_d/$1.pdf R_ERR=$_d/$1.err
    if [ -s "$_d/$1.rc" ] && [ "$_d/$1.rc" -nt "$_fo" ] && [ "$_d/$1.rc" -nt "$GR" ]; then
        R_RC=$(cat "$_d/$1.rc")
        return 0
    fi
    rm -f "$R_PDF"
    run_gr render "$_fo" -o "$R_PDF" > "$_d/$1.out" 2> "$R_ERR"
    R_RC=$?
    echo "$R_RC" > "$_d/$1.rc"
}

# render_failed NAME DESCRIPTION: if the last render_fixture failed, report
# DESCRIPTION as not ok (with gereport's messages) and return 0.
render_failed() {
    if [ "$R_RC" -ne 0 ] || [ ! -s "$R_PDF" ]; then
        not_ok "$2" "gereport render $(fixture_fo "$1") failed (exit $R_RC):"
        show "$R_ERR" 8
        return 0
    fi
    return 1
}

# Whitespace removed, for comparisons and furniture removal.
squeeze() {
    tr -d ' \t\n\r\f\v' | sed 's/\xe3\x80\x80//g; s/\xc2\xa0//g'
}

pdf_pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

# body_text NAME PDF OUT: pdftotext of PDF into OUT, with the fixture's page
# furniture removed page by page. -layout: text in the order of the page
# (like the default mode) but without the default mode's dehyphenation,
# which drops a "-" ending a line (a legal break, e.g. in "------").
# pdftotext's stderr goes to OUT.err; the pages that lack their header or
# footer are listed in OUT.furniture.
body_text() {
    fixture_furniture "$1"
    : > "$3.err"
    : > "$3.furniture"
    if [ -z "$FURN_HEADER" ] && [ "$FURN_FOOTER" -eq 0 ]; then
        pdftotext -layout "$2" "$3" 2>> "$3.err"
        return
    fi
    : > "$3"
    _np=$(pdf_pages "$2")
    _i=1
    while [ "$_i" -le "${_np:-0}" ]; do
        _page=$(pdftotext -layout -f "$_i" -l "$_i" "$2" - 2>> "$3.err" | squeeze)
        if [ "$FURN_FOOTER" -eq 1 ]; then
            case $_page in
                *"第${_i}頁"*) _page=$(printf '%s' "$_page" | sed "s/\\(.*\\)第${_i}頁/\\1/") ;;
                *) echo "page $_i: no footer 第 $_i 頁" >> "$3.furniture" ;;
            esac
        fi
        if [ -n "$FURN_HEADER" ]; then
            case $_page in
                *"$FURN_HEADER"*) _page=$(printf '%s' "$_page" | sed "s/$FURN_HEADER//") ;;
                *) echo "page $_i: no header $FURN_HEADER" >> "$3.furniture" ;;
            esac
        fi
        printf '%s\n' "$_page" >> "$3"
        _i=$((_i + 1))
    done
}

# ---- PDF/A-1b and error messages (shared by several tests) ----------------

# preflight PDF LABEL DIR: PDFBox's PDF/A-1b validator on PDF; one ok/not ok
# line "LABEL: PDFBox preflight: valid PDF/A-1b". The JVM's files (font
# cache, temporaries) and the log stay under DIR.
preflight() {
    _j=/usr/share/java
    _cp=$_j/preflight.jar:$_j/pdfbox2.jar:$_j/xmpbox.jar:$_j/fontbox2.jar:$_j/commons-logging.jar:$_j/javax.activation.jar:$_j/jaxb-api.jar
    _log=$3/$(basename "$1" .pdf).preflight.log
    mkdir -p "$3"
    if ! command -v java > /dev/null 2>&1; then
        not_ok "$2: PDFBox preflight: valid PDF/A-1b" "java missing (make deps installs it)"
        return
    fi
    timeout 300 java -XX:-UsePerfData -Djava.awt.headless=true \
        -Djava.io.tmpdir="$TMPDIR" -Dpdfbox.fontcache="$3" \
        -Djava.util.logging.config.file=/dev/null \
        -cp "$_cp" org.apache.pdfbox.preflight.Validator_A1b "$1" > "$_log" 2>&1
    _rc=$?
    if [ "$_rc" -eq 0 ] && grep -q 'is a valid PDF/A-1b file' "$_log"; then
        ok "$2: PDFBox preflight: valid PDF/A-1b"
    else
        not_ok "$2: PDFBox preflight: valid PDF/A-1b" "Validator_A1b exit $_rc:"
        awk '!seen[$0]++' "$_log" > "$_log.unique"   # each distinct message once
        show "$_log.unique" 12
    fi
}

# check_message LABEL NAME DIR LINE MENTIONS: one ok/not ok line saying that
# DIR/stderr has an error line naming NAME.fo (and :LINE: when given) and
# every word of MENTIONS. DIR/lines is left with the matching lines.
check_message() {
    _desc="$1: message names $2.fo${4:+:$4}"
    [ -z "$5" ] || _desc="$_desc and $(echo "$5" | tr '\n' ' ' | sed 's/ $//')"
    _prefix="$2.fo:"
    [ -z "$4" ] || _prefix="$2.fo:$4:"
    grep -F -- "$_prefix" "$3/stderr" | grep -E '錯誤|error' > "$3/lines" || true
    # shellcheck disable=SC2086  # mentions are single words
    for _m in $5; do
        grep -F -- "$_m" "$3/lines" > "$3/lines.tmp" || true
        mv "$3/lines.tmp" "$3/lines"
    done
    if [ -s "$3/lines" ]; then
        ok "$_desc"
    else
        not_ok "$_desc" "no stderr line with \"$_prefix\", 錯誤/error${5:+ and the mention}; stderr was:"
        show "$3/stderr" 8
    fi
}
