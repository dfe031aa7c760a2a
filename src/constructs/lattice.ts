import { Construct } from "../cdk/cdktf";
import { snakeName } from "../aws/lattice";
import type { LatticePlan } from "../plan/types";
import { HttpTaskStateMachine } from "./http-task-state-machine";
import { LatticeConsumer } from "./lattice-consumer";
import { INetwork } from "./network";
import { PrivateApiConnection } from "./private-api-connection";
import { ResourceConfiguration } from "./resource-configuration";
import { ResourceGateway } from "./resource-gateway";
import { ResourceShare } from "./resource-share";
import { addOutput, group } from "./scope";

export interface LatticeProps extends LatticePlan {
  readonly network: INetwork;
}

/**
 * Private APIs across VPC and account boundaries (LAT-1..LAT-7): the owner's resource gateway,
 * configurations and RAM share; the consumer's endpoints or service network; EventBridge
 * connections (API destinations, rules) and Step Functions HTTP Tasks using them. A grouping
 * construct: its id starts with `_`, so its children keep their own addresses.
 */
export class Lattice extends Construct {
  constructor(scope: Construct, id: string, props: LatticeProps) {
    super(scope, id);
    const net = props.network;
    const configurationArns = new Map<string, string>();
    if (props.resourceGateway) {
      const gateway = new ResourceGateway(this, "lattice_gateway", {
        network: net,
        namePrefix: props.namePrefix,
        ...props.resourceGateway,
      });
      const configurations = props.resourceConfigurations.map(
        (c) =>
          new ResourceConfiguration(group(this, "_lattice_rc"), `lattice_${snakeName(c.name)}`, {
            gateway,
            namePrefix: props.namePrefix,
            ...c,
          }),
      );
      for (const c of configurations) configurationArns.set(c.name, c.arn);
      const made = configurations.filter((c) => c.targetGroup);
      if (made.length > 0)
        addOutput(
          this,
          "lattice_target_security_group_ids",
          Object.fromEntries(made.map((c) => [c.name, c.targetGroup!.id])),
          "Security groups made for the resources behind the configurations, by name: attach each to its resource (it admits the shared ports from the resource gateway's group, as EventBridge asks of a target)",
        );
      if (configurations.length > 0) {
        addOutput(
          this,
          "resource_configuration_arns",
          Object.fromEntries(configurations.map((c) => [c.name, c.arn])),
          "ARNs of the resource configurations, by name: consumers and EventBridge connections name these (LAT-2)",
        );
      }
      if (props.share) {
        const share = new ResourceShare(this, "lattice_share", {
          ...props.share,
          resources: configurations.map((c) => ({ name: c.name, arn: c.arn })),
        });
        addOutput(
          this,
          "ram_resource_share_arn",
          share.share.arn,
          // AWS RAM User Guide, "Getting started with AWS RAM" (read 2026-12-01): with sharing
          // with AWS Organizations on, principals in the organization get no invitation.
          props.share.allowExternalPrincipals
            ? "ARN of the AWS RAM resource share: consumers outside the organization (and inside it while RAM sharing with AWS Organizations is off) accept its invitation before using the configurations (LAT-3)"
            : "ARN of the AWS RAM resource share, for accounts of the organization only: with RAM sharing with AWS Organizations on they need no invitation; with it off they accept one before using the configurations (LAT-3)",
        );
      }
    }
    if (props.consume.length > 0)
      new LatticeConsumer(this, "lattice", {
        network: net,
        namePrefix: props.namePrefix,
        resources: props.consume,
        serviceNetworkName: props.serviceNetworkName,
      });

    const connections = props.connections.map((c) => {
      const resourceConfigurationArn = "arn" in c.target ? c.target.arn : configurationArns.get(c.target.configuration)!;
      return new PrivateApiConnection(group(this, "_eventbridge"), `eventbridge_${snakeName(c.name)}`, {
        ...c,
        namePrefix: props.namePrefix,
        resourceConfigurationArn,
      });
    });
    if (connections.length > 0) {
      const byName = <T>(items: readonly T[], f: (x: T) => string, names: readonly string[]) =>
        Object.fromEntries(items.map((x, i) => [names[i], f(x)]));
      const names = props.connections.map((c) => c.name);
      addOutput(
        this,
        "eventbridge_connection_arns",
        byName(connections, (c) => c.connection.arn, names),
        "ARNs of the EventBridge connections to private APIs, by name (LAT-5)",
      );
      addOutput(
        this,
        "eventbridge_connection_secret_arns",
        byName(connections, (c) => c.connection.secretArn, names),
        "ARNs of the Secrets Manager secrets EventBridge keeps the connections' credentials in",
      );
      const destinations = connections.flatMap((c, i) => (c.apiDestination ? [[names[i], c.apiDestination.arn] as const] : []));
      if (destinations.length > 0)
        addOutput(
          this,
          "eventbridge_api_destination_arns",
          Object.fromEntries(destinations),
          "ARNs of the API destinations using the connections, by connection name (LAT-6)",
        );
    }
    const machines = props.stateMachines.map((m) => {
      const connection = connections[props.connections.findIndex((c) => c.name === m.connection)];
      return new HttpTaskStateMachine(group(this, "_sfn"), `sfn_${snakeName(m.name)}`, {
        ...m,
        namePrefix: props.namePrefix,
        accountId: props.accountId,
        connectionArn: connection.connection.arn,
        connectionSecretArn: connection.connection.secretArn,
      });
    });
    if (machines.length > 0) {
      const names = props.stateMachines.map((m) => m.name);
      addOutput(
        this,
        "state_machine_arns",
        Object.fromEntries(machines.map((m, i) => [names[i], m.stateMachine.arn])),
        "ARNs of the Step Functions state machines calling the private APIs, by name (LAT-6)",
      );
      addOutput(
        this,
        "state_machine_role_arns",
        Object.fromEntries(machines.map((m, i) => [names[i], m.role.arn])),
        "ARNs of the state machines' roles, by name",
      );
    }
  }
}
