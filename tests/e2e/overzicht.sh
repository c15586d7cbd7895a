#!/bin/sh
# overzicht.sh - the Overzicht screen, opened with O from the Leerlingen
# screen: every group of the demo school with its counts per level and a
# total that agree with `ibis report levels` and `ibis export pupils`, the
# legend with the model's names, the months of the school year so far, an
# earlier school year, bars that read without colour (NO_COLOR), a database
# of several schools with the school picker and "alle scholen", scrolling, the
# sizes 80x24 and larger (Tab between the parts when they do not fit
# together), the help screen, Esc back to the list.
. "$(dirname "$0")/lib.sh"

e2e_setup 34

need_pupils
total=$(wc -l <"$E2E_TMP/pupils.txt" | tr -d ' ')
ibis_run report levels --format csv >"$E2E_TMP/report.csv" 2>"$E2E_TMP/report.err" ||
	bail "ibis report levels failed: $(cat "$E2E_TMP/report.err")"
# The model of the demo school: the default of the shipped ibis.ini.
model=$(sed -n 's/^niveaumodel *= *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$IBIS_DATADIR/ibis.ini")
model_file="$IBIS_DATADIR/levels/$model.ini"
[ -f "$model_file" ] || bail "no model file for '$model'"
model_name=$(sed -n '/^\[model\]/,/^\[/s/^naam *= *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$model_file" |
	head -n 1)
nlevels=$(grep -c '^kort *=' "$model_file")

# Numbers as the screen writes them: "1.234" -> 1234.
plain() {
	printf '%s\n' "$1" | tr -d '.'
}

# The last field (the total) of the screen row whose first field is $1.
row_total() {
	screen | awk -v g="$1" '$1 == g { print $NF; exit }'
}

# The row whose first field is $1, without the label: the bar, the counts.
row_fields() {
	screen | awk -v g="$1" '$1 == g { $1 = ""; print; exit }'
}

# --- one school, a window where everything fits ---------------------------------
e2e_open
resize 100 50
send O
check "O opens the Overzicht of the demo school, counted today" \
	eval 'wait_for "ibis — Overzicht ·" && wait_for "Niveaus per groep op 23-11-2026"'
check "both parts are shown when they fit (100x50), without Tab on the key bar" \
	eval 'wait_for "Aantal leerlingen per niveau door het schooljaar 2026-2027" &&
		! screen | tail -n 1 | grep -q "Tab"'

# Every group of the report, with the same counts per level and total: the
# last fields of a row are the level columns (and "–", no level, when some
# pupils have none) and the total.
tr -d '\r' <"$E2E_TMP/report.csv" >"$E2E_TMP/report.txt"
has_none=0
screen | grep -E "^ Groep " | grep -q "–" && has_none=1
ncols=$((nlevels + 1 + has_none))
screen_counts() {
	screen | awk -v g="$1" -v k="$ncols" '$1 == g {
		s = ""
		for (i = NF - k + 1; i <= NF; i++) { v = $i; gsub(/\./, "", v); s = s (s == "" ? "" : " ") v }
		print s; exit }'
}
report_counts() {
	awk -F';' -v g="$1" -v hn="$has_none" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "Geen niveau") gn = i; next }
		$2 == g { s = ""
			for (i = 3; i <= NF; i++) { if (i == gn && !hn) continue; s = s (s == "" ? "" : " ") $i }
			print s; exit }' "$E2E_TMP/report.txt"
}
bad=
ngroups=0
sum=0
tail -n +2 "$E2E_TMP/report.txt" | cut -d';' -f2 >"$E2E_TMP/groups.txt"
while IFS= read -r grp; do
	label=$grp
	[ "$grp" = "Zonder groep" ] && label=zonder
	want=$(report_counts "$grp")
	got=$(screen_counts "$label")
	ngroups=$((ngroups + 1))
	[ "$want" = "$got" ] || bad="$bad
$grp: report '$want', screen '$got'"
	n=$(plain "$(row_total "$label")")
	sum=$((sum + ${n:-0}))
done <"$E2E_TMP/groups.txt"
if [ -z "$bad" ] && [ "$ngroups" -gt 0 ]; then
	ok "all $ngroups groups are listed with the counts per level of ibis report levels"
else
	not_ok "all $ngroups groups are listed with the counts per level of ibis report levels" "$bad"
fi

