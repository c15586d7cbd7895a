#!/bin/sh
# planmerge.sh - two sessions editing the same plan. The first makes an OOP
# and saves it; the second opens it. The first changes Aanleiding and
# Vakgebied and saves; the second changes Aanleiding too, and Aanpak, and
# saves: the merge screen shows Aanleiding with both versions. Esc goes back
# with nothing saved; the second time "m" keeps the second's version and F2
# saves: the database holds the second's Aanleiding and Aanpak and the
# first's Vakgebied. Then each changes a different field and saves: merged
# without a question, with the message, and both changes in the database.
. "$(dirname "$0")/lib.sh"

e2e_setup 16
need_pupils
command -v sqlite3 >/dev/null 2>&1 || bail "sqlite3 is not installed"

# The value of field $1 of the plan.
field() {
	db "SELECT value FROM plan_fields WHERE plan_id = $plan AND key = '$1';"
}

# --- two sessions ---------------------------------------------------------------
# lib.sh talks to the session "ibis"; these talk to the one named by $S, so
# that every wait of lib.sh works in either.
S=ibis

screen() {
	tmux_ capture-pane -p -t "$S" 2>/dev/null
}

send() {
	tmux_ send-keys -t "$S" "$@"
}

type_text() {
	tmux_ send-keys -t "$S" -l "$1"
}

cursor_row() {
	tmux_ capture-pane -p -e -t "$S" 2>/dev/null |
		grep -E "$(printf '\033')\\[(30m$(printf '\033')\\[46m|7m)" | head -n 1 |
		sed "s/$(printf '\033')\\[[0-9;]*m//g"
}

_screen_state() {
	{
		tmux_ capture-pane -p -e -t "$S"
		tmux_ display-message -p -t "$S" '#{cursor_x},#{cursor_y},#{cursor_flag}'
	} 2>/dev/null | cksum
}

# The second session: the same ibis on the same database, its exit status
# and stderr in files of its own.
start_second() {
	q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
	cmd="env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color HOME=$(q "$E2E_TMP")"
	cmd="$cmd XDG_CONFIG_HOME=$(q "$E2E_TMP/config") XDG_DATA_HOME=$(q "$E2E_TMP/data")"
	cmd="$cmd $(q "$IBIS") --config $(q "$E2E_TMP/empty.ini")"
	cmd="$cmd --datadir $(q "$IBIS_DATADIR") --db $(q "$E2E_TMP/demo.db") --today $E2E_TODAY"
	cmd="$cmd 2>$(q "$E2E_TMP/stderr2"); echo \$? >$(q "$E2E_TMP/status2")"
	# tmux 3.3 crashes on a new session while window-size is manual (set
	# by e2e_start): lift it for the moment of the start.
	tmux_ set-option -g window-size latest \; new-session -d -s ibis2 -x 80 -y 24 "$cmd" \; \
		set-option -g window-size manual >/dev/null ||
		bail "tmux could not start the second session"
}

# tabs N: Tab N times, then wait for the focus on item $2.
tabs() {
	n=$1
	while [ "$n" -gt 0 ]; do
		send Tab
		n=$((n - 1))
	done
	wait_for "▸ $2" >/dev/null
}

id=$(pupil_field 1 1)
name=$(natural_name 1)
[ -n "$id" ] || bail "no pupil in the demo"

# --- the plan, open in both -------------------------------------------------------
S=ibis
e2e_open
open_plans "$name" || bail "the Plannen tab of $name did not open"
new_plan OOP || bail "the editor did not open a new OOP"
# Titel, Startdatum, Einddatum, Evaluatiedatum, Vakgebied, Aanleiding.
tabs 5 Aanleiding
type_text "Basis."
send F2
wait_for "concept · plan " >/dev/null
plan=$(db "SELECT max(id) FROM plans WHERE pupil_id = $id AND template_id = 'oop';")
if [ -n "$plan" ] && [ "$(field aanleiding)" = "Basis." ]; then
	ok "the first session saves a new OOP (plan $plan)"
else
	not_ok "the first session saves a new OOP" "plan ${plan:-none}"
fi

S=ibis2
start_second
if wait_for "ibis — Leerlingen" 10 && open_plans "$name" && wait_cursor_on "OOP"; then
	send Enter
fi
if wait_for "concept · plan $plan"; then
	ok "the second session opens the same plan"
else
	not_ok "the second session opens the same plan"
fi

# --- a conflict -------------------------------------------------------------------
S=ibis
type_text " EERSTE-A"
send BTab
wait_for "▸ Vakgebied" >/dev/null
type_text "EERSTE-VAK"
send F2
if wait_gone "plan $plan*" && [ "$(field aanleiding)" = "Basis. EERSTE-A" ] &&
	[ "$(field vakgebied)" = "EERSTE-VAK" ]; then
	ok "the first session changes Aanleiding and Vakgebied and saves"
