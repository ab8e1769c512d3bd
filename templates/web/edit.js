/* edit.js — the page of `gereport edit` (docs/edit.md).
 *
 * The form is built from two files the server hands over, never from a copy
 * of the form's wording here:
 *   - the data format's schema (templates/schema/results-1.rng): which
 *     elements exist, in which order, which repeat, which take a value from
 *     a list; element names are the form's own wording, a:documentation the
 *     hint under a field;
 *   - the year's form data (templates/results/<form>/form.xml): section
 *     headings, the categories and items of 七, the groups' minimums.
 * Each change is sent as one edit of the data file (by element number in
 * document order); the server answers with the file's new text, the
 * findings of `gereport check` (with the element each belongs to) and the
 * computed figures, and the page is drawn again from that.
 * Only this page's own labels (buttons, messages) are written here, in
 * Traditional Chinese and English. No inline script or style (the CSP
 * allows none), no network but this server.
 */
"use strict";

var RNG = "http://relaxng.org/ns/structure/1.0";
var ANN = "http://relaxng.org/ns/compatibility/annotations/1.0";

var UI = {
  zh: {
    save: "儲存", saved: "已儲存", unsaved: "有未儲存的修改", preview: "預覽 PDF（公開版）",
    previewInternal: "預覽 PDF（內部版）", close: "關閉預覽", quit: "結束", quitDone: "已結束，可以關閉這個分頁。",
    add: "新增", remove: "刪除", up: "上移", down: "下移", addBlock: "新增段落或圖表：",
    basic: "基本資料", findings: "檢查結果", noFindings: "沒有發現問題。",
    error: "錯誤", unmet: "未達規定", note: "提醒", computed: "計算值（由程式計算，不需填寫）",
    newTitle: "建立新的成果報告資料檔", year: "年度（民國年，例 113）", agency: "機關全銜（例 臺北市政府資訊局）",
    group: "組別", create: "建立", working: "處理中…", notXml: "資料檔不是正確的 XML，無法在網頁上修改。請依下列訊息，用文字編輯器修正後按「重新載入」。",
    reload: "重新載入", complex: "此欄含清單、表格或標記的姓名，請在資料檔中編輯；內容：",
    upload: "上傳照片（JPEG 或 PNG）", uploaded: "已上傳", line: "第 %d 行", summary: "%e 個錯誤，%u 個未達規定，%n 個提醒",
    grid: "類別及項目", minimum: "本組別每年至少辦理 %c 類、%i 項；目前 %C 類、%I 項。", addMeasure: "新增措施",
    leave: "有未儲存的修改，確定離開？", paragraphs: "（空一行分段）", file: "檔案"
  },
  en: {
    save: "Save", saved: "Saved", unsaved: "Unsaved changes", preview: "Preview PDF (public)",
    previewInternal: "Preview PDF (internal)", close: "Close preview", quit: "Quit", quitDone: "Stopped; you may close this tab.",
    add: "Add", remove: "Remove", up: "Move up", down: "Move down", addBlock: "Add a paragraph or chart:",
    basic: "Basic data", findings: "Check results", noFindings: "No problems found.",
    error: "error", unmet: "requirement not met", note: "note", computed: "Computed (by the program, not typed)",
    newTitle: "Create a new results data file", year: "Year (ROC, e.g. 113)", agency: "Agency's full name",
    group: "Group", create: "Create", working: "Working…", notXml: "The data file is not well-formed XML and cannot be edited here. Fix it in a text editor as the messages below say, then press Reload.",
    reload: "Reload", complex: "This field holds lists, tables or marked names: edit it in the data file. Content:",
    upload: "Upload a photo (JPEG or PNG)", uploaded: "Uploaded", line: "line %d", summary: "%e errors, %u requirements not met, %n notes",
    grid: "Categories and items", minimum: "This group must do at least %c categories and %i items a year; now %C categories, %I items.",
    addMeasure: "Add a measure", leave: "Unsaved changes: leave anyway?", paragraphs: "(blank line between paragraphs)", file: "file"
  }
};

var S = {
  state: null, schema: null, defines: {}, form: null, formYear: null,
  doc: null, els: [], index: null, lang: "zh", boxes: {}, busy: false,
  version: 0                       /* drawn states so far (the browser tests wait on it) */
};

function t(key) { return UI[S.lang][key]; }
function $(id) { return document.getElementById(id); }
function h(tag, attrs, kids) {
  var e = document.createElement(tag), k;
  attrs = attrs || {};
  for (k in attrs) {
    if (k === "text") e.textContent = attrs[k];
    else if (k === "cls") e.className = attrs[k];
    else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), attrs[k]);
    else e.setAttribute(k, attrs[k]);
  }
  (kids || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
  return e;
}

/* ---- talking to the server ------------------------------------------- */

