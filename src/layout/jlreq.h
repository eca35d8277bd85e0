/* jlreq.h — the JLReq character classes and the spacing between them, as
 * read from data/jlreq-classes.tsv and data/jlreq-spacing.tsv. Tables are
 * data: this module only parses and looks up; what the classes mean for
 * line breaking and spacing is decided in compose.c. */
#ifndef NG_JLREQ_H
#define NG_JLREQ_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/diag.h"

typedef enum ng_jkind { NG_JK_JA, NG_JK_LATIN, NG_JK_SPACE } ng_jkind;

typedef enum ng_jwidth {
	NG_JW_FULL,
	NG_JW_HALF_LEFT,
	NG_JW_HALF_RIGHT,
	NG_JW_HALF_CENTER
} ng_jwidth;

enum { NG_JF_NOSTART = 1, NG_JF_NOSTART4 = 2, NG_JF_NOEND = 4 };

#define NG_JLREQ_MAX_CLASSES 32

typedef struct ng_jclass {
	char name[8];
	unsigned char kind, flags, width;
} ng_jclass;

/* Spacing between two adjacent characters, in em. */
typedef struct ng_jspace {
	double after;               /* belongs to the first: stays at a line end */
	double before;              /* belongs to the second: dropped at a line start */
	unsigned char aprio, bprio; /* shrink priorities, 0: fixed */
	bool wa;                    /* before is the 和欧間 (a layout option) */
	bool nobreak;               /* 分離禁止 */
} ng_jspace;

typedef struct ng_jlreq ng_jlreq;

/* Reads the two tables from dir (NULL: ng_home_dir()/data). Returns NULL
 * after adding diagnostics. Free with ng_jlreq_free. */
ng_jlreq *ng_jlreq_load(const char *dir, ng_diags *d);
void ng_jlreq_free(ng_jlreq *j);

/* The class of a code point (ID or LA when the table does not list it). */
int ng_jlreq_class(const ng_jlreq *j, uint32_t cp);
const ng_jclass *ng_jlreq_info(const ng_jlreq *j, int cls);
const ng_jspace *ng_jlreq_pair(const ng_jlreq *j, int prev, int next);
/* A class by name, or -1. */
int ng_jlreq_find(const ng_jlreq *j, const char *name);

#endif
