import type { SmsSettings } from '../domain/store-settings.js';
import type { Language } from '../domain/vocabulary.js';
import { dltTemplateId, type SmsTemplateKey } from './templates.js';

/** Network-wide DLT registration, overridable per store (India's TRAI rules require both IDs). */
export interface DltDefaults {
  entityId?: string | undefined;
  templateIds?: Record<string, string> | undefined;
}

/**
 * SNS message attributes for one SMS. Transactional routing for every message; the store's
 * sender ID where it has one; for Indian numbers the DLT entity and the registered ID of the
 * exact text sent (per template and language, `received.hi`, else per template, `received`).
 */
export function smsAttributes(
  phone: string,
  template: { key: SmsTemplateKey; language: Language },
  store: SmsSettings,
  dlt: DltDefaults,
): Record<string, string> {
  const attributes: Record<string, string> = { 'AWS.SNS.SMS.SMSType': 'Transactional' };
  if (store.senderId) attributes['AWS.SNS.SMS.SenderID'] = store.senderId;
  if (phone.startsWith('+91')) {
    const entityId = store.dltEntityId ?? dlt.entityId;
    const templateId =
      dltTemplateId(store, template.key, template.language) ??
      dltTemplateId({ dltTemplateIds: dlt.templateIds ?? {} }, template.key, template.language);
    if (entityId) attributes['AWS.MM.SMS.EntityId'] = entityId;
    if (templateId) attributes['AWS.MM.SMS.TemplateId'] = templateId;
  }
  return attributes;
}
