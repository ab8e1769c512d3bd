/* version.c — what program made an output: the version number and the git
 * commit the program was built from, defined here once. The Makefile writes
 * build/gen/gr_commit.h (the commit's full hash, "-dirty" when tracked files
 * differ from it, or "unknown" when not built from a git checkout). */
#include "gr.h"
#include "gr_commit.h"

#ifndef GR_COMMIT
#define GR_COMMIT "unknown"
#endif

const char *gr_version(void) { return GR_VERSION; }

const char *gr_commit(void) { return GR_COMMIT; }
