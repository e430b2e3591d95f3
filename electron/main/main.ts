import { join } from 'node:path';
import { composeServices } from '../services/compose';
import { startApp } from './lifecycle';

// Bundled to dist/electron/main.cjs; the preload sits next to it and the renderer one folder up, inside app.asar too.
void startApp({
  paths: { preload: join(__dirname, 'preload.cjs'), indexHtml: join(__dirname, '..', 'renderer', 'index.html') },
  composeServices,
});
