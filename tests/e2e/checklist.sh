#!/bin/sh
# checklist.sh - the Basisondersteuning checklist, opened with B from the
# Leerlingen screen: the grid of data/basisondersteuning.ini (every area and
# aspect), statuses set with 1-4, 0 and Delete and stored at once (the marks,
# the summary line and the rows in the database), the norm's text of the cell
# under the cursor and PgDn through a long one, a cell the norm leaves empty
# ("vult het zelf in") described by the school through the cell form, a note
# and a document on a cell the norm does describe, Esc in the form throwing
# away what was typed, a colleague's change meanwhile (the form keeps what was
# typed, a status key shows theirs), last year's checklist copied with c
# (cells judged this year kept), the years with < and >, s with one school and
# with several, the help, a read-only database refusing a status, and a
# database without a school.
. "$(dirname "$0")/lib.sh"

e2e_setup 51

INI=$IBIS_DATADIR/basisondersteuning.ini
nareas=$(grep -c '^\[gebied ' "$INI")
naspects=$(grep -c '^\[aspect ' "$INI")
ncells=$((nareas * naspects))
[ "$ncells" -gt 0 ] || bail "no areas or aspects in $INI"

school_id=$(db "SELECT id FROM schools ORDER BY name LIMIT 1;")
school=$(db "SELECT name FROM schools ORDER BY name LIMIT 1;")
[ -n "$school_id" ] || bail "the demo has no school"

