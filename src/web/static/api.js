// Calls to the kehoach API with the key kept in sessionStorage (gone when the tab closes).
const KEY = 'kehoach.apiKey';

export const session = {
  /** Permissions of the signed-in key (from /v1/keys/me). */
  permissions: [],
  keyId: null,
  can(p) {
    return this.permissions.includes(p);
  },
  get key() {
    return sessionStorage.getItem(KEY);
  },
  set key(v) {
    if (v) sessionStorage.setItem(KEY, v);
    else sessionStorage.removeItem(KEY);
  },
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export async function api(method, path, body, headers = {}) {
  const h = { Accept: 'application/json, application/problem+json, text/plain', ...headers };
  if (session.key) h.Authorization = `Bearer ${session.key}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = res.headers.get('content-type') || '';
  const data = type.includes('json') ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) {
    if (res.status === 401) window.dispatchEvent(new CustomEvent('kehoach:unauthenticated', { detail: data }));
    throw new ApiError(res.status, typeof data === 'object' ? data : { detail: String(data).slice(0, 200) });
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body, headers) => api('POST', path, body ?? {}, headers);
export const del = (path) => api('DELETE', path);

/** Document text: the service answers text/plain; a JSON { text } answer is accepted too. */
export async function getText(id) {
  const data = await get(`/v1/documents/${encodeURIComponent(id)}/text`);
  return typeof data === 'string' ? data : (data?.text ?? '');
}

/** Raw bytes of a response (the original upload), with the key. */
export async function getBlob(path) {
  const res = await fetch(path, { headers: session.key ? { Authorization: `Bearer ${session.key}` } : {} });
  if (!res.ok) throw new ApiError(res.status, { detail: `HTTP ${res.status}` });
  return res.blob();
}
