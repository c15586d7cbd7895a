#!/bin/sh
# levels_cli.sh - the support levels from the command line, end to end on demo
# databases: ibis levels set (raise with a reason, refusals without one, skips),
# levels history, the same flow under each of the four shipped models, ibis
# report levels (text and CSV), levels check and ibis check on levels that do
# not fit, levels remap (preview, --apply, bad models and maps), ibis export
# timeline (Markdown, HTML, --output written whole or not at all), a read-only
# database and the usage errors. Plain shell, no terminal; TAP.
#
# Needs IBIS and IBIS_DATADIR (set by `make check`). Everything happens in a
# private folder with HOME and the XDG folders pointed into it. Pupils are
# picked from `ibis export pupils` and their history, not by fixed ids.

. "$(dirname "$0")/lib.sh"

cli_setup levels
DB=$T/demo.db

# ------------------------------------------------------------------ harness

# ibis for the helpers below: their stderr is kept for the sanitizer check.
ib() {
	"$IBIS" --config "$CONF" --datadir "$IBIS_DATADIR" --today "$TODAY" "$@" \
		2>>"$T/helpers.err"
}

# What a database holds: the counts of ibis check, the pupils, the levels per
# group and one pupil's history; equal before and after a command that must
# not write. $1 the database, $2 the file, $3 a pupil whose history to keep.
snapshot() {
	{
		ib --db "$1" check | grep -v -e '^Database'
		ib --db "$1" export pupils --all
		ib --db "$1" report levels --format csv
		ib --db "$1" levels history "$3"
	} >"$2"
}

# The ids of the active pupils of database $1, in name order, in $T/ids.
pupil_ids() {
	ib --db "$1" export pupils | tr -d '\r' | tail -n +2 | cut -d';' -f1 >"$T/ids"
}

# The first active pupil of database $1 whose current level is the one
# labelled $2 (the model's short name), by its history; "" when none.
pupil_at() {
	pupil_ids "$1"
	while read -r id; do
		ib --db "$1" levels history "$id" >"$T/hist"
		if grep -q "^[0-9-]\{10\}  nu  *$2 (" "$T/hist"; then
			echo "$id"
			return
		fi
	done <"$T/ids"
}

# The current level of pupil $2 in database $1, as history writes it.
level_now() {
	ib --db "$1" levels history "$2" | sed -n 's/^[0-9-]\{10\}  nu  *\([^(]*[^ (]\) (.*$/\1/p'
}

# ibis with the data folder $1 instead of the shipped one, as run does.
run_data() {
	data=$1
	shift
	"$IBIS" --config "$CONF" --datadir "$data" --today "$TODAY" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	note_sanitizer
}

# Keep a sanitizer report of a run outside `run` for cli_finish.
note_sanitizer() {
	if grep -q -e 'Sanitizer' -e 'runtime error' "$T/err"; then
		E2E_SANITIZER=1
		cat "$T/err" >>"$T/sanitizer.log"
	fi
}

# Column $2 of the header of `report levels --format csv` of database $1.
level_head() {
	ib --db "$1" report levels --format csv | head -n 1 | tr -d '\r' | cut -d';' -f"$2"
}

# ---------------------------------------------------------------- the demo

cli_demo "$DB"
cp "$DB" "$T/4-niveaus.db" # the demo's model is the configuration's: 4 niveaus
run --db "$DB" export pupils
tr -d '\r' <"$T/out" >"$T/pupils.csv"
ACTIVE=$(($(wc -l <"$T/pupils.csv") - 1))
SCHOOL=$(sed -n 2p "$T/pupils.csv" | cut -d';' -f8)

run --help
check "--help describes the levels, report and export timeline commands" eval \
	'status_is 0 && out_has "levels set LEERLING NIVEAU" && out_has "levels remap" &&
	 out_has "levels check" && out_has "levels history LEERLING" &&
	 out_has "report levels" && out_has "export timeline LEERLING" && out_has "--reason TEKST"'

# ------------------------------------------------------------------ report

run --db "$DB" report levels
check "report levels: a table with the model's levels, geen and totaal" eval \
	'status_is 0 && grep -q "^Groep  *Niveau 1  *Niveau 2  *Niveau 3  *Niveau 4  *Geen  *Totaal$" "$T/out" &&
	 out_has "23-11-2026" && out_has "2026-2027"'
