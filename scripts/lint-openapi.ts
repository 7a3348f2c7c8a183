// `npm run lint:openapi`: lints the OpenAPI document the server serves with Redocly (rules in redocly.yaml).
// `--out <file>` keeps the document there as well.
import { servedOpenApiDocument } from './openapi-document.js';
import { redoclyLint } from './redocly-lint.js';

const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;

process.exit(redoclyLint(await servedOpenApiDocument(), { out, stdio: 'inherit' }).status);
