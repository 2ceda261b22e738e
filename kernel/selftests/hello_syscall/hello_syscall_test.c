// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of hello_syscall() and hello_syscall_arg(): what they return, the
 * exact lines they log (read back from /dev/kmsg), callers of every kind,
 * and the rate limit that keeps a flood of calls out of the kernel log.
 * Needs root (to tune the rate limit and to change user).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "kmsg.h"

/* The harness of kernels before 5.9 has no SKIP(): there a skip passes. */
#ifndef SKIP
#define SKIP(statement, fmt, ...) do {				\
		TH_LOG("SKIP: " fmt, ##__VA_ARGS__);		\
		statement;					\
	} while (0)
#endif

#define PARAMS		"/sys/module/my_syscalls/parameters/"
#define PREFIX		"hello_syscall: "
#define FLOOD_CALLS	1000000
#define FLOOD_THREADS	8
#define FLOOD_UID	1000

static long sys_hello_syscall(void)
{
	return syscall(__NR_hello_syscall);
}

static long sys_hello_syscall_arg(long arg)
{
	return syscall(__NR_hello_syscall_arg, arg);
}

/*
 * A 32-bit caller of a 64-bit kernel (x86's ia32, arm64's AArch32): the
 * kernel's machine name still says 64.
 */
static int compat_caller(void)
{
	struct utsname u;
	size_t len;

	if (sizeof(long) == 8 || uname(&u) < 0)
		return 0;
	len = strlen(u.machine);
	return len >= 2 && strcmp(u.machine + len - 2, "64") == 0;
}

/* The calls are compiled in exactly when their parameters are in sysfs. */
static int calls_built_in(void)
{
	return access(PARAMS "ratelimit_burst", F_OK) == 0;
}

static int read_param(const char *name)
{
	char path[128], buf[32] = "";
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), PARAMS "%s", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? atoi(buf) : -1;
}

