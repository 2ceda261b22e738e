/*
 * callbench: nanoseconds per system call in the guest, as JSON on one line
 * starting with "BENCH ". hello_syscall is measured on the path that does
 * not log (burst 0: every call is rate limited) and on the path that does
 * (interval 0: no limit); getppid is the yardstick of a trivial call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PARAMS	"/sys/module/my_syscalls/parameters/"
#define ROUNDS	7

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

/* Median over ROUNDS rounds of calls calls each. */
static double ns_per_call(long nr, long arg, long calls)
{
	double t[ROUNDS];
	long i;
	int r;

	for (i = 0; i < calls / 10; i++)	/* warm up */
		syscall(nr, arg);
	for (r = 0; r < ROUNDS; r++) {
		double start = now_ns();

		for (i = 0; i < calls; i++)
			syscall(nr, arg);
		t[r] = (now_ns() - start) / calls;
	}
	qsort(t, ROUNDS, sizeof(t[0]), cmp);
	return t[ROUNDS / 2];
}

int main(void)
{
	double getppid_ns, hello_ns, hello_arg_ns, logged_ns;

	set_param("ratelimit_burst", "0");
	getppid_ns = ns_per_call(__NR_getppid, 0, 200000);
	hello_ns = ns_per_call(__NR_hello_syscall, 0, 200000);
	hello_arg_ns = ns_per_call(__NR_hello_syscall_arg, 7, 200000);
	set_param("ratelimit_burst", "10");
	set_param("ratelimit_interval_ms", "0");
	logged_ns = ns_per_call(__NR_hello_syscall, 0, 2000);
	set_param("ratelimit_interval_ms", "5000");
	printf("BENCH {\"getppid_ns\": %.1f, \"hello_ns\": %.1f, \"hello_arg_ns\": %.1f, "
	       "\"hello_ns_logged\": %.1f, \"hello_ns_per_getppid_ns\": %.3f}\n",
	       getppid_ns, hello_ns, hello_arg_ns, logged_ns, hello_ns / getppid_ns);
	return 0;
}
