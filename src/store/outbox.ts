// The webhook outbox (webhook_deliveries): events are written in the same transaction as the state change that
// causes them, and sent later by the dispatcher (src/service/webhooks.ts), at least once.
import type { Sql } from '../db/types.js';

export interface WebhookEvent {
  event: 'document.finished' | 'batch.finished';
  payload: Record<string, unknown>;
}

export interface Delivery {
  id: number | string;
  event: string;
  payload: unknown;
  attempts: number;
}

/** Adds an event to the outbox (call inside the transaction that caused it). */
export async function emitEvent(tx: Sql, e: WebhookEvent): Promise<void> {
  await tx.query('insert into webhook_deliveries (event, payload) values ($1, $2)', [
    e.event,
    JSON.stringify({ event: e.event, ...e.payload, at: new Date().toISOString() }),
  ]);
}

/**
 * Leases up to `limit` deliveries that are due: pushing next_attempt_at forward lets several processes run the
 * dispatcher without sending one twice.
 */
export async function leaseDue(sql: Sql, maxAttempts: number, limit = 20): Promise<Delivery[]> {
  const { rows } = await sql.query<Delivery>(
    `update webhook_deliveries set next_attempt_at = now() + interval '5 minutes'
     where id in (select id from webhook_deliveries where delivered_at is null and attempts < $1
       and next_attempt_at <= now() order by id limit $2 for update skip locked)
     returning id, event, payload, attempts`,
    [maxAttempts, limit],
  );
  return rows;
}

export async function markDelivered(sql: Sql, id: number | string): Promise<void> {
  await sql.query('update webhook_deliveries set delivered_at = now(), attempts = attempts + 1 where id = $1', [id]);
}

/** Records a failed attempt; the next one is due in `retryInSeconds`. */
export async function markAttemptFailed(
  sql: Sql,
  id: number | string,
  error: string,
  retryInSeconds: number,
): Promise<void> {
  await sql.query(
    `update webhook_deliveries set attempts = attempts + 1, last_error = $2,
     next_attempt_at = now() + make_interval(secs => $3) where id = $1`,
    [id, error.slice(0, 500), retryInSeconds],
  );
}

/** Forgets deliveries that were delivered more than `hours` ago. */
export async function pruneDelivered(sql: Sql, hours: number): Promise<void> {
  await sql.query(
    `delete from webhook_deliveries where delivered_at is not null and delivered_at < now() - make_interval(hours => $1)`,
    [hours],
  );
}
