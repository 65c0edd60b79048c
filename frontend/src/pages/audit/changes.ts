/** One field of an audit entry's change. */
export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
}

function parse(json: string | null | undefined): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { value: json };
  }
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The fields that differ between before and after, in a stable order. */
export function diffChanges(before: string | null | undefined, after: string | null | undefined): FieldChange[] {
  const b = parse(before);
  const a = parse(after);
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const out: FieldChange[] = [];
  for (const k of keys) {
    const inB = !!b && k in b;
    const inA = !!a && k in a;
    const vb = inB ? show(b[k]) : undefined;
    const va = inA ? show(a[k]) : undefined;
    if (inB && inA && vb === va) continue;
    out.push({ field: k, before: vb, after: va });
  }
  return out;
}

/** Pretty-printed JSON, or the text itself when it is not JSON. */
export function prettyJSON(json: string | null | undefined): string {
  if (!json) return '';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

export function truncate(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Fields that say best what a record is, shown first in a summary. */
const FIRST = ['code', 'name', 'username', 'displayName', 'role', 'active', 'disabled'];

/**
 * The changes worth a table cell: identifying fields first, without ids and
 * without fields that were empty on both sides (as most are on a create).
 */
export function summarize(changes: FieldChange[]): FieldChange[] {
  const empty = (v: string | undefined) => v === undefined || v === '' || v === 'null' || v === '""';
  const rank = (f: string) => {
    const i = FIRST.indexOf(f);
    return i < 0 ? FIRST.length : i;
  };
  return changes
    .filter((c) => c.field !== 'id' && !(empty(c.before) && empty(c.after)))
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c.field) - rank(b.c.field) || a.i - b.i)
    .map(({ c }) => c);
}
