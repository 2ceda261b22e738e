// SPDX-License-Identifier: GPL-2.0
/*
 * A user program for make run EXEC=, that reports one passed and one
 * failed check, and exits 3: as TAP lines, or (built with -DSUMMARY) as a
 * closing "N passed, N failed" line alone.
 */
#include <stdio.h>

int main(void)
{
#ifdef SUMMARY
	printf("checking two things\n");
	printf("exec_checks: 1 passed, 1 failed\n");
#else
	printf("1..2\n");
	printf("ok 1 - the first thing\n");
	printf("not ok 2 - the second thing, on purpose\n");
#endif
	return 3;
}
