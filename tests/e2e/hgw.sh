#!/bin/sh
# hgw.sh - the HGW-raster, opened with H from the Leerlingen screen on a demo
# database whose HGW scores are cleared first: section 1 scored by typing six
# digits (the cursor going down after each), the cells with digit and symbol,
# the section mean computed here by hand, "(5/6)" while one is open, the
# Totaal row; evidence written in the text box (the "*" mark, the text under
# the grid, a change thrown away with Esc); every write checked in the
# database; the heat map's background colours, and without colour (NO_COLOR)
# the symbols; last year's scores (put in with sqlite3) in a column beside
# this year's with an arrow on the mean, more years in a wider window; '<'
# another year; Tab the inspection set; a colleague's change meanwhile; the
# assessors view with a column added, scored and one removed; a read-only
# database refusing a score; no sanitizer report.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP sqlite3 is not installed"
	exit 0
fi

e2e_setup 52

# The demo may score the grid itself: this test starts from an empty one.
out=$(db "DELETE FROM indicator_scores; DELETE FROM indicator_assessors;")
[ -z "$out" ] || bail "the scores could not be cleared: $out"
school=$(db "SELECT name FROM schools ORDER BY name LIMIT 1")
sid=$(db "SELECT id FROM schools ORDER BY name LIMIT 1")
[ -n "$school" ] || bail "the demo has no school"

esc=$(printf '\033')

# The screen line of indicator $1 (" 1.1  Leerkrachten ...").
row() {
	screen | grep -E "^ $(printf '%s' "$1" | sed 's/\./\\./g')  " | head -n 1
}

# The last cell of indicator $1's line: "3 +", "4 ++*", "·".
last_cell() {
	row "$1" | sed -E 's/^.*  (([1-4] (\+\+|\+|--|-)\*?)|(· ?\*?)) *$/\1/'
}

# The line of the first mean row (section 1).
mean1() {
	screen | grep -E "^ +Gemiddelde" | head -n 1
}

# The line of the SGR-coded screen holding indicator $1.
sgr_row() {
	tmux_ capture-pane -p -e -t ibis | grep -E "^ ?(${esc}\\[[0-9;]*m)* ?$(printf '%s' "$1" |
		sed 's/\./\\./g')  " | head -n 1
}

# True when the SGR line of indicator $1 sets background colour $2 (41 red,
# 42 green, 43 yellow) in any of tmux's spellings.
has_bg() {
	sgr_row "$1" | grep -E -q "${esc}\\[([0-9]+;)*$2(;[0-9]+)*m"
}

# The cells of year $1, assessor $2 of the hgw set as "1.1=3 1.2=2 ...".
stored() {
	db "SELECT group_concat(indicator || '=' || coalesce(score, 0), ' ') FROM
		(SELECT indicator, score FROM indicator_scores WHERE school_id = $sid AND
		 set_id = 'hgw' AND school_year = $1 AND assessor = '$2' ORDER BY indicator)"
}

# The scores typed into section 1, and their mean as the screen writes it
# (one decimal, Dutch comma), computed here.
scores="3 2 4 3 1 2"
mean_of() {
	printf '%s\n' "$@" | awk '{ s += $1; n++ } END {
		t = int(s * 10 / n + 0.5); printf "%d,%d\n", t / 10, t % 10 }'
}
mean_all=$(mean_of $scores)
# The set's last indicator and their number, from its data file.
last=$(sed -n 's/^\[indicator \(.*\)\]$/\1/p' "$IBIS_DATADIR/indicators/hgw.ini" | tail -n 1)
nind=$(grep -c '^\[indicator ' "$IBIS_DATADIR/indicators/hgw.ini")
mean_five=$(mean_of 3 2 4 3 1)

# --- scoring section 1 (colour) ----------------------------------------------------
e2e_open
send H
check "H opens the HGW-raster of the demo school in the current school year" \
	eval 'wait_for "HGW-raster — $school — 2026-2027" && wait_for "HGW-indicatoren · per jaar"'
check "section 1 is headed by its name, the cursor on indicator 1.1" \
	eval 'wait_for "1 Algemene preventieve ondersteuning in de groep" &&
		wait_cursor_on " 1.1  Leerkrachten werken samen"'
check "the panel shows the whole text of 1.1 and that it is not scored yet" \
	eval 'wait_joined "ideeën en oplossingen van leerlingen" &&
		_on_screen "Nog geen score: typ 1 tot en met 4" &&
		_on_screen "Geen onderbouwing (Enter om te schrijven)"'

