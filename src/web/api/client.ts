/** An error answered by the API (`{"error":{"code","message","details"}}`) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type ErrorShape = { error?: { code?: string; message?: string; details?: Record<string, unknown> } };

/**
 * Calls the API with the session cookie (httpOnly, so the token never sits where page scripts can read it).
 */
export const apiFetch = async <T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> => {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers:
        init.body === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      body: init.body === undefined ? null : JSON.stringify(init.body),
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  }
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => ({}))) as unknown;
  if (!res.ok) {
    const err = (body as ErrorShape).error ?? {};
    throw new ApiError(
      res.status,
      err.code ?? 'HTTP_' + String(res.status),
      err.message ?? res.statusText,
      err.details ?? {},
    );
  }
  return body as T;
};

/** Query string from defined, non-empty values. */
export const qs = (params: Record<string, string | number | undefined | null>): string => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s === '' ? '' : `?${s}`;
};
