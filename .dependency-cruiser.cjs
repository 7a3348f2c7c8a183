// The architecture's boundaries (docs: ARCHITECTURE "Boundaries"), checked by `npm run check:boundaries`.
// Only src/ is cruised: scripts/, bench/ and test/ may reach into anything.
// Package patterns match a resolved path in node_modules and, for a package that is not installed, its bare name.

/** Database drivers (pg and its pg-* parts, PGlite and its extensions ...): what only src/core/db may know is underneath. */
const DB_DRIVERS = [
  '(^|/)node_modules/pg/',
  '(^|/)node_modules/pg-[^/]+/',
  '^pg(/|$)',
  '^pg-[^/]+(/|$)',
  '(^|/)node_modules/@electric-sql/pglite[^/]*/',
  '^@electric-sql/pglite[^/]*(/|$)',
  '(^|/)node_modules/postgres/',
  '^postgres(/|$)',
  // Drizzle's driver bindings; drizzle-orm itself and drizzle-orm/pg-core are the query language products use.
  '(^|/)node_modules/drizzle-orm/(node-postgres|pglite|postgres-js|neon-[^/]+|vercel-postgres|pg-proxy)/',
  '^drizzle-orm/(node-postgres|pglite|postgres-js|neon-[^/]+|vercel-postgres|pg-proxy)(/|$)',
];
// pg-boss is the job queue (core/jobs), not a driver: it takes its connection from core/db's `Database.native`.
const NOT_DB_DRIVERS = ['(^|/)node_modules/pg-boss/', '^pg-boss(/|$)'];

/** Clients of AI services (hosted or local engines): only src/core/ai/providers speaks to them. */
const AI_SDK_NAMES = [
  'openai',
  'espeak-ng',
  '@anthropic-ai/[^/]+',
  '@google/genai',
  '@google/generative-ai',
  '@mistralai/[^/]+',
  'cohere-ai',
  'groq-sdk',
  'ollama',
  'replicate',
  '@huggingface/[^/]+',
  '@ai-sdk/[^/]+',
  'ai',
  'langchain',
  '@langchain/[^/]+',
  '@aws-sdk/client-bedrock[^/]*',
  '@azure/openai',
  'elevenlabs',
  '@elevenlabs/[^/]+',
  '@deepgram/sdk',
  'assemblyai',
].join('|');
const AI_SDKS = [`(^|/)node_modules/(${AI_SDK_NAMES})/`, `^(${AI_SDK_NAMES})(/|$)`];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-not-to-products',
      comment: 'core/ serves every product and knows none: a product hands core what it needs through defineProduct.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/products/' },
    },
    {
      name: 'product-not-to-other-product',
      comment: 'A product never imports another product; what two products share belongs in core/.',
      severity: 'error',
      from: { path: '^src/products/([^/]+)/' },
      to: { path: '^src/products/([^/]+)/', pathNot: '^src/products/$1/' },
    },
    {
      name: 'products-take-product-context',
      comment:
        'A product receives ProductContext (core/product-context.ts), never the whole Core: keys, password hashing, ' +
        'tokens, mail and the raw driver stay inside the core.',
      severity: 'error',
      from: { path: '^src/products/' },
      to: { path: '^src/core/context\\.ts$' },
    },
    {
      name: 'db-drivers-only-in-core-db',
      comment: 'Only core/db knows which driver is underneath (PGlite or node-postgres); everything else writes Drizzle queries.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/core/db/' },
      to: { path: DB_DRIVERS, pathNot: NOT_DB_DRIVERS },
    },
    {
      name: 'ai-sdks-only-in-providers',
      comment: 'Only core/ai/providers speak to AI services; products and the rest of core call the engine port.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/core/ai/providers/' },
      to: { path: AI_SDKS },
    },
    {
      name: 'no-runtime-cycles',
      comment:
        'Modules that load each other at run time see half-initialized bindings depending on load order; ' +
        'type-only imports vanish when compiled and may go both ways.',
      severity: 'error',
      from: { path: '^src/' },
      to: {
        circular: true,
        dependencyTypesNot: ['type-only', 'pre-compilation-only'],
        viaOnly: { dependencyTypesNot: ['type-only', 'pre-compilation-only'] },
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    moduleSystems: ['es6', 'cjs'],
    // 'specify' marks the imports that disappear when TypeScript compiles (type-only), so cycles count only real loads.
    tsPreCompilationDeps: 'specify',
    // Resolves the `.js` specifiers of NodeNext sources to their `.ts` files.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types'],
    },
    skipAnalysisNotInRules: true,
  },
};
