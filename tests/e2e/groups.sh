#!/bin/sh
# groups.sh - the Groepen screen on the demo database, opened with G from the
# Leerlingen screen: the groups of the school year, adding a group after a
# validation error is fixed (nothing typed lost), a duplicate name refused, a
# colleague's change meanwhile reported, editing, deleting an empty group and
# refusing to delete one with pupils, and another school year.
. "$(dirname "$0")/lib.sh"

e2e_setup 17

need_pupils
ngroups=$(awk -F';' '$7 != "" { print $7 }' "$E2E_TMP/pupils.txt" | sort -u | wc -l | tr -d ' ')
# A group with pupils, and how many the export counts in it.
busy=$(awk -F';' '$7 != "" { print $7 }' "$E2E_TMP/pupils.txt" | sort | uniq -c | sort -rn |
	awk 'NR == 1 { print $2 }')
busy_n=$(awk -F';' -v g="$busy" '$7 == g' "$E2E_TMP/pupils.txt" | wc -l | tr -d ' ')
[ -n "$busy" ] || bail "the demo has no pupils in a group"

e2e_open

# --- the list --------------------------------------------------------------------
send G
check "G opens the Groepen screen of 2026-2027 with $ngroups groups" \
	wait_for "2026-2027 · $ngroups groepen"
check "the group $busy is listed with its $busy_n pupils" \
	wait_re "^ $busy +[0-9-]+ +[a-z]+ .* $busy_n\$"

# --- a new group, with a validation error fixed -----------------------------------
send n
wait_for "ibis — Nieuwe groep" || bail "n did not open the form"
type_text "Plusklas"
send Tab
type_text "9"
send F2
check "a jaargroep of 9 is refused with a message on the field" \
	wait_for '"9" is geen jaargroep: kies 0 tot en met 8.'
check "the name typed is still there after the error" wait_re "Naam +Plusklas"
send BSpace
type_text "5"
send Tab
type_text "6"
send Tab
type_text "regulier"
send Tab
type_text "Anna de Vries, Bram Bos"
send C-s
check "regulier with two jaargroepen is refused on the Soort field" \
	wait_for "Regulier is één jaargroep; kies combinatie (zoals 4/5)."
check "the teachers typed are still there" wait_re "Leerkrachten +Anna de Vries, Bram Bos"
send C-u
send F2
check "with Soort left empty the group is saved as a combination group" \
	wait_re "^ Plusklas +5-6 +combinatie +Anna de Vries, Bram Bos +0\$"
check "the header counts one group more" wait_for "2026-2027 · $((ngroups + 1)) groepen"

# --- edit: a duplicate name, then a conflict, then saved ---------------------------
send e
wait_for "ibis — Groep Plusklas wijzigen" || bail "e did not open the form on Plusklas"
send C-u
type_text "$busy"
send F2
check "a name another group has is refused" \
	wait_for "Er is al een groep $busy in 2026-2027."
send C-u
type_text "Plusgroep"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$E2E_TMP/demo.db" \
		"PRAGMA busy_timeout = 5000; UPDATE groups SET version = version + 1 WHERE name = 'Plusklas'" >/dev/null
	send F2
	check "a change by someone else meanwhile is reported" \
		wait_for "Iemand anders heeft groep Plusklas intussen"
	send Enter
	check "the form keeps what was typed after the conflict" wait_re "Naam +Plusgroep"
else
	skip "a change by someone else meanwhile is reported" "sqlite3 is not installed"
	skip "the form keeps what was typed after the conflict" "sqlite3 is not installed"
fi
send F2
check "the edited group is saved" wait_re "^ Plusgroep +5-6 +combinatie"

# --- delete -----------------------------------------------------------------------
send d
check "d on the empty group asks first" wait_for "Groep Plusgroep (2026-2027) verwijderen? (j/n)"
send j
if wait_gone "Plusgroep" && wait_for "2026-2027 · $ngroups groepen"; then
	ok "j deletes the empty group"
else
	not_ok "j deletes the empty group"
fi
# The first group (the cursor after Home) has pupils in the demo.
send Home
wait_settled
first_row=$(screen | sed -n 3p)
first=$(printf '%s\n' "$first_row" | awk '{ print $1 }')
first_n=$(printf '%s\n' "$first_row" | awk '{ print $NF }')
send d
if [ "${first_n:-0}" -gt 0 ] 2>/dev/null; then
	check "a group with pupils ($first) is refused with a message" \
		wait_for "Groep $first heeft $first_n leerlingen en kan niet worden"
else
	not_ok "a group with pupils ($first) is refused with a message" "the first row: $first_row"
fi
send Enter

# --- another school year ------------------------------------------------------------
send Right
check "→ shows the next school year, which has no groups yet" \
	wait_for "Geen groepen in 2027-2028."
send Left
wait_for "2026-2027 · $ngroups groepen" >/dev/null

send Escape
wait_for "ibis — Leerlingen" >/dev/null
send F10
expect_quit_clean "ibis quits with status 0 and no sanitizer report"

e2e_finish
