import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readTextIfExists, writeFileAtomic } from '../files/atomic-write';

const SETTINGS_FILE = 'settings.json';
const KEY = 'twincatTargetFolder';

/** The TwinCAT target folder chosen in Settings; other keys of settings.json belong to other features and stay. */
export async function readLocalFolderSetting(dataDir: string): Promise<string | null> {
  const value = (await readAll(dataDir))[KEY];
  return typeof value === 'string' && value.trim() ? value : null;
}

export async function writeLocalFolderSetting(dataDir: string, folder: string | null): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const all = await readAll(dataDir);
  if (folder === null) delete all[KEY];
  else all[KEY] = folder;
  await writeFileAtomic(join(dataDir, SETTINGS_FILE), `${JSON.stringify(all, null, 2)}\n`, { backup: true });
}

async function readAll(dataDir: string): Promise<Record<string, unknown>> {
  const text = await readTextIfExists(join(dataDir, SETTINGS_FILE));
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
