import { queryOptions } from "@tanstack/react-query";
import { api } from "../runs/queries";

/** A token as listed: never its secret, only the first characters to recognise it by. */
export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The answer to creating a token: the only time `token` (the secret) is ever sent. */
export interface CreatedToken extends TokenSummary {
  token: string;
}

export const tokensQuery = () =>
  queryOptions({
    queryKey: ["tokens"],
    queryFn: () => api<{ tokens: TokenSummary[] }>("/api/v1/tokens").then((body) => body.tokens),
  });
