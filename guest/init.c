// SPDX-License-Identifier: GPL-2.0
/*
 * init: PID 1 of the test VM.
 *
 * Mounts what the tests need, runs them as the kernel command line asks
 * (hello.mode=run|shell|selftest|kselftest, hello.exec=PROG, hello.uid=UID),
 * prints the kernel log lines the calls produced, writes the verdict to its
 * own channel (hello.verdict=DEVICE, which qrun names from config/arches;
 * hello.verdict=console: the console, for a lab that reads only that, LAVA)
 * and reboots, which ends QEMU (-no-reboot); or powers off
 * (hello.end=poweroff), where the firmware cannot reset: sparc64's OpenBIOS.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "crash_marks.h"
#include "kmsg.h"		/* from kernel/selftests/hello_syscall/ */
#include "verdict.h"

/* The verdict's channel; NULL: the console, where each line starts "[init] ". */
static FILE *verdict;
static int passed, failed;
/* hello.end=poweroff: the guest ends by powering off instead of a reset. */
static int power_off;

static void report(const char *kind, const char *fmt, ...)
{
	va_list ap;

	if (strcmp(kind, VERDICT_PASS) == 0)
		passed++;
	else if (strcmp(kind, VERDICT_FAIL) == 0)
		failed++;
	printf(VERDICT_CONSOLE "%s ", kind);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!verdict)
		return;
	fprintf(verdict, "%s ", kind);
	va_start(ap, fmt);
	vfprintf(verdict, fmt, ap);
	va_end(ap);
	fprintf(verdict, "\n");
	fflush(verdict);
}

static void finish(int exit_status, int have_exit)
{
	FILE *channel = verdict ? verdict : stdout;
	const char *prefix = verdict ? "" : VERDICT_CONSOLE;

	if (have_exit)
		fprintf(channel, "%s" VERDICT_EXIT " %d\n", prefix, exit_status);
	printf("[init] %d passed, %d failed\n", passed, failed);
	fprintf(channel, "%s" VERDICT_END "\n", prefix);
	fflush(stdout);
	fflush(channel);
	/* A serial port sends what it holds only while the guest runs. */
	tcdrain(fileno(channel));
	tcdrain(1);
	sync();
	reboot(power_off ? RB_POWER_OFF : RB_AUTOBOOT);
	for (;;)
		pause();
}

/* Which kernel this is: its build number and link time tell a stale one. */
static void say_kernel(void)
{
	struct utsname u;

	if (uname(&u) < 0)
		return;
	printf(VERDICT_CONSOLE "kernel %s %s\n", u.release, u.version);
	if (verdict) {
		fprintf(verdict, VERDICT_KERNEL " %s %s\n", u.release, u.version);
		fflush(verdict);
	}
}

/*
 * Value of key=... on the kernel command line, copied into val (each caller
 * its own buffer), or def.
 */
static const char *param(const char *cmdline, const char *key, const char *def,
			 char *val, size_t size)
{
	size_t n = strlen(key);
	const char *p = cmdline;

	while ((p = strstr(p, key))) {
		if ((p == cmdline || p[-1] == ' ') && p[n] == '=') {
			size_t len = strcspn(p + n + 1, " \n");

			snprintf(val, size, "%.*s", (int)len, p + n + 1);
			return val;
		}
		p += n;
	}
	return def;
}

/*
 * Starts argv as uid, its standard output on out (-1: the console); returns
 * its pid, or -1. The child exits 126 if it cannot become uid, 127 if
 * argv[0] does not run, each said on the console.
 */
