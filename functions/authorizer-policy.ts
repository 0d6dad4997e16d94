import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { mayReach, type Principal } from '../shared/domain/access.js';
import { API_ROUTES } from './routes.js';

/**
 * The authorizer's policy, derived from the route table: Allow on exactly the routes this
 * principal's kind and scopes reach (path parameters as `*`), so API Gateway itself refuses a store
 * key on a network route or a network key without the scope (403). The policy names every route
 * the key may call, not only the one being called, so API Gateway's per-key cache stays valid for
 * the whole stage. The function checks the same declaration again (shared/http/request.ts): the
 * gateway is the outer fence, the function the single source that also runs locally and in tests.
 */
export function policyFor(principal: Principal, methodArn: string): APIGatewayAuthorizerResult['policyDocument'] {
  const [arnPrefix, stage] = methodArn.split('/');
  const resources = API_ROUTES.filter((route) => route.access !== 'public' && mayReach(route.access, principal)).map(
    (route) => `${arnPrefix}/${stage}/${route.method}${route.path.replace(/\{\w+\}/g, '*')}`,
  );
  if (resources.length === 0) {
    return { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: `${arnPrefix}/${stage}/*/*` }] };
  }
  return { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resources }] };
}

/** Each resource's pattern, compiled once: the local gateway checks a cached policy's every resource on each request. */
const patterns = new Map<string, RegExp>();

/** IAM-style match of an execute-api ARN against a policy resource (`*` spans any characters, as in IAM). */
export function resourceMatches(resource: string, arn: string): boolean {
  let pattern = patterns.get(resource);
  if (!pattern) {
    pattern = new RegExp(`^${resource.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    patterns.set(resource, pattern);
  }
  return pattern.test(arn);
}

/** What API Gateway decides from a (cached) policy for one method ARN: an explicit Deny wins, then any Allow. */
export function policyAllows(policy: APIGatewayAuthorizerResult['policyDocument'], methodArn: string): boolean {
  let allowed = false;
  for (const statement of policy.Statement) {
    const raw = (statement as { Resource?: string | string[] }).Resource ?? [];
    const resources = Array.isArray(raw) ? raw : [raw];
    if (!resources.some((resource) => resourceMatches(resource, methodArn))) continue;
    if (statement.Effect === 'Deny') return false;
    if (statement.Effect === 'Allow') allowed = true;
  }
  return allowed;
}
