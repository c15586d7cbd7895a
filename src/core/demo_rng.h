/* demo_rng.h - the demo's PRNG, internal to the demo (demo.c, demosop.c).
 *
 * splitmix64: small, of our own, so no libc rand() state and no platform
 * differences; the same seed gives the same demo everywhere. A stream is a
 * struct rng whose s is set to its seed.
 */
#ifndef IBIS_DEMO_RNG_H
#define IBIS_DEMO_RNG_H

#include <stdbool.h>
#include <stdint.h>

#include "ibis/util.h"

struct rng {
	uint64_t s;
};

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* 0 .. n-1 (n > 0). The multiply-shift bias is far below what a demo shows. */
static inline int rng_below(struct rng *r, int n)
{
	return (int)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* lo .. hi inclusive; lo when hi < lo. */
static inline int rng_range(struct rng *r, int lo, int hi)
{
	return hi <= lo ? lo : lo + rng_below(r, hi - lo + 1);
}

/* [0, 1). */
static inline double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* True with chance p. */
static inline bool rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

/* True with chance percent / 100. */
static inline bool rng_percent(struct rng *r, int percent)
{
	return rng_below(r, 100) < percent;
}

/* Index into weights[n] drawn by weight. */
static inline int rng_weighted(struct rng *r, const int *weights, int n)
{
	int total = 0;
	for (int i = 0; i < n; i++)
		total += weights[i];
	int x = rng_below(r, total);
	for (int i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

/* An element of the array a, drawn. */
#define PICK(r, a) ((a)[rng_below((r), (int)ARRAY_LEN(a))])

#endif
