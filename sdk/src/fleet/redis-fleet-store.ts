import type { BackendCallClass, BudgetObservation } from '../backend-api/rate-limit-budget.js';
import { BUDGET_SCRIPT } from './budget-script.js';
import type { BudgetPolicy, BudgetTake, FleetStore } from './fleet-store.js';

/** The node-redis (v5) client methods this store uses; loaded only on Node, so the type is spelled here. */
export interface RedisCommands {
  readonly isReady: boolean;
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  scriptLoad(script: string): Promise<string>;
  get(key: string): Promise<string | null>;
  set(
    key: string,
    value: string,
    options: { expiration: { type: 'PX'; value: number }; condition?: 'NX' },
  ): Promise<string | null>;
  del(key: string): Promise<number>;
  ping(): Promise<string>;
}

/**
 * The {@link FleetStore} on one Redis: every key under `namespace` (the instance's, never a secret), each with a
 * TTL; the budget updated atomically by a Lua script. Its calls reject when Redis does not answer; see
 * {@link ResilientFleetStore} for what the SDK does then.
 */
export class RedisFleetStore implements FleetStore {
  readonly scope = 'fleet' as const;
  readonly namespace: string;
  readonly #redis: RedisCommands;
  #sha: Promise<string> | null = null;

  readonly #whenReady: () => Promise<void>;

  /** `whenReady` resolves once the client is connected (it does not queue commands while it is not). */
  constructor(redis: RedisCommands, namespace: string, whenReady: () => Promise<void> = async () => {}) {
    this.#redis = redis;
    this.namespace = namespace;
    this.#whenReady = whenReady;
  }

  key(logical: string): string {
    return `${this.namespace}:${logical}`;
  }

  async takeBudget(callClass: BackendCallClass, policy: BudgetPolicy): Promise<BudgetTake> {
    return this.#budget('take', callClass, policy, ['-1', '-1', '-1', '-1', '-1']);
  }

  async observeBudget(answer: BudgetObservation, policy: BudgetPolicy): Promise<void> {
    const rl = answer.rateLimit;
    await this.#budget('observe', answer.callClass, policy, [
      String(answer.status),
      String(rl?.limit ?? -1),
      String(rl?.remaining ?? -1),
      String(rl?.resetAt ?? -1),
      String(answer.retryAfter ?? -1),
    ]);
  }

  get(key: string): Promise<string | null> {
    return this.#redis.get(this.key(key));
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const px = Math.ceil(ttlMs);
    if (!(px > 0)) return;
    await this.#redis.set(this.key(key), value, { expiration: { type: 'PX', value: px } });
  }

  async delete(key: string): Promise<void> {
    await this.#redis.del(this.key(key));
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const px = Math.max(1, Math.ceil(ttlMs));
    const answer = await this.#redis.set(this.key(key), '1', {
      expiration: { type: 'PX', value: px },
      condition: 'NX',
    });
    return answer === 'OK';
  }

  async ping(): Promise<void> {
    if (!this.#redis.isReady) await this.#whenReady();
    await this.#redis.ping();
  }

  async #budget(op: string, callClass: BackendCallClass, policy: BudgetPolicy, rest: string[]): Promise<BudgetTake> {
    const args = [
      op,
      String(policy.now),
      String(policy.reservedShare),
      String(policy.assumedLimit),
      callClass,
      ...rest,
    ];
    const options = { keys: [this.key('budget')], arguments: args };
    this.#sha ??= this.#redis.scriptLoad(BUDGET_SCRIPT);
    let reply: unknown;
    try {
      reply = await this.#redis.evalSha(await this.#sha, options);
    } catch (error) {
      // Redis restarted (scripts are not persisted): load it again once.
      if (!String((error as Error | null)?.message).startsWith('NOSCRIPT')) {
        this.#sha = null;
        throw error;
      }
      this.#sha = this.#redis.scriptLoad(BUDGET_SCRIPT);
      reply = await this.#redis.evalSha(await this.#sha, options);
    }
    const [allowed, remaining, limit] = reply as [number, number, number];
    return { allowed: allowed === 1, remaining, limit };
  }
}
