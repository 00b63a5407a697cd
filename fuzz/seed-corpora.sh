#!/usr/bin/env bash
# Build seed corpora for the fuzz targets from testdata/ into fuzz/corpus/TARGET (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/{clean_text,clean_html,rule_set,clean_with_rules}
find testdata -name '*.txt' -not -path 'testdata/fuzz/*' -size -64k -exec cp {} fuzz/corpus/clean_text/ \;
find testdata -name '*.html' -not -path 'testdata/fuzz/*' -size -64k -exec cp {} fuzz/corpus/clean_html/ \;
cp rules/*.toml testdata/rules-bad/*.toml fuzz/corpus/rule_set/
for r in rules/*.toml; do
  for p in testdata/devdiscourse/000_ee075fbc00a359f0.txt testdata/generic/chrome_lines.txt; do
    out="fuzz/corpus/clean_with_rules/$(basename "$r" .toml)-$(basename "$p")"
    { cat "$r"; printf '\0'; cat "$p"; } > "$out"
  done
done
# Saved crash inputs are seeds too.
for t in clean_text clean_html rule_set clean_with_rules; do
  if [ -d "testdata/fuzz/$t" ]; then
    find "testdata/fuzz/$t" -type f -not -name '*.md' -exec cp {} "fuzz/corpus/$t/" \;
  fi
done
echo "seed corpora in fuzz/corpus/"
