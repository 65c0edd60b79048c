import type { InspectorFilter, InspectorKind, InspectorStatus } from '../../gql/graphql';

/** What the filter bar of the inspector library holds. */
export interface InspectorFilterValues {
  departmentId?: string | null;
  kinds?: InspectorKind[];
  statuses?: InspectorStatus[];
  qualificationIds?: string[];
  search?: string;
}

/** The filter bar as the API's InspectorFilter; blanks are left out. */
export function toInspectorFilter(v: InspectorFilterValues): InspectorFilter {
  const f: InspectorFilter = {};
  if (v.departmentId) f.departmentId = v.departmentId;
  if (v.kinds?.length) f.kinds = [...v.kinds];
  if (v.statuses?.length) f.statuses = [...v.statuses];
  if (v.qualificationIds?.length) f.qualificationIds = [...v.qualificationIds];
  const search = (v.search ?? '').trim();
  if (search) f.search = search;
  return f;
}
