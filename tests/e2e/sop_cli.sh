#!/bin/sh
# sop_cli.sh - the school side on the command line, end to end on the demo
# database: ibis export sop (the SOP in Markdown and HTML, and as a
# schoolgids section for parents), ibis export grid (every indicator of both
# sets, scored or not, with a column group per assessor), ibis report grid
# (the means per section for two school years with the change), the demo's
# school side itself (deterministic, every part filled), and the usage and
# input errors. Plain shell, no terminal; TAP.
#
# Needs IBIS and IBIS_DATADIR (set by `make check`) and sqlite3 to compare
# with what the demo stored. Everything happens in a private folder with HOME
# and the XDG folders pointed into it.

. "$(dirname "$0")/lib.sh"

cli_setup sop
DB=$T/demo.db

command -v sqlite3 >/dev/null 2>&1 || {
	echo "1..0 # SKIP sqlite3 is not installed"
	exit 0
}

q() {
	sqlite3 -batch -noheader "$DB" "$1"
}

# --today is 2026-11-23: school year 2026-2027, the one before 2025-2026.
NOW=2026
PREV=2025

# The names of the sections of data/indicators/$1.ini, in order.
section_names() {
	awk '/^\[sectie / { s = 1; next } s && /^naam = / {
		sub(/^naam = "/, ""); sub(/"$/, ""); print; s = 0 }' \
		"$IBIS_DATADIR/indicators/$1.ini"
}

# The CSV on stdin as one line per record, fields separated by '|' (the
# demo's texts hold no '|'), quotes undone; CR LF line ends dropped.
csv_fields() {
	tr -d '\r' | awk '{
		n = 0; f = ""; q = 0; out = ""
		for (i = 1; i <= length($0); i++) {
			c = substr($0, i, 1)
			if (q) {
				if (c == "\"") {
					if (substr($0, i + 1, 1) == "\"") { f = f "\""; i++ }
					else q = 0
				} else f = f c
			} else if (c == "\"") q = 1
			else if (c == ";") { out = out f "|"; f = "" }
			else f = f c
		}
		print out f
	}'
}

cli_demo "$DB"

run --help
check "--help describes export sop, export grid and report grid" eval \
	'status_is 0 && out_has "export sop [--school S] [--year JJJJ] [--format md|html]" &&
	 out_has "[--as sop|schoolgids] [--output BESTAND]" &&
	 out_has "export grid [--school S] --year JJJJ [--format csv|md] [--output BESTAND]" &&
	 out_has "report grid [--school S] [--year JJJJ] [--format text|csv|md]"'

# ------------------------------------------------------------ the demo

