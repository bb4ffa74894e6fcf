import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { BlobStore } from './blob-store.js';
import { PostgresBlobStore } from './postgres-blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';

const optionalText = z.string().trim().min(1).optional();

const storageShape = {
  /** `postgres` (default): blobs in the service's own schema. `s3`: an S3-compatible object store. */
  STORAGE_DRIVER: z.enum(['postgres', 's3'], { error: 'STORAGE_DRIVER 只能是 postgres 或 s3' }).default('postgres'),
  /** Base URL of a store other than AWS, e.g. http://minio:9000. */
  S3_ENDPOINT: z.url({ error: 'S3_ENDPOINT 必须是 URL，例如 http://minio:9000' }).optional(),
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'S3_BUCKET 须是 3–63 位小写字母、数字、点或连字符' })
    .optional(),
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  /** `true` for most self-hosted stores (MinIO, Ceph): the bucket goes in the path, not the host name. */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'], { error: 'S3_FORCE_PATH_STYLE 只能是 true 或 false' })
    .default('false')
    .transform((v) => v === 'true'),
};

interface StorageEnvValues {
  STORAGE_DRIVER: 'postgres' | 's3';
  S3_BUCKET?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
}

function checkStorageEnv(env: StorageEnvValues, ctx: z.RefinementCtx): void {
  if (env.STORAGE_DRIVER === 's3' && !env.S3_BUCKET) {
    ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'STORAGE_DRIVER=s3 时必须设置 S3_BUCKET（存放附件的存储桶名称）' });
  }
  // Half a key pair would silently fall back to the SDK's default chain; say so at boot instead.
  if (!env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY) {
    const missing = env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID';
    ctx.addIssue({ code: 'custom', path: [missing], message: `S3_ACCESS_KEY_ID 和 S3_SECRET_ACCESS_KEY 须同时设置或同时不设置（缺少 ${missing}）` });
  }
}

/**
 * The storage variables, validated at boot like the rest of a service's environment. To add them
 * to a service's schema keep the checks: `withStorageEnv(BaseEnv.extend({ … }))` (zod's
 * `.extend(StorageEnv.shape)` would take the fields and drop the checks).
 */
export const StorageEnv = z.object(storageShape).superRefine(checkStorageEnv);
export type StorageEnv = z.infer<typeof StorageEnv>;

/** A service's env schema with the storage variables and their checks added. */
export function withStorageEnv<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  return schema.extend(storageShape).superRefine((env, ctx) => checkStorageEnv(env as unknown as StorageEnvValues, ctx));
}

export interface StorageConfig {
  STORAGE_DRIVER: 'postgres' | 's3';
  S3_ENDPOINT?: string;
  S3_REGION?: string;
  S3_BUCKET?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_FORCE_PATH_STYLE?: boolean;
}

/** The store the configuration names. The DataSource is used only by the postgres driver. */
export function createBlobStore(config: StorageConfig, dataSource: DataSource): BlobStore {
  switch (config.STORAGE_DRIVER) {
    case 'postgres':
      return new PostgresBlobStore(dataSource);
    case 's3': {
      if (!config.S3_BUCKET) throw new Error('STORAGE_DRIVER=s3 requires S3_BUCKET');
      return new S3BlobStore({
        endpoint: config.S3_ENDPOINT,
        region: config.S3_REGION ?? 'us-east-1',
        bucket: config.S3_BUCKET,
        forcePathStyle: config.S3_FORCE_PATH_STYLE ?? false,
        credentials:
          config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } : undefined,
      });
    }
    default:
      throw new Error(`unknown STORAGE_DRIVER: ${String((config as { STORAGE_DRIVER: unknown }).STORAGE_DRIVER)}`);
  }
}
