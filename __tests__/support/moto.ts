/**
 * moto, the local AWS emulator, as a test server: one process per use, on a free loopback port,
 * stopped by its PID. Traffic goes to 127.0.0.1 only.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";

export const MOTO_PYTHON = process.env.MOTO_PYTHON ?? "python3";

/** Why moto cannot run here, or undefined when it can. */
export function motoUnavailableReason(): string | undefined {
  const r = spawnSync(MOTO_PYTHON, ["-c", "import moto.server, flask, werkzeug; print(moto.__version__)"], { encoding: "utf8" });
  if (r.error || r.status !== 0)
    return `moto's server is not importable with ${MOTO_PYTHON} (${(r.error?.message ?? r.stderr.trim().split("\n").pop()) || "no output"}); install it with: pip install "moto[server]"`;
  return undefined;
}

export function motoVersion(): string {
  return spawnSync(MOTO_PYTHON, ["-c", "import moto; print(moto.__version__)"], { encoding: "utf8" }).stdout.trim();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export class MotoServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly log: string[],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts moto on a free loopback port and waits until it answers (at most 30 s). */
  static async start(): Promise<MotoServer> {
    const port = await freePort();
    // AWS managed policies exist only when loaded (aws_iam_role_policy_attachment needs them).
    const child = spawn(MOTO_PYTHON, [path.join(__dirname, "moto-server.py"), "127.0.0.1", String(port)], {
      env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const log: string[] = [];
    const keep = (b: Buffer) => {
      log.push(b.toString());
      if (log.length > 200) log.splice(0, log.length - 200);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    const server = new MotoServer(child, port, log);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode}: ${log.join("").slice(-500)}`);
      try {
        const r = await fetch(`${server.url}/moto-api/`);
        if (r.ok) return server;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        server.stop();
        throw new Error(`moto did not answer on port ${port} within 30 s`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Forgets every resource (moto's reset API). */
  async reset(): Promise<void> {
    const r = await fetch(`${this.url}/moto-api/reset`, { method: "POST" });
    if (!r.ok) throw new Error(`moto reset answered ${r.status}`);
  }

  /** Everything moto holds, by service and model (moto's data API). */
  async inventory(): Promise<Record<string, Record<string, Record<string, unknown>[]>>> {
    const r = await fetch(`${this.url}/moto-api/data.json`);
    if (!r.ok) throw new Error(`moto data.json answered ${r.status}`);
    return (await r.json()) as Record<string, Record<string, Record<string, unknown>[]>>;
  }

  /** CPU seconds moto has used so far (user + system), from /proc; 0 where /proc is missing. */
  cpuSeconds(): number {
    try {
      const fields = fs.readFileSync(`/proc/${this.child.pid}/stat`, "utf8").split(") ")[1].split(" ");
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return 0;
    }
  }

  stop(): void {
    if (this.child.exitCode === null && this.child.pid !== undefined) {
      try {
        process.kill(this.child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }

  /** The last lines moto printed, for failure messages. */
  recentLog(): string {
    return this.log.join("").slice(-2000);
  }
}

/**
 * One EC2 Query API call to moto (what a real account would already hold: VPCs, subnets, route
 * tables, security groups). moto does not check signatures; the Region comes from the credential
 * scope of the Authorization header, as with AWS.
 */
export async function ec2Call(
  moto: MotoServer,
  region: string,
  action: string,
  params: Record<string, string>,
  /** The access key of the account to act in (moto picks the account from it). @default - moto's base account */
  accessKey = "mock",
): Promise<string> {
  const body = new URLSearchParams({ Action: action, Version: "2016-11-15", ...params });
  const r = await fetch(`${moto.url}/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKey}/20260101/${region}/ec2/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`EC2 ${action} on moto answered ${r.status}: ${text.slice(0, 300)}`);
  return text;
}

/**
 * An access key for another account: moto's STS AssumeRole into a role ARN of that account
 * returns credentials whose requests run there (../shared/spec/emulator-notes.md, two accounts).
 */
export async function assumeRoleKey(moto: MotoServer, region: string, roleArn: string): Promise<string> {
  const body = new URLSearchParams({ Action: "AssumeRole", Version: "2011-06-15", RoleArn: roleArn, RoleSessionName: "fixtures" });
  const r = await fetch(`${moto.url}/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `AWS4-HMAC-SHA256 Credential=mock/20260101/${region}/sts/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`STS AssumeRole on moto answered ${r.status}: ${text.slice(0, 300)}`);
  return xmlValue(text, "AccessKeyId");
}

/** The first `<tag>value</tag>` of an EC2 XML answer. */
export function xmlValue(xml: string, tag: string): string {
  const m = new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml);
  if (!m) throw new Error(`no <${tag}> in: ${xml.slice(0, 300)}`);
  return m[1];
}
