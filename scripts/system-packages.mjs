#!/usr/bin/env node
// The test suite drives Debian's Chromium and talks to openssl, nmap, tshark and iproute2 as independent peers.
// A fresh machine has none of them: as root with apt, install what is missing; otherwise say in one line what
// is missing and how to get it, and fail before any test runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian package → the command that proves it is there. */
const PACKAGES = {
  chromium: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || '/usr/bin/chromium',
  openssl: 'openssl',
  nmap: 'nmap',
  iproute2: 'ip',
  'iputils-ping': 'ping',
  tshark: 'tshark',
};

function hasCommand(command) {
  if (command.startsWith('/')) return existsSync(command);
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const missing = () =>
  Object.entries(PACKAGES)
    .filter(([, command]) => !hasCommand(command))
    .map(([pkg]) => pkg);

let absent = missing();
if (absent.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && hasCommand('apt-get')) {
  console.log(`system packages: installing ${absent.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...absent], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
  } catch {
    // Fall through: the check below names what is still missing.
  }
  absent = missing();
  if (absent.length === 0) process.exit(0);
}

console.error(
  `Missing system packages: ${absent.join(' ')}. Install them with: sudo apt-get install --no-install-recommends ${absent.join(' ')}`,
);
process.exit(1);
