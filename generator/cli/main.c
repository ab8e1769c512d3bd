/* main.c — the gereport command line: dispatches to a verb, finds the data
 * folders (fonts/, templates/) and maps statuses to exit codes
 * (0 ok, 1 input errors, 2 usage or system errors). */
#include "cli.h"
#include "../util/msg.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef GR_DATADIR
#define GR_DATADIR "/usr/local/share/gereport"
#endif

/* The short usage of a mistake: the synopsis and where the help is. */
static int usage_error(const char *zh, const char *en)
{
    gr_ctx ctx;
    gr_ctx_init(&ctx);
    ctx.lang = gr_cli_lang_from_env();
    if (zh) {
        fputs("gereport: ", stderr);
        gr_cli_say(&ctx, stderr, zh, en);
    }
    fputs(ctx.lang == GR_LANG_ZH ? "用法：gereport <指令> [選項]；指令：build check combine edit extract new render serve\n"
          : ctx.lang == GR_LANG_EN ? "Usage: gereport <verb> [options]; verbs: build check combine edit extract new render serve\n"
          : "用法 Usage: gereport <指令 verb> [選項 options]; build check combine edit extract new render serve\n", stderr);
    gr_cli_say(&ctx, stderr, GR_TEXT(SEE_HELP));
    return GR_ESYS;
}

static void usage(FILE *out)
{
    fputs("用法 Usage: gereport <指令 verb> [選項 options]\n"
          "\n"
          "指令 Verbs:\n"
          "  build FILE.xml [-o OUT.pdf]   依資料年度的表單產生成果報告 PDF/A-1b\n"
          "                                the report of a data file on its year's form\n"
          "  edit FILE.xml                 在瀏覽器中填寫報告（本機網頁）\n"
          "                                fill in the report in a browser (local page)\n"
          "  extract REPORT.pdf DIR        取出報告內附的資料與圖檔（--embed-source）\n"
          "                                write out the data a report carries\n"
          "  check FILE.xml…               檢查資料：格式、數字、總計畫規則\n"
          "                                check data files: format, figures, rules\n"
          "  combine DIR -o CITY.pdf       彙整年度資料夾為全市成果報告\n"
          "                                the city's combined report of a year folder\n"
          "  serve DIR                     在瀏覽器中檢視年度資料夾（性平辦）\n"
          "                                the office's year folder in a browser\n"
          "  new --year Y --agency NAME --group G [-o FILE.xml]\n"
          "                                產生空白資料檔 write a skeleton data file\n"
          "  render FILE.fo [-o OUT.pdf]   將 XSL-FO 文件排版為 PDF/A-1b\n"
          "                                lay out an XSL-FO document as PDF/A-1b\n"
          "\n"
          "選項 Options:\n"
          "  --help       顯示說明 show this help (also: gereport VERB --help)\n"
          "  --version    顯示版本及建置來源的 commit show the version and its commit\n"
          "  --max-memory MiB  記憶體上限（預設 4096）memory limit of the run (default 4096)\n"
          "\n"
          "檔名「-」為標準輸入或標準輸出；「--」之後都是檔名；--opt=value 與 --opt value 皆可。\n"
          "\"-\" is standard input or output; after \"--\" every argument is a file;\n"
          "--opt=value and --opt value both work.\n"
          "訊息語言依 LC_ALL、LC_MESSAGES、LANG（zh* 中文、en* 英文，其他中英並列），\n"
          "--lang zh|en|both 優先。Messages follow LC_ALL / LC_MESSAGES / LANG (zh*\n"
          "Chinese, en* English, else both); --lang zh|en|both overrides them.\n"
          "\n"
          "結束代碼 Exit status: 0 成功 ok, 1 輸入錯誤 input errors, 2 用法或系統錯誤 usage or system errors\n"
          "說明文件 Manual: man gereport; docs/user-guide.md\n",
          out);
}

static int is_dir_with(const char *dir, const char *file)
{
    char *p = gr_path_join(dir, file);
    struct stat st;
    int ok = stat(p, &st) == 0;
    free(p);
    return ok;
}

/* The folder holding fonts/ and templates/: the source tree when run as
 * build/gereport, PREFIX/share/gereport when installed as PREFIX/bin/gereport
 * (wherever PREFIX is), else the folder compiled in. */
char *gr_cli_datadir(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *bin, *top, *share;
        exe[n] = 0;
        bin = gr_dirname(exe);
        top = gr_dirname(bin);
        free(bin);
        if (is_dir_with(top, "fonts/gereport-fonts.conf"))
            return top;
        share = gr_path_join(top, "share/gereport");
        free(top);
        if (is_dir_with(share, "fonts/gereport-fonts.conf"))
            return share;
        free(share);
    }
    return gr_strdup(GR_DATADIR);
}

/* Options before the verb: only --max-memory MiB (the verb's own parser,
 * cli/opts.c, takes it among the verb's options too, never after "--").
 * Removes them from argv. Returns GR_OK or GR_ESYS. */
static int take_global_options(int *argc, char **argv)
{
    if (gr_mem_init(0) != GR_OK) {
        fprintf(stderr, "gereport: %s (%s)\n", GR_TEXT(MAX_MEMORY_NOT_SET));
        return GR_ESYS;
    }
    while (*argc > 1) {
        const char *v;
        int used = 1, j;
        if (strcmp(argv[1], "--max-memory") == 0) { v = *argc > 2 ? argv[2] : ""; used = *argc > 2 ? 2 : 1; }
        else if (strncmp(argv[1], "--max-memory=", 13) == 0) v = argv[1] + 13;
        else break;
        if (gr_cli_max_memory(v) != GR_OK) {
            fprintf(stderr, "gereport: %s (%s)\n", GR_TEXT(MAX_MEMORY_VALUE));
            return GR_ESYS;
        }
        for (j = 1; j + used <= *argc; j++) argv[j] = argv[j + used];
        *argc -= used;
    }
    return GR_OK;
}

int main(int argc, char **argv)
{
    if (take_global_options(&argc, argv) != GR_OK)
        return GR_ESYS;
    if (argc < 2)
        return usage_error(NULL, NULL);
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return GR_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("gereport %s (commit %s)\n", gr_version(), gr_commit());
        return GR_OK;
    }
    if (strcmp(argv[1], "render") == 0)
        return gr_cmd_render(argc - 1, argv + 1);
    if (strcmp(argv[1], "build") == 0)
        return gr_cmd_build(argc - 1, argv + 1);
    if (strcmp(argv[1], "edit") == 0)
        return gr_cmd_edit(argc - 1, argv + 1);
    if (strcmp(argv[1], "extract") == 0)
        return gr_cmd_extract(argc - 1, argv + 1);
    if (strcmp(argv[1], "check") == 0)
        return gr_cmd_check(argc - 1, argv + 1);
    if (strcmp(argv[1], "combine") == 0)
        return gr_cmd_combine(argc - 1, argv + 1);
    if (strcmp(argv[1], "serve") == 0)
        return gr_cmd_serve(argc - 1, argv + 1);
    if (strcmp(argv[1], "new") == 0)
        return gr_cmd_new(argc - 1, argv + 1);
    {
        char zh[256], en[256];
        snprintf(zh, sizeof zh, gr_msg_zh_UNKNOWN_VERB, argv[1]);
        snprintf(en, sizeof en, gr_msg_en_UNKNOWN_VERB, argv[1]);
        return usage_error(zh, en);
    }
}