static int write_param(const char *name, int value)
{
	char path[128], buf[32];
	int fd, len, ret;

	snprintf(path, sizeof(path), PARAMS "%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	len = snprintf(buf, sizeof(buf), "%d", value);
	ret = write(fd, buf, len) == len ? 0 : -1;
	close(fd);
	return ret;
}

/* Counts the new records that start with prefix; the last one in last. */
static int kmsg_count(int fd, const char *prefix, char *last, size_t size)
{
	char msg[1024];
	int count = 0;

	while (kmsg_next(fd, msg, sizeof(msg))) {
		if (strncmp(msg, prefix, strlen(prefix)) == 0) {
			count++;
			if (last)
				snprintf(last, size, "%s", msg);
		}
	}
	return count;
}

/*
 * ready: the setup went through. Older harnesses (6.1's) run a test's body
 * even after its setup skipped, so each test checks it first.
 */
FIXTURE(log) {
	int ready;
	int kmsg;
	int burst;
	int interval_ms;
};

/* Every call logs during these tests: the rate limit is off, then restored. */
FIXTURE_SETUP(log)
{
	if (!calls_built_in())
		SKIP(return, "hello_syscall is not built into this kernel");
	self->burst = read_param("ratelimit_burst");
	self->interval_ms = read_param("ratelimit_interval_ms");
	ASSERT_LE(0, self->burst);
	ASSERT_LE(0, self->interval_ms);
	ASSERT_EQ(0, write_param("ratelimit_interval_ms", 0));
	self->kmsg = kmsg_open_at_end();
	ASSERT_LE(0, self->kmsg);
	self->ready = 1;
}

FIXTURE_TEARDOWN(log)
{
	if (self->interval_ms >= 0) {
		write_param("ratelimit_burst", self->burst);
		write_param("ratelimit_interval_ms", self->interval_ms);
	}
	if (self->kmsg >= 0)
		close(self->kmsg);
}

TEST_F(log, hello_returns_zero_and_logs_one_line)
{
	char last[1024] = "";

	if (!self->ready)
		SKIP(return, "setup skipped");
	ASSERT_EQ(0, sys_hello_syscall());
	EXPECT_EQ(1, kmsg_count(self->kmsg, PREFIX, last, sizeof(last)));
	EXPECT_STREQ("hello_syscall: Hello world!", last);
}

TEST_F(log, arg_values_log_exactly)
{
	static const int values[] = { 0, 1, -1, INT_MIN, INT_MAX };
	char want[64], last[1024];
	size_t i;

	if (!self->ready)
		SKIP(return, "setup skipped");
	for (i = 0; i < ARRAY_SIZE(values); i++) {
		ASSERT_EQ(0, sys_hello_syscall_arg(values[i]));
		snprintf(want, sizeof(want), PREFIX "arg = %d", values[i]);
		last[0] = '\0';
		EXPECT_EQ(1, kmsg_count(self->kmsg, PREFIX, last,
					sizeof(last)));
		EXPECT_STREQ(want, last);
	}
}

TEST_F(log, arg_uses_only_the_low_int_of_the_register)
{
	unsigned long long reg = 0xffffffff00000007ULL;
	char last[1024] = "";

	if (!self->ready)
		SKIP(return, "setup skipped");
	if (sizeof(long) < sizeof(reg))
		SKIP(return, "registers are 32 bits wide here");
	ASSERT_EQ(0, sys_hello_syscall_arg((long)reg));
	EXPECT_EQ(1, kmsg_count(self->kmsg, PREFIX, last, sizeof(last)));
	EXPECT_STREQ("hello_syscall: arg = 7", last);
}

TEST_F(log, unprivileged_caller_succeeds)
{
	char last[1024] = "";
	int status;
	pid_t pid;

	if (!self->ready)
		SKIP(return, "setup skipped");
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (setgid(FLOOD_UID) || setuid(FLOOD_UID) ||
		    getuid() != FLOOD_UID)
			_exit(2);
		_exit(sys_hello_syscall_arg(1000) == 0 ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status)) {
		TH_LOG("as uid %d: %s", FLOOD_UID,
		       WEXITSTATUS(status) == 2 ? "setuid failed" :
		       "the call failed");
	}
	EXPECT_EQ(1, kmsg_count(self->kmsg, PREFIX, last, sizeof(last)));
	EXPECT_STREQ("hello_syscall: arg = 1000", last);
}

TEST_F(log, root_can_tune_the_rate_limit)
{
	if (!self->ready)
		SKIP(return, "setup skipped");
	ASSERT_EQ(0, write_param("ratelimit_burst", 3));
	EXPECT_EQ(3, read_param("ratelimit_burst"));
	EXPECT_EQ(-1, write_param("ratelimit_burst", -1));
	EXPECT_EQ(3, read_param("ratelimit_burst"));
}

static void *flood_thread(void *arg)
{
	long calls = (long)arg, failed = 0, i;

	for (i = 0; i < calls; i++)
		failed += sys_hello_syscall() != 0;
	return (void *)failed;
}

/* As an unprivileged user: FLOOD_CALLS calls over FLOOD_THREADS threads. */
static int flood(void)
{
	pthread_t threads[FLOOD_THREADS];
	long failed = 0;
	void *ret;
	int i;

	if (setgid(FLOOD_UID) || setuid(FLOOD_UID))
		return 2;
	for (i = 0; i < FLOOD_THREADS; i++)
		if (pthread_create(&threads[i], NULL, flood_thread,
				   (void *)(long)(FLOOD_CALLS / FLOOD_THREADS)))
			return 3;
	for (i = 0; i < FLOOD_THREADS; i++) {
		pthread_join(threads[i], &ret);
		failed += (long)ret;
	}
	return failed ? 1 : 0;
}

/*
 * Counts the records logged since the last read: the calls' lines, the
 * "callbacks suppressed" notes, and the marker. True once a note was seen.
 */
