import type { InspectionMethod, ItemCategory, ItemFilter, ItemStatus, ObjectKind } from '../../gql/graphql';

/** What the filter bar of an item list holds. */
export interface ItemFilterValues {
  departmentId?: string | null;
  category?: ItemCategory | null;
  method?: InspectionMethod | null;
  objectKind?: ObjectKind | null;
  statuses?: ItemStatus[] | null;
  search?: string | null;
}

/** The filter bar as the API's ItemFilter; blanks are left out. */
export function toItemFilter(v: ItemFilterValues): ItemFilter {
  const f: ItemFilter = {};
  if (v.departmentId) f.departmentId = v.departmentId;
  if (v.category) f.category = v.category;
  if (v.method) f.method = v.method;
  if (v.objectKind) f.objectKind = v.objectKind;
  if (v.statuses && v.statuses.length > 0) f.statuses = [...v.statuses];
  const search = v.search?.trim();
  if (search) f.search = search;
  return f;
}
