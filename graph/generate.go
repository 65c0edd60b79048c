package graph

// The SPA's typed GraphQL documents are generated from the same schema.
//go:generate sh -c "cd .. && if [ -d node_modules ]; then npm run --silent codegen; else echo 'skipping SPA codegen: run npm ci first' >&2; fi"
