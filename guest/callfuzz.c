// SPDX-License-Identifier: GPL-2.0
/*
 * callfuzz: calls the project's system calls over and over with arguments
 * of their parameters' kinds (flags, strings, buffers and their sizes,
 * structs), the valid and the hostile: NULL, unmapped and read-only pages,
 * kernel addresses, buffers that end at an unmapped page, sizes at every
 * boundary. It does not judge: the kernel does (KASAN, UBSAN, lockdep,
 * SMAP in a debug kernel), and init reads the kernel's log.
 *
 * The calls and their kinds come from callfuzz_calls.h, which
 * 'newcall fuzz-table' writes from kernel/syscalls.tbl; a call this
 * build's headers have no number for is left out.
 *
 * Usage: callfuzz [-n CALLS] [-t SECONDS] [-s SEED] [-l LABEL] [-H S] [NAME...]
 * Stops after CALLS calls in all (0: no limit) or SECONDS seconds, whichever
 * comes first, or at SIGTERM; NAME...: only these calls. Prints, per call,
 * how many calls were made and what they returned. Exit: 0 ran, 1 a call
 * did not return (hang), 2 usage, 3 the fuzzing process died by a signal,
 * 4 stopped by SIGTERM. A call that has not returned in S seconds (-H,
 * default 10) hangs.
 */
#define _GNU_SOURCE		/* strerrorname_np() */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum fz_kind {
	FZ_SCALAR, FZ_FLAGS, FZ_STR_IN, FZ_BUF_IN, FZ_BUF_OUT,
	FZ_STRUCT_IN, FZ_STRUCT_OUT, FZ_SIZE,
};

struct fz_param {
	enum fz_kind kind;
	int pair;	/* a pointer's size parameter, a size's pointer; -1: none */
};

struct fz_call {
	const char *name;
	long nr;
	int n;
	struct fz_param p[6];
};

static const struct fz_call calls[] = {
#include "callfuzz_calls.h"
	{ NULL, 0, 0, { { 0, 0 } } }
};
#define MAX_CALLS	(sizeof(calls) / sizeof(calls[0]))
#define MAX_ERRNO	134

/* What the fuzzing process tells its parent, in shared memory. */
struct tally {
	volatile unsigned long total;	/* calls made, all together */
	volatile int current;		/* the call being made, or -1 */
	double seconds;			/* how long the calls took */
	unsigned long made[MAX_CALLS], ok[MAX_CALLS];
	unsigned int err[MAX_CALLS][MAX_ERRNO + 1];
};

static struct tally *t;
static volatile sig_atomic_t stopped;
static int chosen[MAX_CALLS], n_chosen;
static unsigned char *arena;	/* 2 pages read-write, 1 unmapped, 1 read-only */
static long page;
static uint64_t rng;

/* xorshift64*: fast, and a seed replays a run */
static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static unsigned long below(unsigned long n)
{
	return n ? rnd() % n : 0;
}

/* Values at the edges of every width a parameter may have. */
static const unsigned long long edges[] = {
	0, 1, 2, 3, 7, 8, 15, 16, 17, 23, 24, 25, 31, 32, 33, 63, 64, 65,
	127, 128, 255, 256, 4095, 4096, 4097, 65535, 65536,
	0x7fffffffULL, 0x80000000ULL, 0xffffffffULL, 0x100000000ULL,
	0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xffffffffffffffffULL,
	0xfffffffffffffffeULL, 0xffffffff80000000ULL,
};

static unsigned long scalar(void)
{
	switch (below(4)) {
	case 0:
		return (unsigned long)rnd();
	case 1:
		return (unsigned long)-(long)below(65);
	default:
		return (unsigned long)edges[below(sizeof(edges) / sizeof(edges[0]))];
	}
}

static unsigned long flags(void)
{
	switch (below(6)) {
	case 0:
		return 0;
	case 1:
	case 2:
		return 1UL << below(sizeof(long) * 8);
	case 3:
		return (unsigned long)rnd() & 0xff;
	case 4:
		return (unsigned long)rnd();
	default:
		return ~0UL;
	}
}

static unsigned long size(void)
{
	return below(3) ? (unsigned long)edges[below(sizeof(edges) / sizeof(edges[0]))] :
			  below(2 * page + 2);
}

