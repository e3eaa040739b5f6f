/** A soak's size and bounds (see FULL_RUN and SHORT_RUN). */
export interface SoakSettings {
  requests: number;
  warmup: number;
  downRequests: number;
  slowRequests: number;
  stalledRequests: number;
  concurrency: number;
  appGrowthBytes: number;
  spans: number;
  devtoolsGrowthBytes: number;
}

export interface SoakPhase {
  name: string;
  requests: number;
  mismatches: number;
  samples: string[];
  serverErrors: number;
  hung: number;
  maxMs: number;
  statuses: Record<string, number>;
}

export interface SoakCheck {
  name: string;
  value: string;
  ok: boolean;
}

export interface SoakCache {
  cache: string;
  capacity: number;
  maxEntries: number;
  lastEntries: number;
  reports: number;
}

export interface SoakResult {
  phases: SoakPhase[];
  warm: { rssBytes: number; fds: number };
  end: { rssBytes: number; fds: number };
  caches: SoakCache[];
  spans: {
    spansSent: number;
    fullBytes: number;
    endBytes: number;
    peakBytes: number;
    stored: number;
    samples: number[];
  };
  checks: SoakCheck[];
  ok: boolean;
}

export declare const BACKEND_API_TIMEOUT_MS: number;
export declare const FULL_RUN: SoakSettings;
export declare const SHORT_RUN: SoakSettings;
export declare function runSoak(
  settings: SoakSettings,
  options?: { log?: (line: string) => void; seed?: number; appHost?: string },
): Promise<SoakResult>;
