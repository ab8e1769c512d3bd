#!/usr/bin/perl
# audit.pl — the layout audit: reads a box dump (gereport build|render
# --dump-boxes; records in docs/layout.md §5) and counts what a careful
# typesetter never leaves. Ground truth comes from the text and geometry of
# the dump, not from the engine's decisions: numbers are found by regular
# expressions on the line text, personal names come from the data file.
#
# Usage: perl audit.pl [-v] [-n NAMES] DUMP
#   NAMES  a file of personal names, one a line (full names from the data
#          file); their masked forms (蕭○勻, 林○) are checked too.
#   -v     print each finding (page and text) under the counts.
# Prints one line: "COUNT-NAME=N ..." in a fixed order; exit 0.
#
# Counts:
#   empty_fragment   a page fragment of a table row with no text in any cell
#                    (repeated headers aside)
#   row_start_split  a row whose cells with content do not all start on the
#                    same page (the 項次 on one page, the text on the next)
#   cell_orphan      a cell split over pages leaving one line alone on
#                    either side (orphans/widows 2)
#   heading_last     a heading (a numbered line, not a sentence), a ▼ caption or a line carrying a footnote
#                    reference (*) as the last body line of a page; so
#                    is 「方案名稱：…」, alone or with a one-line
#                    「與性別平等關聯性：…」 under it; a ▲
#                    caption as the first body line of a page
#   prohibited       a line starting with 、。，．：；？！）」』】〕〉》﹞ … or
#                    ending with （「『【〔〈《
#   short_last       the last line of a paragraph of 2+ lines holding one
#                    character (punctuation aside); in a short text (at most
#                    12 characters: a header, a label) a last line that is
#                    one whole bracketed group 「（元）」 is a unit under its
#                    header, not a lone character
#   lone_char        a line of a paragraph of 2+ lines, not its last,
#                    holding one character (punctuation aside): 「第」 alone
#                    before a long 文號, 「項 / 次」 stacked in a header
#   word_broken      in a short text (at most 12 characters: a header, a
#                    label), a word of tests/audit/words.txt (common words of
#                    the forms' and agencies' table headers, written by hand:
#                    經費, 單位, 秘書 …) split between two lines 「改善經 / 費」
#   number_broken    a number (digits, separators, %, a unit or counter: any
#                    Han character after a digit) split between
#                    two lines of one paragraph (a web address broken
#                    before a %-escape, 「%E5%88 / %A5」, is no number, nor
#                    are the digits of a run with letters, 「ABCDEF0123 / 45」)
#   name_broken      a personal name (full or masked) split between two lines
#                    (of a paragraph, or of a chart label: two chart texts
#                    centred on the same x, the second a line below); a
#                    romanized name of three words or more (each of two
#                    letters or more) may break between its words
#   cjk_gap          a line with a gap between two CJK characters of 0.5 em
#                    or more beyond natural spacing (0.5 em is the engine's
#                    cap: a line at it was left short of the measure),
#                    measured from where the glyphs were drawn (the gpos
#                    record), not from the engine's own gap figure: an
#                    ideograph (Han, kana, bopomofo) is 1 em wide, a
#                    punctuation mark its own advance (spread last lines,
#                    均排, aside)
#   outside          a line beyond its cell or the body region, a cell beyond
#                    the body region
#   span_unlabelled  a row-spanned cell continued on a page without text
#                    while its rows have text there (「(二)（續）」 missing;
#                    such a label is not counted as a line of the cell's
#                    content by cell_orphan)
#   span_split       a row-spanned cell (a strategy-grid category label)
#                    whose own text runs over a page: the next page shows
#                    the rest of it mid-sentence (a 「(二)（續）」 label there
#                    is not its text)
#   merged_empty     an empty cell spanning columns (a 「1. 無」 row merging
#                    its empty cells; the form keeps each with its rules)
#   underfull        a page other than the last under 60% full whose next
#                    page does not start with a heading (something moved on);
#                    a footnote at the page foot is not fill
#   chart_overlap    two texts of one chart (labels, values, legend) whose
#                    boxes overlap, or a bar's value label over another bar
#   chart_outside    a text of a chart beyond the chart's box
#   chart_detached   a bar or a pie slice whose label is not its own or not
#                    near it, read from the chart as a reader would (the
#                    svgtext and svgpath records): the legend's swatches
#                    name each colour's series; a bar's value comes from
#                    its height on the value axis (its numbered labels),
#                    and the label with that value must stand right over
#                    the bar, at most its own height above it; a slice's label (its
#                    series' name) must lie inside the slice, or at the end
#                    of a leader that starts inside it, and its percentage
#                    must be the slice's angle (±1, 「<1」「>99」)
#   chart_unlegended  a chart (or a part of one continued on a later page)
#                    drawing bars or slices in a series colour that no
#                    legend on its page names (swatch and text)
#   photo_uncaptioned  a page whose lowest photo has no ▲ caption below it
#                    on that page (a group broken between rows leaves a part
#                    without its caption)
#   photo_size       a photo over the form's limits: wider than 100 mm or
#                    taller than 75 mm; beside another photo, wider than
#                    half the text width or taller than 60 mm
#   photo_crowded    a row of photos under a table (the nearest thing above
#                    it on its page is a table cell holding no photo) by
#                    less than 9 pt: under text a photo stands 6 pt below
#                    the line box, whose half-leading (3 pt of a 12 pt line
#                    at 1.5) is blank too; a table's rule is at its edge
use strict;
use warnings;
use utf8;
binmode STDOUT, ':encoding(UTF-8)';
binmode STDERR, ':encoding(UTF-8)';

