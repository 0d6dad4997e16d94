import type { CustomerPhotos } from '../usecases/ports.js';

/** The default CustomerPhotos adapter: no photos (the S3 adapter of the photos issue replaces it in container.ts). */
export const noCustomerPhotos: CustomerPhotos = {
  visibleFor: async () => [],
};
