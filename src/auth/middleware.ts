// Express guards: 401 when no valid key is presented, 403 when the key's role lacks the permission.
// The authenticated key lands on req.auth so handlers can record who did what.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Sql } from '../db/types.js';
import { type AuthContext, authenticate } from './keys.js';
import { sendProblem } from './problem.js';
import { can, type Permission, type RoleName } from './roles.js';

declare global {
  namespace Express {
    interface Request {
      /** Set by requireRole / requirePermission once the API key is verified. */
      auth?: AuthContext;
    }
  }
}

const REASONS = {
  missing: 'Send an API key as "Authorization: Bearer <key>" or "X-API-Key: <key>".',
  malformed: 'The API key is not in the expected format.',
  unknown: 'The API key is not known.',
  revoked: 'The API key has been revoked.',
} as const;

function guard(sql: Sql, allowed: (role: RoleName) => boolean, need: string): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const result = await authenticate(sql, req.headers);
      if (!result.ok) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="kehoach"');
        sendProblem(res, 'unauthenticated', REASONS[result.reason]);
        return;
      }
      req.auth = result.auth;
      if (!allowed(result.auth.role)) {
        sendProblem(res, 'forbidden', `A ${result.auth.role} key cannot do this; it needs ${need}.`);
        return;
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Allows the listed roles; admin is always allowed. */
export function requireRole(sql: Sql, ...roles: RoleName[]): RequestHandler {
  return guard(sql, (role) => role === 'admin' || roles.includes(role), `role ${roles.join(' or ')}`);
}

/** Allows every role the role matrix grants `permission`. Prefer this in routes. */
export function requirePermission(sql: Sql, permission: Permission): RequestHandler {
  return guard(sql, (role) => can(role, permission), `permission ${permission}`);
}
