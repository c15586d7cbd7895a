#!/bin/sh
# plannen.sh - the Plannen tab of a demo pupil with plans (found with
# sqlite3): its plans with their types and statuses, Tab and Shift-Tab
# cycling Tijdlijn, Plannen and Gegevens, l on the Tijdlijn adding a logboek
# entry to the pupil's running plan (checked in the database), v showing a
# version (a snapshot put in with sqlite3) and its content, x exporting the
# plan as HTML into the folder ibis was started from, and p on the Groepen
# screen showing a group's groepsplan; no sanitizer report.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP sqlite3 is not installed"
	exit 0
fi

e2e_setup 22

need_pupils

# A pupil at school with two to ten plans of which exactly one is running
# (concept or actief): l on the Tijdlijn then goes straight to its logboek.
pid=
db "SELECT pupil_id FROM plans WHERE pupil_id IS NOT NULL GROUP BY pupil_id
	HAVING sum(status IN ('concept', 'actief')) = 1 AND count(*) BETWEEN 2 AND 10
	ORDER BY pupil_id" >"$E2E_TMP/candidates.txt"
while IFS= read -r id; do
	line=$(awk -F';' -v id="$id" '$1 == id { print NR; exit }' "$E2E_TMP/pupils.txt")
	if [ -n "$line" ]; then
		pid=$id
		break
	fi
