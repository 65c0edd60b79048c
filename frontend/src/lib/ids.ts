/**
 * The record key inside an opaque API id (base64url of "Type:key").
 *
 * Ids are opaque and the SPA never builds one. The one exception is history:
 * RecordVersion.changes lists linked tags and departments by their record
 * keys (tagIds, supervisingDepartmentIds, departmentId), so to show names the
 * history view matches those keys against the ids of tags and departments it
 * already has. Anything that does not decode is left as it is.
 */
export function recordKey(id: string): string {
  try {
    const b64 = id.replace(/-/g, '+').replace(/_/g, '/');
    const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const i = raw.indexOf(':');
    return i > 0 ? raw.slice(i + 1) : id;
  } catch {
    return id;
  }
}
