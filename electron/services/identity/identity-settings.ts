import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readTextIfExists, writeFileAtomic } from '../files/atomic-write';

export const SETTINGS_FILE = 'settings.json';

const identitySettingsSchema = z.object({
  localNetId: z
    .string()
    .regex(/^(\d{1,3})(\.\d{1,3}){5}$/)
    .optional(),
  hostname: z.string().min(1).max(31).optional(),
});
export type IdentitySettings = z.infer<typeof identitySettingsSchema>;

/** The identity keys of settings.json; other keys in the file belong to other features and are kept as they are. */
export async function readIdentitySettings(dataDir: string): Promise<IdentitySettings> {
  const all = await readAll(dataDir);
  const parsed = identitySettingsSchema.safeParse({ localNetId: all.localNetId, hostname: all.hostname });
  return parsed.success ? parsed.data : {};
}

export async function writeIdentitySettings(dataDir: string, patch: IdentitySettings): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const all = await readAll(dataDir);
  await writeFileAtomic(join(dataDir, SETTINGS_FILE), `${JSON.stringify({ ...all, ...patch }, null, 2)}\n`, { backup: true });
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
