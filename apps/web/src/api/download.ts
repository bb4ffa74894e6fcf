import { ApiError, NetworkError, isAbort, toProblem } from './problem';

export interface DownloadProgress {
  /** preparing: the server is building the file; receiving: bytes are arriving. */
  phase: 'preparing' | 'receiving';
  received: number;
  /** From Content-Length, when the server sent one. */
  total?: number;
}

/** The file name of a Content-Disposition header: RFC 5987 `filename*` (UTF-8, Chinese names) first. */
export function filenameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || undefined;
}

export type StreamResult = { data?: unknown; error?: unknown; response: Response };

/**
 * Receives a file from an API call made with `parseAs: 'stream'`, reporting progress, and hands it
 * to the browser as a download:
 *
 *   await saveDownload(api.GET('/api/v1/projects.xlsx', { params: { query }, parseAs: 'stream', signal }), {
 *     fallbackName: 'projects.xlsx', onProgress: setProgress });
 */
export async function saveDownload(
  call: Promise<StreamResult>,
  options: { fallbackName: string; onProgress?: (progress: DownloadProgress) => void },
): Promise<{ name: string; size: number }> {
  options.onProgress?.({ phase: 'preparing', received: 0 });
  let result: StreamResult;
  try {
    result = await call;
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new NetworkError(error);
  }
  const { response } = result;
  if (!response.ok) throw new ApiError(toProblem(response.status, result.error, response.headers.get('X-Request-Id')));
  const total = Number(response.headers.get('Content-Length')) || undefined;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array<ArrayBuffer>);
      received += value.byteLength;
      options.onProgress?.({ phase: 'receiving', received, total });
    }
  }
  const blob = new Blob(chunks, { type: response.headers.get('Content-Type') ?? 'application/octet-stream' });
  const name = filenameFromDisposition(response.headers.get('Content-Disposition')) ?? options.fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return { name, size: received };
}
