#!/bin/sh
# import.sh - `ibis import pupils` end to end: the dry run, re-import as a
# no-op, export then import as a round trip (into the same database and into
# a fresh one), the files schools have (Windows-1252, BOM, commas, other
# column names with --map), all or nothing with every problem as
# LINE: field: reason, --skip-invalid and its file, and the refusals (usage,
# missing, read-only and locked database) that leave the database as it was.
# Plain shell, no terminal needed; speaks TAP for automake.
#
# Needs IBIS (the binary) and IBIS_DATADIR (the source tree's data/), both set
# by `make check`; IBIS_TEST_DATA (tests/data) for the fixture files, else
# found beside this script. Everything happens in a private folder, with HOME
# and the XDG folders pointed into it and --config naming an empty file.

. "$(dirname "$0")/lib.sh"

FIXTURES=${IBIS_TEST_DATA:-$(dirname "$0")/../data}/import

cli_setup import
# A test holds the database locked from a background sqlite3.
lock_pid=
cleanup() {
	[ -n "$lock_pid" ] && kill "$lock_pid" 2>/dev/null
	cli_cleanup
}
trap cleanup EXIT
DEMO=$T/demo.db
HEADER='Id;Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep;School;Status'

# ------------------------------------------------------------------ harness

# The whole pupil register of a database (left pupils too), for "unchanged".
snapshot() {
	"$IBIS" --config "$CONF" --datadir "$IBIS_DATADIR" --today "$TODAY" --db "$1" \
		export pupils --all >"$2" 2>>"$T/snapshot.err"
}

unchanged() {
	snapshot "$1" "$T/after.csv" && cmp -s "$2" "$T/after.csv"
}

# Print a CSV without its CR line ends.
lf() { tr -d '\r' <"$1"; }

# ------------------------------------------------------------------ set-up

cli_demo "$DEMO"
run --db "$DEMO" export pupils --output "$T/pupils.csv"
[ "$rc" -eq 0 ] || { echo "Bail out! ibis export failed: $(cat "$T/err")"; exit 1; }
ACTIVE=$(($(wc -l <"$T/pupils.csv") - 1))
SCHOOL=$(lf "$T/pupils.csv" | sed -n 2p | cut -d';' -f8)
GROUP=$(lf "$T/pupils.csv" | sed -n 2p | cut -d';' -f7)
snapshot "$DEMO" "$T/demo.before"

# ------------------------------------------------------------- re-import

run --db "$DEMO" import pupils "$T/pupils.csv"
check "re-importing the export changes nothing" eval \
	'status_is 0 && out_line "0 toegevoegd, 0 gewijzigd, $ACTIVE ongewijzigd." &&
	 unchanged "$DEMO" "$T/demo.before"'

run --db "$DEMO" export pupils --all --output "$T/all.csv"
ALL=$(($(wc -l <"$T/all.csv") - 1))
run --db "$DEMO" import pupils "$T/all.csv"
check "re-importing the export with --all (left pupils too) changes nothing" eval \
	'status_is 0 && [ "$ALL" -gt "$ACTIVE" ] &&
	 out_line "0 toegevoegd, 0 gewijzigd, $ALL ongewijzigd." && unchanged "$DEMO" "$T/demo.before"'

# ---------------------------------------------------------------- dry run

# The first pupil born a day later, and one new pupil.
lf "$T/pupils.csv" | awk -F';' -v OFS=';' -v g="$GROUP" -v s="$SCHOOL" '
	NR == 2 { old = $6; $6 = "02-01-2018"; print; next }
	{ print }
	END { print ";99001;Nieuw;van;Kind;15-05-2018;" g ";" s ";actief" }' >"$T/changed.csv"
OLD_BIRTH=$(lf "$T/pupils.csv" | sed -n 2p | cut -d';' -f6)
FIRST_ID=$(lf "$T/pupils.csv" | sed -n 2p | cut -d';' -f1)
SAME=$((ACTIVE - 1))

run --db "$DEMO" import pupils "$T/changed.csv" --dry-run
check "dry run: exit 0 and the counts, nothing saved" eval \
	'status_is 0 &&
	 out_line "Proefimport: 1 toegevoegd, 1 gewijzigd, $SAME ongewijzigd; er is niets opgeslagen." &&
	 unchanged "$DEMO" "$T/demo.before"'
