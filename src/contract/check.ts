// A cheap check that a value already IS what a zod schema would return for it, compiled once from the schema's
// definition: right types, every check passed, and objects with no key the schema does not declare, in the
// schema's key order — so that parsing would give back an equal value, same keys in the same order. The pipeline
// assembles its result in the contract's shape, so the check passes and the result is used as it is, where
// safeParse would copy the whole extraction. Anything the check does not prove — a kind of schema or check it does
// not know, a wrong type, an unknown or reordered key, an undefined member — falls back to zod itself, which then
// decides and builds the value (or the error) as before. The check only ever says "yes, unchanged" or "ask zod".
//
// One thing it does change: an object or array found a second time (extractors hand the same span to two fields)
// is replaced there by a copy, as zod's copy would have parted them, so that an in-place edit of one later (a
// reviewer's patch) never changes the other. The JSON stays the same.
import type { z } from 'zod';

type Check = (value: unknown, seen: Set<object>) => boolean;

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: unknown;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, unknown>;
  values?: unknown[];
  getter?: () => z.ZodType;
  checks?: { _zod: { def: CheckDef } }[];
  // Formats (z.int(), z.iso.date()) are checks on themselves.
  check?: string;
  format?: string;
  pattern?: RegExp;
}

interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  value?: unknown;
  inclusive?: boolean;
  when?: unknown;
}

const NEVER: Check = () => false;

/**
 * The value needs no change to satisfy `schema`: parsing it would give back an equal value (false: not proven,
 * ask zod). Objects or arrays met twice are parted on the way (see above).
 */
export function compileValueCheck(schema: z.ZodType): (value: unknown) => boolean {
  const check = compileCheck(schema);
  return (value) => check(value, new Set());
}
const compiled = new WeakMap<object, Check>();

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function compileCheck(schema: z.ZodType): Check {
  const known = compiled.get(schema);
  if (known) return known;
  // Recursive schemas (z.lazy) reach themselves: late-bound, so the cycle closes once compiled.
  let impl: Check = NEVER;
  const late: Check = (v, seen) => impl(v, seen);
  compiled.set(schema, late);
  impl = build(defOf(schema));
  return impl;
}

function isRegexOk(re: RegExp | undefined): re is RegExp {
  return re instanceof RegExp && !re.global && !re.sticky;
}

/** Checks of a string: regex formats only (z.string().regex(), z.iso.date()). */
function stringCheck(def: Def): Check {
  const patterns: RegExp[] = [];
  if (def.check !== undefined) {
    if (def.check !== 'string_format' || (def.format !== 'date' && def.format !== 'regex')) return NEVER;
    if (!isRegexOk(def.pattern)) return NEVER;
    patterns.push(def.pattern);
  }
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.when !== undefined || d.check !== 'string_format' || (d.format !== 'regex' && d.format !== 'date'))
      return NEVER;
    if (!isRegexOk(d.pattern)) return NEVER;
    patterns.push(d.pattern);
  }
  if (patterns.length === 0) return (v) => typeof v === 'string';
  // Flags and codes are a few dozen strings repeated all over a result: remember the ones that passed.
  const passed = new Set<string>();
  return (v) => {
    if (typeof v !== 'string') return false;
    if (passed.has(v)) return true;
    if (!patterns.every((p) => p.test(v))) return false;
    if (passed.size < 10_000 && v.length <= 64) passed.add(v);
    return true;
  };
}

/** Checks of a number: bounds and the safe-integer format (z.int()). */
function numberCheck(def: Def): Check {
  let int = false;
  const bounds: ((n: number) => boolean)[] = [];
  const addCheck = (d: CheckDef): boolean => {
    if (d.when !== undefined) return false;
    if (d.check === 'number_format' && d.format === 'safeint') int = true;
    else if ((d.check === 'greater_than' || d.check === 'less_than') && typeof d.value === 'number') {
      const limit = d.value;
      const inclusive = d.inclusive === true;
      if (d.check === 'greater_than') bounds.push(inclusive ? (n) => n >= limit : (n) => n > limit);
      else bounds.push(inclusive ? (n) => n <= limit : (n) => n < limit);
    } else return false;
    return true;
  };
  if (def.check !== undefined && !addCheck(def as CheckDef)) return NEVER;
  for (const c of def.checks ?? []) if (!addCheck(c._zod.def)) return NEVER;
  return (v) =>
    typeof v === 'number' && Number.isFinite(v) && (!int || Number.isSafeInteger(v)) && bounds.every((b) => b(v));
}

/** Primitive options only: zod returns a primitive as it is, whichever option accepts it. */
const PRIMITIVE = new Set(['string', 'number', 'boolean', 'enum', 'literal', 'null']);

