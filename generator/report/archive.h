/* archive.h — a report PDF read back (archive.c): its recorded provenance,
 * the files it carries, and the comparison of what it records with what
 * is at hand (docs/archival.md). */
#ifndef GR_ARCHIVE_H
#define GR_ARCHIVE_H

#include "report.h"
#include <stdio.h>

typedef struct gr_archive gr_archive;

/* Read and parse the PDF (at most 512 MiB) and list its embedded files
 * (the /EmbeddedFiles name tree, /Kids included; at most 1000 files).
 * GR_OK, or the status of the reported problem. */
int gr_archive_open(gr_ctx *ctx, const char *pdf, gr_archive **out);
void gr_archive_close(gr_archive *a);

size_t gr_archive_nfiles(const gr_archive *a);
/* The PDF's name as the caller gave it. */
const char *gr_archive_path(const gr_archive *a);
/* The file's name as the PDF gives it (/UF, else /F; "" when none): not
 * yet checked for safety. */
const char *gr_archive_file_name(const gr_archive *a, size_t i);
/* The file's bytes (newly allocated): FlateDecode or unfiltered only,
 * inflated into a buffer no larger than its recorded /Size or 64 MiB, so a
 * deflate bomb is refused while decoding. GR_OK or GR_EINPUT (reported). */
int gr_archive_read_file(gr_ctx *ctx, gr_archive *a, size_t i, unsigned char **data, size_t *len);

/* A recorded provenance value (Info dictionary key without "/"), newly
 * allocated, or NULL. */
char *gr_archive_info(gr_archive *a, const char *key);

/* Print to out each recorded program/library version and each recorded
 * font (name, version string, head checksum, size) that differs from the
 * ones at hand (fonts as fontdir's configuration finds them; what to
 * install from fontdir/font-packages.txt). Returns how many differ. */
int gr_archive_compare(gr_ctx *ctx, gr_archive *a, const char *fontdir, FILE *out);

/* Print each Info key whose value differs between an old report and a new
 * one (or is in only one of them); returns how many. */
int gr_archive_diff(gr_archive *was, gr_archive *now, FILE *out);
/* 1 if the two PDFs are the same bytes. */
int gr_archive_same_bytes(const gr_archive *a, const gr_archive *b);

/* Write every carried file into dir (made by the caller): names confined
 * to dir (relative, no "..", no links followed, nothing overwritten), every
 * file checked and decoded before anything is written, and the ones written
 * removed again when one fails. list: print each written path. */
int gr_archive_unpack(gr_ctx *ctx, gr_archive *a, const char *dir, int list);

/* A report PDF where a data file is expected (build, check, combine): 1 if
 * path is a regular file starting with "%PDF-". */
int gr_is_pdf_file(const char *path);
/* Unpack the PDF's carried files into a new private folder
 * (TMPDIR/gereport-XXXXXX/REPORT.pdf/); *data is the carried data file's
 * path there, *folder the REPORT.pdf folder holding it (messages show it
 * as the report's own name), *tmpdir the folder to give to
 * gr_archive_remove_temp; the caller frees the three. A PDF without a
 * carried .xml is refused. */
int gr_archive_unpack_temp(gr_ctx *ctx, const char *pdf, char **tmpdir, char **data,
                           char **folder);
/* 1 if pdf is a report PDF carrying a data file (reports nothing): a year
 * folder's PDFs count as agencies' files only then (report/city.c). */
int gr_archive_carries_data(const char *pdf);
/* Remove the folder and everything in it; frees tmpdir. NULL is fine. */
void gr_archive_remove_temp(char *tmpdir);

#endif
