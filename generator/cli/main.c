/* main.c — the gereport command line: dispatches to a verb, finds the data
 * folders (fonts/, templates/) and maps statuses to exit codes
 * (0 ok, 1 input errors, 2 usage or system errors). */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef GR_DATADIR
#define GR_DATADIR "/usr/local/share/gereport"
#endif

static void usage(FILE *out)
{
    fputs("用法 Usage: gereport <指令 verb> [選項 options]\n"
          "\n"
          "指令 Verbs:\n"
          "  build FILE.xml [-o OUT.pdf]   依資料年度的表單產生成果報告 PDF/A-1b\n"
          "                                the report of a data file on its year's form\n"
          "  extract REPORT.pdf DIR        取出報告內附的資料與圖檔（--embed-source）\n"
          "                                write out the data a report carries\n"
          "  check FILE.xml…               檢查資料：格式、數字、總計畫規則\n"
          "                                check data files: format, figures, rules\n"
          "  new --year Y --agency NAME --group G [-o FILE.xml]\n"
          "                                產生空白資料檔 write a skeleton data file\n"
          "  render FILE.fo [-o OUT.pdf]   將 XSL-FO 文件排版為 PDF/A-1b\n"
          "                                lay out an XSL-FO document as PDF/A-1b\n"
          "\n"
          "選項 Options:\n"
          "  --help       顯示說明 show this help (also: gereport VERB --help)\n"
          "  --version    顯示版本 show the version\n"
          "\n"
          "結束代碼 Exit status: 0 成功 ok, 1 輸入錯誤 input errors, 2 用法或系統錯誤 usage or system errors\n",
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

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return GR_ESYS;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return GR_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("gereport %s\n", GR_VERSION);
        return GR_OK;
    }
    if (strcmp(argv[1], "render") == 0)
        return gr_cmd_render(argc - 1, argv + 1);
    if (strcmp(argv[1], "build") == 0)
        return gr_cmd_build(argc - 1, argv + 1);
    if (strcmp(argv[1], "extract") == 0)
        return gr_cmd_extract(argc - 1, argv + 1);
    if (strcmp(argv[1], "check") == 0)
        return gr_cmd_check(argc - 1, argv + 1);
    if (strcmp(argv[1], "new") == 0)
        return gr_cmd_new(argc - 1, argv + 1);
    fprintf(stderr, "gereport: 未知的指令「%s」(unknown verb \"%s\"); 請見 see gereport --help\n",
            argv[1], argv[1]);
    return GR_ESYS;
}
