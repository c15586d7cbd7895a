#!/bin/sh
# jaarovergang_cli.sh - ibis jaarovergang end to end on the demo database: the
# preview writes nothing, exceptions show in it, a plan that needs a choice is
# refused with the pupils listed, --apply writes it once, a second --apply is
# refused, and the exit statuses of ibis(1). Plain shell, no terminal; TAP.
#
# Needs IBIS and IBIS_DATADIR (set by `make check`). Everything happens in a
# private folder with HOME and the XDG folders pointed into it. Pupils are
# picked from `ibis export pupils` by their group, not by fixed ids.

. "$(dirname "$0")/lib.sh"

cli_setup jov
DB=$T/demo.db

# ------------------------------------------------------------------ harness

# ibis jaarovergang on the demo database.
jov() {
	run --db "$DB" jaarovergang "$@"
}

# What the database holds, as counts and the pupil list: equal before and
# after a command that must not write.
snapshot() {
	"$IBIS" --config "$CONF" --datadir "$IBIS_DATADIR" --today "$TODAY" --db "$DB" check \
		2>/dev/null | grep -v -e '^Database' >"$1"
	"$IBIS" --config "$CONF" --datadir "$IBIS_DATADIR" --today "$TODAY" --db "$DB" \
		export pupils --all 2>/dev/null >>"$1"
}

# The Id of the first active pupil in group $1 of this school year.
pupil_in() {
	awk -F';' -v g="$1" 'NR > 1 && $7 == g && $9 == "actief" { print $1; exit }' "$T/pupils.csv"
}

# ---------------------------------------------------------------- the demo

cli_demo "$DB"
run --db "$DB" export pupils
tr -d '\r' <"$T/out" >"$T/pupils.csv"

run --help
check "--help describes jaarovergang and its options" eval \
	'status_is 0 && out_has "jaarovergang [--school S]" && out_has "--doubles L" &&
	 out_has "--leaves L=BESTEMMING" && out_has "--apply"'

# ---------------------------------------------------------------- preview

snapshot "$T/before"
jov
check "the preview exits 0 and goes from this school year to the next" eval \
	'status_is 0 && out_has "2026-2027 → 2027-2028" && out_has "Per groep van 2026-2027"'
check "the preview says the groups of the new year are made" eval \
	'out_has "De groepen van 2027-2028 bestaan nog niet" && out_has "Nieuwe groepen in 2027-2028:"'
EIGHT=$(pupil_in 8)
check "groep 8 leaves for the VO on 31 July" eval \
	'[ -n "$EIGHT" ] && out_has "Naar het VO op 31-07-2027" &&
	 grep -q "^ *$EIGHT  .*8, groep 8\$" "$T/out"'
check "the preview ends in totals and says how to apply" eval \
	'out_has "Samen " && out_has "Dit is een voorbeeld; er is niets gewijzigd." &&
	 out_has "--apply"'
snapshot "$T/after"
check "the preview writes nothing" cmp -s "$T/before" "$T/after"

jov --year 2026-2027
cp "$T/out" "$T/long"
jov --year 2026
check "--year 2026 and --year 2026-2027 give the same preview" eval \
	'status_is 0 && cmp -s "$T/out" "$T/long"'

# ------------------------------------------------------------- exceptions

KLEUTER=$(awk -F';' 'NR > 1 && $7 ~ /^1\/2/ && $9 == "actief" { print $1; exit }' "$T/pupils.csv")
jov --doubles "$EIGHT" --leaves "$KLEUTER=so"
check "a doubler and a leaver are listed as exceptions" eval \
	'status_is 0 && out_has "Uitzonderingen (2):" &&
	 grep -q "^ *$EIGHT  .*→ .*groep 8 (doubleert)\$" "$T/out" &&
	 grep -q "^ *$KLEUTER  .*→ vertrekt (so) op 31-07-2027 (vertrekt)\$" "$T/out"'

NUMBER=$(awk -F';' -v id="$EIGHT" '$1 == id { print $2 }' "$T/pupils.csv")
jov --doubles "$NUMBER"
check "a pupil may be named by leerlingnummer" eval \
	'status_is 0 && grep -q "^ *$EIGHT  .*(doubleert)\$" "$T/out"'

jov --doubles 999999
check "an unknown pupil exits 2" eval 'status_is 2 && err_has "999999" && err_has "doet niet mee"'

jov --leaves "$EIGHT=maan"
check "an unknown destination exits 2 naming the choices" eval \
	'status_is 2 && err_has "maan" && err_has "sbo"'

jov --leaves "$EIGHT"
check "--leaves without a destination exits 1" eval 'status_is 1 && err_has "LEERLING=BESTEMMING"'

jov --doubles "$EIGHT" --skips "$EIGHT"
check "two exceptions for one pupil exit 2" eval 'status_is 2 && err_has "--doubles" && err_has "--skips"'

