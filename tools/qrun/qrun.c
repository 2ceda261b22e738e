// SPDX-License-Identifier: GPL-2.0
/*
 * qrun: boots a kernel and initramfs in QEMU and returns the guest's verdict.
 *
 * The console is streamed to standard output and watched for kernel
 * crashes; the verdict comes on its own channel (guest/verdict.h says its
 * lines); qrun is their one reader, and --results writes them as TAP.
 *
 * Accelerator: with --accel auto, KVM is tried when /dev/kvm answers a quick
 * probe; if QEMU then ends or stays silent before the guest printed anything
 * (KVM that aborts, refuses an MSR or hangs), the boot is done again under
 * software emulation (TCG), and that is remembered in --kvm-cache.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <linux/kvm.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crash_marks.h"
#include "verdict.h"

enum {
	QR_PASS = 0,		/* every guest test passed */
	QR_FAIL = 1,		/* a guest test failed, or none ran */
	QR_USAGE = 2,		/* bad arguments, missing files */
	QR_TIMEOUT = 3,		/* no verdict within the time limit */
	QR_CRASH = 4,		/* panic, Oops, BUG or WARNING on the console */
	QR_QEMU = 5,		/* QEMU failed, or the guest ended with no verdict */
};

#define QBOOT		"/usr/share/qemu/qboot.rom"
#define MAX_ARGS	48
#define TAIL_LINES	40	/* console lines shown when a boot goes wrong */
#define CRASH_GRACE	5	/* seconds a crashed guest may go on printing */

/* What of the console qrun copies to its standard output. */
enum console_mode {
	CON_ALL,	/* every byte, as it comes */
	CON_USER,	/* the guest's programs: no kernel log lines */
	CON_NONE,	/* nothing (--quiet) */
};

#define ARCH_WORDS	16	/* QEMU options of one column, and the NULL */

/*
 * What differs per architecture, one row each, made from config/arches
 * (the one table of them) by scripts/steps/arches.sh: QEMU and its machine, the
 * guest's console, and the guest's device for the verdict channel with the
 * QEMU options that back it by a file (%s: the file's path).
 */
static const struct arch {
	const char *name;		/* --arch */
	const char *host;		/* uname -m of a host that runs it under KVM, or NULL */
	const char *qemu, *package;	/* QEMU, and the Debian package with it */
	const char *machine[ARCH_WORDS];	/* QEMU options before the common ones */
	const char *console;		/* the guest's console device */
	const char *params;		/* kernel parameters for a fast boot */
	const char *verdict_dev;	/* the guest's device for the verdict */
	const char *verdict_opt[ARCH_WORDS];	/* QEMU options; %s is the verdict file */
	int firmware;			/* --bios applies (qboot) */
	long min_mem;			/* MiB its firmware needs at least (pseries: 256) */
} arches[] = {
#include "arches.h"
};

static struct {
	const struct arch *arch;
	const char *kernel, *dtb, *initrd, *disk, *qemu, *accel, *bios, *kvm_cache, *workdir,
		   *results, *source, *cpu;
	const char *console_log;
	long timeout, mem, kvm_grace;
	int interactive, exec_status, assume_kvm, snapshot, icount;
	enum console_mode console;
	char append[4096];
} opt = {
	.arch = &arches[0], .accel = "auto", .bios = "auto",
	.timeout = 120, .mem = 64, .kvm_grace = 3, .console = CON_ALL,
};

static volatile sig_atomic_t stop_signal;

/* What one boot did. */
struct boot {
	const char *accel;
	int alive;		/* the guest printed something */
	int crashed, timed_out, silent;
	double crashed_at;	/* when the crash line came */
	char crash_line[256];
	char line[1024];	/* the console line being read */
	size_t linelen;
	FILE *log;		/* --console-log */
	char tail[TAIL_LINES][256];	/* the last lines, for a failed boot */
	int ntail;
	int qemu_status;
	double seconds;
};

/* What the guest said on ttyS1. */
struct verdict {
	int passed, failed, skipped, ended, have_exit, exit_status;
	char kernel[300];	/* the booted kernel's uname -r and -v, or "" */
};

