import { RESOURCE_CONFIGURATION_ARN_RE, snakeName } from "../aws/lattice";
import { checkHttpTaskStateMachine } from "../constructs/http-task-state-machine";
import { checkLatticeConsumer } from "../constructs/lattice-consumer";
import type { INetwork } from "../constructs/network";
import { checkPrivateApiConnection } from "../constructs/private-api-connection";
import { checkResourceConfiguration } from "../constructs/resource-configuration";
import { checkResourceGateway } from "../constructs/resource-gateway";
import { checkResourceShare } from "../constructs/resource-share";
import { Problem, repeatedKeys, under } from "../problems";
import type { DeploymentConfig } from "./schema";

/**
 * The rules of `lattice`, `eventBridge` and `stepFunctions` that the schema cannot express:
 * each construct's own checks, plus the references between them (a connection names a resource
 * configuration, a state machine names a connection). Paths are relative to the deployment.
 */
export function checkLatticeConfig(d: DeploymentConfig, network: Pick<INetwork, "subnetIpAddressType" | "vpcCidrBlock">): Problem[] {
  const problems: Problem[] = [];
  const l = d.lattice;
  const unique = (list: readonly { name: string }[], at: string) => {
    for (const [i, first] of repeatedKeys(list, (x) => snakeName(x.name))) {
      problems.push({ path: `${at}[${i}].name`, value: list[i].name, rule: `must be unique (Terraform addresses use it); ${at.split(".").pop()}[${first}] has the same name` });
    }
  };

  if (l) {
    if (l.resourceGateway) problems.push(...under("lattice.resourceGateway", checkResourceGateway({ ...l.resourceGateway, network })));
    if (l.resourceConfigurations.length > 0 && !l.resourceGateway) {
      problems.push({ path: "lattice.resourceGateway", value: undefined, rule: "is required with resourceConfigurations: every configuration sits on a gateway (LAT-2)" });
    }
    l.resourceConfigurations.forEach((c, i) => problems.push(...under(`lattice.resourceConfigurations[${i}]`, checkResourceConfiguration({ ...c, vpcCidrBlock: network.vpcCidrBlock }))));
    unique(l.resourceConfigurations, "lattice.resourceConfigurations");
    if (l.share) {
      problems.push(...under("lattice.share", checkResourceShare(l.share)));
      if (l.resourceConfigurations.length === 0) problems.push({ path: "lattice.share", value: { name: l.share.name }, rule: "needs resourceConfigurations to share (LAT-3)" });
    }
    problems.push(...under("lattice", checkLatticeConsumer({ resources: l.consume, serviceNetworkName: l.serviceNetwork?.name, network })));
    l.consume.forEach((c, i) => {
      if (l.resourceConfigurations.some((r) => r.name === c.name)) {
        problems.push({ path: `lattice.consume[${i}].name`, value: c.name, rule: "must differ from the resource configurations' names: connections name either one" });
      }
    });
  }

  const connections = d.eventBridge?.connections ?? [];
  const configurationNames = [...(l?.resourceConfigurations ?? []).map((c) => c.name), ...(l?.consume ?? []).map((c) => c.name)];
  connections.forEach((c, i) => {
    const at = `eventBridge.connections[${i}]`;
    problems.push(...under(at, checkPrivateApiConnection(c)));
    if ((c.resourceConfiguration === undefined) === (c.resourceConfigurationArn === undefined)) {
      problems.push({ path: at, value: { resourceConfiguration: c.resourceConfiguration, resourceConfigurationArn: c.resourceConfigurationArn }, rule: "must give exactly one of resourceConfiguration (a name in this deployment) and resourceConfigurationArn (LAT-5)" });
    } else if (c.resourceConfiguration !== undefined && !configurationNames.includes(c.resourceConfiguration)) {
      problems.push({
        path: `${at}.resourceConfiguration`,
        value: c.resourceConfiguration,
        rule: configurationNames.length > 0 ? `must name one of lattice.resourceConfigurations or lattice.consume: ${configurationNames.join(", ")}` : "must name a lattice.resourceConfigurations or lattice.consume entry, and this deployment has none; use resourceConfigurationArn",
      });
    } else if (c.resourceConfigurationArn !== undefined && !RESOURCE_CONFIGURATION_ARN_RE.test(c.resourceConfigurationArn)) {
      problems.push({ path: `${at}.resourceConfigurationArn`, value: c.resourceConfigurationArn, rule: "must be a resource configuration ARN: arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-<17 characters>" });
    }
    const arnRegion = /^arn:aws:vpc-lattice:([a-z0-9-]+):/.exec(c.resourceConfigurationArn ?? "")?.[1];
    if (arnRegion !== undefined && arnRegion !== d.region) {
      problems.push({ path: `${at}.resourceConfigurationArn`, value: c.resourceConfigurationArn, rule: `must be in the deployment's Region ${d.region}: EventBridge connects to private APIs in its own Region only` });
    }
  });
  unique(connections, "eventBridge.connections");

  const machines = d.stepFunctions?.stateMachines ?? [];
  machines.forEach((m, i) => {
    const at = `stepFunctions.stateMachines[${i}]`;
    problems.push(...under(at, checkHttpTaskStateMachine(m)));
    if (!connections.some((c) => c.name === m.connection)) {
      const names = connections.map((c) => c.name);
      problems.push({ path: `${at}.connection`, value: m.connection, rule: names.length > 0 ? `must name one of eventBridge.connections: ${names.join(", ")}` : "must name an eventBridge.connections entry, and this deployment has none (LAT-6)" });
    }
  });
  unique(machines, "stepFunctions.stateMachines");
  return problems;
}
