/* office.js — the page of `gereport serve DIR` (office.html): the year
 * folder's table, sortable; check all, build all (progress from the job
 * endpoint), combine, the downloads; a unit opened in `gereport edit`; the
 * office file's own text. Plain JavaScript, no library, nothing from the
 * network: every request goes to the server that served this page. */
'use strict';

var LABELS = {
  zh: {
    title: '性平辦年度收件', sub: '{folder}：{year} 年度　性平辦彙整檔 {office}', noOffice: '（無）',
    tableH: '各單位提交情形', check: '重新檢查全部', build: '產生全部 PDF', combine: '彙整全市報告',
    csv: '下載檢核表 CSV', city: '下載全市報告 PDF', officeBtn: '編輯性平辦彙整檔文字',
    officeEdit: '在編輯器開啟性平辦彙整檔',
    officeH: '性平辦彙整檔的文字', save: '儲存', close: '關閉', saved: '已儲存',
    addItem: '新增一項', itemTitle: '標題', itemText: '說明', item: '第 {n} 項',
    colOrder: '序', colName: '單位', colGroup: '組別', colFile: '資料檔', colState: '狀態',
    colErrors: '錯誤', colUnmet: '未達規定', colNotes: '提醒', colActs: '動作',
    tUnits: '名冊單位', tIn: '可納入', tMissing: '未提交', tLeft: '未納入檔案', tErrors: '錯誤',
    tUnmet: '未達規定', tNotes: '提醒',
    pdf: 'PDF', edit: '編輯', details: '問題', hide: '收起', none: '沒有問題',
    inCity: '納入全市報告', leftOut: '未納入', line: '第 {n} 行',
    checking: '檢查中…', checked: '已檢查 {n} 個資料檔', building: '產生 PDF：{done} / {total}',
    built: '已產生 {done} 個 PDF{failed}', builtFailed: '，{n} 個失敗', combining: '彙整全市報告中…',
    combined: '全市報告已完成', combineFailed: '彙整失敗：性平辦彙整檔有錯誤？請重新檢查',
    busy: '另一項工作進行中', opening: '開啟編輯器中…', openLink: '在新分頁開啟編輯器',
    failed: '失敗：', sortBy: '依「{col}」排序', loadFailed: '無法讀取資料夾狀態：',
    officeLine: '性平辦彙整檔 {file}', withErrors: '・有錯誤',
    refused: '未儲存：檔案不符合格式，請看表單下方的訊息'
  },
  en: {
    title: 'Gender office: the year\u2019s submissions', sub: '{folder}: year {year}; office file {office}',
    noOffice: '(none)',
    tableH: 'Submissions by unit', check: 'Check all', build: 'Build all PDFs', combine: 'Combine city report',
    csv: 'Download findings CSV', city: 'Download city report PDF', officeBtn: 'Edit the office file\u2019s text',
    officeEdit: 'Open the office file in the editor',
    officeH: 'The office file\u2019s text', save: 'Save', close: 'Close', saved: 'Saved',
    addItem: 'Add an item', itemTitle: 'Title', itemText: 'Text', item: 'Item {n}',
    colOrder: 'No.', colName: 'Unit', colGroup: 'Group', colFile: 'Data file', colState: 'State',
    colErrors: 'Errors', colUnmet: 'Unmet', colNotes: 'Notes', colActs: 'Actions',
    tUnits: 'Roster units', tIn: 'Combinable', tMissing: 'Missing', tLeft: 'Files left out', tErrors: 'Errors',
    tUnmet: 'Unmet', tNotes: 'Notes',
    pdf: 'PDF', edit: 'Edit', details: 'Findings', hide: 'Hide', none: 'No findings',
    inCity: 'in the city report', leftOut: 'left out', line: 'line {n}',
    checking: 'Checking\u2026', checked: 'Checked {n} data files', building: 'Building PDFs: {done} / {total}',
    built: 'Built {done} PDFs{failed}', builtFailed: ', {n} failed', combining: 'Combining the city report\u2026',
    combined: 'The city report is ready', combineFailed: 'Combining failed: is the office file wrong? Check again',
    busy: 'Another job is running', opening: 'Opening the editor\u2026', openLink: 'Open the editor in a new tab',
    failed: 'Failed: ', sortBy: 'Sort by {col}', loadFailed: 'Cannot read the folder\u2019s state: ',
    officeLine: 'office file {file}', withErrors: ', with errors',
    refused: 'Not saved: the file would not match its format; see the messages under the form'
  }
};