check "the demo's school side: expertise, professionalisering over four years, aanbod, grenzen" eval \
	'[ "$(q "SELECT count(*) FROM sop_expertise WHERE school_year = $NOW
		 AND expertise = '\''Bouwcoördinatoren'\'' AND staff_count = 3 AND trained = 1
		 AND in_training = 2")" = 1 ] &&
	 [ "$(q "SELECT count(*) FROM sop_expertise WHERE school_year = $NOW
		 AND expertise = '\''Intern begeleider'\''")" = 1 ] &&
	 [ "$(q "SELECT count(DISTINCT school_year) FROM sop_professionalisering
		 WHERE school_year BETWEEN $NOW - 3 AND $NOW")" = 4 ] &&
	 [ "$(q "SELECT count(DISTINCT scope) FROM sop_professionalisering")" = 2 ] &&
	 [ "$(q "SELECT count(DISTINCT kenmerk) FROM sop_aanbod WHERE school_year = $NOW")" = \
	   "$(grep -c "^\[kindkenmerk " "$IBIS_DATADIR/sop.ini")" ] &&
	 [ "$(q "SELECT count(DISTINCT heading) FROM sop_grenzen WHERE school_year = $NOW")" = \
	   "$(sed -n "/^\[grenzen\]/,\$p" "$IBIS_DATADIR/sop.ini" | grep -c "^[0-9]* = ")" ]'

check "the demo's checklist: both years, mostly voldoet, some deels, some open" eval \
	'[ "$(q "SELECT count(DISTINCT school_year) FROM basis_checklist")" = 2 ] &&
	 [ "$(q "SELECT count(*) FROM basis_checklist WHERE school_year = $NOW")" -ge 36 ] &&
	 [ "$(q "SELECT count(*) FROM basis_checklist WHERE school_year = $NOW
		 AND status = '\''voldoet'\''")" -gt \
	   "$(q "SELECT count(*) FROM basis_checklist WHERE school_year = $NOW
		 AND status = '\''deels'\''")" ] &&
	 [ "$(q "SELECT count(*) FROM basis_checklist WHERE status = '\''deels'\''")" -gt 0 ] &&
	 [ "$(q "SELECT count(*) FROM basis_checklist WHERE description IS NOT NULL")" -gt 0 ]'

check "the demo's grid: both sets, two years, IB'er and Directie in the current year" eval \
	'[ "$(q "SELECT count(DISTINCT set_id) FROM indicator_scores")" = 2 ] &&
	 [ "$(q "SELECT count(*) FROM indicator_scores WHERE school_year = $PREV
		 AND assessor = '\'''\'' AND score IS NOT NULL")" = 51 ] &&
	 [ "$(q "SELECT count(DISTINCT assessor) FROM indicator_scores
		 WHERE school_year = $NOW AND set_id = '\''hgw'\''")" = 3 ] &&
	 [ "$(q "SELECT count(*) FROM indicator_scores WHERE evidence IS NOT NULL")" -gt 3 ]'

run --db "$T/again.db" demo --seed 1
DUMP="SELECT set_id, indicator, school_year, assessor, score, evidence FROM indicator_scores
	ORDER BY 1, 2, 3, 4; SELECT expertise, staff_count, trained, in_training FROM sop_expertise
	ORDER BY 1; SELECT area, aspect, school_year, status, description, note, document
	FROM basis_checklist ORDER BY 1, 2, 3; SELECT topic, scope, planned_date, done_date
	FROM sop_professionalisering ORDER BY 1, 3"
check "the same seed makes the same school side" eval \
	'status_is 0 && [ "$(sqlite3 -batch "$DB" "$DUMP" | cksum)" = \
	 "$(sqlite3 -batch "$T/again.db" "$DUMP" | cksum)" ]'

# ------------------------------------------------------------ export sop

run --db "$DB" export sop
cp "$T/out" "$T/sop.md"
ORDER_OK=1
last=0
for h in "Gegevens van de school" "Basisondersteuning" "Ondersteuningsniveaus" \
	"Aanwezige expertise" "Professionalisering" "Aanbod per kindkenmerk" \
	"Grenzen aan zorg" "Handelingsgericht werken"; do
	n=$(grep -n -x -F "## $h" "$T/sop.md" | head -n 1 | cut -d: -f1)
	if [ -z "$n" ] || [ "$n" -le "$last" ]; then
		ORDER_OK=0
		echo "# heading ‘## $h’ missing or out of order"
	else
		last=$n
	fi
done
check "export sop (Markdown): every part of the SOP, in order" eval \
	'status_is 0 && [ "$ORDER_OK" = 1 ] && head -n 1 "$T/sop.md" | grep -q "^# "'
check "the SOP holds the demo's expertise, aanbod and grenzen" eval \
	'out_has "Bouwcoördinatoren" && out_has "Intern begeleider" &&
	 out_has "Verstoring van rust en veiligheid" &&
	 out_has "$(sed -n "s/^naam = \"\(Leer- en ontwikkelingsproblemen\)\"$/\1/p" \
		"$IBIS_DATADIR/sop.ini")"'

