# phrases.pl FILE... — every phrase handed to a diagnostic goes through
# the catalogue: a string literal of two words or more among ng_diag_add's
# arguments after the position, or ng_diag_hint's after the format, is
# English that a Japanese message would keep (wrap it in ng_tr, or N_ where
# the code translates it). Phrases in variables are no_english.sh's part.
use strict;
my $bal;
$bal = qr/\((?:[^()"']++|"(?:[^"\\]|\\.)*+"|'(?:[^'\\]|\\.)*+'|(??{$bal}))*\)/;
my $bad = 0;
for my $f (@ARGV) {
	open my $fh, '<', $f or die "$f: $!";
	local $/;
	my $s = <$fh>;
	while ($s =~ /\b(ng_diag_add|ng_diag_hint)\s*($bal)/g) {
		my ($fn, $call, $at) = ($1, $2, $-[0]);
		my $inner = substr($call, 1, -1);
		my @args;
		while ($inner =~ /\G\s*((?:[^,()"']++|"(?:[^"\\]|\\.)*+"|'(?:[^'\\]|\\.)*+'|$bal)+)\s*(?:,|$)/g) {
			push @args, $1;
		}
		for my $i (3 .. $#args) { # after the position, or the hint's format
			# what is left after the catalogue's calls: a phrase there is
			# passed as it is (a literal, or one side of a ?:)
			(my $left = $args[$i]) =~ s/\b(?:ng_tr|N_)\s*$bal//g;
			next unless grep { /[A-Za-z]{2,} [A-Za-z]{2,}/ } ($left =~ /"(?:[^"\\]|\\.)*"/g);
			my $line = 1 + (substr($s, 0, $at) =~ tr/\n//);
			print "$f:$line: $fn: a phrase not through ng_tr/N_: $args[$i]\n";
			$bad++;
		}
	}
	# xgettext takes only the first literal of a ?: given to ng_tr (or as
	# a hint's format): the other needs its own N_
	while ($s =~ /\b(ng_tr|_)\s*($bal)|\bng_diag_hint\s*\([^,]*,[^,]*,\s*([^\s"][^;]*?\?[^;]*?)\);/g) {
		my ($fn, $arg, $at) = ($1 // 'ng_diag_hint', $2 // $3, $-[0]);
		(my $left = $arg) =~ s/\b(?:ng_tr|N_|_)\s*$bal//g;
		next unless $left =~ /\?/ && $left =~ /"/;
		my $line = 1 + (substr($s, 0, $at) =~ tr/\n//);
		print "$f:$line: $fn: a literal in ?: without N_: $arg\n";
		$bad++;
	}
}
exit($bad ? 1 : 0);
