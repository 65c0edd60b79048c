import type { TFunction } from 'i18next';
import { enumLabel, type EnumType } from './enums';

// A record's history (RecordVersion.changes) is compact JSON of the fields
// that changed: {"before":{…},"after":{…}}, with before null on creation.
// These helpers turn it into field-by-field rows a person can read.

export type HistoryEntity = 'object' | 'inspector';

export interface FieldDiff {
  field: string;
  before: unknown;
  after: unknown;
}

export interface VersionChanges {
  /** The first version: every field is new. */
  created: boolean;
  fields: FieldDiff[];
  /** The JSON did not parse: shown as it is. */
  raw?: string;
}

/** The order fields are listed in; unknown fields follow alphabetically. */
const FIELD_ORDER = [
  'uid',
  'kind',
  'name',
  'legalRepresentative',
  'departmentId',
  'organisation',
  'address',
  'regionCode',
  'industryCode',
  'registrationStatus',
  'riskClass',
  'riskSource',
  'tagIds',
  'supervisingDepartmentIds',
  'certificateNumber',
  'certificateExpiresOn',
  'contactName',
  'contactPhone',
  'phone',
  'status',
  'statusSince',
  'userId',
  'active',
];

/** Personal data: shown only to the roles that see it in the record itself. */
export const PERSONAL_FIELDS = new Set(['contactName', 'contactPhone', 'phone', 'certificateNumber']);

function asObject(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return JSON.stringify([...v].map((x) => JSON.stringify(x)).sort());
  return JSON.stringify(v ?? null);
}

function rank(field: string): number {
  const i = FIELD_ORDER.indexOf(field);
  return i < 0 ? FIELD_ORDER.length : i;
}

/** The changed fields of one version, in a stable order. */
export function parseChanges(json: string): VersionChanges {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { created: false, fields: [], raw: json };
  }
  const root = asObject(parsed);
  if (!root || !('before' in root || 'after' in root)) return { created: false, fields: [], raw: json };
  const before = asObject(root.before);
  const after = asObject(root.after);
  const created = !before && !!after;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const fields: FieldDiff[] = [];
  for (const field of keys) {
    const b = before?.[field];
    const a = after?.[field];
    if (created || !after) {
      // a creation (or a removal) lists what the record held, skipping blanks
      if (isEmptyValue(created ? a : b)) continue;
    } else if (canonical(b) === canonical(a)) {
      continue;
    }
    fields.push({ field, before: b, after: a });
  }
  fields.sort((x, y) => rank(x.field) - rank(y.field) || x.field.localeCompare(y.field));
  return { created, fields };
}

export interface HistoryContext {
  t: TFunction;
  entity: HistoryEntity;
  /** Names of tags and departments by record key. */
  names: ReadonlyMap<string, string>;
  /** Hide personal fields (the caller sees them masked in the record). */
  hidePersonal: boolean;
}

const ENUM_FIELDS: Record<HistoryEntity, Record<string, EnumType>> = {
  object: { kind: 'ObjectKind', riskClass: 'RiskClass' },
  inspector: { kind: 'InspectorKind', status: 'InspectorStatus' },
};

const ID_FIELDS = new Set(['tagIds', 'supervisingDepartmentIds', 'departmentId']);

/** The label of a field, e.g. 名称. */
export function fieldLabel(t: TFunction, entity: HistoryEntity, field: string): string {
  const general = t(`history.fields.${field}`, { defaultValue: field });
  return entity === 'inspector' ? t(`history.inspectorFields.${field}`, { defaultValue: general }) : general;
}

/** A value as text: enum labels, names for ids, 是/否; '' for nothing. */
export function formatValue(field: string, value: unknown, ctx: HistoryContext): string {
  if (isEmptyValue(value)) return '';
  if (ctx.hidePersonal && PERSONAL_FIELDS.has(field)) return ctx.t('history.hidden');
  const enumType = ENUM_FIELDS[ctx.entity][field];
  if (enumType && typeof value === 'string') return enumLabel(ctx.t, enumType, value);
  if (typeof value === 'boolean') {
    if (field === 'active') return value ? ctx.t('history.activeYes') : ctx.t('history.activeNo');
    return value ? ctx.t('history.yes') : ctx.t('history.no');
  }
  if (ID_FIELDS.has(field)) {
    const ids = Array.isArray(value) ? value : [value];
    return ids.map((id) => ctx.names.get(String(id)) ?? String(id)).join('、');
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export interface DiffRow {
  field: string;
  label: string;
  before: string;
  after: string;
  /** For lists of ids: what was added and removed. */
  added?: string[];
  removed?: string[];
}

/** A version's changes as rows of label, before and after. */
export function diffRows(changes: VersionChanges, ctx: HistoryContext): DiffRow[] {
  return changes.fields.map(({ field, before, after }) => {
    const row: DiffRow = {
      field,
      label: fieldLabel(ctx.t, ctx.entity, field),
      before: formatValue(field, before, ctx),
      after: formatValue(field, after, ctx),
    };
    if (!changes.created && Array.isArray(before) && Array.isArray(after) && ID_FIELDS.has(field)) {
      const b = new Set(before.map(String));
      const a = new Set(after.map(String));
      const name = (id: string) => ctx.names.get(id) ?? id;
      row.added = [...a].filter((id) => !b.has(id)).map(name);
      row.removed = [...b].filter((id) => !a.has(id)).map(name);
    }
    return row;
  });
}
