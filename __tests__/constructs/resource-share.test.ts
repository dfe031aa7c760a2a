import { LAT_3 } from "../../src/check/rules/lat-3";
import { checkResourceShare } from "../../src/plan/lattice";
import { latticeOwner, synthDeployment } from "../support/fixtures";
import { clone, ref, resourcesOf, ruleViolations } from "../support/terraform-json";

const tf = synthDeployment(
  latticeOwner({
    share: {
      name: "shared-services",
      principals: ["444455556666", "arn:aws:organizations::111122223333:ou/o-abcdefghij/ou-ab12-cdef3456"],
      allowExternalPrincipals: false,
    },
  }),
).tf;
const shareArn = ref("aws_ram_resource_share", "lattice_share", "arn");

describe("ResourceShare", () => {
  describe("LAT-3: cross-account sharing through AWS RAM", () => {
    test("one share, external principals stated explicitly, one principal association per consumer", () => {
      expect(resourcesOf(tf, "aws_ram_resource_share").lattice_share).toEqual({
        name: "shared-services",
        allow_external_principals: false,
        tags: { Name: "shared-services" },
      });
      expect(resourcesOf(tf, "aws_ram_principal_association")).toEqual({
        lattice_share_principal_444455556666: { resource_share_arn: shareArn, principal: "444455556666" },
        lattice_share_principal_ou_ab12_cdef3456: {
          resource_share_arn: shareArn,
          principal: "arn:aws:organizations::111122223333:ou/o-abcdefghij/ou-ab12-cdef3456",
        },
      });
    });

    test("each resource configuration is associated with the share", () => {
      expect(resourcesOf(tf, "aws_ram_resource_association")).toEqual({
        lattice_share_rc_service1: {
          resource_share_arn: shareArn,
          resource_arn: ref("aws_vpclattice_resource_configuration", "lattice_rc_service1", "arn"),
        },
      });
    });

    test("no share is made unless asked (sharing is optional)", () => {
      expect(resourcesOf(synthDeployment(latticeOwner({ share: undefined })).tf, "aws_ram_resource_share")).toEqual({});
    });

    test("the checker's LAT-3 passes the generated share and fails broken ones", () => {
      expect(ruleViolations(LAT_3, tf)).toEqual([]);
      const broken = clone(tf);
      delete broken.resource!.aws_ram_resource_share.lattice_share.allow_external_principals;
      delete broken.resource!.aws_ram_principal_association;
      broken.resource!.aws_ram_resource_association.lattice_share_rc_service1.resource_arn =
        "arn:aws:ec2:us-east-1:111122223333:subnet/subnet-0a1b2c3d";
      expect(ruleViolations(LAT_3, broken)).toEqual([
        "aws_ram_resource_share.lattice_share: does not state allow_external_principals",
        "aws_ram_resource_share.lattice_share: has no principal association: nobody is shared with",
        "aws_ram_resource_association.lattice_share_rc_service1: shares arn:aws:ec2:us-east-1:111122223333:subnet/subnet-0a1b2c3d, not a resource configuration",
      ]);
      delete broken.resource!.aws_ram_resource_association;
      expect(ruleViolations(LAT_3, broken)).toContain(
        "aws_ram_resource_share.lattice_share: has no resource association: nothing is shared",
      );
    });

    test.each<[string, { name: string; principals: string[] }, string[]]>([
      [
        "no principals",
        { name: "shared-services", principals: [] },
        ["principals: must name at least one account, organization or OU to share with (LAT-3), got []"],
      ],
      [
        "a short account ID",
        { name: "shared-services", principals: ["12345"] },
        [
          'principals[0]: must be a 12-digit account ID, an organization or OU ARN (arn:aws:organizations::…), or an IAM role or user ARN, got "12345"',
        ],
      ],
      [
        "a principal listed twice",
        { name: "shared-services", principals: ["444455556666", "444455556666"] },
        ['principals[1]: must be listed once, got "444455556666"'],
      ],
      // The RAM API reference gives share names no character or length rule (src/aws/value-rules.ts): only an empty one is refused.
      [
        "an empty name",
        { name: "", principals: ["444455556666"] },
        ['name: must be at least 1 character (RAM resource share name; has 0), got ""'],
      ],
    ])("rejects %s", (_label, props, expected) => {
      expect(
        checkResourceShare({ allowExternalPrincipals: false, ...props }).map((p) => `${p.path}: ${p.rule}, got ${JSON.stringify(p.value)}`),
      ).toEqual(expected);
    });
  });
});
