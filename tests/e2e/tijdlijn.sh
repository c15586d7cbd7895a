#!/bin/sh
# tijdlijn.sh - the Tijdlijn tab of a demo pupil with a known level history
# (found with `ibis levels history`): the header, the step chart with the
# model's level names and the month and school-year labels, the event list
# newest first, Enter on an item and Esc back, the filter by kind and back to
# all, Tab to Gegevens and back, the key bar and the help, + opening the level
# form and Esc returning unchanged, 80x24, a larger window and a resize, and
# NO_COLOR; no sanitizer report.
. "$(dirname "$0")/lib.sh"

e2e_setup 37

need_pupils

# --- a pupil with at least three steps, not at the top level -------------------------
# The model's short names (kort) in level order, from its data file.
model_shorts() {
	for f in "$IBIS_DATADIR"/levels/*.ini; do
		if grep -q -x -F "naam = \"$1\"" "$f"; then
			sed -n 's/^kort = "\(.*\)"$/\1/p' "$f"
			return 0
		fi
	done
	return 1
}

pid=
line=0
while [ "$line" -lt 60 ]; do
	line=$((line + 1))
	id=$(pupil_field "$line" 1)
	[ -n "$id" ] || break
	ibis_run levels history "$id" >"$E2E_TMP/history.txt" 2>/dev/null || continue
	steps=$(grep -c -E '^[0-9]{2}-[0-9]{2}-[0-9]{4}  ' "$E2E_TMP/history.txt")
	[ "$steps" -ge 3 ] || continue
	model=$(sed -n '1s/.*, niveaumodel //p' "$E2E_TMP/history.txt")
	model_shorts "$model" >"$E2E_TMP/shorts.txt" || continue
	nlevels=$(wc -l <"$E2E_TMP/shorts.txt" | tr -d ' ')
	last=$(grep -E '^[0-9]{2}-[0-9]{2}-[0-9]{4}  ' "$E2E_TMP/history.txt" | tail -n 1)
	cur_short=$(printf '%s\n' "$last" | sed 's/^.\{24\}//; s/ (.*//')
	cur_pos=$(grep -n -x -F "$cur_short" "$E2E_TMP/shorts.txt" | cut -d: -f1)
	[ -n "$cur_pos" ] && [ "$cur_pos" -lt "$nlevels" ] || continue
	pid=$id
	break
done
[ -n "$pid" ] || bail "no demo pupil among the first 60 has three level steps below the top"

natural=$(natural_name "$line")

# A second pupil whose first step is in the last two school years: its chart
# has room to name the months.
pid2=
line2=0
while [ "$line2" -lt 240 ]; do
	line2=$((line2 + 1))
	id=$(pupil_field "$line2" 1)
	[ -n "$id" ] || break
	ibis_run levels history "$id" >"$E2E_TMP/history2.txt" 2>/dev/null || continue
	first=$(grep -E '^[0-9]{2}-[0-9]{2}-[0-9]{4}  ' "$E2E_TMP/history2.txt" | head -n 1 |
		awk '{ split($1, d, "-"); print d[3] d[2] d[1] }')
	[ -n "$first" ] && [ "$first" -ge 20250801 ] || continue
	pid2=$id
	break
done
[ -n "$pid2" ] || bail "no demo pupil has a level history of the last two school years only"
natural2=$(natural_name "$line2")
prev=$(grep -E '^[0-9]{2}-[0-9]{2}-[0-9]{4}  ' "$E2E_TMP/history.txt" | tail -n 2 | head -n 1)
prev_short=$(printf '%s\n' "$prev" | sed 's/^.\{24\}//; s/ (.*//')
last_start=$(printf '%s\n' "$last" | cut -c1-10)
# The reason and the author of the newest step (the lines under it).
last_reason=$(awk '/^[0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9]  / { n++ }
	n == s && /^    Reden: / { sub(/^    Reden: /, ""); print; exit }' s="$steps" \
	"$E2E_TMP/history.txt" | cut -c1-20)
last_author=$(awk '/^[0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9]  / { n++ }
	n == s && /^    Door: / { sub(/^    Door: /, ""); print; exit }' s="$steps" \
	"$E2E_TMP/history.txt")
top_short=$(sed -n "${nlevels}p" "$E2E_TMP/shorts.txt")
low_short=$(sed -n 1p "$E2E_TMP/shorts.txt")
echo "# pupil $pid ($natural): $steps steps in model $model, now $cur_short (was $prev_short)"

# The pupil's newest event becomes restricted (medical, safeguarding): the
# list shows it, marked (roles that hide it come later).
restricted=
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$E2E_TMP/demo.db" "PRAGMA busy_timeout = 5000; UPDATE events SET restricted = 1
		WHERE id = (SELECT id FROM events WHERE pupil_id = $pid
			    ORDER BY event_date DESC, id DESC LIMIT 1)" >/dev/null && restricted=1
fi

# The month names on the row under the time axis (the row whose corner has
# no level name before it), how many.
month_labels() {
	screen | awk '/^ +└/ { getline; print; exit }' |
		grep -o -w -E "jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec" | wc -l
}

tabs_tijdlijn="[Tijdlijn] | Plannen | Gegevens"
tabs_gegevens="Tijdlijn | Plannen | [Gegevens]"

# The dates of the event list rows on screen as yyyymmdd, top to bottom.
list_dates() {
	screen | awk '
		f && /^ [0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9] / {
			print substr($0, 8, 4) substr($0, 5, 2) substr($0, 2, 2)
		}
		/ Datum +Soort +Door +Omschrijving/ { f = 1 }'
}

# The rows of the event list on screen.
list_rows() {
	screen | awk '
		f && /^ [0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9] / { print }
		/ Datum +Soort +Door +Omschrijving/ { f = 1 }'
}

# True when the dates on screen never go up (newest first) and there are
# at least two.
newest_first() {
	list_dates >"$E2E_TMP/dates.txt"
	[ "$(wc -l <"$E2E_TMP/dates.txt")" -ge 2 ] && sort -r -c "$E2E_TMP/dates.txt" 2>/dev/null
}

# Every short name of the model as a label of the y axis.
axis_labels() {
	while IFS= read -r s; do
		screen | grep -q -F -- "$s │" || return 1
	done <"$E2E_TMP/shorts.txt"
}

_keybar_on() {
	[ "$(screen | wc -l)" -ge "$1" ] && screen | sed -n "${1}p" | grep -q -F "Enter Openen"
}

# --- opening ----------------------------------------------------------------------------
e2e_open
if open_pupil "$natural" "$pid" && wait_for "$tabs_tijdlijn"; then
	ok "Enter on the pupil opens the Tijdlijn tab of its dossier"
else
	bail "the Tijdlijn of pupil $pid did not open"
fi
check "the header names the pupil, and the current level ($cur_short)" \
	eval 'wait_for "#$pid · $natural" && screen | sed -n 1p | grep -q -F -- "$cur_short"'

# --- the chart ----------------------------------------------------------------------------
check "the y axis has every level of the model ($low_short .. $top_short)" axis_labels
check "the school years are labelled under the axis, up to this one" \
	eval 'screen | grep -q -E "(2026-2027|26-27) *\$"'
check "the step line is drawn with box characters" \
	eval 'screen | grep -F -- "$cur_short │" | grep -q -E "─|┌|└"'

# --- the event list -------------------------------------------------------------------------
check "the event list has its columns" wait_for "Datum"
if [ -n "$restricted" ]; then
	check "a restricted event is listed and marked" \
		eval 'list_rows | grep -q -F "(afgeschermd)"'
else
	skip "a restricted event is listed and marked" "sqlite3 is not installed"
fi
check "the events are listed newest first" newest_first
first_date=$(head -n 1 "$E2E_TMP/dates.txt")
newest_step=$(printf '%s\n' "$last_start" | awk -F- '{ print $3 $2 $1 }')
check "the first row is no older than the newest step ($last_start)" \
	test "${first_date:-0}" -ge "$newest_step"
send End
wait_settled
oldest=$(list_dates | tail -n 1)
check "End goes to the oldest item, older than the first" test "${oldest:-99999999}" -le "$first_date"
send Home
wait_settled

# --- the filter ------------------------------------------------------------------------------
send f
check "f offers the kinds, alle first" wait_box "alle"
type_text "niveau"
send Enter
check "the header names the filter in force" wait_for "filter: niveau"
check "the newest step comes first, named from the model" \
	eval 'list_rows | head -n 1 | grep -F -- "$last_start" | grep -q -F -- "$cur_short (was $prev_short)"'
check "the niveau filter shows the $steps steps and nothing else" \
	eval '[ "$(list_rows | wc -l)" -eq "$steps" ] && ! list_rows | grep -v -q " niveau "'

# --- Enter on an item -------------------------------------------------------------------------
send Enter
check "Enter shows the step in full: reason, meeting, regie and who recorded it" \
	eval 'wait_for "Vastgelegd door" && wait_for "$last_reason" && wait_for "Besloten in" && wait_for "Regie" && wait_for "$last_author"'
send Escape
check "Esc closes it: the Tijdlijn with its filter is back" \
	eval 'wait_for "$tabs_tijdlijn" && wait_for "filter: niveau"'
send f
wait_box "alle" >/dev/null
type_text "alle"
send Enter
check "f and alle show every kind again" \
	eval 'wait_gone "filter: niveau" && [ "$(list_rows | wc -l)" -gt "$steps" ]'

# --- the tabs -------------------------------------------------------------------------------
send BTab
check "Shift-Tab goes to the Gegevens tab (the level history)" \
	eval 'wait_for "$tabs_gegevens" && wait_for "Niveaugeschiedenis"'
send Tab
check "Tab in Gegevens goes on to the Tijdlijn" \
	eval 'wait_for "$tabs_tijdlijn" && wait_for "Omschrijving"'
send Escape
check "one Esc from the Tijdlijn returns to the list (the tabs replaced each other)" \
	wait_for "ibis — Leerlingen"
# The list kept its search: the cursor is still on the pupil.
send Enter
wait_for "Dossier #$pid " 10 >/dev/null || bail "the Tijdlijn did not open again"
wait_for "$tabs_tijdlijn" >/dev/null

# --- key bar and help ------------------------------------------------------------------------
check "the key bar shows Enter, n, + and - with the global keys" \
	eval 'screen | tail -n 1 | grep -q -F "Enter Openen  n Nieuw  + Hoger  - Lager  F1/? Help  Esc/q Terug"'
check "the line of the tabs names the other keys" \
	eval 'screen | grep -F -- "$tabs_tijdlijn" | grep -q -F "Tab Plannen · f filter"'
send '?'
check "the help lists the Tijdlijn's keys" \
	eval 'wait_for "ibis — Help: Tijdlijn" && wait_for "Het niveau verhogen" && wait_for "Het niveau verlagen" && wait_for "Een nieuwe gebeurtenis vastleggen"'
send PgDn
check "the help lists correcting, withdrawing and the filter" \
	eval 'wait_for "De nieuwste niveaustap intrekken" || { send End; wait_for "De nieuwste niveaustap intrekken"; }'
send Escape
wait_for "$tabs_tijdlijn" >/dev/null

# --- + opens the level form; Esc returns unchanged ---------------------------------------------
wait_settled
screen >"$E2E_TMP/before.txt"
send +
check "+ opens the level form" wait_for "ibis — Niveau wijzigen" 10
send Escape
wait_for "$tabs_tijdlijn" >/dev/null
wait_settled
screen >"$E2E_TMP/after.txt"
if cmp -s "$E2E_TMP/before.txt" "$E2E_TMP/after.txt"; then
	ok "Esc returns to the Tijdlijn unchanged"
else
	not_ok "Esc returns to the Tijdlijn unchanged" "$(diff "$E2E_TMP/before.txt" "$E2E_TMP/after.txt")"
fi

# --- sizes ------------------------------------------------------------------------------------
rows80=$(list_rows | wc -l)
resize 120 40
check "at 120x40 the key bar is on line 40" _poll 5 _keybar_on 40
check "at 120x40 the chart and more rows of the list show" \
	eval 'axis_labels && [ "$(list_rows | wc -l)" -gt "$rows80" ] && newest_first'
check "at 120x40 six school years have room for the quarters (aug, nov, feb, mei)" \
	eval 'screen | grep -q -E "aug +nov +feb +mei +aug"'
resize 60 20
check "60x20 is too small and says so" wait_for "te klein"
resize 80 24
check "back at 80x24 the Tijdlijn is whole again" \
	eval 'wait_for "$tabs_tijdlijn" && _poll 5 _keybar_on 24 && axis_labels && [ "$(list_rows | wc -l)" -eq "$rows80" ]'

# --- months, for a short history ------------------------------------------------------------
send Escape
wait_for "ibis — Leerlingen" >/dev/null
send Escape
wait_gone "filter:" >/dev/null
if open_pupil "$natural2" "$pid2" && wait_for "$tabs_tijdlijn"; then
	check "two school years of pupil $pid2 at 80x24: the months are named" \
		eval 'axis_labels && [ "$(month_labels)" -ge 6 ] && screen | grep -q -E "2025-2026|25-26"'
else
	not_ok "two school years of pupil $pid2 at 80x24: the months are named" "it did not open"
fi
send F10
expect_quit_clean "F10 quits with status 0 and no sanitizer report"

# --- NO_COLOR -----------------------------------------------------------------------------------
# A new tmux server, so that the session has NO_COLOR in its environment.
tmux_ kill-server >/dev/null 2>&1
NO_COLOR=1
export NO_COLOR
e2e_open
unset NO_COLOR
open_pupil "$natural" "$pid" || bail "the Tijdlijn did not open under NO_COLOR"
wait_settled
esc=$(printf '\033')
check "under NO_COLOR nothing is coloured" \
	eval '! tmux_ capture-pane -p -e -t ibis | grep -q -E "$esc\\[([0-9;]*;)?(3[0-7]|4[0-7]|38|48|9[0-7])(;[0-9;]*)?m"'
check "under NO_COLOR the chart still has its axis and its line" \
	eval 'axis_labels && screen | grep -F -- "$cur_short │" | grep -q -E "─|┌|└"'
check "under NO_COLOR the cursor row is in reverse video" \
	eval 'cursor_row | grep -q -E "[0-9]{2}-[0-9]{2}-[0-9]{4}"'
send F10
expect_quit_clean "under NO_COLOR: status 0 and no sanitizer report"

e2e_finish
