import { stageConfig } from '../../infra/config.js';
import { PROBLEM_BASE } from '../../shared/http/problem.js';
import { label, resources, synthStage, type SynthesizedStage } from './support.js';

/** What API Gateway and its WAF answer themselves, and what the stage logs about each request. */
let dev: SynthesizedStage;
let prod: SynthesizedStage;
let withoutWaf: SynthesizedStage;

beforeAll(() => {
  dev = synthStage('dev', { bundle: false });
  prod = synthStage('prod', { bundle: false });
  withoutWaf = synthStage('dev', { bundle: false, config: { ...stageConfig('dev'), waf: false } });
});
afterAll(() => [dev, prod, withoutWaf].forEach((synth) => synth?.dispose()));

interface GatewayResponse {
  ResponseType: string;
  StatusCode?: string;
  ResponseParameters: Record<string, string>;
  ResponseTemplates: Record<string, string>;
}

const gatewayResponses = (synth: SynthesizedStage) =>
  new Map(Object.values(resources(synth.api, 'AWS::ApiGateway::GatewayResponse')).map((r) => [(r.Properties as unknown as GatewayResponse).ResponseType, r.Properties as unknown as GatewayResponse]));

/** `$context.error.messageString` is substituted by API Gateway as a JSON string. */
const body = (response: GatewayResponse) =>
  JSON.parse(response.ResponseTemplates['application/json']!.replace('$context.error.messageString', '"gateway message"')) as Record<string, unknown>;

/**
 * Every response type API Gateway REST has, with the status each goes out with. The catch-alls
 * have none: pinning one would change the status of every type not configured on its own.
 */
const STATUS: Record<string, number | undefined> = {
  UNAUTHORIZED: 401,
  ACCESS_DENIED: 403,
  INVALID_API_KEY: 403,
  WAF_FILTERED: 403,
  // No method uses IAM: these mean no method matched the request (unknown path or method), like the local gateway's 404.
  MISSING_AUTHENTICATION_TOKEN: 404,
  INVALID_SIGNATURE: 404,
  EXPIRED_TOKEN: 404,
  RESOURCE_NOT_FOUND: 404,
  BAD_REQUEST_BODY: 400,
  BAD_REQUEST_PARAMETERS: 400,
  REQUEST_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  THROTTLED: 429,
  QUOTA_EXCEEDED: 429,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  API_CONFIGURATION_ERROR: 500,
  INTEGRATION_FAILURE: 502,
  AUTHORIZER_FAILURE: 503,
  INTEGRATION_TIMEOUT: 504,
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
};

describe('gateway responses', () => {
  test('every response type is configured, each with the status listed above', () => {
    const configured = gatewayResponses(dev);
    expect([...configured.keys()].sort()).toEqual(Object.keys(STATUS).sort());
    for (const [type, status] of Object.entries(STATUS)) {
      expect({ type, status: configured.get(type)?.StatusCode }).toEqual({ type, status: status === undefined ? undefined : String(status) });
    }
    // An unknown route is a 404, not API Gateway's 403 "Missing Authentication Token".
    expect(configured.get('MISSING_AUTHENTICATION_TOKEN')?.StatusCode).toBe('404');
  });

  test("each body is problem+json whose status is the response's own; the catch-alls leave status out rather than guess", () => {
    for (const response of gatewayResponses(dev).values()) {
      const problem = body(response);
      expect({ type: response.ResponseType, contentType: response.ResponseParameters['gatewayresponse.header.Content-Type'] }).toEqual({
        type: response.ResponseType,
        contentType: "'application/problem+json'",
      });
      expect(problem).toEqual({
        type: expect.stringMatching(new RegExp(`^${PROBLEM_BASE.replace(/[.]/g, '\\.')}[a-z-]+$`)),
        title: expect.any(String),
        ...(response.StatusCode === undefined ? {} : { status: Number(response.StatusCode) }),
        detail: expect.any(String),
      });
      if (response.StatusCode === undefined) expect({ type: response.ResponseType, problem }).not.toHaveProperty('problem.status');
    }
  });

  test('slugs a client can switch on, the same the handlers and the local gateway use', () => {
    const slug = (type: string) => String(body(gatewayResponses(dev).get(type)!).type).replace(PROBLEM_BASE, '');
    expect(['UNAUTHORIZED', 'MISSING_AUTHENTICATION_TOKEN', 'REQUEST_TOO_LARGE', 'THROTTLED', 'AUTHORIZER_FAILURE', 'BAD_REQUEST_BODY'].map(slug)).toEqual([
      'unauthorized',
      'not-found',
      'payload-too-large',
      'too-many-requests',
      'temporarily-unavailable',
      'validation-error',
    ]);
    // A failed authorizer is transient (its key lookup was throttled): the client learns when to retry.
    expect(gatewayResponses(dev).get('AUTHORIZER_FAILURE')?.ResponseParameters['gatewayresponse.header.Retry-After']).toBe("'1'");
  });
});

