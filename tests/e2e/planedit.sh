#!/bin/sh
# planedit.sh - the plan editor: a new OOP from a pupil's Plannen tab, long
# Dutch text (ë, é) typed into Aanleiding and saved with F2, seen again when
# the plan is opened anew; then more text typed, the draft written by the
# autosave, the tmux server killed mid-edit, and on the next start the draft
# offered and restored with every word; Esc asks about the unsaved changes
# and Opslaan stores them.
. "$(dirname "$0")/lib.sh"

e2e_setup 17

TITLE="Tafels e2e"
TEXT1="Zoë heeft moeite met de tafels van 6 tot en met 9. Tijdens de rekenles werkt zij geconcentreerd, maar bij het automatiseren blijft zij hangen; de leerkracht ziet dat zij daardoor de zelfstandige verwerking niet afmaakt. Oefenen in het café-hoekje en één-op-één-instructie helpen."
TEXT2=" Extra zin na het opslaan: ook de créatieve opdrachten lukken beter."

drafts() {
	db "SELECT count(*) FROM drafts"
}

_drafts_written() {
	[ "$(drafts)" -gt 0 ] 2>/dev/null
}

# The stored value of field $2 of plan $1.
field_value() {
	db "SELECT value FROM plan_fields WHERE plan_id = $1 AND key = '$2'"
}

# No ibis left running on the demo database (after the tmux server was
# killed, ibis gets SIGHUP and writes its draft on the way out).
_ibis_gone() {
	! pgrep -f -- "--db $E2E_TMP/demo.db" >/dev/null 2>&1
}

need_pupils
name=$(natural_name 1)
[ -n "$name" ] || bail "no pupil in the demo"

e2e_open
open_plans "$name" || bail "the Plannen tab of $name did not open"

# --- a new OOP --------------------------------------------------------------
if new_plan OOP && wait_for "OOP · Onderwijsondersteuningsplan · $name" &&
	wait_for "Aanleiding *"; then
	ok "n and OOP open the editor on a new plan of $name"
else
	not_ok "n and OOP open the editor on a new plan of $name"
fi

# Titel is focused: its text replaced.
send C-u
type_text "$TITLE"
send Tab Tab Tab Tab Tab
if wait_for "Wat opvalt en waarom de leerling"; then
	ok "Tab five times reaches Aanleiding (its hulp above the key bar)"
else
	not_ok "Tab five times reaches Aanleiding (its hulp above the key bar)"
fi
type_text "$TEXT1"
if wait_joined "het café-hoekje en één-op-één-instructie helpen." &&
	wait_joined "Zoë heeft moeite met de tafels"; then
	ok "the long text with ë and é is shown wrapped in the box"
else
	not_ok "the long text with ë and é is shown wrapped in the box"
fi
send F2
if wait_for "Opgeslagen." && screen | grep -q -E "concept · plan [0-9]+ *$"; then
	ok "F2 saves: the header names the plan"
else
	not_ok "F2 saves: the header names the plan"
fi
id=$(screen | sed -n 's/^.*concept · plan \([0-9][0-9]*\) *$/\1/p' | head -n 1)
if [ -n "$id" ] && [ "$(field_value "$id" aanleiding)" = "$TEXT1" ]; then
	ok "the database holds Aanleiding exactly as typed"
else
	not_ok "the database holds Aanleiding exactly as typed" "stored: $(field_value "${id:-0}" aanleiding)"
fi
if [ "$(drafts)" = 0 ]; then
	ok "no draft is left after the save"
else
	not_ok "no draft is left after the save" "drafts: $(drafts)"
fi

# --- reopened ---------------------------------------------------------------
send Escape
wait_for "[Plannen]" >/dev/null
found=
n=0
while [ "$n" -lt 15 ]; do
	if cursor_row | grep -q -F "$TITLE"; then
		found=1
		break
	fi
	send Down
	wait_settled
	n=$((n + 1))
done
[ -n "$found" ] || bail "the new plan is not in the Plannen list"
send Enter
if wait_for "OOP · $TITLE · $name" && wait_for "concept · plan $id" &&
	wait_joined "Zoë heeft moeite met de tafels" && wait_joined "één-op-één-instructie helpen."; then
	ok "Esc and Enter: the plan opens again with the text"
else
	not_ok "Esc and Enter: the plan opens again with the text"
fi

# --- more text, the draft, a kill -------------------------------------------
send Tab Tab Tab Tab Tab
wait_for "Wat opvalt en waarom de leerling" >/dev/null
type_text "$TEXT2"
if wait_for "plan $id*"; then
	ok "typing marks the plan unsaved (*)"
else
	not_ok "typing marks the plan unsaved (*)"
fi
if _poll 15 _drafts_written; then
	ok "the autosave writes a draft a few seconds after the typing stops"
else
	not_ok "the autosave writes a draft a few seconds after the typing stops" "drafts: $(drafts)"
fi
if db "SELECT record_id FROM drafts" | grep -q -x "$id"; then
	ok "the draft belongs to plan $id"
else
	not_ok "the draft belongs to plan $id" "$(db 'SELECT id, login, kind, record_id FROM drafts')"
fi
tmux_ kill-server >/dev/null 2>&1
_poll 10 _ibis_gone || bail "ibis did not stop after the tmux server was killed"
if stderr_clean; then
	ok "the killed ibis wrote no sanitizer report on its way out"
else
	not_ok "the killed ibis wrote no sanitizer report on its way out" "$(cat "$E2E_TMP/stderr")"
fi

# --- the next start -----------------------------------------------------------
e2e_start
if wait_box "niet-opgeslagen versie van" 10 && wait_box "$TITLE" && wait_for "Herstellen" &&
	wait_for "Weggooien"; then
	ok "the next start offers the draft of the plan"
else
	not_ok "the next start offers the draft of the plan"
fi
send Enter
if wait_for "OOP · $TITLE · $name" && wait_for "plan $id*" &&
	wait_joined "één-op-één-instructie helpen. Extra zin na het opslaan: ook de créatieve opdrachten lukken beter."; then
	ok "Herstellen opens the editor with every word typed before the kill"
else
	not_ok "Herstellen opens the editor with every word typed before the kill"
fi
send Escape
if wait_box "nog niet zijn opgeslagen" && wait_for "Niet opslaan" && wait_for "Verder bewerken"; then
	ok "Esc with unsaved changes asks Opslaan / Niet opslaan / Verder bewerken"
else
	not_ok "Esc with unsaved changes asks Opslaan / Niet opslaan / Verder bewerken"
fi
send Enter
if wait_for "ibis — Leerlingen" && wait_gone "OOP · $TITLE" &&
	[ "$(field_value "$id" aanleiding)" = "$TEXT1$TEXT2" ]; then
	ok "Opslaan stores the restored text and closes the editor"
else
	not_ok "Opslaan stores the restored text and closes the editor" \
		"stored: $(field_value "$id" aanleiding)"
fi
if [ "$(drafts)" = 0 ]; then
	ok "the draft is removed once saved"
else
	not_ok "the draft is removed once saved" "drafts: $(drafts)"
fi
send F10
expect_quit_clean "F10 quits with status 0, no sanitizer report"

e2e_finish
