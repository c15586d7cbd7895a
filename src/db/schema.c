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
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* ============================================================ version 2 */

/* Issue 3, the complete pupil list. The list sorts and filters 50,000 pupils
 * by walking an index and stopping after a screenful, so what it sorts on
 * has to be in an index with the name. Values that live in other tables are
 * therefore kept beside the pupil by triggers (derived data: the program
 * never writes them; every write path, ours or a colleague's sqlite3 shell,
 * goes through the triggers):
 * - pupils.cur_level: the level of the open level episode;
 * - pupils.next_deadline: the earliest end, evaluation or open goal target
 *   date of the pupil's open plans (concept or actief), overdue ones included;
 * - group_members.list_key, pupil_active and search_key: the order of the
 *   list sorted by group (the group's lowest jaargroep, so that a "4/5" class
 *   stays together, the group's name, the pupil's sort key, \x01 between
 *   them), whether the pupil is at school, and the pupil's search key, so
 *   that the groups of a school year are walked in list order, a search
 *   included, without reading the pupils;
 * - pupil_counts: how many pupils per school, status and level, so that the
 *   count of an unfiltered (or school/status/level filtered) list, the one
 *   shown on opening the screen and after Esc, is a sum of a few rows instead
 *   of a walk over 50,000 index entries.
 * Search gets FTS5 indexes with the trigram tokenizer over search_key, which
 * the program folds itself (trigram does not fold accents, and nothing in
 * SQLite folds ı or ĳ): "zoe" finds Zoë in well under a millisecond at 50,000
 * pupils, where a scan took 10. There are two, one for the pupils at school and
 * one for the archive, so that counting the matches of the usual list never
 * reads the pupils table to check who left. Both are contentless (content
 * ''): only rowids are read back, and the triggers hand the old key to the
 * 'delete' command. Searches of 1 or 2 letters, which trigrams cannot
 * answer, get a word index of each pupil's letters and letter pairs
 * (pupils.search_grams, written by the program like search_key).
 *
 * The texts below are this version's own and never change; a later version
 * that needs other triggers drops and re-creates them in its own migration.
 */

/* The pupil's current level and next deadline, for an UPDATE of pupils
 * (pupils.id is the row being updated). min() skips the NULL dates. */
#define V2_LEVEL_OF                                                                      \
	"(SELECT le.level FROM level_episodes le"                                        \
	" WHERE le.pupil_id = pupils.id AND le.end_date IS NULL)"
#define V2_OPEN_PLAN "pl.pupil_id = pupils.id AND pl.status IN ('concept', 'actief')"
#define V2_DEADLINE_OF                                                                   \
	"(SELECT min(d) FROM ("                                                          \
	"SELECT pl.end_date AS d FROM plans pl WHERE " V2_OPEN_PLAN                      \
	" UNION ALL SELECT pl.eval_date FROM plans pl WHERE " V2_OPEN_PLAN               \
	" UNION ALL SELECT gl.target_date FROM goals gl JOIN plans pl ON pl.id = gl.plan_id" \
	" WHERE " V2_OPEN_PLAN " AND gl.result = 'open'))"
#define V2_SET_LEVEL "UPDATE pupils SET cur_level = " V2_LEVEL_OF
#define V2_SET_DEADLINE "UPDATE pupils SET next_deadline = " V2_DEADLINE_OF
/* A pupil (R = NEW or OLD) counted in or out of pupil_counts. Out is a plain
 * UPDATE: an upsert of -1 would meet the CHECK (n >= 0) before the conflict. */
#define V2_COUNT_IN(R)                                                                   \
	"  INSERT INTO pupil_counts (school_id, active, level, n)\n"                     \
	"    VALUES (" R ".school_id, " R ".left_date IS NULL, coalesce(" R ".cur_level, 0), 1)\n" \
	"    ON CONFLICT (school_id, active, level) DO UPDATE SET n = n + 1;\n"
#define V2_COUNT_OUT(R)                                                                  \
	"  UPDATE pupil_counts SET n = n - 1 WHERE school_id = " R ".school_id\n"         \
	"    AND active = (" R ".left_date IS NULL) AND level = coalesce(" R ".cur_level, 0);\n"
/* A pupil's key into or out of the search index of its status. */
#define V2_SEARCH_ADD(R)                                                                 \
	"  INSERT INTO pupil_search (rowid, search_key)\n"                               \
	"    SELECT " R ".id, " R ".search_key WHERE " R ".left_date IS NULL;\n"             \
	"  INSERT INTO pupil_search_left (rowid, search_key)\n"                          \
	"    SELECT " R ".id, " R ".search_key WHERE " R ".left_date IS NOT NULL;\n"
#define V2_SEARCH_DEL(R)                                                                 \
	"  INSERT INTO pupil_search (pupil_search, rowid, search_key)\n"                 \
	"    SELECT 'delete', " R ".id, " R ".search_key WHERE " R ".left_date IS NULL;\n"  \
	"  INSERT INTO pupil_search_left (pupil_search_left, rowid, search_key)\n"       \
	"    SELECT 'delete', " R ".id, " R ".search_key WHERE " R ".left_date IS NOT NULL;\n"
