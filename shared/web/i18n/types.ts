import type { RepairStatus } from '../../domain/status.js';

/**
 * Every word the customer page says, one JSON object per language (<code>.json), for translators to edit. Placeholders
 * in braces are filled by the views ({field}, {max}, {time}, {rating}); nothing else is code.
 */
export interface PageStrings {
  /** BCP 47 locale for Intl dates and money. */
  locale: string;
  title: string;
  language: string;
  trackingCode: string;
  device: string;
  statusHeading: string;
  /** The status in plain words. */
  status: Record<RepairStatus, string>;
  /** What the customer does next (collect, wait, approve, …). */
  next: Record<RepairStatus, string>;
  promisedBy: string;
  quote: string;
  estimate: string;
  /** Quote lines by kind; an extra line shows the store's own description. */
  quoteLine: { part: string; labour: string; discount: string; tax: string; total: string };
  /** "Version {version}" */
  quoteVersion: string;
  warrantyUntil: string;
  timeline: string;
  photos: string;
  photoStage: { intake: string; repair: string; after: string };
  store: string;
  phone: string;
  address: string;
  map: string;
  approve: string;
  decline: string;
  decisionHint: string;
  ratingQuestion: string;
  rating: string;
  /** "{rating} of 5" */
  ratingValue: string;
  comment: string;
  sendRating: string;
  ratedThanks: string;
  problemHeading: string;
  describeProblem: string;
  reportProblem: string;
  /** "The store will call you by {time}." */
  callbackBy: string;
  optional: string;
  confirm: { approved: string; declined: string; rated: string; problem: string; stale: string };
  errors: { required: string; tooLong: string; choose: string; expired: string; invalid: string };
  notFoundTitle: string;
  notFoundBody: string;
  lookupTitle: string;
  lookupHint: string;
  lookupLast4: string;
  lookupSubmit: string;
  unavailableTitle: string;
  unavailableBody: string;
}
