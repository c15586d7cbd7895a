#!/bin/sh
# archive.sh - a pupil who leaves: `a` asks the date (today by default) and
# the destination, the pupil leaves the active list and shows only under the
# status filter (vertrokken, alle), the dossier says where to, and the same
# key on the archived pupil undoes it. Under a model with a placement level
# (6-lagen), leaving for SBO puts the pupil on that level, and the undo
# withdraws it again.
. "$(dirname "$0")/lib.sh"

e2e_setup 20

need_pupils
total=$(wc -l <"$E2E_TMP/pupils.txt" | tr -d ' ')
left_before=$(ibis_run export pupils --all | tail -n +2 | grep -c ';vertrokken' || true)
count_text="$(dutch_count "$total") leerlingen"
fewer_text="$(dutch_count $((total - 1))) leerlingen"
# The pupil who leaves: the third of the list, so that the list does not
# start with the pupil it checks for.
who=$(display_name 3)
natural=$(natural_name 3)
after=$(display_name 4)

# The Status picker's items, in order: actief, vertrokken, alle.
status() {
	send f
	wait_for "Leerkracht: alle" >/dev/null
	send Enter
	wait_for "Vertrokken: het archief" >/dev/null
	# The picker starts on the status in force.
	send Home
	case $1 in
	actief) ;;
	vertrokken) send Down ;;
	alle) send Down Down ;;
	esac
	send Enter
	wait_for "Status: $1" >/dev/null
}

e2e_start
wait_for "$count_text" 10 || bail "the Leerlingen screen did not open"
send Down Down
wait_cursor_on "$(display_name 3)" >/dev/null

send a
if wait_for "Vertrek: $natural" && wait_for "23-11-2026" && wait_for "[andere basisschool]"; then
	ok "a asks for the date (today) and the destination"
else
	not_ok "a asks for the date (today) and the destination"
fi
# A wrong date is refused in the dialog, and nothing is archived.
send C-u
type_text "31-02-2026"
send Enter
if wait_for "31-02-2026 bestaat niet." && wait_for "Vertrek: $natural"; then
	ok "a date that does not exist is refused with a message"
else
	not_ok "a date that does not exist is refused with a message"
fi
send C-u
type_text "20-11-2026"
send Tab Right Right Right
if wait_for "[VO]"; then ok "the arrows choose the destination (VO)"; else not_ok "the arrows choose the destination (VO)"; fi
send Enter
if wait_gone "Vertrek:" && wait_for "$fewer_text" && wait_gone "$who"; then
	ok "Enter archives: $who leaves the active list ($fewer_text)"
else
	not_ok "Enter archives: $who leaves the active list ($fewer_text)"
fi
if wait_cursor_on "$(display_name 4)"; then
	ok "the cursor keeps its place in the list"
else
	not_ok "the cursor keeps its place in the list"
fi

# --- the archive ----------------------------------------------------------------
status vertrokken
n_left=$((left_before + 1))
if [ "$n_left" -eq 1 ]; then left_text="1 leerling"; else left_text="$(dutch_count "$n_left") leerlingen"; fi
wait_for "Status: vertrokken" && wait_for "$left_text" >/dev/null
counted=$?
send /
type_text "$natural"
send Enter
if [ "$counted" = 0 ] && wait_for "1 leerling · filter:" && wait_for "$who"; then
	ok "under status vertrokken ($left_text) the pupil is found"
else
	not_ok "under status vertrokken ($left_text) the pupil is found"
fi
send Enter
# Enter opens the dossier on its Tijdlijn tab; Shift-Tab goes to Gegevens.
wait_for "[Tijdlijn]" >/dev/null
send BTab
if wait_for "Dossier" && wait_for "Vertrokken" && wait_for "20-11-2026, naar vo"; then
	ok "the dossier shows the date and the destination"
else
	not_ok "the dossier shows the date and the destination"
fi
send Escape
wait_for "ibis — Leerlingen" >/dev/null
send Escape
wait_gone "Filter:" >/dev/null

status alle
all_text="$(dutch_count $((total + left_before))) leerlingen"
if wait_for "Status: alle" && wait_for "$all_text"; then
	ok "under status alle every pupil is counted ($all_text)"
else
	not_ok "under status alle every pupil is counted ($all_text)"
fi

# --- undo -------------------------------------------------------------------------
status vertrokken
send /
type_text "$natural"
send Enter
wait_for "Filter:" >/dev/null
send a
if wait_for "ongedaan maken" && wait_for "20-11-2026"; then
	ok "a on an archived pupil offers to undo the leaving"
else
	not_ok "a on an archived pupil offers to undo the leaving"
