# lib.sh - the end-to-end harness: ibis runs in a private tmux server, the
# script sends keys and waits for text on the captured screen, and reports TAP
# (one line per check) for automake's TAP driver.
#
# Sourced by tests/e2e/*.sh. Needs IBIS (the binary) and IBIS_DATADIR (the
# source tree's data/), both set by `make check`. No fixed sleeps: every wait
# polls the screen with a timeout, longer when ibis is built with ASan.
#
#   e2e_setup N            plan N checks; private folder, demo database, tmux
#   e2e_start [ARGS...]    start the TUI in a new 80x24 session
#   e2e_open [ARGS...]     e2e_start, and bail out unless the list opens
#   need_pupils            export_pupils (see below), or bail out
#   db SQL...              sqlite3 on the demo database (errors on stdout too)
#   wait_for TEXT [SECS]   until TEXT is on the screen
#   wait_re ERE [SECS]     until the extended regular expression matches a line
#   wait_joined TEXT [SECS] until TEXT is in joined (see below)
#   wait_gone TEXT [SECS]  until TEXT is no longer on the screen (ibis running)
#   wait_settled           until the screen and cursor stop changing (150 ms)
#   wait_exit [SECS]       until ibis has exited; its status in $E2E_STATUS
#   send KEY...            tmux send-keys (key names: Enter, Escape, PgDn, F1)
#   type_text TEXT         literal text (UTF-8)
#   resize W H             resize the window
#   screen                 the screen as text
#   joined                 the screen as one line, box sides and runs of spaces
#                          squeezed (a message wrapped over lines reads as one)
#   plan N; ok DESC; not_ok DESC [DETAIL]; skip DESC REASON; e2e_finish
#   check DESC CMD...      ok when CMD succeeds, not ok otherwise
#   wait_box TEXT [SECS]   until TEXT is inside a dialog box (box_text)
#   expect_quit DESC       ok when ibis exits with status 0
#   expect_stderr_clean    ok when ibis wrote no sanitizer report
#   expect_quit_clean DESC both in one check
#
# The pupil's dossier, from the Leerlingen screen:
#
#   open_pupil NAME [ID]   filter the list on NAME (one pupil left) and open
#                          the Tijdlijn; with ID, check it is dossier ID
#   open_plans NAME        open_pupil, then Tab to the Plannen tab
#   new_plan KORT          on the Plannen tab: n, the template KORT, the editor
#
# Scripts of the command line alone (no terminal) use the second half:
#
#   cli_setup NAME         private folder $T, HOME and XDG in it, $CONF, $TODAY
#   run ARGS...            ibis ARGS; output in $T/out, $T/err, status in $rc
#   cli_demo DB            the demo database in DB (bails out when it fails)
#   status_is N; out_has TEXT; err_has TEXT; out_line LINE; err_line LINE
#   cli_finish             the sanitizer check and the plan (at the end)

set -u

# The scripts compare UTF-8 text (Zoë, 80×24): grep, sed and tr work per
# character only in a UTF-8 locale.
LC_ALL=C.UTF-8
export LC_ALL

: "${IBIS:?IBIS must name the ibis binary (make check sets it)}"
: "${IBIS_DATADIR:?IBIS_DATADIR must name the data folder (make check sets it)}"

E2E_TODAY=2026-11-23
E2E_SOCKET="ibis-e2e-$$"
E2E_TEST=0
E2E_FAILED=0
E2E_STATUS=
E2E_TMP=
E2E_CLI=

# ASan and UBSan make start-up and every key slower; a check that waits for
# the screen gets more time (IBIS_E2E_SLOW=N multiplies it by hand).
E2E_SLOW=${IBIS_E2E_SLOW:-1}
if [ "$E2E_SLOW" = 1 ] && grep -q __asan_init "$IBIS" 2>/dev/null; then
	E2E_SLOW=4
fi

tmux_() {
	tmux -L "$E2E_SOCKET" "$@"
}

# tmux leaves its socket behind after kill-server: remove it too.
e2e_cleanup() {
	sock=$(tmux_ display-message -p '#{socket_path}' 2>/dev/null)
	[ -n "$sock" ] || sock="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$E2E_SOCKET"
	tmux_ kill-server >/dev/null 2>&1
	[ -n "$sock" ] && [ -S "$sock" ] && rm -f "$sock"
	[ -n "$E2E_TMP" ] && rm -rf "$E2E_TMP"
}

# --- TAP -------------------------------------------------------------------

plan() {
	echo "1..$1"
}

