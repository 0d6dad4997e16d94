import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { PROBLEM_BASE, type ProblemBody } from '../../shared/http/problem.js';
import type { WafConfig } from '../config.js';

export interface StageWebAclProps {
  /** Web ACL name, also its CloudWatch metric name. */
  readonly name: string;
  readonly stage: Stage;
  readonly config: WafConfig;
}

/** Rule names, which are also their CloudWatch metric names (`AWS/WAFV2`, dimension `Rule`). */
export const WAF_RULES = { bodyTooLarge: 'body-too-large', trackRate: 'track-rate-per-ip', pageRate: 'page-rate-per-ip' } as const;

/** How long a client refused by the rate rule should wait: WAF re-evaluates rates every few tens of seconds. */
export const TRACK_RETRY_AFTER_SECONDS = 60;

const KB = 1024;
const sizeText = (bytes: number) => (bytes % KB === 0 ? `${bytes / KB} KB` : `${bytes} bytes`);

/**
 * The stage's AWS WAF web ACL: a body larger than the stage allows is refused with 413, and one
 * client IP calling the public tracking route too often with 429, both as RFC 9457 bodies like the
 * handlers' (WAF custom responses cannot set Content-Type: they go out as application/json).
 * Everything else is allowed. Metrics only: sampled requests would keep headers (store API keys)
 * and tracking URLs in the console, so they stay off, like anything personal in the access log.
 */
export class StageWebAcl extends Construct {
  readonly webAcl: CfnWebACL;
  readonly name: string;

  constructor(scope: Construct, id: string, props: StageWebAclProps) {
    super(scope, id);
    const { name, stage, config } = props;
    this.name = name;
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: false,
    });
    const problem = (body: ProblemBody): CfnWebACL.CustomResponseBodyProperty => ({ contentType: 'APPLICATION_JSON', content: JSON.stringify(body) });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name,
      description: `Repair API: body size, public tracking and customer page rates (${stage.stageName})`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name),
      // WAF reads 16 KB of an API Gateway body unless told more (up to 64 KB, in 16 KB steps, each billed).
      associationConfig: { requestBody: { API_GATEWAY: { defaultSizeInspectionLimit: inspectionLimit(config.maxBodyBytes) } } },
      customResponseBodies: {
        [WAF_RULES.bodyTooLarge]: problem({
          type: `${PROBLEM_BASE}payload-too-large`,
          title: 'Request too large',
          status: 413,
          detail: `The body exceeds ${sizeText(config.maxBodyBytes)}`,
        }),
        [WAF_RULES.trackRate]: problem({
          type: `${PROBLEM_BASE}too-many-requests`,
          title: 'Too many requests',
          status: 429,
          detail: 'Too many tracking requests from this network; retry in a minute',
        }),
        // The customer page is for people: a page, not JSON (the handler's own pages cannot run here).
        [WAF_RULES.pageRate]: {
          contentType: 'TEXT_HTML',
          content: '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Please try again</title><p>Too many requests from this network. Please try again in a minute.</p><p lang="hi">बहुत अधिक अनुरोध। कृपया एक मिनट बाद फिर से कोशिश करें।</p></html>',
        },
      },
      rules: [
        {
          name: WAF_RULES.bodyTooLarge,
          priority: 0,
          statement: {
            sizeConstraintStatement: {
              // A body beyond what WAF inspects is larger than the limit by construction: it matches.
              fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
              comparisonOperator: 'GT',
              size: config.maxBodyBytes,
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
          action: { block: { customResponse: { responseCode: 413, customResponseBodyKey: WAF_RULES.bodyTooLarge } } },
          visibilityConfig: visibility(WAF_RULES.bodyTooLarge),
        },
        {
          name: WAF_RULES.trackRate,
          priority: 1,
          statement: {
            rateBasedStatement: {
              limit: config.trackRequestsPerIpPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  // The path as the client sent it (with the stage, or a custom domain's base path before it).
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'CONTAINS',
                  searchString: '/v1/track/',
                  textTransformations: [
                    { priority: 0, type: 'URL_DECODE' },
                    { priority: 1, type: 'LOWERCASE' },
                  ],
                },
              },
            },
          },
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: WAF_RULES.trackRate,
                responseHeaders: [{ name: 'Retry-After', value: String(TRACK_RETRY_AFTER_SECONDS) }],
              },
            },
          },
          visibilityConfig: visibility(WAF_RULES.trackRate),
        },
        {
          name: WAF_RULES.pageRate,
          priority: 2,
          statement: {
            rateBasedStatement: {
              limit: config.pageRequestsPerIpPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                orStatement: {
                  statements: [
                    // /r/{token} and its forms (no other route has a segment "r"), and the lookup form /track.
                    pathMatch('CONTAINS', '/r/'),
                    pathMatch('ENDS_WITH', '/track'),
                  ],
                },
              },
            },
          },
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: WAF_RULES.pageRate,
                responseHeaders: [{ name: 'Retry-After', value: String(TRACK_RETRY_AFTER_SECONDS) }, { name: 'Cache-Control', value: 'no-store' }],
              },
            },
          },
          visibilityConfig: visibility(WAF_RULES.pageRate),
        },
      ],
    });

    new CfnWebACLAssociation(this, 'StageAssociation', { resourceArn: stage.stageArn, webAclArn: this.webAcl.attrArn });
  }
}

/** The path as the client sent it (with the stage, or a custom domain's base path before it), decoded and lower-cased. */
function pathMatch(positionalConstraint: 'CONTAINS' | 'ENDS_WITH', searchString: string): CfnWebACL.StatementProperty {
  return {
    byteMatchStatement: {
      fieldToMatch: { uriPath: {} },
      positionalConstraint,
      searchString,
      textTransformations: [
        { priority: 0, type: 'URL_DECODE' },
        { priority: 1, type: 'LOWERCASE' },
      ],
    },
  };
}

/** The smallest inspection limit (16 KB steps) that sees a whole body of the allowed size. */
function inspectionLimit(maxBodyBytes: number): string {
  return `KB_${Math.ceil(maxBodyBytes / (16 * KB)) * 16}`;
}
