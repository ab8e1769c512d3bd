/* cputime.c — bench tool: runs one command and prints what the kernel
 * accounted for it, to the microsecond, which GNU time's 10 ms steps
 * cannot show for a 30 ms run:
 *   cputime OUT -- CMD [ARG ...]
 * writes one line "wall user sys maxrss_kib" (seconds with six decimals,
 * peak resident set in KiB) to the file OUT, as `time -f '%e %U %S %M'`
 * would, and exits with the command's own status (128 + signal when it
 * was killed). The command's output is left alone. Exit 2 on a usage
 * error, 127 when CMD cannot be run. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double secs(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    struct timespec t0, t1;
    struct rusage ru;
    int status = 0;
    pid_t pid;
    FILE *out;

    if (argc < 4 || strcmp(argv[2], "--") != 0) {
        fprintf(stderr, "usage: cputime OUT -- CMD [ARG ...]\n");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid = fork();
    if (pid < 0) { perror("cputime: fork"); return 2; }
    if (pid == 0) {
        execvp(argv[3], argv + 3);
        perror(argv[3]);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0) { perror("cputime: wait4"); return 2; }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    out = fopen(argv[1], "w");
    if (!out) { perror(argv[1]); return 2; }
    fprintf(out, "%.6f %.6f %.6f %ld\n",
            (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
            secs(ru.ru_utime), secs(ru.ru_stime), ru.ru_maxrss);
    if (fclose(out) != 0) { perror(argv[1]); return 2; }
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
