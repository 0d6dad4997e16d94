import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';
import { InvokeStoreBase } from '@aws/lambda-invoke-store';

type InvocationState = Record<string | symbol, unknown>;

/**
 * Locally every function runs in one process, with one Powertools logger, and invocations
 * interleave: a stream consumer's lines would carry the function name and request id of whichever
 * API request set the logger's context last. Lambda meets the same problem where one environment
 * runs invocations concurrently (AWS_LAMBDA_MAX_CONCURRENCY): its runtime keeps each invocation's
 * state in the InvokeStore, backed by an AsyncLocalStorage, and Powertools scopes the logger's
 * context, keys and level (and the batch processor's state) to it. The local stack does the same.
 */
class LocalInvokeStore extends InvokeStoreBase {
  private readonly storage = new AsyncLocalStorage<InvocationState>();
  /** What module scope (a function's init, outside any invocation) reads and writes, as with the single-invocation store. */
  private readonly initState: InvocationState = {};

  getContext(): InvocationState | undefined {
    return this.storage.getStore();
  }

  hasContext(): boolean {
    return this.storage.getStore() !== undefined;
  }

  get<T = unknown>(key: string | symbol): T | undefined {
    return (this.storage.getStore() ?? this.initState)[key] as T | undefined;
  }

  set<T = unknown>(key: string | symbol, value: T): void {
    if (this.isProtectedKey(key)) throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    (this.storage.getStore() ?? this.initState)[key] = value;
  }

  run<T>(context: InvocationState, fn: () => T): T {
    return this.storage.run(context, fn);
  }
}

/**
 * LOCAL_INVOCATION_CONTEXTS=off (the latency bench): functions run as standard Lambda runs them,
 * one invocation at a time per environment, whose runtime keeps no AsyncLocalStorage. Its promise
 * hooks cost every promise of the process, ≈ 0.2 ms of a request here, which a deployed function
 * never pays; the price is log lines sharing one context, and the bench writes none.
 */
const perInvocation = process.env.LOCAL_INVOCATION_CONTEXTS !== 'off';
const store = perInvocation ? new LocalInvokeStore() : null;
if (store) {
  // Installed over any single-invocation store the SDK's own import created: this process is a
  // concurrent environment, and the runtime would give it this kind of store.
  const lambdaGlobal = globalThis as { awslambda?: { InvokeStore?: InvokeStoreBase } };
  (lambdaGlobal.awslambda ??= {}).InvokeStore = store;
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '1000';
}

/** Runs one invocation of a function in a context of its own, as the runtime does for each request. */
export function asInvocation<T>(context: Pick<Context, 'awsRequestId'>, run: () => Promise<T>): Promise<T> {
  return store ? store.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId }, run) : run();
}
