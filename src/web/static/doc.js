// The document view: source text beside the extracted fields; keyboard-driven edit / accept / next.
import { ApiError, del, get, getText, post, session } from './api.js';
import { format, h, show } from './dom.js';
import { buildEntries, formatNumber, needsReview, parseInput, rawOf } from './fields.js';
import { CONFIDENCE, flagText, KINDS, STATUS } from './labels.js';
import { renderPage } from './pages.js';

/** Who holds a claim: the reviewer's name when the server sends it, else the key. */
const claimHolder = (c) => c.reviewer ?? `khóa ${c.keyId}`;

const state = {
  id: null,
  text: '',
  eff: null,
  entries: [],
  sel: 0,
  editing: null, // { entryId, claimId, draft: { pointer: raw } , notice }
  history: [],
  claims: new Map(),
  /** Entries ticked for bulk accept. */
  picked: new Set(),
  /** 'text' or 'page': what the left pane shows. */
  pane: 'text',
};

const enc = encodeURIComponent;

export async function openDocument(id, pointer) {
  state.id = id;
  state.editing = null;
  state.picked = new Set();
  const [text] = await Promise.all([
    getText(id).catch((e) => {
      show(`Không tải được văn bản nguồn: ${e.message}`, 'error');
      return '';
    }),
    reload(),
  ]);
  state.text = text;
  const m = state.eff.extraction.metadata;
  const name = [m.documentNumber.value ? `Số ${m.documentNumber.value}` : null, m.title.value]
    .filter(Boolean)
    .join(' — ');
  const label = name || state.eff.extraction.document.fileName || id;
  document.title = `${label} — kehoach`;
  document.getElementById('doc-title').textContent = label;
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
  renderBulk();
  const left = state.entries.filter((e) => e.review).length;
  document.getElementById('doc-progress').textContent =
    `Còn ${left} trường cần duyệt · phiên bản ${state.eff.revision}`;
}

// ----- source text -------------------------------------------------------------------------------------------

function renderSource() {
  const pageHost = document.getElementById('page');
  const pre = document.getElementById('source');
  for (const b of document.querySelectorAll('#source-tabs button')) {
    b.setAttribute('aria-pressed', String(b.dataset.pane === state.pane));
  }
  pre.hidden = state.pane !== 'text';
  pageHost.hidden = state.pane !== 'page';
  if (state.pane === 'page') {
    const fmt = state.eff.extraction.document.format;
    renderPage(pageHost, state.id, fmt, current()?.node.source ?? null).catch((err) =>
      pageHost.replaceChildren(h('p', { class: 'error' }, `Không hiển thị được trang gốc: ${err.message}`)),
    );
    return;
  }
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

function control(input, raw, attrs = {}) {
  if (input.kind === 'select') {
    return h(
      'select',
      { 'data-pointer': input.pointer, ...attrs },
      input.options.map((o) => h('option', { value: o.value, selected: o.value === raw }, o.text)),
    );
  }
  return h('input', {
    'data-pointer': input.pointer,
    value: raw,
    type: input.kind === 'date' ? 'date' : 'text',
    inputmode: input.kind === 'number' ? 'decimal' : input.kind === 'year' ? 'numeric' : null,
    maxlength: input.kind === 'year' ? 4 : null,
    ...attrs,
  });
}

function editor(entry) {
  const ed = state.editing;
  const body = [];
  if (entry.kind !== 'table') {
    for (const i of entry.inputs) {
      if (i.kind === 'object') {
        const draft = ed.draft[i.pointer] ?? {};
        body.push(
          h(
            'fieldset',
            { class: 'input parts' },
            h('legend', {}, i.label),
            i.parts.map((p) =>
              h(
                'label',
                { class: 'input' },
                h('span', {}, p.label),
                control({ ...p, pointer: i.pointer }, draft[p.key] ?? rawOf(p.kind, i.value?.[p.key]), {
                  'data-part': p.key,
                }),
              ),
            ),
          ),
        );
        continue;
      }
      const raw = ed.draft[i.pointer] ?? rawOf(i.kind, i.value);
      body.push(h('label', { class: 'input' }, h('span', {}, i.label), control(i, raw)));
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
          e.review && e.node.confidence && session.can('review:write')
            ? h('input', {
                type: 'checkbox',
                class: 'pick',
                'aria-label': `Chọn ${e.label} để chấp nhận hàng loạt`,
                checked: state.picked.has(e.id),
                onclick: (ev) => {
                  ev.stopPropagation();
                  togglePick(e.id);
                },
              })
            : null,
          e.node.confidence ? badge(e.node.confidence) : null,
          h('strong', {}, e.label),
          flagList(e.node.flags ?? []),
          state.claims.has(e.id)
            ? h('span', { class: 'claimed' }, `${claimHolder(state.claims.get(e.id))} đang xử lý`)
            : null,
        ),
        e.kind === 'table' ? renderTable(e, editing) : h('div', { class: 'value' }, e.text ?? h('em', {}, 'không có')),
        e.detail ? h('div', { class: 'detail' }, e.detail) : null,
        e.evidence.length
          ? h(
              'ul',
              { class: 'evidence' },
              e.evidence.map((ev) =>
                h(
                  'li',
                  {},
                  h('span', { class: `flag f-${ev.code}` }, flagText(ev.code)),
                  ' ',
                  ev.sides.map((side, k) => [
                    k > 0 ? ' · ' : '',
                    `${side.label} `,
                    h('strong', {}, side.value),
                    side.where ? h('span', { class: 'muted' }, ` (${side.where})`) : '',
                  ]),
                ),
              ),
            )
          : null,
        editing ? editor(e) : null,
      ),
    );
  });
  ol.replaceChildren(...items);
  const sel = ol.querySelector('.selected');
  if (sel && !state.editing) sel.scrollIntoView({ block: 'nearest' });
  const first = ol.querySelector('.selected [data-pointer], .selected textarea');
  if (state.editing && first && !ol.contains(document.activeElement)) {
    first.focus();
    // Typing replaces the value (no select-all first); arrows or a click still edit it in place.
    first.select?.();
  }
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
          ` · ${c.reviewer ?? `khóa ${c.keyId}`} · ${new Date(c.createdAt).toLocaleString('vi-VN')}`,
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
              c.kind === 'accept' || ch.op === 'accept'
                ? 'giữ nguyên'
                : `${formatAt(ch.path, ch.before)} → ${formatAt(ch.path, ch.after)}`,
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

