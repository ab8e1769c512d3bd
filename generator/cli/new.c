/* new.c — `gereport new --year Y --agency NAME --group G [-o FILE.xml]`: a
 * skeleton data file (data format version 1) with every section and a
 * comment per field in Traditional Chinese. The fields to type are empty
 * elements: `gereport check` names each one with its line and 「請填寫」,
 * and accepts the file once they are filled (repeatable parts — meetings,
 * courses, budget items, measures — are there once or as often as the plan
 * usually requires: copy or delete them). Never overwrites a file. */
#define _XOPEN_SOURCE 700              /* realpath */
#include "cli.h"
#include "../domain/domain.h"
#include "../util/msg.h"
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* @全銜@ @簡稱@ @年度@ @組別@ @西元@ (report year, Gregorian) and
 * @核定@ (the year after) are replaced. */
static const char skeleton[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<?xml-model href=\"@schema@\" type=\"application/xml\" schematypens=\"http://relaxng.org/ns/structure/1.0\"?>\n"
"<!--\n"
"  @全銜@@年度@年推動性別平等工作成果報告 — 資料檔（由 gereport new 產生）\n"
"\n"
"  填寫說明：\n"
"  - 空白的元素（例如 <科室></科室>）請填入內容；gereport check 會逐一列出\n"
"    尚未填寫者（「請填寫」）及其行號。\n"
"  - 數字不加千分位逗號；日期一律寫西元年-月-日（例 @核定@-02-22），印出時由\n"
"    程式改為民國年。\n"
"  - 合計、比率、百分比、會議編號、項次、預算總計與增減由程式計算，請勿填寫。\n"
"  - 姓名寫全名；公開版由程式遮蔽為「蕭○勻」，內部版印全名。\n"
"    講師等不需遮蔽者寫 <姓名 遮蔽=\"否\">。\n"
"  - 可重複的段落（<聯絡人>、<會議>、<人員>、<訓練>、<專題>、<案件>、<計畫>、\n"
"    <措施>、<類別>）請依實際筆數整段複製或刪除。\n"
"  - 欄位說明見 docs/data-format.md；檢查：gereport check 本檔；\n"
"    產生 PDF：gereport build 本檔。\n"
"-->\n"
"<成果報告 版本=\"1\">\n"
"  <機關>\n"
"    <!-- 機關全銜，報告標題由此產生：「@全銜@@年度@年推動性別平等工作成果報告」 -->\n"
"    <全銜>@全銜@</全銜>\n"
"    <!-- 機關簡稱，例：資訊局 -->\n"
"    <簡稱>@簡稱@</簡稱>\n"
"  </機關>\n"
"  <!-- 報告年度（民國年） -->\n"
"  <年度>@年度@</年度>\n"
"  <核定>\n"
"    <!-- 性平小組決議通過本報告之日期（西元），通常在次年第一次會議，例 @核定@-02-22 -->\n"
"    <日期></日期>\n"
"    <!-- 決議通過之機制，印為「經○○性平小組決議通過」 -->\n"
"    <機制>@簡稱@性平小組</機制>\n"
"  </核定>\n"
"  <!-- 組別：A群、B群、C群、D群、D1組、E1組 -->\n"
"  <組別>@組別@</組別>\n"
"\n"
"  <!-- 性平聯絡人：性別平等業務承辦人 1 人及其長官 1 人 -->\n"
"  <性平聯絡人>\n"
"    <聯絡人>\n"
"      <!-- 姓名（全名） -->\n"
"      <姓名></姓名>\n"
"      <!-- 科室，例：數位策略中心 -->\n"
"      <科室></科室>\n"
"      <!-- 職稱，例：股長 -->\n"
"      <職稱></職稱>\n"
"    </聯絡人>\n"
"    <聯絡人>\n"
"      <姓名></姓名>\n"
"      <科室></科室>\n"
"      <職稱></職稱>\n"
"    </聯絡人>\n"
"  </性平聯絡人>\n"
"\n"
"  <!-- 一、本年度機關推動性別平等之特色或亮點（一段文字；可分段寫 <段落>…</段落>） -->\n"
"  <亮點></亮點>\n"
"\n"
"  <!-- 二、性別平等專案小組。D1組、E1組由主責機關提供資料時，本段只寫\n"
"       <專案小組><主責機關>臺北市政府民政局</主責機關></專案小組>（填主責機關全銜），\n"
"       刪除 <成員> 與 <運作情形>。 -->\n"
"  <專案小組>\n"
"    <!-- (一) 成員 -->\n"
"    <成員>\n"
"      <!-- 全體委員人數（含外聘委員），依性別 -->\n"
"      <人數><男></男><女></女></人數>\n"
"      <!-- 其中外聘委員（專家學者委員）人數，依性別；至少 3 人 -->\n"
"      <外聘委員><男></男><女></女></外聘委員>\n"
"      <!-- 任一性別未達全體委員三分之一時，請說明原因（否則刪除此行）：\n"
"      <未達三分之一原因>…</未達三分之一原因> -->\n"
"    </成員>\n"
"    <!-- (二) 運作情形：每次會議一個 <會議>，依開會先後排列；每年至少 3 次。\n"
"         會議編號（@年度@-1、@年度@-2…）與出席比率由程式計算。 -->\n"
"    <運作情形>\n"
"      <會議>\n"
"        <!-- 開會日期（選填，表單不印）：<日期>@西元@-03-15</日期> -->\n"
"        <!-- 會議主席：首長、副首長、主秘 或 其他；填「其他」時，下一行加 <主席職稱>代理主任秘書</主席職稱> -->\n"
"        <主席></主席>\n"
"        <!-- 出席委員人數（代理出席仍可列計） -->\n"
"        <出席人數></出席人數>\n"
"        <!-- 出席之專家學者委員，每人一個 <姓名>；有效會議須 2 位以上 -->\n"
"        <專家學者出席者>\n"
"          <姓名></姓名>\n"
"          <姓名></姓名>\n"
"          <姓名></姓名>\n"
"        </專家學者出席者>\n"
"      </會議>\n"
"      <會議>\n"
"        <主席></主席>\n"
"        <出席人數></出席人數>\n"
"        <專家學者出席者>\n"
"          <姓名></姓名>\n"
"          <姓名></姓名>\n"
"          <姓名></姓名>\n"
"        </專家學者出席者>\n"
"      </會議>\n"
"      <會議>\n"
"        <主席></主席>\n"
"        <出席人數></出席人數>\n"
"        <專家學者出席者>\n"
"          <姓名></姓名>\n"
"          <姓名></姓名>\n"
"          <姓名></姓名>\n"
"        </專家學者出席者>\n"
"      </會議>\n"
"    </運作情形>\n"
"  </專案小組>\n"
"\n"
"  <!-- 性別意識培力（含所屬機關） -->\n"
"  <性別意識培力>\n"
"    <!-- (一) 一般公務人員：人數及完成 3 小時性別主流化訓練人數，依性別 -->\n"
"    <一般公務人員>\n"
"      <人數><男></男><女></女></人數>\n"
"      <完成人數><男></男><女></女></完成人數>\n"
"      <!-- (二) 完成 3 小時且其中含實體課程 1 小時以上之人數（實體課程參訓率由程式計算） -->\n"
"      <實體課程參訓人數></實體課程參訓人數>\n"
"    </一般公務人員>\n"
"    <!-- (三) 主管人員：人數及完成人數，依性別 -->\n"
"    <主管人員>\n"
"      <人數><男></男><女></女></人數>\n"
"      <完成人數><男></男><女></女></完成人數>\n"
"    </主管人員>\n"
"    <!-- (四) 性平聯絡人及辦理性別平等業務相關人員參訓時數：每人一個 <人員>；\n"
"         每人每年 18 小時，其中進階課程 6 小時以上（時數可有一或兩位小數） -->\n"
"    <參訓時數>\n"
"      <人員>\n"
"        <身分>性平聯絡人</身分>\n"
"        <姓名></姓名>\n"
"        <年度培力總時數></年度培力總時數>\n"
"        <進階課程時數></進階課程時數>\n"
"      </人員>\n"
"      <人員>\n"
"        <身分>性平聯絡人</身分>\n"
"        <姓名></姓名>\n"
"        <年度培力總時數></年度培力總時數>\n"
"        <進階課程時數></進階課程時數>\n"
"      </人員>\n"
"    </參訓時數>\n"
"    <!-- (五) 自辦訓練：每班一個 <訓練>；沒有時保留空的 <自辦訓練/> -->\n"
"    <自辦訓練>\n"
"      <訓練>\n"
"        <!-- 辦理日期（西元） -->\n"
"        <辦理日期></辦理日期>\n"
"        <訓練班期名稱></訓練班期名稱>\n"
"        <!-- 訓練對象（可複選，每項一行）：一般公務人員、高階公務人員、職工、其他；\n"
"             選「其他」時加 <其他訓練對象>…</其他訓練對象> -->\n"
"        <訓練對象></訓練對象>\n"
"        <!-- 訓練目標（內容）或活動簡介 -->\n"
"        <訓練目標></訓練目標>\n"
"        <!-- 講師資料：服務單位、姓名、職稱 -->\n"
"        <講師資料></講師資料>\n"
"        <!-- 課程類別（可複選，每項一行）：基礎課程、進階課程、CEDAW、性別主流化 -->\n"
"        <課程類別></課程類別>\n"
"        <!-- 訓練方式（可複選，每項一行）：一般講授、多元形式、含實際案例討論、\n"
"             經課前問卷調查所辦理、設計課後評估或滿意度調查問卷 -->\n"
"        <訓練方式></訓練方式>\n"
"        <!-- 辦理形式（選填，表單不印）：<辦理形式>實體</辦理形式>（實體、視訊直播、實體及視訊直播） -->\n"
"        <!-- 時數 -->\n"
"        <時數></時數>\n"
"        <!-- 參加人數，依性別（總計由程式計算） -->\n"
"        <參加人數><男></男><女></女></參加人數>\n"
"      </訓練>\n"
"    </自辦訓練>\n"
"  </性別意識培力>\n"
"\n"
"  <!-- 三、性別統計 -->\n"
"  <性別統計>\n"
"    <!-- (一) 既有性別統計指標及項目之數量，依列管層級 -->\n"
"    <既有指標><主計處列管></主計處列管><機關列管></機關列管></既有指標>\n"
"    <既有項目><主計處列管></主計處列管><機關列管></機關列管></既有項目>\n"
"    <!-- (二) 新增性別統計指標（或其複分類），每項一個 <新增指標>；(三) 新增項目寫 <新增項目>，\n"
"         格式相同，放在所有 <新增指標> 之後。本年度沒有時刪除（表格印「1. 無」）。\n"
"         每 2 年應至少新增 1 項。 -->\n"
"    <新增指標>\n"
"      <名稱></名稱>\n"
"      <定義及說明></定義及說明>\n"
"      <!-- 列管層級：主計處 或 機關 -->\n"
"      <列管層級></列管層級>\n"
"    </新增指標>\n"
"  </性別統計>\n"
"\n"
"  <!-- 四、性別分析：每篇一個 <專題>（委託研究寫 <專題 類型=\"委託研究\">） -->\n"
"  <性別分析>\n"
"    <專題>\n"
"      <名稱></名稱>\n"
"      <!-- 辦理科室或受委託辦理單位 -->\n"
"      <辦理單位></辦理單位>\n"
"      <!-- 提報性平小組會議日期（西元） -->\n"
"      <提報日期></提報日期>\n"
"    </專題>\n"
"  </性別分析>\n"
"\n"
"  <!-- 五、性別影響評估：(一) 自治條例、(二) 公共工程中程計畫、(三) 重大施政計畫，\n"
"       每案一個 <案件>；沒有的類別保留空元素（表格印「1. 無」）。 -->\n"
"  <性別影響評估>\n"
"    <自治條例/>\n"
"    <公共工程中程計畫/>\n"
"    <重大施政計畫>\n"
"      <案件>\n"
"        <!-- 評估方案名稱 -->\n"
"        <名稱></名稱>\n"
"        <!-- 簡要說明本方案內容 -->\n"
"        <簡要說明></簡要說明>\n"
"        <!-- 程序參與方式：性平小組、研商會議 或 書面審查；每位專家學者一個 <姓名>。\n"
"             採研商會議或書面審查時，刪除下方 <初次提報日期>，只留 <修正後提報日期>。 -->\n"
"        <程序參與 方式=\"性平小組\">\n"
"          <姓名></姓名>\n"
"        </程序參與>\n"
"        <!-- 專家學者意見項數、參採項數 -->\n"
"        <意見項數></意見項數>\n"
"        <參採項數></參採項數>\n"
"        <!-- 提報性平小組會議日期（西元） -->\n"
"        <初次提報日期></初次提報日期>\n"
"        <修正後提報日期></修正後提報日期>\n"
"        <!-- 採購：巨額採購、非巨額採購 或 非採購案（非採購案時刪除下一個元素） -->\n"
"        <採購></採購>\n"
"        <!-- 採購過程使用 CSR 評選指標納入「落實性別平等」項目：已納入 或 未納入 -->\n"
"        <CSR評選指標></CSR評選指標>\n"
"      </案件>\n"
"    </重大施政計畫>\n"
"  </性別影響評估>\n"
"\n"
"  <!-- 六、性別預算（單位：元，不加逗號；總計與增減由程式計算） -->\n"
"  <性別預算>\n"
"    <!-- (一) 本年度（@年度@）性別預算，每項一個 <計畫> -->\n"
"    <本年度>\n"
"      <計畫>\n"
"        <計畫項目名稱></計畫項目名稱>\n"
"        <!-- 預算科目（選填）：<預算科目>資訊管理、推動及應用作業 (06)數位策略業務</預算科目> -->\n"
"        <預算數></預算數>\n"
"        <!-- 對促進性別平等的影響 -->\n"
"        <性別平等影響></性別平等影響>\n"
"      </計畫>\n"
"    </本年度>\n"
"    <!-- (二) 下年度性別預算 -->\n"
"    <下年度>\n"
"      <計畫>\n"
"        <計畫項目名稱></計畫項目名稱>\n"
"        <預算數></預算數>\n"
"        <性別平等影響></性別平等影響>\n"
"      </計畫>\n"
"    </下年度>\n"
"    <!-- (三) 下年度與本年度總計不同時，請簡述原因：<增減原因>…</增減原因> -->\n"
"  </性別預算>\n"
"\n"
"  <!-- 七、推展性別平等工作策略及具體措施：每筆一個 <措施>，類別為 一～六、項目為\n"
"       該年度表單的項目編號；同一項目有多筆時寫多個 <措施>。\n"
"       @最低@\n"
"@七@"
"  -->\n"
"  <策略及具體措施>\n"
"@措施@"
"  </策略及具體措施>\n"
"\n"
"  <!-- 成果佐證：七 有填寫的每個類別一個 <類別 編號=\"…\">，說明方案名稱與性別平等關聯性，\n"
"       並提供場次、參與人數（依性別）與佐證資料，例如：\n"
"         <段落>…</段落>\n"
"         <照片><說明>活動照片</說明><圖檔 檔案=\"images/photo-1.png\"/></照片>\n"
"         <統計表 代號=\"t1\"><說明>…</說明><對象>…</對象><單位>人次</單位>\n"
"           <組><名稱>…</名稱><男>0</男><女>0</女></組></統計表>\n"
"       照片路徑相對於本檔所在的資料夾。 -->\n"
"  <成果佐證>\n"
"@類別@"
"  </成果佐證>\n"
"\n"
"  <!-- 八、其他相關成果（沒有時留空，印「無」） -->\n"
"  <其他成果></其他成果>\n"
"\n"
"  <!-- 九、未來推展性別主流化之重點項目及精進作為（選填），每項一個 <重點項目>：\n"
"    <重點項目>\n"
"      <名稱>…</名稱>\n"
"      <現況說明>…</現況說明>\n"
"      <具體策略>…</具體策略>\n"
"      <預期效益>…</預期效益>\n"
"    </重點項目> -->\n"
"  <精進作為></精進作為>\n"
"</成果報告>\n";

/* XML comment text: "--" is not allowed inside a comment. */
static void add_comment_text(gr_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '-' && (s[1] == '-' || !s[1])) gr_buf_adds(b, "－");
        else if (*s == '\n' || *s == '\r' || *s == '\t') gr_buf_addc(b, ' ');
        else gr_buf_addc(b, *s);
    }
}

