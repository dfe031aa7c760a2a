/**
 * The names of a zip archive's entries, read from its central directory (APPNOTE.TXT 4.3.12,
 * 4.3.16): enough to see which wheels a plugins.zip carries without unpacking it. Never throws:
 * a file that is not a zip, or a truncated one, is a reason in words.
 */
export function zipEntryNames(zip: Buffer): { readonly names: readonly string[] } | { readonly problem: string } {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  // The end record is the last 22 bytes, followed by a comment of at most 65535 bytes.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return { problem: "is not a zip archive (no end of central directory record)" };
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL)
      return { problem: "is a damaged zip archive (its central directory is cut short)" };
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    if (at + 46 + nameLength > zip.length) return { problem: "is a damaged zip archive (an entry's name is cut short)" };
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString("utf8"));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { names };
}