function api(method, path, body) {
  var o = { method: method, credentials: "same-origin", headers: {} };
  if (body !== undefined) { o.body = body; }
  return fetch(path, o).then(function (r) {
    var ct = r.headers.get("Content-Type") || "";
    if (ct.indexOf("application/json") === 0) return r.json().then(function (j) { return { status: r.status, json: j }; });
    if (ct.indexOf("xml") >= 0 || ct.indexOf("text/") === 0) return r.text().then(function (x) { return { status: r.status, text: x }; });
    return { status: r.status };
  });
}

function say(msg, cls) {
  var s = $("status");
  s.textContent = msg;
  s.className = cls || "";
}

function apply(res) {
  if (res.json && res.json.error) {
    say(res.json.error, "bad");
    if (res.json.state) setState(res.json.state);
    return;
  }
  if (res.json) setState(res.json);
}

function edit(op, el, value, extra) {
  var q = "/api/edit?op=" + op + "&el=" + el + (extra || "");
  S.busy = true;
  say(t("working"));
  return api("POST", q, value === undefined ? "" : value).then(function (res) {
    S.busy = false;
    apply(res);
  });
}

/* ---- the schema --------------------------------------------------------- */

function rngKids(n) {
  var out = [], c;
  for (c = n.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1 && c.namespaceURI === RNG) out.push(c);
  return out;
}

function doc(n) {
  var c;
  for (c = n.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1 && c.namespaceURI === ANN && c.localName === "documentation") return c.textContent;
  return "";
}

/* What an element of the schema holds: its child elements in order (name,
 * schema node, min, max, free = part of a repeated choice, whose members
 * may come in any order), attributes, listed values, whether it takes text
 * or running text (body). Cached on the node. */
function info(rngEl) {
  if (rngEl._info) return rngEl._info;
  var r = { slots: [], byName: {}, attrs: [], values: [], text: false, body: false };
  function addValue(v) { if (r.values.indexOf(v) < 0) r.values.push(v); }
  function walk(n, min, max, free, depth) {
    if (depth > 40) return;
    rngKids(n).forEach(function (c) { one(c, min, max, free, depth); });
  }
  function one(c, min, max, free, depth) {
    var name = c.localName;
    if (name === "element") {
      var nm = c.getAttribute("name");
      if (!r.byName[nm]) {
        r.byName[nm] = { name: nm, node: c, alts: [c], min: min, max: max, free: free };
        r.slots.push(r.byName[nm]);
      } else {
        r.byName[nm].alts.push(c);            // the same name in another branch (主席 … 其他)
        if (max > 1) r.byName[nm].max = max;
      }
    } else if (name === "attribute") {
      var vals = [];
      (function vw(x, d) {
        rngKids(x).forEach(function (y) {
          if (y.localName === "value") vals.push(y.textContent);
          else if (y.localName === "ref" && d < 10) vw(S.defines[y.getAttribute("name")], d + 1);
          else vw(y, d);
        });
      })(c, 0);
      r.attrs.push({ name: c.getAttribute("name"), values: vals, min: min, doc: doc(c) });
    } else if (name === "ref") {
      var dn = c.getAttribute("name");
      if (dn === "body" || dn === "inline") r.body = true;
      if (S.defines[dn]) walk(S.defines[dn], min, max, free, depth + 1);
    } else if (name === "group" || name === "div") walk(c, min, max, free, depth + 1);
    else if (name === "optional") walk(c, 0, max, free, depth + 1);
    else if (name === "zeroOrMore") walk(c, 0, Infinity, free || hasChoice(c), depth + 1);
    else if (name === "oneOrMore") walk(c, min, Infinity, free || hasChoice(c), depth + 1);
    else if (name === "choice") {
      // the first branch is the usual one: it keeps the minimum
      rngKids(c).forEach(function (alt, k) { one(alt, k === 0 ? min : 0, max, free, depth + 1); });
    } else if (name === "mixed") { r.body = true; walk(c, min, max, free, depth + 1); }
    else if (name === "interleave") walk(c, min, max, true, depth + 1);
    else if (name === "text" || name === "data") r.text = true;
    else if (name === "value") { r.text = true; addValue(c.textContent); }
  }
  function hasChoice(n) {
    var k = rngKids(n);
    return k.length === 1 && (k[0].localName === "choice" || k[0].localName === "ref" && isChoiceOfElements(S.defines[k[0].getAttribute("name")]));
  }
  function isChoiceOfElements(d) {
    var k = d ? rngKids(d) : [];
    return k.length === 1 && k[0].localName === "choice" && rngKids(k[0]).length > 1;
  }
  walk(rngEl, 1, 1, false, 0);
  if (r.body) r.slots = r.slots.filter(function (s) { return s.name !== "姓名" && s.name !== "非姓名" && s.name !== "段落" && s.name !== "清單"; });
  r.leaf = r.slots.length === 0;
  rngEl._info = r;
  return r;
}

/* The schema node of a data element: the root's from <start>, a child's
 * from its parent's slots. */
