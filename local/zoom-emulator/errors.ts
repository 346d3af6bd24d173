// Zoom's REST error shape: an HTTP status plus a body {"code": <int>, "message": "<text>"}.

export class ZoomError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    /** Field errors of a validation failure (code 300 "Validation Failed."). */
    readonly errors?: Array<{ field: string; message: string }>,
  ) {
    super(message);
  }

  get body(): Record<string, unknown> {
    const body: Record<string, unknown> = { code: this.code, message: this.message };

    if (this.errors) body.errors = this.errors;

    return body;
  }
}