check "dry run: the pupil it would add" eval \
	'out_line "Toevoegen (1):" &&
	 out_line "  regel $((ACTIVE + 2)): Kind, Nieuw van (15-05-2018), leerlingnummer 99001, groep $GROUP"'
check "dry run: the pupil it would change, with the change" eval \
	'out_line "Wijzigen (1):" &&
	 grep -q -x -F "  regel 2: $(lf "$T/pupils.csv" | sed -n 2p | awk -F";" "{ s = \$5 \", \" \$3; if (\$4 != \"\") s = s \" \" \$4; print s }") (Id $FIRST_ID, op Id): geboortedatum $OLD_BIRTH → 02-01-2018" "$T/out"'
check "dry run: the pupils it would leave as they are" eval \
	'out_line "Ongewijzigd ($SAME):" && [ "$(grep -c "^  regel [0-9]*: .*(Id [0-9]*, op Id)$" "$T/out")" -eq "$SAME" ]'

run --db "$DEMO" import pupils "$T/changed.csv"
check "the import itself: 1 added, 1 changed" eval \
	'status_is 0 && out_line "1 toegevoegd, 1 gewijzigd, $SAME ongewijzigd."'
run --db "$DEMO" import pupils "$T/changed.csv"
check "and once more: nothing" eval \
	'status_is 0 && out_line "0 toegevoegd, 0 gewijzigd, $((ACTIVE + 1)) ongewijzigd."'
run --db "$DEMO" export pupils
check "the export has the new pupil and the new birth date" eval \
	'status_is 0 && out_has ";99001;Nieuw;van;Kind;15-05-2018;$GROUP;$SCHOOL;actief" &&
	 out_has "$FIRST_ID;" && grep -q "^$FIRST_ID;.*;02-01-2018;" "$T/out"'
snapshot "$DEMO" "$T/demo.before"

# ------------------------------------------------------------ round trip

run --db "$T/fresh.db" init --school "$SCHOOL"
run --db "$T/fresh.db" import pupils "$T/pupils.csv"
check "export into a fresh database of the same school adds every pupil" eval \
	'status_is 0 && out_line "$ACTIVE toegevoegd, 0 gewijzigd, 0 ongewijzigd."'
run --db "$T/fresh.db" export pupils --output "$T/fresh.csv"
check "round trip: the fresh database exports the same pupils and groups" eval \
	'status_is 0 && lf "$T/pupils.csv" | cut -d";" -f2- >"$T/a" &&
	 lf "$T/fresh.csv" | cut -d";" -f2- >"$T/b" && cmp -s "$T/a" "$T/b"'
run --db "$T/fresh.db" import pupils "$T/fresh.csv"
check "its own export is a no-op there (matched on Id)" eval \
	'status_is 0 && out_line "0 toegevoegd, 0 gewijzigd, $ACTIVE ongewijzigd."'
run --db "$T/fresh.db" import pupils "$T/pupils.csv"
check "the other database's export too (Ids of strangers are not trusted)" eval \
	'status_is 0 && out_line "0 toegevoegd, 0 gewijzigd, $ACTIVE ongewijzigd."'

run --db "$T/mijn.db" init
snapshot "$T/mijn.db" "$T/mijn.before"
run --db "$T/mijn.db" import pupils "$T/pupils.csv"
check "a school the database does not have: exit 2, named, with the hint" eval \
	'status_is 2 && err_has "‘$SCHOOL’ die niet in de database staat" && err_has "--school" &&
	 unchanged "$T/mijn.db" "$T/mijn.before"'
run --db "$T/mijn.db" import pupils "$T/pupils.csv" --school 1
check "--school puts them in the database's school" eval \
	'status_is 0 && out_line "$ACTIVE toegevoegd, 0 gewijzigd, 0 ongewijzigd."'
run --db "$T/mijn.db" import pupils "$T/pupils.csv" --school "Mijn school"
check "and again by the school's name: nothing" eval \
	'status_is 0 && out_line "0 toegevoegd, 0 gewijzigd, $ACTIVE ongewijzigd."'

# ------------------------------------------------------- all or nothing

