import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { ERROR_DETAIL_METADATA_KEY, attachErrorDetail, readErrorDetail } from './error-detail';

describe('ErrorDetail metadata helpers', () => {
  it('reads back what was attached, with unset fields defaulted', () => {
    const metadata = attachErrorDetail(new Metadata(), {
      code: 'HOLD_EXPIRED',
      holdId: 'rsv_1',
      metadata: { expires_at: '2026-05-01T10:00:00.000Z' },
    });

    expect(readErrorDetail(metadata)).toEqual({
      code: 'HOLD_EXPIRED',
      conflictingSeatIds: [],
      holdId: 'rsv_1',
      metadata: { expires_at: '2026-05-01T10:00:00.000Z' },
    });
  });

  it('reads from anything carrying metadata, as a ServiceError does', () => {
    const metadata = attachErrorDetail(new Metadata(), { code: 'VALIDATION_FAILED' });

    expect(readErrorDetail({ code: 3, details: 'bad', metadata })?.code).toBe('VALIDATION_FAILED');
  });

  it('replaces an earlier detail instead of sending two', () => {
    const metadata = new Metadata();
    attachErrorDetail(metadata, { code: 'INVENTORY_CONFLICT' });
    attachErrorDetail(metadata, { code: 'HOLD_NOT_FOUND' });

    expect(metadata.get(ERROR_DETAIL_METADATA_KEY)).toHaveLength(1);
    expect(readErrorDetail(metadata)?.code).toBe('HOLD_NOT_FOUND');
  });

  it.each([
    ['no detail', new Metadata()],
    ['an undecodable detail', metadataWith(Buffer.from([0xff, 0xff, 0xff]))],
    ['an error without metadata', new Error('connection reset')],
    ['nothing', undefined],
  ])('returns undefined for %s', (_label, source) => {
    expect(readErrorDetail(source)).toBeUndefined();
  });
});

function metadataWith(value: Buffer): Metadata {
  const metadata = new Metadata();
  metadata.set(ERROR_DETAIL_METADATA_KEY, value);
  return metadata;
}
