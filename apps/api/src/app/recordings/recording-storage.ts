import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Config } from '../../config/app-config';

/** An inclusive byte range, already checked against the object's size. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where recordings' audio lives: the local disk (RECORDINGS_DIR) or an S3-compatible bucket (S3_*). Keys are the
 * service's (`recordings/<id>.wav`); every operation is safe to repeat, since jobs may run again.
 */
export abstract class RecordingStorage {
  /** Stores (or replaces) the object. */
  abstract put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or only `range` of them. */
  abstract read(key: string, range?: ByteRange): Promise<Readable>;
  /** Deletes the object; one already gone is no error. */
  abstract delete(key: string): Promise<void>;
}

/** The audio as files under RECORDINGS_DIR, written to a temporary name and renamed, so a reader never sees half. */
export class LocalDiskRecordingStorage extends RecordingStorage {
  constructor(private readonly root: string) {
    super();
  }

  private path(key: string): string {
    if (!/^[a-z0-9/_.-]+$/.test(key) || key.includes('..')) throw new Error(`Bad storage key ${key}`);
    return join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, path);
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const stream = createReadStream(this.path(key), range ? { start: range.start, end: range.end } : {});
    // Opening errors (the file is gone) surface here rather than mid-response.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return stream;
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}

/**
 * The audio in an S3-compatible bucket. The media route streams ranges through the API (GetObject with Range)
 * rather than redirecting to a presigned URL: the same authorization and the same answers (206, 416) with either
 * storage, and no bucket URL handed to clients.
 */
export class S3RecordingStorage extends RecordingStorage {
  private readonly client: S3Client;

  constructor(private readonly config: S3Config) {
    super();
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      // A custom endpoint (MinIO, a test server) seldom has a DNS name per bucket.
      forcePathStyle: config.endpoint !== undefined,
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
    });
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.config.bucket, Key: key, Body: data, ContentType: contentType }),
    );
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const answer = await this.client.send(
      new GetObjectCommand({
        Bucket: this.config.bucket,
        Key: key,
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    return answer.Body as Readable;
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a key that does not exist.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
  }

  destroy(): void {
    this.client.destroy();
  }
}
