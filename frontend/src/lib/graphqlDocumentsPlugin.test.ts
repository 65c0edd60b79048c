import { describe, expect, it } from 'vitest';
import { documentExport, generatedDocument, replaceGraphQLCalls } from '../../vite-plugin-graphql-documents';

describe('the graphql() build transform', () => {
  it('names the generated export of a document', () => {
    expect(documentExport('\n  query ObjectsPage_Objects($first: Int) { objects { id } }\n')).toBe('ObjectsPage_ObjectsDocument');
    expect(documentExport('mutation ImportPage_Start { x }')).toBe('ImportPage_StartDocument');
    expect(documentExport('\n  fragment ItemsTable_Item on Item { id }')).toBe('ItemsTable_ItemFragmentDoc');
    expect(documentExport('{ me { id } }')).toBeNull();
  });

  it('replaces each call by the import of a module holding its document', () => {
    const code = [
      "import { graphql } from '../gql';",
      'const A = graphql(`',
      '  query A_List {',
      '    items { id }',
      '  }',
      '`);',
      'const B = graphql(`fragment B_Item on Item { id }`);',
      'const C = graphql(`{ anonymous }`);',
    ].join('\n');
    const out = replaceGraphQLCalls(code, (n) => `doc:${n}`)!;
    expect(out.split('\n').slice(0, 2)).toEqual([
      'import __gql_A_ListDocument from "doc:A_ListDocument";',
      'import __gql_B_ItemFragmentDoc from "doc:B_ItemFragmentDoc";',
    ]);
    expect(out).toContain('const A = __gql_A_ListDocument;');
    expect(out).toContain('const B = __gql_B_ItemFragmentDoc;');
    expect(out).toContain('const C = graphql(`{ anonymous }`);');
  });

  it('leaves code without graphql() alone', () => {
    expect(replaceGraphQLCalls('const x = 1;')).toBeNull();
  });

  it('finds a document in the generated module', () => {
    const generated = [
      'export type X = {};',
      'export const A_ListDocument = {"kind":"Document","definitions":[]} as unknown as DocumentNode<AQuery, AQueryVariables>;',
      'export const A_ListDocumentTwo = {"kind":"Other"} as unknown as DocumentNode<B, C>;',
    ].join('\n');
    expect(generatedDocument(generated, 'A_ListDocument')).toBe('{"kind":"Document","definitions":[]}');
    expect(generatedDocument(generated, 'Missing')).toBeNull();
  });
});
