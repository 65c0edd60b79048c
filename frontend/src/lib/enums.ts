import type { TFunction } from 'i18next';
import type {
  ExportFormat,
  ImportKind,
  ImportStatus,
  InspectionMethod,
  InspectorKind,
  InspectorStatus,
  ItemCategory,
  ItemStatus,
  ObjectKind,
  PlanKind,
  PlanStatus,
  RiskClass,
} from '../gql/graphql';

// The API's value lists, in the order the UI offers them. Labels live in
// i18n under enums.<Type>.<VALUE>.

export const OBJECT_KINDS: readonly ObjectKind[] = ['ENTERPRISE', 'INDIVIDUAL_BUSINESS', 'PRODUCT', 'PROJECT', 'BEHAVIOUR', 'OTHER'];
export const RISK_CLASSES: readonly RiskClass[] = ['A', 'B', 'C', 'D'];
export const INSPECTION_METHODS: readonly InspectionMethod[] = ['ONSITE', 'DOCUMENT', 'ONLINE', 'LAB', 'OTHER'];
export const ITEM_CATEGORIES: readonly ItemCategory[] = ['KEY', 'GENERAL'];
export const ITEM_STATUSES: readonly ItemStatus[] = ['ACTIVE', 'SUSPENDED', 'RETIRED'];
export const INSPECTOR_KINDS: readonly InspectorKind[] = ['LAW_ENFORCEMENT', 'STAFF', 'EXPERT'];
export const INSPECTOR_STATUSES: readonly InspectorStatus[] = ['ACTIVE', 'ON_LEAVE', 'TRANSFERRED', 'RETIRED'];
export const IMPORT_KINDS: readonly ImportKind[] = ['OBJECTS', 'INSPECTORS', 'ITEMS'];
export const IMPORT_STATUSES: readonly ImportStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'];
export const EXPORT_FORMATS: readonly ExportFormat[] = ['XLSX', 'CSV'];

export const PLAN_STATUSES: readonly PlanStatus[] = [
  'DRAFT',
  'SUBMITTED',
  'RETURNED',
  'APPROVED',
  'PUBLISHED',
  'FROZEN',
  'DRAWN',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
];
export const PLAN_KINDS: readonly PlanKind[] = ['ANNUAL', 'SPECIAL'];

export const ENUMS = {
  ObjectKind: OBJECT_KINDS,
  RiskClass: RISK_CLASSES,
  InspectionMethod: INSPECTION_METHODS,
  ItemCategory: ITEM_CATEGORIES,
  ItemStatus: ITEM_STATUSES,
  InspectorKind: INSPECTOR_KINDS,
  InspectorStatus: INSPECTOR_STATUSES,
  ImportKind: IMPORT_KINDS,
  ImportStatus: IMPORT_STATUSES,
  PlanStatus: PLAN_STATUSES,
  PlanKind: PLAN_KINDS,
} as const;

export type EnumType = keyof typeof ENUMS;

/** The label of one value, e.g. enumLabel(t, 'ObjectKind', 'ENTERPRISE') → 企业. */
export function enumLabel(t: TFunction, type: EnumType, value: string | null | undefined): string {
  if (!value) return '';
  return t(`enums.${type}.${value}`, { defaultValue: value });
}

/** Select options of an enum. */
export function enumOptions<T extends string>(t: TFunction, type: EnumType, values: readonly T[]) {
  return values.map((v) => ({ value: v, label: enumLabel(t, type, v) }));
}

export const RISK_COLORS: Record<RiskClass, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
export const CATEGORY_COLORS: Record<ItemCategory, string> = { KEY: 'volcano', GENERAL: 'geekblue' };
export const ITEM_STATUS_COLORS: Record<ItemStatus, string> = { ACTIVE: 'success', SUSPENDED: 'warning', RETIRED: 'default' };
export const INSPECTOR_STATUS_COLORS: Record<InspectorStatus, string> = {
  ACTIVE: 'success',
  ON_LEAVE: 'warning',
  TRANSFERRED: 'default',
  RETIRED: 'default',
};
export const IMPORT_STATUS_COLORS: Record<ImportStatus, string> = {
  QUEUED: 'default',
  RUNNING: 'processing',
  SUCCEEDED: 'success',
  FAILED: 'error',
};