# The checklist starts empty whatever the demo puts in it; last year has
# three cells, one of them (1 aanbod) judged again this year below.
out=$(db "DELETE FROM basis_checklist;
INSERT INTO basis_checklist (school_id, school_year, area, aspect, status, note, document)
VALUES ($school_id, 2025, 1, 'aanbod', 'deels', 'oud', NULL),
       ($school_id, 2025, 2, 'aanbod', 'voldoet', 'ERWD-protocol besproken in team',
        'ERWD-protocol 2025'),
       ($school_id, 2025, 5, 'protocol', 'voldoet niet', NULL, NULL);")
[ -z "$out" ] || bail "could not prepare the checklist rows: $out"

# The status of a cell of 2026 as stored: voldoet, deels, voldoet niet, nvt,
# "open" for a row without one, "none" when there is no row.
status_of() {
	v=$(db "SELECT ifnull(status, 'open') FROM basis_checklist WHERE school_id = $school_id
		AND school_year = ${3:-2026} AND area = $1 AND aspect = '$2';")
	echo "${v:-none}"
}

# One column of a stored cell of 2026.
field_of() {
	db "SELECT ifnull($3, '') FROM basis_checklist WHERE school_id = $school_id
		AND school_year = 2026 AND area = $1 AND aspect = '$2';"
}

# The grid row of area $1 ("1 Lees-spellings…").
grid_row() {
	screen | grep -E "^ $1 " | head -n 1
}

_row_matches() {
	grid_row "${1%%:*}" | grep -E -q -- "${1#*:}"
}

# wait_row AREA ERE: until the grid row of AREA matches ERE.
wait_row() {
	_wait _row_matches "$1:$2"
}

summary() {
	printf 'Voldoet %s · Deels %s · Voldoet niet %s · n.v.t. %s · Open %s' "$@"
}

# --- the grid ---------------------------------------------------------------------
e2e_open
send B
check "B opens the checklist of $school for 2026-2027" \
	wait_for "Basisondersteuning — $school — 2026-2027"
check "the grid shows every area of the file with the aspects as headings" \
	eval '_on_screen_re "^ (Ontwikkelingsgebied|Gebied) +Aanbod +Material… +Protocol +Expertise +Ruimte" &&
		_on_screen_re "^ 1 Lees-spellings" && _on_screen_re "^ $nareas "'
check "all $ncells cells are open: the summary line counts them" \
	wait_for "$(summary 0 0 0 0 "$ncells")"
check "the panel shows the norm's text of 1 Lees-spellingsproblemen/dyslexie, Aanbod" \
	eval 'wait_for "1 Lees-spellingsproblemen/dyslexie · Aanbod" &&
		wait_joined "volgens de Protocollen Leesproblemen en Dyslexie"'

# --- statuses by key --------------------------------------------------------------
send 1
check "1 marks the cell voldoet on the screen and in the database" \
	eval 'wait_row 1 "^ 1 .*✓ voldoet" && [ "$(status_of 1 aanbod)" = voldoet ]'
check "the summary line counts it" wait_for "$(summary 1 0 0 0 $((ncells - 1)))"
send Right 2
wait_row 1 "½ deels" >/dev/null
send l 3
wait_row 1 "✗ niet" >/dev/null
send l 4
check "2, 3 and 4 store deels, voldoet niet and n.v.t. in the next cells" \
	eval 'wait_row 1 "✓ voldoet +½ deels +✗ niet +– n\.v\.t\." &&
		[ "$(status_of 1 materialen)" = deels ] &&
		[ "$(status_of 1 protocol)" = "voldoet niet" ] &&
		[ "$(status_of 1 expertise)" = nvt ]'
send Delete
check "Delete makes the cell open again (the row keeps no status)" \
	eval 'wait_row 1 "✗ niet +· open" && [ "$(status_of 1 expertise)" = open ]'
send l 4 h 4 0
check "0 clears a status too" \
	eval 'wait_row 1 "✓ voldoet +½ deels +✗ niet +· open +– n\.v\.t\. +· open" &&
		[ "$(status_of 1 expertise)" = open ] && [ "$(status_of 1 ruimte)" = nvt ]'
check "the summary line follows: 1 voldoet, 1 deels, 1 niet, 1 n.v.t." \
	wait_for "$(summary 1 1 1 1 $((ncells - 4)))"
check "the header counts the cells judged" wait_for "4 van $ncells beoordeeld"

# --- a long text, a cell the norm leaves to the school ----------------------------
send Down Down Home
check "3 Meer- en hoogbegaafd, Aanbod: the norm's long text, with its position" \
	eval 'wait_for "3 Meer- en hoogbegaafd · Aanbod" &&
		wait_joined "In het beleidsplan hoogbegaafdheid van het SWV" &&
		_on_screen_re "regel 1–[0-9]+ van [0-9]+"'
send PgDn
# The title line may be sent before the text under it: wait for all of it.
wait_re "regel ([2-9]|[1-9][0-9]+)–[0-9]+ van [0-9]+" >/dev/null && wait_settled
check "PgDn scrolls the text under the grid" \
	eval '_on_screen_re "regel ([2-9]|[1-9][0-9]+)–[0-9]+ van [0-9]+" &&
		! _joined_has "In het beleidsplan hoogbegaafdheid van het SWV"'
send PgUp
wait_re "regel 1–" >/dev/null
check "the cells the norm leaves empty (materialen, protocol, randvoorwaarden) show (school)" \
	wait_row 3 "· open +\(school\) +\(school\) +· open +· open +\(school\)"
send l
check "on 3 Materialen the panel says the school fills it in" \
	eval 'wait_for "3 Meer- en hoogbegaafd · Materialen" &&
		wait_joined "De norm beschrijft dit aspect niet; de school vult het zelf in."'

DESC="Eigen plusmateriaal (Levelwerk) in de groepen 5-8"
NOTE="Levelwerk aangeschaft, nog niet in groep 3-4"
DOC="Beleidsplan meer- en hoogbegaafdheid 2026"
send Enter
check "Enter opens the cell's form with Eigen beschrijving (required-looking)" \
	eval 'wait_for "Eigen beschrijving *" && wait_for "Protocol/document" &&
		_on_screen "Materialen" && _joined_has "de school vult het zelf in"'
# The form starts on the description the school still has to write.
type_text "$DESC"
send Tab
type_text "$NOTE"
send Tab
type_text "$DOC"
send BTab BTab BTab Right
check "the status is chosen with → in the form" wait_for "◂ voldoet ▸"
send F2
check "F2 saves: back on the grid, the cell voldoet" \
	eval 'wait_for "$(summary 2 1 1 1 $((ncells - 5)))" && wait_row 3 "· open +✓ voldoet +\(school\)"'
check "the database has the school's description, note, document and status" \
	eval '[ "$(status_of 3 materialen)" = voldoet ] &&
		[ "$(field_of 3 materialen description)" = "$DESC" ] &&
		[ "$(field_of 3 materialen note)" = "$NOTE" ] &&
		[ "$(field_of 3 materialen document)" = "$DOC" ]'
check "the panel shows the school's own description and the document" \
	eval 'wait_joined "Eigen beschrijving $DESC" && _joined_has "Protocol/document $DOC"'

# --- a note and a document on a cell the norm describes ---------------------------
NOTE1="Dyslexieprotocol besproken in de teamvergadering van oktober"
DOC1="Dyslexieprotocol De Regenboog 2026"
send Up Up Home
wait_for "1 Lees-spellingsproblemen/dyslexie · Aanbod" >/dev/null
send e
check "e opens the form; with a norm text the school's text is Aanvulling school" \
	eval 'wait_for "Aanvulling school" && ! _on_screen "Eigen beschrijving *" &&
		wait_for "◂ voldoet ▸"'
send Tab Tab
type_text "$NOTE1"
send Tab
type_text "$DOC1"
send C-s
check "Ctrl-S saves the note and the document, the status stays voldoet" \
	eval 'wait_gone "Aanvulling school" &&
		[ "$(field_of 1 aanbod note)" = "$NOTE1" ] &&
		[ "$(field_of 1 aanbod document)" = "$DOC1" ] &&
		[ "$(status_of 1 aanbod)" = voldoet ] && [ -z "$(field_of 1 aanbod description)" ]'
# The facts come after the norm's text: further down when it is long.
_joined_has "Notitie $NOTE1" || send PgDn
check "the panel shows the note" wait_joined "Notitie $NOTE1"

send Enter
wait_for "Aanvulling school" >/dev/null
send Tab Tab
type_text " en weg ermee"
send Escape
check "Esc in a changed form asks before throwing away" wait_box "Weggooien? (j/n)"
send j
check "j throws it away: the note in the database is unchanged" \
	eval 'wait_gone "Aanvulling school" && [ "$(field_of 1 aanbod note)" = "$NOTE1" ]'

# A colleague saves the cell while the form is open: the save is refused, what
# was typed stays, and a second F2 saves it over the colleague's version.
send Enter
wait_for "Aanvulling school" >/dev/null
db "UPDATE basis_checklist SET note = 'Notitie van een collega', version = version + 1
	WHERE school_id = $school_id AND school_year = 2026 AND area = 1 AND aspect = 'aanbod';" >/dev/null
send Tab Tab
type_text " (bijgewerkt)"
send F2
check "F2 after a colleague's change reports the conflict" \
	eval 'wait_box "Een collega heeft dit intussen gewijzigd" &&
		[ "$(field_of 1 aanbod note)" = "Notitie van een collega" ]'
send Enter
check "the form stays open with what was typed and says F2 saves it anyway" \
	eval 'wait_gone "Een collega heeft dit intussen gewijzigd" && wait_for "Aanvulling school" &&
		_on_screen "van oktober (bijgewerkt)" && _joined_has "F2 slaat die toch op"'
NOTE1="$NOTE1 (bijgewerkt)"
send F2
check "a second F2 saves it" \
	eval 'wait_gone "Aanvulling school" && [ "$(field_of 1 aanbod note)" = "$NOTE1" ]'

# --- last year's checklist ----------------------------------------------------------
send c
check "c asks to copy the 3 cells of 2025-2026 into 2026-2027" \
	wait_box "De checklist van 2025-2026 (3 cellen) overnemen in 2026-2027?"
send j
check "j copies the 2 cells this year lacks and says so" \
	wait_box "2 cellen overgenomen uit 2025-2026."
send Enter
check "the copied cells are in the grid and the summary" \
	eval 'wait_for "$(summary 3 1 2 1 $((ncells - 7)))" && wait_row 2 "^ 2 .*✓ voldoet"'
check "the database has them with their note and document; 1 aanbod kept this year's" \
	eval '[ "$(status_of 2 aanbod)" = voldoet ] &&
		[ "$(field_of 2 aanbod note)" = "ERWD-protocol besproken in team" ] &&
		[ "$(field_of 2 aanbod document)" = "ERWD-protocol 2025" ] &&
		[ "$(status_of 5 protocol)" = "voldoet niet" ] &&
		[ "$(status_of 1 aanbod)" = voldoet ] && [ "$(field_of 1 aanbod note)" = "$NOTE1" ]'
send c
wait_box "overnemen in 2026-2027?" >/dev/null
send j
check "a second c copies nothing more" wait_box "Niets overgenomen"
send Enter
wait_gone "Niets overgenomen" >/dev/null

# --- years, school, help ------------------------------------------------------------
send '<'
check "< shows 2025-2026 with its own three cells" \
	eval 'wait_for "Basisondersteuning — $school — 2025-2026" &&
		wait_for "$(summary 1 1 1 0 $((ncells - 3)))"'
send '>'
check "> goes back to 2026-2027" \
	eval 'wait_for "— 2026-2027" && wait_for "$(summary 3 1 2 1 $((ncells - 7)))"'
send s
check "s with one school says so" wait_box "Er is maar één school."
send Enter
wait_gone "Er is maar één school." >/dev/null
send '?'
check "the help lists the checklist's keys in Dutch" \
	eval 'wait_for "Help: Basisondersteuning" &&
		wait_joined "Status van de cel: voldoet (meteen opgeslagen)" &&
		_joined_has "De checklist van vorig schooljaar overnemen"'
send Escape
wait_for "Basisondersteuning — $school" >/dev/null
check "the key bar: Enter/e Bewerken, c Vorig jaar, s School and the global keys" \
	eval 'screen | tail -n 1 | grep -q "Enter/e Bewerken  c Vorig jaar  s School" &&
		screen | tail -n 1 | grep -q "Esc/q Terug"'
resize 120 40
check "a larger window gives the area names and the text more room" \
	eval 'wait_re "^ 8 Fysieke en medische ontwikkeling" && wait_for "$(summary 3 1 2 1 $((ncells - 7)))"'
resize 80 24
wait_settled

# A colleague judges a cell meanwhile: a status key reports the conflict and
# shows the colleague's status; pressed again, it is stored.
db "UPDATE basis_checklist SET status = 'deels', version = version + 1
	WHERE school_id = $school_id AND school_year = 2026 AND area = 2 AND aspect = 'aanbod';" >/dev/null
send Down
wait_for "2 Rekenproblemen/dyscalculie · Aanbod" >/dev/null
send 3
check "a status key after a colleague's change reports it and shows the colleague's status" \
	eval 'wait_box "Een collega heeft dit intussen gewijzigd" && send Enter &&
		wait_row 2 "^ 2 .*½ deels" && [ "$(status_of 2 aanbod)" = deels ]'
send 3
check "pressed again, the status is stored" \
	eval 'wait_row 2 "^ 2 .*✗ niet" && [ "$(status_of 2 aanbod)" = "voldoet niet" ]'
send Escape
check "Esc goes back to the pupil list" wait_for "ibis — Leerlingen"
send F10
expect_quit_clean "ibis quits with status 0 and no sanitizer report"

# --- a read-only database ------------------------------------------------------------
if e2e_start_readonly; then
	if wait_for "Alleen-lezen" 10; then
		send B
		wait_for "Basisondersteuning — $school" >/dev/null
		send Down Down 1
		if wait_box "Alleen-lezen: wijzigingen worden niet opgeslagen" &&
			[ "$(status_of 3 aanbod)" = none ]; then
			ok "on a read-only database a status key is refused and nothing is stored"
		else
			not_ok "on a read-only database a status key is refused and nothing is stored"
		fi
		send Enter
		wait_gone "wijzigingen worden niet opgeslagen." >/dev/null
		send Enter
		if wait_box "Alleen-lezen" && ! _on_screen "Eigen beschrijving"; then
			ok "on a read-only database the cell form does not open"
		else
			not_ok "on a read-only database the cell form does not open"
		fi
		send Enter
	else
		not_ok "on a read-only database a status key is refused and nothing is stored" \
			"no read-only banner"
		not_ok "on a read-only database the cell form does not open" "no read-only banner"
	fi
	send F10
	wait_exit 10 >/dev/null
	chmod 644 "$E2E_TMP/demo.db" 2>/dev/null
else
	skip "on a read-only database a status key is refused and nothing is stored" \
		"running as root without setpriv"
	skip "on a read-only database the cell form does not open" "running as root without setpriv"
fi

# --- no school --------------------------------------------------------------------
# A new database (ibis init makes one school) whose school is removed again.
tmux_ kill-session -t ibis >/dev/null 2>&1
rm -f "$E2E_TMP/demo.db" "$E2E_TMP/demo.db-wal" "$E2E_TMP/demo.db-shm"
ibis_cmd init --db "$E2E_TMP/demo.db" --config "$E2E_TMP/empty.ini" --datadir "$IBIS_DATADIR" \
	>"$E2E_TMP/init.out" 2>&1 || bail "ibis init failed: $(cat "$E2E_TMP/init.out")"
out=$(db "PRAGMA foreign_keys = ON; DELETE FROM schools;")
[ -z "$out" ] || bail "could not remove the school: $out"
e2e_open
send B
check "without a school the screen says how to make one" \
	wait_for "Nog geen school; maak er een met ibis init of ibis demo."
send 1 Enter c
send Escape
check "its keys do nothing harmful and Esc goes back" wait_for "ibis — Leerlingen"
send F10
expect_quit_clean "ibis quits with status 0 and no sanitizer report without a school"

# --- several schools ------------------------------------------------------------------
tmux_ kill-session -t ibis >/dev/null 2>&1
ibis_cmd demo --db "$E2E_TMP/demo.db" --force --pupils 2000 --seed 1 --today "$E2E_TODAY" \
	--config "$E2E_TMP/empty.ini" --datadir "$IBIS_DATADIR" >"$E2E_TMP/demo.out" 2>&1 ||
	bail "ibis demo --pupils 2000 failed: $(cat "$E2E_TMP/demo.out")"
first=$(db "SELECT name FROM schools ORDER BY name LIMIT 1;")
second=$(db "SELECT name FROM schools ORDER BY name LIMIT 1 OFFSET 1;")
[ -n "$second" ] || bail "the demo of 2000 pupils has one school"
e2e_open
send B
wait_for "Basisondersteuning — $first — 2026-2027" >/dev/null
send s
check "s offers the schools" eval 'wait_box "$first" && wait_box "$second"'
send Down Enter
check "another school's checklist opens for the same year" \
	wait_for "Basisondersteuning — $second — 2026-2027"
send F10
expect_quit_clean "ibis quits with status 0 and no sanitizer report after all"

e2e_finish
