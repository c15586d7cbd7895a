/* timeline.h - a pupil's levels and timeline as a document that parents can
 * read (`ibis export timeline PUPIL --format md|html`). No database here: the
 * caller gathers the records, this writes them. */
#ifndef IBIS_TIMELINE_H
#define IBIS_TIMELINE_H

#include "ibis/date.h"
#include "ibis/levelmodel.h"
#include "ibis/records.h"

enum timeline_format { TIMELINE_MD, TIMELINE_HTML };

struct timeline_doc {
	const struct pupil *pupil;
	const char *school;                 /* name, NULL when unknown */
	const char *group;                  /* current group, NULL when none */
	const struct level_model *model;    /* the school's model, names the levels */
	const struct level_episode *episodes; /* oldest first */
	int nepisodes;
	const struct arrangement *arrangements;
	int narrangements;
	const struct tl_item *items;        /* oldest first; the caller leaves out
					     * restricted events */
	int nitems;
	ibis_date today;                    /* "bijgewerkt tot" */
};

/* The document: title with the pupil's name, birth date and school; the
 * levels as a table (van, tot, niveau with the model's name, reden,
 * bespreking, regie); arrangements; then every item by date. Markdown
 * escapes what would be markup (| * _ [ ] ...); HTML escapes & < > " and is a
 * complete page (UTF-8, a small print style, no script). Level positions of
 * episodes in another model than doc->model are written as "niveau N (MODEL)".
 * Caller frees. */
char *timeline_render(const struct timeline_doc *doc, enum timeline_format format);
/* "md" / "html" (also "markdown"); false for anything else. */
bool timeline_format_parse(const char *s, enum timeline_format *out);

#endif
