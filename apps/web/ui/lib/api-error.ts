import type { ApiErrorBody } from './types.js';

/**
 * A failed API call. `status` 0 means the server could not be reached at all (network error),
 * which the dashboard shows as "server unreachable" rather than as a rejected request.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ReadonlyArray<{ path: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get unreachable(): boolean {
    return this.status === 0;
  }

  /** One line for a toast or an inline error: the message and, for 400s, each field's rule. */
  describe(): string {
    if (this.issues.length === 0) return this.message;
    return `${this.message}: ${this.issues.map((i) => `${i.path || '(body)'} ${i.message}`).join('; ')}`;
  }
}

/** Builds an {@link ApiError} from a response whose body may or may not be the API's error JSON. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    const parsed: unknown = await res.json();
    if (parsed !== null && typeof parsed === 'object') body = parsed as Partial<ApiErrorBody>;
  } catch {
    // A proxy's HTML error page or an empty body: the status alone has to do.
  }
  const code = typeof body.error === 'string' ? body.error : `http_${res.status}`;
  const message =
    typeof body.message === 'string' && body.message !== '' ? body.message : defaultMessage(res.status, code);
  const issues = Array.isArray(body.issues)
    ? body.issues.filter(
        (i): i is { path: string; message: string } =>
          typeof i?.path === 'string' && typeof i?.message === 'string',
      )
    : [];
  return new ApiError(res.status, code, message, issues);
}

function defaultMessage(status: number, code: string): string {
  switch (code) {
    case 'unauthenticated':
      return 'Not signed in';
    case 'csrf':
      return 'The session expired; sign in again';
    case 'validation':
      return 'Invalid input';
    case 'not_found':
      return 'Not found';
    case 'invites_disabled':
      return 'Invites are disabled on this cluster';
    default:
      return `Request failed (HTTP ${status})`;
  }
}
