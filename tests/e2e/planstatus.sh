#!/bin/sh
# planstatus.sh - a plan through its statuses: a new OOP for a pupil (Plannen
# tab, n), Aanleiding and Aanpak filled, two goals (+ in Doelen), a logboek
# entry (F4), saved (F2); F3 refuses actief for an end date 9 weeks after the
# start, with the reason in the box; with the end within 8 weeks it becomes
# actief (status and a snapshot in the database); the goals evaluated (v),
# F3 to geëvalueerd with the parents in Met, checked again as Met is typed.
# Then a new OPP with nothing filled: actief is refused and the missing
# legal parts are listed.
. "$(dirname "$0")/lib.sh"

e2e_setup 25
need_pupils
command -v sqlite3 >/dev/null 2>&1 || bail "sqlite3 is not installed"

# add_goal TEXT: + on the Doelen item, the goal's text in the goal form, F2.
add_goal() {
	send +
	wait_for "Doel van OOP" >/dev/null || return 1
	send Tab Tab Tab
	type_text "$1"
	send F2
	wait_gone "Doel van OOP" >/dev/null && wait_for "$1" >/dev/null
}

# evaluate_goal TEXT: v on the goal under the cursor, behaald with TEXT.
evaluate_goal() {
	send v
	wait_for "Doel van OOP" >/dev/null || return 1
	send Right Tab
	type_text "$1"
	send Enter
	wait_gone "Doel van OOP" >/dev/null
}

line=1
id=$(pupil_field "$line" 1)
name=$(natural_name "$line")
[ -n "$id" ] || bail "no pupil in the demo"

e2e_open
open_plans "$name" || bail "the Plannen tab of $name did not open"

# --- an OOP written -------------------------------------------------------------
if new_plan OOP; then
	ok "n on the Plannen tab, OOP chosen: the editor opens a new OOP"
else
	not_ok "n on the Plannen tab, OOP chosen: the editor opens a new OOP"
fi
# Titel, Startdatum (today), Einddatum: 9 weeks with the start.
send Tab Tab C-u
type_text "24-01-2027"
send Tab Tab Tab
type_text "Rekent de tafels nog niet vlot; de toets van november gaf een E."
send Tab Tab
wait_for "Nog geen doelen" >/dev/null
add_goal "Kent de tafels van 1 tot en met 5"
if add_goal "Rekent vlot sommen tot 100"; then
	ok "two goals added with + in the Doelen item"
else
	not_ok "two goals added with + in the Doelen item"
fi
send Tab
type_text "Elke dag tien minuten de tafels oefenen met de leerkracht."
send F4
if wait_for "Wat is er gebeurd"; then
	type_text "Gestart met tafelkaarten, Zoë helpt mee."
	send Enter
	wait_gone "Wat is er gebeurd" >/dev/null
fi
send F2
wait_for "concept · plan " >/dev/null
plan=$(db "SELECT max(id) FROM plans WHERE pupil_id = $id AND template_id = 'oop';")
if [ -n "$plan" ] && [ "$(db "SELECT count(*) FROM goals WHERE plan_id = $plan;")" = 2 ] &&
	[ "$(db "SELECT body FROM plan_log WHERE plan_id = $plan;")" = "Gestart met tafelkaarten, Zoë helpt mee." ]; then
	ok "F4 and F2: the OOP is saved with its two goals and the logboek entry"
else
	not_ok "F4 and F2: the OOP is saved with its two goals and the logboek entry" \
		"plan ${plan:-none}: $(db "SELECT count(*) FROM goals WHERE plan_id = $plan;") goals, log: $(db "SELECT body FROM plan_log WHERE plan_id = $plan;")"
fi

# --- 9 weeks refused ------------------------------------------------------------
send F3
if wait_box "Nu: concept" && wait_for "▸ actief" && wait_for "Controle voor actief:"; then
	ok "F3 opens the status box: now concept, actief chosen"
else
	not_ok "F3 opens the status box: now concept, actief chosen"
fi
if wait_joined "✗ Een OOP loopt maximaal 8 weken; deze periode is 9 weken (23-11-2026 t/m 24-01-2027)."; then
	ok "the box says why: an OOP runs at most 8 weeks, this one 9"
else
	not_ok "the box says why: an OOP runs at most 8 weeks, this one 9" "$(joined)"
fi
send Enter
if wait_for "Kan niet naar actief: 1 punt ontbreekt." && wait_for "Status wijzigen" &&
	[ "$(db "SELECT status FROM plans WHERE id = $plan;")" = concept ]; then
	ok "Enter is refused: the box stays, the plan stays concept"
else
	not_ok "Enter is refused: the box stays, the plan stays concept"
fi
send Escape
wait_gone "Status wijzigen" >/dev/null

# --- actief ---------------------------------------------------------------------
# From Aanpak back to Einddatum.
send BTab BTab BTab BTab BTab BTab
wait_for "▸ Einddatum" >/dev/null
send C-u
type_text "17-01-2027"
send F2
wait_for "concept · plan $plan" >/dev/null
send F3
if wait_joined "Evaluatie op 17-01-2027" && wait_for "Geen bezwaren."; then
	ok "with the end within 8 weeks: no objections, the evaluation date prefilled"
else
	not_ok "with the end within 8 weeks: no objections, the evaluation date prefilled"
fi
send Enter
if wait_for "actief · plan $plan" && wait_gone "Status wijzigen"; then
	ok "Enter makes the plan actief"
else
	not_ok "Enter makes the plan actief"
