#!/bin/sh
# levelform.sh - the level form from the Tijdlijn under each of the four
# shipped models: a raise refused without a reason (what was typed is kept),
# then saved with one and seen on the chart's level row, in the event list and
# in the pupil list; the meeting the model names for the step; a skip refused
# without a reason, with what the model expects at the level skipped to. Under
# 4-niveaus and 6-lagen also a correction (c) and a withdrawal (d), under
# 5-niveaus-sterke-basis an event with a date that does not exist refused,
# under 5-niveaus-sop a toets added with n, under 6-lagen a TLV past the
# model's longest term refused (a).
. "$(dirname "$0")/lib.sh"

e2e_setup 65

REASON="Toets M5 rekenen: E-score ondanks verlengde instructie"

# The demo of model $1 in demo.db (the one of e2e_setup replaced).
demo_model() {
	ibis_cmd demo --db "$E2E_TMP/demo.db" --seed 1 --today "$E2E_TODAY" --model "$1" --force \
		--config "$E2E_TMP/empty.ini" --datadir "$IBIS_DATADIR" >"$E2E_TMP/demo.out" 2>&1 ||
		bail "ibis demo --model $1 failed: $(head -n 3 "$E2E_TMP/demo.out")"
}

# The line in pupils.txt of a pupil whose whole history is one step, at
# level 1 (so that the chart's level 2 row is empty before the raise).
find_level1() {
	n=1
	while [ "$n" -le 40 ]; do
		id=$(pupil_field "$n" 1)
		[ -n "$id" ] || return 1
		ibis_run levels history "$id" >"$E2E_TMP/history.txt" 2>&1 || return 1
		if [ "$(grep -c -E '^[0-9]{2}-[0-9]{2}-[0-9]{4}  ' "$E2E_TMP/history.txt")" = 1 ] &&
			grep -q -E '^[0-9-]{10}  nu +[A-Za-z]+ 1 \(' "$E2E_TMP/history.txt"; then
			echo "$n"
			return 0
		fi
		n=$((n + 1))
	done
	return 1
}

# The plot of the chart's row for level $1 ("Niveau 2"): what follows its
# axis line.
chart_row() {
	screen | sed -n "s/^ *$1 │//p" | head -n 1
}

# True when the chart draws the level line in the row of level $1.
row_has_line() {
	chart_row "$1" | grep -q '[─┌┐└┘│]'
}

# The row of the pupil list holding the name $1.
list_row() {
	screen | grep -F -- "$1" | head -n 1
}

