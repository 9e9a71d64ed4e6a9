import { describe, expect, test } from 'vitest';
import { acceptedType, contentDisposition, safeFileName } from './rules';

describe('attachment rules', () => {
  test.each([
    [{ mime: 'application/pdf' }, 'application/pdf'],
    [{ mime: 'image/png' }, 'image/png'],
    [{ mime: 'image/heif' }, 'image/heic'],
    [{ mime: 'application/x-msdownload' }, null],
    [{ mime: 'application/zip' }, null],
    [{ mime: 'text/html' }, null],
  ])('a file detected as %o is %s', (detected, expected) => {
    expect(acceptedType(detected, Buffer.from('x'))).toBe(expected);
  });

  test('unrecognised bytes are plain text only when they are valid UTF-8 without control characters', () => {
    expect(acceptedType(undefined, Buffer.from('Notes from the meeting\r\n\tline two — ok'))).toBe('text/plain');
    expect(acceptedType(undefined, Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).toBeNull();
    expect(acceptedType(undefined, Buffer.from([0xff, 0xfe, 0x41]))).toBeNull();
    expect(acceptedType(undefined, Buffer.alloc(0))).toBeNull();
    expect(acceptedType(undefined, Buffer.from('  <html><script>alert(1)</script></html>'))).toBeNull();
    expect(acceptedType(undefined, Buffer.from('\ufeff<svg onload="x"/>'))).toBeNull();
  });

  test.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\a\\scan.pdf', 'scan.pdf'],
    ['a"b\r\n.pdf', 'a_b_.pdf'],
    ['...', 'attachment'],
    ['', 'attachment'],
  ])('safe file name of %j is %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });

  test('the download is always an attachment with an ASCII fallback and the UTF-8 name, and the right extension', () => {
    expect(contentDisposition('Zgoda podpisana.pdf', 'application/pdf')).toBe(
      `attachment; filename="Zgoda podpisana.pdf"; filename*=UTF-8''Zgoda%20podpisana.pdf`,
    );
    expect(contentDisposition('súhlas', 'image/png')).toBe(
      `attachment; filename="s_hlas.png"; filename*=UTF-8''s%C3%BAhlas.png`,
    );
    expect(contentDisposition('photo.jpeg', 'image/jpeg')).toContain('filename="photo.jpeg"');
  });
});
