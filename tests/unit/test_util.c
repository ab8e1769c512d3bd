/* test_util.c — unit tests of generator/util's hostile-input helpers:
 * which code points text may not hold, clipping values for messages,
 * opening inputs (regular files only, never blocking, remembered as inputs
 * of the run), and outputs (nothing visible before commit, nothing left
 * after abort, inputs and non-regular paths refused, umask respected;
 * the no-replace writer of `new` keeps a file that exists or appears).
 * Works in build/tests/unit-util (made here). Prints "N passed, M failed";
 * exits 1 on any failure.
 */
#include "../../generator/util/gr.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

static const char *D = "build/tests/unit-util";

static char *in_dir(const char *name)
{
    static char buf[4][512];
    static int k;
    char *b = buf[k++ % 4];
    snprintf(b, 512, "%s/%s", D, name);
    return b;
}

/* Names in D other than the ones a test made on purpose. */
static int count_entries(void)
{
    DIR *dir = opendir(D);
    struct dirent *e;
    int n = 0;
    if (!dir) return -1;
    while ((e = readdir(dir)) != NULL)
        if (e->d_name[0] != '.') n++;
    closedir(dir);
    return n;
}

static void test_forbidden(void)
{
    CHECK(!gr_cp_forbidden('\t') && !gr_cp_forbidden('\n') && !gr_cp_forbidden('\r'),
          "TAB, LF, CR allowed");
    CHECK(gr_cp_forbidden(0x01) && gr_cp_forbidden(0x1B) && gr_cp_forbidden(0x7F),
          "C0 controls and DEL refused");
    CHECK(gr_cp_forbidden(0x80) && gr_cp_forbidden(0x85) && gr_cp_forbidden(0x9F),
          "C1 controls refused");
    CHECK(!gr_cp_forbidden(0xA0) && !gr_cp_forbidden(0x20) && !gr_cp_forbidden(0x856D),
          "NBSP, space, 蕭 allowed");
    CHECK(gr_cp_forbidden(0x200E) && gr_cp_forbidden(0x200F) && gr_cp_forbidden(0x202A) &&
          gr_cp_forbidden(0x202E) && gr_cp_forbidden(0x2066) && gr_cp_forbidden(0x2069),
          "bidi controls refused");
    CHECK(!gr_cp_forbidden(0x200D) && !gr_cp_forbidden(0x2029) && !gr_cp_forbidden(0x202F) &&
          !gr_cp_forbidden(0x206A) && !gr_cp_forbidden(0x20BB7),
          "ZWJ, paragraph separator, NNBSP, U+206A, 𠮷 allowed");
}

static void test_clip(void)
{
    char big[4000];
    const char *c;
    int i;
    CHECK(strcmp(gr_clip("蕭雅勻"), "蕭雅勻") == 0, "short value unchanged");
    c = gr_clip("a\xE2\x80\xAE" "b\x1B[2J");
    CHECK(strcmp(c, "a<U+202E>b<U+001B>[2J") == 0, "controls shown as U+XXXX, got %s", c);
    for (i = 0; i < 300; i++) memcpy(big + 3 * i, "蕭", 3);
    big[900] = 0;
    c = gr_clip(big);
    CHECK(strncmp(c, big, 240) == 0 && c[240] != '\xE8' && strstr(c, "共 300 字"),
          "300 characters: 80 shown and the count, got %.60s…", c);
    CHECK(strlen(c) < 300, "clipped value short (%zu bytes)", strlen(c));
}

static void test_inputs(void)
{
    gr_ctx ctx;
    int fd, rc;
    char *data;
    size_t len;
    FILE *f;
    gr_ctx_init(&ctx);
    ctx.err_stream = fopen("/dev/null", "w");
    f = fopen(in_dir("in.txt"), "w");
    fputs("hello", f);
    fclose(f);
    mkfifo(in_dir("pipe"), 0600);
    rc = gr_open_input(&ctx, in_dir("pipe"), NULL, 0, NULL, &fd);
    CHECK(rc == GR_EINPUT && fd < 0, "a FIFO is refused without blocking");
    rc = gr_open_input(&ctx, D, NULL, 0, NULL, &fd);
    CHECK(rc == GR_EINPUT, "a folder is refused");
    rc = gr_read_file(&ctx, "/proc/self/status", &data, &len);
    CHECK(rc == GR_EINPUT && !data, "a /proc file is refused");
    rc = gr_read_file(&ctx, in_dir("in.txt"), &data, &len);
    CHECK(rc == GR_OK && len == 5 && strcmp(data, "hello") == 0, "a regular file is read");
    free(data);
    CHECK(ctx.ninputs == 1, "the input is remembered (%d)", ctx.ninputs);
    rc = gr_read_input(&ctx, in_dir("in.txt"), 3, &data, &len);
    CHECK(rc == GR_EINPUT && !data, "over the limit: refused");
    fclose(ctx.err_stream);
}