# The totals of the groups add up to the pupils at school, and so does the
# Totaal row.
check "the group totals add up to the $total pupils at school (ibis export pupils)" \
	[ "$sum" -eq "$total" ]
check "the Totaal row says $total" [ "$(plain "$(row_total Totaal)")" = "$total" ]
# Each group of the export has that many pupils on the screen.
bad=
for g in $(awk -F';' '$7 != "" { print $7 }' "$E2E_TMP/pupils.txt" | sort -u); do
	want=$(awk -F';' -v g="$g" '$7 == g' "$E2E_TMP/pupils.txt" | wc -l | tr -d ' ')
	got=$(plain "$(row_total "$g")")
	[ "$want" = "$got" ] || bad="$bad $g:$want/$got"
done
check "each group's total is its number of pupils in the export" [ -z "$bad" ]

# The legend: the model's name and every short name.
bad=
for name in $(sed -n 's/^kort *= *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$model_file" | tr ' ' '_'); do
	name=$(printf '%s' "$name" | tr '_' ' ')
	_on_screen "$name" || bad="$bad [$name]"
done
check "the legend names the model ($model_name) and its $nlevels levels" \
	eval '[ -z "$bad" ] && _on_screen "$model_name:"'

# The bars: each level's digit, one run per level, in the level's colour
# reversed.
check "the Totaal bar shows the levels as runs of their digits (1 then 2)" \
	eval 'row_fields Totaal | grep -E -q "^ 1+2+"'
esc=$(printf '\033')
check "a bar cell is drawn in reverse video with a colour" \
	eval "tmux_ capture-pane -p -e -t ibis | grep -q \"${esc}\\[7m${esc}\\[3[0-7]m1\""

# Part 2: the first of each month so far (today is 23-11-2026).
check "part 2 lists aug to nov 2026 and no later month" \
	eval 'wait_re "^ aug 2026 " && _on_screen_re "^ nov 2026 " && ! _on_screen_re "^ dec 2026 "'
nov=$(plain "$(row_total nov)")
check "the november count ($nov) is close to the pupils at school" \
	eval '[ "${nov:-0}" -gt 0 ] && [ "${nov:-0}" -le "$total" ]'

# --- an earlier school year ------------------------------------------------------
send '<'
check "< shows the school year before, counted on 30 July, all twelve months" \
	eval 'wait_for "Niveaus per groep op 30-07-2026" && wait_for "door het schooljaar 2025-2026" &&
		wait_re "^ jul 2026 "'
send '>'
wait_for "Niveaus per groep op 23-11-2026" >/dev/null
send '>'
wait_settled
check "> stops at the current school year" \
	eval '_on_screen "Niveaus per groep op 23-11-2026" && _on_screen "2026-2027"'

# --- 80x24: the smallest size ------------------------------------------------------
resize 80 24
wait_settled
send '<'
# Twelve months and the groups do not fit together in 24 rows.
if wait_for "deel 1 van 2" && screen | tail -n 1 | grep -q "Tab Deel"; then
	ok "at 80x24 a long year shows one part at a time, Tab on the key bar"
else
	not_ok "at 80x24 a long year shows one part at a time, Tab on the key bar"
fi
send Tab
check "Tab shows part 2" \
	eval 'wait_for "deel 2 van 2" && wait_re "^ jul 2026 " && ! _on_screen "Niveaus per groep"'
send Tab
check "Tab again shows part 1" \
	eval 'wait_for "deel 1 van 2" && wait_for "Niveaus per groep op 30-07-2026"'
lines_ok() {
	[ "$(screen | wc -l)" -le 24 ] && screen | head -n 1 | grep -q "ibis — Overzicht" &&
		screen | tail -n 1 | grep -q "Esc/q Terug"
}
check "at 80x24 the header and the key bar are in place" lines_ok
resize 60 20
check "a window smaller than 80x24 shows a message" wait_for "Het venster is te klein"
resize 120 40
check "grown again (120x40), both parts are back" \
	eval 'wait_for "Niveaus per groep op 30-07-2026" && wait_for "door het schooljaar 2025-2026" &&
		! _on_screen "deel 1 van 2"'
send '>'
wait_for "Niveaus per groep op 23-11-2026" >/dev/null

# --- help, back ----------------------------------------------------------------------
send '?'
check "the help lists the keys of the Overzicht" \
	eval 'wait_for "ibis — Help: Overzicht" && wait_for "Het vorige schooljaar" &&
		_on_screen "Een andere school kiezen, of alle scholen samen"'
send Escape
wait_for "ibis — Overzicht" >/dev/null
send Escape
check "Esc goes back to the pupil list" wait_for "ibis — Leerlingen"
send F10
expect_quit_clean "ibis quits with status 0 and no sanitizer report"

# --- no colour -----------------------------------------------------------------------
# A new tmux server, started with NO_COLOR in its environment, hands it on.
tmux_ kill-server >/dev/null 2>&1
NO_COLOR=1
export NO_COLOR
e2e_open
unset NO_COLOR
send O
wait_for "Niveaus per groep op" >/dev/null
check "with NO_COLOR no colour is drawn" \
	eval "! tmux_ capture-pane -p -e -t ibis | grep -q \"${esc}\\[3[0-7]m\""
check "without colour the levels still differ by their digit (1 then 2) in reverse video" \
	eval 'row_fields Totaal | grep -E -q "^ 1+2+" &&
		tmux_ capture-pane -p -e -t ibis | grep -q "${esc}\\[7m1"'
check "without colour the legend pairs each digit with its level's name" \
	eval "_on_screen_re \" 1 $(sed -n 's/^kort *= *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$model_file" | head -n 1)\""