static pid_t spawn(char *const argv[], uid_t uid, int out)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	if (out >= 0)
		dup2(out, 1);
	if (uid && (setgid(uid) < 0 || setuid(uid) < 0)) {
		fprintf(stderr, "[init] cannot become uid %u: %s\n", uid, strerror(errno));
		_exit(126);
	}
	execv(argv[0], argv);
	fprintf(stderr, "[init] cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* Runs argv as uid, output on the console; returns its exit status, or -1. */
static int run(char *const argv[], uid_t uid)
{
	int status;
	pid_t pid = spawn(argv, uid, -1);

	if (pid < 0)
		return -1;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	if (WIFSIGNALED(status)) {
		printf("[init] %s killed by signal %d\n", argv[0], WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}

/*
 * Prints the new kernel log lines that start with prefix; counts those equal
 * to each of want[] (found[i]).
 */
static void kmsg_collect(int fd, const char *prefix, const char *const want[],
			 int nwant, int found[])
{
	char msg[8192];
	int i;

	while (kmsg_next(fd, msg, sizeof(msg))) {
		if (strncmp(msg, prefix, strlen(prefix)) != 0)
			continue;
		printf("[kernel log] %s\n", msg);
		for (i = 0; i < nwant; i++)
			if (strcmp(msg, want[i]) == 0)
				found[i]++;
	}
	fflush(stdout);
}

/*
 * A result line of a kselftest harness older than TAP: "[       OK ] name"
 * or "[     FAIL ] name". Returns the name, or NULL for any other line.
 */
static const char *old_harness_result(const char *line, int *failed_test)
{
	static const char ok[] = "[       OK ] ", fail[] = "[     FAIL ] ";

	*failed_test = strncmp(line, fail, sizeof(fail) - 1) == 0;
	if (*failed_test || strncmp(line, ok, sizeof(ok) - 1) == 0)
		return line + sizeof(ok) - 1;
	return NULL;
}

/* What a program's standard output said of its checks. */
struct tally {
	int planned;		/* what its plans ("1..N") add up to; -1: none */
	int results, failed;	/* its result lines, and of those the failed */
	int summary, sum_passed, sum_failed;	/* its "N passed, N failed" line */
};

/*
 * Starts prog as uid, its standard output into a pipe: returns the pipe's
 * reading end and sets *pid, or reports why not and returns NULL.
 */
static FILE *spawn_piped(const char *prog, uid_t uid, pid_t *pid)
{
	char *argv[] = { (char *)prog, NULL };
	int pipefd[2];
	FILE *out;

	if (pipe(pipefd) < 0) {
		report(VERDICT_FAIL, "%s: pipe: %s", prog, strerror(errno));
		return NULL;
	}
	/* the program has the pipe as its output only (dup2 keeps that one) */
	fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
	fcntl(pipefd[1], F_SETFD, FD_CLOEXEC);
	*pid = spawn(argv, uid, pipefd[1]);
	if (*pid < 0) {
		report(VERDICT_FAIL, "%s: fork: %s", prog, strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		return NULL;
	}
	close(pipefd[1]);
	out = fdopen(pipefd[0], "r");
	if (!out)
		close(pipefd[0]);
	return out;
}

/* "N passed, N failed" alone on a line, perhaps after "word: ". */
static int summary_line(const char *line, int *passed_n, int *failed_n)
{
	const char *colon = strchr(line, ':');
	int end = -1;

	if (colon && !memchr(line, ' ', (size_t)(colon - line)))
		line = colon + 1;
	if (sscanf(line, " %d passed, %d failed%n", passed_n, failed_n, &end) != 2)
		return 0;
	return line[end] == '\0' || strncmp(line + end, ", ", 2) == 0;
}

/* The name of a TAP result after its number: "ok 3 - name", "ok 3 name". */
static const char *tap_name(const char *after_ok)
{
	const char *name = strchr(after_ok, ' ');

	if (name && strncmp(name, " - ", 3) == 0)
		return name + 3;
	return name ? name + 1 : NULL;
}

/*
 * Copies a program's output to the console; each "ok"/"not ok" line is
 * one check, reported with label before its name; plans and a summary
 * line are kept in t.
 */
static void read_checks(FILE *out, const char *label, struct tally *t)
{
	char line[1024];
	int old_plan, failed_test;

	memset(t, 0, sizeof(*t));
	t->planned = -1;
	while (fgets(line, sizeof(line), out)) {
		const char *name;
		int skip;

		fputs(line, stdout);
		line[strcspn(line, "\n")] = '\0';
		skip = strstr(line, "# SKIP") != NULL;
		/* run_kselftest.sh gives each suite a plan of its own: they add up */
		if (strncmp(line, "1..", 3) == 0 ||
		    sscanf(line, "[==========] Running %d tests", &old_plan) == 1)
			t->planned = (t->planned < 0 ? 0 : t->planned) +
				     (strncmp(line, "1..", 3) == 0 ? atoi(line + 3) : old_plan);
		if (strncmp(line, "ok ", 3) == 0 && (name = tap_name(line + 3))) {
			report(skip ? VERDICT_SKIP : VERDICT_PASS, "%s%s", label, name);
			t->results++;
		} else if (strncmp(line, "not ok ", 7) == 0 && (name = tap_name(line + 7))) {
			report(VERDICT_FAIL, "%s%s", label, name);
			t->results++;
			t->failed++;
		} else if ((name = old_harness_result(line, &failed_test))) {
			/* Harnesses before TAP (5.4): "[       OK ] name" */
			report(failed_test ? VERDICT_FAIL : VERDICT_PASS, "%s%s", label, name);
			t->results++;
			t->failed += failed_test;
		} else if (summary_line(line, &t->sum_passed, &t->sum_failed)) {
			t->summary = 1;
		}
	}
}

/* Waits for a program started by spawn_piped: its exit status, or 128 + signal. */
static int reap(FILE *out, pid_t pid)
{
	int status;

	fclose(out);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/*
 * Runs a kselftest program; every "ok"/"not ok" line of its TAP output
 * counts, and so do its plans: fewer results than all "1..N" add up to is
 * a failure.
 */
static void run_selftest(const char *prog, const char *label)
{
	struct tally t;
	pid_t pid;
	FILE *out = spawn_piped(prog, 0, &pid);
	int st;

	if (!out)
		return;
	read_checks(out, label, &t);
	st = reap(out, pid);
	if (t.planned != t.results)
		report(VERDICT_FAIL, "%s%s: planned %d tests, reported %d", label, prog, t.planned,
		       t.results);
	if (st != 0 && st != 4)		/* 4: the harness's "skipped" */
		report(VERDICT_FAIL, "%s%s: exit status %d", label, prog, st);
}

/*
 * The user's program (make run EXEC=): its checks count with init's, from
 * its TAP lines or else its "N passed, N failed" line; its exit status is
 * a check of its own where it failed and no check of it said so, or where
 * it reported none. Returns the exit status.
 */
static int run_exec(const char *prog, uid_t uid)
{
	char label[300];
	struct tally t;
	pid_t pid;
	FILE *out = spawn_piped(prog, uid, &pid);
	int st, i;

	if (!out)
		return 127;
	snprintf(label, sizeof(label), "exec: %s: ", prog);
	read_checks(out, label, &t);
	st = reap(out, pid);
	printf("[init] %s exited with status %d\n", prog, st);
	if (t.results && t.planned >= 0 && t.planned != t.results)
		report(VERDICT_FAIL, "%splanned %d checks, reported %d", label, t.planned, t.results);
	if (!t.results && t.summary) {
		for (i = 1; i <= t.sum_passed; i++)
			report(VERDICT_PASS, "%scheck %d of %d passed (its summary line)", label, i,
			       t.sum_passed);
		for (i = 1; i <= t.sum_failed; i++)
			report(VERDICT_FAIL, "%scheck %d of %d failed (its summary line)", label, i,
			       t.sum_failed);
		t.results = t.sum_passed + t.sum_failed;
		t.failed = t.sum_failed;
	}
	if (st != 0 && !t.failed)
		report(VERDICT_FAIL, "%sexit status %d", label, st);
	else if (st == 0 && !t.results)
		report(VERDICT_PASS, "%sexit status 0", label);
	return st;
}

static void mode_run(const char *exec, uid_t uid)
{
	static const char *const want[] = {
		"hello_syscall: Hello world!",
		"hello_syscall: arg = 42",
	};
	char *test[] = { "/bin/hello_test", "42", NULL };
	int found[2] = { 0, 0 }, kmsg, st, i;

	kmsg = kmsg_open_at_end();
	if (kmsg < 0)
		report(VERDICT_FAIL, "kmsg: cannot open /dev/kmsg: %s", strerror(errno));
	st = run(test, 0);
	if (st == 0)
		report(VERDICT_PASS, "hello_test: both calls returned 0");
	else
		report(VERDICT_FAIL, "hello_test: exit status %d (its message is above)", st);
	if (kmsg >= 0) {
		kmsg_collect(kmsg, "hello_syscall:", want, 2, found);
		for (i = 0; i < 2; i++) {
			if (found[i])
				report(VERDICT_PASS, "kernel log has \"%s\"", want[i]);
			else
				report(VERDICT_FAIL, "kernel log lacks \"%s\"", want[i]);
		}
	}
	if (exec) {
		printf("[init] running %s as uid %u\n", exec, uid);
		fflush(stdout);
		finish(run_exec(exec, uid), 1);
	}
	finish(0, 0);
}

/* Whether a kernel log line is the start of a report of a bug. */
static int crash_mark(const char *msg)
{
	size_t i;

	for (i = 0; i < N_CRASH_MARKS; i++)
		if (strstr(msg, crash_marks[i]))
			return 1;
	return 0;
}

/* After everything: no report of a kernel bug anywhere in the log. */
static void check_kernel_log(void)
{
	char msg[8192];
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK), n_bad = 0;

	if (fd < 0) {
		report(VERDICT_FAIL, "kernel log: cannot open /dev/kmsg: %s", strerror(errno));
		return;
	}
	while (kmsg_next(fd, msg, sizeof(msg))) {
		if (crash_mark(msg)) {
			printf("[init] kernel log: %s\n", msg);
			n_bad++;
		}
	}
	close(fd);
	if (n_bad)
		report(VERDICT_FAIL, "kernel log has %d BUG, WARNING, Oops or lockdep lines", n_bad);
	else
		report(VERDICT_PASS, "kernel log has no BUG, WARNING, Oops or lockdep report");
}

/* Calls FN(DIR, NAME, ARG) for each entry of DIR but dot files, in name order. */
static void each_entry(const char *dir,
		       void (*fn)(const char *dir, const char *name, const char *arg),
		       const char *arg)
{
	struct dirent **names;
	int n, i;

	n = scandir(dir, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.')
			fn(dir, names[i]->d_name, arg);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

static void call_selftest(const char *dir, const char *call, const char *label)
{
	char prog[600], name[600];

	snprintf(prog, sizeof(prog), "%s/%s", dir, call);
	snprintf(name, sizeof(name), "%s: %s: ", label, call);
	run_selftest(prog, name);
}

/*
 * The selftests of the calls made by 'make new-call', in name order:
 * /selftests/native/<call> and, where the architecture has 32-bit callers
 * of a 64-bit kernel, /selftests/compat/<call>. LABEL is the callers' word
 * size, as the output names it ("64-bit: name: ...").
 */
static void run_call_selftests(const char *dirname, const char *label)
{
	char dir[300];

	snprintf(dir, sizeof(dir), "/selftests/%s", dirname);
	each_entry(dir, call_selftest, label);
}

/*
 * A further ABI of a 64-bit kernel (x86_64's x32): a folder of /selftests
 * beside native and compat, named by its label, with the calls' selftests
 * built for it, and /bin/hello_syscall_test_<label>.
 */
static void other_abi(const char *dir, const char *abi, const char *unused)
{
	char prog[320], label[300];

	(void)dir;
	(void)unused;
	if (!strcmp(abi, "native") || !strcmp(abi, "compat"))
		return;
	snprintf(prog, sizeof(prog), "/bin/hello_syscall_test_%s", abi);
	snprintf(label, sizeof(label), "%s: ", abi);
	run_selftest(prog, label);
	run_call_selftests(abi, abi);
}

static void mode_selftest(void)
{
	/* The native programs' word size is init's own. */
	const char *native = sizeof(long) == 8 ? "64-bit" : "32-bit";
	char label[16];

	snprintf(label, sizeof(label), "%s: ", native);
	run_selftest("/bin/hello_syscall_test", label);
	/* 32-bit callers of a 64-bit kernel: x86_64's ia32, arm64's AArch32. */
	if (access("/bin/hello_syscall_test_32", X_OK) == 0)
		run_selftest("/bin/hello_syscall_test_32", "32-bit: ");
	else
		report(VERDICT_SKIP, "%s: no 32-bit callers of a 64-bit kernel on this architecture",
		       sizeof(long) == 8 ? "32-bit" : "compat");
	run_call_selftests("native", native);
	run_call_selftests("compat", "32-bit");
	each_entry("/selftests", other_abi, NULL);
	check_kernel_log();
	finish(0, 0);
}

/* The fuzzer's budget and calls (hello.fuzz_s, hello.fuzz_calls, hello.fuzz_only). */
static const char *fuzz_s, *fuzz_calls, *fuzz_only;
static int fuzz_reported;	/* the kernel reported a bug: the other ABIs are skipped */

static double uptime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * One build of callfuzz (guest/callfuzz.c), /bin/callfuzz[_LABEL], run as
 * the unprivileged user 65534, while init reads the kernel's log: at its
 * first report of a bug, init says how long the fuzzing took to find it
 * and stops the fuzzer (SIGTERM: it prints what it did). The fuzzer's own
 * exit says whether it ran to its end (no call that hangs, not killed).
 */
static void fuzz_one(const char *dir, const char *prog, const char *native)
{
	enum { MAX_CALLS = 64 };
	/* callfuzz, its three options with their values, the calls, NULL */
	char path[300], label[64], only[2048], msg[8192], *argv[7 + MAX_CALLS + 1], *w;
	int n = 0, status = 0, kfd;
	double start;
	pid_t pid;

	if (fuzz_reported || strncmp(prog, "callfuzz", 8) || (prog[8] && prog[8] != '_'))
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, prog);
	snprintf(label, sizeof(label), "%s", !prog[8] ? native :
		 strcmp(prog + 9, "32") ? prog + 9 : "32-bit");
	argv[n++] = path;
	argv[n++] = "-t";
	argv[n++] = (char *)fuzz_s;
	argv[n++] = "-n";
	argv[n++] = (char *)fuzz_calls;
	argv[n++] = "-l";
	argv[n++] = label;
	snprintf(only, sizeof(only), "%s", fuzz_only);
	for (w = strtok(only, ","); w; w = strtok(NULL, ",")) {
		if (n == (int)(sizeof(argv) / sizeof(argv[0])) - 1) {
			report(VERDICT_FAIL, "%s: hello.fuzz_only names more than %d calls",
			       label, MAX_CALLS);
			return;
		}
		argv[n++] = w;
	}
	argv[n] = NULL;
	kfd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (kfd >= 0)
		lseek(kfd, 0, SEEK_END);	/* what the kernel says from now on */
	start = uptime();
	pid = spawn(argv, 65534, -1);
	while (pid > 0 && waitpid(pid, &status, WNOHANG) == 0) {
		usleep(100000);
		while (kfd >= 0 && !fuzz_reported && kmsg_next(kfd, msg, sizeof(msg))) {
			if (!crash_mark(msg))
				continue;
			fuzz_reported = 1;
			printf("[init] %s: the kernel reported a bug after %.1f s of fuzzing: %s\n",
			       label, uptime() - start, msg);
			kill(pid, SIGTERM);
		}
	}
	if (kfd >= 0)
		close(kfd);
	if (fuzz_reported)
		report(VERDICT_FAIL, "%s: callfuzz: the kernel reported a bug (its log follows)", label);
	else if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		report(VERDICT_PASS, "%s: callfuzz ran its budget", label);
	else
		report(VERDICT_FAIL, "%s: callfuzz %s", label,
		       pid < 0 ? "could not be started" : !WIFEXITED(status) ? "was killed" :
		       WEXITSTATUS(status) == 1 ? "found a call that hangs" :
		       WEXITSTATUS(status) == 3 ? "lost its fuzzing process to a signal" :
		       "failed");
}

static void mode_fuzz(const char *cmdline)
{
	static char s_buf[32], n_buf[32], only_buf[2048];

	fuzz_s = param(cmdline, "hello.fuzz_s", "10", s_buf, sizeof(s_buf));
	fuzz_calls = param(cmdline, "hello.fuzz_calls", "0", n_buf, sizeof(n_buf));
	fuzz_only = param(cmdline, "hello.fuzz_only", "", only_buf, sizeof(only_buf));
	each_entry("/bin", fuzz_one, sizeof(long) == 8 ? "64-bit" : "32-bit");
	check_kernel_log();
	finish(0, 0);
}

/* busybox's commands as /bin/<name>, for shells and scripts. */
static void install_busybox(void)
{
	char *install[] = { "/bin/busybox", "--install", "-s", "/bin", NULL };

	run(install, 0);
	setenv("PATH", "/bin", 1);
}

/*
 * The suite the way upstream runs it: the kselftest framework's own
 * run_kselftest.sh, installed by 'make -C tools/testing/selftests install'.
 */
static void mode_kselftest(void)
{
	install_busybox();
	if (chdir("/kselftest") < 0)
		report(VERDICT_FAIL, "kselftest: no /kselftest: %s", strerror(errno));
	else
		run_selftest("/kselftest/run_kselftest.sh", "run_kselftest.sh: ");
	check_kernel_log();
	finish(0, 0);
}

static void mode_shell(void)
{
	char *sh[] = { "/bin/sh", "-l", NULL };
	pid_t pid;

	install_busybox();
	printf("\n[init] shell: the test program is /bin/hello_test; read the kernel log with dmesg; 'exit' ends QEMU\n\n");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		setsid();
		ioctl(0, TIOCSCTTY, 1);
		setenv("PS1", "hello_syscall# ", 1);
		execv(sh[0], sh);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
	finish(0, 0);
}

int main(void)
{
	char cmdline[4096] = "", mode_buf[64], uid_buf[32], exec_buf[256], dev_buf[64];
	char end_buf[16];
	const char *mode, *exec, *uid_s, *dev;
	char *end;
	long uid;
	int fd;
	ssize_t n;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open("/proc/cmdline", O_RDONLY);
	if (fd >= 0) {
		n = read(fd, cmdline, sizeof(cmdline) - 1);
		cmdline[n > 0 ? n : 0] = '\0';
		close(fd);
	}
	/* The verdict's own channel: the runner names its device. */
	dev = param(cmdline, "hello.verdict", "console", dev_buf, sizeof(dev_buf));
	mode = param(cmdline, "hello.mode", "run", mode_buf, sizeof(mode_buf));
	power_off = strcmp(param(cmdline, "hello.end", "reboot", end_buf, sizeof(end_buf)),
			   "poweroff") == 0;
	verdict = strcmp(dev, "console") ? fopen(dev, "we") : NULL;
	if (!verdict && strcmp(dev, "console"))
		printf("[init] no verdict channel (hello.verdict=%s: %s); it goes to the console\n",
		       dev, strerror(errno));
	/*
	 * The verdict is init's alone: its descriptor closes on exec (the
	 * programs it runs do not inherit it), and the device's node goes, so
	 * that no program can open it by name either.
	 */
	if (verdict && strncmp(dev, "/dev/", 5) == 0)
		unlink(dev);
	/* Where the console is the channel, its reader waits for this line. */
	if (!verdict)
		printf(VERDICT_CONSOLE VERDICT_ON_CONSOLE ": hello.mode=%s\n", mode);
	say_kernel();
	exec = param(cmdline, "hello.exec", NULL, exec_buf, sizeof(exec_buf));
	uid_s = param(cmdline, "hello.uid", "0", uid_buf, sizeof(uid_buf));
	uid = strtol(uid_s, &end, 10);
	if (*uid_s == '\0' || *end || uid < 0 || uid > 65535) {
		report(VERDICT_FAIL, "hello.uid=%s: give a user id from 0 to 65535", uid_s);
		finish(0, 0);
	}
	if (strcmp(mode, "shell") == 0)
		mode_shell();
	else if (strcmp(mode, "selftest") == 0)
		mode_selftest();
	else if (strcmp(mode, "kselftest") == 0)
		mode_kselftest();
	else if (strcmp(mode, "run") == 0)
		mode_run(exec, (uid_t)uid);
	else if (strcmp(mode, "fuzz") == 0)
		mode_fuzz(cmdline);
	report(VERDICT_FAIL, "hello.mode=%s: unknown mode; give run, selftest, kselftest, fuzz or shell", mode);
	finish(0, 0);
	return 0;
}
