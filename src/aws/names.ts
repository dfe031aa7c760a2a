export const MWAA_ENVIRONMENT_CLASSES = ["mw1.micro", "mw1.small", "mw1.medium", "mw1.large", "mw1.xlarge", "mw1.2xlarge"] as const;
export const MWAA_LOG_LEVELS = ["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"] as const;

/** Methods of an EventBridge API destination and a Step Functions HTTP Task. */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
/** Methods of an EventBridge connection's OAuth token request (the provider's http_method). */
export const OAUTH_HTTP_METHODS = ["GET", "POST", "PUT"] as const satisfies readonly HttpMethod[];
/** Methods that carry a request body. */
export const HTTP_METHODS_WITH_BODY: readonly HttpMethod[] = ["POST", "PUT", "PATCH"];

export const APPRUNNER_CPU = ["0.25 vCPU", "0.5 vCPU", "1 vCPU", "2 vCPU", "4 vCPU"] as const;
export const APPRUNNER_MEMORY = ["0.5 GB", "1 GB", "2 GB", "3 GB", "4 GB", "6 GB", "8 GB", "10 GB", "12 GB"] as const;

/** An https:// URL with a host and no credentials in it (EventBridge and Step Functions call HTTPS only). */
export function isHttpsUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === "https:" && u.hostname !== "" && u.username === "" && u.password === "";
  } catch {
    return false;
  }
}

/** IAM role names: `<prefix>-<name>-<purpose>` in at most 64 characters; the name is cut, never the purpose. */
export function roleName(prefix: string, name: string, purpose: string): string {
  const room = 64 - prefix.length - purpose.length - 2;
  return `${prefix}-${name.slice(0, Math.max(room, 1))}-${purpose}`.replace(/[^\w+=,.@-]/g, "-");
}
