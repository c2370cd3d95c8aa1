import { describe, expect, it } from "vitest";
import { ApiError } from "../runs/queries";
import { fieldErrorsOf, formErrorOf } from "./field-errors";

describe("fieldErrorsOf", () => {
  it("takes the first message of each field from a 400 answer", () => {
    const error = new ApiError(400, "bad_request", "The request is not valid.", {
      formErrors: [],
      fieldErrors: { password: ["The password must be at least 10 characters.", "other"], email: [] },
    });
    expect(fieldErrorsOf(error)).toEqual({ password: "The password must be at least 10 characters." });
    expect(formErrorOf(error, fieldErrorsOf(error))).toMatch(/see below/);
  });

  it("has nothing for other failures, whose message is shown instead", () => {
    const error = new ApiError(409, "conflict", "Specwave already has an administrator: sign in instead.");
    expect(fieldErrorsOf(error)).toEqual({});
    expect(formErrorOf(error, {})).toBe("Specwave already has an administrator: sign in instead.");
    expect(formErrorOf(null, {})).toBeNull();
  });
});
