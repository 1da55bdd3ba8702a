// Files the API hands to a page. Small ones travel inline as base64; a file over the inline limit
// (the whole workbook of a 100,000-risk register is ~215 MB, a backup can be 1 GB) is offered as a
// one-time download the host streams, because base64 inside JSON costs the host and the page
// several copies of the file in memory.

/** Files up to this size come back inline (base64); larger ones as a streamed download. */
export const INLINE_FILE_LIMIT = 20 * 1024 * 1024;

/** Where a host serves an offered download: `download/<id>`, relative to the page. */
export const DOWNLOAD_PREFIX = '/download/';

/** An offered download's id: 128 random bits, hex. It is the only key to the file, used once. */
export const DOWNLOAD_ID = /^[0-9a-f]{32}$/;

/** A file for the page: exactly one of dataBase64 (small) or downloadId (large) is set. */
export interface FilePayload {
  fileName: string;
  /** The file's size in bytes. */
  bytes: number;
  rows?: number;
  dataBase64?: string;
  downloadId?: string;
}