send F10
expect_quit_clean "without colour too, ibis quits with status 0 and no sanitizer report"
tmux_ kill-server >/dev/null 2>&1

# --- several schools ---------------------------------------------------------------
ibis_cmd demo --db "$E2E_TMP/demo.db" --force --pupils 2000 --seed 1 --today "$E2E_TODAY" \
	--config "$E2E_TMP/empty.ini" --datadir "$IBIS_DATADIR" >"$E2E_TMP/demo.out" 2>&1 ||
	bail "ibis demo --pupils 2000 failed: $(cat "$E2E_TMP/demo.out")"
need_pupils
total=$(wc -l <"$E2E_TMP/pupils.txt" | tr -d ' ')
nschools=$(awk -F';' '{ print $8 }' "$E2E_TMP/pupils.txt" | sort -u | wc -l | tr -d ' ')
[ "$nschools" -gt 1 ] || bail "the demo of 2000 pupils has one school"

e2e_open
send O
wait_for "Niveaus per groep op 23-11-2026" >/dev/null
first=$(screen | sed -n '1s/^ ibis — Overzicht · \(.*[^ ]\)  .*$/\1/p' | sed 's/ *$//')
at_first=$(awk -F';' -v s="$first" '$8 == s' "$E2E_TMP/pupils.txt" | wc -l | tr -d ' ')
check "with $nschools schools it opens on one ($first) with its $at_first pupils" \
	eval '[ "$at_first" -gt 0 ] && [ "$(plain "$(row_total Totaal)")" = "$at_first" ]'
send s
check "s offers Alle scholen and every school" \
	eval 'wait_box "Alle scholen" && wait_box "$first"'
send Home Enter
check "Alle scholen: every pupil ($total) in the Totaal row" \
	eval 'wait_for "ibis — Overzicht · alle scholen" && wait_for "Totaal" &&
		[ "$(plain "$(row_total Totaal)")" = "$total" ]'
check "the groups stand under the name of their school" wait_re "^ $first · "
pos=$(screen | grep -o "regel [0-9]*–[0-9]* van [0-9]*")
send PgDn
check "PgDn scrolls the groups ($pos)" \
	eval '[ -n "$pos" ] && wait_gone "$pos" && _on_screen_re "regel [0-9]+–[0-9]+ van "'
send s
wait_box "Alle scholen" >/dev/null
send Home Down Down Enter
wait_gone "alle scholen" >/dev/null
shown=$(screen | sed -n '1s/^ ibis — Overzicht · \(.*[^ ]\)  .*$/\1/p' | sed 's/ *$//')
at_shown=$(awk -F';' -v s="$shown" '$8 == s' "$E2E_TMP/pupils.txt" | wc -l | tr -d ' ')
check "another school ($shown) shows its own $at_shown pupils" \
	eval '[ "$shown" != "$first" ] && [ "$at_shown" -gt 0 ] &&
		[ "$(plain "$(row_total Totaal)")" = "$at_shown" ]'
send Escape
check "with several schools too, Esc goes back to the pupil list" wait_for "ibis — Leerlingen"
send F10
expect_quit_clean "with several schools, ibis quits with status 0 and no sanitizer report"

e2e_finish