ok() {
	E2E_TEST=$((E2E_TEST + 1))
	echo "ok $E2E_TEST - $1"
}

# A failed check shows the screen, so the log says what was there instead.
not_ok() {
	E2E_TEST=$((E2E_TEST + 1))
	E2E_FAILED=$((E2E_FAILED + 1))
	echo "not ok $E2E_TEST - $1"
	if [ -n "${2:-}" ]; then
		printf '%s\n' "$2" | sed 's/^/# /'
	fi
	if [ -n "$E2E_CLI" ]; then
		echo "#   status $rc; stdout:"
		sed -n '1,12s/^/#   /p' "$T/out" 2>/dev/null
		echo "#   stderr:"
		sed -n '1,8s/^/#   /p' "$T/err" 2>/dev/null
		return 0
	fi
	echo "# screen:"
	screen 2>/dev/null | sed 's/^/# |/'
	if ! running; then
		echo "# ibis has exited with status $(cat "$E2E_TMP/status"); its stderr:"
		head -n 20 "$E2E_TMP/stderr" 2>/dev/null | sed 's/^/# /'
	fi
}

skip() {
	E2E_TEST=$((E2E_TEST + 1))
	echo "ok $E2E_TEST - $1 # SKIP $2"
}

# check DESC CMD...: ok when CMD succeeds (eval 'A && B' for several).
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

bail() {
	echo "Bail out! $1"
	exit 1
}

# --- the screen --------------------------------------------------------------

screen() {
	tmux_ capture-pane -p -t ibis 2>/dev/null
}

send() {
	tmux_ send-keys -t ibis "$@"
}

type_text() {
	tmux_ send-keys -t ibis -l "$1"
}

resize() {
	tmux_ resize-window -t ibis -x "$1" -y "$2"
}

# Polls every 20 ms until the condition holds or the time is up.
_poll() {
	secs=$1
	shift
	limit=$(awk -v s="$secs" -v k="$E2E_SLOW" 'BEGIN { printf "%d", s * k * 50 }')
	i=0
	while [ "$i" -lt "$limit" ]; do
		if "$@"; then
			return 0
		fi
		sleep 0.02
		i=$((i + 1))
	done
	"$@"
}

# _wait TEST ARG [SECS]: until TEST ARG holds (5 s unless told); its answer.
_wait() {
	_poll "${3:-5}" "$1" "$2" >/dev/null
	"$1" "$2"
}

_on_screen() {
	screen | grep -F -q -- "$1"
}

_not_on_screen() {
	! _on_screen "$1"
}

# Once ibis has exited the screen does not change any more: a wait for text
# gives up at once instead of running out its time.
_on_screen_or_exited() {
	_on_screen "$1" || _exited
}

_not_on_screen_or_exited() {
	_not_on_screen "$1" || _exited
}

# The text inside a dialog box, its lines joined with spaces (a count and its
# word may be wrapped onto two lines).
box_text() {
	screen | sed -n 's/^.*│ \(.*[^ ]\) *│.*$/\1/p' | tr '\n' ' '
}

_in_box() {
	box_text | grep -F -q -- "$1"
}

wait_box() {
	_wait _in_box "$@"
}

# The text of the row under the cursor bar (black on cyan; reverse video
# without colour), without its attributes.
cursor_row() {
	tmux_ capture-pane -p -e -t ibis 2>/dev/null |
		grep -E "$(printf '\033')\\[(30m$(printf '\033')\\[46m|7m)" | head -n 1 |
		sed "s/$(printf '\033')\\[[0-9;]*m//g"
}

_cursor_on() {
	cursor_row | grep -F -q -- "$1"
}

# Wait until the cursor bar is on the row holding TEXT.
wait_cursor_on() {
	_wait _cursor_on "$@"
}

wait_for() {
	_poll "${2:-5}" _on_screen_or_exited "$1" >/dev/null
	_on_screen "$1"
}

_on_screen_re() {
	screen | grep -E -q -- "$1"
}

wait_re() {
	_wait _on_screen_re "$@"
}

# The screen as one line: a box's side at the start or end of a line dropped,
# runs of spaces and line ends squeezed to one space, so that a text wrapped
# over lines (in a box or an editor field) reads as one. A word is never cut.
joined() {
	screen | sed 's/^ *[│|] \{0,1\}//; s/│$//' | tr -s ' \n' '  '
}

_joined_has() {
	joined | grep -F -q -- "$1"
}

wait_joined() {
	_wait _joined_has "$@"
}

wait_gone() {
	_poll "${2:-5}" _not_on_screen_or_exited "$1" >/dev/null
	_not_on_screen "$1" && running
}

