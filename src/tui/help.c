/* help.c - the help screen, made from the key tables of the screen below it
 * and the global keys: what the help says is what the keys do. */
#include "tui_internal.h"
#include "textview.h"

#include <stdlib.h>

static void add_table(struct textview *tv, const struct keydef *table)
{
	for (const struct keydef *d = table; d && d->action; d++) {
		char *keys = keydef_keys(d);
		struct tv_para p = {
			.role = ROLE_NORMAL,
			.lead_role = ROLE_LABEL,
			.indent = 2,
			.lead = keys,
			.lead_cols = 22,
			.text = (char *)d->help,
		};
		tv_add(tv, &p);
		free(keys);
	}
}

static int help_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct tv_page *h = s->state;
	struct screen *below = (struct screen *)arg;

	(void)t;
	tv_init(&h->tv);
	h->title = xasprintf("ibis — Help: %s", below ? below->ops->name : "");
	if (below) {
		const struct keydef *table = below->ops->keymap ? below->ops->keymap(below) : NULL;
		tv_text(&h->tv, ROLE_COLUMNS, 0, below->ops->name);
		if (below->ops->typing && below->ops->typing(below))
			tv_text(&h->tv, ROLE_NORMAL, 2,
				"Wat u typt komt in het invoerveld; daarnaast werken deze toetsen:");
		add_table(&h->tv, table);
		tv_text(&h->tv, ROLE_NORMAL, 0, "");
	}
	tv_text(&h->tv, ROLE_COLUMNS, 0, "Op elk scherm");
	add_table(&h->tv, global_keys);
	tv_text(&h->tv, ROLE_NORMAL, 0, "");
	tv_text(&h->tv, ROLE_DIM, 0,
		"De onderste regel toont steeds de toetsen die op het scherm werken. Werkt F1 of "
		"F10 niet in uw terminal, gebruik dan ? of Q. Een te klein venster (minder dan "
		"80×24) toont een melding tot het weer groot genoeg is.");
	return TR_REDRAW;
}

static void help_draw(struct screen *s, struct tui *t)
{
	struct tv_page *h = s->state;
	int y = draw_header(t, h->title, NULL);

	tv_draw(t, &h->tv, y + 1, LINES - 2 - (y + 1));
}

const struct screen_ops help_screen = {
	.name = "Help",
	.state_size = sizeof(struct tv_page),
	.enter = help_enter,
	.draw = help_draw,
	.tables = tv_page_tables,
	.keymap = tv_page_keymap,
	.action = tv_page_action,
	.leave = tv_page_leave,
};
