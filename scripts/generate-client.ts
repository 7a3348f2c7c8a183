// `npm run client:generate`: writes packages/client/src/openapi.ts from the server's current OpenAPI document.
import fs from 'node:fs';
import { CLIENT_TYPES_FILE, clientTypesPath, generateClientTypes } from './client-types.js';

fs.writeFileSync(CLIENT_TYPES_FILE, await generateClientTypes());
console.log(`wrote ${clientTypesPath}`);
