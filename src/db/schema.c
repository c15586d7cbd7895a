/* schema.c - the schema of an ibis database and its migrations.
 *
 * The schema is versioned by PRAGMA user_version: migrations[v] brings a
 * database from version v-1 to v, and a new version of the program only ever
 * appends to that array (a released migration is never edited). All pending
 * migrations run in one transaction, so a database is either at the old
 * version or at the new one.
 *
 * Conventions of the schema text:
 * - STRICT tables, so a value of the wrong type is refused, not converted.
 * - Dates are ISO text 'YYYY-MM-DD' or NULL; the check date(x, '+0 days') IS x
 *   refuses anything else, 30 February included (date(x) alone would not).
 * - Moments (created_at, audit) are UTC 'YYYY-MM-DDTHH:MM:SSZ'.
 * - Booleans are 0/1 integers. Enumerations are the Dutch words records.c
 *   writes, each with its CHECK.
 * - Every row a user edits has version (optimistic locking: an UPDATE names
 *   the version it started from and bumps it).
 * - Data about a pupil goes with the pupil (ON DELETE CASCADE), so a purge
 *   after the retention period is one DELETE; the audit log keeps only ids
 *   and survives it. A school with pupils cannot be deleted (RESTRICT).
 * - An index for every query a screen runs often; see the comment at each.
 */
#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "ibis/util.h"

/* ============================================================ version 1 */

#define ISO_DATE(col) "date(" col ", '+0 days') IS " col
#define NOW "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"