/* A pupil's grams into or out of the gram index of its status; '' means not
 * indexed (a row written without them, e.g. by hand in the sqlite3 shell). */
#define V2_GRAMS_ADD(R)                                                                  \
	"  INSERT INTO pupil_grams (rowid, search_grams)\n"                             \
	"    SELECT " R ".id, " R ".search_grams\n"                                         \
	"    WHERE " R ".left_date IS NULL AND " R ".search_grams <> '';\n"               \
	"  INSERT INTO pupil_grams_left (rowid, search_grams)\n"                        \
	"    SELECT " R ".id, " R ".search_grams\n"                                         \
	"    WHERE " R ".left_date IS NOT NULL AND " R ".search_grams <> '';\n"
#define V2_GRAMS_DEL(R)                                                                  \
	"  INSERT INTO pupil_grams (pupil_grams, rowid, search_grams)\n"                \
	"    SELECT 'delete', " R ".id, " R ".search_grams\n"                               \
	"    WHERE " R ".left_date IS NULL AND " R ".search_grams <> '';\n"               \
	"  INSERT INTO pupil_grams_left (pupil_grams_left, rowid, search_grams)\n"      \
	"    SELECT 'delete', " R ".id, " R ".search_grams\n"                               \
	"    WHERE " R ".left_date IS NOT NULL AND " R ".search_grams <> '';\n"
#define V2_LIST_KEY(jg, name, sort) jg " || char(1) || " name " || char(1) || " sort
#define V2_GROUP_OF(col, id) "(SELECT g." col " FROM groups g WHERE g.id = " id ")"
/* The SET list that both triggers on group_members use to derive a member's
 * keys from its group and pupil. */
#define V2_MEMBER_KEYS_OF_NEW                                                            \
	"    list_key = " V2_LIST_KEY(V2_GROUP_OF("jaargroep_min", "NEW.group_id"),         \
				      V2_GROUP_OF("name", "NEW.group_id"),                   \
				      "(SELECT sort_key FROM pupils WHERE id = NEW.pupil_id)") ",\n" \
	"    pupil_active = (SELECT left_date IS NULL FROM pupils WHERE id = NEW.pupil_id),\n"  \
	"    search_key = (SELECT search_key FROM pupils WHERE id = NEW.pupil_id)\n"

