#!/usr/bin/env node
// The `adf` command of the npm package: runs the native build from the platform package npm
// installed (an optional dependency matching this machine), else the portable WebAssembly build
// shipped here, under Node's WASI. README.md tells when each is used.
'use strict';

const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** Set to 1 to skip the native build (tests; a native install that is broken). */
const FORCE_WASI = 'ADF_NPM_FORCE_WASI';

/** Exit status of a run that could not start at all, as `adf` itself uses for usage errors. */
const CANNOT_RUN = 2;

/** Exit status of a Rust panic natively; a trap in the WebAssembly build is the same failure. */
const PANICKED = 101;

/** What the notes say when the native build is passed over. */
const PORTABLE = 'using the portable WebAssembly build';

const args = process.argv.slice(2);

function note(message) {
  // Not through process.stderr: making that stream sets a pipe non-blocking, and when standard
  // output shares it (`2>&1 | less`) the WASI build's large writes could then fail with EAGAIN.
  try {
    fs.writeSync(2, `adf (npm): ${message}\n`);
  } catch {
    // Standard error is closed: the note is lost, the run goes on.
  }
}

/**
 * The native executable of the platform package for this machine, or null when none is
 * installed (or it is not this launcher's version: the two are released together, and the
 * portable build here is the one that matches). The package name is derived, not listed: npm
 * only installs the optional dependency whose `os` and `cpu` match, and this file never needs
 * editing when a platform is added.
 */
function nativeBinary() {
  const name = `adf-language-tools-${process.platform}-${process.arch}`;
  let manifest;
  try {
    manifest = require.resolve(`${name}/package.json`);
  } catch {
    note(
      `no native build installed for ${process.platform}-${process.arch}; ${PORTABLE} ` +
        '(slower; see README.md of adf-language-tools)',
    );
    return null;
  }
  const theirs = require(manifest).version;
  const ours = require('../package.json').version;
  if (theirs !== ours) {
    note(`${name} is ${theirs}, adf-language-tools ${ours}; ${PORTABLE} (reinstall both to fix)`);
    return null;
  }
  const file = path.join(path.dirname(manifest), process.platform === 'win32' ? 'adf.exe' : 'adf');
  if (!fs.existsSync(file)) {
    note(`${name} holds no ${file}; ${PORTABLE} (reinstall it to fix)`);
    return null;
  }
  return file;
}

/**
 * Runs the native executable with this process's standard streams and ends like it: same exit
 * code, or the same signal. Calls `fallback` when it cannot be started (before it wrote
 * anything, so the fallback's output is the only output).
 */
function runNative(file, fallback) {
  const child = childProcess.spawn(file, args, { stdio: 'inherit', windowsHide: true });
  // A Ctrl-C reaches the whole process group: the child gets it from the terminal. A signal
  // sent to this process alone (a CI runner's timeout, `kill`) is passed on. Either way this
  // process waits for the child, so the exit status is the child's. Windows has no signals to
  // pass: its console sends Ctrl-C to the child as well, and `kill` there would terminate it
  // outright, so Ctrl-C is only kept from ending this process first.
  const windows = process.platform === 'win32';
  const forwarded = windows ? ['SIGINT'] : ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];
  const handlers = forwarded.map((signal) => {
    const handler = () => {
      if (windows) {
        return;
      }
      try {
        child.kill(signal);
      } catch {
        // The child is already gone; its exit event ends this process.
      }
    };
    process.on(signal, handler);
    return [signal, handler];
  });
  const stopForwarding = () => {
    handlers.forEach(([signal, handler]) => process.off(signal, handler));
  };
  let started = false;
  child.on('spawn', () => {
    started = true;
  });
  child.on('error', (error) => {
    stopForwarding();
    if (!started) {
      note(`cannot start ${file} (${error.code || error.message}); ${PORTABLE}`);
      fallback();
    } else {
      note(`${file}: ${error.message}`);
      process.exitCode = CANNOT_RUN;
    }
  });
  child.on('exit', (code, signal) => {
    stopForwarding();
    if (signal) {
      // Die of the same signal, so a shell or CI runner sees what the child died of.
      process.kill(process.pid, signal);
      return;
    }
    process.exitCode = code === null ? CANNOT_RUN : code;
  });
}

