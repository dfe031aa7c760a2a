import { Construct, Fn } from "../cdk/cdktf";
import { ApprunnerAutoScalingConfigurationVersion, ApprunnerService, ApprunnerVpcIngressConnection, IamRole, IamRolePolicy, IamRolePolicyAttachment, VpcEndpoint } from "../cdk/aws";
import { APPRUNNER_CPU, APPRUNNER_MEMORY } from "../aws/names";
import { assertNoProblems, Problem } from "../problems";
import { checkValue } from "../aws/value-rules";


const SECRET_ARN_RE = /^arn:aws:(secretsmanager:[a-z0-9-]+:\d{12}:secret:.+|ssm:[a-z0-9-]+:\d{12}:parameter\/.+)$/;
const ECR_IMAGE_RE = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/.+$/;
const ECR_PUBLIC_IMAGE_RE = /^public\.ecr\.aws\/.+$/;

export interface AppRunnerServiceProps {
  /** 4–40 characters (App Runner name rules). */
  readonly name: string;
  /** The deployment's connector ARN (APR-6, APR-7). */
  readonly vpcConnectorArn: string;
  readonly image: {
    /** `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>` or `public.ecr.aws/<…>` */
    readonly identifier: string;
    readonly repositoryType: "ECR" | "ECR_PUBLIC";
    /** @default 8080 */
    readonly port?: number;
    /** @default - the image's own */
    readonly startCommand?: string;
  };
  /** @default "1 vCPU" */
  readonly cpu?: (typeof APPRUNNER_CPU)[number];
  /** @default "2 GB" */
  readonly memory?: (typeof APPRUNNER_MEMORY)[number];
  /** Plain settings. Never secrets: use `secrets`. @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /** Environment variables read from Secrets Manager or SSM Parameter Store, by ARN: no secret value is written anywhere. @default - none */
  readonly secrets?: Readonly<Record<string, string>>;
  /** @default - TCP health check on the port */
  readonly healthCheck?: { readonly protocol?: "TCP" | "HTTP"; readonly path?: string; readonly interval?: number; readonly timeout?: number; readonly healthyThreshold?: number; readonly unhealthyThreshold?: number };
  /** @default - App Runner's default auto scaling */
  readonly autoScaling?: { readonly minSize: number; readonly maxSize: number; readonly maxConcurrency: number };
  /**
   * Serve only inside the VPC: no public endpoint, a VPC ingress connection through the
   * deployment's `apprunner.requests` interface endpoint (APR-8).
   * @default false
   */
  readonly private?: boolean;
  /** The deployment's `apprunner.requests` endpoint (needed when private). */
  readonly requestsEndpoint?: VpcEndpoint;
  readonly vpcId: string;
}

