import type { ImportKind } from '../../gql/graphql';

/** The server takes files up to this size (service.MaxImportBytes). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export type FileProblem = 'type' | 'tooLarge' | 'empty';

/** What is wrong with a chosen file before it is sent, or null. */
export function checkImportFile(f: { name: string; size: number }): FileProblem | null {
  if (!/\.(csv|xlsx)$/i.test(f.name)) return 'type';
  if (f.size > MAX_IMPORT_BYTES) return 'tooLarge';
  if (f.size === 0) return 'empty';
  return null;
}

/** The template the server serves without sign-in: /import/template/objects.xlsx. */
export function templateUrl(kind: ImportKind, ext: 'csv' | 'xlsx'): string {
  return `/import/template/${kind.toLowerCase()}.${ext}`;
}
