/* test_messages.c — the message table (generator/util/messages.def): every
 * entry has a Chinese and an English text taking the same arguments (the
 * compiler checks the texts a call uses; this checks all of them, also
 * those filled at run time), no text is entered twice, and system errors
 * (errno) read in both languages. */
#include "util/gr.h"
#include "util/msg.h"
#include "unit.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = {
#define GR_MSG(id, zh, en) #id,
#include "util/messages.def"
#undef GR_MSG
};

/* Entries that are punctuation, a frame or deliberately empty (they fill
 * other messages): they need no letters. */
static const char *const frames[] = {
    "COMPOSED", "LIST_SEPARATOR", "RULE_ID", "NOTHING", "DATA_ATTRIBUTE_SHOWN",
    "DATA_DOC_HINT", "FILE_KIND_SOCKET", "DATA_CONTENT_INVALID", "FO_MESSAGE", NULL
};

static int is_frame(const char *name)
{
    int i;
    for (i = 0; frames[i]; i++)
        if (strcmp(frames[i], name) == 0) return 1;
    return 0;
}

/* The argument types a printf format consumes, in argument order, as one
 * string ("s,i,s,z"): positional (%2$s) and sequential conversions alike;
 * d/i/u/x/o/c are "i", with their length modifier in front. Returns 0 for
 * a conversion this project does not use. */
static int arg_types(const char *f, char out[][8], int max, int *n)
{
    int seq = 0, k;
    *n = 0;
    for (k = 0; k < max; k++) out[k][0] = 0;
    for (; *f; f++) {
        int pos, len = 0;
        char mod[3] = "";
        if (*f != '%') continue;
        f++;
        if (*f == '%') continue;
        if (!*f) break;                    /* a lone % at the end: literal (a text used as an argument) */
        pos = seq;
        if (*f >= '1' && *f <= '9' && strchr(f, '$') && strspn(f, "0123456789") == (size_t)(strchr(f, '$') - f)) {
            pos = atoi(f) - 1;
            f = strchr(f, '$') + 1;
        }
        while (*f && strchr("-+ #0", *f)) f++;
        if (*f == '*') { if (pos + 1 >= max) return 0; strcpy(out[pos], "i"); pos++; f++; }
        while (*f >= '0' && *f <= '9') f++;
        if (*f == '.') {
            f++;
            if (*f == '*') { if (pos + 1 >= max) return 0; strcpy(out[pos], "i"); pos++; f++; }
            while (*f >= '0' && *f <= '9') f++;
        }
        while (*f && strchr("lzhjt", *f) && len < 2) mod[len++] = *f++;
        mod[len] = 0;
        if (pos >= max) return 0;
        if (!*f) return 0;
        if (strchr("diuxXoc", *f)) snprintf(out[pos], 8, "%si", mod);
        else if (*f == 's') snprintf(out[pos], 8, "s");
        else if (strchr("fgeG", *f)) snprintf(out[pos], 8, "f");
        else return 0;
        seq = pos + 1;
        if (seq > *n) *n = seq;
    }
    return 1;
}

static int has_han(const char *s)
{
    const unsigned char *p;
    for (p = (const unsigned char *)s; *p; p++)
        if (*p >= 0xE3 && *p <= 0xE9) return 1;      /* U+3000–U+9FFF lead bytes */
    return 0;
}

static int has_letter(const char *s)
{
    const char *p;
    for (p = s; *p; p++) {
        if (*p == '%') {                              /* skip the conversion */
            p++;
            while (*p && !strchr("sdiuxXocfgeG%", *p)) p++;
            if (!*p) break;
            continue;
        }
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) return 1;
    }
    return 0;
}

