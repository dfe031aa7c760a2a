// Deep imports only: the provider package root loads 2,135 modules (~2 s, ~500 MB per process),
// each deep import ~one module. Add a line here for each resource type the project uses.
export { AwsProvider } from "@cdktf/provider-aws/lib/provider";
export { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
export { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
export { RouteTable } from "@cdktf/provider-aws/lib/route-table";
export { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
export { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
export { Subnet } from "@cdktf/provider-aws/lib/subnet";
export { Vpc } from "@cdktf/provider-aws/lib/vpc";
export { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
export { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
export { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
