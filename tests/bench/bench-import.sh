#!/bin/sh
# bench-import.sh - how long `ibis import pupils` takes for a pupil file of a
# whole samenwerkingsverband (target: under 2 s for 50,000 rows).
#
#   IBIS=./ibis sh tests/bench/bench-import.sh
#
# Environment: IBIS (the program, default ./ibis), IBIS_DATADIR (default
# data), BENCH_PUPILS (default 50000), BENCH_RUNS (default 5). Measure an
# optimised build without sanitizers: a sanitizer build is several times
# slower.
#
# The file: `ibis export pupils` of `ibis demo` with enough pupils that
# BENCH_PUPILS of them are at school, cut to BENCH_PUPILS rows. A fresh
# `ibis init` database has one school, so the import runs with --school 1 and
# the file's leerlingnummers (unique per demo school only) are replaced by the
# pupil's Id; its groups (5A, 4/5, ...) are made in that school by the first
# import. Each run imports the file into a fresh database, then imports it
# again into that database, which must change nothing. Prints the median and
# the slowest run of both, the peak resident memory, and what ibis said.
set -eu

IBIS=${IBIS:-./ibis}
DATADIR=${IBIS_DATADIR:-data}
PUPILS=${BENCH_PUPILS:-50000}
RUNS=${BENCH_RUNS:-5}
TODAY=2026-11-23
TARGET=2.0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ibis() { "$IBIS" --datadir "$DATADIR" --config /dev/null --today "$TODAY" "$@"; }

# About three in four demo pupils are at school; the rest have left.
DEMO_PUPILS=$((PUPILS * 4 / 3 + 1000))
echo "making a demo database of $DEMO_PUPILS pupils and a file of $PUPILS of them"
ibis --db "$tmp/demo.db" demo --pupils "$DEMO_PUPILS" >/dev/null
ibis --db "$tmp/demo.db" export pupils --output "$tmp/export.csv"
awk -F';' -v OFS=';' -v n="$PUPILS" 'NR == 1 { print; next } NR <= n + 1 { $2 = $1; print }' \
	"$tmp/export.csv" >"$tmp/pupils.csv"
rows=$(($(wc -l <"$tmp/pupils.csv") - 1))
echo "pupil file: $rows rows, $(wc -c <"$tmp/pupils.csv") bytes"
[ "$rows" -eq "$PUPILS" ] || { echo "the demo has fewer than $PUPILS pupils at school" >&2; exit 1; }

# Run one import; its wall-clock seconds, CPU seconds (user + system) and
# peak kB into $secs, $cpu and $kb, its stdout into $tmp/out.
measure() {
	/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$IBIS" --datadir "$DATADIR" \
		--config /dev/null --today "$TODAY" "$@" >"$tmp/out" 2>"$tmp/err" || {
		echo "failed: ibis $*" >&2
		cat "$tmp/err" >&2
		exit 1
	}
	read -r secs user sys kb <"$tmp/time"
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}

median() { sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
largest() { sort -n | tail -n 1; }

: >"$tmp/fresh"
: >"$tmp/again"
: >"$tmp/fresh.cpu"
: >"$tmp/again.cpu"
: >"$tmp/rss"
fresh_counts=
again_counts=
for run in $(seq "$RUNS"); do
	rm -f "$tmp/fresh.db" "$tmp/fresh.db-wal" "$tmp/fresh.db-shm"
	ibis --db "$tmp/fresh.db" init >/dev/null
	measure --db "$tmp/fresh.db" import pupils "$tmp/pupils.csv" --school 1
	echo "$secs" >>"$tmp/fresh"
	echo "$cpu" >>"$tmp/fresh.cpu"
	echo "$kb" >>"$tmp/rss"
	[ -n "$fresh_counts" ] || fresh_counts=$(cat "$tmp/out")
	measure --db "$tmp/fresh.db" import pupils "$tmp/pupils.csv" --school 1
	echo "$secs" >>"$tmp/again"
	echo "$cpu" >>"$tmp/again.cpu"
	echo "$kb" >>"$tmp/rss"
	[ -n "$again_counts" ] || again_counts=$(cat "$tmp/out")
done

fresh=$(median <"$tmp/fresh")
again=$(median <"$tmp/again")
verdict() { awk -v s="$1" -v t="$TARGET" 'BEGIN { print (s < t) ? "ok" : "TOO SLOW" }'; }

echo
echo "$RUNS runs; wall clock (CPU user+system in brackets), target < $TARGET s:"
echo "import of $rows rows into a fresh database: median $fresh s ($(median <"$tmp/fresh.cpu") s)," \
	"slowest $(largest <"$tmp/fresh") s: $(verdict "$fresh")"
echo "  ibis: $fresh_counts"
echo "re-import into the same database:          median $again s ($(median <"$tmp/again.cpu") s)," \
	"slowest $(largest <"$tmp/again") s: $(verdict "$again")"
echo "  ibis: $again_counts"
echo "peak resident memory of an import: $(largest <"$tmp/rss") kB"