static const char schema_v1[] =
	/* --------------------------------------------------------- schools */
	"CREATE TABLE schools (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  brin TEXT UNIQUE CHECK (brin IS NULL OR brin GLOB '????[0-9][0-9]'),\n"
	"  level_model TEXT NOT NULL CHECK (level_model <> ''), -- data/levels/<id>.ini\n"
	"  groepsbesprekingen INTEGER NOT NULL DEFAULT 3 CHECK (groepsbesprekingen >= 0),\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"\n"
	"-- A class in one school year; history survives the jaarovergang because\n"
	"-- next year's class is a new row.\n"
	"CREATE TABLE groups (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL CHECK (name <> ''), -- '5B', '4/5'\n"
	"  school_year INTEGER NOT NULL CHECK (school_year BETWEEN 1900 AND 2199),\n"
	"  kind TEXT NOT NULL DEFAULT 'regulier'\n"
	"    CHECK (kind IN ('regulier', 'combinatie', 'schakelklas', 'instroom')),\n"
	"  jaargroep_min INTEGER NOT NULL CHECK (jaargroep_min BETWEEN 0 AND 8),\n"
	"  jaargroep_max INTEGER NOT NULL CHECK (jaargroep_max BETWEEN jaargroep_min AND 8),\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  UNIQUE (school_id, school_year, name) -- also serves: groups of a school per year\n"
	") STRICT;\n"
	"\n"
	"-- Duo teachers and invallers: several per group; user_id when the teacher\n"
	"-- logs in to ibis.\n"
	"CREATE TABLE group_teachers (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX group_teachers_group ON group_teachers(group_id);\n"
	"CREATE INDEX group_teachers_user ON group_teachers(user_id) WHERE user_id IS NOT NULL;\n"
	"\n"
	"-- A pupil is in one group per school year, with their own jaargroep (in a\n"
	"-- '4/5' class each pupil has their own). school_year repeats the group's\n"
	"-- so that the rule can be a UNIQUE constraint; a trigger keeps the two equal.\n"
	"CREATE TABLE group_members (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,\n"
	"  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,\n"
	"  school_year INTEGER NOT NULL,\n"
	"  jaargroep INTEGER NOT NULL CHECK (jaargroep BETWEEN 0 AND 8),\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  UNIQUE (pupil_id, school_year) -- the index of the pupil list's group column\n"
	") STRICT;\n"
	"CREATE INDEX group_members_group ON group_members(group_id);\n"
	"CREATE TRIGGER group_members_year_insert BEFORE INSERT ON group_members\n"
	"WHEN NEW.school_year <> (SELECT school_year FROM groups WHERE id = NEW.group_id)\n"
	"BEGIN\n"
	"  SELECT RAISE(ABORT, 'Het schooljaar past niet bij dat van de groep.');\n"
	"END;\n"
	"CREATE TRIGGER group_members_year_update BEFORE UPDATE OF group_id, school_year\n"
	"ON group_members\n"
	"WHEN NEW.school_year <> (SELECT school_year FROM groups WHERE id = NEW.group_id)\n"
	"BEGIN\n"
	"  SELECT RAISE(ABORT, 'Het schooljaar past niet bij dat van de groep.');\n"
	"END;\n"
	"\n"
	/* ---------------------------------------------------------- pupils */
	"-- sort_key and search_key are written by the program (name_sort_key,\n"
	"-- name_search_key): SQLite's own folding misses the Turkish dotless i and\n"
	"-- the Dutch ij, so the program folds and the database only compares.\n"
	"CREATE TABLE pupils (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE RESTRICT,\n"
	"  number TEXT CHECK (number <> ''), -- leerlingnummer\n"
	"  first_name TEXT NOT NULL CHECK (first_name <> ''), -- roepnaam\n"
	"  tussenvoegsel TEXT CHECK (tussenvoegsel <> ''),\n"
	"  last_name TEXT NOT NULL CHECK (last_name <> ''),\n"
	"  birth_date TEXT CHECK (" ISO_DATE("birth_date") "),\n"
	"  address TEXT,\n"
	"  enrolled_date TEXT CHECK (" ISO_DATE("enrolled_date") "),\n"
	"  left_date TEXT CHECK (" ISO_DATE("left_date") "), -- NULL while at school\n"
	"  destination TEXT CHECK (destination IN ('school', 'sbo', 'so', 'vo', 'anders')),\n"
	"  notes TEXT,\n"
	"  sort_key TEXT NOT NULL,\n"
	"  search_key TEXT NOT NULL,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  UNIQUE (school_id, number),\n"
	"  CHECK (left_date IS NULL OR enrolled_date IS NULL OR left_date >= enrolled_date),\n"
	"  CHECK (destination IS NULL OR left_date IS NOT NULL) -- only who left has one\n"
	") STRICT;\n"
	"-- The pupil list walks one of these in order and stops after a screenful;\n"
	"-- the partial ones (pupils at school, the usual list) also answer its count\n"
	"-- and skip to an offset without reading the table.\n"
	"CREATE INDEX pupils_sort ON pupils(sort_key);\n"
	"CREATE INDEX pupils_school_sort ON pupils(school_id, sort_key);\n"
	"CREATE INDEX pupils_active_sort ON pupils(sort_key) WHERE left_date IS NULL;\n"
	"CREATE INDEX pupils_active_school_sort ON pupils(school_id, sort_key)\n"
	"  WHERE left_date IS NULL;\n"
	"\n"
	"CREATE TABLE guardians (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  relation TEXT, -- moeder, vader, voogd, ...\n"
	"  gezag INTEGER NOT NULL DEFAULT 1 CHECK (gezag IN (0, 1)),\n"
	"  phone TEXT,\n"
	"  email TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX guardians_pupil ON guardians(pupil_id);\n"
	"\n"
	/* ----------------------------------------------------------- levels */
	"-- The support level over time. level is the position in the model the\n"
	"-- school used then (model), so a change of model keeps history readable.\n"
	"-- end_date NULL = the current episode; at most one per pupil.\n"
	"CREATE TABLE level_episodes (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,\n"
	"  model TEXT NOT NULL CHECK (model <> ''),\n"
	"  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 9),\n"
	"  start_date TEXT NOT NULL CHECK (" ISO_DATE("start_date") "),\n"
	"  end_date TEXT CHECK (" ISO_DATE("end_date") "),\n"
	"  reason TEXT,\n"
	"  meeting TEXT, -- kind of the deciding meeting, a word from the model\n"
	"  meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,\n"
	"  regie TEXT,\n"
	"  betrokkenen TEXT,\n"
	"  author TEXT,\n"
	"  corrects INTEGER REFERENCES level_episodes(id) ON DELETE SET NULL,\n"
	"  created_at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  CHECK (end_date IS NULL OR end_date >= start_date)\n"
	") STRICT;\n"
	"CREATE INDEX level_episodes_pupil ON level_episodes(pupil_id, start_date);\n"
	"-- The current level of the pupil list (a LEFT JOIN per row) and the rule\n"
	"-- of one open episode per pupil.\n"
	"CREATE UNIQUE INDEX level_episodes_open ON level_episodes(pupil_id)\n"
	"  WHERE end_date IS NULL;\n"
	"CREATE INDEX level_episodes_corrects ON level_episodes(corrects)\n"
	"  WHERE corrects IS NOT NULL;\n"
	"CREATE INDEX level_episodes_meeting ON level_episodes(meeting_id)\n"
	"  WHERE meeting_id IS NOT NULL;\n"
	"\n"
	/* ----------------------------------------------------------- events */
	"-- The timeline. kind is open (observatie, toets, oudergesprek,\n"
	"-- kindgesprek, notitie, extern, bespreking, ...); a toets has a structured\n"
	"-- result, other kinds none. restricted: medical or safeguarding, seen by\n"
	"-- the IB'er and admin only.\n"
	"CREATE TABLE events (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL CHECK (kind <> ''),\n"
	"  event_date TEXT NOT NULL CHECK (" ISO_DATE("event_date") "),\n"
	"  author TEXT,\n"
	"  body TEXT,\n"
	"  restricted INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),\n"
	"  toets TEXT,\n"
	"  vakgebied TEXT,\n"
	"  moment TEXT, -- M4, E5, ...\n"
	"  score TEXT, -- as written: '42', '112 (vs)', ...\n"
	"  niveau TEXT CHECK (niveau IN ('I', 'II', 'III', 'IV', 'V', 'A', 'B', 'C', 'D', 'E')),\n"
	"  meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,\n"
	"  created_at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  CHECK (kind = 'toets' OR (toets IS NULL AND vakgebied IS NULL AND moment IS NULL\n"
	"                            AND score IS NULL AND niveau IS NULL))\n"
	") STRICT;\n"
	"-- The dossier's timeline, newest first (walked backwards).\n"
	"CREATE INDEX events_pupil ON events(pupil_id, event_date);\n"
	"CREATE INDEX events_meeting ON events(meeting_id) WHERE meeting_id IS NOT NULL;\n"
	"\n"
	/* ------------------------------------------------------------ plans */
	"-- A plan follows a template of data/plans (template_id); its fields are\n"
	"-- rows of plan_fields by the template's keys, so one editor serves every\n"
	"-- type. A plan belongs to a pupil (OOP, IHP, OPP, groeidocument) or to a\n"
	"-- group (groepsplan), never both.\n"
	"CREATE TABLE plans (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  template_id TEXT NOT NULL CHECK (template_id <> ''),\n"
	"  pupil_id INTEGER REFERENCES pupils(id) ON DELETE CASCADE,\n"
	"  group_id INTEGER REFERENCES groups(id) ON DELETE CASCADE,\n"
	"  title TEXT,\n"
	"  status TEXT NOT NULL DEFAULT 'concept'\n"
	"    CHECK (status IN ('concept', 'actief', 'geëvalueerd', 'afgesloten')),\n"
	"  start_date TEXT CHECK (" ISO_DATE("start_date") "),\n"
	"  end_date TEXT CHECK (" ISO_DATE("end_date") "),\n"
	"  eval_date TEXT CHECK (" ISO_DATE("eval_date") "), -- next evaluation\n"
	"  author TEXT,\n"
	"  created_at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  CHECK ((pupil_id IS NULL) <> (group_id IS NULL)),\n"
	"  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)\n"
	") STRICT;\n"
	"CREATE INDEX plans_pupil ON plans(pupil_id) WHERE pupil_id IS NOT NULL;\n"
	"CREATE INDEX plans_group ON plans(group_id) WHERE group_id IS NOT NULL;\n"
	"-- Signalen: plans to evaluate or ending soon.\n"
	"CREATE INDEX plans_eval ON plans(eval_date) WHERE eval_date IS NOT NULL;\n"
	"CREATE INDEX plans_end ON plans(end_date) WHERE end_date IS NOT NULL;\n"
	"\n"
	"CREATE TABLE plan_fields (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,\n"
	"  key TEXT NOT NULL CHECK (key <> ''), -- a field key of the template\n"
	"  value TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  UNIQUE (plan_id, key)\n"
	") STRICT;\n"
	"\n"
	"-- SMARTI goals: long term (end of the school year) or short term.\n"
	"CREATE TABLE goals (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,\n"
	"  area INTEGER CHECK (area BETWEEN 1 AND 8), -- ontwikkelingsgebied, NULL = none\n"
	"  long_term INTEGER NOT NULL DEFAULT 0 CHECK (long_term IN (0, 1)),\n"
	"  body TEXT NOT NULL CHECK (body <> ''),\n"
	"  target_date TEXT CHECK (" ISO_DATE("target_date") "),\n"
	"  result TEXT NOT NULL DEFAULT 'open'\n"
	"    CHECK (result IN ('open', 'behaald', 'deels behaald', 'niet behaald')),\n"
	"  evaluation TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX goals_plan ON goals(plan_id);\n"
	"\n"
	"-- The logboek of a plan (an OOP keeps one).\n"
	"CREATE TABLE plan_log (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,\n"
	"  log_date TEXT NOT NULL CHECK (" ISO_DATE("log_date") "),\n"
	"  author TEXT,\n"
	"  body TEXT NOT NULL CHECK (body <> ''),\n"
	"  created_at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX plan_log_plan ON plan_log(plan_id, log_date);\n"
	"\n"
	"-- A plan as it was when evaluated or signed: never changed afterwards.\n"
	"CREATE TABLE plan_snapshots (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,\n"
	"  taken_at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  reason TEXT, -- evaluatie, ondertekend, ...\n"
	"  author TEXT,\n"
	"  content TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX plan_snapshots_plan ON plan_snapshots(plan_id);\n"
	"\n"
	/* --------------------------------------------------------- meetings */
	"-- Meeting kinds are words from the school's level model, never a fixed\n"
	"-- list. A groepsbespreking names its group.\n"
	"CREATE TABLE meetings (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,\n"
	"  group_id INTEGER REFERENCES groups(id) ON DELETE SET NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind <> ''),\n"
	"  meeting_date TEXT NOT NULL CHECK (" ISO_DATE("meeting_date") "),\n"
	"  title TEXT,\n"
	"  notes TEXT, -- the verslag\n"
	"  author TEXT,\n"
	"  created_at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX meetings_school ON meetings(school_id, meeting_date);\n"
	"-- Signalen: groepsbesprekingen per group this year.\n"
	"CREATE INDEX meetings_group ON meetings(group_id, meeting_date)\n"
	"  WHERE group_id IS NOT NULL;\n"
	"\n"
	"CREATE TABLE meeting_attendees (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  role TEXT, -- leerkracht, ouder, GGD, ...\n"
	"  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,\n"
	"  guardian_id INTEGER REFERENCES guardians(id) ON DELETE SET NULL,\n"
	"  partner_id INTEGER REFERENCES partners(id) ON DELETE SET NULL,\n"
	"  present INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX meeting_attendees_meeting ON meeting_attendees(meeting_id);\n"
	"CREATE INDEX meeting_attendees_guardian ON meeting_attendees(guardian_id)\n"
	"  WHERE guardian_id IS NOT NULL;\n"
	"CREATE INDEX meeting_attendees_partner ON meeting_attendees(partner_id)\n"
	"  WHERE partner_id IS NOT NULL;\n"
	"CREATE INDEX meeting_attendees_user ON meeting_attendees(user_id)\n"
	"  WHERE user_id IS NOT NULL;\n"
	"\n"
	"-- The pupils (or other points) walked through in a meeting, in order.\n"
	"CREATE TABLE meeting_items (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL CHECK (position >= 1),\n"
	"  pupil_id INTEGER REFERENCES pupils(id) ON DELETE CASCADE, -- NULL: a general point\n"
	"  title TEXT,\n"
	"  notes TEXT,\n"
	"  decision TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX meeting_items_meeting ON meeting_items(meeting_id, position);\n"
	"CREATE INDEX meeting_items_pupil ON meeting_items(pupil_id) WHERE pupil_id IS NOT NULL;\n"
	"\n"
	"-- Agreements: who does what by when; done_date NULL while open.\n"
	"CREATE TABLE actions (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,\n"
	"  who TEXT NOT NULL CHECK (who <> ''),\n"
	"  what TEXT NOT NULL CHECK (what <> ''),\n"
	"  pupil_id INTEGER REFERENCES pupils(id) ON DELETE CASCADE,\n"
	"  due_date TEXT CHECK (" ISO_DATE("due_date") "),\n"
	"  done_date TEXT CHECK (" ISO_DATE("done_date") "),\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX actions_meeting ON actions(meeting_id) WHERE meeting_id IS NOT NULL;\n"
	"CREATE INDEX actions_pupil ON actions(pupil_id) WHERE pupil_id IS NOT NULL;\n"
	"-- Signalen: open actions by due date.\n"
	"CREATE INDEX actions_open ON actions(due_date) WHERE done_date IS NULL;\n"
	"\n"
	/* ------------------------------------------- consent and externals */
	"-- Parents' consent for something (mdo, onderzoek, verwijzing, ...): every\n"
	"-- change is a new row, so the history of given / refused / withdrawn stays.\n"
	"CREATE TABLE consents (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,\n"
	"  guardian_id INTEGER REFERENCES guardians(id) ON DELETE SET NULL,\n"
	"  subject TEXT NOT NULL CHECK (subject <> ''),\n"
	"  status TEXT NOT NULL CHECK (status IN ('gegeven', 'geweigerd', 'ingetrokken')),\n"
	"  consent_date TEXT NOT NULL CHECK (" ISO_DATE("consent_date") "),\n"
	"  note TEXT,\n"
	"  author TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX consents_pupil ON consents(pupil_id, subject, consent_date);\n"
	"CREATE INDEX consents_guardian ON consents(guardian_id) WHERE guardian_id IS NOT NULL;\n"
	"\n"
	"-- GGD, SMW, logopedie, ...; school_id NULL = for every school of the board.\n"
	"CREATE TABLE partners (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  school_id INTEGER REFERENCES schools(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  kind TEXT,\n"
	"  contact TEXT,\n"
	"  phone TEXT,\n"
	"  email TEXT,\n"
	"  notes TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX partners_school ON partners(school_id);\n"
	"\n"
	"CREATE TABLE referrals (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,\n"
	"  partner_id INTEGER REFERENCES partners(id) ON DELETE SET NULL,\n"
	"  referral_date TEXT NOT NULL CHECK (" ISO_DATE("referral_date") "),\n"
	"  reason TEXT,\n"
	"  outcome TEXT,\n"
	"  closed_date TEXT CHECK (" ISO_DATE("closed_date") "),\n"
	"  author TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX referrals_pupil ON referrals(pupil_id);\n"
	"CREATE INDEX referrals_partner ON referrals(partner_id) WHERE partner_id IS NOT NULL;\n"
	"\n"
	"-- A TLV or an onderwijsarrangement; end_date NULL = no end set.\n"
	"CREATE TABLE arrangements (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('tlv', 'onderwijsarrangement')),\n"
	"  start_date TEXT NOT NULL CHECK (" ISO_DATE("start_date") "),\n"
	"  end_date TEXT CHECK (" ISO_DATE("end_date") "),\n"
	"  description TEXT,\n"
	"  reference TEXT, -- the SWV's number of the decision\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  CHECK (end_date IS NULL OR end_date >= start_date)\n"
	") STRICT;\n"
	"CREATE INDEX arrangements_pupil ON arrangements(pupil_id, start_date);\n"
	"-- Signalen: which TLV expires.\n"
	"CREATE INDEX arrangements_end ON arrangements(end_date) WHERE end_date IS NOT NULL;\n"
	"\n"
	/* ---------------------------------------------------- school quality */
	"-- The HGW grid: one cell per school, indicator set, indicator, school year\n"
	"-- and assessor ('' = the team's shared score). score NULL: not yet scored.\n"
	"CREATE TABLE indicator_scores (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,\n"
	"  set_id TEXT NOT NULL CHECK (set_id <> ''), -- data/indicators/<id>.ini\n"
	"  indicator TEXT NOT NULL CHECK (indicator <> ''), -- '1.1'\n"
	"  school_year INTEGER NOT NULL CHECK (school_year BETWEEN 1900 AND 2199),\n"
	"  assessor TEXT NOT NULL DEFAULT '',\n"
	"  score INTEGER CHECK (score BETWEEN 1 AND 4),\n"
	"  evidence TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  UNIQUE (school_id, set_id, school_year, indicator, assessor) -- also the grid's index\n"
	") STRICT;\n"
	"\n"
	"-- The SOP (schoolondersteuningsprofiel), per school and school year.\n"
	"CREATE TABLE sop_expertise (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,\n"
	"  school_year INTEGER NOT NULL CHECK (school_year BETWEEN 1900 AND 2199),\n"
	"  area INTEGER CHECK (area BETWEEN 1 AND 8),\n"
	"  person TEXT,\n"
	"  expertise TEXT NOT NULL CHECK (expertise <> ''),\n"
	"  note TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX sop_expertise_school ON sop_expertise(school_id, school_year);\n"
	"\n"
	"CREATE TABLE sop_professionalisering (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,\n"
	"  school_year INTEGER NOT NULL CHECK (school_year BETWEEN 1900 AND 2199),\n"
	"  topic TEXT NOT NULL CHECK (topic <> ''),\n"
	"  who TEXT,\n"
	"  planned_date TEXT CHECK (" ISO_DATE("planned_date") "),\n"
	"  done_date TEXT CHECK (" ISO_DATE("done_date") "),\n"
	"  note TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX sop_professionalisering_school\n"
	"  ON sop_professionalisering(school_id, school_year);\n"
	"\n"
	"-- Extra support the school offers beyond the basis, per area and level.\n"
	"CREATE TABLE sop_aanbod (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,\n"
	"  school_year INTEGER NOT NULL CHECK (school_year BETWEEN 1900 AND 2199),\n"
	"  area INTEGER CHECK (area BETWEEN 1 AND 8),\n"
	"  level INTEGER CHECK (level BETWEEN 1 AND 9),\n"
	"  description TEXT NOT NULL CHECK (description <> ''),\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX sop_aanbod_school ON sop_aanbod(school_id, school_year);\n"
	"\n"
	"-- Grenzen aan zorg: what the school cannot offer.\n"
	"CREATE TABLE sop_grenzen (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,\n"
	"  school_year INTEGER NOT NULL CHECK (school_year BETWEEN 1900 AND 2199),\n"
	"  description TEXT NOT NULL CHECK (description <> ''),\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX sop_grenzen_school ON sop_grenzen(school_id, school_year);\n"
	"\n"
	"-- The basisondersteuning checklist: one cell per ontwikkelingsgebied (area\n"
	"-- 1-8 of basisondersteuning.ini) and aspect (its key: aanbod, materialen,\n"
	"-- ...). status NULL: not yet assessed.\n"
	"CREATE TABLE basis_checklist (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,\n"
	"  school_year INTEGER NOT NULL CHECK (school_year BETWEEN 1900 AND 2199),\n"
	"  area INTEGER NOT NULL CHECK (area BETWEEN 1 AND 8),\n"
	"  aspect TEXT NOT NULL CHECK (aspect <> ''),\n"
	"  status TEXT CHECK (status IN ('aanwezig', 'in ontwikkeling', 'afwezig')),\n"
	"  note TEXT,\n"
	"  document TEXT, -- where it is written down\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  UNIQUE (school_id, school_year, area, aspect)\n"
	") STRICT;\n"
	"\n"
	/* ------------------------------------------------------------ users */
	"-- Roles by Unix login.\n"
	"CREATE TABLE users (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  login TEXT NOT NULL UNIQUE CHECK (login <> ''),\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  role TEXT NOT NULL CHECK (role IN ('ib', 'leerkracht', 'directie', 'admin')),\n"
	"  is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"\n"
	"CREATE TABLE user_schools (\n"
	"  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,\n"
	"  PRIMARY KEY (user_id, school_id)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE INDEX user_schools_school ON user_schools(school_id);\n"
	"\n"
	"-- A leerkracht sees the pupils of these groups only.\n"
	"CREATE TABLE user_groups (\n"
	"  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
	"  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,\n"
	"  PRIMARY KEY (user_id, group_id)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE INDEX user_groups_group ON user_groups(group_id);\n"
	"\n"
	"-- Who opened or changed what: ids and the kind of action, never content,\n"
	"-- so the log survives a purge without keeping personal data. Append-only.\n"
	"CREATE TABLE audit (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  login TEXT NOT NULL CHECK (login <> ''),\n"
	"  action TEXT NOT NULL CHECK (action IN ('geopend', 'toegevoegd', 'gewijzigd',\n"
	"                                         'verwijderd', 'geëxporteerd', 'gewist')),\n"
	"  table_name TEXT NOT NULL CHECK (table_name <> ''),\n"
	"  record_id INTEGER\n"
	") STRICT;\n"
	"CREATE INDEX audit_record ON audit(table_name, record_id);\n"
	"CREATE INDEX audit_at ON audit(at);\n"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
	"BEGIN\n"
	"  SELECT RAISE(ABORT, 'Het auditlogboek kan niet worden gewijzigd.');\n"
	"END;\n"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n"
	"BEGIN\n"
	"  SELECT RAISE(ABORT, 'Het auditlogboek kan niet worden gewist.');\n"
	"END;\n"
	"\n"
	"-- An edit in progress, offered back after a dropped connection, a crash or\n"
	"-- a conflict. record_id NULL: a record not yet saved.\n"
	"CREATE TABLE drafts (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  login TEXT NOT NULL CHECK (login <> ''),\n"
	"  kind TEXT NOT NULL CHECK (kind <> ''), -- pupil, event, plan, ...\n"
	"  record_id INTEGER,\n"
	"  content TEXT NOT NULL,\n"
	"  saved_at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  version INTEGER NOT NULL DEFAULT 1\n"
	") STRICT;\n"
	"CREATE INDEX drafts_login ON drafts(login, kind, record_id);\n";

