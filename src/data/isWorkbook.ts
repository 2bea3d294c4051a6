/**
 * Whether bytes are a zip archive, as every Excel workbook (.xlsx) is: such a file given where a CSV is
 * expected is read as a workbook (see workbookText). Pure.
 *
 * @example isWorkbook(Buffer.from('PK\u0003\u0004…')) // => true
 */
export function isWorkbook(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