static void say(const char *fmt, ...)
{
	va_list ap;

	fputs("qrun: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * The options, one row each: its name, its value's name (NULL: none), the
 * short code parse_args switches on, and its help; a number's default is
 * printed from opt itself (def), so it is said in one place.
 */
static const struct option_doc {
	const char *name, *arg;
	int code;
	const char *help;
	const long *def;
} options[] = {
	{ "kernel", "IMAGE", 'k', "the kernel QEMU starts", NULL },
	{ "initrd", "CPIO", 'i', "its initramfs", NULL },
	{ "dtb", "FILE", 'D', "the device tree QEMU gives the kernel, for a machine nothing else describes (armv5's versatilepb)", NULL },
	{ "source", "DIR", 'o', "the tree the kernel was built from, named in the summary line beside the booted kernel's build number and time", NULL },
	{ "disk", "RAW", 'd', "a virtio disk; without --kernel the guest boots from it, through its own boot loader (SeaBIOS)", NULL },
	{ "snapshot", NULL, 'S', "the guest's writes to the disk are thrown away", NULL },
	{ "timeout", "S", 't', "kill the guest after S seconds (0: never)", &opt.timeout },
	{ "mem", "MB", 'm', "guest memory (default: 64, or 48 and twice the initrd when that is more)", &opt.mem },
	{ "arch", "A", 'A', "the guest's architecture, a row of config/arches (default: the first)", NULL },
	{ "accel", "A", 'a', "auto, kvm or tcg (default auto: KVM only if it works, else software emulation)", NULL },
	{ "qemu", "PATH", 'q', "QEMU binary (default: the architecture's own)", NULL },
	{ "bios", "B", 'b', "firmware: auto (qboot if installed, it starts faster), default (QEMU's SeaBIOS), or a path", NULL },
	{ "cpu", "MODEL", 'u', "QEMU's CPU under software emulation instead of the architecture's (max: all QEMU emulates, x86's SMAP and SMEP, arm64's PAN); a KVM guest gets the host's", NULL },
	{ "icount", NULL, 'n', "count instructions: QEMU's -icount shift=0, so that the guest's clock advances 1 ns per instruction it runs (software emulation only)", NULL },
	{ "kvm-cache", "F", 'c', "remember in F that KVM fails here, and skip it next time", NULL },
	{ "kvm-grace", "S", 'g', "auto: seconds a KVM guest may stay silent", &opt.kvm_grace },
	{ "assume-kvm", NULL, 'K', "auto: skip the /dev/kvm probe (tests of the fallback)", NULL },
	{ "workdir", "DIR", 'w', "where the verdict file goes (default $TMPDIR or /tmp)", NULL },
	{ "results", "F", 'r', "write the guest's checks to F as TAP", NULL },
	{ "interactive", NULL, 'I', "console on this terminal, no verdict expected", NULL },
	{ "exec-status", NULL, 'e', "exit with the guest's EXIT status (its program's) when that is not 0 and the guest reached a verdict", NULL },
	{ "console", "C", 'C', "what of the console goes to standard output: all (default), user (not the kernel's own lines, told by their printk time stamp) or none; a boot that goes wrong shows its last lines anyway", NULL },
	{ "console-log", "F", 'L', "copy the whole console to F", NULL },
	{ "quiet", NULL, 's', "the same as --console none", NULL },
	{ "help", NULL, 'h', "this text", NULL },
};
#define N_OPTIONS	(sizeof(options) / sizeof(options[0]))

/* Prints text folded at 56 columns, each line after the first indented. */
static void fold(FILE *f, const char *text, int indent)
{
	const char *p = text;

	while (strlen(p) > 56) {
		const char *cut = p + 56;

		while (cut > p && *cut != ' ')
			cut--;
		fprintf(f, "%.*s\n%*s", (int)(cut - p), p, indent, "");
		p = cut + 1;
	}
	fprintf(f, "%s", p);
}

static void usage(FILE *f, int code)
{
	size_t i;

	fprintf(f, "Usage: qrun --kernel IMAGE --initrd CPIO [options] [-- kernel args]\n"
		"   or: qrun --disk RAW [--kernel IMAGE] [options] [-- kernel args]\n\n");
	for (i = 0; i < N_OPTIONS; i++) {
		const struct option_doc *o = &options[i];
		char left[32];

		snprintf(left, sizeof(left), "--%s%s%s", o->name, o->arg ? " " : "",
			 o->arg ? o->arg : "");
		fprintf(f, "  %-16s", left);
		fold(f, o->help, 18);
		if (o->def)
			fprintf(f, " (default %ld)", *o->def);
		fputc('\n', f);
	}
	fprintf(f, "\nExit: 0 pass, 1 guest test failed (or none ran), 2 usage or missing\n"
		"file, 3 timeout, 4 kernel crash (panic, Oops, BUG, WARNING in a line\n"
		"the kernel printed, told by its printk time stamp),\n"
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

/* A whole decimal number from min to max, or a usage error naming what. */
static long number(const char *what, const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		say("--%s %s: give a whole number from %ld to %ld", what, s, min, max);
		exit(QR_USAGE);
	}
	return v;
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

static const struct arch *find_arch(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(arches) / sizeof(arches[0]); i++)
		if (strcmp(arches[i].name, name) == 0)
			return &arches[i];
	say("--arch %s: give one of these (config/arches, those with a QEMU machine):", name);
	for (i = 0; i < sizeof(arches) / sizeof(arches[0]); i++)
		fprintf(stderr, "  %s\n", arches[i].name);
	exit(QR_USAGE);
}

static enum console_mode console_mode(const char *name)
{
	if (strcmp(name, "all") == 0)
		return CON_ALL;
	if (strcmp(name, "user") == 0)
		return CON_USER;
	if (strcmp(name, "none") == 0)
		return CON_NONE;
	say("--console %s: give all, user or none", name);
	exit(QR_USAGE);
}

/*
 * What the guest boots: a kernel and its initramfs, or a disk (with or
 * without a kernel given to QEMU). nparams: the kernel parameters given.
 */
static void check_sources(int nparams)
{
	if (opt.disk) {
		check_file("disk", opt.disk);
		if (strchr(opt.disk, ',')) {
			say("--disk %s: QEMU cannot take a path with a comma", opt.disk);
			exit(QR_USAGE);
		}
	}
	if (!opt.disk || opt.kernel)
		check_file("kernel", opt.kernel);
	if (!opt.disk || opt.initrd)
		check_file("initrd", opt.initrd);
	if (opt.dtb) {
		if (!opt.kernel) {
			say("--dtb is for the kernel of --kernel");
			exit(QR_USAGE);
		}
		check_file("dtb", opt.dtb);
	}
	if (!opt.kernel && nparams) {
		say("kernel parameters need --kernel: a disk's boot loader sets its own");
		exit(QR_USAGE);
	}
	if (opt.snapshot && !opt.disk) {
		say("--snapshot needs --disk");
		exit(QR_USAGE);
	}
}

/* qboot starts only a kernel given to QEMU; a disk needs SeaBIOS. */
static void choose_bios(void)
{
	if ((!opt.arch->firmware || !opt.kernel) && strcmp(opt.bios, "auto") == 0)
		opt.bios = NULL;
	else if (strcmp(opt.bios, "auto") == 0)
		opt.bios = access(QBOOT, R_OK) == 0 ? QBOOT : NULL;
	else if (strcmp(opt.bios, "default") == 0)
		opt.bios = NULL;
	else
		check_file("bios", opt.bios);
}

/*
 * The kernel command line: the architecture's, then the n given. printk.time=1:
 * the kernel's own lines carry their time stamp, which tells them from the
 * programs' (crashes are looked for in the kernel's lines only).
 */
static void make_append(int n, char **params)
{
	int i;

	snprintf(opt.append, sizeof(opt.append),
		 "console=%s panic=-1 loglevel=5 printk.time=1 %s hello.verdict=%s",
		 opt.arch->console, opt.arch->params, opt.arch->verdict_dev);
	for (i = 0; i < n; i++) {
		size_t len = strlen(opt.append);

		if (len + strlen(params[i]) + 2 > sizeof(opt.append)) {
			say("kernel command line too long");
			exit(QR_USAGE);
		}
		snprintf(opt.append + len, sizeof(opt.append) - len, " %s", params[i]);
	}
}

static void parse_args(int argc, char **argv)
{
	struct option longopts[N_OPTIONS + 1];
	size_t k;
	int c, mem_given = 0;
	struct stat st;

	memset(longopts, 0, sizeof(longopts));
	for (k = 0; k < N_OPTIONS; k++) {
		longopts[k].name = options[k].name;
		longopts[k].has_arg = options[k].arg ? required_argument : no_argument;
		longopts[k].val = options[k].code;
	}
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': opt.kernel = optarg; break;
		case 'D': opt.dtb = optarg; break;
		case 'i': opt.initrd = optarg; break;
		case 'o': opt.source = optarg; break;
		case 'd': opt.disk = optarg; break;
		case 'S': opt.snapshot = 1; break;
		case 't': opt.timeout = number("timeout", optarg, 0, 86400); break;
		case 'm': opt.mem = number("mem", optarg, 16, 1 << 20); mem_given = 1; break;
		case 'a': opt.accel = optarg; break;
		case 'q': opt.qemu = optarg; break;
		case 'I': opt.interactive = 1; break;
		case 'e': opt.exec_status = 1; break;
		case 's': opt.console = CON_NONE; break;
		case 'C': opt.console = console_mode(optarg); break;
		case 'L': opt.console_log = optarg; break;
		case 'c': opt.kvm_cache = optarg; break;
		case 'g': opt.kvm_grace = number("kvm-grace", optarg, 1, 600); break;
		case 'K': opt.assume_kvm = 1; break;
		case 'n': opt.icount = 1; break;
		case 'u': opt.cpu = optarg; break;
		case 'w': opt.workdir = optarg; break;
		case 'r': opt.results = optarg; break;
		case 'b': opt.bios = optarg; break;
		case 'A': opt.arch = find_arch(optarg); break;
		case 'h': usage(stdout, 0); break;
		default: usage(stderr, QR_USAGE);
		}
	}
	if (strcmp(opt.accel, "auto") && strcmp(opt.accel, "kvm") && strcmp(opt.accel, "tcg")) {
		say("--accel %s: must be auto, kvm or tcg", opt.accel);
		exit(QR_USAGE);
	}
	if (opt.icount && strcmp(opt.accel, "kvm") == 0) {
		say("--icount counts instructions of software emulation: it does not go with --accel kvm");
		exit(QR_USAGE);
	}
	if (opt.icount)
		opt.accel = "tcg";
	if (!opt.qemu)
		opt.qemu = opt.arch->qemu;
	if (opt.mem < opt.arch->min_mem) {
		if (mem_given)
			say("--mem %ld: %s's firmware needs %ld MiB; it gets that",
			    opt.mem, opt.arch->name, opt.arch->min_mem);
		opt.mem = opt.arch->min_mem;
	}
	/*
	 * An initramfs is in memory twice while it is unpacked (the archive
	 * and its files): unless --mem says otherwise, 48 MiB and twice the
	 * archive, or a big one (the selftests of many calls, static, from
	 * three ABIs: 30 MB) runs the guest out of memory before /init.
	 */
	if (!mem_given && opt.initrd && stat(opt.initrd, &st) == 0) {
		long need = 48 + 2 * (long)(st.st_size >> 20);

		if (opt.mem < need)
			opt.mem = need;
	}
	check_sources(argc - optind);
	choose_bios();
	make_append(argc - optind, argv + optind);
	if (!opt.workdir)
		opt.workdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
}

/* A private directory under the work directory, for the verdict file. */
static void make_tmpdir(char *dir, size_t size)
{
	snprintf(dir, size, "%s/qrun.XXXXXX", opt.workdir);
	if ((mkdir(opt.workdir, 0755) < 0 && errno != EEXIST) || !mkdtemp(dir)) {
		say("cannot create a directory in %s: %s; give a writable one with --workdir (make: build/ must be writable)",
		    opt.workdir, strerror(errno));
		exit(QR_USAGE);
	}
}

/* Opens /dev/kvm and creates a VM in a child that may hang: 2 s at most. */
static int kvm_answers(void)
{
	pid_t pid;
	int status, i;

	if (access("/dev/kvm", R_OK | W_OK) < 0)
		return 0;
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);

		alarm(2);
		if (fd < 0 || ioctl(fd, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
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

/* The accelerator of the first boot. */
static const char *first_accel(void)
{
	if (strcmp(opt.accel, "auto"))
		return opt.accel;
	struct utsname u;

	if (opt.kvm_cache && access(opt.kvm_cache, F_OK) == 0)
		return "tcg";
	if (!opt.assume_kvm && (!opt.arch->host || uname(&u) < 0 ||
				  strcmp(u.machine, opt.arch->host)))
		return "tcg";	/* another architecture: emulation only */
	return opt.assume_kvm || kvm_answers() ? "kvm" : "tcg";
}

static void remember_kvm_fails(const char *why)
{
	FILE *f;

	if (!opt.kvm_cache || !(f = fopen(opt.kvm_cache, "w")))
		return;
	fprintf(f, "KVM guests fail on this machine (%s); delete this file to try KVM again\n", why);
	fclose(f);
}

/* Adds one word to QEMU's command line, which has room for MAX_ARGS. */
static void add_arg(char **argv, int *n, const char *word)
{
	if (*n >= MAX_ARGS - 1) {
		say("QEMU's command line has more than %d words; raise MAX_ARGS", MAX_ARGS - 1);
		exit(QR_QEMU);
	}
	argv[(*n)++] = (char *)word;
	argv[*n] = NULL;
}

/* QEMU's command line, NULL-terminated, in argv[MAX_ARGS]. */
static void qemu_argv(char **argv, const char *accel, const char *verdict_path)
{
	static char mem[24], verdict[ARCH_WORDS][4200], drive[4200];
	int n = 0, i;

	snprintf(mem, sizeof(mem), "%ld", opt.mem);
	add_arg(argv, &n, opt.qemu);
	for (i = 0; opt.arch->machine[i]; i++)
		add_arg(argv, &n, opt.arch->machine[i]);
	add_arg(argv, &n, "-nodefaults");
	add_arg(argv, &n, "-no-reboot");
	add_arg(argv, &n, "-display");
	add_arg(argv, &n, "none");
	add_arg(argv, &n, "-accel");
	add_arg(argv, &n, accel);
	if (strcmp(accel, "kvm") == 0) {
		add_arg(argv, &n, "-cpu");
		add_arg(argv, &n, "host");
	} else if (opt.cpu) {	/* after the machine's own -cpu: QEMU takes the last */
		add_arg(argv, &n, "-cpu");
		add_arg(argv, &n, opt.cpu);
	}
	if (opt.icount) {
		add_arg(argv, &n, "-icount");
		add_arg(argv, &n, "shift=0");
	}
	add_arg(argv, &n, "-m");
	add_arg(argv, &n, mem);
	if (opt.bios) {
		add_arg(argv, &n, "-bios");
		add_arg(argv, &n, opt.bios);
	}
	if (opt.kernel) {
		add_arg(argv, &n, "-kernel");
		add_arg(argv, &n, opt.kernel);
		add_arg(argv, &n, "-append");
		add_arg(argv, &n, opt.append);
	}
	if (opt.dtb) {
		add_arg(argv, &n, "-dtb");
		add_arg(argv, &n, opt.dtb);
	}
	if (opt.initrd) {
		add_arg(argv, &n, "-initrd");
		add_arg(argv, &n, opt.initrd);
	}
	if (opt.disk) {
		snprintf(drive, sizeof(drive), "file=%s,format=raw,if=virtio%s",
			 opt.disk, opt.snapshot ? ",snapshot=on" : "");
		add_arg(argv, &n, "-drive");
		add_arg(argv, &n, drive);
	}
	add_arg(argv, &n, "-serial");
	add_arg(argv, &n, opt.interactive ? "mon:stdio" : "stdio");
	for (i = 0; opt.arch->verdict_opt[i]; i++) {
		snprintf(verdict[i], sizeof(verdict[i]), opt.arch->verdict_opt[i], verdict_path);
		add_arg(argv, &n, verdict[i]);
	}
}

/*
 * Starts QEMU. Its console (standard output) comes back on *console unless
 * interactive; its own messages (standard error) go to errpath, so that they
 * are not taken for signs of life of the guest.
 */
static pid_t spawn_qemu(char **argv, const char *errpath, int *console)
{
	int pipefd[2] = { -1, -1 };
	pid_t pid;

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
		int err = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (!opt.interactive) {
			int null = open("/dev/null", O_RDONLY);

			dup2(null, 0);
			dup2(pipefd[1], 1);
			close(pipefd[0]);
			close(pipefd[1]);
			if (err >= 0)
				dup2(err, 2);
		}
		execvp(argv[0], argv);
		dprintf(errfd >= 0 ? errfd : 2,
			"qrun: cannot run %s: %s; install %s (make deps) or give --qemu PATH\n",
			argv[0], strerror(errno), opt.arch->package);
		_exit(127);
	}
	if (!opt.interactive)
		close(pipefd[1]);
	*console = pipefd[0];
	return pid;
}

static void scan_line(struct boot *b, const char *line)
{
	size_t i;

	if (b->crashed)
		return;
	for (i = 0; i < N_CRASH_MARKS; i++) {
		if (strstr(line, crash_marks[i])) {
			b->crashed = 1;
			b->crashed_at = now();
			snprintf(b->crash_line, sizeof(b->crash_line), "%.200s", line);
			return;
		}
	}
}

/* A line the kernel printed itself: it starts with a printk time stamp. */
static int kernel_line(const char *line)
{
	const char *p = line;

	if (*p++ != '[')
		return 0;
	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p++ != '.' || *p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == ']';
}

/*
 * One whole console line: scanned if the kernel printed it (a program's
 * own "WARNING:" is no kernel's), kept in the tail, shown if wanted.
 */
static void take_line(struct boot *b, const char *line)
{
	if (kernel_line(line))
		scan_line(b, line);
	snprintf(b->tail[b->ntail++ % TAIL_LINES], sizeof(b->tail[0]), "%s", line);
	if (opt.console == CON_USER && !kernel_line(line))
		printf("%s\n", line), fflush(stdout);
}

/* Copies console bytes out and scans them line by line. */
static void take_console(struct boot *b, const char *buf, size_t n)
{
	size_t i;

	b->alive = 1;
	if (opt.console == CON_ALL)
		fwrite(buf, 1, n, stdout), fflush(stdout);
	if (b->log)
		fwrite(buf, 1, n, b->log);
	for (i = 0; i < n; i++) {
		/* A line longer than the buffer goes on in the next one. */
		if (b->linelen == sizeof(b->line) - 1) {
			b->line[b->linelen] = '\0';
			take_line(b, b->line);
			b->linelen = 0;
		}
		if (buf[i] == '\n') {
			b->line[b->linelen] = '\0';
			take_line(b, b->line);
			b->linelen = 0;
		} else if (buf[i] != '\r') {
			b->line[b->linelen++] = buf[i];
		}
	}
}

/* A boot that went wrong: its last console lines, unless all were shown. */
static void show_tail(struct boot *b)
{
	int i = b->ntail > TAIL_LINES ? b->ntail - TAIL_LINES : 0;

	if (b->linelen) {		/* a last line without its newline */
		b->line[b->linelen] = '\0';
		take_line(b, b->line);
		b->linelen = 0;
		i = b->ntail > TAIL_LINES ? b->ntail - TAIL_LINES : 0;
	}
	if (opt.console == CON_ALL || b->ntail == 0)
		return;
	say("the console's last %d lines%s%s:", b->ntail - i,
	    opt.console_log ? "; all of it in " : "", opt.console_log ? opt.console_log : "");
	for (; i < b->ntail; i++)
		fprintf(stderr, "    %s\n", b->tail[i % TAIL_LINES]);
}

/*
 * Follows QEMU until it ends, the time limit, a signal, (life_grace > 0) a
 * guest that printed nothing for life_grace seconds, or CRASH_GRACE seconds
 * after a crash (a machine whose reset the kernel cannot do halts instead:
 * malta's "Reboot failed -- System halted").
 */
static void watch(struct boot *b, pid_t pid, int console, long life_grace, double start)
{
	char buf[4096];

	for (;;) {
		double left = opt.timeout > 0 ? start + opt.timeout - now() : 1e9;
		struct pollfd p = { console, POLLIN, 0 };
		ssize_t n;
		int r;

		if (stop_signal || left <= 0 ||
		    (life_grace > 0 && !b->alive && now() - start > life_grace)) {
			if (!stop_signal && left <= 0)
				b->timed_out = 1;
			else if (!stop_signal)
				b->silent = 1;
			kill(pid, SIGKILL);
			break;
		}
		if (b->crashed && now() - b->crashed_at > CRASH_GRACE) {
			kill(pid, SIGKILL);
			break;
		}
		if (console < 0) {	/* interactive */
			if (waitpid(pid, &b->qemu_status, WNOHANG) == pid)
				return;
			usleep(50000);
			continue;
		}
		r = poll(&p, 1, left > 0.2 ? 200 : (int)(left * 1000) + 1);
		if (r < 0 && errno != EINTR)
			break;
		if (r <= 0)
			continue;
		n = read(console, buf, sizeof(buf));
		if (n <= 0)
			break;		/* QEMU closed its output: it is ending */
		take_console(b, buf, (size_t)n);
	}
	waitpid(pid, &b->qemu_status, 0);
}

/* The first line of a file, or "" (for messages). */
static const char *first_line(const char *path)
{
	static char line[512];
	FILE *f = fopen(path, "r");

	line[0] = '\0';
	if (f) {
		if (!fgets(line, sizeof(line), f))
			line[0] = '\0';
		fclose(f);
	}
	line[strcspn(line, "\n")] = '\0';
	return line;
}

/* Copies QEMU's own messages to standard error. */
static void show_file(const char *path)
{
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	while (f && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, stderr);
	if (f)
		fclose(f);
}

static void boot(struct boot *b, const char *accel, const char *dir, long life_grace)
{
	char *argv[MAX_ARGS], verdict[2200], errpath[2200];
	double start = now();
	int console;
	pid_t pid;

	memset(b, 0, sizeof(*b));
	b->accel = accel;
	snprintf(verdict, sizeof(verdict), "%s/verdict", dir);
	snprintf(errpath, sizeof(errpath), "%s/qemu.err", dir);
	unlink(verdict);
	if (opt.console_log && !(b->log = fopen(opt.console_log, "w")))
		say("cannot write %s: %s; the console is not kept", opt.console_log,
		    strerror(errno));
	qemu_argv(argv, accel, verdict);
	pid = spawn_qemu(argv, errpath, &console);
	watch(b, pid, console, life_grace, start);
	if (console >= 0)
		close(console);
	if (b->log)
		fclose(b->log);
	b->log = NULL;
	b->seconds = now() - start;
}

/* Did a KVM boot fail before the guest showed life? Then why, in words. */
static const char *kvm_failure(const struct boot *b, const char *errpath)
{
	static char why[600];

	int died = WIFSIGNALED(b->qemu_status) ||
		   (WIFEXITED(b->qemu_status) && WEXITSTATUS(b->qemu_status) != 0);

	if (b->alive || stop_signal || strcmp(b->accel, "kvm") ||
	    (WIFEXITED(b->qemu_status) && WEXITSTATUS(b->qemu_status) == 127))
		return NULL;
	/* Interactive: no console to watch; a quick error exit is the sign. */
	if (opt.interactive && (!died || b->seconds > opt.kvm_grace))
		return NULL;
	const char *msg = first_line(errpath);	/* "" when interactive */

	if (b->silent)
		snprintf(why, sizeof(why), "guest silent for %ld s", opt.kvm_grace);
	else if (WIFSIGNALED(b->qemu_status))
		snprintf(why, sizeof(why), "QEMU killed by signal %d%s%s",
			 WTERMSIG(b->qemu_status), *msg ? ": " : "", msg);
	else
		snprintf(why, sizeof(why), "QEMU exit status %d%s%s",
			 WEXITSTATUS(b->qemu_status), *msg ? ": " : "", msg);
	return why;
}

static void read_verdict(const char *path, struct verdict *v, FILE *tap)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int n = 0;

	memset(v, 0, sizeof(*v));
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strncmp(line, VERDICT_PASS " ", 5) == 0) {
			v->passed++;
			if (tap)
				fprintf(tap, "ok %d - %s\n", ++n, line + 5);
		} else if (strncmp(line, VERDICT_FAIL " ", 5) == 0) {
			v->failed++;
			say("guest test failed: %s", line + 5);
			if (tap)
				fprintf(tap, "not ok %d - %s\n", ++n, line + 5);
		} else if (strncmp(line, VERDICT_SKIP " ", 5) == 0) {
			v->skipped++;
			if (tap)
				fprintf(tap, "ok %d - %s # SKIP\n", ++n, line + 5);
		} else if (strncmp(line, VERDICT_EXIT " ", 5) == 0) {
			char *end;
			long st = strtol(line + 5, &end, 10);

			v->have_exit = end != line + 5 && *end == '\0';
			v->exit_status = (int)(st & 0xff);
		} else if (strncmp(line, VERDICT_KERNEL " ", 7) == 0) {
			snprintf(v->kernel, sizeof(v->kernel), "%.*s",
				 (int)sizeof(v->kernel) - 1, line + 7);
		} else if (strcmp(line, VERDICT_END) == 0) {
			v->ended = 1;
		}
	}
	if (f)
		fclose(f);
}

