#!/usr/bin/env bash
# Scores `proxylens text` on Scrapinghub's article-extraction benchmark with the benchmark's own
# evaluate.py (which needs nothing but Python 3).
#
#   scripts/bench-article-extraction.sh BENCH_DIR [OUT_DIR] [BASELINE.tsv]
#
# BENCH_DIR is a copy of github.com/scrapinghub/article-extraction-benchmark (its html/*.html.gz,
# ground-truth.json and evaluate.py); nothing of it is copied into this repository. The pages are
# unpacked into OUT_DIR (default: a temporary folder), read by the release binary on one core,
# and scored. OUT_DIR/pages.tsv gets each page's precision, recall and length; given a
# BASELINE.tsv from an earlier run, the pages whose recall dropped by more than 10 % of what it
# was are listed. PROXYLENS=path/to/binary skips the build.
set -euo pipefail
bench=$(cd "${1:?usage: $0 BENCH_DIR [OUT_DIR] [BASELINE.tsv]}" && pwd)
out=${2:-$(mktemp -d)}
baseline=${3:-}
mkdir -p "$out/pages" "$out/eval/output"
out=$(cd "$out" && pwd)
repo=$(cd "$(dirname "$0")/.." && pwd)

for f in ground-truth.json evaluate.py html; do
  [ -e "$bench/$f" ] || { echo "$bench has no $f: not the article-extraction benchmark" >&2; exit 2; }
done
for gz in "$bench"/html/*.html.gz; do
  page="$out/pages/$(basename "$gz" .gz)"
  [ -s "$page" ] || gunzip -c "$gz" >"$page"
done

bin=${PROXYLENS:-}
if [ -z "$bin" ]; then
  (cd "$repo" && cargo build --release --quiet)
  bin="${CARGO_TARGET_DIR:-$repo/target}/release/proxylens"
fi
one_core=()
command -v taskset >/dev/null && one_core=(taskset -c 0)
"${one_core[@]}" "$bin" text "$out/pages" --json "$out/text.json"

cp "$bench/ground-truth.json" "$out/eval/"
python3 - "$bench" "$out" "$baseline" <<'EOF'
import json, sys
from pathlib import Path

bench, out, baseline = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
sys.path.insert(0, str(bench))
import evaluate  # the benchmark's own scoring

truth = json.loads((bench / "ground-truth.json").read_text())
texts = {Path(k).name.removesuffix(".html"): v for k, v in json.loads((out / "text.json").read_text()).items()}
pred = {key: {"articleBody": texts.get(key, "")} for key in truth}
(out / "eval/output/proxylens.json").write_text(json.dumps(pred, ensure_ascii=False))

rows = []
for key in truth:
    tp, fp, fn = evaluate.string_shingle_matching(true=truth[key].get("articleBody", ""), pred=pred[key]["articleBody"])
    p = evaluate.precision_score(tp, fp, fn) if tp + fp > 0 else float("nan")
    r = evaluate.recall_score(tp, fp, fn) if tp + fn > 0 else float("nan")
    rows.append((key, p, r, len(pred[key]["articleBody"])))
with open(out / "pages.tsv", "w") as f:
    f.write("page\tprecision\trecall\tchars\n")
    for key, p, r, n in rows:
        f.write(f"{key}\t{p:.4f}\t{r:.4f}\t{n}\n")
empty = [k for k, _, _, n in rows if not pred[k]["articleBody"].strip()]
print(f"pages with no text: {len(empty)} of {len(rows)}")
if baseline:
    old = {}
    for line in Path(baseline).read_text().splitlines()[1:]:
        key, p, r, n = line.split("\t")
        old[key] = (float(r), int(n))
    worse = [(k, old[k][0], r) for k, _, r, n in rows
             if k in old and old[k][1] > 0 and r < old[k][0] * 0.9]
    print(f"pages that gave text in {baseline} and lost more than 10 % of their recall: {len(worse)}")
    for k, was, now in worse:
        print(f"  {k}: recall {was:.3f} -> {now:.3f}")
EOF
cd "$out/eval" && python3 "$bench/evaluate.py" --n-bootstrap 200
echo "per-page scores: $out/pages.tsv"
