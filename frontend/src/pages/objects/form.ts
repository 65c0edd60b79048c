import type { ObjectDetail_ObjectFragment, ObjectInput, ObjectKind, RiskClass } from '../../gql/graphql';

export interface ObjectFormValues {
  uid?: string;
  kind: ObjectKind;
  name: string;
  legalRepresentative?: string;
  address?: string;
  regionCode?: string;
  industryCode?: string;
  registrationStatus?: string;
  riskClass?: RiskClass | null;
  riskSource?: string;
  tagIds?: string[];
  supervisingDepartmentIds?: string[];
  contactName?: string;
  contactPhone?: string;
  active: boolean;
}

export type ObjectRecord = ObjectDetail_ObjectFragment;

const trim = (s: string | null | undefined) => (s ?? '').trim();

const TEXT_FIELDS = [
  'legalRepresentative',
  'address',
  'regionCode',
  'industryCode',
  'registrationStatus',
  'contactName',
  'contactPhone',
] as const;

function normalized(field: (typeof TEXT_FIELDS)[number], v: string | null | undefined): string {
  const s = trim(v);
  return field === 'industryCode' ? s.toUpperCase() : s;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

/** The form's values for a new object. */
export function toCreateObjectInput(v: ObjectFormValues): ObjectInput {
  const input: ObjectInput = { uid: trim(v.uid).replace(/\s+/g, '').toUpperCase(), kind: v.kind, name: trim(v.name), active: v.active };
  for (const f of TEXT_FIELDS) {
    const s = normalized(f, v[f]);
    if (s) input[f] = s;
  }
  if (v.riskClass) {
    input.riskClass = v.riskClass;
    if (trim(v.riskSource)) input.riskSource = trim(v.riskSource);
  }
  if (v.tagIds?.length) input.tagIds = v.tagIds;
  if (v.supervisingDepartmentIds?.length) input.supervisingDepartmentIds = v.supervisingDepartmentIds;
  return input;
}

/**
 * An edit as the API's ObjectInput: kind and name (required by the API) and
 * only the fields that changed, so that nothing the form did not touch is
 * written back. null when nothing changed.
 */
export function toUpdateObjectInput(original: ObjectRecord, v: ObjectFormValues): ObjectInput | null {
  const input: ObjectInput = { kind: v.kind, name: trim(v.name) };
  let changed = v.kind !== original.kind || trim(v.name) !== original.name;
  for (const f of TEXT_FIELDS) {
    const next = normalized(f, v[f]);
    if (next !== normalized(f, original[f])) {
      input[f] = next;
      changed = true;
    }
  }
  if (v.riskClass && v.riskClass !== original.riskClass) {
    input.riskClass = v.riskClass;
    if (trim(v.riskSource)) input.riskSource = trim(v.riskSource);
    changed = true;
  }
  const tags = v.tagIds ?? [];
  if (
    !sameSet(
      tags,
      original.tags.map((t) => t.id),
    )
  ) {
    input.tagIds = tags;
    changed = true;
  }
  const depts = v.supervisingDepartmentIds ?? [];
  if (
    !sameSet(
      depts,
      original.supervisingDepartments.map((d) => d.id),
    )
  ) {
    input.supervisingDepartmentIds = depts;
    changed = true;
  }
  if (v.active !== original.active) {
    input.active = v.active;
    changed = true;
  }
  return changed ? input : null;
}

/** Market entities carry a 统一社会信用代码; other objects a library code. */
export function needsUscc(kind: ObjectKind | undefined): boolean {
  return kind === 'ENTERPRISE' || kind === 'INDIVIDUAL_BUSINESS';
}

export const LIBRARY_CODE = /^[A-Z0-9][A-Z0-9_-]{3,39}$/;
export const REGION_CODE = /^\d{6}$/;
export const INDUSTRY_CODE = /^([A-T]|[A-T]?\d{2,4})$/;
export const PHONE = /^[0-9+()\- ]{3,32}$/;
