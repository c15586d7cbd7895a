#!/bin/sh
# plan_cli.sh - ibis export plan, end to end on the demo database: a pupil
# plan (an OPP of the 6-lagen demo, given a goal and a logboek entry) in
# Markdown and HTML, --output written whole, a groepsplan with its
# instruction groups, a plan whose template is gone, and the usage errors.
# Plain shell, no terminal; TAP.
#
# Needs IBIS and IBIS_DATADIR (set by `make check`) and sqlite3 to find the
# demo's plans and add what the demo does not make (a groepsplan). Everything
# happens in a private folder with HOME and the XDG folders pointed into it.

. "$(dirname "$0")/lib.sh"

cli_setup plan
DB=$T/demo.db

command -v sqlite3 >/dev/null 2>&1 || {
	echo "1..0 # SKIP sqlite3 is not installed"
	exit 0
}

q() {
	sqlite3 -batch -noheader "$DB" "$1"
}

# The naam of data/plans/$1.ini.
template_name() {
	sed -n 's/^naam = "\(.*\)"$/\1/p' "$IBIS_DATADIR/plans/$1.ini" | head -n 1
}

# the 6-lagen demo has OPPs
run --db "$DB" demo --seed 1 --model 6-lagen
[ "$rc" -eq 0 ] || bail "ibis demo failed: $(head -n 3 "$T/err")"

run --help
check "--help describes export plan" eval \
	'status_is 0 && out_has "export plan ID [--format md|html] [--output BESTAND]"'

# ------------------------------------------------------------ a pupil plan

