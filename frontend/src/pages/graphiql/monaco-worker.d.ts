// monaco-editor ships no types for its worker entry.
declare module 'monaco-editor/esm/vs/editor/editor.worker.js' {
  export function initialize(factory: (ctx: never, createData: never) => unknown): void;
}
