#!/usr/bin/perl
# rowslack.pl — rows taller than their content, from a box dump: for every
# row fragment (the cells of one page that start in the same row at the same
# top, not row-spanned) whose cells' FO lines lie in [FROM, TO], the room
# left under the fullest cell's last line (its bottom padding included).
# Prints "PAGE TAB Y TAB SLACK-PT TAB first text" for every fragment.
# Usage: perl rowslack.pl FROM TO DUMP
use strict; use warnings; use utf8;
binmode STDOUT, ':encoding(UTF-8)';
my ($from, $to, $dump) = @ARGV;
open my $in, '<:encoding(UTF-8)', $dump or die "rowslack.pl: $dump: $!\n";
my (@lines, @cells);
while (my $r = <$in>) {
    chomp $r; my @f = split /\t/, $r, -1;
    if ($f[0] eq 'line') { push @lines, { page => $f[1], x => $f[2], y => $f[3], h => $f[5], text => $f[6] // '', at => scalar @lines } }
    elsif ($f[0] eq 'cell') { push @cells, { page => $f[1], x => $f[2], y => $f[3], w => $f[4], h => $f[5], row => $f[6], rs => $f[8], fo => $f[10], at => scalar @lines } }
}
my %frag;
for my $c (@cells) {
    next unless $c->{fo} >= $from && $c->{fo} <= $to && $c->{rs} == 1;
    my $bottom = undef; my $text = '';
    # the lines dumped before this cell, on its page, inside it
    for (my $i = $c->{at} - 1; $i >= 0 && $lines[$i]{page} == $c->{page}; $i--) {
        my $l = $lines[$i];
        next unless $l->{x} >= $c->{x} - 0.5 && $l->{x} <= $c->{x} + $c->{w} && $l->{y} >= $c->{y} - 0.5 && $l->{y} + $l->{h} <= $c->{y} + $c->{h} + 0.5;
        $bottom = $l->{y} + $l->{h} if !defined $bottom || $l->{y} + $l->{h} > $bottom;
        $text = $l->{text};
    }
    my $slack = defined $bottom ? $c->{y} + $c->{h} - $bottom : $c->{h};
    my $k = "$c->{page}\t$c->{y}";
    if (!defined $frag{$k} || $slack < $frag{$k}[0]) { $frag{$k} = [$slack, $text] }
}
for my $k (sort { my @a = split /\t/, $a; my @b = split /\t/, $b; $a[0] <=> $b[0] || $a[1] <=> $b[1] } keys %frag) {
    printf "%s\t%.2f\t%s\n", $k, @{$frag{$k}};
}
