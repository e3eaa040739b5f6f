import type { DecisionRecord } from '@authlens/otel';

/** A decision record with every field empty but the ones a test sets (for the dashboard's pure helpers). */
export function testRecord(fields: Partial<DecisionRecord>): DecisionRecord {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    traceIds: ['0af7651916cd43dd8448eb211c80319c'],
    requestId: null,
    startTimeMs: 0,
    endTimeMs: 0,
    method: null,
    path: null,
    route: null,
    requestKind: null,
    tokenSource: null,
    tokenType: null,
    sessionStatus: null,
    userId: null,
    sessionId: null,
    orgId: null,
    orgRole: null,
    pendingPolicy: null,
    acceptsToken: null,
    acceptsTokenMatched: null,
    outcome: null,
    reason: null,
    statusCode: null,
    protect: null,
    protectCalls: [],
    authLatencyMs: 0,
    verifications: [],
    currentUserCalls: [],
    backendCalls: [],
    getTokenCalls: [],
    errors: [],
    spanIds: [],
    ...fields,
  };
}