fi
row=$(db "SELECT status, start_date, end_date, eval_date FROM plans WHERE id = $plan;")
if [ "$row" = "actief|2026-11-23|2027-01-17|2027-01-17" ]; then
	ok "the database has the plan actief, 23-11-2026 to 17-01-2027, evaluation 17-01-2027"
else
	not_ok "the database has the plan actief, 23-11-2026 to 17-01-2027, evaluation 17-01-2027" "$row"
fi
snap=$(db "SELECT reason FROM plan_snapshots WHERE plan_id = $plan;")
if [ "$snap" = actief ]; then
	ok "a snapshot of the plan was kept for actief"
else
	not_ok "a snapshot of the plan was kept for actief" "$snap"
fi

# --- evaluated ------------------------------------------------------------------
send Tab Tab Tab Tab Tab
wait_for "▸ Doelen" >/dev/null
# The goal list keeps the goal chosen last (the second, added last).
if cursor_row | grep -q -F "Rekent vlot"; then
	send Up
	wait_cursor_on "Kent de tafels" >/dev/null
fi
evaluate_goal "Kent ze alle vijf"
send Down
if evaluate_goal "Rekent ze vlot" &&
	[ "$(screen | grep -c -F '· behaald')" = 2 ]; then
	ok "v evaluates each goal: both behaald"
else
	not_ok "v evaluates each goal: both behaald"
fi
# Aanpak, Inbreng leerling, Inbreng ouders, Logboek, Evaluatie.
send Tab Tab Tab Tab Tab
wait_for "▸ Evaluatie" >/dev/null
type_text "Beide doelen gehaald; besproken met de ouders en de kwaliteitscoördinator."
send F2
wait_for "actief · plan $plan" >/dev/null
send F3
if wait_box "Nu: actief" && wait_for "▸ geëvalueerd" &&
	wait_joined "Geëvalueerd op * 23-11-2026" &&
	wait_joined "Met ouders, kwaliteitscoördinator"; then
	ok "F3 offers geëvalueerd, dated today, with the template's participants"
else
	not_ok "F3 offers geëvalueerd, dated today, with the template's participants"
fi
send Tab C-u
type_text "ouders"
if wait_joined "✗ Bij de evaluatie ontbreekt: kwaliteitscoördinator"; then
	ok "the checks follow the typing: with only the parents the coordinator is missing"
else
	not_ok "the checks follow the typing: with only the parents the coordinator is missing"
fi
type_text " en kwaliteitscoördinator"
if wait_for "Geen bezwaren."; then
	ok "with both participants typed: no objections"
else
	not_ok "with both participants typed: no objections"
fi
send Enter
if wait_for "geëvalueerd · plan $plan" && wait_gone "Status wijzigen"; then
	ok "Enter: the plan is geëvalueerd"
else
	not_ok "Enter: the plan is geëvalueerd"
fi
row=$(db "SELECT status, evaluated_date, evaluated_with FROM plans WHERE id = $plan;")
if [ "$row" = "geëvalueerd|2026-11-23|ouders en kwaliteitscoördinator" ] &&
	[ "$(db "SELECT count(*) FROM plan_snapshots WHERE plan_id = $plan;")" = 2 ]; then
	ok "the database has geëvalueerd on 23-11-2026 with the parents, and a second snapshot"
else
	not_ok "the database has geëvalueerd on 23-11-2026 with the parents, and a second snapshot" "$row"
fi

# --- an empty OPP ----------------------------------------------------------------
send Escape
wait_for "[Plannen]" >/dev/null
if wait_for "geëvalueerd" && screen | grep -q "^ OOP "; then
	ok "the Plannen tab lists the OOP as geëvalueerd"
else
	not_ok "the Plannen tab lists the OOP as geëvalueerd"
fi
new_plan OPP
send F3
if wait_for "Status wijzigen - OPP" && wait_for "▸ actief" &&
	wait_joined "Instemming ouders op *"; then
	ok "F3 on a new OPP: actief asks for the parents' instemming"
else
	not_ok "F3 on a new OPP: actief asks for the parents' instemming"
fi
send Enter
if wait_joined "Kan niet naar actief:" && wait_joined "punten ontbreken."; then
	ok "actief is refused: the box counts the missing points"
else
	not_ok "actief is refused: the box counts the missing points"
fi
# Every page of the checks, read by PgDn.
seen=$(joined)
for _ in 1 2 3 4; do
	send PgDn
	wait_settled
	seen="$seen $(joined)"
done
# A sentence may run over the end of a page; the parts' names do not.
for part in "ontbreekt: Verwachte uitstroombestemming" \
	"ontbreekt: Onderbouwing van de uitstroombestemming" \
	"ontbreekt: Inbreng leerling (hoorrecht)" \
	"ontbreekt: Inbreng ouders (hoorrecht)"; do
	if printf '%s' "$seen" | grep -F -q -- "$part"; then
		ok "missing part listed: $part"
	else
		not_ok "missing part listed: $part" "$seen"
	fi
done
if [ "$(db "SELECT count(*) FROM plans WHERE pupil_id = $id AND template_id = 'opp' AND status <> 'concept';")" = 0 ]; then
	ok "no OPP of the pupil became actief"
else
	not_ok "no OPP of the pupil became actief"
fi
send Escape
wait_gone "Status wijzigen" >/dev/null

send F10
if wait_box "afsluiten" 2; then
	send j
fi
expect_quit_clean "F10 quits with status 0, no sanitizer report"
e2e_finish
