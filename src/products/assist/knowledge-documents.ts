import type { ProductContext } from '../../core/product.js';
import { AppError } from '../../core/http/errors.js';
import { assistSettings } from './environment.js';

/** The seed's FAQ and policy document: text plus the metadata searches filter on. */
export interface FaqDocument {
  title: string;
  content: string;
  category: string;
  classification?: string;
  keywords?: string[];
  hypotheticalQuestions?: string[];
  price?: number | null;
  discountInfo?: string | null;
  documentKey?: string;
}

export interface FaqSearch {
  query: string;
  category?: string;
  classification?: string;
  keywords?: string[];
  minPrice?: number;
  maxPrice?: number;
  topK?: number;
}

const invalid = (field: string, message: string) =>
  new AppError('validation', 400, `${field} ${message}`, { errors: [{ field, message }] });

/** Accepts the seed's snake_case fields as well (`hypothetical_questions`, `discount_info`). */
export function readFaqDocument(raw: Record<string, unknown>, where: string): FaqDocument {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const list = (v: unknown, field: string) => {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw invalid(`${where}.${field}`, 'must be a list of strings');
    return v as string[];
  };
  const title = str(raw.title);
  const content = str(raw.content) ?? str(raw.document) ?? str(raw.page_content);
  const category = str(raw.category);
  if (!title) throw invalid(`${where}.title`, 'is required');
  if (!content) throw invalid(`${where}.content`, 'is required');
  if (!category) throw invalid(`${where}.category`, 'is required');
  const price = raw.price ?? null;
  if (price !== null && (typeof price !== 'number' || !Number.isFinite(price) || price < 0))
    throw invalid(`${where}.price`, 'must be a non-negative number');
  return {
    title,
    content,
    category,
    classification: str(raw.classification),
    keywords: list(raw.keywords, 'keywords'),
    hypotheticalQuestions: list(raw.hypotheticalQuestions ?? raw.hypothetical_questions, 'hypotheticalQuestions'),
    price: price as number | null,
    discountInfo: str(raw.discountInfo ?? raw.discount_info) ?? null,
    documentKey: str(raw.documentKey ?? raw.document_key ?? raw.id),
  };
}

/** The chunk text carries the hypothetical questions too, so a customer's phrasing finds the document. */
function toChunk(doc: FaqDocument) {
  const questions = doc.hypotheticalQuestions?.length ? `\n예상 질문: ${doc.hypotheticalQuestions.join(' / ')}` : '';
  const discount = doc.discountInfo ? `\n할인: ${doc.discountInfo}` : '';
  return {
    title: doc.title,
    documentKey: doc.documentKey ?? doc.title,
    content: `${doc.title}\n${doc.content}${discount}${questions}`,
    metadata: {
      category: doc.category,
      ...(doc.classification ? { classification: doc.classification } : {}),
      keywords: doc.keywords ?? [],
      hypothetical_questions: doc.hypotheticalQuestions ?? [],
      ...(doc.price !== null && doc.price !== undefined ? { price: doc.price } : {}),
      ...(doc.discountInfo ? { discount_info: doc.discountInfo } : {}),
    },
  };
}

/** Parses a JSON array or JSONL text of seed-shaped documents; a bad record is a 400 naming it. */
export function parseFaqFile(format: 'json' | 'jsonl', content: string): FaqDocument[] {
  let records: unknown[];
  try {
    records =
      format === 'json'
        ? (JSON.parse(content) as unknown[])
        : content
            .split(/\r?\n/)
            .filter((l) => l.trim())
            .map((l) => JSON.parse(l) as unknown);
  } catch (err) {
    throw invalid('content', `is not valid ${format.toUpperCase()} (${(err as Error).message})`);
  }
  if (!Array.isArray(records)) throw invalid('content', 'must be a JSON array of documents');
  return records.map((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw invalid(`documents[${i}]`, 'must be an object');
    return readFaqDocument(r as Record<string, unknown>, `documents[${i}]`);
  });
}

/** Imports documents into the collection (created on first use) with their metadata. */
export async function importFaqDocuments(
  core: ProductContext,
  documents: FaqDocument[],
  opts: { collection?: string; userId?: string | null } = {},
) {
  const name = opts.collection ?? core.settings(assistSettings).knowledgeCollection;
  if (!documents.length) throw invalid('documents', 'give at least one document');
  try {
    await core.knowledge.getCollection(name);
  } catch (err) {
    if (!(err instanceof AppError && err.status === 404)) throw err;
    try {
      await core.knowledge.createCollection({ name, description: 'Assist: FAQ and policy documents for live suggestions' });
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'knowledge.collection_exists')) throw e;
    }
  }
  const { ids } = await core.knowledge.addChunks(name, documents.map(toChunk), { userId: opts.userId ?? null });
  return { collection: name, imported: ids.length, ids };
}

/** The seed's example searches: a question plus metadata filters (category, classification, keywords, price range). */
export async function searchFaq(core: ProductContext, search: FaqSearch, opts: { collection?: string; userId?: string | null } = {}) {
  const filter: Record<string, unknown> = {};
  if (search.category) filter.category = search.category;
  if (search.classification) filter.classification = search.classification;
  if (search.keywords?.length) filter.keywords = search.keywords;
  const price: Record<string, number> = {};
  if (search.minPrice !== undefined) price.gte = search.minPrice;
  if (search.maxPrice !== undefined) price.lte = search.maxPrice;
  if (price.gte !== undefined && price.lte !== undefined && price.gte > price.lte) throw invalid('minPrice', 'must not be above maxPrice');
  const result = await core.knowledge.searchChunks(
    opts.collection ?? core.settings(assistSettings).knowledgeCollection,
    { query: search.query, topK: search.topK ?? 5, filter, ranges: Object.keys(price).length ? { price } : undefined },
    { userId: opts.userId ?? null },
  );
  return result.items.map((i) => ({ chunkId: i.id, title: i.title, content: i.content, score: i.score, metadata: i.metadata }));
}