function rngOf(el) {
  if (el._rng !== undefined) return el._rng;
  var r = null;
  if (el.parentNode && el.parentNode.nodeType === 1) {
    var p = rngOf(el.parentNode);
    var slot = p && info(p).byName[el.tagName];
    r = slot ? slot.node : null;
  } else {
    var start = S.schema.getElementsByTagNameNS(RNG, "start")[0];
    var e = start && start.getElementsByTagNameNS(RNG, "element")[0];
    r = e && e.getAttribute("name") === el.tagName ? e : null;
  }
  el._rng = r;
  return r;
}

/* An empty instance of a schema element, as XML text (two-space nesting):
 * required attributes and children, empty values for people to fill. */
function instance(rngEl, depth, attrs) {
  var inf = info(rngEl), name = rngEl.getAttribute("name"), a = "", kids = [];
  inf.attrs.forEach(function (at) {
    if (at.min < 1) return;
    var v = attrs && attrs[at.name] !== undefined ? attrs[at.name] : (at.values[0] || "");
    a += " " + at.name + "=\"" + xmlEsc(v) + "\"";
  });
  if (depth > 12) return "<" + name + a + "></" + name + ">";
  inf.slots.forEach(function (s) {
    if (s.min >= 1 && !s.free) kids.push(instance(s.node, depth + 1));
  });
  if (!kids.length) {
    if (inf.leaf && !inf.text && !inf.body) return "<" + name + a + "/>";
    return "<" + name + a + "></" + name + ">";
  }
  return "<" + name + a + ">\n" + kids.map(function (k) { return "  " + k.replace(/\n/g, "\n  "); }).join("\n") + "\n</" + name + ">";
}

