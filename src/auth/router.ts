// /v1/keys: key administration for admins, plus /v1/keys/me so any key can check who it is.
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Sql } from '../db/types.js';
import { createKey, listKeys, revokeKey } from './keys.js';
import { requirePermission } from './middleware.js';
import { sendProblem } from './problem.js';
import { can, PERMISSIONS, type Permission, ROLES, RoleNameSchema } from './roles.js';

export const CreateKeyBody = z.object({ role: RoleNameSchema, name: z.string().trim().min(1).max(200) });

export function createKeysRouter(opts: { sql: Sql }): Router {
  const { sql } = opts;
  const router = express.Router();
  const manage = requirePermission(sql, 'keys:manage');
  const anyKey = requirePermission(sql, 'documents:read');

  router.get('/v1/keys/me', anyKey, (req, res) => {
    const auth = req.auth!;
    const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(auth.role, p));
    res.json({ id: auth.keyId, name: auth.name, role: auth.role, permissions });
  });

  router.get('/v1/keys', manage, async (_req, res) => {
    res.json({ items: await listKeys(sql), roles: ROLES });
  });

  router.post('/v1/keys', manage, express.json({ limit: '16kb' }), async (req, res) => {
    const parsed = CreateKeyBody.safeParse(req.body);
    if (!parsed.success) {
      sendProblem(res, 'invalid-body', z.prettifyError(parsed.error), { issues: parsed.error.issues });
      return;
    }
    const created = await createKey(sql, { ...parsed.data, createdBy: req.auth!.keyId });
    res.status(201).location(`/v1/keys/${created.id}`).json(created);
  });

  router.delete('/v1/keys/:id', manage, async (req, res) => {
    const id = String(req.params.id);
    const revoked = await revokeKey(sql, id);
    if (!revoked) {
      sendProblem(res, 'not-found', `No API key with id ${id}.`);
      return;
    }
    res.json(revoked);
  });

  return router;
}
