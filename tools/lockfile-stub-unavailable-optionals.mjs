// Makes package-lock.json acceptable to `npm ci` when the registry in use lacks some platform-specific
// optional packages (e.g. @rollup/rollup-darwin-arm64): npm then leaves them out of the lock, and `npm ci`
// refuses the lock as "Missing: …". For each such package this adds a lock entry marked optional, with the
// os/cpu its name states, so npm skips it on other platforms exactly as it would with the real entry.
// Run after any dependency change: node tools/lockfile-stub-unavailable-optionals.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'netbsd', 'android', 'openharmony', 'sunos', 'aix'];
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'ppc64', 'riscv64', 's390x', 'loong64', 'mips64el', 'wasm32'];

function missingPackages() {
  const dir = mkdtempSync(join(tmpdir(), 'lockcheck-'));
  try {
    copyFileSync('package.json', join(dir, 'package.json'));
    copyFileSync('package-lock.json', join(dir, 'package-lock.json'));
    try {
      execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'pipe' });
      return [];
    } catch (error) {
      const output = String(error.stderr) + String(error.stdout);
      return [...output.matchAll(/Missing: (.+?)@\S* from lock file/g)].map((m) => m[1]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const os = OS.filter((o) => tokens.includes(o));
  const cpu = CPU.filter((c) => tokens.includes(c));
  const libc = tokens.includes('musl') || tokens.includes('musleabihf') ? ['musl'] : tokens.includes('gnu') || tokens.includes('gnueabihf') ? ['glibc'] : [];
  if (tokens.includes('musleabihf') || tokens.includes('gnueabihf')) cpu.push('arm');
  return { os: os.length ? os : ['unknown'], cpu: cpu.length ? [...new Set(cpu)] : undefined, libc: libc.length ? libc : undefined };
}

for (let pass = 1; pass <= 3; pass++) {
  const missing = missingPackages();
  if (missing.length === 0) {
    console.log('package-lock.json is accepted by npm ci');
    process.exit(0);
  }
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
  for (const name of missing) {
    const parent = Object.values(lock.packages).find((entry) => entry.optionalDependencies?.[name]);
    if (!parent) {
      console.error(`No package declares ${name} as optional; leaving it`);
      continue;
    }
    const { os, cpu, libc } = platformOf(name);
    lock.packages[`node_modules/${name}`] = {
      version: parent.optionalDependencies[name].replace(/^[\^~=]/, ''),
      ...(parent.dev ? { dev: true } : {}),
      optional: true,
      os,
      ...(cpu ? { cpu } : {}),
      ...(libc ? { libc } : {}),
    };
  }
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
  console.log(`pass ${pass}: stubbed ${missing.length} unavailable optional packages`);
}
console.error('package-lock.json is still not accepted by npm ci');
process.exit(1);
