/**
 * AWS list prices the cost figures use, in USD, written down on 2026-11-27.
 * US East (N. Virginia) unless said otherwise; Mumbai (ap-south-1) is within a few percent.
 * Change them here when AWS does: every cost row is computed from these and the counted units.
 */
export const PRICES = {
  date: '2026-11-27',
  /** DynamoDB on-demand (Standard table class), per request unit; the November 2024 prices. */
  dynamoWriteRequestUnit: 0.625 / 1e6,
  dynamoReadRequestUnit: 0.125 / 1e6,
  /** Lambda on arm64 (Graviton): per GB-second and per request. */
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  /** API Gateway REST API, first 333 million requests a month. */
  apiGatewayRestRequest: 3.5 / 1e6,
  /**
   * One SMS message part to an Indian number (AWS End User Messaging, the SNS SMS channel),
   * carrier fee included. An assumption, not a quote: carrier fees change often and differ by
   * route; check the pricing page for the destination before relying on it.
   */
  smsPartIndia: 0.00278,
  /**
   * One WhatsApp template message through AWS End User Messaging Social to an Indian number: AWS's
   * per-message fee plus Meta's per-message rate for the utility category (order updates), as
   * written down on the date above. Both are assumptions to check against the two price pages:
   * Meta bills per delivered template message by category and country, and a utility template sent
   * while the customer's 24-hour service window is open costs Meta nothing.
   */
  whatsappAwsMessageFee: 0.005,
  whatsappUtilityIndia: 0.0014,
} as const;

/** Memory every function is deployed with (infra/constructs/base-function.ts). */
export const LAMBDA_MEMORY_GB = 0.5;
