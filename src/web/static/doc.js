// The document view: source text beside the extracted fields; keyboard-driven edit / accept / next.
import { ApiError, del, get, getText, post, session } from './api.js';
import { format, h, show } from './dom.js';
import { buildEntries, needsReview, parseInput, rawOf } from './fields.js';
import { CONFIDENCE, flagText, KINDS, STATUS } from './labels.js';

const state = {
  id: null,
  text: '',
  eff: null,
  entries: [],
  sel: 0,
  editing: null, // { entryId, claimId, draft: { pointer: raw } , notice }
  history: [],
  claims: new Map(),
};

const enc = encodeURIComponent;

export async function openDocument(id, pointer) {
  state.id = id;
  state.editing = null;
  document.getElementById('doc-title').textContent = `Văn bản nguồn — ${id}`;
  const [text] = await Promise.all([
    getText(id).catch((e) => {
      show(`Không tải được văn bản nguồn: ${e.message}`, 'error');
      return '';
    }),
    reload(),
  ]);
  state.text = text;
  const at = pointer ? state.entries.findIndex((e) => pointer === e.id || pointer.startsWith(`${e.id}/`)) : -1;
  state.sel =
    at >= 0
      ? at
      : Math.max(
          0,
          state.entries.findIndex((e) => e.review),
        );
  render();
}

async function reload() {
  const [eff, hist] = await Promise.all([
    get(`/v1/documents/${enc(state.id)}/effective`),
    get(`/v1/documents/${enc(state.id)}/corrections`),
  ]);
  state.eff = eff;
  state.history = hist.items;
  // Who is working on what: claims ride along with the queue entries of this document.
  state.claims = new Map();
  if (session.can('review:read')) {
    const q = await get(`/v1/review/queue?document=${enc(state.id)}&limit=1000`).catch(() => ({ items: [] }));
    for (const i of q.items) if (i.claim && i.claim.keyId !== session.keyId) state.claims.set(i.pointer, i.claim);
  }
  const fields = eff.extraction.review.fields;
  state.entries = buildEntries(eff.extraction).map((e) => ({ ...e, review: needsReview(e, fields) }));
}

function current() {
  return state.entries[state.sel];
}

function render() {
  renderFields();
  renderSource();
  renderHistory();
  const left = state.entries.filter((e) => e.review).length;
  document.getElementById('doc-progress').textContent =
    `Còn ${left} trường cần duyệt · phiên bản ${state.eff.revision}`;
}

// ----- source text -------------------------------------------------------------------------------------------

function renderSource() {
  const pre = document.getElementById('source');
  const sel = current();
  const selSpan = sel?.node.source ?? null;
  const marks = [];
  for (const e of state.entries) {
    const s = e.node.source;
    if (!s || (!e.review && e !== sel)) continue;
    // The selected span wins: other highlights overlapping it are left out.
    if (e !== sel && selSpan && s.start < selSpan.end && selSpan.start < s.end) continue;
    marks.push({ start: s.start, end: s.end, cls: e === sel ? 'sel' : `need ${e.node.confidence ?? ''}`, id: e.id });
  }
  marks.sort((a, b) => a.start - b.start || (a.cls === 'sel' ? -1 : 1));
  const parts = [];
  let at = 0;
  let selected = null;
  for (const m of marks) {
    if (m.start < at) continue;
    parts.push(state.text.slice(at, m.start));
    const el = h('mark', { class: m.cls, dataset: { pointer: m.id } }, state.text.slice(m.start, m.end));
    if (m.cls === 'sel') selected = el;
    parts.push(el);
    at = m.end;
  }
  parts.push(state.text.slice(at));
  pre.replaceChildren(...parts);
  if (selected) selected.scrollIntoView({ block: 'center', behavior: 'instant' });
}

// ----- fields ------------------------------------------------------------------------------------------------

function badge(conf) {
  return h('span', { class: `conf ${conf}` }, CONFIDENCE[conf] ?? conf);
}

