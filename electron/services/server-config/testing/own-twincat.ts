import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLocalFolderSetting } from '../local-folder-setting';

/**
 * This PC's TwinCAT as tests lay it out: a fresh data folder whose Settings name a target folder laid out as TwinCAT
 * 3.1 does (`<dataDir>/TwinCAT/3.1/Target`), holding StaticRoutes.xml when the test gives one.
 */
export interface OwnTwinCat {
  dataDir: string;
  /** The TwinCAT target folder named in the data folder's settings.json. */
  folder: string;
  /** This PC's StaticRoutes.xml in `folder` (it exists only once written). */
  staticRoutesPath: string;
  writeStaticRoutes(text: string): Promise<void>;
  readStaticRoutes(): Promise<string>;
  /** The names of the StaticRoutes.xml backups in `folder`. */
  backups(): Promise<string[]>;
  /** Deletes the data folder and the target folder in it. */
  remove(): Promise<void>;
}

export async function createOwnTwinCat(options: { prefix?: string; staticRoutes?: string } = {}): Promise<OwnTwinCat> {
  const dataDir = await mkdtemp(join(tmpdir(), options.prefix ?? 'ars-own-twincat-'));
  const folder = join(dataDir, 'TwinCAT', '3.1', 'Target');
  const staticRoutesPath = join(folder, 'StaticRoutes.xml');
  await mkdir(folder, { recursive: true });
  await writeLocalFolderSetting(dataDir, folder);
  const twincat: OwnTwinCat = {
    dataDir,
    folder,
    staticRoutesPath,
    writeStaticRoutes: (text) => writeFile(staticRoutesPath, text),
    readStaticRoutes: () => readFile(staticRoutesPath, 'utf8'),
    backups: async () => (await readdir(folder)).filter((name) => name.startsWith('StaticRoutes.xml.bak')).sort(),
    remove: () => rm(dataDir, { recursive: true, force: true }),
  };
  if (options.staticRoutes !== undefined) await twincat.writeStaticRoutes(options.staticRoutes);
  return twincat;
}
