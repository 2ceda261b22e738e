/*
 * qrun: boots a kernel and initramfs in QEMU and returns the guest's verdict.
 *
 * The console (ttyS0) is streamed to standard output and watched for kernel
 * crashes; the verdict comes on its own channel, the second serial port
 * (ttyS1), written by the guest's init as lines:
 *   PASS name | FAIL name: why | SKIP name: why | EXIT status | END
 * KVM is used only when a quick probe of /dev/kvm answers and the guest then
 * shows signs of life; otherwise, or when asked, software emulation (TCG).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
	QR_PASS = 0,		/* every guest test passed */
	QR_FAIL = 1,		/* a guest test failed, or none ran */
	QR_USAGE = 2,		/* bad arguments, missing files */
	QR_TIMEOUT = 3,		/* no verdict within the time limit */
	QR_CRASH = 4,		/* panic, Oops, BUG or WARNING on the console */
	QR_QEMU = 5,		/* QEMU failed, or the guest ended with no verdict */
};

#define QBOOT			"/usr/share/qemu/qboot.rom"
#define KVM_GET_API_VERSION	0xAE00
#define KVM_CREATE_VM		0xAE01

static const char *const crash_marks[] = {
	"Kernel panic", "Oops:", "BUG:", "WARNING:", "cut here ]",
	"general protection fault", "UBSAN:", "KASAN:", "possible recursive locking",
	"possible circular locking", "INFO: task ", "Call Trace:",
};

static struct {
	const char *kernel, *initrd, *qemu, *accel, *bios;
	int timeout, mem, interactive, exec_status, quiet, kvm_grace;
	char append[4096];
} opt = {
	.qemu = "qemu-system-x86_64", .accel = "auto", .bios = "auto",
	.timeout = 120, .mem = 128, .kvm_grace = 3,
};
static const char *kvm_cache;	/* remembers a KVM that hangs */

static volatile sig_atomic_t stop_signal;
static char tmpdir[2048];
static const char *workdir;

