/* keys.c - reading keys, naming them, key tables and the global keys. */
#include "tui_internal.h"

#include <langinfo.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <wctype.h>

/* ============================================================ global table */

/* Every F-key action has a letter too: terminal emulators often take F1 and
 * F10 for themselves. */
const struct keydef global_keys[] = {
	{ GA_HELP, { TK_F(1), '?' }, "Help", "Deze hulp: de toetsen van dit scherm" },
	{ GA_BACK, { TK_ESC, 'q' }, "Terug",
	  "Terug naar het vorige scherm; op het eerste scherm afsluiten (met een vraag)" },
	{ GA_QUIT, { TK_F(10), 'Q' }, "Stop", "ibis direct afsluiten, zonder vraag" },
	{ GA_REDRAW, { TK_CTRL('l') }, NULL,
	  "Het scherm helemaal opnieuw tekenen (na storing op de verbinding)" },
	{ GA_INTERRUPT, { TK_CTRL('c') }, NULL, "Afsluiten (met een vraag)" },
	{ 0, { 0 }, NULL, NULL },
};

/* =============================================================== tables */

const struct keydef *keytable_find(const struct keydef *table, tkey key)
{
	if (!table || key == 0)
		return NULL;
	for (const struct keydef *d = table; d->action; d++)
		for (size_t i = 0; i < ARRAY_LEN(d->keys) && d->keys[i]; i++)
			if (d->keys[i] == key)
				return d;
	return NULL;
}

int keytable_len(const struct keydef *table)
{
	int n = 0;

	while (table && table[n].action)
		n++;
	return n;
}

/* ================================================================ names */

/* Arrows are drawn as arrows only in a UTF-8 locale; elsewhere they would
 * come out as question marks. */
static const struct {
	tkey key;
	const char *utf8, *ascii;
} key_names[] = {
	{ TK_UP, "↑", "Omhoog" },
	{ TK_DOWN, "↓", "Omlaag" },
	{ TK_LEFT, "←", "Links" },
	{ TK_RIGHT, "→", "Rechts" },
	{ TK_PGUP, "PgUp", "PgUp" },
	{ TK_PGDN, "PgDn", "PgDn" },
	{ TK_HOME, "Home", "Home" },
	{ TK_END, "End", "End" },
	{ TK_ENTER, "Enter", "Enter" },
	{ TK_ESC, "Esc", "Esc" },
	{ TK_TAB, "Tab", "Tab" },
	{ TK_BTAB, "Shift-Tab", "Shift-Tab" },
	{ TK_BACKSPACE, "Backspace", "Backspace" },
	{ TK_DELETE, "Delete", "Delete" },
	{ TK_CTRL_LEFT, "Ctrl-Links", "Ctrl-Links" },
	{ TK_CTRL_RIGHT, "Ctrl-Rechts", "Ctrl-Rechts" },
	{ ' ', "Spatie", "Spatie" },
};

bool locale_is_utf8(void)
{
	return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

char *tkey_name(tkey key, char *buf, size_t size)
{
	for (size_t i = 0; i < ARRAY_LEN(key_names); i++)
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s",
				 locale_is_utf8() ? key_names[i].utf8 : key_names[i].ascii);
			return buf;
		}
	if (key & TK_FN) {
		int code = key & ~TK_FN;
		if (code >= KEY_F(1) && code <= KEY_F(24))
			snprintf(buf, size, "F%d", code - KEY_F0);
		else
			snprintf(buf, size, "%s", keyname(code) ? keyname(code) : "?");
		return buf;
	}
	if (key > 0 && key < 32) {
		snprintf(buf, size, "Ctrl-%c", 'A' + key - 1);
		return buf;
	}
	mbstate_t st = { 0 };
	char mb[MB_LEN_MAX + 1];
	size_t n = wcrtomb(mb, (wchar_t)key, &st);
	if (n == (size_t)-1)
		snprintf(buf, size, "U+%04X", (unsigned)key);
	else {
		mb[n] = '\0';
		snprintf(buf, size, "%s", mb);
	}
	return buf;
}

char *keydef_keys(const struct keydef *def)
{
	struct strbuf sb = { 0 };
	char name[32];

	for (size_t i = 0; i < ARRAY_LEN(def->keys) && def->keys[i]; i++) {
		if (i)
			sb_add(&sb, ", ");
		sb_add(&sb, tkey_name(def->keys[i], name, sizeof(name)));
	}
	return sb_take(&sb);
}

/* ============================================================== reading */

/* Terminals disagree on Home and End (PuTTY, rxvt, the Linux console and tmux
 * send ESC [1~ / ESC [4~ where xterm's terminfo says ESC OH / ESC OF), and a
 * sequence the terminfo entry lacks would arrive as a bare Esc - which means
 * "back". Teach ncurses the common variants it does not know yet. */