else
	not_ok "the first session changes Aanleiding and Vakgebied and saves" \
		"aanleiding: $(field aanleiding); vakgebied: $(field vakgebied)"
fi

S=ibis2
tabs 5 Aanleiding
send End
type_text " TWEEDE-A"
tabs 3 Aanpak
type_text "TWEEDE-B"
send F2
if wait_for "Samenvoegen - OOP" && wait_joined "Een collega heeft dit plan opgeslagen terwijl u het bewerkte."; then
	ok "the second session's save opens the merge screen"
else
	not_ok "the second session's save opens the merge screen"
fi
if wait_for "Aanleiding" && wait_joined "Mijn versie: Basis. TWEEDE-A" &&
	wait_joined "[x] Versie collega: Basis. EERSTE-A"; then
	ok "Aanleiding is shown with both versions, the colleague's chosen"
else
	not_ok "Aanleiding is shown with both versions, the colleague's chosen" "$(joined)"
fi
if ! screen | grep -q -F "Aanpak" && ! screen | grep -q -F "Vakgebied"; then
	ok "parts only one of them changed are not asked about"
else
	not_ok "parts only one of them changed are not asked about"
fi
send Escape
if wait_gone "Samenvoegen" && wait_for "plan $plan*" && [ "$(field aanleiding)" = "Basis. EERSTE-A" ] &&
	[ "$(field aanpak)" = "" ]; then
	ok "Esc: back in the editor, unsaved, nothing written"
else
	not_ok "Esc: back in the editor, unsaved, nothing written"
fi
send F2
wait_for "Samenvoegen - OOP" >/dev/null
send m
if wait_joined "[x] Mijn versie: Basis. TWEEDE-A" && wait_joined "[ ] Versie collega:"; then
	ok "m chooses my version"
else
	not_ok "m chooses my version"
fi
send F2
if wait_gone "Samenvoegen" && wait_for "Samengevoegd en opgeslagen." && wait_gone "plan $plan*"; then
	ok "F2 merges and saves"
else
	not_ok "F2 merges and saves"
fi
a=$(field aanleiding)
b=$(field aanpak)
v=$(field vakgebied)
if [ "$a" = "Basis. TWEEDE-A" ] && [ "$b" = "TWEEDE-B" ] && [ "$v" = "EERSTE-VAK" ]; then
	ok "the database holds the second's Aanleiding and Aanpak and the first's Vakgebied"
else
	not_ok "the database holds the second's Aanleiding and Aanpak and the first's Vakgebied" \
		"aanleiding: $a; aanpak: $b; vakgebied: $v"
fi

# --- no conflict ----------------------------------------------------------------------
S=ibis
tabs 2 Onderwijsbehoeften
type_text "EERSTE-OB"
send F2
if wait_joined "Samengevoegd met de wijzigingen van een collega en opgeslagen." &&
	! screen | grep -q -F "Samenvoegen -"; then
	ok "the first session's save merges the second's changes without asking"
else
	not_ok "the first session's save merges the second's changes without asking"
fi
if wait_for "│ Basis. TWEEDE-A" && screen | grep -q -F "│ EERSTE-OB"; then
	ok "the first session's editor shows the second's Aanleiding beside its own text"
else
	not_ok "the first session's editor shows the second's Aanleiding beside its own text"
fi

S=ibis2
# Aanpak, Inbreng leerling, Inbreng ouders.
tabs 2 "Inbreng ouders"
type_text "TWEEDE-IO"
send F2
if wait_joined "Samengevoegd met de wijzigingen van een collega en opgeslagen."; then
	ok "the second session's save merges too, with the message"
else
	not_ok "the second session's save merges too, with the message"
fi
all="$(field aanleiding)|$(field aanpak)|$(field vakgebied)|$(field onderwijsbehoeften)|$(field inbreng_ouders)"
if [ "$all" = "Basis. TWEEDE-A|TWEEDE-B|EERSTE-VAK|EERSTE-OB|TWEEDE-IO" ]; then
	ok "the database holds every change of both"
else
	not_ok "the database holds every change of both" "$all"
fi

# --- done ---------------------------------------------------------------------------
send F10
_second_exited() {
	[ -s "$E2E_TMP/status2" ]
}
if _poll 10 _second_exited && [ "$(cat "$E2E_TMP/status2")" = 0 ] &&
	! grep -q -E 'Sanitizer|runtime error' "$E2E_TMP/stderr2"; then
	ok "the second session quits with status 0, no sanitizer report"
else
	not_ok "the second session quits with status 0, no sanitizer report" \
		"$(cat "$E2E_TMP/stderr2" 2>/dev/null)"
fi
S=ibis
send F10
expect_quit_clean "the first session quits with status 0, no sanitizer report"
e2e_finish
