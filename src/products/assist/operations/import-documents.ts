import type { ProductContext } from '../../../core/product.js';
import { AppError } from '../../../core/http/errors.js';
import { importFaqDocuments, parseFaqFile, readFaqDocument } from '../knowledge-documents.js';
import type { ImportDocumentsBody, ImportResult } from '../contract.js';

/** FAQ and policy documents, given as documents or as a JSON or JSONL file, into the knowledge collection. */
export async function importDocuments(core: ProductContext, userId: string, body: ImportDocumentsBody): Promise<ImportResult> {
  const { documents, format, content, collection } = body;
  if (!documents === !content)
    throw new AppError('validation', 400, 'give either documents or format and content', {
      errors: [{ field: 'documents', message: 'give documents or a file content' }],
    });
  const docs = documents
    ? documents.map((d, i) => readFaqDocument(d as Record<string, unknown>, `documents[${i}]`))
    : parseFaqFile(format ?? 'json', content!);
  const out = await importFaqDocuments(core, docs, { collection, userId });
  return { collection: out.collection, imported: out.imported };
}