/* ============================================================ migrations */

/* migrations[v] takes a database from version v-1 to v; index 0 is the empty
 * file and has none. */
static const char *const migrations[] = {
	NULL,
	schema_v1,
};

/* The tables of the current schema, for db_count_rows and db_check. */
#define TABLES(X)                                                                      \
	X(schools) X(groups) X(group_teachers) X(group_members) X(pupils) X(guardians) \
	X(level_episodes) X(events) X(plans) X(plan_fields) X(goals) X(plan_log)       \
	X(plan_snapshots) X(meetings) X(meeting_attendees) X(meeting_items) X(actions) \
	X(consents) X(partners) X(referrals) X(arrangements) X(indicator_scores)       \
	X(sop_expertise) X(sop_professionalisering) X(sop_aanbod) X(sop_grenzen)      \
	X(basis_checklist) X(users) X(user_schools) X(user_groups) X(audit) X(drafts)

#define TABLE_NAME(t) #t,
const char *const dbi_tables[] = {TABLES(TABLE_NAME)};
const size_t dbi_ntables = ARRAY_LEN(dbi_tables);

/* One static text per table, so the count goes through the statement cache
 * and no SQL is ever assembled from a caller's string. */
#define TABLE_COUNT(t) "SELECT count(*) FROM " #t,
static const char *const count_sql[] = {TABLES(TABLE_COUNT)};