{
	echo "$HEADER"
	echo ";99101;Goed;;Kind;01-02-2018;$GROUP;;"
	echo ";99102;;;Leeg;01-02-2018;$GROUP;;"
	echo ";99103;Foute;;Datum;31-02-2018;$GROUP;;"
	echo ";99104;Geen;;Groep;01-02-2018;9Z;;"
	echo ";99105;Te;;Oud;01-02-2000;$GROUP;;"
} >"$T/invalid.csv"
run --db "$DEMO" import pupils "$T/invalid.csv"
check "invalid rows: exit 2, nothing imported" eval \
	'status_is 2 && err_has "4 regels zijn ongeldig; er is niets geïmporteerd" &&
	 unchanged "$DEMO" "$T/demo.before" && [ ! -s "$T/out" ]'
check "every problem on stderr as LINE: field: reason" eval \
	'err_line "3: Roepnaam: ontbreekt" &&
	 err_line "4: Geboortedatum: ‘31-02-2018’ is geen geldige datum; schrijf dd-mm-jjjj" &&
	 grep -q -x "5: Groep: ‘9Z’ bestaat niet in 2026-2027 (wel: .*)" "$T/err" &&
	 err_line "6: Geboortedatum: leeftijd 26 jaar op 23-11-2026 past niet bij de basisschool (3 tot en met 14 jaar)" &&
	 [ "$(grep -c "^[0-9]*: " "$T/err")" -eq 4 ]'
run --db "$DEMO" import pupils "$T/invalid.csv" --dry-run
check "a dry run lists the invalid rows too, and exits 2" eval \
	'status_is 2 && out_line "Ongeldig, zie de fouten op stderr (4):" && err_line "3: Roepnaam: ontbreekt" &&
	 out_line "Proefimport: 1 toegevoegd, 0 gewijzigd, 0 ongewijzigd, 4 ongeldig; er is niets opgeslagen." &&
	 unchanged "$DEMO" "$T/demo.before"'

# ---------------------------------------------------------- --skip-invalid

run --db "$DEMO" import pupils "$T/invalid.csv" --skip-invalid "$T/nergens/afgekeurd.csv"
check "--skip-invalid to a file that cannot be written: exit 2, nothing imported" eval \
	'status_is 2 && err_has "nergens/afgekeurd.csv kan niet worden geschreven" &&
	 unchanged "$DEMO" "$T/demo.before"'
run --db "$DEMO" import pupils "$T/invalid.csv" --skip-invalid "$T/invalid.csv"
check "--skip-invalid naming the input itself is refused" eval \
	'status_is 2 && err_has "het invoerbestand zelf" && unchanged "$DEMO" "$T/demo.before"'
run --db "$DEMO" import pupils "$T/invalid.csv" --skip-invalid "$T/afgekeurd.csv"
check "--skip-invalid imports the valid rows" eval \
	'status_is 0 && out_line "1 toegevoegd, 0 gewijzigd, 0 ongewijzigd, 4 afgekeurd." &&
	 out_has "De afgekeurde regels staan met hun reden in $T/afgekeurd.csv." &&
	 err_line "3: Roepnaam: ontbreekt"'
check "the rejected rows with their reason in the file" eval \
	'lf "$T/afgekeurd.csv" >"$T/rej" && [ "$(wc -l <"$T/rej")" -eq 5 ] &&
	 grep -q -x -F "$HEADER;Reden" "$T/rej" &&
	 grep -q -x -F ";99102;;;Leeg;01-02-2018;$GROUP;;;Roepnaam: ontbreekt" "$T/rej" &&
	 grep -q -x -F ";99103;Foute;;Datum;31-02-2018;$GROUP;;;\"Geboortedatum: ‘31-02-2018’ is geen geldige datum; schrijf dd-mm-jjjj\"" "$T/rej" &&
	 grep -q -x ";99104;Geen;;Groep;01-02-2018;9Z;;;Groep: ‘9Z’ bestaat niet in 2026-2027 (wel: .*)" "$T/rej" &&
	 grep -q -x -F ";99105;Te;;Oud;01-02-2000;$GROUP;;;Geboortedatum: leeftijd 26 jaar op 23-11-2026 past niet bij de basisschool (3 tot en met 14 jaar)" "$T/rej"'