/** The index of the first entry after `from` (wrapping) that still needs review, or null. */
function nextReviewIndex(from) {
  const n = state.entries.length;
  for (let k = 1; k <= n; k++) {
    const i = (((from + k) % n) + n) % n;
    if (state.entries[i].review) return i;
  }
  return null;
}

function nextToReview() {
  const i = nextReviewIndex(state.sel);
  if (i !== null) return select(i);
  show('Không còn trường nào cần duyệt trong văn bản này.', 'ok');
}

/** Years and periods print without digit grouping. */
function formatAt(path, v) {
  if (typeof v === 'number' && /\/(year|from|to)$/.test(path)) return String(v);
  if (v && typeof v === 'object' && 'from' in v && 'to' in v) return `${v.from} – ${v.to}`;
  if (typeof v === 'number') return formatNumber(v);
  return format(v);
}

export function setPane(pane) {
  state.pane = pane;
  if (state.id) renderSource();
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
        `Trường này đang được ${c ? claimHolder(c) : 'người khác'} xử lý đến ${c ? new Date(c.expiresAt).toLocaleTimeString('vi-VN') : '?'}.`,
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
  for (const el of ol.querySelectorAll('.selected [data-pointer]')) {
    const p = el.dataset.pointer;
    if (el.dataset.part) {
      const parts = typeof state.editing.draft[p] === 'object' ? state.editing.draft[p] : {};
      state.editing.draft[p] = { ...parts, [el.dataset.part]: el.value };
    } else {
      state.editing.draft[p] = el.value;
    }
  }
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
      const value = parseInput(i, raw);
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
    // Like accept: a field that needed review, once corrected, hands over to the next one needing review.
    const at = state.entries.findIndex((x) => x.id === e.id);
    const next = e.review && at >= 0 && !state.entries[at].review ? nextReviewIndex(at) : null;
    if (next !== null) state.sel = next;
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

async function acceptPointers(pointers, done) {
  try {
    await post(`/v1/documents/${enc(state.id)}/corrections`, {
      accept: pointers,
      expectedRevision: state.eff.revision,
    });
    await reload();
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      await reload();
      render();
      show(`Không chấp nhận được: ${err.message}`, 'warn');
      return false;
    }
    show(err.message, 'error');
    return false;
  } finally {
    done?.();
  }
}

/** Accepts the selected field and moves on to the next one needing review. */
async function accept() {
  if (readOnly()) return;
  const e = current();
  if (!e?.node.confidence) return show('Chỉ chấp nhận được trường có độ tin cậy.', 'info');
  if (!(await acceptPointers([e.id]))) return;
  state.picked.delete(e.id);
  const next = nextReviewIndex(state.entries.findIndex((x) => x.id === e.id));
  state.sel = next ?? state.sel;
  render();
  show(next === null ? `Đã chấp nhận ${e.label}. Không còn trường nào cần duyệt.` : `Đã chấp nhận ${e.label}.`, 'ok');
}

function togglePick(id) {
  if (state.picked.has(id)) state.picked.delete(id);
  else state.picked.add(id);
  renderFields();
  renderBulk();
}

function renderBulk() {
  const bar = document.getElementById('bulk');
  const n = state.picked.size;
  const canWrite = session.can('review:write');
  bar.hidden = !canWrite;
  if (!canWrite) return;
  // replaceChildren would print a null as the text "null": only the buttons that apply.
  const buttons = [
    h(
      'button',
      { type: 'button', id: 'bulk-accept', disabled: n === 0, onclick: () => bulkAccept() },
      n ? `Chấp nhận ${n} trường đã chọn` : 'Chấp nhận hàng loạt',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        onclick: () => {
          for (const e of state.entries) if (e.review && e.node.confidence) state.picked.add(e.id);
          render();
        },
      },
      'Chọn mọi trường cần duyệt',
    ),
    n
      ? h(
          'button',
          {
            type: 'button',
            class: 'small',
            onclick: () => {
              state.picked.clear();
              render();
            },
          },
          'Bỏ chọn',
        )
      : null,
  ];
  bar.replaceChildren(...buttons.filter(Boolean));
}

async function bulkAccept() {
  if (readOnly() || state.picked.size === 0) return;
  const pointers = [...state.picked];
  if (!(await acceptPointers(pointers))) return;
  state.picked.clear();
  const next = nextReviewIndex(state.sel - 1);
  if (next !== null) state.sel = next;
  render();
  show(`Đã chấp nhận ${pointers.length} trường.`, 'ok');
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
  // Only the document view's own inputs take keys: a hidden sign-in field keeping focus must not swallow them.
  const inField =
    ev.target instanceof HTMLElement && ev.target.closest('#view-doc input, #view-doc textarea, #view-doc select');
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
    x: () => current()?.review && togglePick(current().id),
    p: () => setPane(state.pane === 'page' ? 'text' : 'page'),
  };
  const fn = keys[ev.key];
  if (fn) {
    ev.preventDefault();
    Promise.resolve(fn()).catch((err) => show(err.message, 'error'));
  }
}
