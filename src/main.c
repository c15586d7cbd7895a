/* main.c - ibis: a terminal case manager for intern begeleiders. */
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "ibis/cli.h"
#include "ibis/tui.h"

/* ibis speaks UTF-8 (names like Zoë Çelik and Yılmaz). A session whose locale is
 * not UTF-8 (LANG unset over SSH, "C", "POSIX") falls back to C.UTF-8 when the
 * machine has it, rather than showing question marks. */
static void setup_locale(void)
{
	if (setlocale(LC_ALL, "") && strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return;
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
}

int main(int argc, char **argv)
{
	setup_locale();
	return cli_main(argc, argv, tui_run);
}