/**
 * Loads `node:wasi` without its ExperimentalWarning: it tells users of `adf` nothing they can
 * act on, and the launcher pins what it uses (`version: 'preview1'`). Every other warning
 * passes.
 */
function loadWasi() {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) {
    const type = typeof rest[0] === 'string' ? rest[0] : rest[0] && rest[0].type;
    const text = typeof warning === 'string' ? warning : warning && warning.message;
    if (type === 'ExperimentalWarning' && /\bWASI\b/.test(String(text))) {
      return;
    }
    return emitWarning.call(this, warning, ...rest);
  };
  try {
    return require('node:wasi').WASI;
  } catch (error) {
    // Node before 20 may load WASI only when started with the flag (nodejs/node#47286 made
    // it unconditional in 20.0.0).
    note(
      `the portable build needs node:wasi (${error.code || error.message}): use Node.js 20 or ` +
        'later, or set NODE_OPTIONS=--experimental-wasi-unstable-preview1',
    );
    return null;
  } finally {
    process.emitWarning = emitWarning;
  }
}

/**
 * What the WebAssembly build sees of the disk: the whole file system at `/`, so that absolute
 * paths work as natively, and the current folder as its working folder (in PWD, which the
 * WASI build of `adf` changes to at start), so that relative paths resolve, and print, as
 * natively. On Windows the drive of the current folder is its `/` (paths on other drives are
 * not reachable).
 */
function guestFileSystem() {
  const cwd = process.cwd();
  if (process.platform !== 'win32') {
    return { preopens: { '/': '/' }, cwd };
  }
  const root = path.parse(cwd).root;
  const inside = cwd.slice(root.length).split(path.sep).filter(Boolean).join('/');
  return { preopens: { '/': root }, cwd: `/${inside}` };
}

function runWasi() {
  const wasmFile = path.join(__dirname, '..', 'adf.wasm');
  let bytes;
  try {
    bytes = fs.readFileSync(wasmFile);
  } catch (error) {
    note(`cannot read the portable build ${wasmFile}: ${error.message}`);
    process.exitCode = CANNOT_RUN;
    return;
  }
  const WASI = loadWasi();
  if (WASI === null) {
    process.exitCode = CANNOT_RUN;
    return;
  }
  const guest = guestFileSystem();
  const wasi = new WASI({
    version: 'preview1',
    args: ['adf', ...args],
    env: { ...process.env, PWD: guest.cwd },
    preopens: guest.preopens,
    returnOnExit: true,
  });
  // getImportObject arrived in Node 19.8; the import module name is WASI preview1's.
  const imports =
    typeof wasi.getImportObject === 'function'
      ? wasi.getImportObject()
      : { wasi_snapshot_preview1: wasi.wasiImport };
  WebAssembly.instantiate(bytes, imports)
    .then(({ instance }) => {
      let code;
      try {
        code = wasi.start(instance);
      } catch (error) {
        // A panic aborts as a trap (wasm has no unwinding); Rust printed its message already.
        if (error instanceof WebAssembly.RuntimeError) {
          note(`the portable build stopped: ${error.message}`);
          process.exitCode = PANICKED;
          return;
        }
        throw error;
      }
      process.exitCode = typeof code === 'number' ? code : 0;
    })
    .catch((error) => {
      note(`cannot run the portable build: ${error.message}`);
      process.exitCode = CANNOT_RUN;
    });
}

function main() {
  if (process.env[FORCE_WASI] === '1') {
    runWasi();
    return;
  }
  const native = nativeBinary();
  if (native === null) {
    runWasi();
    return;
  }
  runNative(native, runWasi);
}

main();
