import { DEFAULT_CONFIG } from "../../src/cli";
import { loadConfig } from "../../src/config/load";
import { synthesize } from "../../src/synth/synthesize";

const config = loadConfig(DEFAULT_CONFIG);
const { files, stacks } = synthesize(config.plans);

describe("generated README per root module", () => {
  test.each(stacks.map((s) => [s.name] as const))("%s: diagram, every output, cost, and how to run it, in both folders", (name) => {
    const stack = stacks.find((s) => s.name === name)!;
    const tf = JSON.parse(stack.json);
    for (const format of ["json", "hcl"]) {
      const readme = files.get(`${format}/${name}/README.md`)!.toString();
      expect(readme.startsWith(`# ${name}\n`)).toBe(true);
      expect(readme).toMatch(/```mermaid\nflowchart LR\n[\s\S]+?\n```/);
      for (const output of Object.keys(tf.output ?? {})) expect(readme).toContain(`| \`${output}\` |`);
      expect(readme).toContain(`cd generated/${format}/${name}\n`);
      expect(readme).toContain(`| Resources | ${stack.resourceAddresses.length} |`);
      expect(readme).not.toMatch(/\/work\/|\/tmp\//);
    }
  });

  test("the Verified section names what the apply tier applied and, with its reason, what it could not", () => {
    expect(files.get("json/mwaa-private/README.md")).toContain(
      "planned again with no change and destroyed, leaving nothing behind (`npm run test:apply`): all 21 resources.",
    );
    const apprunner = files.get("hcl/apprunner-private/README.md")!;
    expect(apprunner).toContain("(`npm run test:apply`): 28 of 33 resources. Not applied there:\n");
    expect(apprunner).toContain("  - `aws_apprunner_vpc_connector.apprunner`: moto has no AWS App Runner service\n");
  });

  test("the diagram shows subnets per AZ, the route tables, NAT and internet gateways, endpoints, the connector and the resolver", () => {
    const pub = files.get("hcl/mwaa-public/README.md")!;
    expect(pub).toContain('subgraph n_eu_west_1a["eu-west-1a"]');
    expect(pub).toContain('["public subnet 10.40.128.0/20"]');
    expect(pub).toContain('(["NAT gateway network_nat_eu_west_1a"])');
    expect(pub).toContain('(["internet gateway"])');
    expect(pub).toContain('n_rt_network_private_eu_west_1a[/"route table network_private_eu_west_1a: 0.0.0.0/0 to NAT gateway"/]');
    expect(pub).toContain("n_rt_network_private_eu_west_1a --> n_network_nat_eu_west_1a");
    expect(pub).toContain('n_rt_network_public[/"route table network_public: 0.0.0.0/0 to internet gateway"/]');
    expect(files.get("hcl/mwaa-private/README.md")).toContain(
      'interface_endpoints{{"interface endpoints (9): airflow.api, airflow.env, airflow.ops, ecr.api, ecr.dkr, kms, logs, monitoring, sqs"}}',
    );
    expect(files.get("hcl/apprunner-private/README.md")).toContain('[["App Runner VPC connector orders-connector"]]');
    expect(files.get("hcl/privatelink-dualstack/README.md")).toContain('(["Route 53 Resolver inbound endpoint"])');
  });

  test("Lattice: the owner's gateway, configuration and RAM share, the consumer's service network, connection, destination and state machine", () => {
    const owner = files.get("hcl/lattice-owner/README.md")!;
    expect(owner).toContain('n_rg_lattice_gateway[["resource gateway main-rg"]]');
    expect(owner).toContain('n_rc_lattice_rc_service1[/"resource configuration rc-service1: service1.example.com 80, 443"/]');
    expect(owner).toContain('n_share_lattice_share(["RAM share shared-services"]) --> n_rc_lattice_rc_service1');
    const consumer = files.get("json/lattice-consumer/README.md")!;
    expect(consumer).toContain("vpc -- ServiceNetwork endpoint --> n_sn_lattice_service_network");
    expect(consumer).toContain('n_conn_eventbridge_myservice1(["EventBridge connection MyService1: private API"])');
    expect(consumer).toContain('n_sfn_sfn_forecast(["Step Functions forecast: HTTP Task"]) --> n_conn_eventbridge_myservice1');
  });

  test("the consumer's README lists what its caller needs for EventBridge's resource association; the owner's says SEC-1 is an accepted deviation", () => {
    const consumer = files.get("hcl/lattice-consumer/README.md")!.toString();
    expect(consumer).toContain("## Permissions of the caller\n");
    for (const action of [
      "events:CreateConnection",
      "vpc-lattice:CreateServiceNetworkResourceAssociation",
      "vpc-lattice:GetResourceConfiguration",
      "vpc-lattice:AssociateViaAWSService-EventsAndStates",
    ])
      expect(consumer).toContain(`- \`${action}\``);
    expect(files.get("hcl/lattice-owner/README.md")!.toString()).not.toContain("## Permissions of the caller");
    expect(files.get("hcl/lattice-owner/README.md")!.toString()).toContain(
      "| `SEC-1` | accepted deviation (1: output `private_routing_accepted` says why) |",
    );
  });

  test("LAT-5: a module with secrets lists its sensitive variables as inputs and exports them from a secret store in the commands", () => {
    for (const format of ["json", "hcl"]) {
      const consumer = files.get(`${format}/lattice-consumer/README.md`)!;
      expect(consumer).toMatch(
        /\| `eventbridge_myservice1_password` \| yes \| Basic authorization password of the EventBridge connection MyService1\./,
      );
      expect(consumer).toContain('export TF_VAR_eventbridge_myservice1_password="$(…read it from your secret store…)"   # never in a file');
    }
    expect(files.get("json/mwaa-private/README.md")).toContain("None: every value comes from the deployment's configuration.");
  });

  test("the state line and the commands follow the backend", () => {
    expect(files.get("json/mwaa-private/README.md")).toContain("| State | local file `terraform.tfstate` in this folder |");
    expect(files.get("json/mwaa-private-hardened/README.md")).toContain(
      "| State | S3: `s3://example-terraform-state-123456789012/private-routing/mwaa-private-hardened.tfstate` in `us-east-1`, encrypted, locked by an S3 lock file |",
    );
    const cloud = files.get("json/mwaa-environment/README.md")!;
    expect(cloud).toContain("| State | HCP Terraform: organization `example-org`, workspace `mwaa-environment`, project `data-platform` |");
    expect(cloud).toContain("terraform login");
    expect(files.get("json/mwaa-private/README.md")).toContain("*Terraform working directory*");
  });
});
