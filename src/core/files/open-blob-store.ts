import type { BlobStoreConfig } from '../../config.js';
import type { BlobStore } from './blob-store.js';
import { createLocalBlobStore } from './local-blob-store.js';

/** The configured driver; the S3 client is loaded only when a bucket is configured. */
export async function openBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  if (config.kind === 'local') return createLocalBlobStore(config.root);
  const { createS3BlobStore } = await import('./s3-blob-store.js');
  return createS3BlobStore(config);
}
