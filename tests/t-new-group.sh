#!/bin/sh
# t-new-group.sh — `gereport new` writes a skeleton that fits the group:
# the minimum of the rules in force for that year stated correctly, as
# many <措施> slots as items required and <類別> blocks as categories, the
# group accepted as the forms write it, and an <?xml-model?> line whose
# schema exists on this machine (gereport itself never reads it: a skeleton
# whose href points nowhere still checks the same).
. "$(dirname "$0")/lib.sh"
require_gr
d=$WORK/new-group
rm -rf "$d"
mkdir -p "$d"

# GROUP-AS-TYPED YEAR LISTED-GROUP CATEGORIES ITEMS
while read -r typed year group cats items; do
    f=$d/$year-$cats-$items.xml
    rm -f "$f"
    run_gr new --year "$year" --agency 臺北市政府文化局 --group "$typed" -o "$f" > /dev/null 2> "$d/err"
    slots=$(grep -c '<措施 類別="" 項目=""></措施>' "$f" 2>/dev/null)
    blocks=$(grep -c '<類別 編號="">' "$f" 2>/dev/null)
    if grep -q "<組別>$group</組別>" "$f" &&
       grep -q "$group每年至少辦理 $cats 類、總計 $items 項（$year 年之規定）" "$f" &&
       [ "$slots" -ge "$items" ] && [ "$blocks" -ge "$cats" ]; then
        ok "new --group $typed --year $year: $group, minimum $cats 類 $items 項 stated, $slots 措施 slots, $blocks 類別 blocks"
    else
        not_ok "new --group $typed --year $year: $group, minimum $cats 類 $items 項" \
            "slots $slots, blocks $blocks"; show "$d/err" 3
        grep -n '至少\|<組別>' "$f" 2>/dev/null | head -n 3 | sed 's/^/#   /'
    fi
done <<'TABLE'
B 113 B群 4 5
A群 112 A群 5 7
DI組 113 D1組 2 3
c 114 C群 3 3
TABLE

# The <?xml-model?> line names the schema file on this machine.
f=$d/113-4-5.xml
href=$(sed -n 's/^<?xml-model href="file:\/\/\([^"]*\)".*/\1/p' "$f" | head -n 1)
path=$(printf '%b' "$(printf '%s' "$href" | sed 's/%\([0-9A-F][0-9A-F]\)/\\x\1/g')")
if [ -n "$href" ] && [ -s "$path" ] && grep -q 'relaxng.org/ns/structure' "$path"; then
    ok "<?xml-model?> href resolves to the RelaxNG schema ($path)"
else
    not_ok "<?xml-model?> href resolves to the RelaxNG schema" "href: $href"
fi
# gereport never follows it: a skeleton pointing nowhere checks the same.
sed 's|href="[^"]*"|href="file:///nowhere/results-1.rng"|' "$f" > "$d/moved.xml"
cp "$f" "$d/here.xml"
(cd "$d" && run_gr check here.xml) > /dev/null 2> "$d/here.err"
(cd "$d" && run_gr check moved.xml) > /dev/null 2> "$d/moved.err"
if sed 's/^here.xml/X/' "$d/here.err" > "$d/a" && sed 's/^moved.xml/X/' "$d/moved.err" > "$d/b" &&
   cmp -s "$d/a" "$d/b" && [ -s "$d/a" ] && ! grep -q 'nowhere' "$d/b"; then
    ok "a skeleton whose <?xml-model?> points nowhere checks exactly the same"
else
    not_ok "a skeleton whose <?xml-model?> points nowhere checks exactly the same"; show "$d/b" 3
fi
finish
