// Injected by the build (esbuild define); vitest runs the sources, where the fallback applies.
declare const __APP_VERSION__: string | undefined;

export const APP_NAME = 'ADS Route Studio';
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
