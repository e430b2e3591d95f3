/** The one line `npm start` prints when Electron's binary cannot be downloaded. */
export declare const DOWNLOAD_FAILED: string;
export declare function ensureElectronBinary(
  electronDir: string,
  output?: { log?: (line: string) => void; error?: (line: string) => void },
): boolean;