run --db "$DEMO" export pupils
check "the valid row is in the database" eval 'out_has ";99101;Goed;;Kind;01-02-2018;$GROUP;"'
snapshot "$DEMO" "$T/demo.before"

# ------------------------------------------------------- files of schools

run --db "$T/school.db" init --school "OBS De Wilg" --brin 12AB00
run --db "$T/school.db" import pupils "$FIXTURES/parnassys-1252.csv" --dry-run
check "a Windows-1252 file: the ignored column and new groups shown" eval \
	'status_is 0 && out_line "Genegeerde kolommen: Opmerking." &&
	 out_line "Nieuwe groepen: 5A, 7, 4." &&
	 out_line "  regel 2: Çelik, Zoë (03-04-2018), leerlingnummer 1001, groep 5A (nieuw)"'
run --db "$T/school.db" import pupils "$FIXTURES/parnassys-1252.csv"
check "a Windows-1252 file (ParnasSys, Excel) is imported" eval \
	'status_is 0 && out_line "3 toegevoegd, 0 gewijzigd, 0 ongewijzigd."'
run --db "$T/school.db" export pupils
check "its names arrive as UTF-8" eval \
	'out_has ";1001;Zoë;;Çelik;03-04-2018;5A;OBS De Wilg;actief" &&
	 out_has ";1002;Anaïs;van;Hervé;12-11-2016;7;" && out_has ";1003;Noël;;Françoise;31-01-2019;4;"'
run --db "$T/school.db" import pupils "$FIXTURES/esis-bom.csv"
check "once a school has groups, a group the file adds is a problem" eval \
	'status_is 2 && err_line "2: Class: ‘5B’ bestaat niet in 2026-2027 (wel: 4, 5A, 7)"'
run --db "$T/esis.db" init --school "OBS De Wilg"
run --db "$T/esis.db" import pupils "$FIXTURES/esis-bom.csv"
check "a UTF-8 file with BOM, commas and English names is imported" eval \
	'status_is 0 && out_line "3 toegevoegd, 0 gewijzigd, 0 ongewijzigd."'
run --db "$T/esis.db" export pupils
check "with its names and groups" eval \
	'out_has ";2001;Anna;van den;Berg;01-02-2017;5B;OBS De Wilg;actief" &&
	 out_has ";2002;Ĳsbrand;;Yılmaz;30-09-2015;8;" && out_has ";2003;Piet;;Jansen;07-07-2020;3;"'
run --db "$T/school.db" import pupils "$FIXTURES/parnassys-1252.csv"
check "the same school file again: nothing" eval \
	'status_is 0 && out_line "0 toegevoegd, 0 gewijzigd, 3 ongewijzigd."'

printf 'Kind;Familienaam;Geboren;Klas\r\nSem;Vries;1-3-2017;5A\r\n' >"$T/eigen.csv"
run --db "$T/school.db" import pupils "$T/eigen.csv"
check "unknown column names: exit 2 naming what is missing" eval \
	'status_is 2 && err_has "de kop mist de kolommen roepnaam, achternaam, geboortedatum" &&
	 err_has "--map"'
run --db "$T/school.db" import pupils "$T/eigen.csv" --map Kind=roepnaam \
	--map "Familienaam=achternaam" --map Geboren=geboortedatum
check "--map names them" eval 'status_is 0 && out_line "1 toegevoegd, 0 gewijzigd, 0 ongewijzigd."'
run --db "$T/school.db" import pupils "$T/eigen.csv" --map Kind=voornaam
check "--map with an unknown field: exit 2" eval \
	'status_is 2 && err_has "--map ‘Kind=voornaam’: onbekend veld ‘voornaam’"'

# ---------------------------------------------------------------- refusals

run --db "$DEMO" import
check "import without arguments: exit 1" eval 'status_is 1 && err_has "vraagt meer argumenten"'
run --db "$DEMO" import leerkrachten "$T/pupils.csv"
check "an unknown import: exit 1" eval 'status_is 1 && err_has "leerkrachten"'
run --db "$DEMO" import pupils "$T/pupils.csv" --map
check "--map without a value: exit 1" eval 'status_is 1 && err_has "--map"'
run --db "$DEMO" import pupils "$T/pupils.csv" --force
check "an option of another command: exit 1" eval 'status_is 1 && err_has "--force"'
run --db "$DEMO" import pupils "$T/geen.csv"
check "a missing file: exit 2, named" eval \
	'status_is 2 && err_has "$T/geen.csv kan niet worden gelezen"'
