# phrases.pl FILE... — every phrase handed to a diagnostic goes through
# the catalogue: a bare string literal with a space among ng_diag_add's
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
			next unless $args[$i] =~ /^(?:"(?:[^"\\]|\\.)*"\s*)+$/s;
			next unless $args[$i] =~ / /;
			my $line = 1 + (substr($s, 0, $at) =~ tr/\n//);
			print "$f:$line: $fn: a phrase not through ng_tr/N_: $args[$i]\n";
			$bad++;
		}
	}
}
exit($bad ? 1 : 0);
