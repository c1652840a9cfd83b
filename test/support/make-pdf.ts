/**
 * Builds a small, valid PDF whose text layer holds the given lines (Chinese included): a Type0 font with
 * Identity-H encoding where each glyph id is the character's code point, and a ToUnicode map back to text.
 * No font program is embedded; text extraction needs only the ToUnicode map.
 */
export function makePdf(lines: string[]): Uint8Array {
  const characters = [...new Set(lines.join(''))].filter((character) => character.codePointAt(0)! <= 0xffff);
  const hex = (character: string) => character.codePointAt(0)!.toString(16).padStart(4, '0').toUpperCase();
  const mappings: string[] = [];
  for (let start = 0; start < characters.length; start += 100) {
    const block = characters.slice(start, start + 100);
    mappings.push(
      `${block.length} beginbfchar\n${block.map((character) => `<${hex(character)}> <${hex(character)}>`).join('\n')}\nendbfchar`,
    );
  }
  const toUnicode = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    ...mappings,
    'endcmap CMapName currentdict /CMapResource defineresource pop end end',
  ].join('\n');
  const content = [
    'BT',
    '/F1 12 Tf',
    '14 TL',
    '40 800 Td',
    ...lines.map((line) => `<${[...line].map(hex).join('')}> Tj T*`),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /HuiyingSong /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>',
    stream(content),
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /HuiyingSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 /CIDToGIDMap /Identity >>',
    stream(toUnicode),
    '<< /Type /FontDescriptor /FontName /HuiyingSong /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function stream(text: string): string {
  return `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`;
}
