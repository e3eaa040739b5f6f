export declare const REDIS_SERVER_PATH: string;

/** Installs Debian's redis-server when it is missing (as root); false when it cannot be. */
export declare function ensureRedisServer(): boolean;

export interface RunningRedisServer {
  port: number;
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** SIGKILL: the server is gone (resolves once it exited). */
  kill(): Promise<void>;
  /** SIGSTOP: connections stay open, nothing answers. */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** Starts it again on the same port after kill(). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts redis-server on a free loopback port, without persistence. */
export declare function startRedisServer(): Promise<RunningRedisServer>;
