#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0
# tap.pl NAME FILE STATUS: the checks of one test producer, counted by
# TAP::Parser (Debian's perl). FILE holds what the producer wrote (TAP),
# STATUS its exit status. Prints one "PASS: NAME: check", "FAIL: NAME: check"
# or "SKIP: NAME: check" line per check, and a FAIL line when the producer
# declared no plan, ran fewer or more checks than it planned, wrote lines
# that are not TAP, or exited non-zero with no failed check to show for it.
# Exit: 0 if nothing failed.
use strict;
use warnings;
use TAP::Parser;

@ARGV == 3 or die "usage: tap.pl NAME FILE STATUS\n";
my ($name, $file, $status) = @ARGV;
my $failed = 0;

sub line {
	my ($kind, $what) = @_;
	$what =~ s/^\Q$name\E: //;
	$failed++ if $kind eq 'FAIL';
	print "$kind: $name: $what\n";
}

my $tap = '';
if (open(my $fh, '<', $file)) {
	local $/;
	$tap = <$fh> // '';
	close $fh;
}
if ($tap !~ /\S/) {
	line('FAIL', "no output and no plan (exit status $status): it died before its first line?");
	exit 1;
}
my $parser = TAP::Parser->new({ tap => $tap });
my $bad_checks = 0;
while (my $r = $parser->next) {
	next unless $r->is_test;
	my $what = $r->description;
	$what =~ s/^-\s*//;
	if ($r->has_skip) {
		line('SKIP', $what);
	} elsif ($r->is_ok) {
		line('PASS', $what);
	} else {
		line('FAIL', $what);
		$bad_checks++;
	}
}
if (!defined $parser->tests_planned) {
	line('FAIL', "no plan: the producer wrote no '1..N' (it died early?)");
} elsif ($parser->tests_planned != $parser->tests_run) {
	line('FAIL', sprintf("planned %d checks, reported %d (it died half-way?)",
			     $parser->tests_planned, $parser->tests_run));
}
line('FAIL', "not TAP: $_") for grep { !/^(Bad plan|No plan found)/ } $parser->parse_errors;
line('FAIL', "exited with status $status") if $status != 0 && !$bad_checks;
exit($failed ? 1 : 0);
