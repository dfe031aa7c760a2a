import { Construct, Fn } from "../cdk/cdktf";
import {
  ApprunnerAutoScalingConfigurationVersion,
  ApprunnerService,
  ApprunnerVpcIngressConnection,
  IamRole,
  IamRolePolicy,
  IamRolePolicyAttachment,
  VpcEndpoint,
} from "../cdk/aws";
import type { AppRunnerServicePlan } from "../plan/types";

export interface AppRunnerServiceProps extends AppRunnerServicePlan {
  /** The deployment's connector ARN (APR-6, APR-7). */
  readonly vpcConnectorArn: string;
  /** The deployment's `apprunner.requests` endpoint (needed when private, APR-8). */
  readonly requestsEndpoint?: VpcEndpoint;
  readonly vpcId: string;
}

/**
 * An App Runner service from an ECR or ECR Public image whose outgoing traffic goes through the
 * deployment's VPC connector (APR-6); optionally private, reachable only through a VPC ingress
 * connection (APR-8). Secrets are referenced by ARN and read by an instance role allowed exactly
 * those ARNs.
 */
export class AppRunnerService extends Construct {
  readonly service: ApprunnerService;
  readonly ingressConnection?: ApprunnerVpcIngressConnection;

  constructor(scope: Construct, id: string, props: AppRunnerServiceProps) {
    super(scope, id);
    if (props.private && !props.requestsEndpoint)
      throw new Error("AppRunnerService: a private service needs the deployment's apprunner.requests endpoint");
    const trust = (service: string) =>
      Fn.jsonencode({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });

    let accessRoleArn: string | undefined;
    // Policies the service's roles need when App Runner creates it (it checks the access role
    // then, and provider 5.100.0 retries only "instance role" errors): created first.
    const accessReady: (IamRolePolicyAttachment | IamRolePolicy)[] = [];
    if (props.image.repositoryType === "ECR") {
      // App Runner pulls private ECR images with this role (AWS's managed policy for exactly that).
      const access = new IamRole(new Construct(this, "_access"), "access", {
        name: `apprunner-${props.name}-access`,
        assumeRolePolicy: trust("build.apprunner.amazonaws.com"),
      });
      accessReady.push(
        new IamRolePolicyAttachment(new Construct(this, "_access_policy"), "access", {
          role: access.name,
          policyArn: "arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess",
        }),
      );
      accessRoleArn = access.arn;
    }

    let instanceRoleArn: string | undefined;
    const secretArns = Object.values(props.secrets ?? {});
    if (secretArns.length > 0) {
      const instance = new IamRole(new Construct(this, "_instance"), "instance", {
        name: `apprunner-${props.name}-instance`,
        assumeRolePolicy: trust("tasks.apprunner.amazonaws.com"),
      });
      const sm = secretArns.filter((a) => a.startsWith("arn:aws:secretsmanager:"));
      const ssm = secretArns.filter((a) => a.startsWith("arn:aws:ssm:"));
      const instancePolicy = new IamRolePolicy(new Construct(this, "_instance_policy"), "instance", {
        name: "read-own-secrets",
        role: instance.id,
        policy: Fn.jsonencode({
          Version: "2012-10-17",
          Statement: [
            ...(sm.length ? [{ Sid: "ReadSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: sm }] : []),
            ...(ssm.length ? [{ Sid: "ReadParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: ssm }] : []),
          ],
        }),
      });
      instanceRoleArn = instance.arn;
      accessReady.push(instancePolicy);
    }

    let autoScalingArn: string | undefined;
    if (props.autoScaling) {
      autoScalingArn = new ApprunnerAutoScalingConfigurationVersion(new Construct(this, "_scaling"), "scaling", {
        autoScalingConfigurationName: props.name.slice(0, 32),
        minSize: props.autoScaling.minSize,
        maxSize: props.autoScaling.maxSize,
        maxConcurrency: props.autoScaling.maxConcurrency,
      }).arn;
    }

    const hc = props.healthCheck;
    this.service = new ApprunnerService(this, "Default", {
      serviceName: props.name,
      sourceConfiguration: {
        autoDeploymentsEnabled: false,
        authenticationConfiguration: accessRoleArn ? { accessRoleArn } : undefined,
        imageRepository: {
          imageIdentifier: props.image.identifier,
          imageRepositoryType: props.image.repositoryType,
          imageConfiguration: {
            port: String(props.image.port),
            startCommand: props.image.startCommand,
            runtimeEnvironmentVariables: props.environment && Object.keys(props.environment).length ? { ...props.environment } : undefined,
            runtimeEnvironmentSecrets: props.secrets && Object.keys(props.secrets).length ? { ...props.secrets } : undefined,
          },
        },
      },
      instanceConfiguration: { cpu: props.cpu, memory: props.memory, instanceRoleArn },
      healthCheckConfiguration: hc
        ? {
            protocol: hc.protocol ?? "TCP",
            path: hc.path,
            interval: hc.interval,
            timeout: hc.timeout,
            healthyThreshold: hc.healthyThreshold,
            unhealthyThreshold: hc.unhealthyThreshold,
          }
        : undefined,
      autoScalingConfigurationArn: autoScalingArn,
      // APR-6: all outgoing traffic through the VPC connector. APR-8: incoming is separate.
      networkConfiguration: {
        egressConfiguration: { egressType: "VPC", vpcConnectorArn: props.vpcConnectorArn },
        ingressConfiguration: { isPubliclyAccessible: !props.private },
      },
      tags: { Name: props.name },
      dependsOn: accessReady.length > 0 ? accessReady : undefined,
    });

    if (props.private && props.requestsEndpoint) {
      this.ingressConnection = new ApprunnerVpcIngressConnection(new Construct(this, "_ingress"), "ingress", {
        name: props.name,
        serviceArn: this.service.arn,
        ingressVpcConfiguration: { vpcId: props.vpcId, vpcEndpointId: props.requestsEndpoint.id },
        tags: { Name: props.name },
      });
    }
  }
}
