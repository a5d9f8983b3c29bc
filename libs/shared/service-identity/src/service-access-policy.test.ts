import { describe, expect, it } from 'vitest';
import { ServiceAccessPolicy } from './service-access-policy';

describe('ServiceAccessPolicy', () => {
  const policy = new ServiceAccessPolicy<'Hold' | 'Commit' | 'Create'>({ Hold: ['sa:api', 'sa:worker'], Commit: ['sa:api'], Create: [] });

  it('admits exactly the service accounts an operation lists', () => {
    expect(() => policy.authorize({ serviceAccount: 'sa:worker' }, 'Hold')).not.toThrow();
    expect(() => policy.authorize({ serviceAccount: 'sa:worker' }, 'Commit')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: 'Service account sa:worker may not call Commit.' }),
    );
  });

  it('refuses everyone an operation that lists nobody', () => {
    expect(() => policy.authorize({ serviceAccount: 'sa:api' }, 'Create')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(policy.callersOf('Create')).toEqual([]);
  });
});
