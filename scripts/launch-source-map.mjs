// The mappings of a source map cut down to the positions in some of its sources, in one pass
// over the Base64 VLQ text (scripts/launch.mjs writes the bundle's small map with it). A
// decoder that builds an array per segment, then an encoder, took ~250 ms on the bundle's
// 230,000 segments, at every run that bundles.
const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const digitOf = new Int8Array(128).fill(-1);
for (let i = 0; i < digits.length; i++) digitOf[digits.charCodeAt(i)] = i;

/** One signed value in Base64 VLQ. */
function vlq(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let text = "";
  do {
    const low = v & 31;
    v >>>= 5;
    text += digits[v > 0 ? low | 32 : low];
  } while (v > 0);
  return text;
}

const comma = 44;
const semicolon = 59;

/**
 * `mappings` with only the segments whose source `kept[index]` is true; where the code after a
 * kept segment is in another source, a segment of its column alone marks it unmapped, so that
 * no lookup there lands on the kept source's position before it.
 */
export function sourcesOnly(mappings, kept) {
  // Running values (generated column, source, line, column, name) as read, and as written.
  const read = new Int32Array(5);
  const written = new Int32Array(5);
  const fields = new Int32Array(5);
  let count = 0;
  const lines = [];
  let line = [];
  let value = 0;
  let shift = 0;
  let mapped = false;
  for (let i = 0; i <= mappings.length; i++) {
    const c = i < mappings.length ? mappings.charCodeAt(i) : semicolon;
    if (c !== comma && c !== semicolon) {
      const d = c < 128 ? digitOf[c] : -1;
      if (d < 0 || count === 5) throw new Error(`not a source map's mappings (at ${i})`);
      value |= (d & 31) << shift;
      if (d & 32) shift += 5;
      else {
        fields[count++] = value & 1 ? -(value >>> 1) : value >>> 1;
        value = 0;
        shift = 0;
      }
      continue;
    }
    if (count > 0) {
      for (let f = 0; f < count; f++) read[f] += fields[f];
      const keep = count > 1 && kept[read[1]] === true;
      if (keep || mapped) {
        const n = keep ? count : 1;
        let segment = "";
        for (let f = 0; f < n; f++) {
          segment += vlq(read[f] - written[f]);
          written[f] = read[f];
        }
        line.push(segment);
      }
      mapped = keep;
      count = 0;
    }
    if (c === semicolon) {
      lines.push(line.join(","));
      line = [];
      read[0] = 0;
      written[0] = 0;
    }
  }
  return lines.join(";");
}