static const char schema_v2[] =
	/* ---------------------------------------------- level and deadline */
	"ALTER TABLE pupils ADD COLUMN cur_level INTEGER CHECK (cur_level BETWEEN 1 AND 9);\n"
	"ALTER TABLE pupils ADD COLUMN next_deadline TEXT\n"
	"  CHECK (" ISO_DATE("next_deadline") ");\n"
	V2_SET_LEVEL ", next_deadline = " V2_DEADLINE_OF ";\n"
	"\n"
	"CREATE TRIGGER level_episodes_list_insert AFTER INSERT ON level_episodes\n"
	"BEGIN\n"
	"  " V2_SET_LEVEL " WHERE id = NEW.pupil_id;\n"
	"END;\n"
	"CREATE TRIGGER level_episodes_list_update\n"
	"AFTER UPDATE OF pupil_id, level, end_date ON level_episodes\n"
	"BEGIN\n"
	"  " V2_SET_LEVEL " WHERE id IN (OLD.pupil_id, NEW.pupil_id);\n"
	"END;\n"
	"CREATE TRIGGER level_episodes_list_delete AFTER DELETE ON level_episodes\n"
	"BEGIN\n"
	"  " V2_SET_LEVEL " WHERE id = OLD.pupil_id;\n"
	"END;\n"
	"\n"
	"CREATE TRIGGER plans_list_insert AFTER INSERT ON plans WHEN NEW.pupil_id IS NOT NULL\n"
	"BEGIN\n"
	"  " V2_SET_DEADLINE " WHERE id = NEW.pupil_id;\n"
	"END;\n"
	"CREATE TRIGGER plans_list_update\n"
	"AFTER UPDATE OF pupil_id, status, end_date, eval_date ON plans\n"
	"WHEN OLD.pupil_id IS NOT NULL OR NEW.pupil_id IS NOT NULL\n"
	"BEGIN\n"
	"  " V2_SET_DEADLINE " WHERE id IN (OLD.pupil_id, NEW.pupil_id);\n"
	"END;\n"
	"CREATE TRIGGER plans_list_delete AFTER DELETE ON plans WHEN OLD.pupil_id IS NOT NULL\n"
	"BEGIN\n"
	"  " V2_SET_DEADLINE " WHERE id = OLD.pupil_id;\n"
	"END;\n"
	"CREATE TRIGGER goals_list_insert AFTER INSERT ON goals\n"
	"BEGIN\n"
	"  " V2_SET_DEADLINE " WHERE id = (SELECT pupil_id FROM plans WHERE id = NEW.plan_id);\n"
	"END;\n"
	"CREATE TRIGGER goals_list_update AFTER UPDATE OF plan_id, target_date, result ON goals\n"
	"BEGIN\n"
	"  " V2_SET_DEADLINE "\n"
	"    WHERE id IN (SELECT pupil_id FROM plans WHERE id IN (OLD.plan_id, NEW.plan_id));\n"
	"END;\n"
	"CREATE TRIGGER goals_list_delete AFTER DELETE ON goals\n"
	"BEGIN\n"
	"  " V2_SET_DEADLINE " WHERE id = (SELECT pupil_id FROM plans WHERE id = OLD.plan_id);\n"
	"END;\n"
	"\n"
	"-- The indexes the list of all schools walks, one per order, each stopped\n"
	"-- after a page (or read backwards for a page near the end). Each ends in\n"
	"-- id, search_key and left_date so that it covers the walk: skipping to an\n"
	"-- offset and testing a search with instr() on each entry read a few\n"
	"-- consecutive index pages, never a table row (a random page each) per\n"
	"-- pupil walked. (left_date is NULL in all of them, but SQLite 3.40 counts\n"
	"-- an index as covering only when it holds every column the query names.)\n"
	"-- Name order (the default): replaces version 1's pupils_active_sort.\n"
	"DROP INDEX pupils_active_sort;\n"
	"CREATE INDEX pupils_active_sort_search\n"
	"  ON pupils(sort_key, id, search_key, left_date) WHERE left_date IS NULL;\n"
	"-- By level: highest first, no level last (NULL is lowest); also the level\n"
	"-- filter in name order.\n"
	"CREATE INDEX pupils_active_level\n"
	"  ON pupils(cur_level DESC, sort_key, id, search_key, left_date) WHERE left_date IS NULL;\n"
	"-- By deadline: soonest first (overdue ones first), none last.\n"
	"CREATE INDEX pupils_active_deadline\n"
	"  ON pupils(next_deadline IS NULL, next_deadline, sort_key, id, search_key, left_date)\n"
	"  WHERE left_date IS NULL;\n"
	"-- The archive (status 'vertrokken') in name order.\n"
	"CREATE INDEX pupils_left_sort\n"
	"  ON pupils(sort_key, id, search_key, left_date) WHERE left_date IS NOT NULL;\n"
	"\n"
	/* ------------------------------------------------------------ counts */
	"-- Derived: pupils per school, status (1 = at school) and current level\n"
	"-- (0 = none). Summing a few rows answers the count of the list without a\n"
	"-- search, group or teacher filter.\n"
	"CREATE TABLE pupil_counts (\n"
	"  school_id INTEGER NOT NULL,\n"
	"  active INTEGER NOT NULL CHECK (active IN (0, 1)),\n"
	"  level INTEGER NOT NULL,\n"
	"  n INTEGER NOT NULL CHECK (n >= 0),\n"
	"  PRIMARY KEY (school_id, active, level)\n"
	") STRICT, WITHOUT ROWID;\n"
	"INSERT INTO pupil_counts (school_id, active, level, n)\n"
	"  SELECT school_id, left_date IS NULL, coalesce(cur_level, 0), count(*)\n"
	"  FROM pupils GROUP BY 1, 2, 3;\n"
	"CREATE TRIGGER pupils_counts_insert AFTER INSERT ON pupils\n"
	"BEGIN\n"
	V2_COUNT_IN("NEW")
	"END;\n"
	"CREATE TRIGGER pupils_counts_delete AFTER DELETE ON pupils\n"
	"BEGIN\n"
	V2_COUNT_OUT("OLD")
	"END;\n"
	"CREATE TRIGGER pupils_counts_update AFTER UPDATE OF school_id, left_date, cur_level\n"
	"ON pupils\n"
	"WHEN OLD.school_id IS NOT NEW.school_id\n"
	"  OR (OLD.left_date IS NULL) <> (NEW.left_date IS NULL)\n"
	"  OR OLD.cur_level IS NOT NEW.cur_level\n"
	"BEGIN\n"
	V2_COUNT_OUT("OLD")
	V2_COUNT_IN("NEW")
	"END;\n"
	"\n"
	/* ----------------------------------------------------------- search */
	"-- Substring search over the folded search_key: trigram indexes of the\n"
	"-- pupils at school and of those who left. case_sensitive 1: the key and\n"
	"-- the typed text are folded by the program, so bytes compare.\n"
	"CREATE VIRTUAL TABLE pupil_search USING fts5(\n"
	"  search_key, content = '', tokenize = 'trigram case_sensitive 1'\n"
	");\n"
	"CREATE VIRTUAL TABLE pupil_search_left USING fts5(\n"
	"  search_key, content = '', tokenize = 'trigram case_sensitive 1'\n"
	");\n"
	"INSERT INTO pupil_search (rowid, search_key)\n"
	"  SELECT id, search_key FROM pupils WHERE left_date IS NULL;\n"
	"INSERT INTO pupil_search_left (rowid, search_key)\n"
	"  SELECT id, search_key FROM pupils WHERE left_date IS NOT NULL;\n"
	"CREATE TRIGGER pupils_search_insert AFTER INSERT ON pupils\n"
	"BEGIN\n"
	V2_SEARCH_ADD("NEW")
	"END;\n"
	"CREATE TRIGGER pupils_search_delete AFTER DELETE ON pupils\n"
	"BEGIN\n"
	V2_SEARCH_DEL("OLD")
	"END;\n"
	"CREATE TRIGGER pupils_search_update AFTER UPDATE OF id, search_key, left_date ON pupils\n"
	"WHEN OLD.id IS NOT NEW.id OR OLD.search_key IS NOT NEW.search_key\n"
	"  OR (OLD.left_date IS NULL) <> (NEW.left_date IS NULL)\n"
	"BEGIN\n"
	V2_SEARCH_DEL("OLD")
	V2_SEARCH_ADD("NEW")
	"END;\n"
	"\n"
	/* ------------------------------------------------------------ grams */
	"-- Searches of 1 or 2 characters, which trigrams cannot answer: each\n"
	"-- pupil's distinct letters and pairs of letters of search_key, as words\n"
	"-- (\"a b ... an nn na ...\"), written by the program (pupil.c) beside\n"
	"-- search_key; a word index of them answers \"does the name hold 'ja'\"\n"
	"-- and how many do, from the index alone. detail none: no positions are\n"
	"-- needed, which keeps it small. Filled for existing pupils by the program\n"
	"-- after this script (dbi_fill_search_grams).\n"
	"ALTER TABLE pupils ADD COLUMN search_grams TEXT NOT NULL DEFAULT '';\n"
	"CREATE VIRTUAL TABLE pupil_grams USING fts5(\n"
	"  search_grams, content = '', detail = 'none',\n"
	"  tokenize = 'unicode61 remove_diacritics 0'\n"
	");\n"
	"CREATE VIRTUAL TABLE pupil_grams_left USING fts5(\n"
	"  search_grams, content = '', detail = 'none',\n"
	"  tokenize = 'unicode61 remove_diacritics 0'\n"
	");\n"
	"CREATE TRIGGER pupils_grams_insert AFTER INSERT ON pupils\n"
	"BEGIN\n"
	V2_GRAMS_ADD("NEW")
	"END;\n"
	"CREATE TRIGGER pupils_grams_delete AFTER DELETE ON pupils\n"
	"BEGIN\n"
	V2_GRAMS_DEL("OLD")
	"END;\n"
	"CREATE TRIGGER pupils_grams_update AFTER UPDATE OF id, search_grams, left_date ON pupils\n"
	"WHEN OLD.id IS NOT NEW.id OR OLD.search_grams IS NOT NEW.search_grams\n"
	"  OR (OLD.left_date IS NULL) <> (NEW.left_date IS NULL)\n"
	"BEGIN\n"
	V2_GRAMS_DEL("OLD")
	V2_GRAMS_ADD("NEW")
	"END;\n"
	"\n"
	/* ------------------------------------------------------------ groups */
	"ALTER TABLE group_members ADD COLUMN list_key TEXT;\n"
	"ALTER TABLE group_members ADD COLUMN search_key TEXT; -- the pupil's\n"
	"ALTER TABLE group_members ADD COLUMN pupil_active INTEGER NOT NULL DEFAULT 1\n"
	"  CHECK (pupil_active IN (0, 1));\n"
	"UPDATE group_members SET\n"
	"  list_key = " V2_LIST_KEY(V2_GROUP_OF("jaargroep_min", "group_members.group_id"),
				    V2_GROUP_OF("name", "group_members.group_id"),
				    "(SELECT p.sort_key FROM pupils p WHERE p.id = group_members.pupil_id)") ",\n"
	"  pupil_active =\n"
	"    (SELECT p.left_date IS NULL FROM pupils p WHERE p.id = group_members.pupil_id),\n"
	"  search_key = (SELECT p.search_key FROM pupils p WHERE p.id = group_members.pupil_id);\n"
	"CREATE TRIGGER group_members_list_insert AFTER INSERT ON group_members\n"
	"BEGIN\n"
	"  UPDATE group_members SET\n"
	V2_MEMBER_KEYS_OF_NEW
	"  WHERE id = NEW.id;\n"
	"END;\n"
	"CREATE TRIGGER group_members_list_update AFTER UPDATE OF group_id, pupil_id\n"
	"ON group_members\n"
	"BEGIN\n"
	"  UPDATE group_members SET\n"
	V2_MEMBER_KEYS_OF_NEW
	"  WHERE id = NEW.id;\n"
	"END;\n"
	"CREATE TRIGGER groups_list_update AFTER UPDATE OF name, jaargroep_min ON groups\n"
	"WHEN OLD.name IS NOT NEW.name OR OLD.jaargroep_min IS NOT NEW.jaargroep_min\n"
	"BEGIN\n"
	"  UPDATE group_members SET\n"
	"    list_key = " V2_LIST_KEY("NEW.jaargroep_min", "NEW.name",
				      "(SELECT p.sort_key FROM pupils p"
				      " WHERE p.id = group_members.pupil_id)") "\n"
	"  WHERE group_id = NEW.id;\n"
	"END;\n"
	"CREATE TRIGGER pupils_list_update AFTER UPDATE OF sort_key, search_key, left_date ON pupils\n"
	"WHEN OLD.sort_key IS NOT NEW.sort_key OR OLD.search_key IS NOT NEW.search_key\n"
	"  OR (OLD.left_date IS NULL) <> (NEW.left_date IS NULL)\n"
	"BEGIN\n"
	"  UPDATE group_members SET\n"
	"    list_key = " V2_LIST_KEY(V2_GROUP_OF("jaargroep_min", "group_members.group_id"),
				      V2_GROUP_OF("name", "group_members.group_id"),
				      "NEW.sort_key") ",\n"
	"    pupil_active = NEW.left_date IS NULL,\n"
	"    search_key = NEW.search_key\n"
	"  WHERE pupil_id = NEW.id;\n"
	"END;\n"
	"-- The list by group: the members of a school year at school (or who left)\n"
	"-- in list order, walked and stopped after a page; with pupil_id and the\n"
	"-- pupil's search_key it covers the walk, a search included, without\n"
	"-- reading a row (as the pupils_active_* indexes do for the other orders).\n"
	"CREATE INDEX group_members_list\n"
	"  ON group_members(school_year, pupil_active, list_key, pupil_id, search_key);\n"
	"\n"
	"-- The teacher filter (teacher -> groups -> members) and the teachers of a\n"
	"-- school year.\n"
	"CREATE INDEX group_teachers_name ON group_teachers(name);\n";

