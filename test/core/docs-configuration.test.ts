// docs/configuration.md is generated from the environment schema in src/config.ts and the products' settings
// (`npm run docs:config`); a setting added, removed or changed without regenerating the page fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../src/config.js';
import { CONFIGURATION_PAGE, productSettingSchemas, renderConfigurationPage } from '../../scripts/docs-configuration.js';

const REPO = path.resolve(import.meta.dirname, '../..');

describe('docs/configuration.md', () => {
  it('is what `npm run docs:config` generates from the settings schema', async () => {
    const committed = fs.readFileSync(path.join(REPO, CONFIGURATION_PAGE), 'utf8');
    expect(committed).toBe(await renderConfigurationPage());
  });

  it("lists every variable of the core's schema and of each product's, each with a description", async () => {
    const page = await renderConfigurationPage();
    const schemas = [EnvSchema, ...productSettingSchemas().map(([, schema]) => schema)];
    for (const [name, setting] of schemas.flatMap((schema) => Object.entries(schema.properties))) {
      expect(page).toContain('`' + name + '`');
      expect((setting as { description?: string }).description, name).toMatch(/\S/);
    }
    for (const [product] of productSettingSchemas()) expect(page).toContain(`### ${product}`);
  });
});