const char *dbi_count_sql(const char *table)
{
	for (size_t i = 0; table && i < dbi_ntables; i++)
		if (strcmp(dbi_tables[i], table) == 0)
			return count_sql[i];
	return NULL;
}

int dbi_schema_version(void)
{
	return (int)ARRAY_LEN(migrations) - 1;
}

int db_schema_version(void)
{
	return dbi_schema_version();
}

static const char SQL_USER_VERSION[] = "PRAGMA user_version";

/* Run SQL text of this file (several statements, no parameters). */
static enum ibis_status exec_script(struct db *db, const char *sql, int version,
				    struct ibis_error *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->conn, sql, NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		return IBIS_OK;
	char detail[256];
	snprintf(detail, sizeof(detail), "schema %d: %s", version,
		 msg ? msg : sqlite3_errstr(rc));
	sqlite3_free(msg);
	return dbi_error(db, rc, sqlite3_system_errno(db->conn), detail, err);
}

enum ibis_status dbi_migrate(struct db *db, int from, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	long long now = 0;
	int target = dbi_schema_version();
	char sql[96];

	(void)from; /* read again below, under the write lock */
	if ((st = dbi_exec(db, "BEGIN IMMEDIATE", err)) != IBIS_OK)
		return st;
	/* Another ibis may have migrated while we waited for the lock. */
	dbq_prepare(&q, db, SQL_USER_VERSION);
	if ((st = dbq_one_int(&q, &now, NULL, err)) != IBIS_OK)
		goto fail;
	if (now > target) {
		st = dbi_fail(err, DBF_NEWER,
			      "%s is intussen bijgewerkt door een nieuwere versie van ibis "
			      "(schema %lld, deze versie kent %d).",
			      db->path, now, target);
		goto fail;
	}
	for (int v = (int)now + 1; v <= target; v++)
		if ((st = exec_script(db, migrations[v], v, err)) != IBIS_OK)
			goto fail;
	/* PRAGMA takes no parameters; both numbers are this program's constants. */
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; PRAGMA user_version = %d",
		 DBI_APPLICATION_ID, target);
	if ((st = exec_script(db, sql, target, err)) != IBIS_OK)
		goto fail;
	if ((st = dbi_exec(db, "COMMIT", err)) != IBIS_OK)
		goto fail;
	return IBIS_OK;
fail:
	if (!sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
	return st;
}
