#!/usr/bin/env bash
# bench-plan.sh - how quick the plan editor is at samenwerkingsverband scale,
# measured as its user sees it: through a pseudo-terminal of 80x24.
#
#   IBIS=./ibis PTYBENCH=tests/bench/ptybench bash tests/bench/bench-plan.sh
#
# Environment as bench-tui.sh: IBIS, PTYBENCH, IBIS_DATADIR, BENCH_PUPILS
# (default 50000), BENCH_DB (a database to reuse; made with `ibis demo` when
# missing). The database is copied first: the benchmark saves a plan. Measure
# an optimised build without sanitizers.
#
# Prints, each with its target:
# - opening the plan editor on an OPP (Enter on the Plannen tab);
# - one typed character in a tekst field, median and slowest of 200;
# - Tab to the next field;
# - saving the plan (F2) with its goals;
# - `ibis export plan ID --format html` of that plan;
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
	"$IBIS" --datadir "$DATADIR" --config /dev/null --db "$SRC" --today "$TODAY" \
		demo --pupils "$PUPILS" >/dev/null
fi
DB=$tmp/bench.db
sqlite3 "$SRC" ".backup '$DB'"

run() { "$IBIS" --datadir "$DATADIR" --config /dev/null --db "$DB" --today "$TODAY" "$@"; }

export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color ESCDELAY=25
unset NO_COLOR

median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

# A pupil whose newest plan (the first row of the Plannen tab) is an OPP and
# whose name, typed in the filter, finds only this pupil.
row=$(sqlite3 "$DB" "SELECT pl.id, p.first_name || ' ' || p.last_name FROM plans pl
	JOIN pupils p ON p.id = pl.pupil_id
	WHERE pl.template_id = 'opp' AND pl.start_date IS NOT NULL AND p.left_date IS NULL
	AND p.tussenvoegsel IS NULL AND NOT EXISTS (SELECT 1 FROM plans x WHERE x.pupil_id = p.id
	AND x.id <> pl.id AND (x.start_date IS NULL OR x.start_date >= pl.start_date))
	AND NOT EXISTS (SELECT 1 FROM pupils y WHERE y.id <> p.id AND y.left_date IS NULL
	AND y.first_name LIKE p.first_name || '%' AND y.last_name LIKE p.last_name || '%')
	LIMIT 1")
[ -n "$row" ] || { echo "no pupil with an OPP as the newest plan in $SRC" >&2; exit 1; }
plan=${row%%|*}
name=${row#*|}
goals=$(sqlite3 "$DB" "SELECT count(*) FROM goals WHERE plan_id = $plan")

steps=(--step "slash=/")
for ((i = 0; i < ${#name}; i++)); do
	c=${name:i:1}
	[ "$c" = " " ] && c='\x20'
	steps+=(--step "f=$c")
done
# Enter ends the filter, Enter opens the Tijdlijn, Tab goes to Plannen, Enter
# opens the newest plan: the OPP.
steps+=(--step 'filter=\r' --step 'dossier=\r' --step 'tab=\t' --step 'open=\r')
# Into the first tekst field (Onderbouwing): Tab past the header fields and
# the one-line Uitstroombestemming.
for _ in $(seq 6); do steps+=(--step 'next=\t'); done
text="Benchtekst: Zoë werkt graag met blokjes en vraagt om uitleg. "
for ((i = 0; i < 200; i++)); do
	c=${text:i%${#text}:1}
	[ "$c" = " " ] && c='\x20'
	steps+=(--step "type=$c")
done
steps+=(--step 'save=\eOQ')
"$PTYBENCH" --expect Help --quiet 150 "${steps[@]}" -- "$IBIS" --datadir "$DATADIR" \
	--config /dev/null --db "$DB" --today "$TODAY" >"$tmp/out"

open=$(grep '^open ' "$tmp/out" | field ms)
typed=$(grep '^type ' "$tmp/out" | field ms | median)
typed_max=$(grep '^type ' "$tmp/out" | field ms | sort -n | tail -n 1)
tabbed=$(grep '^next ' "$tmp/out" | field ms | median)
save=$(grep '^save ' "$tmp/out" | field ms)
rss=$(grep '^peak_rss_kb' "$tmp/out" | field peak_rss_kb)
saved=$(sqlite3 "$DB" "SELECT count(*) FROM plan_fields WHERE plan_id = $plan AND value LIKE '%Benchtekst: Zoë werkt%'")

start=$(date +%s.%N)
run export plan "$plan" --format html >"$tmp/plan.html"
end=$(date +%s.%N)
export_s=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')

echo
echo "Plan editor at $PUPILS pupils: OPP $plan ($goals goals), 80x24"
printf '  open the editor:         %8s ms   (target < 50 ms)\n' "$open"
printf '  typed character:  median %8s ms   (target < 5 ms; slowest %s ms)\n' "$typed" "$typed_max"
printf '  Tab to the next field:   median %8s ms   (target < 5 ms)\n' "$tabbed"
printf '  save (F2):               %8s ms   (target < 50 ms; text saved: %s)\n' "$save" "$saved"
printf '  export plan (html):      %8s s    (target < 0.2 s)\n' "$export_s"
printf '  peak resident memory:    %8s kB   (target < 20480 kB)\n' "$rss"