function flagList(flags) {
  return flags.length
    ? h(
        'span',
        { class: 'flags' },
        flags.map((f) => h('span', { class: `flag f-${f}`, title: f }, flagText(f))),
      )
    : null;
}

function renderTable(entry, editing) {
  const t = entry.node;
  const byCell = new Map(entry.inputs.map((i) => [`${i.row}:${i.col}`, i]));
  const failed = t.checks.filter((c) => !c.ok);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'budget' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          t.columns.map((c) => h('th', {}, c)),
        ),
      ),
      h(
        'tbody',
        {},
        t.rows.map((row, r) =>
          h(
            'tr',
            {
              class:
                row.flags.includes('corrected') || row.flags.includes('accepted')
                  ? 'fixed'
                  : row.flags.includes('sum-mismatch')
                    ? 'bad'
                    : null,
              title: row.flags.map(flagText).join(', ') || null,
            },
            row.cells.map((cell, c) => {
              const input = byCell.get(`${r}:${c}`);
              if (editing && input) {
                return h(
                  'td',
                  {},
                  h('input', {
                    class: 'cell',
                    'data-pointer': input.pointer,
                    'aria-label': input.label,
                    value: editing.draft[input.pointer] ?? rawOf('number', input.value),
                  }),
                );
              }
              return h('td', { class: typeof row.values[c] === 'number' ? 'num' : null }, cell);
            }),
          ),
        ),
      ),
    ),
    failed.length
      ? h(
          'ul',
          { class: 'checks' },
          failed.map((c) => {
            // Checks were computed on the machine values; a reviewed row may have settled them since.
            const settled = t.rows.some(
              (r) => r.label === c.where && (r.flags.includes('corrected') || r.flags.includes('accepted')),
            );
            return h(
              'li',
              { class: settled ? 'settled' : 'bad' },
              `Tổng không khớp (${c.where}): ghi ${format(c.expected)}, cộng lại ${format(c.actual)}`,
              settled ? ' — dòng đã được người duyệt hiệu chỉnh' : '',
            );
          }),
        )
      : null,
  );
}

function editor(entry) {
  const ed = state.editing;
  const body = [];
  if (entry.kind !== 'table') {
    for (const i of entry.inputs) {
      const raw = ed.draft[i.pointer] ?? rawOf(i.kind, i.value);
      const control =
        i.kind === 'json'
          ? h('textarea', { 'data-pointer': i.pointer, rows: 4 }, raw)
          : h('input', { 'data-pointer': i.pointer, value: raw, inputmode: i.kind === 'number' ? 'decimal' : null });
      body.push(h('label', { class: 'input' }, h('span', {}, i.label), control));
    }
  }
  body.push(
    h(
      'label',
      { class: 'input' },
      h('span', {}, 'Ghi chú (không bắt buộc)'),
      h('input', { 'data-comment': '1', value: ed.comment ?? '' }),
    ),
  );
  return h(
    'form',
    {
      class: 'editor',
      onsubmit: (ev) => {
        ev.preventDefault();
        save();
      },
    },
    ed.notice ? h('p', { class: 'warn', role: 'alert' }, ed.notice) : null,
    body,
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit' }, 'Lưu (Enter)'),
      h('button', { type: 'button', onclick: cancel }, 'Hủy (Esc)'),
    ),
  );
}

