#!/bin/sh
# pupils.sh - the Leerlingen screen on the demo database: the list, scrolling,
# type-to-filter (diacritics-insensitive), the filters and the order in the
# header, the cursor kept on its pupil, the dossier, help, and quitting.
. "$(dirname "$0")/lib.sh"

e2e_setup 33

need_pupils
total=$(wc -l <"$E2E_TMP/pupils.txt" | tr -d ' ')
[ "$total" -gt 25 ] || bail "the demo has only $total pupils; the scroll checks need more than a screenful"
count_text="$(dutch_count "$total") leerlingen"
first=$(display_name 1)
last=$(display_name "$total")

e2e_start

# --- the list ------------------------------------------------------------------
if wait_for "ibis — Leerlingen" 10; then ok "the Leerlingen screen opens"; else not_ok "the Leerlingen screen opens"; fi
if wait_for "$count_text"; then ok "the header counts the pupils ($count_text)"; else not_ok "the header counts the pupils ($count_text)"; fi
if wait_for "$first"; then ok "the first pupil of the export is listed ($first)"; else not_ok "the first pupil of the export is listed ($first)"; fi
if wait_cursor_on "$first"; then ok "the cursor starts on the first pupil"; else not_ok "the cursor starts on the first pupil"; fi

# --- scrolling -------------------------------------------------------------------
send PgDn
if wait_gone "$first"; then
	ok "PgDn turns the page"
else
	not_ok "PgDn turns the page"
fi
send End
if wait_for "$last" && wait_cursor_on "$last"; then
	ok "End goes to the last pupil ($last)"
else
	not_ok "End goes to the last pupil ($last)"
fi
send Home
if wait_for "$first" && wait_cursor_on "$first"; then
	ok "Home goes back to the first pupil"
else
	not_ok "Home goes back to the first pupil"
fi

