import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError, isAppError } from "../errors/app-error";
import { ServicesUnavailableError } from "../runtime/services";

/** The body of every error response: a stable code, a message, and details when there are some. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorResponse(error: unknown): NextResponse<ErrorBody> {
  if (isAppError(error)) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, details: error.details } },
      { status: error.status },
    );
  }
  if (error instanceof z.ZodError) {
    return NextResponse.json(
      {
        error: { code: "bad_request", message: "The request is not valid.", details: z.flattenError(error) },
      },
      { status: 400 },
    );
  }
  if (error instanceof ServicesUnavailableError) {
    return NextResponse.json({ error: { code: "unavailable", message: error.message } }, { status: 503 });
  }
  console.error(error);
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on the server." } },
    { status: 500 },
  );
}

/** Wraps a route handler so every failure becomes a typed JSON error. */
export function route<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  return schema.parse(body);
}