static void say(const char *fmt, ...)
{
	va_list ap;

	fputs("qrun: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void usage(FILE *f, int code)
{
	fprintf(f,
		"usage: qrun --kernel BZIMAGE --initrd CPIO [options] [-- kernel args]\n"
		"\n"
		"  --timeout S     kill the guest after S seconds (default 120; 0: none)\n"
		"  --mem MB        guest memory (default 128)\n"
		"  --accel A       auto, kvm or tcg (default auto: KVM only if it works)\n"
		"  --qemu PATH     QEMU binary (default qemu-system-x86_64)\n"
		"  --bios B        firmware: auto (qboot if installed, it starts faster),\n"
		"                  default (QEMU's SeaBIOS), or a path\n"
		"  --kvm-cache F   remember in F that KVM hangs here, and skip it next time\n"
		"  --workdir DIR   where the verdict file goes (default $TMPDIR or /tmp)\n"
		"  --interactive   console on this terminal, no verdict expected\n"
		"  --exec-status   if all passed, exit with the guest's EXIT status\n"
		"  --quiet         do not copy the console to standard output\n"
		"\n"
		"Exit: 0 pass, 1 guest test failed (or none ran), 2 usage or missing\n"
		"file, 3 timeout, 4 kernel crash (panic, Oops, BUG, WARNING),\n"
		"5 QEMU failed or the guest gave no verdict.\n");
	exit(code);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_signal(int sig)
{
	stop_signal = sig;
}

/* Opens /dev/kvm and creates a VM in a child that may hang: 2 s at most. */
static int kvm_probe(void)
{
	pid_t pid;
	int status, i;

	if (access("/dev/kvm", R_OK | W_OK) < 0)
		return 0;
	if (kvm_cache && access(kvm_cache, F_OK) == 0)
		return 0;
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);

		alarm(2);
		if (fd < 0 || ioctl(fd, KVM_GET_API_VERSION, 0) != 12)
			_exit(1);
		_exit(ioctl(fd, KVM_CREATE_VM, 0) < 0);
	}
	for (i = 0; i < 200; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) && WEXITSTATUS(status) == 0;
		usleep(10000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return 0;
}

struct boot {
	int crashed, timed_out, no_life;
	char crash_line[256];
	int qemu_status;
	double seconds;
};

static void scan_line(struct boot *b, const char *line)
{
	size_t i;

	if (b->crashed)
		return;
	for (i = 0; i < sizeof(crash_marks) / sizeof(crash_marks[0]); i++) {
		if (strstr(line, crash_marks[i])) {
			b->crashed = 1;
			snprintf(b->crash_line, sizeof(b->crash_line), "%.200s", line);
			return;
		}
	}
}

/* One boot. life_grace > 0: give up (no_life) if the console stays silent. */
static void boot(const char *accel, const char *verdict, int life_grace, struct boot *b)
{
	char serial2[4200], *argv[40], memstr[16], line[1024];
	int argc = 0, pipefd[2] = { -1, -1 }, alive = 0;
	size_t linelen = 0;
	double start = now();
	pid_t pid;

	memset(b, 0, sizeof(*b));
	snprintf(memstr, sizeof(memstr), "%d", opt.mem);
	snprintf(serial2, sizeof(serial2), "file:%s", verdict);
	argv[argc++] = (char *)opt.qemu;
	argv[argc++] = "-nodefaults";
	argv[argc++] = "-no-reboot";
	argv[argc++] = "-display";
	argv[argc++] = "none";
	argv[argc++] = "-accel";
	argv[argc++] = (char *)accel;
	if (strcmp(accel, "kvm") == 0) {
		argv[argc++] = "-cpu";
		argv[argc++] = "host";
	}
	argv[argc++] = "-m";
	argv[argc++] = memstr;
	if (opt.bios) {
		argv[argc++] = "-bios";
		argv[argc++] = (char *)opt.bios;
	}
	argv[argc++] = "-kernel";
	argv[argc++] = (char *)opt.kernel;
	argv[argc++] = "-initrd";
	argv[argc++] = (char *)opt.initrd;
	argv[argc++] = "-append";
	argv[argc++] = opt.append;
	argv[argc++] = "-serial";
	argv[argc++] = opt.interactive ? "mon:stdio" : "stdio";
	argv[argc++] = "-serial";
	argv[argc++] = serial2;
	argv[argc] = NULL;

	if (!opt.interactive && pipe(pipefd) < 0) {
		say("pipe: %s", strerror(errno));
		exit(QR_QEMU);
	}
	pid = fork();
	if (pid < 0) {
		say("fork: %s", strerror(errno));
		exit(QR_QEMU);
	}
	if (pid == 0) {
		/* Where to say that QEMU could not start: the real stderr. */
		int errfd = fcntl(2, F_DUPFD_CLOEXEC, 3);

		if (!opt.interactive) {
			int null = open("/dev/null", O_RDONLY);

			dup2(null, 0);
			dup2(pipefd[1], 1);
			dup2(pipefd[1], 2);
			close(pipefd[0]);
			close(pipefd[1]);
		}
		execvp(argv[0], argv);
		dprintf(errfd >= 0 ? errfd : 2,
			"qrun: cannot run %s: %s; install qemu-system-x86 (make deps) or give --qemu PATH\n",
			argv[0], strerror(errno));
		_exit(127);
	}
	if (!opt.interactive)
		close(pipefd[1]);

	for (;;) {
		double left = opt.timeout > 0 ? start + opt.timeout - now() : 1e9;
		struct pollfd p = { pipefd[0], POLLIN, 0 };
		char buf[4096];
		ssize_t n;
		int r;

		if (stop_signal || left <= 0 ||
		    (life_grace > 0 && !alive && now() - start > life_grace)) {
			if (!stop_signal && left <= 0)
				b->timed_out = 1;
			else if (!stop_signal)
				b->no_life = 1;
			kill(pid, SIGKILL);
			break;
		}
		if (opt.interactive) {
			if (waitpid(pid, &b->qemu_status, WNOHANG) == pid)
				goto reaped;
			usleep(50000);
			continue;
		}
		r = poll(&p, 1, left > 0.2 ? 200 : (int)(left * 1000) + 1);
		if (r < 0 && errno != EINTR)
			break;
		if (r <= 0)
			continue;
		n = read(pipefd[0], buf, sizeof(buf));
		if (n <= 0)
			break;		/* QEMU closed its output: it is ending */
		alive = 1;
		if (!opt.quiet)
			fwrite(buf, 1, (size_t)n, stdout), fflush(stdout);
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n' || linelen == sizeof(line) - 1) {
				line[linelen] = '\0';
				scan_line(b, line);
				linelen = 0;
			} else if (buf[i] != '\r') {
				line[linelen++] = buf[i];
			}
		}
	}
	waitpid(pid, &b->qemu_status, 0);
reaped:
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	b->seconds = now() - start;
}

