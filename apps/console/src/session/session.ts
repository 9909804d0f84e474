import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { api, call, setToken } from '../api/client';
import type { Me } from '../api/contract';

const TOKEN = 'civic-ledger.token';

/** Why the sign-in page shows: first visit, signed out, or the token expired or was refused. */
export type SignedOutReason = 'none' | 'signed-out' | 'expired' | 'refused';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'signed-in'; me: Me };

/**
 * The bearer token lives in sessionStorage (this tab only, gone when the tab closes); GET /v1/me says who it is
 * and what the console may offer. A 401 from any call, or the token's expiry, signs out with a message.
 */
export class Session {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly update: (state: SessionState) => void) {}

  async resume(): Promise<void> {
    const saved = sessionStorage.getItem(TOKEN);
    if (!saved) return this.update({ status: 'signed-out', reason: 'none' });
    await this.signIn(saved, 'expired');
  }

  /** Tries a token; on refusal the sign-in page says why (`refused` for a typed token, `expired` for a saved one). */
  async signIn(token: string, onRefusal: SignedOutReason = 'refused'): Promise<boolean> {
    setToken(token, () => this.end('expired'));
    let me: Me;
    try {
      me = await call(api.GET('/v1/me'));
    } catch {
      this.end(onRefusal);
      return false;
    }
    sessionStorage.setItem(TOKEN, token);
    clearTimeout(this.timer);
    if (me.expiresAt) {
      const left = Date.parse(me.expiresAt) - Date.now();
      // setTimeout holds at most ~24.8 days; longer tokens are caught by the API's 401 instead.
      if (left < 2 ** 31 - 1) this.timer = setTimeout(() => this.end('expired'), Math.max(0, left));
    }
    this.update({ status: 'signed-in', me });
    return true;
  }

  end(reason: SignedOutReason): void {
    clearTimeout(this.timer);
    sessionStorage.removeItem(TOKEN);
    setToken(null);
    this.update({ status: 'signed-out', reason });
  }
}

export interface Access {
  me: Me;
  /** Whether /v1/me lists the action (the API stays the authority; this only hides what would be refused). */
  can(action: string): boolean;
}

export const AccessContext = createContext<Access | null>(null);
export function useAccess(): Access {
  const access = useContext(AccessContext);
  if (!access) throw new Error('useAccess outside a signed-in page');
  return access;
}
