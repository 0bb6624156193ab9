// Signed webhooks from the outbox table: at-least-once delivery with exponential backoff, in the Standard
// Webhooks format (webhook-id, webhook-timestamp, webhook-signature; verify with the `standardwebhooks`
// package and the secret "whsec_" + base64(KEHOACH_WEBHOOK_SECRET), see the README). Receivers dedupe on
// webhook-id, which stays the same across retries. The older X-Kehoach-* headers are still sent for receivers
// built against them: X-Kehoach-Signature = "sha256=" + hex(HMAC-SHA256(secret, timestamp + "." + body)).
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Sql } from '../db/types.js';
import { leaseDue, markAttemptFailed, markDelivered } from '../store/outbox.js';

export interface WebhookOptions {
  url: string;
  secret: string;
  maxAttempts: number;
  intervalMs: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  onError?: (err: unknown) => void;
}

export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The secret as Standard Webhooks receivers configure it: "whsec_" + base64 of the raw secret's bytes. */
export function standardSecret(secret: string): string {
  return `whsec_${Buffer.from(secret, 'utf8').toString('base64')}`;
}

/** Stable across retries of one delivery, so receivers can drop duplicates. */
export function webhookId(deliveryId: number | string): string {
  return `msg_kehoach_${deliveryId}`;
}

/** Delay before attempt n+1 after n failures: 2^n seconds, capped at one hour. */
export function backoffSeconds(failures: number): number {
  return Math.min(3600, 2 ** failures);
}

/** Sends the deliveries that are due; returns how many succeeded. */
export async function deliverDue(sql: Sql, opts: WebhookOptions): Promise<number> {
  const due = await leaseDue(sql, opts.maxAttempts);
  const doFetch = opts.fetch ?? fetch;
  const standard = new Webhook(standardSecret(opts.secret));
  let ok = 0;
  for (const row of due) {
    const body = typeof row.payload === 'string' ? row.payload : JSON.stringify(row.payload);
    const now = new Date();
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const id = webhookId(row.id);
    try {
      const res = await doFetch(opts.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': timestamp,
          'webhook-signature': standard.sign(id, now, body),
          'x-kehoach-event': row.event,
          'x-kehoach-delivery': String(row.id),
          'x-kehoach-timestamp': timestamp,
          'x-kehoach-signature': signPayload(opts.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
      await markDelivered(sql, row.id);
      ok++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await markAttemptFailed(sql, row.id, message, backoffSeconds(row.attempts + 1));
    }
  }
  return ok;
}

export function startWebhookDispatcher(sql: Sql, opts: WebhookOptions): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    running ??= deliverDue(sql, opts)
      .catch((err: unknown) => opts.onError?.(err))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, opts.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
