// Reads the Parquet file argv[2] with parquet-wasm 0.4.0 (2023) through its arrow2/parquet2 backend and prints
// it in a line-oriented form that NpmLegacyReaderInteropTest parses without a JSON library:
//
//   line 1:  name:type TAB name:type ...            (Arrow types as apache-arrow prints them)
//   then:    one line per row, cells separated by TAB
//
// Cells: \N for null; 64-bit integers and timestamps as the exact decimal of their BigInt (timestamps in the unit
// of the header, never converted); other numbers as String(value), the shortest text that parses back to the same
// double, with -0 printed as "-0" (String(-0) is "0"), and NaN, Infinity, -Infinity spelled out; strings as a
// JSON string literal (escapes TAB, newlines, quotes; non-BMP characters stay as they are).
//
// On any failure: the error message on stderr and exit code 1. Node's built-in fs only, no network.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DataType, tableFromIPC } from 'apache-arrow';

// parquet-wasm 0.4.0 has no "exports" map; node/arrow2.js is its CommonJS build for Node, which loads
// arrow2_bg.wasm synchronously from its own directory (the default "module" entry is for bundlers only).
const require = createRequire(import.meta.url);
const { readParquet } = require('parquet-wasm/node/arrow2.js');

/** A column's printer: (vector, data, row) to a cell; fails for types the test does not need. */
function printer(type) {
  if (DataType.isTimestamp(type)) {
    // The raw BigInt in the column's unit: apache-arrow's get() would convert to fractional milliseconds.
    return (vector, data, row) => exact(data.values[row]);
  }
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isBool(type)) {
    return (vector, data, row) => exact(vector.get(row));
  }
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) {
    return (vector, data, row) => JSON.stringify(vector.get(row));
  }
  throw new Error(`unsupported Arrow type ${String(type)}`);
}

function exact(value) {
  if (typeof value === 'bigint' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'number') {
    return Object.is(value, -0) ? '-0' : String(value);
  }
  throw new Error(`unexpected value ${String(value)}`);
}

function main(file) {
  if (!file) {
    throw new Error('usage: node read-parquet.mjs <file.parquet>');
  }
  const table = tableFromIPC(readParquet(new Uint8Array(readFileSync(file))));
  const fields = table.schema.fields;
  const out = [fields.map((f) => `${f.name}:${String(f.type)}`).join('\t')];
  const printers = fields.map((f) => printer(f.type));
  for (const batch of table.batches) {
    const vectors = fields.map((f, c) => batch.getChildAt(c));
    const data = fields.map((f, c) => batch.data.children[c]);
    for (let row = 0; row < batch.numRows; row++) {
      out.push(fields.map((f, c) => (vectors[c].isValid(row) ? printers[c](vectors[c], data[c], row) : '\\N'))
        .join('\t'));
    }
  }
  process.stdout.write(out.join('\n') + '\n');
}

try {
  main(process.argv[2]);
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
