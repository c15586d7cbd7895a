#!/bin/sh
# cli.sh - the command line end to end: global options, init, demo, check and
# export, the exit statuses of ibis(1) and the refusals that leave a file
# untouched. Plain shell, no terminal needed; speaks TAP for automake.
#
# Needs IBIS (the binary) and IBIS_DATADIR (the source tree's data/), both set
# by `make check`. Everything happens in a private folder, with HOME and the
# XDG folders pointed into it and --config naming an empty file, so that no
# file of the user is read or written.

. "$(dirname "$0")/lib.sh"

cli_setup cli
HEADER='Id;Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep;School;Status'

# ------------------------------------------------------------------ options

run --version
check "--version exits 0 with the version" eval 'status_is 0 && grep -q "^ibis [0-9]" "$T/out"'

run --help
check "--help exits 0 and lists the subcommands and options" eval \
	'status_is 0 && out_has "init" && out_has "demo" && out_has "check" &&
	 out_has "export pupils" && out_has "--db PAD" && out_has "--today" &&
	 out_has "Afsluitstatus"'

run help
check "ibis help prints the same text" eval 'status_is 0 && out_has "Gebruik: ibis"'

run --bestaat-niet
check "an unknown option exits 1 and points to --help" eval \
	'status_is 1 && err_has "--bestaat-niet" && err_has "Zie ‘ibis --help’."'

run --db "$T/x.db" opruimen
check "an unknown subcommand exits 1" eval 'status_is 1 && err_has "opruimen" && err_has "Zie ‘ibis --help’."'

run --db "$T/x.db" check --force
check "an option of another subcommand exits 1" eval 'status_is 1 && err_has "--force"'

run --db
check "an option without its value exits 1" eval 'status_is 1 && err_has "--db"'

"$IBIS" --config "$CONF" --datadir "$IBIS_DATADIR" --today 31-02-2026 --db "$T/x.db" check \
	>"$T/out" 2>"$T/err"
rc=$?
check "a date that does not exist for --today exits 2" eval 'status_is 2 && err_has "31-02-2026"'

# ----------------------------------------------------------- missing database

run --db "$T/missing.db" check
check "a missing database exits 3 with the hint to run ibis init or ibis demo" eval \
	'status_is 3 && err_has "ibis init" && err_has "ibis demo" && [ ! -e "$T/missing.db" ]'

run --db "$T/missing.db"
check "without a subcommand a missing database exits 3 too" eval \
	'status_is 3 && err_has "ibis init" && [ ! -e "$T/missing.db" ]'

run --db "$T/geen/map/ibis.db" init
check "a --db in a missing folder exits 3 naming the folder" eval \
	'status_is 3 && err_has "$T/geen/map" && [ ! -e "$T/geen" ]'

# --------------------------------------------------------------------- init

DB=$T/school.db
run init --db "$DB" --school "OBS De Regenboog" --brin 12ab00
check "init creates a database with one school" eval \
	'status_is 0 && [ -f "$DB" ] && out_has "OBS De Regenboog" && out_has "12AB00"'

run --db "$DB" check
check "check on the new database exits 0 and counts one school" eval \
	'status_is 0 && out_has "in orde" && grep -q "scholen *1$" "$T/out"'

cp "$DB" "$T/school.orig"
run --db "$DB" init --school "Tweede"
check "a second init refuses with exit 2 and leaves the file" eval \
	'status_is 2 && err_has "bestaat al" && cmp -s "$DB" "$T/school.orig"'

run --db "$DB" init --force --school "Tweede"
check "init --force replaces it" eval 'status_is 0 && out_has "Tweede" && ! cmp -s "$DB" "$T/school.orig"'

run --db "$T/brin.db" init --brin 12345
check "init with a bad BRIN code exits 2 and makes no file" eval \
	'status_is 2 && err_has "12345" && [ ! -e "$T/brin.db" ]'

run --db "$T/model.db" init --model geen-model
check "init with an unknown level model exits 2 and names the known ones" eval \
	'status_is 2 && err_has "geen-model" && err_has "6-lagen" && [ ! -e "$T/model.db" ]'

# the default path: $XDG_DATA_HOME/ibis/ibis.db, its folder made by init
"$IBIS" --config "$CONF" --datadir "$IBIS_DATADIR" init >"$T/out" 2>"$T/err"
rc=$?
check "init without --db makes \$XDG_DATA_HOME/ibis/ibis.db" eval \
	'status_is 0 && [ -f "$XDG_DATA_HOME/ibis/ibis.db" ]'

# --------------------------------------------------------------------- demo

DEMO=$T/demo.db
run demo --seed 7 --db "$DEMO"
check "demo makes a school and prints a summary" eval \
	'status_is 0 && out_has "1 school" && out_has "240 leerlingen" && out_has "plannen"'

run --db "$DEMO" export pupils --all
cp "$T/out" "$T/export1.csv"
cp "$DEMO" "$T/demo.orig"
run demo --seed 7 --db "$DEMO"
check "demo refuses an existing file without --force" eval \
	'status_is 2 && err_has "--force" && cmp -s "$DEMO" "$T/demo.orig"'

run demo --seed 7 --force --db "$DEMO"
check "demo --force replaces it" eval 'status_is 0'
run --db "$DEMO" export pupils --all
check "the same seed and today give the same export" eval \
	'status_is 0 && cmp -s "$T/out" "$T/export1.csv"'

run demo --seed 8 --db "$T/demo8.db"
run --db "$T/demo8.db" export pupils --all
check "another seed gives another school" eval 'status_is 0 && ! cmp -s "$T/out" "$T/export1.csv"'

run --db "$DEMO" check
check "check on a demo database exits 0" eval \
	'status_is 0 && out_has "in orde" && grep -q "leerlingen *240$" "$T/out"'

