/* text.c - see text.h.
 *
 * Why fold ourselves: SQLite's FTS5 tokenizer with remove_diacritics 2 folds
 * ë, ç, é, ü and ö, but leaves the Turkish dotless ı alone ("yilmaz" misses
 * "Yılmaz") and does not split the Dutch ĳ ligature ("ijsbrand" misses
 * "Ĳsbrand"). So the program folds every name into a plain search key with the
 * table below, and the database indexes and matches that key. The fold must
 * not depend on the locale: keys are stored, and a key written under one
 * locale has to match a needle folded under another.
 */
#include "ibis/text.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ibis/util.h"

/* ------------------------------------------------------------------- UTF-8 */

/* Length of a sequence by its lead byte; 0 for a byte that cannot lead. */
static size_t lead_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 0;
}

uint32_t utf8_decode(const char *s, size_t n, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	if (n == 0) {
		/* nothing to consume: a caller looping on *len must stop */
		*len = 0;
		return 0xFFFD;
	}
	size_t need = lead_len(p[0]);
	*len = 1;
	if (need == 0 || need > n)
		return 0xFFFD;
	if (need == 1)
		return p[0];
	uint32_t cp = p[0] & (0x7F >> need);
	for (size_t i = 1; i < need; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0xFFFD;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	/* overlong forms, surrogates and code points beyond U+10FFFF */
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0xFFFD;
	*len = need;
	return cp;
}

bool utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t len;
		uint32_t cp = utf8_decode(s + i, n - i, &len);
		/* a real U+FFFD is three bytes; the error marker is one */
		if (cp == 0xFFFD && len == 1)
			return false;
		i += len;
	}
	return true;
}

/* A code point that cannot be encoded (a surrogate, beyond U+10FFFF) is
 * written as U+FFFD. */
size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* A malformed byte shows as U+FFFD, one column. A code point wcwidth does not
 * know (an unassigned one, or any non-ASCII under a non-UTF-8 locale) counts
 * one column too, which is how terminals draw it. */
int utf8_width(const char *s)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	int width = 0;
	for (size_t i = 0; i < n;) {
		size_t len;
		uint32_t cp = utf8_decode(s + i, n - i, &len);
		i += len;
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			continue;
		int w = wcwidth((wchar_t)cp);
		width += w < 0 ? 1 : w;
	}
	return width;
}

/* ----------------------------------------------------------------- folding */

/* Latin-1 Supplement letters and all of Latin Extended-A, U+00C0..U+017F, by
 * code point: what each folds to. " " marks the two symbols in the range
 * (× and ÷), which fold like punctuation. */
