#!/usr/bin/env bash
# School-scale benchmark (issue 6): prints one table with the wall time (median, hyperfine) and
# peak memory (/usr/bin/time) of `mentor check`, `mentor status` and `mentor report` on generated
# programs of 200, 1,000 and 5,000 faculty over 10 academic years, next to two references on the same
# files: reading every file (cat) and check-jsonschema validating the same front matter against
# schema/. Installs hyperfine, time and check-jsonschema (in a venv) when they are missing.
# Issue 17 adds a second reference, ripgrep reading every file (`rg -uuu -c '^---' DIR`), the
# incremental pre-commit check (`mentor check --staged` in a git repository of the program after
# changing one file, with the cache of per-file results), and the ratios cold check / rg,
# staged / rg and report / check. The cold `check` row runs with `--no-cache`; `status` and
# `report` reuse the per-file results in the cache that `check` keeps, filled by their warm-up run.
# Two floor rows (examples/parse_floor.rs) read the files as `check` does and only pull the YAML
# parser's events of every front matter, on every core: no check can be faster with that parser.
#
#   bash bench/run.sh                    # the table in docs/performance.md
#   SIZES="200" RUNS=5 bash bench/run.sh # quicker
#
# Environment: SIZES (faculty counts, default "200 1000 5000"), YEARS (10), SEED (1), RUNS (hyperfine
# runs per mentor command and cat, 10), CJS_RUNS (runs of check-jsonschema, 3), BENCH_DIR
# (scratch folder, /tmp/mentor-bench).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/mentor-bench}
SIZES=${SIZES:-200 1000 5000}
YEARS=${YEARS:-10}
SEED=${SEED:-1}
RUNS=${RUNS:-10}
CJS_RUNS=${CJS_RUNS:-3}
AS_OF=2026-06-30 # the generator's programs are complete up to this date
mkdir -p "$WORK"

say() { echo "bench: $*" >&2; }

apt_install() {
    say "installing $*"
    # Quiet: dpkg's progress goes to a log, shown only when the install fails.
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } \
        >"$WORK/apt.log" 2>&1; then
        cat "$WORK/apt.log" >&2
        exit 1
    fi
}
command -v hyperfine >/dev/null || apt_install hyperfine
command -v rg >/dev/null || apt_install ripgrep
command -v git >/dev/null || apt_install git
[ -x /usr/bin/time ] || apt_install time
CJS=$WORK/venv/bin/check-jsonschema
if [ ! -x "$CJS" ]; then
    say "installing check-jsonschema into $WORK/venv"
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install -q check-jsonschema >&2
fi