void keys_setup(void)
{
	static const struct {
		const char *seq;
		int key;
	} extra[] = {
		{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME }, { "\033[H", KEY_HOME },
		{ "\033OH", KEY_HOME },  { "\033[4~", KEY_END },  { "\033[8~", KEY_END },
		{ "\033[F", KEY_END },   { "\033OF", KEY_END },   { "\033[5~", KEY_PPAGE },
		{ "\033[6~", KEY_NPAGE }, { "\033[3~", KEY_DC },  { "\033[Z", KEY_BTAB },
		{ "\033[A", KEY_UP },    { "\033[B", KEY_DOWN },  { "\033[C", KEY_RIGHT },
		{ "\033[D", KEY_LEFT },  { "\033OA", KEY_UP },    { "\033OB", KEY_DOWN },
		{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },  { "\033OP", KEY_F(1) },
		{ "\033[11~", KEY_F(1) }, { "\033[21~", KEY_F(10) },
	};

	/* Ctrl-Left / Ctrl-Right (xterm, tmux, VTE; rxvt). Terminfo may have
	 * given these sequences codes of its own, and may have given our codes
	 * to other keys (rxvt's kDC6 is KEY_MAX + 1): both are replaced. */
	static const struct {
		const char *seq;
		tkey key;
	} ctrl[] = {
		{ "\033[1;5D", TK_CTRL_LEFT }, { "\033Od", TK_CTRL_LEFT },
		{ "\033[1;5C", TK_CTRL_RIGHT }, { "\033Oc", TK_CTRL_RIGHT },
	};

	for (size_t i = 0; i < ARRAY_LEN(extra); i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].key);
	define_key(NULL, TK_CTRL_LEFT & ~TK_FN);
	define_key(NULL, TK_CTRL_RIGHT & ~TK_FN);
	for (size_t i = 0; i < ARRAY_LEN(ctrl); i++)
		define_key(ctrl[i].seq, ctrl[i].key & ~TK_FN);
}

struct raw_key {
	int r;      /* OK, KEY_CODE_YES or ERR */
	wint_t wc;
};

static struct raw_key read_raw(WINDOW *win)
{
	struct raw_key k;

	k.r = wget_wch(win, &k.wc);
	return k;
}

static tkey normalise(struct raw_key k)
{
	if (k.r == ERR)
		return 0;
	if (k.r == KEY_CODE_YES) {
		switch (k.wc) {
		case KEY_ENTER:
			return TK_ENTER;
		case KEY_BACKSPACE:
			return TK_BACKSPACE;
		default:
			/* Also TK_CTRL_LEFT / TK_CTRL_RIGHT (keys_setup). */
			return TK_KEY((int)k.wc);
		}
	}
	switch (k.wc) {
	case '\r':
	case '\n':
		return TK_ENTER;
	case 127:
	case 8:
		return TK_BACKSPACE;
	default:
		return (tkey)k.wc;
	}
}

/* ncurses hands over an Esc either because the user pressed Esc, or because
 * an escape sequence it does not know came in (it already waited ESCDELAY for
 * the rest). In the second case the rest is waiting right now: a CSI or SS3
 * sequence is swallowed whole, so an unknown key does nothing instead of
 * acting as Esc followed by "[4~". Anything else after the Esc is a key of its
 * own, pushed back to be read next (Esc then j = back, then down). */
static tkey after_escape(WINDOW *win, int delay)
{
	wtimeout(win, 0);
	struct raw_key next = read_raw(win);
	tkey result = TK_ESC;

	if (next.r == OK && (next.wc == '[' || next.wc == 'O')) {
		bool csi = next.wc == '[';
		struct raw_key c;
		/* Parameter and intermediate bytes, then one final byte. */
		while ((c = read_raw(win)).r == OK && csi && c.wc >= 0x20 && c.wc <= 0x3f)
			;
		result = 0;
	} else if (next.r == OK) {
		unget_wch((wchar_t)next.wc);
	} else if (next.r == KEY_CODE_YES) {
		ungetch((int)next.wc);
	}
	wtimeout(win, delay);
	return result;
}

tkey key_read(WINDOW *win, int delay)
{
	struct raw_key k = read_raw(win);

	if (k.r == OK && k.wc == TK_ESC)
		return after_escape(win, delay);
	return normalise(k);
}

bool key_is_text(tkey key)
{
	if (key <= 0 || (key & TK_FN))
		return false;
	return key >= ' ' && key != 127 && iswprint((wint_t)key);
}
