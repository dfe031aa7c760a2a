import { Construct } from "../cdk/cdktf";
import {
  RamPrincipalAssociation,
  RamResourceAssociation,
  RamResourceShare,
  Route53ProfilesProfile,
  Route53ProfilesResourceAssociation,
  Route53Zone,
} from "../cdk/aws";
import { addOutput } from "./scope";

export interface HubProfileProps {
  /** The Profile's name, which the spokes find it by (`hubProfileName`). */
  readonly name: string;
  /** The hub's zones by service (EndpointZones.zones). */
  readonly zones: ReadonlyMap<string, Route53Zone>;
  /** Other accounts the Profile is shared with through AWS RAM (the spokes' accounts). */
  readonly shareWithAccounts: readonly string[];
}

/**
 * A hub's zones in one Route 53 Profile (`hub.dns: profile`): each spoke associates the Profile
 * with its VPC, once, instead of associating its VPC with every zone (and, in another account,
 * being authorized for every zone first). Shared with other accounts through RAM with the default
 * (read-only) permission: "the other account can associate the Profile to their VPCs" (Route 53
 * Developer Guide, "Working with shared Route 53 Profiles",
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/sharing-profiles.html, read
 * 2026-12-02). A VPC can have only one Profile (API Reference, AssociateProfile).
 */
export class HubProfile extends Construct {
  readonly profile: Route53ProfilesProfile;

  constructor(scope: Construct, id: string, props: HubProfileProps) {
    super(scope, id);
    this.profile = new Route53ProfilesProfile(this, "Default", { name: props.name, tags: { Name: props.name } });
    for (const [service, zone] of props.zones) {
      const label = service.replace(/[^a-z0-9]+/g, "_");
      new Route53ProfilesResourceAssociation(this, `zone_${label}`, {
        name: `${props.name}-${label}`.replace(/_/g, "-"),
        profileId: this.profile.id,
        resourceArn: zone.arn,
      });
    }
    if (props.shareWithAccounts.length > 0) {
      const share = new RamResourceShare(this, "share", {
        name: props.name,
        allowExternalPrincipals: false,
        tags: { Name: props.name },
      });
      new RamResourceAssociation(this, "share_profile", { resourceArn: this.profile.arn, resourceShareArn: share.arn });
      for (const account of props.shareWithAccounts)
        new RamPrincipalAssociation(this, `share_${account}`, { principal: account, resourceShareArn: share.arn });
    }
    addOutput(
      this,
      "hub_profile_id",
      this.profile.id,
      "The Route 53 Profile holding the hub's zones: each spoke associates it with its VPC",
    );
  }
}
