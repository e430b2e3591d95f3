import { stat } from 'node:fs/promises';
import { join, posix, win32 } from 'node:path';

export type TargetFolderSource = 'settings' | 'TWINCAT3DIR' | 'default-4026' | 'default-4024' | 'tcbsd';

/** Where this PC's TwinCAT keeps StaticRoutes.xml, or why we did not find one. */
export type LocalTargetFolder =
  | { found: true; folder: string; source: TargetFolderSource }
  | { found: false; tried: Array<{ folder: string; source: TargetFolderSource }> };

export interface FolderProbe {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** The folder chosen in Settings; it wins when it exists. */
  override?: string | null;
  isDirectory?: (path: string) => Promise<boolean>;
}

/**
 * Candidates in the order TwinCAT itself would be found: the user's choice, TWINCAT3DIR (set by the 4024 and 4026
 * installers), the 4026 then 4024 default folders on Windows, and TwinCAT/BSD's fixed folder elsewhere.
 */
export function targetFolderCandidates(probe: Omit<FolderProbe, 'isDirectory'>): Array<{ folder: string; source: TargetFolderSource }> {
  const out: Array<{ folder: string; source: TargetFolderSource }> = [];
  if (probe.override?.trim()) out.push({ folder: probe.override.trim(), source: 'settings' });
  const windows = probe.platform === 'win32';
  const path = windows ? win32 : posix;
  const installDir = probe.env.TWINCAT3DIR?.trim();
  if (installDir) out.push({ folder: path.join(installDir, 'Target'), source: 'TWINCAT3DIR' });
  if (windows) {
    const programFiles = probe.env['ProgramFiles(x86)']?.trim() || 'C:\\Program Files (x86)';
    out.push({ folder: win32.join(programFiles, 'Beckhoff', 'TwinCAT', '3.1', 'Target'), source: 'default-4026' });
    out.push({ folder: 'C:\\TwinCAT\\3.1\\Target', source: 'default-4024' });
  } else {
    out.push({ folder: '/usr/local/etc/TwinCAT/3.1/Target', source: 'tcbsd' });
  }
  return out;
}

export async function findLocalTargetFolder(probe: FolderProbe): Promise<LocalTargetFolder> {
  const isDirectory = probe.isDirectory ?? defaultIsDirectory;
  const tried = targetFolderCandidates(probe);
  for (const candidate of tried) {
    if (await isDirectory(candidate.folder)) return { found: true, ...candidate };
  }
  return { found: false, tried };
}

export function staticRoutesPath(folder: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? win32.join(folder, 'StaticRoutes.xml') : join(folder, 'StaticRoutes.xml');
}

async function defaultIsDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