run --db "$T/n.db" demo --pupils nul
check "a bad --pupils value exits 2" eval 'status_is 2 && err_has "nul" && [ ! -e "$T/n.db" ]'

# ------------------------------------------------------------------- export

run --db "$DEMO" export pupils
check "export exits 0" eval 'status_is 0'
check "the export header is DESIGN.md's" eval \
	'[ "$(head -n 1 "$T/out" | tr -d "\r")" = "$HEADER" ]'
check "the export has CRLF line ends and dd-mm-jjjj dates" eval \
	'[ "$(head -n 1 "$T/out" | od -An -c | tr -d " \n" | tail -c 4)" = "\r\n" ] &&
	 sed -n 2p "$T/out" | grep -q ";[0-3][0-9]-[01][0-9]-20[0-9][0-9];"'
check "without --all only pupils at school" eval \
	'! grep -q ";vertrokken" "$T/out" && grep -q ";actief" "$T/out"'
active=$(($(wc -l <"$T/out") - 1))
all=$(($(wc -l <"$T/export1.csv") - 1))
check "--all includes the pupils who left" eval \
	'[ "$all" -eq 240 ] && [ "$active" -lt "$all" ] && grep -q ";vertrokken" "$T/export1.csv"'
check "the export has names with diacritics" eval 'grep -q "[ëïöüçşıĳéÉÖÇŞ]" "$T/export1.csv"'

run --db "$DEMO" export pupils --all --output "$T/export2.csv"
check "--output writes the same as stdout" eval \
	'status_is 0 && [ ! -s "$T/out" ] && cmp -s "$T/export2.csv" "$T/export1.csv"'

if [ -w /dev/full ]; then
	run --db "$DEMO" export pupils --output /dev/full
	check "a full disk while exporting exits 2 with a message" eval 'status_is 2 && err_has "/dev/full"'
else
	ok "# SKIP no /dev/full here"
fi

run --db "$DEMO" export pupils --output "$T/geen/map/x.csv"
check "an output file that cannot be made exits 2" eval 'status_is 2 && err_has "$T/geen/map/x.csv"'

cp "$DEMO" "$T/demo.orig"
run --db "$DEMO" export pupils --output "$DEMO"
check "export refuses to write over the database itself" eval \
	'status_is 2 && cmp -s "$DEMO" "$T/demo.orig"'

"$IBIS" --config "$CONF" --datadir "$IBIS_DATADIR" --today 23-11-2026 --db "$DEMO" \
	export pupils --all >"$T/out" 2>"$T/err"
rc=$?
check "--today also takes dd-mm-jjjj" eval 'status_is 0 && cmp -s "$T/out" "$T/export1.csv"'

run --db "$DEMO" export
check "export without what to export exits 1" eval 'status_is 1'

run --db "$DEMO" export leerkrachten
check "an unknown export exits 1" eval 'status_is 1 && err_has "leerkrachten"'

# --------------------------------------------------------- refused untouched

printf 'Dit is geen database.\n' >"$T/tekst.db"
cp "$T/tekst.db" "$T/tekst.orig"
run --db "$T/tekst.db" check
check "a text file as --db exits 3 and is left unchanged" eval \
	'status_is 3 && cmp -s "$T/tekst.db" "$T/tekst.orig"'
run --db "$T/tekst.db" export pupils
check "export refuses it too, unchanged" eval 'status_is 3 && cmp -s "$T/tekst.db" "$T/tekst.orig"'

if command -v sqlite3 >/dev/null 2>&1; then
	run --db "$T/newer.db" init
	sqlite3 "$T/newer.db" 'PRAGMA user_version=999' >/dev/null
	cp "$T/newer.db" "$T/newer.orig"
	run --db "$T/newer.db" check
	check "a database with a newer schema exits 3 and is left unchanged" eval \
		'status_is 3 && cmp -s "$T/newer.db" "$T/newer.orig" && [ ! -e "$T/newer.db-wal" ]'

	cp "$DEMO" "$T/broken.db"
	sqlite3 "$T/broken.db" "PRAGMA foreign_keys=OFF;
		INSERT INTO guardians(pupil_id, name) VALUES (999999, 'Niemand');
		UPDATE schools SET level_model = 'weg-model';" >/dev/null
	run --db "$T/broken.db" check
	check "check on a damaged database exits 3 and lists the problems" eval \
		'status_is 3 && out_has "2 problemen" && out_has "guardians" && out_has "weg-model"'
else
	ok "# SKIP the sqlite3 program is not installed"
	ok "# SKIP the sqlite3 program is not installed"
fi

# ------------------------------------------------------------------- config

printf '[database]\nwachttijd_ms = 100\nonbekend = 1\n' >"$T/bad.ini"
"$IBIS" --config "$T/bad.ini" --datadir "$IBIS_DATADIR" --db "$DEMO" check >"$T/out" 2>"$T/err"
rc=$?
check "a config file with an unknown key exits 2 with FILE:LINE: key" eval \
	'status_is 2 && err_has "bad.ini:3: onbekend"'

"$IBIS" --config "$T/geen.ini" --datadir "$IBIS_DATADIR" --db "$DEMO" check >"$T/out" 2>"$T/err"
rc=$?
check "a missing --config file exits 2" eval 'status_is 2 && err_has "geen.ini"'

# options after the subcommand, in any order
"$IBIS" check --datadir "$IBIS_DATADIR" --db "$DEMO" --config "$CONF" >"$T/out" 2>"$T/err"
rc=$?
check "global options may follow the subcommand" eval 'status_is 0 && out_has "$CONF"'

# ------------------------------------------------------------------- the end

cli_finish
