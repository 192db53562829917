/** Subscription tier as Twitch names it in `msg-param-sub-plan`. */
export type SubPlan = '1000' | '2000' | '3000' | 'Prime';

/** `msg-param-sub-plan` as a {@link SubPlan}; null when missing or unknown. */
export function parsePlan(value: string | undefined): SubPlan | null {
  return value === '1000' || value === '2000' || value === '3000' || value === 'Prime' ? value : null;
}

/** The login Twitch uses for anonymous gifts (`AnAnonymousGifter`). */
export const ANONYMOUS_GIFTER_LOGIN = 'ananonymousgifter';
