import { Construct } from "../cdk/cdktf";
import { RamPrincipalAssociation, RamResourceAssociation, RamResourceShare } from "../cdk/aws";
import { snakeName } from "../aws/lattice";

export interface ResourceShareProps {
  /** The share's name, e.g. `shared-services`. */
  readonly name: string;
  /** Account IDs, organization or OU ARNs, IAM role or user ARNs. */
  readonly principals: readonly string[];
  /** Allow principals outside the organization. Written explicitly either way. @default false */
  readonly allowExternalPrincipals?: boolean;
  /** What to share, by a stable name (the address suffix) and ARN. */
  readonly resources: readonly { readonly name: string; readonly arn: string }[];
}

/**
 * An AWS RAM resource share for resource configurations (LAT-3): one share packages the related
 * services (the AWS News Blog post on resource sharing calls it `shared-services`), one principal association per consumer and one
 * resource association per configuration. RAM attaches its default permission for resource
 * configurations, AWSRAMPermissionVpcLatticeResourceConfiguration, which is what EventBridge needs
 * to associate a shared configuration
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/connection-private-rc-provider.html).
 */
export class ResourceShare extends Construct {
  readonly share: RamResourceShare;

  constructor(scope: Construct, id: string, props: ResourceShareProps) {
    super(scope, id);
    this.share = new RamResourceShare(this, "Default", {
      name: props.name,
      // Explicit, so a reviewer sees whether accounts outside the organization can be added.
      allowExternalPrincipals: props.allowExternalPrincipals ?? false,
      tags: { Name: props.name },
    });
    props.principals.forEach((principal) => {
      new RamPrincipalAssociation(this, `principal_${principalName(principal)}`, { resourceShareArn: this.share.arn, principal });
    });
    props.resources.forEach((r) => {
      new RamResourceAssociation(this, snakeName(r.name), { resourceShareArn: this.share.arn, resourceArn: r.arn });
    });
  }
}

/** A stable address part for a principal: the account ID, or the last part of an ARN. */
function principalName(principal: string): string {
  return snakeName(principal.split(/[/:]/).filter(Boolean).pop() ?? principal);
}
