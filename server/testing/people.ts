/**
 * People for tests against a running Specwave, made the way a team makes them: the first-run
 * flow creates the administrator, the administrator creates users and gives them roles, and
 * each user signs in and creates their own API token. Tests only.
 */
import type { ProjectRole } from "../auth/roles";

export interface Person {
  email: string;
  password: string;
  /** The session cookie header (`name=value`) from signing in. */
  cookie: string;
  token: string;
}

export interface People {
  admin: Person;
  approver: Person;
  viewer: Person;
  /** Signed in, but a member of no project. */
  outsider: Person;
}

export const testPassword = "correct horse battery staple";

async function call(url: string, path: string, init: RequestInit & { cookie?: string; token?: string }) {
  const headers: Record<string, string> = { "content-type": "application/json", origin: url };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(`${url}${path}`, {
    ...init,
    headers: { ...headers, ...(init.headers as object) },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path} answered ${response.status}: ${text}`);
  return { response, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Signs in with email and password and returns the session cookie. */
export async function signIn(url: string, email: string, password = testPassword): Promise<string> {
  const { response } = await call(url, "/api/auth/sign-in/email", {
    method: "POST",
    body: JSON.stringify({ email, password }),
  });
  const cookies = response.headers.getSetCookie().map((line) => line.split(";")[0] ?? "");
  const session = cookies.find((cookie) => cookie.includes("session_token="));
  if (!session) throw new Error(`signing in as ${email} set no session cookie`);
  return session;
}

export async function createOwnToken(url: string, cookie: string, name = "tests"): Promise<string> {
  const { body } = await call(url, "/api/v1/tokens", {
    method: "POST",
    cookie,
    body: JSON.stringify({ name }),
  });
  return body.token as string;
}

async function person(url: string, email: string): Promise<Person> {
  const cookie = await signIn(url, email);
  return { email, password: testPassword, cookie, token: await createOwnToken(url, cookie) };
}

/**
 * Sets up a fresh Specwave's people: an administrator (first run), an approver and a viewer of
 * `projectId`, and an outsider who belongs to no project.
 */
export async function createPeople(url: string, projectId = "prj_demo"): Promise<People> {
  await call(url, "/api/v1/setup", {
    method: "POST",
    body: JSON.stringify({ email: "admin@example.com", name: "Ada Admin", password: testPassword }),
  });
  const admin = await person(url, "admin@example.com");
  const roles: [keyof People, ProjectRole | null][] = [
    ["approver", "approver"],
    ["viewer", "viewer"],
    ["outsider", null],
  ];
  const made: Partial<People> = { admin };
  for (const [key, role] of roles) {
    const email = `${key}@example.com`;
    await call(url, "/api/v1/users", {
      method: "POST",
      token: admin.token,
      body: JSON.stringify({ email, name: key, password: testPassword }),
    });
    if (role) {
      await call(url, `/api/v1/projects/${projectId}/members`, {
        method: "PUT",
        token: admin.token,
        body: JSON.stringify({ email, role }),
      });
    }
    made[key] = await person(url, email);
  }
  return made as People;
}