/** Problems with a service's props; paths relative to the props (config: `apprunner.services[i]`). */
export function checkAppRunnerService(p: Omit<AppRunnerServiceProps, "vpcConnectorArn" | "requestsEndpoint" | "vpcId">): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, rule: string) => problems.push({ path, value, rule });
  // The name is also the VPC ingress connection's name (same rule) and, cut to 32, the auto scaling configuration's.
  problems.push(...checkValue("name", p.name, "apprunner.service-name"));
  const img = p.image;
  if (img.repositoryType === "ECR" && !ECR_IMAGE_RE.test(img.identifier)) add("image.identifier", img.identifier, "must be an ECR image: <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>");
  if (img.repositoryType === "ECR_PUBLIC" && !ECR_PUBLIC_IMAGE_RE.test(img.identifier)) add("image.identifier", img.identifier, "must be an ECR Public image: public.ecr.aws/<alias>/<repository>:<tag>");
  if (img.port !== undefined && (!Number.isInteger(img.port) || img.port < 1 || img.port > 65535)) add("image.port", img.port, "must be a port from 1 to 65535");
  for (const [k, v] of Object.entries(p.secrets ?? {})) {
    // Not echoed: a value here is most likely the secret itself.
    if (!SECRET_ARN_RE.test(v)) add(`secrets.${k}`, "(hidden)", "must be the ARN of a Secrets Manager secret or an SSM parameter, never a value (secrets do not go into generated files)");
  }
  for (const k of Object.keys(p.environment ?? {})) {
    if (p.secrets && k in p.secrets) add(`environment.${k}`, p.environment![k], "is also in secrets: give it once");
    if (/(^|_)(PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE_KEY)$/i.test(k)) add(`environment.${k}`, "(hidden)", "looks like a secret: put its Secrets Manager or SSM ARN under secrets instead, so no value lands in generated files");
  }
  const hc = p.healthCheck;
  if (hc?.path !== undefined && hc.protocol !== "HTTP") add("healthCheck.path", hc.path, "is only used with protocol HTTP");
  const as = p.autoScaling;
  if (as) {
    if (!Number.isInteger(as.minSize) || as.minSize < 1 || as.minSize > 25) add("autoScaling.minSize", as.minSize, "must be a whole number from 1 to 25");
    if (!Number.isInteger(as.maxSize) || as.maxSize < as.minSize || as.maxSize > 25) add("autoScaling.maxSize", as.maxSize, "must be a whole number from minSize to 25");
    if (!Number.isInteger(as.maxConcurrency) || as.maxConcurrency < 1 || as.maxConcurrency > 200) add("autoScaling.maxConcurrency", as.maxConcurrency, "must be a whole number from 1 to 200");
  }
  return problems;
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
    assertNoProblems(checkAppRunnerService(props));
    if (props.private && !props.requestsEndpoint) throw new Error("AppRunnerService: a private service needs the deployment's apprunner.requests endpoint");
    const trust = (service: string) => Fn.jsonencode({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });

    let accessRoleArn: string | undefined;
    if (props.image.repositoryType === "ECR") {
      // App Runner pulls private ECR images with this role (AWS's managed policy for exactly that).
      const access = new IamRole(new Construct(this, "_access"), "access", { name: `apprunner-${props.name}-access`, assumeRolePolicy: trust("build.apprunner.amazonaws.com") });
      new IamRolePolicyAttachment(new Construct(this, "_access_policy"), "access", {
        role: access.name,
        policyArn: "arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess",
      });
      accessRoleArn = access.arn;
    }

    let instanceRoleArn: string | undefined;
    const secretArns = Object.values(props.secrets ?? {});
    if (secretArns.length > 0) {
      const instance = new IamRole(new Construct(this, "_instance"), "instance", { name: `apprunner-${props.name}-instance`, assumeRolePolicy: trust("tasks.apprunner.amazonaws.com") });
      const sm = secretArns.filter((a) => a.startsWith("arn:aws:secretsmanager:"));
      const ssm = secretArns.filter((a) => a.startsWith("arn:aws:ssm:"));
      new IamRolePolicy(new Construct(this, "_instance_policy"), "instance", {
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
            port: String(props.image.port ?? 8080),
            startCommand: props.image.startCommand,
            runtimeEnvironmentVariables: props.environment && Object.keys(props.environment).length ? { ...props.environment } : undefined,
            runtimeEnvironmentSecrets: props.secrets && Object.keys(props.secrets).length ? { ...props.secrets } : undefined,
          },
        },
      },
      instanceConfiguration: { cpu: props.cpu ?? "1 vCPU", memory: props.memory ?? "2 GB", instanceRoleArn },
      healthCheckConfiguration: hc
        ? { protocol: hc.protocol ?? "TCP", path: hc.path, interval: hc.interval, timeout: hc.timeout, healthyThreshold: hc.healthyThreshold, unhealthyThreshold: hc.unhealthyThreshold }
        : undefined,
      autoScalingConfigurationArn: autoScalingArn,
      // APR-6: all outgoing traffic through the VPC connector. APR-8: incoming is separate.
      networkConfiguration: {
        egressConfiguration: { egressType: "VPC", vpcConnectorArn: props.vpcConnectorArn },
        ingressConfiguration: { isPubliclyAccessible: !props.private },
      },
      tags: { Name: props.name },
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