#undef V2_LEVEL_OF
#undef V2_OPEN_PLAN
#undef V2_DEADLINE_OF
#undef V2_SET_LEVEL
#undef V2_SET_DEADLINE
#undef V2_COUNT_IN
#undef V2_COUNT_OUT
#undef V2_SEARCH_ADD
#undef V2_SEARCH_DEL
#undef V2_GRAMS_ADD
#undef V2_GRAMS_DEL
#undef V2_LIST_KEY
#undef V2_GROUP_OF

/* ============================================================ version 3 */

/* Version 3: corrections of the level history. A level episode, once
 * recorded, is part of a pupil's history that parents and the
 * samenwerkingsverband may read; a wrong entry is corrected, and the
 * correction keeps what the entry was, who changed it, when and why. The
 * episode row itself then holds the corrected values (so that the open
 * episode stays the current level and every query of the list keeps working);
 * a withdrawn episode (the step was never taken: the wrong pupil, a double
 * entry) is removed and lives on only here, with its values.
 */
/* The model of the pupil's open episode, for an UPDATE of pupils. */
#define V3_MODEL_OF                                                                      \
	"(SELECT le.model FROM level_episodes le"                                        \
	" WHERE le.pupil_id = pupils.id AND le.end_date IS NULL)"
#define V3_SET_MODEL "UPDATE pupils SET cur_model = " V3_MODEL_OF
static const char schema_v3[] =
	"CREATE TABLE level_corrections (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,\n"
	"  -- the corrected episode; NULL once it was withdrawn\n"
	"  episode_id INTEGER REFERENCES level_episodes(id) ON DELETE SET NULL,\n"
	"  action TEXT NOT NULL CHECK (action IN ('gewijzigd', 'ingetrokken')),\n"
	"  corrected_on TEXT NOT NULL CHECK (" ISO_DATE("corrected_on") "), -- the day (--today)\n"
	"  author TEXT,\n"
	"  why TEXT NOT NULL CHECK (why <> ''),\n"
	"  -- the episode as it was before this correction (old_id: its id, kept\n"
	"  -- when the episode itself is gone)\n"
	"  old_id INTEGER NOT NULL,\n"
	"  old_model TEXT NOT NULL,\n"
	"  old_level INTEGER NOT NULL CHECK (old_level BETWEEN 1 AND 9),\n"
	"  old_start TEXT NOT NULL CHECK (" ISO_DATE("old_start") "),\n"
	"  old_end TEXT CHECK (" ISO_DATE("old_end") "),\n"
	"  old_reason TEXT,\n"
	"  old_meeting TEXT,\n"
	"  old_regie TEXT,\n"
	"  old_betrokkenen TEXT,\n"
	"  created_at TEXT NOT NULL DEFAULT " NOW "\n"
	") STRICT;\n"
	"-- The pupil's timeline.\n"
	"CREATE INDEX level_corrections_pupil ON level_corrections(pupil_id, corrected_on);\n"
	"CREATE INDEX level_corrections_episode ON level_corrections(episode_id)\n"
	"  WHERE episode_id IS NOT NULL;\n"
	"-- The Overzicht's counts per level over a school year walk the episodes by\n"
	"-- date.\n"
	"CREATE INDEX level_episodes_dates ON level_episodes(start_date, end_date);\n"
	"\n"
	"-- Derived: the model of the pupil's open episode (NULL when none), kept by\n"
	"-- the triggers below like cur_level, so that the start-up's question\n"
	"-- whether any pupil at school has a level in another model than its\n"
	"-- school's is two index probes per school instead of a walk over every\n"
	"-- pupil (a board may run schools on different models).\n"
	"ALTER TABLE pupils ADD COLUMN cur_model TEXT;\n"
	"UPDATE pupils SET cur_model = " V3_MODEL_OF ";\n"
	"CREATE INDEX pupils_school_model ON pupils(school_id, cur_model)\n"
	"  WHERE left_date IS NULL;\n"
	"-- A pupil named by leerlingnummer on the command line (unique per school\n"
	"-- only, so every school is looked at).\n"
	"CREATE INDEX pupils_number ON pupils(number COLLATE NOCASE) WHERE number IS NOT NULL;\n"
	"CREATE TRIGGER level_episodes_model_insert AFTER INSERT ON level_episodes\n"
	"BEGIN\n"
	"  " V3_SET_MODEL " WHERE id = NEW.pupil_id;\n"
	"END;\n"
	"CREATE TRIGGER level_episodes_model_update\n"
	"AFTER UPDATE OF pupil_id, model, end_date ON level_episodes\n"
	"BEGIN\n"
	"  " V3_SET_MODEL " WHERE id IN (OLD.pupil_id, NEW.pupil_id);\n"
	"END;\n"
	"CREATE TRIGGER level_episodes_model_delete AFTER DELETE ON level_episodes\n"
	"BEGIN\n"
	"  " V3_SET_MODEL " WHERE id = OLD.pupil_id;\n"
	"END;\n";