_screen_state() {
	{
		tmux_ capture-pane -p -e -t ibis
		tmux_ display-message -p -t ibis '#{cursor_x},#{cursor_y},#{cursor_flag}'
	} 2>/dev/null | cksum
}

# Settled: the same screen, attributes and cursor for 150 ms in a row.
wait_settled() {
	limit=$(awk -v k="$E2E_SLOW" 'BEGIN { printf "%d", 5 * k * 50 }')
	last=$(_screen_state)
	same=0
	i=0
	while [ "$i" -lt "$limit" ]; do
		sleep 0.02
		now=$(_screen_state)
		if [ "$now" = "$last" ]; then
			same=$((same + 1))
			[ "$same" -ge 8 ] && return 0
		else
			same=0
			last=$now
		fi
		i=$((i + 1))
	done
	return 1
}

_exited() {
	[ -s "$E2E_TMP/status" ]
}

# ibis writes its exit status to a file (tmux's pane_dead_status is not
# reliable on every version).
wait_exit() {
	if _poll "${1:-5}" _exited; then
		E2E_STATUS=$(cat "$E2E_TMP/status")
		return 0
	fi
	E2E_STATUS=
	return 1
}

running() {
	! _exited
}

# --- running ibis --------------------------------------------------------------

# The ibis command line shared by the TUI and the helper commands: nothing of
# the user's (HOME, config, data) is read or written.
ibis_cmd() {
	env LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$E2E_TMP" \
		XDG_CONFIG_HOME="$E2E_TMP/config" XDG_DATA_HOME="$E2E_TMP/data" \
		"$IBIS" "$@"
}

# e2e_setup N: the plan (N checks), then the set-up.
e2e_setup() {
	E2E_PLANNED=$1
	plan "$E2E_PLANNED"
	command -v tmux >/dev/null 2>&1 || bail "tmux is not installed"
	[ -x "$IBIS" ] || bail "$IBIS is not an executable"
	E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ibis-e2e.XXXXXX") || bail "mktemp failed"
	trap e2e_cleanup EXIT
	trap 'exit 1' INT TERM HUP
	mkdir -p "$E2E_TMP/config" "$E2E_TMP/data"
	: >"$E2E_TMP/empty.ini"
	if ! ibis_cmd demo --db "$E2E_TMP/demo.db" --seed 1 --today "$E2E_TODAY" \
		--config "$E2E_TMP/empty.ini" --datadir "$IBIS_DATADIR" \
		>"$E2E_TMP/demo.out" 2>&1; then
		sed 's/^/# /' "$E2E_TMP/demo.out"
		bail "ibis demo could not make the demo database"
	fi
}

# db SQL...: sqlite3 on the demo database (waits up to 5 s for a lock held by
# ibis); the rows on stdout, an error too, so that a check shows it.
db() {
	sqlite3 -batch -noheader -cmd ".timeout 5000" "$E2E_TMP/demo.db" "$@" 2>&1
}

# Run an ibis subcommand on the demo database (output on stdout).
ibis_run() {
	sub=$1
	shift
	ibis_cmd "$sub" "$@" --db "$E2E_TMP/demo.db" --today "$E2E_TODAY" \
		--config "$E2E_TMP/empty.ini" --datadir "$IBIS_DATADIR"
}

# Start the TUI in a new 80x24 session; its stderr goes to a file so that a
# sanitizer report can be checked afterwards.
e2e_start() {
	rm -f "$E2E_TMP/status"
	q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
	cmd="env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color HOME=$(q "$E2E_TMP")"
	cmd="$cmd XDG_CONFIG_HOME=$(q "$E2E_TMP/config") XDG_DATA_HOME=$(q "$E2E_TMP/data")"
	cmd="$cmd $(q "$IBIS") --config $(q "$E2E_TMP/empty.ini")"
	cmd="$cmd --datadir $(q "$IBIS_DATADIR") --db $(q "$E2E_TMP/demo.db")"
	cmd="$cmd --today $E2E_TODAY"
	for a in "$@"; do
		cmd="$cmd $(q "$a")"
	done
	cmd="$cmd 2>$(q "$E2E_TMP/stderr"); echo \$? >$(q "$E2E_TMP/status");"
	cmd="$cmd tmux -L $E2E_SOCKET wait-for -S ibis-done"
	# Keep the last screen after ibis exits (for the failure report), and
	# let resize-window set any size (tmux 3.3 follows the clients otherwise).
	tmux_ -f /dev/null new-session -d -s ibis -x 80 -y 24 "$cmd" \; \
		set-option -g remain-on-exit on \; set-option -g window-size manual \
		>/dev/null || bail "tmux could not start a session"
}

