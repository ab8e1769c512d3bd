#!/usr/bin/perl
# inline-messages.pl — list every call of a reporting function (gr_error,
# gr_warn, gr_syserror, gr_unmet, gr_info, gr_opts_usage_error, gr_cli_say,
# gr_progress) in the C sources given whose texts are not taken from the
# message table (generator/util/messages.def): its formats must be
# GR_TEXT(ID), and no other argument may be a string literal with a letter
# or a Han character in it (a text the user reads). One line per finding:
#   FILE:LINE: FUNCTION: the argument
# Exit 0 always; t-messages.sh compares the list with its allowed exceptions.
use strict;
use warnings;
binmode STDOUT, ":encoding(UTF-8)";

my %fmt_at = (gr_error => 3, gr_warn => 3, gr_syserror => 3, gr_unmet => 3,
              gr_info => 1, gr_opts_usage_error => 1, gr_cli_say => 2, gr_progress => 1);
my $names = join '|', keys %fmt_at;

for my $file (@ARGV) {
    open my $fh, '<:encoding(UTF-8)', $file or die "$file: $!\n";
    local $/;
    my $s = <$fh>;
    close $fh;
    # blank out comments, keeping line breaks (line numbers stay right)
    $s =~ s{/\*.*?\*/}{ (my $c = $&) =~ s/[^\n]/ /g; $c }gse;
    $s =~ s{//[^\n]*}{ ' ' x length $& }ge;
    while ($s =~ /\b($names)\s*\(/g) {
        my ($fn, $open) = ($1, pos $s);
        my $before = substr($s, 0, $-[0]);
        next if $before =~ /\b(?:int|void|gr_lang)\s*$/;       # its declaration
        my $line = ($before =~ tr/\n//) + 1;
        my @args = split_args(\$s, $open);
        next unless @args;
        my $k = $fmt_at{$fn};
        for my $i (0 .. $#args) {
            my $a = $args[$i];
            $a =~ s/^\s+|\s+$//g;
            $a =~ s/\s+/ /g;
            if ($i == $k && $fn ne 'gr_cli_say' && $fn ne 'gr_progress') {
                print "$file:$line: $fn: $a\n" unless $a =~ /^GR_TEXT\(\w+\)$/;
            } elsif ($a =~ /"((?:[^"\\]|\\.)*)"/) {
                my @lits = $a =~ /"((?:[^"\\]|\\.)*)"/g;
                print "$file:$line: $fn: $a\n" if grep { /[A-Za-z]|\p{Han}/ } @lits;
            }
        }
    }
}

# The top-level arguments of the call whose '(' ends at $pos.
sub split_args {
    my ($sr, $pos) = @_;
    my ($depth, $start, @args) = (0, $pos);
    for (my $j = $pos; $j < length $$sr; $j++) {
        my $c = substr($$sr, $j, 1);
        if ($c eq '"' || $c eq "'") {
            for ($j++; $j < length $$sr && substr($$sr, $j, 1) ne $c; $j++) {
                $j++ if substr($$sr, $j, 1) eq '\\';
            }
        } elsif ($c =~ /[(\[{]/) { $depth++ }
        elsif ($c =~ /[)\]}]/) {
            if ($depth == 0) { push @args, substr($$sr, $start, $j - $start); return @args }
            $depth--;
        } elsif ($c eq ',' && $depth == 0) {
            push @args, substr($$sr, $start, $j - $start);
            $start = $j + 1;
        }
    }
    return ();
}
