import type { Core } from '../context.js';
import type { JobDefinition } from '../product.js';

export const KNOWLEDGE_IMPORT_JOB = 'knowledge.import';

export interface KnowledgeImportJobData {
  importId: string;
  userId: string | null;
}

/** Runs an import on a worker; a retry resumes from the import's committed progress. */
export const knowledgeImportJob: JobDefinition<KnowledgeImportJobData, Core> = {
  name: KNOWLEDGE_IMPORT_JOB,
  retryLimit: 5,
  run: (core, data) => core.knowledge.runImport(data.importId, data.userId),
};