static char *attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *r = gr_strdup(v ? (const char *)v : "");
    xmlFree(v);
    return r;
}

static int is_elem(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The part of the 七 comment that comes from the year's form data
 * (docs/form-data.md): this group's minimums and every category and item
 * with its number and text. */
static void list_form_items(gr_buf *b, xmlDocPtr form)
{
    xmlNodePtr root = form ? xmlDocGetRootElement(form) : NULL, sec, n, it;
    char *name = root ? attr(root, "name") : gr_strdup("");
    for (sec = root ? root->children : NULL; sec; sec = sec->next) {
        if (!is_elem(sec, "categories")) continue;
        gr_buf_printf(b, "       %s 年表單的類別及項目：\n", name);
        for (n = sec->children; n; n = n->next) {
            char *num, *title;
            if (!is_elem(n, "category")) continue;
            num = attr(n, "number");
            title = attr(n, "title");
            gr_buf_printf(b, "       類別=\"%s\" (%s) ", num, num);
            add_comment_text(b, title);
            gr_buf_adds(b, "\n");
            for (it = n->children; it; it = it->next) {
                xmlChar *t;
                char *inum;
                if (!is_elem(it, "item")) continue;
                inum = attr(it, "number");
                t = xmlNodeGetContent(it);
                gr_buf_printf(b, "         項目=\"%s\" ", inum);
                add_comment_text(b, t ? (const char *)t : "");
                gr_buf_adds(b, "\n");
                xmlFree(t);
                free(inum);
            }
            free(num);
            free(title);
        }
    }
    free(name);
}

static void new_usage(FILE *out)
{
    fputs("用法 Usage: gereport new --year Y --agency NAME --group G [-o FILE.xml]\n"
          "\n"
          "產生一份空白的成果報告資料檔：每一節都有，每個欄位有中文註解。空白的欄位\n"
          "由 gereport check 逐一列為「請填寫」；填妥後 check 通過即可 build。\n"
          "Writes a skeleton results-report data file with every section and a comment\n"
          "per field; `gereport check` lists each empty field (請填寫) until filled.\n"
          "\n"
          "  --year Y          報告年度（民國年，例 113）report year (ROC)\n"
          "  --agency NAME     機關全銜，例 臺北市政府資訊局 the agency's full name\n"
          "  --short NAME      機關簡稱（預設：全銜去掉「臺北市政府」）short name\n"
          "  --group G         組別：A群、B群、C群、D群、D1組、E1組（也可寫 B、D1、DI組）\n"
          "  --kind results    資料種類（目前只有成果報告）kind of document\n"
          "  -o FILE.xml       輸出檔（預設 results-Y.xml）；不覆寫既有檔案；「-」為標準輸出\n"
          "                    output file (default results-Y.xml); never overwritten;\n"
          "                    \"-\": standard output\n"
          "  --datadir DIR     templates/ 所在的資料夾 folder holding templates/\n"
          "  -h, --help        顯示說明 show this help\n",
          out);
}

static void replace_all(gr_buf *b, const char *text, const char *key, const char *value)
{
    const char *p = text, *hit;
    size_t kl = strlen(key);
    while ((hit = strstr(p, key)) != NULL) {
        gr_buf_add(b, p, (size_t)(hit - p));
        gr_buf_adds(b, value);
        p = hit + kl;
    }
    gr_buf_adds(b, p);
}

/* No markup, valid UTF-8, and nothing `check` would then refuse (control
 * and bidi characters, gr_cp_forbidden, and line breaks). */
static int xml_safe(const char *s)
{
    size_t i = 0, len = strlen(s);
    if (strpbrk(s, "<>&\"") || !gr_utf8_valid(s, len)) return 0;
    while (i < len) {
        uint32_t cp;
        i += (size_t)gr_utf8_decode(s + i, len - i, &cp);
        if (gr_cp_forbidden(cp) || cp < 0x20) return 0;
    }
    return 1;
}

/* 「臺北市政府資訊局」→「資訊局」 */
static char *short_name(const char *agency)
{
    static const char *const prefixes[] = { "臺北市政府", "台北市政府", "臺北市", "台北市", NULL };
    size_t i;
    for (i = 0; prefixes[i]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(agency, prefixes[i], n) == 0 && agency[n]) return gr_strdup(agency + n);
    }
    return gr_strdup(agency);
}

