/* SPDX-License-Identifier: GPL-2.0 */
/*
 * verdict.h: what the guest tells qrun, on the verdict's own channel (the
 * device hello.verdict= names, from config/arches), one line each:
 *
 *   KERNEL <release> <version>  the kernel that booted (uname -r, uname -v:
 *                        kbuild's build number #N and when it was linked)
 *   PASS <name>          a check that passed
 *   FAIL <name>: <why>   a check that failed
 *   SKIP <name>: <why>   a check that does not apply here
 *   EXIT <status>        the exit status of the user's program (EXEC=)
 *   END                  the last line: the guest is done
 *
 * A boot whose channel has no END gave no verdict. Written by guest/init.c
 * and (in shell, on the Debian disk of make install-test) by the scripts
 * of guest/debian/; read by tools/qrun alone, which turns it into TAP.
 */
#ifndef VERDICT_H
#define VERDICT_H

#define VERDICT_KERNEL	"KERNEL"
#define VERDICT_PASS	"PASS"
#define VERDICT_FAIL	"FAIL"
#define VERDICT_SKIP	"SKIP"
#define VERDICT_EXIT	"EXIT"
#define VERDICT_END	"END"

#endif