static void test_outputs(void)
{
    gr_ctx ctx;
    gr_out *o;
    struct stat st;
    int rc, before;
    mode_t old;
    gr_ctx_init(&ctx);
    ctx.err_stream = fopen("/dev/null", "w");
    unlink(in_dir("new.pdf"));
    before = count_entries();
    rc = gr_out_open(&ctx, in_dir("new.pdf"), &o);
    CHECK(rc == GR_OK, "open a new output");
    gr_out_write(&ctx, o, "%PDF-1.4\n", 9);
    CHECK(stat(in_dir("new.pdf"), &st) != 0 && count_entries() == before,
          "nothing visible before commit (%d entries, %d before)", count_entries(), before);
    gr_out_abort(o);
    CHECK(count_entries() == before, "nothing left after abort");

    old = umask(027);
    rc = gr_write_file_atomic(&ctx, in_dir("new.pdf"), "abc", 3);
    umask(old);
    CHECK(rc == GR_OK && stat(in_dir("new.pdf"), &st) == 0 && st.st_size == 3 &&
          (st.st_mode & 0777) == 0640, "new file written with the umask (mode %o)",
          (unsigned)(st.st_mode & 0777));
    old = umask(077);
    rc = gr_out_open(&ctx, in_dir("new.pdf"), &o);
    gr_out_write(&ctx, o, "abcdef", 6);
    CHECK(stat(in_dir("new.pdf"), &st) == 0 && st.st_size == 3, "old content until commit");
    rc = gr_out_commit(&ctx, o);
    umask(old);
    CHECK(rc == GR_OK && stat(in_dir("new.pdf"), &st) == 0 && st.st_size == 6 &&
          (st.st_mode & 0777) == 0600, "replaced at commit, with the umask (mode %o)",
          (unsigned)(st.st_mode & 0777));
    CHECK(count_entries() == before + 1, "no temporary file left");

    {
        char *data;
        size_t len;
        gr_read_file(&ctx, in_dir("in.txt"), &data, &len);
        free(data);
    }
    rc = gr_write_file_atomic(&ctx, in_dir("in.txt"), "x", 1);
    CHECK(rc == GR_ESYS, "an input of the run is not replaced");
    rc = gr_write_file_atomic(&ctx, in_dir("pipe"), "x", 1);
    CHECK(rc == GR_ESYS && stat(in_dir("pipe"), &st) == 0 && S_ISFIFO(st.st_mode),
          "a FIFO is not replaced");
    rc = gr_write_file_atomic(&ctx, D, "x", 1);
    CHECK(rc == GR_ESYS, "a folder is not replaced");
    rc = gr_write_file_atomic(&ctx, in_dir("no/such/dir.pdf"), "x", 1);
    CHECK(rc == GR_ESYS, "a missing folder is an error");
    fclose(ctx.err_stream);
}

/* gr_out_open_new (`new`): never replaces, not even a name that appears
 * between open and commit. */
static void test_outputs_new(void)
{
    gr_ctx ctx;
    gr_out *o;
    struct stat st;
    int rc, before;
    char buf[16];
    FILE *f;
    gr_ctx_init(&ctx);
    ctx.err_stream = fopen("/dev/null", "w");
    unlink(in_dir("skel.xml"));
    unlink(in_dir("dangling.xml"));
    before = count_entries();
    rc = gr_write_file_new(&ctx, in_dir("skel.xml"), "<a/>", 4);
    CHECK(rc == GR_OK && stat(in_dir("skel.xml"), &st) == 0 && st.st_size == 4 &&
          count_entries() == before + 1, "a new file is written, nothing else");
    rc = gr_write_file_new(&ctx, in_dir("skel.xml"), "<bb/>", 5);
    CHECK(rc == GR_ESYS && stat(in_dir("skel.xml"), &st) == 0 && st.st_size == 4,
          "an existing file is refused and kept");
    CHECK(symlink("nowhere", in_dir("dangling.xml")) == 0, "made a dangling link");
    rc = gr_write_file_new(&ctx, in_dir("dangling.xml"), "<a/>", 4);
    CHECK(rc == GR_ESYS && stat(in_dir("nowhere"), &st) != 0,
          "a dangling link is refused, nothing made through it");

    unlink(in_dir("skel.xml"));
    unlink(in_dir("dangling.xml"));
    before = count_entries();
    rc = gr_out_open_new(&ctx, in_dir("race.xml"), &o);
    CHECK(rc == GR_OK, "open a new output");
    gr_out_write(&ctx, o, "<mine/>", 7);
    f = fopen(in_dir("race.xml"), "w");      /* someone else's file appears */
    if (f) { fputs("theirs", f); fclose(f); }
    rc = gr_out_commit(&ctx, o);
    memset(buf, 0, sizeof buf);
    f = fopen(in_dir("race.xml"), "r");
    if (f) { (void)!fread(buf, 1, sizeof buf - 1, f); fclose(f); }
    CHECK(rc == GR_ESYS && strcmp(buf, "theirs") == 0,
          "a file that appeared before the commit is kept (commit %d, content \"%s\")", rc, buf);
    CHECK(count_entries() == before + 1, "no temporary file left (%d entries, %d before)",
          count_entries(), before + 1);
    unlink(in_dir("race.xml"));
    fclose(ctx.err_stream);
}

int main(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s", D, D);
    if (system(cmd) != 0) return 2;
    test_forbidden();
    test_clip();
    test_inputs();
    test_outputs();
    test_outputs_new();
    return unit_done();
}
