/**
 * How the Node server builds a large document's next version (editableDocument.ts says why): the
 * parts are written into a buffer and read back as one string. Node makes a string of over about
 * 1 MB from a buffer an external string, whose characters live in memory malloc reuses from version
 * to version, so the text is copied twice into warm memory instead of once into fresh pages. Below
 * that size Node would copy into V8's heap anyway, and texts that are not all Latin-1 would need
 * two bytes per character: both keep the rope.
 */
import { ropeSplice, type TextSplice } from './editableDocument';

/** Node's threshold (EXTERN_APEX, 0xFBEE9 characters) rounded up: above it a decoded string is external. */
const EXTERNAL_TEXT_LENGTH = 1 << 20;

export const nodeTextSplice: TextSplice = (text, start, end, inserted, latin1) => {
  const length = text.length - (end - start) + inserted.length;
  if (!latin1 || length < EXTERNAL_TEXT_LENGTH) return ropeSplice(text, start, end, inserted, latin1);
  const buffer = Buffer.allocUnsafeSlow(length);
  let at = buffer.write(text.substring(0, start), 0, 'latin1');
  at += buffer.write(inserted, at, 'latin1');
  buffer.write(text.substring(end), at, 'latin1');
  return buffer.toString('latin1', 0, length);
};
