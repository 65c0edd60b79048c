import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed GraphQL documents for the SPA. `npm run codegen` regenerates src/gql/
// from ../schema.graphqls and the graphql() calls in src/; the output is
// committed and never edited by hand.
const config: CodegenConfig = {
  schema: '../schema.graphqls',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          // RFC 3339 instants; shown in China Standard Time (src/lib/time.ts)
          Time: 'string',
          // a calendar day in China Standard Time: "2026-11-25"
          Date: 'string',
          // a file sent as a multipart request
          Upload: 'File',
        },
        strictScalars: true,
        skipTypename: false,
        avoidOptionals: false,
      },
    },
  },
  hooks: {},
};

export default config;
