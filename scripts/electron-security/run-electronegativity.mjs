/**
 * Runs electronegativity's own runner (what `electronegativity -i DIR -o FILE.csv -r -x CHECKS -e VERSION`
 * calls) and prints one machine-readable summary line. A launcher instead of the CLI because the CLI,
 * when writing a report, prints nothing: not the number of checks run, nor which files failed to parse.
 * Its CSV writer starts the header write and the rows write at once (two unawaited fs.writeFile
 * calls on one path), which now and then leaves a torn report; here those writes run one after the
 * other. The caller reads the report after this process exits and compares its rows with `issues`.
 *
 * usage: node run-electronegativity.mjs <input-dir> <output.csv> <electron-version> [excluded,checks]
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

const writeFile = fs.writeFile;
let pendingWrites = Promise.resolve();
fs.writeFile = function serialisedWriteFile(file, data, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'function' ? {} : options;
  pendingWrites = pendingWrites.then(
    () =>
      new Promise((settle) => {
        writeFile.call(fs, file, data, opts, (error) => {
          settle();
          if (done) done(error);
        });
      }),
  );
};

// electronegativity is CommonJS and patched `fs` must be the object it requires.
const load = createRequire(import.meta.url);
const run = load('@doyensec/electronegativity');

const [input, output, electronVersion, excluded = ''] = process.argv.slice(2);
if (!input || !output || !electronVersion) {
  process.stderr.write('usage: run-electronegativity.mjs <input-dir> <output.csv> <electron-version> [excluded,checks]\n');
  process.exit(2);
}

run({
  input,
  output,
  isSarif: false,
  isRelative: true,
  isVerbose: false,
  customScan: [],
  excludeFromScan: excluded.split(',').map((check) => check.trim().toLowerCase()).filter(Boolean),
  electronVersionOverride: electronVersion,
  parserPlugins: [],
})
  .then((result) => {
    const summary = {
      globalChecks: result.globalChecks,
      atomicChecks: result.atomicChecks,
      issues: result.issues.length,
      parseErrors: result.errors
        .filter((error) => !error.tolerable)
        .map((error) => ({ file: String(error.file), message: String(error.message).slice(0, 300) })),
    };
    process.stdout.write(`\n@@electronegativity-summary ${JSON.stringify(summary)}\n`);
  })
  .catch((error) => {
    process.stderr.write(`electronegativity failed: ${(error && error.stack) || error}\n`);
    process.exit(1);
  });