TOTAL=$(awk '$1 == "Totaal" { print $NF }' "$T/out")
check "the totals row counts every pupil at school" eval '[ "$TOTAL" = "$ACTIVE" ]'
# the rows under the head: the counts are the numbers at the end of a line
SUMS=$(awk '/^Groep / { t = 1; next }
	t && NF { s = 0; for (i = NF - 1; i >= 2 && $i ~ /^[0-9]+$/; i--) s += $i; n++
		  if (s != $NF) bad++ }
	END { print n + 0, bad + 0 }' "$T/out")
check "each row's levels add up to its total" eval '[ "$SUMS" = "10 0" ]'

run --db "$DB" report levels --format csv
tr -d '\r' <"$T/out" >"$T/report.csv"
check "report levels --format csv: the header" eval \
	'status_is 0 && [ "$(head -n 1 "$T/report.csv")" = "School;Groep;Niveau 1;Niveau 2;Niveau 3;Niveau 4;Geen niveau;Totaal" ]'
CSVSUM=$(tail -n +2 "$T/report.csv" | awk -F';' '{ s += $NF } END { print s + 0 }')
CSVROWS=$(tail -n +2 "$T/report.csv" | awk -F';' '{ s = 0; for (i = 3; i < NF; i++) s += $i; if (s != $NF) bad++ } END { print bad + 0 }')
check "the CSV totals add up to the pupils at school, and each row to its total" eval \
	'[ "$CSVSUM" = "$ACTIVE" ] && [ "$CSVROWS" = 0 ] && grep -q "^$SCHOOL;" "$T/report.csv"'

run --db "$DB" report levels --date 01-10-2025
check "report levels --date counts an earlier day in its school year" eval \
	'status_is 0 && out_has "01-10-2025" && out_has "2025-2026"'

run --db "$DB" report levels --format pdf
check "report levels with an unknown --format exits 2" eval 'status_is 2 && err_has "pdf"'

# -------------------------------------------------------------------- set

P=$(pupil_at "$DB" "Niveau 1")
NUMBER=$(awk -F';' -v id="$P" '$1 == id { print $2 }' "$T/pupils.csv")
check "the demo has a pupil at Niveau 1" eval '[ -n "$P" ] && [ -n "$NUMBER" ]'

snapshot "$DB" "$T/before" "$P"
run --db "$DB" levels set "$P" 2
snapshot "$DB" "$T/after" "$P"
check "raising without a reason exits 2 with the rule's message; nothing written" eval \
	'status_is 2 && err_has "reden" && err_has "--reason" && cmp -s "$T/before" "$T/after"'

run --db "$DB" levels set "$P" 3
snapshot "$DB" "$T/after" "$P"
check "skipping a level without a reason is refused; nothing written" eval \
	'status_is 2 && err_has "slaat" && err_has "Niveau 2" && cmp -s "$T/before" "$T/after"'

run --db "$DB" levels set "$P" 7 --reason "x"
check "an unknown level exits 2 with the model's levels to choose from" eval \
	'status_is 2 && err_has "‘7’" && err_has "1  Niveau 1 (" && err_has "4  Niveau 4 ("'

REASON="Cito M5 rekenen E; de extra instructie in de groep was niet genoeg"
run --db "$DB" levels set "$NUMBER" "niveau 2" --reason "$REASON" --date 16-11-2026
check "raising by leerlingnummer and short name (any case) with a reason exits 0" eval \
	'status_is 0 && out_has "Niveau 1 → Niveau 2" && out_has "16-11-2026" &&
	 out_has "omhoog" && out_has "Bespreking: groepsbespreking"'

run --db "$DB" levels history "$P"
check "history shows the new episode, its reason, meeting and author" eval \
	'status_is 0 && grep -q "^16-11-2026  nu  *Niveau 2 (" "$T/out" &&
	 out_has "Reden: $REASON" && out_has "Bespreking: groepsbespreking" &&
	 grep -q "^[0-9-]\{10\}  16-11-2026  Niveau 1 (" "$T/out" && out_has "Door: "'
cp "$T/out" "$T/hist.id"
run --db "$DB" levels history "$NUMBER"
check "history by leerlingnummer is the same" eval 'status_is 0 && cmp -s "$T/out" "$T/hist.id"'

run --db "$DB" levels set "$P" 1 --meeting "leerlingbespreking" --regie "IB’er"
check "lowering needs no reason; --meeting and --regie win over the model" eval \
	'status_is 0 && out_has "Niveau 2 → Niveau 1" && out_has "omlaag" &&
	 out_has "Bespreking: leerlingbespreking" && out_has "Regie: IB’er"'

run --db "$DB" levels set "$P" 1
check "the level the pupil has already is refused" eval 'status_is 2 && [ -s "$T/err" ]'

run --db "$DB" levels set "$P" 2 --reason "x" --date 01-01-2020
check "a step before the open episode's start exits 2" eval 'status_is 2 && [ -s "$T/err" ]'

run --db "$DB" levels set 999999 2 --reason "x"
check "an unknown pupil exits 2" eval 'status_is 2 && err_has "999999"'

# --------------------------------------------------------------- the models

for model in 4-niveaus 5-niveaus-sterke-basis 5-niveaus-sop 6-lagen; do
	MDB=$T/$model.db
	if [ ! -e "$MDB" ]; then
		run --db "$MDB" demo --seed 1 --model "$model"
	fi
	# a fresh 6-lagen demo for the test of levels that no longer fit below
	[ "$model" = 6-lagen ] && cp "$MDB" "$T/short.db"
	L1=$(level_head "$MDB" 3)
	L2=$(level_head "$MDB" 4)
	MP=$(pupil_at "$MDB" "$L1")
	if [ -z "$MP" ] || [ -z "$L2" ]; then
		not_ok "$model: a pupil at $L1" "L1=$L1 L2=$L2 pupil=$MP"
		not_ok "$model: raised with a reason"
		not_ok "$model: the timeline shows it"
		continue
	fi
	run --db "$MDB" levels set "$MP" "$L2"
	check "$model: raising from $L1 to $L2 without a reason exits 2" eval \
		'status_is 2 && err_has "--reason" && [ "$(level_now "$MDB" "$MP")" = "$L1" ]'
	run --db "$MDB" levels set "$MP" 2 --reason "Observatie en toets: $model"
	check "$model: raised with a reason, history shows $L2" eval \
		'status_is 0 && out_has "$L1 → $L2" && [ "$(level_now "$MDB" "$MP")" = "$L2" ]'
	run --db "$MDB" export timeline "$MP"
	check "$model: the exported timeline shows the step and its reason" eval \
		'status_is 0 && out_has "$L2" && out_has "Observatie en toets: $model"'
done

# ------------------------------------------------------------ check, remap

run --db "$DB" levels check
check "levels check on a database whose levels fit exits 0" eval \
	'status_is 0 && out_line "Alle niveaus passen bij het model van $SCHOOL (4 niveaus)."'

LDB=$T/6-lagen.db
# What the model expects and the pupil lacks is a warning, not a refusal.
WP=$(pupil_at "$LDB" "Laag 2")
run --db "$LDB" levels set "$WP" "laag 4" --reason "Het OOP gaf te weinig resultaat"
check "6-lagen: a step to Laag 4 warns that an OPP is expected, and is recorded" eval \
	'[ -n "$WP" ] && status_is 0 && grep -q "^waarschuwing: .*OPP" "$T/err" &&
	 [ "$(level_now "$LDB" "$WP")" = "Laag 4" ]'
LP=$(pupil_at "$LDB" "Laag 1")
snapshot "$LDB" "$T/before" "$LP"
run --db "$LDB" levels remap --to 4-niveaus
cp "$T/out" "$T/preview"
snapshot "$LDB" "$T/after" "$LP"
check "remap preview: every pupil's move and the counts, and nothing written" eval \
	'status_is 0 && grep -q "^ *$LP  .*: Laag 1 → Niveau 1$" "$T/preview" &&
	 grep -q "^  Laag 1 → Niveau 1  *[0-9][0-9]*$" "$T/preview" &&
	 out_has "Dit is een voorbeeld; er is niets gewijzigd." &&
	 out_has "wordt 4-niveaus (nu 6-lagen)" && cmp -s "$T/before" "$T/after"'
run --db "$LDB" levels check
check "after the preview the levels still fit (6 lagen)" eval 'status_is 0 && out_has "(6 lagen)"'

run --db "$LDB" levels remap --to 7-niveaus
check "remap to an unknown model exits 2 naming the models there are" eval \
	'status_is 2 && err_has "7-niveaus" && err_has "4-niveaus" && err_has "6-lagen"'
run --db "$LDB" levels remap --to 4-niveaus --map 5=9
check "a map to a level the model lacks exits 2" eval 'status_is 2 && err_has "5=9"'
run --db "$LDB" levels remap --to 4-niveaus --map "vijf"
check "a map that is no mapping exits 2" eval 'status_is 2 && err_has "vijf"'
snapshot "$LDB" "$T/after" "$LP"
check "the refused remaps wrote nothing" cmp -s "$T/before" "$T/after"

# A pupil placed at Laag 5, mapped to Niveau 3 instead of the default.
PLACED=$(sed -n 2p "$T/ids")
[ "$PLACED" = "$LP" ] && PLACED=$(sed -n 3p "$T/ids")
run --db "$LDB" levels set "$PLACED" 5 --reason "TLV voor het SBO afgegeven"
PLACED_OK=$rc
run --db "$LDB" levels remap --to 4-niveaus --map 5=3 --date 24-11-2026
check "the preview follows --map" eval \
	'[ "$PLACED_OK" = 0 ] && status_is 0 && grep -q "^ *$PLACED  .*: Laag 5 → Niveau 3$" "$T/out"'

run --db "$LDB" levels remap --to 4-niveaus --map 5=3 --date 24-11-2026 --apply
check "remap --apply exits 0 and says how many pupils moved" eval \
	'status_is 0 && grep -q "^[0-9][0-9]* leerlingen van .* omgezet naar 4 niveaus (4-niveaus) op 24-11-2026" "$T/out" &&
	 out_has "is nu 4-niveaus"'
run --db "$LDB" levels history "$LP"
check "history shows the Omgezet step in the new model" eval \
	'status_is 0 && grep -q "^24-11-2026  nu  *Niveau 1 (" "$T/out" && out_has "Omgezet" &&
	 grep -q "  24-11-2026  Laag 1 (" "$T/out"'
check "the placed pupil is at Niveau 3" eval '[ "$(level_now "$LDB" "$PLACED")" = "Niveau 3" ]'
run --db "$LDB" levels check
check "after the remap the levels fit the new model" eval 'status_is 0 && out_has "(4 niveaus)"'
run --db "$LDB" report levels --format csv --date 24-11-2026
check "the report on the day of the remap names the new model's levels" eval \
	'status_is 0 && out_has "Niveau 1;Niveau 2;Niveau 3;Niveau 4;Geen niveau;Totaal"'
run --db "$LDB" report levels --format csv
check "the day before, the placed pupil is counted at level 5, beyond the new model" eval \
	'status_is 0 && out_has "Niveau 4;Niveau 5;Geen niveau;Totaal" &&
	 [ "$(tr -d "\r" <"$T/out" | awk -F";" "NR > 1 { s += \$7 } END { print s }")" = 1 ]'
run --db "$LDB" levels remap --to 4-niveaus --apply
check "a second remap has nothing to do" eval 'status_is 0 && out_has "passen al bij"'

# Levels that do not fit: the schools' own copies of 6-lagen and
# 5-niveaus-sop lose their levels above 4 while a pupil is at level 5.
mkdir -p "$T/short"
cp -R "$IBIS_DATADIR/." "$T/short/"
for model in 6-lagen 5-niveaus-sop; do
	awk '/^\[/ { skip = $0 ~ /^\[niveau [5-9]\]$/ } !skip' "$IBIS_DATADIR/levels/$model.ini" |
		sed 's/^niveaus = [0-9]$/niveaus = 4/' >"$T/short/levels/$model.ini"
done
SDB=$T/short.db
pupil_ids "$SDB"
SP=$(sed -n 4p "$T/ids")
run --db "$SDB" levels set "$SP" 5 --reason "Plaatsing op het SBO"
run_data "$T/short" --db "$SDB" levels check
check "levels check lists a level the model no longer has and exits 2 saying how to fix it" eval \
	'status_is 2 && out_line "Id;Naam;Groep;Model;Niveau" && grep -q "^$SP;.*;6-lagen;5$" "$T/out" &&
	 [ "$(wc -l <"$T/out")" -eq 2 ] && err_has "ibis levels remap"'
run_data "$T/short" --db "$SDB" check
check "ibis check lists that pupil as a problem" eval \
	'status_is 3 && grep -q "^  - Leerling $SP .* niveau 5 in model 6-lagen" "$T/out"'
run_data "$T/short" --db "$SDB" levels remap --to 6-lagen --apply
check "remap onto the shortened model moves only that pupil, to its highest regular level" eval \
	'status_is 0 && grep -q "^1 leerling van .* omgezet" "$T/out" && out_has "niveau 5 (6-lagen) → Laag 4"'
run_data "$T/short" --db "$SDB" levels check
check "then levels check passes" eval 'status_is 0 && out_has "Alle niveaus passen"'

# Two schools, each checked against its own model: a pupil at level 5 of
# the second school's 5-niveaus-sop fits 5 levels, not the shortened 4.
TDB=$T/twee.db
run --db "$TDB" demo --seed 1 --pupils 1100
run --db "$TDB" levels check
check "levels check of two schools says for each that all levels fit" eval \
	'status_is 0 && [ "$(grep -c "^Alle niveaus passen bij het model van " "$T/out")" -eq 2 ] &&
	 out_has "(5 niveaus (SOP))"'
run --db "$TDB" export pupils
tr -d '\r' <"$T/out" >"$T/twee.csv"
SECOND=$(awk -F';' 'NR > 1 { print $8 }' "$T/twee.csv" | sort -u | sed -n 2p)
TP=$(awk -F';' -v s="$SECOND" 'NR > 1 && $8 == s { print $1; exit }' "$T/twee.csv")
run --db "$TDB" levels set "$TP" 5 --reason "Extra zware ondersteuning nodig"
TP_OK=$rc
run --db "$TDB" report levels --school "$SECOND" --format csv
AT5=$(tr -d '\r' <"$T/out" | awk -F';' 'NR > 1 { s += $7 } END { print s + 0 }')
run_data "$T/short" --db "$TDB" levels check
check "with the shortened model the pupils at level 5 do not fit, named under their school" eval \
	'[ "$TP_OK" = 0 ] && status_is 2 && [ "$(($(wc -l <"$T/out") - 1))" -eq "$AT5" ] &&
	 grep -q "^$TP;.*;5-niveaus-sop;5$" "$T/out" &&
	 [ "$(grep -c ";5-niveaus-sop;5$" "$T/out")" -eq "$AT5" ] &&
	 err_has "$AT5 leerlingen van $SECOND hebben" && [ "$(grep -c "^ibis: " "$T/err")" -eq 1 ]'
run_data "$T/short" --db "$TDB" levels check --school "$SECOND"
check "levels check --school of that school lists the pupil" eval \
	'status_is 2 && grep -q "^$TP;" "$T/out"'
FIRST=$(awk -F';' 'NR > 1 { print $8 }' "$T/twee.csv" | sort -u | sed -n 1p)
run_data "$T/short" --db "$TDB" levels check --school "$FIRST"
check "levels check --school of the other school passes" eval \
	'status_is 0 && out_line "Alle niveaus passen bij het model van $FIRST (4 niveaus)."'

# A leerlingnummer is unique within a school only: one that pupils of both
# schools have, or one that is the Id of another pupil, names nobody.
NUM1=$(awk -F';' -v s="$FIRST" 'NR > 1 && $8 == s && $2 != "" { print $2; exit }' "$T/twee.csv")
ID1=$(awk -F';' -v n="$NUM1" 'NR > 1 && $2 == n { print $1; exit }' "$T/twee.csv")
{
	printf 'Leerlingnummer;Roepnaam;Achternaam;Geboortedatum\r\n'
	printf '%s;Dubbel;Nummer;03-03-2017\r\n' "$NUM1"
	printf '%s;Id;Nummer;04-04-2017\r\n' "$TP"
} >"$T/dubbel.csv"
run --db "$TDB" import pupils "$T/dubbel.csv" --school "$SECOND"
IMPORT_OK=$rc
run --db "$TDB" levels history "$NUM1"
check "a leerlingnummer of pupils of two schools is refused with both listed" eval \
	'[ "$IMPORT_OK" = 0 ] && status_is 2 && err_has "hoort bij 2 leerlingen" &&
	 grep -q "^  $ID1  .*($FIRST)$" "$T/err" && grep -q "^  [0-9]*  Dubbel Nummer ($SECOND)$" "$T/err"'
run --db "$TDB" levels history "$TP"
check "the Id of one pupil that is another's leerlingnummer is refused, both named" eval \
	'status_is 2 && err_has "is het Id van" && grep -q "^  [0-9]*  Id Nummer ($SECOND)$" "$T/err"'
run --db "$TDB" levels history "$ID1"
check "the pupil is still found by its own Id" eval 'status_is 0 && out_has "(Id $ID1)"'

# ---------------------------------------------------------- export timeline

LAST=$(awk -F';' -v id="$P" '$1 == id { print $5 }' "$T/pupils.csv")
run --db "$DB" export timeline "$P"
check "export timeline (Markdown): title, a level row with its reason" eval \
	'status_is 0 && grep -q "^# .*$LAST" "$T/out" &&
	 grep -q "^| 16-11-2026 | .*Niveau 2.*$REASON" "$T/out"'
cp "$T/out" "$T/timeline.md"

run --db "$DB" export timeline "$P" --format html
check "export timeline --format html: a whole page with the level row" eval \
	'status_is 0 && out_has "<!DOCTYPE html>" && out_has "<title>" && out_has "</html>" &&
	 out_has "Niveau 2" && ! out_has "<script"'

printf 'Roepnaam;Achternaam;Geboortedatum;Groep\r\nAnna <b>&;Vries;01-02-2018;5A\r\n' >"$T/odd.csv"
run --db "$DB" import pupils "$T/odd.csv"
run --db "$DB" export pupils
ODD=$(tr -d '\r' <"$T/out" | awk -F';' '/Anna <b>&/ { print $1 }')
run --db "$DB" levels history "$ODD"
check "a pupil without levels has an empty history" eval 'status_is 0 && out_has "Geen niveaus vastgelegd."'
run --db "$DB" levels set "$ODD" 1
check "the first level of a new pupil needs no reason" eval 'status_is 0 && out_has "geen niveau → Niveau 1"'
run --db "$DB" export timeline "$ODD" --format html
check "HTML escapes a name with < and &" eval \
	'status_is 0 && out_has "Anna &lt;b&gt;&amp;" && ! out_has "Anna <b>"'

mkdir "$T/docs"
run --db "$DB" export timeline "$P" --output "$T/docs/tijdlijn.md"
check "--output writes the same document, and nothing else stays in the folder" eval \
	'status_is 0 && [ ! -s "$T/out" ] && cmp -s "$T/docs/tijdlijn.md" "$T/timeline.md" &&
	 [ "$(ls -A "$T/docs")" = "tijdlijn.md" ]'

# A write that fails half-way (the file size limit stands in for a full
# disk): exit 2 naming the file, the old file untouched, no half file left.
run --db "$DB" levels set "$P" 2 --reason "$(awk 'BEGIN { while (i++ < 7000) printf "Lange reden. "; }')"
LONG_OK=$rc
(
	trap '' XFSZ
	ulimit -f 100
	"$IBIS" --config "$CONF" --datadir "$IBIS_DATADIR" --today "$TODAY" --db "$DB" \
		export timeline "$P" --output "$T/docs/tijdlijn.md" >"$T/out" 2>"$T/err"
	echo $? >"$T/rc"
)
rc=$(cat "$T/rc")
note_sanitizer
check "a write that fails exits 2 naming the file and leaves the old file alone" eval \
	'[ "$LONG_OK" = 0 ] && status_is 2 && err_has "$T/docs/tijdlijn.md" && cmp -s "$T/docs/tijdlijn.md" "$T/timeline.md" &&
	 [ "$(ls -A "$T/docs")" = "tijdlijn.md" ]'

run --db "$DB" export timeline "$P" --output "$T/geen/map/t.md"
check "an output in a missing folder exits 2 naming it" eval \
	'status_is 2 && err_has "$T/geen/map/t.md" && [ ! -e "$T/geen" ]'
if [ -w /dev/full ]; then
	run --db "$DB" export timeline "$P" --output /dev/full
	check "a full disk exits 2" eval 'status_is 2 && err_has "/dev/full"'
else
	skip "a full disk exits 2" "no /dev/full here"
fi
run --db "$DB" export timeline "$P" --format pdf
check "an unknown timeline format exits 2" eval 'status_is 2 && err_has "pdf"'

# ------------------------------------------------------------ read-only

# A file without write bits in a folder without them; root writes anything,
# so the commands run as nobody there.
mkdir "$T/ro"
cp "$DB" "$T/ro/demo.db"
chmod 0444 "$T/ro/demo.db"
chmod 0555 "$T/ro"
as_user=
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	chmod 0755 "$T"
fi
if [ "$(id -u)" -ne 0 ] || [ -n "$as_user" ]; then
	snapshot "$T/ro/demo.db" "$T/before" "$P"
	run_ro() {
		$as_user "$IBIS" --config "$CONF" --datadir "$IBIS_DATADIR" --today "$TODAY" \
			--db "$T/ro/demo.db" "$@" >"$T/out" 2>"$T/err"
		rc=$?
		note_sanitizer
	}
	run_ro levels set "$P" 3 --reason "x"
	check "levels set on a read-only database exits 3" eval 'status_is 3 && err_has "alleen-lezen"'
	run_ro levels remap --to 6-lagen --apply
	check "levels remap --apply on a read-only database exits 3" eval 'status_is 3'
	run_ro levels remap --to 6-lagen
	check "the remap preview works on a read-only database" eval \
		'status_is 0 && out_has "Dit is een voorbeeld"'
	snapshot "$T/ro/demo.db" "$T/after" "$P"
	check "the read-only database is unchanged" cmp -s "$T/before" "$T/after"
	chmod 0700 "$T"
else
	skip "levels set on a read-only database exits 3" "root without setpriv"
	skip "levels remap --apply on a read-only database exits 3" "root without setpriv"
	skip "the remap preview works on a read-only database" "root without setpriv"
	skip "the read-only database is unchanged" "root without setpriv"
fi
chmod 0755 "$T/ro"

# ---------------------------------------------------------------- usage

run --db "$DB" levels
check "levels without a subcommand exits 1" eval 'status_is 1'
run --db "$DB" levels opschonen
check "an unknown levels subcommand exits 1" eval 'status_is 1 && err_has "opschonen"'
run --db "$DB" levels set "$P"
check "levels set without a level exits 1" eval 'status_is 1 && err_has "NIVEAU"'
run --db "$DB" levels check --apply
check "an option of another levels subcommand exits 1" eval \
	'status_is 1 && err_has "--apply" && err_has "levels check"'
run --db "$DB" levels remap
check "levels remap without --to exits 1" eval 'status_is 1 && err_has "--to"'
run --db "$DB" levels history
check "levels history without a pupil exits 1" eval 'status_is 1'
run --db "$DB" report
check "report without what to report exits 1" eval 'status_is 1'
run --db "$DB" report leerlingen
check "an unknown report exits 1" eval 'status_is 1 && err_has "leerlingen"'
run --db "$DB" export timeline
check "export timeline without a pupil exits 1" eval 'status_is 1'
run --db "$DB" levels set "$P" 2 --date 31-02-2026
check "a date that does not exist exits 2" eval 'status_is 2 && err_has "31-02-2026"'
run --db "$T/missing.db" levels check
check "a missing database exits 3" eval 'status_is 3 && [ ! -e "$T/missing.db" ]'

run --db "$DB" check
check "ibis check on the demo after all this is in order" eval 'status_is 0 && out_has "in orde"'

# ------------------------------------------------------------------- the end

if grep -q -e 'Sanitizer' -e 'runtime error' "$T/helpers.err" 2>/dev/null; then
	E2E_SANITIZER=1
	cat "$T/helpers.err" >>"$T/sanitizer.log"
fi
cli_finish