# e2e_start, then wait for the Leerlingen screen (bails out when it does not
# open): the start of a script that tests another screen.
e2e_open() {
	e2e_start "$@"
	wait_for "ibis — Leerlingen" 10 || bail "the Leerlingen screen did not open"
}

# e2e_start on $E2E_TMP/demo.db made read-only for ibis (a database file the
# user cannot write opens read-only; any session still running is ended
# first). root writes any file, so as root ibis runs as nobody (the folder
# open to it, the file not). False, starting nothing, when that cannot be
# arranged (root without setpriv or a user nobody).
e2e_start_readonly() {
	ro_ibis=
	if [ "$(id -u)" = 0 ]; then
		if command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
			chmod 777 "$E2E_TMP"
			chmod 755 "$E2E_TMP/config" "$E2E_TMP/data"
			chmod 644 "$E2E_TMP/empty.ini" "$E2E_TMP/demo.db"
			rm -f "$E2E_TMP/demo.db-wal" "$E2E_TMP/demo.db-shm"
			ro_ibis="$E2E_TMP/ibis-nobody"
			printf '#!/bin/sh\nexec setpriv --reuid=%s --regid=%s --clear-groups %s "$@"\n' \
				"$(id -u nobody)" "$(id -g nobody)" "$IBIS" >"$ro_ibis"
			chmod 755 "$ro_ibis"
		fi
	else
		chmod 444 "$E2E_TMP/demo.db"
		ro_ibis=$IBIS
	fi
	[ -n "$ro_ibis" ] || return 1
	real_ibis=$IBIS
	IBIS=$ro_ibis
	tmux_ kill-session -t ibis >/dev/null 2>&1
	e2e_start
	IBIS=$real_ibis
	return 0
}

# True when ibis wrote no sanitizer report or other complaint to stderr.
stderr_clean() {
	! grep -q -E 'Sanitizer|runtime error|LeakSanitizer' "$E2E_TMP/stderr" 2>/dev/null
}

# --- demo data ---------------------------------------------------------------

# The active pupils of the demo in name order, as `ibis export pupils` writes
# them: Id;Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;
# Groep;School;Status (the header line removed). The demo's names hold no ';'
# or quotes, so fields are split on ';'.
export_pupils() {
	ibis_run export pupils >"$E2E_TMP/pupils.csv" 2>"$E2E_TMP/export.err" || return 1
	tail -n +2 "$E2E_TMP/pupils.csv" | tr -d '\r' >"$E2E_TMP/pupils.txt"
}

# export_pupils for the set-up of a script: bails out when it fails.
need_pupils() {
	export_pupils || bail "ibis export pupils failed: $(cat "$E2E_TMP/export.err")"
}

# Field N (1-based) of pupil line L (1-based) of the export.
pupil_field() {
	sed -n "${1}p" "$E2E_TMP/pupils.txt" | cut -d';' -f"$2"
}

# "Achternaam, Roepnaam tussenvoegsel" - how the list shows a name.
display_name() {
	awk -F';' -v n="$1" 'NR == n {
		s = $5 ", " $3
		if ($4 != "") s = s " " $4
		print s
	}' "$E2E_TMP/pupils.txt"
}

# "Roepnaam tussenvoegsel Achternaam" - how the dossier shows it.
natural_name() {
	awk -F';' -v n="$1" 'NR == n {
		s = $3
		if ($4 != "") s = s " " $4
		print s " " $5
	}' "$E2E_TMP/pupils.txt"
}

# 1234 -> 1.234, as the screens write counts.
dutch_count() {
	awk -v s="$1" 'BEGIN {
		out = ""
		while (length(s) > 3) {
			out = "." substr(s, length(s) - 2) out
			s = substr(s, 1, length(s) - 3)
		}
		print s out
	}'
}

# --- the pupil's dossier ---------------------------------------------------------

# open_pupil NAME [ID]: from the pupil list, filter on the name and open the
# one pupil left on its Tijdlijn; with ID, true only when that is dossier ID.
# The filter stays on the list afterwards.
open_pupil() {
	send /
	wait_for "Zoeken:" >/dev/null
	type_text "$1"
	wait_for "1 leerling" >/dev/null || return 1
	send Enter
	wait_gone "Zoeken:" >/dev/null
	send Enter
	wait_for "[Tijdlijn]" 10 >/dev/null || return 1
	[ -z "${2:-}" ] || wait_for "Dossier #$2 "
}

