import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(() => table.drop());

test('create then read', async () => {
  const { storeId } = await createTestStore();
  const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
  expect(created.status).toBe(201);
  const read = await callApi('GET', `/v1/repairs/${created.body.id}`, { storeId });
  expect(read.body.history).toHaveLength(1);
});