for s in $scores; do
	type_text "$s"
done
check "six digits score 1.1 to 1.6, the cursor going down to 2.1" \
	eval 'wait_cursor_on " 2.1  Leerkrachten signaleren"'
cells=
for i in 1 2 3 4 5 6; do
	cells="$cells$(last_cell 1.$i);"
done
check "each cell shows its digit and symbol: 3 +, 2 -, 4 ++, 3 +, 1 --, 2 -" \
	[ "$cells" = "3 +;2 -;4 ++;3 +;1 --;2 -;" ]
check "the mean of section 1 is $mean_all, computed by hand" \
	eval 'wait_re "^ +Gemiddelde +(— +)*$mean_all *$"'
check "the database holds the six scores (agreed, 2026)" \
	[ "$(stored 2026 '')" = "1.1=3 1.2=2 1.3=4 1.4=3 1.5=1 1.6=2" ]

send Up
wait_cursor_on " 1.6  " >/dev/null
send 0
check "0 clears 1.6: the cell is empty and the cursor goes down" \
	eval 'wait_cursor_on " 2.1  " && [ "$(last_cell 1.6)" = "·" ]'
check "with one indicator open the mean is $mean_five (5/6)" \
	eval 'wait_re "^ +Gemiddelde +(— +)*$mean_five \\(5/6\\) *$"'
check "the cleared cell (no score, no evidence) is gone from the database" \
	[ "$(stored 2026 '')" = "1.1=3 1.2=2 1.3=4 1.4=3 1.5=1" ]
send Up
wait_cursor_on " 1.6  " >/dev/null
send 2
wait_re "^ +Gemiddelde +(— +)*$mean_all *$" >/dev/null
send End
check "End goes to the last indicator ($last); Totaal counts 6 of the $nind ($mean_all (6/$nind))" \
	eval 'wait_cursor_on " $last  " && wait_re "^ Totaal +(— +)*$mean_all \\(6/$nind\\) *$"'

# --- evidence ----------------------------------------------------------------------
send Home
wait_cursor_on " 1.1  " >/dev/null
check "the panel gives the normering's words of score 3" \
	wait_for "Score 3: in voldoende mate aanwezig / zichtbaar"
send e
check "e opens the evidence box of 1.1 in 2026-2027, Gezamenlijk" \
	eval 'wait_for "Onderbouwing: wat is gezien, waar" &&
		_on_screen "1.1 · 2026-2027 · Gezamenlijk"'
type_text "Gezien in groep 5: kinderen kiezen zelf hun leerdoel."
send F2
check "F2 stores it: 1.1 shows the mark (3 +*)" \
	eval 'wait_gone "wat is gezien, waar" && [ "$(last_cell 1.1)" = "3 +*" ]'
check "the panel shows the evidence under the grid" \
	wait_for "Onderbouwing: Gezien in groep 5: kinderen kiezen zelf hun leerdoel."
check "the database holds the evidence beside the score" \
	[ "$(db "SELECT score || '|' || evidence FROM indicator_scores WHERE set_id = 'hgw' AND
		indicator = '1.1' AND school_year = 2026 AND assessor = ''")" = \
	  "3|Gezien in groep 5: kinderen kiezen zelf hun leerdoel." ]
send Down
wait_cursor_on " 1.2  " >/dev/null
send Enter
wait_for "Onderbouwing: wat is gezien, waar" >/dev/null
type_text "weg ermee"
send Escape
check "Esc after typing asks before throwing the text away" \
	wait_box "De gewijzigde onderbouwing weggooien? (j/n)"
send j
check "j closes the box; 1.2 has no evidence, in the database neither" \
	eval 'wait_gone "wat is gezien, waar" && [ "$(last_cell 1.2)" = "2 -" ] &&
		[ -z "$(db "SELECT evidence FROM indicator_scores WHERE indicator = '"'1.2'"' AND
			evidence IS NOT NULL")" ]'

# --- the heat map in colour ----------------------------------------------------------
check "score 1 (1.5) has a red background" has_bg 1.5 41
check "score 2 (1.6) has a yellow background" has_bg 1.6 43
check "scores 3 and 4 (1.4, 1.3) have a green background" \
	eval 'has_bg 1.4 42 && has_bg 1.3 42'