function renderFields() {
  const ol = document.getElementById('fields');
  let group = null;
  const items = [];
  state.entries.forEach((e, idx) => {
    if (e.group !== group) {
      group = e.group;
      items.push(h('li', { class: 'group' }, group));
    }
    const selected = idx === state.sel;
    const editing = selected && state.editing?.entryId === e.id ? state.editing : null;
    items.push(
      h(
        'li',
        {
          class: ['entry', e.review ? 'review' : '', e.node.confidence ?? '', selected ? 'selected' : ''].join(' '),
          dataset: { pointer: e.id },
          'aria-selected': selected ? 'true' : 'false',
          onclick: () => {
            if (state.sel !== idx) select(idx);
          },
        },
        h(
          'div',
          { class: 'entry-head' },
          e.node.confidence ? badge(e.node.confidence) : null,
          h('strong', {}, e.label),
          flagList(e.node.flags ?? []),
          state.claims.has(e.id)
            ? h('span', { class: 'claimed' }, `đang được khóa ${state.claims.get(e.id).keyId} xử lý`)
            : null,
        ),
        e.kind === 'table' ? renderTable(e, editing) : h('div', { class: 'value' }, e.text ?? h('em', {}, 'không có')),
        e.detail ? h('div', { class: 'detail' }, e.detail) : null,
        editing ? editor(e) : null,
      ),
    );
  });
  ol.replaceChildren(...items);
  const sel = ol.querySelector('.selected');
  if (sel && !state.editing) sel.scrollIntoView({ block: 'nearest' });
  const first = ol.querySelector('.selected [data-pointer], .selected textarea');
  if (state.editing && first && !ol.contains(document.activeElement)) first.focus();
}

function renderHistory() {
  const ol = document.getElementById('history');
  if (!state.history.length) {
    ol.replaceChildren(h('li', { class: 'muted' }, 'Chưa có hiệu chỉnh nào.'));
    return;
  }
  ol.replaceChildren(
    ...[...state.history].reverse().map((c) =>
      h(
        'li',
        { class: `hist ${c.status}`, dataset: { id: c.id } },
        h(
          'div',
          {},
          h('strong', {}, `#${c.id} ${KINDS[c.kind] ?? c.kind}`),
          ` · khóa ${c.keyId} · ${new Date(c.createdAt).toLocaleString('vi-VN')}`,
          STATUS[c.status] ? h('span', { class: `st ${c.status}` }, ` · ${STATUS[c.status]}`) : null,
        ),
        c.comment ? h('div', { class: 'comment' }, `“${c.comment}”`) : null,
        h(
          'ul',
          {},
          c.changes.map((ch) =>
            h(
              'li',
              {},
              h('code', {}, ch.path),
              ': ',
              c.kind === 'accept' || ch.op === 'accept' ? 'giữ nguyên' : `${format(ch.before)} → ${format(ch.after)}`,
            ),
          ),
        ),
        c.reason ? h('div', { class: 'warn' }, c.reason) : null,
        c.kind !== 'revert' && c.status !== 'reverted'
          ? h('button', { type: 'button', class: 'small', onclick: () => revert(c.id) }, 'Hoàn tác')
          : null,
      ),
    ),
  );
}

// ----- actions -----------------------------------------------------------------------------------------------

function select(idx) {
  if (state.editing) cancel();
  state.sel = Math.max(0, Math.min(state.entries.length - 1, idx));
  render();
}

function nextToReview() {
  const n = state.entries.length;
  for (let k = 1; k <= n; k++) {
    const i = (state.sel + k) % n;
    if (state.entries[i].review) return select(i);
  }
  show('Không còn trường nào cần duyệt trong văn bản này.', 'ok');
}

function readOnly() {
  if (session.can('review:write')) return false;
  show('Khóa này chỉ có quyền xem, không thể sửa hay chấp nhận.', 'warn');
  return true;
}

async function startEdit() {
  if (readOnly()) return;
  const e = current();
  if (!e?.inputs.length) return show('Trường này không có giá trị để sửa; dùng «a» để chấp nhận.', 'info');
  let claimId = null;
  try {
    const claim = await post('/v1/review/claims', { documentId: state.id, pointer: e.id });
    claimId = claim.id;
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      const c = err.problem.claim;
      return show(
        `Trường này đang được khóa ${c?.keyId ?? 'khác'} xử lý đến ${c ? new Date(c.expiresAt).toLocaleTimeString('vi-VN') : '?'}.`,
        'warn',
      );
    }
    if (!(err instanceof ApiError && err.status === 403)) throw err;
  }
  show('');
  state.editing = { entryId: e.id, claimId, draft: {}, comment: '' };
  renderFields();
}

function collectDraft() {
  const ol = document.getElementById('fields');
  for (const el of ol.querySelectorAll('.selected [data-pointer]')) state.editing.draft[el.dataset.pointer] = el.value;
  const c = ol.querySelector('.selected [data-comment]');
  if (c) state.editing.comment = c.value;
}