/* file:///…/templates/schema/results-1.rng of the installed (or source)
 * data folder, percent-encoded: the <?xml-model?> an editor on this machine
 * resolves to complete elements from the schema. gereport never reads it. */
static char *schema_uri(const char *datadir)
{
    char *abs = realpath(datadir, NULL), *path, *r;
    const unsigned char *p;
    gr_buf b;
    path = gr_path_join(abs ? abs : datadir, "templates/schema/results-1.rng");
    free(abs);
    gr_buf_init(&b);
    gr_buf_adds(&b, "file://");
    for (p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p))
            gr_buf_addc(&b, *p);
        else
            gr_buf_printf(&b, "%%%02X", *p);
    }
    r = gr_strdup(gr_buf_cstr(&b));
    gr_buf_free(&b);
    free(path);
    return r;
}

static int write_new_file(gr_ctx *ctx, const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    ssize_t w;
    if (fd < 0) {
        if (errno == EEXIST)
            return gr_syserror(ctx, path, 0, GR_TEXT(NEW_FILE_EXISTS_OVERWRITTEN_CHOOSE));
        return gr_syserror(ctx, path, 0, GR_TEXT(NEW_CANNOT_CREATE_FILE), GR_ERRNO(errno));
    }
    w = write(fd, data, len);
    if (w < 0 || (size_t)w != len || close(fd) != 0) {
        unlink(path);
        return gr_syserror(ctx, path, 0, GR_TEXT(NEW_WRITE_FAILED));
    }
    return GR_OK;
}

