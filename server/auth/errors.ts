import { AppError } from "../errors/app-error";

export function unauthenticated(
  message = "Sign in first, or send an API token as `Authorization: Bearer …`.",
) {
  return new AppError("unauthenticated", message);
}

export function forbidden(message: string) {
  return new AppError("forbidden", message);
}