run --db "$DB" export sop --format html
check "export sop --format html: one complete page" eval \
	'status_is 0 && head -n 1 "$T/out" | grep -q -x "<!DOCTYPE html>" &&
	 [ "$(grep -c "<html" "$T/out")" = 1 ] && tail -n 1 "$T/out" | grep -q "</html>" &&
	 out_has "<h2>Aanwezige expertise</h2>" && out_has "<h2>Grenzen aan zorg</h2>" &&
	 ! out_has "<script"'

run --db "$DB" export sop --as schoolgids
PARENTS_OK=1
for h in "Ondersteuning op onze school" "Wat iedere leerling krijgt: de basisondersteuning" \
	"Als uw kind meer nodig heeft" "Deskundigheid in de school" "Wat wij extra bieden" \
	"Waar onze grenzen liggen" "U en uw kind praten mee"; do
	grep -q -x -F "## $h" "$T/out" || { PARENTS_OK=0; echo "# missing ‘## $h’"; }
done
NO_SCORES=1
section_names hgw >"$T/sections"
while read -r s; do
	grep -q -F -e "$s" "$T/out" && NO_SCORES=0
done <"$T/sections"
check "--as schoolgids: the parents' parts, and no HGW scores" eval \
	'status_is 0 && [ "$PARENTS_OK" = 1 ] && [ "$NO_SCORES" = 1 ] &&
	 ! out_has "## Handelingsgericht werken"'

run --db "$DB" export sop --year "$PREV-$NOW"
check "export sop --year 2025-2026 names that school year" eval \
	'status_is 0 && out_has "2025-2026"'

mkdir "$T/docs"
run --db "$DB" export sop --output "$T/docs/sop.md"
check "--output writes the same document, and nothing else stays in the folder" eval \
	'status_is 0 && [ ! -s "$T/out" ] && cmp -s "$T/docs/sop.md" "$T/sop.md" &&
	 [ "$(ls -A "$T/docs")" = "sop.md" ]'

# ------------------------------------------------------------ export grid

HEAD="Set;Sectie;Sectienaam;Indicator;Tekst;Score;Normering;Onderbouwing"
EXTRA=";Score (Directie);Normering (Directie);Onderbouwing (Directie)"
EXTRA="$EXTRA;Score (IB'er);Normering (IB'er);Onderbouwing (IB'er)"

run --db "$DB" export grid --year "$NOW-$((NOW + 1))" --format csv
tr -d '\r' <"$T/out" >"$T/grid.csv"
check "export grid --format csv: the header with the IB'er and Directie columns" eval \
	'status_is 0 && [ "$(head -n 1 "$T/grid.csv")" = "$HEAD$EXTRA" ]'
check "export grid: 51 indicator lines (29 hgw + 22 inspectie)" eval \
	'[ "$(tail -n +2 "$T/grid.csv" | grep -c .)" = 51 ]'

# an indicator of hgw the demo left without an agreed score this year, and
# one it scored
csv_fields <"$T/grid.csv" | tail -n +2 >"$T/grid.txt"
grep -o '^\[indicator [^]]*\]' "$IBIS_DATADIR/indicators/hgw.ini" |
	sed 's/^\[indicator //; s/\]$//' >"$T/hgw.ids"