describe('access log', () => {
  /** Every key the access log may hold, with its source: nothing that identifies a customer or a device. */
  const ALLOWED: Record<string, string> = {
    requestId: '$context.requestId',
    time: '$context.requestTime',
    method: '$context.httpMethod',
    route: '$context.resourcePath',
    status: '$context.status',
    storeId: '$context.authorizer.principalId',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    responseLength: '$context.responseLength',
    error: '$context.error.responseType',
    waf: '$context.wafResponseCode',
  };

  const format = (synth: SynthesizedStage) => {
    const stages = Object.values(resources(synth.api, 'AWS::ApiGateway::Stage'));
    expect(stages).toHaveLength(1);
    return (stages[0]!.Properties!.AccessLogSetting as { Format: string }).Format;
  };

  test('one JSON line per request holding exactly the allowed keys', () => {
    for (const synth of [dev, prod]) expect(JSON.parse(format(synth))).toEqual(ALLOWED);
  });

  test('no path, query string, IP address, user agent or other caller identity, whatever the key is called', () => {
    for (const synth of [dev, prod]) {
      const text = format(synth);
      for (const forbidden of ['$context.path', 'sourceIp', 'userAgent', '$context.identity', 'querystring', '$input', '$method.request', 'domainName', '$context.authorizer.storeId']) {
        expect({ forbidden, present: text.includes(forbidden) }).toEqual({ forbidden, present: false });
      }
    }
  });
});

