import { afterAll, beforeAll, describe } from 'vitest';
import type { TestDb } from '../../../../test/support/db.js';
import { createTestDb, testDbKinds } from '../../../../test/support/db.js';
import { segmentAgreementSuite } from './agreement.suite.js';

describe.each(testDbKinds())('segment rules on %s', (kind) => {
  let db: TestDb | undefined;
  beforeAll(async () => {
    db = await createTestDb(kind, { content: 'migrated' });
  });
  afterAll(async () => {
    await db?.close();
  });
  segmentAgreementSuite(() => {
    if (db === undefined) throw new Error('database not ready');
    return db;
  });
});