cd "$ROOT"
say "building (release)"
cargo build -q --release --bin mentor --example generate --example parse_floor
TARGET=$(cargo metadata -q --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
MENTOR=$TARGET/release/mentor
GENERATE=$TARGET/release/examples/generate
FLOOR=$TARGET/release/examples/parse_floor
HAS_STATUS=no
"$MENTOR" status --help >/dev/null 2>&1 && HAS_STATUS=yes
HAS_REPORT=no
"$MENTOR" report --help >/dev/null 2>&1 && HAS_REPORT=yes

# check-jsonschema, one invocation per record kind, run one after the other: the time of this
# script is the sum over kinds, its peak memory the largest of them.
cat >"$WORK/check-jsonschema-all.sh" <<EOF
#!/usr/bin/env bash
set -eu
for dir in "\$1"/*/; do
    kind=\$(basename "\$dir")
    (cd "\$dir" && "$CJS" --schemafile "$ROOT/schema/\$kind.schema.json" ./*.yaml >/dev/null)
done
EOF

# Peak memory of a command: the largest maximum resident set size of three runs, appended to FILE.
rss() {
    local file=$1 name=$2 max=0 kb
    shift 2
    for _ in 1 2 3; do
        /usr/bin/time -f %M -o "$WORK/rss.tmp" "$@" >/dev/null 2>&1
        kb=$(tail -n 1 "$WORK/rss.tmp")
        if [ "$kb" -gt "$max" ]; then max=$kb; fi
    done
    echo "$name $max" >>"$file"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for size in $SIZES; do
    prog=$WORK/program-$size
    fm=$WORK/front-matter-$size
    say "generating $size faculty, $YEARS years, seed $SEED"
    rm -rf "$prog" "$fm" "$WORK/report-$size"
    "$GENERATE" --faculty "$size" --years "$YEARS" --seed "$SEED" --out "$prog" >&2
    # Not timed: every record's front matter as <kind>/<path with / as __>.yaml.
    python3 - "$prog" "$fm" <<'EOF'
import os, sys
prog, out = sys.argv[1], sys.argv[2]
kinds = {"people": "person", "agreements": "agreement", "meetings": "meeting-log",
         "groups": "group", "community": "community", "assessments": "assessment",
         "instruments": "instrument", "summaries": "summary"}
files = bytes_ = 0
for folder, _, names in os.walk(prog):
    for name in names:
        path = os.path.join(folder, name)
        rel = os.path.relpath(path, prog)
        kind = "program" if rel == "program.md" else kinds[rel.split(os.sep)[0]]
        text = open(path, encoding="utf-8").read()
        files += 1
        bytes_ += len(text.encode())
        lines = text.split("\n")
        end = lines.index("---", 1)
        os.makedirs(os.path.join(out, kind), exist_ok=True)
        with open(os.path.join(out, kind, rel.replace(os.sep, "__")[:-3] + ".yaml"), "w") as f:
            f.write("\n".join(lines[1:end]) + "\n")
with open(os.path.join(out, "..", f"size-{os.path.basename(prog)}"), "w") as f:
    f.write(f"{files} {bytes_}\n")
EOF
    # Warm the page cache, and make sure the program is valid before timing anything.
    find "$prog" -type f -exec cat {} + >/dev/null
    errors=$("$MENTOR" check "$prog" --as-of "$AS_OF" --format json | tail -n 1 |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["errors"])')
    if [ "$errors" != 0 ]; then
        say "the generated program has $errors errors; run: $MENTOR check $prog --as-of $AS_OF"
        exit 1
    fi

    # The pre-commit case: the program committed in a git repository (not timed), the cache
    # filled by one `check --staged`, then before each timed run one person's record changes
    # (a blank line added to its body) and is staged, so every run parses exactly one new file.
    repo=$WORK/repo-$size
    rm -rf "$repo"
    cp -r "$prog" "$repo"
    git_q() { git -C "$repo" -c user.name=bench -c user.email=bench@example.org "$@" >/dev/null; }
    git_q init -q -b main
    git_q add -A
    git_q commit -q -m program
    "$MENTOR" check --staged "$repo" --as-of "$AS_OF" >/dev/null
    person=$(cd "$repo" && ls people | sed -n 1p)
    change_one="sh -c 'echo >> $repo/people/$person && git -C $repo add people/$person'"

    commands=(-n cat "find $prog -type f -exec cat {} +"
        -n rg "rg -uuu -c ^--- $prog"
        -n floor-granit "$FLOOR $prog granit"
        -n floor-saphyr "$FLOOR $prog saphyr"
        -n check "$MENTOR check $prog --as-of $AS_OF --no-cache")
    if [ "$HAS_STATUS" = yes ]; then
        commands+=(-n status "$MENTOR status $prog --as-of $AS_OF")
    fi
    if [ "$HAS_REPORT" = yes ]; then
        commands+=(-n report "$MENTOR report $prog --as-of $AS_OF --out $WORK/report-$size")
    fi
    say "timing mentor, cat and rg ($RUNS runs each)"
    hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$WORK/mentor-$size.json" \
        "${commands[@]}" >&2
    hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$WORK/staged-$size.json" \
        --prepare "$change_one" \
        -n staged "$MENTOR check --staged $repo --as-of $AS_OF" >&2
    say "timing check-jsonschema ($CJS_RUNS runs)"
    hyperfine -N --style none --warmup 0 --runs "$CJS_RUNS" --export-json "$WORK/cjs-$size.json" \
        -n check-jsonschema "bash $WORK/check-jsonschema-all.sh $fm" >&2

    say "measuring peak memory"
    r=$WORK/rss-$size.txt
    rm -f "$r"
    rss "$r" cat find "$prog" -type f -exec cat {} +
    rss "$r" rg rg -uuu -c '^---' "$prog"
    rss "$r" floor-granit "$FLOOR" "$prog" granit
    rss "$r" floor-saphyr "$FLOOR" "$prog" saphyr
    rss "$r" check "$MENTOR" check "$prog" --as-of "$AS_OF" --no-cache
    rss "$r" staged "$MENTOR" check --staged "$repo" --as-of "$AS_OF"
    if [ "$HAS_STATUS" = yes ]; then rss "$r" status "$MENTOR" status "$prog" --as-of "$AS_OF"; fi
    if [ "$HAS_REPORT" = yes ]; then
        rss "$r" report "$MENTOR" report "$prog" --as-of "$AS_OF" --out "$WORK/report-$size"
    fi
    rss "$r" check-jsonschema bash "$WORK/check-jsonschema-all.sh" "$fm"
done

CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
REV=$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src Cargo.toml || echo +changes)
python3 - "$WORK" "$SIZES" "$YEARS" "$SEED" "$RUNS" "$CJS_RUNS" "$(nproc)" "$CPU" "$REV" \
    "$("$CJS" --version | awk '{print $NF}')" "$LOAD_BEFORE" "$LOAD_AFTER" <<'EOF'
import json, os, sys
(work, sizes, years, seed, runs, cjs_runs, cores, cpu, rev, cjs_version, load_before,
 load_after) = sys.argv[1:]
sizes = sizes.split()
rows = [("cat", "read every file: `find DIR -type f -exec cat {} +` (reference)"),
        ("rg", "read every file: `rg -uuu -c '^---' DIR` (reference)"),
        ("floor-granit", "floor: read + granit-parser's events only, nothing checked (`parse_floor`)"),
        ("floor-saphyr", "floor: read + saphyr-parser's events only (`parse_floor`)"),
        ("check", "`mentor check` (cold: `--no-cache`)"),
        ("staged", "`mentor check --staged`, one file changed (cache filled)"),
        ("status", "`mentor status` (cache filled)"),
        ("report", "`mentor report` (every report, cache filled)"),
        ("check-jsonschema", f"check-jsonschema {cjs_version}, one run per kind (reference)")]
wall, rss, files = {}, {}, {}
for size in sizes:
    for name in ("mentor", "staged", "cjs"):
        for r in json.load(open(f"{work}/{name}-{size}.json"))["results"]:
            wall[(r["command"], size)] = r["median"]
    for line in open(f"{work}/rss-{size}.txt"):
        name, kb = line.split()
        rss[(name, size)] = int(kb) / 1024
    files[size] = tuple(int(x) for x in open(f"{work}/size-program-{size}").read().split())

def t(s):
    return "n/a" if s is None else f"{s * 1000:,.0f} ms" if s < 10 else f"{s:,.1f} s"

def m(mb):
    return "n/a" if mb is None else f"{mb:,.0f} MB"

first, last = sizes[0], sizes[-1]
head = ["", *[c for s in sizes for c in (f"{int(s):,} faculty: wall", "peak memory")]]
if len(sizes) > 1:
    head.append(f"{int(first):,} → {int(last):,}: wall ×")
out = ["| " + " | ".join(head) + " |", "|" + "---|" + "---:|" * (len(head) - 1)]
cells = ["records (files, size)"]
for s in sizes:
    cells += [f"{files[s][0]:,} files", f"{files[s][1] / 1e6:.1f} MB"]
if len(sizes) > 1:
    cells.append(f"{files[last][0] / files[first][0]:.1f}× files")
out.append("| " + " | ".join(cells) + " |")
for key, label in rows:
    cells = [label]
    for s in sizes:
        cells += [t(wall.get((key, s))), m(rss.get((key, s)))]
    if len(sizes) > 1:
        a, b = wall.get((key, first)), wall.get((key, last))
        cells.append("n/a" if a is None or b is None else f"{b / a:.1f}×")
    out.append("| " + " | ".join(cells) + " |")
cells = ["`mentor check` per 1,000 records (linear when flat)"]
for s in sizes:
    cells += [t(wall[("check", s)] / files[s][0] * 1000), ""]
if len(sizes) > 1:
    cells.append("")
out.append("| " + " | ".join(cells) + " |")
for label, num, den in (("`mentor check` ÷ cat", "check", "cat"),
                        ("`mentor check` ÷ rg (target ≤ 3×)", "check", "rg"),
                        ("floor with granit-parser ÷ rg", "floor-granit", "rg"),
                        ("floor with saphyr-parser ÷ rg", "floor-saphyr", "rg"),
                        ("`mentor check --staged` ÷ rg (target ≤ 1×)", "staged", "rg"),
                        ("`mentor report` ÷ `mentor check` (target ≤ 1.5×)", "report", "check"),
                        ("check-jsonschema ÷ `mentor check`", "check-jsonschema", "check")):
    cells = [label]
    for s in sizes:
        a, b = wall.get((num, s)), wall.get((den, s))
        cells += ["n/a" if a is None or b is None else f"{a / b:.2f}×", ""]
    if len(sizes) > 1:
        cells.append("")
    out.append("| " + " | ".join(cells) + " |")
print("\n".join(out))
print()
mem_gb = int(open("/proc/meminfo").readline().split()[1]) / 1024 / 1024
print(f"Machine: {cores} cores ({cpu}), {mem_gb:.0f} GB, {os.uname().sysname} "
      f"{os.uname().release}. mentor {rev}, "
      f"release build. Programs from `examples/generate` (seed {seed}, {years} academic years "
      f"ending 2025-26), checked as of 2026-06-30. Wall: median of {runs} runs "
      f"(check-jsonschema: {cjs_runs}) with hyperfine -N after a warm-up, page cache warm. Peak "
      "memory: the largest maximum resident set size of 3 runs (/usr/bin/time). Load average "
      f"(1, 5, 15 min) {load_before} before, {load_after} after: other work on the machine "
      "slows every row.")
default = sizes == ["200", "1000", "5000"] and (years, seed, runs, cjs_runs) == ("10", "1", "10", "3")
env = "" if default else (f'SIZES="{" ".join(sizes)}" YEARS={years} SEED={seed} RUNS={runs} '
                          f"CJS_RUNS={cjs_runs} ")
print(f"Reproduce: `{env}bash bench/run.sh`")
EOF
