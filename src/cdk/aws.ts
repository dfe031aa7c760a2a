// Deep imports only: the provider package root loads 2,135 modules (~2 s, ~500 MB per process),
// each deep import ~one module. Add a line here for each resource type the project uses.
export { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
export { Eip } from "@cdktf/provider-aws/lib/eip";
export { IamRole } from "@cdktf/provider-aws/lib/iam-role";
export { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
export { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
export { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
export { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
export { MwaaEnvironment } from "@cdktf/provider-aws/lib/mwaa-environment";
export { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
export { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
export { AwsProvider } from "@cdktf/provider-aws/lib/provider";
export { Route } from "@cdktf/provider-aws/lib/route";
export { Route53ResolverEndpoint } from "@cdktf/provider-aws/lib/route53-resolver-endpoint";
export { RouteTable } from "@cdktf/provider-aws/lib/route-table";
export { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
export { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
export { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
export { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
export { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
export { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
export { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
export { Subnet } from "@cdktf/provider-aws/lib/subnet";
export { Vpc } from "@cdktf/provider-aws/lib/vpc";
export { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
export { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
export { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
