import * as path from "path";
import { DEFAULT_CONFIG, DEFAULT_OUT, run } from "../../src/cli";
import { loadConfig } from "../../src/config/load";
import { loadModel, modelFromTerraformJson } from "../../src/check/model";
import { detectProfiles } from "../../src/check/profiles";
import { MWAA_P5 } from "../../src/check/rules/mwaa";
import { runCheck } from "../../src/check/run";
import { ComplianceError, synthesize } from "../../src/synth/synthesize";
import { clone, ref, TerraformJson } from "../support/terraform-json";

const synth = synthesize(loadConfig(DEFAULT_CONFIG));
const mwaa = JSON.parse(synth.stacks.find((s) => s.name === "mwaa-private")!.json) as TerraformJson;
const check = (tf: TerraformJson) => runCheck(modelFromTerraformJson([tf as Record<string, unknown>], "fixture", "json"));
const violations = (tf: TerraformJson) => check(tf).findings.filter((f) => f.status === "fail").map((f) => `${f.ruleId} ${f.address}: ${f.message}`);

describe("checker rules", () => {
  test("the generated MWAA private-routing stack passes every rule of its profile", () => {
    const r = check(mwaa);
    expect(r.profiles).toEqual(["mwaa-private", "security"]);
    expect(r.findings).toEqual([]);
    expect(r.passed).toEqual(["MWAA-P1", "MWAA-P2", "MWAA-P3", "MWAA-P4", "MWAA-P5", "MWAA-P6", "MWAA-P7", "MWAA-P8", "MWAA-P9", "MWAA-P10", "SEC-1", "SEC-2"]);
  });

  // Each mutation of the generated stack fails with the right rule ID and resource address.
  test.each<[string, (tf: TerraformJson) => void, string[]]>([
    ["MWAA-P1: no self-referencing rule", (tf) => delete tf.resource!.aws_vpc_security_group_ingress_rule, ["MWAA-P1 aws_security_group.mwaa: no self-referencing inbound rule for all traffic (or for TCP 443 and 5432)"]],
    ["MWAA-P2: a 0.0.0.0/0 route to a NAT", (tf) => (tf.resource!.aws_route = { nat: { route_table_id: ref("aws_route_table", "network_private"), destination_cidr_block: "0.0.0.0/0", nat_gateway_id: "nat-0123" } }), ["MWAA-P2 aws_route.nat: route to an internet gateway or NAT"]],
    ["MWAA-P2/P7: both subnets in one AZ", (tf) => (tf.resource!.aws_subnet.network_private_us_east_1b.availability_zone = "us-east-1a"), [
      "MWAA-P2 -: the private subnets are in fewer than two Availability Zones",
      ...["airflow_api", "airflow_env", "airflow_ops", "ecr_api", "ecr_dkr", "kms", "logs", "monitoring", "sqs"].map((n) => `MWAA-P7 aws_vpc_endpoint.mwaa_${n}: not in two subnets of two AZs`),
    ]],
    ["MWAA-P3: NACL outbound deny all", (tf) => (tf.resource!.aws_network_acl.network_private_acl.egress = [{ rule_no: 100, action: "deny", protocol: "-1", cidr_block: "0.0.0.0/0", from_port: 0, to_port: 0 }]), ["MWAA-P3 aws_network_acl.network_private_acl: outbound is not rule 100 allowing all traffic"]],
    ["MWAA-P4: S3 endpoint off the route table", (tf) => (tf.resource!.aws_vpc_endpoint.mwaa_s3.route_table_ids = []), ["MWAA-P4 aws_vpc_endpoint.mwaa_s3: not attached to aws_route_table.network_private"]],
    ["MWAA-P5: the kms endpoint dropped", (tf) => delete tf.resource!.aws_vpc_endpoint.mwaa_kms, ["MWAA-P5 -: missing interface endpoint kms"]],
    ["MWAA-P6: private DNS off", (tf) => (tf.resource!.aws_vpc_endpoint.mwaa_sqs.private_dns_enabled = false), ["MWAA-P6 aws_vpc_endpoint.mwaa_sqs: private DNS is off"]],
    ["MWAA-P8: an endpoint without the group", (tf) => (tf.resource!.aws_vpc_endpoint.mwaa_logs.security_group_ids = [ref("aws_security_group", "other")]), ["MWAA-P8 aws_vpc_endpoint.mwaa_logs: does not carry aws_security_group.mwaa"]],
    ["MWAA-P9: a deny policy", (tf) => (tf.resource!.aws_vpc_endpoint.mwaa_ecr_api.policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] })), ["MWAA-P9 aws_vpc_endpoint.mwaa_ecr_api: the policy does not allow all access to the service"]],
    ["MWAA-P10: no ECR layer bucket", (tf) => (tf.resource!.aws_vpc_endpoint.mwaa_s3.policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::dags/*" }] })), ["MWAA-P10 aws_vpc_endpoint.mwaa_s3: the policy does not allow arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"]],
    ["SEC-1: ingress from anywhere", (tf) => (tf.resource!.aws_vpc_security_group_ingress_rule.open = { security_group_id: ref("aws_security_group", "mwaa"), cidr_ipv4: "0.0.0.0/0", ip_protocol: "tcp", from_port: 22, to_port: 22 }), ["SEC-1 aws_vpc_security_group_ingress_rule.open: admits 0.0.0.0/0"]],
  ])("%s", (_label, mutate, expected) => {
    const broken = clone(mwaa);
    mutate(broken);
    expect(violations(broken)).toEqual(expected);
  });

  const stackJson = (name: string) => JSON.parse(synth.stacks.find((s) => s.name === name)!.json) as TerraformJson;
  test.each<[string, string, string, (tf: TerraformJson) => void, string[]]>([
    ["MWAA-U2: public subnets lose their internet route", "mwaa-public", "MWAA-U2", (tf) => delete tf.resource!.aws_route.network_public_internet, ["MWAA-U2 -: public subnets (routed to an internet gateway) span 0 AZ(s), need 2"]],
    ["MWAA-U3: a private subnet routed to the other AZ's NAT", "mwaa-public", "MWAA-U3", (tf) => (tf.resource!.aws_route.network_private_eu_west_1b_nat.nat_gateway_id = ref("aws_nat_gateway", "network_nat_eu_west_1a")), ["MWAA-U3 aws_subnet.network_private_eu_west_1b: routes to the NAT gateway in eu-west-1a, not in its own AZ"]],
    ["MWAA-U4: two NAT gateways share an Elastic IP", "mwaa-public", "MWAA-U4", (tf) => (tf.resource!.aws_nat_gateway.network_nat_eu_west_1b.allocation_id = ref("aws_eip", "network_nat_eu_west_1a", "allocation_id")), [
      "MWAA-U4 aws_nat_gateway.network_nat_eu_west_1a: shares its Elastic IP with another NAT gateway",
      "MWAA-U4 aws_nat_gateway.network_nat_eu_west_1b: shares its Elastic IP with another NAT gateway",
    ]],
    ["MWAA-U5: a second internet gateway", "mwaa-public", "MWAA-U5", (tf) => (tf.resource!.aws_internet_gateway.extra = { vpc_id: ref("aws_vpc", "network") }), ["MWAA-U5 -: 2 internet gateways, need 1"]],
    ["MWAA-G1: both environment subnets in one AZ", "mwaa-environment", "MWAA-G1", (tf) => (tf.resource!.aws_mwaa_environment.mwaa_environment.network_configuration.subnet_ids = [ref("aws_subnet", "network_private_us_east_1a"), ref("aws_subnet", "network_private_us_east_1a")]), ["MWAA-G1 aws_mwaa_environment.mwaa_environment: both subnets are in one Availability Zone"]],
    ["MWAA-G4: versioning suspended", "mwaa-environment", "MWAA-G4", (tf) => (tf.resource!.aws_s3_bucket_versioning.mwaa_environment_source.versioning_configuration.status = "Suspended"), ["MWAA-G4 aws_s3_bucket.mwaa_environment_source: versioning is not enabled"]],
    ["APR-2: the connector on a public subnet", "apprunner-private", "APR-2", (tf) => {
      tf.resource!.aws_internet_gateway = { igw: { vpc_id: ref("aws_vpc", "network") } };
      tf.resource!.aws_route = { out: { route_table_id: ref("aws_route_table", "network_private"), destination_cidr_block: "0.0.0.0/0", gateway_id: ref("aws_internet_gateway", "igw") } };
    }, [
      "APR-2 aws_apprunner_vpc_connector.apprunner: uses public subnet aws_subnet.network_private_us_east_1a",
      "APR-2 aws_apprunner_vpc_connector.apprunner: uses public subnet aws_subnet.network_private_us_east_1b",
      "APR-2 aws_apprunner_vpc_connector.apprunner: uses public subnet aws_subnet.network_private_us_east_1c",
    ]],
    ["APR-6: DEFAULT egress", "apprunner-private", "APR-6", (tf) => (tf.resource!.aws_apprunner_service.apprunner_orders_worker.network_configuration.egress_configuration = { egress_type: "DEFAULT" }), ["APR-6 aws_apprunner_service.apprunner_orders_worker: does not send its traffic through a VPC connector"]],
    ["PL-1: an endpoint in one AZ", "privatelink-dualstack", "PL-1", (tf) => (tf.resource!.aws_vpc_endpoint.endpoints_sts.subnet_ids = [ref("aws_subnet", "network_private_us_east_1a")]), ["PL-1 aws_vpc_endpoint.endpoints_sts: is in 1 AZ"]],
    ["PL-7: a gateway endpoint with subnets", "privatelink-dualstack", "PL-7", (tf) => (tf.resource!.aws_vpc_endpoint.endpoints_s3.subnet_ids = [ref("aws_subnet", "network_private_us_east_1a")]), ["PL-7 aws_vpc_endpoint.endpoints_s3: names subnets or security groups"]],
    ["SEC-2: a literal password in an EventBridge connection", "apprunner-private", "SEC-2", (tf) => (tf.resource!.aws_cloudwatch_event_connection = { api: { name: "api", authorization_type: "BASIC", auth_parameters: { basic: { username: "u", password: "hunter2" } } } }), ["SEC-2 aws_cloudwatch_event_connection.api: a secret is written as a literal"]],
  ])("%s", (_label, stack, ruleId, mutate, expected) => {
    const tf = stackJson(stack);
    expect(violations(tf).filter((v) => v.startsWith(`${ruleId} `))).toEqual([]);
    const broken = clone(tf);
    mutate(broken);
    const found = runCheck(modelFromTerraformJson([broken as Record<string, unknown>], "fixture", "json"), [...(tf["//"] as { private_routing: { profiles: string[] } }).private_routing.profiles.filter((p) => !p.startsWith("network-")), "security"]);
    expect(found.findings.filter((f) => f.status === "fail" && f.ruleId === ruleId).map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual(expected);
  });

  test("every generated stack passes its recorded profiles, as JSON and as HCL with the same findings", async () => {
    for (const s of synth.stacks) {
      const json = runCheck(await loadModel(path.join(DEFAULT_OUT, "json", s.name)));
      const hcl = runCheck(await loadModel(path.join(DEFAULT_OUT, "hcl", s.name)));
      expect(json.findings.filter((f) => f.status === "fail")).toEqual([]);
      expect(hcl.findings).toEqual(json.findings);
      expect(hcl.passed).toEqual(json.passed);
    }
  });

  test("an existing VPC's subnets cannot be placed in AZs offline: MWAA-P7 says so, never passes", () => {
    const existing = synth.stacks.find((s) => s.name === "mwaa-existing-vpc")!.check;
    expect(existing.passed).not.toContain("MWAA-P7");
    expect(new Set(existing.findings.map((f) => `${f.ruleId} ${f.status}`))).toEqual(new Set(["MWAA-P7 unverifiable", "MWAA-G1 unverifiable"]));
  });

  test("profiles are detected from the resources when none are recorded", () => {
    const unrecorded = clone(mwaa);
    delete unrecorded["//"];
    expect(detectProfiles(modelFromTerraformJson([unrecorded as Record<string, unknown>], "x", "json"))).toEqual(["mwaa-private", "security"]);
  });

  test("synth stops with every violation and writes nothing when a stack breaks a rule", () => {
    const spy = jest.spyOn(MWAA_P5, "check").mockReturnValue([{ status: "fail", address: "-", message: "missing interface endpoint kms" }]);
    try {
      expect(() => synthesize(loadConfig(DEFAULT_CONFIG))).toThrow(ComplianceError);
      const out: string[] = [];
      const err: string[] = [];
      return run(["--out", path.join(require("os").tmpdir(), `pr-never-${process.pid}`)], { out: (l) => out.push(l), err: (l) => err.push(l) }).then((code) => {
        expect(code).toBe(1);
        expect(err[0]).toBe("error: mwaa-private: MWAA-P5 -: missing interface endpoint kms");
        expect(err[err.length - 1]).toBe("4 requirement violations in the generated Terraform; nothing was written.");
        expect(require("fs").existsSync(path.join(require("os").tmpdir(), `pr-never-${process.pid}`))).toBe(false);
      });
    } finally {
      spy.mockRestore();
    }
  });
});
