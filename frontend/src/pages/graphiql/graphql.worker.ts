// monaco-graphql's language worker (as monaco-graphql/esm/graphql.worker.js),
// with its bare imports so that Vite serves them pre-bundled in development.
import { initialize } from 'monaco-editor/esm/vs/editor/editor.worker.js';
import { GraphQLWorker } from 'monaco-graphql/esm/GraphQLWorker.js';

globalThis.onmessage = () => {
  initialize(
    (ctx: ConstructorParameters<typeof GraphQLWorker>[0], createData: ConstructorParameters<typeof GraphQLWorker>[1]) =>
      new GraphQLWorker(ctx, createData),
  );
};