/* Where a pointer of len bytes points: valid and hostile places. */
static unsigned long pointer(unsigned long len, int out)
{
	unsigned char *guard = arena + 2 * page;

	switch (below(10)) {
	case 0:
		return 0;
	case 1:
		return (unsigned long)guard;			/* unmapped */
	case 2:
		return (unsigned long)(guard + page);		/* read-only */
	case 3:						/* the kernel's */
		return sizeof(long) == 8 ? (unsigned long)0xffffffff81000000ULL : 0xc0000000UL;
	case 4:
		return (unsigned long)rnd();
	case 5:
	case 6:						/* ends at the unmapped page */
		if (len <= (unsigned long)(2 * page))
			return (unsigned long)(guard - len);
		/* fall through */
	default:					/* valid, maybe unaligned */
		if (!out)
			for (unsigned long i = 0; i + 8 <= len && i + 8 <= (unsigned long)(2 * page); i += 8)
				*(uint64_t *)(arena + i) = rnd();
		return (unsigned long)(arena + below(len < (unsigned long)page ? 64 : 1));
	}
}

/* A NUL-terminated string that ends at the unmapped page, or one that has no end. */
static unsigned long string(void)
{
	unsigned char *guard = arena + 2 * page;
	unsigned long len = below(3) ? below(64) : below(2 * page);
	unsigned long i;

	if (below(8) == 0)
		return pointer(len, 0);
	for (i = 0; i < len; i++)
		guard[-(long)len + (long)i] = 1 + below(255);
	if (below(6))
		guard[-1] = 0;
	return (unsigned long)(guard - len);
}