#undef V3_MODEL_OF
#undef V3_SET_MODEL

/* ============================================================ version 4 */

/* Version 4: the plan editor (issue 5). The rules of the templates put dates
 * on a plan beside its period: the day it must be drawn up by (an OPP within
 * 6 weeks after extra support starts), the day the parents agreed with it
 * (instemming) and the day and company of its last evaluation. A groepsplan
 * divides the pupils of its group over instruction groups (plan_members),
 * kept as rows so that a pupil's plans can be found and a purge of a pupil
 * takes them along.
 *
 * A concept plan's due date is a deadline of the pupil like its end and
 * evaluation dates, so pupils.next_deadline (version 2) counts it too. Only
 * while the plan is a concept: once active it has been drawn up, and a
 * passed due date would otherwise stay overdue for the plan's whole life.
 * Trigger texts are never edited once released, so the version 2 triggers
 * that write next_deadline are dropped and made again here with the new
 * formula (every one of them recomputes the whole minimum, the goal triggers
 * included), and the derived column is recomputed once for every pupil.
 */
#define V4_OPEN_PLAN "pl.pupil_id = pupils.id AND pl.status IN ('concept', 'actief')"
#define V4_DEADLINE_OF                                                                   \
	"(SELECT min(d) FROM ("                                                          \
	"SELECT pl.end_date AS d FROM plans pl WHERE " V4_OPEN_PLAN                      \
	" UNION ALL SELECT pl.eval_date FROM plans pl WHERE " V4_OPEN_PLAN               \
	" UNION ALL SELECT pl.due_date FROM plans pl"                                    \
	" WHERE pl.pupil_id = pupils.id AND pl.status = 'concept'"                       \
	" UNION ALL SELECT gl.target_date FROM goals gl JOIN plans pl ON pl.id = gl.plan_id" \
	" WHERE " V4_OPEN_PLAN " AND gl.result = 'open'))"