done <"$E2E_TMP/candidates.txt"
[ -n "$pid" ] || bail "no pupil at school in the demo has 2-10 plans with one running"
natural=$(natural_name "$line")
nplans=$(db "SELECT count(*) FROM plans WHERE pupil_id = $pid")
open_id=$(db "SELECT id FROM plans WHERE pupil_id = $pid AND status IN ('concept', 'actief')")
# The plan the cursor starts on: the list is newest start first.
first_id=$(db "SELECT id FROM plans WHERE pupil_id = $pid
	ORDER BY start_date DESC NULLS FIRST, id DESC LIMIT 1")
first_title=$(db "SELECT title FROM plans WHERE id = $first_id")
echo "# pupil $pid ($natural): $nplans plans, running $open_id, first $first_id ($first_title)"

# The short name (kort) of a template, from its data file.
kort_of() {
	sed -n 's/^kort = "\(.*\)"$/\1/p' "$IBIS_DATADIR/plans/$1.ini"
}

# A version of the first plan, as a status change would have kept it.
db "INSERT INTO plan_snapshots (plan_id, taken_at, reason, author, content)
	VALUES ($first_id, '2026-10-01 08:30:00', 'actief', 'ib',
		'# Versie uit oktober' || char(10) || char(10) || 'Inhoud van de versie: kwartaaltekst')" ||
	bail "the snapshot could not be put in"

# ibis runs in a folder of its own: the export lands there.
case $IBIS in /*) ;; *) IBIS=$(pwd)/$IBIS ;; esac
case $IBIS_DATADIR in /*) ;; *) IBIS_DATADIR=$(pwd)/$IBIS_DATADIR ;; esac
mkdir -p "$E2E_TMP/export" && cd "$E2E_TMP/export" || bail "no export folder"

tabs_tijdlijn="[Tijdlijn] | Plannen | Gegevens"
tabs_plannen="Tijdlijn | [Plannen] | Gegevens"
tabs_gegevens="Tijdlijn | Plannen | [Gegevens]"

# Every plan of the pupil has a row with its type and its status.
plans_listed() {
	db "SELECT template_id, status FROM plans WHERE pupil_id = $pid" >"$E2E_TMP/plans.txt"
	screen >"$E2E_TMP/screen.txt"
	while IFS='|' read -r tmpl status; do
		kort=$(kort_of "$tmpl")
		want=$(grep -c -x -F "$tmpl|$status" "$E2E_TMP/plans.txt")
		have=$(grep -F " $kort " "$E2E_TMP/screen.txt" | grep -c -F " $status ")
		[ "$have" -eq "$want" ] || {
			echo "# $kort $status: $have rows, $want plans"
			return 1
		}
	done <"$E2E_TMP/plans.txt"
}

# --- the tabs ---------------------------------------------------------------------
e2e_open
open_pupil "$natural" "$pid" && wait_for "$tabs_tijdlijn" ||
	bail "the Tijdlijn of pupil $pid did not open"
ok "the Tijdlijn names three tabs: Tijdlijn, Plannen, Gegevens"
send Tab
check "Tab goes to the Plannen tab with its columns" \
	eval 'wait_for "$tabs_plannen" && wait_for "Type" && wait_for "Status" && wait_for "Uiterlijk"'
check "the $nplans plans are listed, each with its type and status" plans_listed
check "the header still names the pupil" wait_for "#$pid · $natural"
send Tab
check "Tab in Plannen goes to Gegevens" eval 'wait_for "$tabs_gegevens" && wait_for "Niveaugeschiedenis"'
send Tab
check "Tab in Gegevens goes to the Tijdlijn" wait_for "$tabs_tijdlijn"
send BTab
check "Shift-Tab in the Tijdlijn goes to Gegevens" wait_for "$tabs_gegevens"
send BTab
check "Shift-Tab in Gegevens goes to Plannen" wait_for "$tabs_plannen"
send BTab
check "Shift-Tab in Plannen goes to the Tijdlijn" wait_for "$tabs_tijdlijn"

# --- l on the Tijdlijn: a logboek entry for the running plan ---------------------
send l
check "l opens the logboek dialog of the running plan" wait_for "Logboek - "
type_text "Gesprek met moeder, afspraken gemaakt (e2e)"
send Enter
wait_gone "Logboek - " >/dev/null
logged=$(db "SELECT log_date || '|' || author FROM plan_log
	WHERE plan_id = $open_id AND body = 'Gesprek met moeder, afspraken gemaakt (e2e)'")
check "the entry is in the plan's logboek, dated today, with its author" \
	eval 'printf "%s\n" "$logged" | grep -q "^$E2E_TODAY|."'

# --- v: the versions of the plan, and one in full ----------------------------------
send Tab
wait_for "$tabs_plannen" >/dev/null
send v
check "v lists the versions of the plan under the cursor" \
	eval 'wait_for "Versies van" && wait_for "01-10-2026" && wait_for "actief · ib"'
send Enter
check "Enter shows the version's content" \
	eval 'wait_for "Versie uit oktober" && wait_for "Inhoud van de versie: kwartaaltekst"'
send Escape
check "Esc returns to the Plannen tab" wait_for "$tabs_plannen"

# --- x: the plan as HTML in the current folder ----------------------------------------
send x
check "x asks Markdown or HTML" eval 'wait_box "Markdown" && wait_box "HTML"'
send Enter
check "the path of the document is reported" wait_for "opgeslagen als"
file=$(ls "$E2E_TMP/export/"*"-$first_id-"*.html 2>/dev/null | head -n 1)
title_html=$(printf '%s' "$first_title" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g')
check "the HTML file is in the folder ibis was started from and has the plan's title" \
	eval '[ -n "$file" ] && grep -q -F -- "$title_html" "$file" && grep -q -i "<html" "$file"'
check "the message names the file's full path" \
	eval '[ -n "$file" ] && box_text | tr -d " " | grep -q -F -- "$(printf "%s" "$file" | tr -d " ")"'
send Enter
wait_gone "opgeslagen als" >/dev/null

# --- p on the Groepen screen: a group's plans ----------------------------------------
send Escape
wait_for "ibis — Leerlingen" >/dev/null || bail "Esc did not return to the list"
send G
wait_for "ibis — Groepen" >/dev/null || bail "G did not open the Groepen screen"
school=$(screen | sed -n '1s/^ *ibis — Groepen · \(.*[^ ]\) \{2,\}.*$/\1/p')
school_sql=$(printf '%s' "$school" | sed "s/'/''/g")
in_school="g.school_id = (SELECT id FROM schools WHERE name = '$school_sql') AND g.school_year = 2026"
gname=$(db "SELECT g.name FROM groups g JOIN plans p ON p.group_id = g.id WHERE $in_school
	ORDER BY g.name LIMIT 1")
# A model that names no groepsplan leaves the demo without one: a colleague
# made one.
if [ -z "$gname" ]; then
	gname=$(db "SELECT g.name FROM groups g WHERE $in_school ORDER BY g.name LIMIT 1")
	db "INSERT INTO plans (template_id, group_id, title, status, start_date, author)
		SELECT 'groepsplan', g.id, 'Rekenen blok 3', 'concept', '2026-09-01', 'ib'
		FROM groups g WHERE $in_school AND g.name = '$gname'" ||
		bail "the groepsplan could not be put in"
fi
[ -n "$gname" ] || bail "the school $school has no groups in 2026-2027"
gplan=$(db "SELECT p.title FROM plans p JOIN groups g ON g.id = p.group_id
	WHERE $in_school AND g.name = '$gname' ORDER BY p.start_date DESC LIMIT 1")
i=0
while ! cursor_row | grep -q -E "^ $gname +"; do
	i=$((i + 1))
	[ "$i" -le 60 ] || break
	send Down
	wait_settled
done
send p
check "p opens the plans of group $gname" wait_for "Plannen van groep $gname (2026-2027)"
check "its groepsplan is listed" \
	eval 'screen | grep -F " Groepsplan " | grep -q -F -- "$(printf "%s" "$gplan" | awk "{ print \$1 }")"'
send Escape
check "Esc returns to the Groepen screen" wait_for "ibis — Groepen"

send F10
expect_quit_clean "F10 quits with status 0 and no sanitizer report"

e2e_finish
