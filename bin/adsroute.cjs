#!/usr/bin/env node
'use strict';
// The CLI is bundled by `npm run build`; this stub keeps the bin entry stable.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'electron', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  console.error('adsroute: not built yet. Run `npm run build` first.');
  process.exit(2);
}
require(bundle);