var lang = 'zh';
var state = null;
var sortKey = 'order';
var sortDir = 1;
var expanded = {};          // rows whose findings are shown, by file or name

function L(key, args) {
  var s = (LABELS[lang] && LABELS[lang][key]) || LABELS.zh[key] || key;
  if (args) Object.keys(args).forEach(function (k) { s = s.split('{' + k + '}').join(String(args[k])); });
  return s;
}

function $(id) { return document.getElementById(id); }

function el(tag, attrs, text) {
  var e = document.createElement(tag);
  if (attrs) Object.keys(attrs).forEach(function (k) {
    if (k === 'className') e.className = attrs[k]; else e.setAttribute(k, attrs[k]);
  });
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

function status(msg, bad) {
  var s = $('status');
  s.textContent = msg || '';
  s.className = bad ? 'bad' : '';
}

function request(method, url, body) {
  var opts = { method: method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) { opts.body = body; opts.headers['Content-Type'] = 'text/plain; charset=utf-8'; }
  return fetch(url, opts).then(function (r) {
    var ct = r.headers.get('Content-Type') || '';
    var p = ct.indexOf('application/json') === 0 ? r.json() : r.text();
    return p.then(function (data) {
      if (!r.ok && !(data && data.findings)) throw new Error(typeof data === 'string' ? data.trim() : r.status);
      return { status: r.status, data: data };
    });
  });
}

/* ---- labels ------------------------------------------------------------- */

function setLabels() {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-Hant-TW';
  document.title = L('title') + ' \u2014 gereport serve';
  $('title').textContent = L('title');
  $('table-h').textContent = L('tableH');
  $('btn-check').textContent = L('check');
  $('btn-build').textContent = L('build');
  $('btn-combine').textContent = L('combine');
  $('dl-csv').textContent = L('csv');
  $('dl-city').textContent = L('city');
  $('btn-office').textContent = L('officeBtn');
  $('btn-office-edit').textContent = L('officeEdit');
  $('office-h').textContent = L('officeH');
}

/* ---- the table ---------------------------------------------------------- */

var COLUMNS = [
  { key: 'order', label: 'colOrder', num: true },
  { key: 'name', label: 'colName' },
  { key: 'group', label: 'colGroup' },
  { key: 'file', label: 'colFile' },
  { key: 'state', label: 'colState' },
  { key: 'errors', label: 'colErrors', num: true },
  { key: 'unmet', label: 'colUnmet', num: true },
  { key: 'notes', label: 'colNotes', num: true },
  { key: null, label: 'colActs' }
];

// the order of states when sorting by state: the worst first
var STATE_RANK = { missing: 0, 'wrong-year': 1, duplicate: 2, 'off-roster': 3, unreadable: 4, present: 5 };

function sortValue(r, key) {
  if (key === 'state') return STATE_RANK[r.state] * 10 + (r.city === 'in' ? 1 : 0);
  var v = r[key];
  return v === null || v === undefined ? '' : v;
}

function sortedRows() {
  var rows = state.rows.slice();
  rows.sort(function (a, b) {
    var x = sortValue(a, sortKey), y = sortValue(b, sortKey);
    var c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-Hant');
    return c !== 0 ? c * sortDir : a.order - b.order;
  });
  return rows;
}

function renderHead() {
  var tr = $('units-head');
  tr.textContent = '';
  COLUMNS.forEach(function (c) {
    var th = el('th', { scope: 'col' });
    if (c.key) {
      var b = el('button', { type: 'button', 'data-key': c.key, title: L('sortBy', { col: L(c.label) }) }, L(c.label));
      b.addEventListener('click', function () {
        if (sortKey === c.key) sortDir = -sortDir; else { sortKey = c.key; sortDir = 1; }
        render();
        var again = document.querySelector('th button[data-key="' + c.key + '"]');
        if (again) again.focus();
      });
      th.appendChild(b);
      th.setAttribute('aria-sort', sortKey === c.key ? (sortDir > 0 ? 'ascending' : 'descending') : 'none');
    } else {
      th.textContent = L(c.label);
    }
    tr.appendChild(th);
  });
}

function rowKey(r) { return r.file || ('missing:' + r.name); }

function stateBadge(r) {
  var text = lang === 'en' ? r.state_en : r.state_zh;
  var cls = 'badge st-' + r.state + (r.state === 'present' ? '-' + (r.city === 'in' ? 'in' : 'error') : '');
  var span = el('span', { className: cls, 'data-state': r.state, 'data-city': r.city }, text);
  if (r.state === 'present') span.title = r.city === 'in' ? L('inCity') : (lang === 'en' ? r.city_en : r.city_zh);
  if (r.state === 'present' && r.city !== 'in') span.textContent = text + L('withErrors');
  if (r.state === 'wrong-year' && r.year) span.textContent = text + (lang === 'en' ? ' (' + r.year + ')' : '（' + r.year + '）');
  return span;
}

function renderRow(body, r) {
  var tr = el('tr', { 'data-row': r.row, 'data-state': r.state });
  tr.appendChild(el('td', { className: 'num' }, r.unit >= 0 ? String(r.unit + 1) : ''));
  tr.appendChild(el('td', { className: 'name' }, r.name));
  tr.appendChild(el('td', null, r.group || ''));
  tr.appendChild(el('td', { className: 'file' }, r.file || '\u2014'));
  var st = el('td', { className: 'state' });
  st.appendChild(stateBadge(r));
  tr.appendChild(st);
  [['errors', 'e'], ['unmet', 'u'], ['notes', 'n']].forEach(function (k) {
    var v = r[k[0]];
    tr.appendChild(el('td', { className: 'num ' + k[0] + (v ? ' ' + k[1] : '') }, r.file ? String(v) : '\u2014'));
  });
  var acts = el('td', { className: 'acts' });
  if (r.file && r.city === 'in') {
    var a = el('a', { href: '/download/agency.pdf?row=' + r.row + '&file=' + encodeURIComponent(r.file), download: (r.file.split('/')[0].replace(/\.xml$/, '')) + '.pdf',
                      className: 'button pdf' }, L('pdf'));
    acts.appendChild(a);
  }
  if (r.file && r.state !== 'unreadable') {
    var e = el('button', { type: 'button', className: 'edit' }, L('edit'));
    e.addEventListener('click', function () { openEditor(r); });
    acts.appendChild(e);
  }
  if (r.findings.length) {
    var shown = !!expanded[rowKey(r)];
    var d = el('button', { type: 'button', className: 'details', 'aria-expanded': shown ? 'true' : 'false' },
               shown ? L('hide') : L('details'));
    d.addEventListener('click', function () {
      expanded[rowKey(r)] = !expanded[rowKey(r)];
      render();
      var again = document.querySelector('tr[data-row="' + r.row + '"] button.details');
      if (again) again.focus();
    });
    acts.appendChild(d);
  }
  tr.appendChild(acts);
  body.appendChild(tr);
  if (expanded[rowKey(r)] && r.findings.length) {
    var dt = el('tr', { className: 'detail' });
    var td = el('td', { colspan: String(COLUMNS.length) });
    var ul = el('ul');
    r.findings.forEach(function (f) {
      var li = el('li', { className: f['class'] });
      li.textContent = (f.line ? L('line', { n: f.line }) + '：' : '') + (lang === 'en' ? f.en : f.zh);
      ul.appendChild(li);
    });
    td.appendChild(ul);
    dt.appendChild(td);
    body.appendChild(dt);
  }
}

function renderTotals() {
  var t = state.totals, dl = $('totals');
  dl.textContent = '';
  [['tUnits', state.units, ''], ['tIn', t['in'], ''], ['tMissing', t.missing, 'missing'],
   ['tLeft', t.left_out, ''], ['tErrors', t.errors, 'err'], ['tUnmet', t.unmet, 'unmet'],
   ['tNotes', t.notes, '']].forEach(function (x) {
    var d = el('div', { className: x[2], 'data-total': x[0] });
    d.appendChild(el('dt', null, L(x[0])));
    d.appendChild(el('dd', null, String(x[1])));
    dl.appendChild(d);
  });
}

function render() {
  if (!state) return;
  $('subtitle').textContent = L('sub', { folder: state.folder, year: state.year,
                                         office: state.office ? state.office.file : L('noOffice') });
  renderTotals();
  renderHead();
  var body = $('units-body');
  body.textContent = '';
  sortedRows().forEach(function (r) { renderRow(body, r); });
  $('dl-csv').setAttribute('download', 'findings-' + state.year + '.csv');
  $('btn-office').disabled = !state.office;
  $('btn-office-edit').disabled = !state.office;
}

/* ---- jobs --------------------------------------------------------------- */

var polling = null;

function showJob(j) {
  var box = $('job'), bar = $('job-progress');
  var city = $('dl-city');
  if (j.city_pdf) {
    city.hidden = false;
    city.href = '/download/city.pdf';
    city.setAttribute('download', 'city-' + (state ? state.year : '') + '.pdf');
  }
  if (j.kind === 'none') { box.hidden = true; return; }
  box.hidden = !j.running;
  bar.max = Math.max(j.total, 1);
  bar.value = j.done;
  $('job-label').textContent = j.kind === 'build' ? L('building', { done: j.done, total: j.total }) : L('combining');
  ['btn-check', 'btn-build', 'btn-combine'].forEach(function (id) { $(id).disabled = !!j.running; });
  if (j.running) {
    status(j.kind === 'build' ? L('building', { done: j.done, total: j.total }) : L('combining'));
  }
}

function finishJob(j) {
  if (j.kind === 'build') {
    status(L('built', { done: j.done - j.failed, failed: j.failed ? L('builtFailed', { n: j.failed }) : '' }), j.failed > 0);
  } else if (j.kind === 'combine') {
    if (j.city_pdf) status(L('combined')); else status(L('combineFailed'), true);
  }
}

function poll() {
  request('GET', '/api/job').then(function (r) {
    showJob(r.data);
    if (r.data.running) { polling = setTimeout(poll, 400); return; }
    polling = null;
    finishJob(r.data);
  }).catch(function (e) { polling = null; status(L('failed') + e.message, true); });
}

function startJob(url) {
  request('POST', url).then(function (r) {
    showJob(r.data);
    if (!polling) poll();
  }).catch(function (e) { status(L('failed') + e.message, true); });
}

/* ---- the state ---------------------------------------------------------- */

function applyState(d) {
  if (d.lang && d.lang !== lang) { lang = d.lang; setLabels(); }
  state = d.state;
  render();
  showJob(d.job);
  if (d.job.running && !polling) poll();
}

function load() {
  return request('GET', '/api/state').then(function (r) { applyState(r.data); })
    .catch(function (e) { status(L('loadFailed') + e.message, true); });
}

function checkAll() {
  status(L('checking'));
  $('btn-check').disabled = true;
  request('POST', '/api/check').then(function (r) {
    applyState(r.data);
    status(L('checked', { n: r.data.state.totals.files }));
  }).catch(function (e) { status(L('failed') + e.message, true); })
    .then(function () { $('btn-check').disabled = false; });
}

/* ---- the editor of a unit (gereport edit, its own address) --------------- */

function openEditor(r) {
  status(L('opening'));
  var q = r ? 'row=' + r.row + '&file=' + encodeURIComponent(r.file) : 'office=1';
  request('POST', '/api/edit?' + q).then(function (res) {
    var w = window.open(res.data.url, '_blank', 'noopener');
    var s = $('status');
    s.textContent = '';
    s.className = '';
    if (!w) {
      var a = el('a', { href: res.data.url, target: '_blank', rel: 'noopener' }, L('openLink'));
      s.appendChild(a);
      a.focus();
    }
  }).catch(function (e) { status(L('failed') + e.message, true); });
}

/* ---- the office file's text --------------------------------------------- */

function field(form, id, labelText, hint, input) {
  var lab = el('label', { 'for': id }, labelText);
  if (hint) { lab.appendChild(document.createElement('br')); lab.appendChild(el('span', { className: 'hint' }, hint)); }
  form.appendChild(lab);
  input.id = id;
  form.appendChild(input);
}

var officeSaved = {};     // the texts as last loaded, by request key

function officeRequests(form) {
  // every changed field: [query, body]
  var out = [];
  form.querySelectorAll('[data-q]').forEach(function (n) {
    var q = n.getAttribute('data-q'), body;
    if (n.getAttribute('data-kind') === 'pair') {
      body = form.querySelector('#' + n.id).value.trim() + '\n' + form.querySelector('#' + n.id + '-2').value.trim();
    } else if (n.getAttribute('data-kind') === 'item') {
      body = n.value.trim() + '\n' + form.querySelector('#' + n.id + '-text').value;
      if (!n.value.trim() && !form.querySelector('#' + n.id + '-text').value.trim()) body = '';
    } else {
      body = n.value;
    }
    if (body !== officeSaved[q]) out.push([q, body]);
  });
  return out;
}

function renderOffice(d) {
  var form = $('office-form');
  form.textContent = '';
  officeSaved = {};
  d.fields.forEach(function (f) {
    var id = 'of-' + f.id;
    if (f.kind === 'pair') {
      var a = el('input', { type: 'text', 'data-q': 'field=' + f.id, 'data-kind': 'pair' });
      a.value = f.value[0] || '';
      field(form, id, f.label, f.hint, a);
      var b = el('input', { type: 'text', 'aria-label': f.label + ' 2', placeholder: '2024-05-08' });
      b.value = f.value[1] || '';
      b.id = id + '-2';
      form.appendChild(b);
      officeSaved['field=' + f.id] = a.value.trim() + '\n' + b.value.trim();
    } else if (f.kind === 'items') {
      var fs = el('fieldset');
      fs.appendChild(el('legend', null, f.label));
      if (f.hint) fs.appendChild(el('p', { className: 'hint' }, f.hint));
      var addItem = function (it, k) {
        var iid = id + '-' + k;
        var t = el('input', { type: 'text', 'data-q': 'field=' + f.id + '&item=' + k, 'data-kind': 'item' });
        t.value = it.title;
        field(fs, iid, L('item', { n: k + 1 }) + ' ' + L('itemTitle'), null, t);
        var x = el('textarea', { rows: '3', 'aria-label': L('item', { n: k + 1 }) + ' ' + L('itemText') });
        x.value = it.text;
        x.id = iid + '-text';
        fs.appendChild(x);
        officeSaved['field=' + f.id + '&item=' + k] = it.title || it.text ? it.title + '\n' + it.text : '';
      };
      f.items.forEach(addItem);
      var add = el('button', { type: 'button' }, L('addItem'));
      add.addEventListener('click', function () {
        var k = fs.querySelectorAll('[data-kind="item"]').length;
        fs.removeChild(add);
        addItem({ title: '', text: '' }, k);
        fs.appendChild(add);
        document.getElementById(id + '-' + k).focus();
      });
      fs.appendChild(add);
      form.appendChild(fs);
    } else {
      var ta = el('textarea', { rows: '4', 'data-q': 'field=' + f.id });
      ta.value = f.value;
      field(form, id, f.label, f.hint, ta);
      officeSaved['field=' + f.id] = f.value;
    }
  });
  var row = el('div', { className: 'row' });
  var save = el('button', { type: 'submit', className: 'primary' }, L('save'));
  var close = el('button', { type: 'button' }, L('close'));
  close.addEventListener('click', function () { $('office-editor').hidden = true; $('btn-office').focus(); });
  row.appendChild(save);
  row.appendChild(close);
  form.appendChild(row);
  form.appendChild(el('div', { className: 'findings', role: 'alert', id: 'office-findings' }));
}

function saveOffice(ev) {
  ev.preventDefault();
  var form = $('office-form'), todo = officeRequests(form), out = $('office-findings');
  out.textContent = '';
  // one field at a time, in order; the first refusal stops (the file keeps
  // every field saved before it)
  var next = function () {
    if (!todo.length) {
      return loadOffice().then(load).then(function () { status(L('saved')); });
    }
    var q = todo.shift();
    return request('POST', '/api/office?' + q[0], q[1]).then(function (r) {
      if (r.data && r.data.ok === false) {
        r.data.findings.forEach(function (f) {
          out.appendChild(el('p', null, (f.line ? L('line', { n: f.line }) + '：' : '') + f.msg));
        });
        status(L('refused'), true);
        out.scrollIntoView();
        return null;
      }
      officeSaved[q[0]] = q[1];
      return next();
    });
  };
  next().catch(function (e) { out.textContent = L('failed') + e.message; });
}

function loadOffice() {
  return request('GET', '/api/office').then(function (r) {
    renderOffice(r.data);
    $('office-editor').hidden = false;
  }).catch(function (e) { status(L('failed') + e.message, true); });
}

/* ---- start -------------------------------------------------------------- */

document.addEventListener('DOMContentLoaded', function () {
  setLabels();
  $('btn-check').addEventListener('click', checkAll);
  $('btn-build').addEventListener('click', function () { startJob('/api/build'); });
  $('btn-combine').addEventListener('click', function () { startJob('/api/combine'); });
  $('btn-office').addEventListener('click', function () {
    loadOffice().then(function () { var f = document.querySelector('#office-form textarea, #office-form input'); if (f) f.focus(); });
  });
  $('office-form').addEventListener('submit', saveOffice);
  $('btn-office-edit').addEventListener('click', function () { openEditor(null); });
  load();
});
