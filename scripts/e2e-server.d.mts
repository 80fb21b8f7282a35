// Types for scripts/e2e-server.mjs (imported by the TypeScript e2e setup).
export declare const MIME: Record<string, string>;
export declare function serve(distDir: string, port?: number): Promise<{ url: string; close: () => Promise<void> }>;
