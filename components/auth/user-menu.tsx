"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { administersAnything } from "./capabilities";
import { isSignedOutError, useMe } from "./me";
import { isPublicPath, signInPath } from "./next-path";
import { signOut } from "./session";

const linkClass = "text-sm text-slate-600 underline dark:text-slate-300";

/**
 * The header's account corner: who is signed in, their tokens, administration for administrators,
 * and signing out. It is on every page, so it is also what sends a signed-out person from a
 * dashboard page to the sign-in page (and back here afterwards).
 */
export function UserMenu() {
  const router = useRouter();
  const pathname = usePathname();
  const { data, error } = useMe();
  const [signingOut, setSigningOut] = useState(false);
  const [signOutFailed, setSignOutFailed] = useState(false);
  const signedOut = isSignedOutError(error);
  // After the session ends the query keeps its last answer; it no longer says who is here.
  const me = signedOut ? undefined : data;

  useEffect(() => {
    if (signedOut && !isPublicPath(pathname)) {
      router.replace(signInPath(`${window.location.pathname}${window.location.search}`));
    }
  }, [signedOut, pathname, router]);

  if (!me) {
    if (signedOut && pathname !== "/sign-in" && pathname !== "/setup") {
      return (
        <Link href="/sign-in" className={`ml-auto ${linkClass}`}>
          Sign in
        </Link>
      );
    }
    return null;
  }

  const onSignOut = async () => {
    setSigningOut(true);
    setSignOutFailed(false);
    if (await signOut()) {
      // A full page load drops every answer cached for this person.
      window.location.assign("/sign-in");
      return;
    }
    setSigningOut(false);
    setSignOutFailed(true);
  };

  return (
    <div data-testid="user-menu" className="ml-auto flex flex-wrap items-center gap-x-4 gap-y-1">
      <span className="text-sm font-medium" title={me.user.name} data-testid="user-email">
        {me.user.email}
      </span>
      <Link href="/settings/tokens" className={linkClass}>
        Tokens
      </Link>
      {administersAnything(me) ? (
        <Link href="/admin" className={linkClass}>
          Admin
        </Link>
      ) : null}
      <button
        type="button"
        data-testid="sign-out"
        disabled={signingOut}
        onClick={() => void onSignOut()}
        className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        Sign out
      </button>
      {signOutFailed ? (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          Could not sign out; try again.
        </span>
      ) : null}
    </div>
  );
}
