// SPDX-License-Identifier: GPL-2.0
/*
 * callbench: nanoseconds per system call in the guest, as JSON on one line
 * starting with "BENCH ". hello_syscall is measured on the path that does
 * not log (burst 0: every call is rate limited) and on the path that does
 * (interval 0: no limit); getppid is the yardstick of a trivial call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PARAMS	"/sys/module/my_syscalls/parameters/"
#define ROUNDS	9
#define ROUND_NS	200e6
#define BATCH	1000

static void set_param(const char *name, const char *value)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), PARAMS "%s", name);
	f = fopen(path, "w");
	if (!f || fputs(value, f) < 0 || fclose(f) != 0) {
		fprintf(stderr, "callbench: cannot set %s (root, and a kernel with the calls?)\n", path);
		exit(1);
	}
}

/* The parameter's value now, to give it back at the end. */
static void get_param(const char *name, char *value, size_t size)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), PARAMS "%s", name);
	f = fopen(path, "r");
	if (!f || !fgets(value, (int)size, f)) {
		fprintf(stderr, "callbench: cannot read %s (a kernel with the calls?)\n", path);
		exit(1);
	}
	fclose(f);
	value[strcspn(value, "\n")] = '\0';
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * Nanoseconds per call over one round: calls in batches until ROUND_NS
 * have passed. A round of fixed length keeps the error small whatever the
 * clock's resolution: a guest whose TSC could not be calibrated under
 * TCG ("tsc: Unable to calibrate against PIT") counts in jiffies, 4 ms.
 */
static double round_ns(long nr, long arg)
{
	double start = now_ns(), t;
	long n = 0, i;

	do {
		for (i = 0; i < BATCH; i++)
			syscall(nr, arg);
		n += BATCH;
		t = now_ns() - start;
	} while (t < ROUND_NS);
	return t / n;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(v[0]), cmp);
	return v[n / 2];
}

int main(void)
{
	double getppid[ROUNDS], hello[ROUNDS], hello_arg[ROUNDS], ratio[ROUNDS];
	double logged[ROUNDS];
	char burst[32], interval[32];
	long i;
	int r;

	/*
	 * The calls take turns within each round, so that whatever slows the
	 * (emulated) machine down for a while weighs on all of them alike;
	 * the ratio is the median of each round's own ratio.
	 */
	/* The limit as it was (my_syscalls.h's defaults) comes back at the end. */
	get_param("ratelimit_burst", burst, sizeof(burst));
	get_param("ratelimit_interval_ms", interval, sizeof(interval));
	set_param("ratelimit_burst", "0");
	for (i = 0; i < 10 * BATCH; i++) {	/* warm up */
		syscall(__NR_getppid);
		syscall(__NR_hello_syscall);
		syscall(__NR_hello_syscall_arg, 7);
	}
	for (r = 0; r < ROUNDS; r++) {
		getppid[r] = round_ns(__NR_getppid, 0);
		hello[r] = round_ns(__NR_hello_syscall, 0);
		hello_arg[r] = round_ns(__NR_hello_syscall_arg, 7);
		ratio[r] = hello[r] / getppid[r];
	}
	set_param("ratelimit_burst", burst);
	set_param("ratelimit_interval_ms", "0");
	for (r = 0; r < ROUNDS; r++)
		logged[r] = round_ns(__NR_hello_syscall, 0);
	set_param("ratelimit_interval_ms", interval);
	printf("BENCH {\"getppid_ns\": %.1f, \"hello_ns\": %.1f, \"hello_arg_ns\": %.1f, "
	       "\"hello_ns_logged\": %.1f, \"hello_ns_per_getppid_ns\": %.3f}\n",
	       median(getppid, ROUNDS), median(hello, ROUNDS), median(hello_arg, ROUNDS),
	       median(logged, ROUNDS), median(ratio, ROUNDS));
	return 0;
}
