import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify as toYaml } from "yaml";
import { main } from "../src/cli";

/** A valid configuration as a plain object; cases below break one thing each. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function validConfig(): any {
  return {
    deployments: [
      {
        name: "alpha",
        region: "us-east-1",
        network: { cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] },
        mwaa: { environmentName: "alpha-env", sourceBucketName: "alpha-dags" },
      },
    ],
  };
}

function run(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** Every file under dir with its content: proves "nothing on disk changed". */
function snapshotTree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else result[path.relative(dir, p)] = fs.readFileSync(p, "utf8");
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return result;
}

let tmp: string;
let outDir: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-cli-"));
  outDir = path.join(tmp, "out");
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeConfig(name: string, content: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

describe("cli", () => {
  describe("synth", () => {
    test("writes a JSON and an HCL root module per deployment, each with a README, and a manifest", () => {
      const config = writeConfig("c.yaml", toYaml(validConfig()));
      const r = run(["--config", config, "--out", outDir]);
      expect(r.err).toEqual([]);
      expect(r.code).toBe(0);
      expect(Object.keys(snapshotTree(outDir)).sort()).toEqual([
        "hcl/alpha/README.md",
        "hcl/alpha/main.tf",
        "json/alpha/README.md",
        "json/alpha/main.tf.json",
        "manifest.json",
      ]);
      expect(r.out[0]).toMatch(/^✓ alpha \(21 resources, \d+ ms\)$/);
      expect(r.out[2]).toMatch(/^stack {2}resources {2}outputs {2}findings {2}endpoints +time$/);
      expect(r.out[3]).toMatch(/^alpha {9}21 {8}8 {9}0 {2}18 endpoint-AZs ≈ \$131\.40\/mo +\d+ ms$/);
      expect(r.out[r.out.length - 1]).toMatch(
        /^synthesized 1 deployment from .*c\.yaml into .*out\/ \(4 written, 0 unchanged, 0 removed\) in \d+ ms$/,
      );
    });

    test("--quiet prints nothing on success; colour only when asked for (a terminal)", () => {
      const config = writeConfig("c.yaml", toYaml(validConfig()));
      const quiet = run(["--config", config, "--out", outDir, "--quiet"]);
      expect(quiet).toEqual({ code: 0, out: [], err: [] });
      const out: string[] = [];
      main(["--config", config, "--out", outDir], { out: (l) => out.push(l), err: () => undefined, color: true });
      // eslint-disable-next-line no-control-regex -- the ANSI colour codes are what is tested
      expect(out[0]).toMatch(/^\x1b\[32m✓\x1b\[0m alpha/);
      expect(run(["--config", config, "--out", outDir]).out.join("\n")).not.toContain("\x1b[");
    });

    test("--only synthesizes the named deployments and leaves the others' files as they are", () => {
      const two = validConfig();
      two.deployments.push({ ...two.deployments[0], name: "beta", mwaa: { environmentName: "beta-env", sourceBucketName: "beta-dags" } });
      const file = writeConfig("two.yaml", toYaml(two));
      run(["--config", file, "--out", outDir]);
      const before = snapshotTree(outDir);
      fs.writeFileSync(path.join(outDir, "json", "alpha", "main.tf.json"), "stale");
      const r = run(["--config", file, "--out", outDir, "--only", "beta"]);
      expect(r.code).toBe(0);
      expect(r.out[0]).toMatch(/^✓ beta /);
      expect(r.out.filter((l) => l.startsWith("✓"))).toHaveLength(1);
      const after = snapshotTree(outDir);
      expect(after["json/alpha/main.tf.json"]).toBe("stale"); // not regenerated, not removed
      expect(after["json/beta/main.tf.json"]).toBe(before["json/beta/main.tf.json"]);
      expect(JSON.parse(after["manifest.json"]).files).toEqual(JSON.parse(before["manifest.json"]).files);
      const bad = run(["--config", file, "--out", outDir, "--only", "gamma"]);
      expect(bad.code).toBe(1);
      expect(bad.err[0]).toBe('error: `--only` must name deployments of the configuration (alpha, beta), got: ["gamma"]');
    });

    test("JSON configuration is accepted as well as YAML, with the same result", () => {
      const yamlOut = path.join(tmp, "y");
      const jsonOut = path.join(tmp, "j");
      expect(run(["--config", writeConfig("c.yaml", toYaml(validConfig())), "--out", yamlOut]).code).toBe(0);
      expect(run(["--config", writeConfig("c.json", JSON.stringify(validConfig())), "--out", jsonOut]).code).toBe(0);
      // The same modules; each README names the command that regenerates it, with its own file and folder.
      // (The manifests differ only by those READMEs' checksums.)
      const as = (tree: Record<string, string>, from: string[], to: string[]) =>
        Object.fromEntries(
          Object.entries(tree)
            .filter(([k]) => k !== "manifest.json")
            .map(([k, v]) => [k, from.reduce((t, f, i) => t.split(f).join(to[i]), v)]),
        );
      // (Given absolute, both are named relative to each module's folder: ../../../c.json, ../..)
      expect(as(snapshotTree(jsonOut), ["../../../c.json"], ["CONFIG"])).toEqual(
        as(snapshotTree(yamlOut), ["../../../c.yaml"], ["CONFIG"]),
      );
    });

    test("a second synth is byte-identical and reports every file unchanged", () => {
      const config = writeConfig("c.yaml", toYaml(validConfig()));
      run(["--config", config, "--out", outDir]);
      const first = snapshotTree(outDir);
      const r = run(["--config", config, "--out", outDir]);
      expect(snapshotTree(outDir)).toEqual(first);
      expect(r.out[r.out.length - 1]).toContain("(0 written, 4 unchanged, 0 removed)");
    });

    test("a removed deployment's files are removed; files the generator does not own are kept", () => {
      const two = validConfig();
      two.deployments.push({ ...two.deployments[0], name: "beta", mwaa: { environmentName: "beta-env", sourceBucketName: "beta-dags" } });
      run(["--config", writeConfig("two.yaml", toYaml(two)), "--out", outDir]);
      fs.writeFileSync(path.join(outDir, "hcl", "beta", "extra.tf"), "# mine");
      const r = run(["--config", writeConfig("one.yaml", toYaml(validConfig())), "--out", outDir]);
      expect(r.code).toBe(0);
      // The two READMEs name the new configuration file in their regenerate command: rewritten.
      expect(r.out[r.out.length - 1]).toContain("(2 written, 2 unchanged, 4 removed)");
      expect(Object.keys(snapshotTree(outDir)).sort()).toEqual([
        "hcl/alpha/README.md",
        "hcl/alpha/main.tf",
        "hcl/beta/extra.tf",
        "json/alpha/README.md",
        "json/alpha/main.tf.json",
        "manifest.json",
      ]);
    });

    test("a removed deployment whose folder holds Terraform state stops the synth (exit 1, nothing written); --prune removes its files, not the state", () => {
      const two = validConfig();
      two.deployments.push({ ...two.deployments[0], name: "beta", mwaa: { environmentName: "beta-env", sourceBucketName: "beta-dags" } });
      run(["--config", writeConfig("two.yaml", toYaml(two)), "--out", outDir]);
      fs.writeFileSync(path.join(outDir, "json", "beta", "terraform.tfstate"), "{}");
      const before = snapshotTree(outDir);
      const one = writeConfig("one.yaml", toYaml(validConfig()));
      const r = run(["--config", one, "--out", outDir]);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([
        `error: this synth no longer generates ${path.join(outDir, "json/beta")}, which holds Terraform state (${path.join(outDir, "json/beta/terraform.tfstate")}): run terraform destroy there first, or, if the deployment was renamed, move its state to the new folder (terraform state mv, or moved blocks); rerun with --prune to remove the generated files anyway (state files and .terraform/ are never removed).`,
        "nothing was written.",
      ]);
      expect(snapshotTree(outDir)).toEqual(before);
      expect(run(["--config", one, "--out", outDir, "--prune"]).code).toBe(0);
      expect(Object.keys(snapshotTree(outDir)).sort()).toEqual([
        "hcl/alpha/README.md",
        "hcl/alpha/main.tf",
        "json/alpha/README.md",
        "json/alpha/main.tf.json",
        "json/beta/terraform.tfstate",
        "manifest.json",
      ]);
    });

    test("a journal planted in the output folder that would delete the state: set aside with a warning naming why, the state kept, the tree written (exit 0)", () => {
      const config = writeConfig("c.yaml", toYaml(validConfig()));
      run(["--config", config, "--out", outDir]);
      fs.writeFileSync(path.join(outDir, "json/alpha/terraform.tfstate"), '{"serial": 3}');
      fs.mkdirSync(path.join(outDir, ".private-routing"));
      fs.writeFileSync(
        path.join(outDir, ".private-routing/journal.json"),
        JSON.stringify({ format: 3, guards: [], moves: [], removals: [["json/alpha/terraform.tfstate", "0".repeat(64)]] }),
      );
      const before = snapshotTree(path.join(outDir, "json"));
      const r = run(["--config", config, "--out", outDir, "--quiet"]);
      expect(r.code).toBe(0);
      expect(r.err).toEqual([
        `warning: ${path.join(outDir, ".private-routing/journal.json")} was not applied (the journal moves no manifest.json; ${path.join(outDir, "json/alpha/terraform.tfstate")} is Terraform state or its backup: never replaced or removed): it was set aside as ${path.join(outDir, ".private-routing.set-aside-1")}, nothing it lists was done, and this synth wrote its own files; look at it, then remove it`,
      ]);
      expect(snapshotTree(path.join(outDir, "json"))).toEqual(before);
    });
  });

  describe("hostile input", () => {
    test("a key with a terminal escape (OSC retitle, BEL) and a right-to-left override is printed escaped, never raw", () => {
      const c = validConfig();
      c.deployments[0]["\u001b]0;pwned\u0007"] = 1;
      c.deployments[0].tags = { "a\u202eb": "x" };
      const r = run(["--config", writeConfig("esc.json", JSON.stringify(c)), "--out", outDir]);
      expect(r.code).toBe(1);
      const all = r.err.join("\n");
      expect([...all].filter((ch) => (ch.charCodeAt(0) < 0x20 && ch !== "\n") || ch === "\u202e")).toEqual([]);
      expect(all).toContain("`deployments[0].\\u001b]0;pwned\\u0007` is not a known key");
    });

    test("at most 50 problems are printed, then a count of the rest", () => {
      const c = { deployments: Array.from({ length: 120 }, (_, i) => ({ ...validConfig().deployments[0], name: `d${i}`, bogus: i })) };
      const r = run(["--config", writeConfig("many.json", JSON.stringify(c)), "--out", outDir]);
      expect(r.code).toBe(1);
      expect(r.err.filter((l) => l.startsWith("error: "))).toHaveLength(50);
      expect(r.err.slice(-2)).toEqual([
        "… and 70 more problems (fix these first; the rest are shown on the next run)",
        `120 problems in ${path.join(tmp, "many.json")}; nothing was written.`,
      ]);
    });

    test("a deeply nested document is refused with a message, not a stack overflow; nothing is written", () => {
      const config = writeConfig("deep.json", `${"[".repeat(5000)}${"]".repeat(5000)}`);
      const r = run(["--config", config, "--out", outDir]);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([
        `error: \`${config}\` must not nest objects and lists more than 64 levels deep`,
        `1 problem in ${config}; nothing was written.`,
      ]);
      expect(fs.existsSync(outDir)).toBe(false);
    });

    test("a manifest.json of the user's in --out stops the synth (exit 1): not overwritten, the files it lists untouched, nothing written", () => {
      fs.mkdirSync(outDir, { recursive: true });
      fs.writeFileSync(path.join(outDir, "manifest.json"), JSON.stringify({ files: ["notes.md"] }));
      fs.writeFileSync(path.join(outDir, "notes.md"), "mine");
      const before = snapshotTree(outDir);
      const r = run(["--config", writeConfig("c.yaml", toYaml(validConfig())), "--out", outDir]);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([
        `error: ${path.join(outDir, "manifest.json")} is not a manifest private-routing wrote (its generator is null): it is not overwritten, and the files it lists are not deleted. Move it away or choose another --out.`,
        "nothing was written.",
      ]);
      expect(snapshotTree(outDir)).toEqual(before);
    });

    test("--out naming a file is a usage error (exit 2), and the file is left alone", () => {
      const file = writeConfig("not-a-folder", "mine");
      const r = run(["--config", writeConfig("c.yaml", toYaml(validConfig())), "--out", file]);
      expect(r.code).toBe(2);
      expect(r.err).toEqual([`error: --out ${file} is a file: give a folder (it is created if missing)`]);
      expect(fs.readFileSync(file, "utf8")).toBe("mine");
    });

    test("a reader that closes the pipe early (check … | head) ends the command quietly with its own exit code", () => {
      const { spawnSync } = require("child_process") as typeof import("child_process");
      const r = spawnSync(
        "bash",
        ["-c", 'node -r sucrase/register main.ts check generated/json/mwaa-private | true; echo "status ${PIPESTATUS[0]}" >&2'],
        {
          encoding: "utf8",
        },
      );
      // The reader (`true`) is gone before the first line: the command still ends with its own code, 0.
      expect(r.stderr).toBe("status 0\n");
    });
  });

  describe("bad input", () => {
    // Each case: the configuration text, its file name, and the exact error lines. Every case
    // must exit 1 and leave a previously generated output folder exactly as it was.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const cfg = (mutate: (c: any) => void): string => {
      const c = validConfig();
      mutate(c);
      return toYaml(c);
    };
    /** A Lattice owner with an EventBridge connection and a state machine, then one change. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const lattice = (mutate: (l: any, d: any) => void): string =>
      cfg((c) => {
        const d = c.deployments[0];
        delete d.mwaa;
        d.lattice = {
          resourceGateway: { name: "main-rg" },
          resourceConfigurations: [{ name: "rc-service1", dnsName: "service1.example.com", portRanges: ["443"] }],
        };
        d.eventBridge = {
          connections: [{ name: "MyService1", resourceConfiguration: "rc-service1", authorization: { basic: { username: "u" } } }],
        };
        d.stepFunctions = {
          stateMachines: [{ name: "forecast", connection: "MyService1", endpoint: "https://service1.example.com/forecast", method: "GET" }],
        };
        mutate(d.lattice, d);
      });
    test.each<[string, string, string, string[]]>([
      [
        "malformed YAML",
        "c.yaml",
        "deployments: [\n  - name: a\n",
        ["must be valid YAML (Block collections are not allowed within flow collections at line 2, column 3)"],
      ],
      [
        "malformed JSON",
        "c.json",
        '{"deployments": [',
        [expect.stringMatching(/^error: `.*c\.json` must be valid JSON \(.+\)$/) as unknown as string],
      ],
      ["unsupported extension", "c.toml", "x", ["must have the extension .json, .yaml or .yml"]],
      [
        "unknown key",
        "c.yaml",
        cfg((c) => (c.deployments[0].network.vpcCidr = "10.0.0.0/16")),
        ['`deployments[0].network.vpcCidr` is not a known key (see docs/configuration.md), got: "10.0.0.0/16"'],
      ],
      [
        "invalid CIDR",
        "c.yaml",
        cfg((c) => (c.deployments[0].network.cidrBlock = "10.0.0.0/33")),
        ['`deployments[0].network.cidrBlock` must be an IPv4 CIDR block such as 10.0.0.0/16, got: "10.0.0.0/33"'],
      ],
      [
        "non-canonical CIDR",
        "c.yaml",
        cfg((c) => (c.deployments[0].network.cidrBlock = "10.0.5.0/16")),
        [
          '`deployments[0].network.cidrBlock` must be the network address of its block (host bits zero), e.g. 10.0.0.0/16, got: "10.0.5.0/16"',
        ],
      ],
      [
        "subnet outside the VPC",
        "c.yaml",
        cfg((c) => (c.deployments[0].network.privateSubnetCidrs = ["10.0.0.0/24", "10.9.0.0/24"])),
        ['`deployments[0].network.privateSubnetCidrs[1]` must lie inside the VPC CIDR block 10.0.0.0/16, got: "10.9.0.0/24"'],
      ],
      [
        "overlapping subnets",
        "c.yaml",
        cfg((c) => (c.deployments[0].network.privateSubnetCidrs = ["10.0.0.0/20", "10.0.8.0/24"])),
        ['`deployments[0].network.privateSubnetCidrs[1]` must not overlap privateSubnetCidrs[0] (10.0.0.0/20), got: "10.0.8.0/24"'],
      ],
      [
        "duplicate AZ",
        "c.yaml",
        cfg((c) => (c.deployments[0].network.availabilityZones = ["us-east-1a", "us-east-1a"])),
        [
          '`deployments[0].network.availabilityZones` must name different AZs; us-east-1a appears more than once, got: ["us-east-1a","us-east-1a"]',
        ],
      ],
      [
        "fewer than 2 AZs",
        "c.yaml",
        cfg((c) => (c.deployments[0].network.availabilityZones = ["us-east-1a"])),
        [
          '`deployments[0].network.availabilityZones` must name 2 to 6 different AZs (MWAA and highly available endpoints need at least 2); set allowSingleAz: true for a single-AZ, non-production network, got: ["us-east-1a"]',
        ],
      ],
      [
        "AZ outside the Region",
        "c.yaml",
        cfg((c) => (c.deployments[0].network.availabilityZones = ["us-east-1a", "eu-west-1b"])),
        [
          '`deployments[0].network.availabilityZones[1]` must be an Availability Zone of the deployment\'s Region us-east-1 (us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f), got: "eu-west-1b"',
        ],
      ],
      [
        "unknown Region",
        "c.yaml",
        cfg((c) => (c.deployments[0].region = "us-est-1")),
        [
          '`deployments[0].region` must be a known AWS Region of the aws partition (did you mean us-east-1?), e.g. us-east-1, got: "us-est-1"',
        ],
      ],
      [
        "unknown endpoint name",
        "c.yaml",
        cfg((c) => (c.deployments[0].mwaa.extraEndpoints = ["secretmanager"])),
        [
          expect.stringMatching(
            /^error: `deployments\[0\]\.mwaa\.extraEndpoints\[0\]` must name an AWS service in the endpoint catalogue \(did you mean secretsmanager\?\): .*secretsmanager.*, got: "secretmanager"$/,
          ) as unknown as string,
        ],
      ],
      [
        "invalid deployment name",
        "c.yaml",
        cfg((c) => (c.deployments[0].name = "My Stack")),
        [
          '`deployments[0].name` must be a lowercase name for a Terraform stack and folder: a letter, then letters, digits, - or _, at most 40 characters, got: "My Stack"',
        ],
      ],
      [
        "duplicate deployment names",
        "c.yaml",
        cfg((c) => c.deployments.push(c.deployments[0])),
        ['`deployments[1].name` must be unique; deployments[0] has the same name, got: "alpha"'],
      ],
      ["missing required field", "c.yaml", cfg((c) => delete c.deployments[0].region), ["`deployments[0].region` is required"]],
      [
        "no network",
        "c.yaml",
        cfg((c) => delete c.deployments[0].network),
        ["`deployments[0]` must have exactly one of network (a new VPC) and existingNetwork, got: []"],
      ],
      [
        "both networks",
        "c.yaml",
        cfg((c) => (c.deployments[0].existingNetwork = { vpcId: "vpc-0123456789abcdef0", privateSubnets: [], routeTableIds: [] })),
        ['`deployments[0]` must have exactly one of network (a new VPC) and existingNetwork, got: ["network","existingNetwork"]'],
      ],
      [
        "wrong type",
        "c.yaml",
        cfg((c) => (c.deployments[0].mwaa.hardenedSecurityGroup = "yes")),
        ['`deployments[0].mwaa.hardenedSecurityGroup` must be a boolean, got: "yes"'],
      ],
      ["no deployments", "c.yaml", "deployments: []\n", ["`deployments` must list at least one deployment, got: []"]],
      [
        "absolute state path",
        "c.yaml",
        cfg((c) => (c.deployments[0].backend = { type: "local", path: "/var/state/x.tfstate" })),
        [
          '`deployments[0].backend.path` must be a relative path inside the stack\'s folder (no leading /, no ..), got: "/var/state/x.tfstate"',
        ],
      ],
      [
        "environment without accountId",
        "c.yaml",
        cfg((c) => (c.deployments[0].mwaa.environment = {})),
        ["`deployments[0].accountId` is required when mwaa.environment is set (the execution role's ARNs are scoped to the account)"],
      ],
      [
        "public web server with private routing",
        "c.yaml",
        cfg((c) => {
          c.deployments[0].accountId = "123456789012";
          c.deployments[0].mwaa.environment = { webserverAccessMode: "PUBLIC_ONLY" };
        }),
        [
          '`deployments[0].mwaa.environment.webserverAccessMode` must be PRIVATE_ONLY with private routing: a network with no internet access cannot serve a public web server (MWAA-P11), got: "PUBLIC_ONLY"',
        ],
      ],
      [
        "unknown environment class",
        "c.yaml",
        cfg((c) => {
          c.deployments[0].accountId = "123456789012";
          c.deployments[0].mwaa.environment = { environmentClass: "mw1.huge" };
        }),
        [
          '`deployments[0].mwaa.environment.environmentClass` must be one of mw1.micro, mw1.small, mw1.medium, mw1.large, mw1.xlarge, mw1.2xlarge, got: "mw1.huge"',
        ],
      ],
      [
        "existing VPC subnets in one AZ",
        "c.yaml",
        cfg((c) => {
          delete c.deployments[0].network;
          c.deployments[0].existingNetwork = {
            vpcId: "vpc-0a1b2c3d4e5f67890",
            privateSubnets: [
              { subnetId: "subnet-0a1b2c3d4e5f67890", availabilityZone: "us-east-1a" },
              { subnetId: "subnet-0b1c2d3e4f5a67891", availabilityZone: "us-east-1a" },
            ],
            routeTableIds: ["rtb-0a1b2c3d4e5f67890"],
          };
        }),
        [
          '`deployments[0].existingNetwork.privateSubnets[1].availabilityZone` must differ from the other subnets\' Availability Zones (one subnet per AZ), got: "us-east-1a"',
        ],
      ],
      [
        "public subnets with private routing",
        "c.yaml",
        cfg((c) => (c.deployments[0].network.publicSubnetCidrs = ["10.0.128.0/20", "10.0.144.0/20"])),
        [
          '`deployments[0].network.publicSubnetCidrs` is only for routing "public"; a private-routing network has no public subnets, got: ["10.0.128.0/20","10.0.144.0/20"]',
        ],
      ],
      [
        "PrivateLink: unknown service",
        "c.yaml",
        cfg((c) => (c.deployments[0].endpoints = { services: ["secretmanager"] })),
        [
          expect.stringMatching(
            /^error: `deployments\[0\]\.endpoints\.services\[0\]\.service` must name an AWS service in the endpoint catalogue \(did you mean secretsmanager\?\): .*, got: "secretmanager"$/,
          ) as unknown as string,
        ],
      ],
      [
        "PrivateLink: interface-only service as a gateway",
        "c.yaml",
        cfg((c) => (c.deployments[0].endpoints = { services: [{ service: "sts", type: "Gateway" }] })),
        [
          '`deployments[0].endpoints.services[0].type` must name a service offered as a Gateway endpoint; "sts" is Interface only, got: "Gateway"',
        ],
      ],
      [
        "PrivateLink: policy not valid JSON",
        "c.yaml",
        cfg((c) => (c.deployments[0].endpoints = { policy: { custom: '{"Version": ' }, services: ["sts"] })),
        [
          expect.stringMatching(
            /^error: `deployments\[0\]\.endpoints\.policy\.custom` must be valid JSON \(.+\), got: "\{\\"Version\\": "$/,
          ) as unknown as string,
        ],
      ],
      [
        "PrivateLink: IPv6 endpoint on IPv4-only subnets",
        "c.yaml",
        cfg((c) => (c.deployments[0].endpoints = { services: [{ service: "sts", ipAddressType: "ipv6" }] })),
        ['`deployments[0].endpoints.services[0].ipAddressType` must match the subnets, which are IPv4-only (PL-3): ipv4, got: "ipv6"'],
      ],
      [
        "PrivateLink: the same service as MWAA",
        "c.yaml",
        cfg((c) => (c.deployments[0].endpoints = { services: ["sqs"] })),
        [
          '`deployments[0].endpoints.services[0].service` is already created by another feature of this deployment (mwaa): one endpoint per service per VPC, got: "sqs"',
        ],
      ],
      [
        "MWAA on IPv6-only subnets",
        "c.yaml",
        cfg((c) => (c.deployments[0].network.ipv6 = "ipv6-only")),
        [
          '`deployments[0].mwaa` must include IPv4: MWAA environments need IPv4 subnets (use ipv6: dualstack), got: "network.ipv6: ipv6-only"',
        ],
      ],
      [
        "App Runner: connector name too short",
        "c.yaml",
        cfg((c) => {
          delete c.deployments[0].mwaa;
          c.deployments[0].apprunner = { connectorName: "abc", awsServices: ["sts"] };
        }),
        [
          '`deployments[0].apprunner.connectorName` must be 4-40 characters of A-Z, a-z, 0-9, - and _ (App Runner VPC connector name; has 3), got: "abc"',
        ],
      ],
      [
        "App Runner: IPv6-only subnets",
        "c.yaml",
        cfg((c) => {
          delete c.deployments[0].mwaa;
          c.deployments[0].network.ipv6 = "ipv6-only";
          c.deployments[0].apprunner = { connectorName: "orders-connector" };
        }),
        [
          '`deployments[0].apprunner.connectorName` needs IPv4 subnets: App Runner\'s outgoing traffic is IPv4 only and IPv6-only subnets are rejected (APR-3), got: "orders-connector"',
        ],
      ],
      [
        "App Runner: one AZ left",
        "c.yaml",
        cfg((c) => {
          delete c.deployments[0].mwaa;
          c.deployments[0].apprunner = {
            connectorName: "orders-connector",
            excludeAvailabilityZones: ["us-east-1b"],
            awsServices: ["sts"],
          };
        }),
        [
          '`deployments[0].apprunner.excludeAvailabilityZones` must leave the connector at least 2 Availability Zones (APR-1), 1 left, got: ["us-east-1b"]',
        ],
      ],
      [
        "App Runner: unknown AWS service",
        "c.yaml",
        cfg((c) => {
          delete c.deployments[0].mwaa;
          c.deployments[0].apprunner = { connectorName: "orders-connector", awsServices: ["dynamo"] };
        }),
        [
          expect.stringMatching(
            /^error: `deployments\[0\]\.apprunner\.awsServices\[0\]\.service` must name an AWS service in the endpoint catalogue \(did you mean dynamodb\?\): .*, got: "dynamo"$/,
          ) as unknown as string,
        ],
      ],
      [
        "App Runner: secret as a value",
        "c.yaml",
        cfg((c) => {
          delete c.deployments[0].mwaa;
          c.deployments[0].apprunner = {
            connectorName: "orders-connector",
            awsServices: ["sts"],
            services: [
              {
                name: "orders-api",
                image: { identifier: "public.ecr.aws/x/y:1", repositoryType: "ECR_PUBLIC" },
                secrets: { TOKEN: "abc123" },
              },
            ],
          };
        }),
        [
          '`deployments[0].apprunner.services[0].secrets.TOKEN` must be the ARN of a Secrets Manager secret or an SSM parameter, never a value (secrets do not go into generated files), got: "(hidden)"',
        ],
      ],
      [
        "interface endpoints in an existing VPC of unknown CIDR",
        "c.yaml",
        cfg((c) => {
          delete c.deployments[0].network;
          delete c.deployments[0].mwaa;
          c.deployments[0].existingNetwork = {
            vpcId: "vpc-0a1b2c3d4e5f67890",
            privateSubnets: [
              { subnetId: "subnet-0a1b2c3d4e5f67890", availabilityZone: "us-east-1a" },
              { subnetId: "subnet-0b1c2d3e4f5a67891", availabilityZone: "us-east-1b" },
            ],
            routeTableIds: ["rtb-0a1b2c3d4e5f67890"],
          };
          c.deployments[0].endpoints = { services: ["sts"] };
        }),
        ["`deployments[0].existingNetwork.cidrBlock` is required with interface endpoints (their security group admits the VPC's block)"],
      ],
      // AWS's value rules (src/aws/value-rules.ts), one case per family the configuration can reach.
      [
        "VAL: a tag key AWS reserves",
        "c.yaml",
        cfg((c) => (c.deployments[0].tags = { "aws:owner": "me" })),
        ['`deployments[0].tags.aws:owner` must not start with aws: (reserved for AWS) (tag key), got: "aws:owner"'],
      ],
      [
        "VAL: a bucket name S3 reserves",
        "c.yaml",
        cfg((c) => (c.deployments[0].mwaa.sourceBucketName = "xn--dags-bucket")),
        ['`deployments[0].mwaa.sourceBucketName` must not start with xn-- (reserved by S3) (S3 bucket name), got: "xn--dags-bucket"'],
      ],
      [
        "VAL: an apostrophe in an App Runner egress description",
        "c.yaml",
        cfg((c) => {
          delete c.deployments[0].mwaa;
          c.deployments[0].apprunner = {
            connectorName: "orders",
            egress: [{ cidr: "10.0.0.0/16", port: 5432, description: "the team's database" }],
          };
        }),
        [
          '`deployments[0].apprunner.egress[0].description` must be at most 255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (security group rule description; "\'" not allowed), got: "the team\'s database"',
        ],
      ],
      [
        "VAL: a resource gateway name shaped like its ID",
        "c.yaml",
        lattice((l) => (l.resourceGateway.name = "rgw-main")),
        [
          '`deployments[0].lattice.resourceGateway.name` must not start with rgw- (reserved for IDs) (VPC Lattice resource gateway name), got: "rgw-main"',
        ],
      ],
      [
        "VAL: a state machine name with a dot (its logs need 0-9, A-Z, a-z, - and _)",
        "c.yaml",
        lattice((_l, d) => (d.stepFunctions.stateMachines[0].name = "my.forecast")),
        [
          '`deployments[0].stepFunctions.stateMachines[0].name` must be 1-80 characters of 0-9, A-Z, a-z, - and _ (Step Functions state machine name (with logging); "." not allowed), got: "my.forecast"',
        ],
      ],
      [
        "VAL: a connection description over 512 characters",
        "c.yaml",
        lattice((_l, d) => (d.eventBridge.connections[0].description = "x".repeat(513))),
        [
          `\`deployments[0].eventBridge.connections[0].description\` must be at most 512 characters (EventBridge connection description; has 513), got: "${"x".repeat(96)}...`,
        ],
      ],
      [
        "Lattice: more than 5 security groups on the gateway (LAT-1)",
        "c.yaml",
        lattice((l) => (l.resourceGateway.securityGroupIds = ["sg-0a000001", "sg-0a000002", "sg-0a000003", "sg-0a000004", "sg-0a000005"])),
        [
          '`deployments[0].lattice.resourceGateway.securityGroupIds` must name at most 4 security groups: with the gateway\'s own group that makes the limit of 5 (LAT-1), 6 in all, got: ["sg-0a000001","sg-0a000002","sg-0a000003","sg-0a000004","sg-0a000005"]',
        ],
      ],
      [
        "Lattice: IPv6 gateway on IPv4-only subnets (LAT-1)",
        "c.yaml",
        lattice((l) => (l.resourceGateway.ipAddressType = "IPV6")),
        [
          '`deployments[0].lattice.resourceGateway.ipAddressType` must fit the subnets (ipv4): IPV4 needs IPv4 in every subnet, IPV6 IPv6, DUALSTACK both (LAT-1), got: "IPV6"',
        ],
      ],
      [
        "Lattice: empty port ranges (LAT-2)",
        "c.yaml",
        lattice((l) => (l.resourceConfigurations[0].portRanges = [])),
        [
          '`deployments[0].lattice.resourceConfigurations[0].portRanges` must list at least one port or range, e.g. ["443"] (LAT-2), got: []',
        ],
      ],
      [
        "Lattice: a reversed port range (LAT-2)",
        "c.yaml",
        lattice((l) => (l.resourceConfigurations[0].portRanges = ["9000-8000"])),
        ['`deployments[0].lattice.resourceConfigurations[0].portRanges[0]` must go from the lower port to the higher, got: "9000-8000"'],
      ],
      [
        "Lattice: a resource defined two ways (LAT-2)",
        "c.yaml",
        lattice((l) => (l.resourceConfigurations[0].ipAddress = "10.0.3.10")),
        [
          '`deployments[0].lattice.resourceConfigurations[0]` must name its resource exactly one way: dnsName, ipAddress or arn (LAT-2), got: {"dnsName":"service1.example.com","ipAddress":"10.0.3.10"}',
        ],
      ],
      [
        "Lattice: configurations without a gateway",
        "c.yaml",
        lattice((l) => delete l.resourceGateway),
        ["`deployments[0].lattice.resourceGateway` is required with resourceConfigurations: every configuration sits on a gateway (LAT-2)"],
      ],
      [
        "Lattice: a RAM principal that is not an account, OU or organization (LAT-3)",
        "c.yaml",
        lattice((l) => (l.share = { name: "shared-services", principals: ["4444-5555-6666"] })),
        [
          '`deployments[0].lattice.share.principals[0]` must be a 12-digit account ID, an organization or OU ARN (arn:aws:organizations::…), or an IAM role or user ARN, got: "4444-5555-6666"',
        ],
      ],
      [
        "Lattice: a service-network consumer without a service network (LAT-4)",
        "c.yaml",
        lattice(
          (l) =>
            (l.consume = [
              {
                name: "service2",
                resourceConfigurationArn: "arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0",
                via: "serviceNetwork",
              },
            ]),
        ),
        ["`deployments[0].lattice.serviceNetwork` is required when a consume entry has via: serviceNetwork (LAT-4)"],
      ],
      [
        "Lattice: a malformed resource configuration ARN (LAT-4)",
        "c.yaml",
        lattice((l) => (l.consume = [{ name: "service2", resourceConfigurationArn: "rcfg-0123456789abcdef0" }])),
        [
          '`deployments[0].lattice.consume[0].resourceConfigurationArn` must be a resource configuration ARN: arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-<17 characters>, got: "rcfg-0123456789abcdef0"',
        ],
      ],
      [
        "EventBridge: a password in the configuration (LAT-5)",
        "c.yaml",
        lattice((_l, d) => (d.eventBridge.connections[0].authorization.basic.password = "hunter2")),
        [
          '`deployments[0].eventBridge.connections[0].authorization.basic.password` must not be in the configuration: secret values come from sensitive Terraform variables (see the generated README\'s inputs), never from files, got: "(hidden)"',
        ],
      ],
      [
        "EventBridge: a secret as an invocation header (LAT-5)",
        "c.yaml",
        lattice((_l, d) => (d.eventBridge.connections[0].invocationParameters = { headers: { "x-api-key": "abc123" } })),
        [
          '`deployments[0].eventBridge.connections[0].invocationParameters.headers.x-api-key` looks like a secret: parameters here are written into generated files; use authorization (basic, apiKey or oauth), whose secret comes from a sensitive Terraform variable (LAT-5), got: "(hidden)"',
        ],
      ],
      [
        "EventBridge: two authorizations (LAT-5)",
        "c.yaml",
        lattice((_l, d) => (d.eventBridge.connections[0].authorization.apiKey = { name: "x-api-key" })),
        [
          '`deployments[0].eventBridge.connections[0].authorization` must give exactly one of basic, apiKey and oauth (LAT-5), got: ["basic","apiKey"]',
        ],
      ],
      [
        "EventBridge: an unknown resource configuration (LAT-5)",
        "c.yaml",
        lattice((_l, d) => (d.eventBridge.connections[0].resourceConfiguration = "rc-service9")),
        [
          '`deployments[0].eventBridge.connections[0].resourceConfiguration` must name one of lattice.resourceConfigurations or lattice.consume: rc-service1, got: "rc-service9"',
        ],
      ],
      [
        "EventBridge: a configuration named and given by ARN",
        "c.yaml",
        lattice(
          (_l, d) =>
            (d.eventBridge.connections[0].resourceConfigurationArn =
              "arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"),
        ),
        [
          '`deployments[0].eventBridge.connections[0]` must give exactly one of resourceConfiguration (a name in this deployment) and resourceConfigurationArn (LAT-5), got: {"resourceConfiguration":"rc-service1","resourceConfigurationArn":"arn:aws:vpc-lattice:us-east-1:...',
        ],
      ],
      [
        "EventBridge: a configuration in another Region",
        "c.yaml",
        lattice((_l, d) => {
          delete d.eventBridge.connections[0].resourceConfiguration;
          d.eventBridge.connections[0].resourceConfigurationArn =
            "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0";
        }),
        [
          '`deployments[0].eventBridge.connections[0].resourceConfigurationArn` must be in the deployment\'s Region us-east-1: EventBridge connects to private APIs in its own Region only, got: "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"',
        ],
      ],
      [
        "EventBridge: two connections with one name",
        "c.yaml",
        lattice((_l, d) => d.eventBridge.connections.push({ ...d.eventBridge.connections[0] })),
        [
          '`deployments[0].eventBridge.connections[1].name` must be unique (Terraform addresses use it); connections[0] has the same name, got: "MyService1"',
        ],
      ],
      [
        "Lattice: a share with nothing to share (LAT-3)",
        "c.yaml",
        lattice((l, d) => {
          l.resourceConfigurations = [];
          l.share = { name: "shared-services", principals: ["444455556666"] };
          d.eventBridge.connections[0].resourceConfiguration = undefined;
          d.eventBridge.connections[0].resourceConfigurationArn =
            "arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0";
        }),
        ['`deployments[0].lattice.share` needs resourceConfigurations to share (LAT-3), got: {"name":"shared-services"}'],
      ],
      [
        "Step Functions: an unknown connection (LAT-6)",
        "c.yaml",
        lattice((_l, d) => (d.stepFunctions.stateMachines[0].connection = "Other")),
        ['`deployments[0].stepFunctions.stateMachines[0].connection` must name one of eventBridge.connections: MyService1, got: "Other"'],
      ],
      [
        "Step Functions: a plain-HTTP endpoint (LAT-6)",
        "c.yaml",
        lattice((_l, d) => (d.stepFunctions.stateMachines[0].endpoint = "http://service1.example.com/forecast")),
        [
          '`deployments[0].stepFunctions.stateMachines[0].endpoint` must be an https:// URL (HTTP Tasks call HTTPS APIs only), got: "http://service1.example.com/forecast"',
        ],
      ],
      [
        "unknown backend type",
        "c.yaml",
        cfg((c) => (c.deployments[0].backend = { type: "gcs" })),
        ['`deployments[0].backend.type` must be "local", "s3" or "cloud", got: "gcs"'],
      ],
      [
        "cloud backend with both workspace and tags",
        "c.yaml",
        cfg((c) => (c.deployments[0].backend = { type: "cloud", organization: "acme", workspace: "net", workspaceTags: ["net"] })),
        [
          '`deployments[0].backend.workspace` must be given, or else workspaceTags: exactly one of the two (a cloud block selects workspaces by name or by tags), got: {"workspace":"net","workspaceTags":["net"]}',
        ],
      ],
      [
        "s3 backend with an absolute key",
        "c.yaml",
        cfg((c) => (c.deployments[0].backend = { type: "s3", bucket: "acme-tf-state", key: "/state.tfstate" })),
        ['`deployments[0].backend.key` must be a relative object key (no leading /, no ..), got: "/state.tfstate"'],
      ],
      [
        "s3 backend without a bucket",
        "c.yaml",
        cfg((c) => (c.deployments[0].backend = { type: "s3", key: "state.tfstate" })),
        ["`deployments[0].backend.bucket` is required"],
      ],
    ])("%s: exit 1, one message per problem, nothing written", (_label, fileName, content, messages) => {
      const good = writeConfig("good.yaml", toYaml(validConfig()));
      expect(run(["--config", good, "--out", outDir]).code).toBe(0);
      const before = snapshotTree(outDir);

      const file = writeConfig(fileName, content);
      const r = run(["--config", file, "--out", outDir]);

      expect(r.code).toBe(1);
      const prefix = (m: string) =>
        m.startsWith("must") ? `error: \`${file}\` ${m}${fileName.endsWith(".toml") ? ', got: ".toml"' : ""}` : `error: ${m}`;
      expect(r.err).toEqual([
        ...messages.map((m) => (typeof m === "string" ? prefix(m) : m)),
        `${messages.length} problem${messages.length === 1 ? "" : "s"} in ${file}; nothing was written.`,
      ]);
      expect(r.out).toEqual([]);
      expect(snapshotTree(outDir)).toEqual(before);
    });

    test("several problems are all reported, each on its own line", () => {
      const c = validConfig();
      c.deployments[0].network.cidrBlock = "300.0.0.0/16";
      c.deployments[0].mwaa.sourceBucketName = "UPPER";
      c.deployments[0].extra = 1;
      const r = run(["--config", writeConfig("c.yaml", toYaml(c)), "--out", outDir]);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([
        'error: `deployments[0].network.cidrBlock` must be an IPv4 CIDR block such as 10.0.0.0/16, got: "300.0.0.0/16"',
        'error: `deployments[0].mwaa.sourceBucketName` must be 3-63 characters of lowercase letters, digits, . and - (S3 bucket name; "U" "P" "E" "R" not allowed), got: "UPPER"',
        "error: `deployments[0].extra` is not a known key (see docs/configuration.md), got: 1",
        `3 problems in ${path.join(tmp, "c.yaml")}; nothing was written.`,
      ]);
      expect(fs.existsSync(outDir)).toBe(false);
    });

    test("a missing configuration file is a clear error", () => {
      const file = path.join(tmp, "nope.yaml");
      const r = run(["--config", file, "--out", outDir]);
      // Unreadable input exits 2, as a missing path does for check.
      expect(r.code).toBe(2);
      expect(r.err).toEqual([
        `error: \`${file}\` must be a readable file (ENOENT: no such file or folder)`,
        `1 problem in ${file}; nothing was written.`,
      ]);
    });

    test.each([
      [["--bogus"], "error: unknown argument: --bogus"],
      [["--ocnfig", "x.yaml"], "error: unknown argument: --ocnfig (did you mean --config?)"],
      [["chek", "generated"], "error: unknown argument: chek (did you mean check?)"],
      [["--config"], "error: --config needs a value"],
      [["--out", "--config"], "error: --out needs a value"],
    ])("usage error %j exits 2 with the usage text", (args, first) => {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.err[0]).toBe(first);
      expect(r.err[1]).toMatch(/^Usage: private-routing \[synth\]/);
    });
  });

  test("--help prints usage and exits 0", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^Usage: private-routing \[synth\] \[--config FILE\] \[--out DIR\]/);
    // The checker and init are found from here too, and one exit-code table covers all commands.
    expect(r.out[0]).toContain("private-routing check PATH...");
    expect(r.out[0]).toContain("private-routing init SCENARIO");
    expect(r.out[0]).toContain("70 internal error");
  });
});

describe("did you mean", () => {
  test("a misspelt key is offered the closest key allowed at its place, and no guess when none is close", () => {
    const config = validConfig() as unknown as { deployments: Record<string, unknown>[] };
    const { network, ...rest } = config.deployments[0];
    config.deployments[0] = { ...rest, netwrok: network };
    const r = run(["--config", writeConfig("typo.yaml", toYaml(config)), "--out", path.join(tmp, "typo")]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(
      /^error: `deployments\[0\]\.netwrok` is not a known key \(did you mean network\?\) \(see docs\/configuration\.md\), got: /,
    );
  });
});

test("a number where a string is required is shown as written, with how to keep it (YAML drops a leading zero)", () => {
  const config = writeConfig(
    "zero.yaml",
    toYaml(validConfig()).replace("deployments:\n  - ", "deployments:\n  - tags:\n      Account: 012345678901\n    "),
  );
  const r = run(["--config", config, "--out", path.join(tmp, "zero")]);
  expect(r.code).toBe(1);
  expect(r.err[0]).toBe(
    'error: `deployments[0].tags.Account` must be a string: quote it ("012345678901") to keep it as written, got: 012345678901',
  );
});

test("two YAML documents in one file: the message says what to change, not which library function to call", () => {
  const config = writeConfig("multi.yaml", "deployments: []\n---\ndeployments: []\n");
  const r = run(["--config", config, "--out", path.join(tmp, "multi")]);
  expect(r.code).toBe(1);
  expect(r.err[0]).toBe(`error: \`${config}\` must be valid YAML (one document only: a second one starts at line 2, after ---)`);
});
