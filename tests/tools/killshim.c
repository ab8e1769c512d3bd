/* killshim.c — test helper (LD_PRELOAD): fsync() raises the signal named by
 * GR_KILLSHIM_SIGNAL (a number) instead of syncing, so a test can kill
 * gereport at the exact moment its output is complete but not yet in
 * place. Built by tests/t-hostile-files.sh; never part of gereport. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

int fsync(int fd)
{
    const char *s = getenv("GR_KILLSHIM_SIGNAL");
    (void)fd;
    if (s && atoi(s) > 0) raise(atoi(s));
    return 0;
}
