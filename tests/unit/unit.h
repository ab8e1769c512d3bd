/* unit.h — the one harness of the C unit tests (included once by each
 * tests/unit/test_*.c): CHECK(cond, fmt, ...) counts a pass, or prints
 * "FAIL (file:line): message" on stderr and counts a failure; the test's
 * main ends with `return unit_done();`, which prints the closing line
 * "N passed, M failed" that tests/run.sh reads. */
#ifndef GR_UNIT_H
#define GR_UNIT_H
#include <stdarg.h>
#include <stdio.h>

static int npass, nfail;

#define CHECK(cond, ...) unit_check_((cond) ? 1 : 0, __FILE__, __LINE__, __VA_ARGS__)

__attribute__((format(printf, 4, 5)))
static void unit_check_(int ok, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    if (ok) {
        npass++;
        return;
    }
    nfail++;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL (%s:%d): ", file, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static int unit_done(void)
{
    printf("%d passed, %d failed\n", npass, nfail);
    return nfail ? 1 : 0;
}
#endif
