// Review page entry: sign-in, hash routing (#/, #/queue, #/doc/<id>?p=<pointer>), document list and queue.
import { ApiError, get, session } from './api.js';
import { onKey, openDocument, setPane } from './doc.js';
import { format, h, show } from './dom.js';
import { CONFIDENCE, DOC_STATUS, FLAGS, flagText, REASONS } from './labels.js';

const VIEWS = ['login', 'docs', 'queue', 'doc', 'batch'];
let me = null;

function view(name) {
  // A message belongs to the view that showed it.
  if (document.getElementById(`view-${name}`).hidden) show('');
  for (const v of VIEWS) document.getElementById(`view-${v}`).hidden = v !== name;
  if (name !== 'doc') document.title = 'Duyệt kết quả trích xuất — kehoach';
  if (name !== 'batch') clearTimeout(batchTimer);
  document.getElementById('nav').hidden = name === 'login';
  document.getElementById('signout').hidden = name === 'login';
}

async function signIn(key) {
  session.key = key;
  try {
    me = await get('/v1/keys/me');
    session.permissions = me.permissions;
    session.keyId = me.id;
  } catch (err) {
    session.key = null;
    me = null;
    throw err;
  }
  document.getElementById('who').textContent = `${me.name} (${me.role})`;
}

function signOut(message) {
  session.key = null;
  session.permissions = [];
  me = null;
  document.getElementById('who').textContent = '';
  location.hash = '#/';
  view('login');
  document.getElementById('login-error').textContent = message ?? '';
}

const docLink = (id, pointer) => `#/doc/${encodeURIComponent(id)}${pointer ? `?p=${encodeURIComponent(pointer)}` : ''}`;

async function showDocs() {
  view('docs');
  const { items } = await get('/v1/review/documents');
  const body = document.getElementById('docs-body');
  body.replaceChildren(
    ...(items.length
      ? items.map((d) =>
          h(
            'tr',
            { class: d.toReview ? 'todo' : 'done' },
            h('td', { 'data-label': 'Văn bản' }, h('a', { href: docLink(d.id) }, d.name || d.id)),
            h('td', { 'data-label': 'Tỉnh/thành phố' }, d.province ?? '—'),
            h(
              'td',
              { 'data-label': 'Lô' },
              d.batch ? h('a', { href: `#/batch/${encodeURIComponent(d.batch)}` }, d.batchName ?? 'xem lô') : '—',
            ),
            h('td', { class: 'num', 'data-label': 'Cần duyệt' }, String(d.toReview)),
            h('td', { class: 'num', 'data-label': 'Độ tin cậy thấp' }, String(d.low)),
            h('td', { class: 'num', 'data-label': 'Hiệu chỉnh lỗi thời' }, String(d.stale)),
          ),
        )
      : [h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'Chưa có văn bản nào đã trích xuất.'))]),
  );
}

async function showQueue(params) {
  view('queue');
  const form = document.getElementById('queue-filters');
  for (const k of ['flag', 'province', 'batch']) form.elements[k].value = params.get(k) ?? '';
  if (!session.can('review:read')) {
    document.getElementById('queue-total').textContent = 'Khóa này không có quyền xem hàng đợi duyệt.';
    document.getElementById('queue-body').replaceChildren();
    return;
  }
  const q = new URLSearchParams([...params].filter(([, v]) => v));
  q.set('limit', '500');
  const { items, total } = await get(`/v1/review/queue?${q}`);
  document.getElementById('queue-total').textContent =
    `${total} trường cần duyệt${total > items.length ? ` (hiển thị ${items.length})` : ''}`;
  document.getElementById('queue-body').replaceChildren(
    ...items.map((i) =>
      h(
        'tr',
        { class: `q ${i.confidence}` },
        h('td', { 'data-label': 'Độ tin cậy' }, h('span', { class: `conf ${i.confidence}` }, CONFIDENCE[i.confidence])),
        h('td', { 'data-label': 'Văn bản' }, i.documentName || i.documentId),
        h('td', { 'data-label': 'Trường' }, h('a', { href: docLink(i.documentId, i.pointer) }, i.label)),
        h('td', { class: 'val', 'data-label': 'Giá trị' }, format(i.value)),
        h(
          'td',
          { 'data-label': 'Cờ' },
          i.flags.map((f) => h('span', { class: 'flag', title: f }, flagText(f))),
        ),
        h(
          'td',
          { class: 'excerpt', 'data-label': 'Đoạn nguồn' },
          i.excerpt
            ? [
                i.excerpt.text.slice(0, i.excerpt.start),
                h('mark', {}, i.excerpt.text.slice(i.excerpt.start, i.excerpt.end)),
                i.excerpt.text.slice(i.excerpt.end),
              ]
            : '—',
        ),
        h('td', { 'data-label': 'Đang xử lý' }, i.claim ? (i.claim.reviewer ?? `khóa ${i.claim.keyId}`) : ''),
      ),
    ),
  );
}

// ----- batch overview: what an archivist watches during a day-long import ---------------------------------------

let batchTimer;