function cancel() {
  const ed = state.editing;
  state.editing = null;
  if (ed?.claimId) del(`/v1/review/claims/${enc(ed.claimId)}`).catch(() => {});
  renderFields();
}

async function save() {
  const e = current();
  collectDraft();
  const ed = state.editing;
  const patch = [];
  try {
    for (const i of e.inputs) {
      const raw = ed.draft[i.pointer];
      if (raw === undefined) continue;
      const value = parseInput(i.kind, raw, i.value);
      if (JSON.stringify(value) === JSON.stringify(i.value ?? null)) continue;
      patch.push({ op: 'replace', path: i.pointer, value });
      // A table cell is stored twice (as written and as a number): keep the two in step.
      if (e.kind === 'table')
        patch.push({ op: 'replace', path: i.pointer.replace(/\/values\/(\d+)$/, '/cells/$1'), value: raw.trim() });
    }
  } catch (err) {
    ed.notice = err.message;
    return renderFields();
  }
  if (!patch.length) {
    cancel();
    return show('Không có thay đổi nào. Dùng «a» để chấp nhận giá trị hiện tại.', 'info');
  }
  try {
    await post(`/v1/documents/${enc(state.id)}/corrections`, {
      patch,
      comment: ed.comment || null,
      expectedRevision: state.eff.revision,
    });
    state.editing = null;
    await reload();
    render();
    show(`Đã lưu hiệu chỉnh ${e.label}.`, 'ok');
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      // Someone else changed the document: reload, keep what this reviewer typed, let them decide.
      await reload();
      const again = state.entries.findIndex((x) => x.id === e.id);
      if (again >= 0) state.sel = again;
      state.editing = {
        ...ed,
        notice: `Văn bản vừa được người khác sửa (${err.message}). Giá trị mới đã được tải; giá trị bạn nhập vẫn giữ nguyên — bấm Lưu để ghi lại.`,
      };
      render();
      return;
    }
    ed.notice = err.message;
    renderFields();
  }
}

async function accept() {
  if (readOnly()) return;
  const e = current();
  if (!e?.node.confidence) return show('Chỉ chấp nhận được trường có độ tin cậy.', 'info');
  try {
    await post(`/v1/documents/${enc(state.id)}/corrections`, { accept: [e.id], expectedRevision: state.eff.revision });
    await reload();
    render();
    show(`Đã chấp nhận ${e.label}.`, 'ok');
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      await reload();
      render();
      return show(`Không chấp nhận được: ${err.message}`, 'warn');
    }
    show(err.message, 'error');
  }
}

async function revert(id) {
  if (readOnly()) return;
  try {
    await post(`/v1/documents/${enc(state.id)}/corrections/${enc(id)}/revert`, {
      expectedRevision: state.eff.revision,
    });
    await reload();
    render();
    show(`Đã hoàn tác hiệu chỉnh #${id}.`, 'ok');
  } catch (err) {
    show(`Không hoàn tác được: ${err.message}`, err instanceof ApiError && err.status === 409 ? 'warn' : 'error');
  }
}

export function onKey(ev) {
  if (!state.id || document.getElementById('view-doc').hidden) return;
  const inField = ev.target instanceof HTMLElement && ev.target.closest('input, textarea');
  if (state.editing) {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      cancel();
    } else if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey || ev.target.tagName !== 'TEXTAREA') && inField) {
      ev.preventDefault();
      save();
    }
    return;
  }
  if (inField || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const keys = {
    j: () => select(state.sel + 1),
    ArrowDown: () => select(state.sel + 1),
    k: () => select(state.sel - 1),
    ArrowUp: () => select(state.sel - 1),
    Enter: () => startEdit(),
    a: () => accept(),
    n: () => nextToReview(),
  };
  const fn = keys[ev.key];
  if (fn) {
    ev.preventDefault();
    Promise.resolve(fn()).catch((err) => show(err.message, 'error'));
  }
}
