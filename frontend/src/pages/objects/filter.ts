import type { ObjectFilter, ObjectKind, RiskClass } from '../../gql/graphql';

/** A name fragment shorter than this matches too much: the API wants two characters or more. */
export const MIN_SEARCH_LENGTH = 2;

export type TagMode = 'any' | 'all';
export type ActiveFilter = 'all' | 'active' | 'inactive';

/** What the filter bar of the object library holds. */
export interface ObjectFilterValues {
  search?: string;
  kinds?: ObjectKind[];
  riskClasses?: RiskClass[];
  tagIds?: string[];
  tagMode?: TagMode;
  regionCode?: string;
  industryCode?: string;
  supervisingDepartmentId?: string | null;
  active?: ActiveFilter;
}

/** A search the API would answer with too much: one character of a name. */
export function searchTooShort(search: string | undefined): boolean {
  const s = (search ?? '').trim();
  return s.length > 0 && s.length < MIN_SEARCH_LENGTH;
}

/** The filter bar as the API's ObjectFilter; blanks (and a too-short search) are left out. */
export function toObjectFilter(v: ObjectFilterValues): ObjectFilter {
  const f: ObjectFilter = {};
  const search = (v.search ?? '').trim();
  if (search.length >= MIN_SEARCH_LENGTH) {
    // the start of a 统一社会信用代码 is matched in upper case
    f.search = /^[0-9A-Za-z]+$/.test(search) ? search.toUpperCase() : search;
  }
  if (v.kinds?.length) f.kinds = [...v.kinds];
  if (v.riskClasses?.length) f.riskClasses = [...v.riskClasses];
  if (v.tagIds?.length) {
    if (v.tagMode === 'all') f.tagsAll = [...v.tagIds];
    else f.tagsAny = [...v.tagIds];
  }
  const region = (v.regionCode ?? '').replace(/\s+/g, '');
  if (region) f.regionCode = region;
  const industry = (v.industryCode ?? '').replace(/\s+/g, '').toUpperCase();
  if (industry) f.industryCode = industry;
  if (v.supervisingDepartmentId) f.supervisingDepartmentId = v.supervisingDepartmentId;
  if (v.active === 'active') f.active = true;
  if (v.active === 'inactive') f.active = false;
  return f;
}

/** How many of the filters behind 更多筛选 are set. */
export function advancedFilterCount(v: ObjectFilterValues): number {
  return [v.tagIds?.length, v.regionCode?.trim(), v.industryCode?.trim(), v.active && v.active !== 'all'].filter(Boolean).length;
}