my ($verbose, $names_file) = (0, undef);
# the words word_broken looks for: beside this script, ../audit/words.txt
(my $words_file = __FILE__) =~ s{[^/]*$}{../audit/words.txt};
while (@ARGV && $ARGV[0] =~ /^-/) {
    my $o = shift @ARGV;
    if ($o eq '-v') { $verbose = 1 }
    elsif ($o eq '-n') { $names_file = shift @ARGV }
    elsif ($o eq '-w') { $words_file = shift @ARGV }
    else { die "audit.pl: unknown option $o\n" }
}
my $dump = shift @ARGV or die "usage: audit.pl [-v] [-n NAMES] [-w WORDS] DUMP\n";
my @words;
if (open my $wf, '<:encoding(UTF-8)', $words_file) {
    while (<$wf>) { s/#.*//; push @words, split ' ' }
}
my $tol = 0.5;

# The masked form of a name, by the rule of docs/data-format.md §1.2
# (written here again, not taken from the program): Han names keep their
# first and last character (two: the first); names with Latin letters or a
# separator keep the first and last part, a Han part as its first character
# and ○, a Latin part as its capital initial and a full stop.
my $han = qr/[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3FFFF}]/;
my $sep = qr/[\s\-.\x{B7}\x{2027}\x{FF0E}\x{30FB}\x{2010}\x{2022}\x{FF0D}\x{3000}]/;
sub masked {
    my ($n) = @_;
    my @c = split //, $n;
    if ($n =~ /^$han+$/) {
        return @c == 2 ? $c[0] . '○' : $c[0] . ('○' x (@c - 2)) . $c[-1];
    }
    my @parts = grep { length } map { split /(?<=$han)(?=[^\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3FFFF}])|(?<=[^\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3FFFF}])(?=$han)/ } split /$sep+/, $n;
    return '○' unless @parts;
    my $part = sub { my $f = substr($_[0], 0, 1); $f =~ $han ? "$f○" : uc($f) . '.' };
    my $latin = $n =~ /[^\s\-.\x{B7}\x{2027}\x{FF0E}\x{30FB}\x{2010}\x{2022}\x{FF0D}\x{3000}\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3FFFF}]/;
    return $part->($parts[0]) . (@parts > 1 ? ($latin ? ' ' : '．') . $part->($parts[-1]) : '');
}

# names and their masked forms, white space removed (lines are compared
# with their white space removed too)
my (@names, %name_cut);
if (defined $names_file) {
    open my $nf, '<:encoding(UTF-8)', $names_file or die "audit.pl: $names_file: $!\n";
    my %seen;
    while (my $n = <$nf>) {
        chomp $n;
        $n =~ s/^\s+|\s+$//g;
        $n =~ s/\s+/ /g;
        next if length($n) < 2;
        for my $f ($n, masked($n)) {
            (my $g = $f) =~ s/\s+//g;
            push @names, $g unless length($g) < 2 || $seen{$g}++;
            # a romanized name of three words or more, each of two letters
            # or more, may break between its words (「Maria Clara Dela /
            # Cruz-Santos」, as an English phrase does: review T3)
            my @w = split / /, $f;
            if (@w >= 3 && !grep { (() = /[\p{L}\p{N}]/g) < 2 } @w) {
                my $at = 0;
                $name_cut{$g}{$at += length $w[$_]} = 1 for 0 .. $#w - 1;
            }
        }
    }
}