# --- filtering -------------------------------------------------------------------
# The needle: a plain-ASCII last name of five letters or more, in the middle of
# the list. The expected count is every pupil whose name holds it, any case.
needle_line=$(awk -F';' -v mid=$((total / 2)) '
	NR >= mid && $5 ~ /^[A-Za-z]+$/ && length($5) >= 5 { print NR; exit }' "$E2E_TMP/pupils.txt")
if [ -z "$needle_line" ]; then
	needle_line=$(awk -F';' '$5 ~ /^[A-Za-z]+$/ && length($5) >= 5 { print NR; exit }' \
		"$E2E_TMP/pupils.txt")
fi
[ -n "$needle_line" ] || bail "no pupil with a plain last name of five letters in the demo"
needle=$(pupil_field "$needle_line" 5 | tr 'A-Z' 'a-z')
target=$(display_name "$needle_line")
matches=$(awk -F';' -v n="$needle" '{
	s = tolower($3 " " $4 " " $5)
	if (index(s, n)) c++
} END { print c + 0 }' "$E2E_TMP/pupils.txt")
if [ "$matches" -eq 1 ]; then
	match_text="1 leerling"
else
	match_text="$(dutch_count "$matches") leerlingen"
fi
# A pupil whose name does not hold the needle must disappear.
other_line=$(awk -F';' -v n="$needle" '{
	s = tolower($3 " " $4 " " $5)
	if (!index(s, n)) { print NR; exit }
}' "$E2E_TMP/pupils.txt")
other=$(display_name "$other_line")

send /
if wait_for "Zoeken:"; then ok "/ opens the search line"; else not_ok "/ opens the search line"; fi
type_text "$needle"
if wait_for "Zoeken: $needle" && wait_for "$match_text · filter: $needle"; then
	ok "typing \"$needle\" narrows the list to $match_text"
else
	not_ok "typing \"$needle\" narrows the list to $match_text"
fi
if wait_for "$target" && wait_gone "$other"; then
	ok "the match ($target) shows and a non-match ($other) is gone"
else
	not_ok "the match ($target) shows and a non-match ($other) is gone"
fi
send Escape
if wait_for "$count_text" && wait_gone "filter:" && wait_gone "Zoeken:"; then
	ok "Esc clears the filter"
else
	not_ok "Esc clears the filter"
fi

# Diacritics: a first or last name with an accent, typed without it - a Zoë
# when the demo has one, else the first name whose accents the map below
# knows (so that the typed text is plain ASCII).
fold() {
	printf '%s' "$1" | sed -e 's/[ëéèê]/e/g' -e 's/[ïíî]/i/g' -e 's/ı/i/g' -e 's/İ/I/g' \
		-e 's/[öóô]/o/g' -e 's/ø/o/g' -e 's/[üúû]/u/g' -e 's/[äáàâ]/a/g' -e 's/ç/c/g' \
		-e 's/Ç/C/g' -e 's/ş/s/g' -e 's/Ş/S/g' -e 's/ğ/g/g' -e 's/ñ/n/g' -e 's/[ÉÈ]/E/g' \
		-e 's/[ÖÓ]/O/g' -e 's/[ÜÚ]/U/g' | tr 'A-Z' 'a-z'
}
accented=
plain=
for name in $(awk -F';' '{ print $3; print $5 }' "$E2E_TMP/pupils.txt" |
	grep -v -E "[ ']" | grep -E '^Zo[ëé]$'; awk -F';' '{ print $3; print $5 }' \
	"$E2E_TMP/pupils.txt" | grep -v -E "[ ']" | grep -v -E '^[A-Za-z-]*$'); do
	p=$(fold "$name")
	if printf '%s' "$p" | grep -q -E '^[a-z-]+$'; then
		accented=$name
		plain=$p
		break
	fi
done
if [ -n "$accented" ]; then
	send /
	type_text "$plain"
	if wait_for "filter: $plain" && wait_for "$accented"; then
		ok "typing \"$plain\" finds \"$accented\""
	else
		not_ok "typing \"$plain\" finds \"$accented\""
	fi
	send Enter
	if wait_gone "Zoeken:" && wait_for "Filter: $plain"; then
		ok "Enter keeps the filter and returns to the list"
	else
		not_ok "Enter keeps the filter and returns to the list"
	fi
	send Escape
	wait_for "$count_text" >/dev/null
else
	skip "typing without accents finds a name with accents" "the demo has no accented name"
	skip "Enter keeps the filter and returns to the list" "the demo has no accented name"
fi

# --- the order ---------------------------------------------------------------------
# The cursor on the fifth pupil; every order keeps it on that pupil.
send Home
wait_cursor_on "$first" >/dev/null
send Down Down Down Down
wait_cursor_on "$(display_name 5)" >/dev/null
fifth=$(natural_name 5)
if wait_for "Status: actief" && wait_for "Sortering: naam"; then
	ok "the header shows the status and the order (naam)"
else
	not_ok "the header shows the status and the order (naam)"
fi
sorted=1
for order in groep niveau deadline naam; do
	send s
	wait_for "Sortering: $order" || sorted=0
done
if [ "$sorted" = 1 ]; then
	ok "s cycles the order: groep, niveau, deadline, naam (in the header)"
else
	not_ok "s cycles the order: groep, niveau, deadline, naam (in the header)"
fi
send s
wait_for "Sortering: groep" >/dev/null
send Enter
if wait_for "Dossier" && wait_for "$fifth"; then
	ok "after a new order the cursor is still on $fifth"
else
	not_ok "after a new order the cursor is still on $fifth"
fi
send Escape
wait_for "ibis — Leerlingen" >/dev/null
send s s s
wait_for "Sortering: naam" >/dev/null
if wait_cursor_on "$(display_name 5)"; then
	ok "back in name order the pupil is fifth again"
else
	not_ok "back in name order the pupil is fifth again"
fi

# --- the filters ----------------------------------------------------------------------
# f opens the list of filters; Enter on one opens its choices (the first is
# "all"), Home puts the cursor on the first choice.
pick() {
	send f
	wait_for "Alle filters wissen" >/dev/null
	send Home
	i=0
	while [ "$i" -lt "$1" ]; do send Down; i=$((i + 1)); done
	send Enter
}
choose() {
	send Home
	i=0
	while [ "$i" -lt "$1" ]; do send Down; i=$((i + 1)); done
	send Enter
}
group=$(pupil_field 5 7)
in_group=$(awk -F';' -v g="$group" '$7 == g { c++ } END { print c + 0 }' "$E2E_TMP/pupils.txt")
group_first=$(awk -F';' -v g="$group" '$7 == g { s = $5 ", " $3; if ($4 != "") s = s " " $4; print s; exit }' \
	"$E2E_TMP/pupils.txt")
pick 2
if wait_for "Groep (2026-2027)" && wait_for "Alle groepen"; then
	ok "f, Groep lists the groups of the school year"
else
	not_ok "f, Groep lists the groups of the school year"
fi
type_text "$group"
send Enter
if [ "$in_group" -eq 1 ]; then group_text="1 leerling"; else group_text="$(dutch_count "$in_group") leerlingen"; fi
if wait_for "Groep: $group" && wait_for "$group_text" && wait_for "$group_first"; then
	ok "the group filter shows in the header and lists the $group_text of group $group"
else
	not_ok "the group filter shows in the header and lists the $group_text of group $group"
fi
pick 3
wait_for "Alle niveaus" >/dev/null
choose 1
if wait_for "Groep: $group · Niveau:"; then
	ok "a level filter adds to the header"
else
	not_ok "a level filter adds to the header"
fi
pick 4
wait_for "Alle leerkrachten" >/dev/null
choose 1
if wait_for "Leerkracht:"; then ok "a teacher filter shows in the header"; else not_ok "a teacher filter shows in the header"; fi
pick 1
wait_for "Alle scholen" >/dev/null
choose 1
if wait_for "School:" && wait_gone "Groep: $group"; then
	ok "a school filter shows in the header (and drops the group of the school before)"
else
	not_ok "a school filter shows in the header (and drops the group of the school before)"
fi
pick 0
wait_for "Vertrokken: het archief" >/dev/null
choose 2
if wait_for "Status: alle"; then ok "the status filter shows in the header"; else not_ok "the status filter shows in the header"; fi
pick 5
if wait_for "Status: actief" && wait_gone "Niveau:" && wait_gone "Leerkracht:" &&
	wait_gone "School:" && wait_for "$count_text"; then
	ok "Alle filters wissen: every pupil again ($count_text)"
else
	not_ok "Alle filters wissen: every pupil again ($count_text)"
fi

# --- the dossier -----------------------------------------------------------------
send Home
wait_cursor_on "$first" >/dev/null
send Enter
natural=$(natural_name 1)
if wait_for "Dossier" && wait_for "$natural"; then
	ok "Enter opens the dossier of $natural"
else
	not_ok "Enter opens the dossier of $natural"
fi
send BTab
if wait_for "Niveau" && wait_for "Geboortedatum"; then
	ok "Shift-Tab shows the facts and the level history (Gegevens)"
else
	not_ok "Shift-Tab shows the facts and the level history (Gegevens)"
fi
send Escape
if wait_for "ibis — Leerlingen" && wait_cursor_on "$first"; then
	ok "Esc returns to the list at the same pupil"
else
	not_ok "Esc returns to the list at the same pupil"
fi

# --- help ------------------------------------------------------------------------
send '?'
if wait_for "Help: Leerlingen" && wait_for "Het dossier van de gekozen leerling openen" &&
	send End && wait_for "ibis direct afsluiten"; then
	ok "? opens the help with the keys of the list and the global keys"
else
	not_ok "? opens the help with the keys of the list and the global keys"
fi
send q
if wait_gone "Help: Leerlingen" && wait_for "ibis — Leerlingen"; then
	ok "q closes the help"
else
	not_ok "q closes the help"
fi

# --- quitting --------------------------------------------------------------------
send q
if wait_for "Ibis afsluiten? (j/n)"; then ok "q on the first screen asks before quitting"; else not_ok "q on the first screen asks before quitting"; fi
send n
if wait_gone "Ibis afsluiten?" && running; then ok "n keeps ibis running"; else not_ok "n keeps ibis running"; fi
send q
wait_for "Ibis afsluiten? (j/n)" >/dev/null
send j
expect_quit "j quits with status 0"
expect_stderr_clean

e2e_finish
