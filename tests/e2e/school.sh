#!/bin/sh
# school.sh - the School (SOP) screen on the demo database, opened with S from
# the Leerlingen screen, its SOP rows cleared first: an expertise row through
# the form (a number refused, the message shown, then corrected), a
# professionalisering of the school and an individual one, an aanbod under a
# kindkenmerk at a level, a grens under a heading offered by F4; the rows
# listed, one changed and one deleted (j); the Niveaus part shows the school's
# model; the rows are in the database; x exports the SOP as Markdown into the
# folder ibis was started from; H and B open the HGW-raster and the
# basisondersteuning checklist, and Esc comes back.
. "$(dirname "$0")/lib.sh"

e2e_setup 37

# The demo gets SOP rows of its own; this test starts from none.
cleared=$(db "DELETE FROM sop_expertise; DELETE FROM sop_professionalisering;
	DELETE FROM sop_aanbod; DELETE FROM sop_grenzen;
	SELECT (SELECT count(*) FROM sop_expertise) + (SELECT count(*) FROM sop_professionalisering)
	     + (SELECT count(*) FROM sop_aanbod) + (SELECT count(*) FROM sop_grenzen)")
[ "$cleared" = 0 ] || bail "the SOP rows could not be cleared: $cleared"

# The school the screen opens on (the first by name) and its level model.
sid=$(db "SELECT id FROM schools ORDER BY name, id LIMIT 1")
school=$(db "SELECT name FROM schools WHERE id = $sid")
model=$(db "SELECT level_model FROM schools WHERE id = $sid")
ini="$IBIS_DATADIR/levels/$model.ini"
[ -n "$sid" ] && [ -f "$ini" ] || bail "no school with an installed model (school '$school', model '$model')"
level_name() {
	sed -n "/^\[niveau $1\]/,/^\[/s/^naam = \"\(.*\)\"\$/\1/p" "$ini" | head -n 1
}
model_name=$(sed -n '/^\[model\]/,/^\[/s/^naam = "\(.*\)"$/\1/p' "$ini" | head -n 1)
nlevels=$(grep -c '^\[niveau ' "$ini")
level1=$(level_name 1)
level2=$(level_name 2)
levelN=$(level_name "$nlevels")
echo "# school $sid ($school), model $model: $nlevels levels"

# ibis runs in a folder of its own: the export lands there.
case $IBIS in /*) ;; *) IBIS=$(pwd)/$IBIS ;; esac
case $IBIS_DATADIR in /*) ;; *) IBIS_DATADIR=$(pwd)/$IBIS_DATADIR ;; esac
mkdir -p "$E2E_TMP/export" && cd "$E2E_TMP/export" || bail "no export folder"

header="School (SOP) — $school — 2026-2027"

e2e_open
send S
check "S opens the School screen on the first school and this school year" \
	eval 'wait_for "$header" && wait_for "[Expertise] | Professionalisering | Niveaus | Aanbod | Grenzen"'
check "the cleared Expertise part says it is empty" wait_for "Nog geen expertise in 2026-2027."

# --- expertise: a number refused, then corrected -----------------------------------
send n
wait_for "School (SOP) — Nieuwe expertise" || bail "n did not open the expertise form"
type_text "Gedragsspecialist"
send Tab
type_text "3"
send Tab
type_text "2"
send Tab
type_text "2"
send F2
check "opgeleid + in opleiding above the number of staff is refused under the field" \
	wait_for "Opgeleid (2) + in opleiding (2) is meer dan het aantal medewerkers (3)."
check "the form stays with what was typed" \
	eval 'wait_for "Niet opgeslagen: verbeter wat onder de velden staat." && wait_re "Deskundigheid \* +Gedragsspecialist"'
# The focus is on the field with the message.
send BSpace
type_text "1"
check "a change to the field takes its message away" wait_gone "is meer dan het aantal medewerkers"
send Tab
type_text "6"
send Tab
type_text "Fatima El Amrani"
send Tab
type_text "Ook coach voor collega's"
send C-s
check "the expertise row is listed: staff, specialism, opgeleid, in opleiding, names" \
	wait_re "^ +3  Gedragsspecialist +2 opgeleid +1 in opleiding +Fatima El Amrani"
check "the panel shows the row in full with its ontwikkelingsgebied" \
	wait_joined "Ontwikkelingsgebied: 6 "

# --- professionalisering: school and individual --------------------------------------
send Tab
check "Tab goes to Professionalisering, still empty" \
	eval 'wait_for "Expertise | [Professionalisering] | Niveaus" && wait_for "Nog geen professionalisering tot en met 2026-2027."'
send n
wait_for "School (SOP) — Nieuwe professionalisering" || bail "n did not open the training form"
send Tab
type_text "Coaching on the job"
send F2
check "a professionalisering of the school is listed under its school year" \
	eval 'wait_re "^ +School +Coaching on the job" && wait_re "^ 2026-2027 *$"'
send n
wait_for "School (SOP) — Nieuwe professionalisering" >/dev/null
type_text "i"
check "Individueel shows the Aantal row" wait_re "Soort \* +◂ Individueel ▸"
send Tab
type_text "Master EN specialisatie begeleiden"
send Tab
type_text "2"
send F2
check "an individual professionalisering is listed with its number" \
	wait_re "^ +Individueel +2x +Master EN specialisatie begeleiden"

# --- Niveaus: the school's model, read-only ---------------------------------------------
send Tab
check "Niveaus shows the school's level model" \
	eval 'wait_for "[Niveaus]" && wait_for "$model_name" && wait_for "$level1"'
send n
wait_settled
check "n does not open a form in Niveaus" eval '! _on_screen "Nieuw" && _on_screen "[Niveaus]"'
# PgDn pages through the levels down to the last one.
i=0
while ! _on_screen "$levelN" && [ "$i" -lt 12 ]; do
	send PgDn
	wait_settled
	i=$((i + 1))
done
check "PgDn pages down to the last level of the model" _on_screen "$levelN"

# --- aanbod under a kindkenmerk at a level ---------------------------------------------
send Tab
wait_for "Nog geen aanbod in 2026-2027." || bail "Tab did not go to Aanbod"
send n
wait_for "School (SOP) — Nieuw aanbod" || bail "n did not open the aanbod form"
send F4
wait_for "─ Kindkenmerk ─" >/dev/null || bail "F4 did not open the list of kindkenmerken"
type_text "werkhouding"
wait_settled
send Enter
check "F4 picks the kindkenmerk from sop.ini" \
	wait_re "Kindkenmerk +◂ Problemen op het gebied van werkhouding ▸"
send Tab
type_text "2"
check "typing 2 on Niveau picks level 2 of the school's model" \
	wait_for "◂ 2 $level2 ▸"
send Tab
type_text "Time timer en koptelefoon in de klas"
send F2
check "the aanbod is listed under its kindkenmerk at its level" \
	eval 'wait_re "^ Problemen op het gebied van werkhouding *$" && wait_re "^ +Niveau 2 +Time timer en koptelefoon in de klas"'

# --- grenzen: a heading offered by F4 -------------------------------------------------------
send Tab
wait_for "Nog geen grenzen aan zorg in 2026-2027." || bail "Tab did not go to Grenzen"
send n
wait_for "School (SOP) — Nieuwe grens aan zorg" || bail "n did not open the grens form"
send F4
wait_for "─ Kop ─" >/dev/null || bail "F4 did not open the list of headings"
type_text "capaciteit"
wait_settled
send Enter
check "F4 offers the usual headings of sop.ini" wait_re "Kop +Gebrek aan capaciteit"
send Tab
type_text "Geen derde leerling met een eigen leerlijn in één groep"
send F2
check "the grens is listed under its heading" \
	eval 'wait_re "^ Gebrek aan capaciteit *$" && wait_re "^ +Geen derde leerling met een eigen leerlijn in één groep"'
# A second one, to delete: n on a row starts under its heading.
send n
wait_for "School (SOP) — Nieuwe grens aan zorg" >/dev/null
type_text "Tijdelijke grens om te verwijderen"
send F2
check "n under a heading starts the new grens under it" \
	wait_re "^ +Tijdelijke grens om te verwijderen"

# --- change one (the expertise) -------------------------------------------------------------
send Tab
wait_for "[Expertise]" >/dev/null
send e
wait_for "School (SOP) — Expertise wijzigen" || bail "e did not open the expertise"
send Tab
send C-u
type_text "4"
send F2
check "the changed number of staff is listed" \
	wait_re "^ +4  Gedragsspecialist +2 opgeleid +1 in opleiding"

# --- delete one (the second grens) ------------------------------------------------------------
send BTab
wait_for "[Grenzen]" >/dev/null
send j
send d
check "d asks before deleting the row under the cursor" \
	wait_box '"Tijdelijke grens om te verwijderen" verwijderen? (j/n)'
send j
check "j deletes it; the other grens stays" \
	eval 'wait_gone "Tijdelijke grens om te verwijderen" && _on_screen "Geen derde leerling met een eigen"'

# --- the database ---------------------------------------------------------------------------------
got=$(db "SELECT staff_count || '|' || trained || '|' || in_training || '|' || area || '|' || person
	FROM sop_expertise WHERE school_id = $sid AND school_year = 2026")
check "the expertise is stored with its numbers, area and names" \
	test "$got" = "4|2|1|6|Fatima El Amrani"
got=$(db "SELECT group_concat(scope || '|' || coalesce(participants, 0) || '|' || topic, ';')
	FROM (SELECT * FROM sop_professionalisering WHERE school_id = $sid AND school_year = 2026
	      ORDER BY topic)")
check "both professionaliseringen are stored, the individual one with its number" \
	test "$got" = "school|0|Coaching on the job;individueel|2|Master EN specialisatie begeleiden"
got=$(db "SELECT kenmerk || '|' || level || '|' || description FROM sop_aanbod
	WHERE school_id = $sid AND school_year = 2026")
check "the aanbod is stored with its kenmerk and level" \
	test "$got" = "werkhouding|2|Time timer en koptelefoon in de klas"
got=$(db "SELECT heading || '|' || description FROM sop_grenzen
	WHERE school_id = $sid AND school_year = 2026")
check "one grens is left, with its heading" \
	test "$got" = "Gebrek aan capaciteit|Geen derde leerling met een eigen leerlijn in één groep"

# --- x: the SOP as Markdown in the folder ibis was started from ---------------------------
send x
check "x offers the SOP and the schoolgids section, Markdown or HTML" \
	eval 'wait_box "SOP (Markdown)" && wait_box "Schoolgids (HTML)"'
send Enter
check "the path of the document is reported" wait_box "Het SOP is opgeslagen als"
file=$(ls "$E2E_TMP/export/"SOP-2026-2027-*.md 2>/dev/null | head -n 1)
check "the Markdown file is in the folder ibis was started from" test -n "$file"
check "the message names the file's full path" \
	eval '[ -n "$file" ] && box_text | tr -d " " | grep -q -F -- "$(printf "%s" "$file" | tr -d " ")"'
check "the document holds the rows typed" \
	eval 'grep -q "Gedragsspecialist" "$file" && grep -q "Fatima El Amrani" "$file" &&
		grep -q "Master EN specialisatie begeleiden" "$file" &&
		grep -q "Time timer en koptelefoon in de klas" "$file" &&
		grep -q "Geen derde leerling met een eigen leerlijn" "$file" &&
		! grep -q "Tijdelijke grens" "$file"'
send Enter
wait_gone "opgeslagen als" >/dev/null

# --- H and B: the other school screens, and back ------------------------------------------------
send H
check "H opens the HGW-raster of the school and year" wait_for "HGW-raster — $school — 2026-2027"
send Escape
check "Esc returns to the School screen" wait_for "$header"
send B
check "B opens the basisondersteuning checklist of the school and year" \
	wait_for "Basisondersteuning — $school — 2026-2027"
send Escape
check "Esc returns to the School screen again" wait_for "$header"

send Escape
wait_for "ibis — Leerlingen" >/dev/null
send F10
expect_quit_clean "ibis quits with status 0 and no sanitizer report"

e2e_finish