# ---- read the dump ---------------------------------------------------------
my (%body, @lines, @cells, $maxpage, %static_page, @charts, @images);
my ($pending_pos, $static) = (undef, 0);
open my $in, '<:encoding(UTF-8)', $dump or die "audit.pl: $dump: $!\n";
$maxpage = 0;
while (my $r = <$in>) {
    chomp $r;
    my @f = split /\t/, $r, -1;
    my $k = $f[0];
    if ($k eq 'page') { $static = 0; $maxpage = $f[1] if $f[1] > $maxpage }
    elsif ($k eq 'body') { $body{$f[1]} = [@f[2 .. 5]] }
    elsif ($k eq 'before' || $k eq 'after') { $static = 1 }
    elsif ($k eq 'lpos') { $pending_pos = [@f[2 .. 6]] }
    elsif ($k eq 'chart') { push @charts, { page => $f[1], x => $f[2], y => $f[3], w => $f[4], h => $f[5], texts => [] } }
    elsif ($k eq 'svgtext' && @charts) {
        push @{$charts[-1]{texts}}, { x => $f[2], y => $f[3], w => $f[4], h => $f[5], text => join("\t", @f[6 .. $#f]) };
    }
    elsif ($k eq 'svgpath' && @charts) {
        my @pts = map { [split /,/] } split / /, $f[4] // '';
        push @{$charts[-1]{shapes}}, { fill => $f[2], stroke => $f[3], pts => \@pts };
    }
    elsif ($k eq 'gpos' && @lines) {
        $lines[-1]{gpos} = $f[2] // '';    # read by widest_gap
    }
    elsif ($k eq 'image') { push @images, { page => $f[1], x => $f[2], y => $f[3], w => $f[4], h => $f[5], src => $f[8] // '' } }
    elsif ($k eq 'line') {
        my $t = join "\t", @f[6 .. $#f];
        my %l = (page => $f[1], x => $f[2], y => $f[3], w => $f[4], h => $f[5], text => $t,
                 static => $static, idx => scalar @lines);
        if ($pending_pos) {
            @l{qw(fo index count spread gap)} = @$pending_pos;
        }
        $pending_pos = undef;
        push @lines, \%l;
    } elsif ($k eq 'cell') {
        push @cells, { page => $f[1], x => $f[2], y => $f[3], w => $f[4], h => $f[5],
                       row => $f[6], col => $f[7], rs => $f[8], cs => $f[9], fo => $f[10],
                       static => $static, at => scalar @lines, nlines => 0,
                       # FO lines may be the data file's (gr:line), shared by
                       # many cells: a cell is known by its serial (older
                       # dumps, and the cells of list items, which all
                       # carry serial 0: its line, grid place and column
                       # edges)
                       id => ($f[11] // 0) ? $f[11] :
                             join(',', $f[10], $f[6], $f[7], sprintf('%.1f', $f[2]), sprintf('%.1f', $f[4])) };
    }
}
close $in;
# every text line has its glyph positions (cjk_gap's ground truth): a dump
# without them is from an older gereport and would pass unmeasured
if (my @bare = grep { !defined $_->{gpos} && length $_->{text} } @lines) {
    die "audit.pl: $dump: " . scalar(@bare) . " line record(s) without a gpos record (a dump from an older gereport?)\n";
}

# The owner of a line: the first cell recorded after it on its page whose
# top is not below the line's top and whose columns hold the line's start
# (cells are dumped after their content; see dumpcheck.awk).
{
    my $ci = 0;
    for my $l (@lines) {
        next if $l->{static};
        while ($ci < @cells && $cells[$ci]{at} <= $l->{idx}) { $ci++ }
        for (my $j = $ci; $j < @cells && $cells[$j]{page} == $l->{page}; $j++) {
            my $c = $cells[$j];
            next if $c->{static};
            if ($c->{y} <= $l->{y} + $tol && $l->{x} >= $c->{x} - $tol && $l->{x} <= $c->{x} + $c->{w}) {
                $l->{cell} = $c; $c->{nlines}++; push @{$c->{lines}}, $l;
                last;
            }
        }
    }
}

my %count = map { $_ => 0 } qw(empty_fragment row_start_split cell_orphan heading_last prohibited
                               short_last lone_char number_broken name_broken cjk_gap outside underfull span_unlabelled span_split merged_empty
                               chart_overlap chart_outside chart_detached chart_unlegended photo_uncaptioned photo_size photo_crowded word_broken);
my @finds;
sub found { my ($what, $page, $msg) = @_; $count{$what}++; push @finds, "$what\tpage $page\t$msg" }

# ---- rows ------------------------------------------------------------------
# Cells are known by their FO line. A cell whose text is the same on two
# pages is a repeated header or footer and is left out. A row is the cells
# that first appear on the same page, in the same row, at the same top.
{
    my (%text_on, %repeated);
    for my $c (@cells) {
        next if $c->{static} || !$c->{nlines};
        my $t = join "\n", map { $_->{text} } @{$c->{lines}};
        # a repeated header (of one row or several): the same text as on the
        # page before (the fragments of a split cell hold different lines)
        # (or that text with 「（續）」: a footer's gr:continued label on the
        # parts after the first, 「▲ 說明（續）」)
        my $prev = $text_on{$c->{id}}{$c->{page} - 1};
        $repeated{$c->{id}} = 1 if defined $prev &&
            ($prev eq $t || ($prev =~ s/\s+//gr) . '（續）' eq ($t =~ s/\s+//gr) ||
             ($prev =~ /（續）$/ && ($prev =~ s/\s+//gr) eq ($t =~ s/\s+//gr)));
        $text_on{$c->{id}}{$c->{page}} = $t;
    }
    my (%seen_cell, %rows, %per_page, %first_page, @order);
    for my $c (@cells) {
        next if $c->{static} || $repeated{$c->{id}};
        if (!$seen_cell{$c->{id}}++) {
            my $key = join ',', $c->{page}, $c->{row}, sprintf('%.1f', $c->{y});
            push @order, $key unless $rows{$key};
            push @{$rows{$key}}, $c->{id};
        }
        if ($c->{nlines}) {
            $first_page{$c->{id}} //= $c->{page};
            # a continued label (「(二)（續）」) repeats the cell's label on
            # a later page: not a line of its content
            my $n = grep { $_->{text} !~ /^\S{0,12}（續）$/ } @{$c->{lines}};
            $per_page{$c->{id}}{$c->{page}} += $n if $n;
        }
    }
    for my $key (@order) {
        my %starts = map { $first_page{$_} => 1 } grep { defined $first_page{$_} } @{$rows{$key}};
        if (keys %starts > 1) {
            my @t = map { $text_on{$_} ? (values %{$text_on{$_}})[0] =~ s/\n.*//sr : () } @{$rows{$key}};
            found('row_start_split', (split /,/, $key)[0], "cells start on pages " .
                  join(',', sort { $a <=> $b } keys %starts) . ": " . join(' | ', @t));
        }
    }
    for my $fo (sort keys %per_page) {
        my @pp = sort { $a <=> $b } keys %{$per_page{$fo}};
        next if @pp < 2;
        my ($a, $b) = ($per_page{$fo}{$pp[0]}, $per_page{$fo}{$pp[-1]});
        found('cell_orphan', $pp[0], "cell of FO line $fo: $a line(s) then $b line(s)")
            if $a < 2 || $b < 2;
    }
    # a row-spanned cell (a category label) whose own text runs over a page:
    # the continuation page shows the rest of the label mid-sentence
    {
        my %spanned = map { $_->{id} => 1 } grep { !$_->{static} && $_->{rs} > 1 } @cells;
        for my $id (sort keys %per_page) {
            next unless $spanned{$id};
            my @pp = sort { $a <=> $b } keys %{$per_page{$id}};
            found('span_split', $pp[1], "a spanned cell's text runs over pages " . join(',', @pp) . ": " .
                  join(' ', map { $_->{text} } grep { $_->{page} == $pp[1] } map { @{$_->{lines} || []} }
                        grep { $_->{id} eq $id && $_->{page} == $pp[1] } @cells))
                if @pp > 1;
        }
    }
    # a cell fragment without text beside no cell with text: an empty band;
    # a spanned cell without text beside cells with text, after a page on
    # which it had text: its label is not repeated on the continuation
    my %band_done;
    for my $c (@cells) {
        next if $c->{static} || $repeated{$c->{id}} || $c->{nlines};
        found('merged_empty', $c->{page}, "empty cell of FO line $c->{fo} spans $c->{cs} columns")
            if $c->{cs} > 1 && $c->{rs} == 1;
        # (a repeated header's cells count as text beside: the empty corner
        # cell of a header row is no empty band)
        my $beside = grep { !$_->{static} && $_->{page} == $c->{page} && $_->{nlines} &&
                            $_->{y} < $c->{y} + $c->{h} - $tol && $_->{y} + $_->{h} > $c->{y} + $tol } @cells;
        if (!$beside) {
            found('empty_fragment', $c->{page}, "cell of FO line $c->{fo}: nothing beside it has text")
                unless $band_done{$c->{page}, sprintf('%.0f', $c->{y})}++;
        } elsif ($c->{rs} > 1 && defined $first_page{$c->{id}} && $first_page{$c->{id}} < $c->{page}) {
            found('span_unlabelled', $c->{page}, "spanned cell of FO line $c->{fo} continues without its label");
        }
    }
}

# ---- lines -----------------------------------------------------------------
# a heading: a numbered line that is not a sentence (no 。 at its end), or
# a ▼ caption
my $heading = qr/^(?:(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]).*[^。]|▼.*)$/;
# (a web address's %-escape 「%2F」 may start a line: it is no percent sign)
my $start_bad = qr/^(?:[、。，．：；？！）」』】〕〉》﹞’”,.;:!?)\]}％]|%(?![0-9A-Fa-f]{2}))/;
my $end_bad = qr/[（「『【〔〈《‘“(\[{]$/;
my $unit = qr/[元人%％件次場位名萬億千百年月日時分歲]/;

# A note paragraph (its first line starts with *) under a heading belongs to
# the heading: the heading is what comes before the page's notes.
my (%last_body, %first_body, %bottom);
# A page footnote (its first line starts with a superscript mark, ¹ ² …) is
# not the page's fill: the flow above it is.
{
    my ($note, $foot) = (0, 0);
    for my $l (@lines) {
        if (!defined $l->{index} || $l->{index} == 1) {
            $note = $l->{text} =~ /^\*/;
            $foot = $l->{text} =~ /^[¹²³⁴⁵⁶⁷⁸⁹⁰]/;
        }
        $l->{note} = $note;
        $l->{footnote} = $foot;
    }
}
for my $l (@lines) {
    next if $l->{static};
    my $p = $l->{page};
    my $b = $l->{y} + $l->{h};
    $bottom{$p} = $b if (!defined $bottom{$p} || $b > $bottom{$p}) && !$l->{footnote};
    next if $l->{cell};
    $last_body{$p} = $l if (!$last_body{$p} || $l->{y} > $last_body{$p}{y}) &&
        !$l->{note};
    $first_body{$p} = $l if !$first_body{$p} || $l->{y} < $first_body{$p}{y};
}
for my $c (@cells) {
    next if $c->{static};
    my $b = $c->{y} + $c->{h};
    $bottom{$c->{page}} = $b if !defined $bottom{$c->{page}} || $b > $bottom{$c->{page}};
}
for my $p (1 .. $maxpage - 1) {
    my $l = $last_body{$p};
    # the page's last body line, unless a table lies below it
    if ($l && !grep { !$_->{static} && $_->{page} == $p && $_->{cell} && $_->{y} > $l->{y} } @lines) {
        # 方案名稱 heads its evidence: it, or it and a one-line 關聯性,
        # at a page foot is a heading left behind (review T9)
        my ($before) = grep { !$_->{static} && !$_->{cell} && $_->{page} == $p && $_->{idx} < $l->{idx} } reverse @lines[0 .. $l->{idx}];
        found('heading_last', $p, $l->{text})
            if $l->{text} =~ $heading || ($l->{text} =~ /.\*/ && $l->{text} !~ /^\*/) || $l->{text} =~ /^方案名稱：/ ||
               ($l->{text} =~ /^與性別平等關聯性：/ && ($l->{count} // 0) == 1 && $before && $before->{text} =~ /^方案名稱：/);
    }
    my $f = $first_body{$p + 1};
    my $above = grep { !$_->{static} && $_->{page} == $p + 1 && $f && $_->{y} < $f->{y} - $tol } (@lines, @cells);
    found('heading_last', $p + 1, "caption first on the page: $f->{text}") if $f && $f->{text} =~ /^▲/ && !$above;
    my $bd = $body{$p};
    if ($bd && defined $bottom{$p} && $bottom{$p} - $bd->[1] < 0.6 * $bd->[3]) {
        # what the next page starts with: its topmost line or cell (a table
        # that starts the page is a block that moved on, whatever heading
        # follows it further down)
        my $n = $first_body{$p + 1};
        my $cell_first = grep { !$_->{static} && $_->{page} == $p + 1 &&
                                (!$n || $_->{y} < $n->{y} - $tol) } @cells;
        # (a photo or a chart at the top, in a line or in a group's table,
        # is named as such: review S5 read 「(a table)」 for photos)
        my ($top) = sort { $a <=> $b } map { $_->{y} } grep { !$_->{static} && $_->{page} == $p + 1 } @lines, @cells;
        my $photo_first = defined $top && grep { $_->{page} == $p + 1 && $_->{y} <= $top + 6 } @images;
        my $chart_first = defined $top && grep { $_->{page} == $p + 1 && $_->{y} <= $top + 6 } @charts;
        found('underfull', $p, sprintf('%.0f%% full; next page starts: %s',
              100 * ($bottom{$p} - $bd->[1]) / $bd->[3],
              $photo_first ? '(photos)' : $chart_first ? '(a chart)' : $cell_first || !$n ? '(a table)' : $n->{text}))
            unless $n && !$cell_first && $n->{text} =~ $heading;
    }
}

# each line's paragraph text (its lines joined, white space removed): the
# lines of one paragraph follow each other with the same FO line, numbered
# 1..count
{
    my @para;
    for my $l (@lines) {
        @para = () if !defined $l->{index} || $l->{index} == 1 || !@para ||
                      !defined $para[-1]{fo} || !defined $l->{fo} || $para[-1]{fo} != $l->{fo} ||
                      $para[-1]{index} != $l->{index} - 1;
        push @para, $l;
        if (defined $l->{count} && $l->{index} == $l->{count}) {
            (my $joined = join '', map { $_->{text} } @para) =~ s/\s+//g;
            $_->{para} = $joined for @para;
            @para = ();
        }
    }
}
my $short_text = 12;        # characters: a header, a label

# The widest gap of a line between two CJK characters beyond their natural
# spacing, in em, from the glyph positions of its gpos record (undef
# without one): an ideograph's natural advance is 1 em whatever the engine
# says; a punctuation mark's is its own advance (CLREQ compresses some).
my $ideograph = qr/[\x{2E80}-\x{2FFF}\x{3040}-\x{31BF}\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3FFFF}]/;
my $cjk_char = qr/[\x{2E80}-\x{9FFF}\x{F900}-\x{FAFF}\x{FE30}-\x{FE4F}\x{FF00}-\x{FF60}\x{20000}-\x{3FFFF}]/;
sub widest_gap {
    my ($l) = @_;
    return undef unless defined $l->{gpos};
    my $t = $l->{text};
    my ($ci, $best, $px, $padv, $psize, $pc) = (0, 0);
    # items x,advance,size,n: the glyph stands for n characters of the text
    while ($l->{gpos} =~ /([-\d.]+),([-\d.]+),([-\d.]+),(\d+)/g) {
        my ($x, $adv, $size, $n) = ($1, $2, $3, $4);
        my $c = substr($t, $ci, 1);
        $ci += $n;
        if (defined $pc && $psize > 0 && $pc =~ $cjk_char && $c =~ $cjk_char) {
            my $natural = $pc =~ $ideograph ? $psize : $padv;
            my $gap = ($x - $px - $natural) / $psize;
            $best = $gap if $gap > $best;
        }
        ($px, $padv, $psize, $pc) = ($x, $adv, $size, $c);
    }
    return $best;
}

my $prev;
for my $l (@lines) {
    my $t = $l->{text};
    my $p = $l->{page};
    if (!$l->{static}) {
        found('prohibited', $p, "starts: $t") if $t =~ $start_bad && length($t) > 1;
        found('prohibited', $p, "ends: $t") if $t =~ $end_bad;
        if (defined $l->{count} && $l->{count} >= 2 && $l->{index} == $l->{count} && !$l->{spread}) {
            (my $core = $t) =~ s/[\p{P}\s]//g;
            my $unit = $t =~ /^\s*[（(「『【〔〈《][^\s]*[）)」』】〕〉》]\s*$/ &&
                       defined $l->{para} && length($l->{para}) <= $short_text;
            found('short_last', $p, "last line \"$t\"") if length($core) == 1 && !$unit;
        }
        if (defined $l->{count} && $l->{count} >= 2 && $l->{index} < $l->{count}) {
            (my $core = $t) =~ s/[\p{P}\s]//g;
            found('lone_char', $p, "line $l->{index} of $l->{count}: \"$t\"") if length($core) == 1;
        }
        my $gap = widest_gap($l);
        # (the ground truth: a gap of 0.5 em less the dump's rounding)
        if (defined $gap && $gap >= 0.5 - 0.002 && !($l->{spread} && $l->{index} == $l->{count})) {
            found('cjk_gap', $p, sprintf('%.2f em: %s', $gap, $t));
        }
        my $box = $l->{cell} ? [@{$l->{cell}}{qw(x y w h)}] : $body{$p};
        if ($box && ($l->{x} < $box->[0] - $tol || $l->{y} < $box->[1] - $tol ||
                     $l->{x} + $l->{w} > $box->[0] + $box->[2] + $tol ||
                     $l->{y} + $l->{h} > $box->[1] + $box->[3] + $tol)) {
            found('outside', $p, "line beyond its " . ($l->{cell} ? 'cell' : 'body') . ": $t");
        }
    }
    if ($prev && defined $l->{fo} && defined $prev->{fo} && $prev->{fo} == $l->{fo} &&
        $l->{index} == $prev->{index} + 1 && $prev->{static} == $l->{static}) {
        my ($a, $b) = ($prev->{text}, $t);
        # digits in a run with letters (a web address's hex token
        # 「ABCDEF0123 / 4567」) are no number
        my $word = ($a =~ /([0-9A-Za-z]*)$/)[0] . ($b =~ /^([0-9A-Za-z]*)/)[0];
        if (($a =~ /\d$/ && $b =~ /^(?:[\d,.%％]|$unit|\p{Han})/ && $b !~ /^%[0-9A-Fa-f]{2}/ &&
             !($b =~ /^\d/ && $word =~ /[A-Za-z]/)) ||
            ($a =~ /\d[,.]$/ && $b =~ /^\d/)) {
            found('number_broken', $p, "$a / $b");
        }
        s/\s+//g for $a, $b;
        my $joined = $a . $b;
        if (!$l->{static} && defined $l->{para} && length($l->{para}) <= $short_text) {
            for my $w (@words) {
                my $k = length($w);
                for my $i (1 .. $k - 1) {
                    if (substr($a, -$i) eq substr($w, 0, $i) && substr($b, 0, $k - $i) eq substr($w, $i)) {
                        found('word_broken', $p, "$w: $a / $b");
                        last;
                    }
                }
            }
        }
        for my $n (@names) {
            my $pos = -1;
            while (($pos = index($joined, $n, $pos + 1)) >= 0) {
                if ($pos < length($a) && $pos + length($n) > length($a) &&
                    !$name_cut{$n}{length($a) - $pos}) {
                    found('name_broken', $p, "$n: $a / $b");
                    last;
                }
            }
        }
    }
    $prev = $l;
}
for my $c (@cells) {
    next if $c->{static};
    my $bd = $body{$c->{page}} or next;
    found('outside', $c->{page}, "cell of FO line $c->{fo} beyond the body region")
        if $c->{x} < $bd->[0] - $tol || $c->{y} < $bd->[1] - $tol ||
           $c->{x} + $c->{w} > $bd->[0] + $bd->[2] + $tol || $c->{y} + $c->{h} > $bd->[1] + $bd->[3] + $tol;
}

# ---- charts and photos -----------------------------------------------------
# a personal name broken between the two lines of a chart label: two texts
# one after the other, centred on the same x, the second a line below
sub names_across {
    my ($page, $a, $b) = @_;
    s/\s+//g for $a, $b;
    my $joined = $a . $b;
    for my $n (@names) {
        my $pos = -1;
        while (($pos = index($joined, $n, $pos + 1)) >= 0) {
            if ($pos < length($a) && $pos + length($n) > length($a)) {
                found('name_broken', $page, "$n: $a / $b (chart label)");
                last;
            }
        }
    }
}
for my $ch (@charts) {
    my @t = @{$ch->{texts}};
    for my $i (0 .. $#t) {
        my $a = $t[$i];
        if ($i < $#t) {
            my $b = $t[$i + 1];
            if (abs(($a->{x} + $a->{w} / 2) - ($b->{x} + $b->{w} / 2)) < $tol &&
                $b->{y} > $a->{y} && $b->{y} - $a->{y} <= 2 * $a->{h}) {
                names_across($ch->{page}, $a->{text}, $b->{text});
                # a label on two lines breaks as text does (review T14:
                # 「獨居長者（6 / 5歲以上）」, 「Su / pport」, 「（ / 含…」)
                my ($u, $v) = ($a->{text}, $b->{text});
                found('number_broken', $ch->{page}, "$u / $v (chart label)")
                    if $u =~ /\d[,.]?$/ && $v =~ /^[\d,.%％]/;
                found('prohibited', $ch->{page}, "ends: $u (chart label)") if $u =~ $end_bad;
                found('prohibited', $ch->{page}, "starts: $v (chart label)") if $v =~ $start_bad && length($v) > 1;
                found('word_broken', $ch->{page}, "$u / $v (chart label)") if $u =~ /[A-Za-z]$/ && $v =~ /^[a-z]/;
            }
        }
        found('chart_outside', $ch->{page}, "chart text beyond the chart: $a->{text}")
            if $a->{x} < $ch->{x} - $tol || $a->{y} < $ch->{y} - $tol ||
               $a->{x} + $a->{w} > $ch->{x} + $ch->{w} + $tol || $a->{y} + $a->{h} > $ch->{y} + $ch->{h} + $tol;
        for my $j ($i + 1 .. $#t) {
            my $b = $t[$j];
            my $ox = ($a->{x} + $a->{w} < $b->{x} + $b->{w} ? $a->{x} + $a->{w} : $b->{x} + $b->{w}) -
                     ($a->{x} > $b->{x} ? $a->{x} : $b->{x});
            my $oy = ($a->{y} + $a->{h} < $b->{y} + $b->{h} ? $a->{y} + $a->{h} : $b->{y} + $b->{h}) -
                     ($a->{y} > $b->{y} ? $a->{y} : $b->{y});
            found('chart_overlap', $ch->{page}, "chart texts overlap: $a->{text} / $b->{text}")
                if $ox > $tol && $oy > $tol;
        }
    }
}

# ---- chart labels against their bars and slices ----------------------------
sub inside_poly {
    my ($x, $y, $pts) = @_;
    my $in = 0;
    for (my $i = 0, my $j = $#$pts; $i < @$pts; $j = $i++) {
        my ($xi, $yi, $xj, $yj) = (@{$pts->[$i]}, @{$pts->[$j]});
        $in = !$in if (($yi > $y) != ($yj > $y)) &&
                      $x < ($xj - $xi) * ($y - $yi) / (($yj - $yi) || 1e-9) + $xi;
    }
    return $in;
}
sub box_dist {    # distance from a point to a text's box
    my ($x, $y, $t) = @_;
    my $dx = $x < $t->{x} ? $t->{x} - $x : $x > $t->{x} + $t->{w} ? $x - $t->{x} - $t->{w} : 0;
    my $dy = $y < $t->{y} ? $t->{y} - $y : $y > $t->{y} + $t->{h} ? $y - $t->{y} - $t->{h} : 0;
    return sqrt($dx * $dx + $dy * $dy);
}
sub num_of { (my $v = $_[0]) =~ s/,//g; return $v }
my $pi = 4 * atan2(1, 1);
my ($nbars, $nslices) = (0, 0);    # labels checked (printed with -v)
my %doc_series;    # the colours the document's legends name (a chart of
                   # several rows has its legend in its table's header)
my %page_series;   # the colours the legends of each page name
for my $pass (1, 2) {
for my $ch (@charts) {
    my @t = @{$ch->{texts}};
    my @sh = @{$ch->{shapes} || []};
    # rectangles (4 points, axis-aligned) with their box
    for my $s (@sh) {
        my @p = @{$s->{pts}};
        my ($x0, $y0, $x1, $y1) = (1e9, 1e9, -1e9, -1e9);
        for (@p) { $x0 = $_->[0] if $_->[0] < $x0; $x1 = $_->[0] if $_->[0] > $x1;
                   $y0 = $_->[1] if $_->[1] < $y0; $y1 = $_->[1] if $_->[1] > $y1 }
        @$s{qw(x0 y0 x1 y1)} = ($x0, $y0, $x1, $y1);
        $s->{rect} = @p == 4 && !grep { abs($_->[0] - $x0) > $tol && abs($_->[0] - $x1) > $tol ||
                                        abs($_->[1] - $y0) > $tol && abs($_->[1] - $y1) > $tol } @p;
    }
    # the legend: a small filled square with a text just right of it
    my (%series, %legend_text);
    for my $s (grep { $_->{rect} && $_->{fill} ne '-' && $_->{x1} - $_->{x0} <= 14 &&
                      abs(($_->{x1} - $_->{x0}) - ($_->{y1} - $_->{y0})) <= 1 } @sh) {
        for my $i (0 .. $#t) {
            my $a = $t[$i];
            next unless $a->{x} >= $s->{x1} - $tol && $a->{x} <= $s->{x1} + 6 &&
                        $a->{y} < $s->{y1} && $a->{y} + $a->{h} > $s->{y0};
            $series{$s->{fill}} = $a->{text};
            $legend_text{$i} = 1;
            $s->{swatch} = 1;
        }
    }
    if ($pass == 1) {
        %doc_series = (%doc_series, %series);
        $page_series{$ch->{page}}{$_} = 1 for keys %series;
        next;
    }
    # every series colour this chart draws is named by a legend on its page
    # (a chart continued on a later page carries its legend there too)
    {
        my %used = map { $_->{fill} => 1 } grep { !$_->{swatch} && $doc_series{$_->{fill}} } @sh;
        my @nameless = grep { !$page_series{$ch->{page}}{$_} } sort keys %used;
        found('chart_unlegended', $ch->{page}, 'a chart (part) draws ' .
              join(', ', map { $doc_series{$_} } @nameless) . ' with no legend on its page') if @nameless;
    }
    %series = %doc_series unless %series;
    next unless %series;
    my @bars = grep { $_->{rect} && !$_->{swatch} && $series{$_->{fill}} } @sh;
    my @wedges = grep { !$_->{rect} && $series{$_->{fill}} } @sh;
    my @leaders = grep { $_->{fill} eq '-' && @{$_->{pts}} == 2 } @sh;
    # bars: the value axis from its numbered labels left of every bar
    if (@bars) {
        my $minx = (sort { $a <=> $b } map { $_->{x0} } @bars)[0];
        my @axis = grep { !$legend_text{$_} && $t[$_]{text} =~ /^[\d,]+$/ && $t[$_]{x} + $t[$_]{w} <= $minx + $tol } 0 .. $#t;
        my %is_axis = map { $_ => 1 } @axis;
        my ($lo, $hi) = (sort { num_of($t[$a]{text}) <=> num_of($t[$b]{text}) } @axis)[0, -1];
        my $slope = defined $hi && num_of($t[$hi]{text}) > num_of($t[$lo]{text}) ?
            (($t[$lo]{y} + $t[$lo]{h} / 2) - ($t[$hi]{y} + $t[$hi]{h} / 2)) / (num_of($t[$hi]{text}) - num_of($t[$lo]{text})) : 0;
        my @values = grep { !$legend_text{$_} && !$is_axis{$_} && $t[$_]{text} =~ /^[\d,]+$/ } 0 .. $#t;
        for my $bar (@bars) {
            my $h = $bar->{y1} - $bar->{y0};
            next if $h < $tol || $slope <= 0;
            my $v = $h / $slope;
            $nbars++;
            my $bx = ($bar->{x0} + $bar->{x1}) / 2;
            my @cand = sort { abs($t[$a]{x} + $t[$a]{w} / 2 - $bx) <=> abs($t[$b]{x} + $t[$b]{w} / 2 - $bx) }
                       grep { abs(num_of($t[$_]{text}) - $v) <= 0.5 + 0.3 / $slope } @values;
            if (!@cand) {
                found('chart_detached', $ch->{page}, sprintf('a %s bar of %.0f has no label with its value', $series{$bar->{fill}}, $v));
                next;
            }
            my $l = $t[$cand[0]];
            my $lx = $l->{x} + $l->{w} / 2;
            my $between = grep { $_ != $l && $_->{x} < $lx && $_->{x} + $_->{w} > $lx &&
                                 $_->{y} >= $l->{y} + $l->{h} - $tol && $_->{y} + $_->{h} <= $bar->{y0} + $tol } @t;
            # no value label over another bar
            for my $o (@bars) {
                next if $o == $bar;
                found('chart_overlap', $ch->{page}, "value label $l->{text} over a $series{$o->{fill}} bar beside its own")
                    if $l->{x} < $o->{x1} - $tol && $l->{x} + $l->{w} > $o->{x0} + $tol &&
                       $l->{y} < $o->{y1} - $tol && $l->{y} + $l->{h} > $o->{y0} + $tol;
            }
            found('chart_detached', $ch->{page}, "value label $l->{text} not right over its $series{$bar->{fill}} bar")
                if $lx < $bar->{x0} - $tol || $lx > $bar->{x1} + $tol || $l->{y} + $l->{h} > $bar->{y0} + 1 ||
                   $bar->{y0} - ($l->{y} + $l->{h}) > $l->{h} || $between;
        }
    }
    # slices: the label (the series' name, and its share) inside the slice
    # or at the far end of a leader starting inside it
    for my $w (@wedges) {
        my $name = $series{$w->{fill}};
        my @p = @{$w->{pts}};
        my ($cx, $cy, @arc);
        # a slice starts at the centre (M centre L …); a whole circle does not
        # (its outline's points once each: a closed outline may repeat
        # its first point at the end, which would pull the mean toward it)
        my @q = @p;
        pop @q while @q > 2 && abs($q[-1][0] - $q[0][0]) < 0.05 && abs($q[-1][1] - $q[0][1]) < 0.05;
        my ($mx, $my) = (0, 0);
        $mx += $_->[0] / @q, $my += $_->[1] / @q for @q;
        my $r0 = sqrt(($q[0][0] - $mx) ** 2 + ($q[0][1] - $my) ** 2);
        my $round = !grep { abs(sqrt(($_->[0] - $mx) ** 2 + ($_->[1] - $my) ** 2) - $r0) > 1 } @q;
        if ($round) { ($cx, $cy, @arc) = ($mx, $my, @p) } else { ($cx, $cy) = @{$p[0]}; @arc = @p[1 .. $#p] }
        my $sweep = 0;
        if ($round) { $sweep = 2 * $pi }
        else {
            for my $i (1 .. $#arc) {
                my $d = atan2($arc[$i][1] - $cy, $arc[$i][0] - $cx) - atan2($arc[$i - 1][1] - $cy, $arc[$i - 1][0] - $cx);
                $d -= 2 * $pi while $d > $pi;
                $d += 2 * $pi while $d <= -$pi;
                $sweep += $d;
            }
        }
        my $share = 100 * abs($sweep) / (2 * $pi);
        $nslices++;
        my @own = grep { index($_->{text}, $name) == 0 } @t;
        my ($label) = grep { inside_poly($_->{x} + $_->{w} / 2, $_->{y} + $_->{h} / 2, \@p) } @own;
        my $pct;
        if ($label) {
            ($pct) = $label->{text} =~ /([<>]?\d+)%/;
            if (!defined $pct) {
                my ($pt) = grep { $_->{text} =~ /^[<>]?\d+%$/ && inside_poly($_->{x} + $_->{w} / 2, $_->{y} + $_->{h} / 2, \@p) } @t;
                ($pct) = $pt->{text} =~ /([<>]?\d+)%/ if $pt;
            }
        } else {
            for my $ld (@leaders) {
                my ($p0, $p1) = @{$ld->{pts}};
                ($p0, $p1) = ($p1, $p0) unless inside_poly(@$p0, \@p);
                next unless inside_poly(@$p0, \@p);
                ($label) = grep { box_dist(@$p1, $_) <= 6 } @own;
                last if $label;
            }
            ($pct) = $label->{text} =~ /([<>]?\d+)%/ if $label;
        }
        if (!$label) {
            found('chart_detached', $ch->{page}, sprintf('a %s slice (%.0f%%) has no label inside it or at the end of its leader', $name, $share));
        } elsif (!defined $pct || ($pct =~ /^</ ? $share >= 1 : $pct =~ /^>/ ? $share <= 99 : abs($pct - $share) > 1)) {
            found('chart_detached', $ch->{page}, sprintf('the %s slice is %.1f%% of its pie, its label says %s', $name, $share, $pct // 'no share'));
        }
    }
}
}

{
    my %lowest;
    for my $im (@images) {
        $lowest{$im->{page}} = $im if !$lowest{$im->{page}} ||
            $im->{y} + $im->{h} > $lowest{$im->{page}}{y} + $lowest{$im->{page}}{h};
    }
    for my $p (sort { $a <=> $b } keys %lowest) {
        my $im = $lowest{$p};
        my $below = grep { !$_->{static} && $_->{page} == $p && $_->{text} =~ /^▲/ &&
                           $_->{y} >= $im->{y} + $im->{h} - $tol } @lines;
        found('photo_uncaptioned', $p, "no ▲ caption under $im->{src}") unless $below;
    }
}
{
    my $mm = 72 / 25.4;
    for my $im (@images) {
        my $bd = $body{$im->{page}};
        my $beside = grep { $_ != $im && $_->{page} == $im->{page} && abs($_->{y} - $im->{y}) < 1 } @images;
        my ($wmax, $hmax) = $beside ? ($bd ? $bd->[2] / 2 : 1e9, 60 * $mm) : (100 * $mm, 75 * $mm);
        found('photo_size', $im->{page}, sprintf('%s %.0f x %.0f mm', $im->{src}, $im->{w} / $mm, $im->{h} / $mm))
            if $im->{w} > $wmax + $tol || $im->{h} > $hmax + $tol;
    }
}

{
    # the top of each row of photos (photos side by side overlap
    # vertically), and the nearest line, cell or photo above it on its page
    # that it overlaps across
    my %row_done;
    my $holds_photo = sub {    # a cell of a photo group: photos, no text
        my ($c) = @_;
        return 0 if grep { $_->{text} =~ /\S/ } @{$c->{lines} || []};
        return grep { $_->{page} == $c->{page} && $_->{x} >= $c->{x} - $tol && $_->{y} >= $c->{y} - $tol &&
                      $_->{x} + $_->{w} <= $c->{x} + $c->{w} + $tol && $_->{y} + $_->{h} <= $c->{y} + $c->{h} + $tol } @images;
    };
    for my $im (sort { $a->{page} <=> $b->{page} || $a->{y} <=> $b->{y} } @images) {
        my @row = grep { $_->{page} == $im->{page} && $_->{y} < $im->{y} + $im->{h} && $_->{y} + $_->{h} > $im->{y} } @images;
        my ($top, $x0, $x1) = (1e9, 1e9, -1e9);
        for (@row) {
            $top = $_->{y} if $_->{y} < $top;
            $x0 = $_->{x} if $_->{x} < $x0;
            $x1 = $_->{x} + $_->{w} if $_->{x} + $_->{w} > $x1;
        }
        next if $row_done{$im->{page}, sprintf('%.1f', $top)}++;
        # a photo in a cell with text is a table's content, not a group
        # under it
        next if grep { !$_->{static} && $_->{page} == $im->{page} && $_->{x} <= $x0 + $tol && $_->{x} + $_->{w} >= $x1 - $tol &&
                       $_->{y} <= $top + $tol && $_->{y} + $_->{h} >= $top + $tol &&
                       grep { $_->{text} =~ /\S/ } @{$_->{lines} || []} } @cells;
        my ($best, $what) = (undef, undef);
        for my $it ((map { [$_, 'line'] } @lines), (map { [$_, 'cell'] } @cells), (map { [$_, 'photo'] } @images)) {
            my ($o, $k) = @$it;
            next if $o->{static} || $o->{page} != $im->{page} || $o->{x} >= $x1 || $o->{x} + $o->{w} <= $x0;
            my $b = $o->{y} + $o->{h};
            next if $b > $top + $tol;
            # a cell reaching below the row's top holds it
            next if $k eq 'cell' && $b > $top - $tol;
            ($best, $what) = ($b, $k eq 'cell' && $holds_photo->($o) ? 'photo' : $k)
                if !defined $best || $b > $best + $tol || ($b > $best - $tol && $k ne 'cell');
        }
        found('photo_crowded', $im->{page}, sprintf('%s %.1f pt under a table', $im->{src}, $top - $best))
            if defined $best && $what eq 'cell' && $top - $best < 9 - $tol;
    }
}
print join(' ', map { "$_=$count{$_}" } qw(empty_fragment row_start_split cell_orphan heading_last
    prohibited short_last lone_char number_broken name_broken cjk_gap outside underfull span_unlabelled span_split merged_empty
    chart_overlap chart_outside chart_detached chart_unlegended photo_uncaptioned photo_size photo_crowded word_broken)), "\n";
print map { "#   $_\n" } @finds if $verbose;
print "# chart labels checked against $nbars bars and $nslices slices\n" if $verbose && ($nbars || $nslices);
exit 0;
