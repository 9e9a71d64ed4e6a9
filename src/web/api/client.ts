/**
 * The one fetch wrapper: same-origin cookies, the CSRF header on writes, and
 * errors turned into ApiError carrying the server's stable code for translation.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Remembered from the session view; sent on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The token for a request sent by other means than fetch (an upload with progress, XMLHttpRequest). */
export const currentCsrfToken = (): string | null => csrfToken;

/**
 * `idempotencyKey`: one key per submission of a create form (see useIdempotencyKey). The server answers
 * a repeated key with the first request's response, so a double click or a retry creates one record.
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; idempotencyKey?: string } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = payload?.error ?? { code: 'network_error', message: response.statusText };
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  return payload as T;
}

/**
 * A request answered with a file (a PDF): the same cookies, CSRF header and error envelope as `api`,
 * but the body comes back as a Blob with the server's file name.
 */
export async function apiFile(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ blob: Blob; filename: string | null; headers: Headers }> {
  const method = init.method ?? 'POST';
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) {
    const payload = await response.json().catch(() => null);
    const error = payload?.error ?? { code: 'network_error', message: response.statusText };
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  return {
    blob: await response.blob(),
    filename: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null,
    headers: response.headers,
  };
}

/** Hands a downloaded file to the browser as a download named `filename`. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * POSTs multipart form data, reporting the fraction sent (0..1): XMLHttpRequest is the one browser
 * API that reports upload progress. Errors come back as ApiError, like api().
 */
export function upload<T>(
  path: string,
  form: FormData,
  opts: { idempotencyKey?: string; onProgress?: (fraction: number) => void } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    if (opts.idempotencyKey) xhr.setRequestHeader('idempotency-key', opts.idempotencyKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The server could not be reached'));
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(payload as T);
      const error = (payload as { error?: { code: string; message: string; details?: unknown } } | null)?.error ?? {
        code: xhr.status === 413 ? 'file_too_large' : 'network_error',
        message: xhr.statusText,
      };
      reject(new ApiError(xhr.status, error.code, error.message, error.details));
    };
    xhr.send(form);
  });
}
