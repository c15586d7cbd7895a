#!/bin/sh
# jaarovergang.sh - the Jaarovergang screen on the demo database, opened with
# J from the Leerlingen screen: the preview with its counts, marking a doubler
# and a leaver (the preview changes, the cursor stays on the pupil), the
# question that states the counts, applying, and the done state.
. "$(dirname "$0")/lib.sh"

e2e_setup 19

# Row N of the screen split into name|from|to|mark, by the columns of an
# 80-column screen: 3 spaces, name 22, 2, from 14, 2, to 25, 2, mark.
row_fields() {
	screen | sed -n "${1}p" |
		sed -E 's/^ {3}(.{22}) {2}(.{14}) {2}(.{0,25}) {0,2}(.*)$/\1|\2|\3|\4/' |
		sed -E 's/ +\|/|/g; s/ +$//'
}

field() {
	printf '%s\n' "$1" | cut -d'|' -f"$2"
}

# "Over N" of the counts line.
count_of() {
	screen | sed -n 2p | grep -o -E "$1 [0-9]+" | grep -o -E '[0-9]+$'
}

e2e_open

# --- the preview ------------------------------------------------------------------
send J
check "J opens the Jaarovergang of 2026-2027 to 2027-2028" \
	wait_for "2026-2027 → 2027-2028"
check "the counts are shown, nobody marked yet" wait_for "Doubleren 0 · Versnellen 0"
check "the plan is ready to apply" wait_for "Klaar om uit te voeren (u)"
first_heading() {
	screen | sed -n 6p | grep -q -E '^ Groep .* · [0-9]+ leerling'
}
check "the moves are listed under a heading per group of 2026-2027" first_heading
total=$(screen | sed -n 1p | grep -o -E '[0-9]+ leerlingen' | grep -o -E '^[0-9]+')
over=$(count_of Over)
row1=$(row_fields 7)
name1=$(field "$row1" 1)
from1=$(field "$row1" 2)
to1=$(field "$row1" 3)
[ -n "$name1" ] && [ -n "$total" ] && [ -n "$over" ] || bail "the preview could not be read: $row1"

# --- marking ------------------------------------------------------------------------
send d
if wait_for "Doubleren 1" && [ "$(count_of Over)" = "$((over - 1))" ]; then
	ok "d marks a doubler: Doubleren 1, Over $((over - 1))"
else
	not_ok "d marks a doubler: Doubleren 1, Over $((over - 1))"
fi
row=$(row_fields 7)
if [ "$(field "$row" 1)" = "$name1" ] && [ "$(field "$row" 4)" = "doubleert" ] &&
	[ "$(field "$row" 3)" != "$to1" ]; then
	ok "the row of $name1 now says doubleert and goes elsewhere ($(field "$row" 3))"
else
	not_ok "the row of $name1 now says doubleert and goes elsewhere" "before: $row1; after: $row"
fi
check "the cursor stays on the pupil" wait_for " 1/$total"
send n
check "n makes the pupil normal again" wait_for "Doubleren 0"
send Enter
check "Enter asks how to mark the pupil" wait_for "Doubleert (blijft in dezelfde jaargroep)"
send Down
send Enter
check "choosing Doubleert in the menu marks the doubler" wait_for "Doubleren 1"

send Down
wait_for " 2/$total" >/dev/null
name2=$(field "$(row_fields 8)" 1)
send x
check "x asks where the pupil goes" wait_for "SBO (speciaal basisonderwijs)"
send Down
send Enter
if wait_for "Vertrekken 1" && [ "$(field "$(row_fields 8)" 3)" = "vertrekt (sbo)" ] &&
	wait_for " 2/$total"; then
	ok "the leaver $name2 goes to the SBO and the cursor stays on them"
else
	not_ok "the leaver $name2 goes to the SBO and the cursor stays on them"
fi

# --- applying -----------------------------------------------------------------------
send u
if wait_box "De jaarovergang van 2026-2027 naar 2027-2028 uitvoeren" &&
	wait_box "1 doubleert" && wait_box "1 vertrekt" && wait_box "Uitvoeren? (j/n)"; then
	ok "u asks first, stating the counts"
else
	not_ok "u asks first, stating the counts" "box: $(box_text)"
fi
send j
check "the result is reported" wait_box "De jaarovergang is uitgevoerd:" 20
send Enter
if wait_for "Uitgevoerd: " && wait_for "Over 0 · Doubleren 0"; then
	ok "the screen shows the done state"
else
	not_ok "the screen shows the done state"
fi
row=$(row_fields 7)
if [ "$(field "$row" 1)" = "$name1" ] && [ "$(field "$row" 3)" = "al in $from1" ]; then
	ok "the doubler $name1 is in $from1 again in 2027-2028"
else
	not_ok "the doubler $name1 is in $from1 again in 2027-2028" "row: $row"
fi
send u
check "applying again is refused" wait_box "is al uitgevoerd."
send Enter
send Escape
wait_for "ibis — Leerlingen" >/dev/null
send J
check "reopened, the screen shows the jaarovergang as done" \
	wait_for "Uitgevoerd: de leerlingen staan al in de groepen van 2027-2028."

send F10
expect_quit_clean "ibis quits with status 0 and no sanitizer report"

e2e_finish