function build(def: Def): Check {
  const noChecks = (def.checks?.length ?? 0) === 0;
  switch (def.type) {
    case 'string':
      return stringCheck(def);
    case 'number':
      return numberCheck(def);
    case 'boolean':
      return noChecks ? (v) => typeof v === 'boolean' : NEVER;
    case 'null':
      return noChecks ? (v) => v === null : NEVER;
    case 'enum': {
      if (!noChecks || !def.entries) return NEVER;
      const allowed = new Set(Object.values(def.entries));
      return (v) => (typeof v === 'string' || typeof v === 'number') && allowed.has(v);
    }
    case 'literal': {
      if (!noChecks || !def.values) return NEVER;
      const allowed = new Set(def.values);
      return (v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && allowed.has(v);
    }
    case 'nullable': {
      if (!noChecks || !def.innerType) return NEVER;
      const inner = compileCheck(def.innerType);
      return (v, seen) => v === null || inner(v, seen);
    }
    case 'optional': {
      // Presence is the object's business: a member that is there must satisfy the inner schema.
      if (!noChecks || !def.innerType) return NEVER;
      return compileCheck(def.innerType);
    }
    case 'lazy': {
      if (!noChecks || !def.getter) return NEVER;
      const getter = def.getter;
      let inner: Check | null = null;
      return (v, seen) => {
        inner ??= compileCheck(getter());
        return inner(v, seen);
      };
    }
    case 'union': {
      const options = def.options;
      if (!noChecks || !options?.every((o) => PRIMITIVE.has(unwrapNullable(defOf(o)).type))) return NEVER;
      const checks = options.map(compileCheck);
      return (v, seen) => checks.some((o) => o(v, seen));
    }
    case 'array': {
      if (!noChecks || !def.element) return NEVER;
      const element = compileCheck(def.element);
      return (v, seen) => {
        if (!Array.isArray(v) || seen.has(v)) return false;
        seen.add(v);
        for (let i = 0; i < v.length; i++) {
          if (!(i in v)) return false;
          let item: unknown = v[i];
          if (typeof item === 'object' && item !== null && seen.has(item)) {
            item = copyPlain(item, 0);
            if (item === NOT_PLAIN) return false;
            v[i] = item;
          }
          if (!element(item, seen)) return false;
        }
        return true;
      };
    }
    case 'object':
      return noChecks && def.shape && def.catchall === undefined ? objectCheck(def.shape) : NEVER;
    default:
      return NEVER;
  }
}

function unwrapNullable(def: Def): Def {
  return def.type === 'nullable' && def.innerType ? defOf(def.innerType) : def;
}

function objectCheck(shape: Record<string, z.ZodType>): Check {
  const keys = Object.keys(shape);
  if (Object.getOwnPropertySymbols(shape).length > 0 || keys.includes('__proto__')) return NEVER;
  const position = new Map(keys.map((k, i) => [k, i]));
  const optional = keys.map((k) => defOf(shape[k]!).type === 'optional');
  let members: Check[] | null = null;
  return (v, seen) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || seen.has(v)) return false;
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    seen.add(v);
    members ??= keys.map((k) => compileCheck(shape[k]!));
    const obj = v as Record<string, unknown>;
    // Own enumerable keys (those JSON writes, in its order), each declared, in declaration order; absent ones
    // optional. Usually every declared key is there: then the two lists match one for one.
    const own = Object.keys(obj);
    let next = 0;
    for (let i = 0; i < own.length; i++) {
      const k = own[i]!;
      let at: number | undefined = next;
      if (keys[next] !== k) {
        at = position.get(k);
        if (at === undefined || at < next) return false;
        for (; next < at; next++) if (!optional[next]) return false;
      }
      let value = obj[k];
      if (typeof value === 'object' && value !== null && seen.has(value)) {
        value = copyPlain(value, 0);
        if (value === NOT_PLAIN) return false;
        obj[k] = value;
      }
      if (value === undefined || !members[at]!(value, seen)) return false;
      next = at + 1;
    }
    for (; next < keys.length; next++) if (!optional[next]) return false;
    return true;
  };
}

const NOT_PLAIN = Symbol('not plain data');
const MAX_COPY_DEPTH = 64;

/** A deep copy of plain JSON-like data (arrays, plain objects, primitives); NOT_PLAIN for anything else or cycles. */
function copyPlain(v: unknown, depth: number): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (depth > MAX_COPY_DEPTH) return NOT_PLAIN;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const c = copyPlain(x, depth + 1);
      if (c === NOT_PLAIN) return NOT_PLAIN;
      out.push(c);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const c = copyPlain((v as Record<string, unknown>)[k], depth + 1);
    if (c === NOT_PLAIN) return NOT_PLAIN;
    out[k] = c;
  }
  return out;
}
