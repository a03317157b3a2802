import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * A file a route answers with (an Excel workbook): its bytes, its name for the browser's
 * "save as" and its media type. Use cases return it; only the HTTP layer turns it into a
 * response.
 */
export interface FileBody {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export function isFileBody(value: unknown): value is FileBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    'bytes' in value &&
    value.bytes instanceof Uint8Array &&
    'fileName' in value &&
    typeof value.fileName === 'string' &&
    'contentType' in value &&
    typeof value.contentType === 'string'
  );
}

/**
 * Content-Disposition for a download (RFC 6266): an ASCII `filename` every browser reads,
 * and the exact name in RFC 5987 `filename*` (UTF-8, percent-encoded) for those that read it.
 * Quotes, backslashes, control characters and path separators never reach the header.
 */
export function contentDisposition(fileName: string): string {
  const safe = fileName.replace(/[\\/]/g, '_').replace(/\p{Cc}/gu, '');
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, "'");
  const encoded = encodeURIComponent(safe).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The response of a file: API Gateway (HTTP API, payload 2.0) passes a body to the client as
 * bytes when the function marks it base64-encoded; the local adapter does the same. Never
 * cached (a workbook may hold identities), never sniffed into something else.
 */
export function fileResult(
  status: number,
  file: FileBody,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: {
      'content-type': file.contentType,
      'content-disposition': contentDisposition(file.fileName),
      'content-length': String(file.bytes.byteLength),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
    body: Buffer.from(file.bytes).toString('base64'),
    isBase64Encoded: true,
  };
}
