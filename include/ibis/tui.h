/* tui.h - the full-screen interface. */
#ifndef IBIS_TUI_H
#define IBIS_TUI_H

struct app;

/* Run the screens on an app whose database is open, until the user quits.
 * Returns the exit status. */
int tui_run(struct app *app);

#endif
