// The one auth wiring: every route of the table declares a permission; this turns it into a guard. 401 when no
// valid key is presented, 403 when the key's role lacks the permission. The authenticated key lands on req.auth
// so handlers can record who did what. With auth off (trusted networks, tests) every request acts as the
// built-in anonymous admin.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ANONYMOUS, type AuthContext, authenticate } from '../auth/keys.js';
import { can, type Permission } from '../auth/roles.js';
import type { Sql } from '../db/types.js';
import { HttpProblem } from './problem.js';

declare global {
  namespace Express {
    interface Request {
      /** Set by the permission guard once the API key is verified. */
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

export type Authorizer = (permission: Permission) => RequestHandler;

export function keyAuthorizer(sql: Sql): Authorizer {
  return (permission) => async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const result = await authenticate(sql, req.headers);
      if (!result.ok) {
        throw new HttpProblem(
          'unauthenticated',
          REASONS[result.reason],
          {},
          {
            'WWW-Authenticate': 'Bearer realm="kehoach"',
          },
        );
      }
      req.auth = result.auth;
      if (!can(result.auth.role, permission)) {
        throw new HttpProblem(
          'forbidden',
          `A ${result.auth.role} key cannot do this; it needs permission ${permission}.`,
        );
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

export const openAuthorizer: Authorizer = () => (req, _res, next) => {
  req.auth = ANONYMOUS;
  next();
};

/** The caller; the guard has run on every route that declares a permission. */
export function caller(req: Request): AuthContext {
  return req.auth ?? ANONYMOUS;
}