check "an open cell (2.2) has no background colour" \
	eval '! has_bg 2.2 41 && ! has_bg 2.2 42 && ! has_bg 2.2 43'

# --- the inspection set ----------------------------------------------------------------
send Tab
check "Tab shows the inspection set, its sections and no scores" \
	eval 'wait_for "Indicatoren Toezichtskader Inspectie" && wait_for "1 Resultaten" &&
		[ "$(last_cell 1.1)" = "·" ]'
send BTab
check "Shift-Tab goes back to the HGW set with its scores" \
	eval 'wait_for "HGW-indicatoren" && [ "$(last_cell 1.3)" = "4 ++" ]'

# A colleague scores 1.4 meanwhile (its version moves on): a score typed
# over it is refused with a message and the grid shows the colleague's.
send Down Down Down
wait_cursor_on " 1.4  " >/dev/null
db "UPDATE indicator_scores SET score = 1, version = version + 1 WHERE set_id = 'hgw' AND
	indicator = '1.4' AND school_year = 2026 AND assessor = ''"
send 4
check "a score over a colleague's change meanwhile is refused and says so" \
	wait_box "Een collega heeft deze cel intussen gewijzigd; het raster is opnieuw gelezen."
send Enter
check "the grid was read again: 1.4 shows the colleague's 1, which the database keeps" \
	eval 'wait_gone "Een collega heeft" && [ "$(last_cell 1.4)" = "1 --" ] &&
		wait_cursor_on " 1.4  " &&
		[ "$(db "SELECT score FROM indicator_scores WHERE set_id = '"'hgw'"' AND
			indicator = '"'1.4'"' AND school_year = 2026 AND assessor = '"''"'")" = 1 ]'
send 3
wait_cursor_on " 1.5  " >/dev/null
check "typed again, the score is stored" [ "$(last_cell 1.4)" = "3 +" ]

send Escape
check "Esc goes back to the pupil list" wait_for "ibis — Leerlingen"
send F10
expect_quit_clean "ibis quits with status 0 and no sanitizer report"

# --- two school years, without colour --------------------------------------------------
# Last year every indicator of section 1 scored 2.
for i in 1 2 3 4 5 6; do
	db "INSERT INTO indicator_scores (school_id, set_id, indicator, school_year, assessor, score)
		VALUES ($sid, 'hgw', '1.$i', 2025, '', 2)"
done
tmux_ kill-server >/dev/null 2>&1
e2e_open
send H
check "with scores of this year and last year only, those two years stand side by side" \
	eval 'wait_re "^ Indicator +2025-2026 +2026-2027 *$"'
tmux_ kill-server >/dev/null 2>&1
# One cell four years back: the columns reach back to it.
db "INSERT INTO indicator_scores (school_id, set_id, indicator, school_year, assessor, score)
	VALUES ($sid, 'hgw', '2.1', 2022, '', 3)"
NO_COLOR=1
export NO_COLOR
e2e_open
unset NO_COLOR
send H
wait_for "HGW-raster — $school — 2026-2027" >/dev/null
check "at 80 columns three school years stand side by side, this year at the right" \
	eval 'wait_re "^ Indicator +(◂ +)?2024-2025 +2025-2026 +2026-2027 *$"'
check "the mean of section 1: none in 2024, 2,0 last year, $mean_all this year with an arrow up" \
	eval 'wait_re "^ +Gemiddelde +— +2,0 +$mean_all ↑ *$"'
check "without colour no colour is drawn" \
	eval "! tmux_ capture-pane -p -e -t ibis | grep -q \"${esc}\\[[34][0-7]m\""
check "without colour the symbols carry the scores: ++ + - -- and the mark" \
	eval '[ "$(last_cell 1.3)" = "4 ++" ] && [ "$(last_cell 1.1)" = "3 +*" ] &&
		[ "$(last_cell 1.2)" = "2 -" ] && [ "$(last_cell 1.5)" = "1 --" ] &&
		row 1.5 | grep -E -q "  · +2 - +1 -- *$"'
send Left
check "Left moves to last year's cell: 1.1 in 2025-2026 scored 2, with its words" \
	eval 'wait_for "1.1 · 2025-2026 · Gezamenlijk" &&
		wait_for "Score 2: in onvoldoende mate aanwezig / zichtbaar"'