#define V4_SET_DEADLINE "UPDATE pupils SET next_deadline = " V4_DEADLINE_OF
static const char schema_v4[] =
	/* ------------------------------------------------------------ plans */
	"ALTER TABLE plans ADD COLUMN due_date TEXT CHECK (" ISO_DATE("due_date") ");\n"
	"ALTER TABLE plans ADD COLUMN agreed_date TEXT CHECK (" ISO_DATE("agreed_date") ");\n"
	"ALTER TABLE plans ADD COLUMN evaluated_date TEXT\n"
	"  CHECK (" ISO_DATE("evaluated_date") ");\n"
	"ALTER TABLE plans ADD COLUMN evaluated_with TEXT; -- 'ouders, leerling'\n"
	"-- Signalen: plans to be drawn up by a date.\n"
	"CREATE INDEX plans_due ON plans(due_date) WHERE due_date IS NOT NULL;\n"
	"\n"
	"-- The pupils of a groepsplan's instruction groups: field_key is the\n"
	"-- template's leerlingen field, group_name one of its groepen. A pupil is\n"
	"-- in at most one group of a field.\n"
	"CREATE TABLE plan_members (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,\n"
	"  field_key TEXT NOT NULL CHECK (field_key <> ''),\n"
	"  group_name TEXT NOT NULL CHECK (group_name <> ''),\n"
	"  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,\n"
	"  UNIQUE (plan_id, field_key, pupil_id) -- also the members of a plan\n"
	") STRICT;\n"
	"-- The plans a pupil is in, and the cascade of a purge.\n"
	"CREATE INDEX plan_members_pupil ON plan_members(pupil_id);\n"
	"\n"
	"-- The newest draft of a login for a record (db_draft_find) read from the\n"
	"-- end of the index, without a sort.\n"
	"DROP INDEX drafts_login;\n"
	"CREATE INDEX drafts_login ON drafts(login, kind, record_id, saved_at);\n"
	"\n"
	/* --------------------------------------------------------- deadline */
	"DROP TRIGGER plans_list_insert;\n"
	"DROP TRIGGER plans_list_update;\n"
	"DROP TRIGGER plans_list_delete;\n"
	"DROP TRIGGER goals_list_insert;\n"
	"DROP TRIGGER goals_list_update;\n"
	"DROP TRIGGER goals_list_delete;\n"
	"CREATE TRIGGER plans_list_insert AFTER INSERT ON plans WHEN NEW.pupil_id IS NOT NULL\n"
	"BEGIN\n"
	"  " V4_SET_DEADLINE " WHERE id = NEW.pupil_id;\n"
	"END;\n"
	"CREATE TRIGGER plans_list_update\n"
	"AFTER UPDATE OF pupil_id, status, end_date, eval_date, due_date ON plans\n"
	"WHEN OLD.pupil_id IS NOT NULL OR NEW.pupil_id IS NOT NULL\n"
	"BEGIN\n"
	"  " V4_SET_DEADLINE " WHERE id IN (OLD.pupil_id, NEW.pupil_id);\n"
	"END;\n"
	"CREATE TRIGGER plans_list_delete AFTER DELETE ON plans WHEN OLD.pupil_id IS NOT NULL\n"
	"BEGIN\n"
	"  " V4_SET_DEADLINE " WHERE id = OLD.pupil_id;\n"
	"END;\n"
	"CREATE TRIGGER goals_list_insert AFTER INSERT ON goals\n"
	"BEGIN\n"
	"  " V4_SET_DEADLINE " WHERE id = (SELECT pupil_id FROM plans WHERE id = NEW.plan_id);\n"
	"END;\n"
	"CREATE TRIGGER goals_list_update AFTER UPDATE OF plan_id, target_date, result ON goals\n"
	"BEGIN\n"
	"  " V4_SET_DEADLINE "\n"
	"    WHERE id IN (SELECT pupil_id FROM plans WHERE id IN (OLD.plan_id, NEW.plan_id));\n"
	"END;\n"
	"CREATE TRIGGER goals_list_delete AFTER DELETE ON goals\n"
	"BEGIN\n"
	"  " V4_SET_DEADLINE " WHERE id = (SELECT pupil_id FROM plans WHERE id = OLD.plan_id);\n"
	"END;\n"
	V4_SET_DEADLINE ";\n";
