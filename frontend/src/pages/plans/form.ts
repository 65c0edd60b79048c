import type { ObjectKind, PlanInput, PlanKind } from '../../gql/graphql';
import { bpToPercent, percentToBp } from '../../lib/ratio';

export const STRATA_LABELS = ['A', 'B', 'C', 'D'] as const;
export type StratumMode = 'ratio' | 'count' | 'none';

export interface StratumValues {
  mode: StratumMode;
  /** percent when mode is ratio, objects when count */
  value?: number | null;
}

export interface DepartmentValues {
  departmentId?: string;
  perTeam?: number | null;
  itemIds?: string[];
}

/** The wizard's form values. Dates are "YYYY-MM-DD" strings. */
export interface PlanFormValues {
  kind: PlanKind;
  name: string;
  year: number;
  initiatorId?: string;
  windowStart?: string;
  windowEnd?: string;
  notes?: string;
  departments: DepartmentValues[];
  kinds?: ObjectKind[];
  tagIds?: string[];
  regionCodes?: string[];
  industryCodes?: string[];
  supervisingDepartmentIds?: string[];
  activeOnly: boolean;
  strata: Record<(typeof STRATA_LABELS)[number], StratumValues>;
  cap?: number | null;
  avoidRecentMonths?: number | null;
  avoidOwnRegion: boolean;
  includeDrawnThisYear: boolean;
  includeDrawnReason?: string;
  publishPopulation: boolean;
}

export function emptyPlanValues(year: number): PlanFormValues {
  return {
    kind: 'SPECIAL',
    name: '',
    year,
    departments: [{ itemIds: [] }],
    kinds: ['ENTERPRISE', 'INDIVIDUAL_BUSINESS'],
    activeOnly: true,
    strata: { A: { mode: 'ratio', value: 1 }, B: { mode: 'ratio', value: 2 }, C: { mode: 'ratio', value: 3 }, D: { mode: 'count', value: 10 } },
    avoidRecentMonths: 0,
    avoidOwnRegion: false,
    includeDrawnThisYear: false,
    publishPopulation: false,
  };
}

const trimList = (xs: readonly string[] | undefined) => (xs ?? []).map((x) => x.trim()).filter(Boolean);

/** The API input of the wizard's values. */
export function toPlanInput(v: PlanFormValues): PlanInput {
  return {
    kind: v.kind,
    name: v.name.trim(),
    year: v.year,
    ...(v.initiatorId ? { initiatorId: v.initiatorId } : {}),
    windowStart: v.windowStart ?? '',
    windowEnd: v.windowEnd ?? '',
    notes: v.notes?.trim() ?? '',
    departments: v.departments
      .filter((d) => d.departmentId)
      .map((d) => ({ departmentId: d.departmentId!, perTeam: d.perTeam ?? null, itemIds: d.itemIds ?? [] })),
    scope: {
      kinds: v.kinds ?? [],
      tagIds: v.tagIds ?? [],
      regionCodes: trimList(v.regionCodes),
      industryCodes: trimList(v.industryCodes),
      supervisingDepartmentIds: v.supervisingDepartmentIds ?? [],
      activeOnly: v.activeOnly,
    },
    strata: STRATA_LABELS.flatMap((label) => {
      const s = v.strata[label];
      if (!s || s.mode === 'none' || s.value === null || s.value === undefined) return [];
      return [s.mode === 'ratio' ? { label, ratioBp: percentToBp(s.value) } : { label, count: Math.round(s.value) }];
    }),
    cap: v.cap ?? null,
    avoidRecentMonths: v.avoidRecentMonths ?? 0,
    avoidOwnRegion: v.avoidOwnRegion,
    includeDrawnThisYear: v.includeDrawnThisYear,
    includeDrawnReason: v.includeDrawnThisYear ? (v.includeDrawnReason?.trim() ?? '') : '',
    publishPopulation: v.publishPopulation,
  };
}

/** The plan as it stands, as wizard values (for editing a DRAFT or RETURNED plan). */
export interface PlanLike {
  kind: PlanKind;
  name: string;
  year: number;
  initiator: { id: string };
  windowStart: string;
  windowEnd: string;
  notes: string;
  departments: readonly { department: { id: string }; perTeam?: number | null; items: readonly { id: string }[] }[];
  scope: {
    kinds: readonly ObjectKind[];
    tags: readonly { id: string }[];
    regionCodes: readonly string[];
    industryCodes: readonly string[];
    supervisingDepartments: readonly { id: string }[];
    activeOnly: boolean;
  };
  strata: readonly { label: string; ratioBp?: number | null; count?: number | null }[];
  cap?: number | null;
  avoidRecentMonths: number;
  avoidOwnRegion: boolean;
  includeDrawnThisYear: boolean;
  includeDrawnReason: string;
  publishPopulation: boolean;
}

export function fromPlan(p: PlanLike): PlanFormValues {
  const strata = {} as PlanFormValues['strata'];
  for (const label of STRATA_LABELS) {
    const s = p.strata.find((x) => x.label === label);
    strata[label] =
      s?.ratioBp !== null && s?.ratioBp !== undefined
        ? { mode: 'ratio', value: bpToPercent(s.ratioBp) }
        : s?.count !== null && s?.count !== undefined
          ? { mode: 'count', value: s.count }
          : { mode: 'none', value: null };
  }
  return {
    kind: p.kind,
    name: p.name,
    year: p.year,
    initiatorId: p.initiator.id,
    windowStart: p.windowStart,
    windowEnd: p.windowEnd,
    notes: p.notes,
    departments: p.departments.map((d) => ({ departmentId: d.department.id, perTeam: d.perTeam ?? null, itemIds: d.items.map((i) => i.id) })),
    kinds: [...p.scope.kinds],
    tagIds: p.scope.tags.map((x) => x.id),
    regionCodes: [...p.scope.regionCodes],
    industryCodes: [...p.scope.industryCodes],
    supervisingDepartmentIds: p.scope.supervisingDepartments.map((d) => d.id),
    activeOnly: p.scope.activeOnly,
    strata,
    cap: p.cap ?? null,
    avoidRecentMonths: p.avoidRecentMonths,
    avoidOwnRegion: p.avoidOwnRegion,
    includeDrawnThisYear: p.includeDrawnThisYear,
    includeDrawnReason: p.includeDrawnReason,
    publishPopulation: p.publishPopulation,
  };
}
