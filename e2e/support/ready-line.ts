import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** The line the browser host (and the demo around it) prints once it serves the app. */
const READY_LINE = /ADS Route Studio: (http:\/\/\S+)/;

/**
 * Resolves with the app's link once `child` prints it; rejects if it exits or stays silent for `timeoutMs`. Every stdout
 * line also goes to `output`, for the error message of a start that went wrong.
 */
export function waitForAppLink(child: ChildProcess, output: string[], what: string, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error(`${what} printed no link within ${timeoutMs} ms`)), timeoutMs);
    child.once('error', (error) => reject(error));
    child.once('exit', (code, signal) => reject(new Error(`${what} exited early (${signal ?? `code ${code}`})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(`${line}\n`);
      const match = READY_LINE.exec(line);
      if (match?.[1]) {
        clearTimeout(guard);
        resolve(match[1]);
      }
    });
  });
}
