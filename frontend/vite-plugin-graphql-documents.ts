import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

// The client preset's graphql() looks a document up in a map of every
// document in the app (src/gql/gql.ts), so the first chunk that calls it (the
// sign-in page's) carries them all. This does at build time what the preset's
// Babel/SWC plugins do, one step further: each graphql(`query Name …`) call
// becomes the import of a small module holding only NameDocument (or
// NameFragmentDoc), copied from the generated src/gql/graphql.ts. A document
// then travels with the lazy screen that uses it; importing graphql.ts itself
// would put every document in the chunk that holds that one module. Types are
// untouched: TypeScript still sees the graphql() call.

const CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const DEFINITION = /^\s*(?:#[^\n]*\n\s*)*(query|mutation|subscription|fragment)\s+([A-Za-z_][A-Za-z0-9_]*)/;
const PREFIX = '\0suiji-gql:';

/** The generated export for a graphql() document, or null when it cannot tell. */
export function documentExport(source: string): string | null {
  const m = DEFINITION.exec(source);
  if (!m) return null;
  return m[1] === 'fragment' ? `${m[2]}FragmentDoc` : `${m[2]}Document`;
}

/** The code with graphql() calls replaced by imports of one module per document. */
export function replaceGraphQLCalls(code: string, moduleId: (name: string) => string = (n) => PREFIX + n): string | null {
  const imports = new Set<string>();
  const out = code.replace(CALL, (call, source: string) => {
    const name = documentExport(source);
    if (!name) return call;
    imports.add(name);
    return `__gql_${name}`;
  });
  if (imports.size === 0) return null;
  const lines = [...imports].map((n) => `import __gql_${n} from ${JSON.stringify(moduleId(n))};`);
  return `${lines.join('\n')}\n${out}`;
}

/** The JSON of one exported document in the generated graphql.ts, or null. */
export function generatedDocument(generated: string, name: string): string | null {
  const start = `export const ${name} = `;
  const i = generated.indexOf(`\n${start}`);
  if (i < 0) return null;
  const from = i + 1 + start.length;
  const end = generated.indexOf(' as unknown as DocumentNode<', from);
  return end < 0 ? null : generated.slice(from, end);
}

export function graphqlDocuments({ root }: { root: string }): Plugin {
  const src = path.join(root, 'src') + path.sep;
  const generatedDir = path.join(root, 'src', 'gql') + path.sep;
  const generatedFile = path.join(root, 'src', 'gql', 'graphql.ts');
  return {
    name: 'suiji:graphql-documents',
    enforce: 'pre',
    resolveId(id) {
      return id.startsWith(PREFIX) ? id : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const name = id.slice(PREFIX.length);
      this.addWatchFile(generatedFile);
      const json = generatedDocument(readFileSync(generatedFile, 'utf8'), name);
      if (json === null) this.error(`${name} is not in src/gql/graphql.ts: run npm run codegen`);
      return `export default ${json};\n`;
    },
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!file.startsWith(src) || file.startsWith(generatedDir) || !/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file)) return null;
      if (!code.includes('graphql(')) return null;
      const out = replaceGraphQLCalls(code);
      return out === null ? null : { code: out, map: null };
    },
  };
}