static int kmsg_has_note(int fd, int *hello, int *notes, const char *marker,
			 int *found)
{
	char msg[1024];

	while (kmsg_next(fd, msg, sizeof(msg))) {
		if (strcmp(msg, marker) == 0)
			*found = 1;
		else if (strncmp(msg, PREFIX, strlen(PREFIX)) == 0)
			(*hello)++;
		else if (strstr(msg, "callbacks suppressed"))
			(*notes)++;
	}
	return *notes > 0;
}

static long ms_between(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000 +
	       (b->tv_nsec - a->tv_nsec) / 1000000;
}

/* Writes marker into the kernel log, a record of its own; 0, or -1. */
static int log_marker(const char *marker)
{
	char line[136];
	ssize_t n;
	int fd = open("/dev/kmsg", O_WRONLY);

	if (fd < 0)
		return -1;
	/* With its newline, or printk holds the record open for more. */
	snprintf(line, sizeof(line), "%s\n", marker);
	n = write(fd, line, strlen(line));
	close(fd);
	return n == (ssize_t)strlen(line) ? 0 : -1;
}

/* 1 if the kernel log, read from its start, holds marker; 0; -1. */
static int log_has(const char *marker)
{
	char msg[1024];
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK), found = 0;

	if (fd < 0)
		return -1;
	while (kmsg_next(fd, msg, sizeof(msg)))
		found |= strcmp(msg, marker) == 0;
	close(fd);
	return found;
}

TEST_F_TIMEOUT(log, flood_is_rate_limited, 600)
{
	const int burst = 10, interval_ms = 1000;
	struct timespec t0, t1;
	char marker[128];
	int hello, notes, intervals, status, found = 0, i;
	long elapsed_ms;
	pid_t pid;

	if (!self->ready)
		SKIP(return, "setup skipped");
	ASSERT_EQ(0, write_param("ratelimit_burst", burst));
	ASSERT_EQ(0, write_param("ratelimit_interval_ms", interval_ms));
	snprintf(marker, sizeof(marker), "hello_syscall_test: marker %d %ld",
		 getpid(), (long)time(NULL));
	ASSERT_EQ(0, log_marker(marker));

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(flood());
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status)) {
		TH_LOG("flood: %s", WEXITSTATUS(status) == 1 ?
		       "a call did not return 0" :
		       "could not start as uid 1000");
	}

	elapsed_ms = ms_between(&t0, &t1);
	hello = 0;
	notes = 0;
	kmsg_has_note(self->kmsg, &hello, &notes, marker, &found);

	/*
	 * Once the interval is over, the next call starts a new one and the
	 * kernel notes how many lines the flood had dropped. The kernel counts
	 * the interval in jiffies, which under emulation can fall far behind
	 * the clock this process sleeps by: so one call every 200 ms until the
	 * note shows (printk defers it a little), for 60 s at most.
	 */
	for (i = 0; i < 300 && !notes; i++) {
		usleep(200 * 1000);
		ASSERT_EQ(0, sys_hello_syscall());
		kmsg_has_note(self->kmsg, &hello, &notes, marker, &found);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	intervals = ms_between(&t0, &t1) / interval_ms + 2;
	TH_LOG("%d calls in %ld ms, then %d more: %d lines logged, %d notes",
	       FLOOD_CALLS, elapsed_ms, i, hello, notes);
	EXPECT_EQ(1, found);
	EXPECT_LE(2, hello);
	EXPECT_LE(hello, burst * intervals);
	EXPECT_LE(1, notes);
	EXPECT_LE(notes, intervals);
	/* The marker is still in the log, read from its start. */
	EXPECT_EQ(1, log_has(marker));
}

/*
 * Syscall tracepoints (CONFIG_FTRACE_SYSCALLS): the kernel makes
 * syscalls:sys_enter_<name> and sys_exit_<name> for a SYSCALL_DEFINE call
 * whose table entry matches its definition.
 */