jov --group "$EIGHT=Zolder"
check "a group that is not there exits 2 with the groups to choose from" eval \
	'status_is 2 && err_has "Zolder" && err_has "kies uit"'

jov --year volgend
check "a bad --year exits 2" eval 'status_is 2 && err_has "volgend"'

jov --school "Bestaat Niet"
check "an unknown school exits 2" eval 'status_is 2 && err_has "Bestaat Niet"'

# A versneller whose target jaargroep has several groups needs a choice: look
# for one among the first pupil of each group.
SKIPPER=
for g in $(awk -F';' 'NR > 1 && $9 == "actief" && $7 !~ /^1\// { print $7 }' "$T/pupils.csv" |
	sort -u); do
	id=$(pupil_in "$g")
	jov --skips "$id"
	if out_has "Nog niet klaar"; then
		SKIPPER=$id
		break
	fi
done

if [ -n "$SKIPPER" ]; then
	jov --skips "$SKIPPER"
	CHOICE=$(sed -n "s/^ *$SKIPPER  .*: kies uit \([^,]*\).*/\1/p" "$T/out")
	check "a plan that needs a choice lists the pupil and the groups" eval \
		'status_is 0 && [ -n "$CHOICE" ] && out_has "(versnelt)"'
	jov --skips "$SKIPPER" --apply
	snapshot "$T/after"
	check "--apply of a plan that needs a choice exits 2, lists the pupil, writes nothing" eval \
		'status_is 2 && err_has "niet uitgevoerd" && grep -q "^ *$SKIPPER  " "$T/err" &&
		 cmp -s "$T/before" "$T/after"'
	EXTRA="--skips $SKIPPER --group $SKIPPER=$CHOICE"
else
	ok "# SKIP no versneller in the demo needs a choice"
	ok "# SKIP no versneller in the demo needs a choice"
	EXTRA=
fi

# ------------------------------------------------------------------ apply

# shellcheck disable=SC2086 # EXTRA is a list of options
jov --doubles "$EIGHT" --leaves "$KLEUTER=so" $EXTRA --apply
check "--apply exits 0 and prints the counts" eval \
	'status_is 0 && out_has "uitgevoerd" && out_has "in een groep van 2027-2028" &&
	 out_has "naar het VO" && out_has "groepen gemaakt"'
run --db "$DB" export pupils
check "who leaves is no longer active; the doubler is" eval \
	'status_is 0 && ! grep -q "^$KLEUTER;" "$T/out" && grep -q "^$EIGHT;" "$T/out"'
run --db "$DB" export pupils --all
check "the leaver is archived, not deleted" eval 'grep -q "^$KLEUTER;" "$T/out"'

snapshot "$T/applied"
jov --year 2026 --apply
snapshot "$T/again"
check "a second --apply exits 2 with a clear message and changes nothing" eval \
	'status_is 2 && err_has "al uitgevoerd" && err_has "niets gewijzigd" &&
	 cmp -s "$T/applied" "$T/again"'

jov --apply
check "the default year after it says the jaarovergang was done" eval \
	'status_is 2 && err_has "al uitgevoerd" && err_has "--year"'

jov --year 2026
check "the preview of a done jaarovergang says so" eval \
	'status_is 0 && out_has "al uitgevoerd" && out_has "al geplaatst"'

run --db "$DB" check
check "the database is consistent after it" eval 'status_is 0 && out_has "in orde"'

# --------------------------------------------------------- read-only, schools

if [ "$(id -u)" -ne 0 ]; then
	run --db "$T/ro.db" demo --seed 1
	chmod 444 "$T/ro.db"
	run --db "$T/ro.db" jaarovergang --apply
	check "--apply on a read-only database exits 3" eval 'status_is 3'
	chmod 644 "$T/ro.db"
else
	ok "# SKIP root can write a read-only file"
fi

run --db "$T/big.db" demo --seed 1 --pupils 1100
run --db "$T/big.db" jaarovergang
check "with several schools --school is needed: exit 1 and the schools listed" eval \
	'status_is 1 && err_has "--school" && [ "$(grep -c "^  [0-9]" "$T/err")" -ge 2 ]'
BRIN=$(sed -n 's/^  [0-9]*  .* (\([0-9A-Z]*\))$/\1/p' "$T/err" | tail -n 1)
SCHOOL=$(sed -n 's/^  [0-9]*  \(.*\) ([0-9A-Z]*)$/\1/p' "$T/err" | tail -n 1)
run --db "$T/big.db" jaarovergang --school "$BRIN"
check "--school by BRIN gives that school's preview" eval \
	'status_is 0 && out_has "Jaarovergang $SCHOOL: 2026-2027 → 2027-2028"'

# ------------------------------------------------------------------- the end

cli_finish
