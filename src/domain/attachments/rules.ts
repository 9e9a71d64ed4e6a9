/**
 * Attachments of a case: the categories, the file types accepted (decided from the file's
 * content, never from its name or the declared type), and a file name that is safe to send
 * back in a Content-Disposition header. Pure: no HTTP, no SQL.
 *
 * @example
 *   acceptedType({ mime: 'image/png' }, bytes)      // → 'image/png'; an executable → null
 *   safeFileName('../../etc/passwd\r\n.pdf')                  // → 'etc_passwd_.pdf'
 */
/**
 * The seed document types (issue #17: the organisation's list document_types, which she extends
 * and translates). consent_form keeps its meaning: such a file may name the consent record it proves.
 */
export const ATTACHMENT_CATEGORIES = [
  'consent_form',
  'identity_document',
  'medical',
  'legal',
  'photo',
  'other',
] as const;
/** A code of the organisation's document_types list. */
export type AttachmentCategory = string;

/** The content types accepted. The database CHECK (migration 032) names the same list. */
export const ACCEPTED_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'text/plain',
] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

/** What `file-type` says of the bytes (undefined when it recognises nothing). */
export interface DetectedType {
  mime: string;
}

/**
 * The content type of a file, from its bytes. A recognised binary type must be one of the
 * accepted ones; bytes `file-type` does not recognise are accepted only as plain text, and only
 * when they are valid UTF-8 without control characters and not markup (so an executable or an HTML
 * page is never "text").
 */
export function acceptedType(detected: DetectedType | undefined, bytes: Buffer): AcceptedType | null {
  if (detected) {
    const mime = detected.mime === 'image/heif' ? 'image/heic' : detected.mime;
    return (ACCEPTED_TYPES as readonly string[]).includes(mime) ? (mime as AcceptedType) : null;
  }
  return isPlainText(bytes) ? 'text/plain' : null;
}

function isPlainText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Tab, line feed and carriage return are text; any other control character is not. Markup
  // (HTML, SVG, XML: first character `<`) is not a plain-text note either.
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) && !/^\s*</.test(text.replace(/^\ufeff/, ''));
}

/** The file's name reduced to a safe base name (no path, no control or quote characters), at most 120 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f"<>:|?*;]+/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(-120);
  return cleaned || 'attachment';
}

/** The extension a downloaded file gets when its stored name has none that fits its type. */
const EXTENSIONS: Record<AcceptedType, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/heic': '.heic',
  'text/plain': '.txt',
};

/**
 * The Content-Disposition header of a download: always an attachment (never shown inline),
 * an ASCII fallback name and the UTF-8 name (RFC 6266 / RFC 5987).
 */
export function contentDisposition(name: string, type: AcceptedType): string {
  let safe = safeFileName(name);
  const ext = EXTENSIONS[type];
  if (!safe.toLowerCase().endsWith(ext) && !(type === 'image/jpeg' && /\.jpe?g$/i.test(safe))) safe += ext;
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/[%\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}