describe('AWS WAF on the stage', () => {
  interface WebAcl {
    Name: string;
    Scope: string;
    DefaultAction: Record<string, unknown>;
    AssociationConfig: { RequestBody: Record<string, { DefaultSizeInspectionLimit: string }> };
    CustomResponseBodies: Record<string, { ContentType: string; Content: string }>;
    VisibilityConfig: { SampledRequestsEnabled: boolean };
    Rules: {
      Name: string;
      Statement: Record<string, Record<string, unknown>>;
      Action: { Block?: { CustomResponse: { ResponseCode: number; CustomResponseBodyKey: string; ResponseHeaders?: { Name: string; Value: string }[] } } };
      VisibilityConfig: { SampledRequestsEnabled: boolean; CloudWatchMetricsEnabled: boolean; MetricName: string };
    }[];
  }
  const webAcl = (synth: SynthesizedStage): WebAcl => {
    const acls = Object.values(resources(synth.api, 'AWS::WAFv2::WebACL'));
    expect(acls).toHaveLength(1);
    return acls[0]!.Properties as unknown as WebAcl;
  };
  const rule = (acl: WebAcl, name: string) => {
    const found = acl.Rules.find((r) => r.Name === name);
    expect({ name, found: found !== undefined }).toEqual({ name, found: true });
    return found!;
  };

  test('a regional web ACL that allows by default, with exactly three rules, metrics on and sampled requests off (they would keep API keys)', () => {
    for (const synth of [dev, prod]) {
      const acl = webAcl(synth);
      expect(acl).toMatchObject({ Name: `repair-api-${synth.config.stage}`, Scope: 'REGIONAL', DefaultAction: { Allow: {} }, VisibilityConfig: { SampledRequestsEnabled: false } });
      expect(acl.Rules.map((r) => r.Name)).toEqual(['body-too-large', 'track-rate-per-ip', 'page-rate-per-ip']);
      for (const r of acl.Rules) expect(r.VisibilityConfig).toEqual({ SampledRequestsEnabled: false, CloudWatchMetricsEnabled: true, MetricName: r.Name });
    }
  });

  test('it is associated with the stage of this API', () => {
    for (const synth of [dev, prod]) {
      const associations = Object.values(resources(synth.api, 'AWS::WAFv2::WebACLAssociation'));
      expect(associations).toHaveLength(1);
      const { ResourceArn, WebACLArn } = associations[0]!.Properties as { ResourceArn: unknown; WebACLArn: unknown };
      const api = Object.keys(resources(synth.api, 'AWS::ApiGateway::RestApi'))[0];
      const stage = Object.keys(resources(synth.api, 'AWS::ApiGateway::Stage'))[0];
      expect(label(synth, ResourceArn)).toBe(`arn:AWS::Partition.Ref:apigateway:AWS::Region.Ref::/restapis/${api}.Ref/stages/${stage}.Ref`);
      expect(label(synth, WebACLArn)).toBe(`${Object.keys(resources(synth.api, 'AWS::WAFv2::WebACL'))[0]}.Arn`);
    }
  });

  test('a body over the stage limit is refused with 413 problem+json; WAF inspects the whole allowed size and treats anything beyond as over', () => {
    for (const synth of [dev, prod]) {
      const acl = webAcl(synth);
      const limit = (synth.config.waf as { maxBodyBytes: number }).maxBodyBytes;
      expect(limit).toBe(64 * 1024);
      expect(acl.AssociationConfig).toEqual({ RequestBody: { API_GATEWAY: { DefaultSizeInspectionLimit: 'KB_64' } } });
      const size = rule(acl, 'body-too-large');
      expect(size.Statement).toEqual({
        SizeConstraintStatement: { FieldToMatch: { Body: { OversizeHandling: 'MATCH' } }, ComparisonOperator: 'GT', Size: limit, TextTransformations: [{ Priority: 0, Type: 'NONE' }] },
      });
      const response = size.Action.Block!.CustomResponse;
      expect(response.ResponseCode).toBe(413);
      const custom = acl.CustomResponseBodies[response.CustomResponseBodyKey]!;
      expect(custom.ContentType).toBe('APPLICATION_JSON');
      expect(JSON.parse(custom.Content)).toEqual({ type: `${PROBLEM_BASE}payload-too-large`, title: 'Request too large', status: 413, detail: 'The body exceeds 64 KB' });
    }
  });

  test('one IP calling /v1/track too often gets 429 problem+json with Retry-After', () => {
    for (const synth of [dev, prod]) {
      const acl = webAcl(synth);
      const rate = rule(acl, 'track-rate-per-ip');
      expect(rate.Statement.RateBasedStatement).toMatchObject({
        Limit: (synth.config.waf as { trackRequestsPerIpPer5Minutes: number }).trackRequestsPerIpPer5Minutes,
        EvaluationWindowSec: 300,
        AggregateKeyType: 'IP',
        ScopeDownStatement: { ByteMatchStatement: { FieldToMatch: { UriPath: {} }, PositionalConstraint: 'CONTAINS', SearchString: '/v1/track/' } },
      });
      const response = rate.Action.Block!.CustomResponse;
      expect(response.ResponseCode).toBe(429);
      expect(response.ResponseHeaders).toEqual([{ Name: 'Retry-After', Value: '60' }]);
      const problem = JSON.parse(acl.CustomResponseBodies[response.CustomResponseBodyKey]!.Content) as Record<string, unknown>;
      expect(problem).toMatchObject({ type: `${PROBLEM_BASE}too-many-requests`, status: 429 });
    }
  });

  test('one IP calling the customer page (/r/…, /track) too often gets 429 as a small HTML page, never cached', () => {
    for (const synth of [dev, prod]) {
      const acl = webAcl(synth);
      const rate = rule(acl, 'page-rate-per-ip');
      expect(rate.Statement.RateBasedStatement).toMatchObject({
        Limit: (synth.config.waf as { pageRequestsPerIpPer5Minutes: number }).pageRequestsPerIpPer5Minutes,
        EvaluationWindowSec: 300,
        AggregateKeyType: 'IP',
        ScopeDownStatement: {
          OrStatement: {
            Statements: [
              { ByteMatchStatement: { FieldToMatch: { UriPath: {} }, PositionalConstraint: 'CONTAINS', SearchString: '/r/' } },
              { ByteMatchStatement: { FieldToMatch: { UriPath: {} }, PositionalConstraint: 'ENDS_WITH', SearchString: '/track' } },
            ],
          },
        },
      });
      const response = rate.Action.Block!.CustomResponse;
      expect(response.ResponseCode).toBe(429);
      expect(response.ResponseHeaders).toEqual([{ Name: 'Retry-After', Value: '60' }, { Name: 'Cache-Control', Value: 'no-store' }]);
      const body = acl.CustomResponseBodies[response.CustomResponseBodyKey]!;
      expect(body.ContentType).toBe('TEXT_HTML');
      expect(body.Content).toContain('<html lang="en">');
    }
  });

  test('a smaller body limit gets the smallest inspection size that sees it whole, and its own detail', () => {
    const small = synthStage('dev', { bundle: false, config: { ...stageConfig('dev'), waf: { maxBodyBytes: 20_000, trackRequestsPerIpPer5Minutes: 100, pageRequestsPerIpPer5Minutes: 600 } } });
    try {
      const acl = webAcl(small);
      expect(acl.AssociationConfig.RequestBody.API_GATEWAY!.DefaultSizeInspectionLimit).toBe('KB_32');
      expect(JSON.parse(acl.CustomResponseBodies['body-too-large']!.Content)).toMatchObject({ detail: 'The body exceeds 20000 bytes' });
    } finally {
      small.dispose();
    }
  });

  test('a stage configured without WAF has no web ACL and no association', () => {
    expect(resources(withoutWaf.api, 'AWS::WAFv2::WebACL')).toEqual({});
    expect(resources(withoutWaf.api, 'AWS::WAFv2::WebACLAssociation')).toEqual({});
  });
});
