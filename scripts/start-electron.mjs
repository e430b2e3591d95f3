// `npm start`: launches the built app in Electron, fetching Electron's binary first if this is the first start.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { ensureElectronBinary } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

if (!ensureElectronBinary(electronDir)) process.exit(1);

const electronPath = require('electron');
const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
