import { crc32, inflateRawSync } from 'node:zlib';
import { HuiyingError } from '../../config/huiying-error.ts';

/** An entry of a ZIP archive, inflated and checked: its name and its bytes. */
export type ZipEntry = { name: string; bytes: Uint8Array };

export type ZipLimits = {
  /** Most entries the archive's directory may list (a real .docx has tens to a few hundred). */
  maxEntries: number;
  /** Most bytes the included entries may unpack to, all together: declared sizes are checked before inflating, actual output while inflating. */
  maxUnzippedBytes: number;
};

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * Reads a ZIP archive (.docx now; .xlsx or OFD later) without trusting it: the entry count and the declared sizes
 * are checked against the limits before anything is inflated, each entry is inflated with a cap at its declared size
 * (so a lying header cannot make it grow) and checked against its CRC, and only the entries `include` names are
 * inflated at all (a .docx's images are never unpacked). Anything wrong fails the file with a reason, never the process.
 */
export function readZipEntries(
  bytes: Uint8Array,
  options: ZipLimits & { source: string; include: (name: string) => boolean },
): ZipEntry[] {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (problem: string) =>
    new HuiyingError({
      code: 'source-corrupt',
      message: `${options.source} is not a readable ZIP archive (${problem}). Open and re-save it, or export it as PDF.`,
    });
  const end = findEndOfDirectory(data);
  if (end < 0) throw corrupt('no end-of-directory record');
  const count = data.readUInt16LE(end + 10);
  const directorySize = data.readUInt32LE(end + 12);
  const directoryOffset = data.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw corrupt('ZIP64, which no document under the size limit needs');
  if (count > options.maxEntries)
    throw tooLarge(options.source, `lists ${count} entries, more than the ${options.maxEntries} a document may have`);
  if (directoryOffset + directorySize > end) throw corrupt('its directory lies outside the file');

  const listed: Array<{ name: string; method: number; crc: number; compressed: number; size: number; offset: number }> =
    [];
  const names = new Set<string>();
  let declared = 0;
  for (let at = directoryOffset, index = 0; index < count; index += 1) {
    if (at + 46 > end || data.readUInt32LE(at) !== DIRECTORY_ENTRY) throw corrupt('a damaged directory entry');
    const flags = data.readUInt16LE(at + 8);
    const nameLength = data.readUInt16LE(at + 28);
    const name = data.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    const entry = {
      name,
      method: data.readUInt16LE(at + 10),
      crc: data.readUInt32LE(at + 16),
      compressed: data.readUInt32LE(at + 20),
      size: data.readUInt32LE(at + 24),
      offset: data.readUInt32LE(at + 42),
    };
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    // Two entries of one name could be read differently by two readers: refuse the ambiguity.
    if (names.has(name)) throw corrupt(`two entries named ${name}`);
    names.add(name);
    if (!options.include(name)) continue;
    if (flags & 0x1) throw corrupt(`${name} is encrypted`);
    declared += entry.size;
    listed.push(entry);
  }
  if (declared > options.maxUnzippedBytes)
    throw tooLarge(
      options.source,
      `declares ${megabytes(declared)} MB of content when unpacked`,
      options.maxUnzippedBytes,
    );

  let unpacked = 0;
  return listed.map((entry) => {
    if (entry.offset + 30 > end || data.readUInt32LE(entry.offset) !== LOCAL_HEADER)
      throw corrupt(`a damaged header for ${entry.name}`);
    const start = entry.offset + 30 + data.readUInt16LE(entry.offset + 26) + data.readUInt16LE(entry.offset + 28);
    if (start + entry.compressed > end) throw corrupt(`${entry.name} runs past the end of the file`);
    const packed = data.subarray(start, start + entry.compressed);
    let inflated: Buffer;
    if (entry.method === STORED) inflated = packed;
    else if (entry.method !== DEFLATED) throw corrupt(`${entry.name} uses compression method ${entry.method}`);
    else {
      try {
        // The cap is the declared size: an entry that inflates past what its header says is a bomb, not a document.
        inflated = inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
          throw tooLarge(
            options.source,
            `has ${entry.name} unpacking to more than the ${entry.size} bytes it declares`,
          );
        throw corrupt(`${entry.name} does not inflate: ${(error as Error).message}`);
      }
    }
    if (inflated.length !== entry.size) throw corrupt(`${entry.name} is not the size its header declares`);
    if (crc32(inflated) !== entry.crc) throw corrupt(`${entry.name} fails its checksum`);
    unpacked += inflated.length;
    if (unpacked > options.maxUnzippedBytes)
      throw tooLarge(
        options.source,
        `unpacks to more than ${megabytes(options.maxUnzippedBytes)} MB`,
        options.maxUnzippedBytes,
      );
    return { name: entry.name, bytes: inflated };
  });
}

function findEndOfDirectory(data: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at -= 1)
    if (data.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  return -1;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function tooLarge(source: string, what: string, limit?: number): HuiyingError {
  return new HuiyingError({
    code: 'source-too-large',
    message: `${source} ${what}${limit === undefined ? '' : `, over the ${megabytes(limit)} MB limit for unpacked content (set by HUIYING_MAX_FILE_MB)`}: it looks like a ZIP bomb, not a document. Re-save it from its application, or split it.`,
    details: { limit },
  });
}