function bars(host, counts, labels) {
  const max = Math.max(1, ...Object.values(counts));
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  host.replaceChildren(
    ...(entries.length
      ? entries.map(([k, n]) => {
          const bar = h('span', { class: `bar b-${k}` });
          bar.style.width = `${(n / max) * 100}%`; // CSSOM: no inline style attributes under the CSP
          return h(
            'li',
            {},
            h('span', { class: 'bar-label' }, labels(k)),
            h('span', { class: 'bar-track' }, bar),
            h('span', { class: 'num' }, String(n)),
          );
        })
      : [h('li', { class: 'muted' }, 'Chưa có.')]),
  );
}

async function showBatch(id) {
  view('batch');
  clearTimeout(batchTimer);
  const enc = encodeURIComponent(id);
  const b = await get(`/v1/batches/${enc}`);
  document.getElementById('batch-title').textContent = `Lô ${b.name ?? id}`;
  document.title = `Lô ${b.name ?? id} — kehoach`;
  const bar = document.getElementById('batch-bar');
  bar.max = Math.max(1, b.total);
  bar.value = b.done;
  const pct = b.total ? Math.round((b.done / b.total) * 100) : 100;
  const more = [];
  if (b.pages?.total) more.push(`${b.pages.total} trang đã đọc, ${b.pages.ocr} trang bằng OCR`);
  if (b.review) more.push(`${b.review.fields} trường cần duyệt trong ${b.review.documents} văn bản`);
  if (b.cancelledAt) more.push('đã hủy phần việc còn chờ');
  document.getElementById('batch-count').textContent = `${b.done}/${b.total} văn bản đã xử lý (${pct}%)`;
  document.getElementById('batch-more').textContent = more.join(' · ');
  bars(document.getElementById('batch-status'), b.counts, (k) => DOC_STATUS[k] ?? k);

  const docs = [];
  for (let cursor = null, page = 0; page < 10; page++) {
    const q = new URLSearchParams({ batch: id, limit: '200' });
    if (cursor) q.set('cursor', cursor);
    const res = await get(`/v1/documents?${q}`);
    docs.push(...res.items);
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  const flags = {};
  if (session.can('review:read')) {
    const q = await get(`/v1/review/queue?batch=${enc}&limit=1000`).catch(() => ({ items: [] }));
    for (const i of q.items) for (const f of i.flags) flags[f] = (flags[f] ?? 0) + 1;
  }
  bars(document.getElementById('batch-flags'), flags, flagText);
  document
    .getElementById('batch-failed')
    .replaceChildren(
      ...(b.failures.length
        ? b.failures.map((f) =>
            h(
              'li',
              {},
              h('strong', {}, f.fileName ?? f.documentId),
              ` — ${REASONS[f.reason] ?? f.reason}: ${f.message}`,
            ),
          )
        : [h('li', { class: 'muted' }, 'Không có văn bản lỗi.')]),
    );
  const took = (d) => (d.finishedAt ? Date.parse(d.finishedAt) - Date.parse(d.createdAt) : null);
  const slow = docs
    .filter((d) => took(d) !== null)
    .sort((a, c) => took(c) - took(a))
    .slice(0, 10);
  document
    .getElementById('batch-slow')
    .replaceChildren(
      ...(slow.length
        ? slow.map((d) =>
            h(
              'li',
              {},
              h('a', { href: docLink(d.id) }, d.fileName ?? d.id),
              ` — ${(took(d) / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} giây từ lúc tải lên`,
            ),
          )
        : [h('li', { class: 'muted' }, 'Chưa có văn bản nào xử lý xong.')]),
    );
  // Live while the batch runs.
  if (b.done < b.total) batchTimer = setTimeout(() => location.hash.startsWith('#/batch/') && run(), 2000);
}

async function route() {
  if (!session.key) return view('login');
  if (!me) await signIn(session.key);
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const doc = /^\/doc\/(.+)$/.exec(path ?? '');
  if (doc) {
    view('doc');
    return openDocument(decodeURIComponent(doc[1]), params.get('p'));
  }
  if (path === '/queue') return showQueue(params);
  const batch = /^\/batch\/(.+)$/.exec(path ?? '');
  if (batch) return showBatch(decodeURIComponent(batch[1]));
  return showDocs();
}

function run() {
  route().catch((err) => {
    if (err instanceof ApiError && err.status === 401) return;
    show(err.message, 'error');
  });
}

window.addEventListener('kehoach:unauthenticated', () => signOut('Khóa API không hợp lệ hoặc đã bị thu hồi.'));
window.addEventListener('hashchange', run);
document.addEventListener('keydown', onKey);
document.getElementById('signout').addEventListener('click', () => signOut());
document.getElementById('login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const input = document.getElementById('apikey');
  try {
    await signIn(input.value.trim());
    input.value = '';
    input.blur();
    document.getElementById('login-error').textContent = '';
    run();
  } catch (err) {
    document.getElementById('login-error').textContent =
      err instanceof ApiError && err.status === 401 ? 'Khóa API không đúng hoặc đã bị thu hồi.' : err.message;
  }
});
document.getElementById('flag-filter').append(
  ...Object.entries(FLAGS)
    .sort((a, b) => a[1].localeCompare(b[1], 'vi'))
    .map(([code, text]) => h('option', { value: code }, text)),
);
for (const b of document.querySelectorAll('#source-tabs button'))
  b.addEventListener('click', () => setPane(b.dataset.pane));
document.getElementById('queue-filters').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const data = new FormData(ev.target);
  const q = new URLSearchParams([...data].filter(([, v]) => v));
  location.hash = `#/queue${q.size ? `?${q}` : ''}`;
});
run();