printf 'PK\003\004xlsx' >"$T/werkmap.csv"
run --db "$DEMO" import pupils "$T/werkmap.csv"
check "an Excel workbook: exit 2 with what to do" eval \
	'status_is 2 && err_has "Excel-werkmap" && err_has "CSV"'
run --db "$T/nergens.db" import pupils "$T/pupils.csv"
check "a missing database: exit 3, not created" eval \
	'status_is 3 && [ ! -e "$T/nergens.db" ]'
check "after all refusals the database is unchanged" unchanged "$DEMO" "$T/demo.before"

# A read-only database: a file without write bits in a folder without them.
# root may write anything, so the command runs as nobody there.
mkdir "$T/ro"
cp "$DEMO" "$T/ro/demo.db"
chmod 0444 "$T/ro/demo.db"
chmod 0555 "$T/ro"
snapshot "$T/ro/demo.db" "$T/ro.before"
{
	echo "$HEADER"
	echo ";99201;Alleen;;Lezen;01-02-2018;$GROUP;;"
} >"$T/ro.csv"
as_user=
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
		chmod 0755 "$T"
	fi
fi
if [ "$(id -u)" -ne 0 ] || [ -n "$as_user" ]; then
	$as_user "$IBIS" --config "$CONF" --datadir "$IBIS_DATADIR" --today "$TODAY" \
		--db "$T/ro/demo.db" import pupils "$T/ro.csv" >"$T/out" 2>"$T/err"
	rc=$?
	check "a read-only database: exit 3 with a message, nothing written" eval \
		'status_is 3 && err_has "alleen-lezen" && err_has "niets geïmporteerd" &&
		 unchanged "$T/ro/demo.db" "$T/ro.before"'
	$as_user "$IBIS" --config "$CONF" --datadir "$IBIS_DATADIR" --today "$TODAY" \
		--db "$T/ro/demo.db" import pupils "$T/ro.csv" --dry-run >"$T/out" 2>"$T/err"
	rc=$?
	check "a dry run on a read-only database works" eval \
		'status_is 0 && out_line "Proefimport: 1 toegevoegd, 0 gewijzigd, 0 ongewijzigd; er is niets opgeslagen."'
	chmod 0700 "$T"
else
	skip "a read-only database: exit 3 with a message, nothing written" "root without setpriv"
	skip "a dry run on a read-only database works" "root without setpriv"
fi

# A locked database: another process holds the write lock; ibis waits
# wachttijd_ms and gives up.
if command -v sqlite3 >/dev/null 2>&1 && command -v mkfifo >/dev/null 2>&1; then
	printf '[database]\nwachttijd_ms = 100\n' >"$T/kort.ini"
	mkfifo "$T/lock.fifo"
	sqlite3 "$DEMO" <"$T/lock.fifo" >/dev/null 2>&1 &
	lock_pid=$!
	exec 3>"$T/lock.fifo"
	# The holder waits for the lock itself: one of the probes below may hold
	# it for a moment just when the holder asks.
	printf '.timeout 10000\nBEGIN IMMEDIATE;\n' >&3
	i=0
	while [ $i -lt 250 ] &&
		sqlite3 -cmd '.timeout 0' "$DEMO" 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1; do
		sleep 0.02
		i=$((i + 1))
	done
	"$IBIS" --config "$T/kort.ini" --datadir "$IBIS_DATADIR" --today "$TODAY" \
		--db "$DEMO" import pupils "$T/changed.csv" >"$T/out" 2>"$T/err"
	rc=$?
	echo "ROLLBACK;" >&3
	exec 3>&-
	wait "$lock_pid"
	lock_pid=
	check "a locked database: exit 3 with a message, nothing written" eval \
		'status_is 3 && err_has "bezet door een ander proces" && unchanged "$DEMO" "$T/demo.before"'
else
	skip "a locked database: exit 3 with a message, nothing written" "no sqlite3 or mkfifo"
fi

# ------------------------------------------------------------------- the end

cli_finish