OPEN=
SCORED=
while read -r id; do
	v=$(q "SELECT score FROM indicator_scores WHERE set_id = 'hgw' AND indicator = '$id'
	       AND school_year = $NOW AND assessor = ''")
	if [ -z "$v" ] && [ -z "$OPEN" ]; then OPEN=$id; fi
	if [ -n "$v" ] && [ -z "$SCORED" ]; then SCORED=$id; SCORE=$v; fi
done <"$T/hgw.ids"
# hgw comes first: its lines are the first 29
head -n 29 "$T/grid.txt" >"$T/grid.hgw"
field6() { awk -F'|' -v id="$1" '$4 == id { print $6 }' "$T/grid.hgw"; }
check "an unscored indicator ($OPEN) has an empty score, a scored one ($SCORED) its score" eval \
	'[ -n "$OPEN" ] && [ -n "$SCORED" ] &&
	 [ "$(awk -F"|" -v id="$OPEN" "\$4 == id" "$T/grid.hgw" | wc -l)" = 1 ] &&
	 [ -z "$(field6 "$OPEN")" ] && [ "$(field6 "$SCORED")" = "$SCORE" ]'
check "the normering's words stand beside a score" eval \
	'awk -F"|" -v id="$SCORED" "\$4 == id { print \$7 }" "$T/grid.hgw" |
	 grep -q "aanwezig / "'

run --db "$DB" export grid --year "$PREV"
tr -d '\r' <"$T/out" >"$T/prev.csv"
check "the year before has no assessors: the agreed columns only, 51 lines" eval \
	'status_is 0 && [ "$(head -n 1 "$T/prev.csv")" = "$HEAD" ] &&
	 [ "$(tail -n +2 "$T/prev.csv" | grep -c .)" = 51 ]'

SID=$(q "SELECT id FROM schools LIMIT 1")
q "INSERT INTO indicator_assessors (school_id, set_id, school_year, assessor)
   VALUES ($SID, 'inspectie', $PREV, 'SWV-consulent')"
run --db "$DB" export grid --year "$PREV"
check "an extra assessor adds her three columns" eval \
	'status_is 0 && [ "$(head -n 1 "$T/out" | tr -d "\r")" = \
	 "$HEAD;Score (SWV-consulent);Normering (SWV-consulent);Onderbouwing (SWV-consulent)" ]'

run --db "$DB" export grid --year "$NOW" --format md
check "export grid --format md: a title, tables, an open score as —" eval \
	'status_is 0 && head -n 1 "$T/out" | grep -q "^# " && grep -q "^| " "$T/out" &&
	 out_has "—" && out_has "$(section_names hgw | head -n 1)"'

run --db "$DB" export grid --year "$NOW" --output "$T/docs/grid.csv"
check "export grid --output writes the file whole" eval \
	'status_is 0 && [ ! -s "$T/out" ] && [ "$(tr -d "\r" <"$T/docs/grid.csv" | head -n 1)" = \
	 "$HEAD$EXTRA" ]'

# ------------------------------------------------------------ report grid

# The agreed mean of hgw section 1 last year, as the report writes it
MEAN=$(q "SELECT printf('%.1f', avg(score)) FROM indicator_scores WHERE set_id = 'hgw'
	  AND assessor = '' AND school_year = $PREV AND indicator LIKE '1.%'
	  AND score IS NOT NULL" | tr . ,)
S1=$(section_names hgw | head -n 1)
run --db "$DB" report grid
check "report grid: both school years, section means and an arrow" eval \
	'status_is 0 && out_has "2025-2026" && out_has "2026-2027" && out_has "Totaal" &&
	 grep -F -e "$S1" "$T/out" | grep -q -F -e "$MEAN" &&
	 grep -q -E "↑|→|↓" "$T/out"'

run --db "$DB" report grid --year "$PREV"
check "report grid --year: the years up to it only" eval \
	'status_is 0 && out_has "2025-2026" && ! out_has "2026-2027"'

run --db "$DB" report grid --format csv
check "report grid --format csv: a header with the years and Verschil" eval \
	'status_is 0 && head -n 1 "$T/out" | grep -q "^Set;Sectie;Sectienaam;" &&
	 head -n 1 "$T/out" | grep -q "Verschil"'

run --db "$DB" report grid --format md
check "report grid --format md: a table" eval 'status_is 0 && grep -q "^| " "$T/out"'

# ------------------------------------------------------------ errors

run --db "$DB" export sop --year 2026-2028
check "a wrong --year exits 2 naming it" eval \
	'status_is 2 && err_has "2026-2028" && err_has "schooljaar" && [ ! -s "$T/out" ]'

run --db "$DB" report grid --year volgend
check "report grid with a wrong --year exits 2 naming it" eval \
	'status_is 2 && err_has "volgend"'

run --db "$DB" export sop --format pdf
check "export sop --format pdf exits 2 naming the choices" eval \
	'status_is 2 && err_has "pdf" && err_has "md of html"'

run --db "$DB" export grid --year "$NOW" --format html
check "export grid --format html exits 2 naming the choices" eval \
	'status_is 2 && err_has "html" && err_has "csv of md"'

run --db "$DB" report grid --format pdf
check "report grid --format pdf exits 2" eval 'status_is 2 && err_has "text, csv of md"'

run --db "$DB" export sop --as ouders
check "an unknown --as exits 2 naming it" eval \
	'status_is 2 && err_has "ouders" && err_has "sop of schoolgids"'

run --db "$DB" export sop --school "Bestaat Niet"
check "an unknown school exits 2 with a Dutch message" eval \
	'status_is 2 && err_has "Geen school ‘Bestaat Niet’"'

run --db "$DB" export grid
check "export grid without --year is a usage error (exit 1)" eval \
	'status_is 1 && err_has "--year"'

run --db "$DB" export sop --all
check "an option of another export is a usage error (exit 1)" eval \
	'status_is 1 && err_has "--all" && err_has "export sop"'

run --db "$DB" export pupils --year 2026
check "--year does not belong to export pupils (exit 1)" eval \
	'status_is 1 && err_has "--year"'

run --db "$DB" report levels --year 2026
check "--year does not belong to report levels (exit 1)" eval \
	'status_is 1 && err_has "--year" && err_has "report levels"'

run --db "$DB" report grid --date 2026-01-01
check "--date does not belong to report grid (exit 1)" eval \
	'status_is 1 && err_has "--date"'

: >"$T/file"
run --db "$DB" export sop --output "$T/file/sop.md"
check "an output that cannot be made exits 2 naming it, and leaves nothing" eval \
	'status_is 2 && err_has "$T/file/sop.md" && [ ! -s "$T/file" ] &&
	 [ "$(ls -A "$T/docs")" = "$(printf "grid.csv\nsop.md")" ]'

if [ -w /dev/full ]; then
	run --db "$DB" export grid --year "$NOW" --output /dev/full
	check "a full disk exits 2 with a Dutch message" eval \
		'status_is 2 && err_has "/dev/full" && err_has "mislukt"'
else
	skip "a full disk exits 2 with a Dutch message" "no /dev/full"
fi

echo "oud" >"$T/docs/sop.md"
run --db "$DB" export sop --output "$T/docs/sop.md" --format pdf
check "a refused export leaves the old file as it was" eval \
	'status_is 2 && [ "$(cat "$T/docs/sop.md")" = oud ]'

run --db "$T/none.db" export sop
check "a database that does not exist exits 3 and is not made" eval \
	'status_is 3 && [ ! -e "$T/none.db" ]'

# ------------------------------------------------------------ several schools

run --db "$T/big.db" demo --seed 2 --pupils 1200
NS=$(sqlite3 -batch -noheader "$T/big.db" "SELECT count(*) FROM schools" 2>/dev/null)
check "a demo of several schools gives each its school side" eval \
	'status_is 0 && [ "${NS:-0}" -ge 2 ] &&
	 [ "$(sqlite3 -batch -noheader "$T/big.db" \
	     "SELECT count(DISTINCT school_id) FROM indicator_scores")" = "$NS" ] &&
	 [ "$(sqlite3 -batch -noheader "$T/big.db" \
	     "SELECT count(DISTINCT school_id) FROM sop_expertise")" = "$NS" ]'

run --db "$T/big.db" export sop
check "with several schools export sop asks for --school (exit 1)" eval \
	'status_is 1 && err_has "--school"'

SNAME=$(sqlite3 -batch -noheader "$T/big.db" "SELECT name FROM schools ORDER BY id DESC LIMIT 1")
run --db "$T/big.db" report grid --school "$SNAME"
check "report grid --school picks one of them" eval \
	'status_is 0 && out_has "$SNAME" && out_has "2026-2027"'

cli_finish