static const char *const fold_latin[0x180 - 0xC0] = {
	/* C0 À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï */
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* D0 Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß */
	"d", "n", "o", "o", "o", "o", "o", " ", "o", "u", "u", "u", "u", "y", "th", "ss",
	/* E0 à á â ã ä å æ ç è é ê ë ì í î ï */
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* F0 ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ */
	"d", "n", "o", "o", "o", "o", "o", " ", "o", "u", "u", "u", "u", "y", "th", "y",
	/* 100 Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď */
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* 110 Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ */
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* 120 Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į */
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* 130 İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ */
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	/* 140 ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ */
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* 150 Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş */
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* 160 Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů */
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* 170 Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ */
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* Vietnamese letters, U+1EA0..U+1EF9, come in capital/small pairs: the base
 * letter of each pair. */
static const char fold_viet[] = "aaaaaaaaaaaa" "eeeeeeee" "ii" "oooooooooooo" "uuuuuuu" "yyyy";

/* Other letters met in names, sorted by code point: Latin Extended-B and
 * Additional, and the accented Greek and Cyrillic letters (whose plain
 * capitals are lowered by rule in fold_cp). */
static const struct {
	uint32_t cp;
	const char *to;
} fold_extra[] = {
	{0x0189, "d"}, {0x018F, "e"}, {0x0192, "f"},
	{0x01A0, "o"}, {0x01A1, "o"}, {0x01AF, "u"}, {0x01B0, "u"},
	{0x01CD, "a"}, {0x01CE, "a"}, {0x01CF, "i"}, {0x01D0, "i"}, {0x01D1, "o"}, {0x01D2, "o"},
	{0x01D3, "u"}, {0x01D4, "u"}, {0x01D5, "u"}, {0x01D6, "u"}, {0x01D7, "u"}, {0x01D8, "u"},
	{0x01D9, "u"}, {0x01DA, "u"}, {0x01DB, "u"}, {0x01DC, "u"},
	{0x01E6, "g"}, {0x01E7, "g"}, {0x01EA, "o"}, {0x01EB, "o"},
	{0x0218, "s"}, {0x0219, "s"}, {0x021A, "t"}, {0x021B, "t"}, {0x0259, "e"},
	{0x0386, "α"}, {0x0388, "ε"}, {0x0389, "η"}, {0x038A, "ι"}, {0x038C, "ο"},
	{0x038E, "υ"}, {0x038F, "ω"}, {0x0390, "ι"}, {0x03AA, "ι"}, {0x03AB, "υ"},
	{0x03AC, "α"}, {0x03AD, "ε"}, {0x03AE, "η"}, {0x03AF, "ι"}, {0x03B0, "υ"},
	{0x03C2, "σ"}, {0x03CA, "ι"}, {0x03CB, "υ"}, {0x03CC, "ο"}, {0x03CD, "υ"},
	{0x03CE, "ω"},
	{0x0401, "е"}, {0x0451, "е"},
	{0x1E9E, "ss"},
};

enum fold_class {
	FOLD_KEEP,  /* a letter or digit: write its folded form */
	FOLD_SPACE, /* punctuation, symbol, white space */
	FOLD_DROP,  /* combining mark or invisible format character */
};

/* Combining marks (so decomposed "e" + U+0308 folds like ë) and invisible
 * characters (soft hyphen, zero-width space and joiners, BOM) vanish rather
 * than split a word. */
static bool is_dropped(uint32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	       (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	       (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF || cp == 0xFFFD;
}

/* Punctuation, spaces and symbols outside ASCII: the Latin-1 signs, the
 * modifier apostrophes ʹ ʻ ʼ, General and Supplemental Punctuation (’ ‘ ‐ –
 * — and the typographic spaces), currency, letterlike, arrows, maths, boxes,
 * dingbats, CJK punctuation, and the emoji planes. */
static bool is_separator(uint32_t cp)
{
	return (cp >= 0x00A0 && cp <= 0x00BF) || cp == 0x00D7 || cp == 0x00F7 ||
	       (cp >= 0x02B9 && cp <= 0x02BF) || (cp >= 0x2000 && cp <= 0x2BFF) ||
	       (cp >= 0x2E00 && cp <= 0x2E7F) || (cp >= 0x3000 && cp <= 0x303F) ||
	       (cp >= 0x1F000 && cp <= 0x1FAFF);
}

static const char *fold_extra_lookup(uint32_t cp)
{
	size_t lo = 0, hi = ARRAY_LEN(fold_extra);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (fold_extra[mid].cp == cp)
			return fold_extra[mid].to;
		if (fold_extra[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Fold one code point into out (NUL-terminated UTF-8) when the class is
 * FOLD_KEEP; the other classes say to separate words or to drop it. */
static enum fold_class fold_cp(uint32_t c, char out[8])
{
	const char *to;
	out[0] = '\0';
	/* fullwidth forms of ASCII, as typed by CJK input methods */
	if (c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFEE0;
	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9'))
			return FOLD_SPACE;
		out[0] = (char)c;
		out[1] = '\0';
		return FOLD_KEEP;
	}
	if (c >= 0xC0 && c < 0x180) {
		to = fold_latin[c - 0xC0];
		if (*to == ' ')
			return FOLD_SPACE;
		str_copy(out, to, 8);
		return FOLD_KEEP;
	}
	if (c >= 0x1EA0 && c <= 0x1EF9) {
		out[0] = fold_viet[(c - 0x1EA0) / 2];
		out[1] = '\0';
		return FOLD_KEEP;
	}
	if ((to = fold_extra_lookup(c))) {
		str_copy(out, to, 8);
		return FOLD_KEEP;
	}
	if (is_dropped(c))
		return FOLD_DROP;
	if (is_separator(c))
		return FOLD_SPACE;
	/* plain Greek and Cyrillic capitals: lowered by rule */
	if ((c >= 0x0391 && c <= 0x03A9) || (c >= 0x0410 && c <= 0x042F))
		c += 0x20;
	else if (c >= 0x0400 && c <= 0x040F)
		c += 0x50;
	out[utf8_encode(c, out)] = '\0';
	return FOLD_KEEP;
}

/* Invalid UTF-8 bytes are skipped: a stray Latin-1 byte in imported data must
 * not split or break a name. */
char *text_fold(const char *s)
{
	struct strbuf sb = {0};
	bool pending_space = false;
	size_t n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n;) {
		size_t len;
		uint32_t cp = utf8_decode(s + i, n - i, &len);
		bool malformed = cp == 0xFFFD && len == 1;
		i += len;
		if (malformed)
			continue;
		char to[8];
		switch (fold_cp(cp, to)) {
		case FOLD_DROP:
			break;
		case FOLD_SPACE:
			pending_space = true;
			break;
		case FOLD_KEEP:
			/* the space is written only between words: runs collapse,
			 * and both ends come out trimmed */
			if (pending_space && sb.len)
				sb_addc(&sb, ' ');
			pending_space = false;
			sb_add(&sb, to);
			break;
		}
	}
	return sb_take(&sb);
}

bool text_fold_contains(const char *haystack, const char *needle)
{
	char *h = text_fold(haystack);
	char *n = text_fold(needle);
	bool found = strstr(h, n) != NULL;
	free(h);
	free(n);
	return found;
}

/* ------------------------------------------------------------------- names */

/* Append part (trimmed; nothing when empty), preceded by sep when sb already
 * holds text. */
static void add_part(struct strbuf *sb, const char *part, const char *sep)
{
	char *t = str_trim(part);
	if (*t) {
		if (sb->len)
			sb_add(sb, sep);
		sb_add(sb, t);
	}
	free(t);
}

/* Without a last name the rest stands alone ("Anna"); without first name and
 * tussenvoegsel it is just the last name. */
char *name_display(const char *first, const char *tussenvoegsel, const char *last)
{
	struct strbuf sb = {0};
	struct strbuf rest = {0};
	add_part(&sb, last, "");
	add_part(&rest, first, " ");
	add_part(&rest, tussenvoegsel, " ");
	if (rest.len)
		add_part(&sb, sb_str(&rest), ", ");
	sb_free(&rest);
	return sb_take(&sb);
}

char *name_natural(const char *first, const char *tussenvoegsel, const char *last)
{
	struct strbuf sb = {0};
	add_part(&sb, first, " ");
	add_part(&sb, tussenvoegsel, " ");
	add_part(&sb, last, " ");
	return sb_take(&sb);
}

/* Compared bytewise (strcmp, SQLite's BINARY collation), the key sorts Dutch
 * style: by last name without tussenvoegsel, then first name. The \x01 after
 * the last name sorts below every folded character, and a hyphen folds to a
 * space, so "Berg, Anna van den" < "Berg-Visser, Ed" < "Bergen, Bob" (a double
 * name after its first part, before longer last names). The fold never
 * produces \x01 itself: control characters fold to spaces. */
char *name_sort_key(const char *first, const char *tussenvoegsel, const char *last)
{
	char *l = text_fold(last);
	char *f = text_fold(first);
	char *t = text_fold(tussenvoegsel);
	char *key = xasprintf("%s\x01%s\x01%s", l, f, t);
	free(l);
	free(f);
	free(t);
	return key;
}

/* "anna van den berg | berg anna van den": a folded needle never holds "|",
 * so no match can straddle the two forms. */
char *name_search_key(const char *first, const char *tussenvoegsel, const char *last)
{
	char *natural = name_natural(first, tussenvoegsel, last);
	struct strbuf sb = {0};
	add_part(&sb, last, " ");
	add_part(&sb, first, " ");
	add_part(&sb, tussenvoegsel, " ");
	char *a = text_fold(natural);
	char *b = text_fold(sb_str(&sb));
	char *key = xasprintf("%s | %s", a, b);
	free(natural);
	sb_free(&sb);
	free(a);
	free(b);
	return key;
}
