#!/bin/bash
# Every cited "docs/dev/X.md §n" must resolve to a heading of X.md starting with n; no page may point outside the repo.
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
fail=0
grep -rhoE "docs/dev/[a-z-]+\.md( §[0-9.]+)?" src tests/Hnn.* docs | sort -u > /tmp/cites.txt
while read -r cite; do
  page=$(echo "$cite" | sed -E 's/ §.*//')
  sec=$(echo "$cite" | grep -oE '§[0-9.]+' | sed 's/§//; s/\.$//')
  if [ ! -f "$page" ]; then echo "MISSING PAGE: $cite"; fail=1; continue; fi
  if [ -n "$sec" ]; then
    esc=$(echo "$sec" | sed 's/\./\\./g')
    if ! grep -qE "^#+ ${esc}([. ]|$)" "$page"; then echo "MISSING SECTION: $cite"; fail=1; fi
  fi
done < /tmp/cites.txt
echo "citations checked: $(wc -l < /tmp/cites.txt)"
# quoted section names
for q in 'architecture.md "Data flow"' 'architecture.md "Layers"'; do
  name=$(echo "$q" | sed -E 's/.*"(.*)"/\1/')
  grep -qE "^## ${name}$" docs/dev/architecture.md || { echo "MISSING HEADING: $q"; fail=1; }
done
# relative links inside docs/dev
for f in docs/dev/*.md; do
  for l in $(grep -oE '\]\([a-z-]+\.md' "$f" | sed 's/](//'); do
    [ -f "docs/dev/$l" ] || { echo "BROKEN LINK in $f: $l"; fail=1; }
  done
done
# forbidden pointers
if grep -nE '\.\./shared|spec/|DESIGN\.md' docs/dev/*.md; then echo "FORBIDDEN REFERENCE"; fail=1; fi
# cited repo paths exist
for p in $(grep -ohE '`(src|tests|docs|hocon|examples)/[A-Za-z0-9_./<>*+-]+' docs/dev/*.md | tr -d '`' | sort -u); do
  case "$p" in *'<'*|*'*'*) continue;; esac
  [ -e "$p" ] || echo "note: path not in tree: $p"
done
[ $fail = 0 ] && echo "VERIFY OK" || echo "VERIFY FAILED"
