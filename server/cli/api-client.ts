/**
 * A small typed client of Specwave's REST API (/api/v1) for the CLI. Every JSON answer is parsed
 * with the response schema the OpenAPI document is generated from, so a server that drifts from
 * its documented shape is caught here rather than printed half-understood.
 */
import type { z } from "zod";
import { errorBodySchema } from "../web/schemas";
import { ApiError, UnreachableError } from "./exit-codes";

export interface ApiClientOptions {
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
  /** A request that takes longer fails as unreachable. */
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  contentType: string;
  disposition: string;
  body: string;
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly token?: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.token = options.token;
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Headers for HTTP and for the socket.io handshake alike. */
  headers(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  async json<T>(method: "GET" | "POST", path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const response = await this.raw(method, path, body);
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      throw new UnreachableError(
        `${this.baseUrl} answered ${path} with something that is not JSON; is it Specwave?`,
      );
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      throw new ApiError(
        response.status,
        "unexpected_response",
        `The server's answer to ${method} ${path} does not match the API's documented shape.`,
        result.error.issues,
      );
    }
    return result.data;
  }

  /** Any 2xx answer as text; anything else becomes an ApiError with the server's code. */
  async raw(method: "GET" | "POST", path: string, body?: unknown): Promise<RawResponse> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: "application/json",
          ...this.headers(),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new UnreachableError(`cannot reach Specwave at ${this.baseUrl} (${reason}).`);
    }
    const text = await response.text();
    if (!response.ok) throw toApiError(response.status, text);
    return {
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      disposition: response.headers.get("content-disposition") ?? "",
      body: text,
    };
  }
}

function toApiError(status: number, text: string): ApiError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const body = errorBodySchema.safeParse(json);
  if (body.success) {
    const { code, message, details } = body.data.error;
    return new ApiError(status, code, message, details);
  }
  const fallback =
    status === 401 || status === 403
      ? "the server refused the request; set SPECWAVE_TOKEN to a valid API token."
      : `the server answered HTTP ${status}.`;
  return new ApiError(
    status,
    status === 401 ? "unauthorized" : status === 403 ? "forbidden" : "http_error",
    fallback,
  );
}
