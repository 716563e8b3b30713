declare module 'vitest' {
  export interface ProvidedContext {
    /** The scratch database of this test run, migrated, as its owner. */
    databaseUrl: string;
    /** The Redis key prefix of this test run. */
    redisPrefix: string;
    /** The machine's Redis. */
    redisUrl: string;
  }
}

export {};