static void test_table(void)
{
    int i, j, bad_lang = 0, bad_args = 0, twice = 0;
    CHECK(GR_M_COUNT > 300, "the table has %d entries", (int)GR_M_COUNT);
    for (i = 0; i < GR_M_COUNT; i++) {
        const char *zh = gr_msg_zh((gr_msg_id)i), *en = gr_msg_en((gr_msg_id)i);
        char tz[16][8], te[16][8];
        int nz, ne, k;
        if (!is_frame(names[i]) && (!has_han(zh) || !has_letter(en))) {
            bad_lang++;
            CHECK(0, "%s: a Chinese text (\"%s\") and an English one (\"%s\")", names[i], zh, en);
        }
        if (!arg_types(zh, tz, 16, &nz) || !arg_types(en, te, 16, &ne)) {
            bad_args++;
            CHECK(0, "%s: a conversion the table does not use", names[i]);
            continue;
        }
        for (k = 0; k < 16 && nz == ne; k++)
            if (strcmp(tz[k], te[k]) != 0) break;
        if (nz != ne || k < 16) {
            bad_args++;
            CHECK(0, "%s: the two texts take different arguments (%d and %d)", names[i], nz, ne);
        }
        for (j = 0; j < i; j++)
            if (strcmp(zh, gr_msg_zh((gr_msg_id)j)) == 0 && strcmp(en, gr_msg_en((gr_msg_id)j)) == 0) {
                twice++;
                CHECK(0, "%s and %s are the same texts (one fact in one place)", names[j], names[i]);
            }
    }
    CHECK(bad_lang == 0, "every entry has both languages (%d lack one)", bad_lang);
    CHECK(bad_args == 0, "both texts of every entry take the same arguments (%d differ)", bad_args);
    CHECK(twice == 0, "no text entered twice (%d)", twice);
    /* the checker itself tells different arguments apart */
    {
        char a[16][8], b[16][8];
        int na, nb;
        arg_types("%s 的 %d", a, 16, &na);
        arg_types("%2$d of %1$s", b, 16, &nb);
        CHECK(na == 2 && nb == 2 && strcmp(a[0], "s") == 0 && strcmp(b[0], "s") == 0 &&
              strcmp(a[1], "i") == 0 && strcmp(b[1], "i") == 0, "positional arguments read in order");
        arg_types("%s%.0s", a, 16, &na);
        arg_types("%d", b, 16, &nb);
        CHECK(na == 2 && nb == 1, "different argument counts are seen");
    }
}

static void test_errno(void)
{
    static const int common[] = { ENOENT, EACCES, EPERM, EISDIR, ENOTDIR, ENOSPC, EROFS,
                                  ENAMETOOLONG, ELOOP, EEXIST, EMFILE, ENFILE, EIO, EFBIG,
                                  ENOMEM, EBUSY, EXDEV, EPIPE,
#ifdef EDQUOT
                                  EDQUOT,
#endif
                                  0 };
    int i;
    for (i = 0; common[i]; i++) {
        int e = common[i];
        const char *zh = gr_errno_zh(e), *en = gr_errno_en(e);
        CHECK(has_han(zh) && !strstr(zh, strerror(e)), "errno %d (%s): Chinese text \"%s\"",
              e, strerror(e), zh);
        CHECK(has_letter(en) && !has_han(en), "errno %d: English text \"%s\"", e, en);
    }
    CHECK(strstr(gr_errno_zh(EACCES), "權限") != NULL, "EACCES: 沒有權限 (%s)", gr_errno_zh(EACCES));
    CHECK(strstr(gr_errno_zh(ENOSPC), "磁碟空間不足") != NULL, "ENOSPC: 磁碟空間不足 (%s)", gr_errno_zh(ENOSPC));
    CHECK(strstr(gr_errno_zh(EROFS), "唯讀") != NULL, "EROFS: 唯讀 (%s)", gr_errno_zh(EROFS));
    /* an errno without an entry: its number and the system's text, in the Chinese frame */
    CHECK(strncmp(gr_errno_zh(ECHILD), "系統錯誤 ", strlen("系統錯誤 ")) == 0 &&
          strstr(gr_errno_zh(ECHILD), strerror(ECHILD)) != NULL,
          "an unlisted errno: 系統錯誤 N（…） (%s)", gr_errno_zh(ECHILD));
    CHECK(strncmp(gr_errno_en(ECHILD), "system error ", 13) == 0, "unlisted errno in English (%s)",
          gr_errno_en(ECHILD));
}

int main(void)
{
    test_table();
    test_errno();
    return unit_done();
}