#define TRACEFS		"/sys/kernel/tracing/"
#define TRACE_EVENTS	TRACEFS "events/syscalls/"
#define ENTER_ENABLE	TRACE_EVENTS "sys_enter_hello_syscall_arg/enable"
#define EXIT_ENABLE	TRACE_EVENTS "sys_exit_hello_syscall_arg/enable"
#define TRACE_ARG	0x5eed

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	ssize_t len = (ssize_t)strlen(text), n;

	if (fd < 0)
		return -1;
	n = write(fd, text, len);
	close(fd);
	return n == len ? 0 : -1;
}

/* Reads the whole trace into buf; returns its length or -1. */
static ssize_t read_trace(char *buf, size_t size)
{
	int fd = open(TRACEFS "trace", O_RDONLY);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

/* 1 if the trace has text (an int: the harness compares integers). */
static int has(const char *trace, const char *text)
{
	return !!strstr(trace, text);
}

FIXTURE(trace) {
	int ready;
	char buf[1 << 16];
};

FIXTURE_SETUP(trace)
{
	if (!calls_built_in())
		SKIP(return, "hello_syscall is not built into this kernel");
	if (access(TRACEFS "trace", F_OK) != 0)
		mount("tracefs", TRACEFS, "tracefs", 0, NULL);
	if (access(TRACE_EVENTS "sys_enter_hello_syscall_arg", F_OK) != 0)
		SKIP(return, "no syscall tracepoints (CONFIG_FTRACE_SYSCALLS)");
	ASSERT_EQ(0, write_file(TRACEFS "tracing_on", "0"));
	ASSERT_EQ(0, write_file(TRACEFS "trace", ""));
	ASSERT_EQ(0, write_file(ENTER_ENABLE, "1"));
	ASSERT_EQ(0, write_file(EXIT_ENABLE, "1"));
	ASSERT_EQ(0, write_file(TRACEFS "tracing_on", "1"));
	/* Seen in every trace: proof that tracing was on and read back. */
	ASSERT_EQ(0, write_file(TRACEFS "trace_marker", "hello_syscall_test"));
	ASSERT_EQ(0, sys_hello_syscall_arg(TRACE_ARG));
	ASSERT_EQ(0, write_file(TRACEFS "tracing_on", "0"));
	ASSERT_LT(0, read_trace(self->buf, sizeof(self->buf)));
	ASSERT_EQ(1, has(self->buf, "hello_syscall_test"));
	self->ready = 1;
}

FIXTURE_TEARDOWN(trace)
{
	write_file(ENTER_ENABLE, "0");
	write_file(EXIT_ENABLE, "0");
}

TEST_F(trace, enter_event_has_the_arg_exit_event_the_return)
{
	if (!self->ready)
		SKIP(return, "setup skipped");
	if (compat_caller())
		SKIP(return, "a native caller's test");
	EXPECT_EQ(1, has(self->buf, "sys_hello_syscall_arg(arg: 5eed)"));
	EXPECT_EQ(1, has(self->buf, "sys_hello_syscall_arg -> 0x0"));
}

/*
 * x86 and arm64 leave compat (32-bit) calls out of syscalls:* events
 * (ARCH_TRACE_IGNORE_COMPAT_SYSCALLS): their numbers are another table's.
 */
TEST_F(trace, calls_of_a_compat_caller_have_no_events)
{
	if (!self->ready)
		SKIP(return, "setup skipped");
	if (!compat_caller())
		SKIP(return, "a compat caller's test");
	EXPECT_EQ(0, has(self->buf, "sys_hello_syscall_arg("));
	EXPECT_EQ(0, has(self->buf, "sys_hello_syscall_arg ->"));
}

TEST(calls_fail_with_enosys_when_compiled_out)
{
	if (calls_built_in())
		SKIP(return, "hello_syscall is built into this kernel");
	errno = 0;
	ASSERT_EQ(-1, sys_hello_syscall());
	EXPECT_EQ(ENOSYS, errno);
	errno = 0;
	ASSERT_EQ(-1, sys_hello_syscall_arg(1));
	EXPECT_EQ(ENOSYS, errno);
}

TEST_HARNESS_MAIN