function xmlEsc(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"); }

/* ---- drawing ------------------------------------------------------------ */

function idx(el) { return S.index.get(el); }
function childEls(el) { var o = [], c; for (c = el.firstElementChild; c; c = c.nextElementSibling) o.push(c); return o; }

function findingsFor(i) {
  return S.state.findings.filter(function (f) { return f.shown === i; });
}

function msgOf(f) { return S.lang === "en" ? f.msg_en : f.msg_zh; }

/* The computed figures of element i, read-only. */
function findingList(i) {
  var comp = S.state.computed.filter(function (c) { return c.el === i; });
  if (!comp.length) return null;
  return h("div", { cls: "notes" }, [h("dl", { cls: "computed", title: t("computed") }, [].concat.apply([], comp.map(function (c) {
    return [h("dt", { text: c.name }), h("dd", { text: c.text })];
  })))]);
}

/* The findings shown at element i (its own and those of elements inside it
 * that have no field of their own). */
function findingBox(i) {
  var fs = findingsFor(i);
  if (!fs.length) return null;
  return h("div", { cls: "notes" }, [h("ul", { cls: "findings" }, fs.map(function (f) {
    return h("li", { cls: f.cls }, [h("strong", { text: t(f.cls) + "：" }), msgOf(f),
      f.rule || f.source_zh ? h("small", { text: " " + [f.rule, S.lang === "en" ? f.source_en : f.source_zh].filter(Boolean).join(" ") }) : null]);
  }))]);
}

var fieldSeq = 0;

/* The values a leaf may take: those of every schema branch of its name. */
function valuesOf(el, inf) {
  var p = el.parentNode && el.parentNode.nodeType === 1 ? rngOf(el.parentNode) : null;
  var slot = p && info(p).byName[el.tagName], out = [];
  (slot ? slot.alts : []).forEach(function (a) { info(a).values.forEach(function (v) { if (out.indexOf(v) < 0) out.push(v); }); });
  return out.length ? out : inf.values;
}

/* A field for an element without child elements. */
function leafField(el, inf, label) {
  var i = idx(el), id = "f" + (++fieldSeq), input, value = el.textContent;
  var kids = childEls(el);
  var values = valuesOf(el, inf);
  if (values.length && !inf.body) {
    input = h("select", { id: id, "data-el": i });
    var opts = values.slice();
    if (opts.indexOf(value) < 0) opts.unshift(value);
    opts.forEach(function (v) { var o = h("option", { value: v, text: v || "—" }); if (v === value) o.selected = true; input.appendChild(o); });
    input.addEventListener("change", function () { edit("text", i, input.value); });
  } else if (inf.body) {
    var paras = kids.every(function (k) { return k.tagName === "段落" && !k.firstElementChild; });
    if (kids.length && !paras) {
      return h("div", { cls: "field complex" }, [h("span", { cls: "label", text: label }),
        h("p", { cls: "hint", text: t("complex") }), h("blockquote", { text: value.trim().replace(/\s+/g, " ") })]);
    }
    var text = kids.length ? kids.map(function (k) { return k.textContent; }).join("\n\n") : value;
    input = h("textarea", { id: id, "data-el": i, rows: Math.min(12, Math.max(2, Math.ceil(text.length / 60) + text.split("\n").length)) });
    input.value = text;
    input.addEventListener("change", function () {
      var ps = input.value.replace(/\r/g, "").split(/\n\s*\n/).map(function (p) { return p.trim(); }).filter(Boolean);
      if (ps.length <= 1 && !kids.length) edit("text", i, ps[0] || "");
      else if (ps.length === 0) edit("content", i, "<段落></段落>");
      else edit("content", i, ps.map(function (p) { return "<段落>" + xmlEsc(p) + "</段落>"; }).join("\n"));
    });
  } else if (inf.text) {
    input = h("input", { id: id, "data-el": i, type: "text", value: value });
    input.addEventListener("change", function () { edit("text", i, input.value); });
  }
  var lab = h("label", { "for": id, cls: "label", text: label });
  var hint = doc(rngOf(el) || document.createElement("x"));
  return h("div", { cls: "field" + (inf.body ? " body" : "") }, [lab, input || null,
    inf.body ? h("span", { cls: "hint", text: t("paragraphs") }) : null,
    hint && hint !== label ? h("span", { cls: "hint", text: hint }) : null]);
}

function attrFields(el, inf) {
  var i = idx(el);
  return inf.attrs.map(function (at) {
    var id = "f" + (++fieldSeq), v = el.getAttribute(at.name) || "", input;
    if (at.values.length) {
      input = h("select", { id: id, "data-el": i, "data-attr": at.name });
      var opts = at.values.slice();
      if (opts.indexOf(v) < 0) opts.unshift(v);
      opts.forEach(function (x) { var o = h("option", { value: x, text: x || "—" }); if (x === v) o.selected = true; input.appendChild(o); });
    } else input = h("input", { id: id, type: "text", value: v, "data-el": i, "data-attr": at.name });
    input.addEventListener("change", function () { edit("attr", i, input.value, "&name=" + encodeURIComponent(at.name)); });
    var extra = null;
    if (at.name === "檔案") extra = uploader(i, at.name);
    return h("div", { cls: "field attr" }, [h("label", { "for": id, cls: "label", text: at.name }), input,
      at.doc ? h("span", { cls: "hint", text: at.doc }) : null, extra]);
  });
}

/* Photo upload beside an image file name: the server checks and decodes the
 * photo, stores it in the data folder and answers its name. */
function uploader(i, attr) {
  var id = "u" + (++fieldSeq);
  var inp = h("input", { type: "file", id: id, accept: "image/jpeg,image/png" });
  inp.addEventListener("change", function () {
    var f = inp.files[0];
    if (!f) return;
    say(t("working"));
    api("POST", "/api/photo?name=" + encodeURIComponent(f.name), f).then(function (res) {
      if (res.json && res.json.file) edit("attr", i, res.json.file, "&name=" + encodeURIComponent(attr));
      else apply(res);
    });
  });
  return h("span", { cls: "upload" }, [h("label", { "for": id, text: t("upload") }), inp]);
}

function rowButtons(el, first, last, optional) {
  var i = idx(el), b = [];
  if (!first) b.push(h("button", { type: "button", cls: "small", "data-up": i, text: "↑", title: t("up"), "aria-label": t("up") + " " + el.tagName, onclick: function () { edit("move", i, "", "&dir=-1"); } }));
  if (!last) b.push(h("button", { type: "button", cls: "small", "data-down": i, text: "↓", title: t("down"), "aria-label": t("down") + " " + el.tagName, onclick: function () { edit("move", i, "", "&dir=1"); } }));
  if (optional) b.push(h("button", { type: "button", cls: "small danger", "data-remove": i, text: "✕ " + t("remove"), "aria-label": t("remove") + " " + el.tagName, onclick: function () { edit("remove", i); } }));
  return h("span", { cls: "rowbtns" }, b);
}

/* Where a new child named `name` goes in el: before the first child whose
 * slot comes later in the schema. */
function insertBefore(el, inf, name) {
  var order = inf.slots.map(function (s) { return s.name; }), k = order.indexOf(name), kids = childEls(el), j;
  for (j = 0; j < kids.length; j++) {
    var kk = order.indexOf(kids[j].tagName);
    if (kk > k && !(inf.byName[name].free && inf.byName[kids[j].tagName] && inf.byName[kids[j].tagName].free)) return idx(kids[j]);
  }
  return -1;
}

function addButton(el, inf, slot, label, attrs) {
  return h("button", { type: "button", cls: "add", "data-add": idx(el) + ":" + slot.name, text: "＋ " + (label || t("add") + " " + slot.name), onclick: function () {
    edit("insert", idx(el), instance(slot.node, 0, attrs), "&before=" + insertBefore(el, inf, slot.name));
  } });
}

/* A repeated element whose value comes from a list (訓練對象, 課程類別):
 * one checkbox per value, ☑ present / ☐ absent. */
function checkGrid(el, inf, slot) {
  var present = childEls(el).filter(function (c) { return c.tagName === slot.name; });
  var vals = info(slot.node).values;
  var fs = h("fieldset", { cls: "grid" }, [h("legend", { text: slot.name })]);
  vals.forEach(function (v) {
    var id = "f" + (++fieldSeq), have = present.filter(function (c) { return c.textContent === v; })[0];
    var cb = h("input", { type: "checkbox", id: id, "data-check": idx(el) + ":" + slot.name + ":" + v });
    cb.checked = !!have;
    cb.addEventListener("change", function () {
      if (have) edit("remove", idx(have));
      else edit("insert", idx(el), "<" + slot.name + ">" + xmlEsc(v) + "</" + slot.name + ">", "&before=" + insertBefore(el, inf, slot.name));
    });
    fs.appendChild(h("span", { cls: "check" }, [cb, h("label", { "for": id, text: v })]));
  });
  present.forEach(function (c) { S.boxes[idx(c)] = fs; });
  // one not yet chosen (or not in the list): a list to choose from
  present.filter(function (c) { return vals.indexOf(c.textContent) < 0; }).forEach(function (c) {
    var f = leafField(c, info(slot.node), slot.name);
    S.boxes[idx(c)] = f;
    fs.appendChild(h("div", { cls: "row" }, [f, rowButtons(c, true, true, present.length > slot.min)]));
  });
  return fs;
}

function render(el, depth) {
  var rng = rngOf(el), i = idx(el);
  if (!rng) return h("div", { cls: "field unknown", text: el.tagName + "：" + el.textContent.trim().slice(0, 200) });
  var inf = info(rng);
  if (el.tagName === "策略及具體措施" && S.form) return strategyGrid(el, inf);
  var box;
  if (inf.leaf && !inf.attrs.length) {
    box = leafField(el, inf, el.tagName);
  } else if (inf.leaf && (inf.text || inf.body) && inf.attrs.every(function (a) { return a.min < 1; })) {
    // a value with optional attributes (姓名 遮蔽): one line, attributes after it
    box = leafField(el, inf, el.tagName);
    attrFields(el, inf).forEach(function (f) { f.className = "inlineattr"; box.appendChild(f); });
  } else if (inf.leaf) {
    box = h("fieldset", { cls: "group leafattrs" }, [h("legend", { text: el.tagName })].concat(attrFields(el, inf)));
    if (inf.text || inf.body) box.appendChild(leafField(el, inf, el.tagName));
  } else {
    box = h("fieldset", { cls: "group depth" + Math.min(depth, 4) }, [h("legend", { text: el.tagName })]);
    var d = doc(rng);
    if (d && depth > 0) box.appendChild(h("p", { cls: "hint", text: d }));
    attrFields(el, inf).forEach(function (f) { box.appendChild(f); });
    var freeDone = false;
    inf.slots.forEach(function (slot) {
      var kids = childEls(el).filter(function (c) { return c.tagName === slot.name; });
      var sinf = info(slot.node);
      if (slot.free) {
        if (freeDone) return;
        freeDone = true;
        var free = inf.slots.filter(function (s) { return s.free; });
        var blocks = childEls(el).filter(function (c) { return inf.byName[c.tagName] && inf.byName[c.tagName].free; });
        var list = h("div", { cls: "blocks" });
        blocks.forEach(function (c, k) {
          list.appendChild(h("div", { cls: "row" }, [render(c, depth + 1), rowButtons(c, k === 0, k === blocks.length - 1, true)]));
        });
        var sel = h("select", { "aria-label": t("addBlock") }, free.map(function (s) { return h("option", { value: s.name, text: s.name }); }));
        list.appendChild(h("div", { cls: "addblock" }, [h("span", { text: t("addBlock") }), sel,
          h("button", { type: "button", cls: "add", text: "＋ " + t("add"), onclick: function () {
            edit("insert", idx(el), instance(inf.byName[sel.value].node, 0), "&before=-1");
          } })]));
        box.appendChild(list);
        return;
      }
      if (slot.max > 1 && sinf.leaf && sinf.values.length > 1 && !sinf.body) {
        box.appendChild(checkGrid(el, inf, slot));
        return;
      }
      if (slot.max > 1) {
        var rows = h("div", { cls: "rows" });
        kids.forEach(function (c, k) {
          rows.appendChild(h("div", { cls: "row" }, [render(c, depth + 1),
            rowButtons(c, k === 0, k === kids.length - 1, kids.length > slot.min)]));
        });
        rows.appendChild(addButton(el, inf, slot));
        box.appendChild(rows);
        return;
      }
      if (kids.length) {
        kids.forEach(function (c) {
          var r = render(c, depth + 1);
          if (slot.min < 1) box.appendChild(h("div", { cls: "row" }, [r, rowButtons(c, true, true, true)]));
          else box.appendChild(r);
        });
      } else {
        box.appendChild(addButton(el, inf, slot));
      }
    });
  }
  S.boxes[i] = box;
  var notes = findingList(i);
  if (notes) box.appendChild(notes);
  return box;
}

/* 七: the year's categories and items as a grid, each item's measures
 * beside it, the group's minimum from the form data. */
function strategyGrid(el, inf) {
  var i = idx(el), slot = inf.byName["措施"];
  var box = h("fieldset", { cls: "group strategy" }, [h("legend", { text: t("grid") })]);
  var measures = childEls(el).filter(function (c) { return c.tagName === "措施"; });
  var cats = Array.prototype.slice.call(S.form.getElementsByTagName("category"));
  var usedC = {}, usedI = {};
  measures.forEach(function (m) { usedC[m.getAttribute("類別")] = 1; usedI[m.getAttribute("類別") + "-" + m.getAttribute("項目")] = 1; });
  var group = S.doc.getElementsByTagName("組別")[0], g = group ? group.textContent.trim() : "";
  Array.prototype.slice.call(S.form.getElementsByTagName("group")).forEach(function (gr) {
    if ((" " + gr.getAttribute("names") + " ").indexOf(" " + g + " ") >= 0)
      box.appendChild(h("p", { cls: "minimum", text: t("minimum").replace("%c", gr.getAttribute("categories")).replace("%i", gr.getAttribute("items"))
        .replace("%C", Object.keys(usedC).length).replace("%I", Object.keys(usedI).length) }));
  });
  var table = h("table", { cls: "grid7" });
  cats.forEach(function (c) {
    var cn = c.getAttribute("number");
    table.appendChild(h("tr", { cls: "cat" }, [h("th", { colspan: "3", text: cn + "、" + c.getAttribute("title") })]));
    Array.prototype.slice.call(c.getElementsByTagName("item")).forEach(function (it) {
      var inum = it.getAttribute("number");
      var mine = measures.filter(function (m) { return m.getAttribute("類別") === cn && m.getAttribute("項目") === inum; });
      var cell = h("td", { cls: "measures" });
      mine.forEach(function (m) {
        var f = leafField(m, info(slot.node), cn + "-" + inum);
        S.boxes[idx(m)] = f;
        var n = findingList(idx(m));
        if (n) f.appendChild(n);
        cell.appendChild(h("div", { cls: "row" }, [f, rowButtons(m, true, true, true)]));
      });
      var before = measures.filter(function (m) {
        var a = cats.map(function (x) { return x.getAttribute("number"); }).indexOf(m.getAttribute("類別"));
        var b = cats.map(function (x) { return x.getAttribute("number"); }).indexOf(cn);
        return a > b || (a === b && Number(m.getAttribute("項目")) > Number(inum));
      })[0];
      cell.appendChild(h("button", { type: "button", cls: "add small", "data-measure": cn + "-" + inum, text: "＋ " + t("addMeasure"),
        "aria-label": t("addMeasure") + " " + cn + "-" + inum, onclick: function () {
          edit("insert", i, instance(slot.node, 0, { "類別": cn, "項目": inum }), "&before=" + (before ? idx(before) : -1));
        } }));
      table.appendChild(h("tr", { cls: mine.length ? "done" : "" }, [h("td", { cls: "num", text: inum }),
        h("td", { cls: "item", text: it.textContent }), cell]));
    });
  });
  box.appendChild(table);
  // measures whose category or item is not (yet) one of the form's
  var placed = {};
  cats.forEach(function (c) { Array.prototype.slice.call(c.getElementsByTagName("item")).forEach(function (it) {
    placed[c.getAttribute("number") + "-" + it.getAttribute("number")] = 1; }); });
  measures.filter(function (m) { return !placed[m.getAttribute("類別") + "-" + m.getAttribute("項目")]; }).forEach(function (m) {
    var f = h("fieldset", { cls: "group unplaced" }, [h("legend", { text: "措施" })].concat(attrFields(m, info(slot.node))));
    f.appendChild(leafField(m, info(slot.node), "措施"));
    S.boxes[idx(m)] = f;
    var n = findingList(idx(m));
    if (n) f.appendChild(n);
    box.appendChild(h("div", { cls: "row" }, [f, rowButtons(m, true, true, true)]));
  });
  S.boxes[i] = box;
  var notes = findingList(i);
  if (notes) box.appendChild(notes);
  return box;
}

/* The element a finding is shown at: its own, or the nearest drawn
 * ancestor. */
function placeFindings() {
  S.state.findings.forEach(function (f) {
    var el = f.el >= 0 ? S.els[f.el] : null;
    while (el && S.boxes[idx(el)] === undefined && el.parentNode && el.parentNode.nodeType === 1) el = el.parentNode;
    f.shown = el ? idx(el) : -1;
  });
}

function sectionsOf() {
  var out = [];
  if (!S.form) return out;
  Array.prototype.slice.call(S.form.getElementsByTagName("section")).forEach(function (s) {
    out.push({ element: s.getAttribute("element"), title: s.getAttribute("title"), id: s.getAttribute("id") });
  });
  return out;
}

function drawForm() {
  var page = $("page"), toc = $("toc"), root = S.doc.documentElement;
  var focus = document.activeElement, focusEl = focus && focus.getAttribute && focus.getAttribute("data-el");
  var focusAttr = focus && focus.getAttribute && focus.getAttribute("data-attr");
  var scroll = window.scrollY;
  S.boxes = {};
  fieldSeq = 0;
  var rng = rngOf(root);
  var inf = rng ? info(rng) : null;
  // a first pass only to know which elements get a box (findings go to the nearest)
  page.textContent = "";
  toc.textContent = "";
  var secs = sectionsOf(), bySec = {}, basic = [];
  secs.forEach(function (s) { bySec[s.element] = s; });
  S.state.findings.forEach(function (f) { f.shown = -2; });
  var parts = [];
  if (!inf) { page.appendChild(h("p", { text: "?" })); return; }
  // 基本資料 first: the elements no section of the form prints under a heading
  var kids = childEls(root);
  var body = [];
  inf.slots.forEach(function (slot) {
    var mine = kids.filter(function (c) { return c.tagName === slot.name; });
    var sec = bySec[slot.name];
    body.push({ slot: slot, els: mine, sec: sec });
  });
  var summary = h("section", { cls: "summary", id: "sec-findings" });
  page.appendChild(summary);
  var basicBox = h("section", { cls: "section", id: "sec-basic" }, [h("h2", { text: t("basic") })]);
  page.appendChild(basicBox);
  toc.appendChild(h("a", { href: "#sec-findings", text: t("findings") }));
  toc.appendChild(h("a", { href: "#sec-basic", text: t("basic") }));
  body.forEach(function (b) {
    var target = basicBox;
    if (b.sec) {
      target = h("section", { cls: "section", id: "s-" + b.sec.id }, [h("h2", { text: b.sec.title })]);
      page.appendChild(target);
      toc.appendChild(h("a", { href: "#s-" + b.sec.id, text: b.sec.title.replace(/[:：]$/, "").slice(0, 24) }));
    }
    if (b.els.length) b.els.forEach(function (c) {
      var r = render(c, 0);
      if (b.slot.min < 1) target.appendChild(h("div", { cls: "row" }, [r, rowButtons(c, true, true, true)]));
      else target.appendChild(r);
    });
    else target.appendChild(addButton(root, inf, b.slot));
  });
  S.boxes[0] = page;
  placeFindings();
  // findings drawn after placement, each at its field or the nearest drawn ancestor
  Object.keys(S.boxes).forEach(function (k) {
    k = Number(k);
    if (k === 0) return;
    var b = findingBox(k);
    if (b) S.boxes[k].appendChild(b);
  });
  drawSummary(summary);
  if (focusEl !== null && focusEl !== undefined) {
    var sel = "[data-el=\"" + focusEl + "\"]" + (focusAttr ? "[data-attr=\"" + focusAttr + "\"]" : ":not([data-attr])");
    var again = page.querySelector(sel);
    if (again) again.focus({ preventScroll: true });
  }
  window.scrollTo(0, scroll);
}

function drawSummary(box) {
  var f = S.state.findings, n = { error: 0, unmet: 0, note: 0 };
  f.forEach(function (x) { n[x.cls]++; });
  box.textContent = "";
  box.appendChild(h("h2", { text: t("findings") }));
  box.appendChild(h("p", { cls: "counts", text: f.length ? t("summary").replace("%e", n.error).replace("%u", n.unmet).replace("%n", n.note) : t("noFindings") }));
  if (!f.length) return;
  var order = { error: 0, unmet: 1, note: 2 };
  var list = h("ul", { cls: "findings all" });
  f.slice().sort(function (a, b) { return order[a.cls] - order[b.cls]; }).forEach(function (x) {
    var where = x.line > 0 ? t("line").replace("%d", x.line) : (x.file || "");
    var li = h("li", { cls: x.cls }, [h("strong", { text: t(x.cls) + "：" }), msgOf(x), where ? h("small", { text: " (" + where + ")" }) : null]);
    if (x.shown > 0 && S.boxes[x.shown]) {
      var target = S.boxes[x.shown];
      li.appendChild(h("button", { type: "button", cls: "small goto", text: "→", "aria-label": "→ " + where, onclick: function () {
        target.scrollIntoView({ block: "center" });
        var inp = target.querySelector("input,select,textarea,button");
        if (inp) inp.focus({ preventScroll: true });
      } }));
    }
    list.appendChild(li);
  });
  // a long list (a new skeleton) stays folded: each finding is beside its field anyway
  var det = h("details", {}, [h("summary", { text: t("findings") + " (" + f.length + ")" }), list]);
  if (f.length <= 8) det.open = true;
  box.appendChild(det);
}

function drawNew() {
  var page = $("page");
  page.textContent = "";
  $("toc").textContent = "";
  var groups = [];
  var start = S.schema.getElementsByTagNameNS(RNG, "start")[0];
  var rootEl = start.getElementsByTagNameNS(RNG, "element")[0];
  var gslot = info(rootEl).byName["組別"];
  if (gslot) groups = info(gslot.node).values;
  var y = h("input", { id: "new-year", type: "text", inputmode: "numeric", required: "required", size: "5" });
  var a = h("input", { id: "new-agency", type: "text", required: "required", size: "30" });
  var g = h("select", { id: "new-group" }, groups.map(function (x) { return h("option", { value: x, text: x }); }));
  var form = h("form", { cls: "newfile", id: "newfile" }, [
    h("h2", { text: t("newTitle") + "：" + S.state.file }),
    h("div", { cls: "field" }, [h("label", { "for": "new-year", cls: "label", text: t("year") }), y]),
    h("div", { cls: "field" }, [h("label", { "for": "new-agency", cls: "label", text: t("agency") }), a]),
    h("div", { cls: "field" }, [h("label", { "for": "new-group", cls: "label", text: t("group") }), g]),
    h("button", { type: "submit", id: "new-create", text: t("create") })]);
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    say(t("working"));
    api("POST", "/api/new?year=" + encodeURIComponent(y.value.trim()) + "&agency=" + encodeURIComponent(a.value.trim()) +
        "&group=" + encodeURIComponent(g.value), "").then(apply);
  });
  page.appendChild(form);
  y.focus();
}

