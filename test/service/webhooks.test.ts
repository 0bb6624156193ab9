import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import type { ClosableSql } from '../../src/db/pglite.js';
import { backoffSeconds, deliverDue, signPayload, standardSecret } from '../../src/service/webhooks.js';

describe('webhooks', () => {
  let sql: ClosableSql;
  beforeAll(async () => {
    sql = (await openDatabase({ dataDir: null })).sql;
  });
  afterAll(async () => {
    await sql.close();
  });

  it('signs timestamp.body with HMAC-SHA256', () => {
    const expected = createHmac('sha256', 's3cret').update('1700000000.{"a":1}').digest('hex');
    expect(signPayload('s3cret', '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
    expect(signPayload('other', '1700000000', '{"a":1}')).not.toBe(`sha256=${expected}`);
  });

  it('backs off exponentially, capped at an hour', () => {
    expect([1, 2, 3, 4].map(backoffSeconds)).toEqual([2, 4, 8, 16]);
    expect(backoffSeconds(40)).toBe(3600);
  });

  it('retries a failed delivery later and stops after success', async () => {
    await sql.query(
      `insert into webhook_deliveries (event, payload) values ('document.finished', '{"documentId":"d1"}')`,
    );
    const calls: { headers: Headers; body: string }[] = [];
    let answer = 500;
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      calls.push({ headers: new Headers(init.headers), body: String(init.body) });
      return new Response(null, { status: answer });
    }) as typeof fetch;
    const opts = { url: 'http://hook.invalid/', secret: 'k', maxAttempts: 5, intervalMs: 10, fetch: fakeFetch };

    expect(await deliverDue(sql, opts)).toBe(0);
    const after1 = await sql.query<{ attempts: number; due: boolean; last_error: string }>(
      'select attempts, next_attempt_at > now() as due, last_error from webhook_deliveries',
    );
    expect(after1.rows[0]).toMatchObject({ attempts: 1, due: true });
    expect(after1.rows[0]!.last_error).toContain('500');
    // Not due yet: nothing is sent.
    expect(await deliverDue(sql, opts)).toBe(0);
    expect(calls).toHaveLength(1);

    await sql.query('update webhook_deliveries set next_attempt_at = now()');
    answer = 204;
    expect(await deliverDue(sql, opts)).toBe(1);
    const sent = calls[1]!;
    const ts = sent.headers.get('x-kehoach-timestamp')!;
    expect(sent.headers.get('x-kehoach-signature')).toBe(signPayload('k', ts, sent.body));
    expect(sent.headers.get('x-kehoach-event')).toBe('document.finished');
    // Standard Webhooks: the reference library verifies the delivery with the documented secret form.
    const verified = new Webhook(standardSecret('k')).verify(sent.body, {
      'webhook-id': sent.headers.get('webhook-id')!,
      'webhook-timestamp': sent.headers.get('webhook-timestamp')!,
      'webhook-signature': sent.headers.get('webhook-signature')!,
    });
    expect(verified).toEqual(JSON.parse(sent.body));
    expect(() =>
      new Webhook(standardSecret('other')).verify(sent.body, {
        'webhook-id': sent.headers.get('webhook-id')!,
        'webhook-timestamp': sent.headers.get('webhook-timestamp')!,
        'webhook-signature': sent.headers.get('webhook-signature')!,
      }),
    ).toThrow();
    await sql.query('update webhook_deliveries set next_attempt_at = now()');
    expect(await deliverDue(sql, opts)).toBe(0);
    expect(calls).toHaveLength(2);
  });
});
