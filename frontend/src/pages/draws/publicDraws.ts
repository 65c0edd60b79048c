/** One row of GET /public/draws. */
export interface PublicDraw {
  id: string;
  plan_uid: string;
  plan_name: string;
  drawn_at: string;
  population_size: number;
  selections_count: number;
  status: 'SUCCEEDED' | 'FAILED' | string;
}

export interface PublicDrawPage {
  draws: PublicDraw[];
  /** The URL of the next (older) page, when there is one. */
  next?: string;
}

/** Fetches a page of the public draw list (newest first). */
export async function fetchPublicDraws(url = '/public/draws', fetchFn: typeof fetch = fetch): Promise<PublicDrawPage> {
  const res = await fetchFn(url, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = (await res.json()) as PublicDrawPage;
  return { draws: body.draws ?? [], next: body.next || undefined };
}

/** The evidence document's address; id is the draw's key (not the opaque API id). */
export function evidenceUrl(drawKey: string): string {
  return `/public/draws/${encodeURIComponent(drawKey)}/evidence.json`;
}

/** The parts of a parsed evidence document the page shows. */
export interface EvidenceView {
  plan_uid: string;
  commitment: string;
  entropy_source: string;
  entropy: string;
  freeze_digest: string;
  reveal: string;
  seed: string;
  population_size: number;
  strata: { label: string; ratio_bp?: number; count?: number; size: number; sample_size: number }[];
  selections: { rank: number; uid: string; team: string[]; stratum?: string; key?: string | number }[];
  population?: unknown;
  departments?: unknown;
}

/** Reads the display parts of an evidence document (the verifier decodes it strictly on its own). */
export function parseEvidence(text: string): EvidenceView {
  const v = JSON.parse(text) as EvidenceView;
  if (!v || typeof v !== 'object' || !Array.isArray(v.selections) || !Array.isArray(v.strata)) {
    throw new Error('not an evidence document');
  }
  return v;
}

/**
 * The public page of a draw. A failed attempt has no evidence document, so
 * its page finds it among its plan's attempts: the plan's uid comes along.
 */
export function publicDrawPath(drawKey: string, planUid?: string): string {
  const path = `/open/draws/${encodeURIComponent(drawKey)}`;
  return planUid ? `${path}?plan=${encodeURIComponent(planUid)}` : path;
}

/** Why a draw failed (spec §6): the rank, the object uid and the department code. */
export interface DrawFailureView {
  rank: number;
  uid: string;
  department: string;
}

/**
 * The parameters of the draws.failure message: the department by its name,
 * with its code, when the plan's departments include it (the failure names
 * it by code only).
 */
export function failureParams(
  failure: DrawFailureView,
  departments: readonly { code: string; name: string }[] = [],
): { rank: number; uid: string; department: string } {
  const d = departments.find((x) => x.code === failure.department);
  return { rank: failure.rank, uid: failure.uid, department: d ? `${d.name}（${d.code}）` : failure.department };
}
