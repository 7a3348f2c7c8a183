// Every page of the console, by product. A product folder exports one ConsoleProduct from its index.tsx;
// adding a product is one import line here and one entry in `products`.
import type { ComponentType } from 'react';
import type { TKey } from '../i18n';
import calls from './calls';
import chat from './chat';
import tutor from './tutor';
import assist from './assist';
import interview from './interview';
import operator from './operator';

export interface PageProps {
  /** Values of `:name` segments of the page's path. */
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface ConsolePage {
  /** Absolute path, `:name` for a parameter: `/calls/personas/:id`. */
  path: string;
  /** A string key (`chat:pages.home.title`): shown in the page's language. */
  title: TKey;
  component: ComponentType<PageProps>;
  /** Label in the product's menu; pages without one are reached by links. */
  nav?: TKey;
}

export interface ConsoleProduct {
  /** The API product name (`/v1/<id>`), or `operator` for the admin pages. */
  id: string;
  label: TKey;
  /** One line for the home page. */
  description: TKey;
  /** Only deployment admins see it. */
  adminOnly?: boolean;
  pages: ConsolePage[];
}

export const products: ConsoleProduct[] = [calls, chat, tutor, assist, interview, operator];

export function findPage(path: string, match: (pattern: string, path: string) => Record<string, string> | null) {
  for (const product of products) {
    for (const page of product.pages) {
      const params = match(page.path, path);
      if (params) return { product, page, params };
    }
  }
  return null;
}

export function productOf(path: string): ConsoleProduct | null {
  const first = path.split('/').filter(Boolean)[0];
  return products.find((p) => p.id === first) ?? null;
}
