#!/usr/bin/env bash
# bench-tui.sh - how quick the Leerlingen screen is at samenwerkingsverband
# scale, measured as its user sees it: through a pseudo-terminal of 80x24.
#
#   IBIS=./ibis PTYBENCH=tests/bench/ptybench bash tests/bench/bench-tui.sh
#
# Environment: IBIS (the program, default ./ibis), PTYBENCH (default
# tests/bench/ptybench), IBIS_DATADIR (default data), BENCH_PUPILS (default
# 50000), BENCH_DB (a database to reuse; made with `ibis demo` when missing),
# BENCH_RUNS (default 11). Measure an optimised build without sanitizers:
# the figures of a sanitizer build are several times slower.
#
# Prints, each with its target:
# - start to the first drawn Leerlingen screen, median of BENCH_RUNS starts;
# - one filter keystroke to the redrawn screen, median over the keystrokes of
#   several searches (typed one key at a time after `/`);
# - bytes written to the terminal for one cursor move, the largest of 20;
# - peak resident memory of the program.
set -euo pipefail

IBIS=${IBIS:-./ibis}
PTYBENCH=${PTYBENCH:-tests/bench/ptybench}
DATADIR=${IBIS_DATADIR:-data}
PUPILS=${BENCH_PUPILS:-50000}
RUNS=${BENCH_RUNS:-11}
TODAY=2026-11-23

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
DB=${BENCH_DB:-$tmp/bench.db}

run() { "$IBIS" --datadir "$DATADIR" --config /dev/null --db "$DB" --today "$TODAY" "$@"; }

if [ ! -e "$DB" ]; then
	echo "making a demo database of $PUPILS pupils in $DB"
	/usr/bin/time -f "demo: %e s, %M kB peak" "$IBIS" --datadir "$DATADIR" \
		--config /dev/null --db "$DB" --today "$TODAY" demo --pupils "$PUPILS" >/dev/null
fi

# A UTF-8 terminal as an IB'er has it; ESCDELAY short so Esc answers at once.
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color ESCDELAY=25
unset NO_COLOR

median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

# The screen has been drawn when the key bar is there; "Help" is on it.
EXPECT=${BENCH_EXPECT:-Help}

# --- start ------------------------------------------------------------------
: >"$tmp/start"
: >"$tmp/rss"
for _ in $(seq "$RUNS"); do
	"$PTYBENCH" --expect "$EXPECT" --quiet 120 -- "$IBIS" --datadir "$DATADIR" \
		--config /dev/null --db "$DB" --today "$TODAY" >"$tmp/out"
	grep '^start ' "$tmp/out" | field ms >>"$tmp/start"
	grep '^peak_rss_kb' "$tmp/out" | field peak_rss_kb >>"$tmp/rss"
done

# --- filter keystrokes ----------------------------------------------------------
# Each search: `/`, then the letters one at a time, then Esc to clear.
: >"$tmp/keys"
for word in berg zoe celik yilmaz jansen de a; do
	steps=(--step "slash=/")
	for ((i = 0; i < ${#word}; i++)); do
		steps+=(--step "key=${word:i:1}")
	done
	steps+=(--step 'esc=\e')
	"$PTYBENCH" --expect "$EXPECT" --quiet 120 "${steps[@]}" -- "$IBIS" --datadir "$DATADIR" \
		--config /dev/null --db "$DB" --today "$TODAY" >"$tmp/out"
	grep '^key ' "$tmp/out" | field ms >>"$tmp/keys"
	grep '^peak_rss_kb' "$tmp/out" | field peak_rss_kb >>"$tmp/rss"
done

# --- cursor moves -----------------------------------------------------------
steps=()
for _ in $(seq 20); do steps+=(--step 'down=\e[B'); done
for _ in $(seq 5); do steps+=(--step 'up=\e[A'); done
"$PTYBENCH" --expect "$EXPECT" --quiet 120 "${steps[@]}" -- "$IBIS" --datadir "$DATADIR" \
	--config /dev/null --db "$DB" --today "$TODAY" >"$tmp/out"
grep -E '^(down|up) ' "$tmp/out" | field bytes | sort -n >"$tmp/move"
grep '^peak_rss_kb' "$tmp/out" | field peak_rss_kb >>"$tmp/rss"

start=$(median <"$tmp/start")
key=$(median <"$tmp/keys")
key_max=$(sort -n "$tmp/keys" | tail -n 1)
move_max=$(tail -n 1 "$tmp/move")
move_med=$(median <"$tmp/move")
rss=$(sort -n "$tmp/rss" | tail -n 1)
pupils=$(run check 2>/dev/null | awk '$1 == "leerlingen" {print $2; exit}')
# The list shows the pupils at school: those an export without --all writes.
active=$(run export pupils 2>/dev/null | awk 'END {print NR - 1}')

echo
echo "Leerlingen at ${pupils:-$PUPILS} pupils ($active at school, in the list), 80x24 ($RUNS starts, $(wc -l <"$tmp/keys") filter keystrokes)"
printf '  start to first screen:   median %8s ms   (target < 50 ms)\n' "$start"
printf '  filter keystroke:        median %8s ms   (target < 5 ms; slowest %s ms)\n' "$key" "$key_max"
printf '  cursor move:             at most %7s bytes (target <= 200; median %s)\n' "$move_max" "$move_med"
printf '  peak resident memory:    %8s kB       (target < 20480 kB)\n' "$rss"