send '<'
check "< chooses 2025-2026: the grid ends at that year" \
	eval 'wait_for "HGW-raster — $school — 2025-2026" &&
		wait_re "^ Indicator +(◂ +)?2023-2024 +2024-2025 +2025-2026 *$"'
send '>'
check "> goes back to 2026-2027" wait_re "^ Indicator +(◂ +)?2024-2025 +2025-2026 +2026-2027 *$"
send '>'
wait_settled
check "> stops at the current school year" _on_screen "HGW-raster — $school — 2026-2027"
resize 160 40
check "a wider window (160x40) shows five school years" \
	wait_re "^ Indicator +2022-2023 +2023-2024 +2024-2025 +2025-2026 +2026-2027 *$"
resize 80 24
wait_re "^ Indicator +(◂ +)?2024-2025 +2025-2026 +2026-2027 *$" >/dev/null

# --- assessors -----------------------------------------------------------------------------
send v
check "v shows the assessors of 2026-2027: Gezamenlijk only" \
	eval 'wait_for "HGW-indicatoren · per beoordelaar" &&
		wait_re "^ Indicator · beoordelaars +Gezamenlijk *$"'
send a
check "a asks for the name of an assessor" wait_box "Naam van de beoordelaar in 2026-2027"
type_text "Directie"
send Enter
check "Enter adds the column Directie beside Gezamenlijk, the cursor in it" \
	eval 'wait_re "^ Indicator · beoordelaars +Gezamenlijk +Directie *$" &&
		wait_for "1.1 · 2026-2027 · Directie"'
check "the database holds the assessor" \
	[ "$(db "SELECT assessor FROM indicator_assessors WHERE set_id = 'hgw' AND
		school_year = 2026")" = "Directie" ]
send 4
check "4 scores 1.1 for Directie; the agreed score stays 3 +*" \
	eval 'wait_cursor_on " 1.2  " && row 1.1 | grep -q "3 +\\* .*4 ++ *$"'
check "the database holds Directie's score apart" [ "$(stored 2026 Directie)" = "1.1=4" ]
send a
wait_box "Naam van de beoordelaar" >/dev/null
type_text "Extern"
send Enter
wait_re "Gezamenlijk +Directie +Extern *$" >/dev/null
send Right Right
wait_for "1.2 · 2026-2027 · Extern" >/dev/null
send D
check "D asks before removing the empty column Extern" \
	wait_box "Beoordelaar Extern verwijderen uit 2026-2027? (j/n)"
send j
check "j removes it, on the screen and in the database" \
	eval 'wait_re "^ Indicator · beoordelaars +Gezamenlijk +Directie *$" &&
		[ "$(db "SELECT count(*) FROM indicator_assessors WHERE assessor = '"'Extern'"'")" = 0 ]'
check "the cursor goes to the column before it, Directie" wait_for "1.2 · 2026-2027 · Directie"
send D
check "D on Directie, which has a score, refuses and says why" \
	wait_box "Directie heeft in 2026-2027 nog 1 cel met een score of onderbouwing"
send Enter
wait_settled

send '?'
check "the help lists the keys of the HGW-raster" \
	eval 'wait_for "Help: HGW-raster" && wait_joined "Score 1 tot en met 4 in de gekozen cel" &&
		_joined_has "Een beoordelaar toevoegen"'
send Escape
wait_for "HGW-raster —" >/dev/null
send F10
expect_quit_clean "without colour too, ibis quits with status 0 and no sanitizer report"
tmux_ kill-server >/dev/null 2>&1

# --- read-only ---------------------------------------------------------------------------------
if e2e_start_readonly; then
	before=$(stored 2026 '')
	if wait_for "Alleen-lezen" 10; then
		send H
		wait_for "HGW-raster —" >/dev/null
		send Down 1
		if wait_box "Alleen-lezen: wijzigingen worden niet opgeslagen." &&
			[ "$(stored 2026 '')" = "$before" ]; then
			ok "on a read-only database a typed score is refused and nothing is stored"
		else
			not_ok "on a read-only database a typed score is refused and nothing is stored" \
				"box: $(box_text)"
		fi
	else
		not_ok "on a read-only database a typed score is refused and nothing is stored" \
			"no read-only banner"
	fi
	send Enter
	send F10
	wait_exit 10 >/dev/null
	chmod 644 "$E2E_TMP/demo.db" 2>/dev/null
else
	skip "on a read-only database a typed score is refused and nothing is stored" \
		"running as root without setpriv"
fi

e2e_finish