/* The verdict as an exit code, with one line saying why if not a pass. */
static int judge(const struct boot *b, const struct verdict *v, char *why, size_t size)
{
	why[0] = '\0';
	if (b->crashed) {
		snprintf(why, size, "kernel crash on the console: %s", b->crash_line);
		return QR_CRASH;
	}
	if (b->timed_out) {
		snprintf(why, size, "no verdict after %ld s (the guest hangs?); killed", opt.timeout);
		return QR_TIMEOUT;
	}
	if (!v->ended) {
		snprintf(why, size, "the guest ended without a verdict (QEMU %s %d)",
			 WIFEXITED(b->qemu_status) ? "exit status" : "killed by signal",
			 WIFEXITED(b->qemu_status) ? WEXITSTATUS(b->qemu_status) :
			 WTERMSIG(b->qemu_status));
		return QR_QEMU;
	}
	if (v->passed == 0 && v->failed == 0) {
		snprintf(why, size, "the guest ran no test");
		return QR_FAIL;
	}
	return v->failed ? QR_FAIL : QR_PASS;
}

/* Verdict file to TAP (--results): the guest's checks, then the boot's own. */
static int report(struct boot *b, const char *verdict_path)
{
	FILE *tap = NULL;
	struct verdict v;
	char why[400];
	int code, n;

	if (opt.results && !(tap = fopen(opt.results, "w"))) {
		say("cannot write %s: %s", opt.results, strerror(errno));
		return QR_USAGE;
	}
	read_verdict(verdict_path, &v, tap);
	code = judge(b, &v, why, sizeof(why));
	if (code != QR_PASS && code != QR_FAIL)
		show_tail(b);
	if (why[0])
		say("%s", why);
	if (!b->alive && strcmp(b->accel, "kvm") == 0)
		say("QEMU failed under KVM; --accel auto (make: ACCEL=auto) falls back to software emulation");
	if (tap) {
		n = v.passed + v.failed + v.skipped + 1;
		if (code == QR_PASS || code == QR_FAIL)
			fprintf(tap, "ok %d - boot: verdict reached, no kernel crash%s%s\n",
				n, why[0] ? "; " : "", why);
		else
			fprintf(tap, "not ok %d - boot: %s\n", n, why);
		fprintf(tap, "1..%d\n", n);
		fclose(tap);
	}
	/* The kernel that answered, so that a stale one shows at a glance. */
	say("%s: %d passed, %d failed, %d skipped in %.1f s (%s)%s%s%s%s",
	    code == QR_PASS ? "pass" : "FAIL", v.passed, v.failed, v.skipped,
	    b->seconds, b->accel, v.kernel[0] ? "; booted Linux " : "", v.kernel,
	    opt.source ? " of " : "", opt.source ? opt.source : "");
	/* The program's own status, where it failed: make run EXEC= exits with it. */
	if ((code == QR_PASS || code == QR_FAIL) && opt.exec_status && v.have_exit &&
	    v.exit_status)
		return v.exit_status;
	return code;
}

