#!/bin/sh
# resize.sh - resizing at any moment: too small shows a message, tiny sizes do
# not crash, growing back restores the screen, and typed text survives.
. "$(dirname "$0")/lib.sh"

e2e_setup 13

need_pupils
first=$(display_name 1)
total=$(wc -l <"$E2E_TMP/pupils.txt" | tr -d ' ')
count_text="$(dutch_count "$total") leerlingen"

e2e_start
wait_for "$first" 10 || bail "the Leerlingen screen did not open"

resize 30 10
if wait_for "te klein" && wait_for "30×10" && wait_for "80×24"; then
	ok "30x10 shows the too-small message with both sizes"
else
	not_ok "30x10 shows the too-small message with both sizes"
fi
if wait_gone "ibis — Leerlingen"; then ok "nothing of the list is drawn at 30x10"; else not_ok "nothing of the list is drawn at 30x10"; fi

resize 20 5
if wait_for "20×5" && running; then ok "20x5 shows the message and ibis runs"; else not_ok "20x5 shows the message and ibis runs"; fi

resize 1 1
if wait_settled && running; then ok "1x1 does not crash"; else not_ok "1x1 does not crash"; fi

resize 80 24
if wait_for "ibis — Leerlingen" && wait_for "$first" && wait_for "$count_text"; then
	ok "back at 80x24 the list returns"
else
	not_ok "back at 80x24 the list returns"
fi

# Wait for the key bar on the last line itself: the pane grows at once, and
# a busy machine may take longer than wait_settled's quiet time to redraw.
_keybar_on_40() {
	[ "$(screen | wc -l)" -ge 40 ] && screen | sed -n '40p' | grep -q "Zoek"
}
resize 100 40
if wait_for "ibis — Leerlingen" && _poll 5 _keybar_on_40; then
	ok "a larger window uses every line (the key bar on line 40)"
else
	not_ok "a larger window uses every line (the key bar on line 40)"
fi
resize 80 24
wait_for "$first" >/dev/null

# --- typing the filter while the window changes ----------------------------------
part=$(awk -F';' '$5 ~ /^[A-Za-z]+$/ && length($5) >= 3 { print tolower(substr($5, 1, 3)); exit }' \
	"$E2E_TMP/pupils.txt")
[ -n "$part" ] || part=zzz
send /
type_text "$part"
wait_for "Zoeken: $part" >/dev/null
resize 40 12
if wait_for "te klein"; then ok "too small while typing the filter"; else not_ok "too small while typing the filter"; fi
resize 80 24
if wait_for "Zoeken: $part" && wait_for "filter: $part"; then
	ok "the typed text is still there after the resize"
else
	not_ok "the typed text is still there after the resize"
fi
send BSpace
short=$(printf '%s' "$part" | cut -c1-2)
if wait_gone "filter: $part" && wait_for "Zoeken: $short"; then
	ok "typing goes on after the resize (Backspace)"
else
	not_ok "typing goes on after the resize (Backspace)"
fi
send Escape
wait_for "$count_text" >/dev/null

# --- other screens resized -------------------------------------------------------
send Enter
wait_for "Dossier" >/dev/null
resize 25 8
wait_for "25×8" >/dev/null
resize 80 24
if wait_for "Dossier" && wait_for "Niveau"; then
	ok "the dossier survives a resize"
else
	not_ok "the dossier survives a resize"
fi
send q
wait_for "ibis — Leerlingen" >/dev/null
send q
wait_for "Ibis afsluiten?" >/dev/null
resize 50 10
wait_for "50×10" >/dev/null
resize 80 24
if wait_for "Ibis afsluiten? (j/n)"; then
	ok "the quit question survives a resize"
else
	not_ok "the quit question survives a resize"
fi
send F10
expect_quit "F10 quits with status 0"
expect_stderr_clean

e2e_finish