# run_model MODEL SHORT MEETING: the checks every model gets. SHORT is the
# word of the model's short names ("Niveau", "Laag"); MEETING the meeting it
# names for level 2 ("" when none).
run_model() {
	model=$1
	P=$2
	meeting=$3

	demo_model "$model"
	need_pupils
	line=$(find_level1) || bail "$model: no pupil with only level 1 in the demo"
	id=$(pupil_field "$line" 1)
	name=$(natural_name "$line")
	shown=$(display_name "$line")

	e2e_open
	open_pupil "$name" "$id" || bail "$model: the Tijdlijn of $name did not open"
	if row_has_line "$P 2"; then before=line; else before=empty; fi

	# --- a raise --------------------------------------------------------------
	send +
	if wait_for "Niveau wijzigen · $name" && wait_for "◂ $P 2 – " &&
		screen | grep -q -E "^  Nu +$P 1 sinds [0-9-]{10} – "; then
		ok "$model: + opens the level form on $P 2, from $P 1"
	else
		not_ok "$model: + opens the level form on $P 2, from $P 1"
	fi
	if [ -n "$meeting" ]; then
		if screen | grep -q -E "^  Bespreking +$meeting\$"; then
			ok "$model: the model's meeting for $P 2 ($meeting) is filled in"
		else
			not_ok "$model: the model's meeting for $P 2 ($meeting) is filled in"
		fi
	else
		if screen | grep -q -E '^  Bespreking *$'; then
			ok "$model: the model names no meeting for $P 2, none is filled in"
		else
			not_ok "$model: the model names no meeting for $P 2, none is filled in"
		fi
	fi
	# Regie (the fifth row) gets a name of our own.
	send Tab Tab Tab Tab End
	type_text " (juf Zoë)"
	send F2
	if wait_joined "Niet opgeslagen: Een reden is verplicht bij een hoger niveau" &&
		wait_for "Niveau wijzigen"; then
		ok "$model: F2 without a reason is refused, the message says a reason is required"
	else
		not_ok "$model: F2 without a reason is refused, the message says a reason is required"
	fi
	if screen | grep -q -F "juf Zoë" && screen | grep -q -F "◂ $P 2 – "; then
		ok "$model: the form keeps what was typed"
	else
		not_ok "$model: the form keeps what was typed"
	fi
	# The cursor is on Reden now.
	type_text "$REASON"
	send C-s
	if wait_for "[Tijdlijn]" && wait_gone "Niveau wijzigen" &&
		screen | grep -F "niveau" | grep -q -F "$P 2 (was $P 1): Toets M5"; then
		ok "$model: saved, the event list has the step to $P 2 with its reason"
	else
		not_ok "$model: saved, the event list has the step to $P 2 with its reason"
	fi
	if [ "$before" = empty ] && row_has_line "$P 2"; then
		ok "$model: the chart's $P 2 row, empty before, has the line now"
	else
		not_ok "$model: the chart's $P 2 row, empty before, has the line now" \
			"before: $before; the row now: $(chart_row "$P 2")"
	fi

	# --- a skip -------------------------------------------------------------
	send +
	wait_for "◂ $P 3 – " >/dev/null
	send Right
	wait_for "◂ $P 4 – " >/dev/null
	case $model in
	4-niveaus) expect="Bespreking +mdo\$" what="the meeting for $P 4 is mdo" ;;
	5-niveaus-sterke-basis) expect="Bespreking +ot\$" what="the meeting for $P 4 is ot" ;;
	*) expect="! Op $P 4 is een OPP verplicht" what="the model expects an OPP at $P 4" ;;
	esac
	if screen | grep -q -E "$expect"; then ok "$model: $what"; else not_ok "$model: $what"; fi
	send F2
	if wait_joined "Van $P 2 naar $P 4 slaat $P 3 over; dat kan alleen met een reden" &&
		wait_for "Niveau wijzigen"; then
		ok "$model: skipping $P 3 without a reason is refused"
	else
		not_ok "$model: skipping $P 3 without a reason is refused"
	fi
	send Escape
	wait_box "Weggooien? (j/n)" >/dev/null
	send j
	if wait_for "[Tijdlijn]" && wait_gone "Niveau wijzigen" && wait_for "· ▂ $P 2"; then
		ok "$model: Esc asks, j drops the skip; the pupil stays at $P 2"
	else
		not_ok "$model: Esc asks, j drops the skip; the pupil stays at $P 2"
	fi

	send Escape
	wait_for "ibis — Leerlingen" >/dev/null
	if wait_for "$shown" && list_row "$shown" | grep -q -F "$P 2"; then
		ok "$model: the pupil list shows $P 2"
	else
		not_ok "$model: the pupil list shows $P 2" "$(list_row "$shown")"
	fi
}

# correct_and_withdraw: on the list (filtered on the pupil) after run_model.
correct_and_withdraw() {
	send Enter
	wait_for "[Tijdlijn]" >/dev/null
	send c
	if wait_for "Niveaustap corrigeren" && wait_for "Toets M5 rekenen" &&
		wait_for "Waarom gecorrigeerd *"; then
		ok "$model: c opens the recorded step with its reason"
	else
		not_ok "$model: c opens the recorded step with its reason"
	fi
	send Tab C-u
	type_text "20-11-2026"
	send F2
	if wait_for "Niet opgeslagen: een correctie zegt waarom." && wait_for "Niveaustap corrigeren"; then
		ok "$model: a correction without Waarom is refused"
	else
		not_ok "$model: a correction without Waarom is refused"
	fi
	type_text "Datum was verkeerd"
	send F2
	if wait_for "[Tijdlijn]" && screen | grep -F "correctie" | grep -q -F "Stap gecorrigeerd, was $P 2" &&
		screen | grep -q -E "^ 20-11-2026  niveau +.*$P 2 \(was $P 1\)"; then
		ok "$model: the correction is in the event list, the step on 20-11-2026 now"
	else
		not_ok "$model: the correction is in the event list, the step on 20-11-2026 now"
	fi
	send Home Enter
	if wait_for "Datum was verkeerd" && wait_for "stap gecorrigeerd"; then
		ok "$model: Enter on the correction says why"
	else
		not_ok "$model: Enter on the correction says why"
	fi
	send Escape
	wait_for "[Tijdlijn]" >/dev/null
	send d
	wait_for "Niveaustap intrekken" >/dev/null
	type_text "Dubbel ingevoerd"
	send F2
	if wait_box "Deze stap intrekken? (j/n)" && screen | grep -q -E "Daarna geldt +.* $P 1 – "; then
		ok "$model: d shows what holds after the step and asks first"
	else
		not_ok "$model: d shows what holds after the step and asks first"
	fi
	send j
	if wait_for "[Tijdlijn]" && wait_for "· ▁ $P 1" &&
		screen | grep -F "correctie" | grep -q -F "Stap ingetrokken: $P 2" &&
		! row_has_line "$P 2"; then
		ok "$model: withdrawn: the list says so, the level is $P 1 and the chart's $P 2 row is empty"
	else
		not_ok "$model: withdrawn: the list says so, the level is $P 1 and the chart's $P 2 row is empty"
	fi
	send Escape
	wait_for "ibis — Leerlingen" >/dev/null
	if wait_for "$shown" && list_row "$shown" | grep -q -F "$P 1"; then
		ok "$model: the pupil list shows $P 1 again"
	else
		not_ok "$model: the pupil list shows $P 1 again" "$(list_row "$shown")"
	fi
}

