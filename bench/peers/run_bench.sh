#!/usr/bin/env bash
# Byte-identity check and whole-process timings of the Python peers against the tool.
# Usage: bench/peers/run_bench.sh [SHARED_DATA_DIR] [RUNS]   (from the repo root; default ../shared/data, 5)
# Each run is a fresh process (OS file cache warm); wall seconds and peak RSS from /usr/bin/time.
set -euo pipefail
DATA=${1:-../shared/data}
RUNS=${2:-5}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

for v in 2019 2025; do
  node bin/fairshare.js allocate --budget 1.2bn --area england --level lsoa --format csv --vintage $v -o "$OUT/tool_$v.csv"
  for peer in polars pandas; do
    python3 bench/peers/${peer}_lsoa.py "$DATA" $v "$OUT/${peer}_$v.csv"
    if cmp "$OUT/${peer}_$v.csv" "$OUT/tool_$v.csv"; then echo "identical: $peer $v"; else echo "DIFFERENT: $peer $v"; fi
  done
done

for i in $(seq "$RUNS"); do
  for v in 2019 2025; do
    /usr/bin/time -a -o "$OUT/times" -f "tool $v %e %M" \
      node bin/fairshare.js allocate --budget 1.2bn --area england --level lsoa --format csv --vintage $v -o "$OUT/x.csv"
    for peer in polars pandas; do
      /usr/bin/time -a -o "$OUT/times" -f "$peer $v %e %M" python3 bench/peers/${peer}_lsoa.py "$DATA" $v "$OUT/y.csv"
    done
  done
done

python3 - "$OUT/times" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    who, v, sec, kb = line.split()
    rows.setdefault((who, v), []).append((float(sec), int(kb)))
print(f"{'run':<8}{'vintage':<9}{'n':>3}{'median s':>10}{'min s':>8}{'max s':>8}{'peak MB':>9}")
for (who, v), xs in sorted(rows.items(), key=lambda kv: (kv[0][1], ["tool", "polars", "pandas"].index(kv[0][0]))):
    s = [x for x, _ in xs]
    mb = max(k for _, k in xs) / 1024
    print(f"{who:<8}{v:<9}{len(s):>3}{statistics.median(s):>10.2f}{min(s):>8.2f}{max(s):>8.2f}{mb:>9.0f}")
EOF