enum { O_YEAR = 1, O_AGENCY, O_SHORT, O_GROUP, O_KIND, O_OUT, O_DATADIR };
static const gr_opt new_opts[] = {
    { "year", 0, 1, O_YEAR }, { "agency", 0, 1, O_AGENCY }, { "short", 0, 1, O_SHORT },
    { "group", 0, 1, O_GROUP }, { "kind", 0, 1, O_KIND }, { "output", 'o', 1, O_OUT },
    { "datadir", 0, 1, O_DATADIR }, { NULL, 0, 0, 0 }
};

int gr_cmd_new(int argc, char **argv)
{
    gr_ctx ctx;
    const char *year_s = NULL, *agency = NULL, *group = NULL, *out = NULL, *kind = "results";
    char *group_fixed = NULL;
    const char *shortn = NULL, *dd = NULL;
    char *datadir, *sn, *out_alloc = NULL, num[3][16];
    gr_data_opts o;
    gr_buf a, b, minline;
    gr_opts p;
    int id, year, rc;
    gr_ctx_init(&ctx);
    gr_opts_init(&p, &ctx, "new", "new --year Y --agency NAME --group G [-o FILE.xml]", new_opts, argc, argv);
    while ((id = gr_opts_next(&p)) != GR_OPT_END) {
        switch (id) {
        case GR_OPT_HELP: new_usage(stdout); return GR_OK;
        case GR_OPT_ERROR: return GR_ESYS;
        case O_YEAR: year_s = p.value; break;
        case O_AGENCY: agency = p.value; break;
        case O_SHORT: shortn = p.value; break;
        case O_GROUP: group = p.value; break;
        case O_KIND: kind = p.value; break;
        case O_OUT: out = p.value; break;
        case O_DATADIR: dd = p.value; break;
        case GR_OPT_OPERAND:
            return gr_opts_usage_error(&p, GR_TEXT(NEW_TAKES_FILE_NAME_OUTPUT), p.value);
        default: assert(0 && "an option of the table is not handled");
        }
    }
    if (!year_s || !agency || !group)
        return gr_opts_usage_error(&p, GR_TEXT(NEW_YEAR_AGENCY_GROUP_ARE));
    if (strcmp(kind, "results") != 0) {
        return gr_opts_usage_error(&p, GR_TEXT(NEW_ONLY_KIND_RESULTS_EXISTS));
    }
    year = atoi(year_s);
    if (strspn(year_s, "0123456789") != strlen(year_s) || year < 100 || year > 199) {
        return gr_opts_usage_error(&p, GR_TEXT(NEW_YEAR_ROC_YEAR_E), year_s);
    }
    if (!agency[0] || !xml_safe(agency) || (shortn && (!shortn[0] || !xml_safe(shortn)))) {
        return gr_opts_usage_error(&p, GR_TEXT(NEW_AGENCY_NAME_MUST_EMPTY));
    }
    datadir = dd ? gr_strdup(dd) : gr_cli_datadir();
    memset(&o, 0, sizeof o);
    o.datadir = datadir;
    o.cache = gr_domain_cache_new();
    group_fixed = gr_schema_spelling(&o, "成果報告", "組別", group);   /* B -> B群, DI組 -> D1組 */
    if (group_fixed) group = group_fixed;
    rc = gr_schema_check_value(&ctx, &o, "成果報告", "組別", group, "--group");
    if (rc == GR_OK) rc = gr_form_check_year(&ctx, &o, "成果報告", year, "--year", 0);
    if (rc != GR_OK) {
        gr_domain_cache_free(o.cache);
        free(group_fixed);
        free(datadir);
        return GR_ESYS;
    }
    sn = shortn ? gr_strdup(shortn) : short_name(agency);
    snprintf(num[0], sizeof num[0], "%d", year);
    snprintf(num[1], sizeof num[1], "%d", year + 1911);
    snprintf(num[2], sizeof num[2], "%d", year + 1912);
    {
        /* what the group must do this year, from the rules in force: the
           skeleton states it and has enough slots for it */
        int mincat = 0, minitem = 0, k;
        gr_buf slots, cats, items;
        char *schema = schema_uri(datadir);
        gr_buf_init(&slots);
        gr_buf_init(&cats);
        gr_buf_init(&items);
        list_form_items(&items, gr_form_data(&o, "成果報告", year));
        gr_buf_init(&minline);
        if (gr_group_minimum(&o, year, group, &mincat, &minitem))
            gr_buf_printf(&minline, "%s每年至少辦理 %d 類、總計 %d 項（%d 年之規定）；請至少填 %d 個不同項目的 <措施>，分屬 %d 個類別。",
                          group, mincat, minitem, year, minitem, mincat);
        else
            gr_buf_printf(&minline, "各組別每年至少辦理之類別數及項目數見表單。");
        for (k = 0; k < (minitem > 3 ? minitem : 3); k++)
            gr_buf_adds(&slots, "    <措施 類別=\"\" 項目=\"\"></措施>\n");
        for (k = 0; k < (mincat > 3 ? mincat : 3); k++) {
            gr_buf_adds(&cats, "    <類別 編號=\"\">\n      <方案名稱></方案名稱>\n");
            if (k == 0) gr_buf_adds(&cats, "      <!-- 與性別平等關聯性 -->\n");
            gr_buf_adds(&cats, "      <關聯性></關聯性>\n    </類別>\n");
        }
        {
            const char *keys[] = { "@全銜@", "@簡稱@", "@年度@", "@西元@", "@核定@", "@組別@",
                                   "@最低@", "@七@", "@措施@", "@類別@", "@schema@" };
            const char *vals[] = { agency, sn, num[0], num[1], num[2], group,
                                   gr_buf_cstr(&minline), gr_buf_cstr(&items), gr_buf_cstr(&slots), gr_buf_cstr(&cats), schema };
            gr_buf_init(&a);
            gr_buf_init(&b);
            gr_buf_adds(&b, skeleton);
            for (k = 0; k < (int)(sizeof keys / sizeof keys[0]); k++) {
                a.len = 0;
                replace_all(&a, gr_buf_cstr(&b), keys[k], vals[k]);
                b.len = 0;
                gr_buf_add(&b, a.data, a.len);
            }
        }
        gr_buf_free(&slots);
        gr_buf_free(&cats);
        gr_buf_free(&items);
        free(schema);
    }
    if (!out) {
        char name[32];
        snprintf(name, sizeof name, "results-%d.xml", year);
        out = out_alloc = gr_strdup(name);
    }
    if (strcmp(out, "-") == 0) {
        rc = fwrite(b.data, 1, b.len, stdout) == b.len && fflush(stdout) == 0 ? GR_OK
           : gr_syserror(&ctx, NULL, 0, GR_TEXT(NEW_WRITING_STANDARD_OUTPUT_FAILED));
    } else if ((rc = write_new_file(&ctx, out, (const char *)b.data, b.len)) == GR_OK)
        printf("已產生 %s；請填寫空白欄位，再以 gereport check %s 檢查 (wrote %s; fill in the empty fields, then run gereport check %s)\n",
               out, out, out, out);
    gr_buf_free(&a);
    gr_buf_free(&b);
    gr_buf_free(&minline);
    gr_domain_cache_free(o.cache);
    free(sn);
    free(group_fixed);
    free(out_alloc);
    free(datadir);
    return rc;
}
