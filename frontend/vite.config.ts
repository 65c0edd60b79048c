/// <reference types="vitest/config" />
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { graphqlDocuments } from './vite-plugin-graphql-documents';

// The Go server (server/webui) embeds the built SPA from ../server/webui/dist/app
// and falls back to index.html for client-side routes.
const backend = 'http://127.0.0.1:18080';

export default defineConfig({
  base: '/',
  // graphqlDocuments: each screen's chunk carries only its own GraphQL documents
  plugins: [graphqlDocuments({ root: __dirname }), react()],
  // GraphiQL's Monaco editor runs its language services in module workers.
  worker: { format: 'es' },
  optimizeDeps: {
    // Reached only from GraphiQL's editor workers, which the dependency scan
    // does not follow; pre-bundled so that their CommonJS parts load in dev.
    include: ['monaco-graphql/esm/GraphQLWorker.js'],
  },
  build: {
    outDir: path.resolve(__dirname, '../server/webui/dist/app'),
    emptyOutDir: true,
    target: 'es2022',
    // Monaco (GraphiQL's editor, ~2.8 MB) is a lazy chunk of the /graphiql screen only.
    chunkSizeWarningLimit: 3000,
    rollupOptions: {
      onwarn(warning, warn) {
        // GraphiQL's packages carry React Compiler directives ("use no memo") that
        // bundlers drop; harmless.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /@graphiql/.test(warning.id ?? '')) return;
        warn(warning);
      },
      output: {
        // React and the router change rarely: keep them in their own cached chunk.
        // antd is left to Rollup so that heavy components (Table, DatePicker…)
        // land in the lazy chunks of the screens that use them.
        manualChunks(id) {
          if (/[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/.test(id)) {
            return 'react';
          }
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: backend, ws: true, changeOrigin: false },
      '/healthz': { target: backend },
      '/public': { target: backend },
      // one-time export links and the import templates (the SPA's /import screen is not proxied)
      '/export/': { target: backend },
      '/import/template/': { target: backend },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./vitest.setup.ts'],
    css: false,
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