int main(int argc, char **argv)
{
	char dir[2100], path[2200];
	const char *accel, *why;
	struct sigaction sa;
	struct boot b;
	int code;

	parse_args(argc, argv);
	make_tmpdir(dir, sizeof(dir));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	accel = first_accel();
	boot(&b, accel, dir, strcmp(opt.accel, "auto") == 0 && strcmp(accel, "kvm") == 0 &&
	     !opt.interactive ? opt.kvm_grace : 0);
	snprintf(path, sizeof(path), "%s/qemu.err", dir);
	why = strcmp(opt.accel, "auto") == 0 ? kvm_failure(&b, path) : NULL;
	if (why) {
		say("KVM failed here (%s); booting again under software emulation (TCG)%s",
		    why, opt.kvm_cache ? ", remembered" : "");
		remember_kvm_fails(why);
		boot(&b, "tcg", dir, 0);
	}
	show_file(path);
	unlink(path);

	snprintf(path, sizeof(path), "%s/verdict", dir);
	if (stop_signal) {
		say("interrupted");
		code = 128 + stop_signal;
	} else if (WIFEXITED(b.qemu_status) && WEXITSTATUS(b.qemu_status) == 127) {
		code = QR_USAGE;
	} else if (opt.interactive) {
		code = WIFEXITED(b.qemu_status) && WEXITSTATUS(b.qemu_status) == 0 ?
		       QR_PASS : QR_QEMU;
	} else {
		code = report(&b, path);
	}
	unlink(path);
	rmdir(dir);
	return code;
}
