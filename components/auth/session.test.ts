import { describe, expect, it } from "vitest";
import { rateLimitedMessage, signInMessage } from "./session";

describe("signInMessage", () => {
  it("says to wait when sign-in is rate limited, whatever the server said", () => {
    expect(signInMessage(429, { message: "Too many requests. Please try again later." })).toBe(
      rateLimitedMessage,
    );
  });

  it("shows the server's message", () => {
    expect(signInMessage(401, { message: "Invalid email or password" })).toBe("Invalid email or password");
    expect(signInMessage(403, { error: { message: "Cross-site request refused" } })).toBe(
      "Cross-site request refused",
    );
  });

  it("falls back to a plain sentence when the answer has no message", () => {
    expect(signInMessage(401, {})).toBe("Wrong email or password.");
    expect(signInMessage(500, null)).toBe("Could not sign in (HTTP 500).");
  });
});