# open_plans NAME: open_pupil, then Tab to the pupil's Plannen tab.
open_plans() {
	open_pupil "$1" || return 1
	send Tab
	wait_for "[Plannen]" >/dev/null
}

# new_plan KORT: n on the Plannen tab, the template chosen by its short name
# (OOP, OPP); true when the editor is open on a new plan of that template.
new_plan() {
	send n
	wait_for "Nieuw plan" >/dev/null || return 1
	type_text "$1"
	wait_settled
	send Enter
	wait_for "$1 · " >/dev/null && wait_for "concept · nieuw" >/dev/null
}

# --- quitting ------------------------------------------------------------------

# expect_quit DESC: after the quit key, ibis exits with status 0.
expect_quit() {
	if wait_exit 10 && [ "$E2E_STATUS" = 0 ]; then
		ok "$1"
	else
		not_ok "$1" "status: ${E2E_STATUS:-(still running)}"
	fi
}

expect_stderr_clean() {
	if stderr_clean; then
		ok "no sanitizer report on stderr"
	else
		not_ok "no sanitizer report on stderr" "$(cat "$E2E_TMP/stderr")"
	fi
}

# expect_quit_clean DESC: status 0 and a clean stderr, as one check.
expect_quit_clean() {
	if wait_exit 10 && [ "$E2E_STATUS" = 0 ] && stderr_clean; then
		ok "$1"
	else
		not_ok "$1" "status ${E2E_STATUS:-none}"
	fi
}

e2e_finish() {
	if [ "$E2E_TEST" -ne "${E2E_PLANNED:-$E2E_TEST}" ]; then
		echo "# planned ${E2E_PLANNED}, ran $E2E_TEST"
	fi
	[ "$E2E_FAILED" -eq 0 ]
}

# --- command-line scripts -------------------------------------------------------

# A private folder $T with HOME and the XDG folders pointed into it and
# --config naming an empty file, so that no file of the user is read or
# written. NAME goes into the folder's name. Files made read-only by a test
# are removed too.
cli_setup() {
	E2E_CLI=1
	T=$(mktemp -d "${TMPDIR:-/tmp}/ibis-$1-XXXXXX") || bail "mktemp"
	trap cli_cleanup EXIT
	trap 'exit 1' HUP INT TERM
	HOME=$T/home
	XDG_CONFIG_HOME=$T/home/.config
	XDG_DATA_HOME=$T/home/.local/share
	XDG_CACHE_HOME=$T/home/.cache
	XDG_STATE_HOME=$T/home/.local/state
	export HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME
	mkdir -p "$HOME"
	CONF=$T/empty.ini
	: >"$CONF"
	TODAY=$E2E_TODAY
	rc=0
	E2E_SANITIZER=0
}

cli_cleanup() {
	chmod -R u+w "$T" 2>/dev/null
	rm -rf "$T"
}

# ibis with the private configuration and a fixed today; output in $T/out and
# $T/err, status in $rc. A sanitizer report is kept for cli_finish.
run() {
	"$IBIS" --config "$CONF" --datadir "$IBIS_DATADIR" --today "$TODAY" "$@" \
		>"$T/out" 2>"$T/err"
	rc=$?
	if grep -q -e 'Sanitizer' -e 'runtime error' "$T/err"; then
		E2E_SANITIZER=1
		cat "$T/err" >>"$T/sanitizer.log"
	fi
}

# The demo database (seed 1) in DB.
cli_demo() {
	run --db "$1" demo --seed 1
	[ "$rc" -eq 0 ] || bail "ibis demo failed: $(head -n 3 "$T/err")"
}

status_is() { [ "$rc" -eq "$1" ]; }
err_has() { grep -q -F -e "$1" "$T/err"; }
out_has() { grep -q -F -e "$1" "$T/out"; }
out_line() { grep -q -x -F -e "$1" "$T/out"; }
err_line() { grep -q -x -F -e "$1" "$T/err"; }

# The last check (no run left a sanitizer report) and the plan.
cli_finish() {
	if [ "$E2E_SANITIZER" -eq 0 ]; then
		ok "no sanitizer reports"
	else
		E2E_TEST=$((E2E_TEST + 1))
		E2E_FAILED=$((E2E_FAILED + 1))
		echo "not ok $E2E_TEST - no sanitizer reports"
		sed -n '1,20s/^/#   /p' "$T/sanitizer.log"
	fi
	echo "1..$E2E_TEST"
	[ "$E2E_FAILED" -eq 0 ]
}