# F10, and the session it ran in closed for the next model's.
quit_clean() {
	send F10
	expect_quit_clean "$model: F10 quits with status 0, no sanitizer report"
	tmux_ kill-session -t ibis >/dev/null 2>&1
}

# --- 4 niveaus -------------------------------------------------------------------
run_model 4-niveaus Niveau groepsbespreking
correct_and_withdraw
quit_clean

# --- 5 niveaus, sterke basis -------------------------------------------------------
run_model 5-niveaus-sterke-basis Niveau unit-overleg
send Enter
wait_for "[Tijdlijn]" >/dev/null
send n
wait_for "Nieuwe gebeurtenis · $name" >/dev/null
send C-u
type_text "31-02-2026"
send F2
if wait_for "Datum: 31-02-2026 bestaat niet." && wait_for "Vul de tekst in" &&
	wait_for "Nieuwe gebeurtenis"; then
	ok "$model: a day that does not exist and an empty text are refused, named by field"
else
	not_ok "$model: a day that does not exist and an empty text are refused, named by field"
fi
send Escape
wait_box "Weggooien? (j/n)" >/dev/null
send j
wait_for "[Tijdlijn]" >/dev/null
quit_clean

# --- 5 niveaus (SOP): a toets added with n ------------------------------------------
run_model 5-niveaus-sop Niveau leerlingbespreking
send Enter
wait_for "[Tijdlijn]" >/dev/null
send n
wait_for "Nieuwe gebeurtenis · $name" >/dev/null
send Tab
type_text "t"
if wait_for "◂ toets ▸" && wait_for "Moment" && wait_for "Score"; then
	ok "$model: n opens the event form; Soort toets shows the result's fields"
else
	not_ok "$model: n opens the event form; Soort toets shows the result's fields"
fi
send Tab F2
if wait_for "Vul in welke toets het was." && wait_for "Nieuwe gebeurtenis"; then
	ok "$model: a toets without its name is refused"
else
	not_ok "$model: a toets without its name is refused"
fi
type_text "Cito LVS"
send Tab
type_text "rekenen"
send Tab
type_text "M5"
send Tab
type_text "42"
send Tab
type_text "v"
send F2
if wait_for "[Tijdlijn]" && screen | grep -F "toets" | grep -q -F "Cito LVS rekenen M5: 42 (V)"; then
	ok "$model: the toets with its result is in the event list"
else
	not_ok "$model: the toets with its result is in the event list"
fi
quit_clean

# --- 6 lagen: a TLV past the longest term ---------------------------------------------
run_model 6-lagen Laag ""
correct_and_withdraw
send Enter
wait_for "[Tijdlijn]" >/dev/null
send a
if wait_for "Nieuw arrangement · $name" && wait_for "◂ TLV ▸" &&
	screen | grep -q -E '^  Einddatum \* +22-11-2028$'; then
	ok "$model: a opens the arrangement form, a TLV ends 2 years on (22-11-2028)"
else
	not_ok "$model: a opens the arrangement form, a TLV ends 2 years on (22-11-2028)"
fi
send Tab Tab C-u
type_text "01-01-2029"
send F2
if wait_joined "de einddatum (01-01-2029) mag niet na 22-11-2028 liggen" &&
	screen | grep -q -E '^  Einddatum \* +01-01-2029$'; then
	ok "$model: an end past the 2 years is refused, the typed date kept"
else
	not_ok "$model: an end past the 2 years is refused, the typed date kept"
fi
send C-u
type_text "31-07-2028"
send F2
if wait_for "[Tijdlijn]" && screen | grep -F "arrangement" | grep -q -F "TLV van 23-11-2026 tot 31-07-2028"; then
	ok "$model: the TLV is in the event list"
else
	not_ok "$model: the TLV is in the event list"
fi
quit_clean

e2e_finish
