import { AppError } from '../http/errors.js';
import type { CollectionRow } from './collections.js';
import { badRequest } from './validation-error.js';

/** The slice of the AI engine port knowledge needs: `core.ai.embed`. */
export type EmbedPort = (
  texts: string[],
  options: { dimensions: number; model?: string; userId?: string | null },
) => Promise<{ vectors: number[][]; model: string }>;

/** Embeds texts for a collection, refusing a model or dimension other than the collection's. */
export async function embedForCollection(
  embed: EmbedPort,
  collection: CollectionRow,
  texts: string[],
  userId: string | null,
  field: string,
): Promise<{ vectors: Float32Array[]; model: string }> {
  const result = await embed(texts, { dimensions: collection.dimension, model: collection.embedding_model ?? undefined, userId });
  if (collection.embedding_model && result.model !== collection.embedding_model) {
    throw new AppError(
      'knowledge.model_mismatch',
      409,
      `collection "${collection.name}" was embedded with ${collection.embedding_model}; the embedding model now answering is ${result.model}`,
    );
  }
  const vectors = result.vectors.map((v) => {
    if (v.length !== collection.dimension) {
      throw badRequest(
        'knowledge.dimension_mismatch',
        field,
        `the embedding model ${result.model} returned ${v.length} dimensions; collection "${collection.name}" has ${collection.dimension}`,
      );
    }
    return Float32Array.from(v);
  });
  return { vectors, model: result.model };
}