fi
send n
wait_gone "ongedaan maken" >/dev/null
send a
wait_for "ongedaan maken" >/dev/null
send j
if wait_gone "ongedaan maken" && wait_gone "$who"; then
	ok "j undoes it: the pupil leaves the archive"
else
	not_ok "j undoes it: the pupil leaves the archive"
fi
send Escape
wait_gone "Filter:" >/dev/null
status actief
if wait_for "$count_text" && wait_for "$who"; then
	ok "the pupil is back in the active list ($count_text)"
else
	not_ok "the pupil is back in the active list ($count_text)"
fi
if ibis_run export pupils | grep -q -F ";$(pupil_field 3 3);$(pupil_field 3 4);$(pupil_field 3 5);"; then
	ok "the export lists the pupil as active again"
else
	not_ok "the export lists the pupil as active again"
fi

send q
wait_for "Ibis afsluiten?" >/dev/null
send j
expect_quit "ibis quits with status 0"
expect_stderr_clean

# --- to SBO under a model with a placement level ---------------------------------
# 6-lagen marks Laag 5 as the placement elsewhere: leaving for SBO records the
# step to it on the leaving date; undoing the leaving withdraws that step and
# the pupil is back on the level before.
ibis_cmd demo --db "$E2E_TMP/demo.db" --force --model 6-lagen --seed 1 --today "$E2E_TODAY" \
	--config "$E2E_TMP/empty.ini" --datadir "$IBIS_DATADIR" >"$E2E_TMP/demo.out" 2>&1 ||
	bail "ibis demo --model 6-lagen failed: $(cat "$E2E_TMP/demo.out")"
# The session of the first run stays (remain-on-exit): a new server.
tmux_ kill-server >/dev/null 2>&1
need_pupils
who=$(display_name 3)
natural=$(natural_name 3)
id=$(pupil_field 3 1)
# The level now: the open episode of `ibis levels history` ("... nu Laag 2 (...)").
current_level() {
	ibis_run levels history "$id" | awk '$2 == "nu" { print $3, $4; exit }'
}
before=$(current_level)
[ -n "$before" ] || bail "ibis levels history $id shows no current level"

e2e_open
send Down Down
wait_cursor_on "$who" >/dev/null
send a
wait_for "Vertrek: $natural" >/dev/null
send Tab Right
if wait_for "[SBO]" && wait_for "Het niveau wordt Laag 5 (plaatsing)."; then
	ok "to SBO the dialog says the pupil is placed on Laag 5"
else
	not_ok "to SBO the dialog says the pupil is placed on Laag 5"
fi
send Enter
wait_gone "Vertrek:" >/dev/null
wait_gone "$who" >/dev/null
ibis_run levels history "$id" >"$E2E_TMP/history.txt" 2>&1
if [ "$(current_level)" = "Laag 5" ] &&
	grep -q -F "23-11-2026  nu          Laag 5" "$E2E_TMP/history.txt" &&
	grep -q -F "Reden: Vertrek naar SBO" "$E2E_TMP/history.txt"; then
	ok "archived to SBO: the pupil is on Laag 5 from the leaving date (was $before)"
else
	not_ok "archived to SBO: the pupil is on Laag 5 from the leaving date (was $before)" \
		"$(cat "$E2E_TMP/history.txt")"
fi
status vertrokken
send /
type_text "$natural"
send Enter
if wait_for "1 leerling · filter:" && wait_for "Laag 5"; then
	ok "the archive lists the pupil on Laag 5"
else
	not_ok "the archive lists the pupil on Laag 5"
fi
send a
wait_for "ongedaan maken" >/dev/null
send j
wait_gone "ongedaan maken" >/dev/null
wait_gone "$who" >/dev/null
ibis_run levels history "$id" >"$E2E_TMP/history.txt" 2>&1
if [ "$(current_level)" = "$before" ] && grep -q -F "ingetrokken; was Laag 5" "$E2E_TMP/history.txt" &&
	grep -q -F "Waarom: Vertrek ongedaan gemaakt" "$E2E_TMP/history.txt"; then
	ok "undo brings the old level back ($before); the placement is kept as withdrawn"
else
	not_ok "undo brings the old level back ($before); the placement is kept as withdrawn" \
		"$(cat "$E2E_TMP/history.txt")"
fi
if ibis_run export pupils | grep -q -F ";$(pupil_field 3 3);$(pupil_field 3 4);$(pupil_field 3 5);"; then
	ok "after the undo the pupil is active again"
else
	not_ok "after the undo the pupil is active again"
fi
send F10
expect_quit_clean "ibis quits with status 0 and no sanitizer report"

e2e_finish
