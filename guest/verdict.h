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
 * of guest/debian/; read by tools/qrun, which turns it into TAP.
 *
 * Where the channel is the console (hello.verdict=console, for a lab that
 * reads only that: LAVA), each line starts with VERDICT_CONSOLE, and the
 * first says VERDICT_ON_CONSOLE. LAVA's jobs read them there: the monitor
 * of scripts/lab/lava-job.sh and the judge of scripts/lab/lava-run.py take
 * every word and the prefix from this file, so they are said here only.
 */
#ifndef VERDICT_H
#define VERDICT_H

#define VERDICT_KERNEL	"KERNEL"
#define VERDICT_PASS	"PASS"
#define VERDICT_FAIL	"FAIL"
#define VERDICT_SKIP	"SKIP"
#define VERDICT_EXIT	"EXIT"
#define VERDICT_END	"END"

#define VERDICT_CONSOLE		"[init] "
#define VERDICT_ON_CONSOLE	"verdict on the console"

#endif
