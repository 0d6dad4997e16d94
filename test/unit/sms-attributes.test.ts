import { smsAttributes } from '../../shared/notify/sms-attributes.js';

const dlt = { entityId: '1101000000000000001', templateIds: { received: '1107000000000000101', completed: '1107000000000000105' } };

test('every SMS is transactional', () => {
  expect(smsAttributes('+8613800138000', { key: 'received', language: 'en' }, {}, dlt)).toEqual({ 'AWS.SNS.SMS.SMSType': 'Transactional' });
});

test('Indian numbers carry the DLT entity and the template ID of the template used', () => {
  expect(smsAttributes('+919812345678', { key: 'completed', language: 'en' }, {}, dlt)).toEqual({
    'AWS.SNS.SMS.SMSType': 'Transactional',
    'AWS.MM.SMS.EntityId': '1101000000000000001',
    'AWS.MM.SMS.TemplateId': '1107000000000000105',
  });
});

test('DLT attributes never go to numbers outside India', () => {
  for (const phone of ['+995599123456', '+8613800138000', '+14155550123', '+9715012345678']) {
    const attributes = smsAttributes(phone, { key: 'received', language: 'en' }, { dltEntityId: 'E', dltTemplateIds: { received: 'T' } }, dlt);
    expect(Object.keys(attributes).filter((k) => k.startsWith('AWS.MM.SMS.'))).toEqual([]);
  }
});

test("a store's own sender ID and DLT IDs win over the network defaults", () => {
  const attributes = smsAttributes('+919812345678', { key: 'received', language: 'en' }, { senderId: 'OPPOSC', dltEntityId: 'E-store', dltTemplateIds: { received: 'T-store' } }, dlt);
  expect(attributes).toMatchObject({
    'AWS.SNS.SMS.SenderID': 'OPPOSC',
    'AWS.MM.SMS.EntityId': 'E-store',
    'AWS.MM.SMS.TemplateId': 'T-store',
  });
});

test('a template without a registered ID is sent without one rather than guessed', () => {
  const attributes = smsAttributes('+919812345678', { key: 'shipped', language: 'en' }, {}, dlt);
  expect(attributes['AWS.MM.SMS.TemplateId']).toBeUndefined();
  expect(attributes['AWS.MM.SMS.EntityId']).toBe('1101000000000000001');
});

test('a per-language registration wins over the template-wide one (DLT registers exact texts)', () => {
  const ids = { dltTemplateIds: { received: 'T-any', 'received.hi': 'T-hindi' } };
  expect(smsAttributes('+919812345678', { key: 'received', language: 'hi' }, ids, dlt)['AWS.MM.SMS.TemplateId']).toBe('T-hindi');
  expect(smsAttributes('+919812345678', { key: 'received', language: 'ta' }, ids, dlt)['AWS.MM.SMS.TemplateId']).toBe('T-any');
});

test('a completion without warranty is its own registered text: it never borrows the ID of the text with the warranty line', () => {
  const ids = { dltTemplateIds: { completed: 'T-with-warranty', completed_no_warranty: 'T-no-warranty' } };
  expect(smsAttributes('+919812345678', { key: 'completed_no_warranty', language: 'en' }, ids, dlt)['AWS.MM.SMS.TemplateId']).toBe('T-no-warranty');
  expect(smsAttributes('+919812345678', { key: 'completed_no_warranty', language: 'en' }, {}, dlt)['AWS.MM.SMS.TemplateId']).toBeUndefined();
});