function drawNotXml() {
  var page = $("page");
  page.textContent = "";
  page.appendChild(h("p", { cls: "bad", text: t("notXml") }));
  page.appendChild(h("ul", { cls: "findings all" }, S.state.findings.map(function (f) {
    return h("li", { cls: f.cls }, [h("strong", { text: t(f.cls) + "：" }), (f.line > 0 ? t("line").replace("%d", f.line) + " " : "") + msgOf(f)]);
  })));
  page.appendChild(h("button", { type: "button", text: t("reload"), onclick: function () { api("POST", "/api/reload", "").then(apply); } }));
}

function drawBar() {
  var a = $("actions");
  a.textContent = "";
  if (!S.state.exists) return;
  a.appendChild(h("button", { type: "button", id: "save", text: t("save"), title: "Ctrl+S", onclick: save }));
  a.appendChild(h("button", { type: "button", id: "preview-public", text: t("preview"), onclick: function () { preview("public"); } }));
  a.appendChild(h("button", { type: "button", id: "preview-internal", text: t("previewInternal"), onclick: function () { preview("internal"); } }));
  a.appendChild(h("button", { type: "button", id: "quit", text: t("quit"), onclick: quit }));
}

function setState(st) {
  S.state = st;
  S.lang = st.lang === "en" ? "en" : "zh";
  document.documentElement.lang = S.lang === "en" ? "en" : "zh-Hant-TW";
  $("title").textContent = st.file;
  document.title = st.file + " — gereport edit";
  drawBar();
  if (!st.dirty && S.state.exists) say(t("saved"), "good"); else if (st.dirty) say(t("unsaved"), "warn"); else say("");
  var next = Promise.resolve(), year = st.year;
  if (!year && st.xml_ok && st.xml) {
    // the file does not load yet (a field is wrong): its 年度 as written
    var m = /<年度>\s*([0-9]{3})\s*<\/年度>/.exec(st.xml);
    year = m ? Number(m[1]) : 0;
  }
  if (st.exists && st.xml_ok && year && S.formYear !== year) {
    next = api("GET", "/api/form?year=" + year).then(function (r) {
      S.form = r.status === 200 ? new DOMParser().parseFromString(r.text, "application/xml") : null;
      S.formYear = year;
    });
  }
  return next.then(function () {
    if (!st.exists) return drawNew();
    if (!st.xml_ok) return drawNotXml();
    S.doc = new DOMParser().parseFromString(st.xml, "application/xml");
    S.els = Array.prototype.slice.call(S.doc.getElementsByTagName("*"));
    S.index = new Map();
    S.els.forEach(function (e, k) { S.index.set(e, k); });
    drawForm();
  }).then(function () { S.version++; });
}

