/** Bytes sent so far of an upload; `total` is the file's size. */
export interface UploadProgress {
  sent: number;
  total: number;
}

/** The content types the gateway's upload endpoints take as they are; anything else goes as application/octet-stream (the gateway sniffs the content). */
const DECLARED = new Set(['application/pdf', 'image/jpeg', 'image/png']);

export function uploadContentType(file: File): string {
  return DECLARED.has(file.type) ? file.type : 'application/octet-stream';
}

/**
 * A `fetch` for one openapi-fetch call that sends its body with XMLHttpRequest, which (unlike
 * fetch over HTTP/1.1) reports upload progress. The call still goes through `api`, so its
 * middleware adds the token and sees the answer:
 *
 *   await unwrap(api.POST(path, { params, body: file as never, bodySerializer: (b) => b as never,
 *     headers: { 'Content-Type': uploadContentType(file) }, fetch: fetchWithUploadProgress(file, setProgress) }));
 */
export function fetchWithUploadProgress(body: Blob, onProgress: (progress: UploadProgress) => void): (request: Request) => Promise<Response> {
  return (request) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.responseType = 'blob';
      xhr.upload.onprogress = (event) => onProgress({ sent: event.loaded, total: event.lengthComputable ? event.total : body.size });
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        // A Response may not carry a body with these statuses.
        const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
        resolve(new Response(empty ? null : (xhr.response as Blob), { status: xhr.status, statusText: xhr.statusText, headers }));
      };
      xhr.onerror = () => reject(new TypeError('network error'));
      xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
      request.signal.addEventListener('abort', () => xhr.abort());
      onProgress({ sent: 0, total: body.size });
      xhr.send(body);
    });
}

/** 1.2 MB, 350 KB: sizes for people. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${bytes} B`;
}
