#!/usr/bin/env bash
# bench-school.sh - how quick the school side is at samenwerkingsverband scale
# (about 100 schools, each with two years of HGW scores, a checklist and an
# SOP), measured as its user sees it: through a pseudo-terminal of 80x24.
#
#   IBIS=./ibis PTYBENCH=tests/bench/ptybench bash tests/bench/bench-school.sh
#
# Environment as bench-tui.sh: IBIS, PTYBENCH, IBIS_DATADIR, BENCH_PUPILS
# (default 50000), BENCH_DB (a database to reuse; made with `ibis demo` when
# missing). The database is copied first: the benchmark stores scores.
# Measure an optimised build without sanitizers.
#
# Prints, each with its target:
# - opening the HGW-raster (H on the pupil list);
# - one score typed (stored at once, the grid and its means redrawn), median
#   and slowest of the 29 HGW indicators;
# - Tab to the next indicator set; v to the assessors of the year;
# - opening the checklist (B) and one status set there;
# - opening the School screen (S);
# - `ibis export sop --format html`, `export grid`, `report grid`;
# - peak resident memory of the program.
set -euo pipefail

IBIS=${IBIS:-./ibis}
PTYBENCH=${PTYBENCH:-tests/bench/ptybench}
DATADIR=${IBIS_DATADIR:-data}
PUPILS=${BENCH_PUPILS:-50000}
TODAY=2026-11-23

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SRC=${BENCH_DB:-$tmp/src.db}
if [ ! -e "$SRC" ]; then
	echo "making a demo database of $PUPILS pupils in $SRC"
	start=$(date +%s.%N)
	"$IBIS" --datadir "$DATADIR" --config /dev/null --db "$SRC" --today "$TODAY" \
		demo --pupils "$PUPILS" >/dev/null
	end=$(date +%s.%N)
	echo "  (demo made in $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}') s)"
fi
DB=$tmp/bench.db
sqlite3 "$SRC" ".backup '$DB'"

run() { "$IBIS" --datadir "$DATADIR" --config /dev/null --db "$DB" --today "$TODAY" "$@"; }
timed() {
	local start end
	start=$(date +%s.%N)
	run "$@" >"$tmp/doc"
	end=$(date +%s.%N)
	awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}'
}

export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color ESCDELAY=25
unset NO_COLOR

median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

scores=$(sqlite3 "$DB" "SELECT count(*) FROM indicator_scores")
schools=$(sqlite3 "$DB" "SELECT count(*) FROM schools")
school=$(sqlite3 "$DB" "SELECT id FROM schools ORDER BY name LIMIT 1")

steps=(--step 'hgw=H')
# The cursor starts on 1.1 and goes down one row per score: the 29 indicators.
for ((i = 0; i < 29; i++)); do
	steps+=(--step "score=$((i % 4 + 1))")
done
steps+=(--step 'set=\t' --step 'view=v' --step 'back=\e' --step 'basis=B'
	--step 'status=2' --step 'back=\e' --step 'school=S' --step 'back=\e')
"$PTYBENCH" --expect Help --quiet 150 "${steps[@]}" -- "$IBIS" --datadir "$DATADIR" \
	--config /dev/null --db "$DB" --today "$TODAY" >"$tmp/out"

hgw=$(grep '^hgw ' "$tmp/out" | field ms)
score=$(grep '^score ' "$tmp/out" | field ms | median)
score_max=$(grep '^score ' "$tmp/out" | field ms | sort -n | tail -n 1)
set_ms=$(grep '^set ' "$tmp/out" | field ms)
view=$(grep '^view ' "$tmp/out" | field ms)
basis=$(grep '^basis ' "$tmp/out" | field ms)
status=$(grep '^status ' "$tmp/out" | field ms)
school_ms=$(grep '^school ' "$tmp/out" | field ms)
rss=$(grep '^peak_rss_kb' "$tmp/out" | field peak_rss_kb)
stored=$(sqlite3 "$DB" "SELECT count(*) FROM indicator_scores WHERE school_id = $school
	AND set_id = 'hgw' AND school_year = 2026 AND assessor = '' AND score IS NOT NULL")

sop_s=$(timed export sop --school "$school" --format html)
grid_s=$(timed export grid --school "$school" --year 2026 --format csv)
report_s=$(timed report grid --school "$school")

echo
echo "School side at $PUPILS pupils: $schools schools, $scores HGW cells, 80x24"
printf '  open the HGW-raster (H):   %8s ms   (target < 50 ms)\n' "$hgw"
printf '  score typed:      median %8s ms   (target < 20 ms; slowest %s ms; %s cells stored)\n' \
	"$score" "$score_max" "$stored"
printf '  Tab to the next set:       %8s ms   (target < 50 ms)\n' "$set_ms"
printf '  v to the assessors:        %8s ms   (target < 50 ms)\n' "$view"
printf '  open the checklist (B):    %8s ms   (target < 50 ms)\n' "$basis"
printf '  status set in a cell:      %8s ms   (target < 20 ms)\n' "$status"
printf '  open the School screen (S):%8s ms   (target < 50 ms)\n' "$school_ms"
printf '  export sop (html):         %8s s    (target < 0.2 s)\n' "$sop_s"
printf '  export grid (csv):         %8s s    (target < 0.2 s)\n' "$grid_s"
printf '  report grid:               %8s s    (target < 0.2 s)\n' "$report_s"
printf '  peak resident memory:      %8s kB   (target < 20480 kB)\n' "$rss"
