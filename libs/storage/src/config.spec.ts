import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { StorageEnv, createBlobStore, withStorageEnv } from './config.js';
import { PostgresBlobStore } from './postgres-blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';

const noDataSource = {} as DataSource;

describe('StorageEnv', () => {
  it('defaults to the postgres driver with no other variable set', () => {
    expect(StorageEnv.parse({})).toEqual({ STORAGE_DRIVER: 'postgres', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: false });
  });

  it('requires S3_BUCKET for the s3 driver, naming the variable in Chinese', () => {
    const result = StorageEnv.safeParse({ STORAGE_DRIVER: 's3' });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['S3_BUCKET'], message: 'STORAGE_DRIVER=s3 时必须设置 S3_BUCKET（存放附件的存储桶名称）' })]);
  });

  it('refuses half a key pair', () => {
    const result = StorageEnv.safeParse({ STORAGE_DRIVER: 's3', S3_BUCKET: 'attachments', S3_ACCESS_KEY_ID: 'AKIA' });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['S3_SECRET_ACCESS_KEY'] })]);
  });

  it('reads S3_FORCE_PATH_STYLE as a boolean and refuses anything but true or false', () => {
    expect(StorageEnv.parse({ STORAGE_DRIVER: 's3', S3_BUCKET: 'attachments', S3_FORCE_PATH_STYLE: 'true' }).S3_FORCE_PATH_STYLE).toBe(true);
    expect(StorageEnv.safeParse({ S3_FORCE_PATH_STYLE: 'yes' }).success).toBe(false);
  });

  it('keeps its checks when added to a service schema with withStorageEnv', () => {
    const ServiceEnv = withStorageEnv(z.object({ PORT: z.coerce.number() }));
    const result = ServiceEnv.safeParse({ PORT: '3000', STORAGE_DRIVER: 's3' });
    expect(result.error?.issues.map((i) => i.path)).toEqual([['S3_BUCKET']]);
    expect(ServiceEnv.parse({ PORT: '3000' })).toMatchObject({ PORT: 3000, STORAGE_DRIVER: 'postgres' });
  });
});

describe('createBlobStore', () => {
  it('makes the store the driver names', () => {
    expect(createBlobStore({ STORAGE_DRIVER: 'postgres' }, noDataSource)).toBeInstanceOf(PostgresBlobStore);
    const s3 = createBlobStore(StorageEnv.parse({ STORAGE_DRIVER: 's3', S3_BUCKET: 'attachments', S3_ENDPOINT: 'http://127.0.0.1:9000' }), noDataSource);
    expect(s3).toBeInstanceOf(S3BlobStore);
    (s3 as S3BlobStore).close();
  });

  it('refuses the s3 driver without a bucket', () => {
    expect(() => createBlobStore({ STORAGE_DRIVER: 's3' }, noDataSource)).toThrow('S3_BUCKET');
  });
});
