#!/bin/sh
# Builds the fuzz corpora from the example program and the bad-record cases (rather than
# committing thousands of files): fuzz/corpus/record/ gets one file per record (first byte: the
# place, see fuzz_targets/record.rs), fuzz/corpus/program/ one file per program (files joined by
# a 0xFF byte, each `path\ntext`, see fuzz_targets/program.rs), fuzz/corpus/yaml/ one file per
# record's front matter (see fuzz_targets/yaml.rs).
set -eu
cd "$(dirname "$0")"
root=..
rm -rf corpus/record corpus/program corpus/yaml
mkdir -p corpus/record corpus/program corpus/yaml
n=0
place() { # the record.rs PLACES index for a path
    case "$1" in
        program.md) echo 0 ;; people/*) echo 1 ;; agreements/*) echo 2 ;; meetings/*) echo 3 ;;
        groups/*) echo 4 ;; community/*) echo 5 ;; assessments/*) echo 6 ;;
        instruments/*) echo 7 ;; summaries/*) echo 8 ;; *) echo 1 ;;
    esac
}
# One program folder as one corpus file, and each of its records as a record corpus file.
add_program() { # folder name
    out="corpus/program/$2"
    : > "$out"
    (cd "$1" && find . -type f -name '*.md' ! -path './report/*' | sed 's|^\./||' | sort) |
    while read -r rel; do
        printf '%s\n' "$rel" >> "$out"
        cat "$1/$rel" >> "$out"
        printf '\377' >> "$out"
        n=$((n + 1))
        { printf "\\$(printf '%03o' "$(place "$rel")")"; cat "$1/$rel"; } > "corpus/record/$2-$n"
        awk 'NR == 1 && /^---/ { inside = 1; next } inside && /^---/ { exit } inside' \
            "$1/$rel" > "corpus/yaml/$2-$n"
    done
}
add_program "$root/example-program" example
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for case in "$root"/tests/bad-records/M*; do
    name=$(basename "$case")
    rm -rf "$tmp/p" && cp -r "$root/tests/bad-records/_base" "$tmp/p"
    (cd "$case" && find . -type f ! -name expected ! -name _delete) | while read -r rel; do
        mkdir -p "$tmp/p/$(dirname "$rel")" && cp "$case/$rel" "$tmp/p/$rel"
    done
    if [ -f "$case/_delete" ]; then
        while read -r rel; do rm -rf "$tmp/p/$rel"; done < "$case/_delete"
    fi
    add_program "$tmp/p" "$name"
done
echo "record corpus: $(ls corpus/record | wc -l) files; program corpus: $(ls corpus/program | wc -l) files;" \
    "yaml corpus: $(ls corpus/yaml | wc -l) files"