function save() {
  say(t("working"));
  return api("POST", "/api/save", "").then(apply);
}

function preview(edition) {
  var sec = $("preview"), f = $("preview-frame");
  sec.hidden = false;
  $("preview-bar").textContent = "";
  $("preview-bar").appendChild(h("button", { type: "button", id: "preview-close", text: t("close"), onclick: function () {
    sec.hidden = true; f.removeAttribute("src"); } }));
  f.src = "/api/preview?edition=" + edition + "&n=" + Date.now();
}

function quit() {
  api("POST", "/api/quit", "").then(function () {
    document.body.textContent = "";
    document.body.appendChild(h("p", { cls: "bye", text: t("quitDone") }));
  });
}

document.addEventListener("keydown", function (ev) {
  if ((ev.ctrlKey || ev.metaKey) && ev.key === "s") {
    ev.preventDefault();
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();  // sends the change
    setTimeout(save, 50);
  }
});
window.addEventListener("beforeunload", function (ev) {
  if (S.state && S.state.dirty) { ev.preventDefault(); ev.returnValue = t("leave"); }
});

Promise.all([api("GET", "/api/state"), api("GET", "/api/schema")]).then(function (r) {
  S.schema = new DOMParser().parseFromString(r[1].text, "application/xml");
  rngKids(S.schema.documentElement).forEach(function (d) {
    if (d.localName === "define") S.defines[d.getAttribute("name")] = d;
  });
  return setState(r[0].json);
});