#undef V4_OPEN_PLAN
#undef V4_DEADLINE_OF
#undef V4_SET_DEADLINE

/* Version 5: the school side (issue 6). The HGW grid's assessor columns of a
 * school year exist before their first score; the SOP rows get what the
 * profile of a school shows (numbers of staff trained and in training, school
 * or individual professionalisering, the kindkenmerk an aanbod is for, the
 * heading a grens stands under); the basisondersteuning checklist is judged
 * against the samenwerkingsverband's norm (voldoet / deels / voldoet niet /
 * n.v.t.) and holds the school's own text where the grid gives none. SQLite
 * cannot change a CHECK in place, so the checklist is rebuilt, its old
 * statuses carried over word for word. */
static const char schema_v5[] =
	"-- The assessors of the HGW grid of a school year (IB'er, directie,\n"
	"-- SWV-consulent); '' (the school's agreed score) is never stored here.\n"
	"CREATE TABLE indicator_assessors (\n"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,\n"
	"  set_id TEXT NOT NULL CHECK (set_id <> ''),\n"
	"  school_year INTEGER NOT NULL CHECK (school_year BETWEEN 1900 AND 2199),\n"
	"  assessor TEXT NOT NULL CHECK (assessor <> ''),\n"
	"  PRIMARY KEY (school_id, set_id, school_year, assessor)\n"
	") STRICT, WITHOUT ROWID;\n"
	"\n"
	"ALTER TABLE sop_expertise ADD COLUMN staff_count INTEGER\n"
	"  CHECK (staff_count IS NULL OR staff_count BETWEEN 0 AND 9999);\n"
	"ALTER TABLE sop_expertise ADD COLUMN trained INTEGER\n"
	"  CHECK (trained IS NULL OR trained BETWEEN 0 AND 9999);\n"
	"ALTER TABLE sop_expertise ADD COLUMN in_training INTEGER\n"
	"  CHECK (in_training IS NULL OR in_training BETWEEN 0 AND 9999);\n"
	"\n"
	"ALTER TABLE sop_professionalisering ADD COLUMN scope TEXT NOT NULL DEFAULT 'school'\n"
	"  CHECK (scope IN ('school', 'individueel'));\n"
	"ALTER TABLE sop_professionalisering ADD COLUMN participants INTEGER\n"
	"  CHECK (participants IS NULL OR participants BETWEEN 0 AND 9999);\n"
	"\n"
	"-- kenmerk: the key of a [kindkenmerk KEY] of data/sop.ini.\n"
	"ALTER TABLE sop_aanbod ADD COLUMN kenmerk TEXT;\n"
	"ALTER TABLE sop_grenzen ADD COLUMN heading TEXT;\n"
	"\n"
	"CREATE TABLE basis_checklist_v5 (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,\n"
	"  school_year INTEGER NOT NULL CHECK (school_year BETWEEN 1900 AND 2199),\n"
	"  area INTEGER NOT NULL CHECK (area BETWEEN 1 AND 99),\n"
	"  aspect TEXT NOT NULL CHECK (aspect <> ''),\n"
	"  status TEXT CHECK (status IN ('voldoet', 'deels', 'voldoet niet', 'nvt')),\n"
	"  description TEXT, -- the school's own text for a cell the grid leaves empty\n"
	"  note TEXT,\n"
	"  document TEXT, -- the protocol or document it rests on\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  UNIQUE (school_id, school_year, area, aspect) -- also the checklist of a year\n"
	") STRICT;\n"
	"INSERT INTO basis_checklist_v5\n"
	"  (id, school_id, school_year, area, aspect, status, note, document, version)\n"
	"SELECT id, school_id, school_year, area, aspect,\n"
	"  CASE status WHEN 'aanwezig' THEN 'voldoet' WHEN 'in ontwikkeling' THEN 'deels'\n"
	"    WHEN 'afwezig' THEN 'voldoet niet' END,\n"
	"  note, document, version\n"
	"FROM basis_checklist;\n"
	"DROP TABLE basis_checklist;\n"
	"ALTER TABLE basis_checklist_v5 RENAME TO basis_checklist;\n";

