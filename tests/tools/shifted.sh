#!/bin/sh
# shifted.sh — text for the line-breaking fixture: every probe (a hard case
# of the line rules) placed after 20..45 characters of plain Han text, one
# paragraph per line, so that with lines of about 37 characters each probe
# meets the end of a line at every possible offset. Feed the output to
# seed2fo.sh to get the FO document.
#
# Usage: shifted.sh [probes]   without argument: the text; with "probes":
#                              the probes that must never be split, one a line
set -eu
# Probes kept whole on one line (t-linerules.sh checks each): dashes and
# ellipses (CLREQ), and Latin words and numbers (no break inside them).
whole='——
……
COVID-19
5,820,000
94.12%'
if [ "${1:-}" = probes ]; then printf '%s\n' "$whole"; exit 0; fi
LC_ALL=C awk -v whole="$whole" '
BEGIN {
    filler = "性別平等業務為本總處重要推動核心項目之一本總處由人事長親自擔任性別平等專案小組召集人帶領各單位將性別平等意識融入相關業務"
    filler = filler filler   # mawk works on bytes: every filler character is 3 bytes
    n = split(whole, w, "\n")
    np = 0
    for (i = 1; i <= n; i++) probe[++np] = w[i]
    probe[++np] = "『他說「好。」』"
    probe[++np] = "（「…」）"
    probe[++np] = "「COVID-19」"
    probe[++np] = "「AI技術」"
    probe[++np] = "吳𠮷祥、林𡘙妤"
    probe[++np] = "《性別平等工作法》"
    probe[++np] = "，"
    probe[++np] = "：「"
    for (p = 1; p <= np; p++)
        for (k = 20; k <= 45; k++)
            printf "%s%s%s。\n", substr(filler, 1, 3 * k), probe[p], substr(filler, 3 * k + 1, 3 * 30)
}'
