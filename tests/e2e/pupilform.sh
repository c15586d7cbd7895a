#!/bin/sh
# pupilform.sh - adding a pupil with mistakes, fixing them and finding the
# pupil in the list; editing (from the list and from the dossier); Esc with
# changes asks before anything typed is thrown away.
. "$(dirname "$0")/lib.sh"

e2e_setup 19

need_pupils
total=$(wc -l <"$E2E_TMP/pupils.txt" | tr -d ' ')
count_text="$(dutch_count "$total") leerlingen"
more_text="$(dutch_count $((total + 1))) leerlingen"
# A group of this school year, as the export names it.
group=$(awk -F';' '$7 != "" { print $7; exit }' "$E2E_TMP/pupils.txt")
[ -n "$group" ] || bail "no pupil of the demo is in a group"
grep -q -i 'Çelikkaya' "$E2E_TMP/pupils.txt" && bail "the demo already has a Çelikkaya"

e2e_start
wait_for "$count_text" 10 || bail "the Leerlingen screen did not open"

# --- a new pupil, with mistakes ----------------------------------------------------
send n
if wait_for "Nieuwe leerling" && wait_for "Roepnaam"; then ok "n opens the form for a new pupil"; else not_ok "n opens the form for a new pupil"; fi
send F2
if wait_for "Vul de roepnaam in." && wait_for "Vul de achternaam in." &&
	wait_for "Vul de geboortedatum in"; then
	ok "saving an empty form names every required field"
else
	not_ok "saving an empty form names every required field"
fi
type_text "Zoë"
send Tab
type_text "van der"
send Tab
type_text "Çelikkaya"
send Tab
type_text "31-02-2018"
send Tab
type_text "9Z"
send Tab
type_text "L-4711"
send C-s
if wait_for "31-02-2018 bestaat niet." && wait_for "Groep 9Z bestaat niet in schooljaar 2026-2027." &&
	wait_for "Niet opgeslagen"; then
	ok "a date that does not exist and an unknown group are refused (Ctrl-S)"
else
	not_ok "a date that does not exist and an unknown group are refused (Ctrl-S)"
fi
if wait_gone "Vul de roepnaam in." && wait_for "Zoë" && wait_for "Çelikkaya" && wait_for "L-4711"; then
	ok "nothing typed is lost"
else
	not_ok "nothing typed is lost"
fi
# The cursor went to the birth date, the first bad field: typing replaces it.
send C-u
type_text "01-01-2025"
send F2
if wait_for "Te jong voor de basisschool: 1 jaar op 23-11-2026 (minstens 3)."; then
	ok "the cursor is on the first bad field, and an age under 3 is refused"
else
	not_ok "the cursor is on the first bad field, and an age under 3 is refused"
fi
send C-u
type_text "14-03-2018"
send Tab C-u
type_text "$group"
send F2
if wait_for "ibis — Leerlingen" && wait_for "$more_text" && wait_for "Çelikkaya, Zoë van der"; then
	ok "fixed, F2 saves: the list counts $more_text and shows the new pupil"
else
	not_ok "fixed, F2 saves: the list counts $more_text and shows the new pupil"
fi
if screen | grep -F "Çelikkaya, Zoë van der" | grep -q -F "$group"; then
	ok "the new pupil is in group $group"
else
	not_ok "the new pupil is in group $group"
fi

# --- finding the pupil --------------------------------------------------------------
send /
type_text "celikkaya"
if wait_for "1 leerling · filter: celikkaya" && wait_for "Çelikkaya, Zoë van der"; then
	ok "\"celikkaya\" finds Çelikkaya"
else
	not_ok "\"celikkaya\" finds Çelikkaya"
fi
send C-u
type_text "zoe van der c"
if wait_for "1 leerling · filter: zoe van der c"; then
	ok "\"zoe van der c\" finds Zoë van der Çelikkaya"
else
	not_ok "\"zoe van der c\" finds Zoë van der Çelikkaya"
fi
send Enter
wait_gone "Zoeken:" >/dev/null

# --- editing -------------------------------------------------------------------------
send e
if wait_for "wijzigen · Zoë van der Çelikkaya" && wait_for "14-03-2018" && wait_for "L-4711"; then
	ok "e opens the form with the pupil's data"
else
	not_ok "e opens the form with the pupil's data"
fi
send Tab Tab C-u
type_text "Çelikkaya-Bos"
send Escape
if wait_for "Weggooien? (j/n)"; then ok "Esc with a change asks before discarding"; else not_ok "Esc with a change asks before discarding"; fi
send n
if wait_gone "Weggooien?" && wait_for "Çelikkaya-Bos"; then
	ok "n keeps the form and what was typed"
else
	not_ok "n keeps the form and what was typed"
fi
send F2
if wait_for "ibis — Leerlingen" && wait_for "Çelikkaya-Bos, Zoë van der" && wait_for "1 leerling"; then
	ok "F2 saves the change and the list shows it"
else
	not_ok "F2 saves the change and the list shows it"
fi
send e
wait_for "wijzigen" >/dev/null
type_text "x"
send Escape
wait_for "Weggooien? (j/n)" >/dev/null
send j
if wait_for "ibis — Leerlingen" && wait_for "Çelikkaya-Bos, Zoë van der" && wait_gone "Bosx"; then
	ok "j discards the change"
else
	not_ok "j discards the change"
fi

# --- from the dossier ------------------------------------------------------------------
send Enter
wait_for "Dossier" >/dev/null
send e
if wait_for "wijzigen · Zoë van der Çelikkaya-Bos"; then ok "e in the dossier opens the form"; else not_ok "e in the dossier opens the form"; fi
send BTab
type_text "Dyslexieverklaring aanwezig"
send F2
if wait_for "Dossier" && wait_gone "wijzigen" && wait_for "Zoë van der Çelikkaya-Bos"; then
	ok "saving returns to the dossier"
else
	not_ok "saving returns to the dossier"
fi
if ibis_run export pupils | grep -q -F ";L-4711;Zoë;van der;Çelikkaya-Bos;14-03-2018;$group;"; then
	ok "the export has the pupil as saved"
else
	not_ok "the export has the pupil as saved" "$(ibis_run export pupils | grep -F 'Çelikkaya')"
fi
send Escape
wait_for "ibis — Leerlingen" >/dev/null

send F10
expect_quit "F10 quits with status 0"
expect_stderr_clean

e2e_finish
