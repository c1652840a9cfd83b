import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One entry of a test ZIP: stored bytes, or already-deflated bytes with the size and CRC the headers should claim. */
export type ZipPart = { name: string; data: Uint8Array; deflated?: { size: number; crc: number } };

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELATIONSHIPS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOCUMENT_OPEN = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`;
const DOCUMENT_CLOSE = '</w:body></w:document>';

/** Builds a minimal Word document (.docx) with one paragraph per line, as a stored (uncompressed) ZIP; `extra` entries are added as given. */
export function makeDocx(paragraphs: string[], extra: ZipPart[] = []): Uint8Array {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const document = `${DOCUMENT_OPEN}${paragraphs
    .map((paragraph) => `<w:p><w:r><w:t xml:space="preserve">${escape(paragraph)}</w:t></w:r></w:p>`)
    .join('')}${DOCUMENT_CLOSE}`;
  return makeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELATIONSHIPS) },
    { name: 'word/document.xml', data: Buffer.from(document) },
    ...extra,
  ]);
}

/**
 * A .docx whose word/document.xml inflates to `megabytes` MB of one paragraph while the file stays small: the same
 * deflated megabyte repeated (deflate blocks that end in a sync flush can be chained). `declaredSize` makes the
 * headers lie about the unpacked size, as a crafted bomb's do.
 */
export function makeDocxBomb(options: { megabytes: number; declaredSize?: number }): Uint8Array {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  const open = Buffer.from(`${DOCUMENT_OPEN}<w:p><w:r><w:t>`);
  const close = Buffer.from(`</w:t></w:r></w:p>${DOCUMENT_CLOSE}`);
  // 大 is three bytes in UTF-8: 349,525 of them make (almost) a megabyte of whole characters.
  const megabyte = Buffer.alloc(3 * 349_525, '大');
  const repeated = deflateRawSync(megabyte, flush);
  const blocks = [deflateRawSync(open, flush)];
  let crc = crc32(open);
  for (let index = 0; index < options.megabytes; index += 1) {
    blocks.push(repeated);
    crc = crc32(megabyte, crc);
  }
  blocks.push(deflateRawSync(close));
  crc = crc32(close, crc);
  const size = open.length + options.megabytes * megabyte.length + close.length;
  return makeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELATIONSHIPS) },
    { name: 'word/document.xml', data: Buffer.concat(blocks), deflated: { size: options.declaredSize ?? size, crc } },
  ]);
}

/** Writes a ZIP archive of the given parts (names in UTF-8). */
export function makeZip(parts: ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const nameBytes = Buffer.from(part.name, 'utf8');
    const data = Buffer.from(part.data);
    const checksum = part.deflated?.crc ?? crc32(data);
    const size = part.deflated?.size ?? data.length;
    const method = part.deflated ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