struct verdict {
	int passed, failed, skipped, ended, have_exit, exit_status;
};

static void read_verdict(const char *path, struct verdict *v)
{
	FILE *f = fopen(path, "r");
	char line[1024];

	memset(v, 0, sizeof(*v));
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strncmp(line, "PASS ", 5) == 0) {
			v->passed++;
		} else if (strncmp(line, "FAIL ", 5) == 0) {
			v->failed++;
			say("guest test failed: %s", line + 5);
		} else if (strncmp(line, "SKIP ", 5) == 0) {
			v->skipped++;
		} else if (strncmp(line, "EXIT ", 5) == 0) {
			v->have_exit = 1;
			v->exit_status = atoi(line + 5) & 0xff;
		} else if (strcmp(line, "END") == 0) {
			v->ended = 1;
		}
	}
	if (f)
		fclose(f);
}

static void check_file(const char *what, const char *path)
{
	struct stat st;

	if (!path) {
		say("--%s is required", what);
		usage(stderr, QR_USAGE);
	}
	errno = 0;
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) || access(path, R_OK) < 0) {
		say("%s %s: %s; build it first (make kernel, make guest)", what, path,
		    errno ? strerror(errno) : "not a readable file");
		exit(QR_USAGE);
	}
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "initrd", required_argument, NULL, 'i' },
		{ "timeout", required_argument, NULL, 't' },
		{ "mem", required_argument, NULL, 'm' },
		{ "accel", required_argument, NULL, 'a' },
		{ "qemu", required_argument, NULL, 'q' },
		{ "interactive", no_argument, NULL, 'I' },
		{ "exec-status", no_argument, NULL, 'e' },
		{ "quiet", no_argument, NULL, 's' },
		{ "kvm-cache", required_argument, NULL, 'c' },
		{ "workdir", required_argument, NULL, 'w' },
		{ "bios", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *accel;
	char verdict[2100];
	struct sigaction sa;
	struct verdict v;
	struct boot b;
	int c, i, code;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': opt.kernel = optarg; break;
		case 'i': opt.initrd = optarg; break;
		case 't': opt.timeout = atoi(optarg); break;
		case 'm': opt.mem = atoi(optarg); break;
		case 'a': opt.accel = optarg; break;
		case 'q': opt.qemu = optarg; break;
		case 'I': opt.interactive = 1; break;
		case 'e': opt.exec_status = 1; break;
		case 's': opt.quiet = 1; break;
		case 'c': kvm_cache = optarg; break;
		case 'w': workdir = optarg; break;
		case 'b': opt.bios = optarg; break;
		case 'h': usage(stdout, 0); break;
		default: usage(stderr, QR_USAGE);
		}
	}
	if (strcmp(opt.accel, "auto") && strcmp(opt.accel, "kvm") && strcmp(opt.accel, "tcg")) {
		say("--accel must be auto, kvm or tcg");
		exit(QR_USAGE);
	}
	if (opt.mem < 16 || opt.timeout < 0) {
		say("--mem must be at least 16 and --timeout not negative");
		exit(QR_USAGE);
	}
	if (strcmp(opt.bios, "auto") == 0)
		opt.bios = access(QBOOT, R_OK) == 0 ? QBOOT : NULL;
	else if (strcmp(opt.bios, "default") == 0)
		opt.bios = NULL;
	else
		check_file("bios", opt.bios);
	check_file("kernel", opt.kernel);
	check_file("initrd", opt.initrd);
	snprintf(opt.append, sizeof(opt.append), "console=ttyS0 panic=-1 loglevel=5");
	for (i = optind; i < argc; i++) {
		size_t len = strlen(opt.append);

		if (len + strlen(argv[i]) + 2 > sizeof(opt.append)) {
			say("kernel command line too long");
			exit(QR_USAGE);
		}
		snprintf(opt.append + len, sizeof(opt.append) - len, " %s", argv[i]);
	}
	if (!workdir)
		workdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(tmpdir, sizeof(tmpdir), "%s/qrun.XXXXXX", workdir);
	if (mkdir(workdir, 0755) < 0 && errno != EEXIST) {
		say("cannot create the work directory %s: %s; give a writable one with --workdir (make: build/ must be writable)",
		    workdir, strerror(errno));
		exit(QR_USAGE);
	}
	if (!mkdtemp(tmpdir)) {
		say("cannot create a directory in %s: %s; give a writable one with --workdir (make: build/ must be writable)",
		    workdir, strerror(errno));
		exit(QR_USAGE);
	}
	snprintf(verdict, sizeof(verdict), "%s/verdict", tmpdir);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	accel = opt.accel;
	if (strcmp(accel, "auto") == 0)
		accel = kvm_probe() ? "kvm" : "tcg";
	boot(accel, verdict, strcmp(opt.accel, "auto") == 0 && strcmp(accel, "kvm") == 0 &&
	     !opt.interactive ? opt.kvm_grace : 0, &b);
	if (b.no_life) {
		say("KVM guest silent for %d s; trying again under software emulation%s",
		    opt.kvm_grace, kvm_cache ? " (remembered)" : "");
		if (kvm_cache) {
			FILE *f = fopen(kvm_cache, "w");

			if (f)
				fprintf(f, "KVM guests hang on this machine; delete this file to try KVM again\n"),
				fclose(f);
		}
		accel = "tcg";
		boot(accel, verdict, 0, &b);
	}
	read_verdict(verdict, &v);
	unlink(verdict);
	rmdir(tmpdir);

	if (stop_signal) {
		say("interrupted");
		return 128 + stop_signal;
	}
	if (WIFEXITED(b.qemu_status) && WEXITSTATUS(b.qemu_status) == 127) {
		return QR_USAGE;
	}
	if (opt.interactive)
		return WIFEXITED(b.qemu_status) && WEXITSTATUS(b.qemu_status) == 0 ? QR_PASS : QR_QEMU;

	if (b.crashed) {
		say("kernel crash on the console: %s", b.crash_line);
		code = QR_CRASH;
	} else if (b.timed_out) {
		say("no verdict after %d s (the guest hangs?); killed", opt.timeout);
		code = QR_TIMEOUT;
	} else if (!v.ended) {
		say("the guest ended without a verdict (QEMU %s %d)",
		    WIFEXITED(b.qemu_status) ? "exit status" : "killed by signal",
		    WIFEXITED(b.qemu_status) ? WEXITSTATUS(b.qemu_status) : WTERMSIG(b.qemu_status));
		code = QR_QEMU;
	} else if (v.failed || v.passed == 0) {
		code = QR_FAIL;
	} else {
		code = QR_PASS;
	}
	say("%s: %d passed, %d failed, %d skipped in %.1f s (%s)",
	    code == QR_PASS ? "pass" : "FAIL", v.passed, v.failed, v.skipped, b.seconds, accel);
	if (code == QR_PASS && opt.exec_status && v.have_exit)
		return v.exit_status;
	return code;
}
