// Review page entry: sign-in, hash routing (#/, #/queue, #/doc/<id>?p=<pointer>), document list and queue.
import { ApiError, get, session } from './api.js';
import { onKey, openDocument } from './doc.js';
import { format, h, show } from './dom.js';
import { CONFIDENCE, flagText } from './labels.js';

const VIEWS = ['login', 'docs', 'queue', 'doc'];
let me = null;

function view(name) {
  for (const v of VIEWS) document.getElementById(`view-${v}`).hidden = v !== name;
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
            h('td', {}, h('a', { href: docLink(d.id) }, d.name || d.id)),
            h('td', {}, d.province ?? '—'),
            h('td', {}, d.batch ?? '—'),
            h('td', { class: 'num' }, String(d.toReview)),
            h('td', { class: 'num' }, String(d.low)),
            h('td', { class: 'num' }, String(d.stale)),
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
        h('td', {}, h('span', { class: `conf ${i.confidence}` }, CONFIDENCE[i.confidence])),
        h('td', {}, i.documentName || i.documentId),
        h('td', {}, h('a', { href: docLink(i.documentId, i.pointer) }, i.label)),
        h('td', { class: 'val' }, format(i.value)),
        h(
          'td',
          {},
          i.flags.map((f) => h('span', { class: 'flag', title: f }, flagText(f))),
        ),
        h(
          'td',
          { class: 'excerpt' },
          i.excerpt
            ? [
                i.excerpt.text.slice(0, i.excerpt.start),
                h('mark', {}, i.excerpt.text.slice(i.excerpt.start, i.excerpt.end)),
                i.excerpt.text.slice(i.excerpt.end),
              ]
            : '—',
        ),
        h('td', {}, i.claim ? `khóa ${i.claim.keyId}` : ''),
      ),
    ),
  );
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
    document.getElementById('login-error').textContent = '';
    run();
  } catch (err) {
    document.getElementById('login-error').textContent =
      err instanceof ApiError && err.status === 401 ? 'Khóa API không đúng hoặc đã bị thu hồi.' : err.message;
  }
});
document.getElementById('queue-filters').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const data = new FormData(ev.target);
  const q = new URLSearchParams([...data].filter(([, v]) => v));
  location.hash = `#/queue${q.size ? `?${q}` : ''}`;
});
run();
