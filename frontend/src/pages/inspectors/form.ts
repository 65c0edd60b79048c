import type { InspectorDetail_InspectorFragment, InspectorInput, InspectorKind, InspectorStatus } from '../../gql/graphql';

export type InspectorRecord = InspectorDetail_InspectorFragment;

export interface InspectorFormValues {
  uid?: string;
  name: string;
  departmentId: string;
  kind: InspectorKind;
  organisation?: string;
  certificateNumber?: string;
  /** YYYY-MM-DD */
  certificateExpiresOn?: string | null;
  qualificationIds?: string[];
  expertiseIds?: string[];
  regionCode?: string;
  phone?: string;
  status: InspectorStatus;
  statusSince?: string | null;
}

const trim = (s: string | null | undefined) => (s ?? '').trim();

/** The form as the API's InspectorInput: the whole new state of the record (uid on create only). */
export function toInspectorInput(v: InspectorFormValues, creating: boolean): InspectorInput {
  const input: InspectorInput = {
    name: trim(v.name),
    departmentId: v.departmentId,
    kind: v.kind,
    organisation: trim(v.organisation),
    certificateNumber: trim(v.certificateNumber),
    certificateExpiresOn: v.certificateExpiresOn || null,
    qualificationIds: v.qualificationIds ?? [],
    expertiseIds: v.expertiseIds ?? [],
    regionCode: trim(v.regionCode),
    phone: trim(v.phone),
    status: v.status,
    statusSince: v.statusSince || null,
  };
  if (creating) input.uid = trim(v.uid).toUpperCase();
  return input;
}

/** Who may manage an inspector (edit, conflicts): ADMIN any, a DEPT_ADMIN its own department's. */
export function canManageInspector(role: string | undefined, ownDepartmentId: string | undefined, inspectorDepartmentId: string): boolean {
  if (role === 'ADMIN') return true;
  return role === 'DEPT_ADMIN' && !!ownDepartmentId && ownDepartmentId === inspectorDepartmentId;
}

export const INSPECTOR_UID = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;
