/** A TCP port free on the loopback interface right now, for a server a test or bench is about to start. */
export declare function freePort(): Promise<number>;
