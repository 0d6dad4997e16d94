/**
 * The scheduled jobs and when they run. The CDK stack makes an EventBridge rule of each and the
 * local stack a timer, so both run the same jobs on the same cadence.
 */
export interface ScheduledJob {
  name: 'followups' | 'warranty' | 'sla' | 'campaigns' | 'photos';
  /** File under functions/jobs/ that exports `handler`. */
  handler: string;
  /** Every N minutes, or once a day at a UTC time. */
  schedule: { everyMinutes: number } | { dailyAtUtc: { hour: number; minute: number } };
  description: string;
}

export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  { name: 'followups', handler: 'followups', schedule: { everyMinutes: 15 }, description: 'Planned follow-up calls become due' },
  // 06:30 UTC is daytime in every market served (IST 12:00, CST 14:30, GET 10:30): reminders go out
  // the same day instead of waiting for the next run after the 09:00–20:00 window.
  { name: 'warranty', handler: 'warranty', schedule: { dailyAtUtc: { hour: 6, minute: 30 } }, description: 'Warranty reminders and expiry' },
  // 03:00 UTC: a quiet hour everywhere served; the photos of orders whose retention ended go.
  { name: 'photos', handler: 'photos', schedule: { dailyAtUtc: { hour: 3, minute: 0 } }, description: 'Photos past their retention deleted' },
  { name: 'sla', handler: 'sla', schedule: { everyMinutes: 5 }, description: 'SLA at-risk and breach flags and alerts' },
  // A run works until 15 s before its 5-minute timeout, the campaign's cursor saved page by page; the next run resumes it.
  { name: 'campaigns', handler: 'campaigns', schedule: { everyMinutes: 5 }, description: 'Warranty extension campaigns, page by page, then their customer notices' },
];