/* ============================================================ migrations */

/* migrations[v] takes a database from version v-1 to v; index 0 is the empty
 * file and has none. */
static const char *const migrations[] = {
	NULL,
	schema_v1,
	schema_v2,
	schema_v3,
	schema_v4,
	schema_v5,
};

/* The tables of the current schema, for db_count_rows and db_check. */
#define TABLES(X)                                                                      \
	X(schools) X(groups) X(group_teachers) X(group_members) X(pupils) X(guardians) \
	X(level_episodes) X(events) X(plans) X(plan_fields) X(goals) X(plan_log)       \
	X(plan_snapshots) X(plan_members) X(meetings) X(meeting_attendees)            \
	X(meeting_items) X(actions)                                                    \
	X(level_corrections) X(consents) X(partners) X(referrals) X(arrangements)      \
	X(indicator_scores) X(indicator_assessors) \
	X(sop_expertise) X(sop_professionalisering) X(sop_aanbod) X(sop_grenzen)      \
	X(basis_checklist) X(users) X(user_schools) X(user_groups) X(audit) X(drafts)   \
	X(pupil_counts) X(pupil_search) X(pupil_search_left) X(pupil_grams) \
	X(pupil_grams_left)

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

/* Bring the database to version target, all in one transaction. */
static enum ibis_status migrate_to(struct db *db, int target, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	long long now = 0;
	char sql[96];

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
	for (int v = (int)now + 1; v <= target; v++) {
		if ((st = exec_script(db, migrations[v], v, err)) != IBIS_OK)
			goto fail;
		/* Version 2's grams are made by the program's folding code. */
		if (v == 2 && (st = dbi_fill_search_grams(db, err)) != IBIS_OK)
			goto fail;
	}
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

enum ibis_status dbi_migrate(struct db *db, int from, struct ibis_error *err)
{
	(void)from; /* read again under the write lock */
	return migrate_to(db, dbi_schema_version(), err);
}

/* A bare connection of our own (struct db without db_open's checks), so
 * that the migrations run exactly as db_open runs them, only stopping at an
 * older version. */
enum ibis_status dbi_create_at_version(const char *path, int version, struct ibis_error *err)
{
	struct db db = {.path = (char *)path};
	enum ibis_status st;
	struct stat sb;
	int rc;

	if (version < 1 || version > dbi_schema_version())
		return dbi_fail(err, DBF_OTHER, "Schema %d bestaat niet (1 tot en met %d).", version,
				dbi_schema_version());
	if (stat(path, &sb) == 0)
		return dbi_fail(err, DBF_OTHER, "%s bestaat al.", path);
	rc = sqlite3_open_v2(path, &db.conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		st = dbi_error(&db, rc, 0, db.conn ? sqlite3_errmsg(db.conn) : NULL, err);
		sqlite3_close_v2(db.conn);
		return st;
	}
	sqlite3_extended_result_codes(db.conn, 1);
	st = dbi_exec(&db, "PRAGMA foreign_keys = ON", err);
	if (st == IBIS_OK)
		st = migrate_to(&db, version, err);
	for (size_t i = 0; i < db.ncache; i++)
		sqlite3_finalize(db.cache[i].st);
	free(db.cache);
	sqlite3_close_v2(db.conn);
	return st;
}