static void one_call(int c)
{
	const struct fz_call *f = &calls[c];
	unsigned long a[6] = { 0 }, len[6] = { 0 };
	int i, pair;
	long ret;

	/* sizes first: a pointer and its size agree, or not */
	for (i = 0; i < f->n; i++)
		len[i] = size();
	for (i = 0; i < f->n; i++) {
		pair = f->p[i].pair;
		switch (f->p[i].kind) {
		case FZ_SCALAR:
			a[i] = scalar();
			break;
		case FZ_FLAGS:
			a[i] = flags();
			break;
		case FZ_STR_IN:
			a[i] = string();
			break;
		case FZ_SIZE:
			a[i] = len[i];
			break;
		case FZ_BUF_IN:
		case FZ_STRUCT_IN:
		case FZ_BUF_OUT:
		case FZ_STRUCT_OUT:
			a[i] = pointer(pair >= 0 ? len[pair] : len[i],
				       f->p[i].kind == FZ_BUF_OUT || f->p[i].kind == FZ_STRUCT_OUT);
			break;
		}
	}
	t->current = c;
	ret = syscall(f->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	t->current = -1;
	t->made[c]++;
	if (ret >= 0)
		t->ok[c]++;
	else
		t->err[c][errno > 0 && errno <= MAX_ERRNO ? errno : 0]++;
	t->total++;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fuzz(unsigned long max_calls, double end)
{
	unsigned long i;

	for (i = 0; !max_calls || t->total < max_calls; i++) {
		if (i % 64 == 0 && now() >= end)
			break;
		one_call(chosen[below(n_chosen)]);
	}
}

/* The three errors a call returned most, as "EINVAL 12, EFAULT 3". */
static void top_errors(int c, char *buf, size_t len)
{
	unsigned int shown[MAX_ERRNO + 1] = { 0 };
	int k, e, best;
	size_t used = 0;

	buf[0] = '\0';
	for (k = 0; k < 3; k++) {
		best = -1;
		for (e = 0; e <= MAX_ERRNO; e++)
			if (t->err[c][e] && !shown[e] && (best < 0 || t->err[c][e] > t->err[c][best]))
				best = e;
		if (best < 0)
			break;
		shown[best] = 1;
		used += snprintf(buf + used, len - used, "%s%s %u", k ? ", " : "",
				 best ? strerrorname_np(best) : "other", t->err[c][best]);
		if (used >= len)
			break;
	}
}

static void on_term(int sig)
{
	(void)sig;
	stopped = 1;
}

static int usage(void)
{
	fprintf(stderr, "Usage: callfuzz [-n CALLS] [-t SECONDS] [-s SEED] [-l LABEL] [-H S] [NAME...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned long max_calls = 0, seed = 0;
	double seconds = 10, hang = 10, start, last_move;
	unsigned long last_total = 0;
	const char *label = sizeof(long) == 8 ? "64-bit" : "32-bit";
	int opt, i, c, status, rc = 0;
	char errs[160];
	pid_t pid;

	while ((opt = getopt(argc, argv, "n:t:s:l:H:")) != -1) {
		switch (opt) {
		case 'n':
			max_calls = strtoul(optarg, NULL, 0);
			break;
		case 't':
			seconds = strtod(optarg, NULL);
			break;
		case 's':
			seed = strtoul(optarg, NULL, 0);
			break;
		case 'l':
			label = optarg;
			break;
		case 'H':
			hang = strtod(optarg, NULL);
			break;
		default:
			return usage();
		}
	}
	for (c = 0; calls[c].name; c++) {
		for (i = optind; i < argc && strcmp(argv[i], calls[c].name); i++)
			;
		if (optind == argc || i < argc)
			chosen[n_chosen++] = c;
	}
	for (i = optind; i < argc; i++) {
		for (c = 0; calls[c].name && strcmp(argv[i], calls[c].name); c++)
			;
		if (!calls[c].name) {
			fprintf(stderr, "callfuzz: %s: no call of that name in this build\n", argv[i]);
			return 2;
		}
	}
	if (!n_chosen) {
		fprintf(stderr, "callfuzz: no calls to fuzz\n");
		return 2;
	}
	if (!seed)
		seed = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
	rng = seed;
	page = sysconf(_SC_PAGESIZE);
	t = mmap(NULL, sizeof(*t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	arena = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (t == MAP_FAILED || arena == MAP_FAILED ||
	    mprotect(arena + 2 * page, page, PROT_NONE) < 0 ||
	    mprotect(arena + 3 * page, page, PROT_READ) < 0) {
		perror("callfuzz: mmap");
		return 2;
	}
	t->current = -1;
	printf("callfuzz: %s: seed %lu, %d calls, %s%.0f s\n", label, seed, n_chosen,
	       max_calls ? "a budget of calls or " : "", seconds);
	fflush(stdout);
	signal(SIGTERM, on_term);
	start = now();
	pid = fork();
	if (pid < 0) {
		perror("callfuzz: fork");
		return 2;
	}
	if (pid == 0) {
		/* no fuzzing without its watcher */
		signal(SIGTERM, SIG_DFL);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1)
			_exit(0);
		fuzz(max_calls, start + seconds);
		t->seconds = now() - start;
		_exit(0);
	}
	/* Watch: a call that does not return in hang seconds hangs. */
	last_move = start;
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (stopped) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			rc = 4;
			break;
		}
		usleep(100000);
		if (t->total != last_total) {
			last_total = t->total;
			last_move = now();
		} else if (now() - last_move > hang) {
			c = t->current;
			printf("callfuzz: %s: %s() has not returned in %.0f s (hang)\n", label,
			       c >= 0 ? calls[c].name : "?", hang);
			kill(pid, SIGKILL);
			rc = 1;
			break;
		}
	}
	if (!rc && WIFSIGNALED(status)) {
		c = t->current;
		printf("callfuzz: %s: the fuzzing process died by signal %d in %s()\n", label,
		       WTERMSIG(status), c >= 0 ? calls[c].name : "?");
		rc = 3;
	}
	seconds = t->seconds ? t->seconds : now() - start;
	for (i = 0; i < n_chosen; i++) {
		c = chosen[i];
		top_errors(c, errs, sizeof(errs));
		printf("callfuzz: %s: %s: %lu calls (%.0f/s), %lu returned >= 0%s%s\n", label,
		       calls[c].name, t->made[c], t->made[c] / seconds, t->ok[c],
		       errs[0] ? "; errors: " : "", errs);
	}
	printf("callfuzz: %s: %lu calls in %.1f s (%.0f/s)\n", label, t->total, seconds,
	       t->total / seconds);
	return rc;
}
