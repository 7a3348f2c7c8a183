// A product declares its own environment variables through defineProduct({ settings }): the core reads them from the
// environment config.ts took at start, checks them like its own, and hands each product its typed settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { generateKeyring } from '../../src/core/crypto/keyring.js';
import { defineProduct } from '../../src/core/product.js';
import { defineSettings, readProductSettings } from '../../src/core/product-settings.js';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/test-app.js';

const shopSettings = defineSettings(
  Type.Object({
    SHOP_DAILY_ORDERS: Type.Integer({ description: 'Orders per user per day.', minimum: 1, maximum: 100, default: 10 }),
    SHOP_CURRENCY: Type.String({ description: 'Currency of prices.', pattern: '^[A-Z]{3}$', default: 'EUR' }),
  }),
  (e) => ({ dailyOrders: e.SHOP_DAILY_ORDERS, currency: e.SHOP_CURRENCY }),
);
const shopProduct = defineProduct({ name: 'shop', settings: shopSettings });

let db: TestDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  db = await createTestDatabase();
  const config = testConfig({ productEnvironment: loadConfig({ SHOP_DAILY_ORDERS: '3', PORT: '8080' }).productEnvironment });
  app = await buildApp(config, { logger: false, database: db.database, keyring: generateKeyring(), products: [shopProduct] });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('product settings', () => {
  it('are read from the environment config.ts took, with defaults, typed for the product', () => {
    const settings: { dailyOrders: number; currency: string } = app.core.forProducts.settings(shopSettings);
    expect(settings).toEqual({ dailyOrders: 3, currency: 'EUR' });
  });

  it('stay out of the configuration products see, and the core keeps only what is not its own', () => {
    expect(loadConfig({ SHOP_DAILY_ORDERS: '3', PORT: '8080' }).productEnvironment).toEqual({ SHOP_DAILY_ORDERS: '3' });
    expect('productEnvironment' in app.core.forProducts.config).toBe(false);
  });

  it('refuse a bad value naming the variable, as the core settings do, and stop the start before anything opens', async () => {
    expect(() => readProductSettings(shopSettings, { SHOP_DAILY_ORDERS: '500' })).toThrow(ConfigError);
    expect(() => readProductSettings(shopSettings, { SHOP_DAILY_ORDERS: '500' })).toThrow(
      /^SHOP_DAILY_ORDERS: must be <= 100 \(got 500\)$/,
    );
    expect(() => readProductSettings(shopSettings, { SHOP_CURRENCY: 'euro' })).toThrow(/^SHOP_CURRENCY: /);
    const config = testConfig({ productEnvironment: { SHOP_DAILY_ORDERS: 'many' } });
    await expect(buildApp(config, { logger: false, products: [shopProduct], database: db.database })).rejects.toThrow(
      /^SHOP_DAILY_ORDERS: /,
    );
  });

  it('are named after their product', () => {
    const misnamed = defineSettings(Type.Object({ CURRENCY: Type.String({ default: 'EUR' }) }), (e) => e);
    expect(() => defineProduct({ name: 'shop', settings: misnamed })).toThrow(/setting "CURRENCY" of product "shop" must start with SHOP_/);
  });
});
