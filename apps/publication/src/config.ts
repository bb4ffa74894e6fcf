import { DEFAULT_PORTS } from '@congress/contracts';
import { BaseEnv } from '@congress/service-kit';
import { z } from 'zod';

export const PublicationEnv = BaseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS['publication']),
});
export type PublicationEnv = z.infer<typeof PublicationEnv>;
