#!/bin/sh
# import_tui.sh - the Importeren screen on the demo database, opened with I
# from the Leerlingen screen: a file with a bad row shows its line and field
# and imports nothing (all or nothing), a good file imports after a question
# and its pupils appear in the list, importing it again changes nothing, and
# importing only the valid rows writes the rejected ones beside the file.
. "$(dirname "$0")/lib.sh"

e2e_setup 18

need_pupils
grp=$(awk -F';' '$7 != "" { print $7; exit }' "$E2E_TMP/pupils.txt")
total=$(wc -l <"$E2E_TMP/pupils.txt" | tr -d ' ')
[ -n "$grp" ] || bail "the demo has no pupils in a group"

dir="$E2E_TMP/files"
mkdir -p "$dir"
printf 'Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep\r\n' >"$dir/bad.csv"
printf 'Fenna;;Testkind;12-03-2018;%s\r\n' "$grp" >>"$dir/bad.csv"
printf 'Gijs;van;Probeer;31-02-2018;%s\r\n' "$grp" >>"$dir/bad.csv"
printf 'Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep\n' >"$dir/good.csv"
printf 'Fenna;;Testkind;12-03-2018;%s\n' "$grp" >>"$dir/good.csv"
printf 'Gijs;van;Probeer;28-02-2018;%s\n' "$grp" >>"$dir/good.csv"
printf 'Voornaam,Achternaam,Geboortedatum,Groep\n' >"$dir/mixed.csv"
printf 'Hanna,Nieuwkind,1-5-2019,%s\n' "$grp" >>"$dir/mixed.csv"
printf 'Ivo,,1-1-2019,%s\n' "$grp" >>"$dir/mixed.csv"

in_export() {
	export_pupils && grep -q -F "$1" "$E2E_TMP/pupils.txt"
}

e2e_open

# --- a file with a bad row ------------------------------------------------------------
send I
check "I opens the Importeren screen, asking for a file" wait_for "Bestand:"
type_text "$dir/bad.csv"
send Enter
check "the counts show one row to add and one invalid" \
	wait_for "Toevoegen 1 · Wijzigen 0 · Ongewijzigd 0 · Overslaan 0 · Ongeldig 1"
check "the bad row is listed as LINE: field: reason" \
	wait_for "3: Geboortedatum: ‘31-02-2018’ is geen geldige datum"
send i
if wait_box "Alleen de geldige regels importeren?" && wait_box "$dir/bad-afgekeurd.csv"; then
	ok "i offers to import the valid rows only and says where the rejected go"
else
	not_ok "i offers to import the valid rows only and says where the rejected go" \
		"box: $(box_text)"
fi
send n
wait_gone "Alleen de geldige" >/dev/null
if ! in_export "Testkind" && [ ! -e "$dir/bad-afgekeurd.csv" ]; then
	ok "answering n imports nothing and writes no file"
else
	not_ok "answering n imports nothing and writes no file"
fi

# --- a good file --------------------------------------------------------------------------
send b
check "b goes back to the path as typed" wait_for "Bestand: $dir/bad.csv"
send C-u
type_text "$dir/good.csv"
send Enter
check "the good file has two pupils to add and nothing invalid" \
	wait_for "Toevoegen 2 · Wijzigen 0 · Ongewijzigd 0 · Overslaan 0 · Ongeldig 0"
check "the pupils to add are listed with their line" \
	wait_for "3: Probeer, Gijs van (28-02-2018), groep $grp"
send i
check "i asks first" wait_box "2 leerlingen toevoegen en 0 wijzigen"
send j
check "the import is reported" wait_box "Geïmporteerd: 2 leerlingen toegevoegd" 20
send Enter
if in_export "Fenna;;Testkind;12-03-2018;$grp" && in_export "Gijs;van;Probeer;28-02-2018;$grp"; then
	ok "both pupils are in the database, in group $grp"
else
	not_ok "both pupils are in the database, in group $grp"
fi

# --- the same file again ---------------------------------------------------------------------
send b
wait_for "Bestand: $dir/good.csv" >/dev/null
send Enter
check "importing the same file again changes nothing" \
	wait_for "Toevoegen 0 · Wijzigen 0 · Ongewijzigd 2 · Overslaan 0 · Ongeldig 0"

# --- the valid rows only -----------------------------------------------------------------------
send b
wait_for "Bestand:" >/dev/null
send C-u
type_text "$dir/mixed.csv"
send Enter
check "a row without a last name is invalid" wait_for "3: Achternaam:"
send i
send j
if wait_box "De afgekeurde regel staat met de reden in $dir/mixed-afgekeurd.csv" 20 &&
	grep -q -F "Reden" "$dir/mixed-afgekeurd.csv" && grep -q -F "Ivo" "$dir/mixed-afgekeurd.csv" &&
	! grep -q -F "Hanna" "$dir/mixed-afgekeurd.csv"; then
	ok "the valid row is imported and the rejected one written beside the file"
else
	not_ok "the valid row is imported and the rejected one written beside the file" \
		"box: $(box_text)"
fi
send Enter

# --- the pupils in the list ----------------------------------------------------------------------
send Escape
check "back on the Leerlingen screen, the list counts the three new pupils" \
	wait_for "$(dutch_count $((total + 3))) leerlingen"
send /
type_text "testkind"
check "the imported pupil appears in the Leerlingen list" wait_for "Testkind, Fenna"
send Escape

send F10
expect_quit_clean "ibis quits with status 0 and no sanitizer report"

# --- a read-only database ----------------------------------------------------------------
if e2e_start_readonly; then
	if wait_for "Alleen-lezen" 10; then
		send I
		if wait_box "De database is alleen-lezen geopend: importeren kan niet." &&
			wait_for "ibis — Leerlingen"; then
			ok "on a read-only database Importeren refuses"
		else
			not_ok "on a read-only database Importeren refuses" "box: $(box_text)"
		fi
	else
		not_ok "on a read-only database Importeren refuses" "no read-only banner"
	fi
	send Enter
	send F10
	wait_exit 10 >/dev/null
	chmod 644 "$E2E_TMP/demo.db" 2>/dev/null
else
	skip "on a read-only database Importeren refuses" "running as root without setpriv"
fi

e2e_finish
