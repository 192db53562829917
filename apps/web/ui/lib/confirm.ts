/** What the confirmation dialog asks before a dangerous or cluster-wide action. */
export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  run: () => Promise<void> | void;
}
