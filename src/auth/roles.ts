// Roles and what each may do, as data: routes ask for a permission, never for a role name, so changing
// who may do what is an edit to this table alone (the README's role table is generated from it).
import { z } from 'zod';

export const ROLES = ['uploader', 'reviewer', 'reader', 'admin'] as const;
export const RoleNameSchema = z.enum(ROLES);
export type RoleName = z.infer<typeof RoleNameSchema>;

export const PERMISSIONS = {
  'documents:read': 'List documents; read their text, extraction, effective extraction and correction history.',
  'documents:write': 'Upload documents and ask for re-extraction.',
  'review:read': 'See the review queue and current claims.',
  'review:write': 'Claim fields, submit corrections and accepts, revert corrections.',
  'keys:manage': 'Create, list and revoke API keys.',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const PermissionSchema = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]);

// Plans are public administrative documents, so every role may read every document: an uploader is not
// limited to its own uploads (that would need per-document ownership, which buys nothing here).
// A reader sees results but not the work queue; a reviewer cannot upload; admin holds everything.
const MATRIX_DATA: Record<RoleName, Permission[]> = {
  reader: ['documents:read'],
  uploader: ['documents:read', 'documents:write'],
  reviewer: ['documents:read', 'review:read', 'review:write'],
  admin: Object.keys(PERMISSIONS) as Permission[],
};

const validated = z.record(RoleNameSchema, z.array(PermissionSchema)).parse(MATRIX_DATA);
export const ROLE_PERMISSIONS: Readonly<Record<RoleName, ReadonlySet<Permission>>> = Object.freeze({
  reader: new Set(validated.reader),
  uploader: new Set(validated.uploader),
  reviewer: new Set(validated.reviewer),
  admin: new Set(validated.admin),
});

export function can(role: RoleName, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** Markdown table of the matrix, for the README and the report. */
export function roleMatrixMarkdown(): string {
  const perms = Object.keys(PERMISSIONS) as Permission[];
  const head = `| permission | ${ROLES.join(' | ')} | meaning |\n| --- | ${ROLES.map(() => '---').join(' | ')} | --- |`;
  const rows = perms.map(
    (p) => `| \`${p}\` | ${ROLES.map((r) => (can(r, p) ? '✓' : '')).join(' | ')} | ${PERMISSIONS[p]} |`,
  );
  return [head, ...rows].join('\n');
}