PLAN=$(q "SELECT id FROM plans WHERE pupil_id IS NOT NULL AND pupil_id > 0
	  ORDER BY template_id = 'opp' DESC, id LIMIT 1")
TID=$(q "SELECT template_id FROM plans WHERE id = ${PLAN:-0}")
LAST=$(q "SELECT p.last_name FROM plans JOIN pupils p ON p.id = plans.pupil_id
	  WHERE plans.id = ${PLAN:-0}")
NAME=$(template_name "$TID")
check "the demo has a pupil plan ($TID $PLAN)" eval \
	'[ -n "$PLAN" ] && [ -n "$LAST" ] && [ -n "$NAME" ]'
q "INSERT INTO goals (plan_id, area, long_term, body, target_date, result, evaluation)
   VALUES ($PLAN, 2, 1, 'Kent de tafels | tot 10', '2027-07-01', 'deels behaald',
	   'Tafels 1 t/m 5 gaan goed.');
   INSERT INTO plan_log (plan_id, log_date, author, body)
   VALUES ($PLAN, '2026-11-20', 'jdevries', 'Gesprek met <moeder> & vader');"

run --db "$DB" export plan "$PLAN"
check "export plan (Markdown): the title names the plan type and the pupil" eval \
	'status_is 0 && head -n 1 "$T/out" | grep -q -F "# $NAME" &&
	 head -n 1 "$T/out" | grep -q -F "$LAST"'
check "the facts name the plan by its Id, its status and period" eval \
	'out_line "- Id: $PLAN" && grep -q "^- Status: " "$T/out" && grep -q "^- Periode: " "$T/out"'
# every label of the template, as a heading
LABELS_OK=1
sed -n 's/^label = "\(.*\)"$/\1/p' "$IBIS_DATADIR/plans/$TID.ini" >"$T/labels"
while read -r label; do
	grep -q -F -e "## $label" "$T/out" || LABELS_OK=0
done <"$T/labels"
check "every field of the template is a part, in Markdown" eval \
	'[ -s "$T/labels" ] && [ "$LABELS_OK" = 1 ]'
if [ "$TID" = opp ]; then
	check "the legal parts of the OPP are marked" eval \
		'out_has "## Verwachte uitstroombestemming (wettelijk)" &&
		 out_has "## Inbreng ouders (hoorrecht) (wettelijk)"'
else
	skip "the legal parts of the OPP are marked" "the demo has no OPP"
fi
check "a goal with its area, term, result and evaluation" eval \
	'out_has "Kent de tafels \\| tot 10" && out_line "- Ontwikkelingsgebied: Rekenproblemen/dyscalculie" &&
	 out_line "- Termijn: lange termijn (einde schooljaar)" && out_line "- Streefdatum: 01-07-2027" &&
	 out_line "- Resultaat: deels behaald" && out_line "- Evaluatie: Tafels 1 t/m 5 gaan goed."'
check "the logboek entry, escaped" eval \
	'out_line "| 20-11-2026 | jdevries | Gesprek met \\<moeder\\> & vader |"'
check "evaluation, logboek and three signature lines" eval \
	'out_has "## Gehouden evaluatie" && out_has "## Logboek" &&
	 out_line "**Ouder(s)/verzorger(s)**" && out_line "**Leerkracht**" &&
	 out_line "**Intern begeleider**" &&
	 [ "$(grep -c "^Handtekening: ___" "$T/out")" = 3 ] &&
	 [ "$(tail -n 1 "$T/out")" = "Bijgewerkt tot 23-11-2026." ]'
cp "$T/out" "$T/plan.md"

run --db "$DB" export plan "$PLAN" --format html
check "export plan --format html: a whole page, the signatures kept together" eval \
	'status_is 0 && head -n 1 "$T/out" | grep -q -x "<!DOCTYPE html>" &&
	 out_has "<h1>$NAME" && out_has "</html>" && out_has "<h2>Logboek</h2>" &&
	 out_has "<div class=\"handtekeningen\" style=\"break-inside: avoid;" &&
	 out_has "<strong>Intern begeleider</strong>" && ! out_has "<script" &&
	 out_has "<td>Gesprek met &lt;moeder&gt; &amp; vader</td>"'

run --db "$DB" export plan "$PLAN" --format markdown
check "--format markdown is the Markdown document" eval \
	'status_is 0 && cmp -s "$T/out" "$T/plan.md"'

mkdir "$T/docs"
run --db "$DB" export plan "$PLAN" --output "$T/docs/plan.md"
check "--output writes the same document, and nothing else stays in the folder" eval \
	'status_is 0 && [ ! -s "$T/out" ] && cmp -s "$T/docs/plan.md" "$T/plan.md" &&
	 [ "$(ls -A "$T/docs")" = "plan.md" ]'

run --db "$DB" export plan "$PLAN" --output "$T/geen/map/plan.md"
check "an output folder that does not exist exits 2 naming the file" eval \
	'status_is 2 && err_has "$T/geen/map/plan.md" && [ ! -e "$T/geen" ]'

# ------------------------------------------------------------- a group plan

# The demo makes no groepsplan: one for the group of the plan's pupil, with
# two of its pupils in an instruction group.
GROUP=$(q "SELECT gm.group_id FROM group_members gm JOIN plans p ON p.pupil_id = gm.pupil_id
	   WHERE p.id = $PLAN AND gm.school_year = 2026")
GNAME=$(q "SELECT name FROM groups WHERE id = ${GROUP:-0}")
q "SELECT pu.id, pu.first_name || ' ' || COALESCE(pu.tussenvoegsel || ' ', '') || pu.last_name
   FROM group_members gm JOIN pupils pu ON pu.id = gm.pupil_id
   WHERE gm.group_id = ${GROUP:-0} ORDER BY pu.sort_key LIMIT 2" >"$T/two"
q "INSERT INTO plans (template_id, group_id, title, start_date, end_date)
   VALUES ('groepsplan', ${GROUP:-0}, 'Rekenen blok 3', '2026-09-01', '2026-11-30')"
GPLAN=$(q "SELECT max(id) FROM plans")
while IFS='|' read -r id name; do
	q "INSERT INTO plan_members (plan_id, field_key, group_name, pupil_id)
	   VALUES ($GPLAN, 'leerlingen', 'Verlengde instructie', $id)"
done <"$T/two"
P1=$(sed -n 1p "$T/two" | cut -d'|' -f2)
P2=$(sed -n 2p "$T/two" | cut -d'|' -f2)
run --db "$DB" export plan "$GPLAN"
check "a groepsplan names its group and lists its instruction groups" eval \
	'[ -n "$GNAME" ] && [ -n "$P2" ] && status_is 0 &&
	 head -n 1 "$T/out" | grep -q -x -F "# Groepsplan voor groep $GNAME" &&
	 ! grep -q "^- Leerling:" "$T/out" && out_line "- Verkorte instructie: —" &&
	 out_line "- Verlengde instructie: $P1, $P2"'

# ----------------------------------------------------------- bad input

run --db "$DB" export plan 999999
check "an unknown plan exits 2 with a Dutch message" eval \
	'status_is 2 && err_has "Er is geen plan met Id 999999" && [ ! -s "$T/out" ]'

run --db "$DB" export plan abc
check "a plan that is not an Id exits 2" eval 'status_is 2 && err_has "‘abc’"'

cp "$DB" "$T/gone.db"
sqlite3 "$T/gone.db" "UPDATE plans SET template_id = 'weggehaald' WHERE id = $PLAN"
run --db "$T/gone.db" export plan "$PLAN"
check "a plan whose template is not among the data files exits 2 naming it" eval \
	'status_is 2 && err_has "weggehaald" && [ ! -s "$T/out" ]'

run --db "$DB" export plan "$PLAN" --format pdf
check "an unknown --format exits 2 naming it, as export timeline" eval \
	'status_is 2 && err_has "pdf" && err_has "md of html" && [ ! -s "$T/out" ]'

run --db "$DB" export plan "$PLAN" --format
check "--format without a value is a usage error (exit 1)" eval 'status_is 1'

run --db "$DB" export plan "$PLAN" --all
check "an option of another export is a usage error (exit 1)" eval \
	'status_is 1 && err_has "--all"'

run --db "$DB" export plan
check "export plan without an Id is a usage error (exit 1)" eval \
	'status_is 1 && err_has "ibis export plan ID"'

run --db "$T/none.db" export plan "$PLAN"
check "a database that does not exist exits 3 and is not made" eval \
	'status_is 3 && [ ! -e "$T/none.db" ]'

cli_finish
