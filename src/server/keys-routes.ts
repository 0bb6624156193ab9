// API key administration for admins, plus /v1/keys/me so any key can check who it is.
import { CreateKeyBody, createKey, listKeys, revokeKey } from '../auth/keys.js';
import { can, PERMISSIONS, type Permission, ROLES } from '../auth/roles.js';
import { caller } from './auth.js';
import { HttpProblem } from './problem.js';
import { param, route } from './route.js';
import { ApiKeyListSchema, ApiKeySchema, CreatedKeySchema, WhoAmISchema } from './schemas.js';

export const KEY_ROUTES = [
  route({
    method: 'get',
    path: '/v1/keys/me',
    operationId: 'whoAmI',
    summary: 'The calling key: id, name, role, permissions',
    tag: 'keys',
    permission: 'documents:read',
    responses: { 200: { description: 'The calling key', schema: WhoAmISchema } },
    problems: [],
    handler: async (_ctx, req, res) => {
      const auth = caller(req);
      const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(auth.role, p));
      res.json({ id: auth.keyId, name: auth.name, role: auth.role, permissions });
    },
  }),
  route({
    method: 'get',
    path: '/v1/keys',
    operationId: 'listKeys',
    summary: 'List API keys (never the keys themselves)',
    tag: 'keys',
    permission: 'keys:manage',
    responses: { 200: { description: 'Keys and roles', schema: ApiKeyListSchema } },
    problems: [],
    handler: async (ctx, _req, res) => {
      res.json({ items: await listKeys(ctx.sql), roles: ROLES });
    },
  }),
  route({
    method: 'post',
    path: '/v1/keys',
    operationId: 'createKey',
    summary: 'Create an API key; the key is in this response only',
    tag: 'keys',
    permission: 'keys:manage',
    body: { contentType: 'application/json', schema: CreateKeyBody, required: true },
    responses: { 201: { description: 'The key, shown once', schema: CreatedKeySchema } },
    problems: [400, 413],
    handler: async (ctx, req, res, { body }) => {
      const created = await createKey(ctx.sql, { ...body, createdBy: caller(req).keyId });
      res.status(201).location(`/v1/keys/${created.id}`).json(created);
    },
  }),
  route({
    method: 'delete',
    path: '/v1/keys/:id',
    operationId: 'revokeKey',
    summary: 'Revoke an API key',
    tag: 'keys',
    permission: 'keys:manage',
    responses: { 200: { description: 'The revoked key', schema: ApiKeySchema } },
    problems: [404],
    handler: async (ctx, req, res) => {
      const id = param(req, 'id');
      const revoked = await revokeKey(ctx.sql, id);
      if (!revoked) throw new HttpProblem('not-found', `No API key with id ${id}.`);
      res.json(revoked);
    },
  }),
];
