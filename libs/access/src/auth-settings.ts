/** The `auth` section of the monitor's config, as the policy reads it. */
export interface AuthSettings {
  readonly wallboardPublic: boolean;
  readonly tokens: {
    readonly wallboard?: string;
    readonly leader?: string;
    readonly admin?: string;
    readonly metrics?: string;
  };
}
